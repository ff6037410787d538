"""The LAPE projects of the seeds with their consortia, partners, funding and contacts."""

import datetime
from decimal import Decimal

from django.db.models import Q

from municipalities.models import (
    Consortium,
    ConsortiumMembership,
    MembershipRole,
    Municipality,
    Organisation,
    Participation,
    Region,
    ServiceArrangement,
    ServiceKind,
)
from portal.demo.upsert import upsert
from projects.models import (
    AreaScope,
    BudgetLine,
    BudgetLineExample,
    Contact,
    ContactRole,
    Cooperation,
    CostCategory,
    DevelopmentArea,
    Expense,
    ExpenseExample,
    FunderRequest,
    FunderRequestKind,
    GrantDecision,
    PartnerRole,
    Project,
    ProjectDevelopmentArea,
    ProjectExample,
    ProjectPartner,
    ProjectStatus,
)

PROGRAMME_START = datetime.date(2017, 1, 1)
PROGRAMME_END = datetime.date(2018, 12, 31)

UUSIMAA_MEMBERS = [
    "Karkkila", "Vihti", "Järvenpää", "Hyvinkää", "Mäntsälä", "Pornainen", "Nurmijärvi",
    "Lohja", "Loviisa", "Lapinjärvi", "Porvoo", "Askola", "Inkoo", "Tuusula", "Siuntio",
    "Sipoo", "Raasepori", "Hanko",
]  # fmt: skip
# Not in the consortium and without a funded share, but every invitation of the project went to
# them as well (seed 001): invited to its meetings, not members.
UUSIMAA_INVITED = ["Myrskylä", "Pukkila"]
CAPITAL_REGION_MUNICIPALITIES = [
    "Espoo", "Helsinki", "Kauniainen", "Kerava", "Kirkkonummi", "Vantaa",
]  # fmt: skip

UUSIMAA_DESCRIPTION = (
    "LAPE Uusimaa -hanke ”Yhdessä olemme enemmän” käynnistyi helmikuussa 2017. Hanketta "
    "toteutti kahdeksantoista Uudenmaan kuntaa Lohjan kaupungin hallinnoimana "
    "kuntakonsortiona. Hanke kohdistui perhekeskustoimintamalliin ja varhaiskasvatuksen, "
    "koulun ja oppilaitoksen kehittämiskokonaisuuteen kokonaan sekä erityis- ja vaativamman "
    "tason palvelujen kehittämiskokonaisuuden oleellisimpiin osiin. Lisäksi hankkeessa "
    "kehitettiin lapsiystävällisen hallinnon malleja.\n\n"
    "Myrskylä ja Pukkila eivät olleet rahoitusosuudella mukana, mutta hanke välitti kaikkien "
    "tilaisuuksien ja työpajojen kutsut myös näihin kuntiin."
)
CAPITAL_REGION_DESCRIPTION = (
    "Lapsen paras – yhdessä enemmän on LAPE-muutosohjelman pilottihanke pääkaupunkiseudulla. "
    "Valtionavustusta käytetään esimerkiksi 17 työntekijän palkkaamiseen, "
    "perhekeskustoiminnan aloittamiseen ja moniammatillisen osaamisen tukikeskuksen "
    "(OT-keskus) suunnitteluun. Toimenpiteissä priorisoidaan eroauttamista sekä "
    "maahanmuuttaja- ja turvapaikanhakijaperheiden ja lasten palvelujen kehittämistä."
)
OSTROBOTHNIA_DESCRIPTION = (
    "Pohjanmaan LAPE-tiimissä toimivat muutosagentti ja kaksi projektityöntekijää. Työtä "
    "tehdään koko Pohjanmaan alueella osana sote- ja maakuntauudistusta. Hanke jakautuu "
    "perhekeskuksen kehittämiseen ja erityispalveluiden kehittämiseen; maakunnassa toimivat "
    "perhekeskustyöryhmä sekä varhaiskasvatus, koulu ja oppilaitos -työryhmä."
)
OSTROBOTHNIA_DESCRIPTION_SV = (
    "I Österbottens LAPE-team arbetar en förändringsagent och två projektarbetare. Arbetet "
    "görs i hela Österbotten som en del av social- och hälsovårdsreformen och "
    "landskapsreformen."
)
PAIJAT_HAME_DESCRIPTION = (
    "Päijät-Hämeen LAPE muodosti LAPE Uusimaan ja pääkaupunkiseudun hankkeen kanssa "
    "hankekolmikon. Myrskylän ja Pukkilan sote-palvelut tuottaa Orimattila, joten nämä "
    "kunnat ovat sote-palveluiden osalta linkittyneet Päijät-Hämeen alueeseen."
)

