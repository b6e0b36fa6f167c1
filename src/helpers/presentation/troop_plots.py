"""Figure of notebook 03: US troop-level claims in the news against the public record.

A claim is drawn at the time it refers to (column ``refers_to`` when the claims table has it
and it is set; else its publication date). When the two differ, a faint marker at the
publication date is joined to the claim by a thin line, so "the last 40,000 left in 2011",
published in 2020, sits at 2011 and still shows when it was said. Axis ranges come from the
data: every claim, every publication date and every reference point is on the chart; the value
axis turns logarithmic when the values span more than :data:`LOG_SPAN` (130,000 in 2007 next to
2,500 in 2024).

Example:
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> ref = pd.DataFrame({"when": pd.to_datetime(["2014-06-16", "2021-01-15"]), "place": ["iraq", "iraq"],
    ...                     "figure": pd.array([275, 2500], dtype="Int64"), "qualifier": ["up_to", "approx"],
    ...                     "date": ["2014-06-16", "2021-01-15"], "source": ["a", "b"]})
    >>> claims = pd.DataFrame({"published": pd.to_datetime(["2020-01-16"]), "value": [40000],
    ...     "value_high": [pd.NA], "qualifier": ["approx"], "where": ["iraq"], "outlet_ar": ["س"],
    ...     "refers_to": ["2011"]})
    >>> fig = plot_troop_levels_timeline(ref, claims)
    >>> fig.axes[0].get_yscale(), bool(fig.axes[0].get_xlim()[0] < 734138)  # 2011-01-01 is on the chart
    ('log', True)
    >>> plt.close(fig)
"""

from __future__ import annotations

from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, NullFormatter

from helpers import rtl
from helpers.presentation import layout

__all__ = ["LOG_SPAN", "claim_times", "plot_troop_levels_timeline"]

#: The value axis is logarithmic when the largest value is more than this times the smallest.
LOG_SPAN = 30.0

_PLACE_STYLE = {"iraq": ("#1f5fa8", "العراق", "Iraq"), "syria": ("#c0392b", "سوريا", "Syria")}
_OTHER_PLACE = ("#7f7f7f", "مكان غير محدد", "place not stated")
_MARKERS = {"exact": "o", "approx": "s", "at_least": "^", "at_most": "v", "up_to": "D"}
_QUALIFIER_AR = {"exact": ("دقيق", "exact"), "approx": ("تقريبي (نحو)", "approx"),
                 "at_least": ("على الأقل", "at least"), "at_most": ("على الأكثر", "at most"),
                 "up_to": ("حتى", "up to")}


def _to_time(value: Any) -> pd.Timestamp | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        return pd.Timestamp(str(value).strip() if isinstance(value, str) else value)
    except (ValueError, TypeError):
        return None


def claim_times(points: pd.DataFrame) -> pd.DataFrame:
    """``published`` and ``when`` (the time referred to, else the publication date) per row.

    ``refers_to`` may be a date, "YYYY", "YYYY-MM" or empty.

    Example:
        >>> t = claim_times(pd.DataFrame({"published": ["2020-01-16", "2024-03-01"], "refers_to": ["2011", None]}))
        >>> [str(d.date()) for d in t["when"]]
        ['2011-01-01', '2024-03-01']
    """
    published = pd.to_datetime(points["published"], errors="coerce", format="ISO8601")
    if "refers_to" in points.columns:
        referred = pd.Series([_to_time(v) for v in points["refers_to"]], index=points.index, dtype="datetime64[ns]")
        when = referred.fillna(published)
    else:
        when = published
    return pd.DataFrame({"published": published, "when": when}, index=points.index)


def _steps(reference: pd.DataFrame, place: str, right: pd.Timestamp) -> pd.DataFrame:
    """Reference figures of one place as a step series held until ``right`` (the axis edge)."""
    rows = reference[(reference["place"] == place) & reference["figure"].notna()].sort_values("when")
    steps = rows[["when", "figure"]].reset_index(drop=True)
    if steps.empty:
        return steps
    tail = pd.DataFrame({"when": [max(right, steps["when"].iloc[-1])], "figure": [steps["figure"].iloc[-1]]})
    return pd.concat([steps, tail], ignore_index=True)


