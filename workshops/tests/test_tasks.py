"""The background worker reads the text of uploaded attachments: after the upload, with retries,
and with a failure that stays visible to the meeting's coordinators."""

import subprocess
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.postgres.search import SearchQuery
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from procrastinate.contrib.django.models import ProcrastinateJob
from pytest_django.asserts import assertContains, assertNotContains

from core.files import find_orphan_files
from core.search import FINNISH_CONFIG
from core.tasks import retry_stalled_jobs
from workshops import extract
from workshops.models import Attachment, AttachmentKind, TextStatus
from workshops.services import READ_TEXT_TASK, attachment_create, attachment_delete, attachments
from workshops.tasks import READ_TEXT_RETRIES
from workshops.tests.factories import MeetingFactory, WorkingGroupFactory
from workshops.tests.test_extract import pdf_sharing_one_stream, pdf_with_text
from workshops.tests.test_uploads import admin_attachment_data

FAILED_NOTE = "Tekstin lukeminen hakua varten epäonnistui"


def upload_pdf(meeting, text="Perhekeskusten työpajassa sovittiin vastuista.") -> Attachment:
    return attachment_create(
        meeting=meeting,
        file=SimpleUploadedFile("esitys.pdf", pdf_with_text(text)),
        title="Esitys",
    )


def found(word: str) -> list[Attachment]:
    return list(Attachment.objects.filter(search_vector=SearchQuery(word, config=FINNISH_CONFIG)))


def extraction_failing(monkeypatch, times: int) -> list[int]:
    """The extraction raises OSError ``times`` times, then reads; the calls are counted."""
    calls = []
    read_text = attachments.read_text

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) <= times:
            raise OSError("tallennustila ei vastaa")
        return read_text(*args, **kwargs)

    monkeypatch.setattr(attachments, "read_text", flaky)
    return calls


# --- Queued in the upload's transaction -----------------------------------------------------


@pytest.mark.django_db
def test_the_upload_queues_the_reading_instead_of_reading():
    attachment = upload_pdf(MeetingFactory())

    attachment.refresh_from_db()
    assert (attachment.text_status, attachment.text) == (TextStatus.PENDING, "")
    job = ProcrastinateJob.objects.get()
    assert (job.task_name, job.args, job.status) == (
        READ_TEXT_TASK,
        {"attachment_id": attachment.pk},
        "todo",
    )


@pytest.mark.django_db
def test_an_upload_rolled_back_leaves_no_job():
    with pytest.raises(RuntimeError), transaction.atomic():
        upload_pdf(MeetingFactory())
        raise RuntimeError("the request failed after the upload")

    assert not Attachment.objects.exists()
    assert not ProcrastinateJob.objects.exists()


# --- The worker -----------------------------------------------------------------------------


def test_the_worker_reads_the_text_and_the_attachment_is_found(run_tasks):
    attachment = upload_pdf(MeetingFactory())
    assert found("työpaja") == []

    run_tasks()

    attachment.refresh_from_db()
    assert attachment.text_status == TextStatus.INDEXED
    assert "työpajassa" in attachment.text
    assert found("työpaja") == [attachment]


def test_a_file_without_text_is_kept_as_unreadable(run_tasks):
    attachment = attachment_create(
        meeting=MeetingFactory(),
        file=SimpleUploadedFile("skannattu.pdf", b"%PDF-1.4 rikki"),
        title="Skannaus",
    )

    run_tasks()

    attachment.refresh_from_db()
    assert (attachment.text_status, attachment.text) == (TextStatus.UNREADABLE, "")
    assert attachment.file.read() == b"%PDF-1.4 rikki"
    assert ProcrastinateJob.objects.get().status == "succeeded"


def test_reading_that_fails_twice_then_succeeds_is_indexed_and_searchable(run_tasks, monkeypatch):
    calls = extraction_failing(monkeypatch, times=2)
    attachment = upload_pdf(MeetingFactory())

    run_tasks()

    attachment.refresh_from_db()
    assert (attachment.text_status, attachment.text_error) == (TextStatus.INDEXED, "")
    assert found("työpaja") == [attachment]
    assert len(calls) == 3
    job = ProcrastinateJob.objects.get()
    assert (job.status, job.attempts) == ("succeeded", 3)  # runs


def test_reading_that_always_fails_is_marked_failed_after_the_retries(run_tasks, monkeypatch):
    calls = extraction_failing(monkeypatch, times=100)
    attachment = upload_pdf(MeetingFactory())

    run_tasks()

    attachment.refresh_from_db()
    assert attachment.text_status == TextStatus.FAILED
    assert attachment.text_error == "OSError: tallennustila ei vastaa"
    assert len(calls) == 1 + READ_TEXT_RETRIES
    assert ProcrastinateJob.objects.get().status == "failed"
    # Still found by its title.
    assert found("esitys") == [attachment]


def test_a_failure_is_shown_on_the_meeting_page_to_its_coordinator_only(
    run_tasks, monkeypatch, client, coordinator, project
):
    extraction_failing(monkeypatch, times=100)
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    upload_pdf(meeting)
    run_tasks()
    url = reverse("workshops:meeting_detail", args=[meeting.pk])

    response = client.get(url)
    assertContains(response, "Esitys")
    assertNotContains(response, FAILED_NOTE)

    client.force_login(coordinator)
    response = client.get(url)
    assertContains(response, FAILED_NOTE)
    assertContains(response, "OSError: tallennustila ei vastaa")


