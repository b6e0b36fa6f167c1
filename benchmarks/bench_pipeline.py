"""Whole-pipeline throughput, memory and 2-worker speed-up on generated corpora (issue 11).

For each size (default 10,000 and 100,000 articles; ``--quick``: 10,000 only) it writes a corpus
of articles made of real sentences (the seeds', :func:`common.write_generated_corpus`; 40
outlets, 2003-2026) and runs ``helpers.pipeline.run_pipeline`` from scratch with 1 and with 2
worker processes. It reports:

- end-to-end MB/s (raw MB / wall seconds of the whole run: scan, ingest, duplicate pass, the
  four analyses, writing Parquet, aggregates);
- per-stage MB/s: clean-text MB / seconds summed over partitions for each worker stage (ingest,
  numbers, actors, framing, attributions, write), wall seconds for the driver stages;
- peak RSS of any worker process (ru_maxrss) and of the driver;
- the speed-up of 2 workers over 1;
- how long a notebook takes to open a result of 1,000,000 articles (synthetic rows written in
  the pipeline's layout, aggregated by DuckDB): open_results + reading every aggregate.

Targets (issue 11, this 2-core machine): end to end >= 5 MB/s on one worker, >= 1.7x with two
workers, peak RSS per worker < 1 GB, opening a 1M-article result < 5 s. Prints PASS/FAIL per target and exits 1 on a miss.

Run: ``.venv/bin/python benchmarks/bench_pipeline.py --quick`` (or ``--sizes 2000`` while developing).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, a sibling script

from common import MB, sentence_pool, write_generated_corpus

from helpers.pipeline import run_pipeline

END_TO_END_MB_S = 5.0
SPEED_UP = 1.7
RSS_MB = 1000.0
OPEN_SECONDS = 5.0
WORKER_STAGES = ("ingest", "read", "numbers", "actors", "framing", "attributions", "write")
DRIVER_STAGES = ("scan", "duplicates", "aggregates")


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
        return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"
    except OSError:
        return "load average unavailable"


def run_once(corpus: Path, workers: int, partition_size: int, scratch: Path) -> dict[str, object]:
    out = scratch / f"out-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    summary = run_pipeline(corpus, out, workers=workers, partition_size=partition_size)
    seconds = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": seconds, "stage": summary.stage_seconds, "driver": summary.seconds,
            "rss": summary.peak_rss_mb_per_worker, "text_mb": summary.text_bytes / MB,
            "partitions": summary.partitions}


def time_open(n_articles: int, scratch: Path, per_partition: int = 1000, actors_per_article: int = 5) -> bool:
    """Write a result folder of ``n_articles`` synthetic rows (articles and actor mentions, as the
    pipeline lays them out), aggregate it, then time what a notebook does: open_results and read
    every aggregate. PASS if that takes under OPEN_SECONDS."""
    import numpy as np
    import pandas as pd

    from helpers.pipeline import open_results
    from helpers.pipeline.aggregates import AGGREGATES, write_aggregates
    from helpers.pipeline.storage import write_json, write_parquet

    out = scratch / f"open-{n_articles}"
    shutil.rmtree(out, ignore_errors=True)
    rng = np.random.default_rng(0)
    actor_ids = np.array([f"actor_{i:02d}" for i in range(90)])
    started = time.perf_counter()
    for part, first in enumerate(range(0, n_articles, per_partition)):
        ids = np.array([f"{i:07d}" for i in range(first, min(first + per_partition, n_articles))])
        outlets = np.array([f"Outlet {i:02d}" for i in range(40)] + ["unknown"])[rng.integers(0, 41, len(ids))]
        articles = pd.DataFrame({"article_id": ids, "file": ids, "sha256": "", "outlet": outlets, "outlet_ar": "",
                                 "outlet_country": "", "outlet_type": "",
                                 "published": [f"{y}-{m:02d}-01" for y, m in zip(rng.integers(2003, 2027, len(ids)),
                                                                                  rng.integers(1, 13, len(ids)))],
                                 "date_precision": "day", "evidence": "", "title": "", "source_line": "",
                                 "n_words": rng.integers(200, 900, len(ids)), "n_sentences": 20})
        write_parquet(articles, out / "articles" / f"p{part:05d}.parquet")
        n = len(ids) * actors_per_article
        start = rng.integers(0, 4000, n)
        actors = pd.DataFrame({"article_id": np.repeat(ids, actors_per_article), "sentence_id": rng.integers(0, 20, n),
                               "actor_id": actor_ids[rng.integers(0, 90, n)], "surface": "", "start": start,
                               "end": start + 5, "alias": ""})
        write_parquet(actors, out / "actors" / f"p{part:05d}.parquet")
    write_parquet(pd.DataFrame({"file": ["x"], "article_id": ["x"], "status": ["ingested"], "reason": [""],
                                "encoding": [""], "n_bytes": [0], "sha256": [""]}), out / "ingest_report.parquet")
    written = time.perf_counter() - started
    started = time.perf_counter()
    write_aggregates(out)
    aggregated = time.perf_counter() - started
    write_json({"partitions": -(-n_articles // per_partition)}, out / "_state" / "run_log.json")
    started = time.perf_counter()
    results = open_results(out)
    sizes = {name: len(results.aggregate(name)) for name in AGGREGATES}
    count = results.sql("SELECT count(*) AS n FROM articles")["n"].iloc[0]
    opened = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    print(f"\n== opening a {n_articles:,}-article result ({count:,} article rows, "
          f"{n_articles * actors_per_article:,} actor mentions; written in {written:.0f} s, aggregated by DuckDB "
          f"in {aggregated:.1f} s)")
    print(f"   open_results + every aggregate + count(*) of articles: {opened:.2f} s; aggregate rows {sizes}")
    passed = opened < OPEN_SECONDS
    print(f"{'PASS' if passed else 'FAIL'}: a notebook opens it in {opened:.2f} s (target < {OPEN_SECONDS:g} s)")
    return passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="articles per corpus")
    parser.add_argument("--quick", action="store_true", help="only the 10,000-article corpus")
    parser.add_argument("--repeats", type=int, default=1, help="runs per worker count (the median is reported)")
    parser.add_argument("--partition-size", type=int, default=1000, help="files per partition (default 1000)")
    parser.add_argument("--scratch", default=None, help="folder for the generated corpora (default: a temp folder)")
    parser.add_argument("--open-articles", type=int, default=1_000_000,
                        help="size of the synthetic result whose opening is timed (0: skip; default 1,000,000)")
    args = parser.parse_args(argv)
    sizes = [10_000] if args.quick else args.sizes

    print(f"machine: {_load()}")
    pool = sentence_pool()
    scratch = Path(args.scratch or tempfile.mkdtemp(prefix="bench-pipeline-"))
    ok = True
    try:
        for size in sizes:
            corpus = scratch / f"corpus-{size}"
            shutil.rmtree(corpus, ignore_errors=True)
            raw_mb = write_generated_corpus(corpus, size, pool=pool)
            print(f"\n== {size:,} articles, {raw_mb:.1f} MB raw, partitions of {args.partition_size}")
            medians: dict[int, float] = {}
            for workers in (1, 2):
                runs = [run_once(corpus, workers, args.partition_size, scratch) for _ in range(args.repeats)]
                seconds = statistics.median(r["seconds"] for r in runs)  # type: ignore[misc]
                medians[workers] = seconds
                last = runs[-1]
                stage: dict[str, float] = last["stage"]  # type: ignore[assignment]
                driver: dict[str, float] = last["driver"]  # type: ignore[assignment]
                text_mb = float(last["text_mb"])  # type: ignore[arg-type]
                rss = float(last["rss"])  # type: ignore[arg-type]
                print(f"-- {workers} worker(s): {seconds:8.1f} s wall (median of {len(runs)}), "
                      f"end to end {raw_mb / seconds:6.2f} MB/s; peak RSS per worker {rss:.0f} MB")
                for name in WORKER_STAGES:
                    if name in stage and stage[name] > 0:
                        print(f"   {name:<14} {stage[name]:8.1f} s (summed over partitions) "
                              f"{(raw_mb if name == 'ingest' else text_mb) / stage[name]:8.2f} MB/s per core")
                for name in DRIVER_STAGES:
                    if name in driver:
                        print(f"   {name:<14} {driver[name]:8.1f} s (driver, wall)")
                if workers == 1:
                    passed = raw_mb / seconds >= END_TO_END_MB_S
                    ok &= passed
                    print(f"{'PASS' if passed else 'FAIL'}: end to end on one worker {raw_mb / seconds:.2f} MB/s "
                          f"(target >= {END_TO_END_MB_S:g})")
                passed = rss < RSS_MB
                ok &= passed
                print(f"{'PASS' if passed else 'FAIL'}: peak RSS per worker {rss:.0f} MB (target < {RSS_MB:g} MB)")
            speed_up = medians[1] / medians[2]
            passed = speed_up >= SPEED_UP
            ok &= passed
            print(f"{'PASS' if passed else 'FAIL'}: speed-up with 2 workers {speed_up:.2f}x (target >= {SPEED_UP:g}x)")
        if args.open_articles:
            ok &= time_open(args.open_articles, scratch)
        driver_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB
        print(f"\ndriver peak RSS {driver_rss:.0f} MB; {_load()}")
    finally:
        if args.scratch is None:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
