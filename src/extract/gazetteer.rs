//! Stage 7 (names): the gazetteer the extractor resolves place names through.
//!
//! A [`Gazetteer`] holds places (name, kind, division code, parent, aliases) and finds their
//! mentions in text. It is built from the bundled Qingdao list ([`Gazetteer::qingdao`]), from a
//! ledger's regions ([`Gazetteer::from_regions`]) and from the national division-code tables
//! ([`Gazetteer::add_divisions`]); places with the same division code are merged, so the
//! bundled list's names and aliases (西海岸新区 for code 370211) win over the national table's
//! (黄岛区), which becomes an alias.
//!
//! Many township names repeat across China (there are dozens of 城关镇): a name maps to all its
//! candidates, and [`Gazetteer::resolve`] picks the one inside the context the caller gives
//! (the document's region), or none when the name stays ambiguous.

use crate::divisions::Divisions;
use crate::model::{DivisionCode, Region, RegionId, RegionKind, Stored};
use serde::Deserialize;
use std::collections::HashMap;

/// A place's index in its [`Gazetteer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(u32);

impl PlaceId {
    fn index(self) -> usize {
        self.0 as usize
    }
}

/// A place the gazetteer knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Canonical name (what facts report as their region).
    pub name: String,
    /// Kind.
    pub kind: RegionKind,
    /// Division code, if any.
    pub code: Option<DivisionCode>,
    /// Other names the text may use.
    pub aliases: Vec<String>,
    /// Enclosing place.
    pub parent: Option<PlaceId>,
}

/// Places and the names they go by.
///
/// ```
/// use planledger::extract::Gazetteer;
/// let g = Gazetteer::qingdao();
/// let boli = g.lookup("泊里")[0];
/// assert_eq!(g.place(boli).map(|p| p.name.as_str()), Some("泊里镇"));
/// let xha = g.lookup("黄岛区")[0];
/// assert!(g.is_within(boli, xha));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    names: HashMap<String, Vec<PlaceId>>,
    by_code: HashMap<String, PlaceId>,
    trie: Trie,
}

const QINGDAO: &str = include_str!("../../data/qingdao/regions.json");

#[derive(Deserialize)]
struct QingdaoEntry {
    name: String,
    kind: RegionKind,
    parent: Option<String>,
    code: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

impl Gazetteer {
    /// An empty gazetteer: every fact's region is then `None`.
    pub fn new() -> Self {
        Self::default()
    }

    /// The bundled Qingdao gazetteer (`data/qingdao/regions.json`): every region the bundled
    /// articles name, with its ancestors and aliases.
    pub fn qingdao() -> Self {
        let mut g = Gazetteer::new();
        let entries: Vec<QingdaoEntry> = serde_json::from_str(QINGDAO).unwrap_or_default();
        let mut ids: HashMap<String, PlaceId> = HashMap::new();
        for e in entries {
            let parent = e.parent.as_ref().and_then(|p| ids.get(p).copied());
            let code = e.code.as_deref().and_then(|c| c.parse().ok());
            let id = g.add(Place {
                name: e.name.clone(),
                kind: e.kind,
                code,
                aliases: e.aliases,
                parent,
            });
            ids.insert(e.name, id);
        }
        g
    }

    /// A gazetteer of a ledger's regions (as [`Ledger::regions`](crate::Ledger::regions)
    /// returns them, parents before children).
    ///
    /// ```
    /// use planledger::extract::Gazetteer;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::gazetteer::load_qingdao(&mut ledger)?;
    /// let g = Gazetteer::from_regions(&ledger.regions()?);
    /// assert!(!g.lookup("薛家岛").is_empty());
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn from_regions(regions: &[Stored<RegionId, Region>]) -> Self {
        let mut g = Gazetteer::new();
        g.add_regions(regions);
        g
    }

    /// Adds a ledger's regions (parents before children; a parent not seen yet is left unset).
    pub fn add_regions(&mut self, regions: &[Stored<RegionId, Region>]) {
        let mut ids: HashMap<RegionId, PlaceId> = HashMap::new();
        for r in regions {
            let parent = r.value.parent.and_then(|p| ids.get(&p).copied());
            let id = self.add(Place {
                name: r.value.name.clone(),
                kind: r.value.kind,
                code: r.value.code.clone(),
                aliases: r.value.aliases.clone(),
                parent,
            });
            ids.insert(r.id, id);
        }
    }

