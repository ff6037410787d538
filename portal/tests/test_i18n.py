"""The interface in Finnish, Swedish and English: complete catalogues, every main page in
every language without leftover Finnish, the remembered language choice, bilingual content
and each language's own number and date formats."""

import datetime
import re
import zoneinfo
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.money import format_money, format_percent
from municipalities.models import Municipality
from portal.management.commands.compile_translations import catalogue_problems
from projects.models import Project
from workshops.models import Meeting
from workshops.templatetags.meetings import meeting_time
from workshops.tests.factories import RegistrationFactory

NBSP = "\N{NO-BREAK SPACE}"
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
TRANSLATED_LANGUAGES = ["sv", "en"]
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


@pytest.fixture(autouse=True)
def finnish_after_each_test():
    """The locale middleware leaves the last request's language active in this thread."""
    yield
    translation.deactivate()


@pytest.fixture
def demo(db):
    call_command("load_demo")


@pytest.fixture
def demo_coordinator(demo, django_user_model):
    """The demo coordinator of LAPE Uusimaa."""
    return django_user_model.objects.get(username="koordinaattori")


def in_language(client, language):
    """The client as a visitor who has chosen ``language`` with the language switcher."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def catalogue_path(language: str, suffix: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"django.{suffix}"


def compiled_catalogue(language: str) -> polib.MOFile:
    path = catalogue_path(language, "mo")
    assert path.exists(), f"{path} is missing: run `make translations`"
    return polib.mofile(str(path))


# --- Catalogues --------------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_catalogue_entry_is_translated_and_none_is_fuzzy(language):
    catalogue = polib.pofile(str(catalogue_path(language, "po")))
    assert catalogue.metadata["Language"] == language
    assert catalogue_problems(catalogue) == []
    assert len(catalogue.translated_entries()) == len(catalogue) > 400


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_the_compiled_catalogue_has_every_translation_of_the_po_file(language):
    """A .mo file older than its .po would serve stale or missing translations."""
    source = {
        (entry.msgid, entry.msgid_plural): entry.msgstr or entry.msgstr_plural
        for entry in polib.pofile(str(catalogue_path(language, "po"))).translated_entries()
    }
    compiled = {
        (entry.msgid, entry.msgid_plural): entry.msgstr or entry.msgstr_plural
        for entry in compiled_catalogue(language)
        if entry.msgid
    }
    assert compiled == source


def write_catalogue(locale_dir: Path, language: str, *entries: polib.POEntry) -> Path:
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": language,
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    catalogue.extend(entries)
    path = locale_dir / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    catalogue.save(str(path))
    return path


def test_compile_translations_writes_mo_files_that_gettext_reads(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    path = write_catalogue(
        tmp_path,
        "sv",
        polib.POEntry(msgid="Kunnat", msgstr="Kommuner"),
        polib.POEntry(
            msgid="%(counter)s hanke",
            msgid_plural="%(counter)s hanketta",
            msgstr_plural={0: "ett projekt", 1: "%(counter)s projekt"},
        ),
    )
    call_command("compile_translations")
    compiled = {entry.msgid: entry for entry in polib.mofile(str(path.with_suffix(".mo")))}
    assert compiled["Kunnat"].msgstr == "Kommuner"
    assert compiled["%(counter)s hanke"].msgstr_plural == {
        0: "ett projekt",
        1: "%(counter)s projekt",
    }


@pytest.mark.parametrize(
    "entry, problem",
    [
        (polib.POEntry(msgid="Kunnat", msgstr=""), "kääntämättä: 'Kunnat'"),
        (polib.POEntry(msgid="Kunnat", msgstr="Kommuner", flags=["fuzzy"]), "sumea"),
        (
            polib.POEntry(
                msgid="%(counter)s hanke",
                msgid_plural="%(counter)s hanketta",
                msgstr_plural={0: "%(counter)s projekt", 1: ""},
            ),
            "kääntämättä",
        ),
        (
            polib.POEntry(msgid="julkaistu %(date)s", msgstr="publicerade %(datum)s"),
            "paikanvaraajat eivät vastaa",
        ),
    ],
)
def test_compile_translations_refuses_an_unfinished_catalogue(settings, tmp_path, entry, problem):
    settings.LOCALE_PATHS = [tmp_path]
    path = write_catalogue(tmp_path, "en", polib.POEntry(msgid="Kieli", msgstr="Language"))
    write_catalogue(tmp_path, "sv", entry)
    with pytest.raises(CommandError, match=problem):
        call_command("compile_translations")
    # Nothing is half-compiled: not even the finished English catalogue.
    assert not path.with_suffix(".mo").exists()


# --- Every main page in every language ---------------------------------------------------


def main_pages() -> list[tuple[str, bool]]:
    """(URL, as the coordinator) of the portal's main pages with the demo data."""
    meeting = Meeting.objects.get(starts_at__date="2018-03-26")
    public = [
        reverse("portal:home"),
        reverse("projects:list"),
        reverse("projects:detail", args=["lape-uusimaa"]),
        reverse("projects:detail", args=["lape-pohjanmaa"]),
        reverse("municipalities:list"),
        reverse("portal:municipality_detail", args=["638"]),
        reverse("workshops:meeting_list"),
        reverse("workshops:calendar", args=[2018, 3]),
        reverse("workshops:meeting_detail", args=[meeting.pk]),
        f"{reverse('portal:search')}?q=Porvoo",
        reverse("portal:programme"),
        reverse("portal:programme_region", args=["01"]),
        reverse("projects:practice_list"),
        reverse("projects:practice_matrix", args=["01"]),
        reverse("projects:practice_detail", args=["perhekeskustoimintamalli-keski-uusimaa"]),
        reverse("portal:api_documentation"),
    ]
    coordinators = [
        reverse("projects:edit", args=["lape-uusimaa"]),
        reverse("projects:detail", args=["lape-uusimaa"]),
        reverse("workshops:meeting_detail", args=[meeting.pk]),
        reverse("workshops:meeting_list"),
        reverse("projects:practice_list"),
        reverse("projects:embedding_plan", args=["perhekeskustoimintamalli-keski-uusimaa"]),
    ]
    return (
        [(url, False) for url in public]
        + [(reverse("login"), False)]
        + [(url, True) for url in coordinators]
    )


