//! The bulk load path: the schema's per-row work on new projects done once per load.
//!
//! Row by row, every project insert fires the search-entry trigger (whose FTS5 write flushes
//! the index's pending terms at each statement's savepoint: a new index segment per row), the
//! region-totals upsert and its overflow check, two check triggers, and four index inserts
//! (five for a declared part).
//! A bulk load instead, inside its one write transaction:
//!
//! 1. sets aside those triggers (and, on an empty project table, the indexes), keeping
//!    their exact SQL as stored in the schema;
//! 2. inserts the rows many per statement ([`project::BULK_ROWS`]), with the ids SQLite would
//!    have given them one by one, returned to the caller as each is accepted (constraints
//!    and foreign keys are still checked per row, when the statement runs; anything else the
//!    transaction reads or writes first writes the rows held back, so it sees them);
//! 3. checks the new rows, set-based, against the rules of the triggers it set aside (same
//!    rule names), writes their search entries with one `INSERT … SELECT`, adds their totals
//!    (summed per region as the rows went in) with one upsert, and rebuilds the indexes it
//!    dropped;
//! 4. recreates the triggers from their stored SQL, checks that the schema is exactly what
//!    the migrations made, and commits.
//!
//! SQLite's schema changes are transactional: an error, a panic or a crash at any step leaves
//! the ledger (schema included) as it was before the load.

use super::sql::storage;
use super::{migrate, project};
use crate::error::{EntityKind, Error, Result};
use crate::model::Project;
use crate::store::conn::{At, ConnExt};
use rusqlite::Connection;
use std::collections::HashMap;

/// Triggers on `project` whose work a bulk load does set-based instead. Each one's rule is
/// checked (or its effect applied) by [`Deferred::finish`].
///
/// Every trigger of the schema that fires on an insert into `project`, and what a bulk load
/// does with it (`bulk_load_accounts_for_every_project_insert_trigger` fails when a migration
/// adds one that is not listed here or in [`KEPT_TRIGGERS`]):
///
/// | trigger (migration) | in a bulk load |
/// |---|---|
/// | `search_project_insert` (0002) | set aside; one `INSERT … SELECT` of the new rows' entries |
/// | `region_totals_on_insert` (0006, replacing 0003's) | set aside; the new rows with neither a parent nor a whole summed per region as they are inserted ([`Deferred::project`]), then one upsert ([`add_totals`]) |
/// | `region_totals_range_on_insert` (0006, replacing 0005's) | set aside; the same overflow refusal, per region, over the sums ([`add_totals`]) |
/// | `project_real_date_on_insert` (0005) | set aside; the same date rule over the new rows ([`check_rules`]) |
/// | `project_member_of_top_level` (0001) | set aside; the same batch rule over the new rows ([`check_rules`]) |
/// | `project_part_of_top_level_on_insert` (0006) | kept: it fires only for declared parts (few) and reads its whole by primary key |
///
/// The other triggers of 0005–0007 need nothing: 0005's date rules on `region`, `source`,
/// `holding`, `target`, `observation` and `target_status` and its campaign depth rules stay in
/// place for those inserts; 0005's `region_totals_range_on_insert/_on_update` were replaced by
/// 0006's; the `…_on_update` and `…_on_delete` triggers on `project` (0005's
/// `project_real_date_on_update`, 0006's `project_part_of_top_level_on_update`,
/// `project_whole_not_part`, `region_totals_on_update/_on_delete`,
/// `region_totals_range_on_update`) never fire, as projects cannot change inside a bulk load;
/// 0007 adds views only. Canonical metric keys (0006) are not a trigger: the library writes
/// `metric_key` with every target and observation it inserts, in a bulk load too.
const DEFERRED_TRIGGERS: &[&str] = &[
    "search_project_insert",
    "region_totals_on_insert",
    "region_totals_range_on_insert",
    "project_real_date_on_insert",
    "project_member_of_top_level",
];

/// Insert triggers on `project` that stay in place during a bulk load (see
/// [`DEFERRED_TRIGGERS`]).
#[cfg_attr(not(test), allow(dead_code))]
const KEPT_TRIGGERS: &[&str] = &["project_part_of_top_level_on_insert"];

/// Indexes on `project`, rebuilt once after a load into an empty table (into a table that
/// holds rows already, rebuilding would cost a pass over all of them, so they are kept).
const DEFERRED_INDEXES: &[&str] = &[
    "project_region_year",
    "project_campaign",
    "project_parent",
    "project_status",
    "project_part_of",
];

