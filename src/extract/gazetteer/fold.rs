//! Traditional to simplified script for name matching: 青島市 and 黃島區 are found as 青岛市 and
//! 黄岛区 (`data/script/trad_simp.txt`, the pairs not marked ` text`).

use once_cell::sync::Lazy;

/// The Han block the direct tables cover (CJK Extension A and the Unified Ideographs).
pub(super) const LO: u32 = 0x3400;
pub(super) const HI: u32 = 0x9FFF;

const TRAD_SIMP: &str = include_str!("../../../data/script/trad_simp.txt");

/// The characters with a simplified form different from themselves: a bit per character of
/// `LO..=HI` (3.4 KiB, which stays in cache while a text is scanned), and the pairs, sorted.
pub(super) struct FoldTable {
    bits: Vec<u64>,
    pairs: Vec<(char, char)>,
}

pub(super) static FOLD: Lazy<FoldTable> = Lazy::new(|| {
    let mut bits = vec![0u64; ((HI - LO + 1) as usize).div_ceil(64)];
    let mut pairs: Vec<(char, char)> = Vec::new();
    for line in TRAD_SIMP.lines() {
        if line.starts_with('#') {
            continue;
        }
        // Pairs marked ` text` are the extractor's normalisation's alone.
        let pair = line.strip_suffix(" places").unwrap_or(line);
        let mut cs = pair.chars();
        if let (Some(t), Some(s), None) = (cs.next(), cs.next(), cs.next()) {
            if let Some(i) = (t as u32).checked_sub(LO).filter(|&i| i <= HI - LO) {
                if let Some(w) = bits.get_mut(i as usize / 64) {
                    *w |= 1 << (i % 64);
                }
                pairs.push((t, s));
            }
        }
    }
    pairs.sort_unstable();
    FoldTable { bits, pairs }
});

impl FoldTable {
    pub(super) fn fold(&self, c: char) -> char {
        let u = c as u32;
        if !(LO..=HI).contains(&u) {
            return c;
        }
        let i = (u - LO) as usize;
        if self
            .bits
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
        {
            if let Ok(k) = self.pairs.binary_search_by_key(&c, |&(t, _)| t) {
                return self.pairs.get(k).map_or(c, |&(_, s)| s);
            }
        }
        c
    }
}

/// The simplified form of `c` for name matching (`島` → `岛`); other characters unchanged.
pub(crate) fn fold(c: char) -> char {
    FOLD.fold(c)
}
