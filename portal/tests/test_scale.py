"""The portal at national scale: the synthetic data, the benchmark's floor and query counts,
and the pages that must stay bounded however much data there is."""

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.admin import LargeTableMixin, YearListFilter
from core.middleware import query_count_middleware
from municipalities.models import Region
from municipalities.tests.factories import MunicipalityFactory
from portal import search as portal_search
from portal.scale_data import RARE_WORD, ScaleData, settle
from portal.views.home import FRONT_PAGE_PROJECTS
from projects.models import BudgetLine, Project, ProjectStatus
from projects.tests.factories import BudgetLineFactory, ExpenseFactory, ProjectFactory
from workshops.models import FEED_PAST_MEETINGS, Attachment, Meeting, Minutes, Registration
from workshops.services import agenda_item_create, agenda_item_move, agenda_item_update
from workshops.tests.factories import (
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_live_check_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("live"))
    assert response.status_code == 200
    assert response.content == b"ok"


def test_query_count_header_counts_the_requests_queries():
    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse("ok")

    response = query_count_middleware(view)(RequestFactory().get("/"))
    assert response["X-Query-Count"] == "2"


# --- Synthetic data ------------------------------------------------------------------------


def test_scale_data_has_the_sizes_of_its_scale():
    call_command("generate_scale_data", scale=0.001, seed=3, verbosity=0)
    assert Project.objects.count() == 2
    # Each in one to four development areas, whose totals the programme page shows.
    for project in Project.objects.annotate(areas=Count("area_links")):
        assert 1 <= project.areas <= 4
    # The first project's 400 lines and 100 for each other project.
    assert BudgetLine.objects.count() == 500
    assert Meeting.objects.count() == 100
    assert Attachment.objects.count() == 200
    assert Registration.objects.count() == 500
    assert Minutes.objects.filter(text__contains=RARE_WORD).exists()
    # Every region of Finland, whichever the reference data holds.
    assert Region.objects.count() == 19
    assert Region.objects.get(code="21").name_sv == "Åland"
    attachment = Attachment.objects.first()
    with default_storage.open(attachment.file.name) as stored:
        assert stored.read().decode() == attachment.text
    with pytest.raises(CommandError):
        call_command("generate_scale_data", scale=0.001, verbosity=0)


def test_a_rare_word_is_found_through_the_gin_index():
    """EXPLAIN of the search for the rare word, over the meetings and minutes of S=0.1 (10,000
    meetings, made as generate_scale_data makes them), settled as generate_scale_data settles
    its bulk load."""
    data = ScaleData(scale=0.1, progress=False)
    data.projects, data.working_groups = [ProjectFactory()], {}
    data.municipalities = [MunicipalityFactory()]
    data.meetings = data.make_meetings()
    data.make_minutes()
    settle()

    plans = portal_search.search_plans(RARE_WORD, user=AnonymousUser())

    for key in ("meetings", "minutes"):
        search_type = portal_search.SEARCH_TYPES_BY_KEY[key]
        for plan in (portal_search.TOTALS_PLAN, key):
            assert portal_search.uses_search_index(plans[plan], search_type), plans[plan]


def test_scale_data_is_the_same_for_the_same_seed():
    def meetings(seed: int) -> list:
        with transaction.atomic():
            ScaleData(scale=0.001, seed=seed, progress=False).generate()
            rows = list(Meeting.objects.order_by("pk").values_list("title", "starts_at"))
            transaction.set_rollback(True)
        return rows

    first = meetings(5)
    assert meetings(5) == first
    assert meetings(6) != first


# --- Bounded pages -------------------------------------------------------------------------


def test_meeting_filter_finds_a_project_by_a_part_of_its_name(client):
    wanted = WorkingGroupFactory(project=ProjectFactory(name="Lapsiperheiden Kainuu"))
    MeetingFactory(working_group=wanted, title="Kainuun kokous")
    MeetingFactory(
        working_group=WorkingGroupFactory(project=ProjectFactory(name="Lappi")),
        title="Lapin kokous",
    )
    response = client.get(reverse("workshops:meeting_list"), {"project": "kainuu"})
    assert [meeting.title for meeting in response.context["meetings"]] == ["Kainuun kokous"]
    # The form shows the project's full name, and lists no projects to choose from.
    content = response.content.decode()
    assert 'value="Lapsiperheiden Kainuu"' in content
    assert "<option>Lappi" not in content and ">Lappi</option>" not in content


