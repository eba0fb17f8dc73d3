//! Per-connection setup, in one place.
//!
//! Pragmas that matter for correctness are set explicitly, never left to build defaults: the
//! bundled SQLite enforces foreign keys by default, a system SQLite does not.

use super::sql::storage;
use super::{migrate, OpenOptions};
use crate::error::{Error, Result};
use crate::store::conn::{At, ConnExt};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Prepared statements kept per connection: every entity's insert/read/update plus the query
/// API's statements fit, so hot paths never re-parse SQL.
const STATEMENT_CACHE: usize = 256;

/// Opens the ledger file at `path` for [`Ledger::init`](super::Ledger), after deciding, on a
/// read-only view of the file, every check that can refuse it: whether it is too new, foreign
/// or tampered with, and (with `verify_integrity`) damaged. A writable connection would replay
/// a `-wal` or roll back a hot journal left by a crash into the file before those checks could
/// run, and checkpoint it when closed: a file that is refused, its `-wal` and its journal are
/// left as they were.
pub(crate) fn open_file(path: &Path, opts: &OpenOptions) -> Result<Connection> {
    if opts.read_only && !path.exists() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such ledger file"),
        });
    }
    // An empty file (or none) is a new database: nothing in it to refuse or to replay.
    let has_content = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0);
    if has_content {
        let view = connect(path, true)?;
        let verdict = configure(&view, opts, true).and_then(|()| inspect(&view, opts));
        if opts.read_only && verdict.is_ok() {
            return Ok(view);
        }
        drop(view);
        match verdict {
            Ok(()) => {}
            Err(e) if needs_a_writer(&e) => {
                // A hot journal (or a -wal without the shared memory to read it): only a
                // writable connection can recover it. Recover a private copy and decide on
                // that; the file itself is recovered below only if it passes.
                inspect_copy(path, opts)?;
                if opts.read_only {
                    return Err(Error::Storage {
                        statement: format!(
                            "open {} read-only: a write was interrupted and must be rolled \
                             back; open it writable once",
                            path.display()
                        ),
                        source: match e {
                            Error::Storage { source, .. } => source,
                            _ => rusqlite::Error::InvalidQuery,
                        },
                    });
                }
            }
            Err(e) => return Err(e),
        }
    }
    let conn = connect(path, opts.read_only)?;
    configure(&conn, opts, true)?;
    if opts.verify && !has_content {
        verify(&conn)?;
    }
    Ok(conn)
}

/// A connection to `path` taken as a path: relative paths are anchored at `.`, so that neither
/// `file:…` (a URI) nor `:memory:` means anything but a file of that name.
fn connect(path: &Path, read_only: bool) -> Result<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let anchored = if path.is_relative() {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    };
    Connection::open_with_flags(&anchored, flags).map_err(|e| match e {
        // A path SQLite cannot open, or cannot read (a directory opened read-only).
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::SystemIoFailure
            ) =>
        {
            Error::Io {
                path: path.to_path_buf(),
                source: std::io::Error::other(format!("cannot open: {f}")),
            }
        }
        e => storage("open")(e),
    })
}

/// Every check that can refuse a file, on `conn`, reading only.
fn inspect(conn: &Connection, opts: &OpenOptions) -> Result<()> {
    if opts.read_only {
        migrate::check_current(conn)?;
    } else {
        migrate::check_file(conn)?;
    }
    if opts.verify {
        verify(conn)?;
    }
    Ok(())
}

/// What `verify_integrity` checks: the file's pages (`PRAGMA quick_check`), then what the
/// schema's triggers and foreign keys keep true but a file written behind their back need not
/// hold: every row's parent exists, and every region's and campaign's materialized path is
/// its parent's path plus its own id — which also proves their parents form no cycle.
pub(crate) fn verify(conn: &Connection) -> Result<()> {
    quick_check(conn)?;
    const FK: &str = "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 1";
    let dangling: Option<(String, Option<i64>, String)> =
        conn.row_opt(FK, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    if let Some((table, row, parent)) = dangling {
        return Err(Error::Corrupt {
            detail: format!(
                "{table} row {} points at a {parent} row that does not exist",
                row.map_or_else(|| "?".to_string(), |r| r.to_string())
            ),
        });
    }
    for table in ["region", "campaign"] {
        // A database not migrated yet (a new, empty file) has no trees to check.
        let exists: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
                [table],
                |r| r.get(0),
            )
            .at("SELECT FROM sqlite_master")?;
        if !exists {
            continue;
        }
        let sql = format!(
            "SELECT c.id FROM {table} c LEFT JOIN {table} p ON p.id = c.parent_id \
             WHERE c.path IS NOT coalesce(p.path, '/') || c.id || '/' LIMIT 1"
        );
        let bad: Option<i64> = conn.row_opt(&sql, [], |r| r.get(0))?;
        if let Some(id) = bad {
            return Err(Error::Corrupt {
                detail: format!(
                    "{table} {id}: its path does not follow its parents (a cycle, or links \
                     written behind the schema's triggers)"
                ),
            });
        }
    }
    Ok(())
}

