//! Bad input wherever a user hands data in: JSON Lines imports fail naming the line and the
//! field and commit nothing; API arguments out of range give typed errors. (The extractor's
//! robustness is tested with the extractor.)

use planledger::model::{
    Date, Decimal, Evidence, FactRef, Method, Money, PartialDate, Project, Region, RegionKind,
    Source, Span,
};
use planledger::query::{ProjectFilter, ProjectOrder, Totals};
use planledger::{EntityKind, Error, Ledger};
use serde_json::{json, Value};

/// A small ledger's export: line 1 a region, 2 a source, 3 a project, 4 its evidence.
fn good_export() -> Vec<Value> {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let town = ledger
        .insert(&Region::new("琅琊镇", RegionKind::Town))
        .unwrap();
    let source = ledger
        .insert(&Source::from_text(
            "签约",
            "琅琊镇签约8个项目，总投资37.1亿元。",
        ))
        .unwrap();
    let project = ledger
        .insert(
            &Project::batch(8)
                .in_region(town)
                .with_investment("37.1亿元".parse().unwrap()),
        )
        .unwrap();
    ledger
        .insert(&Evidence {
            fact: FactRef::Project(project),
            source,
            span: Span::new(0, 10).unwrap(),
            method: Method::Manual,
        })
        .unwrap();
    let mut out = Vec::new();
    assert_eq!(ledger.export_jsonl(&mut out).unwrap(), 4);
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["region", "source", "project", "evidence"]);
    lines
}

fn to_jsonl(lines: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for l in lines {
        out.extend_from_slice(serde_json::to_string(l).unwrap().as_bytes());
        out.push(b'\n');
    }
    out
}

fn assert_empty(ledger: &Ledger, case: &str) {
    let mut out = Vec::new();
    assert_eq!(
        ledger.export_jsonl(&mut out).unwrap(),
        0,
        "{case}: rows kept"
    );
    assert_eq!(ledger.count::<Region>().unwrap(), 0, "{case}");
}

/// Imports `input` into `ledger` (empty), expects `Error::Import` at `line` naming `field`
/// with `reason` in its text, and checks nothing was kept.
fn expect_import_error(
    ledger: &mut Ledger,
    case: &str,
    input: &[u8],
    line: usize,
    field: &str,
    reason: &str,
) {
    match ledger.import_jsonl(input) {
        Err(Error::Import {
            line: l,
            field: f,
            reason: r,
        }) => {
            assert_eq!((l, f.as_str()), (line, field), "{case}: {r}");
            assert!(r.contains(reason), "{case}: reason {r:?} lacks {reason:?}");
        }
        other => panic!("{case}: expected Error::Import, got {other:?}"),
    }
    assert_empty(ledger, case);
}

