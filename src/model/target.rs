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
    /// The region whose target it is (a province's growth target, a town's signing quota);
    /// `None` when the text does not say.
    pub region: Option<RegionId>,
    /// The thing measured, as the text names it: 规上工业增加值, 新增市场主体, 地区生产总值.
    pub metric: String,
    /// Whether the figure is a level (完成投资300亿元), a growth rate (增长15%) or a share.
    pub measure: Measure,
    /// The figure with its unit and comparator: money in yuan (300亿元 is 30 000 000 000),
    /// percentages as written (增长15% is 15 percent), counts in the text's measure word.
    pub quantity: Quantity,
    /// The calendar year the target is for (2023); `None` for a multi-year or undated one.
    pub year: Option<i32>,
    /// When it is due, if sooner than the year's end: 上半年 → 2023-06, 5月底 → 2023-05-31.
    pub deadline: Option<PartialDate>,
    /// The campaign it is set under (投资攻坚战), if any.
    pub campaign: Option<CampaignId>,
    /// The official who set it or answers for it (the 区委书记 who made the pledge).
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
}

super::setters!(Target {
    /// Sets the region.
    in_region(region: RegionId) => some(region);
    /// Sets the year.
    in_year(year: i32) => some(year);
});

/// Something achieved or standing: "去年规上工业增加值880亿元". Progress on a target is
/// observations pointing at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// The region the figure is about; `None` when the text does not say.
    pub region: Option<RegionId>,
    /// The thing measured, spelled as a target's metric so the two can be matched
    /// (规上工业增加值).
    pub metric: String,
    /// Whether the figure is a level (880亿元), a growth rate (增长8.2%) or a share (占33.4%).
    pub measure: Measure,
    /// The figure achieved: money in yuan, percentages as written, counts in the text's
    /// measure word; the comparator keeps 超/约/以上.
    pub quantity: Quantity,
    /// When the figure stands (去年 → the year before the document; 截至去年底 → that day).
    pub period: Option<PartialDate>,
    /// The target this measures progress on.
    pub target: Option<TargetId>,
    /// The campaign the text reports it under.
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
