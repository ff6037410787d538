"""Optimistic locking of what two coordinators may edit at once: projects, budget lines,
meetings and minutes.

Each of them has a ``version`` that every save moves on. A form carries the version its record
was loaded at (``VersionedModelForm``), and ``save_versioned`` refuses to save over a newer one
with a ``StaleEdit`` that says what the other person changed, so that neither edit is lost.
"""

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.history import FieldChange, field_changes, user_label


def is_versioned(model: type[models.Model] | models.Model) -> bool:
    return any(field.name == "version" for field in model._meta.concrete_fields)


def changes_since(current: models.Model, version: int) -> list[FieldChange]:
    """What changed in ``current`` after its ``version``, from that version's history record;
    nothing when the version has no record (it was saved before the history was kept)."""
    seen = current.history.filter(version=version).order_by("-history_date", "-history_id").first()
    return [] if seen is None else field_changes(seen, current)


class StaleEdit(ValidationError):
    """Someone else saved the record after the user's copy of it was loaded."""

    def __init__(self, *, expected_version: int, current: models.Model):
        self.current_version = current.version
        latest = current.history.select_related("history_user").order_by("-history_id").first()
        if latest is not None and latest.history_user is not None:
            at = timezone.localtime(latest.history_date)
            parts = [
                _("%(user)s tallensi tämän tiedon sillä välin, %(date)s klo %(time)s.")
                % {
                    "user": user_label(latest.history_user),
                    "date": formats.date_format(at, "SHORT_DATE_FORMAT"),
                    "time": formats.time_format(at, "TIME_FORMAT"),
                }
            ]
        else:
            parts = [_("Joku muu tallensi tämän tiedon sillä välin.")]
        changes = changes_since(current, expected_version)
        if changes:
            # A changed text may end in a full stop of its own.
            listed = "; ".join(str(change) for change in changes).rstrip(".")
            parts.append(_("Muuttuneet tiedot: %(changes)s.") % {"changes": listed})
        parts.append(_("Tarkista tiedot ja tallenna uudelleen."))
        super().__init__(" ".join(parts), code="stale")


@transaction.atomic
def save_versioned(
    record: models.Model,
    *,
    expected_version: int | None = None,
    fields: Iterable[str] | None = None,
) -> models.Model:
    """Save a changed project, budget line, meeting or minutes as its next version.

    ``expected_version`` is the version the user's form was loaded at: if someone else has
    saved since, nothing is saved and ``StaleEdit`` says what they changed. None skips the
    comparison (the admin, publishing, cancelling) but still moves the version on, so that
    forms loaded before are refused rather than overwriting this change.

    The row is locked from the comparison to the commit: of two saves from the same version
    the second waits, then reads the first one's version and is refused. ``fields`` limits
    the UPDATE to the fields the caller changed. simple-history writes one history row, naming
    the request's user (its middleware).
    """
    current = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit(expected_version=expected_version, current=current)
    # From the locked row, not the user's copy: a restored old version gets a new number too.
    record.version = current.version + 1
    record.save(update_fields=None if fields is None else [*fields, "version"])
    return record


class VersionedModelForm(forms.ModelForm):
    """A form for a versioned record; after validation ``expected_version`` is the version the
    form was loaded at (0 when no record was saved yet), and ``cleaned_data`` leaves it out.

    The page always sends the version. A request without one did not come from a loaded form
    and is saved without the comparison, as the last of two saves.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        self.expected_version = None

    def clean(self):
        cleaned_data = super().clean()
        self.expected_version = cleaned_data.pop("version", None)
        return cleaned_data

    def add_error(self, field, error):
        if isinstance(error, StaleEdit):
            # The form shows the user's input again with the current version, so that saving
            # it once more, after reading what the other person changed, is accepted.
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = error.current_version
        super().add_error(field, error)
