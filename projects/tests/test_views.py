"""The project list, a project's page and the coordinators' edit pages."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import resolve_url
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from municipalities.models import Participation
from municipalities.tests.factories import (
    ConsortiumMembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
)
from projects.models import BudgetLine, CostCategory, PartnerRole, ProjectStatus
from projects.tests.factories import (
    BudgetLineFactory,
    ContactFactory,
    CooperationFactory,
    DevelopmentAreaFactory,
    ExpenseFactory,
    GrantDecisionFactory,
    InstalmentFactory,
    ProjectDevelopmentAreaFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)
from projects.views.public import ProjectDetailView, ProjectListView
from workshops.tests.factories import WorkingGroupChairFactory

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"


def euros(text: str) -> str:
    """An amount as the page shows it: "12 345,50 €" with non-breaking spaces."""
    return text.replace(" ", NBSP)


@pytest.mark.parametrize("rows", [3, 6])
def test_list_page_runs_the_same_queries_for_more_projects(client, django_assert_num_queries, rows):
    for _ in range(rows):
        GrantDecisionFactory(project=ProjectFactory())
    MunicipalityFactory.create_batch(rows)
    DevelopmentAreaFactory.create_batch(min(rows, 4))
    # 1 savepoint, 2 regions, 3 development areas (the filter choices; the municipality is
    # typed), 4 count of the matching projects, 5 the page's projects with regions,
    # administrators and funding, 6 their development areas (the cards show them), 7 release.
    with django_assert_num_queries(7):
        response = client.get(reverse("projects:list"))
    assert response.status_code == 200
    assert len(response.context["projects"]) == rows


@pytest.mark.parametrize("rows", [3, 6])
def test_list_page_for_a_logged_in_user_runs_the_same_queries(
    client, django_assert_num_queries, municipal_staff, rows
):
    ProjectFactory.create_batch(rows)
    client.force_login(municipal_staff)
    # 1 session, 2 user, then the seven queries of the anonymous visit.
    with django_assert_num_queries(9):
        response = client.get(reverse("projects:list"), {"status": "running", "sort": "name"})
    assert len(response.context["projects"]) == rows


def listed(response) -> list[str]:
    return [project.name for project in response.context["projects"]]


def test_list_filters_by_region(client):
    ProjectFactory(name="Uudenmaan hanke", region=RegionFactory(code="01", name_fi="Uusimaa"))
    ProjectFactory(name="Lapin hanke", region=RegionFactory(code="19", name_fi="Lappi"))
    response = client.get(reverse("projects:list"), {"region": "19"})
    assert listed(response) == ["Lapin hanke"]


def test_list_filters_by_status(client):
    ProjectFactory(name="Käynnissä", status=ProjectStatus.RUNNING)
    ProjectFactory(name="Päättynyt", status=ProjectStatus.ENDED)
    response = client.get(reverse("projects:list"), {"status": "ended"})
    assert listed(response) == ["Päättynyt"]


def test_list_filters_by_development_area(client):
    area_two = DevelopmentAreaFactory(number=2)
    ProjectDevelopmentAreaFactory(project__name="Perhekeskus", development_area=area_two)
    ProjectDevelopmentAreaFactory(
        project__name="Lastensuojelu", development_area=DevelopmentAreaFactory(number=3)
    )
    response = client.get(reverse("projects:list"), {"development_area": "2"})
    assert listed(response) == ["Perhekeskus"]


def test_list_filters_by_municipality_as_consortium_member_or_partner(client):
    lahti = MunicipalityFactory(code="398", name_fi="Lahti", name_sv="Lahtis")
    member = ProjectFactory(name="Lahti konsortiossa")
    ConsortiumMembershipFactory(consortium=member.consortium, municipality=lahti)
    partner = ProjectPartnerFactory(
        project__name="Lahti kumppanina", municipality=lahti, organisation=None
    )
    ProjectPartnerFactory(project=partner.project, organisation=OrganisationFactory())
    ProjectFactory(name="Ei Lahtea")
    response = client.get(reverse("projects:list"), {"municipality": "398"})
    assert sorted(listed(response)) == ["Lahti konsortiossa", "Lahti kumppanina"]
    # The field shows the municipality's name, and the name typed (or in Swedish) finds it.
    assert response.context["filter_form"]["municipality"].value() == "Lahti"
    for typed in ("lahti", "Lahtis"):
        response = client.get(reverse("projects:list"), {"municipality": typed})
        assert sorted(listed(response)) == ["Lahti konsortiossa", "Lahti kumppanina"]


def test_list_names_the_municipalities_a_vague_filter_matches(client):
    MunicipalityFactory(name_fi="Kauniainen")
    MunicipalityFactory(name_fi="Kaustinen")
    ProjectFactory(name="Hanke")
    response = client.get(reverse("projects:list"), {"municipality": "kau"})
    assert listed(response) == ["Hanke"]
    assertContains(response, "Useita osumia, tarkenna: Kauniainen, Kaustinen")
    # The filter is a text field: the page lists no municipality as an option.
    assertNotContains(response, "Kaustinen</option>")


def test_list_ignores_an_unknown_filter_value_and_says_so(client):
    ProjectFactory(name="Hanke")
    response = client.get(reverse("projects:list"), {"region": "99"})
    assert listed(response) == ["Hanke"]
    assert response.context["filter_form"].errors["region"]


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("name", ["Aalto", "Bertta", "Cecilia"]),
        ("-start_date", ["Cecilia", "Aalto", "Bertta"]),
        ("start_date", ["Bertta", "Aalto", "Cecilia"]),
        ("-granted", ["Bertta", "Cecilia", "Aalto"]),
        ("granted", ["Aalto", "Cecilia", "Bertta"]),
    ],
)
def test_list_sorts_by_name_start_date_and_granted_amount(client, sort, expected):
    for name, start, granted in [
        ("Bertta", datetime.date(2016, 1, 1), "300000.00"),
        ("Cecilia", datetime.date(2018, 1, 1), "200000.00"),
        ("Aalto", datetime.date(2017, 1, 1), "100000.00"),
    ]:
        project = ProjectFactory(
            name=name, start_date=start, end_date=start + datetime.timedelta(days=700)
        )
        GrantDecisionFactory(project=project, amount_granted=Decimal(granted))
    response = client.get(reverse("projects:list"), {"sort": sort})
    assert listed(response) == expected


@pytest.mark.parametrize("sort", ["-granted", "granted"])
def test_list_sorts_projects_whose_granted_sum_is_unknown_last(client, sort):
    for name, granted in [("Aalto", "100000.00"), ("Bertta", None), ("Cecilia", "200000.00")]:
        GrantDecisionFactory(
            project=ProjectFactory(name=name),
            amount_granted=Decimal(granted) if granted else None,
        )
    response = client.get(reverse("projects:list"), {"sort": sort})
    assert listed(response)[-1] == "Bertta"


GRANTED_CELL = "<dd>{}</dd>"
UNKNOWN_GRANT_NOTE = (
    '<span class="d-block small text-body-secondary text-wrap">'
    "ei sisällä 1 avustusta, jonka summa ei ole tiedossa</span>"
)


def test_list_shows_an_unknown_granted_sum_as_unknown_not_zero(client):
    GrantDecisionFactory(
        project=ProjectFactory(name="Tuntematon", total_budget=None), amount_granted=None
    )
    response = client.get(reverse("projects:list"))
    assertContains(response, GRANTED_CELL.format("ei tiedossa"), html=True)
    assertNotContains(response, euros("0,00 €"))


def test_list_shows_the_known_granted_sum_with_a_note_of_the_unknown_grants(client):
    project = ProjectFactory()
    GrantDecisionFactory(project=project, amount_granted=Decimal("80000.00"))
    GrantDecisionFactory(project=project, amount_granted=None)
    response = client.get(reverse("projects:list"))
    assertContains(
        response, GRANTED_CELL.format(euros("80 000,00 €") + UNKNOWN_GRANT_NOTE), html=True
    )


def test_list_shows_25_projects_a_page_and_keeps_the_filters_in_page_links(client):
    ProjectFactory.create_batch(26, status=ProjectStatus.RUNNING)
    response = client.get(reverse("projects:list"), {"status": "running"})
    assert len(response.context["projects"]) == 25
    assertContains(response, "?status=running&amp;page=2")
    response = client.get(reverse("projects:list"), {"status": "running", "page": 2})
    assert len(response.context["projects"]) == 1


def card_fact(label: str, value: str) -> str:
    return f"<div><dt>{label}</dt><dd>{value}</dd></div>"


def test_list_shows_each_project_as_a_card_of_the_lists_columns(client):
    project = ProjectFactory(
        name="Perhekeskus Pohjanmaalle",
        short_name="PePo",
        region=RegionFactory(name_fi="Pohjanmaa"),
        administering_municipality=None,
        administering_organisation=OrganisationFactory(name="Pohjanmaan hyvinvointi"),
        start_date=datetime.date(2017, 3, 1),
        end_date=datetime.date(2018, 12, 31),
        total_budget=Decimal("250000.00"),
    )
    for number, name in [(3, "Lastensuojelu"), (1, "Perhekeskus")]:
        ProjectDevelopmentAreaFactory(
            project=project, development_area=DevelopmentAreaFactory(number=number, name_fi=name)
        )
    GrantDecisionFactory(project=project, amount_granted=Decimal("200000.00"))
    response = client.get(reverse("projects:list"))
    html = strip_icons(response.content.decode())
    url = reverse("projects:detail", args=[project.slug])
    assertContains(response, '<h2 class="card-title">', count=1)
    assert f'<a href="{url}">Perhekeskus Pohjanmaalle</a></h2>' in html
    for label, value in [
        ("Lyhyt nimi", "PePo"),
        ("Maakunta", "Pohjanmaa"),
        ("Hallinnoija", "Pohjanmaan hyvinvointi"),
        ("Alkaa", "1.3.2017"),
        ("Päättyy", "31.12.2018"),
        ("Tila", "käynnissä"),
        (
            "Kehittämiskokonaisuudet",
            '<span class="d-block">I Perhekeskus</span>'
            '<span class="d-block">III Lastensuojelu</span>',
        ),
        ("Myönnetty avustus", euros("200 000,00 €")),
        ("Kokonaisbudjetti", euros("250 000,00 €")),
    ]:
        assert card_fact(label, value) in html, label
    assertNotContains(response, "<table")


def strip_icons(html: str) -> str:
    return re.sub(r"<svg .*?</svg>", "", html)


def test_list_filter_fields_have_labels(client):
    response = client.get(reverse("projects:list"))
    for field in ["region", "status", "development_area", "municipality", "sort"]:
        assertContains(response, f'for="id_{field}"')


# --- Project page -----------------------------------------------------------------------------


def seed_project_page(project, rows: int) -> None:
    """``rows`` of everything the project's page lists (development areas: at most four)."""
    for number in range(1, min(rows, 4) + 1):
        ProjectDevelopmentAreaFactory(
            project=project, development_area=DevelopmentAreaFactory(number=number)
        )
    area = DevelopmentAreaFactory(number=1)
    categories = CostCategory.values
    for number in range(rows):
        ConsortiumMembershipFactory(consortium=project.consortium)
        ProjectPartnerFactory(project=project)
        ContactFactory(project=project, organisation=OrganisationFactory())
        InstalmentFactory(grant=GrantDecisionFactory(project=project))
        line = BudgetLineFactory(
            project=project,
            category=categories[number],
            development_area=area,
            partner=ProjectPartnerFactory(project=project),
        )
        ExpenseFactory.create_batch(2, budget_line=line)
        CooperationFactory().projects.add(project, ProjectFactory())
        chair = WorkingGroupChairFactory(
            working_group__project=project, working_group__development_area=area
        )
        WorkingGroupChairFactory(working_group=chair.working_group)


