"""Rates and groupings shared by the analyses (no ingestion, no Arabic matching).

:func:`per_1000_words` is the share-of-coverage rate every analysis uses to compare articles and
outlets of different lengths (Media Cloud's idea); :func:`outlet_labels` gives each article the
outlet it is grouped under (all articles of unknown outlet form ONE group); :func:`require_columns`
is the one check that a frame of articles has the columns a function needs;
:func:`collector_paused` pauses the garbage collector around an analysis' per-article loop.

Example:
    >>> import pandas as pd
    >>> per_1000_words(pd.Series([3]), pd.Series([1500]), decimals=1).tolist()
    [2.0]
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pandas as pd

__all__ = ["UNKNOWN_OUTLET", "UNKNOWN_OUTLET_AR", "collector_paused", "outlet_labels", "per_1000_words",
           "require_columns"]

#: The group of every article whose outlet is unknown (one group, however many articles).
UNKNOWN_OUTLET = "unknown"
UNKNOWN_OUTLET_AR = "غير معروف"


def per_1000_words(count: pd.Series, n_words: pd.Series, decimals: int = 2) -> pd.Series:
    """Mentions per 1,000 words of text, rounded: the share-of-coverage rate every analysis uses
    to compare articles and outlets of different lengths (``n_words`` from
    :func:`helpers.arabic.tokens.count_words`).

    Example:
        >>> per_1000_words(pd.Series([3, 1]), pd.Series([1500, 250]), decimals=1).tolist()
        [2.0, 4.0]
    """
    return (1000 * count / n_words).round(decimals)


def require_columns(articles: pd.DataFrame, columns: Iterable[str], caller: str) -> None:
    """Raise a KeyError naming ``caller`` and the missing columns if ``articles`` lacks any.

    Example:
        >>> require_columns(pd.DataFrame({"article_id": []}), ("article_id", "text"), "framing_mentions")
        Traceback (most recent call last):
        ...
        KeyError: "framing_mentions: articles lack the column(s) ['text']; pass corpus.load_corpus().articles"
    """
    missing = [c for c in columns if c not in articles.columns]
    if missing:
        raise KeyError(f"{caller}: articles lack the column(s) {missing}; pass corpus.load_corpus().articles")


def outlet_labels(articles: pd.DataFrame) -> pd.DataFrame:
    """article_id, outlet, outlet_ar: the outlet each article is grouped under.

    Articles whose outlet is ``unknown``, empty or missing all form ONE group, ``unknown`` /
    ``غير معروف`` (an outlet table has one row for them, whatever the corpus size).

    Example:
        >>> arts = pd.DataFrame({"article_id": ["000", "001", "003"], "outlet": ["unknown", None, "Mehr News Agency"],
        ...                      "outlet_ar": ["غير معروف", None, "وكالة مهر للأنباء"]})
        >>> outlet_labels(arts)["outlet"].tolist()
        ['unknown', 'unknown', 'Mehr News Agency']
    """
    require_columns(articles, ("article_id",), "outlet_labels")
    ids = articles["article_id"].astype(str)
    if "outlet" in articles.columns:
        outlet = articles["outlet"].fillna(UNKNOWN_OUTLET).astype(str).str.strip()
    else:
        outlet = pd.Series(UNKNOWN_OUTLET, index=articles.index)
    if "outlet_ar" in articles.columns:
        outlet_ar = articles["outlet_ar"].fillna("").astype(str)
    else:
        outlet_ar = pd.Series("", index=articles.index)
    unknown = outlet.isin(["", UNKNOWN_OUTLET])
    table = pd.DataFrame({"article_id": ids,
                          "outlet": outlet.where(~unknown, UNKNOWN_OUTLET),
                          "outlet_ar": outlet_ar.where(~unknown, UNKNOWN_OUTLET_AR)})
    return table.reset_index(drop=True)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector in a loop that builds many small objects (re-enabled after,
    if it was enabled): the collector would otherwise rescan every record built so far.

    Example:
        >>> with collector_paused():
        ...     rows = [{"i": i} for i in range(3)]
        >>> gc.isenabled()
        True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
