"""Tests of helpers.framing: framing terms, withdrawal stance, attributions, outlet tables.

Every table row is a phrase written for the test (not copied from the seed articles unless
noted), with the expected result next to it.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import framing
from helpers.text import normalize_for_matching

# --------------------------------------------------------------------------------------------
# Lexicons


def test_framing_lexicon_has_the_frames_and_both_sides_of_each():
    lex = framing.load_framing_lexicon()
    terms = lex[lex["kind"] == "term"]
    for frame in ["armed_groups", "isis", "us_action", "israel", "attribution", "withdrawal"]:
        assert frame in set(terms["frame"]), frame
        if frame != "withdrawal":
            assert terms.loc[terms["frame"] == frame, "leaning"].nunique() >= 2, frame
    cues = lex[lex["kind"] == "cue"]
    assert set(cues["leaning"]) == {"denial", "demand", "process"}
    stances = lex[lex["kind"] == "stance"]
    assert set(stances["leaning"]) == set(framing.WITHDRAWAL_STANCES)


def test_every_form_of_every_term_is_found_as_its_own_term():
    lex = framing.load_framing_lexicon()
    failures = []
    for _, row in lex[lex["kind"] == "term"].iterrows():
        for form in row["forms_list"]:
            found = framing.match_terms(f"جاء في النص {form} اليوم", row["frame"])
            if found["term"].tolist() != [row["term"]]:
                failures.append((row["frame"], form, found["term"].tolist()))
    assert not failures


def test_no_form_is_listed_under_two_terms_of_a_frame():
    lex = framing.load_framing_lexicon()
    seen: dict[tuple[str, str], str] = {}
    for _, row in lex[lex["kind"] == "term"].iterrows():
        for form in row["forms_list"]:
            key = (row["frame"], normalize_for_matching(form))
            assert key not in seen or seen[key] == row["term"], (key, seen.get(key), row["term"])
            seen[key] = row["term"]


def test_attribution_frame_agrees_with_the_verb_lexicon():
    """A verb form counted in framing.csv has the same class in attribution_verbs.csv."""
    lex = framing.load_framing_lexicon()
    verbs = framing.load_attribution_verbs()
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
    src = framing.load_cited_sources()
    assert set(framing.SOURCE_TYPES) - {"other", "unknown"} <= set(src["source_type"])
    labels = src[src["match"] == "type_label"]
    assert set(labels["source_type"]) == set(framing.SOURCE_TYPES)


def test_a_bad_lexicon_row_names_the_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "corpus" / "lexicons").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("")
    header = "frame,kind,term,forms,pos,gloss_en,leaning,rationale,source\n"
    good = "isis,term,داعش,داعش,noun,Daesh,acronym,why,where\n"
    bad = "isis,term,تنظيم,تنظيم,adjective,organisation,x,why,where\n"
    (tmp_path / "corpus" / "lexicons" / "framing.csv").write_text(header + good + bad, encoding="utf-8")
    monkeypatch.setenv("HELPERS_PROJECT_ROOT", str(tmp_path))
    framing.load_framing_lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"framing\.csv, line 3: pos='adjective'"):
            framing.load_framing_lexicon()
    finally:
        monkeypatch.delenv("HELPERS_PROJECT_ROOT")
        framing.load_framing_lexicon.cache_clear()


# --------------------------------------------------------------------------------------------
# Framing terms with clitics and variants: (text, frame, term, surface)

TERM_CASES = [
    # armed groups
    ("هاجمت المقاومة القاعدة الأمريكية", "armed_groups", "المقاومة", "المقاومة"),
    ("بيان صادر عن المقاومة وحلفائها", "armed_groups", "المقاومة", "المقاومة"),
    ("أعلن الدعم للمقاومة", "armed_groups", "المقاومة", "للمقاومة"),
    ("ووالمقاومة", "armed_groups", None, None),
    ("أطلقت فصائل المقاومة العراقية صواريخ", "armed_groups", "فصائل المقاومة", "فصائل المقاومة"),
    ("هجمات لفصائل المقاومة", "armed_groups", "فصائل المقاومة", "لفصائل المقاومة"),
    ("تتبنى المقاومة الإسلامية في العراق الهجوم", "armed_groups", "المقاومة الإسلامية", "المقاومة الإسلامية في العراق"),
    ("قادة الميليشيات فروا", "armed_groups", "الميليشيات", "الميليشيات"),
    ("وميليشيات النجباء", "armed_groups", "الميليشيات", "وميليشيات"),
    ("عناصر الميلشيات المسلحة", "armed_groups", "الميليشيات", "الميلشيات"),
    ("ضربات للمليشيات", "armed_groups", "الميليشيات", "للمليشيات"),
    ("قصفت ميليشيا مدعومة", "armed_groups", "الميليشيات", "ميليشيا"),
    ("اشتباك مع الفصائل المسلحة", "armed_groups", "الفصائل المسلحة", "الفصائل المسلحة"),
    ("وفصائل مسلحة أخرى", "armed_groups", "الفصائل المسلحة", "وفصائل مسلحة"),
    ("هجمات الجماعات المسلحة", "armed_groups", "الجماعات المسلحة", "الجماعات المسلحة"),
    ("طالبت المجموعات المسلحة", "armed_groups", "الجماعات المسلحة", "المجموعات المسلحة"),
    ("تخشى فصائل شيعية", "armed_groups", "الفصائل", "فصائل"),
    ("الجماعات الموالية لإيران", "armed_groups", "الموالية لإيران", "الموالية لإيران"),
    ("فصيلة الدم نادرة", "armed_groups", None, None),
    ("مقاومة الفساد واجب", "armed_groups", None, None),
    # ISIS
    ("وجوب قتال الارهابيين", "isis", "الإرهابيين", "الارهابيين"),
    ("القبض على إرهابيين اثنين", "isis", "الإرهابيين", "إرهابيين"),
    ("تم القبض على أحد إرهابيي داعش", "isis", "الإرهابيين", "إرهابيي داعش"),
    ("وللإرهابيين مخابئ", "isis", "الإرهابيين", "وللإرهابيين"),
    ("عناصر داعش الوهابي في الموصل", "isis", "داعش الوهابي", "داعش الوهابي"),
    ("تنظيم داعش الإرهابي يعود", "isis", "داعش الإرهابي", "داعش الإرهابي"),
    ("نشاط تنظيم “الدولة الإسلامية” في المنطقة", "isis", "تنظيم الدولة", "تنظيم “الدولة الإسلامية"),
    ("أعلنت الدولة الإسلامية مسؤوليتها", "isis", "تنظيم الدولة", "الدولة الإسلامية"),
    ("هجوم لداعش", "isis", "داعش", "لداعش"),
    ("عادت الدواعش", "isis", "داعش", "الدواعش"),
    # US action
    ("أدان العدوان الأمريكي", "us_action", "العدوان", "العدوان"),
    ("فعل عدواني واضح", "us_action", "العدوان", "عدواني"),
    ("ندين الاعتداء على المقار", "us_action", "الاعتداء", "الاعتداء"),
    ("مقاومة قوات الاحتلال الأمريكي", "us_action", "الاحتلال", "قوات الاحتلال"),
    ("استمرار التجاوز السافر للسيادة", "us_action", "التجاوز السافر", "التجاوز السافر"),
    ("نفذت ضربات جوية على مواقع", "us_action", "ضربات", "ضربات جوية"),
    ("قتل بغارة أمريكية", "us_action", "غارة", "بغارة"),
    ("التعاون في مكافحة الإرهاب", "us_action", "مكافحة الإرهاب", "مكافحة الإرهاب"),
    ("وبالشراكة الاستراتيجية بين البلدين", "us_action", "الشراكة", "وبالشراكة الاستراتيجية"),
    # Israel
    ("العدوان العسكري للنظام الصهيوني على غزة", "israel", "النظام الصهيوني", "للنظام الصهيوني"),
    ("جرائم الكيان الصهيوني", "israel", "الكيان الصهيوني", "الكيان الصهيوني"),
    ("قصف الجيش الإسرائيلي", "israel", "إسرائيل", "الإسرائيلي"),
    ("وإسرائيل ترد", "israel", "إسرائيل", "وإسرائيل"),
    # attribution verbs
    ("وزعم البنتاغون أن الهجمات فشلت", "attribution", "زعم", "وزعم"),
    ("زعمت الوزارة", "attribution", "زعم", "زعمت"),
    ("يزعم المسؤولون", "attribution", "زعم", "يزعم"),
    ("وادعى الجيش", "attribution", "ادعى", "وادعى"),
    ("أثيرت ادعاءات البنتاغون", "attribution", "ادعاءات", "ادعاءات"),
    ("رفض ادعاءاته", "attribution", "ادعاءات", "ادعاءاته"),
    ("على حد تعبيره", "attribution", "على حد قول", "على حد تعبيره"),
    ("وقال المسؤول", "attribution", "قال", "وقال"),
    ("فأعلنت الوزارة", "attribution", "أعلن", "فأعلنت"),
    ("يؤكد الوزير", "attribution", "أكد", "يؤكد"),
    ("وأوضحت الخلية", "attribution", "أوضح", "وأوضحت"),
    ("قرأت مقالا عن الانتقال", "attribution", None, None),
    ("اجتمع الزعماء", "attribution", None, None),
    ("الزعم بأن", "attribution", None, None),
    # withdrawal terms
    ("لا ضرورة للانسحاب", "withdrawal", "الانسحاب", "للانسحاب"),
    ("لا يريدون انسحاباً كاملاً", "withdrawal", "الانسحاب", "انسحاباً"),
    ("طالبت بإخراج القوات", "withdrawal", "إخراج", "بإخراج"),
    ("ترتيب خروج القوات الدولية", "withdrawal", "خروج القوات", "خروج القوات"),
    ("لسحب قواتها من العراق", "withdrawal", "سحب القوات", "لسحب قواتها"),
    ("قبل أن تنسحب من البلاد", "withdrawal", "انسحب", "تنسحب"),
]


@pytest.mark.parametrize("text, frame, term, surface", TERM_CASES)
def test_framing_terms_with_clitics_and_variants(text, frame, term, surface):
    found = framing.match_terms(text, frame)
    if term is None:
        assert found.empty, found[["term", "surface"]].values.tolist()
        return
    assert found["term"].tolist()[:1] == [term]
    assert found["surface"].tolist()[:1] == [surface]
    start, end = found.iloc[0][["start", "end"]]
    assert text[start:end] == surface


LONGEST_CASES = [
    # (text, frame, expected list of (term, surface)): longest match wins, no overlaps in a frame
    ("فصائل المقاومة والمقاومة", "armed_groups",
     [("فصائل المقاومة", "فصائل المقاومة"), ("المقاومة", "والمقاومة")]),
    ("إرهابيي داعش الوهابي", "isis", [("الإرهابيين", "إرهابيي داعش"), ("داعش الوهابي", "الوهابي")]),
    ("تنظيم داعش الإرهابي وداعش", "isis", [("داعش الإرهابي", "داعش الإرهابي"), ("داعش", "وداعش")]),
]


@pytest.mark.parametrize("text, frame, expected", LONGEST_CASES)
def test_longest_match_wins_within_a_frame(text, frame, expected):
    found = framing.match_terms(text, frame)
    assert list(zip(found["term"], found["surface"])) == expected


def test_frames_may_overlap_each_other():
    found = framing.match_terms("قوات المقاومة الإسلامية")
    assert set(found["frame"]) == {"armed_groups"}
    found = framing.match_terms("الاحتلال الصهيوني")
    assert sorted(found["frame"]) == ["israel", "us_action"]


def test_offsets_map_back_to_text_with_diacritics_and_tatweel():
    text = "قالَ إنّ المـيليشيّات انسحبت."
    found = framing.match_terms(text, "armed_groups")
    start, end = found.iloc[0][["start", "end"]]
    assert text[start:end] == "المـيليشيّات"
    assert found.iloc[0]["sentence"] == text


def test_term_regex_rejects_an_unknown_pos():
    with pytest.raises(ValueError, match="pos must be one of"):
        framing.term_regex("داعش", "adjective")


def test_term_regex_noun_with_article_requires_it():
    pattern = framing.term_regex("المقاومة", "noun")
    assert [bool(re.fullmatch(pattern, normalize_for_matching(w))) for w in
            ["المقاومة", "والمقاومة", "بالمقاومة", "للمقاومة", "مقاومة", "المقاومات"]] == \
           [True, True, True, True, False, False]


# --------------------------------------------------------------------------------------------
# Withdrawal stance: (sentence, stance of its first withdrawal term)

STANCE_CASES = [
    ("قال المسؤول إن الوقت ليس وقت الحديث عن الانسحاب", "denial"),
    ("محادثاتنا مع بغداد لا تتطرق للانسحاب العسكري", "denial"),
    ("الاجتماعات ليست مفاوضات تتعلق بالانسحاب", "denial"),
    ("نفت الحكومة أي نية للانسحاب من القاعدة", "denial"),
    ("لم تتلق واشنطن أي طلب لسحب قواتها", "denial"),
    ("لاضرورة للانسحاب الآن", "denial"),
    ("طالب البرلمان بإخراج القوات الأجنبية", "demand"),
    ("دعت الفصائل إلى الانسحاب الفوري للقوات", "demand"),
    ("صوت النواب على قرار يقضي بخروج القوات الأمريكية", "demand"),
    ("ولا تعتبر مطالب العراق بسحب القوات جديدة", "demand"),
    ("تزايدت المطالبات بانسحاب القوات", "demand"),
    ("تجري مفاوضات حول جدول زمني للانسحاب", "process"),
    ("بحث الجانبان تخفيضا تدريجيا للقوات قبل الانسحاب", "process"),
    ("يتوقع الخبراء تصاعد الهجمات عقب الانسحاب المرتقب", "process"),
    ("رفض رئيس الوزراء الانسحاب المتسرع", "denial"),
    ("استبعد الوزير أي انسحاب قريب", "denial"),
    ("لا يجب الانسحاب الآن", "denial"),
    ("لا بد من الانسحاب الكامل", "demand"),
    ("يجب إخراج القوات الأجنبية", "demand"),
    ("يخشى السكان من الانسحاب", "unspecified"),
    ("عادت القوات بعد الانسحاب الأمريكي عام 2011", "unspecified"),
    ("انسحبت القوات من القاعدة، ولم تعلق الوزارة", "unspecified"),
    ("ليس من الواضح بعد ما إذا كانت الحكومة التي تشكلت الشهر الماضي في بغداد ستقبل الانسحاب", "unspecified"),
]


@pytest.mark.parametrize("sentence, stance", STANCE_CASES)
def test_withdrawal_stance(sentence, stance):
    found = framing.match_terms(sentence, "withdrawal")
    assert len(found) >= 1
    assert found.iloc[0]["leaning"] == stance
    assert found.iloc[0]["choice"] == stance


# --------------------------------------------------------------------------------------------
# Profiles and outlet tables


def _articles(texts: dict[str, str], outlets: dict[str, str] | None = None) -> pd.DataFrame:
    rows = []
    for article_id, text in texts.items():
        outlet = (outlets or {}).get(article_id, "unknown")
        rows.append({"article_id": article_id, "text": text, "n_words": len(text.split()),
                     "outlet": outlet, "outlet_ar": outlet + "_ar"})
    return pd.DataFrame(rows)


def test_framing_profile_counts_per_1000_words_with_evidence():
    arts = _articles({"a": "قاتلت الميليشيات. ثم الميليشيات والمقاومة ضد داعش.", "b": "لا شيء هنا."})
    profile = framing.framing_profile(arts)
    assert list(profile.columns) == framing.PROFILE_COLUMNS
    rows = {(r.article_id, r.term): r for r in profile.itertuples()}
    militia = rows[("a", "الميليشيات")]
    assert militia.count == 2
    assert militia.n_words == 7
    assert militia.per_1000_words == round(2 / 7 * 1000, 1)
    assert militia.evidence == "قاتلت الميليشيات. ‖ ثم الميليشيات والمقاومة ضد داعش."
    assert rows[("a", "المقاومة")].count == 1
    assert not (profile["article_id"] == "b").any()


def test_framing_profile_splits_withdrawal_by_stance():
    arts = _articles({"a": "طالبوا بالانسحاب. لا حديث عن الانسحاب."})
    profile = framing.framing_profile(arts)
    got = profile[profile["frame"] == "withdrawal"][["term", "leaning", "count"]].values.tolist()
    assert got == [["الانسحاب", "demand", 1], ["الانسحاب", "denial", 1]]


def test_outlet_labels_keep_unnamed_outlets_apart():
    arts = _articles({"000": "x", "001": "y", "002": "z"}, {"002": "Khalijion News"})
    assert framing.outlet_labels(arts)["outlet"].tolist() == ["unknown (000)", "unknown (001)", "Khalijion News"]


def test_outlet_framing_table_shares_within_frame_and_zeros():
    arts = _articles({"a": "الميليشيات والميليشيات والمقاومة داعش", "b": "فصائل المقاومة"}, {"a": "X", "b": "Y"})
    table = framing.outlet_framing_table(framing.framing_profile(arts), arts)
    x = table[(table["outlet"] == "X") & (table["frame"] == "armed_groups")].set_index("choice")
    assert x.loc["الميليشيات", "count"] == 2
    assert x.loc["الميليشيات", "share_in_frame"] == pytest.approx(0.667)
    assert x.loc["فصائل المقاومة", "count"] == 0
    y = table[table["outlet"] == "Y"].set_index("choice")
    assert y.loc["فصائل المقاومة", "share_in_frame"] == 1.0
    assert pd.isna(y.loc["داعش", "share_in_frame"])  # Y never names ISIS: no share, not 0
    matrix = framing.framing_matrix(table)
    assert matrix.shape == (table[["frame", "choice"]].drop_duplicates().shape[0], 2)


# --------------------------------------------------------------------------------------------
# Attributions on fresh sentences:
# (text, verb, verb_lemma, verb_class, source_surface, source_type, affiliation, conduit)

ATTRIBUTION_CASES = [
    ("وقال المسؤول الأمريكي إن القوات باقية.", "وقال", "قال", "neutral",
     "المسؤول الأمريكي", "anonymous", "us_government", ""),
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
     "المسؤولين الأمريكيين", "anonymous", "us_government", ""),
    ("لكن البيت الأبيض نفى التسريبات.", "نفى", "نفى", "neutral",
     "البيت الأبيض", "us_government", "", ""),
    ("وكان مسؤول رفيع في الخارجية الأمريكية قد أشار إلى ذلك.", "أشار", "أشار", "neutral",
     "مسؤول رفيع في الخارجية الأمريكية", "anonymous", "us_government", ""),
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
     "مسؤول عراقي", "anonymous", "iraqi_government", "أسوشيتد برس"),
]


@pytest.mark.parametrize(
    "text, verb, lemma, verb_class, surface, source_type, affiliation, conduit", ATTRIBUTION_CASES)
def test_attribution_of_quotes_to_sources(text, verb, lemma, verb_class, surface, source_type, affiliation, conduit):
    arts = pd.DataFrame({"article_id": ["t"], "text": [text]})
    cited = framing.attributions(arts)
    assert len(cited) == 1, cited[["verb", "source_surface"]].values.tolist()
    row = cited.iloc[0]
    assert (row["verb"], row["verb_lemma"], row["verb_class"]) == (verb, lemma, verb_class)
    assert (row["source_surface"], row["source_type"]) == (surface, source_type)
    assert row["source_affiliation"] == affiliation
    assert row["conduit"] == conduit
    assert text[row["start"]:row["end"]] == verb
    if surface:
        assert text[row["source_start"]:row["source_end"]] == surface


def test_nql_an_gives_conduit_and_source():
    text = "تقرير نقلت وكالة مهر للأنباء عن قناة الجزيرة، أن البيت الأبيض أعلن أننا على علم."  # seed 003
    cited = framing.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    got = cited[["verb_lemma", "source_surface", "source_type", "conduit", "conduit_type"]].values.tolist()
    assert got == [["نقل", "قناة الجزيرة", "arab_media", "وكالة مهر للأنباء", "iranian_or_aligned"],
                   ["أعلن", "البيت الأبيض", "us_government", "", ""]]


def test_a_verb_without_subject_carries_the_previous_source_over():
    text = "قال المتحدث باسم البنتاغون إن القوات باقية. وأضاف أن المحادثات مستمرة، مؤكداً أنها مفيدة."
    cited = framing.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
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
    assert framing.attributions(pd.DataFrame({"article_id": ["t"], "text": [text]})).empty


def test_source_of_water_is_not_an_anonymous_source():
    cited = framing.attributions(pd.DataFrame({"article_id": ["t"], "text": ["قال الخبير إن مصدر المياه ملوث."]}))
    assert cited[["source_surface", "source_type"]].values.tolist() == [["الخبير", "other"]]


CLASSIFY_CASES = [
    ("وكالة «رويترز»", "", "western_media", ""),
    ("مجلة فورين بوليسي الأمريكية", "", "western_media", ""),
    ("الجزيرة", "", "arab_media", ""),
    ("الجزيرة العربية", "", "other", ""),          # the peninsula, not the channel
    ("مصادر مطلعة", "", "anonymous", ""),
    ("مسؤول دفاعي كبير", "، لم يرد اسمه، أن", "anonymous", ""),
    ("أربعة مصادر داخل وزارتي الدفاع والخارجية الأمريكيتين", "", "anonymous", "us_government"),
    ("عصائب أهل الحق", "", "armed_groups", ""),
    ("وزير الدفاع الأمريكي لويد أوستن", "", "us_government", ""),
    ("الخطوط الجوية البحرينية", "", "other", ""),
    ("", "", "unknown", ""),
]


@pytest.mark.parametrize("phrase, after, source_type, affiliation", CLASSIFY_CASES)
def test_classify_source(phrase, after, source_type, affiliation):
    got = framing.classify_source(phrase, after)
    assert (got["source_type"], got["source_affiliation"]) == (source_type, affiliation)


def test_actor_lexicon_is_reused_for_sources():
    got = framing.classify_source("البنتاغون")
    assert got["source_actor_id"] == "us_military"
    assert got["source_type"] == "us_government"


def test_cited_source_shares_and_verb_cross_tab():
    arts = _articles({"a": "وزعم البنتاغون أن الهجوم فشل. وقال مصدر أمني إن القاعدة آمنة.",
                      "b": "أعلنت الحكومة العراقية الحداد."}, {"a": "X", "b": "Y"})
    cited = framing.attributions(arts)
    shares = framing.cited_source_shares(cited, arts)
    x = shares[shares["outlet"] == "X"].set_index("source_type")
    assert x.loc["us_government", "share"] == 0.5
    assert x.loc["anonymous", "share"] == 0.5
    assert x["count"].sum() == 2
    assert len(shares) == 2 * len(framing.SOURCE_TYPES)
    table = framing.verb_class_by_source_type(cited)
    assert table.loc["distancing", "us_government"] == 1
    assert table.loc["total", "total"] == 3


def test_missing_columns_are_named():
    with pytest.raises(KeyError, match="lack the column"):
        framing.attributions(pd.DataFrame({"text": ["قال"]}))


def test_verb_classes_by_outlet_counts_anonymous_us_officials_as_us():
    arts = _articles({"a": "وزعم البنتاغون أن الهجوم فشل. وقال مسؤول أمريكي إن القاعدة آمنة.",
                      "b": "أعلنت الحكومة العراقية الحداد."}, {"a": "X", "b": "Y"})
    cited = framing.attributions(arts)
    table = framing.verb_classes_by_outlet(cited, arts).set_index("outlet")
    assert table.loc["X", ["attributions", "neutral", "distancing"]].tolist() == [2, 1, 1]
    assert table.loc["X", "distancing_share"] == 0.5
    assert table.loc["Y", "attributions"] == 0 and pd.isna(table.loc["Y", "distancing_share"])
    by_type = framing.verb_classes_by_outlet(cited, arts, by="source_type").set_index("outlet")
    assert by_type.loc["X", "attributions"] == 1
