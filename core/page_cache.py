"""Whole public pages kept for visitors who are not signed in (README, "Page cache").

Such a page is the same for every visitor without a session who reads it in the same language,
so a view with ``VisitorPageCacheMixin`` keeps its rendered answer in Django's cache for
``PAGE_CACHE_SECONDS`` and answers the next visitor from there. It is kept only if it is the
same for everybody: answered 200, with no CSRF token in it (a form that posts), no cookie set
and no message shown. A signed-in user, or anybody with a session or a pending message, always
gets the page rendered for them.

A change is seen on the next request. Every key carries generation numbers, PostgreSQL
sequences shared by every process and app server: one for each app in ``PAGE_CACHE_APPS``
(``<app>_page_generation``, made by the app's migration), which moves after each transaction
that saved or deleted a record of the app (a signal), or that called ``pages_changed()`` for it
(a write that bypasses the signals). The numbers move after the commit, so no page rendered
from the data before it is kept under the numbers after it. Records changed without either (a
bulk update that no page shows) are seen when their pages expire.

A page or part reads the numbers of the apps whose records it shows: every app unless it names
fewer (``page_apps``, ``apps=``): the programme's totals show no meeting, so a new meeting
leaves them kept. Records that only a few pages show name a sequence of their own
(``page_generation`` on the model, ending in ``GENERATION_SUFFIX``): a sign-up moves the
registrations' number, and only the pages and parts that show registrations
(``page_generations``, ``generations=``) read it, so a sign-up leaves the other kept pages as
they are. A history row moves the number of its record. A restore moves every number far on
(``generations_jump``), past those of pages kept from the database it replaces.

How long a page is kept depends on whether the clock changes it. A page that shows what is
upcoming, today's date or whether registration is still open (``page_changes_with_time``, the
default) is kept ``PAGE_CACHE_SECONDS`` at most. A page that shows only its data goes stale
with them, not with time, and is kept as long as a kept value (below): renewing it every
minute would only cost its visitors a rendering.

Figures that are the same for every visitor and role but costly to compute (a list's count)
are kept the same way, under the generation numbers, with
``kept_until_change``: a signed-in user's page, rendered for them, reads them from there too.
So are parts of pages that are the same for everyone they name (``kept_fragment``: the
meeting list's rows for all who see the same attachments).
"""

import hashlib
from collections.abc import Callable
from contextlib import nullcontext
from typing import TypeVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

# The end of the name of every generation number's sequence (``app_generation``, and a model's
# own ``page_generation``).
GENERATION_SUFFIX = "_page_generation"
# How far a restored database's generation numbers move (``generations_jump``): past any
# number the database before it reached, however many changes it saw after the backup.
RESTORE_JUMP = 10**9
# The headers of a view's answer kept with its content; middleware adds the rest to every answer.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "ETag")
# How many times longer than a page a value of ``kept_until_change`` is kept.
KEPT_VALUE_LIFE = 60

T = TypeVar("T")
CSRF_FIELD = "csrfmiddlewaretoken"
# What the cache answers for a value it does not keep: a kept value may be None.
_MISSING = object()


class _Advance:
    """The generations' move after one commit, however many changes registered it: each
    sequence a change named moves once."""

    def __init__(self, using: str):
        self.using, self.done, self.sequences = using, False, set()

    def __call__(self):
        if not self.done:
            self.done = True
            with connections[self.using].cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(sequence::regclass) FROM unnest(%s::text[]) AS sequence",
                    [sorted(self.sequences)],
                )


def app_generation(app_label: str) -> str:
    """The sequence of the generation number of ``app_label``'s records."""
    return f"{app_label}{GENERATION_SUFFIX}"


def generations_jump(cursor) -> None:
    """Move every generation number (each sequence whose name ends in ``GENERATION_SUFFIX``)
    on by ``RESTORE_JUMP``, with ``cursor`` of a DB-API connection to the database.

    For a database just restored from a backup: its numbers are those of the backup, and a
    shared cache may hold pages kept under the numbers that the lost database reached after
    it, from data that the restore does not bring back."""
    cursor.execute(
        "SELECT setval(format('%%I.%%I', schemaname, sequencename)::regclass,"
        " coalesce(last_value, 0) + %s)"
        " FROM pg_sequences WHERE right(sequencename, length(%s)) = %s",
        [RESTORE_JUMP, GENERATION_SUFFIX, GENERATION_SUFFIX],
    )


def generation_of(model: type[models.Model]) -> str | None:
    """The sequence that a change of a ``model`` record moves: its own (``page_generation``)
    or its app's, None outside ``PAGE_CACHE_APPS``. A history row (django-simple-history)
    moves that of its record."""
    model = getattr(model, "instance_type", model)
    if model._meta.app_label not in settings.PAGE_CACHE_APPS:
        return None
    return getattr(model, "page_generation", None) or app_generation(model._meta.app_label)


