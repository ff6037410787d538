"""The funding report in a real browser: a visitor opens LAPE Uusimaa's report from its page,
reads the totals and downloads the report pack, which opens with the same totals."""

import io

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portal.tests.browser import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

NBSP = "\N{NO-BREAK SPACE}"


def test_visitor_downloads_the_report_pack_with_the_pages_totals(page):
    page.goto(reverse("projects:detail", args=["lape-uusimaa"]))
    page.get_by_role("link", name="Rahoitusraportti").click()
    summary = page.get_by_role("table", name="Yhteenveto")
    expect(summary.get_by_role("row", name="Myönnetty avustus")).to_contain_text(
        f"1{NBSP}400{NBSP}000,00{NBSP}€"
    )
    expect(summary.get_by_role("row", name="Omarahoitus")).to_contain_text(
        f"350{NBSP}000,00{NBSP}€"
    )
    screenshot(page, "hanke-rahoitusraportti")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert download.value.suggested_filename == "rahoitusraportti-lape-uusimaa.xlsx"
    # The download is stored without the extension openpyxl looks for: read its bytes.
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    summary_rows = dict(workbook["Yhteenveto"].iter_rows(min_row=2, values_only=True))
    assert summary_rows["Myönnetty avustus"] == 1400000
    assert summary_rows["Omarahoitus"] == 350000
