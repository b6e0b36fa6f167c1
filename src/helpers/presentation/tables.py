"""Right-to-left-safe HTML tables for notebooks, on GitHub (no CSS) and in JupyterLab alike.

:func:`show` is the one helper every notebook table goes through. It returns a :class:`Table`,
whose HTML

- wraps every cell that starts with an Arabic letter in RLM RLI ... PDI RLM, with ``dir="rtl"``,
  so a leading number ("86 دولة") is drawn on the right and a trailing full stop or quote stays at
  the end of the phrase (the left), whatever the page's direction;
- isolates the Arabic phrases of an English cell (FSI ... PDI), as prose does;
- aligns each column with ``align=`` (kept by GitHub's sanitiser) and an inline ``text-align``
  (which JupyterLab's stylesheet would otherwise override); numbers right, English left, Arabic
  right, or the alignment the caller asks for (KWIC context towards the keyword);
- shows missing values (NaN, <NA>, None, NaT) as an em dash, never as ``NaN``;
- shows at most ``max_rows`` rows and says so under the table ("Showing 20 of 3,002 rows; the
  full table is in corpus/processed/x.csv"), with ``rest_in`` naming where the rest is;
- is deterministic: no ids, no uuids (pandas' Styler is not used), nothing from memory.

Its text form (what nbval compares, and what a terminal shows) is the same cells as plain text.

Example:
    >>> import pandas as pd
    >>> t = show(pd.DataFrame({"outlet": ["عنب بلدي"], "articles": [1200]}))
    >>> print(t)
      outlet articles
    عنب بلدي    1,200
    >>> '<td dir="rtl" align="right"' in t._repr_html_()
    True
"""

from __future__ import annotations

import html
import math
import numbers
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from helpers.presentation.bidi import first_strong, has_rtl, isolate_phrases, isolate_rtl_cell, strip_controls

__all__ = ["Table", "show", "format_value", "evidence_columns", "MISSING", "DEFAULT_MAX_ROWS", "MAX_EVIDENCE_COLUMNS"]

Align = Literal["left", "right", "center"]

#: What a missing value (NaN, <NA>, None, NaT) shows as.
MISSING = "\u2014"
#: Rows shown by default; a longer table gets a note saying how many there are and where.
DEFAULT_MAX_ROWS = 20
#: An evidence table (context plus what identifies it) stays readable up to this many columns.
MAX_EVIDENCE_COLUMNS = 5
_NO_THOUSANDS = re.compile(r"(^|_)(year|id)$|^id_", re.IGNORECASE)
_FLOAT_DIGITS = 3  # at most this many decimals; fewer when every value of the column needs fewer


@dataclass(frozen=True)
class Cell:
    """One formatted cell: its plain text, its HTML content and its attributes."""

    text: str
    html: str
    direction: Literal["rtl", "ltr"]


@dataclass
class Table:
    """A DataFrame ready to display: ``_repr_html_`` for notebooks, ``str`` for text outputs.

    ``data`` holds the rows shown, ``total`` the number of rows before the cut.
    """

    data: pd.DataFrame
    total: int
    caption: str | None = None
    note: str | None = None
    rest_in: str | None = None
    align: Mapping[str, Align] = field(default_factory=dict)
    index: bool = False

    # -- notes --------------------------------------------------------------------------------
    def footnote(self) -> str:
        """The sentence under the table: how many rows are shown (if cut) and the caller's note."""
        parts = []
        if len(self.data) < self.total:
            where = f"; the full table is in {self.rest_in}" if self.rest_in else ""
            parts.append(f"Showing {len(self.data):,} of {self.total:,} rows{where}.")
        if self.note:
            parts.append(self.note)
        return " ".join(parts)

    # -- cells --------------------------------------------------------------------------------
    def _columns(self) -> list[tuple[str, list[Cell], Align, bool]]:
        """(header, cells, alignment, is_header_column) for each displayed column."""
        frame = self.data
        out: list[tuple[str, list[Cell], Align, bool]] = []
        if self.index:
            for level in range(frame.index.nlevels):
                values = frame.index.get_level_values(level)
                name = frame.index.names[level]
                header = "" if name is None else str(name)
                cells = _format_column(pd.Series(values, dtype=values.dtype), header)
                out.append((header, cells, self.align.get(header, _default_align(values, cells)), True))
        for position, column in enumerate(frame.columns):
            header = _header_text(column)
            series = frame.iloc[:, position]
            cells = _format_column(series, header)
            out.append((header, cells, self.align.get(header, _default_align(series, cells)), False))
        return out

    # -- HTML ---------------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        columns = self._columns()
        lines = ['<div class="helpers-table">', '<table border="1">']
        if self.caption:
            lines.append(f"<caption>{_html_text(self.caption)}</caption>")
        lines.append("<thead>")
        lines.append("<tr>" + "".join(_tag("th", _cell(header), align) for header, _, align, _ in columns) + "</tr>")
        lines.append("</thead>")
        lines.append("<tbody>")
        for row in range(len(self.data)):
            tags = ("th" if is_header else "td" for _, _, _, is_header in columns)
            lines.append("<tr>" + "".join(
                _tag(tag, cells[row], align) for tag, (_, cells, align, _) in zip(tags, columns)) + "</tr>")
        lines.append("</tbody>")
        lines.append("</table>")
        footnote = self.footnote()
        if footnote:
            lines.append(f"<p><em>{_html_text(footnote)}</em></p>")
        lines.append("</div>")
        return "\n".join(lines)

    # -- text ---------------------------------------------------------------------------------
    def to_text(self) -> str:
        """The shown rows as aligned plain text (no bidi controls), then the footnote."""
        columns = self._columns()
        plain = pd.DataFrame({i: [c.text for c in cells] for i, (_, cells, _, _) in enumerate(columns)})
        plain.columns = [header for header, _, _, _ in columns]
        text = plain.to_string(index=False) if len(plain.columns) else ""
        footnote = self.footnote()
        return f"{text}\n{footnote}" if footnote else text

    def __repr__(self) -> str:
        return self.to_text()

    __str__ = __repr__


