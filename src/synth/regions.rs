//! The region tree the generator plans: China's shape, with division codes.

use super::{Rng, Synth, SYLLABLES};
use crate::model::*;

/// A region the generator planned, before it has an id.
#[doc(hidden)] // for the benches' fixtures only
#[derive(Debug, Clone)]
pub struct PlannedRegion {
    /// The region, with `parent` unset.
    pub region: Region,
    /// Index of the parent in the planned list, if any.
    pub parent: Option<usize>,
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

/// A level of the tree below the prefectures: the planned regions its regions hang from, the
/// kinds (with name suffixes) drawn for them, and how a region's code follows from its
/// parent's code and its serial under that parent.
struct Level {
    parents: std::ops::Range<usize>,
    kinds: &'static [(RegionKind, &'static str)],
    code: fn(Option<&DivisionCode>, usize) -> Option<DivisionCode>,
}

impl Level {
    /// Plans `count` regions spread evenly over the parents.
    fn add(
        &self,
        out: &mut Vec<PlannedRegion>,
        rng: &mut Rng,
        serial_in: &mut [usize],
        count: usize,
    ) {
        for i in 0..count {
            let parent = self.parents.start + parent_of(i, count, self.parents.len());
            serial_in[parent] += 1;
            let (kind, suffix) = *rng.pick(self.kinds);
            let mut region = Region::new(name(rng, suffix, i), kind);
            region.code = (self.code)(out[parent].region.code.as_ref(), serial_in[parent]);
            out.push(PlannedRegion {
                region,
                parent: Some(parent),
            });
        }
    }
}

impl Synth {
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
        let counties = Level {
            parents: pref_base..county_base,
            kinds: &[
                (RegionKind::District, "区"),
                (RegionKind::County, "县"),
                (RegionKind::County, "县"),
                (RegionKind::CountyLevelCity, "市"),
            ],
            // The prefecture's four digits and a two-digit serial; none past 99 children.
            code: |parent, serial| {
                let prefix = parent
                    .map(|c| c.as_str()[..4].to_string())
                    .unwrap_or_default();
                format!("{prefix}{:02}", serial % 100)
                    .parse()
                    .ok()
                    .filter(|_| serial < 100)
            },
        };
        counties.add(&mut out, &mut rng, &mut serial_in, s.counties);
        let townships = Level {
            parents: county_base..out.len(),
            kinds: &[
                (RegionKind::Town, "镇"),
                (RegionKind::Town, "镇"),
                (RegionKind::Township, "乡"),
                (RegionKind::Subdistrict, "街道"),
            ],
            // The county's six digits and a three-digit serial.
            code: |parent, serial| parent.and_then(|c| format!("{c}{serial:03}").parse().ok()),
        };
        townships.add(&mut out, &mut rng, &mut serial_in, s.townships);
        out
    }
}
