"""Synthetic data at national scale for the benchmark (``manage.py generate_scale_data``).

At scale 1: 300 municipalities in Finland's 19 regions, 2,000 projects (each working in one
to four of the development areas) with 200,000 budget lines and as many expenses, 5,000
working groups, 100,000 meetings with minutes of Finnish and Swedish text, 200,000
attachments (small text files through the storage API, their text already read) and 500,000
registrations; at scale 0.01 a hundredth of each. One
project always has ``BIG_BUDGET_LINES`` budget lines, the admin's heaviest change page.

Everything is drawn from one seeded random generator, so a seed gives the same rows. The rows
are inserted in batches with ``bulk_create``; the search vectors are generated columns that
PostgreSQL fills on insert. No history rows are written: the data has no past edits.
"""

import datetime
import itertools
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone
from tqdm import tqdm

from municipalities.models import (
    Consortium,
    ConsortiumMembership,
    MembershipRole,
    Municipality,
    Organisation,
    Region,
)
from portal.demo import reference
from projects.models import (
    BudgetLine,
    CostCategory,
    DevelopmentArea,
    Expense,
    GrantDecision,
    Project,
    ProjectDevelopmentArea,
    ProjectStatus,
)
from workshops.models import (
    AgendaItem,
    Attachment,
    AttachmentKind,
    AttachmentLanguage,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Registration,
    TextStatus,
    WorkingGroup,
)

BATCH_SIZE = 2000
# The sizes at scale 1.
MUNICIPALITIES = 300
# Finland's regions (maakunnat) by their official codes; the reference data holds three.
REGIONS = {
    "01": ("Uusimaa", "Nyland"),
    "02": ("Varsinais-Suomi", "Egentliga Finland"),
    "04": ("Satakunta", "Satakunta"),
    "05": ("Kanta-Häme", "Egentliga Tavastland"),
    "06": ("Pirkanmaa", "Birkaland"),
    "07": ("Päijät-Häme", "Päijänne-Tavastland"),
    "08": ("Kymenlaakso", "Kymmenedalen"),
    "09": ("Etelä-Karjala", "Södra Karelen"),
    "10": ("Etelä-Savo", "Södra Savolax"),
    "11": ("Pohjois-Savo", "Norra Savolax"),
    "12": ("Pohjois-Karjala", "Norra Karelen"),
    "13": ("Keski-Suomi", "Mellersta Finland"),
    "14": ("Etelä-Pohjanmaa", "Södra Österbotten"),
    "15": ("Pohjanmaa", "Österbotten"),
    "16": ("Keski-Pohjanmaa", "Mellersta Österbotten"),
    "17": ("Pohjois-Pohjanmaa", "Norra Österbotten"),
    "18": ("Kainuu", "Kajanaland"),
    "19": ("Lappi", "Lappland"),
    "21": ("Ahvenanmaa", "Åland"),
}
PROJECTS = 2000
BUDGET_LINES_PER_PROJECT = 100
WORKING_GROUPS = 5000
MEETINGS = 100_000
ATTACHMENTS_PER_MEETING = 2
REGISTRATIONS_PER_MEETING = 5
# The first project's budget: 14 years x 6 categories x (4 areas + none) = 420 possible lines.
BIG_BUDGET_LINES = 400
BIG_BUDGET_YEARS = range(2010, 2024)
BUDGET_YEARS = range(2017, 2021)
# Meetings run from the start of LAPE to a few years ahead, so some are always upcoming.
FIRST_MEETING_DAY = datetime.date(2017, 1, 2)
MEETING_DAYS = 11 * 365
# A word found in about one meeting's minutes in ten thousand (at least one): the benchmark's
# rare search word.
RARE_WORD = "kuukkelipesue"
RARE_EVERY = 10_000
COMMON_WORD = "kokous"

