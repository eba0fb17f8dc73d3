//! Traditional characters and their simplified forms, for pages put through a broken
//! simplified→traditional conversion (or written in traditional script): folding them lets the
//! rules, the tables and the gazetteer, all written in simplified characters, read such pages.
//! Only one-way pairs whose simplified form is unambiguous are here (乾, 著, 藉 … are not).
//! Facts keep their spans into the original text; their fields read in simplified script.
//! Every pair maps one character to one of the same UTF-8 length, so a folded copy of a text is
//! byte for byte aligned with it.

/// The pair table shared with the gazetteer's name matching; see its header for what each
/// reader takes.
const TABLE: &str = include_str!("../../../data/script/trad_simp.txt");

/// (traditional, simplified): the table's pairs this module takes, in the table's order, parsed
/// when the crate compiles.
const PAIRS: &[(char, char)] = &{
    let mut pairs = [('\0', '\0'); PAIR_COUNT];
    let mut lines = Lines(TABLE.as_bytes(), 0);
    let mut k = 0;
    while let Some(pair) = lines.next_text_pair() {
        // Binary search needs the order, and one length keeps the folded text aligned.
        assert!(
            k == 0 || pairs[k - 1].0 < pair.0,
            "trad_simp.txt is not sorted"
        );
        assert!(
            pair.0.len_utf8() == pair.1.len_utf8(),
            "a pair changes length"
        );
        pairs[k] = pair;
        k += 1;
    }
    pairs
};

const PAIR_COUNT: usize = {
    let mut lines = Lines(TABLE.as_bytes(), 0);
    let mut n = 0;
    while lines.next_text_pair().is_some() {
        n += 1;
    }
    n
};

/// A cursor over the table's lines, usable at compile time.
struct Lines(&'static [u8], usize);

impl Lines {
    /// The next pair this module takes: a line that is not a comment and is marked for both
    /// readers or for ` text`.
    const fn next_text_pair(&mut self) -> Option<(char, char)> {
        while self.1 < self.0.len() {
            let start = self.1;
            let mut end = start;
            while end < self.0.len() && self.0[end] != b'\n' {
                end += 1;
            }
            self.1 = end + 1;
            if start == end || self.0[start] == b'#' {
                continue;
            }
            let (t, at) = decode(self.0, start);
            let (s, at) = decode(self.0, at);
            if at == end || is_text_mark(self.0, at, end) {
                return Some((t, s));
            }
        }
        None
    }
}

/// The character whose UTF-8 starts at `i`, and where the next one starts.
const fn decode(b: &[u8], i: usize) -> (char, usize) {
    let (len, mut v) = match b[i] {
        x if x < 0x80 => (1, x as u32),
        x if x >= 0xF0 => (4, (x & 0x07) as u32),
        x if x >= 0xE0 => (3, (x & 0x0F) as u32),
        x => (2, (x & 0x1F) as u32),
    };
    let mut k = 1;
    while k < len {
        v = (v << 6) | (b[i + k] & 0x3F) as u32;
        k += 1;
    }
    match char::from_u32(v) {
        Some(c) => (c, i + len),
        None => panic!("trad_simp.txt is not UTF-8"),
    }
}

const fn is_text_mark(b: &[u8], from: usize, to: usize) -> bool {
    let mark = b" text";
    if to - from != mark.len() {
        return false;
    }
    let mut k = 0;
    while k < mark.len() {
        if b[from + k] != mark[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// One bit per character of the Basic Multilingual Plane: set for the traditional
/// characters of [`PAIRS`], so that the common case (a character with no other form) costs one
/// lookup. Built at compile time.
static TRADITIONAL: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut k = 0;
    while k < PAIRS.len() {
        let i = PAIRS[k].0 as usize;
        bits[i / 64] |= 1 << (i % 64);
        k += 1;
    }
    bits
};

/// Whether the character with code point `u` has a simplified form other than itself.
#[inline]
pub(crate) fn is_traditional(u: u32) -> bool {
    let i = u as usize;
    TRADITIONAL
        .get(i / 64)
        .is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// The simplified form of `c`, or `c` itself.
#[inline]
pub(crate) fn simplified(c: char) -> char {
    let i = c as usize;
    // Everything before the CJK block (ASCII, punctuation, kana) has no other form here.
    if i < 0x4E00 {
        return c;
    }
    let marked = TRADITIONAL
        .get(i / 64)
        .is_some_and(|w| w & (1 << (i % 64)) != 0);
    if !marked {
        return c;
    }
    PAIRS
        .binary_search_by_key(&c, |&(t, _)| t)
        .ok()
        .and_then(|k| PAIRS.get(k))
        .map_or(c, |&(_, s)| s)
}

/// The length in bytes of romanisation noise at the start of `s`: a parenthesis holding only
/// Latin letters, with or without tone marks ("(chǎn)", "(qū)"), that broken converters leave
/// after a character. 0 when `s` does not start with one.
pub(crate) fn romanisation_len(s: &str) -> usize {
    let Some(rest) = s.strip_prefix('(') else {
        return 0;
    };
    let Some(close) = rest.find(')') else {
        return 0;
    };
    let inner = rest.get(..close).unwrap_or("");
    let latin = |c: char| c.is_ascii_lowercase() || ('\u{00C0}'..='\u{024F}').contains(&c);
    if inner.is_empty() || inner.chars().count() > 8 || !inner.chars().all(latin) {
        return 0;
    }
    close + 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_one_to_one_and_never_chains() {
        assert!(PAIRS.windows(2).all(|w| w[0].0 < w[1].0));
        for &(t, s) in PAIRS {
            assert_ne!(t, s);
            assert_eq!(simplified(s), s, "{t} → {s} → {}", simplified(s));
        }
    }

    #[test]
    fn folds_traditional_text() {
        let folded: String = "青島市長趙某某：地區生產總值增長6%，項目總投資4368.5億元"
            .chars()
            .map(simplified)
            .collect();
        assert_eq!(
            folded,
            "青岛市长赵某某：地区生产总值增长6%，项目总投资4368.5亿元"
        );
        assert_eq!(simplified('a'), 'a');
        assert_eq!(simplified('乾'), '乾');
    }

    #[test]
    fn simplified_forms_are_final() {
        // The extractor folds a text once, in normalisation, and relies on this.
        for &(t, s) in PAIRS {
            assert_eq!(simplified(s), s, "{t} → {s} folds again");
        }
    }

    #[test]
    fn romanisation_noise() {
        assert_eq!(romanisation_len("(qū)縣"), "(qū)".len());
        assert_eq!(romanisation_len("(市)第一"), 0);
        assert_eq!(romanisation_len("(一)"), 0);
        assert_eq!(romanisation_len("縣"), 0);
    }

    #[test]
    fn the_compile_time_parse_reads_every_line_it_should() {
        // Every line of the shared table that is not marked ` places` (nor a comment) is a pair.
        let expected = TABLE
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.ends_with(" places"))
            .count();
        assert_eq!(PAIRS.len(), expected);
        assert!(PAIRS.contains(&('島', '岛')) && PAIRS.contains(&('並', '并')));
    }

    #[test]
    fn every_pair_keeps_its_length() {
        for &(t, s) in PAIRS {
            assert_eq!(t.len_utf8(), s.len_utf8(), "{t}{s}");
        }
    }
}
