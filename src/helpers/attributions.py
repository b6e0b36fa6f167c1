"""Attributions: who is cited, and with which reporting verb.

An analysis over a frame of articles (``article_id``, ``text``) with two lexicons:
``corpus/lexicons/attribution_verbs.csv`` (reporting verbs and prepositions: قال, أعلن, أكد,
زعم, ادعى, اعترف, بحسب, نقلت ... عن, in their inflected forms, each with a verb class: neutral,
distancing or conceding) and ``corpus/lexicons/cited_sources.csv`` (source names and their
source type: US government, Iraqi government, Iranian or aligned, armed groups, Western / Arab /
Iraqi state media, anonymous). :func:`attributions` links each reporting verb to its cited
source, typed by :func:`classify_source`, which reuses the actor lexicon (:mod:`helpers.actors`,
through its public ``load_actor_lexicon`` and ``find_actor_mentions``) where a source is an
actor. :func:`cited_source_shares`, :func:`verb_class_by_source_type` and
:func:`verb_classes_by_outlet` summarise; :func:`helpers.presentation.source_bias_plots.plot_cited_sources` draws the composition.

Verb forms are matched by the Arabic layer's term matcher (:mod:`helpers.arabic.matcher`; verbs
take only و ف; nouns the proclitics and the article). The cited source is a noun phrase found next to the verb; the rules
are in :func:`attributions`.

Unnamed sources. ``source_type`` is the side a source speaks for, and whether it is named is a
separate boolean column, ``anonymous``: True for an unnamed head noun (مسؤول, مصادر, متحدث باسم,
قيادي في ...) that names no person, or with an anonymity cue (طلب عدم الكشف عن هويته, لم يرد
اسمه, فضل عدم ذكر اسمه). An unnamed official of a stated body takes the body's type: مسؤول في
كتائب حزب الله -> armed_groups, مصادر في وزارة الدفاع العراقية -> iraqi_government, مسؤول عسكري
أمريكي -> us_government (anonymous = True in all three). ``source_type = "anonymous"`` is left
only for unnamed sources with no stated affiliation (مصدر أمني, مصادر مطلعة, دبلوماسي غربي).
Decision on nationality adjectives: they type an unnamed *official* (مسؤول عراقي ->
iraqi_government), but an unnamed *source* (مصدر, مصادر) only together with an institutional
qualifier (مصدر أمني عراقي, مصادر عسكرية أمريكية -> the government; مصادر عراقية stays
anonymous: Iraqi sources may be politicians, faction members or journalists); the word lists
are ``head``, ``head_source``, ``head_indefinite`` and ``qualifier`` rows of
``cited_sources.csv``. A later definite reference (وقال المسؤول) takes the type of the latest
earlier unnamed source of the article with the same head noun. (Before this change unnamed
officials were typed ``anonymous`` with their side in ``source_affiliation``; that column is
kept, now equal to ``source_type`` for an unnamed source with an affiliation, else empty.)

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["وزعمت واشنطن أن الضربة دقيقة."]})
    >>> attributions(arts)[["verb", "verb_class", "source_surface", "source_type"]].values.tolist()
    [['وزعمت', 'distancing', 'واشنطن', 'us_government']]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from helpers.arabic.clauses import split_sentences
from helpers.arabic.clitics import QUOTES as _QUOTES
from helpers.arabic.clitics import word_stems
from helpers.arabic.lexicon import Schema, cached_by_content, lexicon_file, load_lexicon, split_forms
from helpers.arabic.matcher import Match, Term, TermMatcher, longest_first, text_words
from helpers.arabic.normalize import NormalizedText, normalize_for_matching, normalize_with_offsets
from helpers.arabic.tokens import Tokens
from helpers.stats import collector_paused, outlet_labels, require_columns

__all__ = [
    "VERB_LEXICON",
    "SOURCE_LEXICON",
    "SOURCE_TYPES",
    "VERB_CLASSES",
    "ATTRIBUTION_COLUMNS",
    "load_attribution_verbs",
    "load_cited_sources",
    "classify_source",
    "attributions",
    "cited_source_shares",
    "verb_class_by_source_type",
    "verb_classes_by_outlet",
]

VERB_LEXICON = "attribution_verbs.csv"
SOURCE_LEXICON = "cited_sources.csv"

#: Source types, in the order used for tables and figures.
SOURCE_TYPES = (
    "us_government", "iraqi_government", "iranian_or_aligned", "armed_groups",
    "western_media", "arab_media", "iraqi_state_media", "anonymous", "other", "unknown",
)
#: ``neutral`` (قال, أعلن, نفى), ``distancing`` (زعم, ادعى, ادعاءات), ``conceding`` (اعترف).
VERB_CLASSES = ("neutral", "distancing", "conceding")

_VERB_COLUMNS = ("lemma", "forms", "kind", "verb_class", "requires", "context", "gloss_en", "note")
_VERB_KINDS = ("verb", "participle", "noun", "phrase", "preposition")
_VERB_CONTEXTS = ("", "complement", "clause_start", "clause_start|complement")
_SOURCE_COLUMNS = ("alias", "source_id", "source_type", "match", "gloss_en", "note")
_SOURCE_MATCHES = ("name", "exact", "nisba", "head", "head_source", "head_indefinite", "qualifier", "cue", "office",
                   "actor", "type_label")

ATTRIBUTION_COLUMNS = [
    "article_id", "verb", "verb_lemma", "verb_class", "source_surface", "source_type", "source_id",
    "source_actor_id", "source_affiliation", "anonymous", "conduit", "conduit_type", "resolution",
    "start", "end", "source_start", "source_end", "sentence_id", "sentence",
]


# --------------------------------------------------------------------------------------------
# Lexicons

def _check_forms(row: dict[str, str]) -> list[str]:
    return [f"form {form!r} is empty after normalisation; remove it"
            for form in split_forms(row.get("forms", ""), row.get("lemma", "")) if not normalize_for_matching(form).strip()]


VERB_SCHEMA = Schema(columns=_VERB_COLUMNS, required=("lemma", "forms", "kind", "verb_class", "gloss_en"),
                     choices={"kind": _VERB_KINDS, "verb_class": VERB_CLASSES, "context": _VERB_CONTEXTS},
                     row_check=_check_forms)
SOURCE_SCHEMA = Schema(columns=_SOURCE_COLUMNS, required=("alias", "source_id", "source_type", "match", "gloss_en"),
                       choices={"source_type": SOURCE_TYPES, "match": _SOURCE_MATCHES})


def load_attribution_verbs() -> pd.DataFrame:
    """The reporting verbs ``corpus/lexicons/attribution_verbs.csv``, validated.

    Columns: lemma, forms (``|``-separated inflected forms), kind (verb, participle, noun, phrase,
    preposition), verb_class (neutral / distancing / conceding), requires (``عن`` for نقل: only
    counted as "X relayed from Y"), context (empty, or a condition for forms that are often not
    reporting: ``complement`` = a complementizer أن / إن, a colon, a quotation mark or قائلا
    follows within a few words, as in رأى الخبير أن, not رأي الخبراء; ``clause_start`` = the verb
    opens a clause: it has و / ف, or follows punctuation or the start of the sentence, as in
    وجدد الوزير, not أعضاء جدد), gloss_en, note; plus ``forms_list`` and ``line`` (in the file).
    Every problem is reported at once (``attribution_verbs.csv:LINE: problem``); an edit takes
    effect on the next call.

    Example:
        >>> verbs = load_attribution_verbs()
        >>> sorted(set(verbs.loc[verbs["lemma"] == "زعم", "verb_class"]))
        ['distancing']
    """
    table = load_lexicon(VERB_LEXICON, VERB_SCHEMA)
    table["forms_list"] = [split_forms(forms, lemma) for forms, lemma in zip(table["forms"], table["lemma"])]
    return table


def load_cited_sources() -> pd.DataFrame:
    """Cited-source names and their source type, ``corpus/lexicons/cited_sources.csv``, validated.

    Columns: alias (Arabic), source_id, source_type (one of :data:`SOURCE_TYPES`), match, gloss_en,
    note. ``match`` says how a row is used: ``name`` anywhere in the source phrase, ``exact`` only
    as the whole phrase (الجزيرة, العربية), ``nisba`` an adjective used as a fallback (أمريكي),
    ``head`` an unnamed head noun (مسؤول, دبلوماسي) that a nationality adjective alone affiliates
    (مسؤول أمريكي), ``head_source`` one that needs a ``qualifier`` too (مصدر أمني عراقي, not
    مصدر عراقي), ``head_indefinite`` one that is unnamed only without the article (متحدث باسم,
    قيادي في; المتحدث باسم البنتاغون names an office holder), ``qualifier`` an institutional
    adjective (أمني, عسكري, حكومي), ``cue`` an anonymity cue (لم يرد اسمه),
    ``office`` a generic office or title word (وزارة, المتحدث) ignored when a short definite
    reference (المتحدثة باسم وزارة الخارجية, الوزارة) is matched to a source named earlier in the
    article, ``actor`` an actor id of ``actors.csv`` whose descendants get this source type, and
    ``type_label`` the Arabic label of a source type in figures (never matched).

    Example:
        >>> src = load_cited_sources()
        >>> src.loc[src["alias"] == "رويترز", "source_type"].item()
        'western_media'
    """
    return load_lexicon(SOURCE_LEXICON, SOURCE_SCHEMA)


# --------------------------------------------------------------------------------------------
# Matchers

#: How each verb-lexicon kind takes clitics in the Arabic layer's model.
_VERB_CLITICS = {"verb": "conjunction", "participle": "conjunction", "noun": "noun", "phrase": "noun",
                 "preposition": "conjunction"}

_Found = tuple[int, int, int, str]   # (start, end, lexicon row, group) in a normalised sentence
_ActorSpan = tuple[int, int, str, str]   # an actor mention: (start, end, actor_id, surface) in the clean text


@dataclass(frozen=True)
class _LexiconMatcher:
    """A :class:`~helpers.arabic.matcher.TermMatcher` over the forms of a lexicon's rows, giving
    ``(start, end, row, group)`` with one match per row and start (its longest form)."""

    matcher: TermMatcher
    forms: dict[int, frozenset[str]]   # row -> its normalised forms (a match not among them has a clitic)

    def find(self, normalised: str) -> list[_Found]:
        return _per_row_and_start(self.matcher.find_all(normalised))


def _per_row_and_start(matches: Iterable[Match], shift: int = 0) -> list[_Found]:
    """The longest match per (row, start), as (start, end, row, group) sorted by row then start."""
    best: dict[tuple[int, int], Match] = {}
    for m in matches:
        key = (m.payload, m.start)
        if key not in best or m.end > best[key].end:
            best[key] = m
    return sorted(((m.start - shift, m.end - shift, int(m.payload), str(m.group)) for m in best.values()),
                  key=lambda f: (f[2], f[0]))


def _lexicon_matcher(rows: Iterable[tuple[int, str, tuple[str, ...], str]]) -> _LexiconMatcher:
    terms: list[Term] = []
    forms: dict[int, frozenset[str]] = {}
    for row, group, row_forms, clitics in rows:
        ordered = sorted(row_forms, key=lambda f: -len(normalize_for_matching(f)))
        terms.extend(Term(f, row, clitics, group) for f in ordered)
        forms[row] = frozenset(normalize_for_matching(f) for f in row_forms)
    return _LexiconMatcher(TermMatcher(terms), forms)


def _longest_first(matches: Iterable[_Found]) -> list[_Found]:
    """Keep the longest matches, no two overlapping (ties: the earlier one); sorted by start."""
    found = list(matches)
    groups = {(start, end, row): group for start, end, row, group in found}
    kept = longest_first(Match(start, end, row, None, row) for start, end, row, _ in found)
    return [(m.start, m.end, m.payload, groups[(m.start, m.end, m.payload)]) for m in kept]


@dataclass
class _Lexicons:
    """The two attribution lexicons (and the actor hierarchy) compiled once per content."""

    verbs: pd.DataFrame
    verb_rows: list[dict[str, Any]]
    src_rows: list[dict[str, Any]]
    verb_matcher: _LexiconMatcher
    source_matcher: _LexiconMatcher
    tables: _SourceTables
    office_words: frozenset[str]
    parents: dict[str, str]
    persons: frozenset[str]
    found: dict[str, tuple[_Found, ...]] = field(default_factory=dict)   # sentence -> its source matches
    # (actor_id, surface) -> (source type, word variants, last word) of an actor antecedent, None if untyped
    actor_names: dict[tuple[str, str], tuple[tuple[str, str], frozenset[str], str] | None] = \
        field(default_factory=dict)


def _build_lexicons() -> _Lexicons:
    from helpers import actors

    verbs = load_attribution_verbs()
    src = load_cited_sources()
    verb_matcher = _lexicon_matcher((i, "verb", forms, _VERB_CLITICS[kind])
                                    for i, (forms, kind) in enumerate(zip(verbs["forms_list"], verbs["kind"])))
    source_matcher = _lexicon_matcher((i, match, (alias,), "noun") for i, (alias, match) in
                                      enumerate(zip(src["alias"], src["match"]))
                                      if match not in ("actor", "type_label", "office"))

    def words(*matches: str) -> frozenset[str]:
        return frozenset(normalize_for_matching(a) for a in src.loc[src["match"].isin(matches), "alias"])

    exact = {normalize_for_matching(r["alias"]): (r["source_type"], r["source_id"])
             for _, r in src[src["match"] == "exact"].iterrows()}
    actor = {r["alias"]: (r["source_type"], r["source_id"]) for _, r in src[src["match"] == "actor"].iterrows()}
    tables = _SourceTables(words("head", "head_source", "head_indefinite"), words("head_source"),
                           words("head_indefinite"), words("qualifier"), words("nisba"), exact, actor)
    office = frozenset(v for a in src.loc[src["match"] == "office", "alias"]
                       for v in _strip_clitics(normalize_for_matching(a)))
    lexicon = actors.load_actor_lexicon()
    return _Lexicons(
        verbs=verbs, verb_rows=verbs.to_dict("records"), src_rows=src.to_dict("records"),
        verb_matcher=verb_matcher, source_matcher=source_matcher, tables=tables, office_words=office,
        parents=dict(zip(lexicon["actor_id"], lexicon["parent"].fillna(""))),
        persons=frozenset(lexicon.loc[lexicon["type"] == "person", "actor_id"]))


_ACTIVE: ContextVar[_Lexicons | None] = ContextVar("attribution_lexicons", default=None)


def _lex() -> _Lexicons:
    """The compiled lexicons: those fixed for the running :func:`attributions` call, else the
    current files' (re-compiled when any of the three CSVs changes)."""
    active = _ACTIVE.get()
    if active is not None:
        return active
    files = [lexicon_file(VERB_LEXICON), lexicon_file(SOURCE_LEXICON), lexicon_file("actors.csv")]
    return cached_by_content(files, _build_lexicons, key="attributions._build_lexicons")