@pytest.mark.parametrize("rows", [3, 6])
def test_project_page_runs_the_same_queries_for_more_rows(
    client, django_assert_num_queries, project, rows
):
    seed_project_page(project, rows)
    # 1 savepoint, 2 the project (the page's head); what is kept until the next change:
    # 3 the project with region, consortium, administrator and funding sums, 4 development
    # areas, 5 consortium memberships, 6 their municipalities, 7 partners with organisations
    # and municipalities, 8 contacts likewise, 9 cooperations, 10 their projects, 11 working
    # groups, 12 their development areas, 13 their chairs, 14 the chairs' municipalities,
    # 15 grants with funders and paid sums, 16 their instalments, 17 budget lines with spent
    # sums; 18 release savepoint.
    with django_assert_num_queries(18):
        response = client.get(reverse("projects:detail", args=[project.slug]))
    assert response.status_code == 200
    assert len(response.context["budget_lines"]) == rows


@pytest.mark.parametrize("rows", [3, 6])
def test_project_page_for_municipal_staff_runs_the_same_queries(
    client, django_assert_num_queries, project, municipal_staff, rows
):
    seed_project_page(project, rows)
    client.force_login(municipal_staff)
    # 1 session, 2 user, 3-4 the user's and the groups' permissions (may the user edit?),
    # then the eighteen queries of the anonymous visit and 23 the user's follow of the project.
    with django_assert_num_queries(23):
        client.get(reverse("projects:detail", args=[project.slug]))


