"""Sign-up through the pages, end to end: registering without an account, the e-mailed link,
the waitlist, invitations, the coordinator's registrations page and the own-page flag."""

import datetime
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from municipalities.tests.factories import MunicipalityFactory
from notifications.models import OutboxMessage
from projects.models import ContactRole
from projects.tests.factories import ContactFactory
from workshops.links import invitation_token, registration_token
from workshops.models import (
    Invitation,
    InvitationStatus,
    Meeting,
    Registration,
    RegistrationStatus,
)
from workshops.services import (
    meeting_create,
    meeting_update,
    meetings_flag_short_of_registrations,
)
from workshops.tasks import send_meeting_reminders
from workshops.tests.factories import (
    AgendaItemFactory,
    RegistrationFactory,
    RegistrationQuestionFactory,
)
from workshops.tests.helpers import coming_meeting, future

LINK = re.compile(r"https?://\S+/ilmoittautuminen/\S+/")


def register(client, meeting, **data):
    data = {"name": "Maija Meikäläinen", "email": "maija@example.fi", **data}
    return client.post(reverse("workshops:register", args=[meeting.pk]), data)


def test_visitor_registers_without_an_account_then_changes_and_cancels_by_the_emailed_link(
    client, run_tasks
):
    meeting = coming_meeting(title="Perhekeskuspäivä")
    question = RegistrationQuestionFactory(meeting=meeting, text="Ruokavalio", required=True)
    page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(page, "Ruokavalio")

    response = register(client, meeting, **{f"question_{question.pk}": "Kasvis"})
    assert response.status_code == 302
    assertContains(client.get(response.url), "Ilmoittautumisesi on vastaanotettu.")
    registration = Registration.objects.get()
    assert registration.user is None

    run_tasks()
    [message] = mail.outbox
    assert message.to == ["maija@example.fi"]
    assert "Perhekeskuspäivä" in message.subject
    link = LINK.search(message.body).group(0)
    path = "/" + link.split("/", 3)[3]

    own = client.get(path)
    assertContains(own, "Kasvis")
    assertContains(own, "Ilmoittautunut")
    client.post(path, {"name": "Maija M", f"question_{question.pk}": "Vegaani"})
    registration.refresh_from_db()
    assert registration.name == "Maija M"
    assert registration.answers.get().text == "Vegaani"

    response = client.post(reverse("workshops:registration_self_cancel", args=[path.split("/")[2]]))
    assertContains(client.get(response.url), "Ilmoittautumisesi on peruttu.")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_those_holding_a_seat_are_reminded_once_two_days_before_in_their_language(
    client, run_tasks
):
    tomorrow = coming_meeting(
        title="Perhekeskuspäivä",
        starts_at=future(1),
        place="Kaupungintalo, Porvoo",
        online_url="https://teams.example.fi/perhekeskus",
        capacity=1,
    )
    AgendaItemFactory(meeting=tomorrow, title="Perhekeskuksen tilannekatsaus", order=1)
    AgendaItemFactory(meeting=tomorrow, title="Ilmoitusasiat", order=2)
    later = coming_meeting(title="Syysseminaari", starts_at=future(3))
    cancelled = coming_meeting(title="Peruttu kokous", starts_at=future(1))
    client.cookies["django_language"] = "sv"
    register(client, tomorrow, email="maija@example.fi")
    register(client, later, email="maija@example.fi")
    register(client, cancelled, email="maija@example.fi")
    client.cookies["django_language"] = "fi"
    register(client, tomorrow, email="jonossa@example.fi")  # past the capacity: waiting
    RegistrationFactory(meeting=tomorrow, status=RegistrationStatus.CANCELLED)
    Meeting.objects.filter(pk=cancelled.pk).update(status="cancelled", cancellation_reason="-")
    run_tasks()
    mail.outbox.clear()

    send_meeting_reminders(timestamp=0)
    run_tasks()

    [reminder] = mail.outbox
    assert reminder.to == ["maija@example.fi"]
    assert reminder.subject == "Påminnelse: Perhekeskuspäivä"
    local = timezone.localtime(tomorrow.starts_at)
    assert f"{local.hour}.{local:%M}" in reminder.body
    assert "Kaupungintalo, Porvoo" in reminder.body
    assert "https://teams.example.fi/perhekeskus" in reminder.body
    assert "1. Perhekeskuksen tilannekatsaus\n2. Ilmoitusasiat" in reminder.body
    link = LINK.search(reminder.body).group(0)
    assertContains(client.get("/" + link.split("/", 3)[3]), "Perhekeskuspäivä")

    send_meeting_reminders(timestamp=0)
    run_tasks()
    assert len(mail.outbox) == 1

    # Moved to another time, the meeting is reminded of again, with its new time.
    meeting_update(
        meeting=tomorrow,
        starts_at=tomorrow.starts_at + datetime.timedelta(hours=3),
        ends_at=tomorrow.ends_at + datetime.timedelta(hours=3),
    )
    run_tasks()
    mail.outbox.clear()
    send_meeting_reminders(timestamp=0)
    run_tasks()
    [moved] = mail.outbox
    assert moved.to == ["maija@example.fi"]
    tomorrow.refresh_from_db()
    moved_local = timezone.localtime(tomorrow.starts_at)
    assert f"{moved_local.hour}.{moved_local:%M}" in moved.body
    assert f" {local.hour}.{local:%M}" not in moved.body


