-- An index for target layering by canonical metric at national scale (#15).
--
-- Append-only like every migration: once landed, never edited.
--
-- Layering (Ledger::target_layering) selects a known indicator's targets by metric_key and
-- year (0006) and reads each one's region and figure. 0006's (metric_key, year) index found
-- them but left one table read per target: on a million targets, 43k random reads for one
-- metric and year. This index holds every column layering reads, as 0004's
-- target_metric_year_figures does for metrics as written; its prefix is 0006's index, which
-- it replaces.

DROP INDEX target_metric_key_year;
CREATE INDEX target_metric_key_figures ON target(
    metric_key, year, region_id, measure, value_e4, unit, comparator, deadline, metric)
    WHERE metric_key IS NOT NULL;
