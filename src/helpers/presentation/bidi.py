"""Unicode bidi building blocks shared by the table and prose helpers (no HTML, no Markdown).

GitHub shows notebook outputs without CSS and strips ``style=`` and ``<bdi>``; what survives
is the text itself. So right-to-left order must come from Unicode controls in the text:

- an *isolate* (RLI or FSI ... PDI) lays a phrase out on its own, so the neutral characters
  around it (brackets, commas, numbers) take the direction of the surrounding paragraph;
- a *mark* (RLM, LRM) is an invisible strong character, the fallback where a renderer ignores
  isolates: RLM ... RLM around an Arabic cell keeps it one right-to-left run, and an LRM after
  an Arabic phrase in English prose keeps a following number on the English side.

Example:
    >>> first_strong("86 دولة")
    'rtl'
    >>> isolate_phrases("Wahhabi Daesh (داعش الوهابي, 4 times)") == (
    ...     "Wahhabi Daesh (\\u2068داعش الوهابي\\u2069\\u200e, 4 times)")
    True
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

__all__ = [
    "RLI", "FSI", "PDI", "RLM", "LRM", "BIDI_CONTROLS",
    "first_strong", "has_rtl", "strip_controls", "isolate_rtl_cell", "isolate_phrases",
]

RLI = "\u2067"  # right-to-left isolate
FSI = "\u2068"  # first-strong isolate
PDI = "\u2069"  # pop directional isolate
RLM = "\u200f"  # right-to-left mark
LRM = "\u200e"  # left-to-right mark
#: Every explicit bidi control (marks, embeddings, overrides, isolates).
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_STRIP = str.maketrans("", "", BIDI_CONTROLS)

# Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Arabic Extended,
# and the Arabic presentation forms. Arabic-Indic digits sit inside this range too.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL_CHAR = re.compile(f"[{_RTL}]")
_WORD = f"[{_RTL}]+"
# What may join two Arabic words inside one phrase: spaces (and joiners), or a dash with
# optional spaces ("البعثي – الوهابي"); a slash or a Latin comma ends a phrase (ى/ي, ة/ه).
_GAP = r"(?:[ \u00a0\u200c\u200d]+|[ \u00a0]*[-\u2013\u2014][ \u00a0]*)"
# A Western-digit number between two Arabic words belongs to the phrase ("قوة 2500 جندي").
_NUMBER = r"[0-9][0-9,.\u066b\u066c]*"
PHRASE = re.compile(f"{_WORD}(?:{_GAP}(?:{_NUMBER}{_GAP})*{_WORD})*")


def first_strong(text: str) -> Literal["rtl", "ltr"] | None:
    """The direction of the first strongly directional character, or None if there is none.

    Example:
        >>> first_strong("86 دولة"), first_strong("Daesh (داعش)"), first_strong("2,500")
        ('rtl', 'ltr', None)
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def has_rtl(text: str) -> bool:
    """True if ``text`` holds any right-to-left letter (Arabic, Hebrew...).

    Example:
        >>> has_rtl("Daesh (داعش)"), has_rtl("ISIS")
        (True, False)
    """
    return _RTL_CHAR.search(text) is not None


def strip_controls(text: str) -> str:
    """Remove every bidi control character (to compare or print text).

    Example:
        >>> strip_controls("\\u200f\\u2067قال\\u2069\\u200f")
        'قال'
    """
    return text.translate(_STRIP)


def isolate_rtl_cell(text: str) -> str:
    """Lay out a whole right-to-left value as one isolated run: RLM RLI text PDI RLM.

    The isolate puts a leading number ("86 دولة") on the right and keeps a trailing full stop
    or quote at the logical end (the left); the outer RLMs do the same in a renderer that
    ignores isolates. Existing bidi controls are removed first, so applying it twice is safe.

    Example:
        >>> isolate_rtl_cell("86 دولة.") == "\\u200f\\u2067" + "86 دولة." + "\\u2069\\u200f"
        True
        >>> isolate_rtl_cell(isolate_rtl_cell("قال")) == isolate_rtl_cell("قال")
        True
    """
    return f"{RLM}{RLI}{strip_controls(text)}{PDI}{RLM}"


def isolate_phrases(text: str, *, mark: bool = True) -> str:
    """Wrap every right-to-left phrase of left-to-right text in FSI ... PDI (plus an LRM after).

    A phrase is a run of Arabic words joined by spaces or dashes (a number between two Arabic
    words belongs to it). Around an isolated phrase, brackets, commas and numbers follow the
    English sentence, so "(داعش الوهابي, 4 times)" keeps the 4 after the phrase. ``mark`` adds
    an LRM after each phrase, which does the same in a renderer that ignores isolates. Existing
    bidi controls are removed first, so applying it twice gives the same text.

    Example:
        >>> out = isolate_phrases("alef forms (ى/ي, ة/ه)", mark=False)
        >>> out.count("\\u2068"), strip_controls(out)
        (4, 'alef forms (ى/ي, ة/ه)')
    """
    after = f"{PDI}{LRM}" if mark else PDI
    return PHRASE.sub(lambda m: f"{FSI}{m.group(0)}{after}", strip_controls(text))
