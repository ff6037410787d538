"""Full-text search vectors shared by the models of all three apps.

Each searchable model stores a generated ``search_vector`` column: PostgreSQL computes it on
every insert and update, so it can never go stale. The text is indexed twice, stemmed as
Finnish (``lape_finnish``: the built-in ``finnish`` configuration behind ``unaccent``, so that
"Mantsala" finds "Mäntsälä") and as Swedish (the built-in ``swedish``; unaccent would break its
stemming of "möte"/"mötet"). Queries are made in both configurations and OR-ed.
"""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

FINNISH_CONFIG = "lape_finnish"  # created by municipalities' migration 0002
SWEDISH_CONFIG = "swedish"
SEARCH_CONFIGS = (FINNISH_CONFIG, SWEDISH_CONFIG)


def search_vector_field(**weighted_fields: str) -> models.GeneratedField:
    """A stored, generated tsvector of ``field=weight`` pairs (weights "A" to "D")."""
    vectors = [
        SearchVector(field, weight=weight, config=config)
        for config in SEARCH_CONFIGS
        for field, weight in weighted_fields.items()
    ]
    return models.GeneratedField(
        expression=reduce(operator.add, vectors),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )
