"""Nothing the portal needs lives on one app server: two gunicorn servers on one PostgreSQL and
one S3-compatible object storage (moto's server, started here) share a budget line, an uploaded
attachment and its extracted text, and a login session."""

import contextlib
import re

import pytest
import requests
from django.urls import reverse

from conftest import PASSWORD
from portal.tests.servers import BUCKET, CREDENTIALS, gunicorn
from projects.models import BudgetLine
from workshops.models import Attachment, TextStatus
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def app_servers(object_storage, tmp_path):
    """Two gunicorn servers, each with a media folder of its own that must stay empty."""
    with contextlib.ExitStack() as stack:
        servers = []
        for name in ("a", "b"):
            media = tmp_path / f"media-{name}"
            media.mkdir()
            environment = {
                **CREDENTIALS,
                "DJANGO_MEDIA_ROOT": str(media),
                "AWS_STORAGE_BUCKET_NAME": BUCKET,
                "AWS_S3_ENDPOINT_URL": object_storage["endpoint"],
                "AWS_S3_REGION_NAME": "eu-north-1",
                # Not what this test is about (portal/tests/test_two_factor.py is).
                "DJANGO_TWO_FACTOR_REQUIRED": "false",
                "DJANGO_QUERY_COUNT_HEADER": "true",
            }
            servers.append({"url": stack.enter_context(gunicorn(environment)), "media": media})
        yield servers


def csrf_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    assert page.status_code == 200, url
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_what_one_app_server_writes_the_other_reads(
    app_servers, object_storage, coordinator, project, run_tasks, settings
):
    one, other = (server["url"] for server in app_servers)
    # The servers know the production password hashers only, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    coordinator.set_password(PASSWORD)
    coordinator.save()
    meeting = MeetingFactory(project=project, title="Perhekeskusten verkostotapaaminen")
    session = requests.Session()

    # A login session made by one server holds on the other.
    login = one + reverse("login")
    response = session.post(
        login,
        {
            "username": coordinator.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf_token(session, login),
        },
        headers={"Referer": login},
        timeout=10,
    )
    assert response.status_code == 200 and response.url.endswith(reverse("portal:dashboard"))
    assert session.get(other + reverse("portal:dashboard"), timeout=10).url.endswith(
        reverse("portal:dashboard")
    )

    # A budget line saved through one is on the project page of the other, which that server
    # kept for visitors before (core.page_cache): the change is seen at once all the same.
    project_url = other + reverse("projects:detail", args=[project.slug])
    assert "12\xa0500,50" not in requests.get(project_url, timeout=10).text
    assert requests.get(project_url, timeout=10).headers["X-Query-Count"] == "1"
    create = one + reverse("projects:budget_line_create", args=[project.slug])
    session.post(
        create,
        {
            "year": "2018",
            "category": "travel",
            "amount": "12 500,50",
            "csrfmiddlewaretoken": csrf_token(session, create),
        },
        headers={"Referer": create},
        timeout=10,
    )
    assert BudgetLine.objects.filter(project=project, amount="12500.50").exists()
    project_page = requests.get(project_url, timeout=10)
    assert "12\xa0500,50" in project_page.text

    # An attachment uploaded through one downloads from the other, from the object storage.
    upload = one + reverse("workshops:attachment_upload", args=[meeting.pk])
    content = b"Muistio: sateenkaariperheiden palvelut perhekeskuksessa.\n"
    response = session.post(
        upload,
        {
            "title": "Verkostotapaamisen muistio",
            "kind": "other",
            "language": "fi",
            "csrfmiddlewaretoken": csrf_token(session, upload),
        },
        files={"file": ("muistio.txt", content, "text/plain")},
        headers={"Referer": upload},
        timeout=10,
    )
    assert response.status_code == 200
    attachment = Attachment.objects.get(meeting=meeting)
    listing = object_storage["client"].list_objects_v2(Bucket=BUCKET)
    assert [item["Key"] for item in listing["Contents"]] == [attachment.file.name]
    for server in app_servers:
        assert not any(server["media"].rglob("*.*")), "a file was kept on an app server"
    download = requests.get(
        other + reverse("workshops:attachment_download", args=[attachment.pk]), timeout=10
    )
    assert download.content == content

    # The worker (here, this process) reads the text from the same storage; the other server
    # finds the attachment by a word of it.
    search_url = other + reverse("portal:search")
    assert (
        "Verkostotapaamisen muistio"
        not in requests.get(search_url, {"q": "sateenkaariperheiden"}, timeout=10).text
    )
    run_tasks()
    attachment.refresh_from_db()
    assert attachment.text_status == TextStatus.INDEXED
    search = requests.get(search_url, {"q": "sateenkaariperheiden"}, timeout=10)
    assert "Verkostotapaamisen muistio" in search.text
