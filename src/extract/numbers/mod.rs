//! Stage 3: numbers written in Arabic digits, Chinese numerals or both.
//!
//! `37.1亿` is 3 710 000 000, `1.5万` is 15 000, `三千` is 3 000, `十二` is 12, `两` is 2,
//! `2-3` is the range 2 to 3, `千余` (with 余 or 多 after it) is 1 000. Values are exact
//! [`Decimal`]s; a figure that does not fit (or needs more than four fractional digits) is not a
//! number at all, never a panic or a wrapped value.

use crate::model::Decimal;

/// A number found in normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Num {
    /// Byte range in the normalised text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The value, multipliers applied.
    pub value: Decimal,
    /// The upper end of a range (`2-3` → 3).
    pub upper: Option<Decimal>,
    /// Written with Chinese numerals (`三千`), not Arabic digits.
    pub chinese: bool,
}

mod tokens;

use tokens::{Tokens, Written};

fn multiplier_of(c: char) -> Option<i64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// The value of one Chinese digit (零/〇 0 … 九 9; 两 2).
pub(crate) fn digit_of(c: char) -> Option<i64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Parses an Arabic number with optional Chinese multipliers after it: `37.1亿`, `1,000`,
/// `3千`, `2万亿`.
pub(crate) fn parse_arabic(token: &str) -> Option<Decimal> {
    let digits_end = token
        .char_indices()
        .find(|&(_, c)| multiplier_of(c).is_some())
        .map_or(token.len(), |(i, _)| i);
    let digits: String = token
        .get(..digits_end)?
        .chars()
        .filter(|&c| c != ',')
        .collect();
    let mut multiplier: i64 = 1;
    for c in token.get(digits_end..)?.chars() {
        multiplier = multiplier.checked_mul(multiplier_of(c)?)?;
    }
    Decimal::parse_scaled(&digits, multiplier).ok()
}

/// Parses a run of Chinese numerals: `三千` 3000, `十二` 12, `一百零五` 105, `三千五` 3500,
/// `二〇二〇` 2020 (digit by digit), `1.5万`-style mixes are handled by [`parse_arabic`].
pub(crate) fn parse_chinese(token: &str) -> Option<Decimal> {
    if let Some((whole, fraction)) = token.split_once('点') {
        return parse_chinese_decimal(whole, fraction);
    }
    let chars: Vec<char> = token.chars().collect();
    if chars.is_empty() {
        return None;
    }
    // Digit-by-digit form (二〇二〇): only digits, more than one of them.
    if chars.len() > 1 && chars.iter().all(|&c| digit_of(c).is_some()) {
        let mut v: i64 = 0;
        for &c in &chars {
            v = v.checked_mul(10)?.checked_add(digit_of(c)?)?;
        }
        return Decimal::try_from_int(v).ok();
    }
    let mut total: i128 = 0; // completed 亿 sections
    let mut section: i128 = 0; // below 亿, completed 万 part included
    let mut small: i128 = 0; // below 万
    let mut digit: Option<i128> = None;
    let mut last_unit: i128 = 1;
    let mut saw_any = false;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = digit_of(c) {
            if digit.is_some() && d != 0 {
                // Two digits in a row without a unit ("一二") is not a number here.
                return None;
            }
            digit = if d == 0 { digit } else { Some(d as i128) };
            saw_any = true;
            continue;
        }
        let m = multiplier_of(c)? as i128;
        saw_any = true;
        match m {
            10 | 100 | 1_000 => {
                let d = match digit.take() {
                    Some(d) => d,
                    None if i == 0 || m == 10 => 1,
                    None => return None,
                };
                small = small.checked_add(d.checked_mul(m)?)?;
                last_unit = m;
            }
            10_000 => {
                let part = small + digit.take().unwrap_or(0);
                let part = if part == 0 && i == 0 { 1 } else { part };
                section = section.checked_add(part.checked_mul(10_000)?)?;
                small = 0;
                last_unit = 10_000;
            }
            _ => {
                // 亿
                let part = section + small + digit.take().unwrap_or(0);
                let part = if part == 0 && i == 0 { 1 } else { part };
                total = total.checked_add(part.checked_mul(100_000_000)?)?;
                section = 0;
                small = 0;
                last_unit = 100_000_000;
            }
        }
    }
    if !saw_any {
        return None;
    }
    // A trailing digit right after a unit counts in the next lower unit: 三千五 = 3500.
    let tail = match digit {
        Some(d) if last_unit >= 100 && chars.len() >= 2 => {
            let prev = chars.get(chars.len().wrapping_sub(2)).copied();
            if prev.and_then(multiplier_of).is_some() {
                d.checked_mul(last_unit / 10)?
            } else {
                d
            }
        }
        Some(d) => d,
        None => 0,
    };
    let v = total
        .checked_add(section)?
        .checked_add(small)?
        .checked_add(tail)?;
    let v = i64::try_from(v).ok()?;
    Decimal::try_from_int(v).ok()
}

