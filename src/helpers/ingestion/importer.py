"""Bulk import: ``make add SRC="PATH ..."`` = ``python -m helpers.corpus add PATH...``.

A PATH is a file (``.txt``, ``.html``/``.htm``, or any other text file), a folder (its
``.txt``/``.html``/``.htm`` files, recursively, in name order), or a table (``.csv``, ``.jsonl``,
``.parquet``) with a ``text`` or ``html`` column and any of ``url``, ``title``,
``published``/``publish_date``, ``outlet``/``media_name`` and ``language`` (the columns Media
Cloud and common scrapers export); each row of a table becomes one raw file.

Each new article is written byte for byte into the corpus's ``raw/`` under the next free
article id (``005_<sha256 prefix>.txt``; ids grow past 999 as ``1000_...``) and gets a
metadata.csv row with its sha256. Missing metadata is inferred, marked ``inferred`` in
``metadata_source`` and explained in ``evidence``: outlet, Arabic name, country and type from
the URL's domain through ``corpus/lexicons/outlets.csv`` (for an aggregator, the original
outlet when the page's source line names it); the publication date from the HTML's metadata
(htmldate), the URL, or a date printed at the top of the text, with its precision; the URL
from an HTML page's canonical link. What cannot be found stays ``unknown``.

Safe to repeat: the same bytes are reported as a duplicate and not added; nothing in
``raw/`` is ever overwritten (files are created exclusively); a file that cannot be read as
an article is reported with its reason and the others are imported. Rows that need a
person's review (unknown outlet or date, a date read from the text, a non-Arabic language,
an aggregator without its original outlet) are listed at the end.

Example:
    >>> import tempfile
    >>> corpus = Path(tempfile.mkdtemp())
    >>> page = Path(tempfile.mkdtemp()) / "page.txt"
    >>> _ = page.write_text("القوات باقية\\n\\nقال مسؤول إن القوات باقية في العراق.", encoding="utf-8")
    >>> report = add([page], corpus, progress=False)
    >>> [(r.status, r.article_id) for r in report.items]
    [('added', '000')]
    >>> [(r.status, r.reason[:9]) for r in add([page], corpus, progress=False).items]
    [('duplicate', 'same byte')]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.ingestion.decode import decode_article_bytes
from helpers.ingestion.infer import (
    InferredDate,
    canonical_url,
    date_from_dateline,
    date_from_html,
    date_from_url,
)
from helpers.ingestion.load import ingest_file
from helpers.ingestion.metadata import (
    METADATA_COLUMNS,
    OPTIONAL_METADATA_COLUMNS,
    REQUIRED_METADATA_COLUMNS,
    UNKNOWN,
    read_metadata,
)
from helpers.ingestion.outlets import Outlet, outlet_by_name, outlet_for_url

__all__ = ["ImportItem", "ImportReport", "TABLE_COLUMNS", "add", "main"]

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
#: Accepted column names of a table, per field (first match wins; case-insensitive).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "story_text", "article_text", "content", "body"),
    "html": ("html", "raw_html", "page_html"),
    "url": ("url", "canonical_url", "link", "story_url"),
    "title": ("title", "headline"),
    "published": ("published", "publish_date", "published_at", "pub_date", "date"),
    "outlet": ("outlet", "media_name", "media", "site_name", "source"),
    "language": ("language", "lang"),
}
_ID_PREFIX = re.compile(r"^(\d+)_")
_PROGRESS_FROM = 50  # items: a progress bar is shown from this many on


@dataclass
class ImportItem:
    """One input (a file, or a table row) and what became of it."""

    source: str                    # the path, or "table.csv row 3"
    status: str = "pending"        # added | duplicate | rejected
    reason: str = ""
    article_id: str = ""
    file: str = ""
    review: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """Every input with its status; :meth:`summary` is what the command prints."""

    items: list[ImportItem]

    def count(self, status: str) -> int:
        return sum(item.status == status for item in self.items)

    def summary(self) -> str:
        lines = [f"added {self.count('added')}, duplicate {self.count('duplicate')}, "
                 f"rejected {self.count('rejected')} (of {len(self.items)} input(s))"]
        for item in self.items:
            if item.status != "added":
                lines.append(f"  {item.status:<9} {item.source}: {item.reason}")
        review = [item for item in self.items if item.status == "added" and item.review]
        if review:
            lines.append(f"needs review ({len(review)}): check these rows of metadata.csv")
            for item in review:
                lines.append(f"  {item.article_id} {item.file} ({item.source}): {'; '.join(item.review)}")
        return "\n".join(lines)


@dataclass
class _Input:
    item: ImportItem
    data: bytes
    suffix: str                   # .txt or .html
    given: dict[str, str]         # table columns (empty for files)


# --------------------------------------------------------------------------------------------
# Reading the inputs


def _column(frame_columns: Sequence[str], field_name: str) -> str | None:
    lower = {c.lower(): c for c in frame_columns}
    return next((lower[name] for name in TABLE_COLUMNS[field_name] if name in lower), None)


def _read_table(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV, JSONL or Parquet table as dicts of strings."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return [{k: v or "" for k, v in row.items() if k is not None} for row in csv.DictReader(handle)]
    if suffix in {".jsonl", ".ndjson"}:
        rows = []
        with open(path, encoding="utf-8-sig") as handle:
            for line_no, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        value = json.loads(line)
                    except json.JSONDecodeError as error:
                        raise ValueError(f"line {line_no} is not JSON ({error.msg})") from None
                    if not isinstance(value, dict):
                        raise ValueError(f"line {line_no} is not a JSON object")
                    rows.append({str(k): "" if v is None else str(v) for k, v in value.items()})
        return rows
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    return [{str(k): "" if v is None else str(v) for k, v in row.items()} for row in table.to_pylist()]


def _table_inputs(path: Path) -> Iterator[_Input]:
    try:
        rows = _read_table(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        yield _Input(ImportItem(str(path), "rejected", f"cannot read the table: {error}"), b"", "", {})
        return
    except Exception as error:  # pyarrow's own errors for a broken Parquet file
        yield _Input(ImportItem(str(path), "rejected", f"cannot read the table: {type(error).__name__}: {error}"),
                     b"", "", {})
        return
    columns = list(rows[0]) if rows else []
    found = {name: _column(columns, name) for name in TABLE_COLUMNS}
    if rows and found["text"] is None and found["html"] is None:
        yield _Input(ImportItem(str(path), "rejected", "no text or html column (columns: "
                                f"{', '.join(columns)}); name the article text column 'text' or 'html'"), b"", "", {})
        return
    if not rows:
        yield _Input(ImportItem(str(path), "rejected", "the table has no rows"), b"", "", {})
        return
    header_row = 1 if path.suffix.lower() == ".csv" else 0
    for number, row in enumerate(rows, start=1):
        source = f"{path} row {number + header_row}" if header_row else f"{path} row {number}"
        given = {name: row.get(column, "").strip() for name, column in found.items() if column}
        html, text = given.pop("html", ""), given.pop("text", "")
        if html.strip():
            yield _Input(ImportItem(source), html.encode("utf-8"), ".html", given)
        elif text.strip():
            title = given.get("title", "")
            body = text if not title or text.lstrip().startswith(title) else f"{title}\n\n{text}"
            yield _Input(ImportItem(source), body.encode("utf-8"), ".txt", given)
        else:
            yield _Input(ImportItem(source, "rejected", "empty text and html: nothing to import"), b"", "", {})


def _inputs(sources: Sequence[str | os.PathLike[str]]) -> Iterator[_Input]:
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                if file.suffix.lower() in ARTICLE_SUFFIXES:
                    yield from _file_input(file)
                elif file.suffix.lower() in TABLE_SUFFIXES:
                    yield from _table_inputs(file)
                else:
                    yield _Input(ImportItem(str(file), "rejected", f"not an article file ({file.suffix or 'no suffix'}): "
                                            "folders are searched for .txt, .html and tables"), b"", "", {})
        elif path.is_file():
            if path.suffix.lower() in TABLE_SUFFIXES:
                yield from _table_inputs(path)
            else:
                yield from _file_input(path)
        else:
            yield _Input(ImportItem(str(path), "rejected", "no such file or folder"), b"", "", {})


def _file_input(path: Path) -> Iterator[_Input]:
    try:
        data = path.read_bytes()
    except OSError as error:
        yield _Input(ImportItem(str(path), "rejected", f"cannot read the file: {error.strerror}"), b"", "", {})
        return
    suffix = ".html" if path.suffix.lower() in {".html", ".htm"} else ".txt"
    yield _Input(ImportItem(str(path)), data, suffix, {})


# --------------------------------------------------------------------------------------------
# Metadata for one new article


def _given_date(value: str) -> InferredDate | None:
    """A date from an export's column: ISO date or date-time (day), YYYY-MM (month), YYYY (year)."""
    value = value.strip()
    match = re.match(r"^((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ].*)?$", value)
    if match:
        try:
            day = dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
        return InferredDate(day.isoformat(), "day", "publication date from the import's column")
    match = re.match(r"^((?:19|20)\d{2})-(\d{2})$", value)
    if match and 1 <= int(match.group(2)) <= 12:
        return InferredDate(f"{match.group(1)}-{match.group(2)}-01", "month", "publication month from the import's column")
    if re.match(r"^(?:19|20)\d{2}$", value):
        return InferredDate(f"{value}-01-01", "year", "publication year from the import's column")
    return None


