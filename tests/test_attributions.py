"""Tests of helpers.attributions: reporting verbs, cited-source types, attributions, outlet tables.

Every table row is a phrase written for the test (not copied from the seed articles unless
noted), with the expected result next to it.
"""

from __future__ import annotations

import pandas as pd
import pytest
from builders import articles_frame

from helpers import attributions, framing
from helpers.text import normalize_for_matching

# --------------------------------------------------------------------------------------------
# Lexicons


def test_attribution_frame_agrees_with_the_verb_lexicon():
    """A verb form counted in framing.csv has the same class in attribution_verbs.csv."""
    lex = framing.load_framing_lexicon()
    verbs = attributions.load_attribution_verbs()
    verb_class = {normalize_for_matching(f): r["verb_class"] for _, r in verbs.iterrows() for f in r["forms_list"]}
    rows = lex[(lex["frame"] == "attribution") & (lex["kind"] == "term")]
    checked = 0
    for _, row in rows.iterrows():
        for form in row["forms_list"]:
            key = normalize_for_matching(form)
            if key in verb_class:
                assert verb_class[key] == row["leaning"], (form, verb_class[key], row["leaning"])
                checked += 1
    assert checked >= 20


def test_cited_sources_cover_every_source_type():
    src = attributions.load_cited_sources()
    assert set(attributions.SOURCE_TYPES) - {"other", "unknown"} <= set(src["source_type"])
    labels = src[src["match"] == "type_label"]
    assert set(labels["source_type"]) == set(attributions.SOURCE_TYPES)


# --------------------------------------------------------------------------------------------
# Attributions on fresh sentences:
# (text, verb, verb_lemma, verb_class, source_surface, source_type, affiliation, conduit)

ATTRIBUTION_CASES = [
    ("وقال المسؤول الأمريكي إن القوات باقية.", "وقال", "قال", "neutral",
     "المسؤول الأمريكي", "us_government", "us_government", ""),
    ("وزعمت وزارة الدفاع الأمريكية أن الضربة أصابت أهدافها.", "وزعمت", "زعم", "distancing",
     "وزارة الدفاع الأمريكية", "us_government", "", ""),
    ("ادعى البيت الأبيض أن الهجمات فشلت.", "ادعى", "ادعى", "distancing",
     "البيت الأبيض", "us_government", "", ""),
    ("يزعم البنتاجون أن قواته لم تصب بأذى.", "يزعم", "زعم", "distancing",
     "البنتاجون", "us_government", "", ""),
    ("أعلنت الحكومة العراقية تشكيل لجنة جديدة.", "أعلنت", "أعلن", "neutral",
     "الحكومة العراقية", "iraqi_government", "", ""),
    ("أعلنت كتائب حزب الله في بيان أنها ستستأنف عملياتها.", "أعلنت", "أعلن", "neutral",
     "كتائب حزب الله", "armed_groups", "", ""),
    ("قالت وكالة الأنباء العراقية (واع) إن الوفد وصل.", "قالت", "قال", "neutral",
     "وكالة الأنباء العراقية", "iraqi_state_media", "", ""),
    ("ونقلت وكالة تسنيم عن مصدر أمني أن الهجوم فشل.", "ونقلت", "نقل", "neutral",
     "مصدر أمني", "anonymous", "", "وكالة تسنيم"),
    ("ذكرت قناة العربية أن الاجتماع انتهى.", "ذكرت", "ذكر", "neutral",
     "قناة العربية", "arab_media", "", ""),
    ("وبحسب الجزيرة، فإن الوفد غادر.", "وبحسب", "بحسب", "neutral",
     "الجزيرة", "arab_media", "", ""),
    ("نقلت رويترز عن مسؤول طلب عدم الكشف عن هويته أن الانسحاب مؤجل.", "نقلت", "نقل", "neutral",
     "مسؤول", "anonymous", "", "رويترز"),
    ("قال مصدر أمني لوكالة فرانس برس إن الهجوم صد.", "قال", "قال", "neutral",
     "مصدر أمني", "anonymous", "", "فرانس برس"),
    ("ووفقاً لصحيفة واشنطن بوست فإن الخطة جاهزة.", "ووفقاً", "وفقا ل", "neutral",
     "صحيفة واشنطن بوست", "western_media", "", ""),
    ("أكد رئيس الوزراء العراقي أن الحكومة ملتزمة.", "أكد", "أكد", "neutral",
     "رئيس الوزراء العراقي", "iraqi_government", "", ""),
    ("أشار الحرس الثوري الإيراني إلى أن الرد قادم.", "أشار", "أشار", "neutral",
     "الحرس الثوري الإيراني", "iranian_or_aligned", "", ""),
    ("السفير الإيراني قال إن طهران لن تتدخل.", "قال", "قال", "neutral",
     "السفير الإيراني", "iranian_or_aligned", "", ""),
    ("قال أحد الضباط، الذي طلب عدم الكشف عن هويته، إن القاعدة قصفت.", "قال", "قال", "neutral",
     "أحد الضباط", "anonymous", "", ""),
    ("اعترف البنتاغون بإصابة جنود.", "اعترف", "اعترف", "conceding",
     "البنتاغون", "us_government", "", ""),
    ("على حد قول المسؤولين الأمريكيين.", "على حد قول", "على حد قول", "distancing",
     "المسؤولين الأمريكيين", "us_government", "us_government", ""),
    ("لكن البيت الأبيض نفى التسريبات.", "نفى", "نفى", "neutral",
     "البيت الأبيض", "us_government", "", ""),
    ("وكان مسؤول رفيع في الخارجية الأمريكية قد أشار إلى ذلك.", "أشار", "أشار", "neutral",
     "مسؤول رفيع في الخارجية الأمريكية", "us_government", "us_government", ""),
    ("وأضافت الشركة أن الرحلات ستستأنف.", "وأضافت", "أضاف", "neutral",
     "الشركة", "other", "", ""),
    ("وبحسب ما نقلته واع، فإن الجلسة تأجلت.", "نقلته", "نقل", "neutral",
     "واع", "iraqi_state_media", "", ""),
    ("أكدت مصادر مطلعة لـ\"الجزيرة نت\" أن الاجتماع تأجل.", "أكدت", "أكد", "neutral",
     "مصادر مطلعة", "anonymous", "", "الجزيرة نت"),
    ("ونقلت قناة \"العربية\" عن مصدر مطلع قوله إن الاتفاق قريب.", "ونقلت", "نقل", "neutral",
     "مصدر مطلع", "anonymous", "", "قناة \"العربية\""),
    ("الجيش الأمريكي قال في بيان إن الضربة دقيقة.", "قال", "قال", "neutral",
     "الجيش الأمريكي", "us_government", "", ""),
    ("زعمت الميليشيات المدعومة من إيران أن الهجوم نجح.", "زعمت", "زعم", "distancing",
     "الميليشيات المدعومة من إيران", "armed_groups", "", ""),
    ("وقالت وزارة الخارجية الإيرانية في بيان إن الهجوم مدان.", "وقالت", "قال", "neutral",
     "وزارة الخارجية الإيرانية", "iranian_or_aligned", "", ""),
    ("وأعلن الناطق العسكري باسم كتائب حزب الله، جعفر الحسيني، أن الهدنة انتهت.", "وأعلن", "أعلن", "neutral",
     "الناطق العسكري باسم كتائب حزب الله", "armed_groups", "", ""),
    ("من جهته، قال مسؤول عراقي لوكالة أسوشيتد برس إن المحادثات مستمرة.", "قال", "قال", "neutral",
     "مسؤول عراقي", "iraqi_government", "iraqi_government", "أسوشيتد برس"),
]


