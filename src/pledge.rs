//! Pledge tracking: where each target stands on a given day, a red/yellow/green scorecard per
//! region, and an append-only history of status changes with the evidence behind each.
//!
//! Progress on a target is the observations that point at it ([`Observation::target`]). Every
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
//! **Status**, in this order (each outcome names its [`StatusRule`]):
//!
//! 1. no latest observation → [`NoData`](TargetStatus::NoData) (`no_observation`), whatever
//!    the day;
//! 2. a ceiling (`at_most`) target: held and the period over → `achieved` (`ceiling_held`);
//!    exceeded and the period over → `missed` (`deadline_passed`); held so far (or no
//!    period) → `on_track` (`within_ceiling`); exceeded before the end → `at_risk`
//!    (`over_ceiling`);
//! 3. a floor target met → [`Achieved`](TargetStatus::Achieved) (`met`), even before its
//!    deadline;
//! 4. not met and `as_of` after the period's last day → [`Missed`](TargetStatus::Missed)
//!    (`deadline_passed`);
//! 5. a growth or share target (a rate, which does not accumulate over the year): `on_track`
//!    when the latest rate is at least the target rate less [`ON_TRACK_TOLERANCE_E4`] of it
//!    (25% growth with a tolerance of 0.1: 22.5% or more) (`rate_near_target`), else
//!    `at_risk` (`rate_below_target`);
//! 6. a level target without a period → `at_risk` (`no_period`): not met, and no pace to judge;
//! 7. a level target: progress `p` = observed / target value, elapsed `e` = days from the
//!    period's first day through `as_of` (inclusive, 0 before the period) / days in the
//!    period. [`OnTrack`](TargetStatus::OnTrack) when `p ≥ e − tolerance` (`on_pace`), else
//!    [`AtRisk`](TargetStatus::AtRisk) (`behind_pace`). A level target of zero or less has
//!    no progress fraction and is `at_risk` until met.
//!
//! The arithmetic is exact (integers, no floats): the same inputs give the same status on
//! every machine. Progress and elapsed are reported as [`Decimal`] fractions rounded toward
//! zero to four places.
//!
//! # Scorecard colours
//!
//! A set of targets is [`Red`](Light::Red) when any is missed, else
//! [`Yellow`](Light::Yellow) when any is at risk, else [`Green`](Light::Green) when any is
//! achieved or on track, else [`Grey`](Light::Grey) (no data at all): the worst status wins,
//! as an alarm ([`StatusCounts::light`]).
//!
//! A region's 红黄绿牌 card ([`StatusCounts::card`]) grades the share instead, as supervision
//! offices grade a unit's record (green: on schedule; yellow: lagging; red: seriously behind).
//! Only targets with data count (`no_data` is neither good nor bad): [`Red`](Light::Red) when
//! more than half of them are missed, else [`Yellow`](Light::Yellow) when any is missed or at
//! risk, else [`Green`](Light::Green) when at least one counts, else [`Grey`](Light::Grey).
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

use crate::error::{EntityKind, Error, Result};
use crate::model::{
    Comparator, Date, Decimal, EvidenceId, Light, Measure, Observation, ObservationId, PartialDate,
    Quantity, Region, RegionId, StatusChangeId, StatusRule, Stored, Target, TargetId, TargetStatus,
};
use crate::query::{FigureFilter, RegionScope};
use crate::store::sql::{map_err, parse_col, parse_opt, storage};
use crate::store::{observation_columns, observation_from_row, target_columns, target_from_row};
use crate::Ledger;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How far behind the pace (as a fraction of the period, or of the target rate) a target may
/// be and still count as on track: 1000 ten-thousandths, i.e. 0.1.
pub const ON_TRACK_TOLERANCE_E4: i64 = 1_000;

