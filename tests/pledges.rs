//! Pledge tracking on cases made by hand: every status and the rule that decides it, the
//! choice of the latest observation, the scorecard colours, and the append-only history.

use planledger::model::*;
use planledger::pledge::{evaluate, Period};
use planledger::query::FigureFilter;
use planledger::{EntityKind, Error, Ledger};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn qty(value: &str, unit: &str, cmp: Comparator) -> Quantity {
    Quantity::new(dec(value), Unit::parse(unit), cmp)
}

struct Fixture {
    ledger: Ledger,
    city: RegionId,
    town: RegionId,
    town2: RegionId,
    source: SourceId,
}

fn fixture() -> Fixture {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let city = ledger
        .insert(&Region::new("青岛市", RegionKind::Prefecture))
        .unwrap();
    let town = ledger
        .insert(&Region::new("泊里镇", RegionKind::Town).with_parent(city))
        .unwrap();
    let town2 = ledger
        .insert(&Region::new("琅琊镇", RegionKind::Town).with_parent(city))
        .unwrap();
    let source = ledger
        .insert(&Source::from_text(
            "进展报道",
            "今年以来转移就业2100人，完成全年任务过半。",
        ))
        .unwrap();
    Fixture {
        ledger,
        city,
        town,
        town2,
        source,
    }
}

impl Fixture {
    /// A 2023 target for 4000 people or more in the town.
    fn jobs_target(&mut self) -> TargetId {
        self.target(
            self.town,
            "劳动力转移新就业",
            Measure::Level,
            qty("4000", "人", Comparator::AtLeast),
            Some(2023),
            None,
        )
    }

    fn target(
        &mut self,
        region: RegionId,
        metric: &str,
        measure: Measure,
        quantity: Quantity,
        year: Option<i32>,
        deadline: Option<&str>,
    ) -> TargetId {
        let mut t = Target::new(metric, measure, quantity).in_region(region);
        t.year = year;
        t.deadline = deadline.map(|d| d.parse().unwrap());
        self.ledger.insert(&t).unwrap()
    }

    /// An observation linked to `target`, copying its metric, measure and region, with one
    /// piece of evidence.
    fn observe(
        &mut self,
        target: TargetId,
        quantity: Quantity,
        period: Option<&str>,
    ) -> ObservationId {
        let t = self.ledger.get(target).unwrap();
        let mut o = Observation::new(t.metric.clone(), t.measure, quantity);
        o.region = t.region;
        o.target = Some(target);
        o.period = period.map(|p| p.parse().unwrap());
        let id = self.ledger.insert(&o).unwrap();
        self.ledger
            .insert(&Evidence {
                fact: FactRef::Observation(id),
                source: self.source,
                span: Span::new(4, 12).unwrap(),
                method: Method::Manual,
            })
            .unwrap();
        id
    }

    fn status(&self, target: TargetId, as_of: &str) -> (TargetStatus, StatusRule) {
        let p = self.ledger.target_status(target, day(as_of)).unwrap();
        (p.status(), p.assessment.rule)
    }

    /// Checks a table of cases: the target's status on the day, and the deciding rule where
    /// the case names one.
    fn expect(&self, cases: &[Case]) {
        for &(target, as_of, status, rule) in cases {
            let (got, got_rule) = self.status(target, as_of);
            assert_eq!(got, status, "target {target} on {as_of}");
            if let Some(rule) = rule {
                assert_eq!(got_rule, rule, "target {target} on {as_of}");
            }
        }
    }
}

/// (target, day, status, the rule that decides it when the case checks that too)
type Case<'a> = (TargetId, &'a str, TargetStatus, Option<StatusRule>);

#[test]
fn no_data_without_a_linked_observation_whatever_the_day() {
    let mut f = fixture();
    let t = f.jobs_target();
    let no_data = |as_of| {
        (
            t,
            as_of,
            TargetStatus::NoData,
            Some(StatusRule::NoObservation),
        )
    };
    f.expect(&["2023-01-01", "2023-07-01", "2024-06-30"].map(no_data));
    // An observation of the same metric that does not point at the target does not count.
    let mut loose = Observation::new(
        "劳动力转移新就业",
        Measure::Level,
        qty("5000", "人", Comparator::Eq),
    );
    loose.region = Some(f.town);
    loose.period = Some("2023-06".parse().unwrap());
    f.ledger.insert(&loose).unwrap();
    assert_eq!(f.status(t, "2023-07-01").0, TargetStatus::NoData);
}

