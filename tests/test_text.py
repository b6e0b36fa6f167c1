"""helpers.text: normalisation for matching, offsets back to the source, sentences, cleanup."""

from __future__ import annotations

import os
import random
import unicodedata
from pathlib import Path

import pytest

from helpers import text
from helpers.text import (
    normalize_for_matching,
    normalize_with_offsets,
    sentence_containing,
    split_sentences,
)

# --------------------------------------------------------------------------------------------
# normalize_for_matching: one row per phrase

NORMALIZATION_CASES = [
    # (input, expected, what it shows)
    ("أمريكي", "امريكي", "hamza-on-alef folds to alef"),
    ("إيران", "ايران", "hamza-under-alef folds"),
    ("آلاف", "الاف", "madda alef folds"),
    ("ٱلله", "الله", "alef wasla folds"),
    ("إلى", "الي", "alef maksura folds to yeh (and إ to ا), never to alef"),
    ("القاعدة العسكرية", "القاعده العسكريه", "teh marbuta folds to heh by default"),
    ("القوّاتُ الأمريكيّةُ", "القوات الامريكيه", "shadda and damma removed"),
    ("اجتماعاً", "اجتماعا", "tanwin removed"),
    ("الرحمٰن", "الرحمن", "superscript alef removed"),
    ("الأمريكيـــة", "الامريكيه", "tatweel removed"),
    ("مسؤول", "مسؤول", "hamza on waw is kept"),
    ("رئيس", "رئيس", "hamza on yeh is kept"),
    ("جزء", "جزء", "lone hamza is kept"),
    ("٢٥٠٠ جندي", "2500 جندي", "Arabic-Indic digits"),
    ("۲۵۰۰ جندي", "2500 جندي", "Extended (Persian) digits"),
    ("٢٬٥٠٠", "2,500", "Arabic thousands separator"),
    ("٢٫٥ ألف", "2.5 الف", "Arabic decimal separator"),
    ("2,500 و 2.5", "2,500 و 2.5", "ASCII numbers unchanged"),
    ("ﻻ", "لا", "lam-alef ligature expands to two letters"),
    ("ﻷن", "لان", "lam-alef-hamza ligature expands and folds"),
    ("ﺍﻟﻌﺮﺍﻕ", "العراق", "presentation forms become base letters"),
    ("ال\u200cقوات", "القوات", "zero-width non-joiner removed"),
    ("\u200fالعراق\u200e", "العراق", "RLM / LRM removed"),
    ("\u2067داعش\u2069 (ISIS)", "داعش (ISIS)", "bidi isolates removed, Latin kept"),
    ("US Forces", "US Forces", "Latin case kept"),
    ("قال\u00a0المسؤول", "قال المسؤول", "no-break space becomes a space (NFKC)"),
    ("ا\u0654مريكا", "امريكا", "decomposed hamza above composes (NFKC), then folds"),
    ("", "", "empty string"),
]


@pytest.mark.parametrize(("raw", "expected", "why"), NORMALIZATION_CASES,
                         ids=[row[2] for row in NORMALIZATION_CASES])
def test_normalize_for_matching(raw, expected, why):
    assert normalize_for_matching(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("القاعدة", "القاعدة"),
    ("القوّات الأمريكيّة", "القوات الامريكية"),
])
def test_teh_marbuta_folding_is_optional(raw, expected):
    assert normalize_for_matching(raw, fold_teh_marbuta=False) == expected


@pytest.mark.parametrize("variant", ["أمريكي", "أميركي", "امريكي", "أمريكيّ", "أمريـكي"])
def test_spelling_variants_of_american_collapse_except_the_extra_yeh(variant):
    # أميركي keeps its extra ي (a real spelling difference, for the matcher's alias list);
    # every other variant collapses to the same string.
    folded = normalize_for_matching(variant)
    assert folded in {"امريكي", "اميركي"}
    assert folded == ("اميركي" if "مير" in variant else "امريكي")


