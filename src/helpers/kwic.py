"""Keyword in context: each mention shown with the words around it, for reading the evidence.

A mention table (one row per match, with ``article_id``, ``start`` and ``end`` offsets into
``articles.text``) becomes a concordance: the text before the match, the match, the text after.
Any analysis module's mentions work (actors, framing terms, numbers).

Arabic reads right to left: ``left`` is the text *before* the match in reading order (it is
displayed to the right of the match on screen) and ``right`` the text *after* it. The column
names follow the usual KWIC convention of logical order; :func:`kwic_for_display` orders the
columns so that a left-to-right table (GitHub, a DataFrame's HTML) reads right to left.

To *show* evidence in a notebook, use :func:`show_evidence` (or :func:`show_kwic` on a
:func:`kwic_table`): columns ``after | match | before`` with each context an isolated
right-to-left run aligned towards the keyword, so the row reads outward from the keyword with
its ellipses at the outer ends, on GitHub (no CSS) and in JupyterLab alike; at most 5 columns
and a bounded number of rows.

Example:
    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["000"], "text": ["قال البنتاغون إن القوات باقية"]})
    >>> mentions = pd.DataFrame({"article_id": ["000"], "actor_id": ["us_military"],
    ...                          "start": [4], "end": [13]})
    >>> kwic_table(mentions, articles)[["left", "match", "right"]].iloc[0].tolist()
    ['قال', 'البنتاغون', 'إن القوات باقية']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers.presentation import tables
from helpers.presentation.bidi import isolate_phrases

__all__ = ["kwic_table", "kwic_for_display", "evidence_table", "show_kwic", "show_evidence", "kwic_explorer",
           "collapse_whitespace", "KWIC_ALIGN", "MAX_ID_COLUMNS"]

_WHITESPACE = re.compile(r"\s+")
ELLIPSIS = "…"
#: Context aligned towards the keyword: the text after it (on its left) flush right, the text
#: before it (on its right) flush left, so the sentence reads on across the three cells.
KWIC_ALIGN: dict[str, tables.Align] = {"after": "right", "match": "center", "before": "left"}
#: Identifying columns shown beside the context; more are joined into one label column, so an
#: evidence table keeps at most 5 columns and its context does not wrap into one-word lines.
MAX_ID_COLUMNS = 2
#: Mention columns not repeated in a KWIC table (the match and its context replace them).
_REPLACED = ("surface", "sentence")


def collapse_whitespace(text: str) -> str:
    """Replace every run of whitespace (line breaks included) by one space and strip the ends.

    Example:
        >>> collapse_whitespace(" القوات\\n\\n الأمريكية  ")
        'القوات الأمريكية'
    """
    return _WHITESPACE.sub(" ", text).strip()


def _left_context(text: str, start: int, width: int) -> str:
    begin = max(0, start - width)
    piece = text[begin:start]
    if begin > 0 and not text[begin - 1].isspace():
        # Drop the partial word the window cut into, if a whole word remains.
        cut = _WHITESPACE.search(piece)
        if cut:
            piece = piece[cut.end():]
    piece = collapse_whitespace(piece)
    return f"{ELLIPSIS} {piece}" if begin > 0 and piece else piece


def _right_context(text: str, end: int, width: int) -> str:
    stop = min(len(text), end + width)
    piece = text[end:stop]
    if stop < len(text) and not text[stop].isspace():
        cuts = list(_WHITESPACE.finditer(piece))
        if cuts:
            piece = piece[:cuts[-1].start()]
    piece = collapse_whitespace(piece)
    return f"{piece} {ELLIPSIS}" if stop < len(text) and piece else piece


def kwic_table(mentions: pd.DataFrame, articles: pd.DataFrame, width: int = 40) -> pd.DataFrame:
    """One row per mention: ``article_id``, the mention's identifying columns, ``left``, ``match``, ``right``.

    ``mentions`` needs ``article_id``, ``start`` and ``end`` (offsets into the article's
    ``text``); every other column it has (``actor_id``, ``term``, ``start``, ``end``...) is kept,
    except ``surface`` and ``sentence``, which ``match`` and the context replace. ``left`` holds
    up to ``width`` characters before the match and ``right`` up to ``width`` after it, cut at a
    word boundary, with an ellipsis where the article goes on; whitespace (line breaks too) is
    collapsed to single spaces. Rows keep the order of ``mentions``.

    Example:
        >>> import pandas as pd
        >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["وصل الجيش الأمريكي\\nإلى بغداد"]})
        >>> mentions = pd.DataFrame({"article_id": ["a"], "start": [4], "end": [18]})
        >>> kwic_table(mentions, articles, width=10).loc[0, ["left", "match", "right"]].tolist()
        ['وصل', 'الجيش الأمريكي', 'إلى بغداد']
    """
    missing = [c for c in ("article_id", "start", "end") if c not in mentions.columns]
    if missing:
        raise KeyError(
            f"kwic_table: mentions lack the column(s) {missing}; pass a mention table with "
            "article_id, start and end (offsets into articles.text)"
        )
    for column in ("article_id", "text"):
        if column not in articles.columns:
            raise KeyError(f"kwic_table: articles lack the column {column!r}; pass corpus.load_corpus().articles")
    if width < 0:
        raise ValueError(f"kwic_table: width must be >= 0, got {width}")
    texts = dict(zip(articles["article_id"].astype(str), articles["text"]))
    unknown = sorted(set(mentions["article_id"].astype(str)) - set(texts))
    if unknown:
        raise KeyError(
            f"kwic_table: mentions refer to article_id(s) {unknown[:5]} that are not in articles; "
            "pass the same articles frame the mentions were found in"
        )
    left, match, right = [], [], []
    for article_id, start, end in zip(mentions["article_id"].astype(str), mentions["start"], mentions["end"]):
        text = texts[article_id]
        start, end = int(start), int(end)
        if not 0 <= start <= end <= len(text):
            raise ValueError(
                f"kwic_table: span ({start}, {end}) is outside article {article_id!r} "
                f"(text length {len(text)}); were the mentions found in another version of the text?"
            )
        left.append(_left_context(text, start, width))
        match.append(collapse_whitespace(text[start:end]))
        right.append(_right_context(text, end, width))
    keep = [c for c in mentions.columns if c != "article_id" and c not in _REPLACED]
    table = mentions[["article_id", *keep]].reset_index(drop=True).copy()
    table["article_id"] = table["article_id"].astype(str)
    table["left"] = left
    table["match"] = match
    table["right"] = right
    return table


def kwic_for_display(table: pd.DataFrame, columns: tuple[str, ...] = ("article_id",)) -> pd.DataFrame:
    """Reorder a :func:`kwic_table` for reading Arabic in a left-to-right table (GitHub, HTML).

    Returns ``columns`` followed by ``after`` (the ``right`` context), ``match`` and ``before``
    (the ``left`` context), so that on screen the text before the match sits to its right, as in
    the running Arabic text.

    Example:
        >>> import pandas as pd
        >>> t = pd.DataFrame({"article_id": ["a"], "left": ["قال"], "match": ["البنتاغون"], "right": ["إن"]})
        >>> list(kwic_for_display(t).columns)
        ['article_id', 'after', 'match', 'before']
    """
    shown = table[[*columns, "right", "match", "left"]]
    return shown.rename(columns={"right": "after", "left": "before"}).reset_index(drop=True)


def _needed_columns(mentions: pd.DataFrame, columns: list[str], caller: str) -> list[str]:
    """The mention columns an evidence table reads (ids, the shown columns, offsets); a KeyError
    naming the caller and the missing columns if the table lacks any."""
    needed = list(dict.fromkeys(["article_id", *columns, "start", "end"]))
    missing = [c for c in needed if c not in mentions.columns]
    if missing:
        raise KeyError(
            f"{caller}: mentions lack the column(s) {missing}; pass a mention table with "
            "article_id, start, end and the columns to show"
        )
    return needed


def evidence_table(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    columns: Sequence[str] = ("article_id",),
    width: int = 40,
) -> pd.DataFrame:
    """The evidence for a set of mentions, ready to show: ``columns``, then after, match, before.

    :func:`kwic_table` followed by :func:`kwic_for_display`, the table a notebook shows under a
    count: one row per mention (in the order of ``mentions``, index reset), the mention's
    ``columns`` (``article_id``, ``term``, ``verb_class``...) on the left, then the context
    ordered to read right to left. ``mentions`` needs ``article_id``, ``start``, ``end`` and
    every name in ``columns``; its other columns are not shown. ``width`` is the context in
    characters on each side (see :func:`kwic_table`).

    Example:
        >>> import pandas as pd
        >>> articles = pd.DataFrame({"article_id": ["000"], "text": ["زعم البنتاغون أن القوات باقية"]})
        >>> mentions = pd.DataFrame({"article_id": ["000"], "term": ["زعم"], "start": [0], "end": [3]})
        >>> evidence_table(mentions, articles, ["article_id", "term"], width=20).iloc[0].tolist()
        ['000', 'زعم', 'البنتاغون أن القوات …', 'زعم', '']
    """
    columns = list(columns)
    clash = [c for c in columns if c in ("left", "match", "right", "after", "before")]
    if clash:
        raise ValueError(f"evidence_table: {clash} name the context columns; rename them in mentions first")
    needed = _needed_columns(mentions, columns, "evidence_table")
    table = kwic_table(mentions[needed], articles, width=width)
    return kwic_for_display(table, columns=tuple(columns))


def _label_columns(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The identifying columns to show: as they are if there are at most MAX_ID_COLUMNS, else one
    column named "a · b · c" whose cells join the values (missing ones as an em dash)."""
    columns = list(columns)
    if len(columns) <= MAX_ID_COLUMNS:
        return table[columns].reset_index(drop=True)
    joined = [" · ".join(tables.format_value(v) for v in row) for row in table[columns].itertuples(index=False)]
    return pd.DataFrame({" · ".join(columns): joined})


