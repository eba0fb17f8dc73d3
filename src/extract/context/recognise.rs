//! From every name the gazetteer finds in a text to the place mentions a reader would see:
//! leftmost-longest, each name read in the form the surroundings allow.
//!
//! - a name glued to a road, company, newspaper or school word (山东路, 青岛啤酒, 湖南日报) is
//!   part of that name, not a place mention;
//! - a short name that could be an ordinary word (罗湖, 莱西 are fine; 会同, 振兴 are words)
//!   counts when the text is about its province, when a place enclosing it is named right
//!   before it (深圳罗湖), or when nothing is glued to it;
//! - a name only the neighbourhood uses (泊里, 新区, 加区) counts only in a text about that
//!   neighbourhood;
//! - a two-character name with a one-character stem (代县) is not read where its level character
//!   starts a word (代县长 is 代 + 县长, "acting county head");
//! - names in a row that nest (山东省青岛市李沧区) narrow each other down, and a zone word after
//!   a place (张金 + 经济开发区) makes a zone of that place;
//! - a mention's role is read from the words around it: the venue of an event (在合肥举行), a
//!   news agency's dateline (呼和浩特3月31日电), the base of a comparison (占全市, 全省第一).

use super::words;
use crate::extract::gazetteer::{fold, is_common_word, zone_words, Gazetteer, NameForm, PlaceId};
use crate::extract::normalize::is_han;
use crate::extract::text;
use once_cell::sync::Lazy;
use regex::Regex;

/// What a mention does in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The place the sentence is about (the default).
    Subject,
    /// The first names of a chain (山东省 and 青岛市 in 山东省青岛市李沧区).
    Qualifier,
    /// Where an event took place (在合肥举行).
    Venue,
    /// A news agency's dateline (新华网呼和浩特3月31日电) or a byline (来源：中华网山东频道).
    Dateline,
    /// The base of a comparison or ranking (占全市, 全省第一).
    Comparison,
    /// The country named outright (中国): the document's context, never a sentence's subject.
    National,
    /// Part of an institution's name (深圳北理莫斯科大学, 香港中文大学（深圳）).
    Institution,
}

/// A place mention before it is resolved: its candidates after the form rules.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub start: usize,
    pub end: usize,
    pub cands: Vec<PlaceId>,
    pub role: Role,
    /// A zone word right after the name (张金 + 经济开发区): the mention then ends after it.
    pub zone: Option<&'static str>,
    /// Whether a local name (泊里) made it a mention.
    pub via_local: bool,
}

/// Where the text is about, for the names that need it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Scope {
    /// The province the document is about: short names of its counties count when nothing is
    /// glued to them.
    pub province: Option<PlaceId>,
    /// The prefecture the document is about: short names of its counties count.
    pub prefecture: Option<PlaceId>,
    /// The county (or prefecture) the document is about: the local names of its places count.
    pub local: Option<PlaceId>,
}

/// A name found in the text, with what its surroundings say about it (worked out once, read by
/// both passes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub name: u32,
    /// Part of another name (山东路, 青岛啤酒), or its level word part of the next word
    /// (振兴乡村).
    blocked: bool,
    /// More Han text glued after it (青岛炼化).
    glued: bool,
    /// A two-character name with a one-character stem (代县) that reads as a fragment here.
    fragment: bool,
    /// What 中国 is followed by allows reading it as the country.
    china_free: bool,
    /// The name as written is an ordinary word (会同, 比如).
    common: bool,
}

pub(crate) fn glued_after(rest: &str) -> bool {
    match rest.chars().next() {
        Some(c) if is_han(c) => {
            !words::LOOSE_AFTER_SET.contains(c)
                && !zone_words().any(|w| rest.starts_with(w))
                && !words::AREA_AFTER.iter().any(|w| rest.starts_with(w))
        }
        _ => false,
    }
}

