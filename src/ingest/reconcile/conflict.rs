//! A recorded disagreement: two facts that match as one statement but state different figures,
//! and the figures as the `fact_conflict` table keeps them (integers: yuan, counts, scaled
//! decimals).

use crate::error::{Error, Result};
use crate::model::{string_enum, ConflictId, Decimal, EvidenceId, FactRef, Money};
use serde::{Deserialize, Serialize};

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
    pub(crate) fn raw(self) -> i64 {
        match self {
            Figure::Investment(m) => m.yuan(),
            Figure::Count(c) => i64::from(c),
            Figure::Value(v) => v.scaled(),
        }
    }

    pub(crate) fn field(self) -> ConflictField {
        match self {
            Figure::Investment(_) => ConflictField::Investment,
            Figure::Count(_) => ConflictField::Count,
            Figure::Value(_) => ConflictField::Value,
        }
    }

    pub(crate) fn from_raw(field: ConflictField, raw: i64) -> Result<Figure> {
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
