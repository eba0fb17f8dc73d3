//! Stage 1: normalisation with a map back to the original text.
//!
//! Scanned newspaper columns break lines inside words and numbers ("总投资37.1亿\n元"), put
//! spaces inside numbers ("3 0.64") and mix full-width and ASCII forms ("２０２０", "％"). The
//! rules downstream want one clean line per paragraph, so this stage
//!
//! - joins a line to the previous one unless a paragraph starts (blank line before it, or the
//!   line is indented with ASCII or full-width spaces);
//! - folds full-width digits, letters, `％ ． ＋ －` to ASCII through a small table (no blanket
//!   NFKC: `，` must stay a Chinese comma, `①` must not become `1`);
//! - drops the spaces scans put inside numbers and between a number and its unit, and turns
//!   other runs of whitespace into one space;
//! - records, for every byte of the normalised text, the offset (in Unicode scalar values) of
//!   the original character it came from, so that every span reported is a span of the text the
//!   caller passed in;
//! - reads text as crawled: ASCII double quotes become Chinese quotation marks (paired within a
//!   paragraph), `℅` is `%`, traditional characters read as simplified ones
//!   (`super::lexicon::script`), the pinyin glosses a broken script conversion leaves after
//!   characters ("發(fā)展") go, a unit and its comparator split by a space ("500 张 以上") are
//!   joined, and each line of page furniture (navigation, metadata, counters, captions; see
//!   `super::furniture`) is a paragraph of its own.
//!
//! Paragraph breaks are kept as a single `'\n'` in the normalised text.

mod chars;

pub(crate) use chars::{fold_char, is_han};
use chars::{folded_edges, is_numeric_char, plain_len, Folded};

/// Text after normalisation, with the map back to original character offsets.
#[derive(Debug, Clone, Default)]
pub(crate) struct Normalized {
    /// The normalised text; paragraphs are separated by `'\n'`.
    pub text: String,
    /// For each byte of `text`, the original character offset of the character it belongs to.
    orig: Vec<u32>,
    /// Length of the original text in characters.
    orig_len: u32,
    /// Byte offset in `text` where the last paragraph starts, so that looking at it costs the
    /// paragraph's last line, not the whole paragraph (a text of one-character lines would
    /// otherwise rescan its paragraph once per line).
    para_start: usize,
    /// Byte offset in `text` where its trailing run of ASCII digits starts (`text.len()` when it
    /// ends in something else), so that a space inside a long digit run is judged in constant
    /// time instead of by walking back over the run.
    digit_run_start: usize,
    /// Whether an ASCII double quote is open in the current paragraph.
    quote_open: bool,
    /// A buffer for the line being looked at.
    scratch: String,
}

