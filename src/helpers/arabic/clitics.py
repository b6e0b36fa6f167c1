"""The one clitic model: proclitics و ف ب ل ك, the article ال (with ل + ال written لل), pronoun suffixes.

Arabic attaches a conjunction (و, ف), then a preposition (ب, ل, ك), then the article (ال) to a
noun, all written as one word: والميليشيات, بالانسحاب, كالمقاومة. ل + ال is written لل
(للقوات), and before a noun that itself begins with ل only two lams are written (للواء = ل +
اللواء). Nouns take pronoun suffixes (انسحابهم, ادعاءاته; ة becomes ت before them: مقاومتهم) and
the accusative alef of tanwin (انسحاباً, normalised انسحابا). Verbs and particles take only و / ف.

Everything here works on NORMALISED text (:func:`helpers.arabic.normalize.normalize_for_matching`:
ة is ه, ى is ي, no diacritics). Two ways to use the model:

- :func:`strip_clitics` lists the (prefix, stem) readings of one word, for word-list lookups;
- :func:`proclitic_pattern` / :func:`term_pattern` give regular expressions for matching a
  lexicon form with its clitics in running text (what :class:`helpers.arabic.matcher.TermMatcher` uses).

Example:
    >>> strip_clitics("وللقوات")
    (('', 'وللقوات'), ('و', 'للقوات'), ('ول', 'لقوات'), ('ولل', 'قوات'))
    >>> import re
    >>> bool(re.fullmatch(term_pattern("المقاومة", "noun"), "والمقاومه"))
    True
"""

from __future__ import annotations

import re
from functools import lru_cache

from helpers.arabic.normalize import normalize_for_matching

__all__ = [
    "ARTICLE",
    "CLITIC_KINDS",
    "CONJUNCTIONS",
    "PREPOSITIONS",
    "PROCLITICS",
    "PRONOUN_SUFFIXES",
    "QUOTES",
    "SEPARATOR",
    "is_definite",
    "proclitic_pattern",
    "strip_clitics",
    "strip_suffixes",
    "term_core",
    "term_pattern",
    "term_surfaces",
    "word_stems",
]

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"
#: Pronoun suffixes of a noun (normalised), longest first.
PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك", "ي")
#: Quotation marks that may stand between a proclitic and its word (لـ"البنتاغون") or inside a term.
QUOTES = "\"'“”«»‘’„"


def _proclitics() -> tuple[str, ...]:
    found = set()
    for conjunction in ("", *CONJUNCTIONS):
        for preposition in ("", *PREPOSITIONS):
            for article in ("", ARTICLE):
                if preposition == "ل" and article:
                    found.add(conjunction + "لل")  # ل + ال is written لل
                else:
                    found.add(conjunction + preposition + article)
    found.discard("")
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


#: Every proclitic string (conjunction? preposition? article?), longest first: وبال ... و ف ب ل ك ال.
PROCLITICS: tuple[str, ...] = _proclitics()
_PROCLITIC_SET = frozenset(PROCLITICS)

#: How a lexicon form takes clitics: ``noun`` (the proclitics, the article, pronoun suffixes and
#: tanwin alef), ``conjunction`` (only و / ف, for verbs and fixed phrases), ``none`` (as written).
CLITIC_KINDS = ("noun", "conjunction", "none")


def is_definite(prefix: str) -> bool:
    """True if a proclitic string carries the article (ال, بال, لل, وال ...).

    Example:
        >>> is_definite("ولل"), is_definite("وب")
        (True, False)
    """
    return prefix.endswith((ARTICLE, "لل"))


def strip_clitics(word: str, *, suffixes: bool = False, min_stem: int = 2) -> tuple[tuple[str, str], ...]:
    """The readings ``(prefix, stem)`` of a normalised word: every proclitic split that leaves a
    stem of at least ``min_stem`` letters, the word itself first, then shorter stems.

    With ``suffixes=True`` each stem also appears without a pronoun suffix (ة restored where it
    became ت: مقاومتهم -> مقاومه) and without the tanwin alef (انسحابا -> انسحاب).

    Example:
        >>> strip_clitics("بالانسحاب")
        (('', 'بالانسحاب'), ('ب', 'الانسحاب'), ('بال', 'انسحاب'))
        >>> [stem for _, stem in strip_clitics("ومقاومتهم", suffixes=True)]
        ['ومقاومتهم', 'ومقاومه', 'ومقاومت', 'مقاومتهم', 'مقاومه', 'مقاومت']
    """
    return _strip(word, suffixes, min_stem)


@lru_cache(maxsize=65536)
def _strip(word: str, suffixes: bool, min_stem: int) -> tuple[tuple[str, str], ...]:
    readings: list[tuple[str, str]] = []
    for cut in range(0, min(len(word) - min_stem, 4) + 1):
        prefix = word[:cut]
        if cut and prefix not in _PROCLITIC_SET:
            continue
        stem = word[cut:]
        readings.append((prefix, stem))
        if suffixes:
            readings.extend((prefix, bare) for bare, _ in strip_suffixes(stem, min_stem=min_stem)[1:])
    return tuple(dict.fromkeys(readings))