#[test]
fn bad_imports_name_line_and_field_and_keep_nothing() {
    let good = good_export();
    // One ledger for every case: each failed import must leave it empty for the next.
    let mut ledger = Ledger::open_in_memory().unwrap();

    let with = |line: usize, edit: &dyn Fn(&mut Value)| -> Vec<u8> {
        let mut lines = good.clone();
        edit(&mut lines[line - 1]);
        to_jsonl(&lines)
    };

    // Not JSON at all, and JSON cut short.
    let mut cut = to_jsonl(&good[..2]);
    cut.extend_from_slice(br#"{"type":"project","id":1,"value":{"count":"#);
    expect_import_error(&mut ledger, "malformed", &cut, 3, "line", "EOF");
    let mut garbage = to_jsonl(&good[..3]);
    garbage.extend_from_slice(b"not json\n");
    expect_import_error(&mut ledger, "garbage", &garbage, 4, "line", "expected");
    let mut not_utf8 = to_jsonl(&good[..2]);
    not_utf8.extend_from_slice(
        b"{\"type\":\"project\",\"id\":1,\"value\":{\"count\":8,\"name\":\"\xff\"}}\n",
    );
    expect_import_error(&mut ledger, "not UTF-8", &not_utf8, 3, "line", "UTF-8");
    let trailing = {
        let mut t = to_jsonl(&good[..2]);
        t.extend_from_slice(serde_json::to_string(&good[2]).unwrap().as_bytes());
        t.extend_from_slice(b" {}\n");
        t
    };
    expect_import_error(
        &mut ledger,
        "trailing text",
        &trailing,
        3,
        "line",
        "trailing",
    );

    // Unknown fields, in the value and around it.
    let case = with(3, &|l| l["value"]["colour"] = json!("red"));
    expect_import_error(
        &mut ledger,
        "unknown value field",
        &case,
        3,
        "value.colour",
        "unknown field",
    );
    let case = with(3, &|l| l["extra"] = json!(1));
    expect_import_error(
        &mut ledger,
        "unknown line field",
        &case,
        3,
        "extra",
        "unknown field",
    );
    let case = with(2, &|l| l["type"] = json!("planet"));
    expect_import_error(&mut ledger, "unknown type", &case, 2, "type", "planet");

    // Wrong types and missing fields.
    let case = with(3, &|l| l["value"]["count"] = json!("eight"));
    expect_import_error(
        &mut ledger,
        "count as text",
        &case,
        3,
        "value.count",
        "invalid type",
    );
    let case = with(3, &|l| l["id"] = json!("one"));
    expect_import_error(&mut ledger, "id as text", &case, 3, "id", "invalid type");
    let case = with(3, &|l| {
        l["value"].as_object_mut().unwrap().remove("count");
    });
    expect_import_error(
        &mut ledger,
        "missing count",
        &case,
        3,
        "value.count",
        "missing field",
    );
    let case = with(3, &|l| l["value"]["status"] = json!("imaginary"));
    expect_import_error(
        &mut ledger,
        "unknown status",
        &case,
        3,
        "value.status",
        "imaginary",
    );
    let case = with(2, &|l| l["value"]["published"] = json!("2023-02-30"));
    expect_import_error(
        &mut ledger,
        "impossible date",
        &case,
        2,
        "value.published",
        "no day 30",
    );

    // Impossible values.
    let case = with(3, &|l| l["value"]["investment"] = json!(-5));
    expect_import_error(
        &mut ledger,
        "negative investment",
        &case,
        3,
        "value.investment",
        "negative",
    );
    let case = with(3, &|l| l["value"]["count"] = json!(0));
    expect_import_error(
        &mut ledger,
        "zero count",
        &case,
        3,
        "value",
        "project_count_positive",
    );
    let case = with(4, &|l| l["value"]["span"] = json!([0, 999]));
    expect_import_error(
        &mut ledger,
        "span past the source",
        &case,
        4,
        "value.span",
        "past the end",
    );
    let case = with(4, &|l| l["value"]["span"] = json!([5, 2]));
    expect_import_error(
        &mut ledger,
        "reversed span",
        &case,
        4,
        "value.span",
        "after end",
    );
    let case = with(3, &|l| l["value"]["region"] = json!(999));
    expect_import_error(
        &mut ledger,
        "unknown region",
        &case,
        3,
        "value.region",
        "no region with id 999",
    );
    let case = with(4, &|l| l["value"]["source"] = json!(42));
    expect_import_error(
        &mut ledger,
        "unknown source",
        &case,
        4,
        "value.source",
        "no source with id 42",
    );
    let case = with(3, &|l| l["id"] = json!(-3));
    expect_import_error(
        &mut ledger,
        "negative id",
        &case,
        3,
        "id",
        "not a positive id",
    );
    let case = with(2, &|l| l["value"]["chars"] = json!(3));
    expect_import_error(
        &mut ledger,
        "chars disagree with text",
        &case,
        2,
        "value.chars",
        "characters",
    );

    // Order and identity: a reference to a later line, an id used twice.
    let mut swapped = good.clone();
    swapped.swap(2, 3);
    expect_import_error(
        &mut ledger,
        "evidence before its fact",
        &to_jsonl(&swapped),
        3,
        "value.fact",
        "no project",
    );
    let mut twice = good.clone();
    twice.insert(2, good[1].clone());
    expect_import_error(
        &mut ledger,
        "duplicate id",
        &to_jsonl(&twice),
        3,
        "id",
        "twice",
    );

    // Blank lines are skipped but still counted.
    let mut bad_project = good[2].clone();
    bad_project["value"]["investment"] = json!(-1);
    let mut spaced = to_jsonl(&good[..2]);
    spaced.extend_from_slice(b"\n   \n");
    spaced.extend_from_slice(&to_jsonl(&[bad_project]));
    expect_import_error(
        &mut ledger,
        "after blank lines",
        &spaced,
        5,
        "value.investment",
        "negative",
    );

    // After all that the ledger is still empty, and the good file imports.
    assert_eq!(ledger.import_jsonl(&to_jsonl(&good)[..]).unwrap(), 4);
    assert_eq!(ledger.count::<Project>().unwrap(), 1);
}

#[test]
fn import_into_a_non_empty_ledger_is_refused_untouched() {
    let good = to_jsonl(&good_export());
    let mut ledger = Ledger::open_in_memory().unwrap();
    ledger.import_jsonl(&good[..]).unwrap();
    let mut before = Vec::new();
    ledger.export_jsonl(&mut before).unwrap();
    match ledger.import_jsonl(&good[..]) {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "ledger"),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    let mut after = Vec::new();
    ledger.export_jsonl(&mut after).unwrap();
    assert_eq!(before, after);
}

/// Asserts `InvalidInput` about `field`.
#[track_caller]
fn invalid<T: std::fmt::Debug>(result: Result<T, Error>, field: &str) {
    match result {
        Err(Error::InvalidInput { field: f, .. }) => assert_eq!(f, field),
        other => panic!("expected InvalidInput {{ field: {field:?} }}, got {other:?}"),
    }
}

#[test]
fn api_arguments_out_of_range_give_typed_errors() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::dataset::load_qingdao(&mut ledger).unwrap();
    let projects = ledger.count::<Project>().unwrap();
    let sources = ledger.count::<Source>().unwrap();
    let regions = ledger.count::<Region>().unwrap();

    // Search: an empty query, limits outside 1..=1000.
    invalid(ledger.search("", 10), "query");
    invalid(ledger.search(" \t\n", 10), "query");
    invalid(ledger.search("氢能", 0), "limit");
    invalid(ledger.search("氢能", 1001), "limit");
    assert!(ledger.search("氢能", 1000).is_ok());

    // Project lists: limits, bounds, cursors.
    let all = ProjectFilter::new();
    invalid(ledger.projects(&all, ProjectOrder::Id, 0, None), "limit");
    invalid(
        ledger.projects(&all, ProjectOrder::Id, 10_001, None),
        "limit",
    );
    let upside_down = ProjectFilter::new().investment(
        Some("10亿元".parse().unwrap()),
        Some("1亿元".parse().unwrap()),
    );
    invalid(ledger.project_totals(&upside_down), "investment");
    invalid(
        ledger.projects(&upside_down, ProjectOrder::Id, 10, None),
        "investment",
    );
    let page = ledger.projects(&all, ProjectOrder::Id, 1, None).unwrap();
    invalid(
        ledger.projects(&all, ProjectOrder::InvestmentDesc, 1, page.next),
        "cursor",
    );

    // Dates.
    invalid("2023-02-29".parse::<Date>(), "date");
    invalid("2023-13".parse::<PartialDate>(), "date");
    invalid("2023-00-10".parse::<PartialDate>(), "date");
    invalid("23-01-01".parse::<PartialDate>(), "date");
    invalid("2023-01-01-01".parse::<PartialDate>(), "date");
    invalid("二〇二三年".parse::<PartialDate>(), "date");
    invalid(Date::new(2023, 4, 31), "date");
    invalid(Date::new(999, 1, 1), "date");
    invalid(PartialDate::month_of(2023, 13), "date");

    // Money and decimals: negative, inexact, out of range, overflowing sums.
    invalid(Money::from_yuan(-1), "investment");
    invalid("-3亿元".parse::<Money>(), "investment");
    invalid("0.5元".parse::<Money>(), "investment");
    invalid("99999999999999亿元".parse::<Money>(), "investment");
    let max = Money::from_yuan(i64::MAX).unwrap();
    invalid(max.checked_add(Money::from_yuan(1).unwrap()), "investment");
    let mut totals = Totals {
        investment: max,
        ..Totals::default()
    };
    invalid(
        totals.add(&Totals {
            investment: Money::from_yuan(1).unwrap(),
            ..Totals::default()
        }),
        "investment",
    );
    invalid(Decimal::try_from_int(i64::MAX), "value");
    invalid(
        Decimal::from_int(i32::MAX).checked_mul_int(i64::MAX),
        "value",
    );
    invalid(
        Decimal::from_scaled(i64::MAX).checked_add(Decimal::from_scaled(1)),
        "value",
    );
    invalid(
        Decimal::from_scaled(i64::MIN).checked_sub(Decimal::from_scaled(1)),
        "value",
    );
    invalid("1e9".parse::<Decimal>(), "value");
    invalid("12.".parse::<Decimal>(), "value");
    invalid("1".repeat(40).parse::<Decimal>(), "value");

    // Spans and counts.
    invalid(Span::new(5, 2), "span");
    let town = ledger.resolve_region("琅琊镇").unwrap();
    match ledger.insert(&Project::batch(0).in_region(town)) {
        Err(Error::Constraint { entity, rule }) => {
            assert_eq!(
                (entity, rule.as_str()),
                (EntityKind::Project, "project_count_positive")
            )
        }
        other => panic!("expected a constraint error, got {other:?}"),
    }
    let mut lying = Source::from_text("t", "三个字");
    lying.chars = Some(4);
    invalid(ledger.insert(&lying), "chars");

    // Lookups: unknown keys are NotFound, ambiguous names InvalidInput.
    assert!(matches!(
        ledger.resolve_region("亚特兰蒂斯"),
        Err(Error::NotFound {
            entity: EntityKind::Region,
            ..
        })
    ));
    assert!(matches!(
        ledger.get(planledger::model::ProjectId::from_raw(i64::MAX)),
        Err(Error::NotFound {
            entity: EntityKind::Project,
            ..
        })
    ));
    let mut a = Region::new("甲镇", RegionKind::Town);
    a.aliases.push("重名".into());
    let mut b = Region::new("乙镇", RegionKind::Town);
    b.aliases.push("重名".into());
    ledger.insert(&a).unwrap();
    ledger.insert(&b).unwrap();
    invalid(ledger.resolve_region("重名"), "region");

    // None of the refused calls wrote anything (the two regions above are the only change).
    assert_eq!(ledger.count::<Project>().unwrap(), projects);
    assert_eq!(ledger.count::<Source>().unwrap(), sources);
    assert_eq!(ledger.count::<Region>().unwrap(), regions + 2);
}

