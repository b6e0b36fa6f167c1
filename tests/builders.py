"""Small builders shared by the unit tests (tests/ is on sys.path under pytest's default import mode)."""

from __future__ import annotations

from pathlib import Path

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


FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"


def seed_texts() -> dict[str, str]:
    """The five seed articles as fixture text (``tests/fixtures/seeds``), raw, by article id.

    Tests that assert findings about the seeds use these, never the live corpus folder, whose content
    changes when a researcher adds articles.

    Example:
        >>> sorted(seed_texts())
        ['000', '001', '002', '003', '004']
    """
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no seed fixtures in {SEEDS}: restore tests/fixtures/seeds from git")
    texts = {}
    for file in files:
        try:
            texts[file.name.split("_")[0]] = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise ValueError(f"{file}: not UTF-8 ({error.reason} at byte {error.start})") from None
    return texts


def seed_text(article_id: str) -> str:
    """One seed article's raw text, e.g. ``seed_text("002")``.

    Example:
        >>> seed_text("001").splitlines()[0]
        'fbpx'
    """
    texts = seed_texts()
    if article_id not in texts:
        raise KeyError(f"no seed fixture {article_id!r}; there are {sorted(texts)}")
    return texts[article_id]


def seed_articles(clean: bool = False) -> pd.DataFrame:
    """The seeds as an ``articles`` frame (article_id, text), raw or cleaned with clean_article.

    Example:
        >>> seed_articles(clean=True)["article_id"].tolist()
        ['000', '001', '002', '003', '004']
    """
    from helpers.text import clean_article

    texts = seed_texts()
    return pd.DataFrame({"article_id": list(texts),
                         "text": [clean_article(t).text if clean else t for t in texts.values()]})
