"""Where the project's inputs and outputs are, for the committed corpus or any other.

Notebooks and helpers ask this module for every path; nothing else reads the environment.
The answers depend on a few settings, each an environment variable that
:func:`configure` (called from a notebook's parameters) or ``make reproduce`` sets:

=========================  ===================================================================
``HELPERS_CORPUS_DIR``     a corpus laid out like ``corpus/`` (``raw/``, ``metadata.csv``;
                           ``lexicons/`` and ``reference/`` optional: the repository's are used
                           for any file the corpus does not have). Default: ``corpus/``.
``HELPERS_OUT_DIR``        where outputs go for that corpus: ``figures/``, ``processed/``,
                           ``results/`` (pipeline Parquet) and ``notebooks/`` under it.
``HELPERS_RESULTS_DIR``    the pipeline's Parquet tables (``python -m helpers.pipeline --out``):
                           when set, :func:`results_dir` returns it and notebooks read the
                           tables there instead of running the analyses themselves.
``HELPERS_WRITE_OUTPUTS``  ``1``: write figures and tables into the committed ``figures/`` and
                           ``corpus/processed/`` (``make reproduce`` sets it). Unset (e.g. in
                           ``make lab``), they go to a scratch folder, so exploring never changes
                           committed files.
``HELPERS_FIGURES_DIR``,   explicit folders for figures and derived tables (the test suite
``HELPERS_PROCESSED_DIR``  points them at a temporary folder); they win over everything above.
``HELPERS_PROJECT_ROOT``   the repository's top folder, if it cannot be found from the
                           current folder upwards.
=========================  ===================================================================

Example:
    >>> from helpers import paths
    >>> paths.lexicon_path("actors.csv").name
    'actors.csv'
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

__all__ = [
    "ENV_CORPUS",
    "ENV_OUT",
    "ENV_RESULTS",
    "ENV_WRITE",
    "configure",
    "corpus_dir",
    "figures_dir",
    "lexicon_path",
    "metadata_path",
    "out_dir",
    "processed_dir",
    "project_root",
    "raw_dir",
    "reference_path",
    "results_dir",
    "writes_committed_outputs",
]

ENV_CORPUS = "HELPERS_CORPUS_DIR"
ENV_OUT = "HELPERS_OUT_DIR"
ENV_RESULTS = "HELPERS_RESULTS_DIR"
ENV_WRITE = "HELPERS_WRITE_OUTPUTS"


def _looks_like_root(path: Path) -> bool:
    return (path / "pyproject.toml").is_file() and (path / "corpus").is_dir()


def project_root() -> Path:
    """Return the project root (see module docstring); raise if none is found.

    Example:
        >>> (project_root() / "pyproject.toml").is_file()
        True
    """
    override = os.environ.get("HELPERS_PROJECT_ROOT")
    if override:
        root = Path(override).resolve()
        if not _looks_like_root(root):
            raise FileNotFoundError(
                f"HELPERS_PROJECT_ROOT={override!r} has no pyproject.toml and corpus/ folder; "
                "point it at the repository's top folder or unset it (use HELPERS_CORPUS_DIR or "
                "`make reproduce CORPUS=...` for a corpus kept elsewhere)."
            )
        return root
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if _looks_like_root(candidate):
            return candidate
    # Fall back to the source checkout this package was installed from (editable install).
    source_root = Path(__file__).resolve().parents[2]
    if _looks_like_root(source_root):
        return source_root
    raise FileNotFoundError(
        f"No project root above {here}: expected a folder with pyproject.toml and corpus/. "
        "Run from inside the repository or set HELPERS_PROJECT_ROOT."
    )


def configure(corpus: str | os.PathLike[str] | None = None, out: str | os.PathLike[str] | None = None,
              results: str | os.PathLike[str] | None = None) -> None:
    """Point this process (and kernels it starts) at another corpus and output folder.

    A notebook's ``parameters`` cell holds ``CORPUS_DIR = None``, ``OUT_DIR = None`` and
    ``RESULTS_DIR = None`` (papermill replaces them); the next cell calls
    ``paths.configure(CORPUS_DIR, OUT_DIR, RESULTS_DIR)``. None leaves a setting as it is
    (the environment, or the default). Relative paths are taken from the current folder.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> (folder / "raw").mkdir()
        >>> configure(corpus=folder)
        >>> raw_dir() == folder.resolve() / "raw"
        True
        >>> del os.environ[ENV_CORPUS]
    """
    for variable, value in ((ENV_CORPUS, corpus), (ENV_OUT, out), (ENV_RESULTS, results)):
        if value is not None and str(value) != "":
            os.environ[variable] = str(Path(value).expanduser().resolve())
    if corpus is not None and str(corpus) != "":
        folder = corpus_dir()
        if not folder.is_dir():
            raise FileNotFoundError(f"corpus folder {folder} does not exist: it must hold raw/ and metadata.csv")


def corpus_dir() -> Path:
    """The corpus folder: ``HELPERS_CORPUS_DIR`` if set, else the repository's ``corpus/``."""
    override = os.environ.get(ENV_CORPUS)
    return Path(override) if override else project_root() / "corpus"


