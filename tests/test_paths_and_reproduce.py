"""helpers.paths (project, corpus elsewhere, output folders), helpers.reproduce and the Makefile's set-up."""

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


@pytest.fixture
def no_output_settings(monkeypatch):
    for variable in ("HELPERS_FIGURES_DIR", "HELPERS_PROCESSED_DIR", paths.ENV_WRITE, paths.ENV_OUT,
                     paths.ENV_CORPUS, paths.ENV_RESULTS):
        monkeypatch.setenv(variable, "")  # recorded, so whatever a test sets is undone afterwards
        monkeypatch.delenv(variable)


def test_make_reproduce_writes_the_committed_output_folders(monkeypatch, no_output_settings):
    monkeypatch.setenv(paths.ENV_WRITE, "1")
    assert paths.figures_dir() == paths.project_root() / "figures"
    assert paths.processed_dir() == paths.project_root() / "corpus" / "processed"


def test_exploring_never_writes_committed_figures(no_output_settings):
    # a notebook run in `make lab` (no HELPERS_WRITE_OUTPUTS) saves into a scratch folder
    root = paths.project_root()
    for folder in (paths.figures_dir(), paths.processed_dir()):
        assert root not in folder.parents and folder.is_dir()


def test_a_corpus_elsewhere_and_its_outputs(monkeypatch, tmp_path, no_output_settings):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    (corpus / "raw").mkdir(parents=True)
    (corpus / "lexicons").mkdir()
    (corpus / "lexicons" / "actors.csv").write_text("own copy", encoding="utf-8")
    monkeypatch.setenv(paths.ENV_WRITE, "1")  # ignored for a corpus elsewhere: committed files stay
    paths.configure(corpus=corpus, out=out)
    assert paths.raw_dir() == corpus / "raw" and paths.metadata_path() == corpus / "metadata.csv"
    assert paths.lexicon_path("actors.csv") == corpus / "lexicons" / "actors.csv"  # the corpus's own
    assert paths.lexicon_path("framing.csv") == paths.project_root() / "corpus" / "lexicons" / "framing.csv"
    assert paths.reference_path("us_troop_levels.csv").is_file()  # the repository's
    assert paths.figures_dir() == out / "figures" and paths.processed_dir() == out / "processed"
    assert paths.results_dir() is None  # no pipeline tables: notebooks compute in-process
    (out / "results").mkdir()
    assert paths.results_dir() == out / "results"


def test_configure_names_a_missing_corpus_folder(monkeypatch, tmp_path, no_output_settings):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        paths.configure(corpus=tmp_path / "nowhere")


def test_error_line_is_the_message_without_ansi_codes():
    class CellError(Exception):
        ename = "ValueError"
        evalue = "\x1b[0;31m/x/metadata.csv row 7 (article_id '007'): published '2024-13-01' is not a valid date\x1b[0m"

    assert reproduce.error_line(CellError()) == (
        "ValueError: /x/metadata.csv row 7 (article_id '007'): published '2024-13-01' is not a valid date")
    assert reproduce.error_line(RuntimeError("\x1b[1mlong\ntraceback\nKeyError: '001'\x1b[0m")) == "KeyError: '001'"


def test_reproduce_refuses_half_a_corpus_setting(capsys):
    assert reproduce.main(["--corpus", "somewhere"]) == 2
    assert "CORPUS=DIR and OUT=DIR" in capsys.readouterr().err


