//! The target status history tables (`target_status`, `target_status_evidence`): appending a
//! change with its evidence, reading a target's history, and the last recorded status of
//! every target. What counts as a change is decided in `pledge::history`.

use super::sql::{parse_col, parse_opt};
use crate::error::{EntityKind, Result};
use crate::model::{Date, Decimal, EvidenceId, StatusChangeId, TargetId, TargetStatus};
use crate::pledge::{StatusChange, TargetProgress};
use crate::store::conn::ConnExt;
use rusqlite::{params, Connection};
use std::collections::HashMap;

const HISTORY_COLUMNS: &str = "id, target_id, as_of, status, previous, rule, observation_id, \
                               observed_e4, progress_e4, elapsed_e4";

fn change_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StatusChange> {
    Ok(StatusChange {
        id: StatusChangeId::from_raw(r.get(0)?),
        target: r.get(1)?,
        as_of: parse_col(r, 2)?,
        status: parse_col(r, 3)?,
        previous: parse_opt(r, 4)?,
        rule: parse_col(r, 5)?,
        observation: r.get(6)?,
        observed: r.get::<_, Option<i64>>(7)?.map(Decimal::from_scaled),
        progress: r.get::<_, Option<i64>>(8)?.map(Decimal::from_scaled),
        elapsed: r.get::<_, Option<i64>>(9)?.map(Decimal::from_scaled),
        evidence: Vec::new(),
    })
}

fn change_evidence(conn: &Connection, id: StatusChangeId) -> Result<Vec<EvidenceId>> {
    const SQL: &str =
        "SELECT evidence_id FROM target_status_evidence WHERE status_id = ?1 ORDER BY evidence_id";
    conn.rows(SQL, [id.get()], |r| r.get(0))
}

/// The last recorded (status, day) of every target that has a history: one pass over the
/// `target_status(target_id, id)` index.
pub(crate) fn last_changes(conn: &Connection) -> Result<HashMap<TargetId, (TargetStatus, Date)>> {
    const SQL: &str = "SELECT s.target_id, s.status, s.as_of FROM target_status s \
         JOIN (SELECT target_id, max(id) AS id FROM target_status GROUP BY target_id) m ON m.id = s.id";
    let rows = conn.rows(SQL, [], |r| {
        Ok((r.get(0)?, (parse_col(r, 1)?, parse_col(r, 2)?)))
    })?;
    Ok(rows.into_iter().collect())
}

/// A target's recorded changes with their evidence, oldest first (empty for a target without
/// history, or an unknown one).
pub(crate) fn history_of(conn: &Connection, target: TargetId) -> Result<Vec<StatusChange>> {
    let sql =
        format!("SELECT {HISTORY_COLUMNS} FROM target_status WHERE target_id = ?1 ORDER BY id");
    let mut rows: Vec<StatusChange> = conn.rows(&sql, [target.get()], change_from_row)?;
    for row in &mut rows {
        row.evidence = change_evidence(conn, row.id)?;
    }
    Ok(rows)
}

/// Appends `s` as a history row replacing `previous`, with its evidence.
pub(crate) fn append_change(
    conn: &Connection,
    s: &TargetProgress,
    previous: Option<TargetStatus>,
) -> Result<StatusChange> {
    const SQL: &str = "INSERT INTO target_status (target_id, as_of, status, previous, rule, \
         observation_id, observed_e4, progress_e4, elapsed_e4) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    const EVIDENCE_SQL: &str =
        "INSERT INTO target_status_evidence (status_id, evidence_id) VALUES (?1, ?2)";
    let a = &s.assessment;
    let observed = s.observation.as_ref().map(|o| o.quantity.value.scaled());
    conn.write(
        EntityKind::Target,
        SQL,
        params![
            s.target.id,
            s.as_of.to_string(),
            a.status.as_str(),
            previous.map(TargetStatus::as_str),
            a.rule.as_str(),
            s.observation.as_ref().map(|o| o.id),
            observed,
            a.progress.map(Decimal::scaled),
            a.elapsed.map(Decimal::scaled),
        ],
    )?;
    let id = StatusChangeId::from_raw(conn.last_insert_rowid());
    for e in &s.evidence {
        conn.write(EntityKind::Target, EVIDENCE_SQL, params![id.get(), e.get()])?;
    }
    Ok(StatusChange {
        id,
        target: s.target.id,
        as_of: s.as_of,
        status: a.status,
        previous,
        rule: a.rule,
        observation: s.observation.as_ref().map(|o| o.id),
        observed: s.observation.as_ref().map(|o| o.quantity.value),
        progress: a.progress,
        elapsed: a.elapsed,
        evidence: s.evidence.clone(),
    })
}