/// Works out, for every name in `these`, what its surroundings say; `found` is every name
/// found in the text (by start, then end), to tell whether another name starts where one ends.
pub(crate) fn analyse(
    text: &str,
    these: &[(usize, usize, u32)],
    found: &[(usize, usize, u32)],
) -> Vec<Hit> {
    these
        .iter()
        .map(|&(start, end, name)| {
            let rest = text.get(end..).unwrap_or("");
            let written = text.get(start..end).unwrap_or("");
            let last = written.chars().next_back().map(fold);
            let next = rest.chars().next().map(fold);
            let next_is_name = found
                .get(found.partition_point(|h| h.0 < end))
                .is_some_and(|h| h.0 == end);
            // 振兴乡村, 青岛市场: the level word belongs to the next word (unless a name starts
            // there: 清水河县城关镇).
            let level_word = !next_is_name
                && match (last, next) {
                    (Some(l), Some(n)) => words::LEVEL_WORDS.iter().any(|w| {
                        let mut cs = w.chars();
                        cs.next() == Some(l) && cs.next() == Some(n)
                    }),
                    _ => false,
                };
            let one_char_stem = written.chars().count() == 2
                && last.is_some_and(|c| "省市县区镇乡旗盟州".contains(c));
            // 代县长, 理县长: a one-character stem whose level character starts a word, or a
            // stem glued to the word before it.
            let fragment = one_char_stem
                && (next.is_some_and(|c| words::LEVEL_WORD_STARTS.contains(c))
                    || text::char_before(text, start)
                        .is_some_and(|b| is_han(b) && !words::BEFORE_SHORT_NAME.contains(b)));
            let glued = glued_after(rest);
            Hit {
                start,
                end,
                name,
                blocked: words::entity_after(rest) || level_word,
                glued,
                fragment,
                china_free: !glued
                    || words::CHINA_AS_PLACE_BEFORE
                        .iter()
                        .any(|w| rest.starts_with(w)),
                common: is_common_word(written),
            }
        })
        .collect()
}

/// The mentions of `text`, leftmost-longest among the names that pass the form rules in
/// `scope`. `hits` are sorted by start, then end.
pub(crate) fn select(text: &str, gaz: &Gazetteer, hits: &[Hit], scope: Scope) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::new();
    let mut cursor = 0usize;
    let mut i = 0usize;
    while i < hits.len() {
        let start = hits.get(i).map_or(0, |h| h.start);
        let mut j = i;
        while hits.get(j).is_some_and(|h| h.start == start) {
            j += 1;
        }
        if start >= cursor {
            // Longest first.
            let group = hits.get(i..j).unwrap_or(&[]);
            for h in group.iter().rev() {
                if let Some(mut raw) = accept(gaz, h, scope, out.last()) {
                    let rest = text.get(h.end..).unwrap_or("");
                    if let Some(w) = zone_words().find(|w| rest.starts_with(w)) {
                        raw.zone = Some(w);
                        raw.end += w.len();
                    }
                    cursor = raw.end;
                    push(gaz, &mut out, raw);
                    break;
                }
            }
        }
        i = j;
    }
    for k in 0..out.len() {
        // Only a subject's role is read from its surroundings (a qualifier's and the
        // country's stay).
        if out.get(k).is_some_and(|r| r.role == Role::Subject) {
            let role = role_of(text, &out, k);
            if let Some(r) = out.get_mut(k) {
                r.role = role;
            }
        }
    }
    out
}

/// Adds a mention, narrowing it and the one before when they nest (山东省 + 青岛市).
fn push(gaz: &Gazetteer, out: &mut Vec<Raw>, mut raw: Raw) {
    if let Some(prev) = out.last_mut() {
        if prev.end == raw.start && prev.zone.is_none() {
            let inside: Vec<PlaceId> = raw
                .cands
                .iter()
                .copied()
                .filter(|&c| prev.cands.iter().any(|&p| p != c && gaz.is_within(c, p)))
                .collect();
            if !inside.is_empty() {
                prev.cands
                    .retain(|&p| inside.iter().any(|&c| gaz.is_within(c, p)));
                prev.role = Role::Qualifier;
                raw.cands = inside;
            }
        }
    }
    out.push(raw);
}

fn accept(gaz: &Gazetteer, h: &Hit, scope: Scope, prev: Option<&Raw>) -> Option<Raw> {
    if h.blocked {
        return None;
    }
    let chained = prev.filter(|p| p.end == h.start);
    let under_prev = |c: PlaceId| {
        chained.is_some_and(|p| p.cands.iter().any(|&q| q != c && gaz.is_within(c, q)))
    };
    let root = gaz.root();
    let mut cands: Vec<PlaceId> = Vec::new();
    let mut national = false;
    let mut via_local = false;
    for &(place, form) in gaz.entries(h.name) {
        if Some(place) == root {
            // 中国 inside 中国式现代化, 中国银行: not the country as a place.
            if h.china_free {
                cands.push(place);
                national = true;
            }
            continue;
        }
        let ok = match form {
            NameForm::Canonical | NameForm::Alias | NameForm::Former | NameForm::Short => {
                !h.fragment || under_prev(place)
            }
            NameForm::WeakShort => {
                under_prev(place)
                    || within(gaz, place, scope.prefecture)
                    || (!h.glued && (within(gaz, place, scope.province) || !h.common))
            }
            NameForm::Local => {
                let ok = under_prev(place)
                    || (within(gaz, place, scope.local) && (!h.glued || !h.common));
                via_local |= ok;
                ok
            }
            // A form added later: only where the text is about the place.
            #[allow(unreachable_patterns)]
            _ => within(gaz, place, scope.local),
        };
        if ok && !cands.contains(&place) {
            cands.push(place);
        }
    }
    if cands.is_empty() {
        return None;
    }
    Some(Raw {
        start: h.start,
        end: h.end,
        cands,
        role: if national {
            Role::National
        } else {
            Role::Subject
        },
        zone: None,
        via_local,
    })
}

