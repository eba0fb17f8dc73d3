//! Bulk region loading for the bundled tables: what a ledger already has, read once, so that
//! loading the 44.7 thousand divisions asks the database nothing per row.

use crate::error::Result;
use crate::model::{DivisionCode, Region, RegionId};
use std::collections::HashMap;

/// The regions a ledger already has, by code and by (parent, name), read once so that a bulk
/// load asks the database nothing per row; new regions get ids here and go in many rows per
/// statement ([`finish`](Self::finish)).
pub(crate) struct KnownRegions {
    by_code: HashMap<DivisionCode, RegionId>,
    by_name: HashMap<(Option<RegionId>, String), RegionId>,
    next_id: i64,
    pending: Vec<(RegionId, Region)>,
}

impl KnownRegions {
    pub(crate) fn read(tx: &crate::Tx<'_>) -> Result<KnownRegions> {
        let keys = tx.region_keys()?;
        let mut known = KnownRegions {
            by_code: HashMap::with_capacity(keys.len()),
            by_name: HashMap::with_capacity(keys.len()),
            next_id: tx.max_region_id()? + 1,
            pending: Vec::new(),
        };
        for (id, parent, name, code) in keys {
            if let Some(c) = code {
                known.by_code.insert(c, id);
            }
            known.by_name.insert((parent, name), id);
        }
        Ok(known)
    }

    /// The region with `region`'s code, else the one with its name under the same parent,
    /// else a new one (inserted by [`finish`](Self::finish)).
    pub(crate) fn reuse_or_insert(&mut self, region: Region) -> RegionId {
        let existing = region
            .code
            .as_ref()
            .and_then(|c| self.by_code.get(c))
            .or_else(|| self.by_name.get(&(region.parent, region.name.clone())))
            .copied();
        if let Some(id) = existing {
            return id;
        }
        let id = RegionId::from_raw(self.next_id);
        self.next_id += 1;
        if let Some(c) = &region.code {
            self.by_code.insert(c.clone(), id);
        }
        self.by_name
            .insert((region.parent, region.name.clone()), id);
        self.pending.push((id, region));
        id
    }

    /// Inserts the new regions.
    pub(crate) fn finish(self, tx: &mut crate::Tx<'_>) -> Result<()> {
        tx.insert_regions(&self.pending)
    }
}
