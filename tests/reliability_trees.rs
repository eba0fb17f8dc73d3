//! Region and campaign trees: every walk over them is bounded. The schema refuses a cycle
//! (and campaigns nested deeper than 64 levels), but a file can carry parent links written
//! behind its triggers' back — the triggers dropped, the rows changed, the triggers put back
//! with their exact text, so the schema check passes. Reading such a file gives an error,
//! never a loop: `investment_rollup` used to loop forever, growing to gigabytes.
//! `verify_integrity(true)` finds the damage at open.

use planledger::model::*;
use planledger::{Error, Ledger, OpenOptions};
use rusqlite::Connection;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Runs `f` on a thread and waits at most 30 s for it: a walk that loops fails the test
/// instead of hanging it.
fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("{what} did not return within 30 s"))
}

/// Sets `table`'s `parent_id` of row `id` to `parent` with the triggers that keep paths and
/// refuse cycles out of the way, then puts them back exactly as they were.
fn relink_behind_the_triggers(path: &Path, table: &str, id: i64, parent: i64) {
    let conn = Connection::open(path).unwrap();
    let triggers: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1")
        .unwrap()
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    for (name, _) in &triggers {
        tx.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    tx.execute(
        &format!("UPDATE {table} SET parent_id = ?2 WHERE id = ?1"),
        [id, parent],
    )
    .unwrap();
    for (_, sql) in &triggers {
        tx.execute_batch(sql).unwrap();
    }
    tx.commit().unwrap();
}

fn corrupt(e: &Error) -> bool {
    matches!(e, Error::Corrupt { .. })
}

#[test]
fn a_region_cycle_is_an_error_not_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cycle.db");
    let (root, child) = {
        let mut ledger = Ledger::open(&path).unwrap();
        let root = ledger
            .insert(&Region::new("青岛市", RegionKind::Prefecture))
            .unwrap();
        let child = ledger
            .insert(&Region::new("西海岸新区", RegionKind::NewArea).with_parent(root))
            .unwrap();
        let town = ledger
            .insert(&Region::new("琅琊镇", RegionKind::Town).with_parent(child))
            .unwrap();
        ledger
            .insert(
                &Project::batch(3)
                    .in_region(town)
                    .with_investment("1亿元".parse().unwrap()),
            )
            .unwrap();
        (root, child)
    };
    relink_behind_the_triggers(&path, "region", root.get(), child.get());

    // The schema is as it was, so a plain open succeeds; the walks must not loop.
    let p = path.clone();
    let rollup = bounded("investment_rollup", move || {
        Ledger::open(&p).unwrap().investment_rollup(root)
    });
    assert!(matches!(&rollup, Err(e) if corrupt(e)), "{rollup:?}");
    let p = path.clone();
    let card = bounded("scorecard", move || {
        Ledger::open(&p)
            .unwrap()
            .scorecard(root, "2023-12-31".parse().unwrap())
    });
    assert!(matches!(&card, Err(e) if corrupt(e)), "{card:?}");

    // verify_integrity finds it at open.
    for opts in [
        OpenOptions::new().verify_integrity(true),
        OpenOptions::new().read_only(true).verify_integrity(true),
    ] {
        let r = opts.open(&path);
        assert!(matches!(&r, Err(e) if corrupt(e)), "{r:?}");
    }
    // And a restore, which verifies the same way, refuses it.
    let mut live = Ledger::open_in_memory().unwrap();
    let r = live.restore_from(&path);
    assert!(matches!(&r, Err(e) if corrupt(e)), "{r:?}");
    assert_eq!(live.count::<Region>().unwrap(), 0);
}

#[test]
fn a_campaign_cycle_is_an_error_not_a_silent_gap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("campaigns.db");
    let (a, b) = {
        let mut ledger = Ledger::open(&path).unwrap();
        let a = ledger
            .insert(&Campaign::new("十二大攻坚战", CampaignKind::Battle))
            .unwrap();
        let mut inner = Campaign::new("投资攻坚战", CampaignKind::Battle);
        inner.parent = Some(a);
        let b = ledger.insert(&inner).unwrap();
        (a, b)
    };
    relink_behind_the_triggers(&path, "campaign", a.get(), b.get());
    let p = path.clone();
    let tree = bounded("campaign_tree", move || {
        Ledger::open(&p).unwrap().campaign_tree(None)
    });
    // Both campaigns sat in the cycle with no root: the forest used to leave them out.
    assert!(matches!(&tree, Err(e) if corrupt(e)), "{tree:?}");
    let r = OpenOptions::new().verify_integrity(true).open(&path);
    assert!(matches!(&r, Err(e) if corrupt(e)), "{r:?}");
}

/// `campaign_tree` returns nested nodes; a chain thousands deep would overflow the stack
/// building (and dropping) them. The schema keeps campaigns within 64 levels, on insert and
/// on a move that would take a subtree deeper.
#[test]
fn campaigns_nest_at_most_64_levels() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let mut parent = None;
    let mut chain = Vec::new();
    for level in 1..=64 {
        let mut c = Campaign::new(format!("第{level}层行动"), CampaignKind::Action);
        c.parent = parent;
        let id = ledger.insert(&c).unwrap();
        chain.push(id);
        parent = Some(id);
    }
    let mut too_deep = Campaign::new("第65层行动", CampaignKind::Action);
    too_deep.parent = parent;
    match ledger.insert(&too_deep) {
        Err(Error::Constraint { rule, .. }) => assert_eq!(rule, "campaign_depth"),
        other => panic!("expected campaign_depth, got {other:?}"),
    }
    // A two-level subtree moved under level 63 would end at level 65.
    let top = ledger
        .insert(&Campaign::new("另一行动", CampaignKind::Action))
        .unwrap();
    let mut below = Campaign::new("另一行动之下", CampaignKind::Action);
    below.parent = Some(top);
    ledger.insert(&below).unwrap();
    let mut moved = ledger.get(top).unwrap().value;
    moved.parent = Some(chain[62]);
    match ledger.update(top, &moved) {
        Err(Error::Constraint { rule, .. }) => assert_eq!(rule, "campaign_depth"),
        other => panic!("expected campaign_depth, got {other:?}"),
    }
    moved.parent = Some(chain[61]);
    ledger.update(top, &moved).unwrap();
    let forest = ledger.campaign_tree(None).unwrap();
    let deepest = forest
        .iter()
        .flat_map(|n| n.walk())
        .map(|(d, _)| d)
        .max()
        .unwrap();
    assert_eq!(deepest, 63);
}
