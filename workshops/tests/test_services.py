import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from workshops.models import Attachment, MeetingStatus
from workshops.services import attachment_create, meeting_cancel, minutes_publish
from workshops.tests.factories import MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def test_publishing_minutes_records_the_time_once():
    minutes = MinutesFactory()
    minutes_publish(minutes=minutes)
    first = minutes.published_at
    minutes_publish(minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.is_published
    assert minutes.published_at == first is not None


def test_cancelling_a_meeting_records_the_reason():
    meeting = MeetingFactory()
    meeting_cancel(meeting=meeting, reason="  Liian vähän ilmoittautuneita.  ")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.cancellation_reason == "Liian vähän ilmoittautuneita."


def test_cancelling_without_a_reason_changes_nothing():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError, match="Kerro peruutuksen syy"):
        meeting_cancel(meeting=meeting, reason="   ")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_a_held_meeting_cannot_be_cancelled():
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, reason="Sairastumisia")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


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
