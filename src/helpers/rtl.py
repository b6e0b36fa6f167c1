"""Arabic (right-to-left) text in matplotlib, correct on every matplotlib version.

Why this module exists
----------------------
Arabic is stored in *logical* order (the order it is typed) with *base* letters; on screen
it must appear right to left with each letter in its joined form (initial, medial, final).

- matplotlib >= 3.11 lays text out with libraqm (HarfBuzz + FriBidi): it shapes and
  reorders a logical string itself. Pre-shaping there is a BUG: the already reversed
  string is reversed again and comes out backwards.
- Older matplotlib (or a build without raqm) draws code points left to right, one glyph
  each: the string must be pre-shaped (``arabic_reshaper``: base letters -> presentation
  forms) and reordered (``python-bidi``: logical -> visual order).

The decision is taken ONCE, at import, from the running matplotlib's capability
(:data:`NEEDS_PRESHAPING`; :func:`shaping_report` says why). Everything that hands Arabic to
matplotlib goes through :func:`ar` (or the ``set_title``/``set_xlabel``/... wrappers below);
no other module of the project calls ``arabic_reshaper`` or ``bidi``.

Fonts: :func:`setup_arabic_font` picks the font family. ``HELPERS_ARABIC_FONT`` forces one
(the Makefile sets ``HELPERS_ARABIC_FONT="DejaVu Sans"`` so committed figures are identical
on every machine, since DejaVu Sans ships inside matplotlib); otherwise an installed Arabic
font (Noto Naskh Arabic, Amiri, ...) is preferred, with DejaVu Sans as the fallback.

Example:
    >>> from helpers import rtl
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> rtl.set_title(ax, rtl.label("القوات الأمريكية", "US forces")).get_text() != ""
    True
"""

from __future__ import annotations

import functools
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import matplotlib
import matplotlib.font_manager as font_manager
from matplotlib import ft2font

__all__ = [
    "NEEDS_PRESHAPING",
    "ARABIC_FONT_PREFERENCE",
    "FALLBACK_FONT",
    "FONT_ENV_VAR",
    "matplotlib_shapes_text",
    "shaping_report",
    "preshape",
    "ar",
    "ar_list",
    "ar_wrapped",
    "label",
    "choose_arabic_font",
    "setup_arabic_font",
    "set_title",
    "set_xlabel",
    "set_ylabel",
    "set_ticklabels",
    "legend",
    "annotate",
    "text",
    "table_cells",
    "table",
]

#: Installed fonts tried in this order when ``HELPERS_ARABIC_FONT`` is not set.
ARABIC_FONT_PREFERENCE: tuple[str, ...] = (
    "Noto Naskh Arabic",
    "Noto Sans Arabic",
    "Amiri",
    "Scheherazade New",
    "Noto Kufi Arabic",
    "Vazirmatn",
    "Arial",  # macOS / Windows: has Arabic glyphs
    "Tahoma",
)
#: Always available: bundled with matplotlib and covers Arabic, Latin and digits.
FALLBACK_FONT = "DejaVu Sans"
#: Environment variable that forces a font family (the Makefile sets it to DejaVu Sans).
FONT_ENV_VAR = "HELPERS_ARABIC_FONT"

_LRO = "\u202d"  # LEFT-TO-RIGHT OVERRIDE
_PDF = "\u202c"  # POP DIRECTIONAL FORMATTING
# Base Arabic letters that a shaper must join (Arabic, Supplement, Extended-A blocks).
_BASE_ARABIC = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]"
)
# Arabic presentation forms: the output of a pre-shaper.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


# --------------------------------------------------------------------------------------
# The decision: does the running matplotlib shape complex text itself?
# --------------------------------------------------------------------------------------


def _version_tuple(version: str) -> tuple[int, int]:
    match = re.match(r"(\d+)\.(\d+)", version)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _probe_shaping() -> tuple[bool, str]:
    """Return (matplotlib shapes Arabic itself, human-readable reason)."""
    version = matplotlib.__version__
    if _version_tuple(version) < (3, 11):
        return False, f"matplotlib {version} < 3.11 draws code points unshaped, left to right"
    raqm = getattr(ft2font, "__libraqm_version__", None)
    if not raqm:
        return False, f"matplotlib {version} was built without libraqm (no complex text layout)"
    layout = getattr(ft2font.FT2Font, "_layout", None)
    if layout is None:
        return False, f"matplotlib {version} has libraqm {raqm} but no FT2Font._layout to use it"
    # Empirical check: lay out two joining letters with the bundled DejaVu Sans. A shaping
    # engine picks joined glyphs (different from the isolated ones in the character map) and
    # returns them in visual (right-to-left) order.
    try:
        font = ft2font.FT2Font(font_manager.findfont(FALLBACK_FONT, fallback_to_default=False))
        probe = "\u0628\u064a"  # بي: beh (initial form) + yeh (final form)
        items = font._layout(probe, ft2font.LoadFlags.NO_HINTING)
        shaped = [item.glyph_index for item in items]
        isolated = [font.get_char_index(ord(ch)) for ch in probe]
        visual_chars = "".join(item.char for item in items)
    except Exception as exc:  # pragma: no cover - depends on the matplotlib build
        return False, f"matplotlib {version}: probing libraqm layout failed ({exc!r})"
    if shaped == isolated or shaped == isolated[::-1]:
        return False, f"matplotlib {version} with libraqm {raqm} did not join Arabic letters"
    if visual_chars != probe[::-1]:
        return False, f"matplotlib {version} with libraqm {raqm} did not reorder right to left"
    return True, f"matplotlib {version} shapes and reorders Arabic itself (libraqm {raqm})"


