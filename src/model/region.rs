use super::{string_enum, PartialDate, RegionId};
use crate::Error;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

string_enum! {
    /// The administrative or functional kind of a region.
    pub enum RegionKind {
        /// A whole country: the root of a national tree.
        Country => "country",
        /// 省, 自治区, 直辖市.
        Province => "province",
        /// 地级市, 州, 盟 (副省级市 included).
        Prefecture => "prefecture",
        /// 市辖区.
        District => "district",
        /// 县, 旗.
        County => "county",
        /// 县级市.
        CountyLevelCity => "county_level_city",
        /// 国家级新区 and similar areas, possibly coextensive with a district (西海岸新区 ~ 黄岛区).
        NewArea => "new_area",
        /// 镇.
        Town => "town",
        /// 乡.
        Township => "township",
        /// 街道.
        Subdistrict => "subdistrict",
        /// 经济区, 保税区, 自贸片区.
        EconomicZone => "economic_zone",
        /// 开发区, 高新区.
        DevelopmentZone => "development_zone",
        /// 园区, 商务区.
        Park => "park",
        /// 村, 社区: below township level.
        Village => "village",
    }
}

/// A statistics-bureau division code: 6 digits for province, prefecture and county level
/// (青岛市 370200), 9 for township level (泊里镇 370211103), 12 for village level.
///
/// ```
/// use planledger::model::DivisionCode;
/// let code: DivisionCode = "370211103".parse()?;
/// assert_eq!(code.as_str(), "370211103");
/// assert!("3702".parse::<DivisionCode>().is_err());
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DivisionCode(String);

impl DivisionCode {
    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for DivisionCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        if matches!(s.len(), 6 | 9 | 12) && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(DivisionCode(s.to_string()))
        } else {
            Err(Error::invalid(
                "code",
                format!("{s:?} is not a 6-, 9- or 12-digit division code"),
            ))
        }
    }
}

impl fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for DivisionCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DivisionCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// A place a plan belongs to: a province, a county, a town, a zone.
///
/// ```
/// use planledger::model::{Region, RegionKind};
/// let town = Region::new("泊里镇", RegionKind::Town)
///     .with_code("370211103".parse()?)
///     .with_alias("泊里");
/// assert_eq!(town.aliases, ["泊里"]);
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Canonical name, unique within the parent.
    pub name: String,
    /// Kind.
    pub kind: RegionKind,
    /// The enclosing region, `None` for a root.
    #[serde(default)]
    pub parent: Option<RegionId>,
    /// Official division code, unique across the ledger.
    #[serde(default)]
    pub code: Option<DivisionCode>,
    /// Other names texts use (former names, short names, coextensive areas).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// First day the region exists under this name, if known.
    #[serde(default)]
    pub valid_from: Option<PartialDate>,
    /// Last day the region exists under this name, if known.
    #[serde(default)]
    pub valid_to: Option<PartialDate>,
}

impl Region {
    /// A root region with no code or aliases.
    pub fn new(name: impl Into<String>, kind: RegionKind) -> Self {
        Region {
            name: name.into(),
            kind,
            parent: None,
            code: None,
            aliases: Vec::new(),
            valid_from: None,
            valid_to: None,
        }
    }

    /// Sets the parent.
    pub fn with_parent(mut self, parent: RegionId) -> Self {
        self.parent = Some(parent);
        self
    }

    /// Sets the division code.
    pub fn with_code(mut self, code: DivisionCode) -> Self {
        self.code = Some(code);
        self
    }

    /// Adds an alias.
    pub fn with_alias(mut self, alias: impl Into<String>) -> Self {
        self.aliases.push(alias.into());
        self
    }
}
