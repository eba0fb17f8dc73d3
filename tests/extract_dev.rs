//! The extractor measured on the development set, texts from outside the seed articles: the 32 texts of
//! `../shared/corpus-dev` (16 provinces, every level), scored against their hand-annotated gold
//! with the rules of `../shared/eval/README.md`, ported from `score.py` (`matches`, `strict_ok`,
//! the two-pass greedy matching, optional items, region accuracy).
//!
//! Prints one line per document in `score.py`'s format and the micro-averaged totals in
//! `run_set.sh`'s, and fails when the totals or any one document fall under the thresholds below (issues 10 and 11). The texts are read
//! at run time from `PLANLEDGER_CORPUS_DEV` (default `../shared/corpus-dev`), the document dates
//! from its `SOURCES.md`; when the folder is missing the test says so and passes, unless
//! `PLANLEDGER_REQUIRE_CORPUS=1`.
//!
//! The rules were tuned on these texts: the figures are a development score, not a measure of
//! texts nobody here has seen. `extract_accuracy` reports the four seed articles separately.

mod extract_support;

use planledger::extract::Document;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Micro-averaged loose F1 the extractor must reach (issue 11).
const MIN_LOOSE_F1: f64 = 0.90;
/// Loose F1 no document may fall under (issue 11).
const MIN_DOC_LOOSE_F1: f64 = 0.70;
/// Region accuracy over the matched items whose gold names a region (issue 10).
const MIN_REGION_ACC: f64 = 0.90;
/// Region accuracy no document whose gold names regions may fall under (issue 10).
const MIN_DOC_REGION_ACC: f64 = 0.75;
/// Micro-averaged strict F1 (every key field the gold states right).
const MIN_STRICT_F1: f64 = 0.80;
/// The same for targets and observations alone (against the items a quantity can match): the
/// part of the extractor the quantity rules are answerable for.
const MIN_QUANTITY_F1: f64 = 0.95;
const MIN_QUANTITY_STRICT_F1: f64 = 0.95;
/// Loose F1 of targets and observations no document with quantity items may fall under.
const MIN_DOC_QUANTITY_F1: f64 = 0.65;

fn dev_dir() -> PathBuf {
    std::env::var_os("PLANLEDGER_CORPUS_DEV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus-dev"))
}

fn require() -> bool {
    std::env::var("PLANLEDGER_REQUIRE_CORPUS").is_ok_and(|v| v == "1")
}

/// `score.py`'s QUOTES: removed from names before comparing.
const QUOTES: &str = "“”\"'‘’《》「」『』【】 \u{3000}";

fn norm_name(v: Option<&Value>) -> String {
    v.and_then(Value::as_str)
        .unwrap_or("")
        .chars()
        .filter(|c| !QUOTES.contains(*c))
        .collect()
}

fn norm_unit(v: Option<&Value>) -> Option<String> {
    let u = match v? {
        Value::Null => return None,
        Value::String(s) => s.trim().to_string(),
        other => other.to_string(),
    };
    Some(
        match u.as_str() {
            "%" | "％" => "percent",
            "元" | "CNY" => "yuan",
            other => other,
        }
        .to_string(),
    )
}

/// `score.py`'s `close`: both absent, or within a relative 1e-6.
fn close(a: Option<&Value>, b: Option<&Value>) -> bool {
    let num = |v: Option<&Value>| match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_f64().map(Some).ok_or(()),
        Some(Value::String(s)) => s.trim().parse::<f64>().map(Some).map_err(|_| ()),
        Some(Value::Bool(b)) => Ok(Some(if *b { 1.0 } else { 0.0 })),
        Some(_) => Err(()),
    };
    match (num(a), num(b)) {
        (Ok(None), Ok(None)) => true,
        (Ok(Some(a)), Ok(Some(b))) => (a - b).abs() <= 1e-6 * 1f64.max(a.abs()).max(b.abs()),
        _ => false,
    }
}

