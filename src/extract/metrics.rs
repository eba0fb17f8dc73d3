//! The canonical indicators of Chinese plans and work reports: 地区生产总值, 一般公共预算收入,
//! 固定资产投资, 城镇新增就业 … with the synonyms and abbreviations texts use for them (GDP,
//! 固投, 社消零, 规上工业增加值 …).
//!
//! The table is data (`data/metrics/indicators.tsv`, compiled in and parsed once, on first use).
//! Each indicator has a stable [`key`](MetricDef::key): keys never change and are never reused,
//! so a ledger may store them and compare figures across regions, levels and years by them. A
//! renamed indicator keeps its key; a retired one keeps its row.
//!
//! ```
//! use planledger::extract::metrics;
//!
//! let gdp = metrics::canonical("GDP").expect("a known indicator");
//! assert_eq!((gdp.key, gdp.name), ("gdp", "地区生产总值"));
//! // Scope words and traditional script do not hide an indicator ...
//! assert_eq!(metrics::canonical("全市生產總值").map(|m| m.key), Some("gdp"));
//! assert_eq!(metrics::canonical("规上工业增加值").map(|m| m.key), Some("industrial_va_above_scale"));
//! // ... but a modifier that makes it another indicator does.
//! assert_eq!(metrics::canonical("海洋生产总值").map(|m| m.key), Some("marine_gdp"));
//! assert_eq!(metrics::canonical("旅游业税收"), None);
//! assert!(metrics::all().len() >= 60);
//! ```

use super::lexicon::{metric_words, script};
use crate::model::Measure;
use once_cell::sync::Lazy;
use serde::Serialize;
use std::collections::HashMap;

const TABLE_TSV: &str = include_str!("../../data/metrics/indicators.tsv");

/// One indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MetricDef {
    /// Stable identifier (ASCII snake_case); never changes, never reused.
    pub key: &'static str,
    /// The canonical Chinese name.
    pub name: &'static str,
    /// What a bare figure of it usually is (CPI figures are rises; unemployment rates levels).
    pub measure: Option<Measure>,
    /// Its usual unit (`yuan`, `percent` or a measure word), as a hint.
    pub unit: Option<&'static str>,
    /// A plan figure: a level of it is planned, so a target, whatever the sentence around it.
    pub plan: bool,
    /// A share of a whole: a percentage above 100 cannot be a reading of it.
    pub bounded: bool,
    /// A ceiling indicator (控制目标: prices, unemployment): less is better, so a plain or
    /// 左右 target of it is a bar not to exceed, and a lower target is the stricter one.
    pub ceiling: bool,
    /// Other names and abbreviations.
    pub synonyms: Vec<&'static str>,
    /// Why the row or a synonym is there, when that is not obvious.
    pub note: Option<&'static str>,
}

