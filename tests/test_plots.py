"""Figure tests: every figure function on generated corpora of 5, 50 and 500 articles (40 outlets).

Each figure must have no overlapping text boxes (tick labels, annotations, legend entries,
titles: measured by the renderer), no text outside the figure, no data outside its axes, no
text under 9 px on a 900 px page, and a PNG within 2,400 px. The generated tables
(tests/plot_corpora.py) have Arabic outlet names and actor labels of varying lengths, unknown
outlets, dates from 2003 to 2026 and claims that refer to years before their publication.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from plot_corpora import PlotCorpus, make_plot_corpus

from helpers import figures, rtl
from helpers.presentation import actor_plots, ingestion_plots, layout, source_bias_plots, troop_plots

SIZES = (5, 50, 500)


@pytest.fixture(autouse=True)
def house_style(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The notebooks' style with the font the Makefile pins; every figure closed afterwards."""
    monkeypatch.setenv(rtl.FONT_ENV_VAR, "DejaVu Sans")
    with matplotlib.rc_context():
        figures.use_house_style()
        yield
    plt.close("all")
    for option in figures.PANDAS_OPTIONS:
        pd.reset_option(option)


@functools.cache
def corpus(n: int) -> PlotCorpus:
    return make_plot_corpus(n)


FIGURES: dict[str, Callable[[PlotCorpus, int], Any]] = {
    "01_corpus_timeline": lambda c, n: ingestion_plots.plot_corpus_timeline(c.articles),
    "02_framing_by_outlet": lambda c, n: source_bias_plots.plot_framing_heatmap(c.framing_table, c.articles),
    "02_cited_sources": lambda c, n: source_bias_plots.plot_cited_sources(c.source_shares, c.articles),
    "03_troop_levels_timeline": lambda c, n: troop_plots.plot_troop_levels_timeline(c.reference, c.claims,
                                                                                    c.other_counts),
    "04_top_actors": lambda c, n: actor_plots.plot_top_actors(c.actor_counts.head(15), n, c.lexicon),
    "04_actor_heatmap": lambda c, n: actor_plots.plot_actor_heatmap(c.actor_matrix, c.articles, c.lexicon),
    "04_cooccurrence": lambda c, n: actor_plots.plot_cooccurrence(c.cooccurrence, c.lexicon),
}


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_reads_at_every_corpus_size(name: str, n: int) -> None:
    fig = FIGURES[name](corpus(n), n)
    assert layout.figure_problems(fig) == [], f"{name} at {n} articles"


def _tick_texts(labels: list[Any]) -> list[str]:
    return [label.get_text() for label in labels if label.get_text()]


# ----------------------------------------------------------------------------------------
# Aggregation chosen from the data
# ----------------------------------------------------------------------------------------


def test_unknown_outlets_share_one_group_and_the_rest_is_other() -> None:
    c = corpus(500)
    assert c.framing_table["outlet"].str.startswith("unknown (").sum() > 20  # one "outlet" per unknown article
    fig = source_bias_plots.plot_framing_heatmap(c.framing_table)
    labels = _tick_texts(fig.axes[0].get_xticklabels())
    assert len(labels) <= source_bias_plots.MAX_OUTLETS
    assert sum("unknown" in label for label in labels) == 1
    assert sum("other outlets" in label for label in labels) == 1
    bars = source_bias_plots.plot_cited_sources(c.source_shares)
    bar_labels = _tick_texts(bars.axes[0].get_yticklabels())
    assert sum("unknown" in label for label in bar_labels) == 1 and len(bar_labels) <= source_bias_plots.MAX_OUTLETS


def test_pooled_shares_are_recomputed_from_counts() -> None:
    shares = pd.DataFrame({"outlet": ["unknown (1)", "unknown (1)", "unknown (2)", "unknown (2)"],
                           "outlet_ar": ["غير معروف"] * 4, "source_type": ["us_government", "anonymous"] * 2,
                           "count": [3, 1, 0, 4], "unnamed": [0, 1, 0, 4], "total": [4, 4, 4, 4]})
    fig = source_bias_plots.plot_cited_sources(shares)
    widths = [round(p.get_width(), 3) for p in fig.axes[0].patches if p.get_width() > 0]
    assert widths == [0.375, 0.625]  # 3 of 8 US government, 5 of 8 anonymous (all unnamed), in one bar
    assert _tick_texts(fig.axes[0].get_yticklabels()) == [rtl.label("غير معروف", "unknown (n=8)")]


