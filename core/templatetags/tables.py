"""Tables whose columns are defined once (``core.exports``): ``{% load tables %}``."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def table_headers(table) -> str:
    """The column headings of ``table``, as ``<th>`` cells of the page's head row."""
    return format_html_join(
        "",
        '<th scope="col"{}>{}</th>',
        (
            (format_html(' class="text-end"') if column.is_numeric else "", column.label)
            for column in table.columns
        ),
    )


@register.simple_tag(takes_context=True)
def table_cell(context, column, obj, text: str, heads_row: bool = False) -> str:
    """The cell of ``obj`` in ``column``: its template, given ``object`` and ``text``, or the
    text ("–" when there is none)."""
    if column.template:
        with context.push(object=obj, text=text):
            content = context.template.engine.get_template(column.template).render(context)
    else:
        content = text or "–"
    first = heads_row
    return format_html(
        "<{} {}{}>{}</{}>",
        "th" if first else "td",
        format_html('scope="row"') if first else "",
        format_html(' class="text-end text-nowrap"') if column.is_numeric else "",
        content,
        "th" if first else "td",
    )
