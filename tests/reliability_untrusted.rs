//! Untrusted files: whatever is at the path — not SQLite, truncated, corrupted, too new,
//! tampered with — opening it gives a typed error, never a panic, and a refused file is left
//! byte-identical. `OpenOptions::verify_integrity(true)` catches damage that a plain open does
//! not read. (That every connection runs in defensive mode with `trusted_schema=OFF` is tested
//! next to the code that sets it: `cargo test --lib store::connection`.)

use planledger::model::{Project, Region};
use planledger::SCHEMA_VERSION;
use planledger::{Error, Ledger, OpenOptions};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

const PAGE: usize = 4096;

/// The four ways to open a file.
fn all_options() -> [(&'static str, OpenOptions); 4] {
    [
        ("writable", OpenOptions::new()),
        ("writable+verify", OpenOptions::new().verify_integrity(true)),
        ("read-only", OpenOptions::new().read_only(true)),
        (
            "read-only+verify",
            OpenOptions::new().read_only(true).verify_integrity(true),
        ),
    ]
}

/// How a ledger file is journaled when it arrives: as the library leaves it (WAL, closed
/// cleanly), or as a backup or a file converted elsewhere (rollback journal).
#[derive(Debug, Clone, Copy)]
enum Mode {
    Wal,
    Rollback,
}

/// A real ledger (the bundled Qingdao data), vacuumed so every page is in use, closed cleanly.
fn real_ledger(dir: &Path, name: &str, mode: Mode) -> PathBuf {
    let path = dir.join(name);
    let mut ledger = Ledger::open(&path).unwrap();
    planledger::dataset::load_qingdao(&mut ledger).unwrap();
    drop(ledger);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("VACUUM").unwrap();
    if let Mode::Rollback = mode {
        let m: String = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .unwrap();
        assert_eq!(m, "delete");
    }
    let free: i64 = conn
        .query_row("PRAGMA freelist_count", [], |r| r.get(0))
        .unwrap();
    assert_eq!(free, 0);
    drop(conn);
    assert_no_sidecars(&path);
    path
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// No journal with content beside the file. (A read-only open of a WAL file leaves an empty
/// `-wal` and a `-shm`, which SQLite needs to read it and a read-only connection may not
/// remove; neither holds data.)
fn assert_no_sidecars(path: &Path) {
    assert!(
        !sidecar(path, "-journal").exists(),
        "{path:?}: -journal left"
    );
    if let Ok(m) = std::fs::metadata(sidecar(path, "-wal")) {
        assert_eq!(m.len(), 0, "{path:?}: -wal with content left");
    }
}

/// splitmix64, for garbage that is the same on every run.
fn garbage(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as u8
        })
        .collect()
}

/// Opens `path` every way; each must be refused with an error `expected` accepts, leaving the
/// file byte-identical.
#[track_caller]
fn refused_every_way(path: &Path, case: &str, expected: impl Fn(&Error) -> bool) {
    let before = std::fs::read(path).unwrap();
    for (how, opts) in all_options() {
        match opts.open(path) {
            Err(e) => assert!(expected(&e), "{case}, {how}: unexpected error {e:?}"),
            Ok(_) => panic!("{case}, {how}: opened"),
        }
        assert!(
            std::fs::read(path).unwrap() == before,
            "{case}, {how}: the refused file changed"
        );
        assert_no_sidecars(path);
    }
}

fn not_a_ledger(e: &Error) -> bool {
    matches!(e, Error::NotALedger { .. })
}

fn corrupt(e: &Error) -> bool {
    matches!(e, Error::Corrupt { .. })
}

#[test]
fn files_that_are_not_sqlite_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.db");
    let cases: [(&str, Vec<u8>); 5] = [
        ("random bytes", garbage(8 * PAGE, 1)),
        (
            "a text file",
            "项目,投资\n泊里镇,24亿元\n".repeat(200).into_bytes(),
        ),
        ("five bytes", b"hello".to_vec()),
        ("an SQLite header on garbage", {
            let mut g = garbage(4 * PAGE, 2);
            g[..16].copy_from_slice(b"SQLite format 3\0");
            g
        }),
        ("a JSON Lines export", {
            let mut ledger = Ledger::open_in_memory().unwrap();
            planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
            let mut out = Vec::new();
            ledger.export_jsonl(&mut out).unwrap();
            out
        }),
    ];
    for (case, bytes) in cases {
        std::fs::write(&path, &bytes).unwrap();
        refused_every_way(&path, case, |e| not_a_ledger(e) || corrupt(e));
    }
}