def test_reproduce_names_a_folder_that_is_not_a_corpus(tmp_path, capsys):
    assert reproduce.main(["--corpus", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "needs raw/" in capsys.readouterr().err


MAKEFILE = paths.project_root() / "Makefile"


def _make(folder, *arguments):
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.fail("make is not installed: the README's commands need it")
    return subprocess.run(["make", "-C", str(folder), *arguments], capture_output=True, text=True, check=False)


def test_makefile_refuses_an_old_python_before_creating_the_venv(tmp_path):
    import shutil

    shutil.copy(MAKEFILE, tmp_path / "Makefile")
    old = tmp_path / "python3.10"
    old.write_text("#!/bin/sh\nif [ \"$1\" = --version ]; then echo Python 3.10.12; exit 0; fi\nexit 1\n")
    old.chmod(0o755)
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "lock.txt").write_text("")
    (tmp_path / "pyproject.toml").write_text("")
    result = _make(tmp_path, "install", f"PYTHON={old}")
    assert result.returncode != 0
    assert "Python >= 3.11 is needed" in result.stdout + result.stderr and "3.10.12" in result.stdout
    assert not (tmp_path / ".venv").exists()


def test_makefile_rebuilds_a_venv_made_by_the_wrong_python(tmp_path):
    import shutil

    shutil.copy(MAKEFILE, tmp_path / "Makefile")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    fake = tmp_path / ".venv" / "bin" / "python"
    fake.write_text("#!/bin/sh\nexit 1\n")  # what a 3.10 interpreter answers to the version check
    fake.chmod(0o755)
    result = _make(tmp_path, "-n", "lab")
    assert "rebuilt" in result.stdout + result.stderr
    assert not fake.exists()


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


@pytest.mark.slow
def test_reproduce_runs_a_notebook_against_a_corpus_elsewhere(tmp_path, capsys, monkeypatch, no_output_settings):
    # a small notebook with a parameters cell, as the collection's notebooks have
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    (corpus / "raw").mkdir(parents=True)
    (corpus / "raw" / "000_a.txt").write_text("عنوان\n\nقال مسؤول إن القوات باقية.", encoding="utf-8")
    (corpus / "metadata.csv").write_text("article_id,file,sha256,outlet,outlet_ar,outlet_country,outlet_type,"
                                         "published,date_precision,evidence\n000,000_a.txt,,unknown,,unknown,"
                                         "unknown,unknown,unknown,test\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("CORPUS_DIR = None\nOUT_DIR = None\nRESULTS_DIR = None")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell(
        "from helpers import paths, corpus\n"
        "paths.configure(CORPUS_DIR, OUT_DIR, RESULTS_DIR)\n"
        "c = corpus.load_corpus()\n"
        "(paths.figures_dir() / 'count.txt').write_text(str(len(c.articles)))\n"
        "print(CORPUS_DIR is not None, paths.results_dir())")]
    notebook = tmp_path / "notebooks" / "01_probe.ipynb"
    notebook.parent.mkdir()
    nbformat.write(nb, notebook)
    assert reproduce.main([str(notebook), "--corpus", str(corpus), "--out", str(out), "--pipeline", "no"]) == 0
    printed = capsys.readouterr().out
    assert "ingestion: 1 ingested, 0 duplicate" in printed
    assert (out / "figures" / "count.txt").read_text() == "1"
    executed = nbformat.read(out / "notebooks" / "01_probe.ipynb", as_version=4)
    assert "True None" in executed.cells[-1].outputs[0]["text"]
    assert "papermill" not in executed.metadata


@pytest.mark.slow
def test_a_failing_notebook_is_named_with_its_one_line_error(tmp_path, capsys, no_output_settings):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    (corpus / "raw").mkdir(parents=True)
    (corpus / "metadata.csv").write_text(",".join(["article_id", "file", "sha256", "outlet", "outlet_ar",
                                                   "outlet_country", "outlet_type", "published",
                                                   "date_precision", "evidence"]) + "\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("raise ValueError('metadata.csv row 7: published 2024-13-01 is not a date')")]
    notebook = tmp_path / "02_fails.ipynb"
    nbformat.write(nb, notebook)
    assert reproduce.main([str(notebook), "--corpus", str(corpus), "--out", str(out), "--pipeline", "no"]) == 1
    err = capsys.readouterr().err
    assert "FAILED 02_fails.ipynb: ValueError: metadata.csv row 7: published 2024-13-01 is not a date" in err
    assert "\x1b[" not in err