@pytest.mark.parametrize(
    "text, verb, lemma, verb_class, surface, source_type, affiliation, conduit", ATTRIBUTION_CASES)
def test_attribution_of_quotes_to_sources(text, verb, lemma, verb_class, surface, source_type, affiliation, conduit):
    arts = pd.DataFrame({"article_id": ["t"], "text": [text]})
    cited = attributions.attributions(arts)
    assert len(cited) == 1, cited[["verb", "source_surface"]].values.tolist()
    row = cited.iloc[0]
    assert (row["verb"], row["verb_lemma"], row["verb_class"]) == (verb, lemma, verb_class)
    assert (row["source_surface"], row["source_type"]) == (surface, source_type)
    assert row["source_affiliation"] == affiliation
    # an affiliation is only recorded for unnamed sources, so these rows are unnamed exactly when
    # they have one or are typed anonymous (the explicit table UNNAMED_CASES checks the flag too)
    assert row["anonymous"] == (affiliation != "" or source_type == "anonymous")
    assert row["conduit"] == conduit
    assert text[row["start"]:row["end"]] == verb
    if surface:
        assert text[row["source_start"]:row["source_end"]] == surface


def test_nql_an_gives_conduit_and_source():
    text = "تقرير نقلت وكالة مهر للأنباء عن قناة الجزيرة، أن البيت الأبيض أعلن أننا على علم."  # seed 003
    cited = attributions.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    got = cited[["verb_lemma", "source_surface", "source_type", "conduit", "conduit_type"]].values.tolist()
    assert got == [["نقل", "قناة الجزيرة", "arab_media", "وكالة مهر للأنباء", "iranian_or_aligned"],
                   ["أعلن", "البيت الأبيض", "us_government", "", ""]]


def test_a_verb_without_subject_carries_the_previous_source_over():
    text = "قال المتحدث باسم البنتاغون إن القوات باقية. وأضاف أن المحادثات مستمرة، مؤكداً أنها مفيدة."
    cited = attributions.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    assert cited["resolution"].tolist() == ["after_verb", "carried_over", "carried_over"]
    assert cited["source_type"].tolist() == ["us_government"] * 3


