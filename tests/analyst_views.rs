//! The analyst views (migration 0007) and their CSV export, read back as a researcher's tools
//! would (the `csv` crate) and checked row by row against the ledger's own rows.
//!
//! Reads the corpora at run time (`../shared/corpus`, `../shared/corpus-dev`); skips when they
//! are missing, unless `PLANLEDGER_REQUIRE_CORPUS=1`.

mod common;

use planledger::extract::Extractor;
use planledger::ingest::{ingest_text, title_of};
use planledger::model::{Observation, Project, Region, RegionId, Target};
use planledger::query::ANALYST_VIEWS;
use planledger::Ledger;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The columns the README documents, view by view: a renamed or dropped column fails here.
const REGION: [&str; 10] = [
    "region_name",
    "region_kind",
    "region_code",
    "parent_code",
    "county_code",
    "county_name",
    "prefecture_code",
    "prefecture_name",
    "province_code",
    "province_name",
];
const SOURCE: [&str; 6] = [
    "sources",
    "source_title",
    "source_url",
    "source_published",
    "quote",
    "method",
];

fn documented(file: &str) -> Vec<&'static str> {
    let (head, tail): (&[&str], &[&str]) = match file {
        "figures.csv" => (
            &["fact_kind", "fact_id"],
            &[
                "metric",
                "measure",
                "value",
                "value_e4",
                "unit",
                "comparator",
                "year",
                "deadline",
                "campaign",
            ],
        ),
        "projects.csv" => (
            &["project_id", "batch_id"],
            &[
                "name",
                "count",
                "investment_yuan",
                "comparator",
                "status",
                "sector",
                "year",
                "deadline",
                "campaign",
            ],
        ),
        "officials.csv" => (
            &["holding_id", "person", "title", "organization"],
            &["first_attested", "last_attested"],
        ),
        "campaigns.csv" => (
            &["campaign_id", "name", "kind"],
            &["year", "parent_campaign", "ordinal"],
        ),
        other => panic!("undocumented file {other}"),
    };
    head.iter()
        .chain(REGION.iter())
        .chain(tail)
        .chain(SOURCE.iter())
        .copied()
        .collect()
}

fn ingested(files: &[PathBuf]) -> Ledger {
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::gazetteer::load_national(&mut ledger).unwrap();
    planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    let extractor = Extractor::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        let title = title_of(&text).unwrap();
        ingest_text(&mut ledger, &extractor, &title, &text, None).unwrap();
    }
    ledger
}

type Row = HashMap<String, String>;

fn read_csv(path: &Path) -> (Vec<String>, Vec<Row>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), header.len(), "a short or long row in {path:?}");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

/// The ancestors-or-self of a region with a 6-digit code at a level: what the region columns
/// must name.
fn level_code(
    regions: &HashMap<RegionId, Region>,
    mut id: Option<RegionId>,
    level: &str,
) -> String {
    while let Some(r) = id.and_then(|i| regions.get(&i)) {
        if let Some(code) = r.code.as_ref().map(|c| c.as_str().to_string()) {
            let hit = code.len() == 6
                && match level {
                    "province" => code.ends_with("0000"),
                    "prefecture" => code.ends_with("00") && !code.ends_with("0000"),
                    _ => !code.ends_with("00"),
                };
            if hit {
                return code;
            }
        }
        id = r.parent;
    }
    String::new()
}

fn region_checks(row: &Row, regions: &HashMap<RegionId, Region>, region: Option<RegionId>) {
    let r = region.map(|id| &regions[&id]);
    assert_eq!(
        row["region_name"],
        r.map_or("", |r| r.name.as_str()),
        "{row:?}"
    );
    assert_eq!(
        row["region_code"],
        r.and_then(|r| r.code.as_ref()).map_or("", |c| c.as_str()),
        "{row:?}"
    );
    for level in ["county", "prefecture", "province"] {
        assert_eq!(
            row[&format!("{level}_code")],
            level_code(regions, region, level),
            "{level} of {row:?}"
        );
    }
}

fn source_checks(row: &Row) {
    // Every fact the ingest stored was read from a source: it has one and a quote of it.
    assert!(row["sources"].parse::<u32>().unwrap() >= 1, "{row:?}");
    assert!(!row["source_title"].is_empty(), "{row:?}");
    assert!(!row["quote"].is_empty(), "{row:?}");
    assert!(row["method"].starts_with("rule:"), "{row:?}");
}

