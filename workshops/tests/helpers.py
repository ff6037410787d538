"""Helpers of the workshops tests: times to come, a coming meeting, registering through the
service, the outbox."""

import datetime

from django.utils import timezone

from notifications.models import OutboxMessage
from workshops.models import Meeting
from workshops.services import registration_create
from workshops.tests.factories import MeetingFactory, WorkingGroupFactory


def future(days: int = 30) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def coming_meeting(project=None, **fields) -> Meeting:
    starts = fields.pop("starts_at", future())
    if project is not None:
        fields["working_group"] = WorkingGroupFactory(project=project)
    return MeetingFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **fields)


def register(meeting, email="maija@example.fi", **fields):
    return registration_create(
        meeting=meeting, user=fields.pop("user", None), name=" Maija ", email=f" {email} ", **fields
    )


def outbox(kind: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind=kind).order_by("pk"))
