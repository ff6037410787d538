"""Practices (toimintamallit) that the projects produced, the municipalities that piloted,
adopted or embedded them, and each practice's embedding plan (juurruttamissuunnitelma)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.examples import ExampleValuesField, example_fields_valid
from core.i18n import in_user_language
from municipalities.models import Municipality


class PracticeExample(models.TextChoices):
    """What of a practice can be an example value (``core.examples``)."""

    NAME_SV = "name_sv", _("nimi ruotsiksi")
    DESCRIPTION = "description", _("kuvaus")


class PracticeQuerySet(models.QuerySet):
    def for_catalogue(self):
        """Practices with their project and development area, and ``adoption_count``, the
        number of municipalities that took them up, by area and name."""
        return (
            self.select_related("project", "development_area")
            .annotate(adoption_count=models.Count("adoptions"))
            .order_by("development_area__number", "name", "pk")
        )

    def matching(self, *, project=None, development_area=None):
        """Practices of ``project`` and ``development_area``, each when given."""
        practices = self
        if project is not None:
            practices = practices.filter(project=project)
        if development_area is not None:
            practices = practices.filter(development_area=development_area)
        return practices

    def for_detail_page(self):
        """Practices with their project, area, adoptions (with municipality, by state and
        name) and embedding plan with its steps."""
        return self.select_related(
            "project__region", "development_area", "embedding_plan"
        ).prefetch_related(
            models.Prefetch(
                "adoptions",
                queryset=PracticeAdoption.objects.select_related("municipality").order_by(
                    "municipality__name_fi"
                ),
            ),
            "embedding_plan__steps",
        )

    def of_region(self, region):
        """Practices of the projects of ``region``, with the adoptions of each (with their
        municipality), by area and name: the columns of the region's matrix."""
        return (
            self.filter(project__region=region)
            .select_related("development_area")
            .prefetch_related("adoptions")
            .order_by("development_area__number", "name", "pk")
        )


class Practice(models.Model):
    """A way of working a project developed, such as the family centre model."""

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("hanke"),
    )
    development_area = models.ForeignKey(
        "projects.DevelopmentArea",
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("kehittämiskokonaisuus"),
    )
    name = models.CharField(_("nimi"), max_length=200)
    name_sv = models.CharField(_("nimi ruotsiksi"), max_length=200, blank=True)
    slug = models.SlugField(_("tunniste"), max_length=80, unique=True)
    description = models.TextField(_("kuvaus"), blank=True)
    innokyla_url = models.URLField(
        _("kuvaus Innokylässä"),
        blank=True,
        help_text=_("Linkki toimintamallin kuvaukseen Innokylässä, jos sellainen on."),
    )
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=PracticeExample.choices)
    )
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)
    modified_at = models.DateTimeField(_("muutettu"), auto_now=True)
    history = HistoricalRecords()

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("toimintamalli")
        verbose_name_plural = _("toimintamallit")
        ordering = ["development_area__number", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="practice_name_unique_per_project",
                violation_error_message=_("Hankkeella on jo tämänniminen toimintamalli."),
            ),
            example_fields_valid(PracticeExample, name="practice_example_fields_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def localized_name(self) -> str:
        return in_user_language(self.name, self.name_sv)


class AdoptionState(models.TextChoices):
    """How far a municipality has taken a practice, in this order."""

    PILOTED = "piloted", _("pilotoitu")
    ADOPTED = "adopted", _("otettu käyttöön")
    EMBEDDED = "embedded", _("juurtunut")


class AdoptionExample(models.TextChoices):
    """What of an adoption can be an example value (``core.examples``)."""

    STATE = "state", _("tila")
    DATE = "date", _("päivä")


class PracticeAdoption(models.Model):
    """Where a practice took root: one municipality's state with it, since when."""

    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("toimintamalli"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="practice_adoptions",
        verbose_name=_("kunta"),
    )
    state = models.CharField(_("tila"), max_length=16, choices=AdoptionState.choices)
    date = models.DateField(_("päivä"))
    note = models.TextField(_("huomautus"), blank=True)
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=AdoptionExample.choices)
    )
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)
    modified_at = models.DateTimeField(_("muutettu"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toimintamallin käyttöönotto")
        verbose_name_plural = _("toimintamallin käyttöönotot")
        ordering = ["practice", "municipality__name_fi"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "municipality"],
                name="adoption_once_per_municipality",
                violation_error_message=_("Kunnan tila tällä toimintamallilla on jo kirjattu."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=AdoptionState.values), name="adoption_state_valid"
            ),
            example_fields_valid(AdoptionExample, name="adoption_example_fields_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.practice}: {self.municipality} ({self.get_state_display()})"


class EmbeddingPlanExample(models.TextChoices):
    """What of an embedding plan can be an example value (``core.examples``)."""

    RESPONSIBLE = "responsible", _("vastuutaho")


class EmbeddingStepExample(models.TextChoices):
    """What of an embedding plan's step can be an example value (``core.examples``)."""

    DESCRIPTION = "description", _("toimenpide")
    DUE_DATE = "due_date", _("määräaika")


class EmbeddingPlan(models.Model):
    """The plan that keeps a practice in use after the project: who answers for it."""

    practice = models.OneToOneField(
        Practice,
        on_delete=models.CASCADE,
        related_name="embedding_plan",
        verbose_name=_("toimintamalli"),
    )
    responsible = models.CharField(
        _("vastuutaho"), max_length=200, help_text=_("Kuka vastaa juurruttamisesta.")
    )
    note = models.TextField(_("huomautus"), blank=True)
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=EmbeddingPlanExample.choices)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("juurruttamissuunnitelma")
        verbose_name_plural = _("juurruttamissuunnitelmat")
        constraints = [
            example_fields_valid(EmbeddingPlanExample, name="embedding_plan_example_fields_valid")
        ]

    def __str__(self) -> str:
        return str(_("Juurruttamissuunnitelma: %(practice)s") % {"practice": self.practice})


class EmbeddingStep(models.Model):
    """What happens by when in an embedding plan."""

    plan = models.ForeignKey(
        EmbeddingPlan,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("juurruttamissuunnitelma"),
    )
    description = models.CharField(_("toimenpide"), max_length=300)
    due_date = models.DateField(_("määräaika"))
    is_done = models.BooleanField(_("tehty"), default=False)
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=EmbeddingStepExample.choices)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("juurruttamisen vaihe")
        verbose_name_plural = _("juurruttamisen vaiheet")
        ordering = ["due_date", "pk"]
        constraints = [
            example_fields_valid(EmbeddingStepExample, name="embedding_step_example_fields_valid")
        ]

    def __str__(self) -> str:
        return self.description
