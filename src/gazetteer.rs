//! Bundled gazetteers: regions with kinds, parents, division codes and aliases.

use crate::error::{Error, Result};
use crate::model::{PartialDate, Region, RegionId, RegionKind};
use crate::Ledger;
use serde::Deserialize;
use std::collections::HashMap;

const QINGDAO: &str = include_str!("../data/qingdao/regions.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    kind: RegionKind,
    parent: Option<String>,
    code: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    valid_from: Option<PartialDate>,
    #[serde(default)]
    valid_to: Option<PartialDate>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
}

/// Loads the Qingdao gazetteer (every region the bundled articles name, with its ancestors) in
/// one transaction, and returns each canonical name's id. Regions already in the ledger (same
/// name under the same parent) are reused, so loading twice adds nothing.
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
    let entries: Vec<Entry> = serde_json::from_str(QINGDAO)
        .map_err(|e| Error::invalid("gazetteer", format!("bundled regions.json: {e}")))?;
    ledger.write(|tx| {
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
            let region = Region {
                name: e.name.clone(),
                kind: e.kind,
                parent,
                code: e.code.as_deref().map(str::parse).transpose()?,
                aliases: e.aliases.clone(),
                valid_from: e.valid_from,
                valid_to: e.valid_to,
            };
            let existing = tx
                .find_regions(&e.name)?
                .into_iter()
                .find(|r| r.name == e.name && r.parent == parent)
                .map(|r| r.id);
            let id = match existing {
                Some(id) => id,
                None => tx.insert(&region)?,
            };
            ids.insert(e.name.clone(), id);
        }
        Ok(ids)
    })
}
