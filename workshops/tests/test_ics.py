"""The iCalendar feeds of a project's and a working group's meetings (RFC 5545)."""

import datetime

import pytest
from django.urls import reverse

from municipalities.tests.factories import MunicipalityFactory
from workshops.ics import escape_text, fold
from workshops.models import MeetingStatus
from workshops.tests.factories import HELSINKI, MeetingFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def unfold(body: str) -> list[str]:
    """The content lines of a calendar, with every line ending checked to be CRLF."""
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")
    return body.replace("\r\n ", "").split("\r\n")[:-1]


def events(lines: list[str]) -> list[dict[str, str]]:
    found, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return found


def test_text_escaping_covers_backslash_semicolon_comma_and_newline():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_folding_keeps_lines_within_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + "ä" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert folded.replace("\r\n ", "") == line
    assert fold("SUMMARY:lyhyt") == "SUMMARY:lyhyt"


def test_project_feed_is_a_valid_calendar_of_its_meetings(client, project, other_project):
    group = WorkingGroupFactory(project=project)
    planned = MeetingFactory(
        working_group=group,
        title="Työpaja; perhekeskukset, osa 1",
        theme="Rivi 1\nRivi 2 \\ vinoviiva",
        place="Kaupungintalo, sali 2",
        host_municipality=MunicipalityFactory(name_fi="Orimattila"),
        starts_at=datetime.datetime(2017, 5, 3, 9, 0, tzinfo=HELSINKI),
        ends_at=datetime.datetime(2017, 5, 3, 12, 30, tzinfo=HELSINKI),
    )
    cancelled = MeetingFactory(
        working_group=group,
        title="Peruttu kokous " + "pitkä otsikko " * 8,
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Sairastumisia",
    )
    MeetingFactory(working_group=WorkingGroupFactory(project=other_project), title="Muu hanke")

    response = client.get(reverse("workshops:project_ics", args=[project.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    lines = unfold(body)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    assert "X-WR-CALNAME:LAPE Testimaa" in lines
    by_uid = {event["UID"]: event for event in events(lines)}
    assert set(by_uid) == {
        f"meeting-{planned.pk}@lape-portaali",
        f"meeting-{cancelled.pk}@lape-portaali",
    }
    event = by_uid[f"meeting-{planned.pk}@lape-portaali"]
    assert event["DTSTART"] == "20170503T060000Z"
    assert event["DTEND"] == "20170503T093000Z"
    assert event["DTSTAMP"].endswith("Z")
    assert event["SUMMARY"] == "Työpaja\\; perhekeskukset\\, osa 1"
    assert event["LOCATION"] == "Kaupungintalo\\, sali 2\\, Orimattila"
    detail_url = f"http://testserver{reverse('workshops:meeting_detail', args=[planned.pk])}"
    assert event["DESCRIPTION"] == f"Rivi 1\\nRivi 2 \\\\ vinoviiva\\n{detail_url}"
    assert event["STATUS"] == "CONFIRMED"
    assert by_uid[f"meeting-{cancelled.pk}@lape-portaali"]["STATUS"] == "CANCELLED"
    assert "\r\n " in body  # the long summary was folded


def test_working_group_feed_has_only_the_groups_meetings(client, project):
    group = WorkingGroupFactory(project=project, name="Perhekeskukset")
    own = MeetingFactory(working_group=group)
    MeetingFactory(working_group=WorkingGroupFactory(project=project))
    response = client.get(reverse("workshops:working_group_ics", args=[group.pk]))
    lines = unfold(response.content.decode())
    assert [event["UID"] for event in events(lines)] == [f"meeting-{own.pk}@lape-portaali"]
    assert any(line.startswith("X-WR-CALNAME:Perhekeskukset") for line in lines)


def test_feed_of_an_unknown_project_is_not_found(client):
    assert client.get(reverse("workshops:project_ics", args=["ei-ole"])).status_code == 404
