//! The WHERE clause of a filtered query, built up condition by condition: each condition is
//! written with plain `?` marks, and the builder numbers them after the ones before, so no
//! caller counts parameters.

use crate::error::Result;
use crate::model::Stored;
use crate::store::sql::query_stored;
use rusqlite::types::{FromSql, Value};
use rusqlite::{Connection, Row};

/// Conditions joined with AND, and the values bound to their parameters, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Conditions {
    sql: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    /// No condition: every row.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds `cond`, whose `?` marks take `values` in order.
    pub(crate) fn push<const N: usize>(&mut self, cond: &str, values: [Value; N]) {
        let mut values = values.into_iter();
        let mut out = String::with_capacity(cond.len() + 4 * N);
        for (i, part) in cond.split('?').enumerate() {
            if i > 0 {
                let v = values
                    .next()
                    .expect("a condition has as many values as marks");
                out.push_str(&self.bind(v));
            }
            out.push_str(part);
        }
        debug_assert!(values.next().is_none(), "{cond}: more values than marks");
        self.sql.push(out);
    }

    /// Adds a condition without parameters, or one written with marks from [`bind`](Self::bind).
    pub(crate) fn push_sql(&mut self, cond: impl Into<String>) {
        self.sql.push(cond.into());
    }

    /// Binds `value` and returns its numbered mark, for a value a condition uses twice.
    pub(crate) fn bind(&mut self, value: Value) -> String {
        self.params.push(value);
        format!("?{}", self.params.len())
    }

    /// The conditions written so far.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        self.sql.iter().map(String::as_str)
    }

    /// `WHERE a AND b …`, or nothing when there is no condition.
    pub(crate) fn where_clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }

    /// The bound values, for `params_from_iter`.
    pub(crate) fn params(&self) -> &[Value] {
        &self.params
    }

    /// The rows of `select` (`SELECT id, … FROM …`, without a WHERE) that these conditions
    /// admit, sorted by `order_by`, each read as `Stored { id, value: read(row, 1) }`.
    pub(crate) fn select_stored<I: FromSql, T>(
        &self,
        conn: &Connection,
        select: &str,
        order_by: &str,
        read: fn(&Row<'_>, usize) -> rusqlite::Result<T>,
    ) -> Result<Vec<Stored<I, T>>> {
        let sql = format!("{select} {} ORDER BY {order_by}", self.where_clause());
        query_stored(conn, &sql, &self.params, read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_numbered_across_conditions() {
        let mut c = Conditions::new();
        assert_eq!(c.where_clause(), "");
        c.push("a = ?", [Value::Integer(1)]);
        c.push_sql("b IS NULL");
        c.push("c >= ? AND c < ?", [Value::Integer(2), Value::Integer(3)]);
        let d = c.bind(Value::Integer(4));
        c.push_sql(format!("(d < {d} OR e = {d})"));
        assert_eq!(
            c.where_clause(),
            "WHERE a = ?1 AND b IS NULL AND c >= ?2 AND c < ?3 AND (d < ?4 OR e = ?4)"
        );
        assert_eq!(c.params().len(), 4);
    }
}
