//! Data that would make the ledger unreadable or wrong never gets in: impossible dates (month
//! 13, year 0, 30 February) are refused by the model and by the schema, whoever writes;
//! investment totals that would pass `i64` refuse the write instead of turning into floating
//! point and drifting; a source text with NUL is stored, not refused by an obscure rule.
//! (That `PartialDate`'s variants cannot be built outside the crate is a `compile_fail`
//! doctest on `PartialDate`.)

use planledger::model::*;
use planledger::{Error, Ledger};
use rusqlite::Connection;

fn rule(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::Constraint { rule, .. }) => rule,
        other => panic!("expected a constraint error, got {other:?}"),
    }
}

/// Every date column of the schema, with an insert that sets it to `?1` and an update that
/// does (`?1` the date, the row id `1`).
const DATE_COLUMNS: &[(&str, &str, &str)] = &[
    (
        "region.valid_from",
        "INSERT INTO region (name, kind, valid_from) VALUES ('甲镇' || ?1, 'town', ?1)",
        "UPDATE region SET valid_to = NULL, valid_from = ?1 WHERE id = 1",
    ),
    (
        "region.valid_to",
        "INSERT INTO region (name, kind, valid_to) VALUES ('乙镇' || ?1, 'town', ?1)",
        "UPDATE region SET valid_from = NULL, valid_to = ?1 WHERE id = 1",
    ),
    (
        "source.published",
        "INSERT INTO source (title, published) VALUES ('报道', ?1)",
        "UPDATE source SET published = ?1 WHERE id = 1",
    ),
    (
        "holding.start_date",
        "INSERT INTO holding (person_id, post_id, start_date) VALUES (1, 1, ?1)",
        "UPDATE holding SET end_date = NULL, start_date = ?1 WHERE id = 1",
    ),
    (
        "holding.end_date",
        "INSERT INTO holding (person_id, post_id, end_date) VALUES (1, 1, ?1)",
        "UPDATE holding SET start_date = NULL, end_date = ?1 WHERE id = 1",
    ),
    (
        "project.deadline",
        "INSERT INTO project (count, deadline) VALUES (1, ?1)",
        "UPDATE project SET deadline = ?1 WHERE id = 1",
    ),
    (
        "target.deadline",
        "INSERT INTO target (metric, measure, value_e4, unit, deadline) VALUES ('m', 'level', 1, '个', ?1)",
        "UPDATE target SET deadline = ?1 WHERE id = 1",
    ),
    (
        "observation.period",
        "INSERT INTO observation (metric, measure, value_e4, unit, period) VALUES ('m', 'level', 1, '个', ?1)",
        "UPDATE observation SET period = ?1 WHERE id = 1",
    ),
    (
        "target_status.as_of",
        "INSERT INTO target_status (target_id, as_of, status, rule) VALUES (1, ?1, 'no_data', 'r')",
        "",
    ),
];

/// A ledger file with one row in every table a date column lives in.
fn ledger_with_rows(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("dates.db");
    let mut ledger = Ledger::open(&path).unwrap();
    let town = ledger
        .insert(&Region::new("琅琊镇", RegionKind::Town))
        .unwrap();
    ledger.insert(&Source::titled("报道")).unwrap();
    let person = ledger.insert(&Person::new("李华")).unwrap();
    let post = ledger
        .insert(&Post::new("党委书记", "琅琊镇党委", Some(town)))
        .unwrap();
    ledger
        .insert(&Holding::attested(person, post, "2023".parse().unwrap()))
        .unwrap();
    // Through the ledger's own (untrusted-schema) connection, a full day runs date() in the
    // triggers too.
    let mut project = Project::batch(1).in_region(town);
    project.deadline = Some("2024-02-29".parse().unwrap());
    ledger.insert(&project).unwrap();
    let quantity = Quantity::new(Decimal::from_int(1), Unit::parse("个"), Comparator::Eq);
    ledger
        .insert(&Target::new("m", Measure::Level, quantity.clone()))
        .unwrap();
    ledger
        .insert(&Observation::new("m", Measure::Level, quantity))
        .unwrap();
    path
}

/// The GLOB checks of migration 0001 admitted any digits: month 13, day 32, year 0000, 30
/// February. Such a row then made `get`, `projects()` and `export_jsonl` fail for the whole
/// ledger. Whoever writes (here SQL on a plain connection, as another program would), the
/// schema now refuses them, and the ledger stays readable.
#[test]
fn the_schema_refuses_impossible_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_with_rows(dir.path());
    let conn = Connection::open(&path).unwrap();
    for (column, insert, update) in DATE_COLUMNS {
        for bad in [
            "2023-13",
            "2023-00",
            "0000",
            "0999-05",
            "2023-02-29",
            "2023-02-30",
            "2023-04-31",
            "2023-01-32",
            "2023-13-01",
            "2023-00-10",
        ] {
            let is_day = bad.len() == 10;
            if *column == "target_status.as_of" && !is_day {
                continue; // 0004's own check wants a day there
            }
            let e = conn.execute(insert, [bad]);
            assert!(e.is_err(), "{column} = {bad}: insert accepted");
            if !update.is_empty() {
                let e = conn.execute(update, [bad]);
                assert!(e.is_err(), "{column} = {bad}: update accepted");
            }
        }
        if *column == "target_status.as_of" {
            // A history takes one first row; 0004's own rules govern the ones after it.
            conn.execute(insert, ["2024-02-29"]).unwrap();
            continue;
        }
        for good in ["2024-02-29", "2023-12-31", "1000", "9999-12"] {
            conn.execute(insert, [good])
                .unwrap_or_else(|e| panic!("{column} = {good}: {e}"));
            if !update.is_empty() {
                conn.execute(update, [good])
                    .unwrap_or_else(|e| panic!("{column} = {good}: {e}"));
            }
        }
    }
    drop(conn);
    let ledger = Ledger::open(&path).unwrap();
    let mut out = Vec::new();
    ledger.export_jsonl(&mut out).unwrap();
}

