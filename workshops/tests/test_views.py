"""The meeting pages: listing, calendar, detail, registration, downloads and coordinator pages."""

import csv
import datetime
import html
import io
import re
import zoneinfo

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from municipalities.tests.factories import MunicipalityFactory, OrganisationFactory
from projects.tests.factories import ProjectFactory
from workshops.models import (
    Attachment,
    AttachmentKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    Registration,
    WorkingGroup,
)
from workshops.services import minutes_save
from workshops.tests.factories import (
    ActionItemFactory,
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    WorkingGroupChairFactory,
    WorkingGroupFactory,
    WorkingGroupMemberFactory,
)
from workshops.tests.helpers import future
from workshops.views.meetings import MeetingCalendarView, MeetingDetailView, MeetingListView

pytestmark = pytest.mark.django_db

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
MAY_3 = datetime.datetime(2017, 5, 3, 9, 0, tzinfo=HELSINKI)


def seed_meetings(project, rows: int) -> list[Meeting]:
    """``rows`` meetings of ``project`` in May 2017, each with a host and invitees."""
    group = WorkingGroupFactory(project=project)
    meetings = []
    for day in range(1, rows + 1):
        meeting = MeetingFactory(
            working_group=group,
            starts_at=MAY_3.replace(day=day),
            host_municipality=MunicipalityFactory(),
        )
        meeting.invited_municipalities.add(MunicipalityFactory(), MunicipalityFactory())
        meetings.append(meeting)
    return meetings


def seed_meeting_page(project, rows: int) -> Meeting:
    """A meeting with ``rows`` invitees, attachments, registrations, agenda items with an
    action item each and open action items carried from the group's earlier meeting, and
    draft minutes."""
    group = WorkingGroupFactory(project=project)
    meeting = MeetingFactory(
        working_group=group,
        host_municipality=MunicipalityFactory(),
        starts_at=future(),
        capacity=50,
    )
    MinutesFactory(meeting=meeting)
    earlier = MeetingFactory(working_group=group)
    MinutesFactory(meeting=earlier, status="approved", published_at=MAY_3)
    for _ in range(rows):
        ActionItemFactory(agenda_item__meeting=meeting)
        ActionItemFactory(agenda_item__meeting=earlier)
        meeting.invited_municipalities.add(MunicipalityFactory())
        meeting.invited_organisations.add(OrganisationFactory())
        AttachmentFactory(meeting=meeting)
        AttachmentFactory(meeting=meeting, kind=AttachmentKind.MINUTES)
        RegistrationFactory(meeting=meeting)
    return meeting


# --- Listing -------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 6])
@pytest.mark.parametrize(
    "user_fixture, queries",
    [
        # savepoint; count; page of meetings with project, working group and host; release
        # (the filters have no choices of another table: a municipality is typed).
        (None, 4),
        # + session and user (middleware); the user's and the groups' permissions.
        ("municipal_staff", 8),
        # + the coordinated project ids; the projects for the "new meeting" links.
        ("coordinator", 10),
    ],
)
def test_list_runs_the_same_queries_for_more_meetings(
    client, request, django_assert_num_queries, project, rows, user_fixture, queries
):
    seed_meetings(project, rows)
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    with django_assert_num_queries(queries):
        response = client.get(reverse("workshops:meeting_list"))
    assert response.status_code == 200
    assert len(response.context["meetings"]) == rows


