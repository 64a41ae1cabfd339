package dev.atelier.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the rows of a transactional outbox table (see {@code dev/atelier/outbox/outbox.sql}) and marks each one
 * published only once the broker acknowledged it. Rows are claimed in id order with {@code FOR UPDATE SKIP LOCKED},
 * so several replicas never publish a row twice in the normal case; how a batch is sent (pipelined or in strict
 * order) is chosen in {@link OutboxSettings}. Delivery is at-least-once: a crash between the broker's ack and the
 * commit republishes, and consumers deduplicate on the event id.
 *
 * <p>Plain Java: the owning service constructs it, calls {@link #start()} once its emitters are connected and
 * {@link #stop()} at shutdown, {@link #kick()} after commits that wrote rows (or from {@link OutboxListener}), on a
 * schedule as a sweep for rows no kick announced, and {@link #purge()} on a slower schedule.
 */
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final OutboxSettings settings;
    private final Map<String, Function<String, Uni<Void>>> publishers;
    private final String[] topics;
    private final String claim;
    private final String markPublished;
    private final String purge;
    /** A drain is running in this JVM; drains never overlap here (other replicas are kept apart by the locks). */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Someone asked for a drain while one was running: run another when it ends. */
    private final AtomicBoolean requested = new AtomicBoolean();
    /** The publishers can send only once the owner said so ({@link #start()}). */
    private volatile boolean running;

    /**
     * @param publishers per topic, what sends a row's payload (its JSON text) and completes once the broker has it;
     *        it throws or fails with {@link UnreadablePayloadException} for a payload it can never send. Only rows of
     *        these topics are claimed. {@link OutboxPublishers} builds them for Kafka emitters.
     */
    public OutboxRelay(Pool pool, OutboxSettings settings, Map<String, Function<String, Uni<Void>>> publishers) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (publishers.isEmpty()) {
            throw new IllegalArgumentException("an outbox relay needs at least one topic to publish");
        }
        this.publishers = Map.copyOf(publishers);
        this.topics = this.publishers.keySet().toArray(String[]::new);
        String table = settings.table();
        this.claim = """
                select id, aggregate_id, topic, payload::text as payload
                from %s
                where published_at is null and topic = any($1)
                order by id
                limit $2
                for update skip locked""".formatted(table);
        this.markPublished = "update %s set published_at = now() where id = any($1)".formatted(table);
        this.purge = "delete from %s where published_at < now() - make_interval(secs => $1)".formatted(table);
    }

    /** Lets kicks through and publishes what earlier runs left; call once the publishers can send. */
    public void start() {
        running = true;
        kick();
    }

    /** Kicks are ignored from now on; a drain under way ends after its current batch. */
    public void stop() {
        running = false;
    }

    /** Publish what is pending, soon, without waiting; cheap to call often, from any thread. */
    public void kick() {
        if (!running) {
            return;
        }
        requested.set(true);
        if (draining.compareAndSet(false, true)) {
            drain();
        }
    }

    /**
     * Deletes the rows published longer than the retention ago.
     *
     * @return how many were deleted; 0 when the delete failed (logged; the next purge tries again)
     */
    public Uni<Integer> purge() {
        return pool.preparedQuery(purge).execute(Tuple.of(settings.retention().toMillis() / 1000.0))
                .map(RowSet::rowCount)
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Deleted %d rows of %s published more than %s ago", deleted, settings.table(),
                                settings.retention());
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("Purge of %s failed: %s", settings.table(), failure))
                .onFailure().recoverWithItem(0);
    }

    private void drain() {
        requested.set(false);
        publishBatch().subscribe().with(
                published -> finishDrain(published >= settings.batchSize()),
                failure -> {
                    // The sweep tries again; don't spin while the database or the broker is down.
                    LOG.warnf("Relay of %s failed: %s", settings.table(), failure);
                    finishDrain(false);
                });
    }

    private void finishDrain(boolean fullBatch) {
        if (fullBatch && running) {
            drain();
            return;
        }
        draining.set(false);
        if (running && requested.get() && draining.compareAndSet(false, true)) {
            drain();
        }
    }

    /**
     * Claims one batch in id order, sends it as {@link OutboxSettings} says and marks the acknowledged rows published
     * in one update, all in one transaction.
     *
     * @return the number of rows published
     */
    Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> serialize(connection)
                .chain(() -> connection.preparedQuery(claim).execute(Tuple.of(topics, settings.batchSize())))
                .chain(rows -> settings.strictOrder() ? sendInOrder(rows) : sendPipelined(rows))
                .chain(acknowledged -> markPublished(connection, acknowledged)));
    }

    private Uni<Void> serialize(SqlConnection connection) {
        if (!settings.strictOrder()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of(settings.strictOrderLock()))
                .replaceWithVoid();
    }

    /**
     * All rows go to the producer in id order without waiting for each acknowledgement (the idempotent producer keeps
     * that order within a partition). A row whose send fails stays pending; rows after it may already be out.
     */
    private Uni<List<Long>> sendPipelined(RowSet<Row> rows) {
        List<Uni<Long>> sends = new ArrayList<>();
        for (Row row : rows) {
            sends.add(send(row).onFailure().recoverWithItem(failure -> {
                if (!(failure instanceof UnreadablePayloadException)) {
                    LOG.warnf("Outbox row %d to %s for %s not sent, stays pending: %s", row.getLong("id"),
                            row.getString("topic"), row.getUUID("aggregate_id"), failure);
                }
                return null;
            }));
        }
        if (sends.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(sends).andCollectFailures();
    }

    /** One row after the other; the first failed send ends the batch, so no row overtakes a pending one. */
    private Uni<List<Long>> sendInOrder(RowSet<Row> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> send(row)
                        .onFailure(UnreadablePayloadException.class).recoverWithNull()
                        .onFailure().invoke(failure -> LOG.warnf(
                                "Outbox row %d to %s for %s not sent; it and the rows after it stay pending: %s",
                                row.getLong("id"), row.getString("topic"), row.getUUID("aggregate_id"), failure)))
                .onFailure().recoverWithCompletion()
                .collect().asList();
    }

    /** Sends one row: its id once the broker has it. */
    private Uni<Long> send(Row row) {
        long id = row.getLong("id");
        String topic = row.getString("topic");
        Object aggregate = row.getUUID("aggregate_id");
        return Uni.createFrom().deferred(() -> publishers.get(topic).apply(row.getString("payload")))
                .ifNoItem().after(settings.sendTimeout()).fail()
                .map(sent -> {
                    LOG.debugf("Published outbox row %d to %s for %s", id, topic, aggregate);
                    return id;
                })
                .onFailure(UnreadablePayloadException.class).invoke(failure ->
                        // It would fail every time: it stays for an operator, and never blocks the rows after it.
                        LOG.errorf(failure, "Outbox row %d to %s for %s is unreadable and stays unpublished", id,
                                topic, aggregate));
    }

    private Uni<Integer> markPublished(SqlConnection connection, List<Long> acknowledged) {
        Long[] ids = acknowledged.stream().filter(Objects::nonNull).toArray(Long[]::new);
        if (ids.length == 0) {
            return Uni.createFrom().item(0);
        }
        return connection.preparedQuery(markPublished).execute(Tuple.of(ids)).replaceWith(ids.length);
    }
}