/// The search index keys each row as `id * 8 + kind`: ids from 2^60 up would overflow it, and
/// failed as bare storage errors. An import names the line and the `id` field instead.
#[test]
fn ids_past_what_search_can_index_are_import_errors() {
    let good = good_export();
    let mut ledger = Ledger::open_in_memory().unwrap();
    for (line, kind) in [(1, "region"), (2, "source"), (3, "project")] {
        for id in [1i64 << 60, (1i64 << 60) + 7, i64::MAX] {
            let mut lines = good.clone();
            lines[line - 1]["id"] = json!(id);
            // References to the renumbered row follow it.
            for l in lines.iter_mut().skip(line) {
                for key in ["region", "source", "parent"] {
                    if l["value"][key] == json!(1) && kind == key {
                        l["value"][key] = json!(id);
                    }
                }
                if kind == "project" && l["value"]["fact"]["project"] == json!(1) {
                    l["value"]["fact"]["project"] = json!(id);
                }
            }
            expect_import_error(
                &mut ledger,
                &format!("{kind} id {id}"),
                &to_jsonl(&lines),
                line,
                "id",
                "2^60",
            );
        }
    }
    // The largest id that fits imports, and is found by search.
    let mut lines = good.clone();
    let top = (1i64 << 60) - 1;
    lines[0]["id"] = json!(top);
    lines[2]["value"]["region"] = json!(top);
    ledger.import_jsonl(&to_jsonl(&lines)[..]).unwrap();
    let hits = ledger.search("琅琊镇", 10).unwrap();
    assert!(!hits.is_empty());
}

