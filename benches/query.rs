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

/// One metric key's targets and observations in one year, read with a full scan of both
/// tables (no index), as a user without the library's indexes would.
fn naive_metric_scan(conn: &rusqlite::Connection, key: &str, year: i32) -> (i64, i64) {
    let count = |sql: &str, year: String| -> i64 {
        conn.query_row(sql, rusqlite::params![key, year], |r| r.get(0))
            .expect("naive scan")
    };
    (
        count(
            "SELECT count(value_e4) FROM target NOT INDEXED WHERE metric_key = ?1 AND year = ?2",
            year.to_string(),
        ),
        count(
            "SELECT count(value_e4) FROM observation NOT INDEXED WHERE metric_key = ?1 AND substr(period, 1, 4) = ?2",
            year.to_string(),
        ),
    )
}

/// Each target of one metric key and year joined to its parent region's targets of the same
/// key, year and measure in SQL: the parent-level comparison layering makes, without the
/// grandparent, the national level or the choice among several targets.
fn naive_layering_parents(conn: &rusqlite::Connection, key: &str, year: i32) -> i64 {
    conn.query_row(
        "SELECT count(DISTINCT t.id) FROM target t JOIN region r ON r.id = t.region_id \
         JOIN target a ON a.region_id = r.parent_id AND a.metric_key = t.metric_key \
              AND a.year = t.year AND a.measure = t.measure \
         WHERE t.metric_key = ?1 AND t.year = ?2",
        rusqlite::params![key, year],
        |r| r.get(0),
    )
    .expect("naive layering")
}

/// FTS5's own ranking of every match (what `search` did before it bounded the ranking).
fn naive_ranked_search(conn: &rusqlite::Connection, needle: &str, limit: u32) -> Vec<i64> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT rowid FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2",
        )
        .expect("prepare");
    stmt.query_map(rusqlite::params![format!("\"{needle}\""), limit], |r| {
        r.get(0)
    })
    .expect("search")
    .collect::<rusqlite::Result<_>>()
    .expect("rows")
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

    // One canonical metric and year: 43,375 targets and as many observations, one per region.
    let metric = METRICS[2];
    let key = planledger::extract::metrics::canonical(metric)
        .expect("a known indicator")
        .key;
    let across = ledger
        .metric_across_regions(metric, Some(2020))
        .expect("metric");
    println!(
        "metric_across_regions({metric}, 2020): {} regions, {} targets, {} observations",
        across.len(),
        across.iter().map(|r| r.targets.len()).sum::<usize>(),
        across.iter().map(|r| r.observations.len()).sum::<usize>()
    );
    let layering = planledger::query::LayeringQuery::new(metric, 2020);
    let rows = ledger.target_layering(&layering).expect("layering");
    let with_parent = rows.iter().filter(|r| r.parent.is_some()).count();
    println!(
        "target_layering({metric}, 2020): {} rows, {with_parent} with an ancestor's target; \
         the naive join finds {} with one at the parent region",
        rows.len(),
        naive_layering_parents(&raw, key, 2020)
    );

    assert_eq!(
        ledger
            .target_layering_lines(&layering)
            .expect("layering lines")
            .len(),
        rows.len()
    );

    let table = ledger.metric_table(metric, 2020).expect("metric table");
    println!(
        "metric_table({metric}, 2020): {} regions, {} targets, {} observations",
        table.regions().count(),
        table.targets.len(),
        table.observations.len()
    );

    let mut g = c.benchmark_group("figures");
    g.sample_size(10);
    g.bench_function("metric_table_one_year", |b| {
        b.iter(|| ledger.metric_table(metric, 2020).expect("metric table"))
    });
    g.bench_function("metric_across_regions_one_year", |b| {
        b.iter(|| {
            ledger
                .metric_across_regions(metric, Some(2020))
                .expect("metric")
        })
    });
    g.bench_function("naive_full_scan_metric_one_year", |b| {
        b.iter(|| naive_metric_scan(&raw, key, 2020))
    });
    g.finish();

    let mut g = c.benchmark_group("layering");
    g.sample_size(10);
    g.bench_function("target_layering_one_metric_year_1M_targets", |b| {
        b.iter(|| ledger.target_layering(&layering).expect("layering"))
    });
    g.bench_function("target_layering_lines_one_metric_year_1M_targets", |b| {
        b.iter(|| ledger.target_layering_lines(&layering).expect("layering"))
    });
    g.bench_function("naive_parent_join_sql", |b| {
        b.iter(|| naive_layering_parents(&raw, key, 2020))
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

    let matches: i64 = raw
        .query_row(
            "SELECT count(*) FROM search_index WHERE search_index MATCH '\"工业项\"'",
            [],
            |r| r.get(0),
        )
        .expect("count matches");
    println!("search 工业项: {matches} matching entries");
    let mut g = c.benchmark_group("search");
    g.sample_size(20);
    g.bench_function("trigram_3_chars", |b| {
        b.iter(|| ledger.search("工业项", 20).expect("search"))
    });
    g.bench_function("naive_rank_every_match_3_chars", |b| {
        b.iter(|| naive_ranked_search(&raw, "工业项", 20))
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
