"""Arabic text: normalisation for matching (with offsets back to the source), sentences, cleanup.

Three layers, used in this order by :func:`helpers.corpus.load_corpus`:

1. :func:`clean_article` turns a scraped page's raw text into the clean text readers see
   (title, body paragraphs), removing page furniture and recording every removal.
   ALL offsets in the project refer to this clean text (``articles.text``).
2. :func:`normalize_for_matching` folds the clean text for searching (alef variants, ى, ة,
   diacritics, tatweel, invisible controls, three digit systems). It is fast (a lookup table
   applied with numpy) and is the single definition of "the same word" for every matcher.
3. :func:`normalize_with_offsets` gives the same normalised string plus a map back to the
   source, so a match found on the normalised form is reported with offsets into the clean text.

Sentence spans come from :func:`split_sentences`; :func:`sentence_containing` finds the sentence
of a match.

Example:
    >>> normalize_for_matching("أعلنت القوّاتُ الأمريكيّة ٢٫٥")
    'اعلنت القوات الامريكيه 2.5'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import numpy as np

__all__ = [
    "find_normalised",
    "ARABIC_DIACRITICS",
    "CleanArticle",
    "DOUBLE_QUOTES",
    "FurnitureRule",
    "RemovedLine",
    "clean_article",
    "clean_unicode",
    "load_furniture_rules",
    "INVISIBLE_CONTROLS",
    "NormalizedText",
    "normalize_for_matching",
    "normalize_with_offsets",
    "split_sentences",
    "sentence_containing",
    "sentences_containing",
]

# --------------------------------------------------------------------------------------------
# Character classes (Unicode facts, not curated knowledge: they stay in code).

#: Arabic diacritics removed for matching: harakat and tanwin (U+064B-U+0652), maddah/hamza
#: above/below when they stand alone (U+0653-U+0655), the rarer marks U+0656-U+065F,
#: superscript (dagger) alef U+0670, and Quranic annotation signs U+0610-U+061A, U+06D6-U+06ED
#: (except U+06DD end-of-ayah and U+06DE rub el hizb, which are symbols, and U+06E5/U+06E6,
#: small waw/yeh, which are letters).
ARABIC_DIACRITICS = "".join(
    chr(c)
    for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
              *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E5), 0x06E7, 0x06E8,
              *range(0x06EA, 0x06EE)]
)
TATWEEL = "\u0640"
#: Invisible format characters removed everywhere: zero-width space/non-joiner/joiner, word
#: joiner, soft hyphen, BOM/zero-width no-break space, and the bidi controls (LRM, RLM, ALM,
#: embeddings, overrides, isolates and their terminators).
INVISIBLE_CONTROLS = "".join(
    chr(c)
    for c in [0x00AD, 0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
              *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF]
)
_ALEF_VARIANTS = "\u0623\u0625\u0622\u0671"          # أ إ آ ٱ -> ا
_ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_EXTENDED_DIGITS = "۰۱۲۳۴۵۶۷۸۹"                       # Persian/Urdu forms


def _matching_table(fold_teh_marbuta: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in ARABIC_DIACRITICS + TATWEEL + INVISIBLE_CONTROLS}
    table.update({ord(c): "\u0627" for c in _ALEF_VARIANTS})
    table[ord("\u0649")] = "\u064a"                     # ى -> ي
    if fold_teh_marbuta:
        table[ord("\u0629")] = "\u0647"                 # ة -> ه
    for digits in (_ARABIC_INDIC_DIGITS, _EXTENDED_DIGITS):
        table.update({ord(d): str(i) for i, d in enumerate(digits)})
    table[ord("\u066c")] = ","                          # ٬ Arabic thousands separator
    table[ord("\u066b")] = "."                          # ٫ Arabic decimal separator
    return table


_TABLES = {fold: _matching_table(fold) for fold in (True, False)}
_DELETE = 0xFFFF  # a noncharacter: never produced by the table


def _lookup_array(table: dict[int, str | None]) -> np.ndarray:
    lut = np.arange(0x10000, dtype=np.uint16)
    for code, value in table.items():
        lut[code] = _DELETE if value is None else ord(value)
    return lut


_LUTS = {fold: _lookup_array(table) for fold, table in _TABLES.items()}
# Characters whose NFKC form does not depend on their neighbours and that scraped text is
# full of; replacing them first lets most texts skip the (slower) full NFKC pass.
_CHEAP_NFKC = (("\u00a0", " "), ("\u2026", "..."), ("\u202f", " "), ("\u2009", " "))
_SHORT = 64  # below this many characters str.translate beats numpy's per-call overhead


def _nfkc_where_needed(text: str) -> str:
    """NFKC, but only when the text is not already NFKC (a fast C-level quick check)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    for old, new in _CHEAP_NFKC:
        text = text.replace(old, new)
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def normalize_for_matching(text: str, *, fold_teh_marbuta: bool = True) -> str:
    """Fold ``text`` for matching: the same word in any spelling gives the same string.

    Steps, in order: NFKC (only if the text needs it: presentation forms such as ﻻ become
    base letters, no-break spaces become spaces); remove tatweel, zero-width and bidi controls
    and Arabic diacritics (see :data:`ARABIC_DIACRITICS`); fold أ إ آ ٱ to ا, ى to ي and, unless
    ``fold_teh_marbuta=False``, ة to ه; digits ٠-٩ and ۰-۹ to 0-9; ٬ to "," and ٫ to ".".
    Hamza carriers ؤ ئ ء are kept (folding them merges different words) and Latin case is kept.
    The result is what CAMeL Tools' chain (normalize_unicode, dediac_ar, normalize_alef_ar,
    normalize_alef_maksura_ar, normalize_teh_marbuta_ar, tatweel removal) gives, plus the digit,
    separator and invisible-control folding.

    Offsets change (deleted marks, ligatures that expand): use :func:`normalize_with_offsets`
    to map a match back to ``text``.

    Example:
        >>> normalize_for_matching("إلى القوّات الأمريكيـــة في ﻻهاي: ١٢٠٠ جندي")
        'الي القوات الامريكيه في لاهاي: 1200 جندي'
        >>> normalize_for_matching("القاعدة", fold_teh_marbuta=False)
        'القاعدة'
    """
    if text.isascii():
        return text
    text = _nfkc_where_needed(text)
    if len(text) < _SHORT:
        return text.translate(_TABLES[fold_teh_marbuta])
    codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    mapped = _LUTS[fold_teh_marbuta][codes]
    mapped = mapped[mapped != _DELETE]
    return mapped.tobytes().decode("utf-16-le", "surrogatepass")


