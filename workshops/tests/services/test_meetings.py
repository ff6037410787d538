"""Writes on meetings: planning, changing and cancelling one, its invitees and example values."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from municipalities.tests.factories import MunicipalityFactory, OrganisationFactory
from workshops.models import Meeting, MeetingKind, MeetingStatus
from workshops.services import meeting_cancel, meeting_create, meeting_update
from workshops.tests.factories import MeetingFactory, WorkingGroupFactory
from workshops.tests.helpers import future

pytestmark = pytest.mark.django_db


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


def test_example_fields_name_only_the_models_markable_values():
    with pytest.raises(IntegrityError):
        MeetingFactory(example_fields=["title"])
