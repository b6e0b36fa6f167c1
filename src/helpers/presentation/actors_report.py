"""The tables and numbers notebook 04 (actor frequency) shows, computed from a pipeline result.

Every function takes ``res`` (:class:`helpers.pipeline.results.Results`) and reads only the
aggregates or bounded SQL (GROUP BY, ORDER BY ... LIMIT) over its ``actors`` and ``articles``
tables, so a 1,000,000-article result is summarised in seconds and no whole mention table or
text column is loaded into pandas. The single-process matcher is used on one bounded sample
only: place mentions (``role == "place"``), which the pipeline does not store
(:func:`place_roles`).

Roll-ups follow the lexicon (:func:`helpers.actors.actor_table`: ``root`` is the top of each
actor's parent chain, ``us`` for the US military, ``iraq`` for the Iraqi government).

Example:
    >>> lexicon_overview(actors.load_actor_lexicon()).columns.tolist()
    ['type', 'actors', 'aliases', 'place-name aliases']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from helpers import actors
from helpers.pipeline.aggregates import outlet_group_sql
from helpers.presentation.actor_plots import MAX_COLUMNS

__all__ = ["lexicon_overview", "actor_totals", "root_totals", "outlet_rates", "heatmap_input",
           "cooccurrence_pairs", "role_counts", "place_roles", "evidence_mentions", "explorer_mentions",
           "texts_of", "findings", "PLACE_SAMPLE"]

#: Most articles whose texts are scanned again for place mentions (the pipeline stores none).
PLACE_SAMPLE = 500


def _has_column(res: Any, table: str, column: str) -> bool:
    return column in set(res.sql(f"DESCRIBE {table}")["column_name"])


def _actor_filter(res: Any) -> str:
    """SQL condition keeping actor mentions only (places are not actor mentions)."""
    return "coalesce(role, 'actor') <> 'place'" if _has_column(res, "actors", "role") else "TRUE"


def lexicon_overview(lexicon: pd.DataFrame) -> pd.DataFrame:
    """Actors and aliases per actor type, most aliases first, with the place-name aliases
    (``match_rule == place_name``, read as a government or a place by context).

    Example:
        >>> lex = pd.DataFrame({"actor_id": ["us", "us", "isis"], "label_en": ["US", "US", "ISIS"],
        ...     "label_ar": ["أمريكا", "أمريكا", "داعش"], "type": ["state", "state", "armed group"],
        ...     "parent": ["", "", ""], "alias": ["أمريكا", "واشنطن", "داعش"],
        ...     "match_rule": ["", "place_name", ""]})
        >>> lexicon_overview(lex).values.tolist()
        [['state', 1, 2, 1], ['armed group', 1, 1, 0]]
    """
    rule = lexicon["match_rule"] if "match_rule" in lexicon.columns else pd.Series("", index=lexicon.index)
    table = lexicon.assign(place=(rule == "place_name").astype("int64")).groupby("type", sort=True).agg(
        actors=("actor_id", "nunique"), aliases=("alias", "size"), place=("place", "sum")).reset_index()
    table = table.rename(columns={"place": "place-name aliases"})
    return table.sort_values(["aliases", "type"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _labelled(table: pd.DataFrame, info: pd.DataFrame, column: str = "actor_id") -> pd.DataFrame:
    labels = info.set_index("actor_id")
    out = table.copy()
    out.insert(out.columns.get_loc(column) + 1, "label_en", out[column].map(labels["label_en"]).fillna(out[column]))
    out.insert(out.columns.get_loc(column) + 2, "label_ar", out[column].map(labels["label_ar"]).fillna(""))
    return out


def actor_totals(res: Any, lexicon: pd.DataFrame) -> pd.DataFrame:
    """The ``actor_counts`` aggregate with labels, type and root: one row per actor mentioned,
    most mentioned first (ties by id)."""
    counts = res.aggregate("actor_counts")
    info = actors.actor_table(lexicon)
    out = _labelled(counts, info)
    meta = info.set_index("actor_id")
    out.insert(3, "type", out["actor_id"].map(meta["type"]).fillna(""))
    out.insert(4, "root", out["actor_id"].map(meta["root"]).fillna(out["actor_id"]))
    return out.sort_values(["mentions", "actor_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _words(res: Any) -> int:
    return int(res.sql("SELECT coalesce(sum(n_words), 0) AS w FROM articles")["w"].iloc[0])


def root_totals(res: Any, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Mentions rolled up to the root of each actor (all American actors count for ``us``):
    root, label_en, label_ar, mentions, articles (naming any actor of the root), per_1000_words
    (over the whole corpus); most mentioned first."""
    info = actors.actor_table(lexicon)
    mapping = pd.DataFrame({"actor_id": info["actor_id"], "root": info["root"]})
    res.con.register("_roots", mapping)
    try:
        table = res.sql(f"""
            SELECT coalesce(r.root, m.actor_id) AS root, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
            FROM actors m LEFT JOIN _roots r USING (actor_id) WHERE {_actor_filter(res)}
            GROUP BY ALL ORDER BY mentions DESC, root""")
    finally:
        res.con.unregister("_roots")
    words = _words(res)
    table["per_1000_words"] = (1000.0 * table["mentions"] / max(words, 1)).round(3)
    table = table.astype({"mentions": "int64", "articles": "int64"})
    return _labelled(table, info, "root")


