"""Personal links for commenting on circulated minutes without an account.

A link carries a registration's id signed with the site's secret: it names the participant,
cannot be forged or pointed at another registration, and needs no login.
"""

from django.core import signing

from workshops.models import Registration

SALT = "workshops.minutes-comment"


def comment_token(registration: Registration) -> str:
    """The signed token of ``registration``'s commenting link."""
    return signing.dumps({"registration": registration.pk}, salt=SALT)


def registration_of_token(token: str) -> Registration | None:
    """The registration a token was made for, with its meeting and minutes; None for a token
    that was tampered with or whose registration no longer exists."""
    try:
        registration_id = signing.loads(token, salt=SALT)["registration"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return (
        Registration.objects.select_related("meeting__project", "meeting__minutes")
        .filter(pk=registration_id)
        .first()
    )
