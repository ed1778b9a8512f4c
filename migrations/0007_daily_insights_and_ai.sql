-- WellTrack 0007: daily & insights (wt_daily_logs, wt_insights, wt_reminders) and AI
-- (wt_ai_usage, wt_ai_audit_log, wt_ai_memory).

create table public.wt_daily_logs (
  id         uuid primary key default gen_random_uuid(),
  profile_id uuid not null references public.wt_profiles (id) on delete cascade,
  log_date   date not null,
  log_type   text not null,
  value_num  numeric,
  value_text text,
  unit       text,
  notes      text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index idx_daily_logs_profile_id on public.wt_daily_logs (profile_id);
create index idx_daily_logs_log_date on public.wt_daily_logs (log_date);
create trigger set_updated_at before update on public.wt_daily_logs
  for each row execute function private.set_updated_at();

create table public.wt_insights (
  id               uuid primary key default gen_random_uuid(),
  profile_id       uuid not null references public.wt_profiles (id) on delete cascade,
  period_type      public.wt_period_type not null,
  period_start     date not null,
  summary_text     text not null,
  ai_model         text,
  metrics_snapshot jsonb,
  created_at       timestamptz not null default now(),
  unique (profile_id, period_type, period_start)   -- its index also serves the profile_id policy
);

create table public.wt_reminders (
  id                uuid primary key default gen_random_uuid(),
  profile_id        uuid not null references public.wt_profiles (id) on delete cascade,
  module            text not null,
  title             text not null,
  body              text,
  remind_at         timestamptz not null,
  repeat_rule       text,
  is_active         boolean not null default true,
  last_triggered_at timestamptz,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now()
);
create index idx_reminders_profile_id on public.wt_reminders (profile_id);
create index idx_reminders_remind_at on public.wt_reminders (remind_at);
create trigger set_updated_at before update on public.wt_reminders
  for each row execute function private.set_updated_at();

-- Metering for the freemium limits: written by service_role only (0008).
create table public.wt_ai_usage (
  id           uuid primary key default gen_random_uuid(),
  user_id      uuid not null references auth.users (id) on delete cascade,
  profile_id   uuid references public.wt_profiles (id) on delete set null,
  usage_date   date not null,
  calls_used   int not null default 0 check (calls_used >= 0),
  tokens_used  int not null default 0 check (tokens_used >= 0),
  calls_limit  int not null check (calls_limit >= 0),
  tokens_limit int not null check (tokens_limit >= 0),
  plan_tier    public.wt_plan_tier not null,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  unique (user_id, usage_date)   -- its index also serves the user_id policy
);
create index idx_ai_usage_profile_id on public.wt_ai_usage (profile_id);   -- policy + FK
create trigger set_updated_at before update on public.wt_ai_usage
  for each row execute function private.set_updated_at();

-- Audit trail: written by service_role only (0008).
create table public.wt_ai_audit_log (
  id              uuid primary key default gen_random_uuid(),
  user_id         uuid not null references auth.users (id) on delete cascade,
  profile_id      uuid references public.wt_profiles (id) on delete set null,
  tool_called     text not null,
  input_summary   text,
  output_summary  text,
  tokens_consumed int check (tokens_consumed >= 0),
  duration_ms     int check (duration_ms >= 0),
  safety_flags    jsonb,
  created_at      timestamptz not null default now()
);
create index idx_ai_audit_user_id on public.wt_ai_audit_log (user_id);
create index idx_ai_audit_created_at on public.wt_ai_audit_log (created_at);
create index idx_ai_audit_profile_id on public.wt_ai_audit_log (profile_id);   -- policy + FK

-- wt_ai_memory.embedding is vector(1536) when pgvector can be installed on this server, and
-- otherwise real[] holding exactly 1536 values (searched in the application). A database
-- created without pgvector keeps real[]; moving it to vector later is a new migration
-- (alter column ... type vector(1536) using embedding::vector).
do $$
declare
  embedding_type text;
begin
  if exists (select 1 from pg_available_extensions where name = 'vector') then
    create extension if not exists vector;
    embedding_type := 'vector(1536)';
  else
    embedding_type := 'real[] constraint wt_ai_memory_embedding_1536 check (embedding is null or '
                      '(array_ndims(embedding) = 1 and array_length(embedding, 1) = 1536))';
  end if;

  execute format($ddl$
    create table public.wt_ai_memory (
      id           uuid primary key default gen_random_uuid(),
      user_id      uuid not null references auth.users (id) on delete cascade,
      profile_id   uuid references public.wt_profiles (id) on delete set null,
      memory_type  public.wt_memory_type not null,
      memory_key   text not null,
      memory_value jsonb not null,
      source_tool  text,
      expires_at   timestamptz,
      embedding    %s,
      created_at   timestamptz not null default now(),
      updated_at   timestamptz not null default now()
    )$ddl$, embedding_type);

  if embedding_type = 'vector(1536)' then
    -- HNSW needs pgvector 0.5+; older versions get IVFFlat.
    if exists (select 1 from pg_am where amname = 'hnsw') then
      execute 'create index idx_ai_memory_embedding on public.wt_ai_memory
                 using hnsw (embedding vector_cosine_ops)';
    else
      execute 'create index idx_ai_memory_embedding on public.wt_ai_memory
                 using ivfflat (embedding vector_cosine_ops) with (lists = 100)';
    end if;
  end if;
end
$$;
create index idx_ai_memory_user_id on public.wt_ai_memory (user_id);
create index idx_ai_memory_type on public.wt_ai_memory (memory_type);
create index idx_ai_memory_profile_id on public.wt_ai_memory (profile_id);   -- policy + FK
create trigger set_updated_at before update on public.wt_ai_memory
  for each row execute function private.set_updated_at();
