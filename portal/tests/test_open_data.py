"""The open data API and the minutes feed publish what an anonymous visitor sees on the pages,
and nothing restricted."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.views.api import PAGE_SIZE
from projects.tests.factories import (
    EmbeddingPlanFactory,
    EmbeddingStepFactory,
    PracticeAdoptionFactory,
    PracticeFactory,
)
from workshops.models import AttachmentKind, AttachmentRestriction, MeetingStatus
from workshops.tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

DRAFT_TEXT = "Luonnos: salainen kohta, jota ei ole julkaistu."
PUBLISHED_TEXT = "Käsiteltiin perhekeskuksen ajankohtaiset asiat."
CIRCULATED_TEXT = "Kommentoitavana: osallistujien luettavaksi, ei vielä julkinen."


@pytest.fixture
def records(project):
    """Meetings with published and draft minutes, public and "muistio" attachments, and a
    cancelled meeting."""
    group = WorkingGroupFactory(project=project)
    published = MeetingFactory(working_group=group, title="Julkaistun muistion kokous")
    MinutesFactory(
        meeting=published, text=PUBLISHED_TEXT, status="approved", published_at=timezone.now()
    )
    draft = MeetingFactory(working_group=group, title="Luonnosmuistion kokous")
    MinutesFactory(meeting=draft, text=DRAFT_TEXT)
    circulated = MeetingFactory(working_group=group, title="Kommentoitavan muistion kokous")
    MinutesFactory(
        meeting=circulated,
        text=CIRCULATED_TEXT,
        status="circulated",
        circulated_at=timezone.now(),
    )
    cancelled = MeetingFactory(
        working_group=group,
        title="Peruttu työpaja",
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Liian vähän ilmoittautuneita.",
    )
    attachments = {
        "published minutes": AttachmentFactory(
            meeting=published, kind=AttachmentKind.MINUTES, title="Julkaistu muistioliite"
        ),
        "draft minutes": AttachmentFactory(
            meeting=draft, kind=AttachmentKind.MINUTES, title="Salainen muistioliite"
        ),
        "presentation": AttachmentFactory(
            meeting=draft, kind=AttachmentKind.PRESENTATION, title="Julkinen esitys"
        ),
        "restricted": AttachmentFactory(
            meeting=published,
            kind=AttachmentKind.PRESENTATION,
            title="Rajattu osallistujalista",
            restriction=AttachmentRestriction.PERSONAL_DATA,
        ),
    }
    practice = PracticeFactory(project=project, name="Perhekeskustoimintamalli")
    PracticeAdoptionFactory(practice=practice)
    return {"meetings": [published, draft, cancelled, circulated], "attachments": attachments}


def get_json(client, url: str, **params) -> dict:
    response = client.get(url, params)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/json"
    return response.json()


def every_object(client, list_url: str) -> list[dict]:
    """Every object of a list, following its pages."""
    objects, url = [], list_url
    while url:
        page = get_json(client, url)
        objects += page["data"]
        url = page["links"].get("next")
    return objects


def test_the_api_publishes_exactly_what_an_anonymous_visitor_sees(client, records):
    system = get_json(client, reverse("portal:api_system"))
    # Minutes: the API has those whose text a visitor reads on the meeting's page.
    papers = every_object(client, system["paper"])
    visible_texts = set()
    for meeting in records["meetings"]:
        page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
        assert page.status_code == 200
        for text in (PUBLISHED_TEXT, DRAFT_TEXT, CIRCULATED_TEXT):
            if text in page.content.decode():
                visible_texts.add(text)
    assert {paper["text"] for paper in papers} == visible_texts == {PUBLISHED_TEXT}
    # Files: the API has those a visitor may download.
    files = every_object(client, system["file"])
    downloadable = {
        attachment.title
        for attachment in records["attachments"].values()
        if client.get(reverse("workshops:attachment_download", args=[attachment.pk])).status_code
        == 200
    }
    assert {file["name"] for file in files} == downloadable
    assert downloadable == {"Julkaistu muistioliite", "Julkinen esitys"}
    # Meetings: all have a public page, the cancelled one too, which says it is cancelled.
    meetings = every_object(client, system["meeting"])
    assert {meeting["name"] for meeting in meetings} == {m.title for m in records["meetings"]}
    assert [m["cancelled"] for m in meetings if m["name"] == "Peruttu työpaja"] == [True]
    # Nothing of the restricted records anywhere in the API.
    everything = json.dumps(
        [system, papers, files, meetings, every_object(client, system["body"])],
        ensure_ascii=False,
    )
    assert DRAFT_TEXT not in everything
    assert CIRCULATED_TEXT not in everything
    assert "Salainen muistioliite" not in everything
    assert "Rajattu osallistujalista" not in everything


def test_restricted_records_have_no_address_in_the_api(client, records):
    draft_minutes = records["meetings"][1].minutes
    secret = records["attachments"]["draft minutes"]
    assert client.get(reverse("portal:api_paper", args=[draft_minutes.pk])).status_code == 404
    assert client.get(reverse("portal:api_file", args=[secret.pk])).status_code == 404


def test_every_object_has_its_address_type_and_times(client, records, project):
    body = get_json(client, reverse("portal:api_body", args=[project.slug]))
    assert body["id"].endswith(reverse("portal:api_body", args=[project.slug]))
    assert body["type"] == "https://schema.oparl.org/1.1/Body"
    assert body["created"] and body["modified"]
    assert get_json(client, body["id"]) == body
    practice = get_json(client, body["practice"])["data"][0]
    assert practice["type"] == "Practice"
    assert practice["name"] == "Perhekeskustoimintamalli"
    assert practice["adoption"][0]["state"] == "adopted"
    assert practice["created"] and practice["modified"]


def test_lists_are_paginated_with_links(client, project):
    group = WorkingGroupFactory(project=project)
    start = timezone.now()
    for day in range(PAGE_SIZE + 3):
        MeetingFactory(working_group=group, starts_at=start + datetime.timedelta(days=day))

    first = get_json(client, reverse("portal:api_meetings"))
    second = get_json(client, first["links"]["next"])

    assert len(first["data"]) == PAGE_SIZE
    assert first["pagination"] == {
        "totalElements": PAGE_SIZE + 3,
        "elementsPerPage": PAGE_SIZE,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert "prev" not in first["links"]
    assert len(second["data"]) == 3
    assert "next" not in second["links"]
    assert client.get(reverse("portal:api_meetings"), {"page": 3}).status_code == 404


@pytest.mark.parametrize("rows", [3, 6])
def test_meeting_list_runs_the_same_queries_for_more_meetings(
    client, django_assert_num_queries, project, rows
):
    group = WorkingGroupFactory(project=project)
    for _ in range(rows):
        AgendaItemFactory(meeting=MeetingFactory(working_group=group), title="Avaus")
    # 1 savepoint, 2 count, 3 the page's meetings with project, working group, host and
    # history times, 4 their agenda items, 5 release savepoint.
    with django_assert_num_queries(5):
        response = client.get(reverse("portal:api_meetings"))
    agendas = [meeting["agendaItem"] for meeting in response.json()["data"]]
    assert [[item["name"] for item in agenda] for agenda in agendas] == [["Avaus"]] * rows


@pytest.mark.parametrize("rows", [3, 6])
def test_practice_list_runs_the_same_queries_for_more_practices(
    client, django_assert_num_queries, project, rows
):
    for _ in range(rows):
        practice = PracticeFactory(project=project)
        PracticeAdoptionFactory(practice=practice)
        EmbeddingStepFactory(plan=EmbeddingPlanFactory(practice=practice))
    # 1 savepoint, 2 count, 3 practices with project, area and plan, 4 adoptions with their
    # municipalities, 5 the plans' steps, 6 release savepoint.
    with django_assert_num_queries(6):
        client.get(reverse("portal:api_practices"))


def test_feed_lists_published_minutes_only(client, records):
    response = client.get(reverse("portal:minutes_feed"))

    content = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Julkaistun muistion kokous" in content
    assert PUBLISHED_TEXT in content
    assert "Luonnosmuistion kokous" not in content
    assert DRAFT_TEXT not in content


def test_documentation_page_names_the_entry_point(client):
    response = client.get(reverse("portal:api_documentation"))
    assert reverse("portal:api_system") in response.content.decode()
