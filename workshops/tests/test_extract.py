import io
import time
import zipfile

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from workshops import extract
from workshops.extract import DOCX_TYPE, ODT_TYPE, TooComplex, extract_text, read_text

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ODF_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF showing ``text`` in Helvetica."""
    return pdf_with_content(b"BT /F1 12 Tf 72 770 Td (" + text.encode("cp1252") + b") Tj ET")


def pdf_with_content(stream: bytes) -> bytes:
    """A one-page PDF drawing the content ``stream``, written out by hand with its xref."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def pdf_sharing_one_stream(pages: int = 12, stream_bytes: int = 2_700_000) -> bytes:
    """A PDF of a few kilobytes whose ``pages`` share one compressed content stream of
    ``stream_bytes`` drawing one tiny character at a time: reading its text takes pypdf about
    ten seconds a page."""
    writer = PdfWriter()
    operation = b"BT /F1 1 Tf 1 0 0 1 0 0 Tm (a) Tj ET\n"
    stream = StreamObject()
    stream.set_data(operation * (stream_bytes // len(operation)))
    contents = writer._add_object(stream.flate_encode(level=9))
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    for _page in range(pages):
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Contents")] = contents
        page[NameObject("/Resources")] = resources
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def zip_with(part: str, xml: str | bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(part, xml)
    return buffer.getvalue()


def docx_with(body: str) -> bytes:
    return zip_with(
        "word/document.xml",
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD_NS}">'
        f"<w:body>{body}</w:body></w:document>",
    )


def odt_with(body: str) -> bytes:
    return zip_with(
        "content.xml",
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        f' xmlns:office="{ODF_OFFICE_NS}" xmlns:text="{ODF_TEXT_NS}">'
        f"<office:body><office:text>{body}</office:text></office:body>"
        f"</office:document-content>",
    )


def extracted(data: bytes, content_type: str, name: str = "liite") -> str | None:
    return extract_text(io.BytesIO(data), content_type, name)


# --- PDF ------------------------------------------------------------------------------------


def test_text_of_a_pdf_is_extracted():
    data = pdf_with_text("Perhekeskusten työpajassa sovittiin vastuista.")
    assert extracted(data, "application/pdf") == "Perhekeskusten työpajassa sovittiin vastuista."


def test_a_pdf_is_recognised_by_its_name_when_the_type_is_unknown():
    data = pdf_with_text("Muistio")
    assert extracted(data, "application/octet-stream", "Muistio 3.5.2017.PDF") == "Muistio"


def test_a_pdf_without_text_gives_none():
    """A scanned PDF: pages with images only have no text layer."""
    data = pdf_with_content(b"q 0 0 1 rg 72 72 200 200 re f Q")  # a blue square, no text
    assert extracted(data, "application/pdf") is None


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4 rikki", b"", pdf_with_text("Katkaistu tiedosto")[:200], b"\x00" * 100],
    ids=["garbage", "empty", "truncated", "zeros"],
)
def test_a_corrupt_pdf_gives_none_without_raising(data):
    assert extracted(data, "application/pdf") is None


def test_the_file_is_rewound_after_extraction():
    data = pdf_with_text("Muistio")
    file = io.BytesIO(data)
    extract_text(file, "application/pdf", "muistio.pdf")
    assert file.read() == data


# --- DOCX and ODT ---------------------------------------------------------------------------


def test_text_of_a_docx_is_extracted_paragraph_by_paragraph():
    data = docx_with(
        "<w:p><w:r><w:t>Ensimmäinen</w:t></w:r><w:r><w:tab/><w:t>kappale</w:t></w:r></w:p>"
        '<w:p><w:r><w:instrText> HYPERLINK "https://example.fi" </w:instrText></w:r>'
        "<w:r><w:t>Toinen</w:t></w:r><w:r><w:br/><w:t>rivi</w:t></w:r></w:p>"
    )
    assert extracted(data, DOCX_TYPE) == "Ensimmäinen\tkappale\nToinen\nrivi"


def test_text_of_an_odt_keeps_words_apart_at_spaces_tabs_and_breaks():
    data = odt_with(
        '<text:h text:outline-level="1">Muistio</text:h>'
        "<text:p>Läsnä:<text:s/>Lohja<text:tab/>Porvoo"
        '<text:line-break/><text:span text:style-name="b">Mäntsälä</text:span> ja Vantaa</text:p>'
    )
    assert extracted(data, ODT_TYPE, "muistio.odt") == (
        "Muistio\nLäsnä: Lohja\tPorvoo\nMäntsälä ja Vantaa"
    )


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"PK\x03\x04 ei zip-tiedosto", DOCX_TYPE),
        (zip_with("muu.xml", "<a/>"), DOCX_TYPE),
        (zip_with("content.xml", "<rikki"), ODT_TYPE),
    ],
    ids=["not a zip", "no document part", "broken xml"],
)
def test_a_corrupt_office_file_gives_none(data, content_type):
    assert extracted(data, content_type) is None


