"""The pipeline of :mod:`helpers.numbers`: named stages from text to mention records.

:func:`find_number_mentions` runs, for each candidate numeral or number word:

1. **tokenise** the sentence around it (:func:`helpers.numbers.grammar.tokenise`, on the
   normalised text of :func:`helpers.text.normalize_with_offsets`; only sentences holding a
   candidate are tokenised);
2. **number phrase** (:func:`helpers.numbers.phrases.number_phrase`): special written forms,
   the grammar's value, ranges;
3. **kind** (:func:`helpers.numbers.phrases.kind_of`): date, year, time, percent, money,
   ordinal, other, or a candidate count;
4. **unit** (:func:`helpers.numbers.phrases.counted_noun`) and the qualifier
   (:func:`qualifier_of`);
5. **who / where / cue** (:func:`helpers.numbers.roles.read_roles`), then coordination with the
   previous count (:func:`coordinate`) and the article context (:func:`infer_from_context`);
6. **level rule** (:func:`helpers.numbers.levels.decide_level`) and the time referred to
   (:func:`helpers.numbers.timeref.refers_to`).

Example:
    >>> df = extract_numbers("ويوجد حالياً نحو 2500 جندي أميركي في العراق و900 جندي في سوريا.")
    >>> df[["surface", "value", "qualifier", "unit", "who", "where", "is_us_troop_level"]].values.tolist()
    [['نحو 2500 جندي', 2500, 'approx', 'troops', 'us', 'iraq', True], ['900 جندي', 900, 'approx', 'troops', 'us', 'syria', True]]
"""

from __future__ import annotations

import bisect
import gc
import re
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from helpers.arabic.clauses import split_sentences
from helpers.arabic.normalize import normalize_for_matching, normalize_with_offsets
from helpers.numbers.context import CLAUSE_BREAK
from helpers.numbers.grammar import NumberGrammar, as_int, tokenise
from helpers.numbers.levels import decide_level
from helpers.numbers.lexicon import NumberLexicon, candidate_starts, load_number_lexicon
from helpers.numbers.mention import COLUMNS, Evidence, NumberMention
from helpers.numbers.phrases import Phrase, counted_noun, kind_of, number_phrase
from helpers.numbers.roles import CASUALTIES, read_roles
from helpers.numbers.timeref import publication_time, refers_to
from helpers.numbers.windows import (
    ARTICLE_CONTEXT_REACH,
    COORDINATION_REACH,
    ELLIPSIS_REACH,
    QUALIFIER_AFTER_REACH,
    QUALIFIER_REACH,
)

__all__ = [
    "find_number_mentions",
    "extract_numbers",
    "extract_numbers_corpus",
    "is_us_troop_level_claim",
    "coordinate",
    "infer_from_context",
]

_SENTENCE_BREAK = re.compile(r"[.؛;!?؟\n]")
#: A year named inside a change "from N (in YEAR) to M".
_YEAR_IN_CHANGE = re.compile(r"(?<!\w)(?:(?:في\s+)?(?:عام|العام|سنه)\s*)?[12][0-9]{3}(?!\w)")
#: The end of the text between two counts when the second is coordinated with the first: و, أو, a
#: comma, or an additive connective (إضافة إلى, فضلا عن, علاوة على, إلى جانب), normalised.
_JOINED = re.compile(r"(?:(?<!\w)(?:و|او|[وب]?(?:ال)?اضافه\s+الي|و?فضلا\s+عن|و?علاوه\s+علي|و?الي\s+جانب)|[،,])\s*$")


# --------------------------------------------------------------------------------------------
# The pipeline

