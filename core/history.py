"""Change history as the pages show it: who changed what, field by field.

django-simple-history writes one historical row per create, update and delete, naming the user
(its request middleware sets the user for every write of a request). The latest rows of the
histories a page asks for become ``HistoryEntry`` items, each with the fields changed since the
object's previous row. The apps register how each of their models is named in a history
(``register_subject``); this module knows no model of its own.
"""

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from types import SimpleNamespace

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from core.money import MoneyField, format_money

HISTORY_LENGTH = 20
# Bookkeeping rather than information: the key and the optimistic-locking counter.
UNSHOWN_FIELDS = {"id", "version"}
TEXT_PREVIEW = 80
EMPTY = "–"

# How a history names a changed record of a model ("Budjettirivi 2017 matkakulut"), and how a
# record is named where another one links to it; both registered by the model's app.
SUBJECTS: dict[type[models.Model], Callable[[models.Model], str]] = {}
LABELS: dict[type[models.Model], Callable[[models.Model], str]] = {}


def register_subject(
    model: type[models.Model],
    subject: Callable[[models.Model], str],
    *,
    label: Callable[[models.Model], str] | None = None,
) -> None:
    """Name ``model``'s records in change histories: ``subject`` heads a change of a record
    (given the historical record), ``label`` names a record that another one links to
    (``str`` when not given)."""
    SUBJECTS[model] = subject
    if label is not None:
        LABELS[model] = label


@contextmanager
def acting_user(user):
    """Name ``user`` in the history of every write in the block when no request does: for a
    service called by a command or a worker job with the user it acts for. Inside a request,
    the request's user is kept (the middleware's)."""
    context = HistoricalRecords.context
    if user is None or getattr(context, "request", None) is not None:
        yield
        return
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        del context.request


@dataclasses.dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


@dataclasses.dataclass(frozen=True)
class HistoryEntry:
    at: datetime.datetime
    user: str
    subject: str
    action: str
    changes: list[FieldChange]


def user_label(user) -> str:
    return user.get_full_name() or user.get_username()


def object_label(obj: models.Model) -> str:
    if isinstance(obj, AbstractBaseUser):
        return user_label(obj)
    label = LABELS.get(type(obj))
    return label(obj) if label else str(obj)


def model_of(record: models.Model) -> type[models.Model]:
    """The tracked model of a historical record, or the model of an ordinary row."""
    return getattr(record, "instance_type", type(record))


def shown_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields of ``model`` that its history records and a change lists."""
    tracked = {field.attname for field in model.history.model.tracked_fields}
    return [
        field
        for field in model._meta.concrete_fields
        if field.attname in tracked and field.name not in UNSHOWN_FIELDS
    ]


def display_value(record: models.Model, field: models.Field) -> str:
    """The value of ``field`` in ``record`` (a row or a historical record) as the pages show it:
    "25 000,00 €", "3.5.2017", a choice's label, a linked object's name."""
    value = getattr(record, field.attname)
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        try:
            related = getattr(record, field.name)
        except ObjectDoesNotExist:
            related = None
        # A historical record may point to an object deleted since.
        return object_label(related) if related is not None else _("(poistettu)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, MoneyField):
        return format_money(value)
    if isinstance(field, models.BooleanField):
        return _("kyllä") if value else _("ei")
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return Truncator(str(value)).chars(TEXT_PREVIEW)


def field_changes(old: models.Model, new: models.Model) -> list[FieldChange]:
    """The fields whose values differ between ``old`` and ``new``, two versions of one object
    (historical records or its current row), as the pages show them."""
    return [
        FieldChange(
            label=capfirst(field.verbose_name),
            old=display_value(old, field),
            new=display_value(new, field),
        )
        for field in shown_fields(model_of(new))
        if getattr(old, field.attname) != getattr(new, field.attname)
    ]


ACTIONS = {
    "+": gettext_lazy("Lisätty"),
    "~": gettext_lazy("Muutettu"),
    "-": gettext_lazy("Poistettu"),
}


def _latest_with_previous(history: models.QuerySet, limit: int) -> list[tuple]:
    """The ``limit`` latest records of ``history`` with each one's previous record of the same
    object (None for the first), in one query.

    The query fetches the latest records together with their predecessors, so that the
    differences need no query per record.
    """
    model = history.model
    previous = (
        model._default_manager.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    newest_first = history.order_by("-history_date", "-history_id")
    latest_ids = newest_first.values("history_id")[:limit]
    previous_ids = newest_first.annotate(previous_id=Subquery(previous)).values("previous_id")[
        :limit
    ]
    linked = [field.name for field in model.tracked_fields if field.is_relation]
    records = (
        model._default_manager.filter(Q(history_id__in=latest_ids) | Q(history_id__in=previous_ids))
        .annotate(
            previous_id=Subquery(previous),
            is_latest=ExpressionWrapper(Q(history_id__in=latest_ids), output_field=BooleanField()),
        )
        .select_related("history_user", *linked)
    )
    by_id = {record.history_id: record for record in records}
    return [
        (record, by_id.get(record.previous_id)) for record in by_id.values() if record.is_latest
    ]


def _entry(record, previous) -> HistoryEntry:
    changes = []
    if record.history_type == "~" and previous is not None:
        changes = field_changes(previous, record)
    return HistoryEntry(
        at=record.history_date,
        # Rows written outside a request (the demo loader, commands) have no user.
        user=user_label(record.history_user) if record.history_user else _("järjestelmä"),
        subject=SUBJECTS[record.instance_type](record),
        action=str(ACTIONS[record.history_type]),
        changes=changes,
    )


def latest_entries(
    histories: Iterable[models.QuerySet], *, limit: int = HISTORY_LENGTH
) -> list[HistoryEntry]:
    """The ``limit`` latest changes in the historical querysets ``histories``, newest first,
    each with what changed; one query per queryset."""
    pairs = [pair for history in histories for pair in _latest_with_previous(history, limit)]
    pairs.sort(key=lambda pair: (pair[0].history_date, pair[0].history_id), reverse=True)
    return [_entry(record, previous) for record, previous in pairs[:limit]]