@pytest.mark.django_db
def test_a_forged_or_altered_link_is_not_found(client):
    registration = RegistrationFactory(meeting=coming_meeting())
    token = registration_token(registration)
    assert client.get(reverse("workshops:registration_manage", args=[token])).status_code == 200
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(reverse("workshops:registration_manage", args=[forged])).status_code == 404
    # An invitation's token does not open a registration with the same number.
    invitation = Invitation.objects.create(
        meeting=registration.meeting, municipality=MunicipalityFactory()
    )
    other = invitation_token(invitation)
    assert client.get(reverse("workshops:registration_manage", args=[other])).status_code == 404


@pytest.mark.django_db
def test_a_logged_in_user_registers_once_per_meeting(client, municipal_staff):
    meeting = coming_meeting(capacity=5)
    client.force_login(municipal_staff)
    register(client, meeting, email="eka@example.fi")
    page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(page, "Olet ilmoittautunut tähän kokoukseen.")

    response = register(client, meeting, email="toka@example.fi")

    assertContains(response, "Olet jo ilmoittautunut tähän tilaisuuteen.")
    assert meeting.registrations.count() == 1


@pytest.mark.django_db
def test_the_deadline_closes_sign_up_with_a_clear_message(client):
    meeting = coming_meeting(registration_deadline=future(-1))
    page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(page, "Ilmoittautuminen ei ole auki.")
    response = register(client, meeting)
    assertContains(response, "Ilmoittautuminen tilaisuuteen on päättynyt.")
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_full_meeting_says_so_and_takes_registrations_to_its_waitlist(client):
    meeting = coming_meeting(capacity=1)
    RegistrationFactory(meeting=meeting)
    page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(page, "Tilaisuus on täynnä. Voit ilmoittautua jonoon")

    response = register(client, meeting)

    assertContains(client.get(response.url), "Tilaisuus on täynnä, joten olet jonossa.")
    assert Registration.objects.get(email="maija@example.fi").status == "waiting"


@pytest.mark.django_db
def test_an_invitee_declines_by_the_link_in_the_invitation(client):
    invitation = Invitation.objects.create(
        meeting=coming_meeting(), municipality=MunicipalityFactory(name_fi="Lohja")
    )
    url = reverse("workshops:invitation_decline", args=[invitation_token(invitation)])
    assertContains(client.get(url), "Emme osallistu")
    response = client.post(url)
    assertContains(client.get(response.url), "Lohja ei osallistu tilaisuuteen")
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED


# --- The coordinator ---------------------------------------------------------------------------


