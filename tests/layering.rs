//! Target layering (层层加码) on a region tree made by hand: every relation with its expected
//! excess, comparator and unit handling, skipped levels, filters, and the bundled data.

use planledger::model::*;
use planledger::query::{LayeringQuery, LayeringRow, Relation};
use planledger::{EntityKind, Error, Ledger};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// 山东省 > 青岛市 > 西海岸新区 > {泊里镇 > 丰台村, 琅琊镇}
struct Tree {
    ledger: Ledger,
    province: RegionId,
    city: RegionId,
    area: RegionId,
    town: RegionId,
    town2: RegionId,
    village: RegionId,
}

fn tree() -> Tree {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let mut add = |name: &str, kind, parent: Option<RegionId>| {
        let mut r = Region::new(name, kind);
        r.parent = parent;
        ledger.insert(&r).unwrap()
    };
    let province = add("山东省", RegionKind::Province, None);
    let city = add("青岛市", RegionKind::Prefecture, Some(province));
    let area = add("西海岸新区", RegionKind::NewArea, Some(city));
    let town = add("泊里镇", RegionKind::Town, Some(area));
    let village = add("丰台村", RegionKind::Village, Some(town));
    let town2 = add("琅琊镇", RegionKind::Town, Some(area));
    Tree {
        ledger,
        province,
        city,
        area,
        town,
        town2,
        village,
    }
}

impl Tree {
    fn target(
        &mut self,
        region: RegionId,
        metric: &str,
        measure: Measure,
        value: &str,
        unit: &str,
        cmp: Comparator,
    ) -> TargetId {
        self.ledger
            .insert(
                &Target::new(
                    metric,
                    measure,
                    Quantity::new(dec(value), Unit::parse(unit), cmp),
                )
                .in_region(region)
                .in_year(2023),
            )
            .unwrap()
    }

    fn growth(&mut self, region: RegionId, pct: &str, cmp: Comparator) -> TargetId {
        self.target(
            region,
            "规上工业增加值",
            Measure::Growth,
            pct,
            "percent",
            cmp,
        )
    }

    fn rows(&self, metric: &str) -> Vec<LayeringRow> {
        self.ledger
            .target_layering(&LayeringQuery::new(metric, 2023))
            .unwrap()
    }
}

fn row(rows: &[LayeringRow], target: TargetId) -> &LayeringRow {
    rows.iter()
        .find(|r| r.target == target)
        .unwrap_or_else(|| panic!("no row for target {target}"))
}

/// (relation, region, levels up, excess, excess ratio) of one comparison.
type Comparison = (Relation, RegionId, u32, Option<Decimal>, Option<Decimal>);

fn cmp_of(a: &Option<planledger::query::AncestorTarget>) -> Option<Comparison> {
    a.as_ref()
        .map(|a| (a.relation, a.region, a.levels_up, a.excess, a.excess_ratio))
}

/// What a case expects of one ancestor comparison.
enum Expect {
    /// Exactly this comparison.
    Is(Comparison),
    /// No target at that level.
    Absent,
    /// A comparison with this relation (its figures are not checked).
    Relation(Relation),
}

impl Expect {
    fn check(&self, got: &Option<planledger::query::AncestorTarget>, what: &str) {
        match self {
            Expect::Is(c) => assert_eq!(cmp_of(got), Some(*c), "{what}"),
            Expect::Absent => assert!(got.is_none(), "{what}: {got:?}"),
            Expect::Relation(r) => assert_eq!(cmp_of(got).map(|c| c.0), Some(*r), "{what}"),
        }
    }
}

/// One row's expectations; `None` leaves that part unchecked.
struct Case {
    target: TargetId,
    relation: Option<Relation>,
    parent: Expect,
    grandparent: Expect,
    raises: Option<bool>,
}

impl Case {
    fn check(&self, row: &LayeringRow) {
        let t = self.target;
        if let Some(relation) = self.relation {
            assert_eq!(row.relation, relation, "target {t}");
        }
        self.parent
            .check(&row.parent, &format!("target {t}, parent"));
        self.grandparent
            .check(&row.grandparent, &format!("target {t}, grandparent"));
        if let Some(raises) = self.raises {
            assert_eq!(row.raises(), raises, "target {t}");
        }
    }
}

