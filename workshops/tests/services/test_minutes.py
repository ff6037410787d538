"""Writes on minutes: saving, circulating for comments and approving, and example minutes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.versioning import StaleEdit
from workshops.models import Minutes, MinutesStatus
from workshops.services import (
    MinutesNotCirculated,
    minutes_approve,
    minutes_circulate,
    minutes_save,
)
from workshops.tests.factories import MeetingFactory, MinutesFactory
from workshops.tests.helpers import future

pytestmark = pytest.mark.django_db


def test_approving_minutes_records_the_time_once():
    minutes = MinutesFactory()
    minutes_circulate(minutes=minutes)
    first = minutes_approve(minutes=minutes, user=None).published_at
    minutes_approve(minutes=minutes, user=None)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED
    assert minutes.published_at == first is not None


def test_minutes_save_creates_then_updates_and_keeps_the_circulation():
    meeting = MeetingFactory()
    minutes = minutes_save(meeting=meeting, text="Luonnos")
    minutes_circulate(minutes=minutes)
    minutes = minutes_save(meeting=meeting, text="Korjattu")
    assert Minutes.objects.get() == minutes
    assert minutes.text == "Korjattu"
    assert minutes.status == MinutesStatus.CIRCULATED


def test_minutes_save_and_circulate_circulates_the_text_just_written_as_one_version():
    minutes = MinutesFactory(text="Vanha luonnos")

    minutes_save(
        meeting=minutes.meeting,
        text="Korjattu muistio",
        expected_version=minutes.version,
        circulate=True,
    )

    minutes.refresh_from_db()
    assert (minutes.text, minutes.status, minutes.version) == (
        "Korjattu muistio",
        MinutesStatus.CIRCULATED,
        2,
    )
    assert minutes.circulated_at is not None
    assert minutes.history.count() == 2  # created, then saved and circulated at once


def test_minutes_save_and_circulate_creates_circulated_minutes_on_the_first_save():
    meeting = MeetingFactory()

    minutes = minutes_save(meeting=meeting, text="Ensimmäinen", expected_version=0, circulate=True)

    assert Minutes.objects.get() == minutes
    assert (minutes.text, minutes.status, minutes.version) == (
        "Ensimmäinen",
        MinutesStatus.CIRCULATED,
        1,
    )


def test_stale_minutes_save_and_circulate_saves_and_circulates_nothing():
    minutes = MinutesFactory(text="Luonnos")
    minutes_save(meeting=minutes.meeting, text="Toisen korjaus", expected_version=1)

    with pytest.raises(StaleEdit):
        minutes_save(meeting=minutes.meeting, text="Oma teksti", expected_version=1, circulate=True)

    minutes.refresh_from_db()
    assert (minutes.text, minutes.status, minutes.version) == (
        "Toisen korjaus",
        MinutesStatus.DRAFT,
        2,
    )


def test_minutes_of_a_meeting_not_started_are_saved_but_circulated_only_when_confirmed():
    meeting = MeetingFactory(starts_at=future(), ends_at=future() + datetime.timedelta(hours=2))

    with pytest.raises(MinutesNotCirculated) as refused:
        minutes_save(meeting=meeting, text="Ennakkoon", expected_version=0, circulate=True)

    assert refused.value.reason.messages == [
        "Muistiota ei lähetetty kommentoitavaksi, koska kokous ei ole vielä alkanut."
    ]
    minutes = Minutes.objects.get()
    assert (minutes.text, minutes.status) == ("Ennakkoon", MinutesStatus.DRAFT)
    assert refused.value.minutes.version == minutes.version

    minutes_save(
        meeting=meeting,
        text="Ennakkoon",
        expected_version=minutes.version,
        circulate=True,
        circulate_before_start=True,
    )
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.CIRCULATED


def test_minutes_circulate_refuses_minutes_of_a_meeting_not_started():
    starts = future()
    minutes = MinutesFactory(
        meeting__starts_at=starts, meeting__ends_at=starts + datetime.timedelta(hours=2)
    )

    with pytest.raises(ValidationError, match="kokous ei ole vielä alkanut"):
        minutes_circulate(minutes=minutes)

    minutes.refresh_from_db()
    assert (minutes.status, minutes.circulated_at, minutes.version) == (
        MinutesStatus.DRAFT,
        None,
        1,
    )


# --- Example values (core.examples) ------------------------------------------------------


def test_minutes_save_turns_rewritten_example_minutes_into_facts():
    minutes = MinutesFactory(
        text="Esimerkki",
        status=MinutesStatus.CIRCULATED,
        circulated_at=timezone.now(),
        example_fields=["text"],
    )
    minutes_save(meeting=minutes.meeting, text="Esimerkki")
    minutes.refresh_from_db()
    assert minutes.example_fields == ["text"]
    minutes_save(meeting=minutes.meeting, text="Oikea muistio")
    minutes.refresh_from_db()
    assert minutes.example_fields == []
