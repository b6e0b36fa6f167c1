"""helpers.presentation.actors_report: notebook 04's tables from a pipeline result, checked against
the single-process helpers on corpora written here (no third-party text, nothing from corpus/raw)."""

from __future__ import annotations

import csv
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from helpers import actors
from helpers.corpus import METADATA_COLUMNS
from helpers.pipeline import open_results, run_pipeline
from helpers.presentation import actor_plots
from helpers.presentation import actors_report as report
from helpers.presentation.layout import figure_problems

#: Sentences written for these tests, in several registers; joined into articles below.
SENTENCES = [
    "أعلنت واشنطن أن القوات الأمريكية ستبقى في العراق لتدريب القوات العراقية.",
    "وقال البنتاغون إن الحكومة العراقية طلبت دعماً جوياً ضد تنظيم داعش.",
    "وصل وزير الخارجية الإيراني إلى بغداد، ثم رفضت بغداد أي وجود أجنبي دائم.",
    "واستهدفت الفصائل المسلحة قاعدة للتحالف الدولي، وردّ التحالف بغارات على مواقع كتائب حزب الله.",
    "وتجري مفاوضات بين بغداد وواشنطن حول جدول انسحاب القوات الأميركية من البلاد.",
    "وأكد البيت الأبيض أن الرئيس الأمريكي يتابع الملف مع رئيس الوزراء العراقي.",
]
OUTLETS = ["Outlet A", "Outlet B", "Outlet C", "unknown"]


def _corpus(folder: Path, n_articles: int) -> Path:
    raw = folder / "raw"
    raw.mkdir(parents=True)
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=METADATA_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for i in range(n_articles):
            # Each article a different selection and order of the sentences, so rates differ.
            picked = [SENTENCES[(i + k) % len(SENTENCES)] for k in range(2 + i % 4)]
            name = f"{i:03d}_test.txt"
            (raw / name).write_text("\n\n".join(picked) + f"\n\nالفقرة رقم {i}.", encoding="utf-8")
            writer.writerow({"article_id": f"{i:03d}", "file": name, "sha256": "", "outlet": OUTLETS[i % len(OUTLETS)],
                             "outlet_ar": "", "outlet_country": "", "outlet_type": "",
                             "published": f"2020-01-{1 + i % 28:02d}", "date_precision": "day",
                             "evidence": "written for the actors_report tests"})
    return folder