def _verb_matcher() -> _LexiconMatcher:
    return _lex().verb_matcher


def _find_sources(normalised: str) -> tuple[_Found, ...]:
    """Cited-source alias matches in a normalised sentence (memoised per compiled lexicon)."""
    lex = _lex()
    found = lex.found.get(normalised)
    if found is None:
        found = tuple(lex.source_matcher.find(normalised))
        if len(lex.found) > 4096:
            lex.found.clear()
        lex.found[normalised] = found
    return found


# --------------------------------------------------------------------------------------------
# Attributions: who is cited, with which verb

# Grammar words used to delimit the cited source's noun phrase (normalised spellings). These are
# closed-class function words, not lexicon entries, so they live here.
_COMPLEMENTIZERS = frozenset(
    "ان انه انها انهم انهما اننا انني انكم بان بانه بانها بانهم فان فانه وان وانه لان".split())
_DAYS = frozenset("الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت".split())
_STOP_FORWARD = _COMPLEMENTIZERS | _DAYS | frozenset(
    ("عن الي علي خلال امس ايضا اليوم قبل بعد منذ مؤخرا حول بشان بينما فيما حيث لكن ولكن "
     "قوله قولها قولهم ضد عبر مع بيانا تصريحا الذي التي الذين مفضلا مفضله طالبا شريطه وهو وهي "
     "كما اذ لدي امام عقب اثر تجاه نحو فيه فيها لنا له لها لهم طلب رفض صدر صادر الصادر").split())
