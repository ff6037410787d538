"""The Swedish-gap list: what a coordinator has still to write in Swedish for the meetings
that invite (or are hosted by) municipalities served in Swedish (the Language Act)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from workshops.models import Meeting


@dataclass(frozen=True)
class SwedishGap:
    """One text of a meeting that has Finnish but no Swedish, and the page to write it on."""

    what: str
    text: str  # the Finnish text, to tell which one
    url: str


@dataclass(frozen=True)
class MeetingSwedishGaps:
    meeting: Meeting
    municipalities: list  # the municipalities served in Swedish it invites or that host it
    gaps: list[SwedishGap]


def meeting_swedish_gaps(meeting: Meeting) -> list[SwedishGap]:
    """The texts of ``meeting`` (as ``to_prepare_in_swedish`` reads it) lacking Swedish."""
    edit = reverse("workshops:meeting_update", args=[meeting.pk])
    gaps = []
    if not meeting.title_sv:
        gaps.append(SwedishGap(_("Otsikko"), meeting.title, f"{edit}#id_title_sv"))
    if meeting.theme and not meeting.theme_sv:
        gaps.append(SwedishGap(_("Teema"), meeting.theme, f"{edit}#id_theme_sv"))
    for number, item in enumerate(meeting.agenda_items.all(), start=1):
        url = reverse("workshops:agenda_item_update", args=[item.pk])
        if not item.title_sv:
            what = _("Asialistan kohta %(number)d") % {"number": number}
            gaps.append(SwedishGap(what, item.title, url))
        if item.description and not item.description_sv:
            what = _("Asialistan kohdan %(number)d kuvaus") % {"number": number}
            gaps.append(SwedishGap(what, item.title, url))
    for attachment in meeting.public_attachments:
        url = reverse("workshops:attachment_update", args=[attachment.pk])
        if not attachment.title_sv:
            gaps.append(SwedishGap(_("Liitteen otsikko"), attachment.title, url))
    minutes = getattr(meeting, "minutes", None)
    if minutes is not None and minutes.text and not minutes.text_sv:
        url = reverse("workshops:minutes_edit", args=[meeting.pk])
        gaps.append(SwedishGap(_("Muistio"), "", url))
    return gaps


def swedish_gaps(meetings: Iterable[Meeting]) -> list[MeetingSwedishGaps]:
    """For ``meetings`` read by ``Meeting.objects.to_prepare_in_swedish()``, those with texts
    lacking Swedish, each with them and with the municipalities that need them."""
    found = []
    for meeting in meetings:
        gaps = meeting_swedish_gaps(meeting)
        if gaps:
            host = meeting.host_municipality
            served = [host] if host is not None and host.is_served_in_swedish else []
            served += [m for m in meeting.swedish_invitees if m not in served]
            found.append(MeetingSwedishGaps(meeting=meeting, municipalities=served, gaps=gaps))
    return found
