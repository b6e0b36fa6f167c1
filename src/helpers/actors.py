"""Actor mentions: who the articles talk about, found with an auditable lexicon.

The lexicon is ``corpus/lexicons/actors.csv``, one row per alias (Arabic surface form) with the
actor's id, English and Arabic labels, type and parent (for roll-ups such as
``us_military -> us``). :func:`load_actor_lexicon` validates it; :func:`find_actor_mentions`
finds the aliases in a text and :func:`find_actor_mentions_corpus` in a table of articles.
Matching rules:

- Aliases are matched on the normalised form (:func:`helpers.text.normalize_for_matching`:
  alef variants, ى/ي, ة/ه, diacritics and case endings (التحالفِ, قيادةُ), tatweel), with the
  hamza carriers ؤ and ئ also read as و and ي (مسئول/مسؤول, الإئتلاف/الائتلاف, hamza-less
  spellings); each mention is reported with offsets into the clean text, its surface form there
  and its sentence.
- Proclitics do not block a match: و ف ب ل ك before any alias, and for aliases written with the
  article ال also بال وال فال كال لل ولل فلل (للجيش الأمريكي, وبالبنتاغون, and للواء for
  ل + اللواء). The reported span covers the whole written word, proclitics included.
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
  itself, while an official, an adviser or a newspaper described as American is a person or
  object, not the state. The forms are lexicon rows, so each is visible and reviewable.

**Metonymy and places** (``match_rule = place_name``: countries, capitals, regions). A place
name is a mention of its government when it acts, and a place otherwise. Each mention carries a
``role``; the cue words are reviewable rows of ``corpus/lexicons/actor_roles.csv``:

- ``place``: the name as a location. Directly after a locative preposition or place noun
  (في بغداد, إلى واشنطن, من العراق, مطار بغداد, شوارع طهران, شمال العراق), with the proclitic ب
  (ببغداد, بالعراق), as the object of a visit/arrival/bombing word up to four words before (زار
  وزير الدفاع بغداد, سقوط بغداد), or as a dateline (a line starting ``بغداد -``). Places are
  not actor mentions: :func:`find_actor_mentions` leaves them out unless ``places=True``, so
  they stay countable separately (:func:`place_counts`).
- ``metonymy``: the name as a government. After a speech/act verb whose subject it is (أعلنت
  واشنطن, رفضت بغداد, تطالب طهران), before such a verb (واشنطن ترفض, العراق يعلن), after a
  relational noun or a party preposition (موقف واشنطن, ضغوط طهران, بين بغداد وواشنطن,
  مفاوضات مع طهران), and after من/إلى that follow a request or support noun (بطلب من بغداد,
  بدعم من طهران, رسالة إلى واشنطن). Capitals count for the government actor: بغداد is the
  Iraqi government (iraq_gov), واشنطن the United States, أربيل the Kurdistan Region.
- A place name joined by و to the one before it takes that one's role (بين بغداد وأربيل,
  في بغداد وأربيل).
- ``actor``: every other alias, and a place name with no cue either way (أمن العراق): counted
  as before.

**Short forms** (``corpus/lexicons/actor_short_forms.csv``): a bare التحالف, الحكومة, الحشد,
الإقليم ... counts only after a full-name mention in the same article, and counts for the most
recent such actor (a bare الحكومة after الحكومة العراقية is iraq_gov; after الحكومة الأمريكية
it is us). Rows with ``resolves_to`` name the actor outright and only need context (الشرطة is
the Iraqi police after any Iraqi actor). Without an antecedent, or followed by a definite
adjective that makes it another body (التحالف الوطني, الحكومة المحلية), a short form is no
mention. Role ``short_form``.

**Corpus scale** (:func:`find_actor_mentions_corpus`, the pipeline's entry point): articles are
joined by a line break (which no alias, bracket or apposition crosses) into chunks of about
200,000 characters; each chunk is normalised once (:mod:`helpers.arabic.normalize`), the words
that can begin an alias are listed in one C-level pass, the trie regex is tried only there, and
offsets and sentence ids come back by bisection over the article and sentence starts. The
result is one DataFrame built from records (contract of the pipeline: article_id, sentence_id,
start, end, actor_id, surface, alias, role; the sentence text only on request), with the
garbage collector paused while the records are built.

Counting: :func:`actor_counts` (per article, per outlet or overall, raw and per 1,000 words),
:func:`place_counts`, :func:`roll_up` (to parents or roots), :func:`cooccurrence` (pairs of
actors sharing a sentence, once per sentence) and :func:`actor_article_matrix` for heatmaps;
:func:`headline_figures` gathers the counts of given pairs of actors that a notebook quotes.

Example:
    >>> find_actor_mentions("وطلب البنتاغون من الحكومة العراقية حماية القوات الأمريكية")[["actor_id", "surface"]].values.tolist()
    [['us_military', 'البنتاغون'], ['iraq_gov', 'الحكومة العراقية'], ['us_military', 'القوات الأمريكية']]
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers import paths
from helpers.arabic.clauses import split_sentences
from helpers.arabic.clitics import proclitic_pattern
from helpers.arabic.lexicon import LexiconError, Schema, cached_by_content, load_lexicon
from helpers.arabic.matcher import trie_pattern, word_hashes
from helpers.arabic.normalize import normalize_for_matching, normalize_with_offsets_lazy, spans_to_source
from helpers.stats import collector_paused, per_1000_words

__all__ = [
    "ACTOR_TYPES",
    "LEXICON_COLUMNS",
    "MENTION_COLUMNS",
    "CORPUS_COLUMNS",
    "ROLES",
    "ActorMatcher",
    "load_actor_lexicon",
    "load_role_cues",
    "load_short_forms",
    "actor_table",
    "compile_actor_matcher",
    "default_actor_matcher",
    "find_actor_mentions",
    "find_actor_mentions_corpus",
    "roll_up",
    "actor_counts",
    "place_counts",
    "actor_article_matrix",
    "cooccurrence",
    "cooccurrence_matrix",
    "headline_figures",
]

#: Columns every row of actors.csv must have (``match_rule`` is optional).
LEXICON_COLUMNS = ("actor_id", "label_en", "label_ar", "type", "parent", "alias", "note")
ACTOR_TYPES = frozenset({"state", "government", "military", "armed group", "organisation", "person", "media"})
#: ``not_after_definite``: a nisba used as a noun, skipped after a definite word it would qualify;
#: ``title``: a title that forms one mention with a directly following name of a person under it;
#: ``place_name``: a country, capital or region: a place or a metonym of its government (see above).
MATCH_RULES = frozenset({"", "not_after_definite", "title", "place_name"})
#: What a mention is: an ``actor`` alias, a place name acting as its government (``metonymy``),
#: a place name as a ``place`` (not an actor mention), or a resolved ``short_form``.
ROLES = ("actor", "metonymy", "place", "short_form")
#: Columns of :func:`find_actor_mentions`.
MENTION_COLUMNS = ["actor_id", "surface", "start", "end", "alias", "role", "sentence_id", "sentence"]
#: Columns of :func:`find_actor_mentions_corpus` (plus ``sentence`` when asked for).
CORPUS_COLUMNS = ["article_id", "sentence_id", "start", "end", "actor_id", "surface", "alias", "role"]
LEVELS = ("actor", "parent", "root")

_ACTOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")


# --------------------------------------------------------------------------------------------
# Lexicons (cached on the file's content: an edit takes effect on the next call)

def _cached(kind: str, files: Sequence[Path], build: Any) -> Any:
    """``build()`` once per content of ``files`` (:func:`helpers.arabic.lexicon.cached_by_content`)."""
    return cached_by_content(list(files), build, key=("helpers.actors", kind))


def _csv_row(index: int) -> int:
    """Line number in the CSV file of DataFrame row ``index`` (header is line 1)."""
    return index + 2


def _read_csv(path: Path, required: Sequence[str], optional: Sequence[str] = ()) -> pd.DataFrame:
    """The rows of ``path`` read by the shared loader (every value a stripped string); the index
    is the row's line in the file minus 2 (so :func:`_csv_row` gives the line back)."""
    schema = _SCHEMAS.get((tuple(required), tuple(optional)))
    if schema is None:
        schema = _SCHEMAS.setdefault((tuple(required), tuple(optional)),
                                     Schema(columns=(*required, *optional), optional=tuple(optional)))
    table = load_lexicon(path, schema)
    table.index = pd.Index(table.pop("line").astype("int64") - 2)
    return table


