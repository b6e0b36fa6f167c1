"""Tests of helpers.rtl: Arabic in matplotlib, checked on pixels.

Pixel tests: a string is drawn by matplotlib (Agg) and, as the reference, by Pillow with raqm
layout (HarfBuzz shaping + FriBidi reordering), both in matplotlib's bundled DejaVu Sans at
the same pixel size, black on white. Each image is cropped to its ink, scaled to a height of
24 px (width keeping the reference's aspect), blurred (radius 2) and compared with
``1 - Pearson correlation``. A correct rendering must be CLOSE to the reference; the reversed
string, the unjoined letters (ZWNJ between letters), the pre-shaped string fed to a shaping
matplotlib (the double-reversal bug) and brackets left unmirrored must be FAR.

Calibration (matplotlib 3.11.2, Pillow 13 with raqm, bundled DejaVu Sans, 48 px), over the
STRINGS below: correct renderings (helper, LRO-wrapped, pre-shaped under BASIC layout)
measured 0.000-0.011; wrong ones 0.077-0.92 (the least far: "داعش (ISIS)" unjoined, 0.077,
because only ع-ش joins in it). Unmirrored brackets, a small local error, measure 0.059-0.109
on short labels but only about 0.03 on long ones, so that check uses short labels.
Thresholds: close < 0.025, far > 0.045.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib
import matplotlib.font_manager as fm
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image, ImageDraw, ImageFilter, ImageFont, features

from helpers import rtl

# ----------------------------------------------------------------------------------------
# Rendering and comparison
# ----------------------------------------------------------------------------------------

DEJAVU = fm.findfont(fm.FontProperties(family="DejaVu Sans"), fallback_to_default=False)
PIXELS = 48  # font size in pixels for both renderers (matplotlib: 48 pt at 72 dpi)
COMPARE_HEIGHT = 24
BLUR_RADIUS = 2
CLOSE_BELOW = 0.025
FAR_ABOVE = 0.045
ZWNJ = "\u200c"

HAS_RAQM = features.check_feature("raqm")
needs_raqm = pytest.mark.skipif(
    not HAS_RAQM, reason="Pillow without raqm cannot draw the shaped reference image"
)
needs_shaping_matplotlib = pytest.mark.skipif(
    rtl.NEEDS_PRESHAPING, reason="the running matplotlib does not shape text itself"
)

# Labels the notebooks use: Arabic only, the الله ligature trap, brackets, digits, a dash.
STRINGS = [
    pytest.param("القوات الأمريكية", id="us-forces"),
    pytest.param("حزب الله", id="hezbollah-allah-ligature"),
    pytest.param("داعش (ISIS)", id="isis-brackets"),
    pytest.param("القوات الأمريكية 2500", id="us-forces-digits"),
    pytest.param("خليجيون نيوز — Khalijion News", id="outlet-bilingual"),
    pytest.param("الحشد الشعبي", id="pmf"),
    pytest.param("مقاتلين", id="fighters"),
]


def _ink_crop(image: Image.Image) -> Image.Image:
    gray = image.convert("L")
    ys, xs = np.nonzero(np.asarray(gray) < 128)
    assert xs.size, "nothing was drawn"
    return gray.crop((int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1))


def render_matplotlib(text: str) -> Image.Image:
    """Draw ``text`` as given (no conversion) with matplotlib's Agg, black on white."""
    fig = Figure(figsize=(20, 2), dpi=72, facecolor="white")
    FigureCanvasAgg(fig)
    fig.text(
        0.02, 0.5, text, fontproperties=fm.FontProperties(fname=DEJAVU, size=PIXELS),
        va="center", color="black", parse_math=False,
    )
    fig.canvas.draw()
    return _ink_crop(Image.fromarray(np.asarray(fig.canvas.buffer_rgba())[..., :3]))


def render_pillow(text: str, layout: ImageFont.Layout) -> Image.Image:
    """Draw ``text`` with Pillow: RAQM shapes like a text engine, BASIC like matplotlib < 3.11."""
    font = ImageFont.truetype(DEJAVU, PIXELS, layout_engine=layout)
    canvas = Image.new("L", (1600, 160), 255)
    ImageDraw.Draw(canvas).text((20, 40), text, font=font, fill=0)
    return _ink_crop(canvas)


def reference(text: str) -> Image.Image:
    return render_pillow(text, ImageFont.Layout.RAQM)


