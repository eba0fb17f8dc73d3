//! The pure part of target layering: from the targets of one metric and year, with their
//! regions' paths, to rows comparing each with its ancestors' bars. No SQL: unit-testable
//! apart from the query that reads the entries.

use super::{AncestorFigure, Commitment, LayeringLine, Relation};
use crate::model::{Comparator, Decimal, Measure, PartialDate, Quantity, RegionId, TargetId};
use std::ops::Range;

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
    /// Where its region's path (root first, the region last) is in [`Targets::paths`].
    pub(super) path: Range<u32>,
    /// Where its region's name is in [`Targets::names`] (empty when names are not read).
    pub(super) name: Range<u32>,
    /// Whether the region is inside the query's `within` subtree (always, without one).
    pub(super) inside: bool,
    pub(super) measure: Measure,
    pub(super) quantity: Quantity,
    pub(super) deadline: Option<PartialDate>,
    /// A ceiling bar (see [`crate::pledge::is_ceiling`]).
    pub(super) ceiling: bool,
}

/// Every target of one metric and year, with their regions' paths and names each in one
/// shared list (an entry keeps ranges): two allocations for the lot, not two per target.
#[derive(Default)]
pub(super) struct Targets {
    pub(super) entries: Vec<Entry>,
    paths: Vec<RegionId>,
    names: String,
}

impl Targets {
    /// Appends the ids of a path such as `/1/5/23/` ([1, 5, 23]) and returns their range;
    /// `None` (the list as it was) when the path is malformed or the list is full. Read byte
    /// by byte: this runs once per target.
    pub(super) fn push_path(&mut self, path: &[u8]) -> Option<Range<u32>> {
        let before = self.paths.len();
        let parsed = push_path_ids(path, &mut self.paths).and_then(|()| {
            Some(u32::try_from(before).ok()?..u32::try_from(self.paths.len()).ok()?)
        });
        if parsed.is_none() {
            self.paths.truncate(before);
        }
        parsed
    }

    /// Appends a region name and returns its range (empty when the list is full).
    pub(super) fn push_name(&mut self, name: &str) -> Range<u32> {
        let start = self.names.len();
        match (u32::try_from(start), u32::try_from(start + name.len())) {
            (Ok(a), Ok(b)) => {
                self.names.push_str(name);
                a..b
            }
            _ => 0..0,
        }
    }

    fn path(&self, e: &Entry) -> &[RegionId] {
        &self.paths[e.path.start as usize..e.path.end as usize]
    }

    /// The region name of the entry at `i`.
    pub(super) fn name(&self, i: u32) -> &str {
        let e = &self.entries[i as usize];
        &self.names[e.name.start as usize..e.name.end as usize]
    }
}

fn push_path_ids(path: &[u8], out: &mut Vec<RegionId>) -> Option<()> {
    for part in path.split(|&b| b == b'/') {
        if part.is_empty() {
            continue;
        }
        let mut id: i64 = 0;
        for &b in part {
            if !b.is_ascii_digit() {
                return None;
            }
            id = id.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        }
        out.push(RegionId::from_raw(id));
    }
    Some(())
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
fn pick<'e>(
    candidates: impl Iterator<Item = (u32, &'e Entry)>,
    lower: &Entry,
) -> Option<(u32, &'e Entry)> {
    candidates.min_by_key(|(_, e)| {
        (
            e.quantity.unit != lower.quantity.unit,
            e.ceiling != lower.ceiling,
            e.deadline != lower.deadline,
            e.target,
        )
    })
}

/// Whether every path fits one 128-bit sort key, and how: each id as `id - min + 1` in
/// `width` bits, root first, zero after the path's end, so that numeric key order is tree
/// order (a parent's key is below its children's; siblings by id). `(width, min)`, or `None`
/// when the ids span too much for the deepest path (then byte keys are compared instead).
/// On a country's tree (44k regions, five levels) that is 16 bits an id.
fn packed_keys(targets: &Targets) -> Option<(u32, i64)> {
    let (min, max) = targets
        .paths
        .iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), id| {
            (lo.min(id.get()), hi.max(id.get()))
        });
    let span = u128::try_from(i128::from(max) - i128::from(min) + 1).ok()?;
    let width = 128 - span.leading_zeros();
    let deepest = targets
        .entries
        .iter()
        .map(|e| e.path.len())
        .max()
        .unwrap_or(0);
    (deepest as u64 * u64::from(width) <= 128).then_some((width, min))
}