fn dash(s: &'static str) -> Option<&'static str> {
    let s = s.trim();
    (!s.is_empty() && s != "-").then_some(s)
}

fn parse_row(line: &'static str) -> Option<MetricDef> {
    let mut cols = line.split('\t');
    let key = dash(cols.next()?)?;
    let name = dash(cols.next()?)?;
    let measure = match dash(cols.next()?) {
        Some("level") => Some(Measure::Level),
        Some("growth") => Some(Measure::Growth),
        Some("share") => Some(Measure::Share),
        None => None,
        Some(_) => return None,
    };
    let unit = dash(cols.next()?);
    let flags = dash(cols.next()?).unwrap_or("");
    let synonyms = dash(cols.next().unwrap_or(""))
        .map(|s| {
            s.split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let note = cols.next().and_then(dash);
    Some(MetricDef {
        key,
        name,
        measure,
        unit,
        plan: flags.split(',').any(|f| f.trim() == "plan"),
        bounded: flags.split(',').any(|f| f.trim() == "bounded"),
        ceiling: flags.split(',').any(|f| f.trim() == "ceiling"),
        synonyms,
        note,
    })
}

fn rows() -> impl Iterator<Item = &'static str> {
    TABLE_TSV
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

static TABLE: Lazy<Vec<MetricDef>> = Lazy::new(|| rows().filter_map(parse_row).collect());

/// Every name and synonym, folded, to the index of its indicator.
static NAMES: Lazy<HashMap<String, usize>> = Lazy::new(|| {
    let mut map = HashMap::new();
    for (i, m) in TABLE.iter().enumerate() {
        for n in std::iter::once(&m.name).chain(m.synonyms.iter()) {
            map.entry(key_form(n)).or_insert(i);
        }
    }
    map
});

/// What a folded name can look like, to skip the hash lookup of the tails that cannot be one
/// (most of them: a phrase's tails are tried one start at a time): the characters names end
/// with (sorted), and the byte lengths names have (bit `n` of `lens` for `n` < 128; `long` when
/// a name is longer).
struct NameShapes {
    ends: Vec<char>,
    lens: u128,
    long: bool,
}

static NAME_SHAPES: Lazy<NameShapes> = Lazy::new(|| {
    let mut shapes = NameShapes {
        ends: NAMES.keys().filter_map(|k| k.chars().next_back()).collect(),
        lens: 0,
        long: false,
    };
    shapes.ends.sort_unstable();
    shapes.ends.dedup();
    for k in NAMES.keys() {
        match k.len() {
            n @ 0..=127 => shapes.lens |= 1 << n,
            _ => shapes.long = true,
        }
    }
    shapes
});

impl NameShapes {
    /// Whether a folded name may end with `c`.
    fn may_end(&self, c: char) -> bool {
        self.ends.binary_search(&c).is_ok()
    }

    /// Whether a folded name may be `len` bytes long.
    fn may_len(&self, len: usize) -> bool {
        match len {
            0..=127 => self.lens & (1 << len) != 0,
            _ => self.long,
        }
    }
}

/// The indicator of the folded tails of `k` (every tail ends with its last character), the
/// longest first: `(start of the tail, index in the table)`.
fn named_tails(k: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let shapes = &*NAME_SHAPES;
    let may_end = k.chars().next_back().is_some_and(|c| shapes.may_end(c));
    k.char_indices()
        .take_while(move |_| may_end)
        .filter(move |&(i, _)| shapes.may_len(k.len() - i))
        .filter_map(move |(i, _)| Some((i, *NAMES.get(k.get(i..)?)?)))
}

/// Whether `s` is, folded, exactly a name or synonym of an indicator of the table.
pub(crate) fn is_name(s: &str) -> bool {
    NAMES.contains_key(&key_form(s))
}

/// The form names are compared in: traditional characters folded, ASCII letters upper-cased,
/// spaces, quotation marks and parenthesised romanisation ("生產(chǎn)總值", left by broken
/// script converters) dropped.
pub(crate) fn key_form(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_paren = false;
    let mut paren_buf = String::new();
    for c in s.chars() {
        if in_paren {
            if c == ')' || c == '）' {
                in_paren = false;
                // Keep a parenthesis that held Chinese text; drop romanisation.
                if paren_buf.chars().any(super::normalize::is_han) {
                    out.push_str(&paren_buf);
                }
                paren_buf.clear();
            } else {
                paren_buf.push(c);
            }
            continue;
        }
        match c {
            '(' | '（' => in_paren = true,
            ' ' | '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '《' | '》' => {}
            c => out.push(script::simplified(c).to_ascii_uppercase()),
        }
    }
    if in_paren {
        out.push_str(&paren_buf);
    }
    out
}

/// All indicators, in the table's order.
///
/// ```
/// let keys: Vec<&str> = planledger::extract::metrics::all().iter().map(|m| m.key).collect();
/// assert!(keys.contains(&"fixed_asset_investment"));
/// ```
pub fn all() -> &'static [MetricDef] {
    &TABLE
}

/// The indicator with this key.
///
/// ```
/// let m = planledger::extract::metrics::by_key("urban_new_jobs").unwrap();
/// assert_eq!(m.name, "城镇新增就业");
/// ```
pub fn by_key(key: &str) -> Option<&'static MetricDef> {
    TABLE.iter().find(|m| m.key == key)
}

/// The indicator a metric phrase names, if it is a known one: its name or a synonym, possibly
/// after scope words that say whose figure it is (全市, 区级, 地方, 全社会 …), a place name
/// ending in a division word (…省, …市, …区, …县, …镇), a cue or discourse word (要, 力争,
/// 其中) or a verb of reporting or planning (完成, 实现, 计划). A modifier that makes the phrase another
/// indicator ("海洋生产总值", "旅游业税收") is not scope, so such a phrase names the indicator of
/// its own row or none.
///
/// ```
/// use planledger::extract::metrics::canonical;
/// assert_eq!(canonical("社消零").unwrap().name, "社会消费品零售总额");
/// assert_eq!(canonical("区级一般公共预算收入").unwrap().key, "general_budget_revenue");
/// assert_eq!(canonical("工业投资增长"), None);
/// ```
pub fn canonical(text: &str) -> Option<&'static MetricDef> {
    resolve(text, |_| false)
}

