-- Idempotent submits: a client's Idempotency-Key (per user) and a hash of the normalised request it came with.
-- The purge clears both after atelier.image.idempotency.retention; the job itself stays.
alter table generation_jobs
    add column idempotency_key text check (char_length(idempotency_key) between 1 and 255),
    add column request_hash    text,
    add constraint generation_jobs_key_has_hash check ((idempotency_key is null) = (request_hash is null));

-- The arbiter of two concurrent first requests with one key: the second insert fails and answers with the first.
create unique index generation_jobs_user_idempotency_key_uq
    on generation_jobs (user_id, idempotency_key) where idempotency_key is not null;

-- The purge scans only rows that still hold a key.
create index generation_jobs_idempotency_created_idx
    on generation_jobs (created_at) where idempotency_key is not null;

-- Prompt cache: cache_key (a hash of normalised prompt, style, size, count, emotion, seed, provider) is set on
-- rendered jobs whose request fixed the seed; a job answered from the cache has cached = true and no cache_key.
alter table generation_jobs
    add column cache_key text,
    add column cached    boolean not null default false;

create index generation_jobs_cache_idx
    on generation_jobs (user_id, cache_key, created_at desc) where cache_key is not null;

-- Regenerate and cache invalidation look jobs up by one of their images.
create index generation_jobs_image_ids_idx on generation_jobs using gin (image_ids);

-- Images gallery-service deleted for good (image.deleted): the cache never answers with them and a regenerate
-- from one is a 404. One small row per deleted image.
create table deleted_images (
    image_id   uuid        primary key,
    user_id    uuid        not null,
    deleted_at timestamptz not null
);
