"""A project's contact people."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Municipality, Organisation


class ContactRole(models.TextChoices):
    COORDINATOR = "coordinator", _("hankekoordinaattori")
    CHANGE_AGENT = "change_agent", _("muutosagentti")
    PROJECT_WORKER = "project_worker", _("projektityöntekijä")
    WORKING_GROUP_CHAIR = "working_group_chair", _("työryhmän puheenjohtaja")
    DIRECTOR = "director", _("johtaja")


class Contact(models.Model):
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("hanke"),
    )
    name = models.CharField(_("nimi"), max_length=200)
    role = models.CharField(_("rooli"), max_length=24, choices=ContactRole.choices)
    title = models.CharField(_("tehtävänimike"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("organisaatio"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("kunta"),
    )
    email = models.EmailField(_("sähköposti"), blank=True)
    phone = models.CharField(_("puhelin"), max_length=40, blank=True)
    public_contact_details = models.BooleanField(
        _("yhteystiedot julkisia"),
        default=False,
        help_text=_(
            "Yhteyshenkilö on suostunut siihen, että sähköposti ja puhelin näkyvät myös "
            "kirjautumattomille."
        ),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("käyttäjätunnus"),
        help_text=_("Koordinaattori, jolla on tunnus, voi muokata hankkeen tietoja."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yhteyshenkilö")
        verbose_name_plural = _("yhteyshenkilöt")
        ordering = ["project", "role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=ContactRole.values), name="contact_role_valid"
            ),
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=Q(user__isnull=False),
                name="contact_user_once_per_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"
