package dev.atelier.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.atelier.infra.PostgresServer;
import dev.atelier.testinfra.SharedInfrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The real PostgreSQL of this test JVM with the module's own outbox DDL applied once, and a reactive pool on it.
 * Tests keep apart by using topics (and channels) of their own, not by wiping the table.
 */
final class OutboxDatabase {
    static final String DATABASE = "outbox";
    /** How long a test waits for something that happens in the background before it fails. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private static Vertx vertx;
    private static Pool pool;
    /** A connection of its own, for looking at the pool's connections from outside. */
    private static Pool observer;

    private OutboxDatabase() {
    }

    static synchronized Pool pool() {
        if (pool == null) {
            PostgresServer postgres = SharedInfrastructure.get().postgres();
            postgres.createDatabase(DATABASE);
            vertx = Vertx.vertx();
            PgConnectOptions database = PgConnectOptions.fromUri(postgres.reactiveUrl(DATABASE))
                    .setUser(PostgresServer.USER)
                    .setPassword(PostgresServer.PASSWORD);
            pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(6)).connectingTo(database).using(vertx).build();
            observer = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(database).using(vertx)
                    .build();
            pool.query(ddl()).execute().await().atMost(PATIENCE);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                observer.closeAndAwait();
                pool.closeAndAwait();
                vertx.closeAndAwait();
            }, "outbox-test-pool-stop"));
        }
        return pool;
    }

    static synchronized Vertx vertx() {
        pool();
        return vertx;
    }

    /** The DDL this module documents, exactly as shipped. */
    private static String ddl() {
        try (InputStream in = OutboxRelay.class.getResourceAsStream("/dev/atelier/outbox/outbox.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String newTopic() {
        return "test." + UUID.randomUUID();
    }

    /** A pending row of {@code topic} whose payload is the JSON string {@code name}; its id. */
    static long insert(String topic, String name) {
        return pool().preparedQuery("""
                        insert into outbox (aggregate_id, topic, message_key, event_type, payload)
                        values ($1, $2, $3, $2, to_jsonb($4::text)) returning id""")
                .execute(Tuple.of(UUID.randomUUID(), topic, "key", name))
                .await().atMost(PATIENCE)
                .iterator().next().getLong("id");
    }

    /** The names of the rows of {@code topic} marked published, in id order. */
    static List<String> published(String topic) {
        return names("select payload #>> '{}' as name from outbox where topic = $1 and published_at is not null"
                + " order by id", topic);
    }

    /** The names of the rows of {@code topic} still pending, in id order. */
    static List<String> pending(String topic) {
        return names("select payload #>> '{}' as name from outbox where topic = $1 and published_at is null"
                + " order by id", topic);
    }

    static long count(String sql, Object... params) {
        return pool().preparedQuery(sql).execute(Tuple.from(params)).await().atMost(PATIENCE)
                .iterator().next().getLong(0);
    }

    /** {@link #count} on a connection that is not the pool's, so it cannot be the one it looks at. */
    static synchronized long observe(String sql, Object... params) {
        pool();
        return observer.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(PATIENCE)
                .iterator().next().getLong(0);
    }

    static void update(String sql, Object... params) {
        pool().preparedQuery(sql).execute(Tuple.from(params)).await().atMost(PATIENCE);
    }

    private static List<String> names(String sql, String topic) {
        List<String> names = new ArrayList<>();
        for (Row row : pool().preparedQuery(sql).execute(Tuple.of(topic)).await().atMost(PATIENCE)) {
            names.add(row.getString("name"));
        }
        return names;
    }
}
