"""One longest-match term matcher over a trie, clitic-aware, with spans into the normalised text.

A :class:`TermMatcher` is built from lexicon rows ``(form, payload)`` (or :class:`Term` rows
that also say how the form takes clitics and which group it belongs to). ``find(normalised)``
returns the matches as :class:`Match` ``(start, end, payload)`` in the normalised text, longest
first and never overlapping within a group (different groups may overlap); map them back to the
clean text with :meth:`helpers.arabic.normalize.NormalizedText.to_source`.

How it is fast: the clitic model enumerates the written forms of each term's words
(:func:`~helpers.arabic.clitics.term_surfaces`: every proclitic, article and suffix variant), so
the set of the text's words (split in C) is intersected with them in one step; only rows whose
every word occurs are tried, with their exact pattern
(:func:`~helpers.arabic.clitics.term_pattern`) anchored at the occurrences of their first word
(found with ``str.find``). The work is one pass over the text plus the candidate occurrences.

Example:
    >>> m = TermMatcher([("المقاومة", "resistance"), ("فصائل المقاومة", "factions"), ("الانسحاب", "withdrawal")])
    >>> [(x.start, x.end, x.payload) for x in m.find("قالت فصائل المقاومه ان الانسحاب والمقاومه")]
    [(5, 19, 'factions'), (23, 31, 'withdrawal'), (32, 41, 'resistance')]
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from helpers.arabic.clitics import QUOTES, term_pattern, term_surfaces
from helpers.arabic.normalize import normalize_for_matching

__all__ = ["Match", "Term", "TermMatcher", "longest_first", "trie_pattern", "words_only"]


class Match(NamedTuple):
    """A term found in a normalised text: ``text[start:end]`` matched the row with ``payload``."""

    start: int
    end: int
    payload: Any
    group: Hashable = None
    row: int = -1


@dataclass(frozen=True)
class Term:
    """One row of a term matcher: a lexicon ``form`` (as written), what to return for it
    (``payload``), how it takes clitics (``clitics``: noun / conjunction / none, see
    :func:`~helpers.arabic.clitics.term_pattern`) and its ``group`` (matches of one group never
    overlap; different groups may)."""

    form: str
    payload: Any = None
    clitics: str = "noun"
    group: Hashable = None


def trie_pattern(words: Iterable[str], *, gap: str | None = None) -> str:
    """A regular expression matching exactly ``words``, factored as a trie (fast in ``re``).

    Longer words are tried before their prefixes (greedy). ``gap``, if given, is the pattern
    written for a space inside a word (e.g. a run of spaces and quotes).

    Example:
        >>> trie_pattern(["ثلاث", "ثلاثه", "ثلاثين"])
        'ثلاث(?:ه|ين)?'
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        optional = "" in node
        branches = [(gap if char == " " and gap else re.escape(char)) + build(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and not optional:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 else f"(?:{branches[0]})"
        return body + "?" if optional else body

    return build(trie)


def longest_first(matches: Iterable[Match]) -> list[Match]:
    """Keep the longest matches so that no two of one group overlap (ties: the earlier, then the
    lower row); sorted by start.

    Example:
        >>> longest_first([Match(0, 5, "a"), Match(3, 12, "b"), Match(13, 15, "c")])
        [Match(start=3, end=12, payload='b', group=None, row=-1), Match(start=13, end=15, payload='c', group=None, row=-1)]
    """
    kept: dict[Hashable, list[Match]] = {}
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start, m.row)):
        taken = kept.setdefault(match.group, [])
        if all(match.end <= k.start or match.start >= k.end for k in taken):
            taken.append(match)
    return sorted((m for group in kept.values() for m in group), key=lambda m: (m.start, m.end, m.row))


_WORD_START = re.compile(r"\w+$")
_QUOTE_SET = frozenset(QUOTES)


def _word_table() -> np.ndarray:
    """Per BMP code unit: itself if ``re``'s ``\\w`` matches it, else a space."""
    table = np.arange(0x10000, dtype=np.uint16)
    word = np.array([chr(c).isalnum() or c == 0x5F for c in range(0x10000)], dtype=bool)
    table[~word] = 0x20
    table[0xD800:0xE000] = np.arange(0xD800, 0xE000, dtype=np.uint16)  # surrogate pairs pass through
    return table


_WORDS_ONLY = _word_table()


def words_only(text: str) -> str:
    """``text`` with every character that is not part of a word (``\\w``) replaced by a space:
    same length, so offsets are shared; ``.split()`` then gives the words.

    Example:
        >>> words_only('قال: «البنتاغون»، 2,500')
        'قال   البنتاغون   2 500'
    """
    codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    return _WORDS_ONLY[codes].tobytes().decode("utf-16-le", "surrogatepass")


