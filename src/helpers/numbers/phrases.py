"""Stages 2-4 of :mod:`helpers.numbers`: the number phrase, its kind and its counted noun.

Each stage is a list of small named rules tried in order; the first that applies decides and
its name goes into the mention's trace (:func:`helpers.numbers.explain_number`).

- :func:`number_phrase` (stage 2): special written forms first (:data:`SPECIAL_FORMS`: group
  names (5+1), telephone numbers, Latin model names F-16, %40, 10:30, 25-2-2008, list markers),
  else the grammar's number phrase with a range after it (:func:`range_after`).
- :func:`kind_of` (stage 3): :data:`KIND_RULES` (day + month, ordinal, year, time, percent,
  money symbol, designation, difference); what none of them claims is a candidate count.
- :func:`counted_noun` (stage 4): the noun the number counts (after it, after من, a nationality
  alone, or a plural noun before a number adjective); its category in ``number_units.csv``
  gives the kind (duration, money, measure, counter) and ``unit_category``.

Example:
    >>> from helpers.numbers import find_number_mentions
    >>> [(m.kind, m.ev.trace[1][1]) for m in find_number_mentions("في 25-2-2008 قتل 3 جنود")]
    [('date', 'numeric_date'), ('count', 'counted_noun')]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from helpers.numbers.context import cue_before
from helpers.numbers.grammar import HYPHENS, NumberGrammar, ParsedNumber
from helpers.numbers.lexicon import CountedNoun
from helpers.numbers.windows import CUE_REACH, QUALIFIER_REACH

__all__ = ["Phrase", "number_phrase", "range_after", "kind_of", "counted_noun", "KIND_RULES",
           "SPECIAL_FORMS", "MONTH_DEICTICS"]

#: Words that place a month relative to now (الشهر الجاري, الشهر الماضي), normalised.
MONTH_DEICTICS = frozenset({"الجاري", "الحالي", "الماضي", "المقبل", "القادم", "المنصرم"})
_TRAILING_TIME = ("الماضيه", "الماضي", "المقبله", "المقبل", "الاخيره", "الاولي", "القادمه")


@dataclass
class Phrase:
    """A number phrase in token indices of its sentence: [start, end), its value(s) and what it is."""

    start: int
    end: int
    value: float | None
    value_high: float | None = None
    parsed: ParsedNumber | None = None
    dual: CountedNoun | None = None
    kind: str | None = None          # set once a rule has decided
    rule: str = ""                   # the name of that rule
    why: str = ""
    vague: bool = False
    keep_value: bool = True          # False: the value column stays empty (numeric dates)
    noun: CountedNoun | None = None  # stage 4
    unit_end: int = 0
    who: str | None = None           # a nationality standing for the noun (3 أمريكيين)
    noun_before: bool = False

    def decide(self, kind: str, rule: str, why: str, start: int | None = None, end: int | None = None) -> Phrase:
        self.kind, self.rule, self.why = kind, rule, why
        if start is not None:
            self.start = start
        if end is not None:
            self.end = end
        return self


# --------------------------------------------------------------------------------------------
# Stage 2: special written forms, then the number phrase

def group_name(g: NumberGrammar, i: int) -> Phrase | None:
    """Digits joined by + name a group: ``(5+1)`` is not a count."""
    if g.tok(i + 1) == "+" and g.is_digits(i + 2):
        return Phrase(i, i + 3, None).decide("other", "group_name", "digits joined by + name a group (5+1)")
    return None


def telephone(g: NumberGrammar, i: int) -> Phrase | None:
    """+964 770 123 4567 or 07901234567 (a leading 0 and 3+ digits) is a telephone number."""
    tok = g.tok(i)
    if g.tok(i - 1) == "+" or (tok.isdigit() and tok.startswith("0") and len(tok) >= 3):
        j = i + 1
        while g.is_digits(j) or (g.tok(j) == "-" and g.is_digits(j + 1)):
            j += 1
        start = i - 1 if g.tok(i - 1) == "+" else i
        return Phrase(start, j, None).decide("other", "telephone", "a leading + or 0 marks a telephone number")
    return None


def latin_model(g: NumberGrammar, i: int) -> Phrase | None:
    """A model written with Latin letters (F-16, MQ-9, C-130) is a designation."""
    latin = i - 2 if g.tok(i - 1) in HYPHENS else i - 1
    if g.tok(latin).isascii() and g.tok(latin).isalpha():
        return Phrase(latin, i + 1, g.digit_value(i)).decide("other", "latin_model", "Latin letters before: a model name")
    return None


def percent_sign_before(g: NumberGrammar, i: int) -> Phrase | None:
    """The percent sign typed before the number in right-to-left text: %40."""
    if g.tok(i - 1) in ("%", "٪") and not g.is_digits(i - 2):
        return Phrase(i - 1, i + 1, g.digit_value(i)).decide("percent", "percent_sign_before", "% before the digits")
    return None


def clock_time(g: NumberGrammar, i: int) -> Phrase | None:
    """10:30 is a time of day."""
    if g.tok(i + 1) == ":" and g.is_digits(i + 2) and len(g.tok(i + 2)) == 2:
        return Phrase(i, i + 3, g.digit_value(i)).decide("time", "clock_time", "hours:minutes")
    return None


def numeric_date(g: NumberGrammar, i: int) -> Phrase | None:
    """25-2-2008, 25/2/2008, 2008-02-25, 25.2.2008 are dates; so is a zero-padded pair 01-18."""
    end = g.numeric_date_end(i)
    if end:
        return Phrase(i, end, None, keep_value=False).decide("date", "numeric_date", "day, month and year in digits")
    tok = g.tok(i)
    year = g.tok(i + 2)
    if g.tok(i + 1) in ("-", "/") and len(tok) == 2 and tok.isdigit() and 1 <= int(tok) <= 12 \
            and year.isdigit() and len(year) == 4 and 1900 <= int(year) <= 2100:
        return Phrase(i, i + 3, None, keep_value=False).decide("date", "numeric_date", "month and year in digits (03-2011)")
    if g.tok(i + 1) in ("-", "/") and g.is_digits(i + 2) and len(tok) == 2 == len(g.tok(i + 2)) \
            and (tok.startswith("0") or g.tok(i + 2).startswith("0")) and int(tok) <= 31 and int(g.tok(i + 2)) <= 31:
        return Phrase(i, i + 3, None, keep_value=False).decide(
            "date", "numeric_date", "two zero-padded two-digit numbers (01-18): a day and month, not a range")
    return None


def list_marker(g: NumberGrammar, i: int) -> Phrase | None:
    """A small number opening a line or sentence and followed by - ) . or : numbers a list: ``١- ``, ``(2) ``."""
    tok = g.tok(i)
    if not (tok.isdigit() and len(tok) <= 2):
        return None
    first = i == 0 or (i == 1 and g.tok(0) in ("(", "-", "*", "•"))
    closing = g.tok(i + 1) in ("-", ")", ".", ":", "–") and not g.is_digits(i + 2) and g.word(i + 2) is None
    dash_item = g.tok(i + 1) in ("-", "–") and g.tok(i + 2).isalpha() and g.word(i + 2) is None \
        and g.noun(i + 2) is None and g.s.ends[i] == g.s.starts[i + 1] and not g.is_digits(i - 1)
    if (first and closing) or dash_item:
        return Phrase(i, i + 1, None, keep_value=False).decide(
            "other", "list_marker", "a small number opening the line, then - or ): a list marker")
    return None


#: Stage 2 rules for written forms that are never quantities, tried in order on digits.
SPECIAL_FORMS: list[Callable[[NumberGrammar, int], Phrase | None]] = [
    list_marker, group_name, telephone, latin_model, percent_sign_before, clock_time, numeric_date,
]


def range_after(g: NumberGrammar, i: int, parsed: ParsedNumber, phrase: Phrase) -> None:
    """Extend ``phrase`` over the second end of a range, if one follows.

    بين 3000 و4000, ما بين 10 آلاف و15 ألف (ألف scopes over both ends), 20- 40 ألف, من 3 إلى 5
    (unless a change of size: خفض ... من 5200 إلى 3000), N أو M. A second end not above the first
    is no range (تراجع من 5200 إلى 2500): the two numbers are read apart.
    """
    end_tok = parsed.end
    between = g.tok(i - 1) in ("بين", "مابين")
    high: ParsedNumber | None = None
    if g.tok(end_tok) in HYPHENS and (g.is_digits(end_tok + 1) or g.word(end_tok + 1)):
        high = g.number(end_tok + 1)
    elif between and g.tok(end_tok) in ("و", "الي", "حتي"):
        high = g.number(end_tok + 1, first=False)
    elif between and g.word(end_tok, first=False) and g.word(end_tok, first=False)[1] == "و":  # type: ignore[index]
        high = g.number(end_tok, first=False, no_conjunction=True)
    elif (g.tok(i - 1) == "من" and g.tok(end_tok) in ("الي", "حتي") and cue_before(
            g.lex, g.norm, g.s.starts[i], max(g.s.start, g.s.starts[i] - CUE_REACH))[0] not in ("reduce", "change")) \
            or (g.tok(end_tok) == "او" and (g.is_digits(end_tok + 1) or g.word(end_tok + 1))):
        high = g.number(end_tok + 1)  # من 3 إلى 5 (not a change of size); N أو M
    if high is None or high.vague or high.ordinal or high.value is None:
        return
    value = phrase.value
    if high.scale and not parsed.scale and value is not None and value < high.scale:
        value = value * high.scale  # 20- 40 ألف, بين 3 و4 آلاف: the scale covers both ends
    if value is None or high.value <= value:
        return
    start = phrase.start
    if between or g.tok(i - 1) == "من":
        start = i - 1
        if g.tok(i - 2) == "ما" and g.tok(i - 1) == "بين":
            start = i - 2
    phrase.start, phrase.end, phrase.value, phrase.value_high = start, high.end, value, high.value


def number_phrase(g: NumberGrammar, i: int) -> Phrase | None:
    """Stage 2: the number phrase starting at token ``i`` (or ``None``: not a number here).

    Weekday names (الاثنين) and month names (كانون الثاني) are never numbers; a dual noun alone
    (هجومين) is 2; a vague quantity keeps its bounds (:func:`helpers.numbers.grammar.vague_bounds`).
    """
    lex = g.lex
    if g.weekday(i) or (i > 0 and (g.t[i - 1], g.t[i]) in lex.months):
        return None
    if g.is_digits(i):
        for rule in SPECIAL_FORMS:
            special = rule(g, i)
            if special is not None:
                return special
    if not g.is_digits(i) and g.word(i) is None:
        dual = g.noun(i)
        if dual is None or dual.grammatical_number != "dual":
            return None
        end = i + 1
        nxt = g.word(i + 1, first=False)
        if nxt and nxt[0].value == 2 and nxt[0].type == "unit":
            end = i + 2  # جنديين اثنين
        return Phrase(i, end, 2.0, parsed=ParsedNumber(2.0, end), dual=dual)
    parsed = g.number(i, no_conjunction=g.tok(i - 1) in ("بين", "مابين"))
    if parsed is None:
        return None
    if parsed.digits and not parsed.scale and g.tok(i - 1) == "(" and len(g.tok(i)) <= 3 and g.tok(i).isdigit() \
            and g.tok(i + 1).isdigit() and len(g.tok(i + 1)) == 3 and g.tok(i + 2) == ")":
        # ( 2 500 ): a thousands group split by a stray space inside brackets
        parsed = ParsedNumber(float(g.tok(i) + g.tok(i + 1)), i + 2, digits=True)
    phrase = Phrase(i, parsed.end, parsed.value, parsed.high if parsed.vague else None, parsed=parsed,
                    vague=parsed.vague)
    if not parsed.vague and not parsed.ordinal:
        range_after(g, i, parsed, phrase)
    return phrase


# --------------------------------------------------------------------------------------------
# Stage 3: the kind

def _integer(p: Phrase) -> bool:
    return p.value is not None and float(p.value).is_integer() and not p.vague


def day_and_month(g: NumberGrammar, p: Phrase) -> Phrase | None:
    """A day number before a month name is a date: 4 فبراير, 12 من الشهر الجاري, الخميس 25."""
    if not (_integer(p) and p.value is not None and 1 <= p.value <= 31):
        return None
    end = p.end
    j = end + 1 if g.tok(end) == "من" else end
    month = g.month_at(j)
    if month:
        j = month[1]
        if g.tok(j) == "/" and g.month_at(j + 1):
            j = g.month_at(j + 1)[1]  # type: ignore[index]
        if g.is_digits(j) and len(g.tok(j)) == 4:
            j += 1
        return p.decide("date", "day_and_month", "a day number before a month name", end=j)
    if g.tok(end) == "من" and g.tok(end + 1) in ("الشهر", "هذا") and not (p.parsed and p.parsed.ordinal):
        j = end + 2 + (g.tok(end + 1) == "هذا" and g.tok(end + 2) == "الشهر")
        if g.tok(j) in MONTH_DEICTICS:
            j += 1
        return p.decide("date", "day_and_month", "a day of this month (12 من الشهر الجاري)", end=j)
    if g.weekday(p.start - 1) and g.noun(end) is None:
        return p.decide("date", "day_and_month", "a day number after a weekday", start=p.start - 1)
    return None


def ordinal_word(g: NumberGrammar, p: Phrase) -> Phrase | None:
    """An ordinal word (الثالث, الحادي والعشرين) is an ordinal; after الساعة it is a time."""
    if not (p.parsed and p.parsed.ordinal):
        return None
    if g.tok(p.start - 1) == "الساعه":
        return p.decide("time", "ordinal_word", "an ordinal hour after الساعة", start=p.start - 1)
    return p.decide("ordinal", "ordinal_word", "an ordinal word")


def year_or_time_in_digits(g: NumberGrammar, p: Phrase) -> Phrase | None:
    """Digits after a month, a year cue (عام 2014) or a bare 1900-2100 with no counted noun are a
    date or a year; a small number after a time cue (الساعة 10) is a time."""
    if not (p.parsed and p.parsed.digits and not p.parsed.scale):
        return None
    lex = g.lex
    s = p.start
    tok0 = g.tok(s)
    if g.month_at(s - 1) or (s >= 2 and g.month_at(s - 2) and g.month_at(s - 2)[1] == s):  # type: ignore[index]
        return p.decide("date", "year_or_time_in_digits", "a number after a month name")
    prev = g.stem_of(s - 1)
    four = tok0.isdigit() and len(tok0) == 4
    plain_year = four and 1900 <= int(tok0) <= 2100
    hijri = four and 1300 <= int(tok0) <= 1500 and g.tok(p.end) == "ه"
    year_cue = lex.cue_of.get(prev) == "year" or lex.cue_of.get(g.tok(s - 1)) == "year"
    qualifier = lex.qualifiers_before.search(g.norm, max(g.s.start, g.s.starts[s] - QUALIFIER_REACH),
                                             g.s.starts[s])
    # نحو 2000 (no noun) may be a count; حتى 2026 / إلى 2026 is a year
    qualified = qualifier is not None and lex.qualifier_of.get(" ".join(qualifier.group("q").split())) != "up_to"
    if (plain_year or hijri) and (year_cue or g.noun(p.end) is None and g.tok(p.end) != "من"
                                  and not g.nisba_at(p.end) and not qualified
                                  and lex.cue_of.get(g.tok(p.end)) != "others_after"):  # و2000 آخرين
        end = p.end + 1 if g.tok(p.end) in ("م", "ه") else p.end
        return p.decide("year", "year_or_time_in_digits",
                        "a year cue before it" if year_cue else "a number 1900-2100 that counts no noun", end=end)
    if year_cue and four:
        return p.decide("year", "year_or_time_in_digits", "a year cue before four digits")
    if lex.cue_of.get(prev) == "time" and p.value is not None and p.value <= 24:
        return p.decide("time", "year_or_time_in_digits", "an hour after a time cue", start=s - 1)
    return None


def year_in_words(g: NumberGrammar, p: Phrase) -> Phrase | None:
    """A number written in words after a year cue, or 1990-2050 in words counting no noun, is a
    year: عام ألفين وثلاثة عشر, سنة ألفين وثمانية."""
    if p.parsed is None or p.parsed.digits or p.vague or p.value is None or p.value_high is not None:
        return None
    lex = g.lex
    year_cue = lex.cue_of.get(g.stem_of(p.start - 1)) == "year"
    in_range = 1990 <= p.value <= 2050 and float(p.value).is_integer()
    if in_range and (year_cue or (g.noun(p.end) is None and not g.nisba_at(p.end) and g.tok(p.end) != "من")):
        return p.decide("year", "year_in_words", "a year written in words" + (" after a year cue" if year_cue else ""))
    return None


def time_after(g: NumberGrammar, p: Phrase) -> Phrase | None:
    """A number up to 24 before a time word (10 صباحا, 8 مساء) is a time."""
    if g.lex.cue_of.get(g.stem_of(p.end)) == "time_after" and p.value is not None and p.value <= 24:
        return p.decide("time", "time_after", "an hour before صباحا / مساء", end=p.end + 1)
    return None


def percent(g: NumberGrammar, p: Phrase) -> Phrase | None:
    """% or في المئة after the number is a percentage."""
    if g.tok(p.end) in ("%", "٪"):
        return p.decide("percent", "percent", "% after the number", end=p.end + 1)
    end = g.phrase_at(p.end, "percent_after")
    if end:
        return p.decide("percent", "percent", "في المئة / بالمئة after the number", end=end)
    return None


def money_symbol(g: NumberGrammar, p: Phrase) -> Phrase | None:
    """$ before or after the number is money."""
    if g.tok(p.start - 1) == "$" or g.tok(p.end) == "$":
        return p.decide("money", "money_symbol", "a currency sign")
    return None


def designation(g: NumberGrammar, p: Phrase) -> Phrase | None:
    """A number after a label word names something: القرار 2334, الفرقة 82, مجموعة العشرين."""
    label = p.start - 1
    while g.tok(label) in ("(", "-", "ال", "«", "\""):
        label -= 1
    if g.tok(label - 1) == "ما" and g.tok(label) == "مجموعه":
        return None  # ما مجموعه 3500: "a total of", not the label مجموعة
    if "label" in (g.lex.cue_of.get(g.tok(label)), g.lex.cue_of.get(g.stem_of(label))):
        return p.decide("other", "designation", f"the label word {g.tok(label)!r} before it")
    return None


def difference(g: NumberGrammar, p: Phrase) -> Phrase | None:
    """A number after بفارق / الفارق / بزيادة قدرها is a difference, not a count (بفارق 15 قتيلا)."""
    prev = g.tok(p.start - 1)
    if prev in ("بفارق", "فارق", "الفارق", "وبفارق", "بفرق", "قدره", "قدرها", "بمعدل"):
        return p.decide("other", "difference", f"{prev!r} before it: a difference or rate, not a count of people")
    return None


def page_counter(g: NumberGrammar, p: Phrase) -> Phrase | None:
    """A number right after a page or forum field is a counter: ``المشاهدات: 1520``, ``الأعضاء 230``."""
    s = g.s
    start = s.starts[p.start]
    window = g.norm[max(s.start, start - 25):start]
    window = window.rstrip(" :|-(\u00a0")
    found = None
    for match in g.lex.cues.finditer(window):
        found = match
    if found is not None and found.end() == len(window) \
            and g.lex.cue_of.get(" ".join(found.group("form").split())) == "counter_label":
        return p.decide("other", "page_counter", f"the page/forum field {found.group().strip()!r} before it")
    return None


#: Stage 3 rules, tried in order; the first that applies decides the kind.
KIND_RULES: list[Callable[[NumberGrammar, Phrase], Phrase | None]] = [
    day_and_month, ordinal_word, year_or_time_in_digits, year_in_words, time_after, percent, money_symbol,
    designation, difference, page_counter,
]


def kind_of(g: NumberGrammar, p: Phrase) -> Phrase:
    """Stage 3: the kind of a phrase that stage 2 left open (see :data:`KIND_RULES`)."""
    if p.kind is not None or p.dual is not None:
        return p
    for rule in KIND_RULES:
        if rule(g, p) is not None:
            return p
    return p


# --------------------------------------------------------------------------------------------
# Stage 4: the counted noun

def counted_noun(g: NumberGrammar, p: Phrase) -> Phrase:
    """Stage 4: the noun the number counts, and from its category the kind.

    In order: a dual noun is its own noun; the noun right after (2500 جندي), or after من
    (2500 من الجنود); a nationality alone (3 أمريكيين); a plural noun before a number adjective
    (الجنود الأمريكيون الـ2500, الأشهر الثلاثة). A definite number after a definite noun it does
    not count is an ordinal (الذكرى العشرين). Categories duration / money / measure / counter give
    those kinds; everything else is a count.
    """
    lex = g.lex
    end_tok = p.end
    p.unit_end = end_tok
    if p.dual is not None:
        p.noun = p.dual
    else:
        if g.tok(end_tok) == ")" and g.tok(p.start - 1) == "(":
            end_tok += 1  # عدد الجنود ( ٢٥٠٠ ) جندي: the brackets are transparent
            p.unit_end = end_tok
        noun = g.noun(end_tok)
        if noun is not None and noun.category == "duration" and lex.cue_of.get(g.tok(end_tok)) == "year" \
                and g.is_digits(end_tok + 1) and len(g.tok(end_tok + 1)) == 4:
            noun = None  # 170 ألفاً عام 2007: the year cue of the next number, not "170,000 years"
        if noun is not None:
            p.noun, p.unit_end = noun, end_tok + 1
        elif g.tok(end_tok) == "من" and g.noun(end_tok + 1) is not None:
            p.noun, p.unit_end = g.noun(end_tok + 1), end_tok + 2
        elif g.nisba_at(end_tok):
            p.who, p.unit_end = g.nisba_at(end_tok), end_tok + 1
        elif g.tok(end_tok) == "من" and g.nisba_at(end_tok + 1):
            p.who, p.unit_end = g.nisba_at(end_tok + 1), end_tok + 2
        if p.noun is None and p.who is None:
            _noun_before(g, p)
            if p.kind == "ordinal":
                return p
    category = p.noun.category if p.noun else ("person" if p.who else None)
    if category == "duration":
        kind = "duration"
        if p.noun_before and lex.cue_of.get(g.tok(p.unit_end)) is None and g.tok(p.unit_end) in _TRAILING_TIME:
            p.unit_end += 1
    elif category == "money":
        kind = "money"
    elif category in ("measure", "counter"):
        kind = "other"
    else:
        kind = "count"
    what = f"the counted noun {g.tok(p.unit_end - 1)!r} ({category})" if category else "no counted noun"
    p.decide(kind, "counted_noun" if category else "count_candidate", what)
    return p


def _noun_before(g: NumberGrammar, p: Phrase) -> None:
    """A number adjective after its noun (إرهابيين اثنين, الأشهر الثلاثة, الجنود الأمريكيون الـ2500)."""
    parsed = p.parsed
    if parsed is None:
        return
    value = p.value
    before = p.start - 1 if not (parsed.digits and g.tok(p.start - 1) == "ال") else p.start - 2
    prev_noun = g.noun(before)
    nisba_before = g.nisba_at(before) if prev_noun is None else None
    if nisba_before is not None and g.noun(before - 1) is not None:
        prev_noun = g.noun(before - 1)
    small = value is not None and value <= 10
    ten = value is not None and not parsed.digits and 20 <= value <= 90 and value % 10 == 0
    if prev_noun is not None and prev_noun.grammatical_number != "singular" and (
            (parsed.article and (small or parsed.digits or ten)) or (not parsed.digits and value in (1, 2))):
        p.noun, p.noun_before = prev_noun, True
        if nisba_before is not None:
            p.who, before = nisba_before, before - 1
        p.start = before
    elif prev_noun is None and nisba_before is None and parsed.article and value is not None and not parsed.vague \
            and g.tok(before).startswith("ال") and g.word(before) is None and (parsed.digits or ten):
        p.decide("ordinal", "definite_after_noun", "a definite number after a definite noun it does not count")
