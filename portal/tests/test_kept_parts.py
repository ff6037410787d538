"""Parts of pages kept for signed-in users too (``core.page_cache.kept_fragment`` and
``kept_until_change``): the same for everyone they cover, fresh after every committed change,
and never shown to someone who sees other rows."""

import datetime
from decimal import Decimal

import pytest
from django.template import RequestContext, Template
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core.page_cache import kept_fragment
from municipalities.tests.factories import MunicipalityFactory, RegionFactory
from projects.services import budget_line_update, project_update
from projects.tests.factories import BudgetLineFactory, ContactFactory, ProjectFactory
from workshops.models import AttachmentKind, Meeting
from workshops.services import meeting_create, meeting_update
from workshops.tests.factories import AttachmentFactory, MinutesFactory
from workshops.tests.helpers import coming_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]
MEETINGS = reverse("workshops:meeting_list")


def meeting_beside(meeting: Meeting, *, title: str) -> Meeting:
    """A new meeting of the same project, kind and time as ``meeting``, by the service."""
    return meeting_create(
        meeting=Meeting(project=meeting.project),
        title=title,
        kind=meeting.kind,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
    )


def test_a_signed_in_user_gets_the_kept_rows_with_no_query_of_meetings(
    client, project, municipal_staff, django_assert_num_queries
):
    coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    client.force_login(municipal_staff)
    client.get(MEETINGS)
    # 1 session, 2 user, 3 savepoint, 4 the user's and 5 the groups' permissions (the new
    # meeting links), 6 and 7 the generation number (the count and the rows), 8 release.
    with django_assert_num_queries(8):
        kept = client.get(MEETINGS)
    assertContains(kept, "Perhekeskusten verkostotapaaminen")
    assertContains(kept, "1 kokous")


def test_a_signed_in_user_sees_a_committed_change_on_the_next_page(
    client, project, municipal_staff, django_capture_on_commit_callbacks
):
    meeting = coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    client.force_login(municipal_staff)
    assertContains(client.get(MEETINGS), "1 kokous")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, title="Perhekeskusten kevättapaaminen")
        meeting_beside(meeting, title="Uusi työpaja")
    page = client.get(MEETINGS)
    assertContains(page, "2 kokousta")
    assertContains(page, "Perhekeskusten kevättapaaminen")
    assertContains(page, "Uusi työpaja")
    assertNotContains(page, "Perhekeskusten verkostotapaaminen")


def test_rows_kept_for_an_admin_are_not_shown_to_others(
    client, project, portal_admin, municipal_staff, coordinator
):
    """The minutes' own attachment is listed before approval to the admins and the
    project's coordinators only: each sees the rows kept for their own kind."""
    meeting = coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    MinutesFactory(meeting=meeting)
    AttachmentFactory(meeting=meeting, kind=AttachmentKind.MINUTES)
    for user, listed in (
        (portal_admin, True),
        (municipal_staff, False),
        (None, False),
        (coordinator, True),
        (portal_admin, True),
        (municipal_staff, False),
    ):
        client.logout()
        if user:
            client.force_login(user)
        page = client.get(MEETINGS)
        if listed:
            assertContains(page, "1 liite")
        else:
            assertNotContains(page, "1 liite")


def test_a_kept_calendar_month_shows_a_committed_meeting(
    client, project, municipal_staff, django_capture_on_commit_callbacks
):
    meeting = coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    starts = timezone.localtime(meeting.starts_at)
    month = reverse("workshops:calendar", args=[starts.year, starts.month])
    client.force_login(municipal_staff)
    assertContains(client.get(month), "Perhekeskusten verkostotapaaminen")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_beside(meeting, title="Uusi työpaja")
    assertContains(client.get(month), "Uusi työpaja")


def test_a_project_editor_and_a_reader_each_get_their_own_kept_funding_panel(
    client, project, coordinator, municipal_staff, django_capture_on_commit_callbacks
):
    line = BudgetLineFactory(project=project, amount=Decimal("12500.50"))
    page = reverse("projects:detail", args=[project.slug])
    edit = reverse("projects:budget_line_update", args=[project.slug, line.pk])
    for user, editor in ((coordinator, True), (municipal_staff, False), (coordinator, True)):
        client.force_login(user)
        response = client.get(page)
        assertContains(response, "12\N{NO-BREAK SPACE}500,50")
        (assertContains if editor else assertNotContains)(response, edit)
    with django_capture_on_commit_callbacks(execute=True):
        line.amount = Decimal("13000.00")
        budget_line_update(budget_line=line)
    # A reader: the editor's page also shows the change in the project's history.
    client.force_login(municipal_staff)
    response = client.get(page)
    assertContains(response, "13\N{NO-BREAK SPACE}000,00")
    assertNotContains(response, "12\N{NO-BREAK SPACE}500,50")


