"""A project's funding as a coordinator reports it to the funder: the grants and the costs by
cost category, development area, partner and year, each planned against spent.

The same report is the funding page, its XLSX workbook and its PDF, so the three always agree
with each other and with the project's page (whose figures come from
``ProjectQuerySet.with_funding``).
"""

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import DATE, MONEY, Column, Table
from core.money import ZERO
from projects.models import BudgetLine, CostCategory, GrantDecision, Project


@dataclasses.dataclass
class CostRow:
    """Planned and spent costs of one category, area, partner or year."""

    label: str
    planned: Decimal = ZERO
    spent: Decimal = ZERO
    # What a partner's funded share grants it; None where unknown or not applicable.
    granted: Decimal | None = None

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent

    @property
    def is_over_plan(self) -> bool:
        return self.spent > self.planned

    @property
    def warning(self) -> str:
        return _("yli suunnitelman") if self.is_over_plan else ""


COST_PLANNED = Column(gettext_lazy("Suunniteltu"), lambda row: row.planned, MONEY)
COST_SPENT = Column(gettext_lazy("Toteutunut"), lambda row: row.spent, MONEY)
COST_REMAINING = Column(gettext_lazy("Jäljellä"), lambda row: row.remaining, MONEY)
COST_GRANTED = Column(gettext_lazy("Rahoitusosuus"), lambda row: row.granted, MONEY)


def warning_cell(row, text: str) -> str:
    return format_html('<span class="badge text-bg-danger">{}</span>', text) if text else ""


COST_WARNING = Column(
    gettext_lazy("Huomio"),
    lambda row: row.warning,
    cell=warning_cell,
)


def cost_columns(label: str, *, with_granted: bool = False) -> list[Column]:
    """The columns of a cost view whose rows are named by ``label``."""
    granted = [COST_GRANTED] if with_granted else []
    return [
        Column(label, lambda row: row.label),
        COST_PLANNED,
        COST_SPENT,
        COST_REMAINING,
        *granted,
        COST_WARNING,
    ]


GRANT_COLUMNS = [
    Column(gettext_lazy("Rahoittaja"), lambda grant: grant.funder.name),
    Column(gettext_lazy("Päätöspäivä"), lambda grant: grant.decision_date, DATE),
    Column(gettext_lazy("Diaarinumero"), lambda grant: grant.reference),
    Column(gettext_lazy("Haettu"), lambda grant: grant.amount_applied, MONEY),
    Column(gettext_lazy("Myönnetty"), lambda grant: grant.amount_granted, MONEY),
    Column(gettext_lazy("Maksettu"), lambda grant: grant.amount_paid, MONEY),
]

EXAMPLE_COSTS = gettext_lazy(
    "Esimerkkiaineisto: lähteet eivät kerro kaikkia budjettirivien summia ja kuluja; näin "
    "merkityt luvut ovat esimerkkejä, jotka näyttävät, miten portaali toimii."
)
NOTE_COLUMNS = [Column(gettext_lazy("Huomautus"), str)]

SUMMARY_COLUMNS = [
    Column(gettext_lazy("Erä"), lambda row: row[0]),
    Column(gettext_lazy("Summa"), lambda row: row[1], MONEY),
]


def _grouped(
    lines: list[BudgetLine],
    key: Callable[[BudgetLine], object],
    new_row: Callable[[BudgetLine], CostRow],
) -> list[CostRow]:
    """The lines summed by ``key`` in the order the keys first occur; ``new_row`` starts a
    group's row from its first line."""
    rows: dict[object, CostRow] = {}
    for line in lines:
        group = key(line)
        if group not in rows:
            rows[group] = new_row(line)
        rows[group].planned += line.amount
        rows[group].spent += line.amount_spent
    return list(rows.values())


