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
}
