"""Framing throughput on generated articles (issue 11: target >= 30 MB/s on one core).

The corpus is generated from the sentences of the cleaned seed articles (shuffled with a fixed
seed, :func:`common.generated_articles`), so every article is a distinct text. Measures, per
partition of articles as the pipeline runs them:

- ``framing_mentions``: the corpus-level function (normalisation with offsets, the term and
  cue matchers, withdrawal stance, sentence ids) returning one DataFrame of mentions;
- ``framing_profile``: the counts per article from those mentions (with the word counts).

Wall-clock and CPU MB/s are printed for each of ``--repeat`` runs, then the medians of both (on
a shared machine compare CPU figures: wall time includes waiting for the CPU); the target is
checked on the median wall-clock figure of ``framing_mentions``. Exit status 1 on a miss.

Run: ``.venv/bin/python benchmarks/bench_framing.py --mb 20`` (develop with ``--mb 2``).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, a sibling script

from common import Measurement, check_target, generated_partitions, partition_benchmark_args

from helpers import framing

TARGET_MB_S = 30.0  # issue 11: framing >= 30 MB/s on one core
PARTITION = 2000    # articles per call, as a pipeline partition


def main(argv: list[str] | None = None) -> int:
    args = partition_benchmark_args(__doc__.splitlines()[0], argv)
    articles, parts, megabytes = generated_partitions(args.mb, PARTITION)
    texts = articles["text"]
    framing.framing_mentions(articles.head(3))  # warm-up: loads and compiles the lexicon once
    print(f"corpus: {len(texts)} generated articles, {megabytes:.1f} MB, partitions of {PARTITION}")

    walls: dict[str, list[float]] = {"framing_mentions": [], "framing_profile": []}
    cpus: dict[str, list[float]] = {"framing_mentions": [], "framing_profile": []}
    for run in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        mentions = [framing.framing_mentions(part) for part in parts]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        walls["framing_mentions"].append(wall)
        cpus["framing_mentions"].append(cpu)
        print(f"run {run + 1}: framing_mentions {megabytes / wall:6.1f} MB/s wall, {megabytes / cpu:6.1f} MB/s cpu, "
              f"{sum(len(m) for m in mentions)} mentions", flush=True)
        wall, cpu = time.perf_counter(), time.process_time()
        for part, found in zip(parts, mentions):
            framing.framing_profile(part, found)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        walls["framing_profile"].append(wall)
        cpus["framing_profile"].append(cpu)
        print(f"run {run + 1}: framing_profile  {megabytes / wall:6.1f} MB/s wall, {megabytes / cpu:6.1f} MB/s cpu",
              flush=True)
    results = {name: Measurement(f"{name} (median of {args.repeat})", megabytes, statistics.median(w), None)
               for name, w in walls.items()}
    for name, measured in results.items():
        print(measured.line())
        print(f"{name + ' cpu (median of ' + str(args.repeat) + ')':<40} {megabytes:8.1f} MB "
              f"{statistics.median(cpus[name]):8.2f} s {megabytes / statistics.median(cpus[name]):9.1f} MB/s cpu")
    return 0 if check_target(results["framing_mentions"], TARGET_MB_S) else 1


if __name__ == "__main__":
    raise SystemExit(main())
