package dev.atelier.auth.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.domain.CreditSnapshot;
import dev.atelier.auth.domain.UserStats;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The stats projection's tables ({@code stats_images}, {@code stats_credits}). Writes join the caller's Hibernate
 * Reactive transaction; the read is one statement on the reactive pool, so it sees one consistent snapshot.
 */
@ApplicationScoped
public class StatsRepository {

    // Key share: the account cannot be deleted until this transaction ends, and a deletion already under way makes
    // this wait and then find no row. So no projection row is ever written for an account that is gone.
    private static final String LOCK_USER = "select id from users where id = ?1 for key share";

    // A second image.stored of the same image, or one arriving after its image.deleted (the tombstone), changes
    // nothing.
    private static final String IMAGE_STORED = """
            insert into stats_images (image_id, user_id, style, bytes, updated_at)
            values (?1, ?2, ?3, ?4, now())
            on conflict (image_id) do nothing
            """;

    // Deleting an image never seen leaves a tombstone; a deletion naming another user's image changes nothing.
    private static final String IMAGE_DELETED = """
            insert into stats_images (image_id, user_id, style, bytes, deleted_at, updated_at)
            values (?1, ?2, ?3, ?4, now(), now())
            on conflict (image_id) do update set deleted_at = excluded.deleted_at, updated_at = excluded.updated_at
            where stats_images.deleted_at is null and stats_images.user_id = excluded.user_id
            """;

    private static final String CREDITS_CHANGED = """
            insert into stats_credits (user_id, sequence, tier, total, used, held, remaining, generations, updated_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now())
            on conflict (user_id) do update set sequence = excluded.sequence, tier = excluded.tier,
                total = excluded.total, used = excluded.used, held = excluded.held, remaining = excluded.remaining,
                generations = excluded.generations, updated_at = excluded.updated_at
            where stats_credits.sequence < excluded.sequence
            """;

    private static final String FORGET_IMAGES = "delete from stats_images where user_id = ?1";
    private static final String FORGET_CREDITS = "delete from stats_credits where user_id = ?1";

    // One row per style the user ever had an image of (tombstones included, for updated_at), or a single row of
    // nulls without any; the credit columns repeat on each. No row at all: the account does not exist.
    private static final String STATS = """
            select c.tier, c.total, c.used, c.held, c.remaining, c.generations, c.updated_at as credits_updated_at,
                   i.style, i.images, i.bytes, i.updated_at as images_updated_at
            from users u
            left join stats_credits c on c.user_id = u.id
            left join lateral (
                select style, count(*) filter (where deleted_at is null) as images,
                       coalesce(sum(bytes) filter (where deleted_at is null), 0)::bigint as bytes,
                       max(updated_at) as updated_at
                from stats_images
                where user_id = u.id
                group by style) i on true
            where u.id = $1
            """;

    private final Pool pool;

    public StatsRepository(Pool pool) {
        this.pool = pool;
    }

    /** In the current transaction: true when the account exists, and then it stays until the transaction ends. */
    public Uni<Boolean> lockUser(UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_USER, UUID.class).setParameter(1, userId)
                        .getResultList())
                .map(ids -> !ids.isEmpty());
    }

    /** @return true when the image is new to the projection */
    public Uni<Boolean> imageStored(UUID imageId, UUID userId, String style, long bytes) {
        return update(IMAGE_STORED, imageId, userId, style, bytes);
    }

    /** @return true when a live image (or none yet) of this user became deleted */
    public Uni<Boolean> imageDeleted(UUID imageId, UUID userId, String style, long bytes) {
        return update(IMAGE_DELETED, imageId, userId, style, bytes);
    }

    /** @return true when the snapshot is newer than the one kept (or the first) */
    public Uni<Boolean> creditsChanged(UUID userId, long sequence, CreditSnapshot snapshot) {
        return update(CREDITS_CHANGED, userId, sequence, snapshot.tier(), snapshot.total(), snapshot.used(),
                snapshot.held(), snapshot.remaining(), snapshot.generations());
    }

    /** Deletes every projection row of the user in the current transaction; @return the rows deleted. */
    public Uni<Integer> forget(UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(FORGET_IMAGES).setParameter(1, userId).executeUpdate()
                        .chain(images -> session.createNativeQuery(FORGET_CREDITS).setParameter(1, userId)
                                .executeUpdate().map(credits -> images + credits)));
    }

    /** Empty when the account does not exist. */
    public Uni<Optional<UserStats>> stats(UUID userId) {
        return pool.preparedQuery(STATS).execute(Tuple.of(userId)).map(StatsRepository::toStats);
    }

    private static Optional<UserStats> toStats(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        long images = 0;
        long bytes = 0;
        Map<String, Long> byStyle = new TreeMap<>();
        CreditSnapshot credits = null;
        Instant updatedAt = null;
        for (Row row : rows) {
            if (credits == null && row.getString("tier") != null) {
                credits = new CreditSnapshot(row.getString("tier"), row.getInteger("total"), row.getInteger("used"),
                        row.getInteger("held"), row.getInteger("remaining"), row.getLong("generations"));
                updatedAt = latest(updatedAt, row.getOffsetDateTime("credits_updated_at"));
            }
            Long live = row.getLong("images");
            if (live == null) {
                continue; // the user has no image rows at all
            }
            updatedAt = latest(updatedAt, row.getOffsetDateTime("images_updated_at"));
            if (live > 0) {
                images += live;
                bytes += row.getLong("bytes");
                String style = row.getString("style");
                byStyle.merge(style == null ? UserStats.UNLABELLED : style, live, Long::sum);
            }
        }
        return Optional.of(new UserStats(images, bytes, byStyle, credits, updatedAt));
    }

    private static Instant latest(Instant current, OffsetDateTime candidate) {
        if (candidate == null) {
            return current;
        }
        Instant instant = candidate.toInstant();
        return current == null || instant.isAfter(current) ? instant : current;
    }

    private static Uni<Boolean> update(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        }).map(changed -> changed > 0);
    }
}
