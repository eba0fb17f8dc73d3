//! Characters as the normaliser reads them: the targeted full-width and script folding, and
//! the classes the cleaning of a line asks about.

/// Folds one character through the targeted table; `None` keeps it as it is.
pub(crate) fn fold_char(c: char) -> char {
    // The common case first: a Han character of the main block, which only the script table
    // may change.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return super::super::lexicon::script::simplified(c);
    }
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '％' | '℅' => '%',
        '＂' => '"',
        '．' => '.',
        '＋' => '+',
        '－' => '-',
        '\u{3000}' | '\u{00A0}' | '\t' | '\r' | '\u{2002}'..='\u{200A}' | '\u{202F}' => ' ',
        '\u{200B}' | '\u{FEFF}' => '\u{0}',
        // Traditional characters read as their simplified forms (a page converted to
        // traditional script writes 項目總投資4368.5億元).
        _ => super::super::lexicon::script::simplified(c),
    }
}

/// The characters of one line of the original text, folded, with their original character
/// offsets: characters that fold to nothing are skipped, whitespace and controls come out as
/// `' '`. Cloning it is cheap, which is how the cleaning of spaces looks ahead.
#[derive(Clone)]
pub(super) struct Folded<'a> {
    pub(super) chars: std::str::Chars<'a>,
    pub(super) next_idx: u32,
}

impl<'a> Folded<'a> {
    pub(super) fn new(line: &'a str, first_idx: u32) -> Self {
        Folded {
            chars: line.chars(),
            next_idx: first_idx,
        }
    }

    pub(super) fn peek(&self) -> Option<(char, u32)> {
        self.clone().next()
    }
}

impl Iterator for Folded<'_> {
    type Item = (char, u32);

    fn next(&mut self) -> Option<(char, u32)> {
        loop {
            let c = self.chars.next()?;
            let idx = self.next_idx;
            self.next_idx = self.next_idx.saturating_add(1);
            let f = fold_char(c);
            if f == '\u{0}' {
                continue;
            }
            if f == ' ' || f.is_control() {
                return Some((' ', idx));
            }
            return Some((f, idx));
        }
    }
}

/// Whether `c` is appended as it is: it folds to itself and is no space, control, bracket
/// or ASCII quote (which the cleaning of a line looks at).
pub(super) fn is_plain(c: char) -> bool {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return super::super::lexicon::script::simplified(c) == c;
    }
    if c.is_ascii() {
        return c.is_ascii_graphic() && c != '(' && c != '"';
    }
    !c.is_control() && fold_char(c) == c
}

/// The length in bytes of the run of [`is_plain`] characters that starts `s`. Running text is
/// mostly ASCII and Han characters of the main block: those are decided on their bytes, without
/// decoding them into `char`s first.
pub(super) fn plain_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if x.is_ascii_graphic() && x != b'(' && x != b'"' {
                i += 1;
                continue;
            }
            return i;
        }
        // Lead bytes E4–E9 start the characters U+4000–U+9FFF.
        if let (0xE4..=0xE9, Some(&y), Some(&z)) = (x, b.get(i + 1), b.get(i + 2)) {
            let u = (u32::from(x & 0x0F) << 12) | (u32::from(y & 0x3F) << 6) | u32::from(z & 0x3F);
            if u >= 0x4E00 {
                if super::super::lexicon::script::is_traditional(u) {
                    return i;
                }
                i += 3;
                continue;
            }
        }
        match s.get(i..).and_then(|t| t.chars().next()) {
            Some(c) if is_plain(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
    i
}

/// The first `head_len` and (into `tail`) the last `tail_len` characters of the line `raw` as
/// it reads once folded: characters that fold to nothing gone, controls read as spaces, the
/// whitespace at either end trimmed (whitespace inside the edges kept, as the line keeps it).
pub(super) fn folded_edges(
    raw: &str,
    head_len: usize,
    tail_len: usize,
    tail: &mut String,
) -> String {
    let folded = |c: char| match fold_char(c) {
        '\u{0}' => None,
        f if f.is_control() => Some(' '),
        f => Some(f),
    };
    let mut head = String::new();
    for f in raw.chars().filter_map(folded) {
        if head.is_empty() && f.is_whitespace() {
            continue;
        }
        head.push(f);
        if head.chars().count() >= head_len {
            break;
        }
    }
    let mut last: Vec<char> = Vec::with_capacity(tail_len);
    for f in raw.chars().rev().filter_map(folded) {
        if last.is_empty() && f.is_whitespace() {
            continue;
        }
        last.push(f);
        if last.len() >= tail_len {
            break;
        }
    }
    tail.clear();
    tail.extend(last.iter().rev());
    head
}

pub(super) fn is_numeric_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c == '%'
}

/// Whether `c` is a CJK ideograph (the Han characters of running text).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
        || c == '〇'
}
