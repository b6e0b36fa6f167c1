"""The pipeline's ingest stage: one pure function per file, one global duplicate pass.

This module is the pipeline's only contact with ingestion internals (team contract 2). It
offers :func:`ingest_file` (pure: bytes + metadata row in, an :class:`IngestResult` out) and
:class:`DuplicateIndex` (``add(article_id, text) -> (status, duplicate_of)``). Until
``helpers.ingestion.load`` / ``helpers.ingestion.duplicates`` exist they are built from the
current :mod:`helpers.corpus` internals with the same rules and report wording as
:func:`helpers.corpus.load_corpus`; when those modules land, :func:`ingest_file` and
:class:`DuplicateIndex` switch to them (see ``_USE_INGESTION_PACKAGE``).

Example:
    >>> r = ingest_file("a.txt", "قالت وزارة الدفاع إن القوات باقية.".encode(), {"article_id": "a"})
    >>> r.article["article_id"], r.report["status"], len(r.sentences)
    ('a', 'ingested', 1)
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from helpers import corpus as _corpus
from helpers.text import clean_article, load_furniture_rules, split_sentences

__all__ = ["IngestResult", "ingest_file", "DuplicateIndex", "lsh_keys", "ARTICLE_FIELDS"]

#: Article columns the ingest stage produces (metadata columns first, then the derived ones).
ARTICLE_FIELDS = [*_corpus.METADATA_COLUMNS, "title", "text", "source_line", "n_words", "n_sentences"]


@dataclass
class IngestResult:
    """The outcome of one file: ``article`` (a dict of :data:`ARTICLE_FIELDS`, or None when the file
    is rejected), its ``sentences`` (article_id, sentence_id, start, end: offsets, no text), the
    ``report`` row (file, article_id, status, reason, encoding, n_bytes, sha256) and the cleaning
    ``audit`` rows."""

    article: dict[str, Any] | None
    sentences: list[dict[str, Any]] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    audit: list[dict[str, Any]] = field(default_factory=list)


def _report(name: str, article_id: str, status: str, reason: str, encoding: str = "",
            n_bytes: int = 0, sha256: str = "") -> dict[str, Any]:
    return {"file": name, "article_id": article_id, "status": status, "reason": reason,
            "encoding": encoding, "n_bytes": n_bytes, "sha256": sha256}


def ingest_file(name: str, data: bytes, meta: dict[str, str] | None) -> IngestResult:
    """Decode, extract (HTML) and clean one file; split its sentences. Pure: no file I/O.

    ``meta`` is its metadata.csv row (None if it has none: the article is still decoded so that
    the duplicate pass can see it, and the report says ``needs-metadata``). Exact and near
    duplicates are decided later, across files, by :class:`DuplicateIndex`.
    """
    article_id = (meta or {}).get("article_id", "")
    sha = hashlib.sha256(data).hexdigest()
    facts: dict[str, Any] = {"n_bytes": len(data), "sha256": sha}
    if name.startswith("."):
        return IngestResult(None, report=_report(name, article_id, "rejected", "hidden file: not an article, "
                                                 "not read further (remove it from the raw folder if it is not "
                                                 "needed)", **facts))
    if meta and meta.get("sha256") and meta["sha256"].lower() != sha:
        row_no = meta.get("_row_no", "?")
        return IngestResult(None, report=_report(
            name, article_id, "rejected", f"sha256 differs from metadata.csv row {row_no}: the file changed "
            "since it was described; restore it, or add the new version as a new article with its own row",
            **facts))
    decoded = _corpus.decode_article_bytes(data)
    if decoded.text is None:
        return IngestResult(None, report=_report(name, article_id, "rejected", decoded.reason, decoded.encoding,
                                                 **facts))
    text, encoding = decoded.text, decoded.encoding
    if name.lower().endswith((".html", ".htm")) or _corpus._HTML_START.match(text[:2000]):
        extracted = _corpus._html_to_text(text)
        if extracted is None:
            return IngestResult(None, report=_report(
                name, article_id, "rejected", "HTML page without extractable article text (trafilatura found "
                "none): save the article text as .txt", encoding, **facts))
        text, encoding = extracted, f"{encoding} (html, text extracted by trafilatura)"
    cleaned = clean_article(text, load_furniture_rules())
    if not cleaned.text.strip():
        return IngestResult(None, report=_report(
            name, article_id, "rejected", "nothing left after cleaning: every line was page furniture (see the "
            "rules in corpus/lexicons/furniture.csv)", encoding, **facts))
    spans = split_sentences(cleaned.text)
    article: dict[str, Any] = {column: (meta or {}).get(column, "") for column in _corpus.METADATA_COLUMNS}
    article.update({"file": name, "sha256": sha, "title": cleaned.title, "text": cleaned.text,
                    "source_line": cleaned.source_line, "n_words": _corpus.count_words(cleaned.text),
                    "n_sentences": len(spans)})
    sentences = [{"article_id": article_id, "sentence_id": i, "start": s, "end": e}
                 for i, (s, e) in enumerate(spans)]
    audit = [{"article_id": article_id, "file": name, "line_no": r.line_no, "line": r.line, "reason": r.reason}
             for r in cleaned.removed]
    report = _report(name, article_id, "ingested", f"decoded as {encoding}; {len(cleaned.removed)} "
                     "line(s)/fragment(s) removed by cleaning", encoding, **facts)
    return IngestResult(article, sentences, report, audit)


def lsh_keys(text: str) -> list[int]:
    """The MinHash band keys of ``text`` (word 5-grams of the normalised text), as 63-bit ints:
    texts sharing a key are near-duplicate candidates. Computed per file in the workers, so the
    duplicate pass in the driver only compares keys.

    Example:
        >>> a = lsh_keys("قالت وزارة الدفاع الأمريكية إن القوات ستبقى في العراق حتى نهاية العام")
        >>> len(a) > 0 and a == lsh_keys("قالت وزارة الدفاع الأمريكية إن القوات ستبقى في العراق حتى نهاية العام")
        True
    """
    shingles = _corpus.word_shingles(text)
    if not len(shingles):
        return []
    return [int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") >> 1
            for key in _corpus._band_keys(shingles)]


class DuplicateIndex:
    """Near-duplicate detection over texts added in order (the first of a group is kept).

    ``add(label, text)`` returns ``("unique", "")`` and keeps the text's LSH keys, or
    ``("near", "<label kept> (Jaccard J)")`` when a kept text has word 5-gram Jaccard >= 0.9
    (:data:`helpers.corpus.NEAR_DUPLICATE_JACCARD`). Candidates come from MinHash band keys
    (:func:`lsh_keys`, which may be passed precomputed as ``keys``) and are checked exactly.
    A candidate must share :attr:`MIN_SHARED_BANDS` bands. Buckets are capped at
    :attr:`BUCKET_CAP` texts, so a band shared by many unrelated texts
    (a boilerplate sentence) costs no more than that: the work stays linear in the corpus.
    The index holds no text: a candidate's shingle set is kept in a bounded cache and otherwise
    computed again from ``fetch_text(label)`` (the pipeline reads it back from its partition).
    Without ``fetch_text`` kept texts are held in memory.

    Example:
        >>> index = DuplicateIndex()
        >>> text = "قالت وزارة الدفاع الأمريكية إن القوات ستبقى في العراق حتى نهاية العام المقبل"
        >>> index.add("a", text), index.add("b", text + " .")[0]
        (('unique', ''), 'near')
    """

    BUCKET_CAP = 20
    #: Candidates must share this many of the 16 bands (texts with fewer keys: all of theirs).
    #: Two texts with Jaccard 0.9 share at least 2 bands with probability 1 - 1e-6, two
    #: unrelated texts that share one boilerplate sentence rarely do, so few exact checks run.
    MIN_SHARED_BANDS = 2
    SET_CACHE = 50_000

    def __init__(self, fetch_text: Callable[[str], str] | None = None,
                 threshold: float = _corpus.NEAR_DUPLICATE_JACCARD) -> None:
        self.threshold = threshold
        self._fetch = fetch_text
        self._texts: dict[str, str] = {}
        self._first: dict[int, int] = {}  # key -> the first kept text with it (most keys have one)
        self._more: dict[int, list[int]] = {}  # key -> later kept texts with it (capped)
        self._labels: list[str] = []
        self._sets: OrderedDict[int, np.ndarray] = OrderedDict()

    def _set_of(self, number: int) -> np.ndarray:
        found = self._sets.get(number)
        if found is None:
            label = self._labels[number]
            text = self._fetch(label) if self._fetch is not None else self._texts[label]
            found = np.unique(_corpus.word_shingles(text))
            self._remember(number, found)
        else:
            self._sets.move_to_end(number)
        return found

    def _remember(self, number: int, shingles: np.ndarray) -> None:
        self._sets[number] = shingles
        while len(self._sets) > self.SET_CACHE:
            self._sets.popitem(last=False)

    def add(self, label: str, text: str | None = None, keys: list[int] | None = None) -> tuple[str, str]:
        """Check ``label`` against the kept texts; keep it if it is no near duplicate. ``text`` may
        be None when ``keys`` are given and ``fetch_text`` can find it (read only for candidates)."""
        if keys is None:
            if text is None:
                raise ValueError(f"{label}: give the text or its lsh_keys")
            keys = lsh_keys(text)
        if not keys:
            return "unique", ""
        shared: dict[int, int] = {}
        for key in keys:
            first = self._first.get(key)
            if first is not None:
                shared[first] = shared.get(first, 0) + 1
                for later in self._more.get(key, ()):
                    shared[later] = shared.get(later, 0) + 1
        needed = min(self.MIN_SHARED_BANDS, len(keys))
        candidates = {number for number, count in shared.items() if count >= needed}
        best: tuple[int, float] | None = None
        unique: np.ndarray | None = None
        if candidates:
            if text is None:
                text = self._fetch(label) if self._fetch is not None else ""
            unique = np.unique(_corpus.word_shingles(text))
            for candidate in sorted(candidates):
                other = self._set_of(candidate)
                small, large = sorted((len(unique), len(other)))
                if small < self.threshold * large:
                    continue
                common = len(np.intersect1d(unique, other, assume_unique=True))
                jaccard = common / (len(unique) + len(other) - common)
                if jaccard >= self.threshold and (best is None or jaccard > best[1]):
                    best = (candidate, jaccard)
        if best is not None:
            return "near", f"{self._labels[best[0]]} (Jaccard {best[1]:.2f})"
        number = len(self._labels)
        self._labels.append(label)
        if self._fetch is None:
            self._texts[label] = text or ""
        if unique is not None:
            self._remember(number, unique)
        for key in keys:
            if key not in self._first:
                self._first[key] = number
            else:
                more = self._more.setdefault(key, [])
                if len(more) < self.BUCKET_CAP - 1:
                    more.append(number)
        return "unique", ""


def near_duplicate_reason(kept: str) -> str:
    """The report reason of a near duplicate of ``kept`` ("<label> (Jaccard J)")."""
    label, _, jaccard = kept.rpartition(" (Jaccard ")
    return (f"near duplicate of {label} (word {_corpus.SHINGLE_WORDS}-gram Jaccard {jaccard.rstrip(')')} >= "
            f"{_corpus.NEAR_DUPLICATE_JACCARD}), which is kept")
