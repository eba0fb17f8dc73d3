//! Opening, migrating and refusing databases.

use planledger::model::{ContentHash, Project, Region, RegionKind};
use planledger::SCHEMA_VERSION;
use planledger::{Error, Ledger, OpenOptions};
use rusqlite::Connection;
use std::path::Path;

/// SHA-256 of `migrations/0001_core.sql` as it landed. A landed migration is never edited; if
/// this fails, revert the edit and put the change in a new migration.
const V1_CHECKSUM: &str = "4b535f5b27df0b2769ef99a143f333dbb92fd3d9c54fda987d1a5abcdb2708dc";

fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn raw(path: &Path) -> Connection {
    Connection::open(path).unwrap()
}

/// SHA-256 of every landed migration, in order. A landed migration is never edited; if one of
/// these fails, revert the edit and put the change in a new migration.
const LANDED: [(&str, &str); 9] = [
    ("0001_core", V1_CHECKSUM),
    (
        "0002_search",
        "b6fbf321e898c15dd27d148943872fbe14101346ea2ea3dd2cb37d36e3dad801",
    ),
    (
        "0003_region_totals",
        "bd3e81558a1d38fcf3006f28d796a35f1158be25ad4d058cc97b8d3d665dd3ed",
    ),
    (
        "0004_pledges",
        "b30539bcd5195c4754f831780dc91b4dcad1c2562c89440c8f7510e89206e19c",
    ),
    (
        "0005_integrity",
        "d42928c2f25de3d8935aea5d817529c103c8af008c52889b6c3d5e1f5e2d2246",
    ),
    (
        "0006_metrics_and_parts",
        "8f30397320f15021f76a0c79a41bcf825166cb915a99d959ee0b7acc719657b9",
    ),
    (
        "0007_analyst_views",
        "cd3232f0b6bcfa18aca44d799efd14a6144d4f67b4671696dd3aa901c7b83068",
    ),
    (
        "0008_query_indexes",
        "b1ef67ff5af2a4a76888cec7e909fb6519f4d90696991b966e121616676069ef",
    ),
    // 0009 lands from another branch; the merge puts it before this one.
    (
        "0010_metric_table_index",
        "1818b2249be0f8dfc8aacdfb54d5f77f364d34c0c75f9b7e13e69219e6adfe81",
    ),
];

#[test]
fn landed_migrations_are_unchanged() {
    for (name, checksum) in LANDED {
        let sql = std::fs::read_to_string(format!(
            "{}/migrations/{name}.sql",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert_eq!(
            ContentHash::of(&sql).as_str(),
            checksum,
            "{name} was edited"
        );
    }
}

/// Every migration the library applies is pinned above: a new one gets its checksum here in
/// the commit that lands it, so no landed migration goes unguarded.
#[test]
fn every_migration_is_pinned() {
    let dir = format!("{}/migrations", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(".sql").map(str::to_string))
        .collect();
    files.sort();
    let pinned: Vec<&str> = LANDED.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        files, pinned,
        "pin each landed migration's checksum in LANDED"
    );
    assert_eq!(LANDED.len() as i64, SCHEMA_VERSION);
}

#[test]
fn fresh_open_creates_the_latest_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(ledger.path(), Some(path.as_path()));
    drop(ledger);
    let conn = raw(&path);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let logged: i64 = conn
        .query_row("SELECT count(*) FROM planledger_migration", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(logged, SCHEMA_VERSION);
}

#[test]
fn reopening_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("again.db");
    let mut ledger = Ledger::open(&path).unwrap();
    ledger
        .insert(&Region::new("青岛市", RegionKind::Prefecture))
        .unwrap();
    drop(ledger);
    let before_bytes = std::fs::read(&path).unwrap();
    let before_schema = schema(&raw(&path));
    let log = |p: &Path| -> Vec<(i64, String, String, String)> {
        let c = raw(p);
        let mut s = c
            .prepare("SELECT version, name, checksum, applied_at FROM planledger_migration")
            .unwrap();
        let rows = s
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    let before_log = log(&path);
    for _ in 0..3 {
        let ledger = Ledger::open(&path).unwrap();
        assert_eq!(ledger.schema_version().unwrap(), SCHEMA_VERSION);
    }
    assert_eq!(schema(&raw(&path)), before_schema);
    assert_eq!(log(&path), before_log);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before_bytes,
        "reopening rewrote the file"
    );
}

#[test]
fn an_edited_migration_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.db");
    drop(Ledger::open(&path).unwrap());
    // What an edited migration looks like from the file's side: the recorded checksum no
    // longer matches the SQL the library carries.
    raw(&path)
        .execute(
            "UPDATE planledger_migration SET checksum = ?1 WHERE version = 1",
            [ContentHash::of("edited").as_str()],
        )
        .unwrap();
    match Ledger::open(&path) {
        Err(Error::MigrationChanged { version, name }) => {
            assert_eq!(version, 1);
            assert_eq!(name, "0001_core");
        }
        other => panic!("expected MigrationChanged, got {other:?}"),
    }
    assert!(matches!(
        OpenOptions::new().read_only(true).open(&path),
        Err(Error::MigrationChanged { .. })
    ));
}

