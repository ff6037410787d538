"""The portal's full-text search: projects, municipalities, organisations, meetings, minutes
and attachments, in Finnish and Swedish.

Every searchable model stores a ``search_vector`` (``core.search``) with its text
stemmed in both configurations. A search is made in both and OR-ed, and all the words must be
found. A word finds its other forms: in Finnish its stem, and as prefixes the word as typed
and the stem that all its forms share ("kokouksessa" finds "kokous", "hallinto" finds
"hallinnon", ``core.inflection``); in Swedish its stem and that of its base form as prefixes
("mötet" finds "möte"). A word still being typed already finds ("perhekesk" finds
"perhekeskustoimintamalli"). Whatever the number of hits, one query counts the hits of every
type, and one query per type shown that has hits ranks its best ones, with their highlighted
title and snippet: a rare word, found in one type, costs two queries.
"""

import re
import secrets
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db import connection, models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.search import FINNISH_CONFIG, SWEDISH_CONFIG, finnish_query, swedish_query
from municipalities.models import Municipality, Organisation
from projects.models import Project
from projects.permissions import is_admin
from workshops.models import Attachment, AttachmentLanguage, Meeting, Minutes
from workshops.permissions import openable_attachments_filter, visible_minutes_filter

MAX_QUERY_LENGTH = 200
# The key of the plan of the count of every type in ``search_plans``.
TOTALS_PLAN = "totals"
# A search counts and ranks at most this many hits of a type (and one more, to tell that
# there are more): beyond it the page says "yli 1 000".
MAX_COUNTED = 1000
MAX_WORDS = 8
MAX_WORD_LENGTH = 50
# Letters and digits only: nothing else reaches to_tsquery, so no input is a syntax error.
WORD = re.compile(r"[^\W_]+")


def search_words(text: str) -> list[str]:
    """The words of ``text`` to search for, lower-cased, each once, in order."""
    words = WORD.findall(unicodedata.normalize("NFC", text[:MAX_QUERY_LENGTH]).lower())
    return list(dict.fromkeys(word[:MAX_WORD_LENGTH] for word in words))[:MAX_WORDS]


def search_query(words: Sequence[str]):
    """Every word in any of its forms, all of them required, in Finnish or in Swedish."""
    return finnish_query(words) | swedish_query(words)


def _text(*texts: models.Expression) -> models.Expression:
    """The texts joined by spaces, as one text to cut a snippet from."""
    if len(texts) == 1:
        return texts[0]
    parts = [piece for text in texts for piece in (text, Value(" "))][:-1]
    return Concat(*parts, output_field=models.TextField())


def _in_user_language(finnish: str, swedish: str) -> models.Expression:
    """``municipalities.models.in_user_language`` in SQL: Swedish for a Swedish-speaking user
    when the row has it, otherwise Finnish."""
    if swedish and (get_language() or "fi").startswith("sv"):
        return Coalesce(NullIf(F(swedish), Value("")), F(finnish))
    return F(finnish)


@dataclass(frozen=True)
class SearchType:
    """What the search finds of one model and how a hit is shown."""

    key: str
    label: str
    model: type[models.Model]
    title: str  # the field of the hit's title, in Finnish
    title_sv: str = ""  # its Swedish version, shown to Swedish-speaking users when filled in
    body: tuple[str, ...] = ()  # the fields the snippet is cut from
    # Their Swedish versions, in the same order ("" for a field that has none), shown
    # instead to Swedish-speaking users when filled in.
    body_sv: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # what the result's template shows of related rows
    visible: Callable[[object], Q] = lambda user: Q()  # the rows ``user`` may see
    # The configuration that parses the text for highlighting (the query has both).
    headline_config: models.Expression = Value(FINNISH_CONFIG)

    @property
    def template(self) -> str:
        return f"portal/partials/search_{self.key}.html"