fn field<'a>(v: &'a Value, k: &str) -> Option<&'a Value> {
    v.get(k).filter(|x| !x.is_null())
}

fn strict_ok(fact: &Value, form: &Value) -> bool {
    match form["kind"].as_str() {
        Some("quantity") => {
            if let Some(c) = form.get("comparator") {
                let got = field(fact, "comparator")
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .unwrap_or("eq");
                if Some(got) != c.as_str() {
                    return false;
                }
            }
            if let Some(m) = form.get("measure") {
                if field(fact, "measure") != Some(m).filter(|m| !m.is_null()) {
                    return false;
                }
            }
            if let Some(k) = form.get("fact") {
                if field(fact, "kind") != Some(k).filter(|k| !k.is_null()) {
                    return false;
                }
            }
            if let Some(any) = form.get("metric_any").and_then(Value::as_array) {
                let metric = norm_name(fact.get("metric"));
                if !any
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|k| metric.contains(k))
                {
                    return false;
                }
            }
            if let Some(y) = form.get("year") {
                if let Some(got) = field(fact, "year") {
                    if got != y {
                        return false;
                    }
                }
            }
            true
        }
        Some("project") => match form.get("status") {
            Some(s) => field(fact, "status") == Some(s).filter(|s| !s.is_null()),
            None => true,
        },
        Some("official") => match form.get("title").and_then(Value::as_str) {
            Some(t) => field(fact, "title")
                .and_then(Value::as_str)
                .unwrap_or("")
                .contains(t),
            None => true,
        },
        _ => true,
    }
}

fn matches(fact: &Value, form: &Value) -> bool {
    let k = fact.get("kind").and_then(Value::as_str).unwrap_or("");
    match form["kind"].as_str() {
        Some("project") => {
            let count = match fact.get("count") {
                None => Some(Value::from(1)),
                Some(v) => Some(v.clone()),
            };
            k == "project"
                && close(count.as_ref(), form.get("count"))
                && close(fact.get("investment_yuan"), form.get("investment_yuan"))
        }
        Some("quantity") => {
            (k == "target" || k == "observation")
                && close(fact.get("value"), form.get("value"))
                && norm_unit(fact.get("unit")).as_deref() == form["unit"].as_str()
        }
        Some("official") => {
            k == "official" && Some(norm_name(fact.get("name")).as_str()) == form["name"].as_str()
        }
        Some("campaign") => {
            k == "campaign" && norm_name(fact.get("name")) == norm_name(form.get("name"))
        }
        _ => false,
    }
}

/// One document's score, as `score.py` computes it.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    stp: usize,
    region_ok: usize,
    region_total: usize,
}

fn f1(tp: usize, fp: usize, fn_: usize, hits: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        hits as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        hits as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (f, p, r)
}

impl Score {
    fn line(&self) -> String {
        let (f, p, r) = f1(self.tp, self.fp, self.fn_, self.tp);
        let (sf, _, _) = f1(self.tp, self.fp, self.fn_, self.stp);
        let ra = if self.region_total > 0 {
            self.region_ok as f64 / self.region_total as f64
        } else {
            0.0
        };
        format!(
            "F1={f:.3} P={p:.3} R={r:.3} TP={} FP={} FN={} region_acc={ra:.2} ({}/{}) strict_F1={sf:.3} STP={}",
            self.tp, self.fp, self.fn_, self.region_ok, self.region_total, self.stp
        )
    }

    fn add(&mut self, o: &Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.stp += o.stp;
        self.region_ok += o.region_ok;
        self.region_total += o.region_total;
    }
}

fn any_of(g: &Value) -> &[Value] {
    g["any_of"].as_array().map_or(&[], Vec::as_slice)
}

