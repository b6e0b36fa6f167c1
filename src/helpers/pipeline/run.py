"""Orchestration: scan the corpus, assign files to stable partitions, run the tasks on Dask.

Steps of :func:`run_pipeline` (the driver holds file names, hashes and report rows; never the
corpus text):

1. **Scan** ``CORPUS/raw`` (only regular files directly inside it are read) and
   ``CORPUS/metadata.csv``; sha256 every file. Unreadable entries, hidden files, files whose
   sha256 differs from their metadata row and exact byte duplicates are decided here, in the
   same order and with the same reasons as :func:`helpers.corpus.load_corpus`.
2. **Assign** every other file to a partition. The assignment is kept in
   ``OUT/_state/assignment.parquet``: a file keeps its partition while its bytes are unchanged,
   and new or changed files go into new partitions of ``partition_size`` files (a delta), so
   the partitions of a processed corpus stay as they are when articles are added.
3. **Ingest** each partition whose key (its files' sha256, their metadata rows, the furniture
   rules, the code) changed, on Dask (:func:`helpers.pipeline.tasks.ingest_partition`).
4. **Duplicate pass** in the driver over the ingested texts in load order, one partition's
   texts in memory at a time (:class:`helpers.pipeline.ingest.DuplicateIndex`). Writes
   ``ingest_report.parquet``.
5. **Analyse** each partition whose key (ingest key, kept files, lexicons, code) differs from
   its manifest ``OUT/_manifest/pNNNNN.json``, on Dask (:func:`helpers.pipeline.tasks.analyse_partition`).
   A partition's tables are written before its manifest, so a crash leaves finished partitions
   finished and the next run resumes from them.
6. **Aggregate** with DuckDB over the Parquet files (:mod:`helpers.pipeline.aggregates`).

``OUT/_state/run_log.json`` records which partitions each stage computed and which it reused.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from helpers import paths
from helpers.ingestion.load import is_inside_folder, is_unsafe_file_name
from helpers.ingestion.metadata import METADATA_COLUMNS, read_metadata
from helpers.pipeline import aggregates
from helpers.pipeline.ingest import DuplicateIndex, IngestResult, duplicate_result
from helpers.pipeline.storage import (
    content_key,
    files_key,
    read_json,
    read_parquet,
    write_json,
    write_parquet,
)
from helpers.pipeline.tasks import (
    MENTION_TABLES,
    REPORT_FIELDS,
    analyse_partition,
    ingest_partition,
    part_name,
)

__all__ = ["run_pipeline", "RunSummary", "DEFAULT_PARTITION_SIZE", "PIPELINE_VERSION", "TABLES"]

log = logging.getLogger("helpers.pipeline")

#: Files per partition: about 2-3 MB of text with news-sized articles; a worker's memory is a
#: few times one partition's text plus the lexicon matchers.
DEFAULT_PARTITION_SIZE = 1000
#: Bumped when the layout of the output changes (part of every partition key).
PIPELINE_VERSION = "1"
#: Per-partition tables under OUT/<table>/pNNNNN.parquet.
TABLES = ("articles", "texts", "sentences", "cleaning_audit", *MENTION_TABLES)


@dataclass
class RunSummary:
    """What a run did: partitions computed and reused per stage, seconds per stage, peak RSS."""

    out: Path
    partitions: int
    ingest_computed: list[int] = field(default_factory=list)
    ingest_reused: list[int] = field(default_factory=list)
    analyse_computed: list[int] = field(default_factory=list)
    analyse_reused: list[int] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb_per_worker: float = 0.0
    status_counts: dict[str, int] = field(default_factory=dict)
    text_bytes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"partitions": self.partitions, "ingest_computed": self.ingest_computed,
                "ingest_reused": self.ingest_reused, "analyse_computed": self.analyse_computed,
                "analyse_reused": self.analyse_reused, "seconds": self.seconds,
                "stage_seconds": self.stage_seconds, "peak_rss_mb_per_worker": self.peak_rss_mb_per_worker,
                "status_counts": self.status_counts, "text_bytes": self.text_bytes}


# --------------------------------------------------------------------------------------------
# Versions (parts of every key)


#: Modules that do not change the pipeline's tables (display only): not part of the code version.
_DISPLAY_ONLY = {"presentation", "figures.py", "rtl.py", "kwic.py", "reproduce.py"}


def code_version() -> str:
    """sha256 over the helpers package's Python files (display-only modules aside): a change to
    a rule reprocesses every partition; a change to a plot does not."""
    package = Path(__file__).resolve().parents[1]
    return files_key(p for p in package.rglob("*.py")
                     if not _DISPLAY_ONLY & set(p.relative_to(package).parts))


def lexicon_version() -> str:
    """sha256 over the lexicon CSVs the analyses read (``corpus/lexicons/*.csv`` of the project)."""
    return files_key(paths.lexicon_path("furniture.csv").parent.glob("*.csv"))


# --------------------------------------------------------------------------------------------
# Scan


@dataclass
class _Scan:
    candidates: list[tuple[str, str, dict[str, str] | None]]  # (name, sha256, metadata row) to ingest
    report: list[dict[str, Any]]  # rows decided in the driver


def raw_of(corpus_dir: Path) -> Path:
    """The raw folder of a corpus folder."""
    return corpus_dir / "raw"


def _label(name: str, row: dict[str, str] | None) -> str:
    return f"article {row['article_id']} ({name})" if row else name


def _scan(raw: Path, metadata: Path) -> _Scan:
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist: the corpus folder needs raw/ with one "
                                "article per file and metadata.csv")
    if not metadata.is_file():
        raise FileNotFoundError(f"metadata file {metadata} does not exist: create it with the columns "
                                f"{METADATA_COLUMNS} (one row per article)")
    rows = read_metadata(metadata.read_bytes(), str(metadata))
    by_file = {row["file"]: row for row in rows}
    root = raw.resolve()
    report: list[dict[str, Any]] = []

    def add(name: str, row: dict[str, str] | None, status: str, reason: str, **facts: Any) -> None:
        report.append({"file": name, "article_id": row["article_id"] if row else "", "status": status,
                       "reason": reason, "encoding": "", "n_bytes": facts.get("n_bytes", 0),
                       "sha256": facts.get("sha256", "")})

    present: set[str] = set()
    entries: list[tuple[str, str | None, str, int]] = []  # name, sha256 or None, reason, size
    with os.scandir(raw) as listing:
        found = sorted(listing, key=lambda e: e.name)
    for entry in found:
        present.add(entry.name)
        if entry.is_symlink() and not is_inside_folder(Path(entry.path), root):
            entries.append((entry.name, None, "symlink pointing outside the raw folder: never read; copy the "
                                              "article into the folder instead", 0))
        elif entry.is_dir():
            entries.append((entry.name, None, "a folder: articles must be files directly inside the raw folder", 0))
        elif not entry.is_file():
            entries.append((entry.name, None, "not a regular file (device, socket or broken link): never read", 0))
        else:
            file_sha, size = _sha256_file(Path(entry.path))
            entries.append((entry.name, file_sha, "", size))
    for row in rows:
        where = f"metadata.csv row {row['_row_no']}"
        if is_unsafe_file_name(row["file"]):
            add(row["file"], row, "rejected", f"{where}: file {row['file']!r} is not a plain file name inside the "
                "raw folder; never read. Use the bare file name of a file in corpus/raw")
        elif row["file"] not in present:
            add(row["file"], row, "missing-file", f"{where} names {row['file']!r}, which is not in the raw "
                "folder: add the file or delete the row")

    entries.sort(key=lambda e: _order(e[0], by_file))
    seen: dict[str, str] = {}
    candidates: list[tuple[str, str, dict[str, str] | None]] = []
    for name, digest, why, size in entries:
        meta = by_file.get(name)
        if digest is None:
            add(name, meta, "rejected", why)
            continue
        facts = {"n_bytes": size, "sha256": digest}
        if name.startswith("."):
            add(name, meta, "rejected", "hidden file: not an article, not read further (remove it from the raw "
                "folder if it is not needed)", **facts)
        elif meta and meta["sha256"] and meta["sha256"].lower() != digest:
            add(name, meta, "rejected", f"sha256 differs from metadata.csv row {meta['_row_no']}: the file changed "
                "since it was described; restore it, or add the new version as a new article with its own row",
                **facts)
        elif digest in seen:
            add(name, meta, "duplicate", f"same bytes (sha256) as {seen[digest]}, which is kept", **facts)
        else:
            seen[digest] = _label(name, meta)
            candidates.append((name, digest, meta))
    return _Scan(candidates, report)


def _order(name: str, by_file: dict[str, dict[str, str]]) -> tuple[int, str, str]:
    """Load order, as :func:`helpers.ingestion.load.load_corpus`: files with metadata by article_id
    (numeric ids in numeric order: 999 before 1000), then the others by name."""
    row = by_file.get(name)
    if row is None:
        return (1, "", name)
    article_id = row["article_id"]
    return (0, article_id.zfill(24) if article_id.isdigit() else article_id, name)


def _sha256_file(path: Path) -> tuple[str, int]:
    import hashlib

    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


# --------------------------------------------------------------------------------------------
# Partition assignment (stable under additions)


def _assign(candidates: list[tuple[str, str, dict[str, str] | None]], state: Path,
            partition_size: int) -> dict[str, int]:
    """Partition of every candidate file: kept from the previous run if its bytes are unchanged,
    else a new partition (files in load order, ``partition_size`` per partition)."""
    previous: dict[str, tuple[str, int]] = {}
    if state.is_file():
        table = read_parquet(state)
        previous = {f: (s, int(p)) for f, s, p in zip(table["file"], table["sha256"], table["partition"])}
    assignment: dict[str, int] = {}
    new: list[str] = []
    for name, digest, _ in candidates:
        before = previous.get(name)
        if before is not None and before[0] == digest:
            assignment[name] = before[1]
        else:
            new.append(name)
    next_id = max((p for _, p in previous.values()), default=-1) + 1
    for offset in range(0, len(new), partition_size):
        for name in new[offset:offset + partition_size]:
            assignment[name] = next_id
        next_id += 1
    digests = {name: digest for name, digest, _ in candidates}
    write_parquet(pd.DataFrame({"file": list(assignment), "sha256": [digests[n] for n in assignment],
                                "partition": list(assignment.values())}).sort_values("file"), state)
    return assignment


# --------------------------------------------------------------------------------------------
# Dask


def _compute(tasks: list[Any], workers: int | None, scheduler: str | None) -> list[dict[str, Any]]:
    """Run delayed ``tasks``: on the cluster at ``scheduler`` if given; else with one worker in this
    process (Dask's synchronous scheduler: no process start-up, what a notebook on a small corpus
    wants); else on a local pool of ``workers`` processes (default: one per core), so the GIL
    does not serialise the work."""
    import dask

    if not tasks:
        return []
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            return list(dask.compute(*tasks, scheduler=client.get))
    count = workers or os.cpu_count() or 1
    if count == 1:  # one after the other, in partition order
        return [dask.compute(task, scheduler="sync")[0] for task in tasks]
    return list(dask.compute(*tasks, scheduler="processes", num_workers=count))


# --------------------------------------------------------------------------------------------
# The run


class _ColumnCache:
    """One column of the ingest cache by file name, one partition's worth at a time (LRU)."""

    def __init__(self, cache_dir: Path, partition_of: dict[str, int], column: str, size: int = 2) -> None:
        self.cache_dir, self.partition_of, self.column, self.size = cache_dir, partition_of, column, size
        self.loaded: OrderedDict[int, dict[str, Any]] = OrderedDict()

    def get(self, name: str) -> Any:
        partition = self.partition_of[name]
        if partition not in self.loaded:
            table = pq.read_table(self.cache_dir / part_name(partition) / "files.parquet",
                                  columns=["file", self.column])
            self.loaded[partition] = dict(zip(table.column("file").to_pylist(), table.column(self.column).to_pylist()))
            while len(self.loaded) > self.size:
                self.loaded.popitem(last=False)
        self.loaded.move_to_end(partition)
        return self.loaded[partition][name]


def run_pipeline(corpus: str | os.PathLike[str], out: str | os.PathLike[str], *, workers: int | None = None,
                 scheduler: str | None = None, partition_size: int = DEFAULT_PARTITION_SIZE,
                 progress: Callable[[str], None] | None = None,
                 _fail_partitions: Iterable[int] = ()) -> RunSummary:
    """Ingest ``corpus`` (a folder with ``raw/`` and ``metadata.csv``) and write every table to ``out``.

    ``workers``: local worker processes (default: all cores; 1 runs in this process).
    ``scheduler``: address of a
    dask.distributed scheduler (``tcp://host:8786``); its workers must see ``corpus`` and ``out``
    at the same paths. ``partition_size``: files per new partition. ``_fail_partitions``:
    partitions whose analysis raises (to test resuming). Returns a :class:`RunSummary`, also
    written to ``out/_state/run_log.json``.
    """
    import dask

    say = progress or (lambda message: log.info(message))
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    corpus_dir, out_dir = Path(corpus).resolve(), Path(out).resolve()
    if out_dir == corpus_dir or out_dir == raw_of(corpus_dir) or raw_of(corpus_dir) in out_dir.parents:
        raise ValueError(f"output folder {out_dir} must not be the corpus folder or inside its raw/ folder")
    raw = raw_of(corpus_dir)
    state = out_dir / "_state"
    cache = out_dir / "_cache" / "ingest"
    started = time.perf_counter()
    clock = started
    summary = RunSummary(out_dir, 0)

    scan = _scan(raw, corpus_dir / "metadata.csv")
    assignment = _assign(scan.candidates, state / "assignment.parquet", partition_size)
    members: dict[int, list[tuple[str, str, dict[str, str] | None]]] = {}
    for candidate in scan.candidates:
        members.setdefault(assignment[candidate[0]], []).append(candidate)
    summary.partitions = len(members)
    summary.seconds["scan"] = time.perf_counter() - clock
    say(f"scanned {len(scan.candidates) + len(scan.report)} input(s): {len(scan.candidates)} file(s) to ingest "
        f"in {len(members)} partition(s)")

    # Ingest
    clock = time.perf_counter()
    code = code_version()
    furniture = files_key([paths.lexicon_path("furniture.csv")])
    ingest_keys = {p: content_key("ingest", PIPELINE_VERSION, code, furniture,
                                  [(n, d, row) for n, d, row in group]) for p, group in members.items()}
    tasks = []
    for partition, group in sorted(members.items()):
        manifest = read_json(cache / part_name(partition) / "manifest.json")
        if manifest is not None and manifest.get("key") == ingest_keys[partition]:
            summary.ingest_reused.append(partition)
            continue
        summary.ingest_computed.append(partition)
        tasks.append(dask.delayed(ingest_partition, pure=False)(
            partition, str(raw), [(n, row) for n, _, row in group], ingest_keys[partition], str(cache)))
    say(f"ingest: {len(tasks)} partition(s) to compute, {len(summary.ingest_reused)} reused")
    ingest_stats = _compute(tasks, workers, scheduler)
    summary.seconds["ingest"] = time.perf_counter() - clock

    # Duplicate pass (driver; text of one or two partitions in memory at a time)
    clock = time.perf_counter()
    reports: list[pd.DataFrame] = []
    for partition in sorted(members):
        reports.append(read_parquet(cache / part_name(partition) / "files.parquet", columns=REPORT_FIELDS))
    ingested = pd.concat(reports, ignore_index=True) if reports else pd.DataFrame(columns=REPORT_FIELDS)
    by_name = {name: row for name, _, row in scan.candidates}
    texts = _ColumnCache(cache, assignment, "text")
    keys = _ColumnCache(cache, assignment, "lsh_keys")
    text_shas = _ColumnCache(cache, assignment, "text_sha")
    index = DuplicateIndex(fetch_text=lambda label: texts.get(label))
    status = dict(zip(ingested["file"], ingested["status"]))
    reason = dict(zip(ingested["file"], ingested["reason"]))
    for name, _, _ in scan.candidates:  # load order
        if status.get(name) not in ("ingested", "needs-metadata"):
            continue
        verdict, twin = index.add(name, text_shas.get(name), keys.get(name) or [])
        if twin is not None:
            result = duplicate_result(IngestResult(None, {"status": status[name], "reason": reason[name]}),
                                      verdict, _label(twin, by_name[twin]), index.last_jaccard)
            status[name], reason[name] = "duplicate", str(result.report["reason"])
    ingested["status"] = ingested["file"].map(status)
    ingested["reason"] = ingested["file"].map(reason)
    report = pd.concat([ingested, pd.DataFrame(scan.report, columns=REPORT_FIELDS)], ignore_index=True)
    report["article_id"] = report["article_id"].fillna("").astype(str)
    report = report.assign(_empty=report["article_id"].eq("")).sort_values(["_empty", "article_id", "file"],
                                                                           kind="stable")
    report = report.drop(columns="_empty").reset_index(drop=True)
    report["n_bytes"] = report["n_bytes"].astype("int64")
    write_parquet(report, out_dir / "ingest_report.parquet")
    summary.status_counts = {str(k): int(v) for k, v in report["status"].value_counts().sort_index().items()}
    kept_by_partition: dict[int, list[str]] = {p: [] for p in members}
    for name, _, _ in scan.candidates:
        if status.get(name) == "ingested":
            kept_by_partition[assignment[name]].append(name)
    for column_cache in (texts, keys, text_shas):
        column_cache.loaded.clear()
    summary.seconds["duplicates"] = time.perf_counter() - clock

    # Analyse
    clock = time.perf_counter()
    lexicons = lexicon_version()
    fail = set(_fail_partitions)
    tasks = []
    for partition in sorted(members):
        kept_files = sorted(kept_by_partition[partition])
        key = content_key("analyse", PIPELINE_VERSION, ingest_keys[partition], code, lexicons, kept_files)
        manifest = read_json(out_dir / "_manifest" / f"{part_name(partition)}.json")
        if manifest is not None and manifest.get("key") == key and all(
                (out_dir / table / f"{part_name(partition)}.parquet").is_file() for table in TABLES):
            summary.analyse_reused.append(partition)
            continue
        summary.analyse_computed.append(partition)
        tasks.append(dask.delayed(analyse_partition, pure=False)(
            partition, str(cache), kept_files, key, str(out_dir), partition in fail))
    say(f"analyse: {len(tasks)} partition(s) to compute, {len(summary.analyse_reused)} reused")
    try:
        analyse_stats = _compute(tasks, workers, scheduler)
    finally:
        summary.seconds["analyse"] = time.perf_counter() - clock
        write_json({"incomplete": True, **summary.as_dict()}, state / "run_log.json")
    _remove_stale(out_dir, cache, set(members))

    # Aggregates
    clock = time.perf_counter()
    aggregates.write_aggregates(out_dir)
    summary.seconds["aggregates"] = time.perf_counter() - clock
    summary.seconds["total"] = time.perf_counter() - started

    stage: dict[str, float] = {}
    rss = 0.0
    for stats in [*ingest_stats, *analyse_stats]:
        for name, value in stats["seconds"].items():
            stage[name] = stage.get(name, 0.0) + float(value)
        rss = max(rss, float(stats["peak_rss_mb"]))
    for partition in members:
        manifest = read_json(out_dir / "_manifest" / f"{part_name(partition)}.json") or {}
        summary.text_bytes += int(manifest.get("text_bytes", 0))
    summary.stage_seconds = stage
    summary.peak_rss_mb_per_worker = rss
    write_json(summary.as_dict(), state / "run_log.json")
    say(f"done in {summary.seconds['total']:.1f} s: " + ", ".join(f"{k} {v}" for k, v in summary.status_counts.items()))
    return summary


def _remove_stale(out_dir: Path, cache: Path, partitions: set[int]) -> None:
    """Delete the files of partitions that no longer exist (all their files were removed)."""
    current = {part_name(p) for p in partitions}
    for table in TABLES:
        for path in (out_dir / table).glob("p*.parquet"):
            if path.stem not in current:
                path.unlink()
    for path in (out_dir / "_manifest").glob("p*.json"):
        if path.stem not in current:
            path.unlink()
    if cache.is_dir():
        for folder in cache.iterdir():
            if folder.name.startswith("p") and folder.name not in current:
                shutil.rmtree(folder)
