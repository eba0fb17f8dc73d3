use super::projects::totals_at;
use super::{OverlapFlag, Totals};
use crate::error::Result;
use crate::model::{Region, RegionId, Stored};
use crate::store::conn::ConnExt;
use crate::store::sql::{parse_col, parse_opt};
use crate::Ledger;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One region's line in an [`investment_rollup`](Ledger::investment_rollup).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollupRow {
    /// The region (aliases not loaded).
    pub region: Stored<RegionId, Region>,
    /// Depth below the rollup's root (the root is 0).
    pub depth: usize,
    /// Projects recorded on the region itself; where its batches may overlap, the candidate
    /// pool alone (see `may_overlap`).
    pub own: Totals,
    /// Projects on the region and everything below it, counted the same way.
    pub subtree: Totals,
    /// The region's groups of batches that may overlap (see [`OverlapFlag`]): each group's
    /// pool is counted, the rows set aside are not. Empty when nothing may overlap.
    pub may_overlap: Vec<OverlapFlag>,
}

/// Takes what overlap flags set aside out of a set of totals (the set-aside rows are among
/// them, so nothing goes below zero).
fn set_aside(totals: &mut Totals, flags: &[&OverlapFlag]) {
    for f in flags {
        let a = &f.set_aside_totals;
        totals.rows = totals.rows.saturating_sub(a.rows);
        totals.projects = totals.projects.saturating_sub(a.projects);
        totals.investment = crate::model::Money::from_yuan(
            totals
                .investment
                .yuan()
                .saturating_sub(a.investment.yuan())
                .max(0),
        )
        .unwrap_or(crate::model::Money::ZERO);
        totals.with_investment = totals.with_investment.saturating_sub(a.with_investment);
    }
}

impl Ledger {
    /// The totals of a region's whole subtree (the region and everything below it), by the
    /// declared structure only: named members and declared parts are inside their batch.
    /// Read from the maintained totals, so its cost follows the regions, not the projects.
    ///
    /// It does **not** apply the may-overlap rule ([`OverlapFlag`]): where
    /// [`overlap_flags`](Ledger::overlap_flags) finds groups, the first row of
    /// [`investment_rollup`](Ledger::investment_rollup) is this figure less what they set
    /// aside. Without flags the two agree.
    ///
    /// ```
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let town = ledger.resolve_region("琅琊镇")?;
    /// assert_eq!(ledger.subtree_totals(town)?.investment.format_yi(2), "67.74");
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn subtree_totals(&self, region: RegionId) -> Result<Totals> {
        // One contiguous range of region_totals (keyed by path), whatever the subtree's size.
        // Grouping by the root makes a missing root return no row at all.
        const SQL: &str = "SELECT count(t.path), coalesce(sum(t.rows), 0), coalesce(sum(t.projects), 0), \
               coalesce(sum(t.investment), 0), coalesce(sum(t.with_investment), 0) \
             FROM region r \
             LEFT JOIN region_totals t ON t.path >= r.path AND t.path < substr(r.path, 1, length(r.path) - 1) || '0' \
             WHERE r.id = ?1 GROUP BY r.id";
        let totals: Option<Totals> = self
            .conn()
            .row_opt(SQL, [region.get()], |r| totals_at(r, 1))?;
        totals.ok_or_else(|| crate::Error::not_found(crate::EntityKind::Region, region))
    }

