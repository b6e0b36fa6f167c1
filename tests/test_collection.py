"""The notebook collection as committed: executed in order, clean outputs, fresh figures.

The regression tests at the bottom run after the notebooks have been re-executed by nbval in
the same session (see conftest.py) and compare the regenerated figures and processed tables
with the committed ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images

from helpers import paths

ROOT = paths.project_root()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FIGURES = sorted((ROOT / "figures").glob("*.png"))
PROCESSED = sorted((ROOT / "corpus" / "processed").glob("*.csv"))
# Figures may differ by antialiasing noise only (RMS over 0-255 pixel values).
FIGURE_TOLERANCE = 1.0
ABSOLUTE_PATH = re.compile(r"(/work/|/home/|/root/|/tmp/|/Users/|[A-Z]:\\\\)")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def output_texts(cell: dict) -> list[str]:
    texts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            texts.append("".join(output["text"]))
        for mime, value in output.get("data", {}).items():
            if mime.startswith("text/"):
                texts.append("".join(value))
    return texts


def test_notebook_names_are_numbered():
    for nb in NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", nb.name), nb.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_executed_top_to_bottom(path):
    counts = [c["execution_count"] for c in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; run `make reproduce` and commit the result"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_errors_and_no_machine_specific_output(path):
    nb = load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for index, cell in enumerate(code_cells(nb)):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{path.name} cell {index} raised {output.get('ename')}"
        for text in output_texts(cell):
            assert not ABSOLUTE_PATH.search(text), f"{path.name} cell {index} prints an absolute path"
            assert not re.search(r" at 0x[0-9a-f]{6,}", text), f"{path.name} cell {index} prints a memory address"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_its_question_and_closes_with_findings(path):
    cells = load(path)["cells"]
    assert cells[0]["cell_type"] == "markdown" and cells[-1]["cell_type"] == "markdown"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_does_not_hack_sys_path_or_preshape(path):
    source = "\n".join("".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "code")
    assert "sys.path" not in source
    assert "get_display(" not in source and "reshape(" not in source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_are_shown_inline_for_readers_on_github(path):
    nb = load(path)
    saves = sum("save_figure(" in "".join(c["source"]) for c in code_cells(nb))
    shown = sum("image/png" in o.get("data", {}) for c in code_cells(nb) for o in c.get("outputs", []))
    assert shown >= saves, (
        f"{path.name} saves {saves} figures but shows {shown} inline; was it executed with a "
        "non-inline matplotlib backend (MPLBACKEND set)? Re-run `make reproduce`."
    )


def test_every_committed_figure_is_named_after_a_notebook():
    prefixes = {nb.name[:2] for nb in NOTEBOOKS}
    for figure in FIGURES:
        assert figure.name[:2] in prefixes, f"figures/{figure.name} belongs to no notebook"


# --- regression: run after nbval re-executed the notebooks in this session -----------------

def _require_all_notebooks(notebooks_run: list[str]) -> None:
    if sorted(Path(p).name for p in notebooks_run) != [nb.name for nb in NOTEBOOKS]:
        pytest.skip("needs every notebook executed in this session: run `make test`")


@pytest.mark.after_notebooks
def test_every_figure_is_regenerated_and_matches(regenerated, notebooks_run):
    _require_all_notebooks(notebooks_run)
    produced = sorted(p.name for p in (regenerated / "figures").glob("*.png"))
    committed = [p.name for p in FIGURES]
    assert produced == committed, (
        f"figures produced by the notebooks {produced} differ from figures/ {committed}; "
        "run `make reproduce` and commit figures/"
    )
    differing = []
    for name in committed:
        try:  # compare_images raises (e.g. "Image sizes do not match") instead of returning a diff
            diff = compare_images(str(ROOT / "figures" / name), str(regenerated / "figures" / name),
                                  tol=FIGURE_TOLERANCE)
        except Exception as error:
            diff = " ".join(str(error).split())
        if diff is not None:
            differing.append(figure_difference_message(name, diff))
    assert not differing, "\n".join(differing)


def figure_difference_message(name: str, diff: str) -> str:
    """What a reader must do when a committed figure differs from what its notebook draws now.

    Example:
        >>> figure_difference_message("01_corpus_timeline.png", "Image sizes do not match")[:57]
        'figures/01_corpus_timeline.png (notebook 01) differs from'
    """
    notebook = next((nb.name for nb in NOTEBOOKS if nb.name[:2] == name[:2]), f"notebook {name[:2]}")
    return (f"figures/{name} (notebook {name[:2]}) differs from what {notebook} draws now: {diff[:300]}. "
            "If the change is intended (new articles, a changed helper), run `make reproduce` and commit "
            "figures/; otherwise find what changed the figure.")


@pytest.mark.after_notebooks
def test_every_processed_table_is_regenerated_identically(regenerated, notebooks_run):
    _require_all_notebooks(notebooks_run)
    produced = sorted(p.name for p in (regenerated / "processed").glob("*.csv"))
    assert produced == [p.name for p in PROCESSED]
    for path in PROCESSED:
        assert (regenerated / "processed" / path.name).read_bytes() == path.read_bytes(), (
            f"corpus/processed/{path.name} differs from what the notebooks write now; run `make reproduce`"
        )