@pytest.mark.parametrize("rows", [3, 6])
def test_project_page_for_its_coordinator_runs_the_same_queries(
    client, django_assert_num_queries, project, coordinator, rows
):
    seed_project_page(project, rows)
    client.force_login(coordinator)
    # 1 session, 2 user, 3-4 permissions, 5 the projects the user coordinates, the eighteen
    # queries of the anonymous visit, 24 the expenses of the budget lines, and 25-31 the
    # change history of the project, its grants, funders' requests, budget lines, expenses,
    # contacts and partners, 32 the user's follow of the project.
    with django_assert_num_queries(32):
        response = client.get(reverse("projects:detail", args=[project.slug]))
    assert response.context["can_edit"]


@pytest.mark.parametrize(
    "view, kwargs",
    [(ProjectListView, {}), (ProjectDetailView, {"slug": "lape-testimaa"})],
)
def test_templates_run_no_queries(rf, django_assert_num_queries, project, view, kwargs):
    seed_project_page(project, 3)
    request = rf.get("/")
    request.user = AnonymousUser()
    response = view.as_view()(request, **kwargs)
    with django_assert_num_queries(0):
        response.render()


def test_project_page_template_runs_no_queries_for_its_coordinator(
    rf, django_assert_num_queries, project, coordinator
):
    seed_project_page(project, 3)
    request = rf.get("/")
    request.user = coordinator
    response = ProjectDetailView.as_view()(request, slug=project.slug)
    with django_assert_num_queries(0):
        response.render()