#[test]
fn achieved_on_track_at_risk_and_missed_for_a_level_target() {
    let mut f = fixture();
    let t = f.jobs_target();
    let obs = f.observe(t, qty("2100", "人", Comparator::Eq), Some("2023-06"));

    // 1 July: 182 of 365 days gone (0.4986), 2100/4000 = 0.525 done → on track.
    let july = f.ledger.target_status(t, day("2023-07-01")).unwrap();
    assert_eq!(july.status(), TargetStatus::OnTrack);
    assert_eq!(july.assessment.rule, StatusRule::OnPace);
    assert_eq!(july.assessment.progress, Some(dec("0.525")));
    assert_eq!(july.assessment.elapsed, Some(dec("0.4986")));
    assert_eq!(july.observation.as_ref().map(|o| o.id), Some(obs));
    assert_eq!(july.evidence.len(), 1);
    assert_eq!(
        july.period,
        Some(Period {
            start: day("2023-01-01"),
            end: day("2023-12-31")
        })
    );

    // 1 December: 335/365 = 0.9178 gone, 0.525 done, more than 0.1 behind → at risk.
    let dec1 = f.ledger.target_status(t, day("2023-12-01")).unwrap();
    assert_eq!(dec1.status(), TargetStatus::AtRisk);
    assert_eq!(dec1.assessment.rule, StatusRule::BehindPace);
    assert_eq!(dec1.assessment.elapsed, Some(dec("0.9178")));

    // After 31 December, not met → missed.
    f.expect(&[(
        t,
        "2024-01-01",
        TargetStatus::Missed,
        Some(StatusRule::DeadlinePassed),
    )]);

    // A later figure that meets the floor → achieved, before the deadline too.
    f.observe(t, qty("4200", "人", Comparator::Eq), Some("2023-11"));
    let nov = f.ledger.target_status(t, day("2023-11-15")).unwrap();
    assert_eq!(
        (nov.status(), nov.assessment.rule),
        (TargetStatus::Achieved, StatusRule::Met)
    );
    assert_eq!(nov.assessment.progress, Some(dec("1.05")));
    f.expect(&[
        (t, "2024-03-01", TargetStatus::Achieved, None),
        // …but not on a day before that figure's period began: then the June figure is the
        // latest, 0.525 done against 0.833 of the year gone.
        (
            t,
            "2023-10-31",
            TargetStatus::AtRisk,
            Some(StatusRule::BehindPace),
        ),
    ]);
}

#[test]
fn the_pace_tolerance_is_exact_at_its_boundary() {
    let mut f = fixture();
    // 1 January to 10 April 2023: 100 days. On 19 February, 50 days are gone (0.5), so
    // progress 0.4 is exactly at the tolerance and still on track; 0.399 is not.
    let on = f.target(
        f.town,
        "新建项目",
        Measure::Level,
        qty("1000", "个", Comparator::Eq),
        Some(2023),
        Some("2023-04-10"),
    );
    let off = f.target(
        f.town,
        "新建厂房",
        Measure::Level,
        qty("1000", "个", Comparator::Eq),
        Some(2023),
        Some("2023-04-10"),
    );
    f.observe(on, qty("400", "个", Comparator::Eq), Some("2023-02"));
    f.observe(off, qty("399", "个", Comparator::Eq), Some("2023-02"));
    let p = f.ledger.target_status(on, day("2023-02-19")).unwrap();
    assert_eq!(p.period.unwrap().days(), 100);
    assert_eq!(p.assessment.elapsed, Some(dec("0.5")));
    assert_eq!(p.status(), TargetStatus::OnTrack);
    f.expect(&[
        (
            off,
            "2023-02-19",
            TargetStatus::AtRisk,
            Some(StatusRule::BehindPace),
        ),
        // The deadline day still counts as within the period; the next day is past it.
        (off, "2023-04-10", TargetStatus::AtRisk, None),
        (off, "2023-04-11", TargetStatus::Missed, None),
    ]);
}

