-- Accounts (issue 4): users deleted in auth-service, and the admin's tier changes and credit grants.

-- One tombstone per deleted user (user.deleted), kept for good: a still-valid access token of that user is refused,
-- and a late event naming them (a completion, a download, an image deletion, a grant) recreates nothing. It holds
-- the id and the time, nothing else; every other row of the user is deleted in the transaction that writes it.
create table deleted_users (
    user_id    uuid        primary key,
    deleted_at timestamptz not null
);

-- What the deletion finds by user (the other tables have an index led by user_id already).
create index credit_holds_user_idx on credit_holds (user_id);
create index deleted_images_user_idx on deleted_images (user_id);

-- granted: credits an admin added for the current period (credits.granted), counted in total; a new month clears
-- them with used. tier_changed_at: when an admin last set the tier (user.tier-changed); from then on only an admin's
-- changes move the tier, no longer the tier claim of the user's access tokens.
alter table credit_accounts
    add column granted         int not null default 0 check (granted >= 0),
    add column tier_changed_at timestamptz;

-- Admin changes in the usage log: a tier change (amount = how much total moved, negative for a downgrade) and a
-- grant with the admin's reason; both name the admin.
alter table usage_logs
    drop constraint usage_logs_kind_check,
    add constraint usage_logs_kind_check
        check (kind in ('hold', 'charge', 'release', 'refund', 'grant', 'download', 'tier-change')),
    drop constraint usage_logs_amount_check,
    add constraint usage_logs_amount_check check (amount >= 0 or kind = 'tier-change'),
    add column reason   text,
    add column admin_id uuid;
