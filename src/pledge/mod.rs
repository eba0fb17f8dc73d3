//! Pledge tracking: where each target stands on a given day, a red/yellow/green scorecard per
//! region, and an append-only history of status changes with the evidence behind each.
//!
//! Progress on a target is the observations that point at it ([`Observation::target`](crate::model::Observation::target)). Every
//! computation takes an `as_of` day, so the same ledger and the same day always give the same
//! answer.
//!
//! # The status rules
//!
//! **Period.** A target runs from 1 January of its year to the last day of its deadline
//! (`5月底` ends on the 31st), or to 31 December of its year without a deadline. A target
//! with a deadline but no year starts on 1 January of the deadline's year. A target with
//! neither has no period ([`Period::of`]).
//!
//! **Latest observation.** Among the observations linked to the target, only those with the
//! target's measure and unit count, and only those whose period starts on or before the
//! earlier of `as_of` and the target's last day (a figure from after the deadline says
//! nothing about meeting it). Undated observations always count. The latest is the one whose
//! period ends last (ties: the more precise period, then the higher id); undated ones rank
//! below every dated one.
//!
//! **Meeting a target.** A target stated plainly or as a floor (`eq`, `at_least`, `about`:
//! 完成投资2490亿元, 10家以上, 约3000人) is met by a figure at or above its value; `over` (超)
//! by a figure above it; `at_most` (以内, a ceiling) by a figure at or below it. The
//! observation's own comparator bounds its figure: `over`, `at_least`, `eq` and `about` give
//! a lower bound, so they can meet a floor; `at_most` gives only an upper bound, so it can
//! meet a ceiling but never a floor (`eq` and `about` bound both ways). An `over 5000`
//! observation meets an `over 5000` target.
//!
//! **Status**, in this order (each outcome names its [`StatusRule`](crate::model::StatusRule)):
//!
//! 1. no latest observation → [`NoData`](crate::model::TargetStatus::NoData) (`no_observation`), whatever
//!    the day;
//! 2. a ceiling (`at_most`) target: held and the period over → `achieved` (`ceiling_held`);
//!    exceeded and the period over → `missed` (`deadline_passed`); held so far (or no
//!    period) → `on_track` (`within_ceiling`); exceeded before the end → `at_risk`
//!    (`over_ceiling`);
//! 3. a floor target met → [`Achieved`](crate::model::TargetStatus::Achieved) (`met`), even before its
//!    deadline;
//! 4. not met and `as_of` after the period's last day → [`Missed`](crate::model::TargetStatus::Missed)
//!    (`deadline_passed`);
//! 5. a growth or share target (a rate, which does not accumulate over the year): `on_track`
//!    when the latest rate is at least the target rate less [`ON_TRACK_TOLERANCE_E4`] of it
//!    (25% growth with a tolerance of 0.1: 22.5% or more) (`rate_near_target`), else
//!    `at_risk` (`rate_below_target`);
//! 6. a level target without a period → `at_risk` (`no_period`): not met, and no pace to judge;
//! 7. a level target: progress `p` = observed / target value, elapsed `e` = days from the
//!    period's first day through `as_of` (inclusive, 0 before the period) / days in the
//!    period. [`OnTrack`](crate::model::TargetStatus::OnTrack) when `p ≥ e − tolerance` (`on_pace`), else
//!    [`AtRisk`](crate::model::TargetStatus::AtRisk) (`behind_pace`). A level target of zero or less has
//!    no progress fraction and is `at_risk` until met.
//!
//! The arithmetic is exact (integers, no floats): the same inputs give the same status on
//! every machine. Progress and elapsed are reported as [`Decimal`](crate::model::Decimal) fractions rounded toward
//! zero to four places.
//!
//! # Scorecard colours
//!
//! A set of targets is [`Red`](crate::model::Light::Red) when any is missed, else
//! [`Yellow`](crate::model::Light::Yellow) when any is at risk, else [`Green`](crate::model::Light::Green) when any is
//! achieved or on track, else [`Grey`](crate::model::Light::Grey) (no data at all): the worst status wins,
//! as an alarm ([`StatusCounts::light`]).
//!
//! A region's 红黄绿牌 card ([`StatusCounts::card`]) grades the share instead, as supervision
//! offices grade a unit's record (green: on schedule; yellow: lagging; red: seriously behind).
//! Only targets with data count (`no_data` is neither good nor bad): [`Red`](crate::model::Light::Red) when
//! more than half of them are missed, else [`Yellow`](crate::model::Light::Yellow) when any is missed or at
//! risk, else [`Green`](crate::model::Light::Green) when at least one counts, else [`Grey`](crate::model::Light::Grey).
//! One missed target of five makes a region yellow, three of five red.
//!
//! ```
//! use planledger::model::*;
//! use planledger::Ledger;
//!
//! let mut ledger = Ledger::open_in_memory()?;
//! let town = ledger.insert(&Region::new("泊里镇", RegionKind::Town))?;
//! let jobs = ledger.insert(
//!     &Target::new("劳动力转移新就业", Measure::Level,
//!                  Quantity::new(Decimal::from_int(4000), Unit::parse("人"), Comparator::AtLeast))
//!         .in_region(town)
//!         .in_year(2023),
//! )?;
//! let mut halfway = Observation::new("劳动力转移新就业", Measure::Level,
//!                                    Quantity::new(Decimal::from_int(2100), Unit::parse("人"), Comparator::Eq));
//! halfway.target = Some(jobs);
//! halfway.period = Some("2023-06".parse()?);
//! ledger.insert(&halfway)?;
//!
//! let july = ledger.target_status(jobs, "2023-07-01".parse()?)?;
//! assert_eq!(july.status(), TargetStatus::OnTrack); // 52.5% done, 49.9% of the year gone
//! let december = ledger.target_status(jobs, "2023-12-01".parse()?)?;
//! assert_eq!(december.status(), TargetStatus::AtRisk); // 52.5% done, 91.8% gone
//! assert_eq!(ledger.target_status(jobs, "2024-01-01".parse()?)?.status(), TargetStatus::Missed);
//! # Ok::<(), planledger::Error>(())
//! ```

