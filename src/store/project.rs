//! Projects and batches.

use super::sql::{date_text, parse_col, parse_opt, u32_col};
use super::table::persist;
use crate::error::{EntityKind, Error, Result};
use crate::model::{Money, Project};
use rusqlite::Row;

/// The columns [`from_row`] reads, in order (a macro so that SQL built with `concat!` stays a
/// `&'static str` for the statement cache).
macro_rules! project_columns {
    () => {
        project_columns!("")
    };
    // Each column prefixed, as in `"p."`: written out at compile time.
    ($prefix:literal) => {
        $crate::store::column_list!($prefix; name, region_id, count, investment, investment_cmp, status, sector, year, deadline, campaign_id, parent_id, part_of_id)
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
            if self.count == 0 {
                // The schema has the same rule; saying it here names the field for the caller.
                return Err(Error::Constraint {
                    entity: EntityKind::Project,
                    rule: "project_count_positive".into(),
                });
            }
            Ok(())
        }

        fn as_project(&self) -> Option<&Project> {
            Some(self)
        }
    }
}
