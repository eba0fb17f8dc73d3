//! The one parser for the bundled place files: the overlays (`data/places/overlay.json`,
//! `data/qingdao/regions.json`, `data/chains/regions.json`; format in `data/README.md`) and the
//! former names (`data/divisions/renames.json`). Both the ledger loaders
//! ([`gazetteer`](super::gazetteer)) and the extractor's
//! [`Gazetteer`](crate::extract::Gazetteer) read them through here, so the names facts carry
//! are the names the ledger's regions have.

use crate::error::{Error, Result};
use crate::model::{DivisionCode, PartialDate, RegionKind};
use serde::Deserialize;

pub(crate) const QINGDAO: &str = include_str!("../../data/qingdao/regions.json");
pub(crate) const NATIONAL_OVERLAY: &str = include_str!("../../data/places/overlay.json");
pub(crate) const RENAMES: &str = include_str!("../../data/divisions/renames.json");

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
