//! The generic create/read/update/delete surface over every entity.

use crate::error::{EntityKind, Result};
use crate::model::Stored;
use crate::store::conn::ConnExt;
use rusqlite::Connection;
use std::fmt;

pub(crate) mod private {
    use crate::error::{EntityKind, Result};
    use crate::store::table::{self, Table};
    use rusqlite::{Connection, Row, ToSql};

    /// How one entity maps to its table. Sealed: only this crate's entities persist.
    pub trait Persist: Sized {
        const KIND: EntityKind;
        /// Its table: name and columns, from which its statements are made.
        fn table() -> &'static Table;
        /// Hands the value's write columns, in the table's order, to `with`: the one binding
        /// insert and update share (borrowed, so a source's text is not copied).
        fn bind<R>(&self, with: impl FnOnce(&[&dyn ToSql]) -> R) -> R;
        /// Reads the value from the table's read columns, starting at column `at`.
        fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Self>;
        /// Rules said in Rust before writing, to name the field for the caller.
        fn check(&self) -> Result<()> {
            Ok(())
        }
        /// `id: None` lets SQLite choose the id.
        fn insert(conn: &Connection, value: &Self, id: Option<i64>) -> Result<i64> {
            table::insert(conn, value, id)
        }
        /// Returns false when no row has that id.
        fn update(conn: &Connection, id: i64, value: &Self) -> Result<bool> {
            table::update(conn, id, value)
        }
        fn read(conn: &Connection, id: i64) -> Result<Option<Self>> {
            table::read(conn, id)
        }
        /// The value as a project, for the bulk load path's upkeep (`None` for other kinds).
        fn as_project(&self) -> Option<&crate::model::Project> {
            None
        }
    }

    pub trait Sealed {}
}

/// A domain type the ledger stores: [`Region`](crate::model::Region),
/// [`Project`](crate::model::Project), … Sealed.
pub trait Entity: private::Persist {
    /// Its typed id.
    type Id: EntityId<Entity = Self>;
    /// Its kind, as errors name it.
    const ENTITY: EntityKind = <Self as private::Persist>::KIND;
}

/// A typed id that knows its entity, so `ledger.get(project_id)` returns a
/// [`Project`](crate::model::Project). Sealed.
pub trait EntityId: Copy + fmt::Display + private::Sealed {
    /// The entity it identifies.
    type Entity: Entity<Id = Self>;
    /// The raw row id.
    fn raw(self) -> i64;
    /// Wraps a raw row id.
    fn wrap(raw: i64) -> Self;
}

macro_rules! entity {
    ($($ty:ty => $id:ty),+ $(,)?) => {$(
        impl Entity for $ty {
            type Id = $id;
        }
        impl private::Sealed for $id {}
        impl EntityId for $id {
            type Entity = $ty;
            fn raw(self) -> i64 {
                self.get()
            }
            fn wrap(raw: i64) -> Self {
                <$id>::from_raw(raw)
            }
        }
    )+};
}

use crate::model::*;
entity!(
    Region => RegionId,
    Source => SourceId,
    Evidence => EvidenceId,
    Person => PersonId,
    Post => PostId,
    Holding => HoldingId,
    Project => ProjectId,
    Target => TargetId,
    Observation => ObservationId,
    Campaign => CampaignId,
);

pub(crate) fn insert<E: Entity>(conn: &Connection, value: &E) -> Result<E::Id> {
    <E as private::Persist>::insert(conn, value, None).map(E::Id::wrap)
}

/// Inserts under a given id (imports keep the ids they export).
pub(crate) fn insert_with_id<I: EntityId>(
    conn: &Connection,
    id: I,
    value: &I::Entity,
) -> Result<()> {
    <I::Entity as private::Persist>::insert(conn, value, Some(id.raw())).map(|_| ())
}

pub(crate) fn get<I: EntityId>(conn: &Connection, id: I) -> Result<Stored<I, I::Entity>> {
    match <I::Entity as private::Persist>::read(conn, id.raw())? {
        Some(value) => Ok(Stored { id, value }),
        None => Err(super::not_found(id)),
    }
}

pub(crate) fn update<I: EntityId>(conn: &Connection, id: I, value: &I::Entity) -> Result<()> {
    if <I::Entity as private::Persist>::update(conn, id.raw(), value)? {
        Ok(())
    } else {
        Err(super::not_found(id))
    }
}

pub(crate) fn delete<I: EntityId>(conn: &Connection, id: I) -> Result<()> {
    let table = <I::Entity as private::Persist>::table().name();
    let sql = format!("DELETE FROM {table} WHERE id = ?1");
    let n = conn.write(<I::Entity as private::Persist>::KIND, &sql, [id.raw()])?;
    if n == 0 {
        Err(super::not_found(id))
    } else {
        Ok(())
    }
}

pub(crate) fn count<E: Entity>(conn: &Connection) -> Result<u64> {
    let sql = format!(
        "SELECT count(*) FROM {}",
        <E as private::Persist>::table().name()
    );
    let n: i64 = conn.row(&sql, [], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}
