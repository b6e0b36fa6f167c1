"""Figure layout for any corpus size: page-sized figures, grouping, label fitting, and checks.

Every figure of the notebooks is built from these pieces, so it reads the same at 5 articles
and at 100,000:

- **Size.** :func:`new_figure` makes a figure :data:`FIGURE_WIDTH_IN` inches wide, its height
  bounded so the saved PNG (at :data:`helpers.figures.FIGURE_DPI`) stays under
  :data:`MAX_PNG_PX`; at that width a page about :data:`PAGE_WIDTH_PX` px wide shows an
  8-point label at about 11 px (at least :data:`MIN_LABEL_PX`).
- **Aggregation from the data.** :func:`group_by_outlet` keeps the top outlets and pools the
  rest as "other", with ONE "unknown" group for every article whose outlet is unknown; when the
  top outlets cover too little of the corpus it groups by country (or outlet type) instead.
  :func:`choose_period` picks month, quarter or year so a time axis has a bounded number of bins.
- **Labels only where they fit.** :func:`place_labels` measures each candidate label with the
  renderer and keeps it only if it overlaps no other text or data point; :func:`fit_date_ticks`
  thins date ticks until their labels stop touching.
- **Checks.** :func:`figure_problems` lists overlapping text boxes, text outside the figure,
  data outside the axes, text smaller than :data:`MIN_LABEL_PX` on the page, and a PNG larger
  than :data:`MAX_PNG_PX`. The figure tests call it on generated corpora of 5 to 500 articles.

Example:
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = new_figure(3.0)
    >>> _ = ax.bar([0, 1], [3, 5])
    >>> figure_problems(fig)
    []
    >>> plt.close(fig)
"""

from __future__ import annotations

import contextlib
import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

from helpers import rtl

__all__ = [
    "PAGE_WIDTH_PX",
    "MIN_LABEL_PX",
    "MAX_PNG_PX",
    "FIGURE_WIDTH_IN",
    "MAX_HEIGHT_IN",
    "LABEL_PT",
    "TITLE_PT",
    "UNKNOWN_LABEL",
    "OTHER_LABEL",
    "new_figure",
    "shorten",
    "is_unknown_outlet",
    "Grouping",
    "group_by_outlet",
    "choose_period",
    "period_start",
    "period_end",
    "place_labels",
    "fit_date_ticks",
    "fit_x_ticklabels",
    "label_cells",
    "freeze_layout",
    "finish",
    "nothing_to_show",
    "fit_legend",
    "drawn_texts",
    "overlapping_texts",
    "clipped_texts",
    "data_outside_axes",
    "small_texts",
    "png_size",
    "figure_problems",
]

#: Width of the page a reader sees the figure on (a notebook on GitHub is about this wide).
PAGE_WIDTH_PX = 900
#: The smallest label height, in page pixels, a reader can read comfortably.
MIN_LABEL_PX = 9.0
#: No saved PNG is larger than this in either dimension.
MAX_PNG_PX = 2400
#: Width of every figure; the saved PNG is this times FIGURE_DPI pixels wide (1,350 at 150 dpi).
FIGURE_WIDTH_IN = 9.0
#: Tallest figure (1,800 px at 150 dpi).
MAX_HEIGHT_IN = 12.0
#: Point size of tick labels, annotations and legend entries; titles use TITLE_PT.
LABEL_PT = 8.0
TITLE_PT = 10.0
#: The one group of every article whose outlet is not known, and the pool of the smaller groups.
UNKNOWN_LABEL = ("غير معروف", "unknown")
OTHER_LABEL = ("أخرى", "other")

_COUNTRY_COLUMNS = ("outlet_country", "country")
_TYPE_COLUMNS = ("outlet_type", "type")


def _dpi() -> float:
    from helpers.figures import FIGURE_DPI

    return float(FIGURE_DPI)


