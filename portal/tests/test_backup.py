"""Backup and restore: a round trip keeps every row, file and migration; a refusal changes
nothing. The archives are real (pg_dump, pg_restore) and restored into a database of their own
on the test server."""

import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from psycopg import sql

from core.page_cache import GENERATION_SUFFIX, RESTORE_JUMP
from portal import backup
from portal.tests.servers import BUCKET
from workshops.models import Attachment, Meeting
from workshops.services import attachment_create, attachment_delete
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

UPLOAD = "Työpajan tulokset: perhekeskusten verkosto.\n".encode()


def database_url(database: dict) -> str:
    """A DATABASE_URL for a Django database settings dict, unix sockets included."""
    params = backup.connection_params(database)
    credentials = quote(params.get("user", ""), safe="")
    if params.get("password"):
        credentials += ":" + quote(params["password"], safe="")
    host = params.get("host", "")
    query = ""
    if host.startswith("/"):
        host, query = "", f"?host={quote(params['host'], safe='/')}"
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgres://{credentials}@{host}{port}/{params['dbname']}{query}"


def fingerprint(database: dict) -> dict:
    """Row count and content checksum of every table in the public schema, and every
    sequence's position (so that new rows after a restore get fresh ids)."""
    result = {}
    with psycopg.connect(**backup.connection_params(database)) as db, db.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (table,) in cursor.fetchall():
            cursor.execute(
                sql.SQL(
                    "SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {} t"
                ).format(sql.Identifier("public", table))
            )
            result[table] = cursor.fetchone()
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        )
        result["sequences"] = dict(cursor.fetchall())
    return result


def assert_restored(database: dict, source: dict) -> None:
    """``database`` holds what the ``source`` fingerprint does, but for the generation numbers
    of kept pages, moved far on: past those that the database before the restore reached after
    the backup, whose pages a shared cache may still hold."""
    restored = fingerprint(database)
    generations = {
        name: number
        for name, number in source["sequences"].items()
        if name.endswith(GENERATION_SUFFIX)
    }
    assert len(generations) == 4
    for name, number in generations.items():
        assert restored["sequences"].pop(name) == number + RESTORE_JUMP
    assert restored == source | {
        "sequences": {
            name: number for name, number in source["sequences"].items() if name not in generations
        }
    }