NO_ATTRIBUTION = [
    "تنقل الشاحنات الوقود إلى القاعدة.",      # نقل without عن: transport
    "جرى نقل المهمة إلى بغداد.",
    "سيتم ذلك وفق جدول زمني محدد.",           # وفق = in accordance with
    "نشرت الصحيفة مقالات عدة.",               # قال inside مقالات
    "رفض الكشف عن هويته.",                    # the verbal noun الكشف
    "تلوث مصدر المياه في المدينة.",           # مصدر without a reporting verb
]


@pytest.mark.parametrize("text", NO_ATTRIBUTION)
def test_no_attribution_where_there_is_no_reporting(text):
    assert attributions.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]})).empty


def test_source_of_water_is_not_an_anonymous_source():
    cited = attributions.attributions(pd.DataFrame({"article_id": ["t"], "text": ["قال الخبير إن مصدر المياه ملوث."]}))
    assert cited[["source_surface", "source_type"]].values.tolist() == [["الخبير", "other"]]


CLASSIFY_CASES = [
    ("وكالة «رويترز»", "", "western_media", ""),
    ("مجلة فورين بوليسي الأمريكية", "", "western_media", ""),
    ("الجزيرة", "", "arab_media", ""),
    ("الجزيرة العربية", "", "other", ""),          # the peninsula, not the channel
    ("مصادر مطلعة", "", "anonymous", ""),
    ("مسؤول دفاعي كبير", "، لم يرد اسمه، أن", "anonymous", ""),
    ("مسؤول في كتائب حزب الله", "", "armed_groups", "armed_groups"),
    ("مصادر عراقية", "", "anonymous", ""),                 # nationality alone: not the government
    ("مصدر أمني عراقي", "", "iraqi_government", "iraqi_government"),   # ... with a qualifier it is
    ("المتحدث باسم البنتاغون", "", "us_government", ""),   # an office holder, not unnamed
    ("أربعة مصادر داخل وزارتي الدفاع والخارجية الأمريكيتين", "", "us_government", "us_government"),
    ("عصائب أهل الحق", "", "armed_groups", ""),
    ("وزير الدفاع الأمريكي لويد أوستن", "", "us_government", ""),
    ("الخطوط الجوية البحرينية", "", "other", ""),
    ("", "", "unknown", ""),
]


@pytest.mark.parametrize("phrase, after, source_type, affiliation", CLASSIFY_CASES)
def test_classify_source(phrase, after, source_type, affiliation):
    got = attributions.classify_source(phrase, after)
    assert (got["source_type"], got["source_affiliation"]) == (source_type, affiliation)


# --------------------------------------------------------------------------------------------
# Unnamed sources: typed by the body they belong to, with anonymous = True. Only an unnamed
# source with no stated affiliation is typed "anonymous". A nationality adjective types an
# unnamed official (مسؤول أمريكي) but an unnamed "source" (مصدر, مصادر) only with an
# institutional qualifier (أمني, عسكري) or institution (decision documented in cited_sources.csv).
# (text, source_surface, source_type, anonymous)

