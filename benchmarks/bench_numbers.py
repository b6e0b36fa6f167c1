"""Numeric-mention extraction throughput on the repeated-seed corpus (issue 11: target >= 20 MB/s, one core).

The seeds are cleaned once with ``helpers.text.clean_article`` (outside the timed part), as
``corpus.load_corpus`` does, and the cleaned texts are repeated until the corpus holds at least
``--mb`` MB. The seeds are dense in numbers (about 1,100 numeric mentions per MB), so this is a
pessimistic corpus for this extractor. Measured, each ``--repeats`` times (median reported, with
wall-clock and CPU time, and the load average before and after, since the machine is shared):

- ``extract_numbers_corpus``: all articles at once, one frame at the end (the pipeline's path;
  the one with the target);
- ``find_number_mentions``: records only, one call per article (lexicons checked per call);
- ``extract_numbers``: one DataFrame per article (the notebooks' per-article path).

Run: ``.venv/bin/python benchmarks/bench_numbers.py --mb 20`` (develop with ``--mb 3``).
Exit status 1 when the corpus-level median misses the target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, a sibling script

import pandas as pd
from common import corpus_megabytes, repeated_seed_corpus, seed_texts

from helpers import numbers, text

TARGET_MB_S = 20.0  # issue 11: extract_numbers_corpus at least 20 MB/s on one core


def timed(func, repeats: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``func()`` over ``repeats`` runs."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of UTF-8 (default 20)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement (median reported)")
    parser.add_argument("--raw", action="store_true", help="use the raw seeds instead of cleaned texts")
    args = parser.parse_args(argv)

    base = seed_texts() if args.raw else [text.clean_article(raw).text for raw in seed_texts()]
    texts = repeated_seed_corpus(args.mb, texts=base)
    size = corpus_megabytes(texts)
    numbers.extract_numbers(texts[0])  # warm-up: loads and compiles the lexicons once
    mentions = sum(len(numbers.find_number_mentions(t)) for t in base)
    print(f"corpus: {len(texts)} articles, {size:.1f} MB ({'raw' if args.raw else 'cleaned'} seeds repeated); "
          f"{mentions} mentions in the {len(base)} seeds; median of {args.repeats} runs")
    frame = pd.DataFrame({"article_id": [f"{i:06d}" for i in range(len(texts))], "text": texts})
    rows = [
        ("extract_numbers_corpus (one frame)", lambda: numbers.extract_numbers_corpus(frame)),
        ("find_number_mentions (records)", lambda: [numbers.find_number_mentions(t) for t in texts]),
        ("extract_numbers (DataFrame per article)", lambda: [numbers.extract_numbers(t) for t in texts]),
    ]
    results = {}
    load_before = os.getloadavg()  # the machine is shared: wall-clock is only meaningful next to the load
    for name, func in rows:
        wall, cpu = timed(func, args.repeats)
        results[name] = (size / wall, size / cpu)
        print(f"{name:<42} {size:7.1f} MB  wall {wall:7.2f} s {size / wall:7.1f} MB/s   "
              f"cpu {cpu:7.2f} s {size / cpu:7.1f} MB/s", flush=True)
    print("load average (1, 5, 15 min): before {:.2f} {:.2f} {:.2f}, after {:.2f} {:.2f} {:.2f} on {} cores".format(
        *load_before, *os.getloadavg(), os.cpu_count()))
    wall_rate, cpu_rate = results["extract_numbers_corpus (one frame)"]
    passed = wall_rate >= TARGET_MB_S
    print(f"{'PASS' if passed else 'FAIL'}: extract_numbers_corpus {wall_rate:.1f} MB/s wall-clock "
          f"({cpu_rate:.1f} MB/s CPU) (target >= {TARGET_MB_S:g} MB/s on one core)")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
