"""The municipality list and a municipality's own page."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from municipalities.models import LanguageStatus
from municipalities.tests.factories import (
    ConsortiumMembershipFactory,
    MunicipalityFactory,
    RegionFactory,
    ServiceArrangementFactory,
)
from municipalities.views import MunicipalityListView
from portal.views.municipality import MunicipalityDetailView
from projects.models import PartnerRole
from projects.tests.factories import ProjectFactory, ProjectPartnerFactory
from workshops.tests.factories import HELSINKI, MeetingFactory, WorkingGroupChairFactory

pytestmark = pytest.mark.django_db


def seed_municipalities(count: int) -> None:
    for _ in range(count):
        MunicipalityFactory()


def seed_links(municipality, count: int) -> None:
    """``count`` rows of each kind the municipality's page lists."""
    for day in range(1, count + 1):
        membership = ConsortiumMembershipFactory(municipality=municipality)
        ProjectFactory(consortium=membership.consortium)
        ProjectPartnerFactory(
            municipality=municipality, organisation=None, role=PartnerRole.FUNDED_PARTNER
        )
        WorkingGroupChairFactory(municipality=municipality)
        starts_at = datetime.datetime(2017, 5, day, 9, 0, tzinfo=HELSINKI)
        MeetingFactory(host_municipality=municipality, starts_at=starts_at)
        MeetingFactory(starts_at=starts_at).invited_municipalities.add(municipality)
        ServiceArrangementFactory(provider=municipality)
    ServiceArrangementFactory(municipality=municipality)


@pytest.mark.parametrize("rows", [3, 6])
def test_list_page_runs_the_same_queries_for_more_municipalities(
    client, django_assert_num_queries, rows
):
    seed_municipalities(rows)
    # 1 savepoint (ATOMIC_REQUESTS), 2 municipalities with their regions, 3 release savepoint.
    with django_assert_num_queries(3):
        response = client.get(reverse("municipalities:list"))
    assert response.status_code == 200
    assert len(response.context["municipalities"]) == rows


def test_list_page_groups_municipalities_by_region_in_code_order(client):
    uusimaa = RegionFactory(code="01", name_fi="Uusimaa", name_sv="Nyland")
    paijat_hame = RegionFactory(code="07", name_fi="Päijät-Häme", name_sv="Päijänne-Tavastland")
    MunicipalityFactory(code="560", name_fi="Orimattila", name_sv="", region=paijat_hame)
    MunicipalityFactory(
        code="638",
        name_fi="Porvoo",
        name_sv="Borgå",
        region=uusimaa,
        language_status=LanguageStatus.BILINGUAL_FINNISH_MAJORITY,
    )
    MunicipalityFactory(code="504", name_fi="Myrskylä", name_sv="Mörskom", region=uusimaa)

    content = client.get(reverse("municipalities:list")).content.decode()

    uusimaa_part, paijat_hame_part = content.split('<h2 id="region-07"')
    assert '<h2 id="region-01"' in uusimaa_part
    assert "Myrskylä" in uusimaa_part and "Porvoo" in uusimaa_part
    assert uusimaa_part.index("Myrskylä") < uusimaa_part.index("Porvoo")
    assert "Borgå" in uusimaa_part
    assert "kaksikielinen, suomenkielinen enemmistö" in uusimaa_part
    assert "Orimattila" in paijat_hame_part and "Orimattila" not in uusimaa_part
    assert "Päijät-Häme" in paijat_hame_part
    assert 'href="/kunnat/560/"' in paijat_hame_part


def test_detail_page_lists_a_consortiums_newest_projects_and_links_to_the_rest(client):
    membership = ConsortiumMembershipFactory(municipality=MunicipalityFactory(code="398"))
    for year in range(2006, 2018):
        ProjectFactory(
            consortium=membership.consortium,
            name=f"Hanke {year}",
            start_date=datetime.date(year, 1, 1),
        )
    response = client.get(reverse("portal:municipality_detail", args=["398"]))
    listed = [project.name for _, project in response.context["consortium_projects"]]
    assert listed == [f"Hanke {year}" for year in range(2017, 2007, -1)]
    assertContains(
        response,
        f'<a href="{reverse("projects:list")}?municipality=398">'
        "Kaikki kunnan hankkeet: 2 hanketta lisää</a>",
    )