def strip_suffixes(stem: str, *, min_stem: int = 2) -> tuple[tuple[str, str], ...]:
    """``(stem, suffix)`` readings of a normalised noun: as written, without a pronoun suffix
    (a final ت before it also read as ة, normalised ه, except in the plural ات), without the
    tanwin alef.

    Example:
        >>> strip_suffixes("ادعاءاته")
        (('ادعاءاته', ''), ('ادعاءات', 'ه'))
        >>> strip_suffixes("مقاومتهم")
        (('مقاومتهم', ''), ('مقاومه', 'هم'), ('مقاومت', 'هم'))
    """
    readings = [(stem, "")]
    for suffix in PRONOUN_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= min_stem:
            bare = stem[: -len(suffix)]
            if bare.endswith("ت") and not bare.endswith("ات") and len(bare) > min_stem:
                readings.append((bare[:-1] + "ه", suffix))
            readings.append((bare, suffix))
    if stem.endswith("ا") and len(stem) - 1 >= min_stem and not stem.endswith(("اا", "ءا")):
        readings.append((stem[:-1], "ا"))
    seen = dict.fromkeys(readings)
    return tuple(seen)


@lru_cache(maxsize=65536)
def word_stems(word: str, *, suffixes: bool = False, min_stem: int = 2) -> frozenset[str]:
    """The stems of :func:`strip_clitics` as a set (for intersecting with a word list).

    Example:
        >>> sorted(word_stems("والمسؤولين"))
        ['المسؤولين', 'مسؤولين', 'والمسؤولين']
    """
    return frozenset(stem for _, stem in strip_clitics(word, suffixes=suffixes, min_stem=min_stem))


# --------------------------------------------------------------------------------------------
# Regular expressions (on normalised text)

_Q = f"[{re.escape(QUOTES)}]"
#: Between the words of a multiword term: spaces, quotation marks, hyphens and dashes.
SEPARATOR = rf"[\s{re.escape(QUOTES)}\-–—]+"
_CONJ = "[وف]"
_CLITIC_RUN = rf"(?:{_CONJ}?[بكل]|{_CONJ})"   # a non-empty run of conjunction and preposition
_PRONOUN = "(?:ه|ها|هم|هما|هن|نا)"
_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "نا")
_CLITIC_RUNS = ("و", "ف", *(c + p for c in ("", "و", "ف") for p in "بكل"))


def proclitic_pattern(kind: str = "noun", *, definite: bool | None = None) -> str:
    """A regular expression for the proclitics a word of ``kind`` may carry (may be empty).

    ``kind = "noun"``: و ف, then ب ك ل, then (``definite=None``: optionally, ``True``: necessarily,
    ``False``: never) the article, with ل + ال written لل (and only ل before a noun that begins
    with ل: للواء for ل + اللواء); a quotation mark may follow the
    proclitics (لـ"البنتاغون" is normalised to ل"البنتاغون"). ``"conjunction"``: only و / ف.

    Example:
        >>> import re
        >>> [bool(re.fullmatch(proclitic_pattern(definite=True), p)) for p in ("وبال", "فلل", "ال", "وب")]
        [True, True, True, False]
    """
    if kind == "conjunction":
        return rf"(?:{_CONJ}{_Q}?)?"
    if kind == "none":
        return ""
    if kind != "noun":
        raise ValueError(f"kind must be one of {CLITIC_KINDS}, got {kind!r}")
    if definite is None:
        return rf"(?:(?:{_CLITIC_RUN}{_Q}?)?(?:ال)?|{_CONJ}?لل|{_CONJ}?ل(?=ل))"
    if definite:  # ل + ال before a noun that begins with ل is written with two lams: للواء
        return rf"(?:(?:{_CLITIC_RUN}{_Q}?)?ال|{_CONJ}?لل|{_CONJ}?ل(?=ل))"
    return rf"(?:{_CLITIC_RUN}{_Q}?)?"


def _last_word_pattern(word: str, kind: str) -> str:
    if kind != "noun":
        return re.escape(word)
    if word.endswith("ه") and len(word) > 2:   # ة (folded to ه) becomes ت before a pronoun
        return f"{re.escape(word[:-1])}(?:ه|ت{_PRONOUN})"
    return f"{re.escape(word)}(?:ا|{_PRONOUN})?"


def _split_article(first: str) -> tuple[str, bool]:
    """A noun form's first word without its article, and whether it had one (الجيش -> جيش)."""
    if first.startswith(ARTICLE) and len(first) > 3:
        return first[2:], True
    return first, False


