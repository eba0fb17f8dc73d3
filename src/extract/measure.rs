//! Stages 4 and 5: comparators, units, and the quantity mentions they form with a number.
//!
//! A quantity mention is a number with a unit (`37.1亿元`, `25%`, `1.5万家`, `近3千余人`,
//! `10家以上`), the comparator its neighbours give it, and its exact value (money in yuan,
//! multipliers applied). Numbers that are not quantities are dropped here: years and dates
//! (`2023年`, `5月14日`), ordinals (`第30届`, `一是`), numbers without a unit (`2020东亚…`,
//! phone numbers, `13号线`), formula slogans (`1+6+N`, `5+5+7`), the lone numeral 一 of idioms
//! (`一马当先`, `一揽子`), quoted slogans (`“三个特点”`) and counts of abstractions
//! (`六个发展定位`, `三个方面`).

use super::lexicon::{comparators, counted, units};
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

/// Time words after a number: the number is a date or a duration, not a quantity.
fn is_time_unit(after: &str) -> bool {
    [
        "年", "月", "日", "号", "时", "届", "期", "周", "季度", "天", "世纪", "点", "分", "秒",
        "轮",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

/// The unit at `pos` (one space before it allowed: "500 张"), with the bytes it takes.
fn unit_at(text: &str, pos: usize) -> Option<(&'static units::UnitWord, usize)> {
    let rest = text.get(pos..)?;
    let (rest, space) = match rest.strip_prefix(' ') {
        Some(r) => (r, 1),
        None => (rest, 0),
    };
    units::unit_at(rest).map(|u| (u, space + u.written.len()))
}

/// Quantity mentions in `text` (normalised), in order. `quotes` are the quoted stretches of the
/// whole text; a number inside a short quotation is part of a slogan.
pub(crate) fn scan(text: &str, quotes: &[std::ops::Range<usize>]) -> Vec<QMention> {
    // Numbers are read lazily (a text may hold one every other byte); the range rule only
    // needs the next one.
    let mut nums = numbers::scan(text).peekable();
    let mut out: Vec<QMention> = Vec::new();
    let mut skip_until = 0;
    while let Some(n) = nums.next() {
        if n.start < skip_until {
            continue;
        }
        let Some(mut q) = mention(text, &n, quotes) else {
            continue;
        };
        if let Some((upper, end)) = range_end(text, &n, &q, nums.peek()) {
            q.upper = Some(upper);
            q.end = end;
            q.unit_end = end;
            skip_until = end;
        }
        out.push(q);
    }
    out
}

/// Signs between the two ends of a range written with the unit twice ("6%—6.5%", "5%-6%",
/// "3%至4%").
const RANGE_SIGNS: &[&str] = &["-", "—", "——", "－", "~", "～", "至", "到"];

/// The upper end of a range whose unit is written on both ends, and where it ends.
fn range_end(text: &str, n: &Num, q: &QMention, next: Option<&Num>) -> Option<(Decimal, usize)> {
    let next = next?;
    if q.upper.is_some() || q.unit == QUnit::Yuan || q.end != q.unit_end {
        return None;
    }
    let sign = text::sub(text, q.unit_end, next.start);
    if !RANGE_SIGNS.contains(&sign) {
        return None;
    }
    let unit = text::sub(text, n.end, q.unit_end);
    let after = text.get(next.end..)?;
    if unit.is_empty() || !after.starts_with(unit) || next.value < q.value {
        return None;
    }
    Some((next.value, next.end + unit.len()))
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
    let (unit, unit_len, scale) = if percent_words {
        (QUnit::Percent, 0, 1)
    } else {
        match unit_at(text, pos) {
            Some((u, _)) if chinese && !u.chinese_numerals => return None,
            Some((u, len)) => match u.class {
                units::UnitClass::Yuan(k) => (QUnit::Yuan, len, k),
                units::UnitClass::Percent => (QUnit::Percent, len, 1),
                units::UnitClass::Word => (QUnit::Word(u.name), len, 1),
            },
            None => {
                // "千余就业岗位": an approximate count straight before its noun counts as 个.
                let next = char_at(text, pos);
                if comparator == Comparator::Over
                    && chinese
                    && next.is_some_and(super::normalize::is_han)
                {
                    (QUnit::Word("个"), 0, 1)
                } else if !chinese
                    && n.value.to_integer().is_some_and(|v| v > 0)
                    && looks_like_money_context(text, n.start)
                    && text::sub(text, n.start, n.end).contains(['亿', '万'])
                {
                    (QUnit::Yuan, 0, 1)
                } else {
                    return None;
                }
            }
        }
    };
    let unit_end = pos + unit_len;
    // The lone numeral 一 ("一个项目", "一条街", "一批") is an article, not a count.
    if chinese && value == Decimal::from_int(1) && !percent_words {
        return None;
    }
    if let QUnit::Word(w) = unit {
        let tail = text::after(text, unit_end, text.len(), 6);
        // The words right after the unit, up to the next punctuation ("三个方面", not "19件，确保").
        let near: String = tail
            .chars()
            .take(4)
            .take_while(|&c| super::normalize::is_han(c))
            .collect();
        // Each start of `near` against the words (a substring search per word set up for
        // four characters cost more than the rest of this function).
        if near
            .char_indices()
            .filter_map(|(i, _)| near.get(i..))
            .any(|r| counted::ABSTRACT.iter().any(|a| r.starts_with(a)))
        {
            return None;
        }
        // 所 counts schools and institutes named after it ("6所学校") or before it ("幼儿园要
        // 达到6所"); elsewhere it is part of a name ("712所").
        if w == "所"
            && !tail
                .chars()
                .take(5)
                .any(|c| counted::SUO_NOUNS.contains(&c))
            && !text::before(text, 0, n.start, 8)
                .chars()
                .any(|c| counted::SUO_NOUNS.contains(&c))
        {
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
        // "两位数增长", "三位数": how many digits a figure has, not a count of anything.
        if w == "位" && tail.starts_with('数') {
            return None;
        }
        // "前10名", "前三位": a rank, not a count.
        if matches!(w, "名" | "位") && char_before(text, n.start) == Some('前') {
            return None;
        }
    }
    if unit == QUnit::Yuan {
        value = value.checked_mul_int(scale).ok()?;
        value.to_integer()?;
    }
    let upper = match (n.upper, unit) {
        (Some(u), QUnit::Yuan) => u.checked_mul_int(scale).ok(),
        (u, _) => u,
    };
    let mut end = unit_end;
    if comparator == Comparator::Eq {
        if let Some((c, len)) = comparators::suffix(text.get(end..).unwrap_or("")) {
            comparator = c;
            end += len;
        }
    } else if let Some((_, len)) = comparators::suffix(text.get(end..).unwrap_or("")) {
        end += len;
    }
    // A prefix comparator wins over 余/多 ("近3千余人" is about 3000).
    if let Some((c, len)) = comparators::prefix(text::before(text, 0, start, 4)) {
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
    units::MONEY_CONTEXT.iter().any(|w| b.contains(w))
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
        use {Comparator as C, QUnit::Word};
        let cases = [
            ("总投资37.1亿元", "3710000000", QUnit::Yuan, C::Eq),
            ("吸纳就业近3千余人", "3000", Word("人"), C::About),
            ("培育企业10家以上", "10", Word("家"), C::AtLeast),
            ("提供千余就业岗位", "1000", Word("个"), C::Over),
            ("新增个体工商户1.5万家", "15000", Word("家"), C::Eq),
            ("增长百分之二十", "20", QUnit::Percent, C::Eq),
            ("增长百分之三点二左右", "3.2", QUnit::Percent, C::About),
            ("完成投资一点五亿元", "150000000", QUnit::Yuan, C::Eq),
        ];
        for (text, value, unit, comparator) in cases {
            assert_eq!(one(text), Some((value.into(), unit, comparator)), "{text}");
        }
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
            "保持两位数增长",
            "营收实现三位数增幅",
        ] {
            assert_eq!(one(s), None, "{s}");
        }
    }
}
