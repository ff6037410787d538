"""Text of uploaded attachments, for the full-text search.

PDF through pypdf, DOCX and ODT by reading their XML from the zip, plain text as UTF-8 (or
Windows-1252, what older Finnish Office files were saved in). Whatever cannot be read (a scanned
PDF without a text layer, a corrupt or encrypted file, an unknown type) gives ``None``: the
caller keeps the attachment and marks it as not searchable.

A small file can still keep a reader busy for minutes (twelve PDF pages sharing one huge content
stream). ``read_text`` therefore reads in a child process of its own (``python -m
workshops.extract``) with limits on wall time, CPU time and memory; the child also refuses too
many pages. A file beyond a limit raises ``TooComplex``.
"""

import codecs
import io
import json
import logging
import math
import resource
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from xml.etree import ElementTree

logger = logging.getLogger(__name__)

# PostgreSQL refuses a tsvector over 1 MB, and each attachment's text is indexed in two
# configurations: beyond this length the upload itself would fail, so the rest is not indexed.
MAX_TEXT_LENGTH = 300_000
MAX_TEXT_BYTES = 4 * MAX_TEXT_LENGTH  # UTF-8 takes at most four bytes per character
# More pages than any meeting document has: a file beyond it is not read.
MAX_PDF_PAGES = 1000
# A few megabytes of text compress to a few kilobytes: a larger XML part is a zip bomb.
MAX_XML_SIZE = 20 * 1024 * 1024

WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class TooComplex(Exception):
    """Reading the file's text went beyond a limit (time, memory, pages): it is not indexed."""


class ExtractionCrashed(Exception):
    """The child process reading a file ended without an answer (killed from outside, ...)."""