def show(
    df: pd.DataFrame | pd.Series,
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    caption: str | None = None,
    note: str | None = None,
    rest_in: str | None = None,
    align: Mapping[str, Align] | None = None,
    index: bool | None = None,
) -> Table:
    """Display ``df`` safely for right-to-left text: see the module docstring.

    ``max_rows`` bounds the rows shown (the first ones, in the frame's order; sort first);
    ``rest_in`` says where the full table is (a path under the repository, e.g.
    ``"corpus/processed/troop_claims.csv"``). ``align`` overrides a column's alignment by its
    header (``"left"``, ``"right"``, ``"center"``). ``index`` shows the index as leading header
    cells; by default it is shown unless it is a plain 0..n-1 range. A Series is shown as a
    one-column table; column headers of several levels are joined with " / ".

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"phrase": ["قال المسؤول.", "Daesh (داعش)"], "share": [0.5, None]})
        >>> t = show(df, max_rows=1, rest_in="corpus/processed/x.csv")
        >>> print(t)
              phrase share
        قال المسؤول.   0.5
        Showing 1 of 2 rows; the full table is in corpus/processed/x.csv.
        >>> print(show(df))
              phrase share
        قال المسؤول.   0.5
        Daesh (داعش)     —
    """
    if isinstance(df, pd.Series):
        df = df.to_frame(name=df.name if df.name is not None else "value")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"tables.show: expected a DataFrame or Series, got {type(df).__name__}")
    if max_rows < 1:
        raise ValueError(f"tables.show: max_rows must be at least 1, got {max_rows}")
    align = dict(align or {})
    bad = {k: v for k, v in align.items() if v not in ("left", "right", "center")}
    if bad:
        raise ValueError(f"tables.show: align values must be 'left', 'right' or 'center', got {bad}")
    if index is None:
        index = not _is_default_index(df.index)
    return Table(data=df.head(max_rows), total=len(df), caption=caption, note=note, rest_in=rest_in,
                 align=align, index=index)


def evidence_columns(df: pd.DataFrame, columns: Mapping[str, str] | Sequence[str],
                     *, max_columns: int = MAX_EVIDENCE_COLUMNS) -> pd.DataFrame:
    """Pick (and rename) the few columns an evidence table shows; refuse more than ``max_columns``.

    ``columns`` is a list of names, or a mapping {name in df: header to show}. An evidence table
    of more than about five columns squeezes its text into wraps of one or two words; combine
    identifying columns (see :func:`helpers.kwic.show_evidence`'s ``label``) instead.

    Example:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"article_id": ["000"], "verb": ["زعم"], "n": [1]})
        >>> list(evidence_columns(df, {"verb": "verb (Arabic)", "n": "mentions"}).columns)
        ['verb (Arabic)', 'mentions']
    """
    mapping = dict(columns) if isinstance(columns, Mapping) else {c: c for c in columns}
    missing = [c for c in mapping if c not in df.columns]
    if missing:
        raise KeyError(f"evidence_columns: the table has no column(s) {missing}; it has {list(df.columns)}")
    if len(mapping) > max_columns:
        raise ValueError(
            f"evidence_columns: {len(mapping)} columns asked for, at most {max_columns} stay readable; "
            "drop some or combine the identifying ones into one label column"
        )
    return df[list(mapping)].rename(columns=mapping)


