use super::{string_enum, CampaignId, Comparator, Money, PartialDate, ProjectId, RegionId};
use serde::{Deserialize, Serialize};

string_enum! {
    /// Where a project is in its lifecycle, as the text's verb tells.
    pub enum ProjectStatus {
        /// 谋划, 筹建, 规划: conceived, not yet signed.
        Planned => "planned",
        /// 签约: agreement signed.
        Signed => "signed",
        /// 开工: construction started.
        Started => "started",
        /// 在建, 加快建设: being built.
        UnderConstruction => "under_construction",
        /// 竣工: construction finished.
        Completed => "completed",
        /// 投产, 运营: producing or operating.
        InOperation => "in_operation",
        /// Dropped.
        Cancelled => "cancelled",
    }
}

/// A project or a batch of projects.
///
/// A batch ("6个项目、总投资12.5亿元") is one row with `count` 6. Named members of a batch point at
/// it through `parent`; a batch inside a larger one (a sector batch inside an investment pool)
/// points at it through `part_of`. Totals count only rows with neither, so a batch and its
/// members, or a pool and its parts, are never counted twice.
///
/// ```
/// use planledger::model::{Money, Project, ProjectStatus};
/// let batch = Project::batch(8)
///     .with_investment("37.1亿元".parse()?)
///     .with_status(ProjectStatus::Signed);
/// assert_eq!(batch.count, 8);
/// assert_eq!(batch.investment, Some(Money::from_yuan(3_710_000_000)?));
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// The project's name when the text names it (一个新能源产业园项目 has none; a named
    /// 智能制造产业园 has one).
    pub name: Option<String>,
    /// The region it is in or that announced it (a town, a district's park).
    pub region: Option<RegionId>,
    /// How many projects the row stands for (≥ 1): 签约项目8个 is one row with count 8.
    pub count: u32,
    /// Total investment in exact integer yuan (37.1亿元 is 3 710 000 000); `None` when the
    /// text gives no figure.
    pub investment: Option<Money>,
    /// How the stated investment bounds the real one (总投资超过2000亿元 is `Over`).
    #[serde(default)]
    pub investment_comparator: Comparator,
    /// Lifecycle stage the statement is about (签约 → `Signed`, 开工 → `Started`).
    pub status: Option<ProjectStatus>,
    /// Sector as the text names it (工业, 金融, 文旅), not mapped to a classification.
    pub sector: Option<String>,
    /// The calendar year the statement is about (2023), resolved from 今年/去年 against the
    /// source's date.
    pub year: Option<i32>,
    /// When the stated status is to be reached: 年底前开工 → 2023-12-31, 6月 → 2023-06.
    pub deadline: Option<PartialDate>,
    /// The campaign it is listed under (招商引资攻坚战), if any.
    pub campaign: Option<CampaignId>,
    /// The batch it is a named member of.
    pub parent: Option<ProjectId>,
    /// The larger top-level batch it is declared part of (a sector batch inside a region's
    /// investment pool). Totals leave parts out, as they leave out named members, so a pool
    /// and its parts count once.
    pub part_of: Option<ProjectId>,
}

impl Project {
    /// A single named project.
    pub fn named(name: impl Into<String>) -> Self {
        Project {
            name: Some(name.into()),
            ..Project::batch(1)
        }
    }

    /// An unnamed batch of `count` projects.
    pub fn batch(count: u32) -> Self {
        Project {
            name: None,
            region: None,
            count,
            investment: None,
            investment_comparator: Comparator::Eq,
            status: None,
            sector: None,
            year: None,
            deadline: None,
            campaign: None,
            parent: None,
            part_of: None,
        }
    }

    /// A named member of `batch`, the stored row of this project: one project of the batch's
    /// region, status, sector, year, deadline and campaign, with no investment of its own (the
    /// batch's figure covers it).
    pub(crate) fn member(&self, name: &str, batch: ProjectId) -> Project {
        Project {
            name: Some(name.to_string()),
            count: 1,
            investment: None,
            investment_comparator: Comparator::Eq,
            parent: Some(batch),
            part_of: None,
            ..self.clone()
        }
    }
}

super::setters!(Project {
    /// Sets the region.
    in_region(region: RegionId) => some(region);
    /// Sets the investment.
    with_investment(investment: Money) => some(investment);
    /// Sets the status.
    with_status(status: ProjectStatus) => some(status);
    /// Sets the year.
    in_year(year: i32) => some(year);
});