def seed_registrations(meeting, rows: int) -> None:
    """``rows`` registered, waiting and cancelled, from as many municipalities, with answers."""
    question = RegistrationQuestionFactory(meeting=meeting, text="Ruokavalio")
    for n in range(rows):
        municipality = MunicipalityFactory(name_fi=f"Kunta {n}")
        for status in RegistrationStatus.values:
            registration = RegistrationFactory(
                meeting=meeting, municipality=municipality, status=status
            )
            registration.answers.create(question=question, text=f"Vastaus {n}")
        Invitation.objects.create(meeting=meeting, municipality=municipality)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 6])
def test_coordinators_registrations_page_counts_per_meeting_and_municipality(
    client, coordinator, project, django_assert_num_queries, rows
):
    meeting = coming_meeting(project)
    coming_meeting(project, starts_at=future(40))  # a meeting to move to
    seed_registrations(meeting, rows)
    client.force_login(coordinator)
    # 1 session, 2 user, 3 savepoint, 4 the meeting with project and minutes, 5-6 the user's
    # and the groups' permissions, 7 the coordinated project ids, 8 the questions, 9 the
    # registrations with organisation and municipality, 10 their answers, 11-12 the add
    # form's choices (organisations, municipalities), 13 the counts, 14 the counts per
    # municipality, 15 the invitations, 16 the meetings to move to, 17 release savepoint.
    with django_assert_num_queries(17):
        response = client.get(reverse("workshops:meeting_registrations", args=[meeting.pk]))
    assert response.context["counts"] == {
        "registered": rows,
        "waiting": rows,
        "cancelled": rows,
        "attended": 0,
    }
    per_municipality = response.context["per_municipality"]
    assert per_municipality[0] == {
        "municipality__name_fi": "Kunta 0",
        "registered": 1,
        "waiting": 1,
        "cancelled": 1,
        "attended": 0,
    }
    assertContains(response, "Vastaus 0")
    assertContains(response, "Nosta osallistujaksi", count=rows)


@pytest.mark.django_db
def test_coordinator_adds_promotes_moves_cancels_and_marks_attendance(client, coordinator, project):
    meeting = coming_meeting(project, capacity=1, registration_deadline=future(-1))
    other = coming_meeting(project, starts_at=future(40))
    client.force_login(coordinator)
    page = reverse("workshops:meeting_registrations", args=[meeting.pk])

    client.post(
        reverse("workshops:registration_add", args=[meeting.pk]),
        {"name": "Eka", "email": "eka@example.fi"},
    )
    client.post(
        reverse("workshops:registration_add", args=[meeting.pk]),
        {"name": "Toka", "email": "toka@example.fi"},
    )
    first, second = meeting.registrations.order_by("pk")
    assert (first.status, second.status) == ("registered", "waiting")

    response = client.post(reverse("workshops:registration_promote", args=[second.pk]))
    assert response.url == page
    second.refresh_from_db()
    assert second.status == "registered"

    client.post(reverse("workshops:registration_move", args=[second.pk]), {"meeting": other.pk})
    second.refresh_from_db()
    assert second.meeting == other

    client.post(reverse("workshops:registration_cancel", args=[first.pk]))
    first.refresh_from_db()
    assert first.status == "cancelled"

    response = client.post(reverse("workshops:registration_attended", args=[second.pk]))
    assertContains(client.get(response.url), "vasta, kun tilaisuus on alkanut")
    Meeting.objects.filter(pk=other.pk).update(
        starts_at=future(-1), ends_at=future(-1) + datetime.timedelta(hours=1)
    )
    client.post(reverse("workshops:registration_attended", args=[second.pk]), {"attended": "1"})
    second.refresh_from_db()
    assert second.attended
    kinds = sorted(OutboxMessage.objects.values_list("kind", flat=True))
    assert kinds == [
        "registration_confirmed",
        "registration_confirmed",
        "registration_promoted",
        "registration_waiting",
    ]


