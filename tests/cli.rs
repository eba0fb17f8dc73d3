//! The `planledger` binary (feature `cli`): scale-out by shards, parallel ingest, and the
//! one-line errors with their exit codes.
//!
//! `cargo test --features cli --test cli`. The corpus tests read `../shared/corpus` and
//! `../shared/corpus-dev` at run time; they skip when missing unless
//! `PLANLEDGER_REQUIRE_CORPUS=1`.

#![cfg(feature = "cli")]

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn planledger() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planledger"))
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("planledger runs")
}

fn ok(cmd: &mut Command) -> Output {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A ledger's contents with the ledger's own row ids left out: the analyst tables (every
/// column but the ids), each row sorted. Ids are assigned in write order, so two ledgers
/// filled in different orders number their rows differently by design; everything a row
/// says must still agree.
fn contents(db: &Path, dir: &Path) -> Vec<String> {
    ok(planledger().arg("export").arg(db).arg("--csv").arg(dir));
    let mut all = Vec::new();
    for file in [
        "figures.csv",
        "projects.csv",
        "officials.csv",
        "campaigns.csv",
    ] {
        let mut reader = csv::Reader::from_path(dir.join(file)).unwrap();
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let ids = [
            "fact_id",
            "project_id",
            "batch_id",
            "holding_id",
            "campaign_id",
        ];
        let mut rows: Vec<String> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                let kept: Vec<&str> = header
                    .iter()
                    .zip(r.iter())
                    .filter(|(h, _)| !ids.contains(&h.as_str()))
                    .map(|(_, v)| v)
                    .collect();
                format!("{file}\t{}", kept.join("\t"))
            })
            .collect();
        rows.sort();
        all.extend(rows);
    }
    all
}

#[test]
fn shards_extracted_apart_and_ingested_in_any_order_make_the_same_ledger() {
    let Some(files) = common::corpus_texts() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let at = |name: &str| tmp.path().join(name);

    // One sequential ingest of everything.
    ok(planledger()
        .arg("ingest")
        .arg(at("one.db"))
        .args(&files)
        .arg("--plain"));
    let one = contents(&at("one.db"), &at("one"));
    assert!(one.len() > 300, "the corpora hold hundreds of facts");

    // The map: three shards, each extracted by its own process, all at once.
    const SHARDS: usize = 3;
    let children: Vec<_> = (0..SHARDS)
        .map(|k| {
            let shard = std::fs::File::create(at(&format!("shard-{k}.jsonl"))).unwrap();
            planledger()
                .arg("extract")
                .arg("--bundle")
                .args(files.iter().skip(k).step_by(SHARDS))
                .stdout(Stdio::from(shard))
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }

    // The merge, in two different orders, one ingest per shard.
    for (name, order) in [("a", [2, 0, 1]), ("b", [1, 2, 0])] {
        let db = at(&format!("{name}.db"));
        for k in order {
            ok(planledger()
                .arg("ingest")
                .arg(&db)
                .arg("--extracted")
                .arg(at(&format!("shard-{k}.jsonl"))));
        }
        let merged = contents(&db, &at(name));
        let missing: Vec<_> = one.iter().filter(|r| !merged.contains(r)).take(3).collect();
        let extra: Vec<_> = merged.iter().filter(|r| !one.contains(r)).take(3).collect();
        assert!(
            missing.is_empty() && extra.is_empty() && merged.len() == one.len(),
            "order {order:?}: {} rows against {}; missing {missing:#?}; extra {extra:#?}",
            merged.len(),
            one.len()
        );
    }

    // Ingesting a shard again adds nothing.
    let again = ok(planledger()
        .arg("ingest")
        .arg(at("a.db"))
        .arg("--extracted")
        .arg(at("shard-0.jsonl")));
    assert!(String::from_utf8_lossy(&again.stdout).contains(" 0 new texts"));
}

#[test]
fn parallel_extraction_writes_what_one_thread_writes() {
    let Some(files) = common::corpus_texts() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let export = |db: &Path| {
        let out = ok(planledger().arg("export").arg(db));
        out.stdout
    };
    let one = tmp.path().join("one.db");
    let four = tmp.path().join("four.db");
    ok(planledger().arg("ingest").arg(&one).args(&files));
    ok(planledger()
        .arg("ingest")
        .arg(&four)
        .args(&files)
        .args(["--jobs", "4", "--batch", "5"]));
    // Written in input order whatever thread read a text first: the same rows, the same ids.
    assert!(
        export(&one) == export(&four),
        "--jobs 4 wrote another ledger"
    );
}

#[test]
fn a_bad_file_is_named_and_skipped_and_the_rest_go_in() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good.txt");
    std::fs::write(&good, "今年，全镇计划新开工项目12个、总投资30亿元。\n").unwrap();
    let latin1 = tmp.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9\n").unwrap();
    let missing = tmp.path().join("missing.txt");
    let db = tmp.path().join("plans.db");
    let out = run(planledger()
        .arg("ingest")
        .arg(&db)
        .arg(&latin1)
        .arg(&missing)
        .arg(&good)
        .args(["--date", "2023-03-01"]));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("latin1.txt: not UTF-8"), "{err}");
    assert!(err.contains("missing.txt: no such file"), "{err}");
    assert_eq!(err.lines().count(), 2, "one line per bad file: {err}");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("1 new texts") && summary.contains("2 skipped"),
        "{summary}"
    );
}

