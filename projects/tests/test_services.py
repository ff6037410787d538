"""Writes on a project's rows: the rules of the services and the change history."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.exceptions import ValidationError

from projects import services
from projects.models import BudgetLine, Contact, Expense
from projects.tests.factories import BudgetLineFactory, ContactFactory, ExpenseFactory

pytestmark = pytest.mark.django_db


def test_expense_dated_outside_its_budget_lines_year_is_refused(coordinator):
    line = BudgetLineFactory(year=2017)
    expense = Expense(
        budget_line=line, date=datetime.date(2018, 1, 1), amount=Decimal("10"), description="X"
    )
    with pytest.raises(ValidationError) as refused:
        services.expense_save(expense=expense, user=coordinator)
    assert refused.value.message_dict == {
        "date": ["Päivämäärän on oltava budjettirivin vuonna 2017."]
    }
    assert not Expense.objects.exists()


def test_expense_within_the_year_is_saved_and_logged(coordinator):
    line = BudgetLineFactory(year=2017)
    expense = Expense(
        budget_line=line, date=datetime.date(2017, 12, 31), amount=Decimal("10"), description="X"
    )
    services.expense_save(expense=expense, user=coordinator)
    entry = LogEntry.objects.get()
    assert (entry.user, entry.action_flag, entry.object_id) == (
        coordinator,
        ADDITION,
        str(expense.pk),
    )


def test_record_save_logs_the_changed_fields(coordinator):
    line = BudgetLineFactory()
    line.amount = Decimal("5.00")
    services.record_save(record=line, user=coordinator, changed_fields=["Summa"])
    entry = LogEntry.objects.get()
    assert entry.action_flag == CHANGE
    assert entry.get_change_message() == "Muutettu Summa."


def test_record_delete_deletes_and_logs(coordinator):
    contact = ContactFactory()
    services.record_delete(record=contact, user=coordinator)
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert LogEntry.objects.get().action_flag == DELETION


def test_budget_line_with_expenses_is_not_deleted(coordinator):
    expense = ExpenseFactory()
    with pytest.raises(ValidationError):
        services.budget_line_delete(budget_line=expense.budget_line, user=coordinator)
    assert BudgetLine.objects.filter(pk=expense.budget_line.pk).exists()
    assert not LogEntry.objects.exists()


def test_budget_line_without_expenses_is_deleted(coordinator):
    line = BudgetLineFactory()
    services.budget_line_delete(budget_line=line, user=coordinator)
    assert not BudgetLine.objects.exists()


def test_record_save_turns_a_changed_example_value_into_a_fact(coordinator):
    line = BudgetLineFactory(amount=Decimal("100"), example_fields=["amount"])
    line.description = "Vain selite muuttui"
    services.record_save(record=line, user=coordinator)
    line.refresh_from_db()
    assert line.example_fields == ["amount"]

    line.amount = Decimal("120")
    services.record_save(record=line, user=coordinator)
    line.refresh_from_db()
    assert line.example_fields == []


def test_expense_save_unmarks_only_the_values_changed(coordinator):
    expense = ExpenseFactory(example_fields=["date", "amount", "description"])
    expense.description = "Todellinen kulu"
    services.expense_save(expense=expense, user=coordinator)
    expense.refresh_from_db()
    assert expense.example_fields == ["date", "amount"]
