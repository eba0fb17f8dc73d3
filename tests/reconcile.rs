//! Cross-source reconciliation on facts made by hand: one fact with several pieces of evidence,
//! conflicting figures kept side by side and flagged, nothing overwritten.

use planledger::model::*;
use planledger::reconcile::{
    Attestation, Candidate, ConflictField, Detail, Figure, Outcome, Reconciled,
};
use planledger::{EntityKind, Error, Ledger};

struct Fixture {
    ledger: Ledger,
    town: RegionId,
    a: SourceId,
    b: SourceId,
    c: SourceId,
}

fn fixture() -> Fixture {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let town = ledger
        .insert(&Region::new("琅琊镇", RegionKind::Town))
        .unwrap();
    let mut source = |title: &str| {
        ledger
            .insert(&Source::from_text(
                title,
                format!("{title}：这是一篇足够长的报道正文，用来容纳证据所指的字符范围。"),
            ))
            .unwrap()
    };
    let (a, b, c) = (source("报道甲"), source("报道乙"), source("报道丙"));
    Fixture {
        ledger,
        town,
        a,
        b,
        c,
    }
}

fn at(source: SourceId, start: u32) -> Vec<Attestation> {
    vec![Attestation::rule(
        source,
        Span::new(start, start + 8).unwrap(),
        "project",
    )]
}

fn money(s: &str) -> Money {
    s.parse().unwrap()
}

impl Fixture {
    fn batch(&self, count: u32, investment: Option<&str>) -> Candidate {
        let mut p = Project::batch(count)
            .in_region(self.town)
            .in_year(2020)
            .with_status(ProjectStatus::Signed);
        p.investment = investment.map(money);
        Candidate::Project(p)
    }

    fn evidence_count(&self, fact: FactRef) -> usize {
        self.ledger.evidence_for(fact).unwrap().len()
    }

    /// Reconciles each step in order and checks its outcome; an `Attached` step must land on
    /// the fact of the step it names, and an `Inserted` one on a fact no earlier step had.
    fn run(&mut self, steps: Vec<Step>) -> Vec<Reconciled> {
        let mut done: Vec<Reconciled> = Vec::new();
        for (i, step) in steps.into_iter().enumerate() {
            let r = self.ledger.reconcile(&step.candidate, &step.from).unwrap();
            let why = step.why;
            assert_eq!(r.outcome, step.outcome, "step {i}: {why}");
            if let Some(j) = step.same_as {
                assert_eq!(r.fact, done[j].fact, "step {i}: {why}");
            }
            if r.outcome == Outcome::Inserted {
                assert!(done.iter().all(|d| d.fact != r.fact), "step {i}: {why}");
            }
            done.push(r);
        }
        done
    }
}

/// One reconciliation of a run: the candidate, where it was read, and what must happen.
struct Step {
    why: &'static str,
    candidate: Candidate,
    from: Vec<Attestation>,
    outcome: Outcome,
    /// For an attached step: the earlier step whose fact it joins.
    same_as: Option<usize>,
}

fn step(why: &'static str, candidate: Candidate, from: Vec<Attestation>, outcome: Outcome) -> Step {
    Step {
        why,
        candidate,
        from,
        outcome,
        same_as: None,
    }
}

fn joins(why: &'static str, candidate: Candidate, from: Vec<Attestation>, earlier: usize) -> Step {
    Step {
        same_as: Some(earlier),
        ..step(why, candidate, from, Outcome::Attached)
    }
}

#[test]
fn the_same_fact_twice_is_one_row_with_two_pieces_of_evidence() {
    let mut f = fixture();
    let batch = f.batch(8, Some("37.1亿元"));
    let first = f.ledger.reconcile(&batch, &at(f.a, 0)).unwrap();
    assert_eq!(first.outcome, Outcome::Inserted);
    assert_eq!(first.evidence.len(), 1);
    let second = f.ledger.reconcile(&batch, &at(f.b, 3)).unwrap();
    assert_eq!(second.outcome, Outcome::Attached);
    assert_eq!(second.fact, first.fact);
    assert_eq!(second.evidence.len(), 1);
    assert!(second.conflicts.is_empty() && second.filled.is_empty());

    assert_eq!(f.ledger.count::<Project>().unwrap(), 1);
    assert_eq!(f.evidence_count(first.fact), 2);
    assert!(f.ledger.conflicts().unwrap().is_empty());

    // The same span of the same source again (an article ingested twice): nothing added.
    let again = f.ledger.reconcile(&batch, &at(f.a, 0)).unwrap();
    assert_eq!(
        (again.outcome, again.evidence.len()),
        (Outcome::Attached, 0)
    );
    assert_eq!(f.evidence_count(first.fact), 2);
}

