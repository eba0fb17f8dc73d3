//! Writes a synthetic national-scale ledger (see `planledger::synth`) to a file, through the
//! public API in one transaction, and reports the rate. Used by the benches and for memory
//! measurements:
//!
//! ```text
//! /usr/bin/time -v cargo run --release --example generate -- --out /tmp/scale.db
//! cargo run --release --example generate -- --out /tmp/small.db --projects 100000 --figures 100000
//! ```

use planledger::synth::{Scale, Synth};
use planledger::Ledger;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut out = None;
    let mut scale = Scale::national();
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        let number = || value.as_deref().and_then(|v| v.parse::<usize>().ok());
        match (flag.as_str(), &value) {
            ("--out", Some(v)) => out = Some(v.clone()),
            ("--projects", Some(_)) if number().is_some() => {
                scale = Scale::national_with(number().unwrap_or(0), scale.targets)
            }
            ("--figures", Some(_)) if number().is_some() => {
                scale = Scale::national_with(scale.projects, number().unwrap_or(0))
            }
            ("--seed", Some(_)) if number().is_some() => seed = number().unwrap_or(1) as u64,
            _ => {
                eprintln!("usage: generate --out FILE [--projects N] [--figures N] [--seed N]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("usage: generate --out FILE [--projects N] [--figures N] [--seed N]");
        return ExitCode::from(2);
    };
    if std::path::Path::new(&out).exists() {
        eprintln!("{out} exists; refusing to add a second copy of the data");
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let result =
        Ledger::open(&out).and_then(|mut ledger| Synth::new(scale, seed).load(&mut ledger));
    match result {
        Ok(summary) => {
            let secs = started.elapsed().as_secs_f64();
            println!(
                "wrote {} rows ({} regions, {} projects, {} targets, {} observations, {} evidence) in {:.1} s: {:.0} rows/s",
                summary.rows(),
                summary.regions,
                summary.projects,
                summary.targets,
                summary.observations,
                summary.evidence,
                secs,
                summary.rows() as f64 / secs
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