@pytest.fixture(scope="module", params=[4, 16], ids=["4-articles", "16-articles"])
def result(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp(f"actors_report_{request.param}")
    corpus = _corpus(folder / "corpus", request.param)
    run_pipeline(corpus, folder / "out", workers=1)
    res = open_results(folder / "out")
    yield res
    res.con.close()


@pytest.fixture(scope="module")
def lexicon() -> pd.DataFrame:
    return actors.load_actor_lexicon()


def _mentions_and_articles(res) -> tuple[pd.DataFrame, pd.DataFrame]:
    return res.table("actors").df(), res.table("articles").df()  # small test corpora only


def test_totals_and_roots_match_the_single_process_counts(result, lexicon) -> None:
    mentions, articles = _mentions_and_articles(result)
    expected = actors.actor_counts(mentions, articles, by=None, lexicon=lexicon)
    totals = report.actor_totals(result, lexicon)
    assert dict(zip(totals["actor_id"], totals["mentions"])) == dict(zip(expected["actor_id"], expected["mentions"]))
    assert totals["mentions"].is_monotonic_decreasing
    roots = report.root_totals(result, lexicon)
    expected_roots = actors.actor_counts(mentions, articles, by=None, level="root", lexicon=lexicon)
    assert dict(zip(roots["root"], roots["mentions"])) == dict(zip(expected_roots["actor_id"], expected_roots["mentions"]))
    assert dict(zip(roots["root"], roots["per_1000_words"])) == pytest.approx(
        dict(zip(expected_roots["actor_id"], expected_roots["per_1000_words"])), abs=1e-3)


def test_cooccurrence_sql_equals_the_helper(result, lexicon) -> None:
    mentions, _ = _mentions_and_articles(result)
    expected = actors.cooccurrence(mentions)
    pairs = report.cooccurrence_pairs(result, lexicon)
    assert len(pairs) > 0
    pd.testing.assert_frame_equal(pairs[["actor_a", "actor_b", "sentences", "articles"]], expected)


def test_heatmap_input_gives_the_rates_the_figure_would_compute(result, lexicon) -> None:
    mentions, articles = _mentions_and_articles(result)
    top = list(report.actor_totals(result, lexicon)["actor_id"].head(8))
    matrix, columns = report.heatmap_input(result, top)
    assert list(matrix.index) == top
    if len(articles) <= actor_plots.MAX_COLUMNS:
        expected = actors.actor_article_matrix(mentions, articles, actors=top)
        np.testing.assert_allclose(matrix.to_numpy(), expected.to_numpy(), atol=1e-3)
    else:
        assert matrix.shape[1] > actor_plots.MAX_COLUMNS  # grouped by outlet, never shown as articles
        outlets = result.aggregate("outlets").set_index("outlet_group")
        assert columns.groupby("outlet")["n_words"].sum().to_dict() == pytest.approx(outlets["words"].to_dict())
        by_outlet = result.aggregate("actor_counts_by_outlet")
        for _, row in by_outlet[by_outlet["actor_id"].isin(top)].iterrows():
            parts = columns.loc[columns["outlet"] == row["outlet_group"], "article_id"]
            assert matrix.loc[row["actor_id"], list(parts)].to_numpy() == pytest.approx(row["per_1000_words"], abs=1e-3)
    fig = actor_plots.plot_actor_heatmap(matrix, columns, lexicon)
    try:
        assert figure_problems(fig) == []
        labels = " ".join(t.get_text() for t in fig.axes[0].get_xticklabels())
        assert ("#" in labels) is False  # the split parts never show up as columns
    finally:
        plt.close(fig)


def test_outlet_rates_are_bounded_and_word_weighted(result, lexicon) -> None:
    rates = report.outlet_rates(result, lexicon, n_roots=3)
    assert list(rates.columns[:3]) == ["outlet group", "articles", "words"] and len(rates.columns) <= 6
    assert rates["words"].is_monotonic_decreasing
    mentions, articles = _mentions_and_articles(result)
    expected = actors.actor_counts(mentions, articles.assign(outlet=articles["outlet"].replace("", "unknown")),
                                   by="outlet", level="root", lexicon=lexicon)
    label = actors.actor_table(lexicon).set_index("actor_id")["label_en"]
    for _, row in expected.iterrows():
        if label.get(row["actor_id"]) in rates.columns:
            shown = rates.set_index("outlet group").at[row["outlet"], label[row["actor_id"]]]
            assert shown == pytest.approx(row["per_1000_words"], abs=0.051)


def test_roles_and_places(result, lexicon) -> None:
    places = report.place_roles(result, sample=3)
    assert places.attrs["sampled"] == 3
    assert {"بغداد", "واشنطن"} <= set(places["alias"])
    baghdad = places.set_index("alias").loc["بغداد"]
    assert baghdad["as a place"] >= 1 and baghdad["as a government"] >= 1  # إلى بغداد / رفضت بغداد
    roles = report.role_counts(result, places)
    assert roles["role"].str.startswith("place").tolist()[-1]
    actor_rows = roles.iloc[:-1]
    assert actor_rows["mentions"].sum() == report.actor_totals(result, lexicon)["mentions"].sum()
    assert actor_rows.set_index("role")["mentions"].filter(like="metonymy").iloc[0] > 0


def test_evidence_is_bounded_per_article_and_overall(result, lexicon) -> None:
    rows, total = report.evidence_mentions(result, "us_military", per_article=1, limit=3)
    assert 0 < len(rows) <= 3 and rows["article_id"].is_unique and total >= len(rows)
    assert rows["article_id"].tolist() == sorted(rows["article_id"])
    texts = report.texts_of(result, rows["article_id"])
    for row in rows.itertuples():
        text = texts.set_index("article_id").at[row.article_id, "text"]
        assert text[row.start:row.end] == row.surface
    explore = report.explorer_mentions(result, ["us_military", "isis"], per_actor=2)
    assert explore.groupby("actor_id").size().max() <= 2


def test_findings_are_the_tables_numbers(result, lexicon) -> None:
    pairs = report.cooccurrence_pairs(result, lexicon)
    found = report.findings(result, lexicon, pairs, report.place_roles(result, sample=2))
    roots = report.root_totals(result, lexicon).set_index("root")["mentions"]
    assert found["us_side"] == roots.get("us", 0) and found["iraq_side"] == roots.get("iraq", 0)
    assert found["top_pair"][1] == pairs["sentences"].max()
    assert found["unknown_outlet_articles"] == len(_mentions_and_articles(result)[1].query("outlet in ['', 'unknown']"))
    assert found["known_outlets"] == 3 and found["military_high"][1] >= found["military_low"][1]
    assert found["place_sample"] == 2


def test_lexicon_overview_counts_every_alias(lexicon) -> None:
    overview = report.lexicon_overview(lexicon)
    assert overview["aliases"].sum() == len(lexicon)
    assert overview["actors"].sum() == lexicon["actor_id"].nunique()
    assert overview["place-name aliases"].sum() == (lexicon["match_rule"] == "place_name").sum()
