"""Sums over a project's rows, as correlated subqueries: several in one query without joins,
and the figures derived from them."""

from decimal import Decimal

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


def granted_is_partial(amount_granted: Decimal | None, unknown_grants: int) -> bool:
    """Whether a project's granted sum leaves out grants whose amount is unknown."""
    return amount_granted is not None and unknown_grants > 0


def own_financing(
    total_budget: Decimal | None, amount_granted: Decimal | None, unknown_grants: int
) -> Decimal | None:
    """The part of a project's total budget not covered by grants; unknown while any grant's
    amount is."""
    if total_budget is None or amount_granted is None or unknown_grants:
        return None
    return total_budget - amount_granted
