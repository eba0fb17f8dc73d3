//! Reads text files into a ledger file: a source row per file (with its text), the facts the
//! extractor finds, each with its evidence. Idempotent by content hash: a file already in the
//! ledger adds nothing.
//!
//! ```text
//! cargo run --release --example ingest -- --db plans.db [--date YYYY-MM-DD] FILE...
//! ```
//!
//! The ledger gets the bundled Qingdao gazetteer (regions already there are kept). Prints a
//! line per file and a summary; a file that cannot be read or is not UTF-8 is reported on
//! stderr, the others are still ingested, and the exit status is then 1.

use planledger::extract::Extractor;
use planledger::ingest::{ingest_text, title_of};
use planledger::model::PartialDate;
use planledger::Ledger;
use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut db: Option<PathBuf> = None;
    let mut date: Option<PartialDate> = None;
    let mut files: Vec<PathBuf> = Vec::new();
    // Arguments as the OS gives them: a file name need not be UTF-8.
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            db = args.next().map(PathBuf::from);
        } else if arg == "--date" {
            match args
                .next()
                .as_deref()
                .and_then(OsStr::to_str)
                .map(str::parse)
            {
                Some(Ok(d)) => date = Some(d),
                _ => {
                    eprintln!("--date needs YYYY, YYYY-MM or YYYY-MM-DD");
                    return ExitCode::from(2);
                }
            }
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    let (Some(db), false) = (db, files.is_empty()) else {
        eprintln!("usage: ingest --db FILE [--date YYYY-MM-DD] FILE...");
        return ExitCode::from(2);
    };
    let mut ledger = match Ledger::open(&db)
        .and_then(|mut l| planledger::gazetteer::load_national(&mut l).map(|_| l))
        .and_then(|mut l| planledger::gazetteer::load_qingdao(&mut l).map(|_| l))
    {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{}: {e}", db.display());
            return ExitCode::FAILURE;
        }
    };
    let extractor = Extractor::new();
    let mut failed = false;
    let (mut new_files, mut seen, mut facts, mut inserted, mut attached, mut conflicting) =
        (0, 0, 0, 0, 0, 0);
    for path in &files {
        let file = path.display();
        let text = match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(_)) => {
                eprintln!("{file}: not UTF-8 text; skipped");
                failed = true;
                continue;
            }
            Err(e) => {
                eprintln!("{file}: {e}; skipped");
                failed = true;
                continue;
            }
        };
        let title = title_of(&text).unwrap_or_else(|| file.to_string());
        match ingest_text(&mut ledger, &extractor, &title, &text, date) {
            Ok(r) if r.already_present => {
                seen += 1;
                println!("{file}: already in the ledger, nothing added");
            }
            Ok(r) => {
                new_files += 1;
                facts += r.facts;
                inserted += r.inserted;
                attached += r.attached;
                conflicting += r.conflicting;
                println!(
                    "{file}: {} facts: {} new, {} already stated elsewhere, {} conflicting; {} without a known region",
                    r.facts, r.inserted, r.attached, r.conflicting, r.unresolved_regions
                );
            }
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
            }
        }
    }
    println!(
        "ingested {new_files} new files ({seen} already present): {facts} facts, {inserted} stored, {attached} attached as evidence, {conflicting} conflicting"
    );
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
