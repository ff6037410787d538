"""Access rules for meetings, minutes, attachments and registrations (see projects.permissions)."""

from django.db.models import Q
from django.utils import timezone

from projects.permissions import (
    can_edit_project,
    can_view_history,
    coordinated_project_ids,
    is_admin,
)
from workshops.models import Attachment, AttachmentKind, Meeting, MeetingStatus, Minutes


def can_manage_meeting(user, meeting: Meeting) -> bool:
    """Create, edit and cancel the meeting, write its minutes, upload attachments."""
    return can_edit_project(user, meeting.project)


def can_view_minutes(user, minutes: Minutes) -> bool:
    return minutes.is_published or can_manage_meeting(user, minutes.meeting)


def can_view_attachment(user, attachment: Attachment) -> bool:
    """An attachment of kind "minutes" belongs to the minutes: hidden until they are published.

    Invitations, presentations and other attachments are public with the meeting.
    """
    if attachment.kind != AttachmentKind.MINUTES:
        return True
    minutes = getattr(attachment.meeting, "minutes", None)
    return (minutes is not None and minutes.is_published) or can_manage_meeting(
        user, attachment.meeting
    )


def visible_attachments_filter(user) -> Q:
    """The rule of ``can_view_attachment`` as a queryset filter, for listings."""
    if is_admin(user):
        return Q()
    return (
        ~Q(kind=AttachmentKind.MINUTES)
        | Q(meeting__minutes__is_published=True)
        | Q(meeting__project__in=coordinated_project_ids(user))
    )


def visible_minutes_filter(user) -> Q:
    """The rule of ``can_view_minutes`` as a queryset filter on Minutes."""
    if is_admin(user):
        return Q()
    return Q(is_published=True) | Q(meeting__project__in=coordinated_project_ids(user))


def registration_is_open(meeting: Meeting) -> bool:
    """A planned meeting takes registrations, from anyone, until its deadline (or its
    start); past its capacity they wait in line (``workshops.signup``)."""
    if meeting.status != MeetingStatus.PLANNED:
        return False
    return timezone.now() < (meeting.registration_deadline or meeting.starts_at)


def can_view_registrations(user, meeting: Meeting) -> bool:
    return can_manage_meeting(user, meeting)


def can_view_meeting_history(user, meeting: Meeting) -> bool:
    """The meeting's change history lists its registrations, which are personal data: it is
    for those who may see the project's history and the registrations themselves."""
    return can_view_history(user, meeting.project) and can_view_registrations(user, meeting)


def can_create_meeting(user, project) -> bool:
    """Plan a new meeting of ``project``: the project's coordinators and admins."""
    return can_edit_project(user, project)


def can_manage_working_group(user, working_group) -> bool:
    """Add and remove the members of a working group: its project's coordinators."""
    return can_edit_project(user, working_group.project)


def can_view_member_names(user) -> bool:
    """Members' names are for logged-in users; visitors see whom the group brings together."""
    return user.is_authenticated
