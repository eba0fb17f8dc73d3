use super::{string_enum, PartialDate, RegionId};
use serde::{Deserialize, Serialize};

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

super::text_newtype!(
    DivisionCode,
    "digits",
    "code",
    |s| matches!(s.len(), 6 | 9 | 12) && s.bytes().all(|b| b.is_ascii_digit()),
    "is not a 6-, 9- or 12-digit division code"
);

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
    /// Canonical full name with its suffix (泊里镇, not 泊里), unique within the parent.
    pub name: String,
    /// Administrative level or kind of area: province, prefecture, county, town, zone …
    pub kind: RegionKind,
    /// The enclosing region (黄岛区 for 泊里镇), `None` for a root.
    pub parent: Option<RegionId>,
    /// Statistics-bureau division code (370211103), unique across the ledger.
    pub code: Option<DivisionCode>,
    /// Other names texts use: short names (泊里), former names, coextensive areas
    /// (西海岸新区 for 黄岛区).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// First day the region exists under this name (a year, a month or a day), if known.
    pub valid_from: Option<PartialDate>,
    /// Last day the region exists under this name (a merged county's last day), if known.
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
}

super::setters!(Region {
    /// Sets the parent.
    with_parent(parent: RegionId) => some(parent);
    /// Sets the division code.
    with_code(code: DivisionCode) => some(code);
    /// Adds an alias.
    with_alias(alias: impl Into<String>) => push_into(aliases);
});
