"""Public pages kept for visitors without a session (core.page_cache): answered from the cache,
fresh after every committed change, in the visitor's language, and never with another
visitor's token, message or account."""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.base import ContentFile
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.views import View
from pytest_django.asserts import assertContains, assertNotContains

from core.page_cache import VisitorPageCacheMixin, generation, kept_until_change, pages_changed
from municipalities.tests.factories import MunicipalityFactory
from notifications.tests.factories import UserFactory
from portal.tests.test_programme import euros
from projects.tests.factories import PracticeFactory, ProjectFactory
from workshops.models import Attachment, Meeting, MinutesStatus
from workshops.services import (
    attachment_read_text,
    meeting_create,
    meeting_update,
    registration_create,
)
from workshops.tests.factories import AttachmentFactory, MeetingFactory, MinutesFactory
from workshops.tests.helpers import coming_meeting
from workshops.tests.test_signup_views import register
from workshops.views.meetings import MeetingListView

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]
MEETINGS = reverse("workshops:meeting_list")
# A kept page's one query, the generation numbers, outside a transaction (in a test, no
# savepoint and its release around it).
KEPT_PAGE_QUERIES = 1


def test_a_visitor_is_answered_from_the_kept_page_with_one_query(
    client, project, django_assert_num_queries
):
    MeetingFactory(project=project, title="Perhekeskusten verkostotapaaminen")
    first = client.get(MEETINGS)
    with django_assert_num_queries(KEPT_PAGE_QUERIES):
        kept = client.get(MEETINGS)
    assert kept.status_code == 200
    assert kept.content == first.content
    assert kept["Content-Type"] == first["Content-Type"]
    assertContains(kept, "Perhekeskusten verkostotapaaminen")


def test_a_committed_change_is_on_the_next_page(
    client, project, django_capture_on_commit_callbacks
):
    meeting = coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    assertContains(client.get(MEETINGS), "Perhekeskusten verkostotapaaminen")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, title="Perhekeskusten kevättapaaminen")
        meeting_create(
            meeting=Meeting(project=project),
            title="Uusi työpaja",
            kind=meeting.kind,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
        )
    page = client.get(MEETINGS)
    assertContains(page, "Perhekeskusten kevättapaaminen")
    assertContains(page, "Uusi työpaja")
    assertNotContains(page, "Perhekeskusten verkostotapaaminen")


def test_a_page_rendered_afresh_is_made_in_a_transaction(client, project, monkeypatch):
    """As ATOMIC_REQUESTS makes every other view's answer: only the kept page is answered
    outside one."""
    depths = []
    context_data = MeetingListView.get_context_data

    def recorded(view, **kwargs):
        depths.append(len(connection.atomic_blocks))
        return context_data(view, **kwargs)

    monkeypatch.setattr(MeetingListView, "get_context_data", recorded)
    outside = len(connection.atomic_blocks)
    signed_in = Client()
    signed_in.force_login(UserFactory())
    for visitor in (client, client, signed_in):
        assert visitor.get(MEETINGS).status_code == 200
    # Rendered for the first visitor and for the signed-in user, each in a transaction; the
    # second visitor's is the kept page.
    assert depths == [outside + 1, outside + 1]


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_page_of_the_data_alone_is_kept_past_the_minute_and_one_of_the_clock_is_not(
    client, project, monkeypatch
):
    """The meeting list goes stale with its data only; the front page lists what is upcoming,
    so it is rendered anew once ``PAGE_CACHE_SECONDS`` have passed."""
    coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    home = reverse("portal:home")
    for url in (MEETINGS, home):
        assert queries_of(client, url) > KEPT_PAGE_QUERIES
        assert queries_of(client, url) == KEPT_PAGE_QUERIES
    a_minute_later = time.time() + settings.PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: a_minute_later)
    assert queries_of(client, MEETINGS) == KEPT_PAGE_QUERIES
    assert queries_of(client, home) > KEPT_PAGE_QUERIES


