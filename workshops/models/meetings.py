"""A meeting of a project: a working group's, a regional workshop, a seminar."""

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.examples import ExampleValuesField, example_fields_valid
from core.i18n import bilingual
from core.search import search_vector_field, trigram_index
from municipalities.models import Municipality, Organisation
from projects.models import Project
from workshops.models.choices import (
    MeetingExample,
    MeetingKind,
    MeetingStatus,
)
from workshops.models.groups import WorkingGroup
from workshops.models.meeting_queries import MeetingQuerySet


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
            # The admin's search (core.admin.LargeTableMixin).
            trigram_index("title", name="meeting_title_trigrams"),
            trigram_index("title_sv", name="meeting_title_sv_trigrams"),
            trigram_index("theme", name="meeting_theme_trigrams"),
            trigram_index("place", name="meeting_place_trigrams"),
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
