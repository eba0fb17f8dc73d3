//! Campaign rules.
//!
//! | rule | reads |
//! |---|---|
//! | `campaign.themed_year` | a themed year: quoted ("“项目攻坚年”动员会", quotation marks of either script), or unquoted with a head from the table and a frame ("开展制造业项目建设年活动", "去年是…的项目落地攻坚年") |
//! | `campaign.quoted` | a quoted name that ends in a campaign word ("“百日攻坚”", "“五场硬仗”") or is followed by one ("“三个一批”活动", "“千企技改”工程", "“满天星”行动计划"): the name is the quotation |
//! | `campaign.suffix` | a name ending in 攻坚战, 攻势, 战役, 行动 … (工程, 计划, 硬仗 only when numbered or after a verb of carrying out), cut on the left at the last verb, preposition, ordinal (一是) or place name: "积极融入新区海洋强区攻坚战" → 海洋强区攻坚战 (region 新区) |
//! | `campaign.group` | a numbered group ("十二大攻坚战") and, when a list precedes it, its members with their ordinals ("招商、技改等六大攻坚战" → 招商攻坚战 #1, 技改攻坚战 #2) |
//! | `campaign.quoted_actions` | "开展“送医下乡”“书香校园”等行动" → one action per item |
//! | `campaign.slogan` | a quoted framework slogan, told from other quotations by its frame: a list followed by 思路/布局/定位/N个关键词, a numbered formula followed by a definition, a frame or 作为 ("把“双招双引”作为…路径") |
//!
//! The words are tables in `lexicon::campaigns`.

use super::super::facts::placeholder_span;
use super::super::facts::{CampaignFact, Fact};
use super::super::gazetteer::PlaceId;
use super::super::lexicon::campaigns as lex;
use super::super::normalize::is_han;
use super::super::text::{self, char_before, ordinal_value};
use super::super::{Analysed, Found};
use super::phrase_at;
use crate::model::CampaignKind;
use once_cell::sync::Lazy;
use regex::Regex;

static SUFFIX: Lazy<Regex> = Lazy::new(|| {
    let mut words: Vec<&str> = lex::SUFFIXES.iter().map(|s| s.word).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    Regex::new(&words.join("|")).expect("static regex")
});

static GROUP_TAIL: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"([一二两三四五六七八九十]+)大$").expect("static regex"));

static QUOTED_ACTIONS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"((?:“[^”“]{2,12}”){2,8})(\p{Han}{0,8})等(行动)").expect("static regex")
});

static NUMBERED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[一二两三四五六七八九十百千双0-9]+[个大项张条]?\p{Han}{1,4}){1,5}$|^[0-9]+(?:\+[0-9A-Za-z]+)+$")
        .expect("static regex")
});

/// Frame nouns that make a quoted list a framework slogan.
static FRAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:的|”)?(?:总体|重点|主要)?(?:工作|发展|产业)?(?:思路|布局|定位|战略|格局|攻坚任务|产业集群|产业体系)|^[一二两三四五六七八九十]+个关键词")
        .expect("static regex")
});

