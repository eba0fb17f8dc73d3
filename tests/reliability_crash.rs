//! Crash safety: a process killed with SIGKILL in the middle of loading leaves a ledger that
//! opens, passes `PRAGMA integrity_check`, and holds each batch entirely or not at all.
//!
//! The parent test re-runs this test binary as a child (`--exact crash_child_...` with
//! `PLANLEDGER_CRASH_CHILD=<ledger path>`); the child loads batches until it is killed at a
//! random moment. The same file goes through all rounds, so kills land on a fresh file, during
//! opening and WAL recovery, mid-transaction, mid-commit and mid-checkpoint. Set
//! `PLANLEDGER_CRASH_SEED` to replay a run; the seed is printed on failure.

use planledger::model::{Evidence, FactRef, Method, Project, Region, RegionKind, Source, Span};
use planledger::query::ProjectFilter;
use planledger::{Ledger, OpenOptions};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "PLANLEDGER_CRASH_CHILD";
const CHILD_TEST: &str = "crash_child_writes_batches_until_killed";
/// Prefix of the child's progress lines.
const MARK: &str = "@crash ";
const ROUNDS: usize = 30;
/// Projects per batch, each with one evidence row and one search-index row: one batch is one
/// `ledger.write` of about 900 rows. Sized to take ~50 ms in a debug build, so that kills
/// 5–150 ms apart land before, inside and between batches and some batches commit.
const BATCH: usize = 300;
/// Every this many rounds (and the first), the kill is timed from the child's start rather
/// than from its "open": it lands in process start-up, migration or WAL recovery.
const KILL_WHILE_OPENING_EVERY: usize = 5;
const REGION: &str = "崂山区";

/// splitmix64: a small deterministic generator, so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

fn source_text(batch: u64) -> String {
    format!("第{batch}批：").repeat(40)
}

/// One batch, one transaction: a source, `BATCH` projects tagged `batch-N` in their sector,
/// and an evidence row per project citing the source.
fn write_batch(ledger: &mut Ledger, region: planledger::model::RegionId, batch: u64) {
    let tag = format!("batch-{batch}");
    ledger
        .write(|tx| {
            let text = source_text(batch);
            let chars = text.chars().count() as u32;
            let source = tx.insert(&Source::from_text(tag.clone(), text))?;
            for i in 0..BATCH as u32 {
                let mut project = Project::named(format!("项目{batch}-{i}"))
                    .in_region(region)
                    .with_investment(planledger::model::Money::from_yuan(
                        1_000_000 + i64::from(i),
                    )?);
                project.sector = Some(tag.clone());
                let id = tx.insert(&project)?;
                let start = i % (chars - 8);
                tx.insert(&Evidence {
                    fact: FactRef::Project(id),
                    source,
                    span: Span::new(start, start + 8)?,
                    method: Method::Manual,
                })?;
            }
            Ok(())
        })
        .expect("child: writing a batch");
}

/// The child: loads batches into the ledger named by `PLANLEDGER_CRASH_CHILD` until killed.
/// Without that variable (an ordinary `cargo test`) it does nothing.
#[test]
fn crash_child_writes_batches_until_killed() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut ledger = Ledger::open(&path).expect("child: open");
    let region = match ledger
        .find_regions(REGION)
        .expect("child: find region")
        .first()
    {
        Some(r) => r.id,
        None => ledger
            .insert(&Region::new(REGION, RegionKind::District))
            .expect("child: region"),
    };
    // Batches are numbered on from those already in the file (each has one source).
    let mut batch = ledger.count::<Source>().expect("child: count sources") + 1;
    // Progress lines on stdout (line-buffered): the parent times kills from "open" and learns
    // where each kill landed. Each starts on its own line, whatever the harness printed.
    println!("\n{MARK}open");
    loop {
        println!("{MARK}begin {batch}");
        write_batch(&mut ledger, region, batch);
        println!("{MARK}commit {batch}");
        batch += 1;
    }
}

/// What the parent finds after a kill: rows per batch tag, by three independent counts.
#[derive(Debug, Default)]
struct Found {
    projects: BTreeMap<String, i64>,
    evidence: BTreeMap<String, i64>,
    sources: BTreeMap<String, i64>,
}

fn inspect(path: &Path) -> Found {
    // Opening recovers the WAL the child left; verify_integrity runs quick_check first.
    let ledger = OpenOptions::new()
        .verify_integrity(true)
        .open(path)
        .unwrap_or_else(|e| panic!("ledger does not open after a kill: {e:?}"));
    let conn = rusqlite::Connection::open(path).unwrap();
    let check: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(check, ["ok"], "integrity_check after a kill");
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0, "foreign key violations after a kill");

    let group = |sql: &str| -> BTreeMap<String, i64> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let found = Found {
        projects: group("SELECT sector, count(*) FROM project GROUP BY sector"),
        evidence: group(
            "SELECT s.title, count(e.id) FROM source s LEFT JOIN evidence e ON e.source_id = s.id GROUP BY s.id",
        ),
        sources: group("SELECT title, count(*) FROM source GROUP BY title"),
    };

    // The totals kept by triggers (migration 0003) went through the same transactions.
    if let Some(region) = ledger.find_regions(REGION).unwrap().first() {
        let totals = ledger.subtree_totals(region.id).unwrap();
        let rows: i64 = found.projects.values().sum();
        assert_eq!(totals.rows, rows as u64, "region totals vs project rows");
        let listed = ledger.project_totals(&ProjectFilter::new()).unwrap();
        assert_eq!(listed.rows, rows as u64);
    }
    found
}

