//! Shared by the integration tests: where the real articles are.

#![allow(dead_code)]

use std::path::PathBuf;

/// The corpus folder (`PLANLEDGER_CORPUS`, default `../shared/corpus`), or `None` after saying
/// why the calling test skips. With `PLANLEDGER_REQUIRE_CORPUS=1` a missing corpus fails.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PLANLEDGER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus")));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("PLANLEDGER_REQUIRE_CORPUS").as_deref() == Ok("1") {
        panic!(
            "corpus folder {} is missing and PLANLEDGER_REQUIRE_CORPUS=1",
            dir.display()
        );
    }
    eprintln!(
        "note: corpus folder {} not found; skipping (set PLANLEDGER_CORPUS)",
        dir.display()
    );
    None
}
