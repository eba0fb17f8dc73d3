//! Regions and their aliases.

use super::sql::{column_list, date_text, parse_col, parse_opt};
use super::table::{self, persist};
use crate::error::{EntityKind, Error, Result};
use crate::model::{DivisionCode, Region, RegionId, Stored};
use crate::store::conn::{At, ConnExt};
use rusqlite::{params, Connection, Row};

/// The columns [`Region`]'s row reader reads, in order (aliases live in `region_alias`).
macro_rules! region_columns {
    () => {
        column_list!(""; name, kind, parent_id, code, valid_from, valid_to)
    };
}

/// The id, then the read columns: what the lookups below return.
const COLUMNS: &str = concat!("id, ", region_columns!());

fn from_row(row: &Row<'_>) -> rusqlite::Result<(RegionId, Region)> {
    Ok((row.get(0)?, region_from_row(row, 1)?))
}

fn aliases(conn: &Connection, id: i64) -> Result<Vec<String>> {
    const SQL: &str = "SELECT alias FROM region_alias WHERE region_id = ?1 ORDER BY position";
    conn.rows(SQL, [id], |r| r.get(0))
}

fn write_aliases(conn: &Connection, id: i64, region: &Region) -> Result<()> {
    const DEL: &str = "DELETE FROM region_alias WHERE region_id = ?1";
    const INS: &str = "INSERT INTO region_alias (region_id, alias, position) VALUES (?1, ?2, ?3)";
    conn.write(EntityKind::Region, DEL, [id])?;
    let mut stmt = conn.prepare_cached(INS).at(INS)?;
    for (position, alias) in region.aliases.iter().enumerate() {
        stmt.execute(params![id, alias, position as i64])
            .writing(EntityKind::Region, INS)?;
    }
    Ok(())
}

persist! {
    Region => "region" as Region {
        columns: region_columns!(),
        derived: [],
        read: region_from_row,
        bind: |r| [
            r.name,
            r.kind.as_str(),
            r.parent,
            r.code.as_ref().map(DivisionCode::as_str),
            date_text(r.valid_from),
            date_text(r.valid_to),
        ],

        fn insert(conn: &Connection, r: &Region, id: Option<i64>) -> Result<i64> {
            let id = table::insert(conn, r, id)?;
            write_aliases(conn, id, r)?;
            Ok(id)
        }

        fn update(conn: &Connection, id: i64, r: &Region) -> Result<bool> {
            let found = table::update(conn, id, r)?;
            if found {
                write_aliases(conn, id, r)?;
            }
            Ok(found)
        }

        fn read(conn: &Connection, id: i64) -> Result<Option<Region>> {
            let Some(mut region) = table::read::<Region>(conn, id)? else {
                return Ok(None);
            };
            region.aliases = aliases(conn, id)?;
            Ok(Some(region))
        }
    }
}

/// A region without its aliases: `Persist::read` and the lookups add them.
fn region_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Region> {
    Ok(Region {
        name: row.get(at)?,
        kind: parse_col(row, at + 1)?,
        parent: row.get(at + 2)?,
        code: parse_opt(row, at + 3)?,
        aliases: Vec::new(),
        valid_from: parse_opt(row, at + 4)?,
        valid_to: parse_opt(row, at + 5)?,
    })
}

fn with_aliases(
    conn: &Connection,
    rows: Vec<(RegionId, Region)>,
) -> Result<Vec<Stored<RegionId, Region>>> {
    rows.into_iter()
        .map(|(id, mut value)| {
            value.aliases = aliases(conn, id.get())?;
            Ok(Stored { id, value })
        })
        .collect()
}

/// Regions by canonical name, alias or code.
pub(crate) fn find(conn: &Connection, key: &str) -> Result<Vec<Stored<RegionId, Region>>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM region WHERE name = ?1 OR code = ?1 \
         OR id IN (SELECT region_id FROM region_alias WHERE alias = ?1) ORDER BY path"
    );
    let rows = conn.rows(&sql, [key], from_row)?;
    with_aliases(conn, rows)
}