impl Normalized {
    /// Normalises `original` in one pass over its lines: each line is appended (joined to the
    /// previous line, or after a paragraph break) as its characters are folded and its spaces
    /// cleaned. Nothing is buffered per line, so the memory held is the output and its map,
    /// however long a line is.
    pub(crate) fn new(original: &str) -> Normalized {
        let mut out = Normalized {
            text: String::with_capacity(original.len()),
            orig: Vec::with_capacity(original.len()),
            orig_len: 0,
            para_start: 0,
            digit_run_start: 0,
            quote_open: false,
            scratch: String::new(),
        };
        let mut pending_break = false;
        let mut break_at: u32 = 0;
        let mut count: u32 = 0;
        let mut line_start = 0;
        // Line breaks are found on the bytes (a line feed, or the lead bytes of U+0085, U+2028
        // and U+2029, which never occur inside another character's encoding), and a line's
        // characters counted in one pass, instead of decoding every character here and again
        // when the line is read.
        let bytes = original.as_bytes();
        let mut from = 0;
        while let Some(k) = bytes
            .get(from..)
            .and_then(|b| memchr::memchr3(b'\n', 0xC2, 0xE2, b))
        {
            let i = from + k;
            let brk = match (bytes.get(i), bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(b'\n'), _, _) => 1,
                (Some(0xC2), Some(0x85), _) => 2,
                (Some(0xE2), Some(0x80), Some(0xA8 | 0xA9)) => 3,
                _ => 0,
            };
            if brk == 0 {
                from = i + 1;
                continue;
            }
            let line = original.get(line_start..i).unwrap_or("");
            let first = count;
            count = count.saturating_add(line.chars().count() as u32);
            out.flush_line(Folded::new(line, first), &mut pending_break, break_at);
            break_at = count;
            count = count.saturating_add(1);
            line_start = i + brk;
            from = i + brk;
        }
        let line = original.get(line_start..).unwrap_or("");
        let first = count;
        count = count.saturating_add(line.chars().count() as u32);
        out.flush_line(Folded::new(line, first), &mut pending_break, break_at);
        out.orig_len = count;
        out
    }

    /// Whether the line just appended ends its paragraph although the next line is not
    /// indented: it ends a sentence ("…发展。"), or it is a kicker or byline ("——访…",
    /// "□本报记者…"), or the next line opens with a speaker's name ("记者：", "刘在军：").
    fn line_ends_paragraph(&self, next: Folded<'_>) -> bool {
        let last_line = self.text.get(self.para_start..).unwrap_or("");
        let trimmed = last_line.trim_end_matches(['”', '’', '」', '）', ')', '"']);
        if trimmed.ends_with(['。', '！', '？', '；', '!', '?', ';', '…']) {
            return true;
        }
        if last_line.starts_with(['—', '□', '■', '●', '◆', '▲', '★']) {
            return true;
        }
        let first = next.peek().map_or(' ', |(c, _)| c);
        if matches!(first, '—' | '□' | '■' | '●' | '◆' | '▲' | '★') {
            return true;
        }
        // "记者：" / "刘在军:" at the start of the next line: two to six Han characters, then
        // the colon.
        for (n, (c, _)) in next.take(7).enumerate() {
            if c == '：' || c == ':' {
                return n >= 2;
            }
            if !is_han(c) {
                return false;
            }
        }
        false
    }

    fn push(&mut self, c: char, o: u32) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.orig.push(o);
        }
        if c == '\n' {
            self.para_start = self.text.len();
        }
        if !c.is_ascii_digit() {
            self.digit_run_start = self.text.len();
        }
    }

    /// Appends `run`, characters that fold to themselves and need no cleaning, the first of
    /// them at original character `first`; returns the original offset after the run.
    fn push_run(&mut self, run: &str, first: u32) -> u32 {
        self.text.push_str(run);
        // Every byte maps to the character it belongs to: the offset steps at each lead byte.
        let mut o = first.wrapping_sub(1);
        self.orig.extend(run.bytes().map(|b| {
            if b & 0xC0 != 0x80 {
                o = o.wrapping_add(1);
            }
            o
        }));
        let o = o.wrapping_add(1);
        // `run` holds no line break; where its trailing digits start, if it ends in some.
        let digits = run.len() - run.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits < run.len() {
            self.digit_run_start = self.text.len() - digits;
        }
        o
    }

    /// Whether the digits that end the text follow a `-`, `/` or `:` (a date or a clock time:
    /// "2023-01-28").
    fn digits_follow_dash(&self) -> bool {
        let before = self.text.get(..self.digit_run_start);
        matches!(
            before.and_then(|s| s.chars().next_back()),
            Some('-' | '/' | ':')
        )
    }

    /// Appends one folded line: after a paragraph break, or joined to the previous line.
    fn flush_line(&mut self, mut line: Folded<'_>, pending_break: &mut bool, break_at: u32) {
        // Leading spaces are the indent that starts a paragraph; trailing spaces are dropped
        // below (nothing follows them).
        let mut indented = false;
        while line.peek().is_some_and(|(c, _)| c == ' ') {
            line.next();
            indented = true;
        }
        if line.peek().is_none() {
            *pending_break = true;
            return;
        }
        let furniture = self.is_furniture(&line);
        if !self.text.is_empty() {
            if *pending_break || indented || furniture || self.line_ends_paragraph(line.clone()) {
                self.quote_open = false;
                self.push('\n', break_at);
            } else {
                let prev = self.text.chars().next_back().unwrap_or(' ');
                let next = line.peek().map_or(' ', |(c, _)| c);
                if prev.is_ascii_alphabetic() && next.is_ascii_alphabetic() {
                    self.push(' ', break_at);
                }
            }
        }
        *pending_break = furniture;
        loop {
            // Most characters come out as they are: copied a run at a time.
            let rest = line.chars.as_str();
            let plain = plain_len(rest);
            if plain > 0 {
                let (run, tail) = rest.split_at(plain);
                line.next_idx = self.push_run(run, line.next_idx);
                line.chars = tail.chars();
            }
            let Some((c, o)) = line.next() else { break };
            if c == '(' && self.text.chars().next_back().is_some_and(is_han) {
                let gloss = pinyin_gloss_len(line.clone());
                if gloss > 0 {
                    line.nth(gloss - 1);
                    continue;
                }
            }
            if c == '"' {
                let q = if self.quote_open { '”' } else { '“' };
                self.quote_open = !self.quote_open;
                self.push(q, o);
                continue;
            }
            if c != ' ' {
                self.push(c, o);
                continue;
            }
            while line.peek().is_some_and(|(c, _)| c == ' ') {
                line.next();
            }
            let prev = self.text.chars().next_back();
            let first = line.peek();
            let next = first.map(|(c, _)| c);
            let drop = match (prev, next) {
                (Some(p), Some(n)) => {
                    let p_num = is_numeric_char(p);
                    let n_num = is_numeric_char(n);
                    if p_num && n_num {
                        // Not between a date and a clock time ("2023-01-28 19:09").
                        !self.digits_follow_dash() && !right_token_has_colon(line.clone())
                    } else {
                        (p_num && is_han(n) && !right_token_is_cjk_name(first.as_slice()))
                            || (is_han(p) && n.is_ascii_digit() && ends_with_unitish(&self.text))
                            || comparator_after_unit(p, line.clone())
                    }
                }
                _ => true,
            };
            if !drop && prev.is_some() {
                self.push(' ', o);
            }
        }
    }

    /// Whether the line about to be appended is page furniture (only short lines are looked
    /// at: at most [`FURNITURE_LONGEST`] characters are read ahead; the test is
    /// `super::furniture::is_line`).
    fn is_furniture(&mut self, line: &Folded<'_>) -> bool {
        // Most lines are prose: decided on the raw line, without folding it. Folding keeps
        // sentence punctuation and the closing marks of a caption, and turns only spaces and
        // zero-width marks into what is trimmed below.
        let raw = line.chars.as_str();
        let trimmed = raw.trim_end_matches(|c: char| {
            let f = fold_char(c);
            f == ' ' || f == '\u{0}' || f.is_control()
        });
        // One vectorised search per mark is cheaper than decoding the line to test each
        // character against all five.
        let prose = ['，', '。', '；', '！', '？']
            .iter()
            .any(|&m| raw.contains(m));
        if prose && !trimmed.ends_with(['。', '）', ')']) {
            return false;
        }
        // A line of prose is furniture only as a photo caption, told by its first or last
        // few characters: folded alone, they spare folding the whole line.
        if prose && !self.may_be_caption(trimmed) {
            return false;
        }
        let mut n = 0;
        self.scratch.clear();
        for (c, _) in line.clone() {
            n += 1;
            if n > FURNITURE_LONGEST {
                return false;
            }
            self.scratch.push(c);
        }
        let body = self.scratch.trim_end_matches(' ');
        // A line holding a sentence can only be a caption, which ends its line with 。 or a
        // closing bracket: most lines of prose go no further.
        let prose = body.contains(['。', '！', '？', '，', '；']);
        if prose && !body.ends_with(['。', '）', ')']) {
            return false;
        }
        super::furniture::is_line(body)
    }

    /// Whether the (raw, end-trimmed) line `raw` may be a caption once folded: its first and
    /// last characters ([`folded_edges`]) are read by [`super::furniture::may_be_caption`].
    fn may_be_caption(&mut self, raw: &str) -> bool {
        let (head_len, tail_len) = super::furniture::caption_edges();
        let head = folded_edges(raw, head_len, tail_len, &mut self.scratch);
        super::furniture::may_be_caption(&head, &self.scratch)
    }

    /// The original character offset of the character starting at byte `b` of the normalised
    /// text (the end of the original text when `b` is past the end).
    pub(crate) fn orig_offset(&self, b: usize) -> u32 {
        self.orig.get(b).copied().unwrap_or(self.orig_len)
    }

    /// Maps a byte range of the normalised text to a half-open range of original characters.
    pub(crate) fn orig_span(&self, start: usize, end: usize) -> (u32, u32) {
        if end <= start {
            let s = self.orig_offset(start);
            return (s, s);
        }
        let s = self.orig_offset(start);
        let e = self
            .orig
            .get(end.saturating_sub(1))
            .map(|&o| o.saturating_add(1))
            .unwrap_or(self.orig_len);
        (s.min(e), e.max(s))
    }
}

