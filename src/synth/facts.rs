//! The facts the generator spreads over the tree: projects, targets and observations.

use super::{Rng, Synth, SECTORS, SYLLABLES};
use crate::model::*;

/// Metrics the generator spreads targets and observations over.
pub const METRICS: &[&str] = &[
    "地区生产总值",
    "固定资产投资",
    "规上工业增加值",
    "一般公共预算收入",
    "社会消费品零售总额",
    "实际使用外资",
    "城镇新增就业",
    "居民人均可支配收入",
    "进出口总额",
    "招商引资到位资金",
];
const STATUSES: &[ProjectStatus] = &[
    ProjectStatus::Planned,
    ProjectStatus::Signed,
    ProjectStatus::Started,
    ProjectStatus::UnderConstruction,
    ProjectStatus::Completed,
    ProjectStatus::InOperation,
];

impl Synth {
    /// The `i`-th project, given the ids of the planned regions (in plan order) and of the
    /// campaigns. Projects sit mostly on townships and counties; about one in fifty is a
    /// named member of the batch just before it.
    pub fn project(
        &self,
        i: usize,
        regions: &[RegionId],
        campaigns: &[CampaignId],
        previous: Option<(ProjectId, &Project)>,
    ) -> Project {
        let mut rng = Rng::new(self.seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        if let Some((batch, prev)) = previous.filter(|(_, p)| p.count > 1 && p.parent.is_none()) {
            if rng.chance(0.02) {
                return Project {
                    name: Some(format!("成员项目{i}")),
                    parent: Some(batch),
                    count: 1,
                    investment: None,
                    ..prev.clone()
                };
            }
        }
        let s = &self.scale;
        let level = rng.below(100);
        let [_, prefectures, counties, townships] = self.bases();
        let region = if level < 70 {
            regions[townships + rng.below(s.townships)]
        } else if level < 95 {
            regions[counties + rng.below(s.counties)]
        } else {
            regions[prefectures + rng.below(s.prefectures)]
        };
        let count = if rng.chance(0.8) {
            1
        } else {
            2 + rng.below(48) as u32
        };
        // Log-uniform from 100万 to 1000亿 yuan.
        let investment = rng.chance(0.9).then(|| {
            let exp = 6.0 + 5.0 * rng.unit();
            Money::from_yuan((10f64.powf(exp) as i64 / 10_000) * 10_000).unwrap_or(Money::ZERO)
        });
        Project {
            name: (count == 1)
                .then(|| format!("{}{}项目{i}", rng.pick(SYLLABLES), rng.pick(SECTORS))),
            region: Some(region),
            count,
            investment,
            investment_comparator: if rng.chance(0.1) {
                Comparator::Over
            } else {
                Comparator::Eq
            },
            status: Some(*rng.pick(STATUSES)),
            sector: Some(rng.pick(SECTORS).to_string()),
            year: Some(2018 + rng.below(7) as i32),
            deadline: None,
            campaign: (!campaigns.is_empty() && rng.chance(0.3)).then(|| *rng.pick(campaigns)),
            parent: None,
            part_of: None,
        }
    }

    /// The `i`-th target: metrics cycle so that every level of the tree has targets for the
    /// same metric and year, which is what layering compares.
    pub fn target(&self, i: usize, regions: &[RegionId]) -> Target {
        let mut rng = Rng::new(self.seed ^ 0x7A7A ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        let region = regions[i % regions.len()];
        let round = i / regions.len();
        let metric = METRICS[round % METRICS.len()];
        let year = 2018 + ((round / METRICS.len()) % 7) as i32;
        let (measure, quantity) = if rng.chance(0.6) {
            (
                Measure::Growth,
                Quantity::new(
                    Decimal::from_scaled(
                        10_000 * (3 + rng.below(15)) as i64 + 5_000 * rng.below(2) as i64,
                    ),
                    Unit::Percent,
                    if rng.chance(0.3) {
                        Comparator::AtLeast
                    } else {
                        Comparator::Eq
                    },
                ),
            )
        } else {
            (
                Measure::Level,
                Quantity::new(
                    Decimal::from_scaled(
                        (1 + rng.below(100_000)) as i64 * 100_000_000 * 10_000 / 1_000,
                    ),
                    Unit::Yuan,
                    Comparator::Eq,
                ),
            )
        };
        Target {
            region: Some(region),
            metric: metric.to_string(),
            measure,
            quantity,
            year: Some(year),
            deadline: None,
            campaign: None,
            owner: None,
        }
    }

    /// The `i`-th observation; every other one measures target `i / 2 + 1` when `targets`
    /// holds that many.
    pub fn observation(&self, i: usize, regions: &[RegionId], targets: usize) -> Observation {
        let t = self.target(i, regions);
        let mut rng = Rng::new(self.seed ^ 0x0B5E ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let value =
            Decimal::from_scaled(t.quantity.value.scaled() / 100 * (60 + rng.below(60)) as i64);
        let target = (i % 2 == 0 && i / 2 < targets).then(|| TargetId::from_raw(i as i64 / 2 + 1));
        Observation {
            region: t.region,
            metric: t.metric,
            measure: t.measure,
            quantity: Quantity::new(value, t.quantity.unit, Comparator::Eq),
            period: t.year.and_then(|y| PartialDate::year_only(y).ok()),
            target,
            campaign: None,
        }
    }
}
