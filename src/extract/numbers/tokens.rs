//! Where the numbers of a text are written: one pass over its bytes finds Arabic figures (with
//! grouping, decimals, multipliers and ranges), 百分之 percentages and runs of Chinese numerals
//! before a unit; [`super::read`] turns each into a value.

use super::{digit_of, multiplier_of};
use once_cell::sync::Lazy;

/// The characters that may end a run of Chinese numerals: the first characters of the units
/// read with Chinese numerals, and 余/多 (neither ASCII nor a numeral themselves). Chinese
/// numerals only count before one of them: keeping the unit's first character part of the
/// match keeps the numerals of ordinary words (一是, 一体化) out.
static AFTER_NUMERALS: Lazy<Vec<char>> = Lazy::new(|| {
    let mut firsts: Vec<char> = crate::extract::lexicon::units::first_chars().collect();
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
pub(super) enum Written {
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
pub(super) struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    /// Positions before this one are inside a run of numerals no unit follows.
    numerals_fail_until: usize,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(text: &'a str) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_decimal_point_is_no_unit() {
        // A decimal part is tried before the unit after a run of numerals; 点 among the unit
        // starts would make "二点" a number.
        assert!(!AFTER_NUMERALS.contains(&'点'));
        assert!(!AFTER_NUMERALS
            .iter()
            .any(|&c| is_numeral(c) || c.is_ascii()));
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
}
