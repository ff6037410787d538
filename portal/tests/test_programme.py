"""The programme page: every project's money summed by region and development area, with a
chart of them; and a region's page: its projects' money and its municipalities' roles in them."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from core.money import MoneyTotal
from municipalities.models import MembershipRole, Participation, Region
from municipalities.tests.factories import (
    ConsortiumMembershipFactory,
    MunicipalityFactory,
    RegionFactory,
)
from portal.programme import FIGURES, participation_grid, programme_totals
from projects.models import DevelopmentArea, GrantDecision, PartnerRole, Project
from projects.services import grant_update
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
    # 1 savepoint; the regions whose projects changed summed again: 2 savepoint, 3 their
    # marks and old rows taken, 4 their sums, 5 their new rows, 6 release savepoint; 7 the
    # regions, 8 the development areas, 9 the regions' rows, 10 release savepoint.
    with django_assert_num_queries(10):
        response = client.get(reverse("portal:programme"))
    assert response.context["totals"].programme.project_count == rows
    # Nothing changed since: no region is marked, none is summed again (4 and 5).
    with django_assert_num_queries(8):
        response = client.get(reverse("portal:programme"))
    assert response.context["totals"].programme.project_count == rows


def test_programme_page_links_each_region_to_its_page_and_every_project_to_the_list(client):
    projects = seed_programme(2)

    response = client.get(reverse("portal:programme"))

    regions = response.context["totals"].by_region
    assert [row.label for row in regions] == ["Uusimaa", "Pohjanmaa"]
    assertContains(
        response, f'<a href="{reverse("portal:programme_region", args=["01"])}">Uusimaa</a>'
    )
    assertContains(
        response, f'<a href="{reverse("portal:programme_region", args=["15"])}">Pohjanmaa</a>'
    )
    assertContains(response, f'<a href="{reverse("projects:list")}">hankeluettelossa</a>')
    # No project of its own: their names are on the region's page and the project list.
    for project in projects:
        assertNotContains(response, project.name)


def test_programme_page_lists_the_regions_and_areas_where_no_project_works(client):
    seed_programme(1)  # in Uusimaa, in development area I
    RegionFactory(code="12", name_fi="Pohjois-Savo")
    DevelopmentAreaFactory(number=2)

    response = client.get(reverse("portal:programme"))

    totals = response.context["totals"]
    assert [(row.label, row.project_count) for row in totals.by_region] == [
        ("Uusimaa", 1),
        ("Pohjois-Savo", 0),
        ("Pohjanmaa", 0),
    ]
    assert [row.project_count for row in totals.by_area] == [1, 0]
    for row in [*totals.by_region[1:], totals.by_area[1]]:
        assert [total.amount for total in row.cells] == [Decimal(0)] * len(FIGURES)
    assertContains(
        response, f'<a href="{reverse("portal:programme_region", args=["12"])}">Pohjois-Savo</a>'
    )
    assertContains(response, euros("0,00 €"))


def project_figure(project: Project, figure: str) -> Decimal:
    """A project's amount of ``figure``, 0 when unknown."""
    amount = {
        "granted": project.amount_granted,
        "total_budget": project.total_budget,
        "own_financing": project.own_financing,
        "spent": project.amount_spent,
    }[figure]
    return amount or Decimal(0)


def test_programme_totals_equal_the_sum_of_the_projects():
    seed_programme(5)
    projects = list(Project.objects.for_programme_page())

    totals = programme_totals()

    for figure in FIGURES:
        expected = sum((project_figure(project, figure) for project in projects), Decimal(0))
        assert totals.programme.totals[figure].known == expected, figure
        assert sum(row.totals[figure].known for row in totals.by_region) == expected, figure
        # Split between the areas to the cent, the areas still add up to the programme.
        assert sum(row.totals[figure].known for row in totals.by_area) == expected, figure
    assert totals.programme.totals["granted"].known == Decimal("700000.00")
    assert totals.programme.totals["spent"].known == Decimal("5000.05")
    assert [row.label for row in totals.by_area] == [
        str(area) for area in DevelopmentArea.objects.order_by("number")
    ]


