"""What notebook 01 (ingestion) shows, computed from the pipeline's tables with bounded SQL.

Every function takes ``res`` (:class:`helpers.pipeline.results.Results`) and returns a small
DataFrame or dict: counts come from GROUP BY queries, and only a bounded number of rows (top N by
a stated rule, ORDER BY ... LIMIT n) is ever loaded, so a 1,000,000-article result is summarised
in seconds. Where :mod:`helpers.ingestion.views` already formats a table (``corpus_overview``,
``cleaning_summary``, ``not_ingested``), it is applied to the bounded rows.

Rules used to pick the one article a section shows (never a typed id):

- raw vs clean: the article with the most cleaning removals (ties: smallest article_id); with no
  removal at all, the first article by id;
- sentences and offsets: the most frequent actor alias in the corpus (ties: alphabetical), in the
  article that writes it in the most different forms (with clitics), then with the most mentions
  of it (ties: smallest article_id).

Example:
    >>> status_counts_from(pd.DataFrame({"status": ["rejected"], "files": [2]}))["files"].tolist()
    [0, 0, 0, 2, 0]
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.ingestion.load import STATUSES
from helpers.ingestion.views import cleaning_summary, corpus_overview, not_ingested, shorten

__all__ = [
    "SMALL_CORPUS",
    "corpus_glance",
    "overview_rows",
    "precision_counts",
    "timeline_articles",
    "most_cleaned_article",
    "raw_vs_clean_excerpt",
    "clean_text_of",
    "cleaning_by_reason",
    "cleaning_sample",
    "status_counts_from",
    "status_counts",
    "not_ingested_rows",
    "offset_demo",
]

#: Up to this many articles the notebook also writes corpus/processed/*.csv; above it the
#: Parquet tables of the pipeline result are the output.
SMALL_CORPUS = 1000
#: Up to this many articles the timeline marks each article (helpers.presentation.ingestion_plots).
_MARKED = 40
_ARTICLE_META = ("article_id, file, outlet, outlet_ar, outlet_country, outlet_type, published, date_precision, "
                 "title, source_line, n_words, n_sentences")


def _quote(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _unknown(column: str) -> str:
    return f"coalesce(trim({column}), '') IN ('', 'unknown')"


def corpus_glance(res: Any) -> dict[str, Any]:
    """Headline counts: articles, words, sentences, known outlets, countries, unknown-outlet
    articles, first and last year, distinct years, articles with a source line, cleaning
    removals and articles with a removal (GROUP BY queries only)."""
    row = res.sql(f"""
        SELECT count(*) AS articles,
               CAST(coalesce(sum(n_words), 0) AS BIGINT) AS words,
               CAST(coalesce(sum(n_sentences), 0) AS BIGINT) AS sentences,
               count(DISTINCT CASE WHEN NOT {_unknown('outlet')} THEN outlet END) AS outlets,
               count(*) FILTER (WHERE {_unknown('outlet')}) AS unknown_outlet,
               count(DISTINCT CASE WHEN NOT {_unknown('outlet_country')} THEN outlet_country END) AS countries,
               min(CASE WHEN date_precision <> 'unknown' AND published <> 'unknown' THEN substr(published, 1, 4) END)
                   AS first_year,
               max(CASE WHEN date_precision <> 'unknown' AND published <> 'unknown' THEN substr(published, 1, 4) END)
                   AS last_year,
               count(DISTINCT CASE WHEN date_precision <> 'unknown' AND published <> 'unknown'
                                   THEN substr(published, 1, 4) END) AS years,
               count(*) FILTER (WHERE coalesce(source_line, '') <> '') AS with_source_line
        FROM articles""").iloc[0]
    glance = {k: (int(v) if k not in ("first_year", "last_year") else (None if pd.isna(v) else str(v)))
              for k, v in row.items()}
    audit = res.sql("SELECT count(*) AS removals, count(DISTINCT article_id) AS cleaned FROM cleaning_audit").iloc[0]
    glance["removals"], glance["cleaned_articles"] = int(audit["removals"]), int(audit["cleaned"])
    return glance


def overview_rows(res: Any, limit: int = 10) -> pd.DataFrame:
    """:func:`helpers.ingestion.views.corpus_overview` of the first ``limit`` articles by id."""
    rows = res.sql(f"SELECT {_ARTICLE_META} FROM articles ORDER BY article_id LIMIT {int(limit)}")
    return corpus_overview(rows.fillna(""))


def precision_counts(res: Any) -> pd.DataFrame:
    """Articles per date precision (day, month, year, unknown), most precise first."""
    counts = res.sql("SELECT coalesce(date_precision, 'unknown') AS date_precision, count(*) AS articles "
                     "FROM articles GROUP BY 1")
    order = {p: i for i, p in enumerate(("day", "month", "year", "unknown"))}
    counts = counts.assign(_o=counts["date_precision"].map(lambda p: order.get(p, len(order))))
    return counts.sort_values(["_o", "date_precision"]).drop(columns="_o").reset_index(drop=True)


def timeline_articles(res: Any) -> pd.DataFrame:
    """The articles table that :func:`plot_corpus_timeline` takes, without loading every article.

    Up to 40 articles (the timeline marks each one): one row per article. Above that the figure
    counts articles per month, quarter or year, so the articles are grouped in SQL by outlet,
    country, type, month and precision: one row per group, ``articles`` saying how many it
    stands for (article_id empty, published the month's first day, or the year's for a date
    known only to the year). The figure is the same; the query reads a few columns, not the texts.
    """
    n = int(res.sql("SELECT count(*) AS n FROM articles")["n"].iloc[0])
    columns = ["article_id", "outlet", "outlet_ar", "outlet_country", "outlet_type", "published", "date_precision"]
    if n <= _MARKED:
        return res.sql(f"SELECT {', '.join(columns)} FROM articles ORDER BY article_id").fillna("")
    groups = res.sql("""
        SELECT '' AS article_id, outlet, outlet_ar, outlet_country, outlet_type,
               CASE WHEN date_precision = 'unknown' OR published = 'unknown' OR published IS NULL THEN 'unknown'
                    ELSE substr(published, 1, 7) || '-01' END AS published,
               CASE WHEN date_precision IN ('year', 'unknown') THEN date_precision ELSE 'month' END
                   AS date_precision,
               count(*) AS articles
        FROM articles GROUP BY ALL ORDER BY ALL""").fillna("")
    return groups.astype({c: object for c in columns})


def most_cleaned_article(res: Any) -> dict[str, Any]:
    """The article with the most cleaning removals (ties: smallest id), or the first article by id
    when nothing was removed: its article_id, file and number of removals."""
    top = res.sql("SELECT a.article_id, a.file, count(c.article_id) AS removals FROM articles a "
                  "LEFT JOIN cleaning_audit c USING (article_id) GROUP BY a.article_id, a.file "
                  "ORDER BY removals DESC, a.article_id LIMIT 1")
    if top.empty:
        raise ValueError("the corpus has no article: add some with `make add SRC=...`")
    row = top.iloc[0]
    return {"article_id": str(row["article_id"]), "file": str(row["file"]), "removals": int(row["removals"])}


def raw_vs_clean_excerpt(table: pd.DataFrame, body_lines: int = 2) -> tuple[pd.DataFrame, int]:
    """The rows of :func:`helpers.ingestion.views.raw_vs_clean` worth reading: every line that is
    not plain body (title, removed, stray markup) plus the first ``body_lines`` body lines.
    Returns (rows in raw order, number of body lines left out).

    Example:
        >>> t = pd.DataFrame({"line_no": [1, 2, 3, 4], "raw_line": ["fbpx", "a", "b", "c"],
        ...                   "fate": ["removed: tracking token", "title", "body", "body"]})
        >>> rows, hidden = raw_vs_clean_excerpt(t, body_lines=1)
        >>> rows["line_no"].tolist(), hidden
        ([1, 2, 3], 1)
    """
    body = table["fate"].eq("body")
    keep = ~body | (body.cumsum().le(body_lines) & body)
    return table[keep].reset_index(drop=True), int((body & ~keep).sum())


def clean_text_of(res: Any, article_id: str, chars: int = 300) -> str:
    """The first ``chars`` characters of one article's clean text (one row read)."""
    found = res.sql(f"SELECT substr(text, 1, {int(chars)}) AS head FROM texts WHERE article_id = {_quote(article_id)}")
    if found.empty:
        raise KeyError(f"article {article_id!r} has no text in the result")
    return str(found["head"].iloc[0])


