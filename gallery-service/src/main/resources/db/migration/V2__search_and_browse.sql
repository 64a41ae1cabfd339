-- Search and filters of the gallery list (DESIGN.md §4, notes/perf-floor.md).
-- Creating an extension needs a superuser (or, for these trusted extensions, CREATE on the database). Where the
-- service's database user may not, an administrator runs these two lines once before the service starts;
-- "if not exists" then makes them no-ops here.
create extension if not exists pg_trgm;
create extension if not exists btree_gin;

-- Every index leads with user_id (btree_gin makes a uuid a GIN key) so a search only walks the caller's entries:
-- a trigram index over all users makes PostgreSQL scan every user's matches first (1.3 s against ~0.1 s in
-- perf-floor.md). Partial on live rows like the list's own index: every list and search query asks for them.
-- fastupdate off: with it on, new rows wait in an unsorted pending list (up to 4 MB, flushed only by
-- (auto)vacuum) that every search reads in full and that makes the planner shun the index; measured at 9,000
-- fresh rows: 10–27 ms without the index against 0.1–5 ms with it. Images arrive one at a time, so paying the
-- index update on each insert (~0.2 ms) is the better trade.

-- q and name=: "q <% name" (word_similarity), "name ilike '%…%'".
create index images_user_name_trgm on images using gin (user_id, name gin_trgm_ops)
    with (fastupdate = off) where deleted_at is null;

-- q and prompt=: the same over the prompt.
create index images_user_prompt_trgm on images using gin (user_id, prompt gin_trgm_ops)
    with (fastupdate = off) where deleted_at is null;

-- tag=: "tags @> array[…]".
create index images_user_tags on images using gin (user_id, tags)
    with (fastupdate = off) where deleted_at is null;

-- pg_trgm declares its similarity functions as cheap as "=" (COST 1), but one word_similarity call takes ~7 µs
-- against ~0.05 µs for a comparison (measured on the 2-core machine): ~150 times the declared cost. Believing
-- it, PostgreSQL filters every row of a user's gallery (or the whole table) instead of using the trigram indexes
-- above: 37–80 ms instead of 5–10 ms for a search over 9,000–30,000 rows. Its estimate of how often a word
-- matches is table-wide, so a word common in other galleries makes the scan look cheaper still; the true cost
-- tips the plan back to the index. Changing a function needs its owner, a superuser: where the service's user is not
-- one, the migration goes on with a warning and an administrator runs these three lines.
-- pg_dump does not keep the costs of an extension's functions: run them again after a restore into a new cluster.
do $$
begin
    alter function word_similarity(text, text) cost 200;
    alter function word_similarity_op(text, text) cost 200;
    alter function word_similarity_commutator_op(text, text) cost 200;
exception when insufficient_privilege then
    raise warning 'pg_trgm costs unchanged (%): an administrator should run the ALTER FUNCTION lines of V2', sqlerrm;
end
$$;
