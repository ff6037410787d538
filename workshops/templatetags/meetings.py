"""How a meeting is shown wherever it appears: ``{% load meetings %}``.

Tags in Python rather than included templates: a list shows these for each of its rows, and
an included template costs a list of 25 meetings several milliseconds."""

import datetime

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from core.i18n import choice_label
from core.templatetags.examples import example_mark
from core.templatetags.icons import icon
from core.templatetags.languages import localized
from workshops.models import Meeting, MeetingStatus

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


# A number found nowhere else in a meeting page's address: the address is reversed once with
# it, and each meeting's key put in its place (``CalendarEntries.detail_url``).
KEY_PLACEHOLDER = 918273645


class CalendarEntries:
    """Meetings as the calendar page shows them, with what they share worked out once: the
    time zone, the address of a detail page, the texts, and each clock time, title and example
    mark already met. A month's grid holds up to 93 meetings (``CALENDAR_DAY_MEETINGS`` a
    day): a ``reverse``, a time format and a title marked with its language for each of them,
    and a template's nodes around them, made its render grow with the meetings shown.

    The pieces are escaped as they are made, so that an entry is joined as plain text."""

    def __init__(self):
        self.zone = timezone.get_current_timezone()
        before, after = reverse("workshops:meeting_detail", args=[KEY_PLACEHOLDER]).split(
            str(KEY_PLACEHOLDER)
        )
        before, after = escape(before), escape(after)
        self.detail_url = lambda pk: f"{before}{int(pk)}{after}"
        self.cancelled = gettext("peruttu")
        self.clock_times: dict[datetime.time, str] = {}
        self.titles: dict[tuple[str, str, bool], str] = {}
        self.marks: dict[tuple[str, ...], str] = {}

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        return moment.astimezone(self.zone)

    def clock_time(self, local: datetime.datetime) -> str:
        """The time of day of ``local`` ("9.00"), escaped; the format reads only the clock."""
        clock = local.time()
        if clock not in self.clock_times:
            self.clock_times[clock] = escape(formats.time_format(local, "TIME_FORMAT"))
        return self.clock_times[clock]

    def title(self, meeting) -> str:
        """The meeting's title in the user's language (``localized``), struck through and
        said to be cancelled when it is."""
        key = (meeting.title, meeting.title_sv, meeting.status == MeetingStatus.CANCELLED)
        if key not in self.titles:
            title = localized(meeting.localized_title)
            if key[2]:
                self.titles[key] = format_html("<s>{}</s> ({})", title, self.cancelled)
            else:
                self.titles[key] = format_html("<span>{}</span>", title)
        return self.titles[key]

    def mark(self, meeting) -> str:
        """The example mark of the meeting's date or time (``example_mark``)."""
        key = tuple(meeting.example_fields or ())
        if not key:
            return ""
        if key not in self.marks:
            # A calendar's meeting is plain values (``CalendarMeeting``): a meeting with the
            # same examples stands in for it.
            self.marks[key] = example_mark(Meeting(example_fields=list(key)), "date", "time")
        return self.marks[key]

    def entry(self, meeting) -> str:
        """A meeting in a day of the grid (``CalendarMeeting``), escaped: its time and title
        linked, and its project."""
        return (
            f'<a href="{self.detail_url(meeting.pk)}">'
            f"{self.clock_time(self.local(meeting.starts_at))} {self.title(meeting)}</a>"
            f"{self.mark(meeting)}"
            f'<span class="d-block text-body-secondary">{escape(meeting.project)}</span>'
        )

    def agenda_item(self, meeting) -> str:
        """A meeting in the list beside the grid: its date and time, its title linked and
        its project."""
        starts = self.local(meeting.starts_at)
        return format_html(
            '<time datetime="{}">{} {}</time>{}\n<a href="{}">{}</a>\n'
            '<span class="d-block small text-body-secondary">{}</span>',
            starts.isoformat(),
            formats.date_format(starts, "SHORT_DATE_FORMAT"),
            mark_safe(self.clock_time(starts)),  # noqa: S308 - escaped by clock_time
            self.mark(meeting),
            mark_safe(self.detail_url(meeting.pk)),  # noqa: S308 - escaped by detail_url
            localized(meeting.localized_title),
            meeting.project.localized_name,
        )


def calendar_day(day, entries: CalendarEntries, more_link) -> str:
    """A day of the grid (``CalendarDay``) as a table cell, escaped: its date, its meetings
    and ``more_link(day)`` when the grid leaves some out."""
    listed = ""
    if day.meetings:
        items = "".join(
            f'<li class="mb-1">{entries.entry(meeting)}</li>' for meeting in day.meetings
        )
        listed = f'<ul class="list-unstyled small mb-0">{items}</ul>'
        if day.more:
            listed += more_link(day)
    if day.is_today:
        emphasis = "fw-bold text-primary-emphasis"
    else:
        emphasis = "" if day.in_month else "text-body-secondary"
    if day.in_month:
        shade, shown = "", day.date.day
    else:
        shade = " bg-body-tertiary"
        shown = escape(formats.date_format(day.date, "SHORT_DATE_FORMAT"))
    current = ' aria-current="date"' if day.is_today else ""
    return (
        f'<td class="align-top{shade}"{current}><div class="{emphasis}">'
        f'<time datetime="{day.date.isoformat()}">{shown}</time></div>{listed}</td>'
    )


@register.simple_tag
def calendar_weeks(weeks, filters: QueryDict) -> str:
    """The weeks of a month's grid as table rows of its days (``calendar_day``): each day's
    date, its meetings (``CalendarEntries.entry``) and, when the grid leaves some out, a link
    to all of the day's meetings in the meeting list with the page's ``filters`` kept.

    One tag for the month, not a template's loops: its days and their meetings would render
    some twenty template nodes each."""
    entries = CalendarEntries()
    # The day's own meeting list keeps the page's filters; the calendar has no day filter
    # of its own, so a day in its address is dropped.
    others = filters.copy()
    others.pop("day", None)
    query = others.urlencode()
    day_list = escape(reverse("workshops:meeting_list") + (f"?{query}&day=" if query else "?day="))
    more_texts: dict[int, str] = {}

    def more_link(day) -> str:
        if day.more not in more_texts:
            text = ngettext("+ %(counter)s muu kokous", "+ %(counter)s muuta kokousta", day.more)
            more_texts[day.more] = escape(text % {"counter": day.more})
        return (
            f'<a class="small" href="{day_list}{day.date.isoformat()}">{more_texts[day.more]}</a>'
        )

    rows = (
        "<tr>{}</tr>".format("".join(calendar_day(day, entries, more_link) for day in week))
        for week in weeks
    )
    return mark_safe("\n".join(rows))  # noqa: S308 - each part is escaped as it is made


@register.simple_tag
def agenda_items(agenda) -> str:
    """The meetings listed beside the calendar grid, as list items
    (``CalendarEntries.agenda_item``)."""
    entries = CalendarEntries()
    return format_html_join(
        "\n",
        '<li class="mb-2">{}</li>',
        ((entries.agenda_item(meeting),) for meeting in agenda),
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
