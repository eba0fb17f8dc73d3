//! Scorecards: counting target statuses, the alarm light and the 红黄绿牌 card of a set of
//! targets, and folding a region tree's own counts into subtree counts.

use crate::model::{Light, Region, RegionId, Stored, TargetStatus};
use serde::{Deserialize, Serialize};

/// How many targets are in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Achieved.
    pub achieved: u32,
    /// On track.
    pub on_track: u32,
    /// At risk.
    pub at_risk: u32,
    /// Missed.
    pub missed: u32,
    /// No data.
    pub no_data: u32,
}

impl StatusCounts {
    /// Counts one more target.
    pub fn count(&mut self, status: TargetStatus) {
        let slot = match status {
            TargetStatus::Achieved => &mut self.achieved,
            TargetStatus::OnTrack => &mut self.on_track,
            TargetStatus::AtRisk => &mut self.at_risk,
            TargetStatus::Missed => &mut self.missed,
            TargetStatus::NoData => &mut self.no_data,
        };
        *slot = slot.saturating_add(1);
    }

    /// Adds another set's counts.
    pub fn add(&mut self, other: &StatusCounts) {
        self.achieved = self.achieved.saturating_add(other.achieved);
        self.on_track = self.on_track.saturating_add(other.on_track);
        self.at_risk = self.at_risk.saturating_add(other.at_risk);
        self.missed = self.missed.saturating_add(other.missed);
        self.no_data = self.no_data.saturating_add(other.no_data);
    }

    /// All targets counted.
    pub fn total(&self) -> u32 {
        [
            self.achieved,
            self.on_track,
            self.at_risk,
            self.missed,
            self.no_data,
        ]
        .iter()
        .fold(0u32, |a, b| a.saturating_add(*b))
    }

    /// The count for one status.
    pub fn get(&self, status: TargetStatus) -> u32 {
        match status {
            TargetStatus::Achieved => self.achieved,
            TargetStatus::OnTrack => self.on_track,
            TargetStatus::AtRisk => self.at_risk,
            TargetStatus::Missed => self.missed,
            TargetStatus::NoData => self.no_data,
        }
    }

    /// The colour (see [the module docs](super#scorecard-colours)).
    ///
    /// ```
    /// use planledger::model::{Light, TargetStatus};
    /// use planledger::pledge::StatusCounts;
    /// let mut c = StatusCounts::default();
    /// assert_eq!(c.light(), Light::Grey);
    /// c.count(TargetStatus::OnTrack);
    /// assert_eq!(c.light(), Light::Green);
    /// c.count(TargetStatus::AtRisk);
    /// assert_eq!(c.light(), Light::Yellow);
    /// c.count(TargetStatus::Missed);
    /// assert_eq!(c.light(), Light::Red);
    /// ```
    pub fn light(&self) -> Light {
        if self.missed > 0 {
            Light::Red
        } else if self.at_risk > 0 {
            Light::Yellow
        } else if self.achieved > 0 || self.on_track > 0 {
            Light::Green
        } else {
            Light::Grey
        }
    }

    /// The region's 红黄绿牌 card: the share of targets with data that were missed (see [the
    /// module docs](super#scorecard-colours)). `no_data` targets do not count either way.
    ///
    /// ```
    /// use planledger::model::{Light, TargetStatus};
    /// use planledger::pledge::StatusCounts;
    /// let mut c = StatusCounts::default();
    /// c.count(TargetStatus::NoData);
    /// assert_eq!(c.card(), Light::Grey);
    /// c.count(TargetStatus::Achieved);
    /// c.count(TargetStatus::Achieved);
    /// assert_eq!(c.card(), Light::Green);
    /// c.count(TargetStatus::Missed); // 1 of 3 missed
    /// assert_eq!(c.card(), Light::Yellow);
    /// c.count(TargetStatus::Missed); // 2 of 4: half is not most
    /// assert_eq!(c.card(), Light::Yellow);
    /// c.count(TargetStatus::Missed); // 3 of 5
    /// assert_eq!(c.card(), Light::Red);
    /// ```
    pub fn card(&self) -> Light {
        let counted = u64::from(self.achieved)
            + u64::from(self.on_track)
            + u64::from(self.at_risk)
            + u64::from(self.missed);
        if counted == 0 {
            Light::Grey
        } else if 2 * u64::from(self.missed) > counted {
            Light::Red
        } else if self.missed > 0 || self.at_risk > 0 {
            Light::Yellow
        } else {
            Light::Green
        }
    }
}