/// SQLite's rule: a zero-length file is an empty database. A writable open makes it a new
/// ledger, exactly as for a path that does not exist yet; a read-only open refuses it as a
/// database at schema version 0 and leaves it empty.
#[test]
fn an_empty_file_is_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    for opts in [
        OpenOptions::new().read_only(true),
        OpenOptions::new().read_only(true).verify_integrity(true),
    ] {
        match opts.open(&path) {
            Err(Error::SchemaOutdated { found, required }) => {
                assert_eq!((found, required), (0, SCHEMA_VERSION))
            }
            other => panic!("expected SchemaOutdated, got {other:?}"),
        }
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
    }
    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(ledger.count::<Region>().unwrap(), 0);
}

#[test]
fn paths_that_are_no_file_give_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    assert!(matches!(
        OpenOptions::new().read_only(true).open(&missing),
        Err(Error::Io { .. })
    ));
    assert!(!missing.exists());
    for opts in [OpenOptions::new(), OpenOptions::new().read_only(true)] {
        assert!(matches!(opts.open(dir.path()), Err(Error::Io { .. })));
    }
    assert!(matches!(
        Ledger::open(dir.path().join("no-such-dir").join("x.db")),
        Err(Error::Io { .. })
    ));
}

#[test]
fn truncated_ledgers_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for mode in [Mode::Wal, Mode::Rollback] {
        let real = real_ledger(dir.path(), &format!("real-{mode:?}.db"), mode);
        let bytes = std::fs::read(&real).unwrap();
        let path = dir.path().join(format!("cut-{mode:?}.db"));
        for (case, len) in [
            ("cut in half", bytes.len() / 2),
            ("one page left", PAGE),
            ("cut mid-page", bytes.len() / 2 + 1000),
            ("a partial header", 60),
        ] {
            std::fs::write(&path, &bytes[..len]).unwrap();
            refused_every_way(&path, &format!("{mode:?} {case}"), |e| {
                corrupt(e) || not_a_ledger(e)
            });
        }
    }
}

/// Garbage over pages in the middle. `verify_integrity(true)` refuses the file at open; a
/// plain open reads only what opening needs (header, schema, migration log), so it may accept
/// the file, and the damage surfaces as `Error::Corrupt` from the statements that reach it.
#[test]
fn corrupted_ledgers_are_caught_by_verify_integrity() {
    let dir = tempfile::tempdir().unwrap();
    for mode in [Mode::Wal, Mode::Rollback] {
        let real = real_ledger(dir.path(), &format!("real-{mode:?}.db"), mode);
        let mut bytes = std::fs::read(&real).unwrap();
        let middle = bytes.len() / PAGE / 2 * PAGE;
        let noise = garbage(4 * PAGE, 3);
        bytes[middle..middle + noise.len()].copy_from_slice(&noise);
        let path = dir.path().join(format!("corrupt-{mode:?}.db"));
        std::fs::write(&path, &bytes).unwrap();

        for opts in [
            OpenOptions::new().verify_integrity(true),
            OpenOptions::new().read_only(true).verify_integrity(true),
        ] {
            match opts.open(&path) {
                Err(Error::Corrupt { detail }) => assert!(!detail.is_empty()),
                other => panic!("{mode:?}: expected Corrupt, got {other:?}"),
            }
            assert!(
                std::fs::read(&path).unwrap() == bytes,
                "{mode:?}: file changed"
            );
        }

        // Without the check: never a panic, never anything but Corrupt, whatever gets read.
        let ledger = OpenOptions::new().read_only(true).open(&path);
        let outcome = match &ledger {
            Err(e) => {
                assert!(corrupt(e), "{mode:?}: {e:?}");
                "refused at open".to_string()
            }
            Ok(l) => {
                let mut sink = Vec::new();
                match l.export_jsonl(&mut sink) {
                    Ok(n) => format!("opened; export read {n} rows without meeting the damage"),
                    Err(e) => {
                        assert!(corrupt(&e), "{mode:?}: {e:?}");
                        "opened; export failed with Corrupt".to_string()
                    }
                }
            }
        };
        eprintln!("{mode:?} corrupted file without verify_integrity: {outcome}");
        drop(ledger);
        assert!(
            std::fs::read(&path).unwrap() == bytes,
            "{mode:?}: file changed"
        );
    }
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for mode in [Mode::Wal, Mode::Rollback] {
        let path = real_ledger(dir.path(), &format!("newer-{mode:?}.db"), mode);
        Connection::open(&path)
            .unwrap()
            .execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
            .unwrap();
        refused_every_way(&path, &format!("{mode:?} newer"), |e| {
            matches!(e, Error::SchemaTooNew { found, supported }
                if *found == SCHEMA_VERSION + 1 && *supported == SCHEMA_VERSION)
        });
    }
}

