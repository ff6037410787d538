"""What the lists and pages ask of projects (``ProjectQuerySet``)."""

from django.db import connections, models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

from core.money import ZERO, MoneyField
from projects.models.areas import DevelopmentArea, ProjectDevelopmentArea
from projects.models.choices import ProjectStatus
from projects.models.contacts import Contact, ContactRole
from projects.models.funding import GrantDecision
from projects.models.partners import ProjectPartner

# The figures of a project that the programme's totals sum, in the order of their columns:
# the field or annotation of ``with_funding()`` that holds each, and the one that tells
# whether it is known only in part.
PROGRAMME_FIGURES = {
    "granted": ("amount_granted", "granted_is_partial"),
    "total_budget": ("total_budget", None),
    "own_financing": ("own_financing", None),
    "spent": ("amount_spent", None),
}


class ProjectQuerySet(models.QuerySet):
    def with_funding(self):
        """Projects annotated with applied, granted, planned and spent sums, read from their
        ``ProjectSums`` row (one query, one join).

        ``amount_granted`` is the sum of the grants whose amount is known; ``unknown_grants``
        counts the others. When every grant's amount is unknown, so is the sum (None); a
        project without grants has been granted 0. ``granted_is_partial`` says whether the
        sum leaves unknown grants out. ``own_financing`` is the part of the total budget that
        the grants do not cover: unknown (None) while the budget or any grant's amount is.
        ``amount_applied`` is unknown (None) rather than 0 when no application amount is
        recorded.
        """
        known_granted = F("sums__known_granted")
        return self.annotate(
            amount_applied=F("sums__amount_applied"),
            unknown_grants=Coalesce("sums__unknown_grants", 0),
            # The sum is NULL both without grants and with only unknown amounts: the count
            # tells the two apart.
            amount_granted=models.Case(
                models.When(unknown_grants=0, then=Coalesce(known_granted, Value(ZERO))),
                default=known_granted,
                output_field=MoneyField(),
            ),
            amount_planned=Coalesce("sums__amount_planned", Value(ZERO), output_field=MoneyField()),
            amount_spent=Coalesce("sums__amount_spent", Value(ZERO), output_field=MoneyField()),
        ).annotate(
            granted_is_partial=models.ExpressionWrapper(
                Q(amount_granted__isnull=False, unknown_grants__gt=0),
                output_field=models.BooleanField(),
            ),
            own_financing=models.Case(
                models.When(
                    Q(total_budget__isnull=False, amount_granted__isnull=False, unknown_grants=0),
                    then=F("total_budget") - F("amount_granted"),
                ),
                output_field=MoneyField(),
            ),
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

    def region_sums(self) -> list[dict]:
        """The projects' figures (``PROGRAMME_FIGURES``) summed for each region, once for the
        whole region (``by_area`` false, ``area_number`` None) and once for each development
        area (``by_area`` true, ``area_number`` None for the projects without an area): one
        query, a row for each group that has projects, the fields of ``RegionSums``.

        The sums of a group are ``project_count`` and, for each figure, ``<figure>_known``
        (the sum of the known amounts, None when none is), ``<figure>_parts`` (how many are
        known) and ``<figure>_left_out`` (how many are unknown or known only in part), the
        three numbers of a ``core.money.MoneyTotal``.

        A project's amounts are split evenly between its areas to the cent, so that the areas
        add up to the programme; the cents that do not divide evenly go to its first areas.
        Each project's figures are read once (``with_funding()``, in whole cents), then summed
        once whole and once in parts. In SQL: the split needs each project's areas counted
        and ranked (window functions), which the ORM cannot sum over.
        """
        fields = ["pk", "region_id"] + [field for field, in_part in PROGRAMME_FIGURES.values()]
        fields += [in_part for field, in_part in PROGRAMME_FIGURES.values() if in_part]
        figures = self.with_funding().order_by().values(*fields)
        projects, params = figures.query.sql_with_params()
        cents, columns, sums = [], [], []
        for name, (field, in_part) in PROGRAMME_FIGURES.items():
            unknown = f"project.{field} IS NULL" + (f" OR project.{in_part}" if in_part else "")
            cents += [
                f"round(project.{field} * 100)::bigint AS {name}_cents",
                f"{unknown} AS {name}_unknown",
            ]
            columns += [f"project.{name}_cents", f"project.{name}_unknown"]
            # Python's divmod in whole cents: the remainder 0 to parts - 1, one cent more for
            # that many of the first parts.
            rest = f"mod(mod({name}_cents, parts) + parts, parts)"
            sums += [
                f"(sum(({name}_cents - {rest}) / parts + (rank < {rest})::int) / 100.0)"
                f"::numeric(16, 2) AS {name}_known",
                f"count({name}_cents) AS {name}_parts",
                f"count(*) FILTER (WHERE {name}_unknown) AS {name}_left_out",
            ]
        columns = ", ".join(columns)
        sql = f"""
            WITH project AS MATERIALIZED (
                SELECT project.pk, project.region_id, {", ".join(cents)}
                FROM ({projects}) AS project
            ), link AS (
                SELECT link.project_id, area.number,
                    row_number() OVER (PARTITION BY link.project_id ORDER BY area.number) - 1
                        AS rank,
                    count(*) OVER (PARTITION BY link.project_id) AS parts
                FROM {ProjectDevelopmentArea._meta.db_table} AS link
                JOIN {DevelopmentArea._meta.db_table} AS area
                    ON area.id = link.development_area_id
                WHERE link.project_id IN (SELECT pk FROM project)
            ), part AS (
                -- Each project whole, and in parts under its areas: one part under none when
                -- it has no area.
                SELECT project.region_id, false AS by_area, NULL::integer AS area_number,
                    1 AS parts, 0 AS rank, {columns}
                FROM project
                UNION ALL
                SELECT project.region_id, true, link.number, coalesce(link.parts, 1),
                    coalesce(link.rank, 0), {columns}
                FROM project LEFT JOIN link ON link.project_id = project.pk
            )
            SELECT region_id, by_area, area_number, count(*) AS project_count,
                {", ".join(sums)}
            FROM part GROUP BY region_id, by_area, area_number
        """  # noqa: S608 - names and the ORM's own SQL; the values are parameters
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            names = [column.name for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

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