fn assert_whole_batches(found: &Found, round: usize) {
    for (tag, n) in &found.projects {
        assert_eq!(
            *n, BATCH as i64,
            "round {round}: batch {tag} has {n} of {BATCH} projects"
        );
    }
    for (tag, n) in &found.evidence {
        assert_eq!(
            *n, BATCH as i64,
            "round {round}: batch {tag} has {n} of {BATCH} evidence rows"
        );
    }
    for (tag, n) in &found.sources {
        assert_eq!(*n, 1, "round {round}: batch {tag} has {n} sources");
    }
    let project_tags: Vec<_> = found.projects.keys().collect();
    let source_tags: Vec<_> = found.sources.keys().collect();
    assert_eq!(project_tags, source_tags, "round {round}: batches disagree");
}

#[test]
fn killed_loads_leave_whole_batches_and_an_intact_file() {
    let seed = std::env::var("PLANLEDGER_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x00C0_FFEE_u64);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let log = dir.path().join("child.log");
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let mut committed_history = Vec::new();
    let mut landed = Landed::default();

    for round in 1..=ROUNDS {
        let delay = Duration::from_millis(rng.between(5, 150));
        let while_opening = round % KILL_WHILE_OPENING_EVERY == 1;
        let log_file = std::fs::File::create(&log).unwrap();
        let mut child = KillOnDrop(
            Command::new(&exe)
                .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
                .env(CHILD_ENV, &path)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(log_file)
                .spawn()
                .unwrap(),
        );
        // A thread reads the child's progress lines until the pipe closes with its death.
        let stdout = child.0.stdout.take().unwrap();
        let (lines_tx, lines_rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(at) = line.find(MARK) {
                    let event = line[at + MARK.len()..].to_string();
                    let _ = lines_tx.send(event.clone());
                    lines.push(event);
                }
            }
            lines
        });
        if !while_opening {
            let deadline = Instant::now() + Duration::from_secs(60);
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                match lines_rx.recv_timeout(left) {
                    Ok(event) if event == "open" => break,
                    Ok(_) => {}
                    Err(_) => panic!(
                        "seed {seed:#x} round {round}: the child never opened the ledger:\n{}",
                        std::fs::read_to_string(&log).unwrap_or_default()
                    ),
                }
            }
        }
        std::thread::sleep(delay);
        if let Some(status) = child.0.try_wait().unwrap() {
            panic!(
                "seed {seed:#x} round {round}: the child exited by itself ({status}) instead of being killed:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        child.0.kill().unwrap(); // SIGKILL on Unix
        child.0.wait().unwrap();
        let progress = reader.join().unwrap();

        let found = inspect(&path);
        assert_whole_batches(&found, round);
        let committed = found.sources.len();
        if let Some(&last) = committed_history.last() {
            assert!(
                committed >= last,
                "seed {seed:#x} round {round}: committed batches went from {last} to {committed}"
            );
        }
        committed_history.push(committed);

        // A process crash loses nothing committed: every batch whose write() returned is in.
        for event in &progress {
            if let Some(n) = event.strip_prefix("commit ") {
                assert!(
                    found.sources.contains_key(&format!("batch-{n}")),
                    "seed {seed:#x} round {round}: batch {n} was committed, then lost"
                );
            }
        }

        // Where did the kill land? The child's last progress line says.
        match progress.last().map(String::as_str) {
            Some(line) if line.starts_with("begin ") => {
                let tag = format!("batch-{}", &line["begin ".len()..]);
                if !found.sources.contains_key(&tag) {
                    landed.mid_batch += 1;
                }
            }
            Some(line) if line.starts_with("commit ") || line == "open" => {
                landed.between_batches += 1
            }
            _ => landed.starting += 1,
        }
    }
    let committed = committed_history.last().copied().unwrap_or(0);
    eprintln!(
        "seed {seed:#x}: {ROUNDS} kills ({landed:?}), {committed} batches of {BATCH} committed, \
         batches after each kill {committed_history:?}, {:.1?}",
        started.elapsed()
    );
    // The test means something only if kills landed inside transactions and some batches
    // made it.
    assert!(
        committed > 0,
        "no batch ever committed: the child is too slow for the delays"
    );
    assert!(
        landed.mid_batch > 0,
        "no kill landed inside a batch: {landed:?}"
    );
}

/// Kills the child if the parent panics first, so no writer outlives a failed test.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Where kills landed, from the child's progress lines.
#[derive(Debug, Default)]
struct Landed {
    /// Before the ledger was open (process start, migration, WAL recovery).
    starting: usize,
    /// Inside a batch's transaction (begun, not in the file afterwards).
    mid_batch: usize,
    /// After a commit, before the next batch began.
    between_batches: usize,
}
