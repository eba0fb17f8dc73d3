use super::{string_enum, Decimal};
use crate::Error;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

string_enum! {
    /// How a stated figure relates to the true one.
    #[derive(Default)]
    pub enum Comparator {
        /// Exactly the figure.
        #[default]
        Eq => "eq",
        /// More than the figure: 超, 超过, 突破, 余, 多.
        Over => "over",
        /// At least the figure: 以上, 不低于.
        AtLeast => "at_least",
        /// About the figure: 约, 近, 左右.
        About => "about",
        /// At most the figure: 以内, 不超过.
        AtMost => "at_most",
    }
}

string_enum! {
    /// What a target or observation measures.
    pub enum Measure {
        /// An absolute amount: 完成投资2490亿元.
        Level => "level",
        /// A growth rate: 增长25%.
        Growth => "growth",
        /// A proportion of a whole: 占全市的33.4%.
        Share => "share",
    }
}

/// The unit of a [`Quantity`].
///
/// Money is always `Yuan` (value in yuan) and percentages `Percent`; anything else keeps the
/// measure word as the text writes it (个, 家, 人次, 亩 …). Serialized as `"yuan"`, `"percent"` or
/// the word itself.
///
/// ```
/// use planledger::model::Unit;
/// assert_eq!(Unit::parse("元"), Unit::Yuan);
/// assert_eq!(Unit::parse("%"), Unit::Percent);
/// assert_eq!(Unit::parse("人次").as_str(), "人次");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Yuan (money).
    Yuan,
    /// Percent.
    Percent,
    /// A measure word.
    Word(String),
}

impl Unit {
    /// Reads a unit from its stored spelling or from text: `yuan`/`元`/`亿元`/`万元` are money,
    /// `percent`/`%`/`％` percent, anything else a measure word.
    pub fn parse(text: &str) -> Unit {
        match text {
            "yuan" | "元" | "亿元" | "万元" => Unit::Yuan,
            "percent" | "%" | "％" => Unit::Percent,
            other => Unit::Word(other.to_string()),
        }
    }

    /// The stored spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Unit::Yuan => "yuan",
            Unit::Percent => "percent",
            Unit::Word(w) => w,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.trim().is_empty() {
            return Err(serde::de::Error::custom("unit is empty"));
        }
        Ok(Unit::parse(&s))
    }
}

/// A stated figure: value, unit and comparator (`超2亿元` is over 200 000 000 yuan).
///
/// ```
/// use planledger::model::{Comparator, Quantity, Unit};
/// let q = Quantity::new("1.5".parse()?, Unit::parse("家"), Comparator::Eq).scaled_by(10_000)?;
/// assert_eq!(q.value.to_integer(), Some(15_000));
/// assert_eq!(q.to_string(), "15000家");
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quantity {
    /// The figure with multipliers applied: for money, yuan (2.5亿元 is 250 000 000); for
    /// percentages, the number as written (增长5.5% is 5.5); for counts, the count (1.5万家 is
    /// 15 000).
    pub value: Decimal,
    /// Yuan, percent, or the text's measure word (个, 家, 人次, 亩).
    pub unit: Unit,
    /// How the figure bounds the truth: 超2亿元 is `Over`, 5%以上 is `AtLeast`.
    #[serde(default)]
    pub comparator: Comparator,
}

impl Quantity {
    /// A quantity.
    pub fn new(value: Decimal, unit: Unit, comparator: Comparator) -> Self {
        Quantity {
            value,
            unit,
            comparator,
        }
    }

    /// A percentage.
    pub fn percent(value: Decimal) -> Self {
        Quantity::new(value, Unit::Percent, Comparator::Eq)
    }

    /// An amount of money.
    pub fn yuan(money: super::Money) -> Self {
        Quantity::new(
            Decimal::from_scaled(money.yuan().saturating_mul(10_000)),
            Unit::Yuan,
            Comparator::Eq,
        )
    }

    /// The same quantity with another comparator.
    pub fn with_comparator(mut self, comparator: Comparator) -> Self {
        self.comparator = comparator;
        self
    }

    /// Multiplies the value by a multiplier (万 = 10 000), rejecting overflow.
    pub fn scaled_by(mut self, k: i64) -> Result<Self, Error> {
        self.value = self.value.checked_mul_int(k)?;
        Ok(self)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.comparator {
            Comparator::Eq => "",
            Comparator::Over => "超",
            Comparator::AtLeast => "≥",
            Comparator::About => "约",
            Comparator::AtMost => "≤",
        };
        match &self.unit {
            Unit::Yuan => match self.value.to_integer().map(super::Money::from_yuan) {
                Some(Ok(m)) => write!(f, "{prefix}{m}"),
                _ => write!(f, "{prefix}{}元", self.value),
            },
            Unit::Percent => write!(f, "{prefix}{}%", self.value),
            Unit::Word(w) => write!(f, "{prefix}{}{w}", self.value),
        }
    }
}