def test_meeting_filter_names_the_projects_a_vague_text_matches(client):
    for name in ("Perhekeskus Etelä", "Perhekeskus Pohjoinen"):
        MeetingFactory(working_group=WorkingGroupFactory(project=ProjectFactory(name=name)))
    response = client.get(reverse("workshops:meeting_list"), {"project": "perhekeskus"})
    assert len(response.context["meetings"]) == 2
    errors = response.context["filter_form"].errors["project"][0]
    assert "Perhekeskus Etelä" in errors and "Perhekeskus Pohjoinen" in errors


def test_search_counts_hits_up_to_its_limit(client, monkeypatch):
    monkeypatch.setattr(portal_search, "MAX_COUNTED", 2)
    for _ in range(3):
        MeetingFactory(title="Perhekeskuksen kokous")
    response = client.get(reverse("portal:search"), {"q": "perhekeskus"})
    meetings = next(r for r in response.context["results"] if r.type.key == "meetings")
    assert meetings.total_label == "yli 2"
    assert "Kokoukset ja työpajat (yli 2)" in response.content.decode()


def test_front_page_lists_only_the_newest_running_projects(client):
    for day in range(FRONT_PAGE_PROJECTS + 2):
        ProjectFactory(
            status=ProjectStatus.RUNNING,
            start_date=datetime.date(2017, 1, 1) + datetime.timedelta(days=day),
            name=f"Hanke {day:02}",
        )
    shown = client.get(reverse("portal:home")).context["running_projects"]
    assert len(shown) == FRONT_PAGE_PROJECTS
    assert shown[0].name == f"Hanke {FRONT_PAGE_PROJECTS + 1:02}"


def test_project_feed_has_the_upcoming_and_latest_past_meetings(client, project):
    group = WorkingGroupFactory(project=project)
    first = timezone.now() - datetime.timedelta(days=FEED_PAST_MEETINGS + 5)
    past = [
        MeetingFactory(working_group=group, starts_at=first + datetime.timedelta(days=day))
        for day in range(FEED_PAST_MEETINGS + 2)
    ]
    upcoming = MeetingFactory(
        working_group=group, starts_at=timezone.now() + datetime.timedelta(days=30)
    )
    feed = client.get(reverse("workshops:project_ics", args=[project.slug])).content.decode()
    assert f"UID:meeting-{upcoming.pk}@" in feed
    assert f"UID:meeting-{past[-1].pk}@" in feed
    assert f"UID:meeting-{past[1].pk}@" not in feed
    assert feed.count("BEGIN:VEVENT") == FEED_PAST_MEETINGS + 1


