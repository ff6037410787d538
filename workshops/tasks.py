"""Jobs of the background worker (``manage.py procrastinate worker``), out of web requests."""

from procrastinate import JobContext, RetryStrategy
from procrastinate.contrib.django import app

from workshops.extract import ExtractionCrashed
from workshops.models import Attachment
from workshops.services import (
    READ_TEXT_TASK,
    attachment_read_text,
    attachment_text_failed,
    attachment_text_too_complex,
    meetings_flag_short_of_registrations,
    registrations_remind,
)

# A stored file that cannot be opened (a storage hiccup) is tried again after about 10 s, 100 s
# and 17 min before the attachment is marked failed.
READ_TEXT_RETRIES = 3


@app.task(
    name=READ_TEXT_TASK,
    pass_context=True,
    retry=RetryStrategy(max_attempts=READ_TEXT_RETRIES, exponential_wait=10),
)
def read_attachment_text(context: JobContext, *, attachment_id: int) -> None:
    """Read the text of an uploaded attachment for the search (``attachment_read_text``).

    After the last retry the error is recorded on the attachment, and the job fails. A reader
    that dies (killed, out of memory) is tried once more; dying again, the file is marked too
    complex, and the job succeeds: it is never retried forever.
    """
    attachment = Attachment.objects.awaiting_text().filter(pk=attachment_id).first()
    if attachment is None:  # deleted since, or read already (rebuild_search, the demo)
        return
    try:
        attachment_read_text(attachment=attachment)
    except ExtractionCrashed:
        if context.job.attempts >= 1:
            attachment_text_too_complex(attachment=attachment)
            return
        raise
    except Exception as error:
        if context.job.attempts >= READ_TEXT_RETRIES:
            attachment_text_failed(attachment=attachment, error=error)
        raise


@app.periodic(cron="*/15 * * * *", periodic_id="registration_minimums")
@app.task(name="workshops.check_registration_minimums", queueing_lock="registration_minimums")
def check_registration_minimums(timestamp: int) -> None:
    """Every quarter of an hour: warn the coordinators of meetings whose registration
    deadline passed with fewer registrations than their minimum."""
    meetings_flag_short_of_registrations()


@app.periodic(cron="*/15 * * * *", periodic_id="meeting_reminders")
@app.task(name="workshops.send_meeting_reminders", queueing_lock="meeting_reminders")
def send_meeting_reminders(timestamp: int) -> None:
    """Every quarter of an hour: remind those holding a seat of meetings starting within
    two days, once per registration and start time."""
    registrations_remind()
