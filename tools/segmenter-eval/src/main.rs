//! Does a word segmenter (jieba-rs) bound metric noun phrases better than planledger's
//! character windows? Issue #11, must-have 2.
//!
//! ```text
//! segmenter-eval [--show] SET_DIR...
//! ```
//!
//! For every SET_DIR (a gold set laid out like `../shared/corpus-dev`: `NN_slug.txt`,
//! `gold/NN_slug.json`, `SOURCES.md` with document dates) it
//!
//! 1. extracts each text with `planledger::extract::Extractor`, assigns facts to the gold's
//!    required quantity items as `../shared/eval/score.py` does (pass 1: value, unit and every
//!    key field; pass 2: value and unit), and counts the matched items whose `metric` holds one
//!    of the gold's `metric_any` (the scorer's test) against those whose metric does not;
//! 2. reads an alternative metric with jieba: the clause before the figure, POS-tagged, minus
//!    its predicate tail (verbs, adverbs, prepositions, times, numbers), then the longest run of
//!    nominal words before that (resolved through `metrics::canonical` as the extractor
//!    resolves its own reads), and counts what that would fix and break, once applied to every
//!    figure and once only to figures whose metric is a free noun phrase (no indicator key);
//! 3. times jieba: `Jieba::new()`, segmentation (`cut` and `tag`) of all the sets' texts
//!    concatenated, the extractor on the same texts, and tagging only the clauses the
//!    alternative needs.
//!
//! `--show` prints each disagreement (our metric, jieba's, the gold keywords) to stderr; the
//! phrases are the texts' own words, so that output is for a terminal, not for a file in a
//! repository.

use jieba_rs::Jieba;
use planledger::extract::{metrics, Document, Extractor};
use planledger::model::PartialDate;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const QUOTES: &[char] = &[
    '“', '”', '"', '\'', '‘', '’', '《', '》', '「', '」', '『', '』', '【', '】', ' ', '\u{3000}',
];

fn norm_name(s: &str) -> String {
    s.chars().filter(|c| !QUOTES.contains(c)).collect()
}

fn norm_unit(u: &Value) -> Option<String> {
    let u = u.as_str()?.trim();
    Some(
        match u {
            "%" | "％" => "percent",
            "元" | "CNY" => "yuan",
            other => other,
        }
        .to_string(),
    )
}

fn close(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * 1f64.max(a.abs()).max(b.abs()),
        _ => a.is_null() && b.is_null(),
    }
}

/// score.py's `matches`, for quantity forms (the only ones this harness scores).
fn matches(fact: &Value, form: &Value) -> bool {
    let k = fact["kind"].as_str().unwrap_or("");
    if form["kind"] != "quantity" {
        return false;
    }
    (k == "target" || k == "observation")
        && close(&fact["value"], &form["value"])
        && norm_unit(&fact["unit"]) == form["unit"].as_str().map(str::to_string)
}

fn metric_ok(metric: &str, form: &Value) -> bool {
    match form["metric_any"].as_array() {
        Some(keys) => {
            let m = norm_name(metric);
            keys.iter().filter_map(Value::as_str).any(|k| m.contains(k))
        }
        None => true,
    }
}

/// score.py's `strict_ok`, for quantity forms.
fn strict_ok(fact: &Value, form: &Value) -> bool {
    if let Some(c) = form.get("comparator") {
        if fact["comparator"].as_str().unwrap_or("eq") != c.as_str().unwrap_or("") {
            return false;
        }
    }
    if let Some(m) = form.get("measure") {
        if &fact["measure"] != m {
            return false;
        }
    }
    if let Some(f) = form.get("fact") {
        if &fact["kind"] != f {
            return false;
        }
    }
    if form.get("metric_any").is_some() && !metric_ok(fact["metric"].as_str().unwrap_or(""), form) {
        return false;
    }
    if let Some(y) = form.get("year") {
        if !fact["year"].is_null() && &fact["year"] != y {
            return false;
        }
    }
    true
}