# A slow, independent reference: NFKC, then character rules written out one by one.
def _reference(raw: str, fold_teh_marbuta: bool = True) -> str:
    out = []
    for char in unicodedata.normalize("NFKC", raw):
        code = ord(char)
        if (0x064B <= code <= 0x065F or code == 0x0670 or 0x0610 <= code <= 0x061A
                or 0x06D6 <= code <= 0x06DC or 0x06DF <= code <= 0x06E4 or code in (0x06E7, 0x06E8)
                or 0x06EA <= code <= 0x06ED):
            continue  # diacritic
        if char in "\u0640\u00ad\u061c\ufeff" or 0x200B <= code <= 0x200F or 0x202A <= code <= 0x202E \
                or 0x2060 <= code <= 0x2069:
            continue  # tatweel or invisible control
        if char in "أإآٱ":
            char = "ا"
        elif char == "ى":
            char = "ي"
        elif char == "ة" and fold_teh_marbuta:
            char = "ه"
        elif "٠" <= char <= "٩":
            char = str(code - 0x0660)
        elif "۰" <= char <= "۹":
            char = str(code - 0x06F0)
        elif char == "٬":
            char = ","
        elif char == "٫":
            char = "."
        out.append(char)
    return "".join(out)


ADVERSARIAL_ALPHABET = (
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةىٱ") + list("َُِّْٰـًٌٍ") + list("٠١٢٣٤٥٦٧٨٩۰۴۵٫٬")
    + ["ﻻ", "ﻷ", "ﻹ", "ﷲ", "ﺍ", "ﻩ", "ﺔ", "\u0653", "\u0654", "\u0655", "\u200c", "\u200d",
       "\u200f", "\u2067", "\u2069", "\u00a0", "\u2026", " ", "\n", ".", "A", "b", "1", "²", "ﬁ"]
)


def _random_strings(count: int, max_len: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ADVERSARIAL_ALPHABET) for _ in range(rng.randint(0, max_len)))
            for _ in range(count)]


@pytest.mark.parametrize("fold", [True, False])
def test_fast_path_matches_the_slow_reference_on_adversarial_strings(fold):
    # Long strings take the numpy path, short ones str.translate: both must equal the reference.
    for raw in _random_strings(300, 40, seed=1) + _random_strings(20, 2000, seed=2):
        assert normalize_for_matching(raw, fold_teh_marbuta=fold) == _reference(raw, fold), repr(raw)


def test_normalize_with_offsets_text_equals_normalize_for_matching():
    for raw in _random_strings(300, 60, seed=3) + _random_strings(10, 3000, seed=4):
        assert normalize_with_offsets(raw).text == normalize_for_matching(raw), repr(raw)


def test_every_span_maps_back_to_a_source_span_with_the_same_normalisation():
    """For spans that do not cut through one source character's expansion, normalising the
    mapped source span gives back exactly the normalised span; otherwise it contains it."""
    for raw in _random_strings(150, 30, seed=5):
        normal = normalize_with_offsets(raw)
        n = len(normal.text)
        owner = [normal.to_source(k, k + 1) for k in range(n)]  # source segment of each char
        for i in range(n):
            for j in range(i + 1, n + 1):
                s, e = normal.to_source(i, j)
                assert 0 <= s < e <= len(raw)
                source_normal = normalize_for_matching(raw[s:e])
                aligned = (i == 0 or owner[i - 1] != owner[i]) and (j == n or owner[j] != owner[j - 1])
                if aligned:
                    assert source_normal == normal.text[i:j], (raw, i, j)
                else:
                    assert normal.text[i:j] in source_normal, (raw, i, j)


@pytest.mark.parametrize(("source", "needle", "expected_source"), [
    ("قالَ المسؤولُ الأمريكيُّ", "الامريكي", "الأمريكيُّ"),      # trailing diacritics included
    ("ﻻ تعليق لدى البنتاغون", "لا", "ﻻ"),                        # ligature maps to one char
    ("القوات الأمريكيـــة في العراق", "الامريكيه", "الأمريكيـــة"),  # tatweel inside the span
    ("\u200fالعراق\u200f يرفض", "العراق", "العراق"),              # controls outside the span
    ("نحو ٢٬٥٠٠ جندي", "2,500", "٢٬٥٠٠"),                      # digits map back to Arabic-Indic
])
def test_match_on_normalised_text_maps_to_the_reader_visible_words(source, needle, expected_source):
    normal = normalize_with_offsets(source)
    start = normal.text.index(needle)
    s, e = normal.to_source(start, start + len(needle))
    assert source[s:e] == expected_source


