//! Versioned schema migrations.
//!
//! The list below is append-only and never reordered: a migration's position is its version,
//! stored in SQLite's `user_version`. Each applied migration's name and SHA-256 are recorded in
//! `planledger_migration`, so a landed migration that was edited afterwards is detected and the
//! file refused rather than left half-matching the code. All pending migrations run in one
//! `BEGIN IMMEDIATE` transaction: two processes opening a new file cannot both migrate it, and
//! a crash leaves the previous version intact.

use crate::error::{Error, Result};
use crate::model::ContentHash;
use crate::store::conn::{At, ConnExt};
use once_cell::sync::OnceCell;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

/// One migration: its file name (without `.sql`) and SQL.
pub(crate) struct Migration {
    pub(crate) name: &'static str,
    pub(crate) sql: &'static str,
    /// Tables the SQL rebuilds (creates anew, copies, drops, renames): see [`rebuild`].
    pub(crate) rebuilds: &'static [&'static str],
}

/// A migration named after its file in `migrations/` (without `.sql`), whose SQL is embedded;
/// `rebuilds` lists the tables it rebuilds, if any.
macro_rules! migration {
    ($name:literal $(, rebuilds: [$($table:literal),* $(,)?])?) => {
        Migration {
            name: $name,
            sql: include_str!(concat!("../../migrations/", $name, ".sql")),
            rebuilds: &[$($($table),*)?],
        }
    };
}

/// Every migration, in order. Version N is `MIGRATIONS[N - 1]`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    migration!("0001_core"),
    migration!("0002_search"),
    migration!("0003_region_totals"),
    migration!("0004_pledges"),
    migration!("0005_integrity"),
    migration!("0006_metrics_and_parts"),
    migration!("0007_analyst_views"),
    migration!("0008_query_indexes"),
    migration!(
        "0009_cheaper_checks",
        rebuilds: [
            "region",
            "campaign",
            "project",
            "target",
            "observation",
            "target_status",
            "fact_conflict",
        ]
    ),
    migration!("0010_metric_table_index"),
    migration!("0011_rollup_indexes"),
];

/// The version of `0006_metrics_and_parts`, after which rows written before it get their
/// canonical metric keys (SQL cannot read the indicator table, so Rust fills them).
const METRIC_KEYS_VERSION: usize = 6;

/// Fills `metric_key` of every target and observation that has none, from the indicator
/// table: one update per distinct metric text.
fn backfill_metric_keys(conn: &Connection) -> Result<()> {
    for table in ["target", "observation"] {
        let select = format!("SELECT DISTINCT metric FROM {table} WHERE metric_key IS NULL");
        let metrics: Vec<String> = conn
            .prepare(&select)
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .at("SELECT DISTINCT metric")?;
        let update =
            format!("UPDATE {table} SET metric_key = ?1 WHERE metric = ?2 AND metric_key IS NULL");
        for m in metrics {
            if let Some(key) = crate::store::metric_key(&m) {
                conn.execute(&update, rusqlite::params![key, m])
                    .at("UPDATE metric_key")?;
            }
        }
    }
    Ok(())
}

/// Runs migration `m`, version `version`, inside the caller's transaction, with the steps
/// SQL cannot take: rows that need Rust (metric keys) and the upkeep of a table rebuild.
fn apply(conn: &Connection, version: usize, m: &Migration) -> Result<()> {
    if m.rebuilds.is_empty() {
        conn.execute_batch(m.sql).at(m.name)?;
    } else {
        rebuild(conn, m)?;
    }
    if version == METRIC_KEYS_VERSION {
        backfill_metric_keys(conn)?;
    }
    Ok(())
}

