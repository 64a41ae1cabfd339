-- Webhooks: endpoints a user registers, the one-off URL a submit may carry, and a durable queue of deliveries.

-- The one-off URL of a submit ("webhook" in POST /generations), told about every way the job ends.
alter table generation_jobs
    add column webhook_url text;

-- A user's registered endpoints. The secret signs deliveries (Standard Webhooks, "whsec_" + base64); after a
-- rotation the previous one keeps signing too until previous_secret_expires_at, so receivers can switch over.
create table webhook_endpoints (
    id                         uuid        primary key,
    user_id                    uuid        not null,
    url                        text        not null,
    event_types                text[]      not null,
    description                text,
    secret                     text        not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    enabled                    boolean     not null default true,
    disabled_reason            text,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null
);

create index webhook_endpoints_user_idx on webhook_endpoints (user_id, created_at, id);

-- The secret that signs the one-off webhooks of a user's submits (one per user, made when first asked for).
create table webhook_user_secrets (
    user_id                    uuid        primary key,
    secret                     text        not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null
);

-- One message per (endpoint, job, event): its id is the webhook-id, the same on every attempt. endpoint_id is
-- null for a submit's one-off URL (url then holds it). Rows are written only by the trigger below, in the
-- transaction that finishes the job, so no code path that ends a job can forget them and none is written twice.
-- A deliverer claims a due row by moving next_attempt_at past its lease; a crash mid-attempt makes it due again.
create table webhook_deliveries (
    id              uuid        primary key default gen_random_uuid(),
    endpoint_id     uuid        references webhook_endpoints (id) on delete cascade,
    user_id         uuid        not null,
    job_id          uuid        not null references generation_jobs (id) on delete cascade,
    event_type      text        not null,
    url             text,
    status          text        not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default clock_timestamp(),
    retry_from      timestamptz not null default clock_timestamp(),
    payload         text,
    last_status     int,
    last_error      text,
    created_at      timestamptz not null default clock_timestamp(),
    finished_at     timestamptz,
    check ((endpoint_id is null) <> (url is null))
);

create unique index webhook_deliveries_endpoint_job_event_key on webhook_deliveries (endpoint_id, job_id, event_type)
    where endpoint_id is not null;
create unique index webhook_deliveries_one_off_key on webhook_deliveries (job_id, event_type)
    where endpoint_id is null;
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at desc, id desc);
create index webhook_deliveries_finished_idx on webhook_deliveries (finished_at) where status <> 'pending';

-- Every attempt of a delivery: the log of GET /webhooks/{id}/deliveries.
create table webhook_attempts (
    id           bigserial   primary key,
    delivery_id  uuid        not null references webhook_deliveries (id) on delete cascade,
    attempted_at timestamptz not null,
    status_code  int,
    error        text,
    duration_ms  int         not null
);

create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, id);

create function generation_jobs_enqueue_webhooks() returns trigger
    language plpgsql as
$$
declare
    event text;
begin
    event := case new.status
        when 'succeeded' then 'generation.succeeded'
        when 'failed' then 'generation.failed'
        when 'canceled' then 'generation.canceled'
    end;
    if event is null then
        return null;
    end if;
    insert into webhook_deliveries (endpoint_id, user_id, job_id, event_type)
    select e.id, new.user_id, new.id, event
    from webhook_endpoints e
    where e.user_id = new.user_id and e.enabled and event = any (e.event_types)
    on conflict do nothing;
    if new.webhook_url is not null then
        insert into webhook_deliveries (user_id, job_id, event_type, url)
        values (new.user_id, new.id, event, new.webhook_url)
        on conflict do nothing;
    end if;
    return null;
end;
$$;

create trigger generation_jobs_webhooks_on_insert
    after insert on generation_jobs
    for each row
    when (new.status in ('succeeded', 'failed', 'canceled'))
    execute function generation_jobs_enqueue_webhooks();

create trigger generation_jobs_webhooks_on_finish
    after update of status on generation_jobs
    for each row
    when (old.status is distinct from new.status and new.status in ('succeeded', 'failed', 'canceled'))
    execute function generation_jobs_enqueue_webhooks();
