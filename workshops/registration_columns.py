"""The columns of a meeting's registration list, defined once for the meeting's page and the
CSV export, so that both show the same columns under the same headings."""

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Iterator

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from workshops.models import Registration


@dataclasses.dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Registration], object]


REGISTRATION_COLUMNS = [
    Column(_("Nimi"), lambda registration: registration.name),
    Column(_("Sähköposti"), lambda registration: registration.email),
    Column(_("Organisaatio"), lambda registration: registration.organisation),
    Column(_("Kunta"), lambda registration: registration.municipality),
    Column(_("Ilmoittautunut"), lambda registration: registration.created_at),
]


@dataclasses.dataclass(frozen=True)
class RegistrationTable:
    headers: list[str]
    rows: list[list[str]]


def text(value, time_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), time_format)
    return str(value)


def registration_table(
    registrations: Iterable[Registration], *, time_format: str = "SHORT_DATETIME_FORMAT"
) -> RegistrationTable:
    """The registrations as rows of their columns' texts, "" where a value is missing, and
    times in ``time_format`` (a format or the name of one; by default the user's language's).

    The registrations need their organisation and municipality loaded (``registrations_of``).
    """
    return RegistrationTable(
        headers=registration_headers(), rows=list(registration_rows(registrations, time_format))
    )


def registration_headers() -> list[str]:
    return [str(column.label) for column in REGISTRATION_COLUMNS]


def registration_rows(
    registrations: Iterable[Registration], time_format: str
) -> Iterator[list[str]]:
    """The rows of ``registration_table`` one at a time, for an export streamed as it is
    read."""
    for registration in registrations:
        yield [text(column.value(registration), time_format) for column in REGISTRATION_COLUMNS]
