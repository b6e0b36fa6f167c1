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

import bisect
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from helpers.arabic.clitics import QUOTES, term_pattern, term_surfaces
from helpers.arabic.normalize import normalize_for_matching

__all__ = ["Match", "Term", "TermMatcher", "longest_first", "text_words", "trie_pattern", "word_hashes", "words_only"]


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
    kept: dict[Hashable, tuple[list[int], list[int], list[Match]]] = {}
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start, m.row)):
        starts, ends, taken = kept.setdefault(match.group, ([], [], []))
        i = bisect.bisect_right(starts, match.start)  # kept intervals never overlap: check the neighbours
        if (i and ends[i - 1] > match.start) or (i < len(starts) and starts[i] < match.end):
            continue
        if match.start == match.end and i and starts[i - 1] == match.start:
            continue
        starts.insert(i, match.start)
        ends.insert(i, match.end)
        taken.append(match)
    return sorted((m for _, _, group in kept.values() for m in group), key=lambda m: (m.start, m.end, m.row))


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


def _random_code_values() -> np.ndarray:
    rng = np.random.default_rng(20261203)  # fixed: the same hashes in every run
    return rng.integers(1, 2**63, size=0x10000, dtype=np.uint64)


_CODE_VALUES = _random_code_values()
_IS_WORD = _WORDS_ONLY != 0x20
_FILTER_BITS = 20
_FILTER_MASK = (1 << _FILTER_BITS) - 1
_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd: invertible modulo 2**64
_POWERS: list[np.ndarray] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**i and BASE**-i modulo 2**64 for i < n (grown by doubling, kept)."""
    forward, backward = _POWERS
    if len(forward) < n:
        size = 1 << max(n - 1, 1).bit_length()
        steps = np.full(size, _BASE, dtype=np.uint64)
        steps[0] = 1
        inverse = np.full(size, pow(int(_BASE), -1, 2**64), dtype=np.uint64)
        inverse[0] = 1
        forward, backward = np.cumprod(steps, dtype=np.uint64), np.cumprod(inverse, dtype=np.uint64)
        _POWERS[:] = [forward, backward]
    return forward, backward


def word_hashes(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start offsets and 64-bit hashes of the words (maximal ``\\w`` runs) of UTF-16 ``codes``.

    Vectorised: a prefix sum of per-character values times powers of an odd base gives the hash
    of any span; shifted back to its start, a word hashes the same wherever it occurs. Equal
    words have equal hashes (different words collide with probability ~2**-64; the matcher
    verifies every candidate with its pattern anyway).

    Example:
        >>> codes = np.frombuffer("قال قال، وقال".encode("utf-16-le"), dtype=np.uint16)
        >>> starts, hashes = word_hashes(codes)
        >>> starts.tolist(), bool(hashes[0] == hashes[1]), bool(hashes[0] == hashes[2])
        ([0, 4, 9], True, False)
    """
    n = len(codes)
    if not n:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint64)
    padded = np.zeros(n + 2, dtype=bool)
    padded[1:-1] = _IS_WORD[codes]
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    starts, ends = edges[0::2], edges[1::2]
    forward, backward = _powers(n + 1)
    prefix = np.empty(n + 1, dtype=np.uint64)
    prefix[0] = 0
    weighted = _CODE_VALUES[codes] * forward[:n]
    np.cumsum(weighted, dtype=np.uint64, out=prefix[1:])
    hashes = (prefix[ends] - prefix[starts]) * backward[starts]
    return starts, hashes