def test_a_sign_up_renews_its_meeting_page_and_leaves_the_other_kept_pages(
    client, project, django_capture_on_commit_callbacks
):
    """Registrations move a generation of their own: the meeting page counts them, the
    meeting list does not show them and stays kept."""
    with django_capture_on_commit_callbacks(execute=True):
        meeting = coming_meeting(
            project=project, capacity=20, registration_deadline=timezone.now() - timedelta(days=1)
        )
    page = reverse("workshops:meeting_detail", args=[meeting.pk])
    for url in (MEETINGS, page):
        assert queries_of(client, url) > KEPT_PAGE_QUERIES
        assert queries_of(client, url) == KEPT_PAGE_QUERIES
    assertContains(client.get(page), "0 / 20")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(
            meeting=meeting,
            user=None,
            name="Maija Meikäläinen",
            email="maija@example.fi",
            by_coordinator=True,
        )
    assert queries_of(client, MEETINGS) == KEPT_PAGE_QUERIES
    assertContains(client.get(page), "1 / 20")


@pytest.mark.parametrize(
    "page",
    [
        "projects:list",
        "projects:practice_list",
        "projects:practice_detail",
        "projects:practice_matrix",
        "municipalities:list",
    ],
)
def test_the_pages_that_show_no_meeting_stay_kept_when_one_is_saved(
    client, page, django_capture_on_commit_callbacks
):
    """And are renewed when what they show changes: a practice's project, or a municipality."""
    with django_capture_on_commit_callbacks(execute=True):
        practice = PracticeFactory()
        municipality = MunicipalityFactory(region=practice.project.region)
    args = {
        "projects:practice_detail": [practice.slug],
        "projects:practice_matrix": [practice.project.region.code],
    }.get(page, [])
    url = reverse(page, args=args)
    assert queries_of(client, url) > KEPT_PAGE_QUERIES
    with django_capture_on_commit_callbacks(execute=True):
        coming_meeting(project=practice.project)
    assert queries_of(client, url) == KEPT_PAGE_QUERIES
    with django_capture_on_commit_callbacks(execute=True):
        shown = municipality if page == "municipalities:list" else practice.project
        shown.save()
    assert queries_of(client, url) > KEPT_PAGE_QUERIES


def test_a_signed_in_user_finds_the_circulated_minutes_once_signed_up_for_the_meeting(
    client, project, django_capture_on_commit_callbacks
):
    """Their kept search hits read the registrations' generation too."""
    with django_capture_on_commit_callbacks(execute=True):
        meeting = coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
        MinutesFactory(
            meeting=meeting,
            status=MinutesStatus.CIRCULATED,
            circulated_at=timezone.now(),
            text="Kuukkelipesueen toimintamalli esiteltiin.",
        )
        user = UserFactory()
    client.force_login(user)
    search = reverse("portal:search") + "?q=kuukkelipesue"
    assertNotContains(client.get(search), "Perhekeskusten verkostotapaaminen")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(
            meeting=meeting, user=user, name="Maija Meikäläinen", email="maija@example.fi"
        )
    assertContains(client.get(search), "Perhekeskusten verkostotapaaminen")


def numbers() -> dict[str, int]:
    """The generation number of each app."""
    return {app: int(generation([app])) for app in settings.PAGE_CACHE_APPS}


def test_the_generation_moves_once_after_the_commit(project, django_capture_on_commit_callbacks):
    """Not before: a page rendered while the change was invisible to other connections would
    be kept under the new number. Once for the whole transaction, however many records, and
    only the number of their app."""
    with django_capture_on_commit_callbacks(execute=True):
        meeting = coming_meeting(project=project)
    before = numbers()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meeting_update(meeting=meeting, title="Perhekeskusten kevättapaaminen")
        meeting_update(meeting=meeting, title="Perhekeskusten syystapaaminen")
    assert numbers() == before
    for callback in callbacks:
        callback()
    assert numbers() == before | {"workshops": before["workshops"] + 1}


def test_a_new_meeting_leaves_the_programme_kept_and_a_new_budget_does_not(
    client, django_capture_on_commit_callbacks
):
    """The programme's page shows no meeting: it reads the numbers of the municipalities
    and projects only."""
    with django_capture_on_commit_callbacks(execute=True):
        project = ProjectFactory()
    programme = reverse("portal:programme")
    assert queries_of(client, programme) > KEPT_PAGE_QUERIES
    with django_capture_on_commit_callbacks(execute=True):
        coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    assert queries_of(client, programme) == KEPT_PAGE_QUERIES
    assertContains(client.get(MEETINGS), "Perhekeskusten verkostotapaaminen")
    with django_capture_on_commit_callbacks(execute=True):
        project.total_budget = Decimal("2300000")
        project.save()
    assertContains(client.get(programme), euros("2 300 000,00 €"))


