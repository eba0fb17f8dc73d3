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
const LANDED: [(&str, &str); 11] = [
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
    (
        "0009_cheaper_checks",
        "c09ad637f4e74e62176cb1334dac3d20a6e24c13c97d4a76f1af1853f5f162c9",
    ),
    (
        "0010_metric_table_index",
        "1818b2249be0f8dfc8aacdfb54d5f77f364d34c0c75f9b7e13e69219e6adfe81",
    ),
    (
        "0011_rollup_indexes",
        "de3763a21faa7d9071fa430f68b36bdc4bc68b72eceec900bf4967b2bf008df8",
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

/// The log table as the migration runner creates it.
const LOG_TABLE: &str = "CREATE TABLE IF NOT EXISTS planledger_migration (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    checksum    TEXT NOT NULL,
    applied_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)";

/// A database at `version`, made by running the landed migration files (pinned above) as the
/// runner did, with their log rows.
fn database_at(conn: &Connection, version: usize) {
    conn.execute_batch(LOG_TABLE).unwrap();
    for (i, (name, checksum)) in LANDED[..version].iter().enumerate() {
        let sql = std::fs::read_to_string(format!(
            "{}/migrations/{name}.sql",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        conn.execute_batch(&sql).unwrap();
        conn.execute(
            "INSERT INTO planledger_migration (version, name, checksum) VALUES (?1, ?2, ?3)",
            rusqlite::params![i as i64 + 1, name, checksum],
        )
        .unwrap();
    }
    conn.pragma_update(None, "user_version", version as i64)
        .unwrap();
}

/// Every row of every table (FTS5's shadow tables and the derived totals included), by table.
fn content(conn: &Connection) -> Vec<(String, Vec<Vec<rusqlite::types::Value>>)> {
    let mut tables = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'planledger_migration' \
             AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
        )
        .unwrap();
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names
        .into_iter()
        .map(|name| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{name}\" ORDER BY 1"))
                .unwrap();
            let width = stmt.column_count();
            let rows = stmt
                .query_map([], |r| (0..width).map(|i| r.get(i)).collect())
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (name, rows)
        })
        .collect()
}

