"""The project list's cards and the budget lines' table, in the columns their files share:
``{% load project_tables %}``."""

from django import template

from core.exports import Table
from projects.columns import BUDGET_LINE_COLUMNS, BUDGET_LINE_ROW_HEADER, PROJECT_COLUMNS

register = template.Library()


@register.simple_tag
def projects_table(projects) -> Table:
    return Table(PROJECT_COLUMNS, projects)


@register.simple_tag
def budget_lines_table(lines) -> Table:
    return Table(BUDGET_LINE_COLUMNS, lines, row_header=BUDGET_LINE_ROW_HEADER)
