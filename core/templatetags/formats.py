"""Number filters shared by every app's templates: ``{% load formats %}``."""

from decimal import Decimal

from django import template

from core.money import format_money, format_percent

register = template.Library()

register.filter("money", format_money)
register.filter("percent", format_percent)


@register.filter
def share_of(part, whole) -> Decimal | None:
    """``part`` as a fraction of ``whole``; None when there is no whole to divide by."""
    if part is None or not whole:
        return None
    return Decimal(part) / Decimal(whole)
