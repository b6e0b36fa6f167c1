"""Normalisation for matching, with offsets back to the source.

:func:`normalize_for_matching` folds a clean text for searching (alef variants, ى, ة,
diacritics, tatweel, invisible controls, three digit systems). It is fast (a lookup table
applied with numpy) and is the single definition of "the same word" for every matcher.
:func:`normalize_with_offsets` gives the same string plus a map back to the source, so a match
found on the normalised form is reported with offsets into the clean text.

The same folding is available as small named normalisers that compose (CAMeL Tools style):
:func:`normalize_alef`, :func:`normalize_alef_maksura`, :func:`normalize_teh_marbuta`,
:func:`dediac`, :func:`remove_tatweel`, :func:`normalize_digits`. They are for readers and
for one-off use; the matchers use the combined table.

Example:
    >>> normalize_for_matching("أعلنت القوّاتُ الأمريكيّة ٢٫٥")
    'اعلنت القوات الامريكيه 2.5'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

__all__ = [
    "ARABIC_DIACRITICS",
    "DELETED_CODE",
    "INVISIBLE_CONTROLS",
    "TATWEEL",
    "Normalised",
    "NormalizedText",
    "dediac",
    "find_normalised",
    "normalize_alef",
    "normalize_alef_maksura",
    "normalize_digits",
    "normalize_for_matching",
    "normalize_teh_marbuta",
    "normalize_with_offsets",
    "normalize_with_offsets_lazy",
    "normalized_codes",
    "remove_tatweel",
    "spans_to_source",
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
#: The code a deleted character maps to in the lookup tables (a noncharacter: never produced).
DELETED_CODE = 0xFFFF
_DELETE = DELETED_CODE


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


def normalized_codes(text: str) -> np.ndarray:
    """UTF-16 code units of ``normalize_for_matching(text)`` (without building the string when
    the text needs no NFKC), for vectorised word counts and hashes.

    Example:
        >>> normalized_codes("أَب").tolist() == [ord("ا"), ord("ب")]
        True
    """
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
    _starts: Sequence[int] | np.ndarray = field(repr=False)  # a list or a numpy array, one entry per char
    _ends: Sequence[int] | np.ndarray = field(repr=False)

    def _order(self) -> np.ndarray:
        """Per normalised character, a non-decreasing source position (its segment start)."""
        return np.asarray(self._starts, dtype=np.int64)

    def from_source(self, positions: Sequence[int] | np.ndarray) -> np.ndarray:
        """For each source offset, the index in ``text`` of the first normalised character that
        comes from that offset or later (``len(text)`` past the end): the inverse of
        :meth:`to_source` at segment starts, e.g. to cut the normalised text at sentence
        boundaries found in the source.

        Example:
            >>> n = normalize_with_offsets("قالَ. ثم")
            >>> n.from_source([0, 6]).tolist(), n.text[3:]
            ([0, 5], '. ثم')
        """
        return np.searchsorted(self._order(), np.asarray(positions, dtype=np.int64), side="left")

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
    if "\u2026" not in text:  # the usual case: one normalised character per kept source character
        mask = mapped != _DELETE
        normal = mapped[mask].tobytes().decode("utf-16-le", "surrogatepass")
        return _LazyNormalizedText(normal, n, (), (), codes, mask, starts_segment)
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


@dataclass(frozen=True, eq=False)
class _LazyNormalizedText(NormalizedText):
    """A :class:`NormalizedText` whose map back to the source is worked out only for the spans
    asked for (most of a text is never reported): the same results as the eager map, at the
    cost of the normalisation alone.

    The i-th normalised character comes from the i-th kept source character (no expansion on
    this path); its segment runs back to the nearest segment start and on to the next one.
    """

    _codes: np.ndarray = field(repr=False)          # the source's UTF-16 code units (all BMP)
    _mask: np.ndarray = field(repr=False)           # which source characters are kept
    _segment_start: np.ndarray = field(repr=False)  # per code unit: starts a segment

    def _kept(self) -> np.ndarray:
        kept = self.__dict__.get("_kept_indexes")
        if kept is None:
            kept = np.flatnonzero(self._mask)
            object.__setattr__(self, "_kept_indexes", kept)
        return kept

    def _order(self) -> np.ndarray:
        return self._kept()

    def _begin(self, index: int) -> int:
        codes, starts = self._codes, self._segment_start
        while index > 0 and not starts[codes[index]]:
            index -= 1
        return index

    def _finish(self, index: int) -> int:
        codes, starts, n = self._codes, self._segment_start, self.source_length
        index += 1
        while index < n and not starts[codes[index]]:
            index += 1
        return index

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(
                f"span ({start}, {end}) is outside the normalised text of length {n}; "
                "pass offsets found in NormalizedText.text"
            )
        kept = self._kept()
        if start == end:
            position = self._begin(int(kept[start])) if start < n else self.source_length
            return position, position
        return self._begin(int(kept[start])), self._finish(int(kept[end - 1]))


#: The name the layer's API uses for :class:`NormalizedText`.
Normalised = NormalizedText


def _segment_bounds(codes: np.ndarray, segment_start: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For source positions: the segment start at or before each (0 at most) and the next
    segment start after it (the source length at most), as ``_begin``/``_finish`` walk them."""
    n = len(codes)
    boundaries = np.flatnonzero(segment_start[codes])
    after = np.searchsorted(boundaries, positions, side="right")
    padded = np.concatenate(([0], boundaries, [n])).astype(np.int64)
    return padded[after], padded[after + 1]



