""" "Did you mean": when a search finds nothing, the words of the portal's texts that are
most like the words searched.

The words come from the texts that name things and that everyone may see: projects' names
and descriptions, municipalities' and organisations' names, meetings' titles, themes and
places. Not from minutes or attachments, which not everyone may see, and whose long texts
would make the list slow to build. pg_trgm's similarity() (portal's migration 0001) compares
them without diacritics, so that "tyopaija" suggests "työpaja". One query, made only when
the search found nothing; it reads those fields once and compares each searched word with
each distinct word.
"""

from collections.abc import Sequence

from django.db import connection

from municipalities.models import Municipality, Organisation
from projects.models import Project
from workshops.models import Meeting

SOURCES = (
    (Project, ("name", "name_sv", "description", "description_sv")),
    (Municipality, ("name_fi", "name_sv")),
    (Organisation, ("name", "short_name")),
    (Meeting, ("title", "theme", "place")),
)
# pg_trgm's own default for its % operator: "kokuos" is too far from "kokous" (0.27), while
# "perhekeskis" (0.6) and "työpaija" (0.55 without diacritics) are near enough.
MIN_SIMILARITY = 0.3
MIN_WORD_LENGTH = 3


def _vocabulary_sql() -> str:
    """A SELECT of every word of SOURCES, once each, with its form without diacritics and
    the number of texts that hold it."""
    # Only the models' own table and column names are formatted into the SQL.
    quote = connection.ops.quote_name
    texts = " UNION ALL ".join(
        "SELECT to_tsvector('simple', concat_ws(' ', {fields})) FROM {table}".format(  # noqa: S608
            fields=", ".join(quote(model._meta.get_field(name).column) for name in fields),
            table=quote(model._meta.db_table),
        )
        for model, fields in SOURCES
    )
    return (
        "SELECT word, unaccent(word) AS plain, count(*) AS texts "  # noqa: S608
        f"FROM ({texts}) AS texts (vector), unnest(tsvector_to_array(vector)) AS word "
        f"WHERE char_length(word) >= {MIN_WORD_LENGTH} GROUP BY word"
    )


def suggestion(words: Sequence[str]) -> str:
    """``words`` with each replaced by the most similar word of the texts, for a search that
    found nothing; "" when no word has a similar one, or each is the word itself."""
    if not words:
        return ""
    sql = f"""
        WITH vocabulary AS ({_vocabulary_sql()})
        SELECT (
            SELECT vocabulary.word FROM vocabulary
            WHERE similarity(vocabulary.plain, unaccent(searched.word)) >= %s
            ORDER BY similarity(vocabulary.plain, unaccent(searched.word)) DESC,
                vocabulary.texts DESC, vocabulary.word
            LIMIT 1
        )
        FROM unnest(%s::text[]) WITH ORDINALITY AS searched (word, position)
        ORDER BY searched.position
    """  # noqa: S608 - the vocabulary's SQL, as above
    with connection.cursor() as cursor:
        cursor.execute(sql, [MIN_SIMILARITY, list(words)])
        similar = [row[0] for row in cursor.fetchall()]
    suggested = [found or word for word, found in zip(words, similar, strict=True)]
    return " ".join(suggested) if suggested != list(words) else ""
