"""Uploads of meeting attachments: only allowed types within the limits, safe names, safe serving.

Bad uploads go through the real upload URL as the meeting's coordinator, in a multipart body
written by hand so that names reach Django exactly as an attacker would send them.
"""

import io
import os
import random
import re
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from workshops import uploads
from workshops.models import Attachment, AttachmentKind
from workshops.tests.factories import AttachmentFactory, MeetingFactory, WorkingGroupFactory
from workshops.uploads import detect_file_type, display_name

# --- Files --------------------------------------------------------------------------------


def png_bytes() -> bytes:
    """A one-pixel grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


JPEG_BYTES = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TEXT_BYTES = "Työryhmän muistio: päätettiin jatkaa.\r\n\tKohta 2.\n".encode()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip archive of ``members``; "mimetype" is stored uncompressed, as ODF wants it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            stored = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=stored)
    return buffer.getvalue()


def ooxml_bytes(main_part: str, **extra: bytes) -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            main_part: b'<?xml version="1.0"?><document/>',
            **extra,
        }
    )


def odf_bytes(mimetype: str) -> bytes:
    return zip_bytes(
        {
            "mimetype": mimetype.encode(),
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
            "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest/>',
        }
    )


def zip_bomb_docx() -> bytes:
    """A DOCX with a member of 50 MB of zeros, which deflates to about 50 kB."""
    return ooxml_bytes("word/document.xml", **{"word/media/zeros.bin": bytes(50 * 1024 * 1024)})


def crowded_docx() -> bytes:
    members = {f"word/part{n}.xml": b"<p/>" for n in range(uploads.ZIP_MAX_MEMBERS + 1)}
    return ooxml_bytes("word/document.xml", **members)


GOOD_FILES = [
    pytest.param("Muistio.pdf", PDF_BYTES, uploads.PDF, id="pdf"),
    pytest.param("Kuva.png", png_bytes(), uploads.PNG, id="png"),
    pytest.param("Valokuva.jpeg", JPEG_BYTES, uploads.JPEG, id="jpeg"),
    pytest.param("Raportti.docx", ooxml_bytes("word/document.xml"), uploads.DOCX, id="docx"),
    pytest.param("Budjetti.xlsx", ooxml_bytes("xl/workbook.xml"), uploads.XLSX, id="xlsx"),
    pytest.param("Esitys.pptx", ooxml_bytes("ppt/presentation.xml"), uploads.PPTX, id="pptx"),
    pytest.param("Raportti.odt", odf_bytes(uploads.ODT.content_type), uploads.ODT, id="odt"),
    pytest.param("Budjetti.ods", odf_bytes(uploads.ODS.content_type), uploads.ODS, id="ods"),
    pytest.param("Esitys.odp", odf_bytes(uploads.ODP.content_type), uploads.ODP, id="odp"),
    pytest.param("Muistio.txt", TEXT_BYTES, uploads.TXT, id="txt"),
]

TOO_LARGE = "Tiedosto on liian suuri (enintään"
NOT_ALLOWED = "Tiedostotyyppiä ei sallita: sisältö ei vastaa mitään sallituista tyypeistä"
MARKUP = "Tiedostotyyppiä ei sallita: HTML-, SVG- ja XML-tiedostot voivat sisältää"
EXECUTABLE = "Tiedostotyyppiä ei sallita: tiedosto on ohjelma."
MACROS = "Tiedostotyyppiä ei sallita: toimistotiedosto sisältää makroja."
BROKEN_OFFICE = "Toimistotiedosto on vioittunut tai liian suuri purettuna."

# name, content, the browser's claimed type, the reason the page must name
BAD_FILES = [
    pytest.param("tyhja.pdf", b"", "application/pdf", "Tiedosto on tyhjä.", id="empty"),
    pytest.param(
        "vaara.pdf", b"%PDX-1.4\x00\x01\x02binary", "application/pdf", NOT_ALLOWED, id="bad-magic"
    ),
    pytest.param(
        "lasku.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(64) + b"PE\x00\x00",
        "application/pdf",
        EXECUTABLE,
        id="exe-renamed-pdf",
    ),
    pytest.param(
        "ohjelma",
        b"\x7fELF\x02\x01\x01" + bytes(57),
        "application/octet-stream",
        EXECUTABLE,
        id="elf",
    ),
    pytest.param(
        "ohjelma.docx",
        b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + bytes(24),
        "application/octet-stream",
        EXECUTABLE,
        id="mach-o",
    ),
    pytest.param(
        "sivu.txt",
        b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        "text/plain",
        MARKUP,
        id="html-with-script",
    ),
    pytest.param(
        "kuva.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/png",
        MARKUP,
        id="svg-with-script",
    ),
    pytest.param(
        "tiedot.txt",
        b'<?xml version="1.0"?><tiedot><a>1</a></tiedot>',
        "text/plain",
        MARKUP,
        id="xml",
    ),
    pytest.param(
        "muistio.txt",
        b"Muistio\n" + b"x" * 70_000 + b"<ScRiPt>alert(1)</sCrIpT>",
        "text/plain",
        MARKUP,
        id="script-late-in-text",
    ),
    pytest.param(
        "kuva.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "image/gif", NOT_ALLOWED, id="gif"
    ),
    pytest.param("kuva.txt", b"GIF89a" + bytes(8), "text/plain", NOT_ALLOWED, id="gif-as-text"),
    pytest.param(
        "pommi.docx", zip_bomb_docx(), "application/octet-stream", BROKEN_OFFICE, id="zip-bomb"
    ),
    pytest.param(
        "paljon.docx",
        crowded_docx(),
        "application/octet-stream",
        BROKEN_OFFICE,
        id="thousands-of-members",
    ),
    pytest.param(
        "vanha.docx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        NOT_ALLOWED,
        id="docx-not-a-zip",
    ),
    pytest.param(
        "katkaistu.docx",
        ooxml_bytes("word/document.xml")[:-30],
        "application/octet-stream",
        BROKEN_OFFICE,
        id="truncated-zip",
    ),
    pytest.param(
        "makro.docx",
        ooxml_bytes("word/document.xml", **{"word/vbaProject.bin": b"\x00" * 64}),
        "application/octet-stream",
        MACROS,
        id="macros",
    ),
    pytest.param(
        "raportti.odt",
        odf_bytes("application/x-shockwave-flash"),
        "application/vnd.oasis.opendocument.text",
        NOT_ALLOWED,
        id="odt-wrong-mimetype",
    ),
    pytest.param(
        "arkisto.zip",
        zip_bytes({"ohje.txt": b"hei"}),
        "application/zip",
        NOT_ALLOWED,
        id="plain-zip",
    ),
    pytest.param(
        "muistio.txt", b"Muistio\x00\x00rivi", "text/plain", NOT_ALLOWED, id="text-with-nul"
    ),
    pytest.param(
        "muistio.txt", "Päivän muistio".encode("utf-16"), "text/plain", NOT_ALLOWED, id="utf-16"
    ),
    pytest.param(
        "muistio.txt",
        "Päivän muistio".encode("latin-1"),
        "text/plain",
        NOT_ALLOWED,
        id="not-utf-8",
    ),
    pytest.param(
        "muistio.txt", b"Muistio\x1b[2J\x07", "text/plain", NOT_ALLOWED, id="control-characters"
    ),
]

# --- Requests -----------------------------------------------------------------------------

BOUNDARY = "lape-upload-boundary-7MA4YWxkTrZu0gW"


def multipart_body(fields: dict[str, str], files: list[tuple[str, bytes, str]]) -> bytes:
    """A form body as a browser sends it: the fields first, then each file as "file"."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    for filename, content, content_type in files:
        head = (
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


FORM_FIELDS = {"title": "Liite", "kind": AttachmentKind.OTHER, "language": "fi"}


def upload(client, meeting, files: list[tuple[str, bytes, str]]):
    return client.post(
        reverse("workshops:attachment_upload", args=[meeting.pk]),
        data=multipart_body(FORM_FIELDS, files),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


@pytest.fixture
def meeting(project):
    return MeetingFactory(working_group=WorkingGroupFactory(project=project))


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def assert_refused(response, reason: str, media_root) -> None:
    """A 4xx or the form again naming ``reason``; never a 500, no row and no file."""
    assert response.status_code < 500
    assert 400 <= response.status_code < 500 or response.status_code == 200
    if response.status_code in (200, 413):
        assert reason in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


# --- Bad uploads --------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "claimed_type", "reason"), BAD_FILES)
def test_bad_upload_is_refused_naming_the_reason(
    coordinator_client, meeting, media_root, name, content, claimed_type, reason
):
    response = upload(coordinator_client, meeting, [(name, content, claimed_type)])

    assert response.status_code == 200
    assert any(reason in error for error in response.context["form"].errors["file"])
    assert_refused(response, reason, media_root)


def test_too_large_file_is_stopped_while_it_streams(
    coordinator_client, meeting, media_root, settings, tmp_path
):
    settings.ATTACHMENT_MAX_BYTES = 100 * 1024
    # Everything goes to temporary files, so that their removal can be checked too.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "upload-temp"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()

    response = upload(coordinator_client, meeting, [("iso.pdf", PDF_BYTES * 80_000, "x/y")])

    assert response.status_code == 413
    assert "Tiedosto on liian suuri (enintään 100,0\xa0KB)." in response.content.decode()
    # The title typed before the file is kept on the form.
    assert response.context["form"]["title"].value() == "Liite"
    limit = response.context["view"].size_limit
    assert settings.ATTACHMENT_MAX_BYTES < limit.received
    assert limit.received <= settings.ATTACHMENT_MAX_BYTES + FileUploadHandler.chunk_size
    assert_refused(response, TOO_LARGE, media_root)
    assert list(settings.FILE_UPLOAD_TEMP_DIR.iterdir()) == []


def test_too_large_message_names_the_configured_limit(coordinator_client, meeting, settings):
    settings.ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    large = b"a" * (2 * 1024 * 1024 + 1)

    response = upload(coordinator_client, meeting, [("iso.txt", large, "text/plain")])

    assert response.status_code == 413
    assert "Tiedosto on liian suuri (enintään 2\xa0Mt)." in response.content.decode()


def test_file_at_the_limit_is_accepted(coordinator_client, meeting, settings):
    settings.ATTACHMENT_MAX_BYTES = 100 * 1024
    response = upload(
        coordinator_client, meeting, [("raja.txt", b"a" * (100 * 1024), "text/plain")]
    )
    assert response.status_code == 302
    assert Attachment.objects.get().size == 100 * 1024


def test_the_upload_form_states_the_allowed_types_and_the_limit(coordinator_client, meeting):
    response = coordinator_client.get(reverse("workshops:attachment_upload", args=[meeting.pk]))
    page = response.content.decode()
    assert "Sallitut tyypit: PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, TXT, PNG, JPEG" in page
    assert "Enintään 25\xa0Mt." in page
    assert 'accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.png,.jpg,.jpeg"' in page


@pytest.mark.parametrize("count", [21, 101])
def test_too_many_files_in_one_request_is_a_bad_request(
    coordinator_client, meeting, media_root, count
):
    files = [(f"muistio{n}.txt", TEXT_BYTES, "text/plain") for n in range(count)]

    response = upload(coordinator_client, meeting, files)

    assert response.status_code == 400
    assert_refused(response, "", media_root)


def test_upload_still_needs_the_csrf_token(coordinator, meeting, media_root):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    url = reverse("workshops:attachment_upload", args=[meeting.pk])

    response = upload(client, meeting, [("Muistio.pdf", PDF_BYTES, "application/pdf")])
    assert response.status_code == 403
    assert_refused(response, "", media_root)

    client.get(url)
    token = client.cookies["csrftoken"].value
    response = client.post(
        url,
        data=multipart_body(
            {**FORM_FIELDS, "csrfmiddlewaretoken": token},
            [("Muistio.pdf", PDF_BYTES, "application/pdf")],
        ),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 302
    assert Attachment.objects.get().content_type == "application/pdf"


def test_other_coordinator_cannot_upload(client, other_coordinator, meeting, media_root):
    client.force_login(other_coordinator)
    response = upload(client, meeting, [("Muistio.pdf", PDF_BYTES, "application/pdf")])
    assert response.status_code == 403
    assert_refused(response, "", media_root)


# --- Names ------------------------------------------------------------------------------------

GENERATED_NAME = re.compile(r"attachments/\d{4}/\d{2}/[0-9a-f]{32}(\.[a-z]+)")

# name sent, content, the name shown afterwards
HOSTILE_NAMES = [
    pytest.param("../../etc/passwd", TEXT_BYTES, "passwd.txt", id="dot-dot-slash"),
    pytest.param(
        "..\\..\\Windows\\System32\\raportti.pdf", PDF_BYTES, "raportti.pdf", id="backslashes"
    ),
    pytest.param("muistio\x00.exe.pdf", PDF_BYTES, "muistio.exe.pdf", id="nul"),
    pytest.param("a" * 296 + ".pdf", PDF_BYTES, "a" * 251 + ".pdf", id="300-characters"),
    pytest.param("kuva\u202egpj.exe", JPEG_BYTES, "kuvagpj.exe.jpg", id="right-to-left-override"),
    pytest.param("\u2066esitys\u2069.pdf", PDF_BYTES, "esitys.pdf", id="bidi-isolates"),
    pytest.param("....", TEXT_BYTES, "liite.txt", id="only-dots"),
    pytest.param("\x1b[31mpunainen.txt", TEXT_BYTES, "[31mpunainen.txt", id="escape-sequence"),
    pytest.param("kuva.jpg", png_bytes(), "kuva.jpg.png", id="wrong-extension"),
    pytest.param("Pa\u0308iva\u0308n muistio.txt", TEXT_BYTES, "Päivän muistio.txt", id="nfd"),
]


@pytest.mark.parametrize(("name", "content", "shown"), HOSTILE_NAMES)
def test_hostile_name_is_shown_safely_and_never_used_for_storage(
    coordinator_client, meeting, media_root, name, content, shown
):
    response = upload(coordinator_client, meeting, [(name, content, "application/octet-stream")])

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == shown
    assert len(attachment.original_name) <= 255
    match = GENERATED_NAME.fullmatch(attachment.file.name)
    assert match is not None
    assert match.group(1) == detect_file_type(attachment.file).extension
    assert stored_files(media_root) == [media_root / attachment.file.name]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd", "passwd.txt"),
        ("C:\\Users\\maija\\..\\muistio.txt", "muistio.txt"),
        ("raportti/..", "liite.txt"),
        ("muistio\x00.txt", "muistio.txt"),
        ("kuva\u202etxt.exe", "kuvatxt.exe.txt"),
        ("\ufeff\u200bnäkymätön.txt", "näkymätön.txt"),
        ("  rivi\nvaihto\t.txt  ", "rivi vaihto.txt"),
        (".piilotettu.txt", "piilotettu.txt"),
        ("", "liite.txt"),
        ("ä" * 300, "ä" * 251 + ".txt"),
        ("x" * 300 + ".TXT", "x" * 251 + ".txt"),
    ],
)
def test_display_name_has_no_path_no_controls_and_fits(name, shown):
    assert display_name(name, uploads.TXT) == shown


# --- Good uploads -----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "file_type"), GOOD_FILES)
def test_allowed_file_is_stored_with_the_detected_type(
    coordinator_client, meeting, media_root, name, content, file_type
):
    # The browser's claim is ignored: the content decides.
    response = upload(coordinator_client, meeting, [(name, content, "text/html")])

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == file_type.content_type
    assert attachment.original_name == name
    assert attachment.size == len(content)
    assert attachment.file.name.endswith(file_type.extension)
    assert (media_root / attachment.file.name).read_bytes() == content


def test_the_meeting_page_tells_its_coordinator_that_the_text_is_being_read(
    client, coordinator_client, meeting
):
    response = upload(coordinator_client, meeting, [("Muistio.pdf", PDF_BYTES, "application/pdf")])
    assert response.status_code == 302
    assert Attachment.objects.get().text == ""  # read by the worker, not in the request

    page = coordinator_client.get(response.url)
    assertContains(page, "Tekstiä luetaan hakua varten.")
    client.logout()
    page = client.get(response.url)
    assertContains(page, "Liite")
    assertNotContains(page, "Tekstiä luetaan hakua varten.")


@pytest.mark.parametrize(("name", "content", "file_type"), GOOD_FILES)
def test_download_is_served_as_the_detected_type(
    client, coordinator_client, meeting, name, content, file_type
):
    upload(coordinator_client, meeting, [(name, content, "text/html")])
    attachment = Attachment.objects.get()

    response = client.get(reverse("workshops:attachment_download", args=[attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == file_type.content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    inline = file_type in (uploads.PDF, uploads.PNG, uploads.JPEG)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;" if inline else "attachment;")
    assert f'filename="{name}"' in disposition
    assert b"".join(response.streaming_content) == content


def test_download_of_an_old_row_with_the_browsers_type_is_opaque(client, db):
    """Rows from before detection may hold what the browser claimed."""
    attachment = AttachmentFactory(content_type="text/html", original_name="sivu.html")

    response = client.get(reverse("workshops:attachment_download", args=[attachment.pk]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_deleting_an_uploaded_attachment_removes_its_file(
    coordinator_client, meeting, media_root, django_capture_on_commit_callbacks
):
    upload(coordinator_client, meeting, [("Muistio.pdf", PDF_BYTES, "application/pdf")])
    attachment = Attachment.objects.get()
    assert stored_files(media_root) == [media_root / attachment.file.name]

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("workshops:attachment_delete", args=[attachment.pk])
        )

    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


# --- The admin ----------------------------------------------------------------------------


def admin_attachment_data(meeting, file) -> dict:
    return {
        "meeting": meeting.pk,
        "title": "Esityslista",
        "file": file,
        "kind": AttachmentKind.INVITATION,
        "language": "fi",
        "uploaded_at_0": "2017-04-20",
        "uploaded_at_1": "12:00:00",
    }


def test_admin_refuses_the_same_bad_files(admin_client, media_root):
    meeting = MeetingFactory()
    script = SimpleUploadedFile("lista.pdf", b"<html><script>alert(1)</script>", "application/pdf")

    response = admin_client.post(
        reverse("admin:workshops_attachment_add"), admin_attachment_data(meeting, script)
    )

    assert response.status_code == 200
    assert MARKUP in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_admin_records_the_detected_type_and_a_generated_name(admin_client, media_root):
    meeting = MeetingFactory()
    image = SimpleUploadedFile("kaavio.pdf", png_bytes(), "application/pdf")

    response = admin_client.post(
        reverse("admin:workshops_attachment_add"), admin_attachment_data(meeting, image)
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"
    assert attachment.original_name == "kaavio.pdf.png"
    assert GENERATED_NAME.fullmatch(attachment.file.name).group(1) == ".png"


def test_admin_meeting_inline_refuses_a_bad_file(admin_client, media_root):
    meeting = MeetingFactory()

    response = admin_client.post(
        reverse("admin:workshops_meeting_change", args=[meeting.pk]),
        {
            "project": meeting.project_id,
            "working_group": meeting.working_group_id,
            "kind": meeting.kind,
            "title": meeting.title,
            "starts_at_0": "2017-05-03",
            "starts_at_1": "09:00:00",
            "ends_at_0": "2017-05-03",
            "ends_at_1": "12:00:00",
            "status": meeting.status,
            "minutes-TOTAL_FORMS": "0",
            "minutes-INITIAL_FORMS": "0",
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "0",
            "attachments-0-title": "Ohjelma",
            "attachments-0-file": SimpleUploadedFile("ohjelma.pdf", b"MZ" + bytes(62)),
            "attachments-0-kind": "other",
            "attachments-0-language": "fi",
        },
    )

    assert response.status_code == 200
    assert EXECUTABLE in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


# --- Detection itself ---------------------------------------------------------------------


def test_zip_over_the_total_size_is_refused_without_decompressing(monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_MAX_TOTAL_BYTES", 1000)
    docx = ooxml_bytes("word/document.xml", **{"word/media/kuva.bin": os.urandom(2000)})

    with pytest.raises(ValidationError) as refusal:
        detect_file_type(SimpleUploadedFile("iso.docx", docx))
    assert refusal.value.code == "broken_office"


def test_zip_declaring_too_many_members_is_refused_before_parsing():
    docx = bytearray(ooxml_bytes("word/document.xml"))
    end = docx.rfind(uploads.ZIP_END_SIGNATURE)
    # Claim a central directory of 10 MB and 60 000 members in the end record.
    struct.pack_into("<HHL", docx, end + 8, 60_000, 60_000, 10 * 1024 * 1024)

    with pytest.raises(ValidationError) as refusal:
        detect_file_type(SimpleUploadedFile("valhe.docx", bytes(docx)))
    assert refusal.value.code == "broken_office"


def test_detection_leaves_the_file_at_its_start():
    upload_file = SimpleUploadedFile("Raportti.docx", ooxml_bytes("word/document.xml"))
    detect_file_type(upload_file)
    assert upload_file.tell() == 0


@pytest.mark.parametrize(
    "original",
    [
        pytest.param(ooxml_bytes("word/document.xml"), id="docx"),
        pytest.param(odf_bytes(uploads.ODS.content_type), id="ods"),
        pytest.param(PDF_BYTES, id="pdf"),
        pytest.param(TEXT_BYTES, id="txt"),
    ],
)
def test_damaged_files_are_judged_never_crash(original):
    """Random damage to a good file: detection accepts it or refuses it, nothing else."""
    rng = random.Random(2017)  # noqa: S311 - repeatable damage, not security
    for _round in range(300):
        damaged = bytearray(original)
        for _flip in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        cut = rng.choice([len(damaged), rng.randrange(1, len(damaged))])
        try:
            file_type = detect_file_type(SimpleUploadedFile("x", bytes(damaged[:cut])))
        except ValidationError as refusal:
            assert refusal.messages
        else:
            assert file_type in uploads.ALLOWED_TYPES
