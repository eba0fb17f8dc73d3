//! The query API on the bundled dataset, against figures computed by hand from the articles.

mod common;

use planledger::model::*;
use planledger::query::*;
use planledger::Ledger;

fn bundled() -> (Ledger, planledger::dataset::Loaded) {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let loaded = planledger::dataset::load_qingdao(&mut ledger).unwrap();
    (ledger, loaded)
}

fn yi(text: &str) -> Money {
    text.parse().unwrap()
}

#[test]
fn langya_signed_and_started_batches() {
    let (ledger, _) = bundled();
    let langya = ledger.resolve_region("琅琊镇").unwrap();
    let filter = ProjectFilter::new()
        .region(RegionScope::only(langya))
        .status(ProjectStatus::Signed)
        .status(ProjectStatus::Started);
    let totals = ledger.project_totals(&filter).unwrap();
    assert_eq!(totals.investment, yi("67.74亿元"));
    assert_eq!(totals.investment.format_yi(2), "67.74");

    // The 13 projects the town speaks of are the signed 8 and the started 5 — the only two
    // rows with an investment — and no third row of 13 exists.
    let with_money = ledger
        .projects(
            &filter.clone().investment(Some(Money::ZERO), None),
            ProjectOrder::InvestmentDesc,
            100,
            None,
        )
        .unwrap();
    let counts: Vec<u32> = with_money.items.iter().map(|p| p.count).collect();
    assert_eq!(counts, [8, 5]);
    assert_eq!(with_money.items[0].status, Some(ProjectStatus::Signed));
    assert_eq!(with_money.items[1].investment, Some(yi("30.64亿元")));
    let all = ledger
        .projects(
            &ProjectFilter::new().region(RegionScope::only(langya)),
            ProjectOrder::Id,
            100,
            None,
        )
        .unwrap();
    assert!(all.items.iter().all(|p| p.count != 13));
}

#[test]
fn rollup_counts_batches_once_and_sums_subtrees() {
    let (ledger, loaded) = bundled();
    let qingdao = loaded.regions["青岛市"];
    let rows = ledger.investment_rollup(qingdao).unwrap();
    let row = |name: &str| rows.iter().find(|r| r.region.name == name).unwrap();

    assert_eq!(row("琅琊镇").own.investment, yi("67.74亿元"));
    // 泊里镇: 30亿 (美锦) + 24亿 (4 projects) + 20.6亿 (12) + 9亿 (2 named, counted once).
    assert_eq!(row("泊里镇").own.investment, yi("83.6亿元"));
    assert_eq!(row("泊里镇").own.rows, 10);
    assert_eq!(row("泊里镇").own.projects, 29);
    // 西海岸新区 itself: the 8660亿 pool; the 2000 + 740 + 96 + 381 亿 sector batches are
    // declared part of it (11877亿 when they were added to it).
    assert_eq!(row("西海岸新区").own.investment, yi("8660亿元"));
    assert_eq!(row("西海岸新区").subtree.investment, yi("8811.34亿元"));
    assert_eq!(row("青岛市").subtree.investment, yi("8811.34亿元"));
    assert_eq!(row("莱西市").subtree.investment, Money::ZERO);
    assert_eq!(row("莱西市").subtree.rows, 2);

    // Members never count: the sum of own rows over the tree equals the root's subtree.
    let own_rows: u64 = rows.iter().map(|r| r.own.rows).sum();
    assert_eq!(rows[0].subtree.rows, own_rows);
    assert_eq!(rows[0].region.name, "青岛市");
    assert_eq!(rows[0].depth, 0);
    let members = ledger
        .projects(
            &ProjectFilter::new().with_members(),
            ProjectOrder::Id,
            1000,
            None,
        )
        .unwrap();
    // Listed but not counted: named members, and the 8 西海岸新区 2020 batches declared part
    // of its pool.
    let parts = members.items.iter().filter(|p| p.part_of.is_some()).count() as u64;
    assert_eq!(parts, 8);
    assert_eq!(
        members.items.len() as u64,
        own_rows + parts + loaded.members as u64
    );
    // The subtree filter agrees with the rollup.
    let sub = ledger
        .project_totals(&ProjectFilter::new().region(RegionScope::subtree(qingdao)))
        .unwrap();
    assert_eq!(sub, rows[0].subtree);
}

