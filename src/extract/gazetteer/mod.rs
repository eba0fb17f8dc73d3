//! Stage 7 (names): the gazetteer the extractor resolves place names through.
//!
//! A [`Gazetteer`] holds places (name, kind, division code, parent, aliases, former names) and
//! every name people write for them, each with its [`NameForm`]: the canonical name (罗湖区),
//! other full names (黄岛区 for 西海岸新区, 湘西州), former names (张家楼镇), short names
//! (广东, 罗湖, 漾濞) and names only a place's neighbourhood uses (泊里, 新区). Texts in
//! traditional script are read through a character fold (青島 → 青岛).
//!
//! [`Gazetteer::national`] is the default: the bundled national division table (every province,
//! prefecture, county and township, see [`crate::divisions::national`]) under a root place 中国,
//! with the national new areas, the Qingdao places of the bundled dataset
//! (`data/qingdao/regions.json`: 西海岸新区 for 黄岛区's code, 董家口经济区 …) and the renames
//! the crate ships (`data/divisions/renames.json`) laid over it. It is built once per process
//! and shared.
//!
//! Many names repeat across China (88 towns are called 城关镇): a name maps to all its
//! candidates, and [`Gazetteer::resolve`] picks the one the context the caller gives points at
//! (the document's region), or none when the name stays ambiguous.

mod names;
mod national;
mod trie;

pub use names::NameForm;
pub(crate) use names::{is_common_word, is_generic, zone_suffix, zone_words, Level};
pub(crate) use trie::{fold, Trie};

use crate::divisions::Divisions;
use crate::model::{DivisionCode, PartialDate, Region, RegionId, RegionKind, Stored};
use std::collections::HashMap;
use std::sync::Arc;

/// The province-level divisions of the mainland (provinces, autonomous regions and
/// municipalities), as the statistics bureau's table lists them.
const MAINLAND_PROVINCES: usize = 31;

/// A place's index in its [`Gazetteer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(u32);

/// The most places whose local names a document's scan takes in (a prefecture and everything
/// inside it is a few thousand at most; the limit only guards against a scope that is the whole
/// country).
const LOCAL_SCOPE_LIMIT: usize = 20_000;

/// Ids with this bit set stand for "a place the text names but that cannot be told" (an
/// ambiguous name): no gazetteer holds them, and the document context keeps the reason.
const UNRESOLVED: u32 = 1 << 31;

impl PlaceId {
    /// The id standing for the `i`-th unresolved mention of a document.
    pub(crate) fn unresolved(i: usize) -> PlaceId {
        PlaceId(UNRESOLVED | (i as u32 & !UNRESOLVED))
    }

    /// The index of an unresolved mention's id.
    pub(crate) fn unresolved_index(self) -> Option<usize> {
        (self.0 & UNRESOLVED != 0).then_some((self.0 & !UNRESOLVED) as usize)
    }
}

/// A name a place went by before a change of name or status.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FormerName {
    /// The former name (张家楼镇).
    pub name: String,
    /// When the current name took effect; texts dated before it used the former name
    /// officially. `None` when the date is not known.
    pub changed: Option<PartialDate>,
    /// Where the change is documented (a URL), when known.
    pub source: Option<String>,
}

/// A place the gazetteer knows.
///
/// ```
/// use planledger::extract::Place;
/// use planledger::model::RegionKind;
/// let town = Place::new("泊里镇", RegionKind::Town)
///     .with_code("370211103".parse()?)
///     .with_alias("泊里镇人民政府");
/// assert_eq!(town.aliases, ["泊里镇人民政府"]);
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Place {
    /// Canonical name (what facts report as their region): 泊里镇.
    pub name: String,
    /// Administrative or functional kind.
    pub kind: RegionKind,
    /// Statistics-bureau division code (6 digits for county level and above, 9 for townships).
    pub code: Option<DivisionCode>,
    /// Other full names the text may use (coextensive areas, official long forms). Short names
    /// are derived from the canonical name and need not be listed.
    pub aliases: Vec<String>,
    /// Enclosing place.
    pub parent: Option<PlaceId>,
    /// Names the place went by before, oldest first.
    pub former: Vec<FormerName>,
}