fn score(gold: &Value, facts: &[Value]) -> Score {
    let empty = Vec::new();
    let req = gold["required"].as_array().unwrap_or(&empty);
    let opt = gold
        .get("optional")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let scored = facts.iter().filter(|f| {
        matches!(
            f.get("kind").and_then(Value::as_str),
            Some("project" | "target" | "observation" | "official" | "campaign")
        )
    });
    let mut used: Vec<Option<&Value>> = vec![None; req.len()];
    let mut strict_hit = vec![false; req.len()];
    let mut used_opt = vec![false; opt.len()];
    let mut fp = 0;
    // Pass 1: a fact takes the first required item it matches with every key field right.
    let mut left = Vec::new();
    for f in scored {
        let hit = req.iter().enumerate().find(|(i, g)| {
            used[*i].is_none()
                && any_of(g)
                    .iter()
                    .any(|form| matches(f, form) && strict_ok(f, form))
        });
        match hit {
            Some((i, _)) => {
                used[i] = Some(f);
                strict_hit[i] = true;
            }
            None => left.push(f),
        }
    }
    // Pass 2: value and unit alone, then optional items absorb.
    for f in left {
        if let Some(i) = (0..req.len())
            .find(|&i| used[i].is_none() && any_of(&req[i]).iter().any(|form| matches(f, form)))
        {
            used[i] = Some(f);
            continue;
        }
        if let Some(i) = (0..opt.len())
            .find(|&i| !used_opt[i] && any_of(&opt[i]).iter().any(|form| matches(f, form)))
        {
            used_opt[i] = true;
            continue;
        }
        fp += 1;
    }
    let tp = used.iter().filter(|u| u.is_some()).count();
    let mut s = Score {
        tp,
        fp,
        fn_: req.len() - tp,
        stp: strict_hit.iter().filter(|h| **h).count(),
        ..Score::default()
    };
    for (g, u) in req.iter().zip(&used) {
        let region = g.get("region").and_then(Value::as_str).unwrap_or("");
        if let (Some(u), false) = (u, region.is_empty()) {
            s.region_total += 1;
            if norm_name(u.get("region")) == region {
                s.region_ok += 1;
            }
        }
    }
    s
}

/// The document date `run_set.sh` passes: the first date on the lines of SOURCES.md that name
/// the document.
fn date_of(sources: &str, base: &str) -> Option<String> {
    sources
        .lines()
        .filter(|l| l.contains(base))
        .find_map(|line| {
            let b = line.as_bytes();
            (0..b.len().saturating_sub(9)).find_map(|i| {
                let w = b.get(i..i + 10)?;
                let shape = w.iter().enumerate().all(|(k, c)| match k {
                    4 | 7 => *c == b'-',
                    _ => c.is_ascii_digit(),
                });
                shape.then(|| String::from_utf8_lossy(w).into_owned())
            })
        })
}

/// The gold restricted to what a target or an observation can match: items whose first
/// reading is a quantity are required; optional quantities, and items that also accept a
/// quantity reading after a project one, absorb.
fn quantity_slice(gold: &Value) -> Value {
    let quantity_forms = |g: &Value| -> Vec<Value> {
        any_of(g)
            .iter()
            .filter(|f| f["kind"] == "quantity")
            .cloned()
            .collect()
    };
    let mut required = Vec::new();
    let mut optional = Vec::new();
    let empty = Vec::new();
    for g in gold["required"].as_array().unwrap_or(&empty) {
        let forms = quantity_forms(g);
        if forms.is_empty() {
            continue;
        }
        let mut item = g.clone();
        item["any_of"] = Value::from(forms);
        if any_of(g).first().is_some_and(|f| f["kind"] == "quantity") {
            required.push(item);
        } else {
            optional.push(item);
        }
    }
    for g in gold
        .get("optional")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
    {
        let forms = quantity_forms(g);
        if !forms.is_empty() {
            let mut item = g.clone();
            item["any_of"] = Value::from(forms);
            optional.push(item);
        }
    }
    serde_json::json!({"required": required, "optional": optional})
}

