"""Writes on a project and its rows (budget lines, expenses, contacts, partners, grants and
what the funders ask for), with their rules. The coordinators' pages and the admin both save
through them.

Each service is given the record as a form filled it in. django-simple-history records every
write with the user of the request (its middleware), so the services take no user. A changed
project or budget line is saved as its next version: ``expected_version`` is the version the
user's form was loaded at, and a save over someone else's newer one is refused with a
``StaleEdit`` (``core.versioning``); None (the admin) skips the comparison.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.examples import unmark_changed
from core.versioning import save_versioned
from projects.models import (
    BudgetLine,
    Contact,
    EmbeddingPlan,
    EmbeddingStep,
    Expense,
    FunderReport,
    FunderRequest,
    FunderRequestAttachment,
    FunderRequestStatus,
    GrantDecision,
    Instalment,
    Practice,
    PracticeAdoption,
    Project,
    ProjectPartner,
    RegionSums,
    StaleRegionSums,
)


@transaction.atomic
def project_update(*, project: Project, expected_version: int | None = None) -> Project:
    """Save the changes made to ``project`` as its next version; a value the user changed is
    a fact from now on, so its example mark goes (``core.examples``)."""
    unmark_changed(project)
    return save_versioned(project, expected_version=expected_version)


@transaction.atomic
def budget_line_create(*, budget_line: BudgetLine) -> BudgetLine:
    """Add a new budget line to its project."""
    budget_line.save()
    return budget_line


@transaction.atomic
def budget_line_update(
    *, budget_line: BudgetLine, expected_version: int | None = None
) -> BudgetLine:
    """Save the changes made to ``budget_line`` as its next version; a changed example value
    loses its mark. Its year cannot leave behind expenses booked in another year."""
    if budget_line.expenses.exclude(date__year=budget_line.year).exists():
        raise ValidationError(
            {
                "year": _(
                    "Vuotta ei voi muuttaa, koska riville on kirjattu kuluja toiselle vuodelle. "
                    "Siirrä tai poista kulut ensin."
                )
            }
        )
    unmark_changed(budget_line)
    return save_versioned(budget_line, expected_version=expected_version)


@transaction.atomic
def budget_line_delete(*, budget_line: BudgetLine) -> None:
    """Delete a budget line that has no expenses booked against it."""
    if budget_line.expenses.exists():
        raise ValidationError(
            _("Budjettiriviä ei voi poistaa, koska sille on kirjattu kuluja. Poista kulut ensin.")
        )
    budget_line.delete()


def _check_expense_date(expense: Expense) -> None:
    """An expense is dated within the year of its budget line."""
    if expense.date.year != expense.budget_line.year:
        raise ValidationError(
            {
                "date": _("Päivämäärän on oltava budjettirivin vuonna %(year)s.")
                % {"year": expense.budget_line.year}
            }
        )


@transaction.atomic
def expense_create(*, expense: Expense) -> Expense:
    """Book a new expense against its budget line, dated within the line's year."""
    _check_expense_date(expense)
    expense.save()
    return expense


@transaction.atomic
def expense_update(*, expense: Expense) -> Expense:
    """Save the changes made to ``expense``; it stays dated within its budget line's year, and
    a changed example value loses its mark."""
    _check_expense_date(expense)
    unmark_changed(expense)
    expense.save()
    return expense


@transaction.atomic
def expense_delete(*, expense: Expense) -> None:
    """Delete an expense."""
    expense.delete()


@transaction.atomic
def contact_create(*, contact: Contact) -> Contact:
    """Add a new contact person to their project."""
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: Contact) -> Contact:
    """Save the changes made to ``contact``."""
    contact.save()
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact) -> None:
    """Remove a contact person from their project."""
    contact.delete()


@transaction.atomic
def partner_create(*, partner: ProjectPartner) -> ProjectPartner:
    """Add a new partner to its project."""
    partner.save()
    return partner


@transaction.atomic
def partner_update(*, partner: ProjectPartner) -> ProjectPartner:
    """Save the changes made to ``partner``."""
    partner.save()
    return partner


@transaction.atomic
def partner_delete(*, partner: ProjectPartner) -> None:
    """Remove a partner from its project."""
    partner.delete()


@transaction.atomic
def grant_create(*, grant: GrantDecision) -> GrantDecision:
    """Record a funder's grant decision (or application) for its project."""
    grant.save()
    return grant


@transaction.atomic
def grant_update(*, grant: GrantDecision) -> GrantDecision:
    """Save the changes made to ``grant``."""
    grant.save()
    return grant


@transaction.atomic
def instalment_create(*, instalment: Instalment) -> Instalment:
    """Add a payment to its grant."""
    instalment.save()
    return instalment


@transaction.atomic
def instalment_update(*, instalment: Instalment) -> Instalment:
    """Save the changes made to ``instalment`` (such as that it has been paid)."""
    instalment.save()
    return instalment


