"""Writes on a project and its rows (budget lines, expenses, contacts, partners), with their rules.

Every write is recorded in the admin's change history (``LogEntry``), so that the admins see
who changed a project's figures from the portal.
"""

from collections.abc import Sequence

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.examples import unmark_changed
from core.versioning import is_versioned, save_versioned
from projects.models import BudgetLine, Expense


def _log(*, record: models.Model, user, action_flag: int, change_message: list) -> None:
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[record],
        action_flag=action_flag,
        change_message=change_message,
        single_object=True,
    )


@transaction.atomic
def record_save(
    *,
    record: models.Model,
    user,
    changed_fields: Sequence[str] = (),
    expected_version: int | None = None,
) -> models.Model:
    """Save a new or changed project, budget line, contact or partner that a form validated.

    ``changed_fields`` are the labels of the fields changed, for the change history. A changed
    project or budget line is saved as its next version: ``expected_version`` is the version
    the user's form was loaded at, and a save over someone else's newer one is refused with a
    ``StaleEdit`` (see ``core.versioning.save_versioned``). A value the user changed is a
    fact from now on: its example mark goes (``core.examples``).
    """
    adding = record._state.adding
    unmark_changed(record)
    record._history_user = user
    if adding or not is_versioned(record):
        record.save()
    else:
        save_versioned(record, user=user, expected_version=expected_version)
    if adding:
        _log(record=record, user=user, action_flag=ADDITION, change_message=[{"added": {}}])
    else:
        change_message = [{"changed": {"fields": list(changed_fields)}}] if changed_fields else []
        _log(record=record, user=user, action_flag=CHANGE, change_message=change_message)
    return record


@transaction.atomic
def record_delete(*, record: models.Model, user) -> None:
    """Delete a project's expense, contact or partner."""
    _log(record=record, user=user, action_flag=DELETION, change_message=[])
    record._history_user = user
    record.delete()


@transaction.atomic
def expense_save(*, expense: Expense, user, changed_fields: Sequence[str] = ()) -> Expense:
    """Save an expense; its date must fall within the year of its budget line."""
    if expense.date.year != expense.budget_line.year:
        raise ValidationError(
            {
                "date": _("Päivämäärän on oltava budjettirivin vuonna %(year)s.")
                % {"year": expense.budget_line.year}
            }
        )
    return record_save(record=expense, user=user, changed_fields=changed_fields)


@transaction.atomic
def budget_line_delete(*, budget_line: BudgetLine, user) -> None:
    """Delete a budget line that has no expenses booked against it."""
    if budget_line.expenses.exists():
        raise ValidationError(
            _("Budjettiriviä ei voi poistaa, koska sille on kirjattu kuluja. Poista kulut ensin.")
        )
    record_delete(record=budget_line, user=user)
