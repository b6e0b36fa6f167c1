"""helpers.arabic.normalize: one row per spelling phenomenon, input and expected output side by side."""

from __future__ import annotations

import pytest

from helpers.arabic.normalize import (
    dediac,
    find_normalised,
    normalize_alef,
    normalize_alef_maksura,
    normalize_digits,
    normalize_for_matching,
    normalize_teh_marbuta,
    normalize_with_offsets,
    remove_tatweel,
)

# (written, same word as) -- each pair must normalise to one string
SAME_WORD = [
    ("أمريكي", "امريكي"),             # hamza on alef
    ("إيران", "ايران"),               # hamza under alef
    ("آمرلي", "امرلي"),               # madda
    ("ٱلعراق", "العراق"),             # wasla
    ("التحالفِ", "التحالف"),           # case ending (kasra)
    ("القوّاتُ", "القوات"),            # shadda and damma
    ("جنديًا", "جنديا"),               # tanwin
    ("الدولى", "الدولي"),              # final ى for ي (Egyptian spelling)
    ("القاعدة", "القاعده"),            # teh marbuta
    ("الأمريكيـــة", "الامريكيه"),      # tatweel
    ("البن\u200cتاغون", "البنتاغون"),   # zero-width non-joiner
    ("\u200fالعراق\u200e", "العراق"),  # bidi marks
    ("ﻻ", "لا"),                        # presentation form (NFKC)
    ("٢٥٠٠", "2500"),                   # Arabic-Indic digits
    ("۲۵۰۰", "2500"),                   # extended (Persian) digits
    ("2500", "2500"),                   # ASCII digits
    ("٢٫٥", "2.5"),                     # Arabic decimal separator
    ("٢٬٥٠٠", "2,500"),                 # Arabic thousands separator
]

# spelling variants that are different strings: the matchers list both forms in the lexicons
VARIANTS_KEPT_APART = [
    ("أمريكي", "أميركي"),
    ("البنتاغون", "البنتاجون"),
    ("كردستان", "كوردستان"),
]

KEPT = [
    ("إلى", "الي"),          # ى -> ي, never ا (PyArabic's trap: الا)
    ("مسؤول", "مسؤول"),      # hamza on waw kept
    ("رئيس", "رئيس"),        # hamza on yeh kept
    ("جزء", "جزء"),          # hamza alone kept
    ("Reuters", "Reuters"),  # Latin untouched (case too)
]


@pytest.mark.parametrize(("written", "expected"), SAME_WORD + KEPT)
def test_normalize_for_matching(written: str, expected: str) -> None:
    assert normalize_for_matching(written) == normalize_for_matching(expected) == expected


@pytest.mark.parametrize(("one", "other"), VARIANTS_KEPT_APART)
def test_spelling_variants_stay_distinct_words(one: str, other: str) -> None:
    assert normalize_for_matching(one) != normalize_for_matching(other)


@pytest.mark.parametrize(("func", "written", "expected"), [
    (normalize_alef, "أحمد إلى آخر ٱسم", "احمد الى اخر اسم"),
    (normalize_alef, "على", "على"),                     # ى is not an alef
    (normalize_alef_maksura, "مستوى الدولى", "مستوي الدولي"),
    (normalize_teh_marbuta, "الحكومة العراقية", "الحكومه العراقيه"),
    (dediac, "قَالَ المُتَحَدِّثُ", "قال المتحدث"),
    (remove_tatweel, "الحـــرب", "الحرب"),
    (normalize_digits, "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹", "0123456789 0123456789"),
])
def test_named_normalisers(func, written: str, expected: str) -> None:
    assert func(written) == expected


def test_named_normalisers_compose_to_normalize_for_matching() -> None:
    text = "أعلنت القوّاتُ الأمريكيـة إلى ٢٥٠٠ جندىٍ"
    composed = normalize_digits(normalize_teh_marbuta(normalize_alef_maksura(normalize_alef(remove_tatweel(dediac(text))))))
    assert composed == normalize_for_matching(text)


def test_teh_marbuta_folding_can_be_switched_off() -> None:
    assert normalize_for_matching("القاعدة", fold_teh_marbuta=False) == "القاعدة"


@pytest.mark.parametrize("source", [
    "قالَ: القوّاتُ الأمريكيّة باقية",
    "وصلت ﻻ القوات",                          # expansion ﻻ -> لا (exact path)
    "الأمريكيـــة\u200f في «البنتاجون»",
    "٢٫٥ ألف جنديّ … وصلوا",                 # ellipsis expands to three dots
    "x" * 70 + " القوّات",                    # long enough for the vectorised path
])
def test_offsets_map_every_character_back(source: str) -> None:
    normal = normalize_with_offsets(source)
    assert normal.text == normalize_for_matching(source)
    for i in range(len(normal.text)):
        s, e = normal.to_source(i, i + 1)
        assert normalize_for_matching(source[s:e])  # the source piece normalises to something
        assert normal.text[i] in normalize_for_matching(source[s:e])


@pytest.mark.parametrize(("text", "query", "found"), [
    ("قالت الإدارة الأمريكيّة إن القوات الامريكية باقية", "الأمريكية", ["الأمريكيّة", "الامريكية"]),
    ("زار البنتاجون والبنتاغون", "البنتاغون", ["البنتاغون"]),
    ("قرار مجلس الأمن الدولى", "الدولي", ["الدولى"]),
    ("أرسلت ٢٥٠٠ جندي", "2500", ["٢٥٠٠"]),
])
def test_find_normalised(text: str, query: str, found: list[str]) -> None:
    assert [text[s:e] for s, e in find_normalised(text, query)] == found


def test_find_normalised_rejects_an_empty_query() -> None:
    with pytest.raises(ValueError, match="empty once normalised"):
        find_normalised("نص", "ـــ")