@transaction.atomic
def funder_report_create(*, report: FunderReport) -> FunderReport:
    """Put a report owed to a funder on the project's reporting schedule."""
    report.save()
    return report


@transaction.atomic
def funder_report_update(*, report: FunderReport) -> FunderReport:
    """Save the changes made to ``report``, such as that it was sent or accepted."""
    report.save()
    return report


def _save_request(request: FunderRequest, files) -> FunderRequest:
    """Save ``request`` with its new attachment files; an answered request is done, dated
    today unless its answer date is given."""
    if request.answer and request.status == FunderRequestStatus.DONE and not request.answered_on:
        request.answered_on = timezone.localdate()
    request.save()
    for file in files:
        FunderRequestAttachment.objects.create(request=request, file=file, original_name=file.name)
    return request


@transaction.atomic
def funder_request_create(*, request: FunderRequest, files=()) -> FunderRequest:
    """Record a funder's request (lisäselvityspyyntö) or a condition of its grant, with any
    files that come with it."""
    return _save_request(request, files)


@transaction.atomic
def funder_request_update(*, request: FunderRequest, files=()) -> FunderRequest:
    """Save the changes made to ``request`` (its answer, due date, state) and add ``files``
    to its attachments."""
    return _save_request(request, files)


def _free_practice_slug(name: str) -> str:
    """An address for a new practice from its name, numbered when the name's is taken."""
    base = slugify(name)[:70] or "toimintamalli"
    taken = set(Practice.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def practice_create(*, practice: Practice) -> Practice:
    """Add a practice to its project, with an address made from its name."""
    if not practice.slug:
        practice.slug = _free_practice_slug(practice.name)
    practice.save()
    return practice


@transaction.atomic
def practice_update(*, practice: Practice) -> Practice:
    """Save the changes made to ``practice``; a changed example value loses its mark."""
    unmark_changed(practice)
    practice.save()
    return practice


@transaction.atomic
def practice_delete(*, practice: Practice) -> None:
    """Delete a practice with its adoptions and embedding plan."""
    practice.delete()


@transaction.atomic
def adoption_create(*, adoption: PracticeAdoption) -> PracticeAdoption:
    """Record a municipality's state with a practice (once per practice and municipality)."""
    adoption.save()
    return adoption


@transaction.atomic
def adoption_update(*, adoption: PracticeAdoption) -> PracticeAdoption:
    """Save the changes made to ``adoption``; a changed example value loses its mark."""
    unmark_changed(adoption)
    adoption.save()
    return adoption


@transaction.atomic
def adoption_delete(*, adoption: PracticeAdoption) -> None:
    """Remove a municipality's state with a practice."""
    adoption.delete()


@transaction.atomic
def embedding_plan_save(
    *,
    plan: EmbeddingPlan,
    steps: Iterable[EmbeddingStep] = (),
    removed_steps: Iterable[EmbeddingStep] = (),
) -> EmbeddingPlan:
    """Save a practice's embedding plan with its new and changed ``steps``, and delete its
    ``removed_steps``, as one change; changed example values lose their marks."""
    unmark_changed(plan)
    plan.save()
    for step in removed_steps:
        step.delete()
    for step in steps:
        step.plan = plan
        unmark_changed(step)
        step.save()
    return plan


@transaction.atomic
def region_sums_refresh(*, region_ids: Iterable[int] | None = None) -> None:
    """Sum again the regions whose ``RegionSums`` are stale (``StaleRegionSums``): every
    one, or those of ``region_ids``. One query when none is.

    The marks are taken away, with the regions' old rows, by the statement that reads them,
    and the projects are summed by the next: a request refreshing the same region at the
    same time waits for this one's commit and then finds no mark, and a change committed
    meanwhile marks its region again. The rows follow changes that have already made the
    kept pages stale, so they are written without the signals that would do it again
    (``core.page_cache``).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH taken AS (
                -- Locked in one order: two refreshes at once may wait, never deadlock.
                SELECT region_id FROM {StaleRegionSums._meta.db_table}
                WHERE %(regions)s::bigint[] IS NULL OR region_id = ANY (%(regions)s::bigint[])
                ORDER BY region_id FOR UPDATE
            ), stale AS (
                DELETE FROM {StaleRegionSums._meta.db_table}
                WHERE region_id IN (SELECT region_id FROM taken)
                RETURNING region_id
            ), old AS (
                DELETE FROM {RegionSums._meta.db_table}
                WHERE region_id IN (SELECT region_id FROM stale)
            )
            SELECT region_id FROM stale
            """,  # noqa: S608 - the tables' names
            {"regions": None if region_ids is None else list(region_ids)},
        )
        stale = [region_id for (region_id,) in cursor.fetchall()]
    if stale:
        RegionSums.objects.bulk_create(
            RegionSums(**sums) for sums in Project.objects.filter(region_id__in=stale).region_sums()
        )
