"""What a Finnish or Swedish search word may look like in the search index.

The index (``core.search``) holds Snowball stems. Snowball strips endings but does not undo
consonant gradation or stem changes, so the forms of one word can get different stems:
"kokous" -> ``kokous`` but "kokouksen" -> ``kokouks``, "hallinto" -> ``hallinto`` but
"hallinnon" -> ``hallino``. Neither stem is a prefix of the other, so prefix matching on
stems alone does not join them.

This module takes the word apart on the query side: it strips the clitic, possessive, case
and plural endings and the changing stem vowel, and cuts the stem back to the part that every
form of the word shares, before the consonants that alternate ("kokouksen" -> "kokou",
"hallinto" -> "hallin", "helsingissä" -> "helsing" and "helsink"). Searched as a prefix, that
part finds the word in every case, in the plural and at the start of compounds, whichever
form the text and the query have: inflected forms find base forms and base forms find
inflected ones. A part shorter than ``MIN_STEM_LENGTH`` is never searched as a prefix: it
would find every word that starts with the same two or three letters.

Why this way. Snowball alone, as prefixes, found the records of 183 of 250 inflected forms
of the demo's words (73.2%, ``portal/tests/search_forms.py``); with these prefixes 245 (98.0%).
A lemmatiser (Voikko) needs Debian's libvoikko and dictionaries on every machine, and on the
query side alone it would not help: the index holds Snowball stems, not lemmas, and "kokous"
still would not find the stem ``kokouks`` of "kokouksessa"; lemmas in the index would need
Python on every write and new columns. pg_trgm similarity would need trigram indexes on the
texts of three apps, and finds words that look alike rather than forms of one word. These
rules need nothing installed and no migration, cover words no dictionary has
("perhekeskustoimintamalli"), and a word they misread only adds a prefix that finds a little
more. The query has a few prefixes per word, which the GIN index on ``search_vector`` answers
as it answers one.
"""

import unicodedata

# Four keeps stems such as "laps", "liit" and "perh"; with five, recall falls to 96.4%.
MIN_STEM_LENGTH = 4

VOWELS = frozenset("aeiouy")  # without diacritics: ä -> a, ö -> o
CLITICS = ("kaan", "kin")
POSSESSIVES = ("mme", "nne", "nsa")
PLURAL_ENDINGS = ("iden", "itten", "ien", "jen")
# Longest first, so that "-ssa" is stripped rather than its "-a".
CASE_ENDINGS = tuple(
    sorted(
        (
            # genitive plural; illative singular and plural
            *PLURAL_ENDINGS,
            *("tten", "den", "ten", "seen", "siin", "hin", "han", "hen", "hon", "hun", "hyn"),
            # locative cases, translative, abessive, essive, partitive, genitive, plural
            *("ssa", "sta", "lla", "lta", "lle", "ksi", "tta", "na", "ta", "a", "n", "t"),
        ),
        key=len,
        reverse=True,
    )
)
# Consonants that alternate between the forms of a word, and what the forms share:
# "hallinto"/"hallinnon" share "hallin", "muutosagentti"/"muutosagentin" "muutosagent",
# "kokous"/"kokouksen" "kokou".
GRADATION_SHARED = {
    **{double: double[0] for double in ("kk", "pp", "tt", "nn", "ll", "rr", "mm")},
    **{pair: pair[0] for pair in ("nt", "lt", "rt", "mp", "lk", "rk")},
    "ks": "",
}
# Alternating consonants of which neither grade starts the other: both grades are searched.
GRADATION_PAIRS = {"nk": "ng", "ng": "nk", "ht": "hd", "hd": "ht", "p": "v", "v": "p"}


