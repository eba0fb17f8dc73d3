//! Figures that are not targets or observations, each rule named:
//!
//! - `anaphor`: "这9个项目": counted before;
//! - `project_money`: a project's or a batch's size ("总投资12亿元", "协议投资额45亿元" beside
//!   a count of projects): the project rules carry it on the project;
//! - `size_class`: "过亿元项目", "千万元以上重点项目": a class of projects, not a figure;
//! - `project_count`: (not a stock: "共有64个项目" is a figure) "新开工项目36个", "千万元以上重点项目12项", "新建5项" in a sentence
//!   counting projects: a batch, read by the project rules; a count a commitment governs
//!   ("今年要引进项目120个", "力争新签约过亿元项目100个以上") stays a figure, a target number of
//!   projects;
//! - `page_counter`: view, click and reply counters of a web page ("阅读：273次");
//! - `logistics`: counts of venues and attendees ("8个会场", "40名骨干");
//! - `ranking`: the scope of a ranking ("23个开发区前三名", "三个园区中规模最大");
//! - `apposition`: "供水、供电、道路和通信四个": a number with no noun of its own that
//!   only counts the list before it (with a noun, "东村、西村、南村三个村庄年内回迁", the count
//!   is a figure of that noun and stays).

use super::super::super::lexicon::{counted, metric_words as mw, projects, script};
use super::super::super::measure::{QMention, QUnit};
use super::super::super::normalize::is_han;
use super::super::super::text;
use super::super::super::Analysed;
use super::super::first_words;
use super::Site;
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;

/// Words before a figure that make it a project's total size.
const PROJECT_SIZE: &[&str] = &["计划总投资", "总投资额", "投资总额", "总投资"];

/// Words before a figure that make it a batch's size when the sentence counts projects
/// ("9个项目…协议投资额达45亿元"); without a count it is a figure of its own ("新签约项目正式
/// 合同金额120亿元").
const BATCH_SIZE: &[&str] = &[
    "协议投资额",
    "协议投资",
    "签约资金",
    "签约金额",
    "签约额",
    "合同投资",
    "合同金额",
    "投资额",
    "投资",
];

/// Words between a size word and its figure.
const SIZE_GAP: &[&str] = &["合计", "共计", "总计", "达到", "达", "为", "约", "共", " "];

/// `project_count`'s exception: a count of projects, in digits, that a commitment governs and
/// that reads as a target ("今年要引进项目120个"). Chinese numerals name programmes ("十大
/// 工程") more often than they count.
pub(super) fn committed_count(
    a: &Analysed<'_>,
    frames: &super::frames::Frames,
    site: &Site,
    q: &QMention,
) -> bool {
    !q.chinese && super::kind::committed(a, frames, site, q)
}

/// Why figure `q` is not a target or an observation, if it is not.
pub(super) fn reject(
    a: &Analysed<'_>,
    site: &Site,
    i: usize,
    q: &QMention,
) -> Option<&'static str> {
    let f = &a.folded;
    let before = text::before(f, site.sent.start, q.start, 2);
    if counted::ANAPHORS.iter().any(|w| before.ends_with(w)) {
        return Some("anaphor");
    }
    // The words right before the figure (a colon or a space may stand between).
    let label = text::before(f, site.sent.start, q.start, 6)
        .trim_end_matches([' ', ':', '：', '次', '数', '量']);
    if counted::PAGE_COUNTERS.iter().any(|w| label.ends_with(w)) {
        return Some("page_counter");
    }
    if q.unit == QUnit::Yuan {
        if let Some(reason) = money(a, site, q) {
            return Some(reason);
        }
        return None;
    }
    static LOGISTICS: Lazy<AhoCorasick> =
        Lazy::new(|| first_words(counted::LOGISTICS.iter().copied()));
    static RANKING: Lazy<AhoCorasick> = Lazy::new(|| first_words(counted::RANKING.iter().copied()));
    let after = noun_after(f, q.end, site.phrase.end);
    if LOGISTICS.is_match(&after) {
        return Some("logistics");
    }
    if RANKING.is_match(&after) || superlative(&after) {
        return Some("ranking");
    }
    // A stock ("共有64个总部项目") is what a region has: a figure, not a batch of an event.
    let stock = projects::STOCK_WORDS.iter().any(|w| before.ends_with(w));
    if matches!(q.unit, QUnit::Word("个" | "项"))
        && !stock
        && counts_projects(a, site, i, q, &after)
    {
        return Some("project_count");
    }
    if q.chinese && after.is_empty() && restates_list(a, site, q) {
        return Some("apposition");
    }
    None
}