def _source_line_outlet(source_line: str) -> Outlet | None:
    """The one known outlet named in a source footer (``المصدر: عنب بلدي``), if any."""
    for piece in re.split(r"[|،,+/]|\s+و(?=\S)", source_line):
        piece = re.sub(r"^\s*(?:المصدر|مصدر|source|نقلا عن|نقلاً عن|عن)\s*[:：-]?\s*", "", piece.strip(),
                       flags=re.IGNORECASE)
        outlet = outlet_by_name(piece.strip(" .()«»\"'"))
        if outlet is not None and not outlet.is_aggregator:
            return outlet
    return None


def _metadata(entry: _Input, text: str | None, source_line: str) -> tuple[dict[str, str], list[str]]:
    """The metadata row (without id, file and sha256) and the reasons it needs review."""
    given = entry.given
    evidence: list[str] = []
    review: list[str] = []
    inferred = False
    row = {"outlet": UNKNOWN, "outlet_ar": UNKNOWN, "outlet_country": UNKNOWN, "outlet_type": UNKNOWN,
           "published": UNKNOWN, "date_precision": UNKNOWN, "url": "", "metadata_source": "imported"}
    html = decode_article_bytes(entry.data).text if entry.suffix == ".html" else None

    # URL
    if given.get("url"):
        row["url"] = given["url"]
        evidence.append("URL from the import's column")
    elif html:
        found = canonical_url(html)
        if found:
            row["url"], how = found
            evidence.append(f"URL from the {how}")
            inferred = True

    # Outlet
    outlet: Outlet | None = None
    if given.get("outlet"):
        outlet = outlet_by_name(given["outlet"])
        if outlet is None:
            row["outlet"] = given["outlet"]
            evidence.append(f"outlet {given['outlet']!r} from the import's column (not in outlets.csv)")
            review.append(f"outlet {given['outlet']!r} is not in corpus/lexicons/outlets.csv: add it there "
                          "or fill outlet_ar, outlet_country and outlet_type")
        else:
            evidence.append(f"outlet {given['outlet']!r} from the import's column, details from outlets.csv "
                            f"({outlet.source})")
    if outlet is None and not given.get("outlet") and row["url"]:
        outlet = outlet_for_url(row["url"])
        if outlet is not None:
            inferred = True
            evidence.append(f"outlet inferred from the URL's domain {outlet.domain} (outlets.csv: {outlet.source})")
    if outlet is not None and outlet.is_aggregator:
        original = _source_line_outlet(source_line)
        if original is not None:
            evidence.append(f"{outlet.outlet} is an aggregator; the original outlet {original.outlet} is named "
                            f"in the page's source line {source_line!r}")
            outlet = original
            inferred = True
        else:
            review.append(f"{outlet.outlet} is an aggregator and the page does not name the original outlet")
    if outlet is None and not given.get("outlet") and source_line:
        outlet = _source_line_outlet(source_line)
        if outlet is not None:
            inferred = True
            evidence.append(f"outlet named in the article's source line {source_line!r}")
    if outlet is not None:
        row.update(outlet=outlet.outlet, outlet_ar=outlet.outlet_ar, outlet_country=outlet.country,
                   outlet_type=outlet.type)
    elif not given.get("outlet"):
        review.append("outlet unknown (no URL with a known domain, no source line naming one)")

    # Publication date
    date: InferredDate | None = None
    if given.get("published"):
        date = _given_date(given["published"])
        if date is None:
            review.append(f"published {given['published']!r} in the import is not a date (YYYY-MM-DD, YYYY-MM "
                          "or YYYY); left unknown")
    if date is None and html:
        date = date_from_html(html)
        inferred = inferred or date is not None
    if date is None and row["url"]:
        date = date_from_url(row["url"])
        inferred = inferred or date is not None
    if date is None and text:
        date = date_from_dateline(text)
        if date is not None:
            inferred = True
            review.append(f"date {date.published} ({date.precision}) read from the text: check it")
    if date is not None:
        row.update(published=date.published, date_precision=date.precision)
        evidence.append(f"{date.precision} {date.published}: {date.evidence}")
    else:
        review.append("publication date unknown")

    language = given.get("language", "")
    if language and not language.lower().startswith(("ar", "arabic")):
        review.append(f"language {language!r} is not Arabic")
        evidence.append(f"language {language!r} from the import's column")
    if given.get("title"):
        evidence.append("title from the import's column (first line of the file)")
    row["metadata_source"] = "inferred" if inferred else "imported"
    row["evidence"] = "; ".join(evidence) or "added with make add; nothing known about it"
    return row, review