def outlet_rates(res: Any, lexicon: pd.DataFrame, *, n_roots: int = 6) -> pd.DataFrame:
    """Mentions per 1,000 words of the ``n_roots`` most mentioned roots, per outlet group.

    From the ``actor_counts_by_outlet`` aggregate rolled up to the roots. Rows: outlet groups,
    most words first (ties by name); columns: articles, words, then one per root (label_en),
    0 where the group never names it.
    """
    by_outlet = res.aggregate("actor_counts_by_outlet")
    info = actors.actor_table(lexicon)
    roots = root_totals(res, lexicon).head(n_roots)
    outlets = res.aggregate("outlets")[["outlet_group", "articles", "words"]]
    root_of = info.set_index("actor_id")["root"]
    rolled = by_outlet.assign(root=by_outlet["actor_id"].map(root_of).fillna(by_outlet["actor_id"]))
    mentions = rolled.groupby(["outlet_group", "root"], sort=True)["mentions"].sum().unstack(fill_value=0)
    mentions = mentions.reindex(index=outlets["outlet_group"], columns=roots["root"], fill_value=0)
    table = outlets.set_index("outlet_group")
    rates = 1000.0 * mentions.div(table["words"].clip(lower=1), axis=0)
    rates.columns = list(roots["label_en"])
    table = table.join(rates.round(1))
    table = table.reset_index().sort_values(["words", "outlet_group"], ascending=[False, True], kind="stable")
    return table.rename(columns={"outlet_group": "outlet group"}).reset_index(drop=True)


