from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
    verbose_name = _("Hankkeet")

    def ready(self):
        # Names the project's records in change histories (core.history.register_subject).
        from projects import history  # noqa: F401
