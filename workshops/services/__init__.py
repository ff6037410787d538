"""The workshops app's writes with their rules, one module per record or subject; every
name is imported from here.

Inside the package imports run one way: ``agenda`` -> ``minutes`` -> ``meetings`` ->
``invitations`` and ``registrations``; ``attachments`` and ``groups`` stand alone. A module
imports what it needs from its sibling, never from this package."""

from workshops.services.agenda import (
    action_item_create,
    action_item_mark_done,
    agenda_item_create,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
)
from workshops.services.attachments import (
    READ_TEXT_TASK,
    attachment_create,
    attachment_delete,
    attachment_read_text,
    attachment_text_failed,
    attachment_text_too_complex,
    attachment_update_titles,
)
from workshops.services.groups import (
    working_group_member_create,
    working_group_member_delete,
)
from workshops.services.invitations import (
    invitation_addresses,
    invitation_decline,
    invitation_mark_bounced,
    invitation_message_bounced,
    invitations_sync,
    meeting_cancellation_notify,
)
from workshops.services.meetings import (
    meeting_cancel,
    meeting_create,
    meeting_followers_notify,
    meeting_update,
)
from workshops.services.minutes import (
    MinutesNotCirculated,
    minutes_approve,
    minutes_circulate,
    minutes_comment_create,
    minutes_correction_create,
    minutes_save,
)
from workshops.services.registrations import (
    coordinator_addresses,
    meetings_flag_short_of_registrations,
    registration_cancel,
    registration_create,
    registration_move,
    registration_promote,
    registration_question_create,
    registration_question_delete,
    registration_set_attended,
    registration_update,
    registrations_remind,
    waitlist_fill,
)

__all__ = [
    "MinutesNotCirculated",
    "READ_TEXT_TASK",
    "action_item_create",
    "action_item_mark_done",
    "agenda_item_create",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_update",
    "attachment_create",
    "attachment_delete",
    "attachment_read_text",
    "attachment_text_failed",
    "attachment_text_too_complex",
    "attachment_update_titles",
    "coordinator_addresses",
    "invitation_addresses",
    "invitation_decline",
    "invitation_mark_bounced",
    "invitation_message_bounced",
    "invitations_sync",
    "meeting_cancel",
    "meeting_cancellation_notify",
    "meeting_create",
    "meeting_followers_notify",
    "meeting_update",
    "meetings_flag_short_of_registrations",
    "minutes_approve",
    "minutes_circulate",
    "minutes_comment_create",
    "minutes_correction_create",
    "minutes_save",
    "registration_cancel",
    "registration_create",
    "registration_move",
    "registration_promote",
    "registration_question_create",
    "registration_question_delete",
    "registration_set_attended",
    "registration_update",
    "registrations_remind",
    "waitlist_fill",
    "working_group_member_create",
    "working_group_member_delete",
]