class VisibleTexts(HTMLParser):
    """The texts of a page that a reader sees or hears (text nodes, and the aria-label,
    title, placeholder and alt attributes), each with the language that the markup inside
    <html> gives it, such as lang="fi" on "suomi" in the language switcher."""

    ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
    VOID_ELEMENTS = {"br", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, page: str):
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str | None, str]] = []
        self.feed(page)
        self.close()

    def language(self) -> str | None:
        return next((lang for _tag, lang in reversed(self.open) if lang), None)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang") if tag != "html" else None
        for name in self.ATTRIBUTES & attributes.keys():
            self.texts.append((lang or self.language(), " ".join(attributes[name].split())))
        if tag not in self.VOID_ELEMENTS:
            self.open.append((tag, lang))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if data.strip() and not (self.open and self.open[-1][0] in {"script", "style"}):
            self.texts.append((self.language(), " ".join(data.split())))


def finnish_interface_texts(language: str) -> set[str]:
    """The catalogue's Finnish texts that ``language`` says differently. Texts with
    placeholders are left out: rendered, they no longer read as in the catalogue."""
    return {
        entry.msgid
        for entry in compiled_catalogue(language)
        if "%(" not in entry.msgid and entry.msgstr and entry.msgstr != entry.msgid
    }


def leftover_finnish(page: str, finnish: set[str]) -> set[str]:
    """The page's texts, outside parts marked as Finnish, that are a Finnish interface text
    or contain one of three words or more. Shorter texts count only as a whole text, for
    "hanke" may well be part of a project's name."""
    phrases = {text for text in finnish if len(text.split()) >= 3}
    return {
        text
        for lang, text in VisibleTexts(page).texts
        if lang != "fi" and (text in finnish or any(phrase in text for phrase in phrases))
    }


@pytest.mark.parametrize("language", ["fi", *TRANSLATED_LANGUAGES])
def test_every_main_page_renders_in_the_chosen_language(client, demo_coordinator, language):
    # Finnish pages are checked against the Swedish catalogue's texts, which shows that the
    # check finds Finnish when there is some.
    finnish = finnish_interface_texts("sv" if language == "fi" else language)
    leftovers = {}
    for url, as_coordinator in main_pages():
        if as_coordinator:
            client.force_login(demo_coordinator)
        else:
            client.logout()  # which also forgets the cookies
        response = in_language(client, language).get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert f'<html lang="{language}">' in page, url
        leftovers[url, as_coordinator] = leftover_finnish(page, finnish)
    if language == "fi":
        assert all(leftovers.values())
    else:
        assert {page: found for page, found in leftovers.items() if found} == {}


def test_leftover_finnish_is_found_in_text_and_labels_but_not_in_marked_finnish():
    finnish = {"Kunnat", "Siirry sisältöön", "Kaikki hankkeet ja hakutoiminnot", "suomi"}
    page = """<html lang="sv"><body>
      <a href="/">Kunnat</a> <nav aria-label="Siirry sisältöön"></nav>
      <p>Se: Kaikki hankkeet ja hakutoiminnot.</p>
      <p>Kunnat i Nyland</p> <option lang="fi">suomi</option>
    </body></html>"""
    assert leftover_finnish(page, finnish) == {
        "Kunnat",
        "Siirry sisältöön",
        "Se: Kaikki hankkeet ja hakutoiminnot.",
    }


