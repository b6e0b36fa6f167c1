"""The parallel pipeline: ingest once, run every analysis per partition on Dask, write Parquet.

Command line: ``python -m helpers.pipeline --corpus DIR --out DIR [--workers N]
[--scheduler ADDRESS] [--partition-size N]`` (``make pipeline CORPUS=... OUT=...``).

- :func:`helpers.pipeline.run.run_pipeline` does the work (steps in :mod:`helpers.pipeline.run`);
- :func:`helpers.pipeline.results.open_results` opens a result folder from a notebook.

Output folder::

    articles/pNNNNN.parquet        one row per ingested article: metadata, title, n_words (no text)
    texts/pNNNNN.parquet           article_id, text (the clean text every offset refers to)
    sentences/pNNNNN.parquet       article_id, sentence_id, start, end (offsets into the text)
    numbers/ actors/ framing/ attributions/pNNNNN.parquet
                                   mention tables: article_id, sentence_id, start, end, ... (no sentence text)
    cleaning_audit/pNNNNN.parquet  every line or fragment cleaning removed, with the rule's reason
    ingest_report.parquet          one row per input file: ingested / duplicate / needs-metadata /
                                   rejected / missing-file, with the reason
    aggregates/*.parquet           the small tables the notebooks plot (:mod:`helpers.pipeline.aggregates`)
    _manifest/pNNNNN.json          per finished partition: content key, articles and their sha256,
                                   row counts, seconds per stage, peak RSS of the worker
    _state/                        partition assignment and the log of the last run
    _cache/ingest/                 per-partition ingest results (reused when files are unchanged)
"""

from helpers.pipeline.results import Results, default_results_dir, load_results, open_results
from helpers.pipeline.run import RunSummary, run_pipeline

__all__ = ["run_pipeline", "RunSummary", "open_results", "load_results", "default_results_dir", "Results"]
