"""Full-text search shared by the models of all three apps: the vectors they store and the
queries that search them.

Each searchable model stores a generated ``search_vector`` column: PostgreSQL computes it on
every insert and update, so it can never go stale. The text is indexed twice, stemmed as
Finnish (``lape_finnish``: the built-in ``finnish`` configuration behind ``unaccent``, so that
"Mantsala" finds "Mäntsälä") and as Swedish (the built-in ``swedish``; unaccent would break its
stemming of "möte"/"mötet").

Queries are made in both configurations and OR-ed. In Finnish a word is searched by its stem
and, as prefixes, as typed and by the stem that all its forms share, which ``core.inflection``
finds ("kokouksen" -> "kokou"); those prefixes are parsed by ``simple``, as the Finnish stemmer
would cut them further. In Swedish a word and its base form are searched as stems, as
prefixes.

The admin's search of the large tables finds a part of a text, as Django's admin does; each
text it searches has a trigram index (``trigram_index``).
"""

import operator
from collections.abc import Sequence
from functools import reduce

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryCombinable,
    SearchQueryField,
    SearchVector,
    SearchVectorField,
)
from django.db import models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper

from core.inflection import finnish_prefixes, swedish_bases

FINNISH_CONFIG = "lape_finnish"  # created by municipalities' migration 0002
SWEDISH_CONFIG = "swedish"
SEARCH_CONFIGS = (FINNISH_CONFIG, SWEDISH_CONFIG)
# Parses a query of stems made in Python (``core.inflection``): lower-cases, nothing more.
UNSTEMMED_CONFIG = "simple"


def search_vector_field(
    *, swedish: dict[str, str] | None = None, **weighted_fields: str
) -> models.GeneratedField:
    """A stored, generated tsvector of ``field=weight`` pairs (weights "A" to "D"), each in
    both configurations, and of the ``swedish`` pairs, the Swedish versions of texts, in the
    Swedish configuration only."""
    vectors = [
        SearchVector(field, weight=weight, config=config)
        for config in SEARCH_CONFIGS
        for field, weight in weighted_fields.items()
    ]
    vectors += [
        SearchVector(field, weight=weight, config=SWEDISH_CONFIG)
        for field, weight in (swedish or {}).items()
    ]
    return models.GeneratedField(
        expression=reduce(operator.add, vectors),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )


def trigram_index(field: str, *, name: str) -> GinIndex:
    """An index of the trigrams of ``field`` as ``icontains`` compares it (upper-cased): it
    finds a part of the text, anywhere in it, without reading every row (pg_trgm, made by
    portal's migration 0001)."""
    return GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=name)


class TsQuery(SearchQueryCombinable, RawSQL):
    """A tsquery written in SQL, which combines with SearchQuery by ``&`` and ``|``.

    Built once per search, it is compiled as it stands into the filter, the rank and the
    headlines of every type: a tree of expressions would be compiled anew each time.
    """

    config = None

    def __init__(self, sql: str, params: Sequence[str]):
        super().__init__(sql, params, output_field=SearchQueryField())


# The stem of a Finnish word, or a word starting with one of its prefixes. A stop word ("ja",
# "mutta") has no stem and the texts do not hold it: it asks for nothing, so that "koulu ja
# oppilaitos" finds "koulu, oppilaitos".
FINNISH_WORD_SQL = (
    "CASE WHEN numnode(to_tsquery(%s::regconfig, %s)) = 0 THEN ''::tsquery "
    "ELSE to_tsquery(%s::regconfig, %s) || to_tsquery(%s::regconfig, %s) END"
)


def finnish_query(words: Sequence[str]) -> TsQuery:
    """Every one of ``words`` (letters and digits) in Finnish: its stem, or a word that starts
    with it as typed or with the stem all its forms share (``core.inflection``)."""
    params = []
    for word in words:
        prefixes = " | ".join(f"{prefix}:*" for prefix in finnish_prefixes(word))
        params += [FINNISH_CONFIG, word, FINNISH_CONFIG, word, UNSTEMMED_CONFIG, prefixes]
    return TsQuery(" && ".join([FINNISH_WORD_SQL] * len(words)), params)


def swedish_query(words: Sequence[str]) -> SearchQuery:
    """Every one of ``words`` (letters and digits) in Swedish: a word that starts with its
    stem or with the stem of its base form (``core.inflection.swedish_bases``)."""
    raw = " & ".join(
        "({})".format(" | ".join(f"{form}:*" for form in (word, *swedish_bases(word))))
        for word in words
    )
    return SearchQuery(raw, search_type="raw", config=SWEDISH_CONFIG)