# --- Choosing the language ---------------------------------------------------------------


def test_every_page_offers_the_languages_in_their_own_names(client, db):
    response = in_language(client, "en").get(reverse("projects:list"))
    assertContains(response, f'action="{reverse("set_language")}"')
    assertContains(response, '<label class="visually-hidden" for="language-select">Language')
    assertContains(response, '<option value="fi" lang="fi">suomi</option>', html=True)
    assertContains(response, '<option value="sv" lang="sv">svenska</option>', html=True)
    assertContains(response, '<option value="en" lang="en" selected>English</option>', html=True)
    assertContains(response, 'name="next" value="/hankkeet/"')


def test_the_chosen_language_is_remembered_on_the_next_pages(client, db):
    projects_url = reverse("projects:list")
    assertContains(client.get(projects_url), "<h1>Hankkeet</h1>", html=True)

    response = client.post(reverse("set_language"), {"language": "sv", "next": projects_url})
    assertRedirects(response, projects_url, fetch_redirect_response=False)
    assertContains(client.get(projects_url), "<h1>Projekt</h1>", html=True)
    response = client.get(reverse("municipalities:list"))
    assertContains(response, "<h1>Kommuner</h1>", html=True)

    client.post(reverse("set_language"), {"language": "en", "next": projects_url})
    assertContains(client.get(projects_url), "<h1>Projects</h1>", html=True)

    client.post(reverse("set_language"), {"language": "fi", "next": projects_url})
    assertContains(client.get(projects_url), "<h1>Hankkeet</h1>", html=True)


def test_an_unknown_language_is_ignored(client, db):
    client.post(reverse("set_language"), {"language": "de", "next": reverse("projects:list")})
    assertContains(client.get(reverse("projects:list")), "<h1>Hankkeet</h1>", html=True)


# --- Content in both national languages --------------------------------------------------


def test_a_swedish_reader_sees_swedish_names_and_descriptions(client, demo):
    in_language(client, "sv")
    response = client.get(reverse("portal:municipality_detail", args=["638"]))
    assertContains(response, "<h1>Borgå</h1>", html=True)

    project = Project.objects.get(slug="lape-pohjanmaa")
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assertContains(response, f"<h1>{project.name_sv}</h1>", html=True)
    assertContains(response, project.description_sv)
    assertNotContains(response, project.description)
    assertContains(response, "<dd class='col-sm-9'>Österbotten</dd>", html=True)


def test_an_english_reader_sees_the_finnish_names_and_descriptions(client, demo):
    in_language(client, "en")
    response = client.get(reverse("portal:municipality_detail", args=["638"]))
    assertContains(response, "<h1>Porvoo</h1>", html=True)

    project = Project.objects.get(slug="lape-pohjanmaa")
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assertContains(response, f'<h1 lang="fi">{project.name}</h1>', html=True)
    assertContains(response, project.description)
    assertNotContains(response, project.description_sv)


def test_names_fall_back_to_finnish_without_a_swedish_name():
    municipality = Municipality(name_fi="Porvoo", name_sv="")
    project = Project(name="LAPE Testimaa", name_sv="")
    with translation.override("sv"):
        assert municipality.name == "Porvoo"
        assert project.localized_name == "LAPE Testimaa"


# --- Numbers, money and dates ------------------------------------------------------------


@pytest.mark.parametrize(
    "language, amount, share, unknown",
    [
        ("fi", f"1{NBSP}750{NBSP}000,00{NBSP}€", f"25,5{NBSP}%", "ei tiedossa"),
        ("sv", f"1{NBSP}750{NBSP}000,00{NBSP}€", f"25,5{NBSP}%", "okänt"),
        ("en", "€1,750,000.00", "25.5%", "unknown"),
    ],
)
def test_money_and_percentages_in_each_languages_format(language, amount, share, unknown):
    with translation.override(language):
        assert format_money(Decimal("1750000")) == amount
        assert format_percent(Decimal("0.255")) == share
        assert format_money(None) == unknown


