"""Numeric-mention extraction throughput on the repeated-seed corpus (issue 4: target >= 5 MB/s, one core).

The seeds are cleaned once with ``helpers.text.clean_article`` (outside the timed part), as
``corpus.load_corpus`` does, and the cleaned texts are repeated until the corpus holds at least
``--mb`` MB. Measured, per article as the notebooks process them:

- ``extract_numbers``: the full public path (normalisation with offsets, candidates, grammar,
  sentences) returning one DataFrame per article;
- ``find_number_mentions``: the same without building a DataFrame (records only);
- ``extract_numbers_corpus``: all articles at once in one frame (one DataFrame at the end),
  timed as a whole.

Run: ``.venv/bin/python benchmarks/bench_numbers.py --mb 50`` (develop with ``--mb 5``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, a sibling script

import pandas as pd
from common import (
    Measurement,
    check_target,
    corpus_megabytes,
    measure_per_article,
    repeated_seed_corpus,
    seed_texts,
)

from helpers import numbers, text

TARGET_MB_S = 5.0  # issue: at least 5 MB/s on one core, per article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB of UTF-8 (default 50)")
    parser.add_argument("--memory", action="store_true", help="also trace peak memory on a 2 MB sample")
    parser.add_argument("--raw", action="store_true", help="use the raw seeds instead of cleaned texts")
    args = parser.parse_args(argv)

    base = seed_texts() if args.raw else [text.clean_article(raw).text for raw in seed_texts()]
    texts = repeated_seed_corpus(args.mb, texts=base)
    numbers.extract_numbers(texts[0])  # warm-up: loads and compiles the lexicons once
    mentions = sum(len(numbers.find_number_mentions(t)) for t in base)
    print(f"corpus: {len(texts)} articles, {corpus_megabytes(texts):.1f} MB "
          f"({'raw' if args.raw else 'cleaned'} seeds repeated); {mentions} mentions in the {len(base)} seeds")
    results = {}
    for name, func in [("extract_numbers (DataFrame per article)", numbers.extract_numbers),
                       ("find_number_mentions (records)", numbers.find_number_mentions)]:
        results[name] = measure_per_article(name, func, texts, track_memory=args.memory)
        print(results[name].line(), flush=True)

    frame = pd.DataFrame({"article_id": [f"{i:06d}" for i in range(len(texts))], "text": texts})
    started = time.perf_counter()
    numbers.extract_numbers_corpus(frame)
    seconds = time.perf_counter() - started
    print(Measurement("extract_numbers_corpus (one frame)", corpus_megabytes(texts), seconds, None).line())
    passed = check_target(results["extract_numbers (DataFrame per article)"], TARGET_MB_S)
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
