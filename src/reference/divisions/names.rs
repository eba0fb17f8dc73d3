//! What a division's name says about it: its kind from the suffix (区, 县级市, 镇, 街道, 开发区)
//! and the short names people write (山东 for 山东省, 青岛 for 青岛市).

use crate::model::RegionKind;

/// County-level kinds by name suffix, the first match winning (新区 before 区).
const COUNTY_SUFFIXES: &[(&str, RegionKind)] = &[
    ("新城", RegionKind::NewArea),
    ("新区", RegionKind::NewArea),
    ("区", RegionKind::District),
    ("县", RegionKind::County),
    ("旗", RegionKind::County),
    ("市", RegionKind::CountyLevelCity),
];

/// Township-level kinds by name suffix, the first match winning.
const TOWNSHIP_SUFFIXES: &[(&str, RegionKind)] = &[
    ("街道", RegionKind::Subdistrict),
    ("街道办事处", RegionKind::Subdistrict),
    ("镇", RegionKind::Town),
    ("乡", RegionKind::Township),
    ("苏木", RegionKind::Township),
];

/// The kind the first matching suffix of `table` names, else a zone's kind.
fn kind_by_suffix(name: &str, table: &[(&str, RegionKind)]) -> RegionKind {
    table
        .iter()
        .find(|(suffix, _)| name.ends_with(suffix))
        .map_or_else(|| zone_kind(name), |&(_, kind)| kind)
}

/// The kind of a county-level division, from its name.
pub fn county_kind(name: &str) -> RegionKind {
    kind_by_suffix(name, COUNTY_SUFFIXES)
}

/// The kind of a township-level division, from its name.
pub fn township_kind(name: &str) -> RegionKind {
    // An area office (Beijing's 西红门地区, 小红门地区) is a township government under a second
    // name; a zone's area (…保税区地区, …产业园地区, …委员会地区) stays a zone.
    if let Some(stem) = name.strip_suffix("地区") {
        if !stem.ends_with(['区', '园', '会', '库']) && stem.chars().count() >= 2 {
            return RegionKind::Subdistrict;
        }
    }
    kind_by_suffix(name, TOWNSHIP_SUFFIXES)
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

pub(super) fn province_aliases(name: &str) -> Vec<String> {
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

pub(super) fn prefecture_aliases(name: &str) -> Vec<String> {
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
        // An area office is a township-level government; a zone's area is a zone.
        assert_eq!(township_kind("东坝地区"), RegionKind::Subdistrict);
        assert_eq!(
            township_kind("某某综合保税区地区"),
            RegionKind::EconomicZone
        );
        assert_eq!(township_kind("某某产业园地区"), RegionKind::EconomicZone);
        assert_eq!(province_aliases("广西壮族自治区"), ["广西"]);
        assert_eq!(province_aliases("内蒙古自治区"), ["内蒙古"]);
        assert_eq!(prefecture_aliases("青岛市"), ["青岛"]);
    }
}