#[test]
fn every_row_of_the_csv_export_matches_the_ledger() {
    let Some(files) = common::corpus_texts() else {
        return;
    };
    let ledger = ingested(&files);
    let dir = tempfile::tempdir().unwrap();
    let written = ledger.export_csv(dir.path()).unwrap();
    assert_eq!(written.len(), ANALYST_VIEWS.len());
    let regions: HashMap<RegionId, Region> = ledger
        .regions()
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.value))
        .collect();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let quoted = |q: &str| texts.iter().any(|t| t.contains(q));

    for (path, rows) in &written {
        let file = path.file_name().unwrap().to_str().unwrap();
        let (header, table) = read_csv(path);
        assert_eq!(header, documented(file), "{file}: columns as documented");
        assert_eq!(table.len(), *rows, "{file}: rows reported");
        for row in &table {
            match file {
                "figures.csv" => {
                    let id: i64 = row["fact_id"].parse().unwrap();
                    let (region, metric, measure, q, comparator, year) =
                        match row["fact_kind"].as_str() {
                            "target" => {
                                let t: Target = ledger
                                    .get(planledger::model::TargetId::from_raw(id))
                                    .unwrap()
                                    .value;
                                (
                                    t.region,
                                    t.metric,
                                    t.measure,
                                    t.quantity.clone(),
                                    t.quantity.comparator,
                                    t.year,
                                )
                            }
                            "observation" => {
                                let o: Observation = ledger
                                    .get(planledger::model::ObservationId::from_raw(id))
                                    .unwrap()
                                    .value;
                                let year = o.period.map(|p| p.year());
                                (
                                    o.region,
                                    o.metric,
                                    o.measure,
                                    o.quantity.clone(),
                                    o.quantity.comparator,
                                    year,
                                )
                            }
                            other => panic!("fact_kind {other}"),
                        };
                    region_checks(row, &regions, region);
                    assert_eq!(row["metric"], metric);
                    assert_eq!(row["measure"], measure.as_str());
                    assert_eq!(row["unit"], q.unit.as_str());
                    assert_eq!(row["comparator"], comparator.as_str());
                    assert_eq!(
                        row["value"].parse::<f64>().unwrap(),
                        q.value.to_f64(),
                        "{row:?}"
                    );
                    assert_eq!(row["value_e4"], q.value.scaled().to_string(), "{row:?}");
                    assert_eq!(row["year"], year.map(|y| y.to_string()).unwrap_or_default());
                    source_checks(row);
                    assert!(quoted(&row["quote"]), "quote not in any text: {row:?}");
                }
                "projects.csv" => {
                    let id: i64 = row["project_id"].parse().unwrap();
                    let p: Project = ledger
                        .get(planledger::model::ProjectId::from_raw(id))
                        .unwrap()
                        .value;
                    region_checks(row, &regions, p.region);
                    assert_eq!(row["count"], p.count.to_string());
                    assert_eq!(
                        row["investment_yuan"],
                        p.investment
                            .map(|m| m.yuan().to_string())
                            .unwrap_or_default()
                    );
                    assert_eq!(row["comparator"], p.investment_comparator.as_str());
                    assert_eq!(
                        row["batch_id"],
                        p.parent.map(|b| b.get().to_string()).unwrap_or_default()
                    );
                    assert_eq!(row["name"], p.name.clone().unwrap_or_default());
                    source_checks(row);
                    assert!(quoted(&row["quote"]), "{row:?}");
                }
                "officials.csv" | "campaigns.csv" => {
                    assert!(!row[header[1].as_str()].is_empty(), "{row:?}");
                    source_checks(row);
                    assert!(quoted(&row["quote"]), "{row:?}");
                }
                _ => unreachable!(),
            }
        }
    }
    // Every fact is a row: the tables are complete.
    let count = |file: &str| read_csv(&dir.path().join(file)).1.len() as u64;
    assert_eq!(
        count("figures.csv"),
        ledger.count::<Target>().unwrap() + ledger.count::<Observation>().unwrap()
    );
    assert_eq!(count("projects.csv"), ledger.count::<Project>().unwrap());
    assert!(
        count("figures.csv") > 100,
        "the corpora state hundreds of figures"
    );
}

#[test]
fn a_csv_field_with_commas_quotes_and_line_breaks_reads_back_whole() {
    use planledger::model::{Campaign, CampaignKind};
    let mut ledger = Ledger::open_in_memory().unwrap();
    let name = "一个\"带引号\",有逗号\n和换行的运动";
    ledger
        .insert(&Campaign::new(name, CampaignKind::Slogan))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    ledger.export_csv(dir.path()).unwrap();
    let (_, rows) = read_csv(&dir.path().join("campaigns.csv"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["name"], name);
    // No evidence: the source columns are empty, not made up.
    assert_eq!(rows[0]["sources"], "0");
    assert_eq!(rows[0]["quote"], "");
}
