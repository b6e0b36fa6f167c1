"""Figures of notebook 02 (source bias): framing choices and cited sources per outlet.

Both take the tables the analyses return (``framing.outlet_framing_table``,
``attributions.cited_source_shares``), pool the outlets into at most a dozen groups (the
largest, "other", and ONE "unknown"; by country when no dozen outlets carry the corpus) and
recompute shares from the pooled counts.

Example:
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"outlet": ["X", "X"], "outlet_ar": ["س", "س"], "frame": ["isis"] * 2,
    ...     "choice": ["داعش", "الدولة الإسلامية"], "label_ar": ["داعش", "الدولة الإسلامية"],
    ...     "gloss_en": ["Daesh", "Islamic State"], "count": [3, 1], "frame_count": [4, 4]})
    >>> fig = plot_framing_heatmap(table)
    >>> from helpers.presentation.layout import figure_problems
    >>> figure_problems(fig)
    []
    >>> plt.close(fig)
"""

from __future__ import annotations

from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from helpers import rtl
from helpers.presentation import layout

__all__ = ["MAX_OUTLETS", "MAX_CHOICES", "plot_framing_heatmap", "plot_cited_sources", "source_type_labels"]

#: Most outlet columns / bars (including "other" and "unknown").
MAX_OUTLETS = 12
#: Most framing choices (rows) on the heatmap; the rest are in the table.
MAX_CHOICES = 36


def _outlet_frame(table: pd.DataFrame, weight: pd.Series, articles: pd.DataFrame | None) -> pd.DataFrame:
    """One row per outlet with its weight (and country / type from ``articles`` if given)."""
    outlets = table[["outlet", "outlet_ar"]].astype(str).drop_duplicates("outlet").set_index("outlet")
    outlets["weight"] = weight.groupby(table["outlet"].astype(str)).sum().reindex(outlets.index).fillna(0)
    if articles is not None and "outlet" in articles.columns:
        for column in ("outlet_country", "outlet_type"):
            if column in articles.columns:
                first = articles.assign(outlet=articles["outlet"].astype(str)).groupby("outlet")[column].first()
                outlets[column] = first.reindex(outlets.index).fillna("unknown").astype(str)
    return outlets.reset_index()


def _pool(table: pd.DataFrame, weight: pd.Series, articles: pd.DataFrame | None,
          max_groups: int) -> tuple[pd.Series, layout.Grouping]:
    outlets = _outlet_frame(table, weight, articles)
    keys, grouping = layout.group_by_outlet(outlets, max_groups, weight="weight")
    group_of = dict(zip(outlets["outlet"], keys))
    return table["outlet"].astype(str).map(group_of), grouping