mod cards;
mod history;
mod period;
mod rules;

pub use cards::{ScorecardRow, StatusCounts};
pub use history::StatusChange;
pub use period::Period;
pub(crate) use rules::ceiling_bar;
pub use rules::{
    evaluate, is_ceiling, latest_observation, meets, Assessment, TargetProgress,
    ON_TRACK_TOLERANCE_E4,
};

use crate::error::Result;
use crate::model::{Date, Observation, ObservationId, RegionId, Stored, Target, TargetId};
use crate::query::pledge::{linked_observations, observation_evidence, targets_with_observations};
use crate::query::{FigureFilter, RegionScope};
use crate::store::status::{append_change, history_of, last_changes};
use crate::Ledger;
use rusqlite::Connection;
use std::collections::HashMap;

/// A target's standing on `as_of` given its linked observations: the pure rules decide, the
/// ledger adds the deciding observation's evidence.
fn progress(
    conn: &Connection,
    target: Stored<TargetId, Target>,
    observations: &[Stored<ObservationId, Observation>],
    as_of: Date,
) -> Result<TargetProgress> {
    let latest = latest_observation(&target, target.id, observations, as_of).cloned();
    let assessment = evaluate(&target, latest.as_ref().map(|o| &o.value), as_of);
    let evidence = match &latest {
        Some(o) => observation_evidence(conn, o.id)?,
        None => Vec::new(),
    };
    Ok(TargetProgress {
        period: Period::of(&target),
        target,
        as_of,
        assessment,
        observation: latest,
        evidence,
    })
}

/// Every target matching `filter` with its status on `as_of`, through one connection (a
/// ledger's or a transaction's).
fn statuses_on(
    conn: &Connection,
    filter: &FigureFilter,
    as_of: Date,
) -> Result<Vec<TargetProgress>> {
    targets_with_observations(conn, filter)?
        .into_iter()
        .map(|(target, linked)| progress(conn, target, &linked, as_of))
        .collect()
}

impl Ledger {
    /// Every target matching `filter` with its status on `as_of` (rules in [`crate::pledge`]),
    /// by region then id.
    ///
    /// ```
    /// use planledger::model::TargetStatus;
    /// use planledger::query::FigureFilter;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let rows = ledger.target_statuses(&FigureFilter::new().year(2020), "2020-12-31".parse()?)?;
    /// assert!(!rows.is_empty());
    /// // The bundled articles state targets but link no later figure to them.
    /// assert!(rows.iter().all(|r| r.status() == TargetStatus::NoData));
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn target_statuses(
        &self,
        filter: &FigureFilter,
        as_of: Date,
    ) -> Result<Vec<TargetProgress>> {
        statuses_on(self.conn(), filter, as_of)
    }

