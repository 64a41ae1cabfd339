-- Image lifecycle: trash, purge, account deletion, and the events that announce them (DESIGN.md §3, §4).

-- Transactional outbox: an event row is written in the same transaction as the change it announces and
-- OutboxRelay publishes it (image.stored, image.deleted, image.downloaded). Never a dual write.
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
create index outbox_unpublished on outbox (id) where published_at is null;
-- The cleanup of published rows.
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- GET /trash: the caller's trashed rows, most recently deleted first, keyset on (deleted_at, id).
create index images_user_trashed on images (user_id, deleted_at desc, id desc) where deleted_at is not null;

-- The scheduled purge: trashed rows of every user, longest in the trash first.
create index images_trash_expiry on images (deleted_at, id) where deleted_at is not null;

-- Every row of a user, live or trashed, in the order S3 lists their keys (users/{userId}/images/{imageId}/…):
-- account deletion and the storage reconciler.
create index images_user_id on images (user_id, id);

-- Users whose account is gone (user.deleted). A generation that completes after the deletion stores nothing.
create table deleted_users (
    user_id    uuid        primary key,
    deleted_at timestamptz not null default now()
);
