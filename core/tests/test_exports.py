"""Cells of exported files: numbers a Finnish spreadsheet reads, text never run as a formula."""

import io
from decimal import Decimal

import openpyxl
import pytest

from core.exports import MONEY, NUMBER, TEXT, Column, Table, csv_text, write_xlsx


@pytest.mark.parametrize("text", ["=1+1", "+358", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_text_that_a_spreadsheet_would_run_is_kept_as_text(text):
    assert csv_text(text, TEXT) == f"'{text}"


def test_csv_numbers_have_a_decimal_comma_and_are_not_guarded():
    assert csv_text(Decimal("-1250.5"), MONEY) == "-1250,50"
    assert csv_text(2017, NUMBER) == "2017"
    assert csv_text(None, MONEY) == ""


def test_workbook_keeps_formulas_as_text_and_money_as_euros():
    columns = [Column("Nimi", lambda row: row[0]), Column("Summa", lambda row: row[1], MONEY)]
    table = Table(
        columns,
        [("=HYPERLINK(1)", Decimal("1400000.00"))],
        totals={columns[1]: 1},
        total_label="Yhteensä",
    )
    workbook = io.BytesIO()
    write_xlsx([("Taulu", table)], workbook)
    sheet = openpyxl.load_workbook(workbook).active
    assert sheet["A2"].value == "=HYPERLINK(1)"
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == Decimal("1400000.00")
    assert sheet["B2"].number_format == '#,##0.00\\ "€"'
    assert [sheet["A3"].value, sheet["B3"].value] == ["Yhteensä", 1]
