"""Names and texts in both national languages, shown in the user's language."""

import functools

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def page_language() -> str:
    """The language of the page being made: "fi", "sv" or "en"."""
    return (get_language() or "fi").split("-")[0]


@functools.cache
def _choice_labels(choices: type[models.Choices], language: str) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def choice_label(choices: type[models.Choices], value) -> str:
    """The label of ``value`` among ``choices`` in the page's language, translated once per
    language and process: a list's rows show a status or kind each, and translating a lazy
    label costs as much as formatting a date."""
    return _choice_labels(choices, get_language()).get(value, value)


class LocalizedText(str):
    """A text as ``in_user_language`` chose it: ``lang`` is the language it is written in
    ("sv" or "fi"), and ``is_fallback`` tells a Swedish reader is shown the Finnish because
    nobody wrote the Swedish (the pages say so, ``{% fallback_note %}``)."""

    lang: str
    is_fallback: bool

    def __new__(cls, text: str, *, lang: str = "fi", is_fallback: bool = False):
        value = super().__new__(cls, text)
        value.lang, value.is_fallback = lang, is_fallback
        return value


def in_user_language(finnish: str, swedish: str) -> LocalizedText:
    """The Swedish text for a Swedish-speaking user when there is one, otherwise the Finnish."""
    if page_language() != "sv":
        return LocalizedText(finnish, lang="fi")
    if swedish:
        return LocalizedText(swedish, lang="sv")
    return LocalizedText(finnish, lang="fi", is_fallback=bool(finnish))


def bilingual(finnish_field: str, swedish_field: str) -> property:
    """A model's property: its text of ``finnish_field`` in the user's language, from
    ``swedish_field`` for Swedish readers when filled in (``in_user_language``)."""

    def localized(instance) -> LocalizedText:
        return in_user_language(getattr(instance, finnish_field), getattr(instance, swedish_field))

    return property(localized, doc=f"``{finnish_field}`` in the user's language.")


class BilingualNameMixin(models.Model):
    """A name in both national languages, shown in the user's language (Finnish fallback)."""

    name_fi = models.CharField(_("nimi suomeksi"), max_length=200)
    name_sv = models.CharField(_("nimi ruotsiksi"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.name)

    name = bilingual("name_fi", "name_sv")
