//! Campaigns.

use super::sql::{column_list, parse_col, u32_opt};
use super::table::persist;
use crate::model::Campaign;
use rusqlite::Row;

pub(crate) fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Campaign> {
    Ok(Campaign {
        name: row.get(at)?,
        kind: parse_col(row, at + 1)?,
        region: row.get(at + 2)?,
        year: row.get(at + 3)?,
        parent: row.get(at + 4)?,
        ordinal: u32_opt(row, at + 5)?,
    })
}

persist! {
    Campaign => "campaign" as Campaign {
        columns: column_list!(""; name, kind, region_id, year, parent_id, ordinal),
        derived: [],
        read: from_row,
        bind: |c| [c.name, c.kind.as_str(), c.region, c.year, c.parent, c.ordinal],
    }
}