/// Runs a migration that rebuilds tables, SQLite's way for changes `ALTER TABLE` cannot make
/// (<https://sqlite.org/lang_altertable.html#otheralter>): the SQL creates each new table
/// under another name, copies the rows, drops the old table and renames the new one. Around
/// it, this keeps what the drop would lose or break:
///
/// - foreign keys must be off (the caller's job: not settable inside a transaction), else
///   the drop's implicit `DELETE` would fire `ON DELETE CASCADE` and `SET NULL` in the tables
///   that reference the old one; refused here if they are on;
/// - the rename is a legacy one, so that views and other tables' triggers, which name the
///   table, are neither rewritten nor checked while it is missing;
/// - the rebuilt tables' indexes and triggers are recreated from their stored SQL, the same
///   text as before;
/// - `PRAGMA foreign_key_check` must find nothing before the caller commits.
fn rebuild(conn: &Connection, m: &Migration) -> Result<()> {
    let checked: bool = conn
        .query_row("SELECT foreign_keys FROM pragma_foreign_keys", [], |r| {
            r.get(0)
        })
        .at("PRAGMA foreign_keys")?;
    if checked {
        return Err(Error::NotALedger {
            reason: format!("{}: a table rebuild needs foreign keys off", m.name),
        });
    }
    const OWN: &str = "SELECT sql FROM sqlite_master
        WHERE type IN ('index', 'trigger') AND tbl_name = ?1 AND sql IS NOT NULL
        ORDER BY type, rowid";
    let mut kept = Vec::new();
    {
        let mut stmt = conn.prepare(OWN).at(OWN)?;
        for table in m.rebuilds {
            let rows = stmt.query_map([table], |r| r.get::<_, String>(0)).at(OWN)?;
            for sql in rows {
                kept.push(sql.at(OWN)?);
            }
        }
    }
    conn.pragma_update(None, "legacy_alter_table", true)
        .at("PRAGMA legacy_alter_table")?;
    let rebuilt = conn.execute_batch(m.sql).at(m.name);
    conn.pragma_update(None, "legacy_alter_table", false)
        .at("PRAGMA legacy_alter_table")?;
    rebuilt?;
    for sql in &kept {
        conn.execute_batch(sql).at(m.name)?;
    }
    let broken: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_foreign_key_check)",
            [],
            |r| r.get(0),
        )
        .at("PRAGMA foreign_key_check")?;
    if broken {
        return Err(Error::NotALedger {
            reason: format!("{}: foreign keys broken after the rebuild", m.name),
        });
    }
    Ok(())
}

/// The schema version this library writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const LOG_TABLE: &str = "CREATE TABLE IF NOT EXISTS planledger_migration (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    checksum    TEXT NOT NULL,
    applied_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)";

/// The SHA-256 of each migration's SQL, in order, computed once per process: every open
/// compares the file's migration log with them, and hashing the 50 KB of SQL on each open was
/// a third of its instructions.
fn checksums() -> &'static [String] {
    static SUMS: OnceCell<Vec<String>> = OnceCell::new();
    SUMS.get_or_init(|| {
        MIGRATIONS
            .iter()
            .map(|m| ContentHash::of(m.sql).as_str().to_string())
            .collect()
    })
}

pub(crate) fn user_version(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT user_version FROM pragma_user_version", [], |r| {
        r.get(0)
    })
    .at("PRAGMA user_version")
}

/// Refuses a file that this library must not touch, reading only: a newer schema, or an
/// SQLite file that holds something other than a ledger.
pub(crate) fn check_openable(conn: &Connection) -> Result<i64> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == 0 {
        // An empty database has no schema objects at all; even SQLite's own (an autoindex,
        // sqlite_sequence, sqlite_stat1) only come with a table of someone's.
        let objects = schema_objects(conn)?.len();
        if objects > 0 {
            return Err(Error::NotALedger {
                reason: format!(
                    "schema version 0 but {objects} schema objects: another application's database"
                ),
            });
        }
    }
    Ok(found)
}

/// Checks that every migration up to `version` was applied with the SQL this library has.
fn verify_applied(conn: &Connection, version: i64) -> Result<()> {
    let has_log: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master
                             WHERE type = 'table' AND name = 'planledger_migration')",
            [],
            |r| r.get(0),
        )
        .at("SELECT FROM sqlite_master")?;
    if !has_log {
        return Err(Error::NotALedger {
            reason: format!(
                "schema version {version} but no migration log: another application's database"
            ),
        });
    }
    let mut stmt = conn
        .prepare("SELECT name, checksum FROM planledger_migration WHERE version = ?1")
        .at("SELECT FROM planledger_migration")?;
    for (i, m) in MIGRATIONS.iter().enumerate().take(version as usize) {
        let v = i as i64 + 1;
        let row: Option<(String, String)> = stmt
            .query_row([v], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .at("SELECT FROM planledger_migration")?;
        match row {
            Some((name, sum)) if name == m.name && sum == checksums()[i] => {}
            Some(_) => {
                return Err(Error::MigrationChanged {
                    version: v,
                    name: m.name.to_string(),
                })
            }
            None => {
                return Err(Error::NotALedger {
                    reason: format!("migration {v} ({}) is not recorded", m.name),
                })
            }
        }
    }
    Ok(())
}

/// Brings a writable connection's schema to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    if check_openable(conn)? == SCHEMA_VERSION {
        return verify_applied(conn, SCHEMA_VERSION);
    }
    // Foreign keys can only be switched off outside a transaction; a table rebuild needs them
    // off (see `rebuild`), and `PRAGMA foreign_key_check` stands in for them before the commit.
    conn.pragma_update(None, "foreign_keys", false)
        .at("PRAGMA foreign_keys")?;
    let migrated = migrate_pending(conn);
    let restored = conn
        .pragma_update(None, "foreign_keys", true)
        .at("PRAGMA foreign_keys");
    migrated.and(restored)
}

