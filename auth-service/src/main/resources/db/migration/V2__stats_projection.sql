-- The stats projection behind GET /api/v1/users/me/stats, kept from gallery-service's image.stored/image.deleted
-- and image-service's credits.changed. Only rows of existing users: the consumer checks the user under a key-share
-- lock, the foreign keys back that up, and StatsProjection.forget drops a user's rows when the account goes.

-- One row per image id ever seen. deleted_at set = a tombstone, so a duplicate or late image.stored never revives
-- or double-counts an image; totals are derived from the live rows.
create table stats_images (
    image_id   uuid primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    style      text,
    bytes      bigint      not null check (bytes >= 0),
    deleted_at timestamptz,
    updated_at timestamptz not null default now()
);

create index stats_images_user_id_idx on stats_images (user_id);

-- The newest credits.changed snapshot per user (highest sequence); an older one arriving late is ignored.
create table stats_credits (
    user_id     uuid primary key references users (id) on delete cascade,
    sequence    bigint      not null,
    tier        text        not null,
    total       integer     not null,
    used        integer     not null,
    held        integer     not null,
    remaining   integer     not null,
    generations bigint      not null,
    updated_at  timestamptz not null default now()
);

-- Consumed event ids: a redelivered event finds its id here and is skipped. Holds no user id.
create table processed_events (
    event_id     uuid primary key,
    processed_at timestamptz not null default now()
);
