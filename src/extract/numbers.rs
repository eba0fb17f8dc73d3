//! Stage 3: numbers written in Arabic digits, Chinese numerals or both.
//!
//! `37.1亿` is 3 710 000 000, `1.5万` is 15 000, `三千` is 3 000, `十二` is 12, `两` is 2,
//! `2-3` is the range 2 to 3, `千余` (with 余 or 多 after it) is 1 000. Values are exact
//! [`Decimal`]s; a figure that does not fit (or needs more than four fractional digits) is not a
//! number at all, never a panic or a wrapped value.

use crate::model::Decimal;
use once_cell::sync::Lazy;

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

/// The characters that may end a run of Chinese numerals: the first characters of the units
/// read with Chinese numerals, and 余/多 (neither ASCII nor a numeral themselves). Chinese
/// numerals only count before one of them: keeping the unit's first character part of the
/// match keeps the numerals of ordinary words (一是, 一体化) out.
static AFTER_NUMERALS: Lazy<Vec<char>> = Lazy::new(|| {
    let mut firsts: Vec<char> = super::lexicon::units::first_chars().collect();
    firsts.extend(['余', '多']);
    firsts.retain(|&c| !c.is_ascii() && !is_numeral(c));
    firsts.sort_unstable();
    firsts.dedup();
    firsts
});

/// Chinese numerals and multipliers: a run of them is one number (三千五百万).
const NUMERALS: [char; 17] = [
    '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
    '亿',
];

/// A bit per value of a code point's low six bits that some numeral has: one test rejects
/// most characters of a text before the list is searched.
const NUMERAL_LOW_BITS: u64 = {
    let mut mask = 0u64;
    let mut i = 0;
    while i < NUMERALS.len() {
        mask |= 1 << (NUMERALS[i] as u32 & 63);
        i += 1;
    }
    mask
};

fn is_numeral(c: char) -> bool {
    NUMERAL_LOW_BITS & (1 << (c as u32 & 63)) != 0 && NUMERALS.contains(&c)
}

/// The numerals 百分之 may take (百分之十五, 百分之一百): no 千, 万 or 亿.
fn is_percent_numeral(c: char) -> bool {
    is_numeral(c) && !matches!(c, '千' | '万' | '亿')
}

/// The signs between the two ends of a range (2-3, 5至8, 6—6.5).
fn is_range_sign(c: char) -> bool {
    matches!(c, '-' | '~' | '～' | '至' | '到' | '—' | '－')
}

/// A number as written, before it is read: where its parts are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    /// Arabic digits with optional grouping, fraction and multipliers (`1,000`, `37.1亿`), and
    /// the upper end of a range after a range sign (`2-3万`).
    Arabic {
        a: (usize, usize),
        b: Option<(usize, usize)>,
    },
    /// The numerals after 百分之.
    Percent((usize, usize)),
    /// A run of Chinese numerals followed by a unit's first character or 余/多.
    Chinese((usize, usize)),
}

