"""Fixtures of the browser tests: Debian's Chromium, driven by Playwright, against a live
server with the demo data."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from portal.tests.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package.")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI runs these tests.")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - after the env is set

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo")
    return live_server


@pytest.fixture
def new_page(browser, demo_site):
    """Opens pages in browser contexts of their own (separate cookies: separate users)."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=demo_site.url, locale="fi-FI")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