STM_SUPPLEMENT_REQUESTS = [
    "Varhaiskasvatus, koulu ja oppilaitos -kehittämiskokonaisuutta tulee tarkentaa "
    "hankesuunnitelmassa.",
    "Hankesuunnitelmaan tulee lisätä juurruttamissuunnitelma.",
    "Ruotsinkielisten palvelujen kehittämiseen tulee kiinnittää huomiota.",
]

# The documents give only LAPE Uusimaa's total (1.75 M EUR); this split into lines is demo
# content that adds up to that total.
UUSIMAA_BUDGET = [
    (2017, CostCategory.PERSONNEL, 2, "510000.00"),
    (2017, CostCategory.PERSONNEL, 3, "180000.00"),
    (2017, CostCategory.SERVICES, None, "120000.00"),
    (2017, CostCategory.EVENTS, None, "40000.00"),
    (2017, CostCategory.TRAVEL, None, "25000.00"),
    (2018, CostCategory.PERSONNEL, 2, "520000.00"),
    (2018, CostCategory.PERSONNEL, 3, "190000.00"),
    (2018, CostCategory.SERVICES, None, "110000.00"),
    (2018, CostCategory.EVENTS, None, "35000.00"),
    (2018, CostCategory.TRAVEL, None, "20000.00"),
]
DEMO_EXPENSES = [
    (CostCategory.EVENTS, datetime.date(2017, 5, 3), "1250.00", "Työpajan tilat, Porvoo"),
    (CostCategory.TRAVEL, datetime.date(2017, 6, 20), "430.50", "Matkakulut, Nurmijärvi"),
    (CostCategory.SERVICES, datetime.date(2017, 9, 13), "8600.00", "Koulutus: vahvuuspedagogiikka"),
]
# Every region got a state grant from STM (seed 000), but the sources give the amount only for
# LAPE Uusimaa and the capital region.
UNKNOWN_GRANT_NOTE = "Valtionavustus; lähteet eivät kerro summaa."

# Seed 001 tells apart the organisations LAPE Uusimaa worked with: those it worked with most
# closely, those taking part in its workshops, those it networked with and the companies in
# its development work. All are partners (the funded ones and the steering ministries are
# apart); the note keeps the source's distinction. Names as in reference.ORGANISATIONS.
UUSIMAA_PARTNER_GROUPS = [
    (
        "Tiivistä yhteistyötä hankkeen aikana.",
        [
            "HUS", "Uudenmaan alueen evankelis-luterilaiset seurakunnat", "Unicef",
            "A-klinikkasäätiö", "Lastensuojelun Keskusliitto", "SOS-Lapsikylä", "Me-säätiö",
            "Väestöliitto", "OPH",
        ],
    ),
    (
        "Mukana hankkeen työpajoissa.",
        [
            "Valteri", "Suomen Mielenterveysseura", "Pesäpuu ry", "Vanhempainliitto",
            "Osallisuuden aika", "Kuntaliitto", "Pienperheyhdistys", "Carrot revolution Oy",
            "Tatsi ry", "Asemanlapset", "Luksia", "Porvoon amisto", "Edupoli", "Point College",
            "Paloma", "Monika-naiset ry", "Suomen kurdien kulttuurikeskus",
            "Meri-Rastilan toimintakeskus", "Familia ry", "Finnfami", "Konsom ry",
            "Lohjan monitoimikeskus", "Uusimaa 2019", "Jaatinen ry", "Kevätkummun korttelicoach",
        ],
    ),
    (
        "Verkostoitumista hankkeen aikana.",
        [
            "Vuorelan koulukoti", "Kela", "Socfinder Oy", "Lapsiasiainvaltuutetun kanslia",
            "Vammaisten lasten ja nuorten tukisäätiö", "Oma Kamu ry", "Kaapatut lapset ry",
            "Äidit irti synnytysmasennuksesta ry", "4H-liitto",
            "MLL Lasten ja Nuorten Kuntoutussäätiö",
        ],
    ),
    (
        "Verkostoitumista hankkeen aikana: avoin hallinto.",
        ["VM"],
    ),
    (
        "Kehittämistyöhön osallistunut yritys: digitaalisten palveluiden kehittäminen.",
        ["Steam Lane Oy", "Yoso Oy", "Kuura Health", "Mobile Kid Oy", "Zoturi Oy"],
    ),
    (
        "Kärkihanke, jonka kanssa hanke teki yhteistyötä. Oppilaitoksille ja kärkihankkeille "
        "(I&O ja LAPE) yhteistyössä järjestetty työpaja peruttiin, koska ilmoittautuneita oli "
        "liian vähän.",
        ["I&O"],
    ),
    (
        "Kärkihanke, jonka kanssa hanke teki yhteistyötä. Porvoon OMAOLO-projekti (ODA) "
        "esiteltiin kehittämisalueen työryhmän kokouksessa 7.5.2018.",
        ["ODA"],
    ),
]  # fmt: skip
# Seed 003: the capital-region project's municipalities and HUS "are in it", NGOs "are in it
# from the NGOs", and four more "act as partners".
CAPITAL_REGION_PARTNER_GROUPS = [
    ("Mukana hankkeessa.", ["HUS"]),
    (
        "Järjestöistä mukana hankkeessa.",
        ["Nicehearts ry", "MLL Uudenmaan piiri", "Pelastakaa Lapset ry", "HelsinkiMissio"],
    ),
    ("", ["Helsingin yliopisto", "Laurea", "Diak", "FSKC"]),
]
# The sources give the start of the programme's grants (2017-2018, seed 000) but the exact
# dates only for LAPE Uusimaa (seed 001) and the end of LAPE Pohjanmaa (seed 002); the Swedish
# names are those of no source. Each project's example values (core.examples):
EXAMPLE_DATES = [ProjectExample.START_DATE, ProjectExample.END_DATE]


