"""Arabic in HTML, checked in a real browser: headless Chromium measures where each glyph is drawn.

Two levels:

- the helpers (``helpers.presentation.tables``, ``prose``, ``helpers.kwic``) on synthetic tables
  and prose written here, rendered through nbconvert without CSS (as GitHub shows outputs) and
  with JupyterLab's CSS (the ``lab`` template); the same content rendered the naive way
  (``DataFrame.to_html``, raw Markdown) must show violations, so the check can fail;
- every committed notebook, converted with ``--template basic`` (no CSS).

What is measured, from DOM ranges (``Range.getClientRects`` per character):

- in every table cell whose first strong letter is Arabic, the logically first visible character
  is drawn to the right of the logically last one, or on an earlier line;
- in left-to-right prose, a number that follows an Arabic phrase (only spaces or punctuation
  between them, and no Arabic after it) is drawn after the phrase: to its right, or on a later line.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them). In CI (``CI=true``)
a missing browser fails the test; elsewhere it is skipped with the command that installs it.
Set ``HELPERS_SCREENSHOTS=<folder>`` to save screenshots of the synthetic pages there.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest

from helpers import kwic
from helpers.presentation import prose, tables

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# Every notebook table and sentence goes through the helpers (set to False only to measure a
# notebook that does not: the notebook-level checks then become a strict expected failure).
NOTEBOOKS_USE_THE_HELPERS = True
# A notebook read on GitHub (no CSS, 1280 px wide) stays under about 8,000 px.
NOTEBOOK_PAGES_FIT = True
MAX_PAGE_HEIGHT = 8000
WIDTH = 1280
INSTALL_HINT = ("install Chromium and its driver: sudo apt-get install chromium chromium-driver "
                "(Debian/Ubuntu; `.ci/run` does this in CI)")

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", f"--window-size={WIDTH},1000", "--lang=en-US",
                  "--hide-scrollbars", "--force-device-scale-factor=1"]

# ---------------------------------------------------------------------------------------------
# The measurement, run inside the page. Returns counts and a few examples per check.
MEASURE_JS = r"""
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;
const DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/;
const INVISIBLE = /[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/;
function isRtl(ch) { return LETTER.test(ch) && RTL_LETTER.test(ch); }
function isLtr(ch) { return LETTER.test(ch) && !RTL_LETTER.test(ch); }
function chars(el) {
  const out = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const t = node.nodeValue;
    for (let i = 0; i < t.length; i++) out.push({node: node, offset: i, ch: t[i]});
  }
  return out;
}
function rect(c) {
  const r = document.createRange();
  r.setStart(c.node, c.offset); r.setEnd(c.node, c.offset + 1);
  const rs = r.getClientRects();
  if (!rs.length) return null;
  const b = rs[0];
  return {x: (b.left + b.right) / 2, left: b.left, right: b.right, top: b.top, bottom: b.bottom};
}
function sameLine(a, b) {
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return overlap > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top);
}
function firstStrong(cs) {
  for (const c of cs) { if (isRtl(c.ch)) return 'rtl'; if (isLtr(c.ch)) return 'ltr'; }
  return null;
}
function snippet(el) { return el.textContent.replace(/[\u200e\u200f\u2066-\u2069]/g, '').trim().slice(0, 80); }

const result = {cells: 0, cell_violations: 0, cell_examples: [],
                numbers: 0, number_violations: 0, number_examples: [],
                height: document.documentElement.scrollHeight};