def test_to_source_of_empty_and_invalid_spans():
    normal = normalize_with_offsets("القوّات")
    assert normal.to_source(len(normal.text), len(normal.text)) == (7, 7)
    assert normal.to_source(0, 0) == (0, 0)
    with pytest.raises(ValueError, match="outside the normalised text"):
        normal.to_source(2, 99)


# --------------------------------------------------------------------------------------------
# Sentences

SENTENCE_CASES = [
    # (text, expected sentences)
    ("قال المسؤول. وأضاف آخر.", ["قال المسؤول.", "وأضاف آخر."]),
    ("هل يبقون؟ لا! ربما", ["هل يبقون؟", "لا!", "ربما"]),
    ("Will they stay? No.", ["Will they stay?", "No."]),
    ("أولاً؛ ثانياً", ["أولاً؛", "ثانياً"]),
    ("نحو 2.5 ألف جندي.", ["نحو 2.5 ألف جندي."]),
    ("نحو 2,500 جندي.", ["نحو 2,500 جندي."]),
    ("نحو ٢٫٥ ألف و٢٬٥٠٠ جندي.", ["نحو ٢٫٥ ألف و٢٬٥٠٠ جندي."]),
    ("بلغ العدد ٢.٥ ألف.", ["بلغ العدد ٢.٥ ألف."]),
    ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),
    ("فقرة.\n\n  فقرة ثانية  ", ["فقرة.", "فقرة ثانية"]),
    ("قال: «لن ننسحب.» ثم غادر.", ["قال: «لن ننسحب.»", "ثم غادر."]),
    ('وقال "الوقت ليس مناسباً". وغادر', ['وقال "الوقت ليس مناسباً".', "وغادر"]),
    ("العراق.. ضغوط سياسية", ["العراق..", "ضغوط سياسية"]),
    ("ماذا؟! لا أعرف", ["ماذا؟!", "لا أعرف"]),
    ("نقل موقع aljazeera.net الخبر.", ["نقل موقع aljazeera.net الخبر."]),
    ("قال د. علي إن القوات باقية.", ["قال د. علي إن القوات باقية."]),
    ("وصلت U.S. forces أمس.", ["وصلت U.S. forces أمس."]),
    ("عام 2017. وقال", ["عام 2017.", "وقال"]),
    ("", []),
    ("   \n ", []),
]


@pytest.mark.parametrize(("source", "expected"), SENTENCE_CASES, ids=[row[0][:25] or "empty" for row in SENTENCE_CASES])
def test_split_sentences(source, expected):
    spans = split_sentences(source)
    assert [source[s:e] for s, e in spans] == expected
    for s, e in spans:  # spans exclude surrounding whitespace
        assert not source[s].isspace() and not source[e - 1].isspace()


@pytest.mark.parametrize(("offset", "expected"), [(0, 0), (5, 0), (9, 0), (10, 0), (11, 1), (19, 1), (25, 2)])
def test_sentence_containing(offset, expected):
    source = "جملة أولى. جملة ثانية. ثالثة"
    # spans: (0, 10) (11, 22) (23, 28)
    assert sentence_containing(split_sentences(source), offset) == expected


def test_sentence_containing_rejects_bad_input():
    with pytest.raises(ValueError, match="no sentence spans"):
        sentence_containing([], 0)
    with pytest.raises(ValueError, match="negative"):
        sentence_containing([(0, 4)], -1)


def test_module_documents_its_character_classes():
    assert "\u0651" in text.ARABIC_DIACRITICS and "\u200c" in text.INVISIBLE_CONTROLS


# --------------------------------------------------------------------------------------------
# clean_article