UNNAMED_CASES = [
    # armed groups
    ("وزعم مسؤول في كتائب حزب الله أن الطائرة أسقطت.", "مسؤول في كتائب حزب الله", "armed_groups", True),
    ("وقال قيادي في عصائب أهل الحق إن الهدنة انتهت.", "قيادي في عصائب أهل الحق", "armed_groups", True),
    ("وذكر مصدر مقرب من الحشد الشعبي أن الألوية تحركت.", "مصدر مقرب من الحشد الشعبي", "armed_groups", True),
    ("وأكد متحدث باسم حركة النجباء أن العمليات مستمرة.", "متحدث باسم حركة النجباء", "armed_groups", True),
    # US military and government
    ("وقال مسؤول عسكري أمريكي إن الضربة استهدفت مستودعا.", "مسؤول عسكري أمريكي", "us_government", True),
    ("وأوضح مسؤولان أميركيان أن الجنود غادروا القاعدة.", "مسؤولان أميركيان", "us_government", True),
    ("وكشفت مصادر عسكرية أمريكية أن التعزيزات وصلت.", "مصادر عسكرية أمريكية", "us_government", True),
    ("صرح متحدث باسم القيادة المركزية الأمريكية بأن الهجوم صد.",
     "متحدث باسم القيادة المركزية الأمريكية", "us_government", True),
    # Iraqi ministries and forces
    ("وقالت مصادر في وزارة الدفاع العراقية إن الطائرات جاهزة.", "مصادر في وزارة الدفاع العراقية", "iraqi_government", True),
    ("وأفاد مصدر أمني عراقي بأن صاروخين سقطا قرب المطار.", "مصدر أمني عراقي", "iraqi_government", True),
    ("قال ضابط في الجيش العراقي، طلب عدم الكشف عن هويته، إن القاعدة قصفت.",
     "ضابط في الجيش العراقي", "iraqi_government", True),
    ("وقال عضو في البرلمان العراقي إن الجلسة تأجلت.", "عضو في البرلمان العراقي", "iraqi_government", True),
    # Iranian bodies
    ("وأكد مسؤول في الحرس الثوري الإيراني أن الرد قادم.", "مسؤول في الحرس الثوري الإيراني", "iranian_or_aligned", True),
    ("وقال دبلوماسي إيراني إن طهران لن تتدخل.", "دبلوماسي إيراني", "iranian_or_aligned", True),
    # Kurdish government (counted with the Iraqi government, see cited_sources.csv)
    ("وقال مصدر في حكومة إقليم كردستان إن أربيل لم تبلغ.", "مصدر في حكومة إقليم كردستان", "iraqi_government", True),
    # no stated affiliation: anonymous
    ("قال مصدر أمني إن الصاروخ سقط في منطقة خالية.", "مصدر أمني", "anonymous", True),
    ("وأكدت مصادر مطلعة أن الاجتماع تأجل.", "مصادر مطلعة", "anonymous", True),
    ("وأفادت مصادر عراقية بأن الوفد وصل.", "مصادر عراقية", "anonymous", True),
    ("وقال مصدر إيراني إن الرد سيكون مدروسا.", "مصدر إيراني", "anonymous", True),
    ("قال دبلوماسي غربي إن المحادثات متعثرة.", "دبلوماسي غربي", "anonymous", True),
    ("وقال أحد الحراس، الذي فضل عدم ذكر اسمه، إن الانفجار كان قويا.", "أحد الحراس", "anonymous", True),
    # named: not anonymous, even with an unnamed source later in the sentence
    ("قال المتحدث باسم البنتاغون إن مسؤولا، لم يرد اسمه، أبلغه بذلك.", "المتحدث باسم البنتاغون", "us_government", False),
    ("وأعلنت كتائب حزب الله في بيان أنها علقت عملياتها.", "كتائب حزب الله", "armed_groups", False),
    ("وقال القيادي في عصائب أهل الحق جواد الطليباوي إن الهدنة انتهت.",   # definite: a known person
     "القيادي في عصائب أهل الحق", "armed_groups", False),
    ("وقال عضو لجنة الأمن والدفاع النيابية مهدي تقي إن الانسحاب ضروري.",   # a title before a name
     "عضو لجنة الأمن والدفاع النيابية مهدي تقي", "other", False),
    ("وقال قيادي بارز في كتائب حزب الله إن الهدنة انتهت.", "قيادي بارز في كتائب حزب الله", "armed_groups", True),
]


@pytest.mark.parametrize("text, surface, source_type, anonymous", UNNAMED_CASES)
def test_unnamed_sources_take_the_type_of_their_body(text, surface, source_type, anonymous):
    cited = attributions.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    assert len(cited) == 1, cited[["verb", "source_surface"]].values.tolist()
    row = cited.iloc[0]
    assert (row["source_surface"], row["source_type"], bool(row["anonymous"])) == (surface, source_type, anonymous)
    assert row["source_affiliation"] == (source_type if anonymous and source_type != "anonymous" else "")


def test_a_definite_unnamed_reference_takes_the_earlier_unnamed_source_type():
    text = ("وقال مسؤول رفيع في الخارجية الأمريكية إن القوات باقية. "
            "وأشار المسؤول، الذي طلب عدم الكشف عن هويته، إلى أن المحادثات مستمرة. "
            "وقال مصدر أمني إن الوضع هادئ. وأضاف المصدر أن التحقيق جار.")
    cited = attributions.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    got = list(zip(cited["source_surface"], cited["source_type"], cited["anonymous"]))
    assert got == [("مسؤول رفيع في الخارجية الأمريكية", "us_government", True),
                   ("المسؤول", "us_government", True),      # the same head noun: the same official
                   ("مصدر أمني", "anonymous", True),
                   ("المصدر", "anonymous", True)]           # nothing typed to point back to


def test_shares_count_unnamed_sources_within_their_type():
    arts = articles_frame({"a": "وزعم البنتاغون أن الهجوم فشل. وقال مسؤول عسكري أمريكي إن القاعدة آمنة. "
                           "وقال مصدر أمني إن الطريق مغلق."}, {"a": "X"})
    shares = attributions.cited_source_shares(attributions.attributions(arts), arts).set_index("source_type")
    assert shares.loc["us_government", ["count", "unnamed", "total"]].tolist() == [2, 1, 3]
    assert shares.loc["anonymous", ["count", "unnamed"]].tolist() == [1, 1]
    assert shares.loc["us_government", "share"] == 0.667


def test_actor_lexicon_is_reused_for_sources():
    got = attributions.classify_source("البنتاغون")
    assert got["source_actor_id"] == "us_military"
    assert got["source_type"] == "us_government"