/// The new projects' search entries, in id order so that FTS5 appends to its pending terms
/// instead of flushing them at each step back. In order by construction rather than by
/// `ORDER BY`, which sorted every new entry in memory first (~70 MB for a million projects,
/// the peak of a national load): the id ranges are read in order (their table's key) as the
/// outer loop (`CROSS JOIN` keeps it outer), each range's projects in id order.
const SEARCH: &str = "INSERT INTO search_index (rowid, body)
    SELECT p.id * 8 + 2, concat_ws(' ', p.name, p.sector)
      FROM temp.planledger_bulk b CROSS JOIN project p ON p.id BETWEEN b.lo AND b.hi
     WHERE p.name IS NOT NULL OR p.sector IS NOT NULL";

/// The temporary table of the new projects' id ranges.
const IDS: &str =
    "CREATE TEMP TABLE IF NOT EXISTS planledger_bulk (lo INTEGER PRIMARY KEY, hi INTEGER NOT NULL)";

/// What a bulk load set aside, and the projects it inserted.
#[derive(Debug)]
pub(crate) struct Deferred {
    /// Projects accepted by [`Deferred::queue`], with the ids they were given, not yet
    /// written: they go in [`project::BULK_ROWS`] per statement, and before anything else
    /// reads or writes in the transaction ([`Deferred::flush`]).
    pending: Vec<(i64, Project)>,
    /// The id the next queued project gets: the one SQLite would give it (the largest id in
    /// use plus one), read when the first one is queued and after an insert under a chosen id.
    next_id: Option<i64>,
    /// Set when writing queued projects failed: the load cannot commit (their totals and
    /// search entries are counted already), whatever the caller does with the error.
    failed: bool,
    /// `(name, sql)` of each dropped object, recreated in this order.
    dropped: Vec<(String, String)>,
    /// Ids of the projects inserted during the load, as ranges `(lo, hi)` of consecutive ids
    /// in the order they went in (a load's ids are nearly always one run: a few bytes, where
    /// a list of a million ids took 8 MB).
    projects: Vec<(i64, i64)>,
    /// What the new projects add to their regions' totals, by region id, summed as they are
    /// inserted: reading them back and grouping by region would sort every new row (in
    /// memory, as temporary storage is; ~40 MB for a million projects).
    totals: HashMap<i64, Delta>,
}

/// One region's share of a load in `region_totals`' terms. Wide sums, so that a total past
/// 2^63 - 1 is seen and refused rather than wrapped.
#[derive(Debug, Default, Clone, Copy)]
struct Delta {
    rows: i128,
    projects: i128,
    investment: i128,
    with_investment: i128,
}

