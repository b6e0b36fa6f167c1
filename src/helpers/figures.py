"""House style for the notebooks and deterministic figure saving.

Call :func:`use_house_style` once at the top of each notebook, draw with matplotlib (every
Arabic string through :mod:`helpers.rtl`), then :func:`save_figure`:

Example:
    >>> import matplotlib.pyplot as plt
    >>> from helpers import figures, rtl
    >>> figures.use_house_style()
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar([0, 1], [3, 5]); _ = rtl.set_ticklabels(ax, ["داعش", "الحشد الشعبي"])
    >>> figures.save_figure(fig, "00_example")  # doctest: +SKIP
    'figures/00_example.png'

The figures of the notebooks are built by ``helpers.presentation`` (``ingestion_plots``,
``source_bias_plots``, ``troop_plots``, ``actor_plots``; sizing and checks in ``layout``).

Determinism: PNGs are rendered by Agg at a fixed dpi with no ``Software`` (version) metadata,
so the same figure gives the same bytes on every run and machine (as long as the font is the
same: the Makefile sets ``HELPERS_ARABIC_FONT="DejaVu Sans"``, bundled with matplotlib).
"""

from __future__ import annotations

import io
import re
from typing import Any, cast

import matplotlib
import pandas as pd

from helpers import paths, rtl

__all__ = ["FIGURE_DPI", "HOUSE_RCPARAMS", "PANDAS_OPTIONS", "use_house_style", "render_png", "save_figure"]

#: Resolution of every saved PNG.
FIGURE_DPI = 150

#: matplotlib settings of the house style (the font family is added by use_house_style).
HOUSE_RCPARAMS: dict[str, Any] = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.dpi": FIGURE_DPI,
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "both",
    "grid.alpha": 0.3,
    "axes.axisbelow": True,
    "axes.formatter.use_locale": False,
    "axes.unicode_minus": True,
    "text.parse_math": False,  # "$" in a headline is text, not mathtext
    "svg.hashsalt": "helpers",  # stable SVG ids
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "image.cmap": "viridis",
}

#: pandas display options: tables that read well on GitHub (not too wide, not too long).
PANDAS_OPTIONS: dict[str, Any] = {
    "display.max_colwidth": 80,
    "display.max_columns": 12,
    "display.max_rows": 30,
    "display.min_rows": 10,
    "display.width": 120,
    "display.precision": 3,
    "display.show_dimensions": "truncate",
}

_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def use_house_style() -> None:
    """Set matplotlib rcParams (Arabic-capable font, fixed output) and pandas display options.

    The font family comes from :func:`helpers.rtl.setup_arabic_font` (``HELPERS_ARABIC_FONT``,
    else an installed Arabic font, else DejaVu Sans). Idempotent: calling it again gives the
    same settings.

    Example:
        >>> use_house_style()
        >>> matplotlib.rcParams["savefig.dpi"] == FIGURE_DPI
        True
    """
    cast(Any, matplotlib.rcParams).update(HOUSE_RCPARAMS)
    rtl.setup_arabic_font()
    for option, value in PANDAS_OPTIONS.items():
        pd.set_option(option, value)


def _validated_name(name: str) -> str:
    if not isinstance(name, str):
        raise TypeError(f"save_figure: name must be a str like '01_corpus_timeline', got {name!r}")
    stem = name[:-4] if name.lower().endswith(".png") else name
    if not _NAME_RE.fullmatch(stem) or ".." in stem:
        raise ValueError(
            f"save_figure: bad figure name {name!r}. Use a plain file name without folders or "
            "spaces, made of letters, digits, '_', '-' or '.', e.g. '01_corpus_timeline'; the "
            "figure is saved as figures/<name>.png."
        )
    return stem


def render_png(fig: Any) -> bytes:
    """The PNG bytes :func:`save_figure` writes: FIGURE_DPI, tight box, white, no ``Software``.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> fig = plt.figure(figsize=(2, 1)); render_png(fig)[:4] == b"\\x89PNG"
        True
        >>> plt.close(fig)
    """
    buffer = io.BytesIO()
    fig.savefig(
        buffer,
        format="png",
        dpi=FIGURE_DPI,
        bbox_inches="tight",
        facecolor="white",
        metadata={"Software": None},
    )
    return buffer.getvalue()


def save_figure(fig: Any, name: str, *, close: bool = False) -> str:
    """Save ``fig`` as ``figures_dir()/<name>.png`` deterministically; return "figures/<name>.png".

    Fixed dpi (:data:`FIGURE_DPI`), tight bounding box, white background and no ``Software``
    metadata, so two runs give byte-identical files; the file is only rewritten when its
    bytes change. The returned path is the repository-relative one (also when
    ``HELPERS_FIGURES_DIR`` redirects the output, e.g. in tests), never an absolute path.
    ``name`` must be a plain file name (a trailing ".png" is accepted); anything with a
    folder, space or ".." raises ValueError. The figure stays open (notebooks show it
    inline) unless ``close=True``.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> save_figure(plt.figure(), "00_blank")  # doctest: +SKIP
        'figures/00_blank.png'
    """
    stem = _validated_name(name)
    data = render_png(fig)
    target = paths.figures_dir() / f"{stem}.png"
    if not (target.is_file() and target.read_bytes() == data):
        tmp = target.with_name(f".{stem}.png.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return f"figures/{stem}.png"
