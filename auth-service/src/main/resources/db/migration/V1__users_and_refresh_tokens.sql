-- Accounts. Emails are stored trimmed and lower-cased; the unique index on lower(email) keeps them unique
-- case-insensitively even if a future writer forgets to normalise.
create table users (
    id            uuid primary key,
    email         text        not null,
    name          text        not null,
    password_hash text        not null,
    tier          text        not null default 'free',
    roles         text[]      not null default '{user}',
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    last_login_at timestamptz
);

create unique index users_email_lower_key on users (lower(email));

-- Opaque refresh tokens, stored only as the SHA-256 of the token. A family is one sign-in session: every
-- rotation stays in the family, and presenting a rotated token again revokes the whole family.
create table refresh_tokens (
    token_hash  text primary key,
    user_id     uuid        not null references users (id) on delete cascade,
    family      uuid        not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    replaced_by text,
    created_at  timestamptz not null default now()
);

create index refresh_tokens_family_idx on refresh_tokens (family);
create index refresh_tokens_user_id_idx on refresh_tokens (user_id);
