//! The place data bundled in the crate: its size, its agreement with the CSV edition it was made
//! from, the integrity of the overlays and renames, and the one-call national load into a
//! ledger.
//!
//! The CSV edition is read at run time from `PLANLEDGER_DIVISIONS` (default
//! `../shared/data/divisions`); when it is missing that comparison prints a note and passes,
//! unless `PLANLEDGER_REQUIRE_CORPUS=1`.

use planledger::divisions::{self, DivisionRow};
use planledger::model::{Region, RegionKind};
use planledger::Ledger;
use serde_json::Value;
use std::collections::HashSet;
use std::path::PathBuf;

const DIVISIONS: &str = include_str!("../data/divisions/divisions.txt");
const OVERLAY: &str = include_str!("../data/places/overlay.json");
const QINGDAO: &str = include_str!("../data/qingdao/regions.json");
const RENAMES: &str = include_str!("../data/divisions/renames.json");
const TRAD_SIMP: &str = include_str!("../data/script/trad_simp.txt");

/// The data compiled into the library stays small: the crate is meant to be a dependency.
#[test]
fn embedded_place_data_is_small() {
    assert!(
        DIVISIONS.len() < 800_000,
        "divisions.txt is {} bytes",
        DIVISIONS.len()
    );
    let total = DIVISIONS.len() + OVERLAY.len() + QINGDAO.len() + RENAMES.len() + TRAD_SIMP.len();
    assert!(total < 900_000, "bundled place data is {total} bytes");
}

#[test]
fn the_bundled_national_table() {
    let d = divisions::national();
    let count = |k: RegionKind| d.rows().iter().filter(|r| r.kind == k).count();
    assert_eq!(count(RegionKind::Province), 31);
    assert_eq!(d.len(), 44_691);
    assert!(count(RegionKind::Prefecture) > 320);
    assert!(count(RegionKind::Town) > 20_000);
    // Parents come first and exist.
    let mut seen = HashSet::new();
    for r in d.rows() {
        if let Some(p) = &r.parent_code {
            assert!(seen.contains(p.as_str()), "{} before {p}", r.code);
        }
        seen.insert(r.code.as_str().to_string());
    }
    // A county of a province's pseudo-prefecture hangs from the province; a prefecture without
    // counties holds its townships.
    let xiantao = d.get("429004").expect("仙桃市");
    assert_eq!(xiantao.parent_code.as_ref().unwrap().as_str(), "420000");
    let dongguan_town = d
        .rows()
        .iter()
        .find(|r| {
            r.parent_code
                .as_ref()
                .is_some_and(|p| p.as_str() == "441900")
        })
        .expect("a township of 东莞市");
    assert_eq!(dongguan_town.code.as_str().len(), 9);
    // The compact form round-trips.
    let again = divisions::Divisions::from_compact(&d.to_compact("").unwrap()).unwrap();
    assert_eq!(sorted(again.rows()), sorted(d.rows()));
}

fn sorted(rows: &[DivisionRow]) -> Vec<DivisionRow> {
    let mut v = rows.to_vec();
    v.sort_by(|a, b| a.code.cmp(&b.code));
    v
}

/// The bundled table is the CSV edition it was made from, row for row.
#[test]
fn the_bundled_table_is_the_csv_edition() {
    let dir = std::env::var_os("PLANLEDGER_DIVISIONS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/divisions")
        });
    if !dir.join("provinces.csv").is_file() {
        assert!(
            std::env::var("PLANLEDGER_REQUIRE_CORPUS").map_or(true, |v| v != "1"),
            "PLANLEDGER_REQUIRE_CORPUS=1 but {} is missing",
            dir.display()
        );
        eprintln!(
            "note: division tables {} not found; skipping",
            dir.display()
        );
        return;
    }
    let csv = divisions::load_dir(&dir).unwrap();
    assert_eq!(sorted(csv.rows()), sorted(divisions::national().rows()));
}