    /// Adds the national division tables (see [`crate::divisions`]). Rows whose code is already
    /// known merge into the existing place (their name becomes an alias); provinces and
    /// prefectures also answer to their short names (山东, 青岛, 广西).
    pub fn add_divisions(&mut self, divisions: &Divisions) {
        for row in divisions.rows() {
            let parent = row
                .parent_code
                .as_ref()
                .and_then(|c| self.by_code.get(c.as_str()).copied());
            self.add(Place {
                name: row.name.clone(),
                kind: row.kind,
                code: Some(row.code.clone()),
                aliases: row.aliases.clone(),
                parent,
            });
        }
    }

    /// Adds a place (merging it into an existing place with the same code) and returns its id.
    pub fn add(&mut self, place: Place) -> PlaceId {
        if let Some(code) = &place.code {
            if let Some(&existing) = self.by_code.get(code.as_str()) {
                let mut new_names = vec![place.name.clone()];
                new_names.extend(place.aliases.iter().cloned());
                if let Some(p) = self.places.get_mut(existing.index()) {
                    for n in &new_names {
                        if *n != p.name && !p.aliases.contains(n) {
                            p.aliases.push(n.clone());
                        }
                    }
                    if p.parent.is_none() {
                        p.parent = place.parent;
                    }
                }
                for n in new_names {
                    self.index_name(n, existing);
                }
                return existing;
            }
        }
        let id = PlaceId(self.places.len() as u32);
        if let Some(code) = &place.code {
            self.by_code.insert(code.as_str().to_string(), id);
        }
        let mut names = vec![place.name.clone()];
        names.extend(place.aliases.iter().cloned());
        self.places.push(place);
        for n in names {
            self.index_name(n, id);
        }
        id
    }

    fn index_name(&mut self, name: String, id: PlaceId) {
        let name = name.trim().to_string();
        if name.chars().count() < 2 {
            return;
        }
        let list = self.names.entry(name.clone()).or_default();
        if !list.contains(&id) {
            list.push(id);
        }
        self.trie.insert(&name);
    }

    /// How many places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// A place by id.
    pub fn place(&self, id: PlaceId) -> Option<&Place> {
        self.places.get(id.index())
    }

    /// The place with a division code.
    pub fn by_code(&self, code: &str) -> Option<PlaceId> {
        self.by_code.get(code).copied()
    }

    /// Every place a name (canonical or alias) may denote.
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        self.names.get(name).map_or(&[], Vec::as_slice)
    }

    /// The chain of enclosing places, nearest first (the place itself excluded).
    pub fn ancestors(&self, id: PlaceId) -> impl Iterator<Item = PlaceId> + '_ {
        let mut cur = self.place(id).and_then(|p| p.parent);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let here = cur?;
            steps += 1;
            if steps > 64 {
                return None;
            }
            cur = self.place(here).and_then(|p| p.parent);
            Some(here)
        })
    }

    /// Whether `inner` is `outer` or lies inside it.
    pub fn is_within(&self, inner: PlaceId, outer: PlaceId) -> bool {
        inner == outer || self.ancestors(inner).any(|a| a == outer)
    }

    /// The place `name` denotes, read in the context of `context` (the document's region):
    /// among several candidates the one inside the context wins, then the one enclosing it,
    /// then the one sharing the nearest common ancestor with it. `None` when the name is
    /// unknown or stays ambiguous.
    ///
    /// ```
    /// use planledger::extract::{Gazetteer, Place};
    /// use planledger::model::RegionKind;
    /// let mut g = Gazetteer::new();
    /// let place = |name: &str, kind, parent| Place {
    ///     name: name.into(), kind, code: None, aliases: vec![], parent,
    /// };
    /// let a = g.add(place("甲县", RegionKind::County, None));
    /// let b = g.add(place("乙县", RegionKind::County, None));
    /// let in_a = g.add(place("城关镇", RegionKind::Town, Some(a)));
    /// let in_b = g.add(place("城关镇", RegionKind::Town, Some(b)));
    /// assert_eq!(g.resolve("城关镇", Some(b)), Some(in_b));
    /// assert_eq!(g.resolve("城关镇", Some(a)), Some(in_a));
    /// assert_eq!(g.resolve("城关镇", None), None);
    /// ```
    pub fn resolve(&self, name: &str, context: Option<PlaceId>) -> Option<PlaceId> {
        self.choose(self.lookup(name), context)
    }

    /// Picks among candidates, as [`resolve`](Self::resolve) does.
    pub(crate) fn choose(
        &self,
        candidates: &[PlaceId],
        context: Option<PlaceId>,
    ) -> Option<PlaceId> {
        match candidates {
            [] => None,
            [one] => Some(*one),
            many => {
                let ctx = context?;
                if let Some(&inside) = many.iter().find(|&&c| self.is_within(c, ctx)) {
                    return Some(inside);
                }
                if let Some(&outside) = many.iter().find(|&&c| self.is_within(ctx, c)) {
                    return Some(outside);
                }
                // Nearest common ancestor: the candidate whose chain meets the context's
                // chain soonest.
                let ctx_chain: Vec<PlaceId> =
                    std::iter::once(ctx).chain(self.ancestors(ctx)).collect();
                let mut best: Option<(usize, PlaceId)> = None;
                let mut tie = false;
                for &c in many {
                    let depth = self
                        .ancestors(c)
                        .find_map(|a| ctx_chain.iter().position(|&x| x == a));
                    if let Some(d) = depth {
                        match best {
                            Some((bd, _)) if d > bd => {}
                            Some((bd, _)) if d == bd => tie = true,
                            _ => {
                                best = Some((d, c));
                                tie = false;
                            }
                        }
                    }
                }
                match best {
                    Some((_, c)) if !tie => Some(c),
                    _ => None,
                }
            }
        }
    }

    /// Non-overlapping mentions of known names in `text`, leftmost-longest, as byte ranges with
    /// the name found.
    pub(crate) fn mentions<'t>(&self, text: &'t str) -> Vec<(usize, usize, &'t str)> {
        let mut out = Vec::new();
        let mut skip_until = 0;
        for (i, c) in text.char_indices() {
            if i < skip_until || !self.trie.may_start(c) {
                continue;
            }
            if let Some(len) = self.trie.longest_at(text.get(i..).unwrap_or("")) {
                if let Some(name) = text.get(i..i + len) {
                    out.push((i, i + len, name));
                    skip_until = i + len;
                }
            }
        }
        out
    }
}

