//! Evidence: which span of which source supports which fact.

use super::sql::parse_col;
use super::table::persist;
use crate::error::Error;
use crate::model::{Evidence, FactRef, Span};
use rusqlite::Row;

/// The columns of `evidence` that name a fact, in schema order: one of them is set.
const FACT_COLUMNS: [&str; 5] = [
    "project_id",
    "target_id",
    "observation_id",
    "campaign_id",
    "holding_id",
];

/// Which of [`FACT_COLUMNS`] names `fact`, and its id.
fn fact_slot(fact: FactRef) -> (usize, i64) {
    match fact {
        FactRef::Project(id) => (0, id.get()),
        FactRef::Target(id) => (1, id.get()),
        FactRef::Observation(id) => (2, id.get()),
        FactRef::Campaign(id) => (3, id.get()),
        FactRef::Holding(id) => (4, id.get()),
    }
}

/// The column of `evidence` that names `fact`, and its id: for `WHERE {column} = ?`.
pub(crate) fn fact_column(fact: FactRef) -> (&'static str, i64) {
    let (slot, id) = fact_slot(fact);
    (FACT_COLUMNS[slot], id)
}

/// The five fact columns, in schema order, with the one `fact` fills.
fn fact_columns(fact: FactRef) -> [Option<i64>; 5] {
    let (slot, id) = fact_slot(fact);
    let mut cols = [None; 5];
    cols[slot] = Some(id);
    cols
}

/// The columns [`from_row`] reads, in order.
macro_rules! evidence_columns {
    // Each column after the prefix, if one is given (`"p."`): written out at compile time.
    ($($prefix:literal)?) => {
        $crate::store::column_list!($($prefix)?; source_id, project_id, target_id, observation_id, campaign_id, holding_id, span_start, span_end, method)
    };
}
pub(crate) use evidence_columns;

pub(crate) fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Evidence> {
    use crate::model::{CampaignId, HoldingId, ObservationId, ProjectId, TargetId};
    let ids: [Option<i64>; 5] = [
        row.get(at + 1)?,
        row.get(at + 2)?,
        row.get(at + 3)?,
        row.get(at + 4)?,
        row.get(at + 5)?,
    ];
    let fact = match ids {
        [Some(id), ..] => FactRef::Project(ProjectId::from_raw(id)),
        [None, Some(id), ..] => FactRef::Target(TargetId::from_raw(id)),
        [None, None, Some(id), ..] => FactRef::Observation(ObservationId::from_raw(id)),
        [None, None, None, Some(id), _] => FactRef::Campaign(CampaignId::from_raw(id)),
        [None, None, None, None, Some(id)] => FactRef::Holding(HoldingId::from_raw(id)),
        [None, None, None, None, None] => {
            return Err(rusqlite::Error::FromSqlConversionFailure(
                at + 1,
                rusqlite::types::Type::Null,
                Box::new(Error::invalid("evidence", "names no fact")),
            ))
        }
    };
    let start: i64 = row.get(at + 6)?;
    let end: i64 = row.get(at + 7)?;
    let conv = |e: Error| {
        rusqlite::Error::FromSqlConversionFailure(
            at + 6,
            rusqlite::types::Type::Integer,
            Box::new(e),
        )
    };
    let as_u32 = |v: i64| {
        u32::try_from(v).map_err(|_| conv(Error::invalid("span", format!("{v} is out of range"))))
    };
    let span = Span::new(as_u32(start)?, as_u32(end)?).map_err(conv)?;
    Ok(Evidence {
        source: row.get(at)?,
        fact,
        span,
        method: parse_col(row, at + 8)?,
    })
}

persist! {
    Evidence => "evidence" as Evidence {
        columns: evidence_columns!(),
        derived: [],
        read: from_row,
        bind: |e| let fact = fact_columns(e.fact); [
            e.source,
            fact[0],
            fact[1],
            fact[2],
            fact[3],
            fact[4],
            e.span.start(),
            e.span.end(),
            e.method.to_string(),
        ],
    }
}
