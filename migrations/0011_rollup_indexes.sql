-- Covering indexes for the overlap rule of investment_rollup at national scale (#15).
--
-- Append-only like every migration: once landed, never edited.
--
-- Ledger::overlap_flags (applied by every investment_rollup) reads, for each region of the
-- subtree that can hold a pool, every counted project row (top-level, not part of another
-- batch) with its year, count and investment, and the source of its first evidence. 0001's
-- project(region_id, year) and evidence(project_id) found them but left two random table
-- reads per row: on the national ledger, a province's 28,938 rows cost 58k reads of two
-- million-row tables. Each index below replaces 0001's under the same name with the columns
-- the rule reads appended, so the number of indexes a load maintains is unchanged (the bulk
-- path rebuilds project_region_year by name) and every query that used the old prefix can
-- use the new one.

DROP INDEX project_region_year;
CREATE INDEX project_region_year ON project(
    region_id, year, parent_id, part_of_id, count, investment);

-- Ordered by id within a project, so the first evidence is the first entry.
DROP INDEX evidence_project;
CREATE INDEX evidence_project ON evidence(project_id, id, source_id)
    WHERE project_id IS NOT NULL;
