//! Names as people write them: the short forms of an official name, and the words a short form
//! must not be mistaken for.
//!
//! An official name is a stem plus a level word (广东 + 省, 罗湖 + 区, 泊里 + 镇), sometimes with
//! the peoples of an autonomous area between them (漾濞 + 彝族 + 自治县). People drop the level
//! word and the peoples: 广东, 罗湖, 漾濞, 湘西州. How far a short form can be trusted depends on
//! the level: a province's short name (广东) is a name everywhere; a county's (罗湖) is safe
//! where the text is about its part of the country or when nothing glues it to a word; a
//! township's (泊里) only inside its own county.

use crate::extract::lexicon::table::word_tables;

use crate::model::RegionKind;
use once_cell::sync::Lazy;
use std::collections::HashSet;

/// How a name denotes its place, from the most to the least trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum NameForm {
    /// The canonical name (山东省, 泊里镇).
    Canonical,
    /// Another full name: a coextensive area's (黄岛区 for 西海岸新区), an autonomous area's
    /// name without its peoples (湘西州), a zone's usual abbreviation (秦皇岛经开区).
    Alias,
    /// A name the place went by before a change (张家楼镇 before it became 张家楼街道).
    Former,
    /// A short name trusted anywhere it stands as a name (广东, 青岛, 大兴安岭).
    Short,
    /// A short name that can also be read as an ordinary word or sits below a same-named
    /// higher place (罗湖, 莱西, 漾濞): a name where the text is about its province, after the
    /// name of a place enclosing it, or with nothing glued to it.
    WeakShort,
    /// A name only the place's own neighbourhood uses (泊里 for 泊里镇, 新区 for the local new
    /// area, 加区 for 加格达奇区): recognised only in a text about its county or prefecture.
    Local,
}

impl NameForm {
    /// Whether a text may be read with this form without knowing what the text is about.
    pub(crate) fn is_global(self) -> bool {
        !matches!(self, NameForm::Local)
    }
}

/// The administrative level a place's short names are built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Country,
    Province,
    Prefecture,
    County,
    Township,
    Below,
}

impl Level {
    pub(crate) fn of(kind: RegionKind) -> Level {
        use RegionKind as K;
        match kind {
            K::Country => Level::Country,
            K::Province => Level::Province,
            K::Prefecture => Level::Prefecture,
            K::District | K::County | K::CountyLevelCity | K::NewArea => Level::County,
            K::Town | K::Township | K::Subdistrict => Level::Township,
            K::EconomicZone | K::DevelopmentZone | K::Park => Level::Township,
            K::Village => Level::Below,
            // A kind added later: treat it as a township-level unit, the most cautious choice
            // short of hiding it.
            #[allow(unreachable_patterns)]
            _ => Level::Township,
        }
    }
}

/// The word lists of this module, in `data/lexicon/place_names.txt` (each table described there).
const SRC: &str = include_str!("../../../data/lexicon/place_names.txt");

word_tables!(SRC, "place_names.txt": PEOPLES, SUFFIXES, COMMON_WORDS, GENERIC_NAMES,
    PROVINCE_SHORTS);

static GENERIC: Lazy<HashSet<&'static str, super::FxBuild>> =
    Lazy::new(|| GENERIC_NAMES.iter().copied().collect());
static COMMON: Lazy<HashSet<&'static str, super::FxBuild>> =
    Lazy::new(|| COMMON_WORDS.iter().copied().collect());

pub(crate) fn is_generic(name: &str) -> bool {
    GENERIC.contains(name)
}

pub(crate) fn is_common_word(stem: &str) -> bool {
    COMMON.contains(stem)
}

/// Splits an official name into its stem and level word: 漾濞彝族自治县 → (漾濞, 自治县),
/// 广西壮族自治区 → (广西, 自治区), 湘西土家族苗族自治州 → (湘西, 自治州). The peoples are
/// stripped only while at least two characters of stem remain (内蒙古自治区 keeps 内蒙古).
pub(crate) fn stem(name: &str) -> (&str, &str) {
    let Some(suffix) = SUFFIXES.iter().find(|s| name.ends_with(*s)) else {
        return (name, "");
    };
    let mut stem = &name[..name.len() - suffix.len()];
    if suffix.starts_with("自治") || suffix.starts_with("民族") {
        while let Some(p) = PEOPLES.iter().find(|p| stem.ends_with(*p)) {
            let rest = &stem[..stem.len() - p.len()];
            if rest.chars().count() < 2 {
                break;
            }
            stem = rest;
        }
    }
    (stem, suffix)
}

