//! One metric's figures in one year across every region, as compact rows: the cross-region
//! table researchers compare, at national scale.

use crate::error::Result;
use crate::model::{
    Comparator, Decimal, Measure, ObservationId, PartialDate, Quantity, RegionId, TargetId, Unit,
};
use crate::store::conn::{At, ConnExt};
use crate::store::sql::{parse_col, parse_opt, text_ref};
use crate::Ledger;
use serde::{Deserialize, Serialize};

/// A target in a [`MetricTable`]: the figure and where it applies, without the metric text,
/// campaign or owner (read those with [`Ledger::get`] when one row needs them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetFigure {
    /// The target.
    pub id: TargetId,
    /// Its region (`None` for a target recorded without one).
    pub region: Option<RegionId>,
    /// Level, growth or share.
    pub measure: Measure,
    /// The figure, its unit and comparator.
    pub quantity: Quantity,
    /// Its deadline, if sooner than the year's end.
    pub deadline: Option<PartialDate>,
}

/// An observation in a [`MetricTable`]: the figure, where and when it was observed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationFigure {
    /// The observation.
    pub id: ObservationId,
    /// Its region (`None` for an observation recorded without one).
    pub region: Option<RegionId>,
    /// Level, growth or share.
    pub measure: Measure,
    /// The figure, its unit and comparator.
    pub quantity: Quantity,
    /// The period observed (in the table's year).
    pub period: PartialDate,
    /// The target it reports on, if linked.
    pub target: Option<TargetId>,
}

/// One metric's targets and observations in one year, from
/// [`metric_table`](Ledger::metric_table): two flat lists, each sorted by region then id
/// (figures without a region first). [`regions`](MetricTable::regions) walks them side by
/// side, one region at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricTable {
    /// The canonical indicator's key when the metric names one (then every spelling of it was
    /// read), else `None` (the metric's exact text was).
    pub key: Option<String>,
    /// The year.
    pub year: i32,
    /// The targets, by region then id.
    pub targets: Vec<TargetFigure>,
    /// The observations, by region then id.
    pub observations: Vec<ObservationFigure>,
}

/// One region's line of a [`MetricTable`] (see [`MetricTable::regions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionFigures<'t> {
    /// The region (`None`: the figures recorded without one).
    pub region: Option<RegionId>,
    /// Its targets, by id.
    pub targets: &'t [TargetFigure],
    /// Its observations, by id.
    pub observations: &'t [ObservationFigure],
}

impl MetricTable {
    /// The table one region at a time, in region id order (figures without a region first):
    /// each region with a target or an observation appears once, with both lists.
    ///
    /// ```
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let table = ledger.metric_table("规上工业增加值", 2020)?;
    /// let lines: Vec<_> = table.regions().collect();
    /// let figures: usize = lines.iter().map(|l| l.targets.len() + l.observations.len()).sum();
    /// assert_eq!(figures, table.targets.len() + table.observations.len());
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn regions(&self) -> impl Iterator<Item = RegionFigures<'_>> + '_ {
        let (mut t, mut o) = (&self.targets[..], &self.observations[..]);
        std::iter::from_fn(move || {
            let region = match (t.first(), o.first()) {
                (None, None) => return None,
                (Some(a), None) => a.region,
                (None, Some(b)) => b.region,
                (Some(a), Some(b)) => a.region.min(b.region),
            };
            let nt = t.iter().take_while(|f| f.region == region).count();
            let no = o.iter().take_while(|f| f.region == region).count();
            let (targets, rest_t) = t.split_at(nt);
            let (observations, rest_o) = o.split_at(no);
            (t, o) = (rest_t, rest_o);
            Some(RegionFigures {
                region,
                targets,
                observations,
            })
        })
    }
}

/// `value_e4, unit, comparator` at `at` as a quantity; the unit's text is borrowed.
fn quantity_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Quantity> {
    Ok(Quantity {
        value: Decimal::from_scaled(r.get(at)?),
        unit: Unit::parse(text_ref(r, at + 1)?),
        comparator: parse_col::<Comparator>(r, at + 2)?,
    })
}

