//! Target layering (层层加码): does a lower level set a harder target than the levels above it?

use crate::error::{EntityKind, Error, Result};
use crate::model::{
    string_enum, Comparator, Decimal, Measure, PartialDate, Quantity, RegionId, TargetId, Unit,
};
use crate::store::conn::ConnExt;
use crate::store::sql::{parse_col, parse_opt, text_ref};
use crate::Ledger;
use serde::{Deserialize, Serialize};

string_enum! {
    /// How a region's target compares with an ancestor region's target for the same metric,
    /// year and measure.
    pub enum Relation {
        /// The lower level demands more: a higher floor, or a lower ceiling.
        Raises => "raises",
        /// The same bar.
        Equal => "equal",
        /// The lower level demands less.
        Lowers => "lowers",
        /// No ancestor region has a target for the metric, year and measure.
        NoAncestorTarget => "no_ancestor_target",
        /// The nearest such target cannot be compared: another unit, or a ceiling against a
        /// floor.
        Incomparable => "incomparable",
    }
}

string_enum! {
    /// How a lower target's comparator commits compared with an ancestor's, whatever the
    /// numbers: 5%以上 under 5%左右 is a firmer commitment to the same figure, not a higher one.
    /// For floors 左右 (about) < a bare figure < 以上 (at least) < 超 (over); for ceilings 左右
    /// < a bare figure < 以内 (at most).
    pub enum Commitment {
        /// A firmer comparator than the ancestor's.
        Firmer => "firmer",
        /// The same strength.
        Same => "same",
        /// A softer comparator.
        Softer => "softer",
    }
}

/// Strength of a comparator's commitment (see [`Commitment`]).
fn strength(c: Comparator) -> u8 {
    match c {
        Comparator::About => 0,
        Comparator::Eq => 1,
        Comparator::AtLeast | Comparator::AtMost => 2,
        Comparator::Over => 3,
    }
}

/// Which metric and year a [`target_layering`](Ledger::target_layering) is about.
///
/// ```
/// use planledger::query::LayeringQuery;
/// let q = LayeringQuery::new("规上工业增加值", 2023).raises_only();
/// assert!(q.raises_only);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LayeringQuery {
    /// The metric: a canonical indicator's name or any synonym (地区生产总值, 生产总值, GDP
    /// all select the targets of `gdp`, however each was written), else the exact text.
    pub metric: String,
    /// The targets' year.
    pub year: i32,
    /// Only rows for regions in this region's subtree (ancestors outside it are still
    /// compared against).
    pub within: Option<RegionId>,
    /// Only rows where the target raises the bar over its parent-level or
    /// grandparent-level target.
    pub raises_only: bool,
}

impl LayeringQuery {
    /// Every region's targets for `metric` in `year`.
    pub fn new(metric: impl Into<String>, year: i32) -> Self {
        LayeringQuery {
            metric: metric.into(),
            year,
            within: None,
            raises_only: false,
        }
    }

    /// Restricts the rows to a region's subtree.
    pub fn within(mut self, region: RegionId) -> Self {
        self.within = Some(region);
        self
    }

    /// Keeps only rows that raise the bar.
    pub fn raises_only(mut self) -> Self {
        self.raises_only = true;
        self
    }
}

/// An ancestor's target and how the lower target compares with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AncestorTarget {
    /// The ancestor's target.
    pub target: TargetId,
    /// The ancestor region.
    pub region: RegionId,
    /// Its name.
    pub region_name: String,
    /// How many levels up the ancestor is (1: the parent region).
    pub levels_up: u32,
    /// The ancestor's figure.
    pub quantity: Quantity,
    /// [`Raises`](Relation::Raises), [`Equal`](Relation::Equal), [`Lowers`](Relation::Lowers)
    /// or [`Incomparable`](Relation::Incomparable).
    pub relation: Relation,
    /// How much stricter the lower target is, in the unit (percentage points for percent):
    /// lower − ancestor for floors, ancestor − lower for ceilings; negative when it lowers the
    /// bar. `None` when incomparable.
    pub excess: Option<Decimal>,
    /// `excess` as a fraction of the ancestor's value (0.25: a quarter higher), rounded toward
    /// zero; `None` when incomparable or the ancestor's value is zero.
    pub excess_ratio: Option<Decimal>,
    /// How the lower target's comparator commits against the ancestor's (5%以上 under
    /// 5%左右: [`Firmer`](Commitment::Firmer), with an `excess` of 0).
    pub commitment: Commitment,
}

