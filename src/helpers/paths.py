"""Where the project's folders are, wherever a notebook or test runs from.

The project root is the nearest folder, from the current directory upwards, that holds
both ``pyproject.toml`` and ``corpus/``; ``HELPERS_PROJECT_ROOT`` overrides it. Two folders
can be redirected so that tests can regenerate outputs without touching the work tree:

- ``HELPERS_FIGURES_DIR``   where :func:`helpers.figures.save_figure` writes (default ``figures/``)
- ``HELPERS_PROCESSED_DIR`` where derived tables go (default ``corpus/processed/``)

Example:
    >>> from helpers import paths
    >>> paths.lexicon_path("actors.csv").name
    'actors.csv'
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "project_root",
    "corpus_dir",
    "raw_dir",
    "metadata_path",
    "lexicon_path",
    "reference_path",
    "figures_dir",
    "processed_dir",
]


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
                "point it at the repository's top folder or unset it."
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


def corpus_dir() -> Path:
    """``corpus/`` of the project."""
    return project_root() / "corpus"


def raw_dir() -> Path:
    """``corpus/raw/``: input articles, never modified by code."""
    return corpus_dir() / "raw"


def metadata_path() -> Path:
    """``corpus/metadata.csv``: one row per article."""
    return corpus_dir() / "metadata.csv"


def lexicon_path(name: str) -> Path:
    """A curated lexicon CSV in ``corpus/lexicons/``, e.g. ``lexicon_path("actors.csv")``."""
    return corpus_dir() / "lexicons" / name


def reference_path(name: str) -> Path:
    """A reference data CSV in ``corpus/reference/``."""
    return corpus_dir() / "reference" / name


def _redirectable(env_var: str, default: Path) -> Path:
    value = os.environ.get(env_var)
    path = Path(value) if value else default
    path.mkdir(parents=True, exist_ok=True)
    return path


def figures_dir() -> Path:
    """Folder figures are saved to (``figures/`` unless ``HELPERS_FIGURES_DIR`` is set)."""
    return _redirectable("HELPERS_FIGURES_DIR", project_root() / "figures")


def processed_dir() -> Path:
    """Folder derived tables are written to (``corpus/processed/`` unless redirected)."""
    return _redirectable("HELPERS_PROCESSED_DIR", corpus_dir() / "processed")
