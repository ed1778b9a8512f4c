-- The engine reads one profile's metrics of one type over a time range (the
-- heart-rate samples of each workout, baselines' look-back): one index serves
-- those range scans instead of filtering a profile's whole history.
create index idx_health_metrics_profile_type_time
  on public.wt_health_metrics (profile_id, metric_type, recorded_at);
