"""What an uploaded attachment must be: its size, its type read from its content, a safe name.

The type is decided from the bytes alone, never from the file name or the browser's claim.
Office files are zip archives; only their central directory is read, so a zip bomb is refused
before anything is decompressed. Text must be UTF-8 without control characters or markup.
"""

import codecs
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.html import avoid_wrapping
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileType("PDF", "application/pdf", (".pdf",))
DOCX = FileType(
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileType(
    "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
)
PPTX = FileType(
    "PPTX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    (".pptx",),
)
ODT = FileType("ODT", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = FileType("ODS", "application/vnd.oasis.opendocument.spreadsheet", (".ods",))
ODP = FileType("ODP", "application/vnd.oasis.opendocument.presentation", (".odp",))
TXT = FileType("TXT", "text/plain", (".txt",))
PNG = FileType("PNG", "image/png", (".png",))
JPEG = FileType("JPEG", "image/jpeg", (".jpg", ".jpeg"))

ALLOWED_TYPES = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, TXT, PNG, JPEG)
ALLOWED_CONTENT_TYPES = frozenset(file_type.content_type for file_type in ALLOWED_TYPES)
# Browsers show these themselves and run no script from them; everything else is downloaded.
INLINE_CONTENT_TYPES = frozenset({PDF.content_type, PNG.content_type, JPEG.content_type})

MAGIC_TYPES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
ZIP_MAGIC = b"PK\x03\x04"
EXECUTABLE_MAGICS = (
    b"MZ",  # Windows
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # macOS, 32 and 64 bit, both byte orders, universal
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
OOXML_MAIN_PARTS = {
    "word/document.xml": DOCX,
    "xl/workbook.xml": XLSX,
    "ppt/presentation.xml": PPTX,
}
ODF_MIMETYPES = {file_type.content_type: file_type for file_type in (ODT, ODS, ODP)}

# Limits of an office file's zip archive, after Apache POI's ZipSecureFile: a member may
# inflate at most ZIP_MAX_RATIO-fold once it is bigger than ZIP_RATIO_GRACE_BYTES.
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_DIRECTORY_BYTES = 2 * 1024 * 1024
ZIP_MAX_TOTAL_BYTES = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_RATIO_GRACE_BYTES = 100 * 1024
# The end-of-central-directory record: signature, four disk fields, sizes, comment length.
ZIP_END_RECORD = struct.Struct("<4s4H2LH")
ZIP_END_SIGNATURE = b"PK\x05\x06"

# Controls other than tab, line feed, form feed and carriage return mark a binary file.
TEXT_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MARKUP_MARKERS = ("<html", "<svg", "<script", "<?xml", "<!doctype")
MARKUP_OVERLAP = max(len(marker) for marker in MARKUP_MARKERS) - 1

TEXT_CHUNK_BYTES = 64 * 1024

DISPLAY_NAME_MAX_LENGTH = 255
DEFAULT_DISPLAY_NAME = "liite"

EMPTY_MESSAGE = gettext_lazy("Tiedosto on tyhjä.")
TOO_LARGE_MESSAGE = gettext_lazy("Tiedosto on liian suuri (enintään %(limit)s).")
NOT_ALLOWED_MESSAGE = gettext_lazy(
    "Tiedostotyyppiä ei sallita: sisältö ei vastaa mitään sallituista tyypeistä (%(types)s)."
)
MARKUP_MESSAGE = gettext_lazy(
    "Tiedostotyyppiä ei sallita: HTML-, SVG- ja XML-tiedostot voivat sisältää komentosarjoja."
)
EXECUTABLE_MESSAGE = gettext_lazy("Tiedostotyyppiä ei sallita: tiedosto on ohjelma.")
MACROS_MESSAGE = gettext_lazy("Tiedostotyyppiä ei sallita: toimistotiedosto sisältää makroja.")
BROKEN_OFFICE_MESSAGE = gettext_lazy("Toimistotiedosto on vioittunut tai liian suuri purettuna.")


def max_bytes() -> int:
    return settings.ATTACHMENT_MAX_BYTES


def size_text(size: int) -> str:
    """A size as users read it: "25 Mt" for whole megabytes, otherwise Django's format."""
    megabytes, remainder = divmod(size, 1024 * 1024)
    if megabytes and not remainder:
        return avoid_wrapping(_("%(size)s Mt") % {"size": number_format(megabytes)})
    return filesizeformat(size)


def allowed_types_text() -> str:
    return ", ".join(file_type.label for file_type in ALLOWED_TYPES)


def _help_text() -> str:
    text = _("Sallitut tyypit: %(types)s (tekstitiedostot UTF-8-merkistössä). Enintään %(limit)s.")
    return text % {"types": allowed_types_text(), "limit": size_text(max_bytes())}


upload_help_text = lazy(_help_text, str)


def too_large_error() -> ValidationError:
    return ValidationError(
        TOO_LARGE_MESSAGE, code="too_large", params={"limit": size_text(max_bytes())}
    )


def not_allowed_error() -> ValidationError:
    return ValidationError(
        NOT_ALLOWED_MESSAGE, code="type_not_allowed", params={"types": allowed_types_text()}
    )


# --- Detection ------------------------------------------------------------------------------


def detect_file_type(upload: File) -> FileType:
    """The allowed type of ``upload`` judged by its content; ValidationError names the refusal.

    Empty and oversized files are refused first. The file is left at its start.
    """
    if not upload.size:
        # Not code "empty": a form field would put its own message of that code in place.
        raise ValidationError(EMPTY_MESSAGE, code="empty_file")
    if upload.size > max_bytes():
        raise too_large_error()
    try:
        upload.seek(0)
        head = upload.read(16)
        for magic, file_type in MAGIC_TYPES:
            if head.startswith(magic):
                return file_type
        if head.startswith(ZIP_MAGIC):
            return _office_type(upload)
        if _is_text(upload):
            return TXT
        if head.startswith(EXECUTABLE_MAGICS):
            raise ValidationError(EXECUTABLE_MESSAGE, code="executable")
        raise not_allowed_error()
    finally:
        upload.seek(0)


def _office_type(upload: File) -> FileType:
    """The office type of a zip archive, from its central directory and member names."""
    _check_zip_end_record(upload)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            _check_zip_members(members)
            names = {member.filename for member in members}
            if any(name.rsplit("/", 1)[-1].lower() == "vbaproject.bin" for name in names):
                raise ValidationError(MACROS_MESSAGE, code="macros")
            # ODF puts its type, uncompressed, in a first member called "mimetype".
            first = members[0] if members else None
            if (
                first is not None
                and first.filename == "mimetype"
                and first.compress_type == zipfile.ZIP_STORED
                and first.file_size <= 100
            ):
                mimetype = archive.read(first).decode("ascii", errors="replace").strip()
                if mimetype in ODF_MIMETYPES:
                    return ODF_MIMETYPES[mimetype]
            if "[Content_Types].xml" in names:
                for part, file_type in OOXML_MAIN_PARTS.items():
                    if part in names:
                        return file_type
    # zipfile reports a damaged archive in many ways; RuntimeError is an encrypted member.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        struct.error,
    ) as error:
        raise ValidationError(BROKEN_OFFICE_MESSAGE, code="broken_office") from error
    raise not_allowed_error()


def _check_zip_end_record(upload: File) -> None:
    """Refuse an archive whose central directory is too big, before zipfile parses it.

    zipfile builds an object per member up front, so a small file listing a million members
    would cost memory before the member count could be checked.
    """
    upload.seek(max(0, upload.size - ZIP_END_RECORD.size - 0xFFFF))
    tail = upload.read()
    at = tail.rfind(ZIP_END_SIGNATURE)
    if at < 0 or len(tail) - at < ZIP_END_RECORD.size:
        raise ValidationError(BROKEN_OFFICE_MESSAGE, code="broken_office")
    fields = ZIP_END_RECORD.unpack_from(tail, at)
    member_count, directory_bytes = fields[4], fields[5]
    if member_count > ZIP_MAX_MEMBERS or directory_bytes > ZIP_MAX_DIRECTORY_BYTES:
        raise ValidationError(BROKEN_OFFICE_MESSAGE, code="broken_office")


def _check_zip_members(members: list[zipfile.ZipInfo]) -> None:
    """Refuse too many members, too much data in all, or a member that inflates too much."""
    if len(members) > ZIP_MAX_MEMBERS:
        raise ValidationError(BROKEN_OFFICE_MESSAGE, code="broken_office")
    if sum(member.file_size for member in members) > ZIP_MAX_TOTAL_BYTES:
        raise ValidationError(BROKEN_OFFICE_MESSAGE, code="broken_office")
    for member in members:
        if member.file_size > ZIP_RATIO_GRACE_BYTES and member.file_size > ZIP_MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise ValidationError(BROKEN_OFFICE_MESSAGE, code="broken_office")


def _is_text(upload: File) -> bool:
    """Whether ``upload`` is UTF-8 without control characters; text with markup is refused.

    The file is read a piece at a time, so a large file is never held in memory whole.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    window = ""
    upload.seek(0)
    while True:
        chunk = upload.read(TEXT_CHUNK_BYTES)
        try:
            piece = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            return False
        if TEXT_CONTROL_CHARACTERS.search(piece):
            return False
        # The window keeps the end of the previous piece: a marker may straddle two.
        window = window[-MARKUP_OVERLAP:] + piece.lower()
        if any(marker in window for marker in MARKUP_MARKERS):
            raise ValidationError(MARKUP_MESSAGE, code="markup")
        if not chunk:
            return True


# --- Names ----------------------------------------------------------------------------------


def display_name(name: str, file_type: FileType) -> str:
    """``name`` made safe to show and to offer as a download name.

    Path parts, control and formatting characters (NUL, bidirectional overrides) go; the
    name is NFC-normalised, ends in an extension of ``file_type`` and has at most 255
    characters. An empty result becomes "liite".
    """
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        " " if char.isspace() else char for char in name if char.isspace() or char.isprintable()
    )
    # Leading dots would hide the file on download; trailing dots and spaces Windows drops.
    name = " ".join(name.split()).strip(". ")
    extension = next(
        (ext for ext in file_type.extensions if name.lower().endswith(ext)), file_type.extension
    )
    stem = name[: -len(extension)] if name.lower().endswith(extension) else name
    stem = stem[: DISPLAY_NAME_MAX_LENGTH - len(extension)].rstrip(". ")
    return unicodedata.normalize("NFC", f"{stem or DEFAULT_DISPLAY_NAME}{extension}")


# --- What the portal uses -------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedUpload:
    """An accepted upload: its content under a neutral name, and what to record about it."""

    file: File
    display_name: str
    content_type: str
    size: int


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Check ``upload`` and return what an attachment records about it.

    The content gets a neutral name ending in the detected type's extension, so the storage
    name generated from it (``workshops.models.attachment_path``) keeps nothing of the
    user's name. ValidationError names the reason of a refusal.
    """
    file_type = detect_file_type(upload)
    return CheckedUpload(
        file=File(upload, name=f"{DEFAULT_DISPLAY_NAME}{file_type.extension}"),
        display_name=display_name(upload.name or "", file_type),
        content_type=file_type.content_type,
        size=upload.size,
    )


def validate_attachment_file(upload: File) -> None:
    """A form field validator: the upload must be an allowed type within the size limit."""
    detect_file_type(upload)


class AttachmentFileField(forms.FileField):
    """A file field that accepts only allowed attachment types within the size limit."""

    default_validators = [validate_attachment_file]

    def __init__(self, **kwargs):
        # An empty file reaches the validator, which refuses it like any other bad file.
        kwargs.setdefault("allow_empty_file", True)
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(
                attrs={"accept": ",".join(ext for t in ALLOWED_TYPES for ext in t.extensions)}
            ),
        )
        super().__init__(**kwargs)
        if not self.help_text:
            self.help_text = upload_help_text()


class AttachmentSizeLimit(FileUploadHandler):
    """Stops an upload as soon as a file passes ATTACHMENT_MAX_BYTES while it streams in.

    A view puts it first in ``request.upload_handlers`` before the body is read. After that,
    ``error`` tells why the file is missing from ``request.FILES``; ``received`` counts the
    bytes of the last file this handler saw.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = max_bytes()
        self.received = 0
        self.error: ValidationError | None = None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.content_length is not None and self.content_length > self.limit:
            self._stop()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received = start + len(raw_data)
        if self.received > self.limit:
            self._stop()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        """The handlers after this one keep the file."""
        return None

    def _stop(self):
        self.error = too_large_error()
        # Without a connection reset the browser gets an answer: the form with the error.
        raise StopUpload(connection_reset=False)


def served_content_type(recorded: str) -> str:
    """The type a download is served as: one we detect, else an opaque download.

    Attachments stored before content detection may carry the browser's claim (text/html).
    """
    return recorded if recorded in ALLOWED_CONTENT_TYPES else "application/octet-stream"
