-- Uploads need no new column: images.source already allows 'uploaded', and format/width/height/bytes/
-- storage_keys/content_hash are filled as for generated images.

-- Share links (DESIGN.md §4). Only the SHA-256 of a token is stored: a leaked table gives no working link.
create table shares (
    id         uuid primary key,
    image_id   uuid        not null references images (id) on delete cascade,
    user_id    uuid        not null,
    token_hash text        not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz,
    constraint shares_token_hash_unique unique (token_hash),
    constraint shares_token_hash_sha256 check (token_hash ~ '^[0-9a-f]{64}$'),
    constraint shares_expire_after_creation check (expires_at > created_at)
);

-- An image's shares (the list, and the cascade when the image row is deleted).
create index shares_image on shares (image_id, created_at desc);
