//! A deterministic, seeded generator of realistic ledgers at national scale, for benchmarks and
//! load tests.
//!
//! The region tree is shaped like China's: one country root, 34 provinces, about 340 prefectures, 3,000 counties
//! and 40,000 townships with division codes. On it: projects (batches, singles and named
//! members), targets and observations on a handful of metrics at every level (so that
//! layering and scorecards have something to compare), nested campaigns, officials, sources and
//! one piece of evidence per project. The same seed always gives the same rows, in the same
//! order, so benchmark runs compare like with like.
//!
//! ```
//! use planledger::synth::{Scale, Synth};
//! let mut ledger = planledger::Ledger::open_in_memory()?;
//! let summary = Synth::new(Scale::tiny(), 7).load(&mut ledger)?;
//! assert_eq!(summary.projects, Scale::tiny().projects);
//! assert_eq!(ledger.count::<planledger::model::Region>()? as usize, summary.regions);
//! # Ok::<(), planledger::Error>(())
//! ```

use crate::error::Result;
use crate::model::*;
use crate::Ledger;

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Scale {
    /// Provinces.
    pub provinces: usize,
    /// Prefectures in all (spread over the provinces).
    pub prefectures: usize,
    /// Counties in all.
    pub counties: usize,
    /// Townships in all.
    pub townships: usize,
    /// Project rows (batches, singles and named members).
    pub projects: usize,
    /// Targets.
    pub targets: usize,
    /// Observations.
    pub observations: usize,
    /// Campaigns.
    pub campaigns: usize,
    /// Officials (one person, one post, one holding each).
    pub officials: usize,
    /// Sources that evidence points into.
    pub sources: usize,
}

impl Scale {
    /// China's shape: 34 / 340 / 3,000 / 40,000 regions, a million projects, targets and
    /// observations.
    pub fn national() -> Self {
        Scale {
            provinces: 34,
            prefectures: 340,
            counties: 3_000,
            townships: 40_000,
            projects: 1_000_000,
            targets: 1_000_000,
            observations: 1_000_000,
            campaigns: 2_000,
            officials: 40_000,
            sources: 1_000,
        }
    }

    /// A small ledger of the same shape, for tests and examples.
    pub fn tiny() -> Self {
        Scale {
            provinces: 3,
            prefectures: 9,
            counties: 27,
            townships: 120,
            projects: 2_000,
            targets: 1_000,
            observations: 1_000,
            campaigns: 20,
            officials: 100,
            sources: 10,
        }
    }

    /// The national tree with a different number of projects, targets and observations.
    pub fn national_with(projects: usize, figures: usize) -> Self {
        Scale {
            projects,
            targets: figures,
            observations: figures,
            ..Scale::national()
        }
    }
}

/// What [`Synth::load`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Summary {
    /// Regions.
    pub regions: usize,
    /// Project rows.
    pub projects: usize,
    /// Targets.
    pub targets: usize,
    /// Observations.
    pub observations: usize,
    /// Campaigns.
    pub campaigns: usize,
    /// Officials.
    pub officials: usize,
    /// Sources.
    pub sources: usize,
    /// Evidence rows.
    pub evidence: usize,
}

impl Summary {
    /// Every row written.
    pub fn rows(&self) -> usize {
        self.regions
            + self.projects
            + self.targets
            + self.observations
            + self.campaigns
            + 3 * self.officials
            + self.sources
            + self.evidence
    }
}

/// SplitMix64: tiny, fast, and the same everywhere; quality is ample for test data.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n.max(1) as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "安", "北", "昌", "长", "川", "大", "东", "丰", "福", "广", "海", "河", "湖", "华", "吉", "江",
    "金", "津", "康", "乐", "临", "龙", "茂", "南", "宁", "平", "青", "庆", "山", "寿", "泰", "天",
    "通", "西", "祥", "新", "兴", "阳", "永", "云",
];
const SECTORS: &[&str] = &[
    "工业",
    "文旅",
    "金融",
    "基础设施",
    "新材料",
    "海洋",
    "农业",
    "大数据",
    "医疗",
    "教育",
];
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

/// A region the generator planned, before it has an id.
#[doc(hidden)] // for the benches' fixtures only
#[derive(Debug, Clone)]
pub struct PlannedRegion {
    /// The region, with `parent` unset.
    pub region: Region,
    /// Index of the parent in the planned list, if any.
    pub parent: Option<usize>,
}