def _normalized_codes(text: str) -> np.ndarray:
    """UTF-16 code units of ``normalize_for_matching(text)`` (without building the string when
    the text needs no NFKC)."""
    if text.isascii() or not unicodedata.is_normalized("NFKC", text):
        text = normalize_for_matching(text)
        return np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    mapped = _LUTS[True][np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)]
    return mapped[mapped != _DELETE]


# --------------------------------------------------------------------------------------------
# Offsets


@lru_cache(maxsize=1)
def _composable_seconds() -> frozenset[str]:
    """Characters that canonical composition can merge into the preceding character."""
    seconds = {chr(c) for c in range(0x1161, 0x1176)} | {chr(c) for c in range(0x11A8, 0x11C3)}
    for code in range(0x30000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                seconds.add(chr(int(parts[1], 16)))
    return frozenset(seconds)


@lru_cache(maxsize=4096)
def _starts_segment(char: str) -> bool:
    """True if NFKC can never merge ``char`` with what precedes it (a safe cut point)."""
    if unicodedata.combining(char):
        return False
    if char in _composable_seconds():
        return False
    first = unicodedata.normalize("NFKD", char)[:1]
    return not first or (unicodedata.combining(first) == 0 and first not in _composable_seconds())


@dataclass(frozen=True, eq=False)
class NormalizedText:
    """The normalised form of a source string plus the map back to the source.

    ``text`` equals ``normalize_for_matching(source)``. Each normalised character comes from one
    *segment* of the source: a base character with the marks that follow it (diacritics, or a
    tatweel/control standing alone contributes nothing). ``to_source`` maps a span of ``text`` to
    the source span covering the segments it came from, so a match on the normalised form can be
    shown with its diacritics in the clean text.

    Example:
        >>> n = normalize_with_offsets("قالَ: القوّاتُ")
        >>> n.text
        'قال: القوات'
        >>> start, end = n.to_source(5, 11)
        >>> "قالَ: القوّاتُ"[start:end]
        'القوّاتُ'
    """

    text: str
    source_length: int
    _starts: Sequence[int] = field(repr=False)  # a list or a numpy array, one entry per char of text
    _ends: Sequence[int] = field(repr=False)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to ``(source_start, source_end)``.

        A span that cuts through the expansion of one source character (the ل of ﻻ, which
        normalises to لا) maps to the whole source character. An empty span maps to an empty
        span at the corresponding source position.

        Example:
            >>> normalize_with_offsets("ﻻ بد").to_source(0, 2)
            (0, 1)
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(
                f"span ({start}, {end}) is outside the normalised text of length {n}; "
                "pass offsets found in NormalizedText.text"
            )
        if start == end:
            position = int(self._starts[start]) if start < n else self.source_length
            return position, position
        return int(self._starts[start]), int(self._ends[end - 1])


def _segments(text: str) -> list[tuple[int, int]]:
    cuts = [i for i, char in enumerate(text) if i == 0 or _starts_segment(char)]
    cuts.append(len(text))
    return [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)]


