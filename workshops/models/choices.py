"""Choices shared by meetings and their registrations."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("työryhmän kokous")
    REGIONAL_WORKSHOP = "regional_workshop", _("maakunnallinen työpaja")
    LEARNING_NETWORK = "learning_network", _("oppimisverkoston tilaisuus")
    SEMINAR = "seminar", _("seminaari")


class MeetingExample(models.TextChoices):
    """What of a meeting can be an example value (``core.examples``)."""

    DATE = "date", _("päivämäärä ja kellonaika")
    TIME = "time", _("kellonaika")
    INVITED_ORGANISATIONS = "invited_organisations", _("kutsutut organisaatiot")
    CAPACITY = "capacity", _("enimmäismäärä ja ilmoittautuneet")
    AGENDA = "agenda", _("asialista, käsittely ja toimenpiteet")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("suunniteltu")
    HELD = "held", _("pidetty")
    CANCELLED = "cancelled", _("peruttu")


# Past meetings in an iCalendar feed, besides every upcoming one.


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("ilmoittautunut")
    WAITING = "waiting", _("jonossa")
    CANCELLED = "cancelled", _("peruttu")


# Registrants are reminded of a meeting this long before it starts.
REMINDER_BEFORE = datetime.timedelta(hours=48)