def _municipalities(names: list[str]) -> list[Municipality]:
    by_name = {m.name_fi: m for m in Municipality.objects.filter(name_fi__in=names)}
    return [by_name[name] for name in names]


def _organisation(short_or_name: str) -> Organisation:
    return Organisation.objects.get(Q(short_name=short_or_name) | Q(name=short_or_name))


def _areas(project: Project, scopes: dict[int, tuple[str, str]]) -> None:
    for number, (scope, note) in scopes.items():
        upsert(
            ProjectDevelopmentArea,
            project=project,
            development_area=DevelopmentArea.objects.get(number=number),
            defaults={"scope": scope, "note": note},
        )


def _partner(project: Project, role: str, *, organisation=None, municipality=None, note=""):
    upsert(
        ProjectPartner,
        project=project,
        organisation=organisation,
        municipality=municipality,
        defaults={"role": role, "note": note},
    )


def _partner_groups(project: Project, groups: list[tuple[str, list[str]]]) -> None:
    """Partners of ``project``, each group with the note that says how the source names it."""
    for note, names in groups:
        for name in names:
            _partner(project, PartnerRole.PARTNER, organisation=_organisation(name), note=note)


def _contact(project: Project, name: str, role: str, **fields) -> Contact:
    # The demo's contacts are those whose addresses and numbers the projects published in
    # their own public documents (the seeds): published already, so shown to everyone.
    fields.setdefault("public_contact_details", True)
    contact, _ = upsert(Contact, project=project, name=name, defaults={"role": role, **fields})
    return contact


def _grant(
    project: Project, *, applied: str | None, granted: str | None, note: str = ""
) -> GrantDecision:
    """The state grant of STM to ``project``; None where the sources give no amount."""
    grant, _ = upsert(
        GrantDecision,
        project=project,
        funder=_organisation("STM"),
        defaults={
            "amount_applied": Decimal(applied) if applied else None,
            "amount_granted": Decimal(granted) if granted else None,
            "note": note,
        },
    )
    return grant


