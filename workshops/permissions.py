"""Access rules for meetings, minutes, attachments and registrations (see projects.permissions)."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from projects.permissions import (
    can_edit_project,
    can_view_history,
    coordinated_project_ids,
    is_admin,
)
from workshops.models import (
    Attachment,
    AttachmentKind,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Registration,
)


def can_manage_meeting(user, meeting: Meeting) -> bool:
    """Create, edit and cancel the meeting, write its minutes, upload attachments."""
    return can_edit_project(user, meeting.project)


def is_participant(user, meeting: Meeting) -> bool:
    """A logged-in user registered to the meeting (``is_registered`` when the meeting was read
    with it, ``MeetingQuerySet.for_detail_page``)."""
    registered = getattr(meeting, "is_registered", None)
    if registered is None:
        registered = (
            user.is_authenticated and meeting.registrations.active().filter(user=user).exists()
        )
    return bool(registered)


def can_view_minutes(user, minutes: Minutes) -> bool:
    """Approved minutes are public. Circulated minutes are for the meeting's participants
    (its logged-in registrants; the others read them by their e-mailed link) and its
    coordinators; drafts for the coordinators only."""
    if minutes.status == MinutesStatus.APPROVED or can_manage_meeting(user, minutes.meeting):
        return True
    return minutes.status == MinutesStatus.CIRCULATED and is_participant(user, minutes.meeting)


def can_view_attachment(user, attachment: Attachment) -> bool:
    """Open (download) the attachment.

    A restricted attachment (personal data, an unfinished draft) opens to the meeting's
    coordinators only; others see it listed with its reason. An attachment of kind "minutes"
    belongs to the minutes: hidden until they are approved. Others are public with the meeting.
    """
    if can_manage_meeting(user, attachment.meeting):
        return True
    if attachment.restriction:
        return False
    if attachment.kind != AttachmentKind.MINUTES:
        return True
    minutes = getattr(attachment.meeting, "minutes", None)
    return minutes is not None and minutes.status == MinutesStatus.APPROVED


def attachment_audience(user) -> str:
    """Who sees the same attachments listed as ``user`` (``visible_attachments_filter``):
    every admin, the coordinators of the same projects, everybody else."""
    if is_admin(user):
        return "admin"
    return "projects:" + ",".join(map(str, sorted(coordinated_project_ids(user))))


def visible_attachments_filter(user) -> Q:
    """The attachments listed to ``user``: all but the minutes' own before approval (restricted
    ones are listed with their reason, ``can_view_attachment``)."""
    if is_admin(user):
        return Q()
    return (
        ~Q(kind=AttachmentKind.MINUTES)
        | Q(meeting__minutes__status=MinutesStatus.APPROVED)
        | Q(meeting__project__in=coordinated_project_ids(user))
    )


def openable_attachments_filter(user) -> Q:
    """The rule of ``can_view_attachment`` as a queryset filter: what ``user`` can open (and
    so search in)."""
    if is_admin(user):
        return Q()
    return visible_attachments_filter(user) & (
        Q(restriction="") | Q(meeting__project__in=coordinated_project_ids(user))
    )


def visible_minutes_filter(user) -> Q:
    """The rule of ``can_view_minutes`` as a queryset filter on Minutes."""
    if is_admin(user):
        return Q()
    visible = Q(status=MinutesStatus.APPROVED) | Q(
        meeting__project__in=coordinated_project_ids(user)
    )
    if user.is_authenticated:
        registered = Registration.objects.filter(meeting=OuterRef("meeting"), user=user)
        visible |= Q(Exists(registered), status=MinutesStatus.CIRCULATED)
    return visible


def can_view_unapproved_action_items(user, project) -> bool:
    """Action items of minutes not approved yet are for the project's coordinators."""
    return can_edit_project(user, project)


def registration_is_open(meeting: Meeting) -> bool:
    """A planned meeting takes registrations, from anyone, until its deadline (or its
    start); past its capacity they wait in line (``workshops.services.registrations``)."""
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
