//! Concurrency: one `Ledger` per thread on the same file. Readers run beside a writer without
//! errors, never see half a write, and never see counts go back; writers queue on the busy
//! timeout and, past it, get an error while the lock holder's transaction is unharmed.

use planledger::model::{
    Evidence, FactRef, Method, Money, Project, Region, RegionKind, Source, Span,
};
use planledger::query::{ProjectFilter, ProjectOrder};
use planledger::{Error, Ledger, OpenOptions};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

/// Projects per write: readers must always see a multiple of it.
const BATCH: u64 = 25;
const READERS: usize = 4;
const RUN_FOR: Duration = Duration::from_secs(3);
const YUAN_PER_PROJECT: i64 = 100_000_000;

fn new_ledger(path: &Path) -> planledger::model::RegionId {
    let mut ledger = Ledger::open(path).unwrap();
    ledger
        .insert(&Region::new("西海岸新区", RegionKind::NewArea))
        .unwrap()
}

fn write_batch(
    ledger: &mut Ledger,
    region: planledger::model::RegionId,
    batch: u64,
) -> planledger::Result<()> {
    ledger.write(|tx| {
        for i in 0..BATCH {
            let mut p = Project::named(format!("项目{batch}-{i}"))
                .in_region(region)
                .with_investment(Money::from_yuan(YUAN_PER_PROJECT)?);
            p.sector = Some(format!("batch-{batch}"));
            tx.insert(&p)?;
        }
        Ok(())
    })
}

/// What a reader saw.
#[derive(Debug, Default)]
struct Seen {
    reads: u64,
    distinct: u64,
    last: u64,
}

fn reader(path: &Path, start: &Barrier, stop: &AtomicBool) -> planledger::Result<Seen> {
    // Opening while the writer may already be writing is part of the test.
    let ledger = Ledger::open(path)?;
    start.wait();
    let mut seen = Seen::default();
    while !stop.load(Ordering::Acquire) {
        // One statement, one snapshot: rows, projects and money must agree with each other.
        let totals = ledger.project_totals(&ProjectFilter::new())?;
        assert_eq!(totals.rows % BATCH, 0, "half a batch visible: {totals:?}");
        assert_eq!(totals.projects, totals.rows);
        assert_eq!(
            totals.investment.yuan(),
            totals.rows as i64 * YUAN_PER_PROJECT
        );
        assert!(
            totals.rows >= seen.last,
            "count went back from {} to {}",
            seen.last,
            totals.rows
        );
        if totals.rows > seen.last || seen.reads == 0 {
            seen.distinct += 1;
        }
        seen.last = totals.rows;

        // Another statement, a later snapshot: never fewer rows than the one before.
        let count = ledger.count::<Project>()?;
        assert_eq!(count % BATCH, 0, "half a batch visible: {count}");
        assert!(
            count >= seen.last,
            "count went back from {} to {count}",
            seen.last
        );
        seen.last = count;

        // The newest batch this reader knows of is whole when listed.
        let newest = count / BATCH;
        if newest > 0 {
            let page = ledger.projects(
                &ProjectFilter::new().sector(format!("batch-{newest}")),
                ProjectOrder::Id,
                100,
                None,
            )?;
            assert_eq!(page.items.len() as u64, BATCH);
        }
        seen.reads += 1;
    }
    Ok(seen)
}

#[test]
fn readers_beside_a_writer_see_whole_batches_and_growing_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let region = new_ledger(&path);
    let start = Arc::new(Barrier::new(READERS + 1));
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicU64::new(0));

    let readers: Vec<_> = (0..READERS)
        .map(|_| {
            let (path, start, stop) = (path.clone(), start.clone(), stop.clone());
            thread::spawn(move || reader(&path, &start, &stop))
        })
        .collect();
    let writer = {
        let (path, start, stop, written) =
            (path.clone(), start.clone(), stop.clone(), written.clone());
        thread::spawn(move || -> planledger::Result<()> {
            let mut ledger = Ledger::open(&path)?;
            start.wait();
            let began = Instant::now();
            let mut batch = 0;
            while began.elapsed() < RUN_FOR {
                batch += 1;
                write_batch(&mut ledger, region, batch)?;
                written.store(batch, Ordering::Release);
            }
            stop.store(true, Ordering::Release);
            Ok(())
        })
    };

    let writer_result = writer.join().unwrap();
    // Whatever happened to the writer, the readers must stop.
    stop.store(true, Ordering::Release);
    let seen: Vec<_> = readers.into_iter().map(|r| r.join().unwrap()).collect();
    writer_result.expect("an error reached the writer");
    let batches = written.load(Ordering::Acquire);
    assert!(batches >= 5, "the writer only managed {batches} batches");
    for s in &seen {
        let s = s.as_ref().expect("an error reached a reader");
        assert!(s.reads >= 5, "a reader only managed {} reads", s.reads);
        assert!(s.distinct >= 2, "a reader never saw the count grow: {s:?}");
        assert!(s.last <= batches * BATCH);
    }
    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.count::<Project>().unwrap(), batches * BATCH);
    eprintln!(
        "{batches} batches written; reads per reader: {:?}",
        seen.iter()
            .map(|s| s.as_ref().map(|s| s.reads).unwrap_or(0))
            .collect::<Vec<_>>()
    );
}

