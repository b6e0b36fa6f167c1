"""Figures of notebook 01 (ingestion): the corpus over time, by outlet.

Example:
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> arts = pd.DataFrame({"article_id": ["000", "001"], "outlet": ["unknown", "Mehr News"],
    ...                      "outlet_ar": ["غير معروف", "وكالة مهر"], "published": ["2014-06-01", "2024-04-22"],
    ...                      "date_precision": ["month", "day"]})
    >>> fig = plot_corpus_timeline(arts)
    >>> from helpers.presentation.layout import figure_problems
    >>> figure_problems(fig)
    []
    >>> plt.close(fig)
"""

from __future__ import annotations

from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from helpers import rtl
from helpers.presentation import layout

__all__ = ["MAX_ROWS", "MAX_MARKED_ARTICLES", "plot_corpus_timeline"]

#: Most rows (outlets, or countries, plus "other" and "unknown") on the timeline.
MAX_ROWS = 14
#: Up to this many articles each gets its own mark; above it, articles are counted per period.
MAX_MARKED_ARTICLES = 40


def _precision_end(start: pd.Timestamp, precision: str) -> pd.Timestamp | None:
    if precision == "month":
        return start + pd.offsets.MonthBegin(1)
    if precision == "year":
        return start + pd.offsets.YearBegin(1)
    return None


def plot_corpus_timeline(articles: pd.DataFrame) -> Any:
    """The corpus over time, one row per outlet (or country); returns the Figure.

    ``articles`` is ``load_corpus().articles`` (article_id, outlet, outlet_ar, published and,
    if present, date_precision, outlet_country, outlet_type). Rows are the outlets with most
    articles, then "other" (the rest pooled) and ONE "unknown" row for every article whose
    outlet is unknown; with many outlets and little concentration rows become countries.

    - Up to :data:`MAX_MARKED_ARTICLES` articles: each article is a mark (a dot for a known
      day, a bar spanning the month or year when only that is known), labelled with its
      article_id where the label fits (the corpus table lists all).
    - More: the number of articles per row and month, quarter or year (whichever gives at most
      about 40 columns), as coloured cells, with the count printed where it fits.

    The time axis spans exactly the dates present; articles without a date are counted in the
    title. An optional ``articles`` column says how many articles a row stands for (rows
    pre-aggregated by outlet and month, so a million articles need not be one row each; default 1).
    """
    for column in ("article_id", "outlet", "published"):
        if column not in articles.columns:
            raise KeyError(f"plot_corpus_timeline: the articles lack the column {column!r}; "
                           "pass corpus.load_corpus().articles")
    frame = articles.reset_index(drop=True).copy()
    frame["when"] = pd.to_datetime(frame["published"], errors="coerce", format="ISO8601")
    precision = frame["date_precision"] if "date_precision" in frame.columns else pd.Series("day", index=frame.index)
    frame["precision"] = precision.fillna("day").astype(str)
    frame["articles"] = frame["articles"].astype(int) if "articles" in frame.columns else 1
    undated = int(frame.loc[frame["when"].isna(), "articles"].sum())
    frame = frame[frame["when"].notna()].reset_index(drop=True)
    keys, grouping = layout.group_by_outlet(frame, MAX_ROWS, weight="articles")
    frame["group"] = keys.to_numpy()
    rows = grouping.order()
    row_of = {key: i for i, key in enumerate(rows)}
    fig, ax = layout.new_figure(1.9 + 0.34 * max(len(rows), 2))
    n = int(frame["articles"].sum())
    title_en = f"Articles over time by {grouping.level} ({n} articles"
    title_en += f"; {undated} without a date)" if undated else ")"
    rtl.set_title(ax, rtl.label("المقالات عبر الزمن", title_en), fontsize=layout.TITLE_PT)
    if n == 0:
        ax.set_yticks([])
        return layout.finish(fig)
    rtl.set_ticklabels(ax, [grouping.label(k) for k in rows], axis="y", ticks=list(range(len(rows))),
                       fontsize=layout.LABEL_PT)
    ax.tick_params(axis="x", labelsize=layout.LABEL_PT)
    if n <= MAX_MARKED_ARTICLES:
        _article_marks(fig, ax, frame, row_of)
    else:
        counts, edges = _period_counts(fig, ax, frame, row_of)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    layout.fit_date_ticks(ax)
    if n <= MAX_MARKED_ARTICLES:
        order = frame.sort_values(["when", "article_id"], kind="stable")
        middles = [(w + (e - w) / 2) if (e := _precision_end(w, p)) is not None else w
                   for w, p in zip(order["when"], order["precision"])]
        layout.place_labels(ax, [mdates.date2num(m) for m in middles], [row_of[g] for g in order["group"]],
                            order["article_id"].astype(str).tolist(), marker_px=7)
    else:
        centres = [(a + b) / 2 for a, b in zip(edges, edges[1:])]
        layout.label_cells(ax, counts, x=centres)
    return layout.finish(fig)


