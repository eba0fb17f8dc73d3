//! Batches that may overlap though nothing declares it: the rollup counts the candidate pool
//! alone and flags the group (rule in `planledger::query::OverlapFlag`'s module docs).

use planledger::model::*;
use planledger::Ledger;

fn yi(n: i64) -> Money {
    Money::from_yuan(n * 100_000_000).unwrap()
}

struct Fixture {
    ledger: Ledger,
    city: RegionId,
    district: RegionId,
    town: RegionId,
    report: SourceId,
    news: SourceId,
}

fn fixture() -> Fixture {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let city = ledger
        .insert(&Region::new("青岛市", RegionKind::Prefecture))
        .unwrap();
    let district = ledger
        .insert(&Region::new("西海岸新区", RegionKind::NewArea).with_parent(city))
        .unwrap();
    let town = ledger
        .insert(&Region::new("泊里镇", RegionKind::Town).with_parent(district))
        .unwrap();
    let report = ledger.insert(&Source::titled("work report")).unwrap();
    let news = ledger.insert(&Source::titled("news item")).unwrap();
    Fixture {
        ledger,
        city,
        district,
        town,
        report,
        news,
    }
}

impl Fixture {
    fn batch(
        &mut self,
        region: RegionId,
        source: Option<SourceId>,
        count: u32,
        investment: Option<i64>,
        year: Option<i32>,
    ) -> ProjectId {
        let mut p = Project::batch(count);
        if let Some(v) = investment {
            p = p.with_investment(yi(v));
        }
        p.region = Some(region);
        p.year = year;
        let id = self.ledger.insert(&p).unwrap();
        if let Some(source) = source {
            self.ledger
                .insert(&Evidence {
                    fact: FactRef::Project(id),
                    source,
                    span: Span::new(0, 0).unwrap(),
                    method: Method::Manual,
                })
                .unwrap();
        }
        id
    }
}

#[test]
fn a_pool_and_its_likely_parts_count_the_pool_once_and_are_flagged() {
    let mut f = fixture();
    let (d, r) = (f.district, Some(f.report));
    // One report: a 100-project pool of 500亿 and three sector batches that fit inside it.
    let pool = f.batch(d, r, 100, Some(500), Some(2020));
    let a = f.batch(d, r, 20, Some(200), Some(2020));
    let b = f.batch(d, r, 10, Some(150), Some(2020));
    let c = f.batch(d, r, 5, None, Some(2020));
    // The town's own batch is elsewhere in the tree: added as usual.
    f.batch(f.town, r, 3, Some(40), Some(2020));

    let flags = f.ledger.overlap_flags(f.city).unwrap();
    assert_eq!(flags.len(), 1);
    let flag = &flags[0];
    assert_eq!(
        (flag.region, flag.source, flag.year),
        (d, f.report, Some(2020))
    );
    assert_eq!(flag.pool, pool);
    assert_eq!(flag.set_aside, vec![a, b, c]);
    assert_eq!(flag.set_aside_totals.investment, yi(350));
    assert_eq!(flag.set_aside_totals.projects, 35);
    assert_eq!(flag.set_aside_totals.rows, 3);
    assert_eq!(flag.set_aside_totals.with_investment, 2);

    let rows = f.ledger.investment_rollup(f.city).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.region.name.as_str()).collect();
    assert_eq!(names, ["青岛市", "西海岸新区", "泊里镇"]);
    let district = &rows[1];
    // 500亿, not 850亿; 100 projects, not 135.
    assert_eq!(district.own.investment, yi(500));
    assert_eq!((district.own.rows, district.own.projects), (1, 100));
    assert_eq!(district.own.with_investment, 1);
    assert_eq!(district.may_overlap, flags);
    assert_eq!(rows[0].subtree.investment, yi(540));
    assert!(rows[0].may_overlap.is_empty() && rows[2].may_overlap.is_empty());
    // subtree_totals counts the declared structure only: the rollup is it less what was set
    // aside.
    let raw = f.ledger.subtree_totals(f.city).unwrap();
    assert_eq!(raw.investment, yi(890));
    assert_eq!(raw.rows - flag.set_aside_totals.rows, rows[0].subtree.rows);
    assert_eq!(
        raw.projects - flag.set_aside_totals.projects,
        rows[0].subtree.projects
    );
}

#[test]
fn batches_that_cannot_all_fit_are_added() {
    let mut f = fixture();
    let (d, r) = (f.district, Some(f.report));
    // Money: 300 + 250 > 500.
    f.batch(d, r, 100, Some(500), Some(2021));
    f.batch(d, r, 20, Some(300), Some(2021));
    f.batch(d, r, 10, Some(250), Some(2021));
    // Count: 12 projects cannot sit in a batch of 8, whatever the money.
    f.batch(f.town, r, 8, Some(90), Some(2021));
    f.batch(f.town, r, 12, Some(10), Some(2021));
    assert!(f.ledger.overlap_flags(f.city).unwrap().is_empty());
    let rows = f.ledger.investment_rollup(f.city).unwrap();
    assert_eq!(rows[1].own.investment, yi(1050));
    assert_eq!(rows[2].own.investment, yi(100));
}

