-- Account deletion (user.deleted) must be complete: once an account is marked in deleted_users, no row of it may
-- appear in images, shares or outbox again, whichever code path writes it (an upload or a PATCH whose token was
-- checked a moment before, a generation completing late, a purge, a download link).
--
-- Under READ COMMITTED a check alone is not enough: a writer may check before the mark commits and commit after
-- the deletion removed the user's rows. So the two take a per-user advisory lock: each writer a shared one (held to
-- its commit) before it checks, the mark an exclusive one. The mark therefore waits for every writer already past
-- its check (their rows commit first and the deletion removes them); any later writer waits for the mark and then
-- sees it. A hash collision between two users only makes one wait for the other.

create function account_lock_key(account uuid) returns bigint
    language sql immutable parallel safe
    as $$ select hashtextextended('gallery-account:' || account::text, 0) $$;

create function lock_account_for_deletion() returns trigger
    language plpgsql
    as $$
begin
    perform pg_advisory_xact_lock(account_lock_key(new.user_id));
    return new;
end
$$;

create trigger deleted_users_wait_for_writers
    before insert on deleted_users
    for each row execute function lock_account_for_deletion();

-- images and shares: the insert fails with SQLSTATE GD001, so its caller can undo what it did outside the database
-- (an upload deletes the objects it wrote) and answer "Account deleted".
create function refuse_rows_of_deleted_accounts() returns trigger
    language plpgsql
    as $$
begin
    perform pg_advisory_xact_lock_shared(account_lock_key(new.user_id));
    if exists (select 1 from deleted_users where user_id = new.user_id) then
        raise exception 'account % is deleted', new.user_id using errcode = 'GD001';
    end if;
    return new;
end
$$;

create trigger images_refuse_deleted_accounts
    before insert on images
    for each row execute function refuse_rows_of_deleted_accounts();

create trigger shares_refuse_deleted_accounts
    before insert on shares
    for each row execute function refuse_rows_of_deleted_accounts();

-- outbox: an event about a deleted account is dropped without failing its transaction. user.deleted already tells
-- every consumer to forget the user; an image.* published after it would bring a projection of the account back,
-- and failing instead would stop a purge batch that holds other users' images too. Keys are user ids (Topics: key =
-- userId); a key that is not one is left alone.
create function drop_events_of_deleted_accounts() returns trigger
    language plpgsql
    as $$
declare
    account uuid;
begin
    if new.message_key !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        return new;
    end if;
    account := new.message_key::uuid;
    perform pg_advisory_xact_lock_shared(account_lock_key(account));
    if exists (select 1 from deleted_users where user_id = account) then
        return null;
    end if;
    return new;
end
$$;

create trigger outbox_drop_deleted_accounts
    before insert on outbox
    for each row execute function drop_events_of_deleted_accounts();

-- The deletion removes the user's outbox rows (published or not) by key, and their shares by user.
create index outbox_message_key on outbox (message_key);
create index shares_user on shares (user_id);