def show_kwic(
    table: pd.DataFrame,
    columns: Sequence[str] = ("article_id",),
    *,
    max_rows: int = 12,
    rest_in: str | None = None,
    caption: str | None = None,
    note: str | None = None,
) -> tables.Table:
    """Display a :func:`kwic_table` so that each row reads outward from the keyword, without CSS.

    Columns, left to right: ``columns`` (joined into one label column when there are more than
    :data:`MAX_ID_COLUMNS`), ``after``, ``match``, ``before``. Each context cell is an isolated
    right-to-left run, aligned towards the keyword (:data:`KWIC_ALIGN`), so its ellipsis sits at
    the outer end of the row and the words next to the keyword touch it; at most ``max_rows``
    rows, with a note saying how many there are (and ``rest_in``, where the rest is).

    Example:
        >>> import pandas as pd
        >>> t = pd.DataFrame({"article_id": ["a"], "left": ["… قال"], "match": ["البنتاغون"], "right": ["إن …"]})
        >>> print(show_kwic(t))
        article_id after     match before
                 a  إن … البنتاغون  … قال
    """
    missing = [c for c in (*columns, "left", "match", "right") if c not in table.columns]
    if missing:
        raise KeyError(f"show_kwic: the KWIC table lacks the column(s) {missing}; build it with kwic_table")
    shown = _label_columns(table, columns)
    shown["after"] = table["right"].to_numpy()
    shown["match"] = table["match"].to_numpy()
    shown["before"] = table["left"].to_numpy()
    return tables.show(shown, max_rows=max_rows, rest_in=rest_in, caption=caption, note=note,
                       align=KWIC_ALIGN, index=False)