#[test]
fn a_conflicting_amount_keeps_both_rows_and_flags_them() {
    let mut f = fixture();
    let first = f
        .ledger
        .reconcile(&f.batch(8, Some("37.1亿元")), &at(f.a, 0))
        .unwrap();
    let second = f
        .ledger
        .reconcile(&f.batch(8, Some("31.7亿元")), &at(f.b, 0))
        .unwrap();
    assert_eq!(second.outcome, Outcome::Conflicting);
    assert_ne!(second.fact, first.fact);
    assert_eq!(second.conflicts.len(), 1);

    assert_eq!(f.ledger.count::<Project>().unwrap(), 2);
    let conflicts = f.ledger.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert_eq!(c.id, second.conflicts[0]);
    assert_eq!((c.fact, c.other), (first.fact, second.fact));
    assert_eq!(c.field, ConflictField::Investment);
    assert_eq!(c.value, Figure::Investment(money("37.1亿元")));
    assert_eq!(c.other_value, Figure::Investment(money("31.7亿元")));
    assert_eq!(c.evidence, second.evidence.first().copied());
    assert_eq!(c.rule, "project_investment_differs");
    // Neither figure was overwritten.
    let FactRef::Project(p1) = first.fact else {
        panic!()
    };
    let FactRef::Project(p2) = second.fact else {
        panic!()
    };
    assert_eq!(
        f.ledger.get(p1).unwrap().investment,
        Some(money("37.1亿元"))
    );
    assert_eq!(
        f.ledger.get(p2).unwrap().investment,
        Some(money("31.7亿元"))
    );
    assert_eq!(f.ledger.conflicts_for(first.fact).unwrap(), conflicts);
    assert_eq!(f.ledger.conflicts_for(second.fact).unwrap(), conflicts);

    // A third source agreeing with the second attaches to it; no new conflict.
    let third = f
        .ledger
        .reconcile(&f.batch(8, Some("31.7亿元")), &at(f.c, 0))
        .unwrap();
    assert_eq!(
        (third.outcome, third.fact),
        (Outcome::Attached, second.fact)
    );
    assert_eq!(f.ledger.conflicts().unwrap().len(), 1);
    assert_eq!(f.evidence_count(second.fact), 2);

    // A fourth figure disagrees with both: flagged against each.
    let fourth = f
        .ledger
        .reconcile(&f.batch(8, Some("40亿元")), &at(f.c, 10))
        .unwrap();
    assert_eq!(fourth.conflicts.len(), 2);
    assert_eq!(f.ledger.count::<Project>().unwrap(), 3);

    // Deleting a fact takes its conflicts with it, not the other facts.
    f.ledger.delete(p2).unwrap();
    let left = f.ledger.conflicts().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!((left[0].fact, left[0].other), (first.fact, fourth.fact));
}

#[test]
fn batch_counts_conflict_and_missing_figures_are_filled_not_overwritten() {
    let mut f = fixture();
    let first = f.ledger.reconcile(&f.batch(8, None), &at(f.a, 0)).unwrap();
    // The second source adds the investment the first did not state.
    let second = f
        .ledger
        .reconcile(&f.batch(8, Some("37.1亿元")), &at(f.b, 0))
        .unwrap();
    assert_eq!(second.outcome, Outcome::Attached);
    assert_eq!(second.filled, [Detail::Investment]);
    let FactRef::Project(id) = first.fact else {
        panic!()
    };
    assert_eq!(
        f.ledger.get(id).unwrap().investment,
        Some(money("37.1亿元"))
    );
    // A source that states no investment agrees with it.
    let third = f.ledger.reconcile(&f.batch(8, None), &at(f.c, 0)).unwrap();
    assert_eq!((third.outcome, third.fact), (Outcome::Attached, first.fact));
    assert_eq!(
        f.ledger.get(id).unwrap().investment,
        Some(money("37.1亿元"))
    );

    // Nine projects for the same signed batch: a count conflict.
    let nine = f.ledger.reconcile(&f.batch(9, None), &at(f.c, 10)).unwrap();
    assert_eq!(nine.outcome, Outcome::Conflicting);
    let c = &f.ledger.conflicts_for(nine.fact).unwrap()[0];
    assert_eq!(
        (c.field, c.value, c.other_value),
        (ConflictField::Count, Figure::Count(8), Figure::Count(9))
    );
    assert_eq!(c.rule, "project_count_differs");
}