_SHAPES_TEXT, _REASON = _probe_shaping()

#: True when strings must be pre-shaped before matplotlib draws them (matplotlib < 3.11 or no
#: raqm). Decided once, at import, from the running matplotlib.
NEEDS_PRESHAPING: bool = not _SHAPES_TEXT


def matplotlib_shapes_text() -> bool:
    """True if the running matplotlib shapes and reorders Arabic itself (>= 3.11 with raqm).

    Example:
        >>> matplotlib_shapes_text() == (not NEEDS_PRESHAPING)
        True
    """
    return _SHAPES_TEXT


def shaping_report() -> str:
    """One line saying what :func:`ar` does on this machine and why.

    Example:
        >>> "matplotlib" in shaping_report()
        True
    """
    if NEEDS_PRESHAPING:
        action = "ar() pre-shapes (reshape + bidi)"
    else:
        action = "ar() returns text unchanged"
    return f"{action}: {_REASON}"


# --------------------------------------------------------------------------------------
# String transforms
# --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _reshaper() -> Any:
    import arabic_reshaper

    # The الله ligature (U+FDF2) is missing from DejaVu Sans and most UI fonts: it would be
    # drawn as a box in حزب الله. Lam-alef ligatures (U+FEF5..U+FEFC) stay on: they are
    # mandatory in Arabic and DejaVu has them.
    return arabic_reshaper.ArabicReshaper(
        configuration={"ARABIC LIGATURE ALLAH": False, "delete_harakat": True}
    )


def _is_preshaped(text: str) -> bool:
    return bool(_PRESENTATION_FORMS.search(text)) and not _BASE_ARABIC.search(text)


def preshape(text: str) -> str:
    """Pre-shape a logical string for renderers WITHOUT complex layout (matplotlib < 3.11).

    Base letters become joined presentation forms (without the الله ligature, which DejaVu
    Sans lacks; diacritics are dropped, as unshaped renderers cannot place them) and the string is put in visual order (python-bidi, paragraph direction from
    the first strong character, brackets mirrored). Strings that are already pre-shaped, or
    contain no Arabic letters, come back unchanged, so applying it twice is harmless. Do NOT
    give the result to matplotlib >= 3.11: it would be reversed again (use :func:`ar`).

    Example:
        >>> preshape("داعش (ISIS)")
        '(ISIS) ﺶﻋﺍﺩ'
    """
    if not _BASE_ARABIC.search(text):
        return text
    # The pure-Python algorithm of python-bidi mirrors brackets in right-to-left runs (rule
    # L4); the Rust-backed ``bidi.get_display`` of python-bidi 0.6 does not, and would draw
    # "داعش (ISIS)" as ")ISIS( داعش".
    from bidi.algorithm import get_display

    return str(get_display(_reshaper().reshape(text)))


def ar(text: str) -> str:
    """What the running matplotlib needs to draw a logical Arabic/mixed string correctly.

    Unchanged on matplotlib >= 3.11 with raqm (it shapes itself); :func:`preshape`-d
    otherwise. Pass EVERY Arabic string given to matplotlib through it (titles, tick labels,
    legends, annotations, table cells); already pre-shaped strings pass through unchanged.

    Example:
        >>> ar("القوات الأمريكية 2500") == ("القوات الأمريكية 2500" if not NEEDS_PRESHAPING
        ...                                else preshape("القوات الأمريكية 2500"))
        True
    """
    if not isinstance(text, str):
        raise TypeError(f"rtl.ar expects a str, got {type(text).__name__}: {text!r}")
    if NEEDS_PRESHAPING and not _is_preshaped(text):
        return preshape(text)
    return text


def ar_list(texts: Iterable[Any]) -> list[str]:
    """:func:`ar` applied to each item (non-strings are converted with ``str`` first).

    Example:
        >>> ar_list(["داعش", 2500]) == [ar("داعش"), "2500"]
        True
    """
    return [ar(t if isinstance(t, str) else str(t)) for t in texts]


