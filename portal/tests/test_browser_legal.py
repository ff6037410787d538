"""The accessibility statement and the privacy notice in a browser: no WCAG 2.1 AA violation
in any of the three languages but the known shortcomings the statement lists, and the feedback
form filled in and sent with the keyboard alone."""

import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from portal.accessibility import known_axe_rules
from portal.models import Feedback
from portal.tests.browser import AXE_JS

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["fi", "sv", "en"]


def wcag_violations(page) -> list[dict]:
    """Every WCAG 2.x A/AA violation axe-core finds, whatever its impact."""
    page.evaluate("() => {\n" + AXE_JS.read_text(encoding="utf-8") + "\n}")
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in result["violations"]
    ]


def open_in(page, language: str, url: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": page.url or "http://x"}]
    )
    page.goto(url)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["portal:accessibility", "portal:privacy"])
def test_page_has_no_accessibility_violation_but_the_listed_ones(new_page, language, name):
    page = new_page()
    page.goto("/")
    open_in(page, language, reverse(name))
    assert page.locator("html").get_attribute("lang") == language

    unlisted = [v for v in wcag_violations(page) if v["id"] not in known_axe_rules()]

    assert unlisted == [], json.dumps(unlisted, ensure_ascii=False, indent=2)


def test_visitor_sends_feedback_with_the_keyboard_alone(page, settings, run_tasks):
    settings.PORTAL_FEEDBACK_EMAILS = ["yllapito@example.fi"]
    page.goto("/")
    footer_link = page.get_by_role("contentinfo").get_by_role("link", name="Saavutettavuusseloste")
    footer_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + reverse("portal:accessibility"))

    # The form's first field; from there on only keys.
    page.get_by_role("textbox", name=re.compile(r"^Palaute")).focus()
    page.keyboard.type("Liitteen PDF ei aukea ruudunlukijalla.")
    page.keyboard.press("Tab")
    page.keyboard.type("/kokoukset/")
    page.keyboard.press("Tab")
    page.keyboard.type("Testi Lukija")
    page.keyboard.press("Tab")
    page.keyboard.type("lukija@example.fi")
    # Past the privacy notice's link to the send button.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Lähetä palaute"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_text("Kiitos palautteesta.").is_visible()
    feedback = Feedback.objects.get()
    assert (feedback.page_url, feedback.name, feedback.email) == (
        "/kokoukset/",
        "Testi Lukija",
        "lukija@example.fi",
    )
    run_tasks()
    assert [message.to for message in mail.outbox] == [["yllapito@example.fi"]]
