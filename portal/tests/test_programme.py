"""The programme page: every project's money with totals by region and development area, a
chart of them, and the municipalities' roles in the projects."""

from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from core.money import MoneyTotal, split_evenly
from municipalities.models import MembershipRole, Participation
from municipalities.tests.factories import (
    ConsortiumMembershipFactory,
    MunicipalityFactory,
    RegionFactory,
)
from portal.programme import FIGURES, participation_grid, programme_totals, project_figures
from projects.models import PartnerRole, Project
from projects.tests.factories import (
    BudgetLineFactory,
    DevelopmentAreaFactory,
    ExpenseFactory,
    GrantDecisionFactory,
    ProjectDevelopmentAreaFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"


def euros(text: str) -> str:
    return text.replace(" ", NBSP)


def seed_programme(rows: int) -> list[Project]:
    """``rows`` projects in two regions, with grants (one unknown), areas, partners, spending
    and invitations."""
    regions = [
        RegionFactory(code="01", name_fi="Uusimaa"),
        RegionFactory(code="15", name_fi="Pohjanmaa"),
    ]
    projects = []
    for index in range(rows):
        project = ProjectFactory(
            region=regions[index % 2], total_budget=Decimal(100_000 * (index + 1))
        )
        GrantDecisionFactory(
            project=project,
            amount_granted=None if index == 0 else Decimal(50_000 * (index + 1)),
        )
        for number in range(1, index % 3 + 2):
            ProjectDevelopmentAreaFactory(
                project=project, development_area=DevelopmentAreaFactory(number=number)
            )
        ExpenseFactory(budget_line=BudgetLineFactory(project=project), amount=Decimal("1000.01"))
        ProjectPartnerFactory(
            project=project,
            organisation=None,
            municipality=MunicipalityFactory(region=project.region),
            role=PartnerRole.MEMBER_MUNICIPALITY,
        )
        MeetingFactory(working_group__project=project).invited_municipalities.add(
            MunicipalityFactory(region=project.region)
        )
        projects.append(project)
    return projects


@pytest.mark.parametrize("rows", [3, 6])
def test_programme_page_runs_the_same_queries_for_more_projects(
    client, django_assert_num_queries, rows
):
    seed_programme(rows)
    # 1 savepoint, 2 projects with regions and funding sums, 3 their development areas,
    # 4 consortium memberships, 5 municipal partners, 6 meeting invitations, 7 municipalities
    # with their regions, 8 release savepoint.
    with django_assert_num_queries(8):
        response = client.get(reverse("portal:programme"))
    assert len(response.context["totals"].projects) == rows


def sum_of(projects, figure: str) -> Decimal:
    """A figure summed over the projects whose amount is known."""
    return sum(
        (project_figures(project)[figure][0] or Decimal(0) for project in projects), Decimal(0)
    )


def test_programme_totals_equal_the_sum_of_the_projects():
    seed_programme(5)
    projects = list(Project.objects.for_programme_page())

    totals = programme_totals(projects)

    for figure in FIGURES:
        expected = sum_of(projects, figure)
        assert totals.programme.totals[figure].known == expected, figure
        assert sum(row.totals[figure].known for row in totals.by_region) == expected, figure
        # Split between the areas to the cent, the areas still add up to the programme.
        assert sum(row.totals[figure].known for row in totals.by_area) == expected, figure
    assert totals.programme.totals["granted"].known == Decimal("700000.00")
    assert totals.programme.totals["spent"].known == Decimal("5000.05")


def test_programme_page_shows_unknown_amounts_and_totals_that_leave_them_out(client):
    known = ProjectFactory(name="Tunnettu", total_budget=Decimal("1750000"))
    GrantDecisionFactory(project=known, amount_granted=Decimal("1400000"))
    unknown = ProjectFactory(name="Tuntematon", total_budget=None)
    GrantDecisionFactory(project=unknown, amount_granted=None)

    response = client.get(reverse("portal:programme"))

    totals = response.context["totals"].programme.totals
    assert totals["granted"].amount == Decimal("1400000")
    assert totals["granted"].left_out == 1
    assertContains(response, "ei tiedossa")
    assertContains(response, "ei sisällä 1 hankkeen summaa, joka ei ole tiedossa")
    assertContains(response, euros("1 400 000,00 €"))
    # Own financing is the total budget less the grant.
    assertContains(response, euros("350 000,00 €"))


def test_a_total_with_no_known_part_is_unknown_not_zero():
    total = MoneyTotal()
    total.add(None)
    total.add(None)
    assert total.amount is None
    assert not total.is_partial


def test_split_evenly_gives_the_odd_cents_to_the_first_shares():
    assert split_evenly(Decimal("100.00"), 3) == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]


def test_chart_reads_every_total_and_points_to_its_table(client):
    project = ProjectFactory(region=RegionFactory(code="01", name_fi="Uusimaa"))
    GrantDecisionFactory(project=project, amount_granted=Decimal("2300000"))

    response = client.get(reverse("portal:programme"))

    html = response.content.decode()
    assert 'aria-describedby="totals-by-region"' in html
    assert 'id="totals-by-region"' in html
    assert f"Uusimaa: Myönnetty avustus 2{NBSP}300{NBSP}000,00{NBSP}€" in html


def test_grid_names_each_municipalitys_role_in_each_project():
    region = RegionFactory(code="01", name_fi="Uusimaa")
    project = ProjectFactory(region=region, short_name="LAPE Uusimaa")
    administrator = project.administering_municipality
    administrator.region = region
    administrator.save()
    member = MunicipalityFactory(name_fi="Vihti", region=region)
    ConsortiumMembershipFactory(
        consortium=project.consortium, municipality=member, role=MembershipRole.MEMBER
    )
    invited = MunicipalityFactory(name_fi="Myrskylä", region=region)
    MeetingFactory(working_group__project=project).invited_municipalities.add(invited)
    ConsortiumMembershipFactory(
        consortium=project.consortium,
        municipality=MunicipalityFactory(name_fi="Pukkila", region=region),
        participation=Participation.INVITED,
    )
    outsider = MunicipalityFactory(name_fi="Askola", region=region)

    [grid] = [grid for grid in participation_grid([project]) if grid.region == region]

    roles = {municipality.name_fi: cells[0] for municipality, cells in grid.rows}
    assert roles[administrator.name_fi] == ["hallinnoija"]
    assert roles["Vihti"] == ["jäsenkunta"]
    assert roles["Pukkila"] == ["kutsuttu"]
    assert roles["Myrskylä"] == ["kutsuttu tilaisuuksiin"]
    assert roles[outsider.name_fi] == []