/// A byte-order mark at the start of a file (as some editors and Windows tools write) is not
/// a bad first line.
#[test]
fn an_import_may_start_with_a_bom() {
    let mut input = "\u{feff}".as_bytes().to_vec();
    input.extend_from_slice(&to_jsonl(&good_export()));
    let mut ledger = Ledger::open_in_memory().unwrap();
    assert_eq!(ledger.import_jsonl(&input[..]).unwrap(), 4);

    // Only at the start: elsewhere it is a bad line like any other stray character.
    let good = to_jsonl(&good_export());
    let first_line_end = good.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut inside = good[..first_line_end].to_vec();
    inside.extend_from_slice("\u{feff}".as_bytes());
    inside.extend_from_slice(&good[first_line_end..]);
    let mut ledger = Ledger::open_in_memory().unwrap();
    expect_import_error(&mut ledger, "a BOM on line 2", &inside, 2, "line", "");
}

/// What the ids' documentation promises: an id is a row number of one ledger. Another ledger
/// answers it with its own row of that number, or `NotFound`; an exported and re-imported
/// ledger answers it with the same row.
#[test]
fn ids_are_row_numbers_of_one_ledger() {
    let mut a = Ledger::open_in_memory().unwrap();
    let mut b = Ledger::open_in_memory().unwrap();
    let in_a = a.insert(&Region::new("琅琊镇", RegionKind::Town)).unwrap();
    match b.get(in_a) {
        Err(Error::NotFound { entity, .. }) => assert_eq!(entity, EntityKind::Region),
        other => panic!("expected NotFound, got {other:?}"),
    }
    let in_b = b.insert(&Region::new("泊里镇", RegionKind::Town)).unwrap();
    assert_eq!(in_a.get(), in_b.get());
    assert_eq!(b.get(in_a).unwrap().name, "泊里镇");

    let mut export = Vec::new();
    a.export_jsonl(&mut export).unwrap();
    let mut c = Ledger::open_in_memory().unwrap();
    c.import_jsonl(&export[..]).unwrap();
    assert_eq!(c.get(in_a).unwrap().name, "琅琊镇");
}
