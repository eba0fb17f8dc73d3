//! Sources: the documents facts come from.

use super::sql::{column_list, date_text, parse_opt, u32_opt};
use super::table::persist;
use crate::error::{Error, Result};
use crate::model::{ContentHash, Source, SourceId};
use crate::store::conn::ConnExt;
use rusqlite::{Connection, Row};

fn authors_json(s: &Source) -> Result<String> {
    serde_json::to_string(&s.authors).map_err(|e| Error::invalid("authors", e.to_string()))
}

/// The text's length must agree with `chars`, and a text's hash with `content_hash`: evidence
/// offsets are only meaningful against the exact text they were taken from.
fn check(s: &Source) -> Result<()> {
    if let Some(text) = &s.text {
        // SQLite's length() stops at NUL, so the schema's chars = length(text) would refuse
        // the row under a rule that says nothing of why.
        if let Some(at) = text.chars().position(|c| c == '\0') {
            return Err(Error::invalid(
                "text",
                format!(
                    "contains NUL (U+0000) at character {at}, which SQLite takes for the end \
                     of the text; Source::from_text stores it as U+FFFD"
                ),
            ));
        }
        let n = text.chars().count();
        if s.chars.map(|c| c as usize) != Some(n) {
            return Err(Error::invalid(
                "chars",
                format!("text has {n} characters, chars says {:?}", s.chars),
            ));
        }
        if let Some(h) = &s.content_hash {
            if *h != ContentHash::of(text) {
                return Err(Error::invalid("content_hash", "does not match the text"));
            }
        }
    }
    Ok(())
}

persist! {
    Source => "source" as Source {
        columns: column_list!(""; title, publisher, published, authors, url, content_hash, chars, text),
        derived: [],
        read: from_row,
        bind: |s| [
            s.title,
            s.publisher,
            date_text(s.published),
            authors_json(s).unwrap_or_else(|_| "[]".into()),
            s.url,
            s.content_hash.as_ref().map(ContentHash::as_str),
            s.chars,
            s.text,
        ],

        fn check(&self) -> Result<()> {
            check(self)
        }
    }
}

fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Source> {
    let authors: String = row.get(at + 3)?;
    let authors: Vec<String> = serde_json::from_str(&authors).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(at + 3, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Source {
        title: row.get(at)?,
        publisher: row.get(at + 1)?,
        published: parse_opt(row, at + 2)?,
        authors,
        url: row.get(at + 4)?,
        content_hash: parse_opt(row, at + 5)?,
        chars: u32_opt(row, at + 6)?,
        text: row.get(at + 7)?,
    })
}

/// The source with this content hash, if the ledger has it.
pub(crate) fn by_hash(conn: &Connection, hash: &ContentHash) -> Result<Option<SourceId>> {
    const SQL: &str = "SELECT id FROM source WHERE content_hash = ?1";
    conn.row_opt(SQL, [hash.as_str()], |r| r.get(0))
}
