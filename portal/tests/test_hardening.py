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
from axes.models import AccessAttempt
from django.conf import settings
from django.db import OperationalError, connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from conftest import PASSWORD
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


PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "lape.example.fi",
    "DJANGO_SECURE": "true",
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
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response.headers["Cache-Control"]
    assert client.head(reverse("health")).status_code == 200


def test_health_check_answers_503_when_the_database_is_down(client, caplog):
    down = OperationalError("connection refused")
    with mock.patch.object(connection, "ensure_connection", side_effect=down):
        response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}
    assert "the database does not answer" in caplog.text
