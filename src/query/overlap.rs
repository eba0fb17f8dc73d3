//! Batches that may overlap though nothing says so: a region's investment pool and the sector
//! batches the same text lists beside it, none declared part of the other.
//!
//! The rule is documented on [`OverlapFlag`], the type users see.

use super::Totals;
use crate::error::Result;
use crate::model::{Money, ProjectId, RegionId, SourceId};
use crate::store::conn::At;
use crate::Ledger;
use serde::{Deserialize, Serialize};

/// One group of batches that may overlap though nothing says so.
///
/// # The rule
///
/// Only rows that totals add are looked at: top-level rows (not a named member of a batch) not
/// declared part of another batch. They are grouped by **region, year (an unknown year is
/// its own value) and source** (the source of the row's first evidence; a row without evidence
/// is never grouped). In a group of two or more rows, the row with the largest stated
/// investment (ties: the lower id) is a **candidate pool** when
///
/// - it is a batch (`count ≥ 2`),
/// - its investment is at least the sum of the other rows' stated investments, and
/// - its project count is at least the sum of the other rows' counts,
///
/// that is, when everything else the text lists would fit inside it. Then the group **may
/// overlap**: [`investment_rollup`](crate::Ledger::investment_rollup) counts the pool alone
/// and sets the other rows aside, and the flag says what was set aside, so nothing is dropped
/// silently. Declaring
/// the parts ([`Project::part_of`](crate::model::Project::part_of)) settles the question and
/// the flag goes. The flag is a "may": separate batches that happen to fit are flagged too,
/// and the reader decides. [`subtree_totals`](crate::Ledger::subtree_totals) (the fast figure
/// from maintained totals) and [`project_totals`](crate::Ledger::project_totals) (a filtered
/// sum over rows) count the declared structure and do not apply the rule.
///
/// Cost: the rule reads the counted rows of every region that can hold a pool, so it follows
/// the projects, not only the regions: one step along a covering index and one seek for the
/// first evidence's source per row (migration 0011). A province of the national benchmark
/// ledger (1,287 regions, 28,938 such rows) takes about 190 M instructions, 90–130 ms on a
/// loaded two-core machine.
///
/// Batches that cannot all fit in the largest one (their sum exceeds it in money or in
/// count) are taken as separate and added as before: a rule that guessed there too would hide
/// real investment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverlapFlag {
    /// The region the batches are recorded on.
    pub region: RegionId,
    /// The source that lists them.
    pub source: SourceId,
    /// Their year, if stated.
    pub year: Option<i32>,
    /// The candidate pool: the batch totals count.
    pub pool: ProjectId,
    /// The other rows of the group, set aside (ascending id).
    pub set_aside: Vec<ProjectId>,
    /// What the set-aside rows would have added.
    pub set_aside_totals: Totals,
}

/// One top-level row as the rule reads it.
#[derive(Clone)]
struct Row {
    id: ProjectId,
    count: u64,
    investment: Option<Money>,
}

/// The flags of one group, if its largest row is a candidate pool.
fn flag(rows: &[Row]) -> Result<Option<(ProjectId, Vec<ProjectId>, Totals)>> {
    if rows.len() < 2 {
        return Ok(None);
    }
    // Largest stated investment; ties go to the lower id (rows come in id order).
    let Some(pool) = rows.iter().filter(|r| r.investment.is_some()).fold(
        None,
        |best: Option<&Row>, r| match best {
            Some(b) if b.investment >= r.investment => Some(b),
            _ => Some(r),
        },
    ) else {
        return Ok(None);
    };
    let mut others = Totals::default();
    let mut ids = Vec::new();
    for r in rows.iter().filter(|r| r.id != pool.id) {
        others.add(&Totals {
            rows: 1,
            projects: r.count,
            investment: r.investment.unwrap_or(Money::ZERO),
            with_investment: u64::from(r.investment.is_some()),
        })?;
        ids.push(r.id);
    }
    let fits = pool.count >= 2
        && pool.investment.unwrap_or(Money::ZERO) >= others.investment
        && pool.count >= others.projects;
    Ok(fits.then_some((pool.id, ids, others)))
}

