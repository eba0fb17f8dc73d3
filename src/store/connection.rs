//! Per-connection setup, in one place.
//!
//! Pragmas that matter for correctness are set explicitly, never left to build defaults: the
//! bundled SQLite enforces foreign keys by default, a system SQLite does not.

use super::sql::storage;
use super::OpenOptions;
use crate::error::{Error, Result};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Prepared statements kept per connection: every entity's insert/read/update plus the query
/// API's statements fit, so hot paths never re-parse SQL.
const STATEMENT_CACHE: usize = 256;

pub(crate) fn open_file(path: &Path, opts: &OpenOptions) -> Result<Connection> {
    let flags = if opts.read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI
    };
    if opts.read_only && !path.exists() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such ledger file"),
        });
    }
    let conn = Connection::open_with_flags(path, flags).map_err(|e| match e {
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
    })?;
    configure(&conn, opts, true)?;
    if opts.verify {
        quick_check(&conn)?;
    }
    Ok(conn)
}

/// Settings every connection gets before its first statement.
pub(crate) fn configure(conn: &Connection, opts: &OpenOptions, untrusted: bool) -> Result<()> {
    // Defensive mode forbids the pragmas and schema writes that can corrupt a file on purpose;
    // trusted_schema=OFF stops functions with side effects from running inside the schema's
    // triggers and views. Both matter because a ledger file may come from someone else.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)
        .map_err(storage("SQLITE_DBCONFIG_DEFENSIVE"))?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)
        .map_err(storage("SQLITE_DBCONFIG_TRUSTED_SCHEMA"))?;
    if untrusted && opts.verify {
        conn.pragma_update(None, "cell_size_check", true)
            .map_err(storage("PRAGMA cell_size_check"))?;
    }
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(storage("PRAGMA foreign_keys"))?;
    conn.busy_timeout(opts.busy_timeout)
        .map_err(storage("busy_timeout"))?;
    // NORMAL under WAL: a commit is durable once the WAL is synced at checkpoint; a power loss
    // can drop the last transactions but never corrupts the file (see RELIABILITY.md).
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(storage("PRAGMA synchronous"))?;
    // Statement journals (every statement that fires a trigger opens one) are temporary files;
    // on disk they cost a pwrite per journaled page, which made bulk loads spend most of their
    // time in the kernel (2 million writes for 250k rows, measured with strace). They are
    // small and short-lived: keep them in memory.
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(storage("PRAGMA temp_store"))?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// WAL lets readers run while a writer writes. It changes the file header, so it is switched
/// on only after the file is known to be a ledger this library may write. Not for network
/// filesystems: WAL needs shared memory between processes on one host.
pub(crate) fn enable_wal(conn: &Connection) -> Result<()> {
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(storage("PRAGMA journal_mode = WAL"))?;
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
        .map_err(storage("PRAGMA quick_check"))?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .map_err(storage("PRAGMA quick_check"))?
        .collect::<rusqlite::Result<_>>()
        .map_err(storage("PRAGMA quick_check"))?;
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
}