def _article_marks(fig: Any, ax: Any, frame: pd.DataFrame, row_of: dict[str, int]) -> None:
    first, last = frame["when"].min(), frame["when"].max()
    ends = []
    for item in frame.itertuples():
        y = row_of[item.group]
        end = _precision_end(item.when, item.precision)
        if end is None:
            ax.plot([mdates.date2num(item.when)], [y], "o", color="C0", markersize=6, zorder=3)
            ends.append(item.when)
        else:
            left, right = mdates.date2num(item.when), mdates.date2num(end)
            ax.barh(y, right - left, left=left, height=0.25, color="C1", alpha=0.75, edgecolor="C1", zorder=2)
            ends.append(end)
    last = max(ends)
    pad = max((last - first) * 0.04, pd.Timedelta(days=20))
    ax.set_xlim(mdates.date2num(first - pad), mdates.date2num(last + pad))
    ax.xaxis_date()
    ax.grid(axis="x", alpha=0.3)
    ax.grid(axis="y", visible=False)
    handles = [Line2D([], [], marker="o", linestyle="", color="C0", markersize=6),
               Patch(facecolor="C1", edgecolor="C1", alpha=0.75)]
    layout.fit_legend(fig, handles, ["يوم محدد — exact day",
                                     "الشهر أو السنة فقط — only month or year known (bar spans it)"], max_cols=2)


def _period_counts(fig: Any, ax: Any, frame: pd.DataFrame,
                   row_of: dict[str, int]) -> tuple[np.ndarray, list[float]]:
    period = layout.choose_period(frame["when"], max_bins=40)
    frame = frame.assign(bin=layout.period_start(frame["when"], period))
    starts = list(pd.date_range(frame["bin"].min(), frame["bin"].max(),
                                freq={"month": "MS", "quarter": "QS", "year": "YS"}[period]))
    col_of = {s: j for j, s in enumerate(starts)}
    counts = np.zeros((len(row_of), len(starts)))
    for (group, start), size in frame.groupby(["group", "bin"])["articles"].sum().items():
        counts[row_of[group], col_of[start]] += size
    edges = [mdates.date2num(s) for s in starts] + [mdates.date2num(layout.period_end(starts[-1], period))]
    masked = np.ma.masked_equal(counts, 0)
    mesh = ax.pcolormesh(edges, np.arange(len(row_of) + 1) - 0.5, masked, cmap="Blues", vmin=0,
                         vmax=max(counts.max(), 1), edgecolors="white", linewidth=0.5)
    ax.xaxis_date()
    ax.set_xlim(edges[0], edges[-1])
    ax.grid(False)
    colorbar = fig.colorbar(mesh, ax=ax, location="right", fraction=0.04, pad=0.01)
    colorbar.set_label(f"articles per {period}", fontsize=layout.LABEL_PT)
    colorbar.ax.tick_params(labelsize=layout.LABEL_PT)
    colorbar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of articles
    return counts, edges

