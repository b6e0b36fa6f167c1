"""Ingestion: decoding, page-furniture cleaning, duplicates, metadata and bulk import."""