def test_cited_source_shares_and_verb_cross_tab():
    arts = articles_frame({"a": "وزعم البنتاغون أن الهجوم فشل. وقال مصدر أمني إن القاعدة آمنة.",
                      "b": "أعلنت الحكومة العراقية الحداد."}, {"a": "X", "b": "Y"})
    cited = attributions.attributions(arts)
    shares = attributions.cited_source_shares(cited, arts)
    x = shares[shares["outlet"] == "X"].set_index("source_type")
    assert x.loc["us_government", "share"] == 0.5
    assert x.loc["anonymous", "share"] == 0.5
    assert x["count"].sum() == 2
    assert len(shares) == 2 * len(attributions.SOURCE_TYPES)
    table = attributions.verb_class_by_source_type(cited)
    assert table.loc["distancing", "us_government"] == 1
    assert table.loc["total", "total"] == 3


def test_missing_columns_are_named():
    with pytest.raises(KeyError, match="lack the column"):
        attributions.attributions(pd.DataFrame({"text": ["قال"]}))


def test_verb_classes_by_outlet_counts_anonymous_us_officials_as_us():
    arts = articles_frame({"a": "وزعم البنتاغون أن الهجوم فشل. وقال مسؤول أمريكي إن القاعدة آمنة.",
                      "b": "أعلنت الحكومة العراقية الحداد."}, {"a": "X", "b": "Y"})
    cited = attributions.attributions(arts)
    table = attributions.verb_classes_by_outlet(cited, arts).set_index("outlet")
    assert table.loc["X", ["attributions", "neutral", "distancing"]].tolist() == [2, 1, 1]
    assert table.loc["X", "distancing_share"] == 0.5
    assert table.loc["Y", "attributions"] == 0 and pd.isna(table.loc["Y", "distancing_share"])
    by_type = attributions.verb_classes_by_outlet(cited, arts, by="source_type").set_index("outlet")
    assert by_type.loc["X", "attributions"] == 2          # the unnamed official is typed us_government
    named = attributions.verb_classes_by_outlet(cited[~cited["anonymous"]], arts).set_index("outlet")
    assert named.loc["X", "attributions"] == 1


# --------------------------------------------------------------------------------------------
# Breadth for unseen articles: sentences written in the styles of wire services, Iranian, Gulf,
# Iraqi and Kurdish outlets, with the verbs added for them (جدد, دعا, وصف, كتب, صرّح, لفت, شدد,
# نفى, حذر, اعتبر, رأى, نوه, أعرب, أبلغ, أقر, يدعي ...), their feminine, plural and imperfect forms
# and و / ف. What matters is asserted: the verb, its class, the source type (and, for anonymous
# sources, the side they speak for, and the medium told).
# (text, verb, verb_class, source_type, affiliation, conduit)

