"""The pipeline's ingest stage: one pure function per file, one global duplicate pass.

This module is the pipeline's only contact with ingestion (team contract 2). Per file, in the
workers, it uses :func:`helpers.ingestion.load.ingest_file` (pure: bytes + metadata row in, an
``IngestResult`` out) and computes :func:`lsh_keys`. Across files, in the driver, the duplicate
pass uses :class:`DuplicateIndex`: the same rules as :class:`helpers.ingestion.duplicates.DuplicateIndex`
(exact = same clean text by sha256; near = word 5-gram Jaccard >= 0.9 confirmed exactly on
MinHash LSH candidates, capped buckets, earliest article kept, the same report wording through
:func:`helpers.ingestion.load.duplicate_result`), but fed precomputed keys so that it holds no
text: a candidate's text is read back from its partition only when it is a candidate.

Example:
    >>> r = ingest_file("a.txt", "قالت وزارة الدفاع إن القوات باقية.".encode(), {"article_id": "a"})
    >>> r.article["article_id"], r.report["status"], len(r.spans)
    ('a', 'ingested', 1)
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from helpers.ingestion.duplicates import (
    BUCKET_CAP,
    NEAR_DUPLICATE_JACCARD,
    minhash_signature,
    most_similar,
    word_shingles,
)
from helpers.ingestion.load import ARTICLE_COLUMNS, IngestResult, duplicate_result, ingest_file

__all__ = ["IngestResult", "ingest_file", "duplicate_result", "DuplicateIndex", "lsh_keys", "text_sha256",
           "ARTICLE_FIELDS"]

#: Article columns the ingest stage produces (metadata columns first, then the derived ones).
ARTICLE_FIELDS = list(ARTICLE_COLUMNS)
_BANDS, _BAND_ROWS = 16, 4
# A band's key mixes its 4 signature values (odd 64-bit multipliers) with a per-band salt.
_ROW_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93],
                            dtype=np.uint64)
_BAND_SALTS = (np.arange(1, _BANDS + 1, dtype=np.uint64) * np.uint64(0xFF51AFD7ED558CCD))


def text_sha256(text: str) -> str:
    """sha256 of a clean text (exact duplicates: the same clean text)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def lsh_keys(text: str, shingles: np.ndarray | None = None) -> list[int]:
    """The MinHash LSH band keys of ``text`` as 63-bit ints: the 64-value signature of its word
    5-grams (:func:`helpers.ingestion.duplicates.minhash_signature`) cut into 16 bands of 4.
    Texts sharing a key are near-duplicate candidates. Computed per file in the workers, so
    the duplicate pass in the driver only compares keys. ``shingles``: the text's
    :func:`~helpers.ingestion.duplicates.word_shingles` when already computed.

    Example:
        >>> text = "قالت وزارة الدفاع الأمريكية إن القوات ستبقى في العراق حتى نهاية العام"
        >>> len(lsh_keys(text)), lsh_keys(text) == lsh_keys(text + " ."), lsh_keys("")
        (16, False, [])
    """
    if shingles is None:
        shingles = word_shingles(text)
    if not len(shingles):
        return []
    signature = minhash_signature(shingles).reshape(_BANDS, _BAND_ROWS)
    with np.errstate(over="ignore"):  # multiplications wrap around modulo 2**64, as intended
        mixed = (signature * _ROW_MULTIPLIERS).astype(np.uint64)
        keys = np.bitwise_xor.reduce(mixed, axis=1) ^ _BAND_SALTS
    return (keys >> np.uint64(1)).astype(np.int64).tolist()


