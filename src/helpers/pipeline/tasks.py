"""The two kinds of partition task the pipeline runs on Dask workers.

- :func:`ingest_partition`: read the partition's files, run :func:`helpers.pipeline.ingest.ingest_file`
  on each, write ``_cache/ingest/pNNNNN/`` (files, sentences, audit).
- :func:`analyse_partition`: read the articles the duplicate pass kept from that cache, run the
  four corpus-level analyses (team contract 3), write one Parquet file per table and then, last,
  the partition's manifest.

Both are pure functions of their arguments plus the files they read; each returns a small dict
(timings, row counts, peak RSS of the worker process), never data, so the driver holds no text.
"""

from __future__ import annotations

import gc
import resource
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.pipeline.ingest import ARTICLE_FIELDS, ingest_file, lsh_keys, text_sha256
from helpers.pipeline.storage import read_parquet, write_json, write_parquet

__all__ = ["ingest_partition", "analyse_partition", "MENTION_TABLES", "ARTICLE_TABLE_COLUMNS",
           "part_name", "peak_rss_mb", "PartitionFailure"]

REPORT_FIELDS = ["file", "article_id", "status", "reason", "encoding", "n_bytes", "sha256"]
#: The articles table: every article column except the text (which is in ``texts``).
ARTICLE_TABLE_COLUMNS = [c for c in ARTICLE_FIELDS if c != "text"]
#: Mention tables: name -> the analysis that makes it.
MENTION_TABLES = ("numbers", "actors", "framing", "attributions")


class PartitionFailure(RuntimeError):
    """Raised on purpose in a partition (tests simulate a crash with it)."""


def part_name(partition: int) -> str:
    """File stem of a partition: ``p00042``."""
    return f"p{partition:05d}"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1_000_000


def ingest_partition(partition: int, raw_dir: str, members: list[tuple[str, dict[str, str] | None]],
                     key: str, cache_dir: str) -> dict[str, Any]:
    """Ingest the files ``members`` (name, metadata row or None) of ``raw_dir`` into the cache."""
    started = time.perf_counter()
    files: list[dict[str, Any]] = []
    sentences: list[dict[str, Any]] = []
    audit: list[dict[str, Any]] = []
    size = 0
    from helpers.ingestion.furniture import load_furniture_rules

    rules = load_furniture_rules()  # once per partition (each call re-checks the file)
    folder = Path(raw_dir)
    collecting = gc.isenabled()
    gc.disable()  # many small objects that all stay alive until written: nothing for the collector
    try:
        for name, meta in members:
            with open(folder / name, "rb") as handle:
                data = handle.read()
            size += len(data)
            result = ingest_file(name, data, meta, rules)
            row: dict[str, Any] = dict(result.report)
            row.update(result.article or {})
            if result.text is not None:  # ingested or needs-metadata: the duplicate pass compares it
                row.update(text=result.text, text_sha=text_sha256(result.text), lsh_keys=lsh_keys(result.text, result.shingles))
            if result.article is not None:
                article_id = result.article["article_id"]
                sentences.extend({"article_id": article_id, "sentence_id": i, "start": start, "end": end}
                                 for i, (start, end) in enumerate(result.spans))
            files.append(row)
            audit.extend(result.audit)
    finally:
        if collecting:
            gc.enable()
    columns = list(dict.fromkeys([*REPORT_FIELDS, *ARTICLE_FIELDS, "text_sha", "lsh_keys"]))
    target = Path(cache_dir) / part_name(partition)
    write_parquet(pd.DataFrame(files, columns=columns), target / "files.parquet")
    write_parquet(pd.DataFrame(sentences, columns=["article_id", "sentence_id", "start", "end"]),
                  target / "sentences.parquet")
    write_parquet(pd.DataFrame(audit, columns=["article_id", "file", "line_no", "line", "reason"]),
                  target / "audit.parquet")
    seconds = time.perf_counter() - started
    summary = {"partition": partition, "key": key, "files": len(members), "bytes": size,
               "seconds": {"ingest": seconds}, "peak_rss_mb": peak_rss_mb()}
    write_json(summary, target / "manifest.json")
    return summary


