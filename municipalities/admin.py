from django.contrib import admin

from core.admin import HTTPS_URL_FIELDS, RelatedRowsInlineMixin, TrackedAdmin
from municipalities.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    Organisation,
    Region,
    ServiceArrangement,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "name_sv"]
    search_fields = ["code", "name_fi", "name_sv"]


class ServiceArrangementInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = ServiceArrangement
    fk_name = "municipality"
    autocomplete_fields = ["provider"]
    select_related = ("municipality", "provider")
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "name_sv", "region", "language_status"]
    list_filter = ["region", "language_status"]
    list_select_related = ["region"]
    search_fields = ["code", "name_fi", "name_sv"]
    autocomplete_fields = ["region"]
    inlines = [ServiceArrangementInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "short_name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class ConsortiumMembershipInline(RelatedRowsInlineMixin, admin.TabularInline):
    model = ConsortiumMembership
    autocomplete_fields = ["municipality"]
    select_related = ("consortium", "municipality")
    extra = 0


@admin.register(Consortium)
class ConsortiumAdmin(TrackedAdmin):
    list_display = ["name", "region", "administrator"]
    list_filter = ["region"]
    list_select_related = ["region", "administrator"]
    search_fields = ["name", "administrator__name_fi", "administrator__name_sv"]
    autocomplete_fields = ["region", "administrator"]
    inlines = [ConsortiumMembershipInline]


@admin.register(ConsortiumMembership)
class ConsortiumMembershipAdmin(TrackedAdmin):
    list_display = [
        "municipality",
        "consortium",
        "role",
        "participation",
        "start_date",
        "end_date",
    ]
    list_filter = ["role", "participation", "consortium__region"]
    list_select_related = ["consortium", "municipality"]
    search_fields = ["municipality__name_fi", "municipality__name_sv", "consortium__name"]
    autocomplete_fields = ["consortium", "municipality"]


@admin.register(ServiceArrangement)
class ServiceArrangementAdmin(admin.ModelAdmin):
    list_display = ["municipality", "provider", "service"]
    list_filter = ["service"]
    list_select_related = ["municipality", "provider"]
    search_fields = ["municipality__name_fi", "provider__name_fi", "note"]
    autocomplete_fields = ["municipality", "provider"]
