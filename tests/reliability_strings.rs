//! Search and filter strings are data, never SQL or FTS5 syntax: arbitrary strings — quotes,
//! `*`, `OR`, `NEAR(`, `^`, `-`, `:`, NUL, LIKE wildcards, any Unicode — give `Ok` (or
//! `InvalidInput` for an empty search), never a storage error, and match exactly what an
//! oracle over the data says.

use planledger::query::{FigureFilter, ProjectFilter, ProjectOrder};
use planledger::{Error, Ledger};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

const CASES: u32 = 256;

/// Pieces of FTS5 query syntax, SQL, LIKE patterns and awkward Unicode.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "''",
    "*",
    "OR",
    "AND",
    "NOT",
    "NEAR(",
    "NEAR/2",
    "(",
    ")",
    "^",
    "-",
    "+",
    ":",
    "body:",
    "search_index",
    "{body}",
    "rank",
    "%",
    "_",
    "\\",
    "\0",
    ";",
    "--",
    "/*",
    "*/",
    "'; DROP TABLE project; --",
    "\" OR \"\"=\"",
    "' OR 1=1 --",
    "?1",
    "$x",
    "@a",
    ":name",
    "NULL",
    "🏗️",
    "\u{202e}",
    "\u{feff}",
    "\u{0301}",
    "Ｏｒ",
    " ",
    "\t",
    "\n",
    "泊里镇",
    "氢能",
    "周科",
    "琅琊",
    "亿元",
    "西海岸新区",
    "370211",
    "%镇",
    "_镇",
];

/// What the ledger holds, read once through the API, to judge each answer against.
struct Oracle {
    projects: Vec<Option<String>>,
    target_metrics: Vec<String>,
    observation_metrics: Vec<String>,
    /// (name, aliases, code) of every region.
    regions: Vec<(String, Vec<String>, Option<String>)>,
    /// Strings that are in the data: sectors, metrics, region names, aliases and codes.
    known: Vec<String>,
}

fn bundled() -> (Ledger, Oracle) {
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::dataset::load_qingdao(&mut ledger).unwrap();
    let projects: Vec<Option<String>> = ledger
        .projects(&ProjectFilter::new(), ProjectOrder::Id, 10_000, None)
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.value.sector)
        .collect();
    let target_metrics: Vec<String> = ledger
        .targets(&FigureFilter::new())
        .unwrap()
        .into_iter()
        .map(|t| t.value.metric)
        .collect();
    let observation_metrics: Vec<String> = ledger
        .observations(&FigureFilter::new())
        .unwrap()
        .into_iter()
        .map(|o| o.value.metric)
        .collect();
    let regions: Vec<_> = ledger
        .regions()
        .unwrap()
        .into_iter()
        .map(|r| {
            let code = r.value.code.as_ref().map(|c| c.as_str().to_string());
            (r.value.name, r.value.aliases, code)
        })
        .collect();
    let mut known: Vec<String> = projects.iter().flatten().cloned().collect();
    known.extend(target_metrics.iter().cloned());
    known.extend(observation_metrics.iter().cloned());
    for (name, aliases, code) in &regions {
        known.push(name.clone());
        known.extend(aliases.iter().cloned());
        known.extend(code.iter().cloned());
    }
    known.sort();
    known.dedup();
    assert!(
        projects.iter().flatten().count() > 0,
        "no sectors in the bundled data"
    );
    assert!(!target_metrics.is_empty() && !regions.is_empty());
    (
        ledger,
        Oracle {
            projects,
            target_metrics,
            observation_metrics,
            regions,
            known,
        },
    )
}

fn strings(known: Vec<String>) -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => proptest::sample::select(TOKENS).prop_map(String::from),
        1 => "[a-zA-Z]{1,4}",
        1 => any::<char>().prop_map(String::from),
    ];
    prop_oneof![
        4 => proptest::collection::vec(token.clone(), 0..8).prop_map(|v| v.concat()),
        2 => any::<String>(),
        // Real values, alone and wrapped in syntax, so that matches happen too.
        2 => proptest::sample::select(known.clone()),
        1 => (proptest::sample::select(known), token.clone(), token)
            .prop_map(|(k, a, b)| format!("{a}{k}{b}")),
    ]
}

fn storage_error(e: &Error) -> bool {
    matches!(e, Error::Storage { .. } | Error::Corrupt { .. })
}

