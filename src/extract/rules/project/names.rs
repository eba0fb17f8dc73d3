//! Names and lists of projects: lists split on 、, names ending in a project noun, sectors read
//! from a batch's modifier, and the generic names that are not a project's own.

use super::*;

/// A list of names ending at `end`, starting no earlier than `floor`: split on 、 (and a final
/// 和/及). Returns (start, items).
pub(super) fn list_before(
    a: &Analysed<'_>,
    floor: usize,
    end: usize,
) -> Option<(usize, Vec<String>)> {
    let raw = text::sub(a.text, floor, end);
    let lead = raw
        .char_indices()
        .find(|&(_, c)| !matches!(c, '和' | '及' | '与' | '对' | '将' | '把' | '了'))
        .map_or(raw.len(), |(i, _)| i);
    let mut body = raw.get(lead..)?;
    let mut lead = lead;
    // Cue words before the first name ("确保华能风电、…").
    while let Some(w) = starts_with_any(body, lex::LIST_LEADS) {
        body = body.get(w.len()..)?;
        lead += w.len();
    }
    if body.is_empty() {
        return None;
    }
    let mut items: Vec<String> = Vec::new();
    for part in body.split('、') {
        for p in part.split(['和', '及']) {
            let p = p.trim_matches(['“', '”', ' ']);
            // Names of works run long ("年综合利用2000吨…生产线项目").
            let n = p.chars().count();
            if !(2..=32).contains(&n) {
                return None;
            }
            if !p
                .chars()
                .all(|c| is_han(c) || c.is_ascii_alphanumeric() || "()（）·“”".contains(c))
            {
                return None;
            }
            items.push(p.to_string());
        }
    }
    Some((floor + lead, items))
}

/// The sector words of a batch's noun ("产业", "新型材料及电子"): the modifier of 项目 less
/// generic words (重点, 重大, 在建 …) at its front and 的.
pub(super) fn sector_from(modifier: &str) -> Option<String> {
    let mut s = modifier.trim_end_matches('的');
    loop {
        let before = s;
        for m in lex::GENERIC_MODIFIERS.iter().chain(&["建设"]) {
            if let Some(r) = s.strip_prefix(m) {
                s = r;
            }
        }
        if s == before {
            break;
        }
    }
    (!s.is_empty() && s.chars().count() <= 8 && s.chars().all(is_han)).then(|| s.to_string())
}

/// The longest prefix of `s` that ends in a project noun and is followed by nothing, or by a
/// word that may follow a name: (byte length, name).
pub(super) fn name_with_head(s: &str) -> Option<(usize, String)> {
    static HEAD_LAST: Lazy<CharSet> =
        Lazy::new(|| CharSet::new(lex::HEADS.iter().filter_map(|h| h.chars().next_back())));
    let mut best: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if !HEAD_LAST.contains(c) {
            continue;
        }
        let end = i + c.len_utf8();
        let Some(prefix) = s.get(..end) else { continue };
        if !lex::HEADS.iter().any(|h| prefix.ends_with(h)) {
            continue;
        }
        let rest = s.get(end..).unwrap_or("");
        let ok = rest.is_empty()
            || rest.starts_with(|c: char| !is_han(c) && c != '“' && c != '”')
            || lex::AFTER_NAME.iter().any(|w| rest.starts_with(w));
        if ok {
            best = Some(end);
        }
    }
    let end = best?;
    let name: String = s
        .get(..end)?
        .chars()
        .filter(|&c| c != '“' && c != '”')
        .collect();
    Some((end, name))
}

pub(super) fn strip_name(name: &str) -> String {
    // "全市首家…", "某新区首个…": the scope before 首个/首家 goes.
    let mut s = name;
    for w in lex::FIRST_OF_KIND {
        if let Some(k) = s.find(w) {
            if s.get(..k).is_some_and(|p| p.chars().count() <= 6) {
                s = s.get(k + w.len()..).unwrap_or(s);
            }
        }
    }
    s.to_string()
}

/// Whether a name is only a kind of project ("重点项目", "产业项目", "过亿元项目"): what is left
/// once generic modifiers are gone is a generic name, or shorter than three characters.
pub(super) fn is_generic(name: &str) -> bool {
    let mut s = name.to_string();
    loop {
        let before = s.clone();
        for m in lex::GENERIC_MODIFIERS {
            if let Some(r) = s.strip_prefix(m) {
                s = r.to_string();
            }
        }
        if s == before {
            break;
        }
    }
    // Size classes ("过亿元项目", "亿元以上项目") are not names.
    lex::GENERIC_NAMES.contains(&s.as_str())
        || s.chars().count() < 3
        || s.contains("亿元")
        || s.contains("万元")
}
