"""The front page: projects, upcoming meetings and the latest published minutes."""

import datetime
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from municipalities.tests.factories import ConsortiumMembershipFactory
from portal.views.home import FIGURES_SECONDS, HomeView
from projects.models import Project, ProjectStatus
from projects.tests.factories import ProjectFactory
from workshops.tests.factories import MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def seed_front_page(rows: int) -> None:
    """``rows`` running and ended projects, upcoming meetings and published minutes."""
    soon = timezone.now() + datetime.timedelta(days=7)
    # The meetings' own project is only planned, so it is in neither project section.
    planned = ProjectFactory(status=ProjectStatus.PLANNED)
    for number in range(rows):
        ProjectFactory(status=ProjectStatus.RUNNING)
        ProjectFactory(status=ProjectStatus.ENDED)
        starts_at = soon + datetime.timedelta(days=number)
        MeetingFactory(working_group__project=planned, starts_at=starts_at)
        MinutesFactory(
            meeting__working_group__project=planned,
            status="approved",
            published_at=timezone.now(),
        )


@pytest.mark.parametrize("rows", [3, 6])
def test_front_page_runs_the_same_queries_for_more_rows(client, django_assert_num_queries, rows):
    seed_front_page(rows)
    # 1 savepoint (ATOMIC_REQUESTS), 2-4 the programme's figures (projects, municipalities,
    # meetings and minutes), 5 running projects with regions, administrators and funding,
    # 6 their development areas (the project cards show them), 7-8 ended projects likewise,
    # 9 upcoming (or latest) meetings with projects, working groups, hosts and their minutes
    # and attachments marked, 10 published minutes with meetings and projects, 11 release
    # savepoint.
    with django_assert_num_queries(11):
        response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert len(response.context["running_projects"]) == rows
    assert len(response.context["ended_projects"]) == rows
    assert len(response.context["meetings"]) == rows
    assert len(response.context["recent_minutes"]) == min(rows, 5)


@pytest.mark.parametrize("rows", [3, 6])
def test_front_page_for_a_logged_in_user_runs_the_same_queries(
    client, django_assert_num_queries, municipal_staff, rows
):
    seed_front_page(rows)
    client.force_login(municipal_staff)
    # 1 session, 2 user, 3-4 the user's own and group permissions (which attachments the
    # meeting cards count, workshops.permissions), then the eleven queries of the anonymous
    # visit.
    with django_assert_num_queries(15):
        response = client.get(reverse("portal:home"))
    assert response.status_code == 200


def test_front_page_puts_running_and_ended_projects_in_their_sections(client):
    ProjectFactory(name="Käynnissä oleva hanke", status=ProjectStatus.RUNNING)
    ProjectFactory(name="Päättynyt hanke", status=ProjectStatus.ENDED)
    ProjectFactory(name="Suunnitteilla oleva hanke", status=ProjectStatus.PLANNED)
    response = client.get(reverse("portal:home"))
    assert [p.name for p in response.context["running_projects"]] == ["Käynnissä oleva hanke"]
    assert [p.name for p in response.context["ended_projects"]] == ["Päättynyt hanke"]
    assertNotContains(response, "Suunnitteilla oleva hanke")


def test_front_page_links_project_names_to_their_pages(client, project):
    response = client.get(reverse("portal:home"))
    assertContains(response, f'href="{reverse("projects:detail", args=[project.slug])}"')


def test_front_page_shows_upcoming_meetings_and_published_minutes_only(client):
    MeetingFactory(title="Tuleva työpaja", starts_at=timezone.now() + datetime.timedelta(days=3))
    MeetingFactory(title="Mennyt työpaja", starts_at=timezone.now() - datetime.timedelta(days=3))
    MinutesFactory(
        meeting__title="Julkaistun muistion kokous",
        status="approved",
        published_at=timezone.now(),
    )
    MinutesFactory(meeting__title="Luonnosmuistion kokous")
    response = client.get(reverse("portal:home"))
    assertContains(response, "Tuleva työpaja")
    assertNotContains(response, "Mennyt työpaja")
    assertContains(response, "Julkaistun muistion kokous")
    assertNotContains(response, "Luonnosmuistion kokous")


def test_front_page_shows_the_latest_meetings_when_none_is_upcoming(client):
    MeetingFactory(title="Mennyt työpaja", starts_at=timezone.now() - datetime.timedelta(days=3))
    response = client.get(reverse("portal:home"))
    assertContains(response, "Viimeisimmät kokoukset ja työpajat")
    assertContains(response, "Mennyt työpaja")
    assertNotContains(response, "Ei tulevia tilaisuuksia")


def test_front_page_leaves_out_empty_project_sections(client):
    ProjectFactory(name="Päättynyt hanke", status=ProjectStatus.ENDED)
    response = client.get(reverse("portal:home"))
    assertNotContains(response, "Käynnissä olevat hankkeet")
    assertContains(response, "Päättyneet hankkeet")


def test_front_page_shows_the_programme_in_figures(client):
    member = ConsortiumMembershipFactory()
    ProjectFactory(consortium=member.consortium, status=ProjectStatus.ENDED)
    held = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=3))
    MeetingFactory(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        status="cancelled",
        cancellation_reason="Liian vähän ilmoittautuneita",
    )
    MinutesFactory(meeting=held, status="approved", published_at=timezone.now())
    figures = client.get(reverse("portal:home")).context["figures"]
    # The meetings' factories add projects of their own.
    assert figures["projects"] == Project.objects.count()
    assert figures["municipalities"] == 1
    assert figures["meetings_held"] == 1
    assert figures["minutes_published"] == 1


def test_front_page_counts_the_programme_once_in_five_minutes(
    client, django_assert_num_queries, monkeypatch
):
    seed_front_page(3)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    first = client.get(reverse("portal:home")).context["figures"]
    ProjectFactory(status=ProjectStatus.RUNNING)
    # Within five minutes: the same figures, without the three counting queries.
    with django_assert_num_queries(8):
        again = client.get(reverse("portal:home")).context["figures"]
    assert again == first
    # Then counted anew.
    monkeypatch.setattr(time, "time", lambda: now + FIGURES_SECONDS + 1)
    later = client.get(reverse("portal:home")).context["figures"]
    assert later["projects"] == first["projects"] + 1


def test_front_page_template_runs_no_queries(rf, django_assert_num_queries):
    seed_front_page(3)
    request = rf.get("/")
    request.user = AnonymousUser()
    response = HomeView.as_view()(request)
    with django_assert_num_queries(0):
        response.render()
