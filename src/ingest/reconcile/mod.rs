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

mod conflict;
mod keys;

pub use conflict::{Conflict, ConflictField, Figure};
pub use keys::normalize_name;

use crate::error::{Error, Result};
use crate::model::{
    string_enum, ConflictId, Evidence, EvidenceId, FactRef, Method, Observation, Project, SourceId,
    Span, Stored, Target,
};
use crate::store::conflict::{
    has_evidence, observations_keyed_like, projects_keyed_like, targets_keyed_like,
};
use crate::store::EntityId;
use crate::{Ledger, Tx};
use keys::{Agreeing, Match, Statement};

/// The store's query for stored facts sharing a candidate's key columns.
type KeyedLike<I> = fn(
    &rusqlite::Connection,
    &<I as EntityId>::Entity,
) -> Result<Vec<Stored<I, <I as EntityId>::Entity>>>;
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
            Candidate::Project(p) => self.settle(p, projects_keyed_like, FactRef::Project)?,
            Candidate::Target(t) => self.settle(t, targets_keyed_like, FactRef::Target)?,
            Candidate::Observation(o) => {
                self.settle(o, observations_keyed_like, FactRef::Observation)?
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
                conflicts.push(self.insert_conflict(
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

    /// The stored facts that state the same as `candidate` (lowest id first), each with its
    /// differences from it, and the first that agrees (no differences), updated with the
    /// details it lacked.
    fn settle<I>(
        &mut self,
        candidate: &I::Entity,
        keyed_like: KeyedLike<I>,
        fact: fn(I) -> FactRef,
    ) -> Result<(Vec<Match>, Option<Agreeing>)>
    where
        I: EntityId,
        I::Entity: Statement + Clone,
    {
        let found: Vec<Stored<I, I::Entity>> = keyed_like(self.conn()?, candidate)?
            .into_iter()
            .filter(|e| e.value.same_statement(candidate))
            .collect();
        let matches: Vec<Match> = found
            .iter()
            .map(|e| (fact(e.id), e.value.differences(candidate)))
            .collect();
        let agreeing = match found
            .into_iter()
            .find(|e| e.value.differences(candidate).is_empty())
        {
            Some(Stored { id, mut value }) => {
                let filled = value.fill_from(candidate);
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
        let mut added = Vec::new();
        for a in evidence {
            if has_evidence(self.conn()?, fact, a.source, a.span)? {
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
        self.conflict_rows()
    }

    /// The conflicts a fact is part of, on either side, oldest first.
    pub fn conflicts_for(&self, fact: FactRef) -> Result<Vec<Conflict>> {
        self.conflict_rows_for(fact)
    }
}