STYLE_CASES = [
    # wire services
    ("قال متحدث باسم التحالف الدولي لوكالة فرانس برس إن القوات لن تنسحب قبل 2026.",
     "قال", "neutral", "us_government", "us_government", "فرانس برس"),   # an unnamed spokesman
    ("وأبلغ مسؤول عراقي رويترز أن المفاوضات ستستأنف الأسبوع المقبل.",
     "وأبلغ", "neutral", "iraqi_government", "iraqi_government", "رويترز"),
    ("وصرّح مسؤول أمريكي لوكالة أسوشيتد برس بأن الضربة استهدفت مخزنا للطائرات المسيرة.",
     "وصرّح", "neutral", "us_government", "us_government", "أسوشيتد برس"),
    ("وأقر البنتاغون بأن ثلاثة جنود أصيبوا بارتجاج في الدماغ.",
     "وأقر", "conceding", "us_government", "", ""),
    ("كتب المتحدث باسم الخارجية الأمريكية على منصة إكس: «ندين الهجوم».",
     "كتب", "neutral", "us_government", "", ""),
    ("وقال أوستن للصحفيين إن واشنطن لا تسعى إلى التصعيد.",
     "وقال", "neutral", "us_government", "", ""),
    # Iranian outlets
    ("زعمت واشنطن أن ضرباتها استهدفت مقرات الحرس الثوري.",
     "زعمت", "distancing", "us_government", "", ""),
    ("يدعي البيت الأبيض أن الضربات دفاعية.",
     "يدعي", "distancing", "us_government", "", ""),
    ("وادعت القيادة المركزية الأمريكية (سنتكوم) أن الغارة قتلت قياديا.",
     "وادعت", "distancing", "us_government", "", ""),
    ("وزعم مسؤولون أمريكيون أن الفصائل تتلقى أوامرها من طهران.",
     "وزعم", "distancing", "us_government", "us_government", ""),
    ("ووصفت طهران الضربة بأنها عدوان سافر على سيادة العراق.",
     "ووصفت", "neutral", "iranian_or_aligned", "", ""),
    ("وحذر قائد فيلق القدس من أن الرد سيكون قاسيا.",
     "وحذر", "neutral", "iranian_or_aligned", "", ""),
    ("وأكد المتحدث باسم الخارجية الإيرانية، ناصر كنعاني، أن طهران لا علاقة لها بالهجوم.",
     "وأكد", "neutral", "iranian_or_aligned", "", ""),
    ("واعتبرت المقاومة الإسلامية في العراق أن وجود القوات الأمريكية احتلال.",
     "واعتبرت", "neutral", "armed_groups", "", ""),
    # Gulf outlets
    ("ولفتت صحيفة الشرق الأوسط إلى أن اللقاء تأجل.",
     "ولفتت", "neutral", "arab_media", "", ""),
    ("وقالت الميليشيات الموالية لإيران في بيان إنها استهدفت قاعدة حرير.",
     "وقالت", "neutral", "armed_groups", "", ""),
    ("وحذرت الخارجية الأمريكية رعاياها من السفر إلى العراق.",
     "وحذرت", "neutral", "us_government", "", ""),
    ("ونقلت قناة العربية عن مسؤول أمريكي، لم يكشف اسمه، أن الانسحاب ليس مطروحا.",
     "ونقلت", "neutral", "us_government", "us_government", "قناة العربية"),
    ("وكشفت صحيفة واشنطن بوست أن الخطة جاهزة.",
     "وكشفت", "neutral", "western_media", "", ""),
    # Iraqi outlets
    ("وأفاد مصدر أمني عراقي بسقوط صاروخين قرب القاعدة.",
     "وأفاد", "neutral", "iraqi_government", "iraqi_government", ""),
    ("وقال مصدر أمني، طلب عدم الكشف عن اسمه، إن الهجوم استهدف رتلا للدعم اللوجستي.",
     "وقال", "neutral", "anonymous", "", ""),
    ("وأفادت خلية الإعلام الأمني في بيان بأن الدفاعات تصدت لطائرة مسيرة.",
     "وأفادت", "neutral", "iraqi_government", "", ""),
    ("ونوه المصدر الأمني إلى أن التحقيقات جارية.",
     "ونوه", "neutral", "anonymous", "", ""),
    ("وجدد رئيس الوزراء العراقي رفض حكومته لأي اعتداء على السيادة.",
     "وجدد", "neutral", "iraqi_government", "", ""),
    ("دعا مجلس النواب إلى جلسة طارئة لمناقشة الضربة.",
     "دعا", "neutral", "iraqi_government", "", ""),
    ("وذكر بيان لوزارة الدفاع الأمريكية أن الضربة دقيقة.",          # the statement's author
     "وذكر", "neutral", "us_government", "", ""),
    ("وأعربت الحكومة العراقية عن رفضها للضربة الأمريكية.",
     "وأعربت", "neutral", "iraqi_government", "", ""),
    ("فقال المتحدث باسم الحكومة العراقية إن بغداد لم تبلغ مسبقا.",
     "فقال", "neutral", "iraqi_government", "", ""),
    ("ونفت كتائب حزب الله مسؤوليتها عن الهجوم.",                   # نفى: neutral, see the lexicon note
     "ونفت", "neutral", "armed_groups", "", ""),
    # Kurdish outlets
    ("صرح مسؤول في حكومة إقليم كوردستان بأن أربيل لم تتلق أي طلب.",
     "صرح", "neutral", "iraqi_government", "iraqi_government", ""),
    ("وأكدت حكومة إقليم كردستان أن التنسيق مع التحالف مستمر.",
     "وأكدت", "neutral", "iraqi_government", "", ""),
    # imperfect, feminine and plural forms
    ("تقول واشنطن إن مهمتها في العراق تغيرت.",
     "تقول", "neutral", "us_government", "", ""),
    ("ويقول مسؤولون عراقيون إن المحادثات متعثرة.",
     "ويقول", "neutral", "iraqi_government", "iraqi_government", ""),
    ("ويرى مسؤولون أمريكيون أن الانسحاب سابق لأوانه.",
     "ويرى", "neutral", "us_government", "us_government", ""),
    ("وأشارت الناطقة باسم البنتاغون إلى أن الجنود بخير.",
     "وأشارت", "neutral", "us_government", "", ""),
    ("ولفت الناطق باسم كتائب حزب الله إلى أن الهدنة انتهت.",
     "ولفت", "neutral", "armed_groups", "", ""),
    ("ورأى الخبير الأمني أن الفصائل لن تتوقف.",
     "ورأى", "neutral", "other", "", ""),
]


@pytest.mark.parametrize("text, verb, verb_class, source_type, affiliation, conduit", STYLE_CASES)
def test_attribution_across_outlet_styles(text, verb, verb_class, source_type, affiliation, conduit):
    cited = attributions.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    assert len(cited) == 1, cited[["verb", "source_surface"]].values.tolist()
    row = cited.iloc[0]
    assert (row["verb"], row["verb_class"]) == (verb, verb_class)
    assert (row["source_type"], row["source_affiliation"], row["conduit"]) == (source_type, affiliation, conduit), \
        row["source_surface"]
    assert text[row["start"]:row["end"]] == verb


