"""The columns of the meeting list and of a meeting's registrations, defined once for the
pages and their files (``core.exports``), so that both show the same columns under the same
headings."""

from django.utils.translation import gettext_lazy as _

from core.exports import DATETIME, Column

CELLS = "workshops/partials/cells/"


def meeting_place(meeting) -> str:
    """Where the meeting is held: its place and host municipality, either, or ""."""
    host = meeting.host_municipality.name if meeting.host_municipality else ""
    if meeting.place and host and meeting.place != host:
        return f"{meeting.place}, {host}"
    return meeting.place or host


MEETING_COLUMNS = [
    Column(_("Aika"), lambda meeting: meeting.starts_at, DATETIME, template=f"{CELLS}time.html"),
    Column(_("Kokous"), lambda meeting: meeting.title, template=f"{CELLS}title.html"),
    Column(_("Tyyppi"), lambda meeting: meeting.get_kind_display().capitalize()),
    Column(_("Hanke"), lambda meeting: meeting.project.localized_name),
    Column(
        _("Työryhmä"),
        lambda meeting: meeting.working_group.name if meeting.working_group else "",
        template=f"{CELLS}working_group.html",
    ),
    Column(_("Paikka"), meeting_place),
    Column(
        _("Tila"),
        lambda meeting: meeting.get_status_display().capitalize(),
        template=f"{CELLS}status.html",
    ),
]

REGISTRATION_COLUMNS = [
    Column(_("Nimi"), lambda registration: registration.name),
    Column(_("Sähköposti"), lambda registration: registration.email),
    Column(_("Organisaatio"), lambda registration: registration.organisation),
    Column(_("Kunta"), lambda registration: registration.municipality),
    Column(_("Ilmoittautunut"), lambda registration: registration.created_at, DATETIME),
]
