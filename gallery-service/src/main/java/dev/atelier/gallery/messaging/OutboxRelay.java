package dev.atelier.gallery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.Channels;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.ImageDownloaded;
import dev.atelier.events.ImageStored;
import dev.atelier.events.Topics;
import dev.atelier.gallery.config.OutboxConfig;
import dev.atelier.outbox.OutboxPublishers;
import dev.atelier.outbox.OutboxSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes the gallery's outbox rows ({@code image.stored}, {@code image.deleted}, {@code image.downloaded}) through
 * the shared {@link dev.atelier.outbox.OutboxRelay}, in strict order: an advisory lock makes the replicas relay one
 * after the other and a failed send ends the batch, so a user's events leave in the order they were written even
 * with several replicas. A commit that wrote rows wakes it through a NOTIFY ({@link OutboxNotifications}); a
 * scheduled sweep catches whatever no notification announced.
 */
@ApplicationScoped
public class OutboxRelay {
    /** The advisory lock the replicas relay under; unchanged so old and new replicas exclude each other. */
    private static final String REPLICA_LOCK = "gallery-outbox-relay";

    private final dev.atelier.outbox.OutboxRelay relay;

    public OutboxRelay(Pool pool, OutboxConfig config, ObjectMapper mapper,
            @Channel(Channels.IMAGE_STORED) MutinyEmitter<ImageStored> stored,
            @Channel(Channels.IMAGE_DELETED) MutinyEmitter<ImageDeleted> deleted,
            @Channel(Channels.IMAGE_DOWNLOADED) MutinyEmitter<ImageDownloaded> downloaded) {
        this.relay = new dev.atelier.outbox.OutboxRelay(pool,
                OutboxSettings.of(config.batchSize(), config.sendTimeout(), config.retention())
                        .inStrictOrder(REPLICA_LOCK),
                new OutboxPublishers(mapper)
                        .add(Topics.IMAGE_STORED, ImageStored.class, stored)
                        .add(Topics.IMAGE_DELETED, ImageDeleted.class, deleted)
                        .add(Topics.IMAGE_DOWNLOADED, ImageDownloaded.class, downloaded)
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

    @Scheduled(every = "${atelier.gallery.outbox.sweep-interval}",
            delayed = "${atelier.gallery.outbox.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        relay.kick();
    }

    @Scheduled(every = "${atelier.gallery.outbox.purge-interval}",
            delayed = "${atelier.gallery.outbox.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return relay.purge().replaceWithVoid();
    }
}