def distance(ref: Image.Image, candidate: Image.Image) -> float:
    """1 - correlation of the two ink boxes scaled to the reference's aspect and blurred."""
    width = max(COMPARE_HEIGHT, round(ref.size[0] * COMPARE_HEIGHT / ref.size[1]))

    def prepare(image: Image.Image) -> np.ndarray:
        small = image.resize((width, COMPARE_HEIGHT), Image.Resampling.BILINEAR)
        return np.asarray(small.filter(ImageFilter.GaussianBlur(BLUR_RADIUS)), dtype=float)

    return float(1.0 - np.corrcoef(prepare(ref).ravel(), prepare(candidate).ravel())[0, 1])


def unjoined(text: str) -> str:
    """The same letters with a zero-width non-joiner between them: isolated forms, same order."""
    return ZWNJ.join(text)


def unmirrored(visual: str) -> str:
    """A pre-shaped string whose brackets were not mirrored (python-bidi's Rust get_display)."""
    return visual.translate(str.maketrans("()[]", ")(]["))


# ----------------------------------------------------------------------------------------
# The decision
# ----------------------------------------------------------------------------------------


def test_reference_font_is_matplotlibs_bundled_dejavu() -> None:
    assert Path(DEJAVU).name == "DejaVuSans.ttf"
    assert Path(DEJAVU).is_relative_to(Path(matplotlib.get_data_path()))


def test_decision_follows_running_matplotlib() -> None:
    major, minor = (int(p) for p in matplotlib.__version__.split(".")[:2])
    capable = (major, minor) >= (3, 11) and bool(
        getattr(matplotlib.ft2font, "__libraqm_version__", None)
    )
    assert rtl.NEEDS_PRESHAPING is (not capable)
    assert rtl.matplotlib_shapes_text() is capable
    assert matplotlib.__version__ in rtl.shaping_report()


# ----------------------------------------------------------------------------------------
# Pixels: the helper's rendering in the running matplotlib
# ----------------------------------------------------------------------------------------


@needs_raqm
@pytest.mark.parametrize("text", STRINGS)
def test_helper_rendering_is_close_to_reference(text: str) -> None:
    d = distance(reference(text), render_matplotlib(rtl.ar(text)))
    assert d < CLOSE_BELOW, f"{text!r}: helper rendering differs from the reference ({d:.4f})"


@needs_raqm
@pytest.mark.parametrize("text", STRINGS)
def test_wrapped_rendering_is_close_to_reference(text: str) -> None:
    d = distance(reference(text), render_matplotlib(rtl.ar_wrapped(text)))
    assert d < CLOSE_BELOW, f"{text!r}: LRO-wrapped rendering differs from the reference ({d:.4f})"


@needs_raqm
@pytest.mark.parametrize("text", STRINGS)
@pytest.mark.parametrize(
    "wrong", [pytest.param(lambda s: s[::-1], id="reversed"), pytest.param(unjoined, id="unjoined")]
)
def test_wrong_renderings_are_far_from_reference(text: str, wrong) -> None:
    d = distance(reference(text), render_matplotlib(rtl.ar(wrong(text))))
    assert d > FAR_ABOVE, f"{text!r}: a wrong rendering looks like the reference ({d:.4f})"


@needs_raqm
@needs_shaping_matplotlib
@pytest.mark.parametrize("text", STRINGS)
def test_preshaped_string_in_shaping_matplotlib_is_reversed(text: str) -> None:
    """The DESIGN's warning: reshape + bidi on matplotlib >= 3.11 draws the text backwards."""
    d = distance(reference(text), render_matplotlib(rtl.preshape(text)))
    assert d > FAR_ABOVE, f"{text!r}: pre-shaped text unexpectedly fine on a shaping matplotlib"


# ----------------------------------------------------------------------------------------
# Pixels: the pre-shaping branch, drawn with Pillow's basic layout (like matplotlib < 3.11)
# ----------------------------------------------------------------------------------------


@needs_raqm
@pytest.mark.parametrize("text", STRINGS)
def test_preshaped_under_basic_layout_is_close_to_reference(text: str) -> None:
    d = distance(reference(text), render_pillow(rtl.preshape(text), ImageFont.Layout.BASIC))
    assert d < CLOSE_BELOW, f"{text!r}: pre-shaped text drawn unshaped is off ({d:.4f})"


@needs_raqm
@pytest.mark.parametrize("text", STRINGS)
def test_logical_string_under_basic_layout_is_far_from_reference(text: str) -> None:
    d = distance(reference(text), render_pillow(text, ImageFont.Layout.BASIC))
    assert d > FAR_ABOVE, f"{text!r}: an unshaped renderer drew logical text correctly?! ({d:.4f})"


