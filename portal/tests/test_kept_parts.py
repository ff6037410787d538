"""Parts of pages kept for signed-in users too (``core.page_cache.kept_fragment`` and
``kept_until_change``): the same for everyone they cover, fresh after every committed change,
and never shown to someone who sees other rows."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from workshops.models import AttachmentKind, Meeting
from workshops.services import meeting_create, meeting_update
from workshops.tests.factories import AttachmentFactory, MinutesFactory
from workshops.tests.test_signup_views import coming_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]
MEETINGS = reverse("workshops:meeting_list")


def test_a_signed_in_user_gets_the_kept_rows_with_no_query_of_meetings(
    client, project, municipal_staff, django_assert_num_queries
):
    coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    client.force_login(municipal_staff)
    client.get(MEETINGS)
    # 1 session, 2 user, 3 savepoint, 4 the user's and 5 the groups' permissions (the new
    # meeting links), 6 and 7 the generation number (the count and the rows), 8 release.
    with django_assert_num_queries(8):
        kept = client.get(MEETINGS)
    assertContains(kept, "Perhekeskusten verkostotapaaminen")
    assertContains(kept, "1 kokous")


def test_a_signed_in_user_sees_a_committed_change_on_the_next_page(
    client, project, municipal_staff, django_capture_on_commit_callbacks
):
    meeting = coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    client.force_login(municipal_staff)
    assertContains(client.get(MEETINGS), "1 kokous")
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
    assertContains(page, "2 kokousta")
    assertContains(page, "Perhekeskusten kevättapaaminen")
    assertContains(page, "Uusi työpaja")
    assertNotContains(page, "Perhekeskusten verkostotapaaminen")


def test_rows_kept_for_an_admin_are_not_shown_to_others(
    client, project, portal_admin, municipal_staff, coordinator
):
    """The minutes' own attachment is listed before approval to the admins and the
    project's coordinators only: each sees the rows kept for their own kind."""
    meeting = coming_meeting(project=project, title="Perhekeskusten verkostotapaaminen")
    MinutesFactory(meeting=meeting)
    AttachmentFactory(meeting=meeting, kind=AttachmentKind.MINUTES)
    for user, listed in (
        (portal_admin, True),
        (municipal_staff, False),
        (None, False),
        (coordinator, True),
        (portal_admin, True),
        (municipal_staff, False),
    ):
        client.logout()
        if user:
            client.force_login(user)
        page = client.get(MEETINGS)
        if listed:
            assertContains(page, "1 liite")
        else:
            assertNotContains(page, "1 liite")
