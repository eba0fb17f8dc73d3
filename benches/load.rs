//! Bulk load: projects inserted through the public API (`Ledger::write` + `Tx::insert`)
//! against a raw rusqlite baseline inserting the same rows into the same schema with one
//! prepared statement in one transaction, on connections with the same settings (WAL,
//! synchronous=NORMAL, temp_store=MEMORY, foreign keys on).
//!
//! ```text
//! cargo bench --bench load
//! ```
//!
//! Prints `load: planledger N rows/s, raw rusqlite M rows/s, ratio R` (best of 3 alternating
//! runs each), then criterion's statistics.

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

fn load_api(path: &Path, rows: &[Project]) {
    let mut ledger = Ledger::open(path).expect("open");
    ledger
        .write(|tx| {
            for p in rows {
                tx.insert(p)?;
            }
            Ok(())
        })
        .expect("load");
}

fn load_raw(path: &Path, rows: &[Project]) {
    let mut conn = rusqlite::Connection::open(path).expect("open");
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
    )
    .expect("pragmas");
    let tx = conn.transaction().expect("begin");
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO project (name, region_id, count, investment, investment_cmp, status, sector, year, deadline, campaign_id, parent_id) \
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

fn timed(template: &Path, rows: &[Project], load: fn(&Path, &[Project])) -> Duration {
    let (_dir, path) = fresh(template, rows.len());
    let started = Instant::now();
    load(&path, rows);
    started.elapsed()
}

fn bench(c: &mut Criterion) {
    let template = common::regions_template();
    let rows = rows();

    let mut best_api = Duration::MAX;
    let mut best_raw = Duration::MAX;
    for _ in 0..3 {
        best_raw = best_raw.min(timed(&template, &rows, load_raw));
        best_api = best_api.min(timed(&template, &rows, load_api));
    }
    let api = ROWS as f64 / best_api.as_secs_f64();
    let raw = ROWS as f64 / best_raw.as_secs_f64();
    println!(
        "load: planledger {api:.0} rows/s, raw rusqlite {raw:.0} rows/s, ratio {:.2}",
        api / raw
    );

    let mut group = c.benchmark_group("load_100k_projects");
    group.sample_size(10);
    group.bench_function("planledger", |b| {
        b.iter_batched(
            || fresh(&template, ROWS),
            |(_dir, path)| load_api(&path, &rows),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("raw_rusqlite", |b| {
        b.iter_batched(
            || fresh(&template, ROWS),
            |(_dir, path)| load_raw(&path, &rows),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