/// Whether `e` says that reading the file needs a writable connection: SQLite must roll back
/// a hot journal or rebuild a `-wal`'s index first.
fn needs_a_writer(e: &Error) -> bool {
    matches!(e, Error::Storage { source: rusqlite::Error::SqliteFailure(f, _), .. }
        if f.code == rusqlite::ErrorCode::ReadOnly)
}

/// [`inspect`] on a private copy of the file and its journals, recovered there by a writable
/// connection.
fn inspect_copy(path: &Path, opts: &OpenOptions) -> Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "planledger-check-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |source| Error::Io { path: p, source }
    };
    std::fs::create_dir(&dir).map_err(io(&dir))?;
    let result = (|| {
        let copy = dir.join("ledger.db");
        std::fs::copy(path, &copy).map_err(io(path))?;
        for suffix in ["-journal", "-wal"] {
            let from = sidecar(path, suffix);
            if from.exists() {
                std::fs::copy(&from, sidecar(&copy, suffix)).map_err(io(&from))?;
            }
        }
        let conn = connect(&copy, false)?;
        configure(&conn, opts, true)?;
        inspect(&conn, opts)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// `path` with `suffix` appended to its file name, as SQLite names its `-wal` and `-journal`.
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// Settings every connection gets before its first statement.
pub(crate) fn configure(conn: &Connection, opts: &OpenOptions, untrusted: bool) -> Result<()> {
    // Defensive mode forbids the pragmas and schema writes that can corrupt a file on purpose;
    // trusted_schema=OFF stops functions with side effects from running inside the schema's
    // triggers and views. Both matter because a ledger file may come from someone else.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)
        .at("SQLITE_DBCONFIG_DEFENSIVE")?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)
        .at("SQLITE_DBCONFIG_TRUSTED_SCHEMA")?;
    // The statement cache hands a statement back with its bindings cleared, and SQLite
    // re-prepares any statement whose plan looked at a bound value (an `= ?` filter term, a
    // `LIMIT ?`) on its next run after that: every cached lookup was parsed and planned again
    // (a quarter of an ingest's instructions). The planner's stability guarantee makes plans
    // independent of bound values, so cached statements stay prepared.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
        .at("SQLITE_DBCONFIG_ENABLE_QPSG")?;
    if untrusted && opts.verify {
        conn.pragma_update(None, "cell_size_check", true)
            .at("PRAGMA cell_size_check")?;
    }
    conn.pragma_update(None, "foreign_keys", true)
        .at("PRAGMA foreign_keys")?;
    conn.busy_timeout(opts.busy_timeout).at("busy_timeout")?;
    // NORMAL under WAL: a commit is durable once the WAL is synced at checkpoint; a power loss
    // can drop the last transactions but never corrupts the file (see RELIABILITY.md).
    conn.pragma_update(None, "synchronous", "NORMAL")
        .at("PRAGMA synchronous")?;
    // Statement journals (every statement that fires a trigger opens one) are temporary files;
    // on disk they cost a pwrite per journaled page, which made bulk loads spend most of their
    // time in the kernel (2 million writes for 250k rows, measured with strace). They are
    // small and short-lived: keep them in memory.
    conn.pragma_update(None, "temp_store", "MEMORY")
        .at("PRAGMA temp_store")?;
    // After the log starts over, SQLite truncates the -wal file back to this size; without it
    // the file keeps the largest size it ever reached.
    conn.pragma_update(None, "journal_size_limit", WAL_LIMIT as i64)
        .at("PRAGMA journal_size_limit")?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// How large the `-wal` file may grow before a writer waits for readers to let the log start
/// over (see `Ledger::bound_wal`): the file stays within about this size plus the largest
/// single transaction.
pub(crate) const WAL_LIMIT: u64 = 16 << 20;

/// How much further the `-wal` may grow after a restart that found a reader still busy, before
/// the next attempt; doubled after each failure up to [`WAL_LIMIT`].
pub(crate) const WAL_FIRST_RETRY: u64 = WAL_LIMIT / 4;

/// After a restart attempt at `size` bytes of `-wal`: the size at which to try next and the
/// step for the failure after that. A success starts over at the limit; a failure retries soon
/// (a reader slowed by a loaded machine is usually gone by then) and backs off if it fails again
/// (a reader holding one snapshot for long should not make every write wait for it).
pub(crate) fn next_wal_restart(size: u64, restarted: bool, step: u64) -> (u64, u64) {
    if restarted {
        (WAL_LIMIT, WAL_FIRST_RETRY)
    } else {
        (size.saturating_add(step), (step * 2).min(WAL_LIMIT))
    }
}

/// WAL lets readers run while a writer writes. It changes the file header, so it is switched
/// on only after the file is known to be a ledger this library may write. Not for network
/// filesystems: WAL needs shared memory between processes on one host.
pub(crate) fn enable_wal(conn: &Connection) -> Result<()> {
    let mode: String = conn.row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Storage {
            statement: "PRAGMA journal_mode = WAL".into(),
            source: rusqlite::Error::InvalidQuery,
        });
    }
    Ok(())
}

