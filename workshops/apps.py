from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workshops"
    verbose_name = _("Työryhmät ja kokoukset")

    def ready(self):
        from notifications.services import register_bounce_handler

        # Names the meeting's records in change histories (core.history.register_subject).
        from workshops import history  # noqa: F401
        from workshops.services import invitation_message_bounced

        # An invitation's e-mail marked bounced in the outbox marks the invitation bounced.
        register_bounce_handler("workshops.invitation", invitation_message_bounced)
