"""helpers.presentation.troops_report: notebook 03's tables from a pipeline result.

A tiny corpus of sentences written for these tests (several styles, places and times) runs through
the pipeline; the report's SQL tables must agree with it: claims compared at the time they refer
to, places kept apart, bounded evidence, years printed without separators, the CSV written.
The reference series is built here, so editing corpus/reference does not change these tests.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from helpers.corpus import METADATA_COLUMNS
from helpers.pipeline import open_results, run_pipeline
from helpers.presentation import troops_report as report

#: (article_id, outlet, published, text): written for these tests.
ARTICLES = [
    ("100", "Outlet A", "2020-03-01", "ويتمركز في العراق حاليا نحو 5000 جندي أمريكي بحسب البنتاغون."),
    ("101", "Outlet B", "2021-06-01", "قال مصدر إن واشنطن لن تسحب قواتها. ويوجد في العراق قرابة 40 ألف جندي أمريكي."),
    ("102", "unknown", "2020-03-01", "وتحتفظ الولايات المتحدة بنحو 13 ألف جندي أمريكي في الكويت منذ سنوات."),
    ("103", "Outlet A", "2019-05-01",
     "وكان عدد الجنود الأميركيين في العراق قد وصل في ذروته عام 2007 إلى نحو 170 ألف جندي."),
    ("104", "Outlet C", "2015-03-01", "أرسلت واشنطن 450 مستشارا أمريكيا إضافيا إلى العراق في 25-2-2015."),
]


def _reference() -> pd.DataFrame:
    rows = [("2014-06-16", "iraq", 275, "up_to"), ("2020-01", "iraq", 5200, "approx"),
            ("2021-01-15", "iraq", 2500, "approx"), ("2024", "syria", 900, "approx")]
    frame = pd.DataFrame(rows, columns=["date", "place", "figure", "qualifier"])
    frame.insert(1, "when", [pd.Timestamp(d) for d in frame["date"]])
    frame["figure"] = frame["figure"].astype("Int64")
    return frame.assign(source="written for the tests", note="")


@pytest.fixture(scope="module")
def res(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("troops")
    raw = folder / "corpus" / "raw"
    raw.mkdir(parents=True)
    with open(folder / "corpus" / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=METADATA_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for article_id, outlet, published, text in ARTICLES:
            name = f"{article_id}_test.txt"
            (raw / name).write_text(text + "\n", encoding="utf-8")
            writer.writerow({"article_id": article_id, "file": name, "sha256": "", "outlet": outlet,
                             "outlet_ar": "", "outlet_country": "", "outlet_type": "", "published": published,
                             "date_precision": "day", "evidence": "written for the tests"})
    run_pipeline(folder / "corpus", folder / "out", workers=1)
    return open_results(folder / "out")


@pytest.fixture(scope="module")
def claims(res) -> pd.DataFrame:
    return report.troop_claims(res, _reference())


def test_mentions_by_kind_is_a_group_by_of_the_numbers_table(res) -> None:
    kinds = report.mentions_by_kind(res)
    total = int(res.sql("SELECT count(*) AS n FROM numbers")["n"].iloc[0])
    assert int(kinds["mentions"].sum()) == total
    assert kinds["mentions"].tolist() == sorted(kinds["mentions"], reverse=True)
    assert int(kinds["us_troop_levels"].sum()) == int(res.sql(
        "SELECT count(*) AS n FROM numbers WHERE is_us_troop_level")["n"].iloc[0])
    assert {"count", "year", "date"} <= set(kinds["kind"])


def test_claims_are_compared_at_the_time_they_refer_to(claims: pd.DataFrame) -> None:
    by_value = claims.set_index("value")
    assert by_value.at[5000, "agreement"] == "agrees"          # 2020 beside 5,200 (within 10%)
    assert by_value.at[40000, "agreement"] == "differs"        # 2021 beside 2,500
    peak = by_value.loc[170000]
    assert peak["refers_to"] == "2007" and peak["level"] == "peak"
    assert pd.isna(peak["reference_figure"]) and peak["agreement"] == "no reference"  # not the 2019 figure
    assert str(peak["published"].date()) == "2019-05-01"      # the publication date is kept beside it


def test_places_are_never_merged(claims: pd.DataFrame) -> None:
    kuwait = claims[claims["value"] == 13000].iloc[0]
    assert kuwait["where"] == "kuwait" and kuwait["agreement"] == "no reference"
    places = report.place_summary(claims)
    assert "kuwait" in set(places["place"]) and "iraq" in set(places["place"])
    assert int(places["claims"].sum()) == len(claims)
    assert int(places.loc[places["place"] == "kuwait", "claims"].iloc[0]) == 1
    assert (places[["agrees", "differs", "no reference"]].sum(axis=1) == places["claims"]).all()


def test_force_counts_keep_flows_apart_and_are_bounded(res) -> None:
    rows, totals = report.force_counts(res, limit=2)
    assert len(rows) == 2 and totals["counts"] >= 5
    assert totals["levels"] + totals["not_levels"] == totals["counts"]
    everything, _ = report.force_counts(res, limit=100)
    flow = everything[everything["value"] == 450].iloc[0]
    assert not flow["is_us_troop_level"] and "flow" in flow["level_reason"]
    assert everything["published"].is_monotonic_increasing
    others = report.not_level_counts(res)
    assert 450 in set(others["value"]) and not others["is_us_troop_level"].any()


def test_non_counts_are_bounded_and_years_have_no_separator(res) -> None:
    rows, total = report.non_counts(res, limit=1)
    assert len(rows) == 1 and total >= 2
    every, _ = report.non_counts(res, limit=100)
    assert "2007" in set(every.loc[every["kind"] == "year", "value"])
    assert (every["kind"] != "count").all()


def test_first_claim_is_chosen_by_article_id(res) -> None:
    first = report.first_claim_text(res)
    assert first is not None and first["article_id"] == "100"
    assert first["text"][first["start"]:].startswith(first["surface"])


def test_findings_are_computed_from_the_tables(res, claims: pd.DataFrame) -> None:
    found = report.findings(res, claims, report.mentions_by_kind(res))
    assert found["articles"] == len(ARTICLES)
    assert found["level_articles"] == 4 and found["claims"] == len(claims)
    assert found["level_outlets"] == ["Outlet A", "Outlet B", "unknown"]   # most claims first, unknown last
    assert found["agrees"] + found["differs"] + found["no_reference"] == found["claims"]
    assert found["counts"] + found["non_counts"] == found["mentions"]


def test_claims_csv_is_written_when_small(res, claims: pd.DataFrame, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPERS_PROCESSED_DIR", str(tmp_path))
    assert report.write_claims_csv(claims, res)
    written = pd.read_csv(tmp_path / "troop_claims.csv", dtype=str)
    assert written.loc[written["value"] == "13000", "sentence"].iloc[0].endswith("في الكويت منذ سنوات.")
    assert len(written) == len(claims) and written["published"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert {"refers_to", "where", "level_reason", "agreement"} <= set(written.columns)
    (tmp_path / "troop_claims.csv").unlink()
    assert not report.write_claims_csv(claims, max_rows=1)
    assert not (tmp_path / "troop_claims.csv").exists()


@pytest.mark.parametrize("value, high, qualifier, ref, expected", [
    (2500, None, "approx", 2500, "agrees"),
    (2500, None, "approx", 2800, "differs"),
    (2500, None, "at_least", 5200, "agrees"),
    (2500, None, "at_least", 2000, "differs"),
    (3000, None, "up_to", 275, "agrees"),
    (10000, 15000, "range", 14000, "agrees"),
    (10000, 15000, "range", 20000, "differs"),
    (40000, None, "approx", None, "no reference"),
])
def test_agreement_reads_the_qualifier(value, high, qualifier, ref, expected) -> None:
    row = pd.Series({"value": value, "value_high": high, "qualifier": qualifier, "reference_figure": ref})
    assert report.agreement(row) == expected


def test_plot_points_are_bounded_and_keep_both_ends() -> None:
    frame = pd.DataFrame({"v": range(1000)})
    picked = report.plot_points(frame, 50)
    assert len(picked) == 50 and picked["v"].iloc[0] == 0 and picked["v"].iloc[-1] == 999
    assert report.plot_points(frame.head(3), 50)["v"].tolist() == [0, 1, 2]


def test_explain_number_traces_the_first_claim_as_the_table_reads_it(res, capsys: pytest.CaptureFixture) -> None:
    from helpers.numbers import explain_number

    first = report.first_claim_text(res)
    assert first is not None
    mention = explain_number(first["text"], first["start"], first["title"], first["published"],
                             first["date_precision"])
    row = res.sql(f"SELECT value, refers_to, level_reason FROM numbers WHERE article_id = '{first['article_id']}' "
                  f"AND start = {first['start']}").iloc[0]
    assert (mention.value, mention.refers_to, mention.level_reason) == (row["value"], row["refers_to"],
                                                                         row["level_reason"])
    assert "=> a current troop level" in capsys.readouterr().out


def test_explain_number_keeps_the_precision_of_the_publication_date() -> None:
    from helpers.numbers import mention_at

    text = "وتنشر واشنطن حاليا قرابة ألفي عسكري أمريكي في الأردن."
    start = text.index("قرابة")
    assert mention_at(text, start, "", "2023-07-01", "month").refers_to == "2023-07"
    assert mention_at(text, start, "", "2023-07-01", "year").refers_to == "2023"


def test_vectorised_agreement_matches_the_row_rule() -> None:
    rows = pd.DataFrame({"value": [2500, 2500, 2500, 3000, 10000, 10000, 40000],
                         "value_high": [None, None, None, None, 15000, 15000, None],
                         "qualifier": ["approx", "approx", "at_least", "up_to", "range", "range", "approx"],
                         "reference_figure": pd.array([2500, 2800, 5200, 275, 14000, 20000, None], dtype="Int64")})
    assert report.agreements(rows).tolist() == [report.agreement(row) for _, row in rows.iterrows()]
    assert report.agreements(rows.iloc[:0]).empty