def test_visitor_sees_no_email_or_phone_but_municipal_staff_does(client, project, municipal_staff):
    ContactFactory(
        project=project, name="Hilkka Hankala", email="hilkka@example.fi", phone="040 123 4567"
    )
    url = reverse("projects:detail", args=[project.slug])
    response = client.get(url)
    assertContains(response, "Hilkka Hankala")
    assertNotContains(response, "hilkka@example.fi")
    assertNotContains(response, "040 123 4567")

    client.force_login(municipal_staff)
    response = client.get(url)
    assertContains(response, "hilkka@example.fi")
    assertContains(response, "040 123 4567")


def test_project_page_shows_the_funding_figures_and_the_chart(client, project):
    GrantDecisionFactory(
        project=project, amount_applied=Decimal("90000.00"), amount_granted=Decimal("80000.00")
    )
    line = BudgetLineFactory(project=project, year=2017, amount=Decimal("40000.00"))
    ExpenseFactory(budget_line=line, amount=Decimal("10000.00"))
    response = client.get(reverse("projects:detail", args=[project.slug]))
    for amount in ["90 000,00 €", "80 000,00 €", "100 000,00 €", "20 000,00 €", "40 000,00 €"]:
        assertContains(response, euros(amount))
    assertContains(response, f"25,0{NBSP}%")
    assertContains(response, 'role="img"')
    assertContains(response, "aria-label=")


