"""Admin pieces every app's admin shares: bounded queries in inlines and autocompletes,
saving versioned records as their next version, and saving through the apps' services."""

import dataclasses
import datetime
from collections.abc import Callable, Mapping

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from core.pagination import EstimatedCountPaginator
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
    """Gives the autocomplete widgets of each saved row the related objects of that row, and
    builds the form of a new row once.

    Django builds ``empty_form`` (the template of an added row) anew each time it is asked
    for, and the admin asks for it some five times per inline while rendering a change page:
    its headings, its template row, its scripts.
    """

    @cached_property
    def empty_form(self):
        return super().empty_form

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


class LargeTableMixin:
    """The admin of a table that grows to hundreds of thousands of rows: its list counts the
    unfiltered table by PostgreSQL's estimate (``EstimatedCountPaginator``) and does not
    count it a second time for the "of all" figure, and its search reads indexes and at
    most ``search_limit`` rows a field (``newest_matches``).

    Its ``search_fields`` are plain paths of text fields: the table's own, each with a trigram
    index (``core.search.trigram_index``), and those of the tables it refers to.
    """

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    # The most rows that a search word finds in one search field: the newest (by key).
    search_limit = 1000

    def get_search_results(self, request, queryset, search_term):
        """Django's search: every word (or quoted phrase) of ``search_term`` in one of the
        search fields, ignoring case.

        The rows are looked for among the rows that hold one of the words (``newest_matches``):
        those of the word found whole, or, when every word is in more rows than the limit, the
        newest rows that hold the word reaching furthest back, and ``changelist_view`` says
        that older ones are left out. Django's own search then checks the words in those rows
        only."""
        fields = self.get_search_fields(request)
        words = [
            unescape_string_literal(bit) if bit[0] in "\"'" and bit[0] == bit[-1] else bit
            for bit in smart_split(search_term or "")
        ]
        if not (fields and words):
            return queryset, False
        matches = [self.newest_matches(fields, word) for word in words]
        whole = [found for found, oldest_kept in matches if oldest_kept is None]
        if whole:
            candidates = set.intersection(*whole)
        else:
            candidates = min(matches, key=lambda match: match[1])[0]
            request.admin_search_limited = True
        return super().get_search_results(request, queryset.filter(pk__in=candidates), search_term)

    def newest_matches(self, fields: list[str], word: str) -> tuple[set, int | None]:
        """The keys of the newest rows that hold ``word`` in one of ``fields``, and the key
        below which they are not all found (``None``: all of them are), in one query.

        Each field gives its newest ``search_limit`` + 1 rows that hold the word, found apart
        and joined by UNION ALL: OR-ed in one condition over this table's fields and those of
        the tables it refers to, the search read every row (0.3-0.8 s at S=1). Apart, a rare
        word is found in each field's trigram index (or in the other table's, then through
        the key to it), and a common one by reading the table newest first until enough rows
        hold it: a word in half of 100,000 meetings took 0.2 s to find, sort and count whole.

        When a field has more rows than the limit, only the rows newer than its oldest one
        found are kept: every row that holds the word and is newer than that is among those
        found, whichever field holds it, so the rows kept are exactly the newest matches.
        """
        limit = self.search_limit
        newest = self.model._default_manager.order_by("-pk")
        per_field = [
            newest.filter(**{f"{field}__icontains": word})
            .annotate(search_field=models.Value(index))
            .values_list("pk", "search_field")[: limit + 1]
            for index, field in enumerate(fields)
        ]
        hits: dict[int, list] = {}
        for pk, index in per_field[0].union(*per_field[1:], all=True):
            hits.setdefault(index, []).append(pk)
        oldest_kept = max((min(keys) for keys in hits.values() if len(keys) > limit), default=None)
        found = {
            pk for keys in hits.values() for pk in keys if oldest_kept is None or pk > oldest_kept
        }
        return found, oldest_kept

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if getattr(request, "admin_search_limited", False):
            self.message_user(
                request,
                _(
                    "Jokainen hakusana löytyi useammalta kuin %(limit)s riviltä, joten "
                    "näytetään vain uusimmat osumat. Tarkenna hakua harvinaisemmalla sanalla "
                    "löytääksesi vanhemmat."
                )
                % {"limit": number_format(self.search_limit, force_grouping=True)},
                messages.INFO,
            )
        return response


class TrackedAdmin(SimpleHistoryAdmin):
    """The admin of a model with a change history, whose history page restores an earlier
    version ("Palauta").

    A change saved here to a versioned record, in its own page or an inline, is a new version
    (``save_versioned``, here or in the service that ``ServiceWritesMixin`` calls): a
    coordinator's form loaded before it is refused instead of overwriting it, and a restored
    version gets a new number too. The admin itself does not compare versions.
    """

    def save_model(self, request, obj, form, change):
        if change and is_versioned(obj):
            save_versioned(obj)
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
            save_versioned(record)
        for record in formset.new_objects:
            record.save()
        formset.save_m2m()


