//! Cross-source reconciliation: one fact, several pieces of evidence; disagreements kept and
//! flagged.
//!
//! Several articles report the same project or target. [`Tx::reconcile`] takes a candidate
//! fact and the evidence an ingest step read it from, and either attaches the evidence to an
//! existing fact that states the same thing, or inserts the candidate as a new fact. When an
//! existing fact matches the candidate but states another figure (two investments for one
//! project), both are kept: the candidate is inserted beside it and a [`Conflict`] row
//! records the pair, the two figures and the evidence behind the new one. Nothing is ever
//! overwritten.
//!
//! # Matching
//!
//! Two facts are the same statement when they are of one kind and agree on the kind's key:
//!
//! | kind | key |
//! |---|---|
//! | project | region, year, status and batch (`parent`); a named project also its [normalized](normalize_name) name; an unnamed batch also "no name" and its normalized sector |
//! | target | region, year, deadline, [normalized](normalize_name) metric, measure, unit |
//! | observation | region, period, [normalized](normalize_name) metric, measure, unit, and the linked target when both name one |
//!
//! Missing values match missing values only (a target with no year does not match one for
//! 2020). Among the matches, the candidate is the same fact as the first (lowest id) whose
//! figures agree with it, and is attached there.
//!
//! # Figures
//!
//! The figures compared are a project's `investment` and `count` and a target's or an
//! observation's `value`. They agree when equal or when either side does not state one.
//! Values are compared exactly; comparators are not (超2亿 and 2亿 agree; 超2亿 and 2.1亿 do
//! not, and are left for a person to judge). When the candidate is attached to a fact that
//! lacks a figure or detail the candidate states (an investment, a sector, a deadline, a
//! campaign, an owner, an observation's target), the fact gains it: that adds, it does not
//! overwrite, and [`Reconciled::filled`] names what was added.
//!
//! Evidence identical to a row the fact already has (same source, same span) is not added
//! twice, so ingesting one article twice changes nothing.
//!
//! ```
//! use planledger::model::*;
//! use planledger::reconcile::{Attestation, Candidate, Outcome};
//!
//! let mut ledger = planledger::Ledger::open_in_memory()?;
//! let town = ledger.insert(&Region::new("琅琊镇", RegionKind::Town))?;
//! let a = ledger.insert(&Source::from_text("报道甲", "琅琊镇签约项目8个、总投资37.1亿元。"))?;
//! let b = ledger.insert(&Source::from_text("报道乙", "该镇今年签约8个项目，总投资37.1亿元。"))?;
//! let batch = Candidate::Project(
//!     Project::batch(8)
//!         .in_region(town)
//!         .in_year(2020)
//!         .with_status(ProjectStatus::Signed)
//!         .with_investment("37.1亿元".parse()?),
//! );
//! let first = ledger.reconcile(&batch, &[Attestation::rule(a, Span::new(3, 17)?, "project")])?;
//! let second = ledger.reconcile(&batch, &[Attestation::rule(b, Span::new(4, 18)?, "project")])?;
//! assert_eq!(first.outcome, Outcome::Inserted);
//! assert_eq!(second.outcome, Outcome::Attached);
//! assert_eq!(second.fact, first.fact);
//! assert_eq!(ledger.count::<Project>()?, 1);
//! assert_eq!(ledger.evidence_for(first.fact)?.len(), 2);
//! # Ok::<(), planledger::Error>(())
//! ```

use crate::error::{EntityKind, Error, Result};
use crate::model::{
    string_enum, ConflictId, Decimal, Evidence, EvidenceId, FactRef, Method, Money, Observation,
    ObservationId, Project, ProjectId, SourceId, Span, Stored, Target, TargetId,
};
use crate::store::sql::{date_text, map_err, storage};
use crate::store::EntityId;
use crate::store::{
    observation_columns, observation_from_row, project_columns, project_from_row, target_columns,
    target_from_row,
};
use crate::{Ledger, Tx};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