def normalize_with_offsets(text: str, *, fold_teh_marbuta: bool = True) -> NormalizedText:
    """Normalise like :func:`normalize_for_matching` and keep a map back to ``text``.

    Vectorised (numpy) for the usual text; text that needs NFKC beyond no-break spaces and "…"
    (presentation forms, decomposed letters) or has characters outside the BMP takes an exact
    character-by-character path (slower). Both give the same result; run your patterns on
    ``.text`` and report ``.to_source(start, end)``.

    Example:
        >>> n = normalize_with_offsets("وصلت القوّات الأمريكيّة")
        >>> i = n.text.index("الامريكيه")
        >>> s, e = n.to_source(i, i + len("الامريكيه"))
        >>> "وصلت القوّات الأمريكيّة"[s:e]
        'الأمريكيّة'
    """
    fast = _normalize_with_offsets_vectorised(text, fold_teh_marbuta)
    return fast if fast is not None else _normalize_with_offsets_exact(text, fold_teh_marbuta)


def _normalize_with_offsets_exact(text: str, fold_teh_marbuta: bool = True) -> NormalizedText:
    """The reference implementation: normalise segment by segment (a Python loop)."""
    starts: list[int] = []
    ends: list[int] = []
    pieces: list[str] = []
    cache: dict[str, str] = {}
    for seg_start, seg_end in _segments(text):
        segment = text[seg_start:seg_end]
        normal = cache.get(segment)
        if normal is None:
            normal = cache[segment] = normalize_for_matching(segment, fold_teh_marbuta=fold_teh_marbuta)
        if normal:
            pieces.append(normal)
            starts.extend([seg_start] * len(normal))
            ends.extend([seg_end] * len(normal))
    return NormalizedText("".join(pieces), len(text), starts, ends)


_ELLIPSIS = 0x2026


