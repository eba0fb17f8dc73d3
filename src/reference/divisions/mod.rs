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
mod csv;
mod names;

pub use csv::load_dir;
pub use names::{county_kind, township_kind};

use crate::error::{Error, Result};
use crate::model::{DivisionCode, Region, RegionId, RegionKind};
use crate::Ledger;
use once_cell::sync::Lazy;
use std::collections::HashMap;

/// The bundled edition in its compact form.
const NATIONAL: &str = include_str!("../../../data/divisions/divisions.txt");

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

impl DivisionRow {
    /// The row as a region under `parent` (the tables know no validity dates).
    pub(crate) fn region(&self, parent: Option<RegionId>) -> Region {
        Region {
            name: self.name.clone(),
            kind: self.kind,
            parent,
            code: Some(self.code.clone()),
            aliases: self.aliases.clone(),
            valid_from: None,
            valid_to: None,
        }
    }
}

/// The loaded tables, parents before children.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Divisions {
    rows: Vec<DivisionRow>,
    by_code: HashMap<String, usize>,
}

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
            let mut known = crate::reference::known::KnownRegions::read(tx)?;
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
                let id = known.reuse_or_insert(row.region(parent));
                ids.insert(row.code.clone(), id);
            }
            known.finish(tx)?;
            Ok(ids)
        })
    }
}
