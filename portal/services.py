"""Writes of the site as a whole: accessibility feedback, and a person's data erased across
every app (GDPR, article 17) or anonymised when its retention period ends."""

import datetime

from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from notifications.services import email_enqueue
from portal.models import Feedback
from portal.personal_data import person_records
from portal.roles import COORDINATORS, MUNICIPAL_STAFF, ROLE_GROUPS
from projects.models import Contact
from projects.services import contact_delete, contact_update
from workshops.models import Registration, RegistrationAnswer

ANONYMISED_NAME = "–"
# Anonymised registrations keep a unique address (one registration per address per meeting)
# in a domain that cannot receive e-mail (RFC 2606).
ANONYMISED_EMAIL_DOMAIN = "@anonymised.invalid"
ERASED_LABEL = "–"


@transaction.atomic
def feedback_create(
    *, name: str, email: str, page_url: str, message: str, language: str
) -> Feedback:
    """Store accessibility feedback and tell the maintainers (``PORTAL_FEEDBACK_EMAILS``)."""
    feedback = Feedback(
        name=name.strip(),
        email=email.strip(),
        page_url=page_url.strip(),
        message=message.strip(),
        language=language,
    )
    feedback.full_clean()
    feedback.save()
    for address in settings.PORTAL_FEEDBACK_EMAILS:
        email_enqueue(
            to=address,
            kind="accessibility_feedback",
            template="portal/email/feedback",
            context={"feedback": feedback},
        )
    return feedback


def _anonymised_email():
    return Concat(
        models.Value("registration-"),
        Cast("id", models.CharField()),
        models.Value(ANONYMISED_EMAIL_DOMAIN),
        output_field=models.CharField(),
    )


def _scrub_log_entries(model: type[models.Model], ids: list[int]) -> None:
    """The admin's log names a record by its text (a registration by its person): blank it."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in ids],
    ).update(object_repr=ERASED_LABEL, change_message="")


def registrations_anonymise(*, ids: list[int]) -> int:
    """Remove the person from registrations, in their rows and change history alike; the
    registrations stay, so each meeting's counts and its municipalities' shares stay too."""
    anonymised = {"name": ANONYMISED_NAME, "email": _anonymised_email(), "user": None}
    # Answers to the meeting's questions (diets, accessibility needs) are the person's too.
    RegistrationAnswer.objects.filter(registration__in=ids).delete()
    count = Registration.objects.filter(pk__in=ids).update(**anonymised)
    Registration.history.filter(id__in=ids).update(**anonymised)
    _scrub_log_entries(Registration, ids)
    return count


@transaction.atomic
def registrations_anonymise_expired(*, now: datetime.datetime | None = None) -> int:
    """Anonymise the registrations of meetings held more than ``REGISTRATION_RETENTION_DAYS``
    ago; returns how many were anonymised."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    ids = list(
        Registration.objects.filter(meeting__starts_at__lt=cutoff)
        .exclude(email__endswith=ANONYMISED_EMAIL_DOMAIN)
        .values_list("pk", flat=True)
    )
    return registrations_anonymise(ids=ids)


def _user_references_in_history(user_ids: list[int]) -> None:
    """Change history keeps the ids of users in the records' own columns (an attachment's
    uploader): once the user is gone, those ids would still tie the rows to the person."""
    user_model = get_user_model()
    for model in apps.get_models():
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        history = getattr(model, model._meta.simple_history_manager_attribute)
        for field in history.model._meta.concrete_fields:
            if field.related_model is user_model and field.name != "history_user":
                history.filter(**{f"{field.name}__in": user_ids}).update(**{field.name: None})


@transaction.atomic
def person_erase(*, email: str) -> dict[str, int]:
    """Erase everything of the person with ``email``: their user accounts, contact entries,
    feedback and outgoing e-mail are deleted, their registrations anonymised (the counts stay),
    and the change history and admin log keep nothing of them. Returns what was erased."""
    records = person_records(email)
    user_ids = list(records.users.values_list("pk", flat=True))
    contact_ids = list(records.contacts.values_list("pk", flat=True))
    registration_ids = list(records.registrations.values_list("pk", flat=True))
    erased = {"registrations": registrations_anonymise(ids=registration_ids)}
    for contact in Contact.objects.filter(pk__in=contact_ids):
        contact_delete(contact=contact)
    erased["contacts"] = len(contact_ids)
    # The deletion itself wrote a history row of each contact: all of them go.
    Contact.history.filter(id__in=contact_ids).delete()
    _scrub_log_entries(Contact, contact_ids)
    # Their comments on minutes stay as part of the minutes' discussion, without their name.
    erased["comments"] = records.comments.update(
        author_name=ANONYMISED_NAME, author_email="", user=None
    )
    erased["feedback"] = records.feedback.delete()[0]
    erased["messages"] = records.messages.delete()[0]
    usernames = list(records.users.values_list("username", flat=True))
    AccessAttempt.objects.filter(username__in=usernames).delete()
    _user_references_in_history(user_ids)
    erased["users"] = len(user_ids)
    # Their admin log entries go with them; history rows they wrote lose the writer.
    get_user_model().objects.filter(pk__in=user_ids).delete()
    return erased


def totp_device_for_setup(*, user) -> TOTPDevice:
    """The user's authenticator app entry still to be confirmed, created on the first visit."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "LAPE-portaali"}
    )
    return device


def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the device with its first code; the other unconfirmed entries go."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


@transaction.atomic
@transaction.atomic
def user_sync_from_claims(*, user, claims: dict):
    """Take a single sign-on user's name and role groups from the identity provider's claims:
    members of the provider's groups in ``OIDC_COORDINATOR_GROUPS`` are coordinators, everyone
    else municipal staff. The portal's other groups of the user are left as they are.

    A coordinator's projects follow from the projects' contacts: the contacts with the
    provider's (verified) address that no account holds yet become this user's."""
    user.first_name = claims.get("given_name", user.first_name)[:150]
    user.last_name = claims.get("family_name", user.last_name)[:150]
    user.email = claims["email"]
    user.save(update_fields=["first_name", "last_name", "email"])
    provider_groups = set(claims.get(settings.OIDC_GROUPS_CLAIM) or [])
    role = (
        COORDINATORS if provider_groups & set(settings.OIDC_COORDINATOR_GROUPS) else MUNICIPAL_STAFF
    )
    user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS).exclude(name=role))
    user.groups.add(Group.objects.get(name=role))
    if role == COORDINATORS:
        for contact in Contact.objects.filter(email__iexact=user.email, user=None):
            contact.user = user
            contact_update(contact=contact)
    return user
