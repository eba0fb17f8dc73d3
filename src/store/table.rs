//! Persistence described once per entity: a [`Table`] names the table and its columns, and
//! INSERT, UPDATE and SELECT by id are made from it, so an entity's columns are listed in one
//! place and bound by one function ([`Persist::bind`]) for insert and update alike.

use super::conn::ConnExt;
use super::entity::private::Persist;
use crate::error::Result;
use rusqlite::{Connection, ToSql};
use std::sync::OnceLock;

/// One entity's table: its name, the columns its row reader reads, and the columns written
/// beside them that are never read back (derived from the value, such as `metric_key`).
/// Public only as part of the sealed `Persist`; no path outside the crate reaches it.
pub struct Table {
    name: &'static str,
    /// The read columns as one literal (`"name, kind, …"`), the same literal the query layer
    /// joins with (the entity's `*_columns!()` macro).
    columns: &'static str,
    derived: &'static [&'static str],
    statements: OnceLock<Statements>,
}

/// The statements made from a [`Table`], once per process.
struct Statements {
    /// Binds the write columns in order, then the id (`NULL` lets SQLite choose).
    insert: String,
    /// Binds the write columns in order, then the id.
    update: String,
    /// Binds the id; returns the read columns in order.
    select: String,
}

impl Table {
    pub(crate) const fn new(
        name: &'static str,
        columns: &'static str,
        derived: &'static [&'static str],
    ) -> Table {
        Table {
            name,
            columns,
            derived,
            statements: OnceLock::new(),
        }
    }

    /// The table's name.
    pub(crate) fn name(&self) -> &'static str {
        self.name
    }

    fn statements(&self) -> &Statements {
        self.statements.get_or_init(|| {
            let write: Vec<&str> = self
                .columns
                .split(", ")
                .chain(self.derived.iter().copied())
                .collect();
            let n = write.len();
            let placeholders: Vec<String> = (1..=n + 1).map(|i| format!("?{i}")).collect();
            let set: Vec<String> = write
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", i + 1))
                .collect();
            Statements {
                insert: format!(
                    "INSERT INTO {} ({}, id) VALUES ({})",
                    self.name,
                    write.join(", "),
                    placeholders.join(", ")
                ),
                update: format!(
                    "UPDATE {} SET {} WHERE id = ?{}",
                    self.name,
                    set.join(", "),
                    n + 1
                ),
                select: format!("SELECT {} FROM {} WHERE id = ?1", self.columns, self.name),
            }
        })
    }
}

/// An entity's persistence in one place: its table (name, read columns, derived columns),
/// its kind, its row reader and its one binding (the write columns in table order, after any
/// `let` the values share), with any overrides of [`Persist`]'s provided methods after them.
macro_rules! persist {
    (
        $ty:ty => $table:literal as $kind:ident {
            columns: $columns:expr,
            derived: [$($derived:literal),*],
            read: $read:path,
            bind: |$s:ident| $(let $name:ident = $init:expr;)* [$($value:expr),* $(,)?],
            $($rest:tt)*
        }
    ) => {
        impl $crate::store::entity::private::Persist for $ty {
            const KIND: $crate::error::EntityKind = $crate::error::EntityKind::$kind;

            fn table() -> &'static $crate::store::table::Table {
                static TABLE: $crate::store::table::Table =
                    $crate::store::table::Table::new($table, $columns, &[$($derived),*]);
                &TABLE
            }

            fn bind<R>(&self, with: impl FnOnce(&[&dyn rusqlite::ToSql]) -> R) -> R {
                let $s = self;
                $(let $name = $init;)*
                with(rusqlite::params![$($value),*])
            }

            fn from_row(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self> {
                $read(row, at)
            }

            $($rest)*
        }
    };
}
pub(crate) use persist;

/// Inserts `value`'s row (under `id`, or one SQLite chooses); the new row's id.
pub(crate) fn insert<T: Persist>(conn: &Connection, value: &T, id: Option<i64>) -> Result<i64> {
    value.check()?;
    let sql = T::table().statements().insert.as_str();
    value.bind(|columns| conn.write(T::KIND, sql, with_id(columns, &id)))?;
    Ok(conn.last_insert_rowid())
}

/// Rewrites row `id` with `value`'s columns; false when no row has that id.
pub(crate) fn update<T: Persist>(conn: &Connection, id: i64, value: &T) -> Result<bool> {
    value.check()?;
    let sql = T::table().statements().update.as_str();
    let n = value.bind(|columns| conn.write(T::KIND, sql, with_id(columns, &id)))?;
    Ok(n == 1)
}

/// Row `id`, read by the entity's row reader; `None` when there is none.
pub(crate) fn read<T: Persist>(conn: &Connection, id: i64) -> Result<Option<T>> {
    let sql = T::table().statements().select.as_str();
    conn.row_opt(sql, [id], |r| T::from_row(r, 0))
}

/// The bound columns followed by the id, as statement parameters.
fn with_id<'a>(
    columns: &'a [&'a dyn ToSql],
    id: &'a dyn ToSql,
) -> rusqlite::ParamsFromIter<impl Iterator<Item = &'a dyn ToSql>> {
    rusqlite::params_from_iter(columns.iter().copied().chain(std::iter::once(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_list_the_write_columns_then_the_id() {
        let t = Table::new("thing", "name, kind", &["key"]);
        let s = t.statements();
        assert_eq!(
            s.insert,
            "INSERT INTO thing (name, kind, key, id) VALUES (?1, ?2, ?3, ?4)"
        );
        assert_eq!(
            s.update,
            "UPDATE thing SET name = ?1, kind = ?2, key = ?3 WHERE id = ?4"
        );
        assert_eq!(s.select, "SELECT name, kind FROM thing WHERE id = ?1");
    }
}