@pytest.mark.parametrize(
    "language, period, total_budget",
    [
        ("fi", "1.1.2017–31.12.2018", f"1{NBSP}750{NBSP}000,00{NBSP}€"),
        ("sv", "1.1.2017–31.12.2018", f"1{NBSP}750{NBSP}000,00{NBSP}€"),
        ("en", "01/01/2017–31/12/2018", "€1,750,000.00"),
    ],
)
def test_project_page_shows_dates_and_money_in_the_readers_format(
    client, demo, language, period, total_budget
):
    response = in_language(client, language).get(reverse("projects:detail", args=["lape-uusimaa"]))
    assertContains(response, f'<dd class="col-sm-9">{period}</dd>', html=True)
    assertContains(response, total_budget)


@pytest.mark.parametrize(
    "language, expected",
    [
        ("fi", "ke 3.5.2017 klo 9.00–12.00"),
        ("sv", "ons 3.5.2017 kl. 9.00–12.00"),
        ("en", "Wed 03/05/2017 at 09:00–12:00"),
    ],
)
def test_meeting_times_in_each_languages_format(language, expected):
    meeting = Meeting(
        starts_at=datetime.datetime(2017, 5, 3, 9, tzinfo=HELSINKI),
        ends_at=datetime.datetime(2017, 5, 3, 12, tzinfo=HELSINKI),
    )
    with translation.override(language):
        rendered = meeting_time(meeting)
    assert strip_tags(rendered) == expected


@pytest.mark.parametrize(
    "language, month, day_in_month, day_of_next_month",
    [
        ("fi", "Maaliskuu 2018", "26", "1.4.2018"),
        ("sv", "Mars 2018", "26", "1.4.2018"),
        ("en", "March 2018", "26", "01/04/2018"),
    ],
)
def test_calendar_names_the_month_and_the_days_of_other_months_in_the_readers_language(
    client, db, language, month, day_in_month, day_of_next_month
):
    response = in_language(client, language).get(reverse("workshops:calendar", args=[2018, 3]))
    assertContains(response, f'<h2 class="h4 mb-0">{month}</h2>', html=True)
    assertContains(response, f'<time datetime="2018-03-26">{day_in_month}</time>', html=True)
    assertContains(response, f'<time datetime="2018-04-01">{day_of_next_month}</time>', html=True)


def test_calendar_and_spreadsheet_files_keep_their_fixed_formats(client, demo, demo_coordinator):
    meeting = Meeting.objects.get(starts_at__date="2017-05-03")
    RegistrationFactory(meeting=meeting, name="Greta Gustafsson")
    client.force_login(demo_coordinator)
    calendars, spreadsheets = {}, {}
    for language in ["fi", "sv", "en"]:
        in_language(client, language)
        feed = client.get(reverse("workshops:project_ics", args=[meeting.project.slug]))
        calendars[language] = [
            line
            for line in feed.content.decode().splitlines()
            if line.startswith(("DTSTART", "DTEND"))
        ]
        csv = client.get(reverse("workshops:registrations_csv", args=[meeting.pk]))
        spreadsheets[language] = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()[1]
    assert "DTSTART:20170503T060000Z" in calendars["fi"]
    assert calendars["fi"] == calendars["sv"] == calendars["en"]
    registered = re.search(r";\d+\.\d+\.\d{4} \d+\.\d\d;", spreadsheets["fi"])
    assert registered
    assert registered.group(0) in spreadsheets["sv"]
    assert registered.group(0) in spreadsheets["en"]


def test_finnish_content_is_marked_as_finnish_on_a_swedish_page(client, demo):
    meeting = Meeting.objects.filter(minutes__status="approved").first()
    in_language(client, "sv")
    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    # With no Swedish title, the Finnish one is marked and said to be only in Finnish.
    assertContains(
        response,
        f'<h1><span lang="fi">{meeting.title}</span> <span class="fallback-note small '
        'text-body-secondary" lang="sv">(endast på finska)</span></h1>',
        html=True,
    )
    assertContains(response, '<html lang="sv"')
    in_language(client, "fi")
    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(response, f"<h1>{meeting.title}</h1>", html=True)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_finnish_titles_in_search_calendar_and_municipality_page_are_marked_finnish(
    client, demo, language
):
    meeting = Meeting.objects.filter(working_group__chairs__isnull=False).first()
    in_language(client, language)
    search = client.get(reverse("portal:search"), {"q": meeting.title, "type": "meetings"})
    calendar = client.get(
        reverse("workshops:calendar", args=[meeting.starts_at.year, meeting.starts_at.month])
    )
    chair = meeting.working_group.chairs.first()
    municipality_page = client.get(reverse("portal:municipality_detail", args=[chair.code]))

    url = reverse("workshops:meeting_detail", args=[meeting.pk])
    assertContains(search, f'href="{url}" lang="fi"')
    assertContains(calendar, f'<span lang="fi">{meeting.title}</span>', html=True)
    assertContains(municipality_page, f'<td lang="fi">{meeting.working_group.name}</td>', html=True)
