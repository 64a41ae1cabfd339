-- Generation jobs: one row per POST /api/v1/generations. Status only moves forward
-- (queued -> running -> succeeded | failed | canceled); the service enforces the order.
create table generation_jobs (
    id            uuid        primary key,
    user_id       uuid        not null,
    prompt        text        not null,
    style         text        not null,
    size          text        not null,
    count         int         not null check (count between 1 and 4),
    name          text,
    emotion       text,
    seed          bigint      not null check (seed >= 0),
    provider      text        not null,
    status        text        not null check (status in ('queued', 'running', 'succeeded', 'failed', 'canceled')),
    cost          int         not null check (cost >= 0),
    attempt       int         not null check (attempt >= 1),
    progress      int         not null default 0 check (progress between 0 and 100),
    error_code    text,
    error_message text,
    image_ids     uuid[],
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    started_at    timestamptz,
    finished_at   timestamptz
);

-- A user's jobs newest first, keyset-paged on (created_at, id).
create index generation_jobs_user_created_idx on generation_jobs (user_id, created_at desc, id desc);

-- Transactional outbox: written in the same transaction as the job, published by OutboxRelay.
create table outbox (
    id           bigserial   primary key,
    aggregate_id uuid        not null,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

-- The relay only ever scans unpublished rows, in id order.
create index outbox_unpublished_idx on outbox (id) where published_at is null;

-- Consumed event ids: a redelivered event finds its id here and is skipped.
create table processed_events (
    event_id     uuid        primary key,
    processed_at timestamptz not null default now()
);