/// The days a target runs, first and last inclusive.
///
/// ```
/// use planledger::model::{Decimal, Measure, Quantity, Target};
/// use planledger::pledge::Period;
/// let mut t = Target::new("在建高校项目完成投资", Measure::Level, Quantity::percent(Decimal::from_int(100)));
/// t.year = Some(2020);
/// t.deadline = Some("2020-06".parse()?);
/// let p = Period::of(&t).unwrap();
/// assert_eq!((p.start.to_string(), p.end.to_string()), ("2020-01-01".into(), "2020-06-30".into()));
/// assert_eq!(p.days(), 182);
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// First day.
    pub start: Date,
    /// Last day (the deadline).
    pub end: Date,
}

impl Period {
    /// The period of a target (see the [module rules](self)); `None` without a year or
    /// deadline.
    pub fn of(target: &Target) -> Option<Period> {
        let year_start = target
            .year
            .and_then(|y| PartialDate::year_only(y).ok())
            .map(PartialDate::first_day);
        let end = match (target.deadline, target.year) {
            (Some(d), _) => d.last_day(),
            (None, Some(y)) => PartialDate::year_only(y).ok()?.last_day(),
            (None, None) => return None,
        };
        let deadline_year_start = PartialDate::Year(end.year()).first_day();
        let start = match year_start {
            Some(s) if s <= end => s,
            _ => deadline_year_start,
        };
        Some(Period { start, end })
    }

    /// Days in the period, both ends included.
    pub fn days(&self) -> i64 {
        day_number(self.end) - day_number(self.start) + 1
    }

    /// Days of the period gone by on `as_of`, inclusive: 0 before the start, [`days`](Self::days)
    /// from the last day on.
    pub fn elapsed_days(&self, as_of: Date) -> i64 {
        (day_number(as_of) - day_number(self.start) + 1).clamp(0, self.days())
    }
}

/// Days since 1970-01-01 (negative before), proleptic Gregorian.
fn day_number(d: Date) -> i64 {
    let (m, day) = (i64::from(d.month()), i64::from(d.day()));
    let y = i64::from(d.year()) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// What [`evaluate`] decided for one target and one observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Assessment {
    /// The status.
    pub status: TargetStatus,
    /// The rule that decided it.
    pub rule: StatusRule,
    /// Observed value / target value (a fraction; 0.5 is half way), when both exist and the
    /// target value is above zero.
    pub progress: Option<Decimal>,
    /// Share of the period gone by on `as_of` (0 to 1), when the target has a period.
    pub elapsed: Option<Decimal>,
}

/// Whether an observed quantity meets a target quantity under both comparators (see the
/// [module rules](self)). Units and measures are not checked here.
///
/// ```
/// use planledger::model::{Comparator, Decimal, Quantity};
/// use planledger::pledge::meets;
/// let target = Quantity::percent(Decimal::from_int(12)).with_comparator(Comparator::AtLeast);
/// assert!(meets(&target, &Quantity::percent(Decimal::from_int(12))));
/// assert!(!meets(&target, &Quantity::percent(Decimal::from_int(12)).with_comparator(Comparator::AtMost)));
/// let ceiling = Quantity::percent(Decimal::from_int(5)).with_comparator(Comparator::AtMost);
/// assert!(meets(&ceiling, &Quantity::percent(Decimal::from_int(4))));
/// ```
pub fn meets(target: &Quantity, observed: &Quantity) -> bool {
    use Comparator::*;
    let (t, o) = (target.value, observed.value);
    match target.comparator {
        AtMost => matches!(observed.comparator, Eq | About | AtMost) && o <= t,
        Over => match observed.comparator {
            Over => o >= t,
            Eq | About | AtLeast => o > t,
            AtMost => false,
        },
        Eq | AtLeast | About => match observed.comparator {
            Eq | About | AtLeast | Over => o >= t,
            AtMost => false,
        },
    }
}

