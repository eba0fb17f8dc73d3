-- Canonical metrics on targets and observations; batches declared part of another batch.
--
-- Append-only like every migration: once landed, never edited.
--
-- 1. Canonical metrics. A target keeps its metric as written (生产总值, GDP, 规上工业增加值)
--    and gains `metric_key`, the key of the canonical indicator it names
--    (`planledger::extract::metrics`, data/metrics/indicators.tsv), or NULL when the phrase
--    names no known indicator. The library writes the key on every insert and update, from
--    the same table the extractor reads, so two spellings of one indicator compare; after
--    this migration it fills the key of rows written before it (SQL cannot read the table).
--    Layering, cross-region tables and pledge status read the key where there is one.
--
-- 2. Parts of batches. A batch can be declared part of another top-level batch (a sector
--    batch inside a region's investment pool): `part_of_id`. Totals add rows that have
--    neither a parent (a named member) nor a whole (a declared part), so a pool and its
--    parts count once. The totals triggers of 0003 and the range checks of 0005 are replaced
--    by ones that also leave parts out, and the totals are recomputed.

ALTER TABLE target ADD COLUMN metric_key TEXT
    CONSTRAINT target_metric_key_not_empty CHECK (metric_key IS NULL OR length(trim(metric_key)) > 0);
ALTER TABLE observation ADD COLUMN metric_key TEXT
    CONSTRAINT observation_metric_key_not_empty CHECK (metric_key IS NULL OR length(trim(metric_key)) > 0);
CREATE INDEX target_metric_key_year ON target(metric_key, year) WHERE metric_key IS NOT NULL;
CREATE INDEX observation_metric_key ON observation(metric_key, period) WHERE metric_key IS NOT NULL;

ALTER TABLE project ADD COLUMN part_of_id INTEGER REFERENCES project(id) ON DELETE SET NULL;
CREATE INDEX project_part_of ON project(part_of_id) WHERE part_of_id IS NOT NULL;

-- The whole must be a top-level row other than the part, and not itself a part: one level,
-- so "rows without a parent and without a whole" is exactly what totals add.
CREATE TRIGGER project_part_of_top_level_on_insert BEFORE INSERT ON project
WHEN NEW.part_of_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'project_part_of_top_level')
     WHERE NEW.parent_id IS NOT NULL
        OR NOT EXISTS (SELECT 1 FROM project w WHERE w.id = NEW.part_of_id
                          AND w.parent_id IS NULL AND w.part_of_id IS NULL);
END;

CREATE TRIGGER project_part_of_top_level_on_update BEFORE UPDATE OF part_of_id, parent_id ON project
WHEN NEW.part_of_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'project_part_of_top_level')
     WHERE NEW.parent_id IS NOT NULL OR NEW.part_of_id = NEW.id
        OR NOT EXISTS (SELECT 1 FROM project w WHERE w.id = NEW.part_of_id
                          AND w.parent_id IS NULL AND w.part_of_id IS NULL);
END;

-- A row that has parts cannot become a part itself.
CREATE TRIGGER project_whole_not_part BEFORE UPDATE OF part_of_id ON project
WHEN NEW.part_of_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'project_part_of_top_level')
     WHERE EXISTS (SELECT 1 FROM project p WHERE p.part_of_id = NEW.id);
END;

DROP TRIGGER region_totals_on_insert;
DROP TRIGGER region_totals_on_delete;
DROP TRIGGER region_totals_on_update;
DROP TRIGGER region_totals_range_on_insert;
DROP TRIGGER region_totals_range_on_update;

CREATE TRIGGER region_totals_on_insert AFTER INSERT ON project
WHEN NEW.parent_id IS NULL AND NEW.part_of_id IS NULL AND NEW.region_id IS NOT NULL
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
WHEN OLD.parent_id IS NULL AND OLD.part_of_id IS NULL AND OLD.region_id IS NOT NULL
BEGIN
    UPDATE region_totals SET
        rows = rows - 1,
        projects = projects - OLD.count,
        investment = investment - coalesce(OLD.investment, 0),
        with_investment = with_investment - (OLD.investment IS NOT NULL)
    WHERE region_id = OLD.region_id;
END;

CREATE TRIGGER region_totals_on_update AFTER UPDATE OF region_id, parent_id, part_of_id, count, investment ON project
BEGIN
    UPDATE region_totals SET
        rows = rows - 1,
        projects = projects - OLD.count,
        investment = investment - coalesce(OLD.investment, 0),
        with_investment = with_investment - (OLD.investment IS NOT NULL)
    WHERE OLD.parent_id IS NULL AND OLD.part_of_id IS NULL AND region_id = OLD.region_id;
    INSERT INTO region_totals (path, region_id, rows, projects, investment, with_investment)
    SELECT r.path, r.id, 1, NEW.count, coalesce(NEW.investment, 0), NEW.investment IS NOT NULL
      FROM region r WHERE r.id = NEW.region_id AND NEW.parent_id IS NULL AND NEW.part_of_id IS NULL
    ON CONFLICT (path) DO UPDATE SET
        rows = rows + 1,
        projects = projects + excluded.projects,
        investment = investment + excluded.investment,
        with_investment = with_investment + excluded.with_investment;
END;

CREATE TRIGGER region_totals_range_on_insert BEFORE INSERT ON project
WHEN NEW.parent_id IS NULL AND NEW.part_of_id IS NULL AND NEW.region_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'region_totals_range')
      FROM region_totals t
     WHERE t.region_id = NEW.region_id
       AND (coalesce(NEW.investment, 0) > 9223372036854775807 - t.investment
            OR NEW.count > 9223372036854775807 - t.projects);
END;

CREATE TRIGGER region_totals_range_on_update BEFORE UPDATE OF region_id, parent_id, part_of_id, count, investment ON project
WHEN NEW.parent_id IS NULL AND NEW.part_of_id IS NULL AND NEW.region_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'region_totals_range')
      FROM region_totals t
     WHERE t.region_id = NEW.region_id
       AND (coalesce(NEW.investment, 0) > 9223372036854775807 - (t.investment -
                CASE WHEN OLD.parent_id IS NULL AND OLD.part_of_id IS NULL AND OLD.region_id = NEW.region_id
                     THEN coalesce(OLD.investment, 0) ELSE 0 END)
            OR NEW.count > 9223372036854775807 - (t.projects -
                CASE WHEN OLD.parent_id IS NULL AND OLD.part_of_id IS NULL AND OLD.region_id = NEW.region_id
                     THEN OLD.count ELSE 0 END));
END;

DELETE FROM region_totals;
INSERT INTO region_totals (path, region_id, rows, projects, investment, with_investment)
SELECT r.path, r.id, count(*), sum(p.count), coalesce(sum(p.investment), 0), count(p.investment)
FROM project p JOIN region r ON r.id = p.region_id
WHERE p.parent_id IS NULL AND p.part_of_id IS NULL GROUP BY r.id;