fn money(a: &Analysed<'_>, site: &Site, q: &QMention) -> Option<&'static str> {
    let f = &a.folded;
    let mut before = text::sub(f, site.phrase.start, q.start);
    loop {
        let was = before.len();
        for w in SIZE_GAP {
            before = before.strip_suffix(w).unwrap_or(before);
        }
        if before.len() == was {
            break;
        }
    }
    if PROJECT_SIZE.iter().any(|w| before.ends_with(w)) {
        return Some("project_money");
    }
    if let Some(w) = BATCH_SIZE.iter().find(|w| before.ends_with(**w)) {
        // Bare 投资 only right after a count ("新能源3个投资…"): elsewhere it ends another
        // metric (完成投资, 年度计划投资).
        let head = before.get(..before.len() - w.len()).unwrap_or("");
        let bare_ok = *w != "投资" || head.ends_with(['个', '项']);
        if bare_ok && sentence_counts_projects(a, site, q) {
            return Some("project_money");
        }
    }
    // "过亿元项目", "千万元以上重点项目", "投资1亿元的项目".
    let after = text::after(f, q.end, site.phrase.end, 8);
    let after = after.strip_prefix('的').unwrap_or(after);
    let head: String = after.chars().take(6).collect();
    if counted::PROJECT_NOUNS
        .iter()
        .chain(&["企业"])
        .any(|w| head.contains(w))
    {
        return Some("size_class");
    }
    None
}

/// The Han characters after a unit (brackets and romanisation noise allowed: "区县(市)第一",
/// "區(qū)縣"), up to 12 characters of text.
fn noun_after(f: &str, from: usize, ceil: usize) -> String {
    let s = text::sub(f, from, ceil);
    let s = s.trim_start_matches(' ');
    let mut out = String::new();
    let (mut k, mut n) = (0, 0);
    while let Some(c) = s.get(k..).and_then(|r| r.chars().next()) {
        let noise = script::romanisation_len(s.get(k..).unwrap_or(""));
        if noise > 0 {
            k += noise;
            continue;
        }
        if n >= 12 || !(is_han(c) || matches!(c, '(' | ')' | '（' | '）')) {
            break;
        }
        out.push(c);
        n += 1;
        k += c.len_utf8();
    }
    out
}

/// "三个园区中规模最大": 中 and then 最 within a few characters.
fn superlative(near: &str) -> bool {
    near.find('中').is_some_and(|k| {
        near.get(k..)
            .is_some_and(|r| r.chars().take(5).any(|c| c == '最'))
    })
}

fn ends_with_project_noun(s: &str) -> bool {
    let s = s.trim_end_matches(['有', '共']);
    counted::PROJECT_NOUNS.iter().any(|w| s.ends_with(w))
}

fn is_project_noun(s: &str) -> bool {
    counted::PROJECT_NOUNS.iter().any(|w| s.contains(w))
}

/// Whether the words after a count start a noun: not empty, and no verb, stage verb, stop
/// word or non-metric word first ("3个项目", not "3个投资突破…").
fn starts_as_noun(after: &str) -> bool {
    !after.is_empty()
        && !mw::OBJECT_VERBS
            .iter()
            .chain(mw::STAGE_VERBS)
            .chain(mw::NOT_A_METRIC)
            .chain(mw::NOUN_STOPS)
            .any(|w| after.starts_with(w))
}

/// Whether a count counts projects: by the noun after it, the noun before it, or (a bare
/// count) the other counts of its sentence.
fn counts_projects(a: &Analysed<'_>, site: &Site, i: usize, q: &QMention, after: &str) -> bool {
    // The noun after the unit, unless a verb follows the count instead ("3个投资突破…").
    if starts_as_noun(after) {
        return is_project_noun(after);
    }
    let f = &a.folded;
    let mut item = text::sub(f, site.item_start, q.start).trim_end();
    loop {
        let was = item.len();
        for w in [
            "共有",
            "数量为",
            "数量",
            "个数",
            "共计",
            "共",
            "有",
            "达",
            "为",
            "约",
        ] {
            item = item.strip_suffix(w).unwrap_or(item);
        }
        if item.len() == was {
            break;
        }
    }
    // "新建项目开工60个": the project noun before a verb of its stage.
    let mut head = item;
    while let Some(v) = mw::OBJECT_VERBS
        .iter()
        .chain(mw::STAGE_VERBS)
        .filter(|v| head.ends_with(**v) && head.len() > v.len())
        .max_by_key(|v| v.len())
    {
        head = head.get(..head.len() - v.len()).unwrap_or("");
    }
    if counted::PROJECT_NOUNS.iter().any(|w| head.ends_with(w)) {
        return true;
    }
    // A count with no noun of its own ("新建5项", or "文化旅游4个" after "涵盖新能源、…、文化旅游等
    // 领域") counts what the other counts of its sentence count.
    let bare = {
        let mut h = item;
        while let Some(w) = mw::LEAD
            .iter()
            .find(|w| h.starts_with(**w) && h.len() > w.len())
        {
            h = h.get(w.len()..).unwrap_or("");
        }
        let listed_before = !h.is_empty() && {
            let earlier = text::sub(f, site.sent.start, site.item_start);
            earlier.contains(&format!("{h}、")) || earlier.contains(&format!("、{h}"))
        };
        let ends_with_verb = mw::OBJECT_VERBS
            .iter()
            .chain(mw::STAGE_VERBS)
            .any(|v| v.chars().count() >= 2 && h.ends_with(v));
        h.is_empty() || is_stage_word(h) || ends_with_verb || listed_before
    };
    if !bare {
        return false;
    }
    let prev = a.sentences().partition_point(|s| s.end <= site.sent.start);
    let lo = prev
        .checked_sub(1)
        .and_then(|j| a.sentences().get(j))
        .filter(|s| a.para_start(s.start) == a.para_start(site.sent.start))
        .map_or(site.sent.start, |s| s.start);
    let (lo, hi) = sibling_window(a, lo, site.sent.end, q);
    let mut any_project = false;
    for o in a
        .qms_in(lo..hi)
        .filter(|&j| j != i)
        .filter_map(|j| a.qms.get(j))
        .filter(|o| matches!(o.unit, QUnit::Word("个" | "项")))
    {
        let noun = noun_after(f, o.end, site.sent.end.max(o.end));
        let noun_is_head = starts_as_noun(&noun);
        if is_project_noun(&noun) || ends_with_project_noun(text::before(f, lo, o.start, 4)) {
            any_project = true;
        } else if noun_is_head {
            // A sibling counting something else: the sentence is not a list of projects.
            return false;
        }
    }
    any_project
}

/// Whether `s` is only verbs of a project's stage ("新建", "续建", "开工").
fn is_stage_word(s: &str) -> bool {
    let mut rest = s;
    while !rest.is_empty() {
        let Some(v) = mw::OBJECT_VERBS
            .iter()
            .chain(mw::STAGE_VERBS)
            .filter(|v| rest.starts_with(**v))
            .max_by_key(|v| v.len())
        else {
            return false;
        };
        rest = rest.get(v.len()..).unwrap_or("");
    }
    true
}

/// How far around a figure its sibling figures are looked for, in characters.
const SIBLING_REACH_CHARS: usize = 150;

/// The stretch of `lo..hi` within `SIBLING_REACH_CHARS` of figure `q`.
fn sibling_window(a: &Analysed<'_>, lo: usize, hi: usize, q: &QMention) -> (usize, usize) {
    let lo = q.start - text::before(a.text, lo, q.start, SIBLING_REACH_CHARS).len();
    let hi = q.end + text::after(a.text, q.end, hi, SIBLING_REACH_CHARS).len();
    (lo, hi)
}

/// Whether the sentence of figure `q` counts projects near it.
fn sentence_counts_projects(a: &Analysed<'_>, site: &Site, q: &QMention) -> bool {
    let f = &a.folded;
    let (lo, hi) = sibling_window(a, site.sent.start, site.sent.end, q);
    a.qms_in(lo..hi).any(|j| {
        a.qms.get(j).is_some_and(|o| {
            matches!(o.unit, QUnit::Word("个" | "项"))
                && (is_project_noun(&noun_after(f, o.end, site.sent.end.max(o.end)))
                    || ends_with_project_noun(text::before(f, site.sent.start, o.start, 4)))
        })
    })
}

/// "供水、供电、道路和通信四个": a number in Chinese numerals that counts the list right
/// before it.
fn restates_list(a: &Analysed<'_>, site: &Site, q: &QMention) -> bool {
    let f = &a.folded;
    let raw = text::sub(f, site.phrase.start, q.start);
    let parts: Vec<&str> = raw
        .split('、')
        .flat_map(|p| p.split(['和', '及', '与']))
        .collect();
    let n = parts.len();
    n >= 2
        && q.value.to_integer() == i64::try_from(n).ok()
        && parts
            .last()
            .is_some_and(|p| !p.is_empty() && p.chars().count() <= 12)
}
