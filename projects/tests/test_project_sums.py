"""A project's sums (``ProjectSums``) follow every write of its grants, budget lines and
expenses, whoever makes it: PostgreSQL keeps them (migration ``0011_project_sums``)."""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction

from projects import services
from projects.models import BudgetLine, Expense, GrantDecision, Project, ProjectSums
from projects.tests.factories import (
    BudgetLineFactory,
    ExpenseFactory,
    GrantDecisionFactory,
    ProjectFactory,
)

FIELDS = ("amount_applied", "amount_granted", "unknown_grants", "amount_planned", "amount_spent")


def figures(project: Project) -> dict:
    return Project.objects.with_funding().values(*FIELDS).get(pk=project.pk)


def summed(project: Project) -> dict:
    """The figures summed from the rows themselves, as ``with_funding()`` promises them."""
    grants = list(GrantDecision.objects.filter(project=project))
    known = [grant.amount_granted for grant in grants if grant.amount_granted is not None]
    applied = [grant.amount_applied for grant in grants if grant.amount_applied is not None]
    unknown = len(grants) - len(known)
    return {
        "amount_applied": sum(applied) if applied else None,
        "amount_granted": sum(known) if known else (None if unknown else Decimal(0)),
        "unknown_grants": unknown,
        "amount_planned": sum(line.amount for line in project.budget_lines.all()),
        "amount_spent": sum(
            expense.amount for expense in Expense.objects.filter(budget_line__project=project)
        ),
    }


@pytest.mark.django_db
def test_a_project_without_rows_has_sums_of_zero_and_an_unknown_application():
    project = ProjectFactory()
    assert figures(project) == {
        "amount_applied": None,
        "amount_granted": Decimal(0),
        "unknown_grants": 0,
        "amount_planned": Decimal(0),
        "amount_spent": Decimal(0),
    }


@pytest.mark.django_db
def test_sums_follow_saves_bulk_writes_and_deletes():
    project, other = ProjectFactory(), ProjectFactory()
    GrantDecisionFactory(project=project, amount_applied=Decimal("90000.00"))
    unknown = GrantDecisionFactory(project=project, amount_applied=None, amount_granted=None)
    travel = BudgetLineFactory(project=project, amount=Decimal("1000.00"))
    events = BudgetLineFactory(project=project, amount=Decimal("3000.50"))
    ExpenseFactory(budget_line=travel, amount=Decimal("150.25"))
    ExpenseFactory(budget_line=events, amount=Decimal("800.00"))
    assert figures(project) == summed(project)
    assert figures(project)["unknown_grants"] == 1

    # Writes that bypass the models' save() and their signals.
    GrantDecision.objects.filter(pk=unknown.pk).update(amount_granted=Decimal("5000.00"))
    Expense.objects.bulk_create(
        Expense(budget_line=travel, date=datetime.date(2017, 9, 1), amount=Decimal("9.99"))
        for _ in range(3)
    )
    BudgetLine.objects.filter(pk=events.pk).update(amount=Decimal("2000.00"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM projects_expense WHERE amount = 800")
    expected = summed(project)
    assert figures(project) == expected
    assert expected["amount_granted"] == Decimal("85000.00")
    assert expected["amount_spent"] == Decimal("180.22")

    # A budget line moved to another project takes its amount and expenses along.
    BudgetLine.objects.filter(pk=travel.pk).update(project=other)
    assert figures(project) == summed(project)
    assert figures(other) == summed(other)
    assert figures(other)["amount_spent"] == Decimal("180.22")

    services.budget_line_delete(budget_line=BudgetLine.objects.get(pk=events.pk))
    GrantDecision.objects.filter(project=project).delete()
    assert figures(project) == summed(project) == figures(ProjectFactory())


@pytest.mark.django_db
def test_a_write_that_is_rolled_back_leaves_the_sums_as_they_were():
    line = BudgetLineFactory(amount=Decimal("1000.00"))
    with pytest.raises(RuntimeError), transaction.atomic():
        ExpenseFactory(budget_line=line, amount=Decimal("400.00"))
        raise RuntimeError
    assert figures(line.project)["amount_spent"] == Decimal(0)


@pytest.mark.django_db(transaction=True)
def test_a_project_is_deleted_with_its_rows_and_sums():
    # (A budget line with expenses protects its project from deletion.)
    line = BudgetLineFactory()
    GrantDecisionFactory(project=line.project)
    kept = GrantDecisionFactory()
    assert ProjectSums.objects.count() == 2

    # Committed, so that the deferred constraints are checked too.
    with transaction.atomic():
        Project.objects.filter(pk=line.project.pk).delete()

    assert list(ProjectSums.objects.values_list("project", flat=True)) == [kept.project.pk]


def wait_until_another_waits_for_a_lock(seconds: float = 10) -> None:
    """Returns once another connection of the test database waits for a lock this one holds."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Activity is read once per transaction unless its snapshot is cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)
    raise AssertionError("The other transaction never waited for this one.")


@pytest.mark.django_db(transaction=True)
def test_two_transactions_booking_expenses_of_one_project_leave_both_in_its_sums():
    """The second transaction's sums are read after the first has committed, not from what
    was committed when its statement began."""
    project = ProjectFactory()
    first_line, second_line = BudgetLineFactory.create_batch(2, project=project)
    first_booked, errors = threading.Event(), []

    def book(line, amount, *, first: bool):
        try:
            if not first:
                first_booked.wait(10)
            with transaction.atomic():
                ExpenseFactory(budget_line=line, amount=amount)
                if first:
                    first_booked.set()
                    wait_until_another_waits_for_a_lock()
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=book, args=(first_line, Decimal("100.00")), kwargs={"first": True}),
        threading.Thread(
            target=book, args=(second_line, Decimal("20.00")), kwargs={"first": False}
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert figures(project)["amount_spent"] == Decimal("120.00")
