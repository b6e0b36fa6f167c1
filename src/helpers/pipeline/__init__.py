"""The parallel pipeline: ingest once, run every analysis per partition on Dask, write Parquet."""
