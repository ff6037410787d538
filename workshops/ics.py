"""iCalendar (RFC 5545) feeds of meetings, written by hand: the format needs only a few rules.

Lines end in CRLF and are folded at 75 octets; text values escape backslashes, semicolons,
commas and newlines; times are in UTC.
"""

import datetime
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import timezone, translation

from workshops.models import Meeting, MeetingStatus

PRODUCT_ID = "-//LAPE-portaali//Kokoukset//FI"
UID_DOMAIN = "lape-portaali"
LINE_LIMIT = 75


def escape_text(value: str) -> str:
    """A TEXT value with the characters RFC 5545 reserves escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character.

    Every continuation starts with a space, which counts towards its 75 octets.
    """
    pieces, current, size, limit = [], [], 0, LINE_LIMIT
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_LIMIT - 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(meeting: Meeting, *, url: str, stamp: str) -> list[str]:
    host = meeting.host_municipality.name if meeting.host_municipality else ""
    # dict.fromkeys drops a host named again as the place, keeping the order.
    location = ", ".join(dict.fromkeys(part for part in (meeting.place, host) if part))
    description = "\n".join(
        part
        for part in (
            meeting.localized_theme,
            "\n".join(item.localized_title for item in meeting.agenda_items.all()),
            meeting.cancellation_reason,
            meeting.online_url,
            url,
        )
        if part
    )
    status = "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{UID_DOMAIN}",
        # Every saved change moves the version on, so a calendar replaces its older copy.
        f"SEQUENCE:{meeting.version}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.ends_at)}",
        f"SUMMARY:{escape_text(meeting.localized_title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"URL:{url}",
        f"STATUS:{status}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append("END:VEVENT")
    return lines


def invitation_calendar(
    meeting: Meeting, *, method: str, url: str, attendee: str, language: str = "fi"
) -> str:
    """A calendar invitation (RFC 5546) of ``meeting`` for ``attendee``: ``REQUEST`` adds or
    updates the event in their calendar, ``CANCEL`` removes it. Its texts are in
    ``language``, that of the e-mail it goes with, where the meeting has them."""
    with translation.override(language):
        event = event_lines(meeting, url=url, stamp=utc(timezone.now()))
    people = [
        f"ORGANIZER:mailto:{settings.DEFAULT_FROM_EMAIL}",
        f"ATTENDEE;RSVP=FALSE:mailto:{attendee}",
    ]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        *event[:-1],
        *people,
        event[-1],
        "END:VCALENDAR",
    ]
    return "".join(f"{fold(line)}\r\n" for line in lines)


def meetings_calendar(
    *, name: str, meetings: Iterable[Meeting], url_of: Callable[[Meeting], str]
) -> str:
    """A VCALENDAR named ``name`` with one VEVENT per meeting; ``url_of`` gives its page."""
    stamp = utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for meeting in meetings:
        lines += event_lines(meeting, url=url_of(meeting), stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(f"{fold(line)}\r\n" for line in lines)