@needs_raqm
@pytest.mark.parametrize("text", ["داعش (ISIS)", "(داعش)", "الحشد [الشعبي]"])
def test_unmirrored_brackets_are_far_from_reference(text: str) -> None:
    """Why preshape uses python-bidi's mirroring algorithm: unmirrored brackets are visible."""
    visual = rtl.preshape(text)
    assert unmirrored(visual) != visual
    d = distance(reference(text), render_pillow(unmirrored(visual), ImageFont.Layout.BASIC))
    assert d > FAR_ABOVE, f"{text!r}: unmirrored brackets not detected ({d:.4f})"


# ----------------------------------------------------------------------------------------
# Strings: what the pre-shaping branch produces
# ----------------------------------------------------------------------------------------

DEJAVU_CHARS = set(fm.get_font(DEJAVU).get_charmap())


@pytest.mark.parametrize("text", STRINGS)
def test_preshape_uses_only_glyphs_dejavu_has(text: str) -> None:
    for shaped in (rtl.preshape(text), rtl.ar_wrapped(text)):
        assert "\ufdf2" not in shaped  # the الله ligature DejaVu lacks
        missing = sorted({f"U+{ord(ch):04X}" for ch in shaped if ord(ch) not in DEJAVU_CHARS})
        assert not missing, f"{text!r}: characters without a DejaVu Sans glyph: {missing}"


@pytest.mark.parametrize(
    ("logical", "visual"),
    [
        # Pure Latin, digits and punctuation are left alone.
        ("US forces 2,500", "US forces 2,500"),
        ("", ""),
        # Digits keep their left-to-right order inside an Arabic label.
        ("القوات 2500", "2500 ﺕﺍﻮﻘﻟﺍ"),
        # Brackets are mirrored: reads "(ISIS) داعش" from the left.
        ("داعش (ISIS)", "(ISIS) ﺶﻋﺍﺩ"),
        # Lam-alef ligature kept (mandatory), الله spelled with letters, not U+FDF2.
        ("حزب الله", "ﻪﻠﻟﺍ ﺏﺰﺣ"),
        ("لا", "ﻻ"),
        # Latin-first label: left-to-right paragraph, Arabic run reversed in place.
        ("Khalijion News — خليجيون نيوز", "Khalijion News — ﺯﻮﻴﻧ ﻥﻮﻴﺠﻴﻠﺧ"),
    ],
)
def test_preshape_visual_strings(logical: str, visual: str) -> None:
    assert rtl.preshape(logical) == visual


@pytest.mark.parametrize("text", STRINGS)
def test_preshape_and_ar_are_idempotent(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert rtl.preshape(rtl.preshape(text)) == rtl.preshape(text)
    for needs in (True, False):
        monkeypatch.setattr(rtl, "NEEDS_PRESHAPING", needs)
        assert rtl.ar(rtl.ar(text)) == rtl.ar(text)


@pytest.mark.parametrize("text", STRINGS)
def test_ar_follows_the_decision(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rtl, "NEEDS_PRESHAPING", False)
    assert rtl.ar(text) == text
    monkeypatch.setattr(rtl, "NEEDS_PRESHAPING", True)
    assert rtl.ar(text) == rtl.preshape(text) != text


def test_ar_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="expects a str"):
        rtl.ar(2500)  # type: ignore[arg-type]


def test_ar_wrapped_is_override_wrapped_preshaped_text() -> None:
    wrapped = rtl.ar_wrapped("داعش (ISIS)")
    assert wrapped == "\u202d" + rtl.preshape("داعش (ISIS)") + "\u202c"
    assert rtl.ar_wrapped(wrapped) == wrapped