def test_project_page_flags_a_budget_line_and_the_project_over_their_plan(client, project):
    over = BudgetLineFactory(project=project, year=2017, amount=Decimal("1000.00"))
    ExpenseFactory(budget_line=over, amount=Decimal("1500.00"), date=datetime.date(2017, 2, 1))
    within = BudgetLineFactory(project=project, year=2018, amount=Decimal("1000.00"))
    ExpenseFactory(budget_line=within, amount=Decimal("100.00"), date=datetime.date(2018, 2, 1))
    response = client.get(reverse("projects:detail", args=[project.slug]))
    # The line over its plan and the project's total (1 600 € spent of 2 000 € planned: not).
    assert response.content.decode().count("yli suunnitelman") == 1
    ExpenseFactory(budget_line=within, amount=Decimal("500.00"), date=datetime.date(2018, 3, 1))
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assert response.content.decode().count("yli suunnitelman") == 2


def funding_row(heading: str, value: str) -> str:
    return f'<tr><th scope="row">{heading}</th><td class="text-end text-nowrap">{value}</td></tr>'


def test_project_page_shows_unknown_grants_as_unknown_not_zero(client, project):
    GrantDecisionFactory(project=project, amount_applied=None, amount_granted=None)
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assertContains(response, funding_row("Myönnetty avustus", "ei tiedossa"), html=True)
    assertContains(response, funding_row("Omarahoitus", "ei tiedossa"), html=True)
    assertContains(response, "Myönnetty avustus ei tiedossa;")  # the chart's label


def test_project_page_shows_the_known_grants_with_a_note_and_no_own_financing(client, project):
    GrantDecisionFactory(project=project, amount_granted=Decimal("80000.00"))
    GrantDecisionFactory(project=project, amount_granted=None)
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assertContains(
        response,
        funding_row("Myönnetty avustus", euros("80 000,00 €") + UNKNOWN_GRANT_NOTE),
        html=True,
    )
    # Not 100 000 € - 80 000 €: what the project pays itself depends on the unknown grant.
    assertContains(response, funding_row("Omarahoitus", "ei tiedossa"), html=True)
    assertContains(response, "vähintään " + euros("80 000,00 €"))  # the chart


def test_project_page_shows_the_description_in_swedish_for_swedish_users(client, project):
    project.description_sv = "Svensk beskrivning."
    project.save()
    url = reverse("projects:detail", args=[project.slug])
    assertContains(client.get(url), "Hankkeessa kehitetään perhekeskustoimintaa.")
    assertContains(client.get(url, headers={"accept-language": "sv"}), "Svensk beskrivning.")


def test_project_page_shows_consortium_members_with_their_participation(client, project):
    ConsortiumMembershipFactory(
        consortium=project.consortium,
        municipality__name_fi="Kutsuttukylä",
        participation=Participation.INVITED,
    )
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assertContains(response, "Kutsuttukylä")
    assertContains(response, "vain kutsuttuna")


def test_project_page_shows_partners_with_their_funded_share(client, project):
    ProjectPartnerFactory(
        project=project,
        organisation__name="Perheiden tuki ry",
        role=PartnerRole.FUNDED_PARTNER,
        funded_share=Decimal("15000.00"),
    )
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assertContains(response, "Perheiden tuki ry")
    assertContains(response, "rahoitettu kumppani")
    assertContains(response, euros("15 000,00 €"))


