//! Stage 2: sentence and clause structure, and small helpers for looking around a position
//! without ever slicing inside a character.

use once_cell::sync::Lazy;
use std::ops::Range;

/// A set of characters for tests run on every character of a stretch: a 256-bit filter on the
/// low byte of the code point answers most "no"s, a binary search the rest.
pub(crate) struct CharSet {
    sorted: Vec<char>,
    filter: [u64; 4],
}

impl CharSet {
    pub(crate) fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut sorted: Vec<char> = chars.into_iter().collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut filter = [0u64; 4];
        for &c in &sorted {
            let low = (c as u32 & 0xFF) as usize;
            if let Some(w) = filter.get_mut(low / 64) {
                *w |= 1 << (low % 64);
            }
        }
        CharSet { sorted, filter }
    }

    pub(crate) fn contains(&self, c: char) -> bool {
        let low = (c as u32 & 0xFF) as usize;
        self.filter
            .get(low / 64)
            .is_some_and(|w| w & (1 << (low % 64)) != 0)
            && self.sorted.binary_search(&c).is_ok()
    }
}

/// Characters that end a sentence.
pub(crate) fn is_sentence_end(c: char) -> bool {
    // The same characters as SENTENCE_ENDS (a test checks), as a match the compiler turns
    // into a few comparisons.
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '…')
}

/// The quotation marks whose contents [`quotes`] finds, as (opening, closing).
const PAIRS: [(char, char); 4] = [('“', '”'), ('「', '」'), ('『', '』'), ('‘', '’')];

/// The characters that end a sentence.
const SENTENCE_ENDS: [char; 9] = ['。', '！', '？', '；', '!', '?', ';', '\n', '…'];

/// Characters that separate clauses inside a sentence (the ASCII comma only when it is not a
/// thousands separator; callers check that with [`is_clause_sep_at`]).
pub(crate) fn is_clause_sep(c: char) -> bool {
    matches!(c, '，' | '、' | '：' | ',' | ':' | '（' | '）' | '(' | ')') || is_sentence_end(c)
}

/// Closing quotation marks and brackets that stay with the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》' | '"')
}

/// Whether the character at byte `i` of `text` is a clause separator (an ASCII comma between
/// digits, `1,000`, is not).
pub(crate) fn is_clause_sep_at(text: &str, i: usize) -> bool {
    let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
        return false;
    };
    if c == ',' || c == ':' {
        let before = text.get(..i).and_then(|s| s.chars().next_back());
        let after = text.get(i + 1..).and_then(|s| s.chars().next());
        if before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit()) {
            return false;
        }
    }
    is_clause_sep(c)
}

/// Byte ranges of the sentences of `text`, terminators included, in order. Empty sentences are
/// skipped; whitespace at a sentence's start is not part of it.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some((at, c)) = next_end(text, i) {
        let mut end = at + c.len_utf8();
        if c != '\n' {
            while let Some(d) = text.get(end..).and_then(|t| t.chars().next()) {
                if is_closer(d) || (d != '\n' && is_sentence_end(d)) {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
        }
        push_trimmed(text, start, end, &mut out);
        start = end;
        i = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// The sentence ends as one packed (SIMD) search, where the processor has one: a sentence of
/// Chinese text is found without looking at its characters one by one.
static ENDS: Lazy<Option<aho_corasick::packed::Searcher>> = Lazy::new(|| {
    use aho_corasick::packed;
    packed::Config::new()
        .match_kind(packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(SENTENCE_ENDS.iter().map(|c| c.to_string()))
        .build()
});

/// The first sentence end at or after byte `from` (a character boundary), and where it is.
fn next_end(text: &str, from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    if let Some(ends) = ENDS.as_ref() {
        let span = aho_corasick::Span::from(from..text.len().max(from));
        let at = ends.find_in(bytes.get(..)?, span)?.start();
        return text.get(at..)?.chars().next().map(|c| (at, c));
    }
    next_end_scan(text, from)
}

/// [`next_end`] without the packed search: a table of the ends' lead bytes.
fn next_end_scan(text: &str, from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        // Most bytes start no sentence end: those are skipped without decoding a character.
        if !ENDS_LEAD[usize::from(b)] {
            i += 1;
            continue;
        }
        // A byte that may start an end is ASCII or a lead byte: a character starts here.
        let c = text.get(i..)?.chars().next()?;
        if is_sentence_end(c) {
            return Some((i, c));
        }
        i += c.len_utf8();
    }
    None
}

/// The first byte of `c`'s UTF-8 encoding, computed by hand (`char::encode_utf8` became
/// `const` in Rust 1.83, the crate's minimum; this needs no buffer).
const fn lead_byte(c: char) -> u8 {
    let u = c as u32;
    match u {
        0..=0x7F => u as u8,
        0x80..=0x7FF => 0xC0 | (u >> 6) as u8,
        0x800..=0xFFFF => 0xE0 | (u >> 12) as u8,
        _ => 0xF0 | (u >> 18) as u8,
    }
}

/// The first bytes of the characters [`is_sentence_end`] accepts (ASCII, and the lead bytes of
/// 。！？；…), so that [`sentences`] decodes only where one may be.
static ENDS_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < SENTENCE_ENDS.len() {
        let first = lead_byte(SENTENCE_ENDS[k]);
        t[first as usize] = true;
        k += 1;
    }
    t
};

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let (a, b) = (start + lead, end.saturating_sub(trail));
    if a < b {
        out.push(a..b);
    }
}

