"""Actor mentions: who the articles talk about, found with an auditable lexicon.

The lexicon is ``corpus/lexicons/actors.csv``, one row per alias (Arabic surface form) with the
actor's id, English and Arabic labels, type and parent (for roll-ups such as
``us_military -> us``). :func:`load_actor_lexicon` validates it; :func:`find_actor_mentions`
finds the aliases in a text. Matching rules:

- Aliases are matched on the normalised form (:func:`helpers.text.normalize_for_matching`:
  alef variants, ى/ي, ة/ه, diacritics, tatweel), and each mention is reported with offsets into
  the clean text (mapped back by :func:`helpers.text.normalize_with_offsets`), its surface form
  there and its sentence.
- Proclitics do not block a match: و ف ب ل ك before any alias, and for aliases written with the
  article ال also بال وال فال كال لل ولل فلل (للجيش الأمريكي, وبالبنتاغون, and للواء for
  ل + اللواء). The reported span
  covers the whole written word, proclitics included.
- Word boundaries are respected otherwise: إيران does not match in إيرانيًا or الإيرانية.
- Between the words of an alias any run of spaces and quotation marks is accepted
  (تنظيم “الدولة الإسلامية”).
- The longest alias wins and spans never overlap: كتائب حزب الله is kataib_hezbollah only,
  الجيش العراقي is iraqi_forces only, القوات الأمريكية is us_military only.
- An alias directly followed by a bracketed alias of the same (or a related) actor is one
  mention: وزارة الدفاع الأمريكية (البنتاجون), قوات سوريا الديمقراطية (قسد).
- A title (``match_rule = title``) directly followed by the name of a person under it is one
  mention of the person: وزير الدفاع الأمريكي، لويد أوستن -> austin (whose parent is us_military).
- Nationality adjectives are not aliases by themselves, so an adjective that describes a person
  or object (مسؤول أمريكي, صحيفة أمريكية, مستشارين أمريكيين) is not an actor mention. The few
  plural forms used as nouns (الأمريكيين "the Americans") carry ``match_rule =
  not_after_definite`` and are skipped after a definite word they would qualify (الجرحى
  الأمريكيين), but counted after a particle (ضد الأمريكيين) or with a proclitic of their own
  (والإيرانيون). Surnames that are also nisba adjectives (المالكي: المذهب المالكي "the Maliki
  school") carry the same rule, but count directly after a title whose person they name
  (رئيس الوزراء العراقي المالكي).
- Soldiers are the exception to the adjective rule, in every number: جندي أمريكي, جنديًا أمريكيًا,
  جنديين أمريكيين / جنديان أمريكيان (dual), جنود أمريكيين / أمريكيون and their definite forms
  are listed as aliases of us_military, because a count of soldiers is a count of the force
  itself (the notebooks ask how much the coverage talks about US forces), while an official, an
  adviser or a newspaper described as American is a person or object, not the state. The forms
  are lexicon rows, not a morphological rule, so each is visible and reviewable.

Counting: :func:`actor_counts` (per article, per outlet or overall, raw and per 1,000 words),
:func:`roll_up` (to parents or roots), :func:`cooccurrence` (pairs of actors sharing a
sentence, once per sentence) and :func:`actor_article_matrix` for heatmaps;
:func:`headline_figures` gathers the counts the notebook's findings quote. Figures (each returns
a matplotlib Figure, every Arabic string through :mod:`helpers.rtl`): :func:`plot_top_actors`,
:func:`plot_actor_heatmap`, :func:`plot_cooccurrence`.

Example:
    >>> find_actor_mentions("وطلب البنتاغون من الحكومة العراقية حماية القوات الأمريكية")[["actor_id", "surface"]].values.tolist()
    [['us_military', 'البنتاغون'], ['iraq_gov', 'الحكومة العراقية'], ['us_military', 'القوات الأمريكية']]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.corpus import per_1000_words
from helpers.text import normalize_for_matching, normalize_with_offsets, sentences_containing, split_sentences

__all__ = [
    "ACTOR_TYPES",
    "LEXICON_COLUMNS",
    "MENTION_COLUMNS",
    "ActorMatcher",
    "load_actor_lexicon",
    "actor_table",
    "compile_actor_matcher",
    "default_actor_matcher",
    "find_actor_mentions",
    "find_actor_mentions_corpus",
    "roll_up",
    "actor_counts",
    "actor_article_matrix",
    "cooccurrence",
    "cooccurrence_matrix",
    "HEADLINE_PAIRS",
    "headline_figures",
]

#: Columns every row of actors.csv must have (``match_rule`` is optional).
LEXICON_COLUMNS = ("actor_id", "label_en", "label_ar", "type", "parent", "alias", "note")
ACTOR_TYPES = frozenset({"state", "government", "military", "armed group", "organisation", "person", "media"})
#: ``not_after_definite``: a nisba used as a noun, skipped after a definite word it would qualify;
#: ``title``: a title that forms one mention with a directly following name of a person under it.
MATCH_RULES = frozenset({"", "not_after_definite", "title"})
#: Columns of :func:`find_actor_mentions` (the corpus version puts ``article_id`` first).
MENTION_COLUMNS = ["actor_id", "surface", "start", "end", "alias", "sentence_id", "sentence"]
LEVELS = ("actor", "parent", "root")

_ACTOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")


# --------------------------------------------------------------------------------------------
# Lexicon


def _csv_row(index: int) -> int:
    """Line number in the CSV file of DataFrame row ``index`` (header is line 1)."""
    return index + 2


@lru_cache(maxsize=8)
def _read_lexicon(path_str: str, mtime: float) -> pd.DataFrame:
    path = Path(path_str)
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in LEXICON_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(
            f"{path}: missing column(s) {missing}; the header must have {list(LEXICON_COLUMNS)} "
            "(and optionally match_rule)"
        )
    if "match_rule" not in table.columns:
        table["match_rule"] = ""
    table = table.apply(lambda column: column.str.strip())
    problems: list[str] = []
    for i, row in table.iterrows():
        where = f"{path.name} line {_csv_row(i)} ({row['actor_id'] or '?'} / {row['alias'] or '?'})"
        for column in ("actor_id", "label_en", "label_ar", "type", "alias"):
            if not row[column]:
                problems.append(f"{where}: empty {column}; fill it in or delete the row")
        if row["actor_id"] and not _ACTOR_ID.match(row["actor_id"]):
            problems.append(f"{where}: actor_id must be lower-case ascii words joined by _ (like us_military)")
        if row["type"] and row["type"] not in ACTOR_TYPES:
            problems.append(f"{where}: unknown type {row['type']!r}; use one of {sorted(ACTOR_TYPES)}")
        if row["match_rule"] not in MATCH_RULES:
            problems.append(f"{where}: unknown match_rule {row['match_rule']!r}; use one of {sorted(MATCH_RULES)}")
        if row["alias"] and not normalize_for_matching(row["alias"]).strip():
            problems.append(f"{where}: the alias is empty after normalisation")
    actors = set(table["actor_id"])
    for actor_id, rows in table.groupby("actor_id", sort=True):
        for column in ("label_en", "label_ar", "type", "parent"):
            values = rows[column].unique()
            if len(values) > 1:
                lines = ", ".join(str(_csv_row(i)) for i in rows.index)
                problems.append(
                    f"{path.name} lines {lines}: actor {actor_id!r} has different {column} values "
                    f"{list(values)}; every row of an actor must repeat the same {column}"
                )
    for i, row in table.iterrows():
        parent = row["parent"]
        if parent and parent not in actors:
            problems.append(
                f"{path.name} line {_csv_row(i)} ({row['actor_id']}): parent {parent!r} is not an actor_id "
                "in the file; add that actor or fix the parent"
            )
    parents = dict(zip(table["actor_id"], table["parent"]))
    for actor_id in sorted(actors):
        seen, current = [actor_id], parents.get(actor_id, "")
        while current:
            if current in seen:
                problems.append(f"{path.name}: parent cycle {' -> '.join([*seen, current])}; break the cycle")
                break
            seen.append(current)
            current = parents.get(current, "")
    owner: dict[str, int] = {}
    for i, row in table.iterrows():
        key = _alias_key(row["alias"])
        if not key:
            continue
        first = owner.setdefault(key, i)
        if first != i and table.at[first, "actor_id"] != row["actor_id"]:
            problems.append(
                f"{path.name} lines {_csv_row(first)} and {_csv_row(i)}: the alias {row['alias']!r} "
                f"(normalised {key!r}) is given to both {table.at[first, 'actor_id']!r} and "
                f"{row['actor_id']!r}; keep it for one actor only"
            )
    if problems:
        raise ValueError(f"{path}: {len(problems)} problem(s) in the actor lexicon:\n  " + "\n  ".join(problems))
    return table[[*LEXICON_COLUMNS[:6], "match_rule", "note"]]


def load_actor_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the actor lexicon (default ``corpus/lexicons/actors.csv``).

    Checks: the required columns; no empty id, label, type or alias; known types; parents that
    exist and no parent cycle; the same labels/type/parent on every row of an actor; no alias
    that two actors share once normalised. Errors name the file, the line and what to do.
    Returns one row per alias (a fresh copy; the parsed file is cached until it changes).

    Example:
        >>> lexicon = load_actor_lexicon()
        >>> lexicon.loc[lexicon["alias"] == "البنتاجون", ["actor_id", "parent"]].values.tolist()
        [['us_military', 'us']]
    """
    path = Path(path) if path is not None else paths.lexicon_path("actors.csv")
    if not path.is_file():
        raise FileNotFoundError(f"actor lexicon {path} not found; pass the path of an actors.csv")
    return _read_lexicon(str(path.resolve()), path.stat().st_mtime).copy()


