"""A project's partner organisations and its cooperation with other projects."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.money import MoneyField, non_negative
from municipalities.models import Municipality, Organisation


class PartnerRole(models.TextChoices):
    MEMBER_MUNICIPALITY = "member_municipality", _("jäsenkunta")
    FUNDED_PARTNER = "funded_partner", _("rahoitettu kumppani")
    PARTNER = "partner", _("yhteistyökumppani")
    STEERING = "steering", _("ohjaus")


class ProjectPartner(models.Model):
    """An organisation or municipality working in a project, with any funded share."""

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="partners",
        verbose_name=_("hanke"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("organisaatio"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("kunta"),
    )
    role = models.CharField(_("rooli"), max_length=24, choices=PartnerRole.choices)
    funded_share = MoneyField(_("rahoitusosuus"), null=True, blank=True)
    note = models.TextField(_("huomautus"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kumppani")
        verbose_name_plural = _("kumppanit")
        ordering = ["role", "organisation__name", "municipality__name_fi"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) ^ Q(municipality__isnull=True),
                name="partner_is_organisation_or_municipality",
                violation_error_message=_("Valitse joko organisaatio tai kunta."),
            ),
            models.UniqueConstraint(
                fields=["project", "organisation"], name="partner_organisation_unique"
            ),
            models.UniqueConstraint(
                fields=["project", "municipality"], name="partner_municipality_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=PartnerRole.values), name="partner_role_valid"
            ),
            non_negative("funded_share"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def name(self) -> str:
        """The organisation's or the municipality's name (needs both loaded)."""
        return self.organisation.name if self.organisation else self.municipality.name


class Cooperation(models.Model):
    """Projects that work together, such as the Uusimaa / capital-region / Päijät-Häme trio."""

    name = models.CharField(_("nimi"), max_length=200, unique=True)
    description = models.TextField(_("kuvaus"), blank=True)
    projects = models.ManyToManyField(
        "projects.Project", related_name="cooperations", verbose_name=_("hankkeet")
    )

    class Meta:
        verbose_name = _("hankeyhteistyö")
        verbose_name_plural = _("hankeyhteistyöt")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