#[test]
fn keys_separate_different_statements() {
    let mut f = fixture();
    let project = |count, year, status, investment: Option<&str>, sector: Option<&str>| {
        let mut p = Project::batch(count)
            .in_region(f.town)
            .in_year(year)
            .with_status(status);
        p.investment = investment.map(money);
        p.sector = sector.map(str::to_string);
        Candidate::Project(p)
    };
    use ProjectStatus::{Signed, Started};
    let done = f.run(vec![
        step(
            "the first statement",
            f.batch(8, Some("37.1亿元")),
            at(f.a, 0),
            Outcome::Inserted,
        ),
        step(
            "started, not signed: another statement",
            project(5, 2020, Started, Some("30.64亿元"), None),
            at(f.a, 9),
            Outcome::Inserted,
        ),
        step(
            "another year: another statement",
            project(8, 2021, Signed, Some("50亿元"), None),
            at(f.b, 0),
            Outcome::Inserted,
        ),
        step(
            "another sector of unnamed batch: another statement",
            project(8, 2020, Signed, None, Some("工业")),
            at(f.b, 9),
            Outcome::Inserted,
        ),
    ]);
    assert_ne!(done[0].fact, done[3].fact);
    assert!(f.ledger.conflicts().unwrap().is_empty());
}

#[test]
fn named_projects_match_on_their_normalized_name() {
    let mut f = fixture();
    let named = |name: &str, yi: &str| {
        Candidate::Project(
            Project::named(name)
                .in_region(f.town)
                .in_year(2020)
                .with_investment(money(yi)),
        )
    };
    f.run(vec![
        step(
            "a named project",
            named("“黄海冷水团”绿色养殖项目", "10亿元"),
            at(f.a, 0),
            Outcome::Inserted,
        ),
        joins(
            "the same name without quotes, spaced",
            named("黄海冷水团 绿色养殖项目", "10亿元"),
            at(f.b, 0),
            0,
        ),
        step(
            "the same name, another investment",
            named("黄海冷水团绿色养殖项目", "12亿元"),
            at(f.c, 0),
            Outcome::Conflicting,
        ),
        step(
            "another name",
            named("琅琊台景区提升项目", "12亿元"),
            at(f.c, 10),
            Outcome::Inserted,
        ),
    ]);
}

fn target(metric: &str, value: i32, unit: &str, cmp: Comparator) -> Target {
    Target::new(
        metric,
        Measure::Level,
        Quantity::new(Decimal::from_int(value), Unit::parse(unit), cmp),
    )
    .in_year(2020)
}

#[test]
fn targets_match_on_metric_measure_and_unit() {
    let mut f = fixture();
    let town = f.town;
    let t = |value, unit, cmp| {
        Candidate::Target(target("提供就业岗位", value, unit, cmp).in_region(town))
    };
    let done = f.run(vec![
        step(
            "a target",
            t(1000, "个", Comparator::Over),
            at(f.a, 0),
            Outcome::Inserted,
        ),
        joins(
            "1000个 and 超1000个: the same value, the same target",
            t(1000, "个", Comparator::Eq),
            at(f.b, 0),
            0,
        ),
        step(
            "another unit: another target, no conflict",
            t(1000, "人", Comparator::Eq),
            at(f.b, 9),
            Outcome::Inserted,
        ),
        step(
            "another value in the same unit: conflict",
            t(1200, "个", Comparator::Over),
            at(f.c, 0),
            Outcome::Conflicting,
        ),
    ]);
    let first = &done[0];
    let c = &f.ledger.conflicts().unwrap()[0];
    assert_eq!(c.rule, "target_value_differs");
    assert_eq!(
        (c.value, c.other_value),
        (
            Figure::Value(Decimal::from_int(1000)),
            Figure::Value(Decimal::from_int(1200))
        )
    );
    assert_eq!(f.ledger.count::<Target>().unwrap(), 3);
    assert_eq!(f.evidence_count(first.fact), 2);

    // A detail the first report lacked is added, not overwritten.
    let campaign = f
        .ledger
        .insert(&Campaign::new("乡村振兴攻坚战", CampaignKind::Battle))
        .unwrap();
    let mut with_campaign = target("提供就业岗位", 1000, "个", Comparator::Over).in_region(town);
    with_campaign.campaign = Some(campaign);
    let filled = f
        .ledger
        .reconcile(&Candidate::Target(with_campaign), &at(f.c, 10))
        .unwrap();
    assert_eq!(
        (filled.fact, filled.filled.as_slice()),
        (first.fact, &[Detail::Campaign][..])
    );
    let FactRef::Target(id) = first.fact else {
        panic!()
    };
    assert_eq!(f.ledger.get(id).unwrap().campaign, Some(campaign));
}