pub(crate) fn run(a: &Analysed<'_>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    themed_years(a, &mut out);
    unquoted_themed_years(a, &mut out);
    quoted(a, &mut out);
    suffixes(a, &mut out);
    quoted_actions(a, &mut out);
    slogans(a, &mut out);
    prefer_explicit(&mut out);
    prefer_themed_years(&mut out);
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// A group member inferred from a list ("招商、技改等六大攻坚战" → 招商攻坚战) gives way
/// to the same campaign written out in full elsewhere ("一是招商攻坚战"), which inherits the
/// member's parent and ordinal when it has none.
fn prefer_explicit(out: &mut Vec<Found>) {
    let mut inherit: Vec<(String, Option<String>, Option<u32>)> = Vec::new();
    let explicit: std::collections::HashSet<String> = out
        .iter()
        .filter_map(|f| match &f.fact {
            Fact::Campaign(c) if c.rule != "campaign.group_member" => Some(c.name.clone()),
            _ => None,
        })
        .collect();
    out.retain(|f| match &f.fact {
        Fact::Campaign(c) if c.rule == "campaign.group_member" && explicit.contains(&c.name) => {
            inherit.push((c.name.clone(), c.parent.clone(), c.ordinal));
            false
        }
        _ => true,
    });
    for f in out.iter_mut() {
        if let Fact::Campaign(c) = &mut f.fact {
            if let Some((_, parent, ordinal)) = inherit.iter().find(|(n, _, _)| *n == c.name) {
                if c.parent.is_none() {
                    c.parent = parent.clone();
                }
                if c.ordinal.is_none() {
                    c.ordinal = *ordinal;
                }
            }
        }
    }
}

/// "…提质增效年行动" read both as a themed year and as an action on it is the themed year.
fn prefer_themed_years(out: &mut Vec<Found>) {
    let years: std::collections::HashSet<String> = out
        .iter()
        .filter_map(|f| match &f.fact {
            Fact::Campaign(c) if c.kind_of == CampaignKind::ThemedYear => Some(c.name.clone()),
            _ => None,
        })
        .collect();
    if years.is_empty() {
        return;
    }
    out.retain(|f| match &f.fact {
        Fact::Campaign(c) if c.rule == "campaign.suffix" => !c
            .name
            .match_indices('年')
            .any(|(k, y)| years.contains(c.name.get(..k + y.len()).unwrap_or(""))),
        _ => true,
    });
}

/// What a rule found, before it becomes a [`Found`].
struct Spec {
    name: String,
    kind: CampaignKind,
    region: Option<PlaceId>,
    parent: Option<String>,
    ordinal: Option<u32>,
    rule: &'static str,
}

fn spec(name: String, kind: CampaignKind, region: Option<PlaceId>, rule: &'static str) -> Spec {
    Spec {
        name,
        kind,
        region,
        parent: None,
        ordinal: None,
        rule,
    }
}

fn campaign(a: &Analysed<'_>, start: usize, end: usize, s: Spec) -> Found {
    let Spec {
        name,
        kind,
        region,
        parent,
        ordinal,
        rule,
    } = s;
    let region_id = region;
    let (region, region_code) = a.place_name(region_id);
    Found {
        start,
        end,
        fact: Fact::Campaign(CampaignFact {
            name,
            kind_of: kind,
            region,
            region_code,
            region_note: a.region_note(region_id),
            year: a.year,
            parent,
            ordinal,
            span: placeholder_span(),
            rule,
        }),
    }
}

fn region_at(a: &Analysed<'_>, pos: usize) -> Option<PlaceId> {
    let sent = a.sentence_at(pos);
    let phrase = super::phrase_at(a, &sent, pos);
    a.ctx
        .region_for(a.text, a.gaz, sent.start, phrase, pos, &[])
}

fn themed_years(a: &Analysed<'_>, out: &mut Vec<Found>) {
    for q in &a.quotes {
        let inner = text::sub(a.text, q.start, q.end);
        let n = inner.chars().count();
        if (3..=12).contains(&n)
            && inner.ends_with('年')
            && !inner.ends_with("周年")
            && inner.chars().all(is_han)
            && !inner
                .chars()
                .any(|c| text::is_small_numeral(c) || matches!(c, '百' | '千' | '〇' | '零'))
        {
            out.push(campaign(
                a,
                q.start,
                q.end,
                spec(
                    inner.to_string(),
                    CampaignKind::ThemedYear,
                    region_at(a, q.start),
                    "campaign.themed_year",
                ),
            ));
        }
    }
}

/// Quoted names of campaigns: a quotation that ends in a campaign word ("“百日攻坚”",
/// "“倍增计划”") or is followed by one ("“三个一批”活动", "“千企技改”工程").
fn quoted(a: &Analysed<'_>, out: &mut Vec<Found>) {
    let t = a.text;
    for q in &a.quotes {
        let inner = text::sub(t, q.start, q.end);
        let n = inner.chars().count();
        if !(2..=16).contains(&n) || inner.contains(['、', '，', ',', '：']) {
            continue;
        }
        // Themed years are `campaign.themed_year`'s; a quotation of numerals alone
        // ("“十四五”") names a period, not a campaign.
        let wordy = inner
            .chars()
            .filter(|c| {
                !(text::is_small_numeral(*c)
                    || c.is_ascii_digit()
                    || matches!(*c, '百' | '千' | '万'))
            })
            .count();
        if inner.ends_with('年') || wordy < 2 {
            continue;
        }
        let after = text::after(t, q.end + '”'.len_utf8(), t.len(), 4);
        let ending = lex::SUFFIXES
            .iter()
            .map(|s| (s.word, s.kind))
            .chain(lex::QUOTED_ENDINGS.iter().copied())
            .filter(|(w, _)| inner.ends_with(w) && inner.chars().count() > w.chars().count())
            .max_by_key(|(w, _)| w.len());
        let follower = lex::AFTER_QUOTE
            .iter()
            .filter(|(w, _)| after.starts_with(w))
            .max_by_key(|(w, _)| w.len());
        let kind = match (ending, follower) {
            (Some((_, k)), _) => k,
            (None, Some(&(_, k))) => k,
            (None, None) => continue,
        };
        let end = follower.map_or(q.end, |(w, _)| q.end + '”'.len_utf8() + w.len());
        out.push(campaign(
            a,
            q.start,
            end,
            spec(
                inner.to_string(),
                kind,
                region_at(a, q.start),
                "campaign.quoted",
            ),
        ));
    }
}

/// Unquoted themed years: a name ending in a head of the table and 年, followed by a word that
/// frames it ("…项目建设年活动") or stated as what a year is ("去年是…的项目落地攻坚年").
fn unquoted_themed_years(a: &Analysed<'_>, out: &mut Vec<Found>) {
    static LAST: Lazy<Vec<char>> = Lazy::new(|| {
        lex::THEMED_YEAR_HEADS
            .iter()
            .filter_map(|h| h.chars().next_back())
            .collect()
    });
    let t = a.text;
    for (k, _) in t.match_indices('年') {
        // Cheap test first: the character before 年 ends a head.
        if !text::char_before(t, k).is_some_and(|c| LAST.contains(&c)) {
            continue;
        }
        let head = text::before(t, 0, k, 3);
        if !lex::THEMED_YEAR_HEADS.iter().any(|h| head.ends_with(h)) || quoted_at(a, k) {
            continue;
        }
        let end = k + '年'.len_utf8();
        let after = text::after(t, end, t.len(), 4);
        let framed = lex::THEMED_YEAR_AFTER.iter().any(|w| after.starts_with(w));
        let closed = !after.starts_with(is_han);
        let sent = a.sentence_at(k);
        let stated = closed && text::sub(t, sent.start, k).contains('是');
        if !framed && !stated {
            continue;
        }
        let run_start = run_before(a, k);
        let Some(c) = cut(a, run_start, k, 3, true) else {
            continue;
        };
        let base = strip_quotes(text::sub(t, c.at, k));
        let n = base.chars().count();
        if !(3..=12).contains(&n) || !base.chars().all(is_han) {
            continue;
        }
        out.push(campaign(
            a,
            c.at,
            end,
            spec(
                format!("{base}年"),
                CampaignKind::ThemedYear,
                c.place.or_else(|| region_at(a, c.at)),
                "campaign.themed_year",
            ),
        ));
    }
}

fn suffix_of(word: &str) -> Option<&'static lex::Suffix> {
    lex::SUFFIXES.iter().find(|s| s.word == word)
}

