//! The national division-code tables: every province, prefecture, county and township of
//! China with its statistics-bureau code.
//!
//! The 2022 edition ships inside the crate ([`national`]): 44.7 thousand divisions in a compact
//! text form (`data/divisions/divisions.txt`, under 1 MB; see [`Divisions::from_compact`]),
//! parsed once per process on first use. The extractor's default gazetteer is built on it
//! ([`Gazetteer::national`](crate::extract::Gazetteer::national)) and
//! [`gazetteer::load_national`](crate::gazetteer::load_national) puts it into a ledger in one
//! transaction.
//!
//! Newer editions come as four CSV files in one directory, in the format of the widely used
//! `Administrative-divisions-of-China` dataset:
//!
//! | file | columns |
//! |---|---|
//! | `provinces.csv` | `code,name` (2-digit codes: `37`) |
//! | `cities.csv` | `code,name,provinceCode` (4 digits: `3702`) |
//! | `areas.csv` | `code,name,cityCode,provinceCode` (6 digits: `370211`) |
//! | `streets.csv` | `code,name,areaCode,provinceCode,cityCode` (9 digits: `370211103`); optional |
//!
//! [`load_dir`] reads them into [`Divisions`]: rows with codes normalised to the 6/9-digit form
//! the statistics bureau uses (`37` → `370000`, `3702` → `370200`), a [`RegionKind`] inferred
//! from the name's suffix, and the parent's code. The pseudo-prefectures `市辖区`, `县` and
//! `省直辖县级行政区划` are dropped and their counties attached to the province. The rows feed
//! both the extractor's [`Gazetteer`](crate::extract::Gazetteer::add_divisions) and a ledger
//! ([`Divisions::insert_into`]).
//!
//! ```
//! let national = planledger::divisions::national();
//! assert!(national.len() > 44_000);
//! let boli = national.get("370211103").unwrap();
//! assert_eq!(boli.name, "泊里镇");
//! assert_eq!(boli.parent_code.as_ref().unwrap().as_str(), "370211");
//! ```
//!
//! ```no_run
//! // A newer edition, from CSV.
//! let divisions = planledger::divisions::load_dir("divisions-2024")?;
//! let mut ledger = planledger::Ledger::open("plans.db")?;
//! let ids = divisions.insert_into(&mut ledger)?;
//! println!("{} regions", ids.len());
//! # Ok::<(), planledger::Error>(())
//! ```

mod compact;

use crate::error::{Error, Result};
use crate::model::{DivisionCode, Region, RegionId, RegionKind};
use crate::Ledger;
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The bundled edition in its compact form.
const NATIONAL: &str = include_str!("../data/divisions/divisions.txt");

static NATIONAL_TABLE: Lazy<Divisions> = Lazy::new(|| {
    // The bundled file is checked by the crate's tests; a failure here is a packaging bug, and
    // an empty table (every lookup misses) is the least harmful answer to it.
    Divisions::from_compact(NATIONAL).unwrap_or_default()
});

/// The bundled national table (2022 edition of the statistics bureau's codes: 31 provinces,
/// 333 prefecture-level, 2,975 county-level and 41,352 township-level divisions), parsed on
/// first use and shared by the whole process.
pub fn national() -> &'static Divisions {
    &NATIONAL_TABLE
}

/// One division: a future [`Region`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DivisionRow {
    /// Official name (`泊里镇`).
    pub name: String,
    /// Kind, inferred from the name's suffix and the table it came from.
    pub kind: RegionKind,
    /// 6- or 9-digit code.
    pub code: DivisionCode,
    /// The enclosing division's code; `None` for provinces.
    pub parent_code: Option<DivisionCode>,
    /// Short names: provinces and prefectures without their suffix (`山东`, `青岛`, `广西`).
    pub aliases: Vec<String>,
}

/// The loaded tables, parents before children.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Divisions {
    rows: Vec<DivisionRow>,
    by_code: HashMap<String, usize>,
}

/// Names of the pseudo-prefectures whose counties belong directly to the province.
const PSEUDO_CITIES: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

