"""A project's funding report and the files of the project's lists: the report pack (XLSX
and PDF), the project list and the budget lines as CSV and XLSX."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from core.exports import Table, csv_response, xlsx_response
from core.pdf import PdfDocument
from projects.columns import (
    BUDGET_LINE_COLUMNS,
    BUDGET_LINE_PLANNED,
    BUDGET_LINE_SPENT,
    PROJECT_COLUMNS,
)
from projects.forms import ProjectFilterForm
from projects.funding_report import funding_report
from projects.models import Project
from projects.permissions import can_view_reporting


class FundingReportView(DetailView):
    """The grants and costs of a project in every view of the report pack, with its files."""

    template_name = "projects/funding_report.html"
    context_object_name = "project"

    def get_queryset(self):
        return Project.objects.select_related("region").with_funding()

    def get_context_data(self, **kwargs):
        report = funding_report(self.object)
        return super().get_context_data(
            report=report,
            cost_views=report.cost_sheets(),
            can_view_reporting=can_view_reporting(self.request.user, self.object),
            **kwargs,
        )


def _project_with_funding(slug: str) -> Project:
    return get_object_or_404(Project.objects.select_related("region").with_funding(), slug=slug)


@require_safe
def funding_report_xlsx(request, slug: str):
    project = _project_with_funding(slug)
    return xlsx_response(
        funding_report(project).sheets(), filename=f"rahoitusraportti-{project.slug}.xlsx"
    )


@require_safe
def funding_report_pdf(request, slug: str):
    project = _project_with_funding(slug)
    document = PdfDocument(_("Rahoitusraportti: %(project)s") % {"project": project})
    document.heading(document.title)
    document.paragraph(f"{project.localized_name}, {project.region.name}")
    for title, table in funding_report(project).sheets():
        document.heading(title, 2)
        document.export_table(table)
    return document.response(filename=f"rahoitusraportti-{project.slug}.pdf")


def _filtered_projects(request):
    return ProjectFilterForm(request.GET).apply(Project.objects.for_list_page())


@require_safe
def project_list_csv(request):
    """The project list's rows, all pages of them, with the page's filters and order."""
    return csv_response(
        Table(PROJECT_COLUMNS, _filtered_projects(request)), filename="hankkeet.csv"
    )


@require_safe
def project_list_xlsx(request):
    return xlsx_response(
        [(_("Hankkeet"), Table(PROJECT_COLUMNS, _filtered_projects(request)))],
        filename="hankkeet.xlsx",
    )


def _budget_lines(slug: str) -> tuple[Project, Table]:
    project = get_object_or_404(Project.objects.with_funding(), slug=slug)
    table = Table(
        BUDGET_LINE_COLUMNS,
        project.budget_lines.for_funding_table(),
        totals={
            BUDGET_LINE_PLANNED: project.amount_planned,
            BUDGET_LINE_SPENT: project.amount_spent,
        },
        total_label=_("Yhteensä"),
    )
    return project, table


@require_safe
def budget_lines_csv(request, slug: str):
    project, table = _budget_lines(slug)
    return csv_response(table, filename=f"budjettirivit-{project.slug}.csv")


@require_safe
def budget_lines_xlsx(request, slug: str):
    project, table = _budget_lines(slug)
    return xlsx_response(
        [(_("Budjettirivit"), table)], filename=f"budjettirivit-{project.slug}.xlsx"
    )
