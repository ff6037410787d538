"""Euros in a real browser: a coordinator types an amount as the pages show it, and a visitor
sees a grant of unknown amount as unknown, not as zero."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portal.demo.users import DEMO_PASSWORDS
from portal.tests.browser import assert_accessible, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

NBSP = "\N{NO-BREAK SPACE}"


def test_coordinator_types_an_amount_as_the_page_shows_it_and_sees_it_back(page):
    login(page, "koordinaattori", DEMO_PASSWORDS["koordinaattori"])
    page.goto(reverse("projects:detail", args=["lape-uusimaa"]))
    funding = page.locator("section[aria-labelledby=funding]")

    page.get_by_role("link", name="Muokkaa 2017 matkakulut").click()
    # Copied from a page: no-break spaces between the thousands and before the euro sign.
    page.get_by_label("Summa").fill(f"12{NBSP}500,50{NBSP}€")
    page.get_by_role("button", name="Tallenna").click()

    expect(page.get_by_role("status")).to_contain_text("Budjettirivi on tallennettu")
    expect(funding).to_contain_text(f"12{NBSP}500,50{NBSP}€")
    screenshot(page, "koordinaattori-summa-sivun-muodossa")

    page.get_by_role("link", name="Muokkaa 2017 matkakulut").click()
    expect(page.get_by_label("Summa")).to_have_value(f"12{NBSP}500,50")
    assert_accessible(page)


def test_visitor_sees_a_grant_of_unknown_amount_as_unknown(page):
    page.goto(reverse("projects:detail", args=["lape-pohjanmaa"]))
    granted = page.get_by_role("row", name="Myönnetty avustus")
    expect(granted).to_contain_text("ei tiedossa")
    expect(page.get_by_role("row", name="Omarahoitus")).to_contain_text("ei tiedossa")
    expect(granted).not_to_contain_text("0,00")
    screenshot(page, "hanke-lape-pohjanmaa")
    assert_accessible(page)
