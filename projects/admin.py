from django.contrib import admin
from django.db import models
from django.db.models import Case, Count, F, When
from django.utils.translation import gettext_lazy as _

from core.admin import (
    HTTPS_URL_FIELDS,
    LargeTableMixin,
    LatestRowsFormSet,
    RelatedRowsInlineMixin,
    SelectRelatedEverywhereMixin,
    ServiceWritesMixin,
    TrackedAdmin,
    Writes,
    year_list_filter,
)
from core.money import format_money, format_percent
from projects import services
from projects.models import (
    BudgetLine,
    Contact,
    Cooperation,
    DevelopmentArea,
    EmbeddingPlan,
    EmbeddingStep,
    Expense,
    FunderReport,
    FunderRequest,
    GrantDecision,
    Instalment,
    Practice,
    PracticeAdoption,
    Project,
    ProjectDevelopmentArea,
    ProjectPartner,
)
from projects.templatetags.funding import unknown_grants_note


def money_column(model: type[models.Model], field: str):
    """A column of the money field ``field`` of ``model`` in euros as the pages show them,
    "12 500,50 €", for ``list_display`` and ``readonly_fields``; the admin's own display
    would be "12500,50"."""

    @admin.display(description=model._meta.get_field(field).verbose_name, ordering=field)
    def column(obj: models.Model) -> str:
        return format_money(getattr(obj, field))

    # Names the column's cells "field-<field>", as for the field itself.
    column.__name__ = field
    return column


# The admin saves these records, in their own pages and the project's inlines, through the
# services that the coordinators' pages use. Projects are added and deleted only here.
WRITES = {
    Project: Writes("project", update=services.project_update),
    BudgetLine: Writes(
        "budget_line",
        create=services.budget_line_create,
        update=services.budget_line_update,
        delete=services.budget_line_delete,
    ),
    Expense: Writes(
        "expense",
        create=services.expense_create,
        update=services.expense_update,
        delete=services.expense_delete,
    ),
    Contact: Writes(
        "contact",
        create=services.contact_create,
        update=services.contact_update,
        delete=services.contact_delete,
    ),
    ProjectPartner: Writes(
        "partner",
        create=services.partner_create,
        update=services.partner_update,
        delete=services.partner_delete,
    ),
}


@admin.register(DevelopmentArea)
class DevelopmentAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name_fi", "name_sv"]
    search_fields = ["name_fi", "name_sv"]


class BudgetLineInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = BudgetLine
    # Only the latest rows: the others are on the budget lines' own list and pages.
    formset = LatestRowsFormSet
    ordering = ["-year", "category", "development_area__number"]
    verbose_name_plural = _("budjettirivit (uusimmat; kaikki budjettirivien luettelossa)")
    show_change_link = True
    # Marked on the budget line's own page; a column here would widen the project's page.
    exclude = ["example_fields"]
    autocomplete_fields = ["development_area", "partner"]
    select_related = (
        "project",
        "development_area",
        "partner__organisation",
        "partner__municipality",
    )
    extra = 0


class GrantDecisionInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = GrantDecision
    autocomplete_fields = ["funder"]
    select_related = ("funder",)
    show_change_link = True
    extra = 0


class ProjectDevelopmentAreaInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = ProjectDevelopmentArea
    autocomplete_fields = ["development_area"]
    select_related = ("project", "development_area")
    extra = 0


class ProjectPartnerInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = ProjectPartner
    autocomplete_fields = ["organisation", "municipality"]
    select_related = ("organisation", "municipality")
    extra = 0


class ContactInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = Contact
    autocomplete_fields = ["organisation", "municipality", "user"]
    select_related = ("organisation", "municipality", "user")
    extra = 0


