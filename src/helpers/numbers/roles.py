"""Stage 5 of :mod:`helpers.numbers`: who is counted, where, and the troop-level cue.

Each function reads one thing in the count's clause (offsets in the normalised text) and
records on the mention's :class:`~helpers.numbers.mention.Evidence` what decided it.

- :func:`who_of`: the nationality in the counted noun phrase (2500 جندي أمريكي), after it
  (جندي من القوات الأمريكية), or the actor of the clause before a force count (تحتفظ
  الولايات المتحدة بـ2500 جندي; القوات الأمريكية البالغ عددها 2500).
- :func:`where_of`: the place after the count (في العراق; في العراق وسوريا -> iraq+syria),
  else the last place before it in its clause; affiliations (الموالية لإيران) are no place.
- :func:`cue_of`: the nearest troop-level cue before the count (presence, total, deploy,
  reduce, withdrawal, casualty, subset), overridden by words after the noun (إضافيا, قتلوا).
- :func:`noun_named_before`: a bare number after a size cue takes the force noun named before
  it (يبلغ عدد القوات الأمريكية في العراق نحو 2500; القوات المنتشرة هناك، والتي يبلغ قوامها نحو 2500).

Example:
    >>> from helpers.numbers import find_number_mentions
    >>> m = find_number_mentions("تحتفظ الولايات المتحدة بنحو 2500 جندي في العراق")[0]
    >>> (m.who, m.where, m.ev.cue)
    ('us', 'iraq', 'presence')
"""

from __future__ import annotations

import bisect
import re

from helpers.arabic.clitics import strip_clitics
from helpers.numbers.context import (
    NEXT_CONJUNCT,
    PHRASE_END,
    PLACE_END,
    clause_end,
    clause_start,
    cue_before,
    force_noun_before,
    last_place,
    place_pair,
    who_before,
    without_affiliations,
)
from helpers.numbers.grammar import NumberGrammar
from helpers.numbers.mention import NumberMention
from helpers.numbers.phrases import Phrase
from helpers.numbers.windows import (
    CASUALTY_CUE_REACH,
    CUE_AFTER_REACH,
    CUE_REACH,
    SIZE_NOUN_REACH,
    WHO_AFTER_NOUN_BEFORE_REACH,
    WHO_AFTER_REACH,
)

__all__ = ["read_roles", "CASUALTIES"]

CASUALTIES = ("killed", "wounded", "arrested")
#: A size noun inside a qualifier phrase (لا يتجاوز عددهم).
_SIZE_IN_QUALIFIER = re.compile(r"(?<!\w)(?:عدد|قوام|تعداد|عديد)\w*")
#: A size noun with a human plural pronoun (عددهم, قوامهم, تعدادهن).
_THEIR_NUMBER = re.compile(r"(?<!\w)[وفب]?(?:عدد|قوام|تعداد|عديد)(?:هم|هن)(?!\w)")
#: Nouns that name the size of what follows them (عدد القوات, تعداد الجنود), normalised.
_SIZE_NOUNS = frozenset({"عدد", "تعداد", "حجم", "مجموع", "اجمالي", "عديد"})
_CASUALTY_AFTER = {"killed_after": "killed", "wounded_after": "wounded", "arrested_after": "arrested"}
#: A و right before a mention (its qualifier carries it: وحوالي 900).
_AND_BEFORE = re.compile(r"(?<!\w)و\s*$")
#: Size constructions that name a total of the noun before them, with a relative clause between.
_SIZE_AT_A_DISTANCE = re.compile(
    r"(?:قوام|عدد|تعداد|حجم|مجموع)\w*\s*(?:\S+\s+){0,2}?$|(?:ما\s+مجموعه|بواقع|البالغ\w*)\s*(?:ال\s*)?$")


