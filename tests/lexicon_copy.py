"""A project root with copies of the real lexicons, for tests that edit a lexicon between calls."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import paths


def copy_lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy corpus/lexicons/*.csv under ``tmp_path``, point HELPERS_PROJECT_ROOT there, return the folder."""
    lexicons = tmp_path / "corpus" / "lexicons"
    lexicons.mkdir(parents=True)
    for source in paths.lexicon_path("framing.csv").parent.glob("*.csv"):
        shutil.copy(source, lexicons / source.name)
    (tmp_path / "pyproject.toml").write_text("")
    monkeypatch.setenv("HELPERS_PROJECT_ROOT", str(tmp_path))
    return lexicons
