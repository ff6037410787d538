"""Writes of sign-up: registrations with their answers, the waitlist, the registration form's
questions, the reminders before a meeting and the warning of too few registrations. Every
registration write locks its meeting's row first, so that seats are counted one writer at a
time and the waitlist keeps the order of arrival."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality, Organisation
from notifications.services import email_enqueue
from projects.models import Contact, ContactRole
from workshops.links import meeting_url, registration_url
from workshops.models import (
    Invitation,
    InvitationStatus,
    Meeting,
    MeetingStatus,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    RegistrationStatus,
)


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _seat_free(meeting: Meeting) -> bool:
    if meeting.capacity is None:
        return True
    taken = meeting.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    return taken < meeting.capacity


def _seat_or_line(meeting: Meeting) -> str:
    """The status of a registration arriving at ``meeting``: a seat while one is free, else
    a place in line."""
    return RegistrationStatus.REGISTERED if _seat_free(meeting) else RegistrationStatus.WAITING


def _email_seat_or_line(registration: Registration) -> None:
    """Tell the registrant whether they have a seat or wait in line."""
    _email_registrant(
        registration,
        kind="registration_confirmed"
        if registration.status == RegistrationStatus.REGISTERED
        else "registration_waiting",
    )


def _email_registrant(registration: Registration, *, kind: str) -> None:
    email_enqueue(
        to=registration.email,
        kind=kind,
        template=f"workshops/email/{kind}",
        context={
            "registration": registration,
            "meeting": registration.meeting,
            "manage_url": registration_url(registration),
            "meeting_url": meeting_url(registration.meeting),
        },
        language=registration.language,
    )


def _save_answers(registration: Registration, answers: Mapping[int, str]) -> None:
    """Store the answers to the meeting's questions; a required one must not be empty."""
    questions = list(registration.meeting.questions.all())
    missing = {
        f"question_{question.pk}": _("Vastaa tähän kysymykseen.")
        for question in questions
        if question.required and not answers.get(question.pk, "").strip()
    }
    if missing:
        raise ValidationError(missing)
    for question in questions:
        RegistrationAnswer.objects.update_or_create(
            registration=registration,
            question=question,
            defaults={"text": answers.get(question.pk, "").strip()},
        )


def _check_unique(meeting: Meeting, *, email: str, user, exclude: int | None = None) -> None:
    # Checked under the meeting's lock, with the database's unique constraints behind it.
    active = meeting.registrations.active().exclude(pk=exclude)
    if user is not None and active.filter(user=user).exists():
        raise ValidationError(_("Olet jo ilmoittautunut tähän tilaisuuteen."))
    if active.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Tällä sähköpostiosoitteella on jo ilmoittauduttu.")})


def _mark_invitation_registered(registration: Registration) -> None:
    Invitation.objects.filter(
        Q(municipality_id=registration.municipality_id, municipality__isnull=False)
        | Q(organisation_id=registration.organisation_id, organisation__isnull=False),
        meeting_id=registration.meeting_id,
        status=InvitationStatus.SENT,
    ).update(status=InvitationStatus.REGISTERED)


@transaction.atomic
def registration_create(
    *,
    meeting: Meeting,
    user,
    name: str,
    email: str,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
    answers: Mapping[int, str] | None = None,
    language: str = "fi",
    by_coordinator: bool = False,
) -> Registration:
    """Register a person to a planned meeting; past its capacity they wait in line.

    Anyone may register before the deadline (``user`` is the logged-in user, or None);
    the coordinator (``by_coordinator``) also after it. A user and an e-mail address each
    hold one active registration per meeting. The person gets a confirmation with a
    personal link to see, change or cancel the registration.
    """
    meeting = _lock(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            _("Tilaisuuteen ei voi ilmoittautua, koska se on peruttu tai pidetty.")
        )
    if not by_coordinator and timezone.now() >= (
        meeting.registration_deadline or meeting.starts_at
    ):
        raise ValidationError(_("Ilmoittautuminen tilaisuuteen on päättynyt."))
    email = email.strip()
    _check_unique(meeting, email=email, user=user)
    registration = Registration(
        meeting=meeting,
        user=user,
        name=name.strip(),
        email=email,
        organisation=organisation,
        municipality=municipality,
        language=language,
        status=_seat_or_line(meeting),
    )
    registration.full_clean(validate_constraints=False)
    registration.save()
    _save_answers(registration, answers or {})
    _mark_invitation_registered(registration)
    _email_seat_or_line(registration)
    return registration


