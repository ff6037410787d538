"""PDF documents of headings, paragraphs, facts and tables, drawn with ReportLab.

ReportLab is pure Python: it installs from PyPI with the rest of requirements.txt and needs no
system libraries, so PDFs work wherever ``make run`` does. Its standard Helvetica covers
Finnish and Swedish letters and the euro sign; a minus sign (U+2212) is drawn as a hyphen.
"""

import io
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.exports import Table as ExportTable
from core.exports import page_text
from core.money import MINUS

STYLES = getSampleStyleSheet()
CELL = ParagraphStyle("cell", parent=STYLES["BodyText"], fontSize=8, leading=10)
NUMBER_CELL = ParagraphStyle("number", parent=CELL, alignment=TA_RIGHT)
HEADER_CELL = ParagraphStyle("header", parent=CELL, fontName="Helvetica-Bold")
NUMBER_HEADER = ParagraphStyle("number_header", parent=HEADER_CELL, alignment=TA_RIGHT)
HEADINGS = {1: STYLES["Heading1"], 2: STYLES["Heading2"], 3: STYLES["Heading3"]}


def _markup(text) -> str:
    """``text`` as a paragraph's markup: escaped, line breaks kept, drawable characters."""
    return escape(str(text).replace(MINUS, "-")).replace("\n", "<br/>")


class PdfDocument:
    """A document built up of parts in order and rendered by ``pdf()``."""

    def __init__(self, title: str):
        self.title = str(title)
        self.parts: list = []

    def heading(self, text, level: int = 1) -> None:
        self.parts.append(Paragraph(_markup(text), HEADINGS[level]))

    def paragraph(self, text) -> None:
        if text:
            self.parts.append(Paragraph(_markup(text), STYLES["BodyText"]))

    def space(self) -> None:
        self.parts.append(Spacer(1, 4 * mm))

    def facts(self, rows: Iterable[tuple[str, object]]) -> None:
        """Labelled values, one a line: ("Aika", "3.5.2017 klo 9.00")."""
        data = [
            [Paragraph(_markup(label), HEADER_CELL), Paragraph(_markup(value), CELL)]
            for label, value in rows
        ]
        if data:
            table = Table(data, colWidths=[45 * mm, None], hAlign="LEFT")
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            self.parts.append(table)
            self.space()

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[str]],
        *,
        numeric: Sequence[bool] = (),
        has_totals: bool = False,
    ) -> None:
        """A table with a heading row repeated on every page; ``numeric`` columns are
        aligned right and a totals row is bold."""
        numeric = list(numeric) or [False] * len(headers)
        data = [
            [
                Paragraph(_markup(header), NUMBER_HEADER if right else HEADER_CELL)
                for header, right in zip(headers, numeric, strict=True)
            ]
        ]
        for row in rows:
            data.append(
                [
                    Paragraph(_markup(value), NUMBER_CELL if right else CELL)
                    for value, right in zip(row, numeric, strict=True)
                ]
            )
        style = [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if has_totals:
            style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black))
        table = Table(data, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(style))
        self.parts.append(table)
        self.space()

    def export_table(self, table: ExportTable) -> None:
        """A table of ``core.exports`` with its values as the pages show them."""
        totals = table.total_values()
        rows = [
            [
                page_text(value, column.kind)
                for value, column in zip(values, table.columns, strict=True)
            ]
            for values in [*table.values(), *([totals] if totals is not None else [])]
        ]
        self.table(
            table.headers,
            rows,
            numeric=[column.is_numeric for column in table.columns],
            has_totals=totals is not None,
        )

    def pdf(self) -> bytes:
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            title=self.title,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
        )
        document.build(self.parts or [Spacer(1, 1)])
        return buffer.getvalue()

    def response(self, *, filename: str) -> HttpResponse:
        response = HttpResponse(self.pdf(), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