class TermMatcher:
    """Find lexicon terms (with their clitics) in normalised text; see the module docstring.

    ``rows``: ``(form, payload)`` pairs or :class:`Term` rows; ``clitics`` is the default clitic
    kind of pairs. Forms are normalised here. ``forms`` maps each row to its normalised form
    (to tell a bare form from one carrying a proclitic).

    Example:
        >>> m = TermMatcher([Term("زعم", "claimed", "conjunction")])
        >>> [(x.start, x.end) for x in m.find("وزعم الزعم")]
        [(0, 4)]
    """

    def __init__(self, rows: Iterable[Term | tuple[str, Any]], *, clitics: str = "noun") -> None:
        terms = [row if isinstance(row, Term) else Term(row[0], row[1], clitics) for row in rows]
        self.terms: tuple[Term, ...] = tuple(terms)
        self.forms: dict[int, str] = {}
        self._patterns: list[re.Pattern[str]] = []
        self._first: dict[str, list[int]] = {}          # a written first word -> rows starting with it
        self._rest: list[tuple[frozenset[str], ...]] = []  # per row: the written forms of its other words
        self._irregular: list[int] = []                 # rows with a word that is not a plain \w run
        compiled: dict[tuple[str, str], re.Pattern[str]] = {}
        for index, term in enumerate(terms):
            normal = normalize_for_matching(term.form)
            if not normal.strip():
                raise ValueError(f"term {term.form!r} (row {index}) is empty after normalisation")
            self.forms[index] = " ".join(normal.split())
            key = (term.form, term.clitics)
            if key not in compiled:
                compiled[key] = re.compile(term_pattern(term.form, term.clitics))
            self._patterns.append(compiled[key])
            surfaces = term_surfaces(term.form, term.clitics)
            if surfaces is None:
                self._irregular.append(index)
                self._rest.append(())
                continue
            first, rest = surfaces
            self._rest.append(rest)
            for word in first:
                self._first.setdefault(word, []).append(index)
        self._first_words = frozenset(self._first)

    def __len__(self) -> int:
        return len(self.terms)

    def find_all(self, normalised: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Every match, overlapping ones included (one per row, start and end), sorted by start.

        ``start``/``end`` restrict the search to a window of the text (offsets stay those of
        ``normalised``). The words of the window are compared with the written forms of every
        term's first word (a set intersection); only the rows whose every word occurs in the
        window are tried, with their exact pattern, at the occurrences of their first word.
        """
        stop = len(normalised) if end is None else end
        window = normalised[start:stop] if (start or stop != len(normalised)) else normalised
        spaced = words_only(window)
        words = set(spaced.split())
        found: dict[tuple[int, int, int], Match] = {}
        padded = ""
        for word in words & self._first_words:
            rows = [row for row in self._first[word] if all(not forms.isdisjoint(words) for forms in self._rest[row])]
            if not rows:
                continue
            if not padded:
                padded = f" {spaced} "
            needle = f" {word} "
            at = padded.find(needle)
            while at != -1:
                word_start = start + at
                self._try(normalised, word_start, stop, rows, found)
                at = padded.find(needle, at + len(word) + 1)
        for row in self._irregular:
            for m in self._patterns[row].finditer(normalised, start, stop):
                self._add(m, row, found)
        return sorted(found.values(), key=lambda m: (m.start, m.row))

    def _try(self, text: str, word_start: int, stop: int, rows: list[int],
             found: dict[tuple[int, int, int], Match]) -> None:
        """Match ``rows`` at a word start (and before it, over a proclitic and a quotation mark)."""
        starts = [word_start]
        if word_start >= 2 and text[word_start - 1] in _QUOTE_SET:  # و«المقاومة», ل"البنتاغون"
            clitic = _WORD_START.search(text, max(0, word_start - 5), word_start - 1)
            if clitic is not None and clitic.end() == word_start - 1:
                starts.append(clitic.start())
        for row in rows:
            pattern = self._patterns[row]
            for at in starts:
                m = pattern.match(text, at, stop)
                if m is not None:
                    self._add(m, row, found)

    def _add(self, m: re.Match[str], row: int, found: dict[tuple[int, int, int], Match]) -> None:
        term = self.terms[row]
        found[(m.start(), m.end(), row)] = Match(m.start(), m.end(), term.payload, term.group, row)

    def find(self, normalised: str, start: int = 0, end: int | None = None) -> list[Match]:
        """The longest matches, never two overlapping within a group, sorted by start.

        Example:
            >>> m = TermMatcher([("لا بد", "must"), ("بد", "need")])
            >>> [x.payload for x in m.find("لا بد من الانسحاب")]
            ['must']
        """
        return longest_first(self.find_all(normalised, start, end))

    def bare_form(self, normalised: str, match: Match) -> bool:
        """True if the matched text is exactly the row's form (no proclitic, no suffix).

        Example:
            >>> m = TermMatcher([Term("قال", None, "conjunction")])
            >>> [m.bare_form("فقال قال", x) for x in m.find("فقال قال")]
            [False, True]
        """
        return " ".join(normalised[match.start:match.end].split()) == self.forms[match.row]