#[test]
fn tampered_schemas_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let tampering = [
        (
            "an extra trigger",
            "CREATE TRIGGER wipe AFTER INSERT ON project BEGIN DELETE FROM region; END;",
        ),
        ("an extra view", "CREATE VIEW region AS SELECT 1"),
        (
            "a view over a table",
            "CREATE VIEW every_project AS SELECT * FROM project",
        ),
        ("an extra table", "CREATE TABLE notes (body TEXT)"),
        (
            "an extra index",
            "CREATE INDEX project_by_name ON project(name)",
        ),
        ("a dropped index", "DROP INDEX region_name"),
        ("a dropped trigger", "DROP TRIGGER search_project_insert"),
        (
            "a loosened CHECK",
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_master SET sql = replace(sql, 'CHECK (count >= 1)', 'CHECK (count >= 0)')
              WHERE name = 'project';",
        ),
    ];
    for mode in [Mode::Wal, Mode::Rollback] {
        let real = real_ledger(dir.path(), &format!("real-{mode:?}.db"), mode);
        for (i, (case, sql)) in tampering.iter().enumerate() {
            let path = dir.path().join(format!("tampered-{mode:?}-{i}.db"));
            std::fs::copy(&real, &path).unwrap();
            let conn = Connection::open(&path).unwrap();
            match conn.execute_batch(sql) {
                Ok(()) => {}
                // "an extra view" named like a table cannot be made; that is fine too.
                Err(_) if *case == "an extra view" => continue,
                Err(e) => panic!("{case}: {e}"),
            }
            drop(conn);
            assert!(
                std::fs::read(&path).unwrap() != std::fs::read(&real).unwrap(),
                "{case}: the tampering changed nothing"
            );
            refused_every_way(&path, &format!("{mode:?} {case}"), not_a_ledger);
        }
    }
}

/// A file of an older schema version with an added trigger is refused before any migration
/// runs on it: the migrations would otherwise write to it, inside the stranger's triggers.
#[test]
fn a_tampered_older_ledger_is_refused_before_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let frozen = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schema_v1.sql"
    ))
    .unwrap();
    let checksum = planledger::model::ContentHash::of(include_str!("../migrations/0001_core.sql"));
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&frozen).unwrap();
        conn.execute(
            "INSERT INTO planledger_migration (version, name, checksum) VALUES (1, '0001_core', ?1)",
            [checksum.as_str()],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO region (name, kind) VALUES ('青岛市', 'prefecture');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    // Untampered, it migrates (the control)...
    let control = dir.path().join("v1-control.db");
    std::fs::copy(&path, &control).unwrap();
    drop(Ledger::open(&control).unwrap());

    // ...with a stranger's trigger, it is refused as it is.
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER keep_out AFTER INSERT ON region BEGIN DELETE FROM region; END;",
        )
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    for (how, opts) in all_options() {
        let result = opts.open(&path);
        let expected = if how.starts_with("read-only") {
            // Read-only refuses the old version before reading further.
            matches!(
                result,
                Err(Error::NotALedger { .. }) | Err(Error::SchemaOutdated { .. })
            )
        } else {
            matches!(result, Err(Error::NotALedger { .. }))
        };
        assert!(expected, "{how}: {result:?}");
        assert!(
            std::fs::read(&path).unwrap() == before,
            "{how}: the file changed"
        );
    }
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "PRAGMA journal_mode = DELETE;
             CREATE TABLE project (id INTEGER PRIMARY KEY, count INTEGER);
             INSERT INTO project VALUES (1, 8);",
        )
        .unwrap();
    refused_every_way(&path, "another application's database", not_a_ledger);
}