#[test]
fn filters_and_keyset_paging() {
    let (ledger, loaded) = bundled();
    let finance = ledger
        .projects(
            &ProjectFilter::new().sector("金融"),
            ProjectOrder::Id,
            10,
            None,
        )
        .unwrap();
    assert_eq!(finance.items.len(), 1);
    assert_eq!(finance.items[0].count, 18);
    assert_eq!(finance.items[0].investment, Some(yi("381亿元")));
    assert!(finance.next.is_none());

    let mid = ledger
        .projects(
            &ProjectFilter::new().investment(Some(yi("100亿元")), Some(yi("1000亿元"))),
            ProjectOrder::InvestmentDesc,
            10,
            None,
        )
        .unwrap();
    let amounts: Vec<String> = mid
        .items
        .iter()
        .map(|p| p.investment.unwrap().to_string())
        .collect();
    assert_eq!(amounts, ["740亿元", "381亿元"]);

    let boli_2023 = ledger
        .project_totals(
            &ProjectFilter::new()
                .region(RegionScope::subtree(loaded.regions["西海岸新区"]))
                .year(2023),
        )
        .unwrap();
    assert_eq!(boli_2023.investment, yi("83.6亿元"));

    // Pages of 7 walk the same sequence as one big page, without repeats or gaps.
    let all = ledger
        .projects(
            &ProjectFilter::new(),
            ProjectOrder::InvestmentDesc,
            1000,
            None,
        )
        .unwrap();
    let mut paged = Vec::new();
    let mut cursor = None;
    loop {
        let page = ledger
            .projects(
                &ProjectFilter::new(),
                ProjectOrder::InvestmentDesc,
                7,
                cursor,
            )
            .unwrap();
        paged.extend(page.items.iter().map(|p| p.id));
        match page.next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(paged, all.items.iter().map(|p| p.id).collect::<Vec<_>>());
    assert_eq!(all.items[0].investment, Some(yi("8660亿元")));
    assert!(ledger
        .projects(&ProjectFilter::new(), ProjectOrder::Id, 0, None)
        .is_err());
    let wrong_order = ledger
        .projects(&ProjectFilter::new(), ProjectOrder::Id, 3, None)
        .unwrap()
        .next;
    assert!(ledger
        .projects(
            &ProjectFilter::new(),
            ProjectOrder::InvestmentDesc,
            3,
            wrong_order
        )
        .is_err());
}

#[test]
fn targets_observations_and_metric_comparison() {
    let (ledger, loaded) = bundled();
    let xha = loaded.regions["西海岸新区"];
    let investment = ledger
        .targets(
            &FigureFilter::new()
                .region(RegionScope::only(xha))
                .metric("完成投资")
                .year(2020),
        )
        .unwrap();
    let figures: Vec<String> = investment
        .iter()
        .map(|t| format!("{}:{}", t.measure, t.quantity))
        .collect();
    assert!(
        figures.contains(&"level:2490亿元".to_string()),
        "{figures:?}"
    );
    assert!(figures.contains(&"growth:25%".to_string()), "{figures:?}");

    let industry = ledger
        .metric_across_regions("规上工业增加值", None)
        .unwrap();
    let xha_row = industry
        .iter()
        .find(|r| r.region.as_ref().map(|r| r.id) == Some(xha))
        .unwrap();
    assert_eq!(xha_row.targets[0].quantity.to_string(), "11%");
    let observed: Vec<String> = xha_row
        .observations
        .iter()
        .map(|o| o.quantity.to_string())
        .collect();
    assert!(
        observed.contains(&"1056亿元".to_string()) && observed.contains(&"33.4%".to_string()),
        "{observed:?}"
    );
    assert!(xha_row
        .observations
        .iter()
        .all(|o| o.period == Some(PartialDate::year_only(2019).unwrap())));

    // Observations filter by their period's year; a region's subtree includes its towns.
    let y2019 = ledger
        .observations(&FigureFilter::new().year(2019))
        .unwrap();
    assert!(
        !y2019.is_empty()
            && y2019
                .iter()
                .all(|o| o.period.map(|p| p.year()) == Some(2019))
    );
    let boli = ledger
        .targets(
            &FigureFilter::new()
                .region(RegionScope::subtree(xha))
                .year(2023),
        )
        .unwrap();
    assert!(boli
        .iter()
        .any(|t| t.region == Some(loaded.regions["泊里镇"])));
}

#[test]
fn campaign_tree_nests_and_links() {
    let (ledger, _) = bundled();
    let forest = ledger.campaign_tree(None).unwrap();
    let twelve = forest
        .iter()
        .find(|n| n.campaign.name == "十二大攻坚战")
        .expect("十二大攻坚战 is a root");
    let eight = twelve
        .children
        .iter()
        .find(|n| n.campaign.name == "八大攻坚战")
        .unwrap();
    let invest = eight
        .children
        .iter()
        .find(|n| n.campaign.name == "投资攻坚战")
        .unwrap();
    assert_eq!(invest.campaign.ordinal, Some(1));
    assert_eq!(invest.projects.len(), 1);
    assert_eq!(invest.projects[0].count, 1417);
    assert_eq!(invest.targets.len(), 2);
    // Children come in ordinal order.
    let ordinals: Vec<Option<u32>> = eight.children.iter().map(|n| n.campaign.ordinal).collect();
    let mut sorted = ordinals.clone();
    sorted.sort();
    assert_eq!(ordinals, sorted);
    let laixi = ledger.resolve_region("莱西市").unwrap();
    let laixi_forest = ledger
        .campaign_tree(Some(RegionScope::only(laixi)))
        .unwrap();
    assert!(laixi_forest
        .iter()
        .any(|n| n.campaign.name == "攻坚克难年" && n.campaign.kind == CampaignKind::ThemedYear));
    assert!(laixi_forest
        .iter()
        .flat_map(|n| n.walk())
        .all(|(_, n)| n.campaign.region == Some(laixi)));
}

#[test]
fn officials_on_a_date() {
    let (ledger, loaded) = bundled();
    let laixi = RegionScope::only(loaded.regions["莱西市"]);
    let on = Date::new(2023, 1, 28).unwrap();
    let officials = ledger.officials_on(laixi, on).unwrap();
    let mut names: Vec<&str> = officials.iter().map(|o| o.person.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["刘瑛", "周科", "孙授宾", "战洪贤", "陈勇"]);
    let liu = officials.iter().find(|o| o.person.name == "刘瑛").unwrap();
    let mut titles: Vec<&str> = liu.posts.iter().map(|(_, p)| p.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["市委副书记", "市长"]);
    // Attested on one day only: the day after is not covered.
    assert!(ledger
        .officials_on(laixi, Date::new(2023, 1, 29).unwrap())
        .unwrap()
        .is_empty());
    // A year-precision attestation covers the whole year; a subtree scope finds town officials.
    let xha = RegionScope::subtree(loaded.regions["西海岸新区"]);
    let in_2023: Vec<String> = ledger
        .officials_on(xha, Date::new(2023, 6, 1).unwrap())
        .unwrap()
        .into_iter()
        .map(|o| o.person.value.name)
        .collect();
    assert!(in_2023.contains(&"刘在军".to_string()) && in_2023.contains(&"王信卿".to_string()));
    assert!(!in_2023.contains(&"孙永红".to_string()));
}

#[test]
fn search_finds_names_and_short_queries_and_treats_syntax_as_text() {
    let (ledger, _) = bundled();
    let hydrogen = ledger.search("氢能", 20).unwrap();
    assert!(hydrogen
        .iter()
        .any(|h| matches!(h.item, SearchItem::Project(_)) && h.excerpt.contains("美锦氢能")));
    let zhou = ledger.search("周科", 20).unwrap();
    assert!(zhou.iter().any(|h| matches!(h.item, SearchItem::Person(_))));
    let one_char = ledger.search("科", 50).unwrap();
    assert!(one_char.iter().any(|h| h.excerpt.contains("周科")));
    let long = ledger.search("攻坚克难年", 20).unwrap();
    assert!(long
        .iter()
        .any(|h| matches!(h.item, SearchItem::Campaign(_))));
    for nasty in [
        "\"",
        "a\"b",
        "*",
        "OR",
        "NEAR(",
        "氢能 OR 周科",
        "%",
        "_",
        "\\",
        "NEAR(a b, 2)",
        "-x",
        "^",
    ] {
        let hits = ledger.search(nasty, 10).unwrap();
        assert!(
            hits.iter()
                .all(|h| h.excerpt.to_lowercase().contains(&nasty.to_lowercase())),
            "{nasty}: {hits:?}"
        );
    }
    assert!(ledger.search("  ", 10).is_err());
}

#[test]
fn evidence_quotes_the_article_when_texts_are_attached() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let (mut ledger, loaded) = bundled();
    let attached = planledger::dataset::attach_texts(&mut ledger, &loaded, &corpus).unwrap();
    assert_eq!(attached, 4);
    let langya = loaded.regions["琅琊镇"];
    let signed = ledger
        .projects(
            &ProjectFilter::new()
                .region(RegionScope::only(langya))
                .status(ProjectStatus::Signed)
                .year(2020),
            ProjectOrder::Id,
            10,
            None,
        )
        .unwrap();
    let cites = ledger
        .evidence_for(FactRef::Project(signed.items[0].id))
        .unwrap();
    let quote = cites[0].quote.as_deref().unwrap().replace('\n', "");
    assert!(quote.contains('8') && quote.contains("37.1"), "{quote}");
    assert_eq!(cites[0].evidence.method, Method::Manual);
    assert!(cites[0].source.text.is_none());

    // Every curated span lies inside its text and holds the figure it supports.
    let mut checked = 0;
    let mut page = None;
    loop {
        let p = ledger
            .projects(&ProjectFilter::new(), ProjectOrder::Id, 50, page)
            .unwrap();
        for project in &p.items {
            for c in ledger.evidence_for(FactRef::Project(project.id)).unwrap() {
                let q = c.quote.unwrap().replace(['\n', ' '], "");
                if let Some(m) = project.investment {
                    let yi = m.to_string().trim_end_matches("亿元").to_string();
                    assert!(q.contains(&yi), "{q} lacks {yi}");
                }
                checked += 1;
            }
        }
        match p.next {
            Some(c) => page = Some(c),
            None => break,
        }
    }
    assert!(checked >= 39);
    // Source texts are searchable once attached.
    assert!(ledger
        .search("隆起带", 5)
        .unwrap()
        .iter()
        .any(|h| matches!(h.item, SearchItem::Source(_))));
}

