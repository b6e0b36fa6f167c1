"""helpers.arabic.clitics: the one clitic model, as tables of words and their readings."""

from __future__ import annotations

import re

import pytest

from helpers.arabic.clitics import (
    PROCLITICS,
    is_definite,
    proclitic_pattern,
    strip_clitics,
    strip_suffixes,
    term_core,
    term_pattern,
    word_stems,
)


@pytest.mark.parametrize(("word", "stem"), [
    ("والقوات", "القوات"),
    ("والقوات", "قوات"),
    ("فالجيش", "جيش"),
    ("بالانسحاب", "انسحاب"),
    ("للقوات", "قوات"),        # ل + ال written لل
    ("وللقوات", "قوات"),
    ("كالمقاومة", "المقاومة"),  # ك is a proclitic too
    ("وبواشنطن", "واشنطن"),
    ("للواء", "لواء"),          # ل + اللواء: two lams only
])
def test_strip_clitics_finds_the_stem(word: str, stem: str) -> None:
    assert stem in word_stems(word)


@pytest.mark.parametrize(("word", "readings"), [
    ("بالانسحاب", (("", "بالانسحاب"), ("ب", "الانسحاب"), ("بال", "انسحاب"))),
    ("وب", (("", "وب"),)),                  # nothing left to strip
    ("الي", (("", "الي"),)),                # stem of at least two letters
])
def test_strip_clitics_readings(word: str, readings: tuple) -> None:
    assert strip_clitics(word) == readings


@pytest.mark.parametrize(("word", "stem"), [
    ("انسحابهم", "انسحاب"),
    ("ادعاءاته", "ادعاءات"),
    ("مقاومتهم", "مقاومه"),     # ت before a pronoun is ة
    ("انسحابا", "انسحاب"),      # tanwin alef
])
def test_pronoun_suffixes(word: str, stem: str) -> None:
    assert stem in {s for s, _ in strip_suffixes(word)}
    assert stem in word_stems("و" + word, suffixes=True)


def test_proclitic_inventory() -> None:
    for prefix in ("و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "بال", "ولل", "فلل", "وبال", "كال"):
        assert prefix in PROCLITICS
    assert "لال" not in PROCLITICS  # ل + ال is always written لل
    assert is_definite("لل") and is_definite("وبال") and not is_definite("وب")


# (lexicon form, clitic kind, text, matches?)
TERM_TABLE = [
    ("المقاومة", "noun", "المقاومه", True),
    ("المقاومة", "noun", "والمقاومه", True),
    ("المقاومة", "noun", "للمقاومه", True),
    ("المقاومة", "noun", "مقاومه", False),          # written with the article: requires it
    ("المقاومة", "noun", "مقاومتهم", False),
    ("مقاومة", "noun", "مقاومتهم", True),           # ة -> ت before a pronoun
    ("مقاومة", "noun", "المقاومه", True),           # written without: both
    ("الانسحاب", "noun", "بالانسحاب", True),
    ("انسحاب", "noun", "انسحابا", True),            # tanwin alef
    ("البنتاغون", "noun", 'ل"البنتاغون', True),      # quote after a proclitic
    ("تنظيم الدولة", "noun", "تنظيم «الدوله", True),  # quotes between words
    ("اللواء", "noun", "للواء", True),              # ل + اللواء: two lams only
    ("اللواء", "noun", "وللواء", True),
    ("اللواء", "noun", "لواء", False),
    ("زعم", "conjunction", "وزعم", True),
    ("زعم", "conjunction", "فزعم", True),
    ("زعم", "conjunction", "الزعم", False),
    ("زعم", "conjunction", "بزعم", False),
    ("زعم", "none", "وزعم", False),
]


@pytest.mark.parametrize(("form", "kind", "text", "expected"), TERM_TABLE)
def test_term_pattern(form: str, kind: str, text: str, expected: bool) -> None:
    assert bool(re.fullmatch(term_pattern(form, kind), text)) is expected


@pytest.mark.parametrize(("form", "kind", "text"), [(f, k, t) for f, k, t, e in TERM_TABLE if e])
def test_term_core_is_inside_every_match(form: str, kind: str, text: str) -> None:
    assert term_core(form, kind) in text


def test_proclitic_pattern_kinds() -> None:
    assert re.fullmatch(proclitic_pattern("conjunction"), "و")
    assert not re.fullmatch(proclitic_pattern("conjunction"), "ب")
    assert re.fullmatch(proclitic_pattern("noun", definite=False), "وب")
    assert not re.fullmatch(proclitic_pattern("noun", definite=False), "وال")
    with pytest.raises(ValueError, match="kind must be one of"):
        proclitic_pattern("adjective")


@pytest.mark.parametrize(("form", "kind"), [
    ("المقاومة", "noun"), ("مقاومة", "noun"), ("انسحاب", "noun"), ("فصائل المقاومة", "noun"),
    ("الإرهابيين", "noun"), ("اللواء", "noun"), ("زعم", "conjunction"), ("لا بد", "conjunction"), ("داعش", "none"),
])
def test_term_surfaces_enumerate_exactly_what_the_pattern_accepts(form: str, kind: str) -> None:
    from helpers.arabic.clitics import term_surfaces
    from helpers.arabic.normalize import normalize_for_matching

    first, rest = term_surfaces(form, kind)
    words = normalize_for_matching(form).split()
    tail = " ".join(words[1:])
    pattern = re.compile(term_pattern(form, kind))
    # every enumerated first word is accepted ...
    for surface in first:
        assert pattern.fullmatch(f"{surface} {tail}".strip()), surface
    # ... and every candidate the pattern accepts (all proclitic and suffix combinations) is enumerated
    bare = words[0][2:] if kind == "noun" and words[0].startswith("ال") and len(words[0]) > 3 else words[0]
    stem = bare[:-1] if bare.endswith("ه") else bare
    for prefix in ("", *PROCLITICS, "لال"):
        for ending in ("", "ه", "ا", "ها", "هم", "نا", "تهم", "ت", "ين"):
            candidate = prefix + (stem + ending if ending.startswith("ت") else bare + ending)
            accepted = pattern.fullmatch(f"{candidate} {tail}".strip()) is not None
            assert accepted == (candidate in first), candidate
    assert len(rest) == len(words) - 1
