//! Campaign rules.
//!
//! - `campaign.themed_year`: a quoted name ending in 年 ("“项目攻坚年”动员会").
//! - `campaign.suffix`: a name ending in 攻坚战, 攻势, 战役, 攻坚行动 or 行动 (工程 and 计划 only
//!   when quoted or numbered), cut on the left at the last verb, preposition, ordinal (一是) or
//!   place name: "积极融入新区海洋强区攻坚战" → 海洋强区攻坚战 (region 新区).
//! - `campaign.group`: a numbered group ("十二大攻坚战", "等八大攻坚战") and, when a list
//!   precedes it, its members with their ordinals ("招商、技改等六大攻坚战" →
//!   招商攻坚战 #1, 技改攻坚战 #2, both under 六大攻坚战).
//! - `campaign.quoted_actions`: "开展“送医下乡”“书香校园”等行动" → one action per item.
//! - `campaign.slogan`: a quoted framework slogan, told from other quotations by its frame: a
//!   list followed by 思路/布局/定位/N个关键词 ("“两个率先、三个提升”总体思路"), a numbered
//!   formula followed by a definition or a frame ("“三个提升”：", "“三区一中心”的定位",
//!   "“5+5+7”重点产业集群"), or a numbered summary after a list ("A、B等“三大产业”").

use super::super::facts::placeholder_span;
use super::super::facts::{CampaignFact, Fact};
use super::super::gazetteer::PlaceId;
use super::super::normalize::is_han;
use super::super::text::{self, char_before, ordinal_value};
use super::super::{Analysed, Found};
use super::phrase_at;
use crate::model::CampaignKind;
use once_cell::sync::Lazy;
use regex::Regex;

static SUFFIX: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"攻坚战|攻坚行动|攻势|战役|行动|工程|计划").expect("static regex"));

static GROUP_TAIL: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"([一二两三四五六七八九十]+)大$").expect("static regex"));

static QUOTED_ACTIONS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"((?:“[^”“]{2,12}”){2,8})(\p{Han}{0,8})等(行动)").expect("static regex")
});

static NUMBERED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[一二两三四五六七八九十百千0-9]+[个大项张条]?\p{Han}{1,4}){1,5}$|^[0-9]+(?:\+[0-9A-Za-z]+)+$")
        .expect("static regex")
});

/// Words after which a campaign's name starts.
const MARKERS: &[&str] = &[
    "打好",
    "打赢",
    "打响",
    "融入",
    "结合",
    "决战决胜",
    "开展",
    "实施",
    "推进",
    "推动",
    "深化",
    "持续",
    "按照",
    "落实",
    "围绕",
    "聚焦",
    "启动",
    "参与",
    "服务",
    "开启",
    "全面",
    "深入",
    "坚决",
    "做好",
    "抓好",
    "就是",
    "是",
    "等",
    "的",
    "新一轮",
    "主动",
    "大力",
    "扎实",
    "以",
    "在",
    "为",
    "把",
    "将",
    "对",
    "抓",
    "打",
    "之",
    "到",
];

/// Bases too generic to name a campaign.
const GENERIC: &[&str] = &[
    "具体", "实际", "一致", "统一", "联合", "专项", "重大", "这场", "一场", "此次", "各项",
];

/// Frame nouns that make a quoted list a framework slogan.
static FRAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:的|”)?(?:总体|重点|主要)?(?:工作|发展|产业)?(?:思路|布局|定位|战略|格局|攻坚任务|产业集群|产业体系)|^[一二两三四五六七八九十]+个关键词")
        .expect("static regex")
});

pub(crate) fn run(a: &Analysed<'_>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    themed_years(a, &mut out);
    suffixes(a, &mut out);
    quoted_actions(a, &mut out);
    slogans(a, &mut out);
    prefer_explicit(&mut out);
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
        if (3..=8).contains(&n)
            && inner.ends_with('年')
            && !inner.ends_with("周年")
            && inner.chars().all(is_han)
            && !inner
                .chars()
                .any(|c| "一二三四五六七八九十百千两〇零".contains(c))
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

fn kind_of(suffix: &str) -> CampaignKind {
    match suffix {
        "攻坚战" | "攻势" | "战役" => CampaignKind::Battle,
        "工程" | "计划" => CampaignKind::Program,
        _ => CampaignKind::Action,
    }
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
    let mut words: Vec<&str> = MARKERS.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    Regex::new(&words.join("|")).expect("static regex")
});

/// Cuts a run at its last marker (word or place name) that leaves a base of at least
/// `min` characters; returns the base start and the place cut at, if any.
fn cut(a: &Analysed<'_>, start: usize, end: usize, min: usize) -> (usize, Option<PlaceId>) {
    let mut cuts: Vec<(usize, Option<PlaceId>)> = Vec::new();
    if let Some(s) = a.text.get(start..end) {
        for m in MARKER.find_iter(s) {
            cuts.push((start + m.end(), None));
            // A shorter marker ending inside a longer one ("是" in "就是") cuts there too.
        }
    }
    for m in a.ctx.mentions_in(start, end) {
        if !m.deictic {
            cuts.push((m.end, m.place));
        }
    }
    cuts.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (at, place) in cuts {
        let base = strip_quotes(text::sub(a.text, at, end));
        if base.chars().count() >= min {
            return (at, place);
        }
    }
    (start, None)
}

fn suffixes(a: &Analysed<'_>, out: &mut Vec<Found>) {
    let t = a.text;
    let mut groups: Vec<(usize, String, u32, &str)> = Vec::new(); // (pos, name, n, suffix)
    for m in SUFFIX.find_iter(t) {
        let suffix = m.as_str();
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
        let run_start = run_before(a, m.start());
        if run_start == m.start() {
            continue;
        }
        let (base_start, cut_place) = cut(a, run_start, m.start(), 2);
        let raw_base = text::sub(t, base_start, m.start());
        let quoted = raw_base.contains('“') || char_before(t, base_start) == Some('“');
        let base = strip_quotes(raw_base);
        let n_base = base.chars().count();
        let wordy = base
            .chars()
            .filter(|c| !"一二两三四五六七八九十年0123456789".contains(*c))
            .count();
        if n_base < 2 || wordy < 2 && !base.ends_with('大') || GENERIC.contains(&base.as_str()) {
            continue;
        }
        let group = GROUP_TAIL.captures(&base);
        let is_group = group
            .as_ref()
            .is_some_and(|g| g.get(0).map(|x| x.start()) == Some(0));
        let numbered =
            base.starts_with(|c: char| "一二两三四五六七八九十".contains(c)) && base.contains('大');
        match suffix {
            "行动" if n_base < 4 && !quoted && !numbered => continue,
            "工程" | "计划" if !quoted && !numbered => continue,
            _ => {}
        }
        let kind = kind_of(suffix);
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
            s = cut(a, seg_start, seg_end, 2).0;
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
        let defined = after.starts_with('：')
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