def cleaning_by_reason(res: Any) -> pd.DataFrame:
    """Removals per reason: how many lines, in how many articles, and the first example (by
    article_id and line), most frequent reason first."""
    rows = res.sql("""
        SELECT reason, count(*) AS removed, count(DISTINCT article_id) AS articles,
               arg_min(line, article_id || lpad(CAST(line_no AS VARCHAR), 9, '0')) AS example
        FROM cleaning_audit GROUP BY reason ORDER BY removed DESC, reason""")
    rows["example"] = [shorten(str(t), 50) for t in rows["example"]]
    return rows


def cleaning_sample(res: Any, articles: int = 3) -> pd.DataFrame:
    """:func:`helpers.ingestion.views.cleaning_summary` (per article and reason, one example)
    for the ``articles`` articles with the most removals (ties: smallest id)."""
    audit = res.sql(f"""
        WITH top AS (SELECT article_id, count(*) AS n FROM cleaning_audit GROUP BY article_id
                     ORDER BY n DESC, article_id LIMIT {int(articles)})
        SELECT c.article_id, c.file, c.line_no, c.line, c.reason FROM cleaning_audit c JOIN top USING (article_id)
        ORDER BY c.article_id, c.line_no""")
    return cleaning_summary(audit)


def status_counts_from(ingest_status: pd.DataFrame) -> pd.DataFrame:
    """Files per status, every status listed (zero included) in the order of
    :data:`helpers.ingestion.load.STATUSES`, from the ``ingest_status`` aggregate (status, files);
    the same table as :func:`helpers.ingestion.views.report_counts` without loading the report."""
    counts = dict(zip(ingest_status["status"].astype(str), ingest_status["files"].astype(int)))
    statuses = [*STATUSES, *sorted(set(counts) - set(STATUSES))]
    return pd.DataFrame({"status": statuses, "files": [int(counts.get(s, 0)) for s in statuses]})