FINNISH_SUBJECTS = [
    "Perhekeskuksen työryhmä",
    "Kunnan lapsiperhepalvelut",
    "Hankkeen ohjausryhmä",
    "Lastensuojelun asiantuntijat",
    "Koulun oppilashuolto",
    "Neuvolan terveydenhoitajat",
    "Järjestöjen edustajat",
    "Muutosagentti",
    "Varhaiskasvatuksen johto",
    "Nuorisotyön verkosto",
]
FINNISH_VERBS = [
    "esitteli",
    "kävi läpi",
    "arvioi",
    "suunnitteli",
    "kehitti",
    "kokosi",
    "keskusteli aiheesta",
    "sopi jatkosta koskien",
]
FINNISH_OBJECTS = [
    "lapsen ja perheen palvelupolun",
    "perhekeskustoimintamallin",
    "kokouksen asialistan",
    "eroperheiden tuen",
    "lastensuojelun sijaishuollon",
    "vanhemmuuden tuen ryhmät",
    "koulukuraattorin työn",
    "lapsivaikutusten arvioinnin",
    "kohtaamispaikan toiminnan",
    "maakunnallisen kokouksen tulokset",
    "työpajan palautteen",
    "lasten ja nuorten osallisuuden",
    "monialaisen yhteistyön",
    "hankkeen budjetin",
]
FINNISH_ENDINGS = [
    "ja päätti jatkaa valmistelua.",
    "seuraavaan kokoukseen mennessä.",
    "yhdessä kuntien kanssa.",
    "ja kirjasi toimenpiteet muistioon.",
    "lapsen näkökulmasta.",
    "ja lähetti sen kommenteille.",
]
SWEDISH_SENTENCES = [
    "Arbetsgruppen diskuterade familjecentralens verksamhet.",
    "Mötet behandlade barnskyddets eftervård.",
    "Kommunerna presenterade stödet för föräldraskap.",
    "Styrgruppen godkände projektets budget.",
    "Deltagarna utvärderade workshopens resultat.",
    "Barnens och ungdomarnas delaktighet lyftes fram.",
    "Skolans elevvård berättade om samarbetet.",
    "Nästa möte hålls i kommunhuset.",
]
MEETING_TITLES = [
    "Työryhmän kokous",
    "Maakunnallinen työpaja",
    "Oppimisverkoston tapaaminen",
    "Perhekeskusseminaari",
    "Ohjausryhmän kokous",
    "Kehittäjäverkoston kokous",
    "Arbetsgruppens möte",
]
THEMES = [
    "Perhekeskus",
    "Lastensuojelu",
    "Varhaiskasvatus",
    "Koulu hyvinvoinnin edistäjänä",
    "Erityis- ja vaativan tason palvelut",
    "Familjecentral",
    "",
]
PLACES = ["Kunnantalo", "Kirjasto", "Perhekeskus", "Teams", "Kaupungintalo", "Kommunhuset"]
SYLLABLES = ["ka", "la", "mi", "jo", "ki", "sa", "lo", "va", "ri", "nu", "po", "te", "hä", "sy"]
PROJECT_WORDS = [
    "Lapsi- ja perhepalvelut",
    "Perhekeskus",
    "Lasten hyvä arki",
    "Yhdessä perheiden kanssa",
    "Lapsen paras",
    "Arjen tuki",
]
FIRST_NAMES = ["Aino", "Eero", "Liisa", "Mikko", "Sanna", "Johan", "Elin", "Pekka", "Maria"]
LAST_NAMES = ["Virtanen", "Korhonen", "Nieminen", "Lindqvist", "Mäkinen", "Holm", "Laine"]


def batches(rows: Iterable, size: int) -> Iterator[list]:
    """``rows`` in lists of ``size`` (the last one shorter)."""
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def scaled(count: int, scale: float) -> int:
    """``count`` at ``scale``, at least one."""
    return max(1, round(count * scale))


