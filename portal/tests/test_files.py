"""Stored files never outlive their rows: every way of deleting removes them once the deletion
is committed, and ``sweep_orphan_files`` finds what a killed process left behind."""

import io
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.management import call_command
from django.db import transaction
from procrastinate.contrib.django import app

from core import files
from portal.tests.servers import BUCKET
from portal.tests.test_admin import admin_url
from projects.models import Project
from projects.tests.factories import ProjectFactory
from workshops.models import Attachment, Meeting
from workshops.services import attachment_delete
from workshops.tests.factories import AttachmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


# --- Every delete path ----------------------------------------------------------------------


def test_attachments_deleted_with_the_admins_bulk_action_lose_their_files(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    attachments = AttachmentFactory.create_batch(3)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            admin_url(Attachment, "changelist"),
            {
                "action": "delete_selected",
                "post": "yes",
                ACTION_CHECKBOX_NAME: [attachment.pk for attachment in attachments],
            },
        )

    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_meeting_deleted_in_the_admin_takes_its_attachments_files_along(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    AttachmentFactory.create_batch(2, meeting=meeting)
    kept = AttachmentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(admin_url(Meeting, "delete", meeting.pk), {"post": "yes"})

    assert response.status_code == 302
    assert stored_files(media_root) == [media_root / kept.file.name]


def test_a_project_deleted_in_the_admin_takes_its_meetings_files_along(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    project = ProjectFactory()
    AttachmentFactory(meeting=MeetingFactory(project=project))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(admin_url(Project, "delete", project.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_deletion_rolled_back_keeps_the_file(media_root, django_capture_on_commit_callbacks):
    attachment = AttachmentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            attachment_delete(attachment=attachment)
            raise RuntimeError("the request failed after the deletion")

    assert Attachment.objects.exists()
    assert stored_files(media_root) == [media_root / attachment.file.name]


# --- The sweep ------------------------------------------------------------------------------


@pytest.fixture
def upload_temp_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    return settings.FILE_UPLOAD_TEMP_DIR


def sweep(*options) -> str:
    out = io.StringIO()
    call_command("sweep_orphan_files", *options, stdout=out)
    return out.getvalue()


def planted(path: Path, *, age_seconds: int = 3601) -> Path:
    """A file at ``path``, ``age_seconds`` old."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 luonnos")
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


def test_the_sweep_lists_old_orphans_and_deletes_them_when_asked(media_root, upload_temp_dir):
    attachment = AttachmentFactory()
    referenced = planted(media_root / attachment.file.name)
    orphan = planted(media_root / "attachments" / "2017" / "04" / "orpo.pdf")
    young = planted(media_root / "attachments" / "tuore.pdf", age_seconds=60)
    left_over = planted(upload_temp_dir / "keskeytynyt.upload")

    listed = sweep().splitlines()

    assert "attachments/2017/04/orpo.pdf" in listed
    assert str(left_over) in listed
    assert attachment.file.name not in listed
    assert "attachments/tuore.pdf" not in listed
    assert "Löydetty 2 orpoa tiedostoa." in listed
    assert orphan.exists()

    sweep("--delete")

    assert stored_files(media_root) == sorted([referenced, young])
    assert stored_files(upload_temp_dir) == []


def test_the_sweep_runs_daily_in_the_worker():
    (periodic,) = [
        task
        for task in app.periodic_registry.periodic_tasks.values()
        if task.task.name == "core.sweep_orphan_files"
    ]
    assert periodic.cron == "17 3 * * *"


def test_uploads_stream_into_the_data_folder():
    upload = TemporaryUploadedFile("iso.pdf", "application/pdf", 0, None)
    try:
        assert Path(upload.temporary_file_path()).parent == Path(settings.FILE_UPLOAD_TEMP_DIR)
        assert Path(settings.FILE_UPLOAD_TEMP_DIR) == settings.BASE_DIR / "var" / "uploads"
    finally:
        upload.close()


# --- /media/ --------------------------------------------------------------------------------


def test_media_files_are_not_served_directly_even_in_debug(client, settings, media_root):
    settings.DEBUG = True
    attachment = AttachmentFactory()
    assert (media_root / attachment.file.name).exists()

    response = client.get(f"/{settings.MEDIA_URL}{attachment.file.name}")

    assert response.status_code == 404


def test_the_sweep_lists_and_deletes_orphans_in_object_storage_too(
    object_storage, upload_temp_dir, monkeypatch
):
    s3 = object_storage["client"]
    attachment = AttachmentFactory()
    s3.put_object(Bucket=BUCKET, Key="attachments/2017/04/orpo.pdf", Body=b"%PDF-1.4 luonnos")

    listed = sweep().splitlines()
    assert "Löydetty 0 orpoa tiedostoa." in listed  # both objects are younger than an hour

    monkeypatch.setattr(files, "ORPHAN_AGE", timedelta(0))
    listed = sweep("--delete").splitlines()

    assert "attachments/2017/04/orpo.pdf" in listed
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [attachment.file.name]