/// 0009 rebuilds seven tables to cheapen their CHECKs. A version-8 file with rows in all of
/// them, and rows elsewhere that reference them with `ON DELETE CASCADE`, `SET NULL` and
/// `RESTRICT`, keeps every row of every table (search entries and totals included), passes
/// SQLite's integrity and foreign-key checks, ends with a fresh database's schema, and its
/// triggers and foreign keys still act afterwards.
#[test]
fn a_version_8_database_keeps_every_row_through_the_table_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v8.db");
    let before = {
        let conn = raw(&old);
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        database_at(&conn, 8);
        conn.execute_batch(
            "INSERT INTO region (name, kind, code) VALUES ('青岛市', 'prefecture', '370200');
             INSERT INTO region (name, kind, parent_id) VALUES ('泊里镇', 'town', 1);
             INSERT INTO campaign (name, kind, region_id, year) VALUES ('项目建设年', 'themed_year', 1, 2023);
             INSERT INTO project (name, region_id, count, investment, status, campaign_id)
                 VALUES ('港口物流园', 2, 8, 3710000000, 'signed', 1);
             INSERT INTO project (name, region_id, parent_id, investment_cmp)
                 VALUES ('冷链仓储', 2, 1, 'over');
             INSERT INTO project (name, region_id, count, investment) VALUES ('装备产业园', 2, 3, 500);
             INSERT INTO project (region_id, count, part_of_id) VALUES (2, 2, 3);
             INSERT INTO person (name) VALUES ('张三');
             INSERT INTO target (region_id, metric, measure, value_e4, unit, comparator, year, owner_id, metric_key)
                 VALUES (1, '地区生产总值', 'growth', 50000, '%', 'at_least', 2023, 1, 'gdp');
             INSERT INTO observation (region_id, metric, measure, value_e4, unit, period, target_id)
                 VALUES (1, '地区生产总值', 'growth', 52000, '%', '2023', 1);
             INSERT INTO source (title, chars, text) VALUES ('报道', 10, '0123456789');
             INSERT INTO evidence (source_id, project_id, span_start, span_end, method) VALUES (1, 1, 0, 4, 'manual');
             INSERT INTO evidence (source_id, target_id, span_start, span_end, method) VALUES (1, 1, 0, 4, 'manual');
             INSERT INTO target_status (target_id, as_of, status, rule, observation_id, observed_e4)
                 VALUES (1, '2024-01-31', 'achieved', 'reached', 1, 52000);
             INSERT INTO fact_conflict (project_id, other_project_id, field, value, other_value, rule)
                 VALUES (1, 3, 'investment', 3710000000, 500, 'same_name');",
        )
        .unwrap();
        content(&conn)
    };
    for table in [
        "region",
        "campaign",
        "project",
        "target",
        "observation",
        "target_status",
    ] {
        let rows = before
            .iter()
            .find(|(name, _)| name == table)
            .map(|(_, r)| r.len());
        assert!(rows > Some(0), "{table}");
    }
    let ledger = Ledger::open(&old).unwrap();
    assert_eq!(ledger.schema_version().unwrap(), SCHEMA_VERSION);
    drop(ledger);

    let conn = raw(&old);
    assert_eq!(content(&conn), before);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    let fresh = dir.path().join("fresh.db");
    drop(Ledger::open(&fresh).unwrap());
    assert_eq!(schema(&conn), schema(&raw(&fresh)));

    // The recreated triggers and the foreign keys act on the rebuilt tables.
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let evidence = |c: &Connection| -> i64 {
        c.query_row("SELECT count(*) FROM evidence", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(evidence(&conn), 2);
    let restricted = conn.execute("DELETE FROM project WHERE id = 1", []);
    assert!(restricted.is_err(), "a batch with a member is kept");
    conn.execute_batch("DELETE FROM project WHERE id = 2; DELETE FROM project WHERE id = 1")
        .unwrap();
    assert_eq!(evidence(&conn), 1, "the batch's evidence went with it");
    let conflicts: i64 = conn
        .query_row("SELECT count(*) FROM fact_conflict", [], |r| r.get(0))
        .unwrap();
    assert_eq!(conflicts, 0);
    let (rows, projects): (i64, i64) = conn
        .query_row(
            "SELECT rows, projects FROM region_totals WHERE region_id = 2",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (rows, projects),
        (1, 3),
        "the totals trigger took the batch out"
    );
    let found: i64 = conn
        .query_row(
            "SELECT count(*) FROM search_index WHERE search_index MATCH '产业园'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, 1);
}

/// The CHECKs 0009 rewrote accept and refuse exactly what 0001's and 0004's `IN` lists did,
/// under the same names: every listed word of every list, other columns' words, case and
/// space variants, the empty text, NULL, a number and a blob, in every rewritten column,
/// against the version-8 schema (triggers set aside on both: only the table rules compared).
#[test]
fn rewritten_checks_accept_exactly_what_the_in_lists_did() {
    let dir = tempfile::tempdir().unwrap();
    let old = raw(&dir.path().join("v8.db"));
    database_at(&old, 8);
    let path = dir.path().join("latest.db");
    drop(Ledger::open(&path).unwrap());
    let new = raw(&path);
    for conn in [&old, &new] {
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        let triggers: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for t in triggers {
            conn.execute_batch(&format!("DROP TRIGGER {t}")).unwrap();
        }
    }
    use rusqlite::types::Value;
    let words = "eq over at_least about at_most planned signed started under_construction \
        completed in_operation cancelled level growth share achieved on_track at_risk missed \
        no_data investment count value themed_year battle action program slogan country province \
        prefecture district county county_level_city new_area town township subdistrict \
        economic_zone development_zone park village";
    let mut candidates: Vec<Value> = Vec::new();
    for w in words.split(' ') {
        candidates.push(Value::Text(w.to_string()));
        candidates.push(Value::Text(w.to_uppercase()));
        candidates.push(Value::Text(format!("{w} ")));
        candidates.push(Value::Blob(w.as_bytes().to_vec()));
    }
    for code in [
        "370200",
        "370200000",
        "370200000000",
        "37020",
        "3702000",
        "37020a",
    ] {
        candidates.push(Value::Text(code.to_string()));
    }
    candidates.extend([
        Value::Null,
        Value::Text(String::new()),
        Value::Integer(370200),
        Value::Integer(1),
    ]);
    // One insert per rewritten column: ?1 the candidate, ?2 a fresh number.
    let inserts = [
        "INSERT INTO region (name, kind) VALUES ('r' || ?2, ?1)",
        "INSERT INTO region (name, kind, code) VALUES ('r' || ?2, 'town', ?1)",
        "INSERT INTO campaign (name, kind) VALUES ('c' || ?2, ?1)",
        "INSERT INTO project (investment_cmp, count) VALUES (?1, ?2)",
        "INSERT INTO project (status, count) VALUES (?1, ?2)",
        "INSERT INTO target (metric, measure, value_e4, unit) VALUES ('m', ?1, ?2, 'u')",
        "INSERT INTO target (metric, measure, value_e4, unit, comparator) VALUES ('m', 'level', ?2, 'u', ?1)",
        "INSERT INTO observation (metric, measure, value_e4, unit) VALUES ('m', ?1, ?2, 'u')",
        "INSERT INTO observation (metric, measure, value_e4, unit, comparator) VALUES ('m', 'level', ?2, 'u', ?1)",
        "INSERT INTO target_status (target_id, as_of, status, rule) VALUES (?2, '2024-01-31', ?1, 'r')",
        "INSERT INTO target_status (target_id, as_of, status, previous, rule) VALUES (?2, '2024-01-31', 'no_data', ?1, 'r')",
        "INSERT INTO fact_conflict (project_id, other_project_id, field, value, other_value, rule) VALUES (?2, ?2 + 1, ?1, 1, 2, 'r')",
    ];
    let mut n = 0_i64;
    for sql in inserts {
        let (mut accepted, mut refused) = (0, 0);
        for value in &candidates {
            n += 1;
            let outcome = |conn: &Connection| {
                conn.execute(sql, rusqlite::params![value, n])
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            };
            let (was, is) = (outcome(&old), outcome(&new));
            assert_eq!(was, is, "{sql} with {value:?}");
            if is.is_ok() {
                accepted += 1;
            } else {
                refused += 1;
            }
        }
        // Each column's listed words pass and the rest fail: both outcomes were compared.
        assert!((3..=16).contains(&accepted), "{sql}: {accepted} accepted");
        assert!(refused > 100, "{sql}: {refused} refused");
    }
}
