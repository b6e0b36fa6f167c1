"""Shared pieces of the benchmarks: the repeated-seed corpus and measurement helpers.

The benchmark corpus repeats the raw seed articles until it holds at least ``min_mb``
megabytes of UTF-8 text (default 50 MB, as the issues require). Articles stay separate
strings, so throughput is measured per article, as the notebooks process them.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from helpers import paths

MB = 1_000_000


def seed_texts() -> list[str]:
    """The raw seed articles, decoded as UTF-8, sorted by file name."""
    return [p.read_text(encoding="utf-8") for p in sorted(paths.raw_dir().glob("*.txt"))]


def repeated_seed_corpus(min_mb: float = 50.0, texts: list[str] | None = None) -> list[str]:
    """Repeat ``texts`` (default: the seeds) until the total is at least ``min_mb`` MB of UTF-8."""
    base = texts if texts is not None else seed_texts()
    sizes = [len(t.encode("utf-8")) for t in base]
    corpus: list[str] = []
    total = 0
    while total < min_mb * MB:
        for text, size in zip(base, sizes):
            corpus.append(text)
            total += size
    return corpus


def corpus_megabytes(texts: Iterable[str]) -> float:
    """Size of ``texts`` in MB of UTF-8."""
    return sum(len(t.encode("utf-8")) for t in texts) / MB


@dataclass(frozen=True)
class Measurement:
    name: str
    megabytes: float
    seconds: float
    peak_mb: float | None

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")

    def line(self) -> str:
        peak = f"{self.peak_mb:8.1f} MB peak" if self.peak_mb is not None else ""
        return f"{self.name:<40} {self.megabytes:8.1f} MB {self.seconds:8.2f} s {self.mb_per_s:9.1f} MB/s  {peak}"


def measure_per_article(name: str, func: Callable[[str], object], texts: list[str], *,
                        track_memory: bool = False) -> Measurement:
    """Call ``func`` on each text; return throughput (and peak traced memory if asked).

    Memory tracing slows Python code down, so time and memory are measured in two passes
    when ``track_memory`` is set: the time from an untraced pass, the peak from a traced
    pass over the first 2 MB.
    """
    size = corpus_megabytes(texts)
    started = time.perf_counter()
    for text in texts:
        func(text)
    seconds = time.perf_counter() - started
    peak = None
    if track_memory:
        sample, sample_size = [], 0
        for text in texts:
            sample.append(text)
            sample_size += len(text)
            if sample_size > 2 * MB:
                break
        tracemalloc.start()
        for text in sample:
            func(text)
        peak = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
    return Measurement(name, size, seconds, peak)


def check_target(measured: Measurement, target_mb_s: float) -> bool:
    """Print PASS/FAIL for ``measured`` against a throughput target; return whether it passed."""
    passed = measured.mb_per_s >= target_mb_s
    print(f"{'PASS' if passed else 'FAIL'}: {measured.name} {measured.mb_per_s:.1f} MB/s "
          f"(target >= {target_mb_s:g} MB/s on one core)")
    return passed


# --------------------------------------------------------------------------------------------
# Generated corpora for the pipeline benchmark (issue 11): real sentences, 40 outlets, 2003-2026


def sentence_pool(texts: list[str] | None = None) -> list[str]:
    """The sentences of the clean seed articles (``texts`` default: the raw seeds), de-duplicated."""
    from helpers.text import clean_article, split_sentences

    pool: dict[str, None] = {}
    for raw in texts if texts is not None else seed_texts():
        clean = clean_article(raw).text
        for start, end in split_sentences(clean):
            sentence = clean[start:end].strip()
            if len(sentence.split()) >= 4:
                pool[sentence] = None
    return list(pool)


def write_generated_corpus(folder: str | Path, n_articles: int, *, n_outlets: int = 40, seed: int = 11,
                           sentences_per_article: tuple[int, int] = (4, 12), unknown_share: float = 0.1,
                           pool: list[str] | None = None) -> float:
    """Write a corpus folder (``raw/`` + ``metadata.csv``) of ``n_articles`` generated articles.

    Each article is a title sentence, a blank line and paragraphs of sentences drawn from
    :func:`sentence_pool` (so the analyses see real prose), with one of ``n_outlets`` outlets
    (``unknown_share`` of the articles have outlet ``unknown``) and a day between 2003-01-01 and
    2026-12-31. Deterministic for a given ``seed``. Returns the raw size in MB.
    """
    import csv
    import datetime as dt
    import random

    from helpers.corpus import METADATA_COLUMNS

    rng = random.Random(seed)
    sentences = pool if pool is not None else sentence_pool()
    root = Path(folder)
    raw = root / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    outlets = [(f"Outlet {i:02d}", f"منفذ {i:02d}", ["Iraq", "Iran", "Syria", "Qatar", "Egypt", "UK"][i % 6],
                ["newspaper", "tv", "agency", "website"][i % 4]) for i in range(n_outlets)]
    first, days = dt.date(2003, 1, 1), (dt.date(2026, 12, 31) - dt.date(2003, 1, 1)).days
    total = 0
    with open(root / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=METADATA_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for number in range(n_articles):
            count = rng.randint(*sentences_per_article)
            body = rng.sample(sentences, min(count, len(sentences)))
            paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
            text = "\n\n".join([rng.choice(sentences)[:120], *paragraphs]) + "\n"
            data = text.encode("utf-8")
            total += len(data)
            name = f"{number:07d}_gen.txt"
            (raw / name).write_bytes(data)
            outlet = outlets[rng.randrange(n_outlets)]
            unknown = rng.random() < unknown_share
            writer.writerow({
                "article_id": f"{number:07d}", "file": name, "sha256": "",
                "outlet": "unknown" if unknown else outlet[0], "outlet_ar": "" if unknown else outlet[1],
                "outlet_country": "" if unknown else outlet[2], "outlet_type": "" if unknown else outlet[3],
                "published": (first + dt.timedelta(days=rng.randrange(days + 1))).isoformat(),
                "date_precision": "day", "evidence": "generated for the benchmark",
            })
    return total / MB


def clean_seed_sentences() -> list[str]:
    """The sentences of the cleaned seed articles (the clean text every analysis reads)."""
    from helpers.text import clean_article, split_sentences

    sentences = []
    for raw in seed_texts():
        text = clean_article(raw).text
        sentences.extend(text[s:e] for s, e in split_sentences(text))
    return sentences


def generated_articles(min_mb: float, *, seed: int = 20260101, sentences: list[str] | None = None,
                       words: tuple[int, int] = (150, 900)) -> list[str]:
    """Distinct articles generated from the clean seed sentences (shuffled, fixed seed) until the
    total is at least ``min_mb`` MB: each article takes random sentences, paragraph breaks
    between some, until it has between ``words[0]`` and ``words[1]`` words. Unlike
    :func:`repeated_seed_corpus`, no two articles are the same text, so per-text caches do not
    flatter the figures."""
    import random

    pool = sentences if sentences is not None else clean_seed_sentences()
    rng = random.Random(seed)
    articles: list[str] = []
    total = 0
    while total < min_mb * MB:
        target = rng.randint(*words)
        parts: list[str] = []
        n = 0
        while n < target:
            sentence = rng.choice(pool)
            parts.append(sentence)
            parts.append("\n\n" if rng.random() < 0.25 else " ")
            n += sentence.count(" ") + 1
        article = "".join(parts).strip()
        articles.append(article)
        total += len(article.encode("utf-8"))
    return articles


def partition_benchmark_args(description: str, argv: list[str] | None = None):
    """``--mb`` and ``--repeat`` for the per-partition analysis benchmarks (an argparse Namespace)."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of UTF-8 (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the median is checked (default 3)")
    return parser.parse_args(argv)


def generated_partitions(min_mb: float, partition: int = 2000):
    """:func:`generated_articles` as a frame (article_id, text), its partitions of ``partition``
    articles (as a pipeline runs them) and its size in MB."""
    import pandas as pd

    texts = generated_articles(min_mb)
    articles = pd.DataFrame({"article_id": [f"{i:07d}" for i in range(len(texts))], "text": texts})
    parts = [articles.iloc[i:i + partition] for i in range(0, len(articles), partition)]
    return articles, parts, corpus_megabytes(texts)
