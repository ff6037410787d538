"""The change history of a project as its page shows it to those who may edit it."""

from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.history import (
    HISTORY_LENGTH,
    HistoryEntry,
    display_value,
    latest_entries,
    register_subject,
)
from projects.models import (
    BudgetLine,
    Contact,
    Expense,
    FunderRequest,
    GrantDecision,
    Project,
    ProjectPartner,
)


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
register_subject(
    FunderRequest,
    lambda record: (
        _("Rahoittajan pyyntö: %(description)s")
        % {"description": Truncator(record.description).chars(60)}
    ),
)
register_subject(Contact, lambda record: _("Yhteyshenkilö %(name)s") % {"name": record.name})


def partner_subject(record) -> str:
    """ "Kumppani Pesäpuu ry": a partner is an organisation or a municipality."""
    field = ProjectPartner._meta.get_field(
        "organisation" if record.organisation_id else "municipality"
    )
    return _("Kumppani %(partner)s") % {"partner": display_value(record, field)}


register_subject(ProjectPartner, partner_subject)


def project_history(project: Project, *, limit: int = HISTORY_LENGTH) -> list[HistoryEntry]:
    """The latest changes to ``project``, its grants and their funders' requests, budget
    lines, expenses, contacts and partners (seven queries).

    Rows deleted since keep their history, so a deleted budget line's expenses are found
    through the budget line's history, not through the line itself (a grant's requests alike).
    """
    grant_ids = GrantDecision.history.filter(project_id=project.pk).values("id")
    budget_line_ids = BudgetLine.history.filter(project_id=project.pk).values("id")
    return latest_entries(
        [
            Project.history.filter(id=project.pk),
            GrantDecision.history.filter(project_id=project.pk),
            FunderRequest.history.filter(grant_id__in=grant_ids),
            BudgetLine.history.filter(project_id=project.pk),
            Expense.history.filter(budget_line_id__in=budget_line_ids),
            Contact.history.filter(project_id=project.pk),
            ProjectPartner.history.filter(project_id=project.pk),
        ],
        limit=limit,
    )
