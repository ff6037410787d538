"""Writes on meetings, minutes, attachments and registrations, with their rules."""

import mimetypes
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality, Organisation
from projects.models import Project
from workshops.models import Attachment, Meeting, MeetingStatus, Minutes, Registration


@transaction.atomic
def minutes_publish(*, minutes: Minutes) -> Minutes:
    """Publish minutes so that visitors can read them; publishing twice keeps the first time."""
    if not minutes.is_published:
        minutes.is_published = True
        minutes.published_at = timezone.now()
        minutes.save(update_fields=["is_published", "published_at"])
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
    meeting.save(update_fields=["status", "cancellation_reason"])
    return meeting


@transaction.atomic
def attachment_create(
    *, meeting: Meeting, file: UploadedFile, title: str, user=None, **fields
) -> Attachment:
    """Store an uploaded file as an attachment of ``meeting``, recording its size and type.

    The file is written to storage before the row; if the row cannot be saved the file is
    removed again, so a refused upload leaves nothing behind.
    """
    content_type = (
        getattr(file, "content_type", None)
        or mimetypes.guess_type(file.name)[0]
        or "application/octet-stream"
    )
    attachment = Attachment(
        meeting=meeting,
        title=title,
        file=file,
        original_name=file.name[-255:],
        size=file.size,
        content_type=content_type,
        uploaded_by=user,
        **fields,
    )
    attachment.full_clean(exclude=["file"])
    try:
        attachment.save()
    except Exception:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


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
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    invited_municipalities: Iterable[Municipality] | None = None,
    invited_organisations: Iterable[Organisation] | None = None,
    **fields,
) -> Meeting:
    """Change a meeting's details; invitations given replace the earlier ones."""
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    _set_invitations(meeting, invited_municipalities, invited_organisations)
    return meeting


@transaction.atomic
def minutes_save(*, meeting: Meeting, text: str) -> Minutes:
    """Write the minutes of ``meeting``, creating them on first save; publication is kept."""
    minutes, _created = Minutes.objects.update_or_create(meeting=meeting, defaults={"text": text})
    return minutes


@transaction.atomic
def attachment_delete(*, attachment: Attachment) -> None:
    """Delete an attachment; its file is removed from storage once the deletion is committed."""
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def registration_create(
    *,
    meeting: Meeting,
    user,
    name: str,
    email: str,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
) -> Registration:
    """Register a person to a planned meeting before its deadline while seats remain.

    The meeting row is locked, so concurrent registrations are counted one at a time and the
    capacity holds. The same email address (in any case) registers once.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            _("Tilaisuuteen ei voi ilmoittautua, koska se on peruttu tai pidetty.")
        )
    if timezone.now() >= (meeting.registration_deadline or meeting.starts_at):
        raise ValidationError(_("Ilmoittautuminen tilaisuuteen on päättynyt."))
    if meeting.registrations.filter(email__iexact=email.strip()).exists():
        raise ValidationError({"email": _("Tällä sähköpostiosoitteella on jo ilmoittauduttu.")})
    if meeting.capacity is not None and meeting.registrations.count() >= meeting.capacity:
        raise ValidationError(_("Tilaisuus on täynnä."))
    registration = Registration(
        meeting=meeting,
        user=user,
        name=name.strip(),
        email=email.strip(),
        organisation=organisation,
        municipality=municipality,
    )
    # The uniqueness of the email was checked above under the lock.
    registration.full_clean(validate_constraints=False)
    registration.save()
    return registration
