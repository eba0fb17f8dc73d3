//! Where a post's place and the person's name stand around a title.

use super::super::super::gazetteer::PlaceId;
use super::super::super::lexicon::officials as lex;
use super::super::super::normalize::is_han;
use super::super::super::text::{self, char_before};
use super::super::super::Analysed;
use super::super::FewWords;
use once_cell::sync::Lazy;

/// The place a title's prefix names: the longest tail of the Han run before `pos` that the
/// gazetteer knows, read in the context of a place named right before it
/// ("和林格尔县城关镇党委书记" → the 城关镇 of 和林格尔县), else of the section. Returns the
/// prefix start and place.
pub(super) fn prefix_place(a: &Analysed<'_>, pos: usize) -> (usize, Option<PlaceId>) {
    let run = text::before(a.text, 0, pos, 12);
    let run_start = pos - run.len();
    // Only the Han tail of the window.
    let mut han_start = pos;
    for (i, c) in run.char_indices().rev() {
        if !is_han(c) {
            break;
        }
        han_start = run_start + i;
    }
    let mut k = han_start;
    while k < pos {
        let cand = text::sub(a.text, k, pos);
        let mut ids = a.gaz.lookup(cand);
        // "甲市委书记": the title's level character completes the name (甲 + 市).
        if ids.is_empty() {
            if let Some(l) = text::char_at(a.text, pos).filter(|c| "省市区县州".contains(*c)) {
                ids = a.gaz.lookup(&format!("{cand}{l}"));
            }
        }
        if !ids.is_empty() {
            let before = a
                .ctx
                .mentions_in(han_start, k)
                .filter(|m| m.end == k)
                .find_map(|m| m.place);
            let place = a
                .gaz
                .choose(ids, before.or_else(|| a.ctx.section_region(pos)));
            return (k, place);
        }
        k += text::char_at(a.text, k).map_or(1, char::len_utf8);
    }
    (pos, None)
}

/// A short unknown name right before a title, at a clause start ("。甲市委书记" → 甲): the
/// organisation is named after it even though the gazetteer does not know the place.
pub(super) fn literal_prefix(a: &Analysed<'_>, pos: usize) -> Option<(usize, String)> {
    let run = text::before(a.text, 0, pos, 5);
    let han: String = run.chars().rev().take_while(|&c| is_han(c)).collect();
    let n = han.chars().count();
    if !(2..=4).contains(&n) {
        return None;
    }
    let literal: String = han.chars().rev().collect();
    let start = pos - literal.len();
    let boundary = match char_before(a.text, start) {
        None => true,
        Some(c) => !is_han(c),
    };
    (boundary && !literal.contains(['的', '和', '是', '在', '任', '原', '副', '访']))
        .then_some((start, literal))
}

/// The name starting at `pos` (one space allowed before it: "市长 覃伟中"), with its start and
/// end.
pub(super) fn name_at(t: &str, pos: usize) -> Option<(usize, usize)> {
    let pos = if text::char_at(t, pos) == Some(' ') {
        pos + 1
    } else {
        pos
    };
    let head = text::after(t, pos, t.len(), 5);
    let chars: Vec<(usize, char)> = head.char_indices().collect();
    let compound = lex::COMPOUND_SURNAMES.iter().any(|s| head.starts_with(s));
    let first = chars.first()?.1;
    if lex::AFTER_NAME.iter().any(|w| head.starts_with(w)) {
        return None;
    }
    if !compound && !lex::SURNAMES.contains(first) {
        // A family name the table lacks: only a name set off by punctuation right after the
        // title ("县长某某，"), holding no word of the sentence.
        return [3, 2].into_iter().find_map(|n| {
            let end = pos + chars.get(n).map(|&(i, _)| i)?;
            let name = text::sub(t, pos, end);
            let set_off = text::char_at(t, end).is_some_and(|c| "，,、；;。".contains(c));
            (set_off
                && name.chars().all(is_han)
                && !name.contains(lex::NOT_IN_NAME)
                && !name.contains(lex::FUNCTION_CHARS))
            .then_some((pos, end))
        });
    }
    let lens: &[usize] = if compound { &[3, 4] } else { &[2, 3] };
    let end_of = |n: usize| pos + chars.get(n).map_or(head.len(), |&(i, _)| i);
    let all_han = |n: usize| chars.len() >= n && chars.iter().take(n).all(|&(_, c)| is_han(c));
    // A reading followed by a word that may follow a name, or by no Han character.
    for &n in lens {
        if !all_han(n) {
            continue;
        }
        let rest = text::after(t, end_of(n), t.len(), 2);
        if rest.is_empty()
            || rest.starts_with(|c: char| !is_han(c))
            || lex::AFTER_NAME.iter().any(|w| rest.starts_with(w))
        {
            return Some((pos, end_of(n)));
        }
    }
    // Else the longer reading followed by the first character of a verb.
    for &n in lens.iter().rev() {
        if !all_han(n) {
            continue;
        }
        let next = text::char_at(t, end_of(n));
        if next.is_some_and(|c| lex::AFTER_NAME_CHARS.contains(c)) {
            return Some((pos, end_of(n)));
        }
    }
    None
}

