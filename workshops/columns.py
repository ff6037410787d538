"""The columns of the meeting list and of a meeting's registrations, defined once for the
pages and their files (``core.exports``), so that both show the same columns under the same
headings."""

from collections.abc import Callable, Iterable

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.exports import DATETIME, Column
from core.i18n import choice_label
from core.templatetags.languages import localized
from workshops.models import (
    MeetingKind,
    MeetingStatus,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from workshops.templatetags.meetings import meeting_marks, meeting_status, meeting_time


def meeting_place(meeting) -> str:
    """Where the meeting is held: its place and host municipality, either, or ""."""
    host = meeting.host_municipality.name if meeting.host_municipality else ""
    if meeting.place and host and meeting.place != host:
        return f"{meeting.place}, {host}"
    return meeting.place or host


def title_cell(meeting, text: str) -> str:
    """The meeting's title linked to its page, with its minutes and attachment marks."""
    link = format_html(
        '<a href="{}">{}</a>',
        reverse("workshops:meeting_detail", args=[meeting.pk]),
        localized(meeting.localized_title),
    )
    if not (meeting.has_published_minutes or meeting.attachment_count):
        return link
    return format_html('{}\n<span class="d-block small">{}</span>', link, meeting_marks(meeting))


def working_group_cell(meeting, text: str) -> str:
    if not meeting.working_group:
        return "–"
    return format_html(
        '<a href="{}">{}</a>',
        reverse("workshops:working_group_detail", args=[meeting.working_group.pk]),
        text,
    )


MEETING_COLUMNS = [
    Column(
        _("Aika"),
        lambda meeting: meeting.starts_at,
        DATETIME,
        cell=lambda meeting, text: meeting_time(meeting),
    ),
    Column(_("Kokous"), lambda meeting: meeting.title, cell=title_cell),
    Column(_("Tyyppi"), lambda meeting: choice_label(MeetingKind, meeting.kind).capitalize()),
    Column(_("Hanke"), lambda meeting: meeting.project.localized_name),
    Column(
        _("Työryhmä"),
        lambda meeting: meeting.working_group.name if meeting.working_group else "",
        cell=working_group_cell,
    ),
    Column(_("Paikka"), meeting_place),
    Column(
        _("Tila"),
        lambda meeting: choice_label(MeetingStatus, meeting.status).capitalize(),
        cell=lambda meeting, text: meeting_status(meeting),
    ),
]

REGISTRATION_COLUMNS = [
    Column(_("Nimi"), lambda registration: registration.name),
    Column(_("Sähköposti"), lambda registration: registration.email),
    Column(_("Organisaatio"), lambda registration: registration.organisation),
    Column(_("Kunta"), lambda registration: registration.municipality),
    Column(_("Ilmoittautunut"), lambda registration: registration.created_at, DATETIME),
    Column(_("Tila"), lambda registration: choice_label(RegistrationStatus, registration.status)),
    Column(_("Osallistui"), lambda registration: _("kyllä") if registration.attended else ""),
]


def question_columns(questions: Iterable[RegistrationQuestion]) -> list[Column]:
    """One column per question of the meeting, holding each registration's answer (the
    registrations come from ``with_answers``)."""

    def answer(question: RegistrationQuestion) -> Callable[[Registration], object]:
        def value(registration: Registration) -> str:
            return next(
                (a.text for a in registration.question_answers if a.question_id == question.pk),
                "",
            )

        return value

    return [Column(question.text, answer(question)) for question in questions]


def registration_columns(questions: Iterable[RegistrationQuestion] = ()) -> list[Column]:
    """The registration list's columns with one for each of the meeting's ``questions``."""
    return REGISTRATION_COLUMNS + question_columns(questions)
