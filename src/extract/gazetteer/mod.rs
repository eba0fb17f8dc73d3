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

mod build;
mod fold;
mod fxhash;
mod marks;
mod names;
mod national;
mod resolve;
mod trie;

pub(crate) use fold::fold;
use fxhash::FxBuild;
pub(crate) use marks::Marks;
pub use names::NameForm;
pub(crate) use names::{is_common_word, is_generic, zone_suffix, zone_words, Level};
pub(crate) use trie::Trie;

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

    /// Like [`scan`](Self::scan), and also where the local names of this gazetteer may start
    /// (`None`: anywhere), for [`scan_with`](Self::scan_with).
    pub(crate) fn scan_marking(&self, text: &str) -> (Vec<(usize, usize, u32)>, Option<Marks>) {
        if self.under.is_some() {
            // A layer's local names are not the trie's that scanned.
            return (self.scan(text), None);
        }
        let mut out = Vec::with_capacity(text.len() / 64);
        let marks = self.trie.scan_marking(text, &mut out);
        (out, marks)
    }

    /// Every occurrence in `text` of a name of `trie` (from [`local_trie`](Self::local_trie)):
    /// looked for only where `marks` (from [`scan_marking`](Self::scan_marking) on the same
    /// text) say one may start, else everywhere.
    pub(crate) fn scan_with(
        trie: &Trie,
        text: &str,
        marks: Option<&Marks>,
    ) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        match marks {
            Some(m) => trie.scan_marked(text, m, &mut out),
            None => trie.scan(text, &mut out),
        }
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

    #[test]
    fn local_names_are_found_at_the_marks_as_by_a_full_scan() {
        let mut g = Gazetteer::new();
        let city = g.add(Place::new("青岛市", RegionKind::Prefecture));
        let county = g.add(Place::new("黄岛区", RegionKind::District).with_parent(city));
        g.add(Place::new("泊里镇", RegionKind::Town).with_parent(county));
        g.add(Place::new("琅琊镇", RegionKind::Town).with_parent(county));
        g.add_name("新区", county, NameForm::Local);
        g.add_name("琅琊", county, NameForm::Local);
        let text = "黄岛区新区今年在泊里、琅琊和琅琊台，新区新区。";
        let (_, marks) = g.scan_marking(text);
        let marks = marks.expect("the gazetteer has local names");
        let trie = g.local_trie(county).expect("local names under the county");
        let full = Gazetteer::scan_with(&trie, text, None);
        assert_eq!(Gazetteer::scan_with(&trie, text, Some(&marks)), full);
        let names: Vec<&str> = full.iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert_eq!(names, ["新区", "泊里", "琅琊", "琅琊", "新区", "新区"]);
    }
}
