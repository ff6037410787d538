"""What the lists, the calendar and the feeds ask of meetings (``MeetingQuerySet``)."""

import dataclasses
import datetime

from django.contrib.postgres.aggregates import StringAgg
from django.db import models
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum, Value, Window
from django.db.models.functions import MD5, Concat, RowNumber, TruncDate
from django.utils import timezone

from core.i18n import bilingual
from municipalities.models import SERVED_IN_SWEDISH, Municipality
from projects.models import Project
from workshops.models.agenda import ActionItem, AgendaItem
from workshops.models.attachments import Attachment
from workshops.models.choices import (
    MeetingStatus,
    RegistrationStatus,
)
from workshops.models.minutes import MinutesStatus
from workshops.models.registrations import Registration

# Past meetings in an iCalendar feed, besides every upcoming one.
FEED_PAST_MEETINGS = 50
# What an agenda item gives a feed's event (its description lists the titles in order).
AGENDA_FEED_FIELDS = ("meeting_id", "order", "title", "title_sv")
# What a meeting in the calendar grid shows: its page, title, time, status, example marks
# and project (``CalendarMeeting``).
CALENDAR_FIELDS = (
    "pk",
    "title",
    "title_sv",
    "starts_at",
    "status",
    "example_fields",
    "project__name",
    "project__short_name",
)
# What the list beside the calendar grid shows of a meeting and its project (``for_agenda``).
AGENDA_FIELDS = (
    "title",
    "title_sv",
    "starts_at",
    "example_fields",
    "project__name",
    "project__name_sv",
)


