"""E-mail that the portal sends: every message is a row of the outbox first, and the background
worker sends it (``notifications.tasks``). Users follow projects, working groups and
municipalities, and are told of their events at once or in a weekly digest."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LOST_AFTER = timedelta(minutes=1)


class OutboxMessageQuerySet(models.QuerySet):
    def due(self):
        """Messages still to be sent."""
        return self.filter(status=OutboxMessage.Status.PENDING)

    def lost(self):
        """Pending messages old enough that their job should have sent them by now: their
        deferral failed, or the worker died while sending."""
        return self.due().filter(created_at__lt=timezone.now() - LOST_AFTER)


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
    # The record the message is about (an invitation), told when the message bounces.
    about_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("lähtevä viesti")
        verbose_name_plural = _("lähtevät viestit")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_created")]

    def __str__(self):
        return f"{self.to}: {self.subject}"


# What can be followed, as "app_label.model_name": this app knows the followed models only by
# name, so that it stays below the apps that tell their followers.
FOLLOWED_BY_BUTTON = ("projects.project", "workshops.workinggroup", "municipalities.municipality")
# A search is followed from its results page instead (``portal.search_follows``), which also
# records what the search finds already.
FOLLOWABLE = (*FOLLOWED_BY_BUTTON, "portal.savedsearch")


def _of_targets(targets) -> Q:
    condition = Q(pk__in=[])
    for target in targets:
        condition |= Q(
            content_type__app_label=target._meta.app_label,
            content_type__model=target._meta.model_name,
            object_id=target.pk,
        )
    return condition


class FollowQuerySet(models.QuerySet):
    def of_user_for(self, user, target: models.Model):
        """The follow of ``user`` for ``target`` or None: for a page's follow button. One query
        for a logged-in user (the content type joined, not looked up), none for a visitor."""
        if not user.is_authenticated:
            return None
        return self.filter(_of_targets([target]), user=user).first()

    def of_kind(self, model_label: str):
        """The follows of targets of one model, named "app_label.model_name"."""
        app_label, model_name = model_label.split(".")
        return self.filter(content_type__app_label=app_label, content_type__model=model_name)

    def of_targets(self, targets):
        """The follows of any of ``targets`` (model instances)."""
        return self.filter(_of_targets(targets))

    def for_dashboard(self, user):
        """``user``'s follows with their targets: one query, and one per kind of target."""
        return (
            self.filter(user=user)
            .select_related("content_type")
            .prefetch_related("target")
            .order_by("content_type__model", "object_id")
        )


class FollowDelivery(models.TextChoices):
    IMMEDIATE = "immediate", _("heti")
    WEEKLY = "weekly", _("viikkokooste")


class Follow(models.Model):
    """A user follows a project, a working group, a municipality or a search: they are told
    of its meetings and minutes (of a search, its new matches) by e-mail, at once or in a
    weekly digest, in ``language``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("käyttäjä"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    delivery = models.CharField(
        _("ilmoitukset"),
        max_length=10,
        choices=FollowDelivery.choices,
        default=FollowDelivery.IMMEDIATE,
    )
    language = models.CharField(_("kieli"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("seuraus")
        verbose_name_plural = _("seuraukset")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"],
                name="follow_once",
                violation_error_message=_("Seuraat jo tätä."),
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=[choice for choice, _label in FollowDelivery.choices]),
                name="follow_delivery_valid",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="follow_target")]

    def __str__(self):
        return f"{self.user} → {self.target}"


class DigestItem(models.Model):
    """One event waiting for the weekly digest of a follower who chose it."""

    follow = models.ForeignKey(
        Follow, on_delete=models.CASCADE, related_name="digest_items", verbose_name=_("seuraus")
    )
    # The event's subject line in the follower's language, and the page it links to.
    subject = models.CharField(_("aihe"), max_length=300)
    url = models.URLField(_("osoite"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)

    class Meta:
        verbose_name = _("koosteen tapahtuma")
        verbose_name_plural = _("koosteen tapahtumat")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.subject
