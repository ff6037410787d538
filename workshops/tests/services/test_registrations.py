"""Writes of sign-up: registrations, the waitlist, attendance, reminders and the minimums."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from procrastinate.contrib.django import app

from municipalities.tests.factories import MunicipalityFactory, OrganisationFactory
from projects.models import ContactRole
from projects.tests.factories import ContactFactory
from workshops.models import Meeting, MeetingStatus, Registration, RegistrationStatus
from workshops.services import (
    meeting_update,
    meetings_flag_short_of_registrations,
    registration_cancel,
    registration_create,
    registration_move,
    registration_promote,
    registration_set_attended,
    registration_update,
)
from workshops.tasks import check_registration_minimums, send_meeting_reminders
from workshops.tests.factories import (
    RegistrationFactory,
    RegistrationQuestionFactory,
    WorkingGroupFactory,
)
from workshops.tests.helpers import coming_meeting, future, outbox, register

pytestmark = pytest.mark.django_db


# --- Registering ------------------------------------------------------------------------------


def test_registration_is_saved_with_its_details(admin_user):
    meeting = coming_meeting(capacity=2)
    municipality, organisation = MunicipalityFactory(), OrganisationFactory()
    registration = registration_create(
        meeting=meeting,
        user=admin_user,
        name="Maija",
        email="maija@example.fi",
        municipality=municipality,
        organisation=organisation,
    )
    registration.refresh_from_db()
    assert registration.user == admin_user
    assert (registration.municipality, registration.organisation) == (municipality, organisation)
    assert registration.status == RegistrationStatus.REGISTERED


def test_registration_trims_name_and_email():
    registration = register(coming_meeting())
    assert (registration.name, registration.email) == ("Maija", "maija@example.fi")


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"starts_at": future(-1)}, "Ilmoittautuminen tilaisuuteen on päättynyt."),
        ({"registration_deadline": future(-1)}, "Ilmoittautuminen tilaisuuteen on päättynyt."),
        (
            {"status": MeetingStatus.CANCELLED, "cancellation_reason": "Myrsky"},
            "Tilaisuuteen ei voi ilmoittautua",
        ),
        ({"status": MeetingStatus.HELD}, "Tilaisuuteen ei voi"),
    ],
)
def test_registration_is_refused_when_closed(fields, message):
    meeting = coming_meeting(**fields)
    with pytest.raises(ValidationError, match=message):
        register(meeting)
    assert not Registration.objects.exists()


def test_the_coordinator_registers_someone_after_the_deadline():
    meeting = coming_meeting(registration_deadline=future(-1))
    registration = register(meeting, by_coordinator=True)
    assert registration.status == RegistrationStatus.REGISTERED


def test_registration_locks_the_meeting_row():
    meeting = coming_meeting(capacity=5)
    with CaptureQueriesContext(connection) as queries:
        register(meeting)
    assert "FOR UPDATE" in queries.captured_queries[1]["sql"]


def test_a_confirmation_with_a_personal_link_is_queued_in_the_registrants_language():
    registration = register(coming_meeting(title="Verkostopäivä"), language="sv")
    [message] = outbox("registration_confirmed")
    assert message.to == "maija@example.fi"
    assert message.language == "sv"
    assert "Verkostopäivä" in message.subject
    assert f"/ilmoittautuminen/{registration.pk}" not in message.body  # signed, not guessable
    assert "/ilmoittautuminen/" in message.body


def test_the_same_email_registers_once_while_active_whatever_its_case():
    meeting = coming_meeting()
    first = register(meeting, email="maija@example.fi")
    with pytest.raises(ValidationError) as refused:
        register(meeting, email="MAIJA@Example.fi")
    assert refused.value.message_dict == {
        "email": ["Tällä sähköpostiosoitteella on jo ilmoittauduttu."]
    }
    registration_cancel(registration=first)
    assert register(meeting, email="MAIJA@Example.fi").status == RegistrationStatus.REGISTERED


def test_one_account_cannot_take_two_seats(municipal_staff):
    meeting = coming_meeting(capacity=5)
    register(meeting, email="eka@example.fi", user=municipal_staff)
    with pytest.raises(ValidationError, match="Olet jo ilmoittautunut tähän tilaisuuteen."):
        register(meeting, email="toka@example.fi", user=municipal_staff)
    assert meeting.registrations.count() == 1


def test_the_database_refuses_a_second_active_registration_of_one_account(municipal_staff):
    meeting = coming_meeting()
    RegistrationFactory(meeting=meeting, user=municipal_staff)
    RegistrationFactory(meeting=meeting, user=municipal_staff, status=RegistrationStatus.CANCELLED)
    with pytest.raises(IntegrityError):
        RegistrationFactory(meeting=meeting, user=municipal_staff)


def test_answers_are_stored_and_a_required_question_must_be_answered():
    meeting = coming_meeting()
    diet = RegistrationQuestionFactory(meeting=meeting, text="Ruokavalio", required=True)
    access = RegistrationQuestionFactory(meeting=meeting, text="Esteettömyys")
    with pytest.raises(ValidationError) as refused:
        register(meeting, answers={access.pk: "Pyörätuoli"})
    assert refused.value.message_dict == {f"question_{diet.pk}": ["Vastaa tähän kysymykseen."]}
    assert not Registration.objects.exists()

    registration = register(meeting, answers={diet.pk: "Vegaani"})
    assert {a.question.text: a.text for a in registration.answers.all()} == {
        "Ruokavalio": "Vegaani",
        "Esteettömyys": "",
    }
    registration_update(registration=registration, name="Maija M", answers={diet.pk: "Gluteeniton"})
    assert registration.answers.get(question=diet).text == "Gluteeniton"


# --- Capacity and the waitlist ----------------------------------------------------------------


def test_past_capacity_registrations_wait_in_the_order_of_arrival():
    meeting = coming_meeting(capacity=2)
    statuses = [register(meeting, email=f"h{n}@example.fi").status for n in range(4)]
    assert statuses == ["registered", "registered", "waiting", "waiting"]
    assert [m.to for m in outbox("registration_waiting")] == ["h2@example.fi", "h3@example.fi"]


def test_a_cancellation_moves_the_first_waiting_up_and_tells_them():
    meeting = coming_meeting(capacity=1)
    first = register(meeting, email="eka@example.fi")
    register(meeting, email="toka@example.fi")
    register(meeting, email="kolmas@example.fi")

    registration_cancel(registration=first)

    statuses = dict(meeting.registrations.values_list("email", "status"))
    assert statuses == {
        "eka@example.fi": "cancelled",
        "toka@example.fi": "registered",
        "kolmas@example.fi": "waiting",
    }
    [promoted] = outbox("registration_promoted")
    assert promoted.to == "toka@example.fi"


def test_the_coordinator_promotes_from_the_waitlist_beyond_the_capacity():
    meeting = coming_meeting(capacity=1)
    register(meeting, email="eka@example.fi")
    waiting = register(meeting, email="toka@example.fi")
    registration_promote(registration=waiting)
    assert meeting.registrations.filter(status=RegistrationStatus.REGISTERED).count() == 2
    assert [m.to for m in outbox("registration_promoted")] == ["toka@example.fi"]
    with pytest.raises(ValidationError, match="Vain jonossa"):
        registration_promote(registration=waiting)


def test_a_larger_capacity_gives_the_free_seats_to_those_waiting():
    meeting = coming_meeting(capacity=1)
    for n in range(3):
        register(meeting, email=f"h{n}@example.fi")
    meeting_update(meeting=meeting, capacity=2)
    assert list(meeting.registrations.order_by("pk").values_list("status", flat=True)) == [
        "registered",
        "registered",
        "waiting",
    ]


def test_a_registration_moves_to_another_meeting_of_the_project_and_frees_its_seat():
    group = WorkingGroupFactory()
    source = coming_meeting(working_group=group, capacity=1)
    target = coming_meeting(working_group=group, capacity=1, starts_at=future(40))
    moving = register(source, email="eka@example.fi")
    register(source, email="toka@example.fi")
    register(target, email="kolmas@example.fi")

    registration_move(registration=moving, meeting=target)

    moving.refresh_from_db()
    assert (moving.meeting, moving.status) == (target, RegistrationStatus.WAITING)
    assert source.registrations.get(email="toka@example.fi").status == "registered"
    with pytest.raises(ValidationError, match="saman hankkeen"):
        registration_move(registration=moving, meeting=coming_meeting())


def test_attendance_is_marked_only_after_the_start_and_only_for_the_registered():
    meeting = coming_meeting(capacity=1)
    registered = register(meeting, email="eka@example.fi")
    waiting = register(meeting, email="toka@example.fi")
    with pytest.raises(ValidationError, match="vasta, kun tilaisuus on alkanut"):
        registration_set_attended(registration=registered, attended=True)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=future(-1), ends_at=future(-1) + datetime.timedelta(hours=1)
    )
    registered.meeting.refresh_from_db()
    registration_set_attended(registration=registered, attended=True)
    assert meeting.registrations.counts() == {
        "registered": 1,
        "waiting": 1,
        "cancelled": 0,
        "attended": 1,
    }
    waiting.meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="Vain ilmoittautunut"):
        registration_set_attended(registration=waiting, attended=True)


# --- The minimum number of registrations -------------------------------------------------------


def test_the_worker_checks_the_minimums_every_quarter_of_an_hour(project):
    meeting = coming_meeting(working_group__project=project, min_registrations=2)
    Meeting.objects.filter(pk=meeting.pk).update(registration_deadline=future(-1))
    periodic = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic[check_registration_minimums.name] == "*/15 * * * *"
    check_registration_minimums(timestamp=0)
    meeting.refresh_from_db()
    assert meeting.low_registrations_notified_at is not None


def test_the_worker_sends_reminders_every_quarter_of_an_hour():
    registration = RegistrationFactory(meeting=coming_meeting(starts_at=future(1)))
    periodic = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic[send_meeting_reminders.name] == "*/15 * * * *"
    send_meeting_reminders(timestamp=0)
    registration.refresh_from_db()
    assert registration.reminded_for_start == registration.meeting.starts_at
    assert [message.to for message in outbox("meeting_reminder")] == [registration.email]


def test_coordinators_are_told_once_when_the_deadline_passes_short_of_the_minimum(project):
    ContactFactory(project=project, role=ContactRole.COORDINATOR, email="koordi@example.fi")
    short = coming_meeting(
        working_group__project=project, min_registrations=3, registration_deadline=future(1)
    )
    enough = coming_meeting(
        working_group__project=project, min_registrations=1, registration_deadline=future(1)
    )
    register(short)
    register(enough)
    assert meetings_flag_short_of_registrations() == []  # the deadline has not passed

    Meeting.objects.update(registration_deadline=future(-1))
    assert meetings_flag_short_of_registrations() == [short]
    assert meetings_flag_short_of_registrations() == []

    [message] = outbox("meeting_short_of_registrations")
    assert message.to == "koordi@example.fi"
    assert "1" in message.body and "3" in message.body
    short.refresh_from_db()
    assert short.low_registrations_notified_at is not None


def test_the_admins_cancel_action_gives_the_seat_to_the_first_waiting(admin_client):
    meeting = coming_meeting(capacity=1)
    first = register(meeting, email="eka@example.fi")
    register(meeting, email="toka@example.fi")
    admin_client.post(
        "/admin/workshops/registration/",
        {"action": "cancel_registrations", "_selected_action": [first.pk]},
    )
    assert dict(meeting.registrations.values_list("email", "status")) == {
        "eka@example.fi": "cancelled",
        "toka@example.fi": "registered",
    }