/// The numbers as written in a text, left to right, each found where the first of the three
/// forms matches at the leftmost position (Arabic, then 百分之, then Chinese numerals), the
/// search going on after the match (after the unit character of a Chinese one). One pass over
/// the characters; a run of numerals that no unit follows is known to fail from each of its
/// positions, so it is not read again.
struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    /// Positions before this one are inside a run of numerals no unit follows.
    numerals_fail_until: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Self {
        Tokens {
            text,
            pos: 0,
            numerals_fail_until: 0,
        }
    }

    /// The end of the ASCII digits starting at `i`.
    fn digits(&self, i: usize) -> usize {
        let b = self.text.as_bytes();
        let mut j = i;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    }

    /// The end of the run of characters satisfying `f` starting at `i`.
    fn run(&self, i: usize, f: impl Fn(char) -> bool) -> usize {
        let rest = self.text.get(i..).unwrap_or("");
        i + rest
            .char_indices()
            .find(|&(_, c)| !f(c))
            .map_or(rest.len(), |(k, _)| k)
    }

    /// `[0-9]+(?:\.[0-9]+)?` and the multipliers after it, from `i` (a digit); with
    /// `grouping`, also `(?:,[0-9]{3})*` after the first digits.
    fn arabic(&self, i: usize, grouping: bool) -> usize {
        let b = self.text.as_bytes();
        let mut j = self.digits(i);
        if grouping {
            while b.get(j) == Some(&b',')
                && (1..=3).all(|k| b.get(j + k).is_some_and(u8::is_ascii_digit))
            {
                j += 4;
            }
        }
        if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j = self.digits(j + 1);
        }
        self.run(j, |c| multiplier_of(c).is_some())
    }

    /// The end of a decimal part written in Chinese numerals at `j` ("点五", "点零六"): 点 and
    /// at least one digit, then (with `multipliers`) 万 or 亿 ("三点五亿"); `None` when there is
    /// none.
    fn decimal(&self, j: usize, multipliers: bool) -> Option<usize> {
        let digits = j + '点'.len_utf8();
        if !self.text.get(j..)?.starts_with('点') {
            return None;
        }
        let end = self.run(digits, |c| digit_of(c).is_some() && c != '两');
        if end == digits {
            return None;
        }
        Some(if multipliers {
            self.run(end, |c| matches!(c, '万' | '亿'))
        } else {
            end
        })
    }

    /// The number written at `i`, if one starts there, with where the search goes on.
    fn at(&mut self, i: usize, c: char) -> Option<(Written, usize)> {
        if c.is_ascii_digit() {
            let a_end = self.arabic(i, true);
            let rest = self.text.get(a_end..).unwrap_or("");
            let mut cs = rest.chars();
            let b = match (cs.next(), cs.next()) {
                (Some(sign), Some(d)) if is_range_sign(sign) && d.is_ascii_digit() => {
                    let b_start = a_end + sign.len_utf8();
                    Some((b_start, self.arabic(b_start, false)))
                }
                _ => None,
            };
            let end = b.map_or(a_end, |(_, e)| e);
            return Some((Written::Arabic { a: (i, a_end), b }, end));
        }
        if c == '百' {
            let p_start = i + "百分之".len();
            if self.text.get(i..).is_some_and(|t| t.starts_with("百分之")) {
                let p_end = self.run(p_start, is_percent_numeral);
                if p_end > p_start {
                    let p_end = self.decimal(p_end, false).unwrap_or(p_end);
                    return Some((Written::Percent((p_start, p_end)), p_end));
                }
            }
        }
        if is_numeral(c) && i >= self.numerals_fail_until {
            let end = self.run(i, is_numeral);
            // With a decimal part if a unit follows it ("三点五亿元"), else without.
            for end in [self.decimal(end, true), Some(end)].into_iter().flatten() {
                if let Some(u) = self
                    .text
                    .get(end..)
                    .and_then(|t| t.chars().next())
                    .filter(|u| AFTER_NUMERALS.binary_search(u).is_ok())
                {
                    return Some((Written::Chinese((i, end)), end + u.len_utf8()));
                }
            }
            self.numerals_fail_until = end;
        }
        None
    }
}

impl Iterator for Tokens<'_> {
    type Item = Written;

    fn next(&mut self) -> Option<Written> {
        // Byte by byte: only digits and three-byte characters can start a number, and most
        // characters of a text are neither a digit nor a numeral.
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        while let Some(&x) = bytes.get(i) {
            let (c, len) = match x {
                b'0'..=b'9' => (char::from(x), 1),
                0xE0..=0xEF => match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(&y), Some(&z)) => {
                        let u = (u32::from(x & 0x0F) << 12)
                            | (u32::from(y & 0x3F) << 6)
                            | u32::from(z & 0x3F);
                        if NUMERAL_LOW_BITS & (1 << (u & 63)) == 0 {
                            i += 3;
                            continue;
                        }
                        (char::from_u32(u).unwrap_or('\0'), 3)
                    }
                    _ => break,
                },
                // Other ASCII, continuation bytes, two- and four-byte characters.
                _ => {
                    i += 1;
                    continue;
                }
            };
            if len == 1 || is_numeral(c) {
                if let Some((w, next)) = self.at(i, c) {
                    self.pos = next;
                    return Some(w);
                }
            }
            i += len;
        }
        self.pos = bytes.len();
        None
    }
}

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