#[test]
fn rates_are_judged_against_the_target_rate_not_the_calendar() {
    let mut f = fixture();
    let growth = |f: &mut Fixture, metric: &str| {
        f.target(
            f.town,
            metric,
            Measure::Growth,
            qty("25", "percent", Comparator::Eq),
            Some(2020),
            None,
        )
    };
    let near = growth(&mut f, "完成投资");
    let edge = growth(&mut f, "税收收入");
    let below = growth(&mut f, "规上工业产值");
    f.observe(near, qty("23", "percent", Comparator::Eq), Some("2020-03"));
    f.observe(
        edge,
        qty("22.5", "percent", Comparator::Eq),
        Some("2020-03"),
    );
    f.observe(
        below,
        qty("22.4", "percent", Comparator::Eq),
        Some("2020-03"),
    );
    // Early in the year a level target at 92% would be far ahead; a rate is not.
    f.expect(&[
        (
            near,
            "2020-04-01",
            TargetStatus::OnTrack,
            Some(StatusRule::RateNearTarget),
        ),
        (edge, "2020-04-01", TargetStatus::OnTrack, None),
        (
            below,
            "2020-04-01",
            TargetStatus::AtRisk,
            Some(StatusRule::RateBelowTarget),
        ),
        (below, "2021-01-01", TargetStatus::Missed, None),
    ]);
}

#[test]
fn ceilings_hold_until_the_period_ends() {
    let mut f = fixture();
    let ceiling = |f: &mut Fixture, metric: &str| {
        f.target(
            f.town,
            metric,
            Measure::Share,
            qty("5", "percent", Comparator::AtMost),
            Some(2023),
            None,
        )
    };
    let held = ceiling(&mut f, "城镇登记失业率");
    let broken = ceiling(&mut f, "贫困发生率");
    f.observe(held, qty("4", "percent", Comparator::Eq), Some("2023-06"));
    f.observe(broken, qty("6", "percent", Comparator::Eq), Some("2023-06"));
    f.expect(&[
        (
            held,
            "2023-07-01",
            TargetStatus::OnTrack,
            Some(StatusRule::WithinCeiling),
        ),
        (
            broken,
            "2023-07-01",
            TargetStatus::AtRisk,
            Some(StatusRule::OverCeiling),
        ),
        (
            held,
            "2024-01-01",
            TargetStatus::Achieved,
            Some(StatusRule::CeilingHeld),
        ),
        (
            broken,
            "2024-01-01",
            TargetStatus::Missed,
            Some(StatusRule::DeadlinePassed),
        ),
    ]);
}

#[test]
fn comparators_bound_what_meets_a_target() {
    let t = |cmp| Target::new("引建企业", Measure::Level, qty("180", "家", cmp)).in_year(2020);
    let o = |v: &str, cmp| Observation::new("引建企业", Measure::Level, qty(v, "家", cmp));
    let may = day("2020-05-01");
    use Comparator::*;
    // (the target's comparator, the observed figure and its comparator, achieved?)
    let cases = [
        // 超180家 needs more than 180: exactly 180 is not enough, "over 180" is.
        (Over, "180", Eq, false),
        (Over, "180", Over, true),
        (Over, "181", About, true),
        // A plain figure, 以上 and 约 are floors met at the value.
        (Eq, "180", Eq, true),
        (AtLeast, "180", Eq, true),
        (About, "180", Eq, true),
        // "at most 200" says nothing about reaching 180.
        (AtLeast, "200", AtMost, false),
    ];
    for (target, value, observed, achieved) in cases {
        let status = evaluate(&t(target), Some(&o(value, observed)), may).status;
        assert_eq!(
            status == TargetStatus::Achieved,
            achieved,
            "target {target}, observed {observed} {value}: {status}"
        );
    }
}

