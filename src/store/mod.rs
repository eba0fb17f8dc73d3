//! The ledger: a SQLite database holding the domain model.
//!
//! [`Ledger`] opens (and migrates) a database, and reads and writes entities by typed id.
//! Writes that belong together go through [`Ledger::write`], which runs a closure inside one
//! `BEGIN IMMEDIATE` transaction: all of it commits or none of it does.
//!
//! # Threads
//!
//! A `Ledger` owns one SQLite connection. It is `Send` (move it to another thread) but not
//! `Sync`: to share a ledger file across threads, open one `Ledger` per thread on the same path.
//! WAL lets readers proceed while one writer writes; writers wait for each other up to the busy
//! timeout ([`OpenOptions::busy_timeout`]).

mod backup;
mod bulk;
mod campaign;
pub(crate) mod conflict;
pub(crate) mod conn;
mod connection;
mod entity;
mod evidence;
mod lookup;
pub(crate) mod migrate;
mod official;
mod options;
mod project;
pub(crate) mod record;
mod region;
mod source;
pub(crate) mod sql;
pub(crate) mod status;
mod table;
mod target;

pub use entity::{Entity, EntityId};
pub use options::OpenOptions;
pub(crate) use sql::column_list;

// Row readers the query layer shares with the entity modules, so one column list serves both.
pub(crate) use campaign::from_row as campaign_from_row;
pub(crate) use evidence::{evidence_columns, fact_column, from_row as evidence_from_row};
pub use migrate::SCHEMA_VERSION;
pub(crate) use project::{from_row as project_from_row, project_columns};
pub(crate) use region::many as regions_by_id;
pub(crate) use target::metric_key;
pub(crate) use target::{
    observation_columns, observation_from_row, target_columns, target_from_row,
};

use crate::error::{EntityKind, Error, Result};
use crate::model::{ContentHash, DivisionCode, Region, RegionId, SourceId, Stored};
use crate::store::conn::At;
use rusqlite::{Connection, TransactionBehavior};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// A planledger database.
///
/// [`Ledger::open`] opens (and migrates) a database; entities are read and written by typed
/// id. Writes that belong together go through [`Ledger::write`], which runs a closure inside
/// one `BEGIN IMMEDIATE` transaction: all of it commits or none of it does.
///
/// # Threads
///
/// A `Ledger` owns one SQLite connection. It is `Send` (move it to another thread) but not
/// `Sync`: to share a ledger file across threads, open one `Ledger` per thread on the same
/// path. WAL lets readers proceed while one writer writes; writers wait for each other up to
/// the busy timeout ([`OpenOptions::busy_timeout`]).
///
/// ```
/// use planledger::model::{Region, RegionKind};
/// use planledger::Ledger;
///
/// let mut ledger = Ledger::open_in_memory()?;
/// let city = ledger.insert(&Region::new("莱西市", RegionKind::CountyLevelCity).with_code("370285".parse()?))?;
/// let mut stored = ledger.get(city)?.value;
/// stored.aliases.push("莱西".into());
/// ledger.update(city, &stored)?;
/// assert_eq!(ledger.resolve_region("莱西")?, city);
/// ledger.delete(city)?;
/// assert!(ledger.get(city).is_err());
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug)]
pub struct Ledger {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    /// The `-wal` size at which the next write tries to start the log over
    /// (see [`connection::WAL_LIMIT`]).
    wal_restart_at: u64,
    /// How much further the `-wal` may grow before the next attempt after a failed restart.
    wal_retry_step: u64,
}

impl Ledger {
    /// Opens (creating and migrating) the ledger file at `path` with default options.
    pub fn open(path: impl AsRef<Path>) -> Result<Ledger> {
        OpenOptions::new().open(path)
    }

