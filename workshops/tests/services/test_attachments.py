"""Writes on attachments: storing an upload, reading its text, deleting it, and the history."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from workshops.models import Attachment, TextStatus
from workshops.services import attachment_create, attachment_delete, attachment_read_text
from workshops.tests.factories import AttachmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_attachment_records_size_type_and_original_name(admin_user):
    upload = SimpleUploadedFile("Muistio 3.5.2017.pdf", b"%PDF-1.4 demo", "application/pdf")
    attachment = attachment_create(
        meeting=MeetingFactory(), file=upload, title="Muistio", user=admin_user
    )
    attachment.refresh_from_db()
    assert attachment.size == len(b"%PDF-1.4 demo")
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "Muistio 3.5.2017.pdf"
    assert attachment.uploaded_by == admin_user
    assert attachment.file.name.endswith(".pdf")
    assert "Muistio" not in attachment.file.name
    assert attachment.file.read() == b"%PDF-1.4 demo"


def test_reading_the_text_is_not_recorded_as_an_edit(admin_user):
    upload = SimpleUploadedFile("muistio.txt", "Päätettiin jatkaa.".encode(), "text/plain")
    attachment = attachment_create(
        meeting=MeetingFactory(), file=upload, title="Muistio", user=admin_user
    )

    attachment_read_text(attachment=attachment)

    attachment.refresh_from_db()
    assert (attachment.text_status, attachment.text) == (TextStatus.INDEXED, "Päätettiin jatkaa.")
    assert [record.history_type for record in attachment.history.all()] == ["+"]


def test_refused_attachment_leaves_no_file_and_no_row(media_root, monkeypatch):
    def fail(*args, **kwargs):
        raise IntegrityError("simulated")

    meeting = MeetingFactory()
    monkeypatch.setattr(Attachment, "save_base", fail)
    upload = SimpleUploadedFile("liite.txt", b"sisalto", "text/plain")
    with pytest.raises(IntegrityError):
        attachment_create(meeting=meeting, file=upload, title="Liite")
    monkeypatch.undo()
    assert not Attachment.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_attachment_without_title_is_refused_before_anything_is_stored(media_root):
    upload = SimpleUploadedFile("liite.txt", b"sisalto", "text/plain")
    with pytest.raises(ValidationError):
        attachment_create(meeting=MeetingFactory(), file=upload, title="")
    assert not Attachment.objects.exists()
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


def test_attachment_delete_removes_the_file_once_committed(django_capture_on_commit_callbacks):
    attachment = AttachmentFactory()
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks() as callbacks:
        attachment_delete(attachment=attachment)
        assert storage.exists(name)
    assert not Attachment.objects.exists()
    for callback in callbacks:
        callback()
    assert not storage.exists(name)


# --- The history names the user a service acts for, also outside a request


def test_a_service_called_outside_a_request_names_its_user_in_the_history(django_user_model):
    """As a command or a worker job calls it: no request, so no middleware names the user."""
    user = django_user_model.objects.create_user("komento", "komento@example.fi")
    meeting = MeetingFactory()

    attachment = attachment_create(
        meeting=meeting,
        file=SimpleUploadedFile("ohjelma.txt", b"Ohjelma\n", "text/plain"),
        title="Ohjelma",
        user=user,
    )
    attachment_delete(attachment=attachment, user=user)

    records = Attachment.history.order_by("history_id")
    assert [(r.history_type, r.history_user) for r in records] == [("+", user), ("-", user)]
