//! `planledger ingest`: texts (or extract bundles) into a ledger, with progress.
//!
//! Extraction runs on `--jobs` threads; the ledger (Send, not Sync) stays on this thread and
//! takes the read texts in input order, `--batch` per transaction, so the result does not
//! depend on which thread finished first.

use crate::failure::{Failure, Outcome};
use indicatif::{ProgressBar, ProgressStyle};
use planledger::extract::Extractor;
use planledger::ingest::{ingest_batch, title_of, ExtractedText, IngestReport};
use planledger::model::PartialDate;
use planledger::Ledger;
use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

pub(crate) struct Options {
    pub db: PathBuf,
    pub inputs: Vec<PathBuf>,
    pub date: Option<PartialDate>,
    pub jobs: usize,
    pub batch: usize,
    pub extracted: bool,
    pub plain: bool,
}

/// A file's text, or why it cannot be had (one phrase, for "FILE: why; skipped").
pub(crate) fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "not readable (permission denied)".to_string(),
        _ => e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); convert it, e.g. iconv -f GB18030 -t UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The files to read: files as named, directories walked for `ext` files in name order.
fn expand(inputs: &[PathBuf], ext: &str, skipped: &mut Vec<(String, String)>) -> Vec<PathBuf> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>, skipped: &mut Vec<(String, String)>) {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                skipped.push((dir.display().to_string(), e.to_string()));
                return;
            }
        };
        entries.sort();
        for path in entries {
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                walk(&path, ext, out, skipped);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, ext, &mut files, skipped);
        } else if input.exists() {
            files.push(input.clone());
        } else {
            skipped.push((
                input.display().to_string(),
                "no such file or directory".into(),
            ));
        }
    }
    files
}

#[derive(Default)]
struct Totals {
    new: usize,
    present: usize,
    facts: usize,
    inserted: usize,
    attached: usize,
    conflicting: usize,
    unresolved: usize,
}

impl Totals {
    fn add(&mut self, r: &IngestReport) {
        if r.already_present {
            self.present += 1;
            return;
        }
        self.new += 1;
        self.facts += r.facts;
        self.inserted += r.inserted;
        self.attached += r.attached;
        self.conflicting += r.conflicting;
        self.unresolved += r.unresolved_regions;
    }
}

/// What the run has done so far, and where it is told: a progress bar on a terminal, plain
/// lines otherwise.
struct Show {
    bar: Option<ProgressBar>,
    files: usize,
    done: usize,
    totals: Totals,
    skipped: usize,
}

impl Show {
    fn new(bytes: u64, files: usize, plain: bool) -> Show {
        let bar = (!plain && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(bytes);
            let style = ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        Show {
            bar,
            files,
            done: 0,
            totals: Totals::default(),
            skipped: 0,
        }
    }

    fn file(&mut self, name: &str, bytes: u64, line: &str) {
        self.done += 1;
        match &self.bar {
            Some(bar) => {
                bar.inc(bytes);
                bar.set_message(format!(
                    "{}/{} files, {} facts",
                    self.done, self.files, self.totals.facts
                ));
            }
            None => println!("{name}: {line}"),
        }
    }

    fn skipped(&mut self, name: &str, why: &str) {
        self.skipped += 1;
        let line = format!("planledger: {name}: {why}; skipped");
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

pub(crate) fn run(o: Options) -> Outcome {
    let started = Instant::now();
    let mut skipped = Vec::new();
    let files = expand(
        &o.inputs,
        if o.extracted { "jsonl" } else { "txt" },
        &mut skipped,
    );
    let mut ledger = Ledger::open(&o.db).map_err(|e| Failure::ledger(&o.db, e))?;
    // The places texts name: the national gazetteer, and Qingdao's finer one (both kept when
    // already loaded).
    planledger::gazetteer::load_national(&mut ledger)
        .and_then(|_| planledger::gazetteer::load_qingdao(&mut ledger))
        .map_err(|e| Failure::ledger(&o.db, e))?;
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    let mut show = Show::new(bytes, files.len(), o.plain);
    for (name, why) in &skipped {
        show.skipped(name, why);
    }
    let mut writer = Writer {
        ledger: &mut ledger,
        db: &o.db,
        batch: Vec::new(),
        size: o.batch,
    };
    let result = if o.extracted {
        bundles(&files, &mut writer, &mut show)
    } else {
        texts(&o, &files, &mut writer, &mut show)
    };
    let flushed = result.and_then(|_| writer.flush(&mut show));
    show.finish();
    flushed?;
    let (totals, skipped) = (&show.totals, show.skipped);
    println!(
        "{}: {} new texts ({} already present, {skipped} skipped): {} facts, {} stored, {} attached as evidence, {} conflicting, {} without a known region; {:.1} s",
        o.db.display(),
        totals.new,
        totals.present,
        totals.facts,
        totals.inserted,
        totals.attached,
        totals.conflicting,
        totals.unresolved,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::from(u8::from(skipped > 0)))
}

/// Read texts waiting for their transaction, with each one's name and size.
struct Writer<'l> {
    ledger: &'l mut Ledger,
    db: &'l Path,
    batch: Vec<(String, u64, ExtractedText)>,
    size: usize,
}

impl Writer<'_> {
    fn push(&mut self, item: (String, u64, ExtractedText), show: &mut Show) -> Result<(), Failure> {
        self.batch.push(item);
        if self.batch.len() >= self.size {
            self.flush(show)?;
        }
        Ok(())
    }

    fn flush(&mut self, show: &mut Show) -> Result<(), Failure> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let texts: Vec<ExtractedText> = self.batch.iter().map(|(_, _, t)| t.clone()).collect();
        let reports = ingest_batch(self.ledger, &texts);
        for ((name, bytes, _), report) in self.batch.drain(..).zip(reports) {
            match report {
                Ok(r) => {
                    show.totals.add(&r);
                    let line = if r.already_present {
                        "already in the ledger, nothing added".to_string()
                    } else {
                        format!(
                            "{} facts: {} new, {} already stated elsewhere, {} conflicting; {} without a known region",
                            r.facts, r.inserted, r.attached, r.conflicting, r.unresolved_regions
                        )
                    };
                    show.file(&name, bytes, &line);
                }
                // The ledger itself failing (newer, corrupt, busy) stops everything.
                Err(
                    e @ (planledger::Error::Corrupt { .. }
                    | planledger::Error::Storage { .. }
                    | planledger::Error::Io { .. }),
                ) => return Err(Failure::ledger(self.db, e)),
                Err(e) => show.skipped(&name, &e.to_string()),
            }
        }
        Ok(())
    }
}