@dataclasses.dataclass
class FundingReport:
    project: Project
    grants: list[GrantDecision]
    lines: list[BudgetLine]

    @property
    def has_examples(self) -> bool:
        """Whether the costs hold example values (``core.examples``): planned amounts or
        expenses the sources do not give."""
        return any(line.example_fields or line.has_example_expenses for line in self.lines)

    def summary(self) -> list[tuple[str, Decimal | None]]:
        """The project's figures as its page shows them."""
        project = self.project
        return [
            (_("Haettu avustus"), project.amount_applied),
            (_("Myönnetty avustus"), project.amount_granted),
            (_("Kokonaisbudjetti"), project.total_budget),
            (_("Omarahoitus"), project.own_financing),
            (_("Suunniteltu (budjettirivit)"), project.amount_planned),
            (_("Toteutunut"), project.amount_spent),
        ]

    def by_category(self) -> list[CostRow]:
        order = {category: index for index, category in enumerate(CostCategory.values)}
        lines = sorted(self.lines, key=lambda line: order[line.category])
        return _grouped(
            lines, lambda line: line.category, lambda line: CostRow(line.get_category_display())
        )

    def by_area(self) -> list[CostRow]:
        lines = sorted(
            self.lines,
            key=lambda line: line.development_area.number if line.development_area else 99,
        )
        return _grouped(
            lines,
            lambda line: line.development_area_id,
            lambda line: CostRow(
                str(line.development_area) if line.development_area else _("Ei kohdennettu")
            ),
        )

    def by_partner(self) -> list[CostRow]:
        lines = sorted(self.lines, key=lambda line: (line.partner is not None, line.partner_id))
        return _grouped(
            lines,
            lambda line: line.partner_id,
            lambda line: (
                CostRow(line.partner.name, granted=line.partner.funded_share)
                if line.partner
                else CostRow(_("Hallinnoija"))
            ),
        )

    def by_year(self) -> list[CostRow]:
        lines = sorted(self.lines, key=lambda line: line.year)
        return _grouped(lines, lambda line: line.year, lambda line: CostRow(str(line.year)))

    def _cost_table(self, rows: list[CostRow], label: str, **kwargs) -> Table:
        return Table(
            cost_columns(label, **kwargs),
            rows,
            totals={
                COST_PLANNED: sum((row.planned for row in rows), ZERO),
                COST_SPENT: sum((row.spent for row in rows), ZERO),
                COST_REMAINING: sum((row.remaining for row in rows), ZERO),
            },
            total_label=_("Yhteensä"),
        )

    def cost_sheets(self) -> list[tuple[str, Table]]:
        """(title, table) of the four cost views."""
        return [
            (_("Kustannuslajeittain"), self._cost_table(self.by_category(), _("Kustannuslaji"))),
            (
                _("Kokonaisuuksittain"),
                self._cost_table(self.by_area(), _("Kehittämiskokonaisuus")),
            ),
            (
                _("Kumppaneittain"),
                self._cost_table(self.by_partner(), _("Kumppani"), with_granted=True),
            ),
            (_("Vuosittain"), self._cost_table(self.by_year(), _("Vuosi"))),
        ]

    def sheets(self) -> list[tuple[str, Table]]:
        """(title, table) of every view: the summary, the grants and the four cost views,
        after a note when the costs hold example values."""
        notes = (
            [(_("Huomautus"), Table(NOTE_COLUMNS, [EXAMPLE_COSTS]))] if self.has_examples else []
        )
        return [
            *notes,
            (_("Yhteenveto"), Table(SUMMARY_COLUMNS, self.summary())),
            (_("Avustukset"), Table(GRANT_COLUMNS, self.grants)),
            *self.cost_sheets(),
        ]


def funding_report(project: Project) -> FundingReport:
    """The funding report of ``project``, which needs ``ProjectQuerySet.with_funding()``
    (two queries: the grants with their instalments' sums, the budget lines)."""
    return FundingReport(
        project=project,
        grants=list(GrantDecision.objects.filter(project=project).for_funding_pages()),
        lines=list(project.budget_lines.for_funding_table()),
    )
