//! Bulk load: the same projects into a copy of the national region tree three ways, on
//! connections with the same settings (WAL, synchronous=NORMAL, temp_store=MEMORY, foreign
//! keys on), each in one transaction:
//!
//! - bulk: `Ledger::bulk_write` + `Tx::insert` (the schema's upkeep once per load);
//! - row by row: `Ledger::write` + `Tx::insert` (the schema's triggers per row);
//! - bare table: one prepared `INSERT` into a plain table with the same columns and no
//!   constraints, indexes or triggers, in the same file: the physical limit on this machine.
//!
//! ```text
//! cargo bench --bench load
//! ```
//!
//! Prints `load: bulk N rows/s, row-by-row M rows/s, bare table B rows/s, bulk/bare R` (best
//! of 3 alternating runs each), then criterion's statistics.

mod common;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use planledger::model::{Money, Project};
use planledger::synth::{Scale, Synth};
use planledger::Ledger;
use rusqlite::params;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROWS: usize = 100_000;

fn rows() -> Vec<Project> {
    let synth = Synth::new(Scale::national(), common::SEED);
    let ids = common::planned_region_ids();
    // Singles and batches only: named members point at ids that differ between runs.
    (0..ROWS)
        .map(|i| synth.project(i, &ids, &[], None))
        .collect()
}

/// A fresh copy of the region-only ledger to load into.
fn fresh(template: &Path, n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(format!("load-{n}.db"));
    std::fs::copy(template, &path).expect("copy template");
    (dir, path)
}

fn load_through(path: &Path, rows: &[Project], bulk: bool) {
    let mut ledger = Ledger::open(path).expect("open");
    let insert = |tx: &mut planledger::Tx<'_>| -> planledger::Result<()> {
        for p in rows {
            tx.insert(p)?;
        }
        Ok(())
    };
    if bulk {
        ledger.bulk_write(insert)
    } else {
        ledger.write(insert)
    }
    .expect("load");
}

fn load_api(path: &Path, rows: &[Project]) {
    load_through(path, rows, false)
}

fn load_bulk(path: &Path, rows: &[Project]) {
    load_through(path, rows, true)
}

/// The project table's columns with their types, nothing else.
const BARE: &str = "CREATE TABLE bare_project (id INTEGER PRIMARY KEY, name TEXT, region_id INTEGER, \
    count INTEGER, investment INTEGER, investment_cmp TEXT, status TEXT, sector TEXT, year INTEGER, \
    deadline TEXT, campaign_id INTEGER, parent_id INTEGER)";

fn load_bare(path: &Path, rows: &[Project]) {
    let mut conn = rusqlite::Connection::open(path).expect("open");
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
    )
    .expect("pragmas");
    let tx = conn.transaction().expect("begin");
    tx.execute_batch(BARE).expect("create bare table");
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO bare_project (name, region_id, count, investment, investment_cmp, status, sector, year, deadline, campaign_id, parent_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .expect("prepare");
        for p in rows {
            stmt.execute(params![
                p.name,
                p.region.map(|r| r.get()),
                p.count,
                p.investment.map(Money::yuan),
                p.investment_comparator.as_str(),
                p.status.map(|s| s.as_str()),
                p.sector,
                p.year,
                p.deadline.map(|d| d.to_string()),
                p.campaign.map(|c| c.get()),
                p.parent.map(|p| p.get()),
            ])
            .expect("insert");
        }
    }
    tx.commit().expect("commit");
}

/// One way of loading the rows into a fresh copy of the template.
type Load = fn(&Path, &[Project]);

fn timed(template: &Path, rows: &[Project], load: Load) -> Duration {
    let (_dir, path) = fresh(template, rows.len());
    let started = Instant::now();
    load(&path, rows);
    started.elapsed()
}

fn bench(c: &mut Criterion) {
    let template = common::regions_template();
    let rows = rows();

    let loads: [(&str, Load); 3] = [
        ("bulk", load_bulk),
        ("row_by_row", load_api),
        ("bare_table", load_bare),
    ];
    let mut best = [Duration::MAX; 3];
    for _ in 0..3 {
        for (i, (_, load)) in loads.iter().enumerate() {
            best[i] = best[i].min(timed(&template, &rows, *load));
        }
    }
    let rate = |d: Duration| ROWS as f64 / d.as_secs_f64();
    let (bulk, row, bare) = (rate(best[0]), rate(best[1]), rate(best[2]));
    println!(
        "load: bulk {bulk:.0} rows/s, row-by-row {row:.0} rows/s, bare table {bare:.0} rows/s, bulk/bare {:.3}",
        bulk / bare
    );

    let mut group = c.benchmark_group("load_100k_projects");
    group.sample_size(10);
    for (name, load) in loads {
        group.bench_function(name, |b| {
            b.iter_batched(
                || fresh(&template, ROWS),
                |(_dir, path)| load(&path, &rows),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
