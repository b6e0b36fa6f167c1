"""The record every stage of :mod:`helpers.numbers` fills in: :class:`NumberMention`.

Public fields are the table's columns (:data:`COLUMNS`); what the stages found on the way (the
cue, the normalised offsets, whether a count continues the previous one ...) is kept apart in
:class:`Evidence`, together with the trace that :func:`helpers.numbers.explain_number` prints.

Example:
    >>> m = NumberMention(surface="2500 جندي", start=0, end=9, value=2500, kind="count")
    >>> m.ev.note("kind", "count", "a counted noun follows"); m.ev.trace
    [('kind', 'count', 'a counted noun follows')]
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["COLUMNS", "KINDS", "Evidence", "NumberMention"]

#: Columns of :func:`helpers.numbers.extract_numbers`, in order.
COLUMNS = ["surface", "start", "end", "value", "value_high", "kind", "qualifier", "unit", "unit_category",
           "who", "where", "is_us_troop_level", "level", "level_reason", "refers_to", "refers_to_precision",
           "inferred", "sentence_id", "sentence"]
KINDS = ("count", "date", "year", "time", "duration", "ordinal", "percent", "money", "other")


@dataclass
class Evidence:
    """What the stages found about one mention (positions in the normalised text); not in the table."""

    n_start: int = 0
    n_end: int = 0
    sentence_index: int = 0          # the sentence's start in the normalised text
    cue: str | None = None           # the troop-level cue that applies (presence, total, deploy ...)
    cue_word: str | None = None      # the words of that cue, for the explanation
    cue_distance: int = 10 ** 6      # characters from the cue to the number
    target: bool = False             # the figure after إلى in a change of size (خفض ... إلى 3000)
    subset_of_force: bool = False    # a nationality's share of a force count (بينهم 8 آلاف أمريكي)
    change_from: bool = False        # the figure before إلى in a change (خفض من 5200 إلى 3000)
    coordinated: bool = False        # joined to the previous count by و (و900 جندي)
    others: bool = False             # آخرين / آخرون / أخرى right after the count
    level_of: NumberMention | None = None  # a coordinated count that takes this count's decision
    qualifier_before: bool = False   # the qualifier was written before the number (نحو 2500)
    inferred_from: str | None = None  # the context words that gave an inferred nationality
    trace: list[tuple[str, str, str]] = field(default_factory=list)  # (stage, decision, why)

    def note(self, stage: str, decision: str, why: str) -> None:
        """Record one decision of one stage (printed by ``explain_number``)."""
        self.trace.append((stage, decision, why))


@dataclass
class NumberMention:
    """One numeric expression; offsets index the text given to ``find_number_mentions``.

    ``value`` / ``value_high``: an exact number has only ``value``; a range has both ends; a vague
    quantity (عشرات, بضع مئات, آلاف) has its lower bound in ``value`` and its upper bound in
    ``value_high`` (see :func:`helpers.numbers.grammar.vague_bounds`) with qualifier ``vague``.
    ``level`` is ``"current"``, ``"target"`` (a planned level: خفض إلى 3000), ``"past"`` or
    ``"peak"`` for a troop level and ``None`` otherwise; ``level_reason`` says which rule decided.
    ``refers_to`` is the time the figure refers to (ISO year or date), ``refers_to_precision``
    ``"year"`` / ``"month"`` / ``"day"``; it comes from the text, else the publication date.
    ``inferred`` is True when ``who`` or ``where`` came from the article's earlier sentences or headline.
    """

    surface: str = ""
    start: int = 0
    end: int = 0
    value: int | None = None
    value_high: int | None = None
    kind: str = "other"
    qualifier: str | None = None
    unit: str | None = None
    unit_category: str | None = None
    who: str | None = None
    where: str | None = None
    is_us_troop_level: bool = False
    level: str | None = None
    level_reason: str = ""
    refers_to: str | None = None
    refers_to_precision: str | None = None
    inferred: bool = False
    sentence_id: int = 0
    sentence: str = ""
    ev: Evidence = field(default_factory=Evidence, repr=False, compare=False)
