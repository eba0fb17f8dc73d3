//! Which place a document is about: its anchor.
//!
//! Every mention votes for its place, weighted by where it stands (a headline or the opening
//! lines count more than the body) and by its role (a venue counts little; a dateline or a
//! comparison base not at all; 中国 and 全国 a little, so that only a text naming nothing below
//! the country is national); a place also earns half a vote for every mention of a place
//! right inside it (a quarter two levels down, and so on), so a report listing its districts
//! votes for its city. The text's self-references
//! then set the level: a text that says 我省 and whose officials are 省长 and 省委书记 is about a
//! province even when it only names the city where the meeting took place.

use super::recognise::{Raw, Role};
use super::words;
use crate::extract::gazetteer::{Gazetteer, PlaceId};
use std::collections::HashMap;

/// A document's votes.
#[derive(Debug, Default)]
pub(crate) struct Votes {
    own: HashMap<PlaceId, f32>,
    total: HashMap<PlaceId, f32>,
    first: HashMap<PlaceId, usize>,
    /// Where the place itself is first named (`first` also counts a place inside it).
    own_first: HashMap<PlaceId, usize>,
}

impl Votes {
    pub(crate) fn add(&mut self, gaz: &Gazetteer, place: PlaceId, weight: f32, pos: usize) {
        if weight <= 0.0 {
            return;
        }
        *self.own.entry(place).or_default() += weight;
        *self.total.entry(place).or_default() += weight;
        self.first.entry(place).or_insert(pos);
        self.own_first.entry(place).or_insert(pos);
        // Each level up gets half of what the level below got: a page about two towns of one
        // district is about the district, not about the province both are in.
        let root = gaz.root();
        let mut support = weight;
        for a in gaz.ancestors(place) {
            if Some(a) == root {
                break;
            }
            support /= 2.0;
            *self.total.entry(a).or_default() += support;
            self.first.entry(a).or_insert(pos);
        }
    }

    fn total(&self, p: PlaceId) -> f32 {
        self.total.get(&p).copied().unwrap_or(0.0)
    }

    /// The place with the most votes; on a tie the one whose area is named first, then the
    /// one named itself first (a district named before its city, which has the district's
    /// first mention too), then the lower id. The order of `among` (a hash map's) never decides:
    /// the same text gives the same anchor in every run.
    fn best(&self, among: impl Iterator<Item = PlaceId>) -> Option<PlaceId> {
        use std::cmp::Reverse;
        let at = |m: &HashMap<PlaceId, usize>, p: PlaceId| m.get(&p).copied().unwrap_or(usize::MAX);
        // Votes, then the area's first mention, then the place's own, then the id.
        type Rank = (f32, Reverse<usize>, Reverse<usize>, Reverse<PlaceId>);
        let mut best: Option<Rank> = None;
        for p in among {
            let key = (
                self.total(p),
                Reverse(at(&self.first, p)),
                Reverse(at(&self.own_first, p)),
                Reverse(p),
            );
            if best.as_ref().is_none_or(|b| key > *b) {
                best = Some(key);
            }
        }
        best.map(|b| b.3 .0)
    }

    /// The best-voted place, when it has at least `min` votes.
    pub(crate) fn clear_winner(&self, min: f32) -> Option<PlaceId> {
        let best = self.best(self.own.keys().copied())?;
        let top = self.total(best);
        if top < min {
            return None;
        }
        Some(best)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.own.is_empty()
    }
}

/// How much a mention at `pos` with `role` weighs.
pub(crate) fn weight(role: Role, pos: usize, headline_end: usize, lead_end: usize) -> f32 {
    let place = if pos < headline_end {
        3.0
    } else if pos < lead_end {
        2.0
    } else {
        1.0
    };
    match role {
        Role::Subject => place,
        Role::Venue => 0.3,
        Role::National => 0.5,
        Role::Qualifier | Role::Dateline | Role::Comparison | Role::Institution => 0.0,
    }
}