@dataclass
class ScaleData:
    """Generates the rows of every table at ``scale`` from ``seed``."""

    scale: float
    seed: int = 1
    progress: bool = True

    def __post_init__(self):
        self.random = random.Random(self.seed)  # noqa: S311 - test data, not secrets
        self.counts: dict[str, int] = {}

    def insert(self, model: type[models.Model], rows: Iterable, total: int) -> list:
        """``rows`` inserted in batches, with a progress bar; the saved instances."""
        saved = []
        label = model._meta.verbose_name_plural
        with tqdm(total=total, desc=str(label), unit="", disable=not self.progress) as bar:
            for batch in batches(rows, BATCH_SIZE):
                saved += model.objects.bulk_create(batch)
                bar.update(len(batch))
        self.counts[model.__name__] = len(saved)
        return saved

    @transaction.atomic
    def generate(self) -> dict[str, int]:
        """Every row at the scale; the number of rows made of each model."""
        reference.load()
        self.regions = self.make_regions()
        self.areas = list(DevelopmentArea.objects.order_by("number"))
        self.funder = Organisation.objects.order_by("pk").first()
        self.municipalities = self.make_municipalities()
        self.consortia = self.make_consortia()
        self.projects = self.make_projects()
        self.make_area_links()
        self.make_grants()
        self.make_budget()
        self.working_groups = self.make_working_groups()
        self.meetings = self.make_meetings()
        self.make_agendas()
        self.make_minutes()
        self.make_attachments()
        self.make_registrations()
        settle()
        return self.counts

    # Text

    def finnish_sentence(self) -> str:
        pick = self.random.choice
        return f"{pick(FINNISH_SUBJECTS)} {pick(FINNISH_VERBS)} {pick(FINNISH_OBJECTS)} " + pick(
            FINNISH_ENDINGS
        )

    def text(self, sentences: int, *, swedish: bool = False) -> str:
        if swedish:
            return " ".join(self.random.choices(SWEDISH_SENTENCES, k=sentences))
        return " ".join(self.finnish_sentence() for _ in range(sentences))

    def place_name(self) -> str:
        syllables = self.random.choices(SYLLABLES, k=self.random.randint(2, 4))
        return "".join(syllables).capitalize()

    # Tables

    def make_regions(self) -> list[Region]:
        """Every region of Finland: those of the reference data and the others."""
        taken = set(Region.objects.values_list("code", flat=True))
        missing = [
            Region(code=code, name_fi=name_fi, name_sv=name_sv)
            for code, (name_fi, name_sv) in REGIONS.items()
            if code not in taken
        ]
        self.insert(Region, missing, len(missing))
        return list(Region.objects.order_by("code"))

    def make_municipalities(self) -> list[Municipality]:
        existing = list(Municipality.objects.all())
        taken = {municipality.code for municipality in existing}
        free_codes = (f"{number:03}" for number in range(1, 1000) if f"{number:03}" not in taken)
        wanted = max(0, scaled(MUNICIPALITIES, self.scale) - len(existing))

        def rows():
            for index, code in zip(range(wanted), free_codes, strict=False):
                name = f"{self.place_name()} {index + 1}"
                yield Municipality(
                    code=code,
                    name_fi=name,
                    name_sv=name if index % 10 == 0 else "",
                    region=self.regions[index % len(self.regions)],
                    language_status=3 if index % 10 == 0 else 0,
                )

        return existing + self.insert(Municipality, rows(), wanted)

    def make_consortia(self) -> dict[int, Consortium]:
        """One consortium per region of all its municipalities, the first one administering."""
        by_region: dict[int, list[Municipality]] = {}
        for municipality in self.municipalities:
            by_region.setdefault(municipality.region_id, []).append(municipality)
        regions = [region for region in self.regions if region.pk in by_region]
        consortia = self.insert(
            Consortium,
            (
                Consortium(
                    name=f"{region.name_fi}n kuntakonsortio {self.seed}",
                    region=region,
                    administrator=by_region[region.pk][0],
                )
                for region in regions
            ),
            len(regions),
        )
        memberships = [
            ConsortiumMembership(
                consortium=consortium,
                municipality=municipality,
                role=MembershipRole.ADMINISTRATOR if index == 0 else MembershipRole.MEMBER,
                start_date=datetime.date(2017, 1, 1),
            )
            for consortium in consortia
            for index, municipality in enumerate(by_region[consortium.region_id])
        ]
        self.insert(ConsortiumMembership, memberships, len(memberships))
        return {consortium.region_id: consortium for consortium in consortia}

    def make_projects(self) -> list[Project]:
        count = scaled(PROJECTS, self.scale)

        # Every project in a region with a consortium, so that each has one, at every scale.
        regions = [region for region in self.regions if region.pk in self.consortia]

        def rows():
            for index in range(count):
                region = regions[index % len(regions)]
                start = datetime.date(2016 + index % 8, 1 + index % 12, 1)
                status = (
                    ProjectStatus.ENDED
                    if start.year < 2020
                    else self.random.choice([ProjectStatus.RUNNING, ProjectStatus.PLANNED])
                )
                name = f"{self.random.choice(PROJECT_WORDS)} {region.name_fi} {index + 1}"
                yield Project(
                    name=name,
                    name_sv=f"Projekt {region.name_sv or region.name_fi} {index + 1}",
                    short_name=f"Hanke {index + 1}",
                    slug=f"hanke-{self.seed}-{index + 1}",
                    region=region,
                    consortium=self.consortia[region.pk],
                    start_date=start,
                    end_date=start + datetime.timedelta(days=3 * 365),
                    status=status,
                    description=self.text(3),
                    description_sv=self.text(2, swedish=True),
                    total_budget=Decimal(self.random.randrange(200_000, 3_000_000)),
                )

        return self.insert(Project, rows(), count)

    def make_area_links(self) -> None:
        """Each project works in one to four of the development areas: the programme's
        totals split its amounts between them."""
        links = [
            ProjectDevelopmentArea(project=project, development_area=area)
            for project in self.projects
            for area in self.random.sample(self.areas, self.random.randint(1, len(self.areas)))
        ]
        self.insert(ProjectDevelopmentArea, links, len(links))

    def make_grants(self) -> None:
        grants = [
            GrantDecision(
                project=project,
                funder=self.funder,
                decision_date=project.start_date,
                amount_applied=project.total_budget,
                amount_granted=(project.total_budget * Decimal("0.8")).quantize(Decimal("1")),
            )
            for project in self.projects
        ]
        self.insert(GrantDecision, grants, len(grants))

    def budget_keys(self, project_index: int) -> list[tuple]:
        years = BIG_BUDGET_YEARS if project_index == 0 else BUDGET_YEARS
        wanted = BIG_BUDGET_LINES if project_index == 0 else BUDGET_LINES_PER_PROJECT
        keys = list(itertools.product(years, CostCategory.values, [None, *self.areas]))
        return self.random.sample(keys, min(wanted, len(keys)))

    def make_budget(self) -> None:
        total = BIG_BUDGET_LINES + (len(self.projects) - 1) * BUDGET_LINES_PER_PROJECT

        def rows():
            for index, project in enumerate(self.projects):
                for year, category, area in self.budget_keys(index):
                    yield BudgetLine(
                        project=project,
                        year=year,
                        category=category,
                        development_area=area,
                        amount=Decimal(self.random.randrange(1_000, 50_000)),
                        description=self.random.choice(FINNISH_OBJECTS),
                    )

        lines = self.insert(BudgetLine, rows(), total)
        self.insert(
            Expense,
            (
                Expense(
                    budget_line=line,
                    date=datetime.date(line.year, self.random.randint(1, 12), 15),
                    amount=(line.amount * Decimal(self.random.randint(10, 110)) / 100).quantize(
                        Decimal("0.01")
                    ),
                    description=self.random.choice(FINNISH_OBJECTS),
                )
                for line in lines
            ),
            len(lines),
        )

    def make_working_groups(self) -> dict[int, list[WorkingGroup]]:
        count = scaled(WORKING_GROUPS, self.scale)
        groups = self.insert(
            WorkingGroup,
            (
                WorkingGroup(
                    project=self.projects[index % len(self.projects)],
                    development_area=self.areas[index % len(self.areas)],
                    name=f"{self.random.choice(THEMES) or 'Yhteistyö'} – työryhmä {index + 1}",
                    description=self.text(2),
                )
                for index in range(count)
            ),
            count,
        )
        by_project: dict[int, list[WorkingGroup]] = {}
        for group in groups:
            by_project.setdefault(group.project_id, []).append(group)
        return by_project

    def meeting_time(self) -> datetime.datetime:
        day = FIRST_MEETING_DAY + datetime.timedelta(days=self.random.randrange(MEETING_DAYS))
        return datetime.datetime.combine(
            day,
            datetime.time(self.random.choice([9, 10, 12, 13, 14])),
            tzinfo=timezone.get_current_timezone(),
        )

    def make_meetings(self) -> list[Meeting]:
        count = scaled(MEETINGS, self.scale)
        now = timezone.now()

        def rows():
            for _ in range(count):
                project = self.random.choice(self.projects)
                groups = self.working_groups.get(project.pk, [])
                group = (
                    self.random.choice(groups) if groups and self.random.random() < 0.7 else None
                )
                starts = self.meeting_time()
                if starts > now:
                    status, reason = MeetingStatus.PLANNED, ""
                elif self.random.random() < 0.05:
                    status, reason = MeetingStatus.CANCELLED, "Liian vähän ilmoittautuneita."
                else:
                    status, reason = MeetingStatus.HELD, ""
                yield Meeting(
                    project=project,
                    working_group=group,
                    kind=MeetingKind.WORKING_GROUP if group else MeetingKind.REGIONAL_WORKSHOP,
                    title=self.random.choice(MEETING_TITLES),
                    theme=self.random.choice(THEMES),
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    host_municipality=self.random.choice(self.municipalities),
                    place=self.random.choice(PLACES),
                    status=status,
                    cancellation_reason=reason,
                    capacity=40,
                )

        return self.insert(Meeting, rows(), count)

    def make_agendas(self) -> None:
        """Three agenda items for each meeting."""
        self.insert(
            AgendaItem,
            (
                AgendaItem(meeting=meeting, order=order, title=title.capitalize())
                for meeting in self.meetings
                for order, title in enumerate(self.random.sample(FINNISH_OBJECTS, 3))
            ),
            3 * len(self.meetings),
        )

    def minutes_text(self, index: int) -> str:
        text = self.text(self.random.randint(4, 10))
        if self.random.random() < 0.2:
            text += " " + self.text(3, swedish=True)
        # Index 1, not 0: every fifth minutes, from the first, is an unpublished draft.
        if index % RARE_EVERY == 1:
            text += f" Paikalla oli myös {RARE_WORD}."
        return text

    def make_minutes(self) -> None:
        held = [meeting for meeting in self.meetings if meeting.status == MeetingStatus.HELD]
        self.insert(
            Minutes,
            (
                Minutes(
                    meeting=meeting,
                    text=self.minutes_text(index),
                    status=MinutesStatus.APPROVED if index % 5 else MinutesStatus.DRAFT,
                    published_at=meeting.ends_at if index % 5 else None,
                )
                for index, meeting in enumerate(held)
            ),
            len(held),
        )

    def attachment(self, meeting: Meeting, number: int) -> Attachment:
        swedish = self.random.random() < 0.15
        text = self.text(self.random.randint(3, 8), swedish=swedish)
        content = text.encode()
        name = default_storage.save(
            f"attachments/scale/{meeting.pk}-{number}.txt", ContentFile(content)
        )
        return Attachment(
            meeting=meeting,
            title=f"{'Presentation' if swedish else 'Esitys'} {number}",
            file=name,
            original_name=f"esitys-{number}.txt",
            kind=AttachmentKind.PRESENTATION,
            language=AttachmentLanguage.SWEDISH if swedish else AttachmentLanguage.FINNISH,
            uploaded_at=meeting.starts_at,
            size=len(content),
            content_type="text/plain",
            text=text,
            text_status=TextStatus.INDEXED,
        )

    def make_attachments(self) -> None:
        total = len(self.meetings) * ATTACHMENTS_PER_MEETING
        self.insert(
            Attachment,
            (
                self.attachment(meeting, number)
                for meeting in self.meetings
                for number in range(1, ATTACHMENTS_PER_MEETING + 1)
            ),
            total,
        )

    def make_registrations(self) -> None:
        total = len(self.meetings) * REGISTRATIONS_PER_MEETING

        def rows():
            for meeting in self.meetings:
                for number in range(REGISTRATIONS_PER_MEETING):
                    first, last = self.random.choice(FIRST_NAMES), self.random.choice(LAST_NAMES)
                    yield Registration(
                        meeting=meeting,
                        name=f"{first} {last}",
                        email=f"{first}.{last}.{number}@example.fi".lower(),
                        municipality=self.random.choice(self.municipalities),
                        created_at=meeting.starts_at - datetime.timedelta(days=7),
                    )

        self.insert(Registration, rows(), total)


def settle() -> None:
    """After a bulk load, what VACUUM ANALYZE would do (VACUUM cannot run in the load's
    transaction): the GIN indexes' pending lists of new entries merged into the indexes, and
    the planner's statistics gathered. Until then the planner counts every pending entry
    against a GIN index, and guesses how many rows a search matches, so it may read a whole
    table rather than the index for a rare word."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list(index.oid) FROM pg_class index "
            "JOIN pg_am method ON method.oid = index.relam "
            "WHERE method.amname = 'gin' AND index.relkind = 'i' "
            "AND index.relnamespace = 'public'::regnamespace"
        )
        cursor.execute("ANALYZE")


def generate(*, scale: float, seed: int = 1, progress: bool = True) -> dict[str, int]:
    """Generate the rows of ``scale``; the number made of each model."""
    return ScaleData(scale=scale, seed=seed, progress=progress).generate()
