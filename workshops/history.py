"""The change history of a meeting as its page shows it to those who may edit it."""

from django.utils.translation import gettext as _

from core.history import HISTORY_LENGTH, HistoryEntry, latest_entries, register_subject
from workshops.models import Attachment, Meeting, Minutes, Registration

register_subject(Meeting, lambda record: _("Kokous"))
register_subject(Minutes, lambda record: _("Muistio"))
register_subject(Attachment, lambda record: _("Liite %(title)s") % {"title": record.title})
register_subject(
    Registration, lambda record: _("Ilmoittautuminen %(name)s") % {"name": record.name}
)


def meeting_history(meeting: Meeting, *, limit: int = HISTORY_LENGTH) -> list[HistoryEntry]:
    """The latest changes to ``meeting``, its minutes, attachments and registrations (four
    queries).

    The registrations' changes name people and their email addresses: the page shows this
    history only to those who may see the registrations (``can_view_meeting_history``).
    """
    return latest_entries(
        [
            Meeting.history.filter(id=meeting.pk),
            Minutes.history.filter(meeting_id=meeting.pk),
            Attachment.history.filter(meeting_id=meeting.pk),
            Registration.history.filter(meeting_id=meeting.pk),
        ],
        limit=limit,
    )


def minutes_last_saved(meeting: Meeting):
    """The minutes of ``meeting`` as last saved, a historical record with the text, who saved
    it (``history_user``) and when (``history_date``); None before any were written. One
    query."""
    return (
        Minutes.history.filter(meeting_id=meeting.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
