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
    # --- vague quantities (issue 12: value = lower bound, value_high = upper bound; a vague
    # --- count of US forces with a presence cue is a level) ----------------------------------
    ("قتل عشرات المدنيين في القصف", 10, 99, "count", "vague", "killed", False),
    ("وصل مئات الجنود الأمريكيين إلى أربيل", 100, 999, "count", "vague", "troops", False),
    ("فر آلاف المدنيين من المدينة", 1000, 9999, "count", "vague", "civilians", False),
    ("تظاهر عشرات الآلاف من العراقيين", 10000, 99000, "count", "vague", "people", False),
    ("قصفت الطائرات رتلا يضم العشرات من المسلحين", 10, 99, "count", "vague", "militants", False),
    ("ينتشر بضعة آلاف من الجنود الأمريكيين في المنطقة", 3000, 9000, "count", "vague", "troops", True),
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


# ------------------------------------------------------------------------------------------
# Unseen styles and eras: phrases written for the styles the seeds do not cover (occupation-era
# wire copy 2003-2011, Egyptian / Gulf / Levantine / Maghrebi phrasing, hamza-less and ه-for-ة
# spellings, Persian digits, mixed word + digit compounds, two places, colloquial hundreds).
# Each row gives the whole reading of the FIRST mention, who and where included.
#
# Two places joined by و (في العراق وسوريا) give where = both, joined by "+" in alphabetical
# order ("iraq+syria"): a combined figure is kept as such and is never set beside the figure
# of one of the two places.

