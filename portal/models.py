"""Records of the site as a whole: feedback on the accessibility statement, and the searches
that users follow."""

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.search import SEARCH_TYPES_BY_KEY


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


class SavedSearch(models.Model):
    """A search of the search page (its words and its type filter) that users follow: a
    ``notifications.Follow`` points at it, and the worker tells each follower of the matches
    that are new to them (``portal.search_follows``). Followers of the same search share it."""

    # The search's words as ``portal.search.search_words`` reads them, joined by spaces.
    query = models.CharField(_("hakusanat"), max_length=200)
    # A key of ``portal.search.SEARCH_TYPES``, or empty for every type.
    search_type = models.CharField(_("tyyppi"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("seurattu haku")
        verbose_name_plural = _("seuratut haut")
        constraints = [
            models.UniqueConstraint(fields=["query", "search_type"], name="saved_search_once"),
            models.CheckConstraint(condition=~models.Q(query=""), name="saved_search_has_words"),
            models.CheckConstraint(
                condition=models.Q(search_type__in=["", *SEARCH_TYPES_BY_KEY]),
                name="saved_search_type_valid",
            ),
        ]

    def __str__(self) -> str:
        search_type = SEARCH_TYPES_BY_KEY.get(self.search_type)
        if search_type is None:
            return gettext("Haku ”%(query)s”") % {"query": self.query}
        return gettext("Haku ”%(query)s” (%(type)s)") % {
            "query": self.query,
            "type": search_type.label,
        }

    def get_absolute_url(self) -> str:
        params = {"q": self.query, **({"type": self.search_type} if self.search_type else {})}
        return f"{reverse('portal:search')}?{urlencode(params)}"


class SearchMatchTold(models.Model):
    """A match of a followed search that its follower knows of: found when they began to
    follow it, or told since. A check tells only the matches not recorded here."""

    follow = models.ForeignKey(
        "notifications.Follow",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("seuraus"),
    )
    search_type = models.CharField(_("tyyppi"), max_length=20)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("kerrottu hakutulos")
        verbose_name_plural = _("kerrotut hakutulokset")
        constraints = [
            models.UniqueConstraint(
                fields=["follow", "search_type", "object_id"], name="search_match_told_once"
            ),
            models.CheckConstraint(
                condition=models.Q(search_type__in=list(SEARCH_TYPES_BY_KEY)),
                name="search_match_told_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.search_type} {self.object_id}"