/// One target of a [`target_layering`](Ledger::target_layering), with the nearest two
/// ancestor levels that set a target for the same metric, year and measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayeringRow {
    /// The target.
    pub target: TargetId,
    /// Its region.
    pub region: RegionId,
    /// The region's name.
    pub region_name: String,
    /// The region's depth in its tree (a root is 0).
    pub depth: u32,
    /// Level, growth or share.
    pub measure: Measure,
    /// The figure.
    pub quantity: Quantity,
    /// The target's deadline, if sooner than the year's end.
    pub deadline: Option<PartialDate>,
    /// The relation to the nearest ancestor's target ([`NoAncestorTarget`](Relation::NoAncestorTarget)
    /// when there is none).
    pub relation: Relation,
    /// The nearest ancestor with a target for the metric, year and measure ("the parent's").
    pub parent: Option<AncestorTarget>,
    /// The next such ancestor above it ("the grandparent's").
    pub grandparent: Option<AncestorTarget>,
    /// The tree root's target (the national one when the root is 中国), when the root has
    /// one and is not the region itself; it may also be `parent` or `grandparent`.
    pub national: Option<AncestorTarget>,
}

impl LayeringRow {
    /// Whether the target raises the bar over either ancestor level.
    pub fn raises(&self) -> bool {
        [&self.parent, &self.grandparent]
            .into_iter()
            .flatten()
            .any(|a| a.relation == Relation::Raises)
    }
}

/// A target of the metric and year, as the layering reads it.
struct Entry {
    target: TargetId,
    region: RegionId,
    /// Where its region's path (root first, the region last) is in the shared list of ids.
    path: std::ops::Range<u32>,
    /// Whether the region is inside the query's `within` subtree (always, without one).
    inside: bool,
    region_name: String,
    measure: Measure,
    quantity: Quantity,
    deadline: Option<PartialDate>,
    /// A ceiling bar (see [`crate::pledge::is_ceiling`]).
    ceiling: bool,
}

/// Appends the ids of `/1/5/23/` to `out` ([1, 5, 23]); `None` (with `out` as it was) when
/// the path is malformed. Read byte by byte: this runs once per target.
fn push_path_ids(path: &str, out: &mut Vec<RegionId>) -> Option<()> {
    let before = out.len();
    let parsed = (|| {
        for part in path.as_bytes().split(|&b| b == b'/') {
            if part.is_empty() {
                continue;
            }
            let mut id: i64 = 0;
            for &b in part {
                if !b.is_ascii_digit() {
                    return None;
                }
                id = id.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
            }
            out.push(RegionId::from_raw(id));
        }
        Some(())
    })();
    if parsed.is_none() {
        out.truncate(before);
    }
    parsed
}

/// Compares a lower target with an ancestor's (see [`target_layering`](Ledger::target_layering)).
fn compare(lower: &Entry, upper: &Entry) -> (Relation, Option<Decimal>, Option<Decimal>) {
    if lower.quantity.unit != upper.quantity.unit || lower.ceiling != upper.ceiling {
        return (Relation::Incomparable, None, None);
    }
    let (l, u) = (
        i128::from(lower.quantity.value.scaled()),
        i128::from(upper.quantity.value.scaled()),
    );
    let excess = if upper.ceiling { u - l } else { l - u };
    let relation = match excess.signum() {
        1 => Relation::Raises,
        -1 => Relation::Lowers,
        _ => Relation::Equal,
    };
    let ratio = (u != 0)
        .then(|| excess * 10_000 / u.abs())
        .and_then(|r| i64::try_from(r).ok())
        .map(Decimal::from_scaled);
    let excess = i64::try_from(excess).ok().map(Decimal::from_scaled);
    (relation, excess, ratio)
}

