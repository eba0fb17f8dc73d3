-- planledger core schema.
--
-- Append-only: once landed, this file is never edited (the ledger stores its checksum and
-- refuses to open a database whose applied migrations differ). Changes go in a new file.
--
-- Every rule has a name so that a violation reaches the caller as a typed error naming it.
-- Partial dates are TEXT in the forms YYYY, YYYY-MM, YYYY-MM-DD: those forms sort as text in
-- date order, and `x || '~'` is a text that sorts after every date x covers ('~' > '-' and
-- digits), which is how ranges of partial dates are compared below and in queries.

CREATE TABLE region (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CONSTRAINT region_name_not_empty CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL CONSTRAINT region_kind_known CHECK (kind IN (
                    'country', 'province', 'prefecture', 'district', 'county', 'county_level_city',
                    'new_area', 'town', 'township', 'subdistrict', 'economic_zone',
                    'development_zone', 'park', 'village')),
    parent_id   INTEGER REFERENCES region(id) ON DELETE RESTRICT,
    code        TEXT CONSTRAINT region_code_format CHECK (
                    code IS NULL OR (length(code) IN (6, 9, 12) AND code NOT GLOB '*[^0-9]*')),
    valid_from  TEXT CONSTRAINT region_valid_from_date CHECK (valid_from IS NULL OR
                    valid_from GLOB '[0-9][0-9][0-9][0-9]' OR
                    valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                    valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_to    TEXT CONSTRAINT region_valid_to_date CHECK (valid_to IS NULL OR
                    valid_to GLOB '[0-9][0-9][0-9][0-9]' OR
                    valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                    valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- Materialized path '/root/…/id/', kept by the triggers below: a subtree is one index
    -- range (path >= P AND path < P-with-its-last-'/'-replaced-by-'0').
    path        TEXT NOT NULL DEFAULT '',
    CONSTRAINT region_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id),
    CONSTRAINT region_validity_ordered CHECK (
        valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to || '~')
);
CREATE UNIQUE INDEX region_code_unique ON region(code) WHERE code IS NOT NULL;
-- Roots share the parent key -1, so two root regions cannot have the same name either.
CREATE UNIQUE INDEX region_name_unique_in_parent ON region(coalesce(parent_id, -1), name);
CREATE INDEX region_name ON region(name);
-- Children of a region: tree walks, and the foreign-key check when a region is deleted.
CREATE INDEX region_parent ON region(parent_id);
CREATE INDEX region_path ON region(path);

CREATE TRIGGER region_path_on_insert AFTER INSERT ON region
BEGIN
    UPDATE region
       SET path = coalesce((SELECT p.path FROM region p WHERE p.id = NEW.parent_id), '/') || NEW.id || '/'
     WHERE id = NEW.id;
END;

CREATE TRIGGER region_no_cycle BEFORE UPDATE OF parent_id ON region
WHEN NEW.parent_id IS NOT NULL
 AND instr((SELECT p.path FROM region p WHERE p.id = NEW.parent_id), '/' || OLD.id || '/') > 0
BEGIN
    SELECT RAISE(ABORT, 'region_no_cycle');
END;

CREATE TRIGGER region_path_on_move AFTER UPDATE OF parent_id ON region
WHEN NEW.parent_id IS NOT OLD.parent_id
BEGIN
    UPDATE region
       SET path = coalesce((SELECT p.path FROM region p WHERE p.id = NEW.parent_id), '/') || NEW.id || '/'
                  || substr(path, length(OLD.path) + 1)
     WHERE path >= OLD.path AND path < substr(OLD.path, 1, length(OLD.path) - 1) || '0';
END;

CREATE TABLE region_alias (
    region_id   INTEGER NOT NULL REFERENCES region(id) ON DELETE CASCADE,
    alias       TEXT NOT NULL CONSTRAINT region_alias_not_empty CHECK (length(trim(alias)) > 0),
    -- Aliases keep the order they were given in: the first is the preferred short name.
    position    INTEGER NOT NULL,
    PRIMARY KEY (region_id, alias)
) WITHOUT ROWID;
CREATE INDEX region_alias_alias ON region_alias(alias);

CREATE TABLE source (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    publisher     TEXT,
    published     TEXT CONSTRAINT source_published_date CHECK (published IS NULL OR
                      published GLOB '[0-9][0-9][0-9][0-9]' OR
                      published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                      published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    authors       TEXT NOT NULL DEFAULT '[]' CONSTRAINT source_authors_array CHECK (
                      json_valid(authors) AND json_type(authors) = 'array'),
    url           TEXT,
    content_hash  TEXT CONSTRAINT source_content_hash_format CHECK (content_hash IS NULL OR
                      (length(content_hash) = 64 AND content_hash NOT GLOB '*[^0-9a-f]*')),
    chars         INTEGER CONSTRAINT source_chars_non_negative CHECK (chars IS NULL OR chars >= 0),
    text          TEXT,
    CONSTRAINT source_chars_match_text CHECK (text IS NULL OR chars = length(text))
);
CREATE UNIQUE INDEX source_content_hash_unique ON source(content_hash) WHERE content_hash IS NOT NULL;

CREATE TABLE campaign (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CONSTRAINT campaign_name_not_empty CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL CONSTRAINT campaign_kind_known CHECK (kind IN (
                    'themed_year', 'battle', 'action', 'program', 'slogan')),
    region_id   INTEGER REFERENCES region(id) ON DELETE RESTRICT,
    year        INTEGER CONSTRAINT campaign_year_range CHECK (year IS NULL OR year BETWEEN 1000 AND 9999),
    parent_id   INTEGER REFERENCES campaign(id) ON DELETE RESTRICT,
    ordinal     INTEGER CONSTRAINT campaign_ordinal_positive CHECK (ordinal IS NULL OR ordinal >= 1),
    path        TEXT NOT NULL DEFAULT '',
    CONSTRAINT campaign_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX campaign_parent ON campaign(parent_id);
CREATE INDEX campaign_region ON campaign(region_id, year);
CREATE INDEX campaign_path ON campaign(path);

CREATE TRIGGER campaign_path_on_insert AFTER INSERT ON campaign
BEGIN
    UPDATE campaign
       SET path = coalesce((SELECT p.path FROM campaign p WHERE p.id = NEW.parent_id), '/') || NEW.id || '/'
     WHERE id = NEW.id;
END;

CREATE TRIGGER campaign_no_cycle BEFORE UPDATE OF parent_id ON campaign
WHEN NEW.parent_id IS NOT NULL
 AND instr((SELECT p.path FROM campaign p WHERE p.id = NEW.parent_id), '/' || OLD.id || '/') > 0
BEGIN
    SELECT RAISE(ABORT, 'campaign_no_cycle');
END;

CREATE TRIGGER campaign_path_on_move AFTER UPDATE OF parent_id ON campaign
WHEN NEW.parent_id IS NOT OLD.parent_id
BEGIN
    UPDATE campaign
       SET path = coalesce((SELECT p.path FROM campaign p WHERE p.id = NEW.parent_id), '/') || NEW.id || '/'
                  || substr(path, length(OLD.path) + 1)
     WHERE path >= OLD.path AND path < substr(OLD.path, 1, length(OLD.path) - 1) || '0';
END;

CREATE TABLE person (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL CONSTRAINT person_name_not_empty CHECK (length(trim(name)) > 0)
);
CREATE INDEX person_name ON person(name);

CREATE TABLE post (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CONSTRAINT post_title_not_empty CHECK (length(trim(title)) > 0),
    organization  TEXT NOT NULL,
    region_id     INTEGER REFERENCES region(id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX post_unique ON post(organization, title, coalesce(region_id, -1));
CREATE INDEX post_region ON post(region_id);

CREATE TABLE holding (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    post_id     INTEGER NOT NULL REFERENCES post(id) ON DELETE CASCADE,
    start_date  TEXT CONSTRAINT holding_start_date CHECK (start_date IS NULL OR
                    start_date GLOB '[0-9][0-9][0-9][0-9]' OR
                    start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                    start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    end_date    TEXT CONSTRAINT holding_end_date CHECK (end_date IS NULL OR
                    end_date GLOB '[0-9][0-9][0-9][0-9]' OR
                    end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                    end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CONSTRAINT holding_span_ordered CHECK (start_date IS NULL OR end_date IS NULL OR start_date <= end_date || '~')
);
CREATE INDEX holding_person ON holding(person_id);
CREATE INDEX holding_post ON holding(post_id);

CREATE TABLE project (
    id              INTEGER PRIMARY KEY,
    name            TEXT CONSTRAINT project_name_not_empty CHECK (name IS NULL OR length(trim(name)) > 0),
    region_id       INTEGER REFERENCES region(id) ON DELETE RESTRICT,
    count           INTEGER NOT NULL DEFAULT 1 CONSTRAINT project_count_positive CHECK (count >= 1),
    investment      INTEGER CONSTRAINT project_investment_non_negative CHECK (investment IS NULL OR investment >= 0),
    investment_cmp  TEXT NOT NULL DEFAULT 'eq' CONSTRAINT project_comparator_known CHECK (
                        investment_cmp IN ('eq', 'over', 'at_least', 'about', 'at_most')),
    status          TEXT CONSTRAINT project_status_known CHECK (status IS NULL OR status IN (
                        'planned', 'signed', 'started', 'under_construction', 'completed',
                        'in_operation', 'cancelled')),
    sector          TEXT,
    year            INTEGER CONSTRAINT project_year_range CHECK (year IS NULL OR year BETWEEN 1000 AND 9999),
    deadline        TEXT CONSTRAINT project_deadline_date CHECK (deadline IS NULL OR
                        deadline GLOB '[0-9][0-9][0-9][0-9]' OR
                        deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                        deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    campaign_id     INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    -- A named member of a batch. Members are never batches themselves (triggers below), so
    -- "rows without a parent" is exactly the set that totals may add up.
    parent_id       INTEGER REFERENCES project(id) ON DELETE RESTRICT,
    CONSTRAINT project_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX project_region_year ON project(region_id, year);
CREATE INDEX project_campaign ON project(campaign_id);
-- Partial: "parent_id IS NULL" (every total) matches almost every row, and a full index on
-- parent_id tempted the planner into walking it for such filters instead of a selective index.
CREATE INDEX project_parent ON project(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX project_status ON project(status);

CREATE TRIGGER project_member_of_top_level BEFORE INSERT ON project
WHEN NEW.parent_id IS NOT NULL
 AND (SELECT p.parent_id FROM project p WHERE p.id = NEW.parent_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'project_batch_is_top_level');
END;

CREATE TRIGGER project_member_of_top_level_on_update BEFORE UPDATE OF parent_id ON project
WHEN NEW.parent_id IS NOT NULL
 AND ((SELECT p.parent_id FROM project p WHERE p.id = NEW.parent_id) IS NOT NULL
      OR EXISTS (SELECT 1 FROM project m WHERE m.parent_id = NEW.id))
BEGIN
    SELECT RAISE(ABORT, 'project_batch_is_top_level');
END;

CREATE TABLE target (
    id           INTEGER PRIMARY KEY,
    region_id    INTEGER REFERENCES region(id) ON DELETE RESTRICT,
    metric       TEXT NOT NULL CONSTRAINT target_metric_not_empty CHECK (length(trim(metric)) > 0),
    measure      TEXT NOT NULL CONSTRAINT target_measure_known CHECK (measure IN ('level', 'growth', 'share')),
    -- Exact value in ten-thousandths (Decimal); money in yuan × 10^4.
    value_e4     INTEGER NOT NULL,
    unit         TEXT NOT NULL CONSTRAINT target_unit_not_empty CHECK (length(trim(unit)) > 0),
    comparator   TEXT NOT NULL DEFAULT 'eq' CONSTRAINT target_comparator_known CHECK (
                     comparator IN ('eq', 'over', 'at_least', 'about', 'at_most')),
    year         INTEGER CONSTRAINT target_year_range CHECK (year IS NULL OR year BETWEEN 1000 AND 9999),
    deadline     TEXT CONSTRAINT target_deadline_date CHECK (deadline IS NULL OR
                     deadline GLOB '[0-9][0-9][0-9][0-9]' OR
                     deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                     deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    campaign_id  INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    owner_id     INTEGER REFERENCES person(id) ON DELETE SET NULL,
    CONSTRAINT target_money_non_negative CHECK (unit <> 'yuan' OR measure <> 'level' OR value_e4 >= 0)
);
CREATE INDEX target_region_metric ON target(region_id, metric, year);
CREATE INDEX target_metric_year ON target(metric, year);
CREATE INDEX target_campaign ON target(campaign_id);
CREATE INDEX target_owner ON target(owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE observation (
    id           INTEGER PRIMARY KEY,
    region_id    INTEGER REFERENCES region(id) ON DELETE RESTRICT,
    metric       TEXT NOT NULL CONSTRAINT observation_metric_not_empty CHECK (length(trim(metric)) > 0),
    measure      TEXT NOT NULL CONSTRAINT observation_measure_known CHECK (measure IN ('level', 'growth', 'share')),
    value_e4     INTEGER NOT NULL,
    unit         TEXT NOT NULL CONSTRAINT observation_unit_not_empty CHECK (length(trim(unit)) > 0),
    comparator   TEXT NOT NULL DEFAULT 'eq' CONSTRAINT observation_comparator_known CHECK (
                     comparator IN ('eq', 'over', 'at_least', 'about', 'at_most')),
    period       TEXT CONSTRAINT observation_period_date CHECK (period IS NULL OR
                     period GLOB '[0-9][0-9][0-9][0-9]' OR
                     period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR
                     period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    target_id    INTEGER REFERENCES target(id) ON DELETE SET NULL,
    campaign_id  INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    CONSTRAINT observation_money_non_negative CHECK (unit <> 'yuan' OR measure <> 'level' OR value_e4 >= 0)
);
CREATE INDEX observation_region_metric ON observation(region_id, metric, period);
CREATE INDEX observation_metric ON observation(metric, period);
CREATE INDEX observation_target ON observation(target_id);
CREATE INDEX observation_campaign ON observation(campaign_id);

CREATE TABLE evidence (
    id              INTEGER PRIMARY KEY,
    source_id       INTEGER NOT NULL REFERENCES source(id) ON DELETE RESTRICT,
    project_id      INTEGER REFERENCES project(id) ON DELETE CASCADE,
    target_id       INTEGER REFERENCES target(id) ON DELETE CASCADE,
    observation_id  INTEGER REFERENCES observation(id) ON DELETE CASCADE,
    campaign_id     INTEGER REFERENCES campaign(id) ON DELETE CASCADE,
    holding_id      INTEGER REFERENCES holding(id) ON DELETE CASCADE,
    span_start      INTEGER NOT NULL CONSTRAINT evidence_span_start_non_negative CHECK (span_start >= 0),
    span_end        INTEGER NOT NULL,
    method          TEXT NOT NULL CONSTRAINT evidence_method_format CHECK (
                        method = 'manual' OR (method GLOB 'rule:?*')),
    CONSTRAINT evidence_span_ordered CHECK (span_start <= span_end),
    CONSTRAINT evidence_one_fact CHECK (
        (project_id IS NOT NULL) + (target_id IS NOT NULL) + (observation_id IS NOT NULL)
        + (campaign_id IS NOT NULL) + (holding_id IS NOT NULL) = 1)
);
CREATE INDEX evidence_source ON evidence(source_id);
CREATE INDEX evidence_project ON evidence(project_id) WHERE project_id IS NOT NULL;
CREATE INDEX evidence_target ON evidence(target_id) WHERE target_id IS NOT NULL;
CREATE INDEX evidence_observation ON evidence(observation_id) WHERE observation_id IS NOT NULL;
CREATE INDEX evidence_campaign ON evidence(campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX evidence_holding ON evidence(holding_id) WHERE holding_id IS NOT NULL;

CREATE TRIGGER evidence_span_within_source BEFORE INSERT ON evidence
WHEN NEW.span_end > (SELECT s.chars FROM source s WHERE s.id = NEW.source_id)
BEGIN
    SELECT RAISE(ABORT, 'evidence_span_within_source');
END;

CREATE TRIGGER evidence_span_within_source_on_update BEFORE UPDATE OF span_end, source_id ON evidence
WHEN NEW.span_end > (SELECT s.chars FROM source s WHERE s.id = NEW.source_id)
BEGIN
    SELECT RAISE(ABORT, 'evidence_span_within_source');
END;

CREATE TRIGGER source_chars_cover_evidence BEFORE UPDATE OF chars ON source
WHEN NEW.chars IS NOT NULL
 AND EXISTS (SELECT 1 FROM evidence e WHERE e.source_id = NEW.id AND e.span_end > NEW.chars)
BEGIN
    SELECT RAISE(ABORT, 'evidence_span_within_source');
END;
