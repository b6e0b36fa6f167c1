"""The Arabic layer: normalisation with offsets, tokens, one clitic model, one term matcher,
clause boundaries and one lexicon loader. Every analysis matches Arabic through this package.

==============================  ===============================================================
:mod:`.normalize`               ``normalize_for_matching``, ``normalize_with_offsets`` (spans back
                                to the clean text), small named normalisers (alef, alef maksura,
                                teh marbuta, diacritics, tatweel, digits), ``find_normalised``
:mod:`.clitics`                 the one clitic model: و ف ب ل ك ال لل and pronoun suffixes
:mod:`.matcher`                 ``TermMatcher``: longest-match, clitic-aware term matching
:mod:`.tokens`                  ``tokenize`` (words with offsets, clauses), ``count_words``
:mod:`.clauses`                 ``split_sentences``, ``sentences_containing``, ``clause_breaks``
:mod:`.lexicon`                 ``load_lexicon`` (validates every row, one ``LexiconError``),
                                ``cached_by_content`` (caches keyed on the file's content)
==============================  ===============================================================

Import the submodules (``from helpers.arabic.matcher import TermMatcher``); the most used names
are also available here.

Example:
    >>> from helpers.arabic import TermMatcher, normalize_with_offsets
    >>> clean = "وقال البنتاجون"
    >>> normal = normalize_with_offsets(clean)
    >>> [clean[slice(*normal.to_source(m.start, m.end))] for m in TermMatcher([("البنتاجون", "us")]).find(normal.text)]
    ['البنتاجون']
"""

from helpers.arabic.clauses import clause_breaks, sentences_containing, split_sentences
from helpers.arabic.clitics import strip_clitics
from helpers.arabic.lexicon import LexiconError, Schema, cached_by_content, load_lexicon
from helpers.arabic.matcher import Match, Term, TermMatcher
from helpers.arabic.normalize import NormalizedText, normalize_for_matching, normalize_with_offsets
from helpers.arabic.tokens import Tokens, count_words, tokenize

__all__ = [
    "LexiconError",
    "Match",
    "NormalizedText",
    "Schema",
    "Term",
    "TermMatcher",
    "Tokens",
    "cached_by_content",
    "clause_breaks",
    "count_words",
    "load_lexicon",
    "normalize_for_matching",
    "normalize_with_offsets",
    "sentences_containing",
    "split_sentences",
    "strip_clitics",
    "tokenize",
]