/// The generator: a scale and a seed.
#[derive(Debug, Clone)]
pub struct Synth {
    scale: Scale,
    seed: u64,
}

fn name(rng: &mut Rng, suffix: &str, serial: usize) -> String {
    // Two random syllables keep names Chinese-looking; the serial keeps them unique under one
    // parent, as the schema requires.
    format!(
        "{}{}{}{}",
        rng.pick(SYLLABLES),
        rng.pick(SYLLABLES),
        serial,
        suffix
    )
}

/// Spreads `total` children over `parents` as evenly as possible: child i's parent.
fn parent_of(i: usize, total: usize, parents: usize) -> usize {
    (i * parents / total.max(1)).min(parents.saturating_sub(1))
}

impl Synth {
    /// A generator.
    pub fn new(scale: Scale, seed: u64) -> Self {
        Synth { scale, seed }
    }

    /// The scale.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// Where each level starts in [`regions`](Synth::regions): provinces, prefectures,
    /// counties, townships (index 0 is the country).
    #[doc(hidden)] // for the benches' fixtures only
    pub fn bases(&self) -> [usize; 4] {
        let s = &self.scale;
        [
            1,
            1 + s.provinces,
            1 + s.provinces + s.prefectures,
            1 + s.provinces + s.prefectures + s.counties,
        ]
    }

    /// The region tree, parents before children: the country first, then provinces,
    /// prefectures, counties and townships.
    #[doc(hidden)] // for the benches' fixtures only
    pub fn regions(&self) -> Vec<PlannedRegion> {
        let s = &self.scale;
        let mut rng = Rng::new(self.seed ^ 0x5EED_0001);
        let mut out =
            Vec::with_capacity(1 + s.provinces + s.prefectures + s.counties + s.townships);
        let mut serial_in = vec![0usize; 1 + s.provinces + s.prefectures + s.counties];
        // One country root, so that "the whole country" is a subtree like any other.
        out.push(PlannedRegion {
            region: Region::new("中国", RegionKind::Country),
            parent: None,
        });
        let prov_base = out.len();
        for p in 0..s.provinces {
            let code = format!("{:02}0000", 11 + p);
            out.push(PlannedRegion {
                region: Region {
                    code: code.parse().ok(),
                    ..Region::new(name(&mut rng, "省", p), RegionKind::Province)
                },
                parent: Some(0),
            });
        }
        let pref_base = out.len();
        for i in 0..s.prefectures {
            let parent = prov_base + parent_of(i, s.prefectures, s.provinces);
            serial_in[parent] += 1;
            let code = format!("{:02}{:02}00", 11 + parent - prov_base, serial_in[parent]);
            out.push(PlannedRegion {
                region: Region {
                    code: code.parse().ok(),
                    ..Region::new(name(&mut rng, "市", i), RegionKind::Prefecture)
                },
                parent: Some(parent),
            });
        }
        let county_base = out.len();
        for i in 0..s.counties {
            let parent = pref_base + parent_of(i, s.counties, s.prefectures);
            serial_in[parent] += 1;
            let (kind, suffix) = *rng.pick(&[
                (RegionKind::District, "区"),
                (RegionKind::County, "县"),
                (RegionKind::County, "县"),
                (RegionKind::CountyLevelCity, "市"),
            ]);
            let pcode = out[parent]
                .region
                .code
                .as_ref()
                .map(|c| c.as_str()[..4].to_string())
                .unwrap_or_default();
            let code = format!("{pcode}{:02}", serial_in[parent] % 100);
            let code = code.parse().ok().filter(|_| serial_in[parent] < 100);
            let mut region = Region::new(name(&mut rng, suffix, i), kind);
            region.code = code;
            out.push(PlannedRegion {
                region,
                parent: Some(parent),
            });
        }
        for i in 0..s.townships {
            let parent = county_base + parent_of(i, s.townships, s.counties);
            serial_in[parent] += 1;
            let (kind, suffix) = *rng.pick(&[
                (RegionKind::Town, "镇"),
                (RegionKind::Town, "镇"),
                (RegionKind::Township, "乡"),
                (RegionKind::Subdistrict, "街道"),
            ]);
            let mut region = Region::new(name(&mut rng, suffix, i), kind);
            region.code = out[parent]
                .region
                .code
                .as_ref()
                .and_then(|c| format!("{c}{:03}", serial_in[parent]).parse().ok());
            out.push(PlannedRegion {
                region,
                parent: Some(parent),
            });
        }
        out
    }

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

