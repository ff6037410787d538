"""The meetings app's models, one module per subject; every name is imported from here."""

from workshops.models.agenda import ActionItem, ActionItemQuerySet, AgendaItem, OutcomeKind
from workshops.models.attachments import (
    Attachment,
    AttachmentKind,
    AttachmentLanguage,
    AttachmentQuerySet,
    AttachmentRestriction,
    TextStatus,
    attachment_path,
)
from workshops.models.choices import (
    REMINDER_BEFORE,
    MeetingExample,
    MeetingKind,
    MeetingStatus,
    RegistrationStatus,
)
from workshops.models.groups import (
    WorkingGroup,
    WorkingGroupChair,
    WorkingGroupMember,
    WorkingGroupMemberRole,
    WorkingGroupQuerySet,
)
from workshops.models.meeting_queries import (
    AGENDA_FEED_FIELDS,
    CALENDAR_FIELDS,
    FEED_PAST_MEETINGS,
    REGISTERED_COUNT,
    MeetingQuerySet,
    month_limits,
)
from workshops.models.meetings import Meeting
from workshops.models.minutes import (
    Minutes,
    MinutesComment,
    MinutesCorrection,
    MinutesExample,
    MinutesQuerySet,
    MinutesStatus,
)
from workshops.models.registrations import (
    Invitation,
    InvitationQuerySet,
    InvitationStatus,
    QuestionKind,
    Registration,
    RegistrationAnswer,
    RegistrationQuerySet,
    RegistrationQuestion,
)

__all__ = [
    "AGENDA_FEED_FIELDS",
    "ActionItem",
    "ActionItemQuerySet",
    "AgendaItem",
    "Attachment",
    "AttachmentKind",
    "AttachmentLanguage",
    "AttachmentQuerySet",
    "AttachmentRestriction",
    "CALENDAR_FIELDS",
    "FEED_PAST_MEETINGS",
    "Invitation",
    "InvitationQuerySet",
    "InvitationStatus",
    "Meeting",
    "MeetingExample",
    "MeetingKind",
    "MeetingQuerySet",
    "MeetingStatus",
    "Minutes",
    "MinutesComment",
    "MinutesCorrection",
    "MinutesExample",
    "MinutesQuerySet",
    "MinutesStatus",
    "OutcomeKind",
    "QuestionKind",
    "REGISTERED_COUNT",
    "REMINDER_BEFORE",
    "Registration",
    "RegistrationAnswer",
    "RegistrationQuerySet",
    "RegistrationQuestion",
    "RegistrationStatus",
    "TextStatus",
    "WorkingGroup",
    "WorkingGroupChair",
    "WorkingGroupMember",
    "WorkingGroupMemberRole",
    "WorkingGroupQuerySet",
    "attachment_path",
    "month_limits",
]
