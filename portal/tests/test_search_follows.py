"""Following a search from its results page: the e-mail of its new matches, once, in the
follower's language and only of what they may see; the weekly digest; the own page and the
unsubscribe link; the queries of the pages."""

import re
import threading
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app

from notifications.models import DigestItem, Follow
from notifications.services import follow_delete
from notifications.tests.factories import FollowFactory, UserFactory
from portal.models import SavedSearch
from portal.search_follows import search_follow, searches_check
from portal.tasks import check_followed_searches, prune_saved_searches
from workshops.models import AttachmentRestriction, MinutesStatus
from workshops.tests.factories import (
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    WorkingGroupFactory,
)

SEARCH = reverse("portal:search")
DASHBOARD = reverse("portal:dashboard")
UNSUBSCRIBE_LINK = re.compile(r"https?://\S+/seuranta/peru/\S+/")


def follow_search(client, query, **data):
    return client.post(
        reverse("portal:search_follow"),
        {"q": query, "delivery": "immediate", "next": "/", **data},
    )


def check():
    check_followed_searches(timestamp=0)


def test_a_followed_search_tells_of_its_new_matches_once_in_the_followers_language(
    client, run_tasks
):
    MeetingFactory(title="Perhekeskuksen vanha kokous")
    user = UserFactory()
    client.force_login(user)
    client.cookies["django_language"] = "sv"
    page = client.get(SEARCH, {"q": "perhekeskus", "type": "meetings"})
    assert 'action="/haku/seuraa/"' in page.text

    response = follow_search(client, " Perhekeskus ", type="meetings")

    saved = SavedSearch.objects.get()
    assert (saved.query, saved.search_type) == ("perhekeskus", "meetings")
    assert response.url == f"{SEARCH}?q=perhekeskus&type=meetings"
    assert "Sluta följa" in client.get(response.url).text  # the button says it is followed
    check()
    run_tasks()
    assert mail.outbox == []  # what it found when followed is not news

    new = MeetingFactory(title="Perhekeskuksen työpaja")
    MeetingFactory(title="Budjettikokous")
    MinutesFactory(meeting=MeetingFactory(title="Talousryhmä"), text="Perhekeskus esiteltiin.")
    check()
    run_tasks()

    [email] = mail.outbox
    assert email.to == [user.email]
    assert email.subject == "Nya träffar: Sökning ”perhekeskus” (Möten och workshoppar)"
    assert "Perhekeskuksen työpaja" in email.body
    assert f"/kokoukset/{new.pk}/" in email.body
    assert "vanha kokous" not in email.body and "Budjettikokous" not in email.body
    assert "Talousryhmä" not in email.body  # a minutes' match, and the follow is of meetings

    check()
    run_tasks()
    assert len(mail.outbox) == 1


def test_what_the_follower_may_not_see_is_told_only_once_they_may(client, run_tasks):
    user = UserFactory()
    client.force_login(user)
    follow_search(client, "kaikuluotain")
    minutes = MinutesFactory(
        meeting=MeetingFactory(title="Kevätkokous"), text="Kaikuluotain hankitaan."
    )
    AttachmentFactory(
        title="Kaikuluotaimen tarjous", restriction=AttachmentRestriction.PERSONAL_DATA
    )
    check()
    run_tasks()
    assert mail.outbox == []  # a draft and a restricted attachment

    minutes.status = MinutesStatus.APPROVED
    minutes.published_at = timezone.now()
    minutes.save()
    check()
    run_tasks()

    [email] = mail.outbox
    assert email.subject == "Uusia osumia: Haku ”kaikuluotain”"
    assert "Muistio: " in email.body and "Kevätkokous" in email.body
    assert "Kaikuluotaimen tarjous" not in email.body


def test_unfollowing_by_the_emailed_link_without_login_stops_the_emails(client, run_tasks):
    user = UserFactory()
    client.force_login(user)
    follow_search(client, "perhekeskus")
    MeetingFactory(title="Perhekeskuksen työpaja")
    check()
    run_tasks()
    [email] = mail.outbox

    path = urlsplit(UNSUBSCRIBE_LINK.search(email.body).group()).path
    visitor = Client()
    assert "Haku ”perhekeskus”" in visitor.get(path).text
    visitor.post(path)
    assert not Follow.objects.filter(user=user).exists()

    MeetingFactory(title="Perhekeskuksen toinen työpaja")
    check()
    run_tasks()
    assert len(mail.outbox) == 1


def test_own_page_lists_the_followed_search_and_its_unfollow_stops_it(db, client):
    user = UserFactory()
    client.force_login(user)
    follow_search(client, "perhekeskus")
    follow = Follow.objects.get(user=user)

    page = client.get(DASHBOARD).text
    assert f'href="{SEARCH}?q=perhekeskus"' in page and "Haku ”perhekeskus”" in page
    assert reverse("notifications:follow_delete", args=[follow.pk]) in page

    client.post(reverse("notifications:follow_delete", args=[follow.pk]))
    MeetingFactory(title="Perhekeskuksen työpaja")
    assert searches_check() == 0


