"""The portal in a real browser: Debian's Chromium driven by Playwright against a live server.

Screenshots of the main pages are left in ``test-artifacts/screenshots/`` (git-ignored), and
every main page is checked with axe-core for serious or critical WCAG 2.1 AA violations.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

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

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package.")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI runs these tests.")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo")
    return live_server


@pytest.fixture
def page(browser, demo_site):
    context = browser.new_context(base_url=demo_site.url, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def serious_accessibility_violations(page) -> list[dict]:
    """Run axe-core on the page; return the serious and critical WCAG 2.x A/AA violations."""
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
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


MAIN_PAGES = {
    "etusivu": "/",
}


@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_main_page_has_no_serious_accessibility_violations(page, name):
    page.goto(MAIN_PAGES[name])
    screenshot(page, name)
    violations = serious_accessibility_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)
