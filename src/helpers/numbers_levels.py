"""Notebook 03's former module: a thin re-export of :mod:`helpers.troop_levels`, plus the timeline plot.

The analysis (reference points, force counts, claims beside the reference) moved to
:mod:`helpers.troop_levels`; the names stay importable here for notebooks that use them.
:func:`plot_troop_levels_timeline` stays here until it moves to the presentation layer.

Example:
    >>> ref = load_reference_levels()
    >>> reference_steps(ref, "syria", end="2025-01-01")["figure"].tolist()
    [900, 900]
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers import rtl
from helpers.troop_levels import (  # the analysis moved to helpers.troop_levels; names kept here
    REFERENCE_COLUMNS,
    load_reference_levels,
    reference_steps,
    troop_level_claims,
    us_force_counts,
)

__all__ = [
    "REFERENCE_COLUMNS",
    "load_reference_levels",
    "reference_steps",
    "us_force_counts",
    "troop_level_claims",
    "plot_troop_levels_timeline",
]

_PLACE_STYLE = {"iraq": ("#1f5fa8", "العراق", "Iraq"), "syria": ("#c0392b", "سوريا", "Syria")}
_OTHER_PLACE = ("#7f7f7f", "مكان غير محدد", "place not stated")
_MARKERS = {"exact": "o", "approx": "s", "at_least": "^", "at_most": "v", "up_to": "D"}
_QUALIFIER_AR = {"exact": ("دقيق", "exact"), "approx": ("تقريبي (نحو)", "approx"),
                 "at_least": ("على الأقل", "at least"), "at_most": ("على الأكثر", "at most"),
                 "up_to": ("حتى", "up to")}


def plot_troop_levels_timeline(reference: pd.DataFrame, claims: pd.DataFrame,
                               other_counts: pd.DataFrame | None = None,
                               end: str = "2025-06-30") -> Any:
    """Reference step lines per place, article claims as points labelled with the outlet.

    ``claims`` are level claims (filled markers, shape by qualifier, colour by place);
    ``other_counts`` are US force counts that are not levels (hollow markers), drawn for context.
    The legend sits below the axes (two columns), where it cannot cover the data.
    Returns the matplotlib Figure.

    Example:
        >>> fig = plot_troop_levels_timeline(load_reference_levels(), pd.DataFrame(
        ...     {"published": [pd.Timestamp("2024-03-01")], "value": [2500], "value_high": [pd.NA],
        ...      "qualifier": ["approx"], "where": ["iraq"], "outlet_ar": ["س"]}))
        >>> fig.canvas.draw()
        >>> ax = fig.axes[0]
        >>> bool(ax.get_legend().get_window_extent().y1 < ax.get_window_extent().y0)  # entirely below
        True
        >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots(figsize=(10, 6))
    handles, labels = [], []
    for place, (colour, place_ar, place_en) in _PLACE_STYLE.items():
        steps = reference_steps(reference, place, end)
        if steps.empty:
            continue
        (line,) = ax.step(steps["when"], steps["figure"].astype(float), where="post", color=colour,
                          linewidth=1.8, alpha=0.8)
        handles.append(line)
        labels.append(f"السجل الرسمي: {place_ar} — reference: {place_en}")
    for _, event in reference[reference["figure"].isna()].iterrows():
        ax.axvline(event["when"], color="#555555", linestyle=":", linewidth=1)
        rtl.text(ax, event["when"], 0.97, "إعلان إنهاء مهمة التحالف", fontsize=8, ha="right", va="top",
                 color="#555555", transform=ax.get_xaxis_transform())  # x in dates, y in axes fraction

    placed: list[tuple[pd.Timestamp, float]] = []

    def draw(points: pd.DataFrame, filled: bool) -> None:
        for _, row in points.iterrows():
            colour = _PLACE_STYLE.get(row["where"], _OTHER_PLACE)[0]
            marker = _MARKERS.get(row["qualifier"], "o")
            ax.scatter(row["published"], row["value"], marker=marker, s=70, zorder=3,
                       facecolor=colour if filled else "white", edgecolor=colour, linewidth=1.6)
            if pd.notna(row["value_high"]):
                ax.vlines(row["published"], row["value"], row["value_high"], color=colour, linewidth=1.2)
            # stack the labels of points that are close in time and value
            near = sum(1 for when, value in placed
                       if abs((when - row["published"]).days) < 400 and abs(value - row["value"]) < 600)
            placed.append((row["published"], float(row["value"])))
            rtl.annotate(ax, str(row["outlet_ar"]), (row["published"], row["value"]),
                         textcoords="offset points", xytext=(-8, 10 + 13 * near), fontsize=8,
                         color=colour, ha="right")

    draw(claims, filled=True)
    if other_counts is not None and not other_counts.empty:
        draw(other_counts, filled=False)
    for qualifier, marker in _MARKERS.items():
        if qualifier in set(claims["qualifier"]) | set(other_counts["qualifier"] if other_counts is not None else []):
            handles.append(Line2D([], [], marker=marker, color="black", linestyle="", markersize=7))
            labels.append(" — ".join(_QUALIFIER_AR[qualifier]))
    if other_counts is not None and not other_counts.empty:
        handles.append(Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="black",
                              linestyle="", markersize=7))
        labels.append("علامة مفرغة: إرسال قوات، ليس مستوى — hollow: deployment, not a level")
    # below the axes, so no entry can run over a step line or a point whatever the data
    rtl.legend(ax, labels, handles, loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2, fontsize=8,
               frameon=False)
    rtl.set_title(ax, "أعداد القوات الأمريكية: التغطية والسجل الرسمي — US troop numbers: coverage vs record")
    rtl.set_ylabel(ax, "عدد الجنود — troops")
    ax.set_xlim(pd.Timestamp("2013-07-01"), pd.Timestamp(end))
    ax.set_ylim(0, 6500)
    fig.tight_layout()
    return fig
