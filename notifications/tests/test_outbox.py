"""The outbox: each message is sent once by the worker, even by two at once; failed sends are
retried and then shown as failed; lost jobs are queued again; the admin's actions."""

import datetime
import smtplib
import threading
import time

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app

from notifications.models import OutboxMessage
from notifications.services import email_enqueue, outbox_message_send, outbox_requeue_lost
from notifications.tasks import SEND_RETRIES
from notifications.tests.factories import OutboxMessageFactory


@pytest.fixture
def email_templates(settings, tmp_path):
    folder = tmp_path / "templates" / "testmail"
    folder.mkdir(parents=True)
    (folder / "hello_subject.txt").write_text("Hei {{ name }}\n")
    (folder / "hello_body.txt").write_text("Tervetuloa, {{ name }}.\n")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path / "templates", *engine["DIRS"]]}]
    return "testmail/hello"


def enqueue(template, name="Liisa", **extra):
    with transaction.atomic():
        return email_enqueue(
            to=f"{name.lower()}@example.fi",
            kind="test",
            template=template,
            context={"name": name},
            **extra,
        )


class SlowBackend(EmailBackend):
    """An SMTP server that takes its time: two senders overlap for sure."""

    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


class DownBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Yhteys katkesi")


class FlakyBackend(EmailBackend):
    """Fails the first time it is asked, then works."""

    failures = 1

    def send_messages(self, messages):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Yhteys katkesi")
        return super().send_messages(messages)


def test_an_enqueued_message_is_sent_by_the_worker_with_its_calendar_invitation(
    run_tasks, email_templates
):
    message = enqueue(
        email_templates, ics="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", ics_method="REQUEST"
    )
    assert mail.outbox == []

    run_tasks()

    assert [m.subject for m in mail.outbox] == ["Hei Liisa"]
    assert mail.outbox[0].body == "Tervetuloa, Liisa.\n"
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert mimetype.startswith("text/calendar") and "method=REQUEST" in mimetype
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None


def test_a_message_is_not_sent_twice(run_tasks, email_templates):
    message = enqueue(email_templates)
    run_tasks()

    outbox_message_send(message_id=message.pk, last_attempt=False)

    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_at_once_send_each_message_once(settings):
    settings.EMAIL_BACKEND = "notifications.tests.test_outbox.SlowBackend"
    messages = OutboxMessageFactory.create_batch(6)
    start = threading.Barrier(2)
    errors = []

    def worker():
        try:
            start.wait()
            for message in messages:
                outbox_message_send(message_id=message.pk, last_attempt=False)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(email.to[0] for email in mail.outbox) == sorted(m.to for m in messages)
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {
        (OutboxMessage.Status.SENT, 1)
    }


def test_a_failed_send_is_retried_and_then_marked_failed_with_the_error(
    run_tasks, email_templates, settings
):
    settings.EMAIL_BACKEND = "notifications.tests.test_outbox.DownBackend"
    message = enqueue(email_templates)

    run_tasks()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == SEND_RETRIES + 1
    assert message.last_error == "SMTPServerDisconnected: Yhteys katkesi"
    assert mail.outbox == []


def test_a_send_that_fails_once_is_sent_by_the_retry(run_tasks, email_templates, settings):
    settings.EMAIL_BACKEND = "notifications.tests.test_outbox.FlakyBackend"
    FlakyBackend.failures = 1
    message = enqueue(email_templates)

    run_tasks()

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (
        OutboxMessage.Status.SENT,
        2,
        "",
    )
    assert len(mail.outbox) == 1


def test_messages_whose_job_was_lost_are_queued_again(run_tasks, email_templates, monkeypatch):
    queued = enqueue(email_templates, name="Jonossa")

    def queue_down(*args, **kwargs):
        raise ConnectionError("queue unreachable")

    with monkeypatch.context() as patch:
        patch.setattr(app, "configure_task", queue_down)
        lost = enqueue(email_templates, name="Kadonnut")  # the request goes on regardless
    recent = OutboxMessageFactory()
    a_while_ago = timezone.now() - datetime.timedelta(minutes=5)
    OutboxMessage.objects.exclude(pk=recent.pk).update(created_at=a_while_ago)

    # Only the lost message gets a new job: the queued one has its own waiting, and the
    # recent one is still given time for its own.
    assert outbox_requeue_lost() == 1
    run_tasks()

    assert sorted(email.subject for email in mail.outbox) == ["Hei Jonossa", "Hei Kadonnut"]
    assert OutboxMessage.objects.get(pk=lost.pk).status == OutboxMessage.Status.SENT
    assert OutboxMessage.objects.get(pk=queued.pk).attempts == 1


def changelist():
    return reverse("admin:notifications_outboxmessage_changelist")


def test_admin_lists_the_outbox_filtered_by_status_and_kind(admin_client):
    failed = OutboxMessageFactory(status=OutboxMessage.Status.FAILED, last_error="Virhe")
    OutboxMessageFactory(status=OutboxMessage.Status.SENT)

    response = admin_client.get(changelist(), {"status__exact": "failed", "kind": "test"})

    assert list(response.context["cl"].result_list) == [failed]
    change = admin_client.get(reverse("admin:notifications_outboxmessage_change", args=[failed.pk]))
    assert "Virhe" in change.text and 'name="_save"' not in change.text


def test_admin_sends_a_failed_message_again(run_tasks, admin_user, client):
    client.force_login(admin_user)
    failed = OutboxMessageFactory(status=OutboxMessage.Status.FAILED, attempts=5, last_error="SMTP")

    client.post(
        changelist(), {"action": "send_again", ACTION_CHECKBOX_NAME: [failed.pk]}, follow=True
    )
    run_tasks()

    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("sent", 1, "")
    assert [email.to for email in mail.outbox] == [[failed.to]]


def test_admin_marks_a_sent_message_bounced_but_not_a_pending_one(admin_client):
    sent = OutboxMessageFactory(status=OutboxMessage.Status.SENT)
    pending = OutboxMessageFactory()

    response = admin_client.post(
        changelist(),
        {"action": "mark_bounced", ACTION_CHECKBOX_NAME: [sent.pk, pending.pk]},
        follow=True,
    )

    sent.refresh_from_db()
    pending.refresh_from_db()
    assert (sent.status, pending.status) == ("bounced", "pending")
    assert "Vain lähetetyn viestin voi merkitä palautuneeksi." in response.text
