"""The portal in a real browser: Debian's Chromium driven by Playwright against a live server.

Screenshots are left in ``test-artifacts/screenshots/`` (git-ignored); axe-core checks every
kind of page in test_browser_accessibility.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portal.demo.users import DEMO_PASSWORDS
from portal.tests.browser import MINUTES_TEXT, field_named, login, screenshot
from projects.models import Project

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_changes_a_budget_line_and_sees_the_funding_panel_update(page):
    login(page, "koordinaattori", DEMO_PASSWORDS["koordinaattori"])
    page.goto(reverse("projects:detail", args=["lape-uusimaa"]))
    funding = page.locator("section[aria-labelledby=funding]")
    expect(funding).to_contain_text("1\xa0750\xa0000,00\xa0€")

    page.get_by_role("link", name="Muokkaa 2017 matkakulut").click()
    page.get_by_label("Summa").fill("125000,00")
    page.get_by_role("button", name="Tallenna").click()

    expect(page.get_by_role("status")).to_contain_text("Budjettirivi on tallennettu")
    # The travel line grew by 100 000 €: planned 1 850 000 €, past the total budget.
    expect(funding).to_contain_text("1\xa0850\xa0000,00\xa0€")
    expect(funding).to_contain_text("125\xa0000,00\xa0€")
    screenshot(page, "koordinaattori-budjetti-muutettu")


def test_coordinator_publishes_a_meeting_that_municipal_staff_then_finds(page, new_page):
    login(page, "koordinaattori", DEMO_PASSWORDS["koordinaattori"])
    page.goto(reverse("projects:detail", args=["lape-uusimaa"]))
    page.get_by_role("link", name="Lisää kokous").click()
    page.get_by_role("textbox", name=field_named("Otsikko")).fill("Perhekeskustyöpaja Vihdissä")
    page.get_by_label("Tyyppi").select_option(label="maakunnallinen työpaja")
    page.get_by_label("Alkaa").fill("2027-02-10T09:00")
    # "Päättyy*": the end, not "Ilmoittautuminen päättyy" (the deadline).
    page.get_by_role("textbox", name="Päättyy*").fill("2027-02-10T12:00")
    page.get_by_label("Paikka").fill("Vihdin kunnantalo")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Perhekeskustyöpaja Vihdissä")
    meeting_url = page.url

    page.get_by_role("link", name="Lisää liite").click()
    page.get_by_role("textbox", name=field_named("Otsikko")).fill("Työpajan ohjelma")
    page.get_by_label("Tyyppi").select_option(label="muistio")
    page.get_by_label("Tiedosto").set_input_files(
        {"name": "ohjelma.txt", "mimeType": "text/plain", "buffer": b"Ohjelma 9.00"}
    )
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("link", name="Työpajan ohjelma", exact=True)).to_be_visible()

    page.get_by_role("link", name="Muistio", exact=True).click()
    page.get_by_role("textbox", name=MINUTES_TEXT).fill(
        "Sovittiin perhekeskuksen yhteisistä palveluista."
    )
    page.get_by_role("button", name="Tallenna ja lähetä kommentoitavaksi").click()
    # The workshop is in 2027: the text is saved, and circulating asks for a confirmation.
    expect(page.get_by_role("status")).to_contain_text("kokous ei ole vielä alkanut")
    page.get_by_label("Kokous ei ole vielä alkanut. Lähetä silti kommentoitavaksi.").check()
    page.get_by_role("button", name="Tallenna ja lähetä kommentoitavaksi").click()
    expect(page.get_by_role("status")).to_contain_text("lähetetty osallistujille")
    page.get_by_role("link", name="Muistio", exact=True).click()
    page.get_by_role("button", name="Hyväksy muistio").click()
    expect(page.get_by_role("status")).to_contain_text("Muistio on hyväksytty ja julkaistu")

    staff_page = new_page()
    login(staff_page, "kuntatyontekija", DEMO_PASSWORDS["kuntatyontekija"])
    staff_page.goto(reverse("workshops:meeting_list"))
    staff_page.get_by_role("link", name="Perhekeskustyöpaja Vihdissä").click()
    assert staff_page.url == meeting_url
    minutes_text = staff_page.get_by_text("Sovittiin perhekeskuksen yhteisistä palveluista.")
    expect(minutes_text).to_be_visible()
    with staff_page.expect_download() as download:
        staff_page.get_by_role("link", name="Työpajan ohjelma", exact=True).click()
    assert Path(download.value.path()).read_bytes() == b"Ohjelma 9.00"
    screenshot(staff_page, "kuntatyontekija-kokous")


def test_visitor_cannot_reach_an_edit_page(page):
    page.goto(reverse("projects:detail", args=["lape-uusimaa"]))
    expect(page.get_by_role("link", name="Muokkaa hankkeen tietoja")).to_have_count(0)
    page.goto(reverse("projects:edit", args=["lape-uusimaa"]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kirjaudu sisään")
    assert "/tili/login/" in page.url


def test_pages_break_no_content_security_policy_rule(page):
    """The policy allows no inline scripts or styles; Chromium reports each refusal."""
    console = []
    page.on("console", lambda message: console.append(message.text))
    login(page, "admin", DEMO_PASSWORDS["admin"])
    project = Project.objects.get(slug="lape-uusimaa")
    for url in [
        "/",
        reverse("projects:detail", args=[project.slug]),
        reverse("workshops:calendar", args=[2018, 3]),
        reverse("admin:projects_project_change", args=[project.pk]),
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.url.endswith(url), f"{url} redirected to {page.url}"
        assert response.header_value("Content-Security-Policy"), url
    assert [text for text in console if "Content Security Policy" in text] == []
