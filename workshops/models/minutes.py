"""Minutes of a meeting, the comments on them and the corrections of approved ones."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.examples import ExampleValuesField, example_fields_valid
from core.i18n import bilingual
from core.search import search_vector_field, trigram_index


class MinutesQuerySet(models.QuerySet):
    def drafts_of(self, projects):
        """Minutes of meetings of ``projects`` not approved yet, oldest meeting first."""
        return (
            self.exclude(status=MinutesStatus.APPROVED)
            .filter(meeting__project__in=projects)
            .select_related("meeting__project")
            .order_by("meeting__starts_at", "pk")
        )

    def recently_published(self):
        """Approved (so published) minutes, newest approval first, with their meeting and
        project."""
        return (
            self.filter(status=MinutesStatus.APPROVED)
            .select_related("meeting__project", "meeting__working_group")
            .order_by("-published_at")
        )


class MinutesExample(models.TextChoices):
    """What of minutes can be an example value (``core.examples``)."""

    TEXT = "text", _("muistion teksti")
    PUBLISHED_AT = "published_at", _("hyväksymisaika")
    CIRCULATED_AT = "circulated_at", _("kommentoitavaksi lähettämisen aika")
    COMMENTS = "comments", _("kommentit")


class MinutesStatus(models.TextChoices):
    """Minutes are written as a draft, circulated to the participants for comments, and
    approved; approved minutes are public and are corrected only by dated notes."""

    DRAFT = "draft", _("luonnos")
    CIRCULATED = "circulated", _("kommentoitavana")
    APPROVED = "approved", _("hyväksytty")


class Minutes(models.Model):
    """The minutes (muistio) of one meeting; visible to visitors only once approved."""

    meeting = models.OneToOneField(
        "workshops.Meeting",
        on_delete=models.CASCADE,
        related_name="minutes",
        verbose_name=_("tilaisuus"),
    )
    text = models.TextField(_("muistio"))
    # The same minutes in Swedish for the readers of bilingual municipalities, written while
    # the minutes can still be edited (approved minutes are corrected by notes only).
    text_sv = models.TextField(_("muistio ruotsiksi"), blank=True)
    status = models.CharField(
        _("tila"), max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    circulated_at = models.DateTimeField(_("lähetetty kommentoitavaksi"), null=True, blank=True)
    # The time of approval, which publishes the minutes.
    published_at = models.DateTimeField(_("hyväksytty"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("hyväksyjä"),
    )
    example_fields = ExampleValuesField(
        models.CharField(max_length=32, choices=MinutesExample.choices)
    )
    version = models.PositiveIntegerField(_("versio"), default=1, editable=False)
    search_vector = search_vector_field(text="B", swedish={"text_sv": "B"})
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = MinutesQuerySet.as_manager()

    localized_text = bilingual("text", "text_sv")

    class Meta:
        verbose_name = _("muistio")
        verbose_name_plural = _("muistiot")
        ordering = ["-meeting__starts_at"]
        indexes = [
            GinIndex(fields=["search_vector"], name="minutes_search"),
            # Recently published minutes on the front page.
            models.Index(
                F("published_at").desc(),
                name="minutes_recently_published",
                condition=Q(status=MinutesStatus.APPROVED),
            ),
            # The admin's search (core.admin.LargeTableMixin).
            trigram_index("text", name="minutes_text_trigrams"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MinutesStatus.values), name="minutes_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=MinutesStatus.APPROVED) | Q(published_at__isnull=False),
                name="minutes_approved_have_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=MinutesStatus.CIRCULATED) | Q(circulated_at__isnull=False),
                name="minutes_circulated_have_time",
            ),
            example_fields_valid(MinutesExample, name="minutes_example_fields_valid"),
        ]

    def __str__(self) -> str:
        return str(_("Muistio: %(meeting)s") % {"meeting": self.meeting})

    @property
    def is_approved(self) -> bool:
        return self.status == MinutesStatus.APPROVED


class MinutesComment(models.Model):
    """A participant's comment on circulated minutes, or the coordinator's reply to one."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="comments", verbose_name=_("muistio")
    )
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("vastaus kommenttiin"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minutes_comments",
        verbose_name=_("käyttäjä"),
    )
    author_name = models.CharField(_("kirjoittaja"), max_length=200)
    author_email = models.EmailField(_("kirjoittajan sähköposti"), blank=True)
    text = models.TextField(_("kommentti"))
    created_at = models.DateTimeField(_("kirjoitettu"), default=timezone.now)

    class Meta:
        verbose_name = _("muistion kommentti")
        verbose_name_plural = _("muistion kommentit")
        ordering = ["minutes", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(author_name="") & ~Q(text=""), name="minutes_comment_has_author_text"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:50]}"


class MinutesCorrection(models.Model):
    """A dated correction to approved minutes, shown with them: approved text is not edited."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("muistio")
    )
    text = models.TextField(_("korjaus"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minutes_corrections",
        verbose_name=_("kirjaaja"),
    )
    created_at = models.DateTimeField(_("kirjattu"), default=timezone.now)

    class Meta:
        verbose_name = _("muistion korjaus")
        verbose_name_plural = _("muistion korjaukset")
        ordering = ["minutes", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="minutes_correction_has_text"),
        ]

    def __str__(self) -> str:
        return self.text[:50]
