-- Analyst views: the ledger as tidy tables, one row per fact, for R, Stata, pandas and DuckDB.
--
-- Append-only like every migration: once landed, never edited. Views only: no table, trigger
-- or index changes, so this migration stores nothing and costs nothing on writes.
--
-- Shared conventions (documented column by column in the README, "Analyst views"):
-- * Region columns: the fact's own region (name, kind, division code) and, walking up the
--   region tree, the nearest county-level, prefecture-level and provincial ancestor-or-self.
--   Levels are told by the statistics bureau's code shape (6 digits: PP0000 province, PPCC00
--   prefecture, anything else county), not by the region's kind: a development zone can sit at
--   any level. Only codes of regions the ledger holds appear; a directly administered county
--   has no prefecture. Regions without a code (added by hand) take their ancestors' codes.
-- * Evidence: a fact stated by several sources is still one row. `sources` counts them; the
--   source columns and the quote are those of the earliest published source (then the
--   smallest content hash, then the earliest span): the same row whatever order the texts
--   were ingested in.
-- * `quote` is the evidence span of the source's stored text (spans count characters, as
--   SQLite's substr does).
-- * `value` is the figure as a floating-point number (exact for every integer below 2^53 and
--   for the ledger's four decimal places as printed); `value_e4` is the exact integer in
--   ten-thousandths that the ledger stores. Money is in yuan: `investment_yuan` is exact.
-- * Ids are this ledger's row ids: stable within a file, not across files.

CREATE VIEW analyst_region AS
SELECT r.id   AS region_id,
       r.name AS region_name,
       r.kind AS region_kind,
       r.code AS region_code,
       p1.code AS parent_code,
       CASE WHEN length(r.code) = 6 AND r.code NOT LIKE '%00' THEN r.code
            WHEN length(p1.code) = 6 AND p1.code NOT LIKE '%00' THEN p1.code
            WHEN length(p2.code) = 6 AND p2.code NOT LIKE '%00' THEN p2.code
            WHEN length(p3.code) = 6 AND p3.code NOT LIKE '%00' THEN p3.code
            WHEN length(p4.code) = 6 AND p4.code NOT LIKE '%00' THEN p4.code END AS county_code,
       CASE WHEN length(r.code) = 6 AND r.code NOT LIKE '%00' THEN r.name
            WHEN length(p1.code) = 6 AND p1.code NOT LIKE '%00' THEN p1.name
            WHEN length(p2.code) = 6 AND p2.code NOT LIKE '%00' THEN p2.name
            WHEN length(p3.code) = 6 AND p3.code NOT LIKE '%00' THEN p3.name
            WHEN length(p4.code) = 6 AND p4.code NOT LIKE '%00' THEN p4.name END AS county_name,
       CASE WHEN length(r.code) = 6 AND r.code LIKE '%00' AND r.code NOT LIKE '%0000' THEN r.code
            WHEN length(p1.code) = 6 AND p1.code LIKE '%00' AND p1.code NOT LIKE '%0000' THEN p1.code
            WHEN length(p2.code) = 6 AND p2.code LIKE '%00' AND p2.code NOT LIKE '%0000' THEN p2.code
            WHEN length(p3.code) = 6 AND p3.code LIKE '%00' AND p3.code NOT LIKE '%0000' THEN p3.code
            WHEN length(p4.code) = 6 AND p4.code LIKE '%00' AND p4.code NOT LIKE '%0000' THEN p4.code END AS prefecture_code,
       CASE WHEN length(r.code) = 6 AND r.code LIKE '%00' AND r.code NOT LIKE '%0000' THEN r.name
            WHEN length(p1.code) = 6 AND p1.code LIKE '%00' AND p1.code NOT LIKE '%0000' THEN p1.name
            WHEN length(p2.code) = 6 AND p2.code LIKE '%00' AND p2.code NOT LIKE '%0000' THEN p2.name
            WHEN length(p3.code) = 6 AND p3.code LIKE '%00' AND p3.code NOT LIKE '%0000' THEN p3.name
            WHEN length(p4.code) = 6 AND p4.code LIKE '%00' AND p4.code NOT LIKE '%0000' THEN p4.name END AS prefecture_name,
       CASE WHEN length(r.code) = 6 AND r.code LIKE '%0000' THEN r.code
            WHEN length(p1.code) = 6 AND p1.code LIKE '%0000' THEN p1.code
            WHEN length(p2.code) = 6 AND p2.code LIKE '%0000' THEN p2.code
            WHEN length(p3.code) = 6 AND p3.code LIKE '%0000' THEN p3.code
            WHEN length(p4.code) = 6 AND p4.code LIKE '%0000' THEN p4.code END AS province_code,
       CASE WHEN length(r.code) = 6 AND r.code LIKE '%0000' THEN r.name
            WHEN length(p1.code) = 6 AND p1.code LIKE '%0000' THEN p1.name
            WHEN length(p2.code) = 6 AND p2.code LIKE '%0000' THEN p2.name
            WHEN length(p3.code) = 6 AND p3.code LIKE '%0000' THEN p3.name
            WHEN length(p4.code) = 6 AND p4.code LIKE '%0000' THEN p4.name END AS province_name
  FROM region r
  LEFT JOIN region p1 ON p1.id = r.parent_id
  LEFT JOIN region p2 ON p2.id = p1.parent_id
  LEFT JOIN region p3 ON p3.id = p2.parent_id
  LEFT JOIN region p4 ON p4.id = p3.parent_id;

-- Targets and observations: one row per figure.
CREATE VIEW analyst_figures AS
SELECT f.kind AS fact_kind,
       f.id AS fact_id,
       ar.region_name, ar.region_kind, ar.region_code, ar.parent_code,
       ar.county_code, ar.county_name, ar.prefecture_code, ar.prefecture_name,
       ar.province_code, ar.province_name,
       f.metric,
       f.measure,
       f.value_e4 / 10000.0 AS value,
       f.value_e4,
       f.unit,
       f.comparator,
       f.year,
       f.deadline,
       c.name AS campaign,
       (SELECT count(DISTINCT e2.source_id) FROM evidence e2
         WHERE (f.kind = 'target' AND e2.target_id = f.id)
            OR (f.kind = 'observation' AND e2.observation_id = f.id)) AS sources,
       s.title AS source_title,
       s.url AS source_url,
       s.published AS source_published,
       substr(s.text, e.span_start + 1, e.span_end - e.span_start) AS quote,
       e.method AS method
  FROM (SELECT 'target' AS kind, id, region_id, metric, measure, value_e4, unit, comparator,
               year, deadline, campaign_id,
               (SELECT e1.id FROM evidence e1 JOIN source s1 ON s1.id = e1.source_id
                 WHERE e1.target_id = t.id
                 ORDER BY s1.published IS NULL, s1.published, s1.content_hash, e1.span_start,
                          e1.span_end, e1.id LIMIT 1) AS evidence_id
          FROM target t
        UNION ALL
        SELECT 'observation', id, region_id, metric, measure, value_e4, unit, comparator,
               CAST(substr(period, 1, 4) AS INTEGER), period, campaign_id,
               (SELECT e1.id FROM evidence e1 JOIN source s1 ON s1.id = e1.source_id
                 WHERE e1.observation_id = o.id
                 ORDER BY s1.published IS NULL, s1.published, s1.content_hash, e1.span_start,
                          e1.span_end, e1.id LIMIT 1)
          FROM observation o) f
  LEFT JOIN analyst_region ar ON ar.region_id = f.region_id
  LEFT JOIN campaign c ON c.id = f.campaign_id
  LEFT JOIN evidence e ON e.id = f.evidence_id
  LEFT JOIN source s ON s.id = e.source_id;

-- Projects and batches; named members of a batch are rows of their own, `batch_id` pointing
-- at the batch (totals add up the rows whose batch_id is null). A member named in a batch's
-- sentence has no evidence of its own: its sources and quote are the batch's.
CREATE VIEW analyst_projects AS
SELECT p.id AS project_id,
       p.parent_id AS batch_id,
       ar.region_name, ar.region_kind, ar.region_code, ar.parent_code,
       ar.county_code, ar.county_name, ar.prefecture_code, ar.prefecture_name,
       ar.province_code, ar.province_name,
       p.name,
       p.count,
       p.investment AS investment_yuan,
       p.investment_cmp AS comparator,
       p.status,
       p.sector,
       p.year,
       p.deadline,
       c.name AS campaign,
       (SELECT count(DISTINCT e2.source_id) FROM evidence e2 WHERE e2.project_id = p.cited_id) AS sources,
       s.title AS source_title,
       s.url AS source_url,
       s.published AS source_published,
       substr(s.text, e.span_start + 1, e.span_end - e.span_start) AS quote,
       e.method AS method
  FROM (SELECT q.*,
               -- A named member of a batch is read from the batch's words: it cites them.
               CASE WHEN EXISTS (SELECT 1 FROM evidence x WHERE x.project_id = q.id)
                    THEN q.id ELSE q.parent_id END AS cited_id
          FROM project q) p
  LEFT JOIN analyst_region ar ON ar.region_id = p.region_id
  LEFT JOIN campaign c ON c.id = p.campaign_id
  LEFT JOIN evidence e ON e.id = (
        SELECT e1.id FROM evidence e1 JOIN source s1 ON s1.id = e1.source_id
         WHERE e1.project_id = p.cited_id
         ORDER BY s1.published IS NULL, s1.published, s1.content_hash, e1.span_start,
                  e1.span_end, e1.id LIMIT 1)
  LEFT JOIN source s ON s.id = e.source_id;

-- Officials: one row per person in a post, with the dates the texts attest it.
CREATE VIEW analyst_officials AS
SELECT h.id AS holding_id,
       pe.name AS person,
       po.title,
       po.organization,
       ar.region_name, ar.region_kind, ar.region_code, ar.parent_code,
       ar.county_code, ar.county_name, ar.prefecture_code, ar.prefecture_name,
       ar.province_code, ar.province_name,
       h.start_date AS first_attested,
       h.end_date AS last_attested,
       (SELECT count(DISTINCT e2.source_id) FROM evidence e2 WHERE e2.holding_id = h.id) AS sources,
       s.title AS source_title,
       s.url AS source_url,
       s.published AS source_published,
       substr(s.text, e.span_start + 1, e.span_end - e.span_start) AS quote,
       e.method AS method
  FROM holding h
  JOIN person pe ON pe.id = h.person_id
  JOIN post po ON po.id = h.post_id
  LEFT JOIN analyst_region ar ON ar.region_id = po.region_id
  LEFT JOIN evidence e ON e.id = (
        SELECT e1.id FROM evidence e1 JOIN source s1 ON s1.id = e1.source_id
         WHERE e1.holding_id = h.id
         ORDER BY s1.published IS NULL, s1.published, s1.content_hash, e1.span_start,
                  e1.span_end, e1.id LIMIT 1)
  LEFT JOIN source s ON s.id = e.source_id;

-- Campaigns: themed years, battles, actions, programs and slogans.
CREATE VIEW analyst_campaigns AS
SELECT c.id AS campaign_id,
       c.name,
       c.kind,
       ar.region_name, ar.region_kind, ar.region_code, ar.parent_code,
       ar.county_code, ar.county_name, ar.prefecture_code, ar.prefecture_name,
       ar.province_code, ar.province_name,
       c.year,
       parent.name AS parent_campaign,
       c.ordinal,
       (SELECT count(DISTINCT e2.source_id) FROM evidence e2 WHERE e2.campaign_id = c.id) AS sources,
       s.title AS source_title,
       s.url AS source_url,
       s.published AS source_published,
       substr(s.text, e.span_start + 1, e.span_end - e.span_start) AS quote,
       e.method AS method
  FROM campaign c
  LEFT JOIN campaign parent ON parent.id = c.parent_id
  LEFT JOIN analyst_region ar ON ar.region_id = c.region_id
  LEFT JOIN evidence e ON e.id = (
        SELECT e1.id FROM evidence e1 JOIN source s1 ON s1.id = e1.source_id
         WHERE e1.campaign_id = c.id
         ORDER BY s1.published IS NULL, s1.published, s1.content_hash, e1.span_start,
                  e1.span_end, e1.id LIMIT 1)
  LEFT JOIN source s ON s.id = e.source_id;
