from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_role_groups(sender, **kwargs):
    from projects.permissions import ensure_role_groups

    ensure_role_groups()


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
    verbose_name = _("Hankkeet")

    def ready(self):
        # Like Django's own permissions, the role groups follow the code after every migrate.
        # No sender filter: the workshops permissions exist only after that app's turn.
        post_migrate.connect(_create_role_groups, dispatch_uid="projects_role_groups")