/// The names a division goes by besides its official one, each with its form.
pub(crate) fn short_forms(name: &str, kind: RegionKind) -> Vec<(String, NameForm)> {
    let mut out: Vec<(String, NameForm)> = Vec::new();
    let level = Level::of(kind);
    let zone = matches!(
        kind,
        RegionKind::DevelopmentZone | RegionKind::EconomicZone | RegionKind::Park
    ) || zone_suffix(name).is_some();
    if zone {
        for alias in zone_aliases(name) {
            out.push((alias, NameForm::Alias));
        }
        return out;
    }
    let (stem, suffix) = stem(name);
    let n = stem.chars().count();
    if suffix.is_empty() || n < 2 {
        return out;
    }
    // Beijing's area offices (西红门地区, 小红门地区) are one body with the town's or township's
    // government and sign with either name: the table lists the office, texts mostly the town.
    if level == Level::Township && suffix == "地区" && !stem.ends_with(['道', '镇', '乡']) {
        out.push((format!("{stem}镇"), NameForm::Alias));
        out.push((format!("{stem}乡"), NameForm::Alias));
    }
    let autonomous = suffix.starts_with("自治") || suffix.starts_with("民族");
    // 湘西州, 漾濞县, 鄂温克旗: the stem with the bare level character.
    if autonomous {
        if let Some(c) = suffix.chars().last() {
            if c != '区' {
                out.push((format!("{stem}{c}"), NameForm::Alias));
            }
        }
    }
    let common = is_common_word(stem);
    let form = match level {
        Level::Country | Level::Province => NameForm::Short,
        Level::Prefecture if common => NameForm::Local,
        Level::Prefecture => NameForm::Short,
        Level::County if common => NameForm::Local,
        // A banner's stem (镶黄, 正蓝) is not a name on its own.
        Level::County if suffix == "旗" => return out,
        Level::County => NameForm::WeakShort,
        Level::Township | Level::Below => NameForm::Local,
    };
    out.push((stem.to_string(), form));
    // 加格达奇区 → 加区: the first character with the level word, a local habit for long stems.
    if level == Level::County && n >= 3 && !autonomous && suffix.chars().count() == 1 {
        if let Some(first) = stem.chars().next() {
            out.push((format!("{first}{suffix}"), NameForm::Local));
        }
    }
    out
}

/// Zone words, longest first, with the abbreviation people use for each.
const ZONE_WORDS: &[(&str, &str)] = &[
    ("高新技术产业开发区", "高新区"),
    ("高新技术产业园区", "高新区"),
    ("高新技术开发区", "高新区"),
    ("经济技术开发区", "经开区"),
    ("综合保税区", "综保区"),
    ("经济开发区", "经开区"),
    ("自由贸易试验区", "自贸区"),
    ("工业园区", ""),
    ("产业园区", ""),
    ("保税区", ""),
    ("开发区", ""),
    ("高新区", ""),
    ("经开区", ""),
    ("自贸片区", ""),
    ("新区", ""),
];

/// The zone word a name ends with, and its abbreviation ("" when it has none).
pub(crate) fn zone_suffix(name: &str) -> Option<(&'static str, &'static str)> {
    ZONE_WORDS
        .iter()
        .find(|(w, _)| name.ends_with(w) && name.len() > w.len())
        .copied()
}

/// The zone words the scanner knows after a place name (张金 + 经济开发区).
pub(crate) fn zone_words() -> impl Iterator<Item = &'static str> {
    ZONE_WORDS.iter().map(|(w, _)| *w)
}