def test_grouping_goes_to_country_when_outlets_are_spread_thin() -> None:
    arts = pd.DataFrame({"article_id": [f"{i:03d}" for i in range(300)],
                         "outlet": [f"Outlet {i}" for i in range(300)], "outlet_ar": ["س"] * 300,
                         "outlet_country": [["Iraq", "Iran", "Syria"][i % 3] for i in range(300)]})
    keys, grouping = layout.group_by_outlet(arts, 12)
    assert grouping.level == "country" and grouping.order() == ["Iran", "Iraq", "Syria"]
    assert keys.iloc[0] == "Iraq"
    arts["outlet"] = [f"Outlet {i % 5}" for i in range(300)]
    assert layout.group_by_outlet(arts, 12)[1].level == "outlet"


@pytest.mark.parametrize(("first", "last", "period"), [("2024-01-01", "2024-06-01", "month"),
                                                      ("2014-01-01", "2020-01-01", "quarter"),
                                                      ("2003-01-01", "2026-12-31", "year")])
def test_period_follows_the_time_span(first: str, last: str, period: str) -> None:
    assert layout.choose_period(pd.Series(pd.to_datetime([first, last])), max_bins=40) == period


def test_timeline_marks_each_article_when_few_and_counts_when_many() -> None:
    small = ingestion_plots.plot_corpus_timeline(corpus(5).articles)
    ids = sorted(t.get_text() for t in small.axes[0].texts)
    assert ids == sorted(corpus(5).articles["article_id"])  # every article labelled: there is room
    large = ingestion_plots.plot_corpus_timeline(corpus(500).articles)
    assert "500 articles" in large.axes[0].get_title()
    assert large.axes[0].collections  # a mesh of counts per row and period, not 500 marks
    assert len(_tick_texts(large.axes[0].get_yticklabels())) <= ingestion_plots.MAX_ROWS


def test_actor_heatmap_pools_articles_by_outlet_weighted_by_words() -> None:
    matrix = pd.DataFrame({f"{i:03d}": [float(i % 2)] for i in range(20)}, index=["iraq"])
    arts = pd.DataFrame({"article_id": [f"{i:03d}" for i in range(20)], "outlet": ["A"] * 10 + ["B"] * 10,
                         "outlet_ar": ["أ"] * 10 + ["ب"] * 10, "n_words": [100, 300] * 10})
    fig = actor_plots.plot_actor_heatmap(matrix, arts)
    image = fig.axes[0].images[0].get_array()
    assert np.allclose(image, [[0.8, 0.8]])  # 1.0 on the 300-word articles, 0 on the 100-word ones
    assert "by outlet" in fig.axes[0].get_title()


# ----------------------------------------------------------------------------------------
# Troop timeline: every claim at the time it refers to, ranges from the data
# ----------------------------------------------------------------------------------------


def _point_xs(fig: Any) -> set[float]:
    return {round(float(x), 3) for coll in fig.axes[0].collections for x, _ in coll.get_offsets()}


def test_claim_is_drawn_at_the_time_it_refers_to_beside_its_publication_date() -> None:
    reference = corpus(5).reference
    claims = pd.DataFrame({"published": pd.to_datetime(["2020-01-16", "2024-03-01"]), "value": [40000, 2500],
                           "value_high": [pd.NA, pd.NA], "qualifier": ["approx", "exact"], "where": ["iraq", "iraq"],
                           "outlet_ar": ["الأولى", "الثانية"], "refers_to": ["2011-12", None]})
    fig = troop_plots.plot_troop_levels_timeline(reference, claims)
    xs = _point_xs(fig)
    when = [mdates.date2num(pd.Timestamp(d)) for d in ("2011-12-01", "2020-01-16", "2024-03-01")]
    assert {round(x, 3) for x in when} <= xs  # refers-to time, faint publication marker, plain claim
    low, high = fig.axes[0].get_xlim()
    assert low <= mdates.date2num(reference["when"].min()) and high >= mdates.date2num(reference["when"].max())
    assert layout.figure_problems(fig) == []