    /// A new ledger in memory, gone when dropped.
    pub fn open_in_memory() -> Result<Ledger> {
        let opts = OpenOptions::new();
        let conn = Connection::open_in_memory().at("open in memory")?;
        connection::configure(&conn, &opts, false)?;
        Ledger::init(conn, None, &opts)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>, opts: &OpenOptions) -> Result<Ledger> {
        if opts.read_only {
            migrate::check_current(&conn)?;
        } else {
            // Every check that can refuse the file runs before anything writes to it: the WAL
            // switch rewrites the header of a rollback-journal file, and a migration would run
            // inside a tampered schema's triggers.
            migrate::check_file(&conn)?;
            if path.is_some() {
                // Only now, once the file is known to be ours and not too new, may it change.
                connection::enable_wal(&conn)?;
            }
            migrate::migrate(&mut conn)?;
        }
        migrate::verify_schema(&conn)?;
        Ok(Ledger {
            conn,
            path,
            read_only: opts.read_only,
            wal_restart_at: connection::WAL_LIMIT,
            wal_retry_step: connection::WAL_FIRST_RETRY,
        })
    }

    /// Keeps the `-wal` file bounded after a commit. SQLite's automatic checkpoint copies the
    /// log into the database but starts the log over only when no reader is using it, so
    /// readers that never pause all at once let it grow without end. Past
    /// [`connection::WAL_LIMIT`], this waits (up to the busy timeout) for the readers of older
    /// snapshots to finish and starts the log over. If a reader outlasts the wait, the next
    /// attempt comes after another 4 MiB, then 8, then every `WAL_LIMIT`: a reader that was
    /// only slow (a loaded machine) costs little growth, while one that holds its snapshot for
    /// long (an export) does not make every write pay the wait.
    /// The commit has happened whatever this finds: it reports nothing.
    pub(crate) fn bound_wal(&mut self) {
        let Some(path) = &self.path else { return };
        let size = std::fs::metadata(connection::sidecar(path, "-wal")).map_or(0, |m| m.len());
        if size < self.wal_restart_at {
            return;
        }
        let restarted = self
            .conn
            .query_row("PRAGMA wal_checkpoint(RESTART)", [], |r| r.get::<_, i64>(0))
            .is_ok_and(|busy| busy == 0);
        (self.wal_restart_at, self.wal_retry_step) =
            connection::next_wal_restart(size, restarted, self.wal_retry_step);
    }

    /// The file this ledger lives in; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the ledger was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The schema version of the database (equal to [`SCHEMA_VERSION`] once open).
    pub fn schema_version(&self) -> Result<i64> {
        migrate::user_version(&self.conn)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction (`BEGIN IMMEDIATE`): commits if it returns `Ok`, rolls
    /// everything back if it returns `Err` (or panics).
    ///
    /// ```
    /// use planledger::model::{Project, Region, RegionKind};
    /// use planledger::{Error, Ledger};
    ///
    /// let mut ledger = Ledger::open_in_memory()?;
    /// let town = ledger.insert(&Region::new("琅琊镇", RegionKind::Town))?;
    /// let result: Result<(), Error> = ledger.write(|tx| {
    ///     tx.insert(&Project::batch(8).in_region(town))?;
    ///     tx.insert(&Project::batch(0).in_region(town))?; // count 0 breaks a rule
    ///     Ok(())
    /// });
    /// assert!(matches!(result, Err(Error::Constraint { .. })));
    /// assert_eq!(ledger.count::<Project>()?, 0); // the first insert was rolled back too
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.transact(false, f)
    }