def heatmap_input(res: Any, actor_ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(matrix, articles) for :func:`helpers.presentation.actor_plots.plot_actor_heatmap`.

    With at most :data:`MAX_COLUMNS` articles: one column per article (mentions per 1,000 words)
    and the articles' id, outlet and words. With more, the figure groups by outlet; so that it
    never loads one column per article, each outlet group comes as one rate (its mentions per
    1,000 of its words, which is the word-weighted mean the figure would compute from its
    articles) split into equal parts that carry its words and outlet, country and type, enough
    parts in all that the figure groups them by outlet (or country) rather than showing them as
    articles. Rows follow ``actor_ids``.
    """
    n_articles = int(res.sql("SELECT count(*) AS n FROM articles")["n"].iloc[0])
    wanted = pd.DataFrame({"actor_id": list(actor_ids)})
    res.con.register("_wanted_actors", wanted)
    try:
        if n_articles <= MAX_COLUMNS:
            articles = res.sql(f"""SELECT article_id, {outlet_group_sql('a')} AS outlet, outlet_ar,
                                   outlet_country, outlet_type, n_words FROM articles a ORDER BY article_id""")
            counts = res.sql(f"""SELECT m.article_id, m.actor_id, count(*) AS mentions FROM actors m
                                 JOIN _wanted_actors USING (actor_id) WHERE {_actor_filter(res)}
                                 GROUP BY ALL""")
            words = articles.set_index("article_id")["n_words"]
            counts["rate"] = 1000.0 * counts["mentions"] / counts["article_id"].map(words).clip(lower=1)
            matrix = counts.pivot(index="actor_id", columns="article_id", values="rate")
            matrix = matrix.reindex(index=list(actor_ids), columns=list(articles["article_id"])).fillna(0.0)
        else:
            outlets = res.aggregate("outlets").sort_values("outlet_group", kind="stable").reset_index(drop=True)
            counts = res.sql(f"""SELECT {outlet_group_sql('a')} AS outlet_group, m.actor_id, count(*) AS mentions
                                 FROM actors m JOIN articles a USING (article_id) JOIN _wanted_actors USING (actor_id)
                                 WHERE {_actor_filter(res)} GROUP BY ALL""")
            words = outlets.set_index("outlet_group")["words"]
            counts["rate"] = 1000.0 * counts["mentions"] / counts["outlet_group"].map(words).clip(lower=1)
            rates = counts.pivot(index="actor_id", columns="outlet_group", values="rate")
            rates = rates.reindex(index=list(actor_ids), columns=list(outlets["outlet_group"])).fillna(0.0)
            parts = max(1, -(-(MAX_COLUMNS + 1) // max(len(outlets), 1)))
            rows, columns = [], {}
            for _, outlet in outlets.iterrows():
                for k in range(parts):
                    key = f"{outlet['outlet_group']} #{k + 1}"
                    rows.append({"article_id": key, "outlet": outlet["outlet_group"], "outlet_ar": outlet["outlet_ar"],
                                 "outlet_country": outlet["outlet_country"], "outlet_type": outlet["outlet_type"],
                                 "n_words": float(outlet["words"]) / parts})
                    columns[key] = rates[outlet["outlet_group"]].to_numpy()
            articles = pd.DataFrame(rows)
            matrix = pd.DataFrame(columns, index=list(actor_ids))
    finally:
        res.con.unregister("_wanted_actors")
    matrix.index.name, matrix.columns.name = "actor_id", "article_id"
    return matrix, articles


def cooccurrence_pairs(res: Any, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence (SQL over the ``actors`` table), each pair
    counted once per sentence: actor_a, actor_b (alphabetical), sentences, articles, and both
    English labels; most shared sentences first. Same contract as
    :func:`helpers.actors.cooccurrence`."""
    table = res.sql(f"""
        WITH s AS (SELECT DISTINCT article_id, sentence_id, actor_id FROM actors WHERE {_actor_filter(res)})
        SELECT x.actor_id AS actor_a, y.actor_id AS actor_b, count(*) AS sentences,
               count(DISTINCT x.article_id) AS articles
        FROM s x JOIN s y ON x.article_id = y.article_id AND x.sentence_id = y.sentence_id AND x.actor_id < y.actor_id
        GROUP BY ALL ORDER BY sentences DESC, actor_a, actor_b""")
    table = table.astype({"sentences": "int64", "articles": "int64"})
    label = actors.actor_table(lexicon).set_index("actor_id")["label_en"]
    table["pair"] = [f"{label.get(a, a)} + {label.get(b, b)}" for a, b in zip(table["actor_a"], table["actor_b"])]
    return table


_ROLE_NAMES = {"actor": "actor (named directly)", "metonymy": "metonymy (place name acting as its government)",
               "short_form": "short form (after the full name)", "place": "place (not an actor mention)"}


def role_counts(res: Any, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Actor mentions per role (SQL over ``actors``), plus the place mentions of ``places``
    (:func:`place_roles`) as a last row: role, mentions, articles, share (of actor mentions;
    empty for places)."""
    if _has_column(res, "actors", "role"):
        table = res.sql(f"""SELECT coalesce(role, 'actor') AS role, count(*) AS mentions,
                            count(DISTINCT article_id) AS articles FROM actors WHERE {_actor_filter(res)}
                            GROUP BY ALL""")
    else:
        table = res.sql("SELECT 'actor' AS role, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM actors")
    table = table.astype({"mentions": "int64", "articles": "int64"})
    order = {r: i for i, r in enumerate(("actor", "metonymy", "short_form", "place"))}
    table = table.set_index("role").reindex([r for r in actors.ROLES if r != "place"], fill_value=0).reset_index()
    total = int(table["mentions"].sum())
    table["share"] = (table["mentions"] / total).round(3) if total else np.nan
    if places is not None:
        row = {"role": "place", "mentions": int(places["as a place"].sum()),
               "articles": int(places.attrs.get("articles_with_place", 0)), "share": np.nan}
        table = pd.concat([table, pd.DataFrame([row])], ignore_index=True)
    table = table.sort_values("role", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    table["role"] = table["role"].map(_ROLE_NAMES).fillna(table["role"])
    return table


def place_roles(res: Any, *, sample: int = PLACE_SAMPLE) -> pd.DataFrame:
    """How each place name (بغداد, واشنطن, العراق ...) is read, on the first ``sample`` articles
    by id: alias, actor_id (its government), as a government (metonymy), as a place.

    The pipeline stores actor mentions only, so the texts of at most ``sample`` articles are
    matched again with ``places=True`` (:func:`helpers.actors.find_actor_mentions_corpus`).
    ``attrs``: ``sampled`` (articles read), ``articles`` (in the corpus), ``articles_with_place``.
    Sorted by all readings, most first.
    """
    n_articles = int(res.sql("SELECT count(*) AS n FROM articles")["n"].iloc[0])
    texts = res.sql(f"SELECT article_id, text FROM texts ORDER BY article_id LIMIT {int(sample)}")
    found = actors.find_actor_mentions_corpus(texts, places=True)
    found = found[found["role"].isin(["metonymy", "place"])]
    table = found.groupby(["alias", "actor_id", "role"], sort=True).size().unstack(fill_value=0)
    table = table.reindex(columns=["metonymy", "place"], fill_value=0).reset_index()
    table.columns.name = None
    table = table.rename(columns={"metonymy": "as a government", "place": "as a place"})
    table = table.astype({"as a government": "int64", "as a place": "int64"})
    total = table["as a government"] + table["as a place"]
    table = table.assign(_t=total).sort_values(["_t", "alias"], ascending=[False, True], kind="stable")
    table = table.drop(columns="_t").reset_index(drop=True)
    table.attrs.update(sampled=len(texts), articles=n_articles,
                       articles_with_place=int(found.loc[found["role"] == "place", "article_id"].nunique()))
    return table


def evidence_mentions(res: Any, actor_id: str, *, per_article: int = 2, limit: int = 8) -> tuple[pd.DataFrame, int]:
    """Up to ``limit`` mentions of ``actor_id`` for a KWIC table, at most ``per_article`` from
    each article (its first ones), by article id then position; and the actor's total mentions."""
    where = _actor_filter(res)
    role = "role" if _has_column(res, "actors", "role") else "'actor' AS role"
    rows = res.sql(f"""
        SELECT article_id, sentence_id, start, "end", actor_id, surface, {role} FROM (
            SELECT *, row_number() OVER (PARTITION BY article_id ORDER BY start) AS k FROM actors
            WHERE actor_id = '{actor_id.replace("'", "''")}' AND {where})
        WHERE k <= {int(per_article)} ORDER BY article_id, start LIMIT {int(limit)}""")
    total = int(res.sql(f"SELECT count(*) AS n FROM actors WHERE actor_id = '{actor_id.replace(chr(39), 2 * chr(39))}' "
                        f"AND {where}")["n"].iloc[0])
    return rows, total


def explorer_mentions(res: Any, actor_ids: list[str], *, per_actor: int = 15) -> pd.DataFrame:
    """The first ``per_actor`` mentions (by article id, position) of each of ``actor_ids``."""
    wanted = pd.DataFrame({"actor_id": list(actor_ids)})
    res.con.register("_explore", wanted)
    try:
        return res.sql(f"""
            SELECT article_id, sentence_id, start, "end", actor_id, surface FROM (
                SELECT m.*, row_number() OVER (PARTITION BY m.actor_id ORDER BY m.article_id, m.start) AS k
                FROM actors m JOIN _explore USING (actor_id) WHERE {_actor_filter(res)})
            WHERE k <= {int(per_actor)} ORDER BY actor_id, article_id, start""")
    finally:
        res.con.unregister("_explore")


def texts_of(res: Any, article_ids: Any) -> pd.DataFrame:
    """article_id and text of the given articles only (a bounded set)."""
    wanted = pd.DataFrame({"article_id": sorted({str(a) for a in article_ids})})
    res.con.register("_texts_wanted", wanted)
    try:
        return res.sql("SELECT t.article_id, t.text FROM texts t JOIN _texts_wanted USING (article_id) ORDER BY article_id")
    finally:
        res.con.unregister("_texts_wanted")


def findings(res: Any, lexicon: pd.DataFrame, pairs: pd.DataFrame, places: pd.DataFrame) -> dict[str, Any]:
    """The numbers the closing prose quotes, each computed here (nothing typed by hand).

    Keys: articles, mentions, actors (distinct); top (label, mentions, articles); us_side and
    iraq_side (mentions rolled up to the roots ``us`` and ``iraq``, 0 if absent); top_pair
    (label, sentences, articles) and top_pair_ties; military_pair (the actor sharing most
    sentences with the US military: label, sentences, articles); known_outlets (outlet groups
    other than unknown) and unknown_outlet_articles; military_high and military_low (the known
    outlet groups naming the US military most and least per 1,000 words, when there are two or
    more); metonymy and short_form counts and shares; place_sample, as_place and as_government:
    the readings of place names in the place sample.
    """
    totals = actor_totals(res, lexicon)
    roots = root_totals(res, lexicon).set_index("root")
    n_articles = int(res.sql("SELECT count(*) AS n FROM articles")["n"].iloc[0])
    out: dict[str, Any] = {"articles": n_articles, "mentions": int(totals["mentions"].sum()),
                           "actors": int(len(totals))}
    if len(totals):
        first = totals.iloc[0]
        out["top"] = (str(first["label_en"]), int(first["mentions"]), int(first["articles"]))
    else:
        out["top"] = None
    out["us_side"] = int(roots["mentions"].get("us", 0))
    out["iraq_side"] = int(roots["mentions"].get("iraq", 0))
    out["top_pair"] = (str(pairs.iloc[0]["pair"]), int(pairs.iloc[0]["sentences"]), int(pairs.iloc[0]["articles"])) \
        if len(pairs) else None
    out["top_pair_ties"] = int((pairs["sentences"] == pairs.iloc[0]["sentences"]).sum()) if len(pairs) else 0
    military = pairs[(pairs["actor_a"] == "us_military") | (pairs["actor_b"] == "us_military")]
    if len(military):
        row = military.iloc[0]
        partner = row["actor_b"] if row["actor_a"] == "us_military" else row["actor_a"]
        label = actors.actor_table(lexicon).set_index("actor_id")["label_en"]
        out["military_pair"] = (str(label.get(partner, partner)), int(row["sentences"]), int(row["articles"]))
    else:
        out["military_pair"] = None
    by_outlet = res.aggregate("actor_counts_by_outlet")
    outlets = res.aggregate("outlets")
    known = outlets[outlets["outlet_group"] != "unknown"].set_index("outlet_group")
    out["known_outlets"] = int(len(known))
    unknown = outlets.loc[outlets["outlet_group"] == "unknown", "articles"]
    out["unknown_outlet_articles"] = int(unknown.sum())
    mil = by_outlet[by_outlet["actor_id"] == "us_military"].set_index("outlet_group")["per_1000_words"]
    rates = pd.Series({g: float(mil.get(g, 0.0)) for g in known.index}).sort_index()
    if len(rates) >= 2:
        ranked = rates.sort_values(ascending=False, kind="stable")
        out["military_high"] = (str(ranked.index[0]), round(float(ranked.iloc[0]), 1))
        out["military_low"] = (str(ranked.index[-1]), round(float(ranked.iloc[-1]), 1))
    else:
        out["military_high"] = out["military_low"] = None
    by_role: dict[str, int] = {}
    if _has_column(res, "actors", "role"):
        found = res.sql(f"SELECT role, count(*) AS n FROM actors WHERE {_actor_filter(res)} GROUP BY role")
        by_role = dict(zip(found["role"], found["n"].astype("int64")))
    total = max(out["mentions"], 1)
    out["metonymy"] = int(by_role.get("metonymy", 0))
    out["short_form"] = int(by_role.get("short_form", 0))
    out["metonymy_share"] = out["metonymy"] / total
    out["short_form_share"] = out["short_form"] / total
    out["place_sample"] = int(places.attrs.get("sampled", 0))
    out["as_place"] = int(places["as a place"].sum())
    out["as_government"] = int(places["as a government"].sum())
    return out


def findings_markdown(f: dict[str, Any]) -> Any:
    """The closing findings of notebook 04 as Markdown, from :func:`findings` (each line only
    when the data has something to say).

    Example:
        >>> f = {"articles": 2, "known_outlets": 1, "unknown_outlet_articles": 1, "top": None,
        ...      "military_high": None, "top_pair": None, "military_pair": None, "metonymy": 0,
        ...      "metonymy_share": 0.0, "short_form": 0, "short_form_share": 0.0, "place_sample": 2, "as_place": 3}
        >>> findings_markdown(f).data.splitlines()[0]
        'On the 2 articles (1 known outlets; 1 article of unknown outlet):'
    """
    from helpers.presentation import prose

    lines = [prose.md("On the {n} articles ({known} known outlets; {u} of unknown outlet):", n=f["articles"],
                      known=f["known_outlets"], u=prose.plural(f["unknown_outlet_articles"], "article")).data]
    if f["top"]:
        lines.append(prose.md(
            "- **Most mentioned:** {top} ({tm} mentions in {ta} articles). Rolled up, American actors have {us} mentions "
            "and Iraqi actors {iraq}.", top=f["top"][0], tm=f["top"][1], ta=f["top"][2], us=f["us_side"],
            iraq=f["iraq_side"]).data)
    if f["military_high"]:
        lines.append(prose.md(
            "- **Outlets differ:** the US military is named {hi} times per 1,000 words by {hio} and {lo} by {loo}.",
            hi=f["military_high"][1], hio=f["military_high"][0], lo=f["military_low"][1], loo=f["military_low"][0]).data)
    if f["top_pair"]:
        lines.append(prose.md(
            "- **Pairs:** {pair} share the most sentences ({s} in {a} articles; {ties} pairs reach that count).",
            pair=f["top_pair"][0], s=f["top_pair"][1], a=f["top_pair"][2], ties=f["top_pair_ties"]).data)
    if f["military_pair"]:
        lines.append(prose.md("- **The US military** appears most often with {pair} ({s} sentences).",
                              pair=f["military_pair"][0], s=f["military_pair"][1]).data)
    lines.append(prose.md(
        "- **Roles:** {met} mentions ({mshare:.0%}) are place names acting as their government and {sf} "
        "({sshare:.0%}) short forms; on the {ps} sampled articles, place names are places {pl} times.",
        met=f["metonymy"], mshare=f["metonymy_share"], sf=f["short_form"], sshare=f["short_form_share"],
        ps=f["place_sample"], pl=f["as_place"]).data)
    return prose.md(lines[0] + "\n\n" + "\n".join(lines[1:]))
