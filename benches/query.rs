//! Queries on the national ledger (44k regions, 1M projects, 1M targets, 1M observations; built
//! once under target/bench-data by the seeded generator).
//!
//! ```text
//! cargo bench --bench query
//! ```

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use planledger::model::{Date, ProjectStatus, RegionId};
use planledger::query::{ProjectFilter, ProjectOrder, RegionScope};
use planledger::synth::{Scale, Synth, METRICS};
use planledger::{Ledger, OpenOptions};

/// The baseline a user without the library would write: walk the tree with a recursive CTE and
/// add up the projects below it. (Written as a join with the CTE instead of `IN`, the bundled
/// SQLite's plan did not finish in minutes on the national ledger.)
fn naive_subtree_investment(conn: &rusqlite::Connection, root: RegionId) -> (i64, i64) {
    conn.query_row(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT r.id FROM region r JOIN sub ON r.parent_id = sub.id) \
         SELECT coalesce(sum(p.count), 0), coalesce(sum(p.investment), 0) FROM project p \
         WHERE p.parent_id IS NULL AND p.region_id IN (SELECT id FROM sub)",
        [root.get()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("naive rollup")
}

fn bench(c: &mut Criterion) {
    let path = common::national();
    let ledger = OpenOptions::new()
        .read_only(true)
        .open(&path)
        .expect("open national ledger");
    let raw =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("raw open");

    let synth = Synth::new(Scale::national(), common::SEED);
    let [provinces, _, counties, _] = synth.bases();
    let country = RegionId::from_raw(1);
    let province = RegionId::from_raw(provinces as i64 + 1);
    let county = RegionId::from_raw(counties as i64 + 1);

    // The two answers agree before either is timed.
    let fast = ledger.subtree_totals(country).expect("subtree totals");
    let (count, investment) = naive_subtree_investment(&raw, country);
    assert_eq!(
        (fast.projects as i64, fast.investment.yuan()),
        (count, investment)
    );
    println!(
        "national ledger: {} project rows in the country's subtree, {} 亿元",
        fast.rows,
        fast.investment.format_yi(2)
    );

    let mut g = c.benchmark_group("rollup");
    g.bench_function("subtree_totals_country_1M_projects", |b| {
        b.iter(|| ledger.subtree_totals(country).expect("totals"))
    });
    g.sample_size(10);
    g.bench_function("naive_recursive_cte_country", |b| {
        b.iter(|| naive_subtree_investment(&raw, country))
    });
    g.finish();

    let mut g = c.benchmark_group("rollup_table");
    g.sample_size(20);
    g.bench_function("investment_rollup_province", |b| {
        b.iter(|| ledger.investment_rollup(province).expect("rollup"))
    });
    g.bench_function("naive_recursive_cte_province", |b| {
        b.iter(|| naive_subtree_investment(&raw, province))
    });
    g.finish();

    let county_filter = ProjectFilter::new()
        .region(RegionScope::subtree(county))
        .year(2022)
        .status(ProjectStatus::Signed)
        .status(ProjectStatus::Started);
    let province_filter = ProjectFilter::new()
        .region(RegionScope::subtree(province))
        .year(2022);
    let mut g = c.benchmark_group("project_page");
    g.bench_function("county_subtree_year_status_top20", |b| {
        b.iter(|| {
            ledger
                .projects(&county_filter, ProjectOrder::InvestmentDesc, 20, None)
                .expect("page")
        })
    });
    let first = ledger
        .projects(&province_filter, ProjectOrder::Id, 20, None)
        .expect("page");
    g.bench_function("province_subtree_year_by_id_page2", |b| {
        b.iter(|| {
            ledger
                .projects(&province_filter, ProjectOrder::Id, 20, first.next)
                .expect("page")
        })
    });
    g.sample_size(20);
    g.bench_function("province_subtree_year_top20_by_investment", |b| {
        b.iter(|| {
            ledger
                .projects(&province_filter, ProjectOrder::InvestmentDesc, 20, None)
                .expect("page")
        })
    });
    g.finish();

    let mut g = c.benchmark_group("figures");
    g.sample_size(10);
    g.bench_function("metric_across_regions_one_year", |b| {
        b.iter(|| {
            ledger
                .metric_across_regions(METRICS[2], Some(2020))
                .expect("metric")
        })
    });
    g.finish();

    let on = Date::new(2019, 6, 1).expect("date");
    let mut g = c.benchmark_group("officials");
    g.bench_function("officials_on_date_province", |b| {
        b.iter(|| {
            ledger
                .officials_on(RegionScope::subtree(province), on)
                .expect("officials")
        })
    });
    g.finish();

    let mut g = c.benchmark_group("search");
    g.sample_size(20);
    g.bench_function("trigram_3_chars", |b| {
        b.iter(|| ledger.search("工业项", 20).expect("search"))
    });
    g.bench_function("short_2_chars_like_fallback", |b| {
        b.iter(|| ledger.search("安北", 20).expect("search"))
    });
    g.finish();

    let mut g = c.benchmark_group("open");
    g.bench_function("open_existing_national_ledger", |b| {
        b.iter(|| Ledger::open(&path).expect("open"))
    });
    g.bench_function("open_existing_read_only", |b| {
        b.iter(|| {
            OpenOptions::new()
                .read_only(true)
                .open(&path)
                .expect("open")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
