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
    # The cooperation partners of LAPE Uusimaa that seed 001 names (projects.UUSIMAA_PARTNERS).
    ("Me-säätiö", "", K.NGO),
    ("Oppimis- ja ohjauskeskus Valteri", "Valteri", K.EDUCATIONAL_INSTITUTION),
    ("Suomen Mielenterveysseura", "", K.NGO),
    ("Pesäpuu ry", "", K.NGO),
    ("Vanhempainliitto", "", K.NGO),
    ("Osallisuuden aika", "", K.NGO),
    ("Suomen Kuntaliitto", "Kuntaliitto", K.NGO),
    ("Pienperheyhdistys", "", K.NGO),
    ("Carrot revolution Oy", "", K.COMPANY),
    ("Tatsi ry", "", K.NGO),
    ("Asemanlapset", "", K.NGO),
    ("Luksia", "", K.EDUCATIONAL_INSTITUTION),
    ("Porvoon amisto", "", K.EDUCATIONAL_INSTITUTION),
    ("Edupoli", "", K.EDUCATIONAL_INSTITUTION),
    ("Point College", "", K.EDUCATIONAL_INSTITUTION),
    ("Paloma", "", K.PROJECT),
    ("Monika-naiset ry", "", K.NGO),
    ("Suomen kurdien kulttuurikeskus", "", K.NGO),
    ("Meri-Rastilan toimintakeskus", "", K.OTHER),
    ("Familia ry", "", K.NGO),
    ("Finnfami", "", K.NGO),
    ("Konsom ry", "", K.NGO),
    ("Lohjan monitoimikeskus", "", K.OTHER),
    ("Uusimaa 2019", "", K.PROJECT),
    ("Jaatinen ry", "", K.NGO),
    ("Kevätkummun korttelicoach", "", K.OTHER),
    ("Vuorelan koulukoti", "", K.OTHER),
    ("Kansaneläkelaitos", "Kela", K.AUTHORITY),
    ("Socfinder Oy", "", K.COMPANY),
    ("Valtiovarainministeriö", "VM", K.AUTHORITY),
    ("Lapsiasiainvaltuutetun kanslia", "", K.AUTHORITY),
    ("Vammaisten lasten ja nuorten tukisäätiö", "", K.NGO),
    ("Oma Kamu ry", "", K.NGO),
    ("Kaapatut lapset ry", "", K.NGO),
    ("Äidit irti synnytysmasennuksesta ry", "", K.NGO),
    ("4H-liitto", "", K.NGO),
    ("MLL Lasten ja Nuorten Kuntoutussäätiö", "", K.NGO),
    # The government key projects that LAPE Uusimaa worked with (seeds 001 and 004).
    ("I&O-kärkihanke", "I&O", K.PROJECT),
    ("ODA-kärkihanke (Omaolo)", "ODA", K.PROJECT),
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