impl Ledger {
    /// The groups of batches in `root`'s subtree that may overlap, by [the rule](OverlapFlag): region
    /// (in id order), then source, then year. [`investment_rollup`](Ledger::investment_rollup)
    /// counts each group's pool alone.
    ///
    /// ```
    /// use planledger::model::*;
    /// let mut ledger = planledger::Ledger::open_in_memory()?;
    /// let town = ledger.insert(&Region::new("泊里镇", RegionKind::Town))?;
    /// let report = ledger.insert(&Source::titled("2021 work report"))?;
    /// let yi = |n: i64| Money::from_yuan(n * 100_000_000);
    /// let mut pool = Project::batch(12).with_investment(yi(100)?);
    /// pool.region = Some(town);
    /// pool.year = Some(2021);
    /// let mut sector = Project::batch(4).with_investment(yi(30)?);
    /// sector.region = Some(town);
    /// sector.year = Some(2021);
    /// let mut ids = Vec::new();
    /// for p in [&pool, &sector] {
    ///     let id = ledger.insert(p)?;
    ///     ledger.insert(&Evidence {
    ///         fact: FactRef::Project(id),
    ///         source: report,
    ///         span: Span::new(0, 0)?,
    ///         method: Method::Manual,
    ///     })?;
    ///     ids.push(id);
    /// }
    /// let flags = ledger.overlap_flags(town)?;
    /// assert_eq!(flags.len(), 1);
    /// assert_eq!((flags[0].pool, flags[0].set_aside.clone()), (ids[0], vec![ids[1]]));
    /// // The rollup counts the pool's 100亿, not 130亿, and says why.
    /// let row = &ledger.investment_rollup(town)?[0];
    /// assert_eq!(row.own.investment, yi(100)?);
    /// assert_eq!(row.may_overlap, flags);
    /// # Ok::<(), planledger::Error>(())
    /// ```
    pub fn overlap_flags(&self, root: RegionId) -> Result<Vec<OverlapFlag>> {
        // Every top-level row of the subtree with its first source; the rule is applied in
        // Rust. Only regions that can hold a pool are read: two counted rows or more, one of
        // them a batch (more projects than rows), which region_totals already knows. Still,
        // the cost follows the rows of those regions, not only the number of regions: each
        // row is one step along project_region_year and one seek into evidence_project, both
        // covering (migration 0011). No ORDER BY: the rows are sorted into groups below,
        // which costs less than SQLite's sorter over every row.
        const SQL: &str = "SELECT p.id, p.region_id, p.year, p.count, p.investment, \
               (SELECT e.source_id FROM evidence e WHERE e.project_id = p.id ORDER BY e.id LIMIT 1) \
             FROM region r \
             JOIN region d ON d.path >= r.path AND d.path < substr(r.path, 1, length(r.path) - 1) || '0' \
             JOIN region_totals t ON t.region_id = d.id AND t.rows >= 2 AND t.projects > t.rows \
             JOIN project p ON p.region_id = d.id \
             WHERE r.id = ?1 AND p.parent_id IS NULL AND p.part_of_id IS NULL";
        type Key = (RegionId, SourceId, Option<i32>);
        let mut rows: Vec<(Key, Row)> = Vec::new();
        {
            let conn = self.conn();
            let mut stmt = conn.prepare_cached(SQL).at(SQL)?;
            let read = stmt
                .query_map([root.get()], |r| {
                    Ok((
                        r.get::<_, ProjectId>(0)?,
                        r.get::<_, RegionId>(1)?,
                        r.get::<_, Option<i32>>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                        r.get::<_, Option<SourceId>>(5)?,
                    ))
                })
                .at(SQL)?;
            for row in read {
                let (id, region, year, count, investment, source) = row.at(SQL)?;
                let Some(source) = source else { continue };
                rows.push((
                    (region, source, year),
                    Row {
                        id,
                        // The schema keeps count ≥ 1 and investment ≥ 0.
                        count: u64::try_from(count).unwrap_or(0),
                        investment: investment.map(Money::from_yuan).transpose()?,
                    },
                ));
            }
        }
        // Groups in key order, each group's rows in id order (the rule's tie-break).
        rows.sort_unstable_by_key(|(key, row)| (*key, row.id));
        // A group of one row never flags (see `flag`).
        let groups = rows
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|g| g.len() >= 2)
            .map(|g| {
                let rows: Vec<Row> = g.iter().map(|(_, r)| r.clone()).collect();
                (g[0].0, rows)
            });
        let mut out = Vec::new();
        for ((region, source, year), rows) in groups {
            if let Some((pool, set_aside, set_aside_totals)) = flag(&rows)? {
                out.push(OverlapFlag {
                    region,
                    source,
                    year,
                    pool,
                    set_aside,
                    set_aside_totals,
                });
            }
        }
        Ok(out)
    }
}
