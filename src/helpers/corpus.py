"""The corpus: loading, bulk import and the ingestion notebook's views (re-exported).

The logic lives in :mod:`helpers.ingestion` (decode, furniture, duplicates, metadata, load,
views, importer); every name that was public here stays importable from here, e.g.
``helpers.corpus.load_corpus``. Command line::

    python -m helpers.corpus add PATH...      # = make add SRC="PATH ..."

Example:
    >>> from helpers import corpus
    >>> c = corpus.load_corpus()
    >>> list(c.articles.columns[:3])
    ['article_id', 'file', 'sha256']
"""

from __future__ import annotations

import pandas as pd

from helpers.ingestion.decode import Decoded, decode_article_bytes
from helpers.ingestion.duplicates import NEAR_DUPLICATE_JACCARD, DuplicateIndex, count_words, word_shingles
from helpers.ingestion.load import (
    ARTICLE_COLUMNS,
    AUDIT_COLUMNS,
    REPORT_COLUMNS,
    SENTENCE_COLUMNS,
    Corpus,
    IngestResult,
    ingest_file,
    load_corpus,
    write_processed,
)
from helpers.ingestion.metadata import METADATA_COLUMNS, read_metadata
from helpers.ingestion.views import (
    cleaning_summary,
    corpus_overview,
    date_label,
    not_ingested,
    outlet_label,
    raw_vs_clean,
    read_raw_text,
    report_counts,
    shorten,
    summary_text,
)
from helpers.stats import per_1000_words  # moved to helpers.stats; re-exported here

__all__ = [
    "per_1000_words",
    "METADATA_COLUMNS",
    "ARTICLE_COLUMNS",
    "SENTENCE_COLUMNS",
    "REPORT_COLUMNS",
    "AUDIT_COLUMNS",
    "NEAR_DUPLICATE_JACCARD",
    "Corpus",
    "Decoded",
    "DuplicateIndex",
    "IngestResult",
    "decode_article_bytes",
    "ingest_file",
    "read_metadata",
    "word_shingles",
    "count_words",
    "load_corpus",
    "write_processed",
    "shorten",
    "outlet_label",
    "date_label",
    "corpus_overview",
    "cleaning_summary",
    "not_ingested",
    "report_counts",
    "summary_text",
    "read_raw_text",
    "raw_vs_clean",
    "plot_corpus_timeline",
]


# per_1000_words moved to helpers.stats (imported above; helpers.corpus.per_1000_words still works)


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.corpus add PATH...``: see :mod:`helpers.ingestion.importer`."""
    from helpers.ingestion.importer import main as importer_main

    return importer_main(argv)


def plot_corpus_timeline(articles: pd.DataFrame):  # -> matplotlib.figure.Figure
    """The corpus over time, one row per outlet (Arabic names right to left via helpers.rtl).

    A day-precise date is a dot; a date known only to the month (or year) is a bar spanning
    that whole month (or year), so imprecision stays visible. Each mark is labelled with its
    article_id and the date as precisely as it is known (2024-01-25, 2024-03).

    Example:
        >>> fig = plot_corpus_timeline(load_corpus().articles)
        >>> len(fig.axes)
        1
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from helpers import rtl

    frame = articles.assign(label=[outlet_label(a, e) for a, e in zip(articles["outlet_ar"], articles["outlet"])])
    outlets = sorted(frame["label"].unique(), key=lambda s: (s.startswith("غير معروف"), s))
    row_of = {label: i for i, label in enumerate(outlets)}
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.7 * len(outlets)))
    for item in frame.sort_values("article_id").itertuples():
        start = pd.Timestamp(item.published)
        if item.date_precision == "month":
            end = start + pd.offsets.MonthBegin(1)
        elif item.date_precision == "year":
            end = start + pd.offsets.YearBegin(1)
        else:
            end = None
        y = row_of[item.label]
        if end is None:
            ax.plot([start], [y], "o", color="C0", markersize=8, zorder=3)
            middle = start
        else:
            left, right = mdates.date2num(start), mdates.date2num(end)
            ax.barh(y, right - left, left=left, height=0.22, color="C1", alpha=0.75, edgecolor="C1", zorder=2)
            middle = start + (end - start) / 2
        short_date = item.published if end is None else date_label(item.published, item.date_precision).split()[0]
        ax.annotate(f"{item.article_id} · {short_date}", (mdates.date2num(middle), y), xytext=(0, 11),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8)
    rtl.set_ticklabels(ax, outlets, axis="y", ticks=list(range(len(outlets))))
    ax.set_ylim(-0.6, len(outlets) - 0.4)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    first, last = pd.Timestamp(frame["published"].min()), pd.Timestamp(frame["published"].max())
    ax.set_xlim(pd.Timestamp(first.year, 1, 1), pd.Timestamp(last.year + 1, 1, 1))
    ax.grid(axis="x", alpha=0.3)
    rtl.set_title(ax, rtl.label("المقالات عبر الزمن حسب الوسيلة", "Articles over time by outlet"))
    handles = [Line2D([], [], marker="o", linestyle="", color="C0", markersize=8),
               Patch(facecolor="C1", edgecolor="C1", alpha=0.75)]
    rtl.legend(ax, labels=["يوم محدد — exact day", "الشهر فقط — month known, day not (bar = the month)"],
               handles=handles,
               loc="upper left", fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    raise SystemExit(main())
