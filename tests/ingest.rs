//! Ingestion: files into a ledger, idempotent by content hash, each fact once with evidence.

mod common;

use planledger::extract::Extractor;
use planledger::ingest::ingest_text;
use planledger::model::*;
use planledger::Ledger;

fn counts(ledger: &Ledger) -> [u64; 8] {
    [
        ledger.count::<Source>().unwrap(),
        ledger.count::<Project>().unwrap(),
        ledger.count::<Target>().unwrap(),
        ledger.count::<Observation>().unwrap(),
        ledger.count::<Campaign>().unwrap(),
        ledger.count::<Person>().unwrap(),
        ledger.count::<Holding>().unwrap(),
        ledger.count::<Evidence>().unwrap(),
    ]
}

#[test]
fn ingesting_the_corpus_twice_leaves_one_copy_of_each_fact() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    let extractor = Extractor::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut facts = 0;
    let mut after_first = [0; 8];
    for round in 0..2 {
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            let report = ingest_text(&mut ledger, &extractor, "article", &text, None).unwrap();
            assert_eq!(report.already_present, round == 1, "{}", path.display());
            facts += report.facts;
        }
        if round == 0 {
            after_first = counts(&ledger);
            assert_eq!(after_first[0], files.len() as u64);
            assert!(facts > 100, "only {facts} facts read from the corpus");
            // Every fact has evidence pointing into its source's text.
            assert!(after_first[7] as usize >= facts);
        }
    }
    assert_eq!(counts(&ledger), after_first, "the second ingest added rows");
    // 周科 is one person, attested once, findable by name.
    let zhou = ledger.search("周科", 10).unwrap();
    assert_eq!(
        zhou.iter()
            .filter(|h| matches!(h.item, planledger::query::SearchItem::Person(_)))
            .count(),
        1
    );
}

#[test]
fn a_repeated_line_and_a_second_source_add_evidence_not_facts() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    let extractor = Extractor::new();
    // Written for this test: a scanned page repeats a line; a second report restates it.
    let page = "——访泊里镇党委书记张三\n今年，我镇共签约引进6个项目、总投资12.5亿元。\n今年，我镇共签约引进6个项目、总投资12.5亿元。\n";
    let first = ingest_text(
        &mut ledger,
        &extractor,
        "访谈",
        page,
        Some("2023".parse().unwrap()),
    )
    .unwrap();
    assert_eq!(ledger.count::<Project>().unwrap(), 1, "{first:?}");
    let other =
        "——访泊里镇党委书记张三\n泊里镇今年签约引进6个项目、总投资12.5亿元，发展势头良好。\n";
    let second = ingest_text(
        &mut ledger,
        &extractor,
        "另一篇报道",
        other,
        Some("2023".parse().unwrap()),
    )
    .unwrap();
    assert!(second.attached >= 1, "{second:?}");
    assert_eq!(ledger.count::<Project>().unwrap(), 1);
    let p = ledger
        .projects(
            &planledger::query::ProjectFilter::new(),
            planledger::query::ProjectOrder::Id,
            5,
            None,
        )
        .unwrap();
    let cites = ledger
        .evidence_for(FactRef::Project(p.items[0].id))
        .unwrap();
    assert_eq!(cites.len(), 2, "one piece of evidence per source");
    assert!(cites
        .iter()
        .all(|c| c.quote.as_deref().is_some_and(|q| q.contains("12.5"))));
}

#[test]
fn parts_and_members_become_rows_under_their_batch() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    let extractor = Extractor::new();
    // Written for this test: a batch, its parts after 其中, and members listed with their own
    // investment.
    let text = "本次集中开工项目24个，总投资96亿元。其中，工业项目14个，农业项目10个。\n\
                1.甲镇：乙丙食品加工项目，总投资5.2亿元\n\
                2.丁镇：戊己物流园项目，总投资3.1亿元\n";
    ingest_text(
        &mut ledger,
        &extractor,
        "开工报道",
        text,
        Some("2023".parse().unwrap()),
    )
    .unwrap();
    let rows = ledger
        .projects(
            &planledger::query::ProjectFilter::new().with_members(),
            planledger::query::ProjectOrder::Id,
            10,
            None,
        )
        .unwrap()
        .items;
    assert_eq!(rows.len(), 5, "{rows:?}");
    // Totals count the batch once.
    let totals = ledger
        .project_totals(&planledger::query::ProjectFilter::new())
        .unwrap();
    assert_eq!(totals.investment, Money::from_yuan(9_600_000_000).unwrap());
    let batch = rows
        .iter()
        .find(|r| r.value.count == 24)
        .expect("the batch");
    assert_eq!(batch.value.parent, None);
    for r in rows.iter().filter(|r| r.value.count != 24) {
        assert_eq!(r.value.parent, Some(batch.id), "{r:?}");
        assert_eq!(r.value.status, Some(ProjectStatus::Started), "{r:?}");
    }
}

#[test]
fn every_post_of_a_chain_is_a_holding() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    planledger::gazetteer::load_qingdao(&mut ledger).unwrap();
    let extractor = Extractor::new();
    let text = "莱西市委副书记、市长王明出席会议并讲话。";
    ingest_text(
        &mut ledger,
        &extractor,
        "会议报道",
        text,
        Some("2023".parse().unwrap()),
    )
    .unwrap();
    assert_eq!(ledger.count::<Person>().unwrap(), 1);
    assert_eq!(ledger.count::<Holding>().unwrap(), 2);
}
