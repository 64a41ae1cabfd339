package dev.atelier.image.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.Channels;
import dev.atelier.events.CreditsChanged;
import dev.atelier.events.EventMessages;
import dev.atelier.events.GenerationCanceled;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.Topics;
import dev.atelier.image.config.ImageConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows to Kafka in id order and marks each one published only after the broker acknowledged it.
 * Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas can relay at once without publishing a
 * row twice in the normal case. A submit kicks the relay right after its commit (low latency); a scheduled sweep
 * catches whatever a kick missed, e.g. rows committed just before a crash. Delivery is at-least-once: a crash
 * between the broker's ack and the commit republishes, and consumers deduplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final String CLAIM = """
            select id, aggregate_id, topic, payload::text as payload
            from outbox
            where published_at is null and topic = any($1)
            order by id
            limit $2
            for update skip locked""";
    private static final String MARK_PUBLISHED = "update outbox set published_at = now() where id = any($1)";
    private static final String PURGE = "delete from outbox where published_at < now() - make_interval(secs => $1)";

    private final Pool pool;
    private final ImageConfig.Outbox config;
    private final Map<String, Function<String, Uni<Void>>> publishers;
    /** A drain is running in this JVM; drains never overlap here (other replicas are kept apart by the locks). */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Someone asked for a drain while one was running: run another when it ends. */
    private final AtomicBoolean requested = new AtomicBoolean();
    /** The emitter is wired to Kafka only once the application has started. */
    private volatile boolean running;

    public OutboxRelay(Pool pool, ImageConfig config, ObjectMapper mapper,
            @Channel(Channels.GENERATION_REQUESTED) MutinyEmitter<GenerationRequested> generationRequested,
            @Channel(Channels.GENERATION_CANCELED) MutinyEmitter<GenerationCanceled> generationCanceled,
            @Channel(Channels.CREDITS_CHANGED) MutinyEmitter<CreditsChanged> creditsChanged) {
        this.pool = pool;
        this.config = config.outbox();
        this.publishers = Map.of(
                Topics.GENERATION_REQUESTED, payload -> generationRequested.sendMessage(
                        EventMessages.of(read(mapper, payload, GenerationRequested.class))),
                Topics.GENERATION_CANCELED, payload -> generationCanceled.sendMessage(
                        EventMessages.of(read(mapper, payload, GenerationCanceled.class))),
                Topics.CREDITS_CHANGED, payload -> creditsChanged.sendMessage(
                        EventMessages.of(read(mapper, payload, CreditsChanged.class))));
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

    @Scheduled(every = "${atelier.image.outbox.sweep-interval}", delayed = "${atelier.image.outbox.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        kick();
    }

    @Scheduled(every = "${atelier.image.outbox.purge-interval}", delayed = "${atelier.image.outbox.purge-interval}",
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
     * Claims one batch, hands all its rows to the producer in id order without waiting for each acknowledgement (the
     * idempotent producer keeps that order within a partition, so one user's events stay in order), then marks the
     * acknowledged rows published in one update. A row whose send fails stays pending for the next drain; rows after
     * it may already be out, which consumers tolerate: they deduplicate, keep the newest credit snapshot by
     * sequence, and a worker remembers a cancel that arrives before its request.
     *
     * @return the number of rows published
     */
    Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(publishers.keySet().toArray(String[]::new), config.batchSize()))
                .chain(rows -> {
                    List<Uni<Long>> sends = new ArrayList<>();
                    rows.forEach(row -> sends.add(publish(row)));
                    if (sends.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join().all(sends).andCollectFailures()
                            .chain(ids -> {
                                Long[] acknowledged = ids.stream().filter(Objects::nonNull).toArray(Long[]::new);
                                if (acknowledged.length == 0) {
                                    return Uni.createFrom().item(0);
                                }
                                return connection.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(acknowledged))
                                        .map(updated -> acknowledged.length);
                            });
                }));
    }

    /** Sends one row; its id once the broker has it, or null when it could not be sent (it stays pending). */
    private Uni<Long> publish(Row row) {
        long id = row.getLong("id");
        String topic = row.getString("topic");
        Object aggregate = row.getUUID("aggregate_id");
        return Uni.createFrom().deferred(() -> publishers.get(topic).apply(row.getString("payload")))
                .ifNoItem().after(config.sendTimeout()).fail()
                .map(sent -> {
                    Log.infof("Published outbox row %d to %s for %s", id, topic, aggregate);
                    return id;
                })
                .onFailure().recoverWithItem(failure -> {
                    if (failure instanceof UnreadablePayloadException) {
                        // A row we cannot read would fail every time: leave it for an operator.
                        Log.errorf(failure, "Outbox row %d for %s is unreadable and stays unpublished", id, aggregate);
                    } else {
                        Log.warnf("Outbox row %d to %s for %s not sent, stays pending: %s", id, topic, aggregate,
                                failure.toString());
                    }
                    return null;
                });
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