def find_number_mentions(text: str, context: str = "", published: object = None,
                         lex: NumberLexicon | None = None, date_precision: object = None) -> list[NumberMention]:
    """All numeric expressions in ``text`` as :class:`NumberMention` records (sorted by start).

    ``context`` (the headline, or any text before ``text``) helps infer the nationality of bare
    force counts; ``published`` (the publication date) is the default ``refers_to``; ``lex`` the
    compiled lexicons (default :func:`helpers.numbers.lexicon.load_number_lexicon`, re-read when a CSV changed).

    Example:
        >>> [(m.value, m.kind) for m in find_number_mentions("قتل 3 جنود يوم الاثنين 4 فبراير")]
        [(3, 'count'), (4, 'date')]
    """
    if not text:
        return []
    lex = load_number_lexicon() if lex is None else lex
    omap = normalize_with_offsets(text)
    norm = omap.text
    candidates = candidate_starts(lex, norm)
    if not candidates:
        return []
    decimal_marks = _decimal_marks(text, norm, omap)
    sentences = _Sentences(norm)
    grammars: dict[int, NumberGrammar] = {}
    mentions: list[NumberMention] = []
    consumed_until = -1
    for position in candidates:
        if position < consumed_until:
            continue
        s0, s1 = sentences.containing(position)
        g = grammars.get(s0)
        if g is None:
            g = grammars[s0] = NumberGrammar(lex, tokenise(norm, s0, s1), decimal_marks, norm)
        i = bisect.bisect_right(g.s.starts, position) - 1
        if i < 0 or g.s.ends[i] <= position:
            continue
        mention = read_mention(g, i, mentions)
        if mention is None:
            continue
        if mention.ev.n_start < consumed_until:  # a noun read before the number belongs to the previous mention
            if position < consumed_until:
                continue
            mention.ev.n_start = position
        consumed_until = max(consumed_until, mention.ev.n_end)
        mentions.append(mention)
    spans: list[tuple[int, int]] | None = None
    coordinate(mentions, norm)
    infer_from_context(mentions, norm, lex, context)
    place_of_the_country(mentions, norm, lex, context)
    pub, pub_precision = publication_time(published, date_precision)
    for m in mentions:
        _decide(m, norm, mentions, lex, pub, pub_precision)
        s, e = omap.to_source(m.ev.n_start, m.ev.n_end)
        m.start, m.end, m.surface = s, e, text[s:e]
        ss, se = omap.to_source(m.ev.sentence_index, grammars[m.ev.sentence_index].s.end)
        m.sentence = text[ss:se]
        if spans is None:
            spans = split_sentences(text)  # the ids of the original text's sentences (as other analyses)
        m.sentence_id = max(0, bisect.bisect_right(spans, (s, len(text) + 1)) - 1) if spans else 0
    return mentions


def read_mention(g: NumberGrammar, i: int, previous: list[NumberMention]) -> NumberMention | None:
    """Stages 2-5 for the candidate at token ``i`` of ``g``'s sentence (``None``: not a number)."""
    phrase = number_phrase(g, i)  # stage 2
    if phrase is None:
        return None
    kind_of(g, phrase)  # stage 3
    if phrase.kind is None:
        counted_noun(g, phrase)  # stage 4
    mention = _mention(g, phrase)
    if mention.kind == "count":
        read_roles(g, phrase, mention, previous)  # stage 5
    return mention


def _mention(g: NumberGrammar, p: Phrase) -> NumberMention:
    """The record of a decided phrase: offsets, value(s), qualifier, unit (stage 4's output)."""
    s = g.s
    kind = p.kind or "count"
    ev = Evidence(n_start=s.starts[p.start] + g.clitic_length(p.start), n_end=s.ends[p.unit_end - 1]
                  if p.rule in ("counted_noun", "count_candidate") else s.ends[p.end - 1], sentence_index=s.start)
    ev.note("phrase", "vague" if p.vague else ("range" if p.value_high is not None else "number"),
            f"{' '.join(g.t[p.start:p.end])!r}")
    ev.note("kind", p.rule or kind, p.why or kind)
    value = p.value if p.keep_value else None
    high = p.value_high if kind not in ("date", "time", "ordinal") else None
    m = NumberMention(value=as_int(value), value_high=as_int(high), kind=kind, ev=ev)
    if p.vague:
        m.qualifier = "vague"
    elif kind in ("date", "year", "time", "ordinal", "other"):
        m.qualifier = None if value is None else "exact"
    else:
        m.qualifier = qualifier_of(g, p, m)
    if p.noun is not None:
        m.unit, m.unit_category = p.noun.unit, p.noun.category
    elif p.who is not None:
        m.unit, m.unit_category = "people", "person"
    if m.unit:
        ev.note("unit", m.unit, f"category {m.unit_category} in number_units.csv")
    return m


