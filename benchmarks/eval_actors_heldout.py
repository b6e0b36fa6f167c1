"""Held-out check of actor matching: 42 short items written for this check, gold spans fixed
BEFORE the matcher was run on them (issue 12). Styles: wire copy, Gulf, Iraqi, Iranian Arabic
services, Maghreb, forum; eras 1990s-2026.

Gold: (actor_id, surface) of every mention a careful annotator would count with the lexicon's
actors, places excluded (في بغداد, في البيت الأبيض), metonymy and short forms with a clear
referent included, even where the rules cannot find them. A prediction is a true positive when
it has the gold actor_id and overlaps the gold span (each gold mention matched once).

Run: ``.venv/bin/python benchmarks/eval_actors_heldout.py`` (prints misses and false alarms and
micro precision / recall / F1).
"""

from __future__ import annotations

from helpers.actors import find_actor_mentions

ITEMS: list[tuple[str, list[tuple[str, str]]]] = [
    ("أعلنت قيادةُ العمليات المشتركة، الثلاثاء، مقتلَ خمسة من عناصر داعش في صحراء الأنبار.",
     [("iraqi_forces", "قيادةُ العمليات المشتركة"), ("isis", "داعش")]),
    ("وقال المتحدث باسم التحالف الدولى لمحاربة داعش إن قوات التحالف ستواصل دعم القوات العراقية.",
     [("coalition", "التحالف الدولى لمحاربة داعش"), ("coalition", "قوات التحالف"), ("iraqi_forces", "القوات العراقية")]),
    ("بغداد - (أ ف ب): رفضت الحكومة العراقية أمس الدعوات الأمريكية لتأجيل الانسحاب.",
     [("afp", "أ ف ب"), ("iraq_gov", "الحكومة العراقية")]),
    ("وتتهم واشنطن فصائلَ مسلحة مدعومة من طهران باستهداف قواعدها في العراق وسوريا.",
     [("us", "واشنطن"), ("armed_factions", "فصائلَ مسلحة"), ("iran", "طهران")]),
    ("أكد رئيس حكومة إقليم كوردستان مسرور بارزاني أن البيشمركه لن تنسحب من المناطق المتنازع عليها.",
     [("kurdistan_region", "حكومة إقليم كوردستان"), ("barzani", "مسرور بارزاني"), ("peshmerga", "البيشمركه")]),
    ("ودعت طهرانُ القواتِ الأجنبية إلى مغادرة المنطقة.", [("iran", "طهرانُ")]),
    ("شهدت شوارع بغداد تظاهرات حاشدة للتيار الصدري تطالب بخروج الأمريكان.",
     [("sadrist_movement", "للتيار الصدري"), ("us", "الأمريكان")]),
    ("قالت الخارجية الامريكية في بيان إن السفارة في بغداد ستبقى مفتوحة.",
     [("us_state_dept", "الخارجية الامريكية"), ("us_embassy", "السفارة")]),
    ("من جهتها، طالبت كتلةُ الفتح بإخراج القوات الأميركية، فيما أعلنت عصائبُ أهل الحق تعليق عملياتها.",
     [("us_military", "القوات الأميركية"), ("asaib_ahl_al_haq", "عصائبُ أهل الحق")]),
    ("وكانت سلطة الائتلاف المؤقتة قد حلّت الجيش العراقي السابق عام 2003 بقرار من بول بريمر.",
     [("cpa", "سلطة الائتلاف المؤقتة"), ("iraqi_forces", "الجيش العراقي"), ("bremer", "بول بريمر")]),
    ("وصل وزير الخارجية الإيراني إلى بغداد في زيارة تستمر يومين.", [("iran", "وزير الخارجية الإيراني")]),
    ("أفادت خلية الإعلام الأمني بسقوط صاروخين قرب السفارة الأمريكية في المنطقة الخضراء.",
     [("iraqi_forces", "خلية الإعلام الأمني"), ("us_embassy", "السفارة الأمريكية")]),
    ("واشنطن ترفض الجدول الزمني الذي اقترحته بغداد للانسحاب", [("us", "واشنطن"), ("iraq_gov", "بغداد")]),
    ("التقى السوداني بالرئيس الأمريكي جو بايدن في البيت الأبيض منتصف نيسان/أبريل.",
     [("al_sudani", "السوداني"), ("biden", "بالرئيس الأمريكي جو بايدن")]),
    ("وأعلن الحشد الشعبي إحباط هجوم، وقال الحشد في بيان إن قواته صدت المهاجمين.",
     [("pmf", "الحشد الشعبي"), ("pmf", "الحشد")]),
    ("اعتقلت قوات الأسايش الكردية في السليمانية ثلاثة مشتبه بهم بالانتماء لتنظيم الدولة.",
     [("kurdistan_region", "قوات الأسايش"), ("isis", "لتنظيم الدولة")]),
    ("ونفّذت مقاتلاتُ التحالفِ غاراتٍ على مواقع للتنظيم شمال العراق.", [("coalition", "التحالفِ")]),
    ("الجيش الأمريكي يعلن مقتل جندي أمريكي في هجوم بطائرة مسيرة على قاعدة البرج 22 في الأردن.",
     [("us_military", "الجيش الأمريكي"), ("us_military", "جندي أمريكي")]),
    ("وشدد البرلمان العراقي في جلسته على ضرورة إنهاء مهمة التحالف الدولي.",
     [("iraqi_parliament", "البرلمان العراقي"), ("coalition", "التحالف الدولي")]),
    ("من جانبه، قال الناطق باسم كتائب حزب الله أبو علي العسكري إن المقاومة لن تتوقف.",
     [("kataib_hezbollah", "كتائب حزب الله"), ("armed_factions", "المقاومة")]),
    ("أعلنت أنقرة أن الجيش التركي قصف مواقع لحزب العمال الكردستاني في دهوك.",
     [("turkey", "أنقرة"), ("turkey", "الجيش التركي")]),
    ("يا جماعة الخير، الامريكان ما راح يطلعون من العراق إلا بالقوة", [("us", "الامريكان")]),
    ("واعتبرت الجمهورية الإسلامية أن الوجود الأمريكي في المنطقة مصدر عدم استقرار.",
     [("iran", "الجمهورية الإسلامية")]),
    ("قالت وزارة الدفاع الأمريكية (البنتاغون) إن نحو 2500 جندي أمريكي سيبقون في العراق.",
     [("us_military", "وزارة الدفاع الأمريكية (البنتاغون)"), ("us_military", "جندي أمريكي")]),
    ("واستقبل رئيس الجمهورية العراقي عبد اللطيف رشيد السفيرة الأمريكية ألينا رومانوسكي.",
     [("iraq_gov", "رئيس الجمهورية العراقي"), ("romanowski", "السفيرة الأمريكية ألينا رومانوسكي")]),
    ("المغرب: الرباط ترحب بالاتفاق بين واشنطن وبغداد", [("us", "واشنطن"), ("iraq_gov", "وبغداد")]),
    ("وأكدت السلطات الكردية في أربيل أن الهجوم استهدف منشأة مدنية.", [("kurdistan_region", "السلطات الكردية")]),
    ("وطالب زعيم التيار الصدري مقتدى الصدر بانسحاب القوات الامريكية وبعثة الناتو.",
     [("muqtada_al_sadr", "زعيم التيار الصدري مقتدى الصدر"), ("us_military", "القوات الامريكية"),
      ("nato_mission_iraq", "وبعثة الناتو")]),
    ("وتخشى الرياض من تمدد النفوذ الإيراني في العراق.", [("saudi_arabia", "الرياض")]),
    ("تعرضت قاعدة عين الأسد التي تضم قوات أمريكية لهجوم بصواريخ كاتيوشا.", [("us_military", "قوات أمريكية")]),
    ("وفي عام 2007 أرسلت إدارة بوش نحو 30 ألف جندي إضافي إلى العراق.", [("white_house", "إدارة بوش")]),
    ("وقالت الحكومة العراقية إن الحكومة ستتخذ الإجراءات اللازمة بحق المتورطين.",
     [("iraq_gov", "الحكومة العراقية"), ("iraq_gov", "الحكومة")]),
    ("أكدت منظمة بدر بزعامة هادي العامري دعمها للحكومة.",
     [("badr", "منظمة بدر"), ("hadi_al_amiri", "هادي العامري"), ("iraq_gov", "للحكومة")]),
    ("ونقلت وكالة مهر للأنباء عن مصدر مطلع أن طهران لن تقف مكتوفة الأيدي.",
     [("mehr", "وكالة مهر"), ("iran", "طهران")]),
    ("وانتشرت قوات من الجيش والشرطة العراقية في محيط المنطقة الخضراء.",
     [("iraqi_forces", "الجيش والشرطة العراقية")]),
    ("قال المتحدث باسم البنتاغون إن القيادة المركزية الأمريكية نفذت الضربة.",
     [("us_military", "البنتاغون"), ("us_military", "القيادة المركزية الأمريكية")]),
    ("ورحب الإتحاد الأوروبى بالاتفاق بين العراق والولايات المتحدة.",
     [("eu", "الإتحاد الأوروبى"), ("iraq", "العراق"), ("us", "والولايات المتحدة")]),
    ("وفي تسعينيات القرن الماضي فرضت الأمم المتحدة عقوبات على نظام صدام حسين.",
     [("un", "الأمم المتحدة"), ("baath_regime", "نظام صدام حسين")]),
    ("أفاد مراسلنا في كركوك بأن قوات البيشمركه انسحبت من مواقعها.", [("peshmerga", "قوات البيشمركه")]),
    ("وأشار المالكي إلى أن حكومته لن تسمح باستخدام الأراضي العراقية لضرب دول الجوار.", [("al_maliki", "المالكي")]),
    ("شنت إسرائيل غارات على مواقع لفصائل عراقية في سوريا", [("israel", "إسرائيل"), ("armed_factions", "لفصائل عراقية")]),
    ("هدد المرشد الإيراني علي خامنئي بالرد على اغتيال سليماني",
     [("iran", "المرشد الإيراني علي خامنئي"), ("soleimani", "سليماني")]),
]


