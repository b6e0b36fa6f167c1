"""Open a pipeline result folder from a notebook: small aggregates as pandas, big tables as DuckDB.

Opening reads no per-article data: aggregates are small Parquet files, and the per-partition
tables (articles, mentions, ...) are DuckDB views that scan Parquet only when queried, so a
1M-article result opens in well under a second.

Example:
    >>> import tempfile
    >>> results = open_results(tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileNotFoundError: ... has no pipeline result (no _state/run_log.json): run `python -m helpers.pipeline --corpus DIR --out ...` first
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.pipeline.aggregates import AGGREGATES, EMPTY_SCHEMAS, connect
from helpers.pipeline.storage import read_json, read_parquet

__all__ = ["Results", "open_results"]


@dataclass
class Results:
    """A pipeline result folder: ``aggregate(name)`` (pandas), ``sql(query)``, ``table(name)`` (DuckDB)."""

    out: Path
    con: Any  # duckdb.DuckDBPyConnection with one view per table
    run_log: dict[str, Any]

    def aggregate(self, name: str) -> pd.DataFrame:
        """One of :data:`helpers.pipeline.aggregates.AGGREGATES` as a DataFrame."""
        if name not in AGGREGATES:
            raise KeyError(f"no aggregate {name!r}; the aggregates are {list(AGGREGATES)}")
        return read_parquet(self.out / "aggregates" / f"{name}.parquet")

    def table(self, name: str) -> Any:
        """A per-partition table (articles, texts, sentences, cleaning_audit, numbers, actors,
        framing, attributions, ingest_report) as a lazy DuckDB relation (``.df()`` loads it)."""
        if name not in (*EMPTY_SCHEMAS, "ingest_report"):
            raise KeyError(f"no table {name!r}; the tables are {[*EMPTY_SCHEMAS, 'ingest_report']}")
        return self.con.table(name)

    def sql(self, query: str) -> pd.DataFrame:
        """Run SQL over the tables (views named as in :meth:`table`); return a DataFrame."""
        return self.con.execute(query).df()

    def report(self) -> pd.DataFrame:
        """The ingest report: one row per input file with its status and reason."""
        return read_parquet(self.out / "ingest_report.parquet")

    def sentences_of(self, mentions: pd.DataFrame) -> pd.Series:
        """The sentence text of each row of a mention table (looked up by article and sentence id)."""
        if mentions.empty:
            return pd.Series([], dtype="str")
        keys = mentions[["article_id", "sentence_id"]].drop_duplicates()
        self.con.register("_wanted", keys)
        try:
            found = self.con.execute(
                "SELECT s.article_id, s.sentence_id, substr(t.text, s.start + 1, s.\"end\" - s.start) AS sentence "
                "FROM sentences s JOIN _wanted w USING (article_id, sentence_id) JOIN texts t USING (article_id)").df()
        finally:
            self.con.unregister("_wanted")
        merged = mentions[["article_id", "sentence_id"]].merge(found, how="left", on=["article_id", "sentence_id"])
        return pd.Series(merged["sentence"].to_numpy(), index=mentions.index, name="sentence")


def open_results(out: str | Path) -> Results:
    """Open the result folder ``out`` written by ``python -m helpers.pipeline``."""
    folder = Path(out)
    run_log = read_json(folder / "_state" / "run_log.json")
    if run_log is None:
        raise FileNotFoundError(f"{folder} has no pipeline result (no _state/run_log.json): run "
                                "`python -m helpers.pipeline --corpus DIR --out ...` first")
    if run_log.get("incomplete"):
        raise RuntimeError(f"{folder}: the last pipeline run did not finish; run it again (it resumes from the "
                           "finished partitions)")
    return Results(folder, connect(folder), run_log)


def default_results_dir() -> Path:
    """Where :func:`load_results` keeps the tables of the current corpus when no RESULTS_DIR is given:
    ``OUT/results`` for a corpus kept elsewhere, else ``build/results`` in the repository (git-ignored)."""
    from helpers import paths

    out = paths.out_dir()
    return (out / "results") if out is not None else paths.project_root() / "build" / "results"


def load_results(results: str | Path | None = None, *, workers: int | None = 1) -> Results:
    """The pipeline's tables for the current corpus (:mod:`helpers.paths`), brought up to date first.

    With a results folder given (``RESULTS_DIR`` / ``HELPERS_RESULTS_DIR``: the output of
    ``make pipeline``), it is opened as it is: a large corpus is processed once, outside the notebook.
    Otherwise the pipeline runs on the current corpus into :func:`default_results_dir`; it is
    incremental (keyed on file contents, code and lexicons), so when nothing changed this only
    checks the files, and a notebook never re-runs an analysis it does not need.
    """
    from helpers import paths
    from helpers.pipeline.run import run_pipeline

    given = Path(results) if results is not None else paths.results_dir()
    if given is not None:
        return open_results(given)
    target = default_results_dir()
    run_pipeline(paths.corpus_dir(), target, workers=workers)
    return open_results(target)
