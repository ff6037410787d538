from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import OutboxMessage
from notifications.services import outbox_message_mark_bounced, outbox_message_resend


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """The outbox, read-only: only the worker and the two actions change a message."""

    list_display = ["created_at", "to", "subject", "kind", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again", "mark_bounced"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _apply(self, request, queryset, service, done_message):
        done = 0
        for message in queryset:
            try:
                service(message=message)
            except ValidationError as error:
                self.message_user(request, f"{message}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Lähetä valitut viestit uudelleen"))
    def send_again(self, request, queryset):
        self._apply(
            request,
            queryset,
            outbox_message_resend,
            lambda count: ngettext(
                "%(count)d viesti lähetetään uudelleen.",
                "%(count)d viestiä lähetetään uudelleen.",
                count,
            ),
        )

    @admin.action(description=_("Merkitse valitut viestit palautuneiksi"))
    def mark_bounced(self, request, queryset):
        self._apply(
            request,
            queryset,
            outbox_message_mark_bounced,
            lambda count: ngettext(
                "%(count)d viesti merkittiin palautuneeksi.",
                "%(count)d viestiä merkittiin palautuneiksi.",
                count,
            ),
        )
