//! The analyst views (migration 0007) as tidy CSV files: one row per fact, the table a
//! researcher merges with panel data in R, Stata or pandas. Plain std: no CSV crate needed to
//! write RFC 4180.

use crate::error::{Error, Result};
use crate::store::conn::{At, ConnExt};
use crate::Ledger;
use rusqlite::types::ValueRef;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One analyst view: its name in the schema and the CSV file it is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AnalystView {
    /// The SQL view (`SELECT * FROM analyst_figures`).
    pub view: &'static str,
    /// The file `export_csv` writes it to.
    pub file: &'static str,
    /// What one row is.
    pub row: &'static str,
}

/// The views with one row per fact, in the order they are exported. (`analyst_region`, the
/// region columns they share, is a helper view and not exported.)
pub const ANALYST_VIEWS: &[AnalystView] = &[
    AnalystView {
        view: "analyst_figures",
        file: "figures.csv",
        row: "a target or an observation",
    },
    AnalystView {
        view: "analyst_projects",
        file: "projects.csv",
        row: "a project, a batch, or a named member of a batch",
    },
    AnalystView {
        view: "analyst_officials",
        file: "officials.csv",
        row: "a person in a post",
    },
    AnalystView {
        view: "analyst_campaigns",
        file: "campaigns.csv",
        row: "a campaign",
    },
];

impl Ledger {
    /// The column names of an analyst view, in order.
    ///
    /// ```
    /// use planledger::query::ANALYST_VIEWS;
    /// let ledger = planledger::Ledger::open_in_memory()?;
    /// let columns = ledger.analyst_columns(&ANALYST_VIEWS[0])?;
    /// assert!(columns.iter().any(|c| c == "province_code"));
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn analyst_columns(&self, view: &AnalystView) -> Result<Vec<String>> {
        let sql = select(view);
        self.conn().column_names(&sql)
    }

    /// Writes an analyst view as CSV (RFC 4180, UTF-8, a header line, `\n` line ends, empty
    /// fields for NULL), rows in id order. Returns the number of rows.
    ///
    /// ```
    /// use planledger::query::ANALYST_VIEWS;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let mut out = Vec::new();
    /// let rows = ledger.write_csv(&ANALYST_VIEWS[0], &mut out)?;
    /// let text = String::from_utf8(out).unwrap();
    /// assert!(text.starts_with("fact_kind,fact_id,region_name,"));
    /// assert_eq!(text.lines().count(), rows + 1);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn write_csv<W: Write>(&self, view: &AnalystView, out: W) -> Result<usize> {
        self.write_csv_to(view, out, Path::new(view.file))
    }

    fn write_csv_to<W: Write>(&self, view: &AnalystView, out: W, path: &Path) -> Result<usize> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut out = std::io::BufWriter::new(out);
        let sql = select(view);
        let header = self.conn().column_names(&sql)?;
        let mut line = String::new();
        for (i, name) in header.iter().enumerate() {
            push_field(&mut line, i, name);
        }
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(io)?;
        let mut count = 0;
        self.conn().for_each_row(&sql, [], |row| {
            line.clear();
            for (i, name) in header.iter().enumerate() {
                let field = match row.get_ref(i).at(&sql)? {
                    ValueRef::Null => String::new(),
                    ValueRef::Integer(n) => n.to_string(),
                    // Shortest text that reads back as the same double; never an exponent.
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(_) => {
                        return Err(Error::invalid(name.as_str(), "a blob in an analyst view"))
                    }
                };
                push_field(&mut line, i, &field);
            }
            line.push('\n');
            out.write_all(line.as_bytes()).map_err(io)?;
            count += 1;
            Ok(())
        })?;
        out.flush().map_err(io)?;
        Ok(count)
    }

    /// Writes every analyst view ([`ANALYST_VIEWS`]) as a CSV file in `dir` (created if
    /// missing). Each file is written beside its final name and renamed into place, so a
    /// reader never sees half a table. Returns each file with its number of rows.
    pub fn export_csv(&self, dir: impl AsRef<Path>) -> Result<Vec<(PathBuf, usize)>> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut written = Vec::new();
        for view in ANALYST_VIEWS {
            let path = dir.join(view.file);
            let partial = dir.join(format!(".{}.partial", view.file));
            let io = |p: &Path| {
                let p = p.to_path_buf();
                move |source| Error::Io { path: p, source }
            };
            let file = std::fs::File::create(&partial).map_err(io(&partial))?;
            let rows = match self.write_csv_to(view, &file, &path) {
                Ok(rows) => rows,
                Err(e) => {
                    let _ = std::fs::remove_file(&partial);
                    return Err(e);
                }
            };
            file.sync_all().map_err(io(&partial))?;
            std::fs::rename(&partial, &path).map_err(io(&path))?;
            written.push((path, rows));
        }
        Ok(written)
    }
}

fn select(view: &AnalystView) -> String {
    // The view name is one of ANALYST_VIEWS' constants, never caller text. The first column
    // is each view's id.
    format!("SELECT * FROM {} ORDER BY 1, 2", view.view)
}

/// Appends one CSV field: quoted when it holds a comma, a quote or a line break (quotes
/// doubled), as RFC 4180 asks.
fn push_field(line: &mut String, index: usize, field: &str) {
    if index > 0 {
        line.push(',');
    }
    if field.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&field.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::push_field;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut line = String::new();
        for (i, f) in ["plain", "a,b", "say \"hi\"", "two\nlines", ""]
            .iter()
            .enumerate()
        {
            push_field(&mut line, i, f);
        }
        assert_eq!(line, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",");
    }
}