#[test]
fn level_targets_without_a_period_cannot_be_on_pace() {
    let mut f = fixture();
    let t = f.target(
        f.town,
        "扶持民营企业上市",
        Measure::Level,
        qty("10", "家", Comparator::AtLeast),
        None,
        None,
    );
    let p = f.ledger.target_status(t, day("2023-06-01")).unwrap();
    assert_eq!((p.period, p.assessment.elapsed), (None, None));
    f.observe(t, qty("4", "家", Comparator::Eq), None);
    f.expect(&[(
        t,
        "2023-06-01",
        TargetStatus::AtRisk,
        Some(StatusRule::NoPeriod),
    )]);
    f.observe(t, qty("10", "家", Comparator::Eq), Some("2023-05"));
    f.expect(&[(
        t,
        "2023-06-01",
        TargetStatus::Achieved,
        Some(StatusRule::Met),
    )]);
}

#[test]
fn the_latest_observation_is_chosen_by_period_and_filtered_by_day_unit_and_deadline() {
    let mut f = fixture();
    let t = f.jobs_target();
    // Inserted out of order: the June figure is the latest by period, not by id.
    let june = f.observe(t, qty("2100", "人", Comparator::Eq), Some("2023-06"));
    f.observe(t, qty("900", "人", Comparator::Eq), Some("2023-03"));
    // A figure in another unit never counts; one after the deadline says nothing about it.
    f.observe(t, qty("9", "千人", Comparator::Eq), Some("2023-09"));
    f.observe(t, qty("5000", "人", Comparator::Eq), Some("2024-02"));

    let p = f.ledger.target_status(t, day("2023-07-01")).unwrap();
    assert_eq!(p.observation.as_ref().map(|o| o.id), Some(june));
    // On 1 April, June had not begun: the March figure is the latest.
    let april = f.ledger.target_status(t, day("2023-04-01")).unwrap();
    assert_eq!(april.observation.unwrap().quantity.value, dec("900"));
    // In March 2024 the 2024 figure is past the deadline: still missed on the June figure.
    let later = f.ledger.target_status(t, day("2024-03-01")).unwrap();
    assert_eq!(later.observation.as_ref().map(|o| o.id), Some(june));
    assert_eq!(later.status(), TargetStatus::Missed);
}

#[test]
fn target_statuses_follow_the_figure_filter() {
    let mut f = fixture();
    let a = f.jobs_target();
    let b = f.target(
        f.town2,
        "劳动力转移新就业",
        Measure::Level,
        qty("3000", "人", Comparator::Eq),
        Some(2023),
        None,
    );
    f.target(
        f.town2,
        "新建项目",
        Measure::Level,
        qty("3", "个", Comparator::Eq),
        Some(2022),
        None,
    );
    f.observe(b, qty("3000", "人", Comparator::Eq), Some("2023-05"));
    let rows = f
        .ledger
        .target_statuses(
            &FigureFilter::new().metric("劳动力转移新就业").year(2023),
            day("2023-07-01"),
        )
        .unwrap();
    let got: Vec<(TargetId, TargetStatus)> =
        rows.iter().map(|r| (r.target.id, r.status())).collect();
    assert_eq!(
        got,
        [(a, TargetStatus::NoData), (b, TargetStatus::Achieved)]
    );
    assert_eq!(rows[1].evidence.len(), 1);
}

