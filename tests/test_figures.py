"""Tests of helpers.figures: house style and deterministic PNGs (never written into figures/)."""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from helpers import figures, rtl


@pytest.fixture
def figures_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect save_figure into a temporary folder and pin the font like the Makefile does."""
    out = tmp_path / "figs"
    monkeypatch.setenv("HELPERS_FIGURES_DIR", str(out))
    monkeypatch.setenv(rtl.FONT_ENV_VAR, "DejaVu Sans")
    return out


@pytest.fixture
def house_style():
    """Apply the house style for one test and undo it afterwards."""
    with matplotlib.rc_context():
        figures.use_house_style()
        yield
    for option in figures.PANDAS_OPTIONS:
        pd.reset_option(option)


def make_figure() -> Figure:
    """A small chart with Arabic title, tick labels and legend, drawn through helpers.rtl."""
    fig = Figure(figsize=(5, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.bar([0, 1, 2], [3, 5, 2], label="خليجيون نيوز — Khalijion News")
    rtl.set_ticklabels(ax, ["داعش (ISIS)", "القوات الأمريكية 2500", "حزب الله"])
    rtl.set_title(ax, rtl.label("عدد الإشارات", "mentions"))
    rtl.legend(ax)
    return fig


def png_text_chunks(data: bytes) -> dict[str, str]:
    """Keyword -> text of the PNG's tEXt/zTXt/iTXt chunks."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[str, str] = {}
    pos = 8
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind in (b"tEXt", b"zTXt", b"iTXt"):
            key, _, rest = body.partition(b"\0")
            value = zlib.decompress(rest[1:]) if kind == b"zTXt" else rest
            chunks[key.decode("latin-1")] = value.decode("latin-1", "replace")
        pos += 12 + length
    return chunks


# ----------------------------------------------------------------------------------------
# save_figure
# ----------------------------------------------------------------------------------------


def test_save_figure_twice_gives_identical_bytes(figures_tmp: Path, house_style) -> None:
    fig = make_figure()
    assert figures.save_figure(fig, "01_demo") == "figures/01_demo.png"
    first = (figures_tmp / "01_demo.png").read_bytes()
    assert figures.save_figure(make_figure(), "01_demo_again") == "figures/01_demo_again.png"
    assert (figures_tmp / "01_demo_again.png").read_bytes() == first


def test_save_figure_is_identical_across_processes(figures_tmp: Path, house_style) -> None:
    figures.save_figure(make_figure(), "here")
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "import test_figures as t; from helpers import figures; "
        "figures.use_house_style(); figures.save_figure(t.make_figure(), 'there')"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(Path(__file__).parent)],
        check=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
        timeout=60,
    )
    assert (figures_tmp / "there.png").read_bytes() == (figures_tmp / "here.png").read_bytes()


def test_saved_png_has_no_volatile_metadata_and_fixed_dpi(figures_tmp: Path, house_style) -> None:
    figures.save_figure(make_figure(), "meta")
    data = (figures_tmp / "meta.png").read_bytes()
    chunks = png_text_chunks(data)
    assert "Software" not in chunks
    assert matplotlib.__version__.encode() not in data
    assert not {"Creation Time", "date:create", "date:modify"} & set(chunks)
    with Image.open(figures_tmp / "meta.png") as image:
        assert image.info["dpi"] == pytest.approx((figures.FIGURE_DPI, figures.FIGURE_DPI), abs=0.1)


def test_unchanged_figure_is_not_rewritten(figures_tmp: Path, house_style) -> None:
    figures.save_figure(make_figure(), "stable")
    target = figures_tmp / "stable.png"
    os.utime(target, ns=(0, 0))
    figures.save_figure(make_figure(), "stable")
    assert target.stat().st_mtime_ns == 0
    assert not list(figures_tmp.glob(".*tmp"))


def test_changed_figure_is_rewritten(figures_tmp: Path, house_style) -> None:
    figures.save_figure(make_figure(), "changing")
    before = (figures_tmp / "changing.png").read_bytes()
    fig = make_figure()
    rtl.set_title(fig.axes[0], "عنوان آخر")
    figures.save_figure(fig, "changing")
    assert (figures_tmp / "changing.png").read_bytes() != before


def test_png_suffix_is_accepted(figures_tmp: Path) -> None:
    assert figures.save_figure(make_figure(), "02_x.png") == "figures/02_x.png"
    assert (figures_tmp / "02_x.png").is_file()
    assert not (figures_tmp / "02_x.png.png").exists()


@pytest.mark.parametrize(
    "name",
    ["../escape", "sub/dir", "sub\\dir", "/abs/path", "", ".hidden", "..", "a..b", "with space",
     "تسمية", "name\n"],
)
def test_bad_names_raise_value_error(name: str, figures_tmp: Path) -> None:
    with pytest.raises(ValueError, match="bad figure name"):
        figures.save_figure(make_figure(), name)
    assert not figures_tmp.exists() or not any(figures_tmp.iterdir())


def test_non_string_name_raises_type_error(figures_tmp: Path) -> None:
    with pytest.raises(TypeError, match="name must be a str"):
        figures.save_figure(make_figure(), 3)  # type: ignore[arg-type]


@pytest.mark.parametrize(("close", "open_after"), [(False, True), (True, False)])
def test_figure_closed_only_when_asked(close: bool, open_after: bool, figures_tmp: Path) -> None:
    import matplotlib.pyplot as plt

    fig = plt.figure()
    fig.add_subplot().plot([0, 1])
    try:
        figures.save_figure(fig, "open_or_closed", close=close)
        assert plt.fignum_exists(fig.number) is open_after
    finally:
        plt.close(fig)


# ----------------------------------------------------------------------------------------
# use_house_style
# ----------------------------------------------------------------------------------------


def test_house_style_sets_font_and_determinism(figures_tmp: Path, house_style) -> None:
    params = matplotlib.rcParams
    assert params["font.family"] == ["DejaVu Sans"]
    assert params["svg.hashsalt"] == figures.HOUSE_RCPARAMS["svg.hashsalt"]
    assert params["savefig.dpi"] == figures.FIGURE_DPI
    assert pd.get_option("display.max_colwidth") == 80


def test_house_style_is_idempotent(figures_tmp: Path) -> None:
    with matplotlib.rc_context():
        figures.use_house_style()
        once = dict(matplotlib.rcParams)
        figures.use_house_style()
        assert dict(matplotlib.rcParams) == once
    for option in figures.PANDAS_OPTIONS:
        pd.reset_option(option)