fn check(ledger: &Ledger, oracle: &Oracle, s: &str) -> Result<(), TestCaseError> {
    // Full-text search.
    match ledger.search(s, 10) {
        Ok(hits) => {
            prop_assert!(!s.trim().is_empty(), "empty query accepted");
            prop_assert!(hits.len() <= 10);
            let named_region = oracle.regions.iter().any(|(name, _, _)| name == s.trim());
            prop_assert!(
                !named_region || !hits.is_empty(),
                "region name {s:?} found nothing"
            );
        }
        Err(Error::InvalidInput { field, .. }) => {
            prop_assert_eq!(field, "query");
            prop_assert!(s.trim().is_empty(), "{s:?} refused");
        }
        Err(e) => return Err(TestCaseError::fail(format!("search({s:?}): {e:?}"))),
    }

    // Project filters: exact equality, counted against the oracle.
    let filter = ProjectFilter::new().sector(s);
    let expected = oracle
        .projects
        .iter()
        .filter(|p| p.as_deref() == Some(s))
        .count() as u64;
    let totals = ledger
        .project_totals(&filter)
        .map_err(|e| TestCaseError::fail(format!("project_totals({s:?}): {e:?}")))?;
    prop_assert_eq!(totals.rows, expected, "sector {:?}", s);
    let page = ledger
        .projects(&filter, ProjectOrder::InvestmentDesc, 100, None)
        .map_err(|e| TestCaseError::fail(format!("projects({s:?}): {e:?}")))?;
    prop_assert!(page.items.iter().all(|p| p.sector.as_deref() == Some(s)));
    prop_assert_eq!(page.items.len() as u64, expected.min(100));

    // Figure filters.
    let figures = FigureFilter::new().metric(s);
    let targets = ledger
        .targets(&figures)
        .map_err(|e| TestCaseError::fail(format!("targets({s:?}): {e:?}")))?;
    prop_assert!(targets.iter().all(|t| t.metric == s));
    prop_assert_eq!(
        targets.len(),
        oracle.target_metrics.iter().filter(|m| *m == s).count()
    );
    let observations = ledger
        .observations(&figures)
        .map_err(|e| TestCaseError::fail(format!("observations({s:?}): {e:?}")))?;
    prop_assert!(observations.iter().all(|o| o.metric == s));
    prop_assert_eq!(
        observations.len(),
        oracle
            .observation_metrics
            .iter()
            .filter(|m| *m == s)
            .count()
    );
    ledger
        .metric_across_regions(s, None)
        .map_err(|e| TestCaseError::fail(format!("metric_across_regions({s:?}): {e:?}")))?;

    // Region lookups: by name, alias or code, exactly.
    let found = ledger
        .find_regions(s)
        .map_err(|e| TestCaseError::fail(format!("find_regions({s:?}): {e:?}")))?;
    let expected = oracle
        .regions
        .iter()
        .filter(|(name, aliases, code)| {
            name == s || aliases.iter().any(|a| a == s) || code.as_deref() == Some(s)
        })
        .count();
    prop_assert_eq!(found.len(), expected, "find_regions({:?})", s);
    match ledger.resolve_region(s) {
        Ok(id) => prop_assert!(found.iter().any(|r| r.id == id)),
        Err(Error::NotFound { .. }) => prop_assert!(found.is_empty()),
        Err(Error::InvalidInput { field, .. }) => {
            prop_assert_eq!(field, "region");
            prop_assert!(found.len() >= 2);
        }
        Err(e) => {
            prop_assert!(!storage_error(&e));
            return Err(TestCaseError::fail(format!("resolve_region({s:?}): {e:?}")));
        }
    }
    Ok(())
}

#[test]
fn search_and_filter_strings_are_data() {
    let (ledger, oracle) = bundled();
    let mut before = Vec::new();
    ledger.export_jsonl(&mut before).unwrap();

    // Hand-picked cases first, so that they run whatever the generator draws.
    for s in TOKENS.iter().map(|t| t.to_string()).chain([
        String::new(),
        "   ".into(),
        "\"\"\"".into(),
        "NEAR(\"a\" \"b\", 2)".into(),
        "body: 泊里镇 OR *".into(),
        "泊里镇\0".into(),
        "x".repeat(10_000),
    ]) {
        if let Err(e) = check(&ledger, &oracle, &s) {
            panic!("{s:?}: {e}");
        }
    }

    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strings(oracle.known.clone()), |s| {
        check(&ledger, &oracle, &s)
    });
    if let Err(e) = result {
        panic!("{e}");
    }

    // Nothing any string did changed the data.
    let mut after = Vec::new();
    ledger.export_jsonl(&mut after).unwrap();
    assert!(before == after, "the ledger changed during the run");
}

/// NUL ends a pattern for FTS5's parser and for LIKE, so a query holding one takes its own
/// path: it must neither fail with a storage error nor match by its prefix alone.
#[test]
fn search_with_nul_is_not_a_storage_error() {
    let (ledger, _) = bundled();
    for q in ["泊里镇\0", "\0\0\0", "a\0bc", "\0氢能", "ab\0"] {
        match ledger.search(q, 10) {
            Ok(hits) => assert!(
                hits.is_empty(),
                "search({q:?}) matched text without a NUL: {hits:?}"
            ),
            Err(Error::InvalidInput { .. }) => {}
            Err(e) => panic!("search({q:?}): {e:?}"),
        }
    }
}
