//! Helpers the examples share (included with `#[path]`; not an example itself).

use planledger::model::FactRef;
use planledger::Ledger;

/// Terminal columns a string takes: CJK and full-width characters take two.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// `s` padded with spaces to `cols` terminal columns.
pub fn pad(s: &str, cols: usize) -> String {
    format!("{s}{}", " ".repeat(cols.saturating_sub(width(s))))
}

/// Where a fact comes from, in a few words: its first source's URL, else the title.
pub fn cite(ledger: &Ledger, fact: FactRef) -> Result<String, planledger::Error> {
    Ok(ledger
        .evidence_for(fact)?
        .first()
        .map(|c| {
            c.source
                .url
                .clone()
                .unwrap_or_else(|| c.source.title.clone())
        })
        .unwrap_or_else(|| "(no evidence)".into()))
}
