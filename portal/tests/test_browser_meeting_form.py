"""A coordinator plans a meeting in a real browser: invitees are ticked from a list that a
filter field narrows, with an online-meeting link (the agenda has a page of its own,
``test_browser_agenda_minutes``)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portal.demo.users import DEMO_PASSWORDS
from portal.tests.browser import login
from workshops.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_filters_the_invitees_and_ticks_one(page):
    login(page, "koordinaattori", DEMO_PASSWORDS["koordinaattori"])
    page.goto(reverse("workshops:meeting_create", args=["lape-uusimaa"]))
    page.locator("#id_title").fill("Perhekeskusten alueellinen työpaja")
    page.locator("#id_kind").select_option("regional_workshop")
    page.locator("#id_starts_at").fill("2031-05-03T09:00")
    page.locator("#id_ends_at").fill("2031-05-03T12:00")
    page.get_by_label("Etäyhteyden osoite").fill("https://teams.example.fi/tyopaja")

    municipalities = page.locator("#div_id_invited_municipalities")
    everyone = municipalities.locator(".form-check:visible").count()
    municipalities.get_by_role("searchbox").fill("lohj")
    expect(municipalities.locator(".form-check:visible")).to_have_count(1)
    assert everyone > 10
    municipalities.get_by_label("Lohja").check()
    page.get_by_role("button", name="Tallenna").click()

    expect(page.get_by_role("heading", name="Perhekeskusten alueellinen työpaja")).to_be_visible()
    meeting = Meeting.objects.get(title="Perhekeskusten alueellinen työpaja")
    assert [m.name_fi for m in meeting.invited_municipalities.all()] == ["Lohja"]
    expect(page.get_by_role("link", name="Liity etäyhteydellä")).to_have_attribute(
        "href", "https://teams.example.fi/tyopaja"
    )
