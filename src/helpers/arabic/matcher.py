"""One longest-match term matcher over a trie, clitic-aware, with spans into the normalised text.

A :class:`TermMatcher` is built from lexicon rows ``(form, payload)`` (or :class:`Term` rows
that also say how the form takes clitics and which group it belongs to). ``find(normalised)``
returns the matches as :class:`Match` ``(start, end, payload)`` in the normalised text, longest
first and never overlapping within a group (different groups may overlap); map them back to the
clean text with :meth:`helpers.arabic.normalize.NormalizedText.to_source`.

How it is fast: all the terms' *cores* (a literal each match must contain, see
:func:`~helpers.arabic.clitics.term_core`) are compiled into one regular expression factored as a
trie, which scans the text in C; only the words where a core occurs are examined further, with
the exact per-term clitic pattern (:func:`~helpers.arabic.clitics.term_pattern`) anchored at the
start of the word. The work is proportional to the text plus the (few) candidate words.

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

from helpers.arabic.clitics import QUOTES, term_core, term_pattern
from helpers.arabic.normalize import normalize_for_matching

__all__ = ["Match", "Term", "TermMatcher", "longest_first", "trie_pattern"]


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


class TermMatcher:
    """Find lexicon terms (with their clitics) in normalised text; see the module docstring.

    ``rows``: ``(form, payload)`` pairs or :class:`Term` rows; ``clitics`` is the default clitic
    kind of pairs. Forms are normalised here. ``forms`` maps each row to its set of normalised
    forms (to tell a bare form from one carrying a proclitic).

    Example:
        >>> m = TermMatcher([Term("زعم", "claimed", "conjunction")])
        >>> [(x.start, x.end) for x in m.find("وزعم الزعم")]
        [(0, 4)]
    """

    def __init__(self, rows: Iterable[Term | tuple[str, Any]], *, clitics: str = "noun") -> None:
        terms = [row if isinstance(row, Term) else Term(row[0], row[1], clitics) for row in rows]
        self.terms: tuple[Term, ...] = tuple(terms)
        self.forms: dict[int, str] = {}
        by_pattern: dict[tuple[str, str], re.Pattern[str]] = {}
        self._rows: list[tuple[int, str, re.Pattern[str], int]] = []  # (row, core, anchored regex, form length)
        for index, term in enumerate(terms):
            normal = normalize_for_matching(term.form)
            if not normal.strip():
                raise ValueError(f"term {term.form!r} (row {index}) is empty after normalisation")
            self.forms[index] = " ".join(normal.split())
            key = (term.form, term.clitics)
            if key not in by_pattern:
                by_pattern[key] = re.compile(term_pattern(term.form, term.clitics))
            self._rows.append((index, term_core(term.form, term.clitics), by_pattern[key], len(normal)))
        cores = sorted({core for _, core, _, _ in self._rows})
        self._prefilter = re.compile(trie_pattern(cores)) if cores else None
        self._by_word: dict[str, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self.terms)

    def _rows_for(self, word: str) -> tuple[int, ...]:
        """Rows whose core occurs in ``word`` (cached per distinct word)."""
        rows = self._by_word.get(word)
        if rows is None:
            rows = tuple(i for i, core, _, _ in self._rows if core in word)
            if len(self._by_word) > 100_000:
                self._by_word.clear()
            self._by_word[word] = rows
        return rows

    def find_all(self, normalised: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Every match, overlapping ones included (one per row and start), sorted by start.

        ``start``/``end`` restrict the search to a window of the text (offsets stay those of
        ``normalised``).
        """
        if self._prefilter is None:
            return []
        stop = len(normalised) if end is None else end
        found: dict[tuple[int, int, int], Match] = {}
        seen_words: set[int] = set()
        for hit in self._prefilter.finditer(normalised, start, stop):
            word_start = hit.start()
            before = _WORD_START.search(normalised, max(start, word_start - 40), word_start)
            if before is not None:
                word_start = before.start()
            if word_start in seen_words:
                continue
            seen_words.add(word_start)
            word_end = word_start
            while word_end < stop and (normalised[word_end].isalnum() or normalised[word_end] == "_"):
                word_end += 1
            starts = [word_start]
            # a proclitic, then a quotation mark, then the word: و«المقاومة», ل"البنتاغون"
            if word_start > start + 1 and normalised[word_start - 1] in _QUOTE_SET:
                clitic = _WORD_START.search(normalised, max(start, word_start - 5), word_start - 1)
                if clitic is not None and clitic.end() == word_start - 1:
                    starts.append(clitic.start())
            for row in self._rows_for(normalised[word_start:word_end]):
                _, _, pattern, _ = self._rows[row]
                for at in starts:
                    m = pattern.match(normalised, at, stop)
                    if m is not None:
                        term = self.terms[row]
                        found[(m.start(), m.end(), row)] = Match(m.start(), m.end(), term.payload, term.group, row)
        return sorted(found.values(), key=lambda m: (m.start, m.row))

    def find(self, normalised: str, start: int = 0, end: int | None = None) -> list[Match]:
        """The longest matches, never two overlapping within a group, sorted by start.

        Example:
            >>> m = TermMatcher([("لا بد", "must"), ("بد", "need")])
            >>> [x.payload for x in m.find("لا بد من الانسحاب")]
            ['must']
        """
        return longest_first(self.find_all(normalised, start, end))

    def bare_form(self, normalised: str, match: Match) -> bool:
        """True if the matched text is exactly a form of the row (no proclitic, no suffix).

        Example:
            >>> m = TermMatcher([Term("قال", None, "conjunction")])
            >>> [m.bare_form("فقال قال", x) for x in m.find("فقال قال")]
            [False, True]
        """
        return " ".join(normalised[match.start:match.end].split()) == self.forms[match.row]