# phrase, value, value_high, kind, qualifier, unit, who, where, is_us_troop_level
UNSEEN_STYLES = [
    # --- occupation era (2003-2011) -----------------------------------------------------------
    ("يبلغ عدد القوات الأمريكية في العراق نحو 130 ألف جندي", 130000, NA, "count", "approx", "troops", "us", "iraq", True),
    ("أعلن البنتاغون سحب 50 ألف جندي أمريكي بحلول أغسطس", 50000, NA, "count", "exact", "troops", "us", NA, False),
    ("القوات الأمريكية البالغ عددها 160 ألفاً في العراق", 160000, NA, "count", "exact", "troops", "us", "iraq", True),
    ("أكثر من 4400 جندي أمريكي قتلوا منذ عام 2003", 4400, NA, "count", "at_least", "killed", "us", NA, False),
    ("نشر لواء قوامه 3500 جندي في محافظة الأنبار", 3500, NA, "count", "exact", "troops", NA, "iraq", False),
    ("تحتفظ واشنطن بقرابة 140 ألف جندي في العراق حتى نهاية العام", 140000, NA, "count", "approx", "troops", "us", "iraq",
     True),
    ("وصل عدد القوات الأميركية إلى ذروته عند 170 ألف جندي عام 2007", 170000, NA, "count", "exact", "troops", "us", NA, True),
    ("وكان عدد القوات الأمريكية قد بلغ 166 ألفا في ذروة زيادة عام 2007", 166000, NA, "count", "exact", "troops", "us", NA,
     True),
    ("أرسلت الولايات المتحدة 20 ألف جندي إضافي ضمن خطة زيادة القوات", 20000, NA, "count", "exact", "troops", "us", NA,
     False),
    ("قتل جنديان أمريكيان بانفجار عبوة ناسفة شمال بغداد", 2, NA, "count", "exact", "killed", "us", "iraq", False),
    ("سقط أكثر من 4000 قتيل أمريكي في العراق منذ الغزو", 4000, NA, "count", "at_least", "killed", "us", "iraq", False),
    ("يعمل في العراق أكثر من 100 ألف متعاقد أمريكي", 100000, NA, "count", "at_least", "contractors", "us", "iraq", False),
    ("أرسلت بريطانيا 400 جندي إلى العراق", 400, NA, "count", "exact", "troops", "other", "iraq", False),
    ("ينتشر 800 جندي بريطاني في البصرة", 800, NA, "count", "exact", "troops", "other", "iraq", False),
    ("تحتفظ فرنسا بـ600 جندي في العراق ضمن التحالف", 600, NA, "count", "exact", "troops", "other", "iraq", False),
    ("وصلت تعزيزات أمريكية قوامها 3 آلاف جندي إلى الكويت", 3000, NA, "count", "exact", "troops", "us", "kuwait", False),
    # --- mixed word / digit compounds, fractions, colloquial hundreds -------------------------
    ("تضم القاعدة خمسة آلاف و500 جندي أمريكي", 5500, NA, "count", "exact", "troops", "us", NA, True),
    ("يبلغ قوام القوة الأمريكية عشرة آلاف و٢٠٠ جندي", 10200, NA, "count", "exact", "troops", "us", NA, True),
    ("يبقى في سوريا 3 آلاف و500 جندي أمريكي", 3500, NA, "count", "exact", "troops", "us", "syria", True),
    ("يبقى في العراق ألفان وخمسمئة مستشار أمريكي", 2500, NA, "count", "exact", "advisers", "us", "iraq", True),
    ("يبلغ تعداد القوات الأميركية المتبقية في العراق ألفين وخمسمئة جندي", 2500, NA, "count", "exact", "troops", "us",
     "iraq", True),
    ("طالبوا بانسحاب الفين وخمسمايه جندي امريكي من العراق", 2500, NA, "count", "exact", "troops", "us", "iraq", True),
    ("يتمركز ألف ومئتا جندي أمريكي في أربيل", 1200, NA, "count", "exact", "troops", "us", "iraq", True),
    ("وصل 2.5 ألف جندي أمريكي إلى الكويت", 2500, NA, "count", "exact", "troops", "us", "kuwait", False),
    ("يعمل ثلاثة آلاف مستشار أمريكي في العراق", 3000, NA, "count", "exact", "advisers", "us", "iraq", True),
    ("نزح مليونان ونصف مليون عراقي عن ديارهم", 2500000, NA, "count", "exact", "people", "iraq", NA, False),
    ("نزح نحو ربع مليون شخص من المدينة", 250000, NA, "count", "approx", "people", NA, NA, False),
    ("أصيب مئتان وخمسون جنديا في المعارك", 250, NA, "count", "exact", "wounded", NA, NA, False),
    ("أقل من ألف جندي أمريكي سيبقون في العراق", 1000, NA, "count", "at_most", "troops", "us", "iraq", True),
    ("يتمركز ١٥٠٠٠ جندي أمريكي في الكويت", 15000, NA, "count", "exact", "troops", "us", "kuwait", True),
    ("يتواجد ۱۲۰۰ جندي أمريكي في قاعدة حرير", 1200, NA, "count", "exact", "troops", "us", "iraq", True),
    # --- places: Kurdistan, bases, Gulf, Jordan, two places --------------------------------------
    ("ينتشر نحو 3400 جندي أمريكي في العراق وسوريا", 3400, NA, "count", "approx", "troops", "us", "iraq+syria", True),
    ("في العراق وسوريا ينتشر نحو 3400 جندي أمريكي", 3400, NA, "count", "approx", "troops", "us", "iraq+syria", True),
    ("يتمركز نحو 2500 جندي أمريكي في العراق والكويت", 2500, NA, "count", "approx", "troops", "us", "iraq+kuwait", True),
    ("يتمركز 700 جندي أمريكي في أربيل وكردستان", 700, NA, "count", "exact", "troops", "us", "iraq", True),
    ("يتمركز نحو 2000 جندي أمريكي في إقليم كردستان العراق", 2000, NA, "count", "approx", "troops", "us", "iraq", True),
    ("يتمركز 1500 عسكري أمريكي في قاعدة عين الأسد غربي الأنبار", 1500, NA, "count", "exact", "troops", "us", "iraq", True),
    ("القوات الأمريكية الموجودة في قاعدة حرير والبالغ عددها 1000 جندي", 1000, NA, "count", "exact", "troops", "us", "iraq",
     True),
    ("في أربيل يتمركز ٩٠٠ جندي من التحالف الدولي", 900, NA, "count", "exact", "troops", "coalition", "iraq", True),
    ("ما زال نحو 4 آلاف جندي أمريكي متمركزين في الكويت", 4000, NA, "count", "approx", "troops", "us", "kuwait", True),
    ("ينتشر نحو 13500 جندي أمريكي في الكويت", 13500, NA, "count", "approx", "troops", "us", "kuwait", True),
    ("يوجد حوالي 3000 جندي أمريكي في الأردن", 3000, NA, "count", "approx", "troops", "us", "jordan", True),
    ("ينتشر في الأردن قرابة ثلاثة آلاف جندي أمريكي", 3000, NA, "count", "approx", "troops", "us", "jordan", True),
    ("بلغ عدد العسكريين الأمريكيين في البحرين قرابة 7 آلاف عسكري", 7000, NA, "count", "approx", "troops", "us", "bahrain",
     True),
    ("تضم قاعدة العديد نحو 10 آلاف عسكري أمريكي", 10000, NA, "count", "approx", "troops", "us", NA, True),
    ("ينتشر نحو 5 آلاف جندي تركي في شمال العراق", 5000, NA, "count", "approx", "troops", "other", "iraq", False),
    ("تنشر إيران نحو 3000 مستشار عسكري في سوريا", 3000, NA, "count", "approx", "advisers", "iran", "syria", False),
    # --- outlets' phrasing and spellings ---------------------------------------------------------
    ("وده معناه إن فيه حوالي ٢٥٠٠ عسكري أمريكي في العراق", 2500, NA, "count", "approx", "troops", "us", "iraq", True),
    ("في عنا هلق شي 900 جندي أمريكي بسوريا", 900, NA, "count", "exact", "troops", "us", "syria", True),
    ("ينتشر حوالي 2500 جندي أمريكي بالعراق", 2500, NA, "count", "approx", "troops", "us", "iraq", True),
    ("اكثر من الفين جندي امريكي متواجدين في العراق", 2000, NA, "count", "at_least", "troops", "us", "iraq", True),
    ("ارسلت الاداره الامريكيه ثلاثه الاف جندي اضافي الي المنطقه", 3000, NA, "count", "exact", "troops", "us", "region",
     False),
    ("بلغ عدد افراد القوه الامريكيه في العراق 2500 فرد", 2500, NA, "count", "exact", "personnel", "us", "iraq", True),
    ("القوات الأمريكية عددها حوالي ٢٥٠٠ جندي في العراق", 2500, NA, "count", "approx", "troops", "us", "iraq", True),
    ("يخدم حاليا نحو 2,500 من أفراد القوات الأمريكية في العراق", 2500, NA, "count", "approx", "personnel", "us", "iraq",
     True),
    ("تنتشر قوات أمريكية قوامها نحو 900 عنصر في شمال شرقي سوريا", 900, NA, "count", "approx", "personnel", "us", "syria",
     True),
    ("أعلنت وزارة الدفاع الأمريكية أنها ستخفض عديد قواتها في العراق إلى 2500 عسكري", 2500, NA, "count", "exact", "troops",
     "us", "iraq", True),
    ("كشف مسؤول أن عدد الجنود الأمريكيين المنتشرين في العراق انخفض إلى 2000 جندي", 2000, NA, "count", "exact", "troops",
     "us", "iraq", True),
    ("أعلن التحالف أن قواته البالغة 80 ألف عنصر باقية في البلاد", 80000, NA, "count", "exact", "personnel", "coalition",
     NA, True),
    ("قررت واشنطن الإبقاء على 2500 جندي في العراق", 2500, NA, "count", "exact", "troops", "us", "iraq", True),
    ("انسحاب القوات الأمريكية البالغ عددها 2500 جندي من العراق", 2500, NA, "count", "exact", "troops", "us", "iraq", True),
    ("سيغادر 1000 جندي أمريكي العراق بحلول نهاية العام", 1000, NA, "count", "exact", "troops", "us", "iraq", False),
    # --- qualifiers in other outlets' words --------------------------------------------------------
    ("يبقى في العراق قرابة الـ 2500 جندي أمريكي", 2500, NA, "count", "approx", "troops", "us", "iraq", True),
    ("ينتشر زهاء ألفي جندي أمريكي في سوريا", 2000, NA, "count", "approx", "troops", "us", "syria", True),
    ("يبقى نحو ألفي عسكري أمريكي في العراق", 2000, NA, "count", "approx", "troops", "us", "iraq", True),
    ("يتواجد بحدود 2500 جندي أمريكي في العراق", 2500, NA, "count", "approx", "troops", "us", "iraq", True),
    ("يوجد أزيد من 2000 جندي أمريكي في العراق", 2000, NA, "count", "at_least", "troops", "us", "iraq", True),
    ("يتمركز ما ينوف على 3000 جندي أمريكي في العراق", 3000, NA, "count", "at_least", "troops", "us", "iraq", True),
    # --- ranges and changes -------------------------------------------------------------------------
    ("ما بين 2000 إلى 2500 جندي أمريكي في العراق", 2000, 2500, "count", "exact", "troops", "us", "iraq", True),
    ("يتراوح عدد الجنود الأمريكيين في سوريا بين 900 و1000 جندي", 900, 1000, "count", "exact", "troops", "us", "syria",
     True),
    ("ينتشر 2500-3000 جندي أمريكي في العراق", 2500, 3000, "count", "exact", "troops", "us", "iraq", True),
    ("يقدر عددهم بين ٢٠ و٣٠ ألف مقاتل", 20000, 30000, "count", "exact", "fighters", NA, NA, False),
    ("قلصت واشنطن عدد قواتها في العراق من 5200 إلى 3000 عسكري", 5200, NA, "count", "exact", "troops", "us", "iraq", True),
    # --- casualties, captives, vague -----------------------------------------------------------------
    ("قتل 3 جنود أمريكيين وجرح 5 آخرون في هجوم بالعبوات الناسفة", 3, NA, "count", "exact", "killed", "us", NA, False),
    ("أصيب ستة من الجنود الأمريكيين بجروح طفيفة", 6, NA, "count", "exact", "wounded", "us", NA, False),
    ("قتل جندي أمريكي وأصيب ثلاثة آخرون في هجوم صاروخي", 3, NA, "count", "exact", "wounded", NA, NA, False),
    ("أعلن الجيش مقتل 1500 عنصر من داعش", 1500, NA, "count", "exact", "killed", "isis", NA, False),
    ("وأسرت الفصائل جنديين أمريكيين", 2, NA, "count", "exact", "troops", "us", NA, False),
    ("بقي بضع مئات من الجنود الأمريكيين في سوريا", 300, 900, "count", "vague", "troops", "us", "syria", True),
    ("شارك الآلاف من الجنود في المناورات", 1000, 9999, "count", "vague", "troops", NA, NA, False),
    ("تشارك 300 طائرة في العملية", 300, NA, "count", "exact", "aircraft", NA, NA, False),
    ("قتل 40 مدنيا وأصيب العشرات", 40, NA, "count", "exact", "killed", NA, NA, False),
    ("أفرج عن ٤ معتقلين أمريكيين", 4, NA, "count", "exact", "arrested", "us", NA, False),
    ("أسقطت الدفاعات طائرتين مسيرتين", 2, NA, "count", "exact", "aircraft", NA, NA, False),
    ("أطلقت الفصائل 3 صواريخ كاتيوشا", 3, NA, "count", "exact", "rockets", NA, NA, False),
    # --- the number after its noun, larger compounds, qualifiers after the noun -----------------
    ("ينتشر الجنود الأمريكيون الـ2500 في العراق", 2500, NA, "count", "exact", "troops", "us", "iraq", True),
    ("تتمركز القوات الأمريكية الـ900 في سوريا", 900, NA, "count", "exact", "troops", "us", "syria", True),
    ("مقتل الجنود الثلاثة في الهجوم", 3, NA, "count", "exact", "killed", NA, NA, False),
    ("يتوزع الجنود على ثماني قواعد", 8, NA, "count", "exact", "bases", NA, NA, False),
    ("تضم القاعدة ثلاثمئة جندي أمريكي", 300, NA, "count", "exact", "troops", "us", NA, True),
    ("تضم القاعدة مائتا جندي أمريكي", 200, NA, "count", "exact", "troops", "us", NA, True),
    ("يبلغ عددهم ثلاثة آلاف وخمسمائة وخمسين جنديا", 3550, NA, "count", "exact", "troops", NA, NA, False),
    ("يتمركز نحو ألفين وخمسمائة جندي أمريكي في قاعدتي عين الأسد وحرير", 2500, NA, "count", "approx", "troops", "us",
     "iraq", True),
    ("ينتشر ألفين و500 عنصر أمريكي في العراق", 2500, NA, "count", "exact", "personnel", "us", "iraq", True),
    ("نزح مليون و200 ألف شخص", 1200000, NA, "count", "exact", "people", NA, NA, False),
    ("يقدر عدد النازحين بـ1 مليون و200 ألف نازح", 1200000, NA, "count", "exact", "displaced", NA, NA, False),
    ("وصل ٢,٥ ألف جندي أمريكي إلى المنطقة", 2500, NA, "count", "exact", "troops", "us", "region", False),
    ("يتمركز 2500 جندي أمريكي أو يزيد في العراق", 2500, NA, "count", "at_least", "troops", "us", "iraq", True),
    ("يتمركز 2500 جندي أمريكي ونيف في العراق", 2500, NA, "count", "at_least", "troops", "us", "iraq", True),
    ("يوجد 500 من عناصر المارينز في الأنبار", 500, NA, "count", "exact", "personnel", "us", "iraq", True),
    ("يوجد 2500 من الجنود الأمريكيين في العراق", 2500, NA, "count", "exact", "troops", "us", "iraq", True),
    # --- levels stated in other ways ---------------------------------------------------------------
    ("وفق أرقام البنتاغون، يبلغ عدد الجنود الأمريكيين في العراق 2500 جندي", 2500, NA, "count", "exact", "troops", "us",
     "iraq", True),
    ("تنشر الولايات المتحدة نحو 2500 جندي في العراق", 2500, NA, "count", "approx", "troops", "us", "iraq", True),
    ("للولايات المتحدة نحو 2500 جندي في العراق", 2500, NA, "count", "approx", "troops", "us", "iraq", True),
    ("لدى الجيش الأمريكي 2500 عسكري في العراق", 2500, NA, "count", "exact", "troops", "us", "iraq", True),
    ("عديد القوات الأمريكية في العراق يبلغ 2500", 2500, NA, "count", "exact", "troops", "us", "iraq", True),
    ("ويقدر عدد الجنود الأمريكيين في سوريا بنحو 900 جندي", 900, NA, "count", "approx", "troops", "us", "syria", True),
    ("تشير التقديرات إلى وجود نحو 2500 جندي أمريكي في العراق", 2500, NA, "count", "approx", "troops", "us", "iraq", True),
    ("قوات التحالف، التي يبلغ قوامها نحو 4 آلاف عنصر", 4000, NA, "count", "approx", "personnel", "coalition", NA, True),
    ("يتمركز جنود أمريكيون يقدر عددهم بنحو 900 جندي في سوريا", 900, NA, "count", "approx", "troops", "us", "syria", True),
    ("أكد أن عدد القوات الأمريكية لن يتجاوز 2500 جندي", 2500, NA, "count", "at_most", "troops", "us", NA, True),
    ("في قاعدة عين الأسد وحدها يتمركز 1500 جندي أمريكي", 1500, NA, "count", "exact", "troops", "us", "iraq", True),
    ("يقدر عدد المستشارين الأمريكيين في بغداد بـ300 مستشار", 300, NA, "count", "exact", "advisers", "us", "iraq", True),
    ("إعادة نشر 1000 جندي أمريكي من سوريا إلى العراق", 1000, NA, "count", "exact", "troops", "us", "syria", False),
    ("وأرسلت واشنطن حاملة طائرات وألفي جندي إلى المنطقة", 2000, NA, "count", "exact", "troops", "us", "region", False),
    ("وصل المئات من الجنود الأمريكيين إلى أربيل", 100, 999, "count", "vague", "troops", "us", "iraq", False),
]