/// "NAME书记"/"NAME总理" followed by a speech verb, the name (2 or 3 Han characters) right after
/// a clause boundary: (name start, title start, title end, organisation).
pub(super) fn name_titles(t: &str) -> Vec<(usize, usize, usize, Option<&'static str>)> {
    // The titles that end in 书记 (总书记 among them) are found as 书记, the others as
    // themselves, all in one pass over the text.
    static SHAPES: Lazy<(FewWords, Vec<&'static str>)> = Lazy::new(|| {
        let shapes: Vec<&'static str> = lex::AFTER_NAME_TITLES
            .iter()
            .map(|(title, _)| {
                if title.ends_with("书记") {
                    "书记"
                } else {
                    *title
                }
            })
            .fold(Vec::new(), |mut v, s| {
                if !v.contains(&s) {
                    v.push(s);
                }
                v
            });
        (FewWords::new(shapes.iter().copied()), shapes)
    });
    let (ac, shapes) = &*SHAPES;
    let mut out = Vec::new();
    let hits = ac.find_iter(t).filter_map(|m| {
        let shape = shapes.get(m.pattern().as_usize())?;
        let end = m.end();
        // The longest title of the table ending here ("总书记" over "书记").
        lex::AFTER_NAME_TITLES
            .iter()
            .filter(|(title, _)| {
                title.ends_with(shape) && t.get(..end).is_some_and(|h| h.ends_with(title))
            })
            .max_by_key(|(title, _)| title.len())
            .map(|&(title, org)| (m.pattern().as_usize(), end - title.len(), title, org))
    });
    for (shape, k, title, org) in hits {
        let end = k + title.len();
        let rest = t.get(end..).unwrap_or("");
        if !lex::SPEECH.iter().any(|w| rest.starts_with(w)) {
            continue;
        }
        let before = t.get(..k).unwrap_or("");
        let mut name_start = k;
        let mut n = 0;
        for (i, c) in before.char_indices().rev() {
            if !is_han(c) || n >= 4 {
                break;
            }
            name_start = i;
            n += 1;
        }
        let boundary = match char_before(t, name_start) {
            None => true,
            Some(c) => c.is_whitespace() || "，。；：！？、“”,.;:!?".contains(c),
        };
        // Often the given name alone ("清宪书记"): no family-name test.
        let name = text::sub(t, name_start, k);
        if boundary && (2..=3).contains(&n) && !name.contains(lex::NOT_IN_NAME) {
            out.push((name_start, shape, k, end, org));
        }
    }
    // In the order of the names, then (as when each shape was searched on its own) shapes.
    out.sort_by_key(|x| (x.0, x.1));
    out.into_iter()
        .map(|(ns, _, k, end, org)| (ns, k, end, org))
        .collect()
}