/// Texts read and extracted on `o.jobs` threads, written here in input order.
fn texts(
    o: &Options,
    files: &[PathBuf],
    writer: &mut Writer<'_>,
    show: &mut Show,
) -> Result<(), Failure> {
    let extractor = Extractor::new();
    let next = AtomicUsize::new(0);
    type Read = (usize, u64, Result<ExtractedText, String>);
    let (send, receive) = mpsc::sync_channel::<Read>(o.jobs * 4);
    std::thread::scope(|scope| {
        for _ in 0..o.jobs {
            let send = send.clone();
            let (next, extractor) = (&next, &extractor);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
                let read = read_text(path).map(|text| {
                    let name = path.display().to_string();
                    let title = title_of(&text).unwrap_or_else(|| name.clone());
                    ExtractedText::read(extractor, &title, &text, o.date).with_id(name)
                });
                if send.send((i, bytes, read)).is_err() {
                    break; // the writer stopped: nothing more is wanted
                }
            });
        }
        drop(send);
        // Results arrive in any order; they are written in input order.
        let mut waiting: BTreeMap<usize, (u64, Result<ExtractedText, String>)> = BTreeMap::new();
        let mut due = 0;
        for (i, bytes, read) in receive.iter() {
            waiting.insert(i, (bytes, read));
            while let Some((bytes, read)) = waiting.remove(&due) {
                let name = files[due].display().to_string();
                due += 1;
                match read {
                    Ok(t) => writer.push((name, bytes, t), show)?,
                    Err(why) => {
                        show.skipped(&name, &why);
                        show.file(&name, bytes, "skipped");
                    }
                }
            }
        }
        Ok(())
    })
}

/// Bundles (`planledger extract --bundle` output): one read text per line.
fn bundles(files: &[PathBuf], writer: &mut Writer<'_>, show: &mut Show) -> Result<(), Failure> {
    for path in files {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                show.skipped(&path.display().to_string(), &e.to_string());
                continue;
            }
        };
        for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
            let name = format!("{}:{}", path.display(), n + 1);
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    show.skipped(&name, &e.to_string());
                    break;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let bytes = line.len() as u64 + 1;
            match serde_json::from_str::<ExtractedText>(&line) {
                Ok(t) => {
                    let name = match &t.id {
                        Some(id) => format!("{name} ({id})"),
                        None => name,
                    };
                    writer.push((name, bytes, t), show)?;
                }
                Err(e) => show.skipped(&name, &format!("not an extract bundle line ({e})")),
            }
        }
    }
    Ok(())
}