def gold_spans(text: str, gold: list[tuple[str, str]]) -> list[tuple[str, int, int]]:
    spans, cursor = [], 0
    for actor_id, surface in gold:
        start = text.index(surface, cursor)
        spans.append((actor_id, start, start + len(surface)))
        cursor = start + len(surface)
    return spans


def main() -> int:
    tp = fp = fn = 0
    for text, gold in ITEMS:
        expected = gold_spans(text, gold)
        found = find_actor_mentions(text)
        predicted = list(zip(found["actor_id"], found["start"], found["end"], found["surface"]))
        used = set()
        for actor_id, start, end, surface in predicted:
            hit = next((i for i, (a, s, e) in enumerate(expected)
                        if i not in used and a == actor_id and start < e and s < end), None)
            if hit is None:
                fp += 1
                print(f"false alarm: {actor_id:18} {surface!r}  in {text[:50]!r}")
            else:
                used.add(hit)
                tp += 1
        for i, (actor_id, s, e) in enumerate(expected):
            if i not in used:
                fn += 1
                print(f"missed:      {actor_id:18} {text[s:e]!r}  in {text[:50]!r}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"items {len(ITEMS)}, gold {tp + fn}, predicted {tp + fp}: tp {tp} fp {fp} fn {fn}; "
          f"micro precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
