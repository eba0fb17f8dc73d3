//! Ledger → JSON Lines.

use super::{io_err, LineOut};
use crate::error::{Error, Result};
use crate::model::*;
use crate::store::conn::At;
use crate::store::record::{self, Record, RECORDS, TABLES};
use crate::store::EntityId;
use crate::Ledger;
use serde::Serialize;
use std::io::Write;

fn write_rows<I, W: Write>(ledger: &Ledger, kind: &str, sql: &str, out: &mut W) -> Result<usize>
where
    I: EntityId + rusqlite::types::FromSql,
    I::Entity: Serialize,
{
    let ids: Vec<I> = record::ids(ledger.conn(), sql)?;
    for id in &ids {
        let row = ledger.get(*id)?;
        serde_json::to_writer(
            &mut *out,
            &LineOut {
                kind,
                id: id.raw(),
                value: &row.value,
            },
        )
        .map_err(|e| Error::invalid("export", e.to_string()))?;
        out.write_all(b"\n").map_err(io_err)?;
    }
    Ok(ids.len())
}

fn write_records<W: Write>(ledger: &Ledger, record: &Record, out: &mut W) -> Result<usize> {
    use rusqlite::types::Value;
    let mut n = 0;
    record.for_each(ledger.conn(), |id, values| {
        let mut value = serde_json::Map::new();
        for (column, v) in record.columns.iter().zip(values) {
            let v = match v {
                Value::Null => serde_json::Value::Null,
                Value::Integer(v) => serde_json::Value::from(v),
                Value::Text(t) => serde_json::Value::from(t),
                Value::Real(_) | Value::Blob(_) => {
                    return Err(Error::invalid(
                        "export",
                        format!(
                            "{}.{column} holds a value of an unexpected type",
                            record.kind
                        ),
                    ))
                }
            };
            value.insert((*column).to_string(), v);
        }
        serde_json::to_writer(
            &mut *out,
            &LineOut {
                kind: record.kind,
                id,
                value: &value,
            },
        )
        .map_err(|e| Error::invalid("export", e.to_string()))?;
        out.write_all(b"\n").map_err(io_err)?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

impl Ledger {
    /// Writes every row of the ledger as JSON Lines; returns the number of lines. The rows are
    /// one snapshot: writes other connections commit meanwhile are not in it, even in part.
    ///
    /// One line per row: `{"type":"project","id":7,"value":{…}}`, where `value` is the
    /// entity's serde form. Tables come in dependency order (regions, sources, campaigns,
    /// persons, posts, holdings, projects, targets, observations, evidence), and within a table
    /// parents before children, so an import never meets a reference it has not seen. Ids are
    /// kept: exporting, importing into an empty ledger and exporting again gives the same bytes.
    ///
    /// ```
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let mut first = Vec::new();
    /// ledger.export_jsonl(&mut first)?;
    ///
    /// let mut copy = planledger::Ledger::open_in_memory()?;
    /// copy.import_jsonl(first.as_slice())?;
    /// let mut second = Vec::new();
    /// copy.export_jsonl(&mut second)?;
    /// assert_eq!(first, second);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn export_jsonl<W: Write>(&self, mut out: W) -> Result<usize> {
        // One read transaction for every table: a writer on another connection committing
        // midway would otherwise leave evidence in the export for facts that are not in it.
        let snapshot = self.conn().unchecked_transaction().at("BEGIN")?;
        let mut lines = 0;
        for (kind, sql) in TABLES {
            lines += match *kind {
                "region" => write_rows::<RegionId, _>(self, kind, sql, &mut out)?,
                "source" => write_rows::<SourceId, _>(self, kind, sql, &mut out)?,
                "campaign" => write_rows::<CampaignId, _>(self, kind, sql, &mut out)?,
                "person" => write_rows::<PersonId, _>(self, kind, sql, &mut out)?,
                "post" => write_rows::<PostId, _>(self, kind, sql, &mut out)?,
                "holding" => write_rows::<HoldingId, _>(self, kind, sql, &mut out)?,
                "project" => write_rows::<ProjectId, _>(self, kind, sql, &mut out)?,
                "target" => write_rows::<TargetId, _>(self, kind, sql, &mut out)?,
                "observation" => write_rows::<ObservationId, _>(self, kind, sql, &mut out)?,
                _ => write_rows::<EvidenceId, _>(self, kind, sql, &mut out)?,
            };
        }
        for record in RECORDS {
            lines += write_records(self, record, &mut out)?;
        }
        out.flush().map_err(io_err)?;
        snapshot.commit().at("COMMIT")?;
        Ok(lines)
    }
}
