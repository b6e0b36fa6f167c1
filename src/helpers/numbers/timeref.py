"""When a troop figure refers to: the ``refers_to`` column, apart from the publication date.

An Arabic news figure is a claim about a time: "the last 40,000 left in 2011" in a 2020
article refers to 2011. :data:`TIME_RULES` read the count's sentence, in order:

- :func:`year_near_count`: a year in the count's clause (في ذروته عام 2008, قبل انسحابها عام
  2011, من 170 ألفا عام 2007) -> that year; a past or peak marker (ذروة, كان ... قد) makes the
  level ``past`` / ``peak``;
- :func:`named_event`: an event with a known year from ``number_events.csv`` (عند الغزو -> 2003);
- otherwise the publication date when one is given (precision of the date given), else empty.

Example:
    >>> from helpers.numbers import find_number_mentions
    >>> m = find_number_mentions("وكان عدد الجنود الأميركيين قد وصل في ذروته عام 2008 إلى 160 ألفا في العراق")[-1]
    >>> (m.value, m.level, m.refers_to, m.refers_to_precision)
    (160000, 'peak', '2008', 'year')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.numbers.mention import NumberMention

__all__ = ["TIME_RULES", "refers_to", "publication_time"]

#: A peak or maximum (ذروة, أعلى مستوى, الأقصى), normalised.
_PEAK = re.compile(r"(?<!\w)(?:[وفب]?(?:ال)?ذروت?\w*|اعلي\s+مستوي|ذروته|الحد\s+الاقصي|اقصي)(?!\w)")
#: A past-tense frame around a level: كان ... قد, سابقا, آنذاك, في ذلك الوقت, حينها, وقتها.
_PAST = re.compile(r"(?<!\w)(?:[وف]?كان(?:ت)?|سابقا|انذاك|حينها|حينذاك|وقتها|وقتذاك|في\s+ذلك\s+الوقت)(?!\w)")


@dataclass(frozen=True)
class TimeRef:
    when: str
    precision: str
    past: bool
    peak: bool
    why: str


def year_near_count(sentence: str, offset: int, years: list[NumberMention]) -> TimeRef | None:
    """The year mentions of the count's sentence that stand within its clause (the nearest one).

    A year before the count in a past frame or a peak (وصل في ذروته عام 2008 إلى 160 ألفا) or
    right after it (من 170 ألفا عام 2007) gives the time; a year in another clause does not.
    """
    best = None
    for y in years:
        gap = offset - y.ev.n_end if y.ev.n_end <= offset else y.ev.n_start - offset
        if gap < 0 or gap > 70:
            continue
        if best is None or gap < best[0]:
            best = (gap, y)
    if best is None or best[1].value is None:
        return None
    year = best[1]
    text_before = sentence
    past = bool(_PAST.search(text_before)) or (year.value is not None and year.ev.n_end <= offset)
    peak = bool(_PEAK.search(text_before))
    return TimeRef(str(year.value), "year", past, peak, f"the year {year.value} in the count's clause")


def refers_to(m: NumberMention, norm: str, sentence_years: list[NumberMention], events: dict[str, int]) -> TimeRef | None:
    """The time the figure of ``m`` refers to, read from its sentence (``None``: not stated)."""
    s0 = m.ev.sentence_index
    sentence = norm[max(s0, m.ev.n_start - 120):m.ev.n_start]
    ref = year_near_count(sentence, m.ev.n_start, sentence_years)
    if ref is not None:
        return ref
    window = norm[max(s0, m.ev.n_start - 90):m.ev.n_end + 40]
    for phrase, year in events.items():
        if phrase in window:
            return TimeRef(str(year), "year", True, bool(_PEAK.search(window)),
                           f"{phrase!r} names an event of {year}")
    return None


def publication_time(published: object, precision: object = None) -> tuple[str | None, str | None]:
    """ISO string and precision of a publication date (a Timestamp, date or ISO string); a
    ``precision`` of ``month`` or ``year`` (metadata's ``date_precision``) shortens it.

    Example:
        >>> publication_time("2024-03-01"), publication_time("2014-06"), publication_time(None)
        (('2024-03-01', 'day'), ('2014-06', 'month'), (None, None))
        >>> publication_time("2014-06-01", "month")
        ('2014-06', 'month')
    """
    if published is None or published != published:  # None or NaN/NaT
        return None, None
    text = str(published)[:10] if not isinstance(published, str) else published.strip()[:10]
    if precision in ("month", "year") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        text = text[:7] if precision == "month" else text[:4]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text, "day"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text, "month"
    if re.fullmatch(r"\d{4}", text):
        return text, "year"
    return None, None


TIME_RULES = [year_near_count]
