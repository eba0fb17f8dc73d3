//! The national division-code loader (`planledger::divisions`) and national region resolution.
//!
//! The real tables are read at run time from `PLANLEDGER_DIVISIONS` (default
//! `../shared/data/divisions`); when they are missing those tests print a note and pass, unless
//! `PLANLEDGER_REQUIRE_CORPUS=1`. The small tables the other tests use are written here.

use planledger::divisions::{self, Divisions};
use planledger::extract::{Document, Extractor, Fact, Gazetteer};
use planledger::model::RegionKind;
use planledger::{Error, Ledger};
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, body: &str) {
    std::fs::write(dir.join(name), body).unwrap();
}

/// A small table set in the national format: two provinces, one real prefecture, one
/// pseudo-prefecture (市辖区) whose district belongs to the province, and towns with a shared
/// name (城关镇) in two counties.
fn small_tables() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "provinces.csv",
        "code,name\n37,\"山东省\"\n11,\"北京市\"\n15,\"内蒙古自治区\"\n",
    );
    write(
        d,
        "cities.csv",
        "code,name,provinceCode\n3702,\"青岛市\",37\n1101,\"市辖区\",11\n1501,\"呼和浩特市\",15\n",
    );
    write(
        d,
        "areas.csv",
        "code,name,cityCode,provinceCode\n370211,\"黄岛区\",3702,37\n370285,\"莱西市\",3702,37\n110101,\"东城区\",1101,11\n150123,\"和林格尔县\",1501,15\n150124,\"清水河县\",1501,15\n",
    );
    write(
        d,
        "streets.csv",
        "code,name,areaCode,provinceCode,cityCode\n370211103,\"泊里镇\",370211,37,3702\n370211003,\"薛家岛街道\",370211,37,3702\n110101001,\"东华门街道\",110101,11,1101\n150123100,\"城关镇\",150123,15,1501\n150124100,\"城关镇\",150124,15,1501\n150124200,\"窑沟乡\",150124,15,1501\n",
    );
    dir
}

#[test]
fn loads_and_normalises_codes() {
    let dir = small_tables();
    let d = divisions::load_dir(dir.path()).unwrap();
    let row = |code: &str| d.get(code).unwrap_or_else(|| panic!("{code} missing"));
    assert_eq!(row("370000").kind, RegionKind::Province);
    assert_eq!(row("370000").aliases, ["山东"]);
    assert_eq!(row("150000").aliases, ["内蒙古"]);
    assert_eq!(row("370200").kind, RegionKind::Prefecture);
    assert_eq!(
        row("370200").parent_code.as_ref().unwrap().as_str(),
        "370000"
    );
    assert_eq!(row("370211").kind, RegionKind::District);
    assert_eq!(row("370285").kind, RegionKind::CountyLevelCity);
    assert_eq!(row("150123").kind, RegionKind::County);
    assert_eq!(row("370211103").kind, RegionKind::Town);
    assert_eq!(row("370211003").kind, RegionKind::Subdistrict);
    assert_eq!(row("150124200").kind, RegionKind::Township);
    // The pseudo-prefecture 市辖区 is dropped; its district hangs off the province.
    assert!(d.get("110100").is_none());
    assert_eq!(
        row("110101").parent_code.as_ref().unwrap().as_str(),
        "110000"
    );
    // Parents come before children.
    let pos = |code: &str| {
        d.rows()
            .iter()
            .position(|r| r.code.as_str() == code)
            .unwrap()
    };
    assert!(
        pos("370000") < pos("370200")
            && pos("370200") < pos("370211")
            && pos("370211") < pos("370211103")
    );
}

#[test]
fn errors_name_file_and_line() {
    let dir = small_tables();
    std::fs::remove_file(dir.path().join("areas.csv")).unwrap();
    match divisions::load_dir(dir.path()) {
        Err(Error::Io { path, .. }) => assert!(path.ends_with("areas.csv"), "{path:?}"),
        other => panic!("{other:?}"),
    }

    let dir = small_tables();
    write(
        dir.path(),
        "cities.csv",
        "code,name,provinceCode\n3702,\"青岛市\",37\n370,\"坏\",37\n",
    );
    match divisions::load_dir(dir.path()) {
        Err(Error::InvalidInput { field, reason }) => {
            assert!(field.ends_with("cities.csv:3"), "{field}");
            assert!(reason.contains("370"), "{reason}");
        }
        other => panic!("{other:?}"),
    }

    let dir = small_tables();
    write(
        dir.path(),
        "areas.csv",
        "code,name,cityCode,provinceCode\n370211,\"黄岛区\",3799,37\n",
    );
    match divisions::load_dir(dir.path()) {
        Err(Error::InvalidInput { field, reason }) => {
            assert!(field.ends_with("areas.csv:2"), "{field}");
            assert!(reason.contains("379900"), "{reason}");
        }
        other => panic!("{other:?}"),
    }

    let dir = small_tables();
    write(
        dir.path(),
        "provinces.csv",
        "code,name\n37,\"山东省\",extra\n",
    );
    assert!(matches!(
        divisions::load_dir(dir.path()),
        Err(Error::InvalidInput { .. })
    ));

    let dir = small_tables();
    write(dir.path(), "provinces.csv", "id,title\n37,\"山东省\"\n");
    match divisions::load_dir(dir.path()) {
        Err(Error::InvalidInput { reason, .. }) => assert!(reason.contains("code"), "{reason}"),
        other => panic!("{other:?}"),
    }

    // streets.csv is optional.
    let dir = small_tables();
    std::fs::remove_file(dir.path().join("streets.csv")).unwrap();
    assert!(divisions::load_dir(dir.path())
        .unwrap()
        .get("370211103")
        .is_none());
}

