"""How a meeting is shown wherever it appears: ``{% load meetings %}``.

Tags in Python rather than included templates: a list shows these for each of its rows, and
an included template costs a list of 25 meetings several milliseconds."""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from core.templatetags.examples import example_mark

register = template.Library()


@register.simple_tag
def meeting_time(meeting) -> str:
    """When ``meeting`` is held, as two ``<time>`` elements: "ti 5.6.2018 klo 9.00–12.00",
    the end with its own date when it is on another day; marked when the time is an example."""
    starts = timezone.localtime(meeting.starts_at)
    ends = timezone.localtime(meeting.ends_at)
    at = gettext("klo")

    def day(moment) -> str:
        return (
            f"{formats.date_format(moment, 'D')} "
            f"{formats.date_format(moment, 'SHORT_DATE_FORMAT')} {at} "
        )

    return format_html(
        '<time datetime="{}">{}{}</time>–<time datetime="{}">{}{}</time>{}',
        starts.isoformat(),
        day(starts),
        formats.time_format(starts, "TIME_FORMAT"),
        ends.isoformat(),
        day(ends) if ends.date() != starts.date() else "",
        formats.time_format(ends, "TIME_FORMAT"),
        example_mark(meeting, "date", "time"),
    )
