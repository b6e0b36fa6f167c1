"""Ingestion of ``corpus/raw/`` + ``corpus/metadata.csv`` into clean tables, losing nothing.

:func:`load_corpus` reads every file in the raw folder (and nothing outside it), decodes it,
extracts article text from HTML pages, cleans it (:func:`helpers.text.clean_article`), drops
exact and near duplicates, joins the metadata and splits sentences. Every input file ends as
one row of ``report`` with a status and a reason:

=================  ==========================================================================
``ingested``       in ``articles`` (the reason names the encoding and any note)
``duplicate``      same bytes (sha256) or same text (word 5-gram Jaccard >= 0.9) as an
                   article that is kept; the earliest article_id is kept, the reason names it
``needs-metadata`` a readable article without a row in metadata.csv: add one
``rejected``       empty, binary, undecodable, outside the raw folder, nothing left after
                   cleaning, or changed since metadata.csv recorded its sha256
``missing-file``   a metadata row whose file is not in the raw folder (no input file)
=================  ==========================================================================

A malformed metadata.csv (missing columns, empty or duplicate article_id or file, a date that
is not ISO ``YYYY-MM-DD``, an unknown date_precision) raises ``ValueError`` naming the row.

Example:
    >>> from helpers import corpus
    >>> c = corpus.load_corpus()
    >>> list(c.articles.columns[:3])
    ['article_id', 'file', 'sha256']
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import hashlib
import io
import os
import re
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.text import (
    _normalized_codes,
    clean_article,
    load_furniture_rules,
    split_sentences,
)

__all__ = [
    "per_1000_words",
    "METADATA_COLUMNS",
    "ARTICLE_COLUMNS",
    "SENTENCE_COLUMNS",
    "REPORT_COLUMNS",
    "AUDIT_COLUMNS",
    "NEAR_DUPLICATE_JACCARD",
    "Corpus",
    "Decoded",
    "decode_article_bytes",
    "read_metadata",
    "word_shingles",
    "count_words",
    "load_corpus",
    "write_processed",
    "shorten",
    "outlet_label",
    "date_label",
    "corpus_overview",
    "cleaning_summary",
    "read_raw_text",
    "raw_vs_clean",
]

METADATA_COLUMNS = ["article_id", "file", "sha256", "outlet", "outlet_ar", "outlet_country",
                    "outlet_type", "published", "date_precision", "evidence"]
ARTICLE_COLUMNS = [*METADATA_COLUMNS, "title", "text", "source_line", "n_words", "n_sentences"]
SENTENCE_COLUMNS = ["article_id", "sentence_id", "text", "start", "end"]
REPORT_COLUMNS = ["file", "article_id", "status", "reason", "encoding", "n_bytes", "sha256"]
AUDIT_COLUMNS = ["article_id", "file", "line_no", "line", "reason"]
DATE_PRECISIONS = ("day", "month", "year")
#: Two articles whose word 5-gram sets (on normalised text) have a Jaccard similarity at least
#: this high are near duplicates: the later article_id is reported as a duplicate.
NEAR_DUPLICATE_JACCARD = 0.9
SHINGLE_WORDS = 5


@dataclass(frozen=True)
class Corpus:
    """The ingested corpus: four tidy DataFrames, each sorted by article_id.

    - ``articles``: one row per article (:data:`ARTICLE_COLUMNS`); ``text`` is the clean text
      (title line, blank line, body paragraphs) that every offset in the project refers to.
    - ``sentences``: :data:`SENTENCE_COLUMNS`; ``sentence_id`` counts from 0 within an article,
      ``start``/``end`` index ``articles.text`` (``text[start:end]`` is the sentence).
    - ``report``: one row per input file (and per metadata row without a file), :data:`REPORT_COLUMNS`.
    - ``audit``: every line or fragment cleaning removed from ingested articles, :data:`AUDIT_COLUMNS`.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    report: pd.DataFrame
    audit: pd.DataFrame


# --------------------------------------------------------------------------------------------
# Metadata