@lru_cache(maxsize=2)
def _offset_tables(fold_teh_marbuta: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per BMP code unit: its normalised code (or _DELETE), whether it starts a segment, whether
    it is replaced by a space to test NFKC (its NFKC form is context-free), and whether it is
    left out of that test."""
    lut = _LUTS[fold_teh_marbuta].copy()
    cheap = np.zeros(0x10000, dtype=bool)
    for old, new in _CHEAP_NFKC:
        cheap[ord(old)] = True
        if len(new) == 1:
            lut[ord(old)] = ord(new)
    lut[_ELLIPSIS] = ord(".")  # expanded to three dots below
    starts = np.array([_starts_segment(chr(c)) for c in range(0x10000)], dtype=bool)
    starts[0xD800:0xE000] = True  # surrogates never reach the vectorised path
    # Deleted characters that NFKC cannot compose with a letter are left out of the NFKC test:
    # whatever NFKC would do with them (reorder shadda and fatha, say), they are deleted anyway.
    # Leaving them out can only unblock compositions, which sends the text to the exact path.
    seconds = np.zeros(0x10000, dtype=bool)
    seconds[[ord(c) for c in _composable_seconds() if ord(c) < 0x10000]] = True
    ignorable = (lut == _DELETE) & ~seconds
    return lut, starts, cheap, ignorable


def _normalize_with_offsets_vectorised(text: str, fold_teh_marbuta: bool) -> NormalizedText | None:
    """normalize_with_offsets with numpy, or None when the text needs the exact path."""
    codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if len(codes) != len(text):
        return None  # characters outside the BMP: UTF-16 units are not string indices
    lut, starts_segment, cheap, ignorable = _offset_tables(fold_teh_marbuta)
    if not unicodedata.is_normalized("NFKC", text):
        probe = np.where(cheap[codes], np.uint16(0x20), codes)[~ignorable[codes]]
        if not unicodedata.is_normalized("NFKC", probe.tobytes().decode("utf-16-le", "surrogatepass")):
            return None
    n = len(codes)
    mapped = lut[codes]
    kept = np.flatnonzero(mapped != _DELETE)
    boundaries = np.flatnonzero(starts_segment[codes])
    if n and (not len(boundaries) or boundaries[0] != 0):
        boundaries = np.concatenate(([0], boundaries))
    after = np.searchsorted(boundaries, kept, side="right")
    seg_starts = boundaries[after - 1]
    seg_ends = np.append(boundaries, n)[after]
    out = mapped[kept]
    counts = np.where(codes[kept] == _ELLIPSIS, 3, 1)
    if (counts != 1).any():
        out, seg_starts, seg_ends = (np.repeat(a, counts) for a in (out, seg_starts, seg_ends))
    normal = out.astype(np.uint16).tobytes().decode("utf-16-le", "surrogatepass")
    return NormalizedText(normal, n, seg_starts, seg_ends)


# --------------------------------------------------------------------------------------------
# Sentences

_TERMINATORS = ".؟?!؛"
_CLOSERS = "\"'»”’)]"  # closing quotes/brackets that stay with the sentence they close
_SENTENCE_BREAK = np.zeros(0x10000, dtype=bool)
_SENTENCE_BREAK[[ord(c) for c in _TERMINATORS + "\n"]] = True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``(start, end)``, ``text[start:end]`` being a sentence.

    A sentence ends at a line break or a run of ``. ؟ ? ! ؛`` (closing quotes or brackets right
    after it stay with the sentence). A single dot before a digit or a Latin letter (2.5, ٢.٥,
    aljazeera.net) or after a one-letter initial (د. علي, U.S.) does not end a sentence; commas
    and ٫ ٬ never do (2,500, ٢٫٥). Spans exclude surrounding whitespace; empty pieces are skipped.

    Example:
        >>> t = "وصل 2.5 ألف جندي. هل يبقون؟ نعم!\\nسطر"
        >>> [t[s:e] for s, e in split_sentences(t)]
        ['وصل 2.5 ألف جندي.', 'هل يبقون؟', 'نعم!', 'سطر']
    """
    n = len(text)
    codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if len(codes) == n:  # all in the BMP: code units are string indices
        positions = np.flatnonzero(_SENTENCE_BREAK[codes]).tolist()
    else:
        positions = sorted(i for i, char in enumerate(text) if char in _TERMINATORS or char == "\n")
    spans: list[tuple[int, int]] = []
    add = spans.append
    start = 0
    for i in positions + [n]:  # n: the end of the text closes the last piece
        if i < start:
            continue  # already inside a run of terminators and closers
        if i == n:
            end = n
        elif text[i] == "\n":
            end, next_start = i, i + 1
        else:
            j = i + 1
            while j < n and text[j] in _TERMINATORS:
                j += 1
            if j == i + 1 and text[i] == ".":  # a lone "." (inlined: this loop is hot)
                after = text[j] if j < n else ""
                if after.isdigit() or (after.isascii() and after.isalpha()):
                    continue  # 2.5, ٢.٥, aljazeera.net
                if i and text[i - 1].isalpha() and (i < 2 or not text[i - 2].isalnum()):
                    continue  # after a one-letter initial: د. علي, U.S.
            while j < n and text[j] in _CLOSERS:
                j += 1
            end = next_start = j
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            first = start + len(piece) - len(piece.lstrip())
            add((first, first + len(stripped)))
        if i == n:
            break
        start = next_start
    return spans


def find_normalised(text: str, query: str, *, fold_teh_marbuta: bool = True) -> list[tuple[int, int]]:
    """Spans of ``text`` where ``query`` occurs, compared in normalised form (spelling-tolerant search).

    Both are normalised with :func:`normalize_for_matching`, so alef variants, ى/ي, ة/ه,
    diacritics, tatweel and the three digit systems don't matter (spelling variants such as
    أمريكي/أميركي are different words: search for each); the spans index the
    original ``text``, ready for display or a keyword-in-context table. Plain substring search:
    clitics and word boundaries are the caller's business (the actor and framing matchers
    handle them).

    Example:
        >>> article = "قالت الإدارة الأمريكيّة إن القوات الامريكية باقية"
        >>> [article[s:e] for s, e in find_normalised(article, "الأمريكية")]
        ['الأمريكيّة', 'الامريكية']
    """
    needle = normalize_for_matching(query, fold_teh_marbuta=fold_teh_marbuta)
    if not needle:
        raise ValueError(f"query {query!r} is empty once normalised; give at least one letter or digit")
    normal = normalize_with_offsets(text, fold_teh_marbuta=fold_teh_marbuta)
    spans = []
    start = normal.text.find(needle)
    while start != -1:
        spans.append(normal.to_source(start, start + len(needle)))
        start = normal.text.find(needle, start + len(needle))
    return spans


def sentence_containing(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence span in ``spans`` (sorted, as from :func:`split_sentences`) holding ``offset``.

    An offset in the whitespace between two sentences belongs to the preceding one; an offset
    before the first sentence to the first. For many offsets use :func:`sentences_containing`.

    Example:
        >>> spans = split_sentences("جملة أولى. جملة ثانية.")
        >>> sentence_containing(spans, 12)
        1
    """
    return sentences_containing(spans, [offset])[0]


def sentences_containing(spans: Sequence[tuple[int, int]], offsets: Sequence[int]) -> list[int]:
    """:func:`sentence_containing` for many offsets at once (one vectorised search).

    Example:
        >>> spans = split_sentences("جملة أولى. جملة ثانية.")
        >>> sentences_containing(spans, [0, 10, 12])
        [0, 0, 1]
    """
    if not spans:
        raise ValueError("no sentence spans given: split the text with split_sentences first")
    if any(offset < 0 for offset in offsets):
        raise ValueError(f"offsets {list(offsets)} include a negative one; offsets index the article's text")
    starts = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
    found = np.searchsorted(starts, np.asarray(offsets, dtype=np.int64), side="right") - 1
    return np.maximum(found, 0).tolist()


# --------------------------------------------------------------------------------------------
# Cleanup of scraped articles

#: Double quotation marks unified to ASCII '"' in the clean text (curly quotes are often
#: mis-paired in Arabic pages, e.g. “الشيعة السوداني“); guillemets « » are kept because they
#: are paired and common in Arabic typography. Single curly quotes become "'".
DOUBLE_QUOTES = "“”„‟″〝〞＂"
SINGLE_QUOTES = "‘’‚‛′"
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")


def _display_lut() -> np.ndarray:
    lut = np.arange(0x10000, dtype=np.uint16)
    for char in TATWEEL + INVISIBLE_CONTROLS:
        lut[ord(char)] = _DELETE
    for char in DOUBLE_QUOTES:
        lut[ord(char)] = ord('"')
    for char in SINGLE_QUOTES:
        lut[ord(char)] = ord("'")
    for code in range(0x10000):  # every space separator (no-break, thin, ideographic...) and tab
        if unicodedata.category(chr(code)) == "Zs" or code == 0x09:
            lut[code] = 0x20
    return lut


_PRESENTATION = 0xFFFE  # a noncharacter: marks Arabic presentation forms in the display table
_DISPLAY_LUT = _display_lut()
_DISPLAY_LUT[0xFB50:0xFE00] = _PRESENTATION
_DISPLAY_LUT[0xFE70:0xFEFD] = _PRESENTATION
_SPACES = re.compile(" {2,}")


def clean_unicode(text: str) -> str:
    """Unicode cleanup for display: what readers see and what all offsets refer to.

    CRLF and CR become LF; NFC; Arabic presentation forms (ﻻ, ﺍﻟﻌﺮﺍﻕ) become base letters
    (NFKC on those characters only, so "…", "²" or full-width digits are left as printed);
    tatweel, zero-width and bidi control characters are removed; every space separator and tab
    becomes one plain space; curly double quotes become '"' (see :data:`DOUBLE_QUOTES`; « » are
    kept). Diacritics and hamza spellings are kept: folding is for matching only.

    Example:
        >>> clean_unicode("“البنتاجون”\\u00a0:  الأمريكيـــة\\u200f\\r\\nﻻ")
        '"البنتاجون" : الأمريكية\\nلا'
    """
    if "\r" in text:  # (a fast check: replacing scans the whole text even when there is nothing to replace)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        mapped = _DISPLAY_LUT[np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)]
        if (mapped == _PRESENTATION).any():
            text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
            codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
            mapped = _DISPLAY_LUT[codes]
            mapped = np.where(mapped == _PRESENTATION, codes, mapped)  # unassigned code points stay
        deleted = mapped == _DELETE
        if deleted.any():
            mapped = mapped[~deleted]
        text = mapped.tobytes().decode("utf-16-le", "surrogatepass")
    else:
        text = text.replace("\t", " ")
    return _SPACES.sub(" ", text) if "  " in text else text


class RemovedLine(NamedTuple):
    """One removal made by :func:`clean_article`: 1-based raw line number, what was removed, why.

    For a whole line, ``line`` is the line; for a fragment removed inside a kept line
    (stray markup), ``line`` is the fragment and ``reason`` says so.
    """

    line_no: int
    line: str
    reason: str


@dataclass(frozen=True)
class CleanArticle:
    """The clean article: ``text`` is ``title`` + blank line + ``body`` (just ``body`` when
    there is no headline). ``source_line`` is a source footer or a dateline line standing alone
    (``بغداد - الجزيرة نت``), kept as evidence out of the body; ``removed`` lists every removed
    line or fragment with its reason. ``dateline`` is a dateline that opens the first body
    paragraph (``بغداد - (أ ف ب):``): it is left in the body, where it reads as part of the
    first sentence and names the place the story was filed from, and recorded here as printed."""

    title: str
    body: str
    text: str
    source_line: str
    removed: tuple[RemovedLine, ...]
    dateline: str = ""


@dataclass(frozen=True, eq=False)  # identity equality: cheap to hash as a cache key
class FurnitureRule:
    """One row of ``corpus/lexicons/furniture.csv`` compiled for use."""

    rule_id: str
    kind: str          # line | source | inline | decode | dateline | define
    regex: re.Pattern[str]
    starts_list: bool  # a list heading (starts_list yes or anywhere)
    max_words: int | None
    reason: str
    example: str
    list_anywhere: bool = False  # starts_list anywhere: its list is removed inside the page too
    list_marker: bool = False    # starts_list marker: the headline after it is a list item


_FURNITURE_COLUMNS = ["rule_id", "kind", "pattern", "starts_list", "max_words", "reason", "example", "note"]
_FURNITURE_KINDS = ("line", "source", "inline", "decode", "dateline", "define")
_LIST_ROLES = ("no", "yes", "anywhere", "marker")
_PLACEHOLDER = re.compile(r"<<([a-z_]+)>>")


def load_furniture_rules(path: str | None = None) -> tuple[FurnitureRule, ...]:
    """Load and compile the page-furniture rules (default ``corpus/lexicons/furniture.csv``).

    ``line`` and ``source`` patterns must match a whole line and are matched on its normalised
    form (:func:`normalize_for_matching` is applied to both, so أ/ا, ى/ي, ة/ه and diacritics
    don't matter; Latin is case-insensitive); ``inline`` and ``decode`` patterns are searched in
    the line as printed; a ``dateline`` pattern is matched at the start of the first body
    paragraph (normalised) and only recorded, never removed. A ``define`` row names a
    sub-pattern (news agencies, month names...) that later rows use as ``<<rule_id>>``.
    ``starts_list``: ``yes`` (a list heading: the headlines after it at the end of the page are
    removed), ``anywhere`` (also inside the page once the body has begun), ``marker`` (a list
    number: the headline after it is a list item), ``no``. Rows are tried in file order; the
    first match gives the reason. Compiled rules are cached until the file changes (its size
    or modification time).

    Example:
        >>> rules = load_furniture_rules()
        >>> next(r for r in rules if r.rule_id == "read_more").reason
        'read-more button'
    """
    import os

    from helpers import paths

    file = str(paths.lexicon_path("furniture.csv") if path is None else path)
    status = os.stat(file)
    return _compile_furniture_rules(file, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=4)
def _compile_furniture_rules(file: str, mtime_ns: int, size: int) -> tuple[FurnitureRule, ...]:
    import csv

    with open(file, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != _FURNITURE_COLUMNS:
            raise ValueError(f"{file}: columns must be {_FURNITURE_COLUMNS}, found {reader.fieldnames}")
        rules = []
        defined: dict[str, str] = {}
        for row_no, row in enumerate(reader, start=2):
            where = f"{file} row {row_no} ({row['rule_id']})"
            kind = row["kind"]
            if kind not in _FURNITURE_KINDS:
                raise ValueError(f"{where}: kind {kind!r} is not one of {', '.join(_FURNITURE_KINDS)}")
            role = row["starts_list"].strip().lower()
            if role not in _LIST_ROLES:
                raise ValueError(f"{where}: starts_list {role!r} is not one of {', '.join(_LIST_ROLES)}")
            unknown = [name for name in _PLACEHOLDER.findall(row["pattern"]) if name not in defined]
            if unknown:
                raise ValueError(f"{where}: <<{unknown[0]}>> is not defined above it; add a define row "
                                 f"named {unknown[0]!r} before this row")
            pattern = _PLACEHOLDER.sub(lambda m: f"(?:{defined[m.group(1)]})", row["pattern"])
            if kind in {"line", "source", "dateline", "define"}:
                pattern = normalize_for_matching(pattern)
            try:
                regex = re.compile(pattern, re.IGNORECASE)
            except re.error as error:
                raise ValueError(f"{where}: bad regular expression: {error}") from None
            if kind == "define":
                defined[row["rule_id"]] = pattern
            rules.append(FurnitureRule(
                rule_id=row["rule_id"], kind=kind, regex=regex,
                starts_list=role in {"yes", "anywhere"},
                max_words=int(row["max_words"]) if row["max_words"].strip() else None,
                reason=row["reason"], example=row["example"],
                list_anywhere=role == "anywhere", list_marker=role == "marker",
            ))
    return tuple(rules)


_SENTENCE_FINAL = tuple(".!:،,;؛")
_HEADLINE_MAX_WORDS = 20


def _looks_like_headline(line: str, max_words: int = _HEADLINE_MAX_WORDS) -> bool:
    """Short, ends without sentence punctuation (a question mark is fine: question headlines)."""
    # split at most max_words times: a paragraph is not cut into all its words to be counted
    return (not line.endswith(_SENTENCE_FINAL) and len(line.split(None, max_words)) <= max_words
            and any(char.isalpha() for char in line))


_MARKUP_CHARS = re.compile("[<>&|]")


@lru_cache(maxsize=8)
def _inline_rules(rules: tuple[FurnitureRule, ...]) -> tuple[FurnitureRule, ...]:
    """The ``inline`` and ``decode`` rules of ``rules``, in file order."""
    return tuple(rule for rule in rules if rule.kind in {"inline", "decode"})


def _fix_inline(line: str, line_no: int, rules: tuple[FurnitureRule, ...],
                removed: list[RemovedLine]) -> str:
    """Remove stray markup inside a line (recording each fragment) and decode entities."""
    if not _MARKUP_CHARS.search(line):
        return line
    for rule in _inline_rules(rules):  # the inline and decode rules, in file order
        if rule.kind == "inline":
            fragments = rule.regex.findall(line)
            if fragments:
                line = rule.regex.sub(" ", line)
                removed.extend(RemovedLine(line_no, f.strip() or f, f"{rule.reason}, inside a kept line")
                               for f in fragments)
        else:
            entities = rule.regex.findall(line)
            if entities:
                import html

                # decoded characters (&nbsp;, &#8220;) get the same Unicode cleanup as the rest
                line = clean_unicode(rule.regex.sub(lambda m: html.unescape(m.group()), line))
                removed.extend(RemovedLine(line_no, e, rule.reason) for e in entities)
    return _SPACES.sub(" ", line).strip()


_Matcher = tuple[re.Pattern[str], list[FurnitureRule]]


@lru_cache(maxsize=8)
def _line_matchers(rules: tuple[FurnitureRule, ...]) -> tuple[int, dict[int, _Matcher], dict[str, FurnitureRule | None]]:
    """For each line length (in words), one combined regex of the line rules that apply to it,
    and a memo of the verdicts on short lines (furniture repeats on every page of a site).

    Alternatives are tried in file order, so the first matching row wins, as documented; the
    named group that matched says which row it was.
    """
    line_rules = [r for r in rules if r.kind in {"line", "source"}]
    longest = max((r.max_words or 10**6 for r in line_rules), default=0)
    longest = min(longest, 200)
    matchers: dict[int, _Matcher] = {}
    cache: dict[tuple[int, ...], _Matcher] = {}
    for n_words in range(1, longest + 1):
        applicable = [i for i, r in enumerate(line_rules) if r.max_words is None or n_words <= r.max_words]
        key = tuple(applicable)
        if key not in cache:
            pattern = "|".join(f"(?P<r{i}>{line_rules[i].regex.pattern})" for i in applicable)
            cache[key] = (re.compile(pattern or "(?!)", re.IGNORECASE), line_rules)
        matchers[n_words] = cache[key]
    return longest, matchers, {}


_MEMO_WORDS = 12        # lines this short are remembered (by their normalised form)
_MEMO_SIZE = 50_000     # and the memo is emptied when it grows past this
_UNSEEN = object()


def _classify_lines(lines: list[str], rules: tuple[FurnitureRule, ...]) -> list[FurnitureRule | None]:
    """For each line, the first furniture rule (line or source) whose pattern matches all of it.

    Lines longer than any rule allows are not looked at; the others are normalised in one call.
    """
    longest, matchers, memo = _line_matchers(rules)
    found: list[FurnitureRule | None] = [None] * len(lines)
    short = [(i, line.count(" ") + 1) for i, line in enumerate(lines)]
    short = [(i, n) for i, n in short if n <= longest]
    if not short:
        return found
    normal_lines = normalize_for_matching("\n".join(lines[i] for i, _ in short)).split("\n")
    for (i, n_words), normal in zip(short, normal_lines):
        if n_words <= _MEMO_WORDS:
            verdict = memo.get(normal, _UNSEEN)
            if verdict is not _UNSEEN:
                found[i] = verdict  # type: ignore[assignment]
                continue
        regex, line_rules = matchers[n_words]
        match = regex.fullmatch(normal)
        rule = line_rules[int(match.lastgroup[1:])] if match is not None else None
        found[i] = rule
        if n_words <= _MEMO_WORDS:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[normal] = rule
    return found


def clean_article(raw: str, rules: tuple[FurnitureRule, ...] | None = None) -> CleanArticle:
    """Clean a scraped article: Unicode, page furniture, title, source footer, with an audit.

    Steps: :func:`clean_unicode`; stray markup inside lines (tags, entities, edge pipes) is
    removed or decoded; each line is matched against the furniture rules of
    ``corpus/lexicons/furniture.csv`` (tracking tokens, read-more/related/back-to-top buttons,
    comment forms, follow-us and share lines, teaser links, breadcrumbs, bylines, date lines,
    photo captions, cookie banners, ...); the headlines of a list (after a related-articles,
    most-read or tag heading: at the end of the page, when numbered, or inside the body for
    ``اقرأ أيضا``-type headings) are removed too; a source footer (``المصدر: ...``) and a
    dateline standing alone (``بغداد - الجزيرة نت``) become ``source_line``. A dateline that
    opens the first paragraph (``بغداد - (أ ف ب): قال ...``) stays in the text (cutting it
    would cut the sentence) and is recorded in ``dateline``. The first remaining line is the
    title if it looks like a headline (at most 20 words, no final . ! : ، ;) and more lines
    follow; otherwise the article has no title (``""``). Body paragraphs are joined with a
    blank line. Every removal is listed in ``removed``.

    Example:
        >>> a = clean_article("fbpx\\n\\nالقوات باقية في العراق\\n\\nقال مسؤول إن القوات باقية.\\n\\nRead More")
        >>> a.title, a.body
        ('القوات باقية في العراق', 'قال مسؤول إن القوات باقية.')
        >>> [(r.line_no, r.reason) for r in a.removed]
        [(1, 'tracking token'), (7, 'read-more button')]
    """
    rules = load_furniture_rules() if rules is None else rules
    removed: list[RemovedLine] = []
    cleaned = clean_unicode(raw)
    has_markup = "<" in cleaned or ">" in cleaned or "&" in cleaned or "|" in cleaned
    numbered = []
    for line_no, line in enumerate(cleaned.split("\n"), start=1):
        if has_markup and _MARKUP_CHARS.search(line) is not None:
            line = _fix_inline(line, line_no, rules, removed)
        else:
            line = line.strip()
        if line:
            numbered.append((line_no, line))
    furniture = _classify_lines([line for _, line in numbered], rules)
    kept = [(line_no, line, rule) for (line_no, line), rule in zip(numbered, furniture)]

    related = _listed_headlines(kept)
    source_lines: list[str] = []
    content: list[str] = []
    for index, (line_no, line, rule) in enumerate(kept):
        if index in related:
            removed.append(RemovedLine(line_no, line, related[index]))
        elif rule is not None:
            removed.append(RemovedLine(line_no, line, rule.reason))
            if rule.kind == "source":
                source_lines.append(line)
        else:
            content.append(line)
    title = ""
    if len(content) > 1 and _looks_like_headline(content[0]):
        title = content.pop(0)
    body = "\n\n".join(content)
    text = f"{title}\n\n{body}" if title else body
    removed.sort(key=lambda r: r.line_no)
    return CleanArticle(title=title, body=body, text=text, source_line=" | ".join(source_lines),
                        removed=tuple(removed), dateline=_dateline(content[0], rules) if content else "")


def _listed_headlines(kept: list[tuple[int, str, FurnitureRule | None]]) -> dict[int, str]:
    """Indexes of ``kept`` lines that are items of a headline list, with the removal reason.

    A list starts at a line matched by a list-heading rule (``starts_list``) and goes on over
    headline-like lines (and list numbers, links and other furniture between them). Its items
    are removed when the list is in the trailing block of the page (only furniture and
    headline-like lines after it); or when they are numbered (a list-number line before the
    item, or ``1.`` / ``2 -`` in front of it); or, for ``anywhere`` headings (اقرأ أيضا, الأكثر
    قراءة), once the article body has begun. A headline-like line after a teaser link inside
    the article is kept: it is the article's own subheading.
    """
    related: dict[int, str] = {}
    if not any(rule is not None and rule.starts_list for _, _, rule in kept):
        return related
    tail_start = len(kept)
    while tail_start > 0:
        _, line, rule = kept[tail_start - 1]
        if rule is None and not _looks_like_headline(line, 25):
            break
        tail_start -= 1
    # the first body paragraph: a line that is neither furniture nor headline-like
    body_start = next((i for i, (_, line, rule) in enumerate(kept)
                       if rule is None and not _looks_like_headline(line)), len(kept))
    heading: FurnitureRule | None = None
    numbered_next = False
    for index, (_, line, rule) in enumerate(kept):
        if rule is not None:
            if rule.starts_list:
                heading = rule
            numbered_next = rule.list_marker
            continue
        if heading is not None and _looks_like_headline(line, 25):
            numbered = numbered_next or _NUMBERED_ITEM.match(line) is not None
            if index >= tail_start or numbered or (heading.list_anywhere and index > body_start):
                related[index] = f"related headline listed after a {heading.reason}"
                numbered_next = False
                continue
        heading = None
        numbered_next = False
    return related


_NUMBERED_ITEM = re.compile(r"[0-9٠-٩۰-۹]{1,2}\s*[.)\-–]\s*\S")


_DATELINE_SEPARATOR = re.compile("[-–—/(:]")


def _dateline(paragraph: str, rules: tuple[FurnitureRule, ...]) -> str:
    """The dateline opening ``paragraph`` (``بغداد - (أ ف ب):``), as printed, or ""."""
    head = paragraph[:120]
    if _DATELINE_SEPARATOR.search(head, 0, 60) is None:
        return ""  # every dateline has one of these within its first words
    folded = None
    for rule in rules:
        if rule.kind != "dateline":
            continue
        if folded is None:
            folded = normalize_for_matching(head)
        match = rule.regex.match(folded)
        if match is not None and match.end() < len(folded):
            normal = normalize_with_offsets(head)  # only for the rare paragraph with a dateline
            start, end = normal.to_source(0, match.end())
            return head[start:end].strip()
    return ""
