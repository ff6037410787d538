"""How many inflected Finnish and Swedish forms of the demo's words find their records.

With Snowball stems alone, as prefixes, 183 of the 250 forms (73.2%) found their records;
with the query-side de-inflection of ``core.inflection``, 245 (98.0%). The misses left are
short words whose stem changes within its first four letters: "tuki"/"tuen" (tukena),
"asioita"/"asioista" (asiat) and "kunnassa" (kunnat).
"""

import html
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from portal.search import search
from portal.tests.search_forms import FORMS, SWEDISH_MEETING
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

MARK = re.compile(r"</?mark>")
REQUIRED_RECALL = 0.95


def finds(text: str, records: tuple[tuple[str, str], ...]) -> bool:
    """Whether a visitor's search for ``text`` finds all of ``records``."""
    types = {search_type for search_type, _title in records}
    results = search(text, user=AnonymousUser(), show=types, limit=100)
    titles = {
        (result.type.key, html.unescape(MARK.sub("", str(hit.search_title))))
        for result in results
        for hit in result.hits
    }
    return set(records) <= titles


@pytest.fixture
def demo():
    call_command("load_demo")
    # The demo's Swedish texts hold no meeting; this one stands in for them.
    MeetingFactory(title=SWEDISH_MEETING[1], theme="", place="")


def test_inflected_forms_find_their_records(demo):
    missed = [form for form, records in FORMS if not finds(form, records)]
    total = len(FORMS)
    found = total - len(missed)
    print(f"\nrecall {found}/{total} = {found / total:.1%}; missed: {', '.join(missed)}")
    assert found / total >= REQUIRED_RECALL


def test_words_the_demo_does_not_hold_find_nothing(demo):
    """The prefixes stay long enough not to find words that only start alike."""
    for word in ("kissoja", "autossa", "metsässä", "sairaalan", "poliisille", "satamaan"):
        results = search(word, user=AnonymousUser(), show=[], limit=0)
        assert sum(result.total for result in results) == 0, word