impl Divisions {
    /// Builds tables from rows (parents must come before children).
    pub fn from_rows(rows: Vec<DivisionRow>) -> Self {
        let by_code = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code.as_str().to_string(), i))
            .collect();
        Divisions { rows, by_code }
    }

    /// The rows, parents before children.
    pub fn rows(&self) -> &[DivisionRow] {
        &self.rows
    }

    /// How many divisions.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row with a code.
    pub fn get(&self, code: &str) -> Option<&DivisionRow> {
        self.by_code.get(code).and_then(|&i| self.rows.get(i))
    }

    /// Reads the compact text form the bundled table is stored in (one division per line,
    /// parents before children; the format is described in `data/README.md`).
    ///
    /// ```
    /// let text = "P37山东省\nC3702青岛市\nA370211黄岛区\n103泊里镇\n";
    /// let d = planledger::divisions::Divisions::from_compact(text)?;
    /// assert_eq!(d.get("370211103").unwrap().name, "泊里镇");
    /// assert_eq!(d.get("370200").unwrap().aliases, ["青岛"]);
    /// assert!(planledger::divisions::Divisions::from_compact("X1").is_err());
    /// # Ok::<(), planledger::Error>(())
    /// ```
    ///
    /// Errors: [`Error::InvalidInput`] naming the line of a malformed entry.
    pub fn from_compact(text: &str) -> Result<Divisions> {
        compact::decode(text)
    }

    /// Writes the compact form, each `header` line as a `#` comment on top (how
    /// `data/divisions/divisions.txt` is made from a CSV edition:
    /// `cargo run --example compact_divisions -- DIR`).
    ///
    /// Errors: [`Error::InvalidInput`] for a row the format cannot hold (a name starting with a
    /// digit, a parent that is not the enclosing division by code).
    pub fn to_compact(&self, header: &str) -> Result<String> {
        compact::encode(self, header)
    }

    /// Inserts every division as a [`Region`] in one transaction and returns each code's id.
    /// A region that already has the code (say from
    /// [`load_qingdao`](crate::gazetteer::load_qingdao)), or has the same name under the same
    /// parent, is reused rather than duplicated, so inserting twice adds nothing.
    ///
    /// ```
    /// use planledger::divisions::{DivisionRow, Divisions};
    /// use planledger::model::RegionKind;
    /// let row = |name: &str, kind, code: &str, parent: Option<&str>| DivisionRow {
    ///     name: name.into(),
    ///     kind,
    ///     code: code.parse().unwrap(),
    ///     parent_code: parent.map(|p| p.parse().unwrap()),
    ///     aliases: vec![],
    /// };
    /// let d = Divisions::from_rows(vec![
    ///     row("山东省", RegionKind::Province, "370000", None),
    ///     row("青岛市", RegionKind::Prefecture, "370200", Some("370000")),
    /// ]);
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// let ids = d.insert_into(&mut ledger)?;
    /// assert_eq!(ledger.get(ids[&"370200".parse()?])?.name, "青岛市");
    /// assert_eq!(d.insert_into(&mut ledger)?, ids); // idempotent
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn insert_into(&self, ledger: &mut Ledger) -> Result<HashMap<DivisionCode, RegionId>> {
        ledger.write(|tx| {
            let mut known = KnownRegions::read(tx)?;
            let mut ids: HashMap<DivisionCode, RegionId> = HashMap::with_capacity(self.rows.len());
            for row in &self.rows {
                let parent = match &row.parent_code {
                    Some(pc) => Some(*ids.get(pc).ok_or_else(|| {
                        Error::invalid(
                            "divisions",
                            format!(
                                "{} ({}): parent {pc} is not listed before it",
                                row.name, row.code
                            ),
                        )
                    })?),
                    None => None,
                };
                let region = Region {
                    name: row.name.clone(),
                    kind: row.kind,
                    parent,
                    code: Some(row.code.clone()),
                    aliases: row.aliases.clone(),
                    valid_from: None,
                    valid_to: None,
                };
                let id = known.reuse_or_insert(region);
                ids.insert(row.code.clone(), id);
            }
            known.finish(tx)?;
            Ok(ids)
        })
    }
}

/// The regions a ledger already has, by code and by (parent, name), read once so that a bulk
/// load asks the database nothing per row; new regions get ids here and go in many rows per
/// statement ([`finish`](Self::finish)).
pub(crate) struct KnownRegions {
    by_code: HashMap<DivisionCode, RegionId>,
    by_name: HashMap<(Option<RegionId>, String), RegionId>,
    next_id: i64,
    pending: Vec<(RegionId, Region)>,
}

