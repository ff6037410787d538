"""Files of meetings: the meeting list and registrations as CSV and XLSX, the participants'
list, a meeting's minutes and a working group's meetings as PDF."""

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from workshops.models import AttachmentKind, MeetingStatus, MinutesStatus, OutcomeKind
from workshops.tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
MAY_3 = datetime.datetime(2017, 5, 3, 9, 0, tzinfo=HELSINKI)


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.getvalue()))
    return "\n".join(page.extract_text() for page in reader.pages)


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def page_headers(response) -> list[str]:
    table = response.content.decode().split("<thead><tr>")[1].split("</tr></thead>")[0]
    return [cell.split(">", 1)[1].split("</th")[0] for cell in table.split("<th")[1:]]


def test_meeting_list_files_have_the_pages_columns_and_filters(client, project, other_project):
    group = WorkingGroupFactory(project=project, name="Perhekeskukset")
    MeetingFactory(working_group=group, title="Perhekeskustyöpaja", place="Lohja")
    MeetingFactory(working_group=group, title="@SUM(A1)", starts_at=MAY_3.replace(day=4))
    MeetingFactory(working_group=WorkingGroupFactory(project=other_project), title="Muu")
    filters = {"project": project.slug}
    page = client.get(reverse("workshops:meeting_list"), filters)
    assertContains(page, reverse("workshops:meeting_list_csv") + f"?project={project.slug}")

    rows = csv_rows(client.get(reverse("workshops:meeting_list_csv"), filters))
    assert rows[0] == page_headers(page)
    assert [row[1] for row in rows[1:]] == ["'@SUM(A1)", "Perhekeskustyöpaja"]
    assert rows[2][0] == "3.5.2017 09.00"
    assert rows[2][4:6] == ["Perhekeskukset", "Lohja"]

    response = client.get(reverse("workshops:meeting_list_xlsx"), filters)
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == page_headers(page)
    assert [row[1] for row in values[1:]] == ["@SUM(A1)", "Perhekeskustyöpaja"]
    # Local time, as the page shows it: a workbook has no time zones.
    assert values[2][0] == MAY_3.replace(tzinfo=None)


def test_registrations_as_spreadsheet_and_participants_list(client, coordinator, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    RegistrationFactory(meeting=meeting, name="Maija Meikäläinen", email="maija@example.fi")
    RegistrationFactory(meeting=meeting, name="Greta Gustafsson", email="greta@example.fi")
    client.force_login(coordinator)
    page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(page, reverse("workshops:registrations_pdf", args=[meeting.pk]))

    response = client.get(reverse("workshops:registrations_xlsx", args=[meeting.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Maija Meikäläinen", "Greta Gustafsson"]

    # Narrow columns wrap a name on two lines.
    text = " ".join(
        pdf_text(client.get(reverse("workshops:registrations_pdf", args=[meeting.pk]))).split()
    )
    assert f"Osallistujalista: {meeting.title}" in text
    assert "Maija Meikäläinen" in text
    assert "greta@example.fi" in text


def test_registration_files_are_for_the_coordinator_only(client, other_coordinator, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    client.force_login(other_coordinator)
    for name in ["registrations_xlsx", "registrations_pdf"]:
        assert client.get(reverse(f"workshops:{name}", args=[meeting.pk])).status_code == 403


def test_minutes_pdf_has_agenda_outcomes_action_items_and_attachment_list(client, project):
    meeting = MeetingFactory(
        working_group=WorkingGroupFactory(project=project),
        title="Ohjausryhmän kokous",
        place="Lohjan kaupungintalo",
    )
    AgendaItemFactory(meeting=meeting, order=0, title="Kokouksen avaus")
    situation = AgendaItemFactory(
        meeting=meeting,
        order=1,
        title="Perhekeskusmallin tilanne",
        presenter="Maija Meikäläinen",
        outcome_kind=OutcomeKind.DECISION,
        outcome="Perhekeskusmalli otetaan käyttöön kaikissa kunnissa.",
    )
    ActionItemFactory(
        agenda_item=situation,
        what="Kootaan kuntien aikataulut",
        who="Lohja",
        due_date=datetime.date(2018, 6, 1),
    )
    minutes = MinutesFactory(
        meeting=meeting,
        text="Todettiin perhekeskusmallin edenneen.",
        status=MinutesStatus.APPROVED,
        published_at=timezone.now(),
    )
    minutes.corrections.create(text="Lohjan edustaja oli paikalla.")
    AttachmentFactory(
        meeting=meeting, title="Esitys: perhekeskus", kind=AttachmentKind.PRESENTATION
    )
    AttachmentFactory(meeting=meeting, title="Muistion liite", kind=AttachmentKind.MINUTES)
    page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(page, reverse("workshops:minutes_pdf", args=[meeting.pk]))

    text = pdf_text(client.get(reverse("workshops:minutes_pdf", args=[meeting.pk])))
    for expected in [
        "Ohjausryhmän kokous",
        "Lohjan kaupungintalo",
        "1. Kokouksen avaus",
        "2. Perhekeskusmallin tilanne (Maija Meikäläinen)",
        "Päätös: Perhekeskusmalli otetaan käyttöön kaikissa kunnissa.",
        "Toimenpide: Kootaan kuntien aikataulut, Lohja, määräaika 1.6.2018, avoin",
        "Todettiin perhekeskusmallin edenneen.",
        "Lohjan edustaja oli paikalla.",
        "Esitys: perhekeskus",
        "Muistion liite",
    ]:
        assert expected in text


def test_draft_minutes_pdf_is_its_editors_only(client, coordinator, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    MinutesFactory(meeting=meeting, text="Luonnosteksti.")
    url = reverse("workshops:minutes_pdf", args=[meeting.pk])
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert "Luonnosteksti." in pdf_text(client.get(url))


def test_working_group_pdf_has_every_meeting_and_only_published_minutes(client, project):
    group = WorkingGroupFactory(project=project, name="Varhaiskasvatuksen työryhmä")
    first = MeetingFactory(working_group=group, title="Ensimmäinen kokous")
    second = MeetingFactory(
        working_group=group,
        title="Toinen kokous",
        starts_at=MAY_3.replace(month=6),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Liian vähän ilmoittautuneita.",
    )
    MinutesFactory(
        meeting=first,
        text="Julkaistu teksti.",
        status=MinutesStatus.APPROVED,
        published_at=timezone.now(),
    )
    MinutesFactory(meeting=second, text="Salainen luonnos.")
    AttachmentFactory(meeting=second, title="Luonnoksen liite", kind=AttachmentKind.MINUTES)
    page = client.get(reverse("workshops:working_group_detail", args=[group.pk]))
    assertContains(page, reverse("workshops:working_group_pdf", args=[group.pk]))

    text = pdf_text(client.get(reverse("workshops:working_group_pdf", args=[group.pk])))
    assert "Varhaiskasvatuksen työryhmä" in text
    assert text.index("Ensimmäinen kokous") < text.index("Toinen kokous")
    assert "Julkaistu teksti." in text
    assert "Salainen luonnos." not in text
    assert "Luonnoksen liite" not in text
    assert "Muistiota ei ole julkaistu." in text
