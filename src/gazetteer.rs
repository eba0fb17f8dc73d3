//! Bundled places for a ledger: the national division table with the places laid over it, and
//! the Qingdao places of the bundled dataset.
//!
//! The overlays are JSON arrays of places (`data/places/overlay.json` for the national new
//! areas, `data/qingdao/regions.json` for the bundled dataset's Qingdao places; the format is in
//! `data/README.md`). An entry with a division code lays its name over the division's
//! (西海岸新区 over 黄岛区, which becomes an alias); an entry without one is a place of its own
//! (a zone, a new area, a village). The extractor's default gazetteer
//! ([`Gazetteer::national`](crate::extract::Gazetteer::national)) is built from the same files,
//! so the names facts carry are the names the ledger's regions have.

use crate::divisions::KnownRegions;
use crate::error::{Error, Result};
use crate::model::{DivisionCode, PartialDate, Region, RegionId, RegionKind};
use crate::Ledger;
use serde::Deserialize;
use std::collections::HashMap;

pub(crate) const QINGDAO: &str = include_str!("../data/qingdao/regions.json");
pub(crate) const NATIONAL_OVERLAY: &str = include_str!("../data/places/overlay.json");
pub(crate) const RENAMES: &str = include_str!("../data/divisions/renames.json");

/// One place of an overlay file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OverlayEntry {
    pub name: String,
    pub kind: RegionKind,
    /// An earlier entry's name, or a division code.
    pub parent: Option<String>,
    pub code: Option<DivisionCode>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names only the place's neighbourhood uses (新区 for the West Coast New Area): the
    /// extractor reads them only in a text about that area; a ledger resolves them like any
    /// alias.
    #[serde(default)]
    pub local_aliases: Vec<String>,
    #[serde(default)]
    pub valid_from: Option<PartialDate>,
    #[serde(default)]
    pub valid_to: Option<PartialDate>,
    #[serde(default, rename = "note")]
    pub _note: Option<String>,
    #[serde(default, rename = "source")]
    pub _source: Option<String>,
}

/// A former name of a division, from `data/divisions/renames.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rename {
    /// The division's current code.
    pub code: DivisionCode,
    /// Its current name, as a check that the code is the one meant.
    pub name: String,
    pub former: String,
    /// When the current name took effect.
    pub changed: Option<PartialDate>,
    pub source: String,
    #[serde(default, rename = "note")]
    pub _note: Option<String>,
}

pub(crate) fn parse_overlay(json: &str, what: &str) -> Result<Vec<OverlayEntry>> {
    serde_json::from_str(json).map_err(|e| Error::invalid("gazetteer", format!("{what}: {e}")))
}

pub(crate) fn parse_renames() -> Result<Vec<Rename>> {
    serde_json::from_str(RENAMES)
        .map_err(|e| Error::invalid("gazetteer", format!("bundled renames.json: {e}")))
}

/// Whether an overlay's parent reference is a division code rather than a name.
pub(crate) fn parent_code(parent: &str) -> Option<DivisionCode> {
    parent
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| parent.parse().ok())
        .flatten()
}

/// Loads the Qingdao gazetteer (every region the bundled articles name, with its ancestors) in
/// one transaction, and returns each canonical name's id. Regions already in the ledger (the
/// same code, or the same name under the same parent) are reused, so loading twice, or after
/// [`load_national`], adds nothing twice.
///
/// ```
/// let mut ledger = planledger::Ledger::open_in_memory()?;
/// let ids = planledger::gazetteer::load_qingdao(&mut ledger)?;
/// let xihaian = ledger.get(ids["西海岸新区"])?;
/// assert_eq!(xihaian.code.as_ref().map(|c| c.as_str()), Some("370211"));
/// assert_eq!(ledger.resolve_region("张家楼镇")?, ids["张家楼街道"]);
/// # Ok::<(), planledger::Error>(())
/// ```
pub fn load_qingdao(ledger: &mut Ledger) -> Result<HashMap<String, RegionId>> {
    load_overlay(ledger, QINGDAO, "bundled regions.json")
}

/// Loads places in the overlay format of `data/README.md` (parents before children, named
/// parents only), reusing a region already stored with the same code, or with the same name
/// under the same parent. Returns every entry's region id by name.
pub(crate) fn load_overlay(
    ledger: &mut Ledger,
    json: &str,
    what: &str,
) -> Result<HashMap<String, RegionId>> {
    let entries = parse_overlay(json, what)?;
    ledger.write(|tx| {
        let mut known = KnownRegions::read(tx)?;
        let mut ids: HashMap<String, RegionId> = HashMap::new();
        for e in &entries {
            let parent = match &e.parent {
                Some(p) => Some(*ids.get(p).ok_or_else(|| {
                    Error::invalid(
                        "gazetteer",
                        format!("{}: parent {p} is not listed before it", e.name),
                    )
                })?),
                None => None,
            };
            let id = known.reuse_or_insert(region_of(e, parent));
            ids.insert(e.name.clone(), id);
        }
        known.finish(tx)?;
        Ok(ids)
    })
}