def test_totals_are_labelled_in_the_readers_language():
    seed_programme(2)

    totals = programme_totals()

    with translation.override("sv"):
        assert totals.by_region[0].label == "Nyland"
        assert totals.programme.label == "Hela programmet"
    assert totals.programme.label == "Koko ohjelma"
    assert totals.programme.totals["spent"].known == Decimal("2000.02")


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
    total.add_sum(None, parts=0, left_out=2)
    assert total.amount is None
    assert not total.is_partial


def test_areas_split_a_projects_amounts_to_the_cent_giving_odd_cents_to_the_first_areas():
    areas = [DevelopmentAreaFactory(number=number) for number in (1, 2, 3, 4)]
    # Own financing -0.05, the grant exceeding the budget: -5 cents in three shares rounded
    # down, -2 each, and the one cent left over to the first: -0.01, -0.02, -0.02.
    three = ProjectFactory(total_budget=Decimal("99.95"))
    GrantDecisionFactory(project=three, amount_granted=Decimal("100.00"))
    for area in areas[1:]:
        ProjectDevelopmentAreaFactory(project=three, development_area=area)
    # Unknown grant: its granted and own financing sums are left out in every area.
    two = ProjectFactory(total_budget=Decimal("0.03"))
    GrantDecisionFactory(project=two, amount_granted=None)
    ExpenseFactory(budget_line=BudgetLineFactory(project=two), amount=Decimal("0.03"))
    for area in areas[:2]:
        ProjectDevelopmentAreaFactory(project=two, development_area=area)
    ProjectFactory(total_budget=Decimal("7.00"))

    by_area = programme_totals().by_area

    assert [row.label for row in by_area] == [
        *(str(area) for area in areas),
        "Ei kehittämiskokonaisuutta",
    ]
    figures = {
        figure: [(row.totals[figure].amount, row.totals[figure].left_out) for row in by_area]
        for figure in FIGURES
    }
    assert figures["granted"] == [
        (None, 1),
        (Decimal("33.34"), 1),
        (Decimal("33.33"), 0),
        (Decimal("33.33"), 0),
        (Decimal(0), 0),
    ]
    assert figures["total_budget"] == [
        (Decimal("0.02"), 0),
        (Decimal("33.33"), 0),
        (Decimal("33.32"), 0),
        (Decimal("33.31"), 0),
        (Decimal("7.00"), 0),
    ]
    assert figures["own_financing"] == [
        (None, 1),
        (Decimal("-0.01"), 1),
        (Decimal("-0.02"), 0),
        (Decimal("-0.02"), 0),
        (Decimal("7.00"), 0),
    ]
    assert figures["spent"] == [
        (Decimal("0.02"), 0),
        (Decimal("0.01"), 0),
        (Decimal(0), 0),
        (Decimal(0), 0),
        (Decimal(0), 0),
    ]
    assert [row.project_count for row in by_area] == [1, 2, 1, 1, 1]


def test_chart_reads_every_total_and_points_to_its_table(client):
    project = ProjectFactory(region=RegionFactory(code="01", name_fi="Uusimaa"))
    GrantDecisionFactory(project=project, amount_granted=Decimal("2300000"))

    response = client.get(reverse("portal:programme"))

    html = response.content.decode()
    assert 'aria-describedby="totals-by-region"' in html
    assert 'id="totals-by-region"' in html
    assert f"Uusimaa: Myönnetty avustus 2{NBSP}300{NBSP}000,00{NBSP}€" in html


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_cache")
def test_kept_totals_change_with_the_next_committed_change(client, municipal_staff):
    """Kept for everybody, a signed-in user's own page too, until a change is committed."""
    project = ProjectFactory(
        region=RegionFactory(code="01", name_fi="Uusimaa"), total_budget=Decimal("3000000")
    )
    grant = GrantDecisionFactory(project=project, amount_granted=Decimal("2300000"))
    client.force_login(municipal_staff)
    assertContains(client.get(reverse("portal:programme")), euros("2 300 000,00 €"))

    # An update that sends no signal moves no generation: the kept totals stay.
    GrantDecision.objects.filter(pk=grant.pk).update(amount_granted=Decimal("2400000"))
    assertContains(client.get(reverse("portal:programme")), euros("2 300 000,00 €"))

    grant.refresh_from_db()
    grant.amount_granted = Decimal("2500000")
    grant_update(grant=grant)
    for url in (reverse("portal:programme"), reverse("portal:programme_region", args=["01"])):
        page = client.get(url)
        assertContains(page, euros("2 500 000,00 €"))
        assertNotContains(page, euros("2 300 000,00 €"))


