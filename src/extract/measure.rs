//! Stages 4 and 5: comparators, units, and the quantity mentions they form with a number.
//!
//! A quantity mention is a number with a unit (`37.1亿元`, `25%`, `1.5万家`, `近3千余人`,
//! `10家以上`), the comparator its neighbours give it, and its exact value (money in yuan,
//! multipliers applied). Numbers that are not quantities are dropped here: years and dates
//! (`2023年`, `5月14日`), ordinals (`第30届`, `一是`), numbers without a unit (`2020东亚…`,
//! phone numbers, `13号线`), formula slogans (`1+6+N`, `5+5+7`), the lone numeral 一 of idioms
//! (`一马当先`, `一揽子`), quoted slogans (`“三个特点”`) and counts of abstractions
//! (`六个发展定位`, `三个方面`).

use super::numbers::{self, Num};
use super::text::{self, char_at, char_before};
use crate::model::{Comparator, Decimal};

/// The unit of a quantity mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QUnit {
    /// Money; the value is in yuan.
    Yuan,
    /// Percent.
    Percent,
    /// A measure word as written.
    Word(&'static str),
}

/// A number with its unit and comparator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QMention {
    /// Start byte, comparator prefix included.
    pub start: usize,
    /// Start byte of the number itself.
    pub num_start: usize,
    /// End byte, unit and comparator suffix included.
    pub end: usize,
    /// End byte of the unit (before any 以上/左右 suffix).
    pub unit_end: usize,
    /// The value (yuan for money).
    pub value: Decimal,
    /// Upper end of a range.
    pub upper: Option<Decimal>,
    /// Unit.
    pub unit: QUnit,
    /// Comparator.
    pub comparator: Comparator,
    /// Whether the number was written in Chinese numerals.
    pub chinese: bool,
}

/// Measure words, longest first where one is a prefix of another.
const MEASURE_WORDS: &[&str] = &[
    "平方公里",
    "平方米",
    "立方米",
    "标准箱",
    "个百分点",
    "人次",
    "平米",
    "公里",
    "千米",
    "公顷",
    "千瓦",
    "兆瓦",
    "个",
    "家",
    "人",
    "亩",
    "米",
    "项",
    "艘",
    "座",
    "处",
    "所",
    "条",
    "件",
    "名",
    "类",
    "户",
    "台",
    "辆",
    "套",
    "栋",
    "吨",
    "批",
    "位",
    "间",
];

/// Words after `N个` that make the number a count of abstractions, not a quantity.
const ABSTRACT_NOUNS: &[&str] = &[
    "方面",
    "定位",
    "特点",
    "趋势",
    "要求",
    "关键词",
    "主线",
    "环节",
    "底线",
    "原则",
    "思路",
    "维度",
    "层面",
    "方案",
    "意识",
    "自信",
    "全面",
    "统筹",
    "坚持",
    "聚焦",
    "确保",
    "导向",
    "一流",
    "作风",
    "务必",
    "必须",
    "不变",
    "抓手",
    "问题",
    "字",
];

/// Nouns that a 所 count is about (schools, institutes); elsewhere 所 is part of a name (a research institute's number).
const SUO_NOUNS: &[char] = &['校', '学', '院', '园', '医', '馆', '所', '站'];

/// Words that, right before a number, make it a comparator's figure.
fn prefix_comparator(before: &str) -> Option<(Comparator, usize)> {
    const TABLE: &[(&str, Comparator)] = &[
        ("不超过", Comparator::AtMost),
        ("不高于", Comparator::AtMost),
        ("不低于", Comparator::AtLeast),
        ("不少于", Comparator::AtLeast),
        ("至少", Comparator::AtLeast),
        ("超过", Comparator::Over),
        ("突破", Comparator::Over),
        ("高于", Comparator::Over),
        ("多于", Comparator::Over),
        ("大约", Comparator::About),
        ("接近", Comparator::About),
        ("超", Comparator::Over),
        ("逾", Comparator::Over),
        ("近", Comparator::About),
        ("约", Comparator::About),
    ];
    TABLE
        .iter()
        .find(|(w, _)| before.ends_with(w))
        .map(|&(w, c)| (c, w.len()))
}