fn region_of(e: &OverlayEntry, parent: Option<RegionId>) -> Region {
    let mut aliases = e.aliases.clone();
    aliases.extend(e.local_aliases.iter().cloned());
    Region {
        name: e.name.clone(),
        kind: e.kind,
        parent,
        code: e.code.clone(),
        aliases,
        valid_from: e.valid_from,
        valid_to: e.valid_to,
    }
}

/// Loads the bundled national division table into a ledger in one transaction: a root region
/// 中国, its 31 provinces and every prefecture, county and township below them with their
/// codes, the national new areas and the Qingdao places laid over them (the region with code
/// 370211 is named 西海岸新区, 黄岛区 being its alias, as the extractor names it), and the former
/// names the crate ships as aliases. Returns the id of every division code. Regions the ledger
/// already has (same code, or same name under the same parent) are reused, so loading twice adds
/// nothing.
///
/// ```
/// let mut ledger = planledger::Ledger::open_in_memory()?;
/// let ids = planledger::gazetteer::load_national(&mut ledger)?;
/// assert!(ids.len() > 44_000);
/// let xha = ledger.get(ids[&"370211".parse()?])?;
/// assert_eq!(xha.name, "西海岸新区");
/// assert_eq!(ledger.resolve_region("黄岛区")?, ids[&"370211".parse()?]);
/// let china = ledger.resolve_region("中国")?;
/// assert_eq!(ledger.get(ids[&"370000".parse()?])?.parent, Some(china));
/// # Ok::<(), planledger::Error>(())
/// ```
pub fn load_national(ledger: &mut Ledger) -> Result<HashMap<DivisionCode, RegionId>> {
    let divisions = crate::divisions::national();
    let mut overlay = parse_overlay(NATIONAL_OVERLAY, "bundled overlay.json")?;
    overlay.extend(parse_overlay(QINGDAO, "bundled regions.json")?);
    let renames = parse_renames()?;
    // What the overlays and renames say about divisions, by code.
    let mut over: HashMap<&DivisionCode, &OverlayEntry> = HashMap::new();
    for e in &overlay {
        if let Some(c) = &e.code {
            over.insert(c, e);
        }
    }
    let mut former: HashMap<&DivisionCode, Vec<&str>> = HashMap::new();
    for r in &renames {
        former.entry(&r.code).or_default().push(r.former.as_str());
    }
    ledger.write(|tx| {
        let mut known = KnownRegions::read(tx)?;
        let mut root = Region::new("中国", RegionKind::Country);
        root.aliases.push("中华人民共和国".to_string());
        let china = known.reuse_or_insert(root);
        let mut ids: HashMap<DivisionCode, RegionId> = HashMap::with_capacity(divisions.len() + 64);
        for row in divisions.rows() {
            let parent = match &row.parent_code {
                Some(pc) => ids.get(pc).copied(),
                None => Some(china),
            };
            let mut region = Region {
                name: row.name.clone(),
                kind: row.kind,
                parent,
                code: Some(row.code.clone()),
                aliases: row.aliases.clone(),
                valid_from: None,
                valid_to: None,
            };
            if let Some(e) = over.get(&row.code) {
                if e.name != row.name {
                    region.aliases.insert(0, row.name.clone());
                }
                region.name = e.name.clone();
                region.kind = e.kind;
                for a in e.aliases.iter().chain(&e.local_aliases) {
                    if !region.aliases.contains(a) && *a != region.name {
                        region.aliases.push(a.clone());
                    }
                }
            }
            if let Some(names) = former.get(&row.code) {
                for n in names {
                    if !region.aliases.iter().any(|a| a == n) {
                        region.aliases.push((*n).to_string());
                    }
                }
            }
            let id = known.reuse_or_insert(region);
            ids.insert(row.code.clone(), id);
        }
        // Overlay places without a code, under an earlier entry or a division.
        let mut by_name: HashMap<&str, RegionId> = HashMap::new();
        for e in &overlay {
            if let Some(c) = &e.code {
                if let Some(&id) = ids.get(c) {
                    by_name.insert(e.name.as_str(), id);
                    continue;
                }
            }
            let parent = match &e.parent {
                Some(p) => match parent_code(p) {
                    Some(c) => ids.get(&c).copied(),
                    None => by_name.get(p.as_str()).copied(),
                },
                None => Some(china),
            };
            let Some(parent) = parent else {
                return Err(Error::invalid(
                    "gazetteer",
                    format!("{}: parent {:?} is not known", e.name, e.parent),
                ));
            };
            let id = known.reuse_or_insert(region_of(e, Some(parent)));
            by_name.insert(e.name.as_str(), id);
            if let Some(c) = &e.code {
                ids.insert(c.clone(), id);
            }
        }
        known.finish(tx)?;
        Ok(ids)
    })
}