/// Whether a target is a ceiling: stated as one (`at_most`, 以内), or a plain or 左右 figure
/// of a ceiling indicator (居民消费价格 3%左右, 城镇调查失业率 5.5%左右: less is better; see
/// `data/metrics/indicators.tsv`). A floor stated as such (以上, 超) stays a floor.
///
/// ```
/// use planledger::model::*;
/// use planledger::pledge::is_ceiling;
/// let cpi = Target::new("居民消费价格涨幅", Measure::Growth,
///     Quantity::percent(Decimal::from_int(3)).with_comparator(Comparator::About));
/// assert!(is_ceiling(&cpi));
/// let gdp = Target::new("地区生产总值", Measure::Growth,
///     Quantity::percent(Decimal::from_int(5)).with_comparator(Comparator::About));
/// assert!(!is_ceiling(&gdp));
/// ```
pub fn is_ceiling(target: &Target) -> bool {
    ceiling_bar(&target.metric, target.quantity.comparator)
}

/// [`is_ceiling`] on a metric as written and a comparator.
pub(crate) fn ceiling_bar(metric: &str, comparator: Comparator) -> bool {
    match comparator {
        Comparator::AtMost => true,
        Comparator::Eq | Comparator::About => {
            crate::extract::metrics::canonical(metric).is_some_and(|m| m.ceiling)
        }
        Comparator::AtLeast | Comparator::Over => false,
    }
}

/// `floor(num * 10^4 / den)` as a [`Decimal`] fraction, `None` when `den <= 0` or out of range.
fn fraction(num: i64, den: i64) -> Option<Decimal> {
    if den <= 0 {
        return None;
    }
    let v = i128::from(num) * 10_000 / i128::from(den);
    i64::try_from(v).ok().map(Decimal::from_scaled)
}

/// Decides a target's status on `as_of` from the latest observation (chosen as the [module
/// rules](self) say; `None` when there is none). Pure: no ledger involved.
///
/// ```
/// use planledger::model::*;
/// use planledger::pledge::evaluate;
/// let target = Target::new("完成投资", Measure::Growth, Quantity::percent(Decimal::from_int(25))).in_year(2020);
/// let rate = |v: i32| Observation::new("完成投资", Measure::Growth, Quantity::percent(Decimal::from_int(v)));
/// let may: Date = "2020-05-20".parse()?;
/// assert_eq!(evaluate(&target, Some(&rate(23)), may).status, TargetStatus::OnTrack);
/// assert_eq!(evaluate(&target, Some(&rate(20)), may).status, TargetStatus::AtRisk);
/// assert_eq!(evaluate(&target, Some(&rate(26)), may).status, TargetStatus::Achieved);
/// assert_eq!(evaluate(&target, None, may).status, TargetStatus::NoData);
/// # Ok::<(), planledger::Error>(())
/// ```
pub fn evaluate(target: &Target, latest: Option<&Observation>, as_of: Date) -> Assessment {
    let period = Period::of(target);
    let elapsed = period.and_then(|p| fraction(p.elapsed_days(as_of), p.days()));
    let Some(obs) = latest else {
        return Assessment {
            status: TargetStatus::NoData,
            rule: StatusRule::NoObservation,
            progress: None,
            elapsed,
        };
    };
    let t = target.quantity.value.scaled();
    let o = obs.quantity.value.scaled();
    let progress = fraction(o, t);
    let ended = period.is_some_and(|p| as_of > p.end);
    let ceiling = is_ceiling(target);
    let bar = if ceiling {
        target.quantity.clone().with_comparator(Comparator::AtMost)
    } else {
        target.quantity.clone()
    };
    let met = meets(&bar, &obs.quantity);
    let k = i128::from(ON_TRACK_TOLERANCE_E4);
    let (status, rule) = if ceiling {
        match (met, ended) {
            (true, true) => (TargetStatus::Achieved, StatusRule::CeilingHeld),
            (false, true) => (TargetStatus::Missed, StatusRule::DeadlinePassed),
            (true, false) => (TargetStatus::OnTrack, StatusRule::WithinCeiling),
            (false, false) => (TargetStatus::AtRisk, StatusRule::OverCeiling),
        }
    } else if met {
        (TargetStatus::Achieved, StatusRule::Met)
    } else if ended {
        (TargetStatus::Missed, StatusRule::DeadlinePassed)
    } else {
        let (t, o) = (i128::from(t), i128::from(o));
        match (target.measure, period) {
            (Measure::Growth | Measure::Share, _) => {
                // o ≥ t − tolerance·|t|, in ten-thousandths.
                if o * 10_000 >= t * 10_000 - k * t.abs() {
                    (TargetStatus::OnTrack, StatusRule::RateNearTarget)
                } else {
                    (TargetStatus::AtRisk, StatusRule::RateBelowTarget)
                }
            }
            (Measure::Level, None) => (TargetStatus::AtRisk, StatusRule::NoPeriod),
            (Measure::Level, Some(p)) => {
                // o / t ≥ a / b − k / 10⁴  ⇔  o·b·10⁴ ≥ (a·10⁴ − k·b)·t   (t, b > 0)
                let (a, b) = (i128::from(p.elapsed_days(as_of)), i128::from(p.days()));
                if t > 0 && o * b * 10_000 >= (a * 10_000 - k * b) * t {
                    (TargetStatus::OnTrack, StatusRule::OnPace)
                } else {
                    (TargetStatus::AtRisk, StatusRule::BehindPace)
                }
            }
        }
    };
    Assessment {
        status,
        rule,
        progress,
        elapsed,
    }
}