class DuplicateIndex:
    """Duplicate detection over articles added in load order, holding no text.

    ``add(label, text_sha, keys)`` answers like :meth:`helpers.ingestion.duplicates.DuplicateIndex.add`:
    ``("exact", kept)`` for the same clean text (``text_sha``: :func:`text_sha256`),
    ``("near", kept)`` for word 5-gram Jaccard >= ``threshold`` with a kept article (then
    :attr:`last_jaccard` holds it), else ``("unique", None)`` and the article is kept. ``keys``
    are its :func:`lsh_keys`. Candidates share at least :attr:`MIN_SHARED_BANDS` bands (two
    texts with Jaccard 0.9 share 2 of the 16 with probability 1 - 1e-6; texts that merely share a
    boilerplate sentence rarely do) and are confirmed with the exact Jaccard; as in the ingestion
    index, only the earliest :data:`BUCKET_CAP` candidates are checked and an article with that
    many candidates is kept but not added to the buckets, so the work stays linear. Shingle sets of
    candidates are cached (at most :attr:`SET_CACHE`), else recomputed from ``fetch_text(label)``.

    Example:
        >>> text = "قالت وزارة الدفاع الأمريكية إن القوات ستبقى في العراق حتى نهاية العام المقبل"
        >>> texts = {"a": text, "b": text + " .", "c": text}
        >>> index = DuplicateIndex(texts.__getitem__)
        >>> [index.add(k, text_sha256(t), lsh_keys(t)) for k, t in texts.items()]
        [('unique', None), ('near', 'a'), ('exact', 'a')]
    """

    MIN_SHARED_BANDS = 2
    SET_CACHE = 50_000

    def __init__(self, fetch_text: Callable[[str], str], threshold: float = NEAR_DUPLICATE_JACCARD,
                 bucket_cap: int = BUCKET_CAP) -> None:
        self.threshold = threshold
        self.bucket_cap = bucket_cap
        self.last_jaccard: float | None = None
        self._fetch = fetch_text
        self._exact: dict[str, str] = {}
        self._first: dict[int, int] = {}  # key -> the first kept article with it (most keys have one)
        self._more: dict[int, list[int]] = {}  # key -> later kept articles with it
        self._labels: list[str] = []
        self._sets: OrderedDict[int, np.ndarray] = OrderedDict()

    def __len__(self) -> int:
        return len(self._labels)

    def _set_of(self, number: int) -> np.ndarray:
        found = self._sets.get(number)
        if found is None:
            found = np.unique(word_shingles(self._fetch(self._labels[number])))
            self._remember(number, found)
        else:
            self._sets.move_to_end(number)
        return found

    def _remember(self, number: int, shingles: np.ndarray) -> None:
        self._sets[number] = shingles
        while len(self._sets) > self.SET_CACHE:
            self._sets.popitem(last=False)

    def add(self, label: str, text_sha: str, keys: list[int]) -> tuple[str, str | None]:
        """Check the article ``label`` against the kept ones (its text is read only if it has candidates)."""
        self.last_jaccard = None
        twin = self._exact.get(text_sha)
        if twin is not None:
            self.last_jaccard = 1.0
            return "exact", twin
        number = len(self._labels)
        if not keys:
            self._keep(label, text_sha)
            return "unique", None
        shared: dict[int, int] = {}
        for key in keys:
            first = self._first.get(key)
            if first is not None:
                shared[first] = shared.get(first, 0) + 1
                for later in self._more.get(key, ()):
                    shared[later] = shared.get(later, 0) + 1
        needed = min(self.MIN_SHARED_BANDS, len(keys))
        candidates = sorted(n for n, count in shared.items() if count >= needed)
        if candidates:
            unique = np.unique(word_shingles(self._fetch(label)))
            best = self._most_similar(unique, candidates[:self.bucket_cap])
            if best is not None:
                self.last_jaccard = best[1]
                return "near", self._labels[best[0]]
            self._remember(number, unique)
        self._keep(label, text_sha)
        if len(candidates) < self.bucket_cap:
            for key in keys:
                if key not in self._first:
                    self._first[key] = number
                else:
                    self._more.setdefault(key, []).append(number)
        return "unique", None

    def _keep(self, label: str, text_sha: str) -> None:
        self._exact[text_sha] = label
        self._labels.append(label)

    def _most_similar(self, unique: np.ndarray, candidates: list[int]) -> tuple[int, float] | None:
        return most_similar(unique, candidates, self._set_of, self.threshold)