#[test]
fn a_newer_schema_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    drop(Ledger::open(&path).unwrap());
    {
        let conn = raw(&path);
        // Leave a self-contained file (no WAL beside it) so its bytes say everything.
        conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    for opts in [OpenOptions::new(), OpenOptions::new().read_only(true)] {
        match opts.open(&path) {
            Err(Error::SchemaTooNew { found, supported }) => {
                assert_eq!(found, 999);
                assert_eq!(supported, SCHEMA_VERSION);
            }
            other => panic!("expected SchemaTooNew, got {other:?}"),
        }
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let wal = path.with_extension("db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
}

#[test]
fn another_applications_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    raw(&path)
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(Ledger::open(&path), Err(Error::NotALedger { .. })));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn read_only_open_needs_an_existing_current_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    assert!(matches!(
        OpenOptions::new().read_only(true).open(&missing),
        Err(Error::Io { .. })
    ));
    assert!(!missing.exists());

    let path = dir.path().join("ro.db");
    let mut ledger = Ledger::open(&path).unwrap();
    let id = ledger
        .insert(&Region::new("莱西市", RegionKind::CountyLevelCity))
        .unwrap();
    drop(ledger);
    let mut ro = OpenOptions::new().read_only(true).open(&path).unwrap();
    assert_eq!(ro.get(id).unwrap().name, "莱西市");
    assert!(ro
        .insert(&Region::new("莱阳市", RegionKind::CountyLevelCity))
        .is_err());
}

/// A database created by migration 0001 alone, from the frozen copy of its schema, upgrades to
/// the latest version, keeps its rows, and ends with exactly the schema of a fresh database.
#[test]
fn a_version_1_database_upgrades_to_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v1.db");
    let frozen = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schema_v1.sql"
    ))
    .unwrap();
    {
        let conn = raw(&old);
        conn.execute_batch(&frozen).unwrap();
        conn.execute(
            "INSERT INTO planledger_migration (version, name, checksum) VALUES (1, '0001_core', ?1)",
            [V1_CHECKSUM],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO region (name, kind, code) VALUES ('青岛市', 'prefecture', '370200');
             INSERT INTO project (region_id, count, investment, status, year) VALUES (1, 8, 3710000000, 'signed', 2020);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let ledger = Ledger::open(&old).unwrap();
    assert_eq!(ledger.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(ledger.count::<Project>().unwrap(), 1);
    assert_eq!(ledger.find_regions("370200").unwrap()[0].name, "青岛市");
    drop(ledger);

    let fresh = dir.path().join("fresh.db");
    drop(Ledger::open(&fresh).unwrap());
    assert_eq!(schema(&raw(&old)), schema(&raw(&fresh)));
}

#[test]
fn concurrent_first_opens_migrate_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.db");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let p = path.clone();
            std::thread::spawn(move || Ledger::open(&p).map(|l| l.schema_version().unwrap()))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap(), SCHEMA_VERSION);
    }
    let logged: i64 = raw(&path)
        .query_row("SELECT count(*) FROM planledger_migration", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(logged, SCHEMA_VERSION);
}

/// A database at version 4, from the frozen copy of migrations 0001–0004, upgrades through
/// 0005: its rows are kept, a region total an older version let drift into floating point is
/// recomputed exactly, and the schema ends exactly as a fresh database's.
#[test]
fn a_version_4_database_upgrades_to_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v4.db");
    let frozen = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schema_v4.sql"
    ))
    .unwrap();
    {
        let conn = raw(&old);
        conn.execute_batch(&frozen).unwrap();
        for (i, (name, checksum)) in LANDED[..4].iter().enumerate() {
            conn.execute(
                "INSERT INTO planledger_migration (version, name, checksum) VALUES (?1, ?2, ?3)",
                rusqlite::params![i as i64 + 1, name, checksum],
            )
            .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO region (name, kind, code) VALUES ('青岛市', 'prefecture', '370200');
             INSERT INTO project (region_id, count, investment, status, year, deadline)
                 VALUES (1, 8, 3710000000, 'signed', 2020, '2020-12-31');
             INSERT INTO project (region_id, count, investment) VALUES (1, 2, 9223372036854775000);
             INSERT INTO project (region_id, count, investment) VALUES (1, 1, 5000);
             PRAGMA user_version = 4;",
        )
        .unwrap();
        // What 0003's triggers did past i64: the total is now floating point.
        let kind: String = conn
            .query_row("SELECT typeof(investment) FROM region_totals", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(kind, "real");
        conn.execute_batch("DELETE FROM project WHERE count = 2")
            .unwrap();
    }
    let ledger = Ledger::open(&old).unwrap();
    assert_eq!(ledger.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(ledger.count::<Project>().unwrap(), 2);
    let city = ledger.resolve_region("370200").unwrap();
    let totals = ledger.subtree_totals(city).unwrap();
    assert_eq!(
        (totals.investment.yuan(), totals.projects),
        (3_710_005_000, 9)
    );
    drop(ledger);

    let fresh = dir.path().join("fresh.db");
    drop(Ledger::open(&fresh).unwrap());
    assert_eq!(schema(&raw(&old)), schema(&raw(&fresh)));
}