/// Chooses the latest observation that counts for `target` on `as_of` (see the [module
/// rules](self)). Observations not linked to the target are ignored too.
pub fn latest_observation<'a, I>(
    target: &Target,
    target_id: TargetId,
    observations: I,
    as_of: Date,
) -> Option<&'a Stored<ObservationId, Observation>>
where
    I: IntoIterator<Item = &'a Stored<ObservationId, Observation>>,
{
    let cutoff = match Period::of(target) {
        Some(p) if p.end < as_of => p.end,
        _ => as_of,
    };
    observations
        .into_iter()
        .filter(|o| {
            o.target == Some(target_id)
                && o.measure == target.measure
                && o.quantity.unit == target.quantity.unit
                && o.period.map_or(true, |p| p.first_day() <= cutoff)
        })
        .max_by_key(|o| (o.period.map(|p| (p.last_day(), precision(p))), o.id))
}

fn precision(p: PartialDate) -> u8 {
    match p {
        PartialDate::Year(_) => 0,
        PartialDate::Month(..) => 1,
        PartialDate::Day(_) => 2,
    }
}

/// One target's standing on a day: its status, the rule that decided it, and the
/// observation and evidence behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetProgress {
    /// The target.
    pub target: Stored<TargetId, Target>,
    /// The day the status is for.
    pub as_of: Date,
    /// Status and rule, progress and elapsed share.
    pub assessment: Assessment,
    /// The target's period, if it has one.
    pub period: Option<Period>,
    /// The latest observation that counted.
    pub observation: Option<Stored<ObservationId, Observation>>,
    /// The evidence for that observation, in the order recorded.
    pub evidence: Vec<EvidenceId>,
}

impl TargetProgress {
    /// The status.
    pub fn status(&self) -> TargetStatus {
        self.assessment.status
    }
}

/// How many targets are in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Achieved.
    pub achieved: u32,
    /// On track.
    pub on_track: u32,
    /// At risk.
    pub at_risk: u32,
    /// Missed.
    pub missed: u32,
    /// No data.
    pub no_data: u32,
}

impl StatusCounts {
    /// Counts one more target.
    pub fn count(&mut self, status: TargetStatus) {
        let slot = match status {
            TargetStatus::Achieved => &mut self.achieved,
            TargetStatus::OnTrack => &mut self.on_track,
            TargetStatus::AtRisk => &mut self.at_risk,
            TargetStatus::Missed => &mut self.missed,
            TargetStatus::NoData => &mut self.no_data,
        };
        *slot = slot.saturating_add(1);
    }

