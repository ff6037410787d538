"""The agenda, outcomes and action items of a meeting, and its minutes moving from draft to
circulated for comments to approved, through the pages as the coordinator and the participants
use them."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from municipalities.tests.factories import MunicipalityFactory
from workshops.comment_links import comment_token
from workshops.models import (
    ActionItem,
    AgendaItem,
    AttachmentKind,
    AttachmentRestriction,
    Minutes,
    MinutesComment,
    MinutesStatus,
    OutcomeKind,
)
from workshops.tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
MAY_3 = datetime.datetime(2017, 5, 3, 9, 0, tzinfo=HELSINKI)


def group_meetings(project):
    """A working group's meeting in Lohja, its next one in Porvoo, and another group's meeting
    in between."""
    group = WorkingGroupFactory(project=project)
    first = MeetingFactory(
        working_group=group, starts_at=MAY_3, host_municipality=MunicipalityFactory()
    )
    following = MeetingFactory(
        working_group=group,
        starts_at=MAY_3 + datetime.timedelta(days=40),
        host_municipality=MunicipalityFactory(),
    )
    other = MeetingFactory(
        working_group=WorkingGroupFactory(project=project),
        starts_at=MAY_3 + datetime.timedelta(days=20),
    )
    return first, following, other


def agenda_titles(meeting) -> list[str]:
    return list(meeting.agenda_items.order_by("order", "pk").values_list("title", flat=True))


def outcome_data(minutes_version: int, text: str, **outcomes) -> dict:
    return {"text": text, "version": minutes_version, **outcomes}


@pytest.mark.django_db
def test_agenda_then_outcomes_then_action_item_carried_to_the_groups_next_meeting(
    client, coordinator, project
):
    first, following, other = group_meetings(project)
    client.force_login(coordinator)
    agenda_url = reverse("workshops:agenda_edit", args=[first.pk])

    for title in ["Avaus", "Perhekeskusten tilanne", "Muut asiat", "Poistettava"]:
        response = client.post(agenda_url, {"title": title, "presenter": "Lohja"})
        assert response.status_code == 302
    avaus, situation, other_matters, removed = first.agenda_items.order_by("order")
    client.post(reverse("workshops:agenda_item_move", args=[situation.pk]), {"direction": "up"})
    client.post(reverse("workshops:agenda_item_delete", args=[removed.pk]))
    client.post(
        reverse("workshops:agenda_item_update", args=[other_matters.pk]),
        {"title": "Muut asiat", "title_sv": "Övriga ärenden", "presenter": "", "description": ""},
    )
    assert agenda_titles(first) == ["Perhekeskusten tilanne", "Avaus", "Muut asiat"]
    page = client.get(reverse("workshops:meeting_detail", args=[first.pk]))
    assertContains(page, "Perhekeskusten tilanne")
    assertContains(page, "esittelijä Lohja")

    minutes_url = reverse("workshops:minutes_edit", args=[first.pk])
    assertContains(client.get(minutes_url), "Päätös tai muistiinpanot: Perhekeskusten tilanne")
    response = client.post(
        minutes_url,
        outcome_data(
            0,
            "Kokous pidettiin Lohjalla.",
            **{
                f"outcome_kind_{situation.pk}": OutcomeKind.DECISION,
                f"outcome_{situation.pk}": "Perhekeskusten tilanne kootaan syksyksi.",
                f"outcome_kind_{avaus.pk}": OutcomeKind.NOTES,
                f"outcome_{avaus.pk}": "Puheenjohtaja avasi kokouksen.",
            },
        ),
    )
    assert response.status_code == 302
    situation.refresh_from_db()
    assert (situation.outcome_kind, situation.outcome) == (
        OutcomeKind.DECISION,
        "Perhekeskusten tilanne kootaan syksyksi.",
    )
    response = client.post(
        reverse("workshops:action_item_create", args=[situation.pk]),
        {"what": "Kootaan kuntien tilannekuva.", "who": "Porvoo", "due_date": "2017-06-01"},
    )
    assert response.url == minutes_url
    action = ActionItem.objects.get()
    assert (action.agenda_item, action.who, action.is_done) == (situation, "Porvoo", False)

    # The coordinator sees the open action item on the group's next meeting, hosted by another
    # municipality, and on the group's page; not on the other group's meeting.
    following_url = reverse("workshops:meeting_detail", args=[following.pk])
    group_url = reverse("workshops:working_group_detail", args=[first.working_group.pk])
    assertContains(client.get(following_url), "Kootaan kuntien tilannekuva.")
    assertContains(client.get(group_url), "Kootaan kuntien tilannekuva.")
    other_url = reverse("workshops:meeting_detail", args=[other.pk])
    assertNotContains(client.get(other_url), "Kootaan kuntien tilannekuva.")
    # Visitors see the outcomes and action items once the minutes are approved.
    visitor = Client()
    assertNotContains(visitor.get(following_url), "Kootaan kuntien tilannekuva.")
    minutes = Minutes.objects.get(meeting=first)
    client.post(minutes_url, {"text": minutes.text, "version": minutes.version, "circulate": "1"})
    client.post(reverse("workshops:minutes_approve", args=[first.pk]))
    assertContains(visitor.get(following_url), "Kootaan kuntien tilannekuva.")
    assertContains(visitor.get(group_url), "Kootaan kuntien tilannekuva.")
    assertContains(
        visitor.get(reverse("workshops:meeting_detail", args=[first.pk])),
        "Perhekeskusten tilanne kootaan syksyksi.",
    )

    # Done: off the next meeting's agenda and the group's list.
    response = client.post(
        reverse("workshops:action_item_done", args=[action.pk]), {"next": following_url}
    )
    assert response.url == following_url
    action.refresh_from_db()
    assert action.is_done
    assertNotContains(visitor.get(following_url), "Kootaan kuntien tilannekuva.")
    assertNotContains(visitor.get(group_url), "Kootaan kuntien tilannekuva.")


def comment_link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_circulate_comment_by_the_emailed_link_answer_and_approve(
    run_tasks, coordinator, project, django_user_model
):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    member = django_user_model.objects.create_user("osallistuja", email="maija@example.fi")
    RegistrationFactory(meeting=meeting, name="Maija Meikäläinen", email="maija@example.fi")
    RegistrationFactory(meeting=meeting, name="Ville Virtanen", user=member)
    minutes = MinutesFactory(meeting=meeting, text="Luonnos: sovittiin työpajasta.")
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    minutes_url = reverse("workshops:minutes_edit", args=[meeting.pk])
    detail_url = reverse("workshops:meeting_detail", args=[meeting.pk])

    coordinator_client.post(
        minutes_url, {"text": minutes.text, "version": minutes.version, "circulate": "1"}
    )
    run_tasks()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        registration.email for registration in meeting.registrations.all()
    )
    maija_mail = next(m for m in mail.outbox if m.to == ["maija@example.fi"])
    assert "Muistio kommentoitavaksi" in maija_mail.subject
    link = comment_link(maija_mail)
    # Visitors do not see circulated minutes; the participant's link and a logged-in
    # registrant do.
    visitor = Client()
    assertNotContains(visitor.get(detail_url), "Luonnos: sovittiin työpajasta.")
    registrant = Client()
    registrant.force_login(member)
    assertContains(registrant.get(detail_url), "Luonnos: sovittiin työpajasta.")
    page = visitor.get(link)
    assertContains(page, "Hei Maija Meikäläinen!")
    assertContains(page, "Luonnos: sovittiin työpajasta.")
    tampered = link[:-2] + ("A" if link[-2] != "A" else "B") + "/"
    assert visitor.get(tampered).status_code == 404

    response = visitor.post(link, {"text": "Työpajan päivä oli 12.6., ei 13.6."})
    assert response.status_code == 302
    comment = MinutesComment.objects.get()
    assert (comment.author_name, comment.author_email) == ("Maija Meikäläinen", "maija@example.fi")

    minutes_page = coordinator_client.get(minutes_url)
    assertContains(minutes_page, "Työpajan päivä oli 12.6., ei 13.6.")
    coordinator_client.post(
        reverse("workshops:minutes_comment_reply", args=[comment.pk]),
        {"text": "Kiitos, korjattu."},
    )
    assertContains(visitor.get(link), "Kiitos, korjattu.")

    response = coordinator_client.post(
        reverse("workshops:minutes_approve", args=[meeting.pk]), follow=True
    )
    assertContains(response, "Muistio on hyväksytty ja julkaistu.")
    assertContains(visitor.get(detail_url), "Luonnos: sovittiin työpajasta.")
    closed = visitor.get(link)
    assertContains(closed, "Muistio on hyväksytty, eikä sitä voi enää kommentoida.")
    visitor.post(link, {"text": "Myöhästynyt kommentti."})
    assert MinutesComment.objects.filter(reply_to=None).count() == 1

    coordinator_client.post(
        reverse("workshops:minutes_correction_create", args=[meeting.pk]),
        {"text": "Kokouksen päivämäärä korjattu."},
    )
    page = visitor.get(detail_url)
    assertContains(page, "Korjaukset hyväksymisen jälkeen")
    assertContains(page, "Kokouksen päivämäärä korjattu.")


@pytest.mark.django_db
def test_illegal_moves_of_minutes_are_refused_with_a_clear_message(client, coordinator, project):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    item = AgendaItemFactory(meeting=meeting, title="Avaus")
    minutes = MinutesFactory(meeting=meeting, text="Luonnos.")
    client.force_login(coordinator)
    minutes_url = reverse("workshops:minutes_edit", args=[meeting.pk])
    approve_url = reverse("workshops:minutes_approve", args=[meeting.pk])

    response = client.post(approve_url, follow=True)
    assertContains(
        response,
        "Muistiota ei voi hyväksyä, koska sitä ei ole lähetetty osallistujille kommentoitavaksi.",
    )
    response = client.post(
        reverse("workshops:minutes_correction_create", args=[meeting.pk]),
        {"text": "Liian aikaisin."},
        follow=True,
    )
    assertContains(response, "Korjaus kirjataan vain hyväksyttyyn muistioon")
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.DRAFT

    client.post(minutes_url, {"text": "Luonnos.", "version": minutes.version, "circulate": "1"})
    minutes.refresh_from_db()
    response = client.post(
        minutes_url, {"text": "Uudestaan.", "version": minutes.version, "circulate": "1"}
    )
    assertContains(response, "Muistio on jo lähetetty kommentoitavaksi")
    minutes.refresh_from_db()
    assert (minutes.text, minutes.status) == ("Luonnos.", MinutesStatus.CIRCULATED)

    client.post(approve_url)
    minutes.refresh_from_db()
    response = client.post(
        minutes_url, {"text": "Muutettu jälkikäteen.", "version": minutes.version}
    )
    assertContains(response, "Hyväksyttyä muistiota ei voi muokata.")
    response = client.post(reverse("workshops:agenda_item_delete", args=[item.pk]), follow=True)
    assertContains(response, "Hyväksyttyä muistiota ei voi muokata.")
    minutes.refresh_from_db()
    assert (minutes.text, minutes.status) == ("Luonnos.", MinutesStatus.APPROVED)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_restricted_attachment_shows_its_reason_and_opens_only_to_coordinators(
    client, coordinator, project
):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    attachment = AttachmentFactory(
        meeting=meeting,
        title="Osallistujalista",
        kind=AttachmentKind.OTHER,
        restriction=AttachmentRestriction.PERSONAL_DATA,
    )
    download_url = reverse("workshops:attachment_download", args=[attachment.pk])

    page = client.get(reverse("workshops:meeting_detail", args=[meeting.pk]))
    assertContains(page, "Osallistujalista")
    assertContains(page, "rajattu: sisältää henkilötietoja")
    assertNotContains(page, download_url)
    assert client.get(download_url).status_code == 404

    client.force_login(coordinator)
    assertContains(client.get(reverse("workshops:meeting_detail", args=[meeting.pk])), download_url)
    assert client.get(download_url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 6])
def test_agenda_and_comment_pages_run_the_same_queries_for_more_rows(
    client, coordinator, project, django_assert_num_queries, rows
):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(project=project))
    minutes = MinutesFactory(meeting=meeting, status=MinutesStatus.CIRCULATED, circulated_at=MAY_3)
    registration = RegistrationFactory(meeting=meeting)
    for _ in range(rows):
        ActionItemFactory(agenda_item__meeting=meeting)
        MinutesComment.objects.create(minutes=minutes, author_name="Maija", text="Kommentti")
    link = reverse("workshops:minutes_comment", args=[comment_token(registration)])
    # savepoint; the registration with meeting, project and minutes; the agenda items; their
    # action items; the comments; release.
    with django_assert_num_queries(6):
        response = client.get(link)
    assert len(response.context["comments"]) == rows

    client.force_login(coordinator)
    # session; user; savepoint; the meeting with project and minutes; the user's permissions;
    # the groups' permissions; the coordinated project ids; the agenda items; release.
    with django_assert_num_queries(9):
        response = client.get(reverse("workshops:agenda_edit", args=[meeting.pk]))
    assert len(response.context["items"]) == rows
