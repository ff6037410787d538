"""Each region's programme figures (``RegionSums``) stay what its projects add up to: triggers
mark the regions a write changes (migration ``0013_region_sums``), and
``region_sums_refresh`` sums those again before the rows are read."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction

from municipalities.tests.factories import RegionFactory
from projects import services
from projects.models import (
    DevelopmentArea,
    Expense,
    Project,
    ProjectDevelopmentArea,
    RegionSums,
    StaleRegionSums,
)
from projects.tests.factories import (
    BudgetLineFactory,
    DevelopmentAreaFactory,
    ExpenseFactory,
    GrantDecisionFactory,
    ProjectDevelopmentAreaFactory,
    ProjectFactory,
)
from projects.tests.test_project_sums import wait_until_another_waits_for_a_lock
from workshops.tests.factories import MeetingFactory

BOOKED = datetime.date(2018, 3, 1)
FIELDS = [field.attname for field in RegionSums._meta.fields if field.name != "id"]


def kept() -> list[dict]:
    """The kept rows, after the stale regions are summed again."""
    services.region_sums_refresh()
    return sorted(RegionSums.objects.values(*FIELDS), key=repr)


def summed() -> list[dict]:
    """The rows summed afresh from every project."""
    return sorted(Project.objects.region_sums(), key=repr)


def stale() -> set[str]:
    return set(StaleRegionSums.objects.values_list("region__code", flat=True))


@pytest.fixture
def programme():
    """Two regions: in Uusimaa a project in two areas and one in none, in Pohjanmaa one in
    the first area; each with a grant, the first and last with an expense. Their sums kept
    and current."""
    uusimaa, pohjanmaa = RegionFactory(code="01"), RegionFactory(code="15", name_fi="Pohjanmaa")
    areas = [DevelopmentAreaFactory(number=number) for number in (1, 2)]
    projects = [
        ProjectFactory(region=uusimaa, total_budget=Decimal("1000.01")),
        ProjectFactory(region=uusimaa, total_budget=Decimal(500)),
        ProjectFactory(region=pohjanmaa, total_budget=None),
    ]
    for project, project_areas in zip(projects, [areas, [], areas[:1]], strict=True):
        GrantDecisionFactory(project=project, amount_granted=Decimal("300.03"))
        if project is not projects[1]:  # which can then be deleted
            ExpenseFactory(budget_line=BudgetLineFactory(project=project), amount=Decimal("7.77"))
        for area in project_areas:
            ProjectDevelopmentAreaFactory(project=project, development_area=area)
    assert kept() == summed()
    assert stale() == set()
    return projects


def book_expense(projects):
    ExpenseFactory(budget_line=projects[0].budget_lines.get(), amount=Decimal("0.05"))


def change_grant(projects):
    grant = projects[0].grants.get()
    grant.amount_granted = None
    services.grant_update(grant=grant)


def bulk_expenses(projects):
    line = projects[0].budget_lines.get()
    Expense.objects.bulk_create(
        Expense(budget_line=line, date=BOOKED, amount=Decimal(1), description="Kahvi")
        for _ in range(3)
    )


def change_budget(projects):
    Project.objects.filter(pk=projects[0].pk).update(total_budget=Decimal("99.99"))


def move_project(projects):
    projects[0].region = projects[2].region
    projects[0].save()


def link_area(projects):
    ProjectDevelopmentAreaFactory(
        project=projects[1], development_area=DevelopmentArea.objects.get(number=2)
    )


def unlink_area(projects):
    ProjectDevelopmentArea.objects.filter(project=projects[0], development_area__number=1).delete()


def delete_project(projects):
    Project.objects.filter(pk=projects[1].pk).delete()


def add_project(projects):
    ProjectFactory(region=projects[0].region, total_budget=Decimal(1))


def renumber_area(projects):
    DevelopmentArea.objects.filter(number=2).update(number=3)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("write", "marked"),
    [
        (book_expense, {"01"}),
        (change_grant, {"01"}),
        (bulk_expenses, {"01"}),
        (change_budget, {"01"}),
        (move_project, {"01", "15"}),
        (link_area, {"01"}),
        (unlink_area, {"01"}),
        (delete_project, {"01"}),
        (add_project, {"01"}),
        (renumber_area, {"01", "15"}),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_a_write_marks_the_regions_it_changes_and_their_sums_follow(programme, write, marked):
    before = kept()

    write(programme)

    assert stale() == marked
    after = kept()
    assert after == summed()
    assert after != before
    assert stale() == set()


@pytest.mark.django_db
def test_a_write_that_changes_no_figure_of_a_project_marks_no_region(programme):
    MeetingFactory(working_group__project=programme[0])
    RegionFactory(code="12", name_fi="Pohjois-Savo")
    assert stale() == set()


@pytest.mark.django_db
def test_a_region_is_summed_again_alone_and_loses_its_rows_with_its_last_project(programme):
    Expense.objects.filter(budget_line__project=programme[0]).delete()
    Project.objects.filter(pk__in=[project.pk for project in programme[:2]]).delete()
    kept_before = RegionSums.objects.filter(region=programme[2].region).count()
    services.region_sums_refresh(region_ids=[programme[2].region_id])
    assert stale() == {"01"}

    services.region_sums_refresh(region_ids=[programme[0].region_id])

    assert not RegionSums.objects.filter(region=programme[0].region).exists()
    assert RegionSums.objects.filter(region=programme[2].region).count() == kept_before
    assert kept() == summed()


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_while_its_region_is_summed_again_is_summed_next_time(programme):
    """The refresh takes the marks first: a change of the same region while it sums waits
    for its commit, then marks the region again, so its amount is not lost."""
    refreshing, errors = threading.Event(), []

    def refresh():
        try:
            with transaction.atomic():
                services.region_sums_refresh()
                refreshing.set()
                wait_until_another_waits_for_a_lock()
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    def write():
        try:
            refreshing.wait(10)
            book_expense(programme)
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    book_expense(programme)  # marks Uusimaa, for the refresh to take
    threads = [threading.Thread(target=refresh), threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert stale() == {"01"}
    assert kept() == summed()
