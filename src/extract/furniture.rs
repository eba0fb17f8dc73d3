//! Page furniture: navigation, metadata, counters, footers and photo captions around an
//! article as it was crawled. Normalisation keeps each furniture line a paragraph of its own
//! (so it is never joined to the article's sentences), and the rules drop whatever they read
//! inside furniture. The words are tables in `lexicon::furniture`.

use super::lexicon::furniture as lex;
use super::normalize::is_han;
use once_cell::sync::Lazy;
use std::ops::Range;

/// The navigation and footer words by their first character, sorted, so that a line is
/// looked at once and words are compared only where one can start.
static CHROME: Lazy<Vec<(char, Vec<&'static str>)>> = Lazy::new(|| {
    let mut by_first: Vec<(char, Vec<&'static str>)> = Vec::new();
    for w in lex::NAVIGATION.iter().chain(lex::FOOTER) {
        let Some(c) = w.chars().next() else { continue };
        match by_first.iter_mut().find(|(f, _)| *f == c) {
            Some((_, ws)) => ws.push(w),
            None => by_first.push((c, vec![w])),
        }
    }
    by_first.sort_by_key(|(c, _)| *c);
    by_first
});

/// Whether `line` holds a navigation or footer word.
fn has_chrome(line: &str) -> bool {
    line.char_indices().any(|(i, c)| {
        CHROME
            .binary_search_by_key(&c, |(f, _)| *f)
            .ok()
            .and_then(|k| CHROME.get(k))
            .is_some_and(|(_, ws)| {
                let rest = line.get(i..).unwrap_or("");
                ws.iter().any(|w| rest.starts_with(w))
            })
    })
}

/// Whether a whole line (or paragraph) is furniture.
pub(crate) fn is_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    // Prose paragraphs are long; only captions run past this.
    const LONGEST: usize = 150;
    if line.len() > LONGEST * 4 {
        return false;
    }
    // Menus, footers and metadata hold no sentences; a line of prose that happens to hold a
    // word of them ("提供技术支持，…") is prose, and only a caption may be both.
    let prose = line.contains(['。', '！', '？', '，', '；']);
    if prose {
        return is_caption(line) && line.chars().count() <= LONGEST;
    }
    let n = line.chars().count();
    if n > LONGEST {
        return false;
    }
    let short = n <= lex::MAX_LINE_CHARS;
    // An image's file name, a bare list number ("01", "No.1"), a date line, "第05版：要闻".
    if is_list_number(line)
        || is_date_line(line)
        || (lex::IMAGE_EXTENSIONS.iter().any(|e| line.ends_with(e)) && !line.contains(is_han))
    {
        return true;
    }
    if let Some(rest) = line.strip_prefix('第') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest.get(digits..).is_some_and(|r| r.starts_with('版')) && short {
            return true;
        }
    }
    // Metadata ("发布时间：…") and navigation or footer words.
    (short && (label_at(line, 0).is_some() || has_chrome(line))) || is_caption(line)
}

/// The most characters a caption's opening words and its closing credit hold: how much of a
/// line's start and end [`may_be_caption`] needs.
pub(crate) fn caption_edges() -> (usize, usize) {
    static EDGES: Lazy<(usize, usize)> = Lazy::new(|| {
        let longest = |words: &[&str]| words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        (longest(lex::CAPTION_STARTS), longest(lex::CAPTION_CREDITS))
    });
    *EDGES
}

/// Whether a line whose first characters are `head` and last characters `tail` (both folded
/// and trimmed, at least [`caption_edges`] long where the line is) may be a photo caption: a
/// necessary condition for [`is_caption`], read without the rest of the line.
pub(crate) fn may_be_caption(head: &str, tail: &str) -> bool {
    lex::CAPTION_STARTS.iter().any(|w| head.starts_with(w))
        || lex::CAPTION_CREDITS.iter().any(|w| tail.ends_with(w))
}

/// Photo captions: "图为…。" as a line of its own (a column broken inside "力图为…" does not
/// end there), or a line ending in the photographer's credit.
fn is_caption(line: &str) -> bool {
    (lex::CAPTION_STARTS.iter().any(|w| line.starts_with(w)) && line.ends_with('。'))
        || lex::CAPTION_CREDITS.iter().any(|w| line.ends_with(w))
}

/// A list or section number on a line of its own: "01", "3", "No.2".
fn is_list_number(line: &str) -> bool {
    let digits = line
        .strip_prefix("No.")
        .or_else(|| line.strip_prefix("NO."))
        .unwrap_or(line)
        .trim();
    (1..=3).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

/// A line that is only a date, a clock time and a weekday ("2023年10月24日 星期二").
fn is_date_line(line: &str) -> bool {
    let body = match line.find("星期") {
        Some(k) => line.get(..k).unwrap_or(line),
        None => line,
    };
    let body = body.trim();
    let digits = body.chars().filter(char::is_ascii_digit).count();
    let dated = digits >= 6 || (digits >= 3 && body.contains(['年', '月', '日']));
    dated
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || "年月日号:-/. ".contains(c))
        && line.chars().count() <= 24
}