/// How the lower target's comparator commits against the upper's.
fn commitment(lower: &Entry, upper: &Entry) -> Commitment {
    match strength(lower.quantity.comparator).cmp(&strength(upper.quantity.comparator)) {
        std::cmp::Ordering::Greater => Commitment::Firmer,
        std::cmp::Ordering::Equal => Commitment::Same,
        std::cmp::Ordering::Less => Commitment::Softer,
    }
}

/// Among an ancestor region's targets of the measure, the one to compare with: same unit first,
/// then the same kind of bar (floor or ceiling), then the same deadline, then the lowest id.
fn pick<'e>(candidates: impl Iterator<Item = &'e Entry>, lower: &Entry) -> Option<&'e Entry> {
    candidates.min_by_key(|e| {
        (
            e.quantity.unit != lower.quantity.unit,
            e.ceiling != lower.ceiling,
            e.deadline != lower.deadline,
            e.target,
        )
    })
}

impl Ledger {
    /// 层层加码: for one metric and year, each region's targets against the nearest two ancestor
    /// levels that set a target for the same metric, year and measure, with how much the lower
    /// level raises (or lowers) the bar.
    ///
    /// - **Which ancestors.** A region's ancestors are the prefixes of its materialized path,
    ///   nearest first. The "parent" comparison is the nearest ancestor with a target of the
    ///   same measure; the "grandparent" comparison the next one above it. Levels without such
    ///   a target are skipped ([`AncestorTarget::levels_up`] says how far up the match was).
    ///   When an ancestor has several, the one with the same unit, the same kind of bar, the
    ///   same deadline, then the lowest id is taken.
    /// - **Comparable** only within one measure and one unit (growth in percent against growth
    ///   in percent; 亿元 and 万元 are both yuan). Another unit, or a ceiling (`at_most`)
    ///   against a floor, is [`Relation::Incomparable`].
    /// - **Comparators.** `eq`, `at_least` and `about` state the same bar: 12%, 不低于12% and
    ///   约12% are [`Relation::Equal`]. `over` (超12%) at the same value is also `Equal`: the
    ///   text does not say by how much. For floors a higher value raises the bar; for
    ///   ceilings (`at_most`) a lower value does.
    /// - **Deadlines** are not compared: a sooner deadline for the same figure is `Equal`.
    ///
    /// Rows come in tree order (depth-first, children by id, as in
    /// [`investment_rollup`](Ledger::investment_rollup)), then by target id; regions without
    /// a target for the metric and year have no row, and neither do targets without a region.
    ///
    /// Cost: one range scan of a covering index on `target(metric_key, year, …)` (migration
    /// 0008; `target(metric, year, …)`, 0004, for a metric by its text) joined to `region` by
    /// primary key, a binary search per ancestor level, and one sort into tree order, so time
    /// grows with the number of targets for that metric and year (times the tree depth), not
    /// with the ledger's size. No recursive query. This is the entry point the benchmarks call.
    ///
    /// ```
    /// use planledger::model::*;
    /// use planledger::query::{LayeringQuery, Relation};
    ///
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// let city = ledger.insert(&Region::new("青岛市", RegionKind::Prefecture))?;
    /// let area = ledger.insert(&Region::new("西海岸新区", RegionKind::NewArea).with_parent(city))?;
    /// let town = ledger.insert(&Region::new("泊里镇", RegionKind::Town).with_parent(area))?;
    /// let growth = |region, pct: i32| {
    ///     Target::new("规上工业产值", Measure::Growth, Quantity::percent(Decimal::from_int(pct)))
    ///         .in_region(region)
    ///         .in_year(2023)
    /// };
    /// ledger.insert(&growth(city, 8))?;
    /// ledger.insert(&growth(area, 10))?;
    /// ledger.insert(&growth(town, 20))?;
    ///
    /// let rows = ledger.target_layering(&LayeringQuery::new("规上工业产值", 2023))?;
    /// let town_row = rows.iter().find(|r| r.region == town).unwrap();
    /// assert_eq!(town_row.relation, Relation::Raises);
    /// let parent = town_row.parent.as_ref().unwrap();
    /// assert_eq!(parent.region, area);
    /// assert_eq!(parent.excess.unwrap().to_string(), "10"); // percentage points
    /// assert_eq!(parent.excess_ratio.unwrap().to_string(), "1"); // twice the parent's bar
    /// assert_eq!(town_row.grandparent.as_ref().unwrap().region, city);
    /// assert_eq!(rows.iter().find(|r| r.region == city).unwrap().relation, Relation::NoAncestorTarget);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn target_layering(&self, query: &LayeringQuery) -> Result<Vec<LayeringRow>> {
        // A known indicator is selected by its key (migration 0006), whatever its spelling;
        // another metric by its exact text.
        const BY_KEY: &str =
            "SELECT t.id, t.region_id, r.path, r.name, t.measure, t.value_e4, t.unit, \
               t.comparator, t.deadline, t.metric \
             FROM target t JOIN region r ON r.id = t.region_id \
             WHERE t.metric_key = ?1 AND t.year = ?2";
        const BY_TEXT: &str =
            "SELECT t.id, t.region_id, r.path, r.name, t.measure, t.value_e4, t.unit, \
               t.comparator, t.deadline, t.metric \
             FROM target t JOIN region r ON r.id = t.region_id \
             WHERE t.metric = ?1 AND t.year = ?2";
        let key = crate::store::metric_key(&query.metric);
        let (sql, metric) = match key {
            Some(k) => (BY_KEY, k.to_string()),
            None => (BY_TEXT, query.metric.clone()),
        };
        let within = match query.within {
            Some(root) => {
                const ROOT: &str = "SELECT path FROM region WHERE id = ?1";
                let path: Option<String> = self.conn().row_opt(ROOT, [root.get()], |r| r.get(0))?;
                Some(path.ok_or_else(|| Error::not_found(EntityKind::Region, root))?)
            }
            None => None,
        };
        // Whether a metric as written is a ceiling, once per spelling (a key's targets share
        // a handful): the indicator lookup normalises the text each time.
        let mut ceilings: Vec<(String, Comparator, bool)> = Vec::new();
        // Every region path in one list (an entry keeps its range): one allocation, not one
        // per target. The first malformed path is kept for the error.
        let mut paths: Vec<RegionId> = Vec::new();
        let mut malformed: Option<(RegionId, String)> = None;
        let entries: Vec<Entry> =
            self.conn()
                .rows(sql, rusqlite::params![metric, query.year], |r| {
                    let region: RegionId = r.get(1)?;
                    let path_text = text_ref(r, 2)?;
                    let start = paths.len();
                    if push_path_ids(path_text, &mut paths).is_none() && malformed.is_none() {
                        malformed = Some((region, path_text.to_string()));
                    }
                    let inside = within
                        .as_deref()
                        .map_or(true, |root| path_text.starts_with(root));
                    let comparator: Comparator = parse_col(r, 7)?;
                    let metric_text = text_ref(r, 9)?;
                    let ceiling = match ceilings
                        .iter()
                        .find(|(m, c, _)| *c == comparator && m == metric_text)
                    {
                        Some(&(_, _, ceiling)) => ceiling,
                        None => {
                            let ceiling = crate::pledge::ceiling_bar(metric_text, comparator);
                            ceilings.push((metric_text.to_string(), comparator, ceiling));
                            ceiling
                        }
                    };
                    Ok(Entry {
                        target: r.get(0)?,
                        region,
                        path: u32::try_from(start).unwrap_or(u32::MAX)
                            ..u32::try_from(paths.len()).unwrap_or(u32::MAX),
                        inside,
                        region_name: r.get(3)?,
                        measure: parse_col(r, 4)?,
                        quantity: Quantity {
                            value: Decimal::from_scaled(r.get(5)?),
                            unit: Unit::parse(text_ref(r, 6)?),
                            comparator,
                        },
                        deadline: parse_opt(r, 8)?,
                        ceiling,
                    })
                })?;
        if let Some((region, path)) = malformed {
            return Err(Error::Corrupt {
                detail: format!("region {region} has a malformed path {path:?}"),
            });
        }
        if u32::try_from(paths.len()).is_err() {
            return Err(Error::invalid(
                "layering",
                "too many targets to compare at once",
            ));
        }
        let path_of = |e: &Entry| &paths[e.path.start as usize..e.path.end as usize];
        // Entries by region, then measure, then read order. The statement ranges over an index
        // ordered by region and measure, so the read order already is that; sort only if a
        // plan ever returns them otherwise.
        let mut by_region: Vec<(RegionId, Measure, u32)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.region, e.measure, i as u32))
            .collect();
        if by_region.windows(2).any(|w| w[0] > w[1]) {
            by_region.sort_unstable();
        }
        // Each region's slice of that list, found by halves over the distinct regions.
        let mut regions: Vec<(RegionId, u32, u32)> = Vec::new();
        for (at, &(region, _, _)) in by_region.iter().enumerate() {
            let at = at as u32;
            match regions.last_mut() {
                Some(last) if last.0 == region => last.2 = at + 1,
                _ => regions.push((region, at, at + 1)),
            }
        }
        let candidates_of = |region: RegionId, measure: Measure| {
            let (lo, hi) = regions
                .binary_search_by_key(&region, |r| r.0)
                .map_or((0, 0), |k| (regions[k].1, regions[k].2));
            by_region[lo as usize..hi as usize]
                .iter()
                .filter(move |c| c.1 == measure)
                .map(|c| &entries[c.2 as usize])
        };
        // Tree order (depth-first, children by id), then target id. Each path becomes a byte
        // key, its ids as fixed-width big-endian numbers (sign bit flipped), so that byte order
        // is the numeric path order (a parent's key is a prefix of its children's) and each
        // comparison is one memcmp.
        let mut keys: Vec<u8> = Vec::with_capacity(paths.len() * 8);
        for id in &paths {
            keys.extend_from_slice(&((id.get() as u64) ^ (1 << 63)).to_be_bytes());
        }
        let key_of = |e: &Entry| &keys[e.path.start as usize * 8..e.path.end as usize * 8];
        let mut order: Vec<(&[u8], TargetId, u32)> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.inside)
            .map(|(i, e)| (key_of(e), e.target, i as u32))
            .collect();
        order.sort_unstable();
        let mut out = Vec::with_capacity(order.len());
        for lower in order.iter().map(|&(_, _, i)| &entries[i as usize]) {
            let path = path_of(lower);
            // Ancestors nearest first: the path without its last id, reversed.
            let ancestors = path.iter().rev().skip(1);
            let mut parent = None;
            let mut grandparent = None;
            let mut national = None;
            let root = path.first().copied();
            for (up, region) in ancestors.enumerate() {
                let Some(upper) = pick(candidates_of(*region, lower.measure), lower) else {
                    continue;
                };
                let is_root = Some(*region) == root;
                if grandparent.is_some() && !is_root {
                    continue;
                }
                let (relation, excess, excess_ratio) = compare(lower, upper);
                let ancestor = AncestorTarget {
                    target: upper.target,
                    region: upper.region,
                    region_name: upper.region_name.clone(),
                    levels_up: u32::try_from(up + 1).unwrap_or(u32::MAX),
                    quantity: upper.quantity.clone(),
                    relation,
                    excess,
                    excess_ratio,
                    commitment: commitment(lower, upper),
                };
                if is_root {
                    national = Some(ancestor.clone());
                }
                if parent.is_none() {
                    parent = Some(ancestor);
                } else if grandparent.is_none() {
                    grandparent = Some(ancestor);
                }
            }
            let row = LayeringRow {
                target: lower.target,
                region: lower.region,
                region_name: lower.region_name.clone(),
                depth: u32::try_from(path.len().saturating_sub(1)).unwrap_or(u32::MAX),
                measure: lower.measure,
                quantity: lower.quantity.clone(),
                deadline: lower.deadline,
                relation: parent
                    .as_ref()
                    .map_or(Relation::NoAncestorTarget, |p| p.relation),
                parent,
                grandparent,
                national,
            };
            if !query.raises_only || row.raises() {
                out.push(row);
            }
        }
        Ok(out)
    }
}

