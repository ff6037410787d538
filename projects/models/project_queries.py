"""What the lists and pages ask of projects (``ProjectQuerySet``)."""

from django.db import models
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from core.money import ZERO, MoneyField
from projects.models.areas import ProjectDevelopmentArea
from projects.models.budget import BudgetLine, Expense
from projects.models.choices import ProjectStatus
from projects.models.contacts import Contact, ContactRole
from projects.models.funding import GrantDecision
from projects.models.partners import ProjectPartner
from projects.models.sums import money_sum, unknown_count

UNKNOWN_GRANT = Q(amount_granted__isnull=True)


class ProjectQuerySet(models.QuerySet):
    def with_funding(self):
        """Projects annotated with applied, granted, planned and spent sums (one query).

        ``amount_granted`` is the sum of the grants whose amount is known; ``unknown_grants``
        counts the others. When every grant's amount is unknown, so is the sum (None); a
        project without grants has been granted 0.
        """
        known_granted = money_sum(GrantDecision, "amount_granted", empty=None)
        return self.annotate(
            # Unknown (None) rather than 0 when no application amount is recorded.
            amount_applied=money_sum(GrantDecision, "amount_applied", empty=None),
            unknown_grants=unknown_count(GrantDecision, "amount_granted"),
            # The sum is NULL both without grants and with only unknown amounts: the count
            # tells the two apart.
            amount_granted=models.Case(
                models.When(unknown_grants=0, then=Coalesce(known_granted, Value(ZERO))),
                default=known_granted,
                output_field=MoneyField(),
            ),
            amount_planned=money_sum(BudgetLine, "amount"),
            amount_spent=money_sum(Expense, "amount", "budget_line__project"),
        )

    def with_development_areas(self):
        """Projects with their links to development areas, and the areas, in ``area_links``
        (one query)."""
        return self.prefetch_related(
            models.Prefetch(
                "area_links",
                queryset=ProjectDevelopmentArea.objects.select_related("development_area"),
            )
        )

    def for_front_page(self):
        """The project list's rows (``for_list_page()``), running ones first."""
        return self.for_list_page().order_by(
            models.Case(models.When(status=ProjectStatus.RUNNING, then=0), default=1),
            "-start_date",
        )

    def for_programme_page(self):
        """Projects with their region, development areas and funding figures, by region and
        name: the rows of a region's programme table and of the open data."""
        return (
            self.select_related("region")
            .with_funding()
            .with_development_areas()
            .order_by("region__code", "name", "pk")
        )

    def for_programme_totals(self) -> list[dict]:
        """Each project's region, example marks and the figures the programme's totals sum
        (``amount_granted``, ``unknown_grants`` and ``amount_spent`` as ``with_funding()``
        has them), as dictionaries, by region.

        Three queries, each sum grouped over every grant or expense at once: the correlated
        sums of ``with_funding()`` read the expenses one project at a time (430 ms for 2,000
        projects and 200,000 expenses, against 165 ms).
        """
        grants = {
            row["project"]: row
            for row in GrantDecision.objects.filter(project__in=self.values("pk"))
            .order_by()
            .values("project")
            .annotate(known=Sum("amount_granted"), unknown=Count("pk", filter=UNKNOWN_GRANT))
        }
        spent = dict(
            Expense.objects.filter(budget_line__project__in=self.values("pk"))
            .order_by()
            .values("budget_line__project")
            .annotate(total=Sum("amount"))
            .values_list("budget_line__project", "total")
        )
        rows = list(
            self.order_by("region__code", "pk").values(
                "pk",
                "region__code",
                "region__name_fi",
                "region__name_sv",
                "example_fields",
                "total_budget",
            )
        )
        for row in rows:
            grant = grants.get(row["pk"], {"known": None, "unknown": 0})
            known, unknown = grant["known"], grant["unknown"]
            # As with_funding(): unknown only when a grant's amount is; 0 without grants.
            row["amount_granted"] = known if unknown or known is not None else ZERO
            row["unknown_grants"] = unknown
            row["amount_spent"] = spent.get(row["pk"], ZERO)
        return rows

    def coordinated_by(self, user):
        """Projects whose coordinator contact is linked to ``user``."""
        return self.filter(contacts__user=user, contacts__role=ContactRole.COORDINATOR).distinct()

    def running(self):
        """Projects under way, for the front page's first section."""
        return self.filter(status=ProjectStatus.RUNNING)

    def ended(self):
        """Projects that have ended, whose results and reports remain on show."""
        return self.filter(status=ProjectStatus.ENDED)

    def for_list_page(self):
        """Projects with their region, administrator, development areas and funding figures:
        the project list's cards and files (``projects.columns.PROJECT_COLUMNS``)."""
        return (
            self.select_related(
                "region", "administering_municipality", "administering_organisation"
            )
            .with_funding()
            .with_development_areas()
        )

    def matching(
        self,
        *,
        region_code: str = "",
        status: str = "",
        development_area_number: int | None = None,
        municipality_code: str = "",
    ):
        """Projects that match every filter given.

        A project involves a municipality that is a member of its consortium or its partner.
        """
        projects = self
        if region_code:
            projects = projects.filter(region__code=region_code)
        if status:
            projects = projects.filter(status=status)
        if development_area_number is not None:
            # One link per project and area (a unique constraint), so the join adds no rows.
            projects = projects.filter(development_areas__number=development_area_number)
        if municipality_code:
            involved = self.model.objects.filter(
                Q(consortium__memberships__municipality__code=municipality_code)
                | Q(partners__municipality__code=municipality_code)
            )
            projects = projects.filter(pk__in=involved.values("pk"))
        return projects

    def sorted_by(self, key: str):
        """Projects in the order ``key`` names: "name", "start_date" or "granted", each
        optionally with a leading "-" for descending; the name breaks ties.

        "granted" adds ``with_funding()`` when it is missing; projects whose granted sum is
        unknown come last either way.
        """
        field = {"name": "name", "start_date": "start_date", "granted": "amount_granted"}[
            key.removeprefix("-")
        ]
        column = F(field)
        ordering = (
            column.desc(nulls_last=True) if key.startswith("-") else column.asc(nulls_last=True)
        )
        projects = self
        if field not in {"name", "start_date"} and field not in self.query.annotations:
            projects = self.with_funding()
        return projects.order_by(ordering, "name", "pk")

    def for_detail_page(self):
        """Projects with everything their own page shows except the budget lines.

        Funding figures, administrator, development areas, consortium members, partners,
        contacts, cooperations with their projects and working groups with their chairs.
        """
        return (
            self.select_related(
                "region",
                "consortium",
                "administering_municipality",
                "administering_organisation",
            )
            .with_funding()
            .with_development_areas()
            .prefetch_related(
                "consortium__memberships__municipality",
                models.Prefetch(
                    "partners",
                    queryset=ProjectPartner.objects.select_related("organisation", "municipality"),
                ),
                models.Prefetch(
                    "contacts",
                    queryset=Contact.objects.select_related("organisation", "municipality"),
                ),
                models.Prefetch("grants", queryset=GrantDecision.objects.for_funding_pages()),
                "cooperations__projects",
                # Strings, not Prefetch objects: workshops.models imports this module.
                "working_groups__development_area",
                "working_groups__chair_links__municipality",
            )
        )
