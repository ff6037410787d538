"""The change history of a project as its page shows it to those who may edit it."""

from django.utils import formats
from django.utils.translation import gettext as _

from core.history import (
    HISTORY_LENGTH,
    HistoryEntry,
    display_value,
    latest_entries,
    register_subject,
)
from projects.models import BudgetLine, Expense, GrantDecision, Project


def budget_line_name(line) -> str:
    """ "2017 matkakulut": a budget line among the lines of its own project."""
    return f"{line.year} {line.get_category_display()}"


register_subject(Project, lambda record: _("Hanke"))
register_subject(
    GrantDecision,
    lambda record: (
        _("Avustuspäätös: %(funder)s")
        % {"funder": display_value(record, GrantDecision._meta.get_field("funder"))}
    ),
)
register_subject(
    BudgetLine,
    lambda record: _("Budjettirivi %(line)s") % {"line": budget_line_name(record)},
    label=budget_line_name,
)
register_subject(
    Expense,
    lambda record: (
        _("Kulu %(date)s %(description)s")
        % {
            "date": formats.date_format(record.date, "SHORT_DATE_FORMAT"),
            "description": record.description,
        }
    ),
)


def project_history(project: Project, *, limit: int = HISTORY_LENGTH) -> list[HistoryEntry]:
    """The latest changes to ``project``, its grants, budget lines and expenses (four queries).

    Rows deleted since keep their history, so a deleted budget line's expenses are found
    through the budget line's history, not through the line itself.
    """
    budget_line_ids = BudgetLine.history.filter(project_id=project.pk).values("id")
    return latest_entries(
        [
            Project.history.filter(id=project.pk),
            GrantDecision.history.filter(project_id=project.pk),
            BudgetLine.history.filter(project_id=project.pk),
            Expense.history.filter(budget_line_id__in=budget_line_ids),
        ],
        limit=limit,
    )