def test_claims_before_2014_are_on_the_chart() -> None:
    c = corpus(50)
    fig = troop_plots.plot_troop_levels_timeline(c.reference, c.claims, c.other_counts)
    low, high = fig.axes[0].get_xlim()
    times = troop_plots.claim_times(c.claims)
    assert times["when"].min().year <= 2004
    assert low <= mdates.date2num(times["when"].min()) and high >= mdates.date2num(times["published"].max())
    y_low, y_high = fig.axes[0].get_ylim()
    assert y_low <= c.claims["value"].min() and y_high >= c.claims["value"].max()
    assert fig.axes[0].get_yscale() != "linear"  # 168,000 and 275 on one chart


def test_claims_without_refers_to_use_the_publication_date() -> None:
    claims = corpus(50).claims.drop(columns="refers_to")
    fig = troop_plots.plot_troop_levels_timeline(corpus(50).reference, claims)
    published = {round(mdates.date2num(d), 3) for d in claims["published"]}
    assert published <= _point_xs(fig)


# ----------------------------------------------------------------------------------------
# The checks themselves fail when they should
# ----------------------------------------------------------------------------------------


def test_checks_catch_overprinted_ticks_clipped_text_and_data_off_the_axes() -> None:
    fig, ax = layout.new_figure(3)
    ax.plot([0, 300], [0, 1])
    ax.set_xticks(range(0, 300, 2), [f"label {i}" for i in range(0, 300, 2)])
    ax.set_xlim(0, 100)
    fig.text(0.995, 0.5, "runs off the right edge")
    problems = layout.figure_problems(fig)
    assert any(p.startswith("overlapping text: 'label 0' and 'label 2'") for p in problems)
    assert "text outside the figure: 'runs off the right edge'" in problems
    assert any(p.startswith("data outside the axes") for p in problems)


def test_checks_catch_oversized_png_and_tiny_text() -> None:
    fig = plt.figure(figsize=(20, 3))
    fig.add_subplot().set_title("tiny", fontsize=4)
    problems = layout.figure_problems(fig)
    assert any(p.startswith("PNG is ") and "over 2400" in p for p in problems)
    assert "text under 9.0 px on the page: 'tiny'" in problems


def test_figure_png_is_deterministic_and_as_computed() -> None:
    first = layout.png_bytes(FIGURES["01_corpus_timeline"](corpus(5), 5))
    again = FIGURES["01_corpus_timeline"](corpus(5), 5)
    assert layout.png_bytes(again) == first
    estimate, exact = layout.png_size(again), layout.png_size(again, exact=True)
    assert all(abs(a - b) <= 0.02 * b for a, b in zip(estimate, exact)) and max(exact) <= layout.MAX_PNG_PX


def test_arabic_labels_go_through_rtl(monkeypatch: pytest.MonkeyPatch) -> None:
    """With pre-shaping switched on (matplotlib < 3.11), every Arabic label arrives pre-shaped."""
    monkeypatch.setattr(rtl, "NEEDS_PRESHAPING", True)
    c = corpus(5)
    figs = [FIGURES[name](c, 5) for name in ("04_top_actors", "01_corpus_timeline")]
    texts = [t.get_text() for fig in figs for t, _ in layout.drawn_texts(fig)]
    arabic = [t for t in texts if any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in t)]
    assert arabic and all(rtl._is_preshaped(t) for t in arabic), [t for t in arabic if not rtl._is_preshaped(t)]


# ----------------------------------------------------------------------------------------
# Moved from tests/test_actors.py (the plots left helpers.actors)
# ----------------------------------------------------------------------------------------


def _bilingual(actor_id: str) -> str:
    from helpers.actors import actor_table

    info = actor_table().set_index("actor_id")
    return rtl.ar(rtl.label(info.at[actor_id, "label_ar"], info.at[actor_id, "label_en"]))


