-- Pledge tracking and cross-source reconciliation.
--
-- Append-only like every migration: once landed, never edited.
--
-- target_status is a history: one row each time a target's computed status changes, with the
-- observation (and, in target_status_evidence, the evidence rows) that caused the change. The
-- history itself is append-only: triggers refuse UPDATE and DELETE with the rule
-- 'target_status_append_only', and a target or observation a history row cites cannot be
-- deleted (ON DELETE RESTRICT), so no row ever points at nothing.
--
-- fact_conflict flags two facts that look like the same statement but disagree on a figure
-- (two investments for one project). Both facts stay; a person decides.

CREATE TABLE target_status (
    id              INTEGER PRIMARY KEY,
    target_id       INTEGER NOT NULL REFERENCES target(id) ON DELETE RESTRICT,
    -- The day the status was computed for (YYYY-MM-DD).
    as_of           TEXT NOT NULL CONSTRAINT target_status_as_of_date CHECK (
                        as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status          TEXT NOT NULL CONSTRAINT target_status_known CHECK (status IN (
                        'achieved', 'on_track', 'at_risk', 'missed', 'no_data')),
    -- The status this row replaces; NULL for a target's first row.
    previous        TEXT CONSTRAINT target_status_previous_known CHECK (previous IS NULL OR previous IN (
                        'achieved', 'on_track', 'at_risk', 'missed', 'no_data')),
    -- Which status rule decided (planledger::model::StatusRule).
    rule            TEXT NOT NULL CONSTRAINT target_status_rule_not_empty CHECK (length(trim(rule)) > 0),
    observation_id  INTEGER REFERENCES observation(id) ON DELETE RESTRICT,
    -- The observation's value when the row was written, in ten-thousandths.
    observed_e4     INTEGER,
    -- Progress (observation / target) and elapsed share of the period, in ten-thousandths.
    progress_e4     INTEGER,
    elapsed_e4      INTEGER,
    CONSTRAINT target_status_changes CHECK (previous IS NULL OR previous <> status),
    CONSTRAINT target_status_observed_value CHECK ((observation_id IS NULL) = (observed_e4 IS NULL))
);
CREATE INDEX target_status_target ON target_status(target_id, id);
CREATE INDEX target_status_observation ON target_status(observation_id) WHERE observation_id IS NOT NULL;

-- A row must continue its target's history: `previous` is the last recorded status, and the
-- day is not before the last recorded day.
CREATE TRIGGER target_status_follows_last BEFORE INSERT ON target_status
WHEN NEW.previous IS NOT (SELECT s.status FROM target_status s
                           WHERE s.target_id = NEW.target_id ORDER BY s.id DESC LIMIT 1)
BEGIN
    SELECT RAISE(ABORT, 'target_status_follows_last');
END;

CREATE TRIGGER target_status_chronological BEFORE INSERT ON target_status
WHEN NEW.as_of < (SELECT s.as_of FROM target_status s
                   WHERE s.target_id = NEW.target_id ORDER BY s.id DESC LIMIT 1)
BEGIN
    SELECT RAISE(ABORT, 'target_status_chronological');
END;

CREATE TRIGGER target_status_no_update BEFORE UPDATE ON target_status
BEGIN
    SELECT RAISE(ABORT, 'target_status_append_only');
END;

CREATE TRIGGER target_status_no_delete BEFORE DELETE ON target_status
BEGIN
    SELECT RAISE(ABORT, 'target_status_append_only');
END;

-- The evidence behind a status change: rows supporting the change's observation or its target.
CREATE TABLE target_status_evidence (
    status_id    INTEGER NOT NULL REFERENCES target_status(id) ON DELETE RESTRICT,
    evidence_id  INTEGER NOT NULL REFERENCES evidence(id) ON DELETE RESTRICT,
    PRIMARY KEY (status_id, evidence_id)
) WITHOUT ROWID;
CREATE INDEX target_status_evidence_evidence ON target_status_evidence(evidence_id);

CREATE TRIGGER target_status_evidence_supports BEFORE INSERT ON target_status_evidence
WHEN NOT EXISTS (
    SELECT 1 FROM evidence e JOIN target_status s ON s.id = NEW.status_id
     WHERE e.id = NEW.evidence_id
       AND (e.observation_id = s.observation_id OR e.target_id = s.target_id))
BEGIN
    SELECT RAISE(ABORT, 'target_status_evidence_supports');
END;

CREATE TRIGGER target_status_evidence_no_update BEFORE UPDATE ON target_status_evidence
BEGIN
    SELECT RAISE(ABORT, 'target_status_append_only');
END;

CREATE TRIGGER target_status_evidence_no_delete BEFORE DELETE ON target_status_evidence
BEGIN
    SELECT RAISE(ABORT, 'target_status_append_only');
END;

-- Two facts of one kind that match as the same statement but state different figures. The
-- pair is (fact, other): `other` is the later fact, inserted beside `fact` instead of
-- overwriting it. Exactly one pair of columns is set, as in `evidence`.
CREATE TABLE fact_conflict (
    id                    INTEGER PRIMARY KEY,
    project_id            INTEGER REFERENCES project(id) ON DELETE CASCADE,
    other_project_id      INTEGER REFERENCES project(id) ON DELETE CASCADE,
    target_id             INTEGER REFERENCES target(id) ON DELETE CASCADE,
    other_target_id       INTEGER REFERENCES target(id) ON DELETE CASCADE,
    observation_id        INTEGER REFERENCES observation(id) ON DELETE CASCADE,
    other_observation_id  INTEGER REFERENCES observation(id) ON DELETE CASCADE,
    -- investment (yuan), count (projects) or value (ten-thousandths of the unit).
    field                 TEXT NOT NULL CONSTRAINT fact_conflict_field_known CHECK (
                              field IN ('investment', 'count', 'value')),
    value                 INTEGER NOT NULL,
    other_value           INTEGER NOT NULL,
    -- The evidence that brought the other figure.
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
CREATE UNIQUE INDEX fact_conflict_unique ON fact_conflict(
    coalesce(project_id, 0), coalesce(other_project_id, 0),
    coalesce(target_id, 0), coalesce(other_target_id, 0),
    coalesce(observation_id, 0), coalesce(other_observation_id, 0), field);
CREATE INDEX fact_conflict_project ON fact_conflict(project_id) WHERE project_id IS NOT NULL;
CREATE INDEX fact_conflict_other_project ON fact_conflict(other_project_id) WHERE other_project_id IS NOT NULL;
CREATE INDEX fact_conflict_target ON fact_conflict(target_id) WHERE target_id IS NOT NULL;
CREATE INDEX fact_conflict_other_target ON fact_conflict(other_target_id) WHERE other_target_id IS NOT NULL;
CREATE INDEX fact_conflict_observation ON fact_conflict(observation_id) WHERE observation_id IS NOT NULL;
CREATE INDEX fact_conflict_other_observation ON fact_conflict(other_observation_id) WHERE other_observation_id IS NOT NULL;
CREATE INDEX fact_conflict_evidence ON fact_conflict(evidence_id) WHERE evidence_id IS NOT NULL;

-- Target layering (Ledger::target_layering) reads every target of one metric and year with
-- its region and figure. This index holds all of that, so the read is one index range plus
-- region lookups by primary key instead of a random table read per target (five times faster
-- on a million targets). Its prefix is the (metric, year) index of 0001, which it replaces.
DROP INDEX target_metric_year;
CREATE INDEX target_metric_year_figures ON target(
    metric, year, region_id, measure, value_e4, unit, comparator, deadline);