/// `whole` 点 `fraction`, the fraction's digits one by one and then its multipliers: 二点六
/// 2.6, 三点五亿 350 000 000, 零点五 0.5.
fn parse_chinese_decimal(whole: &str, fraction: &str) -> Option<Decimal> {
    let whole = parse_chinese(whole)?.to_integer()?;
    let mut digits = whole.to_string();
    digits.push('.');
    let mut multiplier: i64 = 1;
    for c in fraction.chars() {
        match (digit_of(c), multiplier_of(c)) {
            (Some(d), None) if multiplier == 1 && c != '两' => {
                digits.push(char::from(b'0' + d as u8))
            }
            (None, Some(m)) if matches!(c, '万' | '亿') => {
                multiplier = multiplier.checked_mul(m)?
            }
            _ => return None,
        }
    }
    if digits.ends_with('.') {
        return None;
    }
    Decimal::parse_scaled(&digits, multiplier).ok()
}

/// Every number in `text`, in order. Lazily: a text can hold a number every other byte
/// ("1,1,1,…"), and a list of them all would be many times the size of the text.
pub(crate) fn scan(text: &str) -> impl Iterator<Item = Num> + '_ {
    Tokens::new(text).filter_map(move |w| read(text, w))
}

/// A part of the text by its byte range.
#[derive(Clone, Copy)]
struct Part<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Part<'a> {
    fn new(text: &'a str, (start, end): (usize, usize)) -> Self {
        Part { text, start, end }
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn as_str(&self) -> &'a str {
        self.text.get(self.start..self.end).unwrap_or("")
    }
}

/// The number a written form stands for, if it is one.
fn read(text: &str, written: Written) -> Option<Num> {
    match written {
        Written::Arabic { a, b } => {
            read_arabic(text, Part::new(text, a), b.map(|b| Part::new(text, b)))
        }
        Written::Percent(p) => {
            let p = Part::new(text, p);
            parse_chinese(p.as_str()).map(|value| Num {
                start: p.start(),
                end: p.end(),
                value,
                upper: None,
                chinese: true,
            })
        }
        Written::Chinese(c) => read_chinese(text, Part::new(text, c)),
    }
}

/// Arabic digits `a`, with the upper end `b` of a range.
fn read_arabic(text: &str, a: Part<'_>, b: Option<Part<'_>>) -> Option<Num> {
    // "2023,2024": a comma followed by more than three digits is a list, not grouping.
    if a.as_str().contains(',')
        && text
            .get(a.end()..)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| c.is_ascii_digit())
    {
        let head = a.as_str().split(',').next().unwrap_or("");
        return parse_arabic(head).map(|value| Num {
            start: a.start(),
            end: a.start() + head.len(),
            value,
            upper: None,
            chinese: false,
        });
    }
    let value = parse_arabic(a.as_str())?;
    let (upper, end) = match b {
        Some(b) => match parse_arabic(b.as_str()) {
            Some(u) => (Some(u), b.end()),
            None => (None, a.end()),
        },
        None => (None, a.end()),
    };
    // "2-3" must also share multipliers written once ("2-3万" → 2万-3万).
    let (value, upper) = match (upper, b) {
        (Some(u), Some(b)) => {
            let mult: String = b
                .as_str()
                .chars()
                .filter(|&c| multiplier_of(c).is_some())
                .collect();
            let a_has_mult = a.as_str().chars().any(|c| multiplier_of(c).is_some());
            if !mult.is_empty() && !a_has_mult {
                (parse_arabic(&format!("{}{}", a.as_str(), mult))?, Some(u))
            } else {
                (value, Some(u))
            }
        }
        _ => (value, upper),
    };
    Some(Num {
        start: a.start(),
        end,
        value,
        upper,
        chinese: false,
    })
}

