"""The public meeting pages: list, month calendar, detail and registration."""

import calendar
import dataclasses
import datetime
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from core.exports import Table
from core.page_cache import VisitorPageCacheMixin, kept_fragment
from core.pagination import KeptCountPaginator, detailed_rows, query_key
from notifications.views import FollowButtonMixin
from projects.permissions import can_coordinate, editable_projects
from workshops.columns import MEETING_COLUMNS, registration_columns
from workshops.forms import CalendarFilterForm, RegistrationForm
from workshops.history import meeting_history
from workshops.models import (
    REGISTRATION_GENERATION,
    ActionItem,
    CalendarMeeting,
    Meeting,
    Registration,
    RegistrationStatus,
    WorkingGroup,
    month_limits,
)
from workshops.permissions import (
    attachment_audience,
    can_manage_meeting,
    can_manage_working_group,
    can_view_meeting_history,
    can_view_member_names,
    can_view_minutes,
    can_view_registrations,
    can_view_unapproved_action_items,
    registration_is_open,
    visible_attachments_filter,
)
from workshops.services import registration_create
from workshops.views.minutes import corrections_of
from workshops.views.mixins import MeetingFilterMixin, add_service_error, registrations_of

# (short, full) names, Monday first as in Finland.
WEEKDAYS = [
    (gettext_lazy("ma"), gettext_lazy("maanantai")),
    (gettext_lazy("ti"), gettext_lazy("tiistai")),
    (gettext_lazy("ke"), gettext_lazy("keskiviikko")),
    (gettext_lazy("to"), gettext_lazy("torstai")),
    (gettext_lazy("pe"), gettext_lazy("perjantai")),
    (gettext_lazy("la"), gettext_lazy("lauantai")),
    (gettext_lazy("su"), gettext_lazy("sunnuntai")),
]
CALENDAR_YEARS = range(1900, 2101)
# Meetings listed beside the calendar grid.
AGENDA_LENGTH = 10
# Meetings a day of the grid shows; a link leads to the rest in the meeting list.
CALENDAR_DAY_MEETINGS = 3


class MeetingListView(VisitorPageCacheMixin, MeetingFilterMixin, ListView):
    page_changes_with_time = False
    template_name = "workshops/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 25
    paginator_class = KeptCountPaginator

    def get_queryset(self):
        return self.filtered_meetings().newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        user = self.request.user

        def render_table() -> str:
            detailed = Meeting.objects.for_list_page().with_material(
                visible_attachments_filter(user)
            )
            # Rendered afresh, the page's rows are in the context as well (tests read them).
            page.object_list = context["meetings"] = detailed_rows(page, detailed)
            table = Table(MEETING_COLUMNS, page.object_list, row_header=1)
            return render_to_string("workshops/partials/meeting_table.html", {"table": table})

        # The rows are the same for everyone who sees the same attachments: kept until the
        # next change under the page's query (its filters and place in the list).
        context["meeting_table"] = kept_fragment(
            f"meeting_table:{attachment_audience(user)}:{query_key(page.object_list)}",
            render_table,
        )
        context["new_meeting_projects"] = (
            list(editable_projects(user)) if can_coordinate(user) else []
        )
        return context


@dataclasses.dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    meetings: list[CalendarMeeting]

    @property
    def more(self) -> int:
        """How many of the day's meetings the grid leaves out."""
        return self.meetings[0].day_count - len(self.meetings) if self.meetings else 0


