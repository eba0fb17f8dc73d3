//! Stage 7 (context): which region a document, a section and a sentence are about.
//!
//! A text is read in sections: a run of short unpunctuated lines (headline, kicker, byline,
//! "——访某镇党委书记…") starts one. A section's region is the interviewee's organisation
//! ("访泊里镇党委书记…" → 泊里镇), else the first place its headline names, else the place its
//! body names most often. Self-references resolve against it: "我镇"/"全镇" is the section's
//! town, "我区"/"全区" its district (the section's region or the nearest enclosing district),
//! "全市" the enclosing city, "我们" the section's region itself.

use super::gazetteer::{Gazetteer, PlaceId};
use super::text;
use crate::model::RegionKind;
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashMap;

/// A place mention in normalised text (explicit name or self-reference), resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub place: Option<PlaceId>,
    /// Whether the mention is a self-reference (我镇, 全区 …).
    pub deictic: bool,
}

#[derive(Debug, Clone)]
struct Section {
    start: usize,
    region: Option<PlaceId>,
}

/// What the document is about, by position.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocContext {
    sections: Vec<Section>,
    /// Resolved mentions in text order.
    pub mentions: Vec<Mention>,
}

static DEICTIC_RE: Lazy<Regex> = Lazy::new(|| {
    let words: Vec<&str> = DEICTIC.iter().map(|(w, _)| *w).collect();
    Regex::new(&words.join("|")).expect("static regex")
});

/// Self-reference words and the kind of region they point at.
const DEICTIC: &[(&str, Level)] = &[
    ("我镇", Level::Town),
    ("全镇", Level::Town),
    ("本镇", Level::Town),
    ("镇内", Level::Town),
    ("我乡", Level::Town),
    ("全乡", Level::Town),
    ("我街道", Level::Town),
    ("全街道", Level::Town),
    ("街道", Level::Subdistrict),
    ("我区", Level::District),
    ("全区", Level::District),
    ("本区", Level::District),
    ("我县", Level::County),
    ("全县", Level::County),
    ("本县", Level::County),
    ("我市", Level::City),
    ("全市", Level::City),
    ("本市", Level::City),
    ("我们", Level::Section),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Town,
    Subdistrict,
    District,
    County,
    City,
    Section,
}

fn level_matches(level: Level, kind: RegionKind) -> bool {
    use RegionKind as K;
    match level {
        Level::Town => matches!(kind, K::Town | K::Township | K::Subdistrict),
        Level::Subdistrict => matches!(kind, K::Subdistrict),
        Level::District => matches!(kind, K::District | K::NewArea),
        Level::County => matches!(kind, K::County | K::CountyLevelCity),
        Level::City => matches!(kind, K::Prefecture | K::CountyLevelCity),
        Level::Section => true,
    }
}

/// Whether a paragraph looks like a headline, kicker or byline: short and unpunctuated.
fn is_heading(p: &str) -> bool {
    let n = p.chars().count();
    n > 0 && n <= 40 && !p.contains(['。', '！', '？', '；', '，', ',', '：']) && !p.ends_with(':')
}

