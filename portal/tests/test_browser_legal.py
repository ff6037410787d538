"""The accessibility statement's feedback form filled in and sent with the keyboard alone (axe-core
checks the statement and the privacy notice with every other page, test_browser_accessibility)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import Feedback
from portal.tests.browser import press_and_wait, tab_to

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_sends_feedback_with_the_keyboard_alone(page, settings, run_tasks):
    settings.PORTAL_FEEDBACK_EMAILS = ["yllapito@example.fi"]
    page.goto("/")
    # Backwards from the top of the page: the footer's links are the last stops.
    tab_to(page, "link", "Saavutettavuusseloste", backwards=True)
    press_and_wait(page, "Enter")
    assert page.url.endswith(reverse("portal:accessibility"))

    tab_to(page, "textbox", re.compile(r"^Palaute"), limit=80)
    page.keyboard.type("Liitteen PDF ei aukea ruudunlukijalla.")
    page.keyboard.press("Tab")
    page.keyboard.type("/kokoukset/")
    page.keyboard.press("Tab")
    page.keyboard.type("Testi Lukija")
    page.keyboard.press("Tab")
    page.keyboard.type("lukija@example.fi")
    # Past the privacy notice's link to the send button.
    tab_to(page, "button", "Lähetä palaute", limit=2)
    press_and_wait(page, "Enter")

    assert page.get_by_text("Kiitos palautteesta.").is_visible()
    feedback = Feedback.objects.get()
    assert (feedback.page_url, feedback.name, feedback.email) == (
        "/kokoukset/",
        "Testi Lukija",
        "lukija@example.fi",
    )
    run_tasks()
    assert [message.to for message in mail.outbox] == [["yllapito@example.fi"]]
