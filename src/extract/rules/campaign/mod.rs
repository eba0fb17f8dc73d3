//! Campaign rules.
//!
//! | rule | reads |
//! |---|---|
//! | `campaign.themed_year` | a themed year: quoted ("“项目攻坚年”动员会", quotation marks of either script), or unquoted with a head from the table and a frame ("开展制造业项目建设年活动", "去年是…的项目落地攻坚年") |
//! | `campaign.quoted` | a quoted name that ends in a campaign word ("“百日攻坚”", "“五场硬仗”") or is followed by one ("“三个一批”活动", "“千企技改”工程", "“满天星”行动计划"): the name is the quotation; a quoted 、-list before a campaign word ("“一A、两B”攻坚行动") is one name, a chain of quotations joined by 、 before one ("“A”、“B”攻坚行动") one name each |
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
use super::{first_words, longest_words, phrase_at};
use crate::model::CampaignKind;
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;
use regex::Regex;

mod suffix;
mod years;

use suffix::{cut, suffixes};
use years::{quoted, themed_years, unquoted_themed_years};

/// The campaign words, the longest winning at one place.
static SUFFIX: Lazy<AhoCorasick> =
    Lazy::new(|| longest_words(lex::SUFFIXES.iter().map(|s| s.word)));

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

fn quoted_actions(a: &Analysed<'_>, out: &mut Vec<Found>) {
    // Every match holds 等行动: most texts need no search with captures.
    if !a.text.contains("等行动") {
        return;
    }
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
