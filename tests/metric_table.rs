//! `Ledger::metric_table`: the compact cross-region table holds the same figures as the full
//! `metric_across_regions`, selects every spelling of a known indicator, and counts a figure in
//! the year of its target year or observation period only.

use planledger::model::*;
use planledger::Ledger;

fn pct(tenths: i64) -> Quantity {
    Quantity::percent(Decimal::from_scaled(tenths * 1000))
}

fn observation(metric: &str, region: RegionId, q: Quantity, period: PartialDate) -> Observation {
    let mut o = Observation::new(metric, Measure::Growth, q);
    o.region = Some(region);
    o.period = Some(period);
    o
}

#[test]
fn spellings_years_and_regions() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let p = ledger
        .insert(&Region::new("某省", RegionKind::Province))
        .unwrap();
    let a = ledger
        .insert(&Region::new("甲市", RegionKind::Prefecture).with_parent(p))
        .unwrap();
    let b = ledger
        .insert(&Region::new("乙市", RegionKind::Prefecture).with_parent(p))
        .unwrap();
    let t = |metric: &str, region, q, year| {
        Target::new(metric, Measure::Growth, q)
            .in_region(region)
            .in_year(year)
    };
    let tp = ledger.insert(&t("地区生产总值", p, pct(60), 2023)).unwrap();
    let ta = ledger.insert(&t("GDP", a, pct(70), 2023)).unwrap();
    // Another year, another metric, and a figure without a region: not in a's line.
    ledger.insert(&t("GDP", a, pct(80), 2024)).unwrap();
    ledger.insert(&t("固定资产投资", a, pct(90), 2023)).unwrap();
    let none = ledger
        .insert(&Target::new("生产总值", Measure::Growth, pct(50)).in_year(2023))
        .unwrap();
    let ob = ledger
        .insert(&observation(
            "生产总值",
            b,
            pct(62),
            PartialDate::month_of(2023, 6).unwrap(),
        ))
        .unwrap();
    ledger
        .insert(&observation(
            "GDP",
            b,
            pct(64),
            PartialDate::year_only(2024).unwrap(),
        ))
        .unwrap();

    let table = ledger.metric_table("GDP", 2023).unwrap();
    assert_eq!(table.key.as_deref(), Some("gdp"));
    assert_eq!(table.year, 2023);
    let ids: Vec<TargetId> = table.targets.iter().map(|f| f.id).collect();
    assert_eq!(ids, vec![none, tp, ta]);
    assert_eq!(table.observations.len(), 1);
    assert_eq!(table.observations[0].id, ob);
    assert_eq!(
        table.observations[0].period,
        PartialDate::month_of(2023, 6).unwrap()
    );

    let lines: Vec<_> = table.regions().collect();
    let regions: Vec<Option<RegionId>> = lines.iter().map(|l| l.region).collect();
    assert_eq!(regions, vec![None, Some(p), Some(a), Some(b)]);
    assert_eq!(lines[2].targets.len(), 1);
    assert_eq!(lines[2].targets[0].quantity, pct(70));
    assert!(lines[2].observations.is_empty());
    assert!(lines[3].targets.is_empty());
    assert_eq!(lines[3].observations[0].quantity, pct(62));

    // A metric no indicator knows is matched as written.
    ledger.insert(&t("某某测试量", a, pct(11), 2023)).unwrap();
    let other = ledger.metric_table("某某测试量", 2023).unwrap();
    assert_eq!(other.key, None);
    assert_eq!(other.targets.len(), 1);
    assert!(ledger
        .metric_table("某某", 2023)
        .unwrap()
        .targets
        .is_empty());
}

/// On a generated ledger (one spelling per indicator), the compact table and the full call
/// hold the same figures, region by region.
#[cfg(feature = "synth")]
#[test]
fn same_figures_as_metric_across_regions() {
    use planledger::synth::{Scale, Synth, METRICS};
    let mut ledger = Ledger::open_in_memory().unwrap();
    Synth::new(Scale::tiny(), 5).load(&mut ledger).unwrap();
    let mut compared = 0;
    for metric in METRICS {
        for year in 2018..=2024 {
            let full = ledger.metric_across_regions(metric, Some(year)).unwrap();
            let table = ledger.metric_table(metric, year).unwrap();
            let mut from_full: Vec<(Option<RegionId>, Vec<TargetId>, Vec<ObservationId>)> = full
                .iter()
                .map(|r| {
                    (
                        r.region.as_ref().map(|s| s.id),
                        r.targets.iter().map(|t| t.id).collect(),
                        r.observations.iter().map(|o| o.id).collect(),
                    )
                })
                .collect();
            from_full.sort();
            let from_table: Vec<_> = table
                .regions()
                .map(|l| {
                    (
                        l.region,
                        l.targets.iter().map(|t| t.id).collect(),
                        l.observations.iter().map(|o| o.id).collect(),
                    )
                })
                .collect();
            assert_eq!(from_table, from_full, "{metric} {year}");
            for f in &table.targets {
                let whole = ledger.get(f.id).unwrap();
                assert_eq!(
                    (whole.region, whole.measure, &whole.quantity, whole.deadline),
                    (f.region, f.measure, &f.quantity, f.deadline)
                );
            }
            for f in &table.observations {
                let whole = ledger.get(f.id).unwrap();
                assert_eq!(
                    (
                        whole.region,
                        whole.measure,
                        &whole.quantity,
                        whole.period,
                        whole.target
                    ),
                    (f.region, f.measure, &f.quantity, Some(f.period), f.target)
                );
            }
            compared += table.targets.len() + table.observations.len();
        }
    }
    assert!(compared > 100, "only {compared} figures compared");
}
