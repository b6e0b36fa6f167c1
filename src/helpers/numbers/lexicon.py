"""The reviewable lexicons behind :mod:`helpers.numbers`, compiled once per content of the files.

Every word list lives in a CSV under ``corpus/lexicons/`` (one row per form, with an English
gloss and a note); this module reads them with the shared loader
(:func:`helpers.arabic.lexicon.load_lexicon`: every bad row reported at once as ``file:line``),
normalises every form with :func:`helpers.arabic.normalize.normalize_for_matching` (so the CSVs
can be written in ordinary spelling, with hamza and ة) and compiles the lookup tables and
regular expressions the extractor needs; clitics come from :mod:`helpers.arabic.clitics`. The
compiled lexicon is cached on the files' content: an edit takes effect on the next call.

==========================  =====================================================================
``number_words.csv``        number words: units, tens, hundreds, scales (ألف, مليون ...) with
                            their dual/construct and plural forms, fractions, vague quantities,
                            ordinals
``number_units.csv``        counted nouns (singular, plural, dual) -> English unit lemma + category
                            (the ``unit_category`` column of the output: force, person, casualty,
                            counter (page views, posts) ... ; a force count is category force)
``number_qualifiers.csv``   approximators and bounds (نحو, أكثر من, ما لا يقل عن ...) -> qualifier
``number_calendar.csv``     month names (Gregorian, Levantine/Iraqi, Maghrebi, Hijri), weekdays
``number_actors.csv``       nationality and actor words -> who (us, coalition, iraq, isis ...)
``number_places.csv``       place names -> where (iraq, syria, kuwait, region ...)
``number_cues.csv``         context words: year/time/percent/label cues and the troop-level cues
                            (presence, total, withdrawal, deploy, reduce, change (وصل / ارتفع
                            ... إلى N), casualty, subset, ``others_after``: آخرين / آخرون / أخرى
                            after a count, ``counter_label``: page and forum fields)
``number_affiliations.csv`` words of affiliation (الموالية ل, المدعومة من, التابعة ل, المقربة من,
                            حلفاء ...): the name after them is an allegiance, never a place
``number_events.csv``       events with a known year (الغزو -> 2003) that date a troop figure
                            in its sentence (``refers_to``)
==========================  =====================================================================

Example:
    >>> lex = load_number_lexicon()
    >>> lex.words["الفين"].value, lex.units["جنديين"].unit
    (2000.0, 'troops')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import ahocorasick

from helpers.arabic.clitics import PROCLITICS, proclitic_pattern
from helpers.arabic.lexicon import Schema, cached_by_content, lexicon_file, load_lexicon
from helpers.arabic.matcher import trie_pattern
from helpers.arabic.normalize import normalize_for_matching

__all__ = [
    "NumberWord",
    "CountedNoun",
    "NumberLexicon",
    "load_number_lexicon",
    "LEXICON_FILES",
]

#: The proclitics a number word, noun or name may carry (the shared clitic model of helpers.arabic).
_CLITIC_RE = proclitic_pattern("noun")

WORD_TYPES = {"unit", "teen_unit", "ten", "hundred", "scale", "scale_dual", "scale_plural",
              "fraction", "vague", "ordinal"}
UNIT_CATEGORIES = {"force", "combatant", "person", "casualty", "detainee", "object",
                   "duration", "money", "measure", "counter"}
QUALIFIERS = {"exact", "approx", "at_least", "at_most", "up_to", "vague"}
CALENDAR_KINDS = {"month", "hijri_month", "weekday"}
CUE_CATEGORIES = {"year", "time", "time_after", "percent_after", "label", "presence", "total", "change", "counter_label",
                  "withdrawal", "deploy", "deploy_after", "reduce", "killed", "wounded",
                  "arrested", "killed_after", "wounded_after", "arrested_after", "subset",
                  "describes", "others_after"}


@dataclass(frozen=True)
class NumberWord:
    """One normalised number word: its value and grammatical type (see ``number_words.csv``)."""

    value: float
    type: str


@dataclass(frozen=True)
class CountedNoun:
    """One normalised counted-noun form: English unit lemma, category, grammatical number."""

    unit: str
    category: str
    grammatical_number: str


@dataclass(frozen=True)
class NumberLexicon:
    """All lexicons, normalised, with the compiled patterns the extractor uses."""

    words: dict[str, NumberWord]
    units: dict[str, CountedNoun]
    months: dict[tuple[str, ...], int]          # token sequence -> month number
    weekdays: frozenset[str]
    qualifiers_before: re.Pattern[str]          # matches a qualifier ending right before a number
    qualifiers_after: re.Pattern[str]           # matches a qualifier right after a number/noun
    qualifier_of: dict[str, str]                # normalised phrase -> qualifier
    actors: re.Pattern[str]                     # group 'form'
    actor_of: dict[str, str]
    actor_nisba: dict[str, str]                 # adjective forms only (أمريكي, عراقيين ...)
    places: re.Pattern[str]
    place_of: dict[str, str]
    cues: re.Pattern[str]
    cue_of: dict[str, str]
    affiliations: re.Pattern[str]               # an affiliation word and its preposition (before a name)
    candidates: re.Pattern[str]                 # digits, number words, dual nouns
    events: dict[str, int]                      # normalised event phrase -> year (number_events.csv)
    candidate_words: Any = None                 # the words of ``candidates`` as an Aho-Corasick automaton


def _rows(name: str, columns: tuple[str, ...], choices: dict[str, set[str]] | None = None,
          numeric: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The rows of one lexicon, read and validated by :func:`helpers.arabic.lexicon.load_lexicon`
    (every problem of the file reported at once, as ``file:line: problem``)."""

    def check(row: dict[str, str]) -> list[str]:
        problems = []
        for column in numeric:
            try:
                float(row[column])
            except ValueError:
                problems.append(f"{column} {row[column]!r} is not a number")
        return problems

    schema = _SCHEMAS.get(name)
    if schema is None:
        schema = _SCHEMAS[name] = Schema(
            columns=columns, required=tuple(c for c in columns if c != "note"),
            choices={k: sorted(v) for k, v in (choices or {}).items()}, row_check=check if numeric else None)
    table = load_lexicon(name, schema)
    return [{k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()}
            for row in table.to_dict("records")]


