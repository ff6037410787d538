import datetime
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, Sum, Value, Window
from django.db.models.functions import MD5, Concat, Lower, RowNumber, TruncDate
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.examples import ExampleValuesField, example_fields_valid
from core.i18n import bilingual
from core.search import search_vector_field
from municipalities.models import SERVED_IN_SWEDISH, Municipality, Organisation
from projects.models import DevelopmentArea, Project


class WorkingGroupQuerySet(models.QuerySet):
    def for_detail_page(self):
        """Working groups with their project, development area and chair municipalities."""
        return self.select_related("project", "development_area").prefetch_related(
            models.Prefetch(
                "chair_links",
                queryset=WorkingGroupChair.objects.select_related("municipality").order_by(
                    "municipality__name_fi"
                ),
            ),
            models.Prefetch(
                "members",
                queryset=WorkingGroupMember.objects.select_related("municipality", "organisation"),
            ),
        )


class WorkingGroup(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="working_groups", verbose_name=_("hanke")
    )
    development_area = models.ForeignKey(
        DevelopmentArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_groups",
        verbose_name=_("kehittämiskokonaisuus"),
    )
    name = models.CharField(_("nimi"), max_length=200)
    description = models.TextField(_("kuvaus"), blank=True)
    chairs = models.ManyToManyField(
        Municipality,
        through="WorkingGroupChair",
        related_name="chaired_working_groups",
        verbose_name=_("puheenjohtajakunnat"),
    )
    history = HistoricalRecords()

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("työryhmä")
        verbose_name_plural = _("työryhmät")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="working_group_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workshops:working_group_detail", args=[self.pk])


class WorkingGroupChair(models.Model):
    """A municipality chairing a working group, optionally for one of its themes."""

    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="chair_links",
        verbose_name=_("työryhmä"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, verbose_name=_("puheenjohtajakunta")
    )
    theme = models.CharField(_("teema"), max_length=300, blank=True)
    contact_email = models.EmailField(_("yhteyshenkilön sähköposti"), blank=True)

    class Meta:
        verbose_name = _("puheenjohtajakunta")
        verbose_name_plural = _("puheenjohtajakunnat")
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "municipality"], name="working_group_chair_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.theme}" if self.theme else str(self.municipality)


class WorkingGroupMemberRole(models.TextChoices):
    MEMBER = "member", _("jäsen")
    SECRETARY = "secretary", _("sihteeri")
    EXPERT = "expert", _("asiantuntija")