# Forms that look like reporting verbs but are not, in these sentences (the lexicon's context
# conditions and the anonymity cues keep them out).
NOT_REPORTING = [
    "استطلاع رأي الخبراء يظهر تباينا.",               # رأي (opinion) is spelt like رأى after folding
    "انضم أعضاء جدد إلى اللجنة.",                     # جدد: the adjective "new"
    "اشترى الطالب كتب التاريخ.",                      # كتب: "books"
    "أقر مجلس النواب قانون الموازنة.",                # أقر: passed a law
    "شارك شخص يدعى أبو علي في الهجوم.",               # يُدعى: is named
    "خرج المتظاهرون يدعون إلى إخراج القوات الأجنبية.",  # يدعون إلى: call for, not claim
    "يعتبر القرار خطوة مهمة.",                        # يُعتبر: is considered
    "تجدد القصف على القاعدة فجر اليوم.",              # تجدد: resumed
    "يبلغ عدد الجنود الأمريكيين 2500 جندي.",          # يبلغ: amounts to
    "رفع المحتجون لافتة كتب عليها لا للاحتلال.",       # لافتة: a banner
    "تابع الوزير سير العمليات من غرفة القيادة.",       # تابع: followed
    "يسود حذر شديد في الأسواق.",                      # حذر: caution
]


@pytest.mark.parametrize("text", NOT_REPORTING)
def test_look_alike_forms_are_not_attributions(text):
    cited = attributions.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    assert cited.empty, cited[["verb", "source_surface"]].values.tolist()


# Several sentences: a later, shorter or garbled mention is typed by what came before.
# (text, expected (verb, verb_class, source_type, resolution) per attribution)
CONTEXT_CASES = [
    # a short definite reference takes the type of the earlier full name: US here ...
    ("وقالت المتحدثة باسم الخارجية الأمريكية إن الاجتماع كان قصيرا. "
     "وأضافت المتحدثة باسم وزارة الخارجية أن الوفد غادر.",
     [("وقالت", "neutral", "us_government", "after_verb"), ("وأضافت", "neutral", "us_government", "after_verb")]),
    # ... Iraqi there
    ("أعلنت وزارة الخارجية العراقية استدعاء السفير. وأكدت الوزارة أن القرار نهائي.",
     [("أعلنت", "neutral", "iraqi_government", "after_verb"), ("وأكدت", "neutral", "iraqi_government", "after_verb")]),
    # ... and without an earlier name it stays untyped
    ("وقالت المتحدثة باسم وزارة الخارجية إن الوفد غادر.",
     [("وقالت", "neutral", "other", "after_verb")]),
    # an actor mentioned earlier (not as a source) also counts
    ("وصل وفد من التحالف الدولي إلى بغداد. وقال المتحدث باسم التحالف إن الزيارة روتينية.",
     [("وقال", "neutral", "us_government", "after_verb")]),
    # a surname after the full name
    ("قال المتحدث العسكري يحيى رسول إن الضربة اعتداء. ووصف رسول الهجوم بأنه تصعيد خطير.",
     [("قال", "neutral", "iraqi_government", "after_verb"), ("ووصف", "neutral", "iraqi_government", "after_verb")]),
    # garbled subjects: a preposition with a pronoun is not a subject ...
    ("قال البنتاغون إن الضربة ناجحة. واعترف بها لاحقا بأن جنودا أصيبوا.",
     [("قال", "neutral", "us_government", "after_verb"), ("واعترف", "conceding", "us_government", "carried_over")]),
    # ... nor is the garbled بهمن; the typed phrase before the verb is (machine-translated style)
    ("\"سابرينا سينغ\"، المتحدثة باسم البنتاغون واعترف بهمن، في كلمة، بأن الهجمات اشتدت.",
     [("واعترف", "conceding", "us_government", "before_verb")]),
    ("قال وزير الخارجية الإيراني إن بلاده لا تريد الحرب. وحذر من مغبة التصعيد.",
     [("قال", "neutral", "iranian_or_aligned", "after_verb"), ("وحذر", "neutral", "iranian_or_aligned", "carried_over")]),
    # a negated verb: the phrase after it is the object, the subject is carried over
    ("تقول واشنطن إن مهمتها تغيرت، لكنها لا ترى ضرورة في أن تشمل المحادثات الانسحاب.",
     [("تقول", "neutral", "us_government", "after_verb"), ("ترى", "neutral", "us_government", "carried_over")]),
    ("وأكد المسؤول العراقي أن الوفد غادر، فقد لفت إلى أن المحادثات انتهت.",
     [("وأكد", "neutral", "iraqi_government", "after_verb"), ("لفت", "neutral", "iraqi_government", "carried_over")]),
    ("وتابع: «لن نسمح بتحويل العراق إلى ساحة صراع».",   # no subject and nothing to carry over
     [("وتابع", "neutral", "unknown", "unresolved")]),
]