def actor_table(lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per actor: actor_id, label_en, label_ar, type, parent, root, n_aliases.

    Example:
        >>> actor_table().set_index("actor_id").loc["austin", ["parent", "root"]].tolist()
        ['us_military', 'us']
    """
    lexicon = load_actor_lexicon() if lexicon is None else lexicon
    actors = lexicon.groupby("actor_id", sort=True).agg(
        label_en=("label_en", "first"), label_ar=("label_ar", "first"), type=("type", "first"),
        parent=("parent", "first"), n_aliases=("alias", "size"),
    ).reset_index()
    mapping = _level_map(lexicon, "root")
    actors.insert(5, "root", actors["actor_id"].map(mapping))
    return actors


# --------------------------------------------------------------------------------------------
# Matching

#: Spaces and quotation marks accepted between the words of an alias.
_GAP_CHARS = " \t\"“”«»„"
_GAP = f"[{re.escape(_GAP_CHARS)}]+"
_GAP_RUN = re.compile(_GAP)
#: Proclitics before an alias written with ال (which they may absorb: ل + ال = لل).
#: Before a noun that itself begins with ل, ل + ال is written with two lams only (اللواء -> للواء).
_DEFINITE_PREFIX = r"[وف]?(?:[بك]?ال|لل|ل(?=ل))"
#: Proclitics before any other alias.
_BARE_PREFIX = r"[وف]?[بلك]?"
#: Brackets joining an alias to its bracketed alias, and the gap allowed in "title name".
_BRACKET_OPEN = re.compile(r"^[ \t\"“”«»]*[(\[][ \t\"“”«»]*$")
_BRACKET_CLOSE = re.compile(r"[ \t\"“”«»]*[)\]]")  # used with .match(text, pos): anchored at pos
_APPOSITION_GAP = re.compile(r"^[ \t\"“”«»،,:]*$")
#: Function words that begin with ال but are not definite nouns (normalised forms): a nisba
#: after them is a noun (إلى الأمريكيين), not an adjective.
_NOT_DEFINITE = frozenset({"الي", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان",
                           "اللاتي", "اللواتي", "اللائي", "الا", "الان", "اللي"})
_PREVIOUS_WORD = re.compile(r"(\w+)[ \t]+$")


def _alias_key(alias: str) -> str:
    """Normalised alias with its inner gaps collapsed to one space (the lookup key)."""
    return _GAP_RUN.sub(" ", normalize_for_matching(alias)).strip(_GAP_CHARS)


def _trie_pattern(keys: list[str]) -> str:
    """A regex matching exactly ``keys``, factored as a trie (fast in ``re``), longest first."""
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = True

    def emit(node: dict) -> str:
        branches = []
        for char in sorted(c for c in node if c):
            atom = _GAP if char == " " else re.escape(char)
            branches.append(atom + emit(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            # Greedy optional: the longer alias is tried first, the shorter one is the fallback.
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return emit(trie)


@dataclass(frozen=True)
class ActorMatcher:
    """A compiled actor lexicon: one regex over the normalised aliases plus the lookup tables.

    Build it with :func:`compile_actor_matcher`; :func:`find_actor_mentions` uses the default
    one (from ``corpus/lexicons/actors.csv``) when none is given.
    """

    pattern: re.Pattern[str]
    #: normalised alias key -> (actor_id, alias as written in the lexicon, match_rule)
    aliases: dict[str, tuple[str, str, str]]
    #: actor_id -> parent actor_id ("" for a root)
    parents: dict[str, str]
    #: actor_id -> type
    types: dict[str, str]

    def is_ancestor(self, ancestor: str, actor_id: str) -> bool:
        """True if ``ancestor`` is a (strict) ancestor of ``actor_id`` in the lexicon."""
        current = self.parents.get(actor_id, "")
        while current:
            if current == ancestor:
                return True
            current = self.parents.get(current, "")
        return False


def compile_actor_matcher(lexicon: pd.DataFrame) -> ActorMatcher:
    """Compile a (validated) lexicon into an :class:`ActorMatcher`.

    Aliases are normalised; those written with the article ال get the definite proclitics
    (بال وال لل ...), the others the plain ones (و ف ب ل ك). Where one normalised alias is
    listed twice for the same actor, the first row is reported as ``alias``.

    Example:
        >>> matcher = compile_actor_matcher(load_actor_lexicon())
        >>> matcher.aliases["البنتاجون"][0]
        'us_military'
    """
    aliases: dict[str, tuple[str, str, str]] = {}
    rules = lexicon["match_rule"] if "match_rule" in lexicon.columns else [""] * len(lexicon)
    for actor_id, alias, rule in zip(lexicon["actor_id"], lexicon["alias"], rules):
        key = _alias_key(alias)
        if key and key not in aliases:
            aliases[key] = (actor_id, alias, rule)
    definite = [k[2:] for k in aliases if k.startswith("ال") and len(k) > 2]
    bare = [k for k in aliases if not (k.startswith("ال") and len(k) > 2)]
    regex = (
        r"(?<!\w)(?:(?P<dp>" + _DEFINITE_PREFIX + r")(?P<d>" + _trie_pattern(definite) + r")"
        r"|(?P<bp>" + _BARE_PREFIX + r")(?P<b>" + _trie_pattern(bare) + r"))(?!\w)"
    )
    first = lexicon.drop_duplicates("actor_id")
    return ActorMatcher(
        pattern=re.compile(regex),
        aliases=aliases,
        parents=dict(zip(first["actor_id"], first["parent"])),
        types=dict(zip(first["actor_id"], first["type"])),
    )


@lru_cache(maxsize=1)
def _default_matcher(mtime: float) -> ActorMatcher:
    return compile_actor_matcher(load_actor_lexicon())


def default_actor_matcher() -> ActorMatcher:
    """The matcher for ``corpus/lexicons/actors.csv`` (compiled once, again if the file changes).

    Example:
        >>> "us" in default_actor_matcher().parents
        True
    """
    return _default_matcher(paths.lexicon_path("actors.csv").stat().st_mtime)


def _is_attributive(normalised: str, start: int) -> bool:
    """True if the word before ``start`` is a definite word that a nisba there would qualify."""
    previous = _PREVIOUS_WORD.search(normalised, max(0, start - 40), start)
    if previous is None:
        return False
    word = previous.group(1)
    if word in _NOT_DEFINITE:
        return False
    if word[:1] in "وف" and word[1:] in _NOT_DEFINITE:
        return False
    return word.startswith(("ال", "لل")) or (word[:1] in "وفبك" and word[1:].startswith(("ال", "لل")))


def _names_the_titled_person(normalised: str, found: list[list], start: int, actor_id: str,
                             matcher: ActorMatcher) -> bool:
    """True if the last match is a title directly before ``start`` and ``actor_id`` a person under it."""
    if not found or found[-1][4] != "title" or matcher.types.get(actor_id) != "person":
        return False
    title_end, title_actor = found[-1][1], found[-1][2]
    return bool(_APPOSITION_GAP.match(normalised[title_end:start])) and matcher.is_ancestor(title_actor, actor_id)


def _match_spans(normalised: str, matcher: ActorMatcher) -> list[list]:
    """[start, end, actor_id, alias, match_rule, has_proclitic] on the normalised text, after the rules."""
    found: list[list] = []
    for match in matcher.pattern.finditer(normalised):
        core = match.group("d")
        key = "ال" + core if core is not None else match.group("b")
        entry = matcher.aliases.get(key)
        if entry is None:  # quotes or several spaces between the words
            entry = matcher.aliases[_GAP_RUN.sub(" ", key)]
        actor_id, alias, rule = entry
        start, end = match.span()
        # A proclitic before the alias (the article ال of a definite alias does not count).
        has_prefix = match.group("dp") != "ال" if core is not None else bool(match.group("bp"))
        # An adjective takes no proclitic: والإيرانيون is "and the Iranians", a noun. Directly
        # after a title whose person it names (رئيس الوزراء العراقي المالكي) it is a name.
        if (rule == "not_after_definite" and not has_prefix and _is_attributive(normalised, start)
                and not _names_the_titled_person(normalised, found, start, actor_id, matcher)):
            continue
        found.append([start, end, actor_id, alias, rule, has_prefix])
    if len(found) < 2:
        return found
    merged: list[list] = [found[0]]
    for current in found[1:]:
        previous = merged[-1]
        gap = normalised[previous[1]:current[0]]
        if len(gap) > 8:  # neither a bracket nor an apposition
            merged.append(current)
            continue
        a, b = previous[2], current[2]
        if _BRACKET_OPEN.match(gap):
            close = _BRACKET_CLOSE.match(normalised, current[1])
            if close and (a == b or matcher.is_ancestor(a, b) or matcher.is_ancestor(b, a)):
                specific = b if matcher.is_ancestor(a, b) else a
                alias = previous[3] if specific == a else current[3]
                merged[-1] = [previous[0], close.end(), specific, alias, "", previous[5]]
                continue
        if (previous[4] == "title" and matcher.types.get(b) == "person" and matcher.is_ancestor(a, b)
                and not current[5] and _APPOSITION_GAP.match(gap)):
            merged[-1] = [previous[0], current[1], b, current[3], "", previous[5]]
            continue
        merged.append(current)
    return merged


def _empty_mentions(columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end", "sentence_id") else "object")
                          for c in columns})
    return frame


def find_actor_mentions(text: str, matcher: ActorMatcher | None = None) -> pd.DataFrame:
    """Actor mentions in ``text``: actor_id, surface, start, end, alias, sentence_id, sentence.

    ``start``/``end`` index ``text`` (``text[start:end] == surface``, proclitics included);
    ``alias`` is the lexicon row that matched; ``sentence`` is the sentence holding the mention
    (from :func:`helpers.text.split_sentences`) and ``sentence_id`` its index. Rows are in text
    order. See the module docstring for the rules.

    Example:
        >>> m = find_actor_mentions("التقى رئيس الوزراء العراقي بالرئيس الأمريكي جو بايدن في البيت الأبيض.")
        >>> m[["actor_id", "surface"]].values.tolist()
        [['iraq_gov', 'رئيس الوزراء العراقي'], ['biden', 'بالرئيس الأمريكي جو بايدن'], ['white_house', 'البيت الأبيض']]
    """
    matcher = default_actor_matcher() if matcher is None else matcher
    offsets = normalize_with_offsets(text)
    spans = _match_spans(offsets.text, matcher)
    if not spans:
        return _empty_mentions(MENTION_COLUMNS)
    sources = [offsets.to_source(span[0], span[1]) for span in spans]
    starts = [s for s, _ in sources]
    sentences = split_sentences(text)
    indices = sentences_containing(sentences, starts) if sentences else [0] * len(starts)
    sentence_texts = [text[s:e] for s, e in sentences] or [text]
    return pd.DataFrame({
        "actor_id": [span[2] for span in spans],
        "surface": [text[s:e] for s, e in sources],
        "start": np.array(starts, dtype=np.int64),
        "end": np.array([e for _, e in sources], dtype=np.int64),
        "alias": [span[3] for span in spans],
        "sentence_id": np.array(indices, dtype=np.int64),
        "sentence": [sentence_texts[i] for i in indices] if sentences else [text] * len(spans),
    })


def find_actor_mentions_corpus(articles: pd.DataFrame, matcher: ActorMatcher | None = None) -> pd.DataFrame:
    """Actor mentions in every article: article_id then the columns of :func:`find_actor_mentions`.

    ``articles`` needs ``article_id`` and ``text`` (as from ``corpus.load_corpus().articles``).
    Sorted by article_id, start.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["001", "000"], "text": ["قسد", "داعش وإيران"]})
        >>> find_actor_mentions_corpus(arts)[["article_id", "actor_id"]].values.tolist()
        [['000', 'isis'], ['000', 'iran'], ['001', 'sdf']]
    """
    for column in ("article_id", "text"):
        if column not in articles.columns:
            raise KeyError(f"find_actor_mentions_corpus: articles lack the column {column!r}; "
                           "pass corpus.load_corpus().articles")
    matcher = default_actor_matcher() if matcher is None else matcher
    frames = []
    for article_id, text in zip(articles["article_id"].astype(str), articles["text"]):
        mentions = find_actor_mentions(text, matcher)
        if len(mentions):
            mentions.insert(0, "article_id", article_id)
            frames.append(mentions)
    if not frames:
        return _empty_mentions(["article_id", *MENTION_COLUMNS])
    result = pd.concat(frames, ignore_index=True)
    return result.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Counting


def _level_map(lexicon: pd.DataFrame, level: str) -> dict[str, str]:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    parents = dict(zip(lexicon["actor_id"], lexicon["parent"]))
    mapping = {}
    for actor_id in parents:
        if level == "actor":
            mapping[actor_id] = actor_id
        elif level == "parent":
            mapping[actor_id] = parents[actor_id] or actor_id
        else:
            current = actor_id
            while parents.get(current):
                current = parents[current]
            mapping[actor_id] = current
    return mapping


def roll_up(mentions: pd.DataFrame, level: str = "parent", lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions with ``actor_id`` replaced by its parent (``level="parent"``) or root (``"root"``).

    The original id is kept in ``mentioned_actor_id``. ``level="actor"`` returns the mentions
    unchanged (plus that column). Actors without a parent stay themselves.

    Example:
        >>> import pandas as pd
        >>> m = pd.DataFrame({"actor_id": ["austin", "us_military", "iran"]})
        >>> roll_up(m, "parent")["actor_id"].tolist(), roll_up(m, "root")["actor_id"].tolist()
        (['us_military', 'us', 'iran'], ['us', 'us', 'iran'])
    """
    lexicon = load_actor_lexicon() if lexicon is None else lexicon
    mapping = _level_map(lexicon, level)
    unknown = sorted(set(mentions["actor_id"]) - set(mapping))
    if unknown:
        raise KeyError(f"roll_up: actor_id(s) {unknown[:5]} are not in the lexicon; use the lexicon the mentions came from")
    result = mentions.copy()
    result["mentioned_actor_id"] = result["actor_id"]
    result["actor_id"] = result["actor_id"].map(mapping)
    return result


