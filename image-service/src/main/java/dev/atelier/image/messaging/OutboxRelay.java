package dev.atelier.image.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.Channels;
import dev.atelier.events.CreditsChanged;
import dev.atelier.events.GenerationCanceled;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.Topics;
import dev.atelier.image.config.ImageConfig;
import dev.atelier.outbox.OutboxPublishers;
import dev.atelier.outbox.OutboxSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes the image-service's outbox rows ({@code generation.requested}, {@code generation.canceled},
 * {@code credits.changed}) through the shared {@link dev.atelier.outbox.OutboxRelay}, pipelined: a claimed batch goes
 * to the producer without waiting for each ack and is marked published in one update. A submit, a cancel and the
 * reaper kick it right after their commit; a scheduled sweep catches whatever a kick missed (e.g. rows committed
 * just before a crash, or credit changes written by the consumers).
 */
@ApplicationScoped
public class OutboxRelay {
    private final dev.atelier.outbox.OutboxRelay relay;

    public OutboxRelay(Pool pool, ImageConfig config, ObjectMapper mapper,
            @Channel(Channels.GENERATION_REQUESTED) MutinyEmitter<GenerationRequested> generationRequested,
            @Channel(Channels.GENERATION_CANCELED) MutinyEmitter<GenerationCanceled> generationCanceled,
            @Channel(Channels.CREDITS_CHANGED) MutinyEmitter<CreditsChanged> creditsChanged) {
        ImageConfig.Outbox outbox = config.outbox();
        this.relay = new dev.atelier.outbox.OutboxRelay(pool,
                OutboxSettings.of(outbox.batchSize(), outbox.sendTimeout(), outbox.retention()),
                new OutboxPublishers(mapper)
                        .add(Topics.GENERATION_REQUESTED, GenerationRequested.class, generationRequested)
                        .add(Topics.GENERATION_CANCELED, GenerationCanceled.class, generationCanceled)
                        .add(Topics.CREDITS_CHANGED, CreditsChanged.class, creditsChanged)
                        .build());
    }

    /** Reactive Messaging connects emitters at startup with a higher priority than this default observer. */
    void onStart(@Observes StartupEvent event) {
        relay.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        relay.stop();
    }

    /** Publish what is pending, soon, without waiting; cheap to call often. */
    public void kick() {
        relay.kick();
    }

    @Scheduled(every = "${atelier.image.outbox.sweep-interval}", delayed = "${atelier.image.outbox.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        relay.kick();
    }

    @Scheduled(every = "${atelier.image.outbox.purge-interval}", delayed = "${atelier.image.outbox.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return relay.purge().replaceWithVoid();
    }
}
