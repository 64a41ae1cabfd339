-- Failed sign-ins, one row per failure and per subject: the normalised email (known account or not, so throttling
-- reveals nothing about which accounts exist) and the client address. Subjects are stored as SHA-256 hex, not in
-- clear. Shared by every replica, so the limits hold however many instances run. Rows older than the window are
-- purged.
create table signin_failures (
    id        bigserial   primary key,
    kind      text        not null check (kind in ('account', 'ip')),
    subject   text        not null,
    failed_at timestamptz not null default now()
);

create index signin_failures_subject_idx on signin_failures (kind, subject, failed_at desc);
create index signin_failures_failed_at_idx on signin_failures (failed_at);

-- Events to publish (user.deleted, user.tier-changed, credits.granted), written in the transaction that causes
-- them and relayed to Kafka afterwards; the same shape as image-service's and gallery-service's outbox.
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

create index outbox_unpublished_idx on outbox (id) where published_at is null;
create index outbox_published_at_idx on outbox (published_at) where published_at is not null;

-- Every admin action: who did what to whom, with its parameters. Kept when the target account is deleted (the
-- audit outlives the account), so no foreign keys.
create table admin_audit (
    id         bigserial   primary key,
    admin_id   uuid        not null,
    action     text        not null,
    target_id  uuid,
    details    jsonb       not null default '{}',
    created_at timestamptz not null default now()
);

create index admin_audit_target_idx on admin_audit (target_id, created_at desc);
create index admin_audit_created_idx on admin_audit (created_at desc);
