"""Writes on a project's rows: the rules of the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from municipalities.tests.factories import OrganisationFactory
from projects import services
from projects.models import BudgetLine, Contact, Expense, ProjectPartner
from projects.tests.factories import (
    BudgetLineFactory,
    ContactFactory,
    ExpenseFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db


def expense_on(line: BudgetLine, date: datetime.date) -> Expense:
    return Expense(budget_line=line, date=date, amount=Decimal("10"), description="Matkalasku")


def test_expense_dated_outside_its_budget_lines_year_is_refused():
    line = BudgetLineFactory(year=2017)
    with pytest.raises(ValidationError) as refused:
        services.expense_create(expense=expense_on(line, datetime.date(2018, 1, 1)))
    assert refused.value.message_dict == {
        "date": ["Päivämäärän on oltava budjettirivin vuonna 2017."]
    }
    assert not Expense.objects.exists()


def test_expense_within_the_year_is_booked():
    line = BudgetLineFactory(year=2017)
    expense = services.expense_create(expense=expense_on(line, datetime.date(2017, 12, 31)))
    assert Expense.objects.get() == expense


def test_expense_moved_outside_its_budget_lines_year_is_refused():
    expense = ExpenseFactory(budget_line__year=2017, date=datetime.date(2017, 3, 1))
    expense.date = datetime.date(2016, 12, 31)
    with pytest.raises(ValidationError):
        services.expense_update(expense=expense)
    assert Expense.objects.get().date == datetime.date(2017, 3, 1)


def test_budget_line_update_saves_the_next_version():
    line = BudgetLineFactory(amount=Decimal("100.00"))
    line.amount = Decimal("5.00")
    services.budget_line_update(budget_line=line, expected_version=1)
    line.refresh_from_db()
    assert (line.amount, line.version) == (Decimal("5.00"), 2)


def test_budget_line_year_cannot_leave_its_expenses_in_another_year():
    expense = ExpenseFactory(budget_line__year=2017, date=datetime.date(2017, 3, 1))
    line = expense.budget_line
    line.year = 2018
    with pytest.raises(ValidationError) as refused:
        services.budget_line_update(budget_line=line)
    assert list(refused.value.message_dict) == ["year"]
    assert BudgetLine.objects.get().year == 2017


def test_budget_line_year_changes_when_no_expense_is_left_in_another_year():
    line = BudgetLineFactory(year=2017)
    line.year = 2018
    services.budget_line_update(budget_line=line)
    assert BudgetLine.objects.get().year == 2018


def test_budget_line_with_expenses_is_not_deleted():
    expense = ExpenseFactory()
    with pytest.raises(ValidationError):
        services.budget_line_delete(budget_line=expense.budget_line)
    assert BudgetLine.objects.filter(pk=expense.budget_line.pk).exists()


def test_budget_line_without_expenses_is_deleted():
    line = BudgetLineFactory()
    services.budget_line_delete(budget_line=line)
    assert not BudgetLine.objects.exists()


def test_contact_and_partner_are_added_changed_and_removed():
    project = ProjectFactory()
    contact = services.contact_create(contact=ContactFactory.build(project=project, name="Aino"))
    partner = services.partner_create(
        partner=ProjectPartnerFactory.build(project=project, organisation=OrganisationFactory())
    )
    contact.name = "Aino Virtanen"
    services.contact_update(contact=contact)
    assert Contact.objects.get().name == "Aino Virtanen"
    services.contact_delete(contact=contact)
    services.partner_delete(partner=partner)
    assert not Contact.objects.exists() and not ProjectPartner.objects.exists()


def test_budget_line_update_turns_a_changed_example_value_into_a_fact():
    line = BudgetLineFactory(amount=Decimal("100"), example_fields=["amount"])
    line.description = "Vain selite muuttui"
    services.budget_line_update(budget_line=line)
    line.refresh_from_db()
    assert line.example_fields == ["amount"]

    line.amount = Decimal("120")
    services.budget_line_update(budget_line=line)
    line.refresh_from_db()
    assert line.example_fields == []


def test_expense_update_unmarks_only_the_values_changed():
    expense = ExpenseFactory(example_fields=["date", "amount", "description"])
    expense.description = "Todellinen kulu"
    services.expense_update(expense=expense)
    expense.refresh_from_db()
    assert expense.example_fields == ["date", "amount"]
