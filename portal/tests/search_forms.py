"""Inflected Finnish and Swedish words of the demo data, each with the records it must find.

A user types a word as it comes to mind: in any case, in the plural, with a possessive suffix,
or as a compound. Every form below is a word the demo's texts hold in another form (the base
form, or another case), and its records are the ones that hold it. ``test_search_recall``
searches each form and reports the share that finds all its records.

Records are (search type, title as the search page shows it in Finnish). The two Swedish
records of ``SWEDISH_MEETING`` are not in the demo, whose Swedish texts hold no meetings:
the test adds them.
"""

WORKING_GROUP_MEETING = ("meetings", "Kehittämisalueen työryhmän kokous")
JOINT_WORKSHOP = ("meetings", "Oppilaitosten ja kärkihankkeiden (I&O ja LAPE) yhteinen työpaja")
WORKING_GROUP_MINUTES = ("minutes", "Kehittämisalueen työryhmän kokous")
UUSIMAA = ("projects", "LAPE Uusimaa – Yhdessä olemme enemmän")
CAPITAL_REGION = ("projects", "Lapsen paras – yhdessä enemmän")
PAIJAT_HAME = ("projects", "Päijät-Hämeen LAPE")
OSTROBOTHNIA = ("projects", "LAPE Pohjanmaa")
SWEDISH_MEETING = ("meetings", "Mötet om familjecentralerna")


def municipality(name: str) -> tuple[str, str]:
    return ("municipalities", name)


def organisation(name: str) -> tuple[str, str]:
    return ("organisations", name)


def attachment(title: str) -> tuple[str, str]:
    return ("attachments", title)


CHANGE_AGENT_NEWS = attachment("Muutosagentin ajankohtaiset toukokuu 2018")
ASSESSMENT = attachment("LIITE Monialaisen arvioinnin työrukkanen 14.2.2018")
FAMILIES = attachment("Perheet keskiöön_Uusimaa VARKO_260318")
SCHOOL_HEALTH_SURVEY = attachment("Porvoo kouluterveyskyselyn 2017 kasittely")
COACHING = attachment("Työyhteisövalmennus Lohja")
SCHOOL_FAMILY_WORK = attachment("Koulun perhetyö Järvenpää")
SUBSTANCE_ABUSE = attachment("Ehkäisevä päihdetyö Järvenpää")
OMAOLO = attachment("OMAOLO-projekti ODA Porvoo")
ATTACHMENT = attachment("LIITE Muutosagentin ajankohtaiset")
INVITATION = attachment("VIPalueell_kutsukirje_SU")
KIVA_SCHOOL = attachment("KiVa skola i LNH 2017-18_suP")
GATHERING = attachment("VIPInbjudan.regional samling.2018")

