"""Writes of the notifications app. Other apps send e-mail only through ``email_enqueue``."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from notifications.models import OutboxMessage

SEND_TASK = "notifications.send_outbox_message"


def email_enqueue(
    *,
    to: str,
    kind: str,
    template: str,
    context: dict,
    language: str = "fi",
    ics: str = "",
    ics_method: str = "",
) -> OutboxMessage:
    """Put one e-mail in the outbox; the worker sends it after the transaction commits.

    ``template`` names a pair of templates, ``<template>_subject.txt`` and ``<template>_body.txt``,
    rendered in ``language`` so that the reader gets the e-mail in their own language.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    message = OutboxMessage.objects.create(
        to=to,
        kind=kind,
        subject=subject[:300],
        body=body,
        language=language,
        ics=ics,
        ics_method=ics_method,
    )
    transaction.on_commit(lambda: _defer_send(message.pk))
    return message


def _defer_send(message_id: int) -> None:
    from procrastinate.contrib.django import app

    app.configure_task(SEND_TASK).defer(message_id=message_id)
