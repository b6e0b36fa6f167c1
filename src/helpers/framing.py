"""Framing: the words an outlet chooses, and whom it quotes with which verb.

Two analyses over a frame of articles (``article_id``, ``text``; ``n_words`` for rates):

- **Framing terms** (``corpus/lexicons/framing.csv``): how the armed groups, ISIS, US military
  action and Israel are named, which attribution verbs are used, and how withdrawal is framed.
  :func:`match_terms` finds the terms in one text, :func:`framing_mentions` in every article (one
  row per match with its evidence sentence), :func:`framing_profile` counts them per article and
  per 1,000 words, and :func:`outlet_framing_table` compares outlets (share of each choice within
  its frame, the Media Cloud "share of coverage" idea).
- **Attributions** (``attribution_verbs.csv`` and ``cited_sources.csv``): :func:`attributions`
  links each reporting verb (قال, أعلن, زعم, بحسب, نقلت ... عن) to the cited source and types the
  source (US government, Iraqi government, Iranian or aligned, armed groups, Western / Arab /
  Iraqi state media, anonymous), reusing the actor lexicon (:mod:`helpers.actors`) where a source
  is an actor. :func:`cited_source_shares` and :func:`verb_class_by_source_type` summarise.

Matching rules, shared by the three lexicons (the term lists are data, the rules are here):

- Terms are matched on the normalised text (:func:`helpers.text.normalize_for_matching`) and
  reported with offsets into the clean text and their evidence sentence.
- ``pos = noun``: the proclitics و ف ب ك ل and the article are accepted (والميليشيات,
  للميليشيات, بالانسحاب), and a pronoun or tanwin-alef suffix (انسحاباً, ادعاءاته,
  مقاومتهم for مقاومة). A form written WITH the article requires it (المقاومة never matches the
  generic مقاومة); a form written without it accepts both (ميليشيات and الميليشيات).
- ``pos = verb`` and ``pos = phrase``: only و and ف (وزعم, فقال); inflections are listed as forms.
- Between the words of a multiword term any run of spaces, quotation marks or hyphens is
  accepted (تنظيم “الدولة الإسلامية”), and a quotation mark may follow a proclitic (لـ”البنتاجون”).
- Within a frame the longest match wins and matches never overlap (فصائل المقاومة is not
  also المقاومة); different frames may overlap.

Example:
    >>> match_terms("وزعم البنتاغون أن الميليشيات انسحبت")[["frame", "term", "leaning"]].values.tolist()
    [['attribution', 'زعم', 'distancing'], ['armed_groups', 'الميليشيات', 'militia_framing'], ['withdrawal', 'انسحب', 'unspecified']]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from helpers import paths
from helpers.text import normalize_for_matching, normalize_with_offsets, split_sentences

__all__ = [
    "FRAMING_LEXICON",
    "VERB_LEXICON",
    "SOURCE_LEXICON",
    "SOURCE_TYPES",
    "VERB_CLASSES",
    "WITHDRAWAL_STANCES",
    "STANCE_WINDOW",
    "load_framing_lexicon",
    "load_attribution_verbs",
    "load_cited_sources",
    "term_regex",
    "match_terms",
    "framing_mentions",
    "framing_profile",
    "outlet_labels",
    "outlet_framing_table",
    "framing_matrix",
    "classify_source",
    "attributions",
    "cited_source_shares",
    "verb_class_by_source_type",
    "verb_classes_by_outlet",
    "plot_framing_heatmap",
    "plot_cited_sources",
]

FRAMING_LEXICON = "framing.csv"
VERB_LEXICON = "attribution_verbs.csv"
SOURCE_LEXICON = "cited_sources.csv"

#: Source types, in the order used for tables and figures.
SOURCE_TYPES = (
    "us_government", "iraqi_government", "iranian_or_aligned", "armed_groups",
    "western_media", "arab_media", "iraqi_state_media", "anonymous", "other", "unknown",
)
#: ``neutral`` (قال, أعلن), ``distancing`` (زعم, ادعى, ادعاءات), ``conceding`` (اعترف).
VERB_CLASSES = ("neutral", "distancing", "conceding")
#: Stances of a withdrawal mention, decided by :func:`withdrawal` cues (see framing.csv).
WITHDRAWAL_STANCES = ("demand", "denial", "process", "unspecified")
#: How many words around a withdrawal term a cue may be (same clause only).
STANCE_WINDOW = 10

_FRAMING_COLUMNS = ("frame", "kind", "term", "forms", "pos", "gloss_en", "leaning", "rationale", "source")
_VERB_COLUMNS = ("lemma", "forms", "kind", "verb_class", "requires", "gloss_en", "note")
_SOURCE_COLUMNS = ("alias", "source_id", "source_type", "match", "gloss_en", "note")
_POS = ("noun", "verb", "phrase")
_KINDS = ("term", "cue", "stance")
_VERB_KINDS = ("verb", "participle", "noun", "phrase", "preposition")
_SOURCE_MATCHES = ("name", "exact", "nisba", "head", "cue", "actor", "type_label")

MENTION_COLUMNS = ["article_id", "frame", "term", "leaning", "choice", "gloss_en", "surface", "start", "end", "sentence"]
PROFILE_COLUMNS = ["article_id", "frame", "term", "leaning", "choice", "gloss_en", "count", "n_words", "per_1000_words", "evidence"]
ATTRIBUTION_COLUMNS = [
    "article_id", "verb", "verb_lemma", "verb_class", "source_surface", "source_type", "source_id",
    "source_actor_id", "source_affiliation", "conduit", "conduit_type", "resolution",
    "start", "end", "source_start", "source_end", "sentence",
]


# --------------------------------------------------------------------------------------------
# Lexicons


def _read_csv_lexicon(name: str, columns: tuple[str, ...], required: tuple[str, ...],
                      choices: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    path = paths.lexicon_path(name)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: lexicon not found; restore it from git (corpus/lexicons/{name})")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; the header must be {','.join(columns)}")
    for index, row in table.iterrows():
        line = int(index) + 2  # header is line 1
        for column in required:
            if not str(row[column]).strip():
                raise ValueError(f"{path}, line {line}: column {column!r} is empty; fill it in or delete the row")
        for column, allowed in choices.items():
            if row[column] not in allowed:
                raise ValueError(
                    f"{path}, line {line}: {column}={row[column]!r} is not one of {list(allowed)}; fix the value"
                )
    return table


def _forms(row: pd.Series, path_name: str, line: int, fallback: str) -> tuple[str, ...]:
    raw = row["forms"].strip() or fallback
    forms = tuple(f.strip() for f in raw.split("|") if f.strip())
    for form in forms:
        if not normalize_for_matching(form).strip():
            raise ValueError(f"{path_name}, line {line}: form {form!r} is empty after normalisation; remove it")
    return forms


@lru_cache(maxsize=1)
def load_framing_lexicon() -> pd.DataFrame:
    """The framing lexicon ``corpus/lexicons/framing.csv``, validated.

    One row per term (``kind = term``), withdrawal cue (``kind = cue``) or withdrawal stance label
    (``kind = stance``): frame, kind, term, forms (``|``-separated surface variants; empty means
    the term itself), pos (noun / verb / phrase, see the module's matching rules), gloss_en,
    leaning, rationale, source. A ``forms_list`` column (tuple of forms) is added.

    Example:
        >>> lex = load_framing_lexicon()
        >>> {"armed_groups", "isis", "us_action", "israel", "attribution", "withdrawal"} <= set(lex["frame"])
        True
    """
    required = ("frame", "kind", "term", "pos", "gloss_en", "leaning", "rationale", "source")
    table = _read_csv_lexicon(FRAMING_LEXICON, _FRAMING_COLUMNS, required, {"kind": _KINDS, "pos": _POS})
    table["forms_list"] = [
        _forms(row, FRAMING_LEXICON, i + 2, row["term"]) for i, row in table.iterrows()
    ]
    stances = set(table.loc[table["kind"] == "cue", "leaning"])
    if not stances <= set(WITHDRAWAL_STANCES):
        raise ValueError(f"{FRAMING_LEXICON}: cue leanings {sorted(stances)} must be among {WITHDRAWAL_STANCES}")
    duplicated = table[table.duplicated(["frame", "kind", "term"], keep=False)]
    if len(duplicated):
        raise ValueError(f"{FRAMING_LEXICON}: duplicated (frame, kind, term) rows {duplicated['term'].tolist()}; merge them")
    return table


@lru_cache(maxsize=1)
def load_attribution_verbs() -> pd.DataFrame:
    """The reporting verbs ``corpus/lexicons/attribution_verbs.csv``, validated.

    Columns: lemma, forms (``|``-separated inflected forms), kind (verb, participle, noun, phrase,
    preposition), verb_class (neutral / distancing / conceding), requires (``عن`` for نقل: only
    counted as "X relayed from Y"), gloss_en, note; plus ``forms_list``.

    Example:
        >>> verbs = load_attribution_verbs()
        >>> sorted(set(verbs.loc[verbs["lemma"] == "زعم", "verb_class"]))
        ['distancing']
    """
    required = ("lemma", "forms", "kind", "verb_class", "gloss_en")
    table = _read_csv_lexicon(VERB_LEXICON, _VERB_COLUMNS, required,
                              {"kind": _VERB_KINDS, "verb_class": VERB_CLASSES})
    table["forms_list"] = [_forms(row, VERB_LEXICON, i + 2, row["lemma"]) for i, row in table.iterrows()]
    return table


@lru_cache(maxsize=1)
def load_cited_sources() -> pd.DataFrame:
    """Cited-source names and their source type, ``corpus/lexicons/cited_sources.csv``, validated.

    Columns: alias (Arabic), source_id, source_type (one of :data:`SOURCE_TYPES`), match, gloss_en,
    note. ``match`` says how a row is used: ``name`` anywhere in the source phrase, ``exact`` only
    as the whole phrase (الجزيرة, العربية), ``nisba`` an adjective used as a fallback (أمريكي),
    ``head`` an anonymous head noun (مسؤول, مصدر), ``cue`` an anonymity cue (لم يرد اسمه), and
    ``actor`` an actor id of ``actors.csv`` whose descendants get this source type, and
    ``type_label`` the Arabic label of a source type in figures (never matched).

    Example:
        >>> src = load_cited_sources()
        >>> src.loc[src["alias"] == "رويترز", "source_type"].item()
        'western_media'
    """
    required = ("alias", "source_id", "source_type", "match", "gloss_en")
    return _read_csv_lexicon(SOURCE_LEXICON, _SOURCE_COLUMNS, required,
                             {"source_type": SOURCE_TYPES, "match": _SOURCE_MATCHES})


# --------------------------------------------------------------------------------------------
# The term matcher

_QUOTES = "\"'“”«»‘’„"
_Q = f"[{re.escape(_QUOTES)}]"
_SEP = rf"[\s{re.escape(_QUOTES)}\-–—]+"
_CONJ = "[وف]"
_CLITICS = rf"(?:{_CONJ}?[بكل]|{_CONJ})"          # a non-empty run of proclitics
_PRONOUN = "(?:ه|ها|هم|هما|هن|نا)"


def _last_word_pattern(word: str, pos: str) -> str:
    if pos != "noun":
        return re.escape(word)
    if word.endswith("ه") and len(word) > 2:   # ة (folded to ه) becomes ت before a pronoun
        return f"{re.escape(word[:-1])}(?:ه|ت{_PRONOUN})"
    return f"{re.escape(word)}(?:ا|{_PRONOUN})?"


def term_regex(form: str, pos: str) -> str:
    """The regular expression (on normalised text) that matches ``form`` with its clitics.

    See the module docstring for the rules per ``pos`` (noun, verb, phrase).

    Example:
        >>> import re
        >>> bool(re.fullmatch(term_regex("الإرهابيين", "noun"), "للارهابيين"))
        True
        >>> bool(re.fullmatch(term_regex("زعم", "verb"), "وزعم")), bool(re.fullmatch(term_regex("زعم", "verb"), "الزعم"))
        (True, False)
    """
    if pos not in _POS:
        raise ValueError(f"pos must be one of {_POS}, got {pos!r}")
    words = normalize_for_matching(form).split()
    if not words:
        raise ValueError(f"form {form!r} is empty after normalisation")
    first = words[0]
    if pos == "noun":
        if first.startswith("ال") and len(first) > 3:
            first = first[2:]
            prefix = rf"(?:(?:{_CLITICS}{_Q}?)?ال|{_CONJ}?لل)"
        else:
            prefix = rf"(?:(?:{_CLITICS}{_Q}?)?(?:ال)?|{_CONJ}?لل)"
    else:
        prefix = rf"(?:{_CONJ}{_Q}?)?"
    words = [first, *words[1:]]
    parts = [re.escape(w) for w in words[:-1]] + [_last_word_pattern(words[-1], pos)]
    return rf"(?<!\w){prefix}{_SEP.join(parts)}(?!\w)"


@dataclass(frozen=True)
class _Matcher:
    """Compiled patterns of a lexicon's rows: ``(row index, group key, pattern)``."""

    patterns: tuple[tuple[int, str, re.Pattern[str]], ...]
    forms: dict[int, frozenset[str]]
    cores: dict[int, tuple[str, ...]]

    def find(self, normalised: str) -> list[tuple[int, int, int, str]]:
        """All matches ``(start, end, row, group)``, overlapping ones included."""
        found = []
        for row, group, pattern in self.patterns:
            if not any(core in normalised for core in self.cores[row]):
                continue  # cheap literal pre-filter: the row cannot match
            m = pattern.search(normalised)
            while m:  # restart after each match start: overlapping matches of one row too
                found.append((m.start(), m.end(), row, group))
                m = pattern.search(normalised, m.start() + 1)
        return found


def _compile(rows: list[tuple[int, str, tuple[str, ...], str]]) -> _Matcher:
    patterns = []
    forms: dict[int, frozenset[str]] = {}
    cores: dict[int, tuple[str, ...]] = {}
    for row, group, row_forms, pos in rows:
        ordered = sorted(row_forms, key=lambda f: -len(normalize_for_matching(f)))
        alternation = "|".join(f"(?:{term_regex(f, pos)})" for f in ordered)
        patterns.append((row, group, re.compile(alternation)))
        forms[row] = frozenset(normalize_for_matching(f) for f in row_forms)
        cores[row] = tuple(sorted({_core(f, pos) for f in row_forms}))
    return _Matcher(tuple(patterns), forms, cores)


def _core(form: str, pos: str) -> str:
    """A literal every match of ``form`` contains: its first word without article or final ه."""
    words = normalize_for_matching(form).split()
    first = words[0]
    if pos == "noun" and first.startswith("ال") and len(first) > 3:
        first = first[2:]
    if pos == "noun" and len(words) == 1 and first.endswith("ه") and len(first) > 2:
        first = first[:-1]
    return first


def _longest_first(matches: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
    """Keep the longest matches, no two overlapping (ties: the earlier one); sorted by start."""
    kept: list[tuple[int, int, int, str]] = []
    for match in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0], m[2])):
        if all(match[1] <= k[0] or match[0] >= k[1] for k in kept):
            kept.append(match)
    return sorted(kept)


