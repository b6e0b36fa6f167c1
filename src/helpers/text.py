"""Arabic text: normalisation for matching (with offsets back to the source), sentences, cleanup.

Thin re-exports (the public names stay importable from here). Used in this order by
:func:`helpers.corpus.load_corpus`:

1. :func:`clean_article` (:mod:`helpers.ingestion.furniture`) turns a scraped page's raw text
   into the clean text readers see (title, body paragraphs), removing page furniture and
   recording every removal. ALL offsets in the project refer to this clean text.
2. :func:`normalize_for_matching` folds the clean text for searching (alef variants, ى, ة,
   diacritics, tatweel, invisible controls, three digit systems). It is fast (a lookup table
   applied with numpy) and is the single definition of "the same word" for every matcher.
3. :func:`normalize_with_offsets` gives the same normalised string plus a map back to the
   source, so a match found on the normalised form is reported with offsets into the clean text.

Sentence spans come from :func:`split_sentences`; :func:`sentence_containing` finds the sentence
of a match.

Example:
    >>> normalize_for_matching("أعلنت القوّاتُ الأمريكيّة ٢٫٥")
    'اعلنت القوات الامريكيه 2.5'
"""

from __future__ import annotations

# Normalisation, offsets and sentences live in the Arabic layer; re-exported here (public API).
from helpers.arabic.clauses import sentence_containing, sentences_containing, split_sentences
from helpers.arabic.normalize import (
    ARABIC_DIACRITICS,
    INVISIBLE_CONTROLS,
    NormalizedText,
    find_normalised,
    normalize_for_matching,
    normalize_with_offsets,
)
from helpers.ingestion.furniture import (
    DOUBLE_QUOTES,
    SINGLE_QUOTES,
    CleanArticle,
    FurnitureRule,
    RemovedLine,
    clean_article,
    clean_unicode,
    load_furniture_rules,
)

__all__ = [
    "find_normalised",
    "ARABIC_DIACRITICS",
    "CleanArticle",
    "DOUBLE_QUOTES",
    "FurnitureRule",
    "RemovedLine",
    "clean_article",
    "clean_unicode",
    "SINGLE_QUOTES",
    "load_furniture_rules",
    "INVISIBLE_CONTROLS",
    "NormalizedText",
    "normalize_for_matching",
    "normalize_with_offsets",
    "split_sentences",
    "sentence_containing",
    "sentences_containing",
]


# --------------------------------------------------------------------------------------------
# Normalisation for matching (helpers.arabic.normalize) and sentences (helpers.arabic.clauses)
# are imported above: helpers.text.normalize_for_matching, normalize_with_offsets,
# NormalizedText, find_normalised, split_sentences, sentence_containing and
# sentences_containing stay importable from here.


# Page-furniture cleaning (clean_article, clean_unicode, load_furniture_rules, CleanArticle,
# FurnitureRule, RemovedLine, DOUBLE_QUOTES, SINGLE_QUOTES) lives in helpers.ingestion.furniture
# and is imported above.
