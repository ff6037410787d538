"""Writes on minutes: saving the text with the outcomes of the agenda items, circulating the
minutes for comments, approving them, comments and dated corrections. Approved minutes are not
edited in place; neither is the agenda they record (``workshops.services.agenda``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.examples import unmark
from core.versioning import save_versioned
from notifications.services import absolute_url, email_enqueue
from workshops.comment_links import comment_token
from workshops.models import (
    Meeting,
    Minutes,
    MinutesComment,
    MinutesCorrection,
    MinutesExample,
    MinutesStatus,
    Registration,
    RegistrationStatus,
)
from workshops.services.meetings import meeting_followers_notify

STATE_FIELDS = ("status", "circulated_at", "published_at", "approved_by")


class MinutesNotCirculated(Exception):
    """The minutes were saved, but circulating them was refused; ``reason`` says why.

    Raised after the save's own transaction block has ended, so that a caller who catches it
    keeps the text saved: only the circulation waits.
    """

    def __init__(self, reason: ValidationError, *, minutes: Minutes):
        super().__init__(*reason.messages)
        self.reason = reason
        self.minutes = minutes


def _circulation_refusal(meeting: Meeting, *, before_start: bool) -> ValidationError | None:
    """Why the minutes of ``meeting`` may not be circulated now, or None.

    Minutes tell what a meeting decided, so circulating them before it has started is most
    likely a slip; ``before_start`` is the user's confirmation that it is not.
    """
    if before_start or meeting.starts_at <= timezone.now():
        return None
    return ValidationError(
        _("Muistiota ei lähetetty kommentoitavaksi, koska kokous ei ole vielä alkanut."),
        code="meeting_not_started",
    )


def _refuse_circulating_again(minutes: Minutes) -> None:
    if minutes.status == MinutesStatus.CIRCULATED:
        raise ValidationError(
            _("Muistio on jo lähetetty kommentoitavaksi; sitä ei lähetetä toista kertaa."),
            code="circulated_twice",
        )
    if minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(
            _("Hyväksyttyä muistiota ei voi lähettää kommentoitavaksi."), code="approved"
        )


def _approved_refusal() -> ValidationError:
    return ValidationError(
        _(
            "Hyväksyttyä muistiota ei voi muokata. Kirjaa muutos päivättynä korjauksena "
            "muistion sivulla."
        ),
        code="approved",
    )


def _lock_meeting(meeting: Meeting) -> None:
    Meeting.objects.select_for_update(no_key=True).filter(pk=meeting.pk).values_list("pk").get()


def _mark_circulated(minutes: Minutes) -> None:
    minutes.status = MinutesStatus.CIRCULATED
    minutes.circulated_at = timezone.now()


def _send_for_comments(minutes: Minutes) -> int:
    """E-mail each registered participant of the meeting (not those on the waitlist or who
    cancelled) a personal link for commenting on the minutes, in their own language; then
    tell the followers of the meeting that the minutes are out for comments."""
    registrations = minutes.meeting.registrations.filter(status=RegistrationStatus.REGISTERED)
    sent = set()
    for registration in registrations.exclude(email="").order_by("pk"):
        path = reverse("workshops:minutes_comment", args=[comment_token(registration)])
        email_enqueue(
            to=registration.email,
            kind="minutes_circulated",
            template="workshops/email/minutes_circulated",
            context={
                "meeting": minutes.meeting,
                "name": registration.name,
                "link": absolute_url(path),
            },
            language=registration.language,
        )
        sent.add(registration.email.lower())
    meeting_followers_notify(
        meeting=minutes.meeting, event="minutes_circulated", exclude_emails=sent
    )
    return len(sent)


@transaction.atomic
def minutes_circulate(*, minutes: Minutes, before_start: bool = False) -> Minutes:
    """Send draft minutes to the meeting's participants for comments.

    Each registered participant gets an e-mail with a personal signed link that lets them read
    the draft and comment without logging in; the meeting's followers are told. Minutes
    circulated or approved already are refused, and so are minutes of a meeting that has not
    started unless ``before_start`` confirms it. A new version: a form loaded before cannot
    save over it.
    """
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    _refuse_circulating_again(minutes)
    refusal = _circulation_refusal(minutes.meeting, before_start=before_start)
    if refusal is not None:
        raise refusal
    _mark_circulated(minutes)
    save_versioned(minutes, fields=STATE_FIELDS)
    _send_for_comments(minutes)
    return minutes


@transaction.atomic
def minutes_approve(*, minutes: Minutes, user) -> Minutes:
    """Approve circulated minutes, which publishes them; approving twice keeps the first time.

    Minutes that were never circulated for comments are refused with a ``ValidationError``.
    """
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status == MinutesStatus.APPROVED:
        return minutes
    if minutes.status != MinutesStatus.CIRCULATED:
        raise ValidationError(
            _(
                "Muistiota ei voi hyväksyä, koska sitä ei ole lähetetty osallistujille "
                "kommentoitavaksi."
            ),
            code="not_circulated",
        )
    minutes.status = MinutesStatus.APPROVED
    minutes.published_at = timezone.now()
    minutes.approved_by = user if user is not None and user.is_authenticated else None
    unmark(minutes, [MinutesExample.PUBLISHED_AT])
    save_versioned(minutes, fields=[*STATE_FIELDS, "example_fields"])
    meeting_followers_notify(meeting=minutes.meeting, event="minutes_approved")
    return minutes


@transaction.atomic
def minutes_comment_create(
    *,
    minutes: Minutes,
    text: str,
    registration: Registration | None = None,
    user=None,
    reply_to: MinutesComment | None = None,
) -> MinutesComment:
    """A comment on circulated minutes: a participant's, by their link (``registration``),
    or the coordinator's (``user``) reply to one. Comments close when the minutes are
    approved; draft minutes have none."""
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status != MinutesStatus.CIRCULATED:
        raise ValidationError(
            _("Muistiota voi kommentoida vain, kun se on lähetetty kommentoitavaksi."),
            code="not_circulated",
        )
    if registration is not None:
        name, email = registration.name, registration.email
    else:
        name, email = user.get_full_name() or user.get_username(), user.email
    comment = MinutesComment(
        minutes=minutes,
        reply_to=reply_to,
        user=registration.user if registration is not None else user,
        author_name=name,
        author_email=email,
        text=text.strip(),
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def minutes_correction_create(*, minutes: Minutes, user, text: str) -> MinutesCorrection:
    """A dated correction to approved minutes, shown with them; drafts are edited instead."""
    if not minutes.is_approved:
        raise ValidationError(
            _("Korjaus kirjataan vain hyväksyttyyn muistioon; luonnosta voi muokata suoraan."),
            code="not_approved",
        )
    correction = MinutesCorrection(minutes=minutes, user=user, text=text.strip())
    correction.full_clean()
    correction.save()
    return correction


def minutes_save(
    *,
    meeting: Meeting,
    text: str,
    text_sv: str = "",
    outcomes: dict[int, tuple[str, str]] | None = None,
    expected_version: int | None = None,
    circulate: bool = False,
    circulate_before_start: bool = False,
) -> Minutes:
    """Write the minutes of ``meeting`` and the outcomes of its agenda items (``outcomes``:
    (kind, text) by agenda item id), creating the minutes on first save; their state is kept.

    ``expected_version`` is the version the user's form was loaded at, 0 for a form loaded
    before any minutes were written: a save over someone else's newer version (or over
    minutes someone else wrote first) is refused with a ``StaleEdit``, and circulates nothing.
    Approved minutes are refused: they are corrected by notes (``minutes_correction_create``).

    ``circulate`` also sends the minutes for comments in the same save (``minutes_circulate``).
    Where that would refuse because the meeting has not started and ``circulate_before_start``
    does not confirm it, the text is saved as a draft and ``MinutesNotCirculated`` says why.
    """
    refusal = None
    if circulate:
        existing = Minutes.objects.filter(meeting=meeting).first()
        if existing is not None:
            _refuse_circulating_again(existing)
        refusal = _circulation_refusal(meeting, before_start=circulate_before_start)
    minutes = _minutes_write(
        meeting=meeting,
        text=text,
        text_sv=text_sv,
        outcomes=outcomes or {},
        expected_version=expected_version,
        circulate=circulate and refusal is None,
    )
    if refusal is not None:
        raise MinutesNotCirculated(refusal, minutes=minutes)
    return minutes


@transaction.atomic
def _minutes_write(
    *,
    meeting: Meeting,
    text: str,
    text_sv: str,
    outcomes: dict[int, tuple[str, str]],
    expected_version: int | None,
    circulate: bool,
) -> Minutes:
    # The meeting's lock lets one of two first saves create the minutes and refuses the other.
    _lock_meeting(meeting)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        minutes = Minutes(meeting=meeting, text=text, text_sv=text_sv)
        if circulate:
            _mark_circulated(minutes)
        minutes.save()
    else:
        if minutes.is_approved:
            raise _approved_refusal()
        # The text that a person writes is a fact (core.examples).
        fields = ["text", "text_sv"]
        if minutes.text != text and unmark(minutes, [MinutesExample.TEXT]):
            fields.append("example_fields")
        minutes.text, minutes.text_sv = text, text_sv
        if circulate:
            _mark_circulated(minutes)
            fields += STATE_FIELDS
        # One version and one history row, also when the save circulates the minutes.
        save_versioned(minutes, expected_version=expected_version, fields=fields)
    _write_outcomes(meeting, outcomes)
    if circulate:
        _send_for_comments(minutes)
    return minutes


def _write_outcomes(meeting: Meeting, outcomes: dict[int, tuple[str, str]]) -> None:
    for item in meeting.agenda_items.filter(pk__in=outcomes):
        kind, outcome = outcomes[item.pk]
        if (item.outcome_kind, item.outcome) != (kind, outcome.strip()):
            item.outcome_kind, item.outcome = kind, outcome.strip()
            item.full_clean()
            item.save(update_fields=["outcome_kind", "outcome"])
