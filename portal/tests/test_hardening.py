"""Hardening: the deployment check, login throttling, Content-Security-Policy and other security
headers, escaping of user text, password rules and the health check."""

import datetime
import os
import re
import secrets
import subprocess
import sys
from unittest import mock

import pytest
import requests
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.core import mail
from django.db import OperationalError, connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from conftest import PASSWORD
from portal.tests.servers import gunicorn
from portal.tests.test_permissions import ROUTES, _url, as_role, world  # noqa: F401
from projects.tests.factories import ProjectFactory
from workshops.tests.factories import MeetingFactory, MinutesFactory

LOCKED_OUT = "Liian monta epäonnistunutta kirjautumisyritystä"
XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"

pytestmark = pytest.mark.django_db


# --- manage.py check --deploy, in a process of its own with production's environment


def run_deploy_check(**environment) -> subprocess.CompletedProcess:
    """``check --deploy`` with only DATABASE_URL and PATH-like variables inherited."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=inherited | {"DJANGO_DEBUG": "false"} | environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Only these two and DATABASE_URL: HTTPS is on by default with DEBUG off.
PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "lape.example.fi",
}


def test_deploy_check_passes_with_the_production_environment():
    result = run_deploy_check(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_fails_without_a_secret_key():
    result = run_deploy_check(**PRODUCTION | {"DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_deploy_check_reports_plain_http_when_https_is_not_switched_on():
    result = run_deploy_check(**PRODUCTION | {"DJANGO_SECURE": "false"})
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


# --- login throttling (django-axes)


def post_login(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def lock_out(client, url, username):
    """Fail AXES_FAILURE_LIMIT times; the last failure already shows the lockout page."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = post_login(client, url, username, "väärä-salasana")
        assert response.status_code == 200
        assertNotContains(response, LOCKED_OUT)
    response = post_login(client, url, username, "väärä-salasana")
    assert response.status_code == 429
    return response


@pytest.mark.parametrize("login_url", ["login", "admin:login"])
def test_right_password_is_refused_after_five_failures(client, portal_admin, login_url):
    url = reverse(login_url)
    lock_out(client, url, portal_admin.username)

    response = post_login(client, url, portal_admin.username, PASSWORD)

    assert response.status_code == 429
    assertContains(response, LOCKED_OUT, status_code=429)
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    assertContains(response, f"Yritä uudelleen {minutes} minuutin kuluttua", status_code=429)
    assert logged_in_user_id(client) is None


def test_login_works_again_after_the_cool_off(client, municipal_staff):
    url = reverse("login")
    lock_out(client, url, municipal_staff.username)
    # The cool-off passes: the failures are moved back in time beyond it.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )

    response = post_login(client, url, municipal_staff.username, PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(municipal_staff.pk)


def test_lockout_leaves_other_users_at_the_same_address_alone(
    client, municipal_staff, portal_admin
):
    url = reverse("login")
    lock_out(client, url, portal_admin.username)

    response = post_login(client, url, municipal_staff.username, PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(municipal_staff.pk)


def test_lockout_leaves_the_same_user_at_another_address_alone(client, municipal_staff):
    url = reverse("login")
    lock_out(client, url, municipal_staff.username)

    response = client.post(
        url,
        {"username": municipal_staff.username, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(municipal_staff.pk)


def test_a_successful_login_forgets_earlier_failures(client, municipal_staff):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, url, municipal_staff.username, "väärä-salasana")
    assert post_login(client, url, municipal_staff.username, PASSWORD).status_code == 302
    client.post(reverse("logout"))

    response = post_login(client, url, municipal_staff.username, "väärä-salasana")

    assert response.status_code == 200
    assertNotContains(response, LOCKED_OUT)


# --- Content-Security-Policy and security headers


def csp_directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_pages_allow_scripts_and_styles_only_from_the_portal(client, project):
    directives = csp_directives(client.get(reverse("projects:detail", args=[project.slug])))

    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]


def test_admin_change_page_has_the_same_policy(client, portal_admin, project):
    client.force_login(portal_admin)
    response = client.get(reverse("admin:projects_project_change", args=[project.pk]))

    assert response.status_code == 200
    assert csp_directives(response)["script-src"] == ["'self'"]


def test_security_headers_are_sent(client):
    response = client.get(reverse("portal:home"))

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_browser_features_the_portal_does_not_use_are_switched_off(client):
    policy = client.get(reverse("portal:home")).headers["Permissions-Policy"]

    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy


@pytest.mark.django_db(transaction=True)
def test_gunicorn_does_not_name_the_server_software():
    with gunicorn({}) as url:
        response = requests.get(url + "/health/", timeout=10)

    assert response.status_code == 200
    assert "gunicorn" not in response.headers.get("Server", "").lower()


def test_session_cookie_is_out_of_reach_of_scripts(client, municipal_staff):
    post_login(client, reverse("login"), municipal_staff.username, PASSWORD)

    assert client.cookies[settings.SESSION_COOKIE_NAME]["httponly"]


def test_https_redirect_spares_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(reverse("portal:home"))
    assert response.status_code == 301
    assert response.url.startswith("https://")
    assert client.get(reverse("health")).status_code == 200


# Tags with inline scripts, event handler attributes, style attributes or style elements: the
# policy refuses them all, so none may be in the portal's templates.
TAG = re.compile(r"<[a-zA-Z][^>]*>")
REFUSED_BY_POLICY = re.compile(
    r"^<script(?![^>]*\ssrc=)|\son[a-z]+\s*=|\sstyle\s*=|^<style\b|javascript:", re.IGNORECASE
)


def test_templates_have_nothing_the_policy_refuses():
    offending = [
        f"{path.relative_to(settings.BASE_DIR)}: {tag}"
        for path in sorted((settings.BASE_DIR / "templates").rglob("*.html"))
        for tag in TAG.findall(path.read_text(encoding="utf-8"))
        if REFUSED_BY_POLICY.search(tag)
    ]
    assert offending == []


# --- user text is shown escaped


def test_project_description_is_escaped(client):
    project = ProjectFactory(description=XSS)

    response = client.get(reverse("projects:detail", args=[project.slug]))

    assertContains(response, XSS_ESCAPED)
    assertNotContains(response, XSS)


def test_minutes_text_is_escaped(client):
    meeting = MeetingFactory()
    MinutesFactory(meeting=meeting, text=XSS, status="approved", published_at=timezone.now())

    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))

    assertContains(response, XSS_ESCAPED)
    assertNotContains(response, XSS)


