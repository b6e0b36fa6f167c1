"""Execute the notebooks: in place for the committed corpus, or against a corpus kept elsewhere.

``python -m helpers.reproduce`` (``make reproduce``) prints the ingestion summary of
``corpus/``, then runs every ``notebooks/*.ipynb`` (sorted by name, so ``01_`` before ``02_``)
top to bottom in a fresh ``python3`` kernel from the ``notebooks/`` folder and writes it back
with its outputs; figures go to ``figures/`` and tables to ``corpus/processed/``
(``HELPERS_WRITE_OUTPUTS=1``). Volatile things are left out so that a re-run on a clean checkout
leaves ``git status`` clean: no execution timestamps, and live-widget views (whose model ids are
random) are reduced to their static text.

``python -m helpers.reproduce --corpus DIR --out OUT`` (``make reproduce CORPUS=DIR OUT=OUT``)
runs the same notebooks against ``DIR`` (laid out like ``corpus/``; lexicons and reference data
default to the repository's) with papermill, passing the parameters ``CORPUS_DIR``, ``OUT_DIR``
and ``RESULTS_DIR`` (absolute paths; the same values are in the environment as
``HELPERS_CORPUS_DIR``, ``HELPERS_OUT_DIR`` and ``HELPERS_RESULTS_DIR``, see
:mod:`helpers.paths`). The executed notebooks go to ``OUT/notebooks/``, figures to
``OUT/figures/``, tables to ``OUT/processed/``; committed files are not touched. With
``--pipeline yes`` (or ``auto`` and a corpus of at least :data:`PIPELINE_FROM` files, when
``helpers.pipeline`` is installed) the Dask pipeline first writes its Parquet tables to
``OUT/results/`` and the notebooks read them.

A notebook that fails is reported with the error's one-line message first (no ANSI colour
codes), then where to look; the other notebooks still run, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers import paths

KERNEL_NAME = "python3"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: ``--pipeline auto`` runs the Dask pipeline for corpora of at least this many raw files.
PIPELINE_FROM = 2000
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def strip_volatile(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove outputs' and metadata's run-specific parts (widget model ids, timings)."""
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
    return nb


def error_line(error: BaseException) -> str:
    """The one-line message of a notebook error, without ANSI colour codes.

    Example:
        >>> class CellError(Exception):
        ...     ename, evalue = "ValueError", "\\x1b[0;31mmetadata.csv row 7: bad date\\x1b[0m"
        >>> error_line(CellError())
        'ValueError: metadata.csv row 7: bad date'
    """
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename:
        message = f"{ename}: {evalue}" if evalue else str(ename)
    else:
        lines = [line for line in _ANSI.sub("", str(error)).splitlines() if line.strip()]
        message = lines[-1] if lines else type(error).__name__
    return " ".join(_ANSI.sub("", message).split())


def execute_notebook(path: Path, timeout: int = 900) -> float:
    """Execute ``path`` in place in a fresh kernel; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL_NAME,
        record_timing=False,
        # The kernel runs on loopback; its "TCP without encryption" warning is noise here.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.perf_counter()
    try:
        client.execute()
    finally:
        nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                     "name": KERNEL_NAME}
        nbformat.write(strip_volatile(nb), path)
    return time.perf_counter() - started


def execute_with_parameters(path: Path, output: Path, parameters: dict[str, str | None], timeout: int = 3600) -> float:
    """Execute ``path`` with papermill ``parameters`` into ``output``; return the seconds."""
    import logging

    import papermill

    # papermill warns when a notebook has no 'parameters' cell (the values also reach the kernel
    # through the environment) and the kernel warns about loopback TCP: noise for the reader.
    logging.getLogger("papermill").setLevel(logging.ERROR)
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        papermill.execute_notebook(str(path), str(output), parameters=parameters, kernel_name=KERNEL_NAME,
                                   language="python", cwd=str(path.parent), progress_bar=False, log_output=False,
                                   request_save_on_cell_execute=False, execution_timeout=timeout,
                                   extra_arguments=["--IPKernelApp.log_level=ERROR"])
    finally:
        if output.is_file():
            nb = nbformat.read(output, as_version=4)
            nbformat.write(strip_volatile(nb), output)
    return time.perf_counter() - started


def ingestion_summary(results: Path | None = None) -> str:
    """The ingestion summary of the current corpus (counts per status, files not ingested):
    from the pipeline's ``ingest_report.parquet`` when ``results`` holds one, else by loading."""
    import pandas as pd

    from helpers.ingestion.views import summary_text

    report_file = results / "ingest_report.parquet" if results is not None else None
    if report_file is not None and report_file.is_file():
        report = pd.read_parquet(report_file)
    else:
        from helpers.ingestion.load import load_corpus

        report = load_corpus(paths.raw_dir(), paths.metadata_path()).report
    return summary_text(report)


