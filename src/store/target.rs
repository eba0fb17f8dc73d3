//! Targets and observations: the same figure columns, different tense.

use super::sql::{date_text, parse_col, parse_opt};
use super::table::persist;
use crate::model::{Decimal, Observation, Quantity, Target, Unit};
use rusqlite::Row;

/// The key of the canonical indicator a metric as written names (地区生产总值, 生产总值 and GDP
/// are all `gdp`), from the table the extractor reads; `None` for a metric it does not know.
/// Stored beside the text on every write (migration 0006), so queries compare indicators,
/// not spellings.
pub(crate) fn metric_key(metric: &str) -> Option<&'static str> {
    crate::extract::metrics::canonical(metric).map(|m| m.key)
}

/// Reads `value_e4, unit, comparator` starting at column `at`.
pub(crate) fn quantity(row: &Row<'_>, at: usize) -> rusqlite::Result<Quantity> {
    Ok(Quantity {
        value: Decimal::from_scaled(row.get(at)?),
        unit: Unit::parse(crate::store::sql::text_ref(row, at + 1)?),
        comparator: parse_col(row, at + 2)?,
    })
}

/// The columns [`target_from_row`] reads, in order.
macro_rules! target_columns {
    // Each column after the prefix, if one is given (`"p."`): written out at compile time.
    ($($prefix:literal)?) => {
        $crate::store::column_list!($($prefix)?; region_id, metric, measure, value_e4, unit, comparator, year, deadline, campaign_id, owner_id)
    };
}
pub(crate) use target_columns;

pub(crate) fn target_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Target> {
    Ok(Target {
        region: row.get(at)?,
        metric: row.get(at + 1)?,
        measure: parse_col(row, at + 2)?,
        quantity: quantity(row, at + 3)?,
        year: row.get(at + 6)?,
        deadline: parse_opt(row, at + 7)?,
        campaign: row.get(at + 8)?,
        owner: row.get(at + 9)?,
    })
}

/// The columns [`observation_from_row`] reads, in order.
macro_rules! observation_columns {
    // Each column after the prefix, if one is given (`"p."`): written out at compile time.
    ($($prefix:literal)?) => {
        $crate::store::column_list!($($prefix)?; region_id, metric, measure, value_e4, unit, comparator, period, target_id, campaign_id)
    };
}
pub(crate) use observation_columns;

pub(crate) fn observation_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Observation> {
    Ok(Observation {
        region: row.get(at)?,
        metric: row.get(at + 1)?,
        measure: parse_col(row, at + 2)?,
        quantity: quantity(row, at + 3)?,
        period: parse_opt(row, at + 6)?,
        target: row.get(at + 7)?,
        campaign: row.get(at + 8)?,
    })
}

persist! {
    Target => "target" as Target {
        columns: target_columns!(),
        derived: ["metric_key"],
        read: target_from_row,
        bind: |t| [
            t.region,
            t.metric,
            t.measure.as_str(),
            t.quantity.value.scaled(),
            t.quantity.unit.as_str(),
            t.quantity.comparator.as_str(),
            t.year,
            date_text(t.deadline),
            t.campaign,
            t.owner,
            metric_key(&t.metric),
        ],
    }
}

persist! {
    Observation => "observation" as Observation {
        columns: observation_columns!(),
        derived: ["metric_key"],
        read: observation_from_row,
        bind: |o| [
            o.region,
            o.metric,
            o.measure.as_str(),
            o.quantity.value.scaled(),
            o.quantity.unit.as_str(),
            o.quantity.comparator.as_str(),
            date_text(o.period),
            o.target,
            o.campaign,
            metric_key(&o.metric),
        ],
    }
}
