"""Pages of long lists whose rows carry costly annotations."""

import hashlib
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet

from core.page_cache import kept_until_change


def detailed_rows(page: Page, detailed: QuerySet) -> list:
    """The rows of ``page`` as ``detailed`` gives them, in one query.

    The page's own queryset is lean (filters and order only); ``detailed`` adds the joins and
    annotations the page shows and the same order. The page's keys are a subquery of it, so
    the database skips the rows before the page without computing what ``detailed`` adds for
    each of them.
    """
    return list(detailed.filter(pk__in=page.object_list.values("pk")))


def query_key(queryset: QuerySet) -> str:
    """A short key that tells ``queryset``'s rows from any other's: its model and a digest of
    its SQL, which says everything the rows depend on."""
    try:
        sql = str(queryset.query)
    except EmptyResultSet:
        sql = "empty"
    digest = hashlib.md5(sql.encode(), usedforsecurity=False).hexdigest()
    return f"{queryset.model._meta.label}:{digest}"


# Tables with fewer rows (by the planner's statistics) are counted exactly.
ESTIMATE_FROM = 50_000


class EstimatedCountPaginator(Paginator):
    """Pages of a list whose count, when the list is a whole large table, is PostgreSQL's
    estimate of the table's rows (``pg_class.reltuples``, kept by autovacuum and ANALYZE)
    rather than a ``COUNT(*)``, which reads every row: 15 ms for 200,000 attachments, on
    every page of the admin's list. A filtered list is counted exactly, and so is a smaller
    table, in the same one query."""

    @cached_property
    def count(self) -> int:
        objects = self.object_list
        query = getattr(objects, "query", None)
        if query is None or query.where or query.distinct or query.combinator:
            return super().count
        table = objects.model._meta.db_table
        with connections[objects.db].cursor() as cursor:
            # The table's name is the model's own, quoted; the values are parameters.
            cursor.execute(
                "SELECT CASE WHEN reltuples >= %s THEN reltuples::bigint "  # noqa: S608
                f"ELSE (SELECT COUNT(*) FROM {cursor.db.ops.quote_name(table)}) END "
                "FROM pg_class WHERE oid = %s::regclass",
                [ESTIMATE_FROM, table],
            )
            return cursor.fetchone()[0]


class KeptCountPaginator(Paginator):
    """Pages of a list that is the same for every user, whose count is kept until the next
    change of the data (``core.page_cache.kept_until_change``) under the list's SQL, which
    says all it depends on: counting 100,000 meetings took 6 ms on every page of the list."""

    @cached_property
    def count(self) -> int:
        objects = self.object_list
        return kept_until_change(f"count:{query_key(objects)}", objects.count)
