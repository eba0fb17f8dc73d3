//! Every schema rule reachable through the API comes back as a typed error naming the rule,
//! and a refused write leaves nothing behind.

use planledger::model::*;
use planledger::{EntityKind, Error, Ledger};

fn rule(result: Result<impl std::fmt::Debug, Error>) -> (EntityKind, String) {
    match result {
        Err(Error::Constraint { entity, rule }) => (entity, rule),
        other => panic!("expected a constraint error, got {other:?}"),
    }
}

struct Fixture {
    ledger: Ledger,
    city: RegionId,
    town: RegionId,
}

fn fixture() -> Fixture {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let city = ledger
        .insert(&Region::new("青岛市", RegionKind::Prefecture).with_code("370200".parse().unwrap()))
        .unwrap();
    let town = ledger
        .insert(&Region::new("泊里镇", RegionKind::Town).with_parent(city))
        .unwrap();
    Fixture { ledger, city, town }
}

#[test]
fn region_rules() {
    let Fixture {
        mut ledger,
        city,
        town,
    } = fixture();
    let dup_code =
        Region::new("另一市", RegionKind::Prefecture).with_code("370200".parse().unwrap());
    assert_eq!(
        rule(ledger.insert(&dup_code)),
        (EntityKind::Region, "region.code unique".into())
    );

    let dup_name = Region::new("泊里镇", RegionKind::Town).with_parent(city);
    assert_eq!(
        rule(ledger.insert(&dup_name)).1,
        "region_name_unique_in_parent"
    );
    // Same name under another parent is fine; two roots with one name are not.
    let other = ledger
        .insert(&Region::new("烟台市", RegionKind::Prefecture))
        .unwrap();
    ledger
        .insert(&Region::new("泊里镇", RegionKind::Town).with_parent(other))
        .unwrap();
    assert_eq!(
        rule(ledger.insert(&Region::new("青岛市", RegionKind::Prefecture))).1,
        "region_name_unique_in_parent"
    );

    assert_eq!(
        rule(ledger.insert(&Region::new("  ", RegionKind::Town))).1,
        "region_name_not_empty"
    );

    let mut loop_city = ledger.get(city).unwrap().value;
    loop_city.parent = Some(town);
    assert_eq!(rule(ledger.update(city, &loop_city)).1, "region_no_cycle");
    // Its own parent is the shortest cycle.
    loop_city.parent = Some(city);
    assert_eq!(rule(ledger.update(city, &loop_city)).1, "region_no_cycle");

    let mut backwards = Region::new("旧镇", RegionKind::Town);
    backwards.valid_from = Some("2021".parse().unwrap());
    backwards.valid_to = Some("2020-06".parse().unwrap());
    assert_eq!(rule(ledger.insert(&backwards)).1, "region_validity_ordered");
    // A span inside one year is ordered even though "2020-06" > "2020" as text.
    backwards.valid_from = Some("2020".parse().unwrap());
    ledger.insert(&backwards).unwrap();

    let twice = Region::new("琅琊镇", RegionKind::Town)
        .with_alias("琅琊")
        .with_alias("琅琊");
    assert_eq!(
        rule(ledger.insert(&twice)).1,
        "region_alias.region_id, region_alias.alias unique"
    );
    assert!(
        ledger.find_regions("琅琊镇").unwrap().is_empty(),
        "refused insert left a row"
    );

    let orphan = Region::new("孤镇", RegionKind::Town).with_parent(RegionId::from_raw(9_999));
    assert_eq!(rule(ledger.insert(&orphan)).1, "foreign key");

    ledger.insert(&Project::batch(2).in_region(town)).unwrap();
    assert_eq!(
        rule(ledger.delete(town)),
        (EntityKind::Region, "foreign key".into())
    );
}