def status_counts(res: Any) -> pd.DataFrame:
    """Files per status from the pipeline's ``ingest_status`` aggregate (see :func:`status_counts_from`)."""
    return status_counts_from(res.aggregate("ingest_status"))


def not_ingested_rows(res: Any, limit: int = 50) -> tuple[pd.DataFrame, int]:
    """The files that were not ingested (first ``limit`` by status, then file) with their reason,
    via :func:`helpers.ingestion.views.not_ingested`; and how many there are in all."""
    total = int(res.sql("SELECT count(*) AS n FROM ingest_report WHERE status <> 'ingested'")["n"].iloc[0])
    rows = res.sql("SELECT file, coalesce(article_id, '') AS article_id, status, coalesce(reason, '') AS reason "
                   f"FROM ingest_report WHERE status <> 'ingested' ORDER BY status, file LIMIT {int(limit)}")
    return not_ingested(rows), total


def _word_around(text: str, start: int, end: int) -> str:
    """The whitespace-delimited word(s) of ``text`` containing ``text[start:end]`` (clitics included).

    Example:
        >>> _word_around("قال للولايات المتحدة إن", 6, 20)
        'للولايات المتحدة'
    """
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [i for i in (text.find(" ", end), text.find("\n", end)) if i != -1]
    return text[left:min(ends) if ends else len(text)]


