"""Framing: the words an outlet chooses for the armed groups, ISIS, US action, Israel and withdrawal.

An analysis over a frame of articles (``article_id``, ``text``; ``n_words`` for rates), with the
lexicon ``corpus/lexicons/framing.csv``: how the armed groups, ISIS, US military action and
Israel are named, which attribution verbs are used, and how withdrawal is framed (demand,
denial, process, from cue words in the same clause). :func:`match_terms` finds the terms in one
text, :func:`framing_mentions` in every article (one row per match with its sentence id and
evidence sentence), :func:`framing_profile` counts them per article and per 1,000 words, and
:func:`outlet_framing_table` compares outlets (share of each choice within its frame, the Media
Cloud "share of coverage" idea); :func:`helpers.presentation.source_bias_plots.plot_framing_heatmap` draws it.

Who is quoted, with which verb, is :mod:`helpers.attributions`; its public names
(:func:`~helpers.attributions.attributions`, ``classify_source``, ``cited_source_shares``,
...) are re-exported here for the notebooks written against this module.

Matching goes through the Arabic layer (:mod:`helpers.arabic`; the term lists are data, the rules
are there):

- Terms are matched on the normalised text (:func:`helpers.arabic.normalize.normalize_with_offsets`)
  by one :class:`~helpers.arabic.matcher.TermMatcher` per lexicon, and reported with offsets into
  the clean text, their sentence id and evidence sentence.
- ``pos = noun``: the proclitics و ف ب ك ل and the article are accepted (والميليشيات,
  للميليشيات, بالانسحاب), and a pronoun or tanwin-alef suffix (انسحاباً, ادعاءاته,
  مقاومتهم for مقاومة). A form written WITH the article requires it (المقاومة never matches the
  generic مقاومة); a form written without it accepts both (ميليشيات and الميليشيات).
- ``pos = verb`` and ``pos = phrase``: only و and ف (وزعم, فقال); inflections are listed as forms.
- Between the words of a multiword term any run of spaces, quotation marks or hyphens is
  accepted (تنظيم “الدولة الإسلامية”), and a quotation mark may follow a proclitic (لـ”البنتاجون”).
- Within a frame the longest match wins and matches never overlap (فصائل المقاومة is not
  also المقاومة); different frames may overlap. A match never crosses a sentence boundary.

Example:
    >>> match_terms("وزعم البنتاغون أن الميليشيات انسحبت")[["frame", "term", "leaning"]].values.tolist()
    [['attribution', 'زعم', 'distancing'], ['armed_groups', 'الميليشيات', 'militia_framing'], ['withdrawal', 'انسحب', 'unspecified']]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers.arabic.clauses import split_sentences
from helpers.arabic.clitics import term_pattern
from helpers.arabic.lexicon import Schema, cached_by_content, lexicon_file, load_lexicon, split_forms
from helpers.arabic.matcher import Match, Term, TermMatcher, longest_first, text_words
from helpers.arabic.normalize import normalize_for_matching, normalize_with_offsets
from helpers.arabic.tokens import Tokens, count_words
from helpers.attributions import (
    ATTRIBUTION_COLUMNS,
    SOURCE_LEXICON,
    SOURCE_TYPES,
    VERB_CLASSES,
    VERB_LEXICON,
    attributions,
    cited_source_shares,
    classify_source,
    load_attribution_verbs,
    load_cited_sources,
    verb_class_by_source_type,
    verb_classes_by_outlet,
)
from helpers.stats import collector_paused, outlet_labels, per_1000_words, require_columns

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
    "choice_labels",
    # re-exported from helpers.attributions (notebooks written against this module use them)
    "ATTRIBUTION_COLUMNS", "SOURCE_LEXICON", "SOURCE_TYPES", "VERB_CLASSES", "VERB_LEXICON", "attributions",
    "cited_source_shares", "classify_source", "load_attribution_verbs", "load_cited_sources",
    "verb_class_by_source_type", "verb_classes_by_outlet",
]

FRAMING_LEXICON = "framing.csv"

#: Stances of a withdrawal mention, decided by cue words in the same clause (see framing.csv).
WITHDRAWAL_STANCES = ("demand", "denial", "process", "unspecified")
#: How many words around a withdrawal term a cue may be (same clause only).
STANCE_WINDOW = 10

_FRAMING_COLUMNS = ("frame", "kind", "term", "forms", "pos", "gloss_en", "leaning", "rationale", "source")
_POS = ("noun", "verb", "phrase")
_KINDS = ("term", "cue", "stance")
#: How a lexicon ``pos`` takes clitics in the Arabic layer's model.
CLITICS_OF_POS = {"noun": "noun", "verb": "conjunction", "phrase": "conjunction"}

MENTION_COLUMNS = ["article_id", "sentence_id", "frame", "term", "leaning", "choice", "gloss_en", "surface",
                   "start", "end", "sentence"]
PROFILE_COLUMNS = ["article_id", "frame", "term", "leaning", "choice", "gloss_en", "count", "n_words", "per_1000_words", "evidence"]


# --------------------------------------------------------------------------------------------
# Lexicon


def _check_framing_row(row: dict[str, str]) -> list[str]:
    problems = [f"form {form!r} is empty after normalisation; remove it"
                for form in split_forms(row["forms"], row["term"]) if not normalize_for_matching(form).strip()]
    if row["kind"] == "cue" and row["leaning"] not in WITHDRAWAL_STANCES:
        problems.append(f"a cue's leaning must be one of {list(WITHDRAWAL_STANCES)}, not {row['leaning']!r}")
    return problems


FRAMING_SCHEMA = Schema(
    columns=_FRAMING_COLUMNS,
    required=("frame", "kind", "term", "pos", "gloss_en", "leaning", "rationale", "source"),
    choices={"kind": _KINDS, "pos": _POS},
    row_check=_check_framing_row,
    unique=(("frame", "kind", "term"),),
)


def load_framing_lexicon() -> pd.DataFrame:
    """The framing lexicon ``corpus/lexicons/framing.csv``, validated.

    One row per term (``kind = term``), withdrawal cue (``kind = cue``) or withdrawal stance label
    (``kind = stance``): frame, kind, term, forms (``|``-separated surface variants; empty means
    the term itself), pos (noun / verb / phrase, see the module's matching rules), gloss_en,
    leaning, rationale, source. A ``forms_list`` column (tuple of forms) and ``line`` (the line
    in the file) are added. Every problem of the file is reported at once
    (:class:`~helpers.arabic.lexicon.LexiconError`, ``framing.csv:LINE: problem``); an edit to
    the file takes effect on the next call.

    Example:
        >>> lex = load_framing_lexicon()
        >>> {"armed_groups", "isis", "us_action", "israel", "attribution", "withdrawal"} <= set(lex["frame"])
        True
    """
    table = load_lexicon(FRAMING_LEXICON, FRAMING_SCHEMA)
    table["forms_list"] = [split_forms(forms, term) for forms, term in zip(table["forms"], table["term"])]
    return table


def term_regex(form: str, pos: str) -> str:
    """The regular expression (on normalised text) that matches ``form`` with its clitics.

    ``pos`` is the lexicon's (noun, verb, phrase); the rules are those of
    :func:`helpers.arabic.clitics.term_pattern` (see the module docstring).

    Example:
        >>> import re
        >>> bool(re.fullmatch(term_regex("الإرهابيين", "noun"), "للارهابيين"))
        True
        >>> bool(re.fullmatch(term_regex("زعم", "verb"), "وزعم")), bool(re.fullmatch(term_regex("زعم", "verb"), "الزعم"))
        (True, False)
    """
    if pos not in _POS:
        raise ValueError(f"pos must be one of {_POS}, got {pos!r}")
    return term_pattern(form, CLITICS_OF_POS[pos])


@dataclass(frozen=True)
class _Compiled:
    """The framing lexicon compiled once per content of framing.csv."""

    terms: TermMatcher            # payload: lexicon row; group: frame
    cues: TermMatcher             # payload: lexicon row; one group (cues never overlap)
    rows: dict[int, tuple[str, str, str, str]]   # row -> (frame, term, leaning, gloss_en)
    frames: frozenset[str]


def _build() -> _Compiled:
    lex = load_framing_lexicon()
    terms: list[Term] = []
    cues: list[Term] = []
    for row, kind, frame, forms, pos in zip(lex.index, lex["kind"], lex["frame"], lex["forms_list"], lex["pos"]):
        ordered = sorted(forms, key=lambda f: -len(normalize_for_matching(f)))
        if kind == "term":
            terms.extend(Term(f, int(row), CLITICS_OF_POS[pos], frame) for f in ordered)
        elif kind == "cue":
            cues.extend(Term(f, int(row), CLITICS_OF_POS[pos], "cue") for f in ordered)
    rows = {int(i): (f, t, le, g) for i, f, t, le, g in
            zip(lex.index, lex["frame"], lex["term"], lex["leaning"], lex["gloss_en"])}
    return _Compiled(TermMatcher(terms), TermMatcher(cues), rows, frozenset(lex["frame"]))


def _compiled() -> _Compiled:
    return cached_by_content(lexicon_file(FRAMING_LEXICON), _build, key="framing._build")


# --------------------------------------------------------------------------------------------
# Withdrawal stance


def _stance(tokens: Tokens, start: int, end: int, cues: list[Match]) -> str:
    """Stance of the withdrawal term at normalised span (start, end) from the cue matches."""
    first, last = tokens.at(start), tokens.at(end - 1)
    clauses = tokens.clauses
    clause = clauses[first]
    placed = []
    for cue in cues:
        c_start, c_end, stance = cue.start, cue.end, cue.payload
        c_first, c_last = tokens.at(c_start), tokens.at(c_end - 1)
        if clauses[c_first] != clause or c_start < end and c_end > start:
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


#: A clause break as the tokeniser sees it: ، ؛ ; : and a comma that is not inside a number (2,500).
_CLAUSE_BREAK = re.compile(r"[،؛;:]|(?<!\d),|,(?!\d)")


def _clause_around(norm: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The clause of ``norm[lo:hi]`` (a sentence) holding the span (start, end)."""
    before = lo
    for m in _CLAUSE_BREAK.finditer(norm, lo, start):
        before = m.end()
    after = _CLAUSE_BREAK.search(norm, end, hi)
    return before, after.start() if after is not None else hi


def _article_mentions(text: str, compiled: _Compiled, frame: str | None = None) -> list[tuple[Any, ...]]:
    """Records (sentence_id, frame, term, leaning, choice, gloss_en, surface, start, end, sentence)."""
    normal = normalize_with_offsets(text)
    norm = normal.text
    words = text_words(norm)  # hashed once for the term and the cue matchers
    found = compiled.terms.find_all_words(norm, words)
    if frame is not None:
        found = [m for m in found if m.group == frame]
    if not found:
        return []
    spans = split_sentences(text)
    bounds = normal.from_source([s for s, _ in spans] + [e for _, e in spans]).tolist()
    starts, ends = bounds[:len(spans)], bounds[len(spans):]
    where = np.searchsorted(starts, [m.start for m in found], side="right") - 1
    inside = [(k, m) for k, m in zip(where.tolist(), found) if k >= 0 and m.end <= ends[k]]
    kept = longest_first(m for _, m in inside)
    sentence_of = {(m.start, m.end, m.row): k for k, m in inside}
    records = []
    rows = compiled.rows
    cues: list[Match] | None = None
    cue_starts: list[int] = []
    sentence_cues: dict[int, list[Match]] = {}
    for match in sorted(kept, key=lambda m: (m.start, m.group)):
        k = sentence_of[(match.start, match.end, match.row)]
        frame_name, term, leaning, gloss = rows[match.payload]
        choice = term
        if frame_name == "withdrawal":
            if cues is None:  # the cue words of the article, once (only articles that mention withdrawal)
                cues = [Match(c.start, c.end, rows[c.payload][2], c.group, c.row) for c in compiled.cues.find_all_words(norm, words)]
                cue_starts = [c.start for c in cues]
            lo, hi = _clause_around(norm, starts[k], ends[k], match.start, match.end)
            # the cues of the sentence compete (لا بد is one demand cue, not لا + بد); only the
            # term's clause can hold a cue that counts
            in_sentence = sentence_cues.get(k)
            if in_sentence is None:
                in_sentence = sentence_cues[k] = longest_first(
                    c for c in cues[bisect.bisect_left(cue_starts, starts[k]):bisect.bisect_left(cue_starts, ends[k])]
                    if c.end <= ends[k])
            in_clause = [c for c in in_sentence if lo <= c.start and c.end <= hi]
            # no cue in the clause: the stance is unspecified (the clause need not be tokenised)
            leaning = choice = _stance(Tokens(norm, lo, hi), match.start, match.end, in_clause) \
                if in_clause else "unspecified"
        s, e = normal.to_source(match.start, match.end)
        sentence_start, sentence_end = spans[k]
        records.append((k, frame_name, term, leaning, choice, gloss, text[s:e], s, e,
                        text[sentence_start:sentence_end]))
    return records


def match_terms(text: str, frame: str | None = None) -> pd.DataFrame:
    """Framing terms in one clean text: sentence_id, frame, term, leaning, choice, gloss_en, surface, start, end, sentence.

    Offsets index ``text``; ``sentence`` is the evidence sentence (``sentence_id`` its index in
    :func:`helpers.arabic.clauses.split_sentences`). ``leaning`` of a withdrawal term is its
    stance (demand / denial / process / unspecified, from the cues in its clause); ``choice`` is
    what outlets are compared on: the term, or the stance for withdrawal. ``frame`` keeps one
    frame only.

    Example:
        >>> match_terms("الوقت الحالي ليس وقت الحديث عن الانسحاب", "withdrawal")[["surface", "leaning"]].values.tolist()
        [['الانسحاب', 'denial']]
    """
    compiled = _compiled()
    if frame is not None and frame not in compiled.frames:
        raise ValueError(f"unknown frame {frame!r}; frames in {FRAMING_LEXICON}: {sorted(compiled.frames)}")
    return _mention_frame(_article_mentions(text, compiled, frame), MENTION_COLUMNS[1:])


def framing_mentions(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per framing-term match in every article (the table :func:`framing_profile` counts).

    Columns: article_id, sentence_id, frame, term, leaning, choice, gloss_en, surface, start, end
    (offsets into ``articles.text``), sentence. Sorted by article_id, start, frame. Built from
    records in one pass (no DataFrame per article), pure: runs per partition of a corpus.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["هاجمت فصائل المقاومة القواعد."]})
        >>> framing_mentions(arts)[["article_id", "term", "start", "end"]].values.tolist()
        [['a', 'فصائل المقاومة', 6, 20]]
    """
    require_columns(articles, ("article_id", "text"), "framing_mentions")
    compiled = _compiled()
    records: list[tuple[Any, ...]] = []
    with collector_paused():
        for article_id, text in zip(articles["article_id"].astype(str).tolist(), articles["text"].tolist()):
            if isinstance(text, str) and text:
                records.extend((article_id, *r) for r in _article_mentions(text, compiled))
    records.sort(key=lambda r: (r[0], r[8], r[2]))  # article_id, start, frame (stable: as found)
    return _mention_frame(records, MENTION_COLUMNS)


def _mention_frame(records: list[tuple[Any, ...]], columns: list[str]) -> pd.DataFrame:
    """A DataFrame of mention records: integer offsets and ids, text columns as Python strings
    (object dtype: building Arrow strings costs more than the matching on large partitions)."""
    values = list(zip(*records)) if records else [()] * len(columns)
    integers = {"sentence_id", "start", "end"}
    return pd.DataFrame({c: pd.Series(np.array(v, dtype=np.int64) if c in integers else list(v),
                                      dtype=None if c in integers else object)
                         for c, v in zip(columns, values)})


def _word_counts(articles: pd.DataFrame) -> dict[str, int]:
    if "n_words" in articles.columns:
        counts = articles["n_words"]
    else:  # a plain frame of texts (tests, ad-hoc use): the same word rule as load_corpus
        counts = articles["text"].map(count_words)
    return dict(zip(articles["article_id"].astype(str), counts.astype(int)))


def _profile_counts(mentions: pd.DataFrame, keys: list[str]) -> pd.DataFrame | None:
    """Count and evidence per ``keys`` from records: the groupby of :func:`framing_profile` in one
    pass over Python lists (keys sorted, evidence the distinct sentences in order of appearance).

    None (use the groupby) unless every key column and ``sentence`` holds strings with no missing
    value (object or str dtype), as :func:`framing_mentions` gives them.
    """
    columns = [*keys, "sentence"]
    for column in columns:
        values = mentions[column]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values.dtype)) or values.isna().any():
            return None
    lists = [mentions[c].tolist() for c in columns]
    if not all(isinstance(v, str) for values in lists for v in values):
        return None
    groups: dict[tuple[str, ...], tuple[list[int], dict[str, None]]] = {}
    for *key, sentence in zip(*lists):
        group = groups.get(tuple(key))
        if group is None:
            group = groups[tuple(key)] = ([0], {})
        group[0][0] += 1
        group[1][sentence] = None
    ordered = sorted(groups)
    table = pd.DataFrame({k: [key[i] for key in ordered] for i, k in enumerate(keys)})
    table["count"] = np.array([groups[key][0][0] for key in ordered], dtype=np.int64)
    table["evidence"] = [" ‖ ".join(groups[key][1]) for key in ordered]
    return table


def framing_profile(articles: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and frame, the count of each term, per 1,000 words, with the evidence sentences.

    Columns: article_id, frame, term, leaning, choice, gloss_en, count, n_words, per_1000_words
    (:func:`helpers.stats.per_1000_words`; ``n_words`` from ``articles.n_words`` or, if absent,
    :func:`helpers.arabic.tokens.count_words` of the text), evidence (the distinct sentences,
    joined with `` ‖ ``). Only terms that occur are listed (absence is a zero in
    :func:`outlet_framing_table`). A withdrawal term gets one row per stance. Pass ``mentions``
    (from :func:`framing_mentions`) to avoid matching twice.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["داعش الوهابي وداعش."], "n_words": [3]})
        >>> framing_profile(arts)[["term", "count", "per_1000_words"]].values.tolist()
        [['داعش', 1, 333.3], ['داعش الوهابي', 1, 333.3]]
    """
    require_columns(articles, ("article_id", "text"), "framing_profile")
    mentions = framing_mentions(articles) if mentions is None else mentions
    if mentions.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    keys = ["article_id", "frame", "term", "leaning", "choice", "gloss_en"]
    table = _profile_counts(mentions, keys)
    if table is None:
        counts = mentions.groupby(keys, sort=True, observed=True).size().rename("count")
        distinct = mentions.drop_duplicates([*keys, "sentence"])
        evidence = distinct.groupby(keys, sort=True, observed=True)["sentence"].agg(" ‖ ".join).rename("evidence")
        table = pd.concat([counts, evidence], axis=1).reset_index()
    words = _word_counts(articles)
    table["n_words"] = table["article_id"].map(words).astype(int)
    table["per_1000_words"] = per_1000_words(table["count"], table["n_words"], decimals=1)
    return table[PROFILE_COLUMNS].sort_values(["article_id", "frame", "term", "leaning"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Outlets


def choice_labels() -> pd.DataFrame:
    """Every framing choice with its Arabic label, English gloss, leaning and display order:
    the lexicon's terms, and for withdrawal its stances (demand, denial, process, unspecified).

    Example:
        >>> labels = choice_labels()
        >>> {"frame", "choice", "label_ar", "gloss_en", "leaning", "order"} <= set(labels.columns)
        True
    """
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
    make that choice (outlets x choices observed in the corpus: bounded by the lexicon, never a
    product of all index levels). Articles of unknown outlet form one outlet, ``unknown``
    (:func:`helpers.stats.outlet_labels`). Columns: outlet, outlet_ar, frame, choice, label_ar,
    gloss_en, leaning, count, frame_count (all the outlet's mentions in that frame),
    share_in_frame (``count / frame_count``, empty when the outlet never touches the frame),
    n_words, per_1000_words. Rows follow the lexicon order, outlets their first article_id.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "outlet_ar": ["س", "ص"],
        ...                      "text": ["الميليشيات والميليشيات والمقاومة", "فصائل المقاومة"], "n_words": [3, 2]})
        >>> t = outlet_framing_table(framing_profile(arts), arts)
        >>> t[t["outlet"] == "X"][["choice", "count", "share_in_frame"]].values.tolist()
        [['فصائل المقاومة', 0, 0.0], ['المقاومة', 1, 0.333], ['الميليشيات', 2, 0.667]]
    """
    require_columns(articles, ("article_id",), "outlet_framing_table")
    outlets = outlet_labels(articles)
    words = _word_counts(articles) if "text" in articles.columns or "n_words" in articles.columns else {}
    outlets["n_words"] = outlets["article_id"].map(words)
    per_outlet = outlets.groupby(["outlet", "outlet_ar"], sort=False).agg(
        n_words=("n_words", "sum"), first=("article_id", "min")).reset_index().sort_values("first")
    counts = (profile.merge(outlets[["article_id", "outlet"]], on="article_id")
              .groupby(["outlet", "frame", "choice"], sort=False)["count"].sum().reset_index())
    labels = choice_labels()
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

    The index is (frame, choice, label_ar, gloss_en); columns are (outlet, outlet_ar). Only the
    row and column keys that occur in ``table`` are used (first value per cell; NaN where a
    pair is absent), so memory is rows x outlets, never a product of every level's values.

    Example:
        >>> import pandas as pd
        >>> t = pd.DataFrame({"outlet": ["X"], "outlet_ar": ["س"], "frame": ["isis"], "choice": ["داعش"],
        ...                   "label_ar": ["داعش"], "gloss_en": ["Daesh"], "count": [2]})
        >>> framing_matrix(t, "count").values.tolist()
        [[2]]
    """
    rows = ["frame", "choice", "label_ar", "gloss_en"]
    cols = ["outlet", "outlet_ar"]
    row_keys = list(map(tuple, table[rows].values.tolist()))
    col_keys = list(map(tuple, table[cols].values.tolist()))
    row_order = {key: i for i, key in enumerate(dict.fromkeys(row_keys))}
    col_order = {key: i for i, key in enumerate(dict.fromkeys(col_keys))}
    r = np.fromiter((row_order[k] for k in row_keys), dtype=np.int64, count=len(row_keys))
    c = np.fromiter((col_order[k] for k in col_keys), dtype=np.int64, count=len(col_keys))
    first = ~pd.Series(list(zip(r.tolist(), c.tolist())), dtype=object).duplicated().to_numpy()
    values = table[value].to_numpy()
    matrix = np.full((len(row_order), len(col_order)), np.nan, dtype=object if values.dtype == object else float)
    matrix[r[first], c[first]] = values[first]
    frame = pd.DataFrame(matrix, index=pd.MultiIndex.from_tuples(list(row_order), names=rows),
                         columns=pd.MultiIndex.from_tuples(list(col_order), names=cols))
    if values.dtype != object and not np.isnan(matrix).any() and np.issubdtype(values.dtype, np.integer):
        frame = frame.astype(values.dtype)
    return frame
