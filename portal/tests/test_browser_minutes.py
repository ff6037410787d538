"""Writing minutes in a real browser: saving and circulating at once, and two people editing the
same minutes without either text being lost."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portal.demo.users import DEMO_PASSWORDS
from portal.tests.browser import MINUTES_TEXT, assert_accessible, login, screenshot
from workshops.models import Meeting, Minutes, WorkingGroup
from workshops.tests.factories import MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db(transaction=True)

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def past_meeting_without_minutes() -> Meeting:
    """A held meeting of the project that the demo coordinator coordinates (LAPE Uusimaa)."""
    return MeetingFactory(
        working_group=WorkingGroup.objects.get(project__slug="lape-uusimaa"),
        title="Työryhmän kesäkokous",
        starts_at=datetime.datetime(2018, 6, 12, 9, 0, tzinfo=HELSINKI),
    )


def minutes_box(page):
    return page.get_by_role("textbox", name=MINUTES_TEXT)


def test_coordinator_saves_circulates_and_approves_new_minutes_that_a_visitor_then_reads(
    page, new_page
):
    meeting_url = reverse("workshops:meeting_detail", args=[past_meeting_without_minutes().pk])
    login(page, "koordinaattori", DEMO_PASSWORDS["koordinaattori"])
    page.goto(meeting_url)
    page.get_by_role("link", name="Muistio", exact=True).click()

    minutes_box(page).fill("Sovittiin kesän perhekeskustyöpajan ohjelmasta.")
    page.get_by_role("button", name="Tallenna ja lähetä kommentoitavaksi").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Muistio on tallennettu ja lähetetty osallistujille kommentoitavaksi"
    )
    page.get_by_role("link", name="Muistio", exact=True).click()
    page.get_by_role("button", name="Hyväksy muistio").click()
    expect(page.get_by_role("status")).to_contain_text("Muistio on hyväksytty ja julkaistu")
    visitor = new_page()
    visitor.goto(meeting_url)
    expect(visitor.get_by_text("Sovittiin kesän perhekeskustyöpajan ohjelmasta.")).to_be_visible()


def test_save_over_someone_elses_newer_minutes_shows_both_texts_and_loses_nothing(page, new_page):
    meeting = past_meeting_without_minutes()
    MinutesFactory(meeting=meeting, text="Luonnos: asialista.")
    minutes_url = reverse("workshops:minutes_edit", args=[meeting.pk])
    own_text = "Koordinaattorin täydennys: seuraava kokous on syyskuussa."
    login(page, "koordinaattori", DEMO_PASSWORDS["koordinaattori"])
    page.goto(minutes_url)
    minutes_box(page).fill(own_text)

    # Meanwhile the admin, in a browser of their own, saves other minutes.
    admin_page = new_page()
    login(admin_page, "admin", DEMO_PASSWORDS["admin"])
    admin_page.goto(minutes_url)
    minutes_box(admin_page).fill("Ylläpitäjän korjaus: kokous pidettiin Lohjalla.")
    admin_page.get_by_role("button", name="Tallenna", exact=True).click()
    expect(admin_page.get_by_role("status")).to_contain_text("Muistio on tallennettu")

    page.get_by_role("button", name="Tallenna ja lähetä kommentoitavaksi").click()

    expect(page.get_by_text("Ylläpitäjä Demo tallensi tämän tiedon sillä välin")).to_be_visible()
    saved = page.get_by_role("region", name="Nyt tallennettu muistio")
    expect(saved).to_contain_text("Ylläpitäjän korjaus: kokous pidettiin Lohjalla.")
    expect(saved).to_contain_text("Tallentanut Ylläpitäjä Demo")
    expect(minutes_box(page)).to_have_value(own_text)
    screenshot(page, "koordinaattori-muistio-ristiriita")
    assert_accessible(page)
    minutes = Minutes.objects.get(meeting=meeting)
    assert (minutes.text, minutes.status) == (
        "Ylläpitäjän korjaus: kokous pidettiin Lohjalla.",
        "draft",
    )

    # Having read the admin's text, the coordinator keeps their own and circulates it.
    page.get_by_role("button", name="Tallenna ja lähetä kommentoitavaksi").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Muistio on tallennettu ja lähetetty osallistujille kommentoitavaksi"
    )
    minutes.refresh_from_db()
    assert (minutes.text, minutes.status) == (own_text, "circulated")