def file_digests(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def run_backup(output: Path) -> Path:
    """Run the backup command into the folder ``output``; the archive it wrote."""
    out = io.StringIO()
    call_command("backup", output=f"{output}{os.sep}", stdout=out)
    (archive,) = output.iterdir()
    assert f"Varmuuskopio kirjoitettu: {archive}" in out.getvalue()
    return archive


def restore(archive: Path, database: dict, **options) -> str:
    out = io.StringIO()
    call_command(
        "restore", str(archive), database_url=database_url(database), stdout=out, **options
    )
    return out.getvalue()


def upload(meeting=None) -> Attachment:
    return attachment_create(
        meeting=meeting or MeetingFactory(),
        file=SimpleUploadedFile("tyopajan-tulokset.txt", UPLOAD, content_type="text/plain"),
        title="Työpajan tulokset",
    )


@pytest.fixture
def uploaded_attachment(db):
    return upload()


@pytest.fixture
def archive(tmp_path, uploaded_attachment):
    return run_backup(tmp_path / "backups")


@pytest.fixture
def empty_database():
    """A new, empty database on the test server, dropped afterwards."""
    source = connection.settings_dict
    name = f"{source['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    server = psycopg.connect(**backup.connection_params({**source, "NAME": "postgres"}))
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield {**source, "NAME": name}
    finally:
        with server.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        server.close()


@pytest.fixture
def restore_media(settings, tmp_path):
    """An empty media folder to restore into."""
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    return settings.MEDIA_ROOT


def test_round_trip_restores_every_row_file_and_migration(
    tmp_path, media_root, empty_database, settings
):
    call_command("load_demo", stdout=io.StringIO())
    # A demo meeting: a factory's municipality code may be one of the demo's real ones.
    uploaded = upload(Meeting.objects.first())
    archive = run_backup(tmp_path / "backups")
    assert archive.name.startswith("lape-") and archive.name.endswith(".tar.gz")
    source = fingerprint(connection.settings_dict)
    source_files = file_digests(media_root)
    assert source["projects_project"][0] >= 4
    assert uploaded.file.name in source_files

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    report = restore(archive, empty_database)

    assert_restored(empty_database, source)
    assert file_digests(settings.MEDIA_ROOT) == source_files
    assert f"{len(source) - 1} taulua" in report
    assert f"{len(source_files)} tiedostoa" in report
    migrate_check = subprocess.run(  # noqa: S603 - the test's own interpreter and manage.py
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url(empty_database), "DJANGO_DEBUG": "true"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert migrate_check.returncode == 0, migrate_check.stdout + migrate_check.stderr


def test_archive_manifest_lists_migrations_and_file_checksums(archive, uploaded_attachment):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    entry = manifest["media"][uploaded_attachment.file.name]
    assert entry == {"sha256": hashlib.sha256(UPLOAD).hexdigest(), "size": len(UPLOAD)}
    assert f"media/{uploaded_attachment.file.name}" in names
    assert "database.dump" in names
    archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    assert archived == set(MigrationRecorder(connection).applied_migrations())
    assert manifest["pg_dump_version"].startswith("pg_dump (PostgreSQL)")
    assert manifest["missing_media"] == []


def test_restore_into_non_empty_database_is_refused_and_changes_nothing(archive, restore_media):
    before = fingerprint(connection.settings_dict)

    with pytest.raises(CommandError, match="ei ole tyhjä"):
        restore(archive, connection.settings_dict)

    assert fingerprint(connection.settings_dict) == before
    assert not restore_media.exists() or file_digests(restore_media) == {}


def rewritten(archive: Path, target: Path, change) -> Path:
    """A copy of ``archive`` whose members' contents pass through ``change(name, data)``."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source:
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


def truncated(archive, target):
    target.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    return target


def not_an_archive(archive, target):
    target.write_bytes(gzip.compress(b"ei varmuuskopio"))
    return target


def altered_upload(archive, target):
    return rewritten(
        archive, target, lambda name, data: data + b"!" if name.endswith(".txt") else data
    )


def altered_dump(archive, target):
    return rewritten(
        archive, target, lambda name, data: data[:-1] if name == "database.dump" else data
    )


def one_byte_replaced(member_name):
    """Damage that replaces one byte of the member ``member_name`` (or the one ending so),
    keeping its length: only the checksum can tell."""

    def replace(archive, target):
        def change(name, data):
            if not name.endswith(member_name):
                return data
            middle = len(data) // 2
            return data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]

        return rewritten(archive, target, change)

    replace.__name__ = f"one_byte_replaced({member_name})"
    return replace


@pytest.mark.parametrize(
    "damage",
    [one_byte_replaced(".txt"), one_byte_replaced("database.dump")],
    ids=lambda damage: damage.__name__,
)
def test_an_archive_with_one_byte_replaced_is_refused_by_its_checksum(
    archive, tmp_path, empty_database, restore_media, damage
):
    damaged = damage(archive, tmp_path / "damaged.tar.gz")
    assert damaged.stat().st_size > 0

    with pytest.raises(CommandError, match="tarkistussumma ei täsmää"):
        restore(damaged, empty_database)

    assert fingerprint(empty_database) == {"sequences": {}}
    assert not restore_media.exists()


def with_member(name: str):
    """Damage that adds a member ``name`` that the manifest does not list."""

    def add(archive, target):
        with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
            for member in source:
                copy.addfile(member, source.extractfile(member))
            copy.addfile(tarfile.TarInfo(name), io.BytesIO(b""))
        return target

    add.__name__ = f"with_member({name})"
    return add


@pytest.mark.parametrize(
    "damage",
    [
        truncated,
        not_an_archive,
        altered_upload,
        altered_dump,
        with_member("media/extra.txt"),
        with_member("../../etc/cron.d/lape"),
    ],
    ids=lambda damage: damage.__name__,
)
def test_corrupt_archive_is_refused_and_changes_nothing(
    archive, tmp_path, empty_database, restore_media, damage
):
    damaged = damage(archive, tmp_path / "damaged.tar.gz")

    with pytest.raises(CommandError, match="vioittunut|kelvoton"):
        restore(damaged, empty_database)

    assert fingerprint(empty_database) == {"sequences": {}}
    assert not restore_media.exists()


def test_existing_files_are_overwritten_only_with_force(
    archive, media_root, empty_database, uploaded_attachment
):
    with pytest.raises(CommandError, match="--force"):
        restore(archive, empty_database)
    assert fingerprint(empty_database) == {"sequences": {}}

    report = restore(archive, empty_database, force=True)

    assert "1 tiedostoa" in report
    assert (media_root / uploaded_attachment.file.name).read_bytes() == UPLOAD


def test_failed_database_restore_removes_the_files_it_wrote(
    archive, empty_database, restore_media, monkeypatch
):
    real = backup.run_postgres_program

    def failing_restore(name, arguments, database):
        if name == "pg_restore":
            raise backup.BackupError("pg_restore epäonnistui: levy täynnä")
        return real(name, arguments, database)

    monkeypatch.setattr(backup, "run_postgres_program", failing_restore)

    with pytest.raises(CommandError, match="levy täynnä"):
        restore(archive, empty_database)

    assert file_digests(restore_media) == {}


def test_failed_dump_leaves_no_archive(tmp_path, uploaded_attachment, monkeypatch):
    monkeypatch.setattr(backup, "postgres_program", lambda name: "/bin/false")
    output = tmp_path / "backups"

    with pytest.raises(CommandError, match="pg_dump epäonnistui"):
        call_command("backup", output=f"{output}{os.sep}")

    assert list(output.iterdir()) == []


def test_unreachable_database_is_a_clear_error(tmp_path, uploaded_attachment):
    with pytest.raises(backup.BackupError, match="Tietokantaan ei saada yhteyttä"):
        backup.create_backup(
            output=tmp_path / "lape.tar.gz",
            database={**connection.settings_dict, "NAME": "lape_ei_ole"},
            storage=default_storage,
        )
    assert not (tmp_path / "lape.tar.gz").exists()


def test_row_deleted_during_backup_leaves_no_row_without_its_file(
    tmp_path, uploaded_attachment, empty_database, restore_media, monkeypatch
):
    """The attachment is deleted (file removed on commit) after the first dump's snapshot, so
    that dump has a row whose file is gone; the backup takes a new snapshot."""
    real = backup.run_postgres_program
    dumps = []

    def dump_then_delete(name, arguments, database):
        output = real(name, arguments, database)
        if name == "pg_dump" and "--version" not in arguments:
            dumps.append(arguments)
            if len(dumps) == 1:
                attachment_delete(attachment=Attachment.objects.get(pk=uploaded_attachment.pk))
        return output

    monkeypatch.setattr(backup, "run_postgres_program", dump_then_delete)
    archive = run_backup(tmp_path / "backups")
    monkeypatch.undo()

    assert len(dumps) == 2
    restore(archive, empty_database)
    with psycopg.connect(**backup.connection_params(empty_database)) as db, db.cursor() as cur:
        cur.execute("SELECT file FROM workshops_attachment")
        assert cur.fetchall() == []


def test_file_lost_before_backup_is_reported(tmp_path, uploaded_attachment, media_root):
    (media_root / uploaded_attachment.file.name).unlink()
    err = io.StringIO()

    call_command("backup", output=str(tmp_path / "lape.tar.gz"), stdout=io.StringIO(), stderr=err)

    assert uploaded_attachment.file.name in err.getvalue()
    with tarfile.open(tmp_path / "lape.tar.gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["missing_media"] == [uploaded_attachment.file.name]


def test_an_orphan_file_is_reported_and_left_out_of_the_archive(
    tmp_path, uploaded_attachment, media_root
):
    orphan = media_root / "attachments" / "orpo.pdf"
    orphan.write_bytes(b"%PDF-1.4 luonnos")
    an_hour_ago = orphan.stat().st_mtime - 3601
    os.utime(orphan, (an_hour_ago, an_hour_ago))
    err = io.StringIO()

    call_command("backup", output=str(tmp_path / "lape.tar.gz"), stdout=io.StringIO(), stderr=err)

    assert "attachments/orpo.pdf" in err.getvalue()
    with tarfile.open(tmp_path / "lape.tar.gz") as tar:
        names = tar.getnames()
    assert f"media/{uploaded_attachment.file.name}" in names
    assert "media/attachments/orpo.pdf" not in names


# --- Files in object storage ----------------------------------------------------------------


def bucket_digests(s3) -> dict[str, str]:
    """The SHA-256 of every object in the test bucket, by key."""
    listing = s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {
        item["Key"]: hashlib.sha256(
            s3.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
        ).hexdigest()
        for item in listing
    }


def emptied(s3) -> None:
    for key in bucket_digests(s3):
        s3.delete_object(Bucket=BUCKET, Key=key)


def test_round_trip_through_object_storage(tmp_path, object_storage, empty_database):
    s3 = object_storage["client"]
    meeting = MeetingFactory()
    uploads = [upload(meeting) for _ in range(3)]
    archive = run_backup(tmp_path / "backups")
    source = fingerprint(connection.settings_dict)
    source_files = bucket_digests(s3)
    assert sorted(source_files) == sorted(attachment.file.name for attachment in uploads)
    emptied(s3)

    report = restore(archive, empty_database)

    assert_restored(empty_database, source)
    assert bucket_digests(s3) == source_files
    assert "3 tiedostoa" in report


def test_restore_refuses_a_file_already_in_the_bucket(tmp_path, object_storage, empty_database):
    s3 = object_storage["client"]
    attachment = upload()
    archive = run_backup(tmp_path / "backups")
    s3.put_object(Bucket=BUCKET, Key=attachment.file.name, Body=b"toinen tiedosto")

    with pytest.raises(CommandError, match="samannimistä"):
        restore(archive, empty_database)

    assert fingerprint(empty_database) == {"sequences": {}}
    assert bucket_digests(s3) == {
        attachment.file.name: hashlib.sha256(b"toinen tiedosto").hexdigest()
    }


def test_failed_restore_leaves_no_file_in_the_bucket(
    tmp_path, object_storage, empty_database, monkeypatch
):
    s3 = object_storage["client"]
    upload()
    upload()
    archive = run_backup(tmp_path / "backups")
    emptied(s3)
    real = backup.run_postgres_program

    def failing_restore(name, arguments, database):
        if name == "pg_restore":
            assert len(bucket_digests(s3)) == 2, "the files are written before the database"
            raise backup.BackupError("pg_restore epäonnistui: yhteys katkesi")
        return real(name, arguments, database)

    monkeypatch.setattr(backup, "run_postgres_program", failing_restore)

    with pytest.raises(CommandError, match="yhteys katkesi"):
        restore(archive, empty_database)

    assert bucket_digests(s3) == {}
    assert fingerprint(empty_database) == {"sequences": {}}