/// A character trie over names, for leftmost-longest scanning without a regex per name.
#[derive(Debug, Clone, Default)]
struct Trie {
    nodes: Vec<Node>,
    /// Bit set of the first characters of the names in the Basic Multilingual Plane, so that
    /// most positions of a text are rejected with one lookup.
    first: Vec<u64>,
    /// Whether some name starts outside the BMP.
    astral_first: bool,
}

#[derive(Debug, Clone, Default)]
struct Node {
    children: Vec<(char, u32)>,
    terminal: bool,
}

impl Trie {
    fn insert(&mut self, word: &str) {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
            self.first = vec![0; 1024];
        }
        if let Some(c) = word.chars().next() {
            let u = c as usize;
            match self.first.get_mut(u / 64) {
                Some(w) if u < 65_536 => *w |= 1 << (u % 64),
                _ => self.astral_first = true,
            }
        }
        let mut cur = 0usize;
        for c in word.chars() {
            let next = match self.nodes.get(cur) {
                Some(node) => match node.children.binary_search_by_key(&c, |&(k, _)| k) {
                    Ok(pos) => node.children.get(pos).map(|&(_, n)| n as usize),
                    Err(_) => None,
                },
                None => return,
            };
            cur = match next {
                Some(n) => n,
                None => {
                    let id = self.nodes.len();
                    self.nodes.push(Node::default());
                    if let Some(node) = self.nodes.get_mut(cur) {
                        let pos = node
                            .children
                            .binary_search_by_key(&c, |&(k, _)| k)
                            .unwrap_or_else(|p| p);
                        node.children.insert(pos, (c, id as u32));
                    }
                    id
                }
            };
        }
        if let Some(node) = self.nodes.get_mut(cur) {
            node.terminal = true;
        }
    }

    /// Byte length of the longest name that `s` starts with.
    fn may_start(&self, c: char) -> bool {
        let u = c as usize;
        if u >= 65_536 {
            return self.astral_first;
        }
        self.first
            .get(u / 64)
            .is_some_and(|w| w & (1 << (u % 64)) != 0)
    }

    fn longest_at(&self, s: &str) -> Option<usize> {
        let mut cur = self.nodes.first()?;
        let mut best = None;
        for (i, c) in s.char_indices() {
            let Ok(pos) = cur.children.binary_search_by_key(&c, |&(k, _)| k) else {
                break;
            };
            let Some(node) = cur
                .children
                .get(pos)
                .and_then(|&(_, n)| self.nodes.get(n as usize))
            else {
                break;
            };
            cur = node;
            if cur.terminal {
                best = Some(i + c.len_utf8());
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_leftmost_longest_mentions() {
        let g = Gazetteer::qingdao();
        let text = "青岛西海岸新区泊里镇和薛家岛街道";
        let found: Vec<&str> = g.mentions(text).into_iter().map(|m| m.2).collect();
        assert_eq!(found, ["青岛西海岸新区", "泊里镇", "薛家岛街道"]);
    }
}
