"""``python -m helpers.pipeline --corpus DIR --out DIR [--workers N] [--scheduler ADDRESS] [--partition-size N]``."""

from __future__ import annotations

import argparse
import sys

from helpers.pipeline.run import DEFAULT_PARTITION_SIZE, run_pipeline


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.pipeline",
        description="Ingest a corpus once and run every analysis per partition on Dask; write Parquet tables "
                    "and aggregates to OUT. Re-running resumes: unchanged partitions are reused.")
    parser.add_argument("--corpus", required=True, help="corpus folder: raw/ (one article per file) and metadata.csv")
    parser.add_argument("--out", required=True, help="result folder (created if missing)")
    parser.add_argument("--workers", type=int, default=None,
                        help="local worker processes (default: all cores; 1 runs in this process); "
                             "ignored with --scheduler")
    parser.add_argument("--scheduler", default=None,
                        help="address of a dask.distributed scheduler, e.g. tcp://10.0.0.5:8786 (its workers must "
                             "see --corpus and --out at the same paths)")
    parser.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE,
                        help=f"files per new partition (default {DEFAULT_PARTITION_SIZE})")
    args = parser.parse_args(argv)
    try:
        summary = run_pipeline(args.corpus, args.out, workers=args.workers, scheduler=args.scheduler,
                               partition_size=args.partition_size,
                               progress=lambda message: print(message, file=sys.stderr, flush=True))
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{status}: {n}" for status, n in summary.status_counts.items())
    print(f"{summary.out}: {summary.partitions} partition(s); analysed {len(summary.analyse_computed)}, "
          f"reused {len(summary.analyse_reused)}; files {counts}; {summary.seconds['total']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