#[test]
fn raises_equal_lowers_and_no_ancestor_target_with_their_excess() {
    let mut t = tree();
    let city = t.growth(t.city, "8", Comparator::AtLeast);
    let area = t.growth(t.area, "10", Comparator::Eq);
    let town = t.growth(t.town, "12", Comparator::Eq);
    let town2 = t.growth(t.town2, "10", Comparator::About);
    let village = t.growth(t.village, "9", Comparator::Eq);
    let rows = t.rows("规上工业增加值");
    assert_eq!(rows.len(), 5);

    use Expect::{Absent, Is, Relation as RelationOnly};
    let cases = [
        // The city is the top level with a target: nothing to compare with.
        Case {
            target: city,
            relation: Some(Relation::NoAncestorTarget),
            parent: Absent,
            grandparent: Absent,
            raises: None,
        },
        // 10% against the city's 8%: +2 points, a quarter higher. No grandparent level (the
        // province set none).
        Case {
            target: area,
            relation: Some(Relation::Raises),
            parent: Is((
                Relation::Raises,
                t.city,
                1,
                Some(dec("2")),
                Some(dec("0.25")),
            )),
            grandparent: Absent,
            raises: None,
        },
        // 12% against 10% (+2, +20%) and against 8% (+4, +50%).
        Case {
            target: town,
            relation: None,
            parent: Is((
                Relation::Raises,
                t.area,
                1,
                Some(dec("2")),
                Some(dec("0.2")),
            )),
            grandparent: Is((
                Relation::Raises,
                t.city,
                2,
                Some(dec("4")),
                Some(dec("0.5")),
            )),
            raises: Some(true),
        },
        // 约10% against 10%: the same bar. Against the city's 不低于8%: raises.
        Case {
            target: town2,
            relation: Some(Relation::Equal),
            parent: Is((Relation::Equal, t.area, 1, Some(dec("0")), Some(dec("0")))),
            grandparent: RelationOnly(Relation::Raises),
            raises: None,
        },
        // 9% under the town's 12%: lowers by 3 points (a quarter); under the area's 10%: by 1.
        Case {
            target: village,
            relation: None,
            parent: Is((
                Relation::Lowers,
                t.town,
                1,
                Some(dec("-3")),
                Some(dec("-0.25")),
            )),
            grandparent: Is((
                Relation::Lowers,
                t.area,
                2,
                Some(dec("-1")),
                Some(dec("-0.1")),
            )),
            raises: Some(false),
        },
    ];
    for case in &cases {
        case.check(row(&rows, case.target));
    }
    let c = row(&rows, city);
    assert_eq!((c.region_name.as_str(), c.depth), ("青岛市", 1));
    let b = row(&rows, town);
    assert_eq!(b.parent.as_ref().unwrap().region_name, "西海岸新区");

    // Tree (path) order: city, area, town, village, town2.
    let order: Vec<TargetId> = rows.iter().map(|r| r.target).collect();
    assert_eq!(order, [city, area, town, village, town2]);
}

#[test]
fn comparators_of_one_bar_are_equal() {
    let mut t = tree();
    // 不低于12%, 12%, 约12% and 超12% all state the same level.
    t.growth(t.city, "12", Comparator::AtLeast);
    let area = t.growth(t.area, "12", Comparator::Eq);
    let town = t.growth(t.town, "12", Comparator::Over);
    let village = t.growth(t.village, "12", Comparator::About);
    let rows = t.rows("规上工业增加值");
    for id in [area, town, village] {
        let r = row(&rows, id);
        assert_eq!(r.relation, Relation::Equal, "{id}");
        assert_eq!(r.parent.as_ref().unwrap().excess, Some(Decimal::ZERO));
    }
}

