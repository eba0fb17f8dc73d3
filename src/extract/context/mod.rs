//! Stage 7 (context): which place a document, a section and a sentence are about.
//!
//! 1. Every name the gazetteer knows is found in the text ([`Gazetteer::scan`]); the ones a
//!    reader would see as place mentions are kept, in the form their surroundings allow
//!    ([`recognise`]).
//! 2. The document's anchor is the place its mentions vote for, headlines and opening lines
//!    first, moved to the level the text speaks from (我省, 县委书记 …) ([`anchor`]).
//! 3. With the anchor known, the names that need context are read too (罗湖 in a Guangdong text,
//!    泊里 in a text about its county), and ambiguous names (鼓楼区, 城关镇) resolve inside it.
//! 4. A text is read in sections: a run of short unpunctuated lines (headline, kicker, byline,
//!    "——访某镇党委书记…") starts one. A section is about its interviewee's place ("访泊里镇党委
//!    书记…" → 泊里镇), else the first place its headline names, else the document's anchor.
//! 5. A paragraph that opens with a place inside its section's is about that place ("某区区委
//!    书记…报告…。其中，省级重点项目4个…" in a prefecture's report): its sentences that name no
//!    place of their own belong to it.
//! 6. Self-references resolve against that place (5, else 4): 我镇/全镇 is the nearest enclosing place
//!    whose name ends in 镇, 全区 the nearest ending in 区 (a district, a new area, 大兴安岭地区,
//!    广西壮族自治区), 全国/我国 the country, 我们 the section's place.
//!
//! A name that stays ambiguous, or a text that speaks for a place it never names, leaves the
//! region open; the reason is kept for the facts' `region_note`.

mod anchor;
mod recognise;
mod resolve;
mod sections;
mod words;

pub(crate) use recognise::Role;

use super::gazetteer::{fold, zone_suffix, Gazetteer, Level, Place, PlaceId};
use super::text;
use crate::model::RegionKind;
use once_cell::sync::Lazy;
use recognise::{Raw, Scope};
use regex::Regex;
use sections::{opening, sections};
use std::collections::HashMap;

/// A place mention in normalised text (explicit name or self-reference), resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    /// The place; an unresolved id (see [`PlaceId::unresolved`]) for a name that stays
    /// ambiguous; `None` for a self-reference with nothing to point at.
    pub place: Option<PlaceId>,
    /// Whether the mention is a self-reference (我镇, 全区 …).
    pub deictic: bool,
    /// What the mention does in its sentence.
    pub role: Role,
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
    /// Places the text names that the gazetteer does not hold (张金经济开发区 under 张金镇),
    /// with the ids a layer over the gazetteer gives them.
    pub(crate) local_places: Vec<Place>,
    /// The local names in force in this text (泊里 in a text about its county), for lookups.
    pub(crate) local_names: Vec<(String, PlaceId)>,
    /// The province the document is about.
    pub(crate) home: Option<PlaceId>,
    /// Why each unresolved mention stays open.
    notes: Vec<String>,
    /// Why the document as a whole has no place, if it has none.
    doc_note: Option<String>,
    /// The sentences of the text (as [`text::sentences`] cuts them).
    sentences: Vec<std::ops::Range<usize>>,
    /// Where each sentence's head (its first 8 characters) ends.
    heads: Vec<usize>,
    /// The paragraphs that open with a place inside their section's (a report's paragraph on
    /// one of its districts): where that name ends, where the paragraph ends, and the place.
    /// Only those are kept: a text of many short lines costs nothing.
    paragraphs: Vec<(std::ops::Range<usize>, PlaceId)>,
}

/// Self-references, in either script (我縣, 全區 in a traditional-script text).
static DEICTIC_RE: Lazy<Regex> = Lazy::new(|| {
    let mut words: Vec<String> = Vec::new();
    for (w, _) in words::DEICTIC {
        words.push((*w).to_string());
        let trad: String = w
            .chars()
            .map(|c| {
                words::TRADITIONAL_LEVEL_CHARS
                    .iter()
                    .find(|(_, s)| *s == c)
                    .map_or(c, |(t, _)| *t)
            })
            .collect();
        if trad != *w {
            words.push(trad);
        }
    }
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    Regex::new(&words.join("|")).expect("static regex")
});

/// Posts named by their level alone (县委书记, 市长): the level the text speaks from.
static LEVEL_TITLE_RE: Lazy<Regex> = Lazy::new(|| {
    // Spelled out as literals, which the regex crate finds with a literal prefilter.
    let mut all: Vec<String> = Vec::new();
    for level in ["省", "市", "县", "区", "州", "旗", "镇", "乡"] {
        for t in words::LEVEL_TITLES {
            all.push(format!("{level}{t}"));
        }
    }
    all.sort_by_key(|w| std::cmp::Reverse(w.len()));
    Regex::new(&all.join("|")).expect("static regex")
});

