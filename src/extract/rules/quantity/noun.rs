//! The noun phrase a metric is named with: the text before or after a figure, cleanly
//! bounded (lead and tail words stripped, verbs and ordinals refused), as written.

use super::super::super::lexicon::{metric_words as mw, script};
use super::super::super::metrics::{self};
use super::super::super::normalize::is_han;
use super::super::super::text;
use super::super::super::Analysed;
use super::super::first_words;
use super::metric::is_indicator_name;
use super::words::WordSet;
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;
use regex::Regex;
use std::ops::Range;

/// Whether `s` is made only of verbs that take an object or name a project's stage.
pub(super) fn is_verbs(s: &str) -> bool {
    let k = metrics::key_form(s);
    let mut rest = k.as_str();
    while !rest.is_empty() {
        let Some(v) = VERBS.prefix(rest) else {
            return false;
        };
        rest = rest.get(v.len()..).unwrap_or("");
    }
    true
}

pub(super) fn is_not_a_metric(name: &str) -> bool {
    let k = metrics::key_form(name);
    k.is_empty() || mw::NOT_A_METRIC.contains(&k.as_str())
}

/// The text of `lo..hi` as written: quotation marks, spaces and parenthesised romanisation
/// dropped.
pub(super) fn written(a: &Analysed<'_>, lo: usize, hi: usize) -> String {
    let s = text::sub(a.text, lo, hi);
    let mut out = String::with_capacity(s.len());
    let mut paren: Option<String> = None;
    for c in s.chars() {
        if let Some(buf) = paren.as_mut() {
            if c == ')' || c == '）' {
                // Keep a parenthesis with Chinese in it ("套(间)" is not a metric anyway).
                if buf.chars().any(is_han) {
                    out.push('(');
                    out.push_str(buf);
                    out.push(')');
                }
                paren = None;
            } else {
                buf.push(c);
            }
            continue;
        }
        match c {
            '(' | '（' => paren = Some(String::new()),
            c if is_han(c) || c.is_ascii_alphanumeric() || "&.·".contains(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Words stripped from a metric's front (cue and discourse words, scope) and end.
static LEAD: Lazy<WordSet> = Lazy::new(|| WordSet::new(&[mw::LEAD, mw::SCOPE]));
static TAIL: Lazy<WordSet> = Lazy::new(|| WordSet::new(&[mw::TAIL]));
static VERBS: Lazy<WordSet> = Lazy::new(|| WordSet::new(&[mw::OBJECT_VERBS, mw::STAGE_VERBS]));
pub(super) static NOUN_STOPS: Lazy<WordSet> = Lazy::new(|| WordSet::new(&[mw::NOUN_STOPS]));
pub(super) static ACTION: Lazy<WordSet> = Lazy::new(|| WordSet::new(&[mw::ACTION_VERBS]));
/// The length in characters of the longest indicator name or synonym.
pub(super) static LONGEST_NAME: Lazy<usize> = Lazy::new(|| {
    metrics::all()
        .iter()
        .flat_map(|m| std::iter::once(m.name).chain(m.synonyms.iter().copied()))
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
});

/// The verbs that take an object, as one automaton: the first of them in a stretch.
pub(super) static OBJECT_VERBS: Lazy<AhoCorasick> =
    Lazy::new(|| first_words(mw::OBJECT_VERBS.iter().copied()));
/// Those of two characters or more, in table order.
static LONG_OBJECT_VERB_WORDS: Lazy<Vec<&'static str>> = Lazy::new(|| {
    mw::OBJECT_VERBS
        .iter()
        .copied()
        .filter(|v| v.chars().count() >= 2)
        .collect()
});
static LONG_OBJECT_VERBS: Lazy<AhoCorasick> =
    Lazy::new(|| AhoCorasick::new(LONG_OBJECT_VERB_WORDS.iter()).expect("word tables are small"));

static ORDINAL: Lazy<Regex> = Lazy::new(|| {
    // Ordinals ("一是", "（二）", "3."), and a numeral that only sizes the noun after it
    // ("九大类民生支出", "三大产业").
    Regex::new(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.、]|[一二三四五六七八九十]+、|[一二两三四五六七八九十]+大类?)")
        .expect("static regex")
});

/// The noun phrase in `lo..hi` (the words before a figure): the last stretch between time
/// expressions that is a metric once its edges are cleaned.
pub(super) fn clean(a: &Analysed<'_>, lo: usize, hi: usize) -> Option<(Range<usize>, String)> {
    let f = &a.folded;
    if hi <= lo {
        return None;
    }
    let mut lo = lo;
    let raw = text::sub(f, lo, hi);
    // Inside a quotation that opened before the figure, the metric starts after its mark.
    if let Some(k) = raw.rfind(['“', '"']) {
        let closed = raw.get(k + 1..).is_some_and(|r| r.contains(['”']));
        if !closed {
            lo += k + raw
                .get(k..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8);
        }
    }
    // A list before its head noun ("…、现代物流等现代服务业项目"): the head; after 即 (namely),
    // what follows it.
    if let Some(k) = text::sub(f, lo, hi).rfind('等') {
        lo += k + '等'.len_utf8();
    }
    for w in mw::RESTART {
        if let Some(k) = text::sub(f, lo, hi).rfind(w) {
            lo += k + w.len();
        }
    }
    // Stretches between time expressions; the one after a comparison base ("是去年同期的",
    // "比2021年") compares, it does not name.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut s = lo;
    let mut after_base = false;
    for tm in a.times_in(lo..hi).iter().filter(|t| t.end <= hi) {
        if tm.start > s && !after_base {
            cuts.push((s, tm.start));
        }
        s = s.max(tm.end);
        after_base = super::frames::is_comparison_base(a, tm);
    }
    if !after_base {
        cuts.push((s, hi));
    }
    cuts.into_iter()
        .rev()
        .filter(|(s, e)| e > s)
        .find_map(|(s, e)| clean_stretch(a, s, e))
}

/// Where in `s` a progress whole (`metric_words::PROGRESS_WHOLES`) starts, when `s` is one, or
/// a reporting verb and one.
fn progress_whole(s: &str) -> Option<usize> {
    let w = mw::PROGRESS_WHOLES.iter().find(|w| s.ends_with(*w))?;
    let k = s.len() - w.len();
    let head = s.get(..k)?;
    (head.is_empty() || mw::REPORTING_VERBS.contains(&head)).then_some(k)
}

fn clean_stretch(a: &Analysed<'_>, lo: usize, hi: usize) -> Option<(Range<usize>, String)> {
    let f = &a.folded;
    let (mut lo, mut hi) = (lo, hi);
    let word = |c: char| is_han(c) || c.is_ascii_alphanumeric();
    loop {
        let was = (lo, hi);
        let noise = script::romanisation_len(text::sub(f, lo, hi));
        if noise > 0 {
            lo += noise;
            continue;
        }
        while let Some(c) = text::char_at(f, lo).filter(|&c| lo < hi && !word(c)) {
            lo += c.len_utf8();
        }
        while let Some(c) = text::char_before(f, hi).filter(|&c| hi > lo && !word(c) && c != ')') {
            hi -= c.len_utf8();
        }
        let s = text::sub(f, lo, hi);
        // Every ordinal starts with a numeral, 第 or a bracket: most stretches do not.
        let may_be_ordinal = s.starts_with(|c: char| {
            c.is_ascii_digit() || matches!(c, '第' | '（' | '(') || text::is_small_numeral(c)
        });
        if let Some(m) = may_be_ordinal.then(|| ORDINAL.find(s)).flatten() {
            if m.end() < s.len() {
                lo += m.end();
                continue;
            }
        }
        // A place named at the front.
        if let Some(m) = a
            .ctx
            .mentions_in(lo, hi)
            .find(|m| m.start == lo && m.end < hi)
        {
            lo = m.end;
            continue;
        }
        // An indicator's own name is not trimmed further: "地方财政一般预算收入", "物价涨幅".
        if is_indicator_name(text::sub(f, lo, hi)) {
            break;
        }
        // The target a progress share is of ("完成年度目标90.8%"), after a reporting verb at most.
        if let Some(k) = progress_whole(text::sub(f, lo, hi)) {
            lo += k;
            break;
        }
        // One word at a time, the end first, so that a name inside is seen whole.
        if let Some(w) = TAIL.suffix(text::sub(f, lo, hi)) {
            hi -= w.len();
            continue;
        }
        if let Some(w) = LEAD.prefix(text::sub(f, lo, hi)) {
            lo += w.len();
        }
        if (lo, hi) == was {
            break;
        }
    }
    // A long stretch is a clause, not a noun phrase: keep the object of its last verb.
    if text::sub(f, lo, hi).chars().count() > 16 {
        let s = text::sub(f, lo, hi);
        // The last verb of two characters or more (of those starting there, the last listed).
        if let Some((k, v)) = LONG_OBJECT_VERBS
            .find_overlapping_iter(s)
            .map(|m| (m.start(), m.pattern().as_usize()))
            .max()
            .and_then(|(k, i)| LONG_OBJECT_VERB_WORDS.get(i).map(|v| (k, *v)))
        {
            let from = lo + k + v.len();
            if text::sub(f, from, hi).chars().count() >= 2 {
                lo = from;
            }
        }
    }
    let name = written(a, lo, hi);
    if name.is_empty()
        || is_not_a_metric(&name)
        || mw::COMPARISON_STARTS
            .iter()
            .any(|w| text::sub(f, lo, hi).starts_with(w))
    {
        return None;
    }
    Some((lo..hi, name))
}
