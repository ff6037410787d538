"""A person's data: found by e-mail, exported as one JSON document and erased from every
table and its change history, by an admin, a command or the person themself; registrations of
old meetings anonymised by the nightly job. Counts and other people's data stay."""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone

from notifications.models import OutboxMessage
from notifications.tests.factories import FollowFactory
from portal.models import Feedback
from portal.personal_data import person_export
from portal.services import person_erase
from portal.tasks import anonymise_expired_registrations
from portal.tests.factories import FeedbackFactory
from projects.models import Contact, ContactRole
from projects.tests.factories import ContactFactory
from workshops.models import MinutesComment, Registration, RegistrationAnswer
from workshops.tests.factories import (
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    RegistrationQuestionFactory,
)

pytestmark = pytest.mark.django_db

EMAIL = "anna.aaltonen@example.fi"
NAME = "Anna Aaltonen"
USERNAME = "aaltonen"
DIET = "Keliakia, gluteeniton ruokavalio"


def rows_mentioning(*needles: str) -> list[str]:
    """Every row of every table (history and the admin log included) whose text holds one of
    ``needles``, as "model: pk"."""
    found = []
    for model in apps.get_models():
        text_fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        if not text_fields:
            continue
        condition = models.Q()
        for needle in needles:
            for name in text_fields:
                condition |= models.Q(**{f"{name}__icontains": needle})
        found += [
            f"{model._meta.label}: {pk}"
            for pk in model.objects.filter(condition).values_list("pk", flat=True)
        ]
    return found


@pytest.fixture
def person(project, portal_admin):
    """Anna: a user, a contact of a project (changed once), registered twice (once signed in,
    once by address), who sent feedback and got e-mail; the admin changed one registration."""
    user = get_user_model().objects.create_user(
        username=USERNAME, email=EMAIL.upper(), first_name="Anna", last_name="Aaltonen"
    )
    contact = ContactFactory(
        project=project, name=NAME, email=EMAIL, phone="040 123 4567", user=user
    )
    contact.title = "Kehittäjäsosiaalityöntekijä"
    contact.save()
    signed_in = RegistrationFactory(name=NAME, email=EMAIL, user=user)
    by_address = RegistrationFactory(name=NAME, email=EMAIL.title())
    by_address.name = "Anna A."
    by_address.save()
    LogEntry.objects.create(
        user=portal_admin,
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=str(by_address.pk),
        object_repr=str(by_address),
        action_flag=CHANGE,
        change_message=f"Changed name of {NAME}.",
    )
    FeedbackFactory(name=NAME, email=EMAIL)
    OutboxMessage.objects.create(to=EMAIL, subject="Ilmoittautuminen", body=f"Hei {NAME}", kind="x")
    RegistrationAnswer.objects.create(
        registration=signed_in,
        question=RegistrationQuestionFactory(meeting=signed_in.meeting, text="Ruokavalio"),
        text=DIET,
    )
    minutes = MinutesFactory(
        meeting=signed_in.meeting, status="circulated", circulated_at=timezone.now()
    )
    MinutesComment.objects.create(
        minutes=minutes, author_name=NAME, author_email=EMAIL, text="Kohta 3 kaipaa tarkennusta."
    )
    FollowFactory(user=user, target=project)
    return {"user": user, "contact": contact, "registrations": [signed_in, by_address]}


@pytest.fixture
def someone_else(person):
    """Bertta, registered to the same meetings, a contact of the same project."""
    meetings = [registration.meeting for registration in person["registrations"]]
    return {
        "registrations": [
            RegistrationFactory(meeting=meeting, name="Bertta Berg", email="bertta@example.fi")
            for meeting in meetings
        ],
        "contact": ContactFactory(project=person["contact"].project, name="Bertta Berg"),
        "feedback": FeedbackFactory(email="bertta@example.fi"),
    }


def test_erase_leaves_nothing_of_the_person_in_tables_or_history(person, someone_else):
    assert rows_mentioning(EMAIL, NAME, "Anna A.", USERNAME, DIET)  # found before

    person_erase(email=EMAIL)

    assert rows_mentioning(EMAIL, NAME, "Anna A.", USERNAME, DIET) == []
    # The comment stays in the minutes' discussion, nameless.
    assert MinutesComment.objects.get().text == "Kohta 3 kaipaa tarkennusta."
    assert not get_user_model().objects.filter(pk=person["user"].pk).exists()
    assert not Contact.history.filter(id=person["contact"].pk).exists()
    for registration in person["registrations"]:
        assert not Registration.history.filter(id=registration.pk, user__isnull=False).exists()


