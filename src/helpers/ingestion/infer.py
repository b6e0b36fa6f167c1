"""Metadata inferred from an article's own evidence, each value with where it came from.

- :func:`canonical_url`: an HTML page's ``<link rel="canonical">`` (or ``og:url``).
- :func:`date_from_html`: the publication date in the page's metadata (htmldate, conservative
  mode: no guessing from the body), day precision.
- :func:`date_from_url`: ``/2024/03/15/``, ``/2024-03-15/``, ``/20240315/`` (day) or ``/2024/03/``
  (month) in a URL's path.
- :func:`date_from_dateline`: a date printed near the top of the text (``25 كانون الثاني 2024``,
  ``2024-01-25``, ``25/01/2024``, ``يناير 2024``) with its precision; month names from
  ``corpus/lexicons/number_calendar.csv`` (Egyptian/Gulf, Levantine/Iraqi and Maghrebi forms).

Every function returns None rather than a guess.

Example:
    >>> date_from_url("https://www.aljazeera.net/news/2024/1/25/some-title")
    InferredDate(published='2024-01-25', precision='day', evidence='date in the URL path (/2024/1/25/)')
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from helpers import paths
from helpers.arabic.normalize import normalize_for_matching

__all__ = ["InferredDate", "canonical_url", "date_from_dateline", "date_from_html", "date_from_url"]


class InferredDate(NamedTuple):
    """A publication date (ISO, month/year precision as the first day), its precision, evidence."""

    published: str
    precision: str
    evidence: str


_CANONICAL = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>""", re.IGNORECASE)
_OG_URL = re.compile(r"""<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*>""", re.IGNORECASE)
_HREF = re.compile(r"""\b(?:href|content)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def canonical_url(html: str) -> tuple[str, str] | None:
    """``(url, evidence)`` from the page's canonical link (or og:url), if absolute http(s).

    Example:
        >>> canonical_url('<html><head><link rel="canonical" href="https://sana.sy/?p=1"></head></html>')
        ('https://sana.sy/?p=1', 'canonical link of the HTML page')
    """
    head = html[:200_000]
    for pattern, evidence in ((_CANONICAL, "canonical link of the HTML page"), (_OG_URL, "og:url of the HTML page")):
        for tag in pattern.findall(head):
            href = _HREF.search(tag)
            if href and href.group(1).strip().lower().startswith(("http://", "https://")):
                return href.group(1).strip(), evidence
    return None


def _valid(year: int, month: int, day: int = 1) -> bool:
    if not 1990 <= year <= dt.date.today().year + 1:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


_TIME_TAG = re.compile(r"<time\b[^>]*\bdatetime\s*=[^>]*>", re.IGNORECASE)
_JSON_LD = re.compile(r"""<script\b[^>]*application/ld\+json[^>]*>.*?</script>""", re.IGNORECASE | re.DOTALL)


def date_from_html(html: str) -> InferredDate | None:
    """The date in the page's metadata (``article:published_time``, JSON-LD, ``<time datetime>``),
    found by htmldate without searching the body text; None if there is none.

    Example:
        >>> page = ('<html><head><meta property="article:published_time" content="2024-01-25T10:00:00+03:00">'
        ...         '</head><body><p>نص</p></body></html>')
        >>> date_from_html(page).published
        '2024-01-25'
    """
    # htmldate also reads dates printed in the body; only the head, JSON-LD and <time> tags are
    # given to it, so a date mentioned in the article is never taken for its publication date
    end = html.lower().find("</head>")
    head = html[:end] if end >= 0 else ""
    extra = "".join(_TIME_TAG.findall(html[max(end, 0):])) + "".join(_JSON_LD.findall(html[max(end, 0):]))
    if not head and not extra:
        return None
    try:
        from htmldate import find_date

        found = find_date(f"{head}</head><body>{extra}</body></html>", extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on pages it cannot parse: no date, not a crash
        return None
    if not found:
        return None
    return InferredDate(found, "day", "publication date in the HTML page's metadata (htmldate)")


_URL_DAY = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)")
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})(?=/)")


def date_from_url(url: str) -> InferredDate | None:
    """A date written in the URL's path, with its precision (day or month), or None.

    Example:
        >>> date_from_url("https://example.com/news/2014/06/x.html").precision
        'month'
        >>> date_from_url("https://example.com/news/20200116/x") .published
        '2020-01-16'
        >>> date_from_url("https://example.com/id/123456") is None
        True
    """
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE).split("?")[0]
    for pattern in (_URL_DAY, _URL_COMPACT):
        match = pattern.search(path)
        if match:
            year, month, day = (int(g) for g in match.groups())
            if _valid(year, month, day):
                return InferredDate(f"{year:04d}-{month:02d}-{day:02d}", "day",
                                    f"date in the URL path ({match.group(0)}/)")
    match = _URL_MONTH.search(path)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if _valid(year, month):
            return InferredDate(f"{year:04d}-{month:02d}-01", "month", f"year/month in the URL path ({match.group(0)}/)")
    return None


@lru_cache(maxsize=2)
def _months(file: str, mtime_ns: int) -> dict[str, int]:
    months: dict[str, int] = {}
    with open(file, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("kind") == "month" and (row.get("number") or "").isdigit():
                months[normalize_for_matching(row["form"].strip())] = int(row["number"])
    return months


def _month_names() -> dict[str, int]:
    file = paths.lexicon_path("number_calendar.csv")
    if not file.is_file():
        return {}
    return _months(str(file), file.stat().st_mtime_ns)


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})(?!\d)")


def date_from_dateline(text: str, window: int = 400) -> InferredDate | None:
    """A date printed in the first ``window`` characters of ``text`` (a dateline or date line),
    or None. Day-month-year and month-year in words (any of the region's month names),
    ISO dates and day/month/year in digits (any digit system). The first date found wins.

    Example:
        >>> date_from_dateline("بغداد - الخميس ٢٥ كانون الثاني ٢٠٢٤ - قال مسؤول")
        InferredDate(published='2024-01-25', precision='day', evidence="date printed at the top of the text ('25 كانون الثاني 2024')")
        >>> date_from_dateline("الرباط، أفريل 2019: ...").published
        '2019-04-01'
        >>> date_from_dateline("قال مسؤول إن 2500 جندي باقون") is None
        True
    """
    head = normalize_for_matching(text[:window]).translate(_DIGITS)
    candidates: list[tuple[int, InferredDate]] = []
    months = _month_names()
    if months:
        names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
        words = re.compile(rf"(?<!\w)(?:(\d{{1,2}})\s+)?(?:من\s+)?({names})(?:\s*/\s*\w+)?\s*(?:من\s+)?(?:عام\s+)?"
                           rf"((?:19|20)\d{{2}})(?!\d)")
        for match in words.finditer(head):
            day, month, year = match.group(1), months[match.group(2)], int(match.group(3))
            if day and _valid(year, month, int(day)):
                candidates.append((match.start(), InferredDate(f"{year:04d}-{month:02d}-{int(day):02d}", "day",
                                                               _printed(match.group(0)))))
            elif not day and _valid(year, month):
                candidates.append((match.start(), InferredDate(f"{year:04d}-{month:02d}-01", "month",
                                                               _printed(match.group(0)))))
    for match in _ISO.finditer(head):
        year, month, day = (int(g) for g in match.groups())
        if _valid(year, month, day):
            candidates.append((match.start(), InferredDate(f"{year:04d}-{month:02d}-{day:02d}", "day",
                                                           _printed(match.group(0)))))
    for match in _DMY.finditer(head):
        day, month, year = (int(g) for g in match.groups())
        if _valid(year, month, day):
            candidates.append((match.start(), InferredDate(f"{year:04d}-{month:02d}-{day:02d}", "day",
                                                           _printed(match.group(0)))))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _printed(surface: str) -> str:
    return f"date printed at the top of the text ({' '.join(surface.split())!r})"