impl KnownRegions {
    pub(crate) fn read(tx: &crate::Tx<'_>) -> Result<KnownRegions> {
        let keys = tx.region_keys()?;
        let mut known = KnownRegions {
            by_code: HashMap::with_capacity(keys.len()),
            by_name: HashMap::with_capacity(keys.len()),
            next_id: tx.max_region_id()? + 1,
            pending: Vec::new(),
        };
        for (id, parent, name, code) in keys {
            if let Some(c) = code {
                known.by_code.insert(c, id);
            }
            known.by_name.insert((parent, name), id);
        }
        Ok(known)
    }

    /// The region with `region`'s code, else the one with its name under the same parent,
    /// else a new one (inserted by [`finish`](Self::finish)).
    pub(crate) fn reuse_or_insert(&mut self, region: Region) -> RegionId {
        let existing = region
            .code
            .as_ref()
            .and_then(|c| self.by_code.get(c))
            .or_else(|| self.by_name.get(&(region.parent, region.name.clone())))
            .copied();
        if let Some(id) = existing {
            return id;
        }
        let id = RegionId::from_raw(self.next_id);
        self.next_id += 1;
        if let Some(c) = &region.code {
            self.by_code.insert(c.clone(), id);
        }
        self.by_name
            .insert((region.parent, region.name.clone()), id);
        self.pending.push((id, region));
        id
    }

    /// Inserts the new regions.
    pub(crate) fn finish(self, tx: &mut crate::Tx<'_>) -> Result<()> {
        tx.insert_regions(&self.pending)
    }
}

