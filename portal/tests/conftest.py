"""Fixtures of the browser tests (Debian's Chromium, driven by Playwright, against a live
server with the demo data) and a local S3-compatible object storage."""

import os
from pathlib import Path

import boto3
import pytest
import requests
from django.core.management import call_command
from django.test.utils import override_settings
from moto.server import ThreadedMotoServer
from pytest_django.live_server_helper import LiveServer

from portal.tests.browser import CHROMIUM, CHROMIUM_ARGS
from portal.tests.servers import BUCKET, CREDENTIALS, free_port


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


@pytest.fixture
def object_storage(settings, monkeypatch):
    """A local S3-compatible server (moto's) with an empty bucket, this process's default
    storage; its ``client`` is a boto3 S3 client of it."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-north-1")
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "eu-north-1",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    yield {"endpoint": endpoint, "client": s3}
    # moto keeps its buckets per process, not per server: the next test starts afresh.
    requests.post(f"{endpoint}/moto-api/reset", timeout=10)
    server.stop()