def qualifier_of(g: NumberGrammar, p: Phrase, m: NumberMention) -> str | None:
    """The qualifier written before (نحو, أكثر من, ما لا يقل عن) or after (على الأقل, فقط) the number;
    it widens the mention's span. ``exact`` when none is written."""
    s, lex, ev, norm = g.s, g.lex, m.ev, g.norm
    qualifier = "exact" if m.value is not None else None
    before = lex.qualifiers_before.search(norm, max(s.start, ev.n_start - QUALIFIER_REACH), ev.n_start)
    if before:
        qualifier = lex.qualifier_of.get(" ".join(before.group("q").split()), qualifier)
        ev.n_start = before.start("q") if before.start("q") >= s.start else ev.n_start
        ev.qualifier_before = True
    b = p.unit_end if p.rule in ("counted_noun", "count_candidate") else p.end
    after = lex.qualifiers_after.match(norm, ev.n_end, min(s.end, ev.n_end + QUALIFIER_AFTER_REACH))
    if after is None and g.nisba_at(b):  # 2500 جندي أمريكي على الأقل
        after = lex.qualifiers_after.match(norm, s.ends[b], min(s.end, s.ends[b] + QUALIFIER_AFTER_REACH))
    if after:
        qualifier = lex.qualifier_of.get(" ".join(after.group("q").split()), qualifier)
        ev.n_end = after.end("q")
    if qualifier != "exact":
        ev.note("qualifier", str(qualifier), "a qualifier word next to the number")
    return qualifier


def _decide(m: NumberMention, norm: str, mentions: list[NumberMention], lex: NumberLexicon,
            pub: str | None, pub_precision: str | None) -> None:
    """Stage 6: the level rule and the time the figure refers to."""
    if m.kind == "count" and m.unit is None:
        # a bare number that nothing (noun, nationality, coordination, size cue) made a count of
        # something: a page number, a score, a list item, a reference -- not a count
        m.kind = "other"
        m.ev.note("kind", "other", "a bare number: no counted noun, nationality or size cue names what it counts")
    decision = decide_level(m)
    m.is_us_troop_level = decision.is_level
    m.level = decision.level
    m.level_reason = decision.reason
    m.ev.note("level", "level" if decision.is_level else "not a level", decision.reason)
    if m.kind != "count" or m.unit_category != "force":
        return
    years = [y for y in mentions if y.kind == "year" and y.ev.sentence_index == m.ev.sentence_index]
    ref = refers_to(m, norm, years, lex.events)
    if ref is not None:
        m.refers_to, m.refers_to_precision = ref.when, ref.precision
        if m.is_us_troop_level and m.level == "current" and (ref.past or ref.peak):
            m.level = "peak" if ref.peak else "past"
        m.ev.note("refers_to", ref.when, ref.why)
    elif pub is not None:
        m.refers_to, m.refers_to_precision = pub, pub_precision
        m.ev.note("refers_to", pub, "no time in the sentence: the publication date")


def _decimal_marks(text: str, norm: str, omap: Any) -> set[int]:
    """Positions of digit runs written with the Arabic decimal separator ٫ (always a decimal)."""
    marks: set[int] = set()
    if "\u066b" in text:
        for m in re.finditer(r"[0-9]+(?:[.,][0-9]+)+", norm):
            s, e = omap.to_source(m.start(), m.end())
            if "\u066b" in text[s:e]:
                marks.add(m.start())
    return marks