# --------------------------------------------------------------------------------------------
# The corpus folder


def _existing(corpus: Path) -> tuple[list[dict[str, str]], list[str], dict[str, str], int]:
    """(metadata rows, header, sha256 -> file of every raw file, next free id number)."""
    raw, meta = corpus / "raw", corpus / "metadata.csv"
    rows: list[dict[str, str]] = []
    header = list(METADATA_COLUMNS)
    if meta.is_file():
        data = meta.read_bytes()
        rows = read_metadata(data, str(meta))
        header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))), header)
    hashes: dict[str, str] = {}
    numbers = [-1]
    if raw.is_dir():
        for entry in sorted(os.scandir(raw), key=lambda e: e.name):
            if entry.is_file(follow_symlinks=False):
                with open(entry.path, "rb") as handle:
                    hashes.setdefault(hashlib.sha256(handle.read()).hexdigest(), entry.name)
            match = _ID_PREFIX.match(entry.name)
            if match:
                numbers.append(int(match.group(1)))
    numbers += [int(r["article_id"]) for r in rows if r["article_id"].isdigit()]
    return rows, header, hashes, max(numbers) + 1


def _article_id(number: int) -> str:
    """Ids have at least 3 digits: 000 ... 999, then 1000 ...

    Example:
        >>> _article_id(7), _article_id(1234)
        ('007', '1234')
    """
    return f"{number:03d}"


