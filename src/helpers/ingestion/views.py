"""Tables for the ingestion notebook: pure functions of the corpus tables (display only).

Example:
    >>> shorten("القوات الأمريكية باقية في العراق", 12)
    'القوات الأم…'
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.ingestion.decode import decode_article_bytes
from helpers.ingestion.furniture import clean_article
from helpers.ingestion.load import STATUSES, is_inside_folder, is_unsafe_file_name

__all__ = [
    "cleaning_summary",
    "corpus_overview",
    "date_label",
    "not_ingested",
    "outlet_label",
    "raw_vs_clean",
    "read_raw_text",
    "report_counts",
    "shorten",
    "summary_text",
]


def shorten(text: str, width: int = 70) -> str:
    """``text`` on one line, cut to ``width`` characters with "…" (for tables read on GitHub).

    Example:
        >>> shorten("القوات الأمريكية باقية في العراق", 12)
        'القوات الأم…'
    """
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[:width - 1].rstrip() + "…"


def outlet_label(outlet_ar: str, outlet: str) -> str:
    """Bilingual outlet name "العربية — English" in logical order; unknown outlets say so.

    Example:
        >>> outlet_label("", "unknown")
        'غير معروف — unknown'
    """
    if outlet.strip().lower() in {"", "unknown"}:
        return "غير معروف — unknown"
    return f"{outlet_ar} — {outlet}" if outlet_ar else outlet


def date_label(published: str, precision: str) -> str:
    """The publication date as precise as it is known: 2024-01-25, 2024-03 (month), 2014 (year).

    Example:
        >>> date_label("2024-03-01", "month")
        '2024-03 (month)'
    """
    if precision == "unknown" or published == "unknown":
        return "unknown"
    if precision == "month":
        return f"{published[:7]} (month)"
    if precision == "year":
        return f"{published[:4]} (year)"
    return published


def corpus_overview(articles: pd.DataFrame, title_width: int = 45) -> pd.DataFrame:
    """One line per article: outlet, country, date (with its precision), words, sentences, title.

    Example:
        >>> from helpers.ingestion.load import load_corpus
        >>> list(corpus_overview(load_corpus().articles).columns)
        ['article_id', 'outlet', 'country', 'published', 'words', 'sentences', 'title']
    """
    return pd.DataFrame({
        "article_id": articles["article_id"],
        "outlet": [outlet_label(a, e) for a, e in zip(articles["outlet_ar"], articles["outlet"])],
        "country": articles["outlet_country"],
        "published": [date_label(p, q) for p, q in zip(articles["published"], articles["date_precision"])],
        "words": articles["n_words"],
        "sentences": articles["n_sentences"],
        "title": [shorten(t, title_width) if t else "(no headline)" for t in articles["title"]],
    }).reset_index(drop=True)


def cleaning_summary(audit: pd.DataFrame, line_width: int = 50) -> pd.DataFrame:
    """What cleaning removed, per article and reason: count and one example (shortened).

    Example:
        >>> from helpers.ingestion.load import load_corpus
        >>> cleaning_summary(load_corpus().audit).columns.tolist()
        ['article_id', 'reason', 'removed', 'example']
    """
    rows = []
    for (article_id, reason), group in audit.groupby(["article_id", "reason"], sort=True):
        rows.append({"article_id": article_id, "reason": reason, "removed": len(group),
                     "example": shorten(group.sort_values("line_no")["line"].iloc[0], line_width)})
    return pd.DataFrame(rows, columns=["article_id", "reason", "removed", "example"])


def read_raw_text(file: str, raw_dir: str | os.PathLike[str] | None = None) -> str:
    """The decoded raw text of ``file`` in the raw folder (for showing raw next to clean).

    Raises ValueError for a name that leaves the folder or a file that does not decode.

    Example:
        >>> read_raw_text("001_073d70a8ba835e1b.txt").splitlines()[0]
        'fbpx'
    """
    folder = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    path = folder / file
    if is_unsafe_file_name(file) or not is_inside_folder(path, folder.resolve()):
        raise ValueError(f"{file!r} is not a file inside {folder}; pass a bare file name from the report")
    decoded = decode_article_bytes(path.read_bytes())
    if decoded.text is None:
        raise ValueError(f"{file}: {decoded.reason}")
    return decoded.text


def raw_vs_clean(raw_text: str, width: int = 60) -> pd.DataFrame:
    """Each non-blank raw line next to what cleaning did with it: title, body, or removed (why).

    Example:
        >>> raw_vs_clean("fbpx\\nعنوان الخبر\\nنص الخبر.")["fate"].tolist()
        ['removed: tracking token', 'title', 'body']
    """
    article = clean_article(raw_text)
    whole = {r.line_no: r.reason for r in article.removed if not r.reason.endswith(", inside a kept line")}
    fragments: dict[int, list[str]] = {}
    for r in article.removed:
        if r.line_no not in whole:
            fragments.setdefault(r.line_no, []).append(f"{r.line!r}")
    rows = []
    seen_title = False
    raw_lines = raw_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line_no, line in enumerate(raw_lines, start=1):
        if not line.strip():
            continue
        if line_no in whole:
            fate = f"removed: {whole[line_no]}"
        elif article.title and not seen_title:
            fate, seen_title = "title", True
        else:
            fate = "body"
        if line_no in fragments:
            fate += f" (stray markup removed: {', '.join(fragments[line_no])})"
        rows.append({"line_no": line_no, "raw_line": shorten(line, width), "fate": fate})
    return pd.DataFrame(rows, columns=["line_no", "raw_line", "fate"])



def report_counts(report: pd.DataFrame) -> pd.DataFrame:
    """How many input files ended in each status (every status listed, zero included).

    Example:
        >>> report = pd.DataFrame({"status": ["ingested", "ingested", "rejected"]})
        >>> report_counts(report).to_dict("records")[:2]
        [{'status': 'ingested', 'files': 2}, {'status': 'duplicate', 'files': 0}]
    """
    counts = report["status"].value_counts()
    extra = sorted(set(counts.index) - set(STATUSES))
    return pd.DataFrame({"status": [*STATUSES, *extra],
                         "files": [int(counts.get(s, 0)) for s in (*STATUSES, *extra)]})


def not_ingested(report: pd.DataFrame) -> pd.DataFrame:
    """Every report row whose status is not ``ingested`` (file, article_id, status, reason),
    sorted by status then file: the rows a reader must see, however large the corpus.

    Example:
        >>> report = pd.DataFrame({"file": ["a.txt", "b.txt"], "article_id": ["001", ""],
        ...     "status": ["ingested", "rejected"], "reason": ["", "empty file"]})
        >>> not_ingested(report)["file"].tolist()
        ['b.txt']
    """
    rows = report.loc[report["status"] != "ingested", ["file", "article_id", "status", "reason"]]
    return rows.sort_values(["status", "file"], kind="stable").reset_index(drop=True)


def summary_text(report: pd.DataFrame, limit: int = 20) -> str:
    """A plain-text ingestion summary: counts per status, then the first ``limit`` files that
    were not ingested with their reasons (what ``make reproduce`` prints).

    Example:
        >>> report = pd.DataFrame({"file": ["a.txt", "b.txt"], "article_id": ["001", ""],
        ...     "status": ["ingested", "rejected"], "reason": ["", "empty file"]})
        >>> print(summary_text(report))
        ingestion: 1 ingested, 0 duplicate, 0 needs-metadata, 1 rejected, 0 missing-file
          rejected        b.txt: empty file
    """
    counts = report_counts(report)
    lines = ["ingestion: " + ", ".join(f"{n} {s}" for s, n in zip(counts["status"], counts["files"]))]
    problems = not_ingested(report)
    for row in problems.head(limit).itertuples():
        lines.append(f"  {row.status:<15} {row.file}: {row.reason}")
    if len(problems) > limit:
        lines.append(f"  ... and {len(problems) - limit} more (see the ingest report table)")
    return "\n".join(lines)