_SCHEMAS: dict[str, Schema] = {}


def _nisba_forms(form: str) -> list[str]:
    """Gender/number forms of a nisba adjective ending in ي (أمريكي -> أمريكية, أمريكيين ...)."""
    if not form.endswith("ي") or " " in form:
        return [form]
    return [form, form + "ه", form + "ا", form + "ين", form + "ون", form + "ان", form + "تين"]


def _accusative(form: str) -> list[str]:
    """Singular nouns also appear with the accusative alef of tanwin (جنديًا -> جنديا)."""
    if form.endswith(("ه", "ا", "ء")) or " " in form:
        return [form]
    return [form, form + "ا"]


def _alternation(forms: list[str]) -> str:
    """The forms as one pattern (a space in a form matches any run of spaces), factored as a
    trie: ``re`` tries a trie at each position in a few steps, where a flat alternation tries
    every form. Between forms that both match at a position with a word end after them (one is
    then a prefix of the other), the trie takes the longer, as the longest-first alternation did."""
    unique = set(forms)
    if "" in unique:
        ordered = sorted(unique, key=len, reverse=True)
        return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)
    return trie_pattern(sorted(unique), gap=r"\s+")


def _words_regex(forms: list[str], group: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){_CLITIC_RE}(?P<{group}>{_alternation(forms)})(?!\w)")


def _names_regex(of: dict[str, str], group: str) -> re.Pattern[str]:
    """Like :func:`_words_regex` for names, also after ل + article written لل (للولايات المتحدة).

    The article's alef drops after ل: ``group`` then holds the form without ال, which is added
    to ``of`` (the pattern reaches it only right after لل, so تحالف alone is not التحالف).
    """
    plain = list(of)
    stripped = [f[2:] for f in plain if f.startswith("ال") and len(f) > 4 and f[2:] not in of]
    for form in stripped:
        of[form] = of["ال" + form]
    names = _alternation(plain) + (rf"|(?<=لل)(?:{_alternation(stripped)})" if stripped else "")
    return re.compile(rf"(?<!\w){_CLITIC_RE}(?P<{group}>{names})(?!\w)")