def test_only_the_projects_coordinator_sees_edit_links(
    client, project, coordinator, other_coordinator
):
    url = reverse("projects:detail", args=[project.slug])
    edit_url = reverse("projects:edit", args=[project.slug])
    assertNotContains(client.get(url), edit_url)
    client.force_login(other_coordinator)
    assertNotContains(client.get(url), edit_url)
    client.force_login(coordinator)
    assertContains(client.get(url), edit_url)


def test_project_page_without_consortium_administrator_or_budget_opens(client):
    project = ProjectFactory(consortium=None, administering_municipality=None, total_budget=None)
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assert response.status_code == 200
    assertContains(response, "Budjettirivejä ei ole kirjattu.")


def test_unknown_project_gives_404(client):
    assert client.get(reverse("projects:detail", args=["ei-ole"])).status_code == 404


# --- Edit pages -------------------------------------------------------------------------------


@pytest.fixture
def rows(project, other_project):
    """One row of each kind in ``project`` and in ``other_project``."""

    def seed(target):
        line = BudgetLineFactory(project=target, year=2017, category=CostCategory.TRAVEL)
        return {
            "budget_line": line,
            "expense": ExpenseFactory(budget_line=line),
            "contact": ContactFactory(project=target),
            "partner": ProjectPartnerFactory(project=target),
        }

    return {"own": seed(project), "other": seed(other_project)}


def edit_urls(slug: str, rows: dict) -> list[str]:
    urls = [reverse("projects:edit", args=[slug])]
    for kind in ["budget_line", "expense", "contact", "partner"]:
        pk = rows[kind].pk
        urls += [
            reverse(f"projects:{kind}_create", args=[slug]),
            reverse(f"projects:{kind}_update", args=[slug, pk]),
            reverse(f"projects:{kind}_delete", args=[slug, pk]),
        ]
    return urls


def test_anonymous_user_is_sent_to_log_in_from_every_edit_page(client, project, rows):
    for url in edit_urls(project.slug, rows["own"]):
        for response in [client.get(url), client.post(url)]:
            assertRedirects(
                response,
                f"{resolve_url(settings.LOGIN_URL)}?next={url}",
                fetch_redirect_response=False,
            )


def test_coordinator_cannot_edit_other_project(client, project, other_coordinator, rows):
    client.force_login(other_coordinator)
    for url in edit_urls(project.slug, rows["own"]):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"amount": "1,00"}).status_code == 403, url
    assert BudgetLine.objects.get(pk=rows["own"]["budget_line"].pk).amount == Decimal("10000.00")


def test_municipal_staff_cannot_edit_projects(client, project, municipal_staff):
    client.force_login(municipal_staff)
    assert client.get(reverse("projects:edit", args=[project.slug])).status_code == 403


def test_other_projects_rows_under_this_project_give_404(client, project, coordinator, rows):
    client.force_login(coordinator)
    for url in edit_urls(project.slug, rows["other"])[1:]:
        if "/uusi/" not in url:
            assert client.get(url).status_code == 404, url
            assert client.post(url).status_code == 404, url


def test_every_edit_page_opens_for_the_coordinator(client, project, coordinator, rows):
    client.force_login(coordinator)
    for url in edit_urls(project.slug, rows["own"]):
        assert client.get(url).status_code == 200, url


def test_coordinator_edits_a_budget_line_and_sees_the_new_figure(client, project, coordinator):
    line = BudgetLineFactory(project=project, year=2017, category=CostCategory.TRAVEL)
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:budget_line_update", args=[project.slug, line.pk]),
        {"year": "2017", "category": CostCategory.TRAVEL, "amount": "12345,50"},
        follow=True,
    )
    assertRedirects(response, reverse("projects:detail", args=[project.slug]))
    assertContains(response, "Budjettirivi on tallennettu.")
    assertContains(response, euros("12 345,50 €"))
    line.refresh_from_db()
    assert line.amount == Decimal("12345.50")


