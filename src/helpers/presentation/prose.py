"""Markdown prose computed from data, with every Arabic phrase isolated so it reads right on GitHub.

English prose that quotes Arabic is scrambled by the Unicode bidi algorithm unless each Arabic
phrase is isolated: "(داعش الوهابي, 4 times)" otherwise draws the 4 before the phrase. GitHub
strips CSS and ``<bdi>``, but keeps characters, so :func:`md` wraps each Arabic phrase in
FSI ... PDI (and an LRM after it, for renderers that ignore isolates).

:func:`md` is what notebooks use for any sentence built from data::

    prose.md("{outlet} calls ISIS {term} ({n} times in {articles} articles).",
             outlet="Enab Baladi", term="داعش الوهابي", n=4, articles=1200)

Values are formatted for reading: integers with thousands separators ("1,200"; give a format
spec such as ``{year:d}`` for a year), floats with at most two decimals, missing values as an em
dash; strings are escaped so a value cannot start Markdown markup. Code spans, code blocks,
link targets and HTML tags are left alone.

Example:
    >>> text = md("{term} ({n} times)", term="داعش", n=1200).data
    >>> text == "\\u200e\\u2068داعش\\u2069\\u200e (1,200 times)"
    True
"""

from __future__ import annotations

import math
import numbers
import re
import string
from typing import Any

from helpers.presentation.bidi import LRM, PHRASE, first_strong, has_rtl, isolate_phrases, isolate_rtl_cell, strip_controls

__all__ = ["md", "isolate_markdown", "isolate_notebook_markdown", "format_number", "plural", "MISSING"]

MISSING = "\u2014"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
# Segments of Markdown that must not change: fenced code, inline code, HTML tags and comments,
# link targets "](...)" and autolinks "<http...>".
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.DOTALL | re.MULTILINE)
_PROTECTED = re.compile(r"`[^`\n]*`|<!--.*?-->|<[^>\n]+>|\]\([^)\n]*\)")


def format_number(value: Any, spec: str = "") -> str:
    """A number for prose: ints with thousands separators, floats with at most 2 decimals.

    A non-empty ``spec`` is a Python format spec used as is.

    Example:
        >>> format_number(3002), format_number(0.35), format_number(12.0), format_number(2014, "d")
        ('3,002', '0.35', '12', '2014')
    """
    if value is None or (isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral)
                         and math.isnan(float(value))):
        return MISSING
    if spec:
        return format(value, spec)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return str(value)


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """"1 article", "1,200 articles": a count with its noun (``plural_form`` for irregular nouns).

    Example:
        >>> plural(1, "article"), plural(1200, "article"), plural(2, "country", "countries")
        ('1 article', '1,200 articles', '2 countries')
    """
    word = noun if n == 1 else (plural_form or f"{noun}s")
    return f"{format_number(n)} {word}"


class _ProseFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if value is None or isinstance(value, numbers.Number):
            return format_number(value, format_spec)
        text = format(value, format_spec) if format_spec else str(value)
        return _MARKDOWN_SPECIAL.sub(r"\\\1", strip_controls(text))


def isolate_markdown(text: str) -> str:
    """Isolate the Arabic phrases of Markdown text, leaving code, HTML tags and link targets alone.

    Line by line (after any list, heading or quote marker): a line that is nothing but Arabic
    phrases and punctuation is isolated whole, right to left; any other line is English and gets
    FSI ... PDI LRM around each Arabic phrase (and an LRM first if it opens with one). Applying it twice
    gives the same text.

    Example:
        >>> out = isolate_markdown("See `داعش` and [داعش](https://x.org/داعش).")
        >>> out.count("\\u2068"), "`داعش`" in out, "(https://x.org/داعش)" in out
        (1, True, True)
    """
    text = strip_controls(text)
    out, last = [], 0
    for fence in _FENCE.finditer(text):
        out.append(_isolate_lines(text[last:fence.start()]))
        out.append(fence.group(0))
        last = fence.end()
    out.append(_isolate_lines(text[last:]))
    return "".join(out)


def _isolate_lines(text: str) -> str:
    return "".join(_isolate_line(line) for line in text.splitlines(keepends=True))


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_CELL_BAR = re.compile(r"(?<!\\)\|")
_LINE_MARKER = re.compile(r"^\s*(?:[>#]+\s*|[-*+]\s+|\d+[.)]\s+)?")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z\u00c0-\u024f0-9]")


