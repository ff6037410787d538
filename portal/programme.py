"""The programme as a whole: every project's money summed by region and development area, and
which municipality of a region takes part in which of its projects, in which role.

Amounts are per project; a project's amounts are split evenly between its development areas
to the cent, so that the areas' totals add up to the programme's. A project without
development areas is counted under "no development area".

The totals are the same for every visitor and role. PostgreSQL sums them for each region
(``ProjectQuerySet.region_sums()``), kept in ``RegionSums`` until a change of the region's
projects, and the pages add up those few rows; the pages that show them are kept until the
next committed change (``core.page_cache``). A row keeps its name in both national languages
and is labelled when a page shows it.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import in_user_language
from core.money import MoneyTotal
from municipalities.models import (
    ConsortiumMembership,
    MembershipRole,
    Municipality,
    Participation,
    Region,
)
from projects.models import (
    PROGRAMME_FIGURES,
    DevelopmentArea,
    PartnerRole,
    Project,
    ProjectPartner,
    RegionSums,
    roman_numeral,
)
from projects.services import region_sums_refresh
from workshops.models import Meeting

# The figures of a project that the programme page sums, in the order of its columns.
FIGURES = list(PROGRAMME_FIGURES)
PROGRAMME_LABEL = gettext_noop("Koko ohjelma")
NO_AREA_LABEL = gettext_noop("Ei kehittämiskokonaisuutta")


@dataclasses.dataclass
class TotalsRow:
    """One row of totals: a region, a development area or the whole programme.

    ``name_fi`` and ``name_sv`` are a region's or an area's names; for the programme and
    "no development area" ``name_fi`` is an interface text (``is_message``), translated when
    shown.
    """

    name_fi: str
    name_sv: str = ""
    # A development area's Roman numeral, before its name.
    prefix: str = ""
    # A region's code, for the link to the region's page.
    region_code: str = ""
    is_message: bool = False
    totals: dict[str, MoneyTotal] = dataclasses.field(
        default_factory=lambda: {name: MoneyTotal() for name in FIGURES}
    )
    project_count: int = 0

    @property
    def label(self) -> str:
        if self.is_message:
            return _(self.name_fi)
        name = in_user_language(self.name_fi, self.name_sv)
        return f"{self.prefix} {name}" if self.prefix else name

    def add_sums(self, sums: RegionSums) -> None:
        """Add a group of projects, a region's or its part in a development area."""
        self.project_count += sums.project_count
        for name in FIGURES:
            self.totals[name].add_sum(
                getattr(sums, f"{name}_known"),
                parts=getattr(sums, f"{name}_parts"),
                left_out=getattr(sums, f"{name}_left_out"),
            )

    @property
    def cells(self) -> list[MoneyTotal]:
        return [self.totals[name] for name in FIGURES]


@dataclasses.dataclass
class ProgrammeTotals:
    by_region: list[TotalsRow]
    by_area: list[TotalsRow]
    programme: TotalsRow


def programme_totals() -> ProgrammeTotals:
    """Every project's sums by region, by development area and for the whole programme,
    added up from each region's kept sums (``RegionSums``, the stale ones summed again
    first): as many rows as regions and areas, however many projects they have.

    Every region and every area has its row, with no projects when none works there: a
    national programme shows where work is missing as well as where it is done."""
    region_sums_refresh()
    programme = TotalsRow(PROGRAMME_LABEL, is_message=True)
    region_rows = {
        region.pk: TotalsRow(region.name_fi, region.name_sv, region_code=region.code)
        for region in Region.objects.order_by("code")
    }
    area_rows = {
        area.number: TotalsRow(area.name_fi, area.name_sv, prefix=roman_numeral(area.number))
        for area in DevelopmentArea.objects.order_by("number")
    }
    no_area = TotalsRow(NO_AREA_LABEL, is_message=True)
    for sums in RegionSums.objects.all():
        if not sums.by_area:
            region_rows[sums.region_id].add_sums(sums)
            programme.add_sums(sums)
        elif sums.area_number is None:
            no_area.add_sums(sums)
        else:
            area_rows[sums.area_number].add_sums(sums)
    by_area = list(area_rows.values()) + ([no_area] if no_area.project_count else [])
    return ProgrammeTotals(
        by_region=list(region_rows.values()), by_area=by_area, programme=programme
    )


def region_totals(region: Region) -> TotalsRow:
    """The sums of ``region``'s projects, its row of ``programme_totals()``; no projects
    when it has none."""
    region_sums_refresh(region_ids=[region.pk])
    row = TotalsRow(region.name_fi, region.name_sv, region_code=region.code)
    for sums in RegionSums.objects.filter(region=region, by_area=False):
        row.add_sums(sums)
    return row


@dataclasses.dataclass
class RegionGrid:
    """The municipalities of one region, and for each the roles it has in each project."""

    projects: list[Project]
    rows: list[tuple[Municipality, list[list[str]]]]


def participation_roles(
    region: Region, projects: Iterable[Project]
) -> dict[tuple[int, int], list[str]]:
    """The roles of the municipalities of ``region`` in ``projects``, by (municipality id,
    project id) (three queries).

    A municipality administers a project (as its administering municipality or its
    consortium's administrator), is a member of its consortium (or invited to it without a
    funded share), is one of its partners (in the partner's role), or, with none of those, is
    invited to its meetings.
    """
    projects = list(projects)
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
    memberships = ConsortiumMembership.objects.filter(
        consortium__in=list(by_consortium), municipality__region=region
    ).order_by()
    for membership in memberships:
        if membership.role == MembershipRole.ADMINISTRATOR:
            role = _("hallinnoija")
        elif membership.participation == Participation.INVITED:
            role = _("kutsuttu")
        else:
            role = _("jäsenkunta")
        for project in by_consortium[membership.consortium_id]:
            add(membership.municipality_id, project.pk, role)
    partner_roles = dict(PartnerRole.choices)
    partners = ProjectPartner.objects.filter(
        project__in=projects, municipality__region=region
    ).order_by()
    for partner in partners:
        add(partner.municipality_id, partner.project_id, str(partner_roles[partner.role]))
    invitations = (
        Meeting.invited_municipalities.through.objects.filter(
            meeting__project__in=projects, municipality__region=region
        )
        .values_list("municipality_id", "meeting__project_id")
        .order_by()
        .distinct()
    )
    for municipality_id, project_id in invitations:
        if not roles.get((municipality_id, project_id)):
            add(municipality_id, project_id, _("kutsuttu tilaisuuksiin"))
    return roles


def participation_grid(region: Region, projects: Iterable[Project]) -> RegionGrid:
    """The municipalities of ``region`` against those of ``projects`` that any of them takes
    part in, each cell naming the municipality's roles in that project (four queries; the
    roles as ``participation_roles`` gives them)."""
    projects = list(projects)
    roles = participation_roles(region, projects)
    municipalities = list(Municipality.objects.filter(region=region).order_by("name_fi"))
    involved = [
        project
        for project in projects
        if any(roles.get((municipality.pk, project.pk)) for municipality in municipalities)
    ]
    rows = [
        (municipality, [roles.get((municipality.pk, project.pk), []) for project in involved])
        for municipality in municipalities
    ]
    return RegionGrid(involved, rows)