class MeetingCalendarView(VisitorPageCacheMixin, MeetingFilterMixin, TemplateView):
    """One month of meetings in a grid of weeks, with a list of the upcoming (or, when none
    is upcoming, the latest) meetings beside it.

    Without a year and month it opens on the current month, or, when that month has no
    meetings, on the month of the nearest upcoming meeting (else the latest one). A month and
    year chosen in the page's form (``?year=2018&month=3``) lead to that month's address;
    "previous/next with meetings" skip the empty months in between.
    """

    template_name = "workshops/meeting_calendar.html"
    filter_form_class = CalendarFilterForm

    def get(self, request, *args, **kwargs):
        chosen = self.chosen_month()
        if chosen is not None:
            return self.redirect_to_month(*chosen)
        if "year" not in kwargs:
            today = timezone.localdate()
            nearest = self.nearest_month_with_meetings(today.year, today.month)
            if nearest is not None:
                return self.redirect_to_month(*nearest)
        return super().get(request, *args, **kwargs)

    def chosen_month(self) -> tuple[int, int] | None:
        """The month and year chosen in the jump form, if both are valid."""
        try:
            year, month = int(self.request.GET["year"]), int(self.request.GET["month"])
        except (KeyError, ValueError):
            return None
        return (year, month) if year in CALENDAR_YEARS and 1 <= month <= 12 else None

    def redirect_to_month(self, year: int, month: int):
        """To the month's own address, keeping the filters."""
        filters = self.request.GET.copy()
        for name in ("year", "month"):
            filters.pop(name, None)
        url = reverse("workshops:calendar", args=[year, month])
        return redirect(f"{url}?{filters.urlencode()}" if filters else url)

    def nearest_month_with_meetings(self, year: int, month: int) -> tuple[int, int] | None:
        """The month of the nearest meeting after (else before) an empty month; None when the
        month has meetings or there are none at all."""
        bounds = self.filtered_meetings().calendar_bounds(*month_limits(year, month))
        if bounds["month_count"]:
            return None
        nearest = bounds["next_start"] or bounds["previous_start"]
        return None if nearest is None else local_month(nearest)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        year = self.kwargs.get("year", today.year)
        month = self.kwargs.get("month", today.month)
        if year not in CALENDAR_YEARS or not 1 <= month <= 12:
            raise Http404
        context = super().get_context_data(month_start=datetime.date(year, month, 1), **kwargs)
        # The month is the same for everyone: kept until the next change under its address
        # (the filters and the month) and the minute, as its agenda lists what is upcoming.
        now = timezone.now().replace(second=0, microsecond=0)
        context["calendar"] = kept_fragment(
            f"calendar:{self.request.get_full_path()}:{now.isoformat()}",
            lambda: render_to_string(
                "workshops/partials/calendar_month.html",
                self.month_context(year, month, today),
                request=self.request,
            ),
        )
        return context

    def month_context(self, year: int, month: int, today: datetime.date) -> dict:
        """The grid of the month, its navigation and the agenda beside it."""
        meetings = self.filtered_meetings()
        zone = timezone.get_current_timezone()
        by_day = defaultdict(list)
        for meeting in meetings.in_month(year, month).for_calendar(CALENDAR_DAY_MEETINGS):
            by_day[meeting.starts_at.astimezone(zone).date()].append(meeting)
        weeks = [
            [
                CalendarDay(day, day.month == month, day == today, by_day.get(day, []))
                for day in week
            ]
            for week in calendar.Calendar().monthdatescalendar(year, month)
        ]
        previous = (year - 1, 12) if month == 1 else (year, month - 1)
        following = (year + 1, 1) if month == 12 else (year, month + 1)
        bounds = meetings.calendar_bounds(*month_limits(year, month))
        years = {year, today.year}
        for start in (bounds["first_start"], bounds["last_start"]):
            if start is not None:
                years.add(local_month(start)[0])
        agenda, agenda_is_upcoming = meetings.for_agenda().upcoming_or_latest(AGENDA_LENGTH)
        return {
            "month_start": datetime.date(year, month, 1),
            "weeks": weeks,
            "weekdays": WEEKDAYS,
            "previous_month": previous if previous[0] in CALENDAR_YEARS else None,
            "next_month": following if following[0] in CALENDAR_YEARS else None,
            "previous_with_meetings": bounds["previous_start"]
            and local_month(bounds["previous_start"]),
            "next_with_meetings": bounds["next_start"] and local_month(bounds["next_start"]),
            "month_choices": list(MONTHS.items()),
            "year_choices": range(min(years), max(years) + 1),
            "agenda": agenda,
            "agenda_is_upcoming": agenda_is_upcoming,
        }


