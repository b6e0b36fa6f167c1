"""helpers.numbers: Arabic numeric mentions, read as a table of phrases.

Most phrases are written for these tests in the styles of different outlets (Iraqi, Gulf,
Levantine, Egyptian, wire copy, machine translation), with hamza-less and ه-for-ة spellings and
all three digit systems; a few come from the seed articles. Each row describes the FIRST
mention of the phrase.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from helpers import numbers, paths
from helpers.numbers import (
    COLUMNS,
    extract_numbers,
    extract_numbers_corpus,
    find_number_mentions,
    parse_digits,
)

NA = None

# phrase, value, value_high, kind, qualifier, unit, is_us_troop_level
COUNTS = [
    # --- digits, separators, three digit systems ---------------------------------------------
    ("يتمركز قرابة 2,500 عسكري أمريكي في قاعدة عين الأسد", 2500, NA, "count", "approx", "troops", True),
    ("يتواجد زهاء ٢٬٥٠٠ جندي أمريكي في العراق", 2500, NA, "count", "approx", "troops", True),
    ("وينتشر نحو ۹۰۰ جندي أمريكي في سوريا", 900, NA, "count", "approx", "troops", True),
    ("تضم القاعدة 2.500 جندي من قوات التحالف", 2500, NA, "count", "exact", "troops", True),
    ("بلغ عدد القوات الأمريكية في العراق 5200 جندي مطلع 2020", 5200, NA, "count", "exact", "troops", True),
    ("وصل 3.5 ألف عنصر من مشاة البحرية الأمريكية", 3500, NA, "count", "exact", "personnel", False),
    ("قدرت المصادر عدد المسلحين بـ3000 مسلح", 3000, NA, "count", "exact", "militants", False),
    ("تحتفظ الولايات المتحدة بـ5 آلاف جندي في العراق", 5000, NA, "count", "exact", "troops", True),
    ("لدى واشنطن نحو 900 عسكري في شمال شرق سورية", 900, NA, "count", "approx", "troops", True),
    ("أعلن الجيش أن قوامها30 عنصرا فقط", 30, NA, "count", "exact", "personnel", False),
    ("وتقدر القوات الأميركية المتبقية في البلاد بـ 2٬500 جندي", 2500, NA, "count", "exact", "troops", True),
    ("يقارب عدد الجنود الأمريكيين في العراق ١٥٠٠ جندي", 1500, NA, "count", "exact", "troops", True),
    ("يبلغ تعداد القوة ٣٫٥ ألف جندي", 3500, NA, "count", "exact", "troops", False),
    # --- flows, casualties, arrests, subsets are not levels -----------------------------------
    ("أعلن البنتاغون نشر 1500 جندي أمريكي إضافي في المنطقة", 1500, NA, "count", "exact", "troops", False),
    ("قررت الإدارة إرسال 450 مستشارا أمريكيا إضافيا إلى العراق", 450, NA, "count", "exact", "advisers", False),
    ("أرسلت واشنطن ألفي جندي أمريكي إلى الكويت", 2000, NA, "count", "exact", "troops", False),
    ("أمر الرئيس بنشر مئتي مستشار عسكري أمريكي", 200, NA, "count", "exact", "advisers", False),
    ("ارسلت الولايات المتحدة اربعة الاف جندي الى المنطقه", 4000, NA, "count", "exact", "troops", False),
    ("سحب 2200 جندي أمريكي من العراق خلال الشهر الجاري", 2200, NA, "count", "exact", "troops", False),
    ("خفض عدد القوات الأمريكية في العراق إلى 3000 جندي", 3000, NA, "count", "exact", "troops", True),
    ("قتل 3 جنود أمريكيين في هجوم بطائرة مسيرة على البرج 22 في الأردن", 3, NA, "count", "exact", "killed", False),
    ("أصيب 34 جنديا أمريكيا بارتجاج في الدماغ في قاعدة عين الأسد", 34, NA, "count", "exact", "wounded", False),
    ("قتل ثلاثه جنود امريكيين في العراق", 3, NA, "count", "exact", "killed", False),
    ("مقتل جنديين أمريكيين في الأنبار", 2, NA, "count", "exact", "killed", False),
    ("ألقت القوات القبض على خمسة إرهابيين في الأنبار", 5, NA, "count", "exact", "arrested", False),
    ("أعلنت الخلية القبض على إرهابيين اثنين في كركوك", 2, NA, "count", "exact", "arrested", False),
    ("قتل عشرة مقاتلين من تنظيم داعش", 10, NA, "count", "exact", "killed", False),
    ("اعتقال ثلاثة عشر مطلوبا في ديالى", 13, NA, "count", "exact", "arrested", False),
    ("أصيب اثنا عشر جنديا عراقيا", 12, NA, "count", "exact", "wounded", False),
    ("يوجد 2500 جندي أمريكي، منهم 500 مستشار في أربيل", 2500, NA, "count", "exact", "troops", True),
    ("بحث الجانبان انسحاب ما لا يقل عن 2500 جندي أميركي من العراق", 2500, NA, "count", "at_least", "troops", True),
    ("ويجري الحديث عن رحيل نحو 2500 جندي أمريكي من البلاد", 2500, NA, "count", "approx", "troops", True),
    # --- number words ---------------------------------------------------------------------------
    ("شارك خمسة وعشرون مقاتلا في الهجوم", 25, NA, "count", "exact", "fighters", False),
    ("تضم الوحدة مئة وعشرين جنديا", 120, NA, "count", "exact", "troops", False),
    ("حشدت الفصائل ثلاثة آلاف مقاتل", 3000, NA, "count", "exact", "fighters", False),
    ("يبلغ قوام القوة ألفا جندي", 2000, NA, "count", "exact", "troops", False),
    ("تم نشر ألفين من جنود المارينز", 2000, NA, "count", "exact", "troops", False),
    ("عبر خمسون ألفاً من النازحين الحدود", 50000, NA, "count", "exact", "displaced", False),
    ("تطوع أكثر من مليون ونصف المليون عراقي", 1500000, NA, "count", "at_least", "people", False),
    ("يتوقع انضمام نحو 2 مليون متطوع", 2000000, NA, "count", "approx", "volunteers", False),
    ("استقبل المخيم نصف مليون لاجئ", 500000, NA, "count", "exact", "refugees", False),
    ("أرسل الأردن خمسمائة جندي", 500, NA, "count", "exact", "troops", False),
    ("تقدم خمسمئة مقاتل نحو المدينة", 500, NA, "count", "exact", "fighters", False),
    ("انتشر خمس مئة عنصر من الحشد", 500, NA, "count", "exact", "personnel", False),
    ("قال إن ثلاثمائة مستشار أمريكي سيبقون في بغداد", 300, NA, "count", "exact", "advisers", True),
    ("إحدى عشرة طائرة أمريكية حلقت فوق القاعدة", 11, NA, "count", "exact", "aircraft", False),
    ("وصل ألف وخمسمائة جندي إلى القاعدة", 1500, NA, "count", "exact", "troops", False),
    ("يتمركز في العراق ألفان وخمسمائة جندي أمريكي", 2500, NA, "count", "exact", "troops", True),
    ("تجمع عشرة آلاف متظاهر في ساحة التحرير", 10000, NA, "count", "exact", "protesters", False),
    ("نزح مئة ألف شخص من الموصل", 100000, NA, "count", "exact", "people", False),
    ("اكثر من الف جندي امريكي يتواجدون في قاعده حرير", 1000, NA, "count", "at_least", "troops", True),
    ("يخدم ثلاثة آلاف ومئتا جندي أمريكي في العراق", 3200, NA, "count", "exact", "troops", True),
    ("شنت الفصائل هجومين على القوات الأمريكية", 2, NA, "count", "exact", "attacks", False),
    ("دمرت القوات 14 وكراً لعناصر داعش", 14, NA, "count", "exact", "hideouts", False),
    ("شارك في التحالف 86 دولة", 86, NA, "count", "exact", "countries", False),
    ("استهدفت الطائرات ثلاث منشآت تابعة للفصائل", 3, NA, "count", "exact", "facilities", False),
    ("نقلت المجلة عن أربعة مصادر مطلعة", 4, NA, "count", "exact", "sources", False),
    ("أطلقت الفصائل ستة صواريخ على القاعدة", 6, NA, "count", "exact", "rockets", False),
    ("أرسلت مصر ٣ آلاف جندى إلى الحدود", 3000, NA, "count", "exact", "troops", False),
    ("قتل أكثر من 4400 جندي أمريكي في العراق منذ 2003", 4400, NA, "count", "at_least", "killed", False),
    ("طالب البرلمان بإخراج 2500 جندي أمريكي من البلاد", 2500, NA, "count", "exact", "troops", True),
    ("قتل ستة عشر مسلحا في صلاح الدين", 16, NA, "count", "exact", "killed", False),
    ("أصيب ثمانية آلاف وخمسمائة مدني", 8500, NA, "count", "exact", "wounded", False),
    ("ما زال هناك قرابة ألفي مستشار عسكري أميركي في إقليم كردستان", 2000, NA, "count", "approx", "advisers", True),
    ("قوات التحالف البالغ قوامها نحو 3500 عنصر", 3500, NA, "count", "approx", "personnel", True),
    ("قال إن واشنطن ستبقي على 2000 جندي في سوريا", 2000, NA, "count", "exact", "troops", True),
    ("قال مسؤول إن نحو 150 جنديا من قوات التحالف سيغادرون قاعدة عين الأسد", 150, NA, "count", "approx", "troops",
     False),
    ("يبلغ عدد القوات الأمريكية في العراق نحو 2500", 2500, NA, "count", "approx", "troops", True),
    ("شارك 60 ألف متظاهر في الاحتجاجات", 60000, NA, "count", "exact", "protesters", False),
    ("وأصيب أكثر من 40 آخرين في الهجوم", 40, NA, "count", "at_least", "wounded", False),
    ("وبلغ عدد الجنود الأمريكيين في العراق ذروته عام 2007 بنحو 170 ألف جندي", 2007, NA, "year", "exact", NA, False),
    # --- ranges ---------------------------------------------------------------------------------
    ("نشرت واشنطن بين 3000 و4000 جندي", 3000, 4000, "count", "exact", "troops", False),
    ("يقدر عدد مقاتلي التنظيم بـ20- 40 ألف مقاتل", 20000, 40000, "count", "exact", "fighters", False),
    ("ينتشر من 3 إلى 5 آلاف عنصر من الحشد", 3000, 5000, "count", "exact", "personnel", False),
    ("يتواجد ما بين 2500 و3000 جندي أمريكي في العراق", 2500, 3000, "count", "exact", "troops", True),
    ("قتل ثلاثة أو أربعة مسلحين", 3, 4, "count", "exact", "killed", False),
    # --- vague quantities -----------------------------------------------------------------------
    ("قتل عشرات المدنيين في القصف", NA, NA, "count", "vague", "killed", False),
    ("وصل مئات الجنود الأمريكيين إلى أربيل", NA, NA, "count", "vague", "troops", False),
    ("فر آلاف المدنيين من المدينة", NA, NA, "count", "vague", "civilians", False),
    ("تظاهر عشرات الآلاف من العراقيين", NA, NA, "count", "vague", "people", False),
    ("قصفت الطائرات رتلا يضم العشرات من المسلحين", NA, NA, "count", "vague", "militants", False),
    ("ينتشر بضعة آلاف من الجنود الأمريكيين في المنطقة", NA, NA, "count", "vague", "troops", False),
    # --- qualifiers before and after ------------------------------------------------------------
    ("يتواجد أكثر من 300 جندي أمريكي في التنف", 300, NA, "count", "at_least", "troops", True),
    ("يوجد أقل من 100 مستشار أمريكي في سوريا", 100, NA, "count", "at_most", "advisers", True),
    ("لن يتجاوز عدد القوات الأمريكية لا يتجاوز 3000 جندي", 3000, NA, "count", "at_most", "troops", True),
    ("أعلن البيت الأبيض إرسال ما يصل إلى 300 مستشار عسكري", 300, NA, "count", "up_to", "advisers", False),
    ("سيبقى حوالى 450 مستشارا أمريكيا في بغداد", 450, NA, "count", "approx", "advisers", True),
    ("يتمركز 2500 جندي أمريكي على الأقل في العراق", 2500, NA, "count", "at_least", "troops", True),
    ("يتمركز 3000 جندي أمريكي تقريبا في العراق", 3000, NA, "count", "approx", "troops", True),
    ("تحتفظ واشنطن بنحو 2500 جندي في العراق", 2500, NA, "count", "approx", "troops", True),
    ("قدرت مصادر عدد القوات الأمريكية بما يقارب 2000 عسكري", 2000, NA, "count", "approx", "troops", True),
    ("يوجد ما يزيد على 900 جندي أمريكي في سوريا", 900, NA, "count", "at_least", "troops", True),
    # --- other kinds ------------------------------------------------------------------------------
    ("في 4 فبراير/شباط شنت الفصائل هجوما", 4, NA, "date", "exact", NA, False),
    ("يوم الخميس 25 من كانون الثاني", 25, NA, "date", "exact", NA, False),
    ("وحتى تاريخ الحادي والعشرين من كانون الثاني الحالي", 21, NA, "date", "exact", NA, False),
    ("في 23 تشرين الأول 2019 خرج المتظاهرون", 23, NA, "date", "exact", NA, False),
    ("صدر البيان في 25-2-2008", NA, NA, "date", NA, NA, False),
    ("وقال الوزير يوم الثلاثاء 23 إن القوات باقية", 23, NA, "date", "exact", NA, False),
    ("وفي 12 جويلية أعلنت الوزارة", 12, NA, "date", "exact", NA, False),
    ("تشكل التحالف عام 2014 لمحاربة التنظيم", 2014, NA, "year", "exact", NA, False),
    ("انسحبت القوات عام2011 من العراق", 2011, NA, "year", "exact", NA, False),
    ("غزت الولايات المتحدة العراق في 2003", 2003, NA, "year", "exact", NA, False),
    ("وقع الهجوم الساعة 10 صباحا", 10, NA, "time", "exact", NA, False),
    ("وقع الانفجار عند 10:30 مساء", 10, NA, "time", "exact", NA, False),
    ("وقع الانفجار عند الساعة العاشرة", 10, NA, "time", "exact", NA, False),
    ("خلال الساعات الـ24 الماضية", 24, NA, "duration", "exact", "hours", False),
    ("خلال 24 ساعة من الهجوم", 24, NA, "duration", "exact", "hours", False),
    ("خلال الأشهر الثلاثة الماضية", 3, NA, "duration", "exact", "months", False),
    ("مقارنة بالسنوات العشر الماضية", 10, NA, "duration", "exact", "years", False),
    ("منذ ثلاثة أيام", 3, NA, "duration", "exact", "days", False),
    ("أعلنت قبل يومين", 2, NA, "duration", "exact", "days", False),
    ("بقيت القوات أكثر من 20 عاما في المنطقة", 20, NA, "duration", "at_least", "years", False),
    ("بين إيران ومجموعة (5+1)", NA, NA, "other", NA, NA, False),
    ("ارتفعت النسبة إلى 40%", 40, NA, "percent", "exact", NA, False),
    ("تراجع التأييد 15 بالمئة", 15, NA, "percent", "exact", NA, False),
    ("خصصت الحكومة مليوني دولار", 2000000, NA, "money", "exact", "dollars", False),
    ("بلغت الكلفة 2.5 مليار دولار", 2500000000, NA, "money", "exact", "dollars", False),
    ("نص القرار 2334 على ذلك", 2334, NA, "other", "exact", NA, False),
    ("قصفت طائرات إف 16 المواقع", 16, NA, "other", "exact", NA, False),
    ("في هجوم على البرج 22 في الأردن", 22, NA, "other", "exact", NA, False),
    ("في الفترة 2014-2017 سيطر التنظيم على الموصل", 2014, 2017, "year", "exact", NA, False),
    ("ابتداء من 1 يناير 2025 تبدأ المرحلة", 1, NA, "date", "exact", NA, False),
    ("في يونيو 2014 سقطت الموصل", 2014, NA, "date", "exact", NA, False),
    ("وقع الهجوم الساعة 8:30 صباحا", 8, NA, "time", "exact", NA, False),
    ("بلغت نسبة التأييد ٤٠٪", 40, NA, "percent", "exact", NA, False),
    ("بلغت نسبة المشاركة 41 في المائة", 41, NA, "percent", "exact", NA, False),
    ("في القرن الحادي والعشرين", 21, NA, "ordinal", "exact", NA, False),
    ("منذ أربع سنوات والقوات الأمريكية هناك", 4, NA, "duration", "exact", "years", False),
    ("فازت للمرة الثالثة", 3, NA, "ordinal", "exact", NA, False),
]


def _first(phrase: str) -> pd.Series:
    table = extract_numbers(phrase)
    assert not table.empty, f"no mention found in {phrase!r}"
    return table.iloc[0]


def _na(value):
    return None if value is None or value is pd.NA or (isinstance(value, float) and value != value) else value


@pytest.mark.parametrize("phrase, value, value_high, kind, qualifier, unit, us_level", COUNTS,
                         ids=[f"{n:03d}" for n in range(len(COUNTS))])
def test_first_mention_of_each_phrase(phrase, value, value_high, kind, qualifier, unit, us_level):
    row = _first(phrase)
    got = (_na(row["value"]), _na(row["value_high"]), row["kind"], _na(row["qualifier"]), _na(row["unit"]),
           bool(row["is_us_troop_level"]))
    assert got == (value, value_high, kind, qualifier, unit, us_level)


# Phrases whose numbers must never be reported as counts (dates, years, weekdays, durations,
# group names, percentages, money, designations) and phrases with no number at all.
NOT_COUNTS = [
    "يوم الاثنين الماضي أعلنت الخلية",
    "وفي يوم الإثنين",
    "الثلاثاء المقبل",
    "صباح الأربعاء والخميس",
    "قالت الوزارة يوم الأحد",
    "أحد الجنود قال",
    "لست متأكدا من ذلك",
    "في تشرين الأول الماضي",
    "في كانون الثاني الحالي",
    "الحرب العالمية الثانية",
    "خلال ساعات من الهجوم",
    "لأول مرة منذ 4 فبراير/شباط",
    "الخميس 25 من كانون الثاني",
    "بين إيران ومجموعة (5+1)",
    "في عامي 2014 و2017",
    "منذ عام 2003",
    "خلال الساعات الـ24 الماضية",
    "ارتفعت البطالة إلى 12.5 في المئة",
    "دفعت 500 مليون دولار",
    "في 2024-01-25 صدر البيان",
]


@pytest.mark.parametrize("phrase", NOT_COUNTS)
def test_no_count_is_reported(phrase):
    table = extract_numbers(phrase)
    assert "count" not in set(table["kind"]), table[["surface", "kind"]].to_dict("records")


# phrase, who, where of the first mention
WHO_WHERE = [
    ("يوجد نحو 2500 جندي أميركي في العراق", "us", "iraq"),
    ("نحو 275 من أفراد الجيش الأمريكي إلى بغداد", "us", "iraq"),
    ("يتمركز 900 جندي من قوات التحالف الدولي في سوريا", "coalition", "syria"),
    ("قتل عشرة مقاتلين من تنظيم داعش في كركوك", "isis", "iraq"),
    ("وصل 500 مستشار إيراني إلى دمشق", "iran", "syria"),
    ("انتشر 3000 عنصر من الحشد الشعبي في الأنبار", "factions", "iraq"),
    ("يتمركز 1500 جندي أمريكي في الكويت", "us", "kuwait"),
    ("في سوريا ينتشر 900 جندي أمريكي", "us", "syria"),
    ("أعلن الجيش العراقي مقتل 5 مسلحين", None, None),
]


@pytest.mark.parametrize("phrase, who, where", WHO_WHERE)
def test_who_and_where(phrase, who, where):
    row = _first(phrase)
    assert (_na(row["who"]), _na(row["where"])) == (who, where)


# Several mentions per phrase: (value, qualifier, unit, who, where, is_us_troop_level) of each count.
SEVERAL = [
    ("أعلنت وزارة الدفاع الأمريكية أن عدد قواتها في العراق يبلغ نحو 2500 عسكري، إضافة إلى 900 في سوريا",
     [(2500, "approx", "troops", "us", "iraq", True), (900, "exact", "troops", "us", "syria", True)]),
    ("يوجد في العراق حوالي 2,500 جندي أمريكي وفي سوريا نحو 900",
     [(2500, "approx", "troops", "us", "iraq", True), (900, "approx", "troops", "us", "syria", True)]),
    ("أعلنت واشنطن خفض قواتها في العراق من 5200 إلى 3000 جندي خلال سبتمبر",
     [(5200, "exact", "troops", "us", "iraq", True), (3000, "exact", "troops", "us", "iraq", True)]),
    ("أعلنت واشنطن خفض قواتها في العراق بمقدار 2200 جندي",
     [(2200, "exact", "troops", "us", "iraq", False)]),
    ("سحب 500 جندي من أصل 2500 جندي أمريكي في العراق",
     [(500, "exact", "troops", None, None, False), (2500, "exact", "troops", "us", "iraq", True)]),
    ("قتل 17 شخصا وأصيب 40 آخرون",
     [(17, "exact", "killed", None, None, False), (40, "exact", "wounded", None, None, False)]),
]


@pytest.mark.parametrize("phrase, expected", SEVERAL, ids=[f"{n:02d}" for n in range(len(SEVERAL))])
def test_several_counts_in_one_sentence(phrase, expected):
    table = extract_numbers(phrase)
    counts = table[table["kind"] == "count"]
    got = [(_na(r.value), _na(r.qualifier), _na(r.unit), _na(r.who), _na(r.where), bool(r.is_us_troop_level))
           for r in counts.itertuples()]
    assert got == expected


def test_coordination_shares_the_nationality_and_qualifier():
    table = extract_numbers("ويوجد حالياً نحو 2500 جندي أميركي في العراق و900 جندي في سوريا")
    got = table[["value", "qualifier", "who", "where", "is_us_troop_level"]].values.tolist()
    assert got == [[2500, "approx", "us", "iraq", True], [900, "approx", "us", "syria", True]]


def test_five_thousand_troops_in_three_bases_is_not_5003():
    table = extract_numbers("ينتشر 5,000 جندي أمريكي في ثلاث قواعد")
    assert table[["value", "unit"]].values.tolist() == [[5000, "troops"], [3, "bases"]]


@pytest.mark.parametrize("digits, decimal_mark, expected", [
    ("2500", None, 2500), ("2,500", None, 2500), ("2.500", None, 2500), ("1.250.000", None, 1250000),
    ("3.5", None, 3.5), ("2,5", None, 2.5), ("12.75", None, 12.75), ("2.500", ".", 2.5),
    ("1,234.5", None, 1234.5),
])
def test_parse_digits_three_digit_group_rule(digits, decimal_mark, expected):
    assert parse_digits(digits, decimal_mark=decimal_mark) == expected


def test_arabic_decimal_separator_is_a_decimal():
    assert _first("يبلغ تعداد القوة ٢٫٥٠٠ ألف جندي")["value"] == 2500  # 2.500 thousand
    assert _first("يبلغ تعداد القوة ٢٬٥٠٠ جندي")["value"] == 2500


def test_surface_and_offsets_point_into_the_input_with_its_diacritics():
    text = "وقال المسؤول: يوجدُ نحوَ ٢٥٠٠ جنديٍّ أمريكيٍّ في العراقِ."
    row = _first(text)
    assert text[row["start"]:row["end"]] == row["surface"] == "نحوَ ٢٥٠٠ جنديٍّ"
    assert row["sentence"] == text
    assert row["value"] == 2500 and row["is_us_troop_level"]


def test_fast_offset_map_agrees_with_the_text_helper():
    from helpers.text import normalize_with_offsets
    rng = random.Random(7)
    alphabet = list("ابتجدرسعفقلمنهوي 0٢") + ["ً", "ّ", "ـ", "…", "أ", "ة", "\u200f", "\u00a0"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25)))
        fast, slow = numbers._OffsetMap(text), normalize_with_offsets(text)
        assert fast.norm == slow.text
        n = len(fast.norm)
        for s in range(n):
            for e in range(s + 1, n + 1):
                assert fast.to_source(s, e) == slow.to_source(s, e), (text, s, e)


def test_columns_and_dtypes():
    table = extract_numbers("قتل 3 جنود و عشرات المدنيين")
    assert list(table.columns) == COLUMNS
    assert str(table["value"].dtype) == "Int64" and str(table["value_high"].dtype) == "Int64"
    assert table["is_us_troop_level"].dtype == bool
    assert table["value"].isna().tolist() == [False, True]
    empty = extract_numbers("لا أرقام هنا")
    assert list(empty.columns) == COLUMNS and empty.empty


def test_corpus_function_adds_article_id_and_sorts():
    articles = pd.DataFrame({"article_id": ["002", "001"], "text": ["عشرة مقاتلين", "4 فبراير و 3 جنود"]})
    table = extract_numbers_corpus(articles)
    assert list(table.columns) == ["article_id", *COLUMNS]
    assert table[["article_id", "value", "kind"]].values.tolist() == [
        ["001", 4, "date"], ["001", 3, "count"], ["002", 10, "count"]]


def test_corpus_function_names_the_missing_column():
    with pytest.raises(KeyError, match="text"):
        extract_numbers_corpus(pd.DataFrame({"article_id": ["x"]}))


def test_find_number_mentions_matches_the_table():
    text = "يوجد 2500 جندي أمريكي في العراق"
    records = find_number_mentions(text)
    assert [(m.surface, m.value) for m in records] == [("2500 جندي", 2500)]


# ------------------------------------------------------------------------------------------
# The seed corpus: every US troop-level claim with the right value, qualifier and place, and
# no date, year or duration reported as a count.

EXPECTED_SEED_LEVELS = [
    ("002", 2500, "approx", "iraq"),
    ("002", 900, "approx", "syria"),
    ("003", 2500, "at_least", "iraq"),
]


@pytest.fixture(scope="module")
def seed_mentions() -> pd.DataFrame:
    files = sorted(paths.raw_dir().glob("*.txt"))
    assert files, f"no seed articles in {paths.raw_dir()}"
    articles = pd.DataFrame({
        "article_id": [f.name.split("_")[0] for f in files],
        "text": [f.read_text(encoding="utf-8") for f in files],
    })
    return extract_numbers_corpus(articles)


def test_seed_us_troop_level_claims(seed_mentions):
    levels = seed_mentions[seed_mentions["is_us_troop_level"]]
    got = levels[["article_id", "value", "qualifier", "where"]].values.tolist()
    assert [tuple(r) for r in got] == EXPECTED_SEED_LEVELS


def test_seed_deployment_of_275_is_a_us_count_but_not_a_level(seed_mentions):
    row = seed_mentions[(seed_mentions["article_id"] == "000") & (seed_mentions["value"] == 275)].iloc[0]
    assert (row["qualifier"], row["unit"], row["who"], row["where"], bool(row["is_us_troop_level"])) == (
        "approx", "personnel", "us", "iraq", False)


@pytest.mark.parametrize("article_id, marker, kind", [
    ("002", "2014", "year"),
    ("002", "الـ24", "duration"),
    ("003", "فبراير", "date"),
    ("003", "الثلاثة", "duration"),
    ("003", "العشر", "duration"),
    ("004", "كانون", "date"),
    ("001", "والعشرين", "date"),
])
def test_seed_dates_years_durations_are_not_counts(seed_mentions, article_id, marker, kind):
    rows = seed_mentions[(seed_mentions["article_id"] == article_id)
                         & seed_mentions["surface"].str.contains(marker, regex=False)]
    assert not rows.empty, f"nothing containing {marker!r} found in article {article_id}"
    assert set(rows["kind"]) == {kind}


# ------------------------------------------------------------------------------------------
# helpers.numbers_levels: the reference series and the claims beside it

from helpers import numbers_levels  # noqa: E402


def test_reference_levels_file_is_complete_and_sourced():
    ref = numbers_levels.load_reference_levels()
    assert list(ref.columns[:1]) == ["date"] and set(numbers_levels.REFERENCE_COLUMNS) <= set(ref.columns)
    assert ref["source"].str.strip().ne("").all()
    rows_2024 = ref[ref["date"] == "2024"][["place", "figure"]].values.tolist()
    assert rows_2024 == [["iraq", 2500], ["syria", 900]]
    event = ref[ref["date"] == "2024-09-27"].iloc[0]
    assert pd.isna(event["figure"]) and event["qualifier"] == "event"


def test_reference_steps_hold_the_last_figure():
    steps = numbers_levels.reference_steps(numbers_levels.load_reference_levels(), "iraq", end="2025-01-01")
    assert steps["figure"].tolist() == [275, 300, 3100, 3550, 5262, 5200, 3000, 2500, 2500, 2500]
    assert steps["when"].iloc[-1] == pd.Timestamp("2025-01-01")


@pytest.mark.parametrize("published, text, reference_figure, difference", [
    ("2021-06-01", "يتمركز نحو 3000 جندي أمريكي في العراق", 2500, 500),
    ("2019-05-01", "يوجد 5000 جندي أمريكي في العراق", 5262, -262),
    ("2024-03-01", "يوجد 900 جندي أمريكي في سوريا", 900, 0),
    ("2014-03-01", "يوجد 100 جندي أمريكي في العراق", None, None),
])
def test_claims_are_set_beside_the_reference_in_force(published, text, reference_figure, difference):
    articles = pd.DataFrame({"article_id": ["x"], "outlet": ["X"], "outlet_ar": ["س"],
                             "published": [published], "text": [text]})
    claims = numbers_levels.troop_level_claims(extract_numbers_corpus(articles), articles)
    assert len(claims) == 1
    assert (_na(claims.loc[0, "reference_figure"]), _na(claims.loc[0, "difference"])) == (
        reference_figure, difference)


def test_us_force_counts_keep_deployments_apart_from_levels():
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["A", "B"], "outlet_ar": ["أ", "ب"],
                             "published": ["2014-06-20", "2024-02-01"],
                             "text": ["إرسال نحو 275 من أفراد الجيش الأمريكي إلى بغداد",
                                      "يوجد نحو 2500 جندي أمريكي في العراق وقتل 3 جنود"]})
    counts = numbers_levels.us_force_counts(extract_numbers_corpus(articles), articles)
    assert counts[["article_id", "value", "is_us_troop_level"]].values.tolist() == [
        ["a", 275, False], ["b", 2500, True]]
