//! JSON Lines export and import of a whole ledger.
//!
//! One line per row: `{"type":"project","id":7,"value":{…}}`, where `value` is the entity's
//! serde form. Tables come in dependency order (regions, sources, campaigns, persons, posts,
//! holdings, projects, targets, observations, evidence), and within a table parents before
//! children, so an import never meets a reference it has not seen. Ids are kept: exporting,
//! importing into an empty ledger and exporting again gives the same bytes.

use crate::error::{Error, Result};
use crate::model::*;
use crate::store::conn::{At, ConnExt};
use crate::store::EntityId;
use crate::{Ledger, Tx};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};

/// Each table with the type name used in the file and the order rows are written in.
const TABLES: &[(&str, &str)] = &[
    ("region", "SELECT id FROM region ORDER BY path"),
    ("source", "SELECT id FROM source ORDER BY id"),
    ("campaign", "SELECT id FROM campaign ORDER BY path"),
    ("person", "SELECT id FROM person ORDER BY id"),
    ("post", "SELECT id FROM post ORDER BY id"),
    ("holding", "SELECT id FROM holding ORDER BY id"),
    (
        "project",
        "SELECT id FROM project ORDER BY parent_id IS NOT NULL OR part_of_id IS NOT NULL, id",
    ),
    ("target", "SELECT id FROM target ORDER BY id"),
    ("observation", "SELECT id FROM observation ORDER BY id"),
    ("evidence", "SELECT id FROM evidence ORDER BY id"),
];

/// Tables of records that have no entity type of their own (histories, flags): written column
/// by column after the entities, in the order their own triggers need on import.
struct Record {
    kind: &'static str,
    /// The column written as the line's `id`.
    key: &'static str,
    columns: &'static [&'static str],
    order: &'static str,
}

const RECORDS: &[Record] = &[
    Record {
        kind: "target_status",
        key: "id",
        columns: &[
            "target_id",
            "as_of",
            "status",
            "previous",
            "rule",
            "observation_id",
            "observed_e4",
            "progress_e4",
            "elapsed_e4",
        ],
        order: "id",
    },
    Record {
        kind: "target_status_evidence",
        key: "status_id",
        columns: &["evidence_id"],
        order: "status_id, evidence_id",
    },
    Record {
        kind: "fact_conflict",
        key: "id",
        columns: &[
            "project_id",
            "other_project_id",
            "target_id",
            "other_target_id",
            "observation_id",
            "other_observation_id",
            "field",
            "value",
            "other_value",
            "evidence_id",
            "rule",
        ],
        order: "id",
    },
];

