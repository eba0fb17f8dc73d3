//! Projects and batches.

use super::sql::{date_text, map_err, parse_col, parse_opt, u32_col};
use super::table::persist;
use crate::error::{EntityKind, Error, Result};
use crate::model::{Money, Project};
use rusqlite::{Connection, Row};

/// The columns [`from_row`] reads, in order (a macro so that SQL built with `concat!` stays a
/// `&'static str` for the statement cache).
macro_rules! project_columns {
    // Each column after the prefix, if one is given (`"p."`): written out at compile time.
    ($($prefix:literal)?) => {
        $crate::store::column_list!($($prefix)?; name, region_id, count, investment, investment_cmp, status, sector, year, deadline, campaign_id, parent_id, part_of_id)
    };
}
pub(crate) use project_columns;

pub(crate) fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Project> {
    let investment: Option<i64> = row.get(at + 3)?;
    let investment = investment
        .map(|y| {
            Money::from_yuan(y).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    at + 3,
                    rusqlite::types::Type::Integer,
                    Box::new(e),
                )
            })
        })
        .transpose()?;
    Ok(Project {
        name: row.get(at)?,
        region: row.get(at + 1)?,
        count: u32_col(row, at + 2)?,
        investment,
        investment_comparator: parse_col(row, at + 4)?,
        status: parse_opt(row, at + 5)?,
        sector: row.get(at + 6)?,
        year: row.get(at + 7)?,
        deadline: parse_opt(row, at + 8)?,
        campaign: row.get(at + 9)?,
        parent: row.get(at + 10)?,
        part_of: row.get(at + 11)?,
    })
}

/// Rows per multi-row `INSERT` of a bulk load: the statement's own cost (running its program,
/// opening and closing its statement journal) shared by that many rows. 13 parameters a row.
pub(crate) const BULK_ROWS: usize = 64;

/// The multi-row insert of `rows` rows, ids given.
fn insert_many_sql(rows: usize) -> String {
    format!(
        "INSERT INTO project (id, name, region_id, count, investment, investment_cmp, status, sector, year, deadline, campaign_id, parent_id, part_of_id) VALUES {}",
        vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; rows].join(", ")
    )
}

/// Inserts projects under the ids given (checked by [`check`] already), [`BULK_ROWS`] per
/// statement: the bulk load path. The rows go in in order, so each one's triggers and foreign
/// keys see the rows before it, as row by row.
pub(crate) fn insert_many(conn: &Connection, rows: &[(i64, Project)]) -> Result<()> {
    static FULL: once_cell::sync::Lazy<String> =
        once_cell::sync::Lazy::new(|| insert_many_sql(BULK_ROWS));
    for chunk in rows.chunks(BULK_ROWS) {
        let partial;
        let sql = if chunk.len() == BULK_ROWS {
            FULL.as_str()
        } else {
            partial = insert_many_sql(chunk.len());
            partial.as_str()
        };
        let err = |e| map_err(EntityKind::Project, sql, e);
        let mut stmt = conn.prepare_cached(sql).map_err(err)?;
        for (i, (id, p)) in chunk.iter().enumerate() {
            let at = i * 13;
            let bind = |stmt: &mut rusqlite::CachedStatement<'_>| -> rusqlite::Result<()> {
                stmt.raw_bind_parameter(at + 1, id)?;
                stmt.raw_bind_parameter(at + 2, &p.name)?;
                stmt.raw_bind_parameter(at + 3, p.region)?;
                stmt.raw_bind_parameter(at + 4, p.count)?;
                stmt.raw_bind_parameter(at + 5, p.investment.map(Money::yuan))?;
                stmt.raw_bind_parameter(at + 6, p.investment_comparator.as_str())?;
                stmt.raw_bind_parameter(at + 7, p.status.map(|s| s.as_str()))?;
                stmt.raw_bind_parameter(at + 8, &p.sector)?;
                stmt.raw_bind_parameter(at + 9, p.year)?;
                stmt.raw_bind_parameter(at + 10, date_text(p.deadline))?;
                stmt.raw_bind_parameter(at + 11, p.campaign)?;
                stmt.raw_bind_parameter(at + 12, p.parent)?;
                stmt.raw_bind_parameter(at + 13, p.part_of)
            };
            bind(&mut stmt).map_err(err)?;
        }
        stmt.raw_execute().map_err(err)?;
    }
    Ok(())
}

/// The rules the schema also has, said here first so that the error names the field (the
/// row-by-row path through [`persist!`], and the bulk path before [`insert_many`]).
pub(crate) fn check(p: &Project) -> Result<()> {
    if p.count == 0 {
        // The schema has the same rule; saying it here names the field for the caller.
        return Err(Error::Constraint {
            entity: EntityKind::Project,
            rule: "project_count_positive".into(),
        });
    }
    Ok(())
}

persist! {
    Project => "project" as Project {
        columns: project_columns!(),
        derived: [],
        read: from_row,
        bind: |p| [
            p.name,
            p.region,
            p.count,
            p.investment.map(Money::yuan),
            p.investment_comparator.as_str(),
            p.status.map(|s| s.as_str()),
            p.sector,
            p.year,
            date_text(p.deadline),
            p.campaign,
            p.parent,
            p.part_of,
        ],

        fn check(&self) -> Result<()> {
            check(self)
        }

        fn as_project(&self) -> Option<&Project> {
            Some(self)
        }
    }
}
