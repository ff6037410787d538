"""The funding chart of a project's page: ``{% load funding %}``."""

from django import template
from django.utils.translation import gettext as _

from core.money import format_money

register = template.Library()

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
                "amount": format_money(amount),
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
