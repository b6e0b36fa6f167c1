"""Small builders shared by the unit tests (tests/ is on sys.path under pytest's default import mode)."""

from __future__ import annotations

import pandas as pd


def articles_frame(texts: dict[str, str], outlets: dict[str, str] | None = None) -> pd.DataFrame:
    """An ``articles`` table as analysis functions expect it: article_id, text, n_words, outlet, outlet_ar.

    Example:
        >>> articles_frame({"a": "قال المسؤول إن القوات باقية."})["n_words"].tolist()
        [5]
    """
    rows = []
    for article_id, text in texts.items():
        outlet = (outlets or {}).get(article_id, "unknown")
        rows.append({"article_id": article_id, "text": text, "n_words": len(text.split()),
                     "outlet": outlet, "outlet_ar": outlet + "_ar"})
    return pd.DataFrame(rows)
