"""Pages of long lists whose rows carry costly annotations."""

from django.core.paginator import Page
from django.db.models import QuerySet


def detailed_rows(page: Page, detailed: QuerySet) -> list:
    """The rows of ``page`` as ``detailed`` gives them, in one query.

    The page's own queryset is lean (filters and order only); ``detailed`` adds the joins and
    annotations the page shows and the same order. The page's keys are a subquery of it, so
    the database skips the rows before the page without computing what ``detailed`` adds for
    each of them.
    """
    return list(detailed.filter(pk__in=page.object_list.values("pk")))
