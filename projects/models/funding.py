"""Grants, their instalments, and the funder's reports and requests."""

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.money import MoneyField, format_money, non_negative
from municipalities.models import Organisation
from projects.models.sums import money_sum


class GrantDecisionQuerySet(models.QuerySet):
    def for_funding_pages(self):
        """Grants with their funder, ``amount_paid`` (the sum of their paid instalments) and
        their instalments in date order."""
        return (
            self.select_related("funder")
            .annotate(
                amount_paid=money_sum(Instalment, "amount", "grant", condition=Q(is_paid=True))
            )
            .prefetch_related("instalments")
        )


class GrantDecision(models.Model):
    """A funder's grant to a project: applied and granted amounts (either may be unknown),
    the decision and its instalments."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="grants", verbose_name=_("hanke")
    )
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grant_decisions",
        verbose_name=_("rahoittaja"),
    )
    decision_date = models.DateField(_("päätöspäivä"), null=True, blank=True)
    reference = models.CharField(_("päätöksen diaarinumero"), max_length=100, blank=True)
    amount_applied = MoneyField(_("haettu summa"), null=True, blank=True)
    amount_granted = MoneyField(
        _("myönnetty summa"),
        null=True,
        blank=True,
        help_text=_("Jätä tyhjäksi, jos summa ei ole tiedossa."),
    )
    note = models.TextField(_("huomautus"), blank=True)
    history = HistoricalRecords()

    objects = GrantDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("avustuspäätös")
        verbose_name_plural = _("avustuspäätökset")
        ordering = ["project", "decision_date"]
        constraints = [non_negative("amount_applied"), non_negative("amount_granted")]

    def __str__(self) -> str:
        return f"{self.funder.short_name or self.funder.name}: {format_money(self.amount_granted)}"


class Instalment(models.Model):
    """One payment of a grant: when, how much and whether it has been paid."""

    grant = models.ForeignKey(
        GrantDecision,
        on_delete=models.CASCADE,
        related_name="instalments",
        verbose_name=_("avustuspäätös"),
    )
    date = models.DateField(_("maksupäivä"))
    amount = MoneyField(_("summa"))
    is_paid = models.BooleanField(_("maksettu"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("maksuerä")
        verbose_name_plural = _("maksuerät")
        ordering = ["date", "pk"]
        constraints = [non_negative("amount")]

    def __str__(self) -> str:
        return f"{self.date} {format_money(self.amount)}"


class FunderReportKind(models.TextChoices):
    INTERIM = "interim", _("väliraportti")
    FINAL = "final", _("loppuraportti")


class FunderReportState(models.TextChoices):
    DRAFT = "draft", _("luonnos")
    SUBMITTED = "submitted", _("lähetetty")
    ACCEPTED = "accepted", _("hyväksytty")


class FunderReportQuerySet(models.QuerySet):
    def of_project(self, project):
        """The reports owed to the funders of ``project`` in the order they are due."""
        return (
            self.filter(grant__project=project)
            .select_related("grant__funder")
            .order_by("due_date", "pk")
        )


class FunderReport(models.Model):
    """An interim or final report owed to the funder of a grant, with its due date and state."""

    grant = models.ForeignKey(
        GrantDecision,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("avustuspäätös"),
    )
    kind = models.CharField(_("raportti"), max_length=8, choices=FunderReportKind.choices)
    due_date = models.DateField(_("määräpäivä"))
    state = models.CharField(
        _("tila"),
        max_length=10,
        choices=FunderReportState.choices,
        default=FunderReportState.DRAFT,
    )
    submitted_on = models.DateField(_("lähetetty"), null=True, blank=True)
    note = models.TextField(_("huomautus"), blank=True)
    history = HistoricalRecords()

    objects = FunderReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("raportti rahoittajalle")
        verbose_name_plural = _("raportit rahoittajalle")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=FunderReportKind.values), name="funder_report_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=FunderReportState.values),
                name="funder_report_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state=FunderReportState.DRAFT) | Q(submitted_on__isnull=False),
                name="funder_report_submitted_dated",
                violation_error_message=_(
                    "Lähetetylle tai hyväksytylle raportille on merkittävä lähetyspäivä."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_date}"


class FunderRequestKind(models.TextChoices):
    CONDITION = "condition", _("ehto")
    SUPPLEMENT = "supplement", _("täydennyspyyntö")


class FunderRequestStatus(models.TextChoices):
    OPEN = "open", _("avoin")
    DONE = "done", _("täytetty")


class FunderRequestQuerySet(models.QuerySet):
    def of_project(self, project):
        """The requests of the funders of ``project`` with their attachments, open ones first,
        then by due date."""
        return (
            self.filter(grant__project=project)
            .select_related("grant__funder")
            .prefetch_related("attachments")
            .order_by(
                models.Case(models.When(status=FunderRequestStatus.OPEN, then=0), default=1),
                F("due_date").asc(nulls_last=True),
                "pk",
            )
        )


class FunderRequest(models.Model):
    """A condition of a grant or a request from the funder to supplement the application."""

    grant = models.ForeignKey(
        GrantDecision,
        on_delete=models.CASCADE,
        related_name="requests",
        verbose_name=_("avustuspäätös"),
    )
    kind = models.CharField(_("tyyppi"), max_length=16, choices=FunderRequestKind.choices)
    description = models.TextField(_("kuvaus"))
    status = models.CharField(
        _("tila"),
        max_length=8,
        choices=FunderRequestStatus.choices,
        default=FunderRequestStatus.OPEN,
    )
    due_date = models.DateField(_("määräpäivä"), null=True, blank=True)
    answer = models.TextField(_("vastaus"), blank=True)
    answered_on = models.DateField(_("vastattu"), null=True, blank=True)
    history = HistoricalRecords()

    objects = FunderRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("rahoittajan pyyntö")
        verbose_name_plural = _("rahoittajan pyynnöt")
        ordering = ["grant", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=FunderRequestKind.values), name="funder_request_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=FunderRequestStatus.values),
                name="funder_request_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


def funder_request_path(attachment: "FunderRequestAttachment", filename: str) -> str:
    # The original name is kept on the row; the stored name only needs to be unique.
    return f"funder-requests/{attachment.request_id}/{uuid.uuid4().hex}"


class FunderRequestAttachment(models.Model):
    """A file sent with the answer to a funder's request (an updated plan, a clarification)."""

    request = models.ForeignKey(
        FunderRequest,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("rahoittajan pyyntö"),
    )
    file = models.FileField(_("tiedosto"), upload_to=funder_request_path, max_length=300)
    original_name = models.CharField(_("tiedoston nimi"), max_length=255)
    uploaded_at = models.DateTimeField(_("lisätty"), auto_now_add=True)

    class Meta:
        verbose_name = _("vastauksen liite")
        verbose_name_plural = _("vastausten liitteet")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
