"""Followed searches: a logged-in user follows a search of the search page (its words and type
filter) like a project, at once or in the weekly digest, and the worker tells them of the
matches that are new to them and that they may see, by the search page's own queries
(``portal.search.matching``). A match is new until it is recorded as told to the follow
(``SearchMatchTold``): what the search finds when they begin to follow is recorded at once,
so minutes found only once they are published count as new then."""

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Value
from django.utils.translation import gettext as _

from notifications.models import Follow, FollowDelivery
from notifications.services import absolute_url, follow_create, follow_notify
from portal.models import SavedSearch, SearchMatchTold
from portal.search import (
    SEARCH_TYPES,
    SEARCH_TYPES_BY_KEY,
    SearchType,
    matching,
    search_query,
    search_words,
)

SAVED_SEARCH = "portal.savedsearch"
# An e-mail names at most this many new matches of each type, and tells how many more there are.
SHOWN_MATCHES = 10
TEMPLATE = "portal/email/search_matches"


def _saved_search_lookup(query: str, search_type: str) -> dict:
    words = search_words(query)
    if not words:
        raise ValidationError(_("Hakusanassa ei ole kirjaimia eikä numeroita."))
    if search_type and search_type not in SEARCH_TYPES_BY_KEY:
        raise ValidationError(_("Tuntematon tyyppi."))
    return {"query": " ".join(words), "search_type": search_type}


def followed_search_of(user, *, query: str, search_type: str) -> Follow | None:
    """``user``'s follow of the search ``query`` (as typed) of ``search_type``, or None: for
    the search page's follow button. One query for a logged-in user, none for a visitor."""
    if not user.is_authenticated:
        return None
    try:
        lookup = _saved_search_lookup(query, search_type)
    except ValidationError:
        return None
    searches = SavedSearch.objects.filter(**lookup).values("pk")
    return Follow.objects.of_kind(SAVED_SEARCH).filter(user=user, object_id__in=searches).first()


def _types(saved: SavedSearch) -> tuple[SearchType, ...]:
    if saved.search_type:
        return (SEARCH_TYPES_BY_KEY[saved.search_type],)
    return SEARCH_TYPES


def _untold(rows: models.QuerySet, follow: Follow, search_type: SearchType) -> models.QuerySet:
    told = SearchMatchTold.objects.filter(
        follow=follow, search_type=search_type.key, object_id=OuterRef("pk")
    )
    return rows.filter(~Exists(told))


def _record_told(follow: Follow, search_type: SearchType, rows: models.QuerySet) -> None:
    """Record every row of ``rows`` as told to ``follow`` in one INSERT ... SELECT: a common
    word finds thousands of rows, which are not read into Python."""
    select = rows.order_by().values_list(Value(follow.pk), Value(search_type.key), "pk")
    sql, params = select.query.sql_with_params()
    table = SearchMatchTold._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            # The table name is the model's own; the values are the query's parameters.
            f"INSERT INTO {table} (follow_id, search_type, object_id) {sql} "  # noqa: S608
            "ON CONFLICT DO NOTHING",
            params,
        )


@transaction.atomic
def search_follow(
    *,
    user,
    query: str,
    search_type: str = "",
    delivery: str = FollowDelivery.IMMEDIATE,
    language: str,
) -> Follow:
    """``user`` follows the search ``query`` of ``search_type`` (empty: every type), told in
    ``language`` at once or weekly. What the search finds for them now is recorded as told, so
    that only later matches are. Following it again keeps the existing follow."""
    lookup = _saved_search_lookup(query, search_type)
    # Locked until the follow is saved: ``saved_searches_prune`` passes it by meanwhile.
    saved, _created = SavedSearch.objects.select_for_update().get_or_create(**lookup)
    existing = Follow.objects.of_user_for(user, saved)
    if existing is not None:
        return existing
    follow = follow_create(user=user, target=saved, delivery=delivery, language=language)
    words = saved.query.split()
    for each in _types(saved):
        _record_told(follow, each, matching(each, search_query(words), user=user))
    return follow


def _check(follow: Follow) -> bool:
    """Tell ``follow``'s user of their search's new matches; whether there were any."""
    saved = follow.target
    query = search_query(saved.query.split())
    found = []
    for each in _types(saved):
        new = list(
            _untold(matching(each, query, user=follow.user), follow, each)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not new:
            continue
        SearchMatchTold.objects.bulk_create(
            [SearchMatchTold(follow=follow, search_type=each.key, object_id=pk) for pk in new],
            ignore_conflicts=True,
        )
        # The newest ones, named in the e-mail; the search page lists them all.
        shown = each.model.objects.filter(pk__in=new[-SHOWN_MATCHES:]).order_by("-pk")
        if each.related:
            shown = shown.select_related(*each.related)
        hits = list(shown)
        found.append({"type": each, "hits": hits, "more": len(new) - len(hits)})
    if not found:
        return False
    follow_notify(
        follow=follow,
        event="search_matches",
        template=TEMPLATE,
        context={
            "search": saved,
            "found": found,
            "site": absolute_url(""),
            "url": absolute_url(saved.get_absolute_url()),
        },
    )
    return True


def searches_check() -> int:
    """Check every followed search for each follower (a periodic job of the worker) and tell
    them of its new matches; returns how many were told. Each follow is checked under its
    row's lock, with the matches recorded and the e-mail queued in one transaction: a second
    worker passes it by, and a match is told once."""
    follows = (
        Follow.objects.of_kind(SAVED_SEARCH)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("pk", flat=True)
    )
    told = 0
    for follow_id in list(follows):
        with transaction.atomic():
            follow = (
                Follow.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("user", "content_type")
                .prefetch_related("target")
                .filter(pk=follow_id)
                .first()
            )
            if follow is not None and _check(follow):
                told += 1
    return told


def saved_searches_prune() -> int:
    """Delete the saved searches that nobody follows any more (their last follower stopped or
    left; a periodic job of the worker); returns how many.

    A search being followed right now is locked by ``search_follow`` and passed by. The
    searches are looked for and locked in one statement and deleted in the next, which reads
    the follows afresh: a follow saved in between keeps its search.
    """
    unfollowed = ~Exists(Follow.objects.of_kind(SAVED_SEARCH).filter(object_id=OuterRef("pk")))
    with transaction.atomic():
        locked = list(
            SavedSearch.objects.select_for_update(skip_locked=True)
            .filter(unfollowed)
            .values_list("pk", flat=True)
        )
        deleted, _by_model = SavedSearch.objects.filter(unfollowed, pk__in=locked).delete()
    return deleted
