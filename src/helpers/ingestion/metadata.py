"""metadata.csv: one row per article, validated; the columns and what they mean.

The required columns are :data:`REQUIRED_METADATA_COLUMNS`; ``url`` and ``metadata_source``
(``curated`` written by hand, ``imported`` from an export's columns, ``inferred`` when some field
was inferred, e.g. the outlet from the URL's domain; ``evidence`` says which and from what) are
optional, so a metadata.csv written before they existed still loads.

Example:
    >>> METADATA_COLUMNS[-2:]
    ['url', 'metadata_source']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

__all__ = [
    "DATE_PRECISIONS",
    "METADATA_COLUMNS",
    "METADATA_SOURCES",
    "OPTIONAL_METADATA_COLUMNS",
    "REQUIRED_METADATA_COLUMNS",
    "UNKNOWN",
    "read_metadata",
]

REQUIRED_METADATA_COLUMNS = ["article_id", "file", "sha256", "outlet", "outlet_ar", "outlet_country",
                             "outlet_type", "published", "date_precision", "evidence"]
OPTIONAL_METADATA_COLUMNS = ["url", "metadata_source"]
METADATA_COLUMNS = [*REQUIRED_METADATA_COLUMNS, *OPTIONAL_METADATA_COLUMNS]
DATE_PRECISIONS = ("day", "month", "year")
#: A field nobody knows: the outlet of an unnamed site, or a date (then published and
#: date_precision are both ``unknown``). Never replaced by a guess.
UNKNOWN = "unknown"
METADATA_SOURCES = ("curated", "imported", "inferred")


def read_metadata(data: bytes, source: str = "metadata.csv") -> list[dict[str, str]]:
    """Parse and validate metadata.csv ``data``; return its rows (dicts of :data:`METADATA_COLUMNS`).

    The columns ``url`` and ``metadata_source`` may be missing (a metadata.csv written before
    they existed): ``url`` is then empty and ``metadata_source`` is ``curated``.

    Raises ``ValueError`` naming the row and the fix for: text that is not UTF-8, missing
    columns, an empty or duplicate article_id or file, a published date that is not ISO
    ``YYYY-MM-DD``, a date_precision other than day/month/year (or both
    published and date_precision ``unknown``), a month/year precision whose date is
    not the first day of the month/year, or an unknown metadata_source.

    Example:
        >>> rows = read_metadata(b"article_id,file,sha256,outlet,outlet_ar,outlet_country,"
        ...     b"outlet_type,published,date_precision,evidence\\n005,a.txt,,X,,,,2024-03-01,month,seen\\n")
        >>> rows[0]["published"], rows[0]["date_precision"]
        ('2024-03-01', 'month')
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"{source} is not UTF-8 (byte {error.start}); re-save it as UTF-8") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED_METADATA_COLUMNS if c not in header]
    if missing:
        raise ValueError(f"{source}: missing column(s) {missing}; the header must include "
                         f"{REQUIRED_METADATA_COLUMNS} (optionally also {OPTIONAL_METADATA_COLUMNS})")
    rows: list[dict[str, str]] = []
    seen_ids: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    for row_no, raw_row in enumerate(reader, start=2):
        row = {c: (raw_row.get(c) or "").strip() for c in METADATA_COLUMNS}
        row["metadata_source"] = row["metadata_source"] or "curated"
        where = f"{source} row {row_no} (article_id {row['article_id']!r})"
        if not row["article_id"]:
            raise ValueError(f"{source} row {row_no}: empty article_id; give every row a unique id such as '005'")
        if row["article_id"] in seen_ids:
            raise ValueError(f"{where}: duplicate article_id, already used on row {seen_ids[row['article_id']]}; "
                             "ids must be unique")
        if not row["file"]:
            raise ValueError(f"{where}: empty file; name the article's file in corpus/raw")
        if row["file"] in seen_files:
            raise ValueError(f"{where}: file {row['file']!r} is already described on row {seen_files[row['file']]}; "
                             "one row per file")
        if row["metadata_source"] not in METADATA_SOURCES:
            raise ValueError(f"{where}: metadata_source {row['metadata_source']!r} must be one of {METADATA_SOURCES}")
        if row["published"] == UNKNOWN or row["date_precision"] == UNKNOWN:
            if (row["published"], row["date_precision"]) != (UNKNOWN, UNKNOWN):
                raise ValueError(f"{where}: an unknown date is written published=unknown and "
                                 f"date_precision=unknown, found {row['published']!r} and {row['date_precision']!r}")
            _finish(row, row_no, seen_ids, seen_files, rows)
            continue
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["published"]):
            raise ValueError(f"{where}: published {row['published']!r} is not an ISO date YYYY-MM-DD "
                             "(or 'unknown', with date_precision unknown)")
        try:
            published = dt.date.fromisoformat(row["published"])
        except ValueError:
            raise ValueError(f"{where}: published {row['published']!r} is not a valid calendar date") from None
        if row["date_precision"] not in DATE_PRECISIONS:
            raise ValueError(f"{where}: date_precision {row['date_precision']!r} must be one of {DATE_PRECISIONS}")
        if row["date_precision"] == "month" and published.day != 1:
            raise ValueError(f"{where}: month-precision dates are recorded as the month's first day "
                             f"({published:%Y-%m}-01), found {row['published']}")
        if row["date_precision"] == "year" and (published.month, published.day) != (1, 1):
            raise ValueError(f"{where}: year-precision dates are recorded as {published.year}-01-01, "
                             f"found {row['published']}")
        _finish(row, row_no, seen_ids, seen_files, rows)
    return rows


def _finish(row: dict[str, str], row_no: int, seen_ids: dict[str, int], seen_files: dict[str, int],
            rows: list[dict[str, str]]) -> None:
    seen_ids[row["article_id"]] = row_no
    seen_files[row["file"]] = row_no
    row["_row_no"] = str(row_no)
    rows.append(row)