def read_metadata(data: bytes, source: str = "metadata.csv") -> list[dict[str, str]]:
    """Parse and validate metadata.csv ``data``; return its rows (dicts of the required columns).

    Raises ``ValueError`` naming the row and the fix for: text that is not UTF-8, missing
    columns, an empty or duplicate article_id or file, a published date that is not ISO
    ``YYYY-MM-DD``, a date_precision other than day/month/year, or a month/year precision whose
    date is not the first day of the month/year.

    Example:
        >>> rows = read_metadata(b"article_id,file,sha256,outlet,outlet_ar,outlet_country,"
        ...     b"outlet_type,published,date_precision,evidence\\n005,a.txt,,X,,,,2024-03-01,month,seen\\n")
        >>> rows[0]["published"], rows[0]["date_precision"]
        ('2024-03-01', 'month')
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"{source} is not UTF-8 (byte {error.start}); re-save it as UTF-8") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in METADATA_COLUMNS if c not in header]
    if missing:
        raise ValueError(f"{source}: missing column(s) {missing}; the header must include {METADATA_COLUMNS}")
    rows: list[dict[str, str]] = []
    seen_ids: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    for row_no, raw_row in enumerate(reader, start=2):
        row = {c: (raw_row.get(c) or "").strip() for c in METADATA_COLUMNS}
        where = f"{source} row {row_no} (article_id {row['article_id']!r})"
        if not row["article_id"]:
            raise ValueError(f"{source} row {row_no}: empty article_id; give every row a unique id such as '005'")
        if row["article_id"] in seen_ids:
            raise ValueError(f"{where}: duplicate article_id, already used on row {seen_ids[row['article_id']]}; "
                             "ids must be unique")
        if not row["file"]:
            raise ValueError(f"{where}: empty file; name the article's file in corpus/raw")
        if row["file"] in seen_files:
            raise ValueError(f"{where}: file {row['file']!r} is already described on row {seen_files[row['file']]}; "
                             "one row per file")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["published"]):
            raise ValueError(f"{where}: published {row['published']!r} is not an ISO date YYYY-MM-DD")
        try:
            published = dt.date.fromisoformat(row["published"])
        except ValueError:
            raise ValueError(f"{where}: published {row['published']!r} is not a valid calendar date") from None
        if row["date_precision"] not in DATE_PRECISIONS:
            raise ValueError(f"{where}: date_precision {row['date_precision']!r} must be one of {DATE_PRECISIONS}")
        if row["date_precision"] == "month" and published.day != 1:
            raise ValueError(f"{where}: month-precision dates are recorded as the month's first day "
                             f"({published:%Y-%m}-01), found {row['published']}")
        if row["date_precision"] == "year" and (published.month, published.day) != (1, 1):
            raise ValueError(f"{where}: year-precision dates are recorded as {published.year}-01-01, "
                             f"found {row['published']}")
        seen_ids[row["article_id"]] = row_no
        seen_files[row["file"]] = row_no
        row["_row_no"] = str(row_no)
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------
# Decoding


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding one file: ``text`` (None if rejected), the encoding, a reason."""

    text: str | None
    encoding: str
    reason: str


_MAGIC = [
    (b"%PDF", "a PDF"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP/DOCX archive"), (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"), (b"\x7fELF", "an executable"),
]
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


def _arabic_share(text: str) -> float:
    arabic = len(_ARABIC_LETTER.findall(text))
    letters = arabic + len(_LATIN_LETTER.findall(text))
    return arabic / letters if letters else 0.0


def _decode_legacy_arabic(data: bytes) -> tuple[str, str] | None:
    """Windows-1256 or ISO-8859-6: charset-normalizer's choice, accepted only if mostly Arabic."""
    from charset_normalizer import from_bytes

    candidates: list[str] = []
    best = from_bytes(data, cp_isolation=["cp1256", "iso8859_6"]).best()
    if best is not None:
        candidates.append(best.encoding)
    candidates += [e for e in ("cp1256", "iso8859_6") if e not in candidates]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
        if _arabic_share(text) >= 0.6 and control == 0:
            return text, {"iso8859_6": "iso-8859-6"}.get(encoding, encoding)
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.IGNORECASE)
_HTML_MARKUP = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]*>|&[#A-Za-z0-9]+;", re.IGNORECASE | re.DOTALL)


def _declared_html_charset(data: bytes) -> tuple[str, str] | None:
    """An HTML page's ``<meta charset>`` (or http-equiv content type), if the bytes decode with it
    and the page's text (markup aside) is mostly Arabic; else None."""
    import codecs

    match = _META_CHARSET.search(data[:4096])
    if match is None or not _HTML_START.match(data[:2000].decode("ascii", "replace")):
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
        text = data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    if _arabic_share(_HTML_MARKUP.sub(" ", text)) < 0.6:
        return None
    return text, {"iso8859-6": "iso-8859-6"}.get(name, name)


def decode_article_bytes(data: bytes) -> Decoded:
    """Decode a raw file: UTF-8 (with or without BOM), UTF-16/32 by BOM, else the charset an HTML
    page declares (``<meta charset="windows-1256">``), else Windows-1256 or ISO-8859-6
    (charset-normalizer); a legacy decoding is accepted only if the text is mostly Arabic letters.
    Empty, whitespace-only and binary files are rejected with the reason.

    Example:
        >>> decode_article_bytes("القوات".encode("cp1256")).encoding
        'cp1256'
        >>> decode_article_bytes(b"%PDF-1.7 ...").reason
        'binary file (a PDF): extract its text and save it as a UTF-8 .txt file'
    """
    if not data or data.isspace():  # (no stripped copy of the file is made)
        return Decoded(None, "", "empty or whitespace-only file: delete it or put the article text in it")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return Decoded(None, "", f"binary file ({kind}): extract its text and save it as a UTF-8 .txt file")
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding, "")
            except UnicodeDecodeError as error:
                return Decoded(None, encoding, f"starts with a {encoding} byte-order mark but does not decode "
                                               f"(byte {error.start}): re-save it as UTF-8")
    if b"\x00" in data:
        return Decoded(None, "", "binary file (NUL bytes, no UTF-16 byte-order mark): "
                                 "save the article as UTF-8 text")
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig", "")
        return Decoded(data.decode("utf-8"), "utf-8", "")
    except UnicodeDecodeError:
        pass
    declared = _declared_html_charset(data)
    if declared is not None:
        return Decoded(declared[0], declared[1], "")
    legacy = _decode_legacy_arabic(data)
    if legacy is not None:
        return Decoded(legacy[0], legacy[1], "")
    return Decoded(None, "", "not UTF-8, UTF-16, or Arabic in Windows-1256/ISO-8859-6: "
                             "find the file's encoding and re-save it as UTF-8")