def test_list_shows_time_title_project_group_place_and_status(client, project):
    meeting = MeetingFactory(
        working_group=WorkingGroupFactory(project=project, name="Perhekeskukset"),
        title="Perhekeskustyöpaja",
        starts_at=MAY_3,
        place="Kaupungintalo",
        host_municipality=MunicipalityFactory(name_fi="Orimattila"),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Sairastumisia",
    )
    response = client.get(reverse("workshops:meeting_list"))
    assertContains(response, "ke 3.5.2017 klo 9.00")
    assertContains(response, "12.00")
    assertContains(response, "Perhekeskustyöpaja")
    assertContains(response, reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(response, "LAPE Testimaa")
    assertContains(response, "Perhekeskukset")
    assertContains(response, "Kaupungintalo, Orimattila")
    assertContains(response, "Peruttu")
    assertContains(response, "Työryhmän kokous")
    assertContains(
        response, reverse("workshops:working_group_detail", args=[meeting.working_group.pk])
    )


def test_list_marks_meetings_with_published_minutes_and_visible_attachments(client, project):
    group = WorkingGroupFactory(project=project)
    with_material = MeetingFactory(working_group=group, title="Aineistollinen kokous")
    MinutesFactory(meeting=with_material, status="approved", published_at=timezone.now())
    AttachmentFactory(meeting=with_material, kind=AttachmentKind.PRESENTATION)
    AttachmentFactory(meeting=with_material, kind=AttachmentKind.PRESENTATION)
    draft = MeetingFactory(working_group=group, title="Luonnoskokous")
    MinutesFactory(meeting=draft)
    # A minutes attachment of unpublished minutes is not visible, so not counted.
    AttachmentFactory(meeting=draft, kind=AttachmentKind.MINUTES)
    response = client.get(reverse("workshops:meeting_list"))
    rows = {meeting.title: meeting for meeting in response.context["meetings"]}
    assert rows["Aineistollinen kokous"].has_published_minutes
    assert rows["Aineistollinen kokous"].attachment_count == 2
    assert not rows["Luonnoskokous"].has_published_minutes
    assert rows["Luonnoskokous"].attachment_count == 0
    assertContains(response, "2 liitettä")


@pytest.mark.parametrize("rows", [3, 6])
def test_working_group_page_runs_the_same_queries_for_more_meetings(
    client, django_assert_num_queries, project, rows
):
    group = WorkingGroupFactory(project=project)
    WorkingGroupChairFactory.create_batch(rows, working_group=group)
    WorkingGroupMemberFactory.create_batch(rows, working_group=group)
    for day in range(rows):
        meeting = MeetingFactory(
            working_group=group, starts_at=MAY_3 + datetime.timedelta(days=day)
        )
        MinutesFactory(meeting=meeting, status="approved", published_at=timezone.now())
    # 1 savepoint, 2 the group with its project and area, 3 its chairs with municipalities,
    # 4 its members with whom they represent, 5 its meetings with their marks, 6 its open
    # action items, 7 release savepoint.
    with django_assert_num_queries(7):
        response = client.get(reverse("workshops:working_group_detail", args=[group.pk]))
    assert len(response.context["meetings"]) == rows


def test_working_group_page_shows_chairs_meetings_and_feed(client, project):
    group = WorkingGroupFactory(project=project, name="Perhekeskustyöryhmä")
    WorkingGroupChairFactory(
        working_group=group, municipality=MunicipalityFactory(name_fi="Lohja"), theme="Perhekeskus"
    )
    meeting = MeetingFactory(working_group=group, title="Ryhmän ensimmäinen kokous")
    MeetingFactory(title="Muun ryhmän kokous")
    response = client.get(reverse("workshops:working_group_detail", args=[group.pk]))
    assertContains(response, "<h1>Perhekeskustyöryhmä</h1>", html=True)
    assertContains(response, "Lohja")
    assertContains(response, "(Perhekeskus)")
    assertContains(response, reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertNotContains(response, "Muun ryhmän kokous")
    assertContains(response, reverse("workshops:working_group_ics", args=[group.pk]))


def test_list_is_paginated_by_25_and_keeps_the_filters(client, project):
    group = WorkingGroupFactory(project=project)
    for day in range(27):
        MeetingFactory(working_group=group, starts_at=MAY_3 + datetime.timedelta(days=day))
    response = client.get(reverse("workshops:meeting_list"), {"project": project.slug})
    assert len(response.context["meetings"]) == 25
    assertContains(response, f"?project={project.slug}&amp;page=2")
    second = client.get(reverse("workshops:meeting_list"), {"project": project.slug, "page": 2})
    assert len(second.context["meetings"]) == 2


def listed_titles(client, **filters) -> set[str]:
    response = client.get(reverse("workshops:meeting_list"), filters)
    assert response.status_code == 200
    return {meeting.title for meeting in response.context["meetings"]}


def test_filters_narrow_the_list(client, project, other_project):
    host = MunicipalityFactory(code="504")
    invited = MunicipalityFactory(code="560")
    group = WorkingGroupFactory(project=project)
    MeetingFactory(title="Isännöity", working_group=group, host_municipality=host)
    MeetingFactory(
        title="Kutsuttu",
        working_group=WorkingGroupFactory(project=other_project),
        kind=MeetingKind.SEMINAR,
        starts_at=MAY_3.replace(year=2018),
    ).invited_municipalities.add(invited, host)
    MeetingFactory(
        title="Peruttu",
        working_group=group,
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Sairastumisia",
    )

    assert listed_titles(client) == {"Isännöity", "Kutsuttu", "Peruttu"}
    assert listed_titles(client, project=project.slug) == {"Isännöity", "Peruttu"}
    assert listed_titles(client, working_group=group.pk) == {"Isännöity", "Peruttu"}
    assert listed_titles(client, kind=MeetingKind.SEMINAR) == {"Kutsuttu"}
    assert listed_titles(client, municipality="504") == {"Isännöity", "Kutsuttu"}
    assert listed_titles(client, municipality="560") == {"Kutsuttu"}
    assert listed_titles(client, year=2018) == {"Kutsuttu"}
    assert listed_titles(client, status=MeetingStatus.CANCELLED) == {"Peruttu"}
    assert listed_titles(client, project=project.slug, status=MeetingStatus.PLANNED) == {
        "Isännöity"
    }


def test_unknown_filter_value_is_ignored_and_reported(client, project):
    MeetingFactory(working_group=WorkingGroupFactory(project=project), title="Kokous")
    response = client.get(reverse("workshops:meeting_list"), {"project": "ei-ole", "year": "x"})
    assert {meeting.title for meeting in response.context["meetings"]} == {"Kokous"}
    assert response.context["filter_form"].errors


def test_filter_form_fields_have_labels(client):
    content = client.get(reverse("workshops:meeting_list")).content.decode()
    for name in ["project", "working_group", "kind", "municipality", "year", "status"]:
        assert f'for="id_{name}"' in content


# --- Calendar ------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 6])
@pytest.mark.parametrize(
    "user_fixture, queries",
    [
        # savepoint; the keys of each day's first three meetings with the day's count, then
        # those meetings with their project; release.
        # + the month's bounds (empty neighbours, years) and the list beside the grid.
        (None, 6),
        # + session and user (middleware).
        ("municipal_staff", 8),
        ("coordinator", 8),
    ],
)
def test_calendar_runs_the_same_queries_for_more_meetings(
    client, request, django_assert_num_queries, project, rows, user_fixture, queries
):
    seed_meetings(project, rows)
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    with django_assert_num_queries(queries):
        response = client.get(reverse("workshops:calendar", args=[2017, 5]))
    assert response.status_code == 200
    assert sum(len(day.meetings) for week in response.context["weeks"] for day in week) == rows


def test_calendar_shows_a_meeting_on_its_day(client, project):
    meeting = MeetingFactory(
        working_group=WorkingGroupFactory(project=project),
        title="Myöhäinen kokous",
        # 23.30 in Helsinki is still 3 May, although it is 20.30 on 3 May in UTC.
        starts_at=datetime.datetime(2017, 5, 3, 23, 30, tzinfo=HELSINKI),
    )
    MeetingFactory(title="Kesäkuussa", starts_at=MAY_3.replace(month=6))
    response = client.get(reverse("workshops:calendar", args=[2017, 5]))
    days = {day.date: day for week in response.context["weeks"] for day in week}
    assert [shown.pk for shown in days[datetime.date(2017, 5, 3)].meetings] == [meeting.pk]
    assert not any(day.meetings for date, day in days.items() if date.day != 3)
    assertContains(response, reverse("workshops:meeting_detail", args=[meeting.pk]))


def test_a_busy_calendar_day_shows_three_meetings_and_links_to_the_rest(client, project):
    group = WorkingGroupFactory(project=project)
    late = datetime.datetime(2017, 5, 3, 23, 30, tzinfo=HELSINKI)
    meetings = [
        MeetingFactory(
            working_group=group, title=f"Kokous {hour}", starts_at=MAY_3.replace(hour=hour)
        )
        for hour in (9, 10, 11, 13)
    ] + [MeetingFactory(working_group=group, title="Iltakokous", starts_at=late)]
    MeetingFactory(working_group=group, title="Seuraavana päivänä", starts_at=MAY_3.replace(day=4))
    response = client.get(calendar_url(2017, 5, f"project={project.slug}"))
    days = {day.date: day for week in response.context["weeks"] for day in week}
    assert [shown.pk for shown in days[datetime.date(2017, 5, 3)].meetings] == [
        meeting.pk for meeting in meetings[:3]
    ]
    assert len(days[datetime.date(2017, 5, 4)].meetings) == 1
    listed = reverse("workshops:meeting_list") + f"?project={project.slug}&amp;day=2017-05-03"
    assertContains(response, f'href="{listed}">+ 2 muuta kokousta</a>', html=False)
    # The link lists the day's five meetings, with the filters kept, and the day in the form.
    response = client.get(listed.replace("&amp;", "&"))
    assert [row.title for row in response.context["meetings"]] == [
        "Iltakokous",
        "Kokous 13",
        "Kokous 11",
        "Kokous 10",
        "Kokous 9",
    ]
    assertContains(response, 'name="day" value="2017-05-03"')


@pytest.mark.parametrize(
    "language, one_more, two_more",
    [
        ("fi", "+ 1 muu kokous", "+ 2 muuta kokousta"),
        ("sv", "+ 1 annat möte", "+ 2 andra möten"),
        ("en", "+ 1 more meeting", "+ 2 more meetings"),
    ],
)
def test_busy_calendar_days_say_how_many_meetings_they_leave_out_in_the_readers_language(
    client, project, language, one_more, two_more
):
    group = WorkingGroupFactory(project=project)
    for day, count in ((3, 4), (4, 5)):
        for hour in range(9, 9 + count):
            MeetingFactory(working_group=group, starts_at=MAY_3.replace(day=day, hour=hour))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    # The calendar has no day filter: a day in its address gives way to the link's own.
    response = client.get(calendar_url(2017, 5, "day=2016-01-01&kind=working_group"))
    listed = reverse("workshops:meeting_list") + "?kind=working_group&amp;day=2017-05-0"
    assertContains(response, f'<a class="small" href="{listed}3">{one_more}</a>', html=True)
    assertContains(response, f'<a class="small" href="{listed}4">{two_more}</a>', html=True)


def test_a_calendar_day_shows_each_meetings_time_title_and_project_and_marks(client, project):
    group = WorkingGroupFactory(project=project)
    planned = MeetingFactory(working_group=group, title="Aamukokous", starts_at=MAY_3)
    cancelled = MeetingFactory(
        working_group=group,
        title="Iltapäivän <kokous>",
        starts_at=MAY_3.replace(hour=13, minute=15),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Sairastuminen",
        example_fields=["time", "agenda"],
    )
    response = client.get(calendar_url(2017, 5))
    assertContains(
        response,
        f'<li class="mb-1"><a href="{detail_url(planned)}">9.00 <span>Aamukokous</span>'
        f'</a><span class="d-block text-body-secondary">{project}</span></li>',
        html=True,
    )
    mark = (
        '<span class="badge text-bg-warning example-mark"'
        ' title="Esimerkkiarvo, jota lähteet eivät kerro: kellonaika">Esimerkkiaineisto</span>'
    )
    assertContains(
        response,
        f'<li class="mb-1"><a href="{detail_url(cancelled)}">13.15 '
        "<s>Iltapäivän &lt;kokous&gt;</s> (peruttu)</a> "
        f'{mark}<span class="d-block text-body-secondary">{project}</span></li>',
        html=True,
    )


def test_the_calendar_marks_today_and_shades_the_days_of_other_months(client):
    today = timezone.localdate()
    response = client.get(calendar_url(today.year, today.month))
    assertContains(
        response,
        f'<td class="align-top" aria-current="date"><div class="fw-bold text-primary-emphasis">'
        f'<time datetime="{today.isoformat()}">{today.day}</time></div></td>',
        html=True,
    )
    assertContains(response, 'aria-current="date"', count=1)
    response = client.get(calendar_url(2017, 5))
    assertContains(
        response,
        '<td class="align-top bg-body-tertiary"><div class="text-body-secondary">'
        '<time datetime="2017-06-01">1.6.2017</time></div></td>',
        html=True,
    )


def test_the_calendars_agenda_shows_each_meetings_date_title_and_project(client, project):
    starts = timezone.localtime(future(days=40)).replace(hour=10, minute=30)
    upcoming = MeetingFactory(
        working_group=WorkingGroupFactory(project=project),
        title="Tuleva kokous",
        starts_at=starts,
        example_fields=["date"],
    )
    response = client.get(calendar_url(2017, 5))
    assertContains(
        response,
        f'<li class="mb-2"><time datetime="{starts.isoformat()}">'
        f"{starts.day}.{starts.month}.{starts.year} 10.30</time> "
        '<span class="badge text-bg-warning example-mark" title="Esimerkkiarvo, jota lähteet'
        ' eivät kerro: päivämäärä ja kellonaika">Esimerkkiaineisto</span>'
        f'<a href="{detail_url(upcoming)}">Tuleva kokous</a>'
        f'<span class="d-block small text-body-secondary">{project.name}</span></li>',
        html=True,
    )


def detail_url(meeting: Meeting) -> str:
    return reverse("workshops:meeting_detail", args=[meeting.pk])


def calendar_url(year: int, month: int, query: str = "") -> str:
    return reverse("workshops:calendar", args=[year, month]) + (f"?{query}" if query else "")


def test_calendar_jumps_to_the_month_and_year_chosen_and_keeps_the_filters(client):
    response = client.get(
        reverse("workshops:calendar"), {"year": "2018", "month": "3", "kind": "seminar"}
    )
    assertRedirects(response, calendar_url(2018, 3, "kind=seminar"))


def test_calendar_ignores_an_impossible_month_in_the_jump_form(client):
    response = client.get(
        reverse("workshops:calendar", args=[2017, 5]), {"year": "x", "month": "3"}
    )
    assert response.status_code == 200
    assert response.context["month_start"] == datetime.date(2017, 5, 1)


def test_calendar_offers_the_years_with_meetings_in_its_jump_form(client, project):
    MeetingFactory(working_group=WorkingGroupFactory(project=project), starts_at=MAY_3)
    response = client.get(calendar_url(2017, 5))
    assert list(response.context["year_choices"]) == list(
        range(2017, timezone.localdate().year + 1)
    )


def test_calendar_links_skip_empty_months_to_the_nearest_with_meetings(client, project):
    group = WorkingGroupFactory(project=project)
    MeetingFactory(working_group=group, starts_at=MAY_3.replace(year=2016, month=11))
    MeetingFactory(working_group=group, starts_at=MAY_3)
    MeetingFactory(working_group=group, starts_at=MAY_3.replace(year=2018, month=3))
    response = client.get(calendar_url(2017, 5))
    assertContains(response, f'href="{calendar_url(2016, 11)}"')
    assertContains(response, f'href="{calendar_url(2018, 3)}"')


def test_calendar_opens_on_the_nearest_month_with_meetings_when_this_month_has_none(
    client, project
):
    group = WorkingGroupFactory(project=project)
    MeetingFactory(working_group=group, starts_at=MAY_3.replace(year=2018, month=3))
    assertRedirects(client.get(reverse("workshops:calendar")), calendar_url(2018, 3))


def test_calendar_lists_the_upcoming_meetings_beside_the_grid(client, project):
    group = WorkingGroupFactory(project=project)
    soon = timezone.now() + datetime.timedelta(days=40)
    MeetingFactory(working_group=group, title="Mennyt kokous", starts_at=MAY_3)
    upcoming = MeetingFactory(working_group=group, title="Tuleva kokous", starts_at=soon)
    response = client.get(calendar_url(2017, 5))
    assert response.context["agenda"] == [upcoming]
    assertContains(response, "Tulevat kokoukset")


def test_calendar_lists_the_latest_meetings_when_none_is_upcoming(client, project):
    group = WorkingGroupFactory(project=project)
    older = MeetingFactory(working_group=group, starts_at=MAY_3)
    newer = MeetingFactory(working_group=group, starts_at=MAY_3.replace(month=9))
    response = client.get(calendar_url(2017, 5))
    assert response.context["agenda"] == [newer, older]
    assertContains(response, "Viimeisimmät kokoukset")


def test_calendar_weeks_start_on_monday_and_link_to_the_next_and_previous_month(client):
    response = client.get(reverse("workshops:calendar", args=[2017, 1]), {"kind": "seminar"})
    weeks = response.context["weeks"]
    assert all(week[0].date.weekday() == 0 for week in weeks)
    assert weeks[0][0].date == datetime.date(2016, 12, 26)
    assertContains(response, '<abbr title="maanantai">ma</abbr>')
    assertContains(response, '<caption id="calendar-caption">')
    assertContains(response, 'scope="col"')
    assertContains(response, reverse("workshops:calendar", args=[2016, 12]) + "?kind=seminar")
    assertContains(response, reverse("workshops:calendar", args=[2017, 2]) + "?kind=seminar")


def test_calendar_without_a_month_shows_the_current_month(client):
    response = client.get(reverse("workshops:calendar"))
    assert response.context["month_start"] == timezone.localdate().replace(day=1)


def test_calendar_filters_like_the_list(client, project, other_project):
    MeetingFactory(working_group=WorkingGroupFactory(project=project), title="Oman hankkeen kokous")
    MeetingFactory(
        working_group=WorkingGroupFactory(project=other_project), title="Vieraan hankkeen kokous"
    )
    response = client.get(reverse("workshops:calendar", args=[2017, 5]), {"project": project.slug})
    assertContains(response, "Oman hankkeen kokous")
    assertNotContains(response, "Vieraan hankkeen kokous")


def test_calendar_of_an_impossible_month_is_not_found(client):
    assert client.get(reverse("workshops:calendar", args=[2017, 13])).status_code == 404


# --- Detail --------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 6])
@pytest.mark.parametrize(
    "user_fixture, queries",
    [
        # savepoint; the meeting with project, working group, host, minutes, registration
        # count and own registration; invited municipalities; invited organisations; the
        # registration questions; visible attachments; agenda items; their action items; the
        # open action items carried from earlier meetings; release; choices of the registration
        # form (organisations, municipalities).
        (None, 12),
        # + session and user (middleware); the user's and the groups' permissions.
        ("municipal_staff", 16),
        # + the coordinated project ids; the registrations with organisation and municipality,
        # and their answers; the change history of the meeting, its minutes, attachments and
        # registrations.
        ("coordinator", 23),
    ],
)
def test_detail_runs_the_same_queries_for_more_rows(
    client, request, django_assert_num_queries, project, rows, user_fixture, queries
):
    meeting = seed_meeting_page(project, rows)
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    with django_assert_num_queries(queries):
        response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    shown = response.context["meeting"]
    assert len(shown.invited_municipalities.all()) == rows
    # Visitors and staff see the other half; minutes attachments wait for the minutes.
    assert len(shown.visible_attachments) == (2 * rows if user_fixture == "coordinator" else rows)
    assert len(shown.agenda_items.all()) == rows
    assert len(response.context["carried_action_items"]) == rows


@pytest.mark.parametrize(
    "view, kwargs",
    [
        (MeetingListView, {}),
        (MeetingCalendarView, {"year": 2017, "month": 5}),
        (MeetingDetailView, {"pk": None}),
    ],
)
@pytest.mark.parametrize("user_fixture", [None, "municipal_staff", "coordinator"])
def test_templates_run_no_queries(
    rf, request, django_assert_num_queries, project, view, kwargs, user_fixture
):
    seed_meetings(project, 3)
    meeting = seed_meeting_page(project, 3)
    web_request = rf.get("/")
    web_request.user = request.getfixturevalue(user_fixture) if user_fixture else AnonymousUser()
    if "pk" in kwargs:
        kwargs = {"pk": meeting.pk}
    response = view.as_view()(web_request, **kwargs)
    with django_assert_num_queries(0):
        response.render()


def test_detail_shows_the_meeting(client, project):
    meeting = seed_meeting_page(project, 1)
    meeting.theme = "Perhekeskukset"
    meeting.place = "Kaupungintalo"
    meeting.save()
    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(response, "<h1>", count=1)
    assertContains(response, meeting.title)
    assertContains(response, "Perhekeskukset")
    assertContains(response, "Kaupungintalo")
    assertContains(response, meeting.host_municipality.name_fi)
    assertContains(response, "Työryhmän kokous")
    assertContains(response, project.name)
    assertContains(response, meeting.working_group.name)
    for municipality in meeting.invited_municipalities.all():
        assertContains(response, municipality.name_fi)
    for organisation in meeting.invited_organisations.all():
        assertContains(response, organisation.name)
    assertContains(response, reverse("workshops:project_ics", args=[project.slug]))


def test_cancelled_meeting_says_why(client):
    meeting = MeetingFactory(status=MeetingStatus.CANCELLED, cancellation_reason="Myrsky")
    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(response, "Kokous on peruttu")
    assertContains(response, "Myrsky")


def test_visitor_sees_no_draft_minutes_no_minutes_attachments_and_no_registrations(client, project):
    meeting = seed_meeting_page(project, 1)
    public = meeting.attachments.exclude(kind=AttachmentKind.MINUTES).get()
    hidden = meeting.attachments.get(kind=AttachmentKind.MINUTES)
    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertNotContains(response, meeting.minutes.text)
    assertContains(response, public.title)
    assertContains(response, "17\xa0tavua")
    assertNotContains(response, hidden.title)
    assertNotContains(response, meeting.registrations.get().email)
    assertNotContains(response, reverse("workshops:registrations_csv", args=[meeting.pk]))
    assertNotContains(response, reverse("workshops:meeting_update", args=[meeting.pk]))


def test_published_minutes_and_their_attachments_are_shown_to_visitors(client, project):
    meeting = seed_meeting_page(project, 1)
    Minutes.objects.filter(meeting=meeting).update(status="approved", published_at=MAY_3)
    hidden = meeting.attachments.get(kind=AttachmentKind.MINUTES)
    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(response, meeting.minutes.text)
    assertContains(response, hidden.title)


def test_coordinator_sees_drafts_registrations_and_management_links(client, coordinator, project):
    meeting = seed_meeting_page(project, 1)
    client.force_login(coordinator)
    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(response, meeting.minutes.text)
    assertContains(response, "Luonnos")
    assertContains(response, meeting.attachments.get(kind=AttachmentKind.MINUTES).title)
    assertContains(response, meeting.registrations.get().email)
    for name in [
        "registrations_csv",
        "meeting_update",
        "meeting_cancel",
        "minutes_edit",
        "attachment_upload",
    ]:
        assertContains(response, reverse(f"workshops:{name}", args=[meeting.pk]))


def test_other_coordinator_sees_the_meeting_as_a_visitor(client, other_coordinator, project):
    meeting = seed_meeting_page(project, 1)
    client.force_login(other_coordinator)
    response = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertNotContains(response, meeting.minutes.text)
    assertNotContains(response, meeting.registrations.get().email)
    assertNotContains(response, reverse("workshops:meeting_update", args=[meeting.pk]))


# --- Attachment download -------------------------------------------------------------------


def test_download_sends_the_file_under_its_original_name(client):
    attachment = AttachmentFactory(original_name="Esitys ä;ö.txt", content_type="text/plain")
    response = client.get(reverse("workshops:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Esitys%20%C3%A4%3B%C3%B6.txt" in disposition
    assert b"".join(response.streaming_content) == b"Liitteen sisalto\n"


def test_minutes_attachment_is_not_served_before_the_minutes_are_published(
    client, coordinator, other_coordinator, project
):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    MinutesFactory(meeting=meeting)
    attachment = AttachmentFactory(meeting=meeting, kind=AttachmentKind.MINUTES)
    url = reverse("workshops:attachment_download", args=[attachment.pk])
    assert client.get(url).status_code == 404
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_minutes_attachment_without_minutes_is_hidden_from_visitors(client):
    attachment = AttachmentFactory(kind=AttachmentKind.MINUTES)
    url = reverse("workshops:attachment_download", args=[attachment.pk])
    assert client.get(url).status_code == 404


# --- Registration --------------------------------------------------------------------------


def register(client, meeting, **data):
    data = {"name": "Maija Meikäläinen", "email": "maija@example.fi", **data}
    return client.post(reverse("workshops:register", args=[meeting.pk]), data)


def test_logged_in_user_registers_with_prefilled_name_and_email(client, municipal_staff):
    municipal_staff.first_name, municipal_staff.last_name = "Maija", "Meikäläinen"
    municipal_staff.save()
    meeting = MeetingFactory(starts_at=future())
    municipality = MunicipalityFactory()
    client.force_login(municipal_staff)
    page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(page, 'value="Maija Meikäläinen"')
    assertContains(page, 'value="kuntatyontekija@example.fi"')

    response = register(client, meeting, municipality=municipality.pk)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.user == municipal_staff
    assert registration.municipality == municipality
    page = client.get(response.url)
    assertContains(page, "Ilmoittautumisesi on vastaanotettu.")
    assertContains(page, "Olet ilmoittautunut")


@pytest.mark.parametrize(
    "meeting_fields, message",
    [
        ({"starts_at": future(-1)}, "Ilmoittautuminen tilaisuuteen on päättynyt."),
        (
            {"starts_at": future(10), "registration_deadline": future(-1)},
            "Ilmoittautuminen tilaisuuteen on päättynyt.",
        ),
    ],
)
def test_registration_is_refused_after_the_deadline(
    client, municipal_staff, meeting_fields, message
):
    meeting = MeetingFactory(**meeting_fields)
    client.force_login(municipal_staff)
    response = register(client, meeting)
    assert response.status_code == 200
    assertContains(response, message)
    assert not Registration.objects.filter(email="maija@example.fi").exists()


def test_the_same_email_cannot_register_twice(client, municipal_staff):
    meeting = MeetingFactory(starts_at=future())
    RegistrationFactory(meeting=meeting, email="maija@example.fi")
    client.force_login(municipal_staff)
    response = register(client, meeting, email="Maija@Example.FI")
    assertContains(response, "Tällä sähköpostiosoitteella on jo ilmoittauduttu.")
    assert response.context["registration_form"].has_error("email")
    assert meeting.registrations.count() == 1


# --- Registration CSV ----------------------------------------------------------------------


def test_registrations_csv_is_excel_friendly_and_neutralises_formulas(client, coordinator, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    RegistrationFactory(meeting=meeting, name="=cmd|' /C calc'!A0", email="a@example.fi")
    RegistrationFactory(meeting=meeting, name="Matti; Meikäläinen", email="b@example.fi")
    client.force_login(coordinator)
    response = client.get(reverse("workshops:registrations_csv", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Nimi;Sähköposti;Organisaatio;Kunta;Ilmoittautunut;Tila;Osallistui"
    assert lines[1].startswith("'=cmd")
    assert lines[2].startswith('"Matti; Meikäläinen";b@example.fi')


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"], ids=repr)
def test_registrations_csv_neutralises_formulas_in_every_column(
    client, coordinator, project, prefix
):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    RegistrationFactory(
        meeting=meeting,
        name=f"{prefix}HYPERLINK(1)",
        email=f"{prefix}a@example.fi",
        organisation=OrganisationFactory(name=f"{prefix}cmd|' /C calc'!A0"),
        municipality=MunicipalityFactory(name_fi=f"{prefix}1+1"),
    )
    client.force_login(coordinator)

    response = client.get(reverse("workshops:registrations_csv", args=[meeting.pk]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    assert [cell[:2] for cell in row[:4]] == [f"'{prefix}"] * 4
    assert row[4][0].isdigit()  # the time of registration


def registrations_on_the_page(response) -> list[list[str]]:
    """The registrations table of a meeting page: its header row, then its rows."""
    section = response.content.decode().split('aria-labelledby="registrations-title"')[1]
    table = section.split("</table>")[0]
    return [
        [html.unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_registration_list_and_csv_have_the_same_columns(client, coordinator, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    RegistrationFactory(
        meeting=meeting,
        name="Maija Meikäläinen",
        email="maija@example.fi",
        municipality=MunicipalityFactory(name_fi="Lahti"),
        created_at=MAY_3,
    )
    RegistrationFactory(meeting=meeting, organisation=OrganisationFactory(name="Pesäpuu ry"))
    client.force_login(coordinator)

    page = registrations_on_the_page(
        client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    )
    response = client.get(reverse("workshops:registrations_csv", args=[meeting.pk]))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    csv_rows = [line.split(";") for line in content.splitlines()]

    headers = ["Nimi", "Sähköposti", "Organisaatio", "Kunta", "Ilmoittautunut", "Tila"]
    assert page[0] == csv_rows[0] == [*headers, "Osallistui"]
    assert page[1] == [
        "Maija Meikäläinen",
        "maija@example.fi",
        "–",
        "Lahti",
        "3.5.2017 9.00",
        "ilmoittautunut",
        "–",
    ]
    # The file has the time in its fixed format and an empty cell where the page has a dash.
    assert csv_rows[1] == [
        "Maija Meikäläinen",
        "maija@example.fi",
        "",
        "Lahti",
        "3.5.2017 09.00",
        "ilmoittautunut",
        "",
    ]
    assert [row[:4] for row in csv_rows[2:]] == [
        [cell.replace("–", "") for cell in row[:4]] for row in page[2:]
    ]


def test_registrations_csv_is_for_the_coordinator_only(client, other_coordinator, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    url = reverse("workshops:registrations_csv", args=[meeting.pk])
    assert client.get(url).status_code == 302
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 403


# --- Coordinator pages ---------------------------------------------------------------------


def coordinator_urls(meeting, attachment) -> list[tuple[str, str]]:
    """(method, url) of every coordinator page of ``meeting``."""
    return [
        ("get", reverse("workshops:meeting_create", args=[meeting.project.slug])),
        ("post", reverse("workshops:meeting_create", args=[meeting.project.slug])),
        ("get", reverse("workshops:meeting_update", args=[meeting.pk])),
        ("post", reverse("workshops:meeting_update", args=[meeting.pk])),
        ("get", reverse("workshops:meeting_cancel", args=[meeting.pk])),
        ("post", reverse("workshops:meeting_cancel", args=[meeting.pk])),
        ("get", reverse("workshops:minutes_edit", args=[meeting.pk])),
        ("post", reverse("workshops:minutes_edit", args=[meeting.pk])),
        ("get", reverse("workshops:attachment_upload", args=[meeting.pk])),
        ("post", reverse("workshops:attachment_upload", args=[meeting.pk])),
        ("get", reverse("workshops:attachment_delete", args=[attachment.pk])),
        ("post", reverse("workshops:attachment_delete", args=[attachment.pk])),
        ("get", reverse("workshops:registrations_csv", args=[meeting.pk])),
    ]


def test_coordinator_of_another_project_is_refused_on_every_coordinator_page(
    client, other_coordinator, project
):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    MinutesFactory(meeting=meeting)
    attachment = AttachmentFactory(meeting=meeting)
    client.force_login(other_coordinator)
    for method, url in coordinator_urls(meeting, attachment):
        response = getattr(client, method)(
            url, {"reason": "Syy", "text": "Muutettu", "circulate": "1"}
        )
        assert response.status_code in (403, 404), (method, url, response.status_code)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.minutes.text != "Muutettu"
    assert meeting.minutes.status == "draft"
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert Meeting.objects.count() == 1


def test_visitor_is_sent_to_log_in_on_every_coordinator_page(client, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    attachment = AttachmentFactory(meeting=meeting)
    for method, url in coordinator_urls(meeting, attachment):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert "next=" in response.url


def meeting_form_data(**overrides) -> dict:
    return {
        "title": "Perhekeskusten työpaja",
        "kind": MeetingKind.REGIONAL_WORKSHOP,
        "starts_at": "2030-05-03T09:00",
        "ends_at": "2030-05-03T12:00",
        "place": "Kaupungintalo",
        "capacity": "40",
        **overrides,
    }


def test_coordinator_creates_a_meeting_uploads_an_attachment_and_circulates_minutes(
    client, coordinator, project
):
    group = WorkingGroupFactory(project=project)
    invited = MunicipalityFactory()
    client.force_login(coordinator)

    response = client.post(
        reverse("workshops:meeting_create", args=[project.slug]),
        meeting_form_data(working_group=group.pk, invited_municipalities=[invited.pk]),
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("workshops:meeting_detail", args=[meeting.pk])
    assert meeting.project == project
    assert meeting.working_group == group
    assert list(meeting.invited_municipalities.all()) == [invited]
    assert timezone.localtime(meeting.starts_at).hour == 9
    assertContains(client.get(response.url), "Kokous on tallennettu.")

    upload = SimpleUploadedFile("Muistio.pdf", b"%PDF-1.4", "application/pdf")
    response = client.post(
        reverse("workshops:attachment_upload", args=[meeting.pk]),
        {
            "title": "Muistion liite",
            "kind": AttachmentKind.MINUTES,
            "language": "fi",
            "file": upload,
        },
    )
    assert response.status_code == 302
    attachment = meeting.attachments.get()
    assert attachment.uploaded_by == coordinator
    assert attachment.original_name == "Muistio.pdf"

    minutes_url = reverse("workshops:minutes_edit", args=[meeting.pk])
    response = client.post(minutes_url, {"text": "Sovittiin asioista."})
    assert response.status_code == 302
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == "draft"
    # The meeting is in 2030: circulating its minutes now takes a confirmation.
    response = client.post(
        f"{minutes_url}?vahvista",
        {
            "text": minutes.text,
            "version": minutes.version,
            "circulate": "1",
            "circulate_before_start": "on",
        },
    )
    assert response.status_code == 302
    client.post(reverse("workshops:minutes_approve", args=[meeting.pk]))
    assert Minutes.objects.get(meeting=meeting).status == "approved"

    client.logout()
    page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(page, "Sovittiin asioista.")
    assertContains(page, "Muistion liite")


def test_meeting_form_offers_only_the_projects_working_groups(client, coordinator, project):
    own = WorkingGroupFactory(project=project, name="Oma ryhmä")
    other = WorkingGroupFactory(name="Vieras ryhmä")
    client.force_login(coordinator)
    response = client.get(reverse("workshops:meeting_create", args=[project.slug]))
    assertContains(response, "Oma ryhmä")
    assertNotContains(response, "Vieras ryhmä")
    response = client.post(
        reverse("workshops:meeting_create", args=[project.slug]),
        meeting_form_data(working_group=other.pk),
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("working_group")
    assert own.meetings.count() == 0 and not Meeting.objects.exists()


def test_meeting_form_invites_with_checkboxes_and_keeps_an_online_link(
    client, coordinator, project
):
    invited = MunicipalityFactory(name_fi="Lohja")
    MunicipalityFactory(name_fi="Vihti")
    client.force_login(coordinator)
    url = reverse("workshops:meeting_create", args=[project.slug])
    form = client.get(url)
    assertContains(form, 'type="checkbox" class="form-check-input"  name="invited_municipalities"')
    assertContains(form, 'data-filterable="true"')
    assertNotContains(form, "Ctrl")
    response = client.post(
        url,
        meeting_form_data(
            invited_municipalities=[invited.pk],
            online_url="https://teams.example.fi/kokous",
        ),
    )
    meeting = Meeting.objects.get()
    assertRedirects(response, reverse("workshops:meeting_detail", args=[meeting.pk]))
    assert list(meeting.invited_municipalities.all()) == [invited]
    page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(page, 'href="https://teams.example.fi/kokous"')


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"ends_at": "2030-05-03T08:00"}, "Tilaisuuden on päätyttävä alkamisensa jälkeen."),
        (
            {"registration_deadline": "2030-05-03T10:00"},
            "Ilmoittautumisen on päätyttävä ennen tilaisuuden alkua.",
        ),
        (
            {"capacity": "10", "min_registrations": "11"},
            "Vähimmäisosallistujamäärä ei voi ylittää enimmäismäärää.",
        ),
    ],
)
def test_bad_meeting_form_shows_a_finnish_error_and_saves_nothing(
    client, coordinator, project, overrides, message
):
    """The model's constraint says what is wrong, in the words it has everywhere."""
    client.force_login(coordinator)
    response = client.post(
        reverse("workshops:meeting_create", args=[project.slug]), meeting_form_data(**overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assertContains(response, message)
    assertContains(response, 'value="Perhekeskusten työpaja"')
    assert not Meeting.objects.exists()


def test_coordinator_edits_a_meeting_and_marks_it_held(client, coordinator, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    meeting.invited_municipalities.add(MunicipalityFactory())
    client.force_login(coordinator)
    page = client.get(reverse("workshops:meeting_update", args=[meeting.pk]))
    assertContains(page, f'value="{meeting.title}"')
    assertNotContains(page, 'value="cancelled"')
    response = client.post(
        reverse("workshops:meeting_update", args=[meeting.pk]),
        meeting_form_data(title="Uusi otsikko", status=MeetingStatus.HELD),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Uusi otsikko"
    assert meeting.status == MeetingStatus.HELD
    assert not meeting.invited_municipalities.exists()


def test_coordinator_cancels_a_meeting_with_a_reason(client, coordinator, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    client.force_login(coordinator)
    url = reverse("workshops:meeting_cancel", args=[meeting.pk])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].has_error("reason")
    response = client.post(url, {"reason": "Liian vähän ilmoittautuneita"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.cancellation_reason == "Liian vähän ilmoittautuneita"


def test_held_meeting_cannot_be_cancelled(client, coordinator, project):
    meeting = MeetingFactory(
        working_group=WorkingGroupFactory(project=project), status=MeetingStatus.HELD
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("workshops:meeting_cancel", args=[meeting.pk]), {"reason": "Myrsky"}
    )
    assertContains(response, "Pidettyä tilaisuutta ei voi perua.")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_minutes_page_offers_save_and_circulate_before_any_minutes_exist(
    client, coordinator, project
):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    client.force_login(coordinator)

    response = client.get(reverse("workshops:minutes_edit", args=[meeting.pk]))

    assertContains(response, "Muistio on luonnos")
    assertContains(
        response,
        '<button type="submit" class="btn btn-success" name="circulate" value="1">'
        "Tallenna ja lähetä kommentoitavaksi</button>",
        html=True,
    )
    assertNotContains(response, "Lähetä silti kommentoitavaksi")


def test_save_and_circulate_circulates_the_text_typed_in_the_form(client, coordinator, project):
    minutes = MinutesFactory(meeting__working_group__project=project, text="Vanha luonnos.")
    url = reverse("workshops:minutes_edit", args=[minutes.meeting_id])
    detail_url = reverse("workshops:meeting_detail", args=[minutes.meeting_id])
    client.force_login(coordinator)

    response = client.post(url, {"text": "Uusi muistio.", "version": "1", "circulate": "1"})

    assert response.status_code == 302
    assert response.url == detail_url
    assertContains(
        client.get(detail_url),
        "Muistio on tallennettu ja lähetetty osallistujille kommentoitavaksi.",
    )
    page = client.get(url)
    assertContains(page, "Muistio on lähetetty osallistujille kommentoitavaksi")
    assertNotContains(page, "Tallenna ja lähetä kommentoitavaksi")
    client.post(reverse("workshops:minutes_approve", args=[minutes.meeting_id]))
    client.logout()
    page = client.get(detail_url)
    assertContains(page, "Uusi muistio.")
    assertNotContains(page, "Vanha luonnos.")


def test_stale_minutes_save_shows_both_texts_circulates_nothing_and_then_saves(
    client, coordinator, portal_admin, project
):
    minutes = MinutesFactory(meeting__working_group__project=project, text="Luonnos.")
    url = reverse("workshops:minutes_edit", args=[minutes.meeting_id])
    # Someone else saves after the coordinator's form was loaded at version 1.
    other = Client()
    other.force_login(portal_admin)
    other.post(url, {"text": "Ylläpitäjän korjaus.", "version": "1"})
    client.force_login(coordinator)

    response = client.post(
        url, {"text": "Koordinaattorin oma teksti.", "version": "1", "circulate": "1"}
    )

    assert response.status_code == 200
    assertContains(response, "paakayttaja tallensi tämän tiedon sillä välin")
    assertContains(response, "Nyt tallennettu muistio")
    assertContains(response, "Tallentanut paakayttaja")
    assertContains(response, "<p>Ylläpitäjän korjaus.</p>", html=True)
    assertContains(response, "Koordinaattorin oma teksti.</textarea>")
    minutes.refresh_from_db()
    assert (minutes.text, minutes.status) == ("Ylläpitäjän korjaus.", "draft")

    # Having read the other text, the coordinator saves again: accepted.
    version = response.context["form"]["version"].value()
    response = client.post(
        url, {"text": "Koordinaattorin oma teksti.", "version": version, "circulate": "1"}
    )

    assert response.status_code == 302
    minutes.refresh_from_db()
    assert (minutes.text, minutes.status) == ("Koordinaattorin oma teksti.", "circulated")


def test_minutes_page_and_its_conflict_state_run_a_fixed_number_of_queries(
    client, coordinator, portal_admin, project, django_assert_num_queries
):
    minutes = MinutesFactory(meeting__working_group__project=project)
    url = reverse("workshops:minutes_edit", args=[minutes.meeting_id])
    client.force_login(coordinator)
    # session and user; savepoint; the meeting with project and minutes; the user's and the
    # groups' permissions; the coordinated project ids; the agenda items; release.
    with django_assert_num_queries(9):
        client.get(url)
    minutes_save(meeting=minutes.meeting, text="Toinen", expected_version=1)
    # The same 9 and the refused save: the minutes' state (circulated already?), savepoint,
    # meeting lock, minutes, savepoint, locked minutes, the latest history record with its
    # user (who saved), the history record of version 1 (what changed), two rollbacks and
    # releases; then the minutes as last saved, with who saved them.
    with django_assert_num_queries(22):
        response = client.post(url, {"text": "Oma", "version": "1", "circulate": "1"})
    assert response.context["saved_minutes"].text == "Toinen"


def test_circulating_before_the_meeting_starts_saves_the_text_and_asks_for_a_confirmation(
    client, coordinator, project
):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project), starts_at=future())
    url = reverse("workshops:minutes_edit", args=[meeting.pk])
    client.force_login(coordinator)

    response = client.post(
        url, {"text": "Ennakkoon kirjoitettu.", "version": "0", "circulate": "1"}
    )

    assert response.status_code == 302
    assert response.url == f"{url}?vahvista"
    minutes = Minutes.objects.get(meeting=meeting)
    assert (minutes.text, minutes.status) == ("Ennakkoon kirjoitettu.", "draft")
    page = client.get(response.url)
    assertContains(page, "Muistio on tallennettu.")
    assertContains(
        page, "Muistiota ei lähetetty kommentoitavaksi, koska kokous ei ole vielä alkanut."
    )
    assertContains(page, "Kokous ei ole vielä alkanut. Lähetä silti kommentoitavaksi.")
    assertContains(page, "Ennakkoon kirjoitettu.</textarea>")

    saved = {"text": "Ennakkoon kirjoitettu.", "circulate": "1"}
    response = client.post(f"{url}?vahvista", {**saved, "version": minutes.version})
    assert response.url == f"{url}?vahvista"  # not ticked: still waiting
    minutes.refresh_from_db()
    assert minutes.status == "draft"

    response = client.post(
        f"{url}?vahvista", {**saved, "version": minutes.version, "circulate_before_start": "on"}
    )
    assert response.url == reverse("workshops:meeting_detail", args=[meeting.pk])
    minutes.refresh_from_db()
    assert minutes.status == "circulated"


def test_empty_minutes_are_refused_in_finnish_and_nothing_is_circulated(
    client, coordinator, project
):
    minutes = MinutesFactory(meeting__working_group__project=project, text="Luonnos.")
    client.force_login(coordinator)

    response = client.post(
        reverse("workshops:minutes_edit", args=[minutes.meeting_id]),
        {"text": "   ", "version": "1", "circulate": "1"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["text"] == ["Tämä kenttä vaaditaan."]
    minutes.refresh_from_db()
    assert (minutes.text, minutes.status, minutes.version) == ("Luonnos.", "draft", 1)


def test_coordinator_deletes_an_attachment_and_its_file(
    client, coordinator, project, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    attachment = AttachmentFactory(meeting=meeting, title="Vanha esitys")
    storage, name = attachment.file.storage, attachment.file.name
    client.force_login(coordinator)
    url = reverse("workshops:attachment_delete", args=[attachment.pk])
    assertContains(client.get(url), "Vanha esitys")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not storage.exists(name)


def test_oversized_attachment_is_refused(client, coordinator, project, settings):
    settings.ATTACHMENT_MAX_BYTES = 4
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    client.force_login(coordinator)
    upload = SimpleUploadedFile("iso.txt", b"12345", "text/plain")
    response = client.post(
        reverse("workshops:attachment_upload", args=[meeting.pk]),
        {"title": "Iso", "kind": AttachmentKind.OTHER, "language": "fi", "file": upload},
    )
    assert response.status_code == 413
    assert response.context["form"].has_error("file")
    assert not Attachment.objects.exists()


def test_coordinator_adds_and_removes_a_working_group_member(client, coordinator, project):
    group = WorkingGroupFactory(project=project, name="Perhekeskustyöryhmä")
    lohja = MunicipalityFactory(name_fi="Lohja")
    client.force_login(coordinator)
    page = client.get(reverse("workshops:working_group_detail", args=[group.pk]))
    assertContains(page, "Jäseniä ei ole kirjattu.")
    add_url = reverse("workshops:working_group_member_create", args=[group.pk])
    assertContains(page, add_url)

    response = client.post(
        add_url, {"name": "Maija Meikäläinen", "role": "secretary", "municipality": lohja.pk}
    )
    assertRedirects(
        response, reverse("workshops:working_group_detail", args=[group.pk]) + "#group-members"
    )
    page = client.get(reverse("workshops:working_group_detail", args=[group.pk]))
    assertContains(page, "Maija Meikäläinen, sihteeri (Lohja)")

    twin = client.post(add_url, {"name": "maija meikäläinen", "role": "member"})
    assertContains(twin, "Tämä henkilö on jo työryhmän jäsen.")
    both = client.post(
        add_url,
        {
            "name": "Kalle Kaksoisrooli",
            "role": "member",
            "municipality": lohja.pk,
            "organisation": OrganisationFactory().pk,
        },
    )
    assertContains(both, "Jäsen edustaa joko kuntaa tai organisaatiota, ei molempia.")
    assert group.members.count() == 1

    member = group.members.get()
    client.post(reverse("workshops:working_group_member_delete", args=[member.pk]))
    assert not group.members.exists()


def test_visitors_see_whom_a_working_group_brings_together_but_not_names(client, project):
    group = WorkingGroupFactory(project=project)
    WorkingGroupMemberFactory(
        working_group=group,
        name="Maija Meikäläinen",
        municipality=MunicipalityFactory(name_fi="Lohja"),
    )
    WorkingGroupMemberFactory(
        working_group=group,
        name="Pekka Porvoolainen",
        municipality=MunicipalityFactory(name_fi="Porvoo"),
    )
    page = client.get(reverse("workshops:working_group_detail", args=[group.pk]))
    assertContains(page, "Työryhmässä on 2 jäsentä.")
    assertContains(page, "Edustettuina: Lohja, Porvoo.")
    assertNotContains(page, "Maija Meikäläinen")


# --- Suggestions of the typed filters -----------------------------------------------------


def test_project_suggestions_list_the_exact_name_first_with_each_key(
    client, django_assert_num_queries
):
    ProjectFactory(name="Perhekeskusten verkosto", slug="verkosto")
    ProjectFactory(name="Perhekeskus", slug="perhekeskus")
    ProjectFactory(name="Lastensuojelu")
    # savepoint, the matching projects, release.
    with django_assert_num_queries(3):
        response = client.get(reverse("workshops:suggest_project"), {"q": "perhekeskus"})
    assert response.json() == {
        "suggestions": [
            {"label": "Perhekeskus", "key": "perhekeskus"},
            {"label": "Perhekeskusten verkosto", "key": "verkosto"},
        ]
    }
    # One letter is not enough to suggest anything.
    assert client.get(reverse("workshops:suggest_project"), {"q": "p"}).json() == {
        "suggestions": []
    }


def test_suggestions_are_at_most_twenty(client, project):
    WorkingGroupFactory.create_batch(25, project=project)
    response = client.get(reverse("workshops:suggest_working_group"), {"q": "ryhmä"})
    suggestions = response.json()["suggestions"]
    assert len(suggestions) == 20
    group = WorkingGroup.objects.get(pk=suggestions[0]["key"])
    assert suggestions[0]["label"] == f"{group.name} ({project})"


def test_municipality_suggestions_find_either_language(client):
    MunicipalityFactory(code="638", name_fi="Porvoo", name_sv="Borgå")
    for typed in ("porv", "borg"):
        response = client.get(reverse("municipalities:suggest"), {"q": typed})
        assert response.json() == {"suggestions": [{"label": "Porvoo", "key": "638"}]}


def test_typed_filters_name_where_their_suggestions_come_from(client):
    response = client.get(reverse("workshops:meeting_list"))
    for name, url in [
        ("project", reverse("workshops:suggest_project")),
        ("working_group", reverse("workshops:suggest_working_group")),
        ("municipality", reverse("municipalities:suggest")),
    ]:
        assertContains(response, f'name="{name}"')
        assertContains(response, f'data-suggest-url="{url}"')
    assertContains(response, "js/suggest")