# ---------------------------------------------------------------------------------------------
# formatting


def format_value(value: Any, *, digits: int | None = None, thousands: bool = True) -> str:
    """One value as display text: missing -> em dash, 1200 -> "1,200", True -> "yes", dates as days.

    Floats get ``digits`` decimals (default: up to 3, trailing zeros dropped); lists and tuples
    are joined with ", ". Bidi controls already in a string are removed.

    Example:
        >>> [format_value(v) for v in (None, float("nan"), pd.NA, 3002, 0.25, 2.0, True, ["a", "b"])]
        ['—', '—', '—', '3,002', '0.25', '2', 'yes', 'a, b']
        >>> format_value(pd.Timestamp("2024-01-25")), format_value(2014, thousands=False)
        ('2024-01-25', '2014')
    """
    if _is_missing(value):
        return MISSING
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}" if thousands else str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isinf(number):
            return "∞" if number > 0 else "−∞"
        places = _FLOAT_DIGITS if digits is None else digits
        text = f"{number:,.{places}f}" if thousands else f"{number:.{places}f}"
        if digits is None and "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is None and value == value.normalize():
            return value.strftime("%Y-%m-%d")
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return ", ".join(format_value(v, digits=digits, thousands=thousands) for v in items)
    return strip_controls(str(value))


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float | numbers.Real) and math.isnan(float(value)))
    except (TypeError, ValueError):
        return False


def _column_digits(series: pd.Series) -> int | None:
    """The fewest decimals (<= 3) that show every float of the column as it rounds to 3 places."""
    if not pd.api.types.is_float_dtype(series.dtype):
        return None
    values = series.dropna().to_numpy(dtype=float)
    values = values[~pd.isna(values) & (abs(values) != float("inf"))]
    for places in range(_FLOAT_DIGITS + 1):
        if all(round(v, places) == round(v, _FLOAT_DIGITS) for v in values):
            return places
    return _FLOAT_DIGITS


def _format_column(series: pd.Series, header: str) -> list[Cell]:
    digits = _column_digits(series)
    thousands = _NO_THOUSANDS.search(header.strip()) is None
    return [_cell(format_value(v, digits=digits, thousands=thousands)) for v in series.tolist()]


def _cell(text: str) -> Cell:
    """Plain display text -> a Cell with its HTML content and direction."""
    text = strip_controls(text)
    if first_strong(text) == "rtl":
        return Cell(text, html.escape(isolate_rtl_cell(text), quote=False), "rtl")
    if has_rtl(text):
        return Cell(text, html.escape(isolate_phrases(text), quote=False), "ltr")
    return Cell(text, html.escape(text, quote=False), "ltr")


def _html_text(text: str) -> str:
    """Caption or footnote text: escaped, Arabic phrases isolated."""
    plain = strip_controls(text)
    if first_strong(plain) == "rtl":
        return html.escape(isolate_rtl_cell(plain), quote=False)
    return html.escape(isolate_phrases(plain), quote=False)


def _tag(tag: str, cell: Cell, align: Align) -> str:
    """A td/th with ``dir`` for Arabic and the alignment as ``align=`` (GitHub) and ``style`` (JupyterLab)."""
    direction = ' dir="rtl"' if cell.direction == "rtl" else ""
    return f'<{tag}{direction} align="{align}" style="text-align: {align}">{cell.html}</{tag}>'


def _default_align(values: pd.Series | pd.Index, cells: list[Cell]) -> Align:
    """Numbers right; a column of right-to-left text right; anything else left."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        return "right"
    shown = [c for c in cells if c.text != MISSING]
    if shown and all(c.direction == "rtl" or first_strong(c.text) is None for c in shown) \
            and any(c.direction == "rtl" for c in shown):
        return "right"
    return "left"


def _header_text(column: Any) -> str:
    if isinstance(column, tuple):
        return " / ".join(format_value(part) for part in column if not _is_missing(part) and str(part) != "")
    return format_value(column) if not isinstance(column, str) else strip_controls(column)


def _is_default_index(index: pd.Index) -> bool:
    """An unnamed integer index is row numbering (0..n-1, or what is left of it after a filter)."""
    return index.nlevels == 1 and index.name is None and pd.api.types.is_integer_dtype(index.dtype)
