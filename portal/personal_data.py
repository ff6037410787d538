"""Everything the portal holds of one person, found by their e-mail address (GDPR, articles
15 and 20); ``portal.services.person_erase`` removes the same."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models

from notifications.models import Follow, OutboxMessage
from portal.models import Feedback
from projects.models import Contact
from workshops.models import MinutesComment, Registration, RegistrationAnswer


@dataclass
class PersonRecords:
    users: models.QuerySet
    contacts: models.QuerySet
    registrations: models.QuerySet
    feedback: models.QuerySet
    messages: models.QuerySet
    comments: models.QuerySet
    follows: models.QuerySet

    def exists(self) -> bool:
        return any(queryset.exists() for queryset in self.querysets())

    def querysets(self) -> list[models.QuerySet]:
        return [
            self.users,
            self.contacts,
            self.registrations,
            self.feedback,
            self.messages,
            self.comments,
            self.follows,
        ]


def person_records(email: str) -> PersonRecords:
    """The records of the person with ``email``: their user accounts and what is theirs."""
    email = email.strip()
    if not email:
        # A blank address would match every record without one.
        raise ValueError("A person is found by a non-empty e-mail address.")
    users = get_user_model().objects.filter(email__iexact=email)
    return PersonRecords(
        users=users,
        contacts=Contact.objects.filter(models.Q(email__iexact=email) | models.Q(user__in=users)),
        registrations=Registration.objects.filter(
            models.Q(email__iexact=email) | models.Q(user__in=users)
        ),
        feedback=Feedback.objects.of_email(email),
        messages=OutboxMessage.objects.filter(to__iexact=email),
        comments=MinutesComment.objects.filter(
            models.Q(author_email__iexact=email) | models.Q(user__in=users)
        ),
        follows=Follow.objects.filter(user__in=users),
    )


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value if value is None or isinstance(value, bool | int | float) else str(value)


def _rows(queryset, fields: list[str]) -> list[dict]:
    return [
        {name: _plain(value) for name, value in row.items()} for row in queryset.values(*fields)
    ]


def _history(model, ids) -> list[dict]:
    fields = [f.attname for f in model.history.model._meta.concrete_fields]
    return _rows(model.history.filter(id__in=list(ids)).order_by("history_date"), fields)


def person_export(email: str) -> dict:
    """The person's data as one JSON-ready document: records and their change history."""
    records = person_records(email)
    contact_ids = records.contacts.values_list("pk", flat=True)
    registration_ids = records.registrations.values_list("pk", flat=True)
    return {
        "email": email.strip(),
        "users": [
            {
                "username": user.username,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "date_joined": _plain(user.date_joined),
                "last_login": _plain(user.last_login),
                "groups": [group.name for group in user.groups.all()],
            }
            for user in records.users.prefetch_related("groups")
        ],
        "contacts": _rows(
            records.contacts,
            [
                "id",
                "project__name",
                "name",
                "role",
                "title",
                "email",
                "phone",
                "public_contact_details",
            ],
        ),
        "registrations": _rows(
            records.registrations,
            [
                "id",
                "meeting__title",
                "meeting__starts_at",
                "name",
                "email",
                "organisation__name",
                "municipality__name_fi",
                "created_at",
                "status",
                "attended",
                "language",
            ],
        ),
        "answers": _rows(
            RegistrationAnswer.objects.filter(registration__in=records.registrations),
            ["registration_id", "question__text", "text"],
        ),
        "comments": _rows(
            records.comments,
            ["minutes__meeting__title", "created_at", "author_name", "author_email", "text"],
        ),
        "follows": [
            {"target": str(follow.target), "delivery": follow.delivery, "language": follow.language}
            for follow in records.follows.prefetch_related("target")
        ],
        "feedback": _rows(records.feedback, ["created_at", "name", "email", "page_url", "message"]),
        "messages": _rows(records.messages, ["created_at", "to", "subject", "status"]),
        "history": {
            "contacts": _history(Contact, contact_ids),
            "registrations": _history(Registration, registration_ids),
        },
    }
