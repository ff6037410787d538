"""Personal links in e-mails: signed, so that they work without logging in and cannot be
guessed or changed to reach someone else's registration or invitation."""

from django.core import signing
from django.urls import reverse

from notifications.services import absolute_url

REGISTRATION_SALT = "workshops.registration"
INVITATION_SALT = "workshops.invitation"


def registration_token(registration) -> str:
    return signing.dumps(registration.pk, salt=REGISTRATION_SALT)


def invitation_token(invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def signed_pk(token: str, *, salt: str) -> int | None:
    """The primary key a token was signed for, or None for a forged or damaged token."""
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def registration_url(registration) -> str:
    return absolute_url(
        reverse("workshops:registration_manage", args=[registration_token(registration)])
    )


def invitation_decline_url(invitation) -> str:
    return absolute_url(
        reverse("workshops:invitation_decline", args=[invitation_token(invitation)])
    )


def meeting_url(meeting) -> str:
    return absolute_url(reverse("workshops:meeting_detail", args=[meeting.pk]))
