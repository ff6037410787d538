"""The columns of the project list and of a project's budget lines, defined once for the
pages and their CSV and XLSX files (``core.exports``)."""

from django.utils.translation import gettext_lazy as _

from core.exports import DATE, MONEY, NUMBER, Column

CELLS = "projects/partials/cells/"

# The project list's cards and files; their rows need ``Project.objects.for_list_page()``.
PROJECT_COLUMNS = [
    Column(_("Hanke"), lambda project: project.localized_name, template=f"{CELLS}project.html"),
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
        template=f"{CELLS}project_start.html",
        icon="calendar",
    ),
    Column(
        _("Päättyy"),
        lambda project: project.end_date,
        DATE,
        template=f"{CELLS}project_end.html",
        icon="calendar",
    ),
    Column(_("Tila"), lambda project: project.get_status_display(), icon="info-circle"),
    Column(
        _("Kehittämiskokonaisuudet"),
        lambda project: ", ".join(str(link.development_area) for link in project.area_links.all()),
        template=f"{CELLS}project_areas.html",
        icon="layers",
    ),
    Column(
        _("Myönnetty avustus"),
        lambda project: project.amount_granted,
        MONEY,
        template=f"{CELLS}project_granted.html",
        icon="euro-sign",
    ),
    Column(_("Kokonaisbudjetti"), lambda project: project.total_budget, MONEY, icon="money-bag"),
]

BUDGET_LINE_PLANNED = Column(_("Suunniteltu"), lambda line: line.amount, MONEY)
BUDGET_LINE_SPENT = Column(
    _("Toteutunut"),
    lambda line: line.amount_spent,
    MONEY,
    template=f"{CELLS}budget_line_spent.html",
)
BUDGET_LINE_COLUMNS = [
    Column(_("Vuosi"), lambda line: line.year, NUMBER),
    Column(_("Kustannuslaji"), lambda line: line.get_category_display()),
    Column(
        _("Kehittämiskokonaisuus"),
        lambda line: str(line.development_area) if line.development_area else "",
    ),
    Column(_("Kumppani"), lambda line: line.partner.name if line.partner else ""),
    Column(
        _("Selite"), lambda line: line.description, template=f"{CELLS}budget_line_description.html"
    ),
    BUDGET_LINE_PLANNED,
    BUDGET_LINE_SPENT,
]
# The cost category names a budget line on the page.
BUDGET_LINE_ROW_HEADER = 1