impl Deferred {
    /// Sets aside the per-row work, inside the caller's open write transaction.
    pub(crate) fn begin(conn: &Connection) -> Result<Deferred> {
        let empty: bool = conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM project)", [], |r| {
                r.get(0)
            })
            .at("SELECT FROM project")?;
        let mut names: Vec<(&str, &str)> =
            DEFERRED_TRIGGERS.iter().map(|n| ("trigger", *n)).collect();
        if empty {
            names.extend(DEFERRED_INDEXES.iter().map(|n| ("index", *n)));
        }
        const SQL: &str = "SELECT sql FROM sqlite_master WHERE type = ?1 AND name = ?2";
        let mut dropped = Vec::with_capacity(names.len());
        for (kind, name) in names {
            let sql: String = conn.row(SQL, [kind, name], |r| r.get(0))?;
            // Names come from the constants above, never from input.
            let drop = format!("DROP {} {name}", kind.to_uppercase());
            conn.exec_batch(&drop)?;
            dropped.push((name.to_string(), sql));
        }
        Ok(Deferred {
            pending: Vec::with_capacity(project::BULK_ROWS),
            next_id: None,
            failed: false,
            dropped,
            projects: Vec::new(),
            totals: HashMap::new(),
        })
    }

    /// Accepts a new project and returns its id, writing it later with others in one
    /// statement (or at once, in the unlikely case that SQLite would choose a random id).
    pub(crate) fn queue(&mut self, conn: &Connection, p: &Project) -> Result<i64> {
        self.usable()?;
        project::check(p)?;
        let id = match self.next_id {
            Some(id) => id,
            None => {
                const MAX: &str = "SELECT max(id) FROM project";
                let max: Option<i64> = conn.row(MAX, [], |r| r.get(0))?;
                max.unwrap_or(0).saturating_add(1)
            }
        };
        if id == i64::MAX {
            // Past the largest id SQLite picks a free one at random: let it.
            self.flush(conn)?;
            let id = super::entity::insert(conn, p)?.get();
            self.inserted(id, p);
            return Ok(id);
        }
        self.pending.push((id, p.clone()));
        self.next_id = Some(id + 1);
        self.project(id, p);
        if self.pending.len() == project::BULK_ROWS {
            self.flush(conn)?;
        }
        Ok(id)
    }

    /// Notes a project inserted under a chosen id (after [`Deferred::flush`]).
    pub(crate) fn inserted(&mut self, id: i64, p: &Project) {
        self.project(id, p);
        self.next_id = None;
    }

    /// Writes the queued projects.
    pub(crate) fn flush(&mut self, conn: &Connection) -> Result<()> {
        self.usable()?;
        if self.pending.is_empty() {
            return Ok(());
        }
        let written = project::insert_many(conn, &self.pending);
        self.pending.clear();
        self.failed = written.is_err();
        written
    }

    /// Refuses to go on after queued projects failed to be written.
    fn usable(&self) -> Result<()> {
        if self.failed {
            return Err(Error::invalid(
                "project",
                "an earlier project of this bulk load was refused; the load cannot continue",
            ));
        }
        Ok(())
    }

    /// Notes a project inserted during the load, as stored. Rows that count in totals are
    /// those 0006's `region_totals_on_insert` adds: neither a member of a batch nor a
    /// declared part of one, with a region.
    fn project(&mut self, id: i64, p: &Project) {
        match self.projects.last_mut() {
            Some((_, hi)) if *hi + 1 == id => *hi = id,
            _ => self.projects.push((id, id)),
        }
        if let (None, None, Some(region)) = (p.parent, p.part_of, p.region) {
            let d = self.totals.entry(region.get()).or_default();
            d.rows += 1;
            d.projects += i128::from(p.count);
            if let Some(money) = p.investment {
                d.investment += i128::from(money.yuan());
                d.with_investment += 1;
            }
        }
    }

    /// Checks and maintains, set-based, what the set-aside triggers and indexes would have
    /// done for each new project, then puts them back exactly as they were.
    pub(crate) fn finish(mut self, conn: &Connection) -> Result<()> {
        self.flush(conn)?;
        self.load_ids(conn)?;
        check_rules(conn)?;
        conn.exec(SEARCH, [])?;
        add_totals(conn, &self.totals)?;
        for (name, sql) in &self.dropped {
            conn.execute_batch(sql)
                .map_err(|e| storage(&format!("recreate {name}"))(e))?;
        }
        conn.exec_batch("DROP TABLE temp.planledger_bulk")?;
        // The schema check at open compares every object's SQL: make sure, before committing,
        // that what was set aside came back identical.
        migrate::verify_schema(conn)
    }

    /// The new projects' ids, as ranges of consecutive ids, into a temporary table (not part
    /// of the ledger's schema; gone with the connection).
    fn load_ids(&mut self, conn: &Connection) -> Result<()> {
        conn.exec_batch(IDS)?;
        conn.exec_batch("DELETE FROM temp.planledger_bulk")?;
        // Ranges never overlap (ids are unique); sorted, touching ones merge.
        self.projects.sort_unstable();
        const INSERT: &str = "INSERT INTO temp.planledger_bulk (lo, hi) VALUES (?1, ?2)";
        let mut stmt = conn.prepare(INSERT).at(INSERT)?;
        let mut ranges = self.projects.iter().copied();
        if let Some((mut lo, mut hi)) = ranges.next() {
            for (next_lo, next_hi) in ranges {
                if next_lo == hi + 1 {
                    hi = next_hi;
                } else {
                    stmt.execute([lo, hi]).at(INSERT)?;
                    (lo, hi) = (next_lo, next_hi);
                }
            }
            stmt.execute([lo, hi]).at(INSERT)?;
        }
        Ok(())
    }
}

fn refused(rule: &str) -> Error {
    Error::Constraint {
        entity: EntityKind::Project,
        rule: rule.to_string(),
    }
}

/// The rules of the check triggers set aside (0001's batch rule, 0005's real dates), over the
/// new rows at once. No project changes during a load except by insert, so a row's parent is
/// what it was when the row went in.
fn check_rules(conn: &Connection) -> Result<()> {
    const CHECKS: &[(&str, &str)] = &[
        (
            "project_deadline_real_date",
            "SELECT EXISTS (SELECT 1 FROM temp.planledger_bulk b JOIN project p ON p.id BETWEEN b.lo AND b.hi
              WHERE (p.deadline GLOB '[0-9][0-9][0-9][0-9]' AND p.deadline < '1000')
                 OR (p.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                     AND (p.deadline < '1000' OR substr(p.deadline, 6, 2) NOT BETWEEN '01' AND '12'))
                 OR (p.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                     AND (p.deadline < '1000' OR date(p.deadline) IS NOT p.deadline)))",
        ),
        (
            "project_batch_is_top_level",
            "SELECT EXISTS (SELECT 1 FROM temp.planledger_bulk b JOIN project p ON p.id BETWEEN b.lo AND b.hi
                JOIN project q ON q.id = p.parent_id
              WHERE q.parent_id IS NOT NULL)",
        ),
    ];
    for (rule, sql) in CHECKS {
        let broken: bool = conn.row(sql, [], |r| r.get(0))?;
        if broken {
            return Err(refused(rule));
        }
    }
    Ok(())
}

