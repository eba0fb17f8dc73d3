use crate::Error;
use std::fmt;
use std::str::FromStr;

/// A calendar date (proleptic Gregorian), years 1000 to 9999.
///
/// ```
/// use planledger::model::Date;
/// let d: Date = "2023-01-28".parse()?;
/// assert_eq!((d.year(), d.month(), d.day()), (2023, 1, 28));
/// assert!("2023-02-29".parse::<Date>().is_err());
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Days in a month, `None` for a month outside 1..=12.
fn days_in_month(year: i32, month: u8) -> Option<u8> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

fn check_year(year: i32) -> Result<i32, Error> {
    if (1000..=9999).contains(&year) {
        Ok(year)
    } else {
        Err(Error::invalid(
            "date",
            format!("year {year} is outside 1000..=9999"),
        ))
    }
}

fn check_month(year: i32, month: u8) -> Result<u8, Error> {
    days_in_month(year, month)
        .ok_or_else(|| Error::invalid("date", format!("month {month} is outside 1..=12")))
}

impl Date {
    /// A date from parts the caller has already checked (a partial date's own bounds).
    const fn unchecked(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// Builds a date, rejecting impossible ones (2023-02-29, month 13, year 99).
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, Error> {
        check_year(year)?;
        let last = check_month(year, month)?;
        if day == 0 || day > last {
            return Err(Error::invalid(
                "date",
                format!("{year:04}-{month:02} has no day {day}"),
            ));
        }
        Ok(Date { year, month, day })
    }

    /// The last day of a month (`5月底` in 2023 is 2023-05-31).
    pub fn end_of_month(year: i32, month: u8) -> Result<Self, Error> {
        check_year(year)?;
        let last = check_month(year, month)?;
        Date::new(year, month, last)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.parse::<PartialDate>()? {
            PartialDate::Day(d) => Ok(d),
            _ => Err(Error::invalid("date", format!("{s:?} is not YYYY-MM-DD"))),
        }
    }
}

/// A date known to a year, a month or a day: what texts give ("2020年", "5月", "1月28日").
///
/// Ordering is by first day, then by precision (a year sorts before its first month).
/// Its text form is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; those forms sort as text in the same
/// order as the dates they name, which is what lets the schema compare them in SQL.
///
/// ```
/// use planledger::model::{Date, PartialDate};
/// let may: PartialDate = "2023-05".parse()?;
/// assert_eq!(may.last_day(), Date::new(2023, 5, 31)?);
/// assert_eq!(may.to_string(), "2023-05");
/// assert!(may.contains(Date::new(2023, 5, 9)?));
/// # Ok::<(), planledger::Error>(())
/// ```
///
/// Every `PartialDate` names a real date, years 1000 to 9999: build one with
/// [`year_only`](Self::year_only), [`month_of`](Self::month_of), `From<Date>` or by parsing.
/// The variants cannot be built outside this crate, so month 13 or year 0 cannot get in; read
/// a date through [`year`](Self::year), [`month`](Self::month) and [`day`](Self::day):
///
/// ```compile_fail,E0603
/// let month_13 = planledger::model::PartialDate::Month(2023, 13);
/// ```
///
/// ```
/// use planledger::model::PartialDate;
/// let may: PartialDate = "2023-05".parse()?;
/// assert_eq!((may.year(), may.month(), may.day()), (2023, Some(5), None));
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    /// A whole year.
    #[non_exhaustive]
    Year(i32),
    /// A month of a year.
    #[non_exhaustive]
    Month(i32, u8),
    /// A single day.
    #[non_exhaustive]
    Day(Date),
}

impl PartialDate {
    /// A whole year, checked to be within 1000..=9999.
    pub fn year_only(year: i32) -> Result<Self, Error> {
        Ok(PartialDate::Year(check_year(year)?))
    }