_LEADING_SKIP = _DAYS | frozenset("اليوم امس ايضا كذلك مجددا لنا له لها لهم بدوره بدورها بدورهم".split())
_SPEECH_EVENTS = frozenset(
    ("بيان بيانا بيانه بيانها تصريح تصريحات تصريحه تصريحاته اخطار كلمه مؤتمر حديث اشاره لقاء "
     "مقابله رساله تغريده منشور تقرير تقريره تقريرها ندوه جلسه اجتماع").split())
_QUANTIFIERS = frozenset("احد احدي عدد عده بعض من كبار اثنين اثنان ثلاثه اربعه خمسه سته عشرات".split())
_COPULA = frozenset("كان وكان كانت وكانت قد وقد لقد".split())
_TOLD_TO = frozenset("للصحافيين للصحفيين لوكاله لقناه لصحيفه لموقع لوسائل لمجله".split())
_ISSUED = frozenset("صدر صادر الصادر".split())
_MEDIUM_NOUNS = frozenset("لوكاله لقناه لصحيفه لموقع لمجله لشبكه لاذاعه".split())
_VERB_PARTICLES = frozenset("قد لقد وقد فقد".split())
_NEGATIONS = frozenset("لا لم لن ولا ولم ولن فلا فلم فلن".split())
_RELATIVES = frozenset("الذي التي الذين اللذين اللتين اللواتي".split())
_PARTICLE_PRONOUN = re.compile(r"[وف]?(?:لكن|ان|لان|كان|بان)(?:ه|ها|هم|هما|هن|ني|نا)")   # لكنها, إنه: the subject is a pronoun
_WHAT = frozenset("ما لما بما".split())
_HEAD_LINKS = frozenset("في من داخل لدي باسم".split())   # متحدث باسم, قيادي في: the body follows
_NP_MAX_WORDS = 7
_ANONYMITY_WINDOW = 12


@dataclass
class _Source:
    surface: str = ""
    source_type: str = "unknown"
    source_id: str = ""
    actor_id: str = ""
    affiliation: str = ""
    anonymous: bool = False
    head: str = ""
    start: int = -1
    end: int = -1


def _strip_clitics(word: str) -> frozenset[str]:
    """The word and its stems under the Arabic layer's clitic model (و ف ب ل ك ال لل)."""
    return word_stems(word)


@dataclass(frozen=True)
class _SourceTables:
    heads: frozenset[str]             # every unnamed head noun (head, head_source, head_indefinite)
    source_heads: frozenset[str]      # مصدر, مصادر: a nationality adjective alone does not type them
    indefinite_heads: frozenset[str]  # متحدث, قيادي: unnamed only without the article
    qualifiers: frozenset[str]        # أمني, عسكري: make a nationality adjective type a مصدر
    nisbas: frozenset[str]            # أمريكي, عراقي
    exact: dict[str, tuple[str, str]]
    actor: dict[str, tuple[str, str]]


def _source_tables() -> _SourceTables:
    """The word lists and lookups of ``cited_sources.csv`` used to type a source phrase."""
    return _lex().tables


def _actor_parents() -> dict[str, str]:
    return _lex().parents


def _actor_source_type(actor_id: str) -> tuple[str, str] | None:
    by_actor = _source_tables().actor
    parents = _actor_parents()
    current, seen = actor_id, set()
    while current and current not in seen:
        if current in by_actor:
            return by_actor[current]
        seen.add(current)
        current = parents.get(current, "")
    return None


def _person_actors() -> frozenset[str]:
    return _lex().persons


def _anonymous_head(words: list[str], *, definite: bool = False) -> str:
    """The unnamed head noun opening a phrase (after quantifiers), as normalised in the lexicon, or "".

    مسؤول, مصادر, أحد المسؤولين. A ``head_indefinite`` noun (متحدث, قيادي, ضابط, عضو) counts only
    without the article (المتحدث باسم البنتاغون names an office holder) and when a preposition,
    a qualifier or a nationality adjective follows within two words (متحدث باسم, قيادي بارز في,
    ضابط عراقي; not عضو لجنة الأمن والدفاع مهدي تقي, a title before a name). With ``definite``
    the article is allowed (القيادي في العصائب: the phrase goes on after في).
    """
    tables = _source_tables()
    for k, word in enumerate(words):
        if word in _QUANTIFIERS or word.isdigit() or not word[0].isalnum():
            continue
        found = _strip_clitics(word) & tables.heads
        if not found:
            return ""
        if found <= tables.indefinite_heads:
            bare = word[1:] if word[:1] in "وف" and len(word) > 2 else word
            if bare.startswith(("ال", "لل")) and not definite:
                return ""
            following = words[k + 1:k + 3]
            if not any(w in _HEAD_LINKS or _strip_clitics(w) & (tables.qualifiers | tables.nisbas)
                       for w in following):
                return ""
        return min(found, key=len)
    return ""


def _is_anonymous_head(words: list[str]) -> bool:
    return bool(_anonymous_head(words))


def classify_source(phrase: str, after: str = "") -> dict[str, str | bool]:
    """Type the cited source named by ``phrase`` (Arabic, as written); ``after`` is the text right after it.

    Order: a named source of ``cited_sources.csv`` (the first in the phrase; ``exact`` names only
    as the whole phrase), then an actor of ``actors.csv`` (typed by its nearest ancestor listed in
    ``cited_sources.csv``), then a nationality adjective (أمريكي -> us_government; for an unnamed
    مصدر / مصادر only with a qualifier such as أمني); otherwise ``anonymous`` for an unnamed
    source, ``other`` (or ``unknown`` for an empty phrase). ``anonymous`` is True when the phrase
    starts with an unnamed head noun (مسؤول, مصادر, متحدث, قيادي ...) and names no person (an
    actor of type person), or an anonymity cue such as لم يرد اسمه is in the phrase or in
    ``after`` before the statement (أن, إن, a colon). ``source_affiliation`` repeats the type of
    an unnamed source's affiliation (empty for named sources and unaffiliated unnamed ones).

    Returns a dict with source_type, source_id, source_actor_id, source_affiliation, anonymous.

    Example:
        >>> got = classify_source("مسؤول في كتائب حزب الله")
        >>> got["source_type"], got["anonymous"]
        ('armed_groups', True)
        >>> classify_source("وكالة «رويترز»")["source_type"]
        'western_media'
    """
    text = f"{phrase} {after}".strip()
    normal = normalize_with_offsets(text)
    tokens = Tokens(normal.text)
    phrase_end = len(normalize_for_matching(phrase).rstrip())
    last = tokens.at(max(phrase_end - 1, 0)) + 1 if phrase.strip() else 0
    actor_mentions = _actor_mentions(text)
    source = _classify(normal.text, tokens, 0, last, text, 0, normal, actor_mentions)
    return {"source_type": source.source_type, "source_id": source.source_id,
            "source_actor_id": source.actor_id, "source_affiliation": source.affiliation,
            "anonymous": source.anonymous}


_DROP_QUOTES = {ord(q): None for q in _QUOTES}


def _count_quotes(text: str) -> int:
    """How many quotation marks (:data:`~helpers.arabic.clitics.QUOTES`, one character each) ``text`` holds."""
    return len(text) - len(text.translate(_DROP_QUOTES))