/// Adds the new rows that count in totals (neither a member of a batch nor a declared part of
/// one, as 0006's trigger) to their regions' totals, refusing (as `region_totals_range`, like
/// the row-by-row trigger) a load that would take a total past 2^63 - 1.
fn add_totals(conn: &Connection, totals: &HashMap<i64, Delta>) -> Result<()> {
    const CREATE: &str =
        "CREATE TEMP TABLE planledger_bulk_totals (region_id INTEGER PRIMARY KEY, \
        rows INTEGER NOT NULL, projects INTEGER NOT NULL, investment INTEGER NOT NULL, \
        with_investment INTEGER NOT NULL)";
    conn.exec_batch(CREATE)?;
    const INSERT: &str = "INSERT INTO temp.planledger_bulk_totals \
        (region_id, rows, projects, investment, with_investment) VALUES (?1, ?2, ?3, ?4, ?5)";
    {
        let mut stmt = conn.prepare(INSERT).at(INSERT)?;
        let fit = |n: i128| i64::try_from(n).map_err(|_| refused("region_totals_range"));
        // In key order: appends to the temporary table's B-tree.
        let mut regions: Vec<(&i64, &Delta)> = totals.iter().collect();
        regions.sort_unstable_by_key(|(region, _)| **region);
        for (region, d) in regions {
            stmt.execute([
                *region,
                fit(d.rows)?,
                fit(d.projects)?,
                fit(d.investment)?,
                fit(d.with_investment)?,
            ])
            .at(INSERT)?;
        }
    }
    const RANGE: &str = "SELECT EXISTS (SELECT 1 FROM temp.planledger_bulk_totals d
        JOIN region_totals t ON t.region_id = d.region_id
        WHERE d.investment > 9223372036854775807 - t.investment
           OR d.projects > 9223372036854775807 - t.projects)";
    let over: bool = conn.row(RANGE, [], |r| r.get(0))?;
    if over {
        return Err(refused("region_totals_range"));
    }
    const UPSERT: &str =
        "INSERT INTO region_totals (path, region_id, rows, projects, investment, with_investment)
        SELECT r.path, r.id, d.rows, d.projects, d.investment, d.with_investment
          FROM temp.planledger_bulk_totals d JOIN region r ON r.id = d.region_id
         WHERE true
        ON CONFLICT (path) DO UPDATE SET
            rows = rows + excluded.rows,
            projects = projects + excluded.projects,
            investment = investment + excluded.investment,
            with_investment = with_investment + excluded.with_investment";
    conn.exec(UPSERT, [])?;
    conn.exec_batch("DROP TABLE temp.planledger_bulk_totals")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;

    fn names(ledger: &Ledger, sql: &str) -> Vec<String> {
        let mut stmt = ledger.conn().prepare(sql).unwrap();
        let mut out: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        out.sort();
        out
    }

    /// A migration that adds an insert trigger or an index on `project` must say what a bulk
    /// load does with it: otherwise its work would silently be skipped or paid per row.
    #[test]
    fn bulk_load_accounts_for_every_project_insert_trigger() {
        let ledger = Ledger::open_in_memory().unwrap();
        let found = names(
            &ledger,
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'project' \
             AND upper(sql) LIKE '%INSERT ON PROJECT%'",
        );
        let mut listed: Vec<String> = DEFERRED_TRIGGERS
            .iter()
            .chain(KEPT_TRIGGERS)
            .map(|s| s.to_string())
            .collect();
        listed.sort();
        assert_eq!(found, listed);
        let found = names(
            &ledger,
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'project' \
             AND sql IS NOT NULL",
        );
        let mut listed: Vec<String> = DEFERRED_INDEXES.iter().map(|s| s.to_string()).collect();
        listed.sort();
        assert_eq!(found, listed);
    }

    /// The search entries of a load go in without a sort (a million of them sorted in memory
    /// was the peak of a national load).
    #[test]
    fn search_entries_are_written_in_id_order_without_sorting() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        conn.execute_batch(IDS).unwrap();
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {SEARCH}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map([], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(plan.first().map(String::as_str), Some("SCAN b"), "{plan:?}");
        assert!(
            plan.iter().all(|step| !step.contains("TEMP B-TREE")),
            "{plan:?}"
        );
    }
}
