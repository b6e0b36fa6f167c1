"""A held-out set for helpers.numbers, written before its first run (issue 12).

40 short items in styles not used in the rule tables: each gives a headline (context, may be
empty), a text, the US/coalition troop levels a reader finds in it (value, where), and the
numbers in it that are NOT counts of people (distractors, by their digits or words). Run
``python tests/numbers_heldout.py`` for precision / recall; ``tests/test_numbers_heldout.py``
keeps the measured scores from regressing.
"""

from __future__ import annotations

# (context, text, levels [(value, where)], distractors [marker])
HELDOUT: list[tuple[str, str, list[tuple[int, str | None]], list[str]]] = [
    ("", "أكد المتحدث باسم البنتاغون أن عدد القوات الأمريكية الموجودة في العراق يبلغ حاليا نحو 2500 عسكري.",
     [(2500, "iraq")], []),
    ("", "بغداد - (أ ف ب): تحتفظ الولايات المتحدة بقرابة ألفين وخمسمئة جندي في العراق وتسعمئة في سوريا.",
     [(2500, "iraq"), (900, "syria")], []),
    ("", "وكانت القوات الامريكيه قد بلغت ذروتها في العراق سنة 2007 بنحو 170 الف جندي ابان خطة زيادة القوات.",
     [(170000, "iraq")], ["2007"]),
    ("", "ويتواجد في قاعدة عين الأسد غربي العراق ما بين ألف وألفي جندي أمريكي بحسب مصادر محلية.",
     [(1000, "iraq")], []),
    ("الانسحاب الأمريكي من العراق", "وأوضح المصدر أن نحو 3000 جندي سيبقون في البلاد بعد انتهاء المهمة القتالية.",
     [(3000, "iraq")], []),
    ("", "أعلنت وزارة الدفاع الأمريكية إرسال 750 جنديا من الفرقة 82 المحمولة جوا إلى الكويت.",
     [], ["82"]),
    ("", "قتل ثلاثة جنود أمريكيين وأصيب 34 آخرون في هجوم بطائرة مسيرة على البرج 22 في الأردن.",
     [], ["22"]),
    ("", "قررت الإدارة الأميركية سحب 2200 عسكري من العراق ليصبح عدد القوات هناك 3000 عسكري.",
     [(3000, "iraq")], []),
    ("", "ذكرت وكالة مهر أن الاحتلال الأمريكي يحتفظ بأكثر من 2500 عنصر في قواعده بالعراق و900 في سوريا.",
     [(2500, "iraq"), (900, "syria")], []),
    ("", "يخدم في الكويت حاليا ما يقارب 13500 من أفراد الجيش الأمريكي.",
     [(13500, "kuwait")], []),
    ("", "ويضم التحالف الدولي بقيادة واشنطن قرابة 4000 عسكري من 30 دولة في العراق.",
     [(4000, "iraq")], []),
    ("", "المشاركات: 1,204 | الأعضاء: 77 | تاريخ التسجيل 03-2011",
     [], ["1,204", "77", "03"]),
    ("", "١- خروج القوات الأجنبية  ٢- حصر السلاح بيد الدولة",
     [], ["١", "٢"]),
    ("", "وتشير التقديرات إلى أن عدد الجنود الأمريكيين في سوريا يتراوح بين 900 و1000 جندي.",
     [(900, "syria")], []),
    ("", "قال مسؤول عسكري إن واشنطن تعتزم خفض عدد قواتها في العراق إلى 2000 جندي بحلول سبتمبر 2025.",
     [(2000, "iraq")], ["2025"]),
    ("", "وفي عام ألفين وأحد عشر غادر آخر جندي أمريكي الأراضي العراقية.",
     [], ["ألفين"]),
    ("", "أسفرت الهجمات عن مقتل 4487 جنديا أمريكيا منذ غزو العراق عام 2003.",
     [], ["2003"]),
    ("", "فاز المرشح بفارق 1200 صوت عن منافسه في الدائرة الثانية.",
     [], ["1200"]),
    ("", "تنتشر في أفغانستان قوة أطلسية قوامها 13 ألف جندي بينهم 8 آلاف أمريكي.",
     [(8000, "afghanistan")], []),
    ("", "وصل عدد أفراد بعثة حلف شمال الأطلسي في العراق إلى نحو 500 عنصر.",
     [], []),
    ("القوات الأمريكية في العراق", "وتراجع عديد القوات منذ عام 2019 من 5200 إلى 2500 جندي.",
     [(5200, "iraq"), (2500, "iraq")], ["2019"]),
    ("", "نشرت الولايات المتحدة نحو مئتي مستشار عسكري في قاعدة التاجي شمال بغداد.",
     [(200, "iraq")], []),
    ("", "وبحسب الصحيفة فإن بضعة آلاف من الجنود الأمريكيين ما زالوا متمركزين في شمال شرق سوريا.",
     [(3000, "syria")], []),
    ("", "الساعة 10:45 صباحا بتوقيت بغداد، اجتمع 12 نائبا لمناقشة قرار إخراج القوات الأجنبية.",
     [], ["10:45"]),
    ("", "عدد المشاهدات 15230 - نشر بتاريخ 2020-01-05",
     [], ["15230", "2020"]),
    ("", "ارتفع عدد المستشارين العسكريين الأمريكيين في العراق إلى 3100 مستشار بعد قرار أوباما.",
     [(3100, "iraq")], []),
    ("", "تمركزت 4 ألوية أمريكية قوامها نحو 20 ألف جندي في بغداد خلال عام 2007.",
     [(20000, "iraq")], ["2007"]),
    ("", "أكثر من 100 ألف جندي أمريكي كانوا ينتشرون في العراق حتى منتصف عام 2009.",
     [(100000, "iraq")], ["2009"]),
    ("", "وأضاف البيان أن 60 جنديا أمريكيا أصيبوا بارتجاج في الدماغ جراء القصف الإيراني.",
     [], []),
    ("", "تستضيف قطر في قاعدة العديد نحو 10 آلاف عسكري أمريكي.",
     [(10000, "qatar")], []),
    ("", "ويقدر عدد المقاتلين في صفوف الحشد الشعبي بنحو 160 ألف مقاتل.",
     [], []),
    ("", "رد البرلمان العراقي بالتصويت بأغلبية 170 صوتا على إنهاء وجود القوات الأجنبية.",
     [], ["170"]),
    ("", "كان عديد القوات الأميركية في العراق عند الغزو يناهز 150 ألف عسكري.",
     [(150000, "iraq")], []),
    ("", "تضاعف عدد الجنود الأمريكيين في الشرق الأوسط ليصل إلى 40 ألفا بعد اندلاع الحرب على غزة.",
     [(40000, "region")], []),
    ("", "أرسلت واشنطن تعزيزات تضم 1500 جندي إضافي إلى المنطقة.",
     [], []),
    ("", "نقلت رويترز عن مسؤولين أن الولايات المتحدة ستبقي على 2,500 جندي في العراق.",
     [(2500, "iraq")], []),
    ("", "وأشار التقرير (صفحة 14) إلى أن نحو ٩٠٠ جندي أميركي يعملون في سوريا.",
     [(900, "syria")], ["14"]),
    ("", "لا يتجاوز عدد المدربين الأمريكيين في الإقليم 200 مدرب بحسب وزارة البيشمركة.",
     [(200, None)], []),
    ("", "سجل عام 2016 أكبر عدد من الضربات الجوية للتحالف بواقع 7 آلاف ضربة.",
     [], ["2016"]),
    ("", "وتملك واشنطن قرابة 900 عسكري في سوريا و2500 في العراق فضلا عن 40 ألفا في المنطقة.",
     [(900, "syria"), (2500, "iraq"), (40000, "region")], []),
]


