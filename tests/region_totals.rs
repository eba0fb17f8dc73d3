//! The trigger-kept region totals agree with totals computed from the project rows, whatever
//! sequence of inserts, moves (of projects and of regions), edits and deletes produced them.

use planledger::model::*;
use planledger::query::{ProjectFilter, RegionScope};
use planledger::Ledger;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Insert {
        region: usize,
        count: u32,
        investment: Option<i64>,
        member_of: Option<usize>,
    },
    Update {
        project: usize,
        region: usize,
        count: u32,
        investment: Option<i64>,
    },
    Delete {
        project: usize,
    },
    Move {
        region: usize,
        parent: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            0..5usize,
            1..50u32,
            proptest::option::of(0..1_000_000_000_000i64),
            proptest::option::weighted(0.3, 0..20usize)
        )
            .prop_map(|(region, count, investment, member_of)| Op::Insert {
                region,
                count,
                investment,
                member_of
            }),
        (
            0..20usize,
            0..5usize,
            1..50u32,
            proptest::option::of(0..1_000_000_000_000i64)
        )
            .prop_map(|(project, region, count, investment)| Op::Update {
                project,
                region,
                count,
                investment
            }),
        (0..20usize).prop_map(|project| Op::Delete { project }),
        (1..5usize, 0..5usize).prop_map(|(region, parent)| Op::Move { region, parent }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn totals_match_the_rows(ops in proptest::collection::vec(op(), 1..40)) {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let root = ledger.insert(&Region::new("省", RegionKind::Province)).unwrap();
        let city = ledger.insert(&Region::new("市", RegionKind::Prefecture).with_parent(root)).unwrap();
        let county = ledger.insert(&Region::new("县", RegionKind::County).with_parent(city)).unwrap();
        let town = ledger.insert(&Region::new("镇", RegionKind::Town).with_parent(county)).unwrap();
        let other = ledger.insert(&Region::new("另省", RegionKind::Province)).unwrap();
        let regions = [root, city, county, town, other];
        let mut projects: Vec<ProjectId> = Vec::new();
        for op in ops {
            // Refusals (a member of a member, deleting a batch with members) are fine; the
            // totals must hold either way.
            let _ = match op {
                Op::Insert { region, count, investment, member_of } => {
                    let mut p = Project::batch(count).in_region(regions[region]);
                    p.investment = investment.map(|y| Money::from_yuan(y).unwrap());
                    p.parent = member_of.and_then(|i| projects.get(i).copied());
                    ledger.insert(&p).map(|id| projects.push(id))
                }
                Op::Update { project, region, count, investment } => match projects.get(project) {
                    Some(&id) => {
                        let mut p = ledger.get(id).unwrap().value;
                        p.region = Some(regions[region]);
                        p.count = count;
                        p.investment = investment.map(|y| Money::from_yuan(y).unwrap());
                        ledger.update(id, &p)
                    }
                    None => Ok(()),
                },
                // Re-parenting a region moves its subtree (refused when it would close a loop).
                Op::Move { region, parent } => {
                    let mut r = ledger.get(regions[region]).unwrap().value;
                    r.parent = Some(regions[parent]);
                    ledger.update(regions[region], &r)
                }
                Op::Delete { project } => match projects.get(project) {
                    Some(&id) => ledger.delete(id).map(|_| { projects.retain(|p| *p != id); }),
                    None => Ok(()),
                },
            };
            for r in regions {
                let from_rows = ledger.project_totals(&ProjectFilter::new().region(RegionScope::subtree(r))).unwrap();
                prop_assert_eq!(ledger.subtree_totals(r).unwrap(), from_rows);
                let own = ledger.project_totals(&ProjectFilter::new().region(RegionScope::only(r))).unwrap();
                let rollup = ledger.investment_rollup(r).unwrap();
                prop_assert_eq!(rollup[0].own, own);
                prop_assert_eq!(rollup[0].subtree, from_rows);
            }
        }
    }
}