# --- password rules


@pytest.mark.parametrize(
    ("new_password", "error"),
    [
        ("12345678", "Tämä salasana on kokonaan numeerinen."),
        ("salasana", "Tämä salasana on liian yleinen."),
        ("kuntatyontekija", "Salasana on liian lähellä kohdetta"),
        ("Xq7#pL", "Salasana on liian lyhyt. Siinä on oltava vähintään 8 merkkiä."),
    ],
)
def test_weak_new_password_is_refused_in_finnish(client, municipal_staff, new_password, error):
    client.force_login(municipal_staff)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )

    assertContains(response, error)
    municipal_staff.refresh_from_db()
    assert municipal_staff.check_password(PASSWORD)


# --- health check


def test_health_check_reports_a_working_database(client):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "worker": "missing"}
    assert "no-store" in response.headers["Cache-Control"]
    assert client.head(reverse("health")).status_code == 200


def test_health_check_reports_a_running_worker_and_one_that_went_silent(client):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) VALUES (NOW()) RETURNING id"
        )
        (worker,) = cursor.fetchone()
    assert client.get(reverse("health")).json()["worker"] == "ok"

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE procrastinate_workers SET last_heartbeat = NOW() - interval '2 minutes' "
            "WHERE id = %s",
            [worker],
        )
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["worker"] == "missing"


def test_health_check_answers_503_when_the_database_is_down(client, caplog):
    down = OperationalError("connection refused")
    with mock.patch.object(connection, "ensure_connection", side_effect=down):
        response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}
    assert "the database does not answer" in caplog.text


# --- NUL characters in addresses


NUL_ROLES = ["visitor", "admin"]


@pytest.mark.parametrize("role", NUL_ROLES)
def test_a_nul_in_any_address_is_refused_not_a_server_error(role, world, as_role):  # noqa: F811 - the fixtures imported above
    """Every URL pattern (the routes of test_permissions) and every admin list, with a NUL in
    the path and in a query parameter, as a visitor (sent to log in by the admin: 302) and as
    the admin who reaches every page."""
    client = as_role(role)
    for case, route in ROUTES.items():
        url = _url(case, route, world)
        in_path = url[:-1] + "%00/" if url.endswith("/") else url + "%00"
        for address in (in_path, f"{url}?q=%00", f"{url}?sivu=1&%00=1"):
            response = getattr(client, route.method)(address)
            assert response.status_code in (400, 404), (address, response.status_code)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for address in (f"{url}?q=%00", f"{url}%00/"):
            response = client.get(address)
            assert response.status_code in (302, 400, 404), (address, response.status_code)


def test_a_nul_in_the_path_or_the_query_is_a_bad_request(client):
    assert client.get("/kunnat/%00/").status_code == 400
    assert client.get(reverse("portal:search") + "?q=a%00b").status_code == 400


# --- password reset limits


def test_password_reset_sends_a_few_messages_to_one_address_and_says_the_same_after(
    client, municipal_staff
):
    for _ in range(11):
        response = client.post(reverse("password_reset"), {"email": municipal_staff.email})
        assert response.status_code == 302
        assert response.url == reverse("password_reset_done")

    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL


def test_password_reset_answers_few_requests_from_one_client_address(client, django_user_model):
    users = [
        django_user_model.objects.create_user(f"kayttaja{n}", f"kayttaja{n}@example.fi", PASSWORD)
        for n in range(11)
    ]
    for user in users:
        response = client.post(reverse("password_reset"), {"email": user.email})
        assert response.url == reverse("password_reset_done")

    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_CLIENT
    # Another client address is not held back by this one.
    response = client.post(
        reverse("password_reset"), {"email": users[0].email}, REMOTE_ADDR="192.0.2.7"
    )
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_CLIENT + 1