    /// Writes the whole ledger in one transaction through the public API (the load a user
    /// would run). Expects an empty ledger.
    pub fn load(&self, ledger: &mut Ledger) -> Result<Summary> {
        self.load_with(ledger, false)
    }

    /// [`load`](Synth::load) through the bulk load path ([`Ledger::bulk_write`]): the same
    /// ledger, written faster.
    pub fn load_bulk(&self, ledger: &mut Ledger) -> Result<Summary> {
        self.load_with(ledger, true)
    }

    fn load_with(&self, ledger: &mut Ledger, bulk: bool) -> Result<Summary> {
        let s = self.scale;
        let plan = self.regions();
        let load = |tx: &mut crate::store::Tx<'_>| -> Result<Summary> {
            let mut summary = Summary::default();
            let mut ids: Vec<RegionId> = Vec::with_capacity(plan.len());
            for p in &plan {
                let mut region = p.region.clone();
                region.parent = p.parent.map(|i| ids[i]);
                ids.push(tx.insert(&region)?);
            }
            summary.regions = ids.len();

            let mut rng = Rng::new(self.seed ^ 0xCA3B);
            let mut campaigns: Vec<CampaignId> = Vec::with_capacity(s.campaigns);
            for i in 0..s.campaigns {
                let parent = (i % 4 != 0 && !campaigns.is_empty())
                    .then(|| campaigns[rng.below(campaigns.len())]);
                let kind = if parent.is_none() {
                    CampaignKind::ThemedYear
                } else {
                    CampaignKind::Battle
                };
                let suffix = if parent.is_none() { "年" } else { "攻坚战" };
                let mut c = Campaign::new(
                    format!("{}{}{i}{suffix}", rng.pick(SYLLABLES), rng.pick(SECTORS)),
                    kind,
                );
                c.region = Some(ids[1 + rng.below(s.provinces + s.prefectures)]);
                c.year = Some(2018 + rng.below(7) as i32);
                c.parent = parent;
                c.ordinal = parent.map(|_| 1 + rng.below(12) as u32);
                campaigns.push(tx.insert(&c)?);
            }
            summary.campaigns = campaigns.len();

            for i in 0..s.officials {
                let region = ids[i % ids.len()];
                let person = tx.insert(&Person::new(format!(
                    "{}{}{i}",
                    rng.pick(SYLLABLES),
                    rng.pick(SYLLABLES)
                )))?;
                let post = tx.insert(&Post::new("书记", format!("区域{i}委员会"), Some(region)))?;
                let start = PartialDate::year_only(2016 + rng.below(6) as i32)?;
                let end = PartialDate::year_only(start.year() + 1 + rng.below(5) as i32)?;
                tx.insert(&Holding {
                    person,
                    post,
                    start: Some(start),
                    end: Some(end),
                })?;
            }
            summary.officials = s.officials;

            let mut sources = Vec::with_capacity(s.sources);
            for i in 0..s.sources {
                let mut src = Source::titled(format!("合成报道{i}"));
                src.chars = Some(100_000);
                src.content_hash = Some(ContentHash::of(&format!(
                    "synthetic source {i} seed {}",
                    self.seed
                )));
                src.published = PartialDate::year_only(2018 + (i % 7) as i32).ok();
                sources.push(tx.insert(&src)?);
            }
            summary.sources = sources.len();

            let mut previous: Option<(ProjectId, Project)> = None;
            for i in 0..s.projects {
                let p = self.project(
                    i,
                    &ids,
                    &campaigns,
                    previous.as_ref().map(|(id, p)| (*id, p)),
                );
                let id = tx.insert(&p)?;
                if !sources.is_empty() {
                    let start = (i * 37 % 99_000) as u32;
                    tx.insert(&Evidence {
                        fact: FactRef::Project(id),
                        source: sources[i % sources.len()],
                        span: Span::new(start, start + 40)?,
                        method: Method::Rule("synth".into()),
                    })?;
                    summary.evidence += 1;
                }
                previous = Some((id, p));
            }
            summary.projects = s.projects;
            for i in 0..s.targets {
                tx.insert(&self.target(i, &ids))?;
            }
            summary.targets = s.targets;
            for i in 0..s.observations {
                tx.insert(&self.observation(i, &ids, s.targets))?;
            }
            summary.observations = s.observations;
            Ok(summary)
        };
        if bulk {
            ledger.bulk_write(load)
        } else {
            ledger.write(load)
        }
    }
}