def _classify(norm: str, tokens: Tokens, a: int, b: int, sentence: str, sentence_start: int,
              normal: Any, actor_mentions: list[_ActorSpan] | None) -> _Source:
    """Classify the noun phrase tokens[a:b] of a normalised sentence."""
    source = _Source()
    if b <= a:
        return source
    cs, ce = tokens.starts[a], tokens.ends[b - 1]
    s, e = normal.to_source(cs, ce)
    if _count_quotes(sentence[s:e]) % 2 and e < len(sentence) and sentence[e] in _QUOTES:
        e += 1  # keep the closing quote of a quoted name: قناة "العربية"
    surface = sentence[s:e].strip()
    if _count_quotes(surface) % 2:
        surface = surface.strip(_QUOTES + " ")
    source.surface = surface
    source.start, source.end = sentence_start + s, sentence_start + e
    words = tokens.words[a:b]
    found = _find_sources(norm)
    src = _lex().src_rows
    # an anonymity cue in the phrase or shortly after it, before the statement itself (أن, إن, :)
    limit = min(b + _ANONYMITY_WINDOW, len(tokens))
    stop = next((k for k in range(b, limit) if tokens.words[k] in _COMPLEMENTIZERS or tokens.words[k] == ":"), limit)
    window_end = tokens.ends[stop - 1]
    cue = any(g == "cue" and cs <= m_start < window_end for m_start, _, _, g in found)
    tables = _source_tables()
    head = _anonymous_head(words)
    person = False
    # named sources: the first in the phrase, ties to the longest
    named = sorted((m for m in found if m[3] == "name" and cs <= m[0] < ce), key=lambda m: (m[0], m[0] - m[1]))
    bare = " ".join(w for w in words if w[0].isalnum())
    exact = tables.exact
    typed: tuple[str, str] | None = None
    if named:
        row = src[named[0][2]]
        typed = (row["source_type"], row["source_id"])
    else:
        for variant in _strip_clitics(bare) | {bare}:
            if variant in exact:
                typed = exact[variant]
                break
    if actor_mentions:
        inside = [m for m in actor_mentions if m[0] < source.end and m[1] > source.start]
        if inside:
            source.actor_id = inside[0][2]
            person = bool({m[2] for m in inside} & _person_actors())
            if typed is None:
                typed = _actor_source_type(source.actor_id)
    if typed is None:
        nisba = sorted(m for m in found if m[3] == "nisba" and cs <= m[0] < ce)
        # a nationality adjective types an unnamed official (مسؤول أمريكي), but an unnamed "source"
        # only with an institutional qualifier (مصدر أمني عراقي, not مصادر عراقية): see cited_sources.csv
        # or an institution named by an office word (مصادر داخل وزارتي الدفاع والخارجية الأمريكيتين)
        qualified = head not in tables.source_heads or any(
            _strip_clitics(w) & (tables.qualifiers | _office_words()) for w in words)
        if nisba and qualified:
            row = src[nisba[0][2]]
            typed = (row["source_type"], row["source_id"])
    source.anonymous = (bool(head) and not person) or cue
    source.head = head
    if typed:
        source.source_type, source.source_id = typed
        source.affiliation = typed[0] if source.anonymous else ""
    elif source.anonymous:
        source.source_type, source.source_id = "anonymous", "anonymous"
    else:
        source.source_type = "other"
    return source


def _forward_np(tokens: Tokens, i: int, told_to: set[int]) -> tuple[int, int]:
    """The noun phrase starting at token i: (a, b), empty if none.

    The phrase ends at punctuation, a complementizer (أن, إن), a preposition or time word, or
    after ``_NP_MAX_WORDS`` words, and is then cut after its last named source
    (بحسب كتائب حزب الله العراقي استئناف العمليات -> كتائب حزب الله العراقي).
    """
    n = len(tokens)
    words = tokens.words
    while i < n and (words[i] in _LEADING_SKIP or words[i] in _QUOTES):
        i += 1
    a, j, count = i, i, 0
    while j < n:
        word = words[j]
        if word in _QUOTES:
            j += 1
            continue
        if not word[0].isalnum() or word in _STOP_FORWARD:
            break
        if word in ("في", "وفي"):
            following = words[j + 1] if j + 1 < n else ""
            if not (_anonymous_head(words[a:j + 2], definite=True)) or following in _SPEECH_EVENTS \
                    or following in ("فيه", "فيها"):
                break
        if count and (word in _TOLD_TO or word == "ل" or j in told_to):
            break
        if count >= _NP_MAX_WORDS:
            break
        count += 1
        j += 1
    b = j
    while b > a and words[b - 1] in _QUOTES:
        b -= 1
    return a, _cut_after_name(tokens, a, b)


def _cut_after_name(tokens: Tokens, a: int, b: int) -> int:
    """End of the phrase tokens[a:b] cut after its last named source (and a nisba right after it).

    أعلنت الحكومة العراقية تشكيل لجنة -> الحكومة العراقية; a phrase without a name is kept whole.
    """
    if b <= a:
        return b
    cs, ce = tokens.starts[a], tokens.ends[b - 1]
    ends = [m[1] for m in _find_sources(tokens.text)
            if m[3] in ("name", "nisba") and cs <= m[0] < ce and m[1] <= ce]
    if not ends:
        return b
    end = tokens.at(max(ends) - 1) + 1
    if end < b and tokens.words[end].startswith("ال") and tokens.words[end].endswith(("ي", "يه")):
        end += 1
    return end


def _backward_np(tokens: Tokens, i: int, verb_tokens: set[int]) -> tuple[int, int]:
    """The subject before the verb at token i (SVO: سينغ أشارت; وكان مسؤول ... قد أشار)."""
    words = tokens.words
    j = i - 1
    opener = False
    while j >= 0 and (words[j] in _VERB_PARTICLES or words[j] in _NEGATIONS):
        opener = opener or words[j][0] in "وفل" and words[j] not in ("لا", "لم", "لن")
        j -= 1  # قد أشار, فقد لفت, لا يرى: particles of the verb, not its subject
    if j >= 0 and words[j] in ("،", ","):
        if opener:
            return i, i  # "، فقد لفت": a new clause, its subject is not before the comma
        j -= 1  # سينغ، أشارت; وكانت مصادر عراقية، قد أفادت
    b, count = j + 1, 0
    while j >= 0:
        word = words[j]
        if word in _QUOTES:
            j -= 1
            continue
        if not word[0].isalnum() or word in _COMPLEMENTIZERS or word in _WHAT or j in verb_tokens:
            break
        if word in ("بينما", "فيما", "حيث", "لكن", "ولكن", "اذ") or count >= _NP_MAX_WORDS \
                or word in _RELATIVES or _PARTICLE_PRONOUN.fullmatch(word) or word in ("الي", "علي", "عن", "مع", "منذ"):
            break
        count += 1
        j -= 1
    a = j + 1
    while a < b and (words[a] in _COPULA or words[a] in _QUOTES):
        a += 1
    while b > a and words[b - 1] in _COPULA | set(_QUOTES):
        b -= 1
    return a, b


def _told_to_positions(tokens: Tokens, found_sources: Iterable[_Found]) -> dict[int, int]:
    """Token index of a ل-word -> index of the medium told (قال ... لوكالة رويترز, لفرانس برس).

    Only media are told (الموالية لإيران is not "told Iran"), and never across a complementizer
    (قال للصحفيين إن واشنطن ...).
    """
    positions: dict[int, int] = {}
    src = _lex().src_rows
    names = [m for m in found_sources if m[3] in ("name", "exact")]
    for k, word in enumerate(tokens.words):
        if not word.startswith("ل") or len(word) == 2:
            continue
        if any(m[0] < tokens.starts[k] < m[1] for m in names):
            continue  # inside a longer name: القائد العام للقوات المسلحة
        for m_start, _, row, _ in names:
            first = tokens.at(m_start)
            medium = src[row]["source_type"] in _MEDIA_TYPES
            attached = first == k and tokens.text[m_start] == "ل" and medium      # لفرانس برس
            between = tokens.words[k + 1:first]
            separate = (word in _MEDIUM_NOUNS or word == "ل" or (word in _TOLD_TO and medium)) \
                and first in (k + 1, k + 2) and all(w in _QUOTES or w[0].isalnum() and w not in _COMPLEMENTIZERS
                                                    for w in between)  # لوكالة «رويترز», لـ"الجزيرة"
            if attached or separate:
                positions[k] = row
                break
    return positions


# --------------------------------------------------------------------------------------------
# Conditions on verbs and subjects, and sources typed by an earlier mention

_COMPLEMENT_WINDOW = 12
_MEDIA_TYPES = frozenset({"western_media", "arab_media", "iraqi_state_media"})
_SAYING = frozenset("قائلا قائله".split())
_CLAUSE_OPENERS = frozenset("قد وقد لقد كما وكما ثم".split())
_PREP_PRONOUN = re.compile(r"[وف]?[بلك]ه[امن]{0,2}")   # به بها بهم بهما بهن (and the garbled بهمن)
_PREP_ARTICLE = re.compile(r"[وف]?(?:بال|لل)\w")   # بالهجوم, للقوات: a prepositional phrase
_PREPOSITIONS = frozenset("من في علي الي عن مع منذ".split())
_DEFINITE = re.compile(r"[وف]?(?:[بكل]?ال|لل)\w")