def local_month(moment: datetime.datetime) -> tuple[int, int]:
    """The year and month of ``moment`` in the current time zone."""
    day = timezone.localdate(moment)
    return day.year, day.month


class WorkingGroupDetailView(VisitorPageCacheMixin, FollowButtonMixin, DetailView):
    """A working group: its project, area and chairs, and all its meetings with their minutes
    and attachments marked."""

    page_changes_with_time = False
    template_name = "workshops/working_group_detail.html"
    context_object_name = "working_group"
    queryset = WorkingGroup.objects.for_detail_page()

    def get_context_data(self, **kwargs):
        user = self.request.user
        visible = visible_attachments_filter(user)
        meetings = self.object.meetings.for_list_page().with_material(visible)
        members = list(self.object.members.all())
        return super().get_context_data(
            meetings=list(meetings),
            members=members,
            represented=sorted({str(m.represents) for m in members if m.represents}),
            show_member_names=can_view_member_names(user),
            open_action_items=visible_action_items(
                ActionItem.objects.open_of_working_group(self.object), user, self.object.project
            ),
            can_manage=can_manage_working_group(user, self.object),
            **kwargs,
        )


def visible_action_items(action_items, user, project) -> list[ActionItem]:
    """``action_items`` that ``user`` may see: of approved minutes, or all to coordinators."""
    if not can_view_unapproved_action_items(user, project):
        action_items = action_items.of_approved_minutes()
    return list(action_items)


class MeetingDetailView(VisitorPageCacheMixin, DetailView):
    template_name = "workshops/meeting_detail.html"
    context_object_name = "meeting"
    # The page counts the registrations.
    page_generations = (REGISTRATION_GENERATION,)

    def get_queryset(self):
        user = self.request.user
        return Meeting.objects.for_detail_page(
            user, visible_attachments=visible_attachments_filter(user)
        )

    def get_context_data(self, **kwargs):
        user, meeting = self.request.user, self.object
        minutes = getattr(meeting, "minutes", None)
        questions = meeting.questions.all()
        if minutes is not None and not can_view_minutes(user, minutes):
            minutes = None
        if "registration_form" not in kwargs:
            kwargs["registration_form"] = (
                RegistrationForm(user=user, questions=questions)
                if registration_is_open(meeting) and not meeting.is_registered
                else None
            )
        return super().get_context_data(
            minutes=minutes,
            corrections=corrections_of(minutes),
            carried_action_items=visible_action_items(
                ActionItem.objects.carried_to(meeting), user, meeting.project
            ),
            can_manage=can_manage_meeting(user, meeting),
            registrations=(
                Table(registration_columns(questions), registrations_of(meeting))
                if can_view_registrations(user, meeting)
                else None
            ),
            registration_open=registration_is_open(meeting),
            is_full=meeting.capacity is not None and meeting.registration_count >= meeting.capacity,
            history=meeting_history(meeting) if can_view_meeting_history(user, meeting) else None,
            **kwargs,
        )


class MeetingRegisterView(MeetingDetailView):
    """Register, with or without an account; a refusal is shown on the meeting page with the
    form. A logged-in user's registration is linked to their account."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = meeting = self.get_object()
        form = RegistrationForm(request.POST, user=request.user, questions=meeting.questions.all())
        if form.is_valid():
            try:
                registration = registration_create(
                    meeting=meeting,
                    user=request.user if request.user.is_authenticated else None,
                    language=get_language(),
                    **form.registration_data(),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, registration_message(registration))
                return redirect("workshops:meeting_detail", pk=meeting.pk)
        return self.render_to_response(self.get_context_data(registration_form=form))


def registration_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.WAITING:
        return _("Tilaisuus on täynnä, joten olet jonossa. Saat sähköpostia, jos paikka vapautuu.")
    return _(
        "Ilmoittautumisesi on vastaanotettu. Vahvistus ja oma linkkisi ovat tulossa sähköpostiisi."
    )