def test_plot_top_actors_right_to_left() -> None:
    from matplotlib.figure import Figure

    counts = pd.DataFrame({"actor_id": ["iraq", "us_military", "isis"], "mentions": [9, 5, 2]})
    fig = actor_plots.plot_top_actors(counts, 4)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert _tick_texts(ax.get_yticklabels()) == [_bilingual(a) for a in ["iraq", "us_military", "isis"]]
    assert ax.xaxis_inverted() and ax.yaxis_inverted()   # bars grow leftwards, most mentioned on top
    assert ax.yaxis.get_ticks_position() == "right"      # labels on the right, where Arabic starts
    assert [bar.get_width() for bar in ax.patches] == [9, 5, 2]
    assert ax.get_title() == rtl.ar(rtl.label("الفاعلون الأكثر ذكرًا", "Most mentioned actors (4 articles)"))


def test_plot_actor_heatmap_first_article_on_the_right() -> None:
    from matplotlib.figure import Figure

    matrix = pd.DataFrame({"001": [2.04, 0.0], "002": [0.0, 1.25]}, index=["iran", "sdf"])
    arts = pd.DataFrame({"article_id": ["001", "002"], "outlet": ["Mehr News Agency", "Enab Baladi"]})
    fig = actor_plots.plot_actor_heatmap(matrix, arts)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert _tick_texts(ax.get_xticklabels()) == ["002\nEnab Baladi", "001\nMehr News Age…"]
    assert _tick_texts(ax.get_yticklabels()) == [_bilingual("iran"), _bilingual("sdf")]
    assert ax.yaxis.get_ticks_position() == "right"
    assert sorted(t.get_text() for t in ax.texts if t.get_text()) == ["1.2", "2.0"]  # rounded, 0 left blank


def test_plot_actor_heatmap_needs_outlets() -> None:
    with pytest.raises(KeyError, match="outlet"):
        actor_plots.plot_actor_heatmap(pd.DataFrame({"a": [1.0]}, index=["iran"]), pd.DataFrame({"article_id": ["a"]}))


def test_plot_cooccurrence_labels() -> None:
    from matplotlib.figure import Figure

    from helpers.actors import cooccurrence_matrix

    square = cooccurrence_matrix(pd.DataFrame({"actor_a": ["iraq"], "actor_b": ["isis"], "sentences": [3]}),
                                 ["iraq", "isis", "iran"])
    fig = actor_plots.plot_cooccurrence(square)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert _tick_texts(ax.get_yticklabels()) == [_bilingual(a) for a in ["iraq", "isis", "iran"]]
    assert _tick_texts(ax.get_xticklabels()) == [rtl.ar(a) for a in ["العراق", "داعش", "إيران"]]
    assert ax.yaxis.get_ticks_position() == "right"
    assert [t.get_text() for t in ax.texts] == ["3", "3"]   # the symmetric pair, nothing on 0 cells


# ----------------------------------------------------------------------------------------
# Degenerate corpora: one article, no dates, nothing found
# ----------------------------------------------------------------------------------------

EDGE_CASES: dict[str, Callable[[PlotCorpus], Any]] = {
    "one article": lambda c: ingestion_plots.plot_corpus_timeline(c.articles.iloc[:1]),
    "no dates": lambda c: ingestion_plots.plot_corpus_timeline(c.articles.assign(published="")),
    "no framing terms": lambda c: source_bias_plots.plot_framing_heatmap(c.framing_table.iloc[:0]),
    "no attributions": lambda c: source_bias_plots.plot_cited_sources(c.source_shares.assign(count=0, unnamed=0)),
    "no claims": lambda c: troop_plots.plot_troop_levels_timeline(c.reference, c.claims.iloc[:0]),
    "no actors": lambda c: actor_plots.plot_top_actors(c.actor_counts.iloc[:0], 5, c.lexicon),
    "no actor mentions": lambda c: actor_plots.plot_actor_heatmap(c.actor_matrix.iloc[:0], c.articles, c.lexicon),
}


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_degenerate_corpora_give_a_readable_figure(case: str) -> None:
    fig = EDGE_CASES[case](corpus(5))
    assert layout.figure_problems(fig) == []
