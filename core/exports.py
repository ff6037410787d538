"""Lists that leave the portal as files: a list's columns are defined once, and the page's
table, the CSV file and the XLSX workbook all show those columns under the same headings.

A ``Column`` gives its heading, the value of a row (a str, Decimal, date, datetime, number or
None) and the kind of that value, which decides how pages and files show it: money as
"1 750 000,00 €" on a Finnish page, as the number 1750000.00 with a euro format in XLSX and as
"1750000,00" in CSV (a decimal comma, which a Finnish spreadsheet reads as a number). A
column's ``template`` renders its cell on the page instead (a link, a mark); files keep the
plain value. A page may show the rows as cards instead of a table: the row header as a card's
title, the other columns as labelled values (``templates/includes/cards.html``).
"""

import csv
import dataclasses
import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from typing import Any, BinaryIO

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import formats, timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.money import format_money

TEXT = "text"
MONEY = "money"
DATE = "date"
DATETIME = "datetime"
NUMBER = "number"

# A spreadsheet reads a cell starting with these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Dates and times in files in one format whatever the user's language, which Finnish
# spreadsheets read as dates.
FILE_DATE_FORMAT = "j.n.Y"
FILE_TIME_FORMAT = "j.n.Y H.i"
# The workbook's number formats. A format code always uses "," for thousands and "." for
# decimals; a Finnish spreadsheet shows this one as "1 750 000,00 €".
XLSX_FORMATS = {
    MONEY: '#,##0.00\\ "€"',
    DATE: "d.m.yyyy",
    DATETIME: "d.m.yyyy h:mm",
    NUMBER: "0",
}
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Sheet names: at most 31 characters, none of these.
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
# A workbook's column widths follow this many first rows.
WIDTH_SAMPLE = 500
BOLD = Font(bold=True)


@dataclasses.dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Any], object]
    kind: str = TEXT
    # The page's cell as HTML, given the row's object and its text (the value as the page
    # shows it); without one the cell is the text. Python, not a template: a table renders it
    # for each of its rows.
    cell: Callable[[Any, str], str] | None = None
    # The icon (``core.icons``) beside the label where a card shows the column.
    icon: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.kind in (MONEY, NUMBER)


