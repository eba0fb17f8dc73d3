use super::{Conditions, RegionScope, Totals};
use crate::error::{Error, Result};
use crate::model::{CampaignId, Money, Project, ProjectId, ProjectStatus, Stored};
use crate::store::conn::ConnExt;
use crate::store::sql::query_stored;
use crate::store::{project_columns, project_from_row};
use crate::Ledger;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

/// Which projects a query is about. The default matches every top-level project.
///
/// ```
/// use planledger::model::ProjectStatus;
/// use planledger::query::{Page, ProjectFilter, RegionScope};
///
/// let mut ledger = planledger::Ledger::open_in_memory()?;
/// planledger::dataset::load_qingdao(&mut ledger)?;
/// let town = ledger.resolve_region("琅琊镇")?;
/// let signed = ProjectFilter::new()
///     .region(RegionScope::only(town))
///     .status(ProjectStatus::Signed)
///     .year(2020);
/// let totals = ledger.project_totals(&signed)?;
/// assert_eq!(totals.projects, 8);
/// assert_eq!(totals.investment.to_string(), "37.1亿元");
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProjectFilter {
    /// Where.
    pub region: Option<RegionScope>,
    /// Any of these statuses (empty: any status, including none).
    pub statuses: Vec<ProjectStatus>,
    /// Sector, exactly.
    pub sector: Option<String>,
    /// The year the statement is about.
    pub year: Option<i32>,
    /// The campaign.
    pub campaign: Option<CampaignId>,
    /// Investment at least this.
    pub min_investment: Option<Money>,
    /// Investment at most this.
    pub max_investment: Option<Money>,
    /// Also list named members of batches (totals never count them).
    pub include_members: bool,
}

impl ProjectFilter {
    /// Every top-level project.
    pub fn new() -> Self {
        Self::default()
    }
}

crate::model::setters!(ProjectFilter {
    /// Restricts to a region or subtree.
    region(scope: RegionScope) => some(region);
    /// Adds a status to the accepted ones.
    status(status: ProjectStatus) => push_into(statuses);
    /// Restricts to a sector.
    sector(sector: impl Into<String>) => some_into(sector);
    /// Restricts to a year.
    year(year: i32) => some(year);
    /// Restricts to a campaign.
    campaign(campaign: CampaignId) => some(campaign);
});

impl ProjectFilter {
    /// Restricts to investments within `[min, max]` (either bound optional).
    pub fn investment(mut self, min: Option<Money>, max: Option<Money>) -> Self {
        self.min_investment = min;
        self.max_investment = max;
        self
    }

    /// Lists named batch members too (totals still count each batch once).
    pub fn with_members(mut self) -> Self {
        self.include_members = true;
        self
    }

    /// The FROM clause the conditions are written against.
    fn sql_from(&self) -> &'static str {
        match &self.region {
            Some(scope) if scope.subregions => "region r CROSS JOIN region d CROSS JOIN project p",
            _ => "project p",
        }
    }

    /// The WHERE conditions and their parameters. Members are excluded unless asked for, and
    /// always excluded from totals.
    fn conditions(&self, for_totals: bool) -> Result<Conditions> {
        if let (Some(lo), Some(hi)) = (self.min_investment, self.max_investment) {
            if lo > hi {
                return Err(Error::invalid(
                    "investment",
                    format!("minimum {lo} is above maximum {hi}"),
                ));
            }
        }
        let mut conds = Conditions::new();
        if for_totals || !self.include_members {
            conds.push_sql("p.parent_id IS NULL");
        }

        match &self.region {
            // A subtree: walk it from its root along the path index and reach each region's
            // projects through (region_id, year); the caller's FROM names r, d and p in that
            // order with CROSS JOIN, which SQLite keeps as the loop order. Left to itself, the
            // planner preferred scanning an index that matches nearly every project.
            Some(scope) if scope.subregions => {
                conds.push("r.id = ?", [Value::Integer(scope.region.get())]);
                conds.push_sql(
                    "d.path >= r.path AND d.path < substr(r.path, 1, length(r.path) - 1) || '0'",
                );
                conds.push_sql(SUBTREE_JOIN);
            }
            Some(scope) => scope.push_condition("p.region_id", &mut conds),
            None => {}
        }
        if !self.statuses.is_empty() {
            let marks: Vec<String> = self
                .statuses
                .iter()
                .map(|s| conds.bind(Value::Text(s.as_str().to_string())))
                .collect();
            conds.push_sql(format!("p.status IN ({})", marks.join(", ")));
        }
        if let Some(s) = &self.sector {
            conds.push("p.sector = ?", [Value::Text(s.clone())]);
        }
        if let Some(y) = self.year {
            conds.push("p.year = ?", [Value::Integer(y.into())]);
        }
        if let Some(c) = self.campaign {
            conds.push("p.campaign_id = ?", [Value::Integer(c.get())]);
        }
        if let Some(m) = self.min_investment {
            conds.push("p.investment >= ?", [Value::Integer(m.yuan())]);
        }
        if let Some(m) = self.max_investment {
            conds.push("p.investment <= ?", [Value::Integer(m.yuan())]);
        }
        if for_totals {
            // A declared part of a larger batch is inside that batch's figures: it is left out
            // when its whole matches the filter too (then the whole is counted), and counted
            // when the whole does not (金融 batches of a pool without a sector). The whole is
            // tested with the same conditions, on the same numbered parameters.
            let whole: Vec<String> = conds
                .iter()
                .filter_map(|c| {
                    if c == SUBTREE_JOIN {
                        Some(
                            "EXISTS (SELECT 1 FROM region wd WHERE wd.id = w.region_id \
                             AND wd.path >= r.path \
                             AND wd.path < substr(r.path, 1, length(r.path) - 1) || '0')"
                                .to_string(),
                        )
                    } else {
                        c.strip_prefix("p.").map(|rest| format!("w.{rest}"))
                    }
                })
                .collect();
            conds.push_sql(format!(
                "(p.part_of_id IS NULL OR NOT EXISTS (SELECT 1 FROM project w \
                 WHERE w.id = p.part_of_id AND {}))",
                whole.join(" AND ")
            ));
        }
        Ok(conds)
    }
}

