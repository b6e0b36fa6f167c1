"""Duplicate detection: exact (sha256 of the clean text) and near (word 5-gram Jaccard).

:class:`DuplicateIndex` is fed articles one at a time, in a fixed order, and says for each
whether it repeats one already kept:

- ``exact``: the same clean text (sha256) as a kept article;
- ``near``: word :data:`SHINGLE_WORDS`-gram Jaccard similarity at least
  :data:`NEAR_DUPLICATE_JACCARD` with a kept article. Candidates come from MinHash
  locality-sensitive hashing (datasketch's ``MinHashLSH``, 16 bands of 4 rows over a 64-value
  signature) and are confirmed with the exact Jaccard of the two shingle sets, so the answer
  is the same as comparing every pair, in linear time;
- ``unique``: kept (later articles are compared with it).

Linear time: the signature of an article costs O(its length) (one-permutation MinHash over the
sorted shingle hashes, with rotation densification of empty bins), and no LSH bucket holds more
than ``bucket_cap`` articles: an article whose candidates already fill the cap is checked
against them (the earliest ``bucket_cap``) and kept, but not added to the buckets, so a flood of
boilerplate-like articles cannot make every later lookup slow. Deterministic: the same articles
in the same order give the same answers (fixed hash tables, no randomness, ties go to the
earliest article).

Example:
    >>> index = DuplicateIndex()
    >>> text = " ".join(f"كلمة{i}" for i in range(40))  # 36 word 5-grams
    >>> index.add("001", text)
    ('unique', None)
    >>> index.add("002", text)
    ('exact', '001')
    >>> index.add("003", text + ".")  # one 5-gram of 37 differs: Jaccard 35/37
    ('near', '001')
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import lru_cache

import numpy as np

from helpers.arabic.normalize import normalized_codes
from helpers.arabic.tokens import count_words  # the one word-count rule (shingles_and_word_count agrees)

__all__ = [
    "NEAR_DUPLICATE_JACCARD",
    "SHINGLE_WORDS",
    "BUCKET_CAP",
    "DuplicateIndex",
    "count_words",
    "minhash_signature",
    "shingles_and_word_count",
    "word_shingles",
]

#: Two articles whose word 5-gram sets (on normalised text) have a Jaccard similarity at least
#: this high are near duplicates: the later one is reported as a duplicate of the earlier.
NEAR_DUPLICATE_JACCARD = 0.9
SHINGLE_WORDS = 5
#: Most articles one LSH bucket holds (see the module docstring).
BUCKET_CAP = 64
_BANDS, _BAND_ROWS = 16, 4
_BINS = _BANDS * _BAND_ROWS       # 64 signature values: the top 6 bits of a shingle hash pick its bin
_BIN_SHIFT = np.uint64(64 - 6)
_BIN_EDGES = np.arange(_BINS, dtype=np.uint64) << _BIN_SHIFT
_BIN_IDS = np.arange(_BINS, dtype=np.uint64)


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



def shingles_and_word_count(text: str, size: int = SHINGLE_WORDS) -> tuple[np.ndarray, int]:
    """Sorted 64-bit hashes of the word ``size``-grams of the normalised ``text``, and how many
    whitespace-separated words contain a letter or digit.

    Vectorised: a prefix sum of character values times powers of an odd base gives the hash of
    any span of the text in O(1); the span of ``size`` consecutive words, shifted back to its
    start, is hashed the same wherever it occurs (a text shorter than ``size`` words is one span).
    """
    codes = normalized_codes(text)
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
    5-gram appears as often as it occurs; :class:`DuplicateIndex` de-duplicates them).

    Words are the whitespace-separated tokens of :func:`helpers.text.normalize_for_matching`'s
    output (a shingle is the span from its first word to its last, spaces included); a text
    shorter than ``size`` words is one shingle. Hashes are the same in every run.

    Example:
        >>> len(word_shingles("وصلت القوات الأمريكية إلى قاعدة عين الأسد"))
        3
    """
    return shingles_and_word_count(text, size)[0]


def minhash_signature(shingles: np.ndarray) -> np.ndarray:
    """A 64-value MinHash signature of sorted shingle hashes (one-permutation hashing).

    Each hash falls in one of 64 bins by its top 6 bits; a bin's value is its smallest hash.
    An empty bin (short texts) takes the value of the next non-empty bin, mixed with the
    distance to it (rotation densification), so that two texts agree on a bin with probability
    close to their Jaccard similarity. ``shingles`` must be sorted and non-empty.

    Example:
        >>> signature = minhash_signature(word_shingles("وصلت القوات الأمريكية إلى قاعدة عين الأسد"))
        >>> signature.shape, signature.dtype.name
        ((64,), 'uint64')
    """
    first = np.searchsorted(shingles, _BIN_EDGES)
    values = shingles.take(first, mode="clip")
    filled = (first < len(shingles)) & ((values >> _BIN_SHIFT) == _BIN_IDS)
    if filled.all():
        return values
    full = np.flatnonzero(filled)
    bins = np.arange(_BINS)
    position = np.searchsorted(full, bins) % len(full)           # next non-empty bin, circularly
    source = full[position]
    distance = ((source - bins) % _BINS).astype(np.uint64)
    mixed = values[source] ^ (distance * np.uint64(0x9E3779B97F4A7C15))
    return np.where(filled, values, mixed)


