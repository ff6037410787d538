"""The columns of a meeting's registration list, defined once for the meeting's page and the
CSV export, so that both show the same columns under the same headings."""

import dataclasses
import datetime
from collections.abc import Callable, Iterable

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from workshops.models import Registration, RegistrationQuestion


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
    Column(_("Tila"), lambda registration: registration.get_status_display()),
    Column(_("Osallistui"), lambda registration: _("kyllä") if registration.attended else ""),
]


def question_columns(questions: Iterable[RegistrationQuestion]) -> list[Column]:
    """One column per question of the meeting, holding each registration's answer."""

    def answer(question: RegistrationQuestion) -> Callable[[Registration], object]:
        def value(registration: Registration) -> str:
            return next(
                (a.text for a in registration.answers.all() if a.question_id == question.pk), ""
            )

        return value

    return [Column(question.text, answer(question)) for question in questions]


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
    registrations: Iterable[Registration],
    *,
    questions: Iterable[RegistrationQuestion] = (),
    time_format: str = "SHORT_DATETIME_FORMAT",
) -> RegistrationTable:
    """The registrations as rows of their columns' texts, "" where a value is missing, and
    times in ``time_format`` (a format or the name of one; by default the user's language's),
    with a column for each of the meeting's ``questions``.

    The registrations need their organisation, municipality and answers loaded
    (``registrations_of``).
    """
    columns = REGISTRATION_COLUMNS + question_columns(questions)
    return RegistrationTable(
        headers=[str(column.label) for column in columns],
        rows=[
            [text(column.value(registration), time_format) for column in columns]
            for registration in registrations
        ],
    )
