"""The small tables the notebooks plot, computed with DuckDB over the pipeline's Parquet files.

Every aggregate is a GROUP BY over the values actually observed (no cross product of outlets x
frames x choices), so its size follows the number of distinct outlets, actors, frames..., not the
number of articles. Articles whose outlet is empty or ``unknown`` form ONE group, ``unknown``.
Each is written to ``OUT/aggregates/<name>.parquet``, sorted, so re-runs give identical files.

=============================  ================================================================
``articles_by_outlet_month``   outlet group x month (YYYY-MM of ``published``): articles, words
``outlets``                    one row per outlet group: names, country, type, articles, words
``actor_counts``               per actor: mentions, articles, share of articles, mean rate per
                               1,000 words (over all articles, and over articles naming it)
``actor_counts_by_outlet``     outlet group x actor: mentions, articles, words, per_1000_words
``framing_by_outlet``          outlet group x frame x choice: mentions, share_in_frame, per_1000_words
``cited_source_shares``        outlet group x source type: count, unnamed, total, share
``troop_level_claims``         every number mention the level rule counted as a US troop level,
                               with its article's outlet and date (and level_reason when present)
``ingest_status``              status: files
=============================  ================================================================
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["write_aggregates", "AGGREGATES", "outlet_group_sql", "connect"]

#: Columns of each per-partition table when a corpus has no partition at all (empty corpus).
EMPTY_SCHEMAS = {
    "articles": "article_id VARCHAR, file VARCHAR, sha256 VARCHAR, outlet VARCHAR, outlet_ar VARCHAR, "
                "outlet_country VARCHAR, outlet_type VARCHAR, published VARCHAR, date_precision VARCHAR, "
                "evidence VARCHAR, title VARCHAR, source_line VARCHAR, n_words BIGINT, n_sentences BIGINT",
    "texts": "article_id VARCHAR, text VARCHAR",
    "sentences": "article_id VARCHAR, sentence_id BIGINT, start BIGINT, \"end\" BIGINT",
    "cleaning_audit": "article_id VARCHAR, file VARCHAR, line_no BIGINT, line VARCHAR, reason VARCHAR",
    "numbers": "article_id VARCHAR, sentence_id BIGINT, surface VARCHAR, start BIGINT, \"end\" BIGINT, "
               "value BIGINT, value_high BIGINT, kind VARCHAR, qualifier VARCHAR, unit VARCHAR, who VARCHAR, "
               "\"where\" VARCHAR, is_us_troop_level BOOLEAN",
    "actors": "article_id VARCHAR, sentence_id BIGINT, actor_id VARCHAR, surface VARCHAR, start BIGINT, "
              "\"end\" BIGINT, alias VARCHAR",
    "framing": "article_id VARCHAR, sentence_id BIGINT, frame VARCHAR, term VARCHAR, leaning VARCHAR, "
               "choice VARCHAR, gloss_en VARCHAR, surface VARCHAR, start BIGINT, \"end\" BIGINT",
    "attributions": "article_id VARCHAR, sentence_id BIGINT, verb VARCHAR, verb_lemma VARCHAR, verb_class VARCHAR, "
                    "source_surface VARCHAR, source_type VARCHAR, anonymous BOOLEAN, start BIGINT, \"end\" BIGINT",
}


def outlet_group_sql(alias: str = "a") -> str:
    """SQL for an article's outlet group: its outlet, or ``unknown`` when empty or unknown."""
    return (f"CASE WHEN coalesce(trim({alias}.outlet), '') IN ('', 'unknown') THEN 'unknown' "
            f"ELSE {alias}.outlet END")


def connect(out: str | Path) -> Any:  # duckdb.DuckDBPyConnection
    """An in-memory DuckDB connection with one view per table of the result folder ``out``."""
    import duckdb

    folder = Path(out)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")  # no progress bars in notebook outputs or logs
    for table, schema in EMPTY_SCHEMAS.items():
        if any((folder / table).glob("p*.parquet")):
            pattern = str(folder / table / "p*.parquet").replace("'", "''")
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{pattern}', union_by_name=true)")
        else:
            con.execute(f"CREATE TABLE {table} ({schema})")
    report = folder / "ingest_report.parquet"
    if report.is_file():
        con.execute(f"CREATE VIEW ingest_report AS SELECT * FROM read_parquet('{str(report).replace(chr(39), 2 * chr(39))}')")
    else:
        con.execute("CREATE TABLE ingest_report (file VARCHAR, article_id VARCHAR, status VARCHAR, reason VARCHAR, "
                    "encoding VARCHAR, n_bytes BIGINT, sha256 VARCHAR)")
    return con


def _columns(con: Any, table: str) -> set[str]:
    return {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}


