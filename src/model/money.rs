use crate::Error;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An exact amount of money in whole yuan.
///
/// Government texts state money in 亿元 (10^8) and 万元 (10^4) with decimals; those decimals are
/// exact in integer yuan (30.64亿元 is 3 064 000 000), so money is never a float. Negative
/// amounts are rejected: a text's "investment" is never below zero.
///
/// ```
/// use planledger::model::Money;
/// let m: Money = "30.64亿元".parse()?;
/// assert_eq!(m.yuan(), 3_064_000_000);
/// assert_eq!(m.to_string(), "30.64亿元");
/// assert_eq!("5000万".parse::<Money>()?.to_string(), "5000万元");
/// assert_eq!(Money::from_yuan(6_774_000_000)?.format_yi(2), "67.74");
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(transparent)]
pub struct Money(i64);

/// One 亿 (10^8) yuan.
pub(crate) const YI: i64 = 100_000_000;
/// One 万 (10^4) yuan.
pub(crate) const WAN: i64 = 10_000;

impl Money {
    /// Zero yuan.
    pub const ZERO: Money = Money(0);

    /// An amount in yuan; negative amounts are invalid.
    pub fn from_yuan(yuan: i64) -> Result<Self, Error> {
        if yuan < 0 {
            Err(Error::invalid(
                "investment",
                format!("{yuan} yuan is negative"),
            ))
        } else {
            Ok(Money(yuan))
        }
    }

    /// The amount in yuan.
    pub fn yuan(self) -> i64 {
        self.0
    }

    /// Adds, rejecting overflow.
    pub fn checked_add(self, other: Money) -> Result<Money, Error> {
        self.0
            .checked_add(other.0)
            .map(Money)
            .ok_or_else(|| Error::invalid("investment", "sum is out of range".to_string()))
    }

    /// The amount in 亿元, rounded half up to `decimals` places, without the unit:
    /// `format_yi(2)` of 6 774 000 000 yuan is `"67.74"`.
    pub fn format_yi(self, decimals: u32) -> String {
        let decimals = decimals.min(8);
        let unit = YI / 10i64.pow(decimals);
        let rounded = (self.0 as i128 + unit as i128 / 2) / unit as i128;
        let scale = 10i128.pow(decimals);
        if decimals == 0 {
            format!("{rounded}")
        } else {
            format!(
                "{}.{:0width$}",
                rounded / scale,
                rounded % scale,
                width = decimals as usize
            )
        }
    }
}

/// Writes `"{digits}{unit}"` with the exact decimal of `value / unit_size`.
fn write_in_unit(
    f: &mut fmt::Formatter<'_>,
    value: i64,
    unit_size: i64,
    unit: &str,
) -> fmt::Result {
    let int = value / unit_size;
    let frac = value % unit_size;
    if frac == 0 {
        write!(f, "{int}{unit}")
    } else {
        let width = unit_size.ilog10() as usize;
        let frac = format!("{frac:0width$}");
        write!(f, "{int}.{}{unit}", frac.trim_end_matches('0'))
    }
}

/// Displays in the unit a Chinese text would use: 亿元 from one 亿 up, 万元 from one 万 up, else 元.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 >= YI {
            write_in_unit(f, self.0, YI, "亿元")
        } else if self.0 >= WAN {
            write_in_unit(f, self.0, WAN, "万元")
        } else {
            write!(f, "{}元", self.0)
        }
    }
}

/// Parses `37.1亿元`, `37.1亿`, `5000万元`, `120元` and bare integers (yuan), exactly.
impl FromStr for Money {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let body = s.trim();
        let body = body.strip_suffix('元').unwrap_or(body);
        let (digits, multiplier) = if let Some(d) = body.strip_suffix('亿') {
            (d, YI)
        } else if let Some(d) = body.strip_suffix('万') {
            (d, WAN)
        } else {
            (body, 1)
        };
        let value = super::Decimal::parse_scaled(digits, multiplier)
            .map_err(|e| Error::invalid("investment", format!("{s:?}: {e}")))?;
        let yuan = value.to_integer().ok_or_else(|| {
            Error::invalid("investment", format!("{s:?} is not a whole number of yuan"))
        })?;
        Money::from_yuan(yuan)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let yuan = i64::deserialize(d)?;
        Money::from_yuan(yuan).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display_round_trip() {
        for (text, yuan, shown) in [
            ("37.1亿元", 3_710_000_000, "37.1亿元"),
            ("16.4亿", 1_640_000_000, "16.4亿元"),
            ("8660亿元", 866_000_000_000, "8660亿元"),
            ("50万元", 500_000, "50万元"),
            ("1.25万", 12_500, "1.25万元"),
            ("300元", 300, "300元"),
            ("0.5亿元", 50_000_000, "5000万元"),
        ] {
            let m: Money = text.parse().unwrap();
            assert_eq!(m.yuan(), yuan, "{text}");
            assert_eq!(m.to_string(), shown, "{text}");
            assert_eq!(shown.parse::<Money>().unwrap(), m);
        }
    }

    #[test]
    fn rejects_inexact_negative_and_garbage() {
        for bad in ["0.5元", "-3亿", "亿元", "三亿元", "1e9", "99999999999999亿"] {
            assert!(bad.parse::<Money>().is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Money>("-1").is_err());
    }

    #[test]
    fn format_yi_rounds_half_up() {
        assert_eq!(Money(6_774_000_000).format_yi(2), "67.74");
        assert_eq!(Money(1_234_500_000).format_yi(1), "12.3");
        assert_eq!(Money(5_000_000).format_yi(2), "0.05");
        assert_eq!(Money(4_999_999).format_yi(2), "0.05");
        assert_eq!(Money(0).format_yi(2), "0.00");
    }
}