def test_budget_line_form_shows_the_amount_as_the_page_does(client, project, coordinator):
    line = BudgetLineFactory(project=project, amount=Decimal("12500.50"))
    client.force_login(coordinator)
    response = client.get(reverse("projects:budget_line_update", args=[project.slug, line.pk]))
    assertContains(response, f'value="12{NBSP}500,50"')


def test_unreadable_amount_is_refused_in_finnish_and_nothing_changes(client, project, coordinator):
    line = BudgetLineFactory(project=project, year=2017, category=CostCategory.TRAVEL)
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:budget_line_update", args=[project.slug, line.pk]),
        {"year": "2017", "category": CostCategory.TRAVEL, "amount": "12 500 € 50"},
    )
    assert response.status_code == 200
    assertContains(response, f"Syötä summa euroina, esimerkiksi 12{NBSP}500,50.")
    assertContains(response, 'value="12 500 € 50"')
    line.refresh_from_db()
    assert line.amount == Decimal("10000.00")


def test_negative_amount_is_refused_in_finnish_and_nothing_is_saved(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:budget_line_create", args=[project.slug]),
        {"year": "2017", "category": CostCategory.TRAVEL, "amount": "-5,00"},
    )
    assert response.status_code == 200
    assertContains(response, "Summa ei voi olla negatiivinen.")
    assertContains(response, 'value="-5,00"')
    assert not BudgetLine.objects.exists()


def test_duplicate_budget_line_is_refused_in_finnish(client, project, coordinator):
    BudgetLineFactory(project=project, year=2017, category=CostCategory.TRAVEL)
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:budget_line_create", args=[project.slug]),
        {"year": "2017", "category": CostCategory.TRAVEL, "amount": "100"},
    )
    assertContains(response, "Hankkeella on jo budjettirivi tälle vuodelle")
    assert BudgetLine.objects.count() == 1


def test_expense_outside_the_budget_lines_year_is_refused(client, project, coordinator):
    line = BudgetLineFactory(project=project, year=2017)
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:expense_create", args=[project.slug]),
        {
            "budget_line": line.pk,
            "date": "2018-01-02",
            "amount": "250,00",
            "description": "Matka",
        },
    )
    assertContains(response, "Päivämäärän on oltava budjettirivin vuonna 2017.")
    assert not line.expenses.exists()


def test_coordinator_books_an_expense(client, project, coordinator):
    line = BudgetLineFactory(project=project, year=2017, amount=Decimal("1000.00"))
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:expense_create", args=[project.slug]),
        {"budget_line": line.pk, "date": "2017-03-02", "amount": "250,00", "description": "Matka"},
        follow=True,
    )
    assertContains(response, "Kulu on kirjattu.")
    assertContains(response, f"25,0{NBSP}%")


def test_expense_cannot_be_booked_on_another_projects_line(
    client, project, other_project, coordinator
):
    other_line = BudgetLineFactory(project=other_project, year=2017)
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:expense_create", args=[project.slug]),
        {"budget_line": other_line.pk, "date": "2017-03-02", "amount": "1", "description": "X"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["budget_line"]
    assert not other_line.expenses.exists()


def test_budget_line_with_expenses_is_not_deleted(client, project, coordinator):
    expense = ExpenseFactory(budget_line__project=project)
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:budget_line_delete", args=[project.slug, expense.budget_line.pk])
    )
    assertContains(response, "Budjettiriviä ei voi poistaa")
    assert BudgetLine.objects.filter(pk=expense.budget_line.pk).exists()


def test_coordinator_deletes_a_contact_after_confirming(client, project, coordinator):
    contact = ContactFactory(project=project, name="Poistettava Henkilö")
    url = reverse("projects:contact_delete", args=[project.slug, contact.pk])
    client.force_login(coordinator)
    assertContains(client.get(url), "Poistettava Henkilö")
    response = client.post(url, follow=True)
    assertContains(response, "Yhteyshenkilö on poistettu.")
    assert not project.contacts.filter(pk=contact.pk).exists()