/// A fact as an ingest step produced it, not yet in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Candidate {
    /// A project or a batch.
    Project(Project),
    /// A target.
    Target(Target),
    /// An observation.
    Observation(Observation),
}

/// Where a candidate was read: the [`Evidence`] to record, less the fact it will point at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Attestation {
    /// The source.
    pub source: SourceId,
    /// The words the fact was read from.
    pub span: Span,
    /// How it was found.
    pub method: Method,
}

impl Attestation {
    /// Found by an extractor rule.
    pub fn rule(source: SourceId, span: Span, rule: impl Into<String>) -> Self {
        Attestation {
            source,
            span,
            method: Method::Rule(rule.into()),
        }
    }

    /// Curated by a person.
    pub fn manual(source: SourceId, span: Span) -> Self {
        Attestation {
            source,
            span,
            method: Method::Manual,
        }
    }
}

string_enum! {
    /// What [`Tx::reconcile`] did with a candidate.
    pub enum Outcome {
        /// No fact matched: the candidate was inserted.
        Inserted => "inserted",
        /// A matching fact with agreeing figures exists: the evidence was attached to it.
        Attached => "attached",
        /// Matching facts exist but all state other figures: the candidate was inserted beside
        /// them and each disagreement recorded as a [`Conflict`].
        Conflicting => "conflicting",
    }
}

string_enum! {
    /// A detail an attached-to fact lacked and gained from a candidate.
    pub enum Detail {
        /// A project's investment (with its comparator).
        Investment => "investment",
        /// A project's sector.
        Sector => "sector",
        /// A project's deadline.
        Deadline => "deadline",
        /// The campaign.
        Campaign => "campaign",
        /// A target's owner.
        Owner => "owner",
        /// An observation's target.
        Target => "target",
    }
}

string_enum! {
    /// The figure two facts disagree on.
    pub enum ConflictField {
        /// A project's investment.
        Investment => "investment",
        /// A project's count.
        Count => "count",
        /// A target's or an observation's value.
        Value => "value",
    }
}

/// A figure as a conflict records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// An investment.
    Investment(Money),
    /// A number of projects.
    Count(u32),
    /// A value in the fact's unit.
    Value(Decimal),
}

impl Figure {
    fn raw(self) -> i64 {
        match self {
            Figure::Investment(m) => m.yuan(),
            Figure::Count(c) => i64::from(c),
            Figure::Value(v) => v.scaled(),
        }
    }

    fn field(self) -> ConflictField {
        match self {
            Figure::Investment(_) => ConflictField::Investment,
            Figure::Count(_) => ConflictField::Count,
            Figure::Value(_) => ConflictField::Value,
        }
    }

    fn from_raw(field: ConflictField, raw: i64) -> Result<Figure> {
        Ok(match field {
            ConflictField::Investment => Figure::Investment(Money::from_yuan(raw)?),
            ConflictField::Count => Figure::Count(
                u32::try_from(raw)
                    .map_err(|_| Error::invalid("count", format!("{raw} is out of range")))?,
            ),
            ConflictField::Value => Figure::Value(Decimal::from_scaled(raw)),
        })
    }
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Figure::Investment(m) => m.fmt(f),
            Figure::Count(c) => c.fmt(f),
            Figure::Value(v) => v.fmt(f),
        }
    }
}

/// Two facts that match as one statement but state different figures. Both are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The row's id.
    pub id: ConflictId,
    /// The fact that was there first.
    pub fact: FactRef,
    /// The fact inserted beside it.
    pub other: FactRef,
    /// The figure they disagree on.
    pub field: ConflictField,
    /// `fact`'s figure when the conflict was found.
    pub value: Figure,
    /// `other`'s figure.
    pub other_value: Figure,
    /// The evidence that brought `other`'s figure.
    pub evidence: Option<EvidenceId>,
    /// The rule that flagged it: `project_investment_differs`, `project_count_differs`,
    /// `target_value_differs` or `observation_value_differs`.
    pub rule: String,
}

