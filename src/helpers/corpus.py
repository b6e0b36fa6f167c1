"""The corpus: loading, bulk import and the ingestion notebook's views (re-exported).

The logic lives in :mod:`helpers.ingestion` (decode, furniture, duplicates, metadata, load,
views, importer); every name that was public here stays importable from here, e.g.
``helpers.corpus.load_corpus``. Command line::

    python -m helpers.corpus add PATH...      # = make add SRC="PATH ..."

Example:
    >>> from helpers import corpus
    >>> c = corpus.load_corpus()
    >>> list(c.articles.columns[:3])
    ['article_id', 'file', 'sha256']
"""

from __future__ import annotations

from helpers.ingestion.decode import Decoded, decode_article_bytes
from helpers.ingestion.duplicates import NEAR_DUPLICATE_JACCARD, DuplicateIndex, count_words, word_shingles
from helpers.ingestion.load import (
    ARTICLE_COLUMNS,
    AUDIT_COLUMNS,
    REPORT_COLUMNS,
    SENTENCE_COLUMNS,
    Corpus,
    IngestResult,
    ingest_file,
    load_corpus,
    write_processed,
)
from helpers.ingestion.metadata import METADATA_COLUMNS, read_metadata
from helpers.ingestion.views import (
    cleaning_summary,
    corpus_overview,
    date_label,
    not_ingested,
    outlet_label,
    raw_vs_clean,
    read_raw_text,
    report_counts,
    shorten,
    summary_text,
)
from helpers.stats import per_1000_words  # moved to helpers.stats; re-exported here

__all__ = [
    "per_1000_words",
    "METADATA_COLUMNS",
    "ARTICLE_COLUMNS",
    "SENTENCE_COLUMNS",
    "REPORT_COLUMNS",
    "AUDIT_COLUMNS",
    "NEAR_DUPLICATE_JACCARD",
    "Corpus",
    "Decoded",
    "DuplicateIndex",
    "IngestResult",
    "decode_article_bytes",
    "ingest_file",
    "read_metadata",
    "word_shingles",
    "count_words",
    "load_corpus",
    "write_processed",
    "shorten",
    "outlet_label",
    "date_label",
    "corpus_overview",
    "cleaning_summary",
    "not_ingested",
    "report_counts",
    "summary_text",
    "read_raw_text",
    "raw_vs_clean",
]


# per_1000_words moved to helpers.stats (imported above; helpers.corpus.per_1000_words still works)


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.corpus add PATH...``: see :mod:`helpers.ingestion.importer`."""
    from helpers.ingestion.importer import main as importer_main

    return importer_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
