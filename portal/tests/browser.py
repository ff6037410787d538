"""Helpers every browser test shares: screenshots, axe-core checks, logging in and moving
with the keyboard.

The fixtures that open Chromium are in ``conftest.py`` beside this file."""

import json
import re
import shutil

from django.conf import settings
from django.urls import reverse

from portal.accessibility import known_axe_rules
from projects.models import Practice
from workshops.models import Meeting

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = settings.BASE_DIR / "var" / "axe-core" / "axe.min.js"
SCREENSHOTS = settings.BASE_DIR / "test-artifacts" / "screenshots"


def field_named(label: str) -> re.Pattern:
    """The accessible name of the form field ``label`` itself: its Swedish twin's ("Otsikko
    ruotsiksi") begins the same way, and a required field's name ends in an asterisk."""
    return re.compile(rf"^{re.escape(label)}\*?$")


MINUTES_TEXT = field_named("Muistio")
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


def wcag_violations(page) -> list[dict]:
    """Run axe-core on the page; return every WCAG 2.x A/AA violation, whatever its impact."""
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
    ]


def unlisted_violations(page) -> list[dict]:
    """The WCAG 2.1 AA violations on the page that the accessibility statement does not list
    among its known shortcomings."""
    return [v for v in wcag_violations(page) if v["id"] not in known_axe_rules()]


def serious_accessibility_violations(page) -> list[dict]:
    """The serious and critical WCAG 2.x A/AA violations on the page."""
    return [v for v in wcag_violations(page) if v["impact"] in ("serious", "critical")]


def login(page, username: str, password: str) -> None:
    page.goto("/tili/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    violations = serious_accessibility_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)


# What a sighted keyboard user sees focused: the element's role, name and text, for messages.
FOCUSED_JS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return 'body (nothing focused)';
  const name = element.getAttribute('aria-label') || element.labels?.[0]?.textContent
    || element.textContent || element.value || '';
  return `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''} `
    + `"${name.trim().replace(/\\s+/g, ' ').slice(0, 60)}"`;
}"""


def focused(page) -> str:
    """The focused element, described for a failure message."""
    return page.evaluate(FOCUSED_JS)


def is_focused(locator) -> bool:
    return locator.evaluate_all("(elements) => elements.includes(document.activeElement)")


def tab_to(
    page, role: str, name, *, within=None, backwards: bool = False, limit: int = 60, **options
):
    """Press Tab (Shift+Tab backwards) until the element of this role and accessible name (in
    the ``within`` locator, such as a table row, when given) has the focus, as a keyboard user
    does; fail naming where the focus went if it never comes."""
    target = (within or page).get_by_role(role, name=name, **options)
    key = "Shift+Tab" if backwards else "Tab"
    passed = []
    for _ in range(limit):
        page.keyboard.press(key)
        if is_focused(target):
            return target
        passed.append(focused(page))
    raise AssertionError(
        f"{limit} presses of {key} did not reach the {role} {name!r}; the focus went through "
        + ", ".join(passed[-15:])
    )


def press_and_wait(page, key: str) -> None:
    """Press a key that follows a link or sends a form, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


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
# Every other kind of page a visitor reaches, for the axe-core walk in every language and width.
PUBLIC_PAGES = {
    **MAIN_PAGES,
    "saavutettavuusseloste": lambda: reverse("portal:accessibility"),
    "tietosuojaseloste": lambda: reverse("portal:privacy"),
    "ohjelma": lambda: reverse("portal:programme"),
    "ohjelma-maakunta": lambda: reverse("portal:programme_region", args=["01"]),
    "toimintamallit": lambda: reverse("projects:practice_list"),
    "toimintamalli": lambda: reverse(
        "projects:practice_detail", args=[Practice.objects.order_by("pk").first().slug]
    ),
    "avoin-data": lambda: reverse("portal:api_documentation"),
    "haku-ei-tuloksia": lambda: reverse("portal:search") + "?q=xyzzy",
    "salasanan-palautus": lambda: reverse("password_reset"),
    "yllapito-kirjautuminen": lambda: reverse("admin:login"),
    "sivua-ei-ole": lambda: "/ei-tallaista-sivua/",
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