@pytest.mark.parametrize(
    ("arabic", "english", "logical"),
    [
        ("داعش", "ISIS", "داعش — ISIS"),
        ("  خليجيون نيوز ", " Khalijion News", "خليجيون نيوز — Khalijion News"),
        ("القوات الأمريكية", "", "القوات الأمريكية"),
        ("", "US forces", "US forces"),
    ],
)
def test_label(arabic: str, english: str, logical: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for needs in (True, False):
        monkeypatch.setattr(rtl, "NEEDS_PRESHAPING", needs)
        assert rtl.label(arabic, english) == rtl.ar(logical)


# ----------------------------------------------------------------------------------------
# Axes conveniences route every string through ar()
# ----------------------------------------------------------------------------------------

LABEL = "داعش (ISIS)"


def _axes():
    fig = Figure()
    FigureCanvasAgg(fig)
    return fig.add_subplot()


@pytest.mark.parametrize(
    "draw",
    [
        pytest.param(lambda ax: rtl.set_title(ax, LABEL).get_text(), id="set_title"),
        pytest.param(lambda ax: rtl.set_xlabel(ax, LABEL).get_text(), id="set_xlabel"),
        pytest.param(lambda ax: rtl.set_ylabel(ax, LABEL).get_text(), id="set_ylabel"),
        pytest.param(lambda ax: rtl.text(ax, 0.5, 0.5, LABEL).get_text(), id="text"),
        pytest.param(lambda ax: rtl.annotate(ax, LABEL, (0.5, 0.5)).get_text(), id="annotate"),
        pytest.param(
            lambda ax: rtl.set_ticklabels(ax, ["x", LABEL])[1].get_text(), id="xticklabels"
        ),
        pytest.param(
            lambda ax: rtl.set_ticklabels(ax, [LABEL], axis="y", ticks=[2.0])[0].get_text(),
            id="yticklabels",
        ),
        pytest.param(
            lambda ax: rtl.legend(ax, handles=ax.plot([0, 1]), labels=[LABEL])
            .get_texts()[0].get_text(),
            id="legend-explicit",
        ),
        pytest.param(
            lambda ax: (ax.plot([0, 1], label=LABEL), rtl.legend(ax))[1]
            .get_texts()[0].get_text(),
            id="legend-from-artists",
        ),
        pytest.param(
            lambda ax: rtl.table(ax, [[LABEL, 3]]).get_celld()[0, 0].get_text().get_text(),
            id="table-cell",
        ),
        pytest.param(
            lambda ax: rtl.table(ax, [["1", 3]], col_labels=[LABEL, "n"])
            .get_celld()[0, 0].get_text().get_text(),
            id="table-column-label",
        ),
    ],
)
def test_conveniences_pass_text_through_ar(draw, monkeypatch: pytest.MonkeyPatch) -> None:
    for needs in (True, False):
        monkeypatch.setattr(rtl, "NEEDS_PRESHAPING", needs)
        assert draw(_axes()) == rtl.ar(LABEL)


def test_table_cells_converts_every_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rtl, "NEEDS_PRESHAPING", True)
    assert rtl.table_cells([["داعش", 3], ["Khalijion", 2.5]]) == [
        [rtl.preshape("داعش"), "3"],
        ["Khalijion", "2.5"],
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"labels": ["a", "b"], "ticks": [0.0]}, "2 labels for 1 tick"),
        ({"labels": ["a"], "axis": "z"}, "axis must be"),
    ],
)
def test_set_ticklabels_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rtl.set_ticklabels(_axes(), **kwargs)


# ----------------------------------------------------------------------------------------
# Fonts
# ----------------------------------------------------------------------------------------


@pytest.fixture
def restore_font_family():
    saved = matplotlib.rcParams["font.family"]
    yield
    matplotlib.rcParams["font.family"] = saved


def test_env_var_forces_font(monkeypatch: pytest.MonkeyPatch, restore_font_family) -> None:
    monkeypatch.setenv(rtl.FONT_ENV_VAR, "DejaVu Sans")
    monkeypatch.setattr(rtl, "ARABIC_FONT_PREFERENCE", ("DejaVu Sans Mono",))
    assert rtl.setup_arabic_font() == "DejaVu Sans"
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans"]


def test_env_var_naming_a_missing_font_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rtl.FONT_ENV_VAR, "No Such Arabic Font 123")
    with pytest.raises(ValueError, match=r"HELPERS_ARABIC_FONT='No Such Arabic Font 123'.*DejaVu"):
        rtl.choose_arabic_font()


def test_env_var_naming_a_font_without_arabic_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rtl.FONT_ENV_VAR, "DejaVu Serif")
    with pytest.warns(UserWarning, match="no Arabic letters"):
        assert rtl.choose_arabic_font() == "DejaVu Serif"


@pytest.mark.parametrize(
    ("preference", "chosen"),
    [
        # First installed font with Arabic glyphs wins (DejaVu Sans Mono stands in for Amiri).
        (("No Such Font", "DejaVu Sans Mono", "DejaVu Sans"), "DejaVu Sans Mono"),
        # Installed but without Arabic letters: skipped.
        (("DejaVu Serif", "cmr10"), "DejaVu Sans"),
        # Nothing installed: the bundled fallback, never an error.
        (("Noto Naskh Arabic XYZ", "Amiri XYZ"), "DejaVu Sans"),
        ((), "DejaVu Sans"),
    ],
)
def test_preferred_font_or_fallback(
    preference: tuple[str, ...], chosen: str, monkeypatch: pytest.MonkeyPatch, restore_font_family
) -> None:
    monkeypatch.delenv(rtl.FONT_ENV_VAR, raising=False)
    monkeypatch.setattr(rtl, "ARABIC_FONT_PREFERENCE", preference)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert rtl.setup_arabic_font() == chosen
    assert matplotlib.rcParams["font.family"][0] == chosen
    assert matplotlib.rcParams["font.family"][-1] == "DejaVu Sans"
