//! The bulk load path (`Ledger::bulk_write`, `import_jsonl_bulk`, `Synth::load_bulk`) leaves
//! the same ledger as row by row: same rows, same search results, same totals, same export;
//! and it keeps the all-or-nothing guarantee and the exact schema.

use planledger::model::{Money, Project, ProjectId, Region, RegionId, RegionKind};
use planledger::synth::{Scale, Synth};
use planledger::{Error, Ledger};

fn export(ledger: &Ledger) -> String {
    let mut out = Vec::new();
    ledger.export_jsonl(&mut out).expect("export");
    String::from_utf8(out).expect("utf-8")
}

/// Three-character (index) and two-character (scan) substrings of some project names.
fn queries(ledger: &Ledger) -> Vec<String> {
    let mut out = Vec::new();
    for id in (1..=2_000).step_by(97) {
        if let Ok(p) = ledger.get(ProjectId::from_raw(id)) {
            if let Some(name) = &p.value.name {
                let chars: Vec<char> = name.chars().collect();
                for len in [2, 3] {
                    if chars.len() > len {
                        out.push(chars[1..1 + len].iter().collect());
                    }
                }
            }
        }
    }
    assert!(out.len() > 10, "too few names to search for: {out:?}");
    out
}

/// Everything a reader can see of the two ledgers must be equal.
fn assert_same(row_by_row: &Ledger, bulk: &Ledger) {
    assert_eq!(export(row_by_row), export(bulk), "export_jsonl differs");
    for q in queries(row_by_row) {
        assert_eq!(
            row_by_row.search(&q, 1000).expect("search"),
            bulk.search(&q, 1000).expect("search"),
            "search {q:?} differs"
        );
    }
    let root = RegionId::from_raw(1);
    assert_eq!(
        row_by_row.investment_rollup(root).expect("rollup"),
        bulk.investment_rollup(root).expect("rollup")
    );
    assert_eq!(
        row_by_row.subtree_totals(root).expect("totals"),
        bulk.subtree_totals(root).expect("totals")
    );
}

#[test]
fn generator_bulk_and_row_by_row_leave_the_same_ledger() {
    let dir = tempfile::tempdir().expect("tempdir");
    let synth = Synth::new(Scale::tiny(), 7);
    let mut a = Ledger::open(dir.path().join("rows.db")).expect("open");
    synth.load(&mut a).expect("row by row");
    let mut b = Ledger::open(dir.path().join("bulk.db")).expect("open");
    synth.load_bulk(&mut b).expect("bulk");
    let totals = b.subtree_totals(RegionId::from_raw(1)).expect("totals");
    assert!(totals.projects > 0, "{totals:?}");
    assert_same(&a, &b);
    drop(b);
    // The schema check at open compares every trigger's and index's SQL.
    let b = Ledger::open(dir.path().join("bulk.db")).expect("reopen after a bulk load");
    assert_same(&a, &b);
}

#[test]
fn import_bulk_and_row_by_row_leave_the_same_ledger() {
    let mut source = Ledger::open_in_memory().expect("open");
    Synth::new(Scale::tiny(), 3)
        .load(&mut source)
        .expect("load");
    let jsonl = export(&source);
    let mut a = Ledger::open_in_memory().expect("open");
    let mut b = Ledger::open_in_memory().expect("open");
    let n = a.import_jsonl(jsonl.as_bytes()).expect("import");
    assert_eq!(b.import_jsonl_bulk(jsonl.as_bytes()).expect("bulk"), n);
    assert_same(&a, &b);
    assert_same(&source, &b);
}

/// A second load goes into a table that holds rows: indexes are kept, upkeep still deferred.
#[test]
fn a_bulk_load_into_a_ledger_with_projects_adds_to_its_totals() {
    let load = |ledger: &mut Ledger, bulk: bool| {
        let rows = |tx: &mut planledger::Tx<'_>| -> planledger::Result<()> {
            for i in 0..300u32 {
                let region = RegionId::from_raw(1 + i64::from(i % 3));
                let mut p = Project::named(format!("滨海储能电站{i}号")).in_region(region);
                p.investment =
                    (i % 4 != 0).then(|| Money::from_yuan(i64::from(i) * 10_000).unwrap());
                p.count = 1 + i % 5;
                p.year = Some(2020 + (i % 4) as i32);
                tx.insert(&p)?;
            }
            Ok(())
        };
        if bulk {
            ledger.bulk_write(rows)
        } else {
            ledger.write(rows)
        }
        .expect("load");
    };
    let mut ledgers = Vec::new();
    for bulk in [false, true] {
        let mut ledger = Ledger::open_in_memory().expect("open");
        let root = ledger
            .insert(&Region::new("海州市", RegionKind::Prefecture))
            .unwrap();
        for name in ["东港区", "西岸区"] {
            let mut r = Region::new(name, RegionKind::District);
            r.parent = Some(root);
            ledger.insert(&r).unwrap();
        }
        // The first load row by row in both, so the second meets existing totals and rows.
        load(&mut ledger, false);
        load(&mut ledger, bulk);
        ledgers.push(ledger);
    }
    assert_eq!(ledgers[0].count::<Project>().unwrap(), 600);
    assert_same(&ledgers[0], &ledgers[1]);
}

