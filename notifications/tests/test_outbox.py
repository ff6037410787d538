import pytest
from django.core import mail
from django.db import transaction

from notifications.models import OutboxMessage
from notifications.services import email_enqueue


@pytest.fixture
def email_templates(settings, tmp_path):
    folder = tmp_path / "templates" / "testmail"
    folder.mkdir(parents=True)
    (folder / "hello_subject.txt").write_text("Hei {{ name }}\n")
    (folder / "hello_body.txt").write_text("Tervetuloa, {{ name }}.\n")
    settings.TEMPLATES[0]["DIRS"] = [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]
    return "testmail/hello"


def test_an_enqueued_message_is_sent_by_the_worker_with_its_calendar_invitation(
    run_tasks, email_templates
):
    with transaction.atomic():
        message = email_enqueue(
            to="liisa@example.fi",
            kind="test",
            template=email_templates,
            context={"name": "Liisa"},
            ics="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            ics_method="REQUEST",
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
    with transaction.atomic():
        message = email_enqueue(
            to="liisa@example.fi", kind="test", template=email_templates, context={"name": "L"}
        )
    run_tasks()
    from notifications.tasks import send_outbox_message

    send_outbox_message(message_id=message.pk)
    assert len(mail.outbox) == 1
