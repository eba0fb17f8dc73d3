//! The extractor never panics and always reports spans inside the text it was given: on
//! arbitrary strings, on strings made of the characters the rules care about, and on the corpus
//! articles with random cuts and insertions.

mod extract_support;

use extract_support::{corpus_texts, extractor};
use planledger::extract::{Document, Fact};
use proptest::prelude::*;

/// Extracts and checks every span against the text.
fn check(text: &str) {
    let n = text.chars().count() as u32;
    let e = extractor().extract(&Document::new(text).with_year(2020));
    for f in &e.facts {
        let s = f.span();
        assert!(
            s.start() <= s.end() && s.end() <= n,
            "span {s:?} outside a text of {n} chars: {f:?}"
        );
    }
    // And without a date.
    let _ = extractor().extract(&Document::new(text));
}

/// Characters the rules react to: digits in both widths, Chinese numerals and multipliers,
/// units, comparators, punctuation, quotes, line breaks and spaces.
fn ruly_char() -> impl Strategy<Value = char> {
    prop::sample::select(
        "0123456789０１２３４５６７８９.．%％+-一二两三四五六七八九十百千万亿元个家人亩米项条所等是年月底内今去超近约余多以上左右不低于超过突破，。、；：“”（）\n 　镇区市委书记长攻坚战行动计划工程总投资签约开工建设竣工投产要将已了的和"
            .chars()
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn strings_of_rule_characters(chars in prop::collection::vec(ruly_char(), 0..200)) {
        let s: String = chars.into_iter().collect();
        check(&s);
    }

    #[test]
    fn corpus_with_cuts_and_insertions(
        which in any::<prop::sample::Index>(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..6),
        inserts in prop::collection::vec((any::<prop::sample::Index>(), any::<String>()), 0..6),
    ) {
        let texts = corpus_texts();
        if texts.is_empty() {
            return Ok(());
        }
        let (_, text) = &texts[which.index(texts.len())];
        let mut chars: Vec<char> = text.chars().collect();
        for (a, b) in cuts {
            if chars.is_empty() {
                break;
            }
            let (mut i, mut j) = (a.index(chars.len()), b.index(chars.len()));
            if i > j {
                std::mem::swap(&mut i, &mut j);
            }
            chars.drain(i..j.min(i + 200));
        }
        for (at, s) in inserts {
            let i = at.index(chars.len() + 1);
            chars.splice(i..i, s.chars());
        }
        let mutated: String = chars.into_iter().collect();
        check(&mutated);
    }
}

#[test]
fn edge_cases() {
    for s in [
        "",
        "\n",
        "\n\n\n",
        "　　",
        "“",
        "”",
        "“”“”",
        "总投资",
        "总投资亿元",
        "总投资9999999999999999999亿元的9999999999个项目",
        "增长99999999999999999999999%",
        "亿亿亿亿亿亿亿亿亿亿亿亿元",
        "一二三四五六七八九十百千万亿个",
        "2-",
        "-3年内",
        "1,",
        ",000",
        "0.00001亿元",
        "百分之",
        "市委书记",
        "书记强调",
        "等等等等项目",
        "、、、等4条道路建设",
        "访",
        "——访",
        "\u{feff}\u{200b}",
        "𠀀𠀁𠀂 书记在",
        "1\n2\n3\n4",
    ] {
        check(s);
    }
    check(&"一".repeat(10_000));
    check(&"“".repeat(5_000));
    check(&"、".repeat(5_000));
    check(&"12个".repeat(3_000));
}

/// Every year and date a fact carries, as a year.
fn years_of(f: &Fact) -> Vec<i32> {
    let v = serde_json::to_value(f).expect("facts serialise");
    let mut years = Vec::new();
    for key in ["year", "deadline", "date"] {
        match &v[key] {
            serde_json::Value::Number(n) => years.extend(n.as_i64().map(|y| y as i32)),
            serde_json::Value::String(s) => {
                years.extend(s.get(..4).and_then(|y| y.parse::<i32>().ok()))
            }
            _ => {}
        }
    }
    years
}

/// Documents dated at either end of the calendar the ledger accepts: 明年 of 9999 and 去年 or
/// 前年 of 1000 would be years the ledger refuses, so the extractor leaves them unresolved.
#[test]
fn relative_years_stay_inside_the_calendar() {
    let text = "明年全区生产总值增长5%。去年全区生产总值增长6%，前年增长7%。\
                今年签约落地6个项目、总投资24.8亿元，明年底前竣工。明年是“攻坚年”。";
    for year in [1000, 1001, 2023, 9998, 9999] {
        let e = extractor().extract(&Document::new(text).with_year(year));
        assert!(!e.facts.is_empty(), "{year}: no facts");
        for f in &e.facts {
            for y in years_of(f) {
                assert!((1000..=9999).contains(&y), "document year {year}: {f:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_year_outside_the_calendar(
        year in prop_oneof![1000i32..1003, 9997i32..=9999, 1000i32..=9999],
        words in prop::collection::vec(prop::sample::select(vec![
            "明年", "去年", "前年", "今年", "年底", "年内", "上半年", "5月底", "截至去年底",
            "增长5%", "签约6个项目", "总投资24.8亿元", "。", "，", "全区",
        ]), 1..12),
    ) {
        let text: String = words.concat();
        let e = extractor().extract(&Document::new(&text).with_year(year));
        for f in &e.facts {
            for y in years_of(f) {
                prop_assert!((1000..=9999).contains(&y), "document year {}: {:?}", year, f);
            }
        }
    }
}
