"""Writes on meetings, agendas, minutes and attachments, with their rules (registrations and
invitations: ``workshops.signup``)."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from procrastinate.contrib.django import app

from core.examples import unmark, unmark_changed
from core.history import acting_user
from core.page_cache import pages_changed
from core.versioning import save_versioned
from municipalities.models import Municipality, Organisation
from notifications.services import absolute_url, email_enqueue, followers_notify
from workshops.comment_links import comment_token
from workshops.extract import TooComplex, read_text
from workshops.models import (
    ActionItem,
    AgendaItem,
    Attachment,
    Meeting,
    MeetingExample,
    MeetingStatus,
    Minutes,
    MinutesComment,
    MinutesCorrection,
    MinutesExample,
    MinutesStatus,
    Registration,
    RegistrationStatus,
    TextStatus,
    WorkingGroupMember,
)
from workshops.signup import (
    CALENDAR_FIELDS,
    invitations_sync,
    meeting_cancellation_notify,
    waitlist_fill,
)
from workshops.uploads import check_upload

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


def _refuse_editing_approved(meeting: Meeting) -> None:
    """Approved minutes, with the agenda and outcomes they record, are not edited in place."""
    if Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).exists():
        raise _approved_refusal()


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


def _lock_meeting(meeting: Meeting) -> None:
    Meeting.objects.select_for_update(no_key=True).filter(pk=meeting.pk).values_list("pk").get()


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, **fields) -> AgendaItem:
    """Add an item at the end of the meeting's agenda."""
    _lock_meeting(meeting)
    _refuse_editing_approved(meeting)
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"]
    item = AgendaItem(meeting=meeting, order=0 if last is None else last + 1, **fields)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, **fields) -> AgendaItem:
    """Change an agenda item's title, presenter or description."""
    _refuse_editing_approved(item.meeting)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save(update_fields=list(fields))
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, step: int) -> AgendaItem:
    """Move an item ``step`` places up (negative) or down the agenda; at an end it stays."""
    _lock_meeting(item.meeting)
    _refuse_editing_approved(item.meeting)
    items = list(item.meeting.agenda_items.order_by("order", "pk"))
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    target = min(max(index + step, 0), len(items) - 1)
    items.insert(target, items.pop(index))
    for order, each in enumerate(items):
        if each.order != order:
            each.order = order
            each.save(update_fields=["order"])
    return items[target]


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    """Remove an item from the agenda, with its outcome and action items."""
    _refuse_editing_approved(item.meeting)
    item.delete()


