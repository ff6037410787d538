"""What forms share."""

from django import forms
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


def https_url_formfield(model_field, **kwargs):
    """A model form's ``formfield_callback``: a web address typed without its scheme is taken
    as ``https://`` (the admin's ``core.admin.HTTPS_URL_FIELDS``)."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


class ParentInValidationMixin:
    """A model form for a row whose parent (``parent_field``) the URL names rather than a field.

    Django leaves fields that are not on the form out of model validation. The view sets the
    parent on the instance, so keep it in: the unique constraints over the parent (a duplicate
    budget line, partner or working group member) then show their message instead of failing
    to save.
    """

    parent_field: str

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.discard(self.parent_field)
        return exclusions


# How many matching names a filter offers when the text typed matches several.
LOOKUP_SUGGESTIONS = 5


class LookupField(forms.CharField):
    """A filter by one row of a long list, typed rather than picked from every row.

    The text finds the row by its key (the address's value, such as a project's slug), by its
    exact name, or by a part of the name that only it has. Several matches are an error that
    names the first few, so that the user can make the text exact: this works without
    JavaScript, and the page never lists every row of the other table.
    """

    widget = forms.TextInput(attrs={"type": "search", "autocomplete": "off"})

    def __init__(
        self, *, queryset, key: str, name_fields: tuple[str, ...], suggest_url=None, **kwargs
    ):
        super().__init__(required=False, max_length=300, **kwargs)
        self.queryset, self.key, self.name_fields = queryset, key, name_fields
        if suggest_url is not None:  # a lazy URL: reversed when the page is rendered
            # Where the field's suggestions come from (``core.views.LookupSuggestionsView``).
            self.widget.attrs["data-suggest-url"] = suggest_url

    def row_label(self, row) -> str:
        return str(row)

    def matches(self, text: str, limit: int) -> list:
        """At most ``limit`` rows that ``text`` finds: by key or exact name first, then those
        whose name contains it, by name."""
        by_name, exact = Q(), Q()
        for field in self.name_fields:
            by_name |= Q(**{f"{field}__icontains": text})
            exact |= Q(**{f"{field}__iexact": text})
        if self.key != "pk" or text.isdigit():
            exact |= Q(**{self.key: text})
        return list(
            self.queryset.filter(by_name | exact)
            .annotate(is_exact=ExpressionWrapper(exact, output_field=BooleanField()))
            .order_by("-is_exact", *self.name_fields[:1], "pk")[:limit]
        )

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        rows = self.matches(text, LOOKUP_SUGGESTIONS + 1)
        if rows and (rows[0].is_exact or len(rows) == 1):
            return rows[0]
        if not rows:
            raise forms.ValidationError(_("Ei osumia."), code="not_found")
        names = ", ".join(self.row_label(row) for row in rows[:LOOKUP_SUGGESTIONS])
        raise forms.ValidationError(
            _("Useita osumia, tarkenna: %(names)s"), code="ambiguous", params={"names": names}
        )


class LookupFiltersMixin:
    """A filter form whose ``LookupField``s show the row found by its key (``?project=<slug>``,
    the links of other pages) by its name after ``show_names``."""

    def show_names(self) -> None:
        found = {
            name: field.row_label(self.cleaned_data[name])
            for name, field in self.fields.items()
            if isinstance(field, LookupField) and self.cleaned_data.get(name) is not None
        }
        if found:
            self.data = self.data.copy()
            for name, label in found.items():
                self.data[name] = label


class WidgetRenderer(BaseRenderer):
    """The renderer of every form and widget (``FORM_RENDERER``): Django's own form and widget
    templates through Jinja2, any other (the admin's widgets) through Django's templates.

    Django ships each of its form templates for both engines, with the same HTML; Jinja2
    renders them about three times as fast. A page of many fields feels it: the admin's
    project page has some 180 widgets, and rendered them in 169 ms instead of 205 ms.
    """

    def __init__(self):
        # The templates Jinja2 does not have, asked for again by every such widget of a page:
        # each is looked for once per process.
        self.django_only: set[str] = set()

    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2()

    @cached_property
    def django(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name: str):
        if template_name not in self.django_only:
            try:
                return self.jinja2.get_template(template_name)
            except TemplateDoesNotExist:
                self.django_only.add(template_name)
        return self.django.get_template(template_name)