def test_a_weekly_follower_gets_the_new_matches_in_the_digest(db):
    user = UserFactory()
    follow = search_follow(user=user, query="perhekeskus", delivery="weekly", language="fi")
    MeetingFactory(title="Perhekeskuksen työpaja")

    assert searches_check() == 1

    [item] = DigestItem.objects.filter(follow=follow)
    assert item.subject == "Uusia osumia: Haku ”perhekeskus”"
    assert item.url.endswith(f"{SEARCH}?q=perhekeskus")


def test_a_search_is_followed_only_by_a_logged_in_user_and_only_with_words(client, db):
    assert follow_search(client, "perhekeskus").status_code == 302  # to the login
    assert not Follow.objects.exists()
    client.force_login(UserFactory())
    assert follow_search(client, "!!").status_code == 400
    assert follow_search(client, "perhekeskus", type="tuntematon").status_code == 400
    # Followed by the button's generic address, a search would skip recording its matches.
    response = client.post(
        reverse("notifications:follow_create", args=["portal.savedsearch", 1]),
        {"delivery": "immediate"},
    )
    assert response.status_code == 404


def test_the_worker_checks_followed_searches_every_quarter_of_an_hour():
    periodic = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic[check_followed_searches.name] == "*/15 * * * *"


def test_a_search_nobody_follows_any_more_is_deleted_at_night(db):
    first, second = UserFactory.create_batch(2)
    search_follow(user=first, query="perhekeskus", language="fi")
    follows = [search_follow(user=user, query="kaiku", language="fi") for user in (first, second)]
    periodic = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic[prune_saved_searches.name] == "30 3 * * *"

    follow_delete(follow=follows[0])
    assert prune_saved_searches(timestamp=0) == 0
    follow_delete(follow=follows[1])
    assert prune_saved_searches(timestamp=0) == 1
    assert list(SavedSearch.objects.values_list("query", flat=True)) == ["perhekeskus"]
    again = search_follow(user=second, query="kaiku", language="fi")
    assert again.target.query == "kaiku"


@pytest.mark.django_db(transaction=True)
def test_a_search_being_followed_while_the_unfollowed_are_deleted_keeps_its_row():
    """A search that its last follower left is followed again; the follow is not saved yet
    when the night's job looks: the search is passed by, not deleted from under it."""
    user = UserFactory()
    SavedSearch.objects.create(query="kaiku")
    followed, go_on, follows = threading.Event(), threading.Event(), []

    def follow():
        try:
            with transaction.atomic():
                follows.append(search_follow(user=user, query="kaiku", language="fi"))
                followed.set()
                go_on.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=follow)
    thread.start()
    assert followed.wait(10)
    assert prune_saved_searches(timestamp=0) == 0
    go_on.set()
    thread.join()
    assert Follow.objects.get(pk=follows[0].pk).target.query == "kaiku"


@pytest.mark.parametrize("rows", [3, 6])
def test_a_followed_search_adds_one_query_to_the_search_page(
    db, client, django_assert_num_queries, rows
):
    for number in range(rows):
        MeetingFactory(title=f"Kaikukokous {number}", working_group=WorkingGroupFactory())
    user = UserFactory()
    search_follow(user=user, query="kaiku", language="fi")
    client.force_login(user)
    # 1 session, 2 user, 3 savepoint, 4-5 the user's own and group permissions (the rules of
    # minutes), 6 the count of every type, 7 the best hits of meetings (no other type has
    # any), 8 the user's follow of this search, 9 release savepoint.
    with django_assert_num_queries(9):
        response = client.get(SEARCH, {"q": "kaiku"})
    assert response.context["search_follow"].user == user
    assert response.context["results"][3].total == rows


@pytest.mark.parametrize("rows", [3, 6])
def test_own_page_runs_the_same_queries_for_more_followed_searches(
    db, client, django_assert_num_queries, rows
):
    user = UserFactory()
    for number in range(rows):
        search_follow(user=user, query=f"kaiku{number}", language="fi")
        FollowFactory(user=user, target=WorkingGroupFactory())
    client.force_login(user)
    client.get(DASHBOARD)  # the content types are cached from here on, as in a running site
    # 1 session, 2 user, 3 savepoint, 4 the user's projects, 5 own registrations, 6 the
    # follows, 7 their searches, 8 their working groups, 9 release savepoint.
    with django_assert_num_queries(9):
        response = client.get(DASHBOARD)
    assert len(response.context["follows"]) == 2 * rows