def unaccented(word: str) -> str:
    """``word`` without diacritics, as PostgreSQL's unaccent leaves Finnish and Swedish
    letters."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _strip(word: str, endings: tuple[str, ...]) -> tuple[str, str]:
    """``word`` without the first of ``endings`` it has, if enough of it is left, and the
    ending stripped."""
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_LENGTH:
            return word[: -len(ending)], ending
    return word, ""


def _without_case(word: str) -> tuple[str, bool]:
    """``word`` without its case ending and plural marker, and whether it is plural."""
    if word.endswith("nen"):  # lapsiystävällinen: its other forms are built on "-se"
        return word[:-3] + "se", False
    if word[-2] == word[-3] in VOWELS and word[-1] == "n" and len(word) > MIN_STEM_LENGTH + 1:
        # The illative lengthens the stem vowel: "kouluun", "kokoukseen", "työpajaan".
        word, ending = word[:-2], "Vn"
    else:
        word, ending = _strip(word, CASE_ENDINGS)
    plural_marker = word[-1] == "i" or (word[-1] == "j" and word[-2] in VOWELS)
    if plural_marker and len(word) > MIN_STEM_LENGTH:
        return word[:-1], True
    return word, ending in PLURAL_ENDINGS


def _shared_stems(stem: str, plural: bool) -> list[str]:
    """``stem`` cut back step by step to the start that the word's other forms share,
    longest first. A cut that would leave fewer than three letters is not made."""
    stems = [stem]

    def cut(letters: int) -> str:
        if len(stems[-1]) - letters >= 3:
            stems.append(stems[-1][:-letters])
        return stems[-1]

    # A long final vowel is shortened as Snowball does ("porvoo"); a, e and i change in
    # inflection ("kunta"/"kunnissa", "perhe"/"perheitä"), o and u only after alternating
    # consonants ("hallinto"/"hallinnon") and o in the plural of a-stems ("työpajoissa").
    long_vowel = stem[-1] == stem[-2] in VOWELS
    if long_vowel:
        stem = cut(1 if stem[-1] in "ouy" else 2)
    while stem[-1] in "aei" and len(stem) > 3:
        stem = cut(1)
    if stem[-1] in "ouy" and stem[-2] not in VOWELS and not long_vowel:
        if stem[-3:-1] in GRADATION_SHARED or stem[-2] in "tdkpv" or (plural and stem[-1] == "o"):
            stem = cut(1)
    if stem[-1] == "s" and stem[-2] in VOWELS:  # kokous, lapsiystävällis(en)
        cut(1)
    elif stem[-1] in "tdk" and stem[-2] in VOWELS:  # seutu/seudun, tilaisuus/tilaisuuden
        cut(1)
    return stems


def _graded(stem: str) -> list[str]:
    """``stem`` cut back before its alternating consonants, or with both of their grades."""
    for length in (2, 1):
        tail = stem[-length:]
        if tail in GRADATION_SHARED:
            return [stem[:-length] + GRADATION_SHARED[tail]]
        if tail in GRADATION_PAIRS and (length == 2 or stem[-2] in VOWELS):
            return [stem, stem[:-length] + GRADATION_PAIRS[tail]]
    return [stem]


def finnish_prefixes(word: str) -> list[str]:
    """The prefixes to search for the Finnish word ``word`` (lower-case), without
    diacritics: the stem that its forms share, with both grades of its consonants where
    neither starts the other, and the word as typed where the stem is not its start.

    "kokouksessa" gives ["kokou"], "hallinto" ["hallin"], "helsingissä" ["helsing",
    "helsink"], "perhekesk" (a word being typed) ["perhekesk"].
    """
    word = unaccented(word)
    if not word.isalpha() or len(word) <= MIN_STEM_LENGTH:
        return [word]
    stem = _strip(_strip(word, CLITICS)[0], POSSESSIVES)[0]
    stems = _shared_stems(*_without_case(stem))
    long_enough = [stem for stem in stems if len(stem) >= MIN_STEM_LENGTH]
    # Cut back too far, a stem would find too much: then the shortest long enough.
    prefixes = [
        graded if len(graded) >= MIN_STEM_LENGTH else long_enough[-1]
        for graded in _graded(stems[-1])
    ]
    # The word as typed only when no prefix finds it already: every prefix searched adds to
    # what PostgreSQL expects to find, and too many make it read the whole table instead of
    # the index.
    if not any(word.startswith(prefix) for prefix in prefixes):
        prefixes.insert(0, word)
    return list(dict.fromkeys(prefixes))


def swedish_bases(word: str) -> list[str]:
    """Forms of the Swedish word ``word`` that the Swedish stemmer does not reach from it:
    without the genitive -s after a vowel ("borgås", "hangös") and without the definite -t
    of neuter nouns ("mötet", "teamet"); the stemmer takes them on from there."""
    bases = []
    if word.endswith("s") and len(word) > MIN_STEM_LENGTH:
        word = word[:-1]
        bases.append(word)
    if word.endswith("et") and len(word) > MIN_STEM_LENGTH:
        bases.append(word[:-1])
    return bases
