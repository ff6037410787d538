"""Writes on meetings: planning one with whom it invites, changing and cancelling it, and
telling the followers of its project, working group and host municipality."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.examples import unmark, unmark_changed
from core.versioning import save_versioned
from municipalities.models import Municipality, Organisation
from notifications.services import absolute_url, followers_notify
from workshops.models import Meeting, MeetingExample, MeetingStatus
from workshops.services.invitations import invitations_sync, meeting_cancellation_notify
from workshops.services.registrations import waitlist_fill

# The fields of a meeting that an invitee's calendar shows: a change sends a new invitation.
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "place", "online_url", "host_municipality")


def _set_invitations(
    meeting: Meeting,
    municipalities: Iterable[Municipality] | None,
    organisations: Iterable[Organisation] | None,
) -> None:
    if municipalities is not None:
        meeting.invited_municipalities.set(municipalities)
    if organisations is not None:
        meeting.invited_organisations.set(organisations)


@transaction.atomic
def meeting_create(
    *,
    meeting: Meeting,
    invited_municipalities: Iterable[Municipality] = (),
    invited_organisations: Iterable[Organisation] = (),
    **fields,
) -> Meeting:
    """Plan ``meeting`` (new, its project set) with ``fields``, record whom it invites, invite
    them and tell the followers."""
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    _set_invitations(meeting, invited_municipalities, invited_organisations)
    meeting_followers_notify(meeting=meeting, event="meeting_scheduled")
    invitations_sync(meeting)
    return meeting


def _unmark_set_values(meeting: Meeting, invited_organisations) -> bool:
    """Unmark the example values of ``meeting`` that the user has just changed: a value a
    person sets is a fact (``core.examples``)."""
    changed = unmark_changed(meeting)
    if (
        invited_organisations is not None
        and MeetingExample.INVITED_ORGANISATIONS in meeting.example_fields
        and set(invited_organisations) != set(meeting.invited_organisations.all())
    ):
        changed = unmark(meeting, [MeetingExample.INVITED_ORGANISATIONS]) or changed
    return changed


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    expected_version: int | None = None,
    invited_municipalities: Iterable[Municipality] | None = None,
    invited_organisations: Iterable[Organisation] | None = None,
    **fields,
) -> Meeting:
    """Change a meeting's details; invitations given replace the earlier ones.

    ``expected_version`` is the version the user's form was loaded at (None: the admin, which
    does not compare): a save over someone else's newer version is refused with a
    ``StaleEdit`` (``core.versioning``).
    """
    changed = any(getattr(meeting, name) != value for name, value in fields.items())
    details_changed = any(
        name in fields and fields[name] != getattr(meeting, name) for name in CALENDAR_FIELDS
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    if _unmark_set_values(meeting, invited_organisations):
        fields = {**fields, "example_fields": meeting.example_fields}
    save_versioned(meeting, expected_version=expected_version, fields=fields)
    _set_invitations(meeting, invited_municipalities, invited_organisations)
    if changed:
        meeting_followers_notify(meeting=meeting, event="meeting_changed")
    invitations_sync(meeting, details_changed=details_changed)
    waitlist_fill(meeting=meeting)
    return meeting


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
    save_versioned(meeting, fields=["status", "cancellation_reason"])
    told = meeting_cancellation_notify(meeting)
    meeting_followers_notify(meeting=meeting, event="meeting_cancelled", exclude_emails=told)
    return meeting


def meeting_followers_notify(*, meeting: Meeting, event: str, exclude_emails=()) -> None:
    """Tell the followers of the meeting's project, working group and host municipality of
    ``event`` (``meeting_scheduled``, ``meeting_changed``, ``meeting_cancelled``,
    ``minutes_circulated``, ``minutes_approved``), with the templates of the same name."""
    followers_notify(
        targets=[meeting.project, meeting.working_group, meeting.host_municipality],
        event=event,
        template=f"notifications/email/{event}",
        context={
            "meeting": meeting,
            "url": absolute_url(reverse("workshops:meeting_detail", args=[meeting.pk])),
        },
        exclude_emails=exclude_emails,
    )