/// A run of Chinese numerals `c` before a unit.
fn read_chinese(text: &str, c: Part<'_>) -> Option<Num> {
    let s = c.as_str();
    let first = s.chars().next();
    let next = text.get(c.end()..).and_then(|t| t.chars().next());
    // A run may not start with 百/千/万/亿 ("千方百计", "万事") unless 余/多 follows
    // ("千余就业岗位") ...
    let bare_mult_start = matches!(first, Some('百' | '千' | '万' | '亿'));
    // ... or a comparator stands before it ("超千亿元", "近万亿元", "突破百亿元").
    let before = text.get(..c.start()).unwrap_or("");
    let after_comparator = super::lexicon::comparators::PREFIX
        .iter()
        .any(|(w, _)| before.ends_with(w));
    if bare_mult_start && !matches!(next, Some('余' | '多')) && !after_comparator {
        return None;
    }
    // 数十辆, 几百名, 数千万元: "several tens, hundreds …" is a vague amount, not 10 or 100.
    let vague = matches!(before.chars().next_back(), Some('数' | '几'))
        && matches!(first, Some('十' | '百' | '千' | '万' | '亿'));
    if vague {
        return None;
    }
    parse_chinese(s).map(|value| Num {
        start: c.start(),
        end: c.end(),
        value,
        upper: None,
        chinese: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn chinese_numerals() {
        for (text, v) in [
            ("三千", "3000"),
            ("十二", "12"),
            ("二十", "20"),
            ("两", "2"),
            ("一百零五", "105"),
            ("三千五", "3500"),
            ("一千零四十二", "1042"),
            ("十万", "100000"),
            ("三千五百万", "35000000"),
            ("一亿二千万", "120000000"),
            ("二〇二〇", "2020"),
            ("千", "1000"),
            ("二点六", "2.6"),
            ("四点五", "4.5"),
            ("零点零六", "0.06"),
            ("三点五亿", "350000000"),
            ("十二点五万", "125000"),
        ] {
            assert_eq!(parse_chinese(text), Some(d(v)), "{text}");
        }
        let _ = parse_chinese("亿亿亿亿亿亿亿亿亿亿万万千千百百十十");
        for text in ["点五", "二点", "二点两", "二点五十", "二点五点六"] {
            assert_eq!(parse_chinese(text), None, "{text}");
        }
    }

    #[test]
    fn arabic_with_multipliers() {
        assert_eq!(parse_arabic("37.1亿"), Some(d("3710000000")));
        assert_eq!(parse_arabic("1.5万"), Some(d("15000")));
        assert_eq!(parse_arabic("3千"), Some(d("3000")));
        assert_eq!(parse_arabic("1,000"), Some(d("1000")));
        assert_eq!(parse_arabic("99999999999999999亿"), None);
        assert_eq!(parse_arabic("0.00001"), None);
    }

    #[test]
    fn scans_ranges_and_skips_bare_multipliers() {
        let nums: Vec<Num> = scan("2-3年内，千方百计，千余人，百倍努力，一是").collect();
        let values: Vec<_> = nums.iter().map(|n| (n.value, n.upper)).collect();
        assert_eq!(values, [(d("2"), Some(d("3"))), (d("1000"), None)]);
    }

    #[test]
    fn several_tens_or_hundreds_are_no_figure() {
        for vague in [
            "数十辆挖掘机",
            "几十名工人",
            "数百家企业",
            "数千万元",
            "几百亩",
        ] {
            assert_eq!(scan(vague).count(), 0, "{vague}");
        }
        // A count after them still reads, and so do plain numerals.
        let values: Vec<_> = scan("数十台设备中有三十台，十家企业")
            .map(|n| n.value)
            .collect();
        assert_eq!(values, [d("30"), d("10")]);
    }
}