from helpers.text import clean_article, clean_unicode, load_furniture_rules  # noqa: E402

TITLE = "القوات الأمريكية تبدأ مراجعة وجودها في العراق"
FIRST = "قال مسؤول في وزارة الدفاع إن المحادثات مع بغداد ستستمر خلال الأسابيع المقبلة."
LAST = "وأضاف أن عدد الجنود في القواعد لم يتغير منذ بداية العام الحالي."


def _article(middle: str) -> str:
    """A realistic article with ``middle`` as raw line 5, between two body paragraphs."""
    return f"{TITLE}\n\n{FIRST}\n\n{middle}\n\n{LAST}\n"


FURNITURE_LINES = [
    # (line as scraped, reason expected in the audit)
    ("fbpx", "tracking token"),
    ("(adsbygoogle = window.adsbygoogle || []).push({});", "tracking / ad script"),
    ("Read More", "read-more button"),
    ("read more »", "read-more button"),
    ("إقرأ المزيد", "read-more button"),
    ("اظهر المزيد", "show-more button"),
    ("عرض المزيد", "show-more button"),
    ("مقالات ذات صلة", "related-articles heading"),
    ("أخبار ذات صلة", "related-articles heading"),
    ("اقرأ أيضاً", "related-articles heading"),
    ("زر الذهاب إلى الأعلى", "back-to-top button"),
    ("العودة إلى الأعلى", "back-to-top button"),
    ("اخر الاخبار", "latest-news widget heading"),
    ("آخر الأخبار", "latest-news widget heading"),
    ("الأكثر قراءة", "latest-news widget heading"),
    ("اترك تعليقاً", "comment form"),
    ("اترك رداً", "comment form"),
    ("لن يتم نشر عنوان بريدك الإلكتروني.", "comment form notice"),
    ("الحقول الإلزامية مشار إليها بـ *", "comment form notice"),
    ("البريد الإلكتروني *", "comment form field label"),
    ("تابعونا على تلغرام", "follow-us line"),
    ("للمزيد تابع موقع الخبر على: فيسبوك | إكس | يوتيوب", "follow-us line"),
    ("تابعوا آخر الأخبار عبر حسابنا على Twitter", "follow-us line"),
    ("شارك على: فيسبوك | تويتر | واتساب", "share buttons"),
    ("فيسبوك تويتر واتساب تلغرام طباعة", "share buttons"),
    ("شاهد: القوات الأمريكية تغادر قاعدة عين الأسد", "teaser link"),
    ("اقرأ أيضاً: بغداد وواشنطن تبحثان مستقبل التحالف", "teaser link"),
    ("إقرأ ايضا - ما مصير القوات الأجنبية في العراق؟", "teaser link"),
    ("الوسوم: العراق، أمريكا، داعش", "tag list"),
    ("© 2024 جميع الحقوق محفوظة", "copyright notice"),
    ("تخطى إلى المحتوى", "navigation label"),
    ("إعلان", "advertisement label"),
    ("* * *", "separator line (no letters or digits)"),
    ("|", "separator line (no letters or digits)"),
]


@pytest.mark.parametrize(("line", "reason"), FURNITURE_LINES, ids=[row[0][:30] for row in FURNITURE_LINES])
def test_furniture_line_is_removed_with_its_reason(line, reason):
    article = clean_article(_article(line))
    assert article.title == TITLE
    assert article.body == f"{FIRST}\n\n{LAST}"
    assert [(r.line_no, r.reason) for r in article.removed] == [(5, reason)]


