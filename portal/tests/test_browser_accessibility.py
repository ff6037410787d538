"""axe-core on every kind of page, public and a coordinator's, in Finnish, Swedish and English,
on a laptop and on a phone: no WCAG 2.1 AA violation but the known shortcomings that the
accessibility statement lists (``portal/accessibility.py``).

The demo data is loaded once for the module and each (user, language) has one browser context
that the tests share: the walk only reads. Each test loads its page once and checks it at both
widths. Screenshots of the Finnish pages on a laptop are left
in ``test-artifacts/screenshots/`` (git-ignored)."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.demo.users import DEMO_PASSWORDS
from portal.tests.browser import (
    COORDINATOR_PAGES,
    PUBLIC_PAGES,
    login,
    screenshot,
    unlisted_violations,
)
from workshops.links import registration_token
from workshops.models import WorkingGroup
from workshops.tests.factories import MeetingFactory, RegistrationFactory

# The demo data is committed once by module_demo_site; each test's own reads are rolled back.
pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]
# A laptop and a phone.
WIDTHS = [{"width": 1366, "height": 768}, {"width": 375, "height": 740}]


def registration_pages() -> dict:
    """A meeting still open for sign-up, and the page a registrant's personal link opens."""
    starts = (timezone.now() + datetime.timedelta(days=20)).replace(hour=9, minute=0)
    meeting = MeetingFactory(
        working_group=WorkingGroup.objects.filter(project__slug="lape-uusimaa").first(),
        title="Perhekeskusten verkostopäivä",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        capacity=30,
    )
    registration = RegistrationFactory(meeting=meeting)
    return {
        "ilmoittautuminen": reverse("workshops:meeting_detail", args=[meeting.pk]),
        "oma-ilmoittautuminen": reverse(
            "workshops:registration_manage", args=[registration_token(registration)]
        ),
    }


@pytest.fixture(scope="module")
def urls(module_demo_site):
    """Each page kind's address, by who opens it."""
    return {
        None: {name: url() for name, url in PUBLIC_PAGES.items()} | registration_pages(),
        "koordinaattori": {name: url() for name, url in COORDINATOR_PAGES.items()},
    }


@pytest.fixture(scope="module")
def pages(browser, module_demo_site):
    """One page per (user, language), opened when a test first needs it."""
    opened = {}

    def open_page(username, language):
        if (username, language) not in opened:
            context = browser.new_context(base_url=module_demo_site.url, locale="fi-FI")
            page = context.new_page()
            page.set_default_timeout(10_000)
            if username:
                login(page, username, DEMO_PASSWORDS[username])
            # What the language switcher in the header sets.
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": module_demo_site.url}]
            )
            opened[username, language] = page
        return opened[username, language]

    yield open_page
    for page in opened.values():
        page.context.close()


def check(page, url: str, name: str, language: str) -> None:
    """Open the page on a laptop and check it, then narrow the window to a phone's and check
    again: the layout follows the width without a reload, and one load serves both."""
    page.set_viewport_size(WIDTHS[0])
    response = page.goto(url)
    assert response.status == (404 if name == "sivua-ei-ole" else 200)
    assert page.locator("html").get_attribute("lang") == language
    if language == "fi":
        screenshot(page, name)
    unlisted = {}
    for size in WIDTHS:
        page.set_viewport_size(size)
        unlisted[f"{size['width']} px"] = unlisted_violations(page)

    assert unlisted == {f"{size['width']} px": [] for size in WIDTHS}, json.dumps(
        unlisted, ensure_ascii=False, indent=2
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", [*PUBLIC_PAGES, "ilmoittautuminen", "oma-ilmoittautuminen"])
def test_public_page_has_no_accessibility_violation_but_the_listed_ones(
    pages, urls, name, language
):
    check(pages(None, language), urls[None][name], name, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(COORDINATOR_PAGES))
def test_coordinator_page_has_no_accessibility_violation_but_the_listed_ones(
    pages, urls, name, language
):
    check(pages("koordinaattori", language), urls["koordinaattori"][name], name, language)