@lru_cache(maxsize=1)
def _framing_matchers() -> tuple[_Matcher, _Matcher]:
    lex = load_framing_lexicon()
    terms = [(i, r["frame"], r["forms_list"], r["pos"]) for i, r in lex.iterrows() if r["kind"] == "term"]
    cues = [(i, r["leaning"], r["forms_list"], r["pos"]) for i, r in lex.iterrows() if r["kind"] == "cue"]
    return _compile(terms), _compile(cues)


_VERB_POS = {"verb": "verb", "participle": "verb", "noun": "noun", "phrase": "noun", "preposition": "phrase"}


@lru_cache(maxsize=1)
def _verb_matcher() -> _Matcher:
    verbs = load_attribution_verbs()
    return _compile([(i, "verb", r["forms_list"], _VERB_POS[r["kind"]]) for i, r in verbs.iterrows()])


@lru_cache(maxsize=512)
def _find_sources(normalised: str) -> tuple[tuple[int, int, int, str], ...]:
    """Cited-source alias matches in a normalised sentence (cached: several phrases share one)."""
    return tuple(_source_matcher().find(normalised))


@lru_cache(maxsize=1)
def _source_matcher() -> _Matcher:
    src = load_cited_sources()
    rows = [(i, r["match"], (r["alias"],), "noun") for i, r in src.iterrows()
            if r["match"] not in ("actor", "type_label")]
    return _compile(rows)


