"""Actor lexicon and matcher (helpers.actors).

Most tests are tables: one row per phrase, the phrase and the mentions expected in it as
(actor_id, surface) pairs. Phrases are written for these tests; a few assertions at the end run
on the seed articles.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from builders import seed_text

from helpers import actors, text
from helpers.actors import (
    actor_article_matrix,
    actor_counts,
    actor_table,
    cooccurrence,
    cooccurrence_matrix,
    find_actor_mentions,
    find_actor_mentions_corpus,
    load_actor_lexicon,
    roll_up,
)


def found(phrase: str) -> list[tuple[str, str]]:
    mentions = find_actor_mentions(phrase)
    # Every mention points at its surface in the phrase: the offsets are into the clean text.
    for surface, start, end in zip(mentions["surface"], mentions["start"], mentions["end"]):
        assert phrase[start:end] == surface
    return list(zip(mentions["actor_id"], mentions["surface"]))


# --------------------------------------------------------------------------------------------
# Matching rules, one table per rule

CLITICS = [
    # phrase, expected mentions
    ("وصلت تعزيزات للجيش الأمريكي", [("us_military", "للجيش الأمريكي")]),
    ("اتصلوا بالبنتاغون مساء", [("us_military", "بالبنتاغون")]),
    ("وواشنطن ترفض ذلك", [("us", "وواشنطن")]),
    ("فلإيران دور في الأزمة", [("iran", "فلإيران")]),
    ("جماعات متطرفة كداعش", [("isis", "كداعش")]),
    ("وللولايات المتحدة مصالح", [("us", "وللولايات المتحدة")]),
    ("فالحشد الشعبي جزء من المنظومة", [("pmf", "فالحشد الشعبي")]),
    ("ويستهدفون وبالقوات الأمريكية", [("us_military", "وبالقوات الأمريكية")]),
    ("قوة منظمة كالحرس الثوري", [("irgc", "كالحرس الثوري")]),
    ("التقى بصدام حسين", [("saddam_hussein", "بصدام حسين")]),
    # ل + اللواء is written للواء: two lams, not three
    ("نقل للواء يحيى رسول", [("yahya_rasool", "للواء يحيى رسول")]),
    ("واللواء يحيى رسول", [("yahya_rasool", "واللواء يحيى رسول")]),
]

BOUNDARIES = [
    # a word that merely contains an alias is not a mention
    ("ميليشيات مدعومة إيرانيًا", [("armed_factions", "ميليشيات")]),
    ("قالت الصحافة الإيرانية", []),
    ("اشتباكات في السليمانية", []),
    ("الفكر الداعشي المتطرف", []),
    ("وزارتي الدفاع والخارجية الأمريكيتين", []),
    ("فريق القسدي", []),
    # names that contain an alias belong to another actor
    ("نقلت صحيفة واشنطن تايمز", [("washington_times", "واشنطن تايمز")]),
    ("أعلن الجيش السوداني", [("sudan", "الجيش السوداني")]),
    # a proclitic-looking first letter of the alias itself is not stripped
    ("قال بايدن", [("biden", "بايدن")]),
    ("واشنطن", [("us", "واشنطن")]),
]

VARIANTS = [
    ("البنتاجون يعلن", [("us_military", "البنتاجون")]),
    ("البنتاغون يعلن", [("us_military", "البنتاغون")]),
    ("البِنْتاغون يعلن", [("us_military", "البِنْتاغون")]),
    ("القوات الامريكية", [("us_military", "القوات الامريكية")]),
    ("القوات الأميركية", [("us_military", "القوات الأميركية")]),
    ("القوات الأمريكيه", [("us_military", "القوات الأمريكيه")]),
    ("القوّاتُ الأمريكيّةُ", [("us_military", "القوّاتُ الأمريكيّةُ")]),
    ("القوات الأمريكيـــة", [("us_military", "القوات الأمريكيـــة")]),
    ("عناصر داشع", [("isis", "داشع")]),
    ("أمريكا وامريكا وأميركا", [("us", "أمريكا"), ("us", "وامريكا"), ("us", "وأميركا")]),
    ("اسرائيل", [("israel", "اسرائيل")]),
    # في العراق is a place, not an actor mention (it moved to PLACES_MOVED below)
    ("تنظيم “الدولة الإسلامية” في العراق", [("isis", "تنظيم “الدولة الإسلامية")]),
    ("تنظيم  الدولة", [("isis", "تنظيم  الدولة")]),
    ("يحيى رسول", [("yahya_rasool", "يحيى رسول")]),
    ("يحيي رسول", [("yahya_rasool", "يحيي رسول")]),
    ("جو بايدن", [("biden", "جو بايدن")]),
    ("الحكومة العراقية\u00a0تنفي…", [("iraq_gov", "الحكومة العراقية")]),
    ("ﻻ تتحدث الحكومة العراقية", [("iraq_gov", "الحكومة العراقية")]),
]

OVERLAPS = [
    ("أعلنت كتائب حزب الله", [("kataib_hezbollah", "كتائب حزب الله")]),
    ("حزب الله اللبناني", [("hezbollah", "حزب الله اللبناني")]),
    ("حزب الله", [("hezbollah", "حزب الله")]),
    ("انتشر الجيش العراقي", [("iraqi_forces", "الجيش العراقي")]),
    ("غادرت القوات الأمريكية", [("us_military", "القوات الأمريكية")]),
    ("قوات سوريا الديمقراطية", [("sdf", "قوات سوريا الديمقراطية")]),
    ("الدولة الإسلامية في العراق والشام", [("isis", "الدولة الإسلامية في العراق والشام")]),
    ("رئيس إقليم كردستان", [("kurdistan_region", "إقليم كردستان")]),
    ("صوت مجلس النواب الأمريكي", [("us_congress", "مجلس النواب الأمريكي")]),
    ("الملف النووي للجمهورية الإسلامية", [("iran", "للجمهورية الإسلامية")]),
    ("وزارة الخارجية الأمريكية", [("us_state_dept", "وزارة الخارجية الأمريكية")]),
]

BRACKETS = [
    ("أعلنت وزارة الدفاع الأمريكية (البنتاغون) أمس", [("us_military", "وزارة الدفاع الأمريكية (البنتاغون)")]),
    ("البنتاغون (وزارة الدفاع الأمريكية)", [("us_military", "البنتاغون (وزارة الدفاع الأمريكية)")]),
    ("“قوات سوريا الديمقراطية” (قسد) تقاتل", [("sdf", "قوات سوريا الديمقراطية” (قسد)")]),
    ("حركة النجباء ( النجباء )", [("nujaba", "حركة النجباء ( النجباء )")]),
    # bracketed child of the actor: one mention of the more specific actor
    ("الفصائل المسلحة (كتائب حزب الله)", [("kataib_hezbollah", "الفصائل المسلحة (كتائب حزب الله)")]),
    # unrelated actors in brackets stay two mentions
    ("الحشد الشعبي (إيران)", [("pmf", "الحشد الشعبي"), ("iran", "إيران")]),
    # no closing bracket: two mentions
    ("وزارة الدفاع الأمريكية (البنتاغون", [("us_military", "وزارة الدفاع الأمريكية"), ("us_military", "البنتاغون")]),
    # words between alias and bracket: two mentions
    ("وزارة الدفاع الأمريكية التي تعرف (البنتاغون)", [("us_military", "وزارة الدفاع الأمريكية"), ("us_military", "البنتاغون")]),
]

TITLES = [
    ("قال الرئيس الأمريكي جو بايدن", [("biden", "الرئيس الأمريكي جو بايدن")]),
    ("وزير الدفاع الأميركي، لويد أوستن، قال", [("austin", "وزير الدفاع الأميركي، لويد أوستن")]),
    ("رئيس الوزراء العراقي محمد شياع السوداني", [("al_sudani", "رئيس الوزراء العراقي محمد شياع السوداني")]),
    ("رئيس الوزراء العراقي السوداني", [("al_sudani", "رئيس الوزراء العراقي السوداني")]),
    ("رئيس الوزراء العراقي والسوداني", [("iraq_gov", "رئيس الوزراء العراقي"), ("al_sudani", "والسوداني")]),
    # a word between title and name: two mentions
    ("الرئيس الأمريكي السابق باراك أوباما", [("white_house", "الرئيس الأمريكي"), ("obama", "باراك أوباما")]),
    # the name is not under the title's actor: two mentions
    ("رئيس الوزراء العراقي جو بايدن", [("iraq_gov", "رئيس الوزراء العراقي"), ("biden", "جو بايدن")]),
    # a conjunction joins two actors: "the president and Biden" are two mentions
    ("الرئيس الأمريكي وبايدن", [("white_house", "الرئيس الأمريكي"), ("biden", "وبايدن")]),
    # an organisation is not a title: two mentions
    ("المتحدثة باسم البنتاغون، سابرينا سينغ", [("us_military", "البنتاغون"), ("sabrina_singh", "سابرينا سينغ")]),
]

ADJECTIVES = [
    # a nationality adjective describing a person or object is not an actor
    ("قال مسؤول أمريكي رفيع", []),
    ("ذكرت صحيفة أميركية بارزة", []),
    ("جاء الرد الإيراني سريعًا", []),
    ("سقطت طائرة أمريكية", []),
    ("مصادر عراقية مطلعة", []),
    # definite plural after a definite word it qualifies: an adjective
    ("ارتفاع عدد الجرحى الأمريكيين", []),
    ("انسحاب المستشارين العسكريين الأميركيين", []),
    ("ضباط الجيش والضباط البعثيين", []),
    # ... but a noun after a particle or an indefinite word: "the Americans"
    ("الهجمات ضد الأمريكيين", [("us", "الأمريكيين")]),
    ("لا يعتقد أن الأميركيين يريدون الانسحاب", [("us", "الأميركيين")]),
    ("رسالة إلى الأمريكيين", [("us", "الأمريكيين")]),
    ("مباحثات مع الإيرانيين", [("iran", "الإيرانيين")]),
    ("قال الأمريكيون", [("us", "الأمريكيون")]),
    # with a proclitic of its own it is a noun even after a definite word: "and the Iranians"
    ("الأمريكيون والإيرانيون يتفاوضون", [("us", "الأمريكيون"), ("iran", "والإيرانيون")]),
    # armed forces are listed as aliases, so they count even though they contain the adjective
    ("قتل ثلاثة من الجنود الأمريكيين", [("us_military", "الجنود الأمريكيين")]),
    ("نحو 2500 جندي أميركي", [("us_military", "جندي أميركي")]),
    ("أعلن الجيش الأمريكي", [("us_military", "الجيش الأمريكي")]),
]

# Soldiers are the exception to the adjective rule in every number (singular, accusative with
# its tanween alef, dual, plural, definite or not); officials, advisers and diplomats are not.
SOLDIERS = [
    ("مقتل جنديين أمريكيين في هجوم", [("us_military", "جنديين أمريكيين")]),
    ("أصيب جنديان أميركيان", [("us_military", "جنديان أميركيان")]),
    ("نقل الجنديين الأمريكيين إلى ألمانيا", [("us_military", "الجنديين الأمريكيين")]),
    ("وكان الجنديان الأميركيان في دورية", [("us_military", "الجنديان الأميركيان")]),
    ("قتلت الفصائل جنديًا أمريكيًا", [("us_military", "جنديًا أمريكيًا")]),
    ("انسحب جنود أمريكيون من القاعدة", [("us_military", "جنود أمريكيون")]),
    ("وقال الجنود الأميركيون", [("us_military", "الجنود الأميركيون")]),
    ("وصل المارينز إلى السفارة", [("us_military", "المارينز")]),
    ("قوات الاحتلال الأمريكي", [("us_military", "قوات الاحتلال الأمريكي")]),
    # not soldiers: a person described as American is not an actor mention
    ("التقى مسؤولان أمريكيان", []),
    ("وصل دبلوماسيين أميركيين", []),
    ("مستشارين أمريكيين في القاعدة", []),
]

# Lexicon breadth for articles from other years (2003-2025) and outlets, one group per table;
# each group has negative rows for the ordinary Arabic words its aliases resemble.
US_OFFICIALS = [
    ("قرر الرئيس الأمريكي جورج بوش غزو العراق", [("bush", "الرئيس الأمريكي جورج بوش"), ("iraq", "العراق")]),
    ("وقال بوش الأب إن الحرب انتهت", [("bush_senior", "بوش الأب")]),
    ("وكانت إدارة بوش قد قررت", [("white_house", "إدارة بوش")]),
    ("أمر أوباما وترامب وبايدن", [("obama", "أوباما"), ("trump", "وترامب"), ("biden", "وبايدن")]),
    ("صرح وزير الدفاع الأمريكي دونالد رامسفيلد", [("rumsfeld", "وزير الدفاع الأمريكي دونالد رامسفيلد")]),
    ("وقال الجنرال ديفيد بترايوس", [("petraeus", "ديفيد بترايوس")]),
    ("زار ماتيس ثم إسبر بغداد", [("mattis", "ماتيس"), ("esper", "إسبر")]),  # بغداد: a place (PLACES_MOVED)
    ("قال وزير الخارجية الأمريكي مايك بومبيو", [("pompeo", "وزير الخارجية الأمريكي مايك بومبيو")]),
    ("وأكد كيري ثم بلينكن", [("kerry", "كيري"), ("blinken", "بلينكن")]),
    ("قالت السفيرة الأمريكية ألينا رومانوسكي", [("romanowski", "السفيرة الأمريكية ألينا رومانوسكي")]),
    ("استدعت الخارجية السفير الأميركي", [("us_embassy", "السفير الأميركي")]),
    ("تعرضت السفارة الأمريكية في بغداد لهجوم", [("us_embassy", "السفارة الأمريكية")]),  # في بغداد: a place
    ("وبحسب سفارة الولايات المتحدة", [("us_embassy", "سفارة الولايات المتحدة")]),
    ("أصدر الحاكم المدني الأمريكي بول بريمر قرارًا", [("bremer", "الحاكم المدني الأمريكي بول بريمر")]),
    ("حلّت سلطة الائتلاف المؤقتة الجيش العراقي", [("cpa", "سلطة الائتلاف المؤقتة"), ("iraqi_forces", "الجيش العراقي")]),
    # negatives: the embassy of Iraq in Washington is not the US embassy; بوشهر is an Iranian port
    ("سفارة العراق في واشنطن", [("iraq", "العراق")]),  # في واشنطن: a place
    ("ميناء بوشهر الإيراني", []),
    ("قال سفير أمريكي سابق", []),
]

IRAQI_FIGURES = [
    ("أعلن رئيس الوزراء العراقي المالكي", [("al_maliki", "رئيس الوزراء العراقي المالكي")]),
    ("قال نوري المالكي إن", [("al_maliki", "نوري المالكي")]),
    ("وقال المالكي إن", [("al_maliki", "المالكي")]),
    ("حكومة عادل عبد المهدي", [("abdul_mahdi", "عادل عبد المهدي")]),
    ("صوّت البرلمان في عهد عبدالمهدي", [("abdul_mahdi", "عبدالمهدي")]),
    ("وأكد الكاظمي والعبادي", [("al_kadhimi", "الكاظمي"), ("al_abadi", "والعبادي")]),
    ("زعيم التيار الصدري مقتدى الصدر", [("muqtada_al_sadr", "زعيم التيار الصدري مقتدى الصدر")]),
    ("دعا مقتدى الصدر أنصاره", [("muqtada_al_sadr", "مقتدى الصدر")]),
    ("صدر بيان عن التيار الصدري", [("sadrist_movement", "التيار الصدري")]),
    ("انسحب نواب الكتلة الصدرية", [("sadrist_movement", "الكتلة الصدرية")]),
    ("استشهد أبو مهدي المهندس مع سليماني", [("al_muhandis", "أبو مهدي المهندس"), ("soleimani", "سليماني")]),
    ("وقال ابو مهدي المهندس", [("al_muhandis", "ابو مهدي المهندس")]),
    ("هدد قيس الخزعلي القوات الأمريكية", [("khazali", "قيس الخزعلي"), ("us_military", "القوات الأمريكية")]),
    ("منظمة بدر بزعامة هادي العامري", [("badr", "منظمة بدر"), ("hadi_al_amiri", "هادي العامري")]),
    # negatives: nisba, chest, Sadr City, the engineer, Kadhimiya, another Abdul-Mahdi
    ("وفق المذهب المالكي", []),
    ("أصيب برصاصة في الصدر", []),
    ("انفجار في مدينة الصدر", []),
    ("قال المهندس المشرف على المشروع", []),
    ("في مدينة الكاظمية", []),
    ("قال الشيخ عبد المهدي الكربلائي في خطبة الجمعة", [("karbalai", "عبد المهدي الكربلائي")]),
]

GROUPS = [
    ("تنظيم القاعدة في بلاد الرافدين", [("aqi", "تنظيم القاعدة في بلاد الرافدين")]),
    ("بايع الزرقاوي تنظيم القاعدة", [("zarqawi", "الزرقاوي"), ("al_qaeda", "تنظيم القاعدة")]),
    ("مقاتلو القاعدة في بلاد الرافدين", [("aqi", "القاعدة في بلاد الرافدين")]),
    ("قاتل جيش المهدي القوات الأمريكية", [("mahdi_army", "جيش المهدي"), ("us_military", "القوات الأمريكية")]),
    ("انتشرت سرايا السلام في سامراء", [("saraya_al_salam", "سرايا السلام")]),
    ("أعلنت كتائب سيد الشهداء", [("kataib_sayyid_al_shuhada", "كتائب سيد الشهداء")]),
    ("بيان حركة حزب الله النجباء", [("nujaba", "حركة حزب الله النجباء")]),
    ("انتشرت قوات البيشمركة والبشمركة", [("peshmerga", "قوات البيشمركة"), ("peshmerga", "والبشمركة")]),
    # negatives: القاعدة is also "the (military) base" and "the rule"; النجباء "the noble ones"
    ("سقطت صواريخ على القاعدة الجوية", []),
    ("هاجمت الفصائل قاعدة عين الأسد", []),
    ("القاعدة العامة في القانون", []),
    ("استهدفت القاعدة في العراق", []),  # في العراق: a place
    ("كرّمت المدرسة الطلاب النجباء", []),
]

STATES_AND_BODIES = [
    ("توغل الجيش التركي في دهوك", [("turkey", "الجيش التركي")]),
    ("روسيا والكرملين", [("russia", "روسيا"), ("russia", "والكرملين")]),
    ("مع الكويت والأردن والسعودية", [("kuwait", "الكويت"), ("jordan", "والأردن"), ("saudi_arabia", "والسعودية")]),
    ("دعت الأمم المتحدة", [("un", "الأمم المتحدة")]),
    ("بعثة الأمم المتحدة لمساعدة العراق (يونامي)", [("unami", "بعثة الأمم المتحدة لمساعدة العراق (يونامي)")]),
    ("بعثة الناتو في العراق", [("nato_mission_iraq", "بعثة الناتو في العراق")]),
    ("وقال حلف شمال الأطلسي", [("nato", "حلف شمال الأطلسي")]),
    ("حلف الناتو", [("nato", "حلف الناتو")]),
    ("رحب الاتحاد الأوروبي وللاتحاد الأوربي", [("eu", "الاتحاد الأوروبي"), ("eu", "وللاتحاد الأوربي")]),
    # negatives: adjectives and Amman/Oman (spelt alike) are not aliases
    ("وصل وفد تركي إلى عمان", []),
    ("شركة روسية وسفينة كويتية", []),
]


# The place names above that are places, not actors (issue 12): with places=True they are found,
# with role "place", and keep their offsets. Before the metonymy rule they counted as actors
# (بغداد as iraq; it now belongs to iraq_gov, as a metonym of the Iraqi government).
PLACES_MOVED = [
    ("تنظيم “الدولة الإسلامية” في العراق", [("isis", "تنظيم “الدولة الإسلامية", "actor"), ("iraq", "العراق", "place")]),
    ("زار ماتيس ثم إسبر بغداد", [("mattis", "ماتيس", "actor"), ("esper", "إسبر", "actor"), ("iraq_gov", "بغداد", "place")]),
    ("تعرضت السفارة الأمريكية في بغداد لهجوم", [("us_embassy", "السفارة الأمريكية", "actor"), ("iraq_gov", "بغداد", "place")]),
    ("سفارة العراق في واشنطن", [("iraq", "العراق", "actor"), ("us", "واشنطن", "place")]),
    ("استهدفت القاعدة في العراق", [("iraq", "العراق", "place")]),
]


def found_with_roles(phrase: str) -> list[tuple[str, str, str]]:
    mentions = find_actor_mentions(phrase, places=True)
    for surface, start, end in zip(mentions["surface"], mentions["start"], mentions["end"]):
        assert phrase[start:end] == surface
    return list(zip(mentions["actor_id"], mentions["surface"], mentions["role"]))


@pytest.mark.parametrize("phrase, expected", PLACES_MOVED)
def test_places_are_found_with_role_place(phrase: str, expected: list) -> None:
    assert found_with_roles(phrase) == expected


@pytest.mark.parametrize("phrase, expected", CLITICS)
def test_proclitics_do_not_block_a_match(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", BOUNDARIES)
def test_word_boundaries(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", VARIANTS)
def test_spelling_variants_and_normalisation(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", OVERLAPS)
def test_longest_alias_wins(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", BRACKETS)
def test_alias_with_bracketed_alias_is_one_mention(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", TITLES)
def test_title_followed_by_name_is_one_mention(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", ADJECTIVES)
def test_nationality_adjective_rule(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", SOLDIERS)
def test_soldiers_in_any_number_are_the_us_military(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", US_OFFICIALS)
def test_us_presidents_officials_and_embassy(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", IRAQI_FIGURES)
def test_iraqi_prime_ministers_and_figures(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", GROUPS)
def test_armed_groups(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("phrase, expected", STATES_AND_BODIES)
def test_states_and_international_bodies(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


@pytest.mark.parametrize("actor_id, parent, root", [
    ("bush", "white_house", "us"),
    ("rumsfeld", "us_military", "us"),
    ("pompeo", "us_state_dept", "us"),
    ("romanowski", "us_embassy", "us"),
    ("bremer", "cpa", "us"),
    ("al_maliki", "iraq_gov", "iraq"),
    ("peshmerga", "kurdistan_region", "iraq"),
    ("muqtada_al_sadr", "sadrist_movement", "sadrist_movement"),
    ("saraya_al_salam", "sadrist_movement", "sadrist_movement"),
    ("al_muhandis", "pmf", "pmf"),
    ("khazali", "asaib_ahl_al_haq", "armed_factions"),
    ("zarqawi", "aqi", "al_qaeda"),
    ("nato_mission_iraq", "nato", "nato"),
    ("unami", "un", "un"),
])
def test_new_actors_roll_up(actor_id: str, parent: str, root: str) -> None:
    table = actor_table().set_index("actor_id")
    assert (table.loc[actor_id, "parent"], table.loc[actor_id, "root"]) == (parent, root)



def test_mention_columns_and_sentence() -> None:
    phrase = "وصل الوفد.\nوقال البنتاغون إن القوات الأمريكية باقية. انتهى"
    mentions = find_actor_mentions(phrase)
    assert list(mentions.columns) == actors.MENTION_COLUMNS
    assert mentions["sentence"].tolist() == ["وقال البنتاغون إن القوات الأمريكية باقية."] * 2
    assert mentions["sentence_id"].tolist() == [1, 1]
    assert mentions["alias"].tolist() == ["البنتاغون", "القوات الأمريكية"]


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_sentence_ids_agree_with_sentence_containing(prefix: str) -> None:
    raw = seed_text(prefix)
    mentions = find_actor_mentions(raw)
    spans = text.split_sentences(raw)
    assert mentions["sentence_id"].tolist() == [text.sentence_containing(spans, s) for s in mentions["start"]]


def test_no_mentions_gives_typed_empty_frame() -> None:
    mentions = find_actor_mentions("لا شيء هنا")
    assert mentions.empty and list(mentions.columns) == actors.MENTION_COLUMNS
    assert mentions["start"].dtype == "int64"


# --------------------------------------------------------------------------------------------
# Offsets through helpers.text.normalize_with_offsets: the surface is the clean text's span,
# whichever path (vectorised or exact) the normalisation takes

OFFSETS = [
    # phrase, expected mentions
    ("بالقوّاتُ الأمريكيّةُ", [("us_military", "بالقوّاتُ الأمريكيّةُ")]),  # diacritics stay with the last letter
    ("\u200fإيران\u200e تقول", [("iran", "إيران")]),                      # bidi marks left outside
    ("😀 داعش و😀 إيران", [("isis", "داعش"), ("iran", "إيران")]),          # outside the BMP: exact path
    ("ﻻ تريد إيران… ذلك", [("iran", "إيران")]),                            # presentation form and ellipsis
    ("وا\u0654مريكا", [("us", "وا\u0654مريكا")]),                           # decomposed hamza (not NFKC): exact path
    ("", []),
]


@pytest.mark.parametrize("phrase, expected", OFFSETS)
def test_offsets_point_into_the_clean_text(phrase: str, expected: list) -> None:
    assert found(phrase) == expected


# --------------------------------------------------------------------------------------------
# Lexicon

def test_lexicon_covers_the_actors_of_the_issue() -> None:
    lexicon = load_actor_lexicon()
    required = {"us", "us_military", "white_house", "us_state_dept", "iraq_gov", "iraqi_forces",
                "iraqi_parliament", "iran", "isis", "coalition", "armed_factions", "kataib_hezbollah",
                "pmf", "kurdistan_region", "syria", "sdf", "israel", "sistani", "soleimani", "al_sudani",
                "biden", "austin", "sabrina_singh", "marie_harf", "joey_hood", "al_abadi",
                "yahya_rasool", "saddam_hussein"}
    assert required <= set(lexicon["actor_id"])
    assert set(lexicon["type"]) <= actors.ACTOR_TYPES


def test_actor_table_has_one_row_per_actor_with_root() -> None:
    table = actor_table().set_index("actor_id")
    assert table.index.is_unique
    assert table.loc["austin", "root"] == "us" and table.loc["iran", "root"] == "iran"
    assert table.loc["us_military", "n_aliases"] >= 10


HEADER = "actor_id,label_en,label_ar,type,parent,alias,note\n"
GOOD = "us,United States,الولايات المتحدة,state,,أمريكا,\n"
BAD_LEXICONS = [
    # csv body, message expected in the error
    ("actor_id,label_en,type,parent,alias,note\nus,US,state,,أمريكا,\n", "missing column"),
    (GOOD + "us_military,US military,الجيش,army,us,البنتاغون,\n", "line 3.*unknown type 'army'"),
    (GOOD + "us_military,US military,الجيش,military,usa,البنتاغون,\n", "line 3.*parent 'usa' is not an actor_id"),
    (GOOD + "usa,USA,أمريكا,state,,امريكا,\n", "lines 2 and 3.*given to both 'us' and 'usa'"),
    (GOOD + "us,USA,الولايات المتحدة,state,,واشنطن,\n", "lines 2, 3.*different label_en"),
    (GOOD + "us,United States,الولايات المتحدة,state,,,\n", "line 3.*empty alias"),
    (GOOD + "US Army,US,الجيش,military,us,الجيش,\n", "line 3.*lower-case"),
    ("actor_id,label_en,label_ar,type,parent,alias,match_rule,note\n"
     "us,United States,الولايات المتحدة,state,,أمريكا,sometimes,\n", "line 2.*unknown match_rule"),
    ("a,A,أ,state,b,س,\nb,B,ب,state,a,ص,\n", "parent cycle"),
]


@pytest.mark.parametrize("body, message", BAD_LEXICONS)
def test_bad_lexicon_rows_are_named(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(body if body.startswith("actor_id") else HEADER + body, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_actor_lexicon(path)


def test_missing_lexicon_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not found"):
        load_actor_lexicon(tmp_path / "nope.csv")


def test_same_alias_twice_for_one_actor_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(HEADER + GOOD + "us,United States,الولايات المتحدة,state,,امريكا,spelling\n", encoding="utf-8")
    lexicon = load_actor_lexicon(path)
    matcher = actors.compile_actor_matcher(lexicon)
    mentions = find_actor_mentions("قالت امريكا", matcher)
    assert mentions[["actor_id", "alias"]].values.tolist() == [["us", "أمريكا"]]


# --------------------------------------------------------------------------------------------
# Corpus-level mentions and counts

ARTICLES = pd.DataFrame({
    "article_id": ["002", "001"],
    "outlet": ["B", "A"],
    "n_words": [2000, 1000],
    "text": [
        "قال البنتاغون إن إيران تدعم الفصائل المسلحة. وردت إيران.",
        "التقى الرئيس الأمريكي جو بايدن السوداني في البيت الأبيض. وقال بايدن إن القوات الأمريكية باقية.",
    ],
})


def test_corpus_mentions_sorted_with_article_id_first() -> None:
    mentions = find_actor_mentions_corpus(ARTICLES)
    assert list(mentions.columns) == actors.CORPUS_COLUMNS
    assert list(find_actor_mentions_corpus(ARTICLES, sentence=True).columns) == [*actors.CORPUS_COLUMNS, "sentence"]
    assert mentions["article_id"].tolist() == ["001"] * 5 + ["002"] * 4
    assert mentions.groupby("article_id")["start"].apply(lambda s: s.is_monotonic_increasing).all()


def test_counts_per_article_and_per_1000_words() -> None:
    counts = actor_counts(find_actor_mentions_corpus(ARTICLES), ARTICLES, by="article_id")
    row = counts.set_index(["article_id", "actor_id"]).loc[("002", "iran")]
    assert (row["mentions"], row["n_words"], row["per_1000_words"]) == (2, 2000, 1.0)
    assert counts.set_index(["article_id", "actor_id"]).loc[("001", "biden"), "mentions"] == 2


@pytest.mark.parametrize("level, actor_id, mentions", [
    ("actor", "us_military", 2),   # البنتاغون, القوات الأمريكية
    ("parent", "us", 3),           # us_military twice and white_house once, one level up
    ("parent", "white_house", 2),  # biden twice; البيت الأبيض itself moved up to us
    ("root", "us", 5),             # everything American
    ("root", "iraq", 1),           # al-Sudani -> iraq_gov -> iraq
])
def test_counts_roll_up_to_parents_and_roots(level: str, actor_id: str, mentions: int) -> None:
    counts = actor_counts(find_actor_mentions_corpus(ARTICLES), ARTICLES, by=None, level=level)
    assert counts.set_index("actor_id").loc[actor_id, "mentions"] == mentions
    assert counts["n_words"].eq(3000).all()


def test_counts_per_outlet_include_words_of_all_its_articles() -> None:
    arts = pd.concat([ARTICLES, pd.DataFrame({"article_id": ["003"], "outlet": ["A"], "n_words": [1000], "text": ["لا شيء"]})])
    counts = actor_counts(find_actor_mentions_corpus(arts), arts, by="outlet")
    assert counts.set_index(["outlet", "actor_id"]).loc[("A", "biden"), "per_1000_words"] == 1.0


def test_articles_without_mentions_give_empty_tables() -> None:
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "n_words": [10], "text": ["لا شيء هنا"]})
    mentions = find_actor_mentions_corpus(arts)
    assert mentions.empty and list(mentions.columns) == actors.CORPUS_COLUMNS
    assert actor_counts(mentions, arts, by="outlet", level="root").empty
    assert cooccurrence(mentions).empty
    assert actor_article_matrix(mentions, arts).empty


def test_roll_up_keeps_the_mentioned_actor() -> None:
    rolled = roll_up(pd.DataFrame({"actor_id": ["austin", "sdf"]}), "root")
    assert rolled.values.tolist() == [["us", "austin"], ["sdf", "sdf"]]
    with pytest.raises(ValueError, match="level must be one of"):
        roll_up(rolled, "grandparent")
    with pytest.raises(KeyError, match="not in the lexicon"):
        roll_up(pd.DataFrame({"actor_id": ["martians"]}))


def test_cooccurrence_counts_each_sentence_once() -> None:
    pairs = cooccurrence(find_actor_mentions_corpus(ARTICLES))
    table = {(a, b): n for a, b, n in zip(pairs["actor_a"], pairs["actor_b"], pairs["sentences"])}
    # sentence 1 of 002: البنتاغون, إيران, الفصائل المسلحة; "وردت إيران" has no partner
    assert table[("armed_factions", "iran")] == 1 and table[("iran", "us_military")] == 1
    # biden is twice in 001 but in two sentences, with white_house only in the first
    assert table[("biden", "white_house")] == 1 and table[("biden", "us_military")] == 1
    assert all(a < b for a, b in table)


def test_cooccurrence_at_root_level_merges_related_actors() -> None:
    pairs = cooccurrence(find_actor_mentions_corpus(ARTICLES), level="root")
    table = {(a, b): n for a, b, n in zip(pairs["actor_a"], pairs["actor_b"], pairs["sentences"])}
    assert ("us", "us") not in table
    assert table[("iraq", "us")] == 1
    assert table[("armed_factions", "us")] == 1 and table[("iran", "us")] == 1


def test_matrices() -> None:
    mentions = find_actor_mentions_corpus(ARTICLES)
    matrix = actor_article_matrix(mentions, ARTICLES, actors=["iran", "biden", "nato"])
    assert matrix.loc["iran"].tolist() == [0.0, 1.0] and matrix.loc["nato"].sum() == 0
    assert list(matrix.columns) == ["001", "002"]
    square = cooccurrence_matrix(cooccurrence(mentions), ["iran", "us_military"])
    assert square.values.tolist() == [[0, 1], [1, 0]]


# --------------------------------------------------------------------------------------------
# Headline figures: the counts the notebook's findings quote

HEADLINE_ARTICLES = pd.DataFrame({
    "article_id": ["h1", "h2"],
    "n_words": [100, 50],
    "text": [
        # "وهدد العراق" (a speaker) was "في العراق" before the place rule made that a place
        "قال العراق إن القوات الأمريكية باقية. وهاجم داعش الجيش العراقي وهدد العراق.",
        "واستهدفت الفصائل المسلحة القوات الأمريكية وأعلنت واشنطن الرد.",
    ],
})

# The pairs notebook 04 quoted (they were HEADLINE_PAIRS in helpers.actors; the notebook now
# passes its own).
PAIRS = (
    ("sentences with Iraq and the United States", "iraq", "us"),
    ("sentences with Iraq and the US military", "iraq", "us_military"),
    ("sentences with Iraq and ISIS", "iraq", "isis"),
    ("sentences with the US military and the armed factions", "us_military", "armed_factions"),
    ("sentences with the US military and ISIS", "us_military", "isis"),
    ("sentences with the Iraqi forces and ISIS", "iraqi_forces", "isis"),
)

# One row per figure: its name and the value expected from HEADLINE_ARTICLES.
HEADLINE_CASES = [
    ("mentions", 8),                                    # العراق ×2, القوات الأمريكية ×2, داعش, الجيش العراقي, الفصائل, واشنطن
    ("actors mentioned", 6),
    ("Iraq as a single actor", 2),
    ("all Iraqi actors (rolled up to iraq)", 3),         # الجيش العراقي rolls up to iraq
    ("all American actors (rolled up to us)", 3),        # the US military twice and واشنطن
    ("sentences with Iraq and the United States", 0),    # the actor level: the US military is not "us"
    ("sentences with Iraq and the US military", 1),
    ("sentences with Iraq and ISIS", 1),
    ("sentences with the US military and the armed factions", 1),
    ("sentences with the US military and ISIS", 0),      # a pair never seen counts 0, no KeyError
    ("sentences with the Iraqi forces and ISIS", 1),
]


@pytest.mark.parametrize("figure, expected", HEADLINE_CASES)
def test_headline_figures(figure: str, expected: int) -> None:
    figures = actors.headline_figures(find_actor_mentions_corpus(HEADLINE_ARTICLES), HEADLINE_ARTICLES,
                                      headline_pairs=PAIRS)
    assert figures[figure] == expected


def test_headline_figures_take_the_given_pairs_and_list_every_figure() -> None:
    mentions = find_actor_mentions_corpus(HEADLINE_ARTICLES)
    pairs = pd.DataFrame({"actor_a": ["isis"], "actor_b": ["us_military"], "sentences": [7], "articles": [1]})
    figures = actors.headline_figures(mentions, HEADLINE_ARTICLES, pairs, headline_pairs=PAIRS)
    assert figures.name == "headline figures"
    assert list(figures.index) == [name for name, _ in HEADLINE_CASES]
    assert figures["sentences with the US military and ISIS"] == 7
    assert figures["sentences with Iraq and ISIS"] == 0


# --------------------------------------------------------------------------------------------
# Seed articles

def _seed(prefix: str) -> str:
    """A seed article as fixture text (tests/fixtures/seeds), never corpus/raw."""
    return seed_text(prefix)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_mentions_are_consistent_spans(prefix: str) -> None:
    raw = _seed(prefix)
    mentions = find_actor_mentions(raw)
    assert len(mentions) > 20
    assert all(raw[s:e] == surface for s, e, surface in zip(mentions["start"], mentions["end"], mentions["surface"]))
    assert (mentions["start"].iloc[1:].to_numpy() >= mentions["end"].iloc[:-1].to_numpy()).all()  # no overlaps
    assert all(surface in sentence for surface, sentence in zip(mentions["surface"], mentions["sentence"]))


def test_seed_004_pentagon_in_brackets_and_sdf() -> None:
    mentions = find_actor_mentions(_seed("004"))
    surfaces = mentions["surface"].tolist()
    assert "وزارة الدفاع الأمريكية (البنتاجون)" in surfaces
    assert "قوات سوريا الديمقراطية” (قسد)" in surfaces
    assert "hezbollah" not in set(mentions["actor_id"])           # only كتائب حزب الله
    assert "austin" in set(mentions["actor_id"]) and "sdf" in set(mentions["actor_id"])


def test_seed_000_scraper_typos_and_epithets() -> None:
    mentions = find_actor_mentions(_seed("000"))
    isis = set(mentions.loc[mentions["actor_id"] == "isis", "surface"])
    assert {"داشع الوهابي", "داعش الوهابي", "الدولة الإسلامية في العراق والشام"} <= isis
    assert "القوات العرافية" in set(mentions.loc[mentions["actor_id"] == "iraqi_forces", "surface"])
    # "الضباط البعثيين" describes officers: not a mention of the Baath regime
    assert "البعثيين" not in set(mentions["surface"])


def test_seed_002_americans_as_noun_and_as_adjective() -> None:
    raw = _seed("002")
    mentions = find_actor_mentions(raw)
    us = mentions.loc[mentions["surface"] == "الأميركيين"]
    adjective = raw.index("العسكريين الأميركيين") + len("العسكريين ")
    assert adjective not in set(us["start"])
    assert len(us) == raw.count("الأميركيين") - 1


def test_corpus_mentions_point_into_the_clean_text_and_its_sentences() -> None:
    from helpers import corpus

    loaded = corpus.load_corpus()
    mentions = find_actor_mentions_corpus(loaded.articles, sentence=True)
    texts = dict(zip(loaded.articles["article_id"], loaded.articles["text"]))
    assert all(texts[a][s:e] == surface for a, s, e, surface in
               zip(mentions["article_id"], mentions["start"], mentions["end"], mentions["surface"]))
    joined = mentions.merge(loaded.sentences, on=["article_id", "sentence_id"], suffixes=("", "_corpus"))
    assert len(joined) == len(mentions)
    assert (joined["sentence"] == joined["text"]).all()
    assert ((joined["start_corpus"] <= joined["start"]) & (joined["start"] < joined["end_corpus"])).all()