def _looks_like_subject(word: str) -> bool:
    """False for the first word of a prepositional phrase (بها, بهمن, بالهجوم, من): not a subject."""
    return not (_PREP_PRONOUN.fullmatch(word) or _PREP_ARTICLE.match(word) or word in _PREPOSITIONS)


def _context_holds(tokens: Tokens, match: tuple[int, int, int, str],
                   matches: list[tuple[int, int, int, str]], context: str) -> bool:
    """Whether a verb match meets the ``context`` condition(s) of its lexicon row (see the loader)."""
    if not context:
        return True
    start, end, row, _ = match
    i, last = tokens.at(start), tokens.at(end - 1)
    for condition in context.split("|"):
        if condition == "clause_start":
            matched = tokens.text[start:end]
            prefixed = matched not in _verb_matcher().forms[row] and matched[:1] in "وف"
            opens = i == 0 or not tokens.is_word(i - 1) or tokens.words[i - 1] in _CLAUSE_OPENERS
            if not (prefixed or opens):
                return False
        elif condition == "complement":
            stop = min([tokens.at(m[0]) for m in matches if m[0] > start] + [len(tokens)])
            window = tokens.words[last + 1:min(stop, last + 1 + _COMPLEMENT_WINDOW)]
            if not any(w in _COMPLEMENTIZERS or w == ":" or w in _QUOTES or w in _SAYING for w in window):
                return False
    return True


def _office_words() -> frozenset[str]:
    return _lex().office_words


def _variants(words: list[str]) -> frozenset[str]:
    return frozenset(v for w in words for v in _strip_clitics(w))


_Antecedent = tuple[int, frozenset[str], tuple[str, str], str]


def _antecedent(start: int, normalised_name: str, typed: tuple[str, str]) -> _Antecedent:
    """(start, word variants, (type, id), last word if the name has two words or more)."""
    variants, last = _name_variants(normalised_name)
    return start, variants, typed, last


@lru_cache(maxsize=65536)
def _name_variants(normalised_name: str) -> tuple[frozenset[str], str]:
    words = re.findall(r"\w+", normalised_name)
    return _variants(words), words[-1] if len(words) > 1 else ""


def _remember_names(state: dict[str, Any], norm: str, normal: Any, sentence_start: int,
                    actor_mentions: list[_ActorSpan] | None) -> None:
    """Add the typed source names of a sentence to ``state["seen"]`` (antecedents of later references)."""
    src = _lex().src_rows
    seen = state.setdefault("seen", [])
    for m_start, m_end, row, group in _find_sources(norm):
        if group == "name":
            start = sentence_start + normal.to_source(m_start, m_end)[0]
            seen.append(_antecedent(start, norm[m_start:m_end], (src[row]["source_type"], src[row]["source_id"])))


def _antecedents(state: dict[str, Any], norm: str, normal: Any, sentence_start: int, a: int,
                 tokens: Tokens) -> list[_Antecedent]:
    """Typed source names before token ``a``: earlier sentences, this sentence, and actor mentions."""
    src = _lex().src_rows
    limit = tokens.starts[a] if a < len(tokens) else len(norm)
    found = list(state.get("seen", []))
    for m_start, m_end, row, group in _find_sources(norm):
        if group == "name" and m_end <= limit:
            start = sentence_start + normal.to_source(m_start, m_end)[0]
            found.append(_antecedent(start, norm[m_start:m_end], (src[row]["source_type"], src[row]["source_id"])))
    before = sentence_start + normal.to_source(limit, limit)[0]
    found.extend(antecedent for end, antecedent in state.get("actors", ()) if end <= before)
    return sorted(found, key=lambda f: f[0])


def _actor_antecedents(mentions: list[_ActorSpan] | None) -> list[tuple[int, _Antecedent]]:
    """(end, antecedent) of every actor mention typed by ``cited_sources.csv`` (see :func:`_antecedents`)."""
    if not mentions:
        return []
    found = []
    known = _lex().actor_names  # per compiled lexicon: the same actor surface recurs across articles
    if len(known) > 65536:
        known.clear()
    for start, end, actor_id, surface in mentions:
        key = (actor_id, surface)
        if key in known:
            name = known[key]
        else:
            typed = _actor_source_type(actor_id)
            name = known[key] = None if typed is None else (typed, *_name_variants(normalize_for_matching(surface)))
        if name is not None:
            typed, variants, last = name
            found.append((end, (start, variants, typed, last)))
    return found


def _type_by_antecedent(source: _Source, words: list[str], antecedents: list[_Antecedent]) -> str:
    """Type a definite, untyped source phrase by the latest earlier source name that contains it.

    المتحدثة باسم وزارة الخارجية after الخارجية الأمريكية, الوزارة after وزارة الدفاع الأمريكية:
    the phrase's words, office words (وزارة, المتحدثة, باسم) left out unless nothing else is left,
    must all occur in the earlier name. A phrase starting with an indefinite word that is the last
    word of a longer earlier name is that person (رسول after يحيى رسول): typed if the phrase is
    that word alone, else "surname" is returned and the caller cuts the phrase to it. Returns
    "reference", "surname" or "" (untouched). Anonymous and named sources are never retyped.
    """
    words = [w for w in words if w[0].isalnum()]
    if not words:
        return ""
    surname = len(words[0]) > 2 and not _DEFINITE.match(words[0])
    if surname:  # رسول after يحيى رسول: the first word is the last word of an earlier, longer name
        for _, _, (source_type, source_id), last in reversed(antecedents):
            if source_type not in ("anonymous", "other", "unknown") and words[0] == last:
                if len(words) == 1:
                    source.source_type, source.source_id = source_type, source_id
                return "surname"
    if not any(_DEFINITE.match(w) for w in words):
        return ""
    office = _office_words()
    needed = [w for w in words if not (_strip_clitics(w) & office)] or words
    for _, variants, (source_type, source_id), _ in reversed(antecedents):
        if source_type in ("anonymous", "other", "unknown"):
            continue
        if all(_strip_clitics(w) & variants for w in needed):
            source.source_type, source.source_id = source_type, source_id
            return "reference"
    return ""


def _addressee(tokens: Tokens, a: int, b: int,
               found_sources: tuple[tuple[int, int, int, str], ...]) -> tuple[int, tuple[int, int]] | None:
    """A medium named bare inside an anonymous source phrase is the one told (أبلغ مسؤول عراقي رويترز).

    Returns (new end of the source phrase, (start, end) tokens of the medium), or None. A medium
    after a preposition (مصدر في قناة الجزيرة: a source inside the channel) stays in the phrase.
    """
    if not _is_anonymous_head(tokens.words[a:b]):
        return None
    src = _lex().src_rows
    for m_start, m_end, row, group in found_sources:
        k = tokens.at(m_start)
        if group in ("name", "exact") and a < k < b and src[row]["source_type"] in _MEDIA_TYPES:
            if tokens.words[k - 1] in _PREPOSITIONS or tokens.words[k - 1] in ("داخل", "لدي") \
                    or not _looks_like_subject(tokens.words[k]) or tokens.words[k][0] in "بل":
                return None
            return k, (k, tokens.at(m_end - 1) + 1)
    return None


def _drop_preposition(source: _Source, tokens: Tokens, a: int, normal: Any, sentence: str,
                      sentence_start: int) -> None:
    """Drop the attached preposition ل of the first word from a source's surface (لوزارة -> وزارة)."""
    s, _ = normal.to_source(tokens.starts[a] + 1, tokens.ends[a])
    source.start = sentence_start + s
    source.surface = sentence[s:source.end - sentence_start].strip(_QUOTES + " ")


def _apposition_end(tokens: Tokens, b: int, found_sources: tuple[tuple[int, int, int, str], ...]) -> int | None:
    """End of a short named source in apposition after a comma (X، "جوي هود"، ...), or None."""
    if b >= len(tokens) or tokens.words[b] not in ("،", ","):
        return None
    a2, b2 = _forward_np(tokens, b + 1, set())
    if not 0 < b2 - a2 <= 3:
        return None
    cs, ce = tokens.starts[a2], tokens.ends[b2 - 1]
    if any(g == "name" and cs <= m0 and m1 <= ce for m0, m1, _, g in found_sources):
        end = b2
        while end < len(tokens) and tokens.words[end] in _QUOTES:
            end += 1
        return end
    return None