#[test]
fn other_units_and_ceilings_against_floors_are_incomparable() {
    let mut t = tree();
    let metric = "新增市场主体";
    t.target(
        t.city,
        metric,
        Measure::Level,
        "15000",
        "家",
        Comparator::Eq,
    );
    let area = t.target(t.area, metric, Measure::Level, "5000", "个", Comparator::Eq);
    let town = t.target(t.town, metric, Measure::Level, "6000", "家", Comparator::Eq);
    let rows = t.rows(metric);

    let a = row(&rows, area);
    assert_eq!(a.relation, Relation::Incomparable);
    let p = a.parent.as_ref().unwrap();
    assert_eq!((p.region, p.excess, p.excess_ratio), (t.city, None, None));

    // The nearest level with a level target is the area, in another unit; the next one up,
    // the city, is in the town's unit: 6000 under 15000.
    let b = row(&rows, town);
    assert_eq!(b.relation, Relation::Incomparable);
    assert_eq!(b.parent.as_ref().unwrap().region, t.area);
    assert_eq!(
        cmp_of(&b.grandparent),
        Some((
            Relation::Lowers,
            t.city,
            2,
            Some(dec("-9000")),
            Some(dec("-0.6"))
        ))
    );

    // A ceiling lowered is a bar raised; a floor under a ceiling is incomparable.
    let metric = "PM2.5平均浓度";
    t.target(
        t.city,
        metric,
        Measure::Level,
        "35",
        "微克/立方米",
        Comparator::AtMost,
    );
    let area = t.target(
        t.area,
        metric,
        Measure::Level,
        "30",
        "微克/立方米",
        Comparator::AtMost,
    );
    let town = t.target(
        t.town,
        metric,
        Measure::Level,
        "30",
        "微克/立方米",
        Comparator::AtLeast,
    );
    let rows = t.rows(metric);
    assert_eq!(
        cmp_of(&row(&rows, area).parent),
        Some((
            Relation::Raises,
            t.city,
            1,
            Some(dec("5")),
            Some(dec("0.1428"))
        ))
    );
    let b = row(&rows, town);
    assert_eq!(b.relation, Relation::Incomparable);
    assert_eq!(
        cmp_of(&b.grandparent).map(|c| c.0),
        Some(Relation::Incomparable)
    );
}

#[test]
fn levels_without_a_target_are_skipped_and_measures_never_mix() {
    let mut t = tree();
    let metric = "税收收入";
    t.target(
        t.province,
        metric,
        Measure::Growth,
        "5",
        "percent",
        Comparator::Eq,
    );
    // The area states a share for the same metric: not a growth target, so not compared.
    t.target(
        t.area,
        metric,
        Measure::Share,
        "40",
        "percent",
        Comparator::Eq,
    );
    let village = t.target(
        t.village,
        metric,
        Measure::Growth,
        "7",
        "percent",
        Comparator::Eq,
    );
    let rows = t.rows(metric);
    let v = row(&rows, village);
    assert_eq!(
        cmp_of(&v.parent),
        Some((
            Relation::Raises,
            t.province,
            4,
            Some(dec("2")),
            Some(dec("0.4"))
        ))
    );
    assert!(v.grandparent.is_none());
    let share = rows.iter().find(|r| r.measure == Measure::Share).unwrap();
    assert_eq!(share.relation, Relation::NoAncestorTarget);
}

#[test]
fn an_ancestor_with_several_targets_is_compared_on_its_matching_unit() {
    let mut t = tree();
    let metric = "完成投资";
    t.target(
        t.area,
        metric,
        Measure::Level,
        "100",
        "亿平方米",
        Comparator::Eq,
    );
    let area_yuan = t.target(
        t.area,
        metric,
        Measure::Level,
        "249000000000",
        "yuan",
        Comparator::Eq,
    );
    let town = t.target(
        t.town,
        metric,
        Measure::Level,
        "300000000000",
        "yuan",
        Comparator::Eq,
    );
    let rows = t.rows(metric);
    let p = row(&rows, town).parent.clone().unwrap();
    assert_eq!(p.target, area_yuan);
    assert_eq!(p.relation, Relation::Raises);
    assert_eq!(p.excess, Some(dec("51000000000")));
    assert_eq!(p.excess_ratio, Some(dec("0.2048")));
}

#[test]
fn within_and_raises_only_filter_rows_but_not_ancestors() {
    let mut t = tree();
    t.growth(t.city, "8", Comparator::Eq);
    let area = t.growth(t.area, "10", Comparator::Eq);
    let town = t.growth(t.town, "12", Comparator::Eq);
    let town2 = t.growth(t.town2, "10", Comparator::Eq);
    let village = t.growth(t.village, "9", Comparator::Eq);

    let q = LayeringQuery::new("规上工业增加值", 2023).within(t.area);
    let rows = t.ledger.target_layering(&q).unwrap();
    let ids: Vec<TargetId> = rows.iter().map(|r| r.target).collect();
    assert_eq!(ids, [area, town, village, town2]);
    // The area is still compared with the city, outside the subtree.
    assert_eq!(rows[0].parent.as_ref().unwrap().region, t.city);

    // The village lowers against both levels; town2 equals the area but raises over the city.
    let raising = t
        .ledger
        .target_layering(&LayeringQuery::new("规上工业增加值", 2023).raises_only())
        .unwrap();
    let ids: Vec<TargetId> = raising.iter().map(|r| r.target).collect();
    assert_eq!(ids, [area, town, town2]);

    // Another year or metric: nothing. An unknown region: NotFound.
    assert!(t
        .ledger
        .target_layering(&LayeringQuery::new("规上工业增加值", 2022))
        .unwrap()
        .is_empty());
    assert!(matches!(
        t.ledger.target_layering(
            &LayeringQuery::new("规上工业增加值", 2023).within(RegionId::from_raw(999))
        ),
        Err(Error::NotFound {
            entity: EntityKind::Region,
            ..
        })
    ));
}