@dataclasses.dataclass(frozen=True)
class Writes:
    """The services that save and delete the records of one model, each called with the
    record (as the admin's form filled it in) as its ``argument``; a write without a service
    is left to the admin."""

    argument: str
    create: Callable | None = None
    update: Callable | None = None
    delete: Callable | None = None

    def service(self, action: str) -> Callable | None:
        service = getattr(self, action)
        if service is None:
            return None
        return lambda record: service(**{self.argument: record})


class ServiceWritesMixin:
    """Saves and deletes records, in the admin's own pages and in its inlines, through the
    services the portal's pages use (``writes``, by model), so that their rules hold here too.

    A service's refusal (a ValidationError) rolls the whole save back: the change form is
    shown again with the user's input and the refusal above it, and a refused deletion says
    why in a message.
    """

    # The model of an inline that ``writes`` names has all three services.
    writes: Mapping[type[models.Model], Writes] = {}

    def _service(self, model: type[models.Model], action: str) -> Callable | None:
        writes = self.writes.get(model)
        return writes.service(action) if writes else None

    def save_model(self, request, obj, form, change):
        service = self._service(type(obj), "update" if change else "create")
        if service is None:
            super().save_model(request, obj, form, change)
        else:
            service(obj)

    def delete_model(self, request, obj):
        service = self._service(type(obj), "delete")
        if service is None:
            super().delete_model(request, obj)
        else:
            service(obj)

    def delete_queryset(self, request, queryset):
        if self._service(queryset.model, "delete") is None:
            super().delete_queryset(request, queryset)
            return
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        if formset.model not in self.writes:
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)
        for record in formset.deleted_objects:
            self._service(formset.model, "delete")(record)
        for record, _changed in formset.changed_objects:
            self._service(formset.model, "update")(record)
        for record in formset.new_objects:
            self._service(formset.model, "create")(record)
        formset.save_m2m()

    # The views around the saves: a refusal is shown instead of an error page.

    def _showing_refusals(self, view, request, *args, on_form: bool):
        if request.method != "POST":
            return view(request, *args)
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return view(request, *args)
        except ValidationError as refusal:
            if on_form:
                # Nothing was saved: the same request again, whose form now has the refusal.
                request.service_refusal = refusal
                return view(request, *args)
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is None:
            return form

        class RefusedForm(form):
            def clean(self):
                cleaned_data = super().clean()
                self.add_error(None, ValidationError(refusal.messages))
                return cleaned_data

        return RefusedForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._showing_refusals(
            super().changeform_view, request, object_id, form_url, extra_context, on_form=True
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The history's "restore" page, which saves through ``save_model`` too."""
        return self._showing_refusals(
            super().history_form_view, request, object_id, version_id, extra_context, on_form=True
        )

    def delete_view(self, request, object_id, extra_context=None):
        return self._showing_refusals(
            super().delete_view, request, object_id, extra_context, on_form=False
        )

    def changelist_view(self, request, extra_context=None):
        """The changelist's actions, such as deleting the selected records."""
        return self._showing_refusals(
            super().changelist_view, request, extra_context, on_form=False
        )


class YearListFilter(admin.SimpleListFilter):
    """A changelist filter by the year of ``field`` (``year_list_filter``), a date, a time or
    a year (an integer).

    Unlike ``date_hierarchy``, or a filter that lists every distinct value, both of which read
    every row, it asks only for the first and last value (two lookups in the field's index)
    and offers the years in between.
    """

    field: str

    def is_year(self, model: type[models.Model]) -> bool:
        return isinstance(model._meta.get_field(self.field), models.IntegerField)

    def lookups(self, request, model_admin):
        bounds = model_admin.get_queryset(request).aggregate(
            first=models.Min(self.field), last=models.Max(self.field)
        )
        if bounds["first"] is None:
            return []
        first, last = (_year(value) for value in (bounds["first"], bounds["last"]))
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if not (value and value.isdigit()):
            return queryset
        lookup = self.field if self.is_year(queryset.model) else f"{self.field}__year"
        return queryset.filter(**{lookup: int(value)})


def _year(value: int | datetime.date | datetime.datetime) -> int:
    """The year of a year, a date, or a time where the portal is (a time just after the new
    year in Finland is in the old year in UTC)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).year
    return value if isinstance(value, int) else value.year


def year_list_filter(field: str, title: str) -> type[YearListFilter]:
    """The filter of the changelist by the year of ``field`` under the heading ``title``,
    in the address as ``field`` when that is a year, else as ``<field>_year``."""
    parameter = field if field == "year" else f"{field}_year"
    return type(
        "YearListFilter",
        (YearListFilter,),
        {"field": field, "title": title, "parameter_name": parameter},
    )


class LatestRowsFormSet(LoadedRowsFormSet):
    """An inline formset of the parent's latest ``max_rows`` rows only (its inline's order).

    A project has hundreds of budget lines: as form rows they would make its change page
    slow to load and to save. The rest are edited on their own pages.
    """

    # Each row of form widgets costs about 11 ms to render, most of it its autocompletes: five
    # rows keep the project's change page near 140 ms (190 ms with ten) at every size.
    max_rows = 5

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            self._queryset = super().get_queryset()[: self.max_rows]
        return self._queryset
