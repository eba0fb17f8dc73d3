//! Targets and observations: the same figure columns, different tense.

use super::entity::private::Persist;
use super::sql::{date_text, map_err, parse_col, parse_opt};
use crate::error::{EntityKind, Result};
use crate::model::{Decimal, Observation, Quantity, Target, Unit};
use crate::store::conn::ConnExt;
use rusqlite::{params, Connection, Row};

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
    () => {
        target_columns!("")
    };
    // Each column prefixed, as in `"p."`: written out at compile time.
    ($prefix:literal) => {
        $crate::store::column_list!($prefix; region_id, metric, measure, value_e4, unit, comparator, year, deadline, campaign_id, owner_id)
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
    () => {
        observation_columns!("")
    };
    // Each column prefixed, as in `"p."`: written out at compile time.
    ($prefix:literal) => {
        $crate::store::column_list!($prefix; region_id, metric, measure, value_e4, unit, comparator, period, target_id, campaign_id)
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

impl Persist for Target {
    const KIND: EntityKind = EntityKind::Target;
    const TABLE: &'static str = "target";

    fn insert(conn: &Connection, t: &Target, id: Option<i64>) -> Result<i64> {
        const SQL: &str = "INSERT INTO target (region_id, metric, measure, value_e4, unit, comparator, year, deadline, campaign_id, owner_id, id, metric_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
        let q = &t.quantity;
        conn.prepare_cached(SQL)
            .and_then(|mut s| {
                s.execute(params![
                    t.region,
                    t.metric,
                    t.measure.as_str(),
                    q.value.scaled(),
                    q.unit.as_str(),
                    q.comparator.as_str(),
                    t.year,
                    date_text(t.deadline),
                    t.campaign,
                    t.owner,
                    id,
                    metric_key(&t.metric),
                ])
            })
            .map_err(|e| map_err(EntityKind::Target, SQL, e))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(conn: &Connection, id: i64, t: &Target) -> Result<bool> {
        const SQL: &str = "UPDATE target SET region_id = ?2, metric = ?3, measure = ?4, value_e4 = ?5, unit = ?6, comparator = ?7, year = ?8, deadline = ?9, campaign_id = ?10, owner_id = ?11, metric_key = ?12 WHERE id = ?1";
        let q = &t.quantity;
        let n = conn
            .prepare_cached(SQL)
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    t.region,
                    t.metric,
                    t.measure.as_str(),
                    q.value.scaled(),
                    q.unit.as_str(),
                    q.comparator.as_str(),
                    t.year,
                    date_text(t.deadline),
                    t.campaign,
                    t.owner,
                    metric_key(&t.metric),
                ])
            })
            .map_err(|e| map_err(EntityKind::Target, SQL, e))?;
        Ok(n == 1)
    }

    fn read(conn: &Connection, id: i64) -> Result<Option<Target>> {
        const SQL: &str = concat!("SELECT ", target_columns!(), " FROM target WHERE id = ?1");
        conn.row_opt(SQL, [id], |r| target_from_row(r, 0))
    }
}

impl Persist for Observation {
    const KIND: EntityKind = EntityKind::Observation;
    const TABLE: &'static str = "observation";

    fn insert(conn: &Connection, o: &Observation, id: Option<i64>) -> Result<i64> {
        const SQL: &str = "INSERT INTO observation (region_id, metric, measure, value_e4, unit, comparator, period, target_id, campaign_id, id, metric_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
        let q = &o.quantity;
        conn.prepare_cached(SQL)
            .and_then(|mut s| {
                s.execute(params![
                    o.region,
                    o.metric,
                    o.measure.as_str(),
                    q.value.scaled(),
                    q.unit.as_str(),
                    q.comparator.as_str(),
                    date_text(o.period),
                    o.target,
                    o.campaign,
                    id,
                    metric_key(&o.metric),
                ])
            })
            .map_err(|e| map_err(EntityKind::Observation, SQL, e))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(conn: &Connection, id: i64, o: &Observation) -> Result<bool> {
        const SQL: &str = "UPDATE observation SET region_id = ?2, metric = ?3, measure = ?4, value_e4 = ?5, unit = ?6, comparator = ?7, period = ?8, target_id = ?9, campaign_id = ?10, metric_key = ?11 WHERE id = ?1";
        let q = &o.quantity;
        let n = conn
            .prepare_cached(SQL)
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    o.region,
                    o.metric,
                    o.measure.as_str(),
                    q.value.scaled(),
                    q.unit.as_str(),
                    q.comparator.as_str(),
                    date_text(o.period),
                    o.target,
                    o.campaign,
                    metric_key(&o.metric),
                ])
            })
            .map_err(|e| map_err(EntityKind::Observation, SQL, e))?;
        Ok(n == 1)
    }

    fn read(conn: &Connection, id: i64) -> Result<Option<Observation>> {
        const SQL: &str = concat!(
            "SELECT ",
            observation_columns!(),
            " FROM observation WHERE id = ?1"
        );
        conn.row_opt(SQL, [id], |r| observation_from_row(r, 0))
    }
}