# --------------------------------------------------------------------------------------------
# Tokens of a normalised sentence

_TOKEN = re.compile(r"\w+|[^\w\s]")
_CLAUSE_BREAKS = frozenset("،,؛;:")


class _Tokens:
    """Word and punctuation tokens of a normalised sentence, with char offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(_TOKEN.finditer(text))
        self.words = [m.group() for m in found]
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        clause, self.clauses = 0, []
        for word in self.words:
            if word in _CLAUSE_BREAKS:
                clause += 1
            self.clauses.append(clause)

    def __len__(self) -> int:
        return len(self.words)

    def at(self, offset: int) -> int:
        """Index of the token containing (or first after) char ``offset``."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.words) and self.words[i][0].isalnum()


# --------------------------------------------------------------------------------------------
# Withdrawal stance


def _stance(tokens: _Tokens, start: int, end: int, cues: list[tuple[int, int, int, str]]) -> str:
    """Stance of the withdrawal term at normalised span (start, end) from the cue matches."""
    first, last = tokens.at(start), tokens.at(end - 1)
    clause = tokens.clauses[first]
    placed = []
    for c_start, c_end, _, stance in cues:
        c_first, c_last = tokens.at(c_start), tokens.at(c_end - 1)
        if tokens.clauses[c_first] != clause or c_start < end and c_end > start:
            continue
        if c_last < first:
            distance = first - c_last
        elif c_first > last:
            distance = c_first - last
        else:
            continue
        if distance <= STANCE_WINDOW:
            placed.append((c_first, c_last, stance, distance))
    denials = [p for p in placed if p[2] == "denial" and p[1] < first]
    if denials:
        nearest = max(denials, key=lambda p: p[1])
        demand_between = any(p[2] == "demand" and nearest[1] < p[0] and p[1] < first for p in placed)
        if not demand_between:
            return "denial"
    others = [p for p in placed if p[2] in ("demand", "process")]
    if others:
        return min(others, key=lambda p: (p[3], p[2] != "demand"))[2]
    return "unspecified"


# --------------------------------------------------------------------------------------------
# Framing mentions


@lru_cache(maxsize=1)
def _framing_rows() -> dict[int, dict[str, str]]:
    lex = load_framing_lexicon()
    return {i: {c: lex.at[i, c] for c in ("term", "leaning", "gloss_en")} for i in lex.index}