fn facts_of(text: &str, date: Option<&str>) -> Vec<Value> {
    let mut doc = Document::new(text);
    if let Some(d) = date.and_then(|d| d.parse().ok()) {
        doc = doc.with_date(d);
    }
    extract_support::extractor()
        .extract(&doc)
        .facts
        .iter()
        .map(|f| serde_json::to_value(f).expect("facts serialise"))
        .collect()
}

fn gold_path(dir: &Path, base: &str) -> PathBuf {
    let beside = dir.join(format!("{base}.json"));
    if beside.exists() {
        beside
    } else {
        dir.join("gold").join(format!("{base}.json"))
    }
}

#[test]
fn accuracy_on_texts_from_across_china() {
    let dir = dev_dir();
    let sources = std::fs::read_to_string(dir.join("SOURCES.md"));
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    texts.retain(|p| {
        p.extension().is_some_and(|e| e == "txt")
            && p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
    });
    texts.sort();
    let (Ok(sources), false) = (sources, texts.is_empty()) else {
        assert!(
            !require(),
            "PLANLEDGER_REQUIRE_CORPUS=1 but {} holds no texts and SOURCES.md",
            dir.display()
        );
        eprintln!(
            "note: skipping extract_dev: {} not found (set PLANLEDGER_CORPUS_DEV)",
            dir.display()
        );
        return;
    };

    let mut total = Score::default();
    let mut quantities = Score::default();
    let mut weakest: Vec<(String, f64)> = Vec::new();
    let mut weak_docs: Vec<(String, f64)> = Vec::new();
    let mut weak_regions: Vec<(String, f64)> = Vec::new();
    for path in &texts {
        let base = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(path).expect("a UTF-8 text");
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(gold_path(&dir, &base)).expect("gold beside each text"),
        )
        .expect("gold is JSON");
        let date = date_of(&sources, &base);
        let facts = facts_of(&text, date.as_deref());
        let s = score(&gold, &facts);
        println!("{base:<22} {}", s.line());
        let (doc_f, _, _) = f1(s.tp, s.fp, s.fn_, s.tp);
        if s.tp + s.fp + s.fn_ > 0 && doc_f < MIN_DOC_LOOSE_F1 {
            weak_docs.push((base.clone(), doc_f));
        }
        if s.region_total > 0 {
            let ra = s.region_ok as f64 / s.region_total as f64;
            if ra < MIN_DOC_REGION_ACC {
                weak_regions.push((base.clone(), ra));
            }
        }
        total.add(&s);
        let figures: Vec<Value> = facts
            .into_iter()
            .filter(|f| f["kind"] == "target" || f["kind"] == "observation")
            .collect();
        let q = score(&quantity_slice(&gold), &figures);
        let (qf, _, _) = f1(q.tp, q.fp, q.fn_, q.tp);
        if q.tp + q.fn_ > 0 && qf < MIN_DOC_QUANTITY_F1 {
            weakest.push((base, qf));
        }
        quantities.add(&q);
    }
    let (f, p, r) = f1(total.tp, total.fp, total.fn_, total.tp);
    let (sf, _, _) = f1(total.tp, total.fp, total.fn_, total.stp);
    let ra = if total.region_total > 0 {
        total.region_ok as f64 / total.region_total as f64
    } else {
        0.0
    };
    println!(
        "MICRO F1={f:.3} P={p:.3} R={r:.3} TP={} FP={} FN={} region_acc={ra:.2} ({}/{}) strict_F1={sf:.3}",
        total.tp, total.fp, total.fn_, total.region_ok, total.region_total
    );
    let (qf, qp, qr) = f1(quantities.tp, quantities.fp, quantities.fn_, quantities.tp);
    let (qsf, _, _) = f1(quantities.tp, quantities.fp, quantities.fn_, quantities.stp);
    println!(
        "TARGETS+OBSERVATIONS F1={qf:.3} P={qp:.3} R={qr:.3} TP={} FP={} FN={} strict_F1={qsf:.3}",
        quantities.tp, quantities.fp, quantities.fn_
    );
    assert!(f >= MIN_LOOSE_F1, "loose F1 {f:.3} < {MIN_LOOSE_F1}");
    assert!(
        weak_docs.is_empty(),
        "documents under loose F1 {MIN_DOC_LOOSE_F1}: {weak_docs:?}"
    );
    assert!(
        ra >= MIN_REGION_ACC,
        "region accuracy {ra:.2} < {MIN_REGION_ACC}"
    );
    assert!(
        weak_regions.is_empty(),
        "documents under region accuracy {MIN_DOC_REGION_ACC}: {weak_regions:?}"
    );
    assert!(sf >= MIN_STRICT_F1, "strict F1 {sf:.3} < {MIN_STRICT_F1}");
    assert!(
        qf >= MIN_QUANTITY_F1,
        "quantity F1 {qf:.3} < {MIN_QUANTITY_F1}"
    );
    assert!(
        qsf >= MIN_QUANTITY_STRICT_F1,
        "quantity strict F1 {qsf:.3} < {MIN_QUANTITY_STRICT_F1}"
    );
    assert!(
        weakest.is_empty(),
        "documents whose targets and observations score under F1 {MIN_DOC_QUANTITY_F1}: {weakest:?}"
    );
}

