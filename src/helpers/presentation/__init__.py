"""Presentation: figures per notebook, right-to-left-safe tables and prose, KWIC display.

Import the submodules directly (``from helpers.presentation import tables``)."""