#[test]
fn observations_reconcile_and_conflict_too() {
    let mut f = fixture();
    let obs = |v: i32| {
        let mut o = Observation::new(
            "驻区高校",
            Measure::Level,
            Quantity::new(Decimal::from_int(v), Unit::parse("所"), Comparator::Eq),
        );
        o.region = Some(f.town);
        o.period = Some("2020".parse().unwrap());
        Candidate::Observation(o)
    };
    f.run(vec![
        step("an observation", obs(18), at(f.a, 0), Outcome::Inserted),
        joins("the same figure again", obs(18), at(f.b, 0), 0),
        step("another figure", obs(19), at(f.c, 0), Outcome::Conflicting),
    ]);
    assert_eq!(
        f.ledger.conflicts().unwrap()[0].rule,
        "observation_value_differs"
    );
    assert_eq!(f.ledger.count::<Observation>().unwrap(), 2);
}

#[test]
fn refusals_leave_nothing_behind() {
    let mut f = fixture();
    let batch = f.batch(8, Some("37.1亿元"));
    assert!(matches!(
        f.ledger.reconcile(&batch, &[]),
        Err(Error::InvalidInput { ref field, .. }) if field == "evidence"
    ));
    // A span past the source's end: the schema refuses the evidence, and the fact inserted
    // before it in the same transaction is rolled back.
    let past_end = [Attestation::manual(f.a, Span::new(0, 500).unwrap())];
    assert!(matches!(
        f.ledger.reconcile(&batch, &past_end),
        Err(Error::Constraint { entity: EntityKind::Evidence, ref rule }) if rule == "evidence_span_within_source"
    ));
    assert_eq!(f.ledger.count::<Project>().unwrap(), 0);
    assert_eq!(f.ledger.count::<Evidence>().unwrap(), 0);

    // Inside a larger write, a failure later on undoes the reconciliation too.
    let result: Result<(), Error> = f.ledger.write(|tx| {
        tx.reconcile(&batch, &at(f.a, 0))?;
        tx.insert(&Project::batch(0))?;
        Ok(())
    });
    assert!(result.is_err());
    assert_eq!(f.ledger.count::<Project>().unwrap(), 0);
}

#[test]
fn the_schema_guards_conflict_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let mut ledger = Ledger::open(&path).unwrap();
    let p = ledger.insert(&Project::batch(3)).unwrap();
    drop(ledger);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let refused = |sql: &str| match raw.execute_batch(sql) {
        Err(rusqlite::Error::SqliteFailure(_, Some(msg))) => msg,
        other => panic!("{sql}: expected a refusal, got {other:?}"),
    };
    assert_eq!(
        refused(&format!("INSERT INTO fact_conflict (project_id, other_project_id, field, value, other_value, rule) VALUES ({p}, {p}, 'count', 3, 4, 'x')")),
        "CHECK constraint failed: fact_conflict_two_facts"
    );
    assert_eq!(
        refused(&format!("INSERT INTO fact_conflict (project_id, other_target_id, field, value, other_value, rule) VALUES ({p}, 1, 'count', 3, 4, 'x')")),
        "CHECK constraint failed: fact_conflict_one_pair"
    );
}