ARTICLE_LINES_THAT_STAY = [
    "وقال في منشور على فيسبوك إن القوات الأمريكية ستبقى في العراق حتى إشعار آخر.",
    "ونشرت السفارة على حسابها في إكس بياناً قالت فيه إن الاجتماع كان مثمراً.",
    "تابع المسؤول قائلاً إن الانسحاب لن يتم قبل عام 2025.",
    "تابعت وزارة الخارجية على تويتر تطورات الهجوم على قاعدة حرير.",
    "شاهد المواطنون أرتالاً عسكرية أمريكية على الطريق الدولي.",
    "المزيد من القوات الأمريكية وصل إلى قاعدة عين الأسد أمس.",
    "اقرأ أيضاً تقرير البنتاغون الذي نشر أمس عن عدد الجنود.",
    "عاجل: وصول تعزيزات أمريكية إلى أربيل",
    "المصدر: مسؤول عراقي رفض الكشف عن اسمه قال إن القوات ستبقى حتى نهاية العام.",
    "وأكد أن التعليقات على القرار كانت سلبية في معظمها.",
    "وقال: «لن ننسحب»، مضيفاً أن 2,500 جندي ما زالوا في العراق.",
    "محادثات الخروج",
    "وكانت حصيلة الهجمات 66 هجوماً منذ أكتوبر.",
]


@pytest.mark.parametrize("line", ARTICLE_LINES_THAT_STAY, ids=[row[:30] for row in ARTICLE_LINES_THAT_STAY])
def test_real_article_lines_survive(line):
    article = clean_article(_article(line))
    assert article.removed == ()
    assert article.body == f"{FIRST}\n\n{line}\n\n{LAST}"


@pytest.mark.parametrize(("raw_line", "kept", "removed_fragment", "reason"), [
    ("قال المسؤول<br> إن القوات باقية.", "قال المسؤول إن القوات باقية.", "<br>", "stray HTML tag"),
    ("<p class=\"lead\">قال المسؤول إن القوات باقية.</p>", "قال المسؤول إن القوات باقية.", ["<p class=\"lead\">", "</p>"], "stray HTML tag"),
    ("سيتوجه رئيس الوزراء إلى واشنطن. ص>", "سيتوجه رئيس الوزراء إلى واشنطن.", "ص>", "stray markup (tag letters in Arabic)"),
    ("</ص>قال المسؤول إن القوات باقية.", "قال المسؤول إن القوات باقية.", "</ص>", "stray markup (tag letters in Arabic)"),
    ("ضد هجمات الجماعات المسلحة. |", "ضد هجمات الجماعات المسلحة.", "|", "stray separator at line edge"),
    ("نص <!-- ad --> آخر.", "نص آخر.", "<!-- ad -->", "stray HTML comment"),
])
def test_stray_markup_inside_a_line_is_removed_and_recorded(raw_line, kept, removed_fragment, reason):
    article = clean_article(_article(raw_line))
    assert article.body == f"{FIRST}\n\n{kept}\n\n{LAST}"
    fragments = removed_fragment if isinstance(removed_fragment, list) else [removed_fragment]
    assert [(r.line_no, r.line) for r in article.removed] == [(5, f) for f in fragments]
    assert article.removed[0].reason.startswith(reason)


def test_html_entities_are_decoded_and_recorded():
    article = clean_article(_article("القوات&nbsp;الأمريكية &quot;باقية&quot; &amp; مستمرة."))
    assert article.body.split("\n\n")[1] == 'القوات الأمريكية "باقية" & مستمرة.'
    assert {r.line for r in article.removed} == {"&nbsp;", "&quot;", "&amp;"}


@pytest.mark.parametrize(("raw", "expected"), [
    ("“البنتاجون”: لا انسحاب", '"البنتاجون": لا انسحاب'),
    ("„قوات“ و‟قواعد”", '"قوات" و"قواعد"'),
    ("قالت «رويترز» إن", "قالت «رويترز» إن"),                  # guillemets kept
    ("الأمريكيـــة", "الأمريكية"),                                  # tatweel removed
    ("ال\u200cقوات\u200f \u202bبغداد\u202c", "القوات بغداد"),       # zero-width and bidi controls
    ("ﺍﻟﻌﺮﺍﻕ ﻻ", "العراق لا"),                                      # presentation forms
    ("قال\u00a0\u00a0المسؤول\t\tإن", "قال المسؤول إن"),             # spaces unified, runs collapsed
    ("سطر\r\nسطر\rسطر", "سطر\nسطر\nسطر"),                           # CRLF and CR
    ("القوّاتُ … ²", "القوّاتُ … ²"),                                # diacritics, … and ² kept
    ("ا\u0654مريكا", "أمريكا"),                                      # NFC composes
])
def test_clean_unicode(raw, expected):
    assert clean_unicode(raw) == expected


