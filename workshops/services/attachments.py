"""Writes on a meeting's attachments: storing an upload, its titles, the text the background
worker reads from it for the search, and deleting it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from procrastinate.contrib.django import app

from core.history import acting_user
from core.page_cache import pages_changed
from workshops.extract import TooComplex, read_text
from workshops.models import Attachment, Meeting, TextStatus
from workshops.uploads import check_upload

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
def attachment_update_titles(*, attachment: Attachment, title: str, title_sv: str) -> Attachment:
    """Change the Finnish and Swedish titles of a stored attachment."""
    attachment.title, attachment.title_sv = title, title_sv
    attachment.full_clean(exclude=["file"])
    attachment.save(update_fields=["title", "title_sv"])
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
    pages_changed(Attachment)


@transaction.atomic
def attachment_delete(*, attachment: Attachment, user=None) -> None:
    """Delete an attachment; its file is removed from storage once the deletion is committed
    (``core.files.delete_stored_files``, which also catches cascades and bulk deletions).
    ``user`` is named in the history outside a request (a command)."""
    with acting_user(user):
        attachment.delete()
