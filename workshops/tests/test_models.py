import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from workshops.models import MeetingStatus
from workshops.tests.factories import MeetingFactory, MinutesFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_same_email_registers_once_per_meeting_whatever_its_case():
    registration = RegistrationFactory(email="maija@example.fi")
    with pytest.raises(IntegrityError, match="registration_one_per_email"):
        RegistrationFactory(meeting=registration.meeting, email="Maija@Example.fi")


def test_the_same_email_may_register_to_another_meeting():
    registration = RegistrationFactory(email="maija@example.fi")
    RegistrationFactory(email="maija@example.fi")
    assert registration.meeting.registrations.count() == 1


def test_duplicate_registration_gets_a_finnish_form_error():
    registration = RegistrationFactory(email="maija@example.fi")
    duplicate = RegistrationFactory.build(meeting=registration.meeting, email="MAIJA@example.fi")
    with pytest.raises(ValidationError, match="Tällä sähköpostiosoitteella on jo ilmoittauduttu"):
        duplicate.full_clean()


def test_meeting_ending_before_it_starts_is_refused():
    meeting = MeetingFactory.build()
    with pytest.raises(IntegrityError, match="meeting_ends_after_start"):
        MeetingFactory(ends_at=meeting.starts_at - datetime.timedelta(minutes=1))


def test_cancelled_meeting_needs_a_reason():
    with pytest.raises(IntegrityError, match="meeting_cancellation_has_reason"):
        MeetingFactory(status=MeetingStatus.CANCELLED, cancellation_reason="")


def test_registration_deadline_must_not_be_after_the_start():
    meeting = MeetingFactory.build()
    with pytest.raises(IntegrityError, match="meeting_deadline_before_start"):
        MeetingFactory(registration_deadline=meeting.starts_at + datetime.timedelta(hours=1))


def test_approved_minutes_carry_an_approval_time():
    with pytest.raises(IntegrityError, match="minutes_approved_have_time"):
        MinutesFactory(status="approved", published_at=None)


def test_minutes_state_is_one_of_draft_circulated_approved():
    with pytest.raises(IntegrityError, match="minutes_status_valid"):
        MinutesFactory(status="published")
