"""Writes of the notifications app. Other apps send e-mail only through ``email_enqueue`` and
tell the followers of their records through ``followers_notify`` (one follow's user through
``follow_notify``)."""

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from notifications.models import FOLLOWABLE, DigestItem, Follow, FollowDelivery, OutboxMessage

logger = logging.getLogger(__name__)

SEND_TASK = "notifications.send_outbox_message"
UNSUBSCRIBE_SALT = "notifications.unsubscribe"
DIGEST_TEMPLATE = "notifications/email/digest"


def absolute_url(path: str) -> str:
    """``path`` as a full address for an e-mail, on the portal's address (``PORTAL_URL``)."""
    return settings.PORTAL_URL.rstrip("/") + path


def _render(template: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return subject[:300], body


def email_enqueue(
    *,
    to: str,
    kind: str,
    template: str,
    context: dict,
    language: str = "fi",
    ics: str = "",
    ics_method: str = "",
    about: models.Model | None = None,
) -> OutboxMessage:
    """Put one e-mail in the outbox; the worker sends it after the transaction commits.

    ``template`` names a pair of templates, ``<template>_subject.txt`` and ``<template>_body.txt``,
    rendered in ``language`` so that the reader gets the e-mail in their own language.
    ``about`` is the record the message is about, whose bounce handler
    (``register_bounce_handler``) is told if the message comes back.
    """
    subject, body = _render(template, context, language)
    message = OutboxMessage.objects.create(
        to=to,
        kind=kind,
        subject=subject,
        body=body,
        language=language,
        ics=ics,
        ics_method=ics_method,
        about=about,
    )
    transaction.on_commit(lambda: _defer_send(message.pk))
    return message


def _defer_send(message_id: int) -> None:
    try:
        app.configure_task(SEND_TASK).defer(message_id=message_id)
    except Exception:
        # The message is committed already: the request that wrote it must not fail now.
        # outbox_requeue_lost defers it again within a few minutes.
        logger.exception("Could not queue the sending of outbox message %s", message_id)


def _email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
    )
    if message.ics:
        email.attach(
            "kutsu.ics",
            message.ics,
            f"text/calendar; charset=utf-8; method={message.ics_method or 'PUBLISH'}",
        )
    return email


def outbox_message_send(*, message_id: int, last_attempt: bool) -> None:
    """Send one pending message of the outbox, once.

    The row stays locked (``skip_locked``: another worker passes it by) from the check that it
    is still pending until its new status is committed, so two workers, or a job queued twice,
    never send it twice. A send that fails records the error and raises it again, so that the
    worker retries the job; after the ``last_attempt`` the message is marked failed.
    """
    error = None
    with transaction.atomic():
        message = (
            OutboxMessage.objects.due()
            .select_for_update(skip_locked=True)
            .filter(pk=message_id)
            .first()
        )
        if message is None:  # sent already, or another worker is sending it
            return
        message.attempts += 1
        try:
            _email(message).send()
        except Exception as exc:
            error = exc
            message.last_error = f"{type(exc).__name__}: {exc}"
            if last_attempt:
                message.status = OutboxMessage.Status.FAILED
        else:
            message.status = OutboxMessage.Status.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
        message.save(update_fields=["status", "attempts", "sent_at", "last_error"])
    if error is not None:
        raise error


def outbox_requeue_lost() -> int:
    """Queue a send job again for each pending message that has none waiting (its deferral
    failed, or the worker stopped while sending it); returns how many were queued."""
    waiting = ProcrastinateJob.objects.annotate(message_id=KT("args__message_id")).filter(
        task_name=SEND_TASK, status="todo", message_id=Cast(OuterRef("pk"), CharField())
    )
    lost = list(OutboxMessage.objects.lost().filter(~Exists(waiting)).values_list("pk", flat=True))
    for message_id in lost:
        _defer_send(message_id)
    return len(lost)


@transaction.atomic
def outbox_message_resend(*, message: OutboxMessage) -> OutboxMessage:
    """Send a message again (the admin's action): it becomes pending with its attempts reset."""
    if message.status == OutboxMessage.Status.PENDING:
        raise ValidationError(_("Viesti odottaa jo lähetystä."))
    message.status = OutboxMessage.Status.PENDING
    message.attempts = 0
    message.last_error = ""
    message.sent_at = None
    message.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    transaction.on_commit(lambda: _defer_send(message.pk))
    return message


# What to do when a message about a record of a model ("app_label.model_name") bounces: the
# apps above register their handlers, so that this app knows their models only by name.
_bounce_handlers: dict[str, Callable[[models.Model], None]] = {}


def register_bounce_handler(model_label: str, handler: Callable[[models.Model], None]) -> None:
    """Call ``handler(record)`` in the same transaction when a message ``about`` a record of
    ``model_label`` is marked bounced (called from the app's ``AppConfig.ready``)."""
    _bounce_handlers[model_label.lower()] = handler