def actor_counts(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str | None = "article_id",
    level: str = "actor",
    lexicon: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Mentions per actor and group, raw and per 1,000 words.

    ``by`` is a column of ``articles`` (``"article_id"``, ``"outlet"``...) or ``None`` for the
    whole corpus. Words come from ``articles.n_words`` summed over the group (articles without
    any mention count too). ``level`` rolls actors up first (see :func:`roll_up`). Columns:
    [by], actor_id, mentions, articles (how many articles mention it), n_words,
    per_1000_words; only actors with mentions appear; sorted by group, then mentions
    descending, then actor_id.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "n_words": [500, 1500]})
        >>> m = pd.DataFrame({"article_id": ["a", "a", "b"], "actor_id": ["austin", "us_military", "iran"]})
        >>> actor_counts(m, arts, by="outlet", level="root").values.tolist()
        [['X', 'us', 2, 1, 2000, 1.0], ['X', 'iran', 1, 1, 2000, 0.5]]
    """
    for column in ("article_id", "n_words", *([by] if by else [])):
        if column not in articles.columns:
            raise KeyError(f"actor_counts: articles lack the column {column!r}; pass corpus.load_corpus().articles")
    rolled = roll_up(mentions, level, lexicon)
    arts = articles.assign(article_id=articles["article_id"].astype(str))
    group = by or "corpus"
    if by is None:
        arts = arts.assign(corpus="all")
    words = arts.groupby(group, sort=True)["n_words"].sum()
    tagged = rolled.assign(article_id=rolled["article_id"].astype(str))
    if by != "article_id":
        tagged = tagged.merge(arts[["article_id", group]], on="article_id", how="left")
    counts = tagged.groupby([group, "actor_id"], sort=True).agg(
        mentions=("article_id", "size"), articles=("article_id", "nunique")
    ).reset_index()
    counts["n_words"] = counts[group].map(words).astype("int64")
    counts["per_1000_words"] = per_1000_words(counts["mentions"], counts["n_words"], decimals=3)
    counts = counts.sort_values([group, "mentions", "actor_id"], ascending=[True, False, True], kind="stable")
    counts = counts.reset_index(drop=True)
    return counts.drop(columns="corpus") if by is None else counts


def actor_article_matrix(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    level: str = "actor",
    actors: list[str] | None = None,
    lexicon: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Mentions per 1,000 words as a matrix: one row per actor, one column per article_id.

    Rows follow ``actors`` if given (else actors by total mentions, most first); articles
    without a mention of an actor get 0.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "n_words": [500, 1000]})
        >>> m = pd.DataFrame({"article_id": ["a", "b"], "actor_id": ["iran", "iran"]})
        >>> actor_article_matrix(m, arts).to_dict("index")
        {'iran': {'a': 2.0, 'b': 1.0}}
    """
    counts = actor_counts(mentions, articles, by="article_id", level=level, lexicon=lexicon)
    matrix = counts.pivot(index="actor_id", columns="article_id", values="per_1000_words")
    matrix = matrix.reindex(columns=sorted(articles["article_id"].astype(str))).fillna(0.0)
    if actors is None:
        totals = counts.groupby("actor_id")["mentions"].sum()
        actors = sorted(totals.index, key=lambda a: (-totals[a], a))
    matrix = matrix.reindex(index=actors).fillna(0.0)
    matrix.index.name, matrix.columns.name = "actor_id", "article_id"
    return matrix


