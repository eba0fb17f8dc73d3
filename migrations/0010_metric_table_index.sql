-- A covering index for one metric's observations across regions in one year (#15).
--
-- Append-only like every migration: once landed, never edited.
--
-- Ledger::metric_table reads, for a known indicator (metric_key, 0006) and a year, every
-- observation's region, figure and target. 0006's (metric_key, period) index found them but
-- left one table read per observation: on the national ledger, 43k random reads for one
-- metric and year. This index holds every column that table reads, as 0008's
-- target_metric_key_figures does for targets; its prefix is 0006's index, which it replaces.

DROP INDEX observation_metric_key;
CREATE INDEX observation_metric_key_figures ON observation(
    metric_key, period, region_id, measure, value_e4, unit, comparator, target_id)
    WHERE metric_key IS NOT NULL;