#[test]
fn a_broken_rule_found_at_the_end_keeps_nothing_and_the_schema_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ledger.db");
    let mut ledger = Ledger::open(&path).expect("open");
    let town = ledger
        .insert(&Region::new("琅琊镇", RegionKind::Town))
        .unwrap();
    let before = export(&ledger);
    let result = ledger.bulk_write(|tx| {
        let batch = tx.insert(&Project::batch(8).in_region(town))?;
        let mut member = Project::named("港口物流园").in_region(town);
        member.parent = Some(batch);
        let member = tx.insert(&member)?;
        let mut nested = Project::named("港口物流园二期").in_region(town);
        nested.parent = Some(member);
        tx.insert(&nested)?;
        Ok(())
    });
    match result {
        Err(Error::Constraint { rule, .. }) => assert_eq!(rule, "project_batch_is_top_level"),
        other => panic!("{other:?}"),
    }
    assert_eq!(export(&ledger), before);
    assert!(ledger.search("物流园", 10).unwrap().is_empty());
    drop(ledger);
    let mut ledger = Ledger::open(&path).expect("the schema is as before");
    // The row-by-row path still has its triggers: the same rule, at the row.
    let batch = ledger.insert(&Project::batch(2).in_region(town)).unwrap();
    let mut member = Project::named("港口物流园").in_region(town);
    member.parent = Some(batch);
    let member = ledger.insert(&member).unwrap();
    let mut nested = Project::named("港口物流园二期");
    nested.parent = Some(member);
    assert!(
        matches!(ledger.insert(&nested), Err(Error::Constraint { rule, .. }) if rule == "project_batch_is_top_level")
    );
    assert_eq!(ledger.search("物流园", 10).unwrap().len(), 1);
    assert_eq!(ledger.subtree_totals(town).unwrap().projects, 2);
}

#[test]
fn an_error_or_a_panic_inside_a_bulk_load_keeps_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ledger.db");
    let mut ledger = Ledger::open(&path).expect("open");
    let town = ledger
        .insert(&Region::new("琅琊镇", RegionKind::Town))
        .unwrap();
    let result = ledger.bulk_write(|tx| {
        tx.insert(&Project::named("海水淡化厂").in_region(town))?;
        tx.insert(&Project::batch(0).in_region(town))?;
        Ok(())
    });
    assert!(
        matches!(result, Err(Error::Constraint { .. })),
        "{result:?}"
    );
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = ledger.bulk_write(|tx| -> planledger::Result<()> {
            tx.insert(&Project::named("海水淡化厂").in_region(town))?;
            panic!("the caller fails mid-load");
        });
    }));
    assert!(panicked.is_err());
    assert_eq!(ledger.count::<Project>().unwrap(), 0);
    drop(ledger);
    let ledger = Ledger::open(&path).expect("the schema is as before");
    assert!(ledger.search("淡化厂", 10).unwrap().is_empty());
}

#[test]
fn projects_cannot_change_inside_a_bulk_load() {
    let mut ledger = Ledger::open_in_memory().expect("open");
    let town = ledger
        .insert(&Region::new("琅琊镇", RegionKind::Town))
        .unwrap();
    let old = ledger
        .insert(&Project::named("海水淡化厂").in_region(town))
        .unwrap();
    let result = ledger.bulk_write(|tx| tx.delete(old));
    assert!(
        matches!(result, Err(Error::InvalidInput { .. })),
        "{result:?}"
    );
    let result = ledger.bulk_write(|tx| tx.update(old, &Project::named("淡化厂")));
    assert!(
        matches!(result, Err(Error::InvalidInput { .. })),
        "{result:?}"
    );
    assert_eq!(ledger.subtree_totals(town).unwrap().projects, 1);
}