fn digit_of(c: char) -> Option<i64> {
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
    let (a, b, p, c) = match written {
        Written::Arabic { a, b } => (
            Some(Part::new(text, a)),
            b.map(|b| Part::new(text, b)),
            None,
            None,
        ),
        Written::Percent(p) => (None, None, Some(Part::new(text, p)), None),
        Written::Chinese(c) => (None, None, None, Some(Part::new(text, c))),
    };
    if let Some(a) = a {
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
        return Some(Num {
            start: a.start(),
            end,
            value,
            upper,
            chinese: false,
        });
    }
    if let Some(p) = p {
        return parse_chinese(p.as_str()).map(|value| Num {
            start: p.start(),
            end: p.end(),
            value,
            upper: None,
            chinese: true,
        });
    }
    let c = c?;
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
        assert!(
            !AFTER_NUMERALS.contains(&'点'),
            "点 must stay outside the unit starts"
        );
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

    /// The grammar the scanner implements, as the regular expression it replaced (leftmost
    /// first, greedy): kept here as its specification.
    fn spec() -> regex::Regex {
        let class: String = AFTER_NUMERALS.iter().collect();
        regex::Regex::new(&format!(
            r"(?x)
            (?P<a>[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?[十百千万亿]*)
            (?:[-~～至到—－](?P<b>[0-9]+(?:\.[0-9]+)?[十百千万亿]*))?
            | 百分之(?P<p>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)
            | (?P<c>[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+[万亿]*)?)[{class}]"
        ))
        .unwrap()
    }

    fn by_spec(re: &regex::Regex, text: &str) -> Vec<Written> {
        let span = |m: regex::Match<'_>| (m.start(), m.end());
        re.captures_iter(text)
            .map(
                |caps| match (caps.name("a"), caps.name("p"), caps.name("c")) {
                    (Some(a), _, _) => Written::Arabic {
                        a: span(a),
                        b: caps.name("b").map(span),
                    },
                    (_, Some(p), _) => Written::Percent(span(p)),
                    (_, _, Some(c)) => Written::Chinese(span(c)),
                    _ => unreachable!("one branch matches"),
                },
            )
            .collect()
    }

    #[test]
    fn tokens_follow_the_grammar() {
        let re = spec();
        for text in [
            "总投资37.1亿元，增长6%—6.5%",
            "1,000,0000和2023,2024年",
            "三百分之五，百分之十五，百分之",
            "一二三四五，三千五百万元，千余人",
            "2-3万，5至8个，1.，.5，3.2.1",
            "万元十亿吨零〇个",
            "",
            "1",
            "百分",
            "百分之二点六左右，三点五亿元，下午三点半，二点，百分之五点",
            "一点五万人，零点五个百分点，三点五十分",
        ] {
            assert_eq!(
                Tokens::new(text).collect::<Vec<_>>(),
                by_spec(&re, text),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_match_the_regex_on_any_text(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                '0', '1', '9', ',', '.', '-', '～', '至', '—', '百', '分', '之', '千', '万', '亿',
                '一', '两', '三', '十', '〇', '个', '元', '余', '多', '人', '年', '是', '，', 'a', '点',
                '五',
            ]), 0..24)
        ) {
            let text: String = chars.into_iter().collect();
            let re = spec();
            proptest::prop_assert_eq!(Tokens::new(&text).collect::<Vec<_>>(), by_spec(&re, &text));
        }
    }

    #[test]
    fn scans_ranges_and_skips_bare_multipliers() {
        let nums: Vec<Num> = scan("2-3年内，千方百计，千余人，百倍努力，一是").collect();
        let values: Vec<_> = nums.iter().map(|n| (n.value, n.upper)).collect();
        assert_eq!(values, [(d("2"), Some(d("3"))), (d("1000"), None)]);
    }
}