/// The longest line, in characters, that can be page furniture.
const FURNITURE_LONGEST: usize = 160;

/// The number of characters after a `(` (its `)` included) that make a pinyin gloss a broken
/// simplified/traditional conversion leaves after a character: "發(fā)展" → "發展", "區(qū)" →
/// "區". A gloss is a bracketed run of at most 8 Latin letters with at least one tone mark (or
/// ü); brackets holding anything else stay. 0 when `rest` (what follows the `(`) is no gloss.
fn pinyin_gloss_len(rest: impl Iterator<Item = (char, u32)>) -> usize {
    fn toned(c: char) -> bool {
        // Latin-1 Supplement to Latin Extended-B first: most text has none of it.
        matches!(c as u32, 0xE0..=0x1FF) && "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ".contains(c)
    }
    let mut tone = false;
    for (n, (c, _)) in rest.take(9).enumerate() {
        if c == ')' {
            return if n > 0 && tone { n + 1 } else { 0 };
        }
        if !(c.is_ascii_lowercase() || toned(c)) {
            return 0;
        }
        tone |= toned(c);
    }
    0
}

/// A space between a unit and the comparator after it goes: "500 张 以上" is "500张以上".
fn comparator_after_unit(prev: char, rest: impl Iterator<Item = (char, u32)>) -> bool {
    const AFTER: &[&str] = &["以上", "以下", "以内", "左右", "上下"];
    if !is_han(prev) {
        return false;
    }
    let head: String = rest.take(2).map(|(c, _)| c).collect();
    AFTER.contains(&head.as_str())
}