def raw_dir() -> Path:
    """``raw/`` of the corpus: input articles, never modified by code."""
    return corpus_dir() / "raw"


def metadata_path() -> Path:
    """``metadata.csv`` of the corpus: one row per article."""
    return corpus_dir() / "metadata.csv"


def _corpus_or_repo(folder: str, name: str) -> Path:
    own = corpus_dir() / folder / name
    if own.is_file():
        return own
    return project_root() / "corpus" / folder / name


def lexicon_path(name: str) -> Path:
    """A curated lexicon CSV, e.g. ``lexicon_path("actors.csv")``: the corpus's own
    ``lexicons/`` copy if it has one, else the repository's ``corpus/lexicons/``."""
    return _corpus_or_repo("lexicons", name)


def reference_path(name: str) -> Path:
    """A reference data CSV: the corpus's ``reference/`` copy if any, else the repository's."""
    return _corpus_or_repo("reference", name)


def out_dir() -> Path | None:
    """``HELPERS_OUT_DIR`` (outputs for a corpus kept elsewhere), or None."""
    value = os.environ.get(ENV_OUT)
    return Path(value) if value else None


def writes_committed_outputs() -> bool:
    """True when figures and tables go into the committed ``figures/`` and ``corpus/processed/``
    (``make reproduce`` on the repository's corpus), False when exploring."""
    return os.environ.get(ENV_WRITE, "") == "1" and out_dir() is None and ENV_CORPUS not in os.environ


def _scratch(kind: str) -> Path:
    """A per-checkout scratch folder for outputs of exploratory runs."""
    tag = hashlib.sha256(str(project_root()).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"helpers-scratch-{tag}" / kind


def _output(env_var: str, kind: str, committed: Path) -> Path:
    value = os.environ.get(env_var)
    out = out_dir()
    if value:
        path = Path(value)
    elif out is not None:
        path = out / kind
    elif writes_committed_outputs():
        path = committed
    else:
        path = _scratch(kind)
    path.mkdir(parents=True, exist_ok=True)
    return path


def figures_dir() -> Path:
    """Where figures are saved: ``HELPERS_FIGURES_DIR``; else ``OUT/figures``; else the committed
    ``figures/`` under ``make reproduce``; else a scratch folder (exploring never changes them)."""
    return _output("HELPERS_FIGURES_DIR", "figures", project_root() / "figures")


def processed_dir() -> Path:
    """Where derived tables are written: as :func:`figures_dir`, committed ``corpus/processed/``."""
    return _output("HELPERS_PROCESSED_DIR", "processed", project_root() / "corpus" / "processed")


def results_dir() -> Path | None:
    """The pipeline's Parquet tables for this corpus, if there are any: ``HELPERS_RESULTS_DIR``,
    else ``OUT/results`` when it exists. None means: run the analyses in-process (small corpora).

    Example:
        >>> results_dir() is None or results_dir().is_dir()
        True
    """
    value = os.environ.get(ENV_RESULTS)
    if value:
        return Path(value)
    out = out_dir()
    if out is not None and (out / "results").is_dir():
        return out / "results"
    return None
