//! Page furniture: navigation, metadata, counters, footers and photo captions around an
//! article as it was crawled. Normalisation keeps each furniture line a paragraph of its own
//! (so it is never joined to the article's sentences), and the rules drop whatever they read
//! inside furniture. The words are tables in `lexicon::furniture`.

use super::lexicon::furniture as lex;
use super::normalize::is_han;
use std::ops::Range;

/// Whether a whole line (or paragraph) is furniture.
pub(crate) fn is_line(line: &str) -> bool {
    let line = line.trim();
    let n = line.chars().count();
    if n == 0 {
        return false;
    }
    let short = n <= lex::MAX_LINE_CHARS;
    if short
        && lex::NAVIGATION
            .iter()
            .chain(lex::FOOTER)
            .any(|w| line.contains(w))
    {
        return true;
    }
    // An image's file name, a bare list number ("01", "No.1"), a date line.
    if lex::IMAGE_EXTENSIONS.iter().any(|e| line.ends_with(e)) && !line.contains(is_han) {
        return true;
    }
    if is_list_number(line) {
        return true;
    }
    if is_date_line(line) {
        return true;
    }
    // "第05版：要闻".
    if let Some(rest) = line.strip_prefix('第') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest.get(digits..).is_some_and(|r| r.starts_with('版')) && short {
            return true;
        }
    }
    // Metadata: a label and its colon at the start of a short line that holds no sentence.
    let prose = line.contains(['。', '！', '？', '，', '；']);
    if short && !prose && label_at(line, 0).is_some() {
        return true;
    }
    // Photo captions.
    n <= 150
        && (lex::CAPTION_STARTS.iter().any(|w| line.starts_with(w))
            || lex::CAPTION_CREDITS.iter().any(|w| line.ends_with(w)))
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
    let mut out = Vec::new();
    let mut start = 0;
    for para in text.split('\n') {
        let end = start + para.len();
        if is_line(para) {
            out.push(start..end);
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
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < para.len() {
        let at_boundary = i == 0
            || para
                .get(..i)
                .and_then(|b| b.chars().next_back())
                .is_some_and(|c| c == ' ' || c == '|' || c == '丨');
        if at_boundary {
            if let Some((len, label)) = label_at(para, i) {
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
                i = end.max(i + 1);
                continue;
            }
        }
        i += para
            .get(i..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
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
