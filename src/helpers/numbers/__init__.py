"""Numeric mentions in Arabic news text: value, unit, who, where, and US troop-level claims.

A quantity is a value, a unit and a surface span (the quantulum3 idea), read with a small
grammar instead of summing every number word in a sentence (which turns "5,000 troops in three
bases" into 5003). The pipeline is a chain of named stages, each a list of small rules:

==========================  ==================================================================
stage                       module
==========================  ==================================================================
1 tokenise                  :mod:`helpers.numbers.grammar` (``tokenise``) on the normalised text
2 number phrase             :mod:`helpers.numbers.phrases` (``number_phrase``; digits, words,
                            ranges, vague quantities, special written forms)
3 kind                      :mod:`helpers.numbers.phrases` (``KIND_RULES``)
4 unit                      :mod:`helpers.numbers.phrases` (``counted_noun``; categories from
                            ``number_units.csv``)
5 who / where / cue         :mod:`helpers.numbers.roles`, then ``coordinate`` and
                            ``infer_from_context`` (:mod:`helpers.numbers.extract`)
6 level rule, time          :mod:`helpers.numbers.levels` (``LEVEL_RULES``, ``level_reason``),
                            :mod:`helpers.numbers.timeref` (``refers_to``)
==========================  ==================================================================

The lexicons are CSV files (:mod:`helpers.numbers.lexicon`); every character window is a
named constant in :mod:`helpers.numbers.windows`; :func:`explain_number` prints the trace of
one mention. The notebook-03 analysis (claims beside the reference) is :mod:`helpers.troop_levels`.

Example:
    >>> df = extract_numbers("ويوجد حالياً نحو 2500 جندي أميركي في العراق و900 جندي في سوريا.")
    >>> df[["value", "unit", "unit_category", "who", "where", "level"]].values.tolist()
    [[2500, 'troops', 'force', 'us', 'iraq', 'current'], [900, 'troops', 'force', 'us', 'syria', 'current']]
"""

from __future__ import annotations

from helpers.numbers.explain import explain_number, mention_at
from helpers.numbers.extract import (
    extract_numbers,
    extract_numbers_corpus,
    find_number_mentions,
    is_us_troop_level_claim,
)
from helpers.numbers.grammar import parse_digits
from helpers.numbers.mention import COLUMNS, KINDS, NumberMention

__all__ = [
    "COLUMNS",
    "KINDS",
    "NumberMention",
    "explain_number",
    "extract_numbers",
    "extract_numbers_corpus",
    "find_number_mentions",
    "is_us_troop_level_claim",
    "mention_at",
    "parse_digits",
]
