"""Writes on meetings, minutes, attachments and registrations, with their rules."""

import mimetypes

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workshops.models import Attachment, Meeting, MeetingStatus, Minutes


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