def test_erase_keeps_counts_and_other_peoples_data(person, someone_else):
    meetings = [registration.meeting for registration in person["registrations"]]

    person_erase(email=EMAIL)

    assert [meeting.registrations.count() for meeting in meetings] == [2, 2]
    for registration in someone_else["registrations"]:
        registration.refresh_from_db()
        assert (registration.name, registration.email) == ("Bertta Berg", "bertta@example.fi")
        assert registration.history.count() == 1
    assert Contact.objects.filter(pk=someone_else["contact"].pk).exists()
    assert Feedback.objects.get().email == "bertta@example.fi"


def test_export_holds_the_persons_records_and_history_and_no_one_elses(person, someone_else):
    exported = json.loads(json.dumps(person_export(EMAIL.upper())))

    assert [user["username"] for user in exported["users"]] == [USERNAME]
    assert [contact["phone"] for contact in exported["contacts"]] == ["040 123 4567"]
    assert len(exported["registrations"]) == 2
    assert [feedback["email"] for feedback in exported["feedback"]] == [EMAIL]
    assert [message["subject"] for message in exported["messages"]] == ["Ilmoittautuminen"]
    assert len(exported["history"]["contacts"]) == 2
    assert {row["name"] for row in exported["history"]["registrations"]} == {NAME, "Anna A."}
    assert [answer["text"] for answer in exported["answers"]] == [DIET]
    assert [comment["text"] for comment in exported["comments"]] == ["Kohta 3 kaipaa tarkennusta."]
    assert [follow["target"] for follow in exported["follows"]] == [str(person["contact"].project)]
    assert "Bertta" not in json.dumps(exported)


def test_commands_export_and_erase(person, capsys):
    call_command("person_export", EMAIL)
    assert json.loads(capsys.readouterr().out)["users"][0]["username"] == USERNAME

    call_command("person_erase", EMAIL)
    assert "registrations: 2" in capsys.readouterr().out
    assert rows_mentioning(EMAIL) == []
    with pytest.raises(CommandError):
        call_command("person_erase", EMAIL)


def test_user_downloads_and_erases_their_own_data_from_their_page(client, person):
    client.force_login(person["user"])
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("portal:own_data_erase") in dashboard

    download = client.get(reverse("portal:own_data_export"))
    assert "attachment" in download["Content-Disposition"]
    assert json.loads(download.content)["contacts"][0]["name"] == NAME

    unconfirmed = client.post(reverse("portal:own_data_erase"))
    assert unconfirmed.status_code == 200
    assert get_user_model().objects.filter(username=USERNAME).exists()

    erased = client.post(reverse("portal:own_data_erase"), {"confirm": "on"})
    assert erased.url == reverse("portal:home")
    assert rows_mentioning(EMAIL, NAME) == []
    assert client.get(reverse("portal:dashboard")).status_code == 302  # signed out


def test_coordinator_erasing_themself_leaves_the_project_without_their_contact(
    client, coordinator, project
):
    client.force_login(coordinator)
    client.post(reverse("portal:own_data_erase"), {"confirm": "on"})

    assert not project.contacts.filter(role=ContactRole.COORDINATOR).exists()


def test_admin_finds_exports_and_erases_a_person(admin_client, person):
    url = reverse("admin:portal_person_data")

    found = admin_client.get(url, {"email": EMAIL})
    assert found.context["counts"] and list(found.context["counts"].values()) == [1, 1, 2, 1, 1]
    exported = admin_client.get(url, {"email": EMAIL, "export": "1"})
    assert json.loads(exported.content)["users"][0]["username"] == USERNAME

    admin_client.post(url, {"email": EMAIL, "erase": "1"})
    assert rows_mentioning(EMAIL, NAME) == []


def test_nightly_job_anonymises_registrations_of_old_meetings_only(settings):
    settings.REGISTRATION_RETENTION_DAYS = 365
    now = timezone.now()
    old = MeetingFactory(starts_at=now - datetime.timedelta(days=400))
    recent = MeetingFactory(starts_at=now - datetime.timedelta(days=30))
    old_registrations = RegistrationFactory.create_batch(3, meeting=old, name=NAME)
    old_registrations[0].name = "Anna A."
    old_registrations[0].save()
    kept = RegistrationFactory(meeting=recent, name="Bertta Berg")

    assert anonymise_expired_registrations(timestamp=int(now.timestamp())) == 3

    assert old.registrations.count() == 3
    assert set(rows_mentioning(NAME, "Anna A.", "osallistuja")) == {
        f"workshops.Registration: {kept.pk}",
        f"workshops.HistoricalRegistration: {kept.history.get().history_id}",
    }
    # Run again, it finds nothing left to anonymise.
    assert anonymise_expired_registrations(timestamp=int(now.timestamp())) == 0
