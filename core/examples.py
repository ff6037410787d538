"""Example values: what a record holds only as an example, because its sources do not say.

The demo data are the facts of the project documents, but a page needs some values the documents
never give (a meeting's clock time, a minutes text, a Swedish name). Such values are kept, and
marked where they are stored: a model that can hold them has an ``ExampleValuesField`` named
``example_fields`` listing which of its values are examples, each one of the model's own
choices (``Meeting``: "date", "time"...). Pages show the label "Esimerkkiaineisto" next to a
marked value (``{% example_mark record "time" %}``, ``core.templatetags.examples``), so that no
example is read as fact. A person who sets a marked value through a service turns it into a
fact: ``unmark`` and ``unmark_changed`` remove its mark.
"""

from collections.abc import Iterable

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

FIELD_NAME = "example_fields"


class ExampleValuesField(ArrayField):
    """The names of a record's values that are examples; ``base_field`` is a CharField whose
    choices name the values that can be marked. Empty (the default) for a record of facts."""

    def __init__(self, base_field, **kwargs):
        kwargs.setdefault("verbose_name", _("esimerkkiarvot"))
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault(
            "help_text",
            _(
                "Arvot, joita lähteet eivät kerro. Sivut näyttävät niiden vieressä merkinnän "
                "Esimerkkiaineisto."
            ),
        )
        super().__init__(base_field, **kwargs)

    def formfield(self, **kwargs):
        # One checkbox per value rather than a comma-separated text box.
        return forms.MultipleChoiceField(
            choices=self.base_field.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=kwargs.get("label", str(self.verbose_name).capitalize()),
            help_text=self.help_text,
        )


def example_fields_valid(choices: type[models.TextChoices], *, name: str):
    """The constraint that a model's ``example_fields`` name only its markable values."""
    return models.CheckConstraint(
        condition=Q(**{f"{FIELD_NAME}__contained_by": list(choices.values)}), name=name
    )


def example_labels(record: models.Model, names: Iterable[str] = ()) -> list[str]:
    """The labels of ``record``'s values among ``names`` (all, when none are given) that are
    examples, in the order of the model's choices."""
    marked = set(getattr(record, FIELD_NAME, None) or ())
    if names:
        marked &= set(names)
    choices = record._meta.get_field(FIELD_NAME).base_field.choices
    return [str(label) for value, label in choices if value in marked]


def unmark(record: models.Model, changed: Iterable[str]) -> bool:
    """Remove the marks of the example values that ``changed``, names of model fields a person
    has just set, replace; return whether any mark was removed (``example_fields`` then needs
    saving).

    A mark covers the model field of its own name, or the fields its model lists for it in
    ``EXAMPLE_VALUE_FIELDS`` (a meeting's "time" lies in ``starts_at`` and ``ends_at``).
    """
    changed = set(changed)
    covers = getattr(record, "EXAMPLE_VALUE_FIELDS", {})
    marks = getattr(record, FIELD_NAME)
    kept = [mark for mark in marks if not changed & set(covers.get(mark, (mark,)))]
    if kept == marks:
        return False
    setattr(record, FIELD_NAME, kept)
    return True


def unmark_changed(record: models.Model) -> bool:
    """Remove the marks of ``record``'s example values that differ from its stored row, where a
    form has just put a person's values; return whether any mark was removed.

    Queries only for a stored record with marks. Values in many-to-many fields are left to the
    caller, who knows the new set.
    """
    marks = getattr(record, FIELD_NAME, None)
    if record._state.adding or not marks:
        return False
    covers = getattr(record, "EXAMPLE_VALUE_FIELDS", {})
    fields = {
        name
        for mark in marks
        for name in covers.get(mark, (mark,))
        if not record._meta.get_field(name).many_to_many
    }
    if not fields:
        return False
    stored = type(record)._default_manager.filter(pk=record.pk).values(*fields).get()
    return unmark(record, [name for name in fields if stored[name] != getattr(record, name)])
