"""Execute the notebooks in place, in order, each in a fresh kernel.

``python -m helpers.reproduce`` runs every ``notebooks/*.ipynb`` (sorted by name, so
``01_`` before ``02_``); ``python -m helpers.reproduce notebooks/03_troop_numbers.ipynb``
runs one. Each notebook is executed top to bottom by nbclient with the ``python3`` kernel
of the running interpreter, from the ``notebooks/`` folder, and written back with its
outputs. Volatile things are left out so that a re-run on a clean checkout leaves
``git status`` clean: no execution timestamps, and live-widget views (whose model ids are
random) are reduced to their static text.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers import paths

KERNEL_NAME = "python3"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def strip_volatile(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove outputs' and metadata's run-specific parts (widget model ids, timings)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
    return nb


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
    client.execute()
    elapsed = time.perf_counter() - started
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": KERNEL_NAME,
    }
    nbformat.write(strip_volatile(nb), path)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    args = parser.parse_args(argv)
    targets = args.notebooks or sorted((paths.project_root() / "notebooks").glob("*.ipynb"))
    if not targets:
        print("no notebooks found in notebooks/", file=sys.stderr)
        return 1
    for path in targets:
        print(f"executing {path.name} ...", flush=True)
        seconds = execute_notebook(path.resolve())
        print(f"  done in {seconds:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