/// What [`Tx::reconcile`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconciled {
    /// The fact the evidence now supports (the existing one when attached, else the new one).
    pub fact: FactRef,
    /// Inserted, attached or conflicting.
    pub outcome: Outcome,
    /// Evidence rows added (evidence the fact already had is not added again).
    pub evidence: Vec<EvidenceId>,
    /// Conflicts recorded.
    pub conflicts: Vec<ConflictId>,
    /// Details an attached-to fact lacked and gained from the candidate.
    pub filled: Vec<Detail>,
}

/// The form names are compared in: whitespace (ideographic space included) and quotation
/// marks and title brackets dropped, full-width ASCII folded to ASCII, ASCII lowercased.
///
/// ```
/// use planledger::reconcile::normalize_name;
/// assert_eq!(normalize_name("“黄海冷水团” 项目"), normalize_name("黄海冷水团项目"));
/// assert_eq!(normalize_name("ＡＢＣ　产业园"), "abc产业园");
/// ```
pub fn normalize_name(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '"' | '\''
                        | '“'
                        | '”'
                        | '‘'
                        | '’'
                        | '《'
                        | '》'
                        | '〈'
                        | '〉'
                        | '「'
                        | '」'
                        | '『'
                        | '』'
                        | '【'
                        | '】'
                        | '＂'
                        | '＇'
                )
        })
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn same_name(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => normalize_name(a) == normalize_name(b),
        (None, None) => true,
        _ => false,
    }
}

