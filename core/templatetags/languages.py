"""The language of content, for screen readers and translators (WCAG 3.1.2, language of parts):
``{% load languages %}``.

Texts that people write (titles, descriptions, minutes) are stored in Finnish, some also in
Swedish. On a page in another language they are marked with their own language, and a
Swedish reader is told when a text is shown in Finnish because it has no Swedish version.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from core.i18n import LocalizedText, page_language

register = template.Library()


@register.simple_tag
def content_lang(swedish: str = "") -> str:
    """` lang="fi"` for Finnish text on a Swedish or English page; with ``swedish``, the text
    shown in the user's language (``core.i18n.in_user_language``): Swedish to Swedish readers
    when there is a Swedish text, else Finnish. A ``LocalizedText`` says its own language.
    Nothing when the text is in the page's language."""
    page = page_language()
    if isinstance(swedish, LocalizedText):
        shown = swedish.lang
    else:
        shown = "sv" if swedish and page == "sv" else "fi"
    return "" if shown == page else format_html(' lang="{}"', shown)


@register.simple_tag
def fallback_note(text: LocalizedText) -> str:
    """ "(only in Finnish)" in the page's language after a text a Swedish reader is shown in
    Finnish for want of a Swedish version; nothing otherwise. It carries the page's language,
    so it may stand inside the element marked ``lang="fi"``."""
    if not getattr(text, "is_fallback", False):
        return ""
    return format_html(
        ' <span class="fallback-note small text-body-secondary" lang="{}">({})</span>',
        page_language(),
        gettext("vain suomeksi"),
    )


@register.simple_tag
def localized(text: LocalizedText) -> str:
    """A short text in the user's language (a ``bilingual`` property of a model) as inline
    HTML: marked with its language when it is not the page's, and with ``fallback_note``."""
    lang = content_lang(text)
    if not lang:
        return format_html("{}{}", text, fallback_note(text))
    return format_html("<span{}>{}</span>{}", lang, text, fallback_note(text))
