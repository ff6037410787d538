from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workshops"
    verbose_name = _("Työryhmät ja kokoukset")

    def ready(self):
        # Names the meeting's records in change histories (core.history.register_subject).
        from workshops import history  # noqa: F401
