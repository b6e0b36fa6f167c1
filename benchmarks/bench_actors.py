"""Actor-matching throughput on the repeated-seed corpus (issue 5: target >= 5 MB/s, one core).

Measures, per article as the notebooks process them:

- ``find_actor_mentions``: the full public path (normalisation with offsets, the one-regex
  matcher over the full lexicon, merge rules, sentences, DataFrame of mentions);
- ``match only``: normalisation with offsets (helpers.text) + regex + rules, without sentences
  and DataFrame, to show where the time goes;
- with ``--compare``: ``helpers.text.normalize_with_offsets`` alone.

Run: ``.venv/bin/python benchmarks/bench_actors.py --mb 50`` (develop with ``--mb 5``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, a sibling script

from common import check_target, corpus_megabytes, measure_per_article, repeated_seed_corpus

from helpers import actors, text

TARGET_MB_S = 5.0  # issue: at least 5 MB/s on one core with the full lexicon


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB of UTF-8 (default 50)")
    parser.add_argument("--memory", action="store_true", help="also trace peak memory on a 2 MB sample")
    parser.add_argument("--compare", action="store_true", help="also time helpers.text.normalize_with_offsets")
    args = parser.parse_args(argv)

    texts = repeated_seed_corpus(args.mb)
    matcher = actors.default_actor_matcher()
    lexicon = actors.load_actor_lexicon()
    actors.find_actor_mentions(texts[0], matcher)  # warm-up: builds the tables once
    print(f"corpus: {len(texts)} articles, {corpus_megabytes(texts):.1f} MB; "
          f"lexicon: {lexicon['actor_id'].nunique()} actors, {len(lexicon)} aliases, "
          f"{len(matcher.aliases)} distinct normalised aliases")

    def match_only(article: str) -> object:
        offsets = text.normalize_with_offsets(article)
        return actors._match_spans(offsets.text, matcher)

    runs = [
        ("find_actor_mentions", lambda article: actors.find_actor_mentions(article, matcher)),
        ("match only (no sentences, no DataFrame)", match_only),
    ]
    if args.compare:
        runs.append(("text.normalize_with_offsets", text.normalize_with_offsets))
    total_mentions = sum(len(match_only(t)) for t in texts[:5])
    print(f"mentions in the first 5 articles: {total_mentions}")
    results = {}
    for name, func in runs:
        cpu_started = time.process_time()
        measured = measure_per_article(name, func, texts, track_memory=args.memory)
        cpu = time.process_time() - cpu_started
        # Wall-clock throughput (the figure reported) and the CPU time of this process, which
        # tells a slow run from a busy machine (other processes sharing the cores).
        print(f"{measured.line()}  cpu {cpu:6.2f} s = {measured.megabytes / cpu:5.1f} MB/s", flush=True)
        results[name] = measured
    return 0 if check_target(results["find_actor_mentions"], TARGET_MB_S) else 1


if __name__ == "__main__":
    raise SystemExit(main())
