//! A target's period: the days from the start of its year to its deadline, and how many of
//! them have gone by on a given day (exact day arithmetic, no calendar library).

use crate::model::{Date, PartialDate, Target};
use serde::{Deserialize, Serialize};

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
    /// The period of a target (see the [module rules](super)); `None` without a year or
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comparator, Decimal, Measure, Quantity, Unit};

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn level(v: i32, c: Comparator) -> Target {
        let q = Quantity::new(Decimal::from_int(v), Unit::parse("人"), c);
        Target::new("新增就业", Measure::Level, q).in_year(2023)
    }

    #[test]
    fn periods_run_from_the_year_start_to_the_deadline() {
        let mut t = level(100, Comparator::Eq);
        assert_eq!(Period::of(&t).unwrap().days(), 365);
        t.deadline = Some("2023-05".parse().unwrap());
        let p = Period::of(&t).unwrap();
        assert_eq!((p.start, p.end), (day("2023-01-01"), day("2023-05-31")));
        assert_eq!(p.elapsed_days(day("2022-12-31")), 0);
        assert_eq!(p.elapsed_days(day("2023-01-01")), 1);
        assert_eq!(p.elapsed_days(day("2024-01-01")), p.days());
        t.year = None;
        assert_eq!(Period::of(&t).unwrap().start, day("2023-01-01"));
        t.deadline = None;
        assert_eq!(Period::of(&t), None);
        assert_eq!(day_number(day("1970-01-01")), 0);
        assert_eq!(
            day_number(day("2000-03-01")) - day_number(day("2000-02-28")),
            2
        );
    }
}
