//! Newer editions of the division tables, from the four CSV files of the
//! `Administrative-divisions-of-China` dataset (the columns are in the parent module's docs).

use super::names::{county_kind, prefecture_aliases, province_aliases, township_kind};
use super::{DivisionRow, Divisions};
use crate::error::{Error, Result};
use crate::model::{DivisionCode, RegionKind};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Names of the pseudo-prefectures whose counties belong directly to the province.
const PSEUDO_CITIES: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

/// Reads `provinces.csv`, `cities.csv`, `areas.csv` and (if present) `streets.csv` from `dir`.
///
/// Errors: [`Error::Io`] naming the file that cannot be read; [`Error::InvalidInput`] naming
/// file and line for a malformed row (wrong column count, a code of the wrong length, a parent
/// that does not exist).
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Divisions> {
    let dir = dir.as_ref();
    let mut tree = Tree::default();
    // Pseudo-prefecture code (4 digits) → its province's 6-digit code.
    let mut pseudo: HashMap<String, DivisionCode> = HashMap::new();

    let provinces = read_table(&dir.join("provinces.csv"), &["code", "name"])?;
    for rec in &provinces.records {
        let code = provinces.code(rec, 0, 2)?;
        let name = provinces.name(rec, 1)?;
        tree.add(DivisionRow {
            aliases: province_aliases(&name),
            name,
            kind: RegionKind::Province,
            code,
            parent_code: None,
        });
    }

    let cities = read_table(&dir.join("cities.csv"), &["code", "name", "provinceCode"])?;
    for rec in &cities.records {
        let code = cities.code(rec, 0, 4)?;
        let name = cities.name(rec, 1)?;
        let parent = tree.known(&cities, rec, cities.code(rec, 2, 2)?)?;
        if PSEUDO_CITIES.contains(&name.as_str()) {
            pseudo.insert(code.as_str().to_string(), parent);
            continue;
        }
        tree.add(DivisionRow {
            aliases: prefecture_aliases(&name),
            name,
            kind: RegionKind::Prefecture,
            code,
            parent_code: Some(parent),
        });
    }

    let areas = read_table(
        &dir.join("areas.csv"),
        &["code", "name", "cityCode", "provinceCode"],
    )?;
    for rec in &areas.records {
        let code = areas.code(rec, 0, 6)?;
        let name = areas.name(rec, 1)?;
        let city = areas.code(rec, 2, 4)?;
        let parent = match pseudo.get(city.as_str()) {
            Some(province) => province.clone(),
            None => city,
        };
        let parent = tree.known(&areas, rec, parent)?;
        // A prefecture-level city without counties (东莞市 441900) is listed again as its own
        // county-level row with the same code: one region.
        if code == parent {
            continue;
        }
        tree.add(DivisionRow {
            kind: county_kind(&name),
            name,
            code,
            parent_code: Some(parent),
            aliases: Vec::new(),
        });
    }

    let streets_path = dir.join("streets.csv");
    if streets_path.exists() {
        let streets = read_table(
            &streets_path,
            &["code", "name", "areaCode", "provinceCode", "cityCode"],
        )?;
        for rec in &streets.records {
            let code = streets.code(rec, 0, 9)?;
            let name = streets.name(rec, 1)?;
            let parent = tree.known(&streets, rec, streets.code(rec, 2, 6)?)?;
            tree.add(DivisionRow {
                kind: township_kind(&name),
                name,
                code,
                parent_code: Some(parent),
                aliases: Vec::new(),
            });
        }
    }
    Ok(Divisions::from_rows(tree.rows))
}

/// The rows read so far, and the codes they define.
#[derive(Default)]
struct Tree {
    rows: Vec<DivisionRow>,
    known: HashSet<String>,
}

impl Tree {
    fn add(&mut self, row: DivisionRow) {
        self.known.insert(row.code.as_str().to_string());
        self.rows.push(row);
    }

    /// `parent`, when an earlier row defines it; else an error on `rec`'s line.
    fn known(&self, table: &Table, rec: &Record, parent: DivisionCode) -> Result<DivisionCode> {
        if self.known.contains(parent.as_str()) {
            Ok(parent)
        } else {
            Err(invalid(
                &table.path,
                rec.line,
                format!("parent code {parent} is not defined"),
            ))
        }
    }
}

struct Record {
    line: usize,
    fields: Vec<String>,
}

struct Table {
    path: PathBuf,
    records: Vec<Record>,
}

impl Table {
    /// Field `at` of `rec` as a division code of `digits` digits, padded to six.
    fn code(&self, rec: &Record, at: usize, digits: usize) -> Result<DivisionCode> {
        normalise_code(&self.path, rec.line, &rec.fields[at], digits)
    }

    /// Field `at` of `rec` as a name.
    fn name(&self, rec: &Record, at: usize) -> Result<String> {
        clean_name(&self.path, rec.line, &rec.fields[at])
    }
}

/// Reads a CSV file whose header must contain `columns`; every record comes back with exactly
/// those columns, in that order.
fn read_table(path: &Path, columns: &[&str]) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text =
        String::from_utf8(bytes).map_err(|_| invalid(path, 0, "file is not UTF-8".to_string()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lines = text.lines().enumerate();
    let header = loop {
        match lines.next() {
            Some((_, l)) if l.trim().is_empty() => continue,
            Some((i, l)) => break (i + 1, split_csv(l)),
            None => return Err(invalid(path, 0, "file is empty".to_string())),
        }
    };
    let positions: Vec<usize> = columns
        .iter()
        .map(|c| {
            header
                .1
                .iter()
                .position(|h| h.trim() == *c)
                .ok_or_else(|| invalid(path, header.0, format!("header lacks column {c:?}")))
        })
        .collect::<Result<_>>()?;
    let mut records = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields = split_csv(line);
        if fields.len() != header.1.len() {
            return Err(invalid(
                path,
                i + 1,
                format!("{} fields, header has {}", fields.len(), header.1.len()),
            ));
        }
        let picked = positions
            .iter()
            .map(|&p| fields.get(p).cloned().unwrap_or_default())
            .collect();
        records.push(Record {
            line: i + 1,
            fields: picked,
        });
    }
    Ok(Table {
        path: path.to_path_buf(),
        records,
    })
}

/// Splits one CSV line; fields may be quoted with `"`, a doubled `""` inside quotes is a quote.
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

fn invalid(path: &Path, line: usize, reason: String) -> Error {
    let field = if line == 0 {
        path.display().to_string()
    } else {
        format!("{}:{line}", path.display())
    };
    Error::InvalidInput { field, reason }
}

fn normalise_code(path: &Path, line: usize, raw: &str, digits: usize) -> Result<DivisionCode> {
    let raw = raw.trim();
    if raw.len() != digits || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            path,
            line,
            format!("code {raw:?} is not {digits} digits"),
        ));
    }
    let full = match digits {
        2 => format!("{raw}0000"),
        4 => format!("{raw}00"),
        _ => raw.to_string(),
    };
    full.parse()
        .map_err(|e: Error| invalid(path, line, e.to_string()))
}

fn clean_name(path: &Path, line: usize, raw: &str) -> Result<String> {
    let name = raw.trim();
    if name.is_empty() {
        Err(invalid(path, line, "name is empty".to_string()))
    } else {
        Ok(name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_csv() {
        assert_eq!(split_csv(r#"37,"山东省""#), ["37", "山东省"]);
        assert_eq!(split_csv(r#"1,"a,""b""",2"#), ["1", "a,\"b\"", "2"]);
    }
}
