//! The write-ahead log stays bounded while readers never stop. SQLite's automatic checkpoint
//! copies the log into the database but can only start the log over once no reader uses it;
//! with readers overlapping without pause, the log used to grow without end (2.57 GB beside a
//! 137 MB database in an outside probe). A writer now restarts the log once it passes
//! `WAL_LIMIT`, waiting for the readers of older snapshots to finish.

use planledger::model::Source;
use planledger::{Ledger, OpenOptions};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What RELIABILITY.md promises for the -wal file's size: 16 MiB.
const WAL_LIMIT: u64 = 16 << 20;
const READERS: usize = 4;

fn wal_size(path: &Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map_or(0, |m| m.len())
}

#[test]
fn the_wal_stays_bounded_under_steady_readers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let mut ledger = Ledger::open(&path).unwrap();

    // Readers that never stop: four threads, each running short reads back to back, so that
    // the log is hardly ever free of readers.
    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..READERS)
        .map(|i| {
            let (path, stop) = (path.clone(), stop.clone());
            std::thread::spawn(move || {
                let reader = OpenOptions::new().read_only(true).open(&path).unwrap();
                std::thread::sleep(Duration::from_millis(5 * i as u64));
                let mut reads = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    reader.count::<Source>().unwrap();
                    reads += 1;
                }
                reads
            })
        })
        .collect();

    // Each write is one transaction of about 1 MiB (ten sources with a 100 KB address each);
    // write four times the limit.
    let url = format!("https://example.org/{}", "a".repeat(100_000));
    let target: u64 = 4 * WAL_LIMIT;
    let (mut written, mut max_wal, mut batches) = (0u64, 0u64, 0u32);
    let started = Instant::now();
    while written < target && started.elapsed() < Duration::from_secs(120) {
        ledger
            .write(|tx| {
                for i in 0..10 {
                    let mut s = Source::titled(format!("报道{batches}-{i}"));
                    s.url = Some(url.clone());
                    tx.insert(&s)?;
                }
                Ok(())
            })
            .unwrap();
        batches += 1;
        written += 10 * url.len() as u64;
        max_wal = max_wal.max(wal_size(&path));
    }
    stop.store(true, Ordering::Relaxed);
    let reads: u64 = readers.into_iter().map(|r| r.join().unwrap()).sum();
    let db = std::fs::metadata(&path).unwrap().len();
    eprintln!(
        "{batches} batches in {:?}, {reads} reads; database {} MiB, largest -wal {} MiB",
        started.elapsed(),
        db >> 20,
        max_wal >> 20
    );
    assert!(
        reads > 0 && written >= target,
        "the test did not run long enough"
    );
    // The limit, one transaction past it, and room for one restart that found a reader still
    // busy on a loaded machine: the retry comes 4 MiB later (`bound_wal`).
    assert!(
        max_wal <= WAL_LIMIT + (8 << 20),
        "-wal reached {} MiB (limit {} MiB)",
        max_wal >> 20,
        WAL_LIMIT >> 20
    );
}
