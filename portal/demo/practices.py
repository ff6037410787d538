"""The practices (toimintamallit) that the sources name, with example adoptions.

The sources name the practices and their projects (seeds 000–004) but not which
municipality piloted, adopted or embedded which, nor when: every adoption's state and date
is an example (``core.examples``), and says so in its note. No source gives an Innokylä
address, so none is made up. Seed 000 says STM required LAPE Uusimaa to add an embedding plan
(juurruttamissuunnitelma) to its project plan; its content is not in the sources, so the
responsible party and steps shown are examples.
"""

import datetime

from municipalities.models import Municipality
from portal.demo.upsert import upsert
from projects.models import (
    AdoptionExample,
    AdoptionState,
    DevelopmentArea,
    EmbeddingPlan,
    EmbeddingPlanExample,
    EmbeddingStep,
    EmbeddingStepExample,
    Practice,
    PracticeAdoption,
    Project,
)

EXAMPLE_NOTE = "Esimerkki: lähteet eivät kerro kuntakohtaista käyttöönottoa."
PILOTED, ADOPTED, EMBEDDED = AdoptionState.PILOTED, AdoptionState.ADOPTED, AdoptionState.EMBEDDED

# (project slug, area number, slug, name, description from the sources,
#  example adoptions: (municipality, state, date))
PRACTICES = [
    (
        "lape-uusimaa", 2, "perhekeskustoimintamalli-keski-uusimaa",
        "Perhekeskustoimintamalli",
        "Perhekeskustoimintamallissa pilotoidaan ja kehitetään toimintamalleja perhekeskusten, "
        "koulun ja varhaiskasvatuksen yhteiseen toimintakenttään. Keski-Uudellamaalla "
        "perhekeskus tulkitaan laajasti kaikille ikäryhmille kuuluvaksi toimintamalliksi; "
        "kyseessä voi olla myös verkosto – ei välttämättä fyysinen keskus. (Lähde: LAPE "
        "Uusimaan hankekuvaus.)",
        [
            ("Lohja", EMBEDDED, datetime.date(2018, 11, 1)),
            ("Hyvinkää", ADOPTED, datetime.date(2018, 6, 1)),
            ("Järvenpää", ADOPTED, datetime.date(2018, 3, 1)),
            ("Porvoo", PILOTED, datetime.date(2017, 10, 1)),
            ("Vihti", PILOTED, datetime.date(2018, 2, 1)),
        ],
    ),
    (
        "lape-uusimaa", 2, "erotilanteen-palvelut",
        "Erotilanteen palvelut",
        "Vanhemmuuden ja parisuhteen tuen toimintamallien vahvistaminen ja erotilanteen "
        "palvelujen kehittäminen osana perhekeskustoimintamallia. (Lähde: LAPE Uusimaan "
        "hankekuvaus.)",
        [
            ("Nurmijärvi", PILOTED, datetime.date(2018, 1, 15)),
            ("Tuusula", PILOTED, datetime.date(2018, 4, 1)),
        ],
    ),
    (
        "lape-uusimaa", 1, "lapsiystavallinen-hallinto",
        "Lapsiystävällinen hallinto ja lapsivaikutusten arviointi",
        "LAPE Uusimaan hankkeessa kehitettiin lapsiystävällisen hallinnon malleja, jotka eivät "
        "olleet pääkaupunkiseudun hankesuunnitelmassa. Unicefin lapsiystävällinen kunta "
        "-mallia tehtiin alueella tunnetummaksi hankkeen myötä. (Lähde: LAPE Uusimaan "
        "loppukuvaus.)",
        [
            ("Lohja", ADOPTED, datetime.date(2018, 9, 1)),
            ("Sipoo", PILOTED, datetime.date(2018, 5, 1)),
            ("Raasepori", PILOTED, datetime.date(2018, 8, 1)),
        ],
    ),
    (
        "lape-uusimaa", 3, "yhteisollinen-hyvinvointityo",
        "Yhteisöllinen hyvinvointityö varhaiskasvatuksessa, kouluissa ja oppilaitoksissa",
        "Varhaiskasvatuksessa, kouluissa ja oppilaitoksissa vahvistetaan yhteisöllistä "
        "hyvinvointityötä ja kehitetään sen sisältöjä ja toimintatapoja; esimerkiksi "
        "vahvistetaan opettajien vahvuuspedagogiikka- ja yhteisöllisyystaitoja. (Lähteet: "
        "LAPE Uusimaan hankekuvaus ja kehittämisalueen työryhmän muistiinpanot.)",
        [
            ("Porvoo", ADOPTED, datetime.date(2018, 8, 15)),
            ("Loviisa", PILOTED, datetime.date(2018, 1, 10)),
        ],
    ),
    (
        "lapsen-paras", 2, "eroauttaminen",
        "Eroauttaminen",
        "Pääkaupunkiseudun hankkeen toimenpiteissä priorisoidaan eroauttamista sekä "
        "maahanmuuttaja- ja turvapaikanhakijaperheiden ja lasten palvelujen kehittämistä. "
        "(Lähde: Lapsen paras – yhdessä enemmän -hankkeen kuvaus.)",
        [
            ("Helsinki", ADOPTED, datetime.date(2018, 5, 1)),
            ("Espoo", PILOTED, datetime.date(2018, 2, 1)),
            ("Vantaa", PILOTED, datetime.date(2018, 3, 1)),
        ],
    ),
    (
        "lapsen-paras", 4, "monitoimijainen-arviointi",
        "Monitoimijainen arviointimalli",
        "Pääkaupunkiseudun yhteisen monitoimijaisen arviointimallin luominen ja integratiivisten "
        "työmuotojen, kuten erityispalvelujen konsultaation, jalkautuvan työn ja verkostotyön, "
        "lisääminen. (Lähde: Lapsen paras – yhdessä enemmän -hankkeen kuvaus.)",
        [
            ("Helsinki", PILOTED, datetime.date(2018, 4, 1)),
            ("Kerava", PILOTED, datetime.date(2018, 6, 1)),
        ],
    ),
    (
        "lapsen-paras", 4, "ot-keskus",
        "Osaamisen tukikeskus (OT-keskus)",
        "Pääkaupunkiseudulla luodaan osaamisen tukikeskusten monialaista toimintamallia, joka "
        "voisi tulla käyttöön koko Uudenmaan sote-maakunnassa. OT-keskustyötä tehtiin "
        "yhteistyössä LAPE Uusimaan ja Päijät-Hämeen LAPEn kanssa. (Lähteet: Lapsen paras "
        "-hankkeen kuvaus, LAPE Uusimaan loppukuvaus.)",
        [("Vantaa", PILOTED, datetime.date(2018, 10, 1))],
    ),
    (
        "lape-pohjanmaa", 2, "perhekeskus-pohjanmaa",
        "Perhekeskus Pohjanmaalla",
        "Perhekeskus tarjoaa palveluja kaikenikäisille lapsille ja heidän vanhemmilleen ja "
        "verkostoi hajallaan olevat palvelut yhteen sovitetuksi kokonaisuudeksi. Maakunnallinen "
        "perhekeskustyöryhmä tekee ehdotuksen perhekeskustoiminnan rakenteesta Pohjanmaalla. "
        "(Lähde: LAPE Pohjanmaan sivut.)",
        [],
    ),
]  # fmt: skip

