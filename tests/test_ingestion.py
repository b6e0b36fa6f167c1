"""helpers.ingestion: the per-file step (ingest_file), DuplicateIndex, metadata columns, views."""

from __future__ import annotations

import random
import time

import pandas as pd
import pytest

from helpers.ingestion import duplicates, load, metadata, views
from helpers.ingestion.duplicates import DuplicateIndex
from helpers.ingestion.load import ingest_file

WORDS = ("القوات الأمريكية العراق بغداد قاعدة عين الأسد الحكومة البرلمان الانسحاب التحالف الدولي "
         "المستشارين العسكريين الفصائل المسلحة واشنطن طهران الحدود السورية الأنبار أربيل كردستان "
         "المفاوضات الجدول الزمني وزير الدفاع الخارجية المتحدث الرسمي البيان الهجمات الطائرات المسيرة").split()
HEADER = ",".join(metadata.REQUIRED_METADATA_COLUMNS)


def article(seed: int, n_words: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n_words)) + "."


def meta(article_id: str = "007", **fields: str) -> dict[str, str]:
    return {"article_id": article_id, "file": "a.txt", "sha256": "", "outlet": "X", "outlet_ar": "",
            "outlet_country": "", "outlet_type": "", "published": "2024-01-25", "date_precision": "day",
            "evidence": "test", "url": "", "metadata_source": "curated", **fields}


# --- ingest_file -----------------------------------------------------------------------------

def test_ingest_file_gives_the_article_its_sentences_report_and_audit():
    raw = "fbpx\n\nعنوان الخبر\n\nقال مسؤول إن القوات باقية. وأضاف أن المحادثات مستمرة.\n\nRead More"
    result = ingest_file("a.txt", raw.encode(), meta(url="https://x.example/a"))
    assert result.status == "ingested" and result.article is not None
    assert set(result.article) == set(load.ARTICLE_COLUMNS)
    assert result.article["url"] == "https://x.example/a" and result.article["n_sentences"] == 3
    sentences = result.sentences
    assert [s["sentence_id"] for s in sentences] == [0, 1, 2]
    assert all(result.text[s["start"]:s["end"]] == s["text"] for s in sentences)
    assert [a["reason"] for a in result.audit] == ["tracking token", "read-more button"]
    assert set(result.report) == set(load.REPORT_COLUMNS)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"%PDF-1.7 ...", "binary file (a PDF)"),
    (b"\xff\xfe\x00\xd8", "does not decode"),
])
def test_ingest_file_rejects_with_the_reason(data, reason):
    result = ingest_file("bad.txt", data, meta())
    assert result.status == "rejected" and reason in str(result.report["reason"])
    assert result.article is None and result.sentences == [] and result.text is None


def test_ingest_file_checks_the_recorded_sha256():
    result = ingest_file("a.txt", "نص الخبر هنا.".encode(), meta(sha256="0" * 64, _row_no="4"))
    assert result.status == "rejected" and "sha256 differs from metadata.csv row 4" in str(result.report["reason"])


def test_ingest_file_is_pure_and_deterministic():
    data = article(1).encode()
    first, second = ingest_file("a.txt", data, meta()), ingest_file("a.txt", data, meta())
    assert first.article == second.article and first.sentences == second.sentences


# --- DuplicateIndex --------------------------------------------------------------------------

def test_duplicate_index_exact_near_and_unique():
    index = DuplicateIndex()
    text = article(2)
    assert index.add("a", text) == ("unique", None)
    assert index.add("b", text) == ("exact", "a") and index.last_jaccard == 1.0
    words = text.split()
    words[60] = "مختلفة"  # one word of 120 differs: 5 of 116 shingles change
    assert index.add("c", " ".join(words)) == ("near", "a") and index.last_jaccard >= 0.9
    assert index.add("d", article(3)) == ("unique", None)
    assert len(index) == 2


def test_duplicate_index_keeps_the_threshold_semantics():
    # Jaccard just below the threshold is not a duplicate; at or above it is
    base = article(4, 200).split()
    below = base[:]
    for position in range(10, 200, 20):  # 10 changed words: about 50 of 196 shingles differ
        below[position] = "تغيير"
    index = DuplicateIndex()
    index.add("a", " ".join(base))
    status, _ = index.add("b", " ".join(below))
    exact = len(set(duplicates.word_shingles(" ".join(base)).tolist())
                & set(duplicates.word_shingles(" ".join(below)).tolist()))
    union = len(set(duplicates.word_shingles(" ".join(base)).tolist())
                | set(duplicates.word_shingles(" ".join(below)).tolist()))
    assert exact / union < duplicates.NEAR_DUPLICATE_JACCARD and status == "unique"


