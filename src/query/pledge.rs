//! The reads pledge tracking (`crate::pledge`) needs: targets with the observations linked to
//! them, an observation's evidence. The status rules themselves are pure and live in
//! `pledge::rules`.

use super::{where_clause, FigureFilter, YearColumn};
use crate::error::Result;
use crate::model::{EvidenceId, Observation, ObservationId, Stored, Target, TargetId};
use crate::store::sql::storage;
use crate::store::{observation_columns, observation_from_row, target_columns, target_from_row};
use rusqlite::Connection;
use std::collections::HashMap;

/// A target and the observations linked to it with its measure and unit.
pub(crate) type TargetWithObservations = (
    Stored<TargetId, Target>,
    Vec<Stored<ObservationId, Observation>>,
);

/// Targets matching `filter` (by region, then id), each with every linked observation of the
/// same measure and unit, read through one connection (a ledger's or a transaction's).
pub(crate) fn targets_with_observations(
    conn: &Connection,
    filter: &FigureFilter,
) -> Result<Vec<TargetWithObservations>> {
    let (conds, params) = filter.conditions(YearColumn::Integer("f.year"), "f.campaign_id");
    let where_ = where_clause(&conds);
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
    Ok(targets
        .into_iter()
        .map(|t| {
            let linked = by_target.remove(&t.id).unwrap_or_default();
            (t, linked)
        })
        .collect())
}

/// An observation's evidence rows, in the order recorded.
pub(crate) fn observation_evidence(
    conn: &Connection,
    id: ObservationId,
) -> Result<Vec<EvidenceId>> {
    const SQL: &str = "SELECT id FROM evidence WHERE observation_id = ?1 ORDER BY id";
    conn.prepare_cached(SQL)
        .and_then(|mut s| s.query_map([id.get()], |r| r.get(0))?.collect())
        .map_err(storage(SQL))
}

/// Observations pointing at a target, by id.
pub(crate) fn linked_observations(
    conn: &Connection,
    target: TargetId,
) -> Result<Vec<Stored<ObservationId, Observation>>> {
    const SQL: &str = concat!(
        "SELECT id, ",
        observation_columns!(),
        " FROM observation WHERE target_id = ?1 ORDER BY id"
    );
    conn.prepare_cached(SQL)
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