def test_an_office_file_that_inflates_too_much_is_refused(monkeypatch):
    """A zip bomb: a small archive whose XML part would fill the memory."""
    monkeypatch.setattr(extract, "MAX_XML_SIZE", 10_000)
    paragraph = "<w:p><w:r><w:t>täytettä</w:t></w:r></w:p>"
    bomb = docx_with(paragraph * 1000)
    assert len(bomb) < 10_000
    assert extracted(bomb, DOCX_TYPE) is None
    assert extracted(docx_with(paragraph * 10), DOCX_TYPE) is not None


def test_an_office_file_with_a_dtd_is_refused():
    """Entities defined in a DTD could expand without end ("billion laughs")."""
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "naurua">]>'
        f'<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    assert extracted(zip_with("word/document.xml", xml), DOCX_TYPE) is None


# --- Plain text and the rest ----------------------------------------------------------------


def test_plain_text_is_read_as_utf8_or_else_windows_1252():
    assert extracted("Mäntsälä\n".encode(), "text/plain") == "Mäntsälä"
    assert extracted("\ufeffMötet i Borgå".encode(), "text/plain") == "Mötet i Borgå"
    assert extracted("Mäntsälä – Porvoo".encode("cp1252"), "text/plain") == "Mäntsälä – Porvoo"


def test_a_binary_file_sent_as_text_gives_none():
    assert extracted(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/plain") is None


def test_an_unknown_type_gives_none():
    assert extracted(b"\x89PNG\r\n\x1a\n", "image/png", "kuva.png") is None


def test_whitespace_only_gives_none():
    assert extracted(b" \n\t \n", "text/plain") is None


def test_very_long_text_is_cut_to_what_the_index_holds():
    text = extracted(b"sana " * extract.MAX_TEXT_LENGTH, "text/plain")
    assert len(text) == extract.MAX_TEXT_LENGTH


# --- In a child process with limits ---------------------------------------------------------


def read_in_child(data: bytes, content_type: str, **limits) -> str | None:
    limits = {"seconds": 10, "memory_bytes": 512 * 1024 * 1024} | limits
    return read_text(io.BytesIO(data), content_type, "liite", **limits)


def test_the_child_process_reads_the_text():
    assert read_in_child(pdf_with_text("Lapsiperheiden palvelut"), "application/pdf") == (
        "Lapsiperheiden palvelut"
    )
    assert read_in_child(docx_with("<w:p><w:r><w:t>Perhekeskus</w:t></w:r></w:p>"), DOCX_TYPE) == (
        "Perhekeskus"
    )


def test_a_pdf_that_takes_too_long_is_stopped_at_the_time_limit():
    hostile = pdf_sharing_one_stream()
    assert len(hostile) < 20_000

    started = time.monotonic()
    with pytest.raises(TooComplex):
        read_in_child(hostile, "application/pdf", seconds=2)
    assert time.monotonic() - started < 4


def test_a_file_that_needs_too_much_memory_is_stopped_at_the_memory_limit():
    with pytest.raises(TooComplex, match="MemoryError"):
        read_in_child(pdf_sharing_one_stream(pages=1), "application/pdf", memory_bytes=80 << 20)


def test_a_pdf_of_too_many_pages_is_too_complex(monkeypatch):
    monkeypatch.setattr(extract, "MAX_PDF_PAGES", 2)
    data = pdf_sharing_one_stream(pages=3, stream_bytes=100)

    with pytest.raises(TooComplex):
        extracted(data, "application/pdf")
