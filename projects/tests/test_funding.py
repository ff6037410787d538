from decimal import Decimal

import pytest

from projects.models import CostCategory, Project
from projects.tests.factories import (
    BudgetLineFactory,
    ExpenseFactory,
    GrantDecisionFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def funded(project):
    return Project.objects.with_funding().get(pk=project.pk)


def test_own_financing_is_the_budget_not_covered_by_grants():
    project = ProjectFactory(total_budget=Decimal("1750000.00"))
    GrantDecisionFactory(
        project=project, amount_applied=Decimal("1670000.00"), amount_granted=Decimal("1400000.00")
    )
    project = funded(project)
    assert project.amount_applied == Decimal("1670000.00")
    assert project.amount_granted == Decimal("1400000.00")
    assert project.own_financing == Decimal("350000.00")


def test_grants_of_a_project_add_up_and_other_projects_do_not_count():
    project = ProjectFactory(total_budget=Decimal("100000.00"))
    GrantDecisionFactory(project=project, amount_granted=Decimal("30000.00"))
    GrantDecisionFactory(project=project, amount_granted=Decimal("20000.00"))
    GrantDecisionFactory(amount_granted=Decimal("99999.00"))
    assert funded(project).own_financing == Decimal("50000.00")


def test_planned_and_spent_do_not_multiply_with_several_lines_and_expenses():
    project = ProjectFactory()
    travel = BudgetLineFactory(
        project=project, category=CostCategory.TRAVEL, amount=Decimal("1000.00")
    )
    events = BudgetLineFactory(
        project=project, category=CostCategory.EVENTS, amount=Decimal("3000.00")
    )
    ExpenseFactory(budget_line=travel, amount=Decimal("150.25"))
    ExpenseFactory(budget_line=travel, amount=Decimal("49.75"))
    ExpenseFactory(budget_line=events, amount=Decimal("800.00"))
    GrantDecisionFactory(project=project, amount_granted=Decimal("2000.00"))
    GrantDecisionFactory(project=project, amount_granted=Decimal("500.00"))

    project = funded(project)

    assert project.amount_planned == Decimal("4000.00")
    assert project.amount_spent == Decimal("1000.00")
    assert project.amount_granted == Decimal("2500.00")
    assert project.spent_share == Decimal("0.25")


def test_project_without_budget_or_grants_shows_unknowns_not_zero_shares():
    project = funded(ProjectFactory(total_budget=None))
    assert project.own_financing is None
    assert project.spent_share is None
    assert project.amount_applied is None
    assert project.amount_granted == Decimal("0")
    assert not project.granted_is_partial


def test_grants_of_unknown_amount_only_leave_the_granted_sum_unknown_not_zero():
    project = ProjectFactory(total_budget=Decimal("100000.00"))
    GrantDecisionFactory.create_batch(2, project=project, amount_granted=None)
    project = funded(project)
    assert project.amount_granted is None
    assert project.unknown_grants == 2
    assert not project.granted_is_partial
    assert project.own_financing is None


def test_known_grants_add_up_and_unknown_ones_are_counted_not_taken_as_zero():
    project = ProjectFactory(total_budget=Decimal("100000.00"))
    GrantDecisionFactory(project=project, amount_granted=Decimal("30000.00"))
    GrantDecisionFactory(project=project, amount_granted=Decimal("20000.00"))
    GrantDecisionFactory(project=project, amount_granted=None)
    GrantDecisionFactory(amount_granted=None)
    project = funded(project)
    assert project.amount_granted == Decimal("50000.00")
    assert project.unknown_grants == 1
    assert project.granted_is_partial
    # What the project pays itself cannot be known while a grant's amount is not.
    assert project.own_financing is None
