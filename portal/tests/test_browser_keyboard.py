"""The three journeys of the portal with the keyboard alone (WCAG 2.1.1): a visitor finds
minutes, a municipal staff member downloads an attachment, and a coordinator edits a budget line
and schedules a meeting. Only the first page is opened by its address, as a user types it;
after that every step is a key: Tab and Shift+Tab, Enter, Space, arrows and typed text."""

import datetime
import re
import zoneinfo
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.demo.users import DEMO_PASSWORDS
from portal.tests.browser import focused, is_focused, press_and_wait, tab_to
from workshops.models import Attachment, Meeting

pytestmark = pytest.mark.django_db(transaction=True)

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
STARTS = datetime.datetime(2027, 2, 10, 9, tzinfo=HELSINKI)
ENDS = datetime.datetime(2027, 2, 10, 12, tzinfo=HELSINKI)
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def keyboard_page(page):
    page.set_viewport_size(LAPTOP)
    page.goto("/")
    return page


def log_in_by_keyboard(page, username: str) -> None:
    tab_to(page, "link", "Kirjaudu sisään")
    press_and_wait(page, "Enter")
    tab_to(page, "textbox", "Käyttäjätunnus")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORDS[username])
    press_and_wait(page, "Enter")


def test_skip_link_is_the_first_stop_and_leads_into_the_main_content(keyboard_page):
    page = keyboard_page
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_role("link", name="Siirry sisältöön")), focused(page)

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    # Past the whole header: the next stop is the first link or field of the main content.
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)"), (
        focused(page)
    )


def test_visitor_finds_minutes_with_the_keyboard_alone(keyboard_page):
    page = keyboard_page
    tab_to(page, "searchbox", "Hae portaalista")
    page.keyboard.type("Hyvinkää")
    press_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Haku")

    tab_to(page, "link", "Muistio: Kehittämisalueen työryhmän kokous", exact=False)
    press_and_wait(page, "Enter")

    meeting = Meeting.objects.get(minutes__text__contains="Hyvinkää")
    assert page.url.endswith(f"/kokoukset/{meeting.pk}/#minutes-title")
    expect(
        page.get_by_text("Kehittämisalueen työryhmän kokous 16.1.2018, Hyvinkää")
    ).to_be_visible()


def test_staff_member_downloads_an_attachment_with_the_keyboard_alone(keyboard_page):
    page = keyboard_page
    log_in_by_keyboard(page, "kuntatyontekija")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    tab_to(page, "link", "Kokoukset", exact=True)
    press_and_wait(page, "Enter")
    # The working group meets under one title: the row of the date tells its meetings apart.
    row = page.get_by_role("row", name=re.compile(r"26\.3\.2018"))
    tab_to(page, "link", "Kehittämisalueen työryhmän kokous", within=row)
    press_and_wait(page, "Enter")

    tab_to(page, "link", "LIITE Muuta ajankohtaista", exact=True)
    with page.expect_download() as download:
        page.keyboard.press("Enter")

    attachment = Attachment.objects.get(title="LIITE Muuta ajankohtaista")
    with attachment.file.open("rb") as stored:
        assert Path(download.value.path()).read_bytes() == stored.read()


def type_date_and_time(page, when: datetime.datetime) -> None:
    """Type a date and time into the focused date-and-time field, segment by segment. Headless
    Chromium lays the field out in its own interface language, US English whatever the page's
    (month, day, year, then hours, minutes and AM/PM); each segment moves on when full, and the
    right arrow goes from the year to the hours."""
    page.keyboard.type(f"{when:%m%d%Y}")
    page.keyboard.press("ArrowRight")
    page.keyboard.type(f"{when:%I%M%p}")
    assert page.evaluate("document.activeElement.value") == f"{when:%Y-%m-%dT%H:%M}"


def test_coordinator_edits_a_budget_line_and_schedules_a_meeting_with_the_keyboard_alone(
    keyboard_page,
):
    page = keyboard_page
    log_in_by_keyboard(page, "koordinaattori")
    tab_to(page, "link", "LAPE Uusimaa – Yhdessä olemme enemmän", exact=True)
    press_and_wait(page, "Enter")
    funding = page.locator("section[aria-labelledby=funding]")
    expect(funding).to_contain_text("1\xa0750\xa0000,00\xa0€")

    tab_to(page, "link", "Muokkaa 2017 matkakulut", limit=150)
    press_and_wait(page, "Enter")
    tab_to(page, "textbox", "Summa")
    page.keyboard.press("Control+A")
    page.keyboard.type("125000,00")
    press_and_wait(page, "Enter")

    expect(page.get_by_role("status")).to_contain_text("Budjettirivi on tallennettu")
    # The travel line grew by 100 000 €: planned 1 850 000 €.
    expect(funding).to_contain_text("1\xa0850\xa0000,00\xa0€")

    tab_to(page, "link", "Lisää kokous", limit=400)
    press_and_wait(page, "Enter")
    tab_to(page, "textbox", "Otsikko")
    page.keyboard.type("Perhekeskustyöpaja Vihdissä")
    tab_to(page, "combobox", "Tyyppi")
    # A closed list box takes the first letters of an option, as in every browser.
    page.keyboard.type("maakunnallinen")
    tab_to(page, "textbox", "Alkaa")
    type_date_and_time(page, STARTS)
    tab_to(page, "textbox", "Päättyy*")
    type_date_and_time(page, ENDS)
    tab_to(page, "textbox", "Paikka")
    page.keyboard.type("Vihdin kunnantalo")
    # Enter in a text field sends the form, past the long lists of invitees.
    press_and_wait(page, "Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Perhekeskustyöpaja Vihdissä")
    meeting = Meeting.objects.get(title="Perhekeskustyöpaja Vihdissä")
    assert meeting.kind == "regional_workshop"
    assert meeting.place == "Vihdin kunnantalo"
    assert (meeting.starts_at, meeting.ends_at) == (STARTS, ENDS)