def _segment_walk(codes: np.ndarray, segment_start: np.ndarray, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_segment_bounds` for span ends only, walking from each position as ``_begin`` and
    ``_finish`` do (a few steps over combining marks) instead of listing every segment start:
    the segment start at or before each of ``first`` and the next segment start after each of
    ``last``."""
    n = len(codes)
    begin = first.copy()
    todo = np.flatnonzero((begin > 0) & ~segment_start[codes[begin]])
    while len(todo):
        begin[todo] -= 1
        todo = todo[(begin[todo] > 0) & ~segment_start[codes[begin[todo]]]]
    finish = last + 1
    todo = np.flatnonzero(finish < n)
    todo = todo[~segment_start[codes[finish[todo]]]]
    while len(todo):
        finish[todo] += 1
        todo = todo[finish[todo] < n]
        todo = todo[~segment_start[codes[finish[todo]]]]
    return begin, finish

@dataclass(frozen=True, eq=False)
class _LazyExpandedNormalizedText(_LazyNormalizedText):
    """:class:`_LazyNormalizedText` for a text with "…" (one source character, three normalised
    dots): the map back stays lazy; a normalised index is first turned into the index of the
    kept source character it comes from. Same results as the eager map."""

    _expanded_at: np.ndarray = field(repr=False, default_factory=lambda: np.empty(0, dtype=np.int64))

    def _kept_index(self, j: np.ndarray) -> np.ndarray:
        """Index into the kept source characters of each normalised index ``j`` (an array)."""
        at = self._expanded_at                     # kept indexes of the ellipses, sorted
        block = at + 2 * np.arange(len(at))        # where each one's three dots start in ``text``
        r = np.searchsorted(block, j, side="right")
        inside = (r > 0) & (j < block[np.maximum(r - 1, 0)] + 3)
        return np.where(inside, at[np.maximum(r - 1, 0)], j - 2 * r)

    def _order(self) -> np.ndarray:
        order = self.__dict__.get("_eager_order")
        if order is None:
            positions = self._kept()[self._kept_index(np.arange(len(self.text)))]
            order = _segment_bounds(self._codes, self._segment_start, positions)[0]
            object.__setattr__(self, "_eager_order", order)
        return order

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(
                f"span ({start}, {end}) is outside the normalised text of length {n}; "
                "pass offsets found in NormalizedText.text"
            )
        kept = self._kept()
        if start == end:
            if start >= n:
                return self.source_length, self.source_length
            position = self._begin(int(kept[int(self._kept_index(np.array([start]))[0])]))
            return position, position
        first, last = self._kept_index(np.array([start, end - 1])).tolist()
        return self._begin(int(kept[first])), self._finish(int(kept[last]))


def normalize_with_offsets_lazy(text: str, *, fold_teh_marbuta: bool = True) -> NormalizedText:
    """:func:`normalize_with_offsets` whose map back is worked out only for the spans asked
    for, also when the text has "…" (which the eager map makes several times slower); the same
    ``text`` and the same :meth:`~NormalizedText.to_source` results. Use it with
    :func:`spans_to_source` when most of a long text is never reported.

    Example:
        >>> n = normalize_with_offsets_lazy("قالَ… القوّاتُ")
        >>> n.text, n.to_source(7, 13)
        ('قال... القوات', (6, 14))
    """
    codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if "\u2026" not in text or len(codes) != len(text):
        return normalize_with_offsets(text, fold_teh_marbuta=fold_teh_marbuta)
    lut, starts_segment, cheap, ignorable = _offset_tables(fold_teh_marbuta)
    if not unicodedata.is_normalized("NFKC", text):
        probe = np.where(cheap[codes], np.uint16(0x20), codes)[~ignorable[codes]]
        if not unicodedata.is_normalized("NFKC", probe.tobytes().decode("utf-16-le", "surrogatepass")):
            return normalize_with_offsets(text, fold_teh_marbuta=fold_teh_marbuta)
    mapped = lut[codes]
    mask = mapped != _DELETE
    kept_codes = codes[mask]
    at = np.flatnonzero(kept_codes == _ELLIPSIS).astype(np.int64)
    out = np.insert(mapped[mask], np.repeat(at + 1, 2), np.uint16(ord(".")))
    normal = out.astype(np.uint16).tobytes().decode("utf-16-le", "surrogatepass")
    return _LazyExpandedNormalizedText(normal, len(codes), (), (), codes, mask, starts_segment, at)


def spans_to_source(normalised: NormalizedText, starts: Sequence[int], ends: Sequence[int]) -> tuple[list[int], list[int]]:
    """:meth:`NormalizedText.to_source` for many non-empty spans at once (vectorised for the
    lazy maps of :func:`normalize_with_offsets_lazy`): the source starts and the source ends.

    Example:
        >>> n = normalize_with_offsets_lazy("قالَ… القوّاتُ")
        >>> spans_to_source(n, [0, 7], [3, 13])
        ([0, 6], [4, 14])
    """
    if not len(starts):
        return [], []
    if not isinstance(normalised, _LazyNormalizedText):
        pairs = [normalised.to_source(s, e) for s, e in zip(starts, ends)]
        return [s for s, _ in pairs], [e for _, e in pairs]
    first = np.asarray(starts, dtype=np.int64)
    last = np.asarray(ends, dtype=np.int64) - 1
    n = len(normalised.text)
    if first.min() < 0 or last.max() >= n or (last < first).any():
        raise ValueError("spans_to_source: spans must be non-empty and inside the normalised text")
    if isinstance(normalised, _LazyExpandedNormalizedText):
        first, last = normalised._kept_index(first), normalised._kept_index(last)
    kept = normalised._kept()
    begin, finish = _segment_walk(normalised._codes, normalised._segment_start, kept[first], kept[last])
    return begin.tolist(), finish.tolist()


# --------------------------------------------------------------------------------------------
# Small named normalisers (each one rule; normalize_for_matching applies them all at once)

_ALEF_TABLE = {ord(c): "\u0627" for c in _ALEF_VARIANTS}
_MAKSURA_TABLE = {ord("\u0649"): "\u064a"}
_TEH_TABLE = {ord("\u0629"): "\u0647"}
_DIAC_TABLE: dict[int, str | None] = {ord(c): None for c in ARABIC_DIACRITICS}
_TATWEEL_TABLE: dict[int, str | None] = {ord(TATWEEL): None}
_DIGIT_TABLE = {ord(d): str(i) for digits in (_ARABIC_INDIC_DIGITS, _EXTENDED_DIGITS) for i, d in enumerate(digits)}
_DIGIT_TABLE.update({ord("\u066c"): ",", ord("\u066b"): "."})


def normalize_alef(text: str) -> str:
    """Fold the hamzated and wasla alefs أ إ آ ٱ to bare ا (ى is NOT an alef here).

    Example:
        >>> normalize_alef("أمريكي إلى آمرلي")
        'امريكي الى امرلي'
    """
    return text.translate(_ALEF_TABLE)


def normalize_alef_maksura(text: str) -> str:
    """Fold alef maksura ى to yeh ي (never to ا: PyArabic's fold turns إلى into الا).

    Example:
        >>> normalize_alef_maksura("الدولى على مستوى")
        'الدولي علي مستوي'
    """
    return text.translate(_MAKSURA_TABLE)


def normalize_teh_marbuta(text: str) -> str:
    """Fold teh marbuta ة to heh ه (the two are written interchangeably at a word's end).

    Example:
        >>> normalize_teh_marbuta("القاعدة الأمريكية")
        'القاعده الأمريكيه'
    """
    return text.translate(_TEH_TABLE)


def dediac(text: str) -> str:
    """Remove Arabic diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks).

    Example:
        >>> dediac("التحالفِ الدوليّ")
        'التحالف الدولي'
    """
    return text.translate(_DIAC_TABLE)


def remove_tatweel(text: str) -> str:
    """Remove tatweel (kashida) ـ, the stretching stroke of justified headlines.

    Example:
        >>> remove_tatweel("الأمريكيـــة")
        'الأمريكية'
    """
    return text.translate(_TATWEEL_TABLE)


def normalize_digits(text: str) -> str:
    """Arabic-Indic ٠-٩ and extended (Persian/Urdu) ۰-۹ digits to 0-9; ٬ to "," and ٫ to ".".

    Example:
        >>> normalize_digits("٢٬٥٠٠ و ۳۰۰ و ٢٫٥")
        '2,500 و 300 و 2.5'
    """
    return text.translate(_DIGIT_TABLE)


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
