//! Campaigns.

use super::entity::private::Persist;
use super::sql::{column_list, parse_col, u32_opt};
use super::table::Table;
use crate::error::EntityKind;
use crate::model::Campaign;
use rusqlite::{params, Row, ToSql};

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

static CAMPAIGN: Table = Table::new(
    "campaign",
    column_list!(""; name, kind, region_id, year, parent_id, ordinal),
    &[],
);

impl Persist for Campaign {
    const KIND: EntityKind = EntityKind::Campaign;

    fn table() -> &'static Table {
        &CAMPAIGN
    }

    fn bind<R>(&self, with: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        with(params![
            self.name,
            self.kind.as_str(),
            self.region,
            self.year,
            self.parent,
            self.ordinal,
        ])
    }

    fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Campaign> {
        from_row(row, at)
    }
}
