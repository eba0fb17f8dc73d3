-- Per-region totals of top-level projects (rows without a parent), kept by triggers.
--
-- A subtree rollup then reads one row per region in the subtree's path range instead of every
-- project below it: at a million projects that is the difference between scanning the project
-- table and reading a few thousand small rows. Members of a batch are left out, as in every
-- total, so a batch and its named members count once.

CREATE TABLE region_totals (
    region_id        INTEGER PRIMARY KEY REFERENCES region(id) ON DELETE CASCADE,
    rows             INTEGER NOT NULL DEFAULT 0,
    projects         INTEGER NOT NULL DEFAULT 0,
    investment       INTEGER NOT NULL DEFAULT 0,
    with_investment  INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER region_totals_on_insert AFTER INSERT ON project
WHEN NEW.parent_id IS NULL AND NEW.region_id IS NOT NULL
BEGIN
    INSERT INTO region_totals (region_id, rows, projects, investment, with_investment)
    VALUES (NEW.region_id, 1, NEW.count, coalesce(NEW.investment, 0), NEW.investment IS NOT NULL)
    ON CONFLICT (region_id) DO UPDATE SET
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
    INSERT INTO region_totals (region_id, rows, projects, investment, with_investment)
    SELECT NEW.region_id, 1, NEW.count, coalesce(NEW.investment, 0), NEW.investment IS NOT NULL
    WHERE NEW.parent_id IS NULL AND NEW.region_id IS NOT NULL
    ON CONFLICT (region_id) DO UPDATE SET
        rows = rows + 1,
        projects = projects + excluded.projects,
        investment = investment + excluded.investment,
        with_investment = with_investment + excluded.with_investment;
END;

INSERT INTO region_totals (region_id, rows, projects, investment, with_investment)
SELECT region_id, count(*), sum(count), coalesce(sum(investment), 0), count(investment)
FROM project WHERE parent_id IS NULL AND region_id IS NOT NULL GROUP BY region_id;
