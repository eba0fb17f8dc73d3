//! The reads pledge tracking (`crate::pledge`) needs: targets with the observations linked to
//! them, an observation's evidence. The status rules themselves are pure and live in
//! `pledge::rules`.

use super::{FigureFilter, YearColumn};
use crate::error::Result;
use crate::model::{EvidenceId, Observation, ObservationId, Stored, Target, TargetId};
use crate::store::conn::ConnExt;
use crate::store::sql::query_stored;
use crate::store::{observation_columns, observation_from_row, target_columns, target_from_row};
use rusqlite::Connection;

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
    let conds = filter.conditions(YearColumn::Integer("f.year"), "f.campaign_id");
    let targets: Vec<Stored<TargetId, Target>> = conds.select_stored(
        conn,
        concat!("SELECT f.id, ", target_columns!("f."), " FROM target f"),
        "f.region_id, f.id",
        target_from_row,
    )?;
    // Every observation linked to a selected target, with the target's measure and unit, in
    // one pass over observation_target.
    let obs_sql = format!(
        "SELECT o.id, {} FROM target f JOIN observation o ON o.target_id = f.id \
         AND o.measure = f.measure AND o.unit = f.unit {}",
        observation_columns!("o."),
        conds.where_clause()
    );
    let linked: Vec<Stored<ObservationId, Observation>> =
        query_stored(conn, &obs_sql, conds.params(), observation_from_row)?;
    let mut by_target = super::grouped(linked, |o| o.target);
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
    conn.rows(SQL, [id.get()], |r| r.get(0))
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
    let params = [rusqlite::types::Value::from(target.get())];
    query_stored(conn, SQL, &params, observation_from_row)
}