def test_text_read_by_the_worker_is_found_at_once(client, django_capture_on_commit_callbacks):
    """The worker saves the text with an update, which sends no signal: it says so itself."""
    attachment = AttachmentFactory(
        title="Verkostotapaamisen muistio",
        file=ContentFile(b"Sateenkaariperheiden palvelut.\n", name="muistio.txt"),
    )
    search = reverse("portal:search") + "?q=sateenkaariperheiden"
    assertNotContains(client.get(search), "Verkostotapaamisen muistio")
    with django_capture_on_commit_callbacks(execute=True):
        attachment_read_text(attachment=Attachment.objects.get(pk=attachment.pk))
    assertContains(client.get(search), "Verkostotapaamisen muistio")


def test_each_language_has_its_own_page(client, project):
    MeetingFactory(project=project)
    assertContains(client.get(MEETINGS), '<html lang="fi"')
    swedish = Client()
    swedish.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assertContains(swedish.get(MEETINGS), '<html lang="sv"')
    assertContains(client.get(MEETINGS), '<html lang="fi"')


def test_a_signed_in_user_gets_their_own_page(client, coordinator, project):
    MeetingFactory(project=project)
    assertNotContains(client.get(MEETINGS), reverse("logout"))
    signed_in = Client()
    signed_in.force_login(coordinator)
    assertContains(signed_in.get(MEETINGS), reverse("logout"))
    assertNotContains(client.get(MEETINGS), reverse("logout"))


def test_a_page_with_a_form_that_posts_is_rendered_for_each_visitor(client):
    """The sign-up form carries the visitor's own CSRF token, which must match their cookie."""
    meeting = coming_meeting(title="Perhekeskuspäivä")
    page = reverse("workshops:meeting_detail", args=[meeting.pk])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for visitor in (first, second):
        response = visitor.get(page)
        token = response.context["csrf_token"]
        assertContains(response, f'value="{token}"')
        response = visitor.post(
            reverse("workshops:register", args=[meeting.pk]),
            {
                "name": "Maija Meikäläinen",
                "email": f"maija{id(visitor)}@example.fi",
                "csrfmiddlewaretoken": token,
            },
        )
        assert response.status_code == 302
    assert meeting.registrations.count() == 2


def test_a_message_is_shown_to_its_visitor_only(client, project):
    meeting = coming_meeting(project=project, title="Perhekeskuspäivä")
    other = Client()
    other.get(MEETINGS)
    register(client, meeting)
    assertContains(client.get(MEETINGS), "Ilmoittautumisesi on vastaanotettu.")
    assertNotContains(other.get(MEETINGS), "Ilmoittautumisesi on vastaanotettu.")
    assertNotContains(client.get(MEETINGS), "Ilmoittautumisesi on vastaanotettu.")


def test_the_language_form_posts_without_a_token():
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post(reverse("set_language"), {"language": "sv", "next": MEETINGS})
    assert response.status_code == 302
    assert visitor.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"


class Greeting(VisitorPageCacheMixin, View):
    rendered = 0

    def get(self, request):
        Greeting.rendered += 1
        messages.info(request, "Tervetuloa, Maija.")
        return HttpResponse("".join(message.message for message in messages.get_messages(request)))


def test_a_page_showing_a_message_given_while_it_rendered_is_not_kept(rf):
    for _ in range(2):
        request = rf.get("/tervetuloa/")
        request.LANGUAGE_CODE = "fi"
        request._messages = CookieStorage(request)
        assert Greeting.as_view()(request).content == b"Tervetuloa, Maija."
    assert Greeting.rendered == 2


def test_a_kept_value_is_computed_once_until_a_change_is_committed(
    django_capture_on_commit_callbacks,
):
    computed = []

    def compute() -> int:
        computed.append(numbers()["workshops"])
        return len(computed)

    assert kept_until_change("test:figures", compute) == 1
    assert kept_until_change("test:figures", compute) == 1
    with django_capture_on_commit_callbacks(execute=True):
        pages_changed(Meeting)
    assert kept_until_change("test:figures", compute) == 2
    assert kept_until_change("test:figures", compute) == 2
    assert computed == [computed[0], computed[0] + 1]


def test_a_kept_value_is_computed_every_time_without_the_page_cache(
    settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    computed = []

    def compute() -> int:
        computed.append(1)
        return len(computed)

    # Not even the generation number is read: the pages' query counts stay those of the data.
    with django_assert_num_queries(0):
        assert [kept_until_change("test:figures", compute) for _ in range(2)] == [1, 2]
