"""Periodic jobs of the background worker that span the apps."""

from procrastinate.contrib.django import app

from portal.services import registrations_anonymise_expired


# Every night at 3.15, when nobody is registering.
@app.periodic(cron="15 3 * * *", periodic_id="registrations_retention")
@app.task(name="portal.anonymise_expired_registrations", queueing_lock="registrations_retention")
def anonymise_expired_registrations(timestamp: int) -> int:
    """Anonymise registrations past their retention period (``REGISTRATION_RETENTION_DAYS``)."""
    return registrations_anonymise_expired()
