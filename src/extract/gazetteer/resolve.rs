//! Resolving a name among its candidates by the context the caller gives (the document's region),
//! and layering a document's own places over a shared gazetteer.

use super::*;

impl Gazetteer {
    /// The place `name` denotes, read in the context of `context` (the document's region): see
    /// [`choose`](Self::choose). `None` when the name is unknown or stays ambiguous.
    ///
    /// ```
    /// use planledger::extract::{Gazetteer, Place};
    /// use planledger::model::RegionKind;
    /// let mut g = Gazetteer::new();
    /// let a = g.add(Place::new("甲县", RegionKind::County));
    /// let b = g.add(Place::new("乙县", RegionKind::County));
    /// let in_a = g.add(Place::new("城关镇", RegionKind::Town).with_parent(a));
    /// let in_b = g.add(Place::new("城关镇", RegionKind::Town).with_parent(b));
    /// assert_eq!(g.resolve("城关镇", Some(b)), Some(in_b));
    /// assert_eq!(g.resolve("城关镇", Some(a)), Some(in_a));
    /// assert_eq!(g.resolve("城关镇", None), None);
    /// ```
    pub fn resolve(&self, name: &str, context: Option<PlaceId>) -> Option<PlaceId> {
        self.choose(self.lookup(name), context)
    }

    /// Picks among the places a name may denote, given the place the text is about: the one
    /// candidate inside the context, else the one enclosing it, else the one sharing the
    /// nearest common ancestor (below the root) with it. `None` when no rule singles one out:
    /// ambiguity is left open, never guessed.
    pub fn choose(&self, candidates: &[PlaceId], context: Option<PlaceId>) -> Option<PlaceId> {
        let found = match candidates {
            [] => None,
            [one] => Some(*one),
            many => {
                let ctx = context?;
                let only = |f: &dyn Fn(PlaceId) -> bool| {
                    let mut it = many.iter().copied().filter(|&c| f(c));
                    match (it.next(), it.next()) {
                        (Some(one), None) => Some(Some(one)),
                        (Some(_), Some(_)) => Some(None),
                        _ => None,
                    }
                };
                if let Some(inside) = only(&|c| self.is_within(c, ctx)) {
                    return inside.filter(|&c| self.plausible_here(c));
                }
                if let Some(Some(outside)) = only(&|c| self.is_within(ctx, c)) {
                    return Some(outside);
                }
                self.nearest(many, ctx)
            }
        };
        found.filter(|&c| self.plausible_here(c))
    }

    /// The candidate whose chain meets the context's chain soonest, below the root.
    pub(super) fn nearest(&self, candidates: &[PlaceId], ctx: PlaceId) -> Option<PlaceId> {
        let root = self.root();
        let ctx_chain: Vec<PlaceId> = std::iter::once(ctx)
            .chain(self.ancestors(ctx))
            .filter(|&p| Some(p) != root)
            .collect();
        let mut best: Option<(usize, PlaceId)> = None;
        let mut tie = false;
        for &c in candidates {
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

    /// In a document's layer, whether `place` may be read here: a two-character name with a
    /// one-character stem (代县, 理县) is a place only inside the document's province, since
    /// elsewhere it is more likely a fragment (代 + 县长, "acting county head").
    pub(super) fn plausible_here(&self, place: PlaceId) -> bool {
        let Some(home) = self.home else {
            return true;
        };
        let Some(p) = self.place(place) else {
            return true;
        };
        p.name.chars().count() > 2 || self.is_within(place, home)
    }

    /// A layer over `base` holding a document's own places (zones the text names) and the
    /// local names in force in it, with the document's province for
    /// [`plausible_here`](Self::plausible_here).
    pub(crate) fn layer(
        base: &Arc<Gazetteer>,
        places: Vec<Place>,
        local_names: &[(String, PlaceId)],
        home: Option<PlaceId>,
    ) -> Gazetteer {
        let mut g = Gazetteer {
            under: Some(Arc::clone(base)),
            offset: base.len() as u32,
            home,
            ..Gazetteer::default()
        };
        g.places = places;
        for (name, id) in local_names {
            let folded: String = name.chars().map(fold).collect();
            let idx = *g.index.entry(folded.into_boxed_str()).or_insert_with(|| {
                g.recs.push(NameRec::default());
                (g.recs.len() - 1) as u32
            });
            if let Some(rec) = g.recs.get_mut(idx as usize) {
                // The base's own candidates for the name stay candidates.
                if rec.entries.is_empty() {
                    for &p in base.lookup(name) {
                        rec.entries.push((p, NameForm::Alias));
                    }
                }
                if !rec.entries.iter().any(|(p, _)| p == id) {
                    rec.entries.push((*id, NameForm::Local));
                }
                rec.global = rec.entries.iter().map(|(p, _)| *p).collect();
            }
        }
        g
    }

    /// The id the next place added to a layer over `base` gets.
    pub(crate) fn next_id(base: &Gazetteer, added: usize) -> PlaceId {
        PlaceId((base.len() + added) as u32)
    }
}