SEARCH_TYPES = (
    SearchType(
        key="projects",
        label=_("Hankkeet"),
        model=Project,
        title="name",
        title_sv="name_sv",
        body=("description", "description_sv"),
        related=("region",),
    ),
    SearchType(
        key="municipalities",
        label=_("Kunnat"),
        model=Municipality,
        title="name_fi",
        title_sv="name_sv",
        related=("region",),
    ),
    SearchType(key="organisations", label=_("Organisaatiot"), model=Organisation, title="name"),
    SearchType(
        key="meetings",
        label=_("Kokoukset ja työpajat"),
        model=Meeting,
        title="title",
        title_sv="title_sv",
        body=("theme", "place"),
        body_sv=("theme_sv", ""),
        related=("project",),
    ),
    SearchType(
        key="minutes",
        label=_("Muistiot"),
        model=Minutes,
        title="meeting__title",
        title_sv="meeting__title_sv",
        body=("text",),
        body_sv=("text_sv",),
        related=("meeting__project",),
        visible=visible_minutes_filter,
    ),
    SearchType(
        key="attachments",
        label=_("Liitteet"),
        model=Attachment,
        title="title",
        title_sv="title_sv",
        body=("text",),
        related=("meeting",),
        visible=openable_attachments_filter,
        headline_config=models.Case(
            models.When(language=AttachmentLanguage.SWEDISH, then=Value(SWEDISH_CONFIG)),
            default=Value(FINNISH_CONFIG),
        ),
    ),
)
SEARCH_TYPES_BY_KEY = {search_type.key: search_type for search_type in SEARCH_TYPES}


class Highlighter:
    """Marks a hit in ts_headline's output as ``<mark>`` in otherwise escaped HTML.

    ts_headline does not escape the text, so it marks the hits with sentinels instead of tags;
    the text is escaped and only the sentinels become tags. A random token per search means
    no indexed text can contain them.
    """

    def __init__(self):
        token = secrets.token_hex(8)
        self.start, self.stop = f"[{token}[", f"]{token}]"
        self.marked = re.compile(f"{re.escape(self.start)}(.*?){re.escape(self.stop)}", re.S)

    def headline(self, expression, query, config, **options) -> SearchHeadline:
        return SearchHeadline(
            expression, query, config=config, start_sel=self.start, stop_sel=self.stop, **options
        )

    def html(self, headline: str) -> SafeString:
        # With one group, re.split alternates unmarked and marked pieces.
        pieces = self.marked.split(headline)
        return format_html_join(
            "",
            "{}",
            (
                (format_html("<mark>{}</mark>", piece) if index % 2 else piece,)
                for index, piece in enumerate(pieces)
            ),
        )


@dataclass
class SearchResults:
    """The hits of one type: the best ones (with ``search_title`` and ``search_snippet``
    as safe HTML) and how many there are in all, counted up to ``MAX_COUNTED`` + 1."""

    type: SearchType
    total: int
    hits: list

    @property
    def total_label(self) -> str:
        return total_label([self])


def total_label(results: Sequence[SearchResults]) -> str:
    """How many hits ``results`` have together, as the page shows it: "yli 1 000" when a
    type has more than a search counts."""
    counted = sum(min(result.total, MAX_COUNTED) for result in results)
    text = formats.number_format(counted, force_grouping=True)
    if any(result.total > MAX_COUNTED for result in results):
        return gettext("yli %(count)s") % {"count": text}
    return text


def capped(rows: models.QuerySet) -> models.QuerySet:
    """The keys of at most ``MAX_COUNTED`` + 1 of ``rows``, in no order: the GIN index finds
    them without reading or sorting every match."""
    return rows.order_by().values("pk")[: MAX_COUNTED + 1]


def search_audience(user) -> str:
    """Who finds the same as ``user``: every admin alike, every visitor who is not signed in
    alike. A signed-in user also finds the circulated minutes of the meetings they signed up
    for (``visible_minutes_filter``), so their hits are their own."""
    if is_admin(user):
        return "admin"
    return f"user:{user.pk}" if user.is_authenticated else "visitor"


def matching(search_type: SearchType, query, *, user) -> models.QuerySet:
    """The rows of ``search_type`` that ``user`` may see and that ``query`` finds: the hits
    of the search page, and what a followed search checks (``portal.search_follows``)."""
    return search_type.model.objects.filter(search_type.visible(user), search_vector=query)


