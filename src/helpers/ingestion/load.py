"""Ingestion of a raw folder + metadata.csv into clean tables, losing nothing.

:func:`ingest_file` is the pure per-file step (decode, extract HTML, clean furniture, split
sentences, check the metadata row); :class:`~helpers.ingestion.duplicates.DuplicateIndex` finds
exact and near duplicates across files; :func:`load_corpus` is built from the two. Every input
file ends as one row of ``report`` with a status and a reason:

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
    >>> c = load_corpus()
    >>> list(c.articles.columns[:3])
    ['article_id', 'file', 'sha256']
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from array import array
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.arabic.clauses import split_sentences
from helpers.ingestion.decode import decode_article_bytes, html_to_text, looks_like_html
from helpers.ingestion.duplicates import NEAR_DUPLICATE_JACCARD, SHINGLE_WORDS, DuplicateIndex, shingles_and_word_count
from helpers.ingestion.furniture import FurnitureRule, clean_article, load_furniture_rules
from helpers.ingestion.metadata import METADATA_COLUMNS, read_metadata

__all__ = [
    "ARTICLE_COLUMNS",
    "AUDIT_COLUMNS",
    "REPORT_COLUMNS",
    "SENTENCE_COLUMNS",
    "STATUSES",
    "Corpus",
    "IngestResult",
    "duplicate_result",
    "ingest_file",
    "load_corpus",
    "clear_cache",
    "write_processed",
]

ARTICLE_COLUMNS = [*METADATA_COLUMNS, "title", "text", "source_line", "n_words", "n_sentences"]
SENTENCE_COLUMNS = ["article_id", "sentence_id", "text", "start", "end"]
REPORT_COLUMNS = ["file", "article_id", "status", "reason", "encoding", "n_bytes", "sha256"]
AUDIT_COLUMNS = ["article_id", "file", "line_no", "line", "reason"]
#: Every status a report row can have, in the order summaries list them.
STATUSES = ("ingested", "duplicate", "needs-metadata", "rejected", "missing-file")


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



@dataclass
class IngestResult:
    """What :func:`ingest_file` made of one file.

    - ``article``: a dict with the :data:`ARTICLE_COLUMNS` when the file is ingested, else None;
    - ``sentences``: its sentences as dicts of :data:`SENTENCE_COLUMNS` (empty if not ingested);
    - ``report``: one dict of :data:`REPORT_COLUMNS` (status and reason);
    - ``audit``: what cleaning removed, dicts of :data:`AUDIT_COLUMNS` (empty if not ingested);
    - ``text``: the clean text whenever the file decoded and cleaned to something, ingested or
      ``needs-metadata`` (what duplicate detection compares); ``spans`` its sentence spans;
      ``shingles`` its word-shingle hashes (for :meth:`DuplicateIndex.add`).
    """

    article: dict[str, object] | None
    report: dict[str, object]
    audit: list[dict[str, object]] = field(default_factory=list)
    text: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    shingles: np.ndarray | None = None

    @property
    def sentences(self) -> list[dict[str, object]]:
        if self.article is None or self.text is None:
            return []
        article_id, text = self.article["article_id"], self.text
        return [{"article_id": article_id, "sentence_id": i, "text": text[start:end], "start": start, "end": end}
                for i, (start, end) in enumerate(self.spans)]

    @property
    def status(self) -> str:
        return str(self.report["status"])


def _report_row(file: str, article_id: str, status: str, reason: str, encoding: str = "",
                n_bytes: int = 0, sha256: str = "") -> dict[str, object]:
    return {"file": file, "article_id": article_id, "status": status, "reason": reason,
            "encoding": encoding, "n_bytes": n_bytes, "sha256": sha256}


def ingest_file(name: str, data: bytes, meta: Mapping[str, str] | None,
                rules: tuple[FurnitureRule, ...] | None = None, *, sha256: str | None = None) -> IngestResult:
    """Ingest one raw file: pure (no file I/O besides the furniture rules, read once and cached).

    ``name`` is the file name in the raw folder, ``data`` its bytes, ``meta`` its metadata.csv
    row (a dict of :data:`~helpers.ingestion.metadata.METADATA_COLUMNS`, as
    :func:`~helpers.ingestion.metadata.read_metadata` gives) or None. The file is decoded
    (HTML pages through trafilatura), cleaned of page furniture and split into sentences.
    Duplicates are not looked for here (see :class:`DuplicateIndex` and :func:`duplicate_result`).

    Example:
        >>> r = ingest_file("a.txt", "عنوان الخبر\\n\\nقال مسؤول إن القوات باقية.".encode(), None)
        >>> r.status, r.article, r.text
        ('needs-metadata', None, 'عنوان الخبر\\n\\nقال مسؤول إن القوات باقية.')
        >>> ingest_file("b.txt", b"", None).report["reason"][:5]
        'empty'
    """
    article_id = meta["article_id"] if meta else ""
    sha = sha256 or hashlib.sha256(data).hexdigest()
    facts: dict[str, object] = {"n_bytes": len(data), "sha256": sha}

    def rejected(reason: str, encoding: str = "") -> IngestResult:
        return IngestResult(None, _report_row(name, article_id, "rejected", reason, encoding, **facts))  # type: ignore[arg-type]

    if is_unsafe_file_name(name):
        return rejected("not a plain file name inside the raw folder: never read")
    if name.startswith("."):
        return rejected("hidden file: not an article, not read further (remove it from the raw folder if "
                        "it is not needed)")
    if meta and meta.get("sha256") and meta["sha256"].lower() != sha:
        row_no = meta.get("_row_no", "?")
        return rejected(f"sha256 differs from metadata.csv row {row_no}: the file changed since it was "
                        "described; restore it, or add the new version as a new article with its own row")
    decoded = decode_article_bytes(data)
    if decoded.text is None:
        return rejected(decoded.reason, decoded.encoding)
    text, encoding = decoded.text, decoded.encoding
    if looks_like_html(name, text):
        extracted = html_to_text(text)
        if extracted is None:
            return rejected("HTML page without extractable article text (trafilatura found none): save the "
                            "article text as .txt", encoding)
        text, encoding = extracted, f"{encoding} (html, text extracted by trafilatura)"
    article = clean_article(text, load_furniture_rules() if rules is None else rules)
    if not article.text.strip():
        return rejected("nothing left after cleaning: every line was page furniture (see the rules in "
                        "corpus/lexicons/furniture.csv)", encoding)
    shingles, n_words = shingles_and_word_count(article.text)
    if meta is None:
        report = _report_row(name, "", "needs-metadata", "no row in metadata.csv: add one (article_id, file, "
                             f"sha256, outlet, published, date_precision, evidence); sha256 {sha}",
                             encoding, **facts)  # type: ignore[arg-type]
        return IngestResult(None, report, text=article.text, shingles=shingles)
    spans = split_sentences(article.text)
    row = {**{c: meta.get(c, "") for c in METADATA_COLUMNS if c != "sha256"}, "sha256": sha,
           "title": article.title, "text": article.text, "source_line": article.source_line,
           "n_words": n_words, "n_sentences": len(spans)}
    audit = [{"article_id": article_id, "file": name, "line_no": r.line_no, "line": r.line, "reason": r.reason}
             for r in article.removed]
    report = _report_row(name, article_id, "ingested", f"decoded as {encoding}; {len(article.removed)} "
                         "line(s)/fragment(s) removed by cleaning", encoding, **facts)  # type: ignore[arg-type]
    return IngestResult(row, report, audit, article.text, spans, shingles)


def duplicate_result(result: IngestResult, status: str, duplicate_of: str, jaccard: float | None = None) -> IngestResult:
    """``result`` turned into a ``duplicate`` report row (``status`` from :meth:`DuplicateIndex.add`).

    Example:
        >>> r = ingest_file("a.txt", "قال مسؤول إن القوات باقية.".encode(), {"article_id": "002"})
        >>> duplicate_result(r, "near", "article 001", 0.95).report["reason"]
        'near duplicate of article 001 (word 5-gram Jaccard 0.95 >= 0.9), which is kept'
    """
    if status == "exact":
        reason = (f"near duplicate of {duplicate_of} (the same clean text: word {SHINGLE_WORDS}-gram Jaccard "
                  f"1.00 >= {NEAR_DUPLICATE_JACCARD}), which is kept")
    else:
        reason = (f"near duplicate of {duplicate_of} (word {SHINGLE_WORDS}-gram Jaccard "
                  f"{jaccard if jaccard is not None else float('nan'):.2f} >= {NEAR_DUPLICATE_JACCARD}), which is kept")
    report = {**result.report, "status": "duplicate", "reason": reason}
    return IngestResult(None, report)


# --------------------------------------------------------------------------------------------
# Loading

_CACHE: OrderedDict[str, Corpus] = OrderedDict()
_CACHE_SIZE = 4


def clear_cache() -> None:
    """Forget the corpora :func:`load_corpus` cached (benchmarks time cold loads with it)."""
    _CACHE.clear()


def is_inside_folder(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder)
    except OSError:
        return False


def is_unsafe_file_name(name: str) -> bool:
    return (name in {".", ".."} or "/" in name or "\\" in name or os.path.isabs(name)
            or name.startswith("..") or re.match(r"^[A-Za-z]:", name) is not None or "\x00" in name)



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
        if entry.is_symlink() and not is_inside_folder(Path(entry.path), root):
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
    for name, _data, reason in entries:
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
        if is_unsafe_file_name(row["file"]):
            report.append(_report_row(row["file"], row["article_id"], "rejected",
                                      f"{where}: file {row['file']!r} is not a plain file name inside the raw "
                                      "folder; never read. Use the bare file name of a file in corpus/raw"))
        elif row["file"] not in present:
            report.append(_report_row(row["file"], row["article_id"], "missing-file",
                                      f"{where} names {row['file']!r}, which is not in the raw folder: "
                                      "add the file or delete the row"))

    # Order: files with metadata by article_id, then files without metadata by name; the first
    # of a group of duplicates is the one kept.
    # Numeric ids in numeric order (999 before 1000: `make add` ids grow past three digits).
    def order(item: tuple[str, bytes | None, str]) -> tuple[int, str, str]:
        row = by_file.get(item[0])
        if row is None:
            return (1, "", item[0])
        article_id = row["article_id"]
        return (0, article_id.zfill(24) if article_id.isdigit() else article_id, item[0])

    seen_hashes: dict[str, str] = {}
    index = DuplicateIndex(NEAR_DUPLICATE_JACCARD)
    articles: list[dict[str, object]] = []
    spans: list[list[tuple[int, int]]] = []
    audit: list[dict[str, object]] = []

    ordered = sorted(entries, key=order)
    entries.clear()  # the bytes of each file are let go once it is processed (less memory held)
    for position, (name, data, reason) in enumerate(ordered):
        ordered[position] = None  # type: ignore[call-overload]
        listed = by_file.get(name)
        article_id = listed["article_id"] if listed else ""
        if data is None:
            report.append(_report_row(name, article_id, "rejected", reason))
            continue
        sha = hashes[name]
        label = f"article {article_id} ({name})" if article_id else name
        # same bytes as a file already seen: not decoded again (a hidden file or one whose
        # sha256 differs from its metadata row is rejected for that reason first)
        eligible = not name.startswith(".") and not (listed and listed["sha256"] and listed["sha256"].lower() != sha)
        if eligible and sha in seen_hashes:
            report.append(_report_row(name, article_id, "duplicate",
                                      f"same bytes (sha256) as {seen_hashes[sha]}, which is kept",
                                      n_bytes=len(data), sha256=sha))
            continue
        if eligible:
            seen_hashes[sha] = label
        result = ingest_file(name, data, listed, rules, sha256=sha)
        if result.text is not None:
            status, twin = index.add(label, result.text, result.shingles)
            if twin is not None:
                result = duplicate_result(result, status, twin, index.last_jaccard)
        report.append(result.report)
        if result.article is not None:
            articles.append(result.article)
            spans.append(result.spans)
            audit.extend(result.audit)

    sentences = _sentence_table(articles, spans)
    return Corpus(
        articles=_frame(articles, ARTICLE_COLUMNS, ["article_id"], ints=["n_words", "n_sentences"]),
        sentences=sentences,
        report=_frame(report, REPORT_COLUMNS, ["article_id", "file"], ints=["n_bytes"], empty_last="article_id"),
        audit=_frame(audit, AUDIT_COLUMNS, ["article_id", "line_no"], ints=["line_no"]),
    )


def _sentence_table(articles: list[dict[str, object]], article_spans: list[list[tuple[int, int]]]) -> pd.DataFrame:
    """The sentences of every article (spans from :func:`helpers.text.split_sentences`) as one
    frame, built column by column."""
    bounds = array("q")  # start, end, start, end, ... of every sentence (no int objects kept)
    texts: list[str] = []
    counts: list[int] = []
    ids: list[str] = []
    for article, spans in zip(articles, article_spans):
        text = str(article["text"])
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