# (form, the records it must find); comments give the form in the demo's text.
FORMS: list[tuple[str, tuple[tuple[str, str], ...]]] = [
    # kokous (meeting titles): the -us noun whose other cases are built on "kokoukse-"
    ("kokouksen", (WORKING_GROUP_MEETING,)),
    ("kokouksessa", (WORKING_GROUP_MEETING,)),
    ("kokoukset", (WORKING_GROUP_MEETING,)),
    ("kokouksiin", (WORKING_GROUP_MEETING,)),
    ("kokouksia", (WORKING_GROUP_MEETING,)),
    ("kokouksista", (WORKING_GROUP_MEETING,)),
    ("kokoukseen", (WORKING_GROUP_MEETING,)),
    ("kokousten", (WORKING_GROUP_MEETING,)),
    ("kokouksemme", (WORKING_GROUP_MEETING,)),
    ("kokouksessakin", (WORKING_GROUP_MEETING,)),
    # työryhmän (meeting titles)
    ("työryhmä", (WORKING_GROUP_MEETING,)),
    ("työryhmässä", (WORKING_GROUP_MEETING,)),
    ("työryhmien", (WORKING_GROUP_MEETING,)),
    ("työryhmille", (WORKING_GROUP_MEETING,)),
    ("työryhmäämme", (WORKING_GROUP_MEETING,)),
    # kehittämisalueen (meeting titles)
    ("kehittämisalue", (WORKING_GROUP_MEETING,)),
    ("kehittämisalueella", (WORKING_GROUP_MEETING,)),
    ("kehittämisalueet", (WORKING_GROUP_MEETING,)),
    ("kehittämisalueiden", (WORKING_GROUP_MEETING,)),
    # työpaja (the joint workshop)
    ("työpajassa", (JOINT_WORKSHOP,)),
    ("työpajoissa", (JOINT_WORKSHOP,)),
    ("työpajaan", (JOINT_WORKSHOP,)),
    ("työpajoihin", (JOINT_WORKSHOP,)),
    ("työpajan", (JOINT_WORKSHOP,)),
    # yhteinen
    ("yhteisen", (JOINT_WORKSHOP,)),
    ("yhteiseen", (JOINT_WORKSHOP,)),
    ("yhteisessä", (JOINT_WORKSHOP,)),
    # kärkihankkeiden
    ("kärkihanke", (JOINT_WORKSHOP,)),
    ("kärkihankkeen", (JOINT_WORKSHOP,)),
    ("kärkihankkeessa", (JOINT_WORKSHOP,)),
    # oppilaitosyhteistyö (theme of the joint workshop)
    ("oppilaitosyhteistyön", (JOINT_WORKSHOP,)),
    ("oppilaitosyhteistyössä", (JOINT_WORKSHOP,)),
    # oppilaitos (theme of the working group)
    ("oppilaitoksen", (WORKING_GROUP_MEETING,)),
    ("oppilaitoksessa", (WORKING_GROUP_MEETING,)),
    ("oppilaitokset", (WORKING_GROUP_MEETING,)),
    ("oppilaitoksiin", (WORKING_GROUP_MEETING,)),
    # varhaiskasvatus (theme of the working group)
    ("varhaiskasvatuksen", (WORKING_GROUP_MEETING,)),
    ("varhaiskasvatuksessa", (WORKING_GROUP_MEETING,)),
    ("varhaiskasvatukseen", (WORKING_GROUP_MEETING,)),
    # hyvinvoinnin (theme of the working group)
    ("hyvinvointi", (WORKING_GROUP_MEETING,)),
    ("hyvinvointia", (WORKING_GROUP_MEETING,)),
    ("hyvinvointiin", (WORKING_GROUP_MEETING,)),
    # tukena (theme of the working group)
    ("tuki", (WORKING_GROUP_MEETING,)),
    ("tuen", (WORKING_GROUP_MEETING,)),
    # koulu (theme of the working group)
    ("koulussa", (WORKING_GROUP_MEETING,)),
    ("kouluun", (WORKING_GROUP_MEETING,)),
    ("koulujen", (WORKING_GROUP_MEETING,)),
    # muistion, ajankohtaiset asiat, puheenjohtajakuntien, osakokonaisuudet, maakunnalliset,
    # lähdeaineistossa, portaalin (the minutes)
    ("muistio", (WORKING_GROUP_MINUTES,)),
    ("muistiossa", (WORKING_GROUP_MINUTES,)),
    ("muistiot", (WORKING_GROUP_MINUTES,)),
    ("ajankohtainen", (WORKING_GROUP_MINUTES,)),
    ("ajankohtaisista", (WORKING_GROUP_MINUTES,)),
    ("asioita", (WORKING_GROUP_MINUTES,)),
    ("asioista", (WORKING_GROUP_MINUTES,)),
    ("puheenjohtajakunta", (WORKING_GROUP_MINUTES,)),
    ("puheenjohtajakunnat", (WORKING_GROUP_MINUTES,)),
    ("puheenjohtajakunnissa", (WORKING_GROUP_MINUTES,)),
    ("osakokonaisuus", (WORKING_GROUP_MINUTES,)),
    ("osakokonaisuuksia", (WORKING_GROUP_MINUTES,)),
    ("osakokonaisuuteen", (WORKING_GROUP_MINUTES,)),
    ("maakunnallinen", (WORKING_GROUP_MINUTES,)),
    ("maakunnallisessa", (WORKING_GROUP_MINUTES,)),
    ("lähdeaineisto", (WORKING_GROUP_MINUTES,)),
    ("lähdeaineiston", (WORKING_GROUP_MINUTES,)),
    ("portaali", (WORKING_GROUP_MINUTES,)),
    ("portaalissa", (WORKING_GROUP_MINUTES,)),
    # LAPE Uusimaa: hanke, kuntaa/kuntiin, kaupungin, helmikuussa, kuntakonsortiona,
    # perhekeskustoimintamalliin, kehittämiskokonaisuuteen, palvelujen, lapsiystävällisen
    # hallinnon malleja, tilaisuuksien, rahoitusosuudella, kutsut
    ("hankkeessa", (UUSIMAA,)),
    ("hankkeet", (UUSIMAA,)),
    ("hankkeeseen", (UUSIMAA,)),
    ("kunta", (UUSIMAA,)),
    ("kunnassa", (UUSIMAA,)),
    ("kuntien", (UUSIMAA,)),
    ("kaupunki", (UUSIMAA,)),
    ("kaupungissa", (UUSIMAA,)),
    ("helmikuu", (UUSIMAA,)),
    ("kuntakonsortio", (UUSIMAA,)),
    ("kuntakonsortiossa", (UUSIMAA,)),
    ("perhekeskustoimintamalli", (UUSIMAA,)),
    ("perhekeskustoimintamallissa", (UUSIMAA,)),
    ("kehittämiskokonaisuus", (UUSIMAA,)),
    ("kehittämiskokonaisuuksia", (UUSIMAA,)),
    ("kehittämiskokonaisuuksien", (UUSIMAA,)),
    ("palvelu", (UUSIMAA,)),
    ("palveluissa", (UUSIMAA,)),
    ("lapsiystävällinen", (UUSIMAA,)),
    ("lapsiystävällisessä", (UUSIMAA,)),
    ("hallinto", (UUSIMAA,)),
    ("hallinnossa", (UUSIMAA,)),
    ("lapsiystävällinen hallinto", (UUSIMAA,)),
    ("malli", (UUSIMAA,)),
    ("mallien", (UUSIMAA,)),
    ("tilaisuudessa", (UUSIMAA,)),
    ("tilaisuuksia", (UUSIMAA,)),
    ("rahoitusosuus", (UUSIMAA,)),
    ("kutsu", (UUSIMAA,)),
    # Lapsen paras: LAPE-muutosohjelman, pilottihanke, pääkaupunkiseudulla, valtionavustusta,
    # työntekijän, perhekeskustoiminnan, moniammatillisen, tukikeskuksen, suunnitteluun,
    # toimenpiteissä, maahanmuuttaja-, turvapaikanhakijaperheiden, lasten, eroauttamista
    ("muutosohjelma", (CAPITAL_REGION,)),
    ("muutosohjelmassa", (CAPITAL_REGION,)),
    ("pilottihankkeen", (CAPITAL_REGION,)),
    ("pilottihankkeet", (CAPITAL_REGION,)),
    ("pääkaupunkiseutu", (CAPITAL_REGION,)),
    ("pääkaupunkiseudulle", (CAPITAL_REGION,)),
    ("valtionavustus", (CAPITAL_REGION,)),
    ("valtionavustuksen", (CAPITAL_REGION,)),
    ("työntekijä", (CAPITAL_REGION,)),
    ("työntekijöitä", (CAPITAL_REGION,)),
    ("perhekeskustoiminta", (CAPITAL_REGION,)),
    ("moniammatillinen", (CAPITAL_REGION,)),
    ("tukikeskus", (CAPITAL_REGION,)),
    ("tukikeskuksessa", (CAPITAL_REGION,)),
    ("suunnittelussa", (CAPITAL_REGION,)),
    ("toimenpide", (CAPITAL_REGION,)),
    ("toimenpiteet", (CAPITAL_REGION,)),
    ("maahanmuuttajat", (CAPITAL_REGION,)),
    ("maahanmuuttajille", (CAPITAL_REGION,)),
    ("turvapaikanhakijaperhe", (CAPITAL_REGION,)),
    ("lapsi", (CAPITAL_REGION,)),
    ("lapsille", (CAPITAL_REGION,)),
    ("eroauttaminen", (CAPITAL_REGION,)),
    # Päijät-Hämeen LAPE: hankekolmikon, alueeseen
    ("hankekolmikko", (PAIJAT_HAME,)),
    ("alueilla", (PAIJAT_HAME,)),
    # LAPE Pohjanmaa: Pohjanmaan, LAPE-tiimissä, muutosagentti, projektityöntekijää,
    # maakuntauudistusta, perhekeskuksen, erityispalveluiden, maakunnassa,
    # perhekeskustyöryhmä
    ("pohjanmaalla", (OSTROBOTHNIA,)),
    ("pohjanmaalle", (OSTROBOTHNIA,)),
    ("tiimi", (OSTROBOTHNIA,)),
    ("tiimit", (OSTROBOTHNIA,)),
    ("muutosagentit", (OSTROBOTHNIA,)),
    ("muutosagenttien", (OSTROBOTHNIA,)),
    ("projektityöntekijä", (OSTROBOTHNIA,)),
    ("projektityöntekijöitä", (OSTROBOTHNIA,)),
    ("maakuntauudistus", (OSTROBOTHNIA,)),
    ("maakuntauudistuksen", (OSTROBOTHNIA,)),
    ("perhekeskus", (OSTROBOTHNIA,)),
    ("perhekeskuksessa", (OSTROBOTHNIA,)),
    ("perhekeskukset", (OSTROBOTHNIA,)),
    ("erityispalvelut", (OSTROBOTHNIA,)),
    ("maakunta", (OSTROBOTHNIA,)),
    ("maakuntien", (OSTROBOTHNIA,)),
    ("perhekeskustyöryhmässä", (OSTROBOTHNIA,)),
    # Organisations
    ("keskusliiton", (organisation("Lastensuojelun Keskusliitto"),)),
    ("lastensuojelussa", (organisation("Lastensuojelun Keskusliitto"),)),
    ("terveysministeriön", (organisation("Sosiaali- ja terveysministeriö"),)),
    ("kulttuuriministeriössä", (organisation("Opetus- ja kulttuuriministeriö"),)),
    ("opetushallituksen", (organisation("Opetushallitus"),)),
    ("laitoksen", (organisation("Terveyden ja hyvinvoinnin laitos"),)),
    ("yliopistossa", (organisation("Helsingin yliopisto"),)),
    ("ammattikorkeakoulussa", (organisation("Diakonia-ammattikorkeakoulu"),)),
    ("väestöliiton", (organisation("Väestöliitto"),)),
    ("lapsikylässä", (organisation("SOS-Lapsikylä"),)),
    ("sairaanhoitopiirin", (organisation("Helsingin ja Uudenmaan sairaanhoitopiiri"),)),
    ("kuntayhtymässä", (organisation("Keski-Uudenmaan sote -kuntayhtymä"),)),
    ("osaamiskeskuksen", (organisation("Lastensuojelun osaamiskeskus Verso"),)),
    ("seurakunta", (organisation("Uudenmaan alueen evankelis-luterilaiset seurakunnat"),)),
    ("seurakuntien", (organisation("Uudenmaan alueen evankelis-luterilaiset seurakunnat"),)),
    ("lastensuojeluliitto", (organisation("Mannerheimin Lastensuojeluliiton Uudenmaan piiri"),)),
    ("sosiaalialalla", (organisation("Sosiaalialan osaamiskeskus Sosiaalitaito"),)),
    ("klinikkasäätiön", (organisation("A-klinikkasäätiö"),)),
    # Municipalities, where something happens
    ("helsingissä", (municipality("Helsinki"),)),
    ("porvoossa", (municipality("Porvoo"),)),
    ("espoossa", (municipality("Espoo"),)),
    ("vantaalla", (municipality("Vantaa"),)),
    ("lohjalla", (municipality("Lohja"),)),
    ("hyvinkäällä", (municipality("Hyvinkää"),)),
    ("järvenpäässä", (municipality("Järvenpää"),)),
    ("keravalla", (municipality("Kerava"),)),
    ("kirkkonummella", (municipality("Kirkkonummi"),)),
    ("tuusulassa", (municipality("Tuusula"),)),
    ("sipoossa", (municipality("Sipoo"),)),
    ("nurmijärvellä", (municipality("Nurmijärvi"),)),
    ("lapinjärvellä", (municipality("Lapinjärvi"),)),
    ("mäntsälässä", (municipality("Mäntsälä"),)),
    ("loviisassa", (municipality("Loviisa"),)),
    ("hangossa", (municipality("Hanko"),)),
    ("inkoossa", (municipality("Inkoo"),)),
    ("raaseporissa", (municipality("Raasepori"),)),
    ("vihdissä", (municipality("Vihti"),)),
    ("karkkilassa", (municipality("Karkkila"),)),
    ("kauniaisissa", (municipality("Kauniainen"),)),
    ("myrskylässä", (municipality("Myrskylä"),)),
    ("pornaisissa", (municipality("Pornainen"),)),
    ("siuntiossa", (municipality("Siuntio"),)),
    ("orimattilassa", (municipality("Orimattila"),)),
    # Attachments' titles and texts (tiedosto, sisältö, esimerkkiliite, demoaineisto)
    ("toukokuussa", (CHANGE_AGENT_NEWS,)),
    ("arviointi", (ASSESSMENT,)),
    ("arviointiin", (ASSESSMENT,)),
    ("monialainen", (ASSESSMENT,)),
    ("työrukkasen", (ASSESSMENT,)),
    ("kutsukirjeen", (INVITATION,)),
    ("kutsukirjeet", (INVITATION,)),
    ("perhe", (FAMILIES,)),
    ("perheen", (FAMILIES,)),
    ("perheille", (FAMILIES,)),
    ("keskiössä", (FAMILIES,)),
    ("kouluterveyskysely", (SCHOOL_HEALTH_SURVEY,)),
    ("kouluterveyskyselyssä", (SCHOOL_HEALTH_SURVEY,)),
    ("työyhteisövalmennuksen", (COACHING,)),
    ("työyhteisövalmennukseen", (COACHING,)),
    ("perhetyön", (SCHOOL_FAMILY_WORK,)),
    ("perhetyössä", (SCHOOL_FAMILY_WORK,)),
    ("päihdetyön", (SUBSTANCE_ABUSE,)),
    ("ehkäisevän", (SUBSTANCE_ABUSE,)),
    ("projektin", (OMAOLO,)),
    ("projektissa", (OMAOLO,)),
    ("liitteessä", (ATTACHMENT,)),
    ("liitteet", (ATTACHMENT,)),
    ("liitteitä", (ATTACHMENT,)),
    ("tiedoston", (COACHING,)),
    ("tiedostossa", (COACHING,)),
    ("sisällön", (COACHING,)),
    ("sisältöä", (COACHING,)),
    ("esimerkkiliitteen", (COACHING,)),
    ("demoaineiston", (COACHING,)),
    # Swedish: LAPE Österbotten (förändringsagent, projektarbetare, arbetar/arbetet,
    # hälsovårdsreformen, landskapsreformen, team), Nyland, Barnets bästa, Tavastland
    ("förändringsagenten", (OSTROBOTHNIA,)),
    ("förändringsagenter", (OSTROBOTHNIA,)),
    ("förändringsagenterna", (OSTROBOTHNIA,)),
    ("projektarbetaren", (OSTROBOTHNIA,)),
    ("projektarbetarna", (OSTROBOTHNIA,)),
    ("arbete", (OSTROBOTHNIA,)),
    ("hälsovårdsreform", (OSTROBOTHNIA,)),
    ("hälsovårdsreformer", (OSTROBOTHNIA,)),
    ("landskapsreform", (OSTROBOTHNIA,)),
    ("landskapsreformerna", (OSTROBOTHNIA,)),
    ("österbottens", (OSTROBOTHNIA,)),
    ("teamet", (OSTROBOTHNIA,)),
    ("nylands", (UUSIMAA,)),
    ("barnet", (CAPITAL_REGION,)),
    ("barnen", (CAPITAL_REGION,)),
    ("tavastlands", (PAIJAT_HAME,)),
    # Swedish names of municipalities, in the genitive
    ("borgås", (municipality("Porvoo"),)),
    ("esbos", (municipality("Espoo"),)),
    ("vandas", (municipality("Vantaa"),)),
    ("hangös", (municipality("Hanko"),)),
    ("lojos", (municipality("Lohja"),)),
    ("sibbos", (municipality("Sipoo"),)),
    ("grankullas", (municipality("Kauniainen"),)),
    ("kyrkslätts", (municipality("Kirkkonummi"),)),
    ("ingås", (municipality("Inkoo"),)),
    ("sjundeås", (municipality("Siuntio"),)),
    ("raseborgs", (municipality("Raasepori"),)),
    ("träskändas", (municipality("Järvenpää"),)),
    # Swedish organisation and attachments: kompetenscentret, området; skola, samling
    ("kompetenscentrets", (organisation("Svenska kompetenscentret inom det sociala området"),)),
    ("områden", (organisation("Svenska kompetenscentret inom det sociala området"),)),
    ("skolan", (KIVA_SCHOOL,)),
    ("skolor", (KIVA_SCHOOL,)),
    ("samlingen", (GATHERING,)),
    ("samlingar", (GATHERING,)),
    # Swedish: the meeting the test adds
    ("möte", (SWEDISH_MEETING,)),
    ("mötet", (SWEDISH_MEETING,)),
    ("möten", (SWEDISH_MEETING,)),
    ("familjecentral", (SWEDISH_MEETING,)),
    ("familjecentralen", (SWEDISH_MEETING,)),
    ("familjecentralens", (SWEDISH_MEETING,)),
]
