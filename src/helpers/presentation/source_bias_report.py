"""What notebook 02 (source bias) shows, computed from a pipeline result (:mod:`helpers.pipeline`).

Every function takes the notebook's ``res`` (:class:`helpers.pipeline.results.Results`) and reads
the small aggregates (``outlets``, ``framing_by_outlet``, ``cited_source_shares``) or runs a
GROUP BY / bounded (``LIMIT``) query over the mention tables, so a notebook built on them opens a
million-article result in seconds and never loads a whole mention table into pandas.

- :func:`outlet_groups`, :func:`framing_table`, :func:`cited_shares`: the aggregates in the shape
  the figures of :mod:`helpers.presentation.source_bias_plots` take.
- :func:`marked_rates`: marked framing choices per outlet group, per 1,000 words.
- :func:`framing_evidence`, :func:`attribution_evidence`: bounded keyword-in-context tables.
- :func:`verb_class_by_source_type`, :func:`statements_by_outlet`: how sources are introduced.
- :func:`outlet_readings`, :func:`readings_markdown`, :func:`findings_markdown`: computed prose.

A framing choice is *marked* when it signals a stance a reader would notice (resistance,
militias, "Wahhabi Daesh", "the Zionist entity", "claimed"...): every leaning of
``framing.csv`` except the plain ones in :data:`UNMARKED_LEANINGS`, outside the frames whose
choices are stances rather than words (:data:`STANCE_FRAMES`, withdrawal).

Example:
    >>> is_marked("armed_groups", "resistance_framing"), is_marked("isis", "acronym")
    (True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers.attributions import SOURCE_TYPES, VERB_CLASSES
from helpers.pipeline.aggregates import outlet_group_sql
from helpers.presentation import prose, tables
from helpers.stats import UNKNOWN_OUTLET, UNKNOWN_OUTLET_AR

__all__ = [
    "UNMARKED_LEANINGS", "STANCE_FRAMES", "is_marked", "outlet_groups", "framing_table", "cited_shares",
    "marked_rates", "marked_frames", "framing_evidence", "attribution_evidence", "texts_of",
    "verb_class_by_source_type", "statements_by_outlet", "show_statements", "outlet_readings", "readings_markdown",
    "findings_markdown", "corpus_phrase", "write_tables", "shown_path", "overview",
]

#: Leanings of ``framing.csv`` that are the plain, unmarked way to name a thing.
UNMARKED_LEANINGS = ("descriptive", "neutral", "acronym", "terrorism_label")
#: Frames whose choices are stances (demand, denial, process), not marked words.
STANCE_FRAMES = ("withdrawal",)
#: Columns of :func:`framing_table` (those of :func:`helpers.framing.outlet_framing_table`).
FRAMING_COLUMNS = ["outlet", "outlet_ar", "frame", "choice", "label_ar", "gloss_en", "leaning", "count",
                   "frame_count", "share_in_frame", "n_words", "per_1000_words"]


def is_marked(frame: str, leaning: str) -> bool:
    """True for a marked framing choice (see the module docstring)."""
    return frame not in STANCE_FRAMES and leaning not in UNMARKED_LEANINGS


def _marked_mask(table: pd.DataFrame, exclude: Sequence[str] = ()) -> pd.Series:
    """True for the rows of a framing table (frame, leaning) that are marked choices."""
    return pd.Series([is_marked(f, ln) and f not in exclude for f, ln in zip(table["frame"], table["leaning"])],
                     index=table.index, dtype=bool)


def _quote(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _in_list(values: Sequence[str]) -> str:
    return "(" + ", ".join(_quote(v) for v in values) + ")" if values else "(NULL)"


def outlet_groups(res: Any) -> pd.DataFrame:
    """One row per outlet group (aggregate ``outlets``): outlet, outlet_ar, outlet_country, outlet_type,
    articles, words; every unknown-outlet article is in the ONE group ``unknown`` (غير معروف).
    Sorted by articles (most first), then words, then name."""
    groups = res.aggregate("outlets").rename(columns={"outlet_group": "outlet"})
    unknown = groups["outlet"].eq(UNKNOWN_OUTLET)
    groups["outlet_ar"] = groups["outlet_ar"].fillna("").astype(str).where(~unknown, UNKNOWN_OUTLET_AR)
    for column in ("outlet_country", "outlet_type"):
        groups[column] = groups[column].fillna("").astype(str).where(~unknown, UNKNOWN_OUTLET)
    groups = groups.sort_values(["articles", "words", "outlet"], ascending=[False, False, True], kind="stable")
    return groups[["outlet", "outlet_ar", "outlet_country", "outlet_type", "articles", "words"]].reset_index(drop=True)


def _choice_labels() -> pd.DataFrame:
    from helpers import framing

    return framing.choice_labels()[["frame", "choice", "label_ar", "gloss_en", "leaning", "order"]]


def framing_table(res: Any) -> pd.DataFrame:
    """The ``framing_by_outlet`` aggregate with labels, as :func:`helpers.framing.outlet_framing_table`.

    One row per outlet group and observed (frame, choice): outlet, outlet_ar, frame, choice,
    label_ar, gloss_en, leaning (from ``framing.csv``; a choice the lexicon no longer has keeps
    its own text), count, frame_count, share_in_frame, n_words, per_1000_words. Rows follow the
    lexicon order, outlet groups as :func:`outlet_groups`. Only observed pairs (no zero rows):
    what :func:`~helpers.presentation.source_bias_plots.plot_framing_heatmap` takes.
    """
    agg = res.aggregate("framing_by_outlet").rename(columns={"outlet_group": "outlet", "mentions": "count"})
    groups = outlet_groups(res)
    labels = _choice_labels()
    table = agg.merge(labels, on=["frame", "choice"], how="left")
    missing = table["label_ar"].isna()
    table["label_ar"] = table["label_ar"].fillna(table["choice"])
    table["gloss_en"] = table["gloss_en"].fillna(table["choice"])
    table["leaning"] = table["leaning"].fillna(table["choice"].where(table["frame"].isin(STANCE_FRAMES), "unlisted"))
    table["order"] = table["order"].where(~missing, len(labels)).astype(int)
    table = table.merge(groups[["outlet", "outlet_ar", "words"]].rename(columns={"words": "n_words"}),
                        on="outlet", how="left")
    table["outlet_ar"] = table["outlet_ar"].fillna("")
    table["n_words"] = table["n_words"].fillna(0).astype(int)
    table["count"] = table["count"].astype(int)
    table["frame_count"] = table.groupby(["outlet", "frame"])["count"].transform("sum").astype(int)
    table["share_in_frame"] = (table["count"] / table["frame_count"]).round(3)
    rank = {o: i for i, o in enumerate(groups["outlet"])}
    table["rank"] = table["outlet"].map(rank).fillna(len(rank)).astype(int)
    table = table.sort_values(["order", "choice", "rank", "outlet"], kind="stable")
    return table[FRAMING_COLUMNS].reset_index(drop=True)


def cited_shares(res: Any) -> pd.DataFrame:
    """The ``cited_source_shares`` aggregate as :func:`helpers.attributions.cited_source_shares`
    (outlet, outlet_ar, source_type, count, unnamed, total, share): observed pairs only."""
    shares = res.aggregate("cited_source_shares").rename(columns={"outlet_group": "outlet"})
    groups = outlet_groups(res)
    shares = shares.merge(groups[["outlet", "outlet_ar"]], on="outlet", how="left")
    shares["outlet_ar"] = shares["outlet_ar"].fillna("")
    return shares[["outlet", "outlet_ar", "source_type", "count", "unnamed", "total", "share"]].reset_index(drop=True)


def _leaning_label(leaning: str) -> str:
    return leaning.removesuffix("_framing").replace("_", " ")


def marked_rates(table: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Marked framing choices per outlet group, per 1,000 words, one column per marked leaning.

    ``table`` is :func:`framing_table`, ``groups`` :func:`outlet_groups` (its order is kept).
    Columns: outlet, articles, words, then each marked leaning observed (in lexicon order, named
    without "_framing"), then ``marked`` (all marked mentions per 1,000 words). Every group is a
    row (0 where it makes no marked choice); rates are rounded to 2 decimals.

    Example:
        >>> t = pd.DataFrame({"outlet": ["A", "A"], "frame": ["isis", "isis"], "leaning": ["sectarian_framing", "acronym"],
        ...                   "count": [2, 5]})
        >>> g = pd.DataFrame({"outlet": ["A", "B"], "articles": [1, 1], "words": [1000, 500]})
        >>> marked_rates(t, g).values.tolist()
        [['A', 1, 1000, 2.0, 2.0], ['B', 1, 500, 0.0, 0.0]]
    """
    marked = table[_marked_mask(table)]
    leanings = list(dict.fromkeys(marked["leaning"]))
    counts = marked.pivot_table(index="outlet", columns="leaning", values="count", aggfunc="sum", fill_value=0)
    counts = counts.reindex(index=groups["outlet"], columns=leanings, fill_value=0)
    words = groups.set_index("outlet")["words"].clip(lower=1).astype(float)
    rates = counts.div(words, axis=0).mul(1000).round(2)
    rates["marked"] = (counts.sum(axis=1) / words * 1000).round(2)
    rates.columns = [_leaning_label(c) if c != "marked" else c for c in rates.columns]
    out = groups[["outlet", "articles", "words"]].reset_index(drop=True)
    return pd.concat([out, rates.reset_index(drop=True)], axis=1)