def term_pattern(form: str, kind: str = "noun") -> str:
    """The regular expression (on normalised text) matching lexicon ``form`` with its clitics.

    ``noun``: proclitics and article on the first word (a form written WITH the article
    requires it, المقاومة never matches the generic مقاومة; one written without accepts both),
    a pronoun suffix or tanwin alef on the last word (انسحاباً, مقاومتهم). ``conjunction``: only
    و / ف before it (وزعم, فقال). ``none``: as written. Between the words any run of spaces,
    quotation marks or hyphens; whole words only.

    Example:
        >>> import re
        >>> bool(re.fullmatch(term_pattern("الإرهابيين"), "للارهابيين"))
        True
        >>> bool(re.fullmatch(term_pattern("زعم", "conjunction"), "وزعم")), bool(re.fullmatch(term_pattern("زعم", "conjunction"), "الزعم"))
        (True, False)
    """
    if kind not in CLITIC_KINDS:
        raise ValueError(f"kind must be one of {CLITIC_KINDS}, got {kind!r}")
    words = normalize_for_matching(form).split()
    if not words:
        raise ValueError(f"form {form!r} is empty after normalisation")
    first = words[0]
    if kind == "noun":
        first, definite = _split_article(first)
        prefix = proclitic_pattern("noun", definite=True if definite else None)
    else:
        prefix = proclitic_pattern(kind)
    words = [first, *words[1:]]
    parts = [re.escape(w) for w in words[:-1]] + [_last_word_pattern(words[-1], kind)]
    return rf"(?<!\w){prefix}{SEPARATOR.join(parts)}(?!\w)"


def term_core(form: str, kind: str = "noun") -> str:
    """A literal that every match of :func:`term_pattern` ``(form, kind)`` contains: the first
    word without its article (and, for a one-word noun, without a final ه, which may become ت).

    Example:
        >>> term_core("المقاومة"), term_core("فصائل المقاومة")
        ('مقاوم', 'فصائل')
    """
    words = normalize_for_matching(form).split()
    first = words[0]
    if kind == "noun":
        first, _ = _split_article(first)
        if len(words) == 1 and first.endswith("ه") and len(first) > 2:
            first = first[:-1]
    return first


def _prefixes(kind: str, definite: bool | None) -> tuple[str, ...]:
    """Every proclitic string :func:`proclitic_pattern` accepts (without quotation marks)."""
    if kind == "none":
        return ("",)
    if kind == "conjunction":
        return ("", "و", "ف")
    runs = ("", *_CLITIC_RUNS)
    double_lam = ("لل", "ولل", "فلل")
    if definite is None:
        return tuple(dict.fromkeys([*runs, *(r + "ال" for r in runs), *double_lam]))
    if definite:
        return tuple(dict.fromkeys([*(r + "ال" for r in runs), *double_lam]))
    return runs


def _last_word_surfaces(word: str, kind: str) -> tuple[str, ...]:
    if kind != "noun":
        return (word,)
    if word.endswith("ه") and len(word) > 2:
        return (word, *(word[:-1] + "ت" + p for p in _PRONOUNS))
    return (word, word + "ا", *(word + p for p in _PRONOUNS))


def term_surfaces(form: str, kind: str = "noun") -> tuple[frozenset[str], tuple[frozenset[str], ...]] | None:
    """The written words :func:`term_pattern` accepts, enumerated: (the surfaces of the first
    word with its proclitics, then the surfaces of each further word). ``None`` when a word of
    the form is not a plain run of letters and digits (then only the pattern can match it).

    A quotation mark between the proclitics and the word (ل"البنتاغون") is not enumerated: the
    word after the mark is then a surface without proclitics.

    Example:
        >>> first, rest = term_surfaces("فصائل المقاومة")
        >>> "وفصائل" in first, "فصائل" in first, "المقاومتهم" in rest[0]
        (True, True, True)
        >>> sorted(term_surfaces("زعم", "conjunction")[0])
        ['زعم', 'فزعم', 'وزعم']
    """
    if kind not in CLITIC_KINDS:
        raise ValueError(f"kind must be one of {CLITIC_KINDS}, got {kind!r}")
    words = normalize_for_matching(form).split()
    if not words or not all(_PLAIN_WORD.fullmatch(w) for w in words):
        return None
    first = words[0]
    definite: bool | None = None
    if kind == "noun":
        first, had_article = _split_article(first)
        definite = True if had_article else None
    firsts = _last_word_surfaces(first, kind) if len(words) == 1 else (first,)
    prefixes = _prefixes(kind, definite)
    if kind == "noun" and first.startswith("ل"):  # ل + اللواء is written للواء
        prefixes = (*prefixes, "ل", "ول", "فل")
    surfaces = frozenset(p + f for p in prefixes for f in firsts)
    rest = [frozenset({w}) for w in words[1:-1]]
    if len(words) > 1:
        rest.append(frozenset(_last_word_surfaces(words[-1], kind)))
    return surfaces, tuple(rest)


_PLAIN_WORD = re.compile(r"\w+")