fn right_token_has_colon(rest: impl Iterator<Item = (char, u32)>) -> bool {
    for (c, _) in rest {
        if c.is_ascii_digit() {
            continue;
        }
        return c == ':' || c == '-' || c == '/';
    }
    false
}

/// A space between a number and a Han character is kept when the Han text after it is not a
/// unit but, say, a name after a page number ("03 锁定目标").
fn right_token_is_cjk_name(rest: &[(char, u32)]) -> bool {
    match rest.first() {
        Some(&(c, _)) => !matches!(
            c,
            '亿' | '万'
                | '千'
                | '百'
                | '元'
                | '个'
                | '家'
                | '人'
                | '亩'
                | '米'
                | '公'
                | '平'
                | '项'
                | '艘'
                | '座'
                | '处'
                | '所'
                | '条'
                | '件'
                | '名'
                | '类'
                | '户'
                | '年'
                | '月'
                | '日'
                | '余'
                | '多'
                | '以'
                | '左'
                | '台'
                | '辆'
                | '吨'
                | '套'
                | '次'
                | '批'
                | '倍'
                | '位'
        ),
        None => true,
    }
}

/// A space between a Han character and a digit is dropped after words that take a number
/// ("总投资 37.1亿元", "超过 2000亿元"), kept elsewhere.
fn ends_with_unitish(text: &str) -> bool {
    [
        "投资", "超过", "突破", "达到", "增长", "完成", "实现", "约", "近", "超", "共", "占", "达",
    ]
    .iter()
    .any(|w| text.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s).text
    }

    #[test]
    fn joins_broken_lines_and_keeps_paragraphs() {
        assert_eq!(norm("总投资26.3亿\n元，竣工"), "总投资26.3亿元，竣工");
        assert_eq!(norm("第一段。\n\n第二段"), "第一段。\n第二段");
        assert_eq!(norm("第一段。\n　　第二段"), "第一段。\n第二段");
        assert_eq!(norm("2-\n3年内"), "2-3年内");
    }

    #[test]
    fn folds_full_width_and_drops_number_spaces() {
        assert_eq!(norm("增长２５％"), "增长25%");
        assert_eq!(norm("总投资4 5.27亿元"), "总投资45.27亿元");
        assert_eq!(norm("总投资 45.2 亿元"), "总投资45.2亿元");
        assert_eq!(norm("2023-01-28 19:09 大众"), "2023-01-28 19:09 大众");
        assert_eq!(norm("记者 刘笑笑 通讯员"), "记者 刘笑笑 通讯员");
        assert_eq!(norm("一，二"), "一，二");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let original = "ab\n　　总投资３７.1亿\n元";
        let n = Normalized::new(original);
        let start = n.text.find("总").unwrap();
        let end = n.text.len();
        let (s, e) = n.orig_span(start, end);
        let chars: Vec<char> = original.chars().collect();
        let got: String = chars[s as usize..e as usize].iter().collect();
        assert_eq!(got, "总投资３７.1亿\n元");
    }
}

#[cfg(test)]
mod script {
    #[test]
    fn the_normalised_text_is_simplified_once_and_for_all() {
        // The rules read `Analysed::folded` as the normalised text itself.
        let n = super::Normalized::new("財政收入增長8.5%，項目總投資4368.5億元");
        assert_eq!(n.text, "财政收入增长8.5%，项目总投资4368.5亿元");
        assert_eq!(n.orig_span(0, "财政".len()), (0, 2));
    }
}
