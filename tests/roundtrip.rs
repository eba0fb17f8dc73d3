//! Every entity, with every field set, comes back from the store and from serde as it went in.

use planledger::model::*;
use planledger::Ledger;
use planledger::{Entity, EntityId};
use serde::{de::DeserializeOwned, Serialize};
use std::fmt::Debug;

fn serde_round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
}

fn store_round_trip<E>(ledger: &mut Ledger, value: &E, changed: &E) -> E::Id
where
    E: Entity + Serialize + DeserializeOwned + PartialEq + Debug + Clone,
    E::Id: EntityId<Entity = E> + Serialize + DeserializeOwned + PartialEq + Debug,
{
    serde_round_trip(value);
    let id = ledger.insert(value).unwrap();
    let stored = ledger.get(id).unwrap();
    assert_eq!(&stored.value, value);
    serde_round_trip(&stored);
    ledger.update(id, changed).unwrap();
    assert_eq!(&ledger.get(id).unwrap().value, changed);
    id
}

#[test]
fn every_entity_round_trips() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let d = |s: &str| -> PartialDate { s.parse().unwrap() };

    let root = ledger
        .insert(&Region::new("山东省", RegionKind::Province))
        .unwrap();
    let region = Region {
        name: "张家楼街道".into(),
        kind: RegionKind::Subdistrict,
        parent: Some(root),
        code: Some("370211015".parse().unwrap()),
        aliases: vec!["张家楼镇".into(), "张家楼".into()],
        valid_from: Some(d("2020-07")),
        valid_to: None,
    };
    let renamed = Region {
        aliases: vec!["张家楼".into()],
        valid_to: Some(d("2030-12-31")),
        ..region.clone()
    };
    let region = store_round_trip(&mut ledger, &region, &renamed);

    let campaign = Campaign {
        name: "投资攻坚战".into(),
        kind: CampaignKind::Battle,
        region: Some(region),
        year: Some(2020),
        parent: None,
        ordinal: Some(1),
    };
    let campaign = store_round_trip(
        &mut ledger,
        &campaign,
        &Campaign {
            ordinal: Some(2),
            ..campaign.clone()
        },
    );

    let person = store_round_trip(
        &mut ledger,
        &Person::new("刘在军"),
        &Person::new("刘在军（更正）"),
    );
    let post = Post::new("党委书记", "泊里镇党委", Some(region));
    let post = store_round_trip(
        &mut ledger,
        &post,
        &Post::new("镇长", "泊里镇人民政府", None),
    );
    let holding = Holding {
        person,
        post,
        start: Some(d("2023")),
        end: Some(d("2023-02-01")),
    };
    let holding = store_round_trip(
        &mut ledger,
        &holding,
        &Holding {
            end: None,
            ..holding.clone()
        },
    );

    let project = Project {
        name: Some("美锦氢能汽车制造项目".into()),
        region: Some(region),
        count: 1,
        investment: Some("30亿元".parse().unwrap()),
        investment_comparator: Comparator::Over,
        status: Some(ProjectStatus::InOperation),
        sector: Some("氢能".into()),
        year: Some(2023),
        deadline: Some(d("2023-05-31")),
        campaign: Some(campaign),
        parent: None,
        part_of: None,
    };
    let changed = Project {
        status: Some(ProjectStatus::Cancelled),
        investment: None,
        ..project.clone()
    };
    let project = store_round_trip(&mut ledger, &project, &changed);
    let member = Project {
        parent: Some(project),
        ..Project::named("配套项目")
    };
    store_round_trip(
        &mut ledger,
        &member,
        &Project {
            count: 2,
            ..member.clone()
        },
    );

    let target = Target {
        region: Some(region),
        metric: "规上工业增加值".into(),
        measure: Measure::Growth,
        quantity: Quantity::new("11.5".parse().unwrap(), Unit::Percent, Comparator::AtLeast),
        year: Some(2020),
        deadline: Some(d("2020-12-31")),
        campaign: Some(campaign),
        owner: Some(person),
    };
    let target = store_round_trip(
        &mut ledger,
        &target,
        &Target {
            owner: None,
            ..target.clone()
        },
    );

    let observation = Observation {
        region: Some(region),
        metric: "规上工业增加值".into(),
        measure: Measure::Level,
        quantity: Quantity::yuan("1056亿元".parse().unwrap()),
        period: Some(d("2019")),
        target: Some(target),
        campaign: Some(campaign),
    };
    let with_word = Observation {
        quantity: Quantity::new(
            "1.5".parse().unwrap(),
            Unit::parse("万家"),
            Comparator::About,
        ),
        ..observation.clone()
    };
    let observation = store_round_trip(&mut ledger, &observation, &with_word);

    let source = Source {
        title: "示例".into(),
        publisher: Some("示例报".into()),
        published: Some(d("2023-01-28")),
        authors: vec!["记者甲".into(), "通讯员乙".into()],
        url: Some("https://example.invalid/a".into()),
        ..Source::from_text("示例", "今年，全镇签约项目8个。")
    };
    let source = store_round_trip(
        &mut ledger,
        &source,
        &Source {
            url: None,
            ..source.clone()
        },
    );

    let facts = [
        FactRef::Project(project),
        FactRef::Target(target),
        FactRef::Observation(observation),
        FactRef::Campaign(campaign),
        FactRef::Holding(holding),
    ];
    for fact in facts {
        let ev = Evidence {
            fact,
            source,
            span: Span::new(3, 10).unwrap(),
            method: Method::Rule("project.batch".into()),
        };
        store_round_trip(
            &mut ledger,
            &ev,
            &Evidence {
                method: Method::Manual,
                ..ev.clone()
            },
        );
    }
}

