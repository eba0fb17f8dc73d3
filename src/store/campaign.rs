//! Campaigns.

use super::entity::private::Persist;
use super::sql::{map_err, parse_col, u32_opt};
use crate::error::{EntityKind, Result};
use crate::model::Campaign;
use crate::store::conn::ConnExt;
use rusqlite::{params, Connection, Row};

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

impl Persist for Campaign {
    const KIND: EntityKind = EntityKind::Campaign;
    const TABLE: &'static str = "campaign";

    fn insert(conn: &Connection, c: &Campaign, id: Option<i64>) -> Result<i64> {
        const SQL: &str = "INSERT INTO campaign (name, kind, region_id, year, parent_id, ordinal, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
        conn.prepare_cached(SQL)
            .and_then(|mut s| {
                s.execute(params![
                    c.name,
                    c.kind.as_str(),
                    c.region,
                    c.year,
                    c.parent,
                    c.ordinal,
                    id
                ])
            })
            .map_err(|e| map_err(EntityKind::Campaign, SQL, e))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(conn: &Connection, id: i64, c: &Campaign) -> Result<bool> {
        const SQL: &str = "UPDATE campaign SET name = ?2, kind = ?3, region_id = ?4, year = ?5, parent_id = ?6, ordinal = ?7 WHERE id = ?1";
        let n = conn
            .prepare_cached(SQL)
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    c.name,
                    c.kind.as_str(),
                    c.region,
                    c.year,
                    c.parent,
                    c.ordinal
                ])
            })
            .map_err(|e| map_err(EntityKind::Campaign, SQL, e))?;
        Ok(n == 1)
    }

    fn read(conn: &Connection, id: i64) -> Result<Option<Campaign>> {
        const SQL: &str =
            "SELECT name, kind, region_id, year, parent_id, ordinal FROM campaign WHERE id = ?1";
        conn.row_opt(SQL, [id], |r| from_row(r, 0))
    }
}
