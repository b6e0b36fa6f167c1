"""The number grammar of :mod:`helpers.numbers`: tokens and number phrases of one sentence.

It works on the normalised text (:func:`helpers.text.normalize_for_matching`: ا for أ إ آ,
ه for ة, ي for ى, ASCII digits), as the lexicon forms are normalised the same way.

:mod:`helpers.numbers` finds candidates on the normalised text and asks this module to read
the number phrase at each one; classifying the phrase (date, year, count ...) and finding its
unit, who, where and troop-level cue stay in :mod:`helpers.numbers`.

- :func:`parse_digits` reads an ASCII digit run with separators (the three-digit-group rule).
- :func:`tokenise` cuts one sentence of the normalised text into letter runs, digit runs (with
  their separators) and single punctuation marks, keeping offsets.
- :class:`NumberGrammar` reads a number phrase at a token: digits, digit + scale (3.5 ألف),
  word compounds (خمسة وعشرون, ألفان وخمسمائة, خمس مئة, مليون ونصف المليون), teens, duals and
  construct forms, ordinals, vague quantities (عشرات الآلاف), all with clitics (و ب ل ال).

Example:
    >>> from helpers.numbers.lexicon import load_number_lexicon
    >>> norm = "وصل الفان وخمسمائه جندي"  # already normalised (helpers.text.normalize_for_matching)
    >>> sentence = tokenise(norm, 0, len(norm))
    >>> parsed = NumberGrammar(load_number_lexicon(), sentence, set(), norm).number(1)
    >>> (parsed.value, sentence.tokens[parsed.end])
    (2500.0, 'جندي')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from helpers.arabic.clitics import strip_clitics
from helpers.arabic.tokens import TOKEN
from helpers.numbers.lexicon import NumberLexicon, NumberWord

__all__ = [
    "HYPHENS",
    "NumberGrammar",
    "ParsedNumber",
    "Sentence",
    "as_int",
    "parse_digits",
    "plausible_date",
    "tokenise",
    "vague_bounds",
]

#: Range dashes (20- 40 ألف).
HYPHENS = frozenset({"-", "–", "—"})


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


def vague_bounds(base: float) -> tuple[float, float]:
    """The range a vague quantity word stands for: its lower bound (the ``value`` column) and upper bound.

    A plural of a power of ten means at least one of it and less than the next power
    (عشرات: 10 to 99, مئات: 100 to 999, آلاف / ألوف: 1000 to 9999); بضع / بضعة mean 3 to 9.
    A following multiple scales both ends (عشرات الآلاف: 10000 to 99000; بضع مئات: 300 to 900).

    Example:
        >>> vague_bounds(10), vague_bounds(3), vague_bounds(1000)
        ((10.0, 99.0), (3.0, 9.0), (1000.0, 9999.0))
    """
    if base < 10:
        return float(base), 9.0
    return float(base), float(base * 10 - 1)


def as_int(value: float | None) -> int | None:
    """A parsed value as the integer the tables report (half up), ``None`` for no value.

    Example:
        >>> as_int(2499.5), as_int(None)
        (2500, None)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(math.floor(value + 0.5))


# --------------------------------------------------------------------------------------------
# Tokens of one sentence


@dataclass
class Sentence:
    """The tokens of one sentence of the normalised text, with their offsets in that text."""

    tokens: list[str]
    starts: list[int]
    ends: list[int]
    start: int
    end: int


_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


def tokenise(norm: str, start: int, end: int) -> Sentence:
    """The tokens of ``norm[start:end]`` (the shared tokeniser's pattern,
    :data:`helpers.arabic.tokens.TOKEN`, as :class:`helpers.arabic.tokens.Tokens` cuts them),
    offsets into ``norm``. The three lists are read off the matches with ``map`` (a hot loop).

    Example:
        >>> tokenise("نشر 2,500 جندي.", 0, 15).tokens
        ['نشر', '2,500', 'جندي', '.']
        >>> from helpers.arabic.tokens import Tokens
        >>> t = Tokens("نشر 2,500 جندي.", 4, 15); s = tokenise("نشر 2,500 جندي.", 4, 15)
        >>> (s.tokens, s.starts, s.ends) == (t.words, t.starts, t.ends)
        True
    """
    found = list(TOKEN.finditer(norm, start, end))
    return Sentence(list(map(_GROUP, found)), list(map(_START, found)), list(map(_END, found)), start, end)


@dataclass
class ParsedNumber:
    """A number phrase read by :class:`NumberGrammar`: its value and the token after it."""

    value: float | None
    end: int                 # token index after the phrase
    vague: bool = False
    ordinal: bool = False
    digits: bool = False
    scale: float | None = None
    article: bool = False    # the first token carried ال (الثلاثة, الـ24)
    high: float | None = None  # the upper bound of a vague quantity (see :func:`vague_bounds`)