def read_text(
    file: BinaryIO, content_type: str, name: str, *, seconds: float, memory_bytes: int
) -> str | None:
    """``extract_text`` in a child process with at most ``seconds`` of wall time and
    ``memory_bytes`` of memory. Raises ``TooComplex`` at a limit and ``ExtractionCrashed`` when
    the child dies otherwise."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    process = subprocess.Popen(  # noqa: S603 - this module run by the same interpreter
        [
            sys.executable,
            "-m",
            __name__,
            content_type,
            PurePosixPath(name).suffix,
            str(memory_bytes),
            str(math.ceil(seconds)),
        ],
        cwd=Path(__file__).resolve().parent.parent,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        output, errors = process.communicate(data, timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise TooComplex(f"more than {seconds} s") from None
    if process.returncode == -signal.SIGXCPU:
        raise TooComplex(f"more than {seconds} s of processor time")
    if process.returncode != 0:
        last_line = errors.decode(errors="replace").strip().rsplit("\n", 1)[-1]
        raise ExtractionCrashed(f"exit status {process.returncode} {last_line}".strip())
    answer = json.loads(output)
    if "too_complex" in answer:
        raise TooComplex(answer["too_complex"])
    return answer["text"]


def _child_main(content_type: str, suffix: str, memory_bytes: str, cpu_seconds: str) -> None:
    """The child process of ``read_text``: the file on standard input, the answer as JSON on
    standard output."""
    resource.setrlimit(resource.RLIMIT_AS, (int(memory_bytes), int(memory_bytes)))
    resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_seconds), int(cpu_seconds) + 1))
    data = sys.stdin.buffer.read()
    try:
        answer = {"text": extract_text(io.BytesIO(data), content_type, f"liite{suffix}")}
    except (TooComplex, MemoryError) as error:
        answer = {"too_complex": str(error) or type(error).__name__}
    sys.stdout.write(json.dumps(answer))


def extract_text(file: BinaryIO, content_type: str, name: str) -> str | None:
    """The text of ``file`` (a PDF, DOCX, ODT or plain-text file), or ``None`` when there is none.

    The type is recognised from ``content_type`` or, failing that, the suffix of ``name``. Bad
    input never raises; the file is rewound for whoever reads it next.
    """
    extractor = EXTRACTORS.get(content_type.split(";")[0].strip().lower()) or EXTRACTORS.get(
        PurePosixPath(name).suffix.lower()
    )
    if extractor is None:
        return None
    try:
        file.seek(0)
        text = extractor(file)
    except (TooComplex, MemoryError):
        raise
    except Exception:  # pypdf, zipfile and expat raise many different errors for bad files
        logger.info("No text extracted from %r", name, exc_info=True)
        return None
    finally:
        file.seek(0)
    # PostgreSQL text cannot hold NUL, which PDFs sometimes map characters to.
    text = (text or "").replace("\x00", "").strip()[:MAX_TEXT_LENGTH]
    return text if any(character.isalnum() for character in text) else None


def _pdf_text(file: BinaryIO) -> str:
    # Imported here: pypdf takes a moment to import and only uploads need it.
    from pypdf import PdfReader

    reader = PdfReader(file)
    if reader.is_encrypted:
        reader.decrypt("")  # opens PDFs that are only protected against editing
    if len(reader.pages) > MAX_PDF_PAGES:
        raise TooComplex(f"more than {MAX_PDF_PAGES} pages")
    pages, length = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        pages.append(text)
        length += len(text)
        if length >= MAX_TEXT_LENGTH:
            break
    return "\n".join(pages)


def _xml_part(file: BinaryIO, part: str) -> ElementTree.Element | None:
    """The root of the XML ``part`` of a zip container, or ``None`` when it is too large."""
    with zipfile.ZipFile(file) as archive:
        info = archive.getinfo(part)
        if info.file_size > MAX_XML_SIZE:
            return None
        with archive.open(info) as stream:
            # The declared size can lie: the read itself is bounded as well.
            data = stream.read(MAX_XML_SIZE + 1)
    if len(data) > MAX_XML_SIZE or b"<!DOCTYPE" in data:
        # Office documents have no DTD; one here could only define expanding entities.
        return None
    return ElementTree.fromstring(data)  # noqa: S314 - size bounded and DTDs refused above


def _docx_text(file: BinaryIO) -> str | None:
    root = _xml_part(file, "word/document.xml")
    if root is None:
        return None
    pieces = []
    # Document order; only w:t holds text (w:instrText holds field codes, w:delText deletions).
    for element in root.iter():
        if element.tag == f"{WORD}t":
            pieces.append(element.text or "")
        elif element.tag == f"{WORD}tab":
            pieces.append("\t")
        elif element.tag in (f"{WORD}p", f"{WORD}br", f"{WORD}cr"):
            pieces.append("\n")
    return "".join(pieces)


def _odt_text(file: BinaryIO) -> str | None:
    root = _xml_part(file, "content.xml")
    if root is None:
        return None
    pieces: list[str] = []
    _odf_element_text(root, pieces)
    return "".join(pieces)


# ODF writes runs of spaces, tabs and line breaks as empty elements between the words.
ODF_SEPARATORS = {
    f"{ODF_TEXT}s": " ",
    f"{ODF_TEXT}tab": "\t",
    f"{ODF_TEXT}line-break": "\n",
    f"{ODF_TEXT}p": "\n",
    f"{ODF_TEXT}h": "\n",
}


def _odf_element_text(element: ElementTree.Element, pieces: list[str]) -> None:
    pieces.append(ODF_SEPARATORS.get(element.tag, ""))
    pieces.append(element.text or "")
    for child in element:
        _odf_element_text(child, pieces)
        pieces.append(child.tail or "")


def _plain_text(file: BinaryIO) -> str | None:
    data = file.read(MAX_TEXT_BYTES)
    if b"\x00" in data:
        return None  # a binary file sent as text
    try:
        # Not final: a character cut in two by the bounded read is dropped, not an error.
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data)
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"

# Content types and file-name suffixes, each with its extractor.
EXTRACTORS: dict[str, Callable[[BinaryIO], str | None]] = {
    "application/pdf": _pdf_text,
    ".pdf": _pdf_text,
    DOCX_TYPE: _docx_text,
    ".docx": _docx_text,
    ODT_TYPE: _odt_text,
    ".odt": _odt_text,
    "text/plain": _plain_text,
    "text/csv": _plain_text,
    "text/markdown": _plain_text,
    ".txt": _plain_text,
    ".csv": _plain_text,
    ".md": _plain_text,
}


if __name__ == "__main__":
    _child_main(*sys.argv[1:])