#[test]
fn scorecard_colours_regions_and_adds_up_subtrees() {
    let mut f = fixture();
    let jobs = f.jobs_target(); // town: will be missed
    f.observe(jobs, qty("1000", "人", Comparator::Eq), Some("2023-06"));
    let roads = f.target(
        f.town,
        "道路",
        Measure::Level,
        qty("10", "公里", Comparator::Eq),
        Some(2024),
        None,
    );
    f.observe(roads, qty("6", "公里", Comparator::Eq), Some("2024-01"));
    let villages = f.target(
        f.town2,
        "村庄回迁",
        Measure::Level,
        qty("3", "个", Comparator::Eq),
        Some(2024),
        None,
    );
    f.observe(villages, qty("1", "个", Comparator::Eq), Some("2024-01"));
    f.target(
        f.town2,
        "新村社区",
        Measure::Level,
        qty("2", "个", Comparator::Eq),
        Some(2024),
        None,
    );

    let card = f.ledger.scorecard(f.city, day("2024-02-01")).unwrap();
    let names: Vec<&str> = card.iter().map(|r| r.region.name.as_str()).collect();
    assert_eq!(names, ["青岛市", "泊里镇", "琅琊镇"]);
    let (city, town, town2) = (&card[0], &card[1], &card[2]);
    assert_eq!((town.depth, town.own.missed, town.own.on_track), (1, 1, 1));
    assert_eq!(town.own.light(), Light::Red);
    assert_eq!((town2.own.on_track, town2.own.no_data), (1, 1));
    assert_eq!(town2.own.light(), Light::Green);
    assert_eq!(city.own.total(), 0);
    assert_eq!(city.own.light(), Light::Grey);
    assert_eq!(city.subtree.total(), 4);
    assert_eq!(city.subtree.on_track, 2);
    assert_eq!(city.subtree.light(), Light::Red);
    assert_eq!(town2.region.id, f.town2);
}

// ---- the status history -------------------------------------------------------------------

fn file_fixture() -> (tempfile::TempDir, std::path::PathBuf, Fixture) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledges.db");
    let mut f = fixture();
    f.ledger = Ledger::open(&path).unwrap();
    let city = f
        .ledger
        .insert(&Region::new("青岛市", RegionKind::Prefecture))
        .unwrap();
    f.city = city;
    f.town = f
        .ledger
        .insert(&Region::new("泊里镇", RegionKind::Town).with_parent(city))
        .unwrap();
    f.source = f
        .ledger
        .insert(&Source::from_text(
            "进展报道",
            "今年以来转移就业2100人，完成全年任务过半。",
        ))
        .unwrap();
    (dir, path, f)
}

#[test]
fn history_appends_only_changes_with_their_evidence() {
    let mut f = fixture();
    let t = f.jobs_target();

    let first = f.ledger.record_target_statuses(day("2023-03-01")).unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(
        (first[0].status, first[0].previous),
        (TargetStatus::NoData, None)
    );
    assert_eq!(first[0].rule, StatusRule::NoObservation);
    assert!(first[0].evidence.is_empty());

    // Same day again, and a later day with nothing new: nothing appended.
    assert!(f
        .ledger
        .record_target_statuses(day("2023-03-01"))
        .unwrap()
        .is_empty());
    assert!(f
        .ledger
        .record_target_statuses(day("2023-05-01"))
        .unwrap()
        .is_empty());

    let obs = f.observe(t, qty("2100", "人", Comparator::Eq), Some("2023-06"));
    let evidence: Vec<EvidenceId> = f
        .ledger
        .evidence_for(FactRef::Observation(obs))
        .unwrap()
        .iter()
        .map(|c| c.evidence.id)
        .collect();
    let july = f.ledger.record_target_statuses(day("2023-07-01")).unwrap();
    assert_eq!(july.len(), 1);
    assert_eq!(july[0].status, TargetStatus::OnTrack);
    assert_eq!(july[0].previous, Some(TargetStatus::NoData));
    assert_eq!(july[0].observation, Some(obs));
    assert_eq!(july[0].observed, Some(dec("2100")));
    assert_eq!(july[0].evidence, evidence);

    // Still on track in August: no row. At risk in December: a row.
    assert!(f
        .ledger
        .record_target_statuses(day("2023-08-01"))
        .unwrap()
        .is_empty());
    let december = f.ledger.record_target_statuses(day("2023-12-01")).unwrap();
    assert_eq!(december[0].status, TargetStatus::AtRisk);

    let history = f.ledger.target_status_history(t).unwrap();
    let steps: Vec<(String, TargetStatus)> = history
        .iter()
        .map(|h| (h.as_of.to_string(), h.status))
        .collect();
    assert_eq!(
        steps,
        [
            ("2023-03-01".to_string(), TargetStatus::NoData),
            ("2023-07-01".to_string(), TargetStatus::OnTrack),
            ("2023-12-01".to_string(), TargetStatus::AtRisk),
        ]
    );
    assert_eq!(history[1], july[0]);
    assert_eq!(history[2].previous, Some(TargetStatus::OnTrack));

    // A day before the last recorded one is refused, and nothing is written.
    let back = f.ledger.record_target_statuses(day("2023-10-01"));
    assert!(
        matches!(back, Err(Error::InvalidInput { ref field, .. }) if field == "as_of"),
        "{back:?}"
    );
    assert_eq!(f.ledger.target_status_history(t).unwrap().len(), 3);

    // An unknown target is NotFound, not an empty history.
    assert!(matches!(
        f.ledger.target_status_history(TargetId::from_raw(9999)),
        Err(Error::NotFound {
            entity: EntityKind::Target,
            ..
        })
    ));
}