/// Other full names of a zone: its abbreviation (秦皇岛市经济技术开发区 → 秦皇岛市经开区) and the
/// forms without the 市 or the province name people leave out (秦皇岛经济技术开发区,
/// 唐山芦台经济开发区 for 河北唐山芦台经济开发区).
fn zone_aliases(name: &str) -> Vec<String> {
    let mut bases: Vec<String> = vec![name.to_string()];
    if let Some((word, _)) = zone_suffix(name) {
        let head = &name[..name.len() - word.len()];
        // Leading province short names written before a city's zone.
        for p in PROVINCE_SHORTS {
            if let Some(rest) = head.strip_prefix(p) {
                if rest.chars().count() >= 2 {
                    bases.push(format!("{rest}{word}"));
                }
            }
        }
        if let Some(pos) = head.find('市') {
            let before = &head[..pos];
            let after = &head[pos + '市'.len_utf8()..];
            if before.chars().count() >= 2 {
                bases.push(format!("{before}{after}{word}"));
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for b in bases {
        if let Some((word, abbr)) = zone_suffix(&b) {
            if !abbr.is_empty() {
                let head = &b[..b.len() - word.len()];
                out.push(format!("{head}{abbr}"));
            }
        }
        if b != name {
            out.push(b);
        }
    }
    out.retain(|n| !is_generic(n) && n.chars().count() >= 4);
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shorts(name: &str, kind: RegionKind) -> Vec<(String, NameForm)> {
        short_forms(name, kind)
    }

    #[test]
    fn stems_strip_level_words_and_peoples() {
        assert_eq!(stem("漾濞彝族自治县"), ("漾濞", "自治县"));
        assert_eq!(stem("湘西土家族苗族自治州"), ("湘西", "自治州"));
        assert_eq!(stem("广西壮族自治区"), ("广西", "自治区"));
        assert_eq!(stem("新疆维吾尔自治区"), ("新疆", "自治区"));
        assert_eq!(stem("内蒙古自治区"), ("内蒙古", "自治区"));
        assert_eq!(stem("大兴安岭地区"), ("大兴安岭", "地区"));
        assert_eq!(stem("廿三里街道"), ("廿三里", "街道"));
        assert_eq!(stem("彭水苗族土家族自治县"), ("彭水", "自治县"));
    }

    #[test]
    fn short_forms_by_level() {
        use NameForm as F;
        assert_eq!(
            shorts("广东省", RegionKind::Province),
            [("广东".to_string(), F::Short)]
        );
        assert_eq!(
            shorts("罗湖区", RegionKind::District),
            [("罗湖".to_string(), F::WeakShort)]
        );
        assert!(shorts("漾濞彝族自治县", RegionKind::County)
            .contains(&("漾濞".to_string(), F::WeakShort)));
        assert!(shorts("湘西土家族苗族自治州", RegionKind::Prefecture)
            .contains(&("湘西州".to_string(), F::Alias)));
        assert_eq!(
            shorts("泊里镇", RegionKind::Town),
            [("泊里".to_string(), F::Local)]
        );
        // One-character stems have no short form; banners keep their full name.
        assert!(shorts("代县", RegionKind::County).is_empty());
        assert!(shorts("镶黄旗", RegionKind::County).is_empty());
        // Ordinary words stay local.
        assert_eq!(
            shorts("会同县", RegionKind::County),
            [("会同".to_string(), F::Local)]
        );
        assert!(
            shorts("加格达奇区", RegionKind::District).contains(&("加区".to_string(), F::Local))
        );
        // A township-level area office answers to its town's and township's names too.
        let area = shorts("东坝地区", RegionKind::Subdistrict);
        assert!(area.contains(&("东坝乡".to_string(), F::Alias)), "{area:?}");
        assert!(area.contains(&("东坝镇".to_string(), F::Alias)), "{area:?}");
        // A prefecture-level 地区 does not.
        assert!(!shorts("大兴安岭地区", RegionKind::Prefecture)
            .iter()
            .any(|(n, _)| n.ends_with('镇')));
    }

    #[test]
    fn zone_abbreviations() {
        let a = short_forms("秦皇岛市经济技术开发区", RegionKind::DevelopmentZone);
        let names: Vec<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"秦皇岛经济技术开发区"), "{names:?}");
        assert!(names.contains(&"秦皇岛经开区"), "{names:?}");
        assert!(names.contains(&"秦皇岛市经开区"), "{names:?}");
        let b = short_forms("河北唐山芦台经济开发区", RegionKind::DevelopmentZone);
        assert!(b.iter().any(|(n, _)| n == "唐山芦台经济开发区"), "{b:?}");
    }
}
