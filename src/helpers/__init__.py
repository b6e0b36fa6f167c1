"""Helpers for the Arabic news notebooks on the US military presence in Iraq.

Modules (each small and single-purpose):

- ``helpers.paths``    where the project's folders are (corpus, lexicons, figures)
- ``helpers.rtl``      Arabic text in matplotlib, correct on every matplotlib version
- ``helpers.figures``  house style and deterministic figure saving
- ``helpers.text``     cleanup of scraped articles, normalisation, sentence splitting
- ``helpers.corpus``   ingestion of ``corpus/raw`` with a report row per input file
- ``helpers.numbers``  numeric mentions (troop levels, casualties, dates kept apart)
- ``helpers.actors``   actor mentions from ``corpus/lexicons/actors.csv``
- ``helpers.framing``  framing terms and attributed quotations

Import the module you need: ``from helpers import corpus, rtl``.
"""

__version__ = "0.1.0"
