"""E-mail that the portal sends: every message is a row of the outbox first, and the background
worker sends it (``notifications.tasks``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessageQuerySet(models.QuerySet):
    def due(self):
        return self.filter(status=OutboxMessage.Status.PENDING)


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("odottaa lähetystä")
        SENT = "sent", _("lähetetty")
        FAILED = "failed", _("lähetys epäonnistui")
        BOUNCED = "bounced", _("palautui")

    to = models.EmailField(_("vastaanottaja"))
    subject = models.CharField(_("aihe"), max_length=300)
    body = models.TextField(_("viesti"))
    # An iCalendar invitation (text/calendar) sent with the message, and its METHOD.
    ics = models.TextField(_("kalenterikutsu"), blank=True)
    ics_method = models.CharField(_("kalenterikutsun tapa"), max_length=20, blank=True)
    language = models.CharField(_("kieli"), max_length=10, default="fi")
    # What the message is about, e.g. "registration_confirmed", for the admin's filter.
    kind = models.CharField(_("laji"), max_length=60)
    status = models.CharField(
        _("tila"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("yrityksiä"), default=0)
    last_error = models.TextField(_("viimeisin virhe"), blank=True)
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)
    sent_at = models.DateTimeField(_("lähetetty"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("lähtevä viesti")
        verbose_name_plural = _("lähtevät viestit")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_created")]

    def __str__(self):
        return f"{self.to}: {self.subject}"