/// For each required item, the index of the fact the scorer would assign to it.
fn assign(facts: &[Value], required: &[Value]) -> Vec<Option<usize>> {
    let mut used: Vec<Option<usize>> = vec![None; required.len()];
    let forms = |g: &Value| g["any_of"].as_array().cloned().unwrap_or_default();
    let mut left = Vec::new();
    for (fi, f) in facts.iter().enumerate() {
        let slot = (0..required.len()).find(|&i| {
            used[i].is_none()
                && forms(&required[i])
                    .iter()
                    .any(|form| matches(f, form) && strict_ok(f, form))
        });
        match slot {
            Some(i) => used[i] = Some(fi),
            None => left.push(fi),
        }
    }
    for fi in left {
        let f = &facts[fi];
        if let Some(i) = (0..required.len())
            .find(|&i| used[i].is_none() && forms(&required[i]).iter().any(|form| matches(f, form)))
        {
            used[i] = Some(fi);
        }
    }
    used
}

/// Characters that end the clause a figure's metric can come from.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | ';'
            | '!'
            | '?'
            | '\n'
            | '，'
            | ','
            | '、'
            | '：'
            | ':'
            | '（'
            | '('
            | '）'
            | ')'
    )
}

fn is_digit_like(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '.'
}

fn is_han_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千万亿两".contains(c)
}