impl Place {
    /// A place with no code, aliases or parent.
    pub fn new(name: impl Into<String>, kind: RegionKind) -> Place {
        Place {
            name: name.into(),
            kind,
            code: None,
            aliases: Vec::new(),
            parent: None,
            former: Vec::new(),
        }
    }

    /// Sets the enclosing place.
    pub fn with_parent(mut self, parent: PlaceId) -> Place {
        self.parent = Some(parent);
        self
    }

    /// Sets the division code.
    pub fn with_code(mut self, code: DivisionCode) -> Place {
        self.code = Some(code);
        self
    }

    /// Adds a full alias.
    pub fn with_alias(mut self, alias: impl Into<String>) -> Place {
        self.aliases.push(alias.into());
        self
    }
}

/// The Firefox hash: the name index is rebuilt at every start of the process and holds a
/// hundred thousand short keys, where SipHash's resistance to chosen keys buys nothing.
#[derive(Debug, Clone, Copy, Default)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// One name and the places it may denote.
#[derive(Debug, Clone, Default)]
struct NameRec {
    /// The name, folded to simplified script.
    text: Box<str>,
    entries: Vec<(PlaceId, NameForm)>,
    /// The places of the entries usable without context (every form but [`NameForm::Local`]).
    global: Vec<PlaceId>,
    /// Whether the name is in the trie (it is once some place has it in a global form).
    in_trie: bool,
}