def _use_pipeline(choice: str, corpus: Path) -> bool:
    if choice in {"yes", "no"}:
        return choice == "yes"
    available = importlib.util.find_spec("helpers.pipeline.__main__") is not None
    raw = corpus / "raw"
    return available and raw.is_dir() and sum(1 for _ in zip(os.scandir(raw), range(PIPELINE_FROM))) >= PIPELINE_FROM


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--corpus", type=Path, help="a corpus folder laid out like corpus/ (default: corpus/)")
    parser.add_argument("--out", type=Path, help="where outputs go with --corpus (required with it)")
    parser.add_argument("--pipeline", choices=["auto", "yes", "no"], default="auto",
                        help=f"run helpers.pipeline first (auto: from {PIPELINE_FROM} files, if installed)")
    args = parser.parse_args(argv)
    root = paths.project_root()
    targets = [p.resolve() for p in args.notebooks] or sorted((root / "notebooks").glob("*.ipynb"))
    if not targets:
        print("no notebooks found in notebooks/", file=sys.stderr)
        return 1
    elsewhere = args.corpus is not None or args.out is not None
    if elsewhere and (args.corpus is None or args.out is None):
        print("give both CORPUS=DIR and OUT=DIR (make reproduce CORPUS=... OUT=...)", file=sys.stderr)
        return 2
    results: Path | None = None
    if elsewhere:
        corpus, out = args.corpus.expanduser().resolve(), args.out.expanduser().resolve()
        if not (corpus / "raw").is_dir() or not (corpus / "metadata.csv").is_file():
            print(f"{corpus}: a corpus folder needs raw/ (one article per file) and metadata.csv; "
                  "create them with `make add SRC=... CORPUS=DIR`", file=sys.stderr)
            return 2
        if out == root or root in out.parents and out.name in {"figures", "notebooks", "corpus"}:
            print(f"OUT={out} would overwrite committed files: choose a folder outside them", file=sys.stderr)
            return 2
        out.mkdir(parents=True, exist_ok=True)
        os.environ.pop(paths.ENV_WRITE, None)
        paths.configure(corpus=corpus, out=out)
        if _use_pipeline(args.pipeline, corpus):
            results = out / "results"
            command = [sys.executable, "-m", "helpers.pipeline", "--corpus", str(corpus), "--out", str(results)]
            print("running the pipeline:", " ".join(command), flush=True)
            if subprocess.run(command, check=False).returncode != 0:
                print("the pipeline failed (see its messages above); notebooks not run", file=sys.stderr)
                return 1
            paths.configure(results=results)
    else:
        os.environ[paths.ENV_WRITE] = "1"  # committed figures/ and corpus/processed/ are regenerated
    try:
        print(ingestion_summary(results), flush=True)
    except (ValueError, FileNotFoundError) as error:
        print(f"ingestion failed: {error_line(error)}", file=sys.stderr)
        return 1

    failures = 0
    for path in targets:
        print(f"executing {path.name} ...", flush=True)
        try:
            if elsewhere:
                output = paths.out_dir() / "notebooks" / path.name  # type: ignore[operator]
                seconds = execute_with_parameters(path, output, {
                    "CORPUS_DIR": os.environ[paths.ENV_CORPUS], "OUT_DIR": os.environ[paths.ENV_OUT],
                    "RESULTS_DIR": str(results) if results is not None else None})
            else:
                seconds = execute_notebook(path)
        except Exception as error:  # a failing notebook is reported, the others still run
            failures += 1
            where = paths.out_dir() / "notebooks" / path.name if elsewhere else path  # type: ignore[operator]
            print(f"  FAILED {path.name}: {error_line(error)}", file=sys.stderr)
            print(f"  (the executed notebook with the full traceback is {where})", file=sys.stderr, flush=True)
            continue
        print(f"  done in {seconds:.1f} s", flush=True)
    if elsewhere:
        print(f"outputs are in {paths.out_dir()}: notebooks/, figures/, processed/"
              + (", results/" if results is not None else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
