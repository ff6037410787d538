"""The language of content, for screen readers and translators (WCAG 3.1.2, language of parts):
``{% load languages %}``.

Texts that people write (titles, descriptions, minutes) are stored in Finnish, some also in
Swedish. On a page in another language they are marked with their own language.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def content_lang(swedish: str = "") -> str:
    """` lang="fi"` for Finnish text on a Swedish or English page; with ``swedish``, the text
    shown in the user's language (``core.i18n.in_user_language``): Swedish to Swedish readers
    when there is a Swedish text, else Finnish. Nothing when the text is in the page's
    language."""
    page = (get_language() or "fi").split("-")[0]
    shown = "sv" if swedish and page == "sv" else "fi"
    return "" if shown == page else format_html(' lang="{}"', shown)
