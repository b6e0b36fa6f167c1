"""Actor-matching throughput on the repeated-seed corpus (issue 11: >= 30 MB/s on one core).

Measures, each ``--repeats`` times (the median is reported and checked):

- ``find_actor_mentions_corpus``: the pipeline's path (articles joined into chunks, one
  normalisation and one trie-regex pass per chunk, role and short-form rules, sentence ids by
  bisection, one DataFrame built from records; no sentence text). Target 30 MB/s.
- ``find_actor_mentions`` per article: the notebooks' per-text call (with the sentence text).
  Target 5 MB/s (issue 5).
- with ``--compare``: ``helpers.text.normalize_with_offsets`` alone, per article.

Wall-clock and CPU time of this process are both printed: CPU time tells a slow run from a
busy machine (other processes sharing the cores). The PASS/FAIL uses the median wall clock.

Run: ``.venv/bin/python benchmarks/bench_actors.py --mb 50`` (develop with ``--mb 5``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, a sibling script

import pandas as pd
from common import Measurement, check_target, corpus_megabytes, measure_per_article, repeated_seed_corpus

from helpers import actors, text

CORPUS_TARGET_MB_S = 30.0   # issue 11: find_actor_mentions_corpus, one core, full lexicon
PER_TEXT_TARGET_MB_S = 5.0  # issue 5: find_actor_mentions per article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB of UTF-8 (default 50)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each measurement (median reported)")
    parser.add_argument("--memory", action="store_true", help="also trace peak memory on a 2 MB sample")
    parser.add_argument("--compare", action="store_true", help="also time helpers.text.normalize_with_offsets")
    args = parser.parse_args(argv)

    texts = repeated_seed_corpus(args.mb)
    size = corpus_megabytes(texts)
    articles = pd.DataFrame({"article_id": [f"{i:07d}" for i in range(len(texts))], "text": texts})
    matcher = actors.default_actor_matcher()
    lexicon = actors.load_actor_lexicon()
    actors.find_actor_mentions(texts[0], matcher)  # warm-up: builds the tables once
    print(f"corpus: {len(texts)} articles, {size:.1f} MB; lexicon: {lexicon['actor_id'].nunique()} actors, "
          f"{len(lexicon)} aliases, {len(matcher.aliases)} distinct normalised aliases and short forms")

    results: dict[str, Measurement] = {}

    def repeat(name: str, run) -> None:
        walls, cpus = [], []
        for _ in range(args.repeats):
            cpu_started, started = time.process_time(), time.perf_counter()
            run()
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu_started)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        measured = Measurement(name, size, wall, None)
        runs = ", ".join(f"{size / w:.1f}" for w in walls)
        print(f"{measured.line()}  cpu {cpu:6.2f} s = {size / cpu:5.1f} MB/s  (runs: {runs} MB/s)", flush=True)
        results[name] = measured

    mentions = actors.find_actor_mentions_corpus(articles, matcher)
    print(f"mentions: {len(mentions)} ({(mentions['role'] == 'metonymy').sum()} metonymy, "
          f"{(mentions['role'] == 'short_form').sum()} short forms)")
    repeat("find_actor_mentions_corpus", lambda: actors.find_actor_mentions_corpus(articles, matcher))
    repeat("find_actor_mentions per article", lambda: [actors.find_actor_mentions(t, matcher) for t in texts])
    if args.compare:
        repeat("text.normalize_with_offsets per article", lambda: [text.normalize_with_offsets(t) for t in texts])
    if args.memory:
        print(measure_per_article("find_actor_mentions (memory, 2 MB)",
                                  lambda t: actors.find_actor_mentions(t, matcher), texts[:400],
                                  track_memory=True).line())
    ok = check_target(results["find_actor_mentions_corpus"], CORPUS_TARGET_MB_S)
    ok &= check_target(results["find_actor_mentions per article"], PER_TEXT_TARGET_MB_S)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