@pytest.mark.parametrize(("raw", "title"), [
    (_article("فقرة وسطى طويلة بما يكفي."), TITLE),
    ("fbpx\n\nعنوان قصير\n\nنص الخبر الأول.\n\nنص آخر.", "عنوان قصير"),
    ("اخر الاخبار\n\n\"البنتاجون\": لا انسحاب من العراق\n\nنص الخبر.", '"البنتاجون": لا انسحاب من العراق'),
    ("هل تنسحب القوات الأمريكية من العراق؟\nنص الخبر.", "هل تنسحب القوات الأمريكية من العراق؟"),
    ("العراق.. ضغوط سياسية ومخاوف\nنص الخبر.", "العراق.. ضغوط سياسية ومخاوف"),
    # no headline: the first line is a sentence (ends with a full stop) or too long
    ("كشف البيت الأبيض عن إرسال قوات إلى بغداد.\nوقال مسؤول إن العدد 275.", ""),
    (" ".join(["كلمة"] * 25) + "\nنص الخبر.", ""),
    # a single line is body, not a title
    ("القوات باقية في العراق", ""),
])
def test_title_detection(raw, title):
    article = clean_article(raw)
    assert article.title == title
    assert article.text == (f"{title}\n\n{article.body}" if title else article.body)


def test_source_footer_is_kept_out_of_the_body():
    article = clean_article(_article("المصدر: عنب بلدي"))
    assert article.source_line == "المصدر: عنب بلدي"
    assert "عنب بلدي" not in article.text
    assert article.removed[0].reason == "source footer (kept as source_line)"


def test_related_headlines_after_a_teaser_at_the_end_are_removed():
    raw = (f"{TITLE}\n{FIRST}\n{LAST}\n"
           "شاهد: تحرك رسمي عاجل لإعفاء الخليجيين من تأشيرة شنغن\n"
           "نشاط قراصنة الصومال في اصطياد السفن.. ما علاقة الشباب والحوثي؟\n"
           "بغداد تستضيف قمة إقليمية الشهر المقبل\n"
           "للمزيد تابع الموقع على: فيسبوك | إكس\n")
    article = clean_article(raw)
    assert article.body == f"{FIRST}\n\n{LAST}"
    assert [r.reason for r in article.removed] == [
        "teaser link", "related headline listed after a teaser link",
        "related headline listed after a teaser link", "follow-us line"]


def test_headline_like_lines_inside_the_article_are_kept_even_after_a_teaser():
    # a teaser in the middle of the article: the subheading after it is the article's own
    raw = f"{TITLE}\n{FIRST}\nاقرأ أيضا: خبر آخر\nمحادثات الخروج\n{LAST}\n"
    article = clean_article(raw)
    assert article.body == f"{FIRST}\n\nمحادثات الخروج\n\n{LAST}"
    assert [r.reason for r in article.removed] == ["teaser link"]


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\r\n", "\u200f\u200f"])
def test_empty_articles_give_empty_text(raw):
    article = clean_article(raw)
    assert (article.title, article.body, article.text, article.removed) == ("", "", "", ())


def test_every_furniture_rule_matches_its_own_example():
    for rule in load_furniture_rules():
        if rule.kind in {"line", "source"}:
            assert rule.regex.fullmatch(normalize_for_matching(clean_unicode(rule.example))), rule.rule_id
        else:
            assert rule.regex.search(rule.example), rule.rule_id


# --------------------------------------------------------------------------------------------
# The vectorised normalize_with_offsets equals the exact reference implementation

FAST_PATH_ALPHABET = (
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةىٱ") + list("َُِّْٰـًٌٍ") + list("٠١٢٣٤٥٦٧٨٩۰۴٫٬")
    + ["\u200c", "\u200f", "\u2067", "\u2069", "\u00a0", "\u2026", " ", "\n", ".", "A", "b", "1", "«", "»", '"']
)


