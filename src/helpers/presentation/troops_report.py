"""The tables and numbers notebook 03 (troop numbers) shows, computed from a pipeline result.

Every function takes ``res`` (:func:`helpers.pipeline.load_results`) and runs SQL over its
``numbers`` / ``articles`` / ``texts`` tables: GROUP BY for overviews, ``ORDER BY ... LIMIT`` for
rows shown as evidence, and a filter to the force counts (a small share of all numbers) for the
claims, which are then set beside the public record by :mod:`helpers.troop_levels` (the same
code the single-process path uses). Nothing here loads a whole mention table.

=============================  ==================================================================
:func:`mentions_by_kind`       numbers per kind (count, date, year, ...): mentions, articles,
                               US troop levels among them
:func:`force_counts`           US / coalition force counts with level and level_reason (bounded)
:func:`troop_claims`           the troop-level claims beside the reference figure in force at
                               the time they refer to, with ``agreement``
:func:`place_summary`          claims per place (Iraq, Syria, Kuwait ... never merged)
:func:`non_counts`             dates, years, durations ... (bounded)
:func:`first_claim_text`       the text, offset and context of one claim, for ``explain_number``
:func:`findings`               the headline numbers of the notebook's last section
=============================  ==================================================================

A claim *agrees* with the record when the reference figure of its place in force at the time it
refers to lies within the claim's stated value (or range) widened by :data:`AGREEMENT_TOLERANCE`,
read according to the qualifier (``at_least`` N: the record is N or more ...); it is
``no reference`` when the record has no figure for that place at that time.

Example:
    >>> import pandas as pd
    >>> row = pd.Series({"value": 2500, "value_high": pd.NA, "qualifier": "approx", "reference_figure": 2500})
    >>> agreement(row)
    'agrees'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers import troop_levels

__all__ = [
    "AGREEMENT_TOLERANCE",
    "MAX_CSV_ROWS",
    "agreement",
    "agreements",
    "mentions_by_kind",
    "force_counts",
    "troop_claims",
    "place_summary",
    "non_counts",
    "first_claim_text",
    "findings",
    "not_level_counts",
    "plot_points",
    "write_claims_csv",
    "CSV_COLUMNS",
    "MAX_PLOT_POINTS",
    "texts_of",
]

#: Relative slack around a stated figure when comparing it with the record (reported figures are rounded).
AGREEMENT_TOLERANCE = 0.10
#: The claims table is written to ``processed/troop_claims.csv`` up to this many rows.
MAX_CSV_ROWS = 20_000
#: The timeline draws at most this many claims (and as many other counts), evenly spread in time.
MAX_PLOT_POINTS = 300
#: Columns of ``troop_claims.csv``.
CSV_COLUMNS = ["article_id", "outlet", "outlet_ar", "published", "refers_to", "refers_to_precision", "surface",
               "value", "value_high", "qualifier", "unit", "who", "where", "level", "level_reason", "inferred",
               "reference_figure", "reference_date", "difference", "agreement", "start", "end", "sentence_id"]

_FORCE = ("n.kind = 'count' AND n.who IN ('us', 'coalition') AND n.unit_category = 'force' "
          "AND n.value IS NOT NULL")
_NUMBER_COLUMNS = ("kind", "surface", "start", "end", "value", "value_high", "qualifier", "unit", "unit_category",
                   "who", "where", "is_us_troop_level", "level", "level_reason", "refers_to",
                   "refers_to_precision", "inferred", "sentence_id")


def _columns(res: Any, table: str) -> set[str]:
    return set(res.sql(f"DESCRIBE {table}")["column_name"])


def _select_numbers(res: Any) -> str:
    """The number columns this result has (older results lack level, refers_to ...), as NULL otherwise."""
    have = _columns(res, "numbers")
    return ", ".join(f'n."{c}"' if c in have else f'NULL AS "{c}"' for c in _NUMBER_COLUMNS)


def mentions_by_kind(res: Any) -> pd.DataFrame:
    """Numeric mentions per kind: mentions, articles, and how many are US troop levels.

    Sorted by mentions (most first), then kind.
    """
    return res.sql("""
        SELECT kind, count(*) AS mentions, count(DISTINCT article_id) AS articles,
               count(*) FILTER (WHERE is_us_troop_level) AS us_troop_levels
        FROM numbers GROUP BY kind ORDER BY mentions DESC, kind""")


def _force_rows(res: Any, where: str = "", limit: int | None = None) -> pd.DataFrame:
    """Force-count rows of the numbers table with their article's outlet and date."""
    limit_sql = f" LIMIT {int(limit)}" if limit is not None else ""
    return res.sql(f"""
        SELECT n.article_id, {_select_numbers(res)},
               CASE WHEN coalesce(trim(a.outlet), '') IN ('', 'unknown') THEN 'unknown' ELSE a.outlet END AS outlet,
               coalesce(a.outlet_ar, '') AS outlet_ar, a.published, a.date_precision
        FROM numbers n JOIN articles a USING (article_id)
        WHERE {_FORCE} {where}
        ORDER BY a.published, n.article_id, n.start{limit_sql}""")


