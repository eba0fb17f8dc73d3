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

mod facts;
mod regions;
mod rng;

pub use facts::METRICS;
pub use regions::PlannedRegion;
pub(crate) use rng::Rng;

use crate::error::Result;
use crate::model::*;
use crate::Ledger;

/// Syllables generated names are made of.
const SYLLABLES: &[&str] = &[
    "安", "北", "昌", "长", "川", "大", "东", "丰", "福", "广", "海", "河", "湖", "华", "吉", "江",
    "金", "津", "康", "乐", "临", "龙", "茂", "南", "宁", "平", "青", "庆", "山", "寿", "泰", "天",
    "通", "西", "祥", "新", "兴", "阳", "永", "云",
];
/// Sectors of generated projects and campaigns.
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

/// The generator: a scale and a seed.
#[derive(Debug, Clone)]
pub struct Synth {
    scale: Scale,
    seed: u64,
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
