"""Each project's funding sums, kept by PostgreSQL itself (``ProjectSums``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import MoneyField

# A sum of many amounts of MoneyField's 12 digits.
SUM_DIGITS = 16


class ProjectSums(models.Model):
    """A project's applied, granted, planned and spent sums: what ``with_funding()`` reads.

    Only the database writes these rows. Triggers on the tables of grants, budget lines and
    expenses (migration ``0011_project_sums``) sum again the projects whose rows each
    statement inserted, updated or deleted, in its transaction, whatever wrote them: a
    service, the admin, a bulk insert, a restore. Pages then read a project's sums from one
    row instead of summing its rows, and the programme's totals read 2,000 rows instead of
    200,000 expenses. A project without any of those rows has no row here (sums of 0).

    ``known_granted`` sums the grants whose amount is known (None when there are none) and
    ``unknown_grants`` counts the others; ``amount_applied`` sums the known applied amounts.
    """

    project = models.OneToOneField(
        "projects.Project",
        # PostgreSQL deletes the row with its project (ON DELETE CASCADE in the migration):
        # Django would delete it first, and a trigger would then write it again.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="sums",
        verbose_name=_("hanke"),
    )
    amount_applied = MoneyField(_("haettu"), max_digits=SUM_DIGITS, null=True)
    known_granted = MoneyField(_("myönnetty (tunnetut)"), max_digits=SUM_DIGITS, null=True)
    unknown_grants = models.PositiveIntegerField(_("avustuksia, joiden määrä ei ole tiedossa"))
    amount_planned = MoneyField(_("suunniteltu"), max_digits=SUM_DIGITS)
    amount_spent = MoneyField(_("käytetty"), max_digits=SUM_DIGITS)

    class Meta:
        verbose_name = _("hankkeen summat")
        verbose_name_plural = _("hankkeiden summat")
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.project_id)


class RegionSums(models.Model):
    """The figures of a region's projects (``PROGRAMME_FIGURES``) summed once for the whole
    region (``by_area`` false) and once for each development area (``area_number``, None for
    the projects without one): the rows of ``ProjectQuerySet.region_sums()``, kept.

    The programme page adds up these few rows (regions times areas) instead of summing every
    project. Triggers (migration ``0013_region_sums``) mark a region stale
    (``StaleRegionSums``) when a statement changes one of its projects, their sums or their
    areas; ``projects.services.region_sums_refresh`` sums the stale regions again before the
    rows are read. A region without projects has no rows.

    The rows are read and written by code alone, never shown as they are: the fields keep
    their names.
    """

    region = models.ForeignKey("municipalities.Region", on_delete=models.CASCADE, related_name="+")
    by_area = models.BooleanField()
    area_number = models.PositiveSmallIntegerField(null=True)
    project_count = models.PositiveIntegerField()
    granted_known = MoneyField(max_digits=SUM_DIGITS, null=True)
    granted_parts = models.PositiveIntegerField()
    granted_left_out = models.PositiveIntegerField()
    total_budget_known = MoneyField(max_digits=SUM_DIGITS, null=True)
    total_budget_parts = models.PositiveIntegerField()
    total_budget_left_out = models.PositiveIntegerField()
    # Own financing is negative when the grants exceed the budget.
    own_financing_known = models.DecimalField(max_digits=SUM_DIGITS, decimal_places=2, null=True)
    own_financing_parts = models.PositiveIntegerField()
    own_financing_left_out = models.PositiveIntegerField()
    spent_known = MoneyField(max_digits=SUM_DIGITS, null=True)
    spent_parts = models.PositiveIntegerField()
    spent_left_out = models.PositiveIntegerField()

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["region", "by_area", "area_number"],
                nulls_distinct=False,
                name="region_sums_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(by_area=True) | models.Q(area_number__isnull=True),
                name="region_sums_area_only_by_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.area_number if self.by_area else ''}".strip()


class StaleRegionSums(models.Model):
    """A region whose ``RegionSums`` no longer hold what its projects add up to: marked by
    the triggers of migration ``0013_region_sums``, in the transaction of the change, and
    taken away by ``projects.services.region_sums_refresh`` when it sums the region again."""

    region = models.OneToOneField(
        "municipalities.Region", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.region_id)
