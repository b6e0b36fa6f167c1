"""Every character window the number rules read, named and explained in one place.

Offsets are characters of the normalised text (:func:`helpers.text.normalize_for_matching`),
always clipped to the sentence (or clause) of the number. Arabic words average five to six
characters with their space, so 30 characters is about five words.

Example:
    >>> CUE_REACH > WHO_AFTER_REACH > QUALIFIER_REACH
    True
"""

from __future__ import annotations

#: How far before a number its qualifier may start (نحو / أكثر من / ما لا يقل عن 2500).
QUALIFIER_REACH = 40
#: How far after the number (or its nationality word) a trailing qualifier may reach (على الأقل).
QUALIFIER_AFTER_REACH = 30
#: How far before a count the troop-level cue is looked for (يوجد / عدد / إرسال ... 2500 جندي),
#: about fifteen words: a verb, its subject and a place may stand between.
CUE_REACH = 90
#: How far after the counted noun its nationality may follow (جندي من القوات الأمريكية).
WHO_AFTER_REACH = 45
#: The same when the noun came before the number (الجنود الأمريكيون الـ2500): a shorter tail.
WHO_AFTER_NOUN_BEFORE_REACH = 30
#: How far after the noun the words that describe the count may stand (إضافي, قتلوا, آخرين).
CUE_AFTER_REACH = 30
#: How close a casualty cue must be for the count to become a casualty count (قتل 3 جنود).
CASUALTY_CUE_REACH = 40
#: The longest gap between a count and the one it continues (2500 جندي في العراق و900 في سوريا).
COORDINATION_REACH = 80
#: The longest gap before an elliptic count (only a number and a place: و900 في سوريا).
ELLIPSIS_REACH = 60
#: The furthest a clause boundary is looked for, before and after a number.
CLAUSE_REACH = 120
#: How far a size construction may stand from its force noun (القوات المنتشرة هناك، والتي
#: يبلغ قوامها نحو 2500): the relative clause may follow a place and a participle.
SIZE_NOUN_REACH = 160
#: How far back (characters of the article before the sentence, plus its headline) the article
#: context is read to infer the nationality of a bare count (ويتمركز في البلاد قرابة 40 ألف جندي).
ARTICLE_CONTEXT_REACH = 600