PEOPLE = {"force", "person", "combatant", "casualty", "detainee"}


def evaluate(verbose: bool = False) -> dict[str, float]:
    """Precision and recall of US/coalition troop levels (value and place must match), and the
    share of distractors reported as counts of people."""
    from helpers.arabic.normalize import normalize_for_matching
    from helpers.numbers import find_number_mentions

    tp = fp = fn = 0
    distractors = distractor_hits = 0
    for context, text, gold, markers in HELDOUT:
        mentions = find_number_mentions(text, context)
        found = [(m.value, m.where) for m in mentions if m.is_us_troop_level]
        remaining = list(gold)
        for item in found:
            if item in remaining:
                remaining.remove(item)
                tp += 1
            else:
                fp += 1
                if verbose:
                    print("FP", item, "|", text)
        fn += len(remaining)
        if verbose and remaining:
            print("FN", remaining, "|", text)
        for marker in markers:
            distractors += 1
            at = text.index(marker)
            hit = [m for m in mentions if m.start <= at < m.end and m.kind == "count"
                   and (m.unit_category in PEOPLE or m.unit is None)]
            if hit:
                distractor_hits += 1
                if verbose:
                    print("DISTRACTOR", marker, [(m.surface, m.unit) for m in hit], "|", normalize_for_matching(text)[:40])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
            "distractors": distractors, "distractors_as_people": distractor_hits}


if __name__ == "__main__":
    print(evaluate(verbose=True))
