"""The context of a number in :mod:`helpers.numbers`: clauses, troop-level cues, places, actors.

Pure functions over the normalised text (:func:`helpers.text.normalize_for_matching`) and the
compiled lexicons of :mod:`helpers.numbers.lexicon`; positions are offsets in that text.

- :func:`clause_start` / :func:`clause_end`: the clause around a number (a relative clause
  also takes the clause of the noun it describes).
- :func:`cue_before`: the nearest troop-level cue before a number (presence, total, deploy ...).
- :func:`place_pair` / :func:`last_place`: the place after or before a number; two places
  joined by و give both ("iraq+syria").
- :func:`without_affiliations`: a window with its affiliation phrases blanked (الفصائل الموالية
  لإيران: Iran is an allegiance, not where the number is), read before any place.
- :func:`who_before` / :func:`force_noun_before`: the actor and the force noun named before a
  bare number (القوات الأمريكية البالغ عددها 2500).

Example:
    >>> from helpers.numbers.lexicon import load_number_lexicon
    >>> lex = load_number_lexicon()
    >>> last_place(lex, "ينتشر في العراق وسوريا"), who_before(lex, "تحتفظ الولايات المتحده ب")
    ('iraq+syria', 'us')
"""

from __future__ import annotations

import re

from helpers.arabic.clitics import strip_clitics
from helpers.numbers.lexicon import CountedNoun, NumberLexicon

__all__ = [
    "BEFORE_CUES",
    "CLAUSE_BREAK",
    "NEXT_CONJUNCT",
    "PHRASE_END",
    "PLACE_END",
    "clause_end",
    "clause_start",
    "cue_before",
    "force_noun_before",
    "last_place",
    "place_pair",
    "who_before",
    "without_affiliations",
]

#: Punctuation that ends a clause (the context of a number is read within its clause).
CLAUSE_BREAK = re.compile(r"[.،,؛;:!?؟\n«»\"“”()\[\]|]")
#: Prepositions that end the noun phrase in which a nationality word describes the counted noun.
PHRASE_END = re.compile(r"(?<!\w)(?:في|الي|علي|ضد|عن|منذ|خلال|بعد|قبل|عبر|لدي|مع|ب?حسب|وفق|وفقا|طبقا|نقلا|معظمهم|اغلبهم|غالبيتهم|منهم|بينهم)(?!\w)")
#: Where a place after a count stops being its location: a time or cause clause (بعد اندلاع الحرب
#: على غزة), or an attribution (بحسب وزارة ...).
PLACE_END = re.compile(r"(?<!\w)[وف]?(?:بعد|قبل|منذ|اثر|عقب|بسبب|جراء|ب?حسب|وفق|وفقا|نقلا|لمواجهه|لمحاربه|ضد)(?!\w)")
#: Where the next conjunct of a sentence begins (... في العراق وفي سوريا نحو 900).
NEXT_CONJUNCT = re.compile(r"(?<!\w)(?:و\s*في|بينما|فيما|مقابل|اضافه\s+الي)(?!\w)")
_SPACES = re.compile(r"\s+")
#: A word of opposition right before a name (ضد داعش, لمحاربة داعش, لقتال التنظيم).
_AGAINST = re.compile(r"(?<!\w)(?:ضد|لمحاربه|لقتال|لمكافحه|لمواجهه)\s+$")
_RELATIVE = re.compile(r"\s*(?:التي|الذي|الذين|اللذين|اللتين|اللواتي)(?!\w)")
#: Characters between a deployment noun and the word describing it (تعزيزات أمريكية قوامها).
_DESCRIBED_GAP = 25
#: Cue categories read before a number (the nearest one decides).
BEFORE_CUES = ("presence", "total", "withdrawal", "deploy", "reduce", "change", "killed", "wounded",
               "arrested", "subset")


def cue_before(lex: NumberLexicon, norm: str, start: int, limit: int) -> tuple[str | None, int]:
    """Category of the nearest troop-level cue ending before ``start`` (after ``limit``).

    A ``describes`` cue (قوامها, البالغ عددها) describes the noun before it: it takes the
    category of a deployment or reduction cue named just before (تعزيزات قوامها 3 آلاف جندي
    is a flow) and is a ``total`` otherwise (القوات الأمريكية البالغ عددها 2500). Returns the
    category and the distance from the cue's end to ``start`` (10**6 when there is none).

    Example:
        >>> from helpers.numbers.lexicon import load_number_lexicon
        >>> text = "وصلت تعزيزات امريكيه قوامها 3"
        >>> cue_before(load_number_lexicon(), text, 28, 0)
        ('deploy', 1)
    """
    window = norm[limit:start]
    best = None
    best_end = -1
    for m in lex.cues.finditer(window):
        category = lex.cue_of.get(" ".join(m.group("form").split()))
        if category == "describes":
            flow_noun = best in ("deploy", "reduce") and m.start() - best_end <= _DESCRIBED_GAP \
                and not _whole_force_between(lex, window[best_end:m.start()])
            described = best if flow_noun else "total"
            best, best_end = described, m.end()
        elif category in BEFORE_CUES:
            best, best_end = category, m.end()
    return best, (start - (limit + best_end)) if best else 10 ** 6


def _whole_force_between(lex: NumberLexicon, gap: str) -> bool:
    """A definite force noun between a flow cue and a size word: the size is the whole force's
    (سحب القوات الأمريكية البالغ عددها 2500), not the flow's (تعزيزات أمريكية قوامها 3 آلاف)."""
    for word in gap.split():
        for prefix, stem in strip_clitics(word):
            noun = lex.units.get(stem)
            if noun is not None and noun.category == "force" and prefix.endswith(("ال", "لل")):
                return True
    return False


