"""Test-session set-up shared by unit tests and the notebook tests (nbval).

Regenerated outputs go to a scratch folder, not into the work tree: before any notebook
kernel starts, HELPERS_FIGURES_DIR and HELPERS_PROCESSED_DIR point into a session temp
folder (kernels inherit the environment). Tests marked ``after_notebooks`` (the figure and
processed-table regression tests) are moved to the end of the run, so they compare what the
notebooks just regenerated with what is committed in figures/ and corpus/processed/.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REGEN_KEY = pytest.StashKey[Path]()
NOTEBOOKS_KEY = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "after_notebooks: runs after the notebooks and compares their regenerated outputs"
    )
    # Tests run on the repository's corpus whatever the caller's shell has set (make reproduce
    # CORPUS=... or a notebook's paths.configure() set these for their own processes only).
    for variable in ("HELPERS_CORPUS_DIR", "HELPERS_OUT_DIR", "HELPERS_RESULTS_DIR", "HELPERS_WRITE_OUTPUTS"):
        os.environ.pop(variable, None)
    scratch = Path(tempfile.mkdtemp(prefix="helpers-regenerated-"))
    (scratch / "figures").mkdir()
    (scratch / "processed").mkdir()
    os.environ["HELPERS_FIGURES_DIR"] = str(scratch / "figures")
    os.environ["HELPERS_PROCESSED_DIR"] = str(scratch / "processed")
    config.stash[REGEN_KEY] = scratch


def pytest_unconfigure(config: pytest.Config) -> None:
    scratch = config.stash.get(REGEN_KEY, None)
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    notebooks = sorted({str(item.path) for item in items if item.path.suffix == ".ipynb"})
    config.stash[NOTEBOOKS_KEY] = notebooks
    late = [item for item in items if item.get_closest_marker("after_notebooks")]
    items[:] = [item for item in items if not item.get_closest_marker("after_notebooks")] + late


@pytest.fixture(scope="session")
def regenerated(request: pytest.FixtureRequest) -> Path:
    """The scratch folder holding what the notebooks regenerated in this session."""
    return request.config.stash[REGEN_KEY]


@pytest.fixture(scope="session")
def notebooks_run(request: pytest.FixtureRequest) -> list[str]:
    """Notebook files executed by nbval in this session (empty without --nbval)."""
    return request.config.stash.get(NOTEBOOKS_KEY, [])
