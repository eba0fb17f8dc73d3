//! The query API: typed filters in, typed rows out, parameterized SQL only.
//!
//! Every query is a method on [`Ledger`](crate::Ledger):
//!
//! | question | method |
//! |---|---|
//! | projects by region, status, sector, year, campaign, investment; paged | [`projects`](crate::Ledger::projects) |
//! | their count and total investment | [`project_totals`](crate::Ledger::project_totals) |
//! | investment per region and subtree | [`investment_rollup`](crate::Ledger::investment_rollup) |
//! | batches that may overlap though nothing says so | [`overlap_flags`](crate::Ledger::overlap_flags) |
//! | targets and observations | [`targets`](crate::Ledger::targets), [`observations`](crate::Ledger::observations) |
//! | one metric across regions: compact rows, fast at national scale | [`metric_table`](crate::Ledger::metric_table) |
//! | … with every figure and region in full | [`metric_across_regions`](crate::Ledger::metric_across_regions) |
//! | lower levels raising a target (层层加码) | [`target_layering`](crate::Ledger::target_layering) |
//! | target status, scorecard, status history | [`target_statuses`](crate::Ledger::target_statuses), [`scorecard`](crate::Ledger::scorecard), [`target_status_history`](crate::Ledger::target_status_history) (see [`crate::pledge`]) |
//! | figures two sources disagree on | [`conflicts`](crate::Ledger::conflicts) (see [`crate::reconcile`]) |
//! | campaigns with their targets and projects | [`campaign_tree`](crate::Ledger::campaign_tree) |
//! | who held posts in a region on a date | [`officials_on`](crate::Ledger::officials_on) |
//! | where a fact came from | [`evidence_for`](crate::Ledger::evidence_for) |
//! | full-text search | [`search`](crate::Ledger::search) |
//! | tidy tables for R, Stata, pandas (the analyst views) | [`write_csv`](crate::Ledger::write_csv), [`export_csv`](crate::Ledger::export_csv) |
//!
//! Totals never count a batch and its named members twice: they add up rows without a parent.
//! The investment rollup also counts a candidate pool alone where one source lists batches
//! that would all fit inside it, and flags them (see [`OverlapFlag`] for the rule).

mod campaigns;
mod conditions;
mod figures;
mod layering;
mod metric_table;
mod officials;
mod overlap;
pub(crate) mod pledge;
mod projects;
mod provenance;
mod rollup;
mod search;
mod tidy;

pub use campaigns::CampaignNode;
pub use figures::{FigureFilter, MetricComparison};
pub use layering::{
    layering_summary, AncestorFigure, AncestorTarget, Commitment, LayeringLine, LayeringQuery,
    LayeringRow, LevelSummary, Relation,
};
pub use metric_table::{MetricTable, ObservationFigure, RegionFigures, TargetFigure};
pub use overlap::OverlapFlag;
pub use projects::{Cursor, Page, ProjectFilter, ProjectOrder};
pub use provenance::Citation;
pub use rollup::RollupRow;
pub use search::{SearchHit, SearchItem};
pub use tidy::{AnalystView, ANALYST_VIEWS};

pub(crate) use conditions::Conditions;
pub(crate) use figures::YearColumn;

use crate::model::{Money, RegionId};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::Hash;

/// A region, alone or with everything below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RegionScope {
    /// The region.
    pub region: RegionId,
    /// Whether its sub-regions count too.
    pub subregions: bool,
}

impl RegionScope {
    /// Just this region.
    pub fn only(region: RegionId) -> Self {
        RegionScope {
            region,
            subregions: false,
        }
    }

    /// This region and every region below it.
    pub fn subtree(region: RegionId) -> Self {
        RegionScope {
            region,
            subregions: true,
        }
    }

    /// Adds the condition on `column` (a region id column).
    pub(crate) fn push_condition(&self, column: &str, conds: &mut Conditions) {
        let region = [Value::Integer(self.region.get())];
        if self.subregions {
            conds.push(
                &format!(
                    "{column} IN (SELECT d.id FROM region r JOIN region d ON d.path >= r.path \
                     AND d.path < substr(r.path, 1, length(r.path) - 1) || '0' WHERE r.id = ?)"
                ),
                region,
            );
        } else {
            conds.push(&format!("{column} = ?"), region);
        }
    }
}

/// `rows` grouped by `key`, each group in the rows' order; rows without a key are left out.
pub(crate) fn grouped<K: Eq + Hash, T>(
    rows: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> Option<K>,
) -> HashMap<K, Vec<T>> {
    let mut groups: HashMap<K, Vec<T>> = HashMap::new();
    for row in rows {
        if let Some(k) = key(&row) {
            groups.entry(k).or_default().push(row);
        }
    }
    groups
}

/// Counts and money over a set of projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    /// Project rows (a batch is one row).
    pub rows: u64,
    /// Projects (a batch of 8 counts 8).
    pub projects: u64,
    /// Sum of stated investments. Comparators are ignored: "over 2000亿" adds 2000亿.
    pub investment: Money,
    /// Rows that state an investment.
    pub with_investment: u64,
}

impl Totals {
    /// Adds another set's totals, rejecting money overflow.
    pub fn add(&mut self, other: &Totals) -> crate::Result<()> {
        self.rows += other.rows;
        self.projects += other.projects;
        self.investment = self.investment.checked_add(other.investment)?;
        self.with_investment += other.with_investment;
        Ok(())
    }
}