/// One level's line in a [`layering_summary`]: how the targets at one depth of the tree
/// compare with their nearest ancestor's, for one measure and unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelSummary {
    /// Depth in the region tree (0: the root, 中国).
    pub depth: u32,
    /// Level, growth or share.
    pub measure: Measure,
    /// The unit the raises are in (percent: percentage points).
    pub unit: Unit,
    /// Targets at this depth.
    pub targets: usize,
    /// Of them, those with a comparable ancestor target.
    pub compared: usize,
    /// Of those, the ones whose figure is above their parent's bar ([`Relation::Raises`]).
    pub above_parent: usize,
    /// Of those compared, the ones with a firmer comparator than their parent's.
    pub firmer: usize,
    /// Mean raise over the parent's figure, in the unit, rounded toward zero to four places;
    /// `None` when none was compared.
    pub mean_raise: Option<Decimal>,
    /// `above_parent / compared`, rounded toward zero; `None` when none was compared.
    pub share_above_parent: Option<Decimal>,
}

/// The per-level summary researchers report for layering (Li, Liu, Weng & Zhou 2019): for
/// each depth, measure and unit, the mean raise over the parent's target and the share of
/// children above their parent. Rows in depth, measure, unit order.
///
/// ```
/// use planledger::model::*;
/// use planledger::query::{layering_summary, LayeringQuery};
/// let mut ledger = planledger::Ledger::open_in_memory()?;
/// let p = ledger.insert(&Region::new("某省", RegionKind::Province))?;
/// let a = ledger.insert(&Region::new("甲市", RegionKind::Prefecture).with_parent(p))?;
/// let b = ledger.insert(&Region::new("乙市", RegionKind::Prefecture).with_parent(p))?;
/// for (r, v) in [(p, 50), (a, 60), (b, 50)] {
///     let q = Quantity::percent(Decimal::from_scaled(v * 1000));
///     ledger.insert(&Target::new("GDP", Measure::Growth, q).in_region(r).in_year(2023))?;
/// }
/// let rows = ledger.target_layering(&LayeringQuery::new("地区生产总值", 2023))?;
/// let s = layering_summary(&rows);
/// let cities = s.iter().find(|l| l.depth == 1).unwrap();
/// assert_eq!((cities.compared, cities.above_parent), (2, 1));
/// assert_eq!(cities.mean_raise.unwrap().to_string(), "0.5"); // (1 + 0) / 2 points
/// assert_eq!(cities.share_above_parent.unwrap().to_string(), "0.5");
/// # Ok::<(), planledger::Error>(())
/// ```
pub fn layering_summary(rows: &[LayeringRow]) -> Vec<LevelSummary> {
    let mut levels: Vec<LevelSummary> = Vec::new();
    let mut sums: Vec<i128> = Vec::new();
    for row in rows {
        let unit = row.quantity.unit.clone();
        let i = match levels
            .iter()
            .position(|l| l.depth == row.depth && l.measure == row.measure && l.unit == unit)
        {
            Some(i) => i,
            None => {
                levels.push(LevelSummary {
                    depth: row.depth,
                    measure: row.measure,
                    unit,
                    targets: 0,
                    compared: 0,
                    above_parent: 0,
                    firmer: 0,
                    mean_raise: None,
                    share_above_parent: None,
                });
                sums.push(0);
                levels.len() - 1
            }
        };
        let level = &mut levels[i];
        level.targets += 1;
        if let Some(p) = &row.parent {
            if let Some(excess) = p.excess {
                level.compared += 1;
                sums[i] += i128::from(excess.scaled());
                level.above_parent += usize::from(p.relation == Relation::Raises);
                level.firmer += usize::from(p.commitment == Commitment::Firmer);
            }
        }
    }
    for (level, sum) in levels.iter_mut().zip(sums) {
        if level.compared > 0 {
            let n = level.compared as i128;
            level.mean_raise = i64::try_from(sum / n).ok().map(Decimal::from_scaled);
            level.share_above_parent = i64::try_from(level.above_parent as i128 * 10_000 / n)
                .ok()
                .map(Decimal::from_scaled);
        }
    }
    levels.sort_by(|a, b| {
        (a.depth, a.measure.as_str(), a.unit.as_str()).cmp(&(
            b.depth,
            b.measure.as_str(),
            b.unit.as_str(),
        ))
    });
    levels
}