#[test]
fn targets_without_a_region_or_year_have_no_row() {
    let mut t = tree();
    t.growth(t.city, "8", Comparator::Eq);
    t.ledger
        .insert(
            &Target::new(
                "规上工业增加值",
                Measure::Growth,
                Quantity::percent(dec("9")),
            )
            .in_year(2023),
        )
        .unwrap();
    t.ledger
        .insert(
            &Target::new(
                "规上工业增加值",
                Measure::Growth,
                Quantity::percent(dec("9")),
            )
            .in_region(t.area),
        )
        .unwrap();
    assert_eq!(t.rows("规上工业增加值").len(), 1);
}

#[test]
fn works_on_the_bundled_dataset() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::dataset::load_qingdao(&mut ledger).unwrap();
    // 完成投资 2020: the new area's growth (25%) and level (2490亿元) targets, one per measure,
    // with no level above it setting one.
    let rows = ledger
        .target_layering(&LayeringQuery::new("完成投资", 2020))
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.region_name == "西海岸新区"));
    assert!(rows
        .iter()
        .all(|r| r.relation == Relation::NoAncestorTarget));
    // Every 2020 and 2023 metric runs; none is layered in the four articles.
    for year in [2020, 2023] {
        let targets = ledger
            .targets(&planledger::query::FigureFilter::new().year(year))
            .unwrap();
        for t in &targets {
            let rows = ledger
                .target_layering(&LayeringQuery::new(t.metric.clone(), year))
                .unwrap();
            assert!(rows.iter().any(|r| r.target == t.id) || t.region.is_none());
            assert!(rows.iter().all(|r| !r.raises()));
        }
    }
}

/// `target_layering_lines` is `target_layering` without the names: with each region's name put
/// back, every line equals its row, under every filter.
#[test]
fn lines_are_the_rows_without_their_names() {
    let mut t = tree();
    t.growth(t.province, "6", Comparator::About);
    t.growth(t.city, "8", Comparator::AtLeast);
    t.target(
        t.city,
        "规上工业增加值",
        Measure::Growth,
        "7",
        "percent",
        Comparator::AtMost,
    );
    t.growth(t.area, "10", Comparator::Eq);
    t.growth(t.town, "12", Comparator::Over);
    t.growth(t.town2, "7", Comparator::Eq);
    t.growth(t.village, "9", Comparator::Eq);
    t.target(
        t.village,
        "规上工业增加值",
        Measure::Level,
        "3",
        "亿元",
        Comparator::Eq,
    );
    let names: std::collections::HashMap<RegionId, String> = t
        .ledger
        .regions()
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.value.name))
        .collect();
    let base = LayeringQuery::new("规上工业增加值", 2023);
    for q in [
        base.clone(),
        base.clone().raises_only(),
        base.clone().within(t.area),
        base.clone().within(t.town).raises_only(),
    ] {
        let rows = t.ledger.target_layering(&q).unwrap();
        let lines = t.ledger.target_layering_lines(&q).unwrap();
        assert!(!rows.is_empty());
        let named: Vec<LayeringRow> = lines
            .into_iter()
            .map(|l| {
                let name = |a: Option<planledger::query::AncestorFigure>| {
                    a.map(|a| {
                        let n = names[&a.region].clone();
                        a.named(n)
                    })
                };
                LayeringRow {
                    target: l.target,
                    region: l.region,
                    region_name: names[&l.region].clone(),
                    depth: l.depth,
                    measure: l.measure,
                    quantity: l.quantity,
                    deadline: l.deadline,
                    relation: l.relation,
                    parent: name(l.parent),
                    grandparent: name(l.grandparent),
                    national: name(l.national),
                }
            })
            .collect();
        assert_eq!(named, rows, "{q:?}");
    }
}