/// Where the figure starts, in characters of `chars`, within `span`: the last run of Arabic
/// digits, else the last run of Chinese numerals.
fn figure_start(chars: &[char], start: usize, end: usize) -> Option<usize> {
    let end = end.min(chars.len());
    let last_run = |pred: &dyn Fn(char) -> bool| {
        let mut i = end;
        while i > start && !pred(chars[i - 1]) {
            i -= 1;
        }
        if i == start {
            return None;
        }
        while i > start && pred(chars[i - 1]) {
            i -= 1;
        }
        Some(i)
    };
    last_run(&|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        .map(|i| {
            // Step back over a decimal point's digits ("1.5").
            let mut i = i;
            while i > start && is_digit_like(chars[i - 1]) {
                i -= 1;
            }
            i
        })
        .or_else(|| last_run(&is_han_numeral))
}

/// POS tags of the predicate between a metric and its figure: verbs (增长, 达到, 完成),
/// adverbs (力争, 约), prepositions (比), times (上年), numerals and measure words, particles,
/// conjunctions, punctuation.
fn is_predicate_tag(tag: &str) -> bool {
    matches!(tag, "v" | "vi" | "vq" | "zg") || (is_function_tag(tag) && tag != "r")
}

/// POS tags of words a metric noun phrase is made of: nouns of every kind, nominal verbs
/// (投资, 就业) and adjectives, abbreviations, idioms, distinguishing words (规模以上 → b),
/// Latin words (GDP).
fn is_nominal_tag(tag: &str) -> bool {
    matches!(
        tag,
        "n" | "nr"
            | "nrt"
            | "nrfg"
            | "ns"
            | "nt"
            | "nz"
            | "ng"
            | "vn"
            | "an"
            | "j"
            | "l"
            | "b"
            | "eng"
            | "s"
    )
}

/// Predicate words between a metric and its figure, and the cue verbs before a metric: a
/// short list of our own, for the boundary-only variant (jieba tags 收入, 就业 and 预算 as
/// verbs, so verbs alone cannot bound a metric).
const PREDICATE_WORDS: &[&str] = &[
    "增长",
    "增加",
    "提高",
    "下降",
    "减少",
    "完成",
    "达到",
    "达",
    "实现",
    "突破",
    "超过",
    "超",
    "预计",
    "力争",
    "争取",
    "确保",
    "分别",
    "同比",
    "比",
    "控制",
    "控制在",
    "保持",
    "要",
    "将",
    "是",
    "为",
    "有",
    "约",
    "以上",
    "左右",
    "其中",
    "累计",
];

/// Whether a tagged word is function material that never belongs to a metric.
fn is_function_tag(tag: &str) -> bool {
    matches!(
        tag,
        "d" | "p"
            | "t"
            | "m"
            | "q"
            | "mq"
            | "u"
            | "uj"
            | "ul"
            | "uz"
            | "ug"
            | "uv"
            | "ud"
            | "c"
            | "x"
            | "w"
            | "y"
            | "r"
            | "f"
            | "vd"
    )
}

/// How the alternative bounds the phrase.
#[derive(Clone, Copy, PartialEq)]
enum Variant {
    /// Jieba's POS tags alone: verbs end the phrase.
    Pos,
    /// Jieba's word boundaries with a short predicate-word list; any other word, verbs
    /// included, may be part of the phrase.
    Boundaries,
}

/// The noun phrase jieba bounds before the figure at `fig` (characters into `chars`).
fn jieba_metric(jieba: &Jieba, chars: &[char], fig: usize, variant: Variant) -> (String, String) {
    if variant == Variant::Boundaries {
        let mut s = fig;
        while s > 0 && !is_clause_end(chars[s - 1]) {
            s -= 1;
        }
        let clause: String = chars[s..fig].iter().collect();
        let tags = jieba.tag(&clause, true);
        let pred =
            |t: &jieba_rs::Tag<'_>| PREDICATE_WORDS.contains(&t.word) || is_function_tag(t.tag);
        let mut i = tags.len();
        while i > 0 && pred(&tags[i - 1]) {
            i -= 1;
        }
        let end = i;
        while i > 0 && !pred(&tags[i - 1]) {
            i -= 1;
        }
        let phrase: String = tags[i..end].iter().map(|t| t.word).collect();
        return (phrase, String::new());
    }
    let mut s = fig;
    while s > 0 && !is_clause_end(chars[s - 1]) {
        s -= 1;
    }
    let clause: String = chars[s..fig].iter().collect();
    let tags = jieba.tag(&clause, true);
    let mut i = tags.len();
    while i > 0 && is_predicate_tag(tags[i - 1].tag) {
        i -= 1;
    }
    let end = i;
    while i > 0 && is_nominal_tag(tags[i - 1].tag) {
        i -= 1;
    }
    let phrase: String = tags[i..end].iter().map(|t| t.word).collect();
    let shown = tags
        .iter()
        .map(|t| format!("{}/{}", t.word, t.tag))
        .collect::<Vec<_>>()
        .join(" ");
    (phrase, shown)
}

#[derive(Default, Clone, Copy)]
struct Tally {
    items: usize,
    no_fact: usize,
    ours_right: usize,
    ours_wrong: usize,
    free_phrase: usize,
    free_right: usize,
    jieba_empty: usize,
    pos: Shift,
    boundaries: Shift,
}

/// What one jieba reading changes against ours.
#[derive(Default, Clone, Copy)]
struct Shift {
    // Applied to every figure.
    all_fixed: usize,
    all_broken: usize,
    // Applied only to figures whose metric is a free noun phrase.
    free_fixed: usize,
    free_broken: usize,
}

impl Shift {
    fn count(&mut self, ours_ok: bool, alt_ok: bool, free: bool) {
        match (ours_ok, alt_ok) {
            (false, true) => {
                self.all_fixed += 1;
                self.free_fixed += usize::from(free);
            }
            (true, false) => {
                self.all_broken += 1;
                self.free_broken += usize::from(free);
            }
            _ => {}
        }
    }
}

/// The metric a jieba phrase would give, resolved as the extractor resolves its own reads; an
/// empty phrase keeps ours.
fn alternative(phrase: String, ours: &str) -> String {
    if phrase.is_empty() {
        return ours.to_string();
    }
    metrics::canonical(&phrase)
        .map(|m| m.name.to_string())
        .unwrap_or(phrase)
}

struct Doc {
    text: String,
    date: Option<PartialDate>,
    gold: Value,
    name: String,
}

fn load_set(dir: &Path) -> Result<Vec<Doc>, String> {
    let sources = std::fs::read_to_string(dir.join("SOURCES.md")).unwrap_or_default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        let base = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let gold_path = [
            dir.join(format!("{base}.json")),
            dir.join("gold").join(format!("{base}.json")),
        ]
        .into_iter()
        .find(|p| p.exists())
        .ok_or_else(|| format!("{base}: no gold"))?;
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(&gold_path).map_err(|e| format!("{base}: {e}"))?,
        )
        .map_err(|e| format!("{}: {e}", gold_path.display()))?;
        // The first YYYY-MM-DD on the file's SOURCES.md line, as run_set.sh takes it.
        let date = sources.lines().find(|l| l.contains(&base)).and_then(|l| {
            let b = l.as_bytes();
            (0..b.len().saturating_sub(9)).find_map(|i| {
                let w = l.get(i..i + 10)?;
                let ok = w.bytes().enumerate().all(|(j, c)| {
                    if j == 4 || j == 7 {
                        c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
                ok.then(|| w.parse::<PartialDate>().ok()).flatten()
            })
        });
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        docs.push(Doc {
            text,
            date,
            gold,
            name: base,
        });
    }
    Ok(docs)
}

fn extract(ex: &Extractor, d: &Doc) -> Vec<Value> {
    let mut doc = Document::new(&d.text);
    if let Some(date) = d.date {
        doc = doc.with_date(date);
    }
    ex.extract(&doc)
        .facts
        .iter()
        .filter_map(|f| serde_json::to_value(f).ok())
        .filter(|v| {
            matches!(
                v["kind"].as_str(),
                Some("project" | "target" | "observation" | "official" | "campaign")
            )
        })
        .collect()
}

/// Scores one set: our metrics and both jieba readings; pushes onto `clauses` the clause before
/// each matched figure (what the readings tag), for timing.
fn evaluate(
    ex: &Extractor,
    jieba: &Jieba,
    docs: &[Doc],
    show: bool,
    clauses: &mut Vec<String>,
) -> Tally {
    let mut t = Tally::default();
    for d in docs {
        let facts = extract(ex, d);
        let required = d.gold["required"].as_array().cloned().unwrap_or_default();
        let assigned = assign(&facts, &required);
        let chars: Vec<char> = d.text.chars().collect();
        for (g, a) in required.iter().zip(&assigned) {
            let forms = g["any_of"].as_array().cloned().unwrap_or_default();
            let with_metric: Vec<&Value> = forms
                .iter()
                .filter(|f| f["kind"] == "quantity" && f.get("metric_any").is_some())
                .collect();
            if with_metric.is_empty() {
                continue;
            }
            t.items += 1;
            let Some(fi) = *a else {
                t.no_fact += 1;
                continue;
            };
            let f = &facts[fi];
            let ours = f["metric"].as_str().unwrap_or("");
            let ok = |m: &str| with_metric.iter().any(|form| metric_ok(m, form));
            let ours_ok = ok(ours);
            let free = f.get("metric_key").is_none_or(Value::is_null);
            if ours_ok {
                t.ours_right += 1;
            } else {
                t.ours_wrong += 1;
            }
            if free {
                t.free_phrase += 1;
                t.free_right += usize::from(ours_ok);
            }
            let span = &f["span"];
            let (s, e) = (
                span[0].as_u64().unwrap_or(0) as usize,
                span[1].as_u64().unwrap_or(0) as usize,
            );
            let fig = figure_start(&chars, s, e).unwrap_or(s);
            let (phrase, shown) = jieba_metric(jieba, &chars, fig, Variant::Pos);
            let (b_phrase, _) = jieba_metric(jieba, &chars, fig, Variant::Boundaries);
            let b_alt = alternative(b_phrase, ours);
            let b_ok = ok(&b_alt);
            t.boundaries.count(ours_ok, b_ok, free);
            if show && ours_ok != b_ok {
                eprintln!(
                    "  boundaries: ours {ours:?} jieba {b_alt:?} ({})",
                    if b_ok { "ok" } else { "wrong" }
                );
            }
            {
                let mut c = fig;
                while c > 0 && !is_clause_end(chars[c - 1]) {
                    c -= 1;
                }
                clauses.push(chars[c..fig].iter().collect());
            }
            t.jieba_empty += usize::from(phrase.is_empty());
            let alt = alternative(phrase, ours);
            let alt_ok = ok(&alt);
            t.pos.count(ours_ok, alt_ok, free);
            if show && (ours_ok != alt_ok || !ours_ok) {
                let keys: Vec<&str> = with_metric
                    .iter()
                    .flat_map(|f| f["metric_any"].as_array().into_iter().flatten())
                    .filter_map(Value::as_str)
                    .collect();
                eprintln!(
                    "{} {}: ours {:?} ({}) jieba {:?} ({}) gold {:?}{}\n    {}",
                    d.name,
                    g["id"].as_str().unwrap_or(""),
                    ours,
                    if free { "free" } else { "key" },
                    alt,
                    if alt_ok { "ok" } else { "wrong" },
                    keys,
                    if ours_ok { "" } else { "  <- ours wrong" },
                    shown
                );
            }
        }
    }
    t
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Median of `reps` timed runs after `warm` untimed ones.
fn time<F: FnMut()>(warm: usize, reps: usize, mut f: F) -> Duration {
    for _ in 0..warm {
        f();
    }
    median(
        (0..reps)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn mib_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / d.as_secs_f64()
}

fn main() {
    let mut show = false;
    let mut dirs = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--show" {
            show = true;
        } else {
            dirs.push(PathBuf::from(a));
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: segmenter-eval [--show] SET_DIR...");
        std::process::exit(2);
    }

    let t = Instant::now();
    let jieba = Jieba::new();
    let first_new = t.elapsed();
    let new_time = time(0, 5, || {
        std::hint::black_box(Jieba::new());
    });
    let ex = Extractor::new();

    let mut all_docs = Vec::new();
    let mut clauses = Vec::new();
    println!("## Metric boundaries (required gold quantity items that name a metric)\n");
    println!("| set | items | no fact matched | ours right | ours wrong | free phrases (right) | jieba empty | POS, on all: fixed / broken | POS, free phrases only: fixed / broken | boundaries, on all: fixed / broken | boundaries, free phrases only: fixed / broken |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for dir in &dirs {
        let docs = match load_set(dir) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("segmenter-eval: {e}");
                std::process::exit(1);
            }
        };
        let t = evaluate(&ex, &jieba, &docs, show, &mut clauses);
        println!(
            "| {} ({} texts) | {} | {} | {} | {} | {} ({}) | {} | {} / {} | {} / {} | {} / {} | {} / {} |",
            dir.display(),
            docs.len(),
            t.items,
            t.no_fact,
            t.ours_right,
            t.ours_wrong,
            t.free_phrase,
            t.free_right,
            t.jieba_empty,
            t.pos.all_fixed,
            t.pos.all_broken,
            t.pos.free_fixed,
            t.pos.free_broken,
            t.boundaries.all_fixed,
            t.boundaries.all_broken,
            t.boundaries.free_fixed,
            t.boundaries.free_broken
        );
        all_docs.extend(docs);
    }

    // Cost, on every text of the sets concatenated.
    let corpus: String = all_docs
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = corpus.len();
    let reps = 9;
    let cut = time(2, reps, || {
        std::hint::black_box(jieba.cut(&corpus, true));
    });
    let cut_nohmm = time(2, reps, || {
        std::hint::black_box(jieba.cut(&corpus, false));
    });
    let tag = time(2, reps, || {
        std::hint::black_box(jieba.tag(&corpus, true));
    });
    let extract_t = time(2, reps, || {
        for d in &all_docs {
            std::hint::black_box(extract(&ex, d));
        }
    });
    let clause_bytes: usize = clauses.iter().map(String::len).sum();
    let clause_t = time(2, reps, || {
        for c in &clauses {
            std::hint::black_box(jieba.tag(c, true));
        }
    });
    let ex_rate = mib_s(bytes, extract_t);
    let tag_rate = mib_s(bytes, tag);
    println!(
        "\n## Cost (single thread, median of {reps} after 2 warm-up runs; {} texts, {:.1} KiB)\n",
        all_docs.len(),
        bytes as f64 / 1024.0
    );
    println!("| what | time | throughput |");
    println!("|---|---|---|");
    println!(
        "| `Jieba::new()` (dictionary load), first / median of 5 | {:.1} ms / {:.1} ms | |",
        first_new.as_secs_f64() * 1e3,
        new_time.as_secs_f64() * 1e3
    );
    println!(
        "| jieba `cut` (HMM on) | {:.2} ms | {:.2} MiB/s |",
        cut.as_secs_f64() * 1e3,
        mib_s(bytes, cut)
    );
    println!(
        "| jieba `cut` (HMM off) | {:.2} ms | {:.2} MiB/s |",
        cut_nohmm.as_secs_f64() * 1e3,
        mib_s(bytes, cut_nohmm)
    );
    println!(
        "| jieba `tag` (HMM on, POS) | {:.2} ms | {:.2} MiB/s |",
        tag.as_secs_f64() * 1e3,
        tag_rate
    );
    println!(
        "| planledger `Extractor::extract` (all texts) | {:.2} ms | {:.2} MiB/s |",
        extract_t.as_secs_f64() * 1e3,
        ex_rate
    );
    println!(
        "| extractor + jieba `tag` on every byte (serial) | {:.2} ms | {:.2} MiB/s |",
        (extract_t + tag).as_secs_f64() * 1e3,
        mib_s(bytes, extract_t + tag)
    );
    println!(
        "| jieba `tag` on the {} clauses before matched figures only ({:.1} KiB) | {:.3} ms | {:.2} MiB/s of clause |",
        clauses.len(),
        clause_bytes as f64 / 1024.0,
        clause_t.as_secs_f64() * 1e3,
        mib_s(clause_bytes, clause_t)
    );
}