@pytest.mark.parametrize("phrase, value, value_high, kind, qualifier, unit, who, where, us_level", UNSEEN_STYLES,
                         ids=[f"u{n:03d}" for n in range(len(UNSEEN_STYLES))])
def test_unseen_styles_first_mention(phrase, value, value_high, kind, qualifier, unit, who, where, us_level):
    row = _first(phrase)
    got = (_na(row["value"]), _na(row["value_high"]), row["kind"], _na(row["qualifier"]), _na(row["unit"]),
           _na(row["who"]), _na(row["where"]), bool(row["is_us_troop_level"]))
    assert got == (value, value_high, kind, qualifier, unit, who, where, us_level)


# Numbers that are not counts, in unseen phrasing: (phrase, kind, value) of the first mention;
# no mention of the phrase may be a count.
UNSEEN_NOT_COUNTS = [
    ("نص القرار 2334 على ذلك", "other", 2334),
    ("وفق الفقرة 3 من المادة 61", "other", 3),
    ("المادة 140 من الدستور", "other", 140),
    ("قرار مجلس الأمن رقم 2107", "other", 2107),
    ("الأمر التنفيذي رقم 13224", "other", 13224),
    ("الطريق السريع رقم 1", "other", 1),
    ("الحلقة 3 من المسلسل", "other", 3),
    ("الفرقة 82 المحمولة جوا", "other", 82),
    ("للاستفسار يرجى الاتصال على الرقم 07901234567", "other", NA),
    ("للتواصل: +964 770 123 4567", "other", NA),
    ("حلقت الطائرة F-16 فوق القاعدة", "other", 16),
    ("قصفت طائرات MQ-9 ريبر موقعا", "other", 9),
    ("طائرة سي-130 للنقل", "other", 130),
    ("إس-400 الروسية", "other", 400),
    ("صواريخ كاتيوشا عيار 107 ملم", "other", 107),
    ("على بعد 20 كيلومترا من القاعدة", "other", 20),
    ("تفشي فيروس كورونا 19 في المعسكر", "other", 19),
    ("ارتفعت الإصابات بكوفيد-19", "other", 19),
    ("وقع الانفجار الساعة 10:30 صباحا", "time", 10),
    ("قال في تغريدة نشرها الساعة 9 مساء", "time", 9),
    ("وقع الهجوم في الساعة الثالثة فجرا", "time", 3),
    ("بنسبة %40 من الأصوات", "percent", 40),
    ("ارتفعت الأسعار بنسبة ٪٢٠", "percent", 20),
    ("بنسبة 75 %", "percent", 75),
    ("خصص الكونغرس 5 ملايين دولار", "money", 5000000),
    ("أكثر من 3 مليارات دولار", "money", 3000000000),
    ("بقيمة 500 ألف دينار", "money", 500000),
    ("ارتفع الدولار إلى 1500 دينار", "money", 1500),
    ("بلغت الكلفة تريليون دولار", "money", 1000000000000),
    ("في 15 رمضان 1445 هـ", "date", 15),
    ("صدر البيان الأربعاء 3 يناير", "date", 3),
    ("الثلاثاء، 16 يناير 2024", "date", 16),
    ("يوم السبت 5 أيار/مايو", "date", 5),
    ("صباح الجمعة 17 تشرين الثاني", "date", 17),
    ("في 15 جوان 2014 سقطت الموصل", "date", 15),
    ("يوم 3 ماي الجاري", "date", 3),
    ("في 7 أكتوبر 2023 اندلعت الحرب", "date", 7),
    ("وفي 31 ديسمبر/كانون الأول 2011 غادر آخر جندي أمريكي العراق", "date", 31),
    ("في العاشر من محرم", "date", 10),
    ("في 2/3/2020 وقع الهجوم", "date", NA),
    ("بيان صادر في 12/01/2024", "date", NA),
    ("الحرب التي اندلعت سنة 2003", "year", 2003),
    ("في العام 2011 انسحبت القوات", "year", 2011),
    ("بموجب الاتفاقية الأمنية لعام 2008", "year", 2008),
    ("عام 1445 هجرية", "year", 1445),
    ("منذ 2014 والتحالف يقاتل", "year", 2014),
    ("استمرت المعارك 9 أشهر", "duration", 9),
    ("أصدرت المحكمة حكما بالسجن 15 عاما", "duration", 15),
    ("أمهلهم 48 ساعة للمغادرة", "duration", 48),
    ("منذ 20 عاماً والقوات هناك", "duration", 20),
    ("لمدة عامين", "duration", 2),
    ("بدأت المرحلة الثانية من الانسحاب", "ordinal", 2),
    ("في الذكرى العشرين للغزو", "ordinal", 20),
    ("خلال عقد التسعينيات", NA, NA),
    ("في الـ25 من الشهر الجاري", "date", 25),
    ("يوم 12 من الشهر الماضي", "date", 12),
    ("هجمات الـ11 من سبتمبر", "date", 11),
    ("هجمات 11 أيلول", "date", 11),
    ("في تموز/يوليو 2014", "date", 2014),
    ("مطلع العام 2024", "year", 2024),
    ("منتصف 2021", "year", 2021),
    ("عند الساعة الثانية عشرة ظهرا", "time", 12),
    ("الساعة 3:00 فجرا", "time", 3),
    ("طفل عمره 12 عاماً", "duration", 12),
    ("خلال الأعوام العشرين الماضية", "duration", 20),
    ("الدورة الـ30 لمجلس النواب", "ordinal", 30),
    ("المؤتمر العشرين للحزب", "ordinal", 20),
    ("بنسبة 50 بالمائة", "percent", 50),
    ("تبلغ قيمة الصفقة مليار ونصف المليار دولار", "money", 1500000000),
    ("فرضت غرامة بـ500 مليون يورو", "money", 500000000),
]


