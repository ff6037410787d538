"""Following a project, working group or municipality: the button on their pages, one's follows
on one's own page, e-mails at once or in a weekly digest in the follower's language, and the
unsubscribe link that needs no login."""

import datetime
import re
import zoneinfo
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.tests.factories import MunicipalityFactory
from notifications.models import DigestItem, Follow, FollowDelivery, OutboxMessage
from notifications.services import digests_send, followers_notify, unsubscribe_token
from notifications.tests.factories import FollowFactory, UserFactory
from workshops.models import Meeting, MeetingKind
from workshops.services import meeting_cancel, meeting_create, meeting_update
from workshops.tests.factories import MeetingFactory, WorkingGroupFactory

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
STARTS = datetime.datetime(2027, 3, 9, 13, 0, tzinfo=HELSINKI)
UNSUBSCRIBE_LINK = re.compile(r"https?://\S+/seuranta/peru/\S+/")


def schedule(project, title="Perhekeskustyöpaja", **fields):
    with transaction.atomic():
        return meeting_create(
            meeting=Meeting(project=project),
            kind=MeetingKind.REGIONAL_WORKSHOP,
            title=title,
            starts_at=STARTS,
            ends_at=STARTS + datetime.timedelta(hours=3),
            **fields,
        )


def unsubscribe_path(email) -> str:
    return urlsplit(UNSUBSCRIBE_LINK.search(email.body).group()).path


def test_follower_is_told_of_a_new_meeting_in_their_language_and_unsubscribes_by_its_link(
    run_tasks, client, project
):
    user = UserFactory()
    client.force_login(user)
    client.cookies["django_language"] = "sv"
    project_url = reverse("projects:detail", args=[project.slug])

    response = client.post(
        reverse("notifications:follow_create", args=["projects.project", project.pk]),
        {"delivery": "immediate", "next": project_url},
    )

    assert response.status_code == 302 and response.url == project_url
    assert "Lopeta seuraaminen" not in client.get(project_url).text  # the page is in Swedish
    assert "Sluta följa" in client.get(project_url).text

    schedule(project, place="Kaupungintalo")
    run_tasks()

    [email] = mail.outbox
    assert email.to == [user.email]
    assert email.subject == "Nytt möte: Perhekeskustyöpaja"
    assert "Kaupungintalo" in email.body and "9.3.2027 13.00" in email.body
    # The link works without logging in, and only its form (not opening it) unsubscribes.
    visitor = Client()
    page = visitor.get(unsubscribe_path(email))
    assert page.status_code == 200 and Follow.objects.filter(user=user).exists()
    done = visitor.post(unsubscribe_path(email))
    assert done.status_code == 200 and "Et enää seuraa" in done.text
    assert not Follow.objects.filter(user=user).exists()


def test_a_forged_unsubscribe_link_is_not_found(db, client):
    response = client.get(reverse("notifications:unsubscribe", args=["1:vaarennetty"]))

    assert response.status_code == 404


def test_weekly_followers_get_one_digest_of_the_weeks_events(run_tasks, project):
    follow = FollowFactory(target=project, delivery=FollowDelivery.WEEKLY)
    meeting = schedule(project)
    schedule(project, title="Toinen työpaja")
    with transaction.atomic():
        meeting_update(meeting=meeting, place="Kirjasto")
    run_tasks()
    assert mail.outbox == []

    with transaction.atomic():
        assert digests_send() == 1
    run_tasks()

    [email] = mail.outbox
    assert email.subject == "LAPE-portaalin viikkokooste"
    for line in [
        "Uusi kokous: Perhekeskustyöpaja",
        "Uusi kokous: Toinen työpaja",
        "Kokous muuttui: Perhekeskustyöpaja",
        f"/kokoukset/{meeting.pk}/",
    ]:
        assert line in email.body
    assert DigestItem.objects.count() == 0
    Client().post(unsubscribe_path(email))
    assert not Follow.objects.filter(pk=follow.pk).exists()


def test_a_user_following_several_hosts_of_a_meeting_is_told_once(db, project):
    municipality = MunicipalityFactory()
    group = WorkingGroupFactory(project=project)
    user = UserFactory()
    FollowFactory(user=user, target=project, delivery=FollowDelivery.WEEKLY)
    FollowFactory(user=user, target=group)
    FollowFactory(user=user, target=municipality, language="en")
    unrelated = FollowFactory(target=MunicipalityFactory())

    schedule(project, working_group=group, host_municipality=municipality)

    # At once, as one of the follows asks, in the language of that follow.
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [user.email]
    assert not DigestItem.objects.exists()
    assert not OutboxMessage.objects.filter(to=unrelated.user.email).exists()