class WorkingGroupMember(models.Model):
    """A person in a working group and whom they represent (a municipality or an organisation).

    Their names are shown to logged-in users only; visitors see whom the group brings together.
    """

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("työryhmä")
    )
    name = models.CharField(_("nimi"), max_length=200)
    role = models.CharField(
        _("rooli"),
        max_length=20,
        choices=WorkingGroupMemberRole.choices,
        default=WorkingGroupMemberRole.MEMBER,
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_group_members",
        verbose_name=_("edustaa kuntaa"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_group_members",
        verbose_name=_("edustaa organisaatiota"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("työryhmän jäsen")
        verbose_name_plural = _("työryhmän jäsenet")
        ordering = ["working_group", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "working_group",
                Lower("name"),
                name="working_group_member_unique",
                violation_error_message=_("Tämä henkilö on jo työryhmän jäsen."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=WorkingGroupMemberRole.values),
                name="working_group_member_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) | Q(organisation__isnull=True),
                name="working_group_member_represents_one",
                violation_error_message=_(
                    "Jäsen edustaa joko kuntaa tai organisaatiota, ei molempia."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def represents(self):
        return self.municipality or self.organisation


class MeetingKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("työryhmän kokous")
    REGIONAL_WORKSHOP = "regional_workshop", _("maakunnallinen työpaja")
    LEARNING_NETWORK = "learning_network", _("oppimisverkoston tilaisuus")
    SEMINAR = "seminar", _("seminaari")


class MeetingExample(models.TextChoices):
    """What of a meeting can be an example value (``core.examples``)."""

    DATE = "date", _("päivämäärä ja kellonaika")
    TIME = "time", _("kellonaika")
    INVITED_ORGANISATIONS = "invited_organisations", _("kutsutut organisaatiot")
    CAPACITY = "capacity", _("enimmäismäärä ja ilmoittautuneet")
    AGENDA = "agenda", _("asialista, käsittely ja toimenpiteet")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("suunniteltu")
    HELD = "held", _("pidetty")
    CANCELLED = "cancelled", _("peruttu")


# Past meetings in an iCalendar feed, besides every upcoming one.
FEED_PAST_MEETINGS = 50
# What an agenda item gives a feed's event (its description lists the titles in order).
AGENDA_FEED_FIELDS = ("meeting_id", "order", "title", "title_sv")
# What a meeting in the calendar grid shows: title, time, status, example marks, project.
CALENDAR_FIELDS = (
    "title",
    "title_sv",
    "starts_at",
    "status",
    "example_fields",
    "project__name",
    "project__short_name",
)


def month_limits(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the month and of the month after it, in the current time zone."""
    zone = timezone.get_current_timezone()
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    return (
        datetime.datetime(year, month, 1, tzinfo=zone),
        datetime.datetime(next_year, next_month, 1, tzinfo=zone),
    )


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("ilmoittautunut")
    WAITING = "waiting", _("jonossa")
    CANCELLED = "cancelled", _("peruttu")


# Registrants are reminded of a meeting this long before it starts.
REMINDER_BEFORE = datetime.timedelta(hours=48)

REGISTERED_COUNT = Count(
    "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
)


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        """Planned meetings that have not started yet, soonest first."""
        return self.filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()).order_by(
            "starts_at"
        )

    def upcoming_or_latest(self, limit: int) -> tuple[list["Meeting"], bool]:
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

    def for_calendar(self, per_day: int) -> list["Meeting"]:
        """Meetings with their project in the order they fill a calendar day, at most
        ``per_day`` of each day (in the current time zone), each with ``day_count``, the
        number of its day's meetings: a month's grid stays the same size however busy.

        Two queries: the keys and day counts ranked in the database, then those rows (the
        ranking over every column of the meeting and its project costs Django 12 ms to write).
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
        meetings = list(
            Meeting.objects.filter(pk__in=shown)
            .select_related("project")
            # What a day of the grid shows (``calendar_entry``): a month may list 93.
            .only(*CALENDAR_FIELDS)
            .order_by("starts_at", "pk")
        )
        for meeting in meetings:
            meeting.day_count = shown[meeting.pk]
        return meetings

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
                    ordering="pk",
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
            hosted = Meeting.objects.filter(host_municipality=municipality).values("pk")
            invited = Meeting.invited_municipalities.through.objects.filter(
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
        invited = Meeting.invited_municipalities.through.objects.filter(
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


class Meeting(models.Model):
    """A working-group meeting, regional workshop, learning-network event or seminar."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("hanke")
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("työryhmä"),
    )
    kind = models.CharField(_("tyyppi"), max_length=24, choices=MeetingKind.choices)
    title = models.CharField(_("otsikko"), max_length=300)
    title_sv = models.CharField(_("otsikko ruotsiksi"), max_length=300, blank=True)
    theme = models.CharField(_("teema"), max_length=300, blank=True)
    theme_sv = models.CharField(_("teema ruotsiksi"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("alkaa"))
    ends_at = models.DateTimeField(_("päättyy"))
    host_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("isäntäkunta"),
    )
    place = models.CharField(_("paikka"), max_length=300, blank=True)
    online_url = models.URLField(
        _("etäyhteyden osoite"),
        max_length=500,
        blank=True,
        help_text=_("Teams-, Zoom- tai muu linkki, jos kokoukseen voi osallistua etänä."),
    )
    status = models.CharField(
        _("tila"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    cancellation_reason = models.TextField(_("peruutuksen syy"), blank=True)
    invited_municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("kutsutut kunnat"),
    )
    invited_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("kutsutut organisaatiot"),
    )
    capacity = models.PositiveIntegerField(_("enimmäismäärä"), null=True, blank=True)
    min_registrations = models.PositiveIntegerField(
        _("vähimmäisosallistujamäärä"), null=True, blank=True
    )
    registration_deadline = models.DateTimeField(
        _("ilmoittautuminen päättyy"), null=True, blank=True
    )
    # When the coordinators were told that the deadline passed with too few registrations.
    low_registrations_notified_at = models.DateTimeField(
        _("vähäisistä ilmoittautumisista ilmoitettu"), null=True, blank=True, editable=False
    )
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=MeetingExample.choices)
    )
    version = models.PositiveIntegerField(_("versio"), default=1, editable=False)
    search_vector = search_vector_field(
        title="A", theme="B", place="C", swedish={"title_sv": "A", "theme_sv": "B"}
    )
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = MeetingQuerySet.as_manager()

    localized_title = bilingual("title", "title_sv")
    localized_theme = bilingual("theme", "theme_sv")

    # The model fields that hold each example value (``core.examples.unmark``).
    EXAMPLE_VALUE_FIELDS = {
        MeetingExample.DATE: ("starts_at", "ends_at"),
        MeetingExample.TIME: ("starts_at", "ends_at"),
    }

    class Meta:
        verbose_name = _("kokous tai työpaja")
        verbose_name_plural = _("kokoukset ja työpajat")
        ordering = ["-starts_at"]
        indexes = [
            GinIndex(fields=["search_vector"], name="meeting_search"),
            # The orders of the meeting list (newest first), of a project's and a working
            # group's meetings and of the calendar and feeds (a range of starts_at).
            models.Index(F("starts_at").desc(), "id", name="meeting_list_order"),
            models.Index("project", F("starts_at").desc(), "id", name="meeting_project_order"),
            models.Index("working_group", F("starts_at").desc(), "id", name="meeting_group_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("Tilaisuuden on päätyttävä alkamisensa jälkeen."),
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.CANCELLED) | ~Q(cancellation_reason=""),
                name="meeting_cancellation_has_reason",
                violation_error_message=_("Kerro peruutuksen syy."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            example_fields_valid(MeetingExample, name="meeting_example_fields_valid"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="meeting_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True)
                | Q(min_registrations__isnull=True)
                | Q(min_registrations__lte=F("capacity")),
                name="meeting_minimum_within_capacity",
                violation_error_message=_(
                    "Vähimmäisosallistujamäärä ei voi ylittää enimmäismäärää."
                ),
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True)
                | Q(registration_deadline__lte=F("starts_at")),
                name="meeting_deadline_before_start",
                violation_error_message=_(
                    "Ilmoittautumisen on päätyttävä ennen tilaisuuden alkua."
                ),
            ),
        ]

    def __str__(self) -> str:
        starts = formats.date_format(timezone.localtime(self.starts_at), "SHORT_DATE_FORMAT")
        return f"{starts} {self.title}"

    def clean(self):
        if self.working_group_id and self.working_group.project_id != self.project_id:
            raise ValidationError({"working_group": _("Työryhmä kuuluu toiseen hankkeeseen.")})


class OutcomeKind(models.TextChoices):
    DECISION = "decision", _("päätös")
    NOTES = "notes", _("merkittiin tiedoksi")


class AgendaItem(models.Model):
    """One item of a meeting's agenda; the minutes record its outcome."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("kokous")
    )
    order = models.PositiveIntegerField(_("järjestys"), default=0)
    title = models.CharField(_("otsikko"), max_length=300)
    title_sv = models.CharField(_("otsikko ruotsiksi"), max_length=300, blank=True)
    presenter = models.CharField(_("esittelijä"), max_length=200, blank=True)
    description = models.TextField(_("kuvaus"), blank=True)
    description_sv = models.TextField(_("kuvaus ruotsiksi"), blank=True)
    outcome_kind = models.CharField(
        _("käsittelyn tulos"), max_length=16, choices=OutcomeKind.choices, blank=True
    )
    outcome = models.TextField(_("päätös tai muistiinpanot"), blank=True)

    class Meta:
        verbose_name = _("asialistan kohta")
        verbose_name_plural = _("asialistan kohdat")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome_kind__in=["", *OutcomeKind.values]),
                name="agenda_item_outcome_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    localized_title = bilingual("title", "title_sv")
    localized_description = bilingual("description", "description_sv")


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        """Action items not done yet."""
        return self.filter(done_at__isnull=True)

    def with_meeting(self):
        """Action items with their agenda item and meeting, oldest meeting first."""
        return self.select_related("agenda_item__meeting").order_by(
            "agenda_item__meeting__starts_at", "agenda_item__order", "pk"
        )

    def of_approved_minutes(self):
        """Action items whose meeting's minutes are approved (so public)."""
        return self.filter(agenda_item__meeting__minutes__status=MinutesStatus.APPROVED)

    def open_of_working_group(self, working_group):
        """The working group's open action items, oldest meeting first."""
        return self.open().filter(agenda_item__meeting__working_group=working_group).with_meeting()

    def carried_to(self, meeting: Meeting):
        """The open action items of the earlier meetings of ``meeting``'s working group,
        whichever municipality hosted them: they stay on its agenda until done."""
        if meeting.working_group_id is None:
            return self.none()
        return (
            self.open()
            .filter(
                agenda_item__meeting__working_group_id=meeting.working_group_id,
                agenda_item__meeting__starts_at__lt=meeting.starts_at,
            )
            .with_meeting()
        )


class ActionItem(models.Model):
    """Something to do that a meeting agreed on under one agenda item; open until done."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="action_items",
        verbose_name=_("asialistan kohta"),
    )
    what = models.TextField(_("tehtävä"))
    who = models.CharField(_("vastuuhenkilö"), max_length=200, blank=True)
    due_date = models.DateField(_("määräaika"), null=True, blank=True)
    done_at = models.DateTimeField(_("tehty"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("toimenpide")
        verbose_name_plural = _("toimenpiteet")
        ordering = ["agenda_item", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(what=""), name="action_item_has_text"),
        ]

    def __str__(self) -> str:
        return self.what[:80]

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class MinutesQuerySet(models.QuerySet):
    def drafts_of(self, projects):
        """Minutes of meetings of ``projects`` not approved yet, oldest meeting first."""
        return (
            self.exclude(status=MinutesStatus.APPROVED)
            .filter(meeting__project__in=projects)
            .select_related("meeting__project")
            .order_by("meeting__starts_at", "pk")
        )

    def recently_published(self):
        """Approved (so published) minutes, newest approval first, with their meeting and
        project."""
        return (
            self.filter(status=MinutesStatus.APPROVED)
            .select_related("meeting__project", "meeting__working_group")
            .order_by("-published_at")
        )


class MinutesExample(models.TextChoices):
    """What of minutes can be an example value (``core.examples``)."""

    TEXT = "text", _("muistion teksti")
    PUBLISHED_AT = "published_at", _("hyväksymisaika")
    CIRCULATED_AT = "circulated_at", _("kommentoitavaksi lähettämisen aika")
    COMMENTS = "comments", _("kommentit")


class MinutesStatus(models.TextChoices):
    """Minutes are written as a draft, circulated to the participants for comments, and
    approved; approved minutes are public and are corrected only by dated notes."""

    DRAFT = "draft", _("luonnos")
    CIRCULATED = "circulated", _("kommentoitavana")
    APPROVED = "approved", _("hyväksytty")


class Minutes(models.Model):
    """The minutes (muistio) of one meeting; visible to visitors only once approved."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("tilaisuus")
    )
    text = models.TextField(_("muistio"))
    # The same minutes in Swedish for the readers of bilingual municipalities, written while
    # the minutes can still be edited (approved minutes are corrected by notes only).
    text_sv = models.TextField(_("muistio ruotsiksi"), blank=True)
    status = models.CharField(
        _("tila"), max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    circulated_at = models.DateTimeField(_("lähetetty kommentoitavaksi"), null=True, blank=True)
    # The time of approval, which publishes the minutes.
    published_at = models.DateTimeField(_("hyväksytty"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("hyväksyjä"),
    )
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=MinutesExample.choices)
    )
    version = models.PositiveIntegerField(_("versio"), default=1, editable=False)
    search_vector = search_vector_field(text="B", swedish={"text_sv": "B"})
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = MinutesQuerySet.as_manager()

    localized_text = bilingual("text", "text_sv")

    class Meta:
        verbose_name = _("muistio")
        verbose_name_plural = _("muistiot")
        ordering = ["-meeting__starts_at"]
        indexes = [
            GinIndex(fields=["search_vector"], name="minutes_search"),
            # Recently published minutes on the front page.
            models.Index(
                F("published_at").desc(),
                name="minutes_recently_published",
                condition=Q(status=MinutesStatus.APPROVED),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MinutesStatus.values), name="minutes_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=MinutesStatus.APPROVED) | Q(published_at__isnull=False),
                name="minutes_approved_have_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=MinutesStatus.CIRCULATED) | Q(circulated_at__isnull=False),
                name="minutes_circulated_have_time",
            ),
            example_fields_valid(MinutesExample, name="minutes_example_fields_valid"),
        ]

    def __str__(self) -> str:
        return str(_("Muistio: %(meeting)s") % {"meeting": self.meeting})

    @property
    def is_approved(self) -> bool:
        return self.status == MinutesStatus.APPROVED


class MinutesComment(models.Model):
    """A participant's comment on circulated minutes, or the coordinator's reply to one."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="comments", verbose_name=_("muistio")
    )
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("vastaus kommenttiin"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minutes_comments",
        verbose_name=_("käyttäjä"),
    )
    author_name = models.CharField(_("kirjoittaja"), max_length=200)
    author_email = models.EmailField(_("kirjoittajan sähköposti"), blank=True)
    text = models.TextField(_("kommentti"))
    created_at = models.DateTimeField(_("kirjoitettu"), default=timezone.now)

    class Meta:
        verbose_name = _("muistion kommentti")
        verbose_name_plural = _("muistion kommentit")
        ordering = ["minutes", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(author_name="") & ~Q(text=""), name="minutes_comment_has_author_text"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:50]}"


class MinutesCorrection(models.Model):
    """A dated correction to approved minutes, shown with them: approved text is not edited."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("muistio")
    )
    text = models.TextField(_("korjaus"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minutes_corrections",
        verbose_name=_("kirjaaja"),
    )
    created_at = models.DateTimeField(_("kirjattu"), default=timezone.now)

    class Meta:
        verbose_name = _("muistion korjaus")
        verbose_name_plural = _("muistion korjaukset")
        ordering = ["minutes", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="minutes_correction_has_text"),
        ]

    def __str__(self) -> str:
        return self.text[:50]


class AttachmentKind(models.TextChoices):
    MINUTES = "minutes", _("muistio")
    PRESENTATION = "presentation", _("esitys")
    INVITATION = "invitation", _("kutsu")
    OTHER = "other", _("muu")


class AttachmentLanguage(models.TextChoices):
    FINNISH = "fi", _("suomi")
    SWEDISH = "sv", _("ruotsi")
    ENGLISH = "en", _("englanti")


class AttachmentRestriction(models.TextChoices):
    """Why an attachment is open only to the meeting's coordinators; blank: public."""

    PERSONAL_DATA = "personal_data", _("sisältää henkilötietoja")
    UNFINISHED_DRAFT = "unfinished_draft", _("keskeneräinen luonnos")


class TextStatus(models.TextChoices):
    """Where the reading of an attachment's text for the search stands."""

    PENDING = "pending", _("odottaa lukemista")
    INDEXED = "indexed", _("haettavissa")
    # No text in the file (a scanned PDF, a damaged file): kept, found by its title and name.
    UNREADABLE = "unreadable", _("tekstiä ei voitu lukea")
    # Reading kept failing (the stored file could not be opened, ...) after every retry.
    FAILED = "failed", _("lukeminen epäonnistui")
    # Reading went beyond a limit of time, memory or pages: kept, found by its title and name,
    # never read again.
    TOO_COMPLEX = "too_complex", _("tekstiä ei luettu (liian monimutkainen)")


class AttachmentQuerySet(models.QuerySet):
    def awaiting_text(self):
        """Attachments whose text is still to be read: waiting for the worker, or failed (a job
        retried in the admin reads it again)."""
        return self.filter(text_status__in=[TextStatus.PENDING, TextStatus.FAILED])


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A generated storage name; the uploaded name is kept only in ``original_name``."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("tilaisuus")
    )
    title = models.CharField(_("otsikko"), max_length=300)
    title_sv = models.CharField(_("otsikko ruotsiksi"), max_length=300, blank=True)
    file = models.FileField(_("tiedosto"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("alkuperäinen tiedostonimi"), max_length=255, editable=False)
    kind = models.CharField(
        _("tyyppi"), max_length=16, choices=AttachmentKind.choices, default=AttachmentKind.OTHER
    )
    language = models.CharField(
        _("kieli"),
        max_length=2,
        choices=AttachmentLanguage.choices,
        default=AttachmentLanguage.FINNISH,
    )
    restriction = models.CharField(
        _("rajattu"),
        max_length=24,
        choices=AttachmentRestriction.choices,
        blank=True,
        help_text=_("Tyhjänä liite on julkinen; rajatun liitteen syy näytetään muille."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("lataaja"),
    )
    uploaded_at = models.DateTimeField(_("ladattu"), default=timezone.now)
    size = models.PositiveBigIntegerField(_("koko (tavua)"), editable=False)
    content_type = models.CharField(_("sisältötyyppi"), max_length=100, editable=False)
    text = models.TextField(_("tekstisisältö"), blank=True, editable=False)
    text_status = models.CharField(
        _("tekstin tila"),
        max_length=16,
        choices=TextStatus.choices,
        default=TextStatus.PENDING,
        editable=False,
    )
    text_error = models.TextField(_("lukemisen virhe"), blank=True, editable=False)
    search_vector = search_vector_field(
        title="A", original_name="B", text="C", swedish={"title_sv": "A"}
    )
    # The text and its status are the worker's, not anyone's edit.
    history = HistoricalRecords(
        excluded_fields=["search_vector", "text", "text_status", "text_error"]
    )

    objects = AttachmentQuerySet.as_manager()

    localized_title = bilingual("title", "title_sv")

    class Meta:
        verbose_name = _("liite")
        verbose_name_plural = _("liitteet")
        ordering = ["meeting", "uploaded_at", "pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="attachment_search"),
            # The admin's attachment list, newest upload first.
            models.Index(F("uploaded_at").desc(), F("id").desc(), name="attachment_upload_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AttachmentKind.values), name="attachment_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=AttachmentLanguage.values),
                name="attachment_language_valid",
            ),
            models.CheckConstraint(
                condition=Q(text_status__in=TextStatus.values), name="attachment_text_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(restriction__in=["", *AttachmentRestriction.values]),
                name="attachment_restriction_valid",
            ),
            # Only read text is searched, and only a failure has an error.
            models.CheckConstraint(
                condition=Q(text_status=TextStatus.INDEXED) | Q(text=""),
                name="attachment_text_only_when_indexed",
            ),
            models.CheckConstraint(
                condition=(Q(text_status=TextStatus.FAILED) & ~Q(text_error=""))
                | (~Q(text_status=TextStatus.FAILED) & Q(text_error="")),
                name="attachment_error_only_when_failed",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Registrations holding a seat or waiting for one: not cancelled."""
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def waiting_in_order(self):
        """The waitlist in the order of arrival."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")

    def for_coordinator(self):
        """Registrations with what the coordinator's list shows, in the order of arrival."""
        return self.select_related("organisation", "municipality").order_by("created_at", "pk")

    def with_answers(self):
        """``for_coordinator`` with each registration's answers to the meeting's questions as
        the list ``question_answers``. A list, not the related manager's cache, which keeps a
        queryset per registration: an export reading tens of thousands in chunks would hold
        thousands of them at a time."""
        return self.for_coordinator().prefetch_related(
            Prefetch("answers", to_attr="question_answers")
        )

    def counts(self) -> dict:
        """How many are registered, waiting, cancelled and attended (one query)."""
        return self.aggregate(
            registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
            cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
            attended=Count("pk", filter=Q(attended=True)),
        )

    def counts_per_municipality(self) -> list[dict]:
        """The counts of ``counts`` for each municipality (None: no municipality given)."""
        return list(
            self.order_by("municipality__name_fi")
            .values("municipality__name_fi")
            .annotate(
                registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
                waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
                cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
                attended=Count("pk", filter=Q(attended=True)),
            )
        )

    def due_reminder(self):
        """Registrations holding a seat in a planned meeting that starts within
        ``REMINDER_BEFORE`` and whose registrant has not been reminded of this start time."""
        now = timezone.now()
        return self.filter(
            Q(reminded_for_start__isnull=True) | ~Q(reminded_for_start=F("meeting__starts_at")),
            status=RegistrationStatus.REGISTERED,
            meeting__status=MeetingStatus.PLANNED,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + REMINDER_BEFORE,
        )

    def upcoming_of(self, user):
        """``user``'s active registrations to meetings still to come, soonest first."""
        return (
            self.active()
            .filter(
                user=user,
                meeting__status=MeetingStatus.PLANNED,
                meeting__starts_at__gte=timezone.now(),
            )
            .select_related("meeting__project")
            .order_by("meeting__starts_at", "pk")
        )


class Registration(models.Model):
    """One person's registration to a meeting; one per email address per meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("tilaisuus")
    )
    name = models.CharField(_("nimi"), max_length=200)
    email = models.EmailField(_("sähköposti"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("organisaatio"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("kunta"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("käyttäjä"),
    )
    created_at = models.DateTimeField(_("ilmoittautunut"), default=timezone.now)
    status = models.CharField(
        _("tila"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    attended = models.BooleanField(_("osallistui"), default=False)
    # The language of the registrant's e-mails: the one they registered in.
    language = models.CharField(_("kieli"), max_length=10, default="fi")
    # The meeting's start the reminder was sent for: a meeting moved since is reminded again.
    reminded_for_start = models.DateTimeField(
        _("muistutettu alkamisajasta"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords(excluded_fields=["reminded_for_start"])

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("ilmoittautuminen")
        verbose_name_plural = _("ilmoittautumiset")
        ordering = ["meeting", "created_at"]
        constraints = [
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_per_email",
                violation_error_message=_("Tällä sähköpostiosoitteella on jo ilmoittauduttu."),
            ),
            # One account cannot take two seats; others register through the coordinator.
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False) & ~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_per_user",
                violation_error_message=_("Olet jo ilmoittautunut tähän tilaisuuteen."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(attended=False) | Q(status=RegistrationStatus.REGISTERED),
                name="registration_attended_only_registered",
                violation_error_message=_("Vain ilmoittautunut voi olla osallistunut."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.meeting}"


class QuestionKind(models.TextChoices):
    DIETARY = "dietary", _("ruokavalio")
    ACCESSIBILITY = "accessibility", _("esteettömyystarpeet")
    FREE_TEXT = "free_text", _("vapaa teksti")


class RegistrationQuestion(models.Model):
    """A question the coordinator asks everyone who registers to a meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="questions", verbose_name=_("tilaisuus")
    )
    text = models.CharField(_("kysymys"), max_length=300)
    kind = models.CharField(_("laji"), max_length=16, choices=QuestionKind.choices)
    required = models.BooleanField(_("pakollinen"), default=False)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)

    class Meta:
        verbose_name = _("ilmoittautumiskysymys")
        verbose_name_plural = _("ilmoittautumiskysymykset")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="registration_question_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class RegistrationAnswer(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("ilmoittautuminen"),
    )
    question = models.ForeignKey(
        RegistrationQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("kysymys"),
    )
    text = models.TextField(_("vastaus"), blank=True)

    class Meta:
        verbose_name = _("vastaus")
        verbose_name_plural = _("vastaukset")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="registration_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class InvitationStatus(models.TextChoices):
    SENT = "sent", _("lähetetty")
    REGISTERED = "registered", _("ilmoittautunut")
    DECLINED = "declined", _("kieltäytynyt")
    BOUNCED = "bounced", _("palautui")


class InvitationQuerySet(models.QuerySet):
    def for_coordinator(self):
        """Invitations with their invitee, municipalities first, by name."""
        return self.select_related("municipality", "organisation").order_by(
            "municipality__name_fi", "organisation__name", "pk"
        )


class Invitation(models.Model):
    """The sent invitation of one invited municipality or organisation to a meeting, and
    where it stands."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("tilaisuus")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("kunta"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organisaatio"),
    )
    status = models.CharField(
        _("tila"), max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.SENT
    )
    # Where the invitation went, one address a line; empty when the invitee has none.
    addresses = models.TextField(_("osoitteet"), blank=True)
    sent_at = models.DateTimeField(_("lähetetty"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kutsu")
        verbose_name_plural = _("kutsut")
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) ^ Q(organisation__isnull=True),
                name="invitation_one_invitee",
            ),
            models.UniqueConstraint(
                fields=["meeting", "municipality"], name="invitation_municipality_once"
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="invitation_organisation_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=InvitationStatus.values), name="invitation_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality or self.organisation)

    @property
    def invitee(self):
        return self.municipality or self.organisation
