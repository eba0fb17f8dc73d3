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
    /// The project's name when the text names it.
    #[serde(default)]
    pub name: Option<String>,
    /// Where it is.
    #[serde(default)]
    pub region: Option<RegionId>,
    /// How many projects the row stands for (≥ 1).
    pub count: u32,
    /// Total investment.
    #[serde(default)]
    pub investment: Option<Money>,
    /// How the stated investment bounds the real one (总投资超过2000亿元 is `Over`).
    #[serde(default)]
    pub investment_comparator: Comparator,
    /// Lifecycle stage the statement is about.
    #[serde(default)]
    pub status: Option<ProjectStatus>,
    /// Sector as the text names it (工业, 金融, 文旅).
    #[serde(default)]
    pub sector: Option<String>,
    /// The year the statement is about.
    #[serde(default)]
    pub year: Option<i32>,
    /// When the stated status is to be reached.
    #[serde(default)]
    pub deadline: Option<PartialDate>,
    /// The campaign it belongs to.
    #[serde(default)]
    pub campaign: Option<CampaignId>,
    /// The batch it is a named member of.
    #[serde(default)]
    pub parent: Option<ProjectId>,
    /// The larger top-level batch it is declared part of (a sector batch inside a region's
    /// investment pool). Totals leave parts out, as they leave out named members, so a pool
    /// and its parts count once.
    #[serde(default)]
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

    /// Sets the region.
    pub fn in_region(mut self, region: RegionId) -> Self {
        self.region = Some(region);
        self
    }

    /// Sets the investment.
    pub fn with_investment(mut self, investment: Money) -> Self {
        self.investment = Some(investment);
        self
    }

    /// Sets the status.
    pub fn with_status(mut self, status: ProjectStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets the year.
    pub fn in_year(mut self, year: i32) -> Self {
        self.year = Some(year);
        self
    }
}