    /// A month of a year, checked.
    pub fn month_of(year: i32, month: u8) -> Result<Self, Error> {
        check_year(year)?;
        check_month(year, month)?;
        Ok(PartialDate::Month(year, month))
    }

    /// The year.
    pub fn year(self) -> i32 {
        match self {
            PartialDate::Year(y) | PartialDate::Month(y, _) => y,
            PartialDate::Day(d) => d.year,
        }
    }

    /// The month, when the date names a month or a day.
    pub fn month(self) -> Option<u8> {
        match self {
            PartialDate::Year(_) => None,
            PartialDate::Month(_, m) => Some(m),
            PartialDate::Day(d) => Some(d.month),
        }
    }

    /// The day, when the date names one.
    pub fn day(self) -> Option<Date> {
        match self {
            PartialDate::Day(d) => Some(d),
            _ => None,
        }
    }

    /// The first day the partial date covers.
    pub fn first_day(self) -> Date {
        match self {
            PartialDate::Year(y) => Date::unchecked(y, 1, 1),
            PartialDate::Month(y, m) => Date::unchecked(y, m, 1),
            PartialDate::Day(d) => d,
        }
    }

    /// The last day the partial date covers.
    pub fn last_day(self) -> Date {
        match self {
            PartialDate::Year(y) => Date::unchecked(y, 12, 31),
            PartialDate::Month(y, m) => Date::unchecked(y, m, days_in_month(y, m).unwrap_or(28)),
            PartialDate::Day(d) => d,
        }
    }

    /// Whether `day` falls within the partial date.
    pub fn contains(self, day: Date) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }
}

impl PartialDate {
    /// 0 for a year, 1 for a month, 2 for a day: coarser sorts first among equal first days.
    fn precision(self) -> u8 {
        match self {
            PartialDate::Year(_) => 0,
            PartialDate::Month(..) => 1,
            PartialDate::Day(_) => 2,
        }
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.first_day(), self.precision()).cmp(&(other.first_day(), other.precision()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl From<Date> for PartialDate {
    fn from(d: Date) -> Self {
        PartialDate::Day(d)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => d.fmt(f),
        }
    }
}

fn fixed_digits(part: &str, len: usize, s: &str) -> Result<u32, Error> {
    if part.len() == len && part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse::<u32>()
            .map_err(|_| Error::invalid("date", format!("{s:?} is not a date")))
    } else {
        Err(Error::invalid(
            "date",
            format!("{s:?} is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ))
    }
}

impl FromStr for PartialDate {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let mut parts = s.split('-');
        let year = fixed_digits(parts.next().unwrap_or(""), 4, s)? as i32;
        let month = parts.next().map(|p| fixed_digits(p, 2, s)).transpose()?;
        let day = parts.next().map(|p| fixed_digits(p, 2, s)).transpose()?;
        if parts.next().is_some() {
            return Err(Error::invalid("date", format!("{s:?} has too many parts")));
        }
        // fixed_digits bounds month and day to two digits, so the casts cannot truncate.
        match (month, day) {
            (None, _) => PartialDate::year_only(year),
            (Some(m), None) => PartialDate::month_of(year, m as u8),
            (Some(m), Some(d)) => Ok(PartialDate::Day(Date::new(year, m as u8, d as u8)?)),
        }
    }
}

super::serde_as_text!(PartialDate, Date);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_order_matches_date_order() {
        let a: PartialDate = "2023".parse().unwrap();
        let b: PartialDate = "2023-01".parse().unwrap();
        let c: PartialDate = "2023-01-28".parse().unwrap();
        let d: PartialDate = "2023-02".parse().unwrap();
        assert!(a < b && b < c && c < d);
        assert!(a.to_string() < b.to_string() && b.to_string() < c.to_string());
        assert!(c.to_string() < d.to_string());
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2023-13",
            "2023-00",
            "2023-02-29",
            "23",
            "2023-1-5",
            "2023-01-01-01",
            "二〇二三",
            "",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<PartialDate>().is_ok());
    }
}