def test_project_feed_answers_not_modified_until_a_meeting_changes(client, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    url = reverse("workshops:project_ics", args=[project.slug])
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    Meeting.objects.filter(pk=meeting.pk).update(version=meeting.version + 1)
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    # An agenda item, which has no version, changes the feed too: added, renamed, moved.
    etag = response["ETag"]
    item = agenda_item_create(meeting=meeting, title="Ilmoitusasiat")
    for change in (
        lambda: None,
        lambda: agenda_item_update(item=item, title="Muut asiat"),
        lambda: agenda_item_create(meeting=meeting, title="Seuraava kokous"),
        lambda: agenda_item_move(item=item, step=1),
    ):
        change()
        response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 200
        etag = response["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_registrations_csv_is_streamed(client, coordinator, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    RegistrationFactory.create_batch(3, meeting=meeting)
    client.force_login(coordinator)
    response = client.get(reverse("workshops:registrations_csv", args=[meeting.pk]))
    assert response.streaming
    assert len(b"".join(response.streaming_content).decode("utf-8-sig").splitlines()) == 4


def test_admin_project_page_shows_the_latest_budget_lines_only(admin_client, project):
    for year in range(2000, 2030):
        BudgetLineFactory(project=project, year=year)
    response = admin_client.get(reverse("admin:projects_project_change", args=[project.pk]))
    lines = next(
        formset
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.model is BudgetLine
    )
    years = [form.instance.year for form in lines.formset.initial_forms]
    assert years == [2029, 2028, 2027, 2026, 2025]


# --- The admin's lists of the large tables -------------------------------------------------


def plan(sql: str, *, searched: bool = False) -> list[str]:
    """PostgreSQL's plan of ``sql`` when it may neither read a table whole nor sort rows: a
    node that it could not do without is marked "Disabled: true", as no index answers it.

    A ``searched`` query may sort the rows it found, and may read a table only through an
    index's conditions: with the table read in an index's order instead, a search for a rare
    word would read every row."""
    with transaction.atomic(), connection.cursor() as cursor:
        # SET LOCAL lasts until the test's transaction ends: each plan sets all four.
        cursor.execute("SET LOCAL enable_seqscan = off")
        for setting, on in [
            ("enable_indexscan", not searched),
            ("enable_indexonlyscan", not searched),
            ("enable_sort", searched),
        ]:
            cursor.execute(f"SET LOCAL {setting} = {'on' if on else 'off'}")
        cursor.execute(f"EXPLAIN {sql}")
        return [row[0] for row in cursor.fetchall()]


def whole_reads(lines: list[str], tables: list[str]) -> list[str]:
    """The nodes of a plan (``plan``) that read one of ``tables`` whole or sort rows."""
    nodes = [line for line in lines if "(cost=" in line]
    disabled = [
        next(node for node in reversed(lines[:place]) if node in nodes)
        for place, line in enumerate(lines)
        if "Disabled: true" in line
    ]
    return [
        node
        for node in disabled
        if "Sort" in node or any(f"Seq Scan on {table} " in node for table in tables)
    ]


def searched_columns(model, model_admin) -> list[str]:
    """The columns of ``model``'s own table that its admin searches (a field of another
    large table is checked by that table's admin)."""
    targets = [get_fields_from_path(model, path)[-1] for path in model_admin.search_fields]
    return [field.column for field in targets if field.model is model]


def test_the_admin_lists_of_large_tables_are_read_through_indexes(admin_client):
    """Every query of a large table (``LargeTableMixin``) that its changelist runs, plain,
    with each year filter chosen and searched, is answered by indexes: its page in the list's
    order, its count, the choices of its filters and the rows a search finds, not a read of
    every row; a list sorts none. A search finds the part of a text in each of the table's
    own searched fields in its index (the condition of an index scan).

    With a few rows PostgreSQL would read the tables whole anyway, so the plans are asked
    with those reads disabled (the timings at scale are the benchmark's). Which table a
    search joined to another table reads first depends on the tables' sizes, which a few
    rows do not have (nor the statistics that earlier tests leave): the benchmark times the
    admin's searches at both scales."""
    meeting = MeetingFactory()
    MinutesFactory(meeting=meeting)
    AttachmentFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting)
    ExpenseFactory()
    admins = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, LargeTableMixin)
    }
    tables = [model._meta.db_table for model in admins]
    assert len(tables) >= 6
    for model, model_admin in admins.items():
        url = reverse(admin_urlname(model._meta, "changelist"))
        years = [
            f"?{list_filter.parameter_name}={timezone.localdate().year}"
            for list_filter in model_admin.list_filter
            if isinstance(list_filter, type) and issubclass(list_filter, YearListFilter)
        ]
        search = f"{url}?q=kokous"
        for address in (url, *(url + year for year in years), search):
            with CaptureQueriesContext(connection) as queries:
                assert admin_client.get(address).status_code == 200
            sqls = [
                query["sql"]
                for query in queries
                if any(f'"{table}"' in query["sql"] for table in tables)
            ]
            for sql in sqls:
                if " LIKE " not in sql:
                    lines = plan(sql)
                    assert not whole_reads(lines, tables), f"{address}\n{lines}"
            if address == search:
                conditions = "\n".join(
                    line
                    for sql in sqls
                    if " LIKE " in sql
                    for line in plan(sql, searched=True)
                    if "Index Cond:" in line
                )
                for column in searched_columns(model, model_admin):
                    assert re.search(rf"upper\(\(?{column}\)?(::text)?\) ~~", conditions), (
                        f"{address}: {column}\n{conditions}"
                    )
