use super::{Conditions, RegionScope};
use crate::error::Result;
use crate::model::{
    CampaignId, Observation, ObservationId, Region, RegionId, Stored, Target, TargetId,
};
use crate::store::conn::At;
use crate::store::{observation_columns, observation_from_row, target_columns, target_from_row};
use crate::Ledger;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which targets or observations a query is about. An observation's year is its period's year;
/// its campaign is its own or, failing that, its target's.
///
/// ```
/// use planledger::query::FigureFilter;
/// let mut ledger = planledger::Ledger::open_in_memory()?;
/// planledger::dataset::load_qingdao(&mut ledger)?;
/// let growth = ledger.targets(&FigureFilter::new().metric("完成投资").year(2020))?;
/// assert!(growth.iter().any(|t| t.quantity.to_string() == "25%"));
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FigureFilter {
    /// Where.
    pub region: Option<RegionScope>,
    /// The metric, exactly.
    pub metric: Option<String>,
    /// The year.
    pub year: Option<i32>,
    /// The campaign.
    pub campaign: Option<CampaignId>,
}

impl FigureFilter {
    /// Every figure.
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn conditions(&self, year: YearColumn<'_>, campaign_expr: &str) -> Conditions {
        let mut conds = Conditions::new();
        if let Some(scope) = &self.region {
            scope.push_condition("f.region_id", &mut conds);
        }
        if let Some(m) = &self.metric {
            conds.push("f.metric = ?", [Value::Text(m.clone())]);
        }
        if let Some(y) = self.year {
            match year {
                YearColumn::Integer(column) => {
                    conds.push(&format!("{column} = ?"), [Value::Integer(y.into())]);
                }
                YearColumn::PartialDate(column) => {
                    // Partial dates of a year sort as text between "YYYY" and the next "YYYY",
                    // so the index on the column answers the range.
                    conds.push(
                        &format!("{column} >= ? AND {column} < ?"),
                        [
                            Value::Text(format!("{y:04}")),
                            Value::Text(format!("{:04}", y.saturating_add(1))),
                        ],
                    );
                }
            }
        }
        if let Some(c) = self.campaign {
            conds.push(&format!("{campaign_expr} = ?"), [Value::Integer(c.get())]);
        }
        conds
    }
}

crate::model::setters!(FigureFilter {
    /// Restricts to a region or subtree.
    region(scope: RegionScope) => some(region);
    /// Restricts to a metric.
    metric(metric: impl Into<String>) => some_into(metric);
    /// Restricts to a year.
    year(year: i32) => some(year);
    /// Restricts to a campaign.
    campaign(campaign: CampaignId) => some(campaign);
});

/// Where a figure's year is: an integer column, or a partial-date column whose year counts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum YearColumn<'a> {
    Integer(&'a str),
    PartialDate(&'a str),
}

/// One region's figures for a metric, from [`metric_across_regions`](Ledger::metric_across_regions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricComparison {
    /// The region (`None` for figures without one).
    pub region: Option<Stored<RegionId, Region>>,
    /// Its targets.
    pub targets: Vec<Stored<TargetId, Target>>,
    /// Its observations.
    pub observations: Vec<Stored<ObservationId, Observation>>,
}

impl Ledger {
    /// Targets matching `filter`, by region then id.
    ///
    /// ```
    /// use planledger::query::{FigureFilter, RegionScope};
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let boli = ledger.resolve_region("泊里镇")?;
    /// let targets = ledger.targets(&FigureFilter::new().region(RegionScope::only(boli)).year(2023))?;
    /// assert!(targets.iter().all(|t| t.region == Some(boli) && t.year == Some(2023)));
    /// assert!(!targets.is_empty());
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn targets(&self, filter: &FigureFilter) -> Result<Vec<Stored<TargetId, Target>>> {
        filter
            .conditions(YearColumn::Integer("f.year"), "f.campaign_id")
            .select_stored(
                self.conn(),
                concat!("SELECT id, ", target_columns!(), " FROM target f"),
                "region_id, id",
                target_from_row,
            )
    }

    /// Observations matching `filter`, by region then id.
    ///
    /// ```
    /// use planledger::query::FigureFilter;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let last_year = ledger.observations(&FigureFilter::new().metric("规上工业增加值").year(2019))?;
    /// assert!(last_year.iter().any(|o| o.quantity.to_string() == "1056亿元"));
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn observations(
        &self,
        filter: &FigureFilter,
    ) -> Result<Vec<Stored<ObservationId, Observation>>> {
        filter
            .conditions(
                YearColumn::PartialDate("f.period"),
                "coalesce(f.campaign_id, (SELECT t.campaign_id FROM target t WHERE t.id = f.target_id))",
            )
            .select_stored(
                self.conn(),
                concat!("SELECT id, ", observation_columns!(), " FROM observation f"),
                "region_id, id",
                observation_from_row,
            )
    }

    /// One metric's targets and observations in one year, side by side per region (regions by
    /// id, the order they were added: a parent before its children when they were loaded
    /// from the division table, but not depth-first; figures without a region last), each
    /// target, observation and region whole.
    /// The metric is matched as written.
    ///
    /// For many regions use [`metric_table`](Ledger::metric_table): compact rows read from
    /// covering indexes, about 4–5 times faster (BENCHMARKS.md) on the national ledger, and every spelling of
    /// a known indicator. This call suits showing a few regions' figures in full.
    ///
    /// ```
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let rows = ledger.metric_across_regions("规上工业增加值", None)?;
    /// assert!(rows.iter().any(|r| !r.targets.is_empty() && !r.observations.is_empty()));
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn metric_across_regions(
        &self,
        metric: &str,
        year: Option<i32>,
    ) -> Result<Vec<MetricComparison>> {
        let mut filter = FigureFilter::new().metric(metric);
        filter.year = year;
        // One read transaction: the three reads see one state of the ledger, and its lock is
        // taken once rather than per statement.
        let snapshot = self.conn().unchecked_transaction().at("BEGIN")?;
        let mut by_region: BTreeMap<Option<RegionId>, (Vec<_>, Vec<_>)> = BTreeMap::new();
        for t in self.targets(&filter)? {
            by_region.entry(t.region).or_default().0.push(t);
        }
        for o in self.observations(&filter)? {
            by_region.entry(o.region).or_default().1.push(o);
        }
        // All the regions in two statements (ids ascending: the map's order, None first).
        let ids: Vec<RegionId> = by_region.keys().flatten().copied().collect();
        let mut regions = crate::store::regions_by_id(self.conn(), &ids)?.into_iter();
        drop(snapshot);
        let mut rows = Vec::with_capacity(by_region.len());
        for (region, (targets, observations)) in by_region {
            let region = match region {
                Some(id) => match regions.next() {
                    Some(found) if found.id == id => Some(found),
                    // A figure's region is a foreign key: it exists in the snapshot read.
                    _ => return Err(crate::Error::not_found(crate::EntityKind::Region, id)),
                },
                None => None,
            };
            rows.push(MetricComparison {
                region,
                targets,
                observations,
            });
        }
        rows.sort_by_key(|r| r.region.is_none());
        Ok(rows)
    }
}
