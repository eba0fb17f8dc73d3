//! Online backup to a file, and restore from one.
//!
//! Both use SQLite's backup API, which copies pages, and both copy one consistent snapshot: the
//! backup holds a read transaction on the ledger for the whole copy (under WAL that blocks no
//! writer), the restore holds one on the backup while it verifies and copies it.

use super::connection::{self, sidecar};
use super::sql::storage;
use super::{migrate, Ledger, OpenOptions};
use crate::error::{Error, Result};
use crate::store::conn::{At, ConnExt};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Pages copied per step of a backup (1 MiB with 4 KiB pages): between steps the ledger's
/// connection returns to SQLite, and a copy can be abandoned cleanly.
const PAGES_PER_STEP: i32 = 256;

/// How long a backup step may keep finding its destination busy before giving up. The
/// destination is a private temporary file, so this only bounds the unexpected.
const BUSY_LIMIT: Duration = Duration::from_secs(5);

impl Ledger {
    /// Copies the ledger to a new file at `path`, online: other connections keep reading and
    /// writing while it runs, and the copy is one consistent snapshot (the ledger as of the
    /// moment the backup started), so it holds every committed [`write`](Ledger::write) whole
    /// or not at all.
    ///
    /// The copy is written to a temporary file beside `path`, synced, and only then given its
    /// name: a file at `path` is always a complete backup. The backup is a single
    /// self-contained file (rollback-journal mode, no `-wal` beside it) that can be copied or
    /// mailed as it is; [`restore_from`](Ledger::restore_from) reads it back, and
    /// [`Ledger::open`] opens it as a ledger (switching it to WAL).
    ///
    /// `path` must not exist yet ([`Error::Io`] with
    /// [`AlreadyExists`](std::io::ErrorKind::AlreadyExists) otherwise): a backup never
    /// overwrites anything, least of all a live ledger.
    ///
    /// ```
    /// use planledger::Ledger;
    ///
    /// let dir = tempfile::tempdir().unwrap();
    /// let mut ledger = Ledger::open(dir.path().join("plans.db"))?;
    /// planledger::gazetteer::load_qingdao(&mut ledger)?;
    ///
    /// let backup = dir.path().join("plans-2024-06-01.db");
    /// ledger.backup_to(&backup)?;
    /// let copy = planledger::OpenOptions::new().read_only(true).open(&backup)?;
    /// assert_eq!(copy.regions()?.len(), ledger.regions()?.len());
    /// assert!(ledger.backup_to(&backup).is_err()); // never overwrites
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn backup_to(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        for p in [
            path.to_path_buf(),
            sidecar(path, "-wal"),
            sidecar(path, "-journal"),
        ] {
            if p.symlink_metadata().is_ok() {
                return Err(io_error(
                    &p,
                    std::io::ErrorKind::AlreadyExists,
                    "a backup is only written to a new file",
                ));
            }
        }
        if let Some(dir) = path.parent() {
            remove_stale_partials(dir);
        }
        let tmp = temporary_beside(path);
        let result = write_backup(&self.conn, &tmp).and_then(|()| publish(&tmp, path));
        if result.is_err() {
            remove_with_sidecars(&tmp);
        }
        result
    }