def force_counts(res: Any, limit: int = 12) -> tuple[pd.DataFrame, dict[str, int]]:
    """The first ``limit`` US / coalition force counts (by publication date, article, offset), and
    the totals: ``{"counts": ..., "levels": ..., "not_levels": ..., "articles": ...}``."""
    totals = res.sql(f"""
        SELECT count(*) AS counts, count(*) FILTER (WHERE n.is_us_troop_level) AS levels,
               count(DISTINCT n.article_id) AS articles
        FROM numbers n WHERE {_FORCE}""").iloc[0]
    summary = {"counts": int(totals["counts"]), "levels": int(totals["levels"]),
               "not_levels": int(totals["counts"] - totals["levels"]), "articles": int(totals["articles"])}
    rows = _force_rows(res, limit=limit)
    rows["published"] = pd.to_datetime(rows["published"])
    rows["when"] = troop_levels.refers_to_timestamp(rows["refers_to"], rows["published"])
    return rows, summary


def agreement(row: pd.Series, tolerance: float = AGREEMENT_TOLERANCE) -> str:
    """``agrees`` / ``differs`` / ``no reference`` for one claim beside its reference figure.

    The claim's interval is [value, value_high or value], opened upwards for ``at_least`` and
    downwards for ``at_most`` / ``up_to``, then widened by ``tolerance``.

    Example:
        >>> agreement(pd.Series({"value": 2500, "value_high": None, "qualifier": "at_least", "reference_figure": 5200}))
        'agrees'
        >>> agreement(pd.Series({"value": 40000, "value_high": None, "qualifier": "approx", "reference_figure": 2500}))
        'differs'
    """
    ref = row.get("reference_figure")
    if ref is None or pd.isna(ref):
        return "no reference"
    low = float(row["value"])
    high_value = row.get("value_high")
    high = float(high_value) if high_value is not None and not pd.isna(high_value) else low
    qualifier = row.get("qualifier")
    if qualifier == "at_least":
        high = float("inf")
    elif qualifier in ("at_most", "up_to"):
        low = 0.0
    return "agrees" if low * (1 - tolerance) <= float(ref) <= high * (1 + tolerance) else "differs"