LEXICON_FILES = ("number_words.csv", "number_units.csv", "number_calendar.csv", "number_qualifiers.csv",
                 "number_places.csv", "number_actors.csv", "number_cues.csv", "number_affiliations.csv",
                 "number_events.csv")


def load_number_lexicon() -> NumberLexicon:
    """Read and compile the number lexicons from ``corpus/lexicons/``.

    Cached on the content of the files (:func:`helpers.arabic.lexicon.cached_by_content`): an
    edit to any ``number_*.csv`` takes effect on the next call, without restarting the kernel.

    Example:
        >>> load_number_lexicon().qualifier_of["نحو"]
        'approx'
    """
    folder = lexicon_file(LEXICON_FILES[0]).parent  # the project root is looked up once, not per file
    return cached_by_content([folder / name for name in LEXICON_FILES], _build, key="helpers.numbers")


def _build() -> NumberLexicon:
    norm = normalize_for_matching

    words: dict[str, NumberWord] = {}
    for row in _rows("number_words.csv", ("form", "value", "type", "gloss", "note"), {"type": WORD_TYPES},
                     numeric=("value",)):
        kind, value = row["type"], float(row["value"])
        words[norm(row["form"].strip())] = NumberWord(value, kind)

    units: dict[str, CountedNoun] = {}
    for row in _rows("number_units.csv", ("form", "unit", "category", "grammatical_number", "gloss", "note"),
                     {"category": UNIT_CATEGORIES, "grammatical_number": {"singular", "plural", "dual"}}):
        category, number = row["category"], row["grammatical_number"]
        forms = _accusative(norm(row["form"].strip())) if number == "singular" else [norm(row["form"].strip())]
        for form in forms:
            units.setdefault(form, CountedNoun(row["unit"].strip(), category, number))

    months: dict[tuple[str, ...], int] = {}
    weekdays: set[str] = set()
    for row in _rows("number_calendar.csv", ("form", "kind", "number", "gloss", "note"), {"kind": CALENDAR_KINDS},
                     numeric=("number",)):
        kind = row["kind"]
        form = norm(row["form"].strip())
        if kind == "weekday":
            weekdays.add(form)
        else:
            months[tuple(form.split())] = int(row["number"])

    qualifier_of: dict[str, str] = {}
    before: list[str] = []
    after: list[str] = []
    for row in _rows("number_qualifiers.csv", ("phrase", "qualifier", "position", "gloss", "note"),
                     {"qualifier": QUALIFIERS, "position": {"before", "after"}}):
        qualifier, position = row["qualifier"], row["position"]
        phrase = " ".join(norm(row["phrase"]).split())
        qualifier_of[phrase] = qualifier
        (before if position == "before" else after).append(phrase)

    # the qualifier may be followed by the article written apart: قرابة الـ 2500 (normalised: قرابه ال 2500)
    qualifiers_before = re.compile(rf"(?<!\w)(?:[وفبل]{{0,2}})(?P<q>{_alternation(before)})\s*(?:ال\s*)?$")
    qualifiers_after = re.compile(rf"\s*(?P<q>{_alternation(after)})(?!\w)")

    place_of = {norm(r["form"].strip()): r["place"].strip()
                for r in _rows("number_places.csv", ("form", "place", "gloss", "note"))}
    actor_of: dict[str, str] = {}
    actor_nisba: dict[str, str] = {}
    for row in _rows("number_actors.csv", ("form", "who", "gloss", "note")):
        form = norm(row["form"].strip())
        for variant in _nisba_forms(form):
            if variant is not form and variant in place_of:
                continue  # سوري + ا / ة is the country (سوريا, سورية), not the adjective
            actor_of[variant] = row["who"].strip()
            if variant is not form or form.endswith("ي"):
                actor_nisba[variant] = row["who"].strip()
    cue_of: dict[str, str] = {}
    for row in _rows("number_cues.csv", ("form", "category", "gloss", "note"), {"category": CUE_CATEGORIES}):
        cue_of[" ".join(norm(row["form"]).split())] = row["category"]

    affiliation_forms = [" ".join(norm(r["form"]).split())
                         for r in _rows("number_affiliations.csv", ("form", "gloss", "note"))]
    # the word, then its preposition written apart (من / من قبل / على / إلى / مع); a clitic ل or
    # ب stays on the name, which the place pattern reads with its clitics (لإيران, بواشنطن)
    affiliations = re.compile(rf"(?<!\w)[وف]?(?:{_alternation(affiliation_forms)})\s+"
                              rf"(?:(?:من\s+قبل|من|علي|الي|مع)\s+)?")

    events = {" ".join(norm(r["form"]).split()): int(r["year"])
              for r in _rows("number_events.csv", ("form", "year", "gloss", "note"), numeric=("year",))}

    dual_nouns = [form for form, noun in units.items() if noun.grammatical_number == "dual"]
    # every number word and dual noun with every proclitic of the shared clitic model, as one trie:
    # about 1.4 times faster in ``re`` than an optional clitic group before the trie of the words
    bare = set(words) | set(dual_nouns)
    with_clitics = bare | {prefix + word for word in bare for prefix in PROCLITICS}
    candidates = re.compile(rf"[0-9]+(?:[.,][0-9]+)*|\b(?:{trie_pattern(sorted(with_clitics))})\b")
    candidate_words = _automaton(with_clitics)

    return NumberLexicon(
        words=words,
        units=units,
        months=months,
        weekdays=frozenset(weekdays),
        qualifiers_before=qualifiers_before,
        qualifiers_after=qualifiers_after,
        qualifier_of=qualifier_of,
        actors=_names_regex(actor_of, "form"),
        actor_of=actor_of,
        actor_nisba=actor_nisba,
        places=_names_regex(place_of, "form"),
        place_of=place_of,
        cues=_words_regex(list(cue_of), "form"),
        cue_of=cue_of,
        affiliations=affiliations,
        candidates=candidates,
        events=events,
        candidate_words=candidate_words,
    )


