//! Online backup and restore: `Ledger::backup_to` while a writer on another connection keeps
//! committing gives a file that opens, passes `integrity_check` and holds whole batches only;
//! `Ledger::restore_from` brings exactly that back, and refuses anything that is not an
//! intact ledger without changing the ledger it was asked to overwrite.

use planledger::model::{Money, Project, Region, RegionKind};
use planledger::query::ProjectFilter;
use planledger::{Error, Ledger, OpenOptions};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;

/// Projects per write.
const BATCH: i64 = 40;

fn write_batch(
    ledger: &mut Ledger,
    region: planledger::model::RegionId,
    batch: u64,
) -> planledger::Result<()> {
    ledger.write(|tx| {
        for i in 0..BATCH {
            let mut p = Project::named(format!("项目{batch}-{i}"))
                .in_region(region)
                .with_investment(Money::from_yuan(1_000_000 + i)?);
            p.sector = Some(format!("batch-{batch}"));
            tx.insert(&p)?;
        }
        Ok(())
    })
}

fn export(ledger: &Ledger) -> Vec<u8> {
    let mut out = Vec::new();
    ledger.export_jsonl(&mut out).unwrap();
    out
}

/// Checks a backup file as someone restoring it would: it opens as a ledger (verified), SQLite
/// finds it intact, and every batch in it is whole. Returns the number of batches.
fn check_backup(path: &Path) -> usize {
    let ledger = OpenOptions::new()
        .read_only(true)
        .verify_integrity(true)
        .open(path)
        .unwrap_or_else(|e| panic!("backup {path:?} does not open: {e:?}"));
    let conn = Connection::open(path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let per_batch: BTreeMap<String, i64> = conn
        .prepare("SELECT sector, count(*) FROM project GROUP BY sector")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (tag, n) in &per_batch {
        assert_eq!(
            *n, BATCH,
            "backup {path:?}: {tag} has {n} of {BATCH} projects"
        );
    }
    // Batches are numbered in commit order: a snapshot holds a prefix of them.
    let mut numbers: Vec<u64> = per_batch
        .keys()
        .map(|t| t.trim_start_matches("batch-").parse().unwrap())
        .collect();
    numbers.sort();
    assert!(
        numbers.iter().enumerate().all(|(i, n)| *n == i as u64 + 1),
        "backup {path:?} holds batches {numbers:?}, not a prefix"
    );
    let totals = ledger.project_totals(&ProjectFilter::new()).unwrap();
    assert_eq!(totals.rows, per_batch.len() as u64 * BATCH as u64);
    per_batch.len()
}

struct Writer {
    stop: Arc<AtomicBool>,
    committed: Arc<AtomicU64>,
    handle: thread::JoinHandle<planledger::Result<u64>>,
}

/// A writer on its own connection, committing batch after batch until stopped. Returns once
/// `ready` batches are in.
fn start_writer(path: &Path, region: planledger::model::RegionId, ready: u64) -> Writer {
    let stop = Arc::new(AtomicBool::new(false));
    let committed = Arc::new(AtomicU64::new(0));
    let (tx, rx) = mpsc::channel();
    let handle = {
        let (path, stop, committed) = (path.to_path_buf(), stop.clone(), committed.clone());
        thread::spawn(move || {
            let mut ledger = Ledger::open(&path)?;
            let mut batch = 0;
            while !stop.load(Ordering::Acquire) {
                batch += 1;
                write_batch(&mut ledger, region, batch)?;
                committed.store(batch, Ordering::Release);
                let _ = tx.send(batch);
            }
            Ok(batch)
        })
    };
    for _ in 0..ready {
        rx.recv().expect("the writer stopped before it was ready");
    }
    Writer {
        stop,
        committed,
        handle,
    }
}

impl Writer {
    fn finish(self) -> u64 {
        self.stop.store(true, Ordering::Release);
        self.handle
            .join()
            .unwrap()
            .expect("an error reached the writer")
    }
}

fn setup(dir: &Path) -> (PathBuf, Ledger, planledger::model::RegionId) {
    let path = dir.join("live.db");
    let mut ledger = Ledger::open(&path).unwrap();
    planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    let region = ledger
        .insert(&Region::new("测试区", RegionKind::District))
        .unwrap();
    (path, ledger, region)
}

#[test]
fn backups_taken_under_a_writer_hold_whole_batches_and_restore_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut live, region) = setup(dir.path());
    let writer = start_writer(&path, region, 3);

    // Back up until a backup has overlapped commits (the writer committed while it ran).
    let mut backups = Vec::new();
    let mut overlapped = 0;
    for i in 0..20 {
        let target = dir.path().join(format!("backup-{i}.db"));
        let before = writer.committed.load(Ordering::Acquire);
        live.backup_to(&target).unwrap();
        let after = writer.committed.load(Ordering::Acquire);
        let batches = check_backup(&target) as u64;
        // The snapshot was taken after `before` and before `after` (+1: a commit is visible
        // a moment before the writer counts it).
        assert!(
            before <= batches && batches <= after + 1,
            "backup {i}: {batches} batches, writer at {before}..{after}"
        );
        if after > before {
            overlapped += 1;
        }
        backups.push(target);
        if overlapped >= 2 && backups.len() >= 3 {
            break;
        }
    }
    assert!(overlapped > 0, "no backup overlapped a commit");
    eprintln!(
        "{} backups, {overlapped} overlapping commits; writer at batch {}",
        backups.len(),
        writer.committed.load(Ordering::Acquire)
    );

    // A backup is one self-contained file: rollback journal, nothing beside it.
    let last = backups.last().unwrap().clone();
    let header = std::fs::read(&last).unwrap();
    assert_eq!(&header[..16], b"SQLite format 3\0");
    assert_eq!(
        (header[18], header[19]),
        (1, 1),
        "backup is not in rollback-journal mode"
    );
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = last.as_os_str().to_owned();
        side.push(suffix);
        assert!(!Path::new(&side).exists(), "{suffix} beside the backup");
    }

    // Restoring into a fresh ledger gives exactly the backup.
    let backup_export = export(&OpenOptions::new().read_only(true).open(&last).unwrap());
    let mut fresh = Ledger::open(dir.path().join("fresh.db")).unwrap();
    fresh.restore_from(&last).unwrap();
    assert!(
        export(&fresh) == backup_export,
        "restored ledger differs from the backup"
    );
    let bytes_before = std::fs::read(&last).unwrap();

    // Restoring into the live file while the writer still writes: one transaction, so the
    // writer waits (busy timeout) and carries on afterwards; nothing but whole batches.
    live.restore_from(&last).unwrap();
    let written = writer.finish();
    assert!(written > 0);
    eprintln!("writer stopped at batch {written}");
    assert_eq!(
        std::fs::read(&last).unwrap(),
        bytes_before,
        "the restore wrote to the backup"
    );
    let reopened = Ledger::open(&path).unwrap();
    let conn = Connection::open(&path).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let sizes: Vec<i64> = conn
        .prepare("SELECT count(*) FROM project GROUP BY sector")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        sizes.iter().all(|n| *n == BATCH),
        "partial batch after restore: {sizes:?}"
    );
    drop(reopened);

    // With the writer gone, restoring the live ledger once more gives exactly the backup, as
    // every connection sees it.
    live.restore_from(&last).unwrap();
    assert!(export(&live) == backup_export);
    assert!(export(&Ledger::open(&path).unwrap()) == backup_export);
    // And the restored ledger is a working ledger.
    write_batch(&mut live, region, 9999).unwrap();
}