/// `s` in simplified script (borrowed when it already is).
fn folded(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(|c| fold(c) == c) {
        s.into()
    } else {
        s.chars().map(fold).collect::<String>().into()
    }
}

fn within(gaz: &Gazetteer, place: PlaceId, scope: Option<PlaceId>) -> bool {
    scope.is_some_and(|s| gaz.is_within(place, s))
}

static DATELINE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\s*[0-9]{1,2}月[0-9]{1,2}日\s*(电|讯)").expect("static regex"));

/// The role the words around mention `k` give it.
fn role_of(text: &str, all: &[Raw], k: usize) -> Role {
    let Some(m) = all.get(k) else {
        return Role::Subject;
    };
    let rest = text.get(m.end..).unwrap_or("");
    if DATELINE.is_match(rest) {
        return Role::Dateline;
    }
    // A byline on the same line: 来源：中华网山东频道, 作者：筠连县委统战部.
    let line_before = text::before(text, 0, m.start, 16);
    let line_before = line_before.rsplit('\n').next().unwrap_or("");
    // The first characters of the words alone rule out most lines.
    if line_before.contains(['来', '作', '编'])
        && ["来源", "作者", "编辑"]
            .iter()
            .any(|w| line_before.contains(w))
    {
        return Role::Dateline;
    }
    // A news source's attribution: 据江西省发改委消息 (the attribution's clause ends in one of
    // its words before any clause separator).
    let opens_attribution = text::before(text, 0, m.start, 1) == words::ATTRIBUTION_START;
    if opens_attribution {
        let clause: String = text::after(text, m.end, text.len(), 16)
            .chars()
            .take_while(|&c| !text::is_clause_sep(c))
            .collect();
        if words::ATTRIBUTION_ENDS.iter().any(|w| clause.contains(w)) {
            return Role::Dateline;
        }
    }
    // The chain this mention starts: skip qualifiers before it.
    let mut first = k;
    while first > 0
        && all.get(first - 1).is_some_and(|p| {
            p.role == Role::Qualifier && p.end == all.get(first).map_or(0, |q| q.start)
        })
    {
        first -= 1;
    }
    let head = all.get(first).map_or(m.start, |f| f.start);
    let before = folded(text::before(text, 0, head, 4));
    let rest = folded(text::after(text, m.end, text.len(), 12));
    let (before, rest) = (before.as_ref(), rest.as_ref());
    // An institution's name: 深圳北理莫斯科大学, 香港中文大学（深圳）, 暨南大学深圳校区: an
    // institution word close after the place with no function word between (深圳今年新建中学
    // is not one).
    let mut institution_ahead = false;
    let ahead = text.get(m.end..).unwrap_or("");
    for (k, c) in ahead.char_indices().take(16) {
        if text::is_clause_sep(c) || words::LOOSE_AFTER_SET.contains(c) {
            break;
        }
        if words::INSTITUTION_FIRST.contains(c)
            && words::INSTITUTION
                .iter()
                .any(|w| ahead.get(k..).is_some_and(|r| r.starts_with(w)))
        {
            institution_ahead = true;
            break;
        }
    }
    if institution_ahead
        || ((before.ends_with('（') || before.ends_with('('))
            && words::INSTITUTION
                .iter()
                .any(|w| before.contains(w) || text::before(text, 0, head, 8).contains(w)))
    {
        return Role::Institution;
    }
    if words::COMPARISON_BEFORE.iter().any(|w| before.ends_with(w))
        || words::COMPARISON_AFTER.iter().any(|w| rest.starts_with(w))
    {
        return Role::Comparison;
    }
    if before.ends_with('在') || before.ends_with('于') {
        // The clause after the name: up to the next clause break.
        let clause: String = text
            .get(m.end..)
            .unwrap_or("")
            .chars()
            .take(40)
            .take_while(|&c| !text::is_clause_sep(c))
            .collect();
        if words::VENUE_VERBS.iter().any(|v| clause.contains(v)) {
            return Role::Venue;
        }
    }
    Role::Subject
}
