//! `planledger extract`: texts (files or JSON Lines on stdin) to facts or extract bundles on
//! stdout, without a ledger.

use crate::failure::{Failure, Outcome};
use planledger::extract::Extractor;
use planledger::ingest::ExtractedText;
use planledger::model::PartialDate;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// One document of `extract -`'s input.
#[derive(serde::Deserialize)]
struct InputDocument {
    id: Option<String>,
    text: String,
    date: Option<PartialDate>,
    title: Option<String>,
    url: Option<String>,
}

pub(crate) fn extract(inputs: &[PathBuf], date: Option<PartialDate>, bundle: bool) -> Outcome {
    let extractor = Extractor::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut skipped = false;
    let mut emit = |read: ExtractedText, name: &str| -> std::io::Result<()> {
        if bundle {
            let line = serde_json::to_string(&read).map_err(std::io::Error::other)?;
            return writeln!(out, "{line}");
        }
        for fact in &read.facts {
            let mut value = serde_json::to_value(fact).map_err(std::io::Error::other)?;
            if let Some(obj) = value.as_object_mut() {
                obj.insert("file".into(), name.into());
            }
            writeln!(out, "{value}")?;
        }
        Ok(())
    };
    let closed = |e: std::io::Error| {
        // stdout closed (a pipe into `head`): nothing more to say, and nothing wrong.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::new(0, String::new())
        } else {
            Failure::new(4, format!("stdout: {e}"))
        }
    };
    for input in inputs {
        if input.as_os_str() == "-" {
            let stdin = std::io::stdin();
            for (n, line) in stdin.lock().lines().enumerate() {
                let line = line.map_err(|e| Failure::new(4, format!("stdin: {e}")))?;
                if line.trim().is_empty() {
                    continue;
                }
                let doc: InputDocument = match serde_json::from_str(&line) {
                    Ok(d) => d,
                    Err(e) => {
                        eprintln!("planledger: stdin line {}: {e}; skipped (expected {{\"id\",\"text\",\"date\"}})", n + 1);
                        skipped = true;
                        continue;
                    }
                };
                let name = doc.id.clone().unwrap_or_else(|| format!("stdin:{}", n + 1));
                let title = doc
                    .title
                    .clone()
                    .or_else(|| planledger::ingest::title_of(&doc.text))
                    .unwrap_or_else(|| name.clone());
                let mut read =
                    ExtractedText::read(&extractor, &title, &doc.text, doc.date.or(date))
                        .with_id(name.clone());
                if let Some(url) = doc.url {
                    read = read.with_url(url);
                }
                emit(read, &name).map_err(closed)?;
            }
            continue;
        }
        let name = input.display().to_string();
        let text = match crate::ingest::read_text(input) {
            Ok(t) => t,
            Err(why) => {
                eprintln!("planledger: {name}: {why}; skipped");
                skipped = true;
                continue;
            }
        };
        let title = planledger::ingest::title_of(&text).unwrap_or_else(|| name.clone());
        let read = ExtractedText::read(&extractor, &title, &text, date).with_id(name.clone());
        emit(read, &name).map_err(closed)?;
    }
    out.flush().map_err(closed)?;
    Ok(ExitCode::from(u8::from(skipped)))
}
