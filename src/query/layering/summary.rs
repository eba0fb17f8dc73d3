//! The per-level summary of a layering, as researchers report it.

use super::{Commitment, LayeringRow, Relation};
use crate::model::{Decimal, Measure, Unit};
use serde::{Deserialize, Serialize};

/// One level's line in a [`layering_summary`]: how the targets at one depth of the tree
/// compare with their nearest ancestor's, for one measure and unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelSummary {
    /// Depth in the region tree (0: the root, 中国).
    pub depth: u32,
    /// Level, growth or share.
    pub measure: Measure,
    /// The unit the raises are in (percent: percentage points).
    pub unit: Unit,
    /// Targets at this depth.
    pub targets: usize,
    /// Of them, those with a comparable ancestor target.
    pub compared: usize,
    /// Of those, the ones whose figure is above their parent's bar ([`Relation::Raises`]).
    pub above_parent: usize,
    /// Of those compared, the ones with a firmer comparator than their parent's.
    pub firmer: usize,
    /// Mean raise over the parent's figure, in the unit, rounded toward zero to four places;
    /// `None` when none was compared.
    pub mean_raise: Option<Decimal>,
    /// `above_parent / compared`, rounded toward zero; `None` when none was compared.
    pub share_above_parent: Option<Decimal>,
}

/// The per-level summary researchers report for layering (Li, Liu, Weng & Zhou 2019): for
/// each depth, measure and unit, the mean raise over the parent's target and the share of
/// children above their parent. Rows in depth, measure, unit order.
///
/// ```
/// use planledger::model::*;
/// use planledger::query::{layering_summary, LayeringQuery};
/// let mut ledger = planledger::Ledger::open_in_memory()?;
/// let p = ledger.insert(&Region::new("某省", RegionKind::Province))?;
/// let a = ledger.insert(&Region::new("甲市", RegionKind::Prefecture).with_parent(p))?;
/// let b = ledger.insert(&Region::new("乙市", RegionKind::Prefecture).with_parent(p))?;
/// for (r, v) in [(p, 50), (a, 60), (b, 50)] {
///     let q = Quantity::percent(Decimal::from_scaled(v * 1000));
///     ledger.insert(&Target::new("GDP", Measure::Growth, q).in_region(r).in_year(2023))?;
/// }
/// let rows = ledger.target_layering(&LayeringQuery::new("地区生产总值", 2023))?;
/// let s = layering_summary(&rows);
/// let cities = s.iter().find(|l| l.depth == 1).unwrap();
/// assert_eq!((cities.compared, cities.above_parent), (2, 1));
/// assert_eq!(cities.mean_raise.unwrap().to_string(), "0.5"); // (1 + 0) / 2 points
/// assert_eq!(cities.share_above_parent.unwrap().to_string(), "0.5");
/// # Ok::<(), planledger::Error>(())
/// ```
pub fn layering_summary(rows: &[LayeringRow]) -> Vec<LevelSummary> {
    let mut levels: Vec<LevelSummary> = Vec::new();
    let mut sums: Vec<i128> = Vec::new();
    for row in rows {
        let unit = row.quantity.unit.clone();
        let i = match levels
            .iter()
            .position(|l| l.depth == row.depth && l.measure == row.measure && l.unit == unit)
        {
            Some(i) => i,
            None => {
                levels.push(LevelSummary {
                    depth: row.depth,
                    measure: row.measure,
                    unit,
                    targets: 0,
                    compared: 0,
                    above_parent: 0,
                    firmer: 0,
                    mean_raise: None,
                    share_above_parent: None,
                });
                sums.push(0);
                levels.len() - 1
            }
        };
        let level = &mut levels[i];
        level.targets += 1;
        if let Some(p) = &row.parent {
            if let Some(excess) = p.excess {
                level.compared += 1;
                sums[i] += i128::from(excess.scaled());
                level.above_parent += usize::from(p.relation == Relation::Raises);
                level.firmer += usize::from(p.commitment == Commitment::Firmer);
            }
        }
    }
    for (level, sum) in levels.iter_mut().zip(sums) {
        if level.compared > 0 {
            let n = level.compared as i128;
            level.mean_raise = i64::try_from(sum / n).ok().map(Decimal::from_scaled);
            level.share_above_parent = i64::try_from(level.above_parent as i128 * 10_000 / n)
                .ok()
                .map(Decimal::from_scaled);
        }
    }
    levels.sort_by(|a, b| {
        (a.depth, a.measure.as_str(), a.unit.as_str()).cmp(&(
            b.depth,
            b.measure.as_str(),
            b.unit.as_str(),
        ))
    });
    levels
}
