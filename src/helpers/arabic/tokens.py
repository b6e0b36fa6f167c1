"""One tokeniser for normalised Arabic text, and the word count every rate uses.

:func:`tokenize` cuts a normalised text into word, number and punctuation tokens with their
offsets (:data:`TOKEN`: letters, a number with its inner separators ``2,500`` / ``2.5``, or one
punctuation mark); :class:`Tokens` also numbers the clauses (a new clause after each of
:data:`~helpers.arabic.clauses.CLAUSE_PUNCTUATION`). :func:`count_words` counts the
whitespace-separated words that contain a letter or digit (the ``n_words`` of every rate).

Example:
    >>> t = tokenize("قال المسؤول، ان 2,500 جندي باقون")
    >>> t.words
    ['قال', 'المسؤول', '،', 'ان', '2,500', 'جندي', 'باقون']
    >>> t.clauses
    [0, 0, 1, 1, 1, 1, 1]
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import numpy as np

from helpers.arabic.clauses import CLAUSE_PUNCTUATION
from helpers.arabic.normalize import normalized_codes

__all__ = ["TOKEN", "Tokens", "count_words", "tokenize"]

#: A token: a run of letters, a number with inner ``,`` / ``.`` separators, or one punctuation mark.
TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[^\w\s]")


class Tokens:
    """The tokens of a normalised text: ``words``, ``starts``, ``ends`` (character offsets into
    ``text``) and ``clauses`` (the clause index of each token).

    Example:
        >>> t = Tokens("وزعم البنتاغون: لا انسحاب")
        >>> t.at(6), t.words[t.at(6)], t.is_word(2)
        (1, 'البنتاغون', False)
    """

    __slots__ = ("text", "words", "starts", "ends", "_clauses")

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        self.text = text
        found = TOKEN.finditer(text, start, len(text) if end is None else end)
        spans = [(m.group(), m.start(), m.end()) for m in found]
        self.words = [w for w, _, _ in spans]
        self.starts = [s for _, s, _ in spans]
        self.ends = [e for _, _, e in spans]
        self._clauses: list[int] | None = None

    @property
    def clauses(self) -> list[int]:
        """Clause index of each token (computed on first use)."""
        if self._clauses is None:
            clause, numbers = 0, []
            for word in self.words:
                if word in CLAUSE_PUNCTUATION:
                    clause += 1
                numbers.append(clause)
            self._clauses = numbers
        return self._clauses

    def __len__(self) -> int:
        return len(self.words)

    def at(self, offset: int) -> int:
        """Index of the token containing (or the last one starting before) char ``offset``."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def is_word(self, i: int) -> bool:
        """True if token ``i`` exists and is a word or number (not punctuation)."""
        return 0 <= i < len(self.words) and self.words[i][0].isalnum()


def tokenize(normalised: str) -> Tokens:
    """The :class:`Tokens` of a normalised text (see :data:`TOKEN`).

    Example:
        >>> tokenize("بحسب «رويترز»").words
        ['بحسب', '«', 'رويترز', '»']
    """
    return Tokens(normalised)


@lru_cache(maxsize=1)
def _space_and_alnum() -> tuple[np.ndarray, np.ndarray]:
    chars = [chr(c) for c in range(0x10000)]
    return (np.array([c.isspace() for c in chars], dtype=bool),
            np.array([c.isalnum() for c in chars], dtype=bool))


def count_words(text: str) -> int:
    """Whitespace-separated tokens of the normalised ``text`` that contain a letter or digit
    (a lone "،" or "-" is no word). Vectorised; the ``n_words`` behind every per-1,000-words rate.

    Example:
        >>> count_words("قال المسؤول ، إن 2,500 جندي - باقون")
        6
    """
    codes = normalized_codes(text)
    if not len(codes):
        return 0
    space, alnum = _space_and_alnum()
    padded = np.ones(len(codes) + 2, dtype=bool)
    padded[1:-1] = space[codes]
    flips = np.flatnonzero(padded[1:] != padded[:-1])
    if not len(flips):
        return 0
    return int(np.count_nonzero(np.logical_or.reduceat(alnum[codes], flips[0::2])))
