"""Tables whose columns are defined once (``core.exports``), as a page's table or cards:
``{% load tables %}``."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def table_headers(table) -> str:
    """The column headings of ``table``, as ``<th>`` cells of the page's head row."""
    return format_html_join(
        "",
        '<th scope="col"{}>{}</th>',
        (
            (mark_safe(' class="text-end"') if column.is_numeric else "", column.label)
            for column in table.columns
        ),
    )


@register.simple_tag
def cell_content(column, obj, text: str) -> str:
    """What ``obj`` shows in ``column``, in a table's cell or on a card: the column's cell,
    given ``obj`` and ``text``, or the text ("–" when there is none)."""
    if column.cell is None:
        return text or "–"
    return column.cell(obj, text)


@register.simple_tag
def table_cell(column, obj, text: str, heads_row: bool = False) -> str:
    """The cell of ``obj`` in ``column`` (``cell_content``), a row header when ``heads_row``."""
    content = cell_content(column, obj, text)
    tag = "th" if heads_row else "td"
    return format_html(
        "<{}{}{}>{}</{}>",
        tag,
        mark_safe(' scope="row"') if heads_row else "",
        mark_safe(' class="text-end text-nowrap"') if column.is_numeric else "",
        content,
        tag,
    )


@register.simple_tag
def row_cells(row: dict) -> str:
    """The cells of one of a table's ``page_rows``, in one tag (a table's rows would
    otherwise render a tag for each of their cells)."""
    obj = row["object"]
    return mark_safe(  # noqa: S308 - each cell is escaped by table_cell
        "".join(
            table_cell(column, obj, text, heads_row) for column, text, heads_row in row["cells"]
        )
    )


@register.simple_tag
def table_rows(table) -> str:
    """Every row of ``table`` as a ``<tr>`` of its cells (``row_cells``)."""
    return format_html_join("\n", "<tr>{}</tr>", ((row_cells(row),) for row in table.page_rows))