impl DocContext {
    pub(crate) fn build(text: &str, gaz: &Gazetteer) -> DocContext {
        // Raw explicit mentions with all candidates.
        let raw: Vec<(usize, usize, &[PlaceId])> = gaz
            .mentions(text)
            .into_iter()
            .map(|(s, e, name)| (s, e, gaz.lookup(name)))
            .collect();

        // Document-wide anchor for ambiguous names: the most frequent unambiguous place.
        let mut freq: HashMap<PlaceId, usize> = HashMap::new();
        for (_, _, c) in &raw {
            if let [one] = c {
                *freq.entry(*one).or_default() += 1;
            }
        }
        let doc_anchor = freq
            .iter()
            .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)))
            .map(|(id, _)| *id);

        // Sections: a run of headings starts one.
        let mut sections: Vec<Section> = Vec::new();
        let mut pos = 0;
        let mut in_heading_run = false;
        let mut header_ranges: Vec<(usize, usize)> = Vec::new();
        for para in text.split('\n') {
            let start = pos;
            let end = pos + para.len();
            pos = end + 1;
            if is_heading(para.trim()) {
                if !in_heading_run {
                    sections.push(Section {
                        start,
                        region: None,
                    });
                    header_ranges.push((start, end));
                } else if let Some(h) = header_ranges.last_mut() {
                    h.1 = end;
                }
                in_heading_run = true;
            } else {
                if sections.is_empty() {
                    sections.push(Section {
                        start: 0,
                        region: None,
                    });
                    header_ranges.push((0, 0));
                }
                in_heading_run = false;
            }
        }
        if sections.is_empty() {
            sections.push(Section {
                start: 0,
                region: None,
            });
            header_ranges.push((0, 0));
        }
        // Merge caption-like heading sections into the previous one when they name nothing new.
        let n = sections.len();
        for i in 0..n {
            let start = sections.get(i).map_or(0, |s| s.start);
            let end = sections.get(i + 1).map_or(text.len(), |s| s.start);
            let (h0, h1) = header_ranges.get(i).copied().unwrap_or((0, 0));
            let header = text::sub(text, h0, h1);
            let ctx = doc_anchor;
            // 1. interviewee: 访 + place + title.
            let mut region = None;
            if let Some(k) = header.find('访') {
                let after = h0 + k + '访'.len_utf8();
                // The chain of names after 访 ("访和林格尔县城关镇党委书记"): the last one, each
                // read in the context of the one before it.
                let mut k = raw.partition_point(|(s, _, _)| *s < after);
                let mut at = after;
                let mut chain_ctx = ctx;
                while let Some((_, e, c)) = raw.get(k).filter(|(s, _, _)| *s == at) {
                    region = gaz.choose(c, chain_ctx).or(region);
                    chain_ctx = region.or(chain_ctx);
                    at = *e;
                    k += 1;
                }
            }
            // 2. first place the header names.
            if region.is_none() {
                region = slice_of(&raw, h0, h1)
                    .iter()
                    .filter(|(_, e, _)| *e <= h1)
                    .find_map(|(_, _, c)| gaz.choose(c, ctx));
            }
            // 3. the place the body names most often.
            if region.is_none() {
                let mut counts: HashMap<PlaceId, usize> = HashMap::new();
                for (_, _, c) in slice_of(&raw, start, end) {
                    if let Some(p) = gaz.choose(c, ctx) {
                        *counts.entry(p).or_default() += 1;
                    }
                }
                region = counts
                    .into_iter()
                    .max_by_key(|(id, n)| (*n, std::cmp::Reverse(*id)))
                    .map(|(id, _)| id);
            }
            // A section that names no place at all (a caption, a byline) continues the previous
            // section's region; the first falls back to the document's most named place.
            let prev = i
                .checked_sub(1)
                .and_then(|j| sections.get(j))
                .and_then(|s| s.region);
            if let Some(s) = sections.get_mut(i) {
                s.region = region.or(prev).or(doc_anchor);
            }
        }

        let mut ctx = DocContext {
            sections,
            mentions: Vec::new(),
        };
        // Resolve explicit mentions in their section's context, and add self-references.
        let mut mentions: Vec<Mention> = raw
            .iter()
            .map(|&(s, e, c)| Mention {
                start: s,
                end: e,
                place: gaz.choose(c, ctx.section_region(s)),
                deictic: false,
            })
            .collect();
        for m in DEICTIC_RE.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let Some(level) = DEICTIC
                .iter()
                .find(|(w, _)| *w == m.as_str())
                .map(|(_, l)| l)
            else {
                continue;
            };
            {
                let k = raw.partition_point(|(ms, _, _)| *ms < e);
                let clash = k
                    .checked_sub(1)
                    .and_then(|j| raw.get(j))
                    .is_some_and(|&(ms, me, _)| ms < e && s < me);
                if clash {
                    continue;
                }
                // "街道" alone is a self-reference only at a clause start ("街道将…").
                if *level == Level::Subdistrict {
                    let prev = text::char_before(text, s);
                    let at_clause_start = match prev {
                        None => true,
                        Some(c) => text::is_clause_sep(c) || c == ' ',
                    };
                    if !at_clause_start {
                        continue;
                    }
                }
                let place = ctx
                    .section_region(s)
                    .and_then(|r| resolve_level(gaz, r, *level));
                mentions.push(Mention {
                    start: s,
                    end: e,
                    place,
                    deictic: true,
                });
            }
        }
        mentions.sort_by_key(|m| (m.start, m.end));
        ctx.mentions = mentions;
        ctx
    }

    /// The region of the section containing byte `pos`.
    pub(crate) fn section_region(&self, pos: usize) -> Option<PlaceId> {
        self.sections
            .iter()
            .rev()
            .find(|s| s.start <= pos)
            .and_then(|s| s.region)
    }

    /// The mentions inside `start..end`.
    pub(crate) fn mentions_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Mention> {
        let first = self.mentions.partition_point(|m| m.start < start);
        self.mentions
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |m| m.start < end)
            .filter(move |m| m.end <= end)
    }

    /// The region a fact at `pos` in the phrase `sent` belongs to: the nearest place named
    /// earlier in the phrase (outside `exclude`, not a village, not part of another name, and
    /// not a comparison base such as "占全市"), else the section's region.
    pub(crate) fn region_for(
        &self,
        text: &str,
        gaz: &Gazetteer,
        sentence_start: usize,
        sent: std::ops::Range<usize>,
        pos: usize,
        exclude: &[std::ops::Range<usize>],
    ) -> Option<PlaceId> {
        let usable = |m: &Mention, floor: usize, ceil: usize| -> bool {
            if m.place.is_none() || exclude.iter().any(|r| r.start <= m.start && m.end <= r.end) {
                return false;
            }
            if m.place
                .and_then(|p| gaz.place(p))
                .is_some_and(|p| p.kind == RegionKind::Village)
            {
                return false;
            }
            let before = text::before(text, floor, m.start, 1);
            let after = text::after(text, m.end, ceil, 2);
            if before == "占" || before == "比" || before == "较" {
                return false;
            }
            // A short name glued to more Han text is part of another name ("青岛炼化",
            // "南部新区").
            if !m.deictic && text::sub(text, m.start, m.end).chars().count() <= 2 {
                let glued = |c: Option<char>| match c {
                    None => false,
                    Some(c) => {
                        super::normalize::is_han(c) && !"的是要将在全共已今和与对把".contains(c)
                    }
                };
                // On the left only a direction glues ("南部新区"); verbs do not ("围绕新区").
                let left =
                    text::char_before(text, m.start).is_some_and(|c| "部南北东西中老".contains(c));
                if glued(text::char_at(text, m.end)) || left {
                    return false;
                }
            }
            !["首", "唯", "第", "最", "前", "领", "示", "各", "范"]
                .iter()
                .any(|w| after.starts_with(w))
        };
        let mut best: Option<PlaceId> = None;
        for m in self.mentions_in(sent.start, pos) {
            if usable(m, sent.start, sent.end) {
                best = m.place;
            }
        }
        if best.is_some() {
            return best;
        }
        // The sentence's subject: a place named at its start ("今年自贸区…，…，新增…").
        if sentence_start < sent.start {
            let head_end = sentence_start + text::after(text, sentence_start, sent.start, 8).len();
            if let Some(p) = self
                .mentions_in(sentence_start, head_end)
                .filter(|m| !m.deictic && usable(m, sentence_start, sent.start))
                .find_map(|m| m.place)
            {
                return Some(p);
            }
        }
        self.section_region(pos)
    }
}

