"""The prefixes that a Finnish or Swedish search word is searched by."""

import pytest

from core.inflection import MIN_STEM_LENGTH, finnish_prefixes, swedish_bases


@pytest.mark.parametrize(
    ("word", "prefixes"),
    [
        # case endings, plural, possessive and clitic; -s/-kse- stems
        ("kokous", ["kokou"]),
        ("kokouksen", ["kokou"]),
        ("kokouksiin", ["kokou"]),
        ("kokouksemmekin", ["kokou"]),
        # consonant gradation: the part both grades share, or both grades
        ("hallinto", ["hallin"]),
        ("hallinnon", ["hallin"]),
        ("muutosagentin", ["muutosagen"]),
        ("sisällön", ["sisal"]),
        ("pääkaupunkiseudulla", ["paakaupunkiseu"]),
        ("helsingissä", ["helsing", "helsink"]),
        ("vihdissä", ["vihd", "viht"]),
        # -nen adjectives, -uus nouns, the plural of a-stems, long vowels
        ("lapsiystävällinen", ["lapsiystavalli"]),
        ("lapsiystävällisen", ["lapsiystavalli"]),
        ("tilaisuudessa", ["tilaisuu"]),
        ("työpajoissa", ["tyopaj"]),
        ("kouluun", ["koulu"]),
        ("porvoossa", ["porvo"]),
        # a word being typed keeps its start
        ("perhekesk", ["perhekesk"]),
    ],
)
def test_a_finnish_word_is_searched_by_the_stem_its_forms_share(word, prefixes):
    assert finnish_prefixes(word) == prefixes


@pytest.mark.parametrize("word", ["osissa", "asioita", "talossa", "työhön", "kunnassa", "tuen"])
def test_no_ending_is_stripped_down_to_a_stem_shorter_than_four_letters(word):
    assert all(len(prefix) >= MIN_STEM_LENGTH for prefix in finnish_prefixes(word))


def test_short_words_and_numbers_are_searched_as_typed():
    assert finnish_prefixes("ja") == ["ja"]
    assert finnish_prefixes("2017") == ["2017"]
    assert finnish_prefixes("lape2017") == ["lape2017"]


@pytest.mark.parametrize(
    ("word", "bases"),
    [
        ("borgås", ["borgå"]),
        ("mötet", ["möte"]),
        ("mötets", ["mötet", "möte"]),
        ("teamet", ["teame"]),
        ("familjecentralen", []),
        ("hus", []),
    ],
)
def test_swedish_genitive_and_definite_forms_give_their_base(word, bases):
    assert swedish_bases(word) == bases
