"""The four national development areas and the areas a project works in."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.i18n import BilingualNameMixin


def roman_numeral(number: int) -> str:
    """A development area's number as it is written: 1 -> "I"."""
    return ["I", "II", "III", "IV"][number - 1]


class DevelopmentArea(BilingualNameMixin):
    """One of the four national development areas (kehittämiskokonaisuudet) of LAPE."""

    number = models.PositiveSmallIntegerField(_("numero"), unique=True)

    class Meta:
        verbose_name = _("kehittämiskokonaisuus")
        verbose_name_plural = _("kehittämiskokonaisuudet")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=4), name="development_area_number_i_to_iv"
            ),
        ]

    @property
    def roman(self) -> str:
        return roman_numeral(self.number)

    def __str__(self) -> str:
        return f"{self.roman} {self.name}"


class AreaScope(models.TextChoices):
    WHOLE = "whole", _("koko kokonaisuus")
    PARTS = "parts", _("valitut osat")


class ProjectDevelopmentArea(models.Model):
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="area_links",
        verbose_name=_("hanke"),
    )
    development_area = models.ForeignKey(
        DevelopmentArea, on_delete=models.PROTECT, verbose_name=_("kehittämiskokonaisuus")
    )
    scope = models.CharField(
        _("laajuus"), max_length=8, choices=AreaScope.choices, default=AreaScope.WHOLE
    )
    note = models.TextField(_("huomautus"), blank=True)

    class Meta:
        verbose_name = _("hankkeen kehittämiskokonaisuus")
        verbose_name_plural = _("hankkeen kehittämiskokonaisuudet")
        ordering = ["development_area__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "development_area"], name="project_area_unique"
            ),
            models.CheckConstraint(
                condition=Q(scope__in=AreaScope.values), name="project_area_scope_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.development_area}"
