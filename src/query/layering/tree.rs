//! The pure part of target layering: from the targets of one metric and year, with their
//! regions' paths, to rows comparing each with its ancestors' bars. No SQL: unit-testable
//! apart from the query that reads the entries.

use super::{AncestorTarget, Commitment, LayeringRow, Relation};
use crate::model::{Comparator, Decimal, Measure, PartialDate, Quantity, RegionId, TargetId};

/// Strength of a comparator's commitment (see [`Commitment`]).
fn strength(c: Comparator) -> u8 {
    match c {
        Comparator::About => 0,
        Comparator::Eq => 1,
        Comparator::AtLeast | Comparator::AtMost => 2,
        Comparator::Over => 3,
    }
}

/// A target of the metric and year, as the layering reads it.
pub(super) struct Entry {
    pub(super) target: TargetId,
    pub(super) region: RegionId,
    pub(super) path: Vec<RegionId>,
    pub(super) path_text: String,
    pub(super) region_name: String,
    pub(super) measure: Measure,
    pub(super) quantity: Quantity,
    pub(super) deadline: Option<PartialDate>,
    /// A ceiling bar (see [`crate::pledge::is_ceiling`]).
    pub(super) ceiling: bool,
}

/// `/1/5/23/` → [1, 5, 23].
pub(super) fn path_ids(path: &str) -> Option<Vec<RegionId>> {
    path.split('/')
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<i64>().ok().map(RegionId::from_raw))
        .collect()
}

/// Compares a lower target with an ancestor's (see [`target_layering`](crate::Ledger::target_layering)).
fn compare(lower: &Entry, upper: &Entry) -> (Relation, Option<Decimal>, Option<Decimal>) {
    if lower.quantity.unit != upper.quantity.unit || lower.ceiling != upper.ceiling {
        return (Relation::Incomparable, None, None);
    }
    let (l, u) = (
        i128::from(lower.quantity.value.scaled()),
        i128::from(upper.quantity.value.scaled()),
    );
    let excess = if upper.ceiling { u - l } else { l - u };
    let relation = match excess.signum() {
        1 => Relation::Raises,
        -1 => Relation::Lowers,
        _ => Relation::Equal,
    };
    let ratio = (u != 0)
        .then(|| excess * 10_000 / u.abs())
        .and_then(|r| i64::try_from(r).ok())
        .map(Decimal::from_scaled);
    let excess = i64::try_from(excess).ok().map(Decimal::from_scaled);
    (relation, excess, ratio)
}

/// How the lower target's comparator commits against the upper's.
fn commitment(lower: &Entry, upper: &Entry) -> Commitment {
    match strength(lower.quantity.comparator).cmp(&strength(upper.quantity.comparator)) {
        std::cmp::Ordering::Greater => Commitment::Firmer,
        std::cmp::Ordering::Equal => Commitment::Same,
        std::cmp::Ordering::Less => Commitment::Softer,
    }
}

/// Among an ancestor region's targets of the measure, the one to compare with: same unit first,
/// then the same kind of bar (floor or ceiling), then the same deadline, then the lowest id.
fn pick<'e>(entries: &'e [Entry], candidates: &[usize], lower: &Entry) -> Option<&'e Entry> {
    candidates.iter().map(|&i| &entries[i]).min_by_key(|e| {
        (
            e.quantity.unit != lower.quantity.unit,
            e.ceiling != lower.ceiling,
            e.deadline != lower.deadline,
            e.target,
        )
    })
}

