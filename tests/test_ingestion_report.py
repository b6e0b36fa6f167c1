"""helpers.presentation.ingestion_report: notebook 01's numbers from the pipeline's tables.

A corpus is built here from articles written for these tests (with page furniture, a byte copy,
an empty file, a file without metadata, a metadata row without a file); the pipeline runs on it
once, and each summary is checked against the single-process helpers on the same files
(helpers.corpus.load_corpus and helpers.ingestion.views). The timeline input is also checked on a
larger corpus held in DuckDB only (no pipeline), where the figure counts per period.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from helpers.corpus import METADATA_COLUMNS, load_corpus
from helpers.ingestion import views
from helpers.pipeline import open_results, run_pipeline
from helpers.presentation import ingestion_report as report
from helpers.presentation.ingestion_plots import plot_corpus_timeline
from helpers.presentation.layout import figure_problems
from helpers.text import normalize_for_matching

BODY = [
    "قالت وزارة الدفاع الأمريكية إن نحو 2500 جندي أمريكي ما زالوا في العراق.\n\nوأضاف المتحدث أن القوات الامريكية ستبقى.",
    "أعلنت فصائل المقاومة العراقية استهداف قاعدة عين الأسد بطائرة مسيرة.\n\nوذكرت مصادر أمنية أن الهجوم لم يسفر عن إصابات.",
    "نقلت وكالة رويترز عن مسؤول عراقي قوله إن الحكومة العراقية تبحث جدول انسحاب قوات التحالف الدولي.",
    "أكد رئيس الوزراء العراقي أن بغداد لا تريد وجود قوات أجنبية على أراضيها بعد نهاية العام المقبل.",
]


def _row(article_id: str, outlet: str, country: str, published: str, precision: str) -> dict[str, str]:
    return {"article_id": article_id, "file": "", "sha256": "", "outlet": outlet, "outlet_ar": "",
            "outlet_country": country, "outlet_type": "", "published": published, "date_precision": precision,
            "evidence": "written for the ingestion report tests"}


def _write_corpus(folder: Path) -> Path:
    raw = folder / "raw"
    raw.mkdir(parents=True)
    items: list[tuple[dict[str, str] | None, str, bytes]] = [
        (_row("101", "Outlet A", "Iraq", "2019-05-02", "day"), "101_a.txt",
         ("fbpx\nالقوات الأمريكية في العراق\n" + BODY[0] + "\nRead More\nRead More\n").encode("utf-8")),
        (_row("102", "Outlet B", "Iran", "2021-03-01", "month"), "102_b.txt",
         ("عنوان الخبر عن الفصائل\n" + BODY[1] + "\nRead More\n").encode("cp1256")),
        (_row("103", "unknown", "unknown", "2023-01-01", "year"), "103_c.txt", BODY[2].encode("utf-8")),
        (_row("104", "Outlet A", "Iraq", "unknown", "unknown"), "104_d.txt", BODY[3].encode("utf-8")),
        (_row("105", "Outlet A", "Iraq", "2019-06-01", "day"), "105_copy.txt", BODY[2].encode("utf-8")),
        (_row("106", "Outlet B", "Iran", "2020-01-01", "day"), "106_empty.txt", b" \n"),
        (None, "107_no_metadata.txt", "وصل وفد عسكري إلى أربيل لبحث التعاون الأمني مع حكومة الإقليم.".encode()),
    ]
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=METADATA_COLUMNS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row, name, data in items:
            (raw / name).write_bytes(data)
            if row is not None:
                writer.writerow({**row, "file": name})
        writer.writerow({**_row("108", "Outlet C", "Syria", "2020-01-01", "day"), "file": "108_gone.txt"})
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    folder = tmp_path_factory.mktemp("ingestion_report")
    corpus = _write_corpus(folder / "corpus")
    run_pipeline(corpus, folder / "out", workers=1)
    return open_results(folder / "out"), load_corpus(corpus / "raw", corpus / "metadata.csv")


def test_glance_counts_match_the_single_process_corpus(built: tuple[Any, Any]) -> None:
    res, c = built
    glance = report.corpus_glance(res)
    arts = c.articles
    known = arts.loc[~arts["outlet"].isin(["unknown", ""])]
    assert glance["articles"] == len(arts)
    assert glance["words"] == int(arts["n_words"].sum())
    assert glance["sentences"] == len(c.sentences)
    assert glance["outlets"] == known["outlet"].nunique()
    assert glance["countries"] == known["outlet_country"].nunique()
    assert glance["unknown_outlet"] == int((~arts["outlet"].isin(known["outlet"])).sum())
    dated = arts.loc[arts["date_precision"] != "unknown", "published"].str[:4]
    assert (glance["first_year"], glance["last_year"], glance["years"]) == (dated.min(), dated.max(), dated.nunique())
    assert glance["removals"] == len(c.audit)
    assert glance["cleaned_articles"] == c.audit["article_id"].nunique()
    counts = report.precision_counts(res)
    assert dict(zip(counts["date_precision"], counts["articles"])) == arts["date_precision"].value_counts().to_dict()
    assert counts["date_precision"].tolist() == [p for p in ("day", "month", "year", "unknown")
                                                 if p in set(arts["date_precision"])]


def test_overview_is_the_views_table_bounded(built: tuple[Any, Any]) -> None:
    res, c = built
    shown = report.overview_rows(res, limit=2)
    expected = views.corpus_overview(c.articles.sort_values("article_id").head(2))
    pd.testing.assert_frame_equal(shown.astype(str), expected.astype(str))


def test_status_counts_and_every_file_not_ingested(built: tuple[Any, Any]) -> None:
    res, c = built
    pd.testing.assert_frame_equal(report.status_counts(res), views.report_counts(c.report))
    rows, total = report.not_ingested_rows(res, limit=50)
    expected = views.not_ingested(c.report)
    assert total == len(expected) >= 4  # a duplicate, an empty file, one without metadata, one missing
    assert set(expected["status"]) >= {"duplicate", "rejected", "needs-metadata", "missing-file"}
    pd.testing.assert_frame_equal(rows.fillna("").astype(str), expected.fillna("").astype(str))
    bounded, total_again = report.not_ingested_rows(res, limit=2)
    assert len(bounded) == 2 and total_again == total
    assert report.status_counts_from(pd.DataFrame({"status": ["odd"], "files": [3]}))["status"].tolist()[-1] == "odd"


def test_most_cleaned_article_and_cleaning_tables(built: tuple[Any, Any]) -> None:
    res, c = built
    per_article = c.audit.groupby("article_id").size()
    chosen = report.most_cleaned_article(res)
    most = per_article.max()
    assert chosen["article_id"] == min(per_article[per_article == most].index)
    assert chosen["removals"] == most
    assert chosen["file"] == c.articles.set_index("article_id").loc[chosen["article_id"], "file"]
    by_reason = report.cleaning_by_reason(res)
    assert dict(zip(by_reason["reason"], by_reason["removed"])) == c.audit["reason"].value_counts().to_dict()
    assert by_reason["removed"].is_monotonic_decreasing
    sample = report.cleaning_sample(res, articles=1)
    assert set(sample["article_id"]) == {chosen["article_id"]}
    assert int(sample["removed"].sum()) == most
    text = c.articles.set_index("article_id").loc[chosen["article_id"], "text"]
    assert report.clean_text_of(res, chosen["article_id"], chars=20) == text[:20]
    with pytest.raises(KeyError, match="no text"):
        report.clean_text_of(res, "no-such-id")


def test_raw_vs_clean_excerpt_keeps_every_non_body_line() -> None:
    table = pd.DataFrame({"line_no": range(1, 8), "raw_line": list("abcdefg"),
                          "fate": ["removed: x", "title", "body", "body", "body", "removed: y", "body (stray markup)"]})
    rows, hidden = report.raw_vs_clean_excerpt(table, body_lines=1)
    assert rows["line_no"].tolist() == [1, 2, 3, 6, 7]
    assert hidden == 2


def test_offset_demo_hits_index_the_clean_text_and_their_sentence(built: tuple[Any, Any]) -> None:
    res, c = built
    choice, hits = report.offset_demo(res, max_hits=10)
    assert choice, "the test corpus names actors"
    text = c.articles.set_index("article_id").loc[choice["article_id"], "text"]
    assert choice["hits"] == len(hits) > 0
    needle = normalize_for_matching(choice["alias"])
    sentences = c.sentences[c.sentences["article_id"] == choice["article_id"]]
    for hit in hits.itertuples():
        start, end = (int(x) for x in hit.offsets.split("\u2013"))
        assert normalize_for_matching(text[start:end]) == needle
        assert text[start:end] in hit._1  # "in the word"
        sentence = sentences[sentences["sentence_id"] == hit.sentence_id].iloc[0]
        assert sentence["start"] <= start and end <= sentence["end"]
    assert choice["matcher_mentions"] == int(res.sql(
        f"SELECT count(*) AS n FROM actors WHERE alias = '{choice['alias']}' AND article_id = '{choice['article_id']}'"
    )["n"].iloc[0])
    forms = sorted(set(hits["in the word"]))
    assert choice["forms"] == len(forms)


def _fake_results(articles: pd.DataFrame) -> Any:
    con = duckdb.connect()
    con.register("articles_df", articles)
    con.execute("CREATE TABLE articles AS SELECT * FROM articles_df")

    class Fake:
        def sql(self, query: str) -> pd.DataFrame:
            return con.execute(query).df()

    return Fake()


@pytest.mark.parametrize("n", [5, 500])
def test_timeline_input_draws_the_same_figure_as_one_row_per_article(n: int) -> None:
    outlets = [f"Outlet {i:02d}" for i in range(40)] + ["unknown"]
    precisions = ["day", "month", "year", "unknown"]
    rows = []
    for i in range(n):
        precision = precisions[i % 4]
        year, month = 2003 + i % 23, 1 + i % 12
        published = {"unknown": "unknown", "year": f"{year}-01-01", "month": f"{year}-{month:02d}-01"}.get(
            precision, f"{year}-{month:02d}-{1 + i % 28:02d}")
        rows.append({"article_id": f"{i:05d}", "outlet": outlets[(i * 7) % len(outlets)], "outlet_ar": "",
                     "outlet_country": f"C{i % 9}", "outlet_type": "news_website", "published": published,
                     "date_precision": precision})
    articles = pd.DataFrame(rows)
    table = report.timeline_articles(_fake_results(articles))
    weights = table["articles"] if "articles" in table.columns else pd.Series(1, index=table.index)
    assert int(weights.sum()) == n
    month = lambda f, w: w.groupby([f["outlet"], f["published"].str[:7]]).sum()  # noqa: E731
    pd.testing.assert_series_equal(month(table, weights), month(articles, pd.Series(1, index=articles.index)),
                                   check_names=False)
    if n <= 40:
        assert table["article_id"].tolist() == articles["article_id"].tolist()
    else:
        assert "articles" in table.columns and table["article_id"].eq("").all()
    fig, reference = plot_corpus_timeline(table), plot_corpus_timeline(articles)
    assert figure_problems(fig) == []
    assert fig.axes[0].get_title() == reference.axes[0].get_title()
    if n > 40:  # the same counts in the same cells
        assert (fig.axes[0].collections[0].get_array() == reference.axes[0].collections[0].get_array()).all()
