"""Content in another language than the page is marked with its own language."""

import pytest
from django.template import Context, Template
from django.utils import translation

TEMPLATE = Template(
    "{% load languages %}<h1{% content_lang %}>{{ title }}</h1><p{% content_lang sv %}>x</p>"
)


@pytest.mark.parametrize(
    "language, swedish, expected",
    [
        ("fi", "", "<h1>t</h1><p>x</p>"),
        ("sv", "", '<h1 lang="fi">t</h1><p lang="fi">x</p>'),
        ("sv", "Svensk text", '<h1 lang="fi">t</h1><p>x</p>'),
        ("en", "Svensk text", '<h1 lang="fi">t</h1><p lang="fi">x</p>'),
    ],
)
def test_finnish_content_is_marked_on_swedish_and_english_pages(language, swedish, expected):
    with translation.override(language):
        assert TEMPLATE.render(Context({"title": "t", "sv": swedish})) == expected
