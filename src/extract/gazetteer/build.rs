//! Building a gazetteer: from the bundled table, from a ledger's regions, from an overlay; adding
//! places, names (with their short forms) and former names; renaming a place.

use super::*;

impl Gazetteer {
    /// An empty gazetteer: every fact's region is then `None`.
    pub fn new() -> Self {
        Self::default()
    }

    /// The national gazetteer (see the module docs), built on first use and shared by the
    /// process; clone the value to extend it with places of your own.
    pub fn national() -> Arc<Gazetteer> {
        national::shared()
    }

    /// A gazetteer of a division table (a CSV edition read with
    /// [`divisions::load_dir`](crate::divisions::load_dir), say), with the names people write
    /// for each division.
    pub fn from_divisions(divisions: &Divisions) -> Self {
        let mut g = Gazetteer::new();
        g.add_divisions(divisions);
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
    /// assert!(!g.lookup("薛家岛街道").is_empty());
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
            let mut place = Place::new(r.value.name.clone(), r.value.kind);
            place.code = r.value.code.clone();
            place.aliases = r.value.aliases.clone();
            place.parent = r.value.parent.and_then(|p| ids.get(&p).copied());
            let id = self.add(place);
            ids.insert(r.id, id);
        }
    }

    /// Adds a division table. Rows whose code is already known merge into the existing place
    /// (their name becomes an alias); provinces hang from the root place if there is one.
    pub fn add_divisions(&mut self, divisions: &Divisions) {
        for row in divisions.rows() {
            let parent = match &row.parent_code {
                Some(c) => self.by_code(c.as_str()),
                None => self.root,
            };
            let mut place = Place::new(row.name.clone(), row.kind);
            place.code = Some(row.code.clone());
            place.aliases = row.aliases.clone();
            place.parent = parent;
            self.add(place);
        }
    }

    /// Lays places over the gazetteer from a JSON array in the format of the bundled overlays
    /// (`data/places/overlay.json`, `data/qingdao/regions.json`; described in `data/README.md`):
    /// an entry with a known division code renames that division and adds its names (西海岸新区
    /// over 黄岛区's code), any other entry becomes a place under its `parent` (an earlier
    /// entry's name or a division code).
    ///
    /// ```
    /// use planledger::extract::Gazetteer;
    /// let mut g = (*Gazetteer::national()).clone();
    /// g.add_overlay(r#"[{"name": "某某科技园", "kind": "park", "parent": "370211",
    ///                   "code": null, "aliases": ["某某园"]}]"#)?;
    /// let park = g.lookup("某某园")[0];
    /// assert!(g.is_within(park, g.by_code("370200").unwrap()));
    /// # Ok::<(), planledger::Error>(())
    /// ```
    ///
    /// Errors: [`Error::InvalidInput`](crate::Error::InvalidInput) when the JSON does not have
    /// that shape; nothing is added then.
    pub fn add_overlay(&mut self, json: &str) -> crate::Result<()> {
        let entries = crate::reference::overlay::parse_overlay(json, "overlay")?;
        national::apply_overlay(self, &entries);
        Ok(())
    }

    /// Adds a place and the names derived from it, and returns its id. A place whose division
    /// code is already known merges into the existing one: its names become aliases.
    ///
    /// ```
    /// use planledger::extract::{Gazetteer, Place};
    /// use planledger::model::RegionKind;
    /// let mut g = Gazetteer::new();
    /// let county = g.add(Place::new("漾濞彝族自治县", RegionKind::County));
    /// // The names people write: without the peoples, without the level word.
    /// assert_eq!(g.lookup("漾濞县"), [county]);
    /// assert_eq!(g.lookup("漾濞"), [county]);
    /// ```
    pub fn add(&mut self, place: Place) -> PlaceId {
        if let Some(existing) = place.code.as_ref().and_then(|c| self.by_code(c.as_str())) {
            if existing.0 >= self.offset {
                let mut names = vec![place.name.clone()];
                names.extend(place.aliases.iter().cloned());
                if let Some(p) = self.own_mut(existing) {
                    for n in &names {
                        if *n != p.name && !p.aliases.contains(n) {
                            p.aliases.push(n.clone());
                        }
                    }
                    if p.parent.is_none() && place.parent.is_some() {
                        p.parent = place.parent;
                        if let Some(parent) = place.parent {
                            self.children.entry(parent).or_default().push(existing);
                        }
                    }
                }
                for n in names {
                    self.add_name(&n, existing, NameForm::Alias);
                }
                return existing;
            }
        }
        let id = PlaceId(self.offset + self.places.len() as u32);
        if let Some(code) = &place.code {
            self.by_code.insert(code.as_str().to_string(), id);
        }
        if place.kind == RegionKind::Country && place.parent.is_none() && self.root.is_none() {
            self.root = Some(id);
        }
        if let Some(parent) = place.parent {
            self.children.entry(parent).or_default().push(id);
        }
        let name = place.name.clone();
        let kind = place.kind;
        let aliases = place.aliases.clone();
        let former: Vec<String> = place.former.iter().map(|f| f.name.clone()).collect();
        self.places.push(place);
        // Generic names (城区, 农场), and township-level names that are not a town, township or
        // subdistrict (良种场, 化工园区) or that have a one-character stem (兴镇, 东镇: 产业兴镇
        // is a slogan), name a place only in its neighbourhood.
        let township_like = matches!(
            kind,
            RegionKind::Town | RegionKind::Township | RegionKind::Subdistrict
        );
        let local = is_generic(&name)
            || (Level::of(kind) == Level::Township
                && (!township_like || name.chars().count() <= 2));
        let form = if local {
            NameForm::Local
        } else {
            NameForm::Canonical
        };
        self.add_name(&name, id, form);
        for (short, form) in names::short_forms(&name, kind) {
            self.add_name(&short, id, form);
        }
        for a in aliases {
            let form = if is_generic(&a) {
                NameForm::Local
            } else {
                NameForm::Alias
            };
            self.add_name(&a, id, form);
        }
        for f in former {
            self.add_name(&f, id, NameForm::Former);
        }
        id
    }

    /// Adds `name` for `place` with the given form (a short name, a local name, a former name
    /// without a known date). A name shorter than two characters is ignored.
    pub fn add_name(&mut self, name: &str, place: PlaceId, form: NameForm) {
        let name = name.trim();
        if name.chars().count() < 2 || self.place(place).is_none() {
            return;
        }
        let folded: std::borrow::Cow<'_, str> = if name.chars().any(|c| fold(c) != c) {
            name.chars().map(fold).collect::<String>().into()
        } else {
            name.into()
        };
        let idx = match self.index.get(folded.as_ref()) {
            Some(&i) => i,
            None => {
                let i = self.recs.len() as u32;
                self.recs.push(NameRec {
                    text: folded.as_ref().into(),
                    ..NameRec::default()
                });
                self.index.insert(folded.as_ref().into(), i);
                i
            }
        };
        let Some(mut rec) = self.recs.get_mut(idx as usize).map(std::mem::take) else {
            return;
        };
        match rec.entries.iter_mut().find(|(p, _)| *p == place) {
            // The most trusted form wins when a place gets the same name twice.
            Some((_, f)) => *f = (*f).min(form),
            None => rec.entries.push((place, form)),
        }
        if rec.entries.len() > 1 {
            // A short name shared with a place of a higher level (长沙 for 长沙市 and 长沙县)
            // belongs to the higher one; the lower keeps it only as a local name.
            let strong = |f: NameForm| {
                matches!(
                    f,
                    NameForm::Canonical | NameForm::Alias | NameForm::Former | NameForm::Short
                )
            };
            let top = rec
                .entries
                .iter()
                .filter(|(_, f)| strong(*f))
                .map(|&(p, _)| self.level(p))
                .min();
            if let Some(top) = top {
                for (p, f) in rec.entries.iter_mut() {
                    if matches!(f, NameForm::Short | NameForm::WeakShort) && self.level(*p) > top {
                        *f = NameForm::Local;
                    }
                }
            }
        }
        rec.global.clear();
        rec.global.extend(
            rec.entries
                .iter()
                .filter(|(_, f)| f.is_global())
                .map(|(p, _)| *p),
        );
        if !rec.in_trie && !rec.global.is_empty() {
            self.trie.insert(&rec.text, idx);
            rec.in_trie = true;
        }
        for &(p, f) in &rec.entries {
            if f == NameForm::Local {
                self.trie.mark_local(&rec.text);
                let list = self.locals.entry(p).or_default();
                if !list.contains(&idx) {
                    list.push(idx);
                }
            }
        }
        if let Some(slot) = self.recs.get_mut(idx as usize) {
            *slot = rec;
        }
    }

    /// Records a former name of `place` and the date the current name took effect (a town
    /// that became a subdistrict, a county that became a district).
    ///
    /// ```
    /// use planledger::extract::{Gazetteer, Place};
    /// use planledger::model::RegionKind;
    /// let mut g = Gazetteer::new();
    /// let id = g.add(Place::new("即墨区", RegionKind::District));
    /// g.add_former_name(id, "即墨市", "2017-09".parse().ok(), None);
    /// assert_eq!(g.lookup("即墨市"), [id]);
    /// assert_eq!(g.name_at(id, "2016-05-01".parse()?), Some("即墨市"));
    /// assert_eq!(g.name_at(id, "2019-05-01".parse()?), Some("即墨区"));
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn add_former_name(
        &mut self,
        place: PlaceId,
        name: &str,
        changed: Option<PartialDate>,
        source: Option<String>,
    ) {
        let Some(p) = self.own_mut(place) else {
            return;
        };
        p.former.push(FormerName {
            name: name.to_string(),
            changed,
            source,
        });
        p.former.sort_by_key(|f| f.changed);
        self.add_name(name, place, NameForm::Former);
    }

    /// Makes `name` the canonical name of `place`, keeping the old one as an alias (the West
    /// Coast New Area carries 黄岛区's code and is written 西海岸新区).
    pub(crate) fn rename(&mut self, place: PlaceId, name: &str, kind: RegionKind) {
        let Some(p) = self.own_mut(place) else {
            return;
        };
        if p.name == name {
            p.kind = kind;
            return;
        }
        let old = std::mem::replace(&mut p.name, name.to_string());
        p.kind = kind;
        p.aliases.retain(|a| a != name);
        if !p.aliases.contains(&old) {
            p.aliases.push(old.clone());
        }
        let folded: String = old.chars().map(fold).collect();
        if let Some(rec) = self
            .index
            .get(folded.as_str())
            .and_then(|&i| self.recs.get_mut(i as usize))
        {
            for (p, f) in &mut rec.entries {
                if *p == place && *f == NameForm::Canonical {
                    *f = NameForm::Alias;
                }
            }
        }
        self.add_name(name, place, NameForm::Canonical);
        for (short, form) in names::short_forms(name, kind) {
            self.add_name(&short, place, form);
        }
    }

    pub(super) fn level(&self, id: PlaceId) -> Level {
        self.place(id).map_or(Level::Below, |p| Level::of(p.kind))
    }

    pub(super) fn own_mut(&mut self, id: PlaceId) -> Option<&mut Place> {
        let i = id.0.checked_sub(self.offset)?;
        self.places.get_mut(i as usize)
    }
}