#[test]
fn in_memory_ledgers_back_up_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::dataset::load_qingdao(&mut ledger).unwrap();
    let target = dir.path().join("memory.db");
    ledger.backup_to(&target).unwrap();
    let opened = OpenOptions::new()
        .read_only(true)
        .verify_integrity(true)
        .open(&target)
        .unwrap();
    assert!(export(&opened) == export(&ledger));
    let mut copy = Ledger::open_in_memory().unwrap();
    copy.restore_from(&target).unwrap();
    assert!(export(&copy) == export(&ledger));
}

#[test]
fn a_backup_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let (path, live, _) = setup(dir.path());
    let target = dir.path().join("taken.db");
    std::fs::write(&target, b"precious").unwrap();
    match live.backup_to(&target) {
        Err(Error::Io { source, .. }) => {
            assert_eq!(source.kind(), std::io::ErrorKind::AlreadyExists)
        }
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");
    // Not even the ledger's own file.
    let own = std::fs::read(&path).unwrap();
    assert!(live.backup_to(&path).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), own);
    // A stale journal beside a free name is refused too: SQLite would apply it to the backup.
    let stale = dir.path().join("stale.db");
    std::fs::write(dir.path().join("stale.db-wal"), b"old").unwrap();
    assert!(matches!(live.backup_to(&stale), Err(Error::Io { .. })));
    assert!(!stale.exists());
    // Nothing half-written is left behind by any of it.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Which errors a case accepts.