def test_search_hits_kept_for_an_admin_are_not_shown_to_others(
    client, project, portal_admin, municipal_staff, django_capture_on_commit_callbacks
):
    """Draft minutes are found by the admins only; a committed meeting is found at once."""
    meeting = coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    MinutesFactory(meeting=meeting, text="Kuukkelipesueen havainnot kirjattiin.")
    search = reverse("portal:search") + "?q=kuukkelipesue"
    for user, found in ((portal_admin, True), (municipal_staff, False), (portal_admin, True)):
        client.force_login(user)
        (assertContains if found else assertNotContains)(client.get(search), "Muistiot (1)")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_beside(meeting, title="Kuukkelipesueen retki")
    assertContains(client.get(search), "Kokoukset ja työpajat (1)")


def test_a_kept_municipality_page_shows_a_committed_meeting(
    client, project, municipal_staff, django_capture_on_commit_callbacks
):
    host = MunicipalityFactory(code="444", name_fi="Lohja")
    meeting = coming_meeting(project=project, host_municipality=host, title="Lohjan kokous")
    page = reverse("portal:municipality_detail", args=[host.code])
    client.force_login(municipal_staff)
    assertContains(client.get(page), "Lohjan kokous")
    other = MunicipalityFactory(code="445", name_fi="Karkkila")
    other_page = client.get(reverse("portal:municipality_detail", args=[other.code]))
    assertNotContains(other_page, "Lohjan kokous")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, title="Lohjan työpaja")
    response = client.get(page)
    assertContains(response, "Lohjan työpaja")
    assertNotContains(response, "Lohjan kokous")


def test_a_kept_region_programme_page_shows_a_committed_change(
    client, municipal_staff, django_capture_on_commit_callbacks
):
    project = ProjectFactory(region=RegionFactory(code="01"), name="Lapsen paras")
    ProjectFactory(region=RegionFactory(code="15"), name="LAPE Pohjanmaa")
    client.force_login(municipal_staff)
    first = client.get(reverse("portal:programme_region", args=["01"]))
    assertContains(first, "Lapsen paras")
    assertNotContains(first, "LAPE Pohjanmaa")
    assertContains(client.get(reverse("portal:programme_region", args=["15"])), "LAPE Pohjanmaa")
    with django_capture_on_commit_callbacks(execute=True):
        project.name = "Lapsen paras – yhdessä enemmän"
        project_update(project=project)
    assertContains(
        client.get(reverse("portal:programme_region", args=["01"])),
        "Lapsen paras – yhdessä enemmän",
    )


def test_contact_details_kept_for_signed_in_users_are_not_shown_to_visitors(
    client, project, municipal_staff
):
    ContactFactory(project=project, email="koordinaattori@lohja.fi")
    page = reverse("projects:detail", args=[project.slug])
    client.force_login(municipal_staff)
    assertContains(client.get(page), "koordinaattori@lohja.fi")
    client.logout()
    assertNotContains(client.get(page), "koordinaattori@lohja.fi")


def test_a_part_holding_a_csrf_token_is_never_kept(rf):
    request = rf.get("/")
    form = Template('<form method="post">{% csrf_token %}</form>')
    with pytest.raises(ValueError, match="must not hold a form"):
        kept_fragment("test:form", lambda: form.render(RequestContext(request)))
    assert kept_fragment("test:text", lambda: {"html": "<p>Kokous</p>"}) == {
        "html": "<p>Kokous</p>"
    }


def test_each_calendar_month_is_kept_apart(client, project, municipal_staff):
    june = coming_meeting(project=project, title="Kesäkuun kokous")
    july = coming_meeting(
        project=project,
        title="Heinäkuun kokous",
        starts_at=june.starts_at + datetime.timedelta(days=62),
    )
    client.force_login(municipal_staff)
    for shown, other in ((june, july), (july, june), (june, july)):
        starts = timezone.localtime(shown.starts_at)
        page = client.get(reverse("workshops:calendar", args=[starts.year, starts.month]))
        grid = page.content.decode().split('id="calendar-caption"')[1].split("</table>")[0]
        assert shown.title in grid
        assert other.title not in grid