/// The figures of `existing` and `candidate` that differ (both stated, not equal), as
/// (existing, candidate) pairs with the rule naming the disagreement.
type Differences = Vec<(Figure, Figure, &'static str)>;

/// A matching fact and how its figures differ from the candidate's.
type Match = (FactRef, Differences);

/// The matching fact the candidate agrees with, and the details it gained.
type Agreeing = (FactRef, Vec<Detail>);

fn project_differences(existing: &Project, candidate: &Project) -> Differences {
    let mut out = Vec::new();
    if let (Some(a), Some(b)) = (existing.investment, candidate.investment) {
        if a != b {
            out.push((
                Figure::Investment(a),
                Figure::Investment(b),
                "project_investment_differs",
            ));
        }
    }
    if existing.count != candidate.count {
        out.push((
            Figure::Count(existing.count),
            Figure::Count(candidate.count),
            "project_count_differs",
        ));
    }
    out
}

fn value_difference(a: Decimal, b: Decimal, rule: &'static str) -> Differences {
    if a == b {
        Vec::new()
    } else {
        vec![(Figure::Value(a), Figure::Value(b), rule)]
    }
}

/// Copies into `into` each detail it lacks and `from` states; returns their names.
fn fill_project(into: &mut Project, from: &Project) -> Vec<Detail> {
    let mut filled = Vec::new();
    if into.investment.is_none() && from.investment.is_some() {
        into.investment = from.investment;
        into.investment_comparator = from.investment_comparator;
        filled.push(Detail::Investment);
    }
    if into.sector.is_none() && from.sector.is_some() {
        into.sector.clone_from(&from.sector);
        filled.push(Detail::Sector);
    }
    if into.deadline.is_none() && from.deadline.is_some() {
        into.deadline = from.deadline;
        filled.push(Detail::Deadline);
    }
    if into.campaign.is_none() && from.campaign.is_some() {
        into.campaign = from.campaign;
        filled.push(Detail::Campaign);
    }
    filled
}

fn fill_target(into: &mut Target, from: &Target) -> Vec<Detail> {
    let mut filled = Vec::new();
    if into.campaign.is_none() && from.campaign.is_some() {
        into.campaign = from.campaign;
        filled.push(Detail::Campaign);
    }
    if into.owner.is_none() && from.owner.is_some() {
        into.owner = from.owner;
        filled.push(Detail::Owner);
    }
    filled
}

fn fill_observation(into: &mut Observation, from: &Observation) -> Vec<Detail> {
    let mut filled = Vec::new();
    if into.target.is_none() && from.target.is_some() {
        into.target = from.target;
        filled.push(Detail::Target);
    }
    if into.campaign.is_none() && from.campaign.is_some() {
        into.campaign = from.campaign;
        filled.push(Detail::Campaign);
    }
    filled
}

fn matching_projects(conn: &Connection, p: &Project) -> Result<Vec<Stored<ProjectId, Project>>> {
    const SQL: &str = concat!(
        "SELECT id, ",
        project_columns!(),
        " FROM project WHERE region_id IS ?1 AND year IS ?2 AND status IS ?3 AND parent_id IS ?4 ORDER BY id"
    );
    let rows: Vec<Stored<ProjectId, Project>> = conn
        .prepare_cached(SQL)
        .and_then(|mut s| {
            s.query_map(
                params![p.region, p.year, p.status.map(|s| s.as_str()), p.parent],
                |r| {
                    Ok(Stored {
                        id: r.get(0)?,
                        value: project_from_row(r, 1)?,
                    })
                },
            )?
            .collect()
        })
        .map_err(storage(SQL))?;
    Ok(rows
        .into_iter()
        .filter(|e| {
            same_name(&e.name, &p.name) && (p.name.is_some() || same_name(&e.sector, &p.sector))
        })
        .collect())
}

fn matching_targets(conn: &Connection, t: &Target) -> Result<Vec<Stored<TargetId, Target>>> {
    const SQL: &str = concat!(
        "SELECT id, ",
        target_columns!(),
        " FROM target WHERE region_id IS ?1 AND year IS ?2 AND deadline IS ?3 AND measure = ?4 AND unit = ?5 ORDER BY id"
    );
    let rows: Vec<Stored<TargetId, Target>> = conn
        .prepare_cached(SQL)
        .and_then(|mut s| {
            s.query_map(
                params![
                    t.region,
                    t.year,
                    date_text(t.deadline),
                    t.measure.as_str(),
                    t.quantity.unit.as_str()
                ],
                |r| {
                    Ok(Stored {
                        id: r.get(0)?,
                        value: target_from_row(r, 1)?,
                    })
                },
            )?
            .collect()
        })
        .map_err(storage(SQL))?;
    let metric = normalize_name(&t.metric);
    Ok(rows
        .into_iter()
        .filter(|e| normalize_name(&e.metric) == metric)
        .collect())
}

fn matching_observations(
    conn: &Connection,
    o: &Observation,
) -> Result<Vec<Stored<ObservationId, Observation>>> {
    const SQL: &str = concat!(
        "SELECT id, ",
        observation_columns!(),
        " FROM observation WHERE region_id IS ?1 AND period IS ?2 AND measure = ?3 AND unit = ?4 ORDER BY id"
    );
    let rows: Vec<Stored<ObservationId, Observation>> = conn
        .prepare_cached(SQL)
        .and_then(|mut s| {
            s.query_map(
                params![
                    o.region,
                    date_text(o.period),
                    o.measure.as_str(),
                    o.quantity.unit.as_str()
                ],
                |r| {
                    Ok(Stored {
                        id: r.get(0)?,
                        value: observation_from_row(r, 1)?,
                    })
                },
            )?
            .collect()
        })
        .map_err(storage(SQL))?;
    let metric = normalize_name(&o.metric);
    Ok(rows
        .into_iter()
        .filter(|e| {
            normalize_name(&e.metric) == metric
                && match (e.target, o.target) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                }
        })
        .collect())
}

/// The column naming a fact in `evidence`, and its id.
fn fact_column(fact: FactRef) -> (&'static str, i64) {
    match fact {
        FactRef::Project(id) => ("project_id", id.get()),
        FactRef::Target(id) => ("target_id", id.get()),
        FactRef::Observation(id) => ("observation_id", id.get()),
        FactRef::Campaign(id) => ("campaign_id", id.get()),
        FactRef::Holding(id) => ("holding_id", id.get()),
    }
}