/// Whether `pos` is inside a quotation, or right after its closing mark.
fn quoted_at(a: &Analysed<'_>, pos: usize) -> bool {
    let i = a.quotes.partition_point(|q| q.start <= pos);
    i.checked_sub(1)
        .and_then(|j| a.quotes.get(j))
        .is_some_and(|q| pos <= q.end + '”'.len_utf8())
}

/// The run of name characters ending at `end`, at most 30 characters, stopping at separators.
fn run_before(a: &Analysed<'_>, end: usize) -> usize {
    let mut start = end;
    let mut n = 0;
    if let Some(s) = a.text.get(..end) {
        for (i, c) in s.char_indices().rev() {
            if !(is_han(c) || c == '“' || c == '”' || c.is_ascii_alphanumeric()) || n >= 30 {
                break;
            }
            start = i;
            n += 1;
        }
    }
    start
}

fn strip_quotes(s: &str) -> String {
    s.chars().filter(|&c| c != '“' && c != '”').collect()
}

static MARKER: Lazy<Regex> = Lazy::new(|| {
    let mut words: Vec<&str> = lex::MARKERS.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    Regex::new(&words.join("|")).expect("static regex")
});

/// Where a campaign's base starts in a run: after its last marker (word or place name) that
/// leaves a base of at least `min` characters. Returns the base start, the place cut at, and
/// the marker word cut at.
struct Cut {
    at: usize,
    place: Option<PlaceId>,
    marker: Option<&'static str>,
}