fn write_records<W: Write>(ledger: &Ledger, record: &Record, out: &mut W) -> Result<usize> {
    use rusqlite::types::ValueRef;
    let sql = format!(
        "SELECT {}, {} FROM {} ORDER BY {}",
        record.key,
        record.columns.join(", "),
        record.kind,
        record.order
    );
    let mut n = 0;
    ledger.conn().for_each_row(&sql, [], |row| {
        let id: i64 = row.get(0).at(&sql)?;
        let mut value = serde_json::Map::new();
        for (i, column) in record.columns.iter().enumerate() {
            let v = match row.get_ref(i + 1).at(&sql)? {
                ValueRef::Null => serde_json::Value::Null,
                ValueRef::Integer(v) => serde_json::Value::from(v),
                ValueRef::Text(t) => {
                    serde_json::Value::from(String::from_utf8_lossy(t).into_owned())
                }
                ValueRef::Real(_) | ValueRef::Blob(_) => {
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

fn import_record(
    tx: &mut Tx<'_>,
    line: usize,
    record: &Record,
    id: i64,
    value: serde_json::Value,
) -> Result<()> {
    use rusqlite::types::Value;
    let serde_json::Value::Object(map) = value else {
        return Err(import_err(line, "value", "is not an object"));
    };
    if let Some(unknown) = map.keys().find(|k| !record.columns.contains(&k.as_str())) {
        return Err(import_err(
            line,
            format!("value.{unknown}"),
            "unknown field",
        ));
    }
    let mut params = vec![Value::Integer(id)];
    for column in record.columns {
        let field = format!("value.{column}");
        params.push(match map.get(*column) {
            None => return Err(import_err(line, field, "missing")),
            Some(serde_json::Value::Null) => Value::Null,
            Some(serde_json::Value::String(s)) => Value::Text(s.clone()),
            Some(serde_json::Value::Number(n)) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => return Err(import_err(line, field, "is not an integer")),
            },
            Some(_) => {
                return Err(import_err(
                    line,
                    field,
                    "wrong type: expected a string, an integer or null",
                ))
            }
        });
    }
    let sql = format!(
        "INSERT INTO {} ({}, {}) VALUES ({})",
        record.kind,
        record.key,
        record.columns.join(", "),
        (1..=params.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    tx.conn()?
        .prepare_cached(&sql)
        .and_then(|mut s| s.execute(rusqlite::params_from_iter(params.iter())))
        .map(|_| ())
        .map_err(
            |e| match crate::store::sql::map_err(crate::EntityKind::Target, &sql, e) {
                Error::Constraint { rule, .. } => {
                    import_err(line, "value", format!("breaks rule {rule}"))
                }
                other => other,
            },
        )
}

#[derive(Serialize)]
struct LineOut<'a, T> {
    #[serde(rename = "type")]
    kind: &'a str,
    id: i64,
    value: &'a T,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineIn {
    #[serde(rename = "type")]
    kind: String,
    id: i64,
    value: serde_json::Value,
}

fn io_err(e: std::io::Error) -> Error {
    Error::Io {
        path: "<export stream>".into(),
        source: e,
    }
}

fn write_rows<I, W: Write>(ledger: &Ledger, kind: &str, sql: &str, out: &mut W) -> Result<usize>
where
    I: EntityId + rusqlite::types::FromSql,
    I::Entity: Serialize,
{
    let ids: Vec<I> = ledger.conn().rows(sql, [], |r| r.get(0))?;
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

impl Ledger {
    /// Writes every row of the ledger as JSON Lines; returns the number of lines. The rows are
    /// one snapshot: writes other connections commit meanwhile are not in it, even in part.
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

    /// Reads JSON Lines written by [`export_jsonl`](Ledger::export_jsonl) into this ledger,
    /// which must be empty. All or nothing: the first bad line (not JSON, an unknown type or
    /// field, a wrong type, an impossible value, a reference to a row not imported before it, a
    /// span past its source's end, an id of 2^60 or more, a value too big for SQLite to store)
    /// aborts the import with [`Error::Import`] naming the line and the field, and nothing of
    /// the import is kept. A byte-order mark at the start of the input is skipped. Returns the
    /// number of rows imported.
    ///
    /// ```
    /// let bad = br#"{"type":"project","id":1,"value":{"count":3,"investment":-5}}"#;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// match ledger.import_jsonl(&bad[..]) {
    ///     Err(planledger::Error::Import { line, field, .. }) => assert_eq!((line, field.as_str()), (1, "value.investment")),
    ///     other => panic!("{other:?}"),
    /// }
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn import_jsonl<R: BufRead>(&mut self, input: R) -> Result<usize> {
        self.import_jsonl_with(input, false)
    }

    /// [`import_jsonl`](Ledger::import_jsonl) through the bulk load path
    /// ([`bulk_write`](Ledger::bulk_write)): the same all-or-nothing import and the same
    /// ledger afterwards, faster for many projects. A batch or date rule broken by a project
    /// is reported as [`Error::Constraint`] when the input has been read, without its line.
    ///
    /// ```
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// let rows = br#"{"type":"project","id":1,"value":{"name":"storage station","count":1}}"#;
    /// assert_eq!(ledger.import_jsonl_bulk(&rows[..])?, 1);
    /// assert_eq!(ledger.export_jsonl(Vec::new())?, 1);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn import_jsonl_bulk<R: BufRead>(&mut self, input: R) -> Result<usize> {
        self.import_jsonl_with(input, true)
    }

    fn import_jsonl_with<R: BufRead>(&mut self, input: R, bulk: bool) -> Result<usize> {
        let load = |tx: &mut crate::store::Tx<'_>| -> Result<usize> {
            // Checked inside the write transaction, so no other writer can slip rows in
            // between the check and the import.
            for (kind, _) in TABLES {
                let n: i64 = tx
                    .conn()?
                    .row(&format!("SELECT count(*) FROM {kind}"), [], |r| r.get(0))?;
                if n > 0 {
                    return Err(Error::invalid(
                        "ledger",
                        format!("import needs an empty ledger; it holds {kind} rows"),
                    ));
                }
            }
            let mut rows = 0;
            for (i, line) in input.lines().enumerate() {
                let line_no = i + 1;
                let mut line = line.map_err(|e| Error::Import {
                    line: line_no,
                    field: "line".into(),
                    reason: e.to_string(),
                })?;
                // A byte-order mark, as some editors and Windows tools start a file with.
                if line_no == 1 && line.starts_with('\u{feff}') {
                    line.drain(..'\u{feff}'.len_utf8());
                }
                if line.trim().is_empty() {
                    continue;
                }
                import_line(tx, line_no, &line)?;
                rows += 1;
            }
            Ok(rows)
        };
        if bulk {
            self.bulk_write(load)
        } else {
            self.write(load)
        }
    }
}

fn import_err(line: usize, field: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Import {
        line,
        field: field.into(),
        reason: reason.into(),
    }
}

/// The key a serde "missing field `x`" error is about: serde reports it at the enclosing object.
fn missing_field(reason: &str) -> Option<&str> {
    reason
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(name, _)| name)
}

fn parse<T: DeserializeOwned>(line: usize, value: serde_json::Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let reason = e.into_inner().to_string();
        let at = if path == "." || path.is_empty() {
            "value".to_string()
        } else {
            format!("value.{path}")
        };
        let field = match missing_field(&reason) {
            Some(name) => format!("{at}.{name}"),
            None => at,
        };
        import_err(line, field, reason)
    })
}

/// Checks that a referenced row exists, naming the field if it does not.
fn exists<I: EntityId>(tx: &Tx<'_>, line: usize, field: &str, id: Option<I>) -> Result<()> {
    match id {
        Some(id) => match tx.get(id) {
            Ok(_) => Ok(()),
            Err(Error::NotFound { entity, .. }) => {
                Err(import_err(line, field, format!("no {entity} with id {id}")))
            }
            Err(e) => Err(e),
        },
        None => Ok(()),
    }
}

/// Ids are below 2^60: the search index keys a row as `id * 8 + kind`, which must stay an
/// integer.
const MAX_ID: i64 = (1 << 60) - 1;

fn insert<I: EntityId>(tx: &mut Tx<'_>, line: usize, raw_id: i64, value: &I::Entity) -> Result<()> {
    if raw_id < 1 {
        return Err(import_err(
            line,
            "id",
            format!("{raw_id} is not a positive id"),
        ));
    }
    if raw_id > MAX_ID {
        return Err(import_err(
            line,
            "id",
            format!("{raw_id} is too large: ids are below 2^60"),
        ));
    }
    tx.insert_with_id(I::wrap(raw_id), value)
        .map_err(|e| match e {
            Error::Constraint { rule, .. } if rule.ends_with(".id unique") => {
                import_err(line, "id", format!("id {raw_id} appears twice"))
            }
            Error::Constraint { rule, .. } if rule == "evidence_span_within_source" => {
                import_err(line, "value.span", "runs past the end of its source")
            }
            Error::Constraint { rule, .. } => {
                import_err(line, "value", format!("breaks rule {rule}"))
            }
            Error::InvalidInput { field, reason } => {
                import_err(line, format!("value.{field}"), reason)
            }
            other => other,
        })
}

/// Reads a line's envelope. A line that is not JSON is a fault of the `line`; a well-formed line
/// with an unknown, missing or mistyped key (`"extra"`, `"id": "seven"`) names that key.
fn parse_envelope(line: usize, text: &str) -> Result<LineIn> {
    let mut de = serde_json::Deserializer::from_str(text);
    let envelope: LineIn = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let reason = inner.to_string();
        let field = match inner.classify() {
            serde_json::error::Category::Data if !path.is_empty() && path != "." => path,
            serde_json::error::Category::Data => {
                missing_field(&reason).unwrap_or("line").to_string()
            }
            _ => "line".to_string(),
        };
        import_err(line, field, reason)
    })?;
    de.end()
        .map_err(|e| import_err(line, "line", e.to_string()))?;
    Ok(envelope)
}