class NumberGrammar:
    """The number grammar over the tokens of one sentence (see the module docstring)."""

    def __init__(self, lex: NumberLexicon, sent: Sentence, decimal_marks: set[int], norm: str) -> None:
        self.lex = lex
        self.norm = norm
        self.s = sent
        self.t = sent.tokens
        self.decimal_marks = decimal_marks

    # -- lookups ----------------------------------------------------------------------------
    def word(self, i: int, first: bool = True) -> tuple[NumberWord, str] | None:
        if not 0 <= i < len(self.t):
            return None
        for prefix, stem in strip_clitics(self.t[i]):
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
        for _prefix, stem in strip_clitics(self.t[i]):
            noun = self.lex.units.get(stem)
            if noun is not None:
                return noun
        return None

    def weekday(self, i: int) -> bool:
        token = self.t[i]
        for prefix, stem in strip_clitics(token):
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
                for prefix, stem in strip_clitics(self.t[i]):
                    if prefix and (stem,) in self.lex.months:
                        return self.lex.months[(stem,)], i + 1
        return None

    # -- number phrases ---------------------------------------------------------------------
    def number(self, i: int, *, first: bool = True, no_conjunction: bool = False) -> ParsedNumber | None:
        if self.is_digits(i):
            value = self.digit_value(i)
            j = i + 1
            parsed = ParsedNumber(value, j, digits=True, article=self.tok(i - 1) == "ال")
            scaled = self.word(j, first=False)
            if scaled and scaled[1] == "" and scaled[0].type in ("scale", "scale_dual", "scale_plural"):
                base = scaled[0].value / 2 if scaled[0].type == "scale_dual" else scaled[0].value
                parsed.value, parsed.end, parsed.scale = value * base, j + 1, base
                self._fraction_after_scale(parsed, base)
                if not no_conjunction and parsed.end == j + 1:
                    self._smaller_part_after_scale(parsed, base)  # 5 آلاف وخمسمائة, 5 آلاف و500
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
            multiple = 1.0
            if self._scale_plural(j) or entry.value < 10 and self._vague_multiple(j):  # عشرات الآلاف, بضع مئات
                found_multiple = self.word(j, first=False)
                multiple = found_multiple[0].value if found_multiple else 1.0
                j += 1
            low, high = vague_bounds(entry.value)
            return ParsedNumber(low * multiple, j, vague=True, article=article, high=high * multiple)
        if entry.type == "ordinal":
            return self._ordinal(i, entry)
        if entry.type == "teen_unit":
            nxt = self.word(i + 1, first=False)
            if nxt and nxt[1] == "" and nxt[0].value == 10:
                return ParsedNumber(10 + entry.value, i + 2, article=article)
            return None
        if entry.type == "fraction":
            nxt = self.word(i + 1, first=False)
            if nxt and nxt[0].type in ("scale", "scale_dual") and nxt[1] in ("", "ال"):
                base = nxt[0].value / 2 if nxt[0].type == "scale_dual" else nxt[0].value
                return ParsedNumber(entry.value * base, i + 2, scale=base, article=article)
            return None
        return self._cardinal(i, no_conjunction, article)

    def _vague_multiple(self, j: int) -> bool:
        w = self.word(j, first=False)
        return bool(w and w[1] == "" and w[0].type in ("vague", "scale_plural") and w[0].value >= 10)

    def _scale_plural(self, j: int) -> bool:
        w = self.word(j, first=False)
        return bool(w and w[0].type == "scale_plural")

    def _fraction_after_scale(self, parsed: ParsedNumber, base: float) -> None:
        j = parsed.end
        conj = self._conjoined(j)
        if conj is None:
            return
        w, k = conj
        if w[0].type == "fraction":
            parsed.value = (parsed.value or 0) + w[0].value * base
            parsed.end = k + 1
            if self._same_scale(k + 1, base):
                parsed.end = k + 2  # مليون ونصف المليون

    def _same_scale(self, j: int, base: float) -> bool:
        """Token ``j`` repeats the scale after a fraction: مليون ونصف (ال)مليون."""
        again = self.word(j, first=False)
        return bool(again and again[1] in ("", "ال") and again[0].type in ("scale", "scale_dual")
                    and (again[0].value / 2 if again[0].type == "scale_dual" else again[0].value) == base)

    def _conjoined_digits(self, j: int, scale: float) -> tuple[float, int] | None:
        """Digits joined by و after a scale word and smaller than it: خمسة آلاف و500 -> (500, index after).

        The digits may carry a smaller scale (مليون و200 ألف); not the same scale (بين 3 آلاف و4
        آلاف is a range, read by the caller).
        """
        if self.tok(j) != "و" or not self.is_digits(j + 1):
            return None
        value = self.digit_value(j + 1)
        end = j + 2
        following = self.word(end, first=False)
        if following and following[1] == "" and following[0].type in ("scale", "scale_dual", "scale_plural"):
            base = following[0].value / 2 if following[0].type == "scale_dual" else following[0].value
            if base >= scale:
                return None  # بين 3 آلاف و4 آلاف: the high end of a range
            value, end = value * base, end + 1  # مليون و200 ألف
        if not (0 < value < scale and float(value).is_integer()):
            return None
        return value, end

    def _smaller_part_after_scale(self, parsed: ParsedNumber, base: float) -> None:
        """Digit + scale continued by و and a smaller number in digits or words (5 آلاف وخمسمائة)."""
        digits = self._conjoined_digits(parsed.end, base)
        if digits is not None:
            parsed.value, parsed.end = (parsed.value or 0) + digits[0], digits[1]
            return
        conj = self._conjoined(parsed.end)
        if conj is None or conj[0][0].type not in ("unit", "ten", "hundred"):
            return
        part = self._cardinal(conj[1], False, False)
        if part is not None and part.value is not None and part.value < base and part.scale is None:
            parsed.value, parsed.end = (parsed.value or 0) + part.value, part.end

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

    def _cardinal(self, i: int, no_conjunction: bool, article: bool) -> ParsedNumber | None:
        total = 0.0
        current = 0.0
        last = None            # type of the last element read
        last_scale = None
        j = i
        first_word = self.word(i)
        if first_word is None:
            return None
        entry = first_word[0]
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
                if self._same_scale(j, last_scale):
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
            if last == "scale" and last_scale:
                digits = self._conjoined_digits(j, last_scale)
                if digits is not None:  # خمسة آلاف و500, عشرة آلاف و٢٠٠
                    current += digits[0]
                    j = digits[1]
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
        return ParsedNumber(value, j, scale=last_scale, article=article)

    def _ordinal(self, i: int, entry: NumberWord) -> ParsedNumber | None:
        value = entry.value
        j = i + 1
        nxt = self.word(j, first=False)
        if nxt and nxt[1] in ("",) and nxt[0].value == 10 and nxt[0].type == "ten":
            return ParsedNumber(10 + value, j + 1, ordinal=True)     # الحادي عشر, الثاني عشر
        conj = self._conjoined(j)
        if conj and conj[0][0].type == "ten" and conj[0][0].value >= 20:
            return ParsedNumber(value + conj[0][0].value, conj[1] + 1, ordinal=True)  # الحادي والعشرين
        return ParsedNumber(value, j, ordinal=True)

    # -- token-level tests used by the classifier ------------------------------------------
    def stem_of(self, i: int) -> str:
        """Token ``i`` without a one-letter proclitic when that makes it a cue word (وعام -> عام)."""
        token = self.tok(i)
        for prefix in ("و", "ف", "ب", "ل"):
            if token.startswith(prefix) and token[len(prefix):] in self.lex.cue_of:
                return token[len(prefix):]
        return token

    def phrase_at(self, i: int, category: str) -> int | None:
        for length in (2, 1):
            phrase = " ".join(self.t[i:i + length])
            if len(self.t[i:i + length]) == length and self.lex.cue_of.get(phrase) == category:
                return i + length
        return None

    def nisba_at(self, i: int) -> str | None:
        for prefix, stem in strip_clitics(self.tok(i)):
            if prefix in ("", "ال") and stem in self.lex.actor_nisba:
                return self.lex.actor_nisba[stem]
        return None

    def next_number_start(self, j: int) -> int:
        """Where the next candidate number of the sentence starts (or the sentence end)."""
        if j >= len(self.t):
            return self.s.end
        m = self.lex.candidates.search(self.norm, self.s.starts[j], self.s.end)
        return m.start() if m else self.s.end

    def numeric_date_end(self, i: int) -> int | None:
        token = self.t[i]
        parts = token.split(".")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            if plausible_date([int(p) for p in parts], [len(p) for p in parts]):
                return i + 1
        sep = self.tok(i + 1)
        if sep in ("-", "/", "–") and self.is_digits(i + 2) and self.tok(i + 3) == sep and self.is_digits(i + 4):
            parts = [self.tok(i), self.tok(i + 2), self.tok(i + 4)]
            if all(p.isdigit() for p in parts) and plausible_date([int(p) for p in parts], [len(p) for p in parts]):
                return i + 5
        return None

    def clitic_length(self, i: int) -> int:
        """Letters of a proclitic (و ف ب ل ك, not the article) to leave out of the surface: وخمسة -> خمسة."""
        token = self.tok(i)
        lex = self.lex
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


def plausible_date(values: list[int], lengths: list[int]) -> bool:
    """Whether three numbers (values and digit counts) read as a day-month-year or year-month-day.

    Example:
        >>> plausible_date([25, 2, 2008], [2, 1, 4]), plausible_date([2024, 1, 25], [4, 2, 2]), plausible_date([3, 40, 12], [1, 2, 2])
        (True, True, False)
    """
    if lengths[2] in (2, 4) and lengths[0] <= 2:
        day, month = values[0], values[1]
        return 1 <= day <= 31 and 1 <= month <= 12 or 1 <= month <= 31 and 1 <= day <= 12
    if lengths[0] == 4:
        return 1 <= values[1] <= 12 and 1 <= values[2] <= 31
    return False
