-- Credits (DESIGN.md §7): one account per user, the usage log, the credits each unfinished job holds,
-- and the indexes the submit limits and the reaper read.

-- remaining = total - used - held, never below zero: the checks hold even if the service got it wrong.
create table credit_accounts (
    user_id      uuid        primary key,
    tier         text        not null check (tier in ('free', 'basic', 'premium')),
    total        int         not null check (total >= 0),
    used         int         not null default 0 check (used >= 0),
    held         int         not null default 0 check (held >= 0),
    period_start timestamptz not null,
    -- grows with every change of the account; consumers of credits.changed keep the highest one
    sequence     bigint      not null default 0 check (sequence >= 0),
    generations  bigint      not null default 0 check (generations >= 0),
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    constraint credit_accounts_never_overdrawn check (used + held <= total)
);

-- Every change of an account (and every download), newest first per user.
create table usage_logs (
    id         uuid        primary key,
    user_id    uuid        not null,
    kind       text        not null check (kind in ('hold', 'charge', 'release', 'refund', 'grant', 'download')),
    amount     int         not null check (amount >= 0),
    job_id     uuid,
    image_id   uuid,
    -- remaining credits right after this row
    balance    int         not null check (balance >= 0),
    created_at timestamptz not null
);

create index usage_logs_user_created_idx on usage_logs (user_id, created_at desc, id desc);

-- What an unfinished job holds. Settling a job deletes its row, so a job is charged or released once.
create table credit_holds (
    job_id     uuid        primary key,
    user_id    uuid        not null,
    amount     int         not null check (amount >= 0),
    images     int         not null check (images >= 1),
    created_at timestamptz not null
);

-- The max-concurrent-jobs limit counts a user's unfinished jobs; the reaper scans them by last change.
create index generation_jobs_unfinished_idx on generation_jobs (user_id) where status in ('queued', 'running');
create index generation_jobs_stale_idx on generation_jobs (updated_at) where status in ('queued', 'running');