def _queries(con: Any) -> dict[str, str]:
    group = outlet_group_sql("a")
    art = (f"SELECT a.article_id, {group} AS outlet_group, a.outlet_ar, a.outlet_country, a.outlet_type, "
           "a.published, a.date_precision, a.n_words FROM articles a")
    number_columns = _columns(con, "numbers")
    extra = ", ".join(f'n."{c}"' for c in ("level_reason", "refers_to", "unit_category") if c in number_columns)
    extra = f", {extra}" if extra else ""
    return {
        "articles_by_outlet_month": f"""
            WITH a AS ({art})
            SELECT outlet_group, substr(published, 1, 7) AS month, count(*) AS articles, CAST(sum(n_words) AS BIGINT) AS words
            FROM a GROUP BY ALL ORDER BY outlet_group, month""",
        "outlets": f"""
            WITH a AS ({art})
            SELECT outlet_group, CASE WHEN outlet_group = 'unknown' THEN '' ELSE min(outlet_ar) END AS outlet_ar,
                   CASE WHEN outlet_group = 'unknown' THEN '' ELSE min(outlet_country) END AS outlet_country,
                   CASE WHEN outlet_group = 'unknown' THEN '' ELSE min(outlet_type) END AS outlet_type,
                   count(*) AS articles, CAST(sum(n_words) AS BIGINT) AS words,
                   min(published) AS first_published, max(published) AS last_published
            FROM a GROUP BY outlet_group ORDER BY articles DESC, outlet_group""",
        "actor_counts": """
            WITH n AS (SELECT count(*) AS articles FROM articles),
                 per AS (SELECT m.article_id, m.actor_id, count(*) AS mentions, any_value(a.n_words) AS n_words
                         FROM actors m JOIN articles a USING (article_id) GROUP BY m.article_id, m.actor_id)
            SELECT actor_id, CAST(sum(mentions) AS BIGINT) AS mentions, count(*) AS articles,
                   round(count(*) / any_value(n.articles), 4) AS share_of_articles,
                   round(sum(1000.0 * mentions / greatest(n_words, 1)) / any_value(n.articles), 3)
                       AS mean_per_1000_words_all_articles,
                   round(avg(1000.0 * mentions / greatest(n_words, 1)), 3) AS mean_per_1000_words_naming_articles
            FROM per, n GROUP BY actor_id ORDER BY mentions DESC, actor_id""",
        "actor_counts_by_outlet": f"""
            WITH a AS ({art}),
                 words AS (SELECT outlet_group, CAST(sum(n_words) AS BIGINT) AS words, count(*) AS outlet_articles
                           FROM a GROUP BY outlet_group)
            SELECT a.outlet_group, m.actor_id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
                   any_value(w.outlet_articles) AS outlet_articles, any_value(w.words) AS words,
                   round(1000.0 * count(*) / greatest(any_value(w.words), 1), 3) AS per_1000_words
            FROM actors m JOIN a USING (article_id) JOIN words w USING (outlet_group)
            GROUP BY a.outlet_group, m.actor_id ORDER BY a.outlet_group, mentions DESC, m.actor_id""",
        "framing_by_outlet": f"""
            WITH a AS ({art}),
                 words AS (SELECT outlet_group, CAST(sum(n_words) AS BIGINT) AS words FROM a GROUP BY outlet_group),
                 counts AS (SELECT a.outlet_group, f.frame, f.choice, count(*) AS mentions
                            FROM framing f JOIN a USING (article_id) GROUP BY ALL)
            SELECT c.outlet_group, c.frame, c.choice, c.mentions,
                   round(c.mentions / sum(c.mentions) OVER (PARTITION BY c.outlet_group, c.frame), 4)
                       AS share_in_frame,
                   round(1000.0 * c.mentions / greatest(w.words, 1), 3) AS per_1000_words
            FROM counts c JOIN words w USING (outlet_group)
            ORDER BY c.outlet_group, c.frame, c.choice""",
        "cited_source_shares": f"""
            WITH a AS ({art}),
                 counts AS (SELECT a.outlet_group, t.source_type, count(*) AS count,
                                   count(*) FILTER (WHERE t.anonymous) AS unnamed
                            FROM attributions t JOIN a USING (article_id) GROUP BY ALL)
            SELECT outlet_group, source_type, count, unnamed,
                   CAST(sum(count) OVER (PARTITION BY outlet_group) AS BIGINT) AS total,
                   round(count / sum(count) OVER (PARTITION BY outlet_group), 4) AS share
            FROM counts ORDER BY outlet_group, count DESC, source_type""",
        "troop_level_claims": f"""
            WITH a AS ({art})
            SELECT n.article_id, n.sentence_id, n.start, n."end", n.surface, n.value, n.value_high, n.qualifier,
                   n.unit, n.who, n."where"{extra}, a.outlet_group, a.published, a.date_precision
            FROM numbers n JOIN a USING (article_id)
            WHERE n.is_us_troop_level ORDER BY a.published, n.article_id, n.start""",
        "ingest_status": """
            SELECT status, count(*) AS files FROM ingest_report GROUP BY status ORDER BY status""",
    }


#: Names of the aggregate tables (files ``aggregates/<name>.parquet``).
AGGREGATES = ("articles_by_outlet_month", "outlets", "actor_counts", "actor_counts_by_outlet", "framing_by_outlet",
              "cited_source_shares", "troop_level_claims", "ingest_status")


def write_aggregates(out: str | Path) -> list[str]:
    """Compute every aggregate over the tables in ``out`` and write ``out/aggregates/*.parquet``."""
    folder = Path(out) / "aggregates"
    folder.mkdir(parents=True, exist_ok=True)
    con = connect(out)
    try:
        con.execute("SET preserve_insertion_order = true")
        for name, sql in _queries(con).items():
            temporary = folder / f".{name}.parquet.tmp"
            con.execute(f"COPY ({sql}) TO '{str(temporary).replace(chr(39), 2 * chr(39))}' "
                        "(FORMAT PARQUET, COMPRESSION ZSTD)")
            temporary.replace(folder / f"{name}.parquet")
    finally:
        con.close()
    return list(AGGREGATES)