def troop_claims(res: Any, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every US troop-level claim beside the reference figure of its place in force at the time
    it refers to (:func:`helpers.troop_levels.troop_level_claims`), with ``agreement``.

    Columns: those of :func:`helpers.troop_levels.troop_level_claims` (article_id, published,
    when, refers_to, outlet, outlet_ar, surface, value, value_high, qualifier, where, level,
    level_reason, inferred, reference_figure, reference_date, difference ...) plus ``agreement``;
    sorted by publication date, article, offset. Its size is the number of claims, not of articles.
    """
    reference = troop_levels.load_reference_levels() if reference is None else reference
    rows = _force_rows(res, where="AND n.is_us_troop_level")
    mentions = rows.drop(columns=["outlet", "outlet_ar", "published", "date_precision"])
    articles = rows[["article_id", "outlet", "outlet_ar", "published"]].drop_duplicates("article_id")
    claims = troop_levels.troop_level_claims(mentions, articles, reference)
    claims["agreement"] = agreements(claims)
    return claims


def agreements(claims: pd.DataFrame, tolerance: float = AGREEMENT_TOLERANCE) -> pd.Series:
    """:func:`agreement` for every row at once (value, value_high, qualifier, reference_figure).

    Example:
        >>> agreements(pd.DataFrame({"value": [2500, 40000, 10], "value_high": [None, None, None],
        ...     "qualifier": ["approx", "approx", None], "reference_figure": [2500, 2500, None]})).tolist()
        ['agrees', 'differs', 'no reference']
    """
    import numpy as np

    if claims.empty:
        return pd.Series([], index=claims.index, dtype=object)
    low = pd.to_numeric(claims["value"], errors="coerce").astype(float)
    high = pd.to_numeric(claims["value_high"], errors="coerce").astype(float).fillna(low)
    qualifier = claims["qualifier"].fillna("")
    high = high.where(qualifier != "at_least", np.inf)
    low = low.where(~qualifier.isin(["at_most", "up_to"]), 0.0)
    ref = pd.to_numeric(claims["reference_figure"], errors="coerce").astype(float)
    inside = (low * (1 - tolerance) <= ref) & (ref <= high * (1 + tolerance))
    verdict = np.where(ref.isna(), "no reference", np.where(inside, "agrees", "differs"))
    return pd.Series(verdict, index=claims.index, dtype=object)


def place_summary(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per place (``where``; empty = no place stated): claims, articles, outlets, and how
    many agree / differ / have no reference. Places are never merged; most claims first."""
    if claims.empty:
        return pd.DataFrame(columns=["place", "claims", "articles", "outlets", "agrees", "differs", "no reference"])
    frame = claims.assign(place=claims["where"].fillna("").replace("", "not stated"))
    table = frame.groupby("place").agg(claims=("value", "size"), articles=("article_id", "nunique"),
                                       outlets=("outlet", "nunique"))
    verdicts = pd.crosstab(frame["place"], frame["agreement"])
    for verdict in ("agrees", "differs", "no reference"):
        table[verdict] = verdicts[verdict] if verdict in verdicts.columns else 0
    table = table.fillna(0).astype("int64").reset_index()
    return table.sort_values(["claims", "place"], ascending=[False, True], kind="stable").reset_index(drop=True)


def non_counts(res: Any, limit: int = 8) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` numbers that are not counts (dates, years, durations ...) by article
    and offset, with their article's text for the evidence table; and how many there are in all."""
    total = int(res.sql("SELECT count(*) AS n FROM numbers WHERE kind <> 'count'")["n"].iloc[0])
    rows = res.sql(f"""
        SELECT n.article_id, n.kind, n.surface, n.value, n.start, n."end"
        FROM numbers n WHERE n.kind <> 'count' ORDER BY n.article_id, n.start LIMIT {int(limit)}""")
    rows["value"] = [_plain_value(kind, value) for kind, value in zip(rows["kind"], rows["value"])]
    return rows, total


def _plain_value(kind: str, value: Any) -> str:
    """A value as display text: years, dates and times without a thousands separator (2014, not 2,014).

    Example:
        >>> _plain_value("year", 2014), _plain_value("other", 1500000), _plain_value("other", None)
        ('2014', '1,500,000', '—')
    """
    if value is None or pd.isna(value):
        return "\u2014"
    return str(int(value)) if kind in ("year", "date", "time") else f"{int(value):,}"


def texts_of(res: Any, article_ids: list[str]) -> pd.DataFrame:
    """``article_id``, ``text`` of the given (few) articles only, for evidence tables: an ``IN``
    list, so the Parquet scan skips the row groups that hold none of them."""
    if not article_ids:
        return pd.DataFrame({"article_id": pd.Series(dtype=str), "text": pd.Series(dtype=str)})
    wanted = ", ".join("'" + str(a).replace("'", "''") + "'" for a in sorted(set(article_ids)))
    return res.sql(f"SELECT article_id, text FROM texts WHERE article_id IN ({wanted}) ORDER BY article_id")


def first_claim_text(res: Any) -> dict[str, Any] | None:
    """The first troop-level claim by article id and offset, with what ``explain_number`` needs:
    ``{"article_id", "start", "surface", "text", "title", "published", "date_precision"}``; None when
    there is none."""
    found = res.sql("""
        SELECT article_id, start, surface FROM numbers
        WHERE is_us_troop_level ORDER BY article_id, start LIMIT 1""")
    if found.empty:
        return None
    row = found.iloc[0]
    article_id = str(row["article_id"])
    quoted = article_id.replace("'", "''")
    info = res.sql("SELECT coalesce(title, '') AS title, published, date_precision FROM articles "
                   f"WHERE article_id = '{quoted}'").iloc[0]
    text = texts_of(res, [article_id])["text"].iloc[0]
    return {"article_id": article_id, "start": int(row["start"]), "surface": str(row["surface"]),
            "text": str(text), "title": str(info["title"]), "published": info["published"],
            "date_precision": info["date_precision"]}


def findings(res: Any, claims: pd.DataFrame, kinds: pd.DataFrame) -> dict[str, Any]:
    """Headline numbers: articles, articles giving a level, their outlets, agreement with the
    record, counts and non-counts.

    Keys: articles, level_articles, level_outlets (outlet names by claims, most first, then by
    name; ``unknown`` last), claims, agrees, differs, no_reference, places (sorted), counts,
    non_counts, mentions.
    """
    articles = int(res.sql("SELECT count(*) AS n FROM articles")["n"].iloc[0])
    outlets: list[str] = []
    if len(claims):
        per = claims.groupby("outlet").size().rename("n").reset_index()
        per = per.assign(last=per["outlet"].eq("unknown")).sort_values(["last", "n", "outlet"],
                                                                           ascending=[True, False, True])
        outlets = per["outlet"].tolist()
    verdicts = claims["agreement"].value_counts() if len(claims) else pd.Series(dtype="int64")
    places = sorted(claims["where"].fillna("").replace("", "not stated").unique()) if len(claims) else []
    counts = int(kinds.loc[kinds["kind"] == "count", "mentions"].sum())
    mentions = int(kinds["mentions"].sum())
    return {"articles": articles, "level_articles": int(claims["article_id"].nunique()) if len(claims) else 0,
            "level_outlets": outlets, "claims": len(claims), "agrees": int(verdicts.get("agrees", 0)),
            "differs": int(verdicts.get("differs", 0)), "no_reference": int(verdicts.get("no reference", 0)),
            "places": places, "counts": counts, "non_counts": mentions - counts, "mentions": mentions}


def not_level_counts(res: Any, limit: int = MAX_PLOT_POINTS) -> pd.DataFrame:
    """US / coalition force counts that are not levels (deployments, cuts ...), the first ``limit``
    by publication date: the hollow markers of the timeline."""
    rows = _force_rows(res, where="AND NOT coalesce(n.is_us_troop_level, false)", limit=limit)
    rows["published"] = pd.to_datetime(rows["published"])
    return rows


def plot_points(points: pd.DataFrame, limit: int = MAX_PLOT_POINTS) -> pd.DataFrame:
    """At most ``limit`` rows of ``points``, evenly spread over their order (all when fewer).

    Example:
        >>> plot_points(pd.DataFrame({"v": range(10)}), 3)["v"].tolist()
        [0, 4, 9]
    """
    if len(points) <= limit:
        return points
    import numpy as np

    picks = np.unique(np.linspace(0, len(points) - 1, limit).round().astype(int))
    return points.iloc[picks]


def write_claims_csv(claims: pd.DataFrame, res: Any = None, max_rows: int = MAX_CSV_ROWS) -> bool:
    """Write the claims to ``processed/troop_claims.csv`` (:func:`helpers.paths.processed_dir`),
    dates as ISO days, sorted as given, when there are at most ``max_rows``; return whether it was written.
    With ``res``, each row also carries its ``sentence`` (looked up for these rows only), so a
    reader can check it. Beyond ``max_rows`` the full table stays in the pipeline result
    (aggregate ``troop_level_claims``)."""
    from helpers import paths

    if len(claims) > max_rows:
        return False
    out = claims[[c for c in CSV_COLUMNS if c in claims.columns]].copy()
    if res is not None:
        out["sentence"] = res.sentences_of(claims).to_numpy() if len(claims) else pd.Series(dtype=str)
    out["published"] = pd.to_datetime(out["published"]).dt.strftime("%Y-%m-%d")
    out.to_csv(paths.processed_dir() / "troop_claims.csv", index=False, lineterminator="\n")
    return True


def findings_markdown(found: dict[str, Any], totals: dict[str, Any], max_outlets: int = 5) -> Any:
    """The findings of notebook 03 as Markdown, from :func:`findings` and the totals of
    :func:`force_counts`; at most ``max_outlets`` outlets are named, the rest counted.

    Example:
        >>> found = {"level_outlets": [], "places": [], "level_articles": 0, "articles": 1, "claims": 0,
        ...          "agrees": 0, "differs": 0, "no_reference": 0, "mentions": 2, "counts": 1, "non_counts": 1}
        >>> findings_markdown(found, {"counts": 0, "not_levels": 0}).data.splitlines()[1][:40]
        '- 0 of the 1 articles give a US troop le'
    """
    from helpers.presentation import prose

    top = found["level_outlets"][:max_outlets]
    outlets = ", ".join(top) or "none"
    if len(found["level_outlets"]) > len(top):
        outlets += f" and {len(found['level_outlets']) - len(top):,} more (most claims first; all in the claims table)"
    lines = [
        "- {level_articles} of the {articles} articles give a US troop level ({claims}), from {n_outlets}: {outlets}.",
        "- Beside the record in force, for the same place, at the time each claim refers to: agree {agrees}, "
        "differ {differs}, no reference figure for that place and time {no_reference}.",
        "- Places: {places}; each is compared with its own reference series.",
        "- Of {mentions} numeric mentions, {counts} are counts and {non_counts} are dates, years, durations "
        "or other numbers. Counts of US or coalition forces: {force}; among them not levels (flows, cuts, subsets): {flows}.",
    ]
    values = {k: v for k, v in found.items() if k not in ("level_outlets", "places")}
    values.update(claims=prose.plural(found["claims"], "claim"),
                  n_outlets=prose.plural(len(found["level_outlets"]), "outlet"),
                  outlets=outlets, places=", ".join(found["places"]) or "none",
                  force=totals["counts"], flows=totals["not_levels"])
    return prose.md("**Findings.**\n" + "\n".join(lines), **values)