/// [`canonical`], with `is_place` telling place names the caller knows (from its gazetteer).
pub(crate) fn resolve(text: &str, is_place: impl Fn(&str) -> bool) -> Option<&'static MetricDef> {
    let k = key_form(text);
    if k.is_empty() {
        return None;
    }
    // The longest name that ends the phrase: the first start from the left that is a name.
    for (i, idx) in named_tails(&k) {
        let head = k.get(..i).unwrap_or("");
        if is_scope(head, &is_place) {
            return TABLE.get(idx);
        }
    }
    None
}

/// Whether a metric phrase ends in the name of a share that cannot pass 100% ("新建项目开工率"):
/// whatever modifies it, a rate of that kind is bounded.
pub(crate) fn is_bounded(text: &str) -> bool {
    let k = key_form(text);
    let bounded = named_tails(&k).any(|(_, idx)| TABLE.get(idx).is_some_and(|m| m.bounded));
    bounded
}

/// Whether `head` is only scope words and place names.
fn is_scope(head: &str, is_place: &impl Fn(&str) -> bool) -> bool {
    let mut rest = head;
    while !rest.is_empty() {
        if let Some(w) = metric_words::SCOPE
            .iter()
            .chain(metric_words::LEAD)
            .chain(metric_words::REPORTING_VERBS)
            .chain(metric_words::SUBJECTS)
            .filter(|w| rest.starts_with(**w))
            .max_by_key(|w| w.len())
        {
            rest = rest.get(w.len()..).unwrap_or("");
            continue;
        }
        // A place name: the caller's, or a short name ending in a division word.
        let mut advanced = false;
        for (i, c) in rest.char_indices() {
            let end = i + c.len_utf8();
            let word = rest.get(..end).unwrap_or("");
            let n = word.chars().count();
            if n > 8 {
                break;
            }
            if (n >= 2 && DIVISION_ENDS.contains(&c)) || is_place(word) {
                rest = rest.get(end..).unwrap_or("");
                advanced = true;
                break;
            }
        }
        if !advanced {
            return false;
        }
    }
    true
}

/// Last characters of division names (省, 市, 县, 区, 镇 …): a short word ending in one, before
/// an indicator's name, is the place the figure belongs to.
const DIVISION_ENDS: &[char] = &['省', '市', '县', '区', '镇', '乡', '州', '旗', '盟', '国'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_shapes_skip_no_tail_that_is_a_name() {
        // Every tail the filter passes over must be missing from the table.
        for k in NAMES.keys() {
            for s in [format!("全市{k}"), format!("{k}增长"), format!("今年A{k}")] {
                let passed: Vec<usize> = named_tails(&s).map(|(i, _)| i).collect();
                let all: Vec<usize> = s
                    .char_indices()
                    .filter(|&(i, _)| s.get(i..).is_some_and(|t| NAMES.contains_key(t)))
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(passed, all, "{s}");
            }
        }
        assert!(is_name("地区生产总值") && is_name("GDP") && !is_name("全市地区生产总值"));
    }

    #[test]
    fn every_row_parses_and_keys_are_unique() {
        assert_eq!(
            rows().count(),
            TABLE.len(),
            "a row of the table does not parse"
        );
        assert!(TABLE.len() >= 60);
        let mut keys: Vec<&str> = TABLE.iter().map(|m| m.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), TABLE.len(), "duplicate key");
        for m in TABLE.iter() {
            assert!(
                m.key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{}",
                m.key
            );
        }
    }

    #[test]
    fn every_name_belongs_to_one_indicator() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for m in TABLE.iter() {
            for n in std::iter::once(&m.name).chain(m.synonyms.iter()) {
                if let Some(other) = seen.insert(key_form(n), m.key) {
                    panic!("{n} names both {other} and {}", m.key);
                }
            }
        }
    }
}