@pytest.mark.parametrize("rows", [3, 6])
def test_detail_page_runs_the_same_queries_for_more_links(client, django_assert_num_queries, rows):
    municipality = MunicipalityFactory()
    seed_links(municipality, rows)
    # 1 savepoint (ATOMIC_REQUESTS), 2 municipality with region (the page's head); what is
    # kept until the next change: 3 municipality with region, 4 consortium memberships with
    # consortia, 5 the consortia's projects, 6 partnerships with projects, 7 chaired working
    # groups with projects, 8 hosted meetings, 9 meeting invitations, 10 services provided
    # by others, 11 services provided for others; 12 release savepoint.
    with django_assert_num_queries(12):
        response = client.get(reverse("portal:municipality_detail", args=[municipality.code]))
    assert response.status_code == 200
    assert len(response.context["consortium_projects"]) == rows
    assert len(municipality_on_page(response).latest_hosted_meetings) == rows
    assert len(municipality_on_page(response).latest_meeting_invitations) == rows


def municipality_on_page(response):
    return response.context["municipality"]


@pytest.mark.parametrize(
    "view, kwargs",
    [(MunicipalityListView, {}), (MunicipalityDetailView, {"code": "504"})],
)
def test_templates_run_no_queries(rf, django_assert_num_queries, view, kwargs):
    municipality = MunicipalityFactory(code="504")
    seed_links(municipality, 3)
    request = rf.get("/")
    request.user = AnonymousUser()
    response = view.as_view()(request, **kwargs)
    with django_assert_num_queries(0):
        response.render()


def test_detail_page_shows_names_region_and_language_status(client):
    region = RegionFactory(code="01", name_fi="Uusimaa", name_sv="Nyland")
    MunicipalityFactory(
        code="638",
        name_fi="Porvoo",
        name_sv="Borgå",
        region=region,
        language_status=LanguageStatus.BILINGUAL_FINNISH_MAJORITY,
    )
    response = client.get(reverse("portal:municipality_detail", args=["638"]))
    assertContains(response, "<h1>Porvoo</h1>", html=True)
    assertContains(response, "Borgå")
    assertContains(response, "Uusimaa (01)")
    assertContains(response, "kaksikielinen, suomenkielinen enemmistö")


def test_myrskyla_page_says_orimattila_provides_its_social_and_health_services(client):
    myrskyla = MunicipalityFactory(code="504", name_fi="Myrskylä", name_sv="Mörskom")
    orimattila = MunicipalityFactory(code="560", name_fi="Orimattila", name_sv="")
    ServiceArrangementFactory(municipality=myrskyla, provider=orimattila)

    response = client.get(reverse("portal:municipality_detail", args=["504"]))
    assertContains(
        response,
        '<tr><td>sosiaali- ja terveyspalvelut</td><td><a href="/kunnat/560/">Orimattila</a></td>'
        "</tr>",
        html=True,
    )

    response = client.get(reverse("portal:municipality_detail", args=["560"]))
    assertContains(
        response,
        '<tr><td><a href="/kunnat/504/">Myrskylä</a></td><td>sosiaali- ja terveyspalvelut</td>'
        "</tr>",
        html=True,
    )


def test_detail_page_shows_how_the_municipality_takes_part_in_projects(client):
    municipality = MunicipalityFactory(code="504")
    membership = ConsortiumMembershipFactory(
        municipality=municipality, consortium__name="Itä-Uudenmaan konsortio"
    )
    ProjectFactory(consortium=membership.consortium, name="LAPE Itä-Uusimaa", slug="itu")
    ProjectPartnerFactory(
        municipality=municipality,
        organisation=None,
        role=PartnerRole.STEERING,
        project=ProjectFactory(name="LAPE Päijät-Häme", slug="ph"),
    )
    chair = WorkingGroupChairFactory(municipality=municipality, theme="Perhekeskus")

    response = client.get(reverse("portal:municipality_detail", args=["504"]))
    content = response.content.decode()
    assert "LAPE Itä-Uusimaa" in content
    assert "Itä-Uudenmaan konsortio" in content
    assert "rahoitusosuudella mukana" in content
    assert "LAPE Päijät-Häme" in content
    assert "ohjaus" in content
    assert chair.working_group.name in content
    assert "Perhekeskus" in content


def test_detail_page_lists_the_latest_twenty_meetings_latest_first(client):
    municipality = MunicipalityFactory(code="504")
    for day in range(1, 22):
        MeetingFactory(
            host_municipality=municipality,
            title=f"Työpaja {day}",
            starts_at=datetime.datetime(2017, 5, day, 9, 0, tzinfo=HELSINKI),
        )

    response = client.get(reverse("portal:municipality_detail", args=["504"]))
    assertNotContains(response, "Työpaja 1<")
    assertContains(response, "21.5.2017")
    content = response.content.decode()
    assert content.index("Työpaja 21") < content.index("Työpaja 20") < content.index("Työpaja 2<")


def test_unknown_municipality_code_gives_404(client):
    MunicipalityFactory(code="504")
    response = client.get(reverse("portal:municipality_detail", args=["999"]))
    assert response.status_code == 404
