"""helpers.corpus: ingestion of awkward inputs. Every fixture is written into tmp_path by the test."""

from __future__ import annotations

import csv
import hashlib
import os
import random
from pathlib import Path

import pytest

from helpers import corpus
from helpers.corpus import load_corpus

# Basic Arabic letters only, so every article also exists in ISO-8859-6 and Windows-1256.
WORDS = ("القوات الامريكية العراق بغداد واشنطن الحكومة وزارة الدفاع التحالف الدولي قاعدة "
         "المسؤول قال اعلن البرلمان الانسحاب المحادثات الجنود المستشارين الهجوم الفصائل "
         "المسلحة الرئيس الوزراء البيت الابيض الخارجية الامن المنطقة الشمال الجنوب "
         "الاسبوع الماضي المقبل اليوم امس بيان رسمي مصدر مطلع عملية عسكرية مشتركة").split()
COLUMNS = corpus.METADATA_COLUMNS


def article_text(seed: int) -> str:
    """A distinct, plausible-looking article (title, two paragraphs), different for each seed."""
    rng = random.Random(seed)

    def sentence(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    return f"{sentence(6)}\n\n{sentence(40)}، {sentence(20)}.\n\n{sentence(30)}.\n"


def meta_row(article_id: str, file: str, **overrides: str) -> dict[str, str]:
    row = {"article_id": article_id, "file": file, "sha256": "", "outlet": "Test Outlet",
           "outlet_ar": "منفذ تجريبي", "outlet_country": "Iraq", "outlet_type": "news_website",
           "published": "2024-01-25", "date_precision": "day", "evidence": "written by the test"}
    row.update(overrides)
    return row


def write_metadata(path: Path, rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


def load(raw: Path, rows: list[dict[str, str]]) -> corpus.Corpus:
    return load_corpus(raw, write_metadata(raw.parent / "metadata.csv", rows))


def status_of(c: corpus.Corpus, file: str) -> tuple[str, str, str]:
    row = c.report.set_index("file").loc[file]
    return row["status"], row["reason"], row["encoding"]


# --------------------------------------------------------------------------------------------
# Encodings: each ends ingested, with the encoding recorded and the same clean text as UTF-8

ENCODINGS = [
    # (file name, how the bytes are made, encoding expected in the report)
    ("utf8.txt", lambda t: t.encode("utf-8"), "utf-8"),
    ("utf8_bom.txt", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
    ("utf16_le.txt", lambda t: t.encode("utf-16"), "utf-16"),
    ("utf16_be.txt", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
    ("cp1256.txt", lambda t: t.encode("cp1256"), "cp1256"),
    ("iso8859_6.txt", lambda t: t.encode("iso8859_6"), "iso-8859-6"),
    ("crlf.txt", lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
]


@pytest.mark.parametrize(("name", "encode", "encoding"), ENCODINGS, ids=[row[0] for row in ENCODINGS])
def test_encodings_are_decoded_and_recorded(raw, name, encode, encoding):
    text = article_text(seed=7)
    (raw / name).write_bytes(encode(text))
    c = load(raw, [meta_row("001", name)])
    status, reason, found = status_of(c, name)
    assert (status, found) == ("ingested", encoding), reason
    expected = text.strip().replace("\n\n", "\n\n")
    assert c.articles.loc[0, "text"] == expected
    assert "\r" not in c.articles.loc[0, "text"]


def test_html_page_is_reduced_to_its_article_text(raw):
    paragraphs = article_text(seed=11).strip().split("\n\n")
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + paragraphs[0] + "</title></head>"
            "<body><nav><a href='/'>الرئيسية</a> | <a href='/news'>اخبار</a></nav><article><h1>"
            + paragraphs[0] + "</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs[1:])
            + "</article><footer>جميع الحقوق محفوظة 2024</footer></body></html>")
    (raw / "page.html").write_text(html, encoding="utf-8")
    c = load(raw, [meta_row("001", "page.html")])
    status, reason, encoding = status_of(c, "page.html")
    assert status == "ingested" and "trafilatura" in encoding, reason
    text = c.articles.loc[0, "text"]
    assert c.articles.loc[0, "title"] == paragraphs[0]
    assert all(p in text for p in paragraphs[1:])
    assert "<" not in text and "الرئيسية" not in text and "محفوظة" not in text


# --------------------------------------------------------------------------------------------
# Inputs that are rejected, with the reason

REJECTED = [
    # (file name, bytes, words expected in the reason)
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\r\n  ", "empty"),
    ("form_feeds.txt", b"\x0b\x0c \r", "empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (a PNG image)"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (a PDF)"),
    ("blob.bin", bytes(random.Random(3).randrange(256) for _ in range(2000)) + b"\x00\x00", "binary file"),
    ("french.txt", "Le président a déclaré à la télévision que les troupes resteront.".encode("latin-1"),
     "not UTF-8"),
    ("furniture_only.txt", "fbpx\n\nRead More\n\nاظهر المزيد\n\nزر الذهاب إلى الأعلى\n".encode(),
     "nothing left after cleaning"),
]


@pytest.mark.parametrize(("name", "data", "expected_reason"), REJECTED, ids=[row[0] for row in REJECTED])
def test_unusable_files_are_rejected_with_a_reason(raw, name, data, expected_reason):
    (raw / name).write_bytes(data)
    c = load(raw, [meta_row("001", name)])
    status, reason, _ = status_of(c, name)
    assert status == "rejected"
    assert expected_reason in reason
    assert c.articles.empty and c.sentences.empty


def test_a_file_that_changed_since_metadata_recorded_its_sha256_is_rejected(raw):
    (raw / "a.txt").write_text(article_text(1), encoding="utf-8")
    c = load(raw, [meta_row("001", "a.txt", sha256="0" * 64)])
    status, reason, _ = status_of(c, "a.txt")
    assert status == "rejected" and "sha256 differs from metadata.csv row 2" in reason


# --------------------------------------------------------------------------------------------
# Duplicates and missing metadata


def test_exact_duplicate_keeps_the_earliest_article_id(raw):
    data = article_text(2).encode("utf-8")
    (raw / "b_copy.txt").write_bytes(data)
    (raw / "a_original.txt").write_bytes(data)
    c = load(raw, [meta_row("002", "a_original.txt"), meta_row("001", "b_copy.txt")])
    assert list(c.articles["article_id"]) == ["001"]
    status, reason, _ = status_of(c, "a_original.txt")
    assert status == "duplicate" and "same bytes" in reason and "article 001 (b_copy.txt)" in reason


def test_near_duplicate_is_reported_with_its_similarity(raw):
    text = article_text(3)
    (raw / "first.txt").write_text(text, encoding="utf-8")
    # the same article re-published with a different source footer and one changed word
    (raw / "second.txt").write_text(text.replace("\n\n", "\n\nوقال ", 1) + "\nالمصدر: وكالة اخرى\n",
                                    encoding="utf-8")
    (raw / "other.txt").write_text(article_text(4), encoding="utf-8")
    c = load(raw, [meta_row("001", "first.txt"), meta_row("002", "second.txt"), meta_row("003", "other.txt")])
    assert list(c.articles["article_id"]) == ["001", "003"]
    status, reason, _ = status_of(c, "second.txt")
    assert status == "duplicate" and "near duplicate of article 001 (first.txt)" in reason
    assert "Jaccard" in reason


def test_near_duplicate_of_a_file_without_metadata_names_that_file(raw):
    # neither file has a metadata row: the first is kept out of the articles (needs-metadata),
    # yet the second is still recognised as its copy
    text = article_text(6)
    (raw / "x_unlisted.txt").write_text(text, encoding="utf-8")
    (raw / "y_unlisted_copy.txt").write_text(text + "\nالمصدر: وكالة اخرى\n", encoding="utf-8")
    (raw / "listed.txt").write_text(article_text(7), encoding="utf-8")
    c = load(raw, [meta_row("001", "listed.txt")])
    assert status_of(c, "x_unlisted.txt")[0] == "needs-metadata"
    status, reason, _ = status_of(c, "y_unlisted_copy.txt")
    assert status == "duplicate" and "near duplicate of x_unlisted.txt" in reason


def test_near_duplicate_is_matched_to_the_right_one_of_several_kept_articles(raw):
    text = article_text(8)
    paragraphs = text.split("\n\n")
    (raw / "a.txt").write_text(text.replace(paragraphs[2], article_text(9).split("\n\n")[2]),
                               encoding="utf-8")  # a third of the article differs
    (raw / "b.txt").write_text(text, encoding="utf-8")
    (raw / "c.txt").write_text(text + "\nالمصدر: وكالة اخرى\n", encoding="utf-8")
    c = load(raw, [meta_row("001", "a.txt"), meta_row("002", "b.txt"), meta_row("003", "c.txt")])
    assert list(c.articles["article_id"]) == ["001", "002"]
    assert "near duplicate of article 002 (b.txt)" in status_of(c, "c.txt")[1]


def test_same_article_in_two_encodings_is_a_duplicate(raw):
    text = article_text(5)
    (raw / "utf8.txt").write_text(text, encoding="utf-8")
    (raw / "legacy.txt").write_bytes(text.encode("cp1256"))
    c = load(raw, [meta_row("001", "utf8.txt"), meta_row("002", "legacy.txt")])
    assert list(c.articles["article_id"]) == ["001"]
    assert "Jaccard 1.00" in status_of(c, "legacy.txt")[1]


def test_file_without_metadata_row_needs_metadata(raw):
    (raw / "a.txt").write_text(article_text(1), encoding="utf-8")
    (raw / "new.txt").write_text(article_text(2), encoding="utf-8")
    c = load(raw, [meta_row("001", "a.txt")])
    status, reason, _ = status_of(c, "new.txt")
    assert status == "needs-metadata" and "add one" in reason
    assert hashlib.sha256((raw / "new.txt").read_bytes()).hexdigest() in reason
    assert list(c.articles["article_id"]) == ["001"]


def test_metadata_row_without_file_is_reported(raw):
    (raw / "a.txt").write_text(article_text(1), encoding="utf-8")
    c = load(raw, [meta_row("001", "a.txt"), meta_row("002", "gone.txt")])
    status, reason, _ = status_of(c, "gone.txt")
    assert status == "missing-file" and "row 3" in reason


# --------------------------------------------------------------------------------------------
# Nothing outside the raw folder is read

SECRET = "سر خارج المجلد لا يجوز قراءته ابدا في اي حال من الاحوال"


@pytest.mark.parametrize("file_value", ["../outside.txt", "{abs}", "sub/../../outside.txt", "..\\outside.txt"])
def test_metadata_file_leaving_the_raw_folder_is_never_read(raw, file_value):
    outside = raw.parent / "outside.txt"
    outside.write_text(SECRET + "\n\n" + article_text(9), encoding="utf-8")
    file_value = str(outside) if file_value == "{abs}" else file_value
    (raw / "a.txt").write_text(article_text(1), encoding="utf-8")
    c = load(raw, [meta_row("001", "a.txt"), meta_row("002", file_value)])
    status, reason, _ = status_of(c, file_value)
    assert status == "rejected" and "never read" in reason
    assert not c.articles["text"].str.contains("سر خارج").any()
    assert list(c.articles["article_id"]) == ["001"]


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlink_pointing_outside_is_never_read(raw):
    outside = raw.parent / "outside.txt"
    outside.write_text(SECRET + "\n\n" + article_text(9), encoding="utf-8")
    (raw / "link.txt").symlink_to(outside)
    (raw / "inside_target.txt").write_text(article_text(1), encoding="utf-8")
    c = load(raw, [meta_row("001", "link.txt"), meta_row("002", "inside_target.txt")])
    status, reason, _ = status_of(c, "link.txt")
    assert status == "rejected" and "symlink pointing outside" in reason
    assert list(c.articles["article_id"]) == ["002"]


def test_folders_and_hidden_files_get_report_rows(raw):
    (raw / "sub").mkdir()
    (raw / ".gitkeep").write_bytes(b"")
    (raw / "a.txt").write_text(article_text(1), encoding="utf-8")
    c = load(raw, [meta_row("001", "a.txt")])
    assert status_of(c, "sub")[0] == "rejected"
    assert status_of(c, ".gitkeep")[0] == "rejected"
    assert sorted(c.report["file"]) == [".gitkeep", "a.txt", "sub"]


# --------------------------------------------------------------------------------------------
# Malformed metadata.csv raises, naming the row and the fix

BAD_METADATA = [
    # (rows, columns, message fragment)
    ([meta_row("001", "a.txt")], [c for c in COLUMNS if c != "published"], "missing column(s) ['published']"),
    ([meta_row("001", "a.txt"), meta_row("001", "b.txt")], COLUMNS, "row 3 (article_id '001'): duplicate article_id"),
    ([meta_row("001", "a.txt"), meta_row("002", "a.txt")], COLUMNS, "row 3 (article_id '002'): file 'a.txt' is already"),
    ([meta_row("", "a.txt")], COLUMNS, "row 2: empty article_id"),
    ([meta_row("001", "")], COLUMNS, "row 2 (article_id '001'): empty file"),
    ([meta_row("001", "a.txt", published="25/01/2024")], COLUMNS, "not an ISO date"),
    ([meta_row("001", "a.txt", published="2024-02-30")], COLUMNS, "not a valid calendar date"),
    ([meta_row("001", "a.txt", date_precision="week")], COLUMNS, "date_precision 'week' must be one of"),
    ([meta_row("001", "a.txt", published="2024-03-15", date_precision="month")], COLUMNS, "month's first day"),
    ([meta_row("001", "a.txt", published="2024-03-01", date_precision="year")], COLUMNS, "2024-01-01"),
]


@pytest.mark.parametrize(("rows", "columns", "message"), BAD_METADATA, ids=[row[2][:40] for row in BAD_METADATA])
def test_malformed_metadata_raises_naming_the_row(raw, rows, columns, message):
    (raw / "a.txt").write_text(article_text(1), encoding="utf-8")
    path = write_metadata(raw.parent / "metadata.csv", rows, columns)
    with pytest.raises(ValueError, match="metadata.csv") as error:
        load_corpus(raw, path)
    assert message in str(error.value)


def test_metadata_that_is_not_utf8_raises(raw):
    path = raw.parent / "metadata.csv"
    path.write_bytes(",".join(COLUMNS).encode() + "\n001,a.txt,,منفذ".encode("cp1256"))
    with pytest.raises(ValueError, match="not UTF-8"):
        load_corpus(raw, path)


def test_missing_metadata_file_or_raw_folder_raises(raw):
    with pytest.raises(FileNotFoundError, match="metadata"):
        load_corpus(raw, raw.parent / "nope.csv")
    with pytest.raises(FileNotFoundError, match="raw folder"):
        load_corpus(raw.parent / "nope", write_metadata(raw.parent / "metadata.csv", []))


# --------------------------------------------------------------------------------------------
# Tables: columns, dtypes, offsets, caching, CSV output


def test_tables_have_contract_columns_dtypes_and_consistent_offsets(raw):
    for number in range(3):
        (raw / f"{number}.txt").write_text(article_text(20 + number), encoding="utf-8")
    c = load(raw, [meta_row(f"00{n}", f"{n}.txt") for n in (2, 0, 1)])
    assert list(c.articles.columns) == corpus.ARTICLE_COLUMNS
    assert list(c.sentences.columns) == corpus.SENTENCE_COLUMNS
    assert list(c.report.columns) == corpus.REPORT_COLUMNS
    assert list(c.audit.columns) == corpus.AUDIT_COLUMNS
    assert list(c.articles["article_id"]) == ["000", "001", "002"]
    assert str(c.articles["n_words"].dtype) == "int64" and str(c.sentences["start"].dtype) == "int64"
    texts = c.articles.set_index("article_id")["text"]
    for row in c.sentences.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text
    counts = c.sentences.groupby("article_id").size()
    assert (counts == c.articles.set_index("article_id")["n_sentences"]).all()


def test_cache_is_keyed_on_file_contents_and_returns_copies(raw):
    (raw / "a.txt").write_text(article_text(1), encoding="utf-8")
    rows = [meta_row("001", "a.txt")]
    first = load(raw, rows)
    first.articles.loc[0, "text"] = "changed by a notebook"
    again = load(raw, rows)
    assert again.articles.loc[0, "text"] != "changed by a notebook"
    (raw / "a.txt").write_text(article_text(2), encoding="utf-8")  # same name, new content
    changed = load(raw, rows)
    assert changed.articles.loc[0, "text"] == article_text(2).strip()


def test_write_processed_is_byte_stable(raw, tmp_path):
    (raw / "a.txt").write_text("fbpx\n" + article_text(1), encoding="utf-8")
    c = load(raw, [meta_row("001", "a.txt")])
    names = corpus.write_processed(c, tmp_path / "one")
    corpus.write_processed(load(raw, [meta_row("001", "a.txt")]), tmp_path / "two")
    assert names == ["articles.csv", "sentences.csv", "ingest_report.csv", "cleaning_audit.csv"]
    for name in names:
        data = (tmp_path / "one" / name).read_bytes()
        assert data == (tmp_path / "two" / name).read_bytes()
        assert b"\r\n" not in data
        data.decode("utf-8")


def test_the_seed_corpus_is_fully_ingested():
    c = load_corpus()
    assert set(c.report["status"]) == {"ingested"}
    assert len(c.articles) == len(c.report)
    assert (c.articles["n_sentences"] > 0).all() and (c.articles["n_words"] > 100).all()


# --------------------------------------------------------------------------------------------
# Word counts and shingles

@pytest.mark.parametrize(("text", "expected"), [
    ("قال المسؤول إن القوات باقية", 5),
    ("قال المسؤول ، إن 2,500 جندي - باقون", 6),      # lone punctuation is not a word
    ("سطر أول\n\nسطر ثان", 4),
    ("القوّات الأمريكيّة", 2),
    ("", 0),
    (" ، - ", 0),
])
def test_count_words(text, expected):
    assert corpus.count_words(text) == expected


def test_shingles_do_not_depend_on_where_a_passage_is():
    passage = "وصلت القوات الأمريكية إلى قاعدة عين الأسد غرب العراق"
    alone = set(corpus.word_shingles(passage).tolist())
    inside = set(corpus.word_shingles("وقال مسؤول عراقي أمس إن " + passage + " بعد منتصف الليل").tolist())
    assert len(alone) == 5 and alone <= inside  # 9 words, 5 five-word shingles
    # spelling variants fold before hashing: the same passage with other alef/yeh forms matches
    assert set(corpus.word_shingles(passage.replace("إلى", "الى").replace("الأمريكية", "الامريكيه")).tolist()) == alone


# --------------------------------------------------------------------------------------------
# Realistic HTML pages: the article is extracted, the page around it does not leak

HTML_TITLE = "البنتاغون يدرس خفض عدد قواته في العراق"
HTML_PARAGRAPHS = [
    "قال مسؤولون في وزارة الدفاع الأمريكية إن الوزارة تدرس خطة لخفض عدد الجنود المنتشرين في العراق، والبالغ نحو 2500 جندي، خلال العام المقبل.",
    "وأضاف المسؤولون أن القرار النهائي لم يتخذ بعد، وأنه سيعتمد على نتائج المحادثات الجارية مع الحكومة العراقية في إطار اللجنة العسكرية العليا.",
    "وكان رئيس الوزراء العراقي قد كتب في منشور على فيسبوك أن بلاده تريد علاقة ثنائية طبيعية مع الولايات المتحدة بعد انتهاء مهمة التحالف الدولي.",
]
# Page furniture around the article: none of these strings may reach the clean text.
HTML_LEAKS = ["الرئيسية", "سياسة الخصوصية", "الأكثر قراءة", "حوثيون يهاجمون سفينة", "googletag", "اشترك في النشرة",
              "جميع الحقوق محفوظة", "تابعونا", "اقرأ أيضا", "السوداني يزور أنقرة", "إعلان"]


def news_page(charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="{charset}"><title>{HTML_TITLE} | موقع الأخبار</title>
<script>window.dataLayer = window.dataLayer || []; googletag.cmd.push(function() {{}});</script>
<style>.ad {{ display: none }}</style></head>
<body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li>
<li><a href="/economy">اقتصاد</a></li></ul></nav>
<div class="newsletter">اشترك في النشرة البريدية لتصلك آخر الأخبار</div></header>
<main>
<article>
<h1>{HTML_TITLE}</h1>
<div class="meta"><time datetime="2024-03-12T10:05:00+03:00">12 مارس 2024</time></div>
{paragraphs}
<div class="ad">إعلان</div>
<div class="related"><h3>اقرأ أيضا</h3><ul><li><a href="/a/1">السوداني يزور أنقرة لبحث ملف المياه</a></li></ul></div>
</article>
<aside><h2>الأكثر قراءة</h2><ol><li><a href="/a/2">حوثيون يهاجمون سفينة في البحر الأحمر</a></li>
<li><a href="/a/3">ارتفاع أسعار النفط في الأسواق العالمية</a></li></ol></aside>
</main>
<footer><p>تابعونا على فيسبوك وتويتر</p><a href="/privacy">سياسة الخصوصية</a>
<p>© 2024 جميع الحقوق محفوظة</p></footer>
<script>(function(){{var s=document.createElement('script');}})();</script>
</body></html>
"""


@pytest.mark.parametrize(("name", "charset", "encode", "encoding"), [
    ("page.html", "utf-8", lambda t: t.encode("utf-8"), "utf-8"),
    ("page_cp1256.html", "windows-1256", lambda t: t.encode("cp1256"), "cp1256"),
    ("page_bom.htm", "utf-8", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
    ("page_without_extension.txt", "utf-8", lambda t: t.encode("utf-8"), "utf-8"),
])
def test_news_page_html_yields_the_article_and_no_page_furniture(raw, name, charset, encode, encoding):
    page = news_page(charset)
    if encoding == "cp1256":
        page = page.replace("©", "(c)")  # not in Windows-1256; the notice words stay
    (raw / name).write_bytes(encode(page))
    c = load(raw, [meta_row("001", name)])
    status, reason, found = status_of(c, name)
    assert status == "ingested", reason
    assert found.startswith(encoding) and "trafilatura" in found
    article = c.articles.iloc[0]
    assert article["title"] == HTML_TITLE
    assert article["text"] == "\n\n".join([HTML_TITLE, *HTML_PARAGRAPHS])
    for leak in HTML_LEAKS:
        assert leak not in article["text"], leak
    assert "<" not in article["text"] and "{" not in article["text"]
    # the sentences table covers the extracted article, offsets into its text
    sentences = c.sentences[c.sentences["article_id"] == "001"]
    assert [article["text"][s:e] for s, e in zip(sentences["start"], sentences["end"])] == sentences["text"].tolist()
    assert sentences["text"].iloc[-1] == HTML_PARAGRAPHS[-1]


def test_html_page_without_an_article_is_rejected_with_a_reason(raw):
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>الرئيسية</title></head><body>"
            "<nav><a href='/'>الرئيسية</a></nav><footer>© 2024</footer></body></html>")
    (raw / "empty_page.html").write_text(page, encoding="utf-8")
    c = load(raw, [meta_row("001", "empty_page.html")])
    status, reason, _ = status_of(c, "empty_page.html")
    assert status == "rejected"
    assert "HTML" in reason or "nothing left after cleaning" in reason


def test_sentence_table_equals_splitting_each_article_alone(raw):
    from helpers.text import split_sentences

    for seed in range(6):
        (raw / f"a{seed}.txt").write_text(article_text(seed) + "د. علي قال: «نعم».\n\nU.S. 2.5!", encoding="utf-8")
    c = load(raw, [meta_row(f"{seed:03d}", f"a{seed}.txt") for seed in range(6)])
    for article in c.articles.itertuples():
        rows = c.sentences[c.sentences["article_id"] == article.article_id]
        assert list(zip(rows["start"], rows["end"])) == split_sentences(article.text)
        assert rows["sentence_id"].tolist() == list(range(len(rows))) and article.n_sentences == len(rows)


def test_sentence_table_is_sorted_by_article_id_as_text(raw):
    ids = ["9", "10", "010", "a1"]  # as text: "010" < "10" < "9" < "a1"
    for number, _article_id in enumerate(ids):
        (raw / f"f{number}.txt").write_text(article_text(20 + number), encoding="utf-8")
    c = load(raw, [meta_row(article_id, f"f{number}.txt") for number, article_id in enumerate(ids)])
    assert list(c.articles["article_id"]) == sorted(ids)
    order = c.sentences[["article_id", "sentence_id"]].apply(tuple, axis=1).tolist()
    assert order == sorted(order) and list(c.sentences.index) == list(range(len(c.sentences)))
    assert list(dict.fromkeys(c.sentences["article_id"])) == sorted(ids)


def test_furniture_inside_the_article_element_is_cleaned_after_extraction(raw):
    # furniture the extractor keeps (it sits inside <article>) is removed by clean_article and audited
    first = "بغداد - (أ ف ب): " + HTML_PARAGRAPHS[0]
    page = ("<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>" + HTML_TITLE
            + "</title></head><body><article><h1>" + HTML_TITLE + "</h1><div class='byline'>كتب: أحمد علي</div>"
            "<figure><img src='a.jpg'><figcaption>جنود أمريكيون في قاعدة عين الأسد (رويترز)</figcaption></figure>"
            f"<p>{first}</p><p>{HTML_PARAGRAPHS[1]}</p>"
            "<p>اقرأ أيضا: <a href='/x'>السوداني يزور أنقرة لبحث ملف المياه</a></p>"
            "<div class='share'>شارك: فيسبوك | تويتر | واتساب</div><p>الوسوم: العراق، أمريكا</p>"
            "</article></body></html>")
    (raw / "inside.html").write_text(page, encoding="utf-8")
    c = load(raw, [meta_row("001", "inside.html")])
    assert c.articles.loc[0, "text"] == "\n\n".join([HTML_TITLE, first, HTML_PARAGRAPHS[1]])
    for leak in ["كتب:", "(رويترز)", "السوداني يزور أنقرة", "الوسوم", "واتساب"]:
        assert leak not in c.articles.loc[0, "text"], leak
    # whatever the extractor kept of the furniture is in the audit with a reason
    assert set(c.audit["reason"]) <= {"byline", "photo caption or credit", "teaser link", "share buttons", "tag list"}
    assert "teaser link" in set(c.audit["reason"])
