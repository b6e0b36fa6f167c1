"""Notebook 03's former module, kept as a thin re-export of :mod:`helpers.troop_levels`.

The analysis (reference points, force counts, claims beside the reference) lives in
:mod:`helpers.troop_levels`; the timeline figure in :mod:`helpers.presentation.troop_plots`.

Example:
    >>> ref = load_reference_levels()
    >>> reference_steps(ref, "syria", end="2025-01-01")["figure"].tolist()
    [900, 900]
"""

from __future__ import annotations

from helpers.troop_levels import (
    REFERENCE_COLUMNS,
    load_reference_levels,
    reference_steps,
    troop_level_claims,
    us_force_counts,
)

__all__ = [
    "REFERENCE_COLUMNS",
    "load_reference_levels",
    "reference_steps",
    "us_force_counts",
    "troop_level_claims",
]
