from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.files import connect_file_deletion
from core.page_cache import connect_page_changes


class CoreConfig(AppConfig):
    """Shared code without domain models: versions, history, money, languages, search."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Yhteiset")

    def ready(self):
        connect_file_deletion()
        connect_page_changes()
        # Uploads stream into this folder (FILE_UPLOAD_TEMP_DIR); sweep_orphan_files empties it.
        Path(settings.FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