@transaction.atomic
def action_item_create(
    *, agenda_item: AgendaItem, what: str, who: str = "", due_date=None
) -> ActionItem:
    """Record an action item agreed under ``agenda_item``; it is open until marked done."""
    _refuse_editing_approved(agenda_item.meeting)
    action = ActionItem(
        agenda_item=agenda_item, what=what.strip(), who=who.strip(), due_date=due_date
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_item_mark_done(*, action_item: ActionItem) -> ActionItem:
    """Mark an action item done, which takes it off the agendas it was carried to; marking it
    twice keeps the first time."""
    if action_item.done_at is None:
        action_item.done_at = timezone.now()
        action_item.save(update_fields=["done_at"])
    return action_item


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a planned meeting, recording why; a held meeting cannot be cancelled."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"cancellation_reason": _("Kerro peruutuksen syy.")})
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError(_("Pidettyä tilaisuutta ei voi perua."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancellation_reason = reason
    save_versioned(meeting, fields=["status", "cancellation_reason"])
    told = meeting_cancellation_notify(meeting)
    meeting_followers_notify(meeting=meeting, event="meeting_cancelled", exclude_emails=told)
    return meeting


def meeting_followers_notify(*, meeting: Meeting, event: str, exclude_emails=()) -> None:
    """Tell the followers of the meeting's project, working group and host municipality of
    ``event`` (``meeting_scheduled``, ``meeting_changed``, ``meeting_cancelled``,
    ``minutes_circulated``, ``minutes_approved``), with the templates of the same name."""
    followers_notify(
        targets=[meeting.project, meeting.working_group, meeting.host_municipality],
        event=event,
        template=f"notifications/email/{event}",
        context={
            "meeting": meeting,
            "url": absolute_url(reverse("workshops:meeting_detail", args=[meeting.pk])),
        },
        exclude_emails=exclude_emails,
    )


# The job that reads an uploaded attachment's text (``workshops.tasks``), deferred by its name:
# the task itself calls the services below.
READ_TEXT_TASK = "workshops.read_attachment_text"


@transaction.atomic
def attachment_update_titles(*, attachment: Attachment, title: str, title_sv: str) -> Attachment:
    """Change the Finnish and Swedish titles of a stored attachment."""
    attachment.title, attachment.title_sv = title, title_sv
    attachment.full_clean(exclude=["file"])
    attachment.save(update_fields=["title", "title_sv"])
    return attachment


@transaction.atomic
def attachment_create(
    *, meeting: Meeting, file: UploadedFile, title: str, user=None, **fields
) -> Attachment:
    """Store an uploaded file as an attachment of ``meeting``, recording its size and type.

    The type is detected from the content (``workshops.uploads``); a file of no allowed type
    is refused with a ValidationError on "file". The file is written to storage before the
    row; if the row cannot be saved the file is removed again, so a refused upload leaves
    nothing behind. Its text is read for the search afterwards by the background worker: the
    job is queued in this transaction, so it exists exactly when the attachment does.
    ``user`` is the uploader, named in the history also outside a request (a command).
    """
    try:
        upload = check_upload(file)
    except ValidationError as error:
        raise ValidationError({"file": error}) from error
    attachment = Attachment(
        meeting=meeting,
        title=title,
        uploaded_by=user,
        file=upload.file,
        original_name=upload.display_name,
        size=upload.size,
        content_type=upload.content_type,
        **fields,
    )
    attachment.full_clean(exclude=["file"])
    try:
        with acting_user(user):
            attachment.save()
        app.configure_task(READ_TEXT_TASK, allow_unknown=False).defer(attachment_id=attachment.pk)
    except Exception:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def attachment_read_text(*, attachment: Attachment) -> Attachment:
    """Read the text of ``attachment``'s file for the search (``workshops.extract``), in a
    child process within the limits of ATTACHMENT_TEXT_SECONDS and ATTACHMENT_TEXT_MEMORY_MB.

    Indexed when text was found; unreadable when the file has none (a scanned PDF, a damaged
    file); too complex when reading went beyond a limit. Either way the attachment is kept and
    found by its title and name. An error opening the stored file, or a reader that died
    (``ExtractionCrashed``), is raised, for the caller to retry or record
    (``attachment_text_failed``, ``attachment_text_too_complex``).
    The text is the reader's, not a user's change: no history is recorded.
    """
    with attachment.file.open("rb") as file:
        try:
            text = read_text(
                file,
                attachment.content_type,
                attachment.original_name,
                seconds=settings.ATTACHMENT_TEXT_SECONDS,
                memory_bytes=settings.ATTACHMENT_TEXT_MEMORY_MB * 1024 * 1024,
            )
        except TooComplex:
            return attachment_text_too_complex(attachment=attachment)
    attachment.text = text or ""
    attachment.text_status = TextStatus.INDEXED if text is not None else TextStatus.UNREADABLE
    attachment.text_error = ""
    _save_text(attachment)
    return attachment


@transaction.atomic
def attachment_text_failed(*, attachment: Attachment, error: BaseException) -> Attachment:
    """Record that reading ``attachment``'s text failed for good, with the error, for the
    meeting's coordinators to see; it stays findable by its title and name."""
    attachment.text = ""
    attachment.text_status = TextStatus.FAILED
    attachment.text_error = f"{type(error).__name__}: {error}"
    _save_text(attachment)
    return attachment


@transaction.atomic
def attachment_text_too_complex(*, attachment: Attachment) -> Attachment:
    """Record that ``attachment``'s text is not read because the file is beyond a limit of the
    reader; it stays findable by its title and name, and is not read again."""
    attachment.text = ""
    attachment.text_status = TextStatus.TOO_COMPLEX
    attachment.text_error = ""
    _save_text(attachment)
    return attachment


def _save_text(attachment: Attachment) -> None:
    # An update of the row, not save(): simple_history would record the worker as an edit.
    Attachment.objects.filter(pk=attachment.pk).update(
        text=attachment.text, text_status=attachment.text_status, text_error=attachment.text_error
    )
    # Search results show the text: the kept public pages are stale (an update sends no signal).
    pages_changed()


def _set_invitations(
    meeting: Meeting,
    municipalities: Iterable[Municipality] | None,
    organisations: Iterable[Organisation] | None,
) -> None:
    if municipalities is not None:
        meeting.invited_municipalities.set(municipalities)
    if organisations is not None:
        meeting.invited_organisations.set(organisations)


@transaction.atomic
def meeting_create(
    *,
    meeting: Meeting,
    invited_municipalities: Iterable[Municipality] = (),
    invited_organisations: Iterable[Organisation] = (),
    **fields,
) -> Meeting:
    """Plan ``meeting`` (new, its project set) with ``fields``, record whom it invites, invite
    them and tell the followers."""
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    _set_invitations(meeting, invited_municipalities, invited_organisations)
    meeting_followers_notify(meeting=meeting, event="meeting_scheduled")
    invitations_sync(meeting)
    return meeting


def _unmark_set_values(meeting: Meeting, invited_organisations) -> bool:
    """Unmark the example values of ``meeting`` that the user has just changed: a value a
    person sets is a fact (``core.examples``)."""
    changed = unmark_changed(meeting)
    if (
        invited_organisations is not None
        and MeetingExample.INVITED_ORGANISATIONS in meeting.example_fields
        and set(invited_organisations) != set(meeting.invited_organisations.all())
    ):
        changed = unmark(meeting, [MeetingExample.INVITED_ORGANISATIONS]) or changed
    return changed


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    expected_version: int | None = None,
    invited_municipalities: Iterable[Municipality] | None = None,
    invited_organisations: Iterable[Organisation] | None = None,
    **fields,
) -> Meeting:
    """Change a meeting's details; invitations given replace the earlier ones.

    ``expected_version`` is the version the user's form was loaded at (None: the admin, which
    does not compare): a save over someone else's newer version is refused with a
    ``StaleEdit`` (``core.versioning``).
    """
    changed = any(getattr(meeting, name) != value for name, value in fields.items())
    details_changed = any(
        name in fields and fields[name] != getattr(meeting, name) for name in CALENDAR_FIELDS
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    if _unmark_set_values(meeting, invited_organisations):
        fields = {**fields, "example_fields": meeting.example_fields}
    save_versioned(meeting, expected_version=expected_version, fields=fields)
    _set_invitations(meeting, invited_municipalities, invited_organisations)
    if changed:
        meeting_followers_notify(meeting=meeting, event="meeting_changed")
    invitations_sync(meeting, details_changed=details_changed)
    waitlist_fill(meeting=meeting)
    return meeting


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


@transaction.atomic
def attachment_delete(*, attachment: Attachment, user=None) -> None:
    """Delete an attachment; its file is removed from storage once the deletion is committed
    (``core.files.delete_stored_files``, which also catches cascades and bulk deletions).
    ``user`` is named in the history outside a request (a command)."""
    with acting_user(user):
        attachment.delete()


@transaction.atomic
def working_group_member_create(*, member: WorkingGroupMember) -> WorkingGroupMember:
    """Add a person to their working group (the form has checked the group's rules)."""
    member.save()
    return member


@transaction.atomic
def working_group_member_delete(*, member: WorkingGroupMember) -> None:
    """Take a person off their working group; the change history keeps that they were in it."""
    member.delete()
