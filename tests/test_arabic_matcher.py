"""helpers.arabic.matcher: the term matcher, one row per situation (sentence, expected surfaces)."""

from __future__ import annotations

import pytest

from helpers.arabic.matcher import Match, Term, TermMatcher, longest_first, trie_pattern
from helpers.arabic.normalize import normalize_with_offsets

LEXICON = [
    Term("الأمريكي", "us", "noun", "actor"),
    Term("الأميركي", "us", "noun", "actor"),
    Term("البنتاغون", "pentagon", "noun", "actor"),
    Term("البنتاجون", "pentagon", "noun", "actor"),
    Term("كردستان", "kurdistan", "noun", "actor"),
    Term("كوردستان", "kurdistan", "noun", "actor"),
    Term("التحالف الدولي", "coalition", "noun", "actor"),
    Term("التحالف", "alliance", "noun", "actor"),
    Term("المقاومة", "resistance", "noun", "frame"),
    Term("فصائل المقاومة", "factions", "noun", "frame"),
    Term("اللواء", "brigade", "noun", "actor"),
    Term("زعم", "claimed", "conjunction", "verb"),
    Term("زعمت", "claimed", "conjunction", "verb"),
]

# (clean text as written, expected [(surface in the clean text, payload)])
CASES = [
    ("قال الجيش الأمريكي", [("الأمريكي", "us")]),
    ("قال الجيش الأميركي", [("الأميركي", "us")]),
    ("قال الجيش الامريكى", [("الامريكى", "us")]),                     # hamza-less, final ى
    ("أعلن البنتاغون", [("البنتاغون", "pentagon")]),
    ("أعلن البنتاجون", [("البنتاجون", "pentagon")]),
    ("وأعلن «البنتاجون»", [("البنتاجون", "pentagon")]),
    ("إقليم كردستان وإقليم كوردستان", [("كردستان", "kurdistan"), ("كوردستان", "kurdistan")]),
    ("قوات التحالفِ الدوليِّ", [("التحالفِ الدوليِّ", "coalition")]),  # longest; case endings
    ("قوات التحالفِ", [("التحالفِ", "alliance")]),
    ("وللتحالف الدولى", [("وللتحالف الدولى", "coalition")]),         # لل and final ى
    ("هاجمت فصائل المقاومة", [("فصائل المقاومة", "factions")]),      # not also المقاومة
    ("والمقاومة", [("والمقاومة", "resistance")]),
    ("مقاومة", []),                                                  # the article is required
    ("قال قائد للواء المدرع", [("للواء", "brigade")]),              # ل + اللواء
    ("وزعمت واشنطن", [("وزعمت", "claimed")]),
    ("الزعم", []),                                                   # a verb takes only و ف
    ("أمريكيون", []),                                                # whole words only
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_term_matcher(text: str, expected: list[tuple[str, str]]) -> None:
    normal = normalize_with_offsets(text)
    found = TermMatcher(LEXICON).find(normal.text)
    assert [(text[slice(*normal.to_source(m.start, m.end))], m.payload) for m in found] == expected


def test_groups_may_overlap_but_not_within_a_group() -> None:
    matcher = TermMatcher([Term("فصائل المقاومة", "f", group="a"), Term("المقاومة", "r", group="a"),
                           Term("المقاومة", "r2", group="b")])
    assert [(m.payload, m.group) for m in matcher.find("فصائل المقاومه")] == [("f", "a"), ("r2", "b")]
    assert len(matcher.find_all("فصائل المقاومه")) == 3


def test_digits_in_three_systems_match_one_form() -> None:
    matcher = TermMatcher([("2500 جندي", "n")])
    for text in ("2500 جندي", "٢٥٠٠ جندي", "۲۵۰۰ جندي"):
        assert [m.payload for m in matcher.find(normalize_with_offsets(text).text)] == ["n"]


def test_window_restricts_the_search() -> None:
    matcher = TermMatcher([("القوات", "f")])
    text = "القوات ثم القوات"
    assert [m.start for m in matcher.find(text, 3)] == [10]


def test_bare_form_tells_a_proclitic() -> None:
    matcher = TermMatcher([Term("قال", None, "conjunction")])
    assert [matcher.bare_form("فقال قال", m) for m in matcher.find("فقال قال")] == [False, True]


def test_longest_first_ties_go_to_the_earlier_match() -> None:
    assert longest_first([Match(0, 4, "a"), Match(2, 6, "b")]) == [Match(0, 4, "a")]


def test_empty_form_is_an_error() -> None:
    with pytest.raises(ValueError, match="empty after normalisation"):
        TermMatcher([("ـــ", "x")])


def test_trie_pattern_prefers_longer_words() -> None:
    import re

    assert re.match(trie_pattern(["ال", "الف", "الفين"]), "الفين").group() == "الفين"