    /// Replaces everything in this ledger with the contents of the backup at `path`.
    ///
    /// The backup is verified before a byte of this ledger changes: it must be a ledger
    /// ([`Error::NotALedger`] for anything else, including a tampered schema), at this
    /// library's schema version ([`Error::SchemaTooNew`], or [`Error::SchemaOutdated`] for a
    /// backup from an older version: open a copy of it with [`Ledger::open`] once to migrate
    /// it), and intact (`PRAGMA quick_check`, else [`Error::Corrupt`]). Verification and copy
    /// read one snapshot of the backup, and the backup file is only read.
    ///
    /// The restore is one write transaction on this ledger: it waits for other writers like
    /// [`write`](Ledger::write) does, other connections to the same file see either the old
    /// contents or the restored ones, and a crash midway leaves the old contents. Restoring
    /// works on in-memory ledgers too. It is refused on a read-only ledger and from the
    /// ledger's own file ([`Error::InvalidInput`]).
    ///
    /// ```
    /// use planledger::model::{Project, Region, RegionKind};
    /// use planledger::Ledger;
    ///
    /// let dir = tempfile::tempdir().unwrap();
    /// let mut ledger = Ledger::open(dir.path().join("plans.db"))?;
    /// let town = ledger.insert(&Region::new("琅琊镇", RegionKind::Town))?;
    /// ledger.insert(&Project::batch(8).in_region(town))?;
    /// let backup = dir.path().join("plans-backup.db");
    /// ledger.backup_to(&backup)?;
    ///
    /// ledger.insert(&Project::batch(3).in_region(town))?; // a mistake
    /// ledger.restore_from(&backup)?;
    /// assert_eq!(ledger.count::<Project>()?, 1);
    ///
    /// let mut scratch = Ledger::open_in_memory()?;
    /// scratch.restore_from(&backup)?;
    /// assert_eq!(scratch.resolve_region("琅琊镇")?, town);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn restore_from(&mut self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        if self.read_only {
            return Err(Error::invalid(
                "ledger",
                "is open read-only; a restore writes to it",
            ));
        }
        if let Some(own) = &self.path {
            if same_file(own, path) {
                return Err(Error::invalid(
                    "path",
                    format!("{} is this ledger's own file", path.display()),
                ));
            }
        }
        let source = connection::open_file(path, &OpenOptions::new().read_only(true))?;
        source
            .pragma_update(None, "cell_size_check", true)
            .at("PRAGMA cell_size_check")?;
        // One snapshot for the checks and the copy: what is verified is what is copied.
        let snapshot = source.unchecked_transaction().at("BEGIN")?;
        migrate::check_current(&snapshot)?;
        connection::verify(&snapshot)?;
        {
            let copy = Backup::new(&snapshot, &mut self.conn).at("backup init")?;
            // One step: the destination stays locked from the first page to the last anyway,
            // and the busy timeout already applied while taking that lock.
            match copy.step(-1).at("restore")? {
                StepResult::Done => {}
                _ => return Err(busy("restore")),
            }
        }
        snapshot.commit().at("COMMIT")?;
        self.conn.flush_prepared_statement_cache();
        self.bound_wal();
        // The copy replaced the schema as well: check that it is the one this library runs on.
        migrate::check_current(&self.conn)
    }
}

/// Copies `conn`'s database to a new file at `tmp`, in steps, from one read snapshot.
fn write_backup(conn: &Connection, tmp: &Path) -> Result<()> {
    let mut dest = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| {
        io_error(
            tmp,
            std::io::ErrorKind::Other,
            &format!("cannot create: {e}"),
        )
    })?;
    // Locked down like every other connection, though the file is our own new one.
    dest.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)
        .at("SQLITE_DBCONFIG_DEFENSIVE")?;
    // Held locked from now until it is closed: how remove_stale_partials tells a copy in
    // progress from one a killed process left behind.
    dest.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        .at("PRAGMA locking_mode = EXCLUSIVE")?;
    // A read transaction held across every step: each step copies from the same snapshot, so
    // a writer committing on another connection meanwhile neither restarts the copy nor gets
    // into it. Under WAL it does not block that writer either.
    let snapshot = conn.unchecked_transaction().at("BEGIN")?;
    snapshot
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .at("SELECT count(*) FROM sqlite_master")?;
    {
        let copy = Backup::new(&snapshot, &mut dest).at("backup init")?;
        let started = Instant::now();
        loop {
            match copy.step(PAGES_PER_STEP).at("backup")? {
                StepResult::Done => break,
                StepResult::More => {}
                _ if started.elapsed() < BUSY_LIMIT => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                _ => return Err(busy("backup")),
            }
        }
    }
    snapshot.commit().at("COMMIT")?;
    // The copied header says WAL, as the ledger's does; a backup is one self-contained file.
    let mode: String = dest.row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(Error::Storage {
            statement: "PRAGMA journal_mode = DELETE".into(),
            source: rusqlite::Error::InvalidQuery,
        });
    }
    dest.close().map_err(|(_, e)| storage("close backup")(e))
}

