-- Integrity that 0001–0004 left to the callers.
--
-- Append-only like every migration: once landed, never edited.
--
-- 1. Dates. The GLOB checks of 0001 and 0004 admit any digits: month 13, day 32, year 0000,
--    30 February. One such row made every read of its table fail. These triggers refuse a date
--    that does not exist, whoever writes it, as '<table>_<column>_real_date'. A year is
--    1000..=9999; a month 01..12; a day must be one date() gives back unchanged (SQLite's
--    date() normalises 2023-02-30 to 2023-03-02 and returns NULL for 2023-13-01). Text of
--    another shape is left to the shape checks of 0001 and 0004, which name it.
--
-- 2. Region totals. 0003 adds investments and counts with SQL's '+', which turns an integer
--    overflow into floating point: a region's total became inexact and stayed wrong after the
--    rows were deleted. A write that would take a region's total investment or project count
--    past 2^63 - 1 is refused as 'region_totals_range'; the totals are then recomputed from
--    the rows, which repairs any total an older version let drift.
--
-- 3. Campaign depth. Campaign trees are read back as nested nodes; a chain thousands deep
--    would overflow the stack of whoever builds or drops them. A campaign may sit at most 64
--    levels deep (the root is level 1), on insert and when a move takes its subtree deeper:
--    'campaign_depth'. A path '/1/5/' has one more '/' than it has levels.

CREATE TRIGGER region_real_dates_on_insert BEFORE INSERT ON region
BEGIN
    SELECT RAISE(ABORT, 'region_valid_from_real_date')
     WHERE (NEW.valid_from GLOB '[0-9][0-9][0-9][0-9]' AND NEW.valid_from < '1000')
        OR (NEW.valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.valid_from < '1000' OR substr(NEW.valid_from, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.valid_from < '1000' OR date(NEW.valid_from) IS NOT NEW.valid_from));
    SELECT RAISE(ABORT, 'region_valid_to_real_date')
     WHERE (NEW.valid_to GLOB '[0-9][0-9][0-9][0-9]' AND NEW.valid_to < '1000')
        OR (NEW.valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.valid_to < '1000' OR substr(NEW.valid_to, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.valid_to < '1000' OR date(NEW.valid_to) IS NOT NEW.valid_to));
END;

CREATE TRIGGER region_real_dates_on_update BEFORE UPDATE OF valid_from, valid_to ON region
BEGIN
    SELECT RAISE(ABORT, 'region_valid_from_real_date')
     WHERE (NEW.valid_from GLOB '[0-9][0-9][0-9][0-9]' AND NEW.valid_from < '1000')
        OR (NEW.valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.valid_from < '1000' OR substr(NEW.valid_from, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.valid_from < '1000' OR date(NEW.valid_from) IS NOT NEW.valid_from));
    SELECT RAISE(ABORT, 'region_valid_to_real_date')
     WHERE (NEW.valid_to GLOB '[0-9][0-9][0-9][0-9]' AND NEW.valid_to < '1000')
        OR (NEW.valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.valid_to < '1000' OR substr(NEW.valid_to, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.valid_to < '1000' OR date(NEW.valid_to) IS NOT NEW.valid_to));
END;

CREATE TRIGGER source_real_date_on_insert BEFORE INSERT ON source
BEGIN
    SELECT RAISE(ABORT, 'source_published_real_date')
     WHERE (NEW.published GLOB '[0-9][0-9][0-9][0-9]' AND NEW.published < '1000')
        OR (NEW.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.published < '1000' OR substr(NEW.published, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.published < '1000' OR date(NEW.published) IS NOT NEW.published));
END;

CREATE TRIGGER source_real_date_on_update BEFORE UPDATE OF published ON source
BEGIN
    SELECT RAISE(ABORT, 'source_published_real_date')
     WHERE (NEW.published GLOB '[0-9][0-9][0-9][0-9]' AND NEW.published < '1000')
        OR (NEW.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.published < '1000' OR substr(NEW.published, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.published < '1000' OR date(NEW.published) IS NOT NEW.published));