def marked_frames(table: pd.DataFrame, exclude: Sequence[str] = ()) -> list[tuple[str, list[str]]]:
    """(frame, its marked leanings) for every frame with marked mentions, most marked mentions first.

    Example:
        >>> t = pd.DataFrame({"frame": ["isis", "israel", "isis"], "leaning": ["sectarian_framing", "delegitimising",
        ...                   "self_designation"], "count": [1, 3, 1]})
        >>> marked_frames(t)
        [('israel', ['delegitimising']), ('isis', ['sectarian_framing', 'self_designation'])]
    """
    marked = table[_marked_mask(table, exclude)]
    totals = marked.groupby("frame", sort=False)["count"].sum()
    order = sorted(totals.index, key=lambda f: (-totals[f], f))
    return [(f, list(dict.fromkeys(marked.loc[marked["frame"] == f, "leaning"]))) for f in order]


def texts_of(res: Any, article_ids: Sequence[str]) -> pd.DataFrame:
    """article_id, text of the given articles only (a bounded lookup)."""
    ids = sorted(set(map(str, article_ids)))
    if not ids:
        return pd.DataFrame({"article_id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)})
    return res.sql(f"SELECT article_id, text FROM texts WHERE article_id IN {_in_list(ids)} ORDER BY article_id")


def _spread(res: Any, table: str, where: str, columns: str, limit: int) -> tuple[pd.DataFrame, int]:
    """At most ``limit`` rows of ``table`` matching ``where``, spread over outlet groups and
    articles (first mention of each group, then the second...), and how many rows match."""
    group = outlet_group_sql("a")
    query = f"""
        WITH m AS (SELECT t.*, {group} AS outlet FROM {table} t JOIN articles a USING (article_id) WHERE {where}),
             r AS (SELECT *, row_number() OVER (PARTITION BY outlet ORDER BY article_id, start) AS k,
                          count(*) OVER () AS total FROM m)
        SELECT {columns}, total FROM r ORDER BY k, outlet, article_id, start LIMIT {int(limit)}"""
    rows = res.sql(query)
    total = int(rows["total"].iloc[0]) if len(rows) else 0
    return rows.drop(columns="total"), total


def _evidence(res: Any, rows: pd.DataFrame, total: int, columns: Sequence[str], *, width: int, caption: str,
              note: str | None) -> tables.Table:
    from helpers import kwic

    shown = kwic.show_evidence(rows, texts_of(res, rows["article_id"]), list(columns), width=width,
                               max_rows=max(len(rows), 1), caption=caption, note=note)
    shown.total = total
    return shown


def framing_evidence(res: Any, frame: str, leanings: Sequence[str], *, max_rows: int = 6, width: int = 35,
                     rest_in: str | None = None) -> tables.Table:
    """Keyword in context for the marked choices (``leanings``) of one frame: at most ``max_rows``
    mentions, spread over outlet groups and articles; columns "article_id · outlet · leaning",
    after, match, before. The note under it gives the total and where the rest is."""
    where = f"t.frame = {_quote(frame)} AND t.leaning IN {_in_list(leanings)}"
    rows, total = _spread(res, "framing", where, "article_id, outlet, leaning, start, \"end\"", max_rows)
    note = f"Every mention is in the pipeline's framing table{'; counts in ' + rest_in if rest_in else ''}."
    return _evidence(res, rows, total, ["article_id", "outlet", "leaning"], width=width,
                     caption=f"{frame}: {', '.join(_leaning_label(x) for x in leanings)}", note=note)


def attribution_evidence(res: Any, verb_classes: Sequence[str] = ("distancing", "conceding"), *, max_rows: int = 8,
                         width: int = 30) -> tables.Table:
    """Keyword in context for the attributions whose verb is of ``verb_classes`` (the match is the
    verb): columns "article_id · verb_class · source_type", after, match, before; bounded."""
    where = f"t.verb_class IN {_in_list(verb_classes)}"
    rows, total = _spread(res, "attributions", where,
                          "article_id, outlet, verb_class, source_type, start, \"end\"", max_rows)
    return _evidence(res, rows, total, ["article_id", "verb_class", "source_type"], width=width,
                     caption=f"attributions with a {' or '.join(verb_classes)} verb",
                     note="The match is the verb; the source it introduces is typed in the label column.")


def verb_class_by_source_type(res: Any) -> pd.DataFrame:
    """Cross-tab of verb class (rows) x source type (columns) over every attribution, with totals
    (a GROUP BY over the attributions table; unnamed sources count for the body they speak for).
    Rows in :data:`~helpers.attributions.VERB_CLASSES` order, columns in ``SOURCE_TYPES`` order;
    only source types that occur."""
    counts = res.sql("SELECT verb_class, source_type, count(*) AS n FROM attributions GROUP BY ALL")
    table = counts.pivot_table(index="verb_class", columns="source_type", values="n", aggfunc="sum", fill_value=0)
    rows = [r for r in VERB_CLASSES if r in table.index] + sorted(set(table.index) - set(VERB_CLASSES))
    columns = [c for c in SOURCE_TYPES if c in table.columns] + sorted(set(table.columns) - set(SOURCE_TYPES))
    table = table.reindex(index=rows, columns=columns, fill_value=0).astype(int)
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    table.index.name = "verb_class"
    return table.astype(int)


def statements_by_outlet(res: Any, source_type: str = "us_government") -> tuple[pd.DataFrame, int]:
    """How each outlet group introduces statements of one source type (named or unnamed).

    Returns (table, groups_without): one row per outlet group citing such a source at least once
    (outlet, outlet_ar, statements, one column per verb class, distancing_share), most statements
    first; ``groups_without`` counts the outlet groups that cite none, left out so that no share
    is undefined.
    """
    group = outlet_group_sql("a")
    counts = res.sql(f"""
        SELECT {group} AS outlet, t.verb_class, count(*) AS n
        FROM attributions t JOIN articles a USING (article_id)
        WHERE t.source_type = {_quote(source_type)} GROUP BY ALL""")
    groups = outlet_groups(res)
    table = counts.pivot_table(index="outlet", columns="verb_class", values="n", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=list(VERB_CLASSES), fill_value=0).astype(int)
    table.insert(0, "statements", table.sum(axis=1))
    table = table[table["statements"] > 0]
    table["distancing_share"] = (table["distancing"] / table["statements"]).round(3)
    table = table.reset_index().merge(groups[["outlet", "outlet_ar"]], on="outlet", how="left")
    table["outlet_ar"] = table["outlet_ar"].fillna("")
    table = table.sort_values(["statements", "outlet"], ascending=[False, True], kind="stable")
    columns = ["outlet", "outlet_ar", "statements", *VERB_CLASSES, "distancing_share"]
    return table[columns].reset_index(drop=True), int(len(groups) - len(table))


def show_statements(res: Any, source_type: str = "us_government", *, max_rows: int = 8,
                    rest_in: str | None = None) -> tables.Table:
    """:func:`statements_by_outlet` as a bounded table; the note says how many outlet groups cite
    no such source (and were left out, so that no share is undefined)."""
    table, without = statements_by_outlet(res, source_type)
    note = None
    if without:
        note = f"{prose.plural(without, 'outlet group')} cite no {source_type} source and {'is' if without == 1 else 'are'} left out."
    if table.empty:
        note = f"No outlet group cites a {source_type} source."
    return tables.show(table, max_rows=max_rows, rest_in=rest_in, note=note)


def outlet_readings(res: Any, table: pd.DataFrame, shares: pd.DataFrame, groups: pd.DataFrame, *, top: int = 6,
                    per: int = 3) -> pd.DataFrame:
    """A reading of the ``top`` outlet groups (``groups`` order: most articles first).

    One row per group: outlet, outlet_ar, articles, words, marked (its ``per`` most used marked
    choices as (label_ar, gloss_en, count, per_1000_words), most used first), marked_total,
    sources (its ``per`` most cited source types as (source_type, count, unnamed)), attributions,
    and us (verb class counts of its US-government statements).
    """
    chosen = groups.head(top)
    marked = table[_marked_mask(table)]
    us, _ = statements_by_outlet(res, "us_government")
    us = us.set_index("outlet")
    rows = []
    for group in chosen.itertuples(index=False):
        own = marked[marked["outlet"] == group.outlet].sort_values(["count", "choice"], ascending=[False, True],
                                                                   kind="stable")
        cited = shares[(shares["outlet"] == group.outlet) & (shares["count"] > 0)]
        cited = cited.sort_values(["count", "source_type"], ascending=[False, True], kind="stable")
        verbs = {c: int(us.loc[group.outlet, c]) for c in VERB_CLASSES} if group.outlet in us.index else {}
        rows.append({
            "outlet": group.outlet, "outlet_ar": group.outlet_ar, "articles": int(group.articles),
            "words": int(group.words),
            "marked": [(r.label_ar, r.gloss_en, int(r.count), float(r.per_1000_words))
                       for r in own.head(per).itertuples(index=False)],
            "marked_total": int(own["count"].sum()),
            "sources": [(r.source_type, int(r.count), int(r.unnamed)) for r in cited.head(per).itertuples(index=False)],
            "attributions": int(cited["count"].sum()),
            "us": verbs,
        })
    return pd.DataFrame(rows, columns=["outlet", "outlet_ar", "articles", "words", "marked", "marked_total",
                                       "sources", "attributions", "us"])


def _group_name(outlet: str, outlet_ar: str, unknown: str = "Unknown outlets (one group)") -> str:
    if outlet == UNKNOWN_OUTLET:
        return unknown
    return f"{outlet} ({outlet_ar})" if outlet_ar else outlet


def readings_markdown(readings: pd.DataFrame, n_groups: int, *, rest_in: str | None = None) -> Any:
    """One bullet per row of :func:`outlet_readings`, as Markdown (Arabic isolated), then how many
    groups are not shown and where they are.

    Example:
        >>> r = pd.DataFrame([{"outlet": "X", "outlet_ar": "س", "articles": 1, "words": 300,
        ...     "marked": [("داعش الوهابي", "Wahhabi Daesh", 4, 13.3)], "marked_total": 4,
        ...     "sources": [("us_government", 8, 1)], "attributions": 9,
        ...     "us": {"neutral": 8, "distancing": 0, "conceding": 0}}])
        >>> from helpers.presentation.bidi import strip_controls
        >>> print(strip_controls(readings_markdown(r, 1).data))
        - **X (س)**, 1 article, 300 words. Marked choices (4): "Wahhabi Daesh" داعش الوهابي 4 (13.3 per 1,000 words). Cited sources (9 attributions): us\\_government 8 (1 unnamed). US-government statements: 8 neutral, 0 distancing, 0 conceding.
    """
    lines = []
    for r in readings.itertuples(index=False):
        parts = [prose.md("- **{name}**, {articles} {a_word}, {words} words.", name=_group_name(r.outlet, r.outlet_ar),
                          articles=r.articles, a_word="article" if r.articles == 1 else "articles", words=r.words).data]
        if r.marked:
            choices = "; ".join(
                prose.md('"{gloss}" {ar} {n} ({rate} per 1,000 words)', gloss=g, ar=a, n=n, rate=rate).data
                for a, g, n, rate in r.marked)
            parts.append(prose.md("Marked choices ({total}): ", total=r.marked_total).data + choices + ".")
        else:
            parts.append("No marked choice.")
        if r.sources:
            cited = "; ".join(prose.md("{t} {n}", t=t, n=n).data + (prose.md(" ({u} unnamed)", u=u).data if u else "")
                              for t, n, u in r.sources)
            parts.append(prose.md("Cited sources ({n} attributions): ", n=r.attributions).data + cited + ".")
        else:
            parts.append("No attribution found.")
        if r.us:
            parts.append(prose.md("US-government statements: {neutral} neutral, {distancing} distancing, "
                                  "{conceding} conceding.", **r.us).data)
        lines.append(" ".join(parts))
    rest = n_groups - len(readings)
    if rest > 0:
        where = f"; their counts are in `{rest_in}`" if rest_in else ""
        lines.append(prose.md("\n{rest} more outlet groups are not shown", rest=rest).data + where + ".")
    return prose.md("\n".join(lines))


def overview(res: Any) -> dict[str, Any]:
    """Headline counts: articles, outlet_groups, named_groups, unknown_articles, words,
    framing_mentions, marked_mentions, attributions, first and last publication month."""
    groups = outlet_groups(res)
    table = framing_table(res)
    marked = _marked_mask(table)
    counts = res.sql("SELECT count(*) AS n, min(substr(published, 1, 7)) AS first, "
                     "max(substr(published, 1, 7)) AS last FROM articles")
    attributions = int(res.sql("SELECT count(*) AS n FROM attributions")["n"].iloc[0])
    unknown = groups.loc[groups["outlet"] == UNKNOWN_OUTLET, "articles"]
    return {"articles": int(counts["n"].iloc[0]), "outlet_groups": len(groups),
            "named_groups": int((groups["outlet"] != UNKNOWN_OUTLET).sum()),
            "unknown_articles": int(unknown.sum()), "words": int(groups["words"].sum()),
            "framing_mentions": int(table["count"].sum()), "marked_mentions": int(table.loc[marked, "count"].sum()),
            "attributions": attributions, "first": counts["first"].iloc[0] or "", "last": counts["last"].iloc[0] or ""}


def corpus_phrase(facts: dict[str, Any]) -> str:
    """"5 articles from 3 named outlets (plus 2 articles of unknown outlet, one group), 2014-06 to 2024-04"
    from :func:`overview` (plain text; pass it to :func:`helpers.presentation.prose.md`).

    Example:
        >>> corpus_phrase({"articles": 1, "named_groups": 1, "unknown_articles": 0, "first": "2020-01", "last": "2020-01"})
        '1 article from 1 named outlet, 2020-01'
    """
    text = f"{prose.plural(facts['articles'], 'article')} from {prose.plural(facts['named_groups'], 'named outlet')}"
    if facts["unknown_articles"]:
        text += f" (plus {prose.plural(facts['unknown_articles'], 'article')} of unknown outlet, one group)"
    if facts["first"]:
        text += f", {facts['first']}" + (f" to {facts['last']}" if facts["last"] != facts["first"] else "")
    return text


def findings_markdown(res: Any, table: pd.DataFrame, groups: pd.DataFrame, *, max_items: int = 8) -> Any:
    """The closing findings, computed: the corpus in one line; each marked leaning with the outlet
    groups that use it (most mentions first; "only" when one group does), at most ``max_items``;
    and which groups introduce US-government statements with distancing or conceding verbs."""
    facts = overview(res)
    lines = [prose.md("On {corpus}: {marked} of {mentions} framing mentions are marked choices, and {attributions} "
                      "statements are attributed to a source.", corpus=corpus_phrase(facts),
                      marked=facts["marked_mentions"], mentions=facts["framing_mentions"],
                      attributions=facts["attributions"]).data, ""]
    marked = table[_marked_mask(table)]
    names = dict(zip(groups["outlet"], groups["outlet_ar"]))
    by_leaning = marked.groupby(["frame", "leaning"], sort=False)
    items = []
    for (frame, leaning), rows in by_leaning:
        per_group = rows.groupby("outlet")["count"].sum().sort_values(ascending=False, kind="stable")
        top_choice = rows.groupby(["label_ar", "gloss_en"])["count"].sum().sort_values(ascending=False,
                                                                                         kind="stable").index[0]
        who = ", ".join(prose.md("{g} {n}", g=_group_name(o, names.get(o, ""), "the unknown-outlet group"), n=int(n)).data
                        for o, n in per_group.head(3).items())
        more = len(per_group) - 3
        prefix = "only " if len(per_group) == 1 else ""
        items.append((-int(rows["count"].sum()), frame, leaning, prose.md(
            '- {frame}, {leaning} (e.g. "{gloss}" {ar}): {prefix}', frame=frame, leaning=_leaning_label(leaning),
            gloss=top_choice[1], ar=top_choice[0], prefix=prefix).data + who
            + (prose.md(" and {more} more", more=more).data if more > 0 else "") + "."))
    items.sort()
    lines.extend(text for *_, text in items[:max_items])
    if len(items) > max_items:
        lines.append(prose.md("- … and {n} more marked leanings (see the table above).", n=len(items) - max_items).data)
    us, _ = statements_by_outlet(res, "us_government")
    us = us.assign(non_neutral=us["distancing"] + us["conceding"])
    us = us.assign(rate=us["non_neutral"] / us["statements"])
    marked_us = us[us["non_neutral"] > 0].sort_values(["rate", "statements", "outlet"], ascending=[False, False, True],
                                                      kind="stable")
    lines.append("")
    if len(marked_us):
        shown = marked_us.head(3)
        lines.append(prose.md("US-government statements are introduced with a distancing or conceding verb in "
                              "{k} of {n} outlet groups that cite the US government; the highest shares: ",
                              k=len(marked_us), n=len(us)).data + "; ".join(
            prose.md("{g}, {d} distancing and {c} conceding of {n} statements", d=r.distancing, c=r.conceding,
                     g=_group_name(r.outlet, r.outlet_ar, "the unknown-outlet group"), n=r.statements).data
            for r in shown.itertuples(index=False))
            + (prose.md(" (and {m} more; see the table above)", m=len(marked_us) - len(shown)).data
               if len(marked_us) > len(shown) else "") + ".")
    elif len(us):
        lines.append(prose.md("All {k} outlet groups that cite the US government introduce it with neutral verbs.",
                              k=len(us)).data)
    else:
        lines.append("No US-government statement was found.")
    return prose.md("\n".join(lines))


def shown_path(name: str) -> str:
    """Where a processed table is, as a reader would type it: ``corpus/processed/NAME`` for the
    repository's corpus, ``OUT/processed/NAME`` for a corpus kept elsewhere (never absolute)."""
    from helpers import paths

    return f"{'OUT' if paths.out_dir() is not None else 'corpus'}/processed/{name}"


def write_tables(frames: dict[str, pd.DataFrame]) -> list[str]:
    """Write each frame as ``processed_dir()/<name>`` (UTF-8, LF, no index; byte-identical on
    re-runs); return :func:`shown_path` of each."""
    from helpers import paths

    target = paths.processed_dir()
    written = []
    for name, frame in frames.items():
        frame.to_csv(target / name, index=False, encoding="utf-8", lineterminator="\n")
        written.append(shown_path(name))
    return written