_SCHEMAS: dict[tuple[tuple[str, ...], tuple[str, ...]], Schema] = {}


def _read_lexicon(path: Path) -> pd.DataFrame:
    table = _read_csv(path, LEXICON_COLUMNS, ("match_rule",))
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
        if row["alias"] and not _alias_key(row["alias"]):
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
        raise LexiconError(path, problems)
    return table[[*LEXICON_COLUMNS[:6], "match_rule", "note"]]


def load_actor_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the actor lexicon (default ``corpus/lexicons/actors.csv``).

    Checks: the required columns; no empty id, label, type or alias; known types and match
    rules; parents that exist and no parent cycle; the same labels/type/parent on every row of
    an actor; no alias that two actors share once normalised. All problems are reported in one
    error naming the file and each line. Returns one row per alias (a fresh copy; the parsed
    file is cached on its content, so an edit takes effect on the next call).

    Example:
        >>> lexicon = load_actor_lexicon()
        >>> lexicon.loc[lexicon["alias"] == "البنتاجون", ["actor_id", "parent"]].values.tolist()
        [['us_military', 'us']]
    """
    path = Path(path) if path is not None else paths.lexicon_path("actors.csv")
    if not path.is_file():
        raise FileNotFoundError(f"actor lexicon {path} not found; pass the path of an actors.csv")
    return _cached("lexicon", [path], lambda: _read_lexicon(path)).copy()


#: Positions of a role cue relative to a place name (see ``corpus/lexicons/actor_roles.csv``).
CUE_POSITIONS = frozenset({"before", "within", "after", "party_noun"})


def _read_role_cues(path: Path) -> pd.DataFrame:
    table = _read_csv(path, ("cue", "position", "role", "gloss_en", "note"))
    problems: list[str] = []
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    for i, row in table.iterrows():
        where = f"{path.name} line {_csv_row(i)} ({row['cue'] or '?'})"
        if not row["cue"] or " " in row["cue"]:
            problems.append(f"{where}: a cue is one word; split the row")
        if row["position"] not in CUE_POSITIONS:
            problems.append(f"{where}: unknown position {row['position']!r}; use one of {sorted(CUE_POSITIONS)}")
        if row["role"] not in ("place", "metonymy"):
            problems.append(f"{where}: unknown role {row['role']!r}; use place or metonymy")
        if row["position"] == "party_noun" and row["role"] != "metonymy":
            problems.append(f"{where}: a party_noun cue makes a party: its role must be metonymy")
        if not row["gloss_en"]:
            problems.append(f"{where}: empty gloss_en; say what the cue means")
        key = (_cue_key(row["cue"]), row["position"])
        first = seen.setdefault(key, (i, row["role"]))
        if first[1] != row["role"]:
            problems.append(f"{path.name} lines {_csv_row(first[0])} and {_csv_row(i)}: the cue {row['cue']!r} "
                            f"({row['position']}) has the roles {first[1]!r} and {row['role']!r}; keep one")
    if problems:
        raise LexiconError(path, problems)
    return table


def load_role_cues(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the metonymy/place cues (default ``corpus/lexicons/actor_roles.csv``).

    Columns: cue (one word), position (``before``: the word right before the place name;
    ``within``: up to four words before it in the same clause; ``after``: the word right after
    it; ``party_noun``: the word before من/إلى that precede it), role (``place`` or
    ``metonymy``), gloss_en, note. All problems are reported in one error.

    Example:
        >>> cues = load_role_cues()
        >>> cues.loc[cues["cue"] == "في", ["position", "role"]].values.tolist()
        [['before', 'place']]
    """
    path = Path(path) if path is not None else paths.lexicon_path("actor_roles.csv")
    if not path.is_file():
        raise FileNotFoundError(f"role cues {path} not found; pass the path of an actor_roles.csv")
    return _cached("roles", [path], lambda: _read_role_cues(path)).copy()