fn import_line(tx: &mut Tx<'_>, line: usize, text: &str) -> Result<()> {
    let LineIn { kind, id, value } = parse_envelope(line, text)?;
    // SQLite refuses a string or a row past its size limit (SQLITE_TOOBIG): name the longest
    // string, the likely culprit, rather than fail without a line.
    let longest = longest_string(&value, "value");
    import_value(tx, line, &kind, id, value).map_err(|e| match e {
        Error::Storage {
            source: rusqlite::Error::SqliteFailure(f, _),
            ..
        } if f.code == rusqlite::ErrorCode::TooBig => {
            let (field, len) = longest.unwrap_or_else(|| ("value".into(), 0));
            import_err(
                line,
                field,
                format!("too big for the ledger to store (the longest string is {len} bytes)"),
            )
        }
        e => e,
    })
}

/// The path and byte length of the longest string inside `value`.
fn longest_string(value: &serde_json::Value, path: &str) -> Option<(String, usize)> {
    match value {
        serde_json::Value::String(s) => Some((path.to_string(), s.len())),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| longest_string(v, &format!("{path}.{i}")))
            .max_by_key(|(_, len)| *len),
        serde_json::Value::Object(map) => map
            .iter()
            .filter_map(|(k, v)| longest_string(v, &format!("{path}.{k}")))
            .max_by_key(|(_, len)| *len),
        _ => None,
    }
}