/// Adds the votes of explicit mentions: unambiguous ones first, then the ambiguous ones read
/// in the context those give.
pub(crate) fn vote(
    gaz: &Gazetteer,
    raws: &[Raw],
    headline_end: usize,
    lead_end: usize,
    votes: &mut Votes,
) {
    for r in raws {
        if let [one] = r.cands.as_slice() {
            votes.add(
                gaz,
                *one,
                weight(r.role, r.start, headline_end, lead_end),
                r.start,
            );
        }
    }
    let provisional = votes.best(votes.own.keys().copied());
    for r in raws {
        if r.cands.len() > 1 {
            if let Some(p) = gaz.choose(&r.cands, provisional) {
                votes.add(
                    gaz,
                    p,
                    weight(r.role, r.start, headline_end, lead_end),
                    r.start,
                );
            }
        }
    }
}

/// The level the text speaks from: the level word of its speaker self-references (我镇, 本县,
/// 该市) and of bare posts (县委书记 with no place before it), when they agree often enough.
pub(crate) fn speaker_level(
    deictics: &[(usize, &'static str, &'static str)],
    bare_titles: &[&'static str],
) -> Option<&'static str> {
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for (_, word, level) in deictics {
        if words::is_speaker(word) && !level.is_empty() && *level != "国" {
            *counts.entry(level).or_default() += 1;
        }
    }
    for l in bare_titles {
        *counts.entry(l).or_default() += 1;
    }
    let mut sorted: Vec<(&'static str, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    match sorted.as_slice() {
        [(l, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|r| r.1 < *n) => Some(l),
        _ => None,
    }
}

/// Whether a place's names end with a level word (区 for 西海岸新区, 大兴安岭地区 and
/// 广西壮族自治区 alike; 州 for 湘西土家族苗族自治州 and its 湘西州).
pub(crate) fn has_level(gaz: &Gazetteer, place: PlaceId, level: &str) -> bool {
    if level.is_empty() {
        return true;
    }
    let Some(p) = gaz.place(place) else {
        return false;
    };
    if level == "国" {
        return Some(place) == gaz.root();
    }
    std::iter::once(&p.name)
        .chain(&p.aliases)
        .any(|n| n.ends_with(level))
}

/// The document's anchor: the best-voted place, moved to the speaker's level when the text
/// speaks from a level the best place is not at. Returns the anchor and, when the speaker's
/// level has no named place, that level.
pub(crate) fn anchor(
    gaz: &Gazetteer,
    votes: &Votes,
    level: Option<&'static str>,
) -> (Option<PlaceId>, Option<&'static str>) {
    let best = votes.best(votes.own.keys().copied());
    let Some(level) = level else {
        return (best, None);
    };
    if best.is_some_and(|b| has_level(gaz, b, level)) {
        return (best, None);
    }
    // Places the text votes for, with their ancestors.
    let mut pool: Vec<PlaceId> = Vec::new();
    for &p in votes.own.keys() {
        for q in std::iter::once(p).chain(gaz.ancestors(p)) {
            if Some(q) != gaz.root() && !pool.contains(&q) {
                pool.push(q);
            }
        }
    }
    let at_level = votes.best(pool.into_iter().filter(|&p| has_level(gaz, p, level)));
    match (at_level, best) {
        (Some(a), _) => (Some(a), None),
        (None, b) => (b, Some(level)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A district named first and its city named once later tie (the city has its own vote
    /// and half of the district's two): the district stays the anchor, whatever order the
    /// vote maps iterate in (each map gets its own hash seed, so many maps try many orders).
    #[test]
    fn a_tie_between_a_place_and_the_area_around_it_is_decided_the_same_way_every_time() {
        let g = Gazetteer::national();
        let district = g.by_code("210115").expect("辽中区 is in the table");
        let city = g.by_code("210100").expect("沈阳市 is in the table");
        for _ in 0..64 {
            let mut v = Votes::default();
            v.add(&g, district, 1.0, 10);
            v.add(&g, district, 1.0, 40);
            v.add(&g, city, 1.0, 80);
            assert_eq!(v.total(district), v.total(city), "the case is a tie");
            assert_eq!(v.best(v.own.keys().copied()), Some(district));
            assert_eq!(anchor(&g, &v, None).0, Some(district));
        }
    }
}