@pytest.mark.django_db
def test_coordinator_adds_and_removes_questions_and_marks_an_invitation_bounced(
    client, coordinator, project
):
    meeting = coming_meeting(project)
    invitation = Invitation.objects.create(meeting=meeting, municipality=MunicipalityFactory())
    client.force_login(coordinator)
    client.post(
        reverse("workshops:question_add", args=[meeting.pk]),
        {"text": "Esteettömyystarpeet", "kind": "accessibility", "required": "on"},
    )
    question = meeting.questions.get()
    assert question.required
    assertContains(
        client.get(reverse("workshops:meeting_detail", args=[meeting.pk])), "Esteettömyystarpeet"
    )
    client.post(reverse("workshops:question_delete", args=[question.pk]))
    assert not meeting.questions.exists()

    client.post(reverse("workshops:invitation_bounced", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.BOUNCED
    page = client.get(reverse("workshops:meeting_registrations", args=[meeting.pk]))
    assertContains(page, "Palautui")


@pytest.mark.django_db
def test_an_invitation_message_marked_bounced_in_the_admin_shows_bounced_to_the_coordinator(
    client, admin_client, coordinator, project
):
    municipality = MunicipalityFactory(invitation_email="kirjaamo@porvoo.fi")
    other = MunicipalityFactory(invitation_email="kirjaamo@loviisa.fi")
    starts = future()
    meeting = meeting_create(
        meeting=Meeting(project=project),
        kind="seminar",
        title="Perhekeskusseminaari",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        invited_municipalities=[municipality, other],
    )
    OutboxMessage.objects.update(status=OutboxMessage.Status.SENT)
    message = OutboxMessage.objects.get(to="kirjaamo@porvoo.fi")

    admin_client.post(
        reverse("admin:notifications_outboxmessage_changelist"),
        {"action": "mark_bounced", ACTION_CHECKBOX_NAME: [message.pk]},
    )

    statuses = dict(meeting.invitations.values_list("municipality", "status"))
    assert statuses == {municipality.pk: "bounced", other.pk: "sent"}
    client.force_login(coordinator)
    page = client.get(reverse("workshops:meeting_registrations", args=[meeting.pk]))
    row = re.search(rf"<th scope=\"row\">{municipality}</th>\s*<td>([^<]*)</td>", page.text)
    assert row.group(1) == "Palautui"


@pytest.mark.django_db
def test_coordinator_of_another_project_cannot_touch_the_registrations(
    client, other_coordinator, project
):
    registration = RegistrationFactory(meeting=coming_meeting(project))
    client.force_login(other_coordinator)
    response = client.post(reverse("workshops:registration_cancel", args=[registration.pk]))
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == "registered"


@pytest.mark.django_db
def test_a_meeting_short_of_registrations_is_flagged_on_the_coordinators_own_page(
    client, coordinator, project
):
    ContactFactory(project=project, role=ContactRole.COORDINATOR, email="k@example.fi")
    meeting = coming_meeting(project, title="Koulutyöpaja", min_registrations=5)
    Meeting.objects.filter(pk=meeting.pk).update(registration_deadline=future(-1))
    client.force_login(coordinator)
    assertNotContains(client.get(reverse("portal:dashboard")), "Liian vähän ilmoittautuneita")

    meetings_flag_short_of_registrations()

    page = client.get(reverse("portal:dashboard"))
    assertContains(page, "Liian vähän ilmoittautuneita")
    assertContains(page, "Koulutyöpaja")
    assertContains(page, reverse("workshops:meeting_cancel", args=[meeting.pk]))


@pytest.mark.django_db
def test_registrations_csv_has_the_status_and_the_answers(client, coordinator, project):
    meeting = coming_meeting(project)
    question = RegistrationQuestionFactory(meeting=meeting, text="Ruokavalio")
    registration = RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITING)
    registration.answers.create(question=question, text="Laktoositon")
    client.force_login(coordinator)
    response = client.get(reverse("workshops:registrations_csv", args=[meeting.pk]))
    header, row = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert header.endswith(";Tila;Osallistui;Ruokavalio")
    assert row.endswith(";jonossa;;Laktoositon")