    /// Adds another set's counts.
    pub fn add(&mut self, other: &StatusCounts) {
        self.achieved = self.achieved.saturating_add(other.achieved);
        self.on_track = self.on_track.saturating_add(other.on_track);
        self.at_risk = self.at_risk.saturating_add(other.at_risk);
        self.missed = self.missed.saturating_add(other.missed);
        self.no_data = self.no_data.saturating_add(other.no_data);
    }

    /// All targets counted.
    pub fn total(&self) -> u32 {
        [
            self.achieved,
            self.on_track,
            self.at_risk,
            self.missed,
            self.no_data,
        ]
        .iter()
        .fold(0u32, |a, b| a.saturating_add(*b))
    }

    /// The count for one status.
    pub fn get(&self, status: TargetStatus) -> u32 {
        match status {
            TargetStatus::Achieved => self.achieved,
            TargetStatus::OnTrack => self.on_track,
            TargetStatus::AtRisk => self.at_risk,
            TargetStatus::Missed => self.missed,
            TargetStatus::NoData => self.no_data,
        }
    }

    /// The colour (see [the module docs](self#scorecard-colours)).
    ///
    /// ```
    /// use planledger::model::{Light, TargetStatus};
    /// use planledger::pledge::StatusCounts;
    /// let mut c = StatusCounts::default();
    /// assert_eq!(c.light(), Light::Grey);
    /// c.count(TargetStatus::OnTrack);
    /// assert_eq!(c.light(), Light::Green);
    /// c.count(TargetStatus::AtRisk);
    /// assert_eq!(c.light(), Light::Yellow);
    /// c.count(TargetStatus::Missed);
    /// assert_eq!(c.light(), Light::Red);
    /// ```
    pub fn light(&self) -> Light {
        if self.missed > 0 {
            Light::Red
        } else if self.at_risk > 0 {
            Light::Yellow
        } else if self.achieved > 0 || self.on_track > 0 {
            Light::Green
        } else {
            Light::Grey
        }
    }

    /// The region's 红黄绿牌 card: the share of targets with data that were missed (see [the
    /// module docs](self#scorecard-colours)). `no_data` targets do not count either way.
    ///
    /// ```
    /// use planledger::model::{Light, TargetStatus};
    /// use planledger::pledge::StatusCounts;
    /// let mut c = StatusCounts::default();
    /// c.count(TargetStatus::NoData);
    /// assert_eq!(c.card(), Light::Grey);
    /// c.count(TargetStatus::Achieved);
    /// c.count(TargetStatus::Achieved);
    /// assert_eq!(c.card(), Light::Green);
    /// c.count(TargetStatus::Missed); // 1 of 3 missed
    /// assert_eq!(c.card(), Light::Yellow);
    /// c.count(TargetStatus::Missed); // 2 of 4: half is not most
    /// assert_eq!(c.card(), Light::Yellow);
    /// c.count(TargetStatus::Missed); // 3 of 5
    /// assert_eq!(c.card(), Light::Red);
    /// ```
    pub fn card(&self) -> Light {
        let counted = u64::from(self.achieved)
            + u64::from(self.on_track)
            + u64::from(self.at_risk)
            + u64::from(self.missed);
        if counted == 0 {
            Light::Grey
        } else if 2 * u64::from(self.missed) > counted {
            Light::Red
        } else if self.missed > 0 || self.at_risk > 0 {
            Light::Yellow
        } else {
            Light::Green
        }
    }
}

/// One region's line of a [`scorecard`](Ledger::scorecard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardRow {
    /// The region (aliases not loaded).
    pub region: Stored<RegionId, Region>,
    /// Depth below the scorecard's root (the root is 0).
    pub depth: usize,
    /// The region's own targets.
    pub own: StatusCounts,
    /// The targets of the region and everything below it.
    pub subtree: StatusCounts,
}

