//! Accuracy of the extractor over the corpus articles, measured against the bundled gold
//! dataset (`data/qingdao/facts.jsonl` + `sources.json`).
//!
//! A predicted fact matches a gold fact when both come from the same file, are of the same kind,
//! their spans overlap (the prediction's span meets one of the gold fact's evidence spans), and
//! their key fields agree:
//!
//! | kind | key fields |
//! |---|---|
//! | project | `count`, `investment_yuan`, `status` |
//! | target, observation | `value`, `unit`, `measure` (the kind itself must agree too) |
//! | official | `name`, `title` |
//! | campaign | `name` |
//!
//! Matching is one-to-one, predictions taken in document order. Precision and recall are
//! printed per group (quantities = projects + targets + observations, officials, campaigns);
//! the test fails when any is below 0.90. Set `PLANLEDGER_ACCURACY_VERBOSE=1` to list the
//! misses and the false alarms.
//!
//! The articles are read at run time from `PLANLEDGER_CORPUS` (default `../shared/corpus`); when
//! they or the gold files are missing the test prints a note and passes, unless
//! `PLANLEDGER_REQUIRE_CORPUS=1`.

use planledger::extract::{Document, Extractor};
use planledger::model::PartialDate;
use serde_json::Value;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    std::env::var_os("PLANLEDGER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

fn require() -> bool {
    std::env::var("PLANLEDGER_REQUIRE_CORPUS").is_ok_and(|v| v == "1")
}

fn skip(why: &str) {
    assert!(!require(), "PLANLEDGER_REQUIRE_CORPUS=1 but {why}");
    eprintln!("note: skipping extract_accuracy: {why}");
}

struct Item {
    file: String,
    kind: String,
    key: String,
    spans: Vec<(u64, u64)>,
    label: String,
    /// Secondary fields, compared only for information: region, and for campaigns the parent.
    region: Option<String>,
}

fn group(kind: &str) -> usize {
    match kind {
        "official" => 1,
        "campaign" => 2,
        _ => 0,
    }
}

const GROUPS: [&str; 3] = ["quantities", "officials", "campaigns"];

fn num(v: &Value) -> String {
    match v {
        Value::Number(n) => {
            // 33.4 and 33.40 are the same figure; integers print without a fraction.
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", f as i64)
            } else {
                format!("{f}")
            }
        }
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn key_of(kind: &str, f: &Value) -> String {
    let s = |k: &str| f.get(k).map(num).unwrap_or_else(|| "null".into());
    let t = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    match kind {
        "project" => format!("{}|{}|{}", s("count"), s("investment_yuan"), t("status")),
        "target" | "observation" => format!("{}|{}|{}", s("value"), t("unit"), t("measure")),
        "official" => format!("{}|{}", t("name"), t("title")),
        "campaign" => t("name"),
        _ => String::new(),
    }
}

fn spans_of(v: &Value) -> Option<(u64, u64)> {
    let a = v.as_array()?;
    Some((a.first()?.as_u64()?, a.get(1)?.as_u64()?))
}

fn overlaps(a: (u64, u64), b: (u64, u64)) -> bool {
    a.0 < b.1 && b.0 < a.1 || (a.0 == a.1 && b.0 <= a.0 && a.0 <= b.1)
}

#[test]
fn accuracy_over_the_corpus() {
    evaluate(&Extractor::new(), "national gazetteer", true);
}

fn evaluate(extractor: &Extractor, label: &str, enforce: bool) {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/qingdao");
    let (Ok(sources), Ok(facts)) = (
        std::fs::read_to_string(data.join("sources.json")),
        std::fs::read_to_string(data.join("facts.jsonl")),
    ) else {
        return skip("data/qingdao/sources.json or facts.jsonl is missing");
    };
    let sources: Vec<Value> = serde_json::from_str(&sources).expect("sources.json is JSON");
    let dir = corpus_dir();

    let mut predicted: Vec<Item> = Vec::new();
    let mut files_read = Vec::new();
    for src in &sources {
        let (Some(key), Some(file)) = (
            src.get("key").and_then(Value::as_str),
            src.get("file").and_then(Value::as_str),
        ) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
            return skip(&format!(
                "corpus article {} not found",
                dir.join(file).display()
            ));
        };
        let date = src
            .get("published")
            .and_then(Value::as_str)
            .and_then(|d| d.parse::<PartialDate>().ok());
        let mut doc = Document::new(&text);
        if let Some(d) = date {
            doc = doc.with_date(d);
        }
        for fact in extractor.extract(&doc).facts {
            let v = serde_json::to_value(&fact).expect("facts serialise");
            let kind = fact.kind().to_string();
            let span = fact.span();
            // An official's mention lists every post of its chain ("市委副书记、市长"); the gold
            // has one item per post, so each post is one prediction.
            let mut readings = vec![v.clone()];
            if let Some(posts) = v.get("posts").and_then(Value::as_array) {
                if !posts.is_empty() {
                    readings = posts
                        .iter()
                        .map(|p| {
                            let mut r = v.clone();
                            for field in ["title", "organization", "region"] {
                                r[field] = p.get(field).cloned().unwrap_or(Value::Null);
                            }
                            r
                        })
                        .collect();
                }
            }
            for r in readings {
                predicted.push(Item {
                    file: key.to_string(),
                    key: key_of(&kind, &r),
                    label: format!("{kind} {} {r}", key_of(&kind, &r)),
                    kind: kind.clone(),
                    spans: vec![(span.start() as u64, span.end() as u64)],
                    region: r.get("region").and_then(Value::as_str).map(str::to_string),
                });
            }
        }
        files_read.push(key.to_string());
    }

    let mut gold: Vec<Item> = Vec::new();
    for line in facts.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("facts.jsonl lines are JSON");
        let kind = v
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let ev = v
            .get("evidence")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let Some(file) = ev
            .iter()
            .find_map(|e| e.get("source").and_then(Value::as_str))
            .map(str::to_string)
        else {
            continue;
        };
        if !files_read.contains(&file) {
            continue;
        }
        let spans = ev
            .iter()
            .filter(|e| e.get("source").and_then(Value::as_str) == Some(&file))
            .filter_map(|e| e.get("span").and_then(spans_of))
            .collect();
        gold.push(Item {
            file,
            key: key_of(&kind, &v),
            label: format!("{kind} {} {line}", key_of(&kind, &v)),
            kind,
            spans,
            region: v.get("region").and_then(Value::as_str).map(str::to_string),
        });
    }

    let mut gold_used = vec![false; gold.len()];
    let mut pred_ok = vec![false; predicted.len()];
    let mut same_region = 0usize;
    for (pi, p) in predicted.iter().enumerate() {
        let hit = gold.iter().enumerate().position(|(gi, g)| {
            !gold_used[gi]
                && g.file == p.file
                && g.kind == p.kind
                && g.key == p.key
                && g.spans
                    .iter()
                    .any(|&gs| p.spans.iter().any(|&ps| overlaps(ps, gs)))
        });
        if let Some(gi) = hit {
            gold_used[gi] = true;
            pred_ok[pi] = true;
            if gold[gi].region == p.region {
                same_region += 1;
            } else if std::env::var("PLANLEDGER_ACCURACY_VERBOSE").is_ok_and(|v| v == "1") {
                eprintln!(
                    "region       {} {:?}: gold {:?}, extracted {:?}",
                    p.file, p.spans, gold[gi].region, p.region
                );
            }
        }
    }

    let verbose = std::env::var("PLANLEDGER_ACCURACY_VERBOSE").is_ok_and(|v| v == "1");
    if verbose {
        for (p, ok) in predicted.iter().zip(&pred_ok) {
            if !ok {
                eprintln!("false alarm  {} {:?} {}", p.file, p.spans, p.label);
            }
        }
        for (g, used) in gold.iter().zip(&gold_used) {
            if !used {
                eprintln!("missed       {} {}", g.file, g.label);
            }
        }
    }

    let mut failures = Vec::new();
    println!("\n{label}");
    println!(
        "{:<12} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "group", "gold", "pred", "match", "precision", "recall"
    );
    for (gi, name) in GROUPS.iter().enumerate() {
        let n_gold = gold.iter().filter(|g| group(&g.kind) == gi).count();
        let n_pred = predicted.iter().filter(|p| group(&p.kind) == gi).count();
        let m_pred = predicted
            .iter()
            .zip(&pred_ok)
            .filter(|(p, ok)| **ok && group(&p.kind) == gi)
            .count();
        let m_gold = gold
            .iter()
            .zip(&gold_used)
            .filter(|(g, used)| **used && group(&g.kind) == gi)
            .count();
        let precision = if n_pred == 0 {
            1.0
        } else {
            m_pred as f64 / n_pred as f64
        };
        let recall = if n_gold == 0 {
            1.0
        } else {
            m_gold as f64 / n_gold as f64
        };
        println!("{name:<12} {n_gold:>5} {n_pred:>5} {m_pred:>5} {precision:>9.3} {recall:>7.3}");
        if precision < 0.90 || recall < 0.90 {
            failures.push(format!(
                "{name}: precision {precision:.3}, recall {recall:.3}"
            ));
        }
    }
    let matched = pred_ok.iter().filter(|ok| **ok).count();
    println!(
        "region agrees on {same_region} of {matched} matched facts ({:.3}; informational)",
        same_region as f64 / matched.max(1) as f64
    );
    assert!(
        !enforce || failures.is_empty(),
        "{label}: below 0.90: {}",
        failures.join("; ")
    );
}