END;

CREATE TRIGGER holding_real_dates_on_insert BEFORE INSERT ON holding
BEGIN
    SELECT RAISE(ABORT, 'holding_start_date_real_date')
     WHERE (NEW.start_date GLOB '[0-9][0-9][0-9][0-9]' AND NEW.start_date < '1000')
        OR (NEW.start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.start_date < '1000' OR substr(NEW.start_date, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.start_date < '1000' OR date(NEW.start_date) IS NOT NEW.start_date));
    SELECT RAISE(ABORT, 'holding_end_date_real_date')
     WHERE (NEW.end_date GLOB '[0-9][0-9][0-9][0-9]' AND NEW.end_date < '1000')
        OR (NEW.end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.end_date < '1000' OR substr(NEW.end_date, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.end_date < '1000' OR date(NEW.end_date) IS NOT NEW.end_date));
END;

CREATE TRIGGER holding_real_dates_on_update BEFORE UPDATE OF start_date, end_date ON holding
BEGIN
    SELECT RAISE(ABORT, 'holding_start_date_real_date')
     WHERE (NEW.start_date GLOB '[0-9][0-9][0-9][0-9]' AND NEW.start_date < '1000')
        OR (NEW.start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.start_date < '1000' OR substr(NEW.start_date, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.start_date < '1000' OR date(NEW.start_date) IS NOT NEW.start_date));
    SELECT RAISE(ABORT, 'holding_end_date_real_date')
     WHERE (NEW.end_date GLOB '[0-9][0-9][0-9][0-9]' AND NEW.end_date < '1000')
        OR (NEW.end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.end_date < '1000' OR substr(NEW.end_date, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.end_date < '1000' OR date(NEW.end_date) IS NOT NEW.end_date));
END;

CREATE TRIGGER project_real_date_on_insert BEFORE INSERT ON project
BEGIN
    SELECT RAISE(ABORT, 'project_deadline_real_date')
     WHERE (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]' AND NEW.deadline < '1000')
        OR (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.deadline < '1000' OR substr(NEW.deadline, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.deadline < '1000' OR date(NEW.deadline) IS NOT NEW.deadline));
END;

CREATE TRIGGER project_real_date_on_update BEFORE UPDATE OF deadline ON project
BEGIN
    SELECT RAISE(ABORT, 'project_deadline_real_date')
     WHERE (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]' AND NEW.deadline < '1000')
        OR (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.deadline < '1000' OR substr(NEW.deadline, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.deadline < '1000' OR date(NEW.deadline) IS NOT NEW.deadline));
END;

CREATE TRIGGER target_real_date_on_insert BEFORE INSERT ON target
BEGIN
    SELECT RAISE(ABORT, 'target_deadline_real_date')
     WHERE (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]' AND NEW.deadline < '1000')
        OR (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.deadline < '1000' OR substr(NEW.deadline, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.deadline < '1000' OR date(NEW.deadline) IS NOT NEW.deadline));
END;

CREATE TRIGGER target_real_date_on_update BEFORE UPDATE OF deadline ON target
BEGIN
    SELECT RAISE(ABORT, 'target_deadline_real_date')
     WHERE (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]' AND NEW.deadline < '1000')
        OR (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.deadline < '1000' OR substr(NEW.deadline, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.deadline < '1000' OR date(NEW.deadline) IS NOT NEW.deadline));
END;

CREATE TRIGGER observation_real_date_on_insert BEFORE INSERT ON observation
BEGIN
    SELECT RAISE(ABORT, 'observation_period_real_date')
     WHERE (NEW.period GLOB '[0-9][0-9][0-9][0-9]' AND NEW.period < '1000')
        OR (NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.period < '1000' OR substr(NEW.period, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.period < '1000' OR date(NEW.period) IS NOT NEW.period));
END;