def load_uusimaa(*, coordinator) -> Project:
    uusimaa = Region.objects.get(code="01")
    lohja = Municipality.objects.get(name_fi="Lohja")
    consortium, _ = upsert(
        Consortium,
        name="LAPE Uusimaa -kuntakonsortio",
        defaults={"region": uusimaa, "administrator": lohja},
    )
    members = _municipalities(UUSIMAA_MEMBERS)
    for municipality in members:
        upsert(
            ConsortiumMembership,
            consortium=consortium,
            municipality=municipality,
            defaults={
                "role": MembershipRole.ADMINISTRATOR
                if municipality == lohja
                else MembershipRole.MEMBER,
                "participation": Participation.FUNDED,
                "start_date": PROGRAMME_START,
                "end_date": PROGRAMME_END,
            },
        )
    # Earlier versions of the demo made Myrskylä and Pukkila members.
    consortium.memberships.exclude(municipality__in=members).delete()
    orimattila = Municipality.objects.get(name_fi="Orimattila")
    for municipality in _municipalities(UUSIMAA_INVITED):
        upsert(
            ServiceArrangement,
            municipality=municipality,
            service=ServiceKind.SOCIAL_AND_HEALTH,
            defaults={
                "provider": orimattila,
                "note": "Sote-palveluiden osalta kunta on linkittynyt Päijät-Hämeen alueeseen.",
            },
        )

    project, _ = upsert(
        Project,
        slug="lape-uusimaa",
        defaults={
            "name": "LAPE Uusimaa – Yhdessä olemme enemmän",
            "name_sv": "LAPE Nyland – Tillsammans är vi mer",
            "short_name": "LAPE Uusimaa",
            "region": uusimaa,
            "consortium": consortium,
            "administering_municipality": lohja,
            "start_date": PROGRAMME_START,
            "end_date": PROGRAMME_END,
            "status": ProjectStatus.ENDED,
            "description": UUSIMAA_DESCRIPTION,
            "total_budget": Decimal("1750000.00"),
            "example_fields": [ProjectExample.NAME_SV],
        },
    )
    _areas(
        project,
        {
            2: (AreaScope.WHOLE, ""),
            3: (AreaScope.WHOLE, ""),
            4: (
                AreaScope.PARTS,
                "Kokonaisuudesta valittiin hankkeeseen oleellisimmat osat; työ tehtiin "
                "tiiviissä yhteistyössä pääkaupunkiseudun hankkeen työryhmien kanssa.",
            ),
        },
    )
    for short_name in ["FSKC", "Sosiaalitaito", "Verso", "MLL Uudenmaan piiri"]:
        _partner(
            project,
            PartnerRole.FUNDED_PARTNER,
            organisation=_organisation(short_name),
            note="Sai valtionavustusta hankkeen kautta.",
        )
    _partner_groups(project, UUSIMAA_PARTNER_GROUPS)
    for short_name in ["STM", "OKM", "THL"]:
        _partner(project, PartnerRole.STEERING, organisation=_organisation(short_name))

    grant = _grant(
        project,
        applied="1670000.00",
        granted="1400000.00",
        note="Valtionavustus vuosille 2017–2018. STM edellytti jokaista maakuntaa "
        "täydentämään hakemustaan; Uudenmaan osalta vain vähäisiltä osin.",
    )
    for description in STM_SUPPLEMENT_REQUESTS:
        upsert(
            FunderRequest,
            grant=grant,
            description=description,
            defaults={"kind": FunderRequestKind.SUPPLEMENT},
        )
    lines = {}
    for year, category, area, amount in UUSIMAA_BUDGET:
        lines[year, category], _ = upsert(
            BudgetLine,
            project=project,
            year=year,
            category=category,
            development_area=DevelopmentArea.objects.get(number=area) if area else None,
            defaults={
                "amount": Decimal(amount),
                "description": "",
                "example_fields": [BudgetLineExample.AMOUNT],
            },
        )
    for category, date, amount, description in DEMO_EXPENSES:
        upsert(
            Expense,
            budget_line=lines[date.year, category],
            date=date,
            description=description,
            defaults={"amount": Decimal(amount), "example_fields": list(ExpenseExample.values)},
        )

    _contact(
        project, "Maarit Lindman", ContactRole.COORDINATOR, title="Hankekoordinaattori",
        municipality=lohja, email="maarit.lindman@lohja.fi", phone="050 3240987",
        user=coordinator,
    )  # fmt: skip
    # Seed 004 gives the chair municipalities' contact addresses, not the names of the people
    # (the working group's chairs keep the addresses); earlier versions made names of them.
    project.contacts.filter(
        role=ContactRole.WORKING_GROUP_CHAIR, name__in=["Anu Koivumäki", "Tuija Öberg"]
    ).delete()
    return project


