use super::{CampaignId, Measure, PartialDate, PersonId, Quantity, RegionId, TargetId};
use serde::{Deserialize, Serialize};

/// Something promised or required: "完成投资300亿元、增长15%" is two targets on one metric.
///
/// ```
/// use planledger::model::{Measure, Quantity, Target};
/// let t = Target::new("完成投资", Measure::Growth, Quantity::percent("25".parse()?)).in_year(2020);
/// assert_eq!(t.year, Some(2020));
/// # Ok::<(), planledger::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Whose target it is.
    #[serde(default)]
    pub region: Option<RegionId>,
    /// The thing measured (规上工业增加值, 新增市场主体).
    pub metric: String,
    /// Level, growth or share.
    pub measure: Measure,
    /// The figure.
    pub quantity: Quantity,
    /// The period the target is for.
    #[serde(default)]
    pub year: Option<i32>,
    /// When it is due, if sooner than the period's end (上半年, 5月底).
    #[serde(default)]
    pub deadline: Option<PartialDate>,
    /// The campaign it belongs to.
    #[serde(default)]
    pub campaign: Option<CampaignId>,
    /// The official who set it or answers for it.
    #[serde(default)]
    pub owner: Option<PersonId>,
}

impl Target {
    /// A target with no region, period or campaign yet.
    pub fn new(metric: impl Into<String>, measure: Measure, quantity: Quantity) -> Self {
        Target {
            region: None,
            metric: metric.into(),
            measure,
            quantity,
            year: None,
            deadline: None,
            campaign: None,
            owner: None,
        }
    }

    /// Sets the region.
    pub fn in_region(mut self, region: super::RegionId) -> Self {
        self.region = Some(region);
        self
    }

    /// Sets the year.
    pub fn in_year(mut self, year: i32) -> Self {
        self.year = Some(year);
        self
    }
}

/// Something achieved or standing: "去年规上工业增加值880亿元". Progress on a target is
/// observations pointing at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// Where.
    #[serde(default)]
    pub region: Option<RegionId>,
    /// The thing measured.
    pub metric: String,
    /// Level, growth or share.
    pub measure: Measure,
    /// The figure.
    pub quantity: Quantity,
    /// When the figure stands (去年 → the year before the document; 截至去年底 → that day).
    #[serde(default)]
    pub period: Option<PartialDate>,
    /// The target this measures progress on.
    #[serde(default)]
    pub target: Option<TargetId>,
    /// The campaign the text reports it under.
    #[serde(default)]
    pub campaign: Option<CampaignId>,
}

impl Observation {
    /// An observation with no region or period yet.
    pub fn new(metric: impl Into<String>, measure: Measure, quantity: Quantity) -> Self {
        Observation {
            region: None,
            metric: metric.into(),
            measure,
            quantity,
            period: None,
            target: None,
            campaign: None,
        }
    }
}
