"""Writes on meetings, minutes and attachments, with their rules (registrations and
invitations: ``workshops.signup``)."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from procrastinate.contrib.django import app

from core.examples import unmark, unmark_changed
from core.history import acting_user
from core.versioning import save_versioned
from municipalities.models import Municipality, Organisation
from notifications.services import absolute_url, followers_notify
from projects.models import Project
from workshops.extract import TooComplex, read_text
from workshops.models import (
    Attachment,
    Meeting,
    MeetingExample,
    MeetingStatus,
    Minutes,
    MinutesExample,
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

PUBLICATION_FIELDS = ("is_published", "published_at")


class MinutesNotPublished(Exception):
    """The minutes were saved, but publishing them was refused; ``reason`` says why.

    Raised after the save's own transaction block has ended, so that a caller who catches it
    keeps the text saved: only the publication waits.
    """

    def __init__(self, reason: ValidationError, *, minutes: Minutes):
        super().__init__(*reason.messages)
        self.reason = reason
        self.minutes = minutes


def _publication_refusal(meeting: Meeting, *, before_start: bool) -> ValidationError | None:
    """Why the minutes of ``meeting`` may not be published now, or None.

    Minutes tell what a meeting decided, so publishing them before it has started is most
    likely a slip; ``before_start`` is the user's confirmation that it is not.
    """
    if before_start or meeting.starts_at <= timezone.now():
        return None
    return ValidationError(
        _("Muistiota ei julkaistu, koska kokous ei ole vielä alkanut."),
        code="meeting_not_started",
    )


def _mark_published(minutes: Minutes) -> None:
    minutes.is_published = True
    minutes.published_at = timezone.now()


@transaction.atomic
def minutes_publish(*, minutes: Minutes) -> Minutes:
    """Publish minutes so that visitors can read them; publishing twice keeps the first time.

    Minutes of a meeting that has not started yet are refused with a ``ValidationError``: only
    the minutes page, where the coordinator confirms it, publishes them before the meeting
    (``minutes_save``). Publishing is a new version of the minutes, so a form loaded before it
    cannot save over it.
    """
    if not minutes.is_published:
        refusal = _publication_refusal(minutes.meeting, before_start=False)
        if refusal is not None:
            raise refusal
        _mark_published(minutes)
        save_versioned(minutes, fields=PUBLICATION_FIELDS)
    return minutes


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
    project: Project,
    invited_municipalities: Iterable[Municipality] = (),
    invited_organisations: Iterable[Organisation] = (),
    **fields,
) -> Meeting:
    """Plan a new meeting of ``project`` and record whom it invites."""
    meeting = Meeting(project=project, **fields)
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
    expected_version: int | None = None,
    publish: bool = False,
    publish_before_start: bool = False,
) -> Minutes:
    """Write the minutes of ``meeting``, creating them on first save; publication is kept.

    ``expected_version`` is the version the user's form was loaded at, 0 for a form loaded
    before any minutes were written: a save over someone else's newer version (or over
    minutes someone else wrote first) is refused with a ``StaleEdit``, and publishes nothing.

    ``publish`` also publishes the minutes in the same save (one version, one history row),
    so that visitors see the text just written. Where ``minutes_publish`` would refuse (the
    meeting has not started and ``publish_before_start`` does not confirm it), the text is
    saved unpublished and ``MinutesNotPublished`` says why.
    """
    refusal = _publication_refusal(meeting, before_start=publish_before_start) if publish else None
    minutes = _minutes_write(
        meeting=meeting,
        text=text,
        expected_version=expected_version,
        publish=publish and refusal is None,
    )
    if refusal is not None and not minutes.is_published:
        raise MinutesNotPublished(refusal, minutes=minutes)
    return minutes


@transaction.atomic
def _minutes_write(
    *, meeting: Meeting, text: str, expected_version: int | None, publish: bool
) -> Minutes:
    # The meeting's lock lets one of two first saves create the minutes and refuses the other.
    Meeting.objects.select_for_update(no_key=True).filter(pk=meeting.pk).values_list("pk").get()
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        minutes = Minutes(meeting=meeting, text=text)
        if publish:
            _mark_published(minutes)
        minutes.save()
        return minutes
    # The text and the time of publication that a person writes are facts (core.examples).
    replaced = [MinutesExample.TEXT] if minutes.text != text else []
    minutes.text = text
    fields = ["text"]
    if publish and not minutes.is_published:
        _mark_published(minutes)
        fields += PUBLICATION_FIELDS
        replaced.append(MinutesExample.PUBLISHED_AT)
    if unmark(minutes, replaced):
        fields.append("example_fields")
    return save_versioned(minutes, expected_version=expected_version, fields=fields)


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