#[test]
fn extract_reads_documents_from_stdin() {
    use std::io::Write;
    let mut child = planledger()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let doc = serde_json::json!({"id": "doc-7", "text": "今年，全镇计划新开工项目12个、总投资30亿元。", "date": "2023-03-01"});
    writeln!(child.stdin.take().unwrap(), "{doc}\nnot json").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the bad line is skipped and reported"
    );
    let facts: Vec<serde_json::Value> = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!facts.is_empty());
    for f in &facts {
        assert_eq!(f["file"], "doc-7");
        assert!(f["kind"].is_string() && f["span"].is_array());
    }
    let project = facts.iter().find(|f| f["kind"] == "project").unwrap();
    assert_eq!(project["count"], 12);
    assert_eq!(project["year"], 2023);
    assert!(stderr(&out).contains("stdin line 2"));
}

#[test]
fn errors_are_one_line_with_their_exit_code() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("plans.db");
    ok(planledger().arg("init").arg(&db));

    // A bad date: a usage error.
    let out = run(planledger()
        .arg("ingest")
        .arg(&db)
        .arg("x.txt")
        .args(["--date", "2023-13-45"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a date"), "{}", stderr(&out));

    // A missing ledger where one must exist.
    let out = run(planledger().arg("export").arg(tmp.path().join("nope.db")));
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("nope.db: no such ledger"));
    assert_eq!(stderr(&out).lines().count(), 1);

    // A ledger written by a newer planledger.
    let newer = tmp.path().join("newer.db");
    std::fs::copy(&db, &newer).unwrap();
    let conn = rusqlite::Connection::open(&newer).unwrap();
    conn.execute_batch("PRAGMA user_version = 999").unwrap();
    drop(conn);
    let out = run(planledger().arg("export").arg(&newer));
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("newer planledger"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stderr(&out).lines().count(), 1);

    // A ledger made before the last migration (0011 only widens two indexes under their
    // names: undoing it, with its log row, gives exactly the file as 0010 left it; 0009 rebuilt
    // tables, so a state before it cannot be made by undoing statements): read commands say
    // how to bring it up to date.
    let older = tmp.path().join("older.db");
    std::fs::copy(&db, &older).unwrap();
    let conn = rusqlite::Connection::open(&older).unwrap();
    conn.execute_batch(
        "DROP INDEX project_region_year;
         CREATE INDEX project_region_year ON project(region_id, year);
         DROP INDEX evidence_project;
         CREATE INDEX evidence_project ON evidence(project_id) WHERE project_id IS NOT NULL;
         DELETE FROM planledger_migration WHERE version >= 11;
         PRAGMA user_version = 10;",
    )
    .unwrap();
    drop(conn);
    let out = run(planledger()
        .arg("export")
        .arg(&older)
        .arg("--csv")
        .arg(tmp.path().join("t")));
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("planledger init"), "{}", stderr(&out));
    ok(planledger().arg("init").arg(&older));
    ok(planledger()
        .arg("export")
        .arg(&older)
        .arg("--csv")
        .arg(tmp.path().join("t")));

    // A file that is not a ledger at all.
    let junk = tmp.path().join("junk.db");
    std::fs::write(&junk, vec![0x5a; 8192]).unwrap();
    let out = run(planledger().arg("query").arg(&junk));
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));

    // A bad import line: refused, nothing kept.
    let bad = tmp.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"type\":\"project\",\"id\":1,\"value\":{\"count\":0}}\n",
    )
    .unwrap();
    let out = run(planledger().arg("import").arg(&db).arg(&bad));
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("line 1"));
}

#[test]
fn sample_ledger_answers_queries_and_draws_a_scorecard() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("demo.db");
    ok(planledger().arg("init").arg(&db).arg("--with-sample"));
    let svg = tmp.path().join("card.svg");
    let out = ok(planledger()
        .arg("scorecard")
        .arg(&db)
        .args(["--root", "青岛市", "--as-of", "2023-12-31", "--svg"])
        .arg(&svg));
    assert!(String::from_utf8_lossy(&out.stdout).contains("青岛市"));
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    let out = ok(planledger()
        .arg("query")
        .arg(&db)
        .args(["--region", "西海岸新区"]));
    assert!(String::from_utf8_lossy(&out.stdout).contains("projects"));
    let copy = tmp.path().join("copy.db");
    ok(planledger().arg("backup").arg(&db).arg(&copy));
    let jsonl = tmp.path().join("demo.jsonl");
    ok(planledger().arg("export").arg(&db).arg("-o").arg(&jsonl));
    let round = tmp.path().join("round.db");
    ok(planledger().arg("import").arg(&round).arg(&jsonl));
    let again = ok(planledger().arg("export").arg(&round));
    assert_eq!(
        again.stdout,
        std::fs::read(&jsonl).unwrap(),
        "JSON Lines round trip"
    );
}