/// The raw mentions starting inside `start..end`.
fn slice_of<T>(raw: &[(usize, usize, T)], start: usize, end: usize) -> &[(usize, usize, T)] {
    let a = raw.partition_point(|(s, _, _)| *s < start);
    let b = raw.partition_point(|(s, _, _)| *s < end);
    raw.get(a..b.max(a)).unwrap_or(&[])
}

/// The region a self-reference of `level` points at, seen from `from`.
fn resolve_level(gaz: &Gazetteer, from: PlaceId, level: Level) -> Option<PlaceId> {
    if level == Level::Section {
        return Some(from);
    }
    std::iter::once(from)
        .chain(gaz.ancestors(from))
        .find(|&p| gaz.place(p).is_some_and(|pl| level_matches(level, pl.kind)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interviewee_sets_section_region() {
        let g = Gazetteer::qingdao();
        let text =
            "建设美丽滨海小镇\n——访琅琊镇党委书记李华\n记者：今年怎么干？\n李华：我镇将推动项目。";
        let ctx = DocContext::build(text, &g);
        let pos = text.find("我镇").unwrap();
        let m = ctx.mentions.iter().find(|m| m.start == pos).unwrap();
        assert_eq!(g.place(m.place.unwrap()).unwrap().name, "琅琊镇");
    }
}
