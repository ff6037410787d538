"""Periodic jobs of the background worker that span the apps."""

from procrastinate.contrib.django import app

from portal.search_follows import saved_searches_prune, searches_check
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


# Every night at 3.30, after the registrations.
@app.periodic(cron="30 3 * * *", periodic_id="saved_searches_prune")
@app.task(name="portal.prune_saved_searches", queueing_lock="saved_searches_prune")
def prune_saved_searches(timestamp: int) -> int:
    """Delete the saved searches that nobody follows any more."""
    return saved_searches_prune()
