//! Target layering (层层加码): does a lower level set a harder target than the levels above it?
//!
//! `mod.rs` holds the public types and the query that reads the targets; `tree.rs` the pure
//! comparison along the region tree; `summary.rs` the per-level summary.

mod summary;
mod tree;

pub use summary::{layering_summary, LevelSummary};

use crate::error::{EntityKind, Error, Result};
use crate::model::{string_enum, Comparator, Decimal, Quantity, RegionId, TargetId, Unit};
use crate::model::{Measure, PartialDate};
use crate::store::conn::ConnExt;
use crate::store::sql::{parse_col, parse_opt, text_ref};
use crate::Ledger;
use serde::{Deserialize, Serialize};
use tree::{Entry, Targets};

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
        let relation = |a: &Option<AncestorTarget>| a.as_ref().map(|a| a.relation);
        raises_over(relation(&self.parent), relation(&self.grandparent))
    }
}

/// Whether a row raises the bar, from its parent-level and grandparent-level relations.
fn raises_over(parent: Option<Relation>, grandparent: Option<Relation>) -> bool {
    [parent, grandparent].contains(&Some(Relation::Raises))
}

/// An ancestor's target in a [`LayeringLine`]: an [`AncestorTarget`] without the region's
/// name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AncestorFigure {
    /// The ancestor's target.
    pub target: TargetId,
    /// The ancestor region.
    pub region: RegionId,
    /// How many levels up the ancestor is (1: the parent region).
    pub levels_up: u32,
    /// The ancestor's figure.
    pub quantity: Quantity,
    /// As [`AncestorTarget::relation`].
    pub relation: Relation,
    /// As [`AncestorTarget::excess`].
    pub excess: Option<Decimal>,
    /// As [`AncestorTarget::excess_ratio`].
    pub excess_ratio: Option<Decimal>,
    /// As [`AncestorTarget::commitment`].
    pub commitment: Commitment,
}

impl AncestorFigure {
    /// The figure with its region's name: the [`AncestorTarget`] of a [`LayeringRow`].
    pub fn named(self, region_name: impl Into<String>) -> AncestorTarget {
        AncestorTarget {
            target: self.target,
            region: self.region,
            region_name: region_name.into(),
            levels_up: self.levels_up,
            quantity: self.quantity,
            relation: self.relation,
            excess: self.excess,
            excess_ratio: self.excess_ratio,
            commitment: self.commitment,
        }
    }
}

/// One target of a [`target_layering_lines`](Ledger::target_layering_lines): a
/// [`LayeringRow`] without region names (regions by id), for tables over many regions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayeringLine {
    /// The target.
    pub target: TargetId,
    /// Its region.
    pub region: RegionId,
    /// The region's depth in its tree (a root is 0).
    pub depth: u32,
    /// Level, growth or share.
    pub measure: Measure,
    /// The figure.
    pub quantity: Quantity,
    /// The target's deadline, if sooner than the year's end.
    pub deadline: Option<PartialDate>,
    /// As [`LayeringRow::relation`].
    pub relation: Relation,
    /// As [`LayeringRow::parent`].
    pub parent: Option<AncestorFigure>,
    /// As [`LayeringRow::grandparent`].
    pub grandparent: Option<AncestorFigure>,
    /// As [`LayeringRow::national`].
    pub national: Option<AncestorFigure>,
}