#[test]
fn project_rules() {
    let Fixture {
        mut ledger, town, ..
    } = fixture();
    assert_eq!(
        rule(ledger.insert(&Project::batch(0))).1,
        "project_count_positive"
    );
    assert_eq!(
        rule(ledger.insert(&Project::batch(1).in_year(99))).1,
        "project_year_range"
    );
    let batch = ledger.insert(&Project::batch(27).in_region(town)).unwrap();
    let mut member = Project::named("芯恩集成电路");
    member.parent = Some(batch);
    let member = ledger.insert(&member).unwrap();
    let mut grandchild = Project::named("子项目");
    grandchild.parent = Some(member);
    assert_eq!(
        rule(ledger.insert(&grandchild)).1,
        "project_batch_is_top_level"
    );
    // A batch with members cannot become a member itself.
    let other = ledger.insert(&Project::batch(3)).unwrap();
    let mut nested = ledger.get(batch).unwrap().value;
    nested.parent = Some(other);
    assert_eq!(
        rule(ledger.update(batch, &nested)).1,
        "project_batch_is_top_level"
    );
    // Deleting a batch with members would orphan them into the totals: refused.
    assert_eq!(rule(ledger.delete(batch)).1, "foreign key");
    let mut in_missing_campaign = Project::batch(1);
    in_missing_campaign.campaign = Some(CampaignId::from_raw(42));
    assert_eq!(rule(ledger.insert(&in_missing_campaign)).1, "foreign key");
    // Negative money never gets that far: the value type refuses it.
    assert!(matches!(
        Money::from_yuan(-1),
        Err(Error::InvalidInput { .. })
    ));
}

#[test]
fn campaign_official_and_figure_rules() {
    let Fixture {
        mut ledger, city, ..
    } = fixture();
    let outer = ledger
        .insert(&Campaign::new("十二大攻坚战", CampaignKind::Battle))
        .unwrap();
    let inner = ledger
        .insert(&Campaign::new("八大攻坚战", CampaignKind::Battle).under(outer, None))
        .unwrap();
    let mut cyclic = ledger.get(outer).unwrap().value;
    cyclic.parent = Some(inner);
    assert_eq!(rule(ledger.update(outer, &cyclic)).1, "campaign_no_cycle");
    let zeroth = Campaign::new("投资攻坚战", CampaignKind::Battle).under(inner, Some(0));
    assert_eq!(rule(ledger.insert(&zeroth)).1, "campaign_ordinal_positive");

    let person = ledger.insert(&Person::new("周科")).unwrap();
    let post = ledger
        .insert(&Post::new("市委书记", "莱西市委", Some(city)))
        .unwrap();
    assert_eq!(
        rule(ledger.insert(&Post::new("市委书记", "莱西市委", Some(city)))).1,
        "post_unique"
    );
    let backwards = Holding {
        person,
        post,
        start: Some("2023-02".parse().unwrap()),
        end: Some("2023-01-28".parse().unwrap()),
    };
    assert_eq!(rule(ledger.insert(&backwards)).1, "holding_span_ordered");

    let negative = Target::new(
        "完成投资",
        Measure::Level,
        Quantity::new("-5".parse().unwrap(), Unit::Yuan, Comparator::Eq),
    );
    assert_eq!(
        rule(ledger.insert(&negative)).1,
        "target_money_non_negative"
    );
    // A negative growth target is a legitimate figure.
    let shrink = Target::new(
        "能耗",
        Measure::Growth,
        Quantity::percent("-3".parse().unwrap()),
    );
    ledger.insert(&shrink).unwrap();
    let blank = Observation::new(" ", Measure::Level, Quantity::percent("1".parse().unwrap()));
    assert_eq!(
        rule(ledger.insert(&blank)).1,
        "observation_metric_not_empty"
    );
}