def _html_to_text(html: str) -> str | None:
    """Article text of an HTML page (trafilatura, offline: the HTML string is passed, no URL)."""
    import trafilatura

    document = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if document is None or not (document.text or "").strip():
        return None
    text = document.text
    title = (document.title or "").strip()
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return text


# --------------------------------------------------------------------------------------------
# Near duplicates: candidates from locality-sensitive hashing, confirmed by the exact Jaccard

_BINS, _BAND_ROWS = 64, 4           # one-permutation MinHash: 64 bins, 16 bands of 4
_BIN_SHIFT = np.uint64(64 - 6)
_BIN_EDGES = np.arange(_BINS, dtype=np.uint64) << _BIN_SHIFT
_EMPTY_BIN = np.uint64(0xFFFFFFFFFFFFFFFF)
_BIN_IDS = np.arange(_BINS, dtype=np.uint64)
_BAND_PREFIXES = [bytes([band]) for band in range(_BINS // _BAND_ROWS)]


@lru_cache(maxsize=1)
def _character_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per UTF-16 code unit: a fixed random 64-bit value, is-space and is-letter-or-digit flags."""
    rng = np.random.default_rng(20240125)  # fixed: shingle hashes are the same in every run
    values = rng.integers(1, 2**63, size=0x10000, dtype=np.uint64)
    chars = [chr(c) for c in range(0x10000)]
    space = np.array([c.isspace() for c in chars], dtype=bool)
    alnum = np.array([c.isalnum() for c in chars], dtype=bool)
    return values, space, alnum


_BASE = 0x9E3779B97F4A7C15  # odd, so invertible modulo 2**64


@lru_cache(maxsize=8)
def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**i and BASE**-i modulo 2**64 for i < size (numpy's uint64 arithmetic wraps)."""
    forward = np.full(size, _BASE, dtype=np.uint64)
    forward[0] = 1
    backward = np.full(size, pow(_BASE, -1, 2**64), dtype=np.uint64)
    backward[0] = 1
    return np.cumprod(forward, dtype=np.uint64), np.cumprod(backward, dtype=np.uint64)


def _shingles_and_word_count(text: str, size: int = SHINGLE_WORDS) -> tuple[np.ndarray, int]:
    """Sorted 64-bit hashes of the word ``size``-grams of the normalised ``text``, and how many
    whitespace-separated words contain a letter or digit.

    Vectorised: a prefix sum of character values times powers of an odd base gives the hash of
    any span of the text in O(1); the span of ``size`` consecutive words, shifted back to its
    start, is hashed the same wherever it occurs (a text shorter than ``size`` words is one span).
    """
    codes = _normalized_codes(text)
    values, space, alnum = _character_tables()
    n = len(codes)
    if not n:
        return np.empty(0, dtype=np.uint64), 0
    # word edges: where "is space" flips (a space is imagined before and after the text), so
    # the flips alternate word start, word end, word start...
    padded = np.ones(n + 2, dtype=bool)
    padded[1:-1] = space[codes]
    flips = np.flatnonzero(padded[1:] != padded[:-1])
    if not len(flips):
        return np.empty(0, dtype=np.uint64), 0
    word_starts = flips[0::2]
    word_ends = flips[1::2]
    # a word counts if it has a letter or digit: OR over each word (and the spaces after it)
    n_words = int(np.count_nonzero(np.logical_or.reduceat(alnum[codes], word_starts)))
    forward, backward = _powers(1 << n.bit_length())
    prefix = np.empty(n + 1, dtype=np.uint64)
    prefix[0] = 0
    weighted = values[codes]
    weighted *= forward[:n]
    np.cumsum(weighted, dtype=np.uint64, out=prefix[1:])
    first = word_starts[:max(len(word_starts) - size + 1, 1)]
    last = word_ends[min(size, len(word_ends)) - 1:]
    shingles = (prefix[last] - prefix[first]) * backward[first]
    shingles ^= shingles >> np.uint64(31)
    shingles *= np.uint64(0xBF58476D1CE4E5B9)
    shingles ^= shingles >> np.uint64(29)
    shingles.sort()
    return shingles, n_words


def word_shingles(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The word ``size``-grams of the normalised ``text`` as sorted 64-bit hashes (a repeated
    5-gram appears as often as it occurs; :class:`_NearDuplicateIndex` de-duplicates them).

    Words are the whitespace-separated tokens of :func:`helpers.text.normalize_for_matching`'s
    output (a shingle is the span from its first word to its last, spaces included); a text
    shorter than ``size`` words is one shingle. Hashes are the same in every run.

    Example:
        >>> len(word_shingles("وصلت القوات الأمريكية إلى قاعدة عين الأسد"))
        3
    """
    return _shingles_and_word_count(text, size)[0]


def count_words(text: str) -> int:
    """Whitespace-separated tokens that contain a letter or digit (a lone "،" or "-" is no word).

    Example:
        >>> count_words("قال المسؤول ، إن 2,500 جندي - باقون")
        6
    """
    return _shingles_and_word_count(text)[1]


def per_1000_words(count: pd.Series, n_words: pd.Series, decimals: int = 2) -> pd.Series:
    """Mentions per 1,000 words of text, rounded: the share-of-coverage rate every analysis uses
    to compare articles and outlets of different lengths (``n_words`` from :func:`count_words`).

    Example:
        >>> per_1000_words(pd.Series([3, 1]), pd.Series([1500, 250]), decimals=1).tolist()
        [2.0, 4.0]
    """
    return (1000 * count / n_words).round(decimals)


def _band_keys(shingles: np.ndarray) -> list[bytes]:
    """Locality-sensitive keys: texts sharing a key are near-duplicate candidates.

    One-permutation MinHash (the smallest hash in each of 64 ranges), cut into 16 bands of 4;
    two texts with Jaccard 0.9 share some band with probability about 1 - 4e-8, two texts with
    Jaccard 0.1 with probability about 2e-3 (and candidates are checked exactly).
    """
    first = np.searchsorted(shingles, _BIN_EDGES)
    values = shingles.take(first, mode="clip")
    same_bin = (first < len(shingles)) & ((values >> _BIN_SHIFT) == _BIN_IDS)
    signature = np.where(same_bin, values, _EMPTY_BIN)
    empty = (signature.reshape(-1, _BAND_ROWS) == _EMPTY_BIN).all(axis=1).tolist()
    raw = signature.tobytes()
    width = 8 * _BAND_ROWS
    return [_BAND_PREFIXES[band] + raw[band * width:(band + 1) * width]
            for band, blank in enumerate(empty) if not blank]


class _NearDuplicateIndex:
    """The kept texts so far; finds one with word-shingle Jaccard >= threshold (LSH + exact check).

    Only the LSH keys of a kept text are stored, with the text itself (which the corpus keeps
    anyway): its shingle set is computed again the first time it is a candidate, so the index
    does not hold a second copy of the corpus as hashes.
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.buckets: dict[bytes, list[int]] = {}
        self.sets: dict[int, np.ndarray] = {}
        self.texts: list[str] = []
        self.labels: list[str] = []

    def find(self, shingles: np.ndarray, keys: list[bytes]) -> tuple[str, float] | None:
        """The most similar kept text at or above the threshold (earliest on ties), or None."""
        if not len(shingles):
            return None
        candidates = sorted({c for key in keys for c in self.buckets.get(key, ())})
        best: tuple[int, float] | None = None
        if candidates:
            shingles = np.unique(shingles)
        for candidate in candidates:
            other = self._unique(candidate)
            small, large = sorted((len(shingles), len(other)))
            if small < self.threshold * large:
                continue  # sizes alone rule it out
            common = len(np.intersect1d(shingles, other, assume_unique=True))
            jaccard = common / (len(shingles) + len(other) - common)
            if jaccard >= self.threshold and (best is None or jaccard > best[1]):
                best = (candidate, jaccard)
        return None if best is None else (self.labels[best[0]], best[1])

    def _unique(self, number: int) -> np.ndarray:
        found = self.sets.get(number)
        if found is None:
            found = self.sets[number] = np.unique(word_shingles(self.texts[number]))
        return found

    def add(self, label: str, text: str, keys: list[bytes]) -> None:
        """Keep ``text`` (whose shingles gave ``keys``) under ``label``."""
        number = len(self.texts)
        self.texts.append(text)
        self.labels.append(label)
        for key in keys:
            self.buckets.setdefault(key, []).append(number)


# --------------------------------------------------------------------------------------------
# Loading

_CACHE: OrderedDict[str, Corpus] = OrderedDict()
_CACHE_SIZE = 4

def _is_inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder)
    except OSError:
        return False


def _unsafe_file_name(name: str) -> bool:
    return (name in {".", ".."} or "/" in name or "\\" in name or os.path.isabs(name)
            or name.startswith("..") or re.match(r"^[A-Za-z]:", name) is not None or "\x00" in name)


def _report_row(file: str, article_id: str, status: str, reason: str, encoding: str = "",
                n_bytes: int = 0, sha256: str = "") -> dict[str, object]:
    return {"file": file, "article_id": article_id, "status": status, "reason": reason,
            "encoding": encoding, "n_bytes": n_bytes, "sha256": sha256}


def load_corpus(raw_dir: str | os.PathLike[str] | None = None,
                metadata: str | os.PathLike[str] | None = None) -> Corpus:
    """Load the corpus: ``articles``, ``sentences``, ``report`` and ``audit`` (see :class:`Corpus`).

    ``raw_dir`` defaults to ``corpus/raw`` and ``metadata`` to ``corpus/metadata.csv``. Only
    regular files directly inside ``raw_dir`` are read (a symlink or metadata ``file`` that
    leads elsewhere is reported, never opened). Results are cached in-process, keyed on the
    bytes of every raw file, of metadata.csv and of the furniture lexicon, so calling it from
    every notebook is cheap and never stale. Returned frames are copies: changing them does not
    change the cache.

    Example:
        >>> c = load_corpus()
        >>> sorted(set(c.report["status"]))
        ['ingested']
    """
    raw = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    meta_path = Path(metadata) if metadata is not None else paths.metadata_path()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist: create it and put one article per file in it")
    if not meta_path.is_file():
        raise FileNotFoundError(f"metadata file {meta_path} does not exist: create it with the columns "
                                f"{METADATA_COLUMNS} (one row per article)")
    root = raw.resolve()
    meta_bytes = meta_path.read_bytes()

    # Read every safe input file once: its bytes are both the cache key and the input.
    entries: list[tuple[str, bytes | None, str]] = []  # (name, bytes or None, rejection reason)
    with os.scandir(raw) as listing:  # DirEntry caches the file type: no extra stat per file
        found = sorted(listing, key=lambda e: e.name)
    for entry in found:
        if entry.is_symlink() and not _is_inside(Path(entry.path), root):
            entries.append((entry.name, None, "symlink pointing outside the raw folder: never read; "
                                              "copy the article into the folder instead"))
        elif entry.is_dir():
            entries.append((entry.name, None, "a folder: articles must be files directly inside the raw folder"))
        elif not entry.is_file():
            entries.append((entry.name, None, "not a regular file (device, socket or broken link): never read"))
        else:
            with open(entry.path, "rb") as handle:
                entries.append((entry.name, handle.read(), ""))

    key = hashlib.sha256()
    for part in (str(root).encode(), meta_bytes, paths.lexicon_path("furniture.csv").read_bytes()):
        key.update(hashlib.sha256(part).digest())
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data, _ in entries if data is not None}
    for name, data, reason in entries:
        key.update(f"{name}\0{hashes.get(name, reason)}\0".encode())
    cache_key = key.hexdigest()
    if cache_key in _CACHE:
        _CACHE.move_to_end(cache_key)
        return _copy(_CACHE[cache_key])

    rows = read_metadata(meta_bytes, str(meta_path))
    # Ingestion creates many small objects that all stay alive: the cyclic garbage collector
    # would repeatedly scan them for nothing (about 7% of the time at 50 MB), so it is paused.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = _build_corpus(entries, hashes, rows)
    finally:
        if collecting:
            gc.enable()
    _CACHE[cache_key] = result
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return _copy(result)


def _copy(corpus: Corpus) -> Corpus:
    return Corpus(corpus.articles.copy(), corpus.sentences.copy(), corpus.report.copy(), corpus.audit.copy())


def _build_corpus(entries: list[tuple[str, bytes | None, str]], hashes: dict[str, str],
                  metadata_rows: list[dict[str, str]]) -> Corpus:
    """The four tables from the files read; empties ``entries`` as it goes (frees their bytes)."""
    rules = load_furniture_rules()
    report: list[dict[str, object]] = []
    by_file = {row["file"]: row for row in metadata_rows}
    present = {name for name, _, _ in entries}

    # Metadata rows that cannot be read or have no file.
    for row in metadata_rows:
        where = f"metadata.csv row {row['_row_no']}"
        if _unsafe_file_name(row["file"]):
            report.append(_report_row(row["file"], row["article_id"], "rejected",
                                      f"{where}: file {row['file']!r} is not a plain file name inside the raw "
                                      "folder; never read. Use the bare file name of a file in corpus/raw"))
        elif row["file"] not in present:
            report.append(_report_row(row["file"], row["article_id"], "missing-file",
                                      f"{where} names {row['file']!r}, which is not in the raw folder: "
                                      "add the file or delete the row"))

    # Order: files with metadata by article_id, then files without metadata by name; the first
    # of a group of duplicates is the one kept.
    def order(item: tuple[str, bytes | None, str]) -> tuple[int, str, str]:
        row = by_file.get(item[0])
        return (0, row["article_id"], item[0]) if row else (1, "", item[0])

    seen_hashes: dict[str, str] = {}
    near = _NearDuplicateIndex(NEAR_DUPLICATE_JACCARD)
    articles: list[dict[str, object]] = []
    audit: list[dict[str, object]] = []

    ordered = sorted(entries, key=order)
    entries.clear()  # the bytes of each file are let go once it is processed (less memory held)
    for index, (name, data, reason) in enumerate(ordered):
        ordered[index] = None  # type: ignore[call-overload]
        row = by_file.get(name)
        article_id = row["article_id"] if row else ""
        if data is None:
            report.append(_report_row(name, article_id, "rejected", reason))
            continue
        sha = hashes[name]
        facts = {"n_bytes": len(data), "sha256": sha}
        label = f"article {article_id} ({name})" if article_id else name
        if name.startswith("."):
            report.append(_report_row(name, article_id, "rejected", "hidden file: not an article, not read "
                                      "further (remove it from the raw folder if it is not needed)", **facts))
            continue
        if row and row["sha256"] and row["sha256"].lower() != sha:
            report.append(_report_row(name, article_id, "rejected",
                                      f"sha256 differs from metadata.csv row {row['_row_no']}: the file changed "
                                      "since it was described; restore it, or add the new version as a new "
                                      "article with its own row", **facts))
            continue
        if sha in seen_hashes:
            report.append(_report_row(name, article_id, "duplicate",
                                      f"same bytes (sha256) as {seen_hashes[sha]}, which is kept", **facts))
            continue
        seen_hashes[sha] = label
        decoded = decode_article_bytes(data)
        if decoded.text is None:
            report.append(_report_row(name, article_id, "rejected", decoded.reason, decoded.encoding, **facts))
            continue
        text, encoding = decoded.text, decoded.encoding
        if name.lower().endswith((".html", ".htm")) or _HTML_START.match(text[:2000]):
            extracted = _html_to_text(text)
            if extracted is None:
                report.append(_report_row(name, article_id, "rejected", "HTML page without extractable article "
                                          "text (trafilatura found none): save the article text as .txt",
                                          encoding, **facts))
                continue
            text, encoding = extracted, f"{encoding} (html, text extracted by trafilatura)"
        article = clean_article(text, rules)
        if not article.text.strip():
            report.append(_report_row(name, article_id, "rejected", "nothing left after cleaning: every line was "
                                      "page furniture (see the rules in corpus/lexicons/furniture.csv)",
                                      encoding, **facts))
            continue
        shingles, n_words = _shingles_and_word_count(article.text)
        keys = _band_keys(shingles) if len(shingles) else []
        twin = near.find(shingles, keys)
        if twin is not None:
            report.append(_report_row(name, article_id, "duplicate",
                                      f"near duplicate of {twin[0]} (word {SHINGLE_WORDS}-gram Jaccard "
                                      f"{twin[1]:.2f} >= {NEAR_DUPLICATE_JACCARD}), which is kept",
                                      encoding, **facts))
            continue
        near.add(label, article.text, keys)
        if row is None:
            report.append(_report_row(name, "", "needs-metadata",
                                      "no row in metadata.csv: add one (article_id, file, sha256, outlet, "
                                      f"published, date_precision, evidence); sha256 {sha}", encoding, **facts))
            continue
        articles.append({
            **{c: row[c] for c in METADATA_COLUMNS if c != "sha256"}, "sha256": sha,
            "title": article.title, "text": article.text, "source_line": article.source_line,
            "n_words": n_words, "n_sentences": 0,  # filled in by _sentence_table
        })
        audit.extend({"article_id": article_id, "file": name, "line_no": r.line_no, "line": r.line,
                      "reason": r.reason} for r in article.removed)
        report.append(_report_row(name, article_id, "ingested", f"decoded as {encoding}; "
                                  f"{len(article.removed)} line(s)/fragment(s) removed by cleaning",
                                  encoding, **facts))

    sentences = _sentence_table(articles)
    return Corpus(
        articles=_frame(articles, ARTICLE_COLUMNS, ["article_id"], ints=["n_words", "n_sentences"]),
        sentences=sentences,
        report=_frame(report, REPORT_COLUMNS, ["article_id", "file"], ints=["n_bytes"], empty_last="article_id"),
        audit=_frame(audit, AUDIT_COLUMNS, ["article_id", "line_no"], ints=["line_no"]),
    )


def _sentence_table(articles: list[dict[str, object]]) -> pd.DataFrame:
    """The sentences of every article (:func:`helpers.text.split_sentences`) as one frame, built
    column by column; sets each article's ``n_sentences``."""
    bounds = array("q")  # start, end, start, end, ... of every sentence (no int objects kept)
    texts: list[str] = []
    counts: list[int] = []
    ids: list[str] = []
    for article in articles:
        text = str(article["text"])
        spans = split_sentences(text)
        article["n_sentences"] = len(spans)
        counts.append(len(spans))
        ids.append(str(article["article_id"]))
        bounds.extend(chain.from_iterable(spans))
        texts.extend([text[start:end] for start, end in spans])
    count_array = np.array(counts, dtype=np.int64)
    first = np.repeat(np.cumsum(count_array) - count_array, count_array)
    pairs = np.frombuffer(bounds, dtype=np.int64).reshape(-1, 2) if bounds else np.zeros((0, 2), dtype=np.int64)
    frame = pd.DataFrame({
        "article_id": np.repeat(np.array(ids, dtype=object), count_array),
        "sentence_id": np.arange(len(texts), dtype=np.int64) - first,
        "text": np.array(texts, dtype=object),
        "start": pairs[:, 0].copy(),
        "end": pairs[:, 1].copy(),
    }, columns=SENTENCE_COLUMNS)
    for column in ("article_id", "text"):
        frame[column] = frame[column].astype("str")
    if all(before < after for before, after in zip(ids, ids[1:])):
        return frame  # articles come in article_id order: the rows are already sorted
    return frame.sort_values(["article_id", "sentence_id"], kind="stable").reset_index(drop=True)


def _frame(data: list[dict[str, object]] | list[tuple], columns: list[str], sort_by: list[str], *,
           ints: list[str], empty_last: str | None = None) -> pd.DataFrame:
    """A DataFrame with fixed columns and dtypes (str, int64), sorted stably, index 0..n-1."""
    frame = pd.DataFrame.from_records(data, columns=columns) if data and isinstance(data[0], tuple) \
        else pd.DataFrame(data, columns=columns)
    for column in columns:
        frame[column] = frame[column].astype("int64" if column in ints else "str")
    if empty_last:
        frame = frame.assign(_empty=frame[empty_last].eq("")).sort_values(["_empty", *sort_by], kind="stable")
        frame = frame.drop(columns="_empty")
    else:
        frame = frame.sort_values(sort_by, kind="stable")
    return frame.reset_index(drop=True)


def write_processed(corpus: Corpus, folder: str | os.PathLike[str] | None = None) -> list[str]:
    """Write ``articles.csv``, ``sentences.csv``, ``ingest_report.csv`` and ``cleaning_audit.csv``.

    UTF-8, LF line endings, sorted as in :class:`Corpus`, no index: byte-identical on every run.
    ``folder`` defaults to :func:`helpers.paths.processed_dir`. Returns the file names written.

    Example:
        >>> import tempfile
        >>> write_processed(load_corpus(), tempfile.mkdtemp())
        ['articles.csv', 'sentences.csv', 'ingest_report.csv', 'cleaning_audit.csv']
    """
    target = Path(folder) if folder is not None else paths.processed_dir()
    target.mkdir(parents=True, exist_ok=True)
    tables = {"articles.csv": corpus.articles, "sentences.csv": corpus.sentences,
              "ingest_report.csv": corpus.report, "cleaning_audit.csv": corpus.audit}
    for name, frame in tables.items():
        frame.to_csv(target / name, index=False, encoding="utf-8", lineterminator="\n")
    return list(tables)


# --------------------------------------------------------------------------------------------
# Views for the ingestion notebook (pure functions of the tables; display only)


def shorten(text: str, width: int = 70) -> str:
    """``text`` on one line, cut to ``width`` characters with "…" (for tables read on GitHub).

    Example:
        >>> shorten("القوات الأمريكية باقية في العراق", 12)
        'القوات الأم…'
    """
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[:width - 1].rstrip() + "…"


def outlet_label(outlet_ar: str, outlet: str) -> str:
    """Bilingual outlet name "العربية — English" in logical order; unknown outlets say so.

    Example:
        >>> outlet_label("", "unknown")
        'غير معروف — unknown'
    """
    if outlet.strip().lower() in {"", "unknown"}:
        return "غير معروف — unknown"
    return f"{outlet_ar} — {outlet}" if outlet_ar else outlet


def date_label(published: str, precision: str) -> str:
    """The publication date as precise as it is known: 2024-01-25, 2024-03 (month), 2014 (year).

    Example:
        >>> date_label("2024-03-01", "month")
        '2024-03 (month)'
    """
    if precision == "month":
        return f"{published[:7]} (month)"
    if precision == "year":
        return f"{published[:4]} (year)"
    return published


def corpus_overview(articles: pd.DataFrame, title_width: int = 45) -> pd.DataFrame:
    """One line per article: outlet, country, date (with its precision), words, sentences, title.

    Example:
        >>> list(corpus_overview(load_corpus().articles).columns)
        ['article_id', 'outlet', 'country', 'published', 'words', 'sentences', 'title']
    """
    return pd.DataFrame({
        "article_id": articles["article_id"],
        "outlet": [outlet_label(a, e) for a, e in zip(articles["outlet_ar"], articles["outlet"])],
        "country": articles["outlet_country"],
        "published": [date_label(p, q) for p, q in zip(articles["published"], articles["date_precision"])],
        "words": articles["n_words"],
        "sentences": articles["n_sentences"],
        "title": [shorten(t, title_width) if t else "(no headline)" for t in articles["title"]],
    }).reset_index(drop=True)


def cleaning_summary(audit: pd.DataFrame, line_width: int = 50) -> pd.DataFrame:
    """What cleaning removed, per article and reason: count and one example (shortened).

    Example:
        >>> cleaning_summary(load_corpus().audit).columns.tolist()
        ['article_id', 'reason', 'removed', 'example']
    """
    rows = []
    for (article_id, reason), group in audit.groupby(["article_id", "reason"], sort=True):
        rows.append({"article_id": article_id, "reason": reason, "removed": len(group),
                     "example": shorten(group.sort_values("line_no")["line"].iloc[0], line_width)})
    return pd.DataFrame(rows, columns=["article_id", "reason", "removed", "example"])


def read_raw_text(file: str, raw_dir: str | os.PathLike[str] | None = None) -> str:
    """The decoded raw text of ``file`` in the raw folder (for showing raw next to clean).

    Raises ValueError for a name that leaves the folder or a file that does not decode.

    Example:
        >>> read_raw_text("001_073d70a8ba835e1b.txt").splitlines()[0]
        'fbpx'
    """
    folder = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    path = folder / file
    if _unsafe_file_name(file) or not _is_inside(path, folder.resolve()):
        raise ValueError(f"{file!r} is not a file inside {folder}; pass a bare file name from the report")
    decoded = decode_article_bytes(path.read_bytes())
    if decoded.text is None:
        raise ValueError(f"{file}: {decoded.reason}")
    return decoded.text


def raw_vs_clean(raw_text: str, width: int = 60) -> pd.DataFrame:
    """Each non-blank raw line next to what cleaning did with it: title, body, or removed (why).

    Example:
        >>> raw_vs_clean("fbpx\\nعنوان الخبر\\nنص الخبر.")["fate"].tolist()
        ['removed: tracking token', 'title', 'body']
    """
    from helpers.text import clean_article as _clean

    article = _clean(raw_text)
    whole = {r.line_no: r.reason for r in article.removed if not r.reason.endswith(", inside a kept line")}
    fragments: dict[int, list[str]] = {}
    for r in article.removed:
        if r.line_no not in whole:
            fragments.setdefault(r.line_no, []).append(f"{r.line!r}")
    rows = []
    seen_title = False
    raw_lines = raw_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line_no, line in enumerate(raw_lines, start=1):
        if not line.strip():
            continue
        if line_no in whole:
            fate = f"removed: {whole[line_no]}"
        elif article.title and not seen_title:
            fate, seen_title = "title", True
        else:
            fate = "body"
        if line_no in fragments:
            fate += f" (stray markup removed: {', '.join(fragments[line_no])})"
        rows.append({"line_no": line_no, "raw_line": shorten(line, width), "fate": fate})
    return pd.DataFrame(rows, columns=["line_no", "raw_line", "fate"])

