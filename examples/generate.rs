//! Writes a synthetic national-scale ledger (see `planledger::synth`) to a file, through the
//! public API in one transaction, and reports the rate. Used by the benches and for memory
//! measurements:
//!
//! ```text
//! /usr/bin/time -v cargo run --release --features synth --example generate -- --out /tmp/scale.db
//! cargo run --release --features synth --example generate -- --out /tmp/small.db --projects 100000 --figures 100000
//! /usr/bin/time -v cargo run --release --features synth --example generate -- --out /tmp/scale.db --bulk
//! ```
//!
//! `--bulk` loads through the bulk path (`Synth::load_bulk`): the same ledger, written faster.

use planledger::synth::{Scale, Synth};
use planledger::Ledger;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut out = None;
    let mut scale = Scale::national();
    let mut seed = 1u64;
    let mut bulk = false;
    let usage = || {
        eprintln!("usage: generate --out FILE [--projects N] [--figures N] [--seed N] [--bulk]");
        ExitCode::from(2)
    };
    // Arguments as the OS gives them: the output path need not be UTF-8.
    let mut args = std::env::args_os().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--bulk" {
            bulk = true;
            continue;
        }
        let Some(value) = args.next() else {
            return usage();
        };
        if flag == "--out" {
            out = Some(PathBuf::from(value));
            continue;
        }
        let Some(number) = value.to_str().and_then(|v| v.parse::<usize>().ok()) else {
            return usage();
        };
        match flag.to_str() {
            Some("--projects") => scale = Scale::national_with(number, scale.targets),
            Some("--figures") => scale = Scale::national_with(scale.projects, number),
            Some("--seed") => seed = number as u64,
            _ => return usage(),
        }
    }
    let Some(out) = out else {
        return usage();
    };
    if out.exists() {
        eprintln!(
            "{} exists; refusing to add a second copy of the data",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let result = Ledger::open(&out).and_then(|mut ledger| {
        let synth = Synth::new(scale, seed);
        if bulk {
            synth.load_bulk(&mut ledger)
        } else {
            synth.load(&mut ledger)
        }
    });
    match result {
        Ok(summary) => {
            let secs = started.elapsed().as_secs_f64();
            println!(
                "wrote {} rows ({} regions, {} projects, {} targets, {} observations, {} evidence) in {:.1} s: {:.0} rows/s{}",
                summary.rows(),
                summary.regions,
                summary.projects,
                summary.targets,
                summary.observations,
                summary.evidence,
                secs,
                summary.rows() as f64 / secs,
                if bulk { " (bulk path)" } else { "" }
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