impl LayeringLine {
    /// Whether the target raises the bar over either ancestor level.
    pub fn raises(&self) -> bool {
        let relation = |a: &Option<AncestorFigure>| a.as_ref().map(|a| a.relation);
        raises_over(relation(&self.parent), relation(&self.grandparent))
    }
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
    /// with the ledger's size. No recursive query.
    ///
    /// **Which call to use.** Each row here carries its region's name and each ancestor's
    /// (up to four `String`s a row). For tables and statistics over many regions,
    /// [`target_layering_lines`](Ledger::target_layering_lines) returns the same rows with
    /// regions by id only, in about two thirds of the time on the national ledger; use this
    /// one to show rows to a reader.
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
        let targets = self.layering_targets(query, true)?;
        let name = |at: Option<u32>| at.map_or("", |at| targets.name(at));
        Ok(tree::layer(
            &targets,
            query.raises_only,
            |line, (at, [p, g, n])| LayeringRow {
                target: line.target,
                region: line.region,
                region_name: targets.name(at).to_string(),
                depth: line.depth,
                measure: line.measure,
                quantity: line.quantity,
                deadline: line.deadline,
                relation: line.relation,
                parent: line.parent.map(|a| a.named(name(p))),
                grandparent: line.grandparent.map(|a| a.named(name(g))),
                national: line.national.map(|a| a.named(name(n))),
            },
        ))
    }

    /// The rows of [`target_layering`](Ledger::target_layering) without region names: the
    /// same targets, ancestors, comparisons and order, each region by id only.
    ///
    /// **Which call to use.** This one is for tables, charts and statistics over many
    /// regions: it neither reads nor copies a name (a [`LayeringRow`] carries up to four), so
    /// on the national ledger (43k targets of one metric and year) it does about two thirds
    /// of `target_layering`'s work. Join names from [`regions`](Ledger::regions) or by id
    /// where a reader needs them; use `target_layering` to show rows as they are.
    ///
    /// ```
    /// use planledger::model::*;
    /// use planledger::query::{LayeringQuery, Relation};
    ///
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// let province = ledger.insert(&Region::new("某省", RegionKind::Province))?;
    /// let city = ledger.insert(&Region::new("甲市", RegionKind::Prefecture).with_parent(province))?;
    /// for (region, pct) in [(province, 6), (city, 8)] {
    ///     let q = Quantity::percent(Decimal::from_int(pct));
    ///     ledger.insert(&Target::new("GDP", Measure::Growth, q).in_region(region).in_year(2023))?;
    /// }
    /// let query = LayeringQuery::new("地区生产总值", 2023);
    /// let lines = ledger.target_layering_lines(&query)?;
    /// assert_eq!(lines[1].region, city);
    /// assert_eq!(lines[1].relation, Relation::Raises);
    /// assert_eq!(lines[1].parent.as_ref().unwrap().region, province);
    /// // The same rows as target_layering, less the names.
    /// let rows = ledger.target_layering(&query)?;
    /// assert_eq!(rows[1].parent.as_ref().unwrap().region_name, "某省");
    /// assert_eq!(rows.len(), lines.len());
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn target_layering_lines(&self, query: &LayeringQuery) -> Result<Vec<LayeringLine>> {
        let targets = self.layering_targets(query, false)?;
        Ok(tree::layer(&targets, query.raises_only, |line, _| line))
    }

    /// Every target of the query's metric and year with its region's path (and name, when
    /// `names`), each marked inside or outside the query's subtree.
    fn layering_targets(&self, query: &LayeringQuery, names: bool) -> Result<Targets> {
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
        let mut ceilings: Vec<(Vec<u8>, Comparator, bool)> = Vec::new();
        let mut targets = Targets::default();
        // The first malformed path, kept for the error.
        let mut malformed: Option<(RegionId, String)> = None;
        let entries: Vec<Entry> =
            self.conn()
                .rows(sql, rusqlite::params![metric, query.year], |r| {
                    let region: RegionId = r.get(1)?;
                    // Paths and metric text as bytes: only digits and slashes are read from a
                    // path, and a metric is looked up by text once per spelling.
                    let path_text = r.get_ref(2)?.as_bytes()?;
                    let path = match targets.push_path(path_text) {
                        Some(path) => path,
                        None => {
                            malformed.get_or_insert_with(|| {
                                (region, String::from_utf8_lossy(path_text).into_owned())
                            });
                            0..0
                        }
                    };
                    let inside = within
                        .as_deref()
                        .is_none_or(|root| path_text.starts_with(root.as_bytes()));
                    let name = if names {
                        targets.push_name(text_ref(r, 3)?)
                    } else {
                        0..0
                    };
                    let comparator: Comparator = parse_col(r, 7)?;
                    let metric_text = r.get_ref(9)?.as_bytes()?;
                    let ceiling = match ceilings
                        .iter()
                        .find(|(m, c, _)| *c == comparator && m == metric_text)
                    {
                        Some(&(_, _, ceiling)) => ceiling,
                        None => {
                            let ceiling = crate::pledge::ceiling_bar(text_ref(r, 9)?, comparator);
                            ceilings.push((metric_text.to_vec(), comparator, ceiling));
                            ceiling
                        }
                    };
                    Ok(Entry {
                        target: r.get(0)?,
                        region,
                        path,
                        name,
                        inside,
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
        targets.entries = entries;
        Ok(targets)
    }
}