@pytest.mark.parametrize("fold", [True, False])
def test_vectorised_offsets_equal_the_exact_path(fold):
    rng = random.Random(11)
    samples = ["".join(rng.choice(FAST_PATH_ALPHABET) for _ in range(rng.randint(0, 80))) for _ in range(400)]
    samples += ["\u064eقال", "ـالقوات…", "…", "\u00a0"]  # leading mark, leading tatweel, ellipsis alone
    for raw in samples:
        fast = text._normalize_with_offsets_vectorised(raw, fold)
        assert fast is not None, repr(raw)  # these strings all take the vectorised path
        exact = text._normalize_with_offsets_exact(raw, fold)
        assert fast.text == exact.text, repr(raw)
        for k in range(len(fast.text) + 1):
            assert fast.to_source(k, k) == exact.to_source(k, k), (raw, k)
            if k < len(fast.text):
                assert fast.to_source(k, k + 1) == exact.to_source(k, k + 1), (raw, k)


@pytest.mark.parametrize("raw", ["ﻻ بد", "ا\u0654مريكا", "𝐀 القوات", "ﺍﻟﻌﺮﺍﻕ"])
def test_texts_needing_full_nfkc_or_outside_the_bmp_take_the_exact_path(raw):
    assert text._normalize_with_offsets_vectorised(raw, True) is None
    assert normalize_with_offsets(raw).text == normalize_for_matching(raw)


@pytest.mark.parametrize("raw", [
    "و\u064e\u0654",          # waw, fatha, hamza above: NFKC composes across the fatha -> ؤ
    "ا\u064e\u0653",          # alef, fatha, maddah -> آ -> ا
    "ش\u0651\u064eد",         # shadda typed before fatha (NFC reorders them; both deleted)
    "ا\u200d\u0653",          # a zero-width joiner blocks composition
    "القوّات… الأمريكية\u00a0هنا",
])
def test_offsets_agree_with_the_reference_on_composition_and_reordering(raw):
    normal = normalize_with_offsets(raw)
    assert normal.text == _reference(raw) == normalize_for_matching(raw)
    exact = text._normalize_with_offsets_exact(raw)
    assert [normal.to_source(k, k + 1) for k in range(len(normal.text))] == \
        [exact.to_source(k, k + 1) for k in range(len(exact.text))]


@pytest.mark.parametrize("rule", [r for r in load_furniture_rules()], ids=lambda r: r.rule_id)
def test_every_furniture_row_removes_its_example_inside_an_article(rule):
    """Each row of corpus/lexicons/furniture.csv works end to end (no earlier row shadows it)."""
    article = clean_article(_article(rule.example))
    reasons = [r.reason for r in article.removed if r.line_no == 5]
    if rule.kind in {"line", "source"}:
        assert reasons == [rule.reason]
        assert rule.example not in article.text
    else:
        assert any(reason.startswith(rule.reason) for reason in reasons)
        assert article.body.count("\n\n") == 2  # the line itself stays


def test_furniture_rules_reload_when_the_file_changes(tmp_path):
    source = Path(text.__file__).resolve().parents[2] / "corpus" / "lexicons" / "furniture.csv"
    copy = tmp_path / "furniture.csv"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert clean_article(_article("خبر مروج"), load_furniture_rules(str(copy))).removed == ()
    with open(copy, "a", encoding="utf-8") as handle:
        handle.write("promo,line,خبر مروج,no,3,promoted story label,خبر مروج,test row\n")
    os.utime(copy, ns=(1, 1))  # a different modification time, whatever the clock
    article = clean_article(_article("خبر مروج"), load_furniture_rules(str(copy)))
    assert [r.reason for r in article.removed] == ["promoted story label"]


def test_malformed_furniture_file_raises_naming_the_row(tmp_path):
    bad = tmp_path / "furniture.csv"
    bad.write_text("rule_id,kind,pattern,starts_list,max_words,reason,example,note\n"
                   "x,line,(unclosed,no,3,r,e,n\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2 \\(x\\): bad regular expression"):
        load_furniture_rules(str(bad))
