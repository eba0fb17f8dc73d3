//! Writes a CSV edition of the division tables in the compact form the crate bundles.
//!
//! ```text
//! cargo run --example compact_divisions -- DIR > data/divisions/divisions.txt
//! ```
//!
//! DIR holds `provinces.csv`, `cities.csv`, `areas.csv` and `streets.csv` (see
//! `planledger::divisions::load_dir`). This is how the bundled table is refreshed for a newer
//! edition; `tests/divisions_data.rs` checks the bundled file against the CSV edition it came
//! from when that edition is at hand.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: compact_divisions DIR");
        return ExitCode::from(2);
    };
    let divisions = match planledger::divisions::load_dir(&dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("compact_divisions: {e}");
            return ExitCode::from(1);
        }
    };
    let header = "National division codes (statistics bureau, 2022 edition) in planledger's compact form.\n\
Source: the Administrative-divisions-of-China CSV tables (licence: WTFPL, see LICENSE beside this file).\n\
Format: data/README.md. Regenerate: cargo run --example compact_divisions -- DIR";
    match divisions.to_compact(header) {
        Ok(text) => {
            if std::io::stdout().write_all(text.as_bytes()).is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("compact_divisions: {e}");
            ExitCode::from(1)
        }
    }
}