#[test]
fn inserts_into_a_ledger_once_and_merges_with_the_bundled_gazetteer() {
    let dir = small_tables();
    let d = divisions::load_dir(dir.path()).unwrap();
    let mut ledger = Ledger::open_in_memory().unwrap();
    let qingdao = planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    let before = ledger.regions().unwrap().len();
    let ids = d.insert_into(&mut ledger).unwrap();
    // 西海岸新区 already carries code 370211 (黄岛区): reused, not duplicated.
    assert_eq!(ids[&"370211".parse().unwrap()], qingdao["西海岸新区"]);
    assert_eq!(ids[&"370211103".parse().unwrap()], qingdao["泊里镇"]);
    let after = ledger.regions().unwrap().len();
    assert!(after > before);
    // The town keeps its parent; codes resolve.
    let chengguan = ledger
        .region_by_code(&"150124100".parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(
        ledger.get(chengguan.value.parent.unwrap()).unwrap().name,
        "清水河县"
    );
    // Twice adds nothing.
    assert_eq!(d.insert_into(&mut ledger).unwrap(), ids);
    assert_eq!(ledger.regions().unwrap().len(), after);
}

#[test]
fn ambiguous_town_names_resolve_in_the_documents_context() {
    let dir = small_tables();
    let d = divisions::load_dir(dir.path()).unwrap();
    let mut g = Gazetteer::from_divisions(&d);
    g.add_overlay(include_str!("../data/qingdao/regions.json"))
        .unwrap();
    // The bundled overlay names 黄岛区's code 西海岸新区.
    let xha = g.by_code("370211").unwrap();
    assert_eq!(g.place(xha).unwrap().name, "西海岸新区");
    assert!(g.lookup("黄岛区").contains(&xha));
    assert_eq!(g.lookup("城关镇").len(), 2);

    let extractor = Extractor::with_gazetteer(g);
    let text = "奋力建设幸福城关\n——访清水河县城关镇党委书记王建国\n记者：今年有哪些打算？\n王建国：今年，我镇将加快建设就业服务中心。";
    let facts = extractor
        .extract(&Document::new(text).with_year(2023))
        .facts;
    let official = facts.iter().find_map(|f| match f {
        Fact::Official(o) => Some(o),
        _ => None,
    });
    let official = official.expect("the interviewee");
    assert_eq!(official.region_code.as_deref(), Some("150124100"));
    assert_eq!(official.organization.as_deref(), Some("城关镇党委"));
    let project = facts.iter().find_map(|f| match f {
        Fact::Project(p) => Some(p),
        _ => None,
    });
    assert_eq!(
        project.expect("the project").region_code.as_deref(),
        Some("150124100")
    );

    // The same text about the other county's 城关镇.
    let other = text.replace("清水河县", "和林格尔县");
    let facts = extractor
        .extract(&Document::new(&other).with_year(2023))
        .facts;
    assert_eq!(facts[0].region(), Some("城关镇"));
    let Fact::Official(o) = &facts[0] else {
        panic!("{facts:?}")
    };
    assert_eq!(o.region_code.as_deref(), Some("150123100"));
}

fn national_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PLANLEDGER_DIVISIONS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/divisions")
        });
    if dir.join("provinces.csv").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var("PLANLEDGER_REQUIRE_CORPUS").map_or(true, |v| v != "1"),
        "PLANLEDGER_REQUIRE_CORPUS=1 but {} is missing",
        dir.display()
    );
    eprintln!(
        "note: division tables {} not found; skipping",
        dir.display()
    );
    None
}

#[test]
fn the_national_tables() {
    let Some(dir) = national_dir() else { return };
    let d: Divisions = divisions::load_dir(&dir).unwrap();
    assert!(d.len() > 40_000, "{} rows", d.len());
    let boli = d.get("370211103").unwrap();
    assert_eq!(
        (boli.name.as_str(), boli.kind),
        ("泊里镇", RegionKind::Town)
    );
    assert_eq!(boli.parent_code.as_ref().unwrap().as_str(), "370211");
    assert_eq!(d.get("370200").unwrap().name, "青岛市");
    // Every parent exists and comes first.
    let mut seen = std::collections::HashSet::new();
    for r in d.rows() {
        if let Some(p) = &r.parent_code {
            assert!(
                seen.contains(p.as_str()),
                "{} before its parent {p}",
                r.code
            );
        }
        seen.insert(r.code.as_str().to_string());
    }

    // Into a ledger, in one transaction, merged with the bundled Qingdao gazetteer.
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    let ids = d.insert_into(&mut ledger).unwrap();
    assert_eq!(ids.len(), d.len());
    assert_eq!(
        ledger.resolve_region("370211103").unwrap(),
        ids[&"370211103".parse().unwrap()]
    );

    // The extractor resolves a county text anywhere in China with a gazetteer built from a CSV
    // edition, as with the bundled one.
    let extractor = Extractor::with_gazetteer(Gazetteer::from_divisions(&d));
    let text = "——访清水河县城关镇党委书记王建国\n王建国：今年，我镇将加快建设就业服务中心。";
    let facts = extractor
        .extract(&Document::new(text).with_year(2023))
        .facts;
    let Fact::Official(o) = &facts[0] else {
        panic!("{facts:?}")
    };
    assert_eq!(o.region_code.as_deref(), Some("150124100"));
}