def _sentence_attributions(sentence: str, sentence_start: int, state: dict[str, Any],
                           actor_mentions: list[_ActorSpan] | None, normal: Any = None,
                           verbs: list[_Found] | None = None) -> list[dict[str, Any]]:
    verbs_lex = _lex().verb_rows
    src = _lex().src_rows
    normal = normalize_with_offsets(sentence) if normal is None else normal
    norm = normal.text
    matches = _longest_first(_verb_matcher().find(norm) if verbs is None else verbs)
    if not matches:
        _remember_names(state, norm, normal, sentence_start, actor_mentions)
        return []
    tokens = Tokens(norm)
    cues = [m for m in _find_sources(norm) if m[3] == "cue"]
    matches = [m for m in matches if _context_holds(tokens, m, matches, verbs_lex[m[2]]["context"])
               and not any(c[0] <= m[0] < c[1] for c in cues)]  # لم يكشف اسمه is no attribution
    if not matches:
        _remember_names(state, norm, normal, sentence_start, actor_mentions)
        return []
    found_sources = _find_sources(norm)
    told_to = _told_to_positions(tokens, found_sources)
    verb_tokens = {tokens.at(m[0]) for m in matches}
    verb_starts = sorted(tokens.at(m[0]) for m in matches)
    rows: list[dict[str, Any]] = []
    sentence_source: _Source | None = None

    def np_source(a: int, b: int) -> _Source:
        source = _classify(norm, tokens, a, b, sentence, sentence_start, normal, actor_mentions)
        if source.source_type == "other":
            antecedents = _antecedents(state, norm, normal, sentence_start, a, tokens)
            if _type_by_antecedent(source, tokens.words[a:b], antecedents) == "surname" and b > a + 1:
                source = _classify(norm, tokens, a, a + 1, sentence, sentence_start, normal, actor_mentions)
                _type_by_antecedent(source, tokens.words[a:a + 1], antecedents)
        elif source.source_type == "anonymous" and source.head and _DEFINITE.match(tokens.words[a]):
            # وقال المسؤول after مسؤول رفيع في الخارجية الأمريكية: the same unnamed official
            for head, typed in reversed(state.get("unnamed", [])):
                if head == source.head:
                    source.source_type, source.source_id = typed
                    source.affiliation = typed[0]
                    break
        return source

    def conduit_after(b: int) -> tuple[str, str]:
        for k in range(b, min(b + 10, len(tokens))):
            if tokens.words[k] in _COMPLEMENTIZERS or tokens.words[k] == ":":
                break
            if k in told_to:
                row = src[told_to[k]]
                m = next(m for m in found_sources if m[2] == told_to[k] and tokens.at(m[0]) >= k)
                begin = m[0]
                if norm[begin] == "ل" and not normalize_for_matching(row["alias"]).startswith("ل"):
                    begin += 1  # the preposition of "told to": لفرانس برس -> فرانس برس
                s, e = normal.to_source(begin, m[1])
                return sentence[s:e].strip(_QUOTES + " "), row["source_type"]
        return "", ""

    for m_start, m_end, row_index, _ in matches:
        entry = verbs_lex[row_index]
        kind, lemma = entry["kind"], entry["lemma"]
        i, last = tokens.at(m_start), tokens.at(m_end - 1)
        matched = norm[m_start:m_end]
        prefixed = matched not in _verb_matcher().forms[row_index] and matched[:1] in "وف"
        after = last + 1
        resolution, conduit, conduit_type = "", "", ""
        source: _Source | None = None
        if kind == "preposition":
            nxt = tokens.words[after] if after < len(tokens) else ""
            if entry["requires"]:
                if nxt != entry["requires"]:
                    continue
                source, resolution = np_source(*_forward_np(tokens, after + 1, set(told_to))), "after_verb"
            elif nxt in _WHAT:
                if any(after < v <= after + 2 for v in verb_starts):
                    continue  # بحسب ما نقلته X: the verb gives the row
                source, resolution = np_source(*_forward_np(tokens, after + 2, set(told_to))), "after_verb"
            elif any(after <= v <= after + 2 for v in verb_starts):
                continue  # بحسب بيان نقلته الوزارة عن ...
            else:
                start = after + 1 if nxt == "ل" else after
                a, b = _forward_np(tokens, start, set(told_to))
                if b > a and b + 1 < len(tokens) and tokens.words[b] in _ISSUED and tokens.words[b + 1] == "عن":
                    a, b = _forward_np(tokens, b + 2, set(told_to))  # وفق بيان صدر عن X
                    start = -1
                source = np_source(a, b)
                if b > a and tokens.words[a].startswith("ل") and len(tokens.words[a]) > 2 and start == after \
                        and tokens.words[i].endswith(("وفقا", "طبقا")):
                    _drop_preposition(source, tokens, a, normal, sentence, sentence_start)
                resolution = "after_verb"
                if source.source_type == "other" and b > a and tokens.words[a] not in _SPEECH_EVENTS:
                    continue  # وفق جدول زمني, حسب الاتفاق: "in accordance with", not a citation
        elif kind == "participle":
            source = sentence_source
            resolution = "carried_over" if source else "unresolved"
        elif entry["requires"]:  # نقل X عن Y
            k = next((k for k in range(after, min(after + 15, len(tokens)))
                      if tokens.words[k] == entry["requires"]), None)
            blocked = k is not None and any(
                w in _COMPLEMENTIZERS or w == ":" for w in tokens.words[after:k])
            if k is not None and not blocked:
                c_end = next((x for x in range(after, k) if tokens.words[x] in ("،", ",", "(")), k)
                ca, cb = _forward_np(tokens, after, set())
                cb = min(cb, c_end)
                if cb > ca:
                    conduit_source = np_source(ca, cb)
                    conduit, conduit_type = conduit_source.surface, conduit_source.source_type
                source, resolution = np_source(*_forward_np(tokens, k + 1, set(told_to))), "after_an"
            elif i > 0 and tokens.words[i - 1] in _WHAT:
                source, resolution = np_source(*_forward_np(tokens, after, set(told_to))), "after_verb"
            else:
                continue  # نقل without عن: transfer, not reporting
        else:
            a, b = _forward_np(tokens, after, set(told_to))
            if kind in ("noun", "phrase") and matched not in _verb_matcher().forms[row_index] and not prefixed:
                a, b = after, after  # ادعاءاته, على حد تعبيره: the pronoun refers back
            if b > a and b + 1 < len(tokens) and tokens.words[b] in _ISSUED and tokens.words[b + 1] == "عن":
                a, b = _forward_np(tokens, b + 2, set(told_to))  # بيان صدر عن X
            rejected = b > a and not _looks_like_subject(tokens.words[a])
            if rejected:
                b = a  # واعترف بهمن, وحذر من: a preposition, not a subject
            statement_of = b == a + 1 and b < len(tokens) and b in told_to and tokens.words[a] in _SPEECH_EVENTS
            if statement_of:  # وذكر بيان لوزارة الدفاع: the statement's author, not a medium told
                a, b = _forward_np(tokens, b, set())
            addressee = _addressee(tokens, a, b, found_sources) if b > a else None
            if addressee is not None:  # وأبلغ مسؤول عراقي رويترز: the medium told is the conduit
                b, conduit_at = addressee
            forward = np_source(a, b) if b > a else None
            if forward is not None and statement_of:
                _drop_preposition(forward, tokens, a, normal, sentence, sentence_start)
            if forward is not None and forward.source_type == "other":
                apposed = _apposition_end(tokens, b, found_sources)
                if apposed:  # جدد نائب مساعد وزير الخارجية، "جوي هود"، ...: the name in apposition
                    b = apposed
                    forward = np_source(a, b)
            negated = i > 0 and tokens.words[i - 1] in _NEGATIONS
            if forward is not None and negated and forward.source_type in ("other", "unknown"):
                forward = None  # لكنها لا ترى ضرورة: after a negation an untyped phrase is the object
            if forward is not None and forward.source_type not in ("other", "unknown"):
                source, resolution = forward, "after_verb"
            elif kind == "verb" and (not prefixed or rejected) and i > 0:
                # SVO (سينغ أشارت, البيت الأبيض نفى التسريبات): a typed subject before the verb
                # beats an untyped phrase after it, which is then more likely the object. After a
                # rejected subject (سينغ، المتحدثة باسم الوزارة واعترف بهمن) only a typed one.
                ba, bb = _backward_np(tokens, i, verb_tokens)
                backward = np_source(ba, bb) if bb > ba else None
                typed = backward is not None and backward.source_type not in ("other", "unknown")
                if backward is not None and (typed or (forward is None and not prefixed)):
                    source, resolution = backward, "before_verb"
            if source is None and forward is not None:
                source, resolution = forward, "after_verb"
            if resolution == "after_verb" and addressee is not None:
                conduit_source = np_source(*conduit_at)
                conduit, conduit_type = conduit_source.surface, conduit_source.source_type
            elif resolution == "after_verb":
                conduit, conduit_type = conduit_after(b)
            if source is None:
                source = state.get("last")
                resolution = "carried_over" if source else "unresolved"
        if source is None:
            source = _Source()
        elif resolution != "carried_over":
            state["last"] = source
            if source.anonymous and source.head and source.source_type not in ("anonymous", "other", "unknown"):
                state.setdefault("unnamed", []).append((source.head, (source.source_type, source.source_id)))
        sentence_source = source
        s, e = normal.to_source(m_start, m_end)
        rows.append({
            "verb": sentence[s:e], "verb_lemma": lemma, "verb_class": entry["verb_class"],
            "source_surface": source.surface, "source_type": source.source_type,
            "source_id": source.source_id, "source_actor_id": source.actor_id,
            "source_affiliation": source.affiliation, "anonymous": source.anonymous,
            "conduit": conduit, "conduit_type": conduit_type,
            "resolution": resolution, "start": sentence_start + s, "end": sentence_start + e,
            "source_start": source.start, "source_end": source.end, "sentence": sentence,
        })
    _remember_names(state, norm, normal, sentence_start, actor_mentions)
    return rows


