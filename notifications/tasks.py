"""Jobs of the background worker that send the outbox and the weekly digests."""

from procrastinate import JobContext, RetryStrategy
from procrastinate.contrib.django import app

from notifications.services import (
    SEND_TASK,
    digests_send,
    outbox_message_send,
    outbox_requeue_lost,
)

# A send that fails (the SMTP server is down or refuses) is tried again after about 10 s,
# 100 s, 17 min and 2.8 h; after the last retry the message is marked failed for the admin.
SEND_RETRIES = 4


@app.task(
    name=SEND_TASK,
    pass_context=True,
    retry=RetryStrategy(max_attempts=SEND_RETRIES, exponential_wait=10),
)
def send_outbox_message(context: JobContext, *, message_id: int) -> None:
    """Send one message of the outbox, once (``outbox_message_send``)."""
    # ``attempts`` counts the tries before this one.
    outbox_message_send(message_id=message_id, last_attempt=context.job.attempts >= SEND_RETRIES)


@app.periodic(cron="* * * * *", periodic_id="outbox_requeue_lost")
@app.task(name="notifications.requeue_lost_messages", queueing_lock="outbox_requeue_lost")
def requeue_lost_messages(timestamp: int) -> None:
    """Every minute: queue again the pending messages whose job was lost."""
    outbox_requeue_lost()


@app.periodic(cron="0 7 * * 1", periodic_id="weekly_digests")
@app.task(name="notifications.send_weekly_digests", queueing_lock="weekly_digests")
def send_weekly_digests(timestamp: int) -> None:
    """On Monday mornings: each user who chose a weekly digest gets theirs."""
    digests_send()