class _Sentences:
    """The sentence spans of the normalised text (:func:`helpers.arabic.clauses.split_sentences`,
    which also ends a sentence at every line break), split once, on the first candidate."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.spans: list[tuple[int, int]] | None = None

    def index(self, position: int) -> int:
        """The index of the sentence holding ``position``."""
        if self.spans is None:
            self.spans = split_sentences(self.norm) or [(0, len(self.norm))]
        return max(0, bisect.bisect_right(self.spans, (position, len(self.norm) + 1)) - 1)

    def containing(self, position: int) -> tuple[int, int]:
        """The span of the sentence holding ``position``."""
        k = self.index(position)
        assert self.spans is not None
        return self.spans[k]


# --------------------------------------------------------------------------------------------
# Stage 5, across mentions

def coordinate(mentions: list[NumberMention], norm: str) -> None:
    """A count that continues the previous count of its sentence inherits what it lacks.

    Two cases: joined by و (نحو 2500 جندي أميركي في العراق و900 جندي في سوريا), or a bare number
    with a place after a comma or إضافة إلى (2500 عسكري، إضافة إلى 900 في سوريا).

    A count followed by آخرين / آخرون / أخرى ("others") and joined to the previous count by و,
    أو, a comma or an additive connective (إضافة إلى, فضلا عن) continues it (2500 جندي في العراق
    وحوالي 900 آخرين في سوريا): with no cue of its own it takes that count's troop-level decision
    (``level_of``) as well as its who / unit / where; its own cue still decides (وأرسلت 900 آخرين
    is a flow, ويوجد 900 آخرون a level). Not joined to a count, "others" means "more": إرسال 500
    جندي آخرين is a flow.

    Example:
        >>> from helpers.numbers import find_number_mentions
        >>> [(m.who, m.where) for m in find_number_mentions("يوجد 2500 جندي أمريكي في العراق و900 في سوريا")]
        [('us', 'iraq'), ('us', 'syria')]
    """
    previous_count = None
    for cur in mentions:
        prev = previous_count
        if cur.kind != "count":
            continue
        previous_count = cur
        ce = cur.ev
        same = prev is not None and ce.sentence_index == prev.ev.sentence_index
        between = norm[prev.ev.n_end:ce.n_start] if same and prev is not None else ""
        others_joined = ce.others and same and len(between) <= COORDINATION_REACH \
            and not _SENTENCE_BREAK.search(between) and _JOINED.search(between) is not None
        if ce.others and not others_joined and ce.cue not in CASUALTIES:
            ce.cue, ce.cue_word = "deploy", "آخرين"
            ce.note("cue", "deploy", "'others' not joined to a count: more troops, a flow")
        if not same or prev is None:
            continue
        pe = prev.ev
        nationality_alone = any(why == "a nationality word counted by the number" for _, _, why in ce.trace)
        if nationality_alone and prev.unit_category == "force" \
                and len(between) <= COORDINATION_REACH and not _SENTENCE_BREAK.search(between):
            # 13 ألف جندي بينهم 8 آلاف أمريكي: a nationality alone counts the same force
            cur.unit, cur.unit_category = prev.unit, prev.unit_category
            ce.subset_of_force = pe.cue not in CASUALTIES
            cur.where = cur.where or prev.where
            ce.note("unit", str(cur.unit), "a nationality alone after a force count counts the same force")
        inherit_level = others_joined and ce.cue is None
        if cur.who is None and prev.who is not None and cur.unit_category == "force" \
                and prev.unit_category == "force" and not _SENTENCE_BREAK.search(norm, pe.n_end, ce.n_start):
            cur.who = prev.who  # أرسلت 3 آلاف جندي أمريكي ليرتفع عدد القوات إلى 5 آلاف
            ce.note("who", str(prev.who), "the same force as the previous count of the sentence")
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
            ce.cue = ce.cue or pe.cue
            ce.cue_word = ce.cue_word or pe.cue_word
            pe.target = ce.target = True  # the figure before and the figure after the change
            pe.change_from = True
            ce.note("coordinate", "change", "من N إلى M: both figures are levels of one change")
            continue
        elliptic = cur.unit is None and cur.where is not None and prev.unit is not None \
            and len(between) <= ELLIPSIS_REACH and not _SENTENCE_BREAK.search(between)
        if not elliptic and not others_joined and (
                not ce.coordinated or CLAUSE_BREAK.search(between) or len(between) > COORDINATION_REACH):
            continue
        if elliptic and not ce.coordinated and cur.qualifier == "exact":
            ce.qualifier_before = True  # keep its own (exact) qualifier below
        if cur.unit is None:
            cur.unit, cur.unit_category = prev.unit, prev.unit_category
        if inherit_level and pe.cue in CASUALTIES and cur.unit_category in ("force", "combatant", "person"):
            cur.unit = prev.unit  # قتل 3 جنود و5 جنود آخرين: the others were killed too
        if cur.unit != prev.unit:
            continue
        ce.note("coordinate", "continues", "joined to the previous count: takes what it lacks from it")
        if inherit_level:
            ce.level_of = prev
        if cur.who is None:
            cur.who = prev.who
        if ce.coordinated and cur.qualifier == "exact" and pe.qualifier_before \
                and prev.qualifier not in ("exact", "vague"):
            cur.qualifier = prev.qualifier
        if cur.where is None:
            cur.where = prev.where
        if ce.cue is None:
            ce.cue, ce.cue_word = pe.cue, pe.cue_word


def infer_from_context(mentions: list[NumberMention], norm: str, lex: NumberLexicon, context: str = "") -> None:
    """A force count with no nationality in its sentence takes the one the article is about.

    The article context is the headline (``context``) and up to :data:`ARTICLE_CONTEXT_REACH`
    characters before the sentence: when the last actor named there is the US (or the
    coalition) and the count's own sentence names no other actor, ``who`` is that actor and
    ``inferred`` is True (ويتمركز في البلاد حالياً قرابة 40 ألف جندي, after a headline about US
    forces). With no place in the sentence ("in the country", "there"), ``where`` is the last
    place named in that context (also inferred).

    Example:
        >>> from helpers.numbers import find_number_mentions
        >>> m = find_number_mentions("ويتمركز في البلاد حالياً قرابة 40 ألف جندي.",
        ...                          context="القوات الأمريكية في العراق")[0]
        >>> (m.who, m.where, m.inferred, m.is_us_troop_level)
        ('us', 'iraq', True, True)
    """
    head: str | None = None
    for m in mentions:
        if m.kind != "count" or m.unit_category != "force" or m.who is not None or m.ev.cue in CASUALTIES:
            continue
        s0 = m.ev.sentence_index
        sentence_end = norm.find("\n", m.ev.n_end)
        sentence = norm[s0:sentence_end if sentence_end >= 0 else len(norm)]
        if lex.actors.search(sentence):
            continue  # the sentence names someone else: no inference
        if head is None:
            head = normalize_for_matching(context) if context else ""
        window = head + "\n" + norm[max(0, s0 - ARTICLE_CONTEXT_REACH):s0]
        last = None
        for found in lex.actors.finditer(window):
            last = found
        if last is None:
            continue
        who = lex.actor_of.get(last.group("form"))
        if who not in ("us", "coalition"):
            continue
        m.who, m.inferred = who, True
        m.ev.inferred_from = last.group().strip()
        m.ev.note("who", who, f"inferred: the article context last names {m.ev.inferred_from!r}")
        if m.where is None:
            place = None
            for found in lex.places.finditer(window):
                place = lex.place_of.get(found.group("form"), place)
            if place is not None:
                m.where = place
                m.ev.note("where", place, "inferred: the sentence names no place; the article context names it last")


#: "The country" / "there" / "on its territory": a place word that names no place by itself.
_DEICTIC_PLACE = re.compile(r"(?<!\w)(?:[وفب]?(?:ال)?بلاد|[وفب]?البلد|هناك|[وفب]?اراضيها|[وفب]?اراضيه)(?!\w)")


def place_of_the_country(mentions: list[NumberMention], norm: str, lex: NumberLexicon, context: str = "") -> None:
    """"In the country" / "there" after a US force count is the place named last before it (in
    its sentence, the article before it, or the headline); ``inferred`` marks it.

    Example:
        >>> from helpers.numbers import find_number_mentions
        >>> m = find_number_mentions("نشرت الحكومة العراقية قواتها في الموصل، بينما تحتفظ واشنطن بـ5 آلاف جندي في البلاد")[-1]
        >>> (m.value, m.where, m.inferred)
        (5000, 'iraq', True)
    """
    for m in mentions:
        if m.kind != "count" or m.unit_category != "force" or m.where is not None or m.who not in ("us", "coalition"):
            continue
        if not _DEICTIC_PLACE.search(norm, m.ev.n_end, min(len(norm), m.ev.n_end + 40)):
            continue
        window = (normalize_for_matching(context) if context else "") + "\n" + \
            norm[max(0, m.ev.n_start - ARTICLE_CONTEXT_REACH):m.ev.n_start]
        place = None
        for found in lex.places.finditer(window):
            place = lex.place_of.get(found.group("form"), place)
        if place is not None:
            m.where, m.inferred = place, True
            m.ev.note("where", place, "inferred: 'the country' / 'there' is the place named last before the count")


def is_us_troop_level_claim(mention: NumberMention) -> bool:
    """Whether a mention states how many US (or US-led coalition) troops are/were/will be in a place.

    The decision of the first applicable rule of :data:`helpers.numbers.levels.LEVEL_RULES`
    (its reason is the mention's ``level_reason``).

    Example:
        >>> m = find_number_mentions("أرسلت واشنطن 450 مستشارا أمريكيا إضافيا إلى العراق")[0]
        >>> is_us_troop_level_claim(m)
        False
    """
    return decide_level(mention).is_level


# --------------------------------------------------------------------------------------------
# Tables

_INT_COLUMNS = ("start", "end", "sentence_id")
_BOOL_COLUMNS = ("is_us_troop_level", "inferred")


@lru_cache(maxsize=1)
def _text_dtype() -> Any:
    """pandas' default dtype for text (``"str"``: python or pyarrow storage, NaN for missing)."""
    return pd.Series([""], dtype="str").dtype


def _frame(records: list[tuple], columns: list[str]) -> pd.DataFrame:
    """The table from row tuples: int64 offsets, nullable Int64 values, bools, pandas' str for text."""
    data: dict[str, Any] = {}
    cols = list(zip(*records)) if records else [() for _ in columns]
    for column, values in zip(columns, cols):
        if column in _INT_COLUMNS:
            data[column] = np.array(values, dtype=np.int64)
        elif column in ("value", "value_high"):
            missing = np.array([v is None for v in values], dtype=bool)
            data[column] = pd.arrays.IntegerArray(
                np.array([0 if v is None else v for v in values], dtype=np.int64), missing)
        elif column in _BOOL_COLUMNS:
            data[column] = np.array(values, dtype=bool)
        else:
            data[column] = pd.array(np.array([np.nan if v is None else v for v in values], dtype=object),
                                    dtype=_text_dtype())
    return pd.DataFrame(data, copy=False)


def _row(m: NumberMention) -> tuple:
    return (m.surface, m.start, m.end, m.value, m.value_high, m.kind, m.qualifier, m.unit, m.unit_category,
            m.who, m.where, m.is_us_troop_level, m.level, m.level_reason, m.refers_to, m.refers_to_precision,
            m.inferred, m.sentence_id, m.sentence)


def extract_numbers(text: str, context: str = "", published: object = None) -> pd.DataFrame:
    """One row per numeric expression in ``text`` (columns :data:`COLUMNS`, sorted by start).

    ``start``/``end`` index ``text``; ``surface`` is ``text[start:end]`` (from a leading
    qualifier through the counted noun); ``value``/``value_high`` are nullable integers
    (ranges fill ``value_high``; vague quantities hold their bounds). ``context`` and
    ``published`` as in :func:`find_number_mentions`.

    Example:
        >>> extract_numbers("أرسلت واشنطن ما يصل إلى 300 مستشار عسكري")[["surface", "value", "qualifier", "unit"]].values.tolist()
        [['ما يصل إلى 300 مستشار', 300, 'up_to', 'advisers']]
    """
    return _frame([_row(m) for m in find_number_mentions(text, context, published)], COLUMNS)


def extract_numbers_corpus(articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`extract_numbers` over a frame of articles (``article_id``, ``text``; optional
    ``title`` as context, ``published`` (with ``date_precision``) as the default time referred to).

    Returns the same columns with ``article_id`` first, sorted by article_id, start. Built
    from row tuples with the garbage collector paused (one frame at the end).

    Example:
        >>> arts = pd.DataFrame({"article_id": ["b", "a"], "text": ["عشرة مقاتلين", "4 فبراير"]})
        >>> extract_numbers_corpus(arts)[["article_id", "value", "kind"]].values.tolist()
        [['a', 4, 'date'], ['b', 10, 'count']]
    """
    missing = {"article_id", "text"} - set(articles.columns)
    if missing:
        raise KeyError(f"articles frame lacks column(s) {sorted(missing)}; pass corpus.load_corpus().articles")
    n = len(articles)
    titles = articles["title"].tolist() if "title" in articles.columns else [""] * n
    published = articles["published"].tolist() if "published" in articles.columns else [None] * n
    precisions = articles["date_precision"].tolist() if "date_precision" in articles.columns else [None] * n
    records: list[tuple] = []
    lex = load_number_lexicon()  # once per call: the files are checked, not per article
    enabled = gc.isenabled()
    gc.disable()
    try:
        for article_id, text, title, pub, precision in zip(articles["article_id"].tolist(), articles["text"].tolist(),
                                                           titles, published, precisions):
            context = title if isinstance(title, str) else ""
            for m in find_number_mentions(text if isinstance(text, str) else "", context, pub, lex, precision):
                records.append((article_id, *_row(m)))
    finally:
        if enabled:
            gc.enable()
    frame = _frame(records, ["article_id", *COLUMNS])
    return frame.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
