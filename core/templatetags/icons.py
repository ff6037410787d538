"""``{% load icons %}{% icon "calendar" %}``: an icon of ``core.icons`` from the sprite.

An icon is decorative: hidden from assistive technology and kept out of the tab order, and
always placed next to visible text that says the same, never alone in a link or a button.
"""

import functools

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from core.icons import ICONS, SPRITE, UnknownIcon

register = template.Library()


@functools.cache
def sprite_url() -> str:
    """The sprite's address, looked up in the static files' manifest once per process (a
    list draws an icon on each of its rows)."""
    return static(SPRITE)


@register.simple_tag
def icon(name: str, after: bool = False) -> str:
    """The icon ``name``, before its text (``after``: after it, as a "next" arrow)."""
    if name not in ICONS:
        raise UnknownIcon(name)
    return format_html(
        '<svg class="icon{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        " icon-after" if after else "",
        sprite_url(),
        name,
    )