def _write_metadata(corpus: Path, header: list[str], old_rows: list[dict[str, str]],
                    new_rows: list[dict[str, str]]) -> None:
    """Append ``new_rows``; first rewrite the file with the full header if it lacks the
    optional columns (older rows get an empty url and metadata_source ``curated``)."""
    meta = corpus / "metadata.csv"
    missing = [c for c in OPTIONAL_METADATA_COLUMNS if c not in header]
    if not meta.is_file() or missing:
        columns = [*header, *missing] if meta.is_file() else list(METADATA_COLUMNS)
        with open(meta, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
            writer.writerows(old_rows)
        header = columns
    with open(meta, "a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, header, lineterminator="\n", extrasaction="ignore").writerows(new_rows)


def add(sources: Sequence[str | os.PathLike[str]], corpus: str | os.PathLike[str] | None = None, *,
        progress: bool = True) -> ImportReport:
    """Import ``sources`` (files, folders, tables) into ``corpus`` (default: the project's corpus
    folder, see :func:`helpers.paths.corpus_dir`); return the report (see module docstring)."""
    folder = Path(corpus).expanduser() if corpus is not None else paths.corpus_dir()
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    old_rows, header, hashes, number = _existing(folder)
    missing_required = [c for c in REQUIRED_METADATA_COLUMNS if c not in header]
    if missing_required:
        raise ValueError(f"{folder / 'metadata.csv'}: missing column(s) {missing_required}")
    items: list[ImportItem] = []
    new_rows: list[dict[str, str]] = []
    entries = list(_inputs(sources))
    bar = None
    if progress and len(entries) >= _PROGRESS_FROM:
        from tqdm import tqdm

        bar = tqdm(total=len(entries), unit="article", desc="importing", file=sys.stderr)
    try:
        for entry in entries:
            items.append(entry.item)
            if bar is not None:
                bar.update(1)
            if entry.item.status == "rejected":
                continue
            sha = hashlib.sha256(entry.data).hexdigest()
            if sha in hashes:
                entry.item.status, entry.item.reason = "duplicate", f"same bytes (sha256) as raw/{hashes[sha]}: not added"
                continue
            article_id = _article_id(number)
            name = f"{article_id}_{sha[:16]}{entry.suffix}"
            result = ingest_file(name, entry.data, {"article_id": article_id})
            if result.status == "rejected":
                entry.item.status, entry.item.reason = "rejected", str(result.report["reason"])
                continue
            source_line = str(result.article["source_line"]) if result.article else ""
            row, review = _metadata(entry, result.text, source_line)
            try:
                with open(raw / name, "xb") as handle:  # exclusive: never overwrites
                    handle.write(entry.data)
            except FileExistsError:
                entry.item.status, entry.item.reason = "rejected", f"raw/{name} already exists: not overwritten"
                continue
            number += 1
            hashes[sha] = name
            new_rows.append({"article_id": article_id, "file": name, "sha256": sha, **row})
            entry.item.status, entry.item.article_id, entry.item.file, entry.item.review = \
                "added", article_id, name, review
            entry.item.reason = row["evidence"]
    finally:
        if bar is not None:
            bar.close()
        if new_rows:
            _write_metadata(folder, header, old_rows, new_rows)
    return ImportReport(items)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m helpers.corpus add PATH... [--corpus DIR]``; exit status 1 if any input was
    rejected (the others are imported all the same)."""
    parser = argparse.ArgumentParser(prog="python -m helpers.corpus",
                                     description="Add articles to the corpus (make add SRC=\"PATH ...\").")
    commands = parser.add_subparsers(dest="command", required=True)
    add_command = commands.add_parser("add", help="import files, folders or tables (CSV, JSONL, Parquet)")
    add_command.add_argument("paths", nargs="+", help="files, folders or tables to import")
    add_command.add_argument("--corpus", help="corpus folder (default: the repository's corpus/, "
                             "or HELPERS_CORPUS_DIR)")
    add_command.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    try:
        report = add(args.paths, args.corpus, progress=not args.no_progress)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(report.summary())
    return 1 if report.count("rejected") else 0
