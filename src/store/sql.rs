//! Small helpers between rusqlite and the domain: error mapping and column conversions.

use crate::error::{EntityKind, Error};
use crate::model::{PartialDate, RegionId, Stored};
use crate::store::conn::ConnExt;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{ErrorCode, ToSql};
use std::str::FromStr;

/// Turns a rusqlite error from running `statement` on `entity` into a typed error: constraint
/// violations name their rule; damaged or foreign files say so; the rest carry the statement.
pub(crate) fn map_err(entity: EntityKind, statement: &str, e: rusqlite::Error) -> Error {
    if let rusqlite::Error::SqliteFailure(failure, msg) = &e {
        if failure.code == ErrorCode::ConstraintViolation {
            return Error::Constraint {
                entity,
                rule: rule_name(msg.as_deref().unwrap_or("")),
            };
        }
    }
    storage(statement)(e)
}

/// Errors from statements that are not entity writes (pragmas, migrations, queries): a file
/// that is not SQLite or is damaged says so; anything else carries the statement.
pub(crate) fn storage(statement: &str) -> impl FnOnce(rusqlite::Error) -> Error + '_ {
    move |e| {
        if let rusqlite::Error::SqliteFailure(failure, msg) = &e {
            match failure.code {
                ErrorCode::NotADatabase => {
                    return Error::NotALedger {
                        reason: "the file is not an SQLite database".into(),
                    }
                }
                ErrorCode::DatabaseCorrupt => {
                    return Error::Corrupt {
                        detail: msg.clone().unwrap_or_else(|| e.to_string()),
                    }
                }
                // sum() past i64 (money totals across regions): the same error as adding
                // Totals in Rust, never a wrapped or floating-point figure.
                ErrorCode::Unknown if msg.as_deref() == Some("integer overflow") => {
                    return Error::invalid("investment", "sum is out of range");
                }
                _ => {}
            }
        }
        Error::Storage {
            statement: statement.to_string(),
            source: e,
        }
    }
}

/// SQLite's constraint messages → the schema's rule names.
fn rule_name(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("CHECK constraint failed: ") {
        rest.to_string()
    } else if let Some(rest) = msg.strip_prefix("UNIQUE constraint failed: ") {
        match rest
            .strip_prefix("index '")
            .and_then(|r| r.strip_suffix('\''))
        {
            Some(index) => index.to_string(),
            None => format!("{rest} unique"),
        }
    } else if let Some(rest) = msg.strip_prefix("NOT NULL constraint failed: ") {
        format!("{rest} not null")
    } else if msg.starts_with("FOREIGN KEY constraint failed") {
        "foreign key".to_string()
    } else {
        // RAISE(ABORT, 'rule_name') from a trigger arrives as the bare rule name.
        msg.to_string()
    }
}

/// Reads a TEXT column holding a value with a `FromStr` that returns our `Error`. The text is
/// borrowed from SQLite's row, not copied: enum and date columns are read per row on every
/// list query.
pub(crate) fn parse_col<T: FromStr<Err = Error>>(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<T> {
    parse_text(row.get_ref(idx)?, idx)
}

/// Like [`parse_col`] for a nullable column.
pub(crate) fn parse_opt<T: FromStr<Err = Error>>(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<T>> {
    match row.get_ref(idx)? {
        ValueRef::Null => Ok(None),
        value => parse_text(value, idx).map(Some),
    }
}

/// A TEXT column borrowed from the row (no copy); another type is an error naming the column.
pub(crate) fn text_ref<'r>(row: &'r rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<&'r str> {
    as_text(row.get_ref(idx)?, idx)
}

fn as_text(value: ValueRef<'_>, idx: usize) -> rusqlite::Result<&str> {
    value.as_str().map_err(|_| {
        rusqlite::Error::InvalidColumnType(idx, format!("column {idx}"), value.data_type())
    })
}

/// `value` as text parsed into `T`; column `idx` names it in the error.
fn parse_text<T: FromStr<Err = Error>>(value: ValueRef<'_>, idx: usize) -> rusqlite::Result<T> {
    as_text(value, idx)?.parse::<T>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Partial dates are stored as their text form.
pub(crate) fn date_text(d: Option<PartialDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

macro_rules! id_sql {
    ($($id:ty),+) => {$(
        impl ToSql for $id {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.get()))
            }
        }
        impl FromSql for $id {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map(<$id>::from_raw)
            }
        }
    )+};
}
use crate::model::{
    CampaignId, EvidenceId, HoldingId, ObservationId, PersonId, PostId, ProjectId, SourceId,
    TargetId,
};
id_sql!(
    RegionId,
    SourceId,
    EvidenceId,
    PersonId,
    PostId,
    HoldingId,
    ProjectId,
    TargetId,
    ObservationId,
    CampaignId
);

/// Converts a u32 count from the database, refusing values a schema CHECK should have kept out.
pub(crate) fn u32_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<u32> {
    let v: i64 = row.get(idx)?;
    u32::try_from(v).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Integer,
            Box::new(FromSqlError::OutOfRange(v)),
        )
    })
}

/// Like [`u32_col`] for a nullable column.
pub(crate) fn u32_opt(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<u32>> {
    let v: Option<i64> = row.get(idx)?;
    v.map(|v| {
        u32::try_from(v).map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(
                idx,
                rusqlite::types::Type::Integer,
                Box::new(FromSqlError::OutOfRange(v)),
            )
        })
    })
    .transpose()
}

/// Result of a single-row lookup by id: `None` when absent.
pub(crate) fn optional<T>(r: rusqlite::Result<T>) -> rusqlite::Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Runs a query whose first column is the row id and reads each row as
/// `Stored { id, value: read(row, 1) }`: the shape every list query shares.
pub(crate) fn query_stored<I: FromSql, T>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &[rusqlite::types::Value],
    read: fn(&rusqlite::Row<'_>, usize) -> rusqlite::Result<T>,
) -> Result<Vec<Stored<I, T>>, Error> {
    conn.rows(sql, rusqlite::params_from_iter(params.iter()), |r| {
        Ok(Stored {
            id: r.get(0)?,
            value: read(r, 1)?,
        })
    })
}

/// A table's column list as one literal, each name after `prefix` (an alias such as `"p."`;
/// none when left out), so queries joining tables need no run-time rewriting of the list.
/// Each entity's `*_columns!` macro passes its optional prefix on to this one.
macro_rules! column_list {
    (; $($column:ident),+) => {
        $crate::store::column_list!(""; $($column),+)
    };
    ($prefix:literal; $first:ident $(, $rest:ident)*) => {
        concat!($prefix, stringify!($first) $(, ", ", $prefix, stringify!($rest))*)
    };
}
pub(crate) use column_list;

#[cfg(test)]
mod tests {
    #[test]
    fn column_lists_with_and_without_a_prefix() {
        assert_eq!(column_list!(; name, kind), "name, kind");
        assert_eq!(column_list!("p."; name, kind), "p.name, p.kind");
        assert_eq!(
            crate::store::target_columns!("f."),
            "f.region_id, f.metric, f.measure, f.value_e4, f.unit, f.comparator, f.year, f.deadline, f.campaign_id, f.owner_id"
        );
        assert_eq!(
            crate::store::target_columns!(),
            "region_id, metric, measure, value_e4, unit, comparator, year, deadline, campaign_id, owner_id"
        );
    }
}