/// The refusals above are no accident of a fresh library: the untouched fixture opens.
#[test]
fn the_real_ledger_fixtures_open() {
    let dir = tempfile::tempdir().unwrap();
    for mode in [Mode::Wal, Mode::Rollback] {
        let path = real_ledger(dir.path(), &format!("real-{mode:?}.db"), mode);
        for (how, opts) in all_options() {
            let ledger = opts
                .open(&path)
                .unwrap_or_else(|e| panic!("{mode:?} {how}: {e:?}"));
            assert!(ledger.count::<Project>().unwrap() > 0);
        }
    }
}

/// SQLite's own objects are named exactly `sqlite_sequence`, `sqlite_stat1`, `sqlite_stat4`
/// and `sqlite_autoindex_<table>_<n>`. `LIKE 'sqlite_%'` also matches `sqlite1evil` (`_` is a
/// wildcard) and `SQLITE_…` (LIKE ignores case), so the schema check must compare names
/// exactly: an object named like that is a stranger like any other.
#[test]
fn objects_named_almost_like_sqlites_own_are_strangers() {
    let dir = tempfile::tempdir().unwrap();
    let tampering = [
        (
            "a trigger named sqlite1evil",
            "CREATE TRIGGER sqlite1evil AFTER INSERT ON evidence BEGIN DELETE FROM evidence; END;",
        ),
        ("a table named sqlite9data", "CREATE TABLE sqlite9data (x)"),
        (
            "a view named Sqlite1View",
            "CREATE VIEW Sqlite1View AS SELECT * FROM project",
        ),
        (
            "an index named sqlitexindex",
            "CREATE INDEX sqlitexindex ON project(name)",
        ),
        (
            "a trigger named sqlite_x written into the schema table",
            "PRAGMA writable_schema = ON;
             INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES
               ('trigger', 'sqlite_x', 'evidence', 0,
                'CREATE TRIGGER sqlite_x AFTER INSERT ON evidence BEGIN DELETE FROM evidence; END');",
        ),
    ];
    for mode in [Mode::Wal, Mode::Rollback] {
        let real = real_ledger(dir.path(), &format!("real-{mode:?}.db"), mode);
        for (i, (case, sql)) in tampering.iter().enumerate() {
            let path = dir.path().join(format!("named-{mode:?}-{i}.db"));
            std::fs::copy(&real, &path).unwrap();
            Connection::open(&path).unwrap().execute_batch(sql).unwrap();
            refused_every_way(&path, &format!("{mode:?} {case}"), not_a_ledger);

            // Nor does a restore plant it in a live ledger.
            let mut live = Ledger::open(dir.path().join(format!("live-{mode:?}-{i}.db"))).unwrap();
            let result = live.restore_from(&path);
            assert!(
                matches!(result, Err(Error::NotALedger { .. })),
                "{mode:?} {case}: restore gave {result:?}"
            );
            assert_eq!(
                live.count::<Region>().unwrap(),
                0,
                "{case}: restore changed the ledger"
            );
        }
    }

    // SQLite's own statistics, under their exact names, are no tampering: ANALYZE is fine.
    let analysed = real_ledger(dir.path(), "analysed.db", Mode::Wal);
    Connection::open(&analysed)
        .unwrap()
        .execute_batch("ANALYZE")
        .unwrap();
    for (how, opts) in all_options() {
        let ledger = opts.open(&analysed);
        assert!(ledger.is_ok(), "after ANALYZE, {how}: {ledger:?}");
    }

    // A foreign file whose only table is named like SQLite's own is not an empty database to
    // migrate into.
    let path = dir.path().join("foreign.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "PRAGMA journal_mode = DELETE;
             CREATE TABLE sqlite9data (x); INSERT INTO sqlite9data VALUES (1);",
        )
        .unwrap();
    refused_every_way(&path, "a foreign table named sqlite9data", |e| {
        not_a_ledger(e) || matches!(e, Error::SchemaOutdated { found: 0, .. })
    });
}

