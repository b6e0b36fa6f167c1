"""Framing: the words an outlet chooses for the armed groups, ISIS, US action, Israel and withdrawal.

An analysis over a frame of articles (``article_id``, ``text``; ``n_words`` for rates), with the
lexicon ``corpus/lexicons/framing.csv``: how the armed groups, ISIS, US military action and
Israel are named, which attribution verbs are used, and how withdrawal is framed (demand,
denial, process, from cue words in the same clause). :func:`match_terms` finds the terms in one
text, :func:`framing_mentions` in every article (one row per match with its evidence sentence),
:func:`framing_profile` counts them per article and per 1,000 words, and
:func:`outlet_framing_table` compares outlets (share of each choice within its frame, the Media
Cloud "share of coverage" idea); :func:`plot_framing_heatmap` draws it.

Who is quoted, with which verb, is :mod:`helpers.attributions`; its public names
(:func:`~helpers.attributions.attributions`, ``classify_source``, ``cited_source_shares``,
``plot_cited_sources`` ...) stay importable from here for the notebooks written against this module.

Matching rules, shared with :mod:`helpers.attributions` (the term lists are data, the rules are here):

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
from helpers.corpus import count_words, per_1000_words
from helpers.text import normalize_for_matching, normalize_with_offsets, split_sentences

__all__ = [
    "FRAMING_LEXICON",
    "WITHDRAWAL_STANCES",
    "STANCE_WINDOW",
    "MENTION_COLUMNS",
    "PROFILE_COLUMNS",
    "load_framing_lexicon",
    "term_regex",
    "match_terms",
    "framing_mentions",
    "framing_profile",
    "outlet_labels",
    "outlet_framing_table",
    "framing_matrix",
]

#: Names of :mod:`helpers.attributions` re-exported here (see :func:`__getattr__`).
_FROM_ATTRIBUTIONS = (
    "VERB_LEXICON", "SOURCE_LEXICON", "SOURCE_TYPES", "VERB_CLASSES", "ATTRIBUTION_COLUMNS",
    "load_attribution_verbs", "load_cited_sources", "classify_source", "attributions",
    "cited_source_shares", "verb_class_by_source_type", "verb_classes_by_outlet", "plot_cited_sources",
)

FRAMING_LEXICON = "framing.csv"

#: Stances of a withdrawal mention, decided by cue words in the same clause (see framing.csv).
WITHDRAWAL_STANCES = ("demand", "denial", "process", "unspecified")
#: How many words around a withdrawal term a cue may be (same clause only).
STANCE_WINDOW = 10

_FRAMING_COLUMNS = ("frame", "kind", "term", "forms", "pos", "gloss_en", "leaning", "rationale", "source")
_POS = ("noun", "verb", "phrase")
_KINDS = ("term", "cue", "stance")

MENTION_COLUMNS = ["article_id", "frame", "term", "leaning", "choice", "gloss_en", "surface", "start", "end", "sentence"]
PROFILE_COLUMNS = ["article_id", "frame", "term", "leaning", "choice", "gloss_en", "count", "n_words", "per_1000_words", "evidence"]


def __getattr__(name: str) -> Any:
    """Re-export the attribution API (``framing.attributions`` ...) from :mod:`helpers.attributions`.

    Imported lazily: :mod:`helpers.attributions` builds on this module's matcher.

    Example:
        >>> from helpers import attributions, framing
        >>> framing.attributions is attributions.attributions
        True
    """
    if name in _FROM_ATTRIBUTIONS:
        from helpers import attributions as _attributions

        return getattr(_attributions, name)
    raise AttributeError(f"module 'helpers.framing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_FROM_ATTRIBUTIONS))

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
    else:  # a plain frame of texts (tests, ad-hoc use): the same word rule as load_corpus
        counts = articles["text"].map(count_words)
    return dict(zip(articles["article_id"].astype(str), counts.astype(int)))


def framing_profile(articles: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and frame, the count of each term, per 1,000 words, with the evidence sentences.

    Columns: article_id, frame, term, leaning, choice, gloss_en, count, n_words, per_1000_words
    (:func:`helpers.corpus.per_1000_words`; ``n_words`` from ``articles.n_words`` or, if absent,
    :func:`helpers.corpus.count_words` of the text), evidence (the distinct sentences, joined with `` ‖ ``). Only terms that occur are
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
    table["per_1000_words"] = per_1000_words(table["count"], table["n_words"], decimals=1)
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
    grid["per_1000_words"] = per_1000_words(grid["count"], grid["n_words"], decimals=2)
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