def show_evidence(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    columns: Sequence[str] = ("article_id",),
    *,
    width: int = 40,
    max_rows: int = 8,
    rest_in: str | None = None,
    caption: str | None = None,
    note: str | None = None,
) -> tables.Table:
    """The evidence for a set of mentions, as a bounded, right-to-left-safe table (at most 5 columns).

    :func:`kwic_table` then :func:`show_kwic`: what a notebook shows under a count. Sort or pick
    ``mentions`` first; the first ``max_rows`` are shown, and a note gives the total.

    Example:
        >>> import pandas as pd
        >>> articles = pd.DataFrame({"article_id": ["000"], "text": ["زعم البنتاغون أن القوات باقية"]})
        >>> mentions = pd.DataFrame({"article_id": ["000"], "term": ["زعم"], "start": [0], "end": [3]})
        >>> show_evidence(mentions, articles, ["article_id", "term"], width=20).data.columns.tolist()
        ['article_id', 'term', 'after', 'match', 'before']
    """
    columns = list(columns)
    needed = _needed_columns(mentions, columns, "show_evidence")
    total = len(mentions)
    table = kwic_table(mentions[needed].head(max_rows), articles, width=width)
    shown = show_kwic(table, columns, max_rows=max_rows, rest_in=rest_in, caption=caption, note=note)
    shown.total = total
    return shown