@transaction.atomic
def outbox_message_mark_bounced(*, message: OutboxMessage) -> OutboxMessage:
    """Record that a sent message came back undelivered (the admin's action), and tell the
    record it was about, if one is registered for it (``register_bounce_handler``)."""
    if message.status != OutboxMessage.Status.SENT:
        raise ValidationError(_("Vain lähetetyn viestin voi merkitä palautuneeksi."))
    message.status = OutboxMessage.Status.BOUNCED
    message.save(update_fields=["status"])
    if message.about_type_id is not None:
        about_type = message.about_type
        handler = _bounce_handlers.get(f"{about_type.app_label}.{about_type.model}")
        about = message.about  # None when the record is deleted since
        if handler is not None and about is not None:
            handler(about)
    return message


# Following


def _check_followable(target: models.Model) -> None:
    if target._meta.label_lower not in FOLLOWABLE:
        raise ValidationError(_("Tätä ei voi seurata."))


@transaction.atomic
def follow_create(
    *, user, target: models.Model, delivery: str = FollowDelivery.IMMEDIATE, language: str
) -> Follow:
    """``user`` follows ``target``, told in ``language`` at once or weekly (``delivery``).

    Following what one follows already keeps the existing follow and its choices (a second
    click of the button).
    """
    _check_followable(target)
    existing = Follow.objects.of_user_for(user, target)
    if existing is not None:
        return existing
    follow = Follow(user=user, target=target, delivery=delivery, language=language)
    follow.full_clean()
    follow.save()
    return follow


@transaction.atomic
def follow_update(
    *, follow: Follow, delivery: str | None = None, language: str | None = None
) -> Follow:
    """Change how ``follow``'s user is told: at once or weekly, and in which language."""
    if delivery is not None:
        follow.delivery = delivery
    if language is not None:
        follow.language = language
    follow.full_clean()
    follow.save(update_fields=["delivery", "language"])
    return follow


@transaction.atomic
def follow_delete(*, follow: Follow) -> None:
    """Stop following; events waiting for the user's digest from this follow go with it."""
    follow.delete()


def unsubscribe_token(follow: Follow) -> str:
    """The signed part of the unsubscribe link of ``follow``: it needs no login."""
    return signing.dumps(follow.pk, salt=UNSUBSCRIBE_SALT)


def follow_id_from_token(token: str) -> int:
    """The id of the follow an unsubscribe link names; ``signing.BadSignature`` if forged."""
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)


def _unsubscribe_url(follow: Follow) -> str:
    return absolute_url(reverse("notifications:unsubscribe", args=[unsubscribe_token(follow)]))


def followers_notify(
    *,
    targets: Iterable[models.Model | None],
    event: str,
    template: str,
    context: dict,
    exclude_emails: Iterable[str] = (),
) -> None:
    """Tell the followers of any of ``targets`` (None is skipped) of ``event``.

    A user who follows several of the targets is told once (``follow_notify``): at once if
    any of their follows asks for it, else in the weekly digest. Addresses in
    ``exclude_emails`` (told already, e.g. as invitees) are passed over.
    """
    targets = [target for target in targets if target is not None]
    if not targets:
        return
    excluded = {email.lower() for email in exclude_emails}
    follows = (
        Follow.objects.of_targets(targets)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "delivery", "pk")  # "immediate" sorts before "weekly"
    )
    told = set()
    for follow in follows:
        if follow.user_id in told or follow.user.email.lower() in excluded:
            continue
        told.add(follow.user_id)
        follow_notify(follow=follow, event=event, template=template, context=context)


def follow_notify(*, follow: Follow, event: str, template: str, context: dict) -> None:
    """Tell ``follow``'s user of ``event``: at once, an e-mail of ``template`` in the follow's
    language with ``context`` and the follow's ``unsubscribe_url``; weekly, a digest item with
    its subject line and ``context["url"]``."""
    follow_context = {**context, "unsubscribe_url": _unsubscribe_url(follow)}
    if follow.delivery == FollowDelivery.IMMEDIATE:
        email_enqueue(
            to=follow.user.email,
            kind=event,
            template=template,
            context=follow_context,
            language=follow.language,
        )
    else:
        subject, _body = _render(template, follow_context, follow.language)
        DigestItem.objects.create(follow=follow, subject=subject, url=context.get("url", ""))


def digests_send() -> int:
    """Send each user their weekly digest of the items waiting for them, and clear the items;
    returns how many digests were queued. The digest is in the language of the user's newest
    follow among the items, and names each followed thing with its unsubscribe link."""
    users = DigestItem.objects.values_list("follow__user_id", flat=True).distinct().order_by()
    sent = 0
    for user_id in list(users):
        with transaction.atomic():
            items = list(
                DigestItem.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(follow__user_id=user_id)
                .select_related("follow__user")
            )
            if not items:  # another worker took them
                continue
            follows = list(
                Follow.objects.filter(pk__in={item.follow_id for item in items})
                .select_related("content_type")
                .prefetch_related("target")
                .order_by("-created_at")
            )
            user = items[0].follow.user
            email_enqueue(
                to=user.email,
                kind="digest",
                template=DIGEST_TEMPLATE,
                context={
                    "items": items,
                    "follows": [(follow, _unsubscribe_url(follow)) for follow in follows],
                },
                language=follows[0].language,
            )
            DigestItem.objects.filter(pk__in=[item.pk for item in items]).delete()
            sent += 1
    return sent