def _isolate_line(line: str) -> str:
    """One Markdown line: English with Arabic phrases isolated, or an Arabic line isolated whole.

    A table row ("| a | b |") is done cell by cell, each cell like a line of its own."""
    if _TABLE_ROW.match(line):
        cells = _CELL_BAR.split(line)
        return "|".join(cell if i in (0, len(cells) - 1) else _isolate_cell(cell) for i, cell in enumerate(cells))
    marker = _LINE_MARKER.match(line)
    head = marker.group(0) if marker else ""
    return head + _isolate_text(line[len(head):])


def _isolate_cell(cell: str) -> str:
    """A Markdown table cell: one that starts with an Arabic letter is right to left as a whole
    (as in tables.show); any other is text with its Arabic phrases isolated."""
    content = cell.strip()
    if content and "`" not in content and first_strong(content) == "rtl":
        start = cell.index(content)
        return cell[:start] + isolate_rtl_cell(content) + cell[start + len(content):]
    return _isolate_text(cell)


def _isolate_text(body: str) -> str:
    pieces, last = [], 0
    for match in _PROTECTED.finditer(body):
        pieces.append(("text", body[last:match.start()]))
        pieces.append(("keep", match.group(0)))
        last = match.end()
    pieces.append(("text", body[last:]))
    visible = "".join(p for kind, p in pieces if kind == "text")
    if not has_rtl(visible):
        return body
    if _LATIN_OR_DIGIT.search(PHRASE.sub("", visible)) is None:
        # An Arabic line (nothing but Arabic phrases and punctuation): one right-to-left run.
        content = body.strip()
        start = body.index(content)
        return body[:start] + isolate_rtl_cell(content) + body[start + len(content):]
    out = "".join(isolate_phrases(p) if kind == "text" else p for kind, p in pieces)
    if first_strong(visible) == "rtl":
        # English that opens with an Arabic phrase: an LRM first, so a renderer that picks the
        # paragraph direction from its first letter (GitHub's dir="auto") still lays it out LTR.
        out = LRM + out
    return out


def md(template: str, /, **values: Any) -> Any:
    """Markdown for a notebook output: ``template.format(**values)`` with numbers formatted for
    reading, values escaped, and every Arabic phrase isolated (see :func:`isolate_markdown`).

    With no values the template is used as is (braces need no doubling). Returns an
    ``IPython.display.Markdown`` object (its ``.data`` is the text).

    Example:
        >>> out = md("{n} mentions of {actor} in {k} articles", n=12500, actor="الحشد الشعبي", k=3)
        >>> strip_controls(out.data)
        '12,500 mentions of الحشد الشعبي in 3 articles'
        >>> md("{missing} of {n}", n=1)
        Traceback (most recent call last):
        ...
        KeyError: "prose.md: the template names {missing} but no value was given for it; given: ['n']"
    """
    from IPython.display import Markdown

    if values:
        try:
            text = _ProseFormatter().format(template, **values)
        except KeyError as error:
            raise KeyError(
                f"prose.md: the template names {{{error.args[0]}}} but no value was given for it; "
                f"given: {sorted(values)}"
            ) from None
    else:
        text = template
    return Markdown(isolate_markdown(text))


def isolate_notebook_markdown(path: str) -> int:
    """Isolate the Arabic phrases of every Markdown cell of a notebook, in place; return how many
    cells changed. Outputs and code are not touched; running it twice changes nothing more.

    For hand-written narrative cells (computed prose goes through :func:`md`). From a shell:
    ``python -m helpers.presentation.prose notebooks/*.ipynb``.
    """
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    changed = 0
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            isolated = isolate_markdown(cell.source)
            if isolated != cell.source:
                cell.source = isolated
                changed += 1
    if changed:
        nbformat.write(notebook, path)
    return changed


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.presentation.prose NOTEBOOK...``: isolate Arabic in Markdown cells."""
    import sys

    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print("usage: python -m helpers.presentation.prose NOTEBOOK.ipynb ...", file=sys.stderr)
        return 2
    for path in paths:
        print(f"{path}: {isolate_notebook_markdown(path)} Markdown cell(s) isolated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
