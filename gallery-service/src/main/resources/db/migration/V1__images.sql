-- Each user's private library (DESIGN.md §4). Built for the later features too: tags, favourite, metadata
-- (PATCH), deleted_at (trash), source 'uploaded' (uploads) and content_hash (dedup, downloads).
create table images (
    id           uuid primary key,
    user_id      uuid        not null,
    job_id       uuid,
    name         text,
    prompt       text,
    style        text,
    emotion      text,
    tags         text[]      not null default '{}',
    favorite     boolean     not null default false,
    metadata     jsonb       not null default '{}',
    source       text        not null,
    format       text,
    width        int,
    height       int,
    bytes        bigint,
    -- variant (original|medium|thumb) -> S3 object key
    storage_keys jsonb       not null default '{}',
    content_hash text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null default now(),
    deleted_at   timestamptz,
    constraint images_source_check check (source in ('generated', 'uploaded')),
    constraint images_metadata_object check (jsonb_typeof(metadata) = 'object'),
    constraint images_storage_keys_object check (jsonb_typeof(storage_keys) = 'object'),
    constraint images_dimensions_positive check (width > 0 and height > 0),
    constraint images_bytes_non_negative check (bytes >= 0)
);

-- The gallery's page query: the caller's live rows, newest first, keyset on (created_at, id).
create index images_user_live_newest on images (user_id, created_at desc, id desc) where deleted_at is null;

-- Every consumed event id, written in the same transaction as its effect: a redelivery finds its id and does nothing.
create table processed_events (
    event_id     uuid primary key,
    processed_at timestamptz not null default now()
);
