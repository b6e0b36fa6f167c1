"""Numeric mentions in Arabic news text: value, unit, who, where, and US troop-level claims.

A quantity is a value, a unit and a surface span (the quantulum3 idea), read with a small
grammar instead of summing every number word in a sentence (which turns "5,000 troops in three
bases" into 5003):

1. **Normalise and find candidates.** The clean text is folded with
   :func:`helpers.text.normalize_with_offsets` (alef variants, ى, ة, diacritics, three digit
   systems; its map gives every mention's offsets in the clean text); one compiled pattern
   finds digit runs, number words (with clitics و ب ل ال ...) and dual nouns (جنديين,
   هجومين). Only the sentences around candidates are tokenised.
2. **Parse the number phrase** at each candidate (:mod:`helpers.numbers_grammar`): digits with
   separators (2,500 / 2.500 = 2500 by the three-digit-group rule; 3.5; ٢٫٥ is always a
   decimal), digit + scale (2 مليون, 5 آلاف), word compounds read structurally (خمسة وعشرون;
   ألفان وخمسمائة; خمس مئة; مئتا; ألفا/ألفي as dual construct, or as accusative after a
   multiplier: خمسين ألفًا = 50000; مليون ونصف المليون = 1500000), teens (ثلاثة عشر), vague
   quantities (عشرات, مئات, آلاف, عشرات الآلاف -> value empty, qualifier ``vague``), ranges (بين
   3000 و4000, 20- 40 ألف, من 3 إلى 5), a dual noun alone (هجومين = 2) or noun + number
   adjective (إرهابيين اثنين).
3. **Classify the kind**: date (day + month name incl. Levantine/Iraqi and Maghrebi months,
   فبراير/شباط, ordinal days الحادي والعشرين من كانون الثاني, numeric 25-2-2008), year
   (عام 2014, عام2007, or a bare 4-digit 1900-2100 without a counted noun), time, duration
   (a number of hours/days/months...; الساعات الـ24 الماضية; الأشهر الثلاثة الماضية), percent,
   money, ordinal (also a definite number after a definite noun it does not count: الذكرى
   العشرين), other (group names such as (5+1), designations such as القرار 2334, models
   written with Latin letters F-16 / MQ-9, telephone numbers) and count. Weekday names
   (الاثنين, الأحد ...) are never numbers.
4. **Unit, qualifier, who, where** from the CSV lexicons (see :mod:`helpers.numbers_lexicon`),
   read in the number's clause (:mod:`helpers.numbers_context`).
   Two places joined by و give both, in alphabetical order (في العراق وسوريا -> ``"iraq+syria"``),
   so a combined figure is never compared with the figure of one of them.
   A number coordinated with a previous one (نحو 2500 جندي أميركي في العراق و900 جندي في
   سوريا) inherits the missing who/unit/qualifier from it.
   A name after a word of affiliation (الفصائل الموالية لإيران, المدعومة من, التابعة ل,
   المقربة من, حلفاء; ``number_affiliations.csv``) is an allegiance, never ``where``: a place
   is where the number is located or happens (في / إلى / من / داخل / ب + a place name).
5. **US troop level** (:func:`is_us_troop_level_claim` documents the rule): a count of US or
   US-led-coalition forces with a place or a presence/total cue, that is not a flow
   (sent/deployed/additional/pulled out), a casualty or arrest figure, or a subset. A count
   with آخرين / آخرون / أخرى ("others") joined to the previous count by و / أو / comma takes
   that count's decision unless it has a cue of its own (ستحتفظ الولايات المتحدة بنحو 2500
   جندي في العراق وحوالي 900 آخرين في سوريا: two levels); alone it means "more" (a flow).

Example:
    >>> df = extract_numbers("ويوجد حالياً نحو 2500 جندي أميركي في العراق و900 جندي في سوريا.")
    >>> df[["surface", "value", "qualifier", "unit", "who", "where", "is_us_troop_level"]].values.tolist()
    [['نحو 2500 جندي', 2500, 'approx', 'troops', 'us', 'iraq', True], ['900 جندي', 900, 'approx', 'troops', 'us', 'syria', True]]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from helpers.numbers_context import (
    CLAUSE_BREAK,
    NEXT_CONJUNCT,
    PHRASE_END,
    clause_end,
    clause_start,
    cue_before,
    force_noun_before,
    last_place,
    place_pair,
    who_before,
    without_affiliations,
)
from helpers.numbers_grammar import (
    HYPHENS,
    NumberGrammar,
    ParsedNumber,
    as_int,
    parse_digits,
    tokenise,
)
from helpers.numbers_lexicon import load_number_lexicon
from helpers.text import normalize_with_offsets, sentence_containing, split_sentences

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
KINDS = ("count", "date", "year", "time", "duration", "ordinal", "percent", "money", "other")

_SENTENCE_BREAK = re.compile(r"[.؛;!?؟\n]")
_FORCE_UNITS = {"troops", "personnel", "advisers", "trainers", "officers", "armies", "forces"}
_LEVEL_WHO = {"us", "coalition"}
#: Words that place a month relative to now (الشهر الجاري, الشهر الماضي), normalised.
_MONTH_DEICTICS = frozenset({"الجاري", "الحالي", "الماضي", "المقبل", "القادم", "المنصرم"})
#: A year named inside a change "from N (in YEAR) to M".
_YEAR_IN_CHANGE = re.compile(r"(?<!\w)(?:(?:في\s+)?(?:عام|العام|سنه)\s*)?[12][0-9]{3}(?!\w)")
#: A و right before a mention (its qualifier carries it: وحوالي 900).
_AND_BEFORE = re.compile(r"(?<!\w)و\s*$")
#: The end of the text between two counts when the second is coordinated with the first: و, أو, a
#: comma, or an additive connective (إضافة إلى, فضلا عن, علاوة على, إلى جانب), normalised.
_JOINED = re.compile(r"(?:(?<!\w)(?:و|او|[وب]?(?:ال)?اضافه\s+الي|و?فضلا\s+عن|و?علاوه\s+علي|و?الي\s+جانب)|[،,])\s*$")
_CASUALTIES = ("killed", "wounded", "arrested")
_CASUALTY_AFTER = {"killed_after": "killed", "wounded_after": "wounded", "arrested_after": "arrested"}


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
    sentence_index: int = field(default=0, repr=False)  # the sentence's start in the normalised text
    unit_category: str | None = field(default=None, repr=False)
    cue: str | None = field(default=None, repr=False)
    target: bool = field(default=False, repr=False)
    coordinated: bool = field(default=False, repr=False)
    others: bool = field(default=False, repr=False)  # آخرين / آخرون / أخرى right after the count
    level_of: NumberMention | None = field(default=None, repr=False)  # takes this count's level decision
    qualifier_before: bool = field(default=False, repr=False)


# --------------------------------------------------------------------------------------------
# The extractor


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
    omap = normalize_with_offsets(text)
    norm = omap.text
    candidates = list(lex.candidates.finditer(norm))
    if not candidates:
        return []
    decimal_marks = set()
    if "\u066b" in text:  # ٫ Arabic decimal separator: "." in the normalised text is a decimal
        for m in re.finditer(r"[0-9]+(?:[.,][0-9]+)+", norm):
            s, e = omap.to_source(m.start(), m.end())
            if "\u066b" in text[s:e]:
                decimal_marks.add(m.start())
    sentences = _SentencesOfLines(norm)
    grammars: dict[int, NumberGrammar] = {}
    mentions: list[NumberMention] = []
    consumed_until = -1
    for cand in candidates:
        if cand.start() < consumed_until:
            continue
        s0, s1 = sentences.containing(cand.start())
        if s0 not in grammars:
            grammars[s0] = NumberGrammar(lex, tokenise(norm, s0, s1), decimal_marks, norm)
        g = grammars[s0]
        i = bisect.bisect_right(g.s.starts, cand.start()) - 1
        if i < 0 or g.s.ends[i] <= cand.start():
            continue
        mention = _read_at(g, i, norm, s0, mentions)
        if mention is None:
            continue
        if mention.n_start < consumed_until:  # a noun read before the number belongs to the previous mention
            if cand.start() < consumed_until:
                continue
            mention.n_start = cand.start()
        consumed_until = max(consumed_until, mention.n_end)
        mentions.append(mention)
    _coordinate(mentions, norm)
    for m in mentions:
        m.is_us_troop_level = is_us_troop_level_claim(m)
        s, e = omap.to_source(m.n_start, m.n_end)
        m.start, m.end, m.surface = s, e, text[s:e]
        ss, se = omap.to_source(m.sentence_index, grammars[m.sentence_index].s.end)
        m.sentence = text[ss:se]
    return mentions


class _SentencesOfLines:
    """The sentence spans (:func:`helpers.text.split_sentences`) of a text, split line by line
    on demand: sentences never cross a line break, and only the lines that hold a candidate
    number need splitting."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.lines: dict[int, list[tuple[int, int]]] = {}

    def containing(self, position: int) -> tuple[int, int]:
        """The span of the sentence holding ``position`` (as :func:`helpers.text.sentence_containing`)."""
        line_start = self.norm.rfind("\n", 0, position) + 1
        found = self.lines.get(line_start)
        if found is None:
            line_end = self.norm.find("\n", position)
            line_end = len(self.norm) if line_end < 0 else line_end
            spans = [(line_start + a, line_start + b) for a, b in split_sentences(self.norm[line_start:line_end])]
            found = self.lines[line_start] = spans or [(position, line_end)]
        return found[sentence_containing(found, position)]


