"""The programme page's totals and chart: ``{% load programme %}``."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.money import MoneyTotal, format_money
from projects.templatetags.funding import (
    CHART_AMOUNT_WIDTH,
    CHART_BAR_HEIGHT,
    CHART_BAR_WIDTH,
    CHART_COLOURS,
    CHART_LABEL_WIDTH,
    CHART_ROW_HEIGHT,
)

register = template.Library()


def left_out_note(total: MoneyTotal) -> str:
    """What ``total`` leaves out: "" when nothing."""
    if not total.is_partial:
        return ""
    return ngettext(
        "ei sisällä %(count)s hankkeen summaa, joka ei ole tiedossa",
        "ei sisällä %(count)s hankkeen summia, jotka eivät ole tiedossa",
        total.left_out,
    ) % {"count": total.left_out}


@register.simple_tag
def money_total(total: MoneyTotal) -> str:
    """A total in euros, "ei tiedossa" when no part of it is known, and below it a note of
    the unknown amounts it leaves out."""
    note = left_out_note(total)
    if not note:
        return format_money(total.amount)
    return format_html(
        '{}<span class="d-block small text-body-secondary text-wrap">{}</span>',
        format_money(total.amount),
        note,
    )


def _shown(total: MoneyTotal) -> str:
    if total.is_partial:
        return _("vähintään %(amount)s") % {"amount": format_money(total.amount)}
    return format_money(total.amount)


@register.inclusion_tag("portal/partials/programme_chart.html")
def programme_chart(rows, labels, table_id: str) -> dict:
    """Horizontal bars of each row's totals (``portal.programme.TotalsRow``), under the
    row's name, all on one scale; ``labels`` name the figures. An unknown total draws no
    bar, a partial one reads "at least". The SVG's label reads every amount; ``table_id`` is
    the table with the same figures, its text alternative."""
    largest = max(
        (total.amount for row in rows for total in row.cells if total.amount),
        default=0,
    )
    groups = []
    top = 0
    for row in rows:
        heading_y = top + CHART_BAR_HEIGHT // 2
        top += CHART_ROW_HEIGHT
        bars = []
        for label, total, colour in zip(labels, row.cells, CHART_COLOURS, strict=True):
            amount = total.amount
            width = round(CHART_BAR_WIDTH * amount / largest) if amount and largest else 0
            bars.append(
                {
                    "label": label,
                    "amount": _shown(total),
                    "colour": colour,
                    "width": width,
                    "top": top,
                    "text_y": top + CHART_BAR_HEIGHT // 2,
                    "amount_x": CHART_LABEL_WIDTH + width + 8,
                }
            )
            top += CHART_ROW_HEIGHT
        groups.append({"label": row.label, "heading_y": heading_y, "bars": bars})
    figures = "; ".join(
        f"{group['label']}: "
        + ", ".join(f"{bar['label']} {bar['amount']}" for bar in group["bars"])
        for group in groups
    )
    return {
        "groups": groups,
        "aria_label": figures,
        "table_id": table_id,
        "bar_x": CHART_LABEL_WIDTH,
        "bar_height": CHART_BAR_HEIGHT,
        "width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + CHART_AMOUNT_WIDTH,
        "height": top,
    }


@register.simple_tag
def participation_rows(grid) -> str:
    """The rows of a region's grid (``portal.programme.RegionGrid``): each municipality's
    name and its roles in each project of the page, "–" (read as "not involved") where it
    has none.

    One tag for the grid, not a template's loops: a region of some forty municipalities and
    a page of 25 projects has a thousand cells, most of them alike, each made once."""
    cells_made = {
        (): format_html(
            '<td><span aria-hidden="true">–</span><span class="visually-hidden">{}</span></td>',
            _("ei mukana"),
        )
    }

    def cell(roles: list[str]) -> str:
        key = tuple(roles)
        if key not in cells_made:
            cells_made[key] = format_html("<td>{}</td>", ", ".join(key))
        return cells_made[key]

    return format_html_join(
        "\n",
        '<tr><th scope="row"><a href="{}">{}</a></th>{}</tr>',
        (
            (
                reverse("portal:municipality_detail", args=[municipality.code]),
                municipality.name,
                # Each cell is escaped as it is made.
                mark_safe("".join(cell(roles) for roles in cells)),  # noqa: S308
            )
            for municipality, cells in grid.rows
        ),
    )