/// The metadata label starting at byte `at` of `s` and followed by a colon (spaces allowed
/// before it): the byte length of label and colon.
fn label_at(s: &str, at: usize) -> Option<(usize, &'static str)> {
    let rest = s.get(at..)?;
    // Most lines start with a character no label starts with: one lookup rules them out.
    static FIRSTS: Lazy<Vec<char>> = Lazy::new(|| {
        let mut v: Vec<char> = lex::LABELS
            .iter()
            .filter_map(|l| l.chars().next())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    let first = rest.chars().next()?;
    FIRSTS.binary_search(&first).ok()?;
    let label = lex::LABELS
        .iter()
        .filter(|l| rest.starts_with(**l))
        .max_by_key(|l| l.len())?;
    let after = rest.get(label.len()..)?;
    let trimmed = after.trim_start_matches(' ');
    let colon = trimmed.chars().next().filter(|c| matches!(c, ':' | '：'))?;
    Some((
        label.len() + (after.len() - trimmed.len()) + colon.len_utf8(),
        label,
    ))
}

/// The furniture stretches of normalised text (paragraphs separated by `'\n'`): whole
/// furniture paragraphs, and "label: value" pairs of metadata inside other paragraphs (a byline
/// run into the article's first sentence).
pub(crate) fn spans(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for para in text.split('\n') {
        let end = start + para.len();
        if is_line(para) {
            // Adjacent furniture lines are one stretch: a page of them (a menu, a counter per
            // line) costs one range, not one per line.
            match out.last_mut() {
                Some(last) if last.end + 1 == start => last.end = end,
                _ => out.push(start..end),
            }
        } else {
            labels_in(para, start, &mut out);
        }
        start = end + 1;
    }
    out
}

/// "label: value" pairs in a paragraph: at its start, or after a space or a bar when the
/// paragraph holds two of them.
fn labels_in(para: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    // Metadata opens a paragraph: only its head is looked at.
    const HEAD_BYTES: usize = 240;
    // The start of the last character starting at or before HEAD_BYTES, found on the bytes
    // (a paragraph's head is not decoded just to be cut).
    let mut head_len = HEAD_BYTES.min(para.len().saturating_sub(1));
    while head_len > 0 && !para.is_char_boundary(head_len) {
        head_len -= 1;
    }
    let head = para.get(..head_len).unwrap_or("");
    if label_at(para, 0).is_none() && !head.contains(['|', '丨']) {
        return;
    }
    let mut found: Vec<Range<usize>> = Vec::new();
    let starts = std::iter::once(0).chain(
        head.match_indices([' ', '|', '丨'])
            .map(|(k, m)| k + m.len()),
    );
    let mut done = 0;
    for i in starts {
        if i < done {
            continue;
        }
        let Some((len, label)) = label_at(para, i) else {
            continue;
        };
        let value_start = i + len;
        let name_valued = lex::NAME_LABELS.contains(&label);
        let value = para.get(value_start..).unwrap_or("");
        let mut value_len = 0;
        for (n, (k, c)) in value.char_indices().enumerate() {
            let stop = c == '|'
                || c == '丨'
                || (c == ' ' && n > 0 && !value.get(..k).is_some_and(|v| v.ends_with(':')))
                || (name_valued && c.is_ascii_digit())
                || matches!(c, '，' | '。' | ',' | '；')
                || n >= 30;
            if stop {
                break;
            }
            value_len = k + c.len_utf8();
        }
        let end = value_start + value_len;
        found.push(offset + i..offset + end);
        done = end;
    }
    let at_start = found.first().is_some_and(|r| r.start == offset);
    if found.len() >= 2 || at_start {
        out.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        for line in [
            "首页 | 版面导航 | 标题导航 |",
            "3 上一篇 下一篇 4 放大 缩小 默认",
            "时间 : 2021年10月09日 来源 : 电视台 作者 : 浏览次数 : 8355",
            "发布时间:2023-03-27 发布机构:市发改委",
            "182666968.jpg",
            "01",
            "No.2",
            "2023年10月24日 星期二",
            "第05版:要闻",
            "Copyright © 2008 Example Daily All Rights Reserved",
            "图为开工仪式现场。",
            "参加活动的领导为开工仪式剪彩。（某某 摄）",
        ] {
            assert!(is_line(line), "{line}");
        }
        for line in [
            "全年新开工项目120个，总投资300亿元。",
            "为入驻企业提供技术支持，",
            "依法取得排污许可证，",
            "企业力图为",
            "一是招商攻坚战。",
            "2023年主要预期目标",
            "记者：今年有哪些打算？",
        ] {
            assert!(!is_line(line), "{line}");
        }
    }

    #[test]
    fn a_byline_run_into_the_article() {
        let t =
            "发布时间:2023-12-27 14:27:11 | 来源:某网 | 责任编辑:张三12月22日,某县举行签约仪式。";
        let s = spans(t);
        let last = s.last().cloned().unwrap_or(0..0);
        assert_eq!(&t[last.clone()], "责任编辑:张三");
        assert!(t[last.end..].starts_with("12月22日"));
    }
}
