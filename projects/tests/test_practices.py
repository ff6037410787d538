"""Practices: the catalogue, a practice's page, a region's matrix, and the coordinators'
edits through the services."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from municipalities.models import Municipality
from municipalities.tests.factories import MunicipalityFactory, RegionFactory
from projects import services
from projects.models import AdoptionExample, AdoptionState, Practice, PracticeAdoption
from projects.tests.factories import (
    DevelopmentAreaFactory,
    EmbeddingPlanFactory,
    EmbeddingStepFactory,
    PracticeAdoptionFactory,
    PracticeFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def seed_practices(project, rows: int) -> list[Practice]:
    practices = [PracticeFactory(project=project) for _ in range(rows)]
    for practice in practices:
        for _ in range(2):
            PracticeAdoptionFactory(
                practice=practice, municipality=MunicipalityFactory(region=project.region)
            )
        EmbeddingStepFactory.create_batch(2, plan=EmbeddingPlanFactory(practice=practice))
    return practices


@pytest.mark.parametrize("rows", [3, 6])
def test_catalogue_runs_the_same_queries_for_more_practices(
    client, django_assert_num_queries, project, rows
):
    seed_practices(project, rows)
    # 1 savepoint, 2 projects, 3 development areas (the filter's choices), 4 count of the
    # matching practices, 5 the page's practices with project, area and adoption count,
    # 6 regions with practices (the matrix links), 7 release savepoint.
    with django_assert_num_queries(7):
        response = client.get(reverse("projects:practice_list"))
    assert len(response.context["practices"]) == rows


def test_catalogue_filters_by_project_and_area(client, project, other_project):
    PracticeFactory(project=project, name="Perhekeskus", development_area__number=2)
    PracticeFactory(project=project, name="Eroauttaminen", development_area__number=4)
    PracticeFactory(project=other_project, name="Monitoimijainen arviointi")

    response = client.get(
        reverse("projects:practice_list"), {"project": project.slug, "development_area": 2}
    )

    assert [practice.name for practice in response.context["practices"]] == ["Perhekeskus"]


@pytest.mark.parametrize("rows", [3, 6])
def test_practice_page_runs_the_same_queries_for_more_adoptions(
    client, django_assert_num_queries, project, rows
):
    practice = PracticeFactory(project=project)
    for _ in range(rows):
        PracticeAdoptionFactory(practice=practice)
    EmbeddingStepFactory.create_batch(rows, plan=EmbeddingPlanFactory(practice=practice))
    # 1 savepoint, 2 the practice with project, region, area and plan, 3 adoptions with
    # municipalities, 4 the plan's steps, 5 release savepoint.
    with django_assert_num_queries(5):
        response = client.get(reverse("projects:practice_detail", args=[practice.slug]))
    assert len(response.context["adoptions"]) == rows


def test_practice_page_shows_the_adoptions_and_the_embedding_plan(client, project):
    practice = PracticeFactory(project=project, name="Perhekeskustoimintamalli")
    PracticeAdoptionFactory(
        practice=practice,
        municipality=MunicipalityFactory(name_fi="Lohja"),
        state=AdoptionState.EMBEDDED,
        date=datetime.date(2018, 11, 1),
    )
    EmbeddingStepFactory(
        plan=EmbeddingPlanFactory(practice=practice, responsible="Ohjausryhmä"),
        description="Toiminta siirretään kunnille",
        due_date=datetime.date(2018, 12, 31),
    )

    response = client.get(reverse("projects:practice_detail", args=[practice.slug]))

    assertContains(response, "Lohja")
    assertContains(response, "juurtunut")
    assertContains(response, "1.11.2018")
    assertContains(response, "Ohjausryhmä")
    assertContains(response, "Toiminta siirretään kunnille – määräaika 31.12.2018")
    assertNotContains(response, "Esimerkkiaineisto")


def test_practice_page_labels_example_adoptions(client, project):
    adoption = PracticeAdoptionFactory(
        practice=PracticeFactory(project=project), example_fields=list(AdoptionExample.values)
    )

    response = client.get(reverse("projects:practice_detail", args=[adoption.practice.slug]))

    assertContains(response, "Esimerkkiaineisto")


@pytest.mark.parametrize("rows", [3, 6])
def test_matrix_runs_the_same_queries_for_more_practices(
    client, django_assert_num_queries, project, rows
):
    seed_practices(project, rows)
    # 1 savepoint, 2 the region, 3 its projects' practices with areas, 4 their adoptions,
    # 5 the region's municipalities, 6 release savepoint.
    with django_assert_num_queries(6):
        response = client.get(reverse("projects:practice_matrix", args=[project.region.code]))
    assert len(response.context["practices"]) == rows
    assert (
        len(response.context["rows"]) == Municipality.objects.filter(region=project.region).count()
    )


def test_matrix_says_each_state_in_words_under_its_headers(client):
    region = RegionFactory(code="01", name_fi="Uusimaa")
    practice = PracticeFactory(project=ProjectFactory(region=region), name="Perhekeskus")
    lohja = MunicipalityFactory(name_fi="Lohja", region=region)
    MunicipalityFactory(name_fi="Askola", region=region)
    PracticeAdoptionFactory(practice=practice, municipality=lohja, state=AdoptionState.PILOTED)
    # A practice of another region is not a column here.
    PracticeFactory(
        name="Pohjanmaan malli", project__region=RegionFactory(code="15", name_fi="Pohjanmaa")
    )

    response = client.get(reverse("projects:practice_matrix", args=["01"]))

    html = response.content.decode()
    assert '<th scope="col">Kunta</th>' in html
    assert "Perhekeskus" in html and "Pohjanmaan malli" not in html
    rows = {municipality.name_fi: cells for municipality, cells in response.context["rows"]}
    assert [cell.state if cell else None for cell in rows["Lohja"]] == ["piloted"]
    assert rows["Askola"] == [None]
    # The cell says the state in words, not only by its colour.
    assert '<td class="adoption adoption-piloted">pilotoitu ' in html
    assertContains(response, '<span class="visually-hidden">ei tietoa</span>', html=True)


def test_a_new_practice_gets_an_address_of_its_own_from_its_name(project, other_project):
    area = DevelopmentAreaFactory(number=2)
    first = services.practice_create(
        practice=Practice(project=project, development_area=area, name="Perhekeskus")
    )
    second = services.practice_create(
        practice=Practice(project=other_project, development_area=area, name="Perhekeskus")
    )
    assert (first.slug, second.slug) == ("perhekeskus", "perhekeskus-2")


def test_a_municipality_has_one_state_per_practice():
    adoption = PracticeAdoptionFactory()
    with pytest.raises(IntegrityError):
        services.adoption_create(
            adoption=PracticeAdoption(
                practice=adoption.practice,
                municipality=adoption.municipality,
                state=AdoptionState.PILOTED,
                date=datetime.date(2018, 1, 1),
            )
        )


def test_coordinator_records_a_municipalitys_state_through_the_portal(client, coordinator, project):
    practice = PracticeFactory(project=project)
    municipality = MunicipalityFactory(name_fi="Vihti")
    client.force_login(coordinator)

    response = client.post(
        reverse("projects:adoption_create", args=[practice.slug]),
        {"municipality": municipality.pk, "state": "adopted", "date": "2018-03-01", "note": ""},
    )

    assert response.status_code == 302
    adoption = practice.adoptions.get()
    assert (adoption.municipality, adoption.state) == (municipality, AdoptionState.ADOPTED)


def test_a_second_state_for_the_same_municipality_is_refused_on_the_form(
    client, coordinator, project
):
    adoption = PracticeAdoptionFactory(practice=PracticeFactory(project=project))
    client.force_login(coordinator)

    response = client.post(
        reverse("projects:adoption_create", args=[adoption.practice.slug]),
        {"municipality": adoption.municipality_id, "state": "piloted", "date": "2018-03-01"},
    )

    assertContains(response, "Kunnan tila tällä toimintamallilla on jo kirjattu.")
    assert PracticeAdoption.objects.count() == 1


def test_changing_an_example_state_removes_its_mark(client, coordinator, project):
    adoption = PracticeAdoptionFactory(
        practice=PracticeFactory(project=project),
        state=AdoptionState.PILOTED,
        example_fields=list(AdoptionExample.values),
    )
    client.force_login(coordinator)

    client.post(
        reverse("projects:adoption_update", args=[adoption.practice.slug, adoption.pk]),
        {
            "municipality": adoption.municipality_id,
            "state": "embedded",
            "date": adoption.date.isoformat(),
        },
    )

    adoption.refresh_from_db()
    assert adoption.state == AdoptionState.EMBEDDED
    assert adoption.example_fields == [AdoptionExample.DATE]


def test_coordinator_writes_the_embedding_plan_with_its_steps(client, coordinator, project):
    practice = PracticeFactory(project=project)
    client.force_login(coordinator)
    management = {
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }

    response = client.post(
        reverse("projects:embedding_plan", args=[practice.slug]),
        {
            "responsible": "Perhekeskustyöryhmä",
            "note": "",
            **management,
            "steps-0-description": "Palvelut kuvataan",
            "steps-0-due_date": "2018-06-30",
            "steps-1-description": "",
            "steps-1-due_date": "",
        },
    )

    assert response.status_code == 302
    plan = practice.embedding_plan
    assert plan.responsible == "Perhekeskustyöryhmä"
    assert [step.description for step in plan.steps.all()] == ["Palvelut kuvataan"]


def test_coordinator_cannot_edit_another_projects_practice(client, coordinator, other_project):
    practice = PracticeFactory(project=other_project)
    client.force_login(coordinator)

    response = client.post(
        reverse("projects:practice_update", args=[practice.slug]),
        {"name": "Muutettu", "development_area": practice.development_area_id},
    )

    assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.name != "Muutettu"


def test_coordinator_adds_a_practice_to_their_project(client, coordinator, project):
    area = DevelopmentAreaFactory(number=3)
    client.force_login(coordinator)

    response = client.post(
        reverse("projects:practice_create", args=[project.slug]),
        {"name": "Yhteisöllinen oppilashuolto", "development_area": area.pk},
    )

    practice = project.practices.get()
    assert response.url == reverse("projects:practice_detail", args=["yhteisollinen-oppilashuolto"])
    assert practice.development_area == area


def test_coordinator_removes_a_municipalitys_state(client, coordinator, project):
    adoption = PracticeAdoptionFactory(practice=PracticeFactory(project=project))
    client.force_login(coordinator)

    response = client.post(
        reverse("projects:adoption_delete", args=[adoption.practice.slug, adoption.pk])
    )

    assert response.status_code == 302
    assert not PracticeAdoption.objects.exists()


def test_another_practices_adoption_is_not_found_under_this_practice(client, coordinator, project):
    adoption = PracticeAdoptionFactory(practice=PracticeFactory(project=project))
    elsewhere = PracticeFactory(project=project)
    client.force_login(coordinator)

    response = client.post(reverse("projects:adoption_delete", args=[elsewhere.slug, adoption.pk]))

    assert response.status_code == 404
    assert PracticeAdoption.objects.exists()