fn entity_of(fact: FactRef) -> EntityKind {
    match fact {
        FactRef::Project(_) => EntityKind::Project,
        FactRef::Target(_) => EntityKind::Target,
        FactRef::Observation(_) => EntityKind::Observation,
        FactRef::Campaign(_) => EntityKind::Campaign,
        FactRef::Holding(_) => EntityKind::Holding,
    }
}

impl Tx<'_> {
    /// Attaches `evidence` to the existing fact that states the same as `candidate`, or
    /// inserts `candidate` (flagging disagreements with facts that match but state other
    /// figures). Rules in the [module docs](crate::reconcile). At least one piece of evidence
    /// is required.
    ///
    /// ```
    /// use planledger::model::*;
    /// use planledger::reconcile::{Attestation, Candidate, Outcome};
    ///
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// let src = ledger.insert(&Source::from_text("报道", "新增市场主体1.5万家，新增市场主体1.6万家"))?;
    /// let target = |v: i32| Candidate::Target(
    ///     Target::new("新增市场主体", Measure::Level,
    ///         Quantity::new(Decimal::from_int(v), Unit::parse("家"), Comparator::Eq)).in_year(2020));
    /// let outcome = ledger.write(|tx| {
    ///     tx.reconcile(&target(15000), &[Attestation::manual(src, Span::new(0, 11)?)])?;
    ///     tx.reconcile(&target(16000), &[Attestation::manual(src, Span::new(12, 23)?)])
    /// })?;
    /// assert_eq!(outcome.outcome, Outcome::Conflicting);
    /// assert_eq!(ledger.count::<Target>()?, 2); // both figures kept
    /// assert_eq!(ledger.conflicts()?[0].rule, "target_value_differs");
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn reconcile(
        &mut self,
        candidate: &Candidate,
        evidence: &[Attestation],
    ) -> Result<Reconciled> {
        if evidence.is_empty() {
            return Err(Error::invalid(
                "evidence",
                "a reconciled fact needs at least one piece of evidence",
            ));
        }
        // Every match with its differences from the candidate (lowest id first), and the
        // first match that agrees, which gains what it lacked.
        let (matches, agreeing) = match candidate {
            Candidate::Project(p) => {
                let found = matching_projects(self.conn(), p)?;
                self.settle(
                    found,
                    |e| project_differences(e, p),
                    |e| fill_project(e, p),
                    FactRef::Project,
                )?
            }
            Candidate::Target(t) => {
                let found = matching_targets(self.conn(), t)?;
                self.settle(
                    found,
                    |e| {
                        value_difference(e.quantity.value, t.quantity.value, "target_value_differs")
                    },
                    |e| fill_target(e, t),
                    FactRef::Target,
                )?
            }
            Candidate::Observation(o) => {
                let found = matching_observations(self.conn(), o)?;
                self.settle(
                    found,
                    |e| {
                        value_difference(
                            e.quantity.value,
                            o.quantity.value,
                            "observation_value_differs",
                        )
                    },
                    |e| fill_observation(e, o),
                    FactRef::Observation,
                )?
            }
        };

        if let Some((fact, filled)) = agreeing {
            let added = self.attach(fact, evidence)?;
            return Ok(Reconciled {
                fact,
                outcome: Outcome::Attached,
                evidence: added,
                conflicts: Vec::new(),
                filled,
            });
        }

        let fact = match candidate {
            Candidate::Project(p) => FactRef::Project(self.insert(p)?),
            Candidate::Target(t) => FactRef::Target(self.insert(t)?),
            Candidate::Observation(o) => FactRef::Observation(self.insert(o)?),
        };
        let added = self.attach(fact, evidence)?;
        let mut conflicts = Vec::new();
        for (existing, differences) in &matches {
            for (value, other_value, rule) in differences {
                conflicts.push(self.record_conflict(
                    *existing,
                    fact,
                    *value,
                    *other_value,
                    added.first().copied(),
                    rule,
                )?);
            }
        }
        Ok(Reconciled {
            fact,
            outcome: if matches.is_empty() {
                Outcome::Inserted
            } else {
                Outcome::Conflicting
            },
            evidence: added,
            conflicts,
            filled: Vec::new(),
        })
    }

    /// Splits the matches of a candidate: each with its differences, and the first that
    /// agrees (no differences), updated with the details it lacked.
    fn settle<I>(
        &mut self,
        found: Vec<Stored<I, I::Entity>>,
        differences: impl Fn(&I::Entity) -> Differences,
        fill: impl Fn(&mut I::Entity) -> Vec<Detail>,
        fact: fn(I) -> FactRef,
    ) -> Result<(Vec<Match>, Option<Agreeing>)>
    where
        I: EntityId,
        I::Entity: Clone,
    {
        let matches: Vec<Match> = found
            .iter()
            .map(|e| (fact(e.id), differences(&e.value)))
            .collect();
        let agreeing = match found.into_iter().find(|e| differences(&e.value).is_empty()) {
            Some(Stored { id, mut value }) => {
                let filled = fill(&mut value);
                if !filled.is_empty() {
                    self.update(id, &value)?;
                }
                Some((fact(id), filled))
            }
            None => None,
        };
        Ok((matches, agreeing))
    }

    /// Inserts each attestation as evidence for `fact`, skipping ones it already has.
    fn attach(&mut self, fact: FactRef, evidence: &[Attestation]) -> Result<Vec<EvidenceId>> {
        let (column, id) = fact_column(fact);
        let sql = format!(
            "SELECT 1 FROM evidence WHERE {column} = ?1 AND source_id = ?2 AND span_start = ?3 AND span_end = ?4"
        );
        let mut added = Vec::new();
        for a in evidence {
            let exists = self
                .conn()
                .prepare_cached(&sql)
                .and_then(|mut s| s.exists(params![id, a.source, a.span.start(), a.span.end()]))
                .map_err(storage(&sql))?;
            if exists {
                continue;
            }
            added.push(self.insert(&Evidence {
                fact,
                source: a.source,
                span: a.span,
                method: a.method.clone(),
            })?);
        }
        Ok(added)
    }

    fn record_conflict(
        &mut self,
        fact: FactRef,
        other: FactRef,
        value: Figure,
        other_value: Figure,
        evidence: Option<EvidenceId>,
        rule: &str,
    ) -> Result<ConflictId> {
        let mut ids: [Option<i64>; 6] = [None; 6];
        let slot = match (fact, other) {
            (FactRef::Project(_), FactRef::Project(_)) => 0,
            (FactRef::Target(_), FactRef::Target(_)) => 2,
            (FactRef::Observation(_), FactRef::Observation(_)) => 4,
            _ => {
                return Err(Error::invalid(
                    "conflict",
                    "a conflict pairs two facts of one kind (project, target or observation)",
                ))
            }
        };
        ids[slot] = Some(fact_column(fact).1);
        ids[slot + 1] = Some(fact_column(other).1);
        const SQL: &str = "INSERT INTO fact_conflict (project_id, other_project_id, target_id, \
             other_target_id, observation_id, other_observation_id, field, value, other_value, \
             evidence_id, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
        self.conn()
            .prepare_cached(SQL)
            .and_then(|mut s| {
                s.execute(params![
                    ids[0],
                    ids[1],
                    ids[2],
                    ids[3],
                    ids[4],
                    ids[5],
                    value.field().as_str(),
                    value.raw(),
                    other_value.raw(),
                    evidence,
                    rule,
                ])
            })
            .map_err(|e| map_err(entity_of(fact), SQL, e))?;
        Ok(ConflictId::from_raw(self.conn().last_insert_rowid()))
    }
}

