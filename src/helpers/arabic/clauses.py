"""Sentence and clause boundaries.

:func:`split_sentences` gives the sentence spans every analysis reports (``sentence_id`` is an
index into them); :func:`sentences_containing` finds the sentence of many offsets at once.
Clauses are finer: :data:`CLAUSE_PUNCTUATION` (، , ؛ ; :) separates the clauses of a sentence
(a withdrawal cue counts only in its own clause), and :data:`CLAUSE_BREAK` adds the sentence
ends, quotation marks, brackets and bars, for rules that look at a window of text around a
match (number phrases). :func:`clause_breaks` lists where the clauses of a text end.

Example:
    >>> t = "قال المسؤول، إن القوات باقية. وأضاف: لا انسحاب"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['قال المسؤول، إن القوات باقية.', 'وأضاف: لا انسحاب']
    >>> clause_breaks(t)
    [11, 28, 35]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

__all__ = [
    "CLAUSE_BREAK",
    "CLAUSE_PUNCTUATION",
    "SENTENCE_BREAK",
    "clause_breaks",
    "sentence_containing",
    "sentences_containing",
    "split_sentences",
]

#: Punctuation that separates the clauses of one sentence (as single tokens).
CLAUSE_PUNCTUATION = frozenset("،,؛;:")
#: Every character that closes a clause for window rules: sentence ends, clause punctuation,
#: quotation marks, brackets and bars (a number and its noun are never on two sides of one).
CLAUSE_BREAK = re.compile(r"[.،,؛;:!?؟\n«»\"“”()\[\]|]")
#: Characters that may end a sentence (:func:`split_sentences` decides which do).
SENTENCE_BREAK = re.compile(r"[.؛;!?؟\n]")

_TERMINATORS = ".؟?!؛"
_CLOSERS = "\"'»”’)]"  # closing quotes/brackets that stay with the sentence they close
_SENTENCE_BREAK = np.zeros(0x10000, dtype=bool)
_SENTENCE_BREAK[[ord(c) for c in _TERMINATORS + "\n"]] = True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``(start, end)``, ``text[start:end]`` being a sentence.

    A sentence ends at a line break or a run of ``. ؟ ? ! ؛`` (closing quotes or brackets right
    after it stay with the sentence). A single dot before a digit or a Latin letter (2.5, ٢.٥,
    aljazeera.net) or after a one-letter initial (د. علي, U.S.) does not end a sentence; commas
    and ٫ ٬ never do (2,500, ٢٫٥). Spans exclude surrounding whitespace; empty pieces are skipped.

    Example:
        >>> t = "وصل 2.5 ألف جندي. هل يبقون؟ نعم!\\nسطر"
        >>> [t[s:e] for s, e in split_sentences(t)]
        ['وصل 2.5 ألف جندي.', 'هل يبقون؟', 'نعم!', 'سطر']
    """
    n = len(text)
    codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if len(codes) == n:  # all in the BMP: code units are string indices
        positions = np.flatnonzero(_SENTENCE_BREAK[codes]).tolist()
    else:
        positions = sorted(i for i, char in enumerate(text) if char in _TERMINATORS or char == "\n")
    spans: list[tuple[int, int]] = []
    add = spans.append
    start = 0
    for i in positions + [n]:  # n: the end of the text closes the last piece
        if i < start:
            continue  # already inside a run of terminators and closers
        if i == n:
            end = n
        elif text[i] == "\n":
            end, next_start = i, i + 1
        else:
            j = i + 1
            while j < n and text[j] in _TERMINATORS:
                j += 1
            if j == i + 1 and text[i] == ".":  # a lone "." (inlined: this loop is hot)
                after = text[j] if j < n else ""
                if after.isdigit() or (after.isascii() and after.isalpha()):
                    continue  # 2.5, ٢.٥, aljazeera.net
                if i and text[i - 1].isalpha() and (i < 2 or not text[i - 2].isalnum()):
                    continue  # after a one-letter initial: د. علي, U.S.
            while j < n and text[j] in _CLOSERS:
                j += 1
            end = next_start = j
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            first = start + len(piece) - len(piece.lstrip())
            add((first, first + len(stripped)))
        if i == n:
            break
        start = next_start
    return spans


def sentence_containing(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence span in ``spans`` (sorted, as from :func:`split_sentences`) holding ``offset``.

    An offset in the whitespace between two sentences belongs to the preceding one; an offset
    before the first sentence to the first. For many offsets use :func:`sentences_containing`.

    Example:
        >>> spans = split_sentences("جملة أولى. جملة ثانية.")
        >>> sentence_containing(spans, 12)
        1
    """
    return sentences_containing(spans, [offset])[0]


def sentences_containing(spans: Sequence[tuple[int, int]], offsets: Sequence[int]) -> list[int]:
    """:func:`sentence_containing` for many offsets at once (one vectorised search).

    Example:
        >>> spans = split_sentences("جملة أولى. جملة ثانية.")
        >>> sentences_containing(spans, [0, 10, 12])
        [0, 0, 1]
    """
    if not spans:
        raise ValueError("no sentence spans given: split the text with split_sentences first")
    if any(offset < 0 for offset in offsets):
        raise ValueError(f"offsets {list(offsets)} include a negative one; offsets index the article's text")
    starts = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
    found = np.searchsorted(starts, np.asarray(offsets, dtype=np.int64), side="right") - 1
    return np.maximum(found, 0).tolist()


def clause_breaks(text: str) -> list[int]:
    """Offsets of the characters of ``text`` that end a clause (sentence ends and :data:`CLAUSE_PUNCTUATION`).

    A dot inside a number (2.5) or a sentence-final run counts once per character; use the
    offsets to cut a window around a match at the nearest break.

    Example:
        >>> clause_breaks("قال: القوات، باقية؛ 2.5")
        [3, 11, 18]
    """
    return [m.start() for m in _CLAUSE_END.finditer(text)]


_CLAUSE_END = re.compile(r"[،,؛;:!?؟\n]|\.(?![0-9])")