    /// One target's status on `as_of`; [`Error::NotFound`](crate::Error::NotFound) for an unknown id.
    ///
    /// See the [module example](crate::pledge).
    pub fn target_status(&self, target: TargetId, as_of: Date) -> Result<TargetProgress> {
        let stored = self.get(target)?;
        let observations = linked_observations(self.conn(), target)?;
        progress(self.conn(), stored, &observations, as_of)
    }

    /// A red/yellow/green scorecard of the region tree under `root` on `as_of`: each region's
    /// own target statuses and its subtree's, depth-first (children by id), as in
    /// [`investment_rollup`](Ledger::investment_rollup). Targets without a region are left out.
    ///
    /// ```
    /// use planledger::model::Light;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let root = ledger.resolve_region("西海岸新区")?;
    /// let card = ledger.scorecard(root, "2023-12-31".parse()?)?;
    /// assert_eq!(card[0].region.id, root);
    /// let own: u32 = card.iter().map(|r| r.own.total()).sum();
    /// assert_eq!(card[0].subtree.total(), own);
    /// assert_eq!(card[0].subtree.light(), Light::Grey); // no progress figures in the articles
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn scorecard(&self, root: RegionId, as_of: Date) -> Result<Vec<ScorecardRow>> {
        let tree = self.investment_rollup(root)?;
        let statuses = self.target_statuses(
            &FigureFilter::new().region(RegionScope::subtree(root)),
            as_of,
        )?;
        let mut own: HashMap<RegionId, StatusCounts> = HashMap::new();
        for s in &statuses {
            if let Some(r) = s.target.region {
                own.entry(r).or_default().count(s.status());
            }
        }
        let mut rows: Vec<ScorecardRow> = tree
            .into_iter()
            .map(|row| {
                let counts = own.get(&row.region.id).copied().unwrap_or_default();
                ScorecardRow {
                    region: row.region,
                    depth: row.depth,
                    own: counts,
                    subtree: counts,
                }
            })
            .collect();
        cards::fold_subtrees(&mut rows);
        Ok(rows)
    }

    /// Computes every target's status on `as_of` and appends a row to its history where the
    /// status differs from the last one recorded (or none was recorded), with the deciding
    /// observation and its evidence. Returns the rows appended, by target id. Recording the
    /// same day twice, or a later day with no change, appends nothing. One transaction.
    ///
    /// A day earlier than a target's last recorded day is refused
    /// ([`Error::InvalidInput`](crate::Error::InvalidInput), nothing written): the history reads forward in time.
    ///
    /// ```
    /// use planledger::model::*;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// let t = ledger.insert(&Target::new("新增市场主体", Measure::Level,
    ///     Quantity::new(Decimal::from_int(15000), Unit::parse("家"), Comparator::Eq)).in_year(2020))?;
    /// let first = ledger.record_target_statuses("2020-03-01".parse()?)?;
    /// assert_eq!(first[0].status, TargetStatus::NoData);
    /// assert!(ledger.record_target_statuses("2020-04-01".parse()?)?.is_empty()); // no change
    ///
    /// let mut o = Observation::new("新增市场主体", Measure::Level,
    ///     Quantity::new(Decimal::from_int(16000), Unit::parse("家"), Comparator::Eq));
    /// o.target = Some(t);
    /// o.period = Some("2020-09".parse()?);
    /// let obs = ledger.insert(&o)?;
    /// let changed = ledger.record_target_statuses("2020-10-01".parse()?)?;
    /// assert_eq!(changed[0].status, TargetStatus::Achieved);
    /// assert_eq!(changed[0].previous, Some(TargetStatus::NoData));
    /// assert_eq!(changed[0].observation, Some(obs));
    /// assert_eq!(ledger.target_status_history(t)?.len(), 2);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn record_target_statuses(&mut self, as_of: Date) -> Result<Vec<StatusChange>> {
        self.write(|tx| {
            let conn = tx.conn()?;
            let last = last_changes(conn)?;
            let statuses = statuses_on(conn, &FigureFilter::new(), as_of)?;
            history::changes_to_record(&last, statuses, as_of)?
                .iter()
                .map(|(s, previous)| append_change(conn, s, *previous))
                .collect()
        })
    }

    /// A target's recorded status changes, oldest first; [`Error::NotFound`](crate::Error::NotFound) for an unknown
    /// target. See [`record_target_statuses`](Ledger::record_target_statuses).
    pub fn target_status_history(&self, target: TargetId) -> Result<Vec<StatusChange>> {
        let rows = history_of(self.conn(), target)?;
        if rows.is_empty() {
            self.get(target)?;
        }
        Ok(rows)
    }
}
