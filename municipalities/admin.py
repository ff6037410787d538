from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.forms.models import BaseInlineFormSet

from municipalities.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    Organisation,
    Region,
    ServiceArrangement,
)

# Addresses typed without a scheme are read as https (Django 6's default, silenced here).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class LoadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that labels its selected value from ``loaded``, an object in memory.

    Django's widget queries for the selected object once per form, in an inline once per row;
    ``LoadedRowsFormSet`` hands each row's widget the object the row query already brought.
    """

    loaded: models.Model | None = None

    def optgroups(self, name, value, attr=None):
        if self.loaded is None or [str(v) for v in value] != [str(self.loaded.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(self.loaded)
        options.append(self.create_option(name, self.loaded.pk, label, True, len(options)))
        return [(None, options, 0)]


class LoadedRowsFormSet(BaseInlineFormSet):
    """Gives the autocomplete widgets of each saved row the related objects of that row."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if form.instance.pk is None:
            return
        for name, field in form.fields.items():
            # The admin wraps the widget in the one that adds the "+" and edit links.
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, LoadedAutocompleteSelect):
                widget.loaded = getattr(form.instance, name)


class RelatedRowsInlineMixin:
    """An inline whose rows bring their related objects along in one query.

    ``select_related`` names what each row shows: its heading (``str(row)``) and its
    autocomplete fields, whose selected values are then labelled from the loaded objects.
    Without it every row queries for each of them, so the change page grows with the rows.
    """

    formset = LoadedRowsFormSet
    select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                LoadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
class ConsortiumAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "administrator"]
    list_filter = ["region"]
    list_select_related = ["region", "administrator"]
    search_fields = ["name", "administrator__name_fi", "administrator__name_sv"]
    autocomplete_fields = ["region", "administrator"]
    inlines = [ConsortiumMembershipInline]


@admin.register(ConsortiumMembership)
class ConsortiumMembershipAdmin(admin.ModelAdmin):
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