def ar_wrapped(text: str) -> str:
    """The pre-shaped string wrapped in LRO ... PDF, for code you don't control.

    The left-to-right override makes a bidi-aware renderer keep the pre-shaped (visual
    order) characters as they are, and a renderer without bidi draws them left to right
    anyway, so the result reads right on both. The controls themselves are invisible
    format characters. Prefer :func:`ar` for matplotlib calls you make yourself.

    Example:
        >>> w = ar_wrapped("داعش")
        >>> w[0] == "\\u202d" and w[-1] == "\\u202c"
        True
    """
    core = text
    if core.startswith(_LRO) and core.endswith(_PDF):
        return core
    return f"{_LRO}{preshape(core)}{_PDF}"


def label(arabic: str, english: str) -> str:
    """A bilingual label "العربية — English", ready for matplotlib (already through :func:`ar`).

    Example:
        >>> label("داعش", "ISIS") == ar("داعش — ISIS")
        True
    """
    arabic, english = arabic.strip(), english.strip()
    if not english:
        return ar(arabic)
    if not arabic:
        return english
    return ar(f"{arabic} — {english}")


# --------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------

_ARABIC_PROBE = "\u0627\u0644\u0628\u0647\u064a"  # ا ل ب ه ي


def _font_file(family: str) -> str | None:
    """Path of the font matplotlib would use for ``family``, or None if not installed."""
    wanted = family.strip().lower()
    if not any(entry.name.lower() == wanted for entry in font_manager.fontManager.ttflist):
        return None
    try:
        return font_manager.findfont(
            font_manager.FontProperties(family=family), fallback_to_default=False
        )
    except ValueError:
        return None


def _covers_arabic(path: str) -> bool:
    try:
        charmap = font_manager.get_font(path).get_charmap()
    except Exception:  # pragma: no cover - unreadable font file
        return False
    return all(ord(ch) in charmap for ch in _ARABIC_PROBE)


def choose_arabic_font() -> str:
    """The font family to draw Arabic with (pure: changes no settings).

    ``HELPERS_ARABIC_FONT`` if set (ValueError if that family is not installed: fix the name
    or install the font); else the first installed family of :data:`ARABIC_FONT_PREFERENCE`
    that has Arabic glyphs; else DejaVu Sans (bundled with matplotlib, never missing).

    Example:
        >>> isinstance(choose_arabic_font(), str)
        True
    """
    forced = os.environ.get(FONT_ENV_VAR, "").strip()
    if forced:
        path = _font_file(forced)
        if path is None:
            raise ValueError(
                f"{FONT_ENV_VAR}={forced!r}: matplotlib finds no installed font family of that "
                f"name. Install it, fix the name, or set {FONT_ENV_VAR}='{FALLBACK_FONT}' "
                "(bundled with matplotlib)."
            )
        if not _covers_arabic(path):
            warnings.warn(
                f"{FONT_ENV_VAR}={forced!r} ({path}) has no Arabic letters; matplotlib will fall "
                f"back to {FALLBACK_FONT} glyph by glyph.",
                stacklevel=2,
            )
        return forced
    for family in ARABIC_FONT_PREFERENCE:
        path = _font_file(family)
        if path is not None and _covers_arabic(path):
            return family
    return FALLBACK_FONT


def setup_arabic_font() -> str:
    """Choose the Arabic font (:func:`choose_arabic_font`) and make matplotlib use it.

    Sets ``rcParams["font.family"]`` to ``[chosen, "DejaVu Sans"]`` so any glyph missing from
    the chosen font (Latin letters in an Arabic-only font, say) falls back to DejaVu Sans.
    Returns the chosen family. Idempotent.

    Example:
        >>> setup_arabic_font() in matplotlib.rcParams["font.family"]
        True
    """
    family = choose_arabic_font()
    families = [family] if family == FALLBACK_FONT else [family, FALLBACK_FONT]
    matplotlib.rcParams["font.family"] = families
    return family


# --------------------------------------------------------------------------------------
# Axes conveniences: the matplotlib call with every string passed through ar()
# --------------------------------------------------------------------------------------


def set_title(ax: Any, title: str, **kwargs: Any) -> Any:
    """``ax.set_title(ar(title))``; returns the Text.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> ax = plt.figure().add_subplot()
        >>> set_title(ax, "القوات الأمريكية").get_text() == ar("القوات الأمريكية")
        True
    """
    return ax.set_title(ar(title), **kwargs)


def set_xlabel(ax: Any, xlabel: str, **kwargs: Any) -> Any:
    """``ax.set_xlabel(ar(xlabel))``; returns the Text.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> set_xlabel(plt.figure().add_subplot(), "عدد المقالات").get_text() == ar("عدد المقالات")
        True
    """
    return ax.set_xlabel(ar(xlabel), **kwargs)