/// Up to `n` characters ending at byte `pos`, never crossing `floor`.
pub(crate) fn before(text: &str, floor: usize, pos: usize, n: usize) -> &str {
    let Some(s) = text.get(floor..pos) else {
        return "";
    };
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => s.get(i..).unwrap_or(""),
        _ if n == 0 => "",
        _ => s,
    }
}

/// Up to `n` characters starting at byte `pos`, never crossing `ceil`.
pub(crate) fn after(text: &str, pos: usize, ceil: usize, n: usize) -> &str {
    let Some(s) = text.get(pos..ceil.max(pos)) else {
        return "";
    };
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).unwrap_or(""),
        None => s,
    }
}

/// The slice `a..b` of `text`, or `""` when that is not a valid char-boundary range.
pub(crate) fn sub(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or("")
}

/// The first character at or after byte `pos`.
pub(crate) fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// The last character before byte `pos`.
pub(crate) fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|s| s.chars().next_back())
}

/// Byte ranges of the quoted stretches of a sentence, inner text only: “…”, 「…」, 『…』 and
/// ‘…’ (ASCII double quotes are paired into “” by normalisation). Each kind of mark pairs with
/// its own, so a ‘…’ inside a “…” is a quotation too.
pub(crate) fn quotes(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(s) = text.get(range.clone()) else {
        return out;
    };
    // Every mark of PAIRS starts with the byte E2 or E3 (a test checks): other bytes are
    // skipped without decoding.
    let mut open: [Option<usize>; 4] = [None; 4];
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(k) = bytes
        .get(from..)
        .and_then(|b| memchr::memchr2(0xE2, 0xE3, b))
    {
        // E2 and E3 are lead bytes: a character starts at `i`.
        let i = from + k;
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        from = i + c.len_utf8();
        for (k, &(o, cl)) in PAIRS.iter().enumerate() {
            if c == o {
                open[k] = Some(range.start + i + c.len_utf8());
            } else if c == cl {
                if let Some(start) = open[k].take() {
                    out.push(start..range.start + i);
                }
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Whether `c` is a Chinese numeral of one digit or ten: 一 to 十, and 两.
pub(crate) fn is_small_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Chinese ordinal words at the head of an enumerated item: 一是 → 1, （三） → 3, 第二 → 2.
pub(crate) fn ordinal_value(word: &str) -> Option<u32> {
    let digits = word
        .trim_start_matches(['第', '（', '('])
        .trim_end_matches(['是', '）', ')', '、', '，', ',', '.']);
    match digits {
        "一" => Some(1),
        "二" => Some(2),
        "三" => Some(3),
        "四" => Some(4),
        "五" => Some(5),
        "六" => Some(6),
        "七" => Some(7),
        "八" => Some(8),
        "九" => Some(9),
        "十" => Some(10),
        "十一" => Some(11),
        "十二" => Some(12),
        "十三" => Some(13),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packed_search_and_the_byte_scan_find_the_same_ends() {
        let text = "今年，全镇签约项目8个！“项目”已开工？是的；Yes! ok? a;b\n第二段…完。\n\n尾";
        let mut from = 0;
        let mut found = Vec::new();
        while let Some((at, c)) = next_end(text, from) {
            assert_eq!(next_end_scan(text, from), Some((at, c)));
            found.push(c);
            from = at + c.len_utf8();
        }
        assert_eq!(next_end_scan(text, from), None);
        assert_eq!(found.iter().collect::<String>(), "！？；!?;\n…。\n\n");
    }

    #[test]
    fn quotation_marks_start_with_the_bytes_quotes_looks_for() {
        for (o, c) in PAIRS {
            for m in [o, c] {
                assert!(matches!(m.to_string().as_bytes()[0], 0xE2 | 0xE3), "{m}");
            }
        }
        let text = "开展“三个年”活动和「品质城市」建设";
        let got: Vec<&str> = quotes(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["三个年", "品质城市"]);
    }

    #[test]
    fn lead_bytes_are_utf8s() {
        for c in ['a', '\n', 'é', '。', '…', '！', '𠀀'] {
            assert_eq!(lead_byte(c), c.to_string().as_bytes()[0], "{c}");
        }
    }

    #[test]
    fn sentence_ends_are_one_list() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_sentence_end(c), SENTENCE_ENDS.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn sentences_split_after_ends_and_keep_closers() {
        let text = "一是加快建设。二是“抓项目！”\n三是稳增长？？ 四";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            ["一是加快建设。", "二是“抓项目！”", "三是稳增长？？", "四"]
        );
    }

    #[test]
    fn splits_sentences_and_clauses() {
        let t = "今年要完成投资，增长25%。“好。”下一步；\n新段";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            ["今年要完成投资，增长25%。", "“好。”", "下一步；", "新段"]
        );
        assert_eq!(before("一二三四", 0, 12, 2), "三四");
        assert_eq!(after("一二三四", 3, 12, 2), "二三");
        assert!(!is_clause_sep_at("1,000", 1));
    }
}
