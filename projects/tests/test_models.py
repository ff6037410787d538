import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from municipalities.tests.factories import MunicipalityFactory, OrganisationFactory
from projects.models import CostCategory
from projects.tests.factories import (
    BudgetLineFactory,
    ExpenseFactory,
    GrantDecisionFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (GrantDecisionFactory, "amount_granted"),
        (GrantDecisionFactory, "amount_applied"),
        (BudgetLineFactory, "amount"),
        (ExpenseFactory, "amount"),
        (ProjectFactory, "total_budget"),
    ],
)
def test_negative_money_is_refused_by_the_database(factory, field):
    with pytest.raises(IntegrityError, match=f"{field}_non_negative"):
        factory(**{field: Decimal("-0.01")})


def test_a_grant_may_leave_its_amount_unknown_and_says_so():
    grant = GrantDecisionFactory(funder__short_name="STM", amount_granted=None)
    grant.full_clean()
    grant.refresh_from_db()
    assert grant.amount_granted is None
    assert str(grant) == "STM: ei tiedossa"


def test_a_grant_and_an_expense_name_their_amount_in_euros():
    grant = GrantDecisionFactory(funder__short_name="STM", amount_granted=Decimal("12500.50"))
    expense = ExpenseFactory(
        date=datetime.date(2017, 6, 1), description="Tilavuokra", amount=Decimal("12500.50")
    )
    assert str(grant) == "STM: 12\xa0500,50\xa0€"
    assert str(expense) == "2017-06-01 Tilavuokra 12\xa0500,50\xa0€"


def test_negative_budget_line_gets_a_form_error():
    line = BudgetLineFactory.build(project=ProjectFactory(), amount=Decimal("-5.00"))
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert "amount" in error.value.message_dict


def test_project_ending_before_it_starts_is_refused():
    with pytest.raises(IntegrityError, match="project_ends_after_start"):
        ProjectFactory(start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2017, 1, 1))


def test_project_ending_before_it_starts_gets_a_finnish_form_error():
    project = ProjectFactory.build(
        region=ProjectFactory().region,
        consortium=None,
        administering_municipality=None,
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2018, 1, 1),
    )
    with pytest.raises(ValidationError, match="Hankkeen on päätyttävä alkamisensa jälkeen"):
        project.full_clean()


def test_project_has_at_most_one_administrator():
    with pytest.raises(IntegrityError, match="project_one_administrator"):
        ProjectFactory(administering_organisation=OrganisationFactory())


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_partner_is_either_an_organisation_or_a_municipality(both):
    extra = {"municipality": MunicipalityFactory()} if both else {"organisation": None}
    with pytest.raises(IntegrityError, match="partner_is_organisation_or_municipality"):
        ProjectPartnerFactory(**extra)


def test_budget_line_is_unique_per_year_category_and_missing_area():
    line = BudgetLineFactory(category=CostCategory.TRAVEL, development_area=None)
    with pytest.raises(IntegrityError, match="budget_line_unique"):
        BudgetLineFactory(
            project=line.project, year=line.year, category=line.category, development_area=None
        )