/// One row of a target's status history: the status changed on `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The row's id.
    pub id: StatusChangeId,
    /// The target.
    pub target: TargetId,
    /// The day the status was computed for.
    pub as_of: Date,
    /// The new status.
    pub status: TargetStatus,
    /// The status it replaced (`None` for the first row).
    pub previous: Option<TargetStatus>,
    /// The rule that decided the new status.
    pub rule: StatusRule,
    /// The observation that decided it, if any.
    pub observation: Option<ObservationId>,
    /// That observation's value when the change was recorded.
    pub observed: Option<Decimal>,
    /// Progress fraction when recorded.
    pub progress: Option<Decimal>,
    /// Elapsed share of the period when recorded.
    pub elapsed: Option<Decimal>,
    /// The evidence behind the change (the observation's evidence rows).
    pub evidence: Vec<EvidenceId>,
}

/// Targets matching `filter`, with every linked observation of the same measure and unit, read
/// through one connection (a ledger's or a transaction's).
fn statuses_on(
    conn: &Connection,
    filter: &FigureFilter,
    as_of: Date,
) -> Result<Vec<TargetProgress>> {
    let (conds, params) =
        filter.conditions(crate::query::YearColumn::Integer("f.year"), "f.campaign_id");
    let where_ = crate::query::where_clause(&conds);
    let target_sql = format!(
        "SELECT f.id, {} FROM target f {where_} ORDER BY f.region_id, f.id",
        target_columns!()
            .split(", ")
            .map(|c| format!("f.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let targets: Vec<Stored<TargetId, Target>> = conn
        .prepare_cached(&target_sql)
        .and_then(|mut s| {
            s.query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok(Stored {
                    id: r.get(0)?,
                    value: target_from_row(r, 1)?,
                })
            })?
            .collect()
        })
        .map_err(storage(&target_sql))?;
    // Every observation linked to a selected target, with the target's measure and unit, in
    // one pass over observation_target.
    let obs_sql = format!(
        "SELECT o.id, {} FROM target f JOIN observation o ON o.target_id = f.id \
         AND o.measure = f.measure AND o.unit = f.unit {where_}",
        observation_columns!()
            .split(", ")
            .map(|c| format!("o.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut by_target: HashMap<TargetId, Vec<Stored<ObservationId, Observation>>> = HashMap::new();
    conn.prepare_cached(&obs_sql)
        .and_then(|mut s| {
            let rows = s.query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok(Stored {
                    id: r.get::<_, ObservationId>(0)?,
                    value: observation_from_row(r, 1)?,
                })
            })?;
            for row in rows {
                let row = row?;
                if let Some(t) = row.target {
                    by_target.entry(t).or_default().push(row);
                }
            }
            Ok(())
        })
        .map_err(storage(&obs_sql))?;
    let mut out = Vec::with_capacity(targets.len());
    for target in targets {
        let candidates = by_target.get(&target.id).map(Vec::as_slice).unwrap_or(&[]);
        let latest = latest_observation(&target, target.id, candidates, as_of).cloned();
        let assessment = evaluate(&target, latest.as_ref().map(|o| &o.value), as_of);
        let evidence = match &latest {
            Some(o) => observation_evidence(conn, o.id)?,
            None => Vec::new(),
        };
        out.push(TargetProgress {
            period: Period::of(&target),
            target,
            as_of,
            assessment,
            observation: latest,
            evidence,
        });
    }
    Ok(out)
}

fn observation_evidence(conn: &Connection, id: ObservationId) -> Result<Vec<EvidenceId>> {
    const SQL: &str = "SELECT id FROM evidence WHERE observation_id = ?1 ORDER BY id";
    conn.prepare_cached(SQL)
        .and_then(|mut s| s.query_map([id.get()], |r| r.get(0))?.collect())
        .map_err(storage(SQL))
}

const HISTORY_COLUMNS: &str = "id, target_id, as_of, status, previous, rule, observation_id, \
                               observed_e4, progress_e4, elapsed_e4";

fn change_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StatusChange> {
    Ok(StatusChange {
        id: StatusChangeId::from_raw(r.get(0)?),
        target: r.get(1)?,
        as_of: parse_col(r, 2)?,
        status: parse_col(r, 3)?,
        previous: parse_opt(r, 4)?,
        rule: parse_col(r, 5)?,
        observation: r.get(6)?,
        observed: r.get::<_, Option<i64>>(7)?.map(Decimal::from_scaled),
        progress: r.get::<_, Option<i64>>(8)?.map(Decimal::from_scaled),
        elapsed: r.get::<_, Option<i64>>(9)?.map(Decimal::from_scaled),
        evidence: Vec::new(),
    })
}

fn change_evidence(conn: &Connection, id: StatusChangeId) -> Result<Vec<EvidenceId>> {
    const SQL: &str =
        "SELECT evidence_id FROM target_status_evidence WHERE status_id = ?1 ORDER BY evidence_id";
    conn.prepare_cached(SQL)
        .and_then(|mut s| s.query_map([id.get()], |r| r.get(0))?.collect())
        .map_err(storage(SQL))
}

/// The last recorded (status, day) of every target that has a history: one pass over the
/// `target_status(target_id, id)` index.
fn last_changes(conn: &Connection) -> Result<HashMap<TargetId, (TargetStatus, Date)>> {
    const SQL: &str = "SELECT s.target_id, s.status, s.as_of FROM target_status s \
         JOIN (SELECT target_id, max(id) AS id FROM target_status GROUP BY target_id) m ON m.id = s.id";
    conn.prepare_cached(SQL)
        .and_then(|mut s| {
            s.query_map([], |r| {
                Ok((r.get(0)?, (parse_col(r, 1)?, parse_col(r, 2)?)))
            })?
            .collect()
        })
        .map_err(storage(SQL))
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

    /// One target's status on `as_of`; [`Error::NotFound`] for an unknown id.
    ///
    /// See the [module example](crate::pledge).
    pub fn target_status(&self, target: TargetId, as_of: Date) -> Result<TargetProgress> {
        let stored = self.get(target)?;
        let observations = self.linked_observations(target)?;
        let latest = latest_observation(&stored, target, &observations, as_of).cloned();
        let assessment = evaluate(&stored, latest.as_ref().map(|o| &o.value), as_of);
        let evidence = match &latest {
            Some(o) => observation_evidence(self.conn(), o.id)?,
            None => Vec::new(),
        };
        Ok(TargetProgress {
            period: Period::of(&stored),
            target: stored,
            as_of,
            assessment,
            observation: latest,
            evidence,
        })
    }

    /// Observations pointing at a target, by id.
    fn linked_observations(
        &self,
        target: TargetId,
    ) -> Result<Vec<Stored<ObservationId, Observation>>> {
        const SQL: &str = concat!(
            "SELECT id, ",
            observation_columns!(),
            " FROM observation WHERE target_id = ?1 ORDER BY id"
        );
        self.conn()
            .prepare_cached(SQL)
            .and_then(|mut s| {
                s.query_map([target.get()], |r| {
                    Ok(Stored {
                        id: r.get(0)?,
                        value: observation_from_row(r, 1)?,
                    })
                })?
                .collect()
            })
            .map_err(storage(SQL))
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
        let index: HashMap<RegionId, usize> = tree
            .iter()
            .enumerate()
            .map(|(i, row)| (row.region.id, i))
            .collect();
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
        // Depth-first pre-order: every child comes after its parent, so folding from the end
        // adds each finished subtree into its parent.
        for i in (1..rows.len()).rev() {
            let parent = rows[i].region.parent.and_then(|p| index.get(&p).copied());
            if let Some(p) = parent {
                let child = rows[i].subtree;
                rows[p].subtree.add(&child);
            }
        }
        Ok(rows)
    }

    /// Computes every target's status on `as_of` and appends a row to its history where the
    /// status differs from the last one recorded (or none was recorded), with the deciding
    /// observation and its evidence. Returns the rows appended, by target id. Recording the
    /// same day twice, or a later day with no change, appends nothing. One transaction.
    ///
    /// A day earlier than a target's last recorded day is refused
    /// ([`Error::InvalidInput`], nothing written): the history reads forward in time.
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
            let conn = tx.conn();
            let mut appended = Vec::new();
            let last = last_changes(conn)?;
            let mut statuses = statuses_on(conn, &FigureFilter::new(), as_of)?;
            statuses.sort_by_key(|s| s.target.id);
            for s in statuses {
                let previous = last.get(&s.target.id).copied();
                if let Some((status, day)) = previous {
                    if as_of < day {
                        return Err(Error::invalid(
                            "as_of",
                            format!(
                                "{as_of} is before {day}, the last day recorded for target {}",
                                s.target.id
                            ),
                        ));
                    }
                    if status == s.status() {
                        continue;
                    }
                }
                appended.push(append_change(conn, &s, previous.map(|(status, _)| status))?);
            }
            Ok(appended)
        })
    }

    /// A target's recorded status changes, oldest first; [`Error::NotFound`] for an unknown
    /// target. See [`record_target_statuses`](Ledger::record_target_statuses).
    pub fn target_status_history(&self, target: TargetId) -> Result<Vec<StatusChange>> {
        let sql =
            format!("SELECT {HISTORY_COLUMNS} FROM target_status WHERE target_id = ?1 ORDER BY id");
        let mut rows: Vec<StatusChange> = self
            .conn()
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_map([target.get()], change_from_row)?.collect())
            .map_err(storage(&sql))?;
        if rows.is_empty() {
            self.get(target)?;
        }
        for row in &mut rows {
            row.evidence = change_evidence(self.conn(), row.id)?;
        }
        Ok(rows)
    }
}