CREATE TRIGGER observation_real_date_on_update BEFORE UPDATE OF period ON observation
BEGIN
    SELECT RAISE(ABORT, 'observation_period_real_date')
     WHERE (NEW.period GLOB '[0-9][0-9][0-9][0-9]' AND NEW.period < '1000')
        OR (NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.period < '1000' OR substr(NEW.period, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.period < '1000' OR date(NEW.period) IS NOT NEW.period));
END;

-- target_status rows are never updated (0004 refuses it).
CREATE TRIGGER target_status_real_date BEFORE INSERT ON target_status
BEGIN
    SELECT RAISE(ABORT, 'target_status_as_of_real_date')
     WHERE (NEW.as_of GLOB '[0-9][0-9][0-9][0-9]' AND NEW.as_of < '1000')
        OR (NEW.as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
            AND (NEW.as_of < '1000' OR substr(NEW.as_of, 6, 2) NOT BETWEEN '01' AND '12'))
        OR (NEW.as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            AND (NEW.as_of < '1000' OR date(NEW.as_of) IS NOT NEW.as_of));
END;

-- A new top-level row adds to its region's totals: refuse it if the sum would pass 2^63 - 1.
-- (9223372036854775807 - total cannot overflow: totals are never negative.)
CREATE TRIGGER region_totals_range_on_insert BEFORE INSERT ON project
WHEN NEW.parent_id IS NULL AND NEW.region_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'region_totals_range')
      FROM region_totals t
     WHERE t.region_id = NEW.region_id
       AND (coalesce(NEW.investment, 0) > 9223372036854775807 - t.investment
            OR NEW.count > 9223372036854775807 - t.projects);
END;

-- An update moves a row's figures out of its old region's totals and into its new one's.
CREATE TRIGGER region_totals_range_on_update BEFORE UPDATE OF region_id, parent_id, count, investment ON project
WHEN NEW.parent_id IS NULL AND NEW.region_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'region_totals_range')
      FROM region_totals t
     WHERE t.region_id = NEW.region_id
       AND (coalesce(NEW.investment, 0) > 9223372036854775807 - (t.investment -
                CASE WHEN OLD.parent_id IS NULL AND OLD.region_id = NEW.region_id
                     THEN coalesce(OLD.investment, 0) ELSE 0 END)
            OR NEW.count > 9223372036854775807 - (t.projects -
                CASE WHEN OLD.parent_id IS NULL AND OLD.region_id = NEW.region_id
                     THEN OLD.count ELSE 0 END));
END;

DELETE FROM region_totals;
INSERT INTO region_totals (path, region_id, rows, projects, investment, with_investment)
SELECT r.path, r.id, count(*), sum(p.count), coalesce(sum(p.investment), 0), count(p.investment)
FROM project p JOIN region r ON r.id = p.region_id
WHERE p.parent_id IS NULL GROUP BY r.id;

CREATE TRIGGER campaign_depth_on_insert BEFORE INSERT ON campaign
WHEN NEW.parent_id IS NOT NULL
 AND (SELECT length(p.path) - length(replace(p.path, '/', '')) FROM campaign p
       WHERE p.id = NEW.parent_id) > 64
BEGIN
    SELECT RAISE(ABORT, 'campaign_depth');
END;

CREATE TRIGGER campaign_depth_on_move BEFORE UPDATE OF parent_id ON campaign
WHEN NEW.parent_id IS NOT NULL
 AND (SELECT length(p.path) - length(replace(p.path, '/', '')) FROM campaign p
       WHERE p.id = NEW.parent_id)
     + (SELECT max(length(d.path) - length(replace(d.path, '/', ''))) FROM campaign d
         WHERE d.path >= OLD.path AND d.path < substr(OLD.path, 1, length(OLD.path) - 1) || '0')
     - (length(OLD.path) - length(replace(OLD.path, '/', ''))) > 64
BEGIN
    SELECT RAISE(ABORT, 'campaign_depth');
END;
