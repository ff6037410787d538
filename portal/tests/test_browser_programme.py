"""The programme page and the practice matrix in a real browser, with the demo data."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portal.tests.browser import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

NBSP = "\N{NO-BREAK SPACE}"


def test_visitor_reads_the_programme_in_figures_and_who_takes_part(page):
    page.goto("/")
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Ohjelma").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("LAPE-ohjelma kokonaisuutena")
    by_region = page.locator("#totals-by-region")
    expect(by_region.get_by_role("row", name="Pohjanmaa")).to_contain_text("ei tiedossa")
    # The programme's total says what it leaves out.
    expect(by_region.locator("tfoot")).to_contain_text("Koko ohjelma")
    expect(by_region.locator("tfoot")).to_contain_text("ei sisällä 2 hankkeen summia")
    # The chart reads its figures aloud and names its table.
    chart = page.get_by_role("img", name="Uusimaa: Myönnetty avustus", exact=False)
    expect(chart).to_have_attribute("aria-describedby", "totals-by-region")
    expect(page.get_by_role("link", name="hankeluettelossa")).to_have_attribute(
        "href", reverse("projects:list")
    )
    screenshot(page, "ohjelma")
    assert_accessible(page)

    by_region.get_by_role("link", name="Uusimaa", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("LAPE-ohjelma: Uusimaa")
    projects = page.get_by_role("table", name="Hankkeiden rahoitus: Uusimaa")
    uusimaa = projects.get_by_role("row", name="LAPE Uusimaa – Yhdessä olemme enemmän")
    expect(uusimaa).to_contain_text(f"1{NBSP}400{NBSP}000,00{NBSP}€")
    expect(uusimaa).to_contain_text(f"350{NBSP}000,00{NBSP}€")
    expect(projects.get_by_role("row", name="LAPE Pohjanmaa")).to_have_count(0)
    # Myrskylä is invited to LAPE Uusimaa's events, not a member.
    grid = page.get_by_role("region", name="Kuntien roolit hankkeissa: Uusimaa")
    expect(grid.get_by_role("row", name="Myrskylä")).to_contain_text("kutsuttu tilaisuuksiin")
    expect(grid.get_by_role("row", name="Lohja")).to_contain_text("hallinnoija")
    screenshot(page, "ohjelma-uusimaa")
    assert_accessible(page)


def test_visitor_finds_where_a_practice_took_root_in_the_region(page):
    page.goto(reverse("projects:practice_list"))
    page.get_by_role("link", name="Uusimaa", exact=True).click()

    matrix = page.get_by_role("table", name="Toimintamallien tila kunnittain: Uusimaa")
    headers = matrix.get_by_role("columnheader")
    expect(headers.first).to_have_text("Kunta")
    column = [text.strip() for text in headers.all_inner_texts()].index(
        "Perhekeskustoimintamalli\nII"
    )
    lohja = matrix.get_by_role("row", name="Lohja")
    # The state is written out, with the example label, not only coloured.
    expect(lohja.get_by_role("cell").nth(column - 1)).to_contain_text("juurtunut")
    expect(lohja).to_contain_text("Esimerkkiaineisto")
    expect(matrix.get_by_role("row", name="Askola").get_by_role("cell").first).to_have_text(
        "ei tietoa"
    )
    screenshot(page, "toimintamallit-uusimaa")
    assert_accessible(page)

    lohja.get_by_role("link", name="Lohja").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lohja")


def test_visitor_reads_a_practice_with_its_municipalities_and_plan(page):
    page.goto(reverse("projects:practice_list"))
    page.get_by_label("Hanke").select_option(label="LAPE Uusimaa – Yhdessä olemme enemmän")
    page.get_by_role("button", name="Näytä toimintamallit").click()
    expect(page.get_by_role("status")).to_have_text("4 toimintamallia")
    assert_accessible(page)

    page.get_by_role("link", name="Perhekeskustoimintamalli").click()

    adoptions = page.get_by_role("table", name="Kunnat, jotka ovat pilotoineet", exact=False)
    expect(adoptions.get_by_role("row", name="Lohja")).to_contain_text("juurtunut")
    plan = page.locator("section[aria-labelledby=embedding]")
    expect(plan).to_contain_text("Esimerkkiaineisto")
    screenshot(page, "toimintamalli-perhekeskus")
    assert_accessible(page)