#[test]
fn groups_are_one_region_one_source_one_year_and_need_a_batch() {
    let mut f = fixture();
    let d = f.district;
    f.batch(d, Some(f.report), 50, Some(500), Some(2020));
    // Another source, another year, no source at all: never grouped with the pool.
    f.batch(d, Some(f.news), 5, Some(50), Some(2020));
    f.batch(d, Some(f.report), 5, Some(60), Some(2021));
    f.batch(d, None, 5, Some(70), Some(2020));
    // The town: a single project (count 1) is not a pool, even beside a smaller one.
    f.batch(f.town, Some(f.report), 1, Some(90), Some(2020));
    f.batch(f.town, Some(f.report), 1, Some(10), Some(2020));
    assert!(f.ledger.overlap_flags(f.city).unwrap().is_empty());
    let rows = f.ledger.investment_rollup(f.city).unwrap();
    assert_eq!(rows[1].own.investment, yi(680));
    assert_eq!(rows[2].own.investment, yi(100));
}

#[test]
fn declaring_the_parts_settles_it_and_the_flag_goes() {
    let mut f = fixture();
    let (d, r) = (f.district, Some(f.report));
    let pool = f.batch(d, r, 40, Some(400), None);
    let part = f.batch(d, r, 10, Some(100), None);
    assert_eq!(f.ledger.overlap_flags(d).unwrap().len(), 1);
    assert_eq!(
        f.ledger.investment_rollup(d).unwrap()[0].own.investment,
        yi(400)
    );

    let mut p = f.ledger.get(part).unwrap().value;
    p.part_of = Some(pool);
    f.ledger.update(part, &p).unwrap();
    assert!(f.ledger.overlap_flags(d).unwrap().is_empty());
    let rows = f.ledger.investment_rollup(d).unwrap();
    assert_eq!(rows[0].own.investment, yi(400));
    assert!(rows[0].may_overlap.is_empty());
}

#[test]
fn the_bundled_dataset_has_no_undeclared_overlap_left() {
    // 西海岸新区 2020's sector batches are declared part of its pool, so nothing is flagged
    // and the rollup holds the figure tests/chains.rs checks.
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::dataset::load_bundled(&mut ledger).unwrap();
    let root = ledger.resolve_region("中国").unwrap();
    let flags = ledger.overlap_flags(root).unwrap();
    assert!(flags.is_empty(), "{flags:?}");
}

#[test]
fn undeclared_the_bundled_xihaian_pool_is_found_by_the_rule() {
    // Take back the declarations of the 2020 sector batches: the rule alone must then find
    // the 1,417-project pool and keep 西海岸新区 at 8,660亿 rather than add the sectors.
    use planledger::query::{ProjectFilter, ProjectOrder, RegionScope};
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::dataset::load_bundled(&mut ledger).unwrap();
    let xha = ledger.resolve_region("西海岸新区").unwrap();
    let before = ledger.investment_rollup(xha).unwrap()[0].own;
    let page = ledger
        .projects(
            &ProjectFilter::new().region(RegionScope::only(xha)),
            ProjectOrder::InvestmentDesc,
            1000,
            None,
        )
        .unwrap();
    let parts: Vec<_> = page.items.iter().filter(|p| p.part_of.is_some()).collect();
    assert!(parts.len() >= 4, "{} declared parts", parts.len());
    let pool = parts[0].part_of.unwrap();
    for p in &parts {
        let mut v = ledger.get(p.id).unwrap().value;
        v.part_of = None;
        ledger.update(p.id, &v).unwrap();
    }
    let flags = ledger.overlap_flags(xha).unwrap();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0].pool, pool);
    assert_eq!(flags[0].set_aside.len(), parts.len());
    let row = &ledger.investment_rollup(xha).unwrap()[0];
    assert_eq!(row.own, before);
    assert_eq!(row.own.investment.format_yi(0), "8660");
}

/// Equal investments: the lower id is the pool, whatever order an index returns the rows in
/// (by count, the later batch would come first and, holding fewer projects, flag nothing).
#[test]
fn a_tie_in_investment_goes_to_the_lower_id() {
    let mut f = fixture();
    let (d, r) = (f.district, Some(f.report));
    let first = f.batch(d, r, 12, Some(100), Some(2022));
    let second = f.batch(d, r, 4, Some(100), Some(2022));
    let flags = f.ledger.overlap_flags(f.city).unwrap();
    assert_eq!(flags.len(), 1);
    assert_eq!(
        (flags[0].pool, flags[0].set_aside.clone()),
        (first, vec![second])
    );
    let rows = f.ledger.investment_rollup(f.city).unwrap();
    assert_eq!(rows[1].own.investment, yi(100));
}