def _sentence_terms(sentence: str) -> list[dict[str, Any]]:
    terms, cues = _framing_matchers()
    normal = normalize_with_offsets(sentence)
    found = terms.find(normal.text)
    if not found:
        return []
    tokens = _Tokens(normal.text)
    cue_matches = _longest_first(cues.find(normal.text))  # لا بد is one demand cue, not لا + بد
    rows = []
    for frame in sorted({m[3] for m in found}):
        for start, end, row, _ in _longest_first([m for m in found if m[3] == frame]):
            entry = _framing_rows()[row]
            leaning = entry["leaning"]
            choice = entry["term"]
            if frame == "withdrawal":
                leaning = _stance(tokens, start, end, cue_matches)
                choice = leaning
            s, e = normal.to_source(start, end)
            rows.append({"frame": frame, "term": entry["term"], "leaning": leaning, "choice": choice,
                         "gloss_en": entry["gloss_en"], "surface": sentence[s:e], "start": s, "end": e})
    return sorted(rows, key=lambda r: (r["start"], r["frame"]))


def match_terms(text: str, frame: str | None = None) -> pd.DataFrame:
    """Framing terms in one clean text: frame, term, leaning, choice, gloss_en, surface, start, end, sentence.

    Offsets index ``text``; ``sentence`` is the evidence sentence. ``leaning`` of a withdrawal
    term is its stance (demand / denial / process / unspecified, from the cues in its clause);
    ``choice`` is what outlets are compared on: the term, or the stance for withdrawal.
    ``frame`` keeps one frame only.

    Example:
        >>> match_terms("الوقت الحالي ليس وقت الحديث عن الانسحاب", "withdrawal")[["surface", "leaning"]].values.tolist()
        [['الانسحاب', 'denial']]
    """
    lex = load_framing_lexicon()
    if frame is not None and frame not in set(lex["frame"]):
        raise ValueError(f"unknown frame {frame!r}; frames in {FRAMING_LEXICON}: {sorted(set(lex['frame']))}")
    rows = []
    for s_start, s_end in split_sentences(text):
        sentence = text[s_start:s_end]
        for row in _sentence_terms(sentence):
            row["start"] += s_start
            row["end"] += s_start
            row["sentence"] = sentence
            rows.append(row)
    table = pd.DataFrame(rows, columns=MENTION_COLUMNS[1:])
    if frame is not None:
        table = table[table["frame"] == frame]
    return table.reset_index(drop=True).astype({"start": int, "end": int})


def _require(articles: pd.DataFrame, columns: tuple[str, ...], caller: str) -> None:
    missing = [c for c in columns if c not in articles.columns]
    if missing:
        raise KeyError(f"{caller}: articles lack the column(s) {missing}; pass corpus.load_corpus().articles")


