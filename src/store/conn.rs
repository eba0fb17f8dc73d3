//! One way to run SQL: every statement's error carries the statement (or names the operation),
//! so no call site maps errors by hand.
//!
//! [`ConnExt`] runs statements through the connection's statement cache; [`At`] labels the
//! outcome of the operations that are not a statement of ours (transactions, pragmas, the
//! backup API).

use super::sql::{map_err, storage};
use crate::error::{EntityKind, Result};
use rusqlite::{Connection, Params, Row};

/// Runs SQL on a connection (or a transaction, through `Deref`), attaching the failing
/// statement to any error.
pub(crate) trait ConnExt {
    /// Every row of `sql`, read by `read`.
    fn rows<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>>;

    /// The first row of `sql`, or `None` when there is none.
    fn row_opt<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        read: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>>;

    /// The first row of `sql`; no row at all is a storage error (aggregates always return one).
    fn row<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        read: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<T>;

    /// Calls `each` on every row of `sql` in turn, without collecting them: for exports that
    /// stream, and for readers whose own errors are not rusqlite's.
    fn for_each_row<P: Params>(
        &self,
        sql: &str,
        params: P,
        each: impl FnMut(&Row<'_>) -> Result<()>,
    ) -> Result<()>;

    /// The names of the columns `sql` returns, in order.
    fn column_names(&self, sql: &str) -> Result<Vec<String>>;

    /// Runs one statement; the number of rows it changed.
    fn exec<P: Params>(&self, sql: &str, params: P) -> Result<usize>;

    /// Runs one statement that writes `entity`'s rows; the number of rows it changed. A broken
    /// schema rule is [`Error::Constraint`](crate::Error::Constraint) naming the entity and
    /// the rule, so callers can tell bad input from a failing store.
    fn write<P: Params>(&self, entity: EntityKind, sql: &str, params: P) -> Result<usize>;

    /// Runs a batch of statements without parameters (schema, pragmas).
    fn exec_batch(&self, sql: &str) -> Result<()>;
}

impl ConnExt for Connection {
    fn rows<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        self.prepare_cached(sql)
            .and_then(|mut s| s.query_map(params, read)?.collect())
            .at(sql)
    }

    fn row_opt<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        read: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        self.prepare_cached(sql)
            .and_then(|mut s| {
                let mut rows = s.query(params)?;
                rows.next()?.map(read).transpose()
            })
            .at(sql)
    }

    fn row<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        read: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<T> {
        self.prepare_cached(sql)
            .and_then(|mut s| s.query_row(params, read))
            .at(sql)
    }

    fn for_each_row<P: Params>(
        &self,
        sql: &str,
        params: P,
        mut each: impl FnMut(&Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.prepare_cached(sql).at(sql)?;
        let mut rows = stmt.query(params).at(sql)?;
        while let Some(row) = rows.next().at(sql)? {
            each(row)?;
        }
        Ok(())
    }

    fn column_names(&self, sql: &str) -> Result<Vec<String>> {
        let stmt = self.prepare_cached(sql).at(sql)?;
        Ok(stmt.column_names().map(String::from).collect())
    }

    fn exec<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)
            .and_then(|mut s| s.execute(params))
            .at(sql)
    }

    fn write<P: Params>(&self, entity: EntityKind, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)
            .and_then(|mut s| s.execute(params))
            .writing(entity, sql)
    }

    fn exec_batch(&self, sql: &str) -> Result<()> {
        self.execute_batch(sql).at(sql)
    }
}

/// Labels a rusqlite outcome with the statement or operation it came from.
pub(crate) trait At<T> {
    /// The typed error for a failure of `statement`.
    fn at(self, statement: &str) -> Result<T>;

    /// Like [`At::at`] for a statement writing `entity`'s rows: a broken schema rule becomes
    /// [`Error::Constraint`](crate::Error::Constraint) (the one place that mapping is made).
    fn writing(self, entity: EntityKind, statement: &str) -> Result<T>;
}

impl<T> At<T> for rusqlite::Result<T> {
    fn at(self, statement: &str) -> Result<T> {
        self.map_err(storage(statement))
    }

    fn writing(self, entity: EntityKind, statement: &str) -> Result<T> {
        self.map_err(|e| map_err(entity, statement, e))
    }
}
