//! Projects and batches.

use super::entity::private::Persist;
use super::sql::{date_text, parse_col, parse_opt, u32_col};
use super::table::Table;
use crate::error::{EntityKind, Error, Result};
use crate::model::{Money, Project};
use rusqlite::{params, Row, ToSql};

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

static PROJECT: Table = Table::new("project", project_columns!(), &[]);

impl Persist for Project {
    const KIND: EntityKind = EntityKind::Project;

    fn table() -> &'static Table {
        &PROJECT
    }

    fn bind<R>(&self, with: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        with(params![
            self.name,
            self.region,
            self.count,
            self.investment.map(Money::yuan),
            self.investment_comparator.as_str(),
            self.status.map(|s| s.as_str()),
            self.sector,
            self.year,
            date_text(self.deadline),
            self.campaign,
            self.parent,
            self.part_of,
        ])
    }

    fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Project> {
        from_row(row, at)
    }

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