const CONFLICT_SQL: &str = "SELECT id, project_id, other_project_id, target_id, other_target_id, \
     observation_id, other_observation_id, field, value, other_value, evidence_id, rule \
     FROM fact_conflict";

fn conflict_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Conflict> {
    let ids: [Option<i64>; 6] = [
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ];
    let bad = |e: Error| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Null, Box::new(e))
    };
    let (fact, other) = match ids {
        [Some(a), Some(b), None, None, None, None] => (
            FactRef::Project(ProjectId::from_raw(a)),
            FactRef::Project(ProjectId::from_raw(b)),
        ),
        [None, None, Some(a), Some(b), None, None] => (
            FactRef::Target(TargetId::from_raw(a)),
            FactRef::Target(TargetId::from_raw(b)),
        ),
        [None, None, None, None, Some(a), Some(b)] => (
            FactRef::Observation(ObservationId::from_raw(a)),
            FactRef::Observation(ObservationId::from_raw(b)),
        ),
        _ => {
            return Err(bad(Error::invalid(
                "fact_conflict",
                "names no pair of facts",
            )))
        }
    };
    let field: ConflictField = crate::store::sql::parse_col(r, 7)?;
    let figure = |at: usize| -> rusqlite::Result<Figure> {
        Figure::from_raw(field, r.get(at)?).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                at,
                rusqlite::types::Type::Integer,
                Box::new(e),
            )
        })
    };
    Ok(Conflict {
        id: ConflictId::from_raw(r.get(0)?),
        fact,
        other,
        field,
        value: figure(8)?,
        other_value: figure(9)?,
        evidence: r.get(10)?,
        rule: r.get(11)?,
    })
}