def offset_demo(res: Any, max_hits: int = 6, width: int = 60) -> tuple[dict[str, Any], pd.DataFrame]:
    """Spelling-tolerant search on one article, with offsets into its clean text and sentence ids.

    The query is the actor alias mentioned most often in the corpus; the article is the one that
    writes it in the most different forms (clitics), then with the most mentions of it (see the
    module docstring). :func:`helpers.text.find_normalised` is run on that article's clean text
    (one row read); each hit is placed in the pipeline's sentence whose ``start``/``end`` offsets
    contain it. Returns (choice: alias, article_id, hits, matcher_mentions (the actor matcher's
    mentions of the alias there, clitic forms included), forms, sentences, sentences_in_article;
    a table of the first ``max_hits`` hits: in the word, offsets, sentence_id, sentence). With no
    actor mention at all, the choice is empty and so is the table.
    """
    from helpers.text import find_normalised

    columns = ["in the word", "offsets", "sentence_id", "sentence"]
    top = res.sql("SELECT alias, count(*) AS n FROM actors GROUP BY alias ORDER BY n DESC, alias LIMIT 1")
    if top.empty:
        return {}, pd.DataFrame(columns=columns)
    alias = str(top["alias"].iloc[0])
    pick = res.sql(f"SELECT article_id, count(DISTINCT surface) AS forms, count(*) AS n FROM actors "
                   f"WHERE alias = {_quote(alias)} GROUP BY article_id "
                   "ORDER BY forms DESC, n DESC, article_id LIMIT 1").iloc[0]
    article_id, matcher_mentions = str(pick["article_id"]), int(pick["n"])
    text = str(res.sql(f"SELECT text FROM texts WHERE article_id = {_quote(article_id)}")["text"].iloc[0])
    sentences = res.sql(f'SELECT sentence_id, start, "end" FROM sentences WHERE article_id = {_quote(article_id)} '
                        "ORDER BY start")
    spans = find_normalised(text, alias)
    rows = []
    for start, end in spans:
        inside = sentences[(sentences["start"] <= start) & (sentences["end"] >= end)]
        if inside.empty:
            sentence_id, sentence = pd.NA, ""
        else:
            s = inside.iloc[0]
            sentence_id, sentence = int(s["sentence_id"]), shorten(text[int(s["start"]):int(s["end"])], width)
        rows.append({"in the word": _word_around(text, start, end), "offsets": f"{start}\u2013{end}",
                     "sentence_id": sentence_id, "sentence": sentence})
    table = pd.DataFrame(rows, columns=columns)
    choice = {"alias": alias, "article_id": article_id, "hits": len(spans), "matcher_mentions": matcher_mentions,
              "forms": int(table["in the word"].nunique()),
              "sentences": int(table["sentence_id"].nunique()), "sentences_in_article": len(sentences)}
    return choice, table.head(max_hits)


def findings_markdown(glance: dict[str, Any], statuses: pd.DataFrame, n_files: int, n_problems: int,
                      precision: dict[str, int], by_reason: pd.DataFrame) -> Any:
    """The findings of notebook 01 as Markdown: files ingested, outlets, date precision, cleaning.

    ``glance`` and ``precision`` are the corpus summary, ``statuses`` the counts per status,
    ``by_reason`` the removals per cleaning reason (most first).

    Example:
        >>> glance = {"articles": 1, "outlets": 1, "unknown_outlet": 0, "cleaned_articles": 0, "removals": 0}
        >>> statuses = pd.DataFrame({"status": ["ingested"], "files": [1]})
        >>> md = findings_markdown(glance, statuses, 1, 0, {"day": 1}, pd.DataFrame(columns=["reason", "removed"]))
        >>> md.data.splitlines()[0]
        '- 1 of 1 input files were ingested.'
    """
    from helpers.presentation import prose

    dated = glance["articles"] - precision.get("unknown", 0)
    if by_reason.empty:
        reasons = "nothing was removed"
    else:
        most = int(by_reason["removed"].iloc[0])
        tied = by_reason.loc[by_reason["removed"] == most, "reason"].tolist()
        reasons = (f"the most frequent reason is {tied[0]} ({prose.plural(most, 'removal')})" if len(tied) == 1 else
                   f"no reason dominates: {prose.plural(len(tied), 'reason')} tie at {prose.plural(most, 'removal')} each")
    return prose.md(
        "- {ingested} of {files} input files were ingested{problems}.\n"
        "- The {articles} articles come from {outlets} named outlets; {unknown} do not name their outlet. "
        "{coarse} of the {dated} dated articles are placed only to the month or year, which matters when lining "
        "articles up with troop-level events.\n"
        "- Cleaning removed page furniture from {cleaned} of the {articles} articles ({removals} removals); {reasons}.",
        ingested=int(statuses.loc[statuses["status"] == "ingested", "files"].sum()), files=n_files,
        problems=f"; {prose.format_number(n_problems)} not, each listed above with its reason" if n_problems else "",
        articles=glance["articles"], outlets=glance["outlets"],
        unknown=glance["unknown_outlet"], coarse=precision.get("month", 0) + precision.get("year", 0), dated=dated,
        cleaned=glance["cleaned_articles"], removals=glance["removals"], reasons=reasons)
