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