def pages_changed(model: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> None:
    """Make the kept pages that show ``model`` records stale once the current transaction
    commits.

    Each change registers the same move until it has run: a rolled-back transaction's is
    discarded with its callbacks, and the next commit runs it.
    """
    sequence = generation_of(model)
    if sequence is None:
        return
    connection = connections[using]
    advance = getattr(connection, "page_generation_advance", None)
    if advance is None or advance.done:
        advance = connection.page_generation_advance = _Advance(using)
    advance.sequences.add(sequence)
    transaction.on_commit(advance, using=using)


def generation(apps=None, generations=(), using: str = DEFAULT_DB_ALIAS) -> str:
    """The generation numbers of ``apps`` (every app of ``PAGE_CACHE_APPS`` when None) and of
    the sequences ``generations``, in one query."""
    apps = settings.PAGE_CACHE_APPS if apps is None else apps
    sequences = [app_generation(app) for app in apps]
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(pg_sequence_last_value(name::regclass) ORDER BY place)"
            " FROM unnest(%s::text[]) WITH ORDINALITY AS sequence (name, place)",
            [[*sequences, *generations]],
        )
        return ".".join(map(str, cursor.fetchone()[0]))


def kept_until_change(name: str, compute: Callable[[], T], *, apps=None, generations=()) -> T:
    """The value of ``compute()`` as it was after the latest committed change, computed once
    for every visitor and role (in each process, or across servers when CACHE_URL names a
    shared cache).

    It is kept under ``name`` and the generation numbers, so a committed change of the apps
    in ``PAGE_CACHE_APPS`` (of ``apps`` when the value shows fewer) leads the next request to
    compute it afresh. That is why it may
    be kept far longer than a page (``KEPT_VALUE_LIFE`` times ``PAGE_CACHE_SECONDS``, an
    hour by default): its key goes stale with the data, not with time. Time only bounds how
    long a write that bypasses the signals (a bulk update) goes unseen, and how long a value
    of an old generation takes room in the cache. With ``PAGE_CACHE_SECONDS`` 0 (the tests,
    whose transactions never commit) it is computed on every call.

    A value that shows records with a generation of their own (registrations) names it in
    ``generations``.

    The value is pickled into the cache: plain data (dataclasses of strings and Decimals),
    not model instances or querysets.
    """
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    key = f"{name}:{generation(apps, generations)}"
    kept = cache.get(key, _MISSING)
    if kept is _MISSING:
        kept = compute()
        cache.set(key, kept, settings.PAGE_CACHE_SECONDS * KEPT_VALUE_LIFE)
    return kept


def kept_fragment(name: str, render: Callable[[], T], *, apps=None, generations=()) -> T:
    """A part of a page, ``render()`` (its HTML, or a few plain values with it), kept until
    the next change of the data under ``name`` and the page's language and time zone
    (``kept_until_change``): for a part that is the same for everyone ``name`` covers, built
    by queries and rows that only run when it is rendered afresh. ``name`` is hashed, so it
    may be long (a query's SQL)."""
    digest = hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    language, zone = get_language(), timezone.get_current_timezone_name()
    return kept_until_change(
        f"fragment:{digest}:{language}:{zone}",
        lambda: _tokenless(render()),
        apps=apps,
        generations=generations,
    )


def _tokenless(value: T) -> T:
    """``value``, refused when it holds a form's CSRF token: kept for everyone ``name``
    covers, the token would go to other users."""
    html = value.get("html", "") if isinstance(value, dict) else value
    if CSRF_FIELD in str(html):
        raise ValueError("A kept part of a page must not hold a form that posts.")
    return value


def _record_changed(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    pages_changed(sender, using)


def connect_page_changes() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_record_changed, dispatch_uid=f"page_cache_{signal}")


def _shared_request(request) -> bool:
    """Whether the page this request asks for would be the same for any visitor like them."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        # A signed-in user has a session, and so has a visitor with data kept for them.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _shared_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not len(get_messages(request))
    )


def _key(request, numbers: str) -> str:
    address = hashlib.md5(  # noqa: S324 - a cache key, not a secret
        request.build_absolute_uri().encode(), usedforsecurity=False
    ).hexdigest()
    return f"page:{numbers}:{request.LANGUAGE_CODE}:{address}"


class VisitorPageCacheMixin:
    """A public view whose page is kept for visitors without a session (the module's text)."""

    # Whether the page shows what the clock changes; a view whose page shows only its data
    # sets this to False, and its page is kept until they change (the module's text).
    page_changes_with_time = True
    # The apps whose records the page shows, None for every app, and the sequences of the
    # records with one of their own that it shows (the module's text).
    page_apps: tuple[str, ...] | None = None
    page_generations: tuple[str, ...] = ()

    @classmethod
    def as_view(cls, **initkwargs):
        # A kept page is answered outside a transaction: its one query needs none, and BEGIN
        # and COMMIT would be two more round trips to the database. Every other answer is
        # made as ATOMIC_REQUESTS makes the other views' (``dispatch``).
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def dispatch(self, request, *args, **kwargs):
        shared = _shared_request(request)
        if shared:
            key = _key(request, generation(self.page_apps, self.page_generations))
            kept = cache.get(key)
            if kept is not None:
                content, headers = kept
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                return response
        # As ATOMIC_REQUESTS would: the view in a transaction, its template rendered after
        # the commit.
        atomic = connections[DEFAULT_DB_ALIAS].settings_dict["ATOMIC_REQUESTS"]
        with transaction.atomic() if atomic else nullcontext():
            response = super().dispatch(request, *args, **kwargs)
        if not shared:
            return response
        if hasattr(response, "render"):
            response.render()
        if _shared_response(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), self.page_lifetime())
        return response

    def page_lifetime(self) -> int:
        """Seconds the page is kept at most."""
        if self.page_changes_with_time:
            return settings.PAGE_CACHE_SECONDS
        return settings.PAGE_CACHE_SECONDS * KEPT_VALUE_LIFE