@pytest.mark.parametrize("phrase, kind, value", UNSEEN_NOT_COUNTS,
                         ids=[f"n{n:03d}" for n in range(len(UNSEEN_NOT_COUNTS))])
def test_unseen_non_counts(phrase, kind, value):
    table = extract_numbers(phrase)
    first = (table.iloc[0]["kind"], _na(table.iloc[0]["value"])) if len(table) else (NA, NA)
    assert first == (kind, value), table[["surface", "kind", "value"]].to_dict("records")
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
    # a name after a word of affiliation is an allegiance, never the place; a place phrase still is
    ("شنت الفصائل المسلحة الموالية لإيران أكثر من 170 هجوماً على القوات الأمريكية", None, None),
    ("تبنت الفصائل المدعومة من قبل إيران 40 هجوما", None, None),
    ("أطلقت ميليشيات حليفة لسوريا 20 صاروخا على القاعدة", None, None),
    ("قالت مصادر مقربة من طهران إن 300 مستشار عسكري وصلوا", None, None),
    ("هاجمت الجماعات الموالية لإيران وسوريا 3 قواعد", None, None),
    ("انتشر 500 مقاتل موالين لإيران", "iran", None),
    ("انتشر 500 مقاتل موالين لإيران في دير الزور", "iran", "syria"),
    ("اعتقلت القوات 12 عنصرا من الفصائل الموالية لإيران في البصرة", "factions", "iraq"),
    ("قتل 4 عناصر من كتائب حزب الله التابعه لايران في غارة على الأنبار", "factions", "iraq"),
    ("نفذ وكلاء إيران في المنطقة 150 هجوما", None, "region"),
    ("وصل 200 مستشار إيراني إلى طهران", "iran", "iran"),
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
    # unseen styles: a figure per place in two clauses, a part of a whole, a flow and the level it
    # leads to, a change across a year, casualty tolls
    ("قال المتحدث إن عدد القوات الأمريكية في العراق لا يتجاوز 2500 جندي، بينما يبلغ عددها في سوريا نحو 900",
     [(2500, "at_most", "troops", "us", "iraq", True), (900, "approx", "troops", "us", "syria", True)]),
    ("ينتشر في سوريا 900 جندي أمريكي، وفي العراق 2500",
     [(900, "exact", "troops", "us", "syria", True), (2500, "exact", "troops", "us", "iraq", True)]),
    ("أعلنت واشنطن أنها ستسحب 500 جندي من أصل 3000 في العراق",
     [(500, "exact", "troops", "us", None, False), (3000, "exact", "troops", "us", "iraq", True)]),
    ("أعلن البنتاغون إرسال 3 آلاف جندي إضافي ليرتفع عدد القوات في العراق إلى 5 آلاف",
     [(3000, "exact", "troops", "us", "iraq", False), (5000, "exact", "troops", "us", "iraq", True)]),
    ("تراجع عدد القوات الأمريكية من 170 ألفاً عام 2007 إلى أقل من 50 ألفاً في 2010",
     [(170000, "exact", "troops", "us", None, True), (50000, "at_most", "troops", "us", None, True)]),
    ("ارتفعت حصيلة ضحايا الهجوم إلى 12 قتيلا و30 جريحا",
     [(12, "exact", "killed", None, None, False), (30, "exact", "wounded", None, None, False)]),
    # "others" (آخرين / آخرون / أخرى) joined to the previous count by و / أو / comma / إضافة إلى
    # takes its level decision, unless it has a cue of its own; alone it means "more" (a flow)
    ("ستحتفظ الولايات المتحدة بنحو ٢٥٠٠ جندي في العراق وحوالي 900 آخرين في سوريا",
     [(2500, "approx", "troops", "us", "iraq", True), (900, "approx", "troops", "us", "syria", True)]),
    ("يوجد 2500 جندي أمريكي في العراق، و900 آخرون في سوريا",
     [(2500, "exact", "troops", "us", "iraq", True), (900, "exact", "troops", "us", "syria", True)]),
    ("ينتشر نحو الفي عسكري امريكي في العراق واكثر من ٨٠٠ اخرين في سوريه",
     [(2000, "approx", "troops", "us", "iraq", True), (800, "at_least", "troops", "us", "syria", True)]),
    ("يتمركز ألفان وخمسمائة جندي أمريكي في العراق وتسعمائة آخرون في سوريا",
     [(2500, "exact", "troops", "us", "iraq", True), (900, "exact", "troops", "us", "syria", True)]),
    ("تحتفظ واشنطن بقرابة 2500 جندي في العراق، إضافة إلى 900 آخرين في سوريا",
     [(2500, "approx", "troops", "us", "iraq", True), (900, "exact", "troops", "us", "syria", True)]),
    ("يوجد نحو 3500 عنصر من قوات التحالف الدولي في العراق و2000 آخرين في سوريا",
     [(3500, "approx", "personnel", "coalition", "iraq", True),
      (2000, "approx", "personnel", "coalition", "syria", True)]),
    ("أرسلت واشنطن 2500 جندي إلى العراق و900 آخرين إلى الكويت",
     [(2500, "exact", "troops", "us", "iraq", False), (900, "exact", "troops", "us", "kuwait", False)]),
    ("يوجد 2500 جندي أمريكي في العراق، وأرسلت واشنطن 900 آخرين إلى سوريا",
     [(2500, "exact", "troops", "us", "iraq", True), (900, "exact", "troops", "us", "syria", False)]),
    ("وصل 300 جندي امريكي الى قاعدة عين الاسد ويتوقع وصول 200 اخرين",
     [(300, "exact", "troops", "us", "iraq", False), (200, "exact", "troops", "us", "iraq", False)]),
    ("نشرت واشنطن 2500 جندي في العراق، ثم 900 آخرين في سوريا",
     [(2500, "exact", "troops", "us", "iraq", True), (900, "exact", "troops", "us", "syria", False)]),
    ("يوجد 2500 جندي أمريكي في العراق وعشرات آخرون في سوريا",
     [(2500, "exact", "troops", "us", "iraq", True), (10, "vague", "troops", "us", "syria", True)]),
    ("قتل 3 جنود أمريكيين و5 جنود آخرين في الهجوم",
     [(3, "exact", "killed", "us", None, False), (5, "exact", "killed", "us", None, False)]),
    ("قررت وزارة الدفاع إرسال 500 جندي أمريكي آخرين إلى المنطقة",
     [(500, "exact", "troops", "us", "region", False)]),
    ("ينتشر 500 جندي أمريكي آخرون في سوريا",
     [(500, "exact", "troops", "us", "syria", False)]),
    ("تنتشر القوات الأمريكية في 5 قواعد بالعراق و3 أخرى في سوريا",
     [(5, "exact", "bases", None, "iraq", False), (3, "exact", "bases", None, "syria", False)]),
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