#[test]
fn value_types_round_trip_through_serde() {
    serde_round_trip(&"2023-05".parse::<PartialDate>().unwrap());
    serde_round_trip(&"2024-02-29".parse::<Date>().unwrap());
    serde_round_trip(&"30.64亿元".parse::<Money>().unwrap());
    serde_round_trip(&"33.4".parse::<Decimal>().unwrap());
    serde_round_trip(&Quantity::new(
        "200".parse().unwrap(),
        Unit::parse("万人次"),
        Comparator::About,
    ));
    serde_round_trip(&Span::new(0, 0).unwrap());
    serde_round_trip(&"370211103".parse::<DivisionCode>().unwrap());
    serde_round_trip(&ContentHash::of("x"));
    for kind in RegionKind::ALL {
        serde_round_trip(kind);
        assert_eq!(kind.as_str().parse::<RegionKind>().unwrap(), *kind);
    }
    for s in ProjectStatus::ALL {
        serde_round_trip(s);
    }
    assert!(serde_json::from_str::<Span>("[5, 1]").is_err());
    assert!(
        serde_json::from_str::<Region>(r#"{"name":"x","kind":"town","colour":"red"}"#).is_err()
    );
}

#[test]
fn moving_a_region_moves_its_subtree() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let a = ledger
        .insert(&Region::new("甲省", RegionKind::Province))
        .unwrap();
    let b = ledger
        .insert(&Region::new("乙省", RegionKind::Province))
        .unwrap();
    let city = ledger
        .insert(&Region::new("丙市", RegionKind::Prefecture).with_parent(a))
        .unwrap();
    let town = ledger
        .insert(&Region::new("丁镇", RegionKind::Town).with_parent(city))
        .unwrap();
    let mut moved = ledger.get(city).unwrap().value;
    moved.parent = Some(b);
    ledger.update(city, &moved).unwrap();
    // Tree order lists the moved city and its town after their new root.
    let order: Vec<RegionId> = ledger.regions().unwrap().iter().map(|r| r.id).collect();
    let pos = |id| order.iter().position(|x| *x == id).unwrap();
    assert!(pos(b) < pos(city) && pos(city) < pos(town));
    // Moving the root under the town would close a loop through the moved subtree.
    let mut root = ledger.get(b).unwrap().value;
    root.parent = Some(town);
    assert!(ledger.update(b, &root).is_err());
}