/// A crash leaves a `-wal` (or, in rollback-journal mode, a hot journal) beside a file. The
/// checks that can refuse the file must see what the journal holds without letting SQLite
/// replay it into the file: a refused file, its `-wal` and its journal stay byte-identical.
#[test]
fn a_refused_file_keeps_its_wal_and_journal_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let newer = format!("PRAGMA user_version = {};", SCHEMA_VERSION + 99);
    type Case<'a> = (&'a str, &'a str, fn(&Error) -> bool);
    let cases: [Case<'_>; 2] = [
        (
            "a newer version",
            &newer,
            |e| matches!(e, Error::SchemaTooNew { found, .. } if *found == SCHEMA_VERSION + 99),
        ),
        (
            "a stranger's trigger",
            "CREATE TRIGGER wipe AFTER INSERT ON evidence BEGIN DELETE FROM evidence; END;",
            not_a_ledger,
        ),
    ];
    for (i, &(case, sql, expected)) in cases.iter().enumerate() {
        // In the -wal of a file that was not checkpointed when its writer died.
        let real = real_ledger(dir.path(), &format!("wal-real-{i}.db"), Mode::Wal);
        let path = dir.path().join(format!("wal-{i}.db"));
        crash_left_wal(&real, &path, sql);
        refused_with_journal(&path, "-wal", &format!("WAL: {case}"), expected);

        // In the file, with a hot journal beside it from a write that died halfway.
        let real = real_ledger(dir.path(), &format!("hot-real-{i}.db"), Mode::Rollback);
        let path = dir.path().join(format!("hot-{i}.db"));
        Connection::open(&real).unwrap().execute_batch(sql).unwrap();
        crash_left_hot_journal(&real, &path);
        refused_with_journal(&path, "-journal", &format!("hot journal: {case}"), expected);
    }
}

/// Copies the WAL-mode ledger `real` to `path` as a crash would leave it after `sql`
/// committed: the commit only in the `-wal`, not checkpointed.
fn crash_left_wal(real: &Path, path: &Path, sql: &str) {
    let writer = Connection::open(real).unwrap();
    writer
        .execute_batch(&format!("PRAGMA wal_autocheckpoint = 0; {sql}"))
        .unwrap();
    std::fs::copy(real, path).unwrap();
    std::fs::copy(sidecar(real, "-wal"), sidecar(path, "-wal")).unwrap();
    assert!(std::fs::metadata(sidecar(path, "-wal")).unwrap().len() > 0);
}

/// Copies the rollback-journal ledger `real` to `path` as a crash in the middle of a write
/// would leave it: changed pages already in the file, the originals in a hot journal.
fn crash_left_hot_journal(real: &Path, path: &Path) {
    let writer = Connection::open(real).unwrap();
    // A tiny cache makes SQLite write changed pages to the file before the commit, after
    // saving the originals in the journal.
    writer
        .execute_batch(
            "PRAGMA cache_size = 2; BEGIN;
             UPDATE source SET title = title || '（修订）';
             UPDATE project SET sector = 'x';",
        )
        .unwrap();
    std::fs::copy(real, path).unwrap();
    std::fs::copy(sidecar(real, "-journal"), sidecar(path, "-journal")).unwrap();
    writer.execute_batch("ROLLBACK").unwrap();
    assert!(
        std::fs::read(path).unwrap() != std::fs::read(real).unwrap(),
        "the interrupted write reached the file"
    );
}

/// Opens `path` every way; each must be refused as `expected` says, leaving the file and its
/// journal (`-wal` or `-journal`) byte-identical.
#[track_caller]
fn refused_with_journal(path: &Path, journal: &str, case: &str, expected: fn(&Error) -> bool) {
    let before = std::fs::read(path).unwrap();
    let journal_before = std::fs::read(sidecar(path, journal)).unwrap();
    for (how, opts) in all_options() {
        match opts.open(path) {
            Err(e) => assert!(expected(&e), "{case}, {how}: unexpected error {e:?}"),
            Ok(_) => panic!("{case}, {how}: opened"),
        }
        assert!(
            std::fs::read(path).unwrap() == before,
            "{case}, {how}: the refused file changed"
        );
        assert!(
            std::fs::read(sidecar(path, journal)).ok() == Some(journal_before.clone()),
            "{case}, {how}: its {journal} changed or vanished"
        );
    }
}

