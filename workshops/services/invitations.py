"""Writes on invitations: where an invitation goes, sending it with its calendar entry, keeping
the invitations in line with a meeting's invitees, declines and bounces, and the notices of a
cancelled meeting."""

from django.db import transaction
from django.utils import timezone

from municipalities.models import LanguageStatus, Municipality, Organisation
from notifications.services import email_enqueue
from projects.models import Contact
from workshops.ics import invitation_calendar
from workshops.links import invitation_decline_url, meeting_url
from workshops.models import Invitation, InvitationStatus, Meeting, MeetingStatus

SWEDISH_SPEAKING = (LanguageStatus.SWEDISH, LanguageStatus.BILINGUAL_SWEDISH_MAJORITY)


def invitation_addresses(meeting: Meeting, invitee: Municipality | Organisation) -> list[str]:
    """Where an invitation goes: the invitee's own address for invitations and those of the
    project's contacts who belong to it, each once."""
    field = "municipality" if isinstance(invitee, Municipality) else "organisation"
    contacts = Contact.objects.filter(project=meeting.project_id, **{field: invitee}).exclude(
        email=""
    )
    addresses = [invitee.invitation_email, *contacts.values_list("email", flat=True)]
    return list(dict.fromkeys(address.lower() for address in addresses if address))


def _invitation_language(invitee) -> str:
    return "sv" if getattr(invitee, "language_status", None) in SWEDISH_SPEAKING else "fi"


def _send_invitation(invitation: Invitation, *, kind: str, method: str) -> None:
    meeting = invitation.meeting
    language = _invitation_language(invitation.invitee)
    agenda_items = meeting.agenda_items.all()  # read once for every address
    for address in invitation.addresses.split():
        email_enqueue(
            to=address,
            kind=kind,
            template=f"workshops/email/{kind}",
            context={
                "meeting": meeting,
                "invitee": invitation.invitee,
                "meeting_url": meeting_url(meeting),
                "decline_url": invitation_decline_url(invitation),
                "agenda_items": agenda_items,
            },
            language=language,
            ics=invitation_calendar(
                meeting,
                method=method,
                url=meeting_url(meeting),
                attendee=address,
                language=language,
            ),
            ics_method=method,
            about=invitation,
        )


def invitations_sync(meeting: Meeting, *, details_changed: bool = False) -> None:
    """Bring the meeting's invitations in line with its invited municipalities and
    organisations: a new invitee gets an invitation (``METHOD:REQUEST``), a removed one's
    invitation is withdrawn (``METHOD:CANCEL``), and when ``details_changed`` the others get
    the updated invitation. Called by the meeting's services in their transaction."""
    if meeting.status != MeetingStatus.PLANNED:
        return
    invitees = [*meeting.invited_municipalities.all(), *meeting.invited_organisations.all()]
    existing = list(meeting.invitations.select_related("municipality", "organisation"))
    known = {(type(row.invitee), row.invitee.pk) for row in existing}
    wanted = {(type(invitee), invitee.pk) for invitee in invitees}
    for invitation in existing:
        if (type(invitation.invitee), invitation.invitee.pk) not in wanted:
            invitation.meeting = meeting
            _send_invitation(invitation, kind="invitation_withdrawn", method="CANCEL")
            invitation.delete()
        elif details_changed and invitation.status != InvitationStatus.DECLINED:
            invitation.meeting = meeting
            _send_invitation(invitation, kind="meeting_invitation_updated", method="REQUEST")
    for invitee in invitees:
        if (type(invitee), invitee.pk) in known:
            continue
        field = "municipality" if isinstance(invitee, Municipality) else "organisation"
        invitation = Invitation.objects.create(
            meeting=meeting,
            addresses="\n".join(invitation_addresses(meeting, invitee)),
            sent_at=timezone.now(),
            **{field: invitee},
        )
        _send_invitation(invitation, kind="meeting_invitation", method="REQUEST")


@transaction.atomic
def invitation_decline(*, invitation: Invitation) -> Invitation:
    """The invitee says no (the link in their invitation)."""
    invitation.status = InvitationStatus.DECLINED
    invitation.save(update_fields=["status"])
    return invitation


@transaction.atomic
def invitation_mark_bounced(*, invitation: Invitation) -> Invitation:
    """The coordinator records that the invitation did not reach its invitee."""
    invitation.status = InvitationStatus.BOUNCED
    invitation.save(update_fields=["status"])
    return invitation


def invitation_message_bounced(invitation: Invitation) -> None:
    """An e-mail of ``invitation`` came back (the admin marked its outbox message bounced):
    the invitation is marked bounced, unless the invitee has registered or declined since."""
    if invitation.status == InvitationStatus.SENT:
        invitation_mark_bounced(invitation=invitation)


def meeting_cancellation_notify(meeting: Meeting) -> set[str]:
    """Tell everyone registered or waiting and every invitee that ``meeting`` is cancelled,
    with a calendar cancellation (``METHOD:CANCEL``) that removes it from their calendar.

    Returns the addresses told, so that followers who are among them are not told twice.
    """
    url = meeting_url(meeting)
    people = list(meeting.registrations.active().values_list("email", "language"))
    told = {address.lower() for address, _language in people}
    for invitation in meeting.invitations.select_related("municipality", "organisation"):
        invitation.meeting = meeting
        _send_invitation(invitation, kind="meeting_cancelled", method="CANCEL")
        told.update(address.lower() for address in invitation.addresses.split())
    for address, language in people:
        email_enqueue(
            to=address,
            kind="meeting_cancelled",
            template="workshops/email/meeting_cancelled",
            context={"meeting": meeting, "meeting_url": url},
            language=language,
            ics=invitation_calendar(
                meeting, method="CANCEL", url=url, attendee=address, language=language
            ),
            ics_method="CANCEL",
        )
    return told
