"""A meeting run in a real browser, without JavaScript doing any of it: the coordinator builds
the agenda, records each item's outcome and an action item that stays on the working group's
next meeting; minutes circulated for comments are commented on by a participant's e-mailed
link, answered and approved."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from municipalities.models import Municipality
from portal.demo.users import DEMO_PASSWORDS
from portal.tests.browser import MINUTES_TEXT, assert_accessible, login, screenshot
from projects.models import Project
from workshops.models import AgendaItem, Minutes
from workshops.tests.factories import (
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def group_meetings():
    """Two meetings of a working group of the project the demo coordinator coordinates, hosted
    by different municipalities."""
    group = WorkingGroupFactory(
        project=Project.objects.get(slug="lape-uusimaa"), name="Perhekeskustyöryhmä"
    )
    first = MeetingFactory(
        working_group=group,
        title="Perhekeskustyöryhmän kevätkokous",
        starts_at=datetime.datetime(2018, 4, 10, 9, 0, tzinfo=HELSINKI),
        host_municipality=Municipality.objects.get(name_fi="Lohja"),
    )
    following = MeetingFactory(
        working_group=group,
        title="Perhekeskustyöryhmän syyskokous",
        starts_at=datetime.datetime(2018, 9, 11, 9, 0, tzinfo=HELSINKI),
        host_municipality=Municipality.objects.get(name_fi="Porvoo"),
    )
    return first, following


def add_agenda_item(page, title: str, presenter: str) -> None:
    page.locator("#id_title").fill(title)
    page.get_by_label("Esittelijä").fill(presenter)
    page.get_by_role("button", name="Lisää asialistalle").click()
    expect(page.get_by_role("status")).to_contain_text("Asialistan kohta on lisätty")


def test_agenda_outcomes_and_an_action_item_carried_to_the_groups_next_meeting(page, new_page):
    first, following = group_meetings()
    login(page, "koordinaattori", DEMO_PASSWORDS["koordinaattori"])
    page.goto(reverse("workshops:meeting_detail", args=[first.pk]))
    page.get_by_role("link", name="Asialista", exact=True).click()

    add_agenda_item(page, "Perhekeskusten tilanne", "Lohja")
    add_agenda_item(page, "Avaus", "puheenjohtaja")
    page.get_by_role("button", name="Ylös Avaus").click()
    titles = page.locator(".list-group-item .fw-semibold")
    expect(titles).to_have_text(["Avaus", "Perhekeskusten tilanne"])
    screenshot(page, "koordinaattori-asialista")
    assert_accessible(page)

    situation = AgendaItem.objects.get(meeting=first, title="Perhekeskusten tilanne")
    page.goto(reverse("workshops:minutes_edit", args=[first.pk]))
    page.get_by_role("textbox", name=MINUTES_TEXT).fill("Kokous pidettiin Lohjan kaupungintalolla.")
    page.locator(f"#id_outcome_kind_{situation.pk}").select_option("decision")
    page.get_by_label("Päätös tai muistiinpanot: Perhekeskusten tilanne").fill(
        "Kuntien perhekeskusten tilanne kootaan syksyn kokoukseen."
    )
    page.get_by_role("button", name="Tallenna", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Muistio on tallennettu")

    page.goto(reverse("workshops:minutes_edit", args=[first.pk]))
    action_form = page.get_by_role("form", name="Uusi toimenpide: Perhekeskusten tilanne")
    action_form.get_by_label("Tehtävä").fill("Kootaan kuntien perhekeskusten tilannekuva.")
    action_form.get_by_label("Vastuuhenkilö").fill("Porvoon puheenjohtajakunta")
    action_form.get_by_label("Määräaika").fill("2018-08-31")
    action_form.get_by_role("button", name="Lisää toimenpide").click()
    expect(page.get_by_role("status")).to_contain_text("Toimenpide on lisätty")
    screenshot(page, "koordinaattori-muistio-toimenpiteet")
    assert_accessible(page)

    # The next meeting of the group, hosted by Porvoo, carries the open action item.
    page.goto(reverse("workshops:meeting_detail", args=[following.pk]))
    carried = page.get_by_role("list", name="Avoimet toimenpiteet aiemmista kokouksista")
    expect(carried).to_contain_text("Kootaan kuntien perhekeskusten tilannekuva.")
    expect(carried).to_contain_text("Porvoon puheenjohtajakunta")
    page.goto(reverse("workshops:working_group_detail", args=[first.working_group.pk]))
    expect(
        page.get_by_text("Kootaan kuntien perhekeskusten tilannekuva.", exact=True)
    ).to_be_visible()

    page.goto(reverse("workshops:meeting_detail", args=[following.pk]))
    page.get_by_role("button", name="Merkitse tehdyksi").click()
    expect(page.get_by_role("status")).to_contain_text("Toimenpide on merkitty tehdyksi")
    expect(page.get_by_text("Kootaan kuntien perhekeskusten tilannekuva.")).to_have_count(0)


def test_minutes_circulated_commented_by_link_answered_and_approved(
    page, new_page, run_tasks, live_server, settings
):
    settings.PORTAL_URL = live_server.url  # the links in the e-mails
    meeting = MeetingFactory(
        working_group=WorkingGroupFactory(project=Project.objects.get(slug="lape-uusimaa")),
        title="Työryhmän elokuun kokous",
        starts_at=datetime.datetime(2018, 8, 14, 9, 0, tzinfo=HELSINKI),
    )
    RegistrationFactory(meeting=meeting, name="Maija Meikäläinen", email="maija@example.fi")
    MinutesFactory(meeting=meeting, text="Luonnos: työpaja pidetään 13.9.")
    meeting_url = reverse("workshops:meeting_detail", args=[meeting.pk])
    login(page, "koordinaattori", DEMO_PASSWORDS["koordinaattori"])
    page.goto(reverse("workshops:minutes_edit", args=[meeting.pk]))
    page.get_by_role("button", name="Tallenna ja lähetä kommentoitavaksi").click()
    expect(page.get_by_role("status")).to_contain_text("lähetetty osallistujille")
    run_tasks()
    (message,) = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)

    participant = new_page()
    participant.goto(link)
    expect(participant.get_by_text("Luonnos: työpaja pidetään 13.9.")).to_be_visible()
    participant.get_by_label("Kommentti").fill("Työpaja on 12.9., ei 13.9.")
    participant.get_by_role("button", name="Lähetä kommentti").click()
    expect(participant.get_by_role("status")).to_contain_text("Kommenttisi on tallennettu")
    screenshot(participant, "osallistuja-kommentoi-muistiota")
    assert_accessible(participant)

    page.goto(reverse("workshops:minutes_edit", args=[meeting.pk]))
    comment = page.get_by_role("article", name="Kommentti: Maija Meikäläinen")
    expect(comment).to_contain_text("Työpaja on 12.9., ei 13.9.")
    page.get_by_role("textbox", name=MINUTES_TEXT).fill("Työpaja pidetään 12.9.")
    page.get_by_role("button", name="Tallenna", exact=True).click()
    page.goto(reverse("workshops:minutes_edit", args=[meeting.pk]))
    page.get_by_label("Vastaa: Maija Meikäläinen").fill("Kiitos, korjattu.")
    page.get_by_role("button", name="Lähetä vastaus").click()
    expect(page.get_by_role("status")).to_contain_text("Vastaus on tallennettu")
    page.get_by_role("button", name="Hyväksy muistio").click()
    expect(page.get_by_role("status")).to_contain_text("Muistio on hyväksytty ja julkaistu")
    assert Minutes.objects.get(meeting=meeting).status == "approved"

    participant.goto(link)
    expect(participant.get_by_text("Kiitos, korjattu.")).to_be_visible()
    expect(participant.get_by_text("eikä sitä voi enää kommentoida")).to_be_visible()
    visitor = new_page()
    visitor.goto(meeting_url)
    expect(visitor.get_by_text("Työpaja pidetään 12.9.")).to_be_visible()
