"""Attribution throughput on generated articles (issue 11: target >= 20 MB/s on one core,
reusing the actor mentions).

The corpus is generated from the sentences of the cleaned seed articles (shuffled with a fixed
seed, :func:`common.generated_articles`). The actor mentions are computed once with
:func:`helpers.actors.find_actor_mentions_corpus` (as the pipeline does; timed separately) and
passed to :func:`helpers.attributions.attributions`, which must not match actors again.

Wall-clock and CPU MB/s are printed for each of ``--repeat`` runs, then the medians of both (on
a shared machine compare CPU figures: wall time includes waiting for the CPU); the target is
checked on the median wall-clock figure of ``attributions``. Exit status 1 on a miss.

Run: ``.venv/bin/python benchmarks/bench_attributions.py --mb 20`` (develop with ``--mb 2``).
"""

from __future__ import annotations

import inspect
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, a sibling script

from common import Measurement, check_target, generated_partitions, partition_benchmark_args

from helpers import actors, attributions

TARGET_MB_S = 20.0  # issue 11: attributions >= 20 MB/s on one core, reusing the actor mentions
PARTITION = 2000    # articles per call, as a pipeline partition


def main(argv: list[str] | None = None) -> int:
    args = partition_benchmark_args(__doc__.splitlines()[0], argv)
    articles, parts, megabytes = generated_partitions(args.mb, PARTITION)
    texts = articles["text"]
    reuses = "actor_mentions" in inspect.signature(attributions.attributions).parameters
    attributions.attributions(articles.head(3))  # warm-up: loads and compiles the lexicons once
    print(f"corpus: {len(texts)} generated articles, {megabytes:.1f} MB, partitions of {PARTITION}")

    wall = time.perf_counter()
    mentions = [actors.find_actor_mentions_corpus(part) for part in parts]
    wall = time.perf_counter() - wall
    print(f"actor mentions (once, not part of the target): {megabytes / wall:6.1f} MB/s wall")

    walls: list[float] = []
    cpus: list[float] = []
    for run in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        if reuses:
            found = [attributions.attributions(part, actor_mentions=m) for part, m in zip(parts, mentions)]
        else:  # the code before issue 11 matched the actors again inside
            found = [attributions.attributions(part) for part in parts]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        walls.append(wall)
        cpus.append(cpu)
        print(f"run {run + 1}: attributions {megabytes / wall:6.1f} MB/s wall, {megabytes / cpu:6.1f} MB/s cpu, "
              f"{sum(len(f) for f in found)} attributions", flush=True)
    measured = Measurement(f"attributions (median of {args.repeat})", megabytes, statistics.median(walls), None)
    print(measured.line())
    cpu = statistics.median(cpus)
    print(f"{'attributions cpu (median of ' + str(args.repeat) + ')':<40} {megabytes:8.1f} MB {cpu:8.2f} s "
          f"{megabytes / cpu:9.1f} MB/s cpu")
    return 0 if check_target(measured, TARGET_MB_S) else 1


if __name__ == "__main__":
    raise SystemExit(main())