def with_sentence_ids(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``mentions`` with ``sentence_id`` (the sentence holding ``start``) and without ``sentence`` text.

    Example:
        >>> s = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "start": [0, 10], "end": [9, 20]})
        >>> m = pd.DataFrame({"article_id": ["a", "a"], "start": [12, 3], "sentence": ["x", "y"]})
        >>> with_sentence_ids(m, s)[["start", "sentence_id"]].values.tolist()
        [[3, 0], [12, 1]]
    """
    frame = mentions.drop(columns=[c for c in ("sentence",) if c in mentions.columns])
    if "sentence_id" not in frame.columns:
        frame = frame.reset_index(drop=True)
        ids = np.zeros(len(frame), dtype=np.int64)
        if len(frame) and len(sentences):
            left = pd.DataFrame({"article_id": frame["article_id"].astype(str).to_numpy(),
                                 "start": frame["start"].astype("int64").to_numpy(),
                                 "row": np.arange(len(frame))}).sort_values("start", kind="stable")
            right = pd.DataFrame({"article_id": sentences["article_id"].astype(str).to_numpy(),
                                  "start": sentences["start"].astype("int64").to_numpy(),
                                  "sentence_id": sentences["sentence_id"].astype("int64").to_numpy()}
                                 ).sort_values("start", kind="stable")
            found = pd.merge_asof(left, right, on="start", by="article_id", direction="backward")
            ids[found["row"].to_numpy()] = found["sentence_id"].fillna(0).astype("int64").to_numpy()
        frame.insert(1, "sentence_id", ids)
    return frame.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def analyse_partition(partition: int, cache_dir: str, kept: list[str], key: str, out_dir: str,
                      fail: bool = False) -> dict[str, Any]:
    """Run every analysis on the ``kept`` files of the partition; write its tables and manifest.

    ``fail`` raises :class:`PartitionFailure` after the analyses, before anything is written
    (tests use it to simulate a worker crash).
    """
    from helpers import actors, attributions, framing, numbers

    out = Path(out_dir)
    name = part_name(partition)
    manifest_path = out / "_manifest" / f"{name}.json"
    manifest_path.unlink(missing_ok=True)  # the partition is "not done" until its new manifest lands
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    source = Path(cache_dir) / name
    files = read_parquet(source / "files.parquet")
    wanted = set(kept)
    articles = files[files["file"].isin(wanted)][ARTICLE_FIELDS].sort_values("article_id").reset_index(drop=True)
    ids = set(articles["article_id"])
    sentences = read_parquet(source / "sentences.parquet")
    sentences = sentences[sentences["article_id"].isin(ids)].reset_index(drop=True)
    audit = read_parquet(source / "audit.parquet")
    audit = audit[audit["article_id"].isin(ids)].reset_index(drop=True)
    seconds["read"] = time.perf_counter() - clock

    tables: dict[str, pd.DataFrame] = {}
    collecting = gc.isenabled()
    gc.disable()
    try:
        for table, run in (("numbers", numbers.extract_numbers_corpus),
                           ("actors", actors.find_actor_mentions_corpus),
                           ("framing", framing.framing_mentions)):
            clock = time.perf_counter()
            tables[table] = run(articles)
            seconds[table] = time.perf_counter() - clock
        clock = time.perf_counter()
        tables["attributions"] = attributions.attributions(articles, actor_mentions=tables["actors"])
        seconds["attributions"] = time.perf_counter() - clock
    finally:
        if collecting:
            gc.enable()
    if fail:
        raise PartitionFailure(f"partition {name}: failure requested (simulated crash)")

    clock = time.perf_counter()
    rows = {}
    for table in MENTION_TABLES:
        frame = with_sentence_ids(tables[table], sentences)
        rows[table] = len(frame)
        write_parquet(frame, out / table / f"{name}.parquet")
    write_parquet(articles[ARTICLE_TABLE_COLUMNS], out / "articles" / f"{name}.parquet")
    write_parquet(articles[["article_id", "text"]], out / "texts" / f"{name}.parquet")
    write_parquet(sentences, out / "sentences" / f"{name}.parquet")
    write_parquet(audit, out / "cleaning_audit" / f"{name}.parquet")
    seconds["write"] = time.perf_counter() - clock
    rows.update(articles=len(articles), sentences=len(sentences), cleaning_audit=len(audit))
    manifest = {"partition": partition, "key": key, "articles": sorted(zip(articles["article_id"],
                                                                             articles["sha256"])),
                "text_bytes": int(sum(len(t.encode("utf-8")) for t in articles["text"])),
                "rows": rows, "seconds": seconds, "peak_rss_mb": peak_rss_mb()}
    write_json(manifest, manifest_path)
    return manifest
