"""The label "Esimerkkiaineisto" next to example values (``core.examples``):
``{% load examples %}``."""

from django import template
from django.template.loader import render_to_string

from core.examples import example_labels

register = template.Library()


@register.simple_tag
def example_mark(record, *names: str, extra: str = "") -> str:
    """The label when any of ``record``'s values ``names`` (any value, when none are named) is
    an example, titled with which; nothing otherwise. ``record`` may also be a list of records;
    ``extra`` names one more example the label stands for, such as figures summed from them.
    """
    records = record if isinstance(record, list | tuple) else [record]
    labels = []
    for row in records:
        labels += [label for label in example_labels(row, names) if label not in labels]
    if extra:
        labels.append(str(extra))
    if not labels:
        return ""
    return render_to_string("includes/example_mark.html", {"what": ", ".join(labels)})
