"""helpers.paths finds the project from anywhere inside it; helpers.reproduce strips volatility."""

from __future__ import annotations

import nbformat
import pytest

from helpers import paths, reproduce


def test_root_is_found_from_a_subfolder(monkeypatch):
    root = paths.project_root()
    monkeypatch.chdir(root / "notebooks")
    assert paths.project_root() == root
    assert paths.raw_dir() == root / "corpus" / "raw"
    assert paths.lexicon_path("actors.csv") == root / "corpus" / "lexicons" / "actors.csv"


def test_a_wrong_override_names_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("HELPERS_PROJECT_ROOT", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="HELPERS_PROJECT_ROOT"):
        paths.project_root()


@pytest.mark.parametrize("variable, function", [
    ("HELPERS_FIGURES_DIR", paths.figures_dir),
    ("HELPERS_PROCESSED_DIR", paths.processed_dir),
])
def test_output_folders_can_be_redirected(monkeypatch, tmp_path, variable, function):
    target = tmp_path / "elsewhere"
    monkeypatch.setenv(variable, str(target))
    assert function() == target and target.is_dir()


def test_defaults_are_inside_the_project(monkeypatch):
    monkeypatch.delenv("HELPERS_FIGURES_DIR", raising=False)
    monkeypatch.delenv("HELPERS_PROCESSED_DIR", raising=False)
    assert paths.figures_dir() == paths.project_root() / "figures"
    assert paths.processed_dir() == paths.project_root() / "corpus" / "processed"


def test_strip_volatile_removes_widget_ids_and_timings_but_keeps_text():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("w")
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00"}
    cell.outputs = [nbformat.v4.new_output(
        "display_data",
        data={"text/plain": "Dropdown(options=('us',))",
              reproduce.WIDGET_VIEW: {"model_id": "0123456789abcdef0123456789abcdef"}},
    )]
    nb.cells.append(cell)
    nb.metadata["widgets"] = {"state": {}}
    out = reproduce.strip_volatile(nb)
    assert "widgets" not in out.metadata
    assert "execution" not in out.cells[0].metadata
    assert out.cells[0].outputs[0]["data"] == {"text/plain": "Dropdown(options=('us',))"}