def test_a_job_for_an_attachment_deleted_meanwhile_does_nothing(run_tasks, monkeypatch):
    calls = extraction_failing(monkeypatch, times=0)
    attachment = upload_pdf(MeetingFactory())
    attachment_delete(attachment=attachment)

    run_tasks()

    assert calls == []
    assert ProcrastinateJob.objects.get().status == "succeeded"


def test_a_failed_reading_retried_in_the_admin_is_read_again(run_tasks, monkeypatch, admin_client):
    calls = extraction_failing(monkeypatch, times=1 + READ_TEXT_RETRIES)
    attachment = upload_pdf(MeetingFactory())
    run_tasks()
    job = ProcrastinateJob.objects.get()

    response = admin_client.post(
        reverse("admin:procrastinate_procrastinatejob_changelist"),
        {"action": "retry", ACTION_CHECKBOX_NAME: [job.pk]},
    )
    run_tasks()

    assert response.status_code == 302
    attachment.refresh_from_db()
    assert (attachment.text_status, attachment.text_error) == (TextStatus.INDEXED, "")
    assert len(calls) == 2 + READ_TEXT_RETRIES


# --- A file that keeps the reader busy --------------------------------------------------------


@pytest.fixture
def hostile_pdf():
    return SimpleUploadedFile("raportti.pdf", pdf_sharing_one_stream(), "application/pdf")


@contextmanager
def reading_forbidden():
    """The test fails if a file's text is read in the block (the request)."""
    refuse = mock.Mock(side_effect=AssertionError("text read in the request"))
    with (
        mock.patch.object(extract, "extract_text", refuse),
        mock.patch.object(attachments, "read_text", refuse),
    ):
        yield


def test_a_hostile_pdf_uploads_at_once_and_the_worker_stops_at_the_limit(
    client, coordinator, project, hostile_pdf, run_tasks, settings
):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    client.force_login(coordinator)

    started = time.monotonic()
    with reading_forbidden():
        response = client.post(
            reverse("workshops:attachment_upload", args=[meeting.pk]),
            {
                "title": "Raportti",
                "kind": AttachmentKind.OTHER,
                "language": "fi",
                "file": hostile_pdf,
            },
        )
    assert time.monotonic() - started < 1
    assert response.status_code == 302
    attachment = meeting.attachments.get()
    assert attachment.text_status == TextStatus.PENDING

    settings.ATTACHMENT_TEXT_SECONDS = 2
    started = time.monotonic()
    run_tasks()

    assert time.monotonic() - started < 5
    attachment.refresh_from_db()
    assert (attachment.text_status, attachment.text) == (TextStatus.TOO_COMPLEX, "")
    assert (
        ProcrastinateJob.objects.get(task_name=READ_TEXT_TASK).status == "succeeded"
    )  # not retried
    assert found("raportti") == [attachment]  # by its title
    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(response, "liian monimutkainen")


def test_an_admin_upload_does_not_read_the_text_either(admin_client, hostile_pdf):
    meeting = MeetingFactory()

    with reading_forbidden():
        response = admin_client.post(
            reverse("admin:workshops_attachment_add"), admin_attachment_data(meeting, hostile_pdf)
        )

    assert response.status_code == 302
    assert Attachment.objects.get().text_status == TextStatus.PENDING


def test_a_reader_killed_midway_is_retried_once_and_nothing_is_left_behind(
    run_tasks, hostile_pdf, settings, monkeypatch, media_root
):
    """The child reading the file is killed (out of memory, an operator): the attachment stays
    listed and its reading is tried once more, which here ends at the time limit."""
    settings.ATTACHMENT_TEXT_SECONDS = 2
    started = []

    class KilledFirst(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)
            if len(started) == 1:
                threading.Timer(0.5, self.kill).start()

    monkeypatch.setattr(extract.subprocess, "Popen", KilledFirst)
    meeting = MeetingFactory()
    attachment = attachment_create(meeting=meeting, file=hostile_pdf, title="Raportti")

    run_tasks()

    assert len(started) == 2
    attachment.refresh_from_db()
    assert list(meeting.attachments.all()) == [attachment]
    assert attachment.text_status == TextStatus.TOO_COMPLEX
    job = ProcrastinateJob.objects.get()
    assert (job.status, job.attempts) == ("succeeded", 2)
    assert find_orphan_files(age=timedelta(0)) == []


def test_a_reader_killed_every_time_is_not_retried_forever(run_tasks, settings, monkeypatch):
    runs = []

    class AlwaysKilled(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            runs.append(self)
            self.kill()

    monkeypatch.setattr(extract.subprocess, "Popen", AlwaysKilled)
    attachment = upload_pdf(MeetingFactory())

    run_tasks()

    assert len(runs) == 2
    attachment.refresh_from_db()
    assert attachment.text_status == TextStatus.TOO_COMPLEX


def test_a_job_of_a_worker_killed_midway_is_retried_and_read(run_tasks):
    """The worker itself died while reading (its job stays "doing", its heartbeat stops): the
    periodic check queues the job again, and the next worker reads the text."""
    attachment = upload_pdf(MeetingFactory())
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) VALUES (now() - interval '1 hour')"
            " RETURNING id"
        )
        (worker_id,) = cursor.fetchone()
        cursor.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s", [worker_id]
        )
    run_tasks()
    assert Attachment.objects.get().text_status == TextStatus.PENDING  # nothing to do yet

    retry_stalled_jobs.defer(timestamp=0)
    run_tasks()

    attachment.refresh_from_db()
    assert attachment.text_status == TextStatus.INDEXED
    job = ProcrastinateJob.objects.get(task_name=READ_TEXT_TASK)
    assert (job.status, job.attempts) == ("succeeded", 2)
