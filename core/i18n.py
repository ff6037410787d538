"""Names and texts in both national languages, shown in the user's language."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def in_user_language(finnish: str, swedish: str) -> str:
    """The Swedish text for a Swedish-speaking user when there is one, otherwise the Finnish."""
    if swedish and (get_language() or "fi").startswith("sv"):
        return swedish
    return finnish


class BilingualNameMixin(models.Model):
    """A name in both national languages, shown in the user's language (Finnish fallback)."""

    name_fi = models.CharField(_("nimi suomeksi"), max_length=200)
    name_sv = models.CharField(_("nimi ruotsiksi"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_user_language(self.name_fi, self.name_sv)