/// Comparator words after the unit: 以上, 左右, 以内 …
fn suffix_comparator(after: &str) -> Option<(Comparator, usize)> {
    const TABLE: &[(&str, Comparator)] = &[
        ("以上", Comparator::AtLeast),
        ("及以上", Comparator::AtLeast),
        ("左右", Comparator::About),
        ("上下", Comparator::About),
        ("以内", Comparator::AtMost),
        ("以下", Comparator::AtMost),
    ];
    TABLE
        .iter()
        .find(|(w, _)| after.starts_with(w))
        .map(|&(w, c)| (c, w.len()))
}

/// Time words after a number: the number is a date or a duration, not a quantity.
fn is_time_unit(after: &str) -> bool {
    [
        "年", "月", "日", "号", "时", "届", "期", "周", "季度", "天", "世纪", "点", "分", "秒",
        "次", "轮",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

/// The unit right at `pos`, with its length in bytes.
fn unit_at(text: &str, pos: usize) -> Option<(QUnit, usize)> {
    let rest = text.get(pos..)?;
    if rest.starts_with('%') || rest.starts_with('‰') {
        return Some((QUnit::Percent, 1));
    }
    if rest.starts_with("亿元") {
        return Some((QUnit::Yuan, "亿元".len()));
    }
    if rest.starts_with("万元") {
        return Some((QUnit::Yuan, "万元".len()));
    }
    if rest.starts_with('元') {
        return Some((QUnit::Yuan, '元'.len_utf8()));
    }
    MEASURE_WORDS
        .iter()
        .find(|w| rest.starts_with(**w))
        .map(|w| (QUnit::Word(w), w.len()))
}

fn unit_multiplier(text: &str, pos: usize) -> i64 {
    let rest = text.get(pos..).unwrap_or("");
    if rest.starts_with("亿元") {
        100_000_000
    } else if rest.starts_with("万元") {
        10_000
    } else {
        1
    }
}

/// Quantity mentions in `text` (normalised), in order. `quotes` are the quoted stretches of the
/// whole text; a number inside a short quotation is part of a slogan.
pub(crate) fn scan(text: &str, quotes: &[std::ops::Range<usize>]) -> Vec<QMention> {
    let mut out = Vec::new();
    for n in numbers::scan(text) {
        if let Some(q) = mention(text, &n, quotes) {
            out.push(q);
        }
    }
    out
}

fn mention(text: &str, n: &Num, quotes: &[std::ops::Range<usize>]) -> Option<QMention> {
    let prev = char_before(text, n.start);
    // Ordinals, formula slogans, codes glued to letters.
    if matches!(prev, Some('第' | '+' | '.' | '-' | '/' | '#' | '№' | '＃'))
        || prev.is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    // A number in a short quotation is part of a slogan ("三个特点", "5+5+7"). Only the first
    // 11 characters are counted: a long quotation holding many numbers must not be counted
    // once per number.
    let i = quotes.partition_point(|q| q.start <= n.start);
    let inside = i
        .checked_sub(1)
        .and_then(|j| quotes.get(j))
        .is_some_and(|q| {
            q.start <= n.start
                && n.end <= q.end
                && text::sub(text, q.start, q.end).chars().nth(10).is_none()
        });
    if inside {
        return None;
    }
    let mut pos = n.end;
    let mut comparator = Comparator::Eq;
    let mut chinese = n.chinese;
    let mut value = n.value;
    let mut num_start = n.start;
    let mut start = n.start;
    // 百分之二十
    let before3 = text::before(text, 0, n.start, 3);
    let percent_words = before3 == "百分之";
    if percent_words {
        num_start = n.start - "百分之".len();
        start = num_start;
        chinese = true;
    }
    match char_at(text, pos) {
        Some('+') => return None,
        Some(c @ ('余' | '多')) => {
            comparator = Comparator::Over;
            pos += c.len_utf8();
        }
        _ => {}
    }
    let after_num = text::after(text, pos, text.len(), 3);
    if !percent_words && is_time_unit(after_num) {
        return None;
    }
    let (unit, unit_len) = if percent_words {
        (QUnit::Percent, 0)
    } else {
        match unit_at(text, pos) {
            Some(u) => u,
            None => {
                // "千余就业岗位": an approximate count straight before its noun counts as 个.
                let next = char_at(text, pos);
                if comparator == Comparator::Over
                    && chinese
                    && next.is_some_and(super::normalize::is_han)
                {
                    (QUnit::Word("个"), 0)
                } else if !chinese
                    && n.value.to_integer().is_some_and(|v| v > 0)
                    && looks_like_money_context(text, n.start)
                    && text::sub(text, n.start, n.end).contains(['亿', '万'])
                {
                    (QUnit::Yuan, 0)
                } else {
                    return None;
                }
            }
        }
    };
    let unit_start = pos;
    let unit_end = pos + unit_len;
    // The lone numeral 一 ("一个项目", "一条街", "一批") is an article, not a count.
    if chinese && value == Decimal::from_int(1) && !percent_words {
        return None;
    }
    if let QUnit::Word(w) = unit {
        let tail = text::after(text, unit_end, text.len(), 6);
        let near: String = tail.chars().take(4).collect();
        if ABSTRACT_NOUNS.iter().any(|a| near.contains(a)) {
            return None;
        }
        if w == "所" && !tail.chars().take(5).any(|c| SUO_NOUNS.contains(&c)) {
            return None;
        }
        if w == "个" && tail.starts_with("百分点") {
            return None;
        }
        // "5年" was handled above; "3个月" is a duration.
        if w == "个"
            && (tail.starts_with('月') || tail.starts_with("小时") || tail.starts_with("工作日"))
        {
            return None;
        }
        if w == "名" && tail.starts_with('列') {
            return None;
        }
    }
    if unit == QUnit::Yuan {
        let k = unit_multiplier(text, unit_start);
        value = value.checked_mul_int(k).ok()?;
        value.to_integer()?;
    }
    let upper = match (n.upper, unit) {
        (Some(u), QUnit::Yuan) => u.checked_mul_int(unit_multiplier(text, unit_start)).ok(),
        (u, _) => u,
    };
    let mut end = unit_end;
    if comparator == Comparator::Eq {
        if let Some((c, len)) = suffix_comparator(text.get(end..).unwrap_or("")) {
            comparator = c;
            end += len;
        }
    } else if let Some((_, len)) = suffix_comparator(text.get(end..).unwrap_or("")) {
        end += len;
    }
    // A prefix comparator wins over 余/多 ("近3千余人" is about 3000).
    if let Some((c, len)) = prefix_comparator(text::before(text, 0, start, 3)) {
        comparator = c;
        start = start.saturating_sub(len);
    }
    Some(QMention {
        start,
        num_start,
        end,
        unit_end,
        value,
        upper,
        unit,
        comparator,
        chinese,
    })
}

fn looks_like_money_context(text: &str, pos: usize) -> bool {
    let b = text::before(text, 0, pos, 6);
    [
        "投资",
        "产值",
        "税收",
        "收入",
        "资金",
        "基金",
        "营收",
        "销售额",
        "增加值",
    ]
    .iter()
    .any(|w| b.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Option<(String, QUnit, Comparator)> {
        let v = scan(s, &[]);
        assert!(v.len() <= 1, "{s}: {v:?}");
        v.first()
            .map(|q| (q.value.to_string(), q.unit, q.comparator))
    }

    #[test]
    fn reads_quantities() {
        assert_eq!(
            one("总投资37.1亿元"),
            Some(("3710000000".into(), QUnit::Yuan, Comparator::Eq))
        );
        assert_eq!(
            one("吸纳就业近3千余人"),
            Some(("3000".into(), QUnit::Word("人"), Comparator::About))
        );
        assert_eq!(
            one("培育企业10家以上"),
            Some(("10".into(), QUnit::Word("家"), Comparator::AtLeast))
        );
        assert_eq!(
            one("提供千余就业岗位"),
            Some(("1000".into(), QUnit::Word("个"), Comparator::Over))
        );
        assert_eq!(
            one("新增个体工商户1.5万家"),
            Some(("15000".into(), QUnit::Word("家"), Comparator::Eq))
        );
        assert_eq!(
            one("增长百分之二十"),
            Some(("20".into(), QUnit::Percent, Comparator::Eq))
        );
    }

    #[test]
    fn rejects_non_quantities() {
        for s in [
            "2023年",
            "5月14日",
            "第30届",
            "一是",
            "地铁13号线",
            "605所特种装备研制",
            "一马当先",
            "1+6+N",
            "六个发展定位",
            "十九届四中全会",
            "一个项目",
            "0532-86888888",
        ] {
            assert_eq!(one(s), None, "{s}");
        }
    }
}