/// The model builds only real dates: the checked constructors and the text form refuse
/// impossible ones (the variants themselves cannot be built outside the crate).
#[test]
fn partial_dates_are_checked_when_built() {
    assert!(PartialDate::month_of(2023, 13).is_err());
    assert!(PartialDate::month_of(2023, 0).is_err());
    assert!(PartialDate::year_only(0).is_err());
    assert!(PartialDate::year_only(10_000).is_err());
    assert!("0000".parse::<PartialDate>().is_err());
    assert!(serde_json::from_str::<PartialDate>("\"2023-13\"").is_err());
    let ok = PartialDate::month_of(2023, 12).unwrap();
    assert_eq!((ok.year(), ok.month(), ok.day()), (2023, Some(12), None));
}

/// Region totals were kept with SQL's `+`, which turns an `i64` overflow into floating point:
/// the region's investment became inexact and stayed wrong after the rows were deleted. A
/// write that would take a region's total past `i64` is refused; the totals stay exact.
#[test]
fn region_totals_refuse_overflow_instead_of_drifting() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let town = ledger
        .insert(&Region::new("琅琊镇", RegionKind::Town))
        .unwrap();
    let max = Money::from_yuan(i64::MAX).unwrap();
    let big = ledger
        .insert(&Project::batch(1).in_region(town).with_investment(max))
        .unwrap();
    let one = Money::from_yuan(1).unwrap();
    assert_eq!(
        rule(ledger.insert(&Project::batch(1).in_region(town).with_investment(one))),
        "region_totals_range"
    );
    // An update that would overflow is refused too; one that does not is fine.
    let small = ledger.insert(&Project::batch(1).in_region(town)).unwrap();
    let mut grown = ledger.get(small).unwrap().value;
    grown.investment = Some(one);
    assert_eq!(rule(ledger.update(small, &grown)), "region_totals_range");
    let mut smaller = ledger.get(big).unwrap().value;
    smaller.investment = Some(Money::from_yuan(i64::MAX - 1).unwrap());
    ledger.update(big, &smaller).unwrap();
    ledger.update(small, &grown).unwrap();
    assert_eq!(ledger.subtree_totals(town).unwrap().investment, max);

    // And the figures stay exact when rows go.
    ledger.delete(big).unwrap();
    let totals = ledger.subtree_totals(town).unwrap();
    assert_eq!((totals.investment, totals.rows), (one, 1));
    ledger.delete(small).unwrap();
    assert_eq!(ledger.subtree_totals(town).unwrap().investment, Money::ZERO);
}

/// SQLite's `length()` stops at NUL, so the schema's `chars = length(text)` refused any text
/// holding one, with a rule that said nothing of why. `Source::from_text` stores NUL as
/// U+FFFD (one character for one: every offset stays right), a hand-built source with NUL is
/// refused naming the text, and ingestion of such a text works and stays idempotent.
#[test]
fn a_text_with_nul_is_stored() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let text = "琅琊镇\0签约8个项目，总投资37.1亿元。";
    let source = Source::from_text("抓取", text);
    assert_eq!(source.chars, Some(text.chars().count() as u32));
    let id = ledger.insert(&source).unwrap();
    let stored = ledger.get(id).unwrap();
    assert_eq!(
        stored.text.as_deref(),
        Some(text.replace('\0', "\u{FFFD}").as_str())
    );

    let mut raw = Source::titled("手工");
    raw.text = Some("a\0b".into());
    raw.chars = Some(3);
    raw.content_hash = Some(ContentHash::of("a\0b"));
    match ledger.insert(&raw) {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "text"),
        other => panic!("expected InvalidInput on text, got {other:?}"),
    }

    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    let extractor = planledger::extract::Extractor::new();
    let date = Some("2023".parse().unwrap());
    let first =
        planledger::ingest::ingest_text(&mut ledger, &extractor, "抓取", text, date).unwrap();
    assert!(!first.already_present && first.facts > 0, "{first:?}");
    let again =
        planledger::ingest::ingest_text(&mut ledger, &extractor, "抓取", text, date).unwrap();
    assert!(again.already_present);
}

/// Each region's total fits, but a sum over several regions may not: the queries that add
/// them say so with a typed error, never a wrapped or floating-point figure.
#[test]
fn sums_across_regions_that_overflow_are_typed_errors() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let city = ledger
        .insert(&Region::new("青岛市", RegionKind::Prefecture))
        .unwrap();
    let max = Money::from_yuan(i64::MAX).unwrap();
    for name in ["琅琊镇", "泊里镇"] {
        let town = ledger
            .insert(&Region::new(name, RegionKind::Town).with_parent(city))
            .unwrap();
        ledger
            .insert(&Project::batch(1).in_region(town).with_investment(max))
            .unwrap();
    }
    let invalid = |r: Result<_, Error>| matches!(r, Err(Error::InvalidInput { .. }));
    let totals = ledger.subtree_totals(city);
    assert!(invalid(totals.map(|_| ())), "subtree_totals");
    let rollup = ledger.investment_rollup(city);
    assert!(invalid(rollup.map(|_| ())), "investment_rollup");
    let all = ledger.project_totals(&planledger::query::ProjectFilter::new());
    assert!(invalid(all.map(|_| ())), "project_totals");
}