def framing_mentions(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per framing-term match in every article (the table :func:`framing_profile` counts).

    Columns: article_id, frame, term, leaning, choice, gloss_en, surface, start, end (offsets
    into ``articles.text``), sentence. Sorted by article_id, start, frame.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["هاجمت فصائل المقاومة القواعد."]})
        >>> framing_mentions(arts)[["article_id", "term", "start", "end"]].values.tolist()
        [['a', 'فصائل المقاومة', 6, 20]]
    """
    _require(articles, ("article_id", "text"), "framing_mentions")
    frames = []
    for article_id, text in zip(articles["article_id"].astype(str), articles["text"]):
        found = match_terms(text)
        found.insert(0, "article_id", article_id)
        frames.append(found)
    if not frames:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    table = pd.concat(frames, ignore_index=True)[MENTION_COLUMNS]
    return table.sort_values(["article_id", "start", "frame"], kind="stable").reset_index(drop=True)


def _word_counts(articles: pd.DataFrame) -> dict[str, int]:
    if "n_words" in articles.columns:
        counts = articles["n_words"]
    else:  # a plain frame of texts (tests, ad-hoc use): whitespace-separated words
        counts = articles["text"].str.split().str.len()
    return dict(zip(articles["article_id"].astype(str), counts.astype(int)))


def framing_profile(articles: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and frame, the count of each term, per 1,000 words, with the evidence sentences.

    Columns: article_id, frame, term, leaning, choice, gloss_en, count, n_words, per_1000_words
    (``count / n_words * 1000``, ``n_words`` from ``articles.n_words`` or, if absent, whitespace
    words), evidence (the distinct sentences, joined with `` ‖ ``). Only terms that occur are
    listed (absence is a zero in :func:`outlet_framing_table`). A withdrawal term gets one row per
    stance. Pass ``mentions`` (from :func:`framing_mentions`) to avoid matching twice.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["داعش الوهابي وداعش."], "n_words": [3]})
        >>> framing_profile(arts)[["term", "count", "per_1000_words"]].values.tolist()
        [['داعش', 1, 333.3], ['داعش الوهابي', 1, 333.3]]
    """
    _require(articles, ("article_id", "text"), "framing_profile")
    mentions = framing_mentions(articles) if mentions is None else mentions
    words = _word_counts(articles)
    keys = ["article_id", "frame", "term", "leaning", "choice", "gloss_en"]
    if mentions.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    grouped = mentions.groupby(keys, sort=True)
    table = grouped.agg(count=("start", "size"),
                        evidence=("sentence", lambda s: " ‖ ".join(dict.fromkeys(s)))).reset_index()
    table["n_words"] = table["article_id"].map(words).astype(int)
    table["per_1000_words"] = (table["count"] / table["n_words"] * 1000).round(1)
    return table[PROFILE_COLUMNS].sort_values(["article_id", "frame", "term", "leaning"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Outlets


def outlet_labels(articles: pd.DataFrame) -> pd.DataFrame:
    """article_id, outlet, outlet_ar: one column per outlet; unnamed outlets stay apart per article.

    Articles whose outlet is ``unknown`` (or missing) get ``unknown (<article_id>)`` /
    ``غير معروف (<article_id>)`` so that two unattributed articles are not merged.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["000", "003"], "outlet": ["unknown", "Mehr News Agency"],
        ...                      "outlet_ar": ["غير معروف", "وكالة مهر للأنباء"]})
        >>> outlet_labels(arts)["outlet"].tolist()
        ['unknown (000)', 'Mehr News Agency']
    """
    _require(articles, ("article_id",), "outlet_labels")
    ids = articles["article_id"].astype(str)
    outlet = articles["outlet"].fillna("unknown") if "outlet" in articles.columns else pd.Series("unknown", index=articles.index)
    outlet_ar = articles["outlet_ar"].fillna("") if "outlet_ar" in articles.columns else pd.Series("", index=articles.index)
    unknown = outlet.str.strip().isin(["", "unknown"])
    table = pd.DataFrame({"article_id": ids,
                          "outlet": outlet.where(~unknown, "unknown (" + ids + ")"),
                          "outlet_ar": outlet_ar.where(~unknown, "غير معروف (" + ids + ")")})
    return table.reset_index(drop=True)


def _choice_labels() -> pd.DataFrame:
    lex = load_framing_lexicon()
    terms = lex[lex["kind"] == "term"]
    labels = pd.DataFrame({"frame": terms["frame"], "choice": terms["term"], "label_ar": terms["term"],
                           "gloss_en": terms["gloss_en"], "leaning": terms["leaning"]})
    stances = lex[lex["kind"] == "stance"]
    labels = pd.concat([labels[labels["frame"] != "withdrawal"],
                        pd.DataFrame({"frame": stances["frame"], "choice": stances["leaning"],
                                      "label_ar": stances["term"], "gloss_en": stances["gloss_en"],
                                      "leaning": stances["leaning"]})], ignore_index=True)
    labels["order"] = range(len(labels))
    return labels


def outlet_framing_table(profile: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Framing choices per outlet: the share of each choice within its frame, and the rate per 1,000 words.

    One row per outlet and observed (frame, choice), zeros included for outlets that never
    make that choice. Columns: outlet, outlet_ar, frame, choice, label_ar, gloss_en, leaning,
    count, frame_count (all the outlet's mentions in that frame), share_in_frame
    (``count / frame_count``, empty when the outlet never touches the frame), n_words,
    per_1000_words. Rows follow the lexicon order, outlets their first article_id.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "outlet_ar": ["س", "ص"],
        ...                      "text": ["الميليشيات والميليشيات والمقاومة", "فصائل المقاومة"], "n_words": [3, 2]})
        >>> t = outlet_framing_table(framing_profile(arts), arts)
        >>> t[t["outlet"] == "X"][["choice", "count", "share_in_frame"]].values.tolist()
        [['فصائل المقاومة', 0, 0.0], ['المقاومة', 1, 0.333], ['الميليشيات', 2, 0.667]]
    """
    _require(articles, ("article_id",), "outlet_framing_table")
    outlets = outlet_labels(articles)
    words = _word_counts(articles) if "text" in articles.columns or "n_words" in articles.columns else {}
    outlets["n_words"] = outlets["article_id"].map(words)
    per_outlet = outlets.groupby(["outlet", "outlet_ar"], sort=False).agg(
        n_words=("n_words", "sum"), first=("article_id", "min")).reset_index().sort_values("first")
    counts = (profile.merge(outlets[["article_id", "outlet"]], on="article_id")
              .groupby(["outlet", "frame", "choice"], sort=False)["count"].sum().reset_index())
    labels = _choice_labels()
    observed = labels.merge(counts[["frame", "choice"]].drop_duplicates(), on=["frame", "choice"])
    grid = per_outlet[["outlet", "outlet_ar", "n_words", "first"]].merge(observed, how="cross")
    grid = grid.merge(counts, on=["outlet", "frame", "choice"], how="left")
    grid["count"] = grid["count"].fillna(0).astype(int)
    grid["frame_count"] = grid.groupby(["outlet", "frame"])["count"].transform("sum")
    share = grid["count"] / grid["frame_count"].where(grid["frame_count"] > 0)
    grid["share_in_frame"] = share.round(3)
    grid["per_1000_words"] = (grid["count"] / grid["n_words"] * 1000).round(2)
    grid = grid.sort_values(["first", "order"], kind="stable")
    columns = ["outlet", "outlet_ar", "frame", "choice", "label_ar", "gloss_en", "leaning", "count",
               "frame_count", "share_in_frame", "n_words", "per_1000_words"]
    return grid[columns].reset_index(drop=True)


def framing_matrix(table: pd.DataFrame, value: str = "share_in_frame") -> pd.DataFrame:
    """Pivot :func:`outlet_framing_table` to choices x outlets (rows in lexicon order).

    The index is (frame, choice, label_ar, gloss_en); columns are (outlet, outlet_ar).

    Example:
        >>> import pandas as pd
        >>> t = pd.DataFrame({"outlet": ["X"], "outlet_ar": ["س"], "frame": ["isis"], "choice": ["داعش"],
        ...                   "label_ar": ["داعش"], "gloss_en": ["Daesh"], "count": [2]})
        >>> framing_matrix(t, "count").values.tolist()
        [[2]]
    """
    rows = ["frame", "choice", "label_ar", "gloss_en"]
    cols = ["outlet", "outlet_ar"]
    row_order = list(dict.fromkeys(map(tuple, table[rows].values.tolist())))
    col_order = list(dict.fromkeys(map(tuple, table[cols].values.tolist())))
    matrix = table.pivot_table(index=rows, columns=cols, values=value, aggfunc="first", dropna=False)
    return matrix.reindex(index=pd.MultiIndex.from_tuples(row_order, names=rows),
                          columns=pd.MultiIndex.from_tuples(col_order, names=cols))


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
     "كما اذ لدي امام عقب اثر تجاه نحو فيه فيها لنا له لها لهم طلب رفض").split())
_LEADING_SKIP = _DAYS | frozenset("اليوم امس ايضا كذلك مجددا لنا له لها لهم بدوره بدورها بدورهم".split())
_SPEECH_EVENTS = frozenset(
    ("بيان بيانا بيانه بيانها تصريح تصريحات تصريحه تصريحاته اخطار كلمه مؤتمر حديث اشاره لقاء "
     "مقابله رساله تغريده منشور تقرير تقريره تقريرها ندوه جلسه اجتماع").split())
_QUANTIFIERS = frozenset("احد احدي عدد عده بعض من كبار اثنين اثنان ثلاثه اربعه خمسه سته عشرات".split())
_COPULA = frozenset("كان وكان كانت وكانت قد وقد لقد".split())
_TOLD_TO = frozenset("للصحافيين للصحفيين لوكاله لقناه لصحيفه لموقع لوسائل لمجله".split())
_ISSUED = frozenset("صدر صادر الصادر".split())
_WHAT = frozenset("ما لما بما".split())
_NP_MAX_WORDS = 7
_ANONYMITY_WINDOW = 12


@dataclass
class _Source:
    surface: str = ""
    source_type: str = "unknown"
    source_id: str = ""
    actor_id: str = ""
    affiliation: str = ""
    start: int = -1
    end: int = -1


def _strip_clitics(word: str) -> set[str]:
    variants = {word}
    if word[:1] in "وف" and len(word) > 2:
        variants.add(word[1:])
    for v in list(variants):
        for prefix in ("ال", "لل", "بال", "ل", "ب"):
            if v.startswith(prefix) and len(v) > len(prefix) + 1:
                variants.add(v[len(prefix):])
    return variants


@lru_cache(maxsize=1)
def _source_tables() -> tuple[frozenset[str], dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(anonymous head nouns, exact aliases -> (type, id), actor ids -> (type, id))."""
    src = load_cited_sources()
    heads = frozenset(normalize_for_matching(a) for a in src.loc[src["match"] == "head", "alias"])
    exact = {normalize_for_matching(r["alias"]): (r["source_type"], r["source_id"])
             for _, r in src[src["match"] == "exact"].iterrows()}
    actor = {r["alias"]: (r["source_type"], r["source_id"]) for _, r in src[src["match"] == "actor"].iterrows()}
    return heads, exact, actor


@lru_cache(maxsize=1)
def _actor_parents() -> dict[str, str]:
    from helpers import actors  # the actor lexicon is optional for the framing terms

    lexicon = actors.load_actor_lexicon()
    return dict(zip(lexicon["actor_id"], lexicon["parent"].fillna("")))


def _actor_source_type(actor_id: str) -> tuple[str, str] | None:
    _, _, by_actor = _source_tables()
    parents = _actor_parents()
    current, seen = actor_id, set()
    while current and current not in seen:
        if current in by_actor:
            return by_actor[current]
        seen.add(current)
        current = parents.get(current, "")
    return None


def _is_anonymous_head(words: list[str]) -> bool:
    heads, _, _ = _source_tables()
    for word in words:
        if word in _QUANTIFIERS or word.isdigit() or not word[0].isalnum():
            continue
        return bool(_strip_clitics(word) & heads)
    return False


def classify_source(phrase: str, after: str = "") -> dict[str, str]:
    """Type the cited source named by ``phrase`` (Arabic, as written); ``after`` is the text right after it.

    Order: anonymous (the phrase starts with مسؤول / مصدر / مصادر ..., or an anonymity cue such as
    لم يرد اسمه is in the phrase or in ``after``), then a named source of ``cited_sources.csv``
    (the first in the phrase; ``exact`` names only as the whole phrase), then an actor of
    ``actors.csv`` (typed by its nearest ancestor listed in ``cited_sources.csv``), then a
    nationality adjective (أمريكي -> us_government); otherwise ``other`` (or ``unknown`` for an
    empty phrase). For anonymous sources ``affiliation`` keeps the type the rest of the phrase
    gives (مسؤول أمريكي -> us_government).

    Returns a dict with source_type, source_id, source_actor_id, source_affiliation.

    Example:
        >>> classify_source("مسؤول رفيع في الخارجية الأمريكية")["source_affiliation"]
        'us_government'
        >>> classify_source("وكالة «رويترز»")["source_type"]
        'western_media'
    """
    text = f"{phrase} {after}".strip()
    normal = normalize_with_offsets(text)
    tokens = _Tokens(normal.text)
    phrase_end = len(normalize_for_matching(phrase).rstrip())
    last = tokens.at(max(phrase_end - 1, 0)) + 1 if phrase.strip() else 0
    actor_mentions = _find_actors(pd.DataFrame({"article_id": ["phrase"], "text": [text]}))
    source = _classify(normal.text, tokens, 0, last, text, 0, normal, actor_mentions)
    return {"source_type": source.source_type, "source_id": source.source_id,
            "source_actor_id": source.actor_id, "source_affiliation": source.affiliation}


def _count_quotes(text: str) -> int:
    return sum(text.count(q) for q in _QUOTES)


def _classify(norm: str, tokens: _Tokens, a: int, b: int, sentence: str, sentence_start: int,
              normal: Any, actor_mentions: pd.DataFrame | None) -> _Source:
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
    src = load_cited_sources()
    window_end = tokens.ends[min(b + _ANONYMITY_WINDOW, len(tokens)) - 1]
    anonymous = _is_anonymous_head(words) or any(
        g == "cue" and cs <= m_start < window_end for m_start, _, _, g in found)
    # named sources: the first in the phrase, ties to the longest
    named = sorted((m for m in found if m[3] == "name" and cs <= m[0] < ce), key=lambda m: (m[0], m[0] - m[1]))
    bare = " ".join(w for w in words if w[0].isalnum())
    exact = _source_tables()[1]
    typed: tuple[str, str] | None = None
    if named:
        row = src.loc[named[0][2]]
        typed = (row["source_type"], row["source_id"])
    else:
        for variant in _strip_clitics(bare) | {bare}:
            if variant in exact:
                typed = exact[variant]
                break
    if actor_mentions is not None and len(actor_mentions):
        inside = actor_mentions[(actor_mentions["start"] < source.end) & (actor_mentions["end"] > source.start)]
        if len(inside):
            source.actor_id = str(inside.iloc[0]["actor_id"])
            if typed is None:
                typed = _actor_source_type(source.actor_id)
    if typed is None:
        nisba = sorted(m for m in found if m[3] == "nisba" and cs <= m[0] < ce)
        if nisba:
            row = src.loc[nisba[0][2]]
            typed = (row["source_type"], row["source_id"])
    if anonymous:
        source.source_type, source.source_id = "anonymous", "anonymous"
        source.affiliation = typed[0] if typed else ""
    elif typed:
        source.source_type, source.source_id = typed
    else:
        source.source_type = "other"
    return source


def _forward_np(tokens: _Tokens, i: int, told_to: set[int]) -> tuple[int, int]:
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
            if not _is_anonymous_head(words[a:j]) or following in _SPEECH_EVENTS or following in ("فيه", "فيها"):
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


def _cut_after_name(tokens: _Tokens, a: int, b: int) -> int:
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


def _backward_np(tokens: _Tokens, i: int, verb_tokens: set[int]) -> tuple[int, int]:
    """The subject before the verb at token i (SVO: سينغ أشارت; وكان مسؤول ... قد أشار)."""
    words = tokens.words
    j = i - 1
    while j >= 0 and words[j] in ("قد", "لقد", "وقد"):
        j -= 1
    if j >= 0 and words[j] in ("،", ","):
        j -= 1
    b, count = j + 1, 0
    while j >= 0:
        word = words[j]
        if word in _QUOTES:
            j -= 1
            continue
        if not word[0].isalnum() or word in _COMPLEMENTIZERS or word in _WHAT or j in verb_tokens:
            break
        if word in ("بينما", "فيما", "حيث", "لكن", "ولكن", "اذ") or count >= _NP_MAX_WORDS:
            break
        count += 1
        j -= 1
    a = j + 1
    while a < b and (words[a] in _COPULA or words[a] in _QUOTES):
        a += 1
    while b > a and words[b - 1] in _COPULA | set(_QUOTES):
        b -= 1
    return a, b


def _told_to_positions(tokens: _Tokens, found_sources: list[tuple[int, int, int, str]]) -> dict[int, int]:
    """Token index of a ل-word -> index of the named source told (قال ... لوكالة رويترز, لفرانس برس)."""
    positions: dict[int, int] = {}
    names = [m for m in found_sources if m[3] in ("name", "exact")]
    for k, word in enumerate(tokens.words):
        if not word.startswith("ل") or len(word) == 2:
            continue
        for m_start, _, row, _ in names:
            first = tokens.at(m_start)
            attached = first == k and tokens.text[m_start] == "ل"          # لفرانس برس
            separate = (word in _TOLD_TO or word == "ل") and first in (k + 1, k + 2)  # لوكالة «رويترز», لـ"الجزيرة"
            if attached or separate:
                positions[k] = row
                break
    return positions


def _sentence_attributions(sentence: str, sentence_start: int, state: dict[str, _Source],
                           actor_mentions: pd.DataFrame | None) -> list[dict[str, Any]]:
    verbs_lex = load_attribution_verbs()
    src = load_cited_sources()
    normal = normalize_with_offsets(sentence)
    norm = normal.text
    matches = _longest_first(_verb_matcher().find(norm))
    if not matches:
        return []
    tokens = _Tokens(norm)
    found_sources = _find_sources(norm)
    told_to = _told_to_positions(tokens, found_sources)
    verb_tokens = {tokens.at(m[0]) for m in matches}
    verb_starts = sorted(tokens.at(m[0]) for m in matches)
    rows: list[dict[str, Any]] = []
    sentence_source: _Source | None = None

    def np_source(a: int, b: int) -> _Source:
        return _classify(norm, tokens, a, b, sentence, sentence_start, normal, actor_mentions)

    def conduit_after(b: int) -> tuple[str, str]:
        for k in range(b, min(b + 10, len(tokens))):
            if tokens.words[k] in _COMPLEMENTIZERS or tokens.words[k] == ":":
                break
            if k in told_to:
                row = src.loc[told_to[k]]
                m = next(m for m in found_sources if m[2] == told_to[k] and tokens.at(m[0]) >= k)
                begin = m[0]
                if norm[begin] == "ل" and not normalize_for_matching(row["alias"]).startswith("ل"):
                    begin += 1  # the preposition of "told to": لفرانس برس -> فرانس برس
                s, e = normal.to_source(begin, m[1])
                return sentence[s:e].strip(_QUOTES + " "), row["source_type"]
        return "", ""

    for m_start, m_end, row_index, _ in matches:
        entry = verbs_lex.loc[row_index]
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
                source = np_source(a, b)
                if b > a and tokens.words[a].startswith("ل") and len(tokens.words[a]) > 2 and start == after \
                        and tokens.words[i].endswith(("وفقا", "طبقا")):
                    s, _ = normal.to_source(tokens.starts[a] + 1, tokens.ends[a])
                    source.start = sentence_start + s
                    source.surface = sentence[s:source.end - sentence_start].strip(_QUOTES + " ")
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
            if b > a and b < len(tokens) and tokens.words[b - 1] in _ISSUED and tokens.words[b] == "عن":
                a, b = _forward_np(tokens, b + 1, set(told_to))  # بيان صدر عن X
            forward = np_source(a, b) if b > a else None
            if forward is not None and forward.source_type not in ("other", "unknown"):
                source, resolution = forward, "after_verb"
            elif kind == "verb" and not prefixed and i > 0:
                # SVO (سينغ أشارت, البيت الأبيض نفى التسريبات): a typed subject before the verb
                # beats an untyped phrase after it, which is then more likely the object.
                ba, bb = _backward_np(tokens, i, verb_tokens)
                backward = np_source(ba, bb) if bb > ba else None
                if backward is not None and (forward is None or backward.source_type not in ("other", "unknown")):
                    source, resolution = backward, "before_verb"
            if source is None and forward is not None:
                source, resolution = forward, "after_verb"
            if resolution == "after_verb":
                conduit, conduit_type = conduit_after(b)
            if source is None:
                source = state.get("last")
                resolution = "carried_over" if source else "unresolved"
        if source is None:
            source = _Source()
        elif resolution != "carried_over":
            state["last"] = source
        sentence_source = source
        s, e = normal.to_source(m_start, m_end)
        rows.append({
            "verb": sentence[s:e], "verb_lemma": lemma, "verb_class": entry["verb_class"],
            "source_surface": source.surface, "source_type": source.source_type,
            "source_id": source.source_id, "source_actor_id": source.actor_id,
            "source_affiliation": source.affiliation, "conduit": conduit, "conduit_type": conduit_type,
            "resolution": resolution, "start": sentence_start + s, "end": sentence_start + e,
            "source_start": source.start, "source_end": source.end, "sentence": sentence,
        })
    return rows


def _find_actors(articles: pd.DataFrame) -> pd.DataFrame | None:
    try:
        from helpers import actors
    except ImportError:  # pragma: no cover - the actor module ships with the package
        return None
    return actors.find_actor_mentions_corpus(articles[["article_id", "text"]])


def attributions(articles: pd.DataFrame, *, use_actors: bool = True) -> pd.DataFrame:
    """Who is cited, with which verb: one row per reporting verb linked to its source.

    Verbs come from ``attribution_verbs.csv`` (قال, أعلن, أكد, أضاف, أشار, نقل, ذكر, زعم, ادعى,
    بحسب, وفقاً لـ ... in their inflected forms, with و ف). The cited source is the noun phrase
    after the verb (VSO: وقال المسؤول), else before it (SVO: سينغ أشارت; وكان مسؤول ... قد أشار),
    the phrase after عن for نقل (نقلت وكالة مهر عن قناة الجزيرة: conduit Mehr, source Al
    Jazeera), or the one after بحسب / وفقاً لـ. A verb without a subject (وأضاف أن) and a
    participle (مؤكداً) carry the previous source over. The source is typed by
    :func:`classify_source` (actor mentions from :mod:`helpers.actors` are reused). Someone told
    a medium (قال مصدر ... لوكالة رويترز) makes that medium the ``conduit``.

    Columns: article_id, verb, verb_lemma, verb_class, source_surface, source_type, source_id,
    source_actor_id, source_affiliation, conduit, conduit_type, resolution (after_verb,
    before_verb, after_an, carried_over, unresolved), start, end (the verb), source_start,
    source_end (-1 if none), sentence.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["وزعم البنتاغون أن الهجمات فشلت."]})
        >>> attributions(arts)[["verb", "verb_class", "source_surface", "source_type"]].values.tolist()
        [['وزعم', 'distancing', 'البنتاغون', 'us_government']]
    """
    _require(articles, ("article_id", "text"), "attributions")
    mentions = _find_actors(articles) if use_actors else None
    rows = []
    for article_id, text in zip(articles["article_id"].astype(str), articles["text"]):
        state: dict[str, _Source] = {}
        article_actors = None
        if mentions is not None:
            article_actors = mentions[mentions["article_id"] == article_id]
        for s_start, s_end in split_sentences(text):
            for row in _sentence_attributions(text[s_start:s_end], s_start, state, article_actors):
                rows.append({"article_id": article_id, **row})
    table = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    return table.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def cited_source_shares(cited: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Composition of cited sources per outlet: count and share of each source type.

    ``cited`` is :func:`attributions`. One row per outlet and source type (all of
    :data:`SOURCE_TYPES`, zeros included); ``share`` is the type's fraction of the outlet's
    attributions. Columns: outlet, outlet_ar, source_type, count, total, share.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "outlet_ar": ["س"]})
        >>> cited = pd.DataFrame({"article_id": ["a", "a"], "source_type": ["anonymous", "us_government"]})
        >>> t = cited_source_shares(cited, arts)
        >>> t[t["count"] > 0][["source_type", "share"]].values.tolist()
        [['us_government', 0.5], ['anonymous', 0.5]]
    """
    outlets = outlet_labels(articles)
    order = outlets.groupby(["outlet", "outlet_ar"], sort=False)["article_id"].min().reset_index()
    order = order.sort_values("article_id")
    counts = (cited.merge(outlets, on="article_id").groupby(["outlet", "source_type"]).size()
              .rename("count").reset_index())
    grid = order[["outlet", "outlet_ar"]].merge(pd.DataFrame({"source_type": list(SOURCE_TYPES)}), how="cross")
    grid = grid.merge(counts, on=["outlet", "source_type"], how="left")
    grid["count"] = grid["count"].fillna(0).astype(int)
    grid["total"] = grid.groupby("outlet")["count"].transform("sum")
    grid["share"] = (grid["count"] / grid["total"].where(grid["total"] > 0)).round(3)
    return grid.reset_index(drop=True)


def verb_class_by_source_type(cited: pd.DataFrame, by: str = "source_type") -> pd.DataFrame:
    """Cross-tab of verb_class (rows) x source type (columns) of :func:`attributions`, with totals.

    ``by = "source_affiliation"`` types anonymous sources by whom they speak for (an anonymous
    US official counts as us_government; named sources keep their type).

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

    With ``by = "source_affiliation"`` (default) anonymous officials count for whom they speak
    (an unnamed US official is a US-government statement). One row per outlet (all outlets, zeros
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


# --------------------------------------------------------------------------------------------
# Figures


def plot_framing_heatmap(table: pd.DataFrame, *, max_label: int = 60) -> Any:
    """Heatmap of :func:`outlet_framing_table`: rows frame:choice (Arabic — English), columns outlets.

    Colour is the share of the choice within its frame for that outlet; each cell shows the raw
    count (blank where the outlet never touches the frame). Returns the matplotlib Figure.

    Example:
        >>> fig = plot_framing_heatmap(outlet_framing_table(framing_profile(arts), arts))  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    import numpy as np

    from helpers import rtl

    shares = framing_matrix(table, "share_in_frame")
    counts = framing_matrix(table, "count")
    fig, ax = plt.subplots(figsize=(3.0 + 1.9 * shares.shape[1], 0.9 + 0.34 * shares.shape[0]))
    values = shares.to_numpy(dtype=float)
    ax.grid(False)
    image = ax.imshow(np.ma.masked_invalid(values), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for r in range(values.shape[0]):
        for c in range(values.shape[1]):
            if not np.isnan(values[r, c]):
                ax.text(c, r, str(int(counts.iat[r, c])), ha="center", va="center", fontsize=8,
                        color="white" if values[r, c] > 0.6 else "black")
    labels = [rtl.label(ar, f"{frame}: {en}"[:max_label]) for frame, _, ar, en in shares.index]
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xticks(range(shares.shape[1]), [rtl.label(ar, en) for en, ar in shares.columns], fontsize=8,
                  rotation=20, ha="right")
    frames = [f for f, *_ in shares.index]
    for r in range(1, len(frames)):
        if frames[r] != frames[r - 1]:
            ax.axhline(r - 0.5, color="grey", linewidth=0.8)
    fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02, label="share of the frame's mentions")
    ax.set_title("Framing choices per outlet (colour: share within frame; number: count)", fontsize=10)
    fig.tight_layout()
    return fig


def _source_type_labels() -> dict[str, str]:
    src = load_cited_sources()
    labels = src[src["match"] == "type_label"]
    return dict(zip(labels["source_type"], labels["alias"]))


def plot_cited_sources(shares: pd.DataFrame) -> Any:
    """Stacked horizontal bars: the share of each source type among an outlet's attributions.

    ``shares`` is :func:`cited_source_shares`. One bar per outlet (label "Arabic — English",
    with the number of attributions), segments in :data:`SOURCE_TYPES` order. Returns the Figure.

    Example:
        >>> fig = plot_cited_sources(cited_source_shares(attributions(arts), arts))  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt

    from helpers import rtl

    outlets = shares[["outlet", "outlet_ar", "total"]].drop_duplicates("outlet")
    fig, ax = plt.subplots(figsize=(10, 1.2 + 0.6 * len(outlets)))
    cmap = plt.get_cmap("tab10")
    type_labels = _source_type_labels()
    left = pd.Series(0.0, index=outlets["outlet"].values)
    for k, source_type in enumerate(SOURCE_TYPES):
        part = shares[shares["source_type"] == source_type].set_index("outlet")["share"].reindex(left.index).fillna(0)
        if not part.any():
            continue
        ax.barh(range(len(left)), part.values, left=left.values, color=cmap(k % 10),
                label=rtl.label(type_labels.get(source_type, ""), source_type))
        left = left + part
    ax.set_yticks(range(len(outlets)),
                  [rtl.label(ar, f"{en} (n={int(n)})") for en, ar, n in outlets.values], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the outlet's attributions")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=4, fontsize=8, frameon=False)
    ax.set_title("Who is cited: composition of sources per outlet", fontsize=10)
    fig.tight_layout()
    return fig
