"""Helpers every browser test shares: screenshots, axe-core checks and logging in.

The fixtures that open Chromium are in ``conftest.py`` beside this file."""

import json
import shutil

from django.conf import settings
from django.urls import reverse

from workshops.models import Meeting

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = settings.BASE_DIR / "var" / "axe-core" / "axe.min.js"
SCREENSHOTS = settings.BASE_DIR / "test-artifacts" / "screenshots"
# Chromium as root, headless, and without background connections to the (closed) network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def serious_accessibility_violations(page) -> list[dict]:
    """Run axe-core on the page; return the serious and critical WCAG 2.x A/AA violations."""
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy refuses inline
    # <script> tags, add_script_tag's way in.
    page.evaluate("() => {\n" + AXE_JS.read_text(encoding="utf-8") + "\n}")
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def login(page, username: str, password: str) -> None:
    page.goto("/tili/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    violations = serious_accessibility_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)


def working_group_meeting_url(index: int) -> str:
    meeting = Meeting.objects.filter(working_group__isnull=False).order_by("starts_at")[index]
    return reverse("workshops:meeting_detail", args=[meeting.pk])


MAIN_PAGES = {
    "etusivu": lambda: "/",
    "hankkeet": lambda: reverse("projects:list"),
    "hanke-lape-uusimaa": lambda: reverse("projects:detail", args=["lape-uusimaa"]),
    "hanke-lapsen-paras": lambda: reverse("projects:detail", args=["lapsen-paras"]),
    "kunnat": lambda: reverse("municipalities:list"),
    "kunta-myrskyla": lambda: reverse("portal:municipality_detail", args=["504"]),
    "kokoukset": lambda: reverse("workshops:meeting_list"),
    "kalenteri-2018-03": lambda: reverse("workshops:calendar", args=[2018, 3]),
    "kokous-26-3-2018": lambda: working_group_meeting_url(5),
    "tyoryhma": lambda: reverse(
        "workshops:working_group_detail",
        args=[Meeting.objects.filter(working_group__isnull=False).first().working_group_id],
    ),
    "kirjautuminen": lambda: reverse("login"),
    "haku-tyopaja": lambda: reverse("portal:search") + "?q=työpaja",
}
COORDINATOR_PAGES = {
    "oma-sivu": lambda: reverse("portal:dashboard"),
    "koordinaattori-hanke": lambda: reverse("projects:detail", args=["lape-uusimaa"]),
    "koordinaattori-uusi-kokous": lambda: reverse(
        "workshops:meeting_create", args=["lape-uusimaa"]
    ),
    "koordinaattori-budjettirivi": lambda: reverse(
        "projects:budget_line_create", args=["lape-uusimaa"]
    ),
    "koordinaattori-muistio": lambda: reverse(
        "workshops:minutes_edit",
        args=[Meeting.objects.filter(project__slug="lape-uusimaa").order_by("starts_at")[0].pk],
    ),
}