def _actor_mentions(text: str) -> list[_ActorSpan]:
    """Actor mentions of ``text`` as (start, end, actor_id, surface), via the public :mod:`helpers.actors` API."""
    from helpers import actors

    found = actors.find_actor_mentions(text)
    return _actor_spans(found)


def _actor_spans(mentions: pd.DataFrame) -> list[_ActorSpan]:
    return [(int(start), int(end), str(actor_id), str(surface)) for start, end, actor_id, surface in
            zip(mentions["start"], mentions["end"], mentions["actor_id"], mentions["surface"])]


def _actor_spans_by_article(mentions: pd.DataFrame) -> dict[str, list[_ActorSpan]]:
    """Actor mentions of a corpus (:func:`helpers.actors.find_actor_mentions_corpus`) per article, sorted by start."""
    missing = [c for c in ("article_id", "actor_id", "start", "end", "surface") if c not in mentions.columns]
    if missing:
        raise KeyError(f"attributions: actor_mentions lack the column(s) {missing}; "
                       "pass helpers.actors.find_actor_mentions_corpus(articles)")
    ordered = mentions.sort_values(["article_id", "start"], kind="stable")
    by_article: dict[str, list[_ActorSpan]] = {}
    for article_id, start, end, actor_id, surface in zip(
            ordered["article_id"].astype(str).tolist(), ordered["start"].tolist(), ordered["end"].tolist(),
            ordered["actor_id"].tolist(), ordered["surface"].tolist()):
        by_article.setdefault(article_id, []).append((int(start), int(end), str(actor_id), str(surface)))
    return by_article


def _by_sentence(matches: list[Match], lows: list[int], highs: list[int]) -> dict[int, list[Match]]:
    """Matches of a whole normalised article grouped by the sentence that holds them entirely."""
    grouped: dict[int, list[Match]] = {}
    for m in matches:
        k = bisect.bisect_right(lows, m.start) - 1
        if k >= 0 and m.end <= highs[k]:
            grouped.setdefault(k, []).append(m)
    return grouped


class _SentenceView:
    """One sentence of an article normalised once: ``text`` is the sentence's normalised form,
    ``to_source`` maps into the sentence (as if the sentence had been normalised alone)."""

    __slots__ = ("text", "_article", "_offset", "_source_start", "_source_length")

    def __init__(self, article: NormalizedText, lo: int, hi: int, source_start: int, source_end: int) -> None:
        self.text = article.text[lo:hi]
        self._article, self._offset = article, lo
        self._source_start, self._source_length = source_start, source_end - source_start

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        if start == end == len(self.text):
            return self._source_length, self._source_length
        s, e = self._article.to_source(start + self._offset, end + self._offset)
        return s - self._source_start, min(e - self._source_start, self._source_length)


def _article_attributions(article_id: str, text: str, actor_spans: list[_ActorSpan] | None) -> list[dict[str, Any]]:
    state: dict[str, Any] = {"actors": _actor_antecedents(actor_spans)}
    spans = split_sentences(text)
    if not spans:
        return []
    normal = normalize_with_offsets(text)
    bounds = normal.from_source([s for s, _ in spans] + [e for _, e in spans]).tolist()
    lows, highs = bounds[:len(spans)], bounds[len(spans):]
    lex = _lex()
    words = text_words(normal.text)  # hashed once for the verb and the source matchers
    verbs = _by_sentence(lex.verb_matcher.matcher.find_all_words(normal.text, words), lows, highs)
    sources = _by_sentence(lex.source_matcher.matcher.find_all_words(normal.text, words), lows, highs)
    rows = []
    for k, (s_start, s_end) in enumerate(spans):
        view = _SentenceView(normal, lows[k], highs[k], s_start, s_end)
        if len(lex.found) > 4096:
            lex.found.clear()
        lex.found[view.text] = tuple(_per_row_and_start(sources.get(k, ()), lows[k]))
        sentence_verbs = _per_row_and_start(verbs.get(k, ()), lows[k])
        for row in _sentence_attributions(text[s_start:s_end], s_start, state, actor_spans, view, sentence_verbs):
            row["article_id"] = article_id
            row["sentence_id"] = k
            rows.append(row)
    return rows