def _automaton(forms: set[str]) -> Any:
    """An Aho-Corasick automaton of ``forms`` (value: the form's length) for
    :func:`candidate_starts`, or ``None`` when a form is not all letters (then the regex is used)."""
    if not forms or not all(_LETTERS.fullmatch(form) for form in forms):
        return None
    automaton = ahocorasick.Automaton()
    for form in sorted(forms):
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    return automaton


_LETTERS = re.compile(r"[^\W\d_]+")
_DIGIT_RUN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def candidate_starts(lex: NumberLexicon, norm: str) -> list[int]:
    """Where the matches of ``lex.candidates`` start in ``norm`` (same positions, faster).

    The words of the pattern are letters only, between word boundaries: a match is a whole run
    of word characters that is one of the words, which the automaton finds in one pass (then
    checked for a word character on either side, as ``\\b`` does); digit runs are found apart.

    Example:
        >>> lex = load_number_lexicon()
        >>> norm = "وصل الفان وخمسمائه جندي و2,500 اخرون"
        >>> candidate_starts(lex, norm) == [m.start() for m in lex.candidates.finditer(norm)]
        True
    """
    automaton = lex.candidate_words
    if automaton is None:
        return [m.start() for m in lex.candidates.finditer(norm)]
    starts = [m.start() for m in _DIGIT_RUN.finditer(norm)]
    n = len(norm)
    for end, length in automaton.iter(norm):
        start = end - length + 1
        if start:
            before = norm[start - 1]
            if before.isalnum() or before == "_":
                continue
        if end + 1 < n:
            after = norm[end + 1]
            if after.isalnum() or after == "_":
                continue
        starts.append(start)
    starts.sort()
    return starts