def read_roles(g: NumberGrammar, p: Phrase, m: NumberMention, previous: list[NumberMention]) -> None:
    """Fill ``who``, ``where``, the cue and the coordination flags of a count (stage 5)."""
    norm, s, lex, ev = g.norm, g.s, g.lex, m.ev
    after = s.ends[p.unit_end - 1] if p.unit_end - 1 >= 0 else ev.n_end
    floor = s.start  # context is read back to the previous count of the sentence, not beyond
    for earlier in reversed(previous):
        if earlier.ev.sentence_index != ev.sentence_index:
            break
        if earlier.kind == "count":
            floor = earlier.ev.n_end
            break
    next_number = g.next_number_start(p.unit_end)
    if norm[after:next_number].rstrip().endswith(" من") and next_number < s.end:
        next_number = g.next_number_start(bisect.bisect_right(s.starts, next_number))  # من 30 دولة في العراق
    clause_stop = clause_end(norm, after, s.end, next_number)
    bracket = norm.rfind("(", max(s.start, ev.n_start - 3), ev.n_start)
    opened = bracket if bracket >= 0 and not norm[bracket + 1:ev.n_start].strip() else ev.n_start
    clause_from = clause_start(norm, s.start, opened, floor)  # ( ٢٥٠٠ ): the clause before the bracket
    who = p.who
    if who is not None:
        ev.note("who", who, "a nationality word counted by the number")
    elif not p.noun_before:
        phrase = norm[after:clause_stop]
        cut = PHRASE_END.search(phrase)
        phrase = phrase[:cut.start()] if cut else phrase
        found = lex.actors.search(phrase[:WHO_AFTER_REACH])
        if found:
            who = lex.actor_of.get(found.group("form"))
            ev.note("who", str(who), f"{found.group().strip()!r} describes the counted noun")
    else:
        found = lex.actors.search(norm[after:clause_stop][:WHO_AFTER_NOUN_BEFORE_REACH])
        if found:
            who = lex.actor_of.get(found.group("form"))
            ev.note("who", str(who), f"{found.group().strip()!r} after the number adjective")
    if who is None and m.unit_category == "force":
        who = who_before(lex, norm[clause_from:ev.n_start])
        if who is not None:
            ev.note("who", who, "the actor of the clause before the force count")

    m.where = where_of(g, after, clause_stop, clause_from, m)
    # 'إلى N' after a change of size makes N a target level (خفض عدد القوات إلى 3000)
    q_start_tok = bisect.bisect_left(s.starts, ev.n_start)
    ev.target = g.tok(q_start_tok - 1) == "الي" and m.qualifier != "up_to"
    cue_of(g, m, after, clause_stop, floor)
    inside = _SIZE_IN_QUALIFIER.search(norm, ev.n_start, s.starts[p.start])
    if ev.cue is None and inside:  # لا يتجاوز عددهم 200: the size noun sits inside the qualifier
        ev.cue, ev.cue_word, ev.cue_distance = "total", inside.group(), 0
        ev.note("cue", "total", f"{inside.group()!r} inside the qualifier")
    casualty_head(g, m, clause_from)
    if m.ev.cue in CASUALTIES and m.ev.cue_distance <= CASUALTY_CUE_REACH \
            and m.unit_category in ("force", "combatant", "person", None):
        m.unit, m.unit_category = m.ev.cue, "casualty" if m.ev.cue != "arrested" else "detainee"
        ev.note("unit", m.ev.cue, "a casualty cue next to the count makes it a casualty figure")
    if m.unit is None and ev.cue in ("total", "presence", "withdrawal", "reduce", "change"):
        who = noun_named_before(g, m, clause_from, who)
    if m.unit is None and (_THEIR_NUMBER.search(norm, clause_from, ev.n_start)
                           or g.tok(p.unit_end) in ("منهم", "بينهم", "منهن")):
        # وصل عددهم إلى 300; نقل 3 منهم: a number of "them", people
        m.unit, m.unit_category = "people", "person"
        ev.note("unit", "people", "their number (عددهم) or some of them (منهم): a count of people")
    m.who = who
    i = p.start if p.dual is None else p.start
    first = g.word(i)
    ev.coordinated = g.tok(i - 1) == "و" or (first is not None and first[1].startswith("و")) \
        or _AND_BEFORE.search(norm, max(s.start, ev.n_start - 3), ev.n_start) is not None  # وحوالي 900


def where_of(g: NumberGrammar, after: int, clause_stop: int, clause_from: int, m: NumberMention) -> str | None:
    """The place after the count (up to the next conjunct: ... في العراق وفي سوريا نحو 900), else
    the last place before it in its clause; affiliation phrases are blanked first."""
    lex, norm = g.lex, g.norm
    ahead = without_affiliations(lex, norm[after:clause_stop])
    stops = [m.start() for m in (NEXT_CONJUNCT.search(ahead), PLACE_END.search(ahead)) if m is not None]
    found = lex.places.search(ahead[:min(stops)] if stops else ahead)
    if found:
        where = place_pair(lex, ahead, found)
        m.ev.note("where", str(where), f"{found.group().strip()!r} after the count")
        return where
    where = last_place(lex, without_affiliations(lex, norm[clause_from:m.ev.n_start]))
    if where is not None:
        m.ev.note("where", where, "the last place named before the count in its clause")
    return where