def attributions(articles: pd.DataFrame, *, actor_mentions: pd.DataFrame | None = None,
                 use_actors: bool = True) -> pd.DataFrame:
    """Who is cited, with which verb: one row per reporting verb linked to its source.

    Verbs come from ``attribution_verbs.csv`` (قال, أعلن, أكد, أضاف, أشار, نقل, ذكر, زعم, ادعى,
    جدد, دعا, وصف, حذر, اعتبر, أقر, بحسب, وفقاً لـ ... in their inflected forms, with و ف); a
    form whose row has a ``context`` condition counts only where it holds (كتب before أن or a
    colon, not كتب التاريخ; وجدد at a clause start, not أعضاء جدد), and a verb inside an
    anonymity cue (لم يكشف اسمه) is no attribution. The cited source is the noun phrase after
    the verb (VSO: وقال المسؤول), else before it (SVO: سينغ أشارت; وكان مسؤول ... قد أشار),
    the phrase after عن for نقل (نقلت وكالة مهر عن قناة الجزيرة: conduit Mehr, source Al
    Jazeera), or the one after بحسب / وفقاً لـ. A phrase that starts with a preposition (بها,
    the garbled بهمن, بالهجوم, من) is not a subject, nor is an untyped phrase after a negated
    verb (لا ترى ضرورة). A verb without a subject (وأضاف أن) and a participle (مؤكداً) carry the
    previous source over. The source is typed by :func:`classify_source` (actor mentions from
    :mod:`helpers.actors` are reused); an untyped definite phrase takes the type of the latest
    earlier source name or actor of the article that contains its words, office words aside
    (المتحدثة باسم وزارة الخارجية after الخارجية الأمريكية; الوزارة), and a surname that of
    the earlier full name (رسول after يحيى رسول). An unnamed source of a stated body takes the
    body's type with ``anonymous`` = True (مسؤول في كتائب حزب الله: armed_groups), and a definite
    unnamed reference (وقال المسؤول) the type of the latest earlier unnamed source of the article
    with the same head noun (مسؤول رفيع في الخارجية الأمريكية). A medium told (قال مصدر ... لوكالة رويترز,
    أبلغ مسؤول عراقي رويترز) is the ``conduit``; in بيان لوزارة الدفاع the ministry is the author.

    Columns: article_id, verb, verb_lemma, verb_class, source_surface, source_type, source_id,
    source_actor_id, source_affiliation (the type of an unnamed source's stated affiliation, else
    empty), anonymous (bool: the source is unnamed), conduit, conduit_type, resolution (after_verb,
    before_verb, after_an, carried_over, unresolved), start, end (the verb), source_start,
    source_end (-1 if none), sentence_id (the sentence's index in
    :func:`helpers.arabic.clauses.split_sentences`), sentence.

    Actor mentions: pass ``actor_mentions`` (:func:`helpers.actors.find_actor_mentions_corpus` of
    the same articles, as the pipeline computes them once) and they are reused; otherwise they
    are matched here (one corpus-level call) unless ``use_actors=False``. Pure function of the
    articles: runs per partition of a corpus.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["وزعم البنتاغون أن الهجمات فشلت."]})
        >>> attributions(arts)[["verb", "verb_class", "source_surface", "source_type"]].values.tolist()
        [['وزعم', 'distancing', 'البنتاغون', 'us_government']]
    """
    require_columns(articles, ("article_id", "text"), "attributions")
    by_article: dict[str, list[_ActorSpan]] | None = None
    if actor_mentions is not None:
        by_article = _actor_spans_by_article(actor_mentions)
    elif use_actors:
        from helpers import actors

        by_article = _actor_spans_by_article(actors.find_actor_mentions_corpus(articles))
    lexicons = _lex()
    token = _ACTIVE.set(lexicons)  # one lexicon state for the whole call (checked once)
    rows: list[dict[str, Any]] = []
    try:
        with collector_paused():  # many small objects per article: the collector would rescan them all
            for article_id, text in zip(articles["article_id"].astype(str).tolist(), articles["text"].tolist()):
                if isinstance(text, str) and text:
                    spans = by_article.get(article_id, []) if by_article is not None else None
                    rows.extend(_article_attributions(article_id, text, spans))
    finally:
        _ACTIVE.reset(token)
    table = pd.DataFrame.from_records(rows, columns=ATTRIBUTION_COLUMNS)
    return table.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def cited_source_shares(cited: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Composition of cited sources per outlet: count and share of each source type.

    ``cited`` is :func:`attributions`. One row per outlet and source type (all of
    :data:`SOURCE_TYPES`, zeros included); ``share`` is the type's fraction of the outlet's
    attributions, and ``unnamed`` how many of the type's ``count`` are unnamed sources (column
    ``anonymous``; an unnamed US official counts under us_government and in its ``unnamed``;
    without that column only the ``anonymous`` type counts as unnamed). Columns: outlet,
    outlet_ar, source_type, count, unnamed, total, share.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "outlet_ar": ["س"]})
        >>> cited = pd.DataFrame({"article_id": ["a"] * 4, "anonymous": [True, True, False, False],
        ...                       "source_type": ["anonymous", "us_government", "us_government", "other"]})
        >>> t = cited_source_shares(cited, arts)
        >>> t[t["count"] > 0][["source_type", "count", "unnamed", "share"]].values.tolist()
        [['us_government', 2, 1, 0.5], ['anonymous', 1, 1, 0.25], ['other', 1, 0, 0.25]]
    """
    outlets = outlet_labels(articles)
    order = outlets.groupby(["outlet", "outlet_ar"], sort=False)["article_id"].min().reset_index()
    order = order.sort_values("article_id")
    data = cited[["article_id", "source_type"]].copy()
    unnamed = cited["anonymous"] if "anonymous" in cited.columns else cited["source_type"].eq("anonymous")
    data["unnamed"] = unnamed.fillna(False).astype(bool).to_numpy()
    counts = (data.merge(outlets, on="article_id").groupby(["outlet", "source_type"])
              .agg(count=("unnamed", "size"), unnamed=("unnamed", "sum")).reset_index())
    grid = order[["outlet", "outlet_ar"]].merge(pd.DataFrame({"source_type": list(SOURCE_TYPES)}), how="cross")
    grid = grid.merge(counts, on=["outlet", "source_type"], how="left")
    grid["count"] = grid["count"].fillna(0).astype(int)
    grid["unnamed"] = grid["unnamed"].fillna(0).astype(int)
    grid["total"] = grid.groupby("outlet")["count"].transform("sum")
    grid["share"] = (grid["count"] / grid["total"].where(grid["total"] > 0)).round(3)
    return grid.reset_index(drop=True)


def verb_class_by_source_type(cited: pd.DataFrame, by: str = "source_type") -> pd.DataFrame:
    """Cross-tab of verb_class (rows) x source type (columns) of :func:`attributions`, with totals.

    ``by = "source_affiliation"`` types unnamed sources by their affiliation; since unnamed
    sources with a stated affiliation are typed by it in ``source_type`` (see the module
    docstring) both give the same table on :func:`attributions` output; the option is kept for
    tables made before. For named sources only, pass ``cited[~cited["anonymous"]]``.

    Example:
        >>> import pandas as pd
        >>> cited = pd.DataFrame({"verb_class": ["distancing", "neutral"], "source_type": ["us_government"] * 2})
        >>> verb_class_by_source_type(cited).loc["distancing", "us_government"].item()
        1
    """
    data = cited.copy()
    if by == "source_affiliation":
        data["source_affiliation"] = data["source_affiliation"].where(
            data["source_affiliation"].astype(bool), data["source_type"])
    elif by != "source_type":
        raise ValueError(f"by must be 'source_type' or 'source_affiliation', got {by!r}")
    table = pd.crosstab(data["verb_class"], data[by], margins=True, margins_name="total")
    columns = [c for c in SOURCE_TYPES if c in table.columns] + ["total"]
    rows = [r for r in VERB_CLASSES if r in table.index] + ["total"]
    return table.loc[rows, columns]


def verb_classes_by_outlet(cited: pd.DataFrame, articles: pd.DataFrame, source_type: str = "us_government",
                           by: str = "source_affiliation") -> pd.DataFrame:
    """How each outlet introduces statements of one source type: counts per verb class and the distancing share.

    Unnamed officials count for whom they speak (an unnamed US official is a US-government
    statement): ``source_type`` already says so, and ``by = "source_affiliation"`` (default, kept
    for tables made before) gives the same result; for named sources only pass
    ``cited[~cited["anonymous"]]``. One row per outlet (all outlets, zeros
    included). Columns: outlet, outlet_ar, attributions, then one column per
    :data:`VERB_CLASSES`, and distancing_share (empty when the outlet cites no such source).

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "outlet_ar": ["س"]})
        >>> cited = pd.DataFrame({"article_id": ["a", "a"], "verb_class": ["distancing", "neutral"],
        ...                       "source_type": ["us_government", "anonymous"],
        ...                       "source_affiliation": ["", "us_government"]})
        >>> table = verb_classes_by_outlet(cited, arts)
        >>> table[["attributions", "distancing"]].values.tolist(), table["distancing_share"].tolist()
        ([[2, 1]], [0.5])
    """
    if by not in ("source_type", "source_affiliation"):
        raise ValueError(f"by must be 'source_type' or 'source_affiliation', got {by!r}")
    data = cited.copy()
    typed = data["source_type"]
    if by == "source_affiliation":
        typed = data["source_affiliation"].where(data["source_affiliation"].astype(bool), data["source_type"])
    data = data[typed == source_type]
    outlets = outlet_labels(articles)
    order = outlets.groupby(["outlet", "outlet_ar"], sort=False)["article_id"].min().reset_index()
    order = order.sort_values("article_id")[["outlet", "outlet_ar"]]
    counts = pd.crosstab(data.merge(outlets, on="article_id")["outlet"],
                         data.merge(outlets, on="article_id")["verb_class"])
    counts = counts.reindex(index=order["outlet"], columns=list(VERB_CLASSES), fill_value=0).fillna(0).astype(int)
    table = order.set_index("outlet").join(counts).reset_index()
    table.insert(2, "attributions", table[list(VERB_CLASSES)].sum(axis=1))
    table["distancing_share"] = (table["distancing"] / table["attributions"].where(table["attributions"] > 0)).round(3)
    return table

