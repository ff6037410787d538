import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone

from core.versioning import StaleEdit
from municipalities.tests.factories import MunicipalityFactory, OrganisationFactory
from workshops.models import (
    Attachment,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    TextStatus,
)
from workshops.services import (
    MinutesNotCirculated,
    attachment_create,
    attachment_delete,
    attachment_read_text,
    meeting_cancel,
    meeting_create,
    meeting_update,
    minutes_approve,
    minutes_circulate,
    minutes_save,
)
from workshops.tests.factories import (
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def future(days: int = 30) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def test_approving_minutes_records_the_time_once():
    minutes = MinutesFactory()
    minutes_circulate(minutes=minutes)
    first = minutes_approve(minutes=minutes, user=None).published_at
    minutes_approve(minutes=minutes, user=None)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED
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


# --- Meetings, minutes, attachment deletion ------------------------------------------------


def test_meeting_create_records_the_invitations():
    group = WorkingGroupFactory()
    municipality, organisation = MunicipalityFactory(), OrganisationFactory()
    meeting = meeting_create(
        meeting=Meeting(project=group.project),
        working_group=group,
        kind=MeetingKind.SEMINAR,
        title="Seminaari",
        starts_at=future(),
        ends_at=future() + datetime.timedelta(hours=2),
        invited_municipalities=[municipality],
        invited_organisations=[organisation],
    )
    assert list(meeting.invited_municipalities.all()) == [municipality]
    assert list(meeting.invited_organisations.all()) == [organisation]


def test_meeting_create_refuses_a_meeting_ending_before_it_starts():
    group = WorkingGroupFactory()
    with pytest.raises(ValidationError, match="päätyttävä alkamisensa jälkeen"):
        meeting_create(
            meeting=Meeting(project=group.project),
            kind=MeetingKind.SEMINAR,
            title="Seminaari",
            starts_at=future(),
            ends_at=future() - datetime.timedelta(hours=2),
        )
    assert not Meeting.objects.exists()


def test_meeting_update_replaces_the_invitations_given():
    meeting = MeetingFactory()
    meeting.invited_municipalities.add(MunicipalityFactory())
    organisation = OrganisationFactory()
    meeting.invited_organisations.add(organisation)
    replacement = MunicipalityFactory()
    meeting_update(meeting=meeting, title="Uusi", invited_municipalities=[replacement])
    meeting.refresh_from_db()
    assert meeting.title == "Uusi"
    assert list(meeting.invited_municipalities.all()) == [replacement]
    assert list(meeting.invited_organisations.all()) == [organisation]


def test_minutes_save_creates_then_updates_and_keeps_the_circulation():
    meeting = MeetingFactory()
    minutes = minutes_save(meeting=meeting, text="Luonnos")
    minutes_circulate(minutes=minutes)
    minutes = minutes_save(meeting=meeting, text="Korjattu")
    assert Minutes.objects.get() == minutes
    assert minutes.text == "Korjattu"
    assert minutes.status == MinutesStatus.CIRCULATED


def test_minutes_save_and_circulate_circulates_the_text_just_written_as_one_version():
    minutes = MinutesFactory(text="Vanha luonnos")

    minutes_save(
        meeting=minutes.meeting,
        text="Korjattu muistio",
        expected_version=minutes.version,
        circulate=True,
    )

    minutes.refresh_from_db()
    assert (minutes.text, minutes.status, minutes.version) == (
        "Korjattu muistio",
        MinutesStatus.CIRCULATED,
        2,
    )
    assert minutes.circulated_at is not None
    assert minutes.history.count() == 2  # created, then saved and circulated at once


def test_minutes_save_and_circulate_creates_circulated_minutes_on_the_first_save():
    meeting = MeetingFactory()

    minutes = minutes_save(meeting=meeting, text="Ensimmäinen", expected_version=0, circulate=True)

    assert Minutes.objects.get() == minutes
    assert (minutes.text, minutes.status, minutes.version) == (
        "Ensimmäinen",
        MinutesStatus.CIRCULATED,
        1,
    )


def test_stale_minutes_save_and_circulate_saves_and_circulates_nothing():
    minutes = MinutesFactory(text="Luonnos")
    minutes_save(meeting=minutes.meeting, text="Toisen korjaus", expected_version=1)

    with pytest.raises(StaleEdit):
        minutes_save(meeting=minutes.meeting, text="Oma teksti", expected_version=1, circulate=True)

    minutes.refresh_from_db()
    assert (minutes.text, minutes.status, minutes.version) == (
        "Toisen korjaus",
        MinutesStatus.DRAFT,
        2,
    )


def test_minutes_of_a_meeting_not_started_are_saved_but_circulated_only_when_confirmed():
    meeting = MeetingFactory(starts_at=future(), ends_at=future() + datetime.timedelta(hours=2))

    with pytest.raises(MinutesNotCirculated) as refused:
        minutes_save(meeting=meeting, text="Ennakkoon", expected_version=0, circulate=True)

    assert refused.value.reason.messages == [
        "Muistiota ei lähetetty kommentoitavaksi, koska kokous ei ole vielä alkanut."
    ]
    minutes = Minutes.objects.get()
    assert (minutes.text, minutes.status) == ("Ennakkoon", MinutesStatus.DRAFT)
    assert refused.value.minutes.version == minutes.version

    minutes_save(
        meeting=meeting,
        text="Ennakkoon",
        expected_version=minutes.version,
        circulate=True,
        circulate_before_start=True,
    )
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.CIRCULATED


def test_minutes_circulate_refuses_minutes_of_a_meeting_not_started():
    starts = future()
    minutes = MinutesFactory(
        meeting__starts_at=starts, meeting__ends_at=starts + datetime.timedelta(hours=2)
    )

    with pytest.raises(ValidationError, match="kokous ei ole vielä alkanut"):
        minutes_circulate(minutes=minutes)

    minutes.refresh_from_db()
    assert (minutes.status, minutes.circulated_at, minutes.version) == (
        MinutesStatus.DRAFT,
        None,
        1,
    )


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


# --- Example values (core.examples) ------------------------------------------------------


def test_meeting_update_turns_a_changed_example_time_into_a_fact():
    meeting = MeetingFactory(example_fields=["time", "invited_organisations"])
    meeting_update(meeting=meeting, starts_at=meeting.starts_at + datetime.timedelta(hours=1))
    meeting.refresh_from_db()
    assert meeting.example_fields == ["invited_organisations"]


def test_meeting_update_keeps_the_marks_of_values_it_leaves_as_they_were():
    meeting = MeetingFactory(example_fields=["date", "invited_organisations"])
    organisation = OrganisationFactory()
    meeting.invited_organisations.add(organisation)
    meeting_update(
        meeting=meeting,
        title="Uusi otsikko",
        starts_at=meeting.starts_at,
        invited_organisations=[organisation],
    )
    meeting.refresh_from_db()
    assert meeting.example_fields == ["date", "invited_organisations"]

    meeting_update(meeting=meeting, invited_organisations=[])
    meeting.refresh_from_db()
    assert meeting.example_fields == ["date"]


def test_minutes_save_turns_rewritten_example_minutes_into_facts():
    minutes = MinutesFactory(
        text="Esimerkki",
        status=MinutesStatus.CIRCULATED,
        circulated_at=timezone.now(),
        example_fields=["text"],
    )
    minutes_save(meeting=minutes.meeting, text="Esimerkki")
    minutes.refresh_from_db()
    assert minutes.example_fields == ["text"]
    minutes_save(meeting=minutes.meeting, text="Oikea muistio")
    minutes.refresh_from_db()
    assert minutes.example_fields == []


def test_example_fields_name_only_the_models_markable_values():
    with pytest.raises(IntegrityError):
        MeetingFactory(example_fields=["title"])


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
