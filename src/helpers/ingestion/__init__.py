"""Ingestion: decoding, page-furniture cleaning, duplicates, metadata and bulk import.

Modules (import the one you need; ``helpers.corpus`` re-exports the public names):

- :mod:`~helpers.ingestion.decode`      bytes -> text (encodings, binary files, HTML pages)
- :mod:`~helpers.ingestion.furniture`   clean_article: page furniture out, every removal audited
- :mod:`~helpers.ingestion.duplicates`  DuplicateIndex: exact (sha256) and near (MinHash LSH) duplicates
- :mod:`~helpers.ingestion.metadata`    metadata.csv columns and validation
- :mod:`~helpers.ingestion.load`        ingest_file (pure, per file) and load_corpus (built from it)
- :mod:`~helpers.ingestion.views`       tables for the ingestion notebook (overview, report counts)
- :mod:`~helpers.ingestion.outlets`     corpus/lexicons/outlets.csv: outlet from a URL or a name
- :mod:`~helpers.ingestion.infer`       dates and canonical URLs from a page, a URL or a dateline
- :mod:`~helpers.ingestion.importer`    make add: files, folders and tables into a corpus
"""