def clause_start(norm: str, sentence_start: int, position: int, floor: int) -> int:
    """Start of the clause that holds ``position``; a relative clause (قوات التحالف، التي يبلغ
    قوامها ...) also takes the clause of the noun it describes. Never before ``floor``.

    Example:
        >>> text = "قوات التحالف، التي يبلغ قوامها 4000"
        >>> clause_start(text, 0, 31, 0), clause_start("اعلن، يبلغ قوامها 4000", 0, 18, 0)
        (0, 5)
    """
    lo = max(sentence_start, floor, position - 120)
    window = norm[lo:position]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(window)]
    if not breaks:
        return lo
    if _RELATIVE.match(window, breaks[-1]):
        return lo + breaks[-2] if len(breaks) > 1 else lo
    return lo + breaks[-1]


def clause_end(norm: str, position: int, sentence_end: int, ceiling: int) -> int:
    """End of the clause that holds ``position`` (at most 120 characters, before ``ceiling``).

    Example:
        >>> clause_end("900 جندي في سوريا، و2500", 0, 24, 24)
        17
    """
    hi = min(sentence_end, ceiling, position + 120)
    m = CLAUSE_BREAK.search(norm, position, hi)
    return m.start() if m else hi


def place_pair(lex: NumberLexicon, window: str, first: re.Match[str]) -> str | None:
    """The place of a match, or two places joined by و (في العراق وسوريا -> "iraq+syria").

    Two different places named together give both, in alphabetical order, so a combined
    figure is never compared with the figure of one of them; the same place twice (أربيل
    وكردستان) gives it once.

    Example:
        >>> from helpers.numbers.lexicon import load_number_lexicon
        >>> lex = load_number_lexicon()
        >>> window = "في سوريا والعراق"
        >>> place_pair(lex, window, lex.places.search(window))
        'iraq+syria'
    """
    return _place_and_end(lex, window, first)[0]


def _place_and_end(lex: NumberLexicon, window: str, first: re.Match[str]) -> tuple[str | None, int]:
    """:func:`place_pair` and where the place phrase ends in ``window``."""
    place = lex.place_of.get(" ".join(first.group("form").split()))
    gap = _SPACES.match(window, first.end())
    second = lex.places.match(window, gap.end()) if gap else None
    if place is None or second is None or not second.group().startswith("و"):
        return place, first.end()
    other = lex.place_of.get(" ".join(second.group("form").split()))
    return (place if other in (None, place) else "+".join(sorted({place, other}))), second.end()


def without_affiliations(lex: NumberLexicon, window: str) -> str:
    """``window`` with each affiliation word and the name after it blanked (same length).

    A place is where a number is located or happens (في / إلى / من / داخل / ب + a place name);
    a name after a word of affiliation (الموالية ل, المدعومة من, التابعة ل, المقربة من, حلفاء)
    is an allegiance and never sets ``where`` (it may still name ``who``: the actor pattern
    reads the original window). Two names joined by و are blanked together.

    Example:
        >>> from helpers.numbers.lexicon import load_number_lexicon
        >>> lex = load_number_lexicon()
        >>> last_place(lex, without_affiliations(lex, "الفصائل المواليه لايران في العراق شنت"))
        'iraq'
    """
    pieces, done = [], 0
    for m in lex.affiliations.finditer(window):
        if m.start() < done:
            continue
        place = lex.places.match(window, m.end())
        if place is None:
            continue
        end = _place_and_end(lex, window, place)[1]
        pieces.append(window[done:m.start()] + " " * (end - m.start()))
        done = end
    return "".join(pieces) + window[done:] if pieces else window


def last_place(lex: NumberLexicon, window: str) -> str | None:
    """The last place (or pair of places) named in ``window`` (في العراق وسوريا ينتشر ...)."""
    where, consumed = None, 0
    for m in lex.places.finditer(window):
        if m.start() < consumed:
            continue
        where, consumed = _place_and_end(lex, window, m)
    return where


def who_before(lex: NumberLexicon, window: str) -> str | None:
    """The last actor of the clause before a force count whose own noun phrase names none.

    Covers the force noun named first (القوات الأمريكية البالغ عددها 2500) and the state as
    subject (تحتفظ الولايات المتحدة بـ2500 جندي).
    """
    who = None
    for m in lex.actors.finditer(window):
        if _AGAINST.search(window, 0, m.start()):
            continue  # التحالف الدولي ضد داعش: the enemy named after ضد is not the counted force
        who = lex.actor_of.get(" ".join(m.group("form").split()))
    return who


def force_noun_before(lex: NumberLexicon, window: str) -> CountedNoun | None:
    """The last force noun (القوات, الجنود ...) of the clause before a bare number.

    Example:
        >>> from helpers.numbers.lexicon import load_number_lexicon
        >>> force_noun_before(load_number_lexicon(), "يبلغ عدد قواتها في العراق نحو").unit
        'troops'
    """
    found = None
    for m in re.finditer(r"\w+", window):
        word = m.group()
        base = re.sub(r"(?:هما|هم|ها|نا|ه)$", "", word)  # قواتها, قواتنا: a possessive suffix
        for _prefix, stem in (*strip_clitics(word), *(strip_clitics(base) if base != word and len(base) > 2 else ())):
            noun = lex.units.get(stem)
            if noun is not None and noun.category == "force":
                found = noun
                break
    return found