def test_duplicate_index_is_deterministic_for_a_given_order():
    texts = [article(i) for i in range(30)] + [article(i) + " تحديث" for i in range(0, 30, 3)]
    runs = []
    for _ in range(2):
        index = DuplicateIndex()
        runs.append([index.add(str(i), t) for i, t in enumerate(texts)])
    assert runs[0] == runs[1]
    assert sum(status == "near" for status, _ in runs[0]) == 10


def test_duplicate_index_buckets_are_capped():
    # many near-identical articles: every later one is a duplicate, and no bucket grows past the cap
    index = DuplicateIndex(bucket_cap=8)
    base = article(5, 40)
    for i in range(200):
        index.add(str(i), f"{base} {i}")
    tables = index._lsh.hashtables
    assert max(len(table.get(key)) for table in tables for key in table.keys()) <= 8  # noqa: SIM118 (a storage, not a dict)


def test_duplicate_index_time_grows_linearly():
    # a throughput check with a wide margin, not a benchmark: 4x the articles may take at most
    # about 4x the time (a quadratic index would take 16x)
    def seconds(n: int) -> float:
        texts = [article(i, 60) for i in range(n)]
        index = DuplicateIndex()
        started = time.process_time()
        for i, text in enumerate(texts):
            index.add(str(i), text)
        return time.process_time() - started

    small = min(seconds(300) for _ in range(3))
    large = min(seconds(1200) for _ in range(2))
    assert large < 8 * small + 0.05


def test_empty_text_is_unique_and_kept():
    index = DuplicateIndex()
    assert index.add("a", "") == ("unique", None)
    assert index.add("b", "") == ("exact", "a")


# --- metadata ----------------------------------------------------------------------------------

def test_metadata_without_the_new_columns_still_loads():
    rows = metadata.read_metadata(f"{HEADER}\n005,a.txt,,X,,,,2024-03-01,month,seen\n".encode())
    assert rows[0]["url"] == "" and rows[0]["metadata_source"] == "curated"


def test_metadata_accepts_an_unknown_date_written_as_unknown():
    rows = metadata.read_metadata(f"{HEADER}\n005,a.txt,,unknown,,,,unknown,unknown,nothing known\n".encode())
    assert (rows[0]["published"], rows[0]["date_precision"]) == ("unknown", "unknown")


@pytest.mark.parametrize("line, message", [
    ("005,a.txt,,X,,,,unknown,day,e", "an unknown date is written published=unknown"),
    ("005,a.txt,,X,,,,2024-01-01,unknown,e", "an unknown date is written published=unknown"),
])
def test_metadata_half_unknown_date_is_an_error(line, message):
    with pytest.raises(ValueError, match=message):
        metadata.read_metadata(f"{HEADER}\n{line}\n".encode())


def test_metadata_source_must_be_known():
    data = f"{HEADER},url,metadata_source\n005,a.txt,,X,,,,2024-03-01,month,seen,,guessed\n".encode()
    with pytest.raises(ValueError, match="row 2 .*metadata_source 'guessed'"):
        metadata.read_metadata(data)


# --- views -------------------------------------------------------------------------------------

def test_report_views_count_every_status_and_list_every_problem():
    report = pd.DataFrame({
        "file": [f"{i:05d}.txt" for i in range(3002)],
        "article_id": [f"{i:05d}" for i in range(3002)],
        "status": ["ingested"] * 3000 + ["rejected", "duplicate"],
        "reason": [""] * 3000 + ["empty or whitespace-only file", "same bytes (sha256) as article 00001"],
    })
    counts = views.report_counts(report).set_index("status")["files"].to_dict()
    assert counts == {"ingested": 3000, "duplicate": 1, "needs-metadata": 0, "rejected": 1, "missing-file": 0}
    assert views.not_ingested(report)["file"].tolist() == ["03001.txt", "03000.txt"]
    text = views.summary_text(report)
    assert text.splitlines()[0].startswith("ingestion: 3000 ingested, 1 duplicate")
    assert "03000.txt: empty or whitespace-only file" in text


def test_date_label_says_unknown():
    assert views.date_label("unknown", "unknown") == "unknown"


@pytest.mark.parametrize("text", [
    "", "   ", "قال المسؤول ، إن 2,500 جندي - باقون", "word\u200fmark ، ، - «اقتباس»", article(9),
    "سطر أول\n\nسطر ثان\tمع  مسافات", "١٢٠٠ جندي؛ 300 آخرون.",
])
def test_n_words_is_the_arabic_layer_word_count(text):
    # load_corpus counts words in the same pass as the shingles; it must be the one rule
    from helpers.arabic.tokens import count_words

    assert duplicates.shingles_and_word_count(text)[1] == count_words(text)
