//! JSON Lines → ledger: all or nothing, every fault named by line and field.

use super::{import_err, LineIn};
use crate::error::{Error, Result};
use crate::model::*;
use crate::store::record::{self, Record, RECORDS};
use crate::store::EntityId;
use crate::{Ledger, Tx};
use serde::de::DeserializeOwned;
use std::io::BufRead;

impl Ledger {
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
            if let Some(kind) = record::first_filled(tx.conn()?)? {
                return Err(Error::invalid(
                    "ledger",
                    format!("import needs an empty ledger; it holds {kind} rows"),
                ));
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

/// A field naming another row: its id, or an optional one.
trait Reference {
    type Id: EntityId;
    fn id(self) -> Option<Self::Id>;
}

impl<I: EntityId> Reference for I {
    type Id = I;
    fn id(self) -> Option<I> {
        Some(self)
    }
}

impl<I: EntityId> Reference for Option<I> {
    type Id = I;
    fn id(self) -> Option<I> {
        self
    }
}

/// Checks that a referenced row exists, naming the field if it does not.
fn exists(tx: &Tx<'_>, line: usize, field: &str, id: impl Reference) -> Result<()> {
    match id.id() {
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
    // Each entity with the references checked before it is inserted, in this order (the first
    // missing row is the one named).
    macro_rules! load {
        ($id:ty $(: $($field:ident),+)?) => {{
            let v: <$id as EntityId>::Entity = parse(line, value)?;
            $($(exists(tx, line, concat!("value.", stringify!($field)), v.$field)?;)+)?
            insert::<$id>(tx, line, id, &v)
        }};
    }
    match kind {
        "region" => load!(RegionId: parent),
        "source" => load!(SourceId),
        "campaign" => load!(CampaignId: region, parent),
        "person" => load!(PersonId),
        "post" => load!(PostId: region),
        "holding" => load!(HoldingId: person, post),
        "project" => load!(ProjectId: region, campaign, parent),
        "target" => load!(TargetId: region, campaign, owner),
        "observation" => load!(ObservationId: region, target, campaign),
        "evidence" => {
            let v: Evidence = parse(line, value)?;
            exists(tx, line, "value.source", v.source)?;
            match v.fact {
                FactRef::Project(f) => exists(tx, line, "value.fact", f)?,
                FactRef::Target(f) => exists(tx, line, "value.fact", f)?,
                FactRef::Observation(f) => exists(tx, line, "value.fact", f)?,
                FactRef::Campaign(f) => exists(tx, line, "value.fact", f)?,
                FactRef::Holding(f) => exists(tx, line, "value.fact", f)?,
            }
            insert::<EvidenceId>(tx, line, id, &v)
        }
        other => match RECORDS.iter().find(|r| r.kind == other) {
            Some(record) => import_record(tx, line, record, id, value),
            None => Err(import_err(line, "type", format!("unknown type {other:?}"))),
        },
    }
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
    let mut params = Vec::with_capacity(record.columns.len());
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
    // The line number says which record broke a rule.
    match record.insert(tx.conn()?, id, params) {
        Ok(()) => Ok(()),
        Err(Error::Constraint { rule, .. }) => {
            Err(import_err(line, "value", format!("breaks rule {rule}")))
        }
        Err(other) => Err(other),
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
