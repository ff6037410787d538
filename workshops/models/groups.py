"""Working groups, their chairs and their members."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Municipality, Organisation
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
