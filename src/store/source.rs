//! Sources: the documents facts come from.

use super::entity::private::Persist;
use super::sql::{date_text, map_err, parse_opt, u32_opt};
use crate::error::{EntityKind, Error, Result};
use crate::model::{ContentHash, Source, SourceId};
use crate::store::conn::ConnExt;
use rusqlite::{params, Connection, Row};

fn authors_json(s: &Source) -> Result<String> {
    serde_json::to_string(&s.authors).map_err(|e| Error::invalid("authors", e.to_string()))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Source> {
    let authors: String = row.get(3)?;
    let authors: Vec<String> = serde_json::from_str(&authors).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Source {
        title: row.get(0)?,
        publisher: row.get(1)?,
        published: parse_opt(row, 2)?,
        authors,
        url: row.get(4)?,
        content_hash: parse_opt(row, 5)?,
        chars: u32_opt(row, 6)?,
        text: row.get(7)?,
    })
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

impl Persist for Source {
    const KIND: EntityKind = EntityKind::Source;
    const TABLE: &'static str = "source";

    fn insert(conn: &Connection, s: &Source, id: Option<i64>) -> Result<i64> {
        check(s)?;
        const SQL: &str = "INSERT INTO source (title, publisher, published, authors, url, content_hash, chars, text, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
        conn.prepare_cached(SQL)
            .and_then(|mut st| {
                st.execute(params![
                    s.title,
                    s.publisher,
                    date_text(s.published),
                    authors_json(s).unwrap_or_else(|_| "[]".into()),
                    s.url,
                    s.content_hash.as_ref().map(ContentHash::as_str),
                    s.chars,
                    s.text,
                    id,
                ])
            })
            .map_err(|e| map_err(EntityKind::Source, SQL, e))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(conn: &Connection, id: i64, s: &Source) -> Result<bool> {
        check(s)?;
        const SQL: &str = "UPDATE source SET title = ?2, publisher = ?3, published = ?4, authors = ?5, url = ?6, content_hash = ?7, chars = ?8, text = ?9 WHERE id = ?1";
        let n = conn
            .prepare_cached(SQL)
            .and_then(|mut st| {
                st.execute(params![
                    id,
                    s.title,
                    s.publisher,
                    date_text(s.published),
                    authors_json(s).unwrap_or_else(|_| "[]".into()),
                    s.url,
                    s.content_hash.as_ref().map(ContentHash::as_str),
                    s.chars,
                    s.text,
                ])
            })
            .map_err(|e| map_err(EntityKind::Source, SQL, e))?;
        Ok(n == 1)
    }

    fn read(conn: &Connection, id: i64) -> Result<Option<Source>> {
        const SQL: &str = "SELECT title, publisher, published, authors, url, content_hash, chars, text FROM source WHERE id = ?1";
        conn.row_opt(SQL, [id], from_row)
    }
}

/// The source with this content hash, if the ledger has it.
pub(crate) fn by_hash(conn: &Connection, hash: &ContentHash) -> Result<Option<SourceId>> {
    const SQL: &str = "SELECT id FROM source WHERE content_hash = ?1";
    conn.row_opt(SQL, [hash.as_str()], |r| r.get(0))
}
