-- Generation parameters derived from the emotion (GenerationRequested.params), and whether the emotion was
-- detected from the prompt rather than given by the user.
alter table generation_jobs
    add column params jsonb not null default '{}'::jsonb,
    add column emotion_detected boolean not null default false;

-- Every status or progress change of a job, in the order they committed. Written only by the trigger below, so
-- every code path (submit, the worker's events, cancel, the reaper, a manual fix) is caught. The SSE stream of
-- GET /generations/{id}/events replays these rows (seq is the event id) and follows new ones.
create table job_events (
    seq        bigserial   primary key,
    job_id     uuid        not null references generation_jobs (id) on delete cascade,
    kind       text        not null check (kind in ('status', 'progress')),
    status     text        not null,
    progress   int         not null,
    error_code text,
    at         timestamptz not null default clock_timestamp()
);

create index job_events_job_seq_idx on job_events (job_id, seq);

-- Jobs from before this migration get one event with their current state, so every job has at least one.
insert into job_events (job_id, kind, status, progress, error_code, at)
select id, 'status', status, progress, error_code, updated_at
from generation_jobs
order by created_at, id;

-- Logs the change and tells every listening replica (LISTEN job_events) at commit. Changes to one job are
-- serialised by its row lock, so a job's events commit in seq order: "seq > last seen" never skips one.
create function generation_jobs_log_event() returns trigger
    language plpgsql as
$$
declare
    event_kind text;
    event_seq  bigint;
begin
    event_kind := case
        when tg_op = 'INSERT' or new.status is distinct from old.status then 'status'
        else 'progress'
    end;
    insert into job_events (job_id, kind, status, progress, error_code)
    values (new.id, event_kind, new.status, new.progress, new.error_code)
    returning seq into event_seq;
    perform pg_notify('job_events',
        json_build_object('jobId', new.id, 'seq', event_seq, 'status', new.status)::text);
    return null;
end;
$$;

create trigger generation_jobs_event_on_insert
    after insert on generation_jobs
    for each row execute function generation_jobs_log_event();

create trigger generation_jobs_event_on_change
    after update of status, progress on generation_jobs
    for each row
    when (old.status is distinct from new.status or old.progress is distinct from new.progress)
    execute function generation_jobs_log_event();

-- Queue depth and running count for GET /generations/status, and the reaper's scans, read only active jobs.
create index generation_jobs_active_idx on generation_jobs (status, created_at)
    where status in ('queued', 'running');

-- Recent durations of succeeded jobs (the wait estimate).
create index generation_jobs_succeeded_finished_idx on generation_jobs (finished_at)
    where status = 'succeeded';

-- The latest report of each worker about each provider (ProviderStatus on provider.status). Kept in the
-- database so every replica answers GET /generations/status alike, whichever replica consumed the report.
create table provider_status (
    worker_id   text        not null,
    provider    text        not null,
    status      text        not null,
    reported_at timestamptz not null,
    primary key (worker_id, provider)
);
