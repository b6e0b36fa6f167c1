"""Numeric mentions in Arabic news text: value, unit, who, where, and US troop-level claims.

A quantity is a value, a unit and a surface span (the quantulum3 idea), read with a small
grammar instead of summing every number word in a sentence (which turns "5,000 troops in three
bases" into 5003):

1. **Normalise and find candidates.** The clean text is folded with
   :func:`helpers.text.normalize_for_matching` (alef variants, ى, ة, diacritics, three digit
   systems); one compiled pattern finds digit runs, number words (with clitics و ب ل ال ...)
   and dual nouns (جنديين, هجومين). Only the sentences around candidates are tokenised.
2. **Parse the number phrase** at each candidate: digits with separators (2,500 / 2.500 =
   2500 by the three-digit-group rule; 3.5; ٢٫٥ is always a decimal), digit + scale (2 مليون,
   5 آلاف), word compounds read structurally (خمسة وعشرون; ألفان وخمسمائة; خمس مئة; مئتا;
   ألفا/ألفي as dual construct, or as accusative after a multiplier: خمسين ألفًا = 50000;
   مليون ونصف المليون = 1500000), teens (ثلاثة عشر), vague quantities (عشرات, مئات, آلاف,
   عشرات الآلاف -> value empty, qualifier ``vague``), ranges (بين 3000 و4000, 20- 40 ألف,
   من 3 إلى 5), a dual noun alone (هجومين = 2) or noun + number adjective (إرهابيين اثنين).
3. **Classify the kind**: date (day + month name incl. Levantine/Iraqi and Maghrebi months,
   فبراير/شباط, ordinal days الحادي والعشرين من كانون الثاني, numeric 25-2-2008), year
   (عام 2014, عام2007, or a bare 4-digit 1900-2100 without a counted noun), time, duration
   (a number of hours/days/months...; الساعات الـ24 الماضية; الأشهر الثلاثة الماضية), percent,
   money, ordinal, other (group names such as (5+1), designations such as القرار 2334) and
   count. Weekday names (الاثنين, الأحد ...) are never numbers.
4. **Unit, qualifier, who, where** from the CSV lexicons (see :mod:`helpers.numbers_lexicon`).
   A number coordinated with a previous one (نحو 2500 جندي أميركي في العراق و900 جندي في
   سوريا) inherits the missing who/unit/qualifier from it.
5. **US troop level** (:func:`is_us_troop_level_claim` documents the rule): a count of US or
   US-led-coalition forces with a place or a presence/total cue, that is not a flow
   (sent/deployed/additional/pulled out), a casualty or arrest figure, or a subset.

Example:
    >>> df = extract_numbers("ويوجد حالياً نحو 2500 جندي أميركي في العراق و900 جندي في سوريا.")
    >>> df[["surface", "value", "qualifier", "unit", "who", "where", "is_us_troop_level"]].values.tolist()
    [['نحو 2500 جندي', 2500, 'approx', 'troops', 'us', 'iraq', True], ['900 جندي', 900, 'approx', 'troops', 'us', 'syria', True]]
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.numbers_lexicon import CLITIC_PREFIXES, NumberLexicon, NumberWord, load_number_lexicon
from helpers.text import (
    ARABIC_DIACRITICS,
    INVISIBLE_CONTROLS,
    normalize_for_matching,
    normalize_with_offsets,
    split_sentences,
)

__all__ = [
    "COLUMNS",
    "KINDS",
    "NumberMention",
    "find_number_mentions",
    "extract_numbers",
    "extract_numbers_corpus",
    "parse_digits",
    "is_us_troop_level_claim",
]

#: Columns of :func:`extract_numbers`, in order.
COLUMNS = ["surface", "start", "end", "value", "value_high", "kind", "qualifier", "unit", "who",
           "where", "is_us_troop_level", "sentence"]
_TEXT_COLUMNS = ("article_id", "surface", "kind", "qualifier", "unit", "who", "where", "sentence")
KINDS = ("count", "date", "year", "time", "duration", "ordinal", "percent", "money", "other")

_TOKEN = re.compile(r"[^\W\d_]+|[0-9]+(?:[.,][0-9]+)*|[^\w\s]")
_IRREGULAR = re.compile("[" + re.escape(ARABIC_DIACRITICS + "\u0640" + INVISIBLE_CONTROLS) + "\u2026]")
_SAME_LENGTH_SPACES = ("\u00a0", "\u202f", "\u2009")  # NFKC makes them spaces: same length
_CLAUSE_BREAK = re.compile(r"[.،,؛;:!?؟\n«»\"“”()\[\]|]")
_SENTENCE_BREAK = re.compile(r"[.؛;!?؟\n]")
_HYPHENS = {"-", "–", "—"}
_FORCE_UNITS = {"troops", "personnel", "advisers", "trainers", "officers", "armies", "forces"}
_LEVEL_WHO = {"us", "coalition"}
#: Prepositions that end the noun phrase in which a nationality word describes the counted noun.
_PHRASE_END = re.compile(r"(?<!\w)(?:في|الي|علي|ضد|عن|منذ|خلال|بعد|قبل|عبر|لدي|مع)(?!\w)")
_NEXT_CONJUNCT = re.compile(r"(?<!\w)(?:و\s*في|بينما|فيما|مقابل|اضافه\s+الي)(?!\w)")
_BEFORE_CUES = ("presence", "total", "withdrawal", "deploy", "reduce", "killed", "wounded",
                "arrested", "subset")


@dataclass
class NumberMention:
    """One numeric expression; offsets index the text given to :func:`find_number_mentions`."""

    surface: str
    start: int
    end: int
    value: int | None
    value_high: int | None
    kind: str
    qualifier: str | None
    unit: str | None
    who: str | None
    where: str | None
    is_us_troop_level: bool
    sentence: str
    # working fields (normalised coordinates and context), not part of the table
    n_start: int = field(default=0, repr=False)
    n_end: int = field(default=0, repr=False)
    sentence_index: int = field(default=0, repr=False)
    unit_category: str | None = field(default=None, repr=False)
    cue: str | None = field(default=None, repr=False)
    target: bool = field(default=False, repr=False)
    coordinated: bool = field(default=False, repr=False)
    qualifier_before: bool = field(default=False, repr=False)


# --------------------------------------------------------------------------------------------
# Digits


def parse_digits(digits: str, *, decimal_mark: str | None = None) -> float:
    """Value of an ASCII digit string with separators.

    A separator followed by groups of exactly three digits is a thousands separator
    (2,500 and 2.500 are 2500); a single separator followed by another number of digits is
    a decimal mark (3.5, 2,5). ``decimal_mark`` forces a character to be read as decimal
    (the source had ٫).

    Example:
        >>> parse_digits("2.500"), parse_digits("3.5"), parse_digits("1,250,000"), parse_digits("2.500", decimal_mark=".")
        (2500.0, 3.5, 1250000.0, 2.5)
    """
    if decimal_mark and decimal_mark in digits:
        whole, _, fraction = digits.rpartition(decimal_mark)
        return float(re.sub(r"[.,]", "", whole) + "." + fraction)
    if "," in digits and "." in digits:
        cut = max(digits.rfind(","), digits.rfind("."))
        return float(re.sub(r"[.,]", "", digits[:cut]) + "." + digits[cut + 1:])
    groups = re.split(r"[.,]", digits)
    if len(groups) == 1:
        return float(digits)
    if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    if len(groups) == 2:
        return float(groups[0] + "." + groups[1])
    return float("".join(groups))


def _as_int(value: float | None) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(math.floor(value + 0.5))


# --------------------------------------------------------------------------------------------
# Offsets: a fast map from the normalised text back to the clean text


class _OffsetMap:
    """Normalised text plus ``to_source``.

    Fast path (most texts): normalisation only deletes characters (diacritics, tatweel,
    controls), maps others one to one, and expands the ellipsis … to "..."; the map is then a
    sorted list of those events. Anything else NFKC would change falls back to
    :func:`helpers.text.normalize_with_offsets` (a Python loop over characters).
    """

    def __init__(self, text: str) -> None:
        self.source = text
        self.norm = normalize_for_matching(text)
        self._slow = None
        self._src: list[int] = []          # source positions of deleted / expanded characters
        self._nstart: list[int] = []       # where each event starts in the normalised text
        self._nlen: list[int] = []         # its normalised length (0 deleted, 3 for …)
        self._shift: list[int] = []        # cumulative (normalised - source) shift after it
        probe = text
        for char in _SAME_LENGTH_SPACES:
            if char in probe:
                probe = probe.replace(char, " ")
        if unicodedata.is_normalized("NFKC", probe.replace("\u2026", ".")):
            shift = 0
            for m in _IRREGULAR.finditer(text):
                x = m.start()
                length = 3 if m.group() == "\u2026" else 0
                self._src.append(x)
                self._nstart.append(x + shift)
                self._nlen.append(length)
                shift += length - 1
                self._shift.append(shift)
            if len(self.norm) == len(text) + shift:
                return
        self._slow = normalize_with_offsets(text)
        self.norm = self._slow.text

    def _source_index(self, n: int) -> tuple[int, int]:
        """(source start, source end) of the character the normalised index ``n`` comes from."""
        j = bisect.bisect_right(self._nstart, n) - 1
        if j < 0:
            return n, n + 1
        if n < self._nstart[j] + self._nlen[j]:
            return self._src[j], self._src[j] + 1
        x = n - self._shift[j]
        return x, x + 1

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        if self._slow is not None:
            return self._slow.to_source(start, end)
        if not self._src:
            return start, end
        s = self._source_index(start)[0]
        if start >= end:
            return s, s
        e = self._source_index(end - 1)[1]
        k = bisect.bisect_left(self._src, e)
        while k < len(self._src) and self._src[k] == e and unicodedata.combining(self.source[e]):
            e += 1  # keep the marks that follow the last letter (جنديًّا)
            k += 1
        return s, e


# --------------------------------------------------------------------------------------------
# Tokens of one sentence


@dataclass
class _Sentence:
    tokens: list[str]
    starts: list[int]
    ends: list[int]
    start: int
    end: int


def _tokenise(norm: str, start: int, end: int) -> _Sentence:
    tokens, starts, ends = [], [], []
    for m in _TOKEN.finditer(norm, start, end):
        tokens.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    return _Sentence(tokens, starts, ends, start, end)


_PREFIX_LETTERS = frozenset(p[0] for p in CLITIC_PREFIXES)


@lru_cache(maxsize=65536)
def _strip(token: str) -> tuple[tuple[str, str], ...]:
    """(prefix, stem) readings of a token: the token itself, then without each proclitic."""
    if token[:1] not in _PREFIX_LETTERS:
        return (("", token),)
    out = [("", token)]
    for prefix in CLITIC_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            out.append((prefix, token[len(prefix):]))
    return tuple(out)


@dataclass
class _Parsed:
    value: float | None
    end: int                 # token index after the phrase
    vague: bool = False
    ordinal: bool = False
    digits: bool = False
    scale: float | None = None
    article: bool = False    # the first token carried ال (الثلاثة, الـ24)


class _Grammar:
    """The number grammar over the tokens of one sentence (see the module docstring)."""

    def __init__(self, lex: NumberLexicon, sent: _Sentence, decimal_marks: set[int], norm: str) -> None:
        self.lex = lex
        self.norm = norm
        self.s = sent
        self.t = sent.tokens
        self.decimal_marks = decimal_marks

    # -- lookups ----------------------------------------------------------------------------
    def word(self, i: int, first: bool = True) -> tuple[NumberWord, str] | None:
        if not 0 <= i < len(self.t):
            return None
        for prefix, stem in _strip(self.t[i]):
            entry = self.lex.words.get(stem)
            if entry is None:
                continue
            if not first and prefix not in ("", "و", "ال", "وال"):
                continue
            if len(stem) <= 2 and prefix not in ("", "و"):
                continue  # لست is not ل + ست
            return entry, prefix
        return None

    def noun(self, i: int):
        if not 0 <= i < len(self.t):
            return None
        for prefix, stem in _strip(self.t[i]):
            noun = self.lex.units.get(stem)
            if noun is not None:
                return noun
        return None

    def weekday(self, i: int) -> bool:
        token = self.t[i]
        for prefix, stem in _strip(token):
            if stem in self.lex.weekdays:
                return True
            if prefix == "" and ("ال" + stem) in self.lex.weekdays and i > 0 and self.t[i - 1] == "يوم":
                return True
        return False

    def tok(self, i: int) -> str:
        return self.t[i] if 0 <= i < len(self.t) else ""

    def is_digits(self, i: int) -> bool:
        return bool(self.tok(i)[:1].isdigit()) and self.tok(i)[:1].isascii()

    def digit_value(self, i: int) -> float:
        mark = "." if self.s.starts[i] in self.decimal_marks else None
        return parse_digits(self.t[i], decimal_mark=mark)

    def month_at(self, i: int) -> tuple[int, int] | None:
        """(month number, token index after it) if a month name starts at token ``i``."""
        for length in (2, 1):
            key = tuple(self.t[i:i + length])
            if len(key) == length and key in self.lex.months:
                return self.lex.months[key], i + length
            if len(key) == length and length == 1:
                for prefix, stem in _strip(self.t[i]):
                    if prefix and (stem,) in self.lex.months:
                        return self.lex.months[(stem,)], i + 1
        return None

    # -- number phrases ---------------------------------------------------------------------
    def number(self, i: int, *, first: bool = True, no_conjunction: bool = False) -> _Parsed | None:
        if self.is_digits(i):
            value = self.digit_value(i)
            j = i + 1
            parsed = _Parsed(value, j, digits=True, article=self.tok(i - 1) == "ال")
            scaled = self.word(j, first=False)
            if scaled and scaled[1] == "" and scaled[0].type in ("scale", "scale_dual", "scale_plural"):
                base = scaled[0].value / 2 if scaled[0].type == "scale_dual" else scaled[0].value
                parsed.value, parsed.end, parsed.scale = value * base, j + 1, base
                self._fraction_after_scale(parsed, base)
            return parsed
        found = self.word(i, first=first)
        if found is None:
            return None
        entry, prefix = found
        article = prefix.endswith("ال")
        if entry.type == "vague" or (entry.type == "scale_plural"):
            j = i + 1
            if self.tok(j) == "من" and self._scale_plural(j + 1):
                j += 1
            if self._scale_plural(j):  # عشرات الآلاف, مئات الآلاف
                j += 1
            return _Parsed(None, j, vague=True, article=article)
        if entry.type == "ordinal":
            return self._ordinal(i, entry)
        if entry.type == "teen_unit":
            nxt = self.word(i + 1, first=False)
            if nxt and nxt[1] == "" and nxt[0].value == 10:
                return _Parsed(10 + entry.value, i + 2, article=article)
            return None
        if entry.type == "fraction":
            nxt = self.word(i + 1, first=False)
            if nxt and nxt[0].type in ("scale", "scale_dual") and nxt[1] in ("", "ال"):
                base = nxt[0].value / 2 if nxt[0].type == "scale_dual" else nxt[0].value
                return _Parsed(entry.value * base, i + 2, scale=base, article=article)
            return None
        return self._cardinal(i, no_conjunction, article)

    def _scale_plural(self, j: int) -> bool:
        w = self.word(j, first=False)
        return bool(w and w[0].type == "scale_plural")

    def _fraction_after_scale(self, parsed: _Parsed, base: float) -> None:
        j = parsed.end
        conj = self._conjoined(j)
        if conj is None:
            return
        w, k = conj
        if w[0].type == "fraction":
            parsed.value = (parsed.value or 0) + w[0].value * base
            parsed.end = k + 1
            again = self.word(k + 1, first=False)
            if again and again[1] == "ال" and again[0].type in ("scale", "scale_dual"):
                parsed.end = k + 2  # مليون ونصف المليون

    def _conjoined(self, j: int) -> tuple[tuple[NumberWord, str], int] | None:
        """A number word joined by و at token ``j`` (separate و or glued): (entry, its index)."""
        if self.tok(j) == "و":
            w = self.word(j + 1, first=False)
            if w and w[1] in ("", "ال"):
                return w, j + 1
            return None
        w = self.word(j, first=False)
        if w and w[1] in ("و", "وال"):
            return w, j
        return None

    def _cardinal(self, i: int, no_conjunction: bool, article: bool) -> _Parsed | None:
        total = 0.0
        current = 0.0
        last = None            # type of the last element read
        last_scale = None
        j = i
        entry = self.word(i)[0]
        while True:
            kind = entry.type
            if kind == "unit":
                nxt = self.word(j + 1, first=False)
                if nxt and nxt[1] == "" and nxt[0].type == "ten" and nxt[0].value == 10:
                    current += 10 + entry.value          # ثلاثة عشر
                    j += 2
                    last = "ten"
                elif nxt and nxt[1] == "" and nxt[0].type == "hundred" and nxt[0].value == 100:
                    current += entry.value * 100          # خمس مئة
                    j += 2
                    last = "hundred"
                else:
                    current += entry.value
                    j += 1
                    last = "unit"
            elif kind in ("ten", "hundred"):
                current += entry.value
                j += 1
                last = kind
            elif kind in ("scale", "scale_dual", "scale_plural"):
                base = entry.value / 2 if kind == "scale_dual" else entry.value
                if current:
                    total += current * base
                elif kind == "scale_plural":
                    break
                else:
                    total += entry.value                  # ألف, ألفان, مليون
                current = 0.0
                last_scale = base
                j += 1
                last = "scale"
            elif kind == "fraction" and last == "scale" and last_scale:
                total += entry.value * last_scale
                j += 1
                again = self.word(j, first=False)
                if again and again[1] == "ال" and again[0].type in ("scale", "scale_dual"):
                    j += 1
                last = "fraction"
            else:
                break
            # what may follow: a scale directly (ثلاثة آلاف, مئة ألف), or و + a smaller part
            direct = self.word(j, first=False)
            if direct and direct[1] == "" and direct[0].type in ("scale", "scale_dual", "scale_plural") \
                    and last in ("unit", "ten", "hundred") and current:
                entry = direct[0]
                continue
            if no_conjunction:
                break
            conj = self._conjoined(j)
            if conj is None:
                break
            nxt_entry, k = conj
            allowed = {
                "unit": {"ten"},
                "ten": set(),
                "hundred": {"unit", "ten"},
                "scale": {"unit", "ten", "hundred", "scale", "fraction", "scale_dual"},
                "fraction": set(),
            }.get(last, set())
            if nxt_entry[0].type not in allowed:
                break
            if nxt_entry[0].type == "ten" and nxt_entry[0].value == 10:
                break  # و + عشرة is a coordination, not a compound
            if nxt_entry[0].type in ("scale", "scale_dual") and last_scale and nxt_entry[0].value >= last_scale:
                break
            j = k
            entry = nxt_entry[0]
        value = total + current
        if j == i or value == 0:
            return None
        return _Parsed(value, j, scale=last_scale, article=article)

    def _ordinal(self, i: int, entry: NumberWord) -> _Parsed | None:
        value = entry.value
        j = i + 1
        nxt = self.word(j, first=False)
        if nxt and nxt[1] in ("",) and nxt[0].value == 10 and nxt[0].type == "ten":
            return _Parsed(10 + value, j + 1, ordinal=True)     # الحادي عشر, الثاني عشر
        conj = self._conjoined(j)
        if conj and conj[0][0].type == "ten" and conj[0][0].value >= 20:
            return _Parsed(value + conj[0][0].value, conj[1] + 1, ordinal=True)  # الحادي والعشرين
        return _Parsed(value, j, ordinal=True)


# --------------------------------------------------------------------------------------------
# The extractor


def _cue_before(lex: NumberLexicon, norm: str, start: int, limit: int) -> tuple[str | None, int]:
    """Category of the nearest troop-level cue ending before ``start`` (after ``limit``)."""
    window = norm[limit:start]
    best = None
    best_end = -1
    for m in lex.cues.finditer(window):
        category = lex.cue_of.get(" ".join(m.group("form").split()))
        if category in _BEFORE_CUES:
            best, best_end = category, m.end()
    return best, (start - (limit + best_end)) if best else 10 ** 6


def _clause_start(norm: str, sentence_start: int, position: int, floor: int) -> int:
    lo = max(sentence_start, floor, position - 120)
    window = norm[lo:position]
    last = None
    for last in _CLAUSE_BREAK.finditer(window):
        pass
    return lo + last.end() if last else lo


def _clause_end(norm: str, position: int, sentence_end: int, ceiling: int) -> int:
    hi = min(sentence_end, ceiling, position + 120)
    m = _CLAUSE_BREAK.search(norm, position, hi)
    return m.start() if m else hi


def find_number_mentions(text: str) -> list[NumberMention]:
    """All numeric expressions in ``text`` as :class:`NumberMention` records (sorted by start).

    The record-level core of :func:`extract_numbers` (no DataFrame; cheaper on many texts).

    Example:
        >>> [(m.value, m.kind) for m in find_number_mentions("قتل 3 جنود يوم الاثنين 4 فبراير")]
        [(3, 'count'), (4, 'date')]
    """
    if not text:
        return []
    lex = load_number_lexicon()
    omap = _OffsetMap(text)
    norm = omap.norm
    candidates = list(lex.candidates.finditer(norm))
    if not candidates:
        return []
    spans = split_sentences(norm)
    if not spans:
        return []
    decimal_marks = set()
    if "\u066b" in text:  # ٫ Arabic decimal separator: "." in the normalised text is a decimal
        for m in re.finditer(r"[0-9]+(?:[.,][0-9]+)+", norm):
            s, e = omap.to_source(m.start(), m.end())
            if "\u066b" in text[s:e]:
                decimal_marks.add(m.start())
    sentence_starts = [start for start, _ in spans]
    sentences: dict[int, _Grammar] = {}
    mentions: list[NumberMention] = []
    consumed_until = -1
    for cand in candidates:
        if cand.start() < consumed_until:
            continue
        # same rule as helpers.text.sentence_containing, with the starts computed once
        k = max(bisect.bisect_right(sentence_starts, cand.start()) - 1, 0)
        if k not in sentences:
            s0, s1 = spans[k]
            sentences[k] = _Grammar(lex, _tokenise(norm, s0, s1), decimal_marks, norm)
        g = sentences[k]
        i = bisect.bisect_right(g.s.starts, cand.start()) - 1
        if i < 0 or g.s.ends[i] <= cand.start():
            continue
        mention = _read_at(g, i, norm, k, mentions)
        if mention is None:
            continue
        consumed_until = max(consumed_until, mention.n_end)
        mentions.append(mention)
    _coordinate(mentions, norm)
    for m in mentions:
        m.is_us_troop_level = is_us_troop_level_claim(m)
        s, e = omap.to_source(m.n_start, m.n_end)
        m.start, m.end, m.surface = s, e, text[s:e]
        ss, se = omap.to_source(*spans[m.sentence_index])
        m.sentence = text[ss:se]
    return mentions


def _read_at(g: _Grammar, i: int, norm: str, sentence_index: int,
             previous: list[NumberMention]) -> NumberMention | None:
    lex = g.lex
    t = g.t
    tok = t[i]
    if g.weekday(i):
        return None
    # A month name such as كانون الثاني / تشرين الأول is not an ordinal.
    if i > 0 and (t[i - 1], tok) in lex.months:
        return None
    start_tok = i
    value_high = None

    if g.is_digits(i):
        # (5+1): a group name
        if g.tok(i + 1) == "+" and g.is_digits(i + 2):
            return _make(g, "other", i, i + 3, None, None, sentence_index)
        if g.tok(i - 1) == "+" and g.is_digits(i - 2):
            return None
        # 10:30 a time
        if g.tok(i + 1) == ":" and g.is_digits(i + 2) and len(g.tok(i + 2)) == 2:
            return _make(g, "time", i, i + 3, g.digit_value(i), None, sentence_index)
        # 25-2-2008, 25/2/2008, 2008-02-25, 25.2.2008
        date_end = _numeric_date(g, i)
        if date_end:
            return _make(g, "date", i, date_end, g.digit_value(i) if len(tok) <= 2 else None, None,
                         sentence_index, value_from_tok=True)
    dual = None
    if not g.is_digits(i) and g.word(i) is None:
        dual = g.noun(i)
        if dual is None or dual.grammatical_number != "dual":
            return None
        parsed = _Parsed(2.0, i + 1)
        nxt = g.word(i + 1, first=False)
        if nxt and nxt[0].value == 2 and nxt[0].type == "unit":
            parsed.end = i + 2  # جنديين اثنين
    else:
        no_conj = g.tok(i - 1) in ("بين", "مابين")
        parsed = g.number(i, no_conjunction=no_conj)
        if parsed is None:
            return None
    end_tok = parsed.end
    value = parsed.value

    # ---- ranges --------------------------------------------------------------------------
    high: _Parsed | None = None
    if not parsed.vague and not parsed.ordinal and dual is None:
        between = g.tok(i - 1) in ("بين", "مابين")
        if g.tok(end_tok) in _HYPHENS and (g.is_digits(end_tok + 1) or g.word(end_tok + 1)):
            high = g.number(end_tok + 1)
        elif between and g.tok(end_tok) == "و":
            high = g.number(end_tok + 1, first=False)
        elif between and g.word(end_tok, first=False) and g.word(end_tok, first=False)[1] == "و":
            high = g.number(end_tok, first=False, no_conjunction=True)
        elif g.tok(i - 1) == "من" and g.tok(end_tok) in ("الي", "حتي") and _cue_before(
                lex, g.norm, g.s.starts[i], max(g.s.start, g.s.starts[i] - 90))[0] != "reduce":
            high = g.number(end_tok + 1)  # a range, unless a change: خفض ... من 5200 إلى 3000
        elif g.tok(end_tok) == "او" and (g.is_digits(end_tok + 1) or g.word(end_tok + 1)):
            high = g.number(end_tok + 1)
        if high is not None and (high.vague or high.ordinal or high.value is None):
            high = None
        if high is not None:
            if between or g.tok(i - 1) == "من":
                start_tok = i - 1
                if g.tok(i - 2) == "ما" and g.tok(i - 1) == "بين":
                    start_tok = i - 2
            if high.scale and not parsed.scale and value is not None and value < high.scale:
                value = value * high.scale  # 20- 40 ألف, بين 3 و4 آلاف
            value_high = high.value
            end_tok = high.end
            if value_high is not None and value is not None and value_high <= value:
                # not a range but a change (تراجع من 5200 إلى 2500): read the numbers apart
                start_tok, end_tok, value_high = i, parsed.end, None

    # ---- classification ------------------------------------------------------------------
    unit_noun = None
    unit_end = end_tok
    who = None
    noun_before = False
    int_value = value is not None and float(value).is_integer()

    # month after the number -> date
    if int_value and value is not None and 1 <= value <= 31 and not parsed.vague:
        j = end_tok + 1 if g.tok(end_tok) == "من" else end_tok
        month = g.month_at(j)
        if month:
            j = month[1]
            if g.tok(j) == "/" and g.month_at(j + 1):
                j = g.month_at(j + 1)[1]
            if g.is_digits(j) and len(g.tok(j)) == 4:
                j += 1
            return _make(g, "date", start_tok, j, value, None, sentence_index)
        if g.weekday(start_tok - 1) and g.noun(end_tok) is None:  # الخميس 25 (the day of the month)
            return _make(g, "date", start_tok - 1, end_tok, value, None, sentence_index)
    if parsed.ordinal:
        if g.tok(start_tok - 1) in ("الساعه",):
            return _make(g, "time", start_tok - 1, end_tok, value, None, sentence_index)
        return _make(g, "ordinal", start_tok, end_tok, value, None, sentence_index)
    if parsed.digits and not parsed.scale:
        tok0 = t[i]
        prev = _stem_of(g, start_tok - 1)
        if g.month_at(start_tok - 1) or (start_tok >= 2 and g.month_at(start_tok - 2)
                                         and g.month_at(start_tok - 2)[1] == start_tok):
            return _make(g, "date", start_tok, end_tok, value, value_high, sentence_index)
        plain_year = tok0.isdigit() and len(tok0) == 4 and 1900 <= int(tok0) <= 2100
        hijri = tok0.isdigit() and len(tok0) == 4 and 1300 <= int(tok0) <= 1500 and g.tok(end_tok) == "ه"
        year_cue = lex.cue_of.get(prev) == "year" or lex.cue_of.get(t[start_tok - 1] if start_tok else "") == "year"
        qualified = lex.qualifiers_before.search(norm, max(g.s.start, g.s.starts[start_tok] - 40),
                                                 g.s.starts[start_tok]) is not None
        if (plain_year or hijri) and (year_cue or g.noun(end_tok) is None and g.tok(end_tok) != "من"
                                      and not _nisba_at(g, end_tok) and not qualified):
            end = end_tok + 1 if g.tok(end_tok) in ("م", "ه") else end_tok
            return _make(g, "year", start_tok, end, value, value_high, sentence_index)
        if year_cue and tok0.isdigit() and len(tok0) == 4:
            return _make(g, "year", start_tok, end_tok, value, value_high, sentence_index)
        if lex.cue_of.get(prev) == "time" and value is not None and value <= 24:
            return _make(g, "time", start_tok - 1, end_tok, value, None, sentence_index)
    if lex.cue_of.get(_stem_of(g, end_tok)) == "time_after" and value is not None and value <= 24:
        return _make(g, "time", start_tok, end_tok + 1, value, None, sentence_index)
    # percent
    if g.tok(end_tok) in ("%", "٪"):
        return _make(g, "percent", start_tok, end_tok + 1, value, value_high, sentence_index,
                     qualify=True, norm=norm)
    pct = _phrase_at(g, end_tok, "percent_after")
    if pct:
        return _make(g, "percent", start_tok, pct, value, value_high, sentence_index, qualify=True, norm=norm)
    # money marked by a symbol
    if g.tok(start_tok - 1) == "$" or g.tok(end_tok) == "$":
        return _make(g, "money", start_tok, end_tok, value, value_high, sentence_index, qualify=True, norm=norm)
    # designations: القرار 2334, مجموعة العشرين, إف 16, الفرقة 82
    label_index = start_tok - 1
    while g.tok(label_index) in ("(", "-", "ال", "«", "\""):
        label_index -= 1
    if lex.cue_of.get(g.tok(label_index)) == "label" or lex.cue_of.get(_stem_of(g, label_index)) == "label":
        return _make(g, "other", start_tok, end_tok, value, value_high, sentence_index)

    # ---- the counted noun ----------------------------------------------------------------
    if dual is not None:
        unit_noun = dual
        unit_end = end_tok
    else:
        noun = g.noun(end_tok)
        if noun is not None:
            unit_noun, unit_end = noun, end_tok + 1
        elif g.tok(end_tok) == "من" and g.noun(end_tok + 1) is not None:
            unit_noun, unit_end = g.noun(end_tok + 1), end_tok + 2
        elif _nisba_at(g, end_tok):
            who = _nisba_at(g, end_tok)
            unit_end = end_tok + 1
        elif g.tok(end_tok) == "من" and _nisba_at(g, end_tok + 1):
            who = _nisba_at(g, end_tok + 1)
            unit_end = end_tok + 2
        # noun + number adjective: إرهابيين اثنين, الأشهر الثلاثة, الساعات الـ24
        if unit_noun is None and who is None:
            before = start_tok - 1 if not (parsed.digits and g.tok(start_tok - 1) == "ال") else start_tok - 2
            prev_noun = g.noun(before)
            small = value is not None and value <= 10
            if prev_noun is not None and prev_noun.grammatical_number != "singular" and (
                    (parsed.article and (small or parsed.digits)) or (not parsed.digits and value in (1, 2))):
                unit_noun = prev_noun
                noun_before = True
                start_tok = before
    unit = unit_noun.unit if unit_noun else ("people" if who else None)
    category = unit_noun.category if unit_noun else ("person" if who else None)
    if category == "duration":
        kind = "duration"
        if noun_before and lex.cue_of.get(g.tok(unit_end)) is None and g.tok(unit_end) in ("الماضيه", "الماضي", "المقبله", "المقبل", "الاخيره", "الاولي", "القادمه"):
            unit_end += 1
    elif category == "money":
        kind = "money"
    elif category == "measure":
        kind = "other"
    else:
        kind = "count"
    mention = _make(g, kind, start_tok, unit_end, value, value_high, sentence_index,
                    qualify=True, norm=norm, vague=parsed.vague)
    mention.unit = unit
    mention.unit_category = category
    if kind != "count":
        return mention

    # ---- who, where, cue -----------------------------------------------------------------
    s = g.s
    after = s.ends[unit_end - 1] if unit_end - 1 >= 0 else mention.n_end
    floor = s.start  # context is read back to the previous count of the sentence, not beyond
    for earlier in reversed(previous):
        if earlier.sentence_index != sentence_index:
            break
        if earlier.kind == "count":
            floor = earlier.n_end
            break
    next_number = _next_number_start(g, unit_end)
    clause_end = _clause_end(norm, after, s.end, next_number)
    if who is None and not noun_before:
        phrase = norm[after:clause_end]
        cut = _PHRASE_END.search(phrase)
        phrase = phrase[:cut.start()] if cut else phrase
        for m in lex.actors.finditer(phrase[:45]):
            who = lex.actor_of.get(m.group("form"))
            break
    if who is None and noun_before:
        for m in lex.actors.finditer(norm[after:clause_end][:30]):
            who = lex.actor_of.get(m.group("form"))
            break
    clause_start = _clause_start(norm, s.start, mention.n_start, floor)
    if who is None and category == "force":
        who = _who_before(lex, norm[clause_start:mention.n_start])
    where = None
    ahead = norm[after:clause_end]
    conjunct = _NEXT_CONJUNCT.search(ahead)  # ... في العراق وفي سوريا نحو 900: stop at وفي
    for m in lex.places.finditer(ahead[:conjunct.start()] if conjunct else ahead):
        where = lex.place_of.get(" ".join(m.group("form").split()))
        break
    if where is None:
        for m in lex.places.finditer(norm[clause_start:mention.n_start]):
            where = lex.place_of.get(" ".join(m.group("form").split()))
    cue, distance = _cue_before(lex, norm, mention.n_start, max(s.start, floor if floor > s.start else s.start,
                                                                mention.n_start - 90))
    extra = norm[after:min(clause_end, after + 30)]
    for m in lex.cues.finditer(extra):
        if lex.cue_of.get(" ".join(m.group("form").split())) == "deploy_after" \
                and cue not in ("killed", "wounded", "arrested"):
            cue = "deploy"  # 450 مستشارا إضافيا / 150 جنديا سيغادرون
    if cue in ("killed", "wounded", "arrested") and distance <= 40 and category in ("force", "combatant", "person", None):
        mention.unit = cue
    if unit is None and cue in ("total", "presence", "withdrawal", "reduce"):
        # يبلغ عدد القوات الأمريكية في العراق نحو 2500: the counted noun came first
        head = _force_noun_before(lex, norm[clause_start:mention.n_start])
        if head is not None:
            mention.unit, mention.unit_category = head.unit, head.category
            if who is None:
                who = _who_before(lex, norm[clause_start:mention.n_start])
    mention.who, mention.where, mention.cue = who, where, cue
    # 'إلى N' after a change of size makes N a target level (خفض عدد القوات إلى 3000)
    q_start_tok = bisect.bisect_left(s.starts, mention.n_start)
    mention.target = g.tok(q_start_tok - 1) == "الي" and mention.qualifier != "up_to"
    mention.coordinated = g.tok(i - 1) == "و" or (g.word(i) is not None and g.word(i)[1].startswith("و"))
    return mention


def _stem_of(g: _Grammar, i: int) -> str:
    """Token ``i`` without a one-letter proclitic when that makes it a cue word (وعام -> عام)."""
    token = g.tok(i)
    for prefix in ("و", "ف", "ب", "ل"):
        if token.startswith(prefix) and token[len(prefix):] in g.lex.cue_of:
            return token[len(prefix):]
    return token


def _phrase_at(g: _Grammar, i: int, category: str) -> int | None:
    for length in (2, 1):
        phrase = " ".join(g.t[i:i + length])
        if len(g.t[i:i + length]) == length and g.lex.cue_of.get(phrase) == category:
            return i + length
    return None


def _nisba_at(g: _Grammar, i: int) -> str | None:
    for prefix, stem in _strip(g.tok(i)):
        if prefix in ("", "ال") and stem in g.lex.actor_nisba:
            return g.lex.actor_nisba[stem]
    return None


def _who_before(lex: NumberLexicon, window: str) -> str | None:
    """The last actor of the clause before a force count whose own noun phrase names none.

    Covers the force noun named first (القوات الأمريكية البالغ عددها 2500) and the state as
    subject (تحتفظ الولايات المتحدة بـ2500 جندي).
    """
    who = None
    for m in lex.actors.finditer(window):
        who = lex.actor_of.get(" ".join(m.group("form").split()))
    return who


def _force_noun_before(lex: NumberLexicon, window: str):
    """The last force noun (القوات, الجنود ...) of the clause before a bare number."""
    found = None
    for m in re.finditer(r"\w+", window):
        word = m.group()
        base = re.sub(r"(?:هما|هم|ها|نا|ه)$", "", word)  # قواتها, قواتنا: a possessive suffix
        for prefix, stem in (*_strip(word), *(_strip(base) if base != word and len(base) > 2 else ())):
            noun = lex.units.get(stem)
            if noun is not None and noun.category == "force":
                found = noun
                break
    return found


def _next_number_start(g: _Grammar, j: int) -> int:
    """Where the next candidate number of the sentence starts (or the sentence end)."""
    if j >= len(g.t):
        return g.s.end
    m = g.lex.candidates.search(g.norm, g.s.starts[j], g.s.end)
    return m.start() if m else g.s.end


def _numeric_date(g: _Grammar, i: int) -> int | None:
    token = g.t[i]
    parts = token.split(".")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        if _plausible_date([int(p) for p in parts], [len(p) for p in parts]):
            return i + 1
    sep = g.tok(i + 1)
    if sep in ("-", "/", "–") and g.is_digits(i + 2) and g.tok(i + 3) == sep and g.is_digits(i + 4):
        parts = [g.tok(i), g.tok(i + 2), g.tok(i + 4)]
        if all(p.isdigit() for p in parts) and _plausible_date([int(p) for p in parts], [len(p) for p in parts]):
            return i + 5
    return None


def _plausible_date(values: list[int], lengths: list[int]) -> bool:
    if lengths[2] in (2, 4) and lengths[0] <= 2:
        day, month = values[0], values[1]
        return 1 <= day <= 31 and 1 <= month <= 12 or 1 <= month <= 31 and 1 <= day <= 12
    if lengths[0] == 4:
        return 1 <= values[1] <= 12 and 1 <= values[2] <= 31
    return False


def _clitic_length(g: _Grammar, i: int) -> int:
    """Letters of a proclitic (و ف ب ل ك, not the article) to leave out of the surface: وخمسة -> خمسة."""
    token = g.tok(i)
    lex = g.lex
    if token in lex.words or token in lex.units:
        return 0
    for k in (2, 1):
        head, rest = token[:k], token[k:]
        if len(rest) < 2 or any(c not in "وفبلك" for c in head) or head == "لل":
            continue
        if rest in lex.words or rest in lex.units or (rest.startswith("ال") and (
                rest[2:] in lex.words or rest[2:] in lex.units)):
            return k
    return 0


def _make(g: _Grammar, kind: str, a: int, b: int, value: float | None, value_high: float | None,
          sentence_index: int, *, qualify: bool = False, norm: str | None = None, vague: bool = False,
          value_from_tok: bool = False) -> NumberMention:
    s = g.s
    n_start, n_end = s.starts[a] + _clitic_length(g, a), s.ends[b - 1]
    qualifier = "vague" if vague else ("exact" if value is not None else None)
    before = False
    if qualify and norm is not None and not vague:
        m = g.lex.qualifiers_before.search(norm, max(s.start, n_start - 40), n_start)
        if m:
            qualifier = g.lex.qualifier_of.get(" ".join(m.group("q").split()), qualifier)
            n_start = m.start("q") if m.start("q") >= s.start else n_start
            before = True
        after = g.lex.qualifiers_after.match(norm, n_end, min(s.end, n_end + 30))
        if after is None and _nisba_at(g, b):  # 2500 جندي أمريكي على الأقل
            after = g.lex.qualifiers_after.match(norm, s.ends[b], min(s.end, s.ends[b] + 30))
        if after:
            qualifier = g.lex.qualifier_of.get(" ".join(after.group("q").split()), qualifier)
            n_end = after.end("q")
    if value_from_tok:
        value = None
    mention = NumberMention(
        surface="", start=0, end=0, value=_as_int(value), value_high=_as_int(value_high), kind=kind,
        qualifier=qualifier if kind not in ("date", "year", "time", "ordinal", "other") else (
            None if value is None else "exact"),
        unit=None, who=None, where=None, is_us_troop_level=False, sentence="",
        n_start=n_start, n_end=n_end, sentence_index=sentence_index,
    )
    mention.qualifier_before = before
    return mention


def _coordinate(mentions: list[NumberMention], norm: str) -> None:
    """A count that continues the previous count of its sentence inherits what it lacks.

    Two cases: joined by و (نحو 2500 جندي أميركي في العراق و900 جندي في سوريا), or a bare number
    with a place after a comma or إضافة إلى (2500 عسكري، إضافة إلى 900 في سوريا).
    """
    previous_count = None
    for cur in mentions:
        prev = previous_count
        if cur.kind == "count":
            previous_count = cur
        if prev is None or cur.kind != "count" or cur.sentence_index != prev.sentence_index:
            continue
        between = norm[prev.n_end:cur.n_start]
        if between.strip() == "الي":  # a change: خفض عدد القوات من 5200 إلى 3000 جندي
            if prev.unit is None:
                prev.unit, prev.unit_category = cur.unit, cur.unit_category
            prev.who = prev.who or cur.who
            cur.who = cur.who or prev.who
            cur.where = cur.where or prev.where
            prev.where = prev.where or cur.where
            cur.cue = cur.cue or prev.cue
            prev.target = cur.target = True  # the figure before and the figure after the change
            continue
        elliptic = cur.unit is None and cur.where is not None and prev.unit is not None and len(between) <= 60 \
            and not _SENTENCE_BREAK.search(between)
        if not elliptic and (not cur.coordinated or _CLAUSE_BREAK.search(between) or len(between) > 80):
            continue
        if elliptic and not cur.coordinated and cur.qualifier == "exact":
            cur.qualifier_before = True  # keep its own (exact) qualifier below
        if cur.unit is None:
            cur.unit, cur.unit_category = prev.unit, prev.unit_category
        if cur.unit != prev.unit:
            continue
        if cur.who is None:
            cur.who = prev.who
        if cur.coordinated and cur.qualifier == "exact" and prev.qualifier_before \
                and prev.qualifier not in ("exact", "vague"):
            cur.qualifier = prev.qualifier
        if cur.where is None:
            cur.where = prev.where
        if cur.cue is None:
            cur.cue = prev.cue


def is_us_troop_level_claim(mention: NumberMention) -> bool:
    """Whether a mention states how many US (or US-led coalition) troops are/were/will be in a place.

    The rule (documented in the notebook and the tests):

    - a ``count`` with a value (not vague), of a force unit (troops, personnel, advisers,
      trainers, officers), whose ``who`` is ``us`` or ``coalition``;
    - the nearest context cue before it decides: presence (يوجد, يتمركز, المنتشرين, سيبقى ...)
      or total (عدد, قوامها, البالغ, من أصل, ليصل ...) -> a level; withdrawal of the force
      (انسحاب / خروج / رحيل / مغادرة N ... من العراق) -> a level, since the negotiated
      withdrawal of N presupposes N are there; no cue -> a level only if a place is named;
    - flows are not levels: deploy cues (إرسال, نشر, إيفاد, تعزيزات, and إضافي / آخرين after the
      noun) and reduce cues (سحب, خفض, تقليص, زيادة, بمقدار) -- unless the number is the target
      after إلى (خفض عدد القوات إلى 3000 -> 3000 is a level);
    - casualties and arrests (قتل, مقتل, إصابة, اعتقال ...) and subsets (منهم, من بينهم) are not.

    Example:
        >>> m = find_number_mentions("أرسلت واشنطن 450 مستشارا أمريكيا إضافيا إلى العراق")[0]
        >>> is_us_troop_level_claim(m)
        False
    """
    if mention.kind != "count" or mention.value is None or mention.qualifier == "vague":
        return False
    if mention.who not in _LEVEL_WHO or mention.unit not in _FORCE_UNITS:
        return False
    cue = mention.cue
    if cue in ("presence", "total", "withdrawal"):
        return True
    if cue in ("deploy", "reduce"):
        return mention.target
    if cue in ("killed", "wounded", "arrested", "subset"):
        return False
    return mention.where is not None


# --------------------------------------------------------------------------------------------
# Tables


def _frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    """The table from records: int64 offsets, nullable Int64 values, bool flag, pandas' str for text."""
    rows = [tuple(r[c] for c in columns) for r in records]
    values = list(zip(*rows)) if rows else [()] * len(columns)
    data: dict[str, Any] = {}
    for column, column_values in zip(columns, values):
        if column in ("start", "end"):
            data[column] = np.array(column_values, dtype=np.int64)
        elif column in ("value", "value_high"):
            data[column] = pd.array(list(column_values), dtype="Int64")
        elif column == "is_us_troop_level":
            data[column] = np.array(column_values, dtype=bool)
        else:
            data[column] = np.array(column_values, dtype=object)
    frame = pd.DataFrame(data, columns=columns, copy=False)
    for column in _TEXT_COLUMNS:
        if column in frame and frame[column].dtype == object:  # empty or all missing: same dtype as usual
            frame[column] = frame[column].astype("str")
    return frame