def test_offsets_agree_with_the_text_helper():
    """Mentions found on the normalised text are reported at helpers.text's source offsets."""
    from helpers.text import normalize_for_matching, normalize_with_offsets
    rng = random.Random(7)
    alphabet = list("ابتجدرسعفقلمنهوي 0٢") + ["ً", "ّ", "ـ", "…", "أ", "ة", "\u200f", "\u00a0"]
    words = ["جندي", "جنديًّا", "نحوَ", "٢٥٠٠", "3 آلاف", "خمسة", "أمريكيٍّ", "ﻻ", "…", "\u200f"]
    checked = 0
    for _ in range(300):
        text = " ".join(rng.choice(words) if rng.random() < 0.5 else
                        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
                        for _ in range(rng.randint(1, 8)))
        offsets = normalize_with_offsets(text)
        for m in find_number_mentions(text):
            assert offsets.to_source(m.ev.n_start, m.ev.n_end) == (m.start, m.end), (text, m.surface)
            assert m.surface == text[m.start:m.end]
            assert normalize_for_matching(m.surface) == offsets.text[m.ev.n_start:m.ev.n_end]
            checked += 1
    assert checked > 100


def test_columns_and_dtypes():
    table = extract_numbers("قتل 3 جنود و عشرات المدنيين")
    assert list(table.columns) == COLUMNS
    assert str(table["value"].dtype) == "Int64" and str(table["value_high"].dtype) == "Int64"
    assert table["is_us_troop_level"].dtype == bool
    # a vague quantity holds its bounds (issue 12): عشرات = 10 to 99, qualifier vague
    assert table["value"].tolist() == [3, 10] and table["value_high"].isna().tolist() == [True, False]
    assert table["qualifier"].tolist() == ["exact", "vague"]
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
    # The seeds as fixture text (tests/fixtures/seeds), never corpus/raw: adding articles to the
    # corpus must not change what these tests expect.
    from builders import seed_texts

    texts = seed_texts()
    articles = pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})
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

from helpers import numbers_levels  # noqa: E402  (the thin re-export of helpers.troop_levels)


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