type Expected = fn(&Error) -> bool;

#[test]
fn restore_refuses_anything_but_an_intact_current_ledger_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut live, _) = setup(dir.path());
    let good = dir.path().join("good.db");
    live.backup_to(&good).unwrap();
    let good_bytes = std::fs::read(&good).unwrap();
    let before = export(&live);

    let variant = |name: &str, make: &dyn Fn(&Path)| -> PathBuf {
        let p = dir.path().join(name);
        std::fs::copy(&good, &p).unwrap();
        make(&p);
        p
    };
    let not_sqlite = dir.path().join("notes.txt");
    std::fs::write(&not_sqlite, "这不是数据库\n".repeat(500)).unwrap();
    let truncated = variant("truncated.db", &|p| {
        std::fs::write(p, &good_bytes[..good_bytes.len() / 2]).unwrap()
    });
    let corrupted = variant("corrupted.db", &|p| {
        let mut b = good_bytes.clone();
        let mid = b.len() / 4096 / 2 * 4096;
        for (i, byte) in b[mid..mid + 3 * 4096].iter_mut().enumerate() {
            *byte = (i as u8).wrapping_mul(131) ^ 0x5a;
        }
        std::fs::write(p, b).unwrap();
    });
    let newer = variant("newer.db", &|p| {
        Connection::open(p)
            .unwrap()
            .execute_batch("PRAGMA user_version = 999")
            .unwrap()
    });
    let tampered = variant("tampered.db", &|p| {
        Connection::open(p)
            .unwrap()
            .execute_batch(
                "CREATE TRIGGER t AFTER INSERT ON region BEGIN DELETE FROM project; END;",
            )
            .unwrap()
    });
    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE t (x);")
        .unwrap();

    let cases: [(&str, &Path, Expected); 8] = [
        ("missing", &dir.path().join("missing.db"), |e| {
            matches!(e, Error::Io { .. })
        }),
        ("not SQLite", &not_sqlite, |e| {
            matches!(e, Error::NotALedger { .. })
        }),
        ("truncated", &truncated, |e| {
            matches!(e, Error::Corrupt { .. })
        }),
        ("corrupted", &corrupted, |e| {
            matches!(e, Error::Corrupt { .. })
        }),
        ("newer", &newer, |e| matches!(e, Error::SchemaTooNew { .. })),
        ("tampered", &tampered, |e| {
            matches!(e, Error::NotALedger { .. })
        }),
        ("another application's", &foreign, |e| {
            matches!(e, Error::NotALedger { .. })
        }),
        ("the ledger's own file", &path, |e| {
            matches!(e, Error::InvalidInput { .. })
        }),
    ];
    for (case, source, expected) in cases {
        let source_bytes = std::fs::read(source).ok();
        match live.restore_from(source) {
            Err(e) => assert!(expected(&e), "{case}: unexpected {e:?}"),
            Ok(()) => panic!("{case}: restored"),
        }
        assert!(export(&live) == before, "{case}: the ledger changed");
        assert!(
            std::fs::read(source).ok() == source_bytes,
            "{case}: the source changed"
        );
    }

    // A read-only ledger is never a restore target.
    drop(live);
    let mut ro = OpenOptions::new().read_only(true).open(&path).unwrap();
    assert!(matches!(
        ro.restore_from(&good),
        Err(Error::InvalidInput { .. })
    ));
    // And after all that the good backup still restores.
    let mut live = Ledger::open(&path).unwrap();
    live.restore_from(&good).unwrap();
    assert!(export(&live) == before);
}

