"""Periodic jobs of the background worker that span the apps."""

from procrastinate.contrib.django import app

from portal.search_follows import searches_check
from portal.services import registrations_anonymise_expired


# Every night at 3.15, when nobody is registering.
@app.periodic(cron="15 3 * * *", periodic_id="registrations_retention")
@app.task(name="portal.anonymise_expired_registrations", queueing_lock="registrations_retention")
def anonymise_expired_registrations(timestamp: int) -> int:
    """Anonymise registrations past their retention period (``REGISTRATION_RETENTION_DAYS``)."""
    return registrations_anonymise_expired()


@app.periodic(cron="*/15 * * * *", periodic_id="followed_searches")
@app.task(name="portal.check_followed_searches", queueing_lock="followed_searches")
def check_followed_searches(timestamp: int) -> int:
    """Every quarter of an hour: tell the followers of searches of their new matches."""
    return searches_check()
