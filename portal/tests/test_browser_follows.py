"""Following in a real browser: follow a project from its page, be told of a new meeting by
e-mail, and stop following by the e-mail's link without logging in."""

import datetime
import re
import zoneinfo
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import transaction
from playwright.sync_api import expect

from portal.demo.users import DEMO_PASSWORDS
from portal.tests.browser import assert_accessible, login
from projects.models import Project
from workshops.models import Meeting, MeetingKind
from workshops.services import meeting_create

pytestmark = pytest.mark.django_db(transaction=True)

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def test_follow_a_project_get_its_new_meeting_by_email_and_unsubscribe_by_the_link(
    page, new_page, run_tasks
):
    project = Project.objects.get(slug="lape-uusimaa")
    login(page, "kuntatyontekija", DEMO_PASSWORDS["kuntatyontekija"])
    page.goto(project.get_absolute_url())
    page.get_by_label("Ilmoitukset").select_option("immediate")
    page.get_by_role("button", name="Seuraa", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Seuraat nyt")
    page.goto("/oma-sivu/")
    expect(page.get_by_role("table")).to_contain_text(str(project))
    assert_accessible(page)

    starts = datetime.datetime(2027, 4, 6, 9, 0, tzinfo=HELSINKI)
    with transaction.atomic():
        meeting_create(
            meeting=Meeting(project=project),
            kind=MeetingKind.SEMINAR,
            title="Kevään perhekeskusseminaari",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=4),
        )
    run_tasks()

    [email] = [m for m in mail.outbox if m.to == ["kuntatyontekija@example.fi"]]
    assert email.subject == "Uusi kokous: Kevään perhekeskusseminaari"
    link = re.search(r"https?://\S+/seuranta/peru/\S+/", email.body).group()
    visitor = new_page()  # not logged in
    visitor.goto(urlsplit(link).path)
    assert_accessible(visitor)
    visitor.get_by_role("button", name="Lopeta seuraaminen").click()
    expect(visitor.get_by_role("main")).to_contain_text("Et enää seuraa")
    page.goto("/oma-sivu/")
    expect(page.get_by_text("Et seuraa mitään.")).to_be_visible()