    /// Like [`write`](Ledger::write), for loading many facts at once: the same
    /// all-or-nothing transaction and the same end state (rows, search entries, region totals,
    /// schema), with the schema's per-row upkeep of new projects (their search entries, region
    /// totals, the batch and date rules, and, into an empty project table, its indexes) done
    /// once at the end, set-based, instead of once per row.
    ///
    /// Inside it, projects may only be inserted: [`Tx::update`] and [`Tx::delete`] of a
    /// project are refused with [`Error::InvalidInput`] (their triggers would see rows whose
    /// upkeep has not happened yet). Other kinds are written as in `write`. New projects are
    /// written many per statement: a rule one of them breaks is reported by a later call of
    /// the load (an insert, a read) or when it ends, under the same rule name as row by row
    /// (which row broke it is not said; load row by row to find it), and the load cannot go
    /// on after that error: it rolls back.
    ///
    /// ```
    /// use planledger::model::{Money, Project, Region, RegionKind};
    /// use planledger::query::ProjectFilter;
    /// use planledger::Ledger;
    ///
    /// let mut ledger = Ledger::open_in_memory()?;
    /// let town = ledger.insert(&Region::new("琅琊镇", RegionKind::Town))?;
    /// ledger.bulk_write(|tx| {
    ///     for i in 0..100 {
    ///         let mut p = Project::named(format!("海洋装备产业园{i}期")).in_region(town);
    ///         p.investment = Some(Money::from_yuan(1_000_000)?);
    ///         tx.insert(&p)?;
    ///     }
    ///     Ok(())
    /// })?;
    /// assert_eq!(ledger.count::<Project>()?, 100);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn bulk_write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.transact(true, f)
    }

    /// One write transaction, row by row or as a bulk load.
    fn transact<T>(&mut self, bulk: bool, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        let out = {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .at("BEGIN IMMEDIATE")?;
            let bulk = if bulk {
                Some(RefCell::new(bulk::Deferred::begin(&tx)?))
            } else {
                None
            };
            let mut tx = Tx { tx, bulk };
            let out = f(&mut tx)?;
            if let Some(deferred) = tx.bulk.take() {
                deferred.into_inner().finish(&tx.tx)?;
            }
            tx.tx.commit().at("COMMIT")?;
            out
        };
        self.bound_wal();
        Ok(out)
    }

    /// Inserts one entity in its own transaction.
    pub fn insert<E: Entity>(&mut self, value: &E) -> Result<E::Id> {
        self.write(|tx| tx.insert(value))
    }

    /// Replaces the entity stored under `id`.
    pub fn update<I: EntityId>(&mut self, id: I, value: &I::Entity) -> Result<()> {
        self.write(|tx| tx.update(id, value))
    }

    /// Deletes the entity stored under `id`. Refused with [`Error::Constraint`] while other
    /// rows depend on it (a region with projects, a batch with members).
    pub fn delete<I: EntityId>(&mut self, id: I) -> Result<()> {
        self.write(|tx| tx.delete(id))
    }

    /// Reads the entity stored under `id`, or [`Error::NotFound`].
    pub fn get<I: EntityId>(&self, id: I) -> Result<Stored<I, I::Entity>> {
        entity::get(&self.conn, id)
    }

    /// How many entities of a kind the ledger holds.
    pub fn count<E: Entity>(&self) -> Result<u64> {
        entity::count::<E>(&self.conn)
    }

    /// Regions whose canonical name or alias is `key`, or whose division code is `key`.
    ///
    /// ```
    /// # let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::gazetteer::load_qingdao(&mut ledger)?;
    /// let by_alias = ledger.find_regions("黄岛区")?;
    /// assert_eq!(by_alias[0].name, "西海岸新区");
    /// assert_eq!(ledger.find_regions("370211103")?[0].name, "泊里镇");
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn find_regions(&self, key: &str) -> Result<Vec<Stored<RegionId, Region>>> {
        region::find(&self.conn, key)
    }

    /// The one region named (or aliased, or coded) `key`; [`Error::NotFound`] if none,
    /// [`Error::InvalidInput`] if the name is ambiguous.
    pub fn resolve_region(&self, key: &str) -> Result<RegionId> {
        region::resolve(&self.conn, key)
    }

    /// The region with a division code.
    pub fn region_by_code(&self, code: &DivisionCode) -> Result<Option<Stored<RegionId, Region>>> {
        region::by_code(&self.conn, code)
    }

    /// The source whose text has this hash, if the ledger holds it: how ingestion stays
    /// idempotent.
    pub fn source_by_hash(&self, hash: &ContentHash) -> Result<Option<SourceId>> {
        source::by_hash(&self.conn, hash)
    }

    /// Every region, parents before children.
    pub fn regions(&self) -> Result<Vec<Stored<RegionId, Region>>> {
        region::all(&self.conn)
    }
}

/// A write transaction: see [`Ledger::write`].
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    /// Set inside [`Ledger::bulk_write`]: the upkeep of new projects still to do, and the
    /// projects not yet written (a cell: reads through `&self` write them first).
    bulk: Option<RefCell<bulk::Deferred>>,
}