const BACKUP_CHILD_ENV: &str = "PLANLEDGER_BACKUP_CHILD";

/// The child of [`a_killed_backup_leaves_nothing_behind_for_long`]: backs the ledger named by
/// `PLANLEDGER_BACKUP_CHILD` up again and again beside it, printing each finished copy, until
/// killed. Does nothing in an ordinary run.
#[test]
fn backup_child_copies_until_killed() {
    let Some(path) = std::env::var_os(BACKUP_CHILD_ENV) else {
        return;
    };
    let path = PathBuf::from(path);
    let ledger = OpenOptions::new().read_only(true).open(&path).unwrap();
    let dir = path.parent().unwrap().join("copies");
    for n in 0.. {
        match ledger.backup_to(dir.join(format!("copy-{}-{n}.db", std::process::id()))) {
            Ok(()) => println!("@done {n}"),
            Err(e) => {
                println!("@error {e}");
                return;
            }
        }
    }
}

fn partials(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains(".partial-"))
        .collect()
}

/// A backup killed midway left its full-size temporary copy (`*.partial-*`) forever. The next
/// backup into that directory, or the next writable open of a ledger there, removes it; a
/// copy another process is still writing is left alone.
#[test]
fn a_killed_backup_leaves_nothing_behind_for_long() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    {
        // Big enough (about 40 MB) that a copy takes a while to write.
        let mut ledger = Ledger::open(&path).unwrap();
        let url = format!("https://example.org/{}", "a".repeat(100_000));
        ledger
            .write(|tx| {
                for i in 0..400 {
                    let mut s = planledger::model::Source::titled(format!("报道{i}"));
                    s.url = Some(url.clone());
                    tx.insert(&s)?;
                }
                Ok(())
            })
            .unwrap();
    }
    let copies = dir.path().join("copies");
    std::fs::create_dir(&copies).unwrap();

    for round in 0..2 {
        // The kill may land after the child's copy finished (it takes tens of milliseconds, and
        // a loaded machine may not run this thread in between): then there is nothing to clean
        // up and the round is tried again.
        let mut attempt = 0;
        loop {
            let mut child = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "backup_child_copies_until_killed", "--nocapture"])
                .env(BACKUP_CHILD_ENV, &path)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
            // Wait for a finished copy, then for the next one to be under way.
            loop {
                let line = lines.next().unwrap().unwrap();
                assert!(!line.starts_with("@error"), "{line}");
                if line.starts_with("@done") {
                    break;
                }
            }
            let started = std::time::Instant::now();
            while partials(&copies).is_empty() {
                assert!(started.elapsed().as_secs() < 30, "no copy under way");
                std::thread::yield_now();
            }
            if round == 0 {
                // Beside a live copy: ours goes through, and the child's next copy finishes too.
                let ledger = Ledger::open(&path).unwrap();
                ledger
                    .backup_to(copies.join(format!("ours-{round}-{attempt}.db")))
                    .unwrap();
                drop(ledger);
                let next = lines.next().unwrap().unwrap();
                assert!(
                    next.starts_with("@done"),
                    "the child's copy was disturbed: {next}"
                );
            }
            child.kill().unwrap();
            child.wait().unwrap();
            if partials(&copies).is_empty() {
                attempt += 1;
                assert!(attempt < 8, "no kill left a partial copy to clean up");
                continue;
            }
            break;
        }

        if round == 0 {
            // The next backup into that directory cleans up...
            let ledger = OpenOptions::new().read_only(true).open(&path).unwrap();
            ledger.backup_to(copies.join("after-kill.db")).unwrap();
        } else {
            // ...and so does opening a ledger there.
            drop(Ledger::open(copies.join("new.db")).unwrap());
        }
        assert_eq!(partials(&copies), Vec::<String>::new(), "round {round}");
    }
}
