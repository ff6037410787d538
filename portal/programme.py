"""The programme as a whole: every project's money summed by region and development area, and
which municipality takes part in which project, in which role.

Amounts are per project; a project's amounts are split evenly between its development areas
(``split_evenly``), so that the areas' totals add up to the programme's. A project without
development areas is counted under "no development area".
"""

import dataclasses
from collections import defaultdict

from django.utils.translation import gettext as _

from core.money import MoneyTotal, split_evenly
from municipalities.models import (
    ConsortiumMembership,
    MembershipRole,
    Municipality,
    Participation,
)
from projects.models import PartnerRole, Project, ProjectPartner
from workshops.models import Meeting

# The figures of a project that the programme page sums, in the order of its columns.
FIGURES = ["granted", "total_budget", "own_financing", "spent"]


def project_figures(project: Project) -> dict[str, tuple]:
    """``project``'s amounts as (amount or None when unknown, whether known only in part).

    ``project`` needs ``ProjectQuerySet.with_funding()``.
    """
    return {
        "granted": (project.amount_granted, project.granted_is_partial),
        "total_budget": (project.total_budget, False),
        "own_financing": (project.own_financing, False),
        "spent": (project.amount_spent, False),
    }


@dataclasses.dataclass
class TotalsRow:
    """One row of totals (a region, a development area or the whole programme)."""

    label: str
    totals: dict[str, MoneyTotal] = dataclasses.field(
        default_factory=lambda: {name: MoneyTotal() for name in FIGURES}
    )
    project_count: int = 0

    def add(self, figures: dict[str, tuple]) -> None:
        self.project_count += 1
        for name, (amount, partial) in figures.items():
            self.totals[name].add(amount, partial=partial)

    @property
    def cells(self) -> list[MoneyTotal]:
        return [self.totals[name] for name in FIGURES]


@dataclasses.dataclass
class ProgrammeTotals:
    projects: list[Project]
    by_region: list[TotalsRow]
    by_area: list[TotalsRow]
    programme: TotalsRow


def programme_totals(projects: list[Project]) -> ProgrammeTotals:
    """The sums of ``projects`` (from ``Project.objects.for_programme_page()``) by region, by
    development area and for the whole programme; no queries of its own."""
    regions: dict[int, TotalsRow] = {}
    areas: dict[int, TotalsRow] = {}
    no_area = TotalsRow(_("Ei kehittämiskokonaisuutta"))
    programme = TotalsRow(_("Koko ohjelma"))
    for project in projects:
        figures = project_figures(project)
        programme.add(figures)
        regions.setdefault(project.region_id, TotalsRow(project.region.name)).add(figures)
        links = sorted(project.area_links.all(), key=lambda link: link.development_area.number)
        if not links:
            no_area.add(figures)
            continue
        shares = {
            name: split_evenly(amount, len(links)) if amount is not None else [None] * len(links)
            for name, (amount, _partial) in figures.items()
        }
        for index, link in enumerate(links):
            area = link.development_area
            row = areas.setdefault(area.number, TotalsRow(str(area)))
            row.add(
                {name: (shares[name][index], figures[name][1]) for name in FIGURES},
            )
    by_area = [areas[number] for number in sorted(areas)]
    if no_area.project_count:
        by_area.append(no_area)
    return ProgrammeTotals(
        projects=projects,
        by_region=list(regions.values()),
        by_area=by_area,
        programme=programme,
    )


@dataclasses.dataclass
class RegionGrid:
    """The municipalities of one region, and for each the roles it has in each project."""

    region: object
    projects: list[Project]
    rows: list[tuple[Municipality, list[list[str]]]]


def participation_grid(projects: list[Project]) -> list[RegionGrid]:
    """For every region, its municipalities against the ``projects`` any of them takes part
    in, each cell naming the municipality's roles in that project (four queries).

    A municipality administers a project (as its administering municipality or its
    consortium's administrator), is a member of its consortium (or invited to it without a
    funded share), is one of its partners (in the partner's role), or, with none of those, is
    invited to its meetings.
    """
    by_consortium = defaultdict(list)
    for project in projects:
        if project.consortium_id:
            by_consortium[project.consortium_id].append(project)
    roles: dict[tuple[int, int], list[str]] = defaultdict(list)

    def add(municipality_id: int, project_id: int, role: str) -> None:
        if role not in roles[municipality_id, project_id]:
            roles[municipality_id, project_id].append(role)

    for project in projects:
        if project.administering_municipality_id:
            add(project.administering_municipality_id, project.pk, _("hallinnoija"))
    for membership in ConsortiumMembership.objects.filter(
        consortium__in=list(by_consortium)
    ).order_by():
        if membership.role == MembershipRole.ADMINISTRATOR:
            role = _("hallinnoija")
        elif membership.participation == Participation.INVITED:
            role = _("kutsuttu")
        else:
            role = _("jäsenkunta")
        for project in by_consortium[membership.consortium_id]:
            add(membership.municipality_id, project.pk, role)
    partner_roles = dict(PartnerRole.choices)
    for partner in ProjectPartner.objects.filter(municipality__isnull=False).order_by():
        add(partner.municipality_id, partner.project_id, str(partner_roles[partner.role]))
    invitations = (
        Meeting.invited_municipalities.through.objects.values_list(
            "municipality_id", "meeting__project_id"
        )
        .order_by()
        .distinct()
    )
    for municipality_id, project_id in invitations:
        if not roles.get((municipality_id, project_id)):
            add(municipality_id, project_id, _("kutsuttu tilaisuuksiin"))

    grids: dict[int, list[Municipality]] = defaultdict(list)
    regions = {}
    for municipality in Municipality.objects.for_list_page():
        grids[municipality.region_id].append(municipality)
        regions[municipality.region_id] = municipality.region
    result = []
    for region_id, municipalities in grids.items():
        ids = {municipality.pk for municipality in municipalities}
        involved = [
            project
            for project in projects
            if any(roles.get((municipality_id, project.pk)) for municipality_id in ids)
        ]
        rows = [
            (municipality, [roles.get((municipality.pk, project.pk), []) for project in involved])
            for municipality in municipalities
        ]
        result.append(RegionGrid(regions[region_id], involved, rows))
    return result
