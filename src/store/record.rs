//! The tables a JSON Lines exchange walks, as the store knows them: the entity tables in
//! dependency order, and the record tables (histories, flags) that have no entity type of
//! their own and are read and written column by column.

use super::conn::{At, ConnExt};
use crate::error::{EntityKind, Result};
use rusqlite::types::{FromSql, Value, ValueRef};
use rusqlite::Connection;

/// Each table with the type name used in the file and the order rows are written in.
pub(crate) const TABLES: &[(&str, &str)] = &[
    ("region", "SELECT id FROM region ORDER BY path"),
    ("source", "SELECT id FROM source ORDER BY id"),
    ("campaign", "SELECT id FROM campaign ORDER BY path"),
    ("person", "SELECT id FROM person ORDER BY id"),
    ("post", "SELECT id FROM post ORDER BY id"),
    ("holding", "SELECT id FROM holding ORDER BY id"),
    (
        "project",
        "SELECT id FROM project ORDER BY parent_id IS NOT NULL OR part_of_id IS NOT NULL, id",
    ),
    ("target", "SELECT id FROM target ORDER BY id"),
    ("observation", "SELECT id FROM observation ORDER BY id"),
    ("evidence", "SELECT id FROM evidence ORDER BY id"),
];

/// The ids one of [`TABLES`]' queries returns, in its order.
pub(crate) fn ids<I: FromSql>(conn: &Connection, sql: &str) -> Result<Vec<I>> {
    conn.rows(sql, [], |r| r.get(0))
}

/// The first of [`TABLES`] holding any row, if one does.
pub(crate) fn first_filled(conn: &Connection) -> Result<Option<&'static str>> {
    for (kind, _) in TABLES {
        let n: i64 = conn.row(&format!("SELECT count(*) FROM {kind}"), [], |r| r.get(0))?;
        if n > 0 {
            return Ok(Some(kind));
        }
    }
    Ok(None)
}

/// Tables of records that have no entity type of their own (histories, flags): written column
/// by column after the entities, in the order their own triggers need on import.
pub(crate) struct Record {
    pub(crate) kind: &'static str,
    /// The column written as the line's `id`.
    key: &'static str,
    pub(crate) columns: &'static [&'static str],
    order: &'static str,
}

pub(crate) const RECORDS: &[Record] = &[
    Record {
        kind: "target_status",
        key: "id",
        columns: &[
            "target_id",
            "as_of",
            "status",
            "previous",
            "rule",
            "observation_id",
            "observed_e4",
            "progress_e4",
            "elapsed_e4",
        ],
        order: "id",
    },
    Record {
        kind: "target_status_evidence",
        key: "status_id",
        columns: &["evidence_id"],
        order: "status_id, evidence_id",
    },
    Record {
        kind: "fact_conflict",
        key: "id",
        columns: &[
            "project_id",
            "other_project_id",
            "target_id",
            "other_target_id",
            "observation_id",
            "other_observation_id",
            "field",
            "value",
            "other_value",
            "evidence_id",
            "rule",
        ],
        order: "id",
    },
];

impl Record {
    /// Calls `each` with every row's key and its columns' values, in the record's order.
    pub(crate) fn for_each(
        &self,
        conn: &Connection,
        mut each: impl FnMut(i64, Vec<Value>) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT {}, {} FROM {} ORDER BY {}",
            self.key,
            self.columns.join(", "),
            self.kind,
            self.order
        );
        conn.for_each_row(&sql, [], |row| {
            let id: i64 = row.get(0).at(&sql)?;
            let values = (1..=self.columns.len())
                .map(|i| row.get_ref(i).map(owned))
                .collect::<rusqlite::Result<Vec<_>>>()
                .at(&sql)?;
            each(id, values)
        })
    }

    /// Inserts one row: its key, then `values` in the record's column order. A broken rule is
    /// [`Error::Constraint`](crate::Error::Constraint) (the entity it names is meaningless
    /// here: callers say which line broke it).
    pub(crate) fn insert(&self, conn: &Connection, id: i64, values: Vec<Value>) -> Result<()> {
        let sql = format!(
            "INSERT INTO {} ({}, {}) VALUES ({})",
            self.kind,
            self.key,
            self.columns.join(", "),
            (1..=values.len() + 1)
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let params = std::iter::once(Value::Integer(id)).chain(values);
        conn.write(EntityKind::Target, &sql, rusqlite::params_from_iter(params))?;
        Ok(())
    }
}

/// A column's value, owned; text that is not UTF-8 is kept with replacement characters rather
/// than refused, as an export should not stop at one damaged row.
fn owned(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}
