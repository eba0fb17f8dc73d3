-- Full-text search over source texts and fact names.
--
-- The trigram tokenizer indexes every three-character substring, which suits Chinese (no
-- spaces between words) and finds any substring of three or more characters. Shorter queries
-- (two-character names such as 周科) cannot use the index; the query layer falls back to a LIKE
-- scan over the same table for those.
--
-- One row per indexed item. The rowid encodes the item: id * 8 + kind code, so triggers
-- replace or delete an item's row by rowid without scanning.
--   1 source (title, publisher, authors, text)   2 project (name, sector)
--   3 metric (name; see the metric table)
--   5 campaign (name)                           6 person (name)
--   7 region (name)

CREATE VIRTUAL TABLE search_index USING fts5(body, tokenize = 'trigram');

CREATE TRIGGER search_source_insert AFTER INSERT ON source BEGIN
    INSERT INTO search_index (rowid, body)
    VALUES (NEW.id * 8 + 1, concat_ws(' ', NEW.title, NEW.publisher, NEW.authors, NEW.text));
END;
CREATE TRIGGER search_source_update AFTER UPDATE ON source BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
    INSERT INTO search_index (rowid, body)
    VALUES (NEW.id * 8 + 1, concat_ws(' ', NEW.title, NEW.publisher, NEW.authors, NEW.text));
END;
CREATE TRIGGER search_source_delete AFTER DELETE ON source BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
END;

CREATE TRIGGER search_project_insert AFTER INSERT ON project WHEN NEW.name IS NOT NULL OR NEW.sector IS NOT NULL BEGIN
    INSERT INTO search_index (rowid, body) VALUES (NEW.id * 8 + 2, concat_ws(' ', NEW.name, NEW.sector));
END;
CREATE TRIGGER search_project_update AFTER UPDATE OF name, sector ON project BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
    INSERT INTO search_index (rowid, body)
    SELECT NEW.id * 8 + 2, concat_ws(' ', NEW.name, NEW.sector) WHERE NEW.name IS NOT NULL OR NEW.sector IS NOT NULL;
END;
CREATE TRIGGER search_project_delete AFTER DELETE ON project BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
END;

-- Metrics repeat across thousands of targets and observations; they are indexed once each,
-- through a table of distinct metric names.
CREATE TABLE metric (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);
CREATE TRIGGER metric_from_target AFTER INSERT ON target BEGIN
    INSERT OR IGNORE INTO metric (name) VALUES (NEW.metric);
END;
CREATE TRIGGER metric_from_target_update AFTER UPDATE OF metric ON target BEGIN
    INSERT OR IGNORE INTO metric (name) VALUES (NEW.metric);
END;
CREATE TRIGGER metric_from_observation AFTER INSERT ON observation BEGIN
    INSERT OR IGNORE INTO metric (name) VALUES (NEW.metric);
END;
CREATE TRIGGER metric_from_observation_update AFTER UPDATE OF metric ON observation BEGIN
    INSERT OR IGNORE INTO metric (name) VALUES (NEW.metric);
END;
CREATE TRIGGER search_metric_insert AFTER INSERT ON metric BEGIN
    INSERT INTO search_index (rowid, body) VALUES (NEW.id * 8 + 3, NEW.name);
END;

CREATE TRIGGER search_campaign_insert AFTER INSERT ON campaign BEGIN
    INSERT INTO search_index (rowid, body) VALUES (NEW.id * 8 + 5, NEW.name);
END;
CREATE TRIGGER search_campaign_update AFTER UPDATE OF name ON campaign BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
    INSERT INTO search_index (rowid, body) VALUES (NEW.id * 8 + 5, NEW.name);
END;
CREATE TRIGGER search_campaign_delete AFTER DELETE ON campaign BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
END;

CREATE TRIGGER search_person_insert AFTER INSERT ON person BEGIN
    INSERT INTO search_index (rowid, body) VALUES (NEW.id * 8 + 6, NEW.name);
END;
CREATE TRIGGER search_person_update AFTER UPDATE OF name ON person BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 6;
    INSERT INTO search_index (rowid, body) VALUES (NEW.id * 8 + 6, NEW.name);
END;
CREATE TRIGGER search_person_delete AFTER DELETE ON person BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 6;
END;

CREATE TRIGGER search_region_insert AFTER INSERT ON region BEGIN
    INSERT INTO search_index (rowid, body) VALUES (NEW.id * 8 + 7, NEW.name);
END;
CREATE TRIGGER search_region_update AFTER UPDATE OF name ON region BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 7;
    INSERT INTO search_index (rowid, body) VALUES (NEW.id * 8 + 7, NEW.name);
END;
CREATE TRIGGER search_region_delete AFTER DELETE ON region BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 7;
END;

-- Rows written at schema version 1 enter the index once, here.
INSERT INTO search_index (rowid, body)
SELECT id * 8 + 1, concat_ws(' ', title, publisher, authors, text) FROM source;
INSERT INTO search_index (rowid, body)
SELECT id * 8 + 2, concat_ws(' ', name, sector) FROM project WHERE name IS NOT NULL OR sector IS NOT NULL;
INSERT OR IGNORE INTO metric (name) SELECT metric FROM target;
INSERT OR IGNORE INTO metric (name) SELECT metric FROM observation;
INSERT INTO search_index (rowid, body) SELECT id * 8 + 3, name FROM metric;
INSERT INTO search_index (rowid, body) SELECT id * 8 + 5, name FROM campaign;
INSERT INTO search_index (rowid, body) SELECT id * 8 + 6, name FROM person;
INSERT INTO search_index (rowid, body) SELECT id * 8 + 7, name FROM region;
