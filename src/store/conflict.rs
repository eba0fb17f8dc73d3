//! The SQL of reconciliation (`crate::reconcile`): the stored facts that share a candidate's
//! key columns, the evidence a fact already has, and the `fact_conflict` table. Which of the
//! rows found really match (names, metrics compared normalized) is decided by the pure rules in
//! `ingest::reconcile::keys`.

use super::evidence::fact_column;
use super::sql::{date_text, query_stored};
use super::{observation_columns, observation_from_row, project_columns, project_from_row};
use super::{target_columns, target_from_row};
use crate::error::{EntityKind, Error, Result};
use crate::model::{
    ConflictId, EvidenceId, FactRef, Observation, ObservationId, Project, ProjectId, SourceId,
    Span, Stored, Target, TargetId,
};
use crate::reconcile::{Conflict, ConflictField, Figure};
use crate::store::conn::{At, ConnExt};
use crate::{Ledger, Tx};
use rusqlite::types::Value;
use rusqlite::{params, Connection};

/// The lookup [`projects_keyed_like`] runs. `+status` keeps the status index out of it: without
/// statistics SQLite rated `status = ?` as selective as the region and year and took it (it
/// also spares the sort by id), but six statuses share a million projects on a national
/// ledger: 170 ms a lookup there against 0.04 ms through the region and year.
const PROJECTS_KEYED_LIKE: &str = concat!(
    "SELECT id, ",
    project_columns!(),
    " FROM project WHERE region_id IS ?1 AND year IS ?2 AND +status IS ?3 AND parent_id IS ?4 ORDER BY id"
);

/// Stored projects with `p`'s region, year, status and batch, lowest id first.
pub(crate) fn projects_keyed_like(
    conn: &Connection,
    p: &Project,
) -> Result<Vec<Stored<ProjectId, Project>>> {
    const SQL: &str = PROJECTS_KEYED_LIKE;
    let params = [
        Value::from(p.region.map(|r| r.get())),
        Value::from(p.year),
        Value::from(p.status.map(|s| s.as_str().to_string())),
        Value::from(p.parent.map(|b| b.get())),
    ];
    query_stored(conn, SQL, &params, project_from_row)
}

/// Stored targets with `t`'s region, year, deadline, measure and unit, lowest id first.
pub(crate) fn targets_keyed_like(
    conn: &Connection,
    t: &Target,
) -> Result<Vec<Stored<TargetId, Target>>> {
    const SQL: &str = concat!(
        "SELECT id, ",
        target_columns!(),
        " FROM target WHERE region_id IS ?1 AND year IS ?2 AND deadline IS ?3 AND measure = ?4 AND unit = ?5 ORDER BY id"
    );
    let params = [
        Value::from(t.region.map(|r| r.get())),
        Value::from(t.year),
        Value::from(date_text(t.deadline)),
        Value::from(t.measure.as_str().to_string()),
        Value::from(t.quantity.unit.as_str().to_string()),
    ];
    query_stored(conn, SQL, &params, target_from_row)
}

/// Stored observations with `o`'s region, period, measure and unit, lowest id first.
pub(crate) fn observations_keyed_like(
    conn: &Connection,
    o: &Observation,
) -> Result<Vec<Stored<ObservationId, Observation>>> {
    const SQL: &str = concat!(
        "SELECT id, ",
        observation_columns!(),
        " FROM observation WHERE region_id IS ?1 AND period IS ?2 AND measure = ?3 AND unit = ?4 ORDER BY id"
    );
    let params = [
        Value::from(o.region.map(|r| r.get())),
        Value::from(date_text(o.period)),
        Value::from(o.measure.as_str().to_string()),
        Value::from(o.quantity.unit.as_str().to_string()),
    ];
    query_stored(conn, SQL, &params, observation_from_row)
}

fn entity_of(fact: FactRef) -> EntityKind {
    match fact {
        FactRef::Project(_) => EntityKind::Project,
        FactRef::Target(_) => EntityKind::Target,
        FactRef::Observation(_) => EntityKind::Observation,
        FactRef::Campaign(_) => EntityKind::Campaign,
        FactRef::Holding(_) => EntityKind::Holding,
    }
}

/// Whether `fact` already has evidence at exactly this source and span.
pub(crate) fn has_evidence(
    conn: &Connection,
    fact: FactRef,
    source: SourceId,
    span: Span,
) -> Result<bool> {
    let (column, id) = fact_column(fact);
    let sql = format!(
        "SELECT 1 FROM evidence WHERE {column} = ?1 AND source_id = ?2 AND span_start = ?3 AND span_end = ?4"
    );
    conn.prepare_cached(&sql)
        .and_then(|mut s| s.exists(params![id, source, span.start(), span.end()]))
        .at(&sql)
}