def _read_short_forms(path: Path) -> pd.DataFrame:
    table = _read_csv(path, ("short_form", "resolves_to", "context", "gloss_en", "note"))
    problems: list[str] = []
    seen: dict[str, int] = {}
    for i, row in table.iterrows():
        where = f"{path.name} line {_csv_row(i)} ({row['short_form'] or '?'})"
        if not _alias_key(row["short_form"]):
            problems.append(f"{where}: empty short_form")
        if not row["context"]:
            problems.append(f"{where}: empty context; list the actor ids (id+ for an id and its descendants) "
                            "that must be named before")
        for token in row["context"].split():
            if not _ACTOR_ID.match(token.rstrip("+")):
                problems.append(f"{where}: context {token!r} is not an actor id (or id+)")
        if row["resolves_to"] and not _ACTOR_ID.match(row["resolves_to"]):
            problems.append(f"{where}: resolves_to {row['resolves_to']!r} is not an actor id")
        if not row["gloss_en"]:
            problems.append(f"{where}: empty gloss_en")
        first = seen.setdefault(_alias_key(row["short_form"]), i)
        if first != i:
            problems.append(f"{path.name} lines {_csv_row(first)} and {_csv_row(i)}: the short form "
                            f"{row['short_form']!r} is listed twice; keep one row")
    if problems:
        raise LexiconError(path, problems)
    return table