def new_figure(height_in: float, *, ncols: int = 1, width_ratios: Sequence[float] | None = None) -> tuple[Figure, Any]:
    """A pyplot figure FIGURE_WIDTH_IN wide and ``height_in`` tall (clamped to 2.5..MAX_HEIGHT_IN).

    Constrained layout keeps every label inside the figure. Returns ``(fig, ax)`` (or an array of
    axes when ``ncols > 1``).

    Example:
        >>> fig, ax = new_figure(40)
        >>> fig.get_size_inches().tolist() == [FIGURE_WIDTH_IN, MAX_HEIGHT_IN]
        True
        >>> plt.close(fig)
    """
    height = min(max(float(height_in), 2.5), MAX_HEIGHT_IN)
    gridspec = {"width_ratios": list(width_ratios)} if width_ratios is not None else None
    fig, ax = plt.subplots(ncols=ncols, figsize=(FIGURE_WIDTH_IN, height), layout="constrained",
                           gridspec_kw=gridspec)
    return fig, ax


def shorten(text: str, width: int) -> str:
    """``text`` on one line, at most ``width`` characters (a cut ends in "…").

    Example:
        >>> shorten("الحشد الشعبي  العراقي", 10)
        'الحشد الش…'
    """
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= width else one_line[: max(width - 1, 1)].rstrip() + "…"


def is_unknown_outlet(outlet: Any) -> bool:
    """True for an outlet that is not known: empty, "unknown" or a per-article "unknown (id)".

    Example:
        >>> [is_unknown_outlet(x) for x in ["unknown", "unknown (004)", "", None, "Mehr News"]]
        [True, True, True, True, False]
    """
    if outlet is None or (isinstance(outlet, float) and math.isnan(outlet)):
        return True
    text = str(outlet).strip().lower()
    return text in {"", "unknown", "nan", "none", "<na>"} or text.startswith("unknown (")