@transaction.atomic
def registration_update(
    *,
    registration: Registration,
    name: str,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
    answers: Mapping[int, str] | None = None,
) -> Registration:
    """Change a registration's details and answers (its own link); the e-mail stays."""
    _lock(registration.meeting)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Ilmoittautuminen on peruttu."))
    registration.name = name.strip()
    registration.organisation = organisation
    registration.municipality = municipality
    registration.full_clean(validate_constraints=False)
    registration.save(update_fields=["name", "organisation", "municipality"])
    _save_answers(registration, answers or {})
    return registration


def _promote_waiting(meeting: Meeting) -> list[Registration]:
    """Move the first in line up while seats are free, telling each of them."""
    promoted = []
    for registration in meeting.registrations.waiting_in_order():
        if not _seat_free(meeting):
            break
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status"])
        _email_registrant(registration, kind="registration_promoted")
        promoted.append(registration)
    return promoted


@transaction.atomic
def waitlist_fill(*, meeting: Meeting) -> list[Registration]:
    """Give the seats free (after the capacity grew) to those waiting, in order."""
    meeting = _lock(meeting)
    return _promote_waiting(meeting) if meeting.status == MeetingStatus.PLANNED else []


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel a registration (its own link or the coordinator); a freed seat goes to the
    first one waiting, who is told by e-mail."""
    meeting = _lock(registration.meeting)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    registration.status = RegistrationStatus.CANCELLED
    registration.attended = False
    registration.save(update_fields=["status", "attended"])
    if meeting.status == MeetingStatus.PLANNED:
        _promote_waiting(meeting)
    return registration


@transaction.atomic
def registration_promote(*, registration: Registration) -> Registration:
    """The coordinator takes someone off the waitlist, also beyond the capacity."""
    _lock(registration.meeting)
    registration.refresh_from_db()
    if registration.status != RegistrationStatus.WAITING:
        raise ValidationError(_("Vain jonossa olevan voi nostaa osallistujaksi."))
    registration.status = RegistrationStatus.REGISTERED
    registration.save(update_fields=["status"])
    _email_registrant(registration, kind="registration_promoted")
    return registration


@transaction.atomic
def registration_move(*, registration: Registration, meeting: Meeting) -> Registration:
    """Move a registration to another planned meeting of the same project; its answers,
    given to the old meeting's questions, are dropped. In the new meeting it takes a seat
    or waits; a seat freed in the old one goes to the first waiting."""
    source = registration.meeting
    if meeting.project_id != source.project_id or meeting.pk == source.pk:
        raise ValidationError(
            _("Ilmoittautumisen voi siirtää vain saman hankkeen toiseen tilaisuuteen.")
        )
    # Both rows locked, the lower id first, so that two opposite moves cannot deadlock.
    locked = {
        row.pk: row
        for row in Meeting.objects.select_for_update()
        .filter(pk__in=[source.pk, meeting.pk])
        .order_by("pk")
    }
    target = locked[meeting.pk]
    if target.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Tilaisuus on peruttu tai pidetty."))
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Ilmoittautuminen on peruttu."))
    _check_unique(target, email=registration.email, user=registration.user)
    freed = registration.status == RegistrationStatus.REGISTERED
    registration.answers.all().delete()
    registration.meeting = target
    registration.attended = False
    registration.status = _seat_or_line(target)
    registration.save(update_fields=["meeting", "status", "attended"])
    _mark_invitation_registered(registration)
    _email_seat_or_line(registration)
    if freed:
        _promote_waiting(locked[source.pk])
    return registration


@transaction.atomic
def registration_set_attended(*, registration: Registration, attended: bool) -> Registration:
    """Mark whether a registered person attended; only once the meeting has started."""
    if registration.meeting.starts_at > timezone.now():
        raise ValidationError(_("Osallistumisen voi merkitä vasta, kun tilaisuus on alkanut."))
    if registration.status != RegistrationStatus.REGISTERED:
        raise ValidationError(_("Vain ilmoittautunut voi olla osallistunut."))
    registration.attended = attended
    registration.save(update_fields=["attended"])
    return registration


@transaction.atomic
def registration_question_create(
    *, meeting: Meeting, text: str, kind: str, required: bool = False
) -> RegistrationQuestion:
    """Add a question to the meeting's registration form, after the earlier ones."""
    last = meeting.questions.order_by("-order").values_list("order", flat=True).first()
    question = RegistrationQuestion(
        meeting=meeting,
        text=text.strip(),
        kind=kind,
        required=required,
        order=0 if last is None else last + 1,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def registration_question_delete(*, question: RegistrationQuestion) -> None:
    """Remove a question with its answers."""
    question.delete()


# --- Reminders -------------------------------------------------------------------------------


def registrations_remind() -> list[Registration]:
    """Remind everyone holding a seat in a planned meeting that starts within two days, once
    per start time: the time is recorded with the e-mail, so a second run or a second worker
    sends nothing more, and a meeting moved to another time is reminded of again."""
    reminded = []
    due = (
        Registration.objects.due_reminder()
        .select_related("meeting")
        .prefetch_related("meeting__agenda_items")
    )
    for registration in due.order_by("meeting__starts_at", "pk"):
        meeting = registration.meeting
        with transaction.atomic():
            # Of two runs at once, the second finds the registration reminded and skips it.
            updated = (
                Registration.objects.due_reminder()
                .filter(pk=registration.pk, meeting__starts_at=meeting.starts_at)
                .update(reminded_for_start=meeting.starts_at)
            )
            if not updated:
                continue
            email_enqueue(
                to=registration.email,
                kind="meeting_reminder",
                template="workshops/email/meeting_reminder",
                context={
                    "registration": registration,
                    "meeting": meeting,
                    "agenda_items": meeting.agenda_items.all(),
                    "manage_url": registration_url(registration),
                    "meeting_url": meeting_url(meeting),
                },
                language=registration.language,
            )
            reminded.append(registration)
    return reminded


# --- The minimum number of registrations ------------------------------------------------------


def coordinator_addresses(project_id: int) -> list[str]:
    """The e-mail addresses of a project's coordinators, each once."""
    contacts = Contact.objects.filter(project=project_id, role=ContactRole.COORDINATOR)
    addresses = [
        address
        for pair in contacts.values_list("email", "user__email")
        for address in pair
        if address
    ]
    return list(dict.fromkeys(address.lower() for address in addresses))


def meetings_flag_short_of_registrations() -> list[Meeting]:
    """Tell the coordinators of each meeting whose deadline passed with fewer registrations
    than its minimum, once: the time is recorded, and their own page shows the flag."""
    flagged = []
    for meeting in Meeting.objects.short_of_registrations():
        with transaction.atomic():
            # Of two runs at once, the second finds the meeting flagged and skips it.
            updated = Meeting.objects.filter(
                pk=meeting.pk, low_registrations_notified_at__isnull=True
            ).update(low_registrations_notified_at=timezone.now())
            if not updated:
                continue
            for address in coordinator_addresses(meeting.project_id):
                email_enqueue(
                    to=address,
                    kind="meeting_short_of_registrations",
                    template="workshops/email/meeting_short_of_registrations",
                    context={"meeting": meeting, "meeting_url": meeting_url(meeting)},
                )
            flagged.append(meeting)
    return flagged
