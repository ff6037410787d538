"""Records of the site as a whole: feedback on the accessibility statement."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FeedbackQuerySet(models.QuerySet):
    def of_email(self, email: str):
        """Feedback that ``email`` sent, whatever the case of its letters."""
        return self.filter(email__iexact=email)


class Feedback(models.Model):
    """Feedback on the portal's accessibility (Act 306/2019, section 15), read by maintainers."""

    name = models.CharField(_("nimi"), max_length=200, blank=True)
    email = models.EmailField(_("sähköposti"), blank=True)
    page_url = models.CharField(_("sivu"), max_length=500, blank=True)
    message = models.TextField(_("palaute"))
    language = models.CharField(_("kieli"), max_length=10, default="fi")
    created_at = models.DateTimeField(_("lähetetty"), default=timezone.now)
    handled = models.BooleanField(_("käsitelty"), default=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("saavutettavuuspalaute")
        verbose_name_plural = _("saavutettavuuspalautteet")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(message=""),
                name="feedback_message_not_empty",
                violation_error_message=_("Kirjoita palaute."),
            ),
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.created_at):%d.%m.%Y} {self.message[:60]}"
