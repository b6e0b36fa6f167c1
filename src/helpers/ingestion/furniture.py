"""Page-furniture cleaning of scraped articles: Unicode cleanup, furniture rules, audit.

:func:`clean_article` turns a scraped page's raw text into the clean text readers see (title,
body paragraphs), removing page furniture by the rules of ``corpus/lexicons/furniture.csv`` and
recording every removal. ALL offsets in the project refer to this clean text
(``articles.text``). ``helpers.text.clean_article`` re-exports it.

Example:
    >>> clean_article("fbpx\\nالقوات باقية\\nقال مسؤول إن القوات باقية.").title
    'القوات باقية'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from helpers.arabic.normalize import (
    DELETED_CODE,
    INVISIBLE_CONTROLS,
    TATWEEL,
    normalize_for_matching,
    normalize_with_offsets,
)

__all__ = [
    "CleanArticle",
    "DOUBLE_QUOTES",
    "SINGLE_QUOTES",
    "FurnitureRule",
    "RemovedLine",
    "clean_article",
    "clean_unicode",
    "load_furniture_rules",
]

_DELETE = DELETED_CODE  # a noncharacter: marks characters the display table deletes


# Cleanup of scraped articles

#: Double quotation marks unified to ASCII '"' in the clean text (curly quotes are often
#: mis-paired in Arabic pages, e.g. “الشيعة السوداني“); guillemets « » are kept because they
#: are paired and common in Arabic typography. Single curly quotes become "'".
DOUBLE_QUOTES = "“”„‟″〝〞＂"
SINGLE_QUOTES = "‘’‚‛′"
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")


def _display_lut() -> np.ndarray:
    lut = np.arange(0x10000, dtype=np.uint16)
    for char in TATWEEL + INVISIBLE_CONTROLS:
        lut[ord(char)] = _DELETE
    for char in DOUBLE_QUOTES:
        lut[ord(char)] = ord('"')
    for char in SINGLE_QUOTES:
        lut[ord(char)] = ord("'")
    for code in range(0x10000):  # every space separator (no-break, thin, ideographic...) and tab
        if unicodedata.category(chr(code)) == "Zs" or code == 0x09:
            lut[code] = 0x20
    return lut


_PRESENTATION = 0xFFFE  # a noncharacter: marks Arabic presentation forms in the display table
_DISPLAY_LUT = _display_lut()
_DISPLAY_LUT[0xFB50:0xFE00] = _PRESENTATION
_DISPLAY_LUT[0xFE70:0xFEFD] = _PRESENTATION
_SPACES = re.compile(" {2,}")


def clean_unicode(text: str) -> str:
    """Unicode cleanup for display: what readers see and what all offsets refer to.

    CRLF and CR become LF; NFC; Arabic presentation forms (ﻻ, ﺍﻟﻌﺮﺍﻕ) become base letters
    (NFKC on those characters only, so "…", "²" or full-width digits are left as printed);
    tatweel, zero-width and bidi control characters are removed; every space separator and tab
    becomes one plain space; curly double quotes become '"' (see :data:`DOUBLE_QUOTES`; « » are
    kept). Diacritics and hamza spellings are kept: folding is for matching only.

    Example:
        >>> clean_unicode("“البنتاجون”\\u00a0:  الأمريكيـــة\\u200f\\r\\nﻻ")
        '"البنتاجون" : الأمريكية\\nلا'
    """
    if "\r" in text:  # (a fast check: replacing scans the whole text even when there is nothing to replace)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        mapped = _DISPLAY_LUT[np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)]
        if (mapped == _PRESENTATION).any():
            text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
            codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
            mapped = _DISPLAY_LUT[codes]
            mapped = np.where(mapped == _PRESENTATION, codes, mapped)  # unassigned code points stay
        deleted = mapped == _DELETE
        if deleted.any():
            mapped = mapped[~deleted]
        text = mapped.tobytes().decode("utf-16-le", "surrogatepass")
    else:
        text = text.replace("\t", " ")
    return _SPACES.sub(" ", text) if "  " in text else text


class RemovedLine(NamedTuple):
    """One removal made by :func:`clean_article`: 1-based raw line number, what was removed, why.

    For a whole line, ``line`` is the line; for a fragment removed inside a kept line
    (stray markup), ``line`` is the fragment and ``reason`` says so.
    """

    line_no: int
    line: str
    reason: str


@dataclass(frozen=True)
class CleanArticle:
    """The clean article: ``text`` is ``title`` + blank line + ``body`` (just ``body`` when
    there is no headline). ``source_line`` is a source footer or a dateline line standing alone
    (``بغداد - الجزيرة نت``), kept as evidence out of the body; ``removed`` lists every removed
    line or fragment with its reason. ``dateline`` is a dateline that opens the first body
    paragraph (``بغداد - (أ ف ب):``): it is left in the body, where it reads as part of the
    first sentence and names the place the story was filed from, and recorded here as printed."""

    title: str
    body: str
    text: str
    source_line: str
    removed: tuple[RemovedLine, ...]
    dateline: str = ""


@dataclass(frozen=True, eq=False)  # identity equality: cheap to hash as a cache key
class FurnitureRule:
    """One row of ``corpus/lexicons/furniture.csv`` compiled for use."""

    rule_id: str
    kind: str          # line | source | inline | decode | dateline | define
    regex: re.Pattern[str]
    starts_list: bool  # a list heading (starts_list yes or anywhere)
    max_words: int | None
    reason: str
    example: str
    list_anywhere: bool = False  # starts_list anywhere: its list is removed inside the page too
    list_marker: bool = False    # starts_list marker: the headline after it is a list item


_FURNITURE_COLUMNS = ["rule_id", "kind", "pattern", "starts_list", "max_words", "reason", "example", "note"]
_FURNITURE_KINDS = ("line", "source", "inline", "decode", "dateline", "define")
_LIST_ROLES = ("no", "yes", "anywhere", "marker")
_PLACEHOLDER = re.compile(r"<<([a-z_]+)>>")


def load_furniture_rules(path: str | None = None) -> tuple[FurnitureRule, ...]:
    """Load and compile the page-furniture rules (default ``corpus/lexicons/furniture.csv``).

    ``line`` and ``source`` patterns must match a whole line and are matched on its normalised
    form (:func:`normalize_for_matching` is applied to both, so أ/ا, ى/ي, ة/ه and diacritics
    don't matter; Latin is case-insensitive); ``inline`` and ``decode`` patterns are searched in
    the line as printed; a ``dateline`` pattern is matched at the start of the first body
    paragraph (normalised) and only recorded, never removed. A ``define`` row names a
    sub-pattern (news agencies, month names...) that later rows use as ``<<rule_id>>``.
    ``starts_list``: ``yes`` (a list heading: the headlines after it at the end of the page are
    removed), ``anywhere`` (also inside the page once the body has begun), ``marker`` (a list
    number: the headline after it is a list item), ``no``. Rows are tried in file order; the
    first match gives the reason. Compiled rules are cached until the file's content changes.

    Example:
        >>> rules = load_furniture_rules()
        >>> next(r for r in rules if r.rule_id == "read_more").reason
        'read-more button'
    """
    from helpers import paths
    from helpers.arabic.lexicon import cached_by_content

    file = str(paths.lexicon_path("furniture.csv") if path is None else path)
    return cached_by_content(file, lambda: _compile_furniture_rules(file), key=("furniture", file))


def _compile_furniture_rules(file: str) -> tuple[FurnitureRule, ...]:
    import csv

    with open(file, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != _FURNITURE_COLUMNS:
            raise ValueError(f"{file}: columns must be {_FURNITURE_COLUMNS}, found {reader.fieldnames}")
        rules = []
        defined: dict[str, str] = {}
        for row_no, row in enumerate(reader, start=2):
            where = f"{file} row {row_no} ({row['rule_id']})"
            kind = row["kind"]
            if kind not in _FURNITURE_KINDS:
                raise ValueError(f"{where}: kind {kind!r} is not one of {', '.join(_FURNITURE_KINDS)}")
            role = row["starts_list"].strip().lower()
            if role not in _LIST_ROLES:
                raise ValueError(f"{where}: starts_list {role!r} is not one of {', '.join(_LIST_ROLES)}")
            unknown = [name for name in _PLACEHOLDER.findall(row["pattern"]) if name not in defined]
            if unknown:
                raise ValueError(f"{where}: <<{unknown[0]}>> is not defined above it; add a define row "
                                 f"named {unknown[0]!r} before this row")
            pattern = _PLACEHOLDER.sub(lambda m: f"(?:{defined[m.group(1)]})", row["pattern"])
            if kind in {"line", "source", "dateline", "define"}:
                pattern = normalize_for_matching(pattern)
            try:
                regex = re.compile(pattern, re.IGNORECASE)
            except re.error as error:
                raise ValueError(f"{where}: bad regular expression: {error}") from None
            if kind == "define":
                defined[row["rule_id"]] = pattern
            rules.append(FurnitureRule(
                rule_id=row["rule_id"], kind=kind, regex=regex,
                starts_list=role in {"yes", "anywhere"},
                max_words=int(row["max_words"]) if row["max_words"].strip() else None,
                reason=row["reason"], example=row["example"],
                list_anywhere=role == "anywhere", list_marker=role == "marker",
            ))
    return tuple(rules)


_SENTENCE_FINAL = tuple(".!:،,;؛")
_HEADLINE_MAX_WORDS = 20


def _looks_like_headline(line: str, max_words: int = _HEADLINE_MAX_WORDS) -> bool:
    """Short, ends without sentence punctuation (a question mark is fine: question headlines)."""
    # split at most max_words times: a paragraph is not cut into all its words to be counted
    return (not line.endswith(_SENTENCE_FINAL) and len(line.split(None, max_words)) <= max_words
            and any(char.isalpha() for char in line))


_MARKUP_CHARS = re.compile("[<>&|]")


@lru_cache(maxsize=8)
def _inline_rules(rules: tuple[FurnitureRule, ...]) -> tuple[FurnitureRule, ...]:
    """The ``inline`` and ``decode`` rules of ``rules``, in file order."""
    return tuple(rule for rule in rules if rule.kind in {"inline", "decode"})


def _fix_inline(line: str, line_no: int, rules: tuple[FurnitureRule, ...],
                removed: list[RemovedLine]) -> str:
    """Remove stray markup inside a line (recording each fragment) and decode entities."""
    if not _MARKUP_CHARS.search(line):
        return line
    for rule in _inline_rules(rules):  # the inline and decode rules, in file order
        if rule.kind == "inline":
            fragments = rule.regex.findall(line)
            if fragments:
                line = rule.regex.sub(" ", line)
                removed.extend(RemovedLine(line_no, f.strip() or f, f"{rule.reason}, inside a kept line")
                               for f in fragments)
        else:
            entities = rule.regex.findall(line)
            if entities:
                import html

                # decoded characters (&nbsp;, &#8220;) get the same Unicode cleanup as the rest
                line = clean_unicode(rule.regex.sub(lambda m: html.unescape(m.group()), line))
                removed.extend(RemovedLine(line_no, e, rule.reason) for e in entities)
    return _SPACES.sub(" ", line).strip()


_Matcher = tuple[re.Pattern[str], list[FurnitureRule]]


@lru_cache(maxsize=8)
def _line_matchers(rules: tuple[FurnitureRule, ...]) -> tuple[int, dict[int, _Matcher], dict[str, FurnitureRule | None]]:
    """For each line length (in words), one combined regex of the line rules that apply to it,
    and a memo of the verdicts on short lines (furniture repeats on every page of a site).

    Alternatives are tried in file order, so the first matching row wins, as documented; the
    named group that matched says which row it was.
    """
    line_rules = [r for r in rules if r.kind in {"line", "source"}]
    longest = max((r.max_words or 10**6 for r in line_rules), default=0)
    longest = min(longest, 200)
    matchers: dict[int, _Matcher] = {}
    cache: dict[tuple[int, ...], _Matcher] = {}
    for n_words in range(1, longest + 1):
        applicable = [i for i, r in enumerate(line_rules) if r.max_words is None or n_words <= r.max_words]
        key = tuple(applicable)
        if key not in cache:
            pattern = "|".join(f"(?P<r{i}>{line_rules[i].regex.pattern})" for i in applicable)
            cache[key] = (re.compile(pattern or "(?!)", re.IGNORECASE), line_rules)
        matchers[n_words] = cache[key]
    return longest, matchers, {}


_MEMO_WORDS = 12        # lines this short are remembered (by their normalised form)
_MEMO_SIZE = 50_000     # and the memo is emptied when it grows past this
_UNSEEN = object()


def _classify_lines(lines: list[str], rules: tuple[FurnitureRule, ...]) -> list[FurnitureRule | None]:
    """For each line, the first furniture rule (line or source) whose pattern matches all of it.

    Lines longer than any rule allows are not looked at; the others are normalised in one call.
    """
    longest, matchers, memo = _line_matchers(rules)
    found: list[FurnitureRule | None] = [None] * len(lines)
    short = [(i, line.count(" ") + 1) for i, line in enumerate(lines)]
    short = [(i, n) for i, n in short if n <= longest]
    if not short:
        return found
    normal_lines = normalize_for_matching("\n".join(lines[i] for i, _ in short)).split("\n")
    for (i, n_words), normal in zip(short, normal_lines):
        if n_words <= _MEMO_WORDS:
            verdict = memo.get(normal, _UNSEEN)
            if verdict is not _UNSEEN:
                found[i] = verdict  # type: ignore[call-overload]
                continue
        regex, line_rules = matchers[n_words]
        match = regex.fullmatch(normal)
        rule = line_rules[int(str(match.lastgroup)[1:])] if match is not None else None
        found[i] = rule
        if n_words <= _MEMO_WORDS:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[normal] = rule
    return found


def clean_article(raw: str, rules: tuple[FurnitureRule, ...] | None = None) -> CleanArticle:
    """Clean a scraped article: Unicode, page furniture, title, source footer, with an audit.

    Steps: :func:`clean_unicode`; stray markup inside lines (tags, entities, edge pipes) is
    removed or decoded; each line is matched against the furniture rules of
    ``corpus/lexicons/furniture.csv`` (tracking tokens, read-more/related/back-to-top buttons,
    comment forms, follow-us and share lines, teaser links, breadcrumbs, bylines, date lines,
    photo captions, cookie banners, ...); the headlines of a list (after a related-articles,
    most-read or tag heading: at the end of the page, when numbered, or inside the body for
    ``اقرأ أيضا``-type headings) are removed too; a source footer (``المصدر: ...``) and a
    dateline standing alone (``بغداد - الجزيرة نت``) become ``source_line``. A dateline that
    opens the first paragraph (``بغداد - (أ ف ب): قال ...``) stays in the text (cutting it
    would cut the sentence) and is recorded in ``dateline``. The first remaining line is the
    title if it looks like a headline (at most 20 words, no final . ! : ، ;) and more lines
    follow; otherwise the article has no title (``""``). Body paragraphs are joined with a
    blank line. Every removal is listed in ``removed``.

    Example:
        >>> a = clean_article("fbpx\\n\\nالقوات باقية في العراق\\n\\nقال مسؤول إن القوات باقية.\\n\\nRead More")
        >>> a.title, a.body
        ('القوات باقية في العراق', 'قال مسؤول إن القوات باقية.')
        >>> [(r.line_no, r.reason) for r in a.removed]
        [(1, 'tracking token'), (7, 'read-more button')]
    """
    rules = load_furniture_rules() if rules is None else rules
    removed: list[RemovedLine] = []
    cleaned = clean_unicode(raw)
    has_markup = "<" in cleaned or ">" in cleaned or "&" in cleaned or "|" in cleaned
    numbered = []
    for line_no, line in enumerate(cleaned.split("\n"), start=1):
        if has_markup and _MARKUP_CHARS.search(line) is not None:
            line = _fix_inline(line, line_no, rules, removed)
        else:
            line = line.strip()
        if line:
            numbered.append((line_no, line))
    furniture = _classify_lines([line for _, line in numbered], rules)
    kept = [(line_no, line, rule) for (line_no, line), rule in zip(numbered, furniture)]

    related = _listed_headlines(kept)
    source_lines: list[str] = []
    content: list[str] = []
    for index, (line_no, line, rule) in enumerate(kept):
        if index in related:
            removed.append(RemovedLine(line_no, line, related[index]))
        elif rule is not None:
            removed.append(RemovedLine(line_no, line, rule.reason))
            if rule.kind == "source":
                source_lines.append(line)
        else:
            content.append(line)
    title = ""
    if len(content) > 1 and _looks_like_headline(content[0]):
        title = content.pop(0)
    body = "\n\n".join(content)
    text = f"{title}\n\n{body}" if title else body
    removed.sort(key=lambda r: r.line_no)
    return CleanArticle(title=title, body=body, text=text, source_line=" | ".join(source_lines),
                        removed=tuple(removed), dateline=_dateline(content[0], rules) if content else "")


def _listed_headlines(kept: list[tuple[int, str, FurnitureRule | None]]) -> dict[int, str]:
    """Indexes of ``kept`` lines that are items of a headline list, with the removal reason.

    A list starts at a line matched by a list-heading rule (``starts_list``) and goes on over
    headline-like lines (and list numbers, links and other furniture between them). Its items
    are removed when the list is in the trailing block of the page (only furniture and
    headline-like lines after it); or when they are numbered (a list-number line before the
    item, or ``1.`` / ``2 -`` in front of it); or, for ``anywhere`` headings (اقرأ أيضا, الأكثر
    قراءة), once the article body has begun. A headline-like line after a teaser link inside
    the article is kept: it is the article's own subheading.
    """
    related: dict[int, str] = {}
    if not any(rule is not None and rule.starts_list for _, _, rule in kept):
        return related
    tail_start = len(kept)
    while tail_start > 0:
        _, line, rule = kept[tail_start - 1]
        if rule is None and not _looks_like_headline(line, 25):
            break
        tail_start -= 1
    # the first body paragraph: a line that is neither furniture nor headline-like
    body_start = next((i for i, (_, line, rule) in enumerate(kept)
                       if rule is None and not _looks_like_headline(line)), len(kept))
    heading: FurnitureRule | None = None
    numbered_next = False
    for index, (_, line, rule) in enumerate(kept):
        if rule is not None:
            if rule.starts_list:
                heading = rule
            numbered_next = rule.list_marker
            continue
        if heading is not None and _looks_like_headline(line, 25):
            numbered = numbered_next or _NUMBERED_ITEM.match(line) is not None
            if index >= tail_start or numbered or (heading.list_anywhere and index > body_start):
                related[index] = f"related headline listed after a {heading.reason}"
                numbered_next = False
                continue
        heading = None
        numbered_next = False
    return related


_NUMBERED_ITEM = re.compile(r"[0-9٠-٩۰-۹]{1,2}\s*[.)\-–]\s*\S")


_DATELINE_SEPARATOR = re.compile("[-–—/(:]")


def _dateline(paragraph: str, rules: tuple[FurnitureRule, ...]) -> str:
    """The dateline opening ``paragraph`` (``بغداد - (أ ف ب):``), as printed, or ""."""
    head = paragraph[:120]
    if _DATELINE_SEPARATOR.search(head, 0, 60) is None:
        return ""  # every dateline has one of these within its first words
    folded = None
    for rule in rules:
        if rule.kind != "dateline":
            continue
        if folded is None:
            folded = normalize_for_matching(head)
        match = rule.regex.match(folded)
        if match is not None and match.end() < len(folded):
            normal = normalize_with_offsets(head)  # only for the rare paragraph with a dateline
            start, end = normal.to_source(0, match.end())
            return head[start:end].strip()
    return ""
