//! The status rules, pure: a target's period, whether a figure meets it, which observation
//! counts, and the status that follows (the rules are in the [module docs](super)). No ledger
//! here: the functions take values and give values, so they are tested on values.

use super::Period;
use crate::model::{
    Comparator, Date, Decimal, EvidenceId, Measure, Observation, ObservationId, PartialDate,
    Quantity, StatusRule, Stored, Target, TargetId, TargetStatus,
};
use serde::{Deserialize, Serialize};

/// How far behind the pace (as a fraction of the period, or of the target rate) a target may
/// be and still count as on track: 1000 ten-thousandths, i.e. 0.1.
pub const ON_TRACK_TOLERANCE_E4: i64 = 1_000;

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
/// [module rules](super)). Units and measures are not checked here.
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
/// of a ceiling indicator (consumer prices or the surveyed unemployment rate "about" some
/// percent: less is better; see
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
/// rules](super) say; `None` when there is none). Pure: no ledger involved.
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
/// rules](super)). Observations not linked to the target are ignored too.
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
                && o.period.is_none_or(|p| p.first_day() <= cutoff)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn people(v: i32, c: Comparator) -> Quantity {
        Quantity::new(Decimal::from_int(v), Unit::parse("人"), c)
    }

    fn level(v: i32, c: Comparator) -> Target {
        Target::new("新增就业", Measure::Level, people(v, c)).in_year(2023)
    }

    fn observed(v: i32, period: &str) -> Observation {
        let mut o = Observation::new("新增就业", Measure::Level, people(v, Comparator::Eq));
        o.period = Some(period.parse().unwrap());
        o
    }

    #[test]
    fn comparators_bound_what_meets_a_target() {
        use Comparator::*;
        // (target, observed, meets)
        let cases = [
            (people(10, Eq), people(10, Eq), true),
            (people(10, AtLeast), people(9, Eq), false),
            (people(10, AtLeast), people(10, AtMost), false),
            (people(10, Over), people(10, Eq), false),
            (people(10, Over), people(10, Over), true),
            (people(10, Over), people(11, About), true),
            (people(10, AtMost), people(10, Eq), true),
            (people(10, AtMost), people(9, AtLeast), false),
            (people(10, AtMost), people(11, Eq), false),
        ];
        for (target, obs, want) in cases {
            assert_eq!(meets(&target, &obs), want, "{target} by {obs}");
        }
    }

    #[test]
    fn status_rules_in_order() {
        use Comparator::*;
        // (target, observation, as_of, status, rule)
        let cases = [
            (
                level(4000, AtLeast),
                None,
                "2023-07-01",
                TargetStatus::NoData,
                StatusRule::NoObservation,
            ),
            (
                level(4000, AtLeast),
                Some(observed(4100, "2023-06")),
                "2023-07-01",
                TargetStatus::Achieved,
                StatusRule::Met,
            ),
            (
                level(4000, AtLeast),
                Some(observed(2100, "2023-06")),
                "2023-07-01",
                TargetStatus::OnTrack,
                StatusRule::OnPace,
            ),
            (
                level(4000, AtLeast),
                Some(observed(2100, "2023-06")),
                "2023-12-01",
                TargetStatus::AtRisk,
                StatusRule::BehindPace,
            ),
            (
                level(4000, AtLeast),
                Some(observed(2100, "2023-06")),
                "2024-01-01",
                TargetStatus::Missed,
                StatusRule::DeadlinePassed,
            ),
            (
                level(50, AtMost),
                Some(observed(40, "2023-06")),
                "2023-07-01",
                TargetStatus::OnTrack,
                StatusRule::WithinCeiling,
            ),
            (
                level(50, AtMost),
                Some(observed(60, "2023-06")),
                "2023-07-01",
                TargetStatus::AtRisk,
                StatusRule::OverCeiling,
            ),
            (
                level(50, AtMost),
                Some(observed(40, "2023-06")),
                "2024-01-01",
                TargetStatus::Achieved,
                StatusRule::CeilingHeld,
            ),
            (
                level(50, AtMost),
                Some(observed(60, "2023-06")),
                "2024-01-01",
                TargetStatus::Missed,
                StatusRule::DeadlinePassed,
            ),
        ];
        for (target, obs, as_of, status, rule) in cases {
            let a = evaluate(&target, obs.as_ref(), day(as_of));
            assert_eq!(
                (a.status, a.rule),
                (status, rule),
                "{target:?} {obs:?} on {as_of}"
            );
        }
        let mut undated = level(4000, AtLeast);
        undated.year = None;
        let a = evaluate(&undated, Some(&observed(100, "2023")), day("2023-07-01"));
        assert_eq!(
            (a.status, a.rule),
            (TargetStatus::AtRisk, StatusRule::NoPeriod)
        );
        assert_eq!(fraction(1, 3), Some(Decimal::from_scaled(3333)));
        assert_eq!(fraction(1, 0), None);
    }

    #[test]
    fn the_latest_counting_observation_wins() {
        let target = level(4000, Comparator::AtLeast);
        let id = TargetId::from_raw(1);
        let linked = |raw: i64, v: i32, period: &str| {
            let mut o = observed(v, period);
            o.target = Some(id);
            Stored {
                id: ObservationId::from_raw(raw),
                value: o,
            }
        };
        let rows = [
            linked(1, 100, "2023-03"),
            linked(2, 200, "2023-06"),
            linked(3, 300, "2023-06-30"),
            linked(4, 400, "2024-02"),
        ];
        let pick =
            |as_of: &str| latest_observation(&target, id, &rows, day(as_of)).map(|o| o.id.get());
        // Only figures whose period has begun count.
        assert_eq!(pick("2023-04-01"), Some(1));
        // Two periods end on 30 June: the more precise one wins.
        assert_eq!(pick("2023-07-01"), Some(3));
        // After the deadline, a figure from the next year says nothing about this one.
        assert_eq!(pick("2024-03-01"), Some(3));
        assert_eq!(
            latest_observation(&target, TargetId::from_raw(2), &rows, day("2023-07-01")),
            None
        );
    }
}