class DuplicateIndex:
    """Articles kept so far; :meth:`add` says whether a new one repeats one of them.

    ``threshold`` is the word-shingle Jaccard at or above which two texts are near duplicates;
    ``bucket_cap`` bounds the LSH buckets (see the module docstring). ``add`` must be called in
    a fixed order (e.g. by article_id) for reproducible answers. After each call,
    :attr:`last_jaccard` holds the similarity found for a near duplicate (1.0 for an exact one,
    None otherwise).

    The kept texts are held (by reference: a corpus holds them anyway) and their shingle sets
    are computed again only when they are a candidate, so the index adds about 1 KB per article.
    """

    def __init__(self, threshold: float = NEAR_DUPLICATE_JACCARD, bucket_cap: int = BUCKET_CAP) -> None:
        from datasketch import MinHashLSH

        if not 0 < threshold <= 1:
            raise ValueError(f"threshold {threshold} must be in (0, 1]")
        self.threshold = threshold
        self.bucket_cap = bucket_cap
        self.last_jaccard: float | None = None
        self._lsh = MinHashLSH(num_perm=_BINS, params=(_BANDS, _BAND_ROWS))
        self._exact: dict[bytes, str] = {}
        self._texts: list[str] = []
        self._ids: list[str] = []
        self._sets: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        """How many articles are kept (unique so far)."""
        return len(self._ids)

    def add(self, article_id: str, text: str, shingles: np.ndarray | None = None) -> tuple[str, str | None]:
        """Check ``text`` against the kept articles: ``("exact", id)``, ``("near", id)``, or
        ``("unique", None)`` (then it is kept under ``article_id``). ``shingles`` may pass
        :func:`word_shingles` of ``text`` when the caller has it already."""
        from datasketch import LeanMinHash

        self.last_jaccard = None
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        twin = self._exact.get(digest)
        if twin is not None:
            self.last_jaccard = 1.0
            return "exact", twin
        if shingles is None:
            shingles = word_shingles(text)
        number = len(self._ids)
        if not len(shingles):
            self._keep(article_id, text, digest)
            return "unique", None
        # a lean MinHash from our own signature (64-bit values, hence scheme affine64): cheap to make
        minhash = LeanMinHash(seed=0, hashvalues=minhash_signature(shingles), scheme="affine64")
        candidates = sorted(self._lsh.query(minhash))
        if candidates:
            best = self._most_similar(np.unique(shingles), candidates[:self.bucket_cap])
            if best is not None:
                self.last_jaccard = best[1]
                return "near", self._ids[best[0]]
        self._keep(article_id, text, digest)
        if len(candidates) < self.bucket_cap:
            self._lsh.insert(number, minhash, check_duplication=False)
        return "unique", None

    def _keep(self, article_id: str, text: str, digest: bytes) -> None:
        self._exact[digest] = article_id
        self._ids.append(article_id)
        self._texts.append(text)

    def _shingle_set(self, candidate: int) -> np.ndarray:
        other = self._sets.get(candidate)
        if other is None:
            other = self._sets[candidate] = np.unique(word_shingles(self._texts[candidate]))
        return other

    def _most_similar(self, unique: np.ndarray, candidates: list[int]) -> tuple[int, float] | None:
        """The candidate with the highest Jaccard >= threshold (earliest on ties), or None."""
        return most_similar(unique, candidates, self._shingle_set, self.threshold)


def most_similar(unique: np.ndarray, candidates: Iterable[int], shingle_set: Callable[[int], np.ndarray],
                 threshold: float) -> tuple[int, float] | None:
    """Of ``candidates``, the one whose shingle set (``shingle_set(candidate)``, sorted and unique)
    has the highest Jaccard similarity >= ``threshold`` with ``unique`` (earliest on ties), or None.

    Example:
        >>> sets = {0: np.array([1, 2, 3, 4]), 1: np.array([1, 2, 3, 4, 5])}
        >>> most_similar(np.array([1, 2, 3, 4, 5]), [0, 1], sets.__getitem__, 0.8)
        (1, 1.0)
    """
    best: tuple[int, float] | None = None
    for candidate in candidates:
        other = shingle_set(candidate)
        small, large = sorted((len(unique), len(other)))
        if small < threshold * large:
            continue  # sizes alone rule it out
        common = len(np.intersect1d(unique, other, assume_unique=True))
        jaccard = common / (len(unique) + len(other) - common)
        if jaccard >= threshold and (best is None or jaccard > best[1]):
            best = (candidate, jaccard)
    return best