# --- A region's page -------------------------------------------------------------------------


def region_page(code: str = "01", page: int | None = None) -> str:
    url = reverse("portal:programme_region", args=[code])
    return f"{url}?page={page}" if page else url


@pytest.mark.parametrize("rows", [3, 6])
def test_region_page_runs_the_same_queries_for_more_projects(
    client, django_assert_num_queries, rows
):
    seed_programme(rows * 2)
    # 1 savepoint, 2 the region, 3 the count of its projects, 4 the page's projects with
    # their funding sums, 5 their development areas; the region's sums: 6 to 10 summed again
    # as its projects changed (savepoint, its mark and old rows taken, its sums, its new rows,
    # release savepoint), 11 read; 12 the region's municipalities, 13 consortium memberships,
    # 14 municipal partners, 15 meeting invitations, 16 release savepoint.
    with django_assert_num_queries(16):
        response = client.get(region_page())
    assert len(response.context["projects"]) == rows
    assert len(response.context["grid"].projects) == rows


def test_region_page_shows_its_projects_money_and_totals(client):
    uusimaa = RegionFactory(code="01", name_fi="Uusimaa")
    known = ProjectFactory(region=uusimaa, name="Tunnettu", total_budget=Decimal("1750000"))
    GrantDecisionFactory(project=known, amount_granted=Decimal("1400000"))
    ProjectDevelopmentAreaFactory(project=known, development_area=DevelopmentAreaFactory(number=2))
    unknown = ProjectFactory(region=uusimaa, name="Tuntematon", total_budget=None)
    GrantDecisionFactory(project=unknown, amount_granted=None)
    ProjectFactory(region=RegionFactory(code="15", name_fi="Pohjanmaa"), name="Pohjalainen")

    response = client.get(region_page())

    assert [project.name for project in response.context["projects"]] == [
        "Tunnettu",
        "Tuntematon",
    ]
    assertContains(response, "<h1>LAPE-ohjelma: Uusimaa</h1>", html=True)
    assertNotContains(response, "Pohjalainen")
    row = response.context["totals_rows"][0]
    assert (row.label, row.project_count) == ("Uusimaa", 2)
    assert row.totals["granted"].amount == Decimal("1400000")
    assertContains(response, "ei sisällä 1 hankkeen summaa, joka ei ole tiedossa")
    # Own financing is the total budget less the grant.
    assertContains(response, euros("350 000,00 €"))
    assertContains(response, '<abbr title="Kehittämiskokonaisuus 2">II</abbr>', html=True)
    assertContains(response, reverse("projects:detail", args=[known.slug]))


def test_region_page_shows_25_projects_a_page(client):
    region = RegionFactory(code="01", name_fi="Uusimaa")
    for index in range(26):
        ProjectFactory(region=region, name=f"Hanke {index:02d}")

    first = client.get(region_page())
    second = client.get(region_page(page=2))

    assert [project.name for project in first.context["projects"]] == [
        f"Hanke {index:02d}" for index in range(25)
    ]
    assertContains(first, "Sivu 1 / 2")
    assertContains(first, 'href="?page=2"')
    assert [project.name for project in second.context["projects"]] == ["Hanke 25"]
    # The totals are the region's, whichever page is shown.
    assert second.context["totals_rows"][0].project_count == 26


def test_unknown_region_has_no_page(client):
    RegionFactory(code="01")
    assert client.get(region_page("99")).status_code == 404


def test_region_page_grid_shows_the_regions_municipalities_in_the_pages_projects(client):
    uusimaa = RegionFactory(code="01", name_fi="Uusimaa")
    project = ProjectFactory(region=uusimaa, short_name="LAPE Uusimaa")
    ProjectPartnerFactory(
        project=project,
        organisation=None,
        municipality=MunicipalityFactory(name_fi="Vihti", region=uusimaa),
        role=PartnerRole.MEMBER_MUNICIPALITY,
    )
    ProjectFactory(
        region=uusimaa, short_name="Ilman kuntia", consortium=None, administering_municipality=None
    )
    ProjectPartnerFactory(
        project=project,
        organisation=None,
        municipality=MunicipalityFactory(name_fi="Vaasa", region=RegionFactory(code="15")),
        role=PartnerRole.MEMBER_MUNICIPALITY,
    )

    response = client.get(region_page())

    grid = response.context["grid"]
    # A project none of the region's municipalities takes part in has no column.
    assert grid.projects == [project]
    municipalities = [municipality.name_fi for municipality, _cells in grid.rows]
    assert "Vihti" in municipalities
    assert "Vaasa" not in municipalities
    html = response.content.decode()
    assert 'aria-labelledby="participation-caption"' in html
    assertContains(response, "Kuntien roolit hankkeissa: Uusimaa")


