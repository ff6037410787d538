"""Meetings as PDF documents: a meeting with its agenda, minutes and attachment list, and a
working group's meetings in one document (``core.pdf``)."""

from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.pdf import PdfDocument
from workshops.columns import meeting_place


def _time(meeting) -> str:
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    start = formats.date_format(starts, "SHORT_DATETIME_FORMAT")
    if starts.date() == ends.date():
        return f"{start}–{formats.time_format(ends, 'TIME_FORMAT')}"
    return f"{start} – {formats.date_format(ends, 'SHORT_DATETIME_FORMAT')}"


def _action_text(action) -> str:
    parts = [action.what]
    if action.who:
        parts.append(action.who)
    if action.due_date:
        parts.append(
            _("määräaika %(date)s")
            % {"date": formats.date_format(action.due_date, "SHORT_DATE_FORMAT")}
        )
    parts.append(_("tehty") if action.is_done else _("avoin"))
    return _("Toimenpide: %(text)s") % {"text": ", ".join(parts)}


def add_meeting(document: PdfDocument, meeting, *, minutes, attachments, level: int = 1) -> None:
    """``meeting``'s facts, agenda, ``minutes`` (None when the reader may not see them) with
    the agenda's outcomes, action items and corrections, and the list of ``attachments``,
    under a heading of ``level``."""
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
    agenda = list(meeting.agenda_items.all())
    if agenda:
        document.heading(_("Asialista"), sub)
        for number, item in enumerate(agenda, start=1):
            presenter = f" ({item.presenter})" if item.presenter else ""
            document.paragraph(f"{number}. {item.localized_title}{presenter}")
            # The outcomes and action items are part of the minutes: shown with them only.
            if minutes is not None and item.outcome:
                document.paragraph(f"{capfirst(item.get_outcome_kind_display())}: {item.outcome}")
            for action in item.action_items.all() if minutes is not None else ():
                document.paragraph(_action_text(action))
    document.heading(_("Muistio"), sub)
    if minutes is None:
        document.paragraph(_("Muistiota ei ole julkaistu."))
    else:
        if minutes.is_approved and minutes.published_at:
            document.paragraph(
                _("Hyväksytty %(date)s")
                % {"date": formats.date_format(minutes.published_at, "SHORT_DATE_FORMAT")}
            )
        else:
            document.paragraph(
                _("Muistion tila: %(status)s") % {"status": minutes.get_status_display()}
            )
        document.paragraph(minutes.text)
        for correction in minutes.corrections.all():
            document.paragraph(
                _("Korjaus %(date)s: %(text)s")
                % {
                    "date": formats.date_format(
                        timezone.localtime(correction.created_at), "SHORT_DATE_FORMAT"
                    ),
                    "text": correction.text,
                }
            )
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
