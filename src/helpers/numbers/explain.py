"""Why is this (not) a US troop level? :func:`explain_number` prints the trace of one mention.

Example:
    >>> m = explain_number("أرسلت واشنطن 450 مستشارا أمريكيا إضافيا إلى العراق", 13)
    450 مستشارا  [13:24]  value 450, count of advisers (force), who us, where iraq
      phrase     number           '450'
      kind       counted_noun     the counted noun 'مستشارا' (force)
      unit       advisers         category force in number_units.csv
      who        us               'امريكيا' describes the counted noun
      where      iraq             'العراق' after the count
      cue        deploy           'ارسلت' before the count
      cue        deploy           'اضافيا' after the noun: more troops, a flow
      level      not a level      a flow, not a level: 'اضافيا' reports troops sent, added or cut (rule flow)
    => NOT a troop level: a flow, not a level: 'اضافيا' reports troops sent, added or cut (rule flow)
"""

from __future__ import annotations

from helpers.numbers.extract import find_number_mentions
from helpers.numbers.mention import NumberMention

__all__ = ["explain_number", "mention_at"]


def mention_at(text: str, start: int, context: str = "", published: object = None,
               date_precision: object = None) -> NumberMention:
    """The mention of ``text`` whose span holds (or is nearest after) offset ``start``
    (``date_precision`` of ``published`` as in :func:`find_number_mentions`).

    Example:
        >>> mention_at("قتل 3 جنود", 4).value
        3
    """
    mentions = find_number_mentions(text, context, published, None, date_precision)
    if not mentions:
        raise ValueError("no number in this text")
    holding = [m for m in mentions if m.start <= start < m.end]
    if holding:
        return holding[0]
    after = [m for m in mentions if m.start >= start]
    return after[0] if after else mentions[-1]


def explain_number(text: str, start: int, context: str = "", published: object = None,
                   date_precision: object = None) -> NumberMention:
    """Print how each stage read the number at offset ``start`` of ``text``; return the mention.

    One line per decision: stage, what it decided, and why (the words or rule that decided);
    the last line states whether the mention is a US/coalition troop level and which rule said so.
    """
    m = mention_at(text, start, context, published, date_precision)
    where = f", where {m.where}" if m.where else ""
    who = f", who {m.who}" + (" (inferred)" if m.inferred else "") if m.who else ""
    what = f"{m.kind} of {m.unit} ({m.unit_category})" if m.unit else m.kind
    high = f"-{m.value_high}" if m.value_high is not None else ""
    print(f"{m.surface}  [{m.start}:{m.end}]  value {m.value}{high}, {what}{who}{where}")
    for stage, decision, why in m.ev.trace:
        print(f"  {stage:<10} {decision:<16} {why}")
    verdict = f"a {m.level} troop level" if m.is_us_troop_level else "NOT a troop level"
    when = f" (refers to {m.refers_to})" if m.refers_to and m.is_us_troop_level else ""
    print(f"=> {verdict}{when}: {m.level_reason}")
    return m
