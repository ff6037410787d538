"""The interface's icons: those of the Helsinki Design System (npm package ``hds-core``, MIT
licence) that the portal uses, as one SVG sprite in ``static/icons/`` beside the licence.

Icons are decorative: each stands next to visible text that says the same (``{% icon %}`` in
``core.templatetags.icons``). ``make icons`` rebuilds the sprite from the package with
``sprite_from_css()``; the sprite is committed, so that ``make run`` needs no network.
"""

import re
from collections.abc import Iterable
from urllib.parse import unquote

HDS_VERSION = "5.2.2"
SPRITE = "icons/hds-icons.svg"
ICONS = (
    "angle-left",
    "angle-right",
    "arrow-left",
    "arrow-right",
    "bell",
    "bell-crossed",
    "calendar",
    "clock",
    "cogwheel",
    "company",
    "display",
    "document",
    "download",
    "euro-sign",
    "folder",
    "globe",
    "group",
    "history",
    "info-circle",
    "layers",
    "location",
    "money-bag",
    "paperclip",
    "pen",
    "plus",
    "search",
    "signin",
    "signout",
    "user",
)

# hds-core's icons.css holds each icon as an SVG in a data: URL.
_ICON_RULE = re.compile(
    r"--mask-image-(?P<name>[a-z0-9-]+):\s*url\(\"data:image/svg\+xml;charset=utf-8,(?P<svg>[^\"]+)\"\)"
)
_SVG = re.compile(r"<svg[^>]*viewBox='(?P<box>[^']+)'[^>]*>(?P<body>.*)</svg>", re.DOTALL)


class UnknownIcon(ValueError):
    pass


def sprite_from_css(css: str, names: Iterable[str] = ICONS) -> str:
    """An SVG sprite of one ``<symbol id=name>`` per name in ``names``, taken from hds-core's
    ``lib/icons/icons.css``; ``UnknownIcon`` when the package has no such icon."""
    svgs = {match["name"]: unquote(match["svg"]) for match in _ICON_RULE.finditer(css)}
    symbols = []
    for name in names:
        if name not in svgs:
            raise UnknownIcon(name)
        svg = _SVG.search(svgs[name])
        body = " ".join(svg["body"].split()).replace("'", '"')
        symbols.append(f'<symbol id="{name}" viewBox="{svg["box"]}">{body}</symbol>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg">\n'
        f"<!-- Helsinki Design System icons, hds-core {HDS_VERSION}, MIT licence (LICENSE) -->\n"
        + "\n".join(symbols)
        + "\n</svg>\n"
    )
