from django.contrib import admin
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from municipalities.admin import HTTPS_URL_FIELDS, RelatedRowsInlineMixin
from projects.concurrency import is_versioned, save_versioned
from projects.models import (
    BudgetLine,
    Contact,
    Cooperation,
    DevelopmentArea,
    Expense,
    FunderRequest,
    GrantDecision,
    Project,
    ProjectDevelopmentArea,
    ProjectPartner,
)
from projects.templatetags.portal import money, percent


class SelectRelatedEverywhereMixin:
    """Applies ``list_select_related`` to every queryset of the admin, not only the changelist.

    For models whose ``str()`` names a related object: other admins' autocompletes list them
    by it. (The changelist adds ``list_select_related`` only when nothing is selected yet.)
    """

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)


class TrackedAdmin(SimpleHistoryAdmin):
    """The admin of a model with a change history, whose history page restores an earlier
    version ("Palauta").

    A change saved here to a project, budget line, meeting or minutes, in its own page or an
    inline, is a new version (``save_versioned``): a coordinator's form loaded before it is
    refused instead of overwriting it, and a restored version gets a new number too. The admin
    itself does not compare versions.
    """

    def save_model(self, request, obj, form, change):
        if change and is_versioned(obj):
            save_versioned(obj, user=request.user)
        else:
            super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if not is_versioned(formset.model):
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)
        for record in formset.deleted_objects:
            record.delete()
        for record, _changed in formset.changed_objects:
            save_versioned(record, user=request.user)
        for record in formset.new_objects:
            record.save()
        formset.save_m2m()


@admin.register(DevelopmentArea)
class DevelopmentAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name_fi", "name_sv"]
    search_fields = ["name_fi", "name_sv"]


class BudgetLineInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = BudgetLine
    autocomplete_fields = ["development_area"]
    select_related = ("project", "development_area")
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
class ProjectAdmin(TrackedAdmin):
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
        return money(project.amount_granted)

    @admin.display(description=_("kokonaisbudjetti"), ordering="total_budget")
    def budget(self, project: Project) -> str:
        return money(project.total_budget)

    @admin.display(description=_("omarahoitus"), ordering=F("total_budget") - F("amount_granted"))
    def own_financing(self, project: Project) -> str:
        return money(project.own_financing)

    @admin.display(description=_("käytetty"), ordering="amount_spent")
    def spent(self, project: Project) -> str:
        share = project.spent_share
        if share is None:
            return money(project.amount_spent)
        return f"{money(project.amount_spent)} ({percent(share)})"


@admin.register(ProjectDevelopmentArea)
class ProjectDevelopmentAreaAdmin(admin.ModelAdmin):
    list_display = ["project", "development_area", "scope"]
    list_filter = ["development_area", "scope"]
    list_select_related = ["project", "development_area"]
    search_fields = ["project__name", "project__short_name", "note"]
    autocomplete_fields = ["project", "development_area"]


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(admin.ModelAdmin):
    list_display = ["project", "organisation", "municipality", "role", "funded_share"]
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
    extra = 0


@admin.register(GrantDecision)
class GrantDecisionAdmin(SelectRelatedEverywhereMixin, TrackedAdmin):
    list_display = ["project", "funder", "decision_date", "amount_applied", "amount_granted"]
    list_filter = [("funder", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["project", "funder"]
    date_hierarchy = "decision_date"
    search_fields = ["project__name", "project__short_name", "funder__name", "funder__short_name"]
    autocomplete_fields = ["project", "funder"]
    inlines = [FunderRequestInline]


@admin.register(FunderRequest)
class FunderRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "grant", "grant__project", "kind", "status"]
    list_filter = ["kind", "status"]
    list_select_related = ["grant__funder", "grant__project"]
    search_fields = ["description", "grant__project__short_name", "grant__funder__name"]
    autocomplete_fields = ["grant"]


@admin.register(BudgetLine)
class BudgetLineAdmin(SelectRelatedEverywhereMixin, TrackedAdmin):
    list_display = ["project", "year", "category", "development_area", "amount"]
    list_filter = ["year", "category", "development_area"]
    list_select_related = ["project", "development_area"]
    search_fields = ["project__name", "project__short_name", "description"]
    autocomplete_fields = ["project", "development_area"]


@admin.register(Expense)
class ExpenseAdmin(TrackedAdmin):
    list_display = ["date", "description", "budget_line", "amount"]
    list_filter = ["budget_line__year", "budget_line__category"]
    list_select_related = ["budget_line__project"]
    date_hierarchy = "date"
    search_fields = ["description", "budget_line__project__short_name"]
    autocomplete_fields = ["budget_line"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "title", "project", "organisation", "municipality", "email"]
    list_filter = ["role"]
    list_select_related = ["project", "organisation", "municipality"]
    search_fields = ["name", "title", "email", "project__short_name"]
    autocomplete_fields = ["project", "organisation", "municipality", "user"]
