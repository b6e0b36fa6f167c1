"""Keyword-in-context tables (helpers.kwic): context windows, word cuts, columns kept, bad input."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.kwic import (
    KWIC_ALIGN,
    collapse_whitespace,
    evidence_table,
    kwic_explorer,
    kwic_for_display,
    kwic_table,
    show_evidence,
    show_kwic,
)
from helpers.presentation.bidi import strip_controls

TEXT = "قال مسؤول إن القوات الأمريكية\nباقية في العراق حتى إشعار آخر"


def _one(text: str, needle: str, width: int, **extra: object) -> pd.Series:
    start = text.index(needle)
    articles = pd.DataFrame({"article_id": ["x"], "text": [text]})
    mentions = pd.DataFrame({"article_id": ["x"], "start": [start], "end": [start + len(needle)], **{k: [v] for k, v in extra.items()}})
    return kwic_table(mentions, articles, width=width).iloc[0]


# One row per case: text, match, width, expected left, expected match, expected right.
CONTEXT_CASES = [
    # whole text fits: no ellipsis, the line break collapses to a space
    (TEXT, "القوات الأمريكية", 100, "قال مسؤول إن", "القوات الأمريكية", "باقية في العراق حتى إشعار آخر"),
    # narrow window: partial words at the outer edges are dropped, an ellipsis marks the cut
    (TEXT, "القوات الأمريكية", 8, "… إن", "القوات الأمريكية", "باقية …"),
    # match at the very start and end of the text: empty context, no ellipsis
    ("داعش", "داعش", 40, "", "داعش", ""),
    # width 0: only ellipses would remain, so the context is empty
    (TEXT, "العراق", 0, "", "العراق", ""),
    # a window that ends exactly at a space keeps its last whole word
    ("أ ب ج د ه", "ج", 2, "… ب", "ج", "د …"),
    # a match spanning a line break is shown on one line
    ("قالت الولايات\nالمتحدة أمس", "الولايات\nالمتحدة", 40, "قالت", "الولايات المتحدة", "أمس"),
]


@pytest.mark.parametrize("text, needle, width, left, match, right", CONTEXT_CASES)
def test_context_window(text: str, needle: str, width: int, left: str, match: str, right: str) -> None:
    row = _one(text, needle, width)
    assert (row["left"], row["match"], row["right"]) == (left, match, right)


def test_columns_keep_mention_identity_and_order() -> None:
    articles = pd.DataFrame({"article_id": ["b", "a"], "text": ["البنتاغون يعلن", "إيران وواشنطن"]})
    mentions = pd.DataFrame({
        "article_id": ["a", "b", "a"],
        "actor_id": ["iran", "us_military", "us"],
        "surface": ["إيران", "البنتاغون", "وواشنطن"],
        "start": [0, 0, 6],
        "end": [5, 9, 13],
        "sentence": ["...", "...", "..."],
    }, index=[7, 8, 9])
    table = kwic_table(mentions, articles)
    assert list(table.columns) == ["article_id", "actor_id", "start", "end", "left", "match", "right"]
    assert table["match"].tolist() == ["إيران", "البنتاغون", "وواشنطن"]
    assert table["right"].tolist() == ["وواشنطن", "يعلن", ""]
    assert table.index.tolist() == [0, 1, 2]


def test_numeric_article_ids_match_string_ids() -> None:
    articles = pd.DataFrame({"article_id": ["000"], "text": ["قسد"]})
    mentions = pd.DataFrame({"article_id": ["000"], "start": [0], "end": [3]})
    assert kwic_table(mentions, articles)["article_id"].tolist() == ["000"]


def test_empty_mentions_give_empty_table_with_columns() -> None:
    articles = pd.DataFrame({"article_id": ["a"], "text": ["نص"]})
    mentions = pd.DataFrame({"article_id": [], "actor_id": [], "start": [], "end": []})
    table = kwic_table(mentions, articles)
    assert table.empty
    assert list(table.columns) == ["article_id", "actor_id", "start", "end", "left", "match", "right"]


def test_display_order_reads_right_to_left() -> None:
    row = _one(TEXT, "القوات الأمريكية", 100, actor_id="us_military")
    table = kwic_for_display(pd.DataFrame([row]), columns=("article_id", "actor_id"))
    assert list(table.columns) == ["article_id", "actor_id", "after", "match", "before"]
    assert table.loc[0, "before"] == "قال مسؤول إن"


@pytest.mark.parametrize("raw, expected", [
    ("  a \t b\n\nc ", "a b c"),
    ("القوات\u00a0الأمريكية", "القوات الأمريكية"),
    ("", ""),
])
def test_collapse_whitespace(raw: str, expected: str) -> None:
    assert collapse_whitespace(raw) == expected


# Bad input: each error names the problem and what to do.
BAD_INPUT = [
    (pd.DataFrame({"article_id": ["a"], "start": [0]}), "lack the column", KeyError),
    (pd.DataFrame({"article_id": ["zz"], "start": [0], "end": [1]}), "not in articles", KeyError),
    (pd.DataFrame({"article_id": ["a"], "start": [0], "end": [99]}), "outside article 'a'", ValueError),
    (pd.DataFrame({"article_id": ["a"], "start": [2], "end": [1]}), "outside article 'a'", ValueError),
]


@pytest.mark.parametrize("mentions, message, error", BAD_INPUT)
def test_bad_mentions_raise_clear_errors(mentions: pd.DataFrame, message: str, error: type[Exception]) -> None:
    articles = pd.DataFrame({"article_id": ["a"], "text": ["نص قصير"]})
    with pytest.raises(error, match=message):
        kwic_table(mentions, articles)


def test_articles_without_text_raise() -> None:
    with pytest.raises(KeyError, match="load_corpus"):
        kwic_table(pd.DataFrame({"article_id": ["a"], "start": [0], "end": [1]}), pd.DataFrame({"article_id": ["a"]}))


def test_explorer_has_a_stable_text_form_and_checks_its_input() -> None:
    pytest.importorskip("ipywidgets")
    table = pd.DataFrame({"article_id": ["a", "b", "c"], "actor_id": ["iran", "isis", "isis"],
                          "left": ["", "", ""], "match": ["إيران", "داعش", "داشع"], "right": ["", "", ""]})
    labels = {"isis": "ISIS (داعش)", "iran": "Iran (إيران)"}
    explorer = kwic_explorer(table, default="isis", labels=labels, max_rows=1)
    assert repr(explorer) == "KWIC explorer: 2 actor_id values, showing ISIS (داعش) (choose another with a live kernel)"
    dropdown, output = explorer.children
    # listed by label (sorted by label), valued by id
    options = [(strip_controls(label), value) for label, value in dropdown.options]
    assert dropdown.value == "isis" and options == [("Iran (إيران)", "iran"), ("ISIS (داعش)", "isis")]
    assert strip_controls(dropdown.label) == "ISIS (داعش)" and "\u2068داعش\u2069" in dropdown.label
    # wide enough for the longest label, whatever the description
    assert dropdown.layout.width == f"{max(map(len, labels.values())) + 12}ch"
    assert dropdown.style.description_width == "initial"
    (shown,) = output.outputs
    assert "2 mention(s) of ISIS (داعش)" in strip_controls(shown["data"]["text/html"])
    assert "Showing 1 of 2 rows" in shown["data"]["text/plain"]
    dropdown.value = "iran"  # choosing another actor replaces the table
    assert len(output.outputs) == 1 and "إيران" in output.outputs[0]["data"]["text/plain"]
    with pytest.raises(ValueError, match="not a value"):
        kwic_explorer(table, default="nato")
    with pytest.raises(KeyError, match="no column"):
        kwic_explorer(table, key="term")


def test_explorer_static_form_is_the_default_table() -> None:
    """Without a live kernel (GitHub, nbconvert) the HTML of the default choice is what shows."""
    pytest.importorskip("ipywidgets")
    table = pd.DataFrame({"article_id": ["a", "b"], "actor_id": ["iran", "isis"],
                          "left": ["قال", ""], "match": ["إيران", "داعش"], "right": ["", "هاجم"]})
    bundle = kwic_explorer(table, default="isis")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("KWIC explorer: 2 actor_id values, showing isis")
    html = bundle["text/html"]
    assert "داعش" in html and "هاجم" in html and "إيران" not in html
    assert "uuid" not in html and "id=" not in html
    again = kwic_explorer(table, default="isis")._repr_mimebundle_()["text/html"]
    assert again == html


# ---------------------------------------------------------------------------------------------
# evidence_table: the display-ordered evidence a notebook shows under a count

EVIDENCE_ARTICLES = pd.DataFrame({
    "article_id": ["001", "000"],
    "text": ["وزعم البنتاغون أن الضربات دفاعية", "طالبت الفصائل المسلحة بانسحاب القوات الأمريكية فورا"],
})
EVIDENCE_MENTIONS = pd.DataFrame({
    "article_id": ["000", "001", "000"],
    "term": ["الفصائل المسلحة", "زعم", "انسحاب"],
    "leaning": ["descriptive", "distancing", "demand"],
    "frame": ["armed_groups", "attribution", "withdrawal"],
    "start": [6, 0, 22],
    "end": [21, 4, 30],
    "sentence": ["...", "...", "..."],
}, index=[4, 2, 9])

# One row per case: columns to show, width, expected column names, expected (before, match, after) per row.
EVIDENCE_CASES = [
    # the identifying columns come first, in the order asked for; frame/sentence/offsets are not shown
    (["article_id", "term", "leaning"], 40, ["article_id", "term", "leaning", "after", "match", "before"],
     [("طالبت", "الفصائل المسلحة", "بانسحاب القوات الأمريكية فورا"),
      ("", "وزعم", "البنتاغون أن الضربات دفاعية"),
      ("طالبت الفصائل المسلحة", "بانسحاب", "القوات الأمريكية فورا")]),
    # article_id is looked up even when not shown; a narrow window cuts at word boundaries
    (["leaning"], 10, ["leaning", "after", "match", "before"],
     [("طالبت", "الفصائل المسلحة", "بانسحاب …"),
      ("", "وزعم", "البنتاغون …"),
      ("… المسلحة", "بانسحاب", "القوات …")]),
    # the default shows article_id only
    (("article_id",), 0, ["article_id", "after", "match", "before"],
     [("", "الفصائل المسلحة", ""), ("", "وزعم", ""), ("", "بانسحاب", "")]),
]


@pytest.mark.parametrize("columns, width, expected_columns, rows", EVIDENCE_CASES)
def test_evidence_table(columns, width, expected_columns, rows) -> None:
    table = evidence_table(EVIDENCE_MENTIONS, EVIDENCE_ARTICLES, columns, width=width)
    assert list(table.columns) == expected_columns
    assert list(zip(table["before"], table["match"], table["after"])) == rows
    assert table.index.tolist() == [0, 1, 2]


def test_evidence_table_is_kwic_table_then_display_order() -> None:
    columns = ("article_id", "term")
    composed = kwic_for_display(kwic_table(EVIDENCE_MENTIONS, EVIDENCE_ARTICLES, width=12), columns)
    pd.testing.assert_frame_equal(evidence_table(EVIDENCE_MENTIONS, EVIDENCE_ARTICLES, columns, width=12), composed)


def test_evidence_table_of_a_filtered_selection_keeps_its_order() -> None:
    rows = EVIDENCE_MENTIONS[EVIDENCE_MENTIONS["leaning"] != "distancing"]
    table = evidence_table(rows, EVIDENCE_ARTICLES, ["article_id", "term"])
    assert table["term"].tolist() == ["الفصائل المسلحة", "انسحاب"]
    assert table["article_id"].tolist() == ["000", "000"]


@pytest.mark.parametrize("columns, error, message", [
    (["article_id", "verb_class"], KeyError, "verb_class"),
    (["article_id", "match"], ValueError, "context columns"),
])
def test_evidence_table_bad_columns(columns, error, message) -> None:
    with pytest.raises(error, match=message):
        evidence_table(EVIDENCE_MENTIONS, EVIDENCE_ARTICLES, columns)


# ---------------------------------------------------------------------------------------------
# show_kwic / show_evidence: the bounded, right-to-left-safe display


def test_show_kwic_columns_alignment_and_isolation() -> None:
    table = kwic_table(EVIDENCE_MENTIONS, EVIDENCE_ARTICLES, width=10)
    shown = show_kwic(table, ["article_id", "term"])
    assert list(shown.data.columns) == ["article_id", "term", "after", "match", "before"]
    html = shown._repr_html_()
    header = html.split("<tbody>")[0]
    for column, align in KWIC_ALIGN.items():
        assert f'align="{align}" style="text-align: {align}">{column}</th>' in header
    # every context cell is one isolated right-to-left run (ellipsis included)
    assert '<td dir="rtl" align="left" style="text-align: left">\u200f\u2067… المسلحة\u2069\u200f</td>' in html
    assert '<td dir="rtl" align="right" style="text-align: right">\u200f\u2067البنتاغون …\u2069\u200f</td>' in html


def test_show_kwic_joins_many_identifying_columns_into_one_label() -> None:
    table = kwic_table(EVIDENCE_MENTIONS, EVIDENCE_ARTICLES).assign(missing=[None, "x", None])
    shown = show_kwic(table, ["article_id", "term", "leaning", "missing"])
    assert list(shown.data.columns) == ["article_id · term · leaning · missing", "after", "match", "before"]
    assert shown.data.iloc[0, 0] == "000 · الفصائل المسلحة · descriptive · —"


def test_show_evidence_is_bounded_and_counts_all_rows() -> None:
    many = pd.concat([EVIDENCE_MENTIONS] * 5, ignore_index=True)
    shown = show_evidence(many, EVIDENCE_ARTICLES, ["article_id", "term"], max_rows=4,
                          rest_in="corpus/processed/framing_mentions.csv")
    assert len(shown.data) == 4 and shown.total == 15
    assert shown.footnote() == "Showing 4 of 15 rows; the full table is in corpus/processed/framing_mentions.csv."
    pd.testing.assert_frame_equal(
        shown.data[["after", "match", "before"]],
        evidence_table(many.head(4), EVIDENCE_ARTICLES, ["article_id"])[["after", "match", "before"]])


@pytest.mark.parametrize("call, message", [
    (lambda: show_kwic(pd.DataFrame({"article_id": ["a"]})), "lacks the column"),
    (lambda: show_evidence(EVIDENCE_MENTIONS, EVIDENCE_ARTICLES, ["verb_class"]), "verb_class"),
])
def test_show_bad_input(call, message) -> None:
    with pytest.raises(KeyError, match=message):
        call()