#[test]
fn source_and_evidence_rules() {
    let Fixture { mut ledger, .. } = fixture();
    let text = "今年签约项目8个、总投资37.1亿元。";
    let source = ledger.insert(&Source::from_text("测试稿", text)).unwrap();
    assert_eq!(
        rule(ledger.insert(&Source::from_text("重复稿", text))).1,
        "source.content_hash unique"
    );

    let mut lying = Source::from_text("长度不符", "十二个字");
    lying.chars = Some(3);
    assert!(
        matches!(ledger.insert(&lying), Err(Error::InvalidInput { field, .. }) if field == "chars")
    );

    let project = ledger.insert(&Project::batch(8)).unwrap();
    let past_end = Evidence {
        fact: FactRef::Project(project),
        source,
        span: Span::new(5, 500).unwrap(),
        method: Method::Manual,
    };
    assert_eq!(
        rule(ledger.insert(&past_end)).1,
        "evidence_span_within_source"
    );
    let fine = Evidence {
        span: Span::new(2, 8).unwrap(),
        ..past_end.clone()
    };
    let ev = ledger.insert(&fine).unwrap();
    // Shrinking the source below an existing span is refused too.
    let mut shorter = ledger.get(source).unwrap().value;
    shorter.text = None;
    shorter.chars = Some(4);
    assert_eq!(
        rule(ledger.update(source, &shorter)).1,
        "evidence_span_within_source"
    );
    // A source with evidence cannot be deleted from under it; deleting the fact takes its evidence along.
    assert_eq!(rule(ledger.delete(source)).1, "foreign key");
    ledger.delete(project).unwrap();
    assert!(matches!(
        ledger.get(ev),
        Err(Error::NotFound {
            entity: EntityKind::Evidence,
            ..
        })
    ));
    assert!(Span::new(9, 3).is_err());
}

#[test]
fn not_found_names_entity_and_key() {
    let Fixture { mut ledger, .. } = fixture();
    match ledger.get(ProjectId::from_raw(77)) {
        Err(Error::NotFound { entity, key }) => {
            assert_eq!((entity, key.as_str()), (EntityKind::Project, "77"))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        ledger.update(
            TargetId::from_raw(5),
            &Target::new("x", Measure::Level, Quantity::percent(Decimal::ZERO))
        ),
        Err(Error::NotFound {
            entity: EntityKind::Target,
            ..
        })
    ));
    assert!(matches!(
        ledger.delete(CampaignId::from_raw(5)),
        Err(Error::NotFound {
            entity: EntityKind::Campaign,
            ..
        })
    ));
    assert!(matches!(
        ledger.resolve_region("火星"),
        Err(Error::NotFound {
            entity: EntityKind::Region,
            ..
        })
    ));
}

/// Rules the typed API cannot break (enum spellings, ranges) are still enforced by the schema
/// for anyone writing to the file directly.
#[test]
fn schema_checks_hold_against_raw_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raw.db");
    drop(Ledger::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    for (sql, rule) in [
        ("INSERT INTO region (name, kind) VALUES ('x', 'galaxy')", "region_kind_known"),
        ("INSERT INTO region (name, kind, code) VALUES ('x', 'town', '12ab56')", "region_code_format"),
        ("INSERT INTO project (count, status) VALUES (1, 'dreaming')", "project_status_known"),
        ("INSERT INTO project (count, investment) VALUES (1, -1)", "project_investment_non_negative"),
        ("INSERT INTO project (count, investment_cmp) VALUES (1, 'roughly')", "project_comparator_known"),
        ("INSERT INTO project (count, deadline) VALUES (1, '2023-5-31')", "project_deadline_date"),
        ("INSERT INTO target (metric, measure, value_e4, unit) VALUES ('m', 'mood', 1, 'x')", "target_measure_known"),
        ("INSERT INTO campaign (name, kind) VALUES ('c', 'party')", "campaign_kind_known"),
        ("INSERT INTO source (title, authors) VALUES ('t', '{}')", "source_authors_array"),
        ("INSERT INTO source (title, content_hash) VALUES ('t', 'XYZ')", "source_content_hash_format"),
        ("INSERT INTO source (title, text, chars) VALUES ('t', 'abc', 2)", "source_chars_match_text"),
        ("INSERT INTO evidence (source_id, span_start, span_end, method) VALUES (1, 0, 1, 'manual')", "evidence_one_fact"),
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains(rule), "{sql}: {err}");
    }
}