def cue_of(g: NumberGrammar, m: NumberMention, after: int, clause_stop: int, floor: int) -> None:
    """The nearest troop-level cue before the count, then the words after its noun:
    إضافيا / سيغادرون make it a flow; قتلوا / أصيبوا a casualty figure; آخرين marks "others"."""
    lex, norm, s, ev = g.lex, g.norm, g.s, m.ev
    limit = max(s.start, floor, ev.n_start - CUE_REACH)
    cue, distance = cue_before(lex, norm, ev.n_start, limit)
    if cue is not None:
        ev.cue_word = _last_cue_word(g, limit, ev.n_start)
        ev.note("cue", cue, f"{ev.cue_word!r} before the count")
    if cue == "total" and ev.target and ev.cue_word in _SIZE_NOUNS:
        # رفع عدد المستشارين إلى 3100: the verb of change decides, not the noun عدد
        action = _last_cue_word(g, limit, ev.n_start, categories=("reduce", "deploy", "change"))
        if action is not None:
            cue, ev.cue_word = lex.cue_of.get(action, cue), action
            ev.note("cue", str(cue), f"{action!r} changes the number TO the figure (عدد names what changes)")
    extra = norm[after:min(clause_stop, after + CUE_AFTER_REACH)]
    for found in lex.cues.finditer(extra):
        category_after = lex.cue_of.get(" ".join(found.group("form").split()))
        if category_after == "deploy_after" and cue not in CASUALTIES:
            cue = "deploy"
            ev.cue_word = found.group().strip()
            ev.note("cue", "deploy", f"{ev.cue_word!r} after the noun: more troops, a flow")
        elif category_after == "others_after" and all(w in lex.actor_nisba for w in extra[:found.start()].split()):
            ev.others = True
        elif category_after in _CASUALTY_AFTER:
            cue, distance = _CASUALTY_AFTER[category_after], 0
            ev.cue_word = found.group().strip()
            ev.note("cue", cue, f"{ev.cue_word!r} after the noun: a casualty figure")
            break
    ev.cue, ev.cue_distance = cue, distance


def _last_cue_word(g: NumberGrammar, limit: int, start: int,
                   categories: tuple[str, ...] | None = None) -> str | None:
    """The last troop-level cue form in ``norm[limit:start]`` (of ``categories`` if given), normalised."""
    word = None
    for found in g.lex.cues.finditer(g.norm, limit, start):
        form = " ".join(found.group("form").split())
        category = g.lex.cue_of.get(form)
        if category not in (None, "year", "time", "label") and (categories is None or category in categories):
            word = form
    return word


def casualty_head(g: NumberGrammar, m: NumberMention, clause_from: int) -> None:
    """A size cue whose noun is a casualty noun makes a casualty figure, whatever noun follows
    the number: ``بلغ عدد قتلى الجيش الأمريكي نحو 4500``, ``ارتفع عدد الجرحى ... إلى 34 جنديا``."""
    ev = m.ev
    if ev.cue not in ("total", "change", "presence", None):
        return
    words = g.norm[clause_from:ev.n_start].split()
    for k, word in enumerate(words[:-1]):
        if word.lstrip("وفب") not in _SIZE_NOUNS and word not in _SIZE_NOUNS:
            continue
        for _prefix, stem in strip_clitics(words[k + 1]):
            noun = g.lex.units.get(stem)
            if noun is not None and noun.category in ("casualty", "detainee"):
                ev.cue, ev.cue_word = ("arrested" if noun.category == "detainee" else noun.unit), f"{word} {words[k + 1]}"
                m.unit, m.unit_category = noun.unit, noun.category
                ev.note("cue", ev.cue, f"{ev.cue_word!r}: the number of casualties, not of forces")
                return


def noun_named_before(g: NumberGrammar, m: NumberMention, clause_from: int, who: str | None) -> str | None:
    """A number with no noun after a size cue counts the force noun named before it.

    Within the clause (يبلغ عدد القوات الأمريكية في العراق نحو 2500) or, for a size construction
    standing right before the number (والتي يبلغ قوامها نحو, ما مجموعه, بواقع, البالغ عددها),
    back over a relative clause and a place (القوات الأمريكية المنتشرة هناك، والتي يبلغ قوامها نحو 2500).
    Returns ``who`` (the actor named with that noun when ``who`` was not known).
    """
    lex, norm, ev = g.lex, g.norm, m.ev
    window = norm[clause_from:ev.n_start]
    head = force_noun_before(lex, window)
    if head is None and _SIZE_AT_A_DISTANCE.search(norm, max(g.s.start, ev.n_start - 40), ev.n_start):
        window = norm[max(g.s.start, ev.n_start - SIZE_NOUN_REACH):ev.n_start]
        head = force_noun_before(lex, window)
    if head is None:
        return who
    m.unit, m.unit_category = head.unit, head.category
    ev.note("unit", head.unit, "the force noun named before the size cue (عدد / قوام ... N)")
    if who is None:
        who = who_before(lex, window)
        if who is not None:
            ev.note("who", who, "the actor named with that force noun")
    return who