def plot_framing_heatmap(table: pd.DataFrame, articles: pd.DataFrame | None = None, *,
                         max_label: int = 52) -> Any:
    """Heatmap of ``framing.outlet_framing_table``: rows frame choices, columns outlet groups.

    Colour is the share of the choice within its frame for that outlet group (recomputed from
    the pooled counts); each cell shows the count where it fits, blank where the group never
    touches the frame. Columns are the outlets with most framing mentions, "other" and
    "unknown" (or countries, when ``articles`` with ``outlet_country`` is given and a dozen
    outlets carry less than half the mentions). At most :data:`MAX_CHOICES` rows (the most
    used); the title says how many were left for the table. Returns the Figure.
    """
    for column in ("outlet", "outlet_ar", "frame", "choice", "label_ar", "gloss_en", "count", "frame_count"):
        if column not in table.columns:
            raise KeyError(f"plot_framing_heatmap: the table lacks the column {column!r}; "
                           "pass framing.outlet_framing_table(profile, articles)")
    keys, grouping = _pool(table, table["count"].astype(float), articles, MAX_OUTLETS)
    data = table.assign(group=keys.to_numpy())
    rows = ["frame", "choice", "label_ar", "gloss_en"]
    row_order = list(dict.fromkeys(map(tuple, data[rows].astype(str).values.tolist())))
    totals = data.groupby(rows, sort=False)["count"].sum()
    hidden = 0
    if len(row_order) > MAX_CHOICES:
        keep = set(sorted(row_order, key=lambda r: (-totals.get(r, 0), row_order.index(r)))[:MAX_CHOICES])
        hidden = len(row_order) - MAX_CHOICES
        row_order = [r for r in row_order if r in keep]
    # frame_count repeats on every choice row of an (outlet, frame): take it once per outlet
    per_outlet_frame = data.drop_duplicates(["outlet", "frame"]).groupby(["group", "frame"])["frame_count"].sum()
    counts = data.groupby(rows + ["group"], sort=False)["count"].sum()
    columns = grouping.order()
    count_m = np.zeros((len(row_order), len(columns)))
    share_m = np.full((len(row_order), len(columns)), np.nan)
    for r, key in enumerate(row_order):
        for c, group in enumerate(columns):
            count = float(counts.get((*key, group), 0))
            frame_total = float(per_outlet_frame.get((group, key[0]), 0))
            count_m[r, c] = count
            if frame_total > 0:
                share_m[r, c] = count / frame_total
    fig, ax = layout.new_figure(2.6 + 0.2 * max(len(row_order), 3))
    if not share_m.size:
        return layout.nothing_to_show(fig, ax, "framing terms")
    image = ax.imshow(np.ma.masked_invalid(share_m), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.grid(False)
    row_labels = [rtl.label(layout.shorten(ar, max_label // 2), layout.shorten(f"{frame}: {en}", max_label - max_label // 3))
                  for frame, _, ar, en in row_order]
    rtl.set_ticklabels(ax, row_labels, axis="y", fontsize=layout.LABEL_PT)
    rtl.set_ticklabels(ax, [grouping.label(k, 36) for k in columns], axis="x", fontsize=layout.LABEL_PT,
                       rotation=90)
    for r in range(1, len(row_order)):
        if row_order[r][0] != row_order[r - 1][0]:
            ax.axhline(r - 0.5, color="grey", linewidth=0.8)
    colorbar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    colorbar.set_label("share of the frame's mentions", fontsize=layout.LABEL_PT)
    colorbar.ax.tick_params(labelsize=layout.LABEL_PT)
    title = f"Framing choices per {grouping.level} (colour: share within frame; number: count)"
    if hidden:
        title += f"\n{len(row_order)} most used choices; {hidden} more in the table"
    ax.set_title(title, fontsize=layout.TITLE_PT)
    layout.label_cells(ax, count_m, show=~np.isnan(share_m), shade=share_m)
    return layout.finish(fig)


def source_type_labels() -> dict[str, str]:
    """Arabic label of each source type (and of "unnamed"), from ``cited_sources.csv`` (match ``type_label``).

    Example:
        >>> source_type_labels()["anonymous"]
        'مصادر مجهولة'
    """
    from helpers.attributions import load_cited_sources

    src = load_cited_sources()
    labels = src[src["match"] == "type_label"]
    return dict(zip(labels["source_id"], labels["alias"]))  # source_id: a source type, or "unnamed"


def _source_types(shares: pd.DataFrame) -> list[str]:
    from helpers.attributions import SOURCE_TYPES

    present = list(dict.fromkeys(shares["source_type"].astype(str)))
    return [t for t in SOURCE_TYPES if t in present] + [t for t in present if t not in SOURCE_TYPES]


def plot_cited_sources(shares: pd.DataFrame, articles: pd.DataFrame | None = None) -> Any:
    """Stacked horizontal bars: the share of each source type among an outlet group's attributions.

    ``shares`` is ``attributions.cited_source_shares`` (outlet, outlet_ar, source_type, count,
    unnamed, total). One bar per outlet group (the outlets with most attributions, "other",
    ONE "unknown"; countries when ``articles`` is given and a dozen outlets carry less than
    half), labelled "Arabic — English (n=attributions)"; segments in source-type order, the
    part cited through unnamed sources hatched. Shares are recomputed from the pooled counts.
    Returns the Figure.
    """
    for column in ("outlet", "outlet_ar", "source_type", "count"):
        if column not in shares.columns:
            raise KeyError(f"plot_cited_sources: the table lacks the column {column!r}; "
                           "pass attributions.cited_source_shares(cited, articles)")
    keys, grouping = _pool(shares, shares["count"].astype(float), articles, MAX_OUTLETS)
    data = shares.assign(group=keys.to_numpy())
    if "unnamed" not in data.columns:
        data["unnamed"] = np.where(data["source_type"].eq("anonymous"), data["count"], 0)
    pooled = data.groupby(["group", "source_type"])[["count", "unnamed"]].sum()
    groups = grouping.order()
    totals = data.groupby("group")["count"].sum().reindex(groups).fillna(0)
    fig, ax = layout.new_figure(2.4 + 0.3 * max(len(groups), 2))
    type_labels = source_type_labels()
    cmap = matplotlib.colormaps["tab10"]
    left = np.zeros(len(groups))
    handles = []
    safe_total = totals.where(totals > 0).to_numpy()
    for k, source_type in enumerate(_source_types(data)):
        part_counts = np.array([pooled["count"].get((g, source_type), 0) for g in groups], dtype=float)
        if not part_counts.any():
            continue
        unnamed_counts = np.array([pooled["unnamed"].get((g, source_type), 0) for g in groups], dtype=float)
        part = np.nan_to_num(part_counts / safe_total)
        unnamed = np.minimum(np.nan_to_num(unnamed_counts / safe_total), part)
        named = part - unnamed
        color = cmap(k % 10)
        ax.barh(range(len(groups)), named, left=left, color=color)
        ax.barh(range(len(groups)), unnamed, left=left + named, color=color, hatch="///", edgecolor="white",
                linewidth=0)
        handles.append(Patch(facecolor=color, label=rtl.label(type_labels.get(source_type, ""), source_type)))
        left = left + part
    handles.append(Patch(facecolor="0.6", hatch="///", edgecolor="white",
                         label=rtl.label(type_labels.get("unnamed", ""), "unnamed source (hatched)")))
    labels = [grouping.label(g, 30, f" (n={int(totals[g])})") for g in groups]
    rtl.set_ticklabels(ax, labels, axis="y", fontsize=layout.LABEL_PT)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.tick_params(axis="x", labelsize=layout.LABEL_PT)
    ax.set_xlabel("share of the group's attributions", fontsize=layout.LABEL_PT)
    ax.grid(axis="y", visible=False)
    layout.fit_legend(fig, handles, [str(h.get_label()) for h in handles], max_cols=3)
    ax.set_title(f"Who is cited: composition of sources per {grouping.level}", fontsize=layout.TITLE_PT)
    return layout.finish(fig)