/// Cuts a run at its last marker that leaves a base of at least `min` characters; a place
/// name leaving less is passed over ("高效某城攻势" keeps its place). With `strict`, a marker
/// word leaving less means there is no name at all ("打赢攻坚战", "…的攻势").
fn cut(a: &Analysed<'_>, start: usize, end: usize, min: usize, strict: bool) -> Option<Cut> {
    static WORDS: Lazy<Vec<&'static str>> = Lazy::new(|| lex::MARKERS.to_vec());
    let mut cuts: Vec<Cut> = Vec::new();
    if let Some(s) = a.text.get(start..end) {
        for m in MARKER.find_iter(s) {
            let marker = WORDS.iter().find(|w| **w == m.as_str()).copied();
            cuts.push(Cut {
                at: start + m.end(),
                place: None,
                marker,
            });
        }
    }
    for m in a.ctx.mentions_in(start, end) {
        if !m.deictic {
            cuts.push(Cut {
                at: m.end,
                place: m.place,
                marker: None,
            });
        }
    }
    cuts.sort_by_key(|c| std::cmp::Reverse(c.at));
    for c in cuts {
        let base = strip_quotes(text::sub(a.text, c.at, end));
        if base.chars().count() >= min {
            return Some(c);
        }
        if strict && c.marker.is_some() {
            return None;
        }
    }
    Some(Cut {
        at: start,
        place: None,
        marker: None,
    })
}

/// The word of carrying out right before `pos` ("实施…工程"), if any.
fn program_verb_before(a: &Analysed<'_>, pos: usize) -> bool {
    let before = text::before(a.text, 0, pos, 4);
    lex::PROGRAM_VERBS.iter().any(|v| before.ends_with(v))
}

