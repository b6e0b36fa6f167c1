"""Generated tables for the figure tests: any number of articles over 40 outlets, 2003-2026.

Outlet names and actor labels are Arabic of varying lengths; about one article in six has an
unknown outlet; dates come with day, month or year precision; troop claims carry a
``refers_to`` time that is sometimes years before publication. Everything is drawn from a
seeded generator, so a size always gives the same tables. The tables have the columns the
analyses return (load_corpus().articles, outlet_framing_table, cited_source_shares,
troop_level_claims, actor_counts, actor_article_matrix, cooccurrence_matrix).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

_WORDS = ["الأخبار", "العراقية", "اليوم", "الدولية", "نيوز", "الجديد", "صوت", "الشرق", "الأوسط", "وكالة",
          "أنباء", "الفرات", "بغداد", "الحرة", "الميادين", "شبكة", "قناة", "المستقبل", "الرافدين", "السومرية"]
_COUNTRIES = ["Iraq", "Iran", "Syria", "Lebanon", "Qatar", "Saudi Arabia", "Egypt", "UAE", "Jordan", "UK"]
_TYPES = ["news_website", "tv_channel", "state_news_agency", "newspaper"]
_ACTOR_WORDS = ["القوات", "الأمريكية", "الحشد", "الشعبي", "الحكومة", "العراقية", "حزب", "الله", "داعش",
                "التحالف", "الدولي", "وزارة", "الدفاع", "البنتاغون", "الفصائل", "المسلحة", "إقليم", "كردستان"]
SOURCE_TYPES = ("us_government", "iraqi_government", "iranian_or_aligned", "armed_groups", "western_media",
                "arab_media", "iraqi_state_media", "anonymous", "other", "unknown")


@dataclass
class PlotCorpus:
    articles: pd.DataFrame
    framing_table: pd.DataFrame
    source_shares: pd.DataFrame
    reference: pd.DataFrame
    claims: pd.DataFrame
    other_counts: pd.DataFrame
    lexicon: pd.DataFrame
    actor_counts: pd.DataFrame
    actor_matrix: pd.DataFrame
    cooccurrence: pd.DataFrame


def _phrase(rng: np.random.Generator, words: list[str], low: int, high: int) -> str:
    return " ".join(rng.choice(words, size=int(rng.integers(low, high + 1)), replace=True))


def outlets(rng: np.random.Generator, n: int = 40) -> pd.DataFrame:
    rows = []
    for i in range(n):
        rows.append({"outlet": f"Outlet {i:02d} " + "News" * int(rng.integers(0, 3)),
                     "outlet_ar": _phrase(rng, _WORDS, 1, 4),
                     "outlet_country": _COUNTRIES[i % len(_COUNTRIES)],
                     "outlet_type": _TYPES[i % len(_TYPES)]})
    return pd.DataFrame(rows)


def make_articles(n_articles: int, n_outlets: int = 40, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    table = outlets(rng, n_outlets)
    # a skewed share of articles per outlet, as in real corpora
    weights = 1.0 / np.arange(1, n_outlets + 1) ** 0.8
    picks = rng.choice(n_outlets, size=n_articles, p=weights / weights.sum())
    days = rng.integers(0, (pd.Timestamp("2026-06-30") - pd.Timestamp("2003-01-01")).days, size=n_articles)
    precision = rng.choice(["day", "day", "day", "month", "year"], size=n_articles)
    rows = []
    for i in range(n_articles):
        outlet = table.iloc[picks[i]]
        date = pd.Timestamp("2003-01-01") + pd.Timedelta(days=int(days[i]))
        if precision[i] == "month":
            date = date.replace(day=1)
        elif precision[i] == "year":
            date = date.replace(month=1, day=1)
        unknown = rng.random() < 1 / 6
        rows.append({"article_id": f"{i:03d}" if n_articles <= 1000 else f"{i:05d}",
                     "outlet": "unknown" if unknown else outlet["outlet"],
                     "outlet_ar": "غير معروف" if unknown else outlet["outlet_ar"],
                     "outlet_country": "unknown" if unknown else outlet["outlet_country"],
                     "outlet_type": "unknown" if unknown else outlet["outlet_type"],
                     "published": date.strftime("%Y-%m-%d"), "date_precision": precision[i],
                     "n_words": int(rng.integers(150, 2500)), "title": _phrase(rng, _WORDS, 3, 9)})
    return pd.DataFrame(rows)


def _outlet_labels(articles: pd.DataFrame) -> pd.DataFrame:
    """Like framing.outlet_labels today: each unknown-outlet article is its own "unknown (id)"."""
    unknown = articles["outlet"].eq("unknown")
    ids = articles["article_id"]
    return pd.DataFrame({"article_id": ids,
                         "outlet": articles["outlet"].where(~unknown, "unknown (" + ids + ")"),
                         "outlet_ar": articles["outlet_ar"].where(~unknown, "غير معروف (" + ids + ")")})


def framing_table(articles: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    frames = {"isis": 5, "us_forces": 6, "factions": 5, "withdrawal": 4, "iran": 4, "sovereignty": 4}
    choices = []
    for frame, n in frames.items():
        for k in range(n):
            choices.append((frame, f"{frame}_{k}", _phrase(rng, _ACTOR_WORDS, 1, 3), f"gloss {frame} {k}" + " long" * k))
    labels = _outlet_labels(articles)
    per_outlet = labels.groupby(["outlet", "outlet_ar"], sort=False).size().reset_index(name="n")
    rows = []
    for outlet, outlet_ar, n in per_outlet.itertuples(index=False):
        counts = {c[1]: int(rng.poisson(0.8 * n)) if rng.random() < 0.7 else 0 for c in choices}
        frame_counts = {f: sum(counts[c[1]] for c in choices if c[0] == f) for f in frames}
        for frame, choice, label_ar, gloss in choices:
            fc = frame_counts[frame]
            rows.append({"outlet": outlet, "outlet_ar": outlet_ar, "frame": frame, "choice": choice,
                         "label_ar": label_ar, "gloss_en": gloss, "leaning": "", "count": counts[choice],
                         "frame_count": fc, "share_in_frame": round(counts[choice] / fc, 3) if fc else np.nan,
                         "n_words": 1000, "per_1000_words": 0.0})
    return pd.DataFrame(rows)


def source_shares(articles: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    labels = _outlet_labels(articles)
    per_outlet = labels.groupby(["outlet", "outlet_ar"], sort=False).size().reset_index(name="n")
    rows = []
    for outlet, outlet_ar, n in per_outlet.itertuples(index=False):
        counts = rng.poisson(1.5 * n, size=len(SOURCE_TYPES)) * (rng.random(len(SOURCE_TYPES)) < 0.6)
        total = int(counts.sum())
        for source_type, count in zip(SOURCE_TYPES, counts):
            rows.append({"outlet": outlet, "outlet_ar": outlet_ar, "source_type": source_type, "count": int(count),
                         "unnamed": int(rng.integers(0, count + 1)), "total": total,
                         "share": round(count / total, 3) if total else np.nan})
    return pd.DataFrame(rows)


def reference() -> pd.DataFrame:
    rows = [("2003-05-01", "iraq", 150000, "approx"), ("2007-09-01", "iraq", 168000, "approx"),
            ("2011-12-18", "iraq", 0, "exact"), ("2014-06-16", "iraq", 275, "up_to"),
            ("2014-11-07", "iraq", 3100, "approx"), ("2016-09-28", "iraq", 5262, "approx"),
            ("2021-01-15", "iraq", 2500, "approx"), ("2024", "syria", 900, "approx"),
            ("2024-09-27", "iraq", None, "event"), ("2026-09", "iraq", None, "event")]
    frame = pd.DataFrame(rows, columns=["date", "place", "figure", "qualifier"])
    frame["figure"] = pd.array([r[2] for r in rows], dtype="Int64")
    frame.insert(1, "when", [pd.Timestamp(d) for d in frame["date"]])
    frame["source"] = [f"source of row {i}, an official statement" for i in range(len(frame))]
    frame["note"] = ""
    return frame


def troop_points(articles: pd.DataFrame, rng: np.random.Generator, share: float) -> pd.DataFrame:
    chosen = articles[rng.random(len(articles)) < share]
    rows = []
    for article in chosen.itertuples():
        published = pd.Timestamp(article.published)
        past = rng.random() < 0.3 and published.year > 2005
        refers = str(int(rng.integers(2003, published.year))) if past else (
            published.strftime("%Y-%m") if rng.random() < 0.3 else None)
        year = int(refers[:4]) if refers else published.year
        value = int(rng.choice([150000, 130000, 40000]) if year < 2012 else rng.choice([2500, 3000, 5000, 5200, 900]))
        high = value + 500 if rng.random() < 0.1 else pd.NA
        rows.append({"article_id": article.article_id, "published": published, "outlet": article.outlet,
                     "outlet_ar": article.outlet_ar, "surface": str(value), "value": value, "value_high": high,
                     "qualifier": rng.choice(["exact", "approx", "at_least", "up_to"]),
                     "where": rng.choice(["iraq", "iraq", "syria", ""]), "refers_to": refers})
    columns = ["article_id", "published", "outlet", "outlet_ar", "surface", "value", "value_high", "qualifier",
               "where", "refers_to"]
    return pd.DataFrame(rows, columns=columns)


def lexicon(rng: np.random.Generator, n: int = 30) -> pd.DataFrame:
    rows = []
    for i in range(n):
        rows.append({"actor_id": f"actor_{i:02d}", "label_en": f"Actor {i} " + "of the region " * int(rng.integers(0, 3)),
                     "label_ar": _phrase(rng, _ACTOR_WORDS, 1, 5), "type": "group", "parent": "",
                     "alias": f"alias {i}", "match_rule": "", "note": ""})
    return pd.DataFrame(rows)


def make_plot_corpus(n_articles: int, n_outlets: int = 40, seed: int = 0) -> PlotCorpus:
    articles = make_articles(n_articles, n_outlets, seed)
    rng = np.random.default_rng(seed + 1)
    lex = lexicon(rng)
    actor_ids = list(lex["actor_id"])
    mentions = rng.poisson(3, size=len(actor_ids)) * n_articles + rng.integers(1, 5, size=len(actor_ids))
    counts = pd.DataFrame({"actor_id": actor_ids, "mentions": mentions}).sort_values(
        ["mentions", "actor_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    top = list(counts["actor_id"].head(15))
    rates = rng.gamma(0.6, 2.0, size=(len(top), n_articles)) * (rng.random((len(top), n_articles)) < 0.5)
    matrix = pd.DataFrame(rates, index=pd.Index(top, name="actor_id"),
                          columns=pd.Index(articles["article_id"], name="article_id"))
    square_values = rng.poisson(0.4 * n_articles + 1, size=(12, 12))
    square_values = np.triu(square_values, 1)
    square = pd.DataFrame(square_values + square_values.T, index=top[:12], columns=top[:12])
    claims = troop_points(articles, rng, 0.35)
    others = troop_points(articles, rng, 0.1)
    return PlotCorpus(articles, framing_table(articles, rng), source_shares(articles, rng), reference(),
                      claims, others, lex, counts, matrix, square)
