"""Jobs of the background worker that send the outbox."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django import app

from notifications.models import OutboxMessage
from notifications.services import SEND_TASK


@app.task(name=SEND_TASK)
def send_outbox_message(*, message_id: int) -> None:
    """Send one message of the outbox, once: the row is locked while it is sent."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.due()
            .select_for_update(skip_locked=True)
            .filter(pk=message_id)
            .first()
        )
        if message is None:  # sent already, or another worker is sending it
            return
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
        )
        if message.ics:
            email.attach(
                "kutsu.ics",
                message.ics,
                f"text/calendar; charset=utf-8; method={message.ics_method or 'PUBLISH'}",
            )
        message.attempts += 1
        email.send()
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["status", "attempts", "sent_at"])