@pytest.mark.parametrize("text, expected", CONTEXT_CASES)
def test_sources_typed_from_context(text, expected):
    cited = attributions.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    got = list(zip(cited["verb"], cited["verb_class"], cited["source_type"], cited["resolution"]))
    assert got == expected, cited[["verb", "source_surface"]].values.tolist()


def test_a_rejected_subject_is_never_a_source():
    text = "واعترف بهمن بأن الهجمات اشتدت. وأقر بهم المسؤولون."
    cited = attributions.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    assert not cited["source_surface"].str.startswith(("بهمن", "بهم")).any()


def test_verb_lexicon_conditions_and_classes():
    verbs = attributions.load_attribution_verbs()
    lemma_class = verbs.groupby("lemma")["verb_class"].agg(set)
    assert lemma_class["نفى"] == {"neutral"}              # decided in the lexicon note
    assert lemma_class["أقر"] == lemma_class["اعترف"] == {"conceding"}
    assert lemma_class["ادعى"] == {"distancing"}
    ambiguous = {"كتب", "رأى", "يعتبر", "يدعي", "يدعون", "جدد", "حذر", "تابع"}
    conditioned = {normalize_for_matching(f) for _, r in verbs[verbs["context"] != ""].iterrows() for f in r["forms_list"]}
    assert {normalize_for_matching(f) for f in ambiguous} <= conditioned
    all_forms = [normalize_for_matching(f) for forms in verbs["forms_list"] for f in forms]
    assert not {"تجدد", "يبلغ", "مجددا", "تردد"} & set(all_forms)   # left out on purpose (see notes)
    assert len(all_forms) == len(set(all_forms)), "a form is listed under two rows"


def test_framing_reexports_the_attribution_api():
    assert framing.attributions is attributions.attributions
    assert framing.classify_source is attributions.classify_source
    assert framing.SOURCE_TYPES == attributions.SOURCE_TYPES
    with pytest.raises(AttributeError):
        framing.no_such_name


# --------------------------------------------------------------------------------------------
# Precomputed actor mentions are reused (issue 11), and lexicon edits take effect at once.


def test_attributions_reuse_precomputed_actor_mentions(monkeypatch):
    from helpers import actors

    arts = articles_frame({"a": "وقال المتحدث باسم البنتاغون إن القوات باقية. وأضاف أن الانسحاب غير مطروح.",
                           "b": "أعلنت كتائب حزب الله أنها ستواصل الهجمات."})
    expected = attributions.attributions(arts)
    mentions = actors.find_actor_mentions_corpus(arts)

    def no_matching(*args, **kwargs):
        raise AssertionError("actor matching must not run again when actor_mentions are given")

    monkeypatch.setattr(actors, "find_actor_mentions_corpus", no_matching)
    monkeypatch.setattr(actors, "find_actor_mentions", no_matching)
    got = attributions.attributions(arts, actor_mentions=mentions)
    pd.testing.assert_frame_equal(got, expected)
    assert list(got.columns) == attributions.ATTRIBUTION_COLUMNS
    assert got["sentence_id"].tolist() == [0, 1, 0]


@pytest.fixture
def project_copy(tmp_path, monkeypatch):
    import shutil

    from helpers import paths

    lexicons = tmp_path / "corpus" / "lexicons"
    lexicons.mkdir(parents=True)
    for source in paths.lexicon_path("cited_sources.csv").parent.glob("*.csv"):
        shutil.copy(source, lexicons / source.name)
    (tmp_path / "pyproject.toml").write_text("")
    monkeypatch.setenv("HELPERS_PROJECT_ROOT", str(tmp_path))
    return lexicons


def test_an_edit_to_attribution_verbs_takes_effect_without_a_restart(project_copy):
    arts = articles_frame({"a": "وزمجر الناطق العسكري الإيراني ضد الوجود الأمريكي."})
    assert attributions.attributions(arts, use_actors=False).empty
    with open(project_copy / "attribution_verbs.csv", "a", encoding="utf-8") as handle:
        handle.write("زمجر,زمجر,verb,distancing,,,growled,a test row\n")
    got = attributions.attributions(arts, use_actors=False)
    assert got[["verb", "verb_class"]].values.tolist() == [["وزمجر", "distancing"]]


def test_an_edit_to_cited_sources_takes_effect_without_a_restart(project_copy):
    arts = articles_frame({"a": "وقالت صحيفة الفجر الجديد إن الهجوم وقع ليلا."})
    before = attributions.attributions(arts, use_actors=False)
    assert before["source_type"].tolist() == ["other"]
    with open(project_copy / "cited_sources.csv", "a", encoding="utf-8") as handle:
        handle.write("صحيفة الفجر الجديد,fajr_jadid,arab_media,name,New Dawn newspaper,a test row\n")
    after = attributions.attributions(arts, use_actors=False)
    assert after[["source_surface", "source_type"]].values.tolist() == [["صحيفة الفجر الجديد", "arab_media"]]
