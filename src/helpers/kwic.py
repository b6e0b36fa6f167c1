"""Keyword in context: each mention shown with the words around it, for reading the evidence.

A mention table (one row per match, with ``article_id``, ``start`` and ``end`` offsets into
``articles.text``) becomes a concordance: the text before the match, the match, the text after.
Any analysis module's mentions work (actors, framing terms, numbers).

Arabic reads right to left: ``left`` is the text *before* the match in reading order (it is
displayed to the right of the match on screen) and ``right`` the text *after* it. The column
names follow the usual KWIC convention of logical order; :func:`kwic_for_display` orders the
columns so that a left-to-right table (GitHub, a DataFrame's HTML) reads right to left.

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

__all__ = ["kwic_table", "kwic_for_display", "evidence_table", "kwic_explorer", "collapse_whitespace"]

_WHITESPACE = re.compile(r"\s+")
ELLIPSIS = "…"
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
    needed = list(dict.fromkeys(["article_id", *columns, "start", "end"]))
    missing = [c for c in needed if c not in mentions.columns]
    if missing:
        raise KeyError(
            f"evidence_table: mentions lack the column(s) {missing}; pass a mention table with "
            "article_id, start, end and the columns to show"
        )
    table = kwic_table(mentions[needed], articles, width=width)
    return kwic_for_display(table, columns=tuple(columns))


def kwic_explorer(
    table: pd.DataFrame,
    *,
    key: str = "actor_id",
    labels: dict[str, str] | None = None,
    default: str | None = None,
    columns: tuple[str, ...] = ("article_id",),
    max_rows: int = 15,
) -> Any:
    """An ipywidgets selector over a :func:`kwic_table`: pick a value of ``key``, see its rows.

    Returns a VBox (Dropdown + output) for JupyterLab. Its plain-text form, which is what a
    notebook shows without a live kernel (on GitHub, or in the committed outputs), is a
    one-line description without widget ids, so re-executing the notebook gives the same
    text. Options are the values of ``key`` in ``table`` (sorted), shown with ``labels`` if given.

    Example:
        >>> import pandas as pd
        >>> t = pd.DataFrame({"article_id": ["a"], "actor_id": ["iran"], "left": [""], "match": ["إيران"], "right": [""]})
        >>> repr(kwic_explorer(t))
        'KWIC explorer: choose one of 1 actor_id values (needs a live kernel)'
    """
    import ipywidgets as widgets

    if key not in table.columns:
        raise KeyError(f"kwic_explorer: the table has no column {key!r}; pass key= one of {list(table.columns)}")
    values = sorted(table[key].astype(str).unique())
    if not values:
        raise ValueError("kwic_explorer: the KWIC table is empty; nothing to explore")
    if default is not None and default not in values:
        raise ValueError(f"kwic_explorer: default {default!r} is not a value of {key!r}")
    labels = labels or {}
    dropdown = widgets.Dropdown(
        options=[(labels.get(v, v), v) for v in values],
        value=default or values[0],
        description=key,
    )
    output = widgets.Output()

    def show(choice: str) -> None:
        # Written into the widget's own state (no display messages), so executing the notebook
        # puts nothing but the explorer's text form into the cell outputs.
        rows = table[table[key].astype(str) == choice]
        more = f", the first {max_rows}" if len(rows) > max_rows else ""
        output.outputs = ()
        output.append_stdout(f"{len(rows)} mention(s) of {choice}{more}\n")
        output.append_display_data(kwic_for_display(rows.head(max_rows), columns))

    dropdown.observe(lambda change: show(change["new"]), names="value")
    show(dropdown.value)

    summary = f"KWIC explorer: choose one of {len(values)} {key} values (needs a live kernel)"

    class KwicExplorer(widgets.VBox):  # a VBox whose text form is stable and readable
        def __repr__(self) -> str:
            return summary

    return KwicExplorer([dropdown, output])