def kwic_explorer(
    table: pd.DataFrame,
    *,
    key: str = "actor_id",
    labels: dict[str, str] | None = None,
    default: str | None = None,
    columns: tuple[str, ...] = ("article_id",),
    max_rows: int = 15,
) -> Any:
    """An ipywidgets selector over a :func:`kwic_table`: pick a value of ``key`` by its label, see its rows.

    Returns a VBox (Dropdown + output) for JupyterLab. Options are listed by ``labels`` (e.g.
    {"us_military": "US military (القوات الأمريكية)"}), sorted by label; the dropdown is as wide as
    its longest label, so the chosen one is never cut off. Rows are shown with :func:`show_kwic`.

    Without a live kernel (GitHub, nbconvert) a notebook shows the explorer's static form: its
    HTML is the table of the default choice, its text a one-line description without widget
    ids, so re-executing the notebook gives the same outputs.

    Example:
        >>> import pandas as pd
        >>> t = pd.DataFrame({"article_id": ["a"], "actor_id": ["iran"], "left": [""], "match": ["إيران"], "right": [""]})
        >>> repr(kwic_explorer(t, labels={"iran": "Iran"}))
        'KWIC explorer: 1 actor_id value, showing Iran (choose another with a live kernel)'
    """
    import ipywidgets as widgets

    if key not in table.columns:
        raise KeyError(f"kwic_explorer: the table has no column {key!r}; pass key= one of {list(table.columns)}")
    values = sorted(table[key].astype(str).unique())
    if not values:
        raise ValueError("kwic_explorer: the KWIC table is empty; nothing to explore")
    if default is not None and default not in values:
        raise ValueError(f"kwic_explorer: default {default!r} is not a value of {key!r}")
    labels = {v: (labels or {}).get(v, v) for v in values}
    options = sorted(((labels[v], v) for v in values), key=lambda option: (option[0].casefold(), option[1]))
    chosen = default or options[0][1]
    longest = max(len(label) for label, _ in options)
    dropdown = widgets.Dropdown(
        # Each label's Arabic phrases isolated, so "US military (القوات الأمريكية)" reads right.
        options=[(isolate_phrases(label), value) for label, value in options],
        value=chosen,
        description="Actor" if key == "actor_id" else key,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=f"{min(longest, 80) + 12}ch", max_width="100%"),
    )
    output = widgets.Output()

    def rows_of(choice: str) -> tables.Table:
        rows = table[table[key].astype(str) == choice]
        return show_kwic(rows, columns, max_rows=max_rows,
                         caption=f"{len(rows):,} mention(s) of {labels[choice]}")

    def show(choice: str) -> None:
        # Written into the widget's own state (no display messages), so executing the notebook
        # puts nothing but the explorer's static form into the cell outputs.
        shown = rows_of(choice)
        output.outputs = ()
        output.append_display_data(shown)

    dropdown.observe(lambda change: show(change["new"]), names="value")
    show(chosen)

    count = f"{len(values)} {key} value{'s' if len(values) != 1 else ''}"
    summary = f"KWIC explorer: {count}, showing {labels[chosen]} (choose another with a live kernel)"
    static = rows_of(chosen)

    class KwicExplorer(widgets.VBox):  # a VBox whose static forms are stable and readable
        def __repr__(self) -> str:
            return summary

        def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
            bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
            bundle["text/plain"] = summary
            bundle["text/html"] = static._repr_html_()
            return bundle

    return KwicExplorer([dropdown, output])