    /// Investment per region down the tree from `root`: each region's own totals and its
    /// subtree's, in depth-first order (children by id). Top-level rows only, so a batch and
    /// its named members count once; a batch declared part of another is inside it; where one
    /// source lists batches on a region that would all fit in the largest and nothing declares
    /// it, the largest is counted alone and the row says so in
    /// [`may_overlap`](RollupRow::may_overlap) (the rule: [`OverlapFlag`]).
    ///
    /// ```
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// planledger::dataset::load_qingdao(&mut ledger)?;
    /// let root = ledger.resolve_region("西海岸新区")?;
    /// let rows = ledger.investment_rollup(root)?;
    /// assert_eq!(rows[0].region.id, root);
    /// let own_sum: i64 = rows.iter().map(|r| r.own.investment.yuan()).sum();
    /// assert_eq!(rows[0].subtree.investment.yuan(), own_sum);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn investment_rollup(&self, root: RegionId) -> Result<Vec<RollupRow>> {
        // Own totals come from region_totals (migration 0003), one row per region, so the cost
        // follows the number of regions in the subtree, not the number of projects.
        const SQL: &str = "SELECT d.id, d.name, d.kind, d.parent_id, d.code, d.valid_from, d.valid_to, \
               coalesce(t.rows, 0), coalesce(t.projects, 0), coalesce(t.investment, 0), coalesce(t.with_investment, 0) \
             FROM region r \
             JOIN region d ON d.path >= r.path AND d.path < substr(r.path, 1, length(r.path) - 1) || '0' \
             LEFT JOIN region_totals t ON t.region_id = d.id \
             WHERE r.id = ?1";
        let rows: Vec<(Stored<RegionId, Region>, Totals)> =
            self.conn().rows(SQL, [root.get()], |r| {
                let region = Region {
                    name: r.get(1)?,
                    kind: parse_col(r, 2)?,
                    parent: r.get(3)?,
                    code: parse_opt(r, 4)?,
                    aliases: Vec::new(),
                    valid_from: parse_opt(r, 5)?,
                    valid_to: parse_opt(r, 6)?,
                };
                Ok((
                    Stored {
                        id: r.get(0)?,
                        value: region,
                    },
                    totals_at(r, 7)?,
                ))
            })?;
        if rows.is_empty() {
            return Err(crate::Error::not_found(crate::EntityKind::Region, root));
        }
        let mut children: HashMap<RegionId, Vec<usize>> = HashMap::new();
        for (i, (r, _)) in rows.iter().enumerate() {
            if let Some(p) = r.parent {
                children.entry(p).or_default().push(i);
            }
        }
        for list in children.values_mut() {
            list.sort_by_key(|&i| rows[i].0.id);
        }
        let root_index = rows.iter().position(|(r, _)| r.id == root).unwrap_or(0);
        // Depth-first: emit pre-order, then fold subtree totals back up in post-order. The
        // schema keeps parents acyclic, but a file can carry links written behind its
        // triggers' back: a region met twice ends the walk with an error instead of a loop.
        let mut order = Vec::with_capacity(rows.len());
        let mut seen = vec![false; rows.len()];
        let mut stack = vec![(root_index, 0usize)];
        while let Some((i, depth)) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                return Err(crate::Error::Corrupt {
                    detail: format!("region {} is its own ancestor", rows[i].0.id),
                });
            }
            order.push((i, depth));
            if let Some(kids) = children.get(&rows[i].0.id) {
                for &k in kids.iter().rev() {
                    stack.push((k, depth + 1));
                }
            }
        }
        // Overlap flags adjust each region's own totals before they are folded up.
        let flags = self.overlap_flags(root)?;
        let mut flags_of: HashMap<RegionId, Vec<&OverlapFlag>> = HashMap::new();
        for f in &flags {
            flags_of.entry(f.region).or_default().push(f);
        }
        let own: Vec<Totals> = rows
            .iter()
            .map(|(r, t)| {
                let mut t = *t;
                if let Some(f) = flags_of.get(&r.id) {
                    set_aside(&mut t, f);
                }
                t
            })
            .collect();
        let mut subtree: Vec<Totals> = own.clone();
        let parent_index: HashMap<RegionId, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, (r, _))| (r.id, i))
            .collect();
        for &(i, _) in order.iter().rev() {
            if i == root_index {
                continue;
            }
            if let Some(p) = rows[i].0.parent.and_then(|p| parent_index.get(&p)) {
                let child = subtree[i];
                subtree[*p].add(&child)?;
            }
        }
        Ok(order
            .into_iter()
            .map(|(i, depth)| RollupRow {
                region: rows[i].0.clone(),
                depth,
                own: own[i],
                subtree: subtree[i],
                may_overlap: flags_of
                    .get(&rows[i].0.id)
                    .map(|f| f.iter().map(|f| (*f).clone()).collect())
                    .unwrap_or_default(),
            })
            .collect())
    }
}