def _record(m: NumberMention) -> dict:
    return {c: getattr(m, c) for c in COLUMNS}


def extract_numbers(text: str) -> pd.DataFrame:
    """One row per numeric expression in ``text`` (columns :data:`COLUMNS`, sorted by start).

    ``start``/``end`` index ``text``; ``surface`` is ``text[start:end]`` (from a leading
    qualifier through the counted noun); ``value``/``value_high`` are nullable integers
    (vague quantities have no value; ranges fill ``value_high``).

    Example:
        >>> extract_numbers("أرسلت واشنطن ما يصل إلى 300 مستشار عسكري")[["surface", "value", "qualifier", "unit"]].values.tolist()
        [['ما يصل إلى 300 مستشار', 300, 'up_to', 'advisers']]
    """
    return _frame([_record(m) for m in find_number_mentions(text)], COLUMNS)


def extract_numbers_corpus(articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`extract_numbers` over a frame of articles (``article_id``, ``text``).

    Returns the same columns with ``article_id`` first, sorted by article_id, start.

    Example:
        >>> arts = pd.DataFrame({"article_id": ["b", "a"], "text": ["عشرة مقاتلين", "4 فبراير"]})
        >>> extract_numbers_corpus(arts)[["article_id", "value", "kind"]].values.tolist()
        [['a', 4, 'date'], ['b', 10, 'count']]
    """
    missing = {"article_id", "text"} - set(articles.columns)
    if missing:
        raise KeyError(f"articles frame lacks column(s) {sorted(missing)}; pass corpus.load_corpus().articles")
    records = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        for m in find_number_mentions(text if isinstance(text, str) else ""):
            record = _record(m)
            record["article_id"] = article_id
            records.append(record)
    frame = _frame(records, ["article_id", *COLUMNS])
    return frame.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