@dataclass(frozen=True)
class Grouping:
    """How articles were grouped for a figure.

    ``level`` is "article", "outlet", "country" or "outlet type"; ``key_of`` maps each input key
    (an article_id or an outlet) to its group key; ``labels`` maps group keys to their
    bilingual (Arabic, English) label, in display order (largest first, then "other", then
    "unknown"); ``n_pooled`` says how many input groups went into "other".
    """

    level: str
    key_of: dict[str, str]
    labels: dict[str, tuple[str, str]]
    n_pooled: int

    def order(self) -> list[str]:
        """Group keys in display order."""
        return list(self.labels)

    def label(self, key: str, width: int = 34, suffix: str = "") -> str:
        """The group's "Arabic — English<suffix>" label, shortened, through helpers.rtl."""
        arabic, english = self.labels[key]
        return rtl.label(shorten(arabic, width // 2 + 2), shorten(english, width // 2 + 2) + suffix)


def _top_with_other(weights: pd.Series, max_groups: int, names: dict[str, tuple[str, str]],
                    level: str) -> Grouping:
    """Top ``max_groups`` keys of ``weights`` (unknown kept apart), the rest pooled as "other"."""
    weights = weights.groupby(level=0).sum()
    unknown = [k for k in weights.index if is_unknown_outlet(k)]
    known = weights.drop(index=unknown)
    ranked = sorted(known.items(), key=lambda kv: (-kv[1], str(kv[0])))
    room = max_groups - (1 if unknown else 0)
    if len(ranked) > room:
        room -= 1  # one slot for "other"
    kept = [k for k, _ in ranked[: max(room, 1)]]
    pooled = [k for k, _ in ranked[max(room, 1):]]
    key_of = {str(k): str(k) for k in kept}
    key_of.update({str(k): "other" for k in pooled})
    key_of.update({str(k): "unknown" for k in unknown})
    labels = {str(k): names.get(str(k), ("", str(k))) for k in kept}
    if pooled:
        ar, en = OTHER_LABEL
        labels["other"] = (ar, f"other {_plural(level)} ({len(pooled)})")
    if unknown:
        labels["unknown"] = UNKNOWN_LABEL
    return Grouping(level, key_of, labels, len(pooled))


def _first_column(frame: pd.DataFrame, names: Sequence[str]) -> str | None:
    return next((c for c in names if c in frame.columns), None)


def group_by_outlet(articles: pd.DataFrame, max_groups: int = 12, *, weight: str | None = None,
                    min_coverage: float = 0.5, allow_articles: bool = False) -> tuple[pd.Series, Grouping]:
    """Group the articles for a figure with at most ``max_groups`` rows or columns.

    Levels, finest first: article (only with ``allow_articles`` and at most ``max_groups``
    articles), outlet, then country (``outlet_country``) or outlet type. A level is used if its
    top groups cover at least ``min_coverage`` of the known weight (``weight`` column, default
    one per article); the rest is "other". Every article with an unknown outlet goes to the ONE
    "unknown" group. Returns (group key per article, aligned with ``articles``; the Grouping).

    Example:
        >>> arts = pd.DataFrame({"article_id": ["1", "2", "3"], "outlet": ["A", "unknown", "unknown (3)"],
        ...                      "outlet_ar": ["أ", "غير معروف", "غير معروف"]})
        >>> keys, grouping = group_by_outlet(arts)
        >>> keys.tolist(), grouping.level, grouping.order()
        (['A', 'unknown', 'unknown'], 'outlet', ['A', 'unknown'])
    """
    if "outlet" not in articles.columns:
        raise KeyError("group_by_outlet: the articles lack the column 'outlet'")
    w = articles[weight].astype(float) if weight else pd.Series(1.0, index=articles.index)
    outlet = articles["outlet"].astype(str)
    outlet_ar = articles["outlet_ar"].astype(str) if "outlet_ar" in articles.columns else pd.Series("", index=articles.index)
    if allow_articles and "article_id" in articles.columns and len(articles) <= max_groups:
        ids = articles["article_id"].astype(str)
        labels = {i: (ar if not is_unknown_outlet(o) else "", f"{i} {o if not is_unknown_outlet(o) else 'unknown'}")
                  for i, o, ar in zip(ids, outlet, outlet_ar)}
        order = sorted(labels)
        grouping = Grouping("article", {i: i for i in order}, {i: labels[i] for i in order}, 0)
        return ids.rename("group"), grouping
    names = {o: (ar, o) for o, ar in zip(outlet, outlet_ar)}
    grouping = _top_with_other(pd.Series(w.to_numpy(), index=outlet.to_numpy()), max_groups, names, "outlet")
    known = pd.Series([not is_unknown_outlet(o) for o in outlet], index=articles.index, dtype=bool)
    covered = w[known & outlet.map(grouping.key_of).ne("other")].sum()
    coarser = [c for c in (_first_column(articles, _COUNTRY_COLUMNS), _first_column(articles, _TYPE_COLUMNS)) if c]
    if grouping.n_pooled and covered < min_coverage * w[known].sum() and coarser:
        for column in coarser:
            values = articles[column].astype(str).where(known, "unknown")
            level = "country" if column in _COUNTRY_COLUMNS else "outlet type"
            names = {v: ("", v) for v in values}
            candidate = _top_with_other(pd.Series(w.to_numpy(), index=values.to_numpy()), max_groups, names, level)
            if len(candidate.labels) > 1 or column == coarser[-1]:
                return values.map(candidate.key_of).rename("group"), candidate
    return outlet.map(grouping.key_of).rename("group"), grouping


_PERIODS = (("month", "MS"), ("quarter", "QS"), ("year", "YS"))


def choose_period(dates: pd.Series, max_bins: int = 40) -> str:
    """"month", "quarter" or "year": the finest period with at most ``max_bins`` bins over the dates.

    Example:
        >>> choose_period(pd.Series(pd.to_datetime(["2014-06-01", "2015-01-01"])))
        'month'
        >>> choose_period(pd.Series(pd.to_datetime(["2003-01-01", "2026-01-01"])))
        'year'
    """
    values = pd.to_datetime(dates.dropna())
    if values.empty:
        return "year"
    first, last = values.min(), values.max()
    for name, freq in _PERIODS:
        if len(pd.date_range(period_start(first, name), last, freq=freq)) <= max_bins:
            return name
    return "year"


def period_start(when: Any, period: str) -> Any:
    """Start of the month / quarter / year containing ``when`` (Timestamp or Series).

    Example:
        >>> str(period_start(pd.Timestamp("2024-05-17"), "quarter").date())
        '2024-04-01'
    """
    code = {"month": "M", "quarter": "Q", "year": "Y"}[period]
    if isinstance(when, pd.Series):
        return pd.to_datetime(when).dt.to_period(code).dt.start_time
    return pd.Timestamp(when).to_period(code).start_time


def period_end(start: Any, period: str) -> Any:
    """The start of the next period (exclusive end of the bin starting at ``start``)."""
    offset = {"month": pd.DateOffset(months=1), "quarter": pd.DateOffset(months=3),
              "year": pd.DateOffset(years=1)}[period]
    return start + offset


# ----------------------------------------------------------------------------------------
# Measuring what is drawn
# ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def _recording_texts() -> Iterator[list[Text]]:
    """Collect every Text actually drawn (visible, non-empty) while the context is open."""
    drawn: list[Text] = []
    original = Text.draw

    def draw(self: Text, renderer: Any) -> Any:
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        return original(self, renderer)

    Text.draw = draw  # type: ignore[method-assign,assignment]
    try:
        yield drawn
    finally:
        Text.draw = original  # type: ignore[method-assign]


def drawn_texts(fig: Figure) -> list[tuple[Text, Bbox]]:
    """Every text the figure draws (titles, tick labels, annotations, legend entries...) with its
    window extent in display pixels, measured by the renderer after a full draw.

    Example:
        >>> fig, ax = new_figure(3)
        >>> _ = ax.set_title("title")
        >>> "title" in [t.get_text() for t, _ in drawn_texts(fig)]
        True
        >>> plt.close(fig)
    """
    with _recording_texts() as drawn:
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    seen: set[int] = set()
    out = []
    for text in drawn:
        if id(text) in seen:
            continue
        seen.add(id(text))
        out.append((text, text.get_window_extent(renderer)))
    return out


def _overlap(a: Bbox, b: Bbox, tolerance: float) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance) and (min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance)


def overlapping_texts(fig: Figure, tolerance: float = 0.5,
                      texts: list[tuple[Text, Bbox]] | None = None) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes overlap by more than ``tolerance`` px in both directions.

    Example:
        >>> fig, ax = new_figure(3)
        >>> _ = ax.text(0.5, 0.5, "one"); _ = ax.text(0.5, 0.5, "two")
        >>> overlapping_texts(fig)
        [('one', 'two')]
        >>> plt.close(fig)
    """
    texts = drawn_texts(fig) if texts is None else texts
    if len(texts) < 2:
        return []
    boxes = np.array([box.extents for _, box in texts])  # x0, y0, x1, y1
    wide = np.minimum.outer(boxes[:, 2], boxes[:, 2]) - np.maximum.outer(boxes[:, 0], boxes[:, 0])
    tall = np.minimum.outer(boxes[:, 3], boxes[:, 3]) - np.maximum.outer(boxes[:, 1], boxes[:, 1])
    hits = np.argwhere(np.triu((wide > tolerance) & (tall > tolerance), k=1))
    return [(texts[i][0].get_text(), texts[j][0].get_text()) for i, j in hits]


def clipped_texts(fig: Figure, tolerance: float = 1.0,
                  texts: list[tuple[Text, Bbox]] | None = None) -> list[str]:
    """Drawn texts whose box reaches outside the figure (they would be cut off).

    Example:
        >>> fig, ax = new_figure(3)
        >>> _ = fig.text(0.99, 0.5, "cut off at the right edge")
        >>> clipped_texts(fig)
        ['cut off at the right edge']
        >>> plt.close(fig)
    """
    texts = drawn_texts(fig) if texts is None else texts
    frame = fig.bbox
    return [t.get_text() for t, box in texts
            if box.x0 < frame.x0 - tolerance or box.y0 < frame.y0 - tolerance
            or box.x1 > frame.x1 + tolerance or box.y1 > frame.y1 + tolerance]


def data_outside_axes(fig: Figure) -> list[str]:
    """Axes whose data (lines, points, bars, images, data-anchored annotations) leave the view.

    Example:
        >>> fig, ax = new_figure(3)
        >>> _ = ax.plot([0, 10], [0, 1]); _ = ax.set_xlim(0, 5)
        >>> len(data_outside_axes(fig))
        1
        >>> plt.close(fig)
    """
    problems = []
    for ax in fig.axes:
        if not ax.get_visible() or getattr(ax, "_colorbar", None) is not None:
            continue
        x0, x1 = sorted(ax.get_xlim())
        y0, y1 = sorted(ax.get_ylim())
        ex, ey = 1e-9 * max(x1 - x0, 1e-12), 1e-9 * max(y1 - y0, 1e-12)
        lim = ax.dataLim
        name = ax.get_title() or ax.get_label() or "axes"
        if np.all(np.isfinite(lim.get_points())) and lim.width >= 0:
            if lim.x0 < x0 - ex or lim.x1 > x1 + ex or lim.y0 < y0 - ey or lim.y1 > y1 + ey:
                problems.append(f"{name}: data x {lim.x0:g}..{lim.x1:g}, y {lim.y0:g}..{lim.y1:g} "
                                f"outside the view x {x0:g}..{x1:g}, y {y0:g}..{y1:g}")
        for child in ax.texts:
            xy = getattr(child, "xy", None)
            if xy is None or getattr(child, "xycoords", None) != "data" or not child.get_visible():
                continue
            x, y = ax.convert_xunits(xy[0]), ax.convert_yunits(xy[1])
            if not (x0 - ex <= float(x) <= x1 + ex and y0 - ey <= float(y) <= y1 + ey):
                problems.append(f"{name}: annotation {child.get_text()!r} anchored outside the view")
    return problems


def png_bytes(fig: Figure) -> bytes:
    """The PNG exactly as :func:`helpers.figures.save_figure` writes it."""
    from helpers.figures import render_png

    return render_png(fig)


def png_size(fig: Figure, *, exact: bool = False, drawn: bool = False) -> tuple[int, int]:
    """(width, height) in pixels of the saved PNG.

    By default estimated as ``savefig(bbox_inches="tight")`` computes it (the figure's tight box
    plus ``savefig.pad_inches``, scaled to FIGURE_DPI) without rendering a PNG: text extents do
    not scale exactly with dpi, so it may differ by about 1%; ``exact=True`` renders the PNG
    and reads its size. ``drawn=True`` says the figure was just drawn (no second draw).

    Example:
        >>> fig, ax = new_figure(3)
        >>> [abs(a - b) <= 0.02 * b for a, b in zip(png_size(fig), png_size(fig, exact=True))]
        [True, True]
        >>> plt.close(fig)
    """
    if exact:
        with Image.open(io.BytesIO(png_bytes(fig))) as image:
            return image.size
    if not drawn:
        fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())  # type: ignore[attr-defined]
    pad_setting = plt.rcParams["savefig.pad_inches"]
    pad = float(pad_setting) if not isinstance(pad_setting, str) else 0.1
    dpi = _dpi()
    return int((box.width + 2 * pad) * dpi), int((box.height + 2 * pad) * dpi)


def small_texts(fig: Figure, png_width: int, texts: list[tuple[Text, Bbox]] | None = None) -> list[str]:
    """Drawn texts that would be under MIN_LABEL_PX tall on a PAGE_WIDTH_PX page.

    The PNG (``png_width`` px wide, at FIGURE_DPI) is scaled to the page width; a font of
    ``s`` points is ``s * dpi / 72`` px in the PNG.
    """
    texts = drawn_texts(fig) if texts is None else texts
    scale = min(1.0, PAGE_WIDTH_PX / png_width) * _dpi() / 72.0
    return [t.get_text() for t, _ in texts if float(t.get_fontsize()) * scale < MIN_LABEL_PX - 1e-6]


def figure_problems(fig: Figure) -> list[str]:
    """Everything that makes the figure hard to read, as sentences (empty list: none found).

    Overlapping text boxes, text outside the figure, data outside the axes, a PNG over
    MAX_PNG_PX, and text under MIN_LABEL_PX on a PAGE_WIDTH_PX page.
    """
    texts = drawn_texts(fig)
    problems = [f"overlapping text: {a!r} and {b!r}" for a, b in overlapping_texts(fig, texts=texts)]
    problems += [f"text outside the figure: {t!r}" for t in clipped_texts(fig, texts=texts)]
    problems += [f"data outside the axes: {p}" for p in data_outside_axes(fig)]
    width, height = png_size(fig, drawn=True)  # from the draw above
    if max(width, height) > 0.97 * MAX_PNG_PX:  # near the limit: render and measure the PNG itself
        width, height = png_size(fig, exact=True)
    if max(width, height) > MAX_PNG_PX:
        problems.append(f"PNG is {width}x{height} px, over {MAX_PNG_PX}")
    problems += [f"text under {MIN_LABEL_PX} px on the page: {t!r}" for t in small_texts(fig, width, texts)]
    return problems


# ----------------------------------------------------------------------------------------
# Fitting labels
# ----------------------------------------------------------------------------------------


def freeze_layout(fig: Figure) -> Any:
    """Draw once so the layout engine places everything, then keep that layout fixed.

    Labels placed afterwards (inside the axes) are measured against final positions.
    Returns the renderer.
    """
    fig.canvas.draw()
    fig.set_layout_engine("none")
    return fig.canvas.get_renderer()  # type: ignore[attr-defined]


def nothing_to_show(fig: Figure, ax: Any, what: str) -> Figure:
    """An empty chart that says so (a corpus without any ``what``), laid out and frozen.

    Example:
        >>> fig, ax = new_figure(3)
        >>> nothing_to_show(fig, ax, "framing terms").axes[0].texts[0].get_text()
        'No framing terms to show in this corpus.'
        >>> plt.close(fig)
    """
    ax.set_axis_off()
    ax.text(0.5, 0.5, f"No {what} to show in this corpus.", ha="center", va="center", fontsize=TITLE_PT,
            transform=ax.transAxes)
    return finish(fig)


def finish(fig: Figure) -> Figure:
    """Lay the figure out once and keep that layout (later draws skip the layout engine).

    Every plot function returns through it, so showing and saving a figure draw what the
    checks measured.
    """
    if fig.get_layout_engine() is not None and type(fig.get_layout_engine()).__name__ != "PlaceHolderLayoutEngine":
        freeze_layout(fig)
    return fig


def fit_legend(fig: Figure, handles: Sequence[Any], labels: Sequence[str], *,
               max_cols: int = 3, fontsize: float = LABEL_PT) -> Any:
    """A legend below the axes, with the most columns (up to ``max_cols``) that fit the figure width.

    Labels go through helpers.rtl; each column count is measured with the renderer.

    Example:
        >>> fig, ax = new_figure(3)
        >>> h = ax.plot([0, 1], [0, 1]) + ax.plot([0, 1], [1, 0])
        >>> len(fit_legend(fig, h, ["قصير", "a much longer legend entry " * 3]).get_texts())
        2
        >>> plt.close(fig)
    """
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    room = fig.bbox.width * 0.96
    legend = None
    for ncol in range(max(1, min(max_cols, len(labels))), 0, -1):
        legend = fig.legend(list(handles), rtl.ar_list(labels), loc="outside lower center", ncol=ncol,
                            fontsize=fontsize, frameon=False)
        if ncol == 1 or legend.get_window_extent(renderer).width <= room:
            return legend
        legend.remove()
    return legend


#: Candidate positions of a point label, in points from the point: (dx, dy, ha, va).
_OFFSETS = ((5, 4, "left", "bottom"), (-5, 4, "right", "bottom"), (5, -4, "left", "top"),
            (-5, -4, "right", "top"), (0, 9, "center", "bottom"), (0, -9, "center", "top"))


#: Space kept between a point label and any other text or point (points): touching labels read as one.
LABEL_GAP_PT = 4.0


def place_labels(ax: Any, xs: Sequence[Any], ys: Sequence[Any], labels: Sequence[str], *,
                 marker_px: float = 8.0, fontsize: float = LABEL_PT, **text_kwargs: Any) -> list[bool]:
    """Label points where a label fits; returns, per point, whether it got its label.

    Points are labelled in the given order (put the most important first). Each label tries a
    few positions around its point and is kept at the first one whose measured box stays inside
    the axes and overlaps no other text already drawn (ticks, title, legend, earlier labels)
    and no point. Call after the rest of the figure is drawn; the layout is frozen first.
    Labels go through helpers.rtl.

    Example:
        >>> fig, ax = new_figure(3)
        >>> _ = ax.scatter([0, 1], [0, 1])
        >>> placed = place_labels(ax, [0] * 9 + [1], [0] * 9 + [1], list("abcdefghij"))
        >>> placed[0], 0 < sum(placed[:9]) < 9, placed[9], overlapping_texts(fig)
        (True, True, True, [])
        >>> plt.close(fig)
    """
    fig = ax.figure
    occupied = [box for _, box in drawn_texts(fig)]  # one draw: the layout engine places everything
    fig.set_layout_engine("none")  # and the layout stays as measured
    renderer = fig.canvas.get_renderer()
    to_px = fig.dpi / 72.0
    half = marker_px * to_px / 2 if marker_px else 0.0
    gap = LABEL_GAP_PT * to_px
    points = [ax.transData.transform((ax.convert_xunits(x), ax.convert_yunits(y))) for x, y in zip(xs, ys)]
    occupied += [Bbox.from_extents(px - half, py - half, px + half, py + half) for px, py in points]
    frame = ax.get_window_extent(renderer)
    taken = np.array([b.extents for b in occupied]).reshape(-1, 4)
    sizes: dict[str, tuple[float, float]] = {}
    placed = []
    for (px, py), x, y, text in zip(points, xs, ys, labels):
        shown = rtl.ar(text)
        if shown not in sizes:  # measure each distinct label once, with the renderer
            probe = ax.annotate(shown, (x, y), fontsize=fontsize, **text_kwargs)
            box = probe.get_window_extent(renderer)
            probe.remove()
            sizes[shown] = (box.width, box.height)
        width, height = sizes[shown]
        done = False
        for dx, dy, ha, va in _OFFSETS:
            left = px + dx * to_px - {"left": 0.0, "right": width, "center": width / 2}[ha]
            bottom = py + dy * to_px - {"bottom": 0.0, "top": height, "center": height / 2}[va]
            box = np.array([left, bottom, left + width, bottom + height])
            if box[0] < frame.x0 or box[2] > frame.x1 or box[1] < frame.y0 or box[3] > frame.y1:
                continue
            # a label must keep a gap to its neighbours: two labels that touch read as one phrase
            near = box + np.array([-gap, -gap, gap, gap])
            hit = ((np.minimum(taken[:, 2], near[2]) - np.maximum(taken[:, 0], near[0]) > 0)
                   & (np.minimum(taken[:, 3], near[3]) - np.maximum(taken[:, 1], near[1]) > 0))
            if hit.any():
                continue
            ax.annotate(shown, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                        fontsize=fontsize, annotation_clip=True, **text_kwargs)
            taken = np.vstack([taken, box])
            done = True
            break
        placed.append(done)
    return placed


def label_cells(ax: Any, values: np.ndarray, *, fmt: str = "{:.0f}", show: np.ndarray | None = None,
                shade: np.ndarray | None = None, x: Sequence[float] | None = None) -> bool:
    """Write each shown cell's value in a heatmap, if the widest value fits a cell (measured).

    Rows sit at y = 0, 1, ...; columns at ``x`` (default 0, 1, ...). ``show`` says which cells
    get a text (default: non-zero ones); ``shade`` (0..1, default value / max) turns the text
    white on dark cells. Freezes the layout first. Returns whether the values were written.

    Example:
        >>> fig, ax = new_figure(3)
        >>> _ = ax.imshow([[0, 3], [12, 1]], aspect="auto")
        >>> label_cells(ax, np.array([[0, 3], [12, 1]])), sorted(t.get_text() for t in ax.texts)
        (True, ['1', '12', '3'])
        >>> plt.close(fig)
    """
    values = np.asarray(values, dtype=float)
    show = values != 0 if show is None else np.asarray(show, dtype=bool)
    if not values.size or not show.any():
        return False
    centres = list(range(values.shape[1])) if x is None else list(x)
    renderer = freeze_layout(ax.figure)
    step_x = min((abs(b - a) for a, b in zip(centres, centres[1:])), default=1.0)
    cell_w = abs(ax.transData.transform((step_x, 0))[0] - ax.transData.transform((0, 0))[0])
    cell_h = abs(ax.transData.transform((0, 1))[1] - ax.transData.transform((0, 0))[1])
    widest = max((fmt.format(v) for v in values[show]), key=len)
    probe = ax.text(0, 0, widest, fontsize=LABEL_PT - 1)
    box = probe.get_window_extent(renderer)
    probe.remove()
    if box.width + 2 > cell_w or box.height + 1 > cell_h:
        return False
    top = np.nanmax(np.abs(values[show])) or 1.0
    shade = np.abs(values) / top if shade is None else np.asarray(shade, dtype=float)
    for (row, col), value in np.ndenumerate(values):
        if show[row, col]:
            ax.text(centres[col], row, fmt.format(value), ha="center", va="center", fontsize=LABEL_PT - 1,
                    color="white" if np.nan_to_num(shade[row, col]) > 0.6 else "black")
    return True


def fit_x_ticklabels(ax: Any) -> None:
    """Turn the x tick labels vertical if, horizontal, any two of them would touch (measured).

    Call before the layout is frozen.

    Example:
        >>> fig, ax = new_figure(3)
        >>> _ = ax.set_xticks(range(40), [f"label {i}" for i in range(40)])
        >>> fit_x_ticklabels(ax); ax.get_xticklabels()[0].get_rotation()
        90.0
        >>> plt.close(fig)
    """
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
    padded = [Bbox.from_extents(b.x0 - 2, b.y0, b.x1 + 2, b.y1) for b in boxes]
    if any(_overlap(a, b, 0.0) for i, a in enumerate(padded) for b in padded[i + 1:]):
        for label in ax.get_xticklabels():
            label.set_rotation(90)
            label.set_horizontalalignment("center")


def fit_date_ticks(ax: Any, axis: str = "x", max_ticks: Sequence[int] = (10, 8, 6, 5, 4, 3, 2)) -> None:
    """Date ticks on ``axis`` with the most ticks whose labels do not touch (measured).

    Example:
        >>> fig, ax = new_figure(3)
        >>> _ = ax.plot(pd.to_datetime(["2003-01-01", "2026-01-01"]), [0, 1])
        >>> fit_date_ticks(ax)
        >>> overlapping_texts(fig)
        []
        >>> plt.close(fig)
    """
    import matplotlib.dates as mdates

    target = ax.xaxis if axis == "x" else ax.yaxis
    for n in max_ticks:
        locator = mdates.AutoDateLocator(minticks=2, maxticks=n)
        target.set_major_locator(locator)
        target.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
        fig = ax.figure
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in target.get_ticklabels() if t.get_visible() and t.get_text()]
        padded = [Bbox.from_extents(b.x0 - 3, b.y0, b.x1 + 3, b.y1) for b in boxes]
        if not any(_overlap(a, b, 0.0) for i, a in enumerate(padded) for b in padded[i + 1:]):
            return


def _plural(noun: str) -> str:
    """English plural of a grouping level: outlet -> outlets, country -> countries.

    Example:
        >>> _plural("country"), _plural("outlet"), _plural("outlet type")
        ('countries', 'outlets', 'outlet types')
    """
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