/// The 128-bit tree-order key of a path (see [`packed_keys`]).
fn pack(path: &[RegionId], width: u32, min: i64) -> u128 {
    let mut key = 0u128;
    let mut shift = 128;
    for id in path {
        shift -= width;
        // In range by `packed_keys`: 1 ..= span.
        key |= ((i128::from(id.get()) - i128::from(min)) as u128 + 1) << shift;
    }
    key
}

/// Which entries a [`LayeringLine`] was made from: the lower target's, then its parent's,
/// grandparent's and national comparison's, by index in [`Targets::entries`].
pub(super) type Sources = (u32, [Option<u32>; 3]);

/// The layering lines of `targets` (every target of one metric and year), in tree order,
/// each made into a `T` by `make` with the entries it came from: each target inside the
/// query's subtree against its nearest two ancestor levels with a target of the same
/// measure. Only raising lines when `raises_only`.
pub(super) fn layer<T>(
    targets: &Targets,
    raises_only: bool,
    mut make: impl FnMut(LayeringLine, Sources) -> T,
) -> Vec<T> {
    let entries = &targets.entries;
    // Entries by region, then measure, then read order. The statement ranges over an index
    // ordered by region and measure, so the read order already is that; sort only if a
    // plan ever returns them otherwise.
    let mut by_region: Vec<(RegionId, Measure, u32)> = entries
        .iter()
        .zip(0u32..)
        .map(|(e, i)| (e.region, e.measure, i))
        .collect();
    if by_region.windows(2).any(|w| w[0] > w[1]) {
        by_region.sort_unstable();
    }
    // Each region's slice of that list, found by halves over the distinct regions rather
    // than through a map holding a list per region (tens of thousands of allocations).
    let mut regions: Vec<(RegionId, u32, u32)> = Vec::new();
    for (&(region, _, _), at) in by_region.iter().zip(0u32..) {
        match regions.last_mut() {
            Some(last) if last.0 == region => last.2 = at + 1,
            _ => regions.push((region, at, at + 1)),
        }
    }
    let candidates_of = |region: RegionId, measure: Measure| {
        let (lo, hi) = regions
            .binary_search_by_key(&region, |r| r.0)
            .map_or((0, 0), |k| (regions[k].1, regions[k].2));
        by_region[lo as usize..hi as usize]
            .iter()
            .filter(move |c| c.1 == measure)
            .map(|c| (c.2, &entries[c.2 as usize]))
    };
    // Tree order (depth-first, children by id), then target id.
    let inside = entries.iter().zip(0u32..).filter(|(e, _)| e.inside);
    let order: Vec<u32> = match packed_keys(targets) {
        Some((width, min)) => {
            let mut order: Vec<(u128, TargetId, u32)> = inside
                .map(|(e, i)| (pack(targets.path(e), width, min), e.target, i))
                .collect();
            order.sort_unstable();
            order.into_iter().map(|o| o.2).collect()
        }
        None => {
            // Each path as a byte key, its ids as fixed-width big-endian numbers (sign bit
            // flipped), so that byte order is the numeric path order (a parent's key is a
            // prefix of its children's).
            let mut keys: Vec<u8> = Vec::with_capacity(targets.paths.len() * 8);
            for id in &targets.paths {
                keys.extend_from_slice(&((id.get() as u64) ^ (1 << 63)).to_be_bytes());
            }
            let key_of = |e: &Entry| &keys[e.path.start as usize * 8..e.path.end as usize * 8];
            let mut order: Vec<(&[u8], TargetId, u32)> =
                inside.map(|(e, i)| (key_of(e), e.target, i)).collect();
            order.sort_unstable();
            order.into_iter().map(|o| o.2).collect()
        }
    };
    let mut out = Vec::with_capacity(if raises_only { 0 } else { order.len() });
    for at in order {
        let lower = &entries[at as usize];
        let path = targets.path(lower);
        // Ancestors nearest first: the path without its last id, reversed.
        let root = path.first().copied();
        let mut found: [Option<(u32, AncestorFigure)>; 3] = [None, None, None];
        for (up, region) in path.iter().rev().skip(1).enumerate() {
            let is_root = Some(*region) == root;
            // Past the two nearest levels only the root's target is still wanted.
            if found[1].is_some() && !is_root {
                continue;
            }
            let Some((i, upper)) = pick(candidates_of(*region, lower.measure), lower) else {
                continue;
            };
            let (relation, excess, excess_ratio) = compare(lower, upper);
            let ancestor = AncestorFigure {
                target: upper.target,
                region: upper.region,
                levels_up: u32::try_from(up + 1).unwrap_or(u32::MAX),
                quantity: upper.quantity.clone(),
                relation,
                excess,
                excess_ratio,
                commitment: commitment(lower, upper),
            };
            if is_root {
                found[2] = Some((i, ancestor.clone()));
            }
            let slot = if found[0].is_none() { 0 } else { 1 };
            if found[slot].is_none() {
                found[slot] = Some((i, ancestor));
            }
        }
        let [parent, grandparent, national] = found;
        let sources = (
            at,
            [&parent, &grandparent, &national].map(|a| a.as_ref().map(|a| a.0)),
        );
        let [parent, grandparent, national] =
            [parent, grandparent, national].map(|a| a.map(|a| a.1));
        let line = LayeringLine {
            target: lower.target,
            region: lower.region,
            depth: u32::try_from(path.len().saturating_sub(1)).unwrap_or(u32::MAX),
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
        if !raises_only || line.raises() {
            out.push(make(line, sources));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    /// A growth target in percent on the region at the end of `path`, named after it.
    fn entry(target: i64, path: &[i64], percent: i32, comparator: Comparator) -> (Entry, String) {
        let text = format!(
            "/{}/",
            path.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("/")
        );
        let entry = Entry {
            target: TargetId::from_raw(target),
            region: RegionId::from_raw(*path.last().unwrap()),
            path: 0..0,
            name: 0..0,
            inside: true,
            measure: Measure::Growth,
            quantity: Quantity {
                value: Decimal::from_int(percent),
                unit: Unit::Percent,
                comparator,
            },
            deadline: None,
            ceiling: false,
        };
        (entry, text)
    }

    /// The entries as the query reads them: paths parsed, only those under `within` inside.
    fn targets(entries: Vec<(Entry, String)>, within: Option<&str>) -> Targets {
        let mut t = Targets::default();
        for (mut e, path) in entries {
            e.path = t.push_path(path.as_bytes()).unwrap();
            e.name = t.push_name(&format!("r{}", e.target));
            e.inside = within.is_none_or(|w| path.starts_with(w));
            t.entries.push(e);
        }
        t
    }

    fn lines(t: &Targets, raises_only: bool) -> Vec<LayeringLine> {
        layer(t, raises_only, |line, _| line)
    }

    #[test]
    fn a_tree_of_floors_compares_each_level_with_the_nearest_two_above() {
        let entries = || {
            vec![
                entry(1, &[1], 5, Comparator::About),
                entry(2, &[1, 2], 6, Comparator::AtLeast),
                entry(3, &[1, 2, 3], 6, Comparator::Eq),
            ]
        };
        let rows = lines(&targets(entries(), None), false);
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
        let under: Vec<_> = lines(&targets(entries(), Some("/1/2/")), true)
            .iter()
            .map(|r| r.target.get())
            .collect();
        assert_eq!(under, [2, 3]);
    }

    #[test]
    fn a_lower_ceiling_raises_and_a_ceiling_against_a_floor_is_incomparable() {
        let (mut upper, _) = entry(1, &[1], 10, Comparator::AtMost);
        upper.ceiling = true;
        let (mut lower, _) = entry(2, &[1, 2], 8, Comparator::AtMost);
        lower.ceiling = true;
        assert_eq!(compare(&lower, &upper).0, Relation::Raises);
        let (floor, _) = entry(3, &[1, 3], 8, Comparator::AtLeast);
        assert_eq!(compare(&floor, &upper).0, Relation::Incomparable);
    }

    /// Each line names the entries it was made from, so names can be joined without a lookup.
    #[test]
    fn lines_name_their_sources_and_paths_parse_or_fail_whole() {
        let t = targets(
            vec![
                entry(1, &[1], 5, Comparator::Eq),
                entry(2, &[1, 2], 6, Comparator::Eq),
                entry(3, &[1, 2, 3], 7, Comparator::Eq),
            ],
            None,
        );
        let seen = layer(&t, false, |line, (at, up)| {
            (line.target.get(), t.name(at).to_string(), up)
        });
        assert_eq!(seen[2], (3, "r3".to_string(), [Some(1), Some(0), Some(0)]));
        assert_eq!(seen[0].2, [None, None, None]);
        let mut t = Targets::default();
        assert_eq!(t.push_path(b"/1/20/"), Some(0..2));
        assert_eq!(t.push_path(b"/1/x/"), None);
        assert_eq!(t.push_path(b"/99999999999999999999/"), None);
        assert_eq!(t.push_path(b"/3/"), Some(2..3));
    }
}