/// The migrations a file lacks, in one transaction (foreign keys are off: see [`migrate`]).
fn migrate_pending(conn: &mut Connection) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .at("BEGIN IMMEDIATE")?;
    // Read again under the write lock: another process may have migrated in the meantime.
    let found = check_openable(&tx)?;
    verify_schema_at(&tx, found)?;
    tx.exec_batch(LOG_TABLE)?;
    verify_applied(&tx, found)?;
    for (i, m) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        apply(&tx, i + 1, m)?;
        tx.execute(
            "INSERT INTO planledger_migration (version, name, checksum) VALUES (?1, ?2, ?3)",
            rusqlite::params![i as i64 + 1, m.name, checksums()[i]],
        )
        .at("INSERT INTO planledger_migration")?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)
        .at("PRAGMA user_version")?;
    tx.commit().at("COMMIT")
}

/// Checks a read-only connection: the schema must already be current.
pub(crate) fn check_current(conn: &Connection) -> Result<()> {
    let found = check_file(conn)?;
    if found < SCHEMA_VERSION {
        return Err(Error::SchemaOutdated {
            found,
            required: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// `(type, name, sql)` of every schema object of one database.
type Schema = Vec<(String, String, Option<String>)>;

/// The schema objects the migrations leave a ledger at `version` with (0: an empty database).
fn expected_schema(version: i64) -> Result<&'static [(String, String, Option<String>)]> {
    static EXPECTED: OnceCell<Vec<Schema>> = OnceCell::new();
    let all = EXPECTED.get_or_try_init(|| {
        // The same steps `migrate` takes, one version at a time.
        let conn = Connection::open_in_memory().at("open in memory")?;
        conn.pragma_update(None, "foreign_keys", false)
            .at("PRAGMA foreign_keys")?;
        let mut versions = vec![schema_objects(&conn)?];
        conn.exec_batch(LOG_TABLE)?;
        for (i, m) in MIGRATIONS.iter().enumerate() {
            apply(&conn, i + 1, m)?;
            versions.push(schema_objects(&conn)?);
        }
        Ok::<_, Error>(versions)
    })?;
    usize::try_from(version)
        .ok()
        .and_then(|v| all.get(v))
        .map(Vec::as_slice)
        .ok_or_else(|| Error::NotALedger {
            reason: format!("no schema version {version}"),
        })
}

/// Every object in `conn`'s schema table, SQLite's own included (their names are compared
/// like any other: `LIKE 'sqlite_%'` would also pass `sqlite1evil` and `SQLITE_X`), except the
/// statistics tables `ANALYZE` creates, which are left out only under their exact names and
/// definitions: they change query plans, never results.
pub(crate) fn schema_objects(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>> {
    const SQL: &str = "SELECT type, name, sql FROM sqlite_master
        WHERE NOT (type = 'table' AND (
                   (name = 'sqlite_stat1' AND sql IS 'CREATE TABLE sqlite_stat1(tbl,idx,stat)')
                OR (name = 'sqlite_stat4'
                    AND sql IS 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)')))
        ORDER BY type, name";
    let mut stmt = conn.prepare(SQL).at(SQL)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .at(SQL)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().at(SQL)
}

/// Refuses a file whose schema differs from what the migrations create: an added trigger or
/// view would otherwise run inside this library's statements.
pub(crate) fn verify_schema(conn: &Connection) -> Result<()> {
    verify_schema_at(conn, SCHEMA_VERSION)
}

/// Like [`verify_schema`] for a file at `version`, before it is migrated: a tampered file is
/// refused before the migrations (or its own triggers) get to write to it.
pub(crate) fn verify_schema_at(conn: &Connection, version: i64) -> Result<()> {
    let found = schema_objects(conn)?;
    let expected = expected_schema(version)?;
    if found.as_slice() == expected {
        return Ok(());
    }
    let extra = found.iter().find(|o| !expected.contains(o));
    let missing = expected.iter().find(|o| !found.contains(o));
    let reason = match (extra, missing) {
        (Some((t, n, _)), _) => format!("unexpected or altered {t} {n:?} in the schema"),
        (None, Some((t, n, _))) => format!("{t} {n:?} is missing from the schema"),
        (None, None) => "schema objects differ".to_string(),
    };
    Err(Error::NotALedger { reason })
}

/// Every check that can refuse a file, reading only: not too new, not foreign, applied
/// migrations unchanged, schema exactly as the migrations left it at the file's version.
/// Returns that version. Runs before anything (the WAL switch, a migration) writes.
pub(crate) fn check_file(conn: &Connection) -> Result<i64> {
    let found = check_openable(conn)?;
    if found > 0 {
        // Version 0 has no log table to read (check_openable saw an empty schema).
        verify_applied(conn, found)?;
    }
    verify_schema_at(conn, found)?;
    Ok(found)
}