def cooccurrence(mentions: pd.DataFrame, *, level: str = "actor", lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pairs of actors mentioned in the same sentence, each pair counted once per sentence.

    A sentence is (article_id, sentence_id) of the mention table. Returns actor_a, actor_b
    (alphabetical within the pair), sentences (how many sentences have both), articles; sorted
    by sentences descending, then ids. Two mentions of one actor make no pair; at a roll-up
    level, actors that share the rolled-up id count as one.

    Example:
        >>> import pandas as pd
        >>> m = pd.DataFrame({"article_id": ["a"] * 4, "sentence_id": [0, 0, 0, 1],
        ...                   "actor_id": ["us_military", "iran", "us_military", "iran"]})
        >>> cooccurrence(m).values.tolist()
        [['iran', 'us_military', 1, 1]]
    """
    for column in ("article_id", "sentence_id", "actor_id"):
        if column not in mentions.columns:
            raise KeyError(f"cooccurrence: mentions lack the column {column!r}; use find_actor_mentions_corpus")
    rolled = roll_up(mentions, level, lexicon)
    pairs: Counter[tuple[str, str]] = Counter()
    pair_articles: dict[tuple[str, str], set[str]] = {}
    for (article_id, _), actor_ids in rolled.groupby(["article_id", "sentence_id"], sort=True)["actor_id"]:
        for pair in combinations(sorted(set(actor_ids)), 2):
            pairs[pair] += 1
            pair_articles.setdefault(pair, set()).add(str(article_id))
    rows = [(a, b, n, len(pair_articles[(a, b)])) for (a, b), n in pairs.items()]
    table = pd.DataFrame(rows, columns=["actor_a", "actor_b", "sentences", "articles"])
    table = table.astype({"sentences": "int64", "articles": "int64"})
    return table.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def cooccurrence_matrix(pairs: pd.DataFrame, actors: list[str]) -> pd.DataFrame:
    """Symmetric actors x actors matrix of shared sentences from :func:`cooccurrence` (diagonal 0).

    Example:
        >>> import pandas as pd
        >>> pairs = pd.DataFrame({"actor_a": ["iran"], "actor_b": ["us"], "sentences": [3], "articles": [1]})
        >>> cooccurrence_matrix(pairs, ["us", "iran"]).values.tolist()
        [[0, 3], [3, 0]]
    """
    matrix = pd.DataFrame(0, index=actors, columns=actors, dtype="int64")
    wanted = set(actors)
    for a, b, n in zip(pairs["actor_a"], pairs["actor_b"], pairs["sentences"]):
        if a in wanted and b in wanted:
            matrix.loc[a, b] = matrix.loc[b, a] = int(n)
    matrix.index.name = matrix.columns.name = "actor_id"
    return matrix


# --------------------------------------------------------------------------------------------
# Headline figures and plots


#: The pairs of actors whose shared sentences the findings of notebook 04 quote:
#: (what the figure is, actor_a, actor_b).
HEADLINE_PAIRS = (
    ("sentences with Iraq and the United States", "iraq", "us"),
    ("sentences with Iraq and the US military", "iraq", "us_military"),
    ("sentences with Iraq and ISIS", "iraq", "isis"),
    ("sentences with the US military and the armed factions", "us_military", "armed_factions"),
    ("sentences with the US military and ISIS", "us_military", "isis"),
    ("sentences with the Iraqi forces and ISIS", "iraqi_forces", "isis"),
)


def headline_figures(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    pairs: pd.DataFrame | None = None,
    *,
    lexicon: pd.DataFrame | None = None,
) -> pd.Series:
    """The counts the findings of the actor notebook rest on, as one named Series.

    Mentions and distinct actors; Iraq as a single actor and, rolled up to the root
    (:func:`roll_up`), all Iraqi and all American actors; and the shared sentences of each pair
    in :data:`HEADLINE_PAIRS` (from ``pairs``, the :func:`cooccurrence` table, computed from
    ``mentions`` if not given). An actor or pair the articles never mention counts 0.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "n_words": [100]})
        >>> m = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 0, 1],
        ...                   "actor_id": ["iraq", "us_military", "iraq_gov"]})
        >>> headline_figures(m, arts)[["all Iraqi actors (rolled up to iraq)",
        ...                            "sentences with Iraq and the US military"]].tolist()
        [2, 1]
    """
    pairs = cooccurrence(mentions, lexicon=lexicon) if pairs is None else pairs
    single = actor_counts(mentions, articles, by=None, lexicon=lexicon).set_index("actor_id")["mentions"]
    root = actor_counts(mentions, articles, by=None, level="root", lexicon=lexicon).set_index("actor_id")["mentions"]
    shared = {tuple(sorted((a, b))): int(n) for a, b, n in zip(pairs["actor_a"], pairs["actor_b"], pairs["sentences"])}
    figures = {
        "mentions": len(mentions),
        "actors mentioned": mentions["actor_id"].nunique(),
        "Iraq as a single actor": int(single.get("iraq", 0)),
        "all Iraqi actors (rolled up to iraq)": int(root.get("iraq", 0)),
        "all American actors (rolled up to us)": int(root.get("us", 0)),
    }
    for name, a, b in HEADLINE_PAIRS:
        figures[name] = shared.get(tuple(sorted((a, b))), 0)
    return pd.Series(figures, name="headline figures")

