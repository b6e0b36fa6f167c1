"""helpers.arabic.tokens and helpers.arabic.clauses, as tables."""

from __future__ import annotations

import pytest

from helpers.arabic.clauses import clause_breaks, sentences_containing, split_sentences
from helpers.arabic.tokens import count_words, tokenize


@pytest.mark.parametrize(("normalised", "words"), [
    ("قال المسؤول، ان 2,500 جندي", ["قال", "المسؤول", "،", "ان", "2,500", "جندي"]),
    ("2.5 الف", ["2.5", "الف"]),
    ("بحسب «رويترز»", ["بحسب", "«", "رويترز", "»"]),
    ("F16 و ب52", ["F", "16", "و", "ب", "52"]),
    ("", []),
])
def test_tokenize(normalised: str, words: list[str]) -> None:
    tokens = tokenize(normalised)
    assert tokens.words == words
    assert [normalised[s:e] for s, e in zip(tokens.starts, tokens.ends)] == words


def test_clauses_and_lookup() -> None:
    tokens = tokenize("قال: لا انسحاب، بل بقاء")
    assert tokens.clauses == [0, 1, 1, 1, 2, 2, 2]
    assert tokens.words[tokens.at(8)] == "انسحاب"
    assert not tokens.is_word(1) and tokens.is_word(2) and not tokens.is_word(99)


@pytest.mark.parametrize(("text", "n_words"), [
    ("قال المسؤول ، إن 2,500 جندي - باقون", 6),
    ("٢٥٠٠ جنديٍّ", 2),
    ("  \n ", 0),
    ("", 0),
    ("word", 1),
])
def test_count_words(text: str, n_words: int) -> None:
    assert count_words(text) == n_words


@pytest.mark.parametrize(("text", "sentences"), [
    ("وصل 2.5 ألف جندي. هل يبقون؟ نعم!\nسطر", ["وصل 2.5 ألف جندي.", "هل يبقون؟", "نعم!", "سطر"]),
    ("قال د. علي إن القوات باقية.", ["قال د. علي إن القوات باقية."]),
    ("زار aljazeera.net الموقع", ["زار aljazeera.net الموقع"]),
    ("قال: «انتهى». ثم غادر", ["قال: «انتهى».", "ثم غادر"]),
    ("٢٫٥ ألف", ["٢٫٥ ألف"]),
])
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


def test_sentences_containing() -> None:
    spans = split_sentences("جملة أولى. جملة ثانية.")
    assert sentences_containing(spans, [0, 10, 12]) == [0, 0, 1]
    with pytest.raises(ValueError, match="no sentence spans"):
        sentences_containing([], [0])


@pytest.mark.parametrize(("text", "breaks"), [
    ("قال: القوات، باقية؛ 2.5", [3, 11, 18]),
    ("لا فاصل هنا", []),
    ("انتهى. ثم", [5]),
])
def test_clause_breaks(text: str, breaks: list[int]) -> None:
    assert clause_breaks(text) == breaks
