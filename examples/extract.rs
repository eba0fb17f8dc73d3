//! Prints the facts the extractor finds in text files, one JSON object per line.
//!
//! ```text
//! cargo run --release --example extract -- [--date YYYY-MM-DD] FILE...
//! ```
//!
//! The interface is fixed (see `../shared/docs/extract-jsonl.md`): stdout carries only JSON
//! lines, each with `"kind"`, `"file"` (the path as given) and `"span"` (character offsets into
//! the file's original text); a file that cannot be read or is not UTF-8 gets a one-line error
//! on stderr, the other files are still processed, and the exit status is then 1.

use planledger::extract::{Document, Extractor};
use planledger::model::PartialDate;
use std::io::Write;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: extract [--date YYYY-MM-DD] FILE...");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let mut date: Option<PartialDate> = None;
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--date" {
            let Some(value) = args.next() else {
                return usage();
            };
            match value.to_str().map(str::parse::<PartialDate>) {
                Some(Ok(d)) => date = Some(d),
                _ => {
                    eprintln!(
                        "extract: --date {}: expected YYYY-MM-DD",
                        value.to_string_lossy()
                    );
                    return ExitCode::from(2);
                }
            }
        } else if let Some(d) = arg.to_str().and_then(|s| s.strip_prefix("--date=")) {
            match d.parse::<PartialDate>() {
                Ok(d) => date = Some(d),
                Err(_) => {
                    eprintln!("extract: --date {d}: expected YYYY-MM-DD");
                    return ExitCode::from(2);
                }
            }
        } else {
            files.push(arg);
        }
    }
    if files.is_empty() {
        return usage();
    }

    let extractor = Extractor::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for file in &files {
        let shown = file.to_string_lossy();
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("extract: {shown}: {e}");
                failed = true;
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                eprintln!(
                    "extract: {shown}: not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                );
                failed = true;
                continue;
            }
        };
        let mut doc = Document::new(&text);
        if let Some(d) = date {
            doc = doc.with_date(d);
        }
        for fact in extractor.extract(&doc).facts {
            let mut value = match serde_json::to_value(&fact) {
                Ok(v) => v,
                Err(e) => {
                    eprintln!("extract: {shown}: cannot serialise a fact: {e}");
                    failed = true;
                    continue;
                }
            };
            if let Some(obj) = value.as_object_mut() {
                obj.insert(
                    "file".to_string(),
                    serde_json::Value::String(shown.to_string()),
                );
            }
            if writeln!(out, "{value}").is_err() {
                // stdout closed (a pipe into `head`): nothing more to say.
                return ExitCode::from(if failed { 1 } else { 0 });
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