def load_short_forms(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the short forms (default ``corpus/lexicons/actor_short_forms.csv``).

    Columns: short_form, resolves_to (an actor id, or empty: the antecedent's actor), context
    (actor ids that must be named earlier in the article; ``id+`` also accepts its
    descendants), gloss_en, note.

    Example:
        >>> forms = load_short_forms().set_index("short_form")
        >>> forms.loc["الحشد", "context"]
        'pmf'
    """
    path = Path(path) if path is not None else paths.lexicon_path("actor_short_forms.csv")
    if not path.is_file():
        raise FileNotFoundError(f"short forms {path} not found; pass the path of an actor_short_forms.csv")
    return _cached("short_forms", [path], lambda: _read_short_forms(path)).copy()


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
#: Proclitics before an alias written with ال: the shared clitic model
#: (:func:`helpers.arabic.clitics.proclitic_pattern`), plus ل before a noun that itself begins
#: with ل, where ل + ال is written with two lams only (اللواء -> للواء).
_DEFINITE_PREFIX = f"(?:{proclitic_pattern('noun', definite=True)}|[وف]?ل(?=ل))"
#: Proclitics before any other alias (و ف, then ب ل ك; a quotation mark may follow them).
_BARE_PREFIX = proclitic_pattern("noun", definite=False)
#: Written proclitic runs that stand alone as a word when a quotation mark follows (ل"البنتاغون").
_LONE_PROCLITICS = frozenset(c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك")) - {""}
#: Brackets joining an alias to its bracketed alias, and the gap allowed in "title name".
_BRACKET_OPEN = re.compile(r"^[ \t\"“”«»]*[(\[][ \t\"“”«»]*$")
_BRACKET_CLOSE = re.compile(r"[ \t\"“”«»]*[)\]]")  # used with .match(text, pos): anchored at pos
_APPOSITION_GAP = re.compile(r"^[ \t\"“”«»،,:]*$")
#: Function words that begin with ال but are not definite nouns (normalised forms): a nisba
#: after them is a noun (إلى الأمريكيين), not an adjective.
_NOT_DEFINITE = frozenset({"الي", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان",
                           "اللاتي", "اللواتي", "اللائي", "اللايي", "الا", "الان", "اللي"})
_PREVIOUS_WORD = re.compile(r"(\w+)[ \t]+$")
#: Endings of a nisba adjective (normalised: ة is ه): الوطني, المحلية, الكرديين, العراقيون.
_NISBA_ENDINGS = ("ي", "يه", "يين", "يون", "يان", "يتين")
#: Definite adjectives that leave a short form the same body (the new/current/former government).
_SAME_BODY = frozenset(normalize_for_matching(w) for w in (
    "الجديدة", "الجديد", "الحالية", "الحالي", "السابقة", "السابق", "المقبلة", "المقبل", "المنتهية", "الحالية،"))
#: A dateline: a place name at the start of a line, then a dash, slash, colon or bracket.
_DATELINE_AFTER = re.compile(r"[ \t]*[-–—/:(]")
#: Prepositions that make a following place name a party after a request/support noun.
_PARTY_PREPOSITIONS = frozenset({"من", "الي", "عن"})
_WITHIN = 4  # words looked back for a ``within`` cue


def _fold(normalised: str) -> str:
    return normalised.replace("ؤ", "و").replace("ئ", "ي") if "ؤ" in normalised or "ئ" in normalised else normalised


def _alias_key(alias: str) -> str:
    """Normalised alias with its inner gaps collapsed to one space (the lookup key)."""
    return _fold(_GAP_RUN.sub(" ", normalize_for_matching(alias)).strip(_GAP_CHARS))


def _cue_key(word: str) -> str:
    return _fold(normalize_for_matching(word))


@dataclass(frozen=True)
class RoleCues:
    """The cue words of ``actor_roles.csv`` (normalised) by position: word -> role."""

    before: dict[str, str] = field(default_factory=dict)
    within: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)
    party_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ActorMatcher:
    """A compiled actor lexicon: one regex over the normalised aliases plus the lookup tables.

    Build it with :func:`compile_actor_matcher`; :func:`find_actor_mentions` uses the default
    one (from ``corpus/lexicons/``) when none is given.
    """

    pattern: re.Pattern[str]
    #: normalised alias key -> (actor_id, alias as written in the lexicon, match_rule); short
    #: forms have match_rule ``short_form`` and actor_id their ``resolves_to`` (or "").
    aliases: dict[str, tuple[str, str, str]]
    #: actor_id -> parent actor_id ("" for a root)
    parents: dict[str, str]
    #: actor_id -> type
    types: dict[str, str]
    #: short form (as written in the CSV) -> the actor ids that may be its antecedent
    short_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    cues: RoleCues = field(default_factory=RoleCues)
    #: word hashes of every written form (proclitics included) of the first word of an alias or short form
    first_hashes: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))
    #: short form -> its head noun without the article (الحكومة -> حكومه)
    short_heads: dict[str, str] = field(default_factory=dict)
    #: alias as written -> its normalised words, the article dropped (for antecedent checks)
    alias_words: dict[str, frozenset[str]] = field(default_factory=dict)

    def is_ancestor(self, ancestor: str, actor_id: str) -> bool:
        """True if ``ancestor`` is a (strict) ancestor of ``actor_id`` in the lexicon."""
        current = self.parents.get(actor_id, "")
        while current:
            if current == ancestor:
                return True
            current = self.parents.get(current, "")
        return False


def _role_cues(table: pd.DataFrame) -> RoleCues:
    by: dict[str, dict[str, str]] = {"before": {}, "within": {}, "after": {}}
    party: set[str] = set()
    for cue, position, role in zip(table["cue"], table["position"], table["role"]):
        key = _cue_key(cue)
        if position == "party_noun":
            party.add(key)
        else:
            by[position][key] = role
    return RoleCues(by["before"], by["within"], by["after"], frozenset(party))


def _first_words(keys: Iterable[str]) -> frozenset[str]:
    """The first word of each key with every proclitic run the regex accepts before it."""
    words: set[str] = set()
    for key in keys:
        head = key.split(" ", 1)[0]
        if key.startswith("ال") and len(key) > 2:
            core = head[2:]
            articles = ("ال", "بال", "كال", "لل", *(("ل",) if core.startswith("ل") else ()))
            words.update(conj + article + core for conj in ("", "و", "ف") for article in articles)
        else:
            words.update(conj + prep + head for conj in ("", "و", "ف") for prep in ("", "ب", "ل", "ك"))
    return frozenset(words | _LONE_PROCLITICS)


def compile_actor_matcher(lexicon: pd.DataFrame, short_forms: pd.DataFrame | None = None,
                          role_cues: pd.DataFrame | None = None) -> ActorMatcher:
    """Compile a (validated) lexicon into an :class:`ActorMatcher`.

    Aliases are normalised; those written with the article ال get the definite proclitics
    (بال وال لل ...), the others the plain ones (و ف ب ل ك). Where one normalised alias is
    listed twice for the same actor, the first row is reported as ``alias``. ``short_forms``
    and ``role_cues`` default to ``actor_short_forms.csv`` and ``actor_roles.csv``; short forms
    whose context names no actor of ``lexicon`` are left out, and so is a short form that is
    also an alias (the alias wins).

    Example:
        >>> matcher = compile_actor_matcher(load_actor_lexicon())
        >>> matcher.aliases["البنتاجون"][0]
        'us_military'
    """
    short_forms = load_short_forms() if short_forms is None else short_forms
    role_cues = load_role_cues() if role_cues is None else role_cues
    aliases: dict[str, tuple[str, str, str]] = {}
    rules = lexicon["match_rule"] if "match_rule" in lexicon.columns else [""] * len(lexicon)
    for actor_id, alias, rule in zip(lexicon["actor_id"], lexicon["alias"], rules):
        key = _alias_key(alias)
        if key and key not in aliases:
            aliases[key] = (actor_id, alias, rule)
    first = lexicon.drop_duplicates("actor_id")
    parents = dict(zip(first["actor_id"], first["parent"]))
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)

    def family(actor_id: str) -> set[str]:
        found, todo = {actor_id}, [actor_id]
        while todo:
            for child in children.get(todo.pop(), []):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    shorts: dict[str, frozenset[str]] = {}
    for form, resolves_to, context in zip(short_forms["short_form"], short_forms["resolves_to"],
                                          short_forms["context"]):
        key = _alias_key(form)
        if key in aliases or (resolves_to and resolves_to not in parents):
            continue
        allowed: set[str] = set()
        for token in context.split():
            actor_id = token.rstrip("+")
            if actor_id in parents:
                allowed |= family(actor_id) if token.endswith("+") else {actor_id}
        if allowed:
            shorts[form] = frozenset(allowed)
            aliases[key] = (resolves_to, form, "short_form")
    definite = [k[2:] for k in aliases if k.startswith("ال") and len(k) > 2]
    bare = [k for k in aliases if not (k.startswith("ال") and len(k) > 2)]
    regex = (
        r"(?<!\w)(?:(?P<dp>" + _DEFINITE_PREFIX + r")(?P<d>" + trie_pattern(definite, gap=_GAP) + r")"
        r"|(?P<bp>" + _BARE_PREFIX + r")(?P<b>" + trie_pattern(bare, gap=_GAP) + r"))(?!\w)"
    )
    alias_words = {alias: frozenset(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in key.split())
                   for key, (_, alias, _) in aliases.items()}
    short_heads = {form: max(sorted(alias_words[form]), key=len) for form in shorts}  # the longest word
    return ActorMatcher(
        alias_words=alias_words,
        short_heads=short_heads,
        first_hashes=_hashes_of(_first_words(aliases)),
        pattern=re.compile(regex),
        aliases=aliases,
        parents=parents,
        types=dict(zip(first["actor_id"], first["type"])),
        short_forms=shorts,
        cues=_role_cues(role_cues),
    )


def default_actor_matcher() -> ActorMatcher:
    """The matcher for the lexicons in ``corpus/lexicons/`` (compiled again when one changes).

    Example:
        >>> "us" in default_actor_matcher().parents
        True
    """
    files = [paths.lexicon_path(name) for name in ("actors.csv", "actor_short_forms.csv", "actor_roles.csv")]
    return _cached("matcher", files, lambda: compile_actor_matcher(load_actor_lexicon()))


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


def _words_before(normalised: str, start: int) -> list[str]:
    """Up to five words before ``start`` in the same clause (no punctuation between), nearest last."""
    low = max(0, start - 60)
    line = normalised.rfind("\n", low, start)
    words = normalised[line + 1 if line >= 0 else low:start].split()[-5:]
    for k in range(len(words) - 1, -1, -1):
        if not words[k].isalnum():  # punctuation: the clause starts after it
            return words[k + 1:]
    return words


def _word_after(normalised: str, end: int) -> str:
    """The word right after ``end`` if only spaces come between (its trailing punctuation cut)."""
    window = normalised[end:end + 30]
    if not window[:1].isspace():
        return ""
    words = window.split(maxsplit=1)
    word = words[0] if words else ""
    if not word.isalnum():
        cut = 0
        while cut < len(word) and word[cut].isalnum():
            cut += 1
        word = word[:cut]
    return word


def _cue(table: dict[str, str], word: str) -> str:
    """The role of ``word`` in ``table``, also with a conjunction و/ف in front."""
    role = table.get(word)
    if role is None and len(word) > 2 and word[0] in "وف":
        role = table.get(word[1:])
    return role or ""


def _place_role(normalised: str, start: int, end: int, prefix: str, found: list[list], cues: RoleCues) -> str:
    """The role of a place name at ``normalised[start:end]`` (proclitics ``prefix``): see the module docstring."""
    if "ب" in prefix:
        return "place"  # ببغداد, وبالعراق: "in"
    if found and prefix[:1] == "و" and found[-1][4] == "place_name" and found[-1][6] != "actor" \
            and not normalised[found[-1][1]:start].strip(" \t"):
        return str(found[-1][6])  # بين بغداد وواشنطن, في بغداد وأربيل
    words = _words_before(normalised, start)
    if words:
        previous = words[-1]
        role = _cue(cues.before, previous)
        if role == "place" and previous in _PARTY_PREPOSITIONS and len(words) > 1 \
                and (words[-2] in cues.party_nouns or words[-2][1:] in cues.party_nouns):
            return "metonymy"  # بطلب من بغداد, رسالة إلى واشنطن
        if role:
            return role
        for word in words[-_WITHIN:]:
            if _cue(cues.within, word):
                return _cue(cues.within, word)
    role = _cue(cues.after, _word_after(normalised, end))
    if role:
        return role
    line_start = normalised.rfind("\n", 0, start) + 1
    if not normalised[line_start:start].strip() and _DATELINE_AFTER.match(normalised, end):
        return "place"
    return "actor"


def _short_form_blocked(normalised: str, end: int) -> bool:
    """True if a definite nisba adjective right after a short form makes it another body.

    التحالف الوطني, الحكومة المحلية, الجيش السوري are other bodies; a definite noun after the
    short form (أعلن الحشد السيطرة: the object) and الحكومة الجديدة/الحالية are not.
    """
    after = normalised[end:end + 30]
    if not after[:1].isspace():
        return False
    words = after.split(maxsplit=1)
    if not words:
        return False
    word = words[0]
    return word.startswith("ال") and word.endswith(_NISBA_ENDINGS) and word not in _SAME_BODY


def _candidate_starts(normalised: str, first_hashes: np.ndarray) -> list[int] | None:
    """Offsets of the words that can begin a match (an alias's first word with its proclitics).

    The words of the text are hashed in one vectorised pass
    (:func:`helpers.arabic.matcher.word_hashes`) and those whose hash is a first word's are
    kept: the regex is then tried only there, not at every position. None for text outside the
    BMP (the caller scans with the regex).
    """
    codes = np.frombuffer(normalised.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if len(codes) != len(normalised):
        return None
    starts, hashes = word_hashes(codes)
    # first_hashes is sorted (np.unique): a binary search per word beats np.isin's sort of both.
    found = np.searchsorted(first_hashes, hashes)
    found[found == len(first_hashes)] = 0
    return starts[first_hashes[found] == hashes].tolist()


_LEADING_WORD = re.compile(r"\w+")


def _hashes_of(words: Iterable[str]) -> np.ndarray:
    """The :func:`~helpers.arabic.matcher.word_hashes` of the leading ``\\w`` run of each of
    ``words`` (أ.ف.ب begins with the word ا), sorted."""
    listed = sorted({match.group() for word in words if (match := _LEADING_WORD.match(word))})
    codes = np.frombuffer(" ".join(listed).encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    starts, hashes = word_hashes(codes)
    if len(starts) != len(listed):
        raise ValueError("a first word of the actor lexicon is not one word; check the aliases")
    return np.unique(hashes)


def _match_spans(normalised: str, matcher: ActorMatcher) -> list[list]:
    """[start, end, actor_id, alias, match_rule, has_proclitic, role] on the (folded) normalised text."""
    found: list[list] = []
    append = found.append
    cues = matcher.cues
    aliases = matcher.aliases
    # The matches of ``matcher.pattern`` as ``finditer`` gives them, tried only at the candidate
    # word starts (:func:`_candidate_starts`), the next one after the end of the last match.
    starts = _candidate_starts(normalised, matcher.first_hashes) if len(matcher.first_hashes) else None
    if starts is None:
        matches: Iterable[re.Match[str]] = matcher.pattern.finditer(normalised)
    else:
        matches = []
        keep = matches.append
        match_at = matcher.pattern.match
        last = 0
        for position in starts:
            if position >= last:
                match = match_at(normalised, position)
                if match is not None:
                    last = match.end()
                    keep(match)
    for match in matches:
        dprefix, core, bprefix, bare = match.groups()
        if core is not None:
            key = "ال" + core
            prefix = dprefix
            # A proclitic before the alias (the article ال of a definite alias does not count).
            has_prefix = prefix != "ال"
        else:
            key = bare
            prefix = bprefix
            has_prefix = bool(prefix)
        entry = aliases.get(key)
        if entry is None:  # quotes or several spaces between the words
            entry = aliases[_GAP_RUN.sub(" ", key)]
        actor_id, alias, rule = entry
        start, end = match.span()
        if not rule or rule == "title":
            append([start, end, actor_id, alias, rule, has_prefix, "actor"])
            continue
        # An adjective takes no proclitic: والإيرانيون is "and the Iranians", a noun. Directly
        # after a title whose person it names (رئيس الوزراء العراقي المالكي) it is a name.
        if (rule == "not_after_definite" and not has_prefix and _is_attributive(normalised, start)
                and not _names_the_titled_person(normalised, found, start, actor_id, matcher)):
            continue
        if rule == "short_form":
            if _short_form_blocked(normalised, end):
                continue
            role = "short_form"
        elif rule == "place_name":
            role = _place_role(normalised, start, end, prefix.removesuffix("ال") if core is not None else prefix,
                               found, cues)
        else:
            role = "actor"
        append([start, end, actor_id, alias, rule, has_prefix, role])
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
        if _BRACKET_OPEN.match(gap) and a and b:
            close = _BRACKET_CLOSE.match(normalised, current[1])
            if close and (a == b or matcher.is_ancestor(a, b) or matcher.is_ancestor(b, a)):
                specific = b if matcher.is_ancestor(a, b) else a
                alias, rule, role = (previous[3], previous[4], previous[6]) if specific == a else \
                    (current[3], current[4], current[6])
                if rule != "short_form":
                    rule, role = "", ("actor" if role == "short_form" else role)
                merged[-1] = [previous[0], close.end(), specific, alias, rule, previous[5], role]
                continue
        if (previous[4] in ("title", "short_form") and a and matcher.types.get(b) == "person"
                and matcher.is_ancestor(a, b) and not current[5] and _APPOSITION_GAP.match(gap)):
            merged[-1] = [previous[0], current[1], b, current[3], "", previous[5], "actor"]
            continue
        merged.append(current)
    return merged


def _resolve_short_forms(spans: list[list], articles: Sequence[int], matcher: ActorMatcher) -> list[int]:
    """Indices of the spans to keep; each kept short form gets its antecedent's actor.

    The antecedent is the most recent earlier mention in the same article (``articles`` gives
    each span's article; spans of several joined articles are scanned at once) of an actor of
    the short form's context. For a short form without ``resolves_to`` it is the latest name
    that contains the short form's head noun (الحكومة needs a حكومة: الحكومة العراقية, not
    الولايات المتحدة), and its actor must be in the context. Otherwise the short form is dropped.
    """
    kept: list[int] = []
    seen: list[tuple[str, str]] = []  # (actor, alias) of the article's mentions so far
    article = -1
    heads, words = matcher.short_heads, matcher.alias_words
    for i, span in enumerate(spans):
        if articles[i] != article:
            article, seen = articles[i], []
        if span[4] == "short_form":
            context = matcher.short_forms.get(span[3], frozenset())
            if span[2]:  # resolves_to: any earlier mention of the context will do
                antecedent = next((actor for actor, _ in reversed(seen) if actor in context), None)
            else:  # the latest name with the head noun, if it is one of the context's actors
                head = heads.get(span[3], "")
                antecedent = next((actor for actor, alias in reversed(seen) if head in words.get(alias, ())), None)
                antecedent = antecedent if antecedent in context else None
            if antecedent is None:
                continue  # no antecedent in the article: not a mention
            span[2] = span[2] or antecedent
        kept.append(i)
        seen.append((span[2], span[3]))
    return kept


def _vectorisable(text: str) -> bool:
    """True if ``text`` can share a normalisation call with others (NFKC already, BMP only)."""
    if _ASTRAL.search(text):
        return False
    if unicodedata.is_normalized("NFKC", text):
        return True
    for char in _CHEAP_NFKC:  # the vectorised normaliser handles these itself
        text = text.replace(char, " ")
    return unicodedata.is_normalized("NFKC", text)


#: Characters whose NFKC form the vectorised normaliser produces itself (no-break and thin spaces, …).
_CHEAP_NFKC = ("\u00a0", "\u2026", "\u202f", "\u2009")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
#: Articles joined per normalisation call: big enough to amortise the per-call cost.
_CHUNK_CHARS = 200_000


def _mention_records(texts: Sequence[str], matcher: ActorMatcher, *, places: bool,
                     sentence: bool) -> dict[str, list]:
    """Mentions of all ``texts`` as columns (``article`` is the index into ``texts``).

    Articles are joined by a line break (which no alias, bracket or apposition crosses) into
    chunks of about ``_CHUNK_CHARS`` characters; each chunk is normalised once and scanned by
    the trie regex once; offsets and sentence ids come back by bisection over the article and
    sentence starts.
    """
    columns: dict[str, list] = {name: [] for name in ("article", "sentence_id", "start", "end", "actor_id",
                                                       "surface", "alias", "role", "sentence")}
    chunk: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        if not _vectorisable(text):  # alone, so that the others keep the vectorised path
            if chunk:
                _scan_chunk(chunk, texts, matcher, columns, places=places, sentence=sentence)
                chunk, size = [], 0
            _scan_chunk([i], texts, matcher, columns, places=places, sentence=sentence)
            continue
        chunk.append(i)
        size += len(text)
        if size >= _CHUNK_CHARS:
            _scan_chunk(chunk, texts, matcher, columns, places=places, sentence=sentence)
            chunk, size = [], 0
    if chunk:
        _scan_chunk(chunk, texts, matcher, columns, places=places, sentence=sentence)
    return columns


def _scan_chunk(indices: list[int], texts: Sequence[str], matcher: ActorMatcher, columns: dict[str, list],
                *, places: bool, sentence: bool) -> None:
    chunk_texts = [texts[i] for i in indices]
    source = "\n".join(chunk_texts)
    bases = [0]
    for text in chunk_texts[:-1]:
        bases.append(bases[-1] + len(text) + 1)
    offsets = normalize_with_offsets_lazy(source)
    spans = _match_spans(_fold(offsets.text), matcher)
    if not spans:
        return
    source_spans = list(zip(*spans_to_source(offsets, [span[0] for span in spans], [span[1] for span in spans])))
    articles = [bisect_right(bases, s) - 1 for s, _ in source_spans]
    keep = _resolve_short_forms(spans, articles, matcher)
    keep = [i for i in keep if places or spans[i][6] != "place"]
    if not keep:
        return
    starts = np.fromiter((source_spans[i][0] for i in keep), dtype=np.int64, count=len(keep))
    article = np.fromiter((articles[i] for i in keep), dtype=np.int64, count=len(keep))
    base_array = np.asarray(bases, dtype=np.int64)
    sentences = split_sentences(source)
    sentence_starts = np.fromiter((s for s, _ in sentences), dtype=np.int64, count=len(sentences))
    global_sentence = np.maximum(np.searchsorted(sentence_starts, starts, side="right") - 1, 0)
    first_sentence = np.searchsorted(sentence_starts, base_array, side="left")
    columns["sentence_id"].extend((global_sentence - first_sentence[article]).tolist())
    kept_spans = [spans[i] for i in keep]
    kept_source = [source_spans[i] for i in keep]
    kept_bases = [bases[articles[i]] for i in keep]
    columns["article"].extend([indices[articles[i]] for i in keep])
    columns["start"].extend([s - b for (s, _), b in zip(kept_source, kept_bases)])
    columns["end"].extend([e - b for (_, e), b in zip(kept_source, kept_bases)])
    columns["actor_id"].extend([span[2] for span in kept_spans])
    columns["surface"].extend([source[s:e] for s, e in kept_source])
    columns["alias"].extend([span[3] for span in kept_spans])
    columns["role"].extend([span[6] for span in kept_spans])
    if sentence:
        columns["sentence"].extend(source[sentences[g][0]:sentences[g][1]] for g in global_sentence.tolist())


_INT_COLUMNS = ("start", "end", "sentence_id")


#: The dtype pandas infers for a list of str (pandas >= 3: ``str``, stored in pyarrow).
_STR_DTYPE = pd.Series(["a"]).dtype


def _str_array(values: list[str]) -> Any:
    """``values`` (all str) as the array pandas would infer for them, built straight from a
    pyarrow array when pandas stores str in pyarrow (a third of the time of inferring it)."""
    if getattr(_STR_DTYPE, "storage", None) == "pyarrow":
        import pyarrow as pa
        from pandas.arrays import ArrowStringArray

        return ArrowStringArray(pa.array(values, type=pa.large_string()), dtype=_STR_DTYPE)
    return values


def _frame(columns: dict[str, list], names: Sequence[str]) -> pd.DataFrame:
    if not columns[names[0]]:  # typed and empty
        return pd.DataFrame({name: pd.Series(dtype="int64" if name in _INT_COLUMNS else "object") for name in names})
    return pd.DataFrame({name: (np.asarray(columns[name], dtype=np.int64) if name in _INT_COLUMNS
                                else _str_array(columns[name])) for name in names}, columns=list(names), copy=False)


def find_actor_mentions(text: str, matcher: ActorMatcher | None = None, *, places: bool = False,
                        sentence: bool = True) -> pd.DataFrame:
    """Actor mentions in ``text``: actor_id, surface, start, end, alias, role, sentence_id, sentence.

    ``start``/``end`` index ``text`` (``text[start:end] == surface``, proclitics included);
    ``alias`` is the lexicon row that matched (or the short form); ``role`` is actor, metonymy,
    short_form (or place, with ``places=True``); ``sentence`` is the sentence holding the
    mention (from :func:`helpers.text.split_sentences`; left out with ``sentence=False``) and
    ``sentence_id`` its index. Rows are in text order. See the module docstring for the rules.

    Example:
        >>> m = find_actor_mentions("التقى رئيس الوزراء العراقي بالرئيس الأمريكي جو بايدن في البيت الأبيض.")
        >>> m[["actor_id", "surface"]].values.tolist()
        [['iraq_gov', 'رئيس الوزراء العراقي'], ['biden', 'بالرئيس الأمريكي جو بايدن'], ['white_house', 'البيت الأبيض']]
        >>> find_actor_mentions("أعلنت بغداد رفضها، وقال مسؤول في واشنطن", places=True)[["surface", "role"]].values.tolist()
        [['بغداد', 'metonymy'], ['واشنطن', 'place']]
    """
    matcher = default_actor_matcher() if matcher is None else matcher
    columns = _mention_records([text], matcher, places=places, sentence=sentence)
    names = [c for c in MENTION_COLUMNS if sentence or c != "sentence"]
    return _frame(columns, names)


def find_actor_mentions_corpus(articles: pd.DataFrame, matcher: ActorMatcher | None = None, *,
                               places: bool = False, sentence: bool = False) -> pd.DataFrame:
    """Actor mentions in every article, one table built from records (contract of the pipeline).

    ``articles`` needs ``article_id`` and ``text`` (as from ``corpus.load_corpus().articles``).
    Columns :data:`CORPUS_COLUMNS`: article_id, sentence_id, start, end (offsets into the
    article's text), actor_id, surface, alias, role; plus ``sentence`` (its text) with
    ``sentence=True``. ``places=True`` adds the place mentions (role ``place``). Sorted by
    article_id, start. Pure: no file I/O besides the cached lexicons.

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
    ids = articles["article_id"].astype(str).tolist()
    texts = ["" if not isinstance(t, str) else t for t in articles["text"].tolist()]
    with collector_paused():
        columns = _mention_records(texts, matcher, places=places, sentence=sentence)
        columns["article_id"] = [ids[i] for i in columns["article"]]
        names = [*CORPUS_COLUMNS, *(["sentence"] if sentence else [])]
        frame = _frame(columns, names)
    # Mentions come out article by article in the input order, each article's in text order.
    if len(frame) and (any(a > b for a, b in zip(ids, ids[1:])) or len(set(ids)) < len(ids)):
        frame = frame.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
    return frame


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
    descending, then actor_id. Place mentions (``role == "place"``, from ``places=True``) are
    not actor mentions and are left out: count them with :func:`place_counts`.

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
    if "role" in mentions.columns:
        mentions = mentions[mentions["role"] != "place"]
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


def place_counts(mentions: pd.DataFrame, articles: pd.DataFrame, *, by: str | None = "article_id") -> pd.DataFrame:
    """Place mentions (``role == "place"``: في بغداد, مطار بغداد) per place name and group.

    ``mentions`` comes from :func:`find_actor_mentions_corpus` with ``places=True``. The place
    is the ``alias`` (بغداد, واشنطن, العراق ...) and ``actor_id`` the polity it belongs to.
    Columns: [by], alias, actor_id, mentions, articles, n_words, per_1000_words; sorted like
    :func:`actor_counts`.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["وصل الوزير إلى بغداد ثم أعلنت بغداد"], "n_words": [6]})
        >>> place_counts(find_actor_mentions_corpus(arts, places=True), arts, by=None).values.tolist()
        [['بغداد', 'iraq_gov', 1, 1, 6, 166.667]]
    """
    for column in ("article_id", "n_words", *([by] if by else [])):
        if column not in articles.columns:
            raise KeyError(f"place_counts: articles lack the column {column!r}; pass corpus.load_corpus().articles")
    if "role" not in mentions.columns:
        raise KeyError("place_counts: mentions lack the column 'role'; use find_actor_mentions_corpus(..., places=True)")
    places = mentions[mentions["role"] == "place"].assign(article_id=lambda m: m["article_id"].astype(str))
    arts = articles.assign(article_id=articles["article_id"].astype(str))
    group = by or "corpus"
    if by is None:
        arts = arts.assign(corpus="all")
    words = arts.groupby(group, sort=True)["n_words"].sum()
    if by != "article_id":
        places = places.merge(arts[["article_id", group]], on="article_id", how="left")
    counts = places.groupby([group, "alias", "actor_id"], sort=True).agg(
        mentions=("article_id", "size"), articles=("article_id", "nunique")).reset_index()
    counts["n_words"] = counts[group].map(words).astype("int64")
    counts["per_1000_words"] = per_1000_words(counts["mentions"], counts["n_words"], decimals=3)
    counts = counts.sort_values([group, "mentions", "alias"], ascending=[True, False, True], kind="stable")
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


def headline_figures(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    pairs: pd.DataFrame | None = None,
    *,
    headline_pairs: Sequence[tuple[str, str, str]] = (),
    lexicon: pd.DataFrame | None = None,
) -> pd.Series:
    """The counts a notebook's findings rest on, as one named Series.

    Mentions and distinct actors; Iraq as a single actor and, rolled up to the root
    (:func:`roll_up`), all Iraqi and all American actors; and the shared sentences of each pair
    in ``headline_pairs`` (``(name of the figure, actor_a, actor_b)``, chosen by the notebook)
    from ``pairs``, the :func:`cooccurrence` table (computed from ``mentions`` if not given).
    An actor or pair the articles never mention counts 0.

    Example:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "n_words": [100]})
        >>> m = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 0, 1],
        ...                   "actor_id": ["iraq", "us_military", "iraq_gov"]})
        >>> figures = headline_figures(m, arts, headline_pairs=[("Iraq and the US military", "iraq", "us_military")])
        >>> figures[["all Iraqi actors (rolled up to iraq)", "Iraq and the US military"]].tolist()
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
    for name, a, b in headline_pairs:
        figures[name] = shared.get(tuple(sorted((a, b))), 0)
    return pd.Series(figures, name="headline figures")