for (const el of document.querySelectorAll('td, th')) {
  const cs = chars(el).filter(c => !INVISIBLE.test(c.ch));
  if (cs.length < 2 || firstStrong(cs) !== 'rtl') continue;
  const a = rect(cs[0]), b = rect(cs[cs.length - 1]);
  if (!a || !b) continue;
  result.cells += 1;
  const ok = sameLine(a, b) ? a.x > b.x : a.top < b.top;
  if (!ok) {
    result.cell_violations += 1;
    if (result.cell_examples.length < 5) result.cell_examples.push(snippet(el));
  }
}
for (const el of document.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6')) {
  if (el.closest('table') || getComputedStyle(el).direction !== 'ltr') continue;
  const cs = chars(el);
  const text = cs.map(c => c.ch).join('');
  const re = /[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*/g;
  let m;
  while ((m = re.exec(text))) {
    const s = m.index, e = s + m[0].length;
    let i = s - 1;
    while (i >= 0 && !LETTER.test(text[i]) && !DIGIT.test(text[i])) i--;
    if (i < 0 || !isRtl(text[i])) continue;            // not after an Arabic phrase
    let j = e;
    while (j < text.length && !LETTER.test(text[j])) j++;
    if (j < text.length && isRtl(text[j])) continue;   // inside an Arabic phrase
    let k = i;
    while (k >= 0 && !isLtr(text[k])) k--;             // the phrase: back to the previous Latin letter
    const phrase = [];
    for (let p = k + 1; p <= i; p++) if (isRtl(text[p])) { const r = rect(cs[p]); if (r) phrase.push(r); }
    const num = rect(cs[s]);
    if (!num || !phrase.length) continue;
    result.numbers += 1;
    const line = phrase.filter(r => sameLine(r, num));
    let ok;
    if (line.length) ok = num.left >= Math.max(...line.map(r => r.right)) - 1;
    else ok = num.top > Math.max(...phrase.map(r => r.top));
    if (!ok) {
      result.number_violations += 1;
      if (result.number_examples.length < 5) result.number_examples.push(text.slice(Math.max(0, k + 1), e + 12).replace(/[\u200e\u200f\u2066-\u2069]/g, '').trim());
    }
  }
}
for (const el of document.querySelectorAll('td, th')) {
  if (/^(NaN|<NA>|None|NaT|nan)$/.test(el.textContent.trim())) result.raw_missing = (result.raw_missing || 0) + 1;
}
for (const el of document.querySelectorAll('pre')) {
  if (/^'[^'\n]*\.(png|csv|parquet|svg|pdf)'$/.test(el.textContent.trim())) result.path_reprs = (result.path_reprs || 0) + 1;
}
result.raw_missing = result.raw_missing || 0;
result.path_reprs = result.path_reprs || 0;
return result;
"""

# Per-cell glyph positions for the KWIC checks of the synthetic page.
CELL_GLYPHS_JS = r"""
const out = [];
for (const table of document.querySelectorAll('table')) {
  const rows = [];
  for (const tr of table.querySelectorAll('tr')) {
    const row = [];
    for (const cell of tr.querySelectorAll('td, th')) {
      const box = cell.getBoundingClientRect();
      const glyphs = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode())) {
        for (let i = 0; i < node.nodeValue.length; i++) {
          const ch = node.nodeValue[i];
          if (/[\s\u200b-\u200f\u2066-\u2069]/.test(ch)) continue;
          const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
          const rs = r.getClientRects();
          if (rs.length) glyphs.push([ch, rs[0].left, rs[0].right, rs[0].top]);
        }
      }
      row.push({left: box.left, right: box.right, glyphs: glyphs});
    }
    rows.push(row);
  }
  out.push(rows);
}
return out;
"""


# ---------------------------------------------------------------------------------------------
# Browser


def _find_browser() -> tuple[str, str] | None:
    browser = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    driver = shutil.which("chromedriver") or next(
        (p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if Path(p).exists()), None)
    return (browser, driver) if browser and driver else None


def _require_browser() -> tuple[str, str]:
    """(chromium, chromedriver) paths; fails in CI (CI=true) and skips elsewhere when they are missing."""
    found = _find_browser()
    try:
        import selenium  # noqa: F401
    except ImportError:  # pragma: no cover - selenium is pinned in the lock
        found = None
    if found is None:
        message = f"headless Chromium (chromium + chromedriver, and selenium) not found: {INSTALL_HINT}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = _require_browser()
    profile = tempfile.mkdtemp(prefix="helpers-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _convert(notebook: nbformat.NotebookNode, template: str) -> str:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name=template).from_notebook_node(notebook)
    if "<html" in body[:500].lower():
        return body
    return f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>page</title></head>\n<body>\n{body}\n</body></html>'


def _load(driver: Any, page: str, folder: Path, name: str) -> None:
    path = folder / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    driver.set_window_size(WIDTH, 1000)
    driver.get(path.as_uri())


def _measure(driver: Any) -> dict[str, Any]:
    return dict(driver.execute_script(MEASURE_JS))


# ---------------------------------------------------------------------------------------------
# Synthetic content (phrases written for this test, in several styles)

CELLS = [
    "86 دولة",                                  # a cell that starts with a number
    "4 فبراير/شباط 2024",
    "نحو 2,500 جندي أمريكي في العراق",           # a number inside the phrase
    "٢٥٠٠ عسكري",                               # Arabic-Indic digits
    "قال المتحدث إن الانسحاب سيكتمل.",           # trailing full stop
    'وصف البيان الهجوم بأنه "إرهابي"',           # trailing closing quote
    "«لن نغادر قبل انتهاء المهمة»",
    "هل ستبقى القوات؟",
    "(الحشد الشعبي)",
    "كتائب حزب الله – العراق",
    "قوة المهام المشتركة (CJTF-OIR)",          # Latin inside an Arabic cell
]
KWIC_TEXT = ("أكد مصدر حكومي عراقي مساء الأحد أن مفاوضات انسحاب القوات الأمريكية من قاعدة عين الأسد "
             "ستستأنف الأسبوع المقبل، وسط تحذيرات الفصائل من التصعيد في حال تأخر الجدول الزمني.")
KWIC_NEEDLES = ["القوات الأمريكية", "الفصائل", "مصدر حكومي"]
PROSE = [
    'Enab Baladi calls ISIS "Wahhabi Daesh" ({term}, {n} times) and uses {other} {k} times.',
    "Spellings vary: alef forms, ى/ي, ة/ه, … are folded before matching.",
    "The top actors are {a} ({na} mentions), {b} ({nb}) and {c} ({nc}).",
    "Counts reported as {phrase}: {value} troops.",
]
PROSE_VALUES = dict(term="داعش الوهابي", n=4, other="الاحتلال الأمريكي", k=12, a="الحشد الشعبي", na=1250,
                    b="كتائب حزب الله", nb=37, c="قسد", nc=9, phrase="نحو 2500 جندي", value=2500)


def _kwic_frame() -> pd.DataFrame:
    articles = pd.DataFrame({"article_id": ["a1"], "text": [KWIC_TEXT]})
    starts = [KWIC_TEXT.index(n) for n in KWIC_NEEDLES]
    mentions = pd.DataFrame({"article_id": ["a1"] * 3, "start": starts, "end": [s + len(n) for s, n in zip(starts, KWIC_NEEDLES)]})
    return kwic.kwic_table(mentions, articles, width=25)


def _outputs_notebook(outputs: list[dict[str, Any]]) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    for data in outputs:
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [nbformat.v4.new_output("display_data", data=data)]
        notebook.cells.append(cell)
    return notebook


def _helper_outputs() -> list[dict[str, Any]]:
    frame = pd.DataFrame({"phrase": CELLS, "n": range(1, len(CELLS) + 1),
                          "share": [0.5, None, 0.25, float("nan"), 1.0, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7]})
    table = tables.show(frame, max_rows=len(CELLS))
    evidence = kwic.show_kwic(_kwic_frame(), columns=("article_id",))
    paragraphs = [prose.md(p, **PROSE_VALUES) for p in PROSE]
    concordance = _kwic_frame().assign(actor_id=["us_military", "armed_factions", "iraqi_government"])
    explorer = kwic.kwic_explorer(concordance, default="us_military",
                                  labels={"us_military": "US military (القوات الأمريكية)"})._repr_mimebundle_()
    return ([{"text/html": table._repr_html_(), "text/plain": str(table)},
             {"text/html": evidence._repr_html_(), "text/plain": str(evidence)},
             explorer]
            + [{"text/markdown": p.data, "text/plain": "<Markdown>"} for p in paragraphs])


def _naive_outputs() -> list[dict[str, Any]]:
    frame = pd.DataFrame({"phrase": CELLS, "n": range(1, len(CELLS) + 1), "share": [None, *range(len(CELLS) - 1)]})
    table = kwic.kwic_for_display(_kwic_frame())
    paragraphs = [p.format(**{k: (f"{v:,}" if isinstance(v, int) else v) for k, v in PROSE_VALUES.items()}) for p in PROSE]
    return ([{"text/html": frame.to_html(), "text/plain": ""}, {"text/html": table.to_html(), "text/plain": ""}]
            + [{"text/markdown": p, "text/plain": ""} for p in paragraphs])


@pytest.fixture(scope="module")
def pages() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="helpers-browser-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# The helpers, on synthetic content


# GitHub's Markdown renderer gives blocks dir="auto" (direction from the first strong letter).
DIR_AUTO_JS = "for (const el of document.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, td, th')) el.dir = 'auto';"


@pytest.mark.parametrize("template, dir_auto", [("basic", False), ("lab", False), ("basic", True)])
def test_helper_tables_and_prose_read_right(browser: Any, pages: Path, template: str, dir_auto: bool) -> None:
    _load(browser, _convert(_outputs_notebook(_helper_outputs()), template), pages, f"helpers-{template}")
    if dir_auto:
        browser.execute_script(DIR_AUTO_JS)
    result = _measure(browser)
    _screenshot(browser, f"helpers-{template}{'-dir-auto' if dir_auto else ''}")
    assert result["cells"] >= len(CELLS) + 3 * 3 + 2, result  # every Arabic cell was found and measured
    assert result["numbers"] >= 6, result
    assert (result["cell_violations"], result["number_violations"], result["raw_missing"]) == (0, 0, 0), result


def test_marks_alone_still_read_right(browser: Any, pages: Path) -> None:
    """Where a renderer drops or ignores the isolates, the RLM/LRM marks the helpers add keep the order."""
    stripped = [{k: (v.translate({0x2066: None, 0x2067: None, 0x2068: None, 0x2069: None}) if isinstance(v, str) else v)
                 for k, v in data.items()} for data in _helper_outputs()]
    _load(browser, _convert(_outputs_notebook(stripped), "basic"), pages, "marks-only")
    result = _measure(browser)
    assert result["cells"] >= len(CELLS) and result["numbers"] >= 6, result
    assert (result["cell_violations"], result["number_violations"]) == (0, 0), result


def test_naive_rendering_is_caught(browser: Any, pages: Path) -> None:
    """The same content without the helpers shows the known defects: the check can fail."""
    _load(browser, _convert(_outputs_notebook(_naive_outputs()), "basic"), pages, "naive-basic")
    result = _measure(browser)
    _screenshot(browser, "naive-basic")
    assert result["cell_violations"] >= 5, result
    assert result["number_violations"] >= 3, result
    assert result["raw_missing"] >= 1, result


@pytest.mark.parametrize("template", ["basic", "lab"])
def test_kwic_context_reads_outward_from_the_keyword(browser: Any, pages: Path, template: str) -> None:
    """after | keyword | before: ellipses at the outer ends, context flush against the keyword."""
    shown = kwic.show_kwic(_kwic_frame(), columns=("article_id",))
    _load(browser, _convert(_outputs_notebook([{"text/html": shown._repr_html_(), "text/plain": ""}]), template),
          pages, f"kwic-{template}")
    (rows,) = browser.execute_script(CELL_GLYPHS_JS)
    header, *body = rows
    assert len(header) == 4 and len(body) == len(KWIC_NEEDLES)
    for row in body:
        _, after, match, before = row
        assert after["right"] <= match["left"] + 1 and match["right"] <= before["left"] + 1
        for cell, toward in ((after, "right"), (before, "left")):
            letters = [g for g in cell["glyphs"] if g[0] != "…"]
            dots = [g for g in cell["glyphs"] if g[0] == "…"]
            assert letters
            gap = cell["right"] - max(g[2] for g in letters) if toward == "right" else min(g[1] for g in letters) - cell["left"]
            assert gap < 12, f"{toward}-hand context is not flush against the keyword (gap {gap:.0f}px)"
            for dot in dots:  # the ellipsis sits at the outer end, away from the keyword
                if toward == "right":
                    assert dot[2] <= min(g[1] for g in letters) + 1, "after-context ellipsis next to the keyword"
                else:
                    assert dot[1] >= max(g[2] for g in letters) - 1, "before-context ellipsis next to the keyword"
    assert any(g[0] == "…" for row in body for cell in (row[1], row[3]) for g in cell["glyphs"])


def test_phrases_stay_in_english_reading_order(browser: Any, pages: Path) -> None:
    """In "ى/ي, ة/ه", each isolated phrase is drawn left of the next one (English order)."""
    paragraph = prose.md("Folded: ى/ي, ة/ه and أ/ا.")
    _load(browser, _convert(_outputs_notebook([{"text/markdown": paragraph.data, "text/plain": ""}]), "basic"),
          pages, "order")
    xs = browser.execute_script(r"""
      const p = document.querySelector('p'); const out = [];
      const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); let n;
      while ((n = w.nextNode())) for (let i = 0; i < n.nodeValue.length; i++) {
        if (!/\p{Script=Arabic}/u.test(n.nodeValue[i])) continue;
        const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
        out.push(r.getClientRects()[0].left);
      }
      return out;""")
    assert len(xs) == 6 and xs == sorted(xs), xs


def _screenshot(driver: Any, name: str) -> None:
    """Save the whole page as <HELPERS_SCREENSHOTS>/<name>.png (only when that variable is set)."""
    import base64

    folder = os.environ.get("HELPERS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        height = min(int(driver.execute_script("return document.documentElement.scrollHeight")), 6000)
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}})
        (Path(folder) / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


# ---------------------------------------------------------------------------------------------
# The committed notebooks


@pytest.fixture(scope="module")
def notebook_results(browser: Any, pages: Path) -> dict[str, dict[str, Any]]:
    """Each committed notebook, converted without CSS and measured once for the tests below."""
    return _notebook_results(browser, pages)


def _notebook_results(driver: Any, folder: Path) -> dict[str, dict[str, Any]]:
    results = {}
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        _load(driver, _convert(notebook, "basic"), folder, path.stem)
        results[path.stem] = _measure(driver)
    return results


def _summary(results: dict[str, dict[str, Any]]) -> str:
    lines = []
    for name, r in results.items():
        lines.append(f"{name}: {r['cell_violations']} of {r['cells']} Arabic cells out of order, "
                     f"{r['number_violations']} of {r['numbers']} prose numbers on the wrong side, "
                     f"{r['raw_missing']} raw NaN/<NA>/None cells, {r['path_reprs']} path reprs, "
                     f"page {r['height']:,} px tall at {WIDTH} px")
        lines.extend(f"    cell: {e}" for e in r["cell_examples"][:2])
        lines.extend(f"    prose: {e}" for e in r["number_examples"][:2])
    return "\n".join(lines)


def _through_the_helpers(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook's own content as it reads once routed through the helpers: every HTML table of
    its outputs re-rendered by tables.show (KWIC tables with the KWIC alignment), every Markdown
    cell and Markdown output through prose.isolate_markdown. Rows are not cut, so every cell counts."""
    from io import StringIO

    routed = nbformat.from_dict(json.loads(json.dumps(notebook)))
    for cell in routed.cells:
        if cell.cell_type == "markdown":
            cell.source = prose.isolate_markdown(cell.source)
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"] = prose.isolate_markdown(data["text/markdown"])
            if "<table" in data.get("text/html", ""):
                frames = pd.read_html(StringIO(data["text/html"]), keep_default_na=False)
                shown = []
                for frame in frames:
                    frame.columns = [" / ".join(str(p) for p in c if not str(p).startswith("Unnamed"))
                                     if isinstance(c, tuple) else str(c) for c in frame.columns]
                    kwic_columns = {"after", "match", "before"} <= set(frame.columns)
                    shown.append(tables.show(frame, max_rows=max(len(frame), 1),
                                             align=kwic.KWIC_ALIGN if kwic_columns else None)._repr_html_())
                data["text/html"] = "\n".join(shown)
    return routed


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks")
def test_notebook_content_reads_right_through_the_helpers(browser: Any, pages: Path) -> None:
    """Every Arabic cell and sentence of the committed notebooks, routed through the helpers, reads right."""
    results = {}
    for path in NOTEBOOKS:
        routed = _through_the_helpers(nbformat.read(path, as_version=4))
        _load(browser, _convert(routed, "basic"), pages, f"{path.stem}-routed")
        results[path.stem] = _measure(browser)
    report = _summary(results)
    print(report)
    assert sum(r["cells"] for r in results.values()) > 0
    bad = {name: r for name, r in results.items() if r["cell_violations"] or r["number_violations"]}
    assert not bad, "Arabic drawn out of order after routing through the helpers:\n" + report


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks")
@pytest.mark.xfail(not NOTEBOOKS_USE_THE_HELPERS, strict=True,
                   reason="baseline: notebook tables and prose do not go through helpers.presentation yet")
