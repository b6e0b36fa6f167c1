"""Stage 6 of :mod:`helpers.numbers`: is this count a US (or coalition) troop level, and why?

:data:`LEVEL_RULES` are tried in order; each returns ``None`` (does not apply) or a
:class:`Decision` (level or not, the kind of level, and the reason in plain words). The first
that applies decides, so every count gets a ``level_reason``, for a level and a non-level alike.

Example:
    >>> from helpers.numbers import find_number_mentions
    >>> [(m.is_us_troop_level, m.level_reason) for m in find_number_mentions("أرسلت واشنطن 450 مستشارا أمريكيا إضافيا إلى العراق")]
    [(False, "a flow, not a level: 'اضافيا' reports troops sent, added or cut (rule flow)")]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from helpers.numbers.mention import NumberMention

__all__ = ["Decision", "LEVEL_RULES", "decide_level", "LEVEL_WHO"]

#: Who a troop level can be about: the US, or the US-led coalition as a whole.
LEVEL_WHO = ("us", "coalition")


@dataclass(frozen=True)
class Decision:
    """The outcome of one level rule."""

    is_level: bool
    level: str | None       # current / target / past / peak (None for a non-level)
    reason: str


def not_a_count(m: NumberMention) -> Decision | None:
    """Only counts can be levels: ``في 25-2-2008`` is a date."""
    if m.kind != "count":
        return Decision(False, None, f"not a count of people ({m.kind})")
    return None


def no_figure(m: NumberMention) -> Decision | None:
    """A count with no value (an unparsed quantity) states no level."""
    if m.value is None:
        return Decision(False, None, "no figure")
    return None


def not_a_force(m: NumberMention) -> Decision | None:
    """Only counts of forces (``unit_category`` force in number_units.csv) are levels:
    ``3 طائرات`` counts objects."""
    if m.unit_category != "force":
        what = m.unit or "nothing named"
        return Decision(False, None, f"counts {what}, not forces")
    return None


def not_us_or_coalition(m: NumberMention) -> Decision | None:
    """A force of another party (Iraqi, NATO, ISIS) or of nobody named is no US level:
    ``5 آلاف جندي عراقي``."""
    if m.who not in LEVEL_WHO:
        whose = m.who or "no nationality named in the sentence or the article"
        return Decision(False, None, f"a force count, but of {whose}")
    return None


def continues_previous(m: NumberMention) -> Decision | None:
    """و900 آخرين في سوريا takes the decision of the count it continues."""
    if m.ev.level_of is not None:
        inner = decide_level(m.ev.level_of)
        return Decision(inner.is_level, inner.level, f"continues the previous count ('others'): {inner.reason}")
    return None


def us_share_of_a_force(m: NumberMention) -> Decision | None:
    """The US share of a larger force is the US level: ``قوة أطلسية قوامها 13 ألف جندي بينهم
    8 آلاف أمريكي`` (not when the larger figure is a casualty count)."""
    if m.ev.cue == "subset" and m.ev.subset_of_force and m.who in LEVEL_WHO:
        return Decision(True, "current", f"the {m.who} share ({m.ev.cue_word!r}) of a larger force count")
    return None


def casualty_or_subset(m: NumberMention) -> Decision | None:
    """Casualties, arrests and subsets are no levels: ``مقتل 3 جنود أمريكيين``, ``منهم 200``."""
    if m.ev.cue in ("killed", "wounded", "arrested", "subset"):
        return Decision(False, None, f"a {m.ev.cue} figure ({m.ev.cue_word!r}), not a level")
    return None


def figure_before_change(m: NumberMention) -> Decision | None:
    """The figure a change starts FROM is the level before it: ``تقليص القوات من 5200 إلى 3000``."""
    if m.ev.change_from and m.ev.cue in ("deploy", "reduce", "change"):
        return Decision(True, "current", f"the level before a change ({m.ev.cue_word!r} من N إلى M)")
    return None


def figure_reached(m: NumberMention) -> Decision | None:
    """A figure that rose, fell or came TO N states the level reached: ``ارتفع عدد القوات إلى
    5 آلاف``, ``وصل عدد الجنود في ذروته إلى 160 ألفا``; without إلى it is a flow (``وصل 500 جندي``)."""
    if m.ev.cue == "change":
        if m.ev.target:
            return Decision(True, "current", f"the figure reached: {m.ev.cue_word!r} ... إلى N")
        return Decision(False, None, f"a flow, not a level: {m.ev.cue_word!r} reports troops arriving or leaving")
    return None


def planned_level(m: NumberMention) -> Decision | None:
    """A reduction or increase TO N states the planned level: ``تقليص وجودها العسكري إلى 3 آلاف عنصر``.
    (BY N, بمقدار N, is a cut: see :func:`flow`.)"""
    if m.ev.cue in ("deploy", "reduce") and m.ev.target:
        return Decision(True, "target", f"planned level: the figure after إلى in a change of size ({m.ev.cue_word!r})")
    return None


def flow(m: NumberMention) -> Decision | None:
    """Sending, reinforcing, cutting or withdrawing N is a flow: ``إرسال 450 مستشارا``, ``خفض بمقدار 500``."""
    if m.ev.cue in ("deploy", "reduce"):
        return Decision(False, None, f"a flow, not a level: {m.ev.cue_word!r} reports troops sent, added or cut")
    return None


def presence_or_total(m: NumberMention) -> Decision | None:
    """A presence, size or withdrawal-of-the-force cue makes a level: ``يوجد 2500 جندي``,
    ``يبلغ عدد القوات 2500``, ``انسحاب 2500 جندي`` (the withdrawal of N presupposes N are there)."""
    if m.ev.cue in ("presence", "total", "withdrawal"):
        what = {"presence": "presence", "total": "size / total", "withdrawal": "withdrawal of the force"}[m.ev.cue]
        return Decision(True, "current", f"{what} cue {m.ev.cue_word!r} before the count")
    return None


def place_named(m: NumberMention) -> Decision | None:
    """No cue, but a place: ``2500 جندي أمريكي في العراق`` states where they are."""
    if m.where is not None:
        return Decision(True, "current", f"US/coalition force count located in {m.where}, with no flow cue")
    return None


def nothing_says_level(m: NumberMention) -> Decision | None:
    """No cue and no place: ``قال إن 300 جندي أمريكي`` is not read as a level."""
    return Decision(False, None, "a US/coalition force count with no presence cue and no place")


#: The level rules, in order (the first that applies decides).
LEVEL_RULES: list[Callable[[NumberMention], Decision | None]] = [
    not_a_count, no_figure, us_share_of_a_force, casualty_or_subset, not_a_force, not_us_or_coalition, continues_previous,
    figure_before_change, figure_reached, planned_level, flow, presence_or_total, place_named, nothing_says_level,
]


def decide_level(m: NumberMention) -> Decision:
    """The decision of the first rule of :data:`LEVEL_RULES` that applies.

    Example:
        >>> from helpers.numbers import find_number_mentions
        >>> decide_level(find_number_mentions("مقتل 3 جنود أمريكيين في العراق")[0]).reason
        "a killed figure ('مقتل'), not a level (rule casualty_or_subset)"
    """
    for rule in LEVEL_RULES:
        decision = rule(m)
        if decision is not None:
            return Decision(decision.is_level, decision.level, f"{decision.reason} (rule {rule.__name__})")
    raise AssertionError("nothing_says_level always decides")  # pragma: no cover