/// The layering rows of `entries` (every target of one metric and year), in tree order:
/// each against its nearest two ancestor levels with a target of the same measure. Only rows
/// under the region whose path is `within`, and only raising rows when `raises_only`.
pub(super) fn layer(
    entries: &[Entry],
    within: Option<&str>,
    raises_only: bool,
) -> Vec<LayeringRow> {
    // Entries by (region, measure), target id within: one sorted list searched by halves,
    // rather than a map holding a list per region (tens of thousands of allocations).
    let mut by_region: Vec<usize> = (0..entries.len()).collect();
    by_region.sort_unstable_by_key(|&i| (entries[i].region, entries[i].measure, i));
    let candidates_of = |region: RegionId, measure: Measure| -> &[usize] {
        let key = |&i: &usize| (entries[i].region, entries[i].measure);
        let lo = by_region.partition_point(|i| key(i) < (region, measure));
        let hi = by_region.partition_point(|i| key(i) <= (region, measure));
        &by_region[lo..hi]
    };
    // Tree order (depth-first, children by id), then target id: sort indices on the
    // numeric paths rather than moving rows or comparing path text.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        (&entries[a].path, entries[a].target).cmp(&(&entries[b].path, entries[b].target))
    });
    let mut out = Vec::new();
    for lower in order.iter().map(|&i| &entries[i]) {
        if let Some(root_path) = within {
            if !lower.path_text.starts_with(root_path) {
                continue;
            }
        }
        // Ancestors nearest first: the path without its last id, reversed.
        let ancestors = lower.path.iter().rev().skip(1);
        let mut found: Vec<AncestorTarget> = Vec::with_capacity(2);
        let mut national = None;
        let root = lower.path.first().copied();
        for (up, region) in ancestors.enumerate() {
            let candidates = candidates_of(*region, lower.measure);
            let Some(upper) = pick(entries, candidates, lower) else {
                continue;
            };
            let (relation, excess, excess_ratio) = compare(lower, upper);
            let ancestor = AncestorTarget {
                target: upper.target,
                region: upper.region,
                region_name: upper.region_name.clone(),
                levels_up: u32::try_from(up + 1).unwrap_or(u32::MAX),
                quantity: upper.quantity.clone(),
                relation,
                excess,
                excess_ratio,
                commitment: commitment(lower, upper),
            };
            if Some(*region) == root {
                national = Some(ancestor.clone());
            }
            if found.len() < 2 {
                found.push(ancestor);
            }
        }
        let mut found = found.into_iter();
        let parent = found.next();
        let grandparent = found.next();
        let row = LayeringRow {
            target: lower.target,
            region: lower.region,
            region_name: lower.region_name.clone(),
            depth: u32::try_from(lower.path.len().saturating_sub(1)).unwrap_or(u32::MAX),
            measure: lower.measure,
            quantity: lower.quantity.clone(),
            deadline: lower.deadline,
            relation: parent
                .as_ref()
                .map_or(Relation::NoAncestorTarget, |p| p.relation),
            parent,
            grandparent,
            national,
        };
        if !raises_only || row.raises() {
            out.push(row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    fn entry(target: i64, path: &[i64], percent: i32, comparator: Comparator) -> Entry {
        let path: Vec<RegionId> = path.iter().map(|&i| RegionId::from_raw(i)).collect();
        Entry {
            target: TargetId::from_raw(target),
            region: *path.last().unwrap(),
            path_text: format!(
                "/{}/",
                path.iter()
                    .map(|r| r.get().to_string())
                    .collect::<Vec<_>>()
                    .join("/")
            ),
            path,
            region_name: format!("r{target}"),
            measure: Measure::Growth,
            quantity: Quantity {
                value: Decimal::from_int(percent),
                unit: Unit::Percent,
                comparator,
            },
            deadline: None,
            ceiling: false,
        }
    }

    #[test]
    fn a_tree_of_floors_compares_each_level_with_the_nearest_two_above() {
        let entries = [
            entry(1, &[1], 5, Comparator::About),
            entry(2, &[1, 2], 6, Comparator::AtLeast),
            entry(3, &[1, 2, 3], 6, Comparator::Eq),
        ];
        let rows = layer(&entries, None, false);
        let relations: Vec<_> = rows.iter().map(|r| r.relation).collect();
        assert_eq!(
            relations,
            [
                Relation::NoAncestorTarget,
                Relation::Raises,
                Relation::Equal
            ]
        );
        let town = &rows[2];
        assert_eq!(
            town.grandparent.as_ref().unwrap().relation,
            Relation::Raises
        );
        assert_eq!(
            rows[1].parent.as_ref().unwrap().commitment,
            Commitment::Firmer
        );
        // Only what lies under region 2, and of that only what raises a bar.
        let under: Vec<_> = layer(&entries, Some("/1/2/"), true)
            .iter()
            .map(|r| r.target.get())
            .collect();
        assert_eq!(under, [2, 3]);
    }

    #[test]
    fn a_lower_ceiling_raises_and_a_ceiling_against_a_floor_is_incomparable() {
        let mut upper = entry(1, &[1], 10, Comparator::AtMost);
        upper.ceiling = true;
        let mut lower = entry(2, &[1, 2], 8, Comparator::AtMost);
        lower.ceiling = true;
        assert_eq!(compare(&lower, &upper).0, Relation::Raises);
        let floor = entry(3, &[1, 3], 8, Comparator::AtLeast);
        assert_eq!(compare(&floor, &upper).0, Relation::Incomparable);
    }
}