/// The single region `key` names. A canonical-name match wins over alias matches, so a name
/// that is also another region's short alias still resolves.
pub(crate) fn resolve(conn: &Connection, key: &str) -> Result<RegionId> {
    let found = find(conn, key)?;
    let canonical: Vec<_> = found
        .iter()
        .filter(|r| r.name == key || r.code.as_ref().is_some_and(|c| c.as_str() == key))
        .collect();
    match (canonical.as_slice(), found.as_slice()) {
        ([one], _) => Ok(one.id),
        ([], [one]) => Ok(one.id),
        ([], []) => Err(Error::not_found(EntityKind::Region, key)),
        _ => Err(Error::invalid(
            "region",
            format!(
                "{key:?} is ambiguous: {}",
                found
                    .iter()
                    .map(|r| format!("{} ({})", r.name, r.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

pub(crate) fn by_code(
    conn: &Connection,
    code: &DivisionCode,
) -> Result<Option<Stored<RegionId, Region>>> {
    let sql = format!("SELECT {COLUMNS} FROM region WHERE code = ?1");
    let row = conn.row_opt(&sql, [code.as_str()], from_row)?;
    Ok(with_aliases(conn, row.into_iter().collect())?.pop())
}

/// Every region in tree order (a parent's path is a prefix of its children's).
pub(crate) fn all(conn: &Connection) -> Result<Vec<Stored<RegionId, Region>>> {
    let sql = format!("SELECT {COLUMNS} FROM region ORDER BY path");
    let rows = conn.rows(&sql, [], from_row)?;
    with_aliases(conn, rows)
}

/// The regions with these ids (ascending, no duplicates), with their aliases, in id order; an
/// id with no region is left out. Two statements whatever the number of ids, where reading
/// them one by one costs two statements each (tens of thousands for a country).
pub(crate) fn many(conn: &Connection, ids: &[RegionId]) -> Result<Vec<Stored<RegionId, Region>>> {
    let list = serde_json::to_string(&ids.iter().map(|id| id.get()).collect::<Vec<_>>())
        .map_err(|e| Error::invalid("region ids", e.to_string()))?;
    let sql = format!(
        "SELECT {COLUMNS} FROM region WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id"
    );
    let rows = conn.rows(&sql, [&list], from_row)?;
    const ALIASES: &str = "SELECT region_id, alias FROM region_alias \
        WHERE region_id IN (SELECT value FROM json_each(?1)) ORDER BY region_id, position";
    let aliases: Vec<(RegionId, String)> =
        conn.rows(ALIASES, [&list], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let mut aliases = aliases.into_iter().peekable();
    Ok(rows
        .into_iter()
        .map(|(id, mut value)| {
            while aliases.next_if(|(of, _)| *of < id).is_some() {}
            while let Some((_, alias)) = aliases.next_if(|(of, _)| *of == id) {
                value.aliases.push(alias);
            }
            Stored { id, value }
        })
        .collect())
}

/// A region's id, parent, name and code: what a bulk load needs to reuse existing regions.
pub(crate) type RegionKey = (RegionId, Option<RegionId>, String, Option<DivisionCode>);

/// Every region's key, in one query (no aliases).
pub(crate) fn keys(conn: &Connection) -> Result<Vec<RegionKey>> {
    const SQL: &str = "SELECT id, parent_id, name, code FROM region";
    conn.rows(SQL, [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, parse_opt(r, 3)?))
    })
}

/// The largest region id in use (0 when there is none).
pub(crate) fn max_id(conn: &Connection) -> Result<i64> {
    const SQL: &str = "SELECT coalesce(max(id), 0) FROM region";
    conn.row(SQL, [], |r| r.get(0))
}

/// Rows per statement of a bulk insert: the search index flushes its pending rows once per
/// statement, so a national load of 45 thousand regions row by row spends its time in those
/// flushes.
const BULK_ROWS: usize = 400;

/// Inserts regions with the ids given (parents before children, a parent's id known when its
/// children are listed), many rows per statement, and their aliases.
pub(crate) fn insert_many(conn: &Connection, rows: &[(RegionId, Region)]) -> Result<()> {
    for chunk in rows.chunks(BULK_ROWS) {
        let sql = format!(
            concat!("INSERT INTO region (id, ", region_columns!(), ") VALUES {}"),
            vec!["(?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ")
        );
        let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(chunk.len() * 7);
        for (id, r) in chunk {
            values.push(id.get().into());
            values.push(r.name.clone().into());
            values.push(r.kind.as_str().to_string().into());
            values.push(r.parent.map(|p| p.get()).into());
            values.push(r.code.as_ref().map(|c| c.as_str().to_string()).into());
            values.push(date_text(r.valid_from).into());
            values.push(date_text(r.valid_to).into());
        }
        conn.prepare(&sql)
            .and_then(|mut s| s.execute(rusqlite::params_from_iter(values)))
            .writing(EntityKind::Region, &sql)?;
    }
    let aliases: Vec<(i64, &str, i64)> = rows
        .iter()
        .flat_map(|(id, r)| {
            r.aliases
                .iter()
                .enumerate()
                .map(move |(i, a)| (id.get(), a.as_str(), i as i64))
        })
        .collect();
    for chunk in aliases.chunks(BULK_ROWS) {
        let sql = format!(
            "INSERT INTO region_alias (region_id, alias, position) VALUES {}",
            vec!["(?, ?, ?)"; chunk.len()].join(", ")
        );
        let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(chunk.len() * 3);
        for (id, a, i) in chunk {
            values.push((*id).into());
            values.push((*a).to_string().into());
            values.push((*i).into());
        }
        conn.prepare(&sql)
            .and_then(|mut s| s.execute(rusqlite::params_from_iter(values)))
            .writing(EntityKind::Region, &sql)?;
    }
    Ok(())
}
