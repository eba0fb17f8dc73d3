//! JSON Lines export and import of a whole ledger ([`Ledger::export_jsonl`],
//! [`Ledger::import_jsonl`]).
//!
//! One line per row: `{"type":"project","id":7,"value":{…}}`, where `value` is the entity's
//! serde form. Tables come in dependency order (regions, sources, campaigns, persons, posts,
//! holdings, projects, targets, observations, evidence), and within a table parents before
//! children, so an import never meets a reference it has not seen. Ids are kept: exporting,
//! importing into an empty ledger and exporting again gives the same bytes. Which tables, in
//! which order, is the store's to say (`store::record`); this module is the line format.
//!
//! [`Ledger::export_jsonl`]: crate::Ledger::export_jsonl
//! [`Ledger::import_jsonl`]: crate::Ledger::import_jsonl

mod export;
mod import;

use crate::error::Error;
use serde::{Deserialize, Serialize};

/// One line as written.
#[derive(Serialize)]
pub(crate) struct LineOut<'a, T> {
    #[serde(rename = "type")]
    pub(crate) kind: &'a str,
    pub(crate) id: i64,
    pub(crate) value: &'a T,
}

/// One line as read: its envelope, the value still JSON until `type` says what it is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LineIn {
    #[serde(rename = "type")]
    pub(crate) kind: String,
    pub(crate) id: i64,
    pub(crate) value: serde_json::Value,
}

/// A failure of the output stream.
pub(crate) fn io_err(e: std::io::Error) -> Error {
    Error::Io {
        path: "<export stream>".into(),
        source: e,
    }
}

/// An import fault at `line` in `field`.
pub(crate) fn import_err(
    line: usize,
    field: impl Into<String>,
    reason: impl Into<String>,
) -> Error {
    Error::Import {
        line,
        field: field.into(),
        reason: reason.into(),
    }
}