UUSIMAA_PLAN_STEPS = [
    ("Perhekeskuksen palvelut kuvataan kunnittain", datetime.date(2018, 6, 30)),
    (
        "Perhekeskuksen toiminta siirretään kuntien ja sote-palvelujen vastuulle",
        datetime.date(2018, 12, 31),
    ),
]  # fmt: skip


def load() -> None:
    projects = {project.slug: project for project in Project.objects.all()}
    areas = {area.number: area for area in DevelopmentArea.objects.all()}
    municipalities = {m.name_fi: m for m in Municipality.objects.all()}
    for project_slug, area, slug, name, description, adoptions in PRACTICES:
        practice, _ = upsert(
            Practice,
            slug=slug,
            defaults={
                "project": projects[project_slug],
                "development_area": areas[area],
                "name": name,
                "description": description,
            },
        )
        for municipality, state, date in adoptions:
            upsert(
                PracticeAdoption,
                practice=practice,
                municipality=municipalities[municipality],
                defaults={
                    "state": state,
                    "date": date,
                    "note": EXAMPLE_NOTE,
                    "example_fields": list(AdoptionExample.values),
                },
            )
    family_centre = Practice.objects.get(slug="perhekeskustoimintamalli-keski-uusimaa")
    plan, _ = upsert(
        EmbeddingPlan,
        practice=family_centre,
        defaults={
            "responsible": "Hankkeen ohjausryhmä ja jäsenkuntien perhekeskustyöryhmät",
            "note": "STM edellytti hankesuunnitelmaan lisättäväksi juurruttamissuunnitelman.",
            "example_fields": list(EmbeddingPlanExample.values),
        },
    )
    for description, due_date in UUSIMAA_PLAN_STEPS:
        upsert(
            EmbeddingStep,
            plan=plan,
            description=description,
            defaults={"due_date": due_date, "example_fields": list(EmbeddingStepExample.values)},
        )
