"""Sums over a record's rows, as correlated subqueries: several in one query without joins."""

from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from core.money import ZERO, MoneyField


def money_sum(
    model: type[models.Model],
    field: str,
    project_path: str = "project",
    *,
    empty=ZERO,
    condition: Q | None = None,
) -> Coalesce:
    """A correlated SUM over ``model`` rows of the outer project (those that meet
    ``condition``), ``empty`` when there are none.

    Subqueries keep several sums in one query without the row multiplication of joins.
    """
    rows = (
        model.objects.filter(condition or Q(), **{project_path: OuterRef("pk")})
        .order_by()
        .values(project_path)
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(
        Subquery(rows, output_field=MoneyField()), Value(empty), output_field=MoneyField()
    )
