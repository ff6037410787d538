"""Fixtures of the browser tests: Debian's Chromium, driven by Playwright, against a live
server with the demo data."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from pytest_django.live_server_helper import LiveServer

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


@pytest.fixture(scope="module")
def module_demo_site(django_db_setup, django_db_blocker):
    """One live server with the demo data for a whole module of tests that only read it (the
    axe-core walk): loading the demo takes seconds, and each transactional test would load it
    anew. Not pytest-django's ``live_server``, which empties the database after every test; this
    one empties it once, when the module is done. The module's tests are marked
    ``django_db`` (not transactional): their own reads run in a transaction that is rolled back,
    while the server's thread, with a connection of its own, sees the committed demo data."""
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    # The live server's thread and the test's ORM calls both reach the database all along.
    with django_db_blocker.unblock():
        # The demo users' passwords hashed as the tests' fast hasher checks them.
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            call_command("load_demo")
        yield server
        call_command("flush", interactive=False, verbosity=0)
    server._live_server_modified_settings.disable()
    server.stop()


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