impl Tx<'_> {
    /// Inserts an entity, through a cached prepared statement (bulk inserts are a loop of these
    /// inside one `write`).
    pub fn insert<E: Entity>(&mut self, value: &E) -> Result<E::Id> {
        if let (Some(bulk), Some(project)) =
            (&self.bulk, entity::private::Persist::as_project(value))
        {
            return bulk.borrow_mut().queue(&self.tx, project).map(E::Id::wrap);
        }
        entity::insert(self.db()?, value)
    }

    /// Inserts an entity under a chosen id (imports keep exported ids).
    pub(crate) fn insert_with_id<I: EntityId>(&mut self, id: I, value: &I::Entity) -> Result<()> {
        entity::insert_with_id(self.db()?, id, value)?;
        if let (Some(bulk), Some(project)) =
            (&self.bulk, entity::private::Persist::as_project(value))
        {
            bulk.borrow_mut().inserted(id.raw(), project);
        }
        Ok(())
    }

    /// The transaction's connection, once the projects a bulk load holds back for its
    /// multi-row inserts are written: whatever reads or writes next sees them, and a rule
    /// they break is reported here at the latest.
    fn db(&self) -> Result<&Connection> {
        if let Some(bulk) = &self.bulk {
            bulk.borrow_mut().flush(&self.tx)?;
        }
        Ok(&self.tx)
    }

    /// Refuses, inside a bulk load, a change to a project (see [`Ledger::bulk_write`]).
    fn changeable<E: Entity>(&self) -> Result<()> {
        if self.bulk.is_some() && <E as entity::private::Persist>::KIND == EntityKind::Project {
            return Err(Error::invalid(
                "project",
                "projects cannot be updated or deleted inside a bulk load",
            ));
        }
        Ok(())
    }

    /// Inserts many entities, returning their ids in order.
    pub fn insert_all<'v, E: Entity + 'v>(
        &mut self,
        values: impl IntoIterator<Item = &'v E>,
    ) -> Result<Vec<E::Id>> {
        values.into_iter().map(|v| self.insert(v)).collect()
    }

    /// Replaces the entity stored under `id`.
    pub fn update<I: EntityId>(&mut self, id: I, value: &I::Entity) -> Result<()> {
        self.changeable::<I::Entity>()?;
        entity::update(self.db()?, id, value)
    }

    /// Deletes the entity stored under `id`.
    pub fn delete<I: EntityId>(&mut self, id: I) -> Result<()> {
        self.changeable::<I::Entity>()?;
        entity::delete(self.db()?, id)
    }

    /// Reads an entity, seeing this transaction's own writes.
    pub fn get<I: EntityId>(&self, id: I) -> Result<Stored<I, I::Entity>> {
        entity::get(self.db()?, id)
    }

    /// See [`Ledger::find_regions`].
    pub fn find_regions(&self, key: &str) -> Result<Vec<Stored<RegionId, Region>>> {
        region::find(self.db()?, key)
    }

    /// See [`Ledger::resolve_region`].
    pub fn resolve_region(&self, key: &str) -> Result<RegionId> {
        region::resolve(self.db()?, key)
    }

    /// See [`Ledger::source_by_hash`]; sees this transaction's own writes.
    pub fn source_by_hash(&self, hash: &ContentHash) -> Result<Option<SourceId>> {
        source::by_hash(self.db()?, hash)
    }

    /// See [`Ledger::regions`]: every region, parents before children, as this transaction
    /// sees them.
    pub fn regions(&self) -> Result<Vec<Stored<RegionId, Region>>> {
        region::all(self.db()?)
    }

    /// Every region's id, parent, name and code (no aliases), for bulk loads.
    pub(crate) fn region_keys(&self) -> Result<Vec<region::RegionKey>> {
        region::keys(self.db()?)
    }

    /// The largest region id in use, 0 when there is none.
    pub(crate) fn max_region_id(&self) -> Result<i64> {
        region::max_id(self.db()?)
    }

    /// Inserts regions with ids chosen by the caller, many per statement (parents first).
    pub(crate) fn insert_regions(&mut self, rows: &[(RegionId, Region)]) -> Result<()> {
        region::insert_many(self.db()?, rows)
    }

    /// The transaction's connection, for reads that must see this transaction's writes (a
    /// bulk load's held-back projects included).
    pub(crate) fn conn(&self) -> Result<&Connection> {
        self.db()
    }
}

pub(crate) fn not_found<I: EntityId>(id: I) -> Error {
    Error::not_found(<I::Entity as Entity>::ENTITY, id)
}

// A ledger moves between threads; the compiler checks the claim made in the module docs.
const _: fn() = || {
    fn is_send<T: Send>() {}
    is_send::<Ledger>();
};
