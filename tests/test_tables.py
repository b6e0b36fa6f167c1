"""helpers.presentation.tables: RTL-safe HTML for any DataFrame (isolates, alignment, no NaN, bounded rows).

Glyph positions are checked in a real browser by tests/test_browser.py; here the HTML and text
forms are checked as strings.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from helpers.presentation import tables
from helpers.presentation.bidi import FSI, LRM, PDI, RLI, RLM, isolate_phrases, isolate_rtl_cell, strip_controls

CELL = re.compile(r"<(td|th)([^>]*)>(.*?)</\1>")


def _cells(html: str) -> list[tuple[str, str, str]]:
    return CELL.findall(html)


# One row per case: the value, the cell's HTML content, whether it carries dir="rtl".
CELL_CASES = [
    ("86 دولة", f"{RLM}{RLI}86 دولة{PDI}{RLM}", True),                     # number first, Arabic cell
    ("قال المتحدث إن الانسحاب سيكتمل.", f"{RLM}{RLI}قال المتحدث إن الانسحاب سيكتمل.{PDI}{RLM}", True),
    ('وصف الهجوم بأنه "إرهابي"', f"{RLM}{RLI}وصف الهجوم بأنه &quot;إرهابي&quot;{PDI}{RLM}".replace("&quot;", '"'), True),
    ("Daesh (داعش الوهابي)", f"Daesh ({FSI}داعش الوهابي{PDI}{LRM})", False),  # English cell, Arabic phrase
    ("2,500", "2,500", False),
    ("<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y", False),                   # escaped, never markup
    (f"{RLI}قديم{PDI}", f"{RLM}{RLI}قديم{PDI}{RLM}", True),                  # old controls replaced, not doubled
]


@pytest.mark.parametrize("value, content, rtl", CELL_CASES)
def test_cell_content_and_direction(value: str, content: str, rtl: bool) -> None:
    html = tables.show(pd.DataFrame({"c": [value]}))._repr_html_()
    (_, attributes, inner) = _cells(html)[1]
    assert inner == content
    assert ('dir="rtl"' in attributes) is rtl


# One row per case: the value, its display text.
FORMAT_CASES = [
    (None, "—"), (np.nan, "—"), (pd.NA, "—"), (pd.NaT, "—"), (float("inf"), "∞"),
    (3002, "3,002"), (np.int64(1200000), "1,200,000"), (0.125, "0.125"), (2.0, "2"), (-0.0001, "0"),
    (True, "yes"), (np.bool_(False), "no"), (pd.Timestamp("2024-01-25"), "2024-01-25"),
    (pd.Timestamp("2024-01-25 10:30"), "2024-01-25T10:30:00"), ((12, 40), "12, 40"), ({"b", "a"}, "a, b"),
    ("نص", "نص"),
]


@pytest.mark.parametrize("value, text", FORMAT_CASES)
def test_format_value(value: object, text: str) -> None:
    assert tables.format_value(value) == text


def test_no_raw_nan_anywhere() -> None:
    df = pd.DataFrame({"a": [1.5, np.nan], "b": pd.array([1, pd.NA], dtype="Int64"), "c": ["x", None],
                       "d": [pd.Timestamp("2020-01-01"), pd.NaT]})
    shown = tables.show(df)
    for form in (shown._repr_html_(), str(shown)):
        assert "NaN" not in form and "<NA>" not in form and "None" not in form and "NaT" not in form
    assert str(shown).count("—") == 4


def test_float_columns_use_the_fewest_decimals_they_need() -> None:
    shown = tables.show(pd.DataFrame({"rate": [1.5, 2.25, 3.0], "whole": [1.0, 2.0, 3.0]}))
    assert str(shown).splitlines()[1:] == ["1.50     1", "2.25     2", "3.00     3"]


@pytest.mark.parametrize("column, text", [("year", "2014"), ("article_id", "2014"), ("count", "2,014")])
def test_thousands_separators_except_years_and_ids(column: str, text: str) -> None:
    assert str(tables.show(pd.DataFrame({column: [2014]}))).splitlines()[1].strip() == text


def test_rows_are_bounded_and_the_note_says_where_the_rest_is() -> None:
    df = pd.DataFrame({"n": range(3002)})
    shown = tables.show(df, max_rows=20, rest_in="corpus/processed/x.csv", note="Sorted by n.")
    assert len(shown.data) == 20 and shown.total == 3002
    assert shown.footnote() == "Showing 20 of 3,002 rows; the full table is in corpus/processed/x.csv. Sorted by n."
    assert "<p><em>Showing 20 of 3,002 rows" in shown._repr_html_()
    assert str(shown).endswith("Sorted by n.")
    assert tables.show(df.head(5)).footnote() == ""


def test_alignment_by_column_kind_and_by_request() -> None:
    df = pd.DataFrame({"ar": ["قال", "86 دولة"], "en": ["us", "iran"], "n": [1, 2], "mixed": ["قال", "said"]})
    html = tables.show(df, align={"en": "center"})._repr_html_()
    header = dict((strip_controls(inner), attrs) for _, attrs, inner in _cells(html)[:4])
    assert 'align="right"' in header["ar"] and 'style="text-align: right"' in header["ar"]
    assert 'align="center"' in header["en"]
    assert 'align="right"' in header["n"]
    assert 'align="left"' in header["mixed"]
    with pytest.raises(ValueError, match="align values"):
        tables.show(df, align={"en": "middle"})  # type: ignore[dict-item]


def test_index_is_shown_when_it_means_something() -> None:
    named = pd.DataFrame({"n": [1, 2]}, index=pd.Index(["الحشد", "قسد"], name="actor"))
    html = tables.show(named)._repr_html_()
    assert "<th" in html.split("<tbody>")[1] and "actor" in html
    filtered = pd.DataFrame({"n": [1, 2, 3]})[lambda d: d["n"] > 1]
    assert str(tables.show(filtered)).splitlines()[0].strip() == "n"


def test_multiindex_columns_and_series() -> None:
    df = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("count", "عنب بلدي"), ("count", "مهر")]))
    text = str(tables.show(df))
    assert "count / عنب بلدي" in text
    assert str(tables.show(pd.Series([1, 2], name="mentions"))).splitlines()[0].strip() == "mentions"


def test_output_is_deterministic_and_has_no_ids() -> None:
    df = pd.DataFrame({"a": ["قال", "x"], "b": [1.0, None]})
    first, second = tables.show(df)._repr_html_(), tables.show(df.copy())._repr_html_()
    assert first == second
    assert " id=" not in first and "uuid" not in first and "0x" not in first


def test_caption_is_isolated() -> None:
    html = tables.show(pd.DataFrame({"a": [1]}), caption="Mentions of الحشد الشعبي, 12 rows")._repr_html_()
    assert f"<caption>Mentions of {FSI}الحشد الشعبي{PDI}{LRM}, 12 rows</caption>" in html


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="DataFrame"):
        tables.show([1, 2])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_rows"):
        tables.show(pd.DataFrame({"a": [1]}), max_rows=0)


def test_evidence_columns_pick_rename_and_refuse_too_many() -> None:
    df = pd.DataFrame({c: [1] for c in "abcdefg"})
    assert list(tables.evidence_columns(df, {"a": "A", "c": "C"}).columns) == ["A", "C"]
    assert list(tables.evidence_columns(df, ["b", "a"]).columns) == ["b", "a"]
    with pytest.raises(ValueError, match="at most 5"):
        tables.evidence_columns(df, list("abcdef"))
    with pytest.raises(KeyError, match="no column"):
        tables.evidence_columns(df, ["z"])


@pytest.mark.parametrize("text", ["86 دولة", "قال.", "«نص»", ""])
def test_isolate_rtl_cell_is_idempotent_and_keeps_text(text: str) -> None:
    once = isolate_rtl_cell(text)
    assert isolate_rtl_cell(once) == once and strip_controls(once) == text


def test_empty_frame() -> None:
    shown = tables.show(pd.DataFrame({"a": []}))
    assert "<tbody>\n</tbody>" in shown._repr_html_()
    assert isolate_phrases("") == ""