def test_coordinator_cannot_link_a_contact_to_a_user_account(
    client, project, coordinator, municipal_staff
):
    client.force_login(coordinator)
    client.post(
        reverse("projects:contact_create", args=[project.slug]),
        {"name": "Uusi Henkilö", "role": "project_worker", "user": municipal_staff.pk},
    )
    contact = project.contacts.get(name="Uusi Henkilö")
    assert contact.user is None


def test_coordinator_adds_a_partner(client, project, coordinator):
    organisation = OrganisationFactory(name="Kumppanijärjestö ry")
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:partner_create", args=[project.slug]),
        {"organisation": organisation.pk, "role": "funded_partner", "funded_share": "5000"},
        follow=True,
    )
    assertContains(response, "Kumppani on lisätty.")
    assertContains(response, "Kumppanijärjestö ry")


def test_coordinator_edits_the_project_but_not_its_name(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("projects:edit", args=[project.slug]),
        {
            "description": "Uusi kuvaus.",
            "status": ProjectStatus.ENDED,
            "total_budget": "1750000",
            "name": "Toinen nimi",
        },
        follow=True,
    )
    assertContains(response, "Hankkeen tiedot on tallennettu.")
    project.refresh_from_db()
    assert project.description == "Uusi kuvaus."
    assert project.total_budget == Decimal("1750000")
    assert project.name == "LAPE Testimaa"


def test_portal_admin_may_edit_any_project(client, project, portal_admin):
    client.force_login(portal_admin)
    url = reverse("projects:edit", args=[project.slug])
    assert client.get(url).status_code == 200

    response = client.post(
        url, {"description": "Ylläpidon kuvaus.", "status": ProjectStatus.ENDED}, follow=True
    )

    assertContains(response, "Hankkeen tiedot on tallennettu.")
    project.refresh_from_db()
    assert (project.description, project.status) == ("Ylläpidon kuvaus.", ProjectStatus.ENDED)


@pytest.mark.parametrize("typed", ["1 750 000,50", "1\xa0750\xa0000,50", "1750000,50"])
def test_total_budget_is_typed_with_a_decimal_comma(client, project, coordinator, typed):
    client.force_login(coordinator)

    response = client.post(
        reverse("projects:edit", args=[project.slug]),
        {"description": "Kuvaus.", "status": ProjectStatus.RUNNING, "total_budget": typed},
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.total_budget == Decimal("1750000.50")


def test_a_partners_funded_share_is_typed_with_a_decimal_comma(client, project, coordinator):
    organisation = OrganisationFactory(name="Kumppanijärjestö ry")
    client.force_login(coordinator)

    response = client.post(
        reverse("projects:partner_create", args=[project.slug]),
        {"organisation": organisation.pk, "role": "funded_partner", "funded_share": "12 500,50"},
    )

    assert response.status_code == 302
    assert project.partners.get().funded_share == Decimal("12500.50")


def test_visitor_sees_only_the_details_of_contacts_who_agreed_to_it(client, project):
    ContactFactory(
        project=project, email="julkinen@example.fi", phone="040 111", public_contact_details=True
    )
    ContactFactory(project=project, email="yksityinen@example.fi", phone="040 222")

    response = client.get(reverse("projects:detail", args=[project.slug]))

    assertContains(response, "julkinen@example.fi")
    assertContains(response, "040 111")
    assertNotContains(response, "yksityinen@example.fi")
    assertNotContains(response, "040 222")


def test_signed_in_user_sees_every_contacts_details(client, project, municipal_staff):
    ContactFactory(project=project, email="yksityinen@example.fi")
    client.force_login(municipal_staff)

    assertContains(
        client.get(reverse("projects:detail", args=[project.slug])), "yksityinen@example.fi"
    )