/// How a subtree filter reaches the projects of each region it walks.
const SUBTREE_JOIN: &str = "p.region_id = d.id";

/// How a project list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectOrder {
    /// Largest investment first, projects without one last; ties by id.
    #[default]
    InvestmentDesc,
    /// By id: the order projects were recorded in.
    Id,
}

/// Where the next page starts: the sort key of the last row returned. Keyset paging stays
/// stable while rows are added, and costs the same on page 1000 as on page 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    order: ProjectOrder,
    investment: i64,
    id: i64,
}

/// One page of results and the cursor for the next, `None` on the last page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The rows.
    pub items: Vec<T>,
    /// Pass to the next call to continue.
    pub next: Option<Cursor>,
}

/// Sort key for investments: none sorts below every stated amount (which are ≥ 0).
const NO_INVESTMENT: i64 = -1;

impl Ledger {
    /// Projects matching `filter`, sorted by `order`, at most `limit` (1 to 10 000) per page,
    /// starting after `after` (a cursor from the previous page).
    ///
    /// ```
    /// use planledger::query::{ProjectFilter, ProjectOrder};
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let first = ledger.projects(&ProjectFilter::new(), ProjectOrder::InvestmentDesc, 5, None)?;
    /// assert_eq!(first.items.len(), 5);
    /// let second = ledger.projects(&ProjectFilter::new(), ProjectOrder::InvestmentDesc, 5, first.next)?;
    /// assert!(first.items[4].investment >= second.items[0].investment);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn projects(
        &self,
        filter: &ProjectFilter,
        order: ProjectOrder,
        limit: u32,
        after: Option<Cursor>,
    ) -> Result<Page<Stored<ProjectId, Project>>> {
        if !(1..=10_000).contains(&limit) {
            return Err(Error::invalid(
                "limit",
                format!("{limit} is outside 1..=10000"),
            ));
        }
        let mut conds = filter.conditions(false)?;
        if let Some(c) = after {
            if c.order != order {
                return Err(Error::invalid(
                    "cursor",
                    "comes from a list in another order",
                ));
            }
            let i = conds.bind(Value::Integer(c.investment));
            let d = conds.bind(Value::Integer(c.id));
            conds.push_sql(match order {
                ProjectOrder::InvestmentDesc => format!(
                    "(coalesce(p.investment, {NO_INVESTMENT}) < {i} OR (coalesce(p.investment, {NO_INVESTMENT}) = {i} AND p.id > {d}))"
                ),
                ProjectOrder::Id => format!("p.id > {d}"),
            });
        }
        let order_by = match order {
            ProjectOrder::InvestmentDesc => {
                format!("coalesce(p.investment, {NO_INVESTMENT}) DESC, p.id")
            }
            ProjectOrder::Id => "p.id".to_string(),
        };
        let where_ = conds.where_clause();
        let limit_mark = conds.bind(Value::Integer(limit.into()));
        let sql = format!(
            "SELECT p.id, {} FROM {} {where_} ORDER BY {order_by} LIMIT {limit_mark}",
            project_columns!("p."),
            filter.sql_from(),
        );
        let items = query_stored(self.conn(), &sql, conds.params(), project_from_row)?;
        let next = if items.len() == limit as usize {
            items
                .last()
                .map(|last: &Stored<ProjectId, Project>| Cursor {
                    order,
                    investment: last.investment.map_or(NO_INVESTMENT, Money::yuan),
                    id: last.id.get(),
                })
        } else {
            None
        };
        Ok(Page { items, next })
    }

    /// Count and total investment of the top-level projects matching `filter`.
    ///
    /// ```
    /// use planledger::query::{ProjectFilter, RegionScope};
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let xha = ledger.resolve_region("西海岸新区")?;
    /// let finance = ledger.project_totals(&ProjectFilter::new().region(RegionScope::subtree(xha)).sector("金融"))?;
    /// assert_eq!((finance.rows, finance.projects), (1, 18));
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn project_totals(&self, filter: &ProjectFilter) -> Result<Totals> {
        let conds = filter.conditions(true)?;
        let sql = format!(
            "SELECT count(*), coalesce(sum(p.count), 0), coalesce(sum(p.investment), 0), count(p.investment) FROM {} {}",
            filter.sql_from(),
            conds.where_clause()
        );
        self.conn().row(
            &sql,
            rusqlite::params_from_iter(conds.params()),
            totals_from_row,
        )
    }
}

/// Reads `count(*), sum(count), sum(investment), count(investment)` at columns 0..4.
pub(crate) fn totals_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Totals> {
    totals_at(r, 0)
}

pub(crate) fn totals_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Totals> {
    let nonneg = |v: i64| v.max(0) as u64;
    let investment: i64 = r.get(at + 2)?;
    Ok(Totals {
        rows: nonneg(r.get(at)?),
        projects: nonneg(r.get(at + 1)?),
        investment: Money::from_yuan(investment).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                at + 2,
                rusqlite::types::Type::Integer,
                Box::new(e),
            )
        })?,
        with_investment: nonneg(r.get(at + 3)?),
    })
}
