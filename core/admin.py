"""Admin pieces every app's admin shares: bounded queries in inlines and autocompletes, and
saving versioned records as their next version."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from core.versioning import is_versioned, save_versioned

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
