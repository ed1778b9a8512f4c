-- Goals name the health metric they track and, optionally, the date they are
-- for: the forecast needs both (a trend of that metric; P(target by date)).
alter table public.wt_goal_forecasts
  add column metric_type wt_metric_type,
  add column target_date date;

-- A person's verdict on a day ("I'm ill"), kept apart from the computed
-- score: the engine never writes these columns and never deletes a row that
-- has them.
alter table public.wt_recovery_scores
  add column override_reason text check (override_reason in ('ill', 'injured', 'other')),
  add column override_score numeric check (override_score between 0 and 100),
  add column override_note text check (char_length(override_note) <= 500),
  add column overridden_at timestamptz,
  add constraint wt_recovery_scores_override_complete
    check (override_reason is not null or (override_score is null and override_note is null and overridden_at is null));

-- People may set their override, never the computed columns.
revoke update on public.wt_recovery_scores from authenticated;
grant update (override_reason, override_score, override_note, overridden_at) on public.wt_recovery_scores to authenticated;