fn append_change(
    conn: &Connection,
    s: &TargetProgress,
    previous: Option<TargetStatus>,
) -> Result<StatusChange> {
    const SQL: &str = "INSERT INTO target_status (target_id, as_of, status, previous, rule, \
         observation_id, observed_e4, progress_e4, elapsed_e4) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    const EVIDENCE_SQL: &str =
        "INSERT INTO target_status_evidence (status_id, evidence_id) VALUES (?1, ?2)";
    let a = &s.assessment;
    let observed = s.observation.as_ref().map(|o| o.quantity.value.scaled());
    conn.prepare_cached(SQL)
        .and_then(|mut st| {
            st.execute(params![
                s.target.id,
                s.as_of.to_string(),
                a.status.as_str(),
                previous.map(TargetStatus::as_str),
                a.rule.as_str(),
                s.observation.as_ref().map(|o| o.id),
                observed,
                a.progress.map(Decimal::scaled),
                a.elapsed.map(Decimal::scaled),
            ])
        })
        .map_err(|e| map_err(EntityKind::Target, SQL, e))?;
    let id = StatusChangeId::from_raw(conn.last_insert_rowid());
    for e in &s.evidence {
        conn.prepare_cached(EVIDENCE_SQL)
            .and_then(|mut st| st.execute(params![id.get(), e.get()]))
            .map_err(|err| map_err(EntityKind::Target, EVIDENCE_SQL, err))?;
    }
    Ok(StatusChange {
        id,
        target: s.target.id,
        as_of: s.as_of,
        status: a.status,
        previous,
        rule: a.rule,
        observation: s.observation.as_ref().map(|o| o.id),
        observed: s.observation.as_ref().map(|o| o.quantity.value),
        progress: a.progress,
        elapsed: a.elapsed,
        evidence: s.evidence.clone(),
    })
}
