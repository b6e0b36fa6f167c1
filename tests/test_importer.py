"""make add (helpers.corpus add): files, folders and tables into a corpus, with inferred metadata."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest
from builders import seed_text, seed_texts

from helpers.ingestion import importer, infer, outlets
from helpers.ingestion.load import load_corpus
from helpers.ingestion.metadata import METADATA_COLUMNS, REQUIRED_METADATA_COLUMNS, read_metadata

BODY = ("قال مسؤول عسكري إن القوات الأمريكية ما زالت تنتشر في قاعدة عين الأسد غرب البلاد، "
        "وإن عددها لم يتغير منذ أشهر.\n\nوأضاف أن المحادثات مع الحكومة بشأن جدول الانسحاب مستمرة، "
        "وأن لجنة فنية مشتركة ستجتمع الأسبوع المقبل لبحث المرحلة الثانية.")


def body(variant: int) -> str:
    """Distinct article texts (so that no two are near duplicates of each other)."""
    words = ["الأنبار", "نينوى", "صلاح الدين", "ديالى", "كركوك", "أربيل", "البصرة", "ذي قار", "واسط"]
    return f"خبر رقم {variant} من {words[variant % len(words)]}\n\n" + BODY.replace(
        "عين الأسد", f"{words[variant % len(words)]} {variant}") + f"\n\nتفاصيل إضافية {variant} " * (1 + variant % 3)


def page(text: str, canonical: str = "", published: str = "") -> str:
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    if published:
        head += f'<meta property="article:published_time" content="{published}">'
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>عنوان</title>{head}'
            f"</head><body><article>{paragraphs}</article></body></html>")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "raw").mkdir(parents=True)
    seeds = seed_texts()
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(REQUIRED_METADATA_COLUMNS)  # an older metadata.csv without url/metadata_source
        for article_id, text in seeds.items():
            data = text.encode("utf-8")
            name = f"{article_id}_seed.txt"
            (folder / "raw" / name).write_bytes(data)
            writer.writerow([article_id, name, hashlib.sha256(data).hexdigest(), "unknown", "", "unknown",
                             "unknown", "2024-01-01", "month", "fixture"])
    return folder


def rows_of(folder) -> list[dict[str, str]]:
    return read_metadata((folder / "metadata.csv").read_bytes())


def test_the_issue_scenario_imports_seven_articles_and_reports_the_duplicate(corpus, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "utf8.txt").write_text(body(1), encoding="utf-8")
    (inputs / "legacy.txt").write_bytes(body(2).encode("cp1256"))
    (inputs / "utf16.txt").write_bytes(body(3).encode("utf-16"))
    (inputs / "page.html").write_text(page(body(4), "https://www.aljazeera.net/news/2024/2/5/x",
                                           "2024-02-05T08:00:00+03:00"), encoding="utf-8")
    with open(inputs / "export.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["stories_id", "url", "title", "publish_date", "media_name", "language", "text"])
        writer.writerow([1, "https://shafaq.com/ar/x/1", "عنوان أول", "2021-07-26 10:00:00", "shafaq.com", "ar", body(5)])
        writer.writerow([2, "https://arabic.rt.com/middle_east/2/", "عنوان ثان", "", "", "ar", body(6)])
        writer.writerow([3, "https://www.sana.sy/?p=3", "عنوان ثالث", "2019-05", "", "ar", body(7)])
    (inputs / "seed_copy.txt").write_bytes(seed_text("002").encode("utf-8"))
    sources = [inputs / n for n in ("utf8.txt", "legacy.txt", "utf16.txt", "page.html", "export.csv", "seed_copy.txt")]

    report = importer.add(sources, corpus, progress=False)

    assert (report.count("added"), report.count("duplicate"), report.count("rejected")) == (7, 1, 0)
    duplicate = next(i for i in report.items if i.status == "duplicate")
    assert duplicate.source.endswith("seed_copy.txt") and "002_seed.txt" in duplicate.reason
    rows = {r["article_id"]: r for r in rows_of(corpus)}
    assert sorted(rows) == [f"{i:03d}" for i in range(12)]
    html_row = rows["008"]
    assert (html_row["outlet"], html_row["outlet_country"], html_row["published"], html_row["date_precision"]) == (
        "Al Jazeera", "Qatar", "2024-02-05", "day")
    assert html_row["url"] == "https://www.aljazeera.net/news/2024/2/5/x" and html_row["metadata_source"] == "inferred"
    assert "canonical link" in html_row["evidence"] and "domain aljazeera.net" in html_row["evidence"]
    assert (rows["009"]["outlet"], rows["009"]["published"], rows["009"]["metadata_source"]) == (
        "Shafaq News", "2021-07-26", "imported")
    assert (rows["010"]["outlet"], rows["010"]["published"]) == ("RT Arabic", "unknown")
    assert (rows["011"]["outlet"], rows["011"]["published"], rows["011"]["date_precision"]) == (
        "SANA", "2019-05-01", "month")
    assert rows["005"]["outlet"] == "unknown"  # nothing names it: unknown, never a guess
    # every new raw file is its input byte for byte, under its sha256
    for row in rows.values():
        assert hashlib.sha256((corpus / "raw" / row["file"]).read_bytes()).hexdigest() == row["sha256"]
    assert (corpus / "raw" / rows["006"]["file"]).read_bytes() == (inputs / "legacy.txt").read_bytes()
    # the old rows keep their values and are marked curated; everything loads
    assert rows["000"]["metadata_source"] == "curated" and rows["000"]["evidence"] == "fixture"
    loaded = load_corpus(corpus / "raw", corpus / "metadata.csv")
    assert set(loaded.report["status"]) == {"ingested"} and len(loaded.articles) == 12
    # the review list names what a person must check
    summary = report.summary()
    assert "needs review" in summary and "005" in summary and "outlet unknown" in summary


def test_adding_again_adds_nothing_and_overwrites_nothing(corpus, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(body(1), encoding="utf-8")
    importer.add([source], corpus, progress=False)
    before = {p.name: p.read_bytes() for p in (corpus / "raw").iterdir()}
    metadata_before = (corpus / "metadata.csv").read_bytes()
    report = importer.add([source, tmp_path / "a.txt"], corpus, progress=False)
    assert [i.status for i in report.items] == ["duplicate", "duplicate"]
    assert {p.name: p.read_bytes() for p in (corpus / "raw").iterdir()} == before
    assert (corpus / "metadata.csv").read_bytes() == metadata_before


def test_an_existing_file_is_never_overwritten(corpus, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(body(1), encoding="utf-8")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    squatter = corpus / "raw" / f"005_{sha[:16]}.txt"
    squatter.write_bytes(b"not the same")
    report = importer.add([source], corpus, progress=False)
    # the next free id skips 005 (taken by the file), so nothing collides or is overwritten
    assert report.items[0].status == "added" and report.items[0].article_id == "006"
    assert squatter.read_bytes() == b"not the same"


def test_a_bad_file_is_reported_and_the_rest_imported(corpus, tmp_path, capsys):
    (tmp_path / "good.txt").write_text(body(1), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7 binary")
    status = importer.main(["add", str(tmp_path / "empty.txt"), str(tmp_path / "good.txt"),
                            str(tmp_path / "scan.txt"), str(tmp_path / "missing.txt"), "--corpus", str(corpus)])
    out = capsys.readouterr().out
    assert status == 1
    assert "added 1, duplicate 0, rejected 3" in out
    assert "empty.txt: empty or whitespace-only file" in out and "scan.txt: binary file (a PDF)" in out
    assert "missing.txt: no such file or folder" in out
    assert len(rows_of(corpus)) == 6


def test_a_folder_is_imported_in_name_order(corpus, tmp_path):
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text(body(2), encoding="utf-8")
    (folder / "a.html").write_text(page(body(1)), encoding="utf-8")
    (folder / "sub" / "c.txt").write_text(body(3), encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    report = importer.add([folder], corpus, progress=False)
    assert [(i.source.rsplit("/", 1)[-1], i.status) for i in report.items] == [
        ("a.html", "added"), ("b.txt", "added"), ("notes.docx", "rejected"), ("c.txt", "added")]
    assert [r["file"].endswith(".html") for r in rows_of(corpus)][5:] == [True, False, False]


def test_jsonl_and_parquet_exports(corpus, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [{"url": "https://www.youm7.com/story/2023/4/2/x/1", "title": "عنوان", "publish_date": None,
                "media_name": None, "language": "ar", "text": body(1)},
               {"url": "https://hespress.com/x-2.html", "title": "عنوان آخر", "publish_date": "2022-11-03",
                "media_name": "Hespress", "language": "ar", "text": body(2)}]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                           encoding="utf-8")
    pq.write_table(pa.Table.from_pylist([{**r, "text": body(3 + i)} for i, r in enumerate(records)]),
                   tmp_path / "export.parquet")
    report = importer.add([tmp_path / "export.jsonl", tmp_path / "export.parquet"], corpus, progress=False)
    assert report.count("added") == 4
    rows = rows_of(corpus)[5:]
    assert [(r["outlet"], r["published"], r["date_precision"]) for r in rows] == [
        ("Youm7", "2023-04-02", "day"), ("Hespress", "2022-11-03", "day"),
        ("Youm7", "2023-04-02", "day"), ("Hespress", "2022-11-03", "day")]
    assert "date in the URL path" in rows[0]["evidence"]
    # the title is the first line of the raw file written for a row
    assert (corpus / "raw" / rows[0]["file"]).read_text(encoding="utf-8").startswith("عنوان\n\n")


@pytest.mark.parametrize("content, reason", [
    ("url,title\nhttps://a.example,x\n", "no text or html column"),
    ("text\n", "the table has no rows"),
])
def test_a_table_without_articles_says_why(corpus, tmp_path, content, reason):
    (tmp_path / "t.csv").write_text(content, encoding="utf-8")
    report = importer.add([tmp_path / "t.csv"], corpus, progress=False)
    assert report.items[0].status == "rejected" and reason in report.items[0].reason


def test_ids_grow_past_999(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "raw").mkdir(parents=True)
    (folder / "raw" / "999_existing.txt").write_text(body(0), encoding="utf-8")
    (folder / "metadata.csv").write_text(",".join(METADATA_COLUMNS) + "\n999,999_existing.txt,,unknown,,unknown,"
                                         "unknown,unknown,unknown,e,,curated\n", encoding="utf-8")
    sources = []
    for i in range(1, 3):
        source = tmp_path / f"{i}.txt"
        source.write_text(body(i), encoding="utf-8")
        sources.append(source)
    report = importer.add(sources, folder, progress=False)
    assert [i.article_id for i in report.items] == ["1000", "1001"]
    assert report.items[0].file.startswith("1000_")
    loaded = load_corpus(folder / "raw", folder / "metadata.csv")
    assert sorted(loaded.articles["article_id"]) == ["1000", "1001", "999"]


def test_long_imports_show_a_progress_bar(corpus, tmp_path, capsys):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(importer._PROGRESS_FROM):
        (folder / f"{i:03d}.txt").write_text(body(i) + f" {i}", encoding="utf-8")
    importer.add([folder], corpus, progress=True)
    assert "importing" in capsys.readouterr().err


def test_an_aggregator_page_takes_the_outlet_it_names(corpus, tmp_path):
    text = body(1) + "\n\nالمصدر: عنب بلدي"
    (tmp_path / "agg.html").write_text(page(text, "https://akhbarak.net/news/2024/01/25/123"), encoding="utf-8")
    (tmp_path / "agg2.html").write_text(page(body(2), "https://akhbarak.net/news/2024/01/26/124"), encoding="utf-8")
    report = importer.add([tmp_path / "agg.html", tmp_path / "agg2.html"], corpus, progress=False)
    first, second = rows_of(corpus)[5:]
    assert first["outlet"] == "Enab Baladi" and "aggregator" in first["evidence"]
    assert second["outlet"] == "Akhbarak" and "does not name the original outlet" in report.summary()


# --- outlets.csv ---------------------------------------------------------------------------------

def test_outlets_lexicon_is_valid_and_covers_the_region():
    rows = outlets.load_outlets()
    arabic = [o for o in rows if o.type != "aggregator"]
    assert len(arabic) >= 60
    countries = {o.country for o in arabic}
    for country in ("Qatar", "Iraq", "Iran", "Syria", "Saudi Arabia", "Egypt", "Lebanon", "Jordan", "Morocco",
                    "Algeria", "Tunisia", "United Kingdom", "Russia", "France", "Germany", "Turkey"):
        assert country in countries, country
    assert any(o.type == "aggregator" for o in rows)
    for seed_outlet in ("Mehr News Agency", "Enab Baladi", "Khalijion News"):
        assert any(o.outlet == seed_outlet for o in rows)
    assert all(o.source for o in rows)


def test_outlets_lexicon_reports_every_bad_row(tmp_path):
    bad = tmp_path / "outlets.csv"
    bad.write_text(",".join(outlets.OUTLET_COLUMNS) + "\nnot a domain,X,س,Iraq,tv_channel,src,\n"
                   "a.example,Y,,Iraq,radio,src,\n", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        outlets.load_outlets(bad)
    message = str(error.value)
    assert f"{bad}:2: domain 'not a domain'" in message and f"{bad}:3: empty outlet_ar" in message
    assert f"{bad}:3: type 'radio'" in message


def test_an_edit_to_outlets_csv_takes_effect_at_once(tmp_path):
    file = tmp_path / "outlets.csv"
    header = ",".join(outlets.OUTLET_COLUMNS)
    file.write_text(f"{header}\na.example,A,أ,Iraq,tv_channel,src,\n", encoding="utf-8")
    assert outlets.outlet_for_url("https://a.example/x", outlets.load_outlets(file)).outlet == "A"
    file.write_text(f"{header}\na.example,B,ب,Iraq,tv_channel,src,\n", encoding="utf-8")
    assert outlets.outlet_for_url("https://a.example/x", outlets.load_outlets(file)).outlet == "B"


@pytest.mark.parametrize("url, outlet", [
    ("https://www.aljazeera.net/politics/2024/1/25/x", "Al Jazeera"),
    ("https://mubasher.aljazeera.net/news/x", "Al Jazeera Mubasher"),
    ("http://m.alarabiya.net/ar/arab-and-world/iraq/2020/01/16/x", "Al Arabiya"),
    ("https://arabic.rt.com/middle_east/1/", "RT Arabic"),
    ("https://www.bbc.com/arabic/articles/c1", "BBC Arabic"),
    ("https://www.france24.com/ar/20240125-x", "France 24 Arabic"),
    ("https://ar.mehrnews.com/news/1/", "Mehr News Agency"),
    ("https://www.enabbaladi.net/12345/x/", "Enab Baladi"),
    ("https://www.shafaq.com/ar/x", "Shafaq News"),
    ("https://www.hespress.com/x.html", "Hespress"),
    ("https://www.bbc.com/news/world-1", None),
    ("https://aljazeera.net.example.com/x", None),
    ("not a url", None),
])
def test_outlet_for_url(url, outlet):
    found = outlets.outlet_for_url(url)
    assert (found.outlet if found else None) == outlet


# --- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("بغداد - الخميس ٢٥ كانون الثاني ٢٠٢٤ - قال مسؤول", ("2024-01-25", "day")),
    ("القاهرة في 3 يونيو 2014 (أ ش أ) - أعلن", ("2014-06-03", "day")),
    ("الجزائر - 12 جويلية 2019\nقال", ("2019-07-12", "day")),
    ("نشر بتاريخ: 2020-01-16 10:32\nعنوان", ("2020-01-16", "day")),
    ("16/01/2020 - 10:15 ص\nعنوان", ("2020-01-16", "day")),
    ("الرياض، أيار/مايو 2011\nقال", ("2011-05-01", "month")),
    ("تحديث: 25 من كانون الثاني 2024", ("2024-01-25", "day")),
    ("قال مسؤول إن 2500 جندي باقون في العراق", None),
    ("وصل 30 جنديا في 2014 إلى القاعدة", None),
    ("31/02/2020", None),
])
def test_date_from_dateline(text, expected):
    found = infer.date_from_dateline(text)
    assert (None if found is None else (found.published, found.precision)) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://www.aljazeera.net/news/2024/1/25/x", ("2024-01-25", "day")),
    ("https://x.example/2014-06-16/story", ("2014-06-16", "day")),
    ("https://www.france24.com/ar/20200116-x", ("2020-01-16", "day")),
    ("https://x.example/news/20200116/x", ("2020-01-16", "day")),
    ("https://x.example/2019/05/title", ("2019-05-01", "month")),
    ("https://x.example/story/123456789", None),
    ("https://x.example/2024/13/40/x", None),
])
def test_date_from_url(url, expected):
    found = infer.date_from_url(url)
    assert (None if found is None else (found.published, found.precision)) == expected


def test_date_from_html_reads_metadata_not_the_body():
    with_meta = page("نص", published="2023-10-07T06:00:00Z")
    assert infer.date_from_html(with_meta).published == "2023-10-07"
    assert infer.date_from_html(page("نشر في 2019-01-01 نص")) is None


def test_canonical_url_ignores_relative_links():
    assert infer.canonical_url('<link rel="canonical" href="/ar/x">') is None
    assert infer.canonical_url('<meta property="og:url" content="https://sana.sy/?p=9">')[0] == "https://sana.sy/?p=9"


def test_the_earlier_of_two_near_duplicates_is_kept_past_id_999(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "raw").mkdir(parents=True)
    text = body(1) * 3
    (folder / "raw" / "999_a.txt").write_text(text, encoding="utf-8")
    (folder / "raw" / "1000_b.txt").write_text(text + "\nسطر إضافي", encoding="utf-8")
    header = ",".join(METADATA_COLUMNS)
    (folder / "metadata.csv").write_text(f"{header}\n999,999_a.txt,,u,,u,u,unknown,unknown,e,,curated\n"
                                         "1000,1000_b.txt,,u,,u,u,unknown,unknown,e,,curated\n", encoding="utf-8")
    loaded = load_corpus(folder / "raw", folder / "metadata.csv")
    assert loaded.articles["article_id"].tolist() == ["999"]
    assert "near duplicate of article 999" in loaded.report.set_index("file").loc["1000_b.txt", "reason"]
