"""A project's funding figures as pages show them: ``{% load funding %}``."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.money import format_money

register = template.Library()


def unknown_grants_note(project) -> str:
    """What the granted sum of ``project`` leaves out: "" when it leaves nothing out.

    ``project`` needs ``ProjectQuerySet.with_funding()``.
    """
    if not project.granted_is_partial:
        return ""
    count = project.unknown_grants
    return ngettext(
        "ei sisällä %(count)s avustusta, jonka summa ei ole tiedossa",
        "ei sisällä %(count)s avustusta, joiden summat eivät ole tiedossa",
        count,
    ) % {"count": count}


@register.simple_tag
def granted(project) -> str:
    """The granted sum of ``project`` in euros, "ei tiedossa" when no grant's amount is
    known, and below it a note of the grants it leaves out."""
    amount = format_money(project.amount_granted)
    note = unknown_grants_note(project)
    if not note:
        return amount
    return format_html(
        '{}<span class="d-block small text-body-secondary text-wrap">{}</span>', amount, note
    )


# The chart's geometry, in the SVG's own units.
CHART_LABEL_WIDTH = 190
CHART_BAR_WIDTH = 280
# Room after the longest bar for its amount, up to "vähintään 1 750 000,00 €".
CHART_AMOUNT_WIDTH = 190
CHART_ROW_HEIGHT = 36
CHART_BAR_HEIGHT = 22
CHART_COLOURS = ["#0a58ca", "#495057", "#146c43", "#b02a37"]


@register.inclusion_tag("projects/partials/funding_chart.html")
def funding_chart(project) -> dict:
    """Horizontal bars of a project's granted sum, total budget, planned and spent amounts.

    ``project`` needs ``ProjectQuerySet.with_funding()``. The bars share one scale, the
    largest amount filling the bar area; the SVG's label reads every amount aloud. A granted
    sum that leaves out grants of unknown amount reads "at least".
    """
    granted_shown = format_money(project.amount_granted)
    if project.granted_is_partial:
        granted_shown = _("vähintään %(amount)s") % {"amount": granted_shown}
    figures = [
        (_("Myönnetty avustus"), project.amount_granted, granted_shown),
        (_("Kokonaisbudjetti"), project.total_budget, format_money(project.total_budget)),
        (_("Suunniteltu"), project.amount_planned, format_money(project.amount_planned)),
        (_("Toteutunut"), project.amount_spent, format_money(project.amount_spent)),
    ]
    largest = max((amount for _label, amount, _shown in figures if amount), default=0)
    bars = []
    for row, ((label, amount, shown), colour) in enumerate(
        zip(figures, CHART_COLOURS, strict=True)
    ):
        width = round(CHART_BAR_WIDTH * amount / largest) if amount and largest else 0
        top = row * CHART_ROW_HEIGHT
        bars.append(
            {
                "label": label,
                "amount": shown,
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
        "width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + CHART_AMOUNT_WIDTH,
        "height": len(bars) * CHART_ROW_HEIGHT,
    }
