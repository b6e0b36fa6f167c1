"""helpers.presentation.source_bias_report: notebook 02's tables and prose from a pipeline result.

The corpus is built here from sentences written for these tests (no third-party text): three
named outlets, one of which cites nobody, and two articles of unknown outlet.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.corpus import METADATA_COLUMNS
from helpers.pipeline import open_results, run_pipeline
from helpers.presentation import source_bias_plots
from helpers.presentation import source_bias_report as report
from helpers.presentation.bidi import strip_controls
from helpers.presentation.layout import figure_problems

# (article_id, outlet, outlet_ar, text)
ARTICLES = [
    ("101", "Outlet A", "منفذ أ", "زعم البنتاغون أن الضربات دقيقة. وأعلنت فصائل المقاومة العراقية استهداف قاعدة "
                                    "أمريكية ردا على العدوان الأمريكي.\n\nوقالت فصائل المقاومة إن عملياتها مستمرة."),
    ("102", "Outlet A", "منفذ أ", "ادعى المتحدث باسم البنتاغون أن القوات باقية في العراق.\n\nوأكدت جماعات المقاومة "
                                    "أنها سترد على أي اعتداء."),
    ("103", "Outlet B", "منفذ ب", "قال المتحدث باسم البنتاغون إن الميليشيات هاجمت القاعدة.\n\nوأضاف أن الولايات "
                                    "المتحدة تعمل مع شركائها في مكافحة الإرهاب."),
    ("104", "Outlet C", "منفذ ج", "عقد البرلمان العراقي جلسة لمناقشة الموازنة العامة.\n\nوحضر الجلسة عدد كبير من النواب."),
    ("105", "unknown", "", "قالت وزارة الخارجية الأمريكية إن داعش الوهابي ما زال يشكل خطرا."),
    ("106", "unknown", "", "أعلن مسؤول عراقي أن الميليشيات انسحبت من المدينة، وقال إن داعش هزم."),
]


@pytest.fixture(scope="module")
def res(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("source_bias")
    corpus = folder / "corpus"
    (corpus / "raw").mkdir(parents=True)
    with open(corpus / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=METADATA_COLUMNS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for article_id, outlet, outlet_ar, text in ARTICLES:
            name = f"{article_id}_test.txt"
            (corpus / "raw" / name).write_text(text, encoding="utf-8")
            writer.writerow({"article_id": article_id, "file": name, "sha256": "", "outlet": outlet,
                             "outlet_ar": outlet_ar, "outlet_country": "", "outlet_type": "",
                             "published": "2021-05-01", "date_precision": "day",
                             "evidence": "written for the source bias report tests"})
    out = folder / "out"
    run_pipeline(corpus, out, workers=1)
    return open_results(out)


@pytest.fixture(scope="module")
def table(res: Any) -> pd.DataFrame:
    return report.framing_table(res)


@pytest.fixture(scope="module")
def groups(res: Any) -> pd.DataFrame:
    return report.outlet_groups(res)


def test_unknown_outlets_form_one_group(groups: pd.DataFrame) -> None:
    assert groups["outlet"].tolist().count("unknown") == 1
    assert int(groups.loc[groups["outlet"] == "unknown", "articles"].iloc[0]) == 2
    assert groups.loc[groups["outlet"] == "unknown", "outlet_ar"].iloc[0] == "غير معروف"
    assert groups["articles"].is_monotonic_decreasing


def test_framing_table_has_the_outlet_table_shape_and_no_missing_values(res: Any, table: pd.DataFrame) -> None:
    assert list(table.columns) == report.FRAMING_COLUMNS
    assert not table.isna().any().any()
    shares = table.groupby(["outlet", "frame"])["share_in_frame"].sum()
    assert ((shares - 1).abs() < 0.01).all()
    # the counts are those of the mention table
    assert int(table["count"].sum()) == int(res.sql("SELECT count(*) AS n FROM framing")["n"].iloc[0])
    assert {"resistance_framing", "militia_framing", "sectarian_framing"} <= set(table["leaning"])


def test_marked_rates_cover_every_group_without_missing_values(table: pd.DataFrame, groups: pd.DataFrame) -> None:
    rates = report.marked_rates(table, groups)
    assert rates["outlet"].tolist() == groups["outlet"].tolist()
    assert not rates.isna().any().any()
    silent = rates[rates["outlet"] == "Outlet C"].iloc[0]
    assert silent["marked"] == 0
    a = table[(table["outlet"] == "Outlet A") & (table["leaning"] == "resistance_framing")]["count"].sum()
    words = int(groups.loc[groups["outlet"] == "Outlet A", "words"].iloc[0])
    assert rates.loc[rates["outlet"] == "Outlet A", "resistance"].iloc[0] == pytest.approx(1000 * a / words, abs=0.01)


def test_marked_frames_put_the_most_marked_first_and_skip_excluded(table: pd.DataFrame) -> None:
    frames = report.marked_frames(table, exclude=("attribution",))
    names = [f for f, _ in frames]
    assert "attribution" not in names and "withdrawal" not in names
    assert "armed_groups" in names
    marked = table[[report.is_marked(f, ln) for f, ln in zip(table["frame"], table["leaning"])]]
    totals = [int(marked.loc[marked["frame"] == f, "count"].sum()) for f in names]
    assert totals == sorted(totals, reverse=True)


def test_framing_evidence_is_bounded_and_counts_every_match(res: Any, table: pd.DataFrame) -> None:
    shown = report.framing_evidence(res, "armed_groups", ["resistance_framing", "militia_framing"], max_rows=2)
    expected = int(table[table["leaning"].isin(["resistance_framing", "militia_framing"])]["count"].sum())
    assert shown.total == expected > 2
    assert len(shown.data) == 2 and len(shown.data.columns) <= 5
    # spread over outlet groups: the two rows come from two groups
    assert len({label.split(" · ")[1] for label in shown.data.iloc[:, 0]}) == 2
    assert "Showing 2 of" in shown.footnote()


def test_attribution_evidence_shows_only_the_asked_verb_classes(res: Any) -> None:
    shown = report.attribution_evidence(res, ("distancing",), max_rows=5)
    labels = shown.data.iloc[:, 0].tolist()
    assert labels and all(" · distancing · " in label for label in labels)
    assert shown.total == int(res.sql("SELECT count(*) AS n FROM attributions WHERE verb_class = 'distancing'")["n"].iloc[0])


def test_verb_class_cross_tab_totals_every_attribution(res: Any) -> None:
    cross = report.verb_class_by_source_type(res)
    n = int(res.sql("SELECT count(*) AS n FROM attributions")["n"].iloc[0])
    assert int(cross.loc["total", "total"]) == n
    assert int(cross.drop(index="total")["total"].sum()) == n
    assert list(cross.index[:-1]) == [c for c in ("neutral", "distancing", "conceding") if c in cross.index]


def test_statements_by_outlet_leave_out_groups_without_such_sources(res: Any, groups: pd.DataFrame) -> None:
    us, without = report.statements_by_outlet(res, "us_government")
    assert "Outlet C" not in set(us["outlet"])
    assert without == len(groups) - len(us) >= 1
    assert not us["distancing_share"].isna().any()
    a = us[us["outlet"] == "Outlet A"].iloc[0]
    assert a["distancing"] >= 1 and a["distancing_share"] == pytest.approx(a["distancing"] / a["statements"], abs=0.001)
    nobody, all_groups = report.statements_by_outlet(res, "no_such_type")
    assert nobody.empty and all_groups == len(groups)


def test_readings_and_findings_are_computed_bounded_and_free_of_nan(res: Any, table: pd.DataFrame,
                                                                     groups: pd.DataFrame) -> None:
    shares = report.cited_shares(res)
    readings = report.outlet_readings(res, table, shares, groups, top=3, per=2)
    assert readings["outlet"].tolist() == groups["outlet"].head(3).tolist()
    assert all(len(m) <= 2 for m in readings["marked"])
    text = strip_controls(report.readings_markdown(readings, len(groups), rest_in="x.csv").data)
    assert text.count("\n- ") + text.startswith("- ") == 3
    assert f"{len(groups) - 3} more outlet groups" in text and "x.csv" in text
    findings = strip_controls(report.findings_markdown(res, table, groups).data)
    assert "only Outlet A" in findings  # resistance framing occurs in Outlet A alone
    assert "a distancing or conceding verb in 1 of" in findings  # only Outlet A has the Pentagon "claim"
    for output in (text, findings):
        assert "nan" not in output.lower().replace("nano", "")


def test_the_figures_take_the_report_tables(res: Any, table: pd.DataFrame, groups: pd.DataFrame) -> None:
    for fig in (source_bias_plots.plot_framing_heatmap(table, groups),
                source_bias_plots.plot_cited_sources(report.cited_shares(res), groups)):
        assert figure_problems(fig) == []
        plt.close(fig)


def test_written_tables_are_named_relative_to_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPERS_PROCESSED_DIR", str(tmp_path))
    monkeypatch.delenv("HELPERS_OUT_DIR", raising=False)
    names = report.write_tables({"02_x.csv": pd.DataFrame({"a": [1]})})
    assert names == ["corpus/processed/02_x.csv"]
    assert (tmp_path / "02_x.csv").read_text(encoding="utf-8") == "a\n1\n"


def test_a_corpus_without_framing_or_attributions_gives_empty_tables_not_errors(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "raw").mkdir(parents=True)
    (corpus / "raw" / "1_plain.txt").write_text("عقد البرلمان جلسة لمناقشة الموازنة العامة.", encoding="utf-8")
    with open(corpus / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=METADATA_COLUMNS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerow({"article_id": "1", "file": "1_plain.txt", "outlet": "X", "outlet_ar": "س",
                         "published": "2020-01-01", "date_precision": "day", "evidence": "written for this test"})
    run_pipeline(corpus, tmp_path / "out", workers=1)
    res = open_results(tmp_path / "out")
    groups, table = report.outlet_groups(res), report.framing_table(res)
    assert table.empty and report.marked_frames(table) == []
    assert report.marked_rates(table, groups)["marked"].tolist() == [0.0]
    assert int(report.verb_class_by_source_type(res).loc["total", "total"]) == 0
    assert "No outlet group cites" in str(report.show_statements(res))
    assert report.attribution_evidence(res).total == 0
    findings = strip_controls(report.findings_markdown(res, table, groups).data)
    assert findings.startswith("On 1 article from 1 named outlet, 2020-01: 0 of 0 framing mentions")
    assert "No US-government statement was found." in findings