/// One region's line of a [`scorecard`](crate::Ledger::scorecard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardRow {
    /// The region (aliases not loaded).
    pub region: Stored<RegionId, Region>,
    /// Depth below the scorecard's root (the root is 0).
    pub depth: usize,
    /// The region's own targets.
    pub own: StatusCounts,
    /// The targets of the region and everything below it.
    pub subtree: StatusCounts,
}

/// Adds each row's subtree counts into its parent's, for rows in depth-first pre-order (every
/// child after its parent): folding from the end adds each finished subtree into its parent.
/// Rows whose parent is not among them (the root) keep their own.
pub(crate) fn fold_subtrees(rows: &mut [ScorecardRow]) {
    let index: std::collections::HashMap<RegionId, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| (row.region.id, i))
        .collect();
    for i in (1..rows.len()).rev() {
        let parent = rows[i].region.parent.and_then(|p| index.get(&p).copied());
        if let Some(p) = parent {
            let child = rows[i].subtree;
            rows[p].subtree.add(&child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RegionKind;

    fn counts(statuses: &[TargetStatus]) -> StatusCounts {
        let mut c = StatusCounts::default();
        for s in statuses {
            c.count(*s);
        }
        c
    }

    #[test]
    fn light_is_the_worst_status_and_card_the_missed_share() {
        use TargetStatus::*;
        // (statuses, light, card)
        let cases: [(&[TargetStatus], Light, Light); 6] = [
            (&[], Light::Grey, Light::Grey),
            (&[NoData], Light::Grey, Light::Grey),
            (&[Achieved, NoData], Light::Green, Light::Green),
            (&[OnTrack, AtRisk], Light::Yellow, Light::Yellow),
            (
                &[Achieved, Achieved, Achieved, Achieved, Missed],
                Light::Red,
                Light::Yellow,
            ),
            (
                &[Achieved, Achieved, Missed, Missed, Missed],
                Light::Red,
                Light::Red,
            ),
        ];
        for (statuses, light, card) in cases {
            let c = counts(statuses);
            assert_eq!((c.light(), c.card()), (light, card), "{statuses:?}");
            assert_eq!(c.total() as usize, statuses.len());
        }
        let mut c = counts(&[Missed]);
        c.add(&counts(&[Missed, AtRisk]));
        assert_eq!((c.get(Missed), c.get(AtRisk), c.get(Achieved)), (2, 1, 0));
    }

    #[test]
    fn subtrees_fold_into_their_parents() {
        let row = |id: i64, parent: Option<i64>, depth, own: StatusCounts| ScorecardRow {
            region: Stored {
                id: RegionId::from_raw(id),
                value: Region {
                    parent: parent.map(RegionId::from_raw),
                    ..Region::new(format!("区{id}"), RegionKind::District)
                },
            },
            depth,
            own,
            subtree: own,
        };
        let one = counts(&[TargetStatus::Achieved]);
        let two = counts(&[TargetStatus::Missed, TargetStatus::OnTrack]);
        // 1 ─┬─ 2 ── 3
        //    └─ 4
        let mut rows = vec![
            row(1, None, 0, one),
            row(2, Some(1), 1, one),
            row(3, Some(2), 2, two),
            row(4, Some(1), 1, two),
        ];
        fold_subtrees(&mut rows);
        let totals: Vec<u32> = rows.iter().map(|r| r.subtree.total()).collect();
        assert_eq!(totals, [6, 3, 2, 2]);
        assert_eq!(rows[0].own, one);
        assert_eq!(rows[0].subtree.missed, 2);
    }
}