/// The control: a ledger's own crash-left `-wal` and hot journal are recovered by a writable
/// open as SQLite always does, after the checks pass. A read-only open cannot roll a hot
/// journal back, and says so.
#[test]
fn a_ledgers_own_wal_and_hot_journal_are_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let real = real_ledger(dir.path(), "wal-real.db", Mode::Wal);
    let path = dir.path().join("wal.db");
    crash_left_wal(&real, &path, "UPDATE project SET sector = '试点';");
    for (how, opts) in all_options() {
        let ledger = opts.open(&path).unwrap_or_else(|e| panic!("{how}: {e:?}"));
        let mut export = Vec::new();
        ledger.export_jsonl(&mut export).unwrap();
        let export = String::from_utf8(export).unwrap();
        assert!(
            export.contains("\"sector\":\"试点\""),
            "{how}: the -wal's commit is not seen"
        );
    }

    let real = real_ledger(dir.path(), "hot-real.db", Mode::Rollback);
    let path = dir.path().join("hot.db");
    crash_left_hot_journal(&real, &path);
    let before = std::fs::read(&path).unwrap();
    match OpenOptions::new().read_only(true).open(&path) {
        Err(Error::Storage { statement, .. }) => {
            assert!(statement.contains("writable"), "{statement}")
        }
        other => panic!("read-only open of a hot journal: {other:?}"),
    }
    assert!(std::fs::read(&path).unwrap() == before);
    let ledger = OpenOptions::new()
        .verify_integrity(true)
        .open(&path)
        .unwrap();
    let expected = Ledger::open(&real).unwrap();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    ledger.export_jsonl(&mut a).unwrap();
    expected.export_jsonl(&mut b).unwrap();
    assert!(a == b, "the interrupted write was not rolled back");
    assert!(!sidecar(&path, "-journal").exists());
}

const PATHS_CHILD_ENV: &str = "PLANLEDGER_PATHS_CHILD";

/// A path is a path: `file:plans.db?nolock=1` names a file of that name, not an SQLite URI
/// (whose options would be honoured and which `restore_from`'s same-file check would not
/// recognise), and `:memory:` names a file too. Relative paths need a working directory of
/// their own, so the checks run in a child process (this test binary, re-run in a temporary
/// directory).
#[test]
fn paths_are_paths_not_uris() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "paths_child",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(PATHS_CHILD_ENV, "1")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{log}");
    assert!(
        log.contains("paths child done"),
        "the child did not run:\n{log}"
    );
}

/// The child of [`paths_are_paths_not_uris`]; does nothing in an ordinary run.
#[test]
fn paths_child() {
    if std::env::var_os(PATHS_CHILD_ENV).is_none() {
        return;
    }
    let names = |dir: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let uri = "file:plans.db?nolock=1";
    let mut ledger = Ledger::open(uri).unwrap();
    planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    assert_eq!(ledger.path(), Some(Path::new(uri)));
    drop(ledger);
    assert_eq!(
        names(Path::new(".")),
        [uri],
        "the file is not named as given"
    );

    // A URI naming a file that does exist is still only a (missing) path.
    Ledger::open("plans.db").unwrap();
    let r = OpenOptions::new()
        .read_only(true)
        .open("file:plans.db?mode=ro");
    assert!(matches!(r, Err(Error::Io { .. })), "{r:?}");
    // restore_from onto a ledger's own file under a URI is no restore from a backup.
    let mut own = Ledger::open("plans.db").unwrap();
    planledger::gazetteer::load_qingdao(&mut own).unwrap();
    let before = own.count::<Region>().unwrap();
    let r = own.restore_from("file:plans.db");
    assert!(r.is_err(), "restored from its own file: {r:?}");
    assert_eq!(own.count::<Region>().unwrap(), before);
    drop(own);

    // ":memory:" is a file name like any other.
    let mem = Ledger::open(":memory:").unwrap();
    assert_eq!(mem.path(), Some(Path::new(":memory:")));
    drop(mem);
    assert!(Path::new(":memory:").is_file());
    println!("paths child done");
}

/// Another application's database that happens to set `user_version` to one of ours is still
/// not a ledger (it was `Error::Storage`: no such table `planledger_migration`).
#[test]
fn another_applications_database_at_our_versions_is_not_a_ledger() {
    let dir = tempfile::tempdir().unwrap();
    for version in 1..=SCHEMA_VERSION + 1 {
        let path = dir.path().join(format!("other-v{version}.db"));
        Connection::open(&path)
            .unwrap()
            .execute_batch(&format!(
                "PRAGMA journal_mode = DELETE;
                 CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
                 INSERT INTO notes (body) VALUES ('hello');
                 PRAGMA user_version = {version};"
            ))
            .unwrap();
        if version > SCHEMA_VERSION {
            refused_every_way(&path, "another application's newer version", |e| {
                matches!(e, Error::SchemaTooNew { .. })
            });
        } else {
            refused_every_way(&path, &format!("another application at {version}"), |e| {
                not_a_ledger(e)
            });
        }
    }
}
