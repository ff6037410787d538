from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_role_groups(sender, **kwargs):
    from portal.roles import ensure_role_groups

    ensure_role_groups()


class PortalConfig(AppConfig):
    """What belongs to the whole site: front page, search, health, backup, demo, roles."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Portaali")

    def ready(self):
        # Like Django's own permissions, the role groups follow the code after every migrate.
        # No sender filter: the workshops permissions exist only after that app's turn.
        post_migrate.connect(_create_role_groups, dispatch_uid="portal_role_groups")
