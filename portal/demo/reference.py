"""Regions, municipalities, organisations and the four national development areas."""

import csv
from pathlib import Path

from municipalities.models import Municipality, Organisation, OrganisationKind, Region
from portal.demo.upsert import upsert
from projects.models import DevelopmentArea

MUNICIPALITIES_CSV = (
    Path(__file__).resolve().parents[2] / "municipalities" / "data" / "municipalities.csv"
)

REGIONS = [
    ("01", "Uusimaa", "Nyland"),
    ("07", "Päijät-Häme", "Päijänne-Tavastland"),
    ("15", "Pohjanmaa", "Österbotten"),
]

DEVELOPMENT_AREAS = [
    (
        1,
        "Lapsen oikeuksia ja tietoperusteisuutta vahvistava toimintakulttuurin muutos",
        "Förändring av verksamhetskulturen som stärker barnets rättigheter och kunskapsbasen",
    ),
    (
        2,
        "Perhekeskustoimintamallin kehittäminen ja käyttöönotto",
        "Utveckling och införande av familjecentermodellen",
    ),
    (
        3,
        "Varhaiskasvatus, koulu ja oppilaitos lapsen ja nuoren hyvinvoinnin tukena",
        "Småbarnspedagogik, skola och läroanstalt som stöd för barns och ungas välbefinnande",
    ),
    (
        4,
        "Erityis- ja vaativimman tason palveluiden kehittäminen",
        "Utveckling av tjänster på special- och krävande nivå",
    ),
]

K = OrganisationKind
ORGANISATIONS = [
    ("Sosiaali- ja terveysministeriö", "STM", K.AUTHORITY),
    ("Opetus- ja kulttuuriministeriö", "OKM", K.AUTHORITY),
    ("Terveyden ja hyvinvoinnin laitos", "THL", K.AUTHORITY),
    ("Opetushallitus", "OPH", K.AUTHORITY),
    ("Helsingin ja Uudenmaan sairaanhoitopiiri", "HUS", K.JOINT_AUTHORITY),
    ("Keski-Uudenmaan sote -kuntayhtymä", "Keusote", K.JOINT_AUTHORITY),
    ("Svenska kompetenscentret inom det sociala området", "FSKC", K.COMPETENCE_CENTRE),
    ("Sosiaalialan osaamiskeskus Sosiaalitaito", "Sosiaalitaito", K.COMPETENCE_CENTRE),
    ("Lastensuojelun osaamiskeskus Verso", "Verso", K.COMPETENCE_CENTRE),
    ("Pääkaupunkiseudun sosiaalialan osaamiskeskus Socca", "Socca", K.COMPETENCE_CENTRE),
    ("Mannerheimin Lastensuojeluliiton Uudenmaan piiri", "MLL Uudenmaan piiri", K.NGO),
    ("Pelastakaa Lapset ry", "", K.NGO),
    ("Nicehearts ry", "", K.NGO),
    ("HelsinkiMissio", "", K.NGO),
    ("Suomen UNICEF", "Unicef", K.NGO),
    ("A-klinikkasäätiö", "", K.NGO),
    ("Lastensuojelun Keskusliitto", "", K.NGO),
    ("SOS-Lapsikylä", "", K.NGO),
    ("Väestöliitto", "", K.NGO),
    ("Uudenmaan alueen evankelis-luterilaiset seurakunnat", "", K.PARISH),
    ("Helsingin yliopisto", "", K.UNIVERSITY),
    ("Laurea-ammattikorkeakoulu", "Laurea", K.UNIVERSITY),
    ("Diakonia-ammattikorkeakoulu", "Diak", K.UNIVERSITY),
    ("Steam Lane Oy", "", K.COMPANY),
    ("Yoso Oy", "", K.COMPANY),
    ("Kuura Health", "", K.COMPANY),
    ("Mobile Kid Oy", "", K.COMPANY),
    ("Zoturi Oy", "", K.COMPANY),
]


def load() -> None:
    regions = {}
    for code, name_fi, name_sv in REGIONS:
        regions[code], _ = upsert(
            Region, code=code, defaults={"name_fi": name_fi, "name_sv": name_sv}
        )
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            upsert(
                Municipality,
                code=row["code"],
                defaults={
                    "name_fi": row["name_fi"],
                    "name_sv": row["name_sv"],
                    "region": regions[row["region_code"]],
                    "language_status": int(row["language_status"]),
                },
            )
    for name, short_name, kind in ORGANISATIONS:
        upsert(Organisation, name=name, defaults={"short_name": short_name, "kind": kind})
    for number, name_fi, name_sv in DEVELOPMENT_AREAS:
        upsert(DevelopmentArea, number=number, defaults={"name_fi": name_fi, "name_sv": name_sv})