def _values(frames: list[pd.DataFrame], reference: pd.DataFrame) -> np.ndarray:
    values = [pd.to_numeric(reference["figure"], errors="coerce").to_numpy(dtype=float)]
    for points in frames:
        for column in ("value", "value_high"):
            if column in points.columns:
                values.append(pd.to_numeric(points[column], errors="coerce").to_numpy(dtype=float))
    found = np.concatenate(values) if values else np.array([])
    return found[np.isfinite(found) & (found > 0)]


def _has_zero(frames: list[pd.DataFrame], reference: pd.DataFrame) -> bool:
    series = [pd.to_numeric(reference["figure"], errors="coerce")]
    series += [pd.to_numeric(points["value"], errors="coerce") for points in frames if "value" in points.columns]
    return any(bool((s.dropna() <= 0).any()) for s in series)


def plot_troop_levels_timeline(reference: pd.DataFrame, claims: pd.DataFrame,
                               other_counts: pd.DataFrame | None = None,
                               end: str | pd.Timestamp | None = None) -> Any:
    """Reference step lines per place; the news' claims as points at the time they refer to.

    ``reference`` is ``load_reference_levels()`` (when, place, figure, qualifier, date,
    source; rows without a figure are events, drawn as dotted vertical lines and named in the
    legend). ``claims`` are level claims (published, value, value_high, qualifier, where,
    outlet_ar, and optionally refers_to): filled markers, shape by qualifier, colour by place.
    ``other_counts`` (same columns) are US force counts that are not levels: hollow markers.
    Points are labelled with their outlet where the label fits (the claims table lists all).
    ``end`` extends the time axis to at least that date (the data always set the range).
    Returns the Figure.
    """
    for column in ("published", "value", "where"):
        if column not in claims.columns:
            raise KeyError(f"plot_troop_levels_timeline: the claims lack the column {column!r}; "
                           "pass troop_level_claims(mentions, articles, reference)")
    others = other_counts if other_counts is not None and not other_counts.empty else claims.iloc[:0]
    sets = [(claims, True), (others, False)]
    times = [claim_times(points) for points, _ in sets]
    stamps = [reference["when"]] + [t["published"] for t in times] + [t["when"] for t in times]
    if end is not None:
        stamps.append(pd.Series([pd.Timestamp(end)]))
    all_times = pd.concat([pd.to_datetime(s) for s in stamps], ignore_index=True).dropna()
    first, last = all_times.min(), all_times.max()
    pad = max((last - first) * 0.03, pd.Timedelta(days=60))
    left, right = first - pad, last + pad

    fig, ax = layout.new_figure(6.2)
    handles: list[Any] = []
    labels: list[str] = []
    for place, (colour, place_ar, place_en) in _PLACE_STYLE.items():
        steps = _steps(reference, place, last)
        if steps.empty:
            continue
        (line,) = ax.step(mdates.date2num(steps["when"]), steps["figure"].astype(float), where="post",
                          color=colour, linewidth=1.8, alpha=0.8)
        handles.append(line)
        labels.append(f"السجل الرسمي: {place_ar} — reference: {place_en}")
    events = reference[reference["figure"].isna()].sort_values("when")
    for when in events["when"]:
        ax.axvline(mdates.date2num(when), color="#555555", linestyle=":", linewidth=1)
    if not events.empty:
        handles.append(Line2D([], [], color="#555555", linestyle=":", linewidth=1))
        named = "; ".join(f"{d}: {layout.shorten(str(s), 40)}" for d, s in zip(events["date"], events["source"]))
        labels.append(f"حدث — event ({layout.shorten(named, 56)})")

    marks: dict[tuple[str, bool, str, bool], list[tuple[float, float]]] = {}  # one scatter per style
    links: list[tuple[tuple[float, float], tuple[float, float]]] = []
    link_colours: list[str] = []
    label_x: list[float] = []
    label_y: list[float] = []
    label_text: list[str] = []
    for (points, filled), when in zip(sets, times):
        for index, row in points.iterrows():
            colour = _PLACE_STYLE.get(row["where"], _OTHER_PLACE)[0]
            marker = _MARKERS.get(row.get("qualifier", ""), "o")
            x = float(mdates.date2num(when.at[index, "when"]))
            x_pub = float(mdates.date2num(when.at[index, "published"]))
            value = float(row["value"])
            if x != x_pub:  # a claim about another time: faint mark at publication, joined to it
                links.append(((x_pub, value), (x, value)))
                link_colours.append(colour)
                marks.setdefault((marker, filled, colour, True), []).append((x_pub, value))
            marks.setdefault((marker, filled, colour, False), []).append((x, value))
            high = row.get("value_high")
            if high is not None and pd.notna(high):
                ax.vlines(x, value, float(high), color=colour, linewidth=1.2)
            label_x.append(x)
            label_y.append(value)
            label_text.append(str(row.get("outlet_ar", "")) or str(row.get("outlet", "")))
    if links:
        ax.add_collection(LineCollection(links, colors=link_colours, linewidths=0.8, alpha=0.35, zorder=2))
    for (marker, filled, colour, faint), xy in sorted(marks.items()):
        xs, ys = zip(*xy)
        if faint:
            ax.scatter(xs, ys, marker=marker, s=22, zorder=2, facecolor="none", edgecolor=colour, alpha=0.45,
                       linewidth=1)
        else:
            ax.scatter(xs, ys, marker=marker, s=55, zorder=3, facecolor=colour if filled else "white",
                       edgecolor=colour, linewidth=1.5)
    moved = bool(links)

    used = set(claims.get("qualifier", pd.Series(dtype=str))) | set(others.get("qualifier", pd.Series(dtype=str)))
    for qualifier, marker in _MARKERS.items():
        if qualifier in used:
            handles.append(Line2D([], [], marker=marker, color="black", linestyle="", markersize=6))
            labels.append(" — ".join(_QUALIFIER_AR[qualifier]))
    if not others.empty:
        handles.append(Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="black", linestyle="",
                              markersize=6))
        labels.append("علامة مفرغة: عدد ليس مستوى — hollow: a count, not a level")
    if moved:
        handles.append(Line2D([], [], marker="s", markerfacecolor="none", markeredgecolor="black", alpha=0.45,
                              linestyle="-", linewidth=0.8, markersize=4))
        labels.append("علامة باهتة: تاريخ النشر — faint: publication date of a claim about another time")

    values = _values([claims, others], reference)
    low, high_value = (values.min(), values.max()) if values.size else (1.0, 10.0)
    if high_value / low > LOG_SPAN:
        if _has_zero([claims, others], reference):  # "no US troops left": 0 stays on the chart
            ax.set_yscale("symlog", linthresh=low)
            ax.set_ylim(0, high_value * 1.8)
        else:
            ax.set_yscale("log")
            ax.set_ylim(low / 1.8, high_value * 1.8)
    else:
        ax.set_ylim(0, high_value * 1.15)
    if ax.get_yscale() != "linear":  # plain numbers (1,000 not 10^3; mathtext is off in the house style)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
    else:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xlim(mdates.date2num(left), mdates.date2num(right))
    ax.xaxis_date()
    ax.tick_params(labelsize=layout.LABEL_PT)
    layout.fit_legend(fig, handles, labels, max_cols=2)
    rtl.set_title(ax, "أعداد القوات الأمريكية: التغطية والسجل الرسمي — US troop numbers: coverage vs record",
                  fontsize=layout.TITLE_PT)
    rtl.set_ylabel(ax, "عدد الجنود — troops", fontsize=layout.LABEL_PT)
    layout.fit_date_ticks(ax)
    if label_text:
        layout.place_labels(ax, label_x, label_y, label_text, marker_px=8, color="#333333")
    return layout.finish(fig)
