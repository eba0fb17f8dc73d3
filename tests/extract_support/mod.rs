//! Helpers shared by the extractor's test corpora.

#![allow(dead_code)]

use planledger::extract::{Document, Extractor, Fact};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One extractor for the whole test binary (the gazetteer is built once).
pub fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(Extractor::new)
}

/// The facts of `text`, read as a 2020 document.
pub fn facts(text: &str) -> Vec<Fact> {
    extractor()
        .extract(&Document::new(text).with_year(2020))
        .facts
}

/// The facts of `text` as JSON objects.
pub fn json(text: &str) -> Vec<Value> {
    facts(text)
        .iter()
        .map(|f| serde_json::to_value(f).expect("facts serialise"))
        .collect()
}

/// The facts of `text` as JSON objects, read as a document published on `date` (YYYY-MM-DD).
pub fn json_dated(text: &str, date: &str) -> Vec<Value> {
    let date = date.parse().expect("a valid date");
    extractor()
        .extract(&Document::new(text).with_date(date))
        .facts
        .iter()
        .map(|f| serde_json::to_value(f).expect("facts serialise"))
        .collect()
}

/// `kind metric measure value unit comparator year` of every target and observation of `text`
/// published on `date`.
pub fn figures(text: &str, date: &str) -> Vec<String> {
    json_dated(text, date)
        .into_iter()
        .filter(|v| v["kind"] == "target" || v["kind"] == "observation")
        .map(|v| {
            format!(
                "{} {} {} {} {} {} {}",
                v["kind"].as_str().unwrap_or(""),
                v["metric"].as_str().unwrap_or(""),
                v["measure"].as_str().unwrap_or(""),
                v["value"],
                v["unit"].as_str().unwrap_or(""),
                v["comparator"].as_str().unwrap_or(""),
                v["year"]
            )
        })
        .collect()
}

/// `kind value unit comparator measure` of every target and observation.
pub fn quantities(text: &str) -> Vec<String> {
    json(text)
        .into_iter()
        .filter(|v| v["kind"] == "target" || v["kind"] == "observation")
        .map(|v| {
            format!(
                "{} {} {} {} {}",
                v["kind"].as_str().unwrap_or(""),
                v["value"],
                v["unit"].as_str().unwrap_or(""),
                v["comparator"].as_str().unwrap_or(""),
                v["measure"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// Where the corpus articles are, or `None` (after a note) when they are missing and not
/// required.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PLANLEDGER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("PLANLEDGER_REQUIRE_CORPUS").map_or(true, |v| v != "1"),
        "PLANLEDGER_REQUIRE_CORPUS=1 but {} is missing",
        dir.display()
    );
    eprintln!("note: corpus {} not found; skipping", dir.display());
    None
}

/// The texts of the corpus articles, if present.
pub fn corpus_texts() -> Vec<(String, String)> {
    let Some(dir) = corpus_dir() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for p in entries {
        if p.extension().is_some_and(|e| e == "txt") {
            // A text that is there but unreadable is a broken corpus, not a missing one.
            let t = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            out.push((p.display().to_string(), t));
        }
    }
    if out.is_empty() {
        // A folder without texts is as good as none: say so, and fail where the corpus is
        // required, rather than let the caller's loop pass over nothing.
        assert!(
            std::env::var("PLANLEDGER_REQUIRE_CORPUS").map_or(true, |v| v != "1"),
            "PLANLEDGER_REQUIRE_CORPUS=1 but {} holds no .txt texts",
            dir.display()
        );
        eprintln!(
            "note: corpus {} holds no .txt texts; skipping",
            dir.display()
        );
    }
    out
}