fn kind_of_zone(word: &str) -> RegionKind {
    if word == "新区" {
        RegionKind::NewArea
    } else if word.contains("开发区") || word.contains("高新") || word == "经开区" {
        RegionKind::DevelopmentZone
    } else if word.contains("园区") {
        RegionKind::Park
    } else {
        RegionKind::EconomicZone
    }
}

impl DocContext {
    pub(crate) fn build(text: &str, gaz: &Gazetteer) -> DocContext {
        let (found, marks) = gaz.scan_marking(text);
        let hits = recognise::analyse(text, &found, &found);
        let (headline_end, lead_end) = opening(text);

        // Self-references and bare posts.
        let deictics: Vec<(usize, &'static str, &'static str)> = DEICTIC_RE
            .find_iter(text)
            .filter_map(|m| {
                let folded: String = m.as_str().chars().map(fold).collect();
                words::DEICTIC
                    .iter()
                    .find(|(w, _)| *w == folded)
                    .map(|(w, l)| (m.start(), *w, *l))
            })
            .collect();
        // Pass 1: the names that need no context, and the anchor they vote for.
        let first = recognise::select(text, gaz, &hits, Scope::default());
        // Posts named by their level alone: no place name ends at or covers the level word.
        let bare_titles: Vec<&'static str> = LEVEL_TITLE_RE
            .find_iter(text)
            .filter_map(|m| {
                let k = first.partition_point(|r| r.start <= m.start());
                let named = k
                    .checked_sub(1)
                    .and_then(|j| first.get(j))
                    .is_some_and(|r| r.end >= m.start());
                let level = m.as_str().chars().next().map(String::from)?;
                (!named).then(|| level_word(&level)).flatten()
            })
            .collect();
        let mut votes = anchor::Votes::default();
        anchor::vote(gaz, &first, headline_end, lead_end, &mut votes);
        if let Some(root) = gaz.root() {
            for (pos, word, _) in &deictics {
                if matches!(*word, "全国" | "我国") {
                    votes.add(gaz, root, 0.5, *pos);
                }
            }
        }
        // Peak memory is a few records per name found: each list goes once it has been read.
        drop(first);
        let level = anchor::speaker_level(&deictics, &bare_titles);
        let (anchor, unnamed) = if votes.is_empty() {
            (None, level)
        } else {
            anchor::anchor(gaz, &votes, level)
        };

        // Pass 2: with the anchor, the names that need context.
        let root = gaz.root();
        let anchor_below_root = anchor.filter(|&a| Some(a) != root);
        let home = anchor_below_root.and_then(|a| gaz.at_level(a, Level::Province));
        let local = anchor_below_root.and_then(|a| match gaz.level_of(a) {
            Level::Prefecture => Some(a),
            Level::County | Level::Township | Level::Below => gaz.at_level(a, Level::County),
            _ => None,
        });
        let prefecture = anchor_below_root.and_then(|a| match gaz.level_of(a) {
            Level::Country | Level::Province => None,
            _ => gaz.at_level(a, Level::Prefecture),
        });
        // The local names of the area the text is about (泊里 in a text about its county).
        let mut hits = hits;
        if let Some(t) = local.and_then(|l| gaz.local_trie(l)) {
            let more: Vec<(usize, usize, u32)> = Gazetteer::scan_with(&t, text, marks.as_ref())
                .into_iter()
                .filter(|h| found.binary_search(h).is_err())
                .collect();
            if !more.is_empty() {
                let mut all = found.clone();
                all.extend(more.iter().copied());
                all.sort_unstable();
                hits.extend(recognise::analyse(text, &more, &all));
                hits.sort_by_key(|h| (h.start, h.end, h.name));
            }
        }
        drop(found);
        drop(marks);
        let raws = recognise::select(
            text,
            gaz,
            &hits,
            Scope {
                province: home,
                prefecture,
                local,
            },
        );
        drop(hits);

        let mut ctx = DocContext {
            home,
            ..DocContext::default()
        };
        ctx.sentences = text::sentences(text);
        ctx.heads = ctx
            .sentences
            .iter()
            .map(|r| r.start + text::after(text, r.start, r.end, 8).len())
            .collect();
        // Without a named place, a text that speaks for its own level is about a place it does
        // not name: its facts stay open.
        let doc_region = if unnamed.is_some() { None } else { anchor };
        ctx.sections = sections(text, gaz, &raws, doc_region);
        ctx.resolve(text, gaz, &raws, anchor);
        ctx.paragraphs = ctx.paragraph_topics(text, gaz);
        ctx.add_deictics(text, gaz, &deictics, &raws);
        ctx.mentions.sort_by_key(|m| (m.start, m.end));
        ctx.doc_note = match (doc_region, unnamed) {
            (_, Some(l)) => Some(format!("the text speaks for a {l} it does not name")),
            (Some(_), None) => None,
            (None, None) => Some(
                ctx.notes
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "no place named in the text".to_string()),
            ),
        };
        ctx
    }

    /// The region of the section containing byte `pos`.
    fn section_of(&self, pos: usize) -> Option<PlaceId> {
        let i = self.sections.partition_point(|s| s.start <= pos);
        i.checked_sub(1)
            .and_then(|j| self.sections.get(j))
            .and_then(|s| s.region)
    }

    /// The place the text at byte `pos` is about by default: the place its sentence opens with
    /// ("加区区委书记…，区委副书记、区长李宁" is about 加区 throughout), else the place its
    /// paragraph opens with when that is inside the section's, else its section's.
    pub(crate) fn section_region(&self, pos: usize) -> Option<PlaceId> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        let sent = self.sentences.get(i).filter(|s| s.start <= pos);
        if let (Some(sent), Some(head_end)) = (sent, self.heads.get(i)) {
            if let Some(p) = self
                .mentions_starting_in(sent.start, (*head_end).min(pos))
                .filter(|m| m.end <= pos)
                .filter(|m| !m.deictic && m.role == Role::Subject)
                .find_map(|m| m.place.filter(|p| p.unresolved_index().is_none()))
            {
                return Some(p);
            }
        }
        let k = self.paragraphs.partition_point(|(r, _)| r.start <= pos);
        if let Some((_, p)) = k
            .checked_sub(1)
            .and_then(|j| self.paragraphs.get(j))
            .filter(|(r, _)| pos < r.end)
        {
            return Some(*p);
        }
        self.section_of(pos)
    }

    /// Why an unresolved place id stays open, or (for `None`) why the document has no place.
    pub(crate) fn note(&self, place: Option<PlaceId>) -> Option<&str> {
        match place {
            Some(p) => p
                .unresolved_index()
                .and_then(|i| self.notes.get(i))
                .map(String::as_str),
            None => self.doc_note.as_deref(),
        }
    }

    /// The sentences of the text (as [`text::sentences`] cuts them), computed once for the
    /// rules too.
    pub(crate) fn sentences(&self) -> &[std::ops::Range<usize>] {
        &self.sentences
    }

    /// The mentions starting inside `start..end`, wherever they end.
    fn mentions_starting_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Mention> {
        let first = self.mentions.partition_point(|m| m.start < start);
        self.mentions
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |m| m.start < end)
    }

    /// The mentions inside `start..end`.
    pub(crate) fn mentions_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Mention> {
        self.mentions_starting_in(start, end)
            .filter(move |m| m.end <= end)
    }

    /// The region a fact at `pos` in the phrase `sent` belongs to: the nearest place named
    /// earlier in the phrase as its subject (outside `exclude`, not a village, not a venue,
    /// dateline, comparison base or the first names of a chain, not followed by 首/第/最 …),
    /// else the place a sentence starts with (named or 全县-like), else the section's region.
    pub(crate) fn region_for(
        &self,
        text: &str,
        gaz: &Gazetteer,
        sentence_start: usize,
        sent: std::ops::Range<usize>,
        pos: usize,
        exclude: &[std::ops::Range<usize>],
    ) -> Option<PlaceId> {
        let usable = |m: &Mention, ceil: usize| -> bool {
            if m.place.is_none()
                || m.role != Role::Subject
                || exclude.iter().any(|r| r.start <= m.start && m.end <= r.end)
            {
                return false;
            }
            if m.place
                .and_then(|p| gaz.place(p))
                .is_some_and(|p| p.kind == RegionKind::Village)
            {
                return false;
            }
            let after = text::after(text, m.end, ceil, 2);
            if ["首", "唯", "第", "最", "前", "领", "示", "各", "范"]
                .iter()
                .any(|w| after.starts_with(w))
            {
                return false;
            }
            // A short name glued to more text names something of the place's (华为青岛区域
            // 总部, a company's branch), not what the phrase is about.
            !(!m.deictic
                && text::sub(text, m.start, m.end).chars().count() <= 2
                && recognise::glued_after(text.get(m.end..).unwrap_or("")))
        };
        let mut best: Option<PlaceId> = None;
        for m in self.mentions_in(sent.start, pos) {
            if usable(m, sent.end) {
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
                .mentions_starting_in(sentence_start, head_end)
                .filter(|m| m.end <= sent.start && usable(m, sent.start))
                .filter(|m| !m.deictic || opens(text, sentence_start, m.start))
                .find_map(|m| m.place)
            {
                return Some(p);
            }
        }
        self.section_region(pos)
    }
}

/// Whether the text from `start` to `at` is nothing but an opening (今年, 同时 …): a
/// self-reference at `at` is then the sentence's subject (今年全县…), not a modifier
/// (借力全省旅游发展大会).
pub(crate) fn opens(text: &str, start: usize, at: usize) -> bool {
    let lead: String = text::sub(text, start, at)
        .chars()
        .filter(|c| !c.is_whitespace() && !text::is_clause_sep(*c))
        .collect();
    lead.is_empty() || words::SUBJECT_LEADS.contains(&lead.as_str())
}

/// The level word a bare post's level character stands for.
fn level_word(c: &str) -> Option<&'static str> {
    Some(match c {
        "省" => "省",
        "市" => "市",
        "县" => "县",
        "区" => "区",
        "州" => "州",
        "旗" => "旗",
        "镇" => "镇",
        "乡" => "乡",
        _ => return None,
    })
}
