"""Writes on invitations: calendar requests, updates and cancels, declines, a cancelled meeting."""

import datetime

import pytest

from municipalities.models import LanguageStatus
from municipalities.tests.factories import MunicipalityFactory, OrganisationFactory
from projects.tests.factories import ContactFactory
from workshops.models import InvitationStatus, Meeting
from workshops.services import (
    invitation_decline,
    meeting_cancel,
    meeting_create,
    meeting_update,
    registration_cancel,
)
from workshops.tests.factories import AgendaItemFactory
from workshops.tests.helpers import coming_meeting, future, outbox, register

pytestmark = pytest.mark.django_db


def test_invitation_lists_the_agenda_built_before_inviting():
    meeting = coming_meeting()
    AgendaItemFactory(meeting=meeting, order=2, title="Perhekeskusten tilannekatsaus")
    AgendaItemFactory(meeting=meeting, order=1, title="Avaus", presenter="Liisa Lohjalainen")
    municipality = MunicipalityFactory(invitation_email="kirjaamo@lohja.fi")

    meeting_update(meeting=meeting, invited_municipalities=[municipality])

    [invitation] = outbox("meeting_invitation")
    assert "1. Avaus (Liisa Lohjalainen)\n2. Perhekeskusten tilannekatsaus\n" in invitation.body


def test_inviting_sends_a_calendar_request_to_each_contact_address(project):
    municipality = MunicipalityFactory(
        invitation_email="kirjaamo@porvoo.fi", language_status=LanguageStatus.FINNISH
    )
    organisation = OrganisationFactory(invitation_email="")
    ContactFactory(project=project, municipality=municipality, email="Liisa@porvoo.fi")
    ContactFactory(project=project, organisation=organisation, email="info@jarjesto.fi")
    starts = future()
    meeting = meeting_create(
        meeting=Meeting(project=project),
        kind="seminar",
        title="Perhekeskusseminaari",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        invited_municipalities=[municipality],
        invited_organisations=[organisation],
    )
    messages = outbox("meeting_invitation")
    assert sorted(m.to for m in messages) == [
        "info@jarjesto.fi",
        "kirjaamo@porvoo.fi",
        "liisa@porvoo.fi",
    ]
    ics = messages[0].ics
    assert messages[0].ics_method == "REQUEST"
    assert "METHOD:REQUEST" in ics
    assert f"UID:meeting-{meeting.pk}@lape-portaali" in ics
    assert "SEQUENCE:1" in ics
    assert f"/kokoukset/{meeting.pk}/" in messages[0].body
    assert "/kutsu/" in messages[0].body  # the link to decline
    assert sorted(meeting.invitations.values_list("status", flat=True)) == ["sent", "sent"]


def test_a_changed_meeting_sends_the_invitees_a_new_request_with_a_higher_sequence(project):
    municipality = MunicipalityFactory(invitation_email="kirjaamo@porvoo.fi")
    meeting = coming_meeting(working_group__project=project)
    meeting_update(meeting=meeting, invited_municipalities=[municipality])
    meeting_update(meeting=meeting, title="Uusi otsikko")
    meeting_update(meeting=meeting, theme="The theme is not in the calendar")

    assert "SEQUENCE:2" in outbox("meeting_invitation")[0].ics
    updates = outbox("meeting_invitation_updated")
    assert len(updates) == 1
    assert "SUMMARY:Uusi otsikko" in updates[0].ics
    assert "SEQUENCE:3" in updates[0].ics


def test_an_invitee_taken_off_the_meeting_gets_a_calendar_cancel_of_its_invitation():
    porvoo = MunicipalityFactory(name_fi="Porvoo", invitation_email="kirjaamo@porvoo.fi")
    meeting = coming_meeting()
    meeting_update(meeting=meeting, invited_municipalities=[porvoo])
    meeting_update(meeting=meeting, invited_municipalities=[])
    [withdrawn] = outbox("invitation_withdrawn")
    assert (withdrawn.to, withdrawn.ics_method) == ("kirjaamo@porvoo.fi", "CANCEL")
    assert "Porvoo" in withdrawn.body
    assert not meeting.invitations.exists()


def test_registering_from_an_invited_municipality_and_declining_set_the_invitations_state():
    porvoo, lohja = MunicipalityFactory(), MunicipalityFactory()
    meeting = coming_meeting()
    meeting_update(meeting=meeting, invited_municipalities=[porvoo, lohja])
    register(meeting, municipality=porvoo)
    invitation_decline(invitation=meeting.invitations.get(municipality=lohja))
    assert dict(meeting.invitations.values_list("municipality", "status")) == {
        porvoo.pk: InvitationStatus.REGISTERED,
        lohja.pk: InvitationStatus.DECLINED,
    }


def test_cancelling_tells_the_registered_the_waiting_and_the_invited_with_a_calendar_cancel():
    municipality = MunicipalityFactory(invitation_email="kirjaamo@porvoo.fi")
    meeting = coming_meeting(capacity=1)
    meeting_update(meeting=meeting, invited_municipalities=[municipality])
    register(meeting, email="eka@example.fi")
    register(meeting, email="toka@example.fi")
    cancelled = register(meeting, email="peruja@example.fi")
    registration_cancel(registration=cancelled)

    meeting_cancel(meeting=meeting, reason="Liian vähän ilmoittautuneita")

    messages = outbox("meeting_cancelled")
    assert sorted(m.to for m in messages) == [
        "eka@example.fi",
        "kirjaamo@porvoo.fi",
        "toka@example.fi",
    ]
    assert all("METHOD:CANCEL" in m.ics and m.ics_method == "CANCEL" for m in messages)
    assert all("STATUS:CANCELLED" in m.ics for m in messages)
    assert "Liian vähän ilmoittautuneita" in messages[0].body