def set_ylabel(ax: Any, ylabel: str, **kwargs: Any) -> Any:
    """``ax.set_ylabel(ar(ylabel))``; returns the Text.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> set_ylabel(plt.figure().add_subplot(), "الوسيلة").get_text() == ar("الوسيلة")
        True
    """
    return ax.set_ylabel(ar(ylabel), **kwargs)


def set_ticklabels(
    ax: Any,
    labels: Sequence[Any],
    *,
    axis: str = "x",
    ticks: Sequence[float] | None = None,
    **kwargs: Any,
) -> list[Any]:
    """Put ``labels`` (through :func:`ar`) on the x or y ticks; returns the tick Texts.

    ``ticks`` defaults to ``range(len(labels))`` (categorical bar charts); pass the
    positions explicitly otherwise. ``kwargs`` are Text properties passed on to
    ``set_xticks``/``set_yticks`` (e.g. ``rotation=45, ha="right"``).

    Example:
        >>> import matplotlib.pyplot as plt
        >>> ax = plt.figure().add_subplot()
        >>> len(set_ticklabels(ax, ["داعش (ISIS)", "الحشد الشعبي"], axis="y"))
        2
    """
    if axis not in ("x", "y"):
        raise ValueError(f"set_ticklabels: axis must be 'x' or 'y', got {axis!r}")
    positions = list(range(len(labels))) if ticks is None else list(ticks)
    if len(positions) != len(labels):
        raise ValueError(
            f"set_ticklabels: {len(labels)} labels for {len(positions)} tick positions; "
            "pass one tick position per label."
        )
    if axis == "x":
        ax.set_xticks(positions, labels=ar_list(labels), **kwargs)
        return list(ax.get_xticklabels())
    ax.set_yticks(positions, labels=ar_list(labels), **kwargs)
    return list(ax.get_yticklabels())


def legend(
    ax: Any,
    labels: Sequence[str] | None = None,
    handles: Sequence[Any] | None = None,
    **kwargs: Any,
) -> Any:
    """``ax.legend`` with every label through :func:`ar`; returns the Legend.

    Without ``labels``/``handles`` it uses the artists' ``label=`` values (plain logical
    strings are fine: they are converted here; already converted ones are left alone).

    Example:
        >>> import matplotlib.pyplot as plt
        >>> ax = plt.figure().add_subplot()
        >>> _ = ax.plot([0, 1], label="خليجيون نيوز — Khalijion News")
        >>> legend(ax).get_texts()[0].get_text() == ar("خليجيون نيوز — Khalijion News")
        True
    """
    if labels is None or handles is None:
        found_handles, found_labels = ax.get_legend_handles_labels()
        handles = found_handles if handles is None else handles
        labels = found_labels if labels is None else labels
    return ax.legend(list(handles), ar_list(labels), **kwargs)


def annotate(ax: Any, text_: str, xy: tuple[float, float], **kwargs: Any) -> Any:
    """``ax.annotate(ar(text_), xy, ...)``; returns the Annotation.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> ax = plt.figure().add_subplot()
        >>> annotate(ax, "2500 جندي", (0.5, 0.5)).get_text() == ar("2500 جندي")
        True
    """
    return ax.annotate(ar(text_), xy, **kwargs)


def text(ax: Any, x: float, y: float, s: str, **kwargs: Any) -> Any:
    """``ax.text(x, y, ar(s), ...)``; returns the Text.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> text(plt.figure().add_subplot(), 0.5, 0.5, "حزب الله").get_text() == ar("حزب الله")
        True
    """
    return ax.text(x, y, ar(s), **kwargs)


def table_cells(cells: Iterable[Iterable[Any]]) -> list[list[str]]:
    """A 2-D table of cell values as strings through :func:`ar` (for ``ax.table(cellText=...)``).

    Example:
        >>> table_cells([["داعش", 3]]) == [[ar("داعش"), "3"]]
        True
    """
    return [ar_list(row) for row in cells]


def table(
    ax: Any,
    cell_text: Iterable[Iterable[Any]],
    *,
    col_labels: Sequence[Any] | None = None,
    row_labels: Sequence[Any] | None = None,
    **kwargs: Any,
) -> Any:
    """``ax.table`` with cells, column and row labels through :func:`ar`; returns the Table.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> t = table(plt.figure().add_subplot(), [["داعش", 3]], col_labels=["الفاعل", "n"])
        >>> t[0, 0].get_text().get_text() == ar("الفاعل")
        True
    """
    return ax.table(
        cellText=table_cells(cell_text),
        colLabels=None if col_labels is None else ar_list(col_labels),
        rowLabels=None if row_labels is None else ar_list(row_labels),
        **kwargs,
    )
