"""Stored files and the rows that refer to them: a file no row refers to is an orphan.

Every model's ``FileField`` is looked at, so this knows no domain. A file is written before its
row is committed and removed after its row's deletion is committed; in between, and after a
process killed at the wrong moment, a file can lie in storage without a row. Only files older
than ``ORPHAN_AGE`` count as orphans: a younger one may belong to an upload still being saved.
"""

import time
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import models, transaction
from django.db.models.signals import post_delete

ORPHAN_AGE = timedelta(hours=1)


def media_files(media_root: Path) -> list[Path]:
    """Every regular file under ``media_root``, in a stable order; symbolic links are left out
    so that a link cannot bring a file from elsewhere into the archive."""
    if not media_root.is_dir():
        return []
    return sorted(
        path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink()
    )


def referenced_files() -> set[str]:
    """Storage names of every file a current row refers to."""
    names: set[str] = set()
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                names.update(
                    model._default_manager.exclude(**{model_field.name: ""})
                    .values_list(model_field.name, flat=True)
                    .distinct()
                )
    return names


def is_older_than(path: Path, age: timedelta) -> bool:
    return time.time() - path.stat().st_mtime >= age.total_seconds()


def orphan_files(
    media_root: Path, *, referenced: set[str], age: timedelta = ORPHAN_AGE
) -> list[Path]:
    """Files under ``media_root`` older than ``age`` whose name no row in ``referenced`` has."""
    return [
        path
        for path in media_files(media_root)
        if path.relative_to(media_root).as_posix() not in referenced and is_older_than(path, age)
    ]


def find_orphan_files(
    media_root: Path, *, temporary_root: Path | None = None, age: timedelta = ORPHAN_AGE
) -> list[Path]:
    """Orphans under ``media_root``, and left-over uploads under ``temporary_root`` (the
    folder uploads stream into, FILE_UPLOAD_TEMP_DIR), each older than ``age``."""
    orphans = orphan_files(media_root, referenced=referenced_files(), age=age)
    if temporary_root is not None:
        orphans += [path for path in media_files(temporary_root) if is_older_than(path, age)]
    return orphans


class FilesNotLocal(Exception):
    """Uploaded files are kept in object storage (``AWS_STORAGE_BUCKET_NAME``), not in a folder
    that this process can walk."""


def files_are_local() -> bool:
    return isinstance(storages["default"], FileSystemStorage)


def local_media_root() -> Path:
    """MEDIA_ROOT, where the uploaded files are; ``FilesNotLocal`` when they are in object
    storage, whose own versioning and lifecycle rules then keep and clean them."""
    if not files_are_local():
        raise FilesNotLocal(
            "Ladatut tiedostot ovat objektivarastossa (AWS_STORAGE_BUCKET_NAME), eivät "
            "MEDIA_ROOT-kansiossa: varmuuskopioi ja siivoa ne varaston omalla versioinnilla "
            "ja elinkaarisäännöillä."
        )
    return Path(settings.MEDIA_ROOT)


def sweep_orphan_files(*, delete: bool) -> list[Path]:
    """The orphan files under MEDIA_ROOT and left-over uploads in FILE_UPLOAD_TEMP_DIR, older
    than an hour (``core.files``); removed when ``delete``. With files in object storage only
    the left-over uploads (the bucket's lifecycle rules are its sweep)."""
    temporary_root = Path(settings.FILE_UPLOAD_TEMP_DIR)
    if files_are_local():
        orphans = find_orphan_files(local_media_root(), temporary_root=temporary_root)
    else:
        orphans = [p for p in media_files(temporary_root) if is_older_than(p, ORPHAN_AGE)]
    if delete:
        for path in orphans:
            path.unlink(missing_ok=True)
    return orphans


def delete_stored_files(sender, instance, **kwargs) -> None:
    """Remove the stored files of a deleted row once its deletion is committed (never if it is
    rolled back): a ``post_delete`` receiver, so that cascades and the admin's bulk deletion
    remove them too."""
    for model_field in sender._meta.concrete_fields:
        if isinstance(model_field, models.FileField):
            stored = getattr(instance, model_field.attname)
            if stored and stored.name:
                storage, name = stored.storage, stored.name
                transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def connect_file_deletion() -> None:
    """Connect ``delete_stored_files`` to every model with a file field (and only those, so that
    the others keep Django's fast bulk deletion)."""
    for model in apps.get_models():
        if any(isinstance(f, models.FileField) for f in model._meta.concrete_fields):
            post_delete.connect(delete_stored_files, sender=model, dispatch_uid=f"files-{model}")