def month_limits(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the month and of the month after it, in the current time zone."""
    zone = timezone.get_current_timezone()
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    return (
        datetime.datetime(year, month, 1, tzinfo=zone),
        datetime.datetime(next_year, next_month, 1, tzinfo=zone),
    )


@dataclasses.dataclass(frozen=True)
class CalendarMeeting:
    """A meeting as a day of the calendar grid shows it (``MeetingQuerySet.for_calendar``):
    ``project`` is its project's name as the project's ``str`` gives it, and ``day_count``
    the number of meetings on its day."""

    pk: int
    title: str
    title_sv: str
    starts_at: datetime.datetime
    status: str
    example_fields: tuple[str, ...]
    project: str
    day_count: int

    localized_title = bilingual("title", "title_sv")


REGISTERED_COUNT = Count(
    "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
)


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        """Planned meetings that have not started yet, soonest first."""
        return self.filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()).order_by(
            "starts_at"
        )

    def upcoming_or_latest(self, limit: int) -> tuple[list, bool]:
        """The ``limit`` soonest upcoming meetings, or, when none is upcoming, the ``limit``
        latest ones (newest first), with their project; and whether they are upcoming.

        One query, the UNION of both lists: each is read from the start of an index on
        ``starts_at``, not by sorting every meeting.
        """
        now = timezone.now()
        listed = self.select_related("project")
        upcoming = (
            listed.filter(status=MeetingStatus.PLANNED, starts_at__gte=now)
            .annotate(is_upcoming=Value(True, output_field=models.BooleanField()))
            .order_by("starts_at", "pk")[:limit]
        )
        latest = listed.annotate(
            is_upcoming=Value(False, output_field=models.BooleanField())
        ).order_by("-starts_at", "pk")[:limit]
        rows = list(upcoming.union(latest, all=True))
        soonest = sorted(
            (row for row in rows if row.is_upcoming), key=lambda r: (r.starts_at, r.pk)
        )
        if soonest:
            return soonest, True
        newest = sorted(rows, key=lambda row: (-row.starts_at.timestamp(), row.pk))
        return newest, False

    def for_agenda(self):
        """Meetings with only what the calendar's list of upcoming or latest meetings shows
        (``AGENDA_FIELDS``): ``upcoming_or_latest`` writes its columns twice, and every column
        of a meeting and its project cost that 2 ms more than these."""
        return self.only(*AGENDA_FIELDS)

    def with_registration_count(self):
        """Meetings with ``registration_count``, the number of registrations holding a seat
        (neither waiting nor cancelled)."""
        return self.annotate(registration_count=REGISTERED_COUNT)

    def short_of_registrations(self):
        """Planned meetings whose deadline has passed with fewer registrations than their
        minimum and whose coordinators have not been told yet."""
        return (
            self.filter(
                status=MeetingStatus.PLANNED,
                min_registrations__isnull=False,
                registration_deadline__lte=timezone.now(),
                starts_at__gt=timezone.now(),
                low_registrations_notified_at__isnull=True,
            )
            .with_registration_count()
            .filter(registration_count__lt=F("min_registrations"))
            .select_related("project")
        )

    def flagged_short_of_registrations(self, projects):
        """Planned, coming meetings of ``projects`` flagged for too few registrations."""
        return (
            self.filter(
                project__in=projects,
                status=MeetingStatus.PLANNED,
                starts_at__gt=timezone.now(),
                low_registrations_notified_at__isnull=False,
            )
            .with_registration_count()
            .select_related("project")
            .order_by("starts_at", "pk")
        )

    def calendar_bounds(self, first: datetime.datetime, following: datetime.datetime) -> dict:
        """For a month from ``first`` up to ``following``: how many meetings it has, the start
        of the latest meeting before it and of the earliest after it (None when there is
        none), and of the first and last meetings of all (one query).

        Each figure is a subquery of its own that reads a range or an end of the index on
        ``starts_at``; one aggregate over the meetings would read every one of them.
        """

        def start(queryset, order: str) -> models.Subquery:
            return models.Subquery(queryset.order_by(order).values("starts_at")[:1])

        meetings = self.order_by()
        in_month = meetings.filter(starts_at__gte=first, starts_at__lt=following)
        figures = {
            # COUNT as a plain function, not an aggregate: no GROUP BY, one row.
            "month_count": models.Subquery(
                in_month.annotate(count=models.Func(F("pk"), function="COUNT")).values("count")
            ),
            "previous_start": start(meetings.filter(starts_at__lt=first), "-starts_at"),
            "next_start": start(meetings.filter(starts_at__gte=following), "starts_at"),
            "first_start": start(meetings, "starts_at"),
            "last_start": start(meetings, "-starts_at"),
        }
        # Any one row to hang the subqueries on; without meetings at all there is none.
        rows = self.model.objects.order_by().annotate(**figures).values(*figures)[:1]
        found = next(iter(rows), dict.fromkeys(figures))
        return found | {"month_count": found["month_count"] or 0}

    def with_material(self, visible_attachments: Q):
        """Meetings with ``has_published_minutes`` and ``attachment_count``, the number of
        their attachments matching ``visible_attachments`` (the caller's access rule)."""
        attachments = (
            Attachment.objects.filter(visible_attachments, meeting=OuterRef("pk"))
            .order_by()
            .values("meeting")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            # A join of the one-to-one minutes, not EXISTS: for EXISTS over many rows the
            # planner hashes every approved minutes even when a LIMIT keeps ten meetings.
            has_published_minutes=models.Case(
                models.When(minutes__status=MinutesStatus.APPROVED, then=True),
                default=False,
                output_field=models.BooleanField(),
            ),
            attachment_count=models.functions.Coalesce(
                models.Subquery(attachments, output_field=models.IntegerField()), 0
            ),
        )

    def newest_first(self):
        """Meetings newest first, the order of the meeting list (an index serves it)."""
        return self.order_by("-starts_at", "pk")

    def for_list_page(self):
        """Meetings with what a listing row shows, newest first."""
        return self.select_related("project", "working_group", "host_municipality").newest_first()

    def for_calendar(self, per_day: int) -> list["CalendarMeeting"]:
        """What a calendar's days show of these meetings, in the order they fill a day: at
        most ``per_day`` of each day (in the current time zone), each with ``day_count``, the
        number of its day's meetings; a month's grid stays the same size however busy.

        Two queries: the keys and day counts ranked in the database, then those rows (the
        ranking over every column of the meeting and its project costs Django 12 ms to
        write). Plain values, not model instances: a busy month shows 93 meetings, and
        building each with its project cost more than the rest of their reading.
        """
        day = TruncDate("starts_at")
        shown = dict(
            self.annotate(
                day_rank=Window(
                    RowNumber(), partition_by=[day], order_by=[F("starts_at"), F("pk")]
                ),
                day_count=Window(Count("pk"), partition_by=[day]),
            )
            .filter(day_rank__lte=per_day)
            .values_list("pk", "day_count")
        )
        rows = (
            self.model.objects.filter(pk__in=shown)
            .order_by("starts_at", "pk")
            .values_list(*CALENDAR_FIELDS)
        )
        return [
            CalendarMeeting(
                pk=pk,
                title=title,
                title_sv=title_sv,
                starts_at=starts_at,
                status=status,
                example_fields=tuple(example_fields),
                project=Project.label_of(name=project_name, short_name=project_short_name),
                day_count=shown[pk],
            )
            for (
                pk,
                title,
                title_sv,
                starts_at,
                status,
                example_fields,
                project_name,
                project_short_name,
            ) in rows
        ]

    def for_feed(self):
        """The meetings of an iCalendar feed, with what an event shows, oldest first: every
        one still to start and the ``FEED_PAST_MEETINGS`` latest of those that have.

        A feed is polled again and again by calendar programs; years of past meetings
        would make each poll heavier as the programme goes on.
        """
        now = timezone.now()
        latest_past = (self.filter(starts_at__lt=now).order_by("-starts_at", "-pk").values("pk"))[
            :FEED_PAST_MEETINGS
        ]
        return (
            self.filter(Q(starts_at__gte=now) | Q(pk__in=latest_past))
            .select_related("host_municipality")
            .prefetch_related("agenda_items")
            .order_by("starts_at", "pk")
        )

    def feed_fingerprint(self) -> str:
        """What changes whenever a feed of these meetings of one project does (two queries):
        their number, latest key and versions and their project's version (its name), which
        every edit moves on (``core.versioning``), and a digest of their agenda items, which
        the events' descriptions hold and which have no version of their own."""
        feed = self.for_feed()
        figures = feed.aggregate(
            count=Count("pk"),
            last=Max("pk"),
            versions=Sum("version"),
            project_version=Max("project__version"),
        )
        agenda = AgendaItem.objects.filter(meeting__in=feed.values("pk")).aggregate(
            digest=MD5(
                StringAgg(
                    Concat(
                        *(part for name in AGENDA_FEED_FIELDS for part in (F(name), Value("\x1f"))),
                        output_field=models.TextField(),
                    ),
                    delimiter="|",
                    order_by="pk",
                )
            )
        )
        return "{count}-{last}-{versions}-{project_version}-".format(**figures) + (
            agenda["digest"] or ""
        )

    def for_detail_page(self, user, *, visible_attachments: Q):
        """Meetings with everything the detail page shows to ``user``.

        The attachments matching ``visible_attachments`` (the caller's access rule) are in
        ``visible_attachments``; ``registration_count`` counts the registrations holding a
        seat, and ``is_registered`` tells whether ``user`` has an active registration.
        """
        if user.is_authenticated:
            registered = Exists(
                Registration.objects.active().filter(meeting=OuterRef("pk"), user=user)
            )
        else:
            registered = Value(False)
        return (
            self.select_related("project", "working_group", "host_municipality", "minutes")
            .prefetch_related(
                models.Prefetch(
                    "invited_municipalities", queryset=Municipality.objects.order_by("name_fi")
                ),
                "invited_organisations",
                "questions",
                models.Prefetch(
                    "attachments",
                    queryset=Attachment.objects.filter(visible_attachments),
                    to_attr="visible_attachments",
                ),
                models.Prefetch(
                    "agenda_items",
                    queryset=AgendaItem.objects.prefetch_related(
                        models.Prefetch("action_items", queryset=ActionItem.objects.order_by("pk"))
                    ),
                ),
            )
            .annotate(registration_count=REGISTERED_COUNT, is_registered=registered)
        )

    def for_documents(self, *, visible_attachments: Q):
        """Meetings with what their PDF shows: project, group, host, minutes, and the
        attachments matching ``visible_attachments`` in ``visible_attachments``; oldest
        first."""
        return (
            self.select_related("project", "working_group", "host_municipality", "minutes")
            .prefetch_related(
                models.Prefetch(
                    "agenda_items",
                    queryset=AgendaItem.objects.prefetch_related("action_items"),
                ),
                "minutes__corrections",
                models.Prefetch(
                    "attachments",
                    queryset=Attachment.objects.filter(visible_attachments),
                    to_attr="visible_attachments",
                ),
            )
            .order_by("starts_at", "pk")
        )

    def matching(
        self,
        *,
        project=None,
        working_group=None,
        kind: str = "",
        municipality=None,
        year: int | None = None,
        day: datetime.date | None = None,
        status: str = "",
    ):
        """Meetings that match every filter given; a municipality matches as host or invitee."""
        meetings = self
        if project is not None:
            meetings = meetings.filter(project=project)
        if working_group is not None:
            meetings = meetings.filter(working_group=working_group)
        if kind:
            meetings = meetings.filter(kind=kind)
        if status:
            meetings = meetings.filter(status=status)
        if year is not None:
            meetings = meetings.filter(starts_at__year=year)
        if day is not None:
            start = datetime.datetime.combine(day, datetime.time(), timezone.get_current_timezone())
            meetings = meetings.filter(
                starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1)
            )
        if municipality is not None:
            # The keys of its hosted and its invited meetings, each read from its index: the
            # meetings scanned grow with the municipality's own, not with all meetings (a
            # join would also repeat rows; host OR EXISTS reads the whole table).
            hosted = self.model.objects.filter(host_municipality=municipality).values("pk")
            invited = self.model.invited_municipalities.through.objects.filter(
                municipality=municipality
            ).values("meeting_id")
            meetings = meetings.filter(pk__in=hosted.union(invited))
        return meetings

    def to_prepare_in_swedish(self):
        """Meetings whose texts can still be written in Swedish for the municipalities served in
        Swedish (``SERVED_IN_SWEDISH``) that they invite or that host them: planned ones still
        to come and those whose minutes are not approved yet, soonest first. With what the
        Swedish-gap list reads (``workshops.swedish``): the agenda items, the public
        attachments, the minutes and those municipalities invited, in ``swedish_invitees``."""
        invited = self.model.invited_municipalities.through.objects.filter(
            meeting=OuterRef("pk"), municipality__language_status__in=SERVED_IN_SWEDISH
        )
        still_open = Q(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()) | Q(
            minutes__status__in=[MinutesStatus.DRAFT, MinutesStatus.CIRCULATED]
        )
        return (
            self.exclude(status=MeetingStatus.CANCELLED)
            .exclude(minutes__status=MinutesStatus.APPROVED)
            .filter(still_open)
            .filter(Q(host_municipality__language_status__in=SERVED_IN_SWEDISH) | Exists(invited))
            .select_related("project", "host_municipality", "minutes")
            .prefetch_related(
                models.Prefetch(
                    "invited_municipalities",
                    queryset=Municipality.objects.served_in_swedish().order_by("name_fi"),
                    to_attr="swedish_invitees",
                ),
                "agenda_items",
                models.Prefetch(
                    "attachments",
                    queryset=Attachment.objects.filter(restriction=""),
                    to_attr="public_attachments",
                ),
            )
            .order_by("starts_at", "pk")
        )

    def in_month(self, year: int, month: int):
        """Meetings starting in the given month of the current time zone."""
        first, following = month_limits(year, month)
        return self.filter(starts_at__gte=first, starts_at__lt=following)
