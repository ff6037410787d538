"""The meeting forms: Finnish validation messages and choices read before rendering."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from municipalities.tests.factories import MunicipalityFactory, OrganisationFactory
from workshops.forms import (
    AttachmentForm,
    CalendarFilterForm,
    MeetingFilterForm,
    MeetingForm,
    RegistrationForm,
)
from workshops.models import Meeting, MeetingKind, MeetingStatus
from workshops.tests.factories import MeetingFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def meeting_form(project, instance=None, **data):
    data = {
        "title": "Työpaja",
        "kind": MeetingKind.REGIONAL_WORKSHOP,
        "starts_at": "2030-05-03T09:00",
        "ends_at": "2030-05-03T12:00",
        **data,
    }
    return MeetingForm(data, project=project, instance=instance or Meeting(project=project))


def test_meeting_form_accepts_a_valid_meeting(project):
    form = meeting_form(project, working_group=WorkingGroupFactory(project=project).pk)
    assert form.is_valid(), form.errors


# The rules on times and numbers are the model's constraints; the form shows their messages.


def test_meeting_must_end_after_it_starts(project):
    form = meeting_form(project, ends_at="2030-05-03T09:00")
    assert form.errors == {"__all__": ["Tilaisuuden on päätyttävä alkamisensa jälkeen."]}


def test_registration_deadline_may_not_be_after_the_start(project):
    form = meeting_form(project, registration_deadline="2030-05-03T09:01")
    assert form.errors == {"__all__": ["Ilmoittautumisen on päätyttävä ennen tilaisuuden alkua."]}
    assert meeting_form(project, registration_deadline="2030-05-03T09:00").is_valid()


def test_minimum_may_not_exceed_capacity(project):
    form = meeting_form(project, capacity="5", min_registrations="6")
    assert form.errors == {"__all__": ["Vähimmäisosallistujamäärä ei voi ylittää enimmäismäärää."]}


def test_working_group_must_belong_to_the_project(project, other_project):
    form = meeting_form(project, working_group=WorkingGroupFactory(project=other_project).pk)
    assert list(form.errors) == ["working_group"]


def test_status_is_not_chosen_for_a_new_or_cancelled_meeting(project):
    assert "status" not in meeting_form(project).fields
    planned = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    choices = [value for value, _label in meeting_form(project, planned).fields["status"].choices]
    assert choices == [MeetingStatus.PLANNED, MeetingStatus.HELD]
    cancelled = MeetingFactory(
        working_group=WorkingGroupFactory(project=project),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Myrsky",
    )
    assert "status" not in meeting_form(project, cancelled).fields


def test_forms_read_their_choices_when_built(project, django_assert_num_queries, admin_user):
    WorkingGroupFactory(project=project)
    MunicipalityFactory()
    OrganisationFactory()
    forms = [
        MeetingFilterForm({}),
        CalendarFilterForm({}),
        MeetingForm(project=project, instance=Meeting(project=project)),
        RegistrationForm(user=admin_user),
    ]
    with django_assert_num_queries(0):
        for form in forms:
            str(form)


def test_filter_form_gives_only_valid_filters(project):
    municipality = MunicipalityFactory(code="504")
    form = MeetingFilterForm(
        {"project": project.slug, "municipality": "504", "kind": "", "year": "vuosi"}
    )
    assert form.filters() == {"project": project, "municipality": municipality}
    assert "year" in form.errors


@pytest.mark.parametrize("typed", ["Porvoo", "porv", "Borgå"])
def test_meeting_filter_finds_a_municipality_by_its_name_in_either_language(typed):
    porvoo = MunicipalityFactory(name_fi="Porvoo", name_sv="Borgå")
    MunicipalityFactory(name_fi="Pornainen", name_sv="Borgnäs")
    form = MeetingFilterForm({"municipality": typed})
    assert form.filters() == {"municipality": porvoo}
    # The field then shows the name in the user's language.
    assert form["municipality"].value() == "Porvoo"


def test_calendar_filters_have_no_year():
    assert "year" not in CalendarFilterForm({}).fields


def test_registration_form_is_prefilled_from_the_user(django_user_model):
    user = django_user_model(username="maija", first_name="Maija", email="maija@example.fi")
    form = RegistrationForm(user=user)
    assert form.initial == {"name": "Maija", "email": "maija@example.fi"}
    assert RegistrationForm(user=django_user_model(username="matti")).initial["name"] == "matti"


def test_attachment_form_refuses_a_file_over_the_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 3
    upload = SimpleUploadedFile("liite.txt", b"1234", "text/plain")
    form = AttachmentForm({"title": "Liite", "kind": "other", "language": "fi"}, {"file": upload})
    assert form.errors == {"file": ["Tiedosto on liian suuri (enintään 3\xa0tavua)."]}


def test_meeting_times_are_read_in_finnish_time(project):
    form = meeting_form(project)
    assert form.is_valid()
    assert form.cleaned_data["starts_at"].utcoffset() == datetime.timedelta(hours=3)
