"""Figures of notebook 04 (actor frequency): top actors, actors by article or outlet, co-occurrence.

Labels are the actors' bilingual labels from the actor lexicon ("العربية — English"), always
through helpers.rtl; bars and colour bars sit so the labels read from the right, as Arabic does.

Example:
    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> lexicon = pd.DataFrame({"actor_id": ["us", "iraq"], "label_en": ["United States", "Iraq"],
    ...     "label_ar": ["الولايات المتحدة", "العراق"], "type": ["state"] * 2, "parent": ["", ""],
    ...     "alias": ["أمريكا", "العراق"]})
    >>> fig = plot_top_actors(pd.DataFrame({"actor_id": ["iraq", "us"], "mentions": [9, 4]}), 5, lexicon)
    >>> from helpers.presentation.layout import figure_problems
    >>> figure_problems(fig)
    []
    >>> plt.close(fig)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from helpers import rtl
from helpers.presentation import layout

__all__ = ["MAX_ACTORS", "MAX_COLUMNS", "actor_labels", "plot_top_actors", "plot_actor_heatmap",
           "plot_cooccurrence"]

#: Most actors (bars or rows) on a figure; the tables list the rest.
MAX_ACTORS = 20
#: Most columns (articles, outlets or countries) on the actor heatmap.
MAX_COLUMNS = 12


def actor_labels(actor_ids: list[str], lexicon: pd.DataFrame | None, *, width: int = 64,
                 arabic_only: bool = False) -> list[str]:
    """Bilingual label of each actor (``rtl.label(label_ar, label_en)``), shortened to ``width``.

    An id missing from the lexicon is shown as itself.

    Example:
        >>> lex = pd.DataFrame({"actor_id": ["isis"], "label_en": ["ISIS"], "label_ar": ["داعش"],
        ...                     "type": ["group"], "parent": [""], "alias": ["داعش"]})
        >>> actor_labels(["isis", "nobody"], lex) == [rtl.label("داعش", "ISIS"), "nobody"]
        True
    """
    from helpers.actors import actor_table

    info = actor_table(lexicon).set_index("actor_id")
    out = []
    for actor_id in actor_ids:
        if actor_id not in info.index:
            out.append(str(actor_id))
            continue
        arabic = layout.shorten(str(info.at[actor_id, "label_ar"]), width if arabic_only else width // 2)
        english = "" if arabic_only else layout.shorten(str(info.at[actor_id, "label_en"]), width // 2)
        out.append(rtl.label(arabic, english))
    return out


def plot_top_actors(counts: pd.DataFrame, n_articles: int, lexicon: pd.DataFrame | None = None) -> Any:
    """Horizontal bars of mentions per actor, laid out right to left; returns the Figure.

    ``counts`` is (a slice of) ``actors.actor_counts(..., by=None)`` in the order to show, most
    mentioned first: columns ``actor_id`` and ``mentions``. At most :data:`MAX_ACTORS` bars.
    Bars grow from the right, where the bilingual labels sit; each bar ends with its count when
    it fits. ``n_articles`` goes in the title.
    """
    for column in ("actor_id", "mentions"):
        if column not in counts.columns:
            raise KeyError(f"plot_top_actors: counts lack the column {column!r}; pass actors.actor_counts(..., by=None)")
    shown = counts.head(MAX_ACTORS)
    fig, ax = layout.new_figure(1.5 + 0.27 * max(len(shown), 3))
    values = shown["mentions"].to_numpy(dtype=float)
    ax.barh(range(len(shown)), values, color="#4c72b0")
    rtl.set_ticklabels(ax, actor_labels(list(shown["actor_id"]), lexicon), axis="y", fontsize=layout.LABEL_PT)
    ax.set_ylim(max(len(shown), 1) - 0.5, -0.5)  # most mentioned first
    top = float(values.max()) if len(values) else 1.0
    ax.set_xlim(top * 1.12 if top > 0 else 1.0, 0)  # bars grow from right to left, room for the counts
    ax.yaxis.tick_right()
    ax.spines["left"].set_visible(False)  # the axis line sits where the bars start, on the right
    ax.spines["right"].set_visible(True)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="x", labelsize=layout.LABEL_PT)
    more = f"; top {len(shown)} of {len(counts)}" if len(counts) > len(shown) else ""
    rtl.set_title(ax, rtl.label("الفاعلون الأكثر ذكرًا", f"Most mentioned actors ({n_articles} articles{more})"),
                  fontsize=layout.TITLE_PT)
    ax.set_xlabel("mentions", fontsize=layout.LABEL_PT)
    renderer = layout.freeze_layout(fig)
    frame = ax.get_window_extent(renderer)
    for y, value in enumerate(values):
        text = ax.text(value, y, f" {int(value)}", ha="right", va="center", fontsize=layout.LABEL_PT - 1)
        if text.get_window_extent(renderer).x0 < frame.x0:
            text.remove()
    return layout.finish(fig)


def plot_actor_heatmap(matrix: pd.DataFrame, articles: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> Any:
    """Heatmap of ``actors.actor_article_matrix`` (mentions per 1,000 words); returns the Figure.

    Columns are the articles when there are at most :data:`MAX_COLUMNS` of them (first article
    on the right); otherwise outlet groups (the outlets with most words, "other", ONE
    "unknown"; countries when a dozen outlets carry less than half the words), each the
    word-weighted rate of its articles (``articles.n_words``). Rows are the matrix's actors (at
    most :data:`MAX_ACTORS`), bilingual labels on the right, the colour bar on the left.
    Values are printed in the cells where they fit (blank for 0).
    """
    for column in ("article_id", "outlet"):
        if column not in articles.columns:
            raise KeyError(f"plot_actor_heatmap: articles lack the column {column!r}; pass corpus.load_corpus().articles")
    info = articles.assign(article_id=articles["article_id"].astype(str)).drop_duplicates("article_id")
    info = info.set_index("article_id").reindex([str(c) for c in matrix.columns]).reset_index()
    info["outlet"] = info["outlet"].fillna("unknown")
    weight = "n_words" if "n_words" in info.columns else None
    if weight:
        info["n_words"] = pd.to_numeric(info["n_words"], errors="coerce").fillna(0).clip(lower=0)
    keys, grouping = layout.group_by_outlet(info, MAX_COLUMNS, weight=weight, allow_articles=True)
    shown_rows = matrix.head(MAX_ACTORS)
    rates = shown_rows.to_numpy(dtype=float)
    columns = grouping.order()
    if grouping.level == "article":
        columns = columns[::-1]  # the first article on the right, as Arabic reads
        position = {str(c): j for j, c in enumerate(matrix.columns)}
        values = np.column_stack([rates[:, position[c]] for c in columns]) if columns else rates[:, :0]
        outlet_of = dict(zip(info["article_id"], info["outlet"]))
        x_labels = [f"{c}\n{layout.shorten('unknown' if layout.is_unknown_outlet(outlet_of[c]) else outlet_of[c], 14)}"
                    for c in columns]
        rotation = 0 if len(columns) <= 8 else 90
    else:
        w = info["n_words"].to_numpy(dtype=float) if weight else np.ones(len(info))
        values = np.zeros((len(shown_rows), len(columns)))
        for j, group in enumerate(columns):
            member = (keys == group).to_numpy()
            total = w[member].sum()
            if total > 0:
                values[:, j] = rates[:, member] @ w[member] / total
            elif member.any():
                values[:, j] = rates[:, member].mean(axis=1)
        x_labels = [grouping.label(k, 36) for k in columns]
        rotation = 90
    values = np.round(values, 1)
    fig, ax = layout.new_figure(2.4 + 0.3 * max(len(shown_rows), 3) + (1.4 if rotation else 0.4))
    if not values.size:
        return layout.nothing_to_show(fig, ax, "actor mentions")
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0)
    rtl.set_ticklabels(ax, x_labels, axis="x", fontsize=layout.LABEL_PT, rotation=rotation)
    rtl.set_ticklabels(ax, actor_labels(list(shown_rows.index), lexicon), axis="y", fontsize=layout.LABEL_PT)
    ax.yaxis.tick_right()
    ax.grid(False)
    colorbar = fig.colorbar(image, ax=ax, location="left", fraction=0.04, pad=0.02)
    colorbar.set_label("mentions per 1,000 words", fontsize=layout.LABEL_PT)
    colorbar.ax.tick_params(labelsize=layout.LABEL_PT)
    by = {"article": "article", "outlet": "outlet", "country": "country"}.get(grouping.level, grouping.level)
    rtl.set_title(ax, rtl.label("ذكر الفاعلين لكل 1000 كلمة", f"Actor mentions per 1,000 words, by {by}"),
                  fontsize=layout.TITLE_PT)
    if not rotation:
        layout.fit_x_ticklabels(ax)
    layout.label_cells(ax, values, fmt="{:.1f}")
    return layout.finish(fig)


def plot_cooccurrence(square: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> Any:
    """Heatmap of ``actors.cooccurrence_matrix`` (shared sentences, blank for 0); returns the Figure.

    At most :data:`MAX_ACTORS` actors (the first ones of the matrix). Rows carry bilingual
    labels on the right, columns the Arabic labels (vertical); the colour bar sits on the
    left. Counts are printed in the cells where they fit.
    """
    actor_ids = list(square.index)[:MAX_ACTORS]
    values = square.loc[actor_ids, actor_ids].to_numpy(dtype=float)
    n = max(len(actor_ids), 3)
    fig, ax = layout.new_figure(2.6 + 0.3 * n)
    if not values.size:
        return layout.nothing_to_show(fig, ax, "pairs of actors")
    image = ax.imshow(values, cmap="Oranges", aspect="auto", vmin=0)
    rtl.set_ticklabels(ax, actor_labels(actor_ids, lexicon), axis="y", fontsize=layout.LABEL_PT)
    rtl.set_ticklabels(ax, actor_labels(actor_ids, lexicon, width=24, arabic_only=True), axis="x",
                       fontsize=layout.LABEL_PT, rotation=90)
    ax.yaxis.tick_right()
    ax.grid(False)
    colorbar = fig.colorbar(image, ax=ax, location="left", fraction=0.04, pad=0.02)
    colorbar.set_label("sentences with both actors", fontsize=layout.LABEL_PT)
    colorbar.ax.tick_params(labelsize=layout.LABEL_PT)
    colorbar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    rtl.set_title(ax, rtl.label("الفاعلون في الجملة نفسها", "Actors in the same sentence"), fontsize=layout.TITLE_PT)
    layout.label_cells(ax, values)
    return layout.finish(fig)
