"""Attachments of a meeting and the text read from their files."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import bilingual
from core.search import search_vector_field, trigram_index


class AttachmentKind(models.TextChoices):
    MINUTES = "minutes", _("muistio")
    PRESENTATION = "presentation", _("esitys")
    INVITATION = "invitation", _("kutsu")
    OTHER = "other", _("muu")


class AttachmentLanguage(models.TextChoices):
    FINNISH = "fi", _("suomi")
    SWEDISH = "sv", _("ruotsi")
    ENGLISH = "en", _("englanti")


class AttachmentRestriction(models.TextChoices):
    """Why an attachment is open only to the meeting's coordinators; blank: public."""

    PERSONAL_DATA = "personal_data", _("sisältää henkilötietoja")
    UNFINISHED_DRAFT = "unfinished_draft", _("keskeneräinen luonnos")


class TextStatus(models.TextChoices):
    """Where the reading of an attachment's text for the search stands."""

    PENDING = "pending", _("odottaa lukemista")
    INDEXED = "indexed", _("haettavissa")
    # No text in the file (a scanned PDF, a damaged file): kept, found by its title and name.
    UNREADABLE = "unreadable", _("tekstiä ei voitu lukea")
    # Reading kept failing (the stored file could not be opened, ...) after every retry.
    FAILED = "failed", _("lukeminen epäonnistui")
    # Reading went beyond a limit of time, memory or pages: kept, found by its title and name,
    # never read again.
    TOO_COMPLEX = "too_complex", _("tekstiä ei luettu (liian monimutkainen)")


class AttachmentQuerySet(models.QuerySet):
    def awaiting_text(self):
        """Attachments whose text is still to be read: waiting for the worker, or failed (a job
        retried in the admin reads it again)."""
        return self.filter(text_status__in=[TextStatus.PENDING, TextStatus.FAILED])


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A generated storage name; the uploaded name is kept only in ``original_name``."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("tilaisuus"),
    )
    title = models.CharField(_("otsikko"), max_length=300)
    title_sv = models.CharField(_("otsikko ruotsiksi"), max_length=300, blank=True)
    file = models.FileField(_("tiedosto"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("alkuperäinen tiedostonimi"), max_length=255, editable=False)
    kind = models.CharField(
        _("tyyppi"), max_length=16, choices=AttachmentKind.choices, default=AttachmentKind.OTHER
    )
    language = models.CharField(
        _("kieli"),
        max_length=2,
        choices=AttachmentLanguage.choices,
        default=AttachmentLanguage.FINNISH,
    )
    restriction = models.CharField(
        _("rajattu"),
        max_length=24,
        choices=AttachmentRestriction.choices,
        blank=True,
        help_text=_("Tyhjänä liite on julkinen; rajatun liitteen syy näytetään muille."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("lataaja"),
    )
    uploaded_at = models.DateTimeField(_("ladattu"), default=timezone.now)
    size = models.PositiveBigIntegerField(_("koko (tavua)"), editable=False)
    content_type = models.CharField(_("sisältötyyppi"), max_length=100, editable=False)
    text = models.TextField(_("tekstisisältö"), blank=True, editable=False)
    text_status = models.CharField(
        _("tekstin tila"),
        max_length=16,
        choices=TextStatus.choices,
        default=TextStatus.PENDING,
        editable=False,
    )
    text_error = models.TextField(_("lukemisen virhe"), blank=True, editable=False)
    search_vector = search_vector_field(
        title="A", original_name="B", text="C", swedish={"title_sv": "A"}
    )
    # The text and its status are the worker's, not anyone's edit.
    history = HistoricalRecords(
        excluded_fields=["search_vector", "text", "text_status", "text_error"]
    )

    objects = AttachmentQuerySet.as_manager()

    localized_title = bilingual("title", "title_sv")

    class Meta:
        verbose_name = _("liite")
        verbose_name_plural = _("liitteet")
        ordering = ["meeting", "uploaded_at", "pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="attachment_search"),
            # The admin's attachment list, newest upload first.
            models.Index(F("uploaded_at").desc(), F("id").desc(), name="attachment_upload_order"),
            # The admin's search (core.admin.LargeTableMixin).
            trigram_index("title", name="attachment_title_trigrams"),
            trigram_index("title_sv", name="attachment_title_sv_trigrams"),
            trigram_index("original_name", name="attachment_file_name_trigrams"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AttachmentKind.values), name="attachment_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=AttachmentLanguage.values),
                name="attachment_language_valid",
            ),
            models.CheckConstraint(
                condition=Q(text_status__in=TextStatus.values), name="attachment_text_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(restriction__in=["", *AttachmentRestriction.values]),
                name="attachment_restriction_valid",
            ),
            # Only read text is searched, and only a failure has an error.
            models.CheckConstraint(
                condition=Q(text_status=TextStatus.INDEXED) | Q(text=""),
                name="attachment_text_only_when_indexed",
            ),
            models.CheckConstraint(
                condition=(Q(text_status=TextStatus.FAILED) & ~Q(text_error=""))
                | (~Q(text_status=TextStatus.FAILED) & Q(text_error="")),
                name="attachment_error_only_when_failed",
            ),
        ]

    def __str__(self) -> str:
        return self.title