/// `export_jsonl` reads table after table; under a writer it must still read one snapshot, or
/// the export holds evidence for projects it does not hold and cannot be imported.
#[test]
fn an_export_beside_a_writer_is_one_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.db");
    let region = new_ledger(&path);
    let stop = Arc::new(AtomicBool::new(false));
    let (ready_tx, ready_rx) = mpsc::channel();
    let writer = {
        let (path, stop) = (path.clone(), stop.clone());
        thread::spawn(move || -> planledger::Result<u64> {
            let mut ledger = Ledger::open(&path)?;
            let mut batch = 0;
            while !stop.load(Ordering::Acquire) {
                batch += 1;
                ledger.write(|tx| {
                    let text = format!("第{batch}批项目签约");
                    let source = tx.insert(&Source::from_text(format!("batch-{batch}"), text))?;
                    for i in 0..BATCH {
                        let mut p = Project::named(format!("项目{batch}-{i}")).in_region(region);
                        p.sector = Some(format!("batch-{batch}"));
                        let id = tx.insert(&p)?;
                        tx.insert(&Evidence {
                            fact: FactRef::Project(id),
                            source,
                            span: Span::new(0, 2)?,
                            method: Method::Manual,
                        })?;
                    }
                    Ok(())
                })?;
                let _ = ready_tx.send(batch);
            }
            Ok(batch)
        })
    };
    ready_rx.recv().unwrap();
    let exporter = Ledger::open(&path).unwrap();
    let began = Instant::now();
    let mut exports = 0;
    while began.elapsed() < Duration::from_secs(1) || exports < 3 {
        let mut out = Vec::new();
        exporter.export_jsonl(&mut out).unwrap();
        let mut copy = Ledger::open_in_memory().unwrap();
        copy.import_jsonl(out.as_slice())
            .unwrap_or_else(|e| panic!("export {exports} does not import: {e:?}"));
        let projects = copy.count::<Project>().unwrap();
        assert_eq!(projects % BATCH, 0, "export {exports}: half a batch");
        assert_eq!(copy.count::<Evidence>().unwrap(), projects);
        assert_eq!(copy.count::<Source>().unwrap() * BATCH, projects);
        exports += 1;
    }
    stop.store(true, Ordering::Release);
    let batches = writer.join().unwrap().expect("an error reached the writer");
    assert!(batches >= 2);
}

/// Two writers on separate connections queue on the busy timeout: both finish, nothing lost.
#[test]
fn writers_wait_for_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("writers.db");
    let region = new_ledger(&path);
    let start = Arc::new(Barrier::new(2));
    let writers: Vec<_> = (0..2u64)
        .map(|w| {
            let (path, start) = (path.clone(), start.clone());
            thread::spawn(move || -> planledger::Result<()> {
                let mut ledger = Ledger::open(&path)?;
                start.wait();
                for k in 0..20 {
                    write_batch(&mut ledger, region, 1000 * (w + 1) + k)?;
                }
                Ok(())
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap().expect("an error reached a writer");
    }
    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.count::<Project>().unwrap(), 40 * BATCH);
}

/// A writer that cannot get the lock within its busy timeout gets `Error::Storage` carrying
/// SQLITE_BUSY; the transaction holding the lock commits unharmed, and the waiting ledger
/// works again once the lock is free.
#[test]
fn a_writer_past_its_busy_timeout_gets_busy_and_harms_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let region = new_ledger(&path);
    let (locked_tx, locked_rx) = mpsc::channel::<()>();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let holder = {
        let path = path.clone();
        thread::spawn(move || -> planledger::Result<()> {
            let mut ledger = Ledger::open(&path)?;
            ledger.write(|tx| {
                let mut p = Project::batch(BATCH as u32).in_region(region);
                p.sector = Some("held".into());
                tx.insert(&p)?;
                locked_tx.send(()).unwrap();
                // Hold the write lock until the main thread has been refused.
                release_rx.recv().unwrap();
                Ok(())
            })
        })
    };
    let mut waiter = OpenOptions::new()
        .busy_timeout(Duration::from_millis(50))
        .open(&path)
        .unwrap();
    locked_rx.recv().unwrap();
    match write_batch(&mut waiter, region, 1) {
        Err(Error::Storage { source, .. }) => assert_eq!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy),
            "{source:?}"
        ),
        other => panic!("expected a busy error, got {other:?}"),
    }
    // Readers are not writers: under WAL, reading goes on while the lock is held.
    assert_eq!(waiter.count::<Project>().unwrap(), 0);
    release_tx.send(()).unwrap();
    holder.join().unwrap().unwrap();
    write_batch(&mut waiter, region, 2).unwrap();
    let totals = waiter.project_totals(&ProjectFilter::new()).unwrap();
    assert_eq!(totals.projects, 2 * BATCH);
    assert_eq!(totals.rows, 1 + BATCH);
}

// The threading model the docs state, checked by the compiler: a `Ledger` moves to another
// thread (`Send`) but is not `Sync`; share one through a `Mutex`, or better open one per thread.
const _: fn() = || {
    fn is_send<T: Send>() {}
    is_send::<Ledger>();
    is_send::<Error>();
    fn is_sync<T: Sync>() {}
    is_sync::<std::sync::Mutex<Ledger>>();
    is_sync::<Error>();
    // What queries return is plain data, free to share.
    is_send::<planledger::model::Stored<planledger::model::ProjectId, Project>>();
    is_sync::<planledger::model::Stored<planledger::model::ProjectId, Project>>();
    is_sync::<planledger::query::Totals>();
    is_sync::<planledger::query::SearchHit>();
    // `Ledger: Sync` would make this call ambiguous, and the file would not compile.
    trait AmbiguousIfSync<A> {
        fn check() {}
    }
    impl<T: ?Sized> AmbiguousIfSync<()> for T {}
    impl<T: ?Sized + Sync> AmbiguousIfSync<u8> for T {}
    <Ledger as AmbiguousIfSync<_>>::check();
};
