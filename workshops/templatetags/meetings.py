"""How a meeting is shown wherever it appears: ``{% load meetings %}``.

Tags in Python rather than included templates: a list shows these for each of its rows, and
an included template costs a list of 25 meetings several milliseconds."""

from django import template
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from core.i18n import choice_label
from core.templatetags.examples import example_mark
from core.templatetags.icons import icon
from core.templatetags.languages import localized
from workshops.models import MeetingStatus

register = template.Library()

STATUS_BADGES = {MeetingStatus.CANCELLED: "text-bg-danger", MeetingStatus.HELD: "text-bg-secondary"}


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


@register.simple_tag
def calendar_entry(meeting) -> str:
    """A meeting in a day of the calendar grid: its time and title linked, struck through
    when cancelled, and its project (``for_calendar`` fetched it)."""
    title = localized(meeting.localized_title)
    if meeting.status == MeetingStatus.CANCELLED:
        title = format_html("<s>{}</s> ({})", title, gettext("peruttu"))
    else:
        title = format_html("<span>{}</span>", title)
    return format_html(
        '<a href="{}">{} {}</a>{}<span class="d-block text-body-secondary">{}</span>',
        reverse("workshops:meeting_detail", args=[meeting.pk]),
        formats.time_format(timezone.localtime(meeting.starts_at), "TIME_FORMAT"),
        title,
        example_mark(meeting, "date", "time"),
        meeting.project,
    )


@register.simple_tag
def meeting_status(meeting) -> str:
    """The meeting's status as a badge: cancelled red, held grey, coming green."""
    return format_html(
        '<span class="badge {}">{}</span>',
        STATUS_BADGES.get(meeting.status, "text-bg-success"),
        capfirst(choice_label(MeetingStatus, meeting.status)),
    )


@register.simple_tag
def meeting_marks(meeting) -> str:
    """Badges for the meeting's published minutes and its number of attachments (both
    annotated by ``with_material``); "" when it has neither."""
    marks = []
    if meeting.has_published_minutes:
        marks.append(("badge text-bg-info", icon("document"), gettext("muistio")))
    if meeting.attachment_count:
        count = meeting.attachment_count
        text = ngettext("%(counter)s liite", "%(counter)s liitettä", count) % {"counter": count}
        marks.append(("badge text-bg-light border", icon("paperclip"), text))
    return format_html_join("\n", '<span class="{}">{}{}</span>', marks)
