"""The Dask pipeline: same rows as the single-process helpers, resume after a crash, incremental
runs, a 2-worker dask.distributed cluster, aggregates, the command line.

Each test builds its own corpus folder in tmp_path: the raw articles of the repository's
corpus (whatever they are; nothing here depends on what they say) plus files written here.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import actors, attributions, framing, numbers, paths
from helpers.corpus import METADATA_COLUMNS, load_corpus, read_metadata
from helpers.pipeline import open_results, run_pipeline
from helpers.pipeline.aggregates import AGGREGATES
from helpers.pipeline.run import TABLES
from helpers.pipeline.storage import read_parquet, write_parquet
from helpers.pipeline.tasks import PartitionFailure
from helpers.text import sentences_containing, split_sentences

#: Short articles written for these tests (no third-party text).
OWN_TEXTS = [
    "قالت وزارة الدفاع الأمريكية إن نحو 2500 جندي أمريكي ما زالوا في العراق.\n\nوأضاف المتحدث أن القوات ستبقى.",
    "أعلنت فصائل المقاومة العراقية استهداف قاعدة عين الأسد بطائرة مسيرة.\n\nوذكرت مصادر أمنية أن الهجوم لم يسفر عن إصابات.",
    "نقلت وكالة رويترز عن مسؤول عراقي قوله إن الحكومة تبحث جدول انسحاب قوات التحالف الدولي.",
    "أكد رئيس الوزراء العراقي أن بغداد لا تريد وجود قوات أجنبية على أراضيها بعد نهاية العام المقبل.",
]


def _seed_rows(limit: int = 5) -> list[tuple[dict[str, str], bytes]]:
    """Up to ``limit`` articles of the repository corpus: (metadata row, raw bytes)."""
    rows = read_metadata(paths.metadata_path().read_bytes())
    found = []
    for row in rows:
        path = paths.raw_dir() / row["file"]
        if path.is_file():
            found.append(({c: row[c] for c in METADATA_COLUMNS}, path.read_bytes()))
        if len(found) == limit:
            break
    return found


def make_corpus(folder: Path, articles: list[tuple[dict[str, str] | None, str, bytes]]) -> Path:
    """A corpus folder: raw/<name> for each (metadata row or None, name, bytes), and metadata.csv."""
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=METADATA_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row, name, data in articles:
            (raw / name).write_bytes(data)
            if row is not None:
                writer.writerow({**row, "file": name})
    return folder


def own_row(article_id: str, outlet: str = "unknown", published: str = "2021-05-01") -> dict[str, str]:
    return {"article_id": article_id, "file": "", "sha256": "", "outlet": outlet, "outlet_ar": "",
            "outlet_country": "", "outlet_type": "", "published": published, "date_precision": "day",
            "evidence": "written for the pipeline tests"}


def seed_corpus(folder: Path) -> Path:
    """Repository articles plus: a byte copy, a near copy, the same text with a BOM, a cp1256 file,
    a file without metadata, an empty file, a hidden file and a metadata row without its file."""
    seeds = _seed_rows()
    items: list[tuple[dict[str, str] | None, str, bytes]] = [(row, row["file"], data) for row, data in seeds]
    items.append((own_row("900"), "900_own.txt", OWN_TEXTS[0].encode("utf-8")))
    items.append((own_row("901", "Test Outlet"), "901_own.txt", OWN_TEXTS[1].encode("cp1256")))
    items.append((own_row("902"), "902_copy.txt", OWN_TEXTS[0].encode("utf-8")))
    items.append((own_row("903"), "903_near.txt", (OWN_TEXTS[1] + " .").encode("utf-8")))
    items.append((None, "zz_no_metadata.txt", OWN_TEXTS[2].encode("utf-8")))
    items.append((own_row("904"), "904_empty.txt", b"  \n"))
    items.append((None, ".hidden.txt", b"x"))
    items.append((own_row("905"), "905_own.txt", OWN_TEXTS[3].encode("utf-8")))
    items.append((own_row("906"), "906_bom.txt", b"\xef\xbb\xbf" + OWN_TEXTS[3].encode("utf-8")))  # same clean text
    corpus_dir = make_corpus(folder, items)
    with open(corpus_dir / "metadata.csv", "a", encoding="utf-8", newline="") as handle:  # a row without its file
        csv.DictWriter(handle, fieldnames=METADATA_COLUMNS, lineterminator="\n").writerow(
            {**own_row("907"), "file": "907_missing.txt"})
    return corpus_dir


def _sorted_rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    data = frame[columns].astype(object).where(frame[columns].notna(), None)
    return sorted(map(tuple, data.itertuples(index=False, name=None)), key=repr)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("pipeline")
    corpus = seed_corpus(folder / "corpus")
    out = folder / "out"
    run_pipeline(corpus, out, workers=2, partition_size=3)
    return corpus, out


def test_same_rows_as_single_process_helpers(seeded: tuple[Path, Path]) -> None:
    corpus_dir, out = seeded
    reference = load_corpus(corpus_dir / "raw", corpus_dir / "metadata.csv")
    results = open_results(out)

    report = results.report()
    assert _sorted_rows(report, list(reference.report.columns)) == _sorted_rows(reference.report,
                                                                                list(reference.report.columns))
    assert set(report["status"]) >= {"ingested", "duplicate", "needs-metadata", "rejected", "missing-file"}
    reasons = " ".join(report.loc[report["status"].eq("duplicate"), "reason"])
    assert "same bytes" in reasons and "the same clean text" in reasons and "Jaccard 0." in reasons

    articles = results.table("articles").df()
    columns = [c for c in reference.articles.columns if c != "text"]
    assert list(articles.columns) == columns
    assert _sorted_rows(articles, columns) == _sorted_rows(reference.articles, columns)
    texts = results.table("texts").df()
    assert dict(zip(texts["article_id"], texts["text"])) == dict(zip(reference.articles["article_id"],
                                                                     reference.articles["text"]))
    sentences = results.table("sentences").df()
    assert "text" not in sentences.columns
    assert _sorted_rows(sentences, ["article_id", "sentence_id", "start", "end"]) == _sorted_rows(
        reference.sentences, ["article_id", "sentence_id", "start", "end"])
    audit = results.table("cleaning_audit").df()
    assert _sorted_rows(audit, list(reference.audit.columns)) == _sorted_rows(reference.audit,
                                                                              list(reference.audit.columns))

    spans = {a: split_sentences(t) for a, t in zip(reference.articles["article_id"], reference.articles["text"])}
    expected_tables = {
        "numbers": numbers.extract_numbers_corpus(reference.articles),
        "actors": actors.find_actor_mentions_corpus(reference.articles),
        "framing": framing.framing_mentions(reference.articles),
        "attributions": attributions.attributions(reference.articles),
    }
    for table, expected in expected_tables.items():
        got = results.table(table).df()
        assert "sentence" not in got.columns, table
        assert len(got) == len(expected) > 0, table
        shared = [c for c in expected.columns if c not in ("sentence", "sentence_id")]
        assert _sorted_rows(got, shared) == _sorted_rows(expected, shared), table
        # sentence ids point at the sentence that holds each mention
        want = [sentences_containing(spans[a], [s])[0] for a, s in zip(expected["article_id"], expected["start"])]
        assert _sorted_rows(got, ["article_id", "start", "sentence_id"]) == sorted(
            zip(expected["article_id"], expected["start"], want), key=repr), table
    # the text of a mention's sentence is recoverable from the offsets
    sample = results.table("actors").df().head(3)
    for (article_id, start, end), sentence in zip(sample[["article_id", "start", "end"]].itertuples(index=False),
                                                  results.sentences_of(sample)):
        text = dict(zip(texts["article_id"], texts["text"]))[article_id]
        assert text[start:end] in sentence


def test_aggregates_group_observed_values_and_unknown_outlets_once(seeded: tuple[Path, Path]) -> None:
    _, out = seeded
    results = open_results(out)
    articles = results.table("articles").df()
    outlets = results.aggregate("outlets")
    unknown = articles["outlet"].isin(["", "unknown"])
    groups = set(articles.loc[~unknown, "outlet"]) | ({"unknown"} if unknown.any() else set())
    assert set(outlets["outlet_group"]) == groups
    assert outlets["outlet_group"].is_unique
    assert outlets["articles"].sum() == len(articles)
    if unknown.any():
        assert int(outlets.set_index("outlet_group").loc["unknown", "articles"]) == int(unknown.sum())

    framing_table = results.aggregate("framing_by_outlet")
    mentions = results.table("framing").df().merge(articles[["article_id", "outlet"]], on="article_id")
    mentions["group"] = mentions["outlet"].where(~mentions["outlet"].isin(["", "unknown"]), "unknown")
    observed = mentions.groupby(["group", "frame", "choice"]).size()
    assert len(framing_table) == len(observed)  # no cross product of outlets x frames x choices
    assert framing_table["mentions"].sum() == len(mentions)
    shares = framing_table.groupby(["outlet_group", "frame"])["share_in_frame"].sum()
    assert ((shares - 1).abs() < 0.01).all()

    actor_counts = results.aggregate("actor_counts")
    assert actor_counts["mentions"].sum() == len(results.table("actors").df())
    cited = results.aggregate("cited_source_shares")
    assert cited["count"].sum() == len(results.table("attributions").df())
    claims = results.aggregate("troop_level_claims")
    assert len(claims) == int(results.table("numbers").df()["is_us_troop_level"].sum())
    status = results.aggregate("ingest_status")
    assert status["files"].sum() == len(results.report())
    for name in AGGREGATES:
        assert (out / "aggregates" / f"{name}.parquet").is_file()


def test_rerun_reuses_every_partition_and_writes_identical_tables(seeded: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, out = seeded
    before = {p: p.read_bytes() for p in sorted(out.glob("*/p*.parquet"))}
    summary = run_pipeline(corpus_dir, out, workers=1, partition_size=3)
    assert summary.analyse_computed == [] and summary.ingest_computed == []
    assert summary.analyse_reused == list(range(summary.partitions))
    assert {p: p.read_bytes() for p in sorted(out.glob("*/p*.parquet"))} == before


def test_crash_resumes_from_finished_partitions(tmp_path: Path) -> None:
    items = [(own_row(f"{i:03d}", published=f"20{10 + i}-01-01"), f"{i:03d}.txt",
              f"{OWN_TEXTS[i % 4]}\n\nالفقرة رقم {i} من المقال.".encode()) for i in range(6)]
    corpus_dir = make_corpus(tmp_path / "corpus", items)
    out = tmp_path / "out"
    with pytest.raises(PartitionFailure):
        run_pipeline(corpus_dir, out, workers=1, partition_size=2, _fail_partitions=[2])
    finished = {int(p.stem[1:]) for p in (out / "_manifest").glob("p*.json")}
    assert 2 not in finished and finished  # the others finished before the failure stopped the run
    log = json.loads((out / "_state" / "run_log.json").read_text())
    assert log["incomplete"]
    with pytest.raises(RuntimeError, match="did not finish"):
        open_results(out)

    summary = run_pipeline(corpus_dir, out, workers=1, partition_size=2)
    assert summary.ingest_computed == []  # ingest had finished for every partition
    assert set(summary.analyse_reused) == finished
    assert set(summary.analyse_computed) == {0, 1, 2} - finished
    assert len(open_results(out).table("articles").df()) == 6


def test_adding_files_processes_only_the_new_partition(tmp_path: Path) -> None:
    items = [(own_row(f"{i:03d}"), f"{i:03d}.txt", f"{OWN_TEXTS[i % 4]}\n\nخبر رقم {i}.".encode())
             for i in range(4)]
    corpus_dir = make_corpus(tmp_path / "corpus", items)
    out = tmp_path / "out"
    first = run_pipeline(corpus_dir, out, workers=1, partition_size=2)
    assert first.analyse_computed == [0, 1]
    manifests = {p.name: p.read_bytes() for p in (out / "_manifest").glob("*.json")}

    added = [(own_row(f"{i:03d}", "Added Outlet"), f"{i:03d}.txt",
              f"{OWN_TEXTS[i % 4]}\n\nخبر إضافي رقم {i} عن القوات.".encode()) for i in range(4, 7)]
    make_corpus(corpus_dir, items + added)
    second = run_pipeline(corpus_dir, out, workers=1, partition_size=2)
    assert second.ingest_reused == [0, 1] and second.analyse_reused == [0, 1]
    assert second.ingest_computed == second.analyse_computed == [2, 3]  # 3 new files, 2 per partition
    for name, data in manifests.items():
        assert (out / "_manifest" / name).read_bytes() == data  # untouched
    new_manifest = json.loads((out / "_manifest" / "p00002.json").read_text())
    assert [a for a, _ in new_manifest["articles"]] == ["004", "005"]
    results = open_results(out)
    assert len(results.table("articles").df()) == 7
    assert "Added Outlet" in set(results.aggregate("outlets")["outlet_group"])

    # removing a file reprocesses only its partition; its outputs lose the article
    (corpus_dir / "raw" / "006.txt").unlink()
    make_corpus(corpus_dir, items + added[:2])
    third = run_pipeline(corpus_dir, out, workers=1, partition_size=2)
    assert third.analyse_computed == [] and third.partitions == 3
    assert not (out / "articles" / "p00003.parquet").exists()
    assert len(open_results(out).table("articles").df()) == 6


def test_lexicon_or_metadata_change_reprocesses(tmp_path: Path) -> None:
    items = [(own_row(f"{i:03d}"), f"{i:03d}.txt", OWN_TEXTS[i].encode()) for i in range(2)]
    corpus_dir = make_corpus(tmp_path / "corpus", items)
    out = tmp_path / "out"
    run_pipeline(corpus_dir, out, workers=1, partition_size=1)
    items[1] = (own_row("001", "Renamed Outlet"), items[1][1], items[1][2])
    make_corpus(corpus_dir, items)
    summary = run_pipeline(corpus_dir, out, workers=1, partition_size=1)
    assert summary.analyse_computed == [1] and summary.analyse_reused == [0]
    assert "Renamed Outlet" in set(open_results(out).aggregate("outlets")["outlet_group"])


def test_runs_on_a_two_worker_distributed_cluster(seeded: tuple[Path, Path], tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    corpus_dir, local_out = seeded
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        summary = run_pipeline(corpus_dir, out, scheduler=cluster.scheduler_address, partition_size=3)
    assert summary.analyse_computed == list(range(summary.partitions))
    for table in TABLES:
        for path in sorted((local_out / table).glob("p*.parquet")):
            assert read_parquet(out / table / path.name).equals(read_parquet(path)), (table, path.name)
    for name in AGGREGATES:
        assert read_parquet(out / "aggregates" / f"{name}.parquet").equals(
            read_parquet(local_out / "aggregates" / f"{name}.parquet")), name


def test_empty_partition_tables_keep_their_column_types(tmp_path: Path) -> None:
    write_parquet(pd.DataFrame(columns=["article_id", "start", "anonymous"]), tmp_path / "e.parquet")
    write_parquet(pd.DataFrame({"article_id": ["a"], "start": [1], "anonymous": [True]}), tmp_path / "f.parquet")
    import pyarrow.parquet as pq

    assert pq.read_schema(tmp_path / "e.parquet") == pq.read_schema(tmp_path / "f.parquet")


def test_corpus_without_articles_gives_empty_tables(tmp_path: Path) -> None:
    corpus_dir = make_corpus(tmp_path / "corpus", [(own_row("000"), "000.txt", b"")])
    summary = run_pipeline(corpus_dir, tmp_path / "out", workers=1)
    assert summary.status_counts == {"rejected": 1}
    results = open_results(tmp_path / "out")
    assert results.aggregate("outlets").empty
    assert results.report()["reason"].str.contains("empty").all()


def test_bad_arguments_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="raw folder"):
        run_pipeline(tmp_path / "nowhere", tmp_path / "out")
    corpus_dir = make_corpus(tmp_path / "corpus", [])
    with pytest.raises(ValueError, match="partition_size"):
        run_pipeline(corpus_dir, tmp_path / "out", partition_size=0)
    with pytest.raises(ValueError, match="must not be the corpus folder"):
        run_pipeline(corpus_dir, corpus_dir / "raw" / "x")


def test_command_line_on_a_tiny_corpus(tmp_path: Path) -> None:
    corpus_dir = make_corpus(tmp_path / "corpus", [(own_row("000", "Cli Outlet"), "000.txt", OWN_TEXTS[0].encode()),
                                                   (own_row("001"), "001.txt", OWN_TEXTS[2].encode())])
    out = tmp_path / "out"
    command = [sys.executable, "-m", "helpers.pipeline", "--corpus", str(corpus_dir), "--out", str(out),
               "--workers", "1", "--partition-size", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "ingested: 2" in done.stdout and "analysed 2" in done.stdout
    assert set(open_results(out).aggregate("outlets")["outlet_group"]) == {"Cli Outlet", "unknown"}
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert "analysed 0, reused 2" in again.stdout

    missing = subprocess.run([sys.executable, "-m", "helpers.pipeline", "--corpus", str(tmp_path / "none"),
                              "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert missing.returncode == 2
    assert "error:" in missing.stderr and "none" in missing.stderr and "Traceback" not in missing.stderr