def test_changes_and_cancellations_are_told_but_a_save_without_changes_is_not(db, project):
    follower = FollowFactory(target=project)
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))

    meeting_update(meeting=meeting, title=meeting.title)
    meeting_update(meeting=meeting, place="Valtuustosali")
    meeting_cancel(meeting=meeting, reason="Liian vähän ilmoittautuneita")

    assert list(OutboxMessage.objects.values_list("subject", flat=True).order_by("pk")) == [
        f"Kokous muuttui: {meeting.title}",
        f"Kokous peruttu: {meeting.title}",
    ]
    assert "Liian vähän ilmoittautuneita" in OutboxMessage.objects.order_by("pk").last().body
    assert OutboxMessage.objects.filter(to=follower.user.email).count() == 2


def test_addresses_told_already_are_passed_over(db, project):
    follower = FollowFactory(target=project)
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))

    followers_notify(
        targets=[project],
        event="minutes_approved",
        template="notifications/email/minutes_approved",
        context={"meeting": meeting, "url": "http://testserver/"},
        exclude_emails=[follower.user.email.upper()],
    )

    assert not OutboxMessage.objects.exists()


def page_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.text


@pytest.mark.parametrize("kind", ["project", "working_group", "municipality"])
def test_the_follow_button_follows_and_unfollows_with_the_same_queries(kind, client, project):
    target = {
        "project": lambda: project,
        "working_group": lambda: WorkingGroupFactory(project=project),
        "municipality": MunicipalityFactory,
    }[kind]()
    url = target.get_absolute_url()
    assert "Kirjaudu sisään seurataksesi" in client.get(url).text
    client.force_login(UserFactory())
    queries_before, page = page_queries(client, url)
    assert "Seuraa</button>" in page

    client.post(
        reverse("notifications:follow_create", args=[target._meta.label_lower, target.pk]),
        {"delivery": "weekly", "next": url},
    )

    queries_after, page = page_queries(client, url)
    assert "Seuraat (viikkokooste)" in page and "Lopeta seuraaminen</button>" in page
    # One query looks for the user's follow whether there is one or not.
    assert queries_after == queries_before
    follow = Follow.objects.get()
    client.post(reverse("notifications:follow_delete", args=[follow.pk]), {"next": url})
    assert not Follow.objects.exists()


def test_only_followable_things_can_be_followed(client, project):
    client.force_login(UserFactory())

    response = client.post(
        reverse("notifications:follow_create", args=["auth.user", 1]), {"delivery": "weekly"}
    )

    assert response.status_code == 404


DASHBOARD = reverse("portal:dashboard")


def test_own_page_lists_follows_and_changes_and_ends_them(client, project):
    user = UserFactory()
    follow = FollowFactory(user=user, target=project)
    pukkila = MunicipalityFactory(name_fi="Pukkila")
    FollowFactory(user=user, target=pukkila)
    others = FollowFactory(target=project)
    client.force_login(user)

    page = client.get(DASHBOARD).text
    assert str(project) in page and "Pukkila" in page

    client.post(
        reverse("notifications:follow_update", args=[follow.pk]),
        {"delivery": "weekly", "language": "sv"},
    )
    follow.refresh_from_db()
    assert (follow.delivery, follow.language) == ("weekly", "sv")
    response = client.post(reverse("notifications:follow_delete", args=[others.pk]))
    assert response.status_code == 404
    client.post(reverse("notifications:follow_delete", args=[follow.pk]))
    assert [f.target for f in Follow.objects.filter(user=user)] == [pukkila]


@pytest.mark.parametrize("rows", [3, 6])
def test_own_page_runs_the_same_queries_for_more_follows(
    db, client, django_assert_num_queries, rows
):
    user = UserFactory()
    for _ in range(rows):
        FollowFactory(user=user, target=MunicipalityFactory())
        FollowFactory(user=user, target=WorkingGroupFactory())
    client.force_login(user)
    client.get(DASHBOARD)  # the content types are cached from here on, as in a running site
    # 1 session, 2 user, 3 savepoint, 4 the user's projects, 5 own registrations, 6 the
    # follows, 7 their municipalities, 8 their working groups, 9 release savepoint.
    with django_assert_num_queries(9):
        response = client.get(DASHBOARD)
    assert len(response.context["follows"]) == 2 * rows


def test_unsubscribe_page_runs_four_queries(client, django_assert_num_queries, project):
    follow = FollowFactory(target=project)
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(follow)])
    # 1 savepoint, 2 the follow with its user and content type, 3 the followed project,
    # 4 release savepoint.
    with django_assert_num_queries(4):
        response = client.get(url)
    assert str(project) in response.text and follow.user.email in response.text