def load_capital_region() -> Project:
    project, _ = upsert(
        Project,
        slug="lapsen-paras",
        defaults={
            "name": "Lapsen paras – yhdessä enemmän",
            "name_sv": "Barnets bästa – tillsammans mer",
            "short_name": "LAPE PKS",
            "region": Region.objects.get(code="01"),
            "administering_organisation": _organisation("Socca"),
            "start_date": PROGRAMME_START,
            "end_date": PROGRAMME_END,
            "status": ProjectStatus.ENDED,
            "description": CAPITAL_REGION_DESCRIPTION,
            "staff_count": 17,
            "example_fields": [ProjectExample.NAME_SV, *EXAMPLE_DATES],
        },
    )
    _areas(project, dict.fromkeys((2, 3, 4), (AreaScope.WHOLE, "")))
    for municipality in _municipalities(CAPITAL_REGION_MUNICIPALITIES):
        _partner(project, PartnerRole.MEMBER_MUNICIPALITY, municipality=municipality)
    _partner_groups(project, CAPITAL_REGION_PARTNER_GROUPS)
    _grant(project, applied=None, granted="2300000.00")
    socca = _organisation("Socca")
    _contact(
        project, "Pirjo Marjamäki", ContactRole.DIRECTOR, title="Johtaja", organisation=socca,
        email="pirjo.marjamaki@hus.fi", phone="040 334 6401",
    )  # fmt: skip
    _contact(
        project, "Tiina Turkia", ContactRole.CHANGE_AGENT,
        title="Pääkaupunkiseudun LAPE-muutosagentti", organisation=socca,
        email="tiina.turkia@hus.fi", phone="040 53 27344",
    )  # fmt: skip
    return project


def load_ostrobothnia() -> Project:
    project, _ = upsert(
        Project,
        slug="lape-pohjanmaa",
        defaults={
            "name": "LAPE Pohjanmaa",
            "name_sv": "LAPE Österbotten",
            "short_name": "LAPE Pohjanmaa",
            "region": Region.objects.get(code="15"),
            "start_date": PROGRAMME_START,
            "end_date": PROGRAMME_END,
            "status": ProjectStatus.ENDED,
            "description": OSTROBOTHNIA_DESCRIPTION,
            # The Swedish name is the project's own hashtag #lapeösterbotten (seed 002); the
            # Swedish description is a translation made for the demo.
            "description_sv": OSTROBOTHNIA_DESCRIPTION_SV,
            "example_fields": [ProjectExample.DESCRIPTION_SV, ProjectExample.START_DATE],
        },
    )
    _areas(project, dict.fromkeys((1, 2, 3, 4), (AreaScope.WHOLE, "")))
    # Seed 002: the ministries lead the change programme and THL supports carrying it out; STM
    # funds the project.
    for short_name, note in [
        ("STM", "Rahoittaja; johtaa muutosohjelmaa yhdessä OKM:n kanssa."),
        ("OKM", "Johtaa muutosohjelmaa yhdessä STM:n kanssa."),
        ("THL", "Vastaa muutosohjelman toimeenpanon tuesta."),
    ]:
        _partner(project, PartnerRole.STEERING, organisation=_organisation(short_name), note=note)
    _grant(project, applied=None, granted=None, note=UNKNOWN_GRANT_NOTE)
    _contact(project, "Riku Niemistö", ContactRole.CHANGE_AGENT, title="Muutosagentti")
    _contact(project, "Ann Backman", ContactRole.PROJECT_WORKER, title="Projektityöntekijä")
    _contact(project, "Terhi Korpi", ContactRole.PROJECT_WORKER, title="Projektityöntekijä")
    return project


def load_paijat_hame() -> Project:
    project, _ = upsert(
        Project,
        slug="lape-paijat-hame",
        defaults={
            "name": "Päijät-Hämeen LAPE",
            "name_sv": "LAPE Päijänne-Tavastland",
            "short_name": "LAPE Päijät-Häme",
            "region": Region.objects.get(code="07"),
            "start_date": PROGRAMME_START,
            "end_date": PROGRAMME_END,
            "status": ProjectStatus.ENDED,
            "description": PAIJAT_HAME_DESCRIPTION,
            "example_fields": [ProjectExample.NAME_SV, *EXAMPLE_DATES],
        },
    )
    _grant(project, applied=None, granted=None, note=UNKNOWN_GRANT_NOTE)
    return project


def load(*, coordinator) -> None:
    trio = [load_uusimaa(coordinator=coordinator), load_capital_region(), load_paijat_hame()]
    load_ostrobothnia()
    cooperation, _ = upsert(
        Cooperation,
        name="Uudenmaan, pääkaupunkiseudun ja Päijät-Hämeen LAPE-hankekolmikko",
        defaults={
            "description": "Yhteistyötä mm. OT-keskustyössä ja VIP-verkostoissa, "
            "palvelukuvauksissa, yhteisissä työpajoissa, integraatiokummien toiminnassa ja "
            "yhdyspintatyössä vuosina 2017–2018.",
        },
    )
    cooperation.projects.set(trio)
