"""A regional project of the programme."""

from decimal import Decimal

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.examples import ExampleValuesField, example_fields_valid
from core.i18n import in_user_language
from core.money import MoneyField, non_negative
from core.search import search_vector_field
from municipalities.models import Consortium, Municipality, Organisation, Region
from projects.models.areas import DevelopmentArea
from projects.models.choices import ProjectStatus
from projects.models.project_queries import ProjectQuerySet


class ProjectExample(models.TextChoices):
    """What of a project can be an example value (``core.examples``)."""

    NAME_SV = "name_sv", _("nimi ruotsiksi")
    DESCRIPTION_SV = "description_sv", _("kuvaus ruotsiksi")
    START_DATE = "start_date", _("alkamispäivä")
    END_DATE = "end_date", _("päättymispäivä")


class Project(models.Model):
    name = models.CharField(_("nimi"), max_length=300)
    name_sv = models.CharField(_("nimi ruotsiksi"), max_length=300, blank=True)
    short_name = models.CharField(_("lyhyt nimi"), max_length=80)
    slug = models.SlugField(_("tunniste"), max_length=80, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="projects", verbose_name=_("maakunta")
    )
    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("kuntakonsortio"),
    )
    administering_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administered_projects",
        verbose_name=_("hallinnoiva kunta"),
    )
    administering_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administered_projects",
        verbose_name=_("hallinnoiva organisaatio"),
    )
    start_date = models.DateField(_("alkaa"))
    end_date = models.DateField(_("päättyy"))
    status = models.CharField(
        _("tila"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    description = models.TextField(_("kuvaus"), blank=True)
    description_sv = models.TextField(_("kuvaus ruotsiksi"), blank=True)
    plan_url = models.URLField(_("hankesuunnitelma"), blank=True)
    report_url = models.URLField(_("loppuraportti"), blank=True)
    total_budget = MoneyField(_("kokonaisbudjetti"), null=True, blank=True)
    staff_count = models.PositiveSmallIntegerField(_("hanketyöntekijöitä"), null=True, blank=True)
    development_areas = models.ManyToManyField(
        DevelopmentArea,
        through="ProjectDevelopmentArea",
        related_name="projects",
        verbose_name=_("kehittämiskokonaisuudet"),
    )
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=ProjectExample.choices)
    )

    version = models.PositiveIntegerField(_("versio"), default=1, editable=False)
    search_vector = search_vector_field(
        name="A", name_sv="A", short_name="A", description="B", description_sv="B"
    )
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("hanke")
        verbose_name_plural = _("hankkeet")
        ordering = ["-start_date", "name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="project_search"),
            # The project list's orders: by name (its default) and by start date.
            models.Index("name", "id", name="project_name_order"),
            models.Index(F("start_date").desc(), "name", name="project_start_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")),
                name="project_ends_after_start",
                violation_error_message=_("Hankkeen on päätyttävä alkamisensa jälkeen."),
            ),
            models.CheckConstraint(
                condition=~(
                    Q(administering_municipality__isnull=False)
                    & Q(administering_organisation__isnull=False)
                ),
                name="project_one_administrator",
                violation_error_message=_(
                    "Hallinnoijana on joko kunta tai organisaatio, ei molemmat."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values), name="project_status_valid"
            ),
            non_negative("total_budget"),
            example_fields_valid(ProjectExample, name="project_example_fields_valid"),
        ]

    def __str__(self) -> str:
        return self.label_of(name=self.name, short_name=self.short_name)

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.slug])

    @staticmethod
    def label_of(*, name: str, short_name: str) -> str:
        """What lists call a project: its short name, else its name (also for plain values
        read without the project, ``CalendarMeeting``)."""
        return short_name or name

    @property
    def localized_name(self) -> str:
        return in_user_language(self.name, self.name_sv)

    @property
    def administrator(self) -> Municipality | Organisation | None:
        return self.administering_municipality or self.administering_organisation

    # The figures below need ProjectQuerySet.with_funding().
    @property
    def is_over_plan(self) -> bool:
        """Whether more has been spent than the budget lines plan."""
        return self.amount_spent > self.amount_planned

    @property
    def spent_share(self) -> Decimal | None:
        """Spent so far as a fraction of the planned budget lines."""
        if not self.amount_planned:
            return None
        return self.amount_spent / self.amount_planned