#[test]
fn the_history_refuses_update_and_delete_by_rule_name() {
    let (_dir, path, mut f) = file_fixture();
    let t = f.jobs_target();
    let obs = f.observe(t, qty("2100", "人", Comparator::Eq), Some("2023-06"));
    f.ledger.record_target_statuses(day("2023-07-01")).unwrap();

    let raw = rusqlite::Connection::open(&path).unwrap();
    let refused = |sql: &str| -> String {
        match raw.execute_batch(sql) {
            Err(rusqlite::Error::SqliteFailure(_, Some(msg))) => msg,
            other => panic!("{sql}: expected a refusal, got {other:?}"),
        }
    };
    assert_eq!(
        refused("UPDATE target_status SET status = 'achieved'"),
        "target_status_append_only"
    );
    assert_eq!(
        refused("UPDATE target_status SET as_of = '2023-01-01'"),
        "target_status_append_only"
    );
    assert_eq!(
        refused("DELETE FROM target_status"),
        "target_status_append_only"
    );
    assert_eq!(
        refused("UPDATE target_status_evidence SET evidence_id = evidence_id"),
        "target_status_append_only"
    );
    assert_eq!(
        refused("DELETE FROM target_status_evidence"),
        "target_status_append_only"
    );
    // An appended row must continue the history: previous = the last status, no repeat, no
    // going back in time.
    assert_eq!(
        refused(&format!(
            "INSERT INTO target_status (target_id, as_of, status, previous, rule) VALUES ({t}, '2023-08-01', 'missed', 'no_data', 'x')"
        )),
        "target_status_follows_last"
    );
    assert_eq!(
        refused(&format!(
            "INSERT INTO target_status (target_id, as_of, status, previous, rule) VALUES ({t}, '2023-08-01', 'on_track', 'on_track', 'x')"
        )),
        "CHECK constraint failed: target_status_changes"
    );
    assert_eq!(
        refused(&format!(
            "INSERT INTO target_status (target_id, as_of, status, previous, rule) VALUES ({t}, '2023-01-01', 'missed', 'on_track', 'x')"
        )),
        "target_status_chronological"
    );
    drop(raw);

    // Through the API: the target and the observation the history cites cannot be deleted.
    assert!(matches!(
        f.ledger.delete(t),
        Err(Error::Constraint { entity: EntityKind::Target, ref rule }) if rule == "foreign key"
    ));
    assert!(matches!(
        f.ledger.delete(obs),
        Err(Error::Constraint { entity: EntityKind::Observation, ref rule }) if rule == "foreign key"
    ));
    assert_eq!(f.ledger.target_status_history(t).unwrap().len(), 1);
}

#[test]
fn history_survives_reopening_the_file() {
    let (_dir, path, mut f) = file_fixture();
    let t = f.jobs_target();
    f.ledger.record_target_statuses(day("2023-02-01")).unwrap();
    drop(f);
    let mut ledger = Ledger::open(&path).unwrap();
    assert!(ledger
        .record_target_statuses(day("2023-02-02"))
        .unwrap()
        .is_empty());
    assert_eq!(ledger.target_status_history(t).unwrap().len(), 1);
}
