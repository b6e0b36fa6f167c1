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
- the speed-up of 2 workers over 1.

Targets (issue 11, this 2-core machine): end to end >= 5 MB/s on one worker, >= 1.7x with two
workers, peak RSS per worker < 1 GB. Prints PASS/FAIL per target and exits 1 on a miss.

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="articles per corpus")
    parser.add_argument("--quick", action="store_true", help="only the 10,000-article corpus")
    parser.add_argument("--repeats", type=int, default=1, help="runs per worker count (the median is reported)")
    parser.add_argument("--partition-size", type=int, default=1000, help="files per partition (default 1000)")
    parser.add_argument("--scratch", default=None, help="folder for the generated corpora (default: a temp folder)")
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
        driver_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB
        print(f"\ndriver peak RSS {driver_rss:.0f} MB; {_load()}")
    finally:
        if args.scratch is None:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
