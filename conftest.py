"""Fixtures shared by every app's tests: a temporary media folder, one user per role, and the
background worker."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from procrastinate.contrib.django import app

from portal.roles import COORDINATORS, MUNICIPAL_STAFF, ensure_role_groups
from projects.models import ContactRole
from projects.tests.factories import ContactFactory, ProjectFactory

PASSWORD = "Testi-salasana-2017"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Connections close after each request in tests: the worker's and the live server's
    threads would otherwise hold theirs (CONN_MAX_AGE) past the test database's end."""
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder that pytest removes."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: limits counted there (core.ratelimit) start anew."""
    cache.clear()


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages are rendered for every request: a test's transaction never commits, so the kept
    pages would not see its changes (core.page_cache moves on commit). The page cache's own
    tests turn it on (``page_cache``)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Tests create many users; the production hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def role_groups(db):
    ensure_role_groups()


def _user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.fi", password=PASSWORD, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def project(db):
    """The project that the ``coordinator`` fixture coordinates."""
    return ProjectFactory(name="LAPE Testimaa", slug="lape-testimaa")


@pytest.fixture
def other_project(db):
    return ProjectFactory(name="LAPE Muualla", slug="lape-muualla")


@pytest.fixture
def municipal_staff(role_groups, django_user_model):
    return _user(django_user_model, "kuntatyontekija", MUNICIPAL_STAFF)


@pytest.fixture
def coordinator(role_groups, django_user_model, project):
    user = _user(django_user_model, "koordinaattori", COORDINATORS)
    ContactFactory(project=project, user=user, role=ContactRole.COORDINATOR, name="Koordinaattori")
    return user


@pytest.fixture
def other_coordinator(role_groups, django_user_model, other_project):
    """A coordinator of ``other_project``, who may not edit ``project``."""
    user = _user(django_user_model, "muukoordinaattori", COORDINATORS)
    ContactFactory(
        project=other_project, user=user, role=ContactRole.COORDINATOR, name="Muu koordinaattori"
    )
    return user


@pytest.fixture
def portal_admin(role_groups, django_user_model):
    return _user(django_user_model, "paakayttaja", is_staff=True, is_superuser=True)


def _clear_job_queue() -> None:
    # Django's flush between transactional tests skips procrastinate's unmanaged tables.
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE procrastinate_jobs, procrastinate_events, procrastinate_periodic_defers, "
            "procrastinate_workers RESTART IDENTITY CASCADE"
        )


@pytest.fixture
def run_tasks(transactional_db, monkeypatch):
    """``run_tasks()`` runs every queued job with the real worker until none is left, as
    ``manage.py procrastinate worker`` would, but without waits between retries and without
    periodic jobs.

    The worker reads the jobs on its own connection (the tasks run in its threads), so the
    test's rows must be committed: hence a transactional database. The queue starts empty.
    """
    monkeypatch.setattr(app.periodic_registry, "periodic_tasks", {})
    for task in app.tasks.values():
        if task.retry_strategy is not None:
            for wait in ("wait", "linear_wait", "exponential_wait"):
                monkeypatch.setattr(task.retry_strategy, wait, 0)

    def work():
        with app.replace_connector(app.connector.get_worker_connector()):
            app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)

    def run():
        # In a thread of its own: once the browser tests ran, Playwright's event loop runs in
        # this one, and the worker cannot start its own loop beside it.
        with ThreadPoolExecutor(max_workers=1) as executor:
            executor.submit(work).result()

    _clear_job_queue()
    yield run
    _clear_job_queue()