def test_region_grid_cells_name_each_role_or_say_not_involved(client):
    uusimaa = RegionFactory(code="01", name_fi="Uusimaa")
    vihti = MunicipalityFactory(name_fi="Vihti <Nummela>", region=uusimaa)
    lohja = MunicipalityFactory(name_fi="Lohja", region=uusimaa)
    for name, municipality in (("A", vihti), ("B", lohja)):
        ProjectPartnerFactory(
            project=ProjectFactory(
                region=uusimaa, name=name, consortium=None, administering_municipality=None
            ),
            organisation=None,
            municipality=municipality,
            role=PartnerRole.MEMBER_MUNICIPALITY,
        )
    link = reverse("portal:municipality_detail", args=[vihti.code])
    absent = '<td><span aria-hidden="true">–</span><span class="visually-hidden">{}</span></td>'

    assertContains(
        client.get(region_page()),
        f'<tr><th scope="row"><a href="{link}">Vihti &lt;Nummela&gt;</a></th>'
        f"<td>jäsenkunta</td>{absent.format('ei mukana')}</tr>",
        html=True,
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    with translation.override("fi"):  # the language the request turns on is turned off after
        swedish = client.get(region_page())
    assertContains(swedish, absent.format("inte med"), html=True)


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

    grid = participation_grid(region, [project])

    roles = {municipality.name_fi: cells[0] for municipality, cells in grid.rows}
    assert roles[administrator.name_fi] == ["hallinnoija"]
    assert roles["Vihti"] == ["jäsenkunta"]
    assert roles["Pukkila"] == ["kutsuttu"]
    assert roles["Myrskylä"] == ["kutsuttu tilaisuuksiin"]
    assert roles[outsider.name_fi] == []


def test_region_sums_count_unknown_and_partly_known_grants_as_left_out():
    """No grants (granted 0), only unknown grants (unknown), known and unknown (the known
    part, left out in part), known only; with and without expenses. One project in each
    region, so that a region's sums are its project's."""
    amounts = {"Ei avustuksia": [], "Tuntematon": [None], "Osittain": [Decimal(500), None]}
    amounts["Tunnettu"] = [Decimal(1000), Decimal("250.50")]
    for code, (name, grants) in enumerate(amounts.items(), start=1):
        region = RegionFactory(code=f"{code:02}", name_fi=name)
        project = ProjectFactory(region=region, total_budget=Decimal(2000))
        for amount in grants:
            GrantDecisionFactory(project=project, amount_granted=amount)
    ExpenseFactory(budget_line=BudgetLineFactory(project=project), amount=Decimal("99.99"))
    names = dict(Region.objects.values_list("pk", "name_fi"))

    parts = ("known", "parts", "left_out")
    sums = {
        names[row["region_id"]]: {
            figure: tuple(row[f"{figure}_{part}"] for part in parts)
            for figure in ("granted", "own_financing", "spent")
        }
        for row in Project.objects.region_sums()
        if not row["by_area"]
    }

    assert sums == {
        "Ei avustuksia": {
            "granted": (Decimal(0), 1, 0),
            "own_financing": (Decimal(2000), 1, 0),
            "spent": (Decimal(0), 1, 0),
        },
        "Tuntematon": {
            "granted": (None, 0, 1),
            "own_financing": (None, 0, 1),
            "spent": (Decimal(0), 1, 0),
        },
        "Osittain": {
            "granted": (Decimal(500), 1, 1),
            "own_financing": (None, 0, 1),
            "spent": (Decimal(0), 1, 0),
        },
        "Tunnettu": {
            "granted": (Decimal("1250.50"), 1, 0),
            "own_financing": (Decimal("749.50"), 1, 0),
            "spent": (Decimal("99.99"), 1, 0),
        },
    }