impl Ledger {
    /// [`Tx::reconcile`] in its own transaction.
    ///
    /// See the [module example](crate::reconcile).
    pub fn reconcile(
        &mut self,
        candidate: &Candidate,
        evidence: &[Attestation],
    ) -> Result<Reconciled> {
        self.write(|tx| tx.reconcile(candidate, evidence))
    }

    /// Every flagged disagreement between two facts, oldest first.
    ///
    /// ```
    /// use planledger::model::*;
    /// use planledger::reconcile::{Attestation, Candidate, ConflictField, Figure};
    ///
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// let a = ledger.insert(&Source::from_text("甲", "黄海冷水团项目总投资10亿元"))?;
    /// let b = ledger.insert(&Source::from_text("乙", "黄海冷水团项目总投资12亿元"))?;
    /// let project = |yi: &str| -> Result<Candidate, planledger::Error> {
    ///     Ok(Candidate::Project(Project::named("黄海冷水团项目").in_year(2020).with_investment(yi.parse()?)))
    /// };
    /// ledger.reconcile(&project("10亿元")?, &[Attestation::manual(a, Span::new(0, 14)?)])?;
    /// ledger.reconcile(&project("12亿元")?, &[Attestation::manual(b, Span::new(0, 14)?)])?;
    /// let conflicts = ledger.conflicts()?;
    /// assert_eq!(conflicts.len(), 1);
    /// assert_eq!(conflicts[0].field, ConflictField::Investment);
    /// assert_eq!(conflicts[0].value, Figure::Investment("10亿元".parse()?));
    /// assert_eq!(conflicts[0].other_value, Figure::Investment("12亿元".parse()?));
    /// assert_eq!(ledger.count::<Project>()?, 2);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let sql = format!("{CONFLICT_SQL} ORDER BY id");
        self.conn()
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_map([], conflict_from_row)?.collect())
            .map_err(storage(&sql))
    }

    /// The conflicts a fact is part of, on either side, oldest first.
    pub fn conflicts_for(&self, fact: FactRef) -> Result<Vec<Conflict>> {
        let (a, b, id) = match fact {
            FactRef::Project(id) => ("project_id", "other_project_id", id.get()),
            FactRef::Target(id) => ("target_id", "other_target_id", id.get()),
            FactRef::Observation(id) => ("observation_id", "other_observation_id", id.get()),
            FactRef::Campaign(_) | FactRef::Holding(_) => return Ok(Vec::new()),
        };
        let sql = format!("{CONFLICT_SQL} WHERE {a} = ?1 OR {b} = ?1 ORDER BY id");
        self.conn()
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_map([id], conflict_from_row)?.collect())
            .map_err(storage(&sql))
    }
}