def search(text: str, *, user, show: Sequence[str], limit: int) -> list[SearchResults]:
    """What ``user`` may see that matches ``text``, for every type in SEARCH_TYPES.

    The types whose keys are in ``show`` get their ``limit`` best hits; the others only their
    total. One query counts every type; then one query per type shown that has hits. None
    when ``text`` has no words.
    """
    words = search_words(text)
    if not words:
        return []
    query = search_query(words)
    totals = capped_totals(query, user=user)
    highlighter = Highlighter()
    results = []
    for search_type in SEARCH_TYPES:
        total = totals[search_type.key]
        hits = []
        if total and search_type.key in show:
            rows = matching(search_type, query, user=user)
            hits = list(_ranked_hits(rows, search_type, query, highlighter)[:limit])
        for hit in hits:
            hit.search_title = highlighter.html(hit.headline_title)
            # Fields left empty (a meeting without theme or place) give a blank headline.
            body = hit.headline_body.strip() if search_type.body else ""
            hit.search_snippet = highlighter.html(body) if body else ""
        results.append(SearchResults(type=search_type, total=total, hits=hits))
    return results


def capped_totals(query, *, user) -> dict[str, int]:
    """How many rows of each type in SEARCH_TYPES ``user`` may see and ``query`` finds,
    each counted up to ``MAX_COUNTED`` + 1, in one query: a rare word's search then ranks
    only the types that have hits."""
    with connection.cursor() as cursor:
        cursor.execute(*_totals_sql(query, user=user))
        row = cursor.fetchone()
    return {search_type.key: total for search_type, total in zip(SEARCH_TYPES, row, strict=True)}


def _totals_sql(query, *, user) -> tuple[str, list]:
    """The SQL and parameters of ``capped_totals``: a row of one count per type."""
    # A rule that allows nothing compiles to "WHERE 0 = 1" rather than no query at all.
    counts = [
        capped(matching(search_type, query, user=user))
        .query.get_compiler(connection=connection, elide_empty=False)
        .as_sql()
        for search_type in SEARCH_TYPES
    ]
    # Only SQL that Django compiled is joined here; the values stay parameters.
    subqueries = ", ".join(
        f"(SELECT count(*) FROM ({sql}) AS found)"  # noqa: S608
        for sql, _ in counts
    )
    return f"SELECT {subqueries}", [value for _, params in counts for value in params]


def search_plans(text: str, *, user) -> dict[str, str]:
    """PostgreSQL's plans (EXPLAIN) of the queries ``search`` runs for ``text`` and ``user``:
    under ``TOTALS_PLAN`` the count of every type, and under each type's key the query of its
    best hits. To check that the GIN index of the search vectors finds the matches."""
    query = search_query(search_words(text))
    with connection.cursor() as cursor:
        sql, params = _totals_sql(query, user=user)
        cursor.execute(f"EXPLAIN {sql}", params)
        totals_plan = "\n".join(line for (line,) in cursor.fetchall())
    return {TOTALS_PLAN: totals_plan} | {
        search_type.key: _ranked_hits(
            matching(search_type, query, user=user), search_type, query, Highlighter()
        ).explain()
        for search_type in SEARCH_TYPES
    }


def uses_search_index(plan: str, search_type: SearchType) -> bool:
    """Whether ``plan`` reads the matches from ``search_type``'s GIN index."""
    (index,) = [
        index.name for index in search_type.model._meta.indexes if index.fields == ["search_vector"]
    ]
    return f"Bitmap Index Scan on {index}" in plan


def _ranked_hits(rows, search_type: SearchType, query, highlighter: Highlighter):
    """``rows`` best first, with highlighted title and snippet.

    Only a bounded set of candidates (``capped``) is ranked: a common word matches most
    rows, and ranking them all would read every one. Below ``MAX_COUNTED`` matches the
    candidates are all of them.
    """
    config = search_type.headline_config
    annotations = {
        "rank": SearchRank(F("search_vector"), query),
        "headline_title": highlighter.headline(
            _in_user_language(search_type.title, search_type.title_sv),
            query,
            config,
            highlight_all=True,
        ),
    }
    if search_type.body:
        annotations["headline_body"] = highlighter.headline(
            _text(
                *(
                    _in_user_language(field, swedish)
                    for field, swedish in zip_longest(search_type.body, search_type.body_sv)
                )
            ),
            query,
            config,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    rows = search_type.model.objects.filter(pk__in=capped(rows))
    if search_type.related:  # select_related() without fields would follow every foreign key
        rows = rows.select_related(*search_type.related)
    return rows.annotate(**annotations).order_by("-rank", "pk")