impl Ledger {
    /// One metric's targets and observations in one year across every region, as compact
    /// rows: the fast way to compare regions on a metric at national scale.
    ///
    /// The metric is a canonical indicator's name or any synonym (地区生产总值, 生产总值 and
    /// GDP all select `gdp`'s figures, however each was written), else the exact text. A
    /// target's year is its `year`; an observation's, its period's.
    ///
    /// **Which call to use.** This one reads only the figure columns, from indexes that hold
    /// them (migrations 0008 and 0010): on the national ledger (43k regions with a target and
    /// an observation each) it is about 4–5 times faster (BENCHMARKS.md) than
    /// [`metric_across_regions`](Ledger::metric_across_regions), which returns every target and
    /// observation whole (metric text, campaign, owner, target link) beside each region's full
    /// record, in region-id order, and matches the metric's exact text only. Use this one for tables,
    /// charts and statistics over many regions (join region names from
    /// [`regions`](Ledger::regions) or by id as needed); use `metric_across_regions` to show a
    /// few regions' figures in full.
    ///
    /// ```
    /// use planledger::model::*;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// let province = ledger.insert(&Region::new("某省", RegionKind::Province))?;
    /// let city = ledger.insert(&Region::new("甲市", RegionKind::Prefecture).with_parent(province))?;
    /// let growth = |pct: i64| Quantity::percent(Decimal::from_scaled(pct * 1000));
    /// // Two spellings of one indicator.
    /// ledger.insert(&Target::new("地区生产总值", Measure::Growth, growth(55)).in_region(province).in_year(2023))?;
    /// ledger.insert(&Target::new("GDP", Measure::Growth, growth(70)).in_region(city).in_year(2023))?;
    /// let mut seen = Observation::new("GDP", Measure::Growth, growth(62));
    /// seen.region = Some(city);
    /// seen.period = Some(PartialDate::year_only(2023)?);
    /// ledger.insert(&seen)?;
    ///
    /// let table = ledger.metric_table("生产总值", 2023)?;
    /// assert_eq!(table.key.as_deref(), Some("gdp"));
    /// let lines: Vec<_> = table.regions().collect();
    /// assert_eq!(lines.len(), 2);
    /// assert_eq!(lines[1].region, Some(city));
    /// assert_eq!(lines[1].targets[0].quantity.to_string(), "7%");
    /// assert_eq!(lines[1].observations[0].quantity.to_string(), "6.2%");
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn metric_table(&self, metric: &str, year: i32) -> Result<MetricTable> {
        // Every column read is in the index the statement ranges over (0004/0008 for targets,
        // 0010 for observations by key), so each row is one step along one index.
        const TARGETS_BY_KEY: &str =
            "SELECT id, region_id, measure, value_e4, unit, comparator, deadline \
             FROM target WHERE metric_key = ?1 AND year = ?2";
        const TARGETS_BY_TEXT: &str =
            "SELECT id, region_id, measure, value_e4, unit, comparator, deadline \
             FROM target WHERE metric = ?1 AND year = ?2";
        const OBSERVATIONS_BY_KEY: &str =
            "SELECT id, region_id, measure, value_e4, unit, comparator, period, target_id \
             FROM observation WHERE metric_key = ?1 AND period >= ?2 AND period < ?3";
        const OBSERVATIONS_BY_TEXT: &str =
            "SELECT id, region_id, measure, value_e4, unit, comparator, period, target_id \
             FROM observation WHERE metric = ?1 AND period >= ?2 AND period < ?3";
        let key = crate::store::metric_key(metric);
        let (targets_sql, observations_sql, selector) = match key {
            Some(k) => (TARGETS_BY_KEY, OBSERVATIONS_BY_KEY, k),
            None => (TARGETS_BY_TEXT, OBSERVATIONS_BY_TEXT, metric),
        };
        // Partial dates of a year sort as text between "YYYY" and the next "YYYY".
        let (from, to) = (
            format!("{year:04}"),
            format!("{:04}", year.saturating_add(1)),
        );
        // One read transaction: both lists come from one state of the ledger.
        let snapshot = self.conn().unchecked_transaction().at("BEGIN")?;
        let mut targets =
            self.conn()
                .rows(targets_sql, rusqlite::params![selector, year], |r| {
                    Ok(TargetFigure {
                        id: r.get(0)?,
                        region: r.get(1)?,
                        measure: parse_col(r, 2)?,
                        quantity: quantity_at(r, 3)?,
                        deadline: parse_opt(r, 6)?,
                    })
                })?;
        let mut observations = self.conn().rows(
            observations_sql,
            rusqlite::params![selector, from, to],
            |r| {
                Ok(ObservationFigure {
                    id: r.get(0)?,
                    region: r.get(1)?,
                    measure: parse_col(r, 2)?,
                    quantity: quantity_at(r, 3)?,
                    period: parse_col(r, 6)?,
                    target: r.get(7)?,
                })
            },
        )?;
        drop(snapshot);
        // The indexes return each region's figures together but ordered by figure, not id.
        targets.sort_unstable_by_key(|f| (f.region, f.id));
        observations.sort_unstable_by_key(|f| (f.region, f.id));
        Ok(MetricTable {
            key: key.map(str::to_string),
            year,
            targets,
            observations,
        })
    }
}
