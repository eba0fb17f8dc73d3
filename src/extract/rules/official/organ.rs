//! How a post's organisation is named: the level a title is at, the body it belongs to, and
//! the place's name as its organs use it.

use super::super::super::gazetteer::PlaceId;
use super::super::super::lexicon::officials as lex;
use super::super::super::Analysed;
use crate::model::RegionKind;

/// The level of a title ("市委书记" → 市, "常务副县长" → 县, "地委书记" → 地), in simplified
/// form.
pub(super) fn level_char(title: &str) -> Option<char> {
    let t = title
        .trim_start_matches("常务副")
        .trim_start_matches("代理")
        .trim_start_matches(['代', '副']);
    let c = t.chars().next()?;
    "省市区县州旗盟地镇乡".contains(c).then_some(c)
}

pub(super) fn kind_matches_level(kind: RegionKind, level: char) -> bool {
    use RegionKind as K;
    match level {
        '省' => kind == K::Province,
        '市' => matches!(kind, K::Prefecture | K::CountyLevelCity | K::Province),
        '区' => matches!(kind, K::District | K::NewArea),
        '县' | '旗' => matches!(kind, K::County),
        '州' | '盟' | '地' => matches!(kind, K::Prefecture),
        '镇' | '乡' => matches!(kind, K::Town | K::Township),
        _ => false,
    }
}

/// The body a title's organisation is named with after the place: 市委书记 → 委, 党委书记 →
/// 党委, 县人大常委会主任 → 人大常委会, 常务副县长 → 人民政府; national titles name their
/// organisation whole. One table (`lexicon::officials`) serves places the gazetteer knows and
/// names it does not.
pub(super) fn body_of(title: &str) -> Option<&'static str> {
    if let Some(&(_, org)) = lex::NATIONAL.iter().find(|(t, _)| *t == title) {
        return Some(org);
    }
    let organ_in = |o: &lex::Organ| o.organ.split('|').any(|w| title.contains(w));
    if let Some(o) = lex::BARE_ORGANS.iter().find(|o| organ_in(o)) {
        return Some(o.body);
    }
    if let Some(o) = lex::ORGANS.iter().find(|o| organ_in(o)) {
        return Some(o.body);
    }
    if title.ends_with('长') || title.ends_with("主席") {
        return Some("人民政府");
    }
    None
}

/// Whether a title is national (its organisation is named whole, with no place).
pub(super) fn is_national(title: &str) -> bool {
    lex::NATIONAL.iter().any(|(t, _)| *t == title)
}

/// Whether a title is a province's (省委书记, 常务副省长, 自治区主席).
pub(super) fn is_provincial(title: &str) -> bool {
    level_char(title) == Some('省') || title.starts_with("自治区")
}

/// The organisation of a post: the place's name as its organs are named, then the body.
pub(super) fn organization(base: Option<&str>, title: &str) -> Option<String> {
    let body = body_of(title)?;
    if is_national(title) {
        return Some(body.to_string());
    }
    let base = base?;
    Some(format!("{base}{body}"))
}

/// The name of a place as its organs are named at a level. A zone (a new area, a development
/// zone) has no committee or government of that level of its own: its organs are those of the
/// division it coincides with, named by an alias at the title's level that is not itself a
/// zone's name (a 某新区 coextensive with 某区 has a 某区委).
pub(super) fn org_place_name(a: &Analysed<'_>, place: PlaceId, level: Option<char>) -> String {
    let Some(p) = a.gaz.place(place) else {
        return String::new();
    };
    if level == Some('地') {
        return organ_base(&p.name, level);
    }
    if let Some(l) = level {
        let fits = |n: &str| n.ends_with(l) && !lex::is_zone_name(n);
        if !fits(&p.name) {
            if let Some(alias) = p.aliases.iter().find(|n| fits(n) && n.chars().count() >= 3) {
                return alias.clone();
            }
        }
    }
    p.name.clone()
}

/// The place name an organ's name starts with: a 地区's committee is the 地委 (某某地区 →
/// 某某 + 地委).
pub(super) fn organ_base(name: &str, level: Option<char>) -> String {
    match level {
        Some('地') => format!("{}地", name.strip_suffix("地区").unwrap_or(name)),
        _ => name.to_string(),
    }
}

/// The organisation named after an unknown place right before the title: 甲 + 市委书记 →
/// 甲市委 (the level character completes the name when it is not there).
pub(super) fn literal_base(literal: &str, title: &str) -> String {
    match level_char(title) {
        Some('地') => organ_base(literal, Some('地')),
        Some(l) if !literal.ends_with(l) => format!("{literal}{l}"),
        _ => literal.to_string(),
    }
}