fn suffixes(a: &Analysed<'_>, out: &mut Vec<Found>) {
    let t = a.text;
    let mut groups: Vec<(usize, String, u32, &str)> = Vec::new(); // (pos, name, n, suffix)
    for m in SUFFIX.find_iter(t) {
        let suffix = m.as_str();
        let Some(sfx) = suffix_of(suffix) else {
            continue;
        };
        let next = text::char_at(t, m.end());
        if suffix == "攻坚战" && next == Some('斗') {
            continue;
        }
        if suffix == "行动" && text::before(t, 0, m.start(), 2) == "攻坚" {
            continue;
        }
        if text::before(t, 0, m.start(), 1) == "等" {
            continue;
        }
        // Quoted names are `campaign.quoted`'s.
        if quoted_at(a, m.start()) {
            continue;
        }
        let run_start = run_before(a, m.start());
        if run_start == m.start() {
            continue;
        }
        let Some(Cut {
            at: base_start,
            place: cut_place,
            ..
        }) = cut(a, run_start, m.start(), 2, true)
        else {
            continue;
        };
        let raw_base = text::sub(t, base_start, m.start());
        let quoted = raw_base.contains('“') || char_before(t, base_start) == Some('“');
        let base = strip_quotes(raw_base);
        let n_base = base.chars().count();
        let wordy = base
            .chars()
            .filter(|c| !(text::is_small_numeral(*c) || c.is_ascii_digit() || *c == '年'))
            .count();
        if n_base < 2
            || wordy < 2 && !base.ends_with('大')
            || lex::GENERIC_BASES.contains(&base.as_str())
        {
            continue;
        }
        let group = GROUP_TAIL.captures(&base);
        let is_group = group
            .as_ref()
            .is_some_and(|g| g.get(0).map(|x| x.start()) == Some(0));
        let numbered = base.starts_with(text::is_small_numeral) && base.contains('大');
        if sfx.kind == CampaignKind::Action && n_base < 4 && !quoted && !numbered {
            continue;
        }
        if sfx.guarded && !quoted && !numbered && !program_verb_before(a, base_start) {
            continue;
        }
        // "重点项目工程": works of projects, not a programme.
        if sfx.kind == CampaignKind::Program && !quoted && base.ends_with("项目") {
            continue;
        }
        let kind = sfx.kind;
        let pos = base_start;
        let region = cut_place
            .or_else(|| {
                a.ctx
                    .mentions_in(base_start, m.start())
                    .find_map(|mm| mm.place)
            })
            .or_else(|| region_at(a, pos));
        // Ordinal: "一是招商攻坚战".
        let before = text::before(t, 0, base_start, 3);
        let ordinal = ["是", "）", ")", "、"]
            .iter()
            .find(|e| before.ends_with(**e))
            .and_then(|_| {
                let w = text::before(t, 0, base_start, 2);
                ordinal_value(w).or_else(|| ordinal_value(before))
            });
        let mut parent = None;
        if let Some(o) = ordinal {
            parent = groups
                .iter()
                .rev()
                .take(16)
                .find(|g| g.3 == suffix && g.2 >= o && g.0 < pos)
                .map(|g| g.1.clone());
        }
        let name = format!("{base}{suffix}");
        // A group after a list: "招商、技改等六大攻坚战", "A、B、C三大攻坚行动".
        if let Some(g) = group {
            let digits = g.get(1).map_or("", |x| x.as_str());
            let count = super::super::numbers::parse_chinese(digits)
                .and_then(|d| d.to_integer())
                .unwrap_or(0)
                .clamp(0, 99) as u32;
            let group_start_in_base = g.get(0).map_or(0, |x| x.start());
            let group_name = format!("{}{}", g.get(0).map_or("", |x| x.as_str()), suffix);
            // Byte position of "N大" in the text.
            let tail_len = g.get(0).map_or(0, |x| x.as_str().len());
            let group_pos = m.start().saturating_sub(tail_len);
            let list_end = if is_group && text::before(t, 0, base_start, 1) == "等" {
                base_start - "等".len()
            } else if !is_group && group_start_in_base > 0 {
                group_pos
            } else {
                usize::MAX
            };
            let mut members: Vec<(usize, usize, String)> = Vec::new();
            if list_end != usize::MAX {
                members = list_items(a, list_end, count as usize);
            }
            // "高质量发展十大计划": words before the group that are no list qualify it.
            let group_name = if members.is_empty() && !is_group {
                name.clone()
            } else {
                group_name
            };
            let gstart = members.first().map_or(group_pos, |x| x.0);
            groups.push((group_pos, group_name.clone(), count, suffix));
            out.push(campaign(
                a,
                gstart,
                m.end(),
                Spec {
                    name: group_name.clone(),
                    kind,
                    region,
                    parent: parent.clone(),
                    ordinal,
                    rule: "campaign.group",
                },
            ));
            for (i, (s, e, item)) in members.into_iter().enumerate() {
                out.push(campaign(
                    a,
                    s,
                    e,
                    Spec {
                        name: format!("{item}{suffix}"),
                        kind,
                        region,
                        parent: Some(group_name.clone()),
                        ordinal: Some(i as u32 + 1),
                        rule: "campaign.group_member",
                    },
                ));
            }
            continue;
        }
        out.push(campaign(
            a,
            base_start,
            m.end(),
            Spec {
                name,
                kind,
                region,
                parent,
                ordinal,
                rule: "campaign.suffix",
            },
        ));
    }
}

/// The list items (separated by 、 or 和) ending at `end`, at most `max` of them, the first cut at
/// a marker: (start, end, text).
fn list_items(a: &Analysed<'_>, end: usize, max: usize) -> Vec<(usize, usize, String)> {
    let sent = a.sentence_at(end.saturating_sub(1));
    let phrase = phrase_at(a, &sent, end.saturating_sub(1).max(sent.start));
    let region = text::sub(a.text, phrase.start, end);
    let mut items: Vec<(usize, usize, String)> = Vec::new();
    let mut seg_end = end;
    let mut cursor = region.len();
    loop {
        let upto = region.get(..cursor).unwrap_or("");
        let sep = upto.rfind('、');
        let seg_start_rel = sep.map_or(0, |k| k + '、'.len_utf8());
        let seg_start = phrase.start + seg_start_rel;
        let mut s = seg_start;
        if sep.is_none() {
            s = cut(a, seg_start, seg_end, 2, false).map_or(seg_start, |c| c.at);
        }
        let item = strip_quotes(text::sub(a.text, s, seg_end));
        let n = item.chars().count();
        if !(2..=16).contains(&n) || !item.chars().all(is_han) {
            break;
        }
        items.push((s, seg_end, item));
        match sep {
            Some(k) if items.len() < max.max(1) => {
                seg_end = phrase.start + k;
                cursor = k;
            }
            _ => break,
        }
    }
    items.reverse();
    if items.len() < 2 {
        items.clear();
    }
    items
}

