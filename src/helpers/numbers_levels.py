"""US troop-level claims next to the public record: tables and the timeline figure of notebook 03.

- :func:`load_reference_levels` reads ``corpus/reference/us_troop_levels.csv`` (one row per
  public reference point, with its source; an event row may have no figure).
- :func:`reference_steps` turns it into a step series per place.
- :func:`us_force_counts` keeps the numeric mentions that count US or coalition forces and
  joins each with its article's outlet and date; :func:`troop_level_claims` keeps the level
  claims and sets each beside the reference figure in force at the article's date.
- :func:`plot_troop_levels_timeline` draws both (every Arabic string through :mod:`helpers.rtl`).

Example:
    >>> ref = load_reference_levels()
    >>> reference_steps(ref, "syria", end="2025-01-01")["figure"].tolist()
    [900, 900]
"""

from __future__ import annotations

import pandas as pd

from helpers import paths

__all__ = [
    "REFERENCE_COLUMNS",
    "load_reference_levels",
    "reference_steps",
    "us_force_counts",
    "troop_level_claims",
]

REFERENCE_COLUMNS = ["date", "place", "figure", "qualifier", "source", "note"]
_FORCE_UNITS = ("troops", "personnel", "advisers", "trainers", "officers", "forces")


def load_reference_levels() -> pd.DataFrame:
    """The public reference points, with ``when`` (start of the stated date: 2024 -> 2024-01-01).

    ``date`` keeps the precision of the source (YYYY, YYYY-MM or YYYY-MM-DD); ``figure`` is a
    nullable integer (empty for event rows such as the 2024-09-27 announcement).

    Example:
        >>> row = load_reference_levels().iloc[0]
        >>> (row["place"], int(row["figure"]), row["qualifier"])
        ('iraq', 275, 'up_to')
    """
    path = paths.reference_path("us_troop_levels.csv")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(frame.columns) != REFERENCE_COLUMNS:
        raise ValueError(f"{path}: columns {list(frame.columns)}, expected {REFERENCE_COLUMNS}; fix the header")
    whens = []
    for line, (date, source) in enumerate(zip(frame["date"], frame["source"]), start=2):
        try:
            whens.append(pd.Timestamp(date))
        except ValueError:
            raise ValueError(f"{path}, line {line}: date {date!r} is not ISO (YYYY, YYYY-MM or YYYY-MM-DD)") from None
        if not source.strip():
            raise ValueError(f"{path}, line {line}: no source; every reference point needs one")
    frame["figure"] = pd.array([int(f) if f.strip() else None for f in frame["figure"]], dtype="Int64")
    frame.insert(1, "when", whens)
    return frame


def reference_steps(reference: pd.DataFrame, place: str, end: str | pd.Timestamp) -> pd.DataFrame:
    """Step series (``when``, ``figure``) of one place, held until ``end`` (for ``step(where='post')``).

    Example:
        >>> steps = reference_steps(load_reference_levels(), "iraq", end="2025-01-01")
        >>> steps["figure"].tolist()[:3]
        [275, 300, 3100]
    """
    rows = reference[(reference["place"] == place) & reference["figure"].notna()].sort_values("when")
    steps = rows[["when", "figure"]].reset_index(drop=True)
    if steps.empty:
        return steps
    last = pd.DataFrame({"when": [pd.Timestamp(end)], "figure": pd.array([steps["figure"].iloc[-1]], dtype="Int64")})
    return pd.concat([steps, last], ignore_index=True)


def us_force_counts(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Counts of US or coalition forces, each with its article's outlet and date.

    ``mentions`` is :func:`helpers.numbers.extract_numbers_corpus` output; ``articles`` needs
    article_id, outlet, outlet_ar, published. Level claims and other counts (deployments,
    withdrawals of part of a force) are both kept; ``is_us_troop_level`` tells them apart.

    Example:
        >>> from helpers.numbers import extract_numbers_corpus
        >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "outlet_ar": ["س"],
        ...                      "published": ["2024-03-01"], "text": ["يوجد 2500 جندي أمريكي في العراق"]})
        >>> us_force_counts(extract_numbers_corpus(arts), arts)[["value", "is_us_troop_level"]].values.tolist()
        [[2500, True]]
    """
    keep = (mentions["kind"].eq("count") & mentions["who"].isin(["us", "coalition"])
            & mentions["unit"].isin(_FORCE_UNITS) & mentions["value"].notna())
    info = articles[["article_id", "outlet", "outlet_ar", "published"]]
    table = mentions[keep].merge(info, on="article_id", how="left", validate="many_to_one")
    table["published"] = pd.to_datetime(table["published"])
    columns = ["article_id", "published", "outlet", "outlet_ar", "surface", "value", "value_high", "qualifier",
               "unit", "who", "where", "is_us_troop_level", "start", "end", "sentence"]
    return table[columns].sort_values(["published", "article_id", "start"], kind="stable").reset_index(drop=True)


def troop_level_claims(mentions: pd.DataFrame, articles: pd.DataFrame,
                       reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """The US troop-level claims, each beside the reference figure in force at the article's date.

    Adds ``reference_figure`` / ``reference_date`` (the latest reference row of the same place on
    or before publication) and ``difference`` (claim minus reference).

    Example:
        >>> from helpers.numbers import extract_numbers_corpus
        >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "outlet_ar": ["س"],
        ...                      "published": ["2024-03-01"], "text": ["يوجد 2500 جندي أمريكي في العراق"]})
        >>> troop_level_claims(extract_numbers_corpus(arts), arts)[["value", "reference_figure"]].values.tolist()
        [[2500, 2500]]
    """
    reference = load_reference_levels() if reference is None else reference
    claims = us_force_counts(mentions, articles)
    claims = claims[claims["is_us_troop_level"]].drop(columns="is_us_troop_level").reset_index(drop=True)
    ref = reference[reference["figure"].notna()][["when", "place", "figure", "date"]].sort_values("when")
    ref = ref.rename(columns={"when": "published", "place": "where", "figure": "reference_figure",
                              "date": "reference_date"})
    order = claims.index
    claims = claims.assign(_order=order).sort_values("published")
    claims["published"] = claims["published"].astype(ref["published"].dtype)
    merged = pd.merge_asof(claims, ref, on="published", by="where", direction="backward")
    merged = merged.sort_values("_order").drop(columns="_order").reset_index(drop=True)
    merged["reference_figure"] = merged["reference_figure"].astype("Int64")
    merged["difference"] = (merged["value"] - merged["reference_figure"]).astype("Int64")
    return merged

