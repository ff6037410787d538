"""The columns of the project list and of a project's budget lines, defined once for the
pages and their CSV and XLSX files (``core.exports``)."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.exports import DATE, MONEY, NUMBER, Column
from core.i18n import choice_label
from core.templatetags.examples import example_mark
from projects.models import CostCategory, ProjectStatus
from projects.templatetags.funding import granted


def project_cell(project, text: str) -> str:
    """The project's name linked to its page; marked when its Swedish name is an example."""
    return format_html(
        '<a href="{}">{}</a>{}',
        reverse("projects:detail", args=[project.slug]),
        text,
        example_mark(project, "name_sv") if project.localized_name != project.name else "",
    )


def areas_cell(project, text: str) -> str:
    links = project.area_links.all()
    if not links:
        return "–"
    return format_html_join(
        "", '<span class="d-block">{}</span>', ((link.development_area,) for link in links)
    )


def example_date_cell(name: str):
    """A date cell marked when the project's date ``name`` is an example."""
    return lambda project, text: format_html("{}{}", text, example_mark(project, name))


def budget_line_spent_cell(line, text: str) -> str:
    if line.amount_spent <= line.amount:
        return text
    return format_html(
        '{} <span class="badge text-bg-danger">{}</span>', text, gettext("yli suunnitelman")
    )


def budget_line_description_cell(line, text: str) -> str:
    """The description, marked when the line or the expenses booked on it are examples."""
    extra = gettext("kirjatut kulut") if line.has_example_expenses else ""
    return format_html("{}{}", text, example_mark(line, extra=extra))


# The project list's cards and files; their rows need ``Project.objects.for_list_page()``.
PROJECT_COLUMNS = [
    Column(_("Hanke"), lambda project: project.localized_name, cell=project_cell),
    Column(_("Lyhyt nimi"), lambda project: project.short_name),
    Column(_("Maakunta"), lambda project: project.region.name, icon="location"),
    Column(
        _("Hallinnoija"),
        lambda project: project.administrator.name if project.administrator else "",
        icon="company",
    ),
    Column(
        _("Alkaa"),
        lambda project: project.start_date,
        DATE,
        cell=example_date_cell("start_date"),
        icon="calendar",
    ),
    Column(
        _("Päättyy"),
        lambda project: project.end_date,
        DATE,
        cell=example_date_cell("end_date"),
        icon="calendar",
    ),
    Column(
        _("Tila"), lambda project: choice_label(ProjectStatus, project.status), icon="info-circle"
    ),
    Column(
        _("Kehittämiskokonaisuudet"),
        lambda project: ", ".join(str(link.development_area) for link in project.area_links.all()),
        cell=areas_cell,
        icon="layers",
    ),
    Column(
        _("Myönnetty avustus"),
        lambda project: project.amount_granted,
        MONEY,
        cell=lambda project, text: granted(project),
        icon="euro-sign",
    ),
    Column(_("Kokonaisbudjetti"), lambda project: project.total_budget, MONEY, icon="money-bag"),
]

BUDGET_LINE_PLANNED = Column(_("Suunniteltu"), lambda line: line.amount, MONEY)
BUDGET_LINE_SPENT = Column(
    _("Toteutunut"),
    lambda line: line.amount_spent,
    MONEY,
    cell=budget_line_spent_cell,
)
BUDGET_LINE_COLUMNS = [
    Column(_("Vuosi"), lambda line: line.year, NUMBER),
    Column(_("Kustannuslaji"), lambda line: choice_label(CostCategory, line.category)),
    Column(
        _("Kehittämiskokonaisuus"),
        lambda line: str(line.development_area) if line.development_area else "",
    ),
    Column(_("Kumppani"), lambda line: line.partner.name if line.partner else ""),
    Column(_("Selite"), lambda line: line.description, cell=budget_line_description_cell),
    BUDGET_LINE_PLANNED,
    BUDGET_LINE_SPENT,
]
# The cost category names a budget line on the page.
BUDGET_LINE_ROW_HEADER = 1