def test_notebooks_read_right_without_css(notebook_results: dict[str, dict[str, Any]], pages: Path) -> None:
    results = notebook_results
    report = _summary(results)
    (pages / "summary.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(report)
    bad = {name: r for name, r in results.items()
           if r["cell_violations"] or r["number_violations"] or r["raw_missing"] or r["path_reprs"]}
    assert not bad, "Arabic drawn out of order, or noise on the page (nbconvert --template basic, headless Chromium):\n" + report


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks")
@pytest.mark.xfail(not NOTEBOOK_PAGES_FIT, strict=True,
                   reason="baseline: notebook 02 is taller than 8,000 px without CSS")
def test_notebook_pages_fit_a_reader(notebook_results: dict[str, dict[str, Any]]) -> None:
    heights = {name: int(r["height"]) for name, r in notebook_results.items()}
    too_tall = {name: h for name, h in heights.items() if h > MAX_PAGE_HEIGHT}
    assert not too_tall, (f"taller than {MAX_PAGE_HEIGHT:,} px at {WIDTH} px without CSS: "
                          + ", ".join(f"{name} {h:,} px" for name, h in sorted(too_tall.items())))


@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type) -> None:
    """Without chromium: CI=true fails (saying how to install it), a user's machine skips."""
    monkeypatch.setattr(sys.modules[__name__], "_find_browser", lambda: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="apt-get install chromium chromium-driver"):
        _require_browser()