/// The port agrees with `score.py` on cases written to tell its rules apart.
#[test]
fn the_scorer_follows_score_py() {
    let gold: Value = serde_json::json!({
        "required": [
            {"id": "a", "region": "甲市", "any_of": [{"kind": "quantity", "value": 5, "unit": "percent",
              "fact": "target", "measure": "growth", "comparator": "about", "metric_any": ["生产总值"], "year": 2023}]},
            {"id": "b", "any_of": [{"kind": "quantity", "value": 5, "unit": "percent", "fact": "target",
              "measure": "growth", "metric_any": ["收入"]}]},
            {"id": "c", "any_of": [{"kind": "project", "count": 3, "investment_yuan": null, "status": "started"}]},
            {"id": "d", "any_of": [{"kind": "official", "name": "王明", "title": "书记"}]}
        ],
        "optional": [{"id": "o", "any_of": [{"kind": "campaign", "name": "攻坚年"}]}]
    });
    let facts = vec![
        // Takes b strictly in pass 1 (a's metric does not match), leaving a for the next.
        serde_json::json!({"kind": "target", "value": 5, "unit": "percent", "measure": "growth", "metric": "财政收入"}),
        // a, loosely: the comparator is wrong.
        serde_json::json!({"kind": "target", "value": 5.0000001, "unit": "%", "measure": "growth",
                           "metric": "地区生产总值", "comparator": "eq", "year": 2023, "region": "甲市"}),
        // c: count defaults to 1 only when absent; here it is given.
        serde_json::json!({"kind": "project", "count": 3, "investment_yuan": null, "status": "started"}),
        // d: the gold title is contained in the extracted one; quotation marks are ignored.
        serde_json::json!({"kind": "official", "name": "“王明”", "title": "市委书记"}),
        // Absorbed by the optional campaign.
        serde_json::json!({"kind": "campaign", "name": "《攻坚年》"}),
        // A second copy of a matched fact is a false positive.
        serde_json::json!({"kind": "official", "name": "王明", "title": "市委书记"}),
        // Not scored at all.
        serde_json::json!({"kind": "other"}),
    ];
    let s = score(&gold, &facts);
    assert_eq!(
        (s.tp, s.fp, s.fn_, s.stp, s.region_ok, s.region_total),
        (4, 1, 0, 3, 1, 1)
    );
    assert_eq!(
        s.line(),
        "F1=0.889 P=0.800 R=1.000 TP=4 FP=1 FN=0 region_acc=1.00 (1/1) strict_F1=0.667 STP=3"
    );
    assert_eq!(
        date_of("| 07_x | http://a/2021-01-01 | 2022-03-05 (est.) |", "07_x").as_deref(),
        Some("2021-01-01"),
        "the first date on the line, as run_set.sh's grep takes it"
    );
}
