"""Meetings as PDF documents: a meeting with its agenda, minutes and attachment list, and a
working group's meetings in one document (``core.pdf``)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.pdf import PdfDocument
from workshops.columns import meeting_place


def _time(meeting) -> str:
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    start = formats.date_format(starts, "SHORT_DATETIME_FORMAT")
    if starts.date() == ends.date():
        return f"{start}–{formats.time_format(ends, 'TIME_FORMAT')}"
    return f"{start} – {formats.date_format(ends, 'SHORT_DATETIME_FORMAT')}"


def add_meeting(document: PdfDocument, meeting, *, minutes, attachments, level: int = 1) -> None:
    """``meeting``'s facts, agenda, ``minutes`` (None when the reader may not see them) and
    the list of ``attachments``, under a heading of ``level``."""
    document.heading(meeting.title, level)
    document.facts(
        [
            (_("Aika"), _time(meeting)),
            (_("Paikka"), meeting_place(meeting) or "–"),
            (_("Tyyppi"), meeting.get_kind_display().capitalize()),
            (_("Hanke"), meeting.project.localized_name),
            (_("Työryhmä"), meeting.working_group.name if meeting.working_group else "–"),
            (_("Tila"), meeting.get_status_display().capitalize()),
        ]
    )
    sub = min(level + 1, 3)
    if meeting.agenda_items:
        document.heading(_("Asialista"), sub)
        for number, item in enumerate(meeting.agenda_items, start=1):
            document.paragraph(f"{number}. {item}")
    document.heading(_("Muistio"), sub)
    if minutes is None:
        document.paragraph(_("Muistiota ei ole julkaistu."))
    else:
        if minutes.is_published and minutes.published_at:
            document.paragraph(
                _("Julkaistu %(date)s")
                % {"date": formats.date_format(minutes.published_at, "SHORT_DATE_FORMAT")}
            )
        else:
            document.paragraph(_("Luonnos: ei vielä julkaistu"))
        document.paragraph(minutes.text)
    document.heading(_("Liitteet"), sub)
    if attachments:
        document.table(
            [_("Liite"), _("Tyyppi"), _("Tiedosto")],
            [
                [attachment.title, attachment.get_kind_display(), attachment.original_name]
                for attachment in attachments
            ],
        )
    else:
        document.paragraph(_("Ei liitteitä."))
