"""Stored files and the rows that refer to them: a file no row refers to is an orphan.

Every model's ``FileField`` is looked at, so this knows no domain. A file is written before its
row is committed and removed after its row's deletion is committed; in between, and after a
process killed at the wrong moment, a file can lie in storage without a row. Only files older
than ``ORPHAN_AGE`` count as orphans: a younger one may belong to an upload still being saved.

The stored files are listed, dated and removed through Django's storage API, so the same code
serves a local ``MEDIA_ROOT`` and an S3 bucket.
"""

import os
import time
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils import timezone

ORPHAN_AGE = timedelta(hours=1)


def media_files(root: Path) -> list[Path]:
    """Every regular file under the local folder ``root``, in a stable order; symbolic links
    are left out."""
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def stored_files(storage: Storage) -> list[str]:
    """The name of every file in ``storage``, in a stable order, found with its ``listdir``
    (folders on disk, key prefixes in a bucket). In a local folder symbolic links are left out,
    so that a link cannot bring a file from elsewhere into a backup."""
    names = []
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        folders.extend(f"{folder}{name}/" for name in subfolders)
        names.extend(f"{folder}{name}" for name in files)
    if isinstance(storage, FileSystemStorage):
        names = [name for name in names if not os.path.islink(storage.path(name))]
    return sorted(names)


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


def is_stored_longer_than(storage: Storage, name: str, age: timedelta) -> bool:
    return timezone.now() - storage.get_modified_time(name) >= age


def orphan_files(
    storage: Storage, *, referenced: set[str], age: timedelta = ORPHAN_AGE
) -> list[str]:
    """The files of ``storage`` older than ``age`` whose name no row in ``referenced`` has.
    Only those not referenced are dated (one request each in a bucket)."""
    return [
        name
        for name in stored_files(storage)
        if name not in referenced and is_stored_longer_than(storage, name, age)
    ]


def find_orphan_files(storage: Storage | None = None, *, age: timedelta = ORPHAN_AGE) -> list[str]:
    """The orphan files of ``storage`` (the default storage), older than ``age``."""
    return orphan_files(storage or default_storage, referenced=referenced_files(), age=age)


def sweep_orphan_files(*, delete: bool) -> list[str]:
    """The orphan files in the default storage (their storage names) and left-over uploads in
    FILE_UPLOAD_TEMP_DIR (their paths), older than an hour; removed when ``delete``."""
    orphans = find_orphan_files(default_storage, age=ORPHAN_AGE)
    left_over = [
        path
        for path in media_files(Path(settings.FILE_UPLOAD_TEMP_DIR))
        if is_older_than(path, ORPHAN_AGE)
    ]
    if delete:
        for name in orphans:
            default_storage.delete(name)
        for path in left_over:
            path.unlink(missing_ok=True)
    return orphans + [str(path) for path in left_over]


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