/// Gives the finished temporary file its name without replacing anything, and makes the name
/// durable.
fn publish(tmp: &Path, path: &Path) -> Result<()> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source: e,
            })
        }
        // A filesystem without hard links: a rename, after the check in backup_to.
        Err(_) => std::fs::rename(tmp, path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?,
    }
    sync_dir(path)
}

#[cfg(unix)]
fn sync_dir(path: &Path) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: e,
        })
}

#[cfg(not(unix))]
fn sync_dir(_path: &Path) -> Result<()> {
    Ok(())
}

/// A fresh name in `path`'s directory for the copy in progress.
fn temporary_beside(path: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let tmp = sidecar(path, &format!(".partial-{}-{n}", std::process::id()));
        let taken = [&tmp, &sidecar(&tmp, "-journal"), &sidecar(&tmp, "-wal")]
            .iter()
            .any(|p| p.symlink_metadata().is_ok());
        if !taken {
            return tmp;
        }
    }
}

/// Removes the temporary copies that backups killed midway left in `dir`
/// (`<name>.partial-<pid>-<n>`, with any journal beside them): a copy in progress holds an
/// exclusive lock on its file until it is done, so a partial file that can be locked, and
/// whose writer process is gone, is one nobody is writing. Files of this process are left alone
/// (its own backups may be running on other threads). Best effort: what cannot be read or
/// removed stays.
pub(crate) fn remove_stale_partials(dir: &Path) {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let own = format!("-{}-", std::process::id());
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some((_, tail)) = name.rsplit_once(".partial-") else {
            continue;
        };
        // <pid>-<n>, nothing after it: journals go with their file below.
        let is_ours = tail.split_once('-').is_some_and(|(pid, n)| {
            !pid.is_empty()
                && !n.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && n.bytes().all(|b| b.is_ascii_digit())
        });
        if !is_ours || format!("-{tail}").starts_with(&own) {
            continue;
        }
        let path = entry.path();
        let pid = tail.split_once('-').map_or("", |(pid, _)| pid);
        if !process_may_be_alive(pid) && nobody_writes(&path) {
            remove_with_sidecars(&path);
        }
    }
}

/// Whether the process that named a partial copy may still be running. A backup creates its
/// file a moment before it locks it, so the lock alone would let a cleanup in another process
/// delete a copy that has just begun; where the system says which processes exist (Linux's
/// `/proc`), a copy whose writer is alive is never touched. Elsewhere this answers "no" and the
/// lock decides.
fn process_may_be_alive(pid: &str) -> bool {
    let proc_dir = Path::new("/proc");
    proc_dir.join("self").exists() && proc_dir.join(pid).exists()
}

/// Whether `path` (an SQLite file) can be locked exclusively at once: no live backup holds it.
fn nobody_writes(path: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return false;
    };
    conn.busy_timeout(Duration::ZERO).is_ok()
        && conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;").is_ok()
}

fn remove_with_sidecars(tmp: &Path) {
    for p in [
        tmp.to_path_buf(),
        sidecar(tmp, "-journal"),
        sidecar(tmp, "-wal"),
        sidecar(tmp, "-shm"),
    ] {
        let _ = std::fs::remove_file(p);
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn io_error(path: &Path, kind: std::io::ErrorKind, msg: &str) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(kind, msg.to_string()),
    }
}

fn busy(what: &str) -> Error {
    Error::Storage {
        statement: what.to_string(),
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("the database stayed locked".into()),
        ),
    }
}