/// Reads `provinces.csv`, `cities.csv`, `areas.csv` and (if present) `streets.csv` from `dir`.
///
/// Errors: [`Error::Io`] naming the file that cannot be read; [`Error::InvalidInput`] naming
/// file and line for a malformed row (wrong column count, a code of the wrong length, a parent
/// that does not exist).
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Divisions> {
    let dir = dir.as_ref();
    let mut rows: Vec<DivisionRow> = Vec::new();
    let mut known: HashMap<String, usize> = HashMap::new();
    // Pseudo-prefecture code (4 digits) → its province's 6-digit code.
    let mut pseudo: HashMap<String, DivisionCode> = HashMap::new();

    let provinces = read_table(&dir.join("provinces.csv"), &["code", "name"])?;
    for rec in provinces.records {
        let code = normalise_code(&provinces.path, rec.line, &rec.fields[0], 2)?;
        let name = clean_name(&provinces.path, rec.line, &rec.fields[1])?;
        let aliases = province_aliases(&name);
        known.insert(code.as_str().to_string(), rows.len());
        rows.push(DivisionRow {
            name,
            kind: RegionKind::Province,
            code,
            parent_code: None,
            aliases,
        });
    }

    let cities = read_table(&dir.join("cities.csv"), &["code", "name", "provinceCode"])?;
    for rec in cities.records {
        let code = normalise_code(&cities.path, rec.line, &rec.fields[0], 4)?;
        let name = clean_name(&cities.path, rec.line, &rec.fields[1])?;
        let parent = normalise_code(&cities.path, rec.line, &rec.fields[2], 2)?;
        require_known(&known, &parent, &cities.path, rec.line)?;
        if PSEUDO_CITIES.contains(&name.as_str()) {
            pseudo.insert(code.as_str().to_string(), parent);
            continue;
        }
        let aliases = prefecture_aliases(&name);
        known.insert(code.as_str().to_string(), rows.len());
        rows.push(DivisionRow {
            name,
            kind: RegionKind::Prefecture,
            code,
            parent_code: Some(parent),
            aliases,
        });
    }

    let areas = read_table(
        &dir.join("areas.csv"),
        &["code", "name", "cityCode", "provinceCode"],
    )?;
    for rec in areas.records {
        let code = normalise_code(&areas.path, rec.line, &rec.fields[0], 6)?;
        let name = clean_name(&areas.path, rec.line, &rec.fields[1])?;
        let city = normalise_code(&areas.path, rec.line, &rec.fields[2], 4)?;
        let parent = match pseudo.get(city.as_str()) {
            Some(province) => province.clone(),
            None => city,
        };
        require_known(&known, &parent, &areas.path, rec.line)?;
        // A prefecture-level city without counties (东莞市 441900) is listed again as its own
        // county-level row with the same code: one region.
        if code == parent {
            continue;
        }
        known.insert(code.as_str().to_string(), rows.len());
        rows.push(DivisionRow {
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
        for rec in streets.records {
            let code = normalise_code(&streets.path, rec.line, &rec.fields[0], 9)?;
            let name = clean_name(&streets.path, rec.line, &rec.fields[1])?;
            let parent = normalise_code(&streets.path, rec.line, &rec.fields[2], 6)?;
            require_known(&known, &parent, &streets.path, rec.line)?;
            known.insert(code.as_str().to_string(), rows.len());
            rows.push(DivisionRow {
                kind: township_kind(&name),
                name,
                code,
                parent_code: Some(parent),
                aliases: Vec::new(),
            });
        }
    }
    Ok(Divisions::from_rows(rows))
}

/// The kind of a county-level division, from its name.
pub fn county_kind(name: &str) -> RegionKind {
    if name.ends_with("新城") || name.ends_with("新区") {
        RegionKind::NewArea
    } else if name.ends_with('区') {
        RegionKind::District
    } else if name.ends_with('县') || name.ends_with('旗') {
        RegionKind::County
    } else if name.ends_with('市') {
        RegionKind::CountyLevelCity
    } else {
        zone_kind(name)
    }
}

/// The kind of a township-level division, from its name.
pub fn township_kind(name: &str) -> RegionKind {
    if name.ends_with("街道") || name.ends_with("街道办事处") {
        RegionKind::Subdistrict
    } else if name.ends_with('镇') {
        RegionKind::Town
    } else if name.ends_with('乡') || name.ends_with("苏木") {
        RegionKind::Township
    } else {
        zone_kind(name)
    }
}

/// Zones and other units: development zones, parks, and the rest as economic zones.
fn zone_kind(name: &str) -> RegionKind {
    if name.contains("开发区") || name.contains("高新") {
        RegionKind::DevelopmentZone
    } else if [
        "园区",
        "工业园",
        "产业园",
        "工业区",
        "度假区",
        "风景区",
        "园",
    ]
    .iter()
    .any(|s| name.ends_with(s))
    {
        RegionKind::Park
    } else {
        RegionKind::EconomicZone
    }
}

fn province_aliases(name: &str) -> Vec<String> {
    let short = if name.starts_with("内蒙古") {
        "内蒙古".to_string()
    } else if name.ends_with("自治区") {
        name.chars().take(2).collect()
    } else {
        name.trim_end_matches(['省', '市']).to_string()
    };
    if short != name && short.chars().count() >= 2 {
        vec![short]
    } else {
        Vec::new()
    }
}

fn prefecture_aliases(name: &str) -> Vec<String> {
    let short = if let Some(s) = name.strip_suffix("地区") {
        s.to_string()
    } else if let Some(s) = name.strip_suffix('市') {
        s.to_string()
    } else if let Some(s) = name.strip_suffix('盟') {
        s.to_string()
    } else {
        return Vec::new();
    };
    if short.chars().count() >= 2 {
        vec![short]
    } else {
        Vec::new()
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

fn require_known(
    known: &HashMap<String, usize>,
    parent: &DivisionCode,
    path: &Path,
    line: usize,
) -> Result<()> {
    if known.contains_key(parent.as_str()) {
        Ok(())
    } else {
        Err(invalid(
            path,
            line,
            format!("parent code {parent} is not defined"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_suffixes() {
        assert_eq!(county_kind("黄岛区"), RegionKind::District);
        assert_eq!(county_kind("莱西市"), RegionKind::CountyLevelCity);
        assert_eq!(county_kind("阿荣旗"), RegionKind::County);
        assert_eq!(township_kind("泊里镇"), RegionKind::Town);
        assert_eq!(township_kind("薛家岛街道"), RegionKind::Subdistrict);
        assert_eq!(township_kind("鄂温克族乡"), RegionKind::Township);
        assert_eq!(
            township_kind("青岛经济技术开发区"),
            RegionKind::DevelopmentZone
        );
        assert_eq!(township_kind("某某工业园区"), RegionKind::Park);
        assert_eq!(township_kind("某某农场"), RegionKind::EconomicZone);
        assert_eq!(province_aliases("广西壮族自治区"), ["广西"]);
        assert_eq!(province_aliases("内蒙古自治区"), ["内蒙古"]);
        assert_eq!(prefecture_aliases("青岛市"), ["青岛"]);
    }

    #[test]
    fn splits_quoted_csv() {
        assert_eq!(split_csv(r#"37,"山东省""#), ["37", "山东省"]);
        assert_eq!(split_csv(r#"1,"a,""b""",2"#), ["1", "a,\"b\"", "2"]);
    }
}