def _read_at(g: NumberGrammar, i: int, norm: str, sentence_index: int,
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
        # telephone numbers: +964 770 123 4567, 07901234567
        if g.tok(i - 1) == "+" or (tok.isdigit() and tok.startswith("0") and len(tok) >= 3):
            j = i + 1
            while g.is_digits(j) or (g.tok(j) == "-" and g.is_digits(j + 1)):
                j += 1
            return _make(g, "other", i - 1 if g.tok(i - 1) == "+" else i, j, None, None, sentence_index)
        # model designations written in Latin letters: F-16, MQ-9, C-130, F16
        latin = i - 2 if g.tok(i - 1) in HYPHENS else i - 1
        if g.tok(latin).isascii() and g.tok(latin).isalpha():
            return _make(g, "other", latin, i + 1, g.digit_value(i), None, sentence_index)
        # the percent sign typed before the number in right-to-left text: %40
        if g.tok(i - 1) in ("%", "٪") and not g.is_digits(i - 2):
            return _make(g, "percent", i - 1, i + 1, g.digit_value(i), None, sentence_index)
        # 10:30 a time
        if g.tok(i + 1) == ":" and g.is_digits(i + 2) and len(g.tok(i + 2)) == 2:
            return _make(g, "time", i, i + 3, g.digit_value(i), None, sentence_index)
        # 25-2-2008, 25/2/2008, 2008-02-25, 25.2.2008
        date_end = g.numeric_date_end(i)
        if date_end:
            return _make(g, "date", i, date_end, g.digit_value(i) if len(tok) <= 2 else None, None,
                         sentence_index, value_from_tok=True)
    dual = None
    if not g.is_digits(i) and g.word(i) is None:
        dual = g.noun(i)
        if dual is None or dual.grammatical_number != "dual":
            return None
        parsed = ParsedNumber(2.0, i + 1)
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
    high: ParsedNumber | None = None
    if not parsed.vague and not parsed.ordinal and dual is None:
        between = g.tok(i - 1) in ("بين", "مابين")
        if g.tok(end_tok) in HYPHENS and (g.is_digits(end_tok + 1) or g.word(end_tok + 1)):
            high = g.number(end_tok + 1)
        elif between and g.tok(end_tok) in ("و", "الي", "حتي"):  # بين 3000 و4000, ما بين 2000 إلى 2500
            high = g.number(end_tok + 1, first=False)
        elif between and g.word(end_tok, first=False) and g.word(end_tok, first=False)[1] == "و":
            high = g.number(end_tok, first=False, no_conjunction=True)
        elif g.tok(i - 1) == "من" and g.tok(end_tok) in ("الي", "حتي") and cue_before(
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
        if g.tok(end_tok) == "من" and g.tok(end_tok + 1) in ("الشهر", "هذا") and not parsed.ordinal:
            # الـ25 من الشهر الجاري / 12 من هذا الشهر: a day of the month, not a duration
            j = end_tok + 2 + (g.tok(end_tok + 1) == "هذا" and g.tok(end_tok + 2) == "الشهر")
            if g.tok(j) in _MONTH_DEICTICS:
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
        prev = g.stem_of(start_tok - 1)
        if g.month_at(start_tok - 1) or (start_tok >= 2 and g.month_at(start_tok - 2)
                                         and g.month_at(start_tok - 2)[1] == start_tok):
            return _make(g, "date", start_tok, end_tok, value, value_high, sentence_index)
        plain_year = tok0.isdigit() and len(tok0) == 4 and 1900 <= int(tok0) <= 2100
        hijri = tok0.isdigit() and len(tok0) == 4 and 1300 <= int(tok0) <= 1500 and g.tok(end_tok) == "ه"
        year_cue = lex.cue_of.get(prev) == "year" or lex.cue_of.get(t[start_tok - 1] if start_tok else "") == "year"
        qualified = lex.qualifiers_before.search(norm, max(g.s.start, g.s.starts[start_tok] - 40),
                                                 g.s.starts[start_tok]) is not None
        if (plain_year or hijri) and (year_cue or g.noun(end_tok) is None and g.tok(end_tok) != "من"
                                      and not g.nisba_at(end_tok) and not qualified
                                      and lex.cue_of.get(g.tok(end_tok)) != "others_after"):  # و2000 آخرين
            end = end_tok + 1 if g.tok(end_tok) in ("م", "ه") else end_tok
            return _make(g, "year", start_tok, end, value, value_high, sentence_index)
        if year_cue and tok0.isdigit() and len(tok0) == 4:
            return _make(g, "year", start_tok, end_tok, value, value_high, sentence_index)
        if lex.cue_of.get(prev) == "time" and value is not None and value <= 24:
            return _make(g, "time", start_tok - 1, end_tok, value, None, sentence_index)
    if lex.cue_of.get(g.stem_of(end_tok)) == "time_after" and value is not None and value <= 24:
        return _make(g, "time", start_tok, end_tok + 1, value, None, sentence_index)
    # percent
    if g.tok(end_tok) in ("%", "٪"):
        return _make(g, "percent", start_tok, end_tok + 1, value, value_high, sentence_index,
                     qualify=True, norm=norm)
    pct = g.phrase_at(end_tok, "percent_after")
    if pct:
        return _make(g, "percent", start_tok, pct, value, value_high, sentence_index, qualify=True, norm=norm)
    # money marked by a symbol
    if g.tok(start_tok - 1) == "$" or g.tok(end_tok) == "$":
        return _make(g, "money", start_tok, end_tok, value, value_high, sentence_index, qualify=True, norm=norm)
    # designations: القرار 2334, مجموعة العشرين, إف 16, الفرقة 82
    label_index = start_tok - 1
    while g.tok(label_index) in ("(", "-", "ال", "«", "\""):
        label_index -= 1
    if lex.cue_of.get(g.tok(label_index)) == "label" or lex.cue_of.get(g.stem_of(label_index)) == "label":
        return _make(g, "other", start_tok, end_tok, value, value_high, sentence_index)

    # ---- the counted noun ----------------------------------------------------------------
    if dual is not None:
        unit_noun = dual
        unit_end = end_tok
    else:
        noun = g.noun(end_tok)
        if noun is not None and noun.category == "duration" and lex.cue_of.get(g.tok(end_tok)) == "year" \
                and g.is_digits(end_tok + 1) and len(g.tok(end_tok + 1)) == 4:
            noun = None  # 170 ألفاً عام 2007: the year cue of the next number, not "170,000 years"
        if noun is not None:
            unit_noun, unit_end = noun, end_tok + 1
        elif g.tok(end_tok) == "من" and g.noun(end_tok + 1) is not None:
            unit_noun, unit_end = g.noun(end_tok + 1), end_tok + 2
        elif g.nisba_at(end_tok):
            who = g.nisba_at(end_tok)
            unit_end = end_tok + 1
        elif g.tok(end_tok) == "من" and g.nisba_at(end_tok + 1):
            who = g.nisba_at(end_tok + 1)
            unit_end = end_tok + 2
        # noun + number adjective: إرهابيين اثنين, الأشهر الثلاثة, الساعات الـ24
        if unit_noun is None and who is None:
            before = start_tok - 1 if not (parsed.digits and g.tok(start_tok - 1) == "ال") else start_tok - 2
            prev_noun = g.noun(before)
            nisba_before = g.nisba_at(before) if prev_noun is None else None
            if nisba_before is not None and g.noun(before - 1) is not None:
                prev_noun = g.noun(before - 1)  # الجنود الأمريكيون الـ2500
            small = value is not None and value <= 10
            ten = value is not None and not parsed.digits and 20 <= value <= 90 and value % 10 == 0
            if prev_noun is not None and prev_noun.grammatical_number != "singular" and (
                    (parsed.article and (small or parsed.digits or ten)) or (not parsed.digits and value in (1, 2))):
                unit_noun = prev_noun
                noun_before = True
                if nisba_before is not None:
                    who, before = nisba_before, before - 1
                start_tok = before
            elif prev_noun is None and nisba_before is None and parsed.article and value is not None \
                    and not parsed.vague and g.tok(before).startswith("ال") and g.word(before) is None and (
                        parsed.digits or ten):
                # a definite number after a definite noun that it does not count is an ordinal:
                # الذكرى العشرين, المؤتمر الـ15, الدورة ال30
                return _make(g, "ordinal", start_tok, end_tok, value, None, sentence_index)
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
    next_number = g.next_number_start(unit_end)
    clause_stop = clause_end(norm, after, s.end, next_number)
    if who is None and not noun_before:
        phrase = norm[after:clause_stop]
        cut = PHRASE_END.search(phrase)
        phrase = phrase[:cut.start()] if cut else phrase
        for m in lex.actors.finditer(phrase[:45]):
            who = lex.actor_of.get(m.group("form"))
            break
    if who is None and noun_before:
        for m in lex.actors.finditer(norm[after:clause_stop][:30]):
            who = lex.actor_of.get(m.group("form"))
            break
    clause_from = clause_start(norm, s.start, mention.n_start, floor)
    if who is None and category == "force":
        who = who_before(lex, norm[clause_from:mention.n_start])
    where = None
    ahead = without_affiliations(lex, norm[after:clause_stop])  # الموالين لإيران: not a place
    conjunct = NEXT_CONJUNCT.search(ahead)  # ... في العراق وفي سوريا نحو 900: stop at وفي
    for m in lex.places.finditer(ahead[:conjunct.start()] if conjunct else ahead):
        where = place_pair(lex, ahead, m)
        break
    if where is None:
        where = last_place(lex, without_affiliations(lex, norm[clause_from:mention.n_start]))
    cue, distance = cue_before(lex, norm, mention.n_start, max(s.start, floor if floor > s.start else s.start,
                                                                mention.n_start - 90))
    extra = norm[after:min(clause_stop, after + 30)]
    for m in lex.cues.finditer(extra):
        category_after = lex.cue_of.get(" ".join(m.group("form").split()))
        if category_after == "deploy_after" and cue not in ("killed", "wounded", "arrested"):
            cue = "deploy"  # 450 مستشارا إضافيا / 150 جنديا سيغادرون
        elif category_after == "others_after" and all(w in lex.actor_nisba for w in extra[:m.start()].split()):
            mention.others = True  # 900 (جندي أمريكي) آخرين: decided in _coordinate
        elif category_after in _CASUALTY_AFTER:  # 4400 جندي أمريكي قتلوا منذ 2003
            cue, distance = _CASUALTY_AFTER[category_after], 0
            break
    if cue in ("killed", "wounded", "arrested") and distance <= 40 and category in ("force", "combatant", "person", None):
        mention.unit = cue
    if unit is None and cue in ("total", "presence", "withdrawal", "reduce"):
        # يبلغ عدد القوات الأمريكية في العراق نحو 2500: the counted noun came first
        head = force_noun_before(lex, norm[clause_from:mention.n_start])
        if head is not None:
            mention.unit, mention.unit_category = head.unit, head.category
            if who is None:
                who = who_before(lex, norm[clause_from:mention.n_start])
    mention.who, mention.where, mention.cue = who, where, cue
    # 'إلى N' after a change of size makes N a target level (خفض عدد القوات إلى 3000)
    q_start_tok = bisect.bisect_left(s.starts, mention.n_start)
    mention.target = g.tok(q_start_tok - 1) == "الي" and mention.qualifier != "up_to"
    mention.coordinated = g.tok(i - 1) == "و" or (g.word(i) is not None and g.word(i)[1].startswith("و")) \
        or _AND_BEFORE.search(norm, max(s.start, mention.n_start - 3), mention.n_start) is not None  # وحوالي 900
    return mention


def _make(g: NumberGrammar, kind: str, a: int, b: int, value: float | None, value_high: float | None,
          sentence_index: int, *, qualify: bool = False, norm: str | None = None, vague: bool = False,
          value_from_tok: bool = False) -> NumberMention:
    s = g.s
    n_start, n_end = s.starts[a] + g.clitic_length(a), s.ends[b - 1]
    qualifier = "vague" if vague else ("exact" if value is not None else None)
    before = False
    if qualify and norm is not None and not vague:
        m = g.lex.qualifiers_before.search(norm, max(s.start, n_start - 40), n_start)
        if m:
            qualifier = g.lex.qualifier_of.get(" ".join(m.group("q").split()), qualifier)
            n_start = m.start("q") if m.start("q") >= s.start else n_start
            before = True
        after = g.lex.qualifiers_after.match(norm, n_end, min(s.end, n_end + 30))
        if after is None and g.nisba_at(b):  # 2500 جندي أمريكي على الأقل
            after = g.lex.qualifiers_after.match(norm, s.ends[b], min(s.end, s.ends[b] + 30))
        if after:
            qualifier = g.lex.qualifier_of.get(" ".join(after.group("q").split()), qualifier)
            n_end = after.end("q")
    if value_from_tok:
        value = None
    mention = NumberMention(
        surface="", start=0, end=0, value=as_int(value), value_high=as_int(value_high), kind=kind,
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

    A count followed by آخرين / آخرون / أخرى ("others") and joined to the previous count by و,
    أو, a comma or an additive connective (إضافة إلى, فضلا عن) continues it (2500 جندي في العراق
    وحوالي 900 آخرين في سوريا): with no cue of its own it takes that count's troop-level decision
    (``level_of``) as well as its who / unit / where; its own cue still decides (وأرسلت 900 آخرين is a flow, ويوجد 900 آخرون a level). Not
    joined to a count, "others" means "more": إرسال 500 جندي آخرين is a flow.
    """
    previous_count = None
    for cur in mentions:
        prev = previous_count
        if cur.kind != "count":
            continue
        previous_count = cur
        same = prev is not None and cur.sentence_index == prev.sentence_index
        between = norm[prev.n_end:cur.n_start] if same and prev is not None else ""
        others_joined = cur.others and same and len(between) <= 80 and not _SENTENCE_BREAK.search(between) \
            and _JOINED.search(between) is not None
        if cur.others and not others_joined and cur.cue not in _CASUALTIES:
            cur.cue = "deploy"  # إرسال 500 جندي آخرين: more troops, a flow
        if not same or prev is None:
            continue
        inherit_level = others_joined and cur.cue is None
        if cur.who is None and prev.who is not None and cur.unit_category == "force" \
                and prev.unit_category == "force" and not _SENTENCE_BREAK.search(norm, prev.n_end, cur.n_start):
            # the same force named again without a nationality: أرسلت 3 آلاف جندي أمريكي ليرتفع
            # عدد القوات إلى 5 آلاف
            cur.who = prev.who
        between = norm[prev.n_end:cur.n_start]
        if _YEAR_IN_CHANGE.sub(" ", between).strip() == "الي":
            # a change: خفض عدد القوات من 5200 إلى 3000 جندي; من 170 ألفاً عام 2007 إلى 50 ألفاً
            if prev.unit is None:
                prev.unit, prev.unit_category = cur.unit, cur.unit_category
            elif cur.unit is None:
                cur.unit, cur.unit_category = prev.unit, prev.unit_category
            prev.who = prev.who or cur.who
            cur.who = cur.who or prev.who
            cur.where = cur.where or prev.where
            prev.where = prev.where or cur.where
            cur.cue = cur.cue or prev.cue
            prev.target = cur.target = True  # the figure before and the figure after the change
            continue
        elliptic = cur.unit is None and cur.where is not None and prev.unit is not None and len(between) <= 60 \
            and not _SENTENCE_BREAK.search(between)
        if not elliptic and not others_joined and (
                not cur.coordinated or CLAUSE_BREAK.search(between) or len(between) > 80):
            continue
        if elliptic and not cur.coordinated and cur.qualifier == "exact":
            cur.qualifier_before = True  # keep its own (exact) qualifier below
        if cur.unit is None:
            cur.unit, cur.unit_category = prev.unit, prev.unit_category
        if inherit_level and prev.cue in _CASUALTIES and cur.unit_category in ("force", "combatant", "person"):
            cur.unit = prev.unit  # قتل 3 جنود و5 جنود آخرين: the others were killed too
        if cur.unit != prev.unit:
            continue
        if inherit_level:
            cur.level_of = prev
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
    - flows are not levels: deploy cues (إرسال, نشر, إيفاد, تعزيزات, and إضافي after the
      noun) and reduce cues (سحب, خفض, تقليص, زيادة, بمقدار) -- unless the number is the target
      after إلى (خفض عدد القوات إلى 3000 -> 3000 is a level);
    - a word describing the noun before it (قوامها, البالغ عددها) is a total, unless that noun is
      a deployment or reduction named just before (تعزيزات أمريكية قوامها 3 آلاف جندي: a flow);
    - casualties and arrests (قتل, مقتل, إصابة, اعتقال ..., or after the noun: قتلوا, أصيبوا)
      and subsets (منهم, من بينهم) are not;
    - "others" (آخرين / آخرون / أخرى after the count): joined to the previous count of the
      sentence by و / أو / comma and with no cue of its own, the count takes that count's
      decision (يوجد 2500 جندي أمريكي في العراق و900 آخرون في سوريا: two levels; أرسلت واشنطن
      2500 جندي إلى العراق و900 آخرين إلى الكويت: two flows); its own cue decides otherwise;
      not joined to a count it means "more", a flow (إرسال 500 جندي آخرين).

    Example:
        >>> m = find_number_mentions("أرسلت واشنطن 450 مستشارا أمريكيا إضافيا إلى العراق")[0]
        >>> is_us_troop_level_claim(m)
        False
    """
    if mention.kind != "count" or mention.value is None or mention.qualifier == "vague":
        return False
    if mention.who not in _LEVEL_WHO or mention.unit not in _FORCE_UNITS:
        return False
    if mention.level_of is not None:  # و900 آخرين: as the count it continues
        return is_us_troop_level_claim(mention.level_of)
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


@lru_cache(maxsize=1)
def _text_dtype() -> Any:
    """pandas' default dtype for text (``"str"``: python or pyarrow storage, NaN for missing)."""
    return pd.Series([""], dtype="str").dtype


def _frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    """The table from records: int64 offsets, nullable Int64 values, bool flag, pandas' str for text.

    Built column by column from typed arrays (one DataFrame per article is the common use, so
    the generic constructor plus ``astype`` per text column would dominate the run time).
    """
    data: dict[str, Any] = {}
    for column in columns:
        values = [r[column] for r in records]
        if column in ("start", "end"):
            data[column] = np.array(values, dtype=np.int64)
        elif column in ("value", "value_high"):
            missing = np.array([v is None for v in values], dtype=bool)
            data[column] = pd.arrays.IntegerArray(
                np.array([0 if v is None else v for v in values], dtype=np.int64), missing)
        elif column == "is_us_troop_level":
            data[column] = np.array(values, dtype=bool)
        else:
            data[column] = pd.array(np.array([np.nan if v is None else v for v in values], dtype=object),
                                    dtype=_text_dtype())
    return pd.DataFrame(data, copy=False)  # the dict is in column order (columns= would re-index)


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
