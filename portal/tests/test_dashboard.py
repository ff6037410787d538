"""A user's own page: a coordinator's projects, meetings, draft minutes and budget lines over
plan, and everyone's own registrations."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from municipalities.models import LanguageStatus
from municipalities.tests.factories import MunicipalityFactory
from projects.tests.factories import BudgetLineFactory, ExpenseFactory
from workshops.tests.factories import (
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("portal:dashboard")


def seed_dashboard(project, other_project, user, rows: int) -> None:
    """``rows`` of each kind on ``project``, and as many on ``other_project``."""
    soon = timezone.now() + datetime.timedelta(days=10)
    for number in range(rows):
        for each in (project, other_project):
            group = WorkingGroupFactory(project=each)
            meeting = MeetingFactory(
                working_group=group, starts_at=soon + datetime.timedelta(days=number)
            )
            RegistrationFactory(meeting=meeting, user=user)
            # Bilingual invitees put the meeting on the Swedish-gap list.
            meeting.invited_municipalities.add(
                MunicipalityFactory(language_status=LanguageStatus.BILINGUAL_FINNISH_MAJORITY)
            )
            past = MeetingFactory(working_group=group, starts_at=soon.replace(year=2018))
            MinutesFactory(meeting=past)
            line = BudgetLineFactory(project=each, year=2017 + number, amount=Decimal("100.00"))
            ExpenseFactory(
                budget_line=line,
                amount=Decimal("150.00"),
                date=datetime.date(2017 + number, 5, 1),
            )


def test_visitor_is_sent_to_log_in(client):
    assertRedirects(client.get(URL), f"{reverse('login')}?next={URL}")


@pytest.mark.parametrize("rows", [3, 6])
def test_coordinators_page_runs_the_same_queries_for_more_rows(
    client, django_assert_num_queries, project, other_project, coordinator, rows
):
    seed_dashboard(project, other_project, coordinator, rows)
    client.force_login(coordinator)
    # 1 session, 2 user, 3 savepoint, 4 the user's projects, 5 own registrations, 6 own
    # follows, 7 the projects' next meetings with registration counts, 8 draft minutes,
    # 9-12 the Swedish-gap list (added with it: its meetings, their municipalities served in
    # Swedish, agenda items, public attachments), 13 meetings flagged short of
    # registrations, 14 budget lines over plan, 15 release savepoint.
    with django_assert_num_queries(15):
        response = client.get(URL)
    assert len(response.context["next_meetings"]) == rows
    assert len(response.context["draft_minutes"]) == rows
    assert len(response.context["swedish_gaps"]) == rows
    assert len(response.context["budget_lines_over_plan"]) == rows
    assert len(response.context["registrations"]) == 2 * rows


def test_coordinator_sees_only_their_own_projects_work(client, project, other_project, coordinator):
    mine = MeetingFactory(
        working_group=WorkingGroupFactory(project=project),
        title="Oman hankkeen tuleva kokous",
        starts_at=timezone.now() + datetime.timedelta(days=5),
        min_registrations=5,
    )
    RegistrationFactory(meeting=mine)
    MeetingFactory(
        working_group=WorkingGroupFactory(project=other_project),
        title="Vieraan hankkeen kokous",
        starts_at=timezone.now() + datetime.timedelta(days=5),
    )
    MinutesFactory(meeting__working_group__project=project, meeting__title="Luonnoksen kokous")
    over = BudgetLineFactory(project=project, year=2017, amount=Decimal("1000.00"))
    ExpenseFactory(budget_line=over, amount=Decimal("1200.00"), date=datetime.date(2017, 3, 1))
    within = BudgetLineFactory(project=project, year=2018, amount=Decimal("1000.00"))
    ExpenseFactory(budget_line=within, amount=Decimal("900.00"), date=datetime.date(2018, 3, 1))
    client.force_login(coordinator)
    response = client.get(URL)
    assertContains(response, "Oman hankkeen tuleva kokous")
    assertContains(response, "alle vähimmäismäärän 5")
    assertNotContains(response, "Vieraan hankkeen kokous")
    assertContains(response, "Luonnoksen kokous")
    assert response.context["budget_lines_over_plan"] == [over]
    assertContains(response, "toteutunut 1\N{NO-BREAK SPACE}200,00")


def test_municipal_staff_sees_their_registrations_but_no_coordinator_sections(
    client, municipal_staff
):
    meeting = MeetingFactory(
        title="Ilmoittauduttu kokous", starts_at=timezone.now() + datetime.timedelta(days=5)
    )
    RegistrationFactory(meeting=meeting, user=municipal_staff)
    client.force_login(municipal_staff)
    response = client.get(URL)
    assertContains(response, "Ilmoittauduttu kokous")
    assertNotContains(response, "Luonnoksina olevat muistiot")


def test_header_links_to_the_own_page_when_logged_in(client, municipal_staff):
    client.force_login(municipal_staff)
    assertContains(client.get(reverse("portal:home")), f'href="{URL}"')