fn quoted_actions(a: &Analysed<'_>, out: &mut Vec<Found>) {
    for caps in QUOTED_ACTIONS.captures_iter(a.text) {
        let (Some(list), Some(act)) = (caps.get(1), caps.get(3)) else {
            continue;
        };
        let tail = caps.get(2).map_or("", |t| t.as_str());
        let quotes: Vec<(usize, usize)> = a
            .quotes_in(list.start()..list.end())
            .iter()
            .filter(|q| q.start > list.start() && q.end < list.end())
            .map(|q| (q.start, q.end))
            .collect();
        let n = quotes.len();
        for (i, (s, e)) in quotes.into_iter().enumerate() {
            let item = text::sub(a.text, s, e);
            let name = if i + 1 == n {
                format!("{item}{tail}{}", act.as_str())
            } else {
                format!("{item}{}", act.as_str())
            };
            out.push(campaign(
                a,
                s,
                e,
                spec(
                    name,
                    CampaignKind::Action,
                    region_at(a, s),
                    "campaign.quoted_actions",
                ),
            ));
        }
    }
}

fn slogans(a: &Analysed<'_>, out: &mut Vec<Found>) {
    let t = a.text;
    for q in &a.quotes {
        let inner = text::sub(t, q.start, q.end);
        let n = inner.chars().count();
        if !(2..=30).contains(&n) {
            continue;
        }
        let close_end = q.end + '”'.len_utf8();
        let after = text::after(t, close_end, t.len(), 12);
        let before = text::before(t, 0, q.start.saturating_sub('“'.len_utf8()), 1);
        let items: Vec<&str> = inner.split('、').collect();
        let is_list = items.len() >= 2
            && items
                .iter()
                .all(|i| (1..=8).contains(&i.chars().count()) && i.chars().all(is_han));
        let is_numbered = !is_list && NUMBERED.is_match(inner) && n <= 12;
        let framed = FRAME.is_match(after);
        let defined = after.starts_with("作为")
            || after.starts_with('：')
            || after.starts_with(':')
            || after.starts_with("，即")
            || after.starts_with(",即")
            || after.starts_with('即');
        let summarised = before == "等";
        let ok = (is_list && framed) || (is_numbered && (framed || defined || summarised));
        if !ok {
            continue;
        }
        // A numbered summary after a list spans the list too ("A、B、C等“三大产业”").
        let start = if summarised {
            let sent = a.sentence_at(q.start);
            let ph = phrase_at(a, &sent, q.start);
            ph.start
                .max(run_before(a, q.start.saturating_sub("等“".len())))
        } else {
            q.start
        };
        out.push(campaign(
            a,
            start,
            q.end,
            spec(
                inner.to_string(),
                CampaignKind::Slogan,
                region_at(a, q.start),
                "campaign.slogan",
            ),
        ));
    }
}

/// The campaign a fact at `pos` is filed under: the battle, action or themed year named last
/// in the same paragraph before it.
pub(crate) fn enclosing(a: &Analysed<'_>, campaigns: &[Found], pos: usize) -> Option<String> {
    let para_start = a.para_start(pos);
    let upto = campaigns.partition_point(|c| c.start < pos);
    campaigns
        .get(..upto)
        .unwrap_or(&[])
        .iter()
        .rev()
        .take_while(|c| c.start >= para_start)
        .take(64)
        .find_map(|c| match &c.fact {
            Fact::Campaign(cf) if cf.kind_of != CampaignKind::Slogan => Some(cf.name.clone()),
            _ => None,
        })
}
