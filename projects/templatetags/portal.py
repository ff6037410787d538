"""Template filters shared by the portal's apps: ``{% load portal %}``."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

NBSP = "\N{NO-BREAK SPACE}"
CENT = Decimal("0.01")
TENTH = Decimal("0.1")

# Where the euro and percent signs go in each interface language; Finnish and Swedish put
# them after the number behind a non-breaking space, English puts the euro sign first.
MONEY_PATTERNS = {"en": "€{}"}
PERCENT_PATTERNS = {"en": "{}%"}
DEFAULT_MONEY_PATTERN = f"{{}}{NBSP}€"
DEFAULT_PERCENT_PATTERN = f"{{}}{NBSP}%"


def _language() -> str:
    return (get_language() or "fi").split("-")[0]


def _local_number(value: Decimal, places: Decimal) -> str:
    """``value`` rounded half up to ``places``, grouped by thousands with the separators of
    the active language (non-breaking spaces and a decimal comma in Finnish and Swedish)."""
    rounded = Decimal(value).quantize(places, rounding=ROUND_HALF_UP)
    decimals = -places.as_tuple().exponent
    # number_format cuts extra decimals off instead of rounding, hence the quantize above.
    grouped = number_format(abs(rounded), decimals, use_l10n=True, force_grouping=True)
    return f"−{grouped}" if rounded < 0 else grouped


@register.filter
def money(value) -> str:
    """Euros in the active language: ``Decimal("1750000")`` -> "1 750 000,00 €" in Finnish
    and Swedish, "€1,750,000.00" in English; None -> "–".

    The spaces are non-breaking, so that an amount never wraps across lines.
    """
    if value is None or value == "":
        return "–"
    pattern = MONEY_PATTERNS.get(_language(), DEFAULT_MONEY_PATTERN)
    return pattern.format(_local_number(value, CENT))


@register.filter
def percent(fraction) -> str:
    """A fraction as a percentage with one decimal in the active language: 0.255 -> "25,5 %"
    in Finnish and Swedish, "25.5%" in English; None -> "–"."""
    if fraction is None or fraction == "":
        return "–"
    pattern = PERCENT_PATTERNS.get(_language(), DEFAULT_PERCENT_PATTERN)
    return pattern.format(_local_number(Decimal(fraction) * 100, TENTH))


@register.filter
def share_of(part, whole) -> Decimal | None:
    """``part`` as a fraction of ``whole``; None when there is no whole to divide by."""
    if part is None or not whole:
        return None
    return Decimal(part) / Decimal(whole)


# The chart's geometry, in the SVG's own units.
CHART_LABEL_WIDTH = 190
CHART_BAR_WIDTH = 280
CHART_ROW_HEIGHT = 36
CHART_BAR_HEIGHT = 22
CHART_COLOURS = ["#0a58ca", "#495057", "#146c43", "#b02a37"]


@register.inclusion_tag("projects/partials/funding_chart.html")
def funding_chart(project) -> dict:
    """Horizontal bars of a project's granted sum, total budget, planned and spent amounts.

    ``project`` needs ``ProjectQuerySet.with_funding()``. The bars share one scale, the
    largest amount filling the bar area; the SVG's label reads every amount aloud.
    """
    figures = [
        (_("Myönnetty avustus"), project.amount_granted),
        (_("Kokonaisbudjetti"), project.total_budget),
        (_("Suunniteltu"), project.amount_planned),
        (_("Toteutunut"), project.amount_spent),
    ]
    largest = max((amount for _label, amount in figures if amount), default=0)
    bars = []
    for row, ((label, amount), colour) in enumerate(zip(figures, CHART_COLOURS, strict=True)):
        width = round(CHART_BAR_WIDTH * amount / largest) if amount and largest else 0
        top = row * CHART_ROW_HEIGHT
        bars.append(
            {
                "label": label,
                "amount": money(amount),
                "colour": colour,
                "width": width,
                "top": top,
                "text_y": top + CHART_BAR_HEIGHT // 2,
                "amount_x": CHART_LABEL_WIDTH + width + 8,
            }
        )
    return {
        "bars": bars,
        "aria_label": _("Rahoitus: %(figures)s")
        % {"figures": "; ".join(f"{bar['label']} {bar['amount']}" for bar in bars)},
        "bar_x": CHART_LABEL_WIDTH,
        "bar_height": CHART_BAR_HEIGHT,
        "width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 130,
        "height": len(bars) * CHART_ROW_HEIGHT,
    }
