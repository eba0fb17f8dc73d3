-- Per-region totals of top-level projects (rows without a parent), kept by triggers.
--
-- A subtree rollup then reads the subtree's rows of this table instead of every project below
-- it. The table is keyed by the region's materialized path (WITHOUT ROWID, so rows are stored
-- in path order): a whole subtree's totals are one contiguous range, read without a lookup per
-- region. Members of a batch are left out, as in every total, so a batch and its named members
-- count once.

CREATE TABLE region_totals (
    path             TEXT PRIMARY KEY,
    region_id        INTEGER NOT NULL UNIQUE REFERENCES region(id) ON DELETE CASCADE,
    rows             INTEGER NOT NULL DEFAULT 0,
    projects         INTEGER NOT NULL DEFAULT 0,
    investment       INTEGER NOT NULL DEFAULT 0,
    with_investment  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TRIGGER region_totals_on_insert AFTER INSERT ON project
WHEN NEW.parent_id IS NULL AND NEW.region_id IS NOT NULL
BEGIN
    INSERT INTO region_totals (path, region_id, rows, projects, investment, with_investment)
    SELECT r.path, r.id, 1, NEW.count, coalesce(NEW.investment, 0), NEW.investment IS NOT NULL
      FROM region r WHERE r.id = NEW.region_id
    ON CONFLICT (path) DO UPDATE SET
        rows = rows + 1,
        projects = projects + excluded.projects,
        investment = investment + excluded.investment,
        with_investment = with_investment + excluded.with_investment;
END;

CREATE TRIGGER region_totals_on_delete AFTER DELETE ON project
WHEN OLD.parent_id IS NULL AND OLD.region_id IS NOT NULL
BEGIN
    UPDATE region_totals SET
        rows = rows - 1,
        projects = projects - OLD.count,
        investment = investment - coalesce(OLD.investment, 0),
        with_investment = with_investment - (OLD.investment IS NOT NULL)
    WHERE region_id = OLD.region_id;
END;

CREATE TRIGGER region_totals_on_update AFTER UPDATE OF region_id, parent_id, count, investment ON project
BEGIN
    UPDATE region_totals SET
        rows = rows - 1,
        projects = projects - OLD.count,
        investment = investment - coalesce(OLD.investment, 0),
        with_investment = with_investment - (OLD.investment IS NOT NULL)
    WHERE OLD.parent_id IS NULL AND region_id = OLD.region_id;
    INSERT INTO region_totals (path, region_id, rows, projects, investment, with_investment)
    SELECT r.path, r.id, 1, NEW.count, coalesce(NEW.investment, 0), NEW.investment IS NOT NULL
      FROM region r WHERE r.id = NEW.region_id AND NEW.parent_id IS NULL
    ON CONFLICT (path) DO UPDATE SET
        rows = rows + 1,
        projects = projects + excluded.projects,
        investment = investment + excluded.investment,
        with_investment = with_investment + excluded.with_investment;
END;

-- A region that moves takes its totals' key along (the move trigger of 0001 rewrites the paths
-- of the whole subtree, one row at a time, and each rewrite fires this).
CREATE TRIGGER region_totals_follow_path AFTER UPDATE OF path ON region
WHEN NEW.path IS NOT OLD.path
BEGIN
    UPDATE region_totals SET path = NEW.path WHERE region_id = NEW.id;
END;

INSERT INTO region_totals (path, region_id, rows, projects, investment, with_investment)
SELECT r.path, r.id, count(*), sum(p.count), coalesce(sum(p.investment), 0), count(p.investment)
FROM project p JOIN region r ON r.id = p.region_id
WHERE p.parent_id IS NULL GROUP BY r.id;