/// Overlay entries name divisions that exist or parents that resolve; renames name the current
/// division by code and name, with a date and a source.
#[test]
fn overlays_and_renames_are_consistent() {
    let d = divisions::national();
    for (file, json) in [("overlay.json", OVERLAY), ("regions.json", QINGDAO)] {
        let entries: Vec<Value> = serde_json::from_str(json).unwrap();
        let mut names: HashSet<&str> = HashSet::new();
        for e in &entries {
            let name = e["name"].as_str().unwrap();
            match e["code"].as_str() {
                Some(code) => assert!(d.get(code).is_some(), "{file}: {name} {code}"),
                None => {
                    let parent = e["parent"].as_str().unwrap_or("");
                    let known = names.contains(parent)
                        || (parent.bytes().all(|b| b.is_ascii_digit()) && d.get(parent).is_some());
                    assert!(known, "{file}: {name}: parent {parent:?}");
                }
            }
            names.insert(name);
        }
    }
    let renames: Vec<Value> = serde_json::from_str(RENAMES).unwrap();
    for r in &renames {
        let row = d.get(r["code"].as_str().unwrap()).expect("rename code");
        assert_eq!(row.name, r["name"].as_str().unwrap());
        assert_ne!(row.name, r["former"].as_str().unwrap());
        assert!(r["changed"]
            .as_str()
            .unwrap()
            .parse::<planledger::model::PartialDate>()
            .is_ok());
        assert!(r["source"].as_str().unwrap().starts_with("http"));
    }
}

/// The national table goes into a ledger in one call: the same names the extractor gives facts,
/// a root 中国, former names as aliases; twice adds nothing, and the Qingdao dataset's places
/// merge into it.
#[test]
fn the_national_table_loads_into_a_ledger() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let ids = planledger::gazetteer::load_national(&mut ledger).unwrap();
    assert_eq!(ids.len(), divisions::national().len());
    let regions = ledger.count::<Region>().unwrap();
    assert!(
        regions as usize > ids.len(),
        "{regions}: the root and the new areas too"
    );
    let china = ledger.resolve_region("中国").unwrap();
    let sd = ids[&"370000".parse().unwrap()];
    assert_eq!(ledger.get(sd).unwrap().parent, Some(china));
    let xha = ledger.get(ids[&"370211".parse().unwrap()]).unwrap();
    assert_eq!(xha.name, "西海岸新区");
    assert!(xha.aliases.iter().any(|a| a == "黄岛区"));
    assert_eq!(
        ledger.resolve_region("即墨市").unwrap(),
        ids[&"370215".parse().unwrap()]
    );
    let liangjiang = ledger.resolve_region("两江新区").unwrap();
    assert_eq!(
        ledger.get(liangjiang).unwrap().parent,
        Some(ids[&"500000".parse().unwrap()])
    );
    // Twice adds nothing.
    assert_eq!(
        planledger::gazetteer::load_national(&mut ledger).unwrap(),
        ids
    );
    assert_eq!(ledger.count::<Region>().unwrap(), regions);
    // The bundled dataset's places reuse the national regions.
    let qingdao = planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    assert_eq!(qingdao["西海岸新区"], xha.id);
    assert_eq!(qingdao["泊里镇"], ids[&"370211103".parse().unwrap()]);
    let after = ledger.regions().unwrap();
    let codes: Vec<&str> = after
        .iter()
        .filter_map(|r| r.value.code.as_ref().map(|c| c.as_str()))
        .collect();
    let unique: HashSet<&str> = codes.iter().copied().collect();
    assert_eq!(codes.len(), unique.len());
    // Facts placed by the extractor resolve to these regions by their codes.
    let facts = planledger::extract::Extractor::new()
        .extract(
            &planledger::extract::Document::new("清水河县城关镇今年签约项目5个，总投资12亿元。")
                .with_year(2023),
        )
        .facts;
    let code = facts[0].region_code().unwrap();
    let region = ledger
        .region_by_code(&code.parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(region.value.name, "城关镇");
    assert_eq!(
        ledger.get(region.value.parent.unwrap()).unwrap().name,
        "清水河县"
    );
}
