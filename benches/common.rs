//! Shared by the benches: a region-only template ledger and the national-scale ledger, built
//! once under `target/bench-data/` and reused. Their content depends only on the seed and the
//! generator, whose version is in the file names; a file from an older schema is migrated on
//! first use.

#![allow(dead_code)]

use planledger::model::RegionId;
use planledger::synth::{Scale, Synth};
use planledger::Ledger;
use std::path::PathBuf;
use std::time::Instant;

pub const SEED: u64 = 1;

/// Bump when `planledger::synth` changes what it generates.
pub const GENERATOR: u32 = 1;

pub fn data_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    dir
}

/// Builds `path` with `build` unless it is already there (a half-built file from an
/// interrupted run is replaced: it is written under a temporary name first).
fn cached(path: PathBuf, build: impl FnOnce(&mut Ledger)) -> PathBuf {
    if path.exists() {
        // Brings a file written by an older schema up to date (a no-op otherwise).
        drop(Ledger::open(&path).expect("open cached bench ledger"));
        return path;
    }
    let tmp = path.with_extension("partial");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", tmp.display()));
    }
    let started = Instant::now();
    {
        let mut ledger = Ledger::open(&tmp).expect("open bench ledger");
        build(&mut ledger);
    }
    std::fs::rename(&tmp, &path).expect("rename bench ledger");
    eprintln!(
        "built {} in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    path
}

/// The national region tree and nothing else.
pub fn regions_template() -> PathBuf {
    let path = data_dir().join(format!("regions-g{GENERATOR}-s{SEED}.db"));
    cached(path, |ledger| {
        let scale = Scale::national_with(0, 0);
        let mut none = scale;
        none.campaigns = 0;
        none.officials = 0;
        none.sources = 0;
        Synth::new(none, SEED).load(ledger).expect("load regions");
    })
}

/// The national ledger: 44k regions, 1M projects, 1M targets, 1M observations.
pub fn national() -> PathBuf {
    let path = data_dir().join(format!("national-g{GENERATOR}-s{SEED}.db"));
    cached(path, |ledger| {
        // The bulk path: the same ledger (tests/bulk_load.rs), built in less time.
        Synth::new(Scale::national(), SEED)
            .load_bulk(ledger)
            .expect("load national ledger");
    })
}

/// Region ids of a freshly synthesised tree, in plan order (ids are assigned in that order).
pub fn planned_region_ids() -> Vec<RegionId> {
    let n = Synth::new(Scale::national(), SEED).regions().len();
    (1..=n as i64).map(RegionId::from_raw).collect()
}
