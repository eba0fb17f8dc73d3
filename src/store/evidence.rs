//! Evidence: which span of which source supports which fact.

use super::sql::parse_col;
use super::table::persist;
use crate::error::Error;
use crate::model::{Evidence, FactRef, Span};
use rusqlite::Row;

/// The five fact columns, in schema order, with the one `fact` fills.
fn fact_columns(fact: FactRef) -> [Option<i64>; 5] {
    let mut cols = [None; 5];
    match fact {
        FactRef::Project(id) => cols[0] = Some(id.get()),
        FactRef::Target(id) => cols[1] = Some(id.get()),
        FactRef::Observation(id) => cols[2] = Some(id.get()),
        FactRef::Campaign(id) => cols[3] = Some(id.get()),
        FactRef::Holding(id) => cols[4] = Some(id.get()),
    }
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
