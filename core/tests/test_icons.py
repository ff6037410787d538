"""The icon sprite is built from hds-core's icons.css (``make icons``)."""

import pytest

from core.icons import UnknownIcon, sprite_from_css

# Two rules as hds-core's lib/icons/icons.css writes them.
ICONS_CSS = """
.hds-icon--bell {
  --mask-image-bell: url("data:image/svg+xml;charset=utf-8,%3Csvg role='img' xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E %3Cpath d='M12 2L2 22H22Z' fill='currentColor'%3E%3C/path%3E %3C/svg%3E");
  --mask-image: var(--mask-image-bell);
}
.hds-icon--plus {
  --mask-image-plus: url("data:image/svg+xml;charset=utf-8,%3Csvg role='img' xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E %3Cpath d='M11 4H13V20H11Z' fill='currentColor'%3E%3C/path%3E %3C/svg%3E");
}
"""  # noqa: E501


def test_sprite_holds_the_named_icons_as_symbols_in_the_text_colour():
    sprite = sprite_from_css(ICONS_CSS, ["bell"])
    assert (
        '<symbol id="bell" viewBox="0 0 24 24">'
        '<path d="M12 2L2 22H22Z" fill="currentColor"></path></symbol>'
    ) in sprite
    assert 'id="plus"' not in sprite
    assert "MIT" in sprite


def test_sprite_refuses_an_icon_the_package_lacks():
    with pytest.raises(UnknownIcon):
        sprite_from_css(ICONS_CSS, ["bell", "rocket"])
