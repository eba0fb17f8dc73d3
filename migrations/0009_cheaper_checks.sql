-- The same rules as 0001 and 0004, cheaper to check on every insert (#15).
--
-- Append-only like every migration: once landed, never edited.
--
-- SQLite codes `x IN ('a', 'b', 'c', …)` (more than two constants) by building an ephemeral
-- index of the list; in a query that happens once per statement, but inside a CHECK
-- constraint once per evaluation, i.e. for every row written. The CHECKs below said which
-- words a column accepts that way: about two thirds of the time a bulk load of projects spent
-- inserting rows. Each is rewritten as `x = 'a' OR x = 'b' OR …`, which accepts exactly the
-- same values (NULL gives NULL, which a CHECK lets through, as before; the comparisons use the
-- column's affinity and collation, as `IN` did) and is refused under the same constraint name.
--
-- A CHECK cannot be altered in place: each table is rebuilt (SQLite's procedure for schema
-- changes ALTER TABLE cannot make). The migration runner runs this file with foreign keys
-- off (else dropping the old table would delete the rows that reference it: its implicit
-- DELETE fires ON DELETE CASCADE) and with legacy renaming (views and triggers that name the
-- table keep its name, which is the new table's once renamed); it recreates each table's
-- indexes and triggers from their stored SQL afterwards and runs `PRAGMA foreign_key_check`
-- before committing (migrate::REBUILDS). Ids are copied, so every reference, search entry
-- (keyed by id) and total stays as it was. Columns keep their order; the comments 0001 kept
-- inside the table definitions are left out (the schema is parsed at every open).

CREATE TABLE region_0009 (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CONSTRAINT region_name_not_empty CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL CONSTRAINT region_kind_known CHECK (
                    kind = 'country' OR kind = 'province' OR kind = 'prefecture'
                    OR kind = 'district' OR kind = 'county' OR kind = 'county_level_city'
                    OR kind = 'new_area' OR kind = 'town' OR kind = 'township'
                    OR kind = 'subdistrict' OR kind = 'economic_zone'
                    OR kind = 'development_zone' OR kind = 'park' OR kind = 'village'),
    parent_id   INTEGER REFERENCES region(id) ON DELETE RESTRICT,
    code        TEXT CONSTRAINT region_code_format CHECK (code IS NULL OR (
                    (length(code) = 6 OR length(code) = 9 OR length(code) = 12)
                    AND code NOT GLOB '*[^0-9]*')),
    valid_from  TEXT CONSTRAINT region_valid_from_date CHECK (valid_from IS NULL OR
                    valid_from GLOB '[0-9][0-9][0-9][0-9]' OR
                    valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                    valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_to    TEXT CONSTRAINT region_valid_to_date CHECK (valid_to IS NULL OR
                    valid_to GLOB '[0-9][0-9][0-9][0-9]' OR
                    valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                    valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    path        TEXT NOT NULL DEFAULT '',
    CONSTRAINT region_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id),
    CONSTRAINT region_validity_ordered CHECK (
        valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to || '~')
);
INSERT INTO region_0009 (id, name, kind, parent_id, code, valid_from, valid_to, path)
SELECT id, name, kind, parent_id, code, valid_from, valid_to, path FROM region;
DROP TABLE region;
ALTER TABLE region_0009 RENAME TO region;

CREATE TABLE campaign_0009 (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CONSTRAINT campaign_name_not_empty CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL CONSTRAINT campaign_kind_known CHECK (
                    kind = 'themed_year' OR kind = 'battle' OR kind = 'action'
                    OR kind = 'program' OR kind = 'slogan'),
    region_id   INTEGER REFERENCES region(id) ON DELETE RESTRICT,
    year        INTEGER CONSTRAINT campaign_year_range CHECK (year IS NULL OR year BETWEEN 1000 AND 9999),
    parent_id   INTEGER REFERENCES campaign(id) ON DELETE RESTRICT,
    ordinal     INTEGER CONSTRAINT campaign_ordinal_positive CHECK (ordinal IS NULL OR ordinal >= 1),
    path        TEXT NOT NULL DEFAULT '',
    CONSTRAINT campaign_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
INSERT INTO campaign_0009 (id, name, kind, region_id, year, parent_id, ordinal, path)
SELECT id, name, kind, region_id, year, parent_id, ordinal, path FROM campaign;
DROP TABLE campaign;
ALTER TABLE campaign_0009 RENAME TO campaign;

CREATE TABLE project_0009 (
    id              INTEGER PRIMARY KEY,
    name            TEXT CONSTRAINT project_name_not_empty CHECK (name IS NULL OR length(trim(name)) > 0),
    region_id       INTEGER REFERENCES region(id) ON DELETE RESTRICT,
    count           INTEGER NOT NULL DEFAULT 1 CONSTRAINT project_count_positive CHECK (count >= 1),
    investment      INTEGER CONSTRAINT project_investment_non_negative CHECK (investment IS NULL OR investment >= 0),
    investment_cmp  TEXT NOT NULL DEFAULT 'eq' CONSTRAINT project_comparator_known CHECK (
                        investment_cmp = 'eq' OR investment_cmp = 'over' OR investment_cmp = 'at_least'
                        OR investment_cmp = 'about' OR investment_cmp = 'at_most'),
    status          TEXT CONSTRAINT project_status_known CHECK (status IS NULL
                        OR status = 'planned' OR status = 'signed' OR status = 'started'
                        OR status = 'under_construction' OR status = 'completed'
                        OR status = 'in_operation' OR status = 'cancelled'),
    sector          TEXT,
    year            INTEGER CONSTRAINT project_year_range CHECK (year IS NULL OR year BETWEEN 1000 AND 9999),
    deadline        TEXT CONSTRAINT project_deadline_date CHECK (deadline IS NULL OR
                        deadline GLOB '[0-9][0-9][0-9][0-9]' OR
                        deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                        deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    campaign_id     INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    parent_id       INTEGER REFERENCES project(id) ON DELETE RESTRICT,
    part_of_id      INTEGER REFERENCES project(id) ON DELETE SET NULL,
    CONSTRAINT project_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
INSERT INTO project_0009 (id, name, region_id, count, investment, investment_cmp, status, sector,
                          year, deadline, campaign_id, parent_id, part_of_id)
SELECT id, name, region_id, count, investment, investment_cmp, status, sector,
       year, deadline, campaign_id, parent_id, part_of_id FROM project;
DROP TABLE project;
ALTER TABLE project_0009 RENAME TO project;

CREATE TABLE target_0009 (
    id           INTEGER PRIMARY KEY,
    region_id    INTEGER REFERENCES region(id) ON DELETE RESTRICT,
    metric       TEXT NOT NULL CONSTRAINT target_metric_not_empty CHECK (length(trim(metric)) > 0),
    measure      TEXT NOT NULL CONSTRAINT target_measure_known CHECK (
                     measure = 'level' OR measure = 'growth' OR measure = 'share'),
    value_e4     INTEGER NOT NULL,
    unit         TEXT NOT NULL CONSTRAINT target_unit_not_empty CHECK (length(trim(unit)) > 0),
    comparator   TEXT NOT NULL DEFAULT 'eq' CONSTRAINT target_comparator_known CHECK (
                     comparator = 'eq' OR comparator = 'over' OR comparator = 'at_least'
                     OR comparator = 'about' OR comparator = 'at_most'),
    year         INTEGER CONSTRAINT target_year_range CHECK (year IS NULL OR year BETWEEN 1000 AND 9999),
    deadline     TEXT CONSTRAINT target_deadline_date CHECK (deadline IS NULL OR
                     deadline GLOB '[0-9][0-9][0-9][0-9]' OR
                     deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                     deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    campaign_id  INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    owner_id     INTEGER REFERENCES person(id) ON DELETE SET NULL,
    metric_key   TEXT CONSTRAINT target_metric_key_not_empty CHECK (metric_key IS NULL OR length(trim(metric_key)) > 0),
    CONSTRAINT target_money_non_negative CHECK (unit <> 'yuan' OR measure <> 'level' OR value_e4 >= 0)
);
INSERT INTO target_0009 (id, region_id, metric, measure, value_e4, unit, comparator, year,
                         deadline, campaign_id, owner_id, metric_key)
SELECT id, region_id, metric, measure, value_e4, unit, comparator, year,
       deadline, campaign_id, owner_id, metric_key FROM target;
DROP TABLE target;
ALTER TABLE target_0009 RENAME TO target;

CREATE TABLE observation_0009 (
    id           INTEGER PRIMARY KEY,
    region_id    INTEGER REFERENCES region(id) ON DELETE RESTRICT,
    metric       TEXT NOT NULL CONSTRAINT observation_metric_not_empty CHECK (length(trim(metric)) > 0),
    measure      TEXT NOT NULL CONSTRAINT observation_measure_known CHECK (
                     measure = 'level' OR measure = 'growth' OR measure = 'share'),
    value_e4     INTEGER NOT NULL,
    unit         TEXT NOT NULL CONSTRAINT observation_unit_not_empty CHECK (length(trim(unit)) > 0),
    comparator   TEXT NOT NULL DEFAULT 'eq' CONSTRAINT observation_comparator_known CHECK (
                     comparator = 'eq' OR comparator = 'over' OR comparator = 'at_least'
                     OR comparator = 'about' OR comparator = 'at_most'),
    period       TEXT CONSTRAINT observation_period_date CHECK (period IS NULL OR
                     period GLOB '[0-9][0-9][0-9][0-9]' OR
                     period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                     period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    target_id    INTEGER REFERENCES target(id) ON DELETE SET NULL,
    campaign_id  INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    metric_key   TEXT CONSTRAINT observation_metric_key_not_empty CHECK (metric_key IS NULL OR length(trim(metric_key)) > 0),
    CONSTRAINT observation_money_non_negative CHECK (unit <> 'yuan' OR measure <> 'level' OR value_e4 >= 0)
);
INSERT INTO observation_0009 (id, region_id, metric, measure, value_e4, unit, comparator, period,
                              target_id, campaign_id, metric_key)
SELECT id, region_id, metric, measure, value_e4, unit, comparator, period,
       target_id, campaign_id, metric_key FROM observation;
DROP TABLE observation;
ALTER TABLE observation_0009 RENAME TO observation;

CREATE TABLE target_status_0009 (
    id              INTEGER PRIMARY KEY,
    target_id       INTEGER NOT NULL REFERENCES target(id) ON DELETE RESTRICT,
    as_of           TEXT NOT NULL CONSTRAINT target_status_as_of_date CHECK (
                        as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status          TEXT NOT NULL CONSTRAINT target_status_known CHECK (
                        status = 'achieved' OR status = 'on_track' OR status = 'at_risk'
                        OR status = 'missed' OR status = 'no_data'),
    previous        TEXT CONSTRAINT target_status_previous_known CHECK (previous IS NULL
                        OR previous = 'achieved' OR previous = 'on_track' OR previous = 'at_risk'
                        OR previous = 'missed' OR previous = 'no_data'),
    rule            TEXT NOT NULL CONSTRAINT target_status_rule_not_empty CHECK (length(trim(rule)) > 0),
    observation_id  INTEGER REFERENCES observation(id) ON DELETE RESTRICT,
    observed_e4     INTEGER,
    progress_e4     INTEGER,
    elapsed_e4      INTEGER,
    CONSTRAINT target_status_changes CHECK (previous IS NULL OR previous <> status),
    CONSTRAINT target_status_observed_value CHECK ((observation_id IS NULL) = (observed_e4 IS NULL))
);
INSERT INTO target_status_0009 (id, target_id, as_of, status, previous, rule, observation_id,
                                observed_e4, progress_e4, elapsed_e4)
SELECT id, target_id, as_of, status, previous, rule, observation_id,
       observed_e4, progress_e4, elapsed_e4 FROM target_status;
DROP TABLE target_status;
ALTER TABLE target_status_0009 RENAME TO target_status;

CREATE TABLE fact_conflict_0009 (
    id                    INTEGER PRIMARY KEY,
    project_id            INTEGER REFERENCES project(id) ON DELETE CASCADE,
    other_project_id      INTEGER REFERENCES project(id) ON DELETE CASCADE,
    target_id             INTEGER REFERENCES target(id) ON DELETE CASCADE,
    other_target_id       INTEGER REFERENCES target(id) ON DELETE CASCADE,
    observation_id        INTEGER REFERENCES observation(id) ON DELETE CASCADE,
    other_observation_id  INTEGER REFERENCES observation(id) ON DELETE CASCADE,
    field                 TEXT NOT NULL CONSTRAINT fact_conflict_field_known CHECK (
                              field = 'investment' OR field = 'count' OR field = 'value'),
    value                 INTEGER NOT NULL,
    other_value           INTEGER NOT NULL,
    evidence_id           INTEGER REFERENCES evidence(id) ON DELETE SET NULL,
    rule                  TEXT NOT NULL CONSTRAINT fact_conflict_rule_not_empty CHECK (length(trim(rule)) > 0),
    CONSTRAINT fact_conflict_one_pair CHECK (
        (project_id IS NOT NULL AND other_project_id IS NOT NULL)
        + (target_id IS NOT NULL AND other_target_id IS NOT NULL)
        + (observation_id IS NOT NULL AND other_observation_id IS NOT NULL) = 1
        AND (project_id IS NULL) = (other_project_id IS NULL)
        AND (target_id IS NULL) = (other_target_id IS NULL)
        AND (observation_id IS NULL) = (other_observation_id IS NULL)),
    CONSTRAINT fact_conflict_two_facts CHECK (
        coalesce(project_id, target_id, observation_id)
        <> coalesce(other_project_id, other_target_id, other_observation_id)),
    CONSTRAINT fact_conflict_values_differ CHECK (value <> other_value)
);
INSERT INTO fact_conflict_0009 (id, project_id, other_project_id, target_id, other_target_id,
                                observation_id, other_observation_id, field, value, other_value,
                                evidence_id, rule)
SELECT id, project_id, other_project_id, target_id, other_target_id,
       observation_id, other_observation_id, field, value, other_value,
       evidence_id, rule FROM fact_conflict;
DROP TABLE fact_conflict;
ALTER TABLE fact_conflict_0009 RENAME TO fact_conflict;
