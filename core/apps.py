from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared code without domain models: versions, history, money, languages, search."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Yhteiset")
