"""Notebook 03's former module, kept as a thin re-export of :mod:`helpers.troop_levels`.

The analysis (reference points, force counts, claims beside the reference) lives in
:mod:`helpers.troop_levels`; the timeline figure in :mod:`helpers.presentation.troop_plots`.

Example:
    >>> ref = load_reference_levels()
    >>> reference_steps(ref, "syria", end="2025-01-01")["figure"].tolist()
    [900, 900]
"""

from __future__ import annotations

from helpers import troop_levels as _troop_levels
from helpers.troop_levels import *  # noqa: F403  (the same public names, for older notebooks)

__all__ = list(_troop_levels.__all__)