/// `PRAGMA quick_check`: [`Error::Corrupt`] with SQLite's findings unless it says `ok`.
pub(crate) fn quick_check(conn: &Connection) -> Result<()> {
    let mut stmt = conn
        .prepare("PRAGMA quick_check")
        .at("PRAGMA quick_check")?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .at("PRAGMA quick_check")?
        .collect::<rusqlite::Result<_>>()
        .at("PRAGMA quick_check")?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(())
    } else {
        Err(Error::Corrupt {
            detail: lines.join("; "),
        })
    }
}

#[cfg(test)]
mod tests {
    //! Every connection the library opens is locked down: these run against the ledger's own
    //! connection, which no public API hands out.

    use crate::{Ledger, OpenOptions};
    use rusqlite::config::DbConfig;
    use rusqlite::Connection;

    fn assert_locked_down(conn: &Connection, which: &str) {
        assert!(
            conn.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE).unwrap(),
            "{which}: defensive mode off"
        );
        assert!(
            !conn
                .db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA)
                .unwrap(),
            "{which}: schema trusted"
        );
        // Not a lock but set on every connection the same way: cached statements stay
        // prepared (see `configure`).
        assert!(
            conn.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG)
                .unwrap(),
            "{which}: plans depend on bound values"
        );
        let trusted: i64 = conn
            .pragma_query_value(None, "trusted_schema", |r| r.get(0))
            .unwrap();
        assert_eq!(trusted, 0, "{which}: PRAGMA trusted_schema");
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "{which}: foreign keys off");

        // Defensive mode ignores writable_schema=ON, so the schema table stays read-only...
        let _ = conn.execute_batch("PRAGMA writable_schema = ON");
        let writable: i64 = conn
            .pragma_query_value(None, "writable_schema", |r| r.get(0))
            .unwrap();
        assert_eq!(writable, 0, "{which}: writable_schema took effect");
        let edit = conn.execute(
            "UPDATE sqlite_master SET sql = sql WHERE name = 'project'",
            [],
        );
        assert!(edit.is_err(), "{which}: sqlite_master was writable");
        // ...and the other pragmas that can corrupt a file on purpose are refused or ignored.
        let _ = conn.execute_batch("PRAGMA journal_mode = OFF");
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_ne!(mode, "off", "{which}: journal switched off");
        let before: i64 = conn
            .pragma_query_value(None, "schema_version", |r| r.get(0))
            .unwrap();
        let _ = conn.execute_batch("PRAGMA schema_version = 12345");
        let after: i64 = conn
            .pragma_query_value(None, "schema_version", |r| r.get(0))
            .unwrap();
        assert_eq!(before, after, "{which}: schema_version rewritten");
    }

    #[test]
    fn every_connection_is_defensive_with_an_untrusted_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locked.db");
        let writable = Ledger::open(&path).unwrap();
        assert_locked_down(writable.conn(), "writable file");
        assert_locked_down(
            OpenOptions::new()
                .verify_integrity(true)
                .open(&path)
                .unwrap()
                .conn(),
            "verified file",
        );
        assert_locked_down(
            OpenOptions::new()
                .read_only(true)
                .open(&path)
                .unwrap()
                .conn(),
            "read-only file",
        );
        assert_locked_down(Ledger::open_in_memory().unwrap().conn(), "in memory");
        // The ledger still works after all those attempts.
        drop(writable);
        let ledger = OpenOptions::new()
            .verify_integrity(true)
            .open(&path)
            .unwrap();
        assert_eq!(
            ledger.schema_version().unwrap(),
            super::super::SCHEMA_VERSION
        );
    }

    #[test]
    fn a_failed_wal_restart_is_retried_soon_then_less_often() {
        use super::{next_wal_restart, WAL_FIRST_RETRY, WAL_LIMIT};
        const MIB: u64 = 1 << 20;
        // One failure at 17 MiB: the next attempt comes at 21 MiB, not 33.
        let (at, step) = next_wal_restart(17 * MIB, false, WAL_FIRST_RETRY);
        assert_eq!((at, step), (21 * MIB, 8 * MIB));
        // Failing again backs off: 8 MiB later, then every 16 MiB.
        let (at, step) = next_wal_restart(at, false, step);
        assert_eq!((at, step), (29 * MIB, WAL_LIMIT));
        let (at, step) = next_wal_restart(at, false, step);
        assert_eq!((at, step), (45 * MIB, WAL_LIMIT));
        // A success starts over at the limit with the short retry.
        assert_eq!(
            next_wal_restart(at, true, step),
            (WAL_LIMIT, WAL_FIRST_RETRY)
        );
    }
}
