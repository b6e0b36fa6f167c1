"""helpers.numbers on unseen news (issue 12): one table per category of construction.

Every phrase was written for these tests, in the styles of different services (wire copy,
Gulf, Iraqi, Iranian Arabic services, Maghrebi, Levantine, 2003-era occupation coverage,
forums), with hamza-less and ه-for-ة spellings and the three digit systems. Each row names
the mention it is about by a marker (the first mention whose surface holds it) and lists only
the fields it checks.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout

import pandas as pd
import pytest

from helpers.numbers import explain_number, extract_numbers, extract_numbers_corpus, find_number_mentions
from helpers.numbers.mention import NumberMention


def mention(text: str, marker: str, context: str = "", published: object = None) -> NumberMention:
    """The first mention whose span holds the first occurrence of ``marker``."""
    at = text.index(marker)
    for m in find_number_mentions(text, context, published):
        if m.start <= at < m.end:
            return m
    raise AssertionError(f"no mention at {marker!r} in {text!r}: "
                         f"{[(m.surface, m.kind) for m in find_number_mentions(text, context, published)]}")


def check(m: NumberMention, expected: dict) -> None:
    got = {key: getattr(m, key) for key in expected}
    assert got == expected, (m.surface, m.level_reason, m.ev.trace)


# ------------------------------------------------------------------------------------------
# 1. No nationality in the sentence: inferred from the headline or the sentences before

INFERRED = [
    # (headline / context, text, marker, expected)
    ("واشنطن تبحث مستقبل قواتها في العراق", "ويتمركز في البلاد حالياً قرابة 2500 عسكري.", "2500",
     {"who": "us", "where": "iraq", "inferred": True, "is_us_troop_level": True}),
    ("", "قالت وزارة الدفاع الأمريكية إنها لن تغير خططها. ويبلغ عدد الجنود المنتشرين حاليا نحو ٣ آلاف جندي.",
     "٣ آلاف", {"who": "us", "value": 3000, "inferred": True, "is_us_troop_level": True}),
    ("القوات الامريكيه باقيه في العراق", "وتوجد هناك قرابه 5200 جندي حسب مصادر عسكريه", "5200",
     {"who": "us", "where": "iraq", "inferred": True, "is_us_troop_level": True}),
    ("البنتاغون: لا انسحاب من سوريا", "وينتشر في البلاد نحو 900 جندي في قواعد شرق الفرات", "900",
     {"who": "us", "where": "syria", "inferred": True, "is_us_troop_level": True}),
    # the context names another army last: no inference
    ("", "أعلنت القوات الأمريكية انتهاء المناورة. وقال الجيش العراقي إن في المدينة نحو 5 آلاف جندي.", "5 آلاف",
     {"inferred": False, "is_us_troop_level": False}),
    # the sentence itself names another force: no inference
    ("القوات الأمريكية في سوريا", "ونشرت تركيا في البلاد 3 آلاف جندي", "3 آلاف",
     {"who": "other", "inferred": False, "is_us_troop_level": False}),
    # "in the country" after a US count is the place named last before it
    ("", "نشرت الحكومة العراقية قواتها في الموصل، بينما تحتفظ واشنطن بـ5 آلاف جندي في البلاد", "5 آلاف",
     {"who": "us", "where": "iraq", "inferred": True, "is_us_troop_level": True}),
    ("", "تراجع التوتر في سوريا، ولا تزال الولايات المتحدة تحتفظ بنحو 900 جندي هناك", "900",
     {"where": "syria", "inferred": True, "is_us_troop_level": True}),
    # a deployment stays a flow even when the nationality is inferred
    ("تعزيزات أمريكية إلى المنطقة", "وأرسلت الوزارة 1500 جندي إضافي هذا الأسبوع", "1500",
     {"who": "us", "inferred": True, "is_us_troop_level": False}),
]


@pytest.mark.parametrize("context, text, marker, expected", INFERRED, ids=[f"inferred-{i:02d}" for i in range(len(INFERRED))])
def test_nationality_inferred_from_the_article(context, text, marker, expected):
    check(mention(text, marker, context), expected)


def test_corpus_function_passes_the_title_as_context():
    articles = pd.DataFrame({"article_id": ["a"], "title": ["الوجود العسكري الأمريكي في العراق"],
                             "text": ["ويتمركز في البلاد حاليا نحو 2500 جندي."], "published": ["2024-03-01"]})
    row = extract_numbers_corpus(articles).iloc[0]
    assert (row["who"], row["where"], bool(row["inferred"]), bool(row["is_us_troop_level"])) == ("us", "iraq", True, True)
    assert (row["refers_to"], row["refers_to_precision"]) == ("2024-03-01", "day")


# ------------------------------------------------------------------------------------------
# 2. Target levels: TO N is a planned level, BY N is a cut

TARGETS = [
    ("تعتزم واشنطن تقليص وجودها العسكري في العراق إلى 3 آلاف عنصر", "3 آلاف",
     {"value": 3000, "who": "us", "is_us_troop_level": True, "level": "target"}),
    ("وتخطط الولايات المتحدة لخفض قواتها في العراق إلى نحو 2500 عسكري بحلول يناير", "2500",
     {"value": 2500, "qualifier": "approx", "is_us_troop_level": True, "level": "target"}),
    ("قرر البنتاجون رفع عدد المستشارين الامريكيين في العراق الى 3100 مستشار", "3100",
     {"is_us_troop_level": True, "level": "target"}),
    ("أعلن البنتاغون تقليص القوات الأمريكية في العراق من 5200 إلى 3000 جندي", "3000",
     {"value": 3000, "is_us_troop_level": True, "level": "target"}),
    ("أعلن البنتاغون تقليص القوات الأمريكية في العراق من 5200 إلى 3000 جندي", "5200",
     {"value": 5200, "is_us_troop_level": True, "level": "current"}),
    # BY N: a cut, not a level
    ("قررت الإدارة الأمريكية خفض عدد قواتها في العراق بمقدار 2200 جندي", "2200",
     {"value": 2200, "is_us_troop_level": False}),
    ("ستسحب واشنطن 500 جندي أمريكي من العراق خلال أسابيع", "500", {"is_us_troop_level": False}),
    ("أفادت وكالة الأنباء بأن الجيش الأمريكي سيقلص قواته في سوريا بنحو 600 جندي", "600",
     {"is_us_troop_level": False}),
]


@pytest.mark.parametrize("text, marker, expected", TARGETS, ids=[f"target-{i:02d}" for i in range(len(TARGETS))])
def test_target_levels_and_cuts(text, marker, expected):
    check(mention(text, marker), expected)


# ------------------------------------------------------------------------------------------
# 3. Ranges: both ends; ألف scopes over both

RANGES = [
    ("ويتواجد في العراق ما بين 10 آلاف و15 ألف جندي أمريكي", "10",
     {"value": 10000, "value_high": 15000, "is_us_troop_level": True}),
    ("يتراوح عدد الجنود الأمريكيين في العراق بين 2000 و2500 جندي", "2000",
     {"value": 2000, "value_high": 2500, "who": "us", "is_us_troop_level": True}),
    ("ينتشر 2000-2500 جندي أمريكي في العراق", "2000", {"value": 2000, "value_high": 2500, "is_us_troop_level": True}),
    ("يتواجد ما بين ٢٥٠٠ و٣٠٠٠ عسكري أميركي في العراق", "٢٥٠٠",
     {"value": 2500, "value_high": 3000, "is_us_troop_level": True}),
    ("تقدر مصادر عدد القوات الأمريكية بين خمسة وستة آلاف جندي", "خمسة",
     {"value": 5000, "value_high": 6000, "who": "us", "is_us_troop_level": True}),
    ("ينتشر نحو 20- 25 ألف جندي أمريكي في الكويت", "20",
     {"value": 20000, "value_high": 25000, "where": "kuwait", "is_us_troop_level": True}),
]


@pytest.mark.parametrize("text, marker, expected", RANGES, ids=[f"range-{i:02d}" for i in range(len(RANGES))])
def test_ranges_keep_both_ends(text, marker, expected):
    check(mention(text, marker), expected)


# ------------------------------------------------------------------------------------------
# 4. Past levels and peaks: refers_to, apart from publication

PAST = [
    ("وكان عدد الجنود الأميركيين قد وصل في ذروته عام 2008 إلى نحو 160 ألف جندي", "160",
     {"refers_to": "2008", "refers_to_precision": "year", "level": "peak", "is_us_troop_level": True}),
    ("بلغ تعداد القوات الأمريكية عند الغزو نحو 150 ألف جندي", "150",
     {"refers_to": "2003", "is_us_troop_level": True}),
    ("كان للولايات المتحدة نحو 170 ألف جندي في العراق عام 2007", "170",
     {"refers_to": "2007", "level": "past", "is_us_troop_level": True}),
    ("سحبت واشنطن آخر جنودها البالغ عددهم نحو 40 ألفا من العراق في عام 2011", "40",
     {"refers_to": "2011", "is_us_troop_level": True}),
    # نشرت (has stationed) with a place reads as a presence, as in tests/test_numbers.py
    ("خلال الغزو الأمريكي للعراق نشرت واشنطن 130 ألف جندي", "130",
     {"refers_to": "2003", "level": "past", "is_us_troop_level": True}),
]


@pytest.mark.parametrize("text, marker, expected", PAST, ids=[f"past-{i:02d}" for i in range(len(PAST))])
def test_past_levels_refer_to_their_time(text, marker, expected):
    check(mention(text, marker, published="2020-01-05"), expected)


def test_refers_to_defaults_to_publication_with_its_precision():
    m = mention("يوجد 2500 جندي أمريكي في العراق", "2500", published="2024-03")
    assert (m.refers_to, m.refers_to_precision) == ("2024-03", "month")
    m = mention("يوجد 2500 جندي أمريكي في العراق", "2500")
    assert m.refers_to is None


# ------------------------------------------------------------------------------------------
# 5. Size constructions at a distance

AT_A_DISTANCE = [
    ("وتعد القوات الأمريكية المنتشرة في العراق، والتي يبلغ قوامها نحو 2500، هدفا للفصائل", "2500",
     {"unit_category": "force", "who": "us", "is_us_troop_level": True}),
    ("يبلغ ما مجموعه 3500 عسكري أمريكي في العراق وسوريا", "3500",
     {"value": 3500, "where": "iraq+syria", "is_us_troop_level": True}),
    ("وتحتفظ واشنطن بقوات في سوريا بواقع 900 جندي", "900", {"where": "syria", "is_us_troop_level": True}),
    ("ويقدر عدد الجنود الأمريكيين في العراق ( ٢٥٠٠ ) جندي", "٢٥٠٠",
     {"value": 2500, "who": "us", "is_us_troop_level": True}),
    ("تنتشر القوات الأميركية في قاعدة عين الأسد البالغ عددها ( 2 500 ) عسكري", "500",
     {"value": 2500, "is_us_troop_level": True}),
    # the size of the whole force whose withdrawal is planned is a level; the size of a flow is not
    ("وبموجب الاتفاق سيتم سحب القوات الأمريكية البالغ عددها 2500 جندي على مرحلتين", "2500",
     {"is_us_troop_level": True}),
    ("أعلن البنتاغون إرسال تعزيزات أمريكية قوامها 1500 جندي إلى الشرق الأوسط", "1500",
     {"is_us_troop_level": False}),
]


@pytest.mark.parametrize("text, marker, expected", AT_A_DISTANCE, ids=[f"distance-{i:02d}" for i in range(len(AT_A_DISTANCE))])
def test_size_constructions_at_a_distance(text, marker, expected):
    check(mention(text, marker), expected)


# ------------------------------------------------------------------------------------------
# 6. Advisers, small contingents, vague quantities; the coalition as a whole

SMALL_AND_VAGUE = [
    ("يوجد مئتا مستشار عسكري أمريكي في العراق", "مئتا",
     {"value": 200, "unit": "advisers", "who": "us", "is_us_troop_level": True}),
    ("ويوجد بضع مئات من المستشارين الأمريكيين في العراق", "بضع",
     {"value": 300, "value_high": 900, "qualifier": "vague", "is_us_troop_level": True}),
    ("ينتشر عشرات المدربين الأميركيين في قاعدة الحرير", "عشرات",
     {"value": 10, "value_high": 99, "unit": "trainers", "is_us_troop_level": True}),
    ("وأكد أن المستشارين الأمريكيين لا يتجاوز عددهم عشرة مستشارين في المحافظة", "عشرة",
     {"value": 10, "qualifier": "at_most", "who": "us"}),
    ("يتمركز ألوف الجنود الأمريكيين في الخليج", "ألوف", {"value": 1000, "qualifier": "vague"}),
    ("المستشارون الأمريكيون في العراق لا يتجاوز عددهم 200", "200",
     {"qualifier": "at_most", "unit": "advisers", "who": "us", "is_us_troop_level": True}),
    # "their number" and "some of them" count people even with no noun after the number
    ("وأكد أن عددهم وصل إلى 300", "300", {"kind": "count", "unit_category": "person"}),
    ("ونقل 3 منهم إلى المستشفى", "3", {"kind": "count", "unit_category": "person"}),
    ("وتنتشر عشرات الآلاف من القوات الأمريكية في المنطقة", "عشرات",
     {"value": 10000, "value_high": 99000, "is_us_troop_level": True}),
    ("يبلغ عدد أفراد التحالف الدولي في العراق نحو 3500", "3500",
     {"who": "coalition", "unit_category": "force", "is_us_troop_level": True}),
    ("ويضم التحالف الدولي ضد داعش نحو 4 آلاف عسكري في العراق", "4 آلاف",
     {"who": "coalition", "is_us_troop_level": True}),
]


@pytest.mark.parametrize("text, marker, expected", SMALL_AND_VAGUE, ids=[f"small-{i:02d}" for i in range(len(SMALL_AND_VAGUE))])
def test_advisers_small_contingents_and_vague_quantities(text, marker, expected):
    check(mention(text, marker), expected)


# ------------------------------------------------------------------------------------------
# 7. Place kept; alliance totals elsewhere and casualties are not levels

PLACES = [
    ("يتمركز نحو 13 ألف جندي أمريكي في الكويت", "13", {"where": "kuwait", "is_us_troop_level": True}),
    ("وفي الأردن نحو 3 آلاف جندي أمريكي", "3 آلاف", {"where": "jordan", "is_us_troop_level": True}),
    ("ولا يزال نحو 900 عسكري أمريكي في سوريا", "900", {"where": "syria", "is_us_troop_level": True}),
    ("كان للولايات المتحدة نحو 100 ألف جندي في أفغانستان عام 2011", "100",
     {"where": "afghanistan", "is_us_troop_level": True}),
    ("يبلغ عدد قوات حلف الناتو في أفغانستان 10 آلاف جندي", "10", {"who": "other", "is_us_troop_level": False}),
    ("وتضم بعثة الناتو في العراق نحو 500 عسكري", "500", {"is_us_troop_level": False}),
    ("قتل 4400 جندي أمريكي في العراق منذ 2003", "4400", {"is_us_troop_level": False}),
    ("بلغ عدد قتلى الجيش الأمريكي في العراق نحو 4500", "4500", {"is_us_troop_level": False}),
    ("ارتفع عدد الجرحى في صفوف القوات الأمريكية إلى 34 جنديا", "34", {"is_us_troop_level": False}),
    # a place after a time or attribution clause is not where the troops are
    ("يتمركز في سوريا نحو 900 جندي أمريكي منذ الحرب على داعش في العراق", "900", {"where": "syria"}),
    ("ارتفع عدد القوات الأمريكية في الكويت إلى 15 ألفا عقب التوتر مع إيران", "15", {"where": "kuwait"}),
    # a composition phrase (من N دولة) does not hide the place after it
    ("تضم قوات التحالف نحو 5 آلاف عسكري من 60 دولة في العراق", "5 آلاف",
     {"who": "coalition", "where": "iraq", "is_us_troop_level": True}),
    # an attribution does not name the counted force
    ("يبلغ عدد المستشارين الأمريكيين في الإقليم 150 مستشارا وفقا لوزارة الدفاع التركية", "150",
     {"who": "us", "is_us_troop_level": True}),
    # the US share of a larger force is the US level; the US share of casualties is not
    ("يضم التحالف في العراق 4 آلاف عسكري منهم 2500 أمريكي", "2500",
     {"who": "us", "where": "iraq", "unit_category": "force", "is_us_troop_level": True}),
    ("تنتشر في أفغانستان قوة للناتو قوامها 10 آلاف جندي بينهم 6 آلاف أمريكي", "6 آلاف",
     {"where": "afghanistan", "is_us_troop_level": True}),
    ("قتل 20 شخصا بينهم 3 أمريكيين في التفجير", "3 أمريكيين", {"is_us_troop_level": False}),
]


@pytest.mark.parametrize("text, marker, expected", PLACES, ids=[f"place-{i:02d}" for i in range(len(PLACES))])
def test_places_kept_and_non_levels(text, marker, expected):
    check(mention(text, marker), expected)


# ------------------------------------------------------------------------------------------
# Spellings and styles across services: the same rules, other words

STYLES = [
    # Egyptian/forum spelling: ى for ي, حوالى, امريكا as subject, a dot as thousands separator
    ("تنشر امريكا حوالى 2.500 جندى فى العراق", "2.500", {"value": 2500, "who": "us", "is_us_troop_level": True}),
    # Iranian Arabic service: قوات الاحتلال الأمريكي, عنصر
    ("وتحتفظ قوات الاحتلال الأمريكي بنحو 2500 عنصر في قواعدها بالعراق", "2500",
     {"who": "us", "where": "iraq", "is_us_troop_level": True}),
    # Iraqi: على الأراضي العراقية, زهاء, Arabic-Indic digits
    ("يوجد زهاء ٢٥٠٠ عسكري امريكي على الاراضي العراقية", "٢٥٠٠",
     {"qualifier": "approx", "where": "iraq", "is_us_troop_level": True}),
    # 2003-era: the coalition's size, "most of them Americans" does not make it a US figure
    ("يبلغ تعداد قوات التحالف في العراق قرابة 160 ألف جندي معظمهم من الأمريكيين", "160",
     {"who": "coalition", "is_us_troop_level": True}),
    # a year after حتى is a year, not a count
    ("قال الناطق إن واشنطن ستبقي 2000 عنصر في قاعدة حرير بأربيل حتى 2026", "2026", {"kind": "year"}),
    ("ستبقى القوات في الإقليم إلى 2026 على الأقل", "2026", {"kind": "year"}),
]


@pytest.mark.parametrize("text, marker, expected", STYLES, ids=[f"style-{i:02d}" for i in range(len(STYLES))])
def test_spellings_and_styles(text, marker, expected):
    check(mention(text, marker), expected)


# ------------------------------------------------------------------------------------------
# Distractors: never counts of people

PEOPLE = {"force", "person", "combatant", "casualty", "detainee"}

DISTRACTORS = [
    "١- انسحاب القوات الأمريكية من العراق",
    "(2) موقف الحكومة من الاتفاقية",
    "3. تصريحات المسؤولين العراقيين",
    "عدد المشاهدات: 1520",
    "المشاهدات 3400 | التعليقات 12",
    "الأعضاء: 230 | المشاركات: 4518",
    "شارك هذا الموضوع 45 مشاركة",
    "تاريخ التسجيل: 01-18",
    "نشر بتاريخ 25-2-2008 في قسم الأخبار",
    "نشر في 2019/05/14",
    "وفي عام ألفين وثلاثة عشر انسحبت القوات",
    "منذ سنة ألفين وثمانية",
    "بفارق 15 قتيلاً عن التقديرات السابقة",
    "تقدم الحزب بفارق 3 مقاعد",
    "قرأ الخبر 980 زائرا",
    "الأعضاء: 77 | تاريخ التسجيل 03-2011",
    "المحور الأول 1- الانسحاب 2- السيادة 3- الاقتصاد",
    "صوت البرلمان بأغلبية 170 صوتا",
    "فازت القائمة بـ 12 مقعدا",
    "(ص 14) من التقرير السنوي",
    "انظر صفحة 7 من الملحق",
    # bare numbers that nothing makes a count of something: not counts
    "صورة 1 من 8",
    "الجزء 2 من التحقيق",
    "التعليقات (3)",
    "حصل الفريق على 7/10 في التقييم",
    "رقم الخبر: 48213",
]


@pytest.mark.parametrize("text", DISTRACTORS, ids=[f"distractor-{i:02d}" for i in range(len(DISTRACTORS))])
def test_distractors_are_not_counts_of_people(text):
    table = extract_numbers(text)
    people = table[table["kind"].eq("count") & (table["unit_category"].isin(PEOPLE) | table["unit"].isna())]
    assert people.empty, people[["surface", "kind", "unit", "level_reason"]].values.tolist()


# ------------------------------------------------------------------------------------------
# The architecture: level_reason everywhere, explain_number, the armies sentence

def test_every_force_count_has_a_level_reason():
    texts = [row[0] if isinstance(row[0], str) and len(row) == 3 else row[1] for row in TARGETS + RANGES + PAST]
    table = pd.concat([extract_numbers(t) for t in texts])
    forces = table[table["unit_category"].eq("force")]
    assert len(forces) >= 15 and forces["level_reason"].str.len().gt(0).all()
    assert table["level_reason"].str.len().gt(0).all()


def test_explain_number_prints_the_rule_that_decided():
    text = "أرسلت واشنطن 450 مستشارا أمريكيا إضافيا إلى العراق"
    out = io.StringIO()
    with redirect_stdout(out):
        m = explain_number(text, text.index("450"))
    printed = out.getvalue()
    assert m.value == 450 and "rule flow" in printed and "NOT a troop level" in printed
    assert "cue" in printed and "who" in printed


def test_the_armies_sentence_reaches_the_claims_table():
    from helpers.troop_levels import troop_level_claims
    text = "يبلغ عدد أفراد الجيش الأمريكي في العراق نحو 2500"
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "outlet_ar": ["س"],
                             "published": ["2024-03-01"], "text": [text]})
    claims = troop_level_claims(extract_numbers_corpus(articles), articles)
    assert claims[["value", "where", "unit_category"]].values.tolist() == [[2500, "iraq", "force"]]


def test_claims_are_compared_with_the_reference_of_the_time_they_refer_to():
    from helpers.troop_levels import troop_level_claims
    text = "وكانت الولايات المتحدة تحتفظ بنحو 3100 جندي في العراق عام 2015"
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "outlet_ar": ["س"],
                             "published": ["2024-03-01"], "text": [text]})
    claims = troop_level_claims(extract_numbers_corpus(articles), articles)
    row = claims.iloc[0]
    assert (row["refers_to"], str(row["when"].date()), int(row["reference_figure"])) == ("2015", "2015-01-01", 3100)


def test_a_lexicon_edit_takes_effect_without_a_restart(tmp_path, monkeypatch):
    import shutil

    from helpers import paths
    from helpers.numbers.lexicon import LEXICON_FILES
    for name in LEXICON_FILES:
        shutil.copy(paths.lexicon_path(name), tmp_path / name)
    monkeypatch.setattr(paths, "lexicon_path", lambda name: tmp_path / name)
    text = "يوجد 40 بحارا أمريكيا في العراق"
    assert mention(text, "40").unit is None
    with open(tmp_path / "number_units.csv", "a", encoding="utf-8") as handle:
        handle.write("بحار,sailors,force,singular,sailor,test row\n")
    m = mention(text, "40")
    assert (m.unit, m.unit_category, m.is_us_troop_level) == ("sailors", "force", True)


def test_a_bad_lexicon_row_is_reported_with_file_and_line(tmp_path, monkeypatch):
    import shutil

    from helpers import paths
    from helpers.arabic.lexicon import LexiconError
    from helpers.numbers.lexicon import LEXICON_FILES, load_number_lexicon
    for name in LEXICON_FILES:
        shutil.copy(paths.lexicon_path(name), tmp_path / name)
    monkeypatch.setattr(paths, "lexicon_path", lambda name: tmp_path / name)
    with open(tmp_path / "number_units.csv", "a", encoding="utf-8") as handle:
        handle.write("بحار,sailors,navy,singular,sailor,bad category\n")
        handle.write("بحارة,sailors,force,many,sailors,bad number\n")
    with pytest.raises(LexiconError) as error:
        load_number_lexicon()
    message = str(error.value)
    assert "number_units.csv" in message and "navy" in message and "many" in message
    assert len(error.value.problems) == 2  # every problem at once, each with its line


def test_sentence_id_indexes_the_sentences_of_the_original_text():
    from helpers.arabic.clauses import split_sentences
    text = "قال المسؤول: الوضع هادئ.\nويوجد 2500 جندي أمريكي في العراق. وفي سوريا يوجد 900 جندي أمريكي؟ نعم."
    spans = split_sentences(text)
    for m in find_number_mentions(text):
        start, end = spans[m.sentence_id]
        assert start <= m.start < end and m.sentence.strip() in text[start:end]
    assert [m.sentence_id for m in find_number_mentions(text)] == [1, 2]
