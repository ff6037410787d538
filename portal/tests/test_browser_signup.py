"""Signing up in a real browser, without an account: the confirmation e-mail's personal link
cancels the registration, and a cancellation gives the seat to the first one waiting."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from portal.tests.browser import assert_accessible, screenshot
from workshops.models import Meeting, WorkingGroup
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://\S+/ilmoittautuminen/\S+/")


@pytest.fixture
def portal_url(settings, demo_site):
    """Links in e-mails lead to the test's live server."""
    settings.PORTAL_URL = demo_site.url
    return demo_site.url


def coming_meeting(**fields) -> Meeting:
    starts = (timezone.now() + datetime.timedelta(days=20)).replace(hour=9, minute=0)
    return MeetingFactory(
        working_group=WorkingGroup.objects.filter(project__slug="lape-uusimaa").first(),
        title="Perhekeskusten verkostopäivä",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        **fields,
    )


def register(page, meeting: Meeting, name: str, email: str) -> None:
    page.goto(reverse("workshops:meeting_detail", args=[meeting.pk]))
    page.get_by_label("Nimi").fill(name)
    page.get_by_label("Sähköposti").fill(email)
    page.get_by_role("button", name="Ilmoittaudu").click()


def link_in(message) -> str:
    return LINK.search(message.body).group(0)


def test_visitor_registers_without_an_account_and_cancels_by_the_link_in_the_email(
    page, portal_url, run_tasks
):
    meeting = coming_meeting(capacity=10)
    register(page, meeting, "Maija Meikäläinen", "maija@example.fi")
    expect(page.get_by_role("status")).to_contain_text("Ilmoittautumisesi on vastaanotettu")

    run_tasks()
    [confirmation] = mail.outbox
    assert confirmation.to == ["maija@example.fi"]
    page.goto(link_in(confirmation))
    expect(page.get_by_role("heading", name="Oma ilmoittautuminen")).to_be_visible()
    expect(page.locator("#registration-status")).to_have_text("Ilmoittautunut")
    assert_accessible(page)
    screenshot(page, "oma-ilmoittautuminen")

    page.get_by_role("button", name="Peru ilmoittautumiseni").click()

    expect(page.get_by_role("status")).to_contain_text("Ilmoittautumisesi on peruttu")
    expect(page.locator("#registration-status")).to_have_text("Peruttu")
    assert meeting.registrations.get().status == "cancelled"


def test_a_full_meeting_puts_the_next_on_its_waitlist_and_a_cancellation_promotes_them(
    page, portal_url, run_tasks
):
    meeting = coming_meeting(capacity=1)
    register(page, meeting, "Eeva Ensimmäinen", "eeva@example.fi")
    expect(page.get_by_role("status")).to_contain_text("Ilmoittautumisesi on vastaanotettu")

    expect(page.get_by_text("Tilaisuus on täynnä. Voit ilmoittautua jonoon")).to_be_visible()
    register(page, meeting, "Ville Jonossa", "ville@example.fi")
    expect(page.get_by_role("status")).to_contain_text("olet jonossa")
    screenshot(page, "ilmoittautuminen-jonoon")

    run_tasks()
    first = next(message for message in mail.outbox if message.to == ["eeva@example.fi"])
    page.goto(link_in(first))
    page.get_by_role("button", name="Peru ilmoittautumiseni").click()
    expect(page.get_by_role("status")).to_contain_text("Ilmoittautumisesi on peruttu")

    mail.outbox.clear()
    run_tasks()
    [promotion] = mail.outbox
    assert promotion.to == ["ville@example.fi"]
    assert "Sait paikan" in promotion.subject
    page.goto(link_in(promotion))
    expect(page.locator("#registration-status")).to_have_text("Ilmoittautunut")