fn import_value(
    tx: &mut Tx<'_>,
    line: usize,
    kind: &str,
    id: i64,
    value: serde_json::Value,
) -> Result<()> {
    match kind {
        "region" => {
            let v: Region = parse(line, value)?;
            exists(tx, line, "value.parent", v.parent)?;
            insert::<RegionId>(tx, line, id, &v)
        }
        "source" => {
            let v: Source = parse(line, value)?;
            insert::<SourceId>(tx, line, id, &v)
        }
        "campaign" => {
            let v: Campaign = parse(line, value)?;
            exists(tx, line, "value.region", v.region)?;
            exists(tx, line, "value.parent", v.parent)?;
            insert::<CampaignId>(tx, line, id, &v)
        }
        "person" => {
            let v: Person = parse(line, value)?;
            insert::<PersonId>(tx, line, id, &v)
        }
        "post" => {
            let v: Post = parse(line, value)?;
            exists(tx, line, "value.region", v.region)?;
            insert::<PostId>(tx, line, id, &v)
        }
        "holding" => {
            let v: Holding = parse(line, value)?;
            exists(tx, line, "value.person", Some(v.person))?;
            exists(tx, line, "value.post", Some(v.post))?;
            insert::<HoldingId>(tx, line, id, &v)
        }
        "project" => {
            let v: Project = parse(line, value)?;
            exists(tx, line, "value.region", v.region)?;
            exists(tx, line, "value.campaign", v.campaign)?;
            exists(tx, line, "value.parent", v.parent)?;
            insert::<ProjectId>(tx, line, id, &v)
        }
        "target" => {
            let v: Target = parse(line, value)?;
            exists(tx, line, "value.region", v.region)?;
            exists(tx, line, "value.campaign", v.campaign)?;
            exists(tx, line, "value.owner", v.owner)?;
            insert::<TargetId>(tx, line, id, &v)
        }
        "observation" => {
            let v: Observation = parse(line, value)?;
            exists(tx, line, "value.region", v.region)?;
            exists(tx, line, "value.target", v.target)?;
            exists(tx, line, "value.campaign", v.campaign)?;
            insert::<ObservationId>(tx, line, id, &v)
        }
        "evidence" => {
            let v: Evidence = parse(line, value)?;
            exists(tx, line, "value.source", Some(v.source))?;
            match v.fact {
                FactRef::Project(f) => exists(tx, line, "value.fact", Some(f))?,
                FactRef::Target(f) => exists(tx, line, "value.fact", Some(f))?,
                FactRef::Observation(f) => exists(tx, line, "value.fact", Some(f))?,
                FactRef::Campaign(f) => exists(tx, line, "value.fact", Some(f))?,
                FactRef::Holding(f) => exists(tx, line, "value.fact", Some(f))?,
            }
            insert::<EvidenceId>(tx, line, id, &v)
        }
        other => match RECORDS.iter().find(|r| r.kind == other) {
            Some(record) => import_record(tx, line, record, id, value),
            None => Err(import_err(line, "type", format!("unknown type {other:?}"))),
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::{Error, Ledger};

    /// A string past SQLite's size limit (a billion bytes by default; lowered here so the test
    /// does not need gigabytes) is an import error naming line and field, not a bare storage
    /// error.
    #[test]
    fn a_value_past_sqlites_size_limit_names_line_and_field() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        // SAFETY: the handle is the ledger's own open connection, used on this thread only.
        unsafe {
            rusqlite::ffi::sqlite3_limit(
                ledger.conn().handle(),
                rusqlite::ffi::SQLITE_LIMIT_LENGTH,
                10_000,
            );
        }
        let text = "规划".repeat(3_000);
        let input = format!(
            "{}\n{}\n",
            r#"{"type":"region","id":1,"value":{"name":"琅琊镇","kind":"town"}}"#,
            serde_json::json!({"type": "source", "id": 1, "value": {
                "title": "长文", "text": text, "chars": 6000, "content_hash": crate::model::ContentHash::of(&text).as_str()
            }})
        );
        match ledger.import_jsonl(input.as_bytes()) {
            Err(Error::Import { line, field, .. }) => {
                assert_eq!((line, field.as_str()), (2, "value.text"))
            }
            other => panic!("expected Error::Import, got {other:?}"),
        }
        assert_eq!(ledger.count::<crate::model::Region>().unwrap(), 0);
    }
}
