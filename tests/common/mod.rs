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

/// Every `.txt` of the corpus and of `corpus-dev` beside it, each folder in name order; `None`
/// (after saying why) as [`corpus_dir`].
pub fn corpus_texts() -> Option<Vec<PathBuf>> {
    let corpus = corpus_dir()?;
    let mut files = Vec::new();
    for dir in [corpus.clone(), corpus.join("../corpus-dev")] {
        let mut here: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        here.sort();
        files.extend(here);
    }
    Some(files)
}