def text_words(normalised: str) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`word_hashes` of a whole text, for :meth:`TermMatcher.find_all_words` (``None`` if
    the text is not all in the BMP: then code units are not string offsets).

    Example:
        >>> starts, hashes = text_words("قال المسؤول")
        >>> starts.tolist()
        [0, 4]
    """
    codes = np.frombuffer(normalised.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if len(codes) != len(normalised):
        return None
    return word_hashes(codes)


def _hash_word(word: str) -> int:
    starts, hashes = word_hashes(np.frombuffer(word.encode("utf-16-le", "surrogatepass"), dtype=np.uint16))
    if len(starts) != 1:
        raise ValueError(f"{word!r} is not one word")
    return int(hashes[0])


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
        by_hash: dict[int, list[int]] = {}
        for word, first_rows in self._first.items():
            by_hash.setdefault(_hash_word(word), []).extend(first_rows)
        self._by_hash = by_hash
        self._hash_keys = np.array(sorted(by_hash), dtype=np.uint64)
        # a one-bit-per-slot filter on the low bits: most words are rejected by one lookup
        self._hash_filter = np.zeros(1 << _FILTER_BITS, dtype=bool)
        self._hash_filter[(self._hash_keys & np.uint64(_FILTER_MASK)).astype(np.int64)] = True

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
        codes = np.frombuffer(window.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
        if len(codes) == len(window):  # all in the BMP: code units are string offsets
            return self._find_hashed(normalised, codes, start, stop)
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

    def find_all_words(self, normalised: str, words: tuple[np.ndarray, np.ndarray] | None) -> list[Match]:
        """:meth:`find_all` over the whole text, given its :func:`text_words` (``None``: not
        all in the BMP, then :meth:`find_all` itself): several matchers over one text hash its
        words once. The same matches as ``find_all(normalised)``.

        Example:
            >>> m = TermMatcher([("المقاومة", "resistance")])
            >>> text = "قالت المقاومه"
            >>> m.find_all_words(text, text_words(text)) == m.find_all(text)
            True
        """
        if words is None:
            return self.find_all(normalised)
        return self._lookup(normalised, *words, 0, len(normalised))

    def _find_hashed(self, normalised: str, codes: np.ndarray, start: int, stop: int) -> list[Match]:
        """find_all for BMP text: the words' hashes are looked up among the first-word hashes."""
        if len(self._hash_keys):
            return self._lookup(normalised, *word_hashes(codes), start, stop)
        return self._lookup(normalised, None, None, start, stop)

    def _lookup(self, normalised: str, starts: np.ndarray | None, hashes: np.ndarray | None,
                start: int, stop: int) -> list[Match]:
        """The matches of the window [start, stop) whose words (offsets from ``start``) hash to ``hashes``."""
        found: dict[tuple[int, int, int], Match] = {}
        keys = self._hash_keys
        if len(keys) and starts is not None and hashes is not None:
            maybe = np.flatnonzero(self._hash_filter[(hashes & np.uint64(_FILTER_MASK)).astype(np.int64)])
            starts, hashes = starts[maybe], hashes[maybe]
            where = np.searchsorted(keys, hashes)
            np.minimum(where, len(keys) - 1, out=where)
            hit = np.flatnonzero(keys[where] == hashes)
            by_hash = self._by_hash
            for word_start, key in zip(starts[hit].tolist(), hashes[hit].tolist()):
                self._try(normalised, start + word_start, stop, by_hash[key], found)
        for row in self._irregular:
            for m in self._patterns[row].finditer(normalised, start, stop):
                self._add(m, row, found)
        return sorted(found.values(), key=lambda m: (m.start, m.row))

    def _try(self, text: str, word_start: int, stop: int, rows: list[int],
             found: dict[tuple[int, int, int], Match]) -> None:
        """Match ``rows`` at a word start (and before it, over a proclitic and a quotation mark)."""
        patterns, terms = self._patterns, self.terms
        for row in rows:
            m = patterns[row].match(text, word_start, stop)
            if m is not None:
                end, term = m.end(), terms[row]
                found[(word_start, end, row)] = Match(word_start, end, term.payload, term.group, row)
        if word_start >= 2 and text[word_start - 1] in _QUOTE_SET:  # و«المقاومة», ل"البنتاغون"
            clitic = _WORD_START.search(text, max(0, word_start - 5), word_start - 1)
            if clitic is not None and clitic.end() == word_start - 1:
                for row in rows:
                    m = patterns[row].match(text, clitic.start(), stop)
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