impl Tx<'_> {
    /// Stores a disagreement between `fact` (there first) and `other`, two facts of one kind.
    pub(crate) fn insert_conflict(
        &mut self,
        fact: FactRef,
        other: FactRef,
        value: Figure,
        other_value: Figure,
        evidence: Option<EvidenceId>,
        rule: &str,
    ) -> Result<ConflictId> {
        let mut ids: [Option<i64>; 6] = [None; 6];
        let slot = match (fact, other) {
            (FactRef::Project(_), FactRef::Project(_)) => 0,
            (FactRef::Target(_), FactRef::Target(_)) => 2,
            (FactRef::Observation(_), FactRef::Observation(_)) => 4,
            _ => {
                return Err(Error::invalid(
                    "conflict",
                    "a conflict pairs two facts of one kind (project, target or observation)",
                ))
            }
        };
        ids[slot] = Some(fact_column(fact).1);
        ids[slot + 1] = Some(fact_column(other).1);
        const SQL: &str = "INSERT INTO fact_conflict (project_id, other_project_id, target_id, \
             other_target_id, observation_id, other_observation_id, field, value, other_value, \
             evidence_id, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
        self.conn()?.write(
            entity_of(fact),
            SQL,
            params![
                ids[0],
                ids[1],
                ids[2],
                ids[3],
                ids[4],
                ids[5],
                value.field().as_str(),
                value.raw(),
                other_value.raw(),
                evidence,
                rule,
            ],
        )?;
        Ok(ConflictId::from_raw(self.conn()?.last_insert_rowid()))
    }
}

const CONFLICT_SQL: &str = "SELECT id, project_id, other_project_id, target_id, other_target_id, \
     observation_id, other_observation_id, field, value, other_value, evidence_id, rule \
     FROM fact_conflict";

fn conflict_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Conflict> {
    let ids: [Option<i64>; 6] = [
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ];
    let bad = |e: Error| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Null, Box::new(e))
    };
    let (fact, other) = match ids {
        [Some(a), Some(b), None, None, None, None] => (
            FactRef::Project(ProjectId::from_raw(a)),
            FactRef::Project(ProjectId::from_raw(b)),
        ),
        [None, None, Some(a), Some(b), None, None] => (
            FactRef::Target(TargetId::from_raw(a)),
            FactRef::Target(TargetId::from_raw(b)),
        ),
        [None, None, None, None, Some(a), Some(b)] => (
            FactRef::Observation(ObservationId::from_raw(a)),
            FactRef::Observation(ObservationId::from_raw(b)),
        ),
        _ => {
            return Err(bad(Error::invalid(
                "fact_conflict",
                "names no pair of facts",
            )))
        }
    };
    let field: ConflictField = super::sql::parse_col(r, 7)?;
    let figure = |at: usize| -> rusqlite::Result<Figure> {
        Figure::from_raw(field, r.get(at)?).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                at,
                rusqlite::types::Type::Integer,
                Box::new(e),
            )
        })
    };
    Ok(Conflict {
        id: ConflictId::from_raw(r.get(0)?),
        fact,
        other,
        field,
        value: figure(8)?,
        other_value: figure(9)?,
        evidence: r.get(10)?,
        rule: r.get(11)?,
    })
}

impl Ledger {
    /// Every stored conflict, oldest first.
    pub(crate) fn conflict_rows(&self) -> Result<Vec<Conflict>> {
        let sql = format!("{CONFLICT_SQL} ORDER BY id");
        self.conn().rows(&sql, [], conflict_from_row)
    }

    /// The stored conflicts `fact` is part of, on either side, oldest first.
    pub(crate) fn conflict_rows_for(&self, fact: FactRef) -> Result<Vec<Conflict>> {
        let (a, b, id) = match fact {
            FactRef::Project(id) => ("project_id", "other_project_id", id.get()),
            FactRef::Target(id) => ("target_id", "other_target_id", id.get()),
            FactRef::Observation(id) => ("observation_id", "other_observation_id", id.get()),
            FactRef::Campaign(_) | FactRef::Holding(_) => return Ok(Vec::new()),
        };
        let sql = format!("{CONFLICT_SQL} WHERE {a} = ?1 OR {b} = ?1 ORDER BY id");
        self.conn().rows(&sql, [id], conflict_from_row)
    }
}

#[cfg(test)]
mod tests {
    use crate::Ledger;

    #[test]
    fn the_project_lookup_goes_through_region_and_year_not_status() {
        let ledger = Ledger::open_in_memory().unwrap();
        let mut stmt = ledger
            .conn()
            .prepare(&format!(
                "EXPLAIN QUERY PLAN {}",
                super::PROJECTS_KEYED_LIKE
            ))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map([None::<i64>; 4], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter().any(|s| s.contains("project_region_year")),
            "{plan:?}"
        );
        assert!(
            plan.iter().all(|s| !s.contains("project_status")),
            "{plan:?}"
        );
    }
}
