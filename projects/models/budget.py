"""A project's budget lines and the expenses booked against them."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.examples import ExampleValuesField, example_fields_valid
from core.money import MoneyField, format_money, non_negative
from core.search import trigram_index
from projects.models.areas import DevelopmentArea
from projects.models.partners import ProjectPartner
from projects.models.sums import money_sum


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", _("henkilöstökulut")
    SERVICES = "services", _("palvelujen ostot")
    TRAVEL = "travel", _("matkakulut")
    MATERIALS = "materials", _("aineet ja tarvikkeet")
    EVENTS = "events", _("tilaisuudet")
    OTHER = "other", _("muut kulut")


class BudgetLineQuerySet(models.QuerySet):
    def for_funding_table(self):
        """Budget lines with their development area, ``amount_spent``, the sum of their
        expenses, and ``has_example_expenses``, whether any of those holds example values
        (``core.examples``)."""
        return self.select_related(
            "development_area", "partner__organisation", "partner__municipality"
        ).annotate(
            amount_spent=money_sum(Expense, "amount", "budget_line"),
            has_example_expenses=Exists(
                Expense.objects.filter(budget_line=OuterRef("pk")).exclude(example_fields=[])
            ),
        )

    def over_plan(self):
        """Budget lines whose expenses exceed their planned amount (needs
        ``for_funding_table``)."""
        return self.filter(amount_spent__gt=F("amount"))

    def with_expenses(self):
        """Budget lines with their expenses prefetched, newest first."""
        return self.prefetch_related("expenses")

    def for_choices(self):
        """Budget lines with what their label in a form's choices shows."""
        return self.select_related("development_area")


class BudgetLineExample(models.TextChoices):
    """What of a budget line can be an example value (``core.examples``)."""

    AMOUNT = "amount", _("suunniteltu summa")


class BudgetLine(models.Model):
    """Planned costs of a project for one year and cost category, optionally per area."""

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("hanke"),
    )
    year = models.PositiveSmallIntegerField(_("vuosi"))
    category = models.CharField(_("kustannuslaji"), max_length=16, choices=CostCategory.choices)
    development_area = models.ForeignKey(
        DevelopmentArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("kehittämiskokonaisuus"),
    )
    partner = models.ForeignKey(
        ProjectPartner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("kumppani"),
        help_text=_("Jätä tyhjäksi, jos kulut ovat hallinnoijan omia."),
    )
    amount = MoneyField(_("summa"))
    description = models.CharField(_("selite"), max_length=300, blank=True)
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=BudgetLineExample.choices)
    )
    version = models.PositiveIntegerField(_("versio"), default=1, editable=False)
    history = HistoricalRecords()

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("budjettirivi")
        verbose_name_plural = _("budjettirivit")
        ordering = ["project", "year", "category", "development_area__number"]
        # The first and last year, which the admin's list offers to filter by.
        indexes = [
            models.Index(fields=["year"], name="budget_line_year"),
            # The admin's search (core.admin.LargeTableMixin).
            trigram_index("description", name="budget_line_text_trigrams"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "category", "development_area", "partner"],
                nulls_distinct=False,
                name="budget_line_unique",
                violation_error_message=_(
                    "Hankkeella on jo budjettirivi tälle vuodelle, kustannuslajille, "
                    "kehittämiskokonaisuudelle ja kumppanille."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="budget_line_year_sane"
            ),
            models.CheckConstraint(
                condition=Q(category__in=CostCategory.values), name="budget_line_category_valid"
            ),
            non_negative("amount"),
            example_fields_valid(BudgetLineExample, name="budget_line_example_fields_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year} {self.get_category_display()}"


class ExpenseExample(models.TextChoices):
    """What of an expense can be an example value (``core.examples``)."""

    DATE = "date", _("päivä")
    AMOUNT = "amount", _("summa")
    DESCRIPTION = "description", _("selite")


class Expense(models.Model):
    """An actual cost booked against a budget line."""

    budget_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="expenses",
        verbose_name=_("budjettirivi"),
    )
    date = models.DateField(_("päivä"))
    amount = MoneyField(_("summa"))
    description = models.CharField(_("selite"), max_length=300)
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=ExpenseExample.choices)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toteutunut kulu")
        verbose_name_plural = _("toteutuneet kulut")
        ordering = ["-date"]
        # The admin's list: newest first, its key last (``expense_list_order``), and its
        # filter's first and last year.
        indexes = [
            models.Index(F("date").desc(), F("id").desc(), name="expense_list_order"),
            # The admin's search (core.admin.LargeTableMixin).
            trigram_index("description", name="expense_text_trigrams"),
        ]
        constraints = [
            non_negative("amount"),
            example_fields_valid(ExpenseExample, name="expense_example_fields_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.description} {format_money(self.amount)}"
