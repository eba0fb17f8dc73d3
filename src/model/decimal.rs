use crate::Error;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An exact decimal with up to four fractional digits: the value of a [`Quantity`](super::Quantity).
///
/// Texts give quantities like `33.4%`, `1.5万家`, `2490亿元`; floats would turn those into
/// approximations that compare unequal, so the value is an integer count of ten-thousandths.
/// The range (±922 trillion) covers any figure a government text states, money in yuan
/// included. Arithmetic is checked: overflow is an error, never a wrap.
///
/// ```
/// use planledger::model::Decimal;
/// let share: Decimal = "33.4".parse()?;
/// assert_eq!(share.to_string(), "33.4");
/// let scaled = Decimal::from_int(15).checked_mul_int(1_000)?; // 1.5万 = 15 × 1000
/// assert_eq!(scaled, "15000".parse()?);
/// assert!("0.00001".parse::<Decimal>().is_err()); // more precision than kept
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Decimal(i64);

impl Decimal {
    /// Fractional digits kept.
    pub const SCALE: u32 = 4;
    const ONE: i64 = 10_000;

    /// Zero.
    pub const ZERO: Decimal = Decimal(0);

    /// An integer value; every `i32` fits (for `i64` see [`Decimal::try_from_int`]).
    pub fn from_int(v: i32) -> Self {
        Decimal(v as i64 * Self::ONE)
    }

    /// An integer value, rejected when it does not fit.
    pub fn try_from_int(v: i64) -> Result<Self, Error> {
        v.checked_mul(Self::ONE)
            .map(Decimal)
            .ok_or_else(|| Error::invalid("value", format!("{v} is out of range")))
    }

    /// The value in ten-thousandths, as stored in the database.
    pub fn scaled(self) -> i64 {
        self.0
    }

    /// Rebuilds a value from ten-thousandths.
    pub fn from_scaled(raw: i64) -> Self {
        Decimal(raw)
    }

    /// The value when it is a whole number.
    pub fn to_integer(self) -> Option<i64> {
        (self.0 % Self::ONE == 0).then_some(self.0 / Self::ONE)
    }

    /// An approximation for display and charts, never for storage or comparison.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / Self::ONE as f64
    }

    /// Whether the value is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Multiplies by an integer (a multiplier such as 万), rejecting overflow.
    pub fn checked_mul_int(self, k: i64) -> Result<Self, Error> {
        self.0
            .checked_mul(k)
            .map(Decimal)
            .ok_or_else(|| Error::invalid("value", format!("{self} × {k} is out of range")))
    }

    /// Adds two values, rejecting overflow.
    pub fn checked_add(self, other: Decimal) -> Result<Self, Error> {
        self.0
            .checked_add(other.0)
            .map(Decimal)
            .ok_or_else(|| Error::invalid("value", format!("{self} + {other} is out of range")))
    }

    /// Subtracts, rejecting overflow.
    pub fn checked_sub(self, other: Decimal) -> Result<Self, Error> {
        self.0
            .checked_sub(other.0)
            .map(Decimal)
            .ok_or_else(|| Error::invalid("value", format!("{self} - {other} is out of range")))
    }

    /// Parses `digits[.digits]` scaled by an integer multiplier, exactly: `parse_scaled("1.5", 10_000)`
    /// is 15000. Fails on overflow or when the result needs more than four fractional digits.
    pub fn parse_scaled(text: &str, multiplier: i64) -> Result<Self, Error> {
        let bad = || Error::invalid("value", format!("{text:?} is not a decimal number"));
        let (neg, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int_part.is_empty() && frac_part.is_empty()
            || !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
            || (body.contains('.') && frac_part.is_empty())
        {
            return Err(bad());
        }
        let overflow = || Error::invalid("value", format!("{text:?} is out of range"));
        // value = (int_part . frac_part) × multiplier × 10^4, computed in i128 so that the
        // intermediate cannot overflow before the range check.
        let digits: String = format!("{int_part}{frac_part}");
        let digits = digits.trim_start_matches('0');
        if digits.len() > 30 {
            return Err(overflow());
        }
        let mantissa: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse::<i128>().map_err(|_| bad())?
        };
        let frac_len = frac_part.len() as u32;
        let numerator = mantissa
            .checked_mul(multiplier as i128)
            .and_then(|v| v.checked_mul(Self::ONE as i128))
            .ok_or_else(overflow)?;
        let divisor = 10i128.checked_pow(frac_len).ok_or_else(overflow)?;
        if numerator % divisor != 0 {
            return Err(Error::invalid(
                "value",
                format!("{text:?} needs more than {} fractional digits", Self::SCALE),
            ));
        }
        let v = numerator / divisor;
        let v = if neg { -v } else { v };
        i64::try_from(v).map(Decimal).map_err(|_| overflow())
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let int = abs / Self::ONE as u64;
        let frac = abs % Self::ONE as u64;
        if frac == 0 {
            write!(f, "{sign}{int}")
        } else {
            let frac = format!("{frac:04}");
            write!(f, "{sign}{int}.{}", frac.trim_end_matches('0'))
        }
    }
}

impl FromStr for Decimal {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Decimal::parse_scaled(s, 1)
    }
}

/// Whole numbers serialize as JSON integers; others as JSON numbers whose shortest form is the
/// exact decimal (every value below 2^53 ten-thousandths round-trips), larger ones as strings.
impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Some(i) = self.to_integer() {
            s.serialize_i64(i)
        } else if self.0.unsigned_abs() < (1u64 << 53) {
            s.serialize_f64(self.to_f64())
        } else {
            s.collect_str(self)
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number with at most 4 fractional digits")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
                Decimal::try_from_int(v).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
                let v = i64::try_from(v).map_err(|_| E::custom("number out of range"))?;
                Decimal::try_from_int(v).map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
                // The shortest representation of the float is the decimal that was written.
                if !v.is_finite() {
                    return Err(E::custom("number is not finite"));
                }
                let text = format!("{v}");
                text.parse().map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(
            Decimal::parse_scaled("30.64", 100_000_000)
                .unwrap()
                .to_integer(),
            Some(3_064_000_000)
        );
        assert_eq!(
            Decimal::parse_scaled("1.5", 10_000).unwrap().to_integer(),
            Some(15_000)
        );
        assert_eq!("33.4".parse::<Decimal>().unwrap().scaled(), 334_000);
        assert_eq!("-2.5".parse::<Decimal>().unwrap().to_string(), "-2.5");
        for bad in ["", ".", "1.", ".5x", "1e5", "１", "1.2.3", "0.00001"] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad}");
        }
        assert!(Decimal::parse_scaled("99999999999", 100_000_000).is_err());
    }

    #[test]
    fn serde_round_trip() {
        for text in ["0", "33.4", "2490", "-0.0001", "123456789.1234"] {
            let d: Decimal = text.parse().unwrap();
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(serde_json::from_str::<Decimal>(&json).unwrap(), d, "{json}");
        }
        let big = Decimal::from_scaled(i64::MAX - 1);
        let json = serde_json::to_string(&big).unwrap();
        assert_eq!(serde_json::from_str::<Decimal>(&json).unwrap(), big);
    }
}