def page_text(value, kind: str) -> str:
    """``value`` as a page shows it in the user's language; "" for None."""
    if value is None:
        return ""
    if kind == MONEY:
        return format_money(value)
    if kind == DATETIME:
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if kind == DATE:
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def guarded(text: str) -> str:
    """``text`` as a spreadsheet shows it as text, never runs it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def csv_text(value, kind: str) -> str:
    """``value`` as a CSV cell: numbers with a decimal comma, dates in ``FILE_*_FORMAT``,
    text guarded against formulas."""
    if value is None:
        return ""
    if kind == MONEY:
        return f"{value:.2f}".replace(".", ",")
    if kind == NUMBER:
        return str(value).replace(".", ",")
    if kind == DATETIME:
        return formats.date_format(timezone.localtime(value), FILE_TIME_FORMAT)
    if kind == DATE:
        return formats.date_format(value, FILE_DATE_FORMAT)
    return guarded(str(value))


@dataclasses.dataclass
class Table:
    """The rows of ``objects`` in ``columns``; ``totals`` (values by column) is a last row of
    sums, which files hold as values a reader can check against the rows."""

    columns: Sequence[Column]
    objects: Iterable
    totals: dict[Column, object] = dataclasses.field(default_factory=dict)
    total_label: str = ""
    # The column whose cells head their rows on a page.
    row_header: int = 0

    @property
    def headers(self) -> list[str]:
        return [str(column.label) for column in self.columns]

    def values(self) -> Iterator[list]:
        for obj in self.objects:
            yield [column.value(obj) for column in self.columns]

    @cached_property
    def page_rows(self) -> list[dict]:
        """Each row as its object and cells (column, text, heads the row) for a page."""
        return [
            {
                "object": obj,
                "cells": [
                    (column, page_text(column.value(obj), column.kind), index == self.row_header)
                    for index, column in enumerate(self.columns)
                ],
            }
            for obj in self.objects
        ]

    def total_values(self) -> list | None:
        """The totals row, its label in the first column; None without totals."""
        if not self.totals:
            return None
        row = [self.totals.get(column) for column in self.columns]
        row[0] = self.total_label
        return row

    @property
    def total_cells(self) -> list[tuple[str, Column]]:
        """The totals row as a page shows it: (text, column) per column."""
        totals = self.total_values() or []
        return [
            (page_text(value, column.kind), column)
            for value, column in zip(totals, self.columns, strict=True)
        ]


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class _Echo:
    """A file that hands back what is written, for a streamed csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_response(table: Table, *, filename: str) -> StreamingHttpResponse:
    """``table`` as a CSV file for Excel: UTF-8 with BOM, semicolons, streamed row by row."""
    writer = csv.writer(_Echo(), delimiter=";")
    kinds = [column.kind for column in table.columns]

    def lines():
        yield "\ufeff" + writer.writerow(table.headers)
        for values in table.values():
            yield writer.writerow(
                csv_text(value, kind) for value, kind in zip(values, kinds, strict=True)
            )
        totals = table.total_values()
        if totals is not None:
            kinds_with_label = [TEXT, *kinds[1:]]
            yield writer.writerow(
                csv_text(value, kind) for value, kind in zip(totals, kinds_with_label, strict=True)
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def _xlsx_value(value, kind: str):
    if kind == DATETIME and value is not None:
        # A workbook has no time zones: the local time, as the pages show it.
        return timezone.localtime(value).replace(tzinfo=None)
    if kind == TEXT and value is not None:
        return str(value)
    return value


def _xlsx_cell(sheet, value, column: Column | None, *, bold: bool = False):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # A text starting with "=" is text, never a formula.
        cell.data_type = "s"
    elif column is not None and column.kind in XLSX_FORMATS:
        cell.number_format = XLSX_FORMATS[column.kind]
    if bold:
        cell.font = BOLD
    return cell


def _add_sheet(workbook: Workbook, title: str, table: Table) -> None:
    """A write-only sheet of ``table``: each row goes to the sheet's temporary file as it is
    read, so memory does not grow with the rows. Column widths follow the first
    WIDTH_SAMPLE rows (a width has to be set before the first row is written)."""
    sheet = workbook.create_sheet(title.translate(SHEET_NAME_FORBIDDEN)[:31])
    values = table.values()
    sample = list(itertools.islice(values, WIDTH_SAMPLE))
    for index, column in enumerate(table.columns, start=1):
        longest = max([len(str(column.label)), *(len(str(row[index - 1] or "")) for row in sample)])
        width = 16 if column.is_numeric else min(max(longest, 8), 60)
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_cell(sheet, header, None, bold=True) for header in table.headers])
    for row in itertools.chain(sample, values):
        sheet.append(
            [
                _xlsx_cell(sheet, _xlsx_value(value, column.kind), column)
                for value, column in zip(row, table.columns, strict=True)
            ]
        )
    totals = table.total_values()
    if totals is not None:
        sheet.append(
            [
                _xlsx_cell(sheet, _xlsx_value(value, column.kind), column, bold=True)
                for value, column in zip(totals, table.columns, strict=True)
            ]
        )


def write_xlsx(sheets: Sequence[tuple[str, Table]], target: BinaryIO) -> None:
    """Write a workbook of one sheet per (title, table) to the binary file ``target``."""
    workbook = Workbook(write_only=True)
    for title, table in sheets:
        _add_sheet(workbook, title, table)
    workbook.save(target)


def xlsx_response(sheets: Sequence[tuple[str, Table]], *, filename: str) -> FileResponse:
    """A workbook of one sheet per (title, table), as a download, written to a temporary file
    (removed when the response is closed) and sent from there."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
    write_xlsx(sheets, handle)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