#[test]
fn export_import_round_trip_is_byte_identical() {
    let (mut ledger, loaded) = bundled();
    if let Some(corpus) = common::corpus_dir() {
        planledger::dataset::attach_texts(&mut ledger, &loaded, &corpus).unwrap();
    }
    let mut first = Vec::new();
    let lines = ledger.export_jsonl(&mut first).unwrap();
    assert!(lines > 300);
    let mut copy = Ledger::open_in_memory().unwrap();
    assert_eq!(copy.import_jsonl(first.as_slice()).unwrap(), lines);
    let mut second = Vec::new();
    copy.export_jsonl(&mut second).unwrap();
    assert!(first == second, "second export differs");
    // The copy answers queries like the original.
    let f = ProjectFilter::new();
    assert_eq!(
        copy.project_totals(&f).unwrap(),
        ledger.project_totals(&f).unwrap()
    );
    assert_eq!(
        copy.search("周科", 5).unwrap(),
        ledger.search("周科", 5).unwrap()
    );
    // Importing into a ledger that holds data is refused.
    assert!(copy.import_jsonl(first.as_slice()).is_err());
}

/// Status histories and conflict flags are part of a ledger: they survive a round trip too.
#[test]
fn export_carries_status_history_and_conflicts() {
    use planledger::reconcile::{Attestation, Candidate};
    let mut ledger = Ledger::open_in_memory().unwrap();
    let town = ledger
        .insert(&Region::new("泊里镇", RegionKind::Town))
        .unwrap();
    let src = ledger
        .insert(&Source::from_text(
            "测试稿",
            "今年新增市场主体1.5万家；另一说法为1.6万家；截至年中已新增9000家。",
        ))
        .unwrap();
    let target = |v: i32| {
        Candidate::Target(
            Target::new(
                "新增市场主体",
                Measure::Level,
                Quantity::new(Decimal::from_int(v), Unit::parse("家"), Comparator::Eq),
            )
            .in_region(town)
            .in_year(2023),
        )
    };
    let first = ledger
        .reconcile(
            &target(15000),
            &[Attestation::manual(src, Span::new(2, 12).unwrap())],
        )
        .unwrap();
    ledger
        .reconcile(
            &target(16000),
            &[Attestation::manual(src, Span::new(13, 24).unwrap())],
        )
        .unwrap();
    let FactRef::Target(target_id) = first.fact else {
        panic!("{first:?}")
    };
    let mut seen = Observation::new(
        "新增市场主体",
        Measure::Level,
        Quantity::new(Decimal::from_int(9000), Unit::parse("家"), Comparator::Eq),
    );
    seen.region = Some(town);
    seen.period = Some("2023-06".parse().unwrap());
    seen.target = Some(target_id);
    let obs = ledger.insert(&seen).unwrap();
    ledger
        .insert(&Evidence {
            fact: FactRef::Observation(obs),
            source: src,
            span: Span::new(25, 36).unwrap(),
            method: Method::Manual,
        })
        .unwrap();
    ledger
        .record_target_statuses(Date::new(2023, 1, 15).unwrap())
        .unwrap();
    ledger
        .record_target_statuses(Date::new(2023, 12, 31).unwrap())
        .unwrap();
    let history = ledger.target_status_history(target_id).unwrap();
    assert!(!history.is_empty());
    assert_eq!(ledger.conflicts().unwrap().len(), 1);

    let mut first = Vec::new();
    ledger.export_jsonl(&mut first).unwrap();
    let text = String::from_utf8(first.clone()).unwrap();
    assert!(
        text.contains("\"type\":\"target_status\"") && text.contains("\"type\":\"fact_conflict\"")
    );
    let mut copy = Ledger::open_in_memory().unwrap();
    copy.import_jsonl(first.as_slice()).unwrap();
    assert_eq!(copy.target_status_history(target_id).unwrap(), history);
    assert_eq!(copy.conflicts().unwrap(), ledger.conflicts().unwrap());
    let mut second = Vec::new();
    copy.export_jsonl(&mut second).unwrap();
    assert!(first == second);

    // A history row that does not continue its target's history is refused with its line.
    let bad = text.replace("\"previous\":null", "\"previous\":\"missed\"");
    match Ledger::open_in_memory()
        .unwrap()
        .import_jsonl(bad.as_bytes())
    {
        Err(planledger::Error::Import { field, reason, .. }) => {
            assert_eq!(field, "value");
            assert!(reason.contains("target_status"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}
