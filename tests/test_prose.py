"""helpers.presentation.prose: Markdown with every Arabic phrase isolated, numbers formatted for reading.

Where the glyphs land in a browser is checked by tests/test_browser.py.
"""

from __future__ import annotations

import pytest

from helpers.presentation import prose
from helpers.presentation.bidi import FSI, LRM, PDI, PHRASE, RLI, RLM, isolate_phrases, strip_controls


def _iso(phrase: str) -> str:
    return f"{FSI}{phrase}{PDI}{LRM}"


# One row per case: the Arabic phrases the rule should find in a text (phrases written for this test).
PHRASE_CASES = [
    ("Wahhabi Daesh (داعش الوهابي, 4 times)", ["داعش الوهابي"]),
    ("alef forms, ى/ي, ة/ه, …", ["ى", "ي", "ة", "ه"]),                      # a slash ends a phrase
    ("the Baathist–Wahhabi pair (البعثي – الوهابي)", ["البعثي – الوهابي"]),  # a dash joins
    ("reported as نحو 2500 جندي in 2024", ["نحو 2500 جندي"]),             # a number between Arabic words
    ("the count ٢٥٠٠ عسكري, twice", ["٢٥٠٠ عسكري"]),                        # Arabic-Indic digits
    ("«لن نغادر» said one; «سنبقى» said another", ["لن نغادر", "سنبقى"]),
    ("no Arabic here, 42 times", []),
    ("a question: هل ستبقى القوات؟ (3 outlets)", ["هل ستبقى القوات؟"]),
]


@pytest.mark.parametrize("text, phrases", PHRASE_CASES)
def test_phrases_found(text: str, phrases: list[str]) -> None:
    assert [m.group(0) for m in PHRASE.finditer(text)] == phrases


@pytest.mark.parametrize("text, phrases", PHRASE_CASES)
def test_isolation_wraps_each_phrase_and_keeps_the_text(text: str, phrases: list[str]) -> None:
    out = isolate_phrases(text)
    assert strip_controls(out) == text
    assert out.count(FSI) == out.count(PDI) == len(phrases)
    for phrase in phrases:
        assert _iso(phrase) in out
    assert isolate_phrases(out) == out  # idempotent


# One row per case: template, values, the Markdown text md() gives.
MD_CASES = [
    ('"Wahhabi Daesh" ({term}, {n} times)', dict(term="داعش الوهابي", n=4),
     f'"Wahhabi Daesh" ({_iso("داعش الوهابي")}, 4 times)'),
    ("{n} of {total} articles", dict(n=20, total=3002), "20 of 3,002 articles"),
    ("a share of {s}", dict(s=0.3333), "a share of 0.33"),
    ("since {year:d}", dict(year=2014), "since 2014"),
    ("missing: {x}", dict(x=None), "missing: —"),
    ("missing: {x}", dict(x=float("nan")), "missing: —"),
    ("value {v}", dict(v="*bold* [link](x) <b>"), r"value \*bold\* \[link\](x) \<b\>"),  # values cannot inject markup
    ("{term} leads with {n}", dict(term="الحشد الشعبي", n=12), f"{LRM}{_iso('الحشد الشعبي')} leads with 12"),
    ("- {a}: {n}\n- {b}: {m}", dict(a="قسد", n=9, b="Iran", m=3), f"- {LRM}{_iso('قسد')}: 9\n- Iran: 3"),
    ("Arabic line:\n\n{line}", dict(line="قال المتحدث إن الانسحاب سيكتمل."),
     f"Arabic line:\n\n{RLM}{RLI}قال المتحدث إن الانسحاب سيكتمل.{PDI}{RLM}"),
]


@pytest.mark.parametrize("template, values, expected", MD_CASES)
def test_md(template: str, values: dict[str, object], expected: str) -> None:
    out = prose.md(template, **values)
    assert out.data == expected
    assert type(out).__name__ == "Markdown"


def test_markdown_table_cells_are_done_one_by_one() -> None:
    table = "| cue | examples |\n|---|---|\n| presence | يوجد, يتمركز |\n| total | عدد (a count) |\n| mixed | a قسد b |\n"
    lines = prose.isolate_markdown(table).splitlines()
    assert lines[:2] == ["| cue | examples |", "|---|---|"]
    assert lines[2] == f"| presence | {RLM}{RLI}يوجد, يتمركز{PDI}{RLM} |"
    assert lines[3] == f"| total | {RLM}{RLI}عدد (a count){PDI}{RLM} |"
    assert lines[4] == f"| mixed | a {_iso('قسد')} b |"


def test_md_without_values_keeps_braces_and_isolates() -> None:
    assert prose.md("a set {x} of قسد").data == f"a set {{x}} of {_iso('قسد')}"


def test_code_links_and_html_are_left_alone() -> None:
    text = "Use `text.find('داعش')` and see [داعش](https://example.org/داعش) or <span title='داعش'>ISIS</span>."
    out = prose.isolate_markdown(text)
    assert "`text.find('داعش')`" in out
    assert "(https://example.org/داعش)" in out
    assert "<span title='داعش'>" in out
    assert f"[{_iso('داعش')}]" in out


def test_fenced_code_block_untouched() -> None:
    text = "Before قسد.\n\n```\nprint('قسد', 3)\n```\n"
    out = prose.isolate_markdown(text)
    assert "```\nprint('قسد', 3)\n```" in out


def test_missing_value_names_the_field() -> None:
    with pytest.raises(KeyError, match=r"\{outlet\}.*given: \['n'\]"):
        prose.md("{outlet}: {n}", n=1)


@pytest.mark.parametrize("value, spec, text", [
    (1234567, "", "1,234,567"), (12.0, "", "12"), (0.125, "", "0.12"), (0.5, ".0%", "50%"), (True, "", "yes"),
])
def test_format_number(value: object, spec: str, text: str) -> None:
    assert prose.format_number(value, spec) == text


def test_plural() -> None:
    assert [prose.plural(n, "article") for n in (0, 1, 2, 3002)] == ["0 articles", "1 article", "2 articles", "3,002 articles"]
    assert prose.plural(1, "country", "countries") == "1 country"


def test_isolate_notebook_markdown_in_place(tmp_path) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("ISIS is called داعش (4 times)."),
                      nbformat.v4.new_code_cell("x = 'داعش'"),
                      nbformat.v4.new_markdown_cell("No Arabic.")]
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook, path)
    assert prose.main([str(path)]) == 0
    cells = nbformat.read(path, as_version=4).cells
    assert cells[0].source == f"ISIS is called {_iso('داعش')} (4 times)."
    assert cells[1].source == "x = 'داعش'" and cells[2].source == "No Arabic."
    assert prose.isolate_notebook_markdown(str(path)) == 0  # idempotent
    assert prose.main([]) == 2