@admin.register(Project)
class ProjectAdmin(ServiceWritesMixin, TrackedAdmin):
    writes = WRITES
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = [
        "short_name",
        "region",
        "status",
        "start_date",
        "end_date",
        "granted",
        "budget",
        "own_financing",
        "spent",
    ]
    list_filter = ["status", "region", "development_areas"]
    list_select_related = ["region"]
    search_fields = ["name", "name_sv", "short_name", "slug"]
    autocomplete_fields = [
        "region",
        "consortium",
        "administering_municipality",
        "administering_organisation",
    ]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [
        ProjectDevelopmentAreaInline,
        ProjectPartnerInline,
        ContactInline,
        GrantDecisionInline,
        BudgetLineInline,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_funding()

    @admin.display(description=_("myönnetty"), ordering="amount_granted")
    def granted(self, project: Project) -> str:
        amount = format_money(project.amount_granted)
        note = unknown_grants_note(project)
        return f"{amount} ({note})" if note else amount

    @admin.display(description=_("kokonaisbudjetti"), ordering="total_budget")
    def budget(self, project: Project) -> str:
        return format_money(project.total_budget)

    @admin.display(
        description=_("omarahoitus"),
        # Unknown, as the column shows it, while any grant's amount is unknown.
        ordering=Case(When(unknown_grants=0, then=F("total_budget") - F("amount_granted"))),
    )
    def own_financing(self, project: Project) -> str:
        return format_money(project.own_financing)

    @admin.display(description=_("käytetty"), ordering="amount_spent")
    def spent(self, project: Project) -> str:
        share = project.spent_share
        if share is None:
            return format_money(project.amount_spent)
        return f"{format_money(project.amount_spent)} ({format_percent(share)})"


@admin.register(ProjectDevelopmentArea)
class ProjectDevelopmentAreaAdmin(admin.ModelAdmin):
    list_display = ["project", "development_area", "scope"]
    list_filter = ["development_area", "scope"]
    list_select_related = ["project", "development_area"]
    search_fields = ["project__name", "project__short_name", "note"]
    autocomplete_fields = ["project", "development_area"]


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(ServiceWritesMixin, SelectRelatedEverywhereMixin, TrackedAdmin):
    writes = WRITES
    list_display = [
        "project",
        "organisation",
        "municipality",
        "role",
        money_column(ProjectPartner, "funded_share"),
    ]
    list_filter = ["role"]
    list_select_related = ["project", "organisation", "municipality"]
    search_fields = [
        "project__name",
        "project__short_name",
        "organisation__name",
        "organisation__short_name",
        "municipality__name_fi",
    ]
    autocomplete_fields = ["project", "organisation", "municipality"]


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    list_display = ["name", "project_count"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["projects"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("projects"))

    @admin.display(description=_("hankkeita"), ordering="project_count")
    def project_count(self, cooperation: Cooperation) -> int:
        return cooperation.project_count


class FunderRequestInline(admin.TabularInline):
    model = FunderRequest
    fields = ["kind", "description", "due_date", "status", "answered_on"]
    extra = 0


class InstalmentInline(admin.TabularInline):
    model = Instalment
    extra = 0


class FunderReportInline(admin.TabularInline):
    model = FunderReport
    extra = 0


@admin.register(GrantDecision)
class GrantDecisionAdmin(SelectRelatedEverywhereMixin, TrackedAdmin):
    list_display = [
        "project",
        "funder",
        "decision_date",
        money_column(GrantDecision, "amount_applied"),
        money_column(GrantDecision, "amount_granted"),
    ]
    list_filter = [("funder", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["project", "funder"]
    date_hierarchy = "decision_date"
    search_fields = ["project__name", "project__short_name", "funder__name", "funder__short_name"]
    autocomplete_fields = ["project", "funder"]
    inlines = [InstalmentInline, FunderReportInline, FunderRequestInline]


@admin.register(FunderRequest)
class FunderRequestAdmin(TrackedAdmin):
    list_display = ["__str__", "grant", "grant__project", "kind", "due_date", "status"]
    list_filter = ["kind", "status"]
    list_select_related = ["grant__funder", "grant__project"]
    search_fields = ["description", "grant__project__short_name", "grant__funder__name"]
    autocomplete_fields = ["grant"]


@admin.register(BudgetLine)
class BudgetLineAdmin(
    LargeTableMixin, ServiceWritesMixin, SelectRelatedEverywhereMixin, TrackedAdmin
):
    writes = WRITES
    list_display = [
        "project",
        "year",
        "category",
        "development_area",
        money_column(BudgetLine, "amount"),
    ]
    list_filter = [year_list_filter("year", _("vuosi")), "category", "development_area"]
    list_select_related = [
        "project",
        "development_area",
        "partner__organisation",
        "partner__municipality",
    ]
    search_fields = ["project__name", "project__short_name", "description"]
    autocomplete_fields = ["project", "development_area", "partner"]


@admin.register(Expense)
class ExpenseAdmin(LargeTableMixin, ServiceWritesMixin, TrackedAdmin):
    writes = WRITES
    list_display = ["date", "description", "budget_line", money_column(Expense, "amount")]
    # An expense is dated within its budget line's year, which the year of its date is.
    list_filter = [year_list_filter("date", _("vuosi")), "budget_line__category"]
    list_select_related = ["budget_line__project"]
    search_fields = ["description", "budget_line__project__short_name"]
    autocomplete_fields = ["budget_line"]


@admin.register(Contact)
class ContactAdmin(ServiceWritesMixin, TrackedAdmin):
    writes = WRITES
    list_display = [
        "name",
        "role",
        "title",
        "project",
        "organisation",
        "municipality",
        "email",
        "public_contact_details",
    ]
    list_filter = ["role"]
    list_select_related = ["project", "organisation", "municipality"]
    search_fields = ["name", "title", "email", "project__short_name"]
    autocomplete_fields = ["project", "organisation", "municipality", "user"]


# Practices: saved through the same services as the coordinators' pages.
PRACTICE_WRITES = {
    Practice: Writes(
        "practice",
        create=services.practice_create,
        update=services.practice_update,
        delete=services.practice_delete,
    ),
    PracticeAdoption: Writes(
        "adoption",
        create=services.adoption_create,
        update=services.adoption_update,
        delete=services.adoption_delete,
    ),
}


class PracticeAdoptionInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = PracticeAdoption
    autocomplete_fields = ["municipality"]
    select_related = ("practice", "municipality")
    extra = 0


@admin.register(Practice)
class PracticeAdmin(ServiceWritesMixin, TrackedAdmin):
    writes = PRACTICE_WRITES
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "project", "development_area"]
    list_filter = ["development_area", "project"]
    list_select_related = ["project", "development_area"]
    search_fields = ["name", "name_sv", "description"]
    autocomplete_fields = ["project"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PracticeAdoptionInline]


@admin.register(PracticeAdoption)
class PracticeAdoptionAdmin(ServiceWritesMixin, TrackedAdmin):
    writes = PRACTICE_WRITES
    list_display = ["practice", "municipality", "state", "date"]
    list_filter = ["state"]
    list_select_related = ["practice", "municipality"]
    search_fields = ["practice__name", "municipality__name_fi"]
    autocomplete_fields = ["practice", "municipality"]


class EmbeddingStepInline(admin.TabularInline):
    model = EmbeddingStep
    extra = 0


@admin.register(EmbeddingPlan)
class EmbeddingPlanAdmin(TrackedAdmin):
    """The plan and its steps are saved together by ``embedding_plan_save``."""

    list_display = ["practice", "responsible"]
    list_select_related = ["practice"]
    search_fields = ["practice__name", "responsible"]
    autocomplete_fields = ["practice"]
    inlines = [EmbeddingStepInline]

    def save_model(self, request, obj, form, change):
        services.embedding_plan_save(plan=obj)

    def save_formset(self, request, form, formset, change):
        steps = formset.save(commit=False)
        services.embedding_plan_save(
            plan=form.instance, steps=steps, removed_steps=formset.deleted_objects
        )
