package dev.atelier.gallery.messaging;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.Channels;
import dev.atelier.events.Event;
import dev.atelier.events.EventMessages;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.ImageDownloaded;
import dev.atelier.events.ImageStored;
import dev.atelier.events.Topics;
import dev.atelier.gallery.config.OutboxConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows to Kafka in id order and marks each one published only after the broker acknowledged it
 * (idempotent producer, {@code acks=all}). Rows are claimed with {@code FOR UPDATE SKIP LOCKED}; a transaction-level
 * advisory lock taken first makes the replicas relay one after the other, so a user's events leave in the order
 * they were written even with several replicas. A commit that wrote rows wakes the relay through a NOTIFY
 * ({@link OutboxNotifications}); a scheduled sweep catches whatever no notification announced. Delivery is
 * at-least-once: a crash between the broker's ack and the commit republishes, and consumers deduplicate on the
 * event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final String SERIALIZE = "select pg_advisory_xact_lock(hashtext('gallery-outbox-relay'))";
    private static final String CLAIM = """
            select id, aggregate_id, topic, payload::text as payload
            from outbox
            where published_at is null and topic = any($1)
            order by id
            limit $2
            for update skip locked""";
    private static final String MARK_PUBLISHED = "update outbox set published_at = now() where id = $1";
    private static final String PURGE = "delete from outbox where published_at < now() - make_interval(secs => $1)";

    private final Pool pool;
    private final OutboxConfig config;
    private final Map<String, Function<String, Uni<Void>>> publishers;
    /** A drain is running in this JVM; drains never overlap here. */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Someone asked for a drain while one was running: run another when it ends. */
    private final AtomicBoolean requested = new AtomicBoolean();
    /** The emitters are wired to Kafka only once the application has started. */
    private volatile boolean running;

    public OutboxRelay(Pool pool, OutboxConfig config, ObjectMapper mapper,
            @Channel(Channels.IMAGE_STORED) MutinyEmitter<ImageStored> stored,
            @Channel(Channels.IMAGE_DELETED) MutinyEmitter<ImageDeleted> deleted,
            @Channel(Channels.IMAGE_DOWNLOADED) MutinyEmitter<ImageDownloaded> downloaded) {
        this.pool = pool;
        this.config = config;
        this.publishers = Map.of(
                Topics.IMAGE_STORED, payload -> send(stored, read(mapper, payload, ImageStored.class)),
                Topics.IMAGE_DELETED, payload -> send(deleted, read(mapper, payload, ImageDeleted.class)),
                Topics.IMAGE_DOWNLOADED, payload -> send(downloaded, read(mapper, payload, ImageDownloaded.class)));
    }

    /** Reactive Messaging connects emitters at startup with a higher priority than this default observer. */
    void onStart(@Observes StartupEvent event) {
        running = true;
        // Rows left by a previous run go out now rather than at the first sweep.
        kick();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** Publish what is pending, soon, without waiting; cheap to call often. */
    public void kick() {
        if (!running) {
            return;
        }
        requested.set(true);
        if (draining.compareAndSet(false, true)) {
            drain();
        }
    }

    @Scheduled(every = "${atelier.gallery.outbox.sweep-interval}",
            delayed = "${atelier.gallery.outbox.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        kick();
    }

    @Scheduled(every = "${atelier.gallery.outbox.purge-interval}",
            delayed = "${atelier.gallery.outbox.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return pool.preparedQuery(PURGE).execute(Tuple.of((double) config.retention().toSeconds()))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        Log.infof("Deleted %d outbox rows published more than %s ago", rows.rowCount(),
                                config.retention());
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("Outbox purge failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void drain() {
        requested.set(false);
        publishBatch().subscribe().with(
                published -> finishDrain(published >= config.batchSize()),
                failure -> {
                    // The sweep tries again; don't spin while the database or the broker is down.
                    Log.warnf("Outbox relay failed: %s", failure.toString());
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
     * Claims one batch, publishes its rows one after another (keeping their order per key) and commits the ones
     * acknowledged. A send failure stops the batch; the rows after it stay pending.
     *
     * @return the number of rows published
     */
    Uni<Integer> publishBatch() {
        AtomicInteger published = new AtomicInteger();
        return pool.withTransaction(connection -> connection.query(SERIALIZE).execute()
                .chain(() -> connection.preparedQuery(CLAIM)
                        .execute(Tuple.of(publishers.keySet().toArray(String[]::new), config.batchSize())))
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> publish(connection, row, published))
                        .onFailure().invoke(failure -> Log.warnf("Outbox relay stopped at a failed send: %s",
                                failure.toString()))
                        .onFailure().recoverWithCompletion()
                        .collect().asList()))
                .map(ignored -> published.get());
    }

    private Uni<Void> publish(SqlConnection connection, Row row, AtomicInteger published) {
        long id = row.getLong("id");
        String topic = row.getString("topic");
        Object aggregate = row.getUUID("aggregate_id");
        return Uni.createFrom().deferred(() -> publishers.get(topic).apply(row.getString("payload")))
                .ifNoItem().after(config.sendTimeout()).fail()
                .chain(() -> connection.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(id)))
                .invoke(() -> {
                    published.incrementAndGet();
                    Log.debugf("Published outbox row %d to %s for image %s", id, topic, aggregate);
                })
                .replaceWithVoid()
                // A row we cannot read would fail every time: leave it for an operator, don't block the rows after it.
                .onFailure(UnreadablePayloadException.class).recoverWithUni(failure -> {
                    Log.errorf(failure, "Outbox row %d for image %s is unreadable and stays unpublished", id,
                            aggregate);
                    return Uni.createFrom().voidItem();
                });
    }

    private static <E extends Event> Uni<Void> send(MutinyEmitter<E> emitter, E event) {
        return emitter.sendMessage(EventMessages.of(event));
    }

    private static <T> T read(ObjectMapper mapper, String payload, Class<T> type) {
        try {
            return mapper.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new UnreadablePayloadException(type, e);
        }
    }

    static final class UnreadablePayloadException extends RuntimeException {
        UnreadablePayloadException(Class<?> type, Exception cause) {
            super("outbox payload is not a " + type.getSimpleName(), cause);
        }
    }
}