/// Places and the names they go by.
///
/// ```
/// use planledger::extract::Gazetteer;
/// let g = planledger::extract::Gazetteer::national();
/// let boli = g.lookup("泊里镇")[0];
/// assert_eq!(g.place(boli).map(|p| p.code.as_ref().unwrap().as_str()), Some("370211103"));
/// let xha = g.lookup("黄岛区")[0];
/// assert_eq!(g.place(xha).map(|p| p.name.as_str()), Some("西海岸新区"));
/// assert!(g.is_within(boli, xha));
/// // 88 towns share this name: without context it stays open.
/// assert!(g.lookup("城关镇").len() > 50);
/// assert_eq!(g.resolve("城关镇", None), None);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// A gazetteer this one extends (a document's zones over the national places): its places
    /// keep their ids, this one's come after them.
    under: Option<Arc<Gazetteer>>,
    offset: u32,
    places: Vec<Place>,
    index: HashMap<Box<str>, u32, FxBuild>,
    recs: Vec<NameRec>,
    by_code: HashMap<String, PlaceId, FxBuild>,
    /// Every name some place has in a global form: what a text is scanned for.
    trie: Trie,
    /// The local names of each place (泊里 for 泊里镇), scanned for only in a text about the
    /// place's neighbourhood.
    locals: HashMap<PlaceId, Vec<u32>, FxBuild>,
    /// The places directly inside each place.
    children: HashMap<PlaceId, Vec<PlaceId>, FxBuild>,
    /// The root place (中国) that places without a parent hang from, if any.
    root: Option<PlaceId>,
    /// In a document's layer: the province the document is about. A name that could be a
    /// fragment of a word (代县 in 代县长, "acting county head") is then only read as a place
    /// inside it.
    home: Option<PlaceId>,
}

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

    fn level(&self, id: PlaceId) -> Level {
        self.place(id).map_or(Level::Below, |p| Level::of(p.kind))
    }

    fn own_mut(&mut self, id: PlaceId) -> Option<&mut Place> {
        let i = id.0.checked_sub(self.offset)?;
        self.places.get_mut(i as usize)
    }

    /// How many places.
    pub fn len(&self) -> usize {
        self.offset as usize + self.places.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A place by id.
    pub fn place(&self, id: PlaceId) -> Option<&Place> {
        match id.0.checked_sub(self.offset) {
            Some(i) => self.places.get(i as usize),
            None => self.under.as_ref()?.place(id),
        }
    }

    /// The root place (中国 in the national gazetteer).
    pub fn root(&self) -> Option<PlaceId> {
        self.root
            .or_else(|| self.under.as_ref().and_then(|u| u.root()))
    }

    /// The place with a division code.
    pub fn by_code(&self, code: &str) -> Option<PlaceId> {
        self.by_code
            .get(code)
            .copied()
            .or_else(|| self.under.as_ref()?.by_code(code))
    }

    /// Every place a name may denote without knowing what the text is about (canonical names,
    /// aliases, former and short names; not the names only a place's neighbourhood uses).
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        match self.index.get(name) {
            Some(&i) => self
                .recs
                .get(i as usize)
                .map_or(&[], |r| r.global.as_slice()),
            None => match &self.under {
                Some(u) => u.lookup(name),
                None => {
                    // The caller may hold a traditional-script name.
                    if name.chars().any(|c| fold(c) != c) {
                        let folded: String = name.chars().map(fold).collect();
                        if let Some(&i) = self.index.get(folded.as_str()) {
                            return self
                                .recs
                                .get(i as usize)
                                .map_or(&[], |r| r.global.as_slice());
                        }
                    }
                    &[]
                }
            },
        }
    }

    /// Every place `name` may denote, with the form it has for each (local names included).
    pub fn names(&self, name: &str) -> &[(PlaceId, NameForm)] {
        let folded: String = name.chars().map(fold).collect();
        match self.index.get(folded.as_str()) {
            Some(&i) => self
                .recs
                .get(i as usize)
                .map_or(&[], |r| r.entries.as_slice()),
            None => self.under.as_ref().map_or(&[], |u| u.names(name)),
        }
    }

    /// The entries of the name with index `name` (from [`scan`](Self::scan)).
    pub(crate) fn entries(&self, name: u32) -> &[(PlaceId, NameForm)] {
        match &self.under {
            // A layer holds no names of its own to scan: its scans are the base's.
            Some(u) => u.entries(name),
            None => self
                .recs
                .get(name as usize)
                .map_or(&[], |r| r.entries.as_slice()),
        }
    }

    /// Every known name starting at each position of `text`, as (start, end, name index):
    /// all of them, nested ones included; choosing among them is the caller's business.
    pub(crate) fn scan(&self, text: &str) -> Vec<(usize, usize, u32)> {
        if let Some(u) = &self.under {
            return u.scan(text);
        }
        let mut out = Vec::with_capacity(text.len() / 64);
        self.trie.scan(text, &mut out);
        out
    }

    /// Whether the gazetteer holds every province-level division of the mainland (the
    /// national table does; a gazetteer built from a few regions does not): the provinces are
    /// then a closed set, and a name it does not know is no province.
    pub(crate) fn holds_every_province(&self) -> bool {
        let Some(root) = self.root() else {
            return false;
        };
        let mut provinces = 0usize;
        let mut layer = Some(self);
        while let Some(g) = layer {
            provinces += g
                .children_of(root)
                .iter()
                .filter(|&&p| {
                    self.place(p)
                        .is_some_and(|p| p.kind == RegionKind::Province)
                })
                .count();
            layer = g.under.as_deref();
        }
        provinces >= MAINLAND_PROVINCES
    }

    /// The places directly inside `place`.
    pub(crate) fn children_of(&self, place: PlaceId) -> &[PlaceId] {
        self.children.get(&place).map_or(&[], Vec::as_slice)
    }

    /// A trie over the local names of `scope` and every place inside it (泊里 and the other
    /// township stems of a county, 新区 for its new area): what a text about that area is also
    /// scanned for.
    pub(crate) fn local_trie(&self, scope: PlaceId) -> Option<Trie> {
        let mut trie: Option<Trie> = None;
        let mut stack = vec![scope];
        let mut seen = 0usize;
        while let Some(p) = stack.pop() {
            seen += 1;
            if seen > LOCAL_SCOPE_LIMIT {
                break;
            }
            for &n in self.locals.get(&p).map_or(&[][..], Vec::as_slice) {
                if let Some(rec) = self.recs.get(n as usize) {
                    trie.get_or_insert_with(Trie::small).insert(&rec.text, n);
                }
            }
            stack.extend_from_slice(self.children_of(p));
        }
        trie
    }

    /// Every occurrence in `text` of a name of `trie` (from [`local_trie`](Self::local_trie)).
    pub(crate) fn scan_with(trie: &Trie, text: &str) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        trie.scan(text, &mut out);
        out
    }

    /// The name `place` went by on `date`: a former name when the date is before the change
    /// that retired it, else the canonical name.
    pub fn name_at(&self, place: PlaceId, date: PartialDate) -> Option<&str> {
        let p = self.place(place)?;
        let day = date.first_day();
        let former = p
            .former
            .iter()
            .filter(|f| f.changed.is_some_and(|c| day < c.first_day()))
            .min_by_key(|f| f.changed);
        Some(former.map_or(p.name.as_str(), |f| f.name.as_str()))
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

    /// The nearest place at `level` or above enclosing `id` (itself included).
    pub(crate) fn at_level(&self, id: PlaceId, level: Level) -> Option<PlaceId> {
        std::iter::once(id)
            .chain(self.ancestors(id))
            .find(|&p| self.level(p) <= level && self.level(p) > Level::Country)
    }

    pub(crate) fn level_of(&self, id: PlaceId) -> Level {
        self.level(id)
    }

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
    fn nearest(&self, candidates: &[PlaceId], ctx: PlaceId) -> Option<PlaceId> {
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
    fn plausible_here(&self, place: PlaceId) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[ignore]
    fn scan_speed() {
        let g = Gazetteer::national();
        let mut text = String::new();
        for f in std::fs::read_dir("../shared/corpus").unwrap() {
            text.push_str(&std::fs::read_to_string(f.unwrap().path()).unwrap());
        }
        let text = text.repeat(25);
        let t = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..5 {
            n += g.scan(&text).len();
        }
        let el = t.elapsed() / 5;
        eprintln!(
            "{} bytes, {} hits/5, {:?} per scan, {:.1} MB/s",
            text.len(),
            n / 5,
            el,
            text.len() as f64 / el.as_secs_f64() / 1e6
        );
        let t = std::time::Instant::now();
        let mut c = 0u32;
        for _ in 0..5 {
            for ch in text.chars() {
                c = c.wrapping_add(fold(ch) as u32);
            }
        }
        eprintln!("fold loop {:?} {}", t.elapsed() / 5, c);
    }

    #[test]
    fn demotes_short_names_shared_with_a_higher_place() {
        let mut g = Gazetteer::new();
        let hunan = g.add(Place::new("湖南省", RegionKind::Province));
        let city = g.add(Place::new("长沙市", RegionKind::Prefecture).with_parent(hunan));
        let county = g.add(Place::new("长沙县", RegionKind::County).with_parent(city));
        assert_eq!(g.lookup("长沙"), [city]);
        assert!(g.names("长沙").contains(&(county, NameForm::Local)));
        assert_eq!(g.lookup("长沙县"), [county]);
    }

    #[test]
    fn scans_every_name_at_every_position() {
        let mut g = Gazetteer::new();
        let sd = g.add(Place::new("山东省", RegionKind::Province));
        g.add(Place::new("青岛市", RegionKind::Prefecture).with_parent(sd));
        let text = "山东青島市";
        let found: Vec<&str> = g
            .scan(text)
            .into_iter()
            .map(|(s, e, _)| &text[s..e])
            .collect();
        assert_eq!(found, ["山东", "青島", "青島市"]);
    }
}
